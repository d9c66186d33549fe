/* Unit tests of app_survey_feed (src/app/app_survey_results.c) on a scratch
 * database (both engines, testdb): a survey run's results fed to the
 * satisfaction targets of the unit's plans and to the survey-sourced
 * criteria of a PAR campaign. The expected values are computed here from
 * the responses themselves (survey.h: share of answers >= satisfied_min, or
 * mean score / points x 100, per item; group = mean of its items; overall =
 * mean of the groups), not through the survey code. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_par_campaign.h"
#include "app/app_par_framework.h"
#include "app/app_par_results.h"
#include "app/app_par_sheet.h"
#include "app/app_survey.h"
#include "app/app_targets.h"
#include "base/dtime.h"
#include "base/jsonx.h"
#include "base/log.h"
#include "base/mem.h"
#include "io/par_framework_io.h"
#include "store/store_plan.h"
#include "store/store_target.h"
#include "support/app_conn.h"
#include "support/app_fixture.h"
#include "support/testdir.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Maxima: 1.1 (4) + 2.1 (2) + 3.1 (2, survey) + 3.2 (2, survey) = 10. */
static const char *FW_JSON =
    "{\"name\":\"Bộ tiêu chí khảo sát\",\"year\":2020,\"year_to\":2099,\"unit_kind\":\"so\","
    "\"nodes\":["
    "{\"code\":\"1\",\"name\":\"Chỉ đạo, điều hành\",\"max\":4,\"area\":\"chidao\"},"
    "{\"code\":\"1.1\",\"name\":\"Ban hành kế hoạch\",\"max\":4,\"method\":\"manual\"},"
    "{\"code\":\"2\",\"name\":\"Cải cách thể chế\",\"max\":2,\"area\":\"theche\"},"
    "{\"code\":\"2.1\",\"name\":\"Rà soát văn bản\",\"max\":2,\"method\":\"manual\"},"
    "{\"code\":\"3\",\"name\":\"Mức độ hài lòng\",\"max\":4,\"area\":\"tacdong\"},"
    "{\"code\":\"3.1\",\"name\":\"Hài lòng chung\",\"max\":2,\"method\":\"manual\","
    "\"source\":\"survey\"},"
    "{\"code\":\"3.2\",\"name\":\"Hài lòng về kết quả\",\"max\":2,\"method\":\"manual\","
    "\"source\":\"survey\"}]}";

/* Two groups of two items; 3.1 takes the overall index, 3.2 group B's.
 * %s: the form's code, %s: an extra "par" mapping (or ""). */
static const char *FORM_FMT =
    "{\"format\":\"cchc-survey/1\",\"code\":\"%s\",\"version\":\"1\","
    "\"title\":\"Khảo sát sự hài lòng thử\","
    "\"scale\":{\"points\":5,\"satisfied_min\":4},\"rule\":\"share\",\"groups\":["
    "{\"code\":\"A\",\"name\":\"Tiếp cận\",\"items\":[{\"code\":\"A1\",\"text\":\"a1\"},"
    "{\"code\":\"A2\",\"text\":\"a2\"}]},"
    "{\"code\":\"B\",\"name\":\"Kết quả\",\"items\":[{\"code\":\"B1\",\"text\":\"b1\"},"
    "{\"code\":\"B2\",\"text\":\"b2\"}]}],"
    "\"par\":[{\"criterion\":\"3.1\",\"index\":\"overall\"},"
    "{\"criterion\":\"3.2\",\"index\":\"group:B\"}%s]}";

#define NITEMS 4
#define NRESP  7
/* Scores of A1, A2, B1, B2 per response (0 = not answered). */
static const int RESP[NRESP][NITEMS] = {{5, 4, 3, 5}, {4, 2, 4, 0}, {3, 5, 5, 2}, {1, 4, 0, 4},
                                        {5, 5, 4, 3}, {2, 3, 5, 5}, {4, 4, 2, 1}};
static const char *const ITEM[NITEMS] = {"A1", "A2", "B1", "B2"};
static const int GROUP_OF[NITEMS] = {0, 0, 1, 1};

typedef struct fx {
    app_fixture_t *af;
    app_t *a;
    int64_t fw, camp, form, run;
    int year;
    int64_t t_sat, t_kpi, t_other, t_points, t_dis; /* target ids */
    int64_t plan;
} fx_t;

static user_t U(const char *login, access_role_t role, const char *unit)
{
    user_t u;
    memset(&u, 0, sizeof u);
    snprintf(u.login, sizeof u.login, "%s", login);
    u.role = role;
    snprintf(u.unit_code, sizeof u.unit_code, "%s", unit);
    return u;
}

/* ---- the independent computation ------------------------------------------ */

/* Item index in percent under rule "share" (mean false) or "mean". */
static double item_index(int item, bool mean)
{
    int n = 0, sat = 0, sum = 0;
    for (int r = 0; r < NRESP; r++) {
        int v = RESP[r][item];
        if (!v)
            continue;
        n++;
        sum += v;
        sat += v >= 4;
    }
    return mean ? (double)sum / n / 5 * 100 : (double)sat / n * 100;
}

static double group_index(int g, bool mean)
{
    double s = 0;
    int n = 0;
    for (int i = 0; i < NITEMS; i++)
        if (GROUP_OF[i] == g) {
            s += item_index(i, mean);
            n++;
        }
    return s / n;
}

static double overall_index(bool mean)
{
    return (group_index(0, mean) + group_index(1, mean)) / 2;
}

static double round_to(double v, int decimals)
{
    double k = decimals == 2 ? 100 : 1000;
    return round(v * k) / k;
}

/* ---- set-up ----------------------------------------------------------------- */

static int64_t add_plan(fx_t *f, const char *unit, int year, const planparse_target_t *t, size_t n,
                        const char *hash)
{
    planparse_plan_t *p = planparse_plan_new();
    assert_non_null(p);
    p->doc.year = year;
    p->doc.title = mem_strdup("Kế hoạch cải cách hành chính thử");
    for (size_t i = 0; i < n; i++)
        assert_int_equal(planparse_plan_add_target(p, &t[i]), 0);
    store_plan_meta_t m;
    memset(&m, 0, sizeof m);
    snprintf(m.hash, sizeof m.hash, "%s", hash);
    snprintf(m.source_name, sizeof m.source_name, "kh-%s.txt", unit);
    snprintf(m.unit_code, sizeof m.unit_code, "%s", unit);
    snprintf(m.imported_at, sizeof m.imported_at, "2025-01-02T08:00:00");
    snprintf(m.imported_by, sizeof m.imported_by, "cli");
    store_t *s = app_conn(f->a);
    err_t e;
    int64_t id = 0;
    assert_int_equal(store_begin(s, &e), 0);
    assert_int_equal(store_plan_insert(s, p, &m, &id, &e), 0);
    assert_int_equal(store_commit(s, &e), 0);
    planparse_plan_free(p);
    return id;
}

typedef struct ids {
    int64_t v[8];
    size_t n;
} ids_t;

static int collect(void *ctx, const store_target_row_t *r, err_t *e)
{
    (void)e;
    ids_t *x = ctx;
    if (x->n < 8)
        x->v[x->n++] = r->id;
    return 0;
}

static void plans(fx_t *f)
{
    planparse_target_t t[] = {
        {PLANPARSE_AREA_TACDONG,
         "other",
         PLANPARSE_OP_GE,
         90,
         0,
         "%",
         "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của Sở đạt từ 90% trở lên",
         {1, 0}},
        {PLANPARSE_AREA_TTHC,
         "tthc.satisfaction",
         PLANPARSE_OP_GE,
         95,
         0,
         "%",
         "Tỷ lệ hài lòng về giải quyết thủ tục hành chính đạt 95%",
         {2, 0}},
        {PLANPARSE_AREA_SO,
         "other",
         PLANPARSE_OP_EQ,
         100,
         0,
         "%",
         "100% văn bản được gửi nhận trên môi trường điện tử",
         {3, 0}},
        {PLANPARSE_AREA_TACDONG,
         "other",
         PLANPARSE_OP_GE,
         8,
         0,
         "điểm",
         "Điểm hài lòng bình quân đạt từ 8 điểm trở lên",
         {4, 0}},
        {PLANPARSE_AREA_TACDONG,
         "other",
         PLANPARSE_OP_LT,
         5,
         0,
         "%",
         "Tỷ lệ người dân không hài lòng với sự phục vụ của Sở dưới 5%",
         {5, 0}},
    };
    f->plan = add_plan(f, "P.SYT", f->year, t, 5, "hash-syt");
    add_plan(f, "P.SYT", f->year - 1, t, 1, "hash-syt-old");
    add_plan(f, "P.SNV", f->year, t, 1, "hash-snv");
    ids_t x = {0};
    err_t e;
    assert_int_equal(store_target_rows(app_conn(f->a), f->plan, 0, 0, collect, &x, &e), 0);
    assert_int_equal(x.n, 5);
    f->t_sat = x.v[0];
    f->t_kpi = x.v[1];
    f->t_other = x.v[2];
    f->t_points = x.v[3];
    f->t_dis = x.v[4];
}

static int64_t import_form(fx_t *f, const char *code, const char *extra)
{
    char form[4096];
    snprintf(form, sizeof form, FORM_FMT, code, extra);
    err_t e;
    int64_t id = 0;
    bool created = false;
    if (app_survey_form_import(f->a, NULL, form, strlen(form), &id, &created, &e))
        fail_msg("form: %s", e.en);
    return id;
}

static int64_t new_run_of(fx_t *f, int64_t form, const char *rule, const char *unit, int year,
                          bool answers)
{
    char period[8];
    snprintf(period, sizeof period, "%d", year);
    app_survey_in_t in = {form, unit, period, rule};
    err_t e;
    int64_t run = 0;
    if (app_survey_create(f->a, NULL, &in, &run, &e))
        fail_msg("run: %s", e.en);
    app_survey_t s;
    assert_int_equal(app_survey_load(f->a, NULL, ACCESS_READ, run, NULL, &s, &e), 0);
    for (int r = 0; answers && r < NRESP; r++) {
        app_survey_answer_t v[NITEMS];
        char vals[NITEMS][4];
        size_t n = 0;
        for (int i = 0; i < NITEMS; i++) {
            if (!RESP[r][i])
                continue;
            snprintf(vals[n], sizeof vals[n], "%d", RESP[r][i]);
            v[n] = (app_survey_answer_t){ITEM[i], vals[n]};
            n++;
        }
        char device[40];
        snprintf(device, sizeof device, "device-%08lld-%04d", (long long)run, r);
        app_survey_response_in_t rin = {v, n, device, NULL};
        if (app_survey_respond(f->a, s.run.token, &rin, &e))
            fail_msg("respond: %s", e.en);
    }
    app_survey_release(&s);
    if (answers) /* only a closed run's results are fed */
        assert_int_equal(app_survey_set(f->a, NULL, run, "closed", NULL, &e), 0);
    return run;
}

static int64_t new_run(fx_t *f, int64_t form, const char *rule, const char *unit, bool answers)
{
    return new_run_of(f, form, rule, unit, f->year, answers);
}

static int setup(void **state)
{
    log_set_level(LOG_WARN);
    fx_t *f = calloc(1, sizeof *f);
    f->af = app_fixture_start();
    f->a = f->af->a;
    f->year = date_year(dtime_date(dtime_now()));
    err_t e;
    assert_int_equal(store_exec(app_conn(f->a),
                                "INSERT INTO unit (code, name, name_key, kind, parent_code) VALUES "
                                "('P', 'UBND tỉnh Thử', 'ubnd tinh thu', 'tinh', NULL),"
                                "('P.SNV', 'Sở Nội vụ', 'so noi vu', 'so', 'P'),"
                                "('P.SYT', 'Sở Y tế', 'so y te', 'so', 'P'),"
                                "('P.X1', 'UBND xã Một', 'ubnd xa mot', 'xa', 'P')",
                                &e),
                     0);
    par_framework_t *fw = NULL;
    assert_int_equal(par_framework_io_read(FW_JSON, strlen(FW_JSON), "t.json", &fw, NULL, &e), 0);
    bool ins = false;
    assert_int_equal(app_par_framework_import(f->a, NULL, fw, "t.json", FW_JSON, strlen(FW_JSON),
                                              &f->fw, &ins, &e),
                     0);
    par_framework_free(fw);
    app_par_campaign_in_t in;
    app_par_campaign_in_init(&in);
    in.year = f->year;
    in.framework_id = f->fw;
    date_t today = dtime_date(dtime_now());
    in.opens_on = today - 5;
    in.self_due = today + 5;
    in.round1_due = today + 10;
    in.explain_due = today + 15;
    in.round2_due = today + 20;
    in.publish_due = today + 30;
    user_t snv = U("snv", ACCESS_ROLE_STANDING, "P");
    if (app_par_campaign_create(f->a, &snv, &in, &f->camp, &e))
        fail_msg("campaign: %s", e.en);
    plans(f);
    f->form = import_form(f, "thu", "");
    f->run = new_run(f, f->form, NULL, "P.SYT", true);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    app_fixture_free(f->af);
    free(f);
    return 0;
}

/* ---- reading back ------------------------------------------------------------- */

/* The measurement of target id in the plan's list for unit (NULL when none). */
static json_t *measurement(fx_t *f, int64_t plan, const char *unit, int64_t target, json_t **list)
{
    app_target_query_t q = {plan, unit, 0, DATE_NONE, false};
    err_t e;
    if (app_targets_list(f->a, NULL, &q, list, &e))
        fail_msg("targets: %s", e.en);
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(*list, "items"), i, it)
    {
        if (json_integer_value(json_object_get(it, "id")) == target) {
            json_t *m = json_object_get(it, "measurement");
            return json_is_object(m) ? m : NULL;
        }
    }
    fail_msg("no target %lld", (long long)target);
    return NULL;
}

static long long count(fx_t *f, const char *sql)
{
    store_stmt_t *st;
    err_t e;
    assert_int_equal(store_prepare(app_conn(f->a), sql, &st, &e), 0);
    assert_int_equal(store_step(st, &e), STORE_ROW);
    long long n = (long long)store_col_int(st, 0);
    store_stmt_done(st);
    return n;
}

static json_t *sheet_node(fx_t *f, const char *unit, const char *code, json_t **sheet)
{
    user_t snv = U("snv", ACCESS_ROLE_STANDING, "P");
    err_t e;
    if (app_par_sheet_get(f->a, &snv, f->camp, unit, sheet, &e))
        fail_msg("sheet: %s", e.en);
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(*sheet, "nodes"), i, n)
    {
        if (strcmp(jsonx_str(n, "code", ""), code) == 0)
            return n;
    }
    fail_msg("no node %s", code);
    return NULL;
}

static double num(json_t *o, const char *k)
{
    return json_number_value(json_object_get(o, k));
}

static void near(double got, double want)
{
    if (fabs(got - want) > 1e-9)
        fail_msg("got %.6f, want %.6f", got, want);
}

/* ---- targets ------------------------------------------------------------------ */

static void feed_targets_share_then_mean(void **state)
{
    fx_t *f = *state;
    err_t e;
    json_t *rep = NULL, *list = NULL;
    user_t off = U("canbo", ACCESS_ROLE_OFFICER, "P.SYT");
    /* share: A 4/7, 5/7; B 4/6, 3/6 -> overall (64.2857 + 58.3333) / 2 = 61.31 */
    double want = round_to(overall_index(false), 2);
    near(want, 61.31);
    if (app_survey_feed(f->a, &off, f->run, true, 0, &rep, &e))
        fail_msg("feed: %s", e.en);
    json_t *fed = json_object_get(rep, "targets");
    assert_int_equal(json_array_size(fed), 1); /* only the satisfaction target in % */
    assert_int_equal(json_integer_value(json_object_get(json_array_get(fed, 0), "id")), f->t_sat);
    near(num(json_array_get(fed, 0), "value"), want);
    assert_true(json_is_null(json_object_get(rep, "par")));
    json_decref(rep);
    json_t *m = measurement(f, f->plan, "P.SYT", f->t_sat, &list);
    assert_non_null(m);
    near(num(m, "value"), want);
    char period[8];
    snprintf(period, sizeof period, "%d", f->year);
    assert_string_equal(jsonx_str(m, "period", ""), period);
    assert_string_equal(jsonx_str(m, "source", ""), "manual");
    assert_string_equal(jsonx_str(m, "author", ""), "canbo");
    const char *note = jsonx_str(m, "note", "");
    assert_non_null(strstr(note, "Khảo sát sự hài lòng thử"));
    assert_non_null(strstr(note, "7 phiếu"));
    json_decref(list);
    /* never fed: the computed tthc.satisfaction, a % target not about
     * satisfaction, a satisfaction target in points */
    assert_null(measurement(f, f->plan, "P.SYT", f->t_other, &list));
    json_decref(list);
    assert_null(measurement(f, f->plan, "P.SYT", f->t_points, &list));
    json_decref(list);
    /* "không hài lòng dưới 5%" measures the opposite */
    assert_null(measurement(f, f->plan, "P.SYT", f->t_dis, &list));
    json_decref(list);
    json_t *kpi = NULL;
    measurement(f, f->plan, "P.SYT", f->t_kpi, &kpi);
    json_t *it = NULL;
    size_t i;
    json_array_foreach(json_object_get(kpi, "items"), i, it)
    {
        if (json_integer_value(json_object_get(it, "id")) == f->t_kpi)
            break;
    }
    json_t *km = json_object_get(it, "measurement");
    assert_true(json_is_null(km) || strcmp(jsonx_str(km, "source", ""), "kpi") == 0);
    json_decref(kpi);
    /* one measurement row, of this target only: other units' and years' plans untouched */
    assert_int_equal(count(f, "SELECT COUNT(*) FROM target_measurement"), 1);

    /* the same survey under the mean rule, fed again: a newer measurement of
     * the same period counts (history kept: two rows) */
    assert_int_equal(app_survey_set(f->a, NULL, f->run, NULL, "mean", &e), 0);
    double want2 = round_to(overall_index(true), 2);
    near(want2, 72.26);
    if (app_survey_feed(f->a, &off, f->run, true, 0, &rep, &e))
        fail_msg("feed: %s", e.en);
    near(num(json_array_get(json_object_get(rep, "targets"), 0), "value"), want2);
    json_decref(rep);
    m = measurement(f, f->plan, "P.SYT", f->t_sat, &list);
    near(num(m, "value"), want2);
    assert_non_null(strstr(jsonx_str(m, "note", ""), "điểm trung bình"));
    json_decref(list);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM target_measurement"), 2);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_event WHERE action = 'target.measure'"),
                     2);
}

static void feed_targets_refused(void **state)
{
    fx_t *f = *state;
    err_t e;
    json_t *rep = NULL;
    user_t other = U("canbo2", ACCESS_ROLE_OFFICER, "P.SNV");
    user_t viewer = U("xem", ACCESS_ROLE_VIEWER, "P.SYT");
    assert_int_equal(app_survey_feed(f->a, &other, f->run, true, 0, &rep, &e), ERR_FORBIDDEN);
    assert_null(rep);
    assert_int_equal(app_survey_feed(f->a, &viewer, f->run, true, 0, &rep, &e), ERR_FORBIDDEN);
    assert_null(rep);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM target_measurement"), 0);
    /* a run without responses feeds nothing */
    int64_t empty = new_run(f, import_form(f, "rong", ""), NULL, "P.SNV", false);
    assert_int_equal(app_survey_feed(f->a, NULL, empty, true, 0, &rep, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "survey.no_data");
    assert_int_equal(app_survey_feed(f->a, NULL, 999999, true, 0, &rep, &e), ERR_NOTFOUND);
    /* nothing asked */
    assert_int_equal(app_survey_feed(f->a, NULL, f->run, false, 0, &rep, &e), ERR_INVALID);
    assert_string_equal(e.code, "survey.feed");
    assert_int_equal(count(f, "SELECT COUNT(*) FROM target_measurement"), 0);
}

/* An open run's figures still move: feeding it is refused (409
 * survey.open), nothing written; once closed it feeds. */
static void feed_open_refused(void **state)
{
    fx_t *f = *state;
    err_t e;
    json_t *rep = NULL;
    user_t snv = U("snv", ACCESS_ROLE_STANDING, "P");
    assert_int_equal(app_survey_set(f->a, NULL, f->run, "open", NULL, &e), 0);
    assert_int_equal(app_survey_feed(f->a, &snv, f->run, true, 0, &rep, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "survey.open");
    assert_null(rep);
    assert_int_equal(app_survey_feed(f->a, &snv, f->run, false, f->camp, &rep, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "survey.open");
    assert_int_equal(count(f, "SELECT COUNT(*) FROM target_measurement"), 0);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM par_score WHERE code IN ('3.1', '3.2')"), 0);
    assert_int_equal(app_survey_set(f->a, NULL, f->run, "closed", NULL, &e), 0);
    if (app_survey_feed(f->a, &snv, f->run, true, 0, &rep, &e))
        fail_msg("feed: %s", e.en);
    json_decref(rep);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM target_measurement"), 1);
}

/* Two satisfaction targets are fed in one transaction: a failure while
 * feeding (here an allocation refused at every step in turn) leaves no
 * measurement at all, never the first one alone. */
static void feed_targets_all_or_nothing(void **state)
{
    fx_t *f = *state;
    planparse_target_t t2 = {PLANPARSE_AREA_TACDONG,
                             "other",
                             PLANPARSE_OP_GE,
                             85,
                             0,
                             "%",
                             "Tỷ lệ hài lòng của tổ chức, cá nhân với dịch vụ y tế công đạt 85%",
                             {1, 0}};
    add_plan(f, "P.SYT", f->year, &t2, 1, "hash-syt-2");
    err_t e;
    json_t *rep = NULL;
    user_t off = U("canbo", ACCESS_ROLE_OFFICER, "P.SYT");
    int rc = -1;
    long n;
    for (n = 1; n < 5000 && rc; n++) {
        mem_fail_after(n);
        rc = app_survey_feed(f->a, &off, f->run, true, 0, &rep, &e);
        mem_fail_after(-1);
        if (rc) {
            assert_null(rep);
            assert_int_equal(count(f, "SELECT COUNT(*) FROM target_measurement"), 0);
            assert_int_equal(
                count(f, "SELECT COUNT(*) FROM audit_event WHERE action = 'target.measure'"), 0);
        }
    }
    assert_int_equal(rc, 0);
    assert_true(n > 2);
    assert_int_equal(json_array_size(json_object_get(rep, "targets")), 2);
    json_decref(rep);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM target_measurement"), 2);
}

/* ---- campaign ----------------------------------------------------------------- */

static void feed_campaign(void **state)
{
    fx_t *f = *state;
    err_t e;
    json_t *rep = NULL, *sheet = NULL;
    user_t snv = U("snv", ACCESS_ROLE_STANDING, "P");
    user_t off = U("canbo", ACCESS_ROLE_OFFICER, "P.SYT");
    /* the unit's officer may not feed the campaign (nor, then, its targets) */
    assert_int_equal(app_survey_feed(f->a, &off, f->run, false, f->camp, &rep, &e), ERR_FORBIDDEN);
    assert_int_equal(app_survey_feed(f->a, &off, f->run, true, f->camp, &rep, &e), ERR_FORBIDDEN);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM target_measurement"), 0);
    json_t *n31 = sheet_node(f, "P.SYT", "3.1", &sheet); /* json_is_null evaluates twice */
    assert_true(json_is_null(json_object_get(n31, "survey_ratio")));
    json_decref(sheet);

    if (app_survey_feed(f->a, &snv, f->run, true, f->camp, &rep, &e))
        fail_msg("feed: %s", e.en);
    json_t *par = json_object_get(rep, "par");
    assert_int_equal(num(par, "rows"), 2);
    assert_int_equal(num(par, "units"), 1);
    assert_int_equal(json_array_size(json_object_get(rep, "targets")), 1);
    json_decref(rep);
    /* 3.1: the overall index as a ratio (3 decimals) of its maximum 2;
     * 3.2: group B's (4/6 and 3/6 -> 58.333 %) */
    double r31 = round_to(overall_index(false), 3), r32 = round_to(group_index(1, false), 3);
    near(r32, 58.333);
    double p31 = round_to(2 * r31 / 100, 3), p32 = round_to(2 * r32 / 100, 3);
    json_t *n = sheet_node(f, "P.SYT", "3.1", &sheet);
    near(num(n, "survey_ratio"), r31);
    near(num(n, "points"), p31);
    assert_string_equal(jsonx_str(n, "from", ""), "survey_ratio");
    json_decref(sheet);
    n = sheet_node(f, "P.SYT", "3.2", &sheet);
    near(num(n, "survey_ratio"), r32);
    near(num(n, "points"), p32);
    json_decref(sheet);
    /* the results: total = the survey points, max 10, index 2 decimals */
    json_t *res = NULL;
    assert_int_equal(app_par_results_get(f->a, &snv, f->camp, &res, &e), 0);
    json_t *u = NULL, *x;
    size_t i;
    json_array_foreach(json_object_get(res, "units"), i, x)
    {
        if (strcmp(jsonx_str(x, "unit", ""), "P.SYT") == 0)
            u = x;
    }
    assert_non_null(u);
    assert_true(json_is_true(json_object_get(res, "survey_held")));
    near(num(u, "total"), p31 + p32);
    near(num(u, "max"), 10);
    near(num(u, "index"), round_to((p31 + p32) / 10 * 100, 2));
    json_decref(res);
    /* fed again: the same values, no second row per leaf */
    if (app_survey_feed(f->a, &snv, f->run, false, f->camp, &rep, &e))
        fail_msg("feed: %s", e.en);
    json_decref(rep);
    n = sheet_node(f, "P.SYT", "3.1", &sheet);
    near(num(n, "survey_ratio"), r31);
    json_decref(sheet);
}

static void feed_campaign_refused(void **state)
{
    fx_t *f = *state;
    err_t e;
    json_t *rep = NULL, *sheet = NULL;
    user_t snv = U("snv", ACCESS_ROLE_STANDING, "P");
    /* a mapping naming a criterion that is not survey-sourced: nothing written */
    int64_t form = import_form(f, "sai", ",{\"criterion\":\"2.1\",\"index\":\"group:A\"}");
    int64_t run = new_run(f, form, NULL, "P.SYT", true);
    assert_int_equal(app_survey_feed(f->a, &snv, run, true, f->camp, &rep, &e), ERR_INVALID);
    assert_string_equal(e.code, "par.survey");
    assert_non_null(strstr(e.vi, "chưa ghi gì"));
    json_t *errs = json_object_get(rep, "errors");
    assert_int_equal(json_array_size(errs), 1);
    assert_string_equal(jsonx_str(json_array_get(errs, 0), "code", ""), "par.not_survey");
    json_decref(rep);
    rep = NULL;
    json_t *n31 = sheet_node(f, "P.SYT", "3.1", &sheet); /* json_is_null evaluates twice */
    assert_true(json_is_null(json_object_get(n31, "survey_ratio")));
    json_decref(sheet);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM target_measurement"), 0);
    /* a unit outside the campaign (a commune in a campaign of departments) */
    int64_t xrun = new_run(f, f->form, NULL, "P.X1", true);
    assert_int_equal(app_survey_feed(f->a, &snv, xrun, false, f->camp, &rep, &e), ERR_INVALID);
    assert_string_equal(jsonx_str(json_array_get(json_object_get(rep, "errors"), 0), "code", ""),
                        "par.unit_not_in_campaign");
    json_decref(rep);
    rep = NULL;
    /* a survey of another year than the campaign's: 409 survey.par_year */
    int64_t old = new_run_of(f, f->form, NULL, "P.SYT", f->year - 1, true);
    assert_int_equal(app_survey_feed(f->a, &snv, old, true, f->camp, &rep, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "survey.par_year");
    assert_null(rep);
    /* survey_mode none: 409 survey.par_off, nothing written */
    app_par_campaign_in_t in;
    app_par_campaign_in_init(&in);
    in.survey_mode = "none";
    assert_int_equal(app_par_campaign_update(f->a, &snv, f->camp, &in, &e), 0);
    assert_int_equal(app_survey_feed(f->a, &snv, f->run, true, f->camp, &rep, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "survey.par_off");
    assert_null(rep);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM target_measurement"), 0);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM par_score WHERE code IN ('3.1', '3.2')"), 0);
    /* an unknown campaign */
    assert_int_equal(app_survey_feed(f->a, &snv, f->run, false, 999999, &rep, &e), ERR_NOTFOUND);
}

/* ---- the shipped SIPAS template ------------------------------------------------- */

#define SIPAS_RESP 40

typedef struct sipas {
    json_t *form;                   /* the template, with a "par" mapping added */
    int score[SIPAS_RESP][64];      /* per response, per item in form order; 0 = none */
    const char *code[64];           /* item codes (borrowed from form) */
    int group[64], ngroups, nitems; /* group of each item */
    int comp_of[16];                /* component of each group */
    const char *comps[4];
    int ncomps, points, sat_min;
} sipas_t;

static void sipas_load(sipas_t *x)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/data/surveys/sipas-2025.json", testdir_root());
    json_error_t je;
    x->form = json_load_file(path, 0, &je);
    assert_non_null(x->form);
    json_t *scale = json_object_get(x->form, "scale");
    x->points = (int)jsonx_int(scale, "points", 0);
    x->sat_min = (int)jsonx_int(scale, "satisfied_min", 0);
    size_t i, k;
    json_t *c, *g, *it;
    json_array_foreach(json_object_get(x->form, "components"), i, c)
    {
        x->comps[x->ncomps++] = jsonx_str(c, "code", "");
    }
    json_array_foreach(json_object_get(x->form, "groups"), i, g)
    {
        for (int m = 0; m < x->ncomps; m++)
            if (strcmp(x->comps[m], jsonx_str(g, "component", "")) == 0)
                x->comp_of[x->ngroups] = m;
        json_array_foreach(json_object_get(g, "items"), k, it)
        {
            x->group[x->nitems] = x->ngroups;
            x->code[x->nitems++] = jsonx_str(it, "code", "");
        }
        x->ngroups++;
    }
    assert_int_equal(x->ncomps, 2);
    assert_int_equal(x->nitems, 27);
    /* deterministic answers: 0 (none) to 5, a few skipped */
    uint32_t r = 12345;
    for (int n = 0; n < SIPAS_RESP; n++) {
        int any = 0;
        for (int i2 = 0; i2 < x->nitems; i2++) {
            r = r * 1103515245u + 12345u;
            x->score[n][i2] = (int)((r >> 16) % 6);
            any |= x->score[n][i2];
        }
        if (!any)
            x->score[n][0] = 3;
    }
    json_object_set_new(x->form, "par",
                        json_pack("[{s:s,s:s},{s:s,s:s}]", "criterion", "3.1", "index",
                                  "component:dvhcc", "criterion", "3.2", "index", "overall"));
}

/* Indices of the template's answers: item, then groups, components, overall. */
static double sipas_item(const sipas_t *x, int i, bool mean)
{
    int n = 0, sat = 0, sum = 0;
    for (int r = 0; r < SIPAS_RESP; r++) {
        int v = x->score[r][i];
        if (v) {
            n++;
            sum += v;
            sat += v >= x->sat_min;
        }
    }
    if (!n)
        return -1;
    return mean ? (double)sum / n / x->points * 100 : (double)sat / n * 100;
}

static double sipas_group(const sipas_t *x, int g, bool mean)
{
    double s = 0;
    int n = 0;
    for (int i = 0; i < x->nitems; i++) {
        double v = x->group[i] == g ? sipas_item(x, i, mean) : -1;
        if (v >= 0) {
            s += v;
            n++;
        }
    }
    return n ? s / n : -1;
}

static double sipas_comp(const sipas_t *x, int c, bool mean)
{
    double s = 0;
    int n = 0;
    for (int g = 0; g < x->ngroups; g++) {
        double v = x->comp_of[g] == c ? sipas_group(x, g, mean) : -1;
        if (v >= 0) {
            s += v;
            n++;
        }
    }
    return n ? s / n : -1;
}

static double sipas_overall(const sipas_t *x, bool mean)
{
    return (sipas_comp(x, 0, mean) + sipas_comp(x, 1, mean)) / 2;
}

static void sipas_template(void **state)
{
    fx_t *f = *state;
    sipas_t *x = calloc(1, sizeof *x);
    sipas_load(x);
    char *text = json_dumps(x->form, 0);
    err_t e;
    int64_t form = 0;
    bool created = false;
    if (app_survey_form_import(f->a, NULL, text, strlen(text), &form, &created, &e))
        fail_msg("form: %s", e.en);
    free(text);
    int64_t run = new_run_of(f, form, NULL, "P.SYT", f->year, false);
    app_survey_t s;
    assert_int_equal(app_survey_load(f->a, NULL, ACCESS_READ, run, NULL, &s, &e), 0);
    for (int r = 0; r < SIPAS_RESP; r++) {
        app_survey_answer_t v[64];
        char vals[64][4];
        size_t n = 0;
        for (int i = 0; i < x->nitems; i++)
            if (x->score[r][i]) {
                snprintf(vals[n], sizeof vals[n], "%d", x->score[r][i]);
                v[n] = (app_survey_answer_t){x->code[i], vals[n]};
                n++;
            }
        char device[40];
        snprintf(device, sizeof device, "sipas-device-%06d", r);
        app_survey_response_in_t in = {v, n, device, NULL};
        if (app_survey_respond(f->a, s.run.token, &in, &e))
            fail_msg("respond %d: %s", r, e.en);
    }
    app_survey_release(&s);
    assert_int_equal(app_survey_set(f->a, NULL, run, "closed", NULL, &e), 0);
    user_t snv = U("snv", ACCESS_ROLE_STANDING, "P");
    json_t *rep = NULL, *sheet = NULL, *list = NULL;
    for (int pass = 0; pass < 2; pass++) {
        bool mean = pass == 1;
        if (mean)
            assert_int_equal(app_survey_set(f->a, NULL, run, NULL, "mean", &e), 0);
        if (app_survey_feed(f->a, &snv, run, true, f->camp, &rep, &e))
            fail_msg("feed: %s", e.en);
        json_decref(rep);
        json_t *m = measurement(f, f->plan, "P.SYT", f->t_sat, &list);
        near(num(m, "value"), round_to(sipas_overall(x, mean), 2));
        json_decref(list);
        /* a ratio per leaf, replaced by the second feed */
        json_t *n31 = sheet_node(f, "P.SYT", "3.1", &sheet);
        near(num(n31, "survey_ratio"), round_to(sipas_comp(x, 0, mean), 3));
        json_decref(sheet);
        json_t *n32 = sheet_node(f, "P.SYT", "3.2", &sheet);
        near(num(n32, "survey_ratio"), round_to(sipas_overall(x, mean), 3));
        json_decref(sheet);
    }
    json_decref(x->form);
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(feed_targets_share_then_mean, setup, teardown),
        cmocka_unit_test_setup_teardown(feed_targets_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(feed_open_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(feed_targets_all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(feed_campaign, setup, teardown),
        cmocka_unit_test_setup_teardown(feed_campaign_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(sipas_template, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
