/* Tests of store/store_par and store/store_par_sheet on a fresh migrated
 * database: immutable frameworks (same content = same row), campaigns and
 * their settings, deadline extensions (newest wins), sheets, leaf values
 * with the complete change history, explanations, evidence links. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "io/par_framework_io.h"
#include "store/store_par_fw.h"
#include "store/store_par_sheet.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct fixture {
    char *dir, *db;
    store_t *s;
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    err_t e;
    f->dir = testdir_new();
    f->db = testdir_join(f->dir, "t.db");
    assert_int_equal(store_open(f->db, &f->s, &e), 0);
    assert_int_equal(store_migrate(f->s, NULL, &e), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    store_close(f->s);
    free(f->db);
    testdir_remove(f->dir);
    free(f);
    return 0;
}

static par_framework_t *sample(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/data/par/%s", testdir_root(), name);
    par_framework_t *fw = NULL;
    err_t e;
    assert_int_equal(par_framework_io_read_file(path, &fw, NULL, &e), 0);
    return fw;
}

static int64_t add_framework(store_t *s, const char *sha, bool *inserted)
{
    par_framework_t *fw = sample("so-2024.json");
    store_par_fw_meta_t m = {sha, "so-2024.json", "2024-12-01T08:00:00", "admin"};
    int64_t id = 0;
    err_t e;
    assert_int_equal(store_par_fw_insert(s, fw, &m, &id, inserted, &e), 0);
    par_framework_free(fw);
    return id;
}

static int count_fw(void *ctx, const store_par_fw_t *f, err_t *e)
{
    (void)e;
    int *n = ctx;
    assert_string_equal(f->name,
                        "Bộ tiêu chí xác định Chỉ số CCHC của các sở, ban, ngành tỉnh (mẫu)");
    assert_int_equal(f->year_to, 2026);
    assert_true(f->sample);
    assert_int_equal(f->nodes, 81);
    (*n)++;
    return 0;
}

/* A framework written as rows and read back is the same framework: the
 * JSON writer gives the same text for both. */
static void frameworks(void **state)
{
    fixture_t *f = *state;
    err_t e;
    bool ins = false;
    int64_t a = add_framework(f->s, "aa", &ins);
    assert_true(ins);
    int64_t again = add_framework(f->s, "aa", &ins);
    assert_false(ins);
    assert_int_equal(again, a);
    int64_t b = add_framework(f->s, "bb", &ins);
    assert_true(ins && b != a);
    int n = 0;
    assert_int_equal(store_par_fw_rows(f->s, 0, count_fw, &n, &e), 0);
    assert_int_equal(n, 2);
    n = 0;
    assert_int_equal(store_par_fw_rows(f->s, b, count_fw, &n, &e), 0);
    assert_int_equal(n, 1);

    const char *names[] = {"so-2024.json", "xa-2024.json"};
    for (size_t k = 0; k < 2; k++) {
        par_framework_t *want = sample(names[k]);
        store_par_fw_meta_t m = {names[k], names[k], "2024-12-01T08:00:00", "admin"};
        int64_t id = 0;
        assert_int_equal(store_par_fw_insert(f->s, want, &m, &id, NULL, &e), 0);
        par_framework_t *got = NULL;
        assert_int_equal(store_par_fw_load(f->s, id, &got, &e), 0);
        assert_true(got->valid);
        char *wj = par_framework_io_write(want), *gj = par_framework_io_write(got);
        assert_string_equal(gj, wj);
        mem_free(wj);
        mem_free(gj);
        par_framework_free(got);
        par_framework_free(want);
    }
    par_framework_t *none = NULL;
    assert_int_equal(store_par_fw_load(f->s, 99, &none, &e), ERR_NOTFOUND);
    assert_string_equal(e.code, "par.framework_not_found");
    assert_null(none);

    /* allocation failures while loading: an error, no leak */
    bool loaded = false;
    for (long k = 1; k < 4000 && !loaded; k += 7) {
        mem_fail_after(k);
        int rc = store_par_fw_load(f->s, b, &none, &e);
        mem_fail_after(-1);
        loaded = rc == 0;
        if (loaded) {
            par_framework_free(none);
            continue;
        }
        assert_int_equal(rc, ERR_NOMEM);
        assert_null(none);
    }
    assert_true(loaded);

    /* damaged rows are reported, not used */
    assert_int_equal(store_exec(f->s, "UPDATE par_node SET max_points = 7 WHERE seq = 0", &e), 0);
    assert_int_equal(store_par_fw_load(f->s, a, &none, &e), ERR_INVALID);
    assert_string_equal(e.code, "par.framework_damaged");

    /* an invalid framework is not stored */
    par_framework_t *bad = par_framework_new();
    store_par_fw_meta_t m = {"cc", "", "2024-12-01T08:00:00", "admin"};
    int64_t id = 0;
    assert_int_equal(store_par_fw_insert(f->s, bad, &m, &id, NULL, &e), ERR_INVALID);
    par_framework_free(bad);
}

static void fill_campaign(store_par_campaign_t *c, int64_t fw)
{
    memset(c, 0, sizeof *c);
    c->framework_id = fw;
    snprintf(c->name, sizeof c->name, "%s", "Chấm điểm CCHC 2024 - sở");
    c->year = 2024;
    snprintf(c->unit_kind, sizeof c->unit_kind, "so");
    snprintf(c->scope_code, sizeof c->scope_code, "VLG");
    snprintf(c->opens_on, sizeof c->opens_on, "2024-12-02");
    snprintf(c->self_due, sizeof c->self_due, "2024-12-20");
    snprintf(c->explain_due, sizeof c->explain_due, "2025-01-08");
    snprintf(c->round1_due, sizeof c->round1_due, "2025-01-03");
    snprintf(c->round2_due, sizeof c->round2_due, "2025-01-15");
    snprintf(c->publish_due, sizeof c->publish_due, "2025-01-25");
    c->bonus_max = 3000;
    c->penalty_max = PAR_NONE;
    snprintf(c->created_at, sizeof c->created_at, "2024-12-01T09:00:00");
    snprintf(c->created_by, sizeof c->created_by, "admin");
}

static int grade_cb(void *ctx, const char *label, int64_t min, err_t *e)
{
    (void)e;
    char *out = ctx;
    size_t n = strlen(out);
    snprintf(out + n, 64 - n, "%s%lld;", label, (long long)min);
    return 0;
}

static int appr_cb(void *ctx, const char *role, const char *unit, err_t *e)
{
    (void)e;
    char *out = ctx;
    size_t n = strlen(out);
    snprintf(out + n, 128 - n, "%s=%s;", role, unit);
    return 0;
}

static int camp_cb(void *ctx, const store_par_campaign_t *c, err_t *e)
{
    (void)e;
    (void)c;
    (*(int *)ctx)++;
    return STORE_STOP;
}

static void campaigns(void **state)
{
    fixture_t *f = *state;
    err_t e;
    int64_t fw = add_framework(f->s, "aa", NULL);
    store_par_campaign_t c, got;
    fill_campaign(&c, fw);
    int64_t id = 0;
    assert_int_equal(store_par_campaign_insert(f->s, &c, &id, &e), 0);
    assert_true(id > 0);
    assert_int_equal(store_par_campaign_get(f->s, id, &got, &e), 0);
    assert_string_equal(got.name, "Chấm điểm CCHC 2024 - sở");
    assert_string_equal(got.self_due, "2024-12-20");
    assert_int_equal(got.bonus_max, 3000);
    assert_true(got.penalty_max == PAR_NONE);
    assert_string_equal(got.survey_mode, "auto");
    assert_string_equal(got.published_at, "");
    assert_int_equal(store_par_campaign_get(f->s, id + 1, &got, &e), ERR_NOTFOUND);
    assert_string_equal(e.code, "par.campaign_not_found");

    /* a campaign needs its framework */
    c.framework_id = 77;
    assert_int_equal(store_par_campaign_insert(f->s, &c, &id, &e), ERR_CONFLICT);
    c.framework_id = fw;

    got.penalty_max = 5000;
    snprintf(got.survey_mode, sizeof got.survey_mode, "none");
    assert_int_equal(store_par_campaign_update(f->s, &got, &e), 0);
    assert_int_equal(store_par_campaign_finalise(f->s, id, "2025-01-20T10:00:00", "snv", &e), 0);
    assert_int_equal(store_par_campaign_publish(f->s, id, "2025-01-21T10:00:00", "snv", &e), 0);
    assert_int_equal(store_par_campaign_get(f->s, id, &got, &e), 0);
    assert_int_equal(got.penalty_max, 5000);
    assert_string_equal(got.survey_mode, "none");
    assert_string_equal(got.finalised_by, "snv");
    assert_string_equal(got.published_at, "2025-01-21T10:00:00");
    assert_int_equal(store_par_campaign_publish(f->s, id, NULL, NULL, &e), 0);
    assert_int_equal(store_par_campaign_get(f->s, id, &got, &e), 0);
    assert_string_equal(got.published_at, "");
    assert_string_equal(got.published_by, "");
    assert_int_equal(store_par_campaign_publish(f->s, 999, "x", "y", &e), ERR_NOTFOUND);
    got.id = 999;
    assert_int_equal(store_par_campaign_update(f->s, &got, &e), ERR_NOTFOUND);

    int n = 0;
    assert_int_equal(store_par_campaign_list(f->s, 2024, camp_cb, &n, &e), 0);
    assert_int_equal(n, 1); /* STORE_STOP ends the scan with 0 */
    n = 0;
    assert_int_equal(store_par_campaign_list(f->s, 2023, camp_cb, &n, &e), 0);
    assert_int_equal(n, 0);

    const char *labels[] = {"Tốt", "Khá", "Yếu"};
    int64_t mins[] = {90000, 75000, 0};
    char out[64] = "";
    assert_int_equal(store_par_grades_set(f->s, id, labels, mins, 3, &e), 0);
    assert_int_equal(store_par_grades_set(f->s, id, labels, mins, 2, &e), 0);
    assert_int_equal(store_par_grades(f->s, id, grade_cb, out, &e), 0);
    assert_string_equal(out, "Tốt90000;Khá75000;");

    char ap[128] = "";
    assert_int_equal(store_par_appraiser_set(f->s, id, "so_tu_phap", "VLG.STP", &e), 0);
    assert_int_equal(store_par_appraiser_set(f->s, id, "so_tai_chinh", "VLG.X", &e), 0);
    assert_int_equal(store_par_appraiser_set(f->s, id, "so_tai_chinh", "VLG.STC", &e), 0);
    assert_int_equal(store_par_appraiser_set(f->s, id, "vp_ubnd", "VLG.VP", &e), 0);
    assert_int_equal(store_par_appraiser_set(f->s, id, "vp_ubnd", NULL, &e), 0);
    assert_int_equal(store_par_appraisers(f->s, id, appr_cb, ap, &e), 0);
    assert_string_equal(ap, "so_tai_chinh=VLG.STC;so_tu_phap=VLG.STP;");
}

static int ext_cb(void *ctx, const store_par_extension_t *x, err_t *e)
{
    (void)e;
    char *out = ctx;
    size_t n = strlen(out);
    snprintf(out + n, 128 - n, "%s:%s:%s;", x->unit_code, x->step, x->due_on);
    return 0;
}

static int64_t new_campaign(store_t *s)
{
    store_par_campaign_t c;
    fill_campaign(&c, add_framework(s, "aa", NULL));
    int64_t id = 0;
    err_t e;
    assert_int_equal(store_par_campaign_insert(s, &c, &id, &e), 0);
    return id;
}

static void extensions(void **state)
{
    fixture_t *f = *state;
    err_t e;
    int64_t id = new_campaign(f->s);
    char due[STORE_PAR_DATE] = "";
    assert_int_equal(store_par_extension_due(f->s, id, "VLG.STP", "self", due, &e), 0);
    store_par_extension_t x = {.campaign_id = id,
                               .unit_code = "VLG.STP",
                               .step = "self",
                               .due_on = "2024-12-27",
                               .reason = "Thay đổi nhân sự",
                               .author = "snv",
                               .at = "2024-12-18T08:00:00"};
    assert_int_equal(store_par_extension_add(f->s, &x, &e), 0);
    x.due_on = "2024-12-30";
    assert_int_equal(store_par_extension_add(f->s, &x, &e), 0);
    x.unit_code = "VLG.STC";
    x.step = "explain";
    assert_int_equal(store_par_extension_add(f->s, &x, &e), 0);
    assert_int_equal(store_par_extension_due(f->s, id, "VLG.STP", "self", due, &e), STORE_FOUND);
    assert_string_equal(due, "2024-12-30");
    assert_int_equal(store_par_extension_due(f->s, id, "VLG.STP", "explain", due, &e), 0);
    char out[128] = "";
    assert_int_equal(store_par_extensions(f->s, id, "VLG.STP", ext_cb, out, &e), 0);
    assert_string_equal(out, "VLG.STP:self:2024-12-27;VLG.STP:self:2024-12-30;");
    out[0] = '\0';
    assert_int_equal(store_par_extensions(f->s, id, NULL, ext_cb, out, &e), 0);
    assert_non_null(strstr(out, "VLG.STC:explain:2024-12-30;"));
}

typedef struct seen {
    int n;
    store_par_score_t last; /* only numbers are kept */
    char text[512];
    int64_t first_self;
    char first_origin[16];
} seen_t;

static int score_cb(void *ctx, const store_par_score_t *r, err_t *e)
{
    (void)e;
    seen_t *s = ctx;
    if (s->n++ == 0) {
        s->first_self = r->self;
        snprintf(s->first_origin, sizeof s->first_origin, "%s", r->self_origin);
    }
    s->last = *r;
    snprintf(s->text, sizeof s->text, "%s|%s|%s|%s|%s|%s|%s|%s", r->code, r->self_note,
             r->self_origin, r->round1_reason, r->explain_state, r->explain_request,
             r->explain_answer, r->measured_period);
    return 0;
}

static int change_cb(void *ctx, const store_par_change_t *c, err_t *e)
{
    (void)e;
    char *out = ctx;
    size_t n = strlen(out);
    char o[24] = "-", w[24] = "-";
    if (c->old_value != PAR_NONE)
        snprintf(o, sizeof o, "%lld", (long long)c->old_value);
    if (c->new_value != PAR_NONE)
        snprintf(w, sizeof w, "%lld", (long long)c->new_value);
    snprintf(out + n, 1024 - n, "%s/%s:%s>%s(%s,%s);", c->code, c->field, o, w, c->reason,
             c->author);
    return 0;
}

static store_par_set_t set_of(int64_t sheet, store_par_field_t f, int64_t v, const char *text,
                              const char *who)
{
    return (store_par_set_t){.sheet = sheet,
                             .code = "1.1.1",
                             .field = f,
                             .value = v,
                             .text = text,
                             .origin = "manual",
                             .author = who,
                             .at = "2024-12-10T08:00:00"};
}

static void scores_and_history(void **state)
{
    fixture_t *f = *state;
    err_t e;
    int64_t camp = new_campaign(f->s);
    const char *at = "2024-12-10T08:00:00";
    int64_t sheet = 0, again = 0, sid = 0;
    assert_int_equal(store_par_sheet_ensure(f->s, camp, "VLG.STP", at, &sheet, &e), 0);
    assert_int_equal(store_par_sheet_ensure(f->s, camp, "VLG.STP", at, &again, &e), 0);
    assert_true(sheet > 0 && again == sheet);

    store_par_set_t in = set_of(sheet, STORE_PAR_SELF, 1000, "Ban hành đúng hạn", "canbo");
    assert_int_equal(store_par_sheet_score_set(f->s, &in, &sid, &e), 0);
    in.value = 500;
    in.text = "Ban hành chậm";
    assert_int_equal(store_par_sheet_score_set(f->s, &in, NULL, &e), 0);
    store_par_set_t r1 = set_of(sheet, STORE_PAR_ROUND1, 0, "Không có minh chứng", "tham.dinh");
    assert_int_equal(store_par_sheet_score_set(f->s, &r1, NULL, &e), 0);
    /* a measured figure is logged when it changes only */
    store_par_set_t m = set_of(sheet, STORE_PAR_MEASURED, 92500, NULL, "system");
    m.code = "1.1.4";
    m.period = "2024";
    m.link = "/api/v1/tasks/progress?unit=VLG.STP&year=2024";
    assert_int_equal(store_par_sheet_score_set(f->s, &m, NULL, &e), 0);
    assert_int_equal(store_par_sheet_score_set(f->s, &m, NULL, &e), 0);
    m.value = 93000;
    assert_int_equal(store_par_sheet_score_set(f->s, &m, NULL, &e), 0);
    assert_int_equal(store_par_sheet_explain(f->s, sheet, "1.1.1", false, 1, "Bổ sung quyết định",
                                             "tham.dinh", at, &e),
                     0);
    assert_int_equal(
        store_par_sheet_explain(f->s, sheet, "1.1.1", true, 1, "Đã gửi QĐ số 5", "canbo", at, &e),
        0);

    seen_t seen = {0};
    assert_int_equal(store_par_sheet_scores(f->s, camp, "VLG.STP", score_cb, &seen, &e), 0);
    assert_int_equal(seen.n, 2);
    assert_int_equal(seen.first_self, 500);
    assert_string_equal(seen.first_origin, "manual");
    seen.n = 0;
    /* rows come in unit then code order: 1.1.1 then 1.1.4; check 1.1.1 */
    assert_int_equal(store_par_sheet_scores(f->s, camp, NULL, score_cb, &seen, &e), 0);
    assert_int_equal(seen.last.measured, 93000);
    assert_true(seen.last.self == PAR_NONE);
    assert_string_equal(seen.text, "1.1.4|||||||2024");

    char hist[1024] = "";
    assert_int_equal(store_par_sheet_changes(f->s, camp, "VLG.STP", "1.1.1", change_cb, hist, &e),
                     0);
    assert_string_equal(hist, "1.1.1/explain_answer:1>1(Đã gửi QĐ số 5,canbo);"
                              "1.1.1/explain_request:1>1(Bổ sung quyết định,tham.dinh);"
                              "1.1.1/round1:->0(Không có minh chứng,tham.dinh);"
                              "1.1.1/self:1000>500(Ban hành chậm,canbo);"
                              "1.1.1/self:->1000(Ban hành đúng hạn,canbo);");
    hist[0] = '\0';
    assert_int_equal(store_par_sheet_changes(f->s, camp, "VLG.STP", "1.1.4", change_cb, hist, &e),
                     0);
    assert_string_equal(hist, "1.1.4/measured:92500>93000(2024,system);"
                              "1.1.4/measured:->92500(2024,system);");

    /* clearing a self score empties its origin */
    in.value = PAR_NONE;
    in.text = "";
    assert_int_equal(store_par_sheet_score_set(f->s, &in, NULL, &e), 0);
    seen.n = 0;
    assert_int_equal(store_par_sheet_scores(f->s, camp, "VLG.STP", score_cb, &seen, &e), 0);
    assert_true(seen.first_self == PAR_NONE);
    assert_string_equal(seen.first_origin, "");
}

static int sheet_cb(void *ctx, const store_par_sheet_t *sh, err_t *e)
{
    (void)e;
    char *out = ctx;
    snprintf(out, 256, "%s|%d|%s|%lld|%s|%lld|%s|%s", sh->unit_code, (int)sh->state,
             sh->submitted_by, (long long)sh->bonus, sh->bonus_reason, (long long)sh->penalty,
             sh->penalty_reason, sh->difficulties);
    return 0;
}

static int link_cb(void *ctx, const char *code, const char *purpose, int64_t ev, err_t *e)
{
    (void)e;
    char *out = ctx;
    size_t n = strlen(out);
    snprintf(out + n, 128 - n, "%s/%s/%lld;", code, purpose, (long long)ev);
    return 0;
}

static void sheets_and_links(void **state)
{
    fixture_t *f = *state;
    err_t e;
    int64_t camp = new_campaign(f->s);
    const char *at = "2024-12-11T08:00:00";
    int64_t sheet = 0, sid = 0;
    assert_int_equal(store_par_sheet_ensure(f->s, camp, "VLG.SNV", at, &sheet, &e), 0);
    assert_int_equal(store_par_sheet_adjust(f->s, sheet, STORE_PAR_BONUS, 1500,
                                            "Sáng kiến cấp tỉnh", "canbo", at, &e),
                     0);
    assert_int_equal(
        store_par_sheet_adjust(f->s, sheet, STORE_PAR_PENALTY, 1000, "Báo cáo trễ", "snv", at, &e),
        0);
    assert_int_equal(store_par_sheet_set_text(f->s, sheet, "Thiếu biên chế", at, &e), 0);
    assert_int_equal(
        store_par_sheet_set_state(f->s, sheet, STORE_PAR_SUBMITTED, "", "canbo", at, &e), 0);
    store_par_state_t stt = STORE_PAR_DRAFT;
    assert_int_equal(store_par_sheet_state(f->s, sheet, &stt, &e), STORE_FOUND);
    assert_int_equal(stt, STORE_PAR_SUBMITTED);
    assert_int_equal(store_par_sheet_state(f->s, sheet + 9, &stt, &e), 0);
    assert_int_equal(store_par_sheet_set_state(f->s, sheet + 9, STORE_PAR_DRAFT, "", "snv", at, &e),
                     ERR_NOTFOUND);
    assert_int_equal(store_par_sheet_adjust(f->s, sheet + 9, STORE_PAR_BONUS, 1, "", "snv", at, &e),
                     ERR_NOTFOUND);
    char out[256] = "";
    assert_int_equal(store_par_sheet_rows(f->s, camp, NULL, sheet_cb, out, &e), 0);
    assert_string_equal(out, "VLG.SNV|1|canbo|1500|Sáng kiến cấp tỉnh|1000|Báo cáo trễ|"
                             "Thiếu biên chế");
    char hist[1024] = "";
    assert_int_equal(store_par_sheet_changes(f->s, camp, "VLG.SNV", "", change_cb, hist, &e), 0);
    assert_string_equal(hist, "/state:0>1(,canbo);/penalty:0>1000(Báo cáo trễ,snv);"
                              "/bonus:0>1500(Sáng kiến cấp tỉnh,canbo);");

    /* survey held once a value is there */
    bool held = true;
    assert_int_equal(store_par_sheet_survey_held(f->s, camp, &held, &e), 0);
    assert_false(held);
    store_par_set_t sv = set_of(sheet, STORE_PAR_SURVEY_RATIO, 87500, "xhh.csv", "snv");
    sv.code = "8.1";
    assert_int_equal(store_par_sheet_score_set(f->s, &sv, &sid, &e), 0);
    assert_int_equal(store_par_sheet_survey_held(f->s, camp, &held, &e), 0);
    assert_true(held);

    assert_int_equal(store_exec(f->s,
                                "INSERT INTO evidence (id, sha256, size, kind, content_type, "
                                "filename, unit_code, attached_type, attached_id, created_at) "
                                "VALUES (5, 'h', 1, 'pdf', 'application/pdf', 'qd.pdf', "
                                "'VLG.SNV', 'par_score', 1, 0), (6, 'h', 1, 'pdf', "
                                "'application/pdf', 'sk.pdf', 'VLG.SNV', 'par_sheet', 1, 0)",
                                &e),
                     0);
    assert_int_equal(store_par_sheet_score_link(f->s, sid, 5, &e), 0);
    assert_int_equal(store_par_sheet_score_link(f->s, sid, 5, &e), 0);
    assert_int_equal(store_par_sheet_score_link(f->s, sid, 6, &e), 0);
    assert_int_equal(store_par_sheet_score_unlink(f->s, sid, 6, &e), 0);
    assert_int_equal(store_par_sheet_link(f->s, sheet, "bonus", 6, &e), 0);
    assert_int_equal(store_par_sheet_score_link(f->s, sid, 404, &e), ERR_CONFLICT);
    char links[128] = "";
    assert_int_equal(store_par_sheet_links(f->s, camp, "VLG.SNV", link_cb, links, &e), 0);
    assert_string_equal(links, "/bonus/6;8.1//5;");

    /* not applicable with its reason */
    store_par_set_t na = set_of(sheet, STORE_PAR_NA, 1, "Không có TTHC", "snv");
    na.code = "3.2";
    assert_int_equal(store_par_sheet_score_set(f->s, &na, NULL, &e), 0);
    hist[0] = '\0';
    assert_int_equal(store_par_sheet_changes(f->s, camp, "VLG.SNV", "3.2", change_cb, hist, &e), 0);
    assert_string_equal(hist, "3.2/not_applicable:0>1(Không có TTHC,snv);");
    assert_string_equal(store_par_sheet_field_name(STORE_PAR_SURVEY_RATIO), "survey_ratio");
    assert_string_equal(store_par_sheet_field_name(STORE_PAR_FIELD_COUNT), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(frameworks, setup, teardown),
        cmocka_unit_test_setup_teardown(campaigns, setup, teardown),
        cmocka_unit_test_setup_teardown(extensions, setup, teardown),
        cmocka_unit_test_setup_teardown(scores_and_history, setup, teardown),
        cmocka_unit_test_setup_teardown(sheets_and_links, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
