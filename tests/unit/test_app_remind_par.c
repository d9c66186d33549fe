/* Tests of the PAR campaign as a reminder source (app/app_remind_par.c) on a
 * fresh database: a campaign over province P (units of kind "so"), the
 * self-assessment stages of a draft sheet (5 and 1 working days before, on
 * the day, weekly after), none for a submitted sheet, an extension moving the
 * due date (and the key), nothing for units outside the campaign, nothing
 * before the opening day or after publication, and the explanation step
 * while a request is unanswered; the appraisal rounds owed by an appraising
 * department (its appraiser, not its officer; leaves not applicable, fed by
 * the survey or of a role without a unit left out; settled by a later
 * value; round 2 only where an explanation was asked; none while round 1
 * cannot open for the unit). Dates are fixed in March-April 2024 (18/4 is
 * Giỗ Tổ Hùng Vương). Runs on both engines (testdb). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_par_appraise.h"
#include "app/app_par_campaign.h"
#include "app/app_par_sheet.h"
#include "app/app_par_framework.h"
#include "app/app_remind.h"
#include "base/jsonx.h"
#include "base/log.h"
#include "io/par_framework_io.h"
#include "store/store_par.h"
#include "store/store_par_sheet.h"
#include "support/app_conn.h"
#include "support/testdb.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static const char *FW_JSON =
    "{\"name\":\"Bộ tiêu chí thử\",\"year\":2020,\"year_to\":2099,\"unit_kind\":\"so\","
    "\"nodes\":["
    "{\"code\":\"1\",\"name\":\"Chỉ đạo, điều hành\",\"max\":2,\"area\":\"chidao\"},"
    "{\"code\":\"1.1\",\"name\":\"Ban hành kế hoạch\",\"max\":1,\"method\":\"yesno\"},"
    "{\"code\":\"1.2\",\"name\":\"Tuyên truyền\",\"max\":1,\"method\":\"yesno\"}]}";

/* Area 1 appraised by Sở Tư pháp (P.STP), with a survey leaf; area 2 by
 * Sở Tài chính, which the province does not have (a role without a unit). */
static const char *FW_ROUNDS =
    "{\"name\":\"Bộ tiêu chí thẩm định\",\"year\":2020,\"year_to\":2099,\"unit_kind\":\"so\","
    "\"appraisers\":{\"1\":\"so_tu_phap\",\"2\":\"so_tai_chinh\"},"
    "\"nodes\":["
    "{\"code\":\"1\",\"name\":\"Cải cách thể chế\",\"max\":3,\"area\":\"theche\"},"
    "{\"code\":\"1.1\",\"name\":\"Rà soát văn bản\",\"max\":1,\"method\":\"yesno\"},"
    "{\"code\":\"1.2\",\"name\":\"Kiểm tra văn bản\",\"max\":1,\"method\":\"yesno\"},"
    "{\"code\":\"1.3\",\"name\":\"Hài lòng\",\"max\":1,\"method\":\"manual\","
    "\"source\":\"survey\"},"
    "{\"code\":\"2\",\"name\":\"Tài chính công\",\"max\":1,\"area\":\"taichinh\"},"
    "{\"code\":\"2.1\",\"name\":\"Quy chế chi tiêu\",\"max\":1,\"method\":\"yesno\"}]}";

static const char *SEED =
    "INSERT INTO unit (code, name, name_key, kind, parent_code) VALUES "
    "('P', 'UBND tỉnh Thử', 'ubnd tinh thu', 'tinh', NULL),"
    "('P.SNV', 'Sở Nội vụ', 'so noi vu', 'so', 'P'),"
    "('P.STP', 'Sở Tư pháp', 'so tu phap', 'so', 'P'),"
    "('P.SYT', 'Sở Y tế', 'so y te', 'so', 'P'),"
    "('P.X1', 'UBND xã Một', 'ubnd xa mot', 'xa', 'P'),"
    "('Q', 'UBND tỉnh Khác', 'ubnd tinh khac', 'tinh', NULL),"
    "('Q.S1', 'Sở Một', 'so mot', 'so', 'Q');"
    "INSERT INTO app_user (id, login, full_name, password_hash, role, unit_code, created_at) "
    "VALUES "
    "(1, 'snv', 'Cán bộ Nội vụ', 'x', 'officer', 'P.SNV', '2024-01-01T00:00:00'),"
    "(2, 'stp', 'Cán bộ Tư pháp', 'x', 'officer', 'P.STP', '2024-01-01T00:00:00'),"
    "(3, 'syt', 'Cán bộ Y tế', 'x', 'officer', 'P.SYT', '2024-01-01T00:00:00'),"
    "(4, 'xa', 'Cán bộ xã', 'x', 'officer', 'P.X1', '2024-01-01T00:00:00'),"
    "(5, 'q1', 'Cán bộ tỉnh Khác', 'x', 'officer', 'Q.S1', '2024-01-01T00:00:00'),"
    "(6, 'td', 'Cán bộ thẩm định', 'x', 'appraiser', 'P.STP', '2024-01-01T00:00:00');";

typedef struct fx {
    char *dir, *db;
    app_t *a;
    int64_t camp;
} fx_t;

static date_t D(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

static int setup_fw(void **state, const char *fw_json, const char *survey_mode)
{
    log_set_level(LOG_WARN);
    fx_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->db = testdb_new(f->dir, "t.db");
    char data[512];
    snprintf(data, sizeof data, "%s/data", testdir_root());
    app_config_t cfg = {.db_path = f->db, .data_dir = data};
    err_t e;
    assert_int_equal(app_open(&cfg, &f->a, &e), 0);
    assert_int_equal(store_exec(app_conn(f->a), SEED, &e), 0);
    par_framework_t *fw = NULL;
    assert_int_equal(par_framework_io_read(fw_json, strlen(fw_json), "t.json", &fw, NULL, &e), 0);
    int64_t fwid = 0;
    bool ins = false;
    assert_int_equal(app_par_framework_import(f->a, NULL, fw, "t.json", fw_json, strlen(fw_json),
                                              &fwid, &ins, &e),
                     0);
    par_framework_free(fw);
    app_par_campaign_in_t in;
    app_par_campaign_in_init(&in);
    in.year = 2023;
    in.framework_id = fwid;
    in.scope = "P";
    in.opens_on = D("2024-03-01");
    in.self_due = D("2024-03-22"); /* a Friday */
    in.round1_due = D("2024-04-05");
    in.explain_due = D("2024-04-12");
    in.round2_due = D("2024-04-19");
    in.publish_due = D("2024-04-26");
    in.survey_mode = survey_mode;
    if (app_par_campaign_create(f->a, NULL, &in, &f->camp, &e)) {
        fprintf(stderr, "setup: %s\n", e.en);
        return -1;
    }
    *state = f;
    return 0;
}

static int setup(void **state)
{
    return setup_fw(state, FW_JSON, NULL);
}

static int setup_rounds(void **state)
{
    return setup_fw(state, FW_ROUNDS, "held");
}

static int teardown(void **state)
{
    fx_t *f = *state;
    app_close(f->a);
    testdb_free(f->db);
    testdir_remove(f->dir);
    free(f);
    return 0;
}

/* "login:dkey:stage" of the campaign notices of a dry run at `at`, sorted,
 * joined by ' ' (the campaign id is written as C). */
static void notices(fx_t *f, const char *at, char *buf, size_t cap)
{
    dtime_t t;
    assert_int_equal(dtime_parse(at, strlen(at), &t), 0);
    app_remind_opts_t o = {t, true, false, true, "test"};
    json_t *out = NULL;
    err_t e;
    if (app_remind_run(f->a, NULL, &o, &out, &e))
        fail_msg("run %s: %s", at, e.en);
    char items[32][160], prefix[48];
    snprintf(prefix, sizeof prefix, "campaign:%lld:", (long long)f->camp);
    size_t n = 0, i;
    const json_t *x;
    json_array_foreach(json_object_get(out, "notices"), i, x)
    {
        const char *k = json_string_value(json_object_get(x, "kind"));
        const char *dkey = json_string_value(json_object_get(x, "dkey"));
        if (n >= 32 || !k || strcmp(k, "campaign") != 0)
            continue;
        assert_non_null(dkey);
        assert_memory_equal(dkey, prefix, strlen(prefix));
        snprintf(items[n++], sizeof items[0], "%s:C:%s:%s",
                 json_string_value(json_object_get(x, "login")), dkey + strlen(prefix),
                 json_string_value(json_object_get(x, "stage")));
    }
    json_decref(out);
    qsort(items, n, sizeof items[0], (int (*)(const void *, const void *))strcmp);
    buf[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        size_t len = strlen(buf);
        snprintf(buf + len, cap - len, "%s%s", k ? " " : "", items[k]);
    }
}

static void expect(fx_t *f, const char *at, const char *want)
{
    char got[4096];
    notices(f, at, got, sizeof got);
    if (strcmp(got, want) != 0)
        fail_msg("%s:\n got  %s\n want %s", at, got, want);
}

static void submit(fx_t *f, const char *unit, store_par_state_t st)
{
    err_t e;
    int64_t sheet = 0;
    store_t *s = app_conn(f->a);
    assert_int_equal(store_par_sheet_ensure(s, f->camp, unit, "2024-03-10T08:00:00", &sheet, &e),
                     0);
    assert_int_equal(
        store_par_sheet_set_state(s, sheet, st, "test", "cli", "2024-03-10T08:00:00", &e), 0);
}

static void self_stages(void **state)
{
    fx_t *f = *state;
    err_t e;
    submit(f, "P.SYT", STORE_PAR_SUBMITTED); /* submitted: nothing for syt */
    submit(f, "P.STP", STORE_PAR_DRAFT);     /* a draft sheet counts as not done */
    assert_int_equal(app_par_campaign_extend(f->a, NULL, f->camp, "P.SNV", "self", D("2024-03-29"),
                                             "Thay đổi nhân sự", &e),
                     0);
    expect(f, "2024-02-20T08:00:00", ""); /* before the opening day */
    expect(f, "2024-03-14T08:00:00", "");
    expect(f, "2024-03-15T08:00:00", "stp:C:self:P.STP:2024-03-22:truoc_5");
    expect(f, "2024-03-18T08:00:00", "stp:C:self:P.STP:2024-03-22:truoc_5");
    expect(f, "2024-03-21T08:00:00", "stp:C:self:P.STP:2024-03-22:truoc_1");
    expect(f, "2024-03-22T08:00:00",
           "snv:C:self:P.SNV:2024-03-29:truoc_5 stp:C:self:P.STP:2024-03-22:den_han");
    expect(f, "2024-03-29T08:00:00",
           "snv:C:self:P.SNV:2024-03-29:den_han stp:C:self:P.STP:2024-03-22:qua_han");
    expect(f, "2024-04-05T08:00:00",
           "snv:C:self:P.SNV:2024-03-29:qua_han stp:C:self:P.STP:2024-03-22:qua_han#2");
    /* P.STP submits late: no more notices for it */
    submit(f, "P.STP", STORE_PAR_SUBMITTED);
    expect(f, "2024-04-12T08:00:00", "snv:C:self:P.SNV:2024-03-29:qua_han#2");
    /* published: the campaign is over */
    assert_int_equal(
        store_par_campaign_publish(app_conn(f->a), f->camp, "2024-04-26T08:00:00", "cli", &e), 0);
    expect(f, "2024-04-12T08:00:00", "");
}

static void explanation(void **state)
{
    fx_t *f = *state;
    err_t e;
    submit(f, "P.SNV", STORE_PAR_SUBMITTED);
    submit(f, "P.STP", STORE_PAR_SUBMITTED);
    submit(f, "P.SYT", STORE_PAR_SUBMITTED);
    expect(f, "2024-04-12T08:00:00", "");
    store_t *s = app_conn(f->a);
    int64_t sheet = 0;
    assert_int_equal(store_par_sheet_ensure(s, f->camp, "P.STP", "2024-04-01T08:00:00", &sheet, &e),
                     0);
    assert_int_equal(store_par_sheet_explain(s, sheet, "1.1", false, 1, "Đề nghị giải trình",
                                             "tham_dinh", "2024-04-01T08:00:00", &e),
                     0);
    expect(f, "2024-04-05T08:00:00", "stp:C:explain:P.STP:2024-04-12:truoc_5");
    expect(f, "2024-04-12T08:00:00", "stp:C:explain:P.STP:2024-04-12:den_han");
    assert_int_equal(store_par_sheet_explain(s, sheet, "1.1", true, 1, "Đã giải trình", "stp",
                                             "2024-04-12T09:00:00", &e),
                     0);
    expect(f, "2024-04-12T10:00:00", "");
}

/* Writes a value of a round ("1", "2", "final") as the local operator. */
static void appraise(fx_t *f, const char *unit, const char *code, const char *round)
{
    err_t e;
    app_par_appraise_in_t in = {code, 1000, "Đủ hồ sơ", round};
    if (app_par_appraise_score(f->a, NULL, f->camp, unit, &in, NULL, &e))
        fail_msg("appraise %s %s: %s", unit, code, e.en);
}

static void appraisal_rounds(void **state)
{
    fx_t *f = *state;
    err_t e;
    submit(f, "P.SNV", STORE_PAR_SUBMITTED);
    submit(f, "P.STP", STORE_PAR_SUBMITTED);
    submit(f, "P.SYT", STORE_PAR_DRAFT);
    /* P.SYT self-assesses until after round 1: round 1 never opens for it */
    assert_int_equal(app_par_campaign_extend(f->a, NULL, f->camp, "P.SYT", "self", D("2024-04-08"),
                                             "Thay đổi nhân sự", &e),
                     0);
    /* Sở Tư pháp's appraiser, not its officer; 1.3 (survey) and area 2 (no
     * Sở Tài chính) owe nothing */
    expect(f, "2024-03-29T08:00:00",
           "td:C:round1:P.SNV:P.STP:2024-04-05:truoc_5 td:C:round1:P.STP:P.STP:2024-04-05:truoc_5");
    /* P.SNV: 1.1 not applicable, 1.2 given a final value: settled */
    assert_int_equal(app_par_sheet_applicable(f->a, NULL, f->camp, "P.SNV", "1.1", false,
                                              "Không có văn bản phải rà soát", &e),
                     0);
    appraise(f, "P.SNV", "1.2", "final");
    /* P.STP: one leaf of two; its round 1 extended, which moves the key */
    appraise(f, "P.STP", "1.1", "1");
    assert_int_equal(app_par_campaign_extend(f->a, NULL, f->camp, "P.STP", "round1",
                                             D("2024-04-10"), "Bổ sung hồ sơ", &e),
                     0);
    expect(f, "2024-04-05T08:00:00",
           "syt:C:self:P.SYT:2024-04-08:truoc_1 td:C:round1:P.STP:P.STP:2024-04-10:truoc_5");
    appraise(f, "P.STP", "1.2", "2"); /* a later round settles round 1 too */
    /* an explanation asked (and answered) on 1.1: round 2 owes that leaf */
    int64_t sheet = 0;
    store_t *s = app_conn(f->a);
    assert_int_equal(store_par_sheet_ensure(s, f->camp, "P.STP", "2024-04-08T08:00:00", &sheet, &e),
                     0);
    assert_int_equal(store_par_sheet_explain(s, sheet, "1.1", false, 1, "Đề nghị giải trình", "td",
                                             "2024-04-08T08:00:00", &e),
                     0);
    assert_int_equal(store_par_sheet_explain(s, sheet, "1.1", true, 1, "Đã giải trình", "stp",
                                             "2024-04-09T08:00:00", &e),
                     0);
    expect(f, "2024-04-19T08:00:00",
           "syt:C:self:P.SYT:2024-04-08:qua_han td:C:round2:P.STP:P.STP:2024-04-19:den_han");
    appraise(f, "P.STP", "1.1", "2");
    expect(f, "2024-04-19T09:00:00", "syt:C:self:P.SYT:2024-04-08:qua_han");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(self_stages, setup, teardown),
        cmocka_unit_test_setup_teardown(explanation, setup, teardown),
        cmocka_unit_test_setup_teardown(appraisal_rounds, setup_rounds, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
