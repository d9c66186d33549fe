/* Tests of the PAR use cases (src/app/app_par_*.c) on a fresh database: a
 * campaign run end to end by role — a unit scoring itself (allowed values,
 * accepted cchc figure, deadline extension, submission lock), an appraiser
 * seeing and scoring only its area, an explanation, survey points, bonus
 * and penalty with caps, publication and what may change after it — with
 * the expected totals worked out by hand in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_par_appraise.h"
#include "app/app_par_campaign.h"
#include "app/app_par_framework.h"
#include "app/app_par_prefill.h"
#include "app/app_par_results.h"
#include "app/app_par_sheet.h"
#include "base/dtime.h"
#include "base/jsonx.h"
#include "base/log.h"
#include "io/par_framework_io.h"
#include "store/store_par_sheet.h"
#include "support/app_conn.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Maxima: 1.1 (1) + 1.2 (2) + 1.3 (1) + 2.1 (3) + 3.1 (3, survey) = 10;
 * bonus T (2), penalty TR (3). */
static const char *FW_JSON =
    "{\"name\":\"Bộ tiêu chí thử\",\"year\":2020,\"year_to\":2099,\"unit_kind\":\"so\","
    "\"nodes\":["
    "{\"code\":\"1\",\"name\":\"Chỉ đạo, điều hành\",\"max\":4,\"area\":\"chidao\"},"
    "{\"code\":\"1.1\",\"name\":\"Ban hành kế hoạch\",\"max\":1,\"method\":\"levels\","
    "\"levels\":[{\"label\":\"Đúng hạn\",\"points\":1},{\"label\":\"Chậm\",\"points\":0.5},"
    "{\"label\":\"Không ban hành\",\"points\":0}]},"
    "{\"code\":\"1.2\",\"name\":\"Mức độ hoàn thành kế hoạch\",\"max\":2,\"method\":\"bands\","
    "\"source\":\"computed:plan.completion\",\"bands\":[{\"above\":90,\"points\":2},"
    "{\"from\":70,\"to\":90,\"points\":1},{\"from\":0,\"below\":70,\"points\":0}]},"
    "{\"code\":\"1.3\",\"name\":\"Tuyên truyền\",\"max\":1,\"method\":\"yesno\"},"
    "{\"code\":\"2\",\"name\":\"Cải cách thể chế\",\"max\":3,\"area\":\"theche\"},"
    "{\"code\":\"2.1\",\"name\":\"Rà soát văn bản\",\"max\":3,\"method\":\"manual\"},"
    "{\"code\":\"3\",\"name\":\"Mức độ hài lòng\",\"max\":3,\"area\":\"tacdong\"},"
    "{\"code\":\"3.1\",\"name\":\"Điều tra XHH\",\"max\":3,\"method\":\"manual\","
    "\"source\":\"survey\"},"
    "{\"code\":\"T\",\"name\":\"Điểm thưởng\",\"max\":2,\"kind\":\"bonus\"},"
    "{\"code\":\"T.1\",\"name\":\"Sáng kiến\",\"max\":2,\"method\":\"manual\"},"
    "{\"code\":\"TR\",\"name\":\"Điểm trừ\",\"max\":3,\"kind\":\"penalty\"},"
    "{\"code\":\"TR.1\",\"name\":\"Vi phạm\",\"max\":3,\"method\":\"manual\"}]}";

typedef struct fixture {
    char *dir, *db, *ev;
    app_t *a;
    int64_t fw, camp;
    date_t today;
} fixture_t;

static user_t U(const char *login, access_role_t role, const char *unit)
{
    user_t u;
    memset(&u, 0, sizeof u);
    snprintf(u.login, sizeof u.login, "%s", login);
    u.role = role;
    snprintf(u.unit_code, sizeof u.unit_code, "%s", unit);
    return u;
}

static void day(fixture_t *f, int delta, date_t *out)
{
    *out = f->today + delta;
}

static int setup(void **state)
{
    log_set_level(LOG_WARN);
    fixture_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->db = testdir_join(f->dir, "t.db");
    f->ev = testdir_join(f->dir, "ev");
    char data[512];
    snprintf(data, sizeof data, "%s/data", testdir_root());
    app_config_t cfg = {.db_path = f->db, .data_dir = data, .evidence_dir = f->ev};
    err_t e;
    assert_int_equal(app_open(&cfg, &f->a, &e), 0);
    f->today = dtime_date(dtime_now());
    assert_int_equal(
        store_exec(app_conn(f->a),
                   "INSERT INTO unit (code, name, name_key, kind, parent_code) VALUES "
                   "('P', 'UBND tỉnh Thử', 'ubnd tinh thu', 'tinh', NULL),"
                   "('P.SNV', 'Sở Nội vụ', 'so noi vu', 'so', 'P'),"
                   "('P.STP', 'Sở Tư pháp', 'so tu phap', 'so', 'P'),"
                   "('P.SYT', 'Sở Y tế', 'so y te', 'so', 'P'),"
                   "('P.SYT.VP', 'Văn phòng Sở Y tế', 'van phong so y te', 'phong', 'P.SYT'),"
                   "('P.X1', 'UBND xã Một', 'ubnd xa mot', 'xa', 'P')",
                   &e),
        0);
    par_framework_t *fw = NULL;
    assert_int_equal(par_framework_io_read(FW_JSON, strlen(FW_JSON), "t.json", &fw, NULL, &e), 0);
    user_t admin = U("admin", ACCESS_ROLE_ADMIN, "");
    bool ins = false;
    assert_int_equal(app_par_framework_import(f->a, &admin, fw, "t.json", FW_JSON, strlen(FW_JSON),
                                              &f->fw, &ins, &e),
                     0);
    assert_true(ins);
    par_framework_free(fw);
    /* self-assessment ended 20 days ago; round 1 runs 10 more days */
    app_par_campaign_in_t in;
    app_par_campaign_in_init(&in);
    in.year = date_year(f->today);
    in.framework_id = f->fw;
    day(f, -30, &in.opens_on);
    day(f, -20, &in.self_due);
    day(f, 10, &in.round1_due);
    day(f, 15, &in.explain_due);
    day(f, 20, &in.round2_due);
    day(f, 30, &in.publish_due);
    user_t snv = U("snv", ACCESS_ROLE_STANDING, "P");
    assert_int_equal(app_par_campaign_create(f->a, &snv, &in, &f->camp, &e), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    app_close(f->a);
    free(f->db);
    free(f->ev);
    testdir_remove(f->dir);
    free(f);
    return 0;
}

static json_t *node(json_t *sheet, const char *code)
{
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(sheet, "nodes"), i, n)
    {
        if (strcmp(jsonx_str(n, "code", ""), code) == 0)
            return n;
    }
    return NULL;
}

static double num(json_t *o, const char *k)
{
    return json_number_value(json_object_get(o, k));
}

static json_t *unit_row(json_t *res, const char *unit)
{
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(res, "units"), i, u)
    {
        if (strcmp(jsonx_str(u, "unit", ""), unit) == 0)
            return u;
    }
    return NULL;
}

static void settings(void **state)
{
    fixture_t *f = *state;
    err_t e;
    json_t *c = NULL;
    user_t viewer = U("xem", ACCESS_ROLE_VIEWER, "P.SYT");
    assert_int_equal(app_par_campaign_get(f->a, &viewer, f->camp, &c, &e), 0);
    assert_string_equal(jsonx_str(json_object_get(c, "scope"), "code", ""), "P");
    assert_int_equal(num(c, "units"), 3); /* SNV, STP, SYT: the commune is another kind */
    assert_int_equal(num(c, "bonus_max"), 2);
    assert_int_equal(num(c, "penalty_max"), 3);
    /* roles found by name in the registry: theche -> Sở Tư pháp */
    json_t *ap = json_object_get(c, "appraisers");
    bool stp = false;
    size_t i;
    json_t *x;
    json_array_foreach(ap, i, x)
    {
        if (strcmp(jsonx_str(x, "role", ""), "so_tu_phap") == 0)
            stp = strcmp(jsonx_str(x, "unit", ""), "P.STP") == 0;
    }
    assert_true(stp);
    json_decref(c);

    /* only the standing agency manages campaigns */
    user_t off = U("canbo", ACCESS_ROLE_OFFICER, "P.SYT");
    date_t d;
    day(f, 5, &d);
    assert_int_equal(app_par_campaign_extend(f->a, &off, f->camp, "P.SYT", "self", d, "x", &e),
                     ERR_FORBIDDEN);
    user_t snv = U("snv", ACCESS_ROLE_STANDING, "P");
    assert_int_equal(app_par_campaign_extend(f->a, &snv, f->camp, "P.SYT", "self", d, "", &e),
                     ERR_INVALID);
    assert_string_equal(e.code, "par.reason_required");
    assert_int_equal(app_par_campaign_extend(f->a, &snv, f->camp, "P.SYT", "nope", d, "x", &e),
                     ERR_INVALID);
    assert_string_equal(e.code, "par.step");
    /* the framework must serve the year */
    app_par_campaign_in_t in;
    app_par_campaign_in_init(&in);
    in.year = 2019;
    in.framework_id = f->fw;
    int64_t id = 0;
    assert_int_equal(app_par_campaign_create(f->a, NULL, &in, &id, &e), ERR_INVALID);
    assert_string_equal(e.code, "par.framework_year");
    /* a framework imported later (another version) leaves the campaign's alone */
    char *v2 = strdup(FW_JSON);
    memcpy(strstr(v2, "Bộ tiêu chí thử"), "Bộ tiêu chí mới", strlen("Bộ tiêu chí mới"));
    par_framework_t *fw2 = NULL;
    assert_int_equal(par_framework_io_read(v2, strlen(v2), "v2.json", &fw2, NULL, &e), 0);
    int64_t id2 = 0;
    assert_int_equal(
        app_par_framework_import(f->a, NULL, fw2, "v2.json", v2, strlen(v2), &id2, NULL, &e), 0);
    assert_true(id2 != f->fw);
    par_framework_free(fw2);
    free(v2);
    assert_int_equal(app_par_campaign_get(f->a, NULL, f->camp, &c, &e), 0);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(c, "framework"), "id")),
                     f->fw);
    assert_string_equal(jsonx_str(json_object_get(c, "framework"), "name", ""), "Bộ tiêu chí thử");
    json_decref(c);
    /* dates out of order */
    in.year = date_year(f->today);
    day(f, 10, &in.self_due);
    day(f, 5, &in.round1_due);
    assert_int_equal(app_par_campaign_create(f->a, NULL, &in, &id, &e), ERR_INVALID);
    assert_string_equal(e.code, "par.campaign_dates");
}

static err_t last; /* the error of the last score() / appraise() */

static void score(fixture_t *f, const user_t *u, const char *unit, const char *code, int64_t points,
                  const char *note, int want, const char *want_code)
{
    err_t e;
    app_par_score_in_t in = {code, points, note, false};
    int rc = app_par_sheet_score(f->a, u, f->camp, unit, &in, &e);
    last = e;
    if (rc != want)
        fprintf(stderr, "score %s %s: %d %s %s\n", unit, code, rc, e.code, e.en);
    assert_int_equal(rc, want);
    if (want_code)
        assert_string_equal(e.code, want_code);
}

static void appraise(fixture_t *f, const user_t *u, const char *unit, const char *code,
                     int64_t points, const char *round, int want, const char *want_round)
{
    err_t e;
    const char *got = NULL;
    app_par_appraise_in_t in = {code, points, "Đối chiếu hồ sơ minh chứng", round};
    int rc = app_par_appraise_score(f->a, u, f->camp, unit, &in, &got, &e);
    last = e;
    if (rc != want)
        fprintf(stderr, "appraise %s %s: %d %s %s\n", unit, code, rc, e.code, e.en);
    assert_int_equal(rc, want);
    if (want_round)
        assert_string_equal(got, want_round);
}

/* The whole campaign of unit P.SYT. Expected (by hand):
 *   1.1 self 0,5 (levels)             0.5
 *   1.2 accepted figure 92.5 % > 90   2
 *   1.3 yes                           1
 *   2.1 self 2,5, appraised 2         2
 *   3.1 survey 80 % of 3              2.4
 *   points 7.9, max 10; bonus 1.5 (cap 2), penalty 0.5
 *   total 8.9, index 89.00 %, grade B; rank 1 of 3 (the others 0.00 %, rank 2). */
static void campaign_by_role(void **state)
{
    fixture_t *f = *state;
    err_t e;
    user_t off = U("canbo", ACCESS_ROLE_OFFICER, "P.SYT");
    user_t other = U("canbo2", ACCESS_ROLE_OFFICER, "P.SNV");
    user_t tp = U("thamdinh", ACCESS_ROLE_APPRAISER, "P.STP");
    user_t snv = U("snv", ACCESS_ROLE_STANDING, "P");
    user_t viewer = U("xem", ACCESS_ROLE_VIEWER, "P.SYT");

    /* the self-assessment deadline has passed: locked until extended */
    score(f, &off, "P.SYT", "1.1", 500, NULL, ERR_CONFLICT, "par.locked");
    date_t d;
    day(f, 5, &d);
    assert_int_equal(
        app_par_campaign_extend(f->a, &snv, f->camp, "P.SYT", "self", d, "Thay đổi nhân sự", &e),
        0);
    score(f, &off, "P.SYT", "1.1", 500, "Ban hành chậm 5 ngày", 0, NULL);
    /* allowed values, range, leaf, survey, other units, roles */
    score(f, &off, "P.SYT", "1.1", 700, NULL, ERR_INVALID, "par.score_level");
    assert_non_null(strstr(last.vi, "1.1"));
    assert_non_null(strstr(last.vi, "1; 0,5; 0"));
    score(f, &off, "P.SYT", "2.1", 3500, NULL, ERR_INVALID, "par.score_range");
    score(f, &off, "P.SYT", "1", 1000, NULL, ERR_INVALID, "par.criterion_not_leaf");
    score(f, &off, "P.SYT", "9.9", 1000, NULL, ERR_NOTFOUND, "par.criterion_unknown");
    score(f, &off, "P.SYT", "3.1", 1000, NULL, ERR_INVALID, "par.survey_leaf");
    score(f, &other, "P.SYT", "1.3", 1000, NULL, ERR_FORBIDDEN, "auth.forbidden");
    score(f, &viewer, "P.SYT", "1.3", 1000, NULL, ERR_FORBIDDEN, "auth.forbidden");
    score(f, &off, "P.X1", "1.3", 1000, NULL, ERR_INVALID, "par.unit_not_in_campaign");
    score(f, &off, "P.SYT", "1.3", 1000, NULL, 0, NULL);
    score(f, &off, "P.SYT", "2.1", 2500, NULL, 0, NULL);

    /* the figure cchc holds (as the pre-fill stores it), accepted */
    int64_t sheet = 0;
    store_t *s = app_conn(f->a);
    assert_int_equal(store_par_sheet_ensure(s, f->camp, "P.SYT", "2024-01-01T00:00:00", &sheet, &e),
                     0);
    store_par_set_t m = {.sheet = sheet,
                         .code = "1.2",
                         .field = STORE_PAR_MEASURED,
                         .value = 92500,
                         .period = "2024",
                         .link = "/api/v1/progress?unit=P.SYT",
                         .author = "system",
                         .at = "2024-01-01T00:00:00"};
    assert_int_equal(store_par_sheet_score_set(s, &m, NULL, &e), 0);
    score(f, &off, "P.SYT", "1.2", 1000, NULL, ERR_INVALID, "par.note_required");
    app_par_score_in_t acc = {"1.2", PAR_NONE, NULL, true};
    assert_int_equal(app_par_sheet_score(f->a, &off, f->camp, "P.SYT", &acc, &e), 0);

    /* the appraiser cannot start before submission, and its sheet says so */
    appraise(f, &tp, "P.SYT", "2.1", 2000, NULL, ERR_CONFLICT, NULL);
    assert_string_equal(last.code, "par.locked");
    json_t *sh = NULL;
    assert_int_equal(app_par_sheet_get(f->a, &tp, f->camp, "P.SYT", &sh, &e), 0);
    assert_true(json_is_null(json_object_get(sh, "appraisal_round")));
    assert_false(jsonx_bool(json_object_get(sh, "can"), "appraise", true));
    json_decref(sh);
    assert_int_equal(app_par_sheet_adjust(f->a, &off, f->camp, "P.SYT", false, 2500, "x", &e),
                     ERR_INVALID);
    assert_string_equal(e.code, "par.bonus_cap");
    assert_int_equal(app_par_sheet_adjust(f->a, &off, f->camp, "P.SYT", false, 1500,
                                          "Sáng kiến được công nhận cấp tỉnh", &e),
                     0);
    assert_int_equal(app_par_sheet_adjust(f->a, &off, f->camp, "P.SYT", true, 500, "x", &e),
                     ERR_FORBIDDEN);
    assert_int_equal(app_par_sheet_submit(f->a, &off, f->camp, "P.SYT", true, NULL, &e), 0);
    score(f, &off, "P.SYT", "1.3", 0, "sửa", ERR_CONFLICT, "par.submitted");

    /* the appraiser of institutions sees and scores only area 2, in round 1 */
    assert_int_equal(app_par_sheet_get(f->a, &tp, f->camp, "P.SYT", &sh, &e), 0);
    assert_int_equal(json_integer_value(json_object_get(sh, "appraisal_round")), 1);
    assert_true(jsonx_bool(json_object_get(sh, "can"), "appraise", false));
    assert_null(node(sh, "1.1"));
    assert_non_null(node(sh, "2.1"));
    assert_false(jsonx_bool(sh, "full", true));
    json_decref(sh);
    appraise(f, &tp, "P.SYT", "1.1", 0, NULL, ERR_FORBIDDEN, NULL);
    appraise(f, &tp, "P.SYT", "2.1", 2000, "final", ERR_FORBIDDEN, NULL);
    appraise(f, &tp, "P.SYT", "2.1", 2000, "2", ERR_CONFLICT, NULL);
    appraise(f, &tp, "P.SYT", "2.1", 2000, NULL, 0, "1");
    assert_int_equal(app_par_appraise_request(f->a, &tp, f->camp, "P.SYT", "2.1",
                                              "Bổ sung danh mục văn bản đã rà soát", &e),
                     0);
    assert_int_equal(
        app_par_sheet_answer(f->a, &off, f->camp, "P.SYT", "2.1", "Đã bổ sung danh mục", &e), 0);
    assert_int_equal(app_par_sheet_answer(f->a, &off, f->camp, "P.SYT", "1.1", "x", &e),
                     ERR_INVALID);
    assert_string_equal(e.code, "par.explain_none");

    /* the standing agency: penalty, survey */
    assert_int_equal(app_par_sheet_adjust(f->a, &snv, f->camp, "P.SYT", true, 500,
                                          "Báo cáo quý III gửi chậm", &e),
                     0);
    app_par_survey_row_t rows[] = {{"P.SYT", "3.1", "80%", 2}, {"P.SNV", "3.1", "2,25", 3}};
    app_par_survey_row_t bad[] = {{"P.SYT", "1.1", "1", 2},
                                  {"P.ZZ", "3.1", "1", 3},
                                  {"P.STP", "3.1", "4", 4},
                                  {"P.STP", "3.1", "x%", 5}};
    json_t *rep = NULL;
    assert_int_equal(app_par_results_survey(f->a, &off, f->camp, rows, 2, "xhh.csv", &rep, &e),
                     ERR_FORBIDDEN);
    assert_int_equal(app_par_results_survey(f->a, &snv, f->camp, bad, 4, "xhh.csv", &rep, &e),
                     ERR_INVALID);
    assert_int_equal(json_array_size(json_object_get(rep, "errors")), 4);
    json_decref(rep);
    assert_int_equal(app_par_results_survey(f->a, &snv, f->camp, rows, 2, "xhh.csv", &rep, &e), 0);
    assert_int_equal(num(rep, "rows"), 2);
    json_decref(rep);

    /* results before publication: the standing agency only */
    json_t *res = NULL;
    assert_int_equal(app_par_results_get(f->a, &off, f->camp, &res, &e), ERR_FORBIDDEN);
    assert_int_equal(app_par_results_get(f->a, &snv, f->camp, &res, &e), 0);
    json_t *syt = unit_row(res, "P.SYT");
    assert_non_null(syt);
    assert_true(num(syt, "total") > 8.899 && num(syt, "total") < 8.901);
    assert_int_equal(num(syt, "max"), 10);
    assert_true(num(syt, "index") > 88.999 && num(syt, "index") < 89.001);
    assert_string_equal(jsonx_str(syt, "band", ""), "B");
    assert_int_equal(num(syt, "rank"), 1);
    /* P.SNV: only survey points 2.25 of 10 -> 22.50 %, rank 2; P.STP 0 %, rank 3 */
    assert_true(num(unit_row(res, "P.SNV"), "index") > 22.49);
    assert_int_equal(num(unit_row(res, "P.SNV"), "rank"), 2);
    assert_int_equal(num(unit_row(res, "P.STP"), "rank"), 3);
    json_t *areas = json_object_get(syt, "areas");
    assert_int_equal(json_array_size(areas), 3);
    /* area 1: 0.5 + 2 + 1 = 3.5 of 4 -> 87.50 % */
    assert_true(num(json_array_get(areas, 0), "index") > 87.49 &&
                num(json_array_get(areas, 0), "index") < 87.51);
    json_decref(res);

    /* lost points of the unit: 2.1 (1), 1.1 (0.5), 3.1 (0.6) -> largest first */
    json_t *lost = NULL;
    assert_int_equal(app_par_results_losses(f->a, &off, f->camp, "P.SYT", &lost, &e), 0);
    json_t *items = json_object_get(lost, "items");
    assert_int_equal(json_array_size(items), 3);
    assert_string_equal(jsonx_str(json_array_get(items, 0), "code", ""), "2.1");
    assert_string_equal(jsonx_str(json_array_get(items, 1), "code", ""), "3.1");
    json_decref(lost);

    /* publication: nothing changes except by the standing agency, with a reason */
    assert_int_equal(app_par_campaign_publish(f->a, &off, f->camp, true, NULL, &e), ERR_FORBIDDEN);
    assert_int_equal(app_par_campaign_publish(f->a, &snv, f->camp, true, NULL, &e), 0);
    assert_int_equal(app_par_results_get(f->a, &viewer, f->camp, &res, &e), 0);
    json_decref(res);
    appraise(f, &tp, "P.SYT", "2.1", 3000, NULL, ERR_CONFLICT, NULL);
    assert_int_equal(app_par_sheet_submit(f->a, &snv, f->camp, "P.SYT", false, "Sửa", &e),
                     ERR_CONFLICT);
    assert_string_equal(e.code, "par.published");
    appraise(f, &snv, "P.SYT", "2.1", 3000, NULL, 0, "final");

    /* every change is kept: 2.1 self 2.5, round 1 2, final 3 */
    json_t *h = NULL;
    assert_int_equal(app_par_sheet_history(f->a, &off, f->camp, "P.SYT", "2.1", &h, &e), 0);
    json_t *hi = json_object_get(h, "items");
    assert_string_equal(jsonx_str(json_array_get(hi, 0), "field", ""), "final");
    assert_string_equal(jsonx_str(json_array_get(hi, 0), "author", ""), "snv");
    size_t n = json_array_size(hi);
    assert_string_equal(jsonx_str(json_array_get(hi, n - 1), "field", ""), "self");
    json_decref(h);
}

static void prefill_reports_missing(void **state)
{
    fixture_t *f = *state;
    err_t e;
    json_t *out = NULL;
    user_t off = U("canbo", ACCESS_ROLE_OFFICER, "P.SYT");
    assert_int_equal(app_par_prefill_run(f->a, &off, f->camp, NULL, &out, &e), ERR_FORBIDDEN);
    assert_int_equal(app_par_prefill_run(f->a, NULL, f->camp, "P.SYT", &out, &e), 0);
    /* no tasks: the plan completion figure is reported missing, nothing stored */
    json_t *miss = json_object_get(out, "missing");
    assert_int_equal(json_array_size(miss), 1);
    assert_string_equal(jsonx_str(json_array_get(miss, 0), "indicator", ""), "plan.completion");
    json_decref(out);
}

/* Ranks follow the one rule of cchc (domain/rank.h, unit_set_rank_scope):
 * a campaign over two provinces ranks each province's departments among
 * themselves, ties sharing a rank, "of" the number ranked there. Expected:
 * Q.SYT 1.1 on time (1 of the 7 applicable points) 14.29 %, Q.STC late
 * (0.5) 7.14 %: ranks 1 and 2 of 2 in Q; P's three departments score
 * nothing: 0 %, all rank 1 of 3. R.SYT and S.SYT sit in two trees without
 * a province: each is ranked within its own tree (rank 1 of 1), not
 * together (the former PAR rule put both in one "no province" group and
 * ranked R.SYT, 14.29 %, above S.SYT). */
static void ranks_per_province(void **state)
{
    fixture_t *f = *state;
    err_t e;
    assert_int_equal(store_exec(app_conn(f->a),
                                "INSERT INTO unit (code, name, name_key, kind, parent_code) VALUES "
                                "('Q', 'UBND tỉnh Khác', 'ubnd tinh khac', 'tinh', NULL),"
                                "('Q.SYT', 'Sở Y tế Q', 'so y te q', 'so', 'Q'),"
                                "('Q.STC', 'Sở Tài chính Q', 'so tai chinh q', 'so', 'Q'),"
                                "('R', 'Ban quản lý R', 'ban quan ly r', 'dvsn', NULL),"
                                "('R.SYT', 'Sở Y tế R', 'so y te r', 'so', 'R'),"
                                "('S', 'Ban quản lý S', 'ban quan ly s', 'dvsn', NULL),"
                                "('S.SYT', 'Sở Y tế S', 'so y te s', 'so', 'S')",
                                &e),
                     0);
    app_par_campaign_in_t in;
    app_par_campaign_in_init(&in);
    in.year = date_year(f->today) - 3;
    in.framework_id = f->fw;
    in.survey_mode = "none";
    day(f, -5, &in.opens_on);
    day(f, 5, &in.self_due);
    day(f, 10, &in.round1_due);
    day(f, 15, &in.explain_due);
    day(f, 20, &in.round2_due);
    day(f, 30, &in.publish_due);
    int64_t camp = 0;
    assert_int_equal(app_par_campaign_create(f->a, NULL, &in, &camp, &e), 0); /* all provinces */
    int64_t keep = f->camp;
    f->camp = camp;
    user_t q1 = U("q1", ACCESS_ROLE_OFFICER, "Q.SYT"), q2 = U("q2", ACCESS_ROLE_OFFICER, "Q.STC");
    score(f, &q1, "Q.SYT", "1.1", 1000, NULL, 0, NULL);
    score(f, &q2, "Q.STC", "1.1", 500, "Ban hành chậm", 0, NULL);
    user_t r1 = U("r1", ACCESS_ROLE_OFFICER, "R.SYT");
    score(f, &r1, "R.SYT", "1.1", 1000, NULL, 0, NULL);
    f->camp = keep;
    json_t *res = NULL;
    assert_int_equal(app_par_results_get(f->a, NULL, camp, &res, &e), 0);
    static const struct {
        const char *unit, *province;
        int rank, of;
        double index;
    } want[] = {{"Q.SYT", "Q", 1, 2, 14.29}, {"Q.STC", "Q", 2, 2, 7.14},
                {"P.SNV", "P", 1, 3, 0},     {"P.STP", "P", 1, 3, 0},
                {"P.SYT", "P", 1, 3, 0},     {"R.SYT", "R", 1, 1, 14.29},
                {"S.SYT", "S", 1, 1, 0}};
    assert_int_equal(json_array_size(json_object_get(res, "units")), 7);
    for (size_t i = 0; i < 7; i++) {
        json_t *u = unit_row(res, want[i].unit);
        assert_non_null(u);
        assert_string_equal(jsonx_str(u, "province", ""), want[i].province);
        assert_int_equal(num(u, "rank"), want[i].rank);
        assert_int_equal(num(u, "of"), want[i].of);
        assert_true(num(u, "index") > want[i].index - 0.001 &&
                    num(u, "index") < want[i].index + 0.001);
    }
    /* in province, rank, unit order */
    assert_string_equal(jsonx_str(json_array_get(json_object_get(res, "units"), 0), "unit", ""),
                        "P.SNV");
    assert_string_equal(jsonx_str(json_array_get(json_object_get(res, "units"), 3), "unit", ""),
                        "Q.SYT");
    json_decref(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(settings, setup, teardown),
        cmocka_unit_test_setup_teardown(campaign_by_role, setup, teardown),
        cmocka_unit_test_setup_teardown(prefill_reports_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(ranks_per_province, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
