/* Integration test of a survey's results fed to a plan's satisfaction target
 * and to a PAR campaign's survey-sourced criteria over HTTP (API.md
 * "Satisfaction surveys", docs/internals/citizens.md "Feeding"): citizens
 * answer through the public endpoint, two paper forms come by CSV, the
 * standing agency feeds (POST /surveys/{id}/feed), and the target summary
 * and the campaign's results are read back and compared with indices
 * computed here from the answers (share of answers >= 4 per item, groups
 * the mean of their items, overall the mean of the groups), not through the
 * survey code. Refusals: another unit's officer, the unit's officer for the
 * campaign (nothing written), a mapping to a criterion that is not
 * survey-sourced (400 with the refused rows), survey_mode none (409). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/dtime.h"
#include "base/jsonx.h"
#include "support/api_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define UNIT "VL25.SYT"

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

/* %s: the form's code, %s: an extra "par" mapping (or ""). */
static const char *FORM_FMT =
    "{\"format\":\"cchc-survey/1\",\"code\":\"%s\",\"version\":\"1\","
    "\"title\":\"Khảo sát sự hài lòng Sở Y tế\","
    "\"scale\":{\"points\":5,\"satisfied_min\":4},\"rule\":\"share\",\"groups\":["
    "{\"code\":\"A\",\"name\":\"Tiếp cận\",\"items\":[{\"code\":\"A1\",\"text\":\"a1\"},"
    "{\"code\":\"A2\",\"text\":\"a2\"}]},"
    "{\"code\":\"B\",\"name\":\"Kết quả\",\"items\":[{\"code\":\"B1\",\"text\":\"b1\"},"
    "{\"code\":\"B2\",\"text\":\"b2\"}]}],"
    "\"demographics\":[{\"code\":\"gt\",\"text\":\"Giới tính\",\"options\":["
    "{\"code\":\"nam\",\"label\":\"Nam\"},{\"code\":\"nu\",\"label\":\"Nữ\"}]}],"
    "\"par\":[{\"criterion\":\"3.1\",\"index\":\"overall\"},"
    "{\"criterion\":\"3.2\",\"index\":\"group:B\"}%s]}";

/* The unit's plan: a SIPAS-type target (the parser leaves it "other"), the
 * dossiers' satisfaction (computed, never fed). */
static const char *PLAN_FMT =
    "UBND TỈNH VĨNH LONG\n"
    "SỞ Y TẾ\n"
    "Số: 15/KH-SYT\n"
    "Vĩnh Long, ngày 10 tháng 01 năm %d\n"
    "KẾ HOẠCH\n"
    "Cải cách hành chính năm %d\n"
    "I. MỤC TIÊU\n"
    "1. Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của Sở Y tế đạt từ 90%% "
    "trở lên.\n"
    "2. Tỷ lệ hài lòng của người dân về giải quyết thủ tục hành chính đạt 95%%.\n"
    "II. NHIỆM VỤ\n"
    "1. Tổ chức khảo sát sự hài lòng của người dân, tổ chức. Văn phòng Sở chủ trì. "
    "Thời gian: Quý II.\n";

#define NITEMS 4
#define NRESP  7
#define NWEB   5 /* by the public endpoint (its burst allows 5), the rest on paper */
static const int RESP[NRESP][NITEMS] = {{5, 4, 3, 5}, {4, 2, 4, 0}, {3, 5, 5, 2}, {1, 4, 0, 4},
                                        {5, 5, 4, 3}, {2, 3, 5, 5}, {4, 4, 2, 1}};
static const char *const ITEM[NITEMS] = {"A1", "A2", "B1", "B2"};

typedef struct sfx {
    apifx_t *f; /* first member: apifx_teardown */
    char admin[160], standing[160], officer[160], other[160];
    long long fw, camp, form, run, plan;
    int year;
    char token[40];
} sfx_t;

/* ---- the independent computation ------------------------------------------ */

static double item_index(int item)
{
    int n = 0, sat = 0;
    for (int r = 0; r < NRESP; r++)
        if (RESP[r][item]) {
            n++;
            sat += RESP[r][item] >= 4;
        }
    return (double)sat / n * 100;
}

static double group_b(void)
{
    return (item_index(2) + item_index(3)) / 2;
}

static double overall(void)
{
    return ((item_index(0) + item_index(1)) / 2 + group_b()) / 2;
}

static double round_to(double v, double k)
{
    return round(v * k) / k;
}

static void near(double got, double want)
{
    if (fabs(got - want) > 1e-9)
        fail_msg("got %.6f, want %.6f", got, want);
}

/* ---- set-up ----------------------------------------------------------------- */

static long long post_id(sfx_t *t, const char *path, const char *cookie, const char *ctype,
                         const char *body, int want)
{
    json_t *r = apifx_send(t->f, "POST", path, cookie, ctype, body, strlen(body), want);
    long long id = json_integer_value(json_object_get(r, "id"));
    json_decref(r);
    return id;
}

static long long new_form(sfx_t *t, const char *code, const char *extra)
{
    char form[4096];
    snprintf(form, sizeof form, FORM_FMT, code, extra);
    return post_id(t, "/api/v1/survey-forms", t->admin, "application/json", form, 201);
}

static long long new_run(sfx_t *t, long long form, char token[40])
{
    char body[256];
    snprintf(body, sizeof body, "{\"form\":%lld,\"unit\":\"%s\",\"period\":\"%d\"}", form, UNIT,
             t->year);
    long long id = post_id(t, "/api/v1/surveys", t->officer, "application/json", body, 201);
    json_t *l = apifx_json(t->f, "GET", "/api/v1/surveys?unit=" UNIT, t->officer, NULL, 200);
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(l, "items"), i, x)
    {
        if (json_integer_value(json_object_get(x, "id")) == id)
            snprintf(token, 40, "%s", jsonx_str(x, "token", ""));
    }
    json_decref(l);
    assert_int_equal(strlen(token), 16);
    return id;
}

/* Responses [from, to) as paper forms through POST /surveys/{id}/import. */
static void paper(sfx_t *t, long long run, int from, int to)
{
    char csv[1024] = "MaPhieu,A1,A2,B1,B2,gt\n", path[128];
    size_t n = strlen(csv);
    for (int r = from; r < to; r++) {
        n += (size_t)snprintf(csv + n, sizeof csv - n, "%d", r + 1);
        for (int i = 0; i < NITEMS; i++) {
            if (RESP[r][i])
                n += (size_t)snprintf(csv + n, sizeof csv - n, ",%d", RESP[r][i]);
            else
                n += (size_t)snprintf(csv + n, sizeof csv - n, ",");
        }
        n += (size_t)snprintf(csv + n, sizeof csv - n, ",nam\n");
    }
    snprintf(path, sizeof path, "/api/v1/surveys/%lld/import?filename=phieu.csv", run);
    json_t *r = apifx_send(t->f, "POST", path, t->officer, "text/csv", csv, n, 200);
    assert_int_equal(json_integer_value(json_object_get(r, "rows")), to - from);
    json_decref(r);
}

static int setup(void **state)
{
    sfx_t *t = calloc(1, sizeof *t);
    t->f = apifx_open(4 << 20);
    t->year = date_year(dtime_date(dtime_now()));
    apifx_user(t->f, "admin", ACCESS_ROLE_ADMIN, NULL, t->admin, sizeof t->admin);
    apifx_user(t->f, "thuongtruc", ACCESS_ROLE_STANDING, "VL25", t->standing, sizeof t->standing);
    apifx_user(t->f, "canbo.syt", ACCESS_ROLE_OFFICER, UNIT, t->officer, sizeof t->officer);
    apifx_user(t->f, "canbo.stc", ACCESS_ROLE_OFFICER, "VL25.STC", t->other, sizeof t->other);
    t->fw = post_id(t, "/api/v1/par/frameworks?filename=t.json", t->admin, "application/json",
                    FW_JSON, 201);
    char body[1024], d[6][16];
    date_t today = dtime_date(dtime_now());
    const int delta[6] = {-5, 5, 10, 15, 20, 30};
    for (int i = 0; i < 6; i++)
        date_format(today + delta[i], d[i]);
    snprintf(body, sizeof body,
             "{\"year\":%d,\"framework\":%lld,\"scope\":\"VL25\",\"opens_on\":\"%s\","
             "\"self_due\":\"%s\",\"round1_due\":\"%s\",\"explain_due\":\"%s\","
             "\"round2_due\":\"%s\",\"publish_due\":\"%s\"}",
             t->year, t->fw, d[0], d[1], d[2], d[3], d[4], d[5]);
    t->camp = post_id(t, "/api/v1/par/campaigns", t->standing, "application/json", body, 201);
    t->form = new_form(t, "syt", "");
    t->run = new_run(t, t->form, t->token);
    char plan[2048], path[160];
    snprintf(plan, sizeof plan, PLAN_FMT, t->year, t->year);
    snprintf(path, sizeof path, "/api/v1/plans?filename=kh-syt.txt&unit=%s&year=%d", UNIT, t->year);
    t->plan = post_id(t, path, t->officer, "text/plain", plan, 201);
    *state = t;
    return 0;
}

/* ---- reading back ------------------------------------------------------------- */

static json_t *summary(sfx_t *t)
{
    char path[128];
    snprintf(path, sizeof path, "/api/v1/targets/summary?unit=%s&year=%d", UNIT, t->year);
    return apifx_json(t->f, "GET", path, t->officer, NULL, 200);
}

/* The summary's item whose indicator is ind and whose text holds needle. */
static json_t *target(json_t *sum, const char *ind, const char *needle)
{
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(sum, "items"), i, x)
    {
        if (strcmp(jsonx_str(x, "indicator", ""), ind) == 0 &&
            strstr(jsonx_str(x, "text", ""), needle))
            return x;
    }
    fail_msg("no target %s '%s'", ind, needle);
    return NULL;
}

static json_t *results_row(sfx_t *t, json_t **res)
{
    char path[96];
    snprintf(path, sizeof path, "/api/v1/par/campaigns/%lld/results", t->camp);
    *res = apifx_json(t->f, "GET", path, t->standing, NULL, 200);
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(*res, "units"), i, x)
    {
        if (strcmp(jsonx_str(x, "unit", ""), UNIT) == 0)
            return x;
    }
    fail_msg("no results row for " UNIT);
    return NULL;
}

static json_t *feed(sfx_t *t, long long run, const char *cookie, const char *body, int want)
{
    char path[96];
    snprintf(path, sizeof path, "/api/v1/surveys/%lld/feed", run);
    return apifx_json(t->f, "POST", path, cookie, body, want);
}

/* Closes run (only a closed run's results are fed). */
static void close_run(sfx_t *t, long long run)
{
    char path[96];
    snprintf(path, sizeof path, "/api/v1/surveys/%lld", run);
    json_decref(apifx_json(t->f, "POST", path, t->standing, "{\"state\":\"closed\"}", 200));
}

/* ---- the test ----------------------------------------------------------------- */

static void respond_then_feed(void **state)
{
    sfx_t *t = *state;
    char path[128], body[512];
    /* the public page and NWEB answers by the public endpoint (no session) */
    snprintf(path, sizeof path, "/api/v1/public/surveys/%s", t->token);
    json_t *pub = apifx_json(t->f, "GET", path, NULL, NULL, 200);
    assert_string_equal(jsonx_str(json_object_get(pub, "survey"), "unit", ""), UNIT);
    json_decref(pub);
    snprintf(path, sizeof path, "/api/v1/public/surveys/%s/responses", t->token);
    for (int r = 0; r < NWEB; r++) {
        size_t n = (size_t)snprintf(body, sizeof body, "{\"answers\":{\"gt\":\"nu\"");
        for (int i = 0; i < NITEMS; i++)
            if (RESP[r][i])
                n += (size_t)snprintf(body + n, sizeof body - n, ",\"%s\":%d", ITEM[i], RESP[r][i]);
        snprintf(body + n, sizeof body - n, "},\"device\":\"phone-%012d\"}", r);
        json_decref(apifx_json(t->f, "POST", path, NULL, body, 201));
    }
    paper(t, t->run, NWEB, NRESP);
    /* the results as the officials see them */
    snprintf(path, sizeof path, "/api/v1/surveys/%lld/results", t->run);
    json_t *res = apifx_json(t->f, "GET", path, t->officer, NULL, 200);
    assert_int_equal(json_integer_value(json_object_get(res, "responses")), NRESP);
    near(json_number_value(json_object_get(json_object_get(res, "overall"), "value")),
         round_to(overall(), 100));
    json_decref(res);

    /* refusals, nothing written: a run still open; another unit's officer; the
     * unit's officer for the campaign */
    json_t *r = feed(t, t->run, t->standing, "{\"targets\":1}", 409);
    assert_string_equal(apifx_error_code(r), "survey.open");
    json_decref(r);
    close_run(t, t->run);
    r = feed(t, t->run, t->other, "{\"targets\":1}", 403);
    json_decref(r);
    char fb[96];
    snprintf(fb, sizeof fb, "{\"targets\":true,\"campaign\":%lld}", t->camp);
    json_decref(feed(t, t->run, t->officer, fb, 403));
    json_t *sum = summary(t);
    assert_true(json_is_null(json_object_get(target(sum, "other", "sự phục vụ"), "measurement")));
    json_decref(sum);

    /* the standing agency feeds both */
    r = feed(t, t->run, t->standing, fb, 200);
    json_t *fed = json_object_get(r, "targets");
    assert_int_equal(json_array_size(fed), 1);
    double want = round_to(overall(), 100); /* 61.31 */
    near(want, 61.31);
    near(json_number_value(json_object_get(json_array_get(fed, 0), "value")), want);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(r, "par"), "rows")), 2);
    json_decref(r);

    /* the target summary: the SIPAS-type target measured, the others not fed */
    sum = summary(t);
    json_t *sat = target(sum, "other", "sự phục vụ");
    json_t *m = json_object_get(sat, "measurement");
    near(json_number_value(json_object_get(m, "value")), want);
    assert_string_equal(jsonx_str(m, "source", ""), "manual");
    assert_non_null(strstr(jsonx_str(m, "note", ""), "Khảo sát sự hài lòng Sở Y tế"));
    assert_string_equal(jsonx_str(sat, "status", ""), "chua_dat"); /* 61.31 < 90 */
    target(sum, "tthc.satisfaction", "thủ tục");
    size_t k;
    json_t *x;
    json_array_foreach(json_object_get(sum, "items"), k, x)
    {
        json_t *xm = json_object_get(x, "measurement");
        if (x != sat)
            assert_true(json_is_null(xm) || strcmp(jsonx_str(xm, "source", ""), "kpi") == 0);
    }
    json_decref(sum);

    /* the campaign's results: 3.1 = overall, 3.2 = group B, as ratios of 2 points */
    double p31 = round_to(2 * round_to(overall(), 1000) / 100, 1000);
    double p32 = round_to(2 * round_to(group_b(), 1000) / 100, 1000);
    json_t *row = results_row(t, &res);
    assert_true(json_is_true(json_object_get(res, "survey_held")));
    near(json_number_value(json_object_get(row, "total")), p31 + p32);
    near(json_number_value(json_object_get(row, "max")), 10);
    near(json_number_value(json_object_get(row, "index")), round_to((p31 + p32) * 10, 100));
    json_decref(res);
    snprintf(path, sizeof path, "/api/v1/par/campaigns/%lld/sheets/%s", t->camp, UNIT);
    json_t *sh = apifx_json(t->f, "GET", path, t->standing, NULL, 200);
    size_t i;
    json_t *nd;
    int seen = 0;
    json_array_foreach(json_object_get(sh, "nodes"), i, nd)
    {
        const char *c = jsonx_str(nd, "code", "");
        if (strcmp(c, "3.1") && strcmp(c, "3.2"))
            continue;
        seen++;
        double ratio = strcmp(c, "3.1") == 0 ? overall() : group_b();
        near(json_number_value(json_object_get(nd, "survey_ratio")), round_to(ratio, 1000));
    }
    assert_int_equal(seen, 2);
    json_decref(sh);
}

static void feed_refused(void **state)
{
    sfx_t *t = *state;
    paper(t, t->run, 0, NRESP);
    /* a mapping to a criterion that is not survey-sourced: 400 with the rows, nothing written */
    char token[40] = "";
    long long bad =
        new_run(t, new_form(t, "syt2", ",{\"criterion\":\"2.1\",\"index\":\"overall\"}"), token);
    paper(t, bad, 0, NRESP);
    close_run(t, t->run);
    close_run(t, bad);
    char fb[96];
    snprintf(fb, sizeof fb, "{\"targets\":1,\"campaign\":%lld}", t->camp);
    json_t *r = feed(t, bad, t->standing, fb, 400);
    json_t *err = json_object_get(r, "error");
    assert_string_equal(jsonx_str(err, "code", ""), "par.survey");
    json_t *rows = json_object_get(err, "rows");
    assert_int_equal(json_array_size(rows), 1);
    assert_string_equal(jsonx_str(json_array_get(rows, 0), "code", ""), "par.not_survey");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(rows, 0), "line")), 3);
    json_decref(r);
    /* the same through the command line: the refused rows printed, exit non-zero */
    char run_s[24], camp_s[24];
    snprintf(run_s, sizeof run_s, "%lld", bad);
    snprintf(camp_s, sizeof camp_s, "%lld", t->camp);
    run_result_t cr = apifx_cli_run(
        t->f, NULL,
        (const char *const[]){"survey", "feed", run_s, "--targets", "--campaign", camp_s, NULL});
    assert_int_not_equal(cr.status, 0);
    assert_non_null(strstr(cr.out, "par.not_survey"));
    assert_non_null(strstr(cr.err, "nothing was written"));
    run_result_free(&cr);
    json_t *sum = summary(t);
    assert_true(json_is_null(json_object_get(target(sum, "other", "sự phục vụ"), "measurement")));
    json_decref(sum);
    json_t *res = NULL;
    json_t *row = results_row(t, &res);
    near(json_number_value(json_object_get(row, "total")), 0);
    json_decref(res);
    /* survey_mode none: 409 survey.par_off */
    char path[96];
    snprintf(path, sizeof path, "/api/v1/par/campaigns/%lld", t->camp);
    json_decref(apifx_json(t->f, "POST", path, t->standing, "{\"survey_mode\":\"none\"}", 200));
    r = feed(t, t->run, t->standing, fb, 409);
    assert_string_equal(apifx_error_code(r), "survey.par_off");
    json_decref(r);
    /* targets alone still feed */
    r = feed(t, t->run, t->standing, "{\"targets\":1}", 200);
    assert_int_equal(json_array_size(json_object_get(r, "targets")), 1);
    assert_true(json_is_null(json_object_get(r, "par")));
    json_decref(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(respond_then_feed, setup, apifx_teardown),
        cmocka_unit_test_setup_teardown(feed_refused, setup, apifx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
