/* Tests of app_plan_life_targets_carry (src/app/app_plan_life_targets.c) on
 * a fresh migrated database (either engine): targets of a superseded plan
 * matched one to one with the new plan's — the same specific indicator and
 * area first (the closest text among several), then the rest by text, an
 * "other" target never paired by its indicator alone — the unmatched listed
 * on both sides, the measurements copied with their evidence (the old rows
 * kept), and allocation failures rolled back with nothing copied. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_plan_life.h"
#include "domain/plan_match.h"
#include "support/store_fixture.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef store_fixture_t fx_t;

/* Plan 1 (old): 40, 41 tthc.online; 42, 43 other. Plan 2 (new): 50
 * other (the satisfaction target reworded), 51, 52 tthc.online in the
 * other order, 53 tthc.ontime, 54 other in another area. */
static const char SEED[] =
    "INSERT INTO plan (id, doc_hash, imported_at, imported_by, number, issuer, year, title) "
    "VALUES (1, 'h1', '2024-01-01T00:00:00', 'cli', '12/KH-UBND', 'UBND tỉnh', 2024, 'Cũ'), "
    "(2, 'h2', '2024-02-01T00:00:00', 'cli', '12/KH-UBND', 'UBND tỉnh', 2024, 'Mới');"
    "INSERT INTO target (id, plan_id, seq, area, indicator, op, value, unit, source_text) VALUES "
    "(40, 1, 1, 'tthc', 'tthc.online', 'ge', 50, '%', "
    "'Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến đạt 50%'), "
    "(41, 1, 2, 'tthc', 'tthc.online', 'ge', 30, '%', "
    "'Tỷ lệ thanh toán phí, lệ phí trực tuyến đạt 30%'), "
    "(42, 1, 3, 'tacdong', 'other', 'ge', 90, '%', "
    "'Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính đạt 90%'), "
    "(43, 1, 4, 'theche', 'other', 'eq', 100, '%', "
    "'Rà soát, hệ thống hóa toàn bộ văn bản quy phạm pháp luật do tỉnh ban hành'), "
    "(50, 2, 1, 'tacdong', 'other', 'ge', 92, '%', "
    "'Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính đạt trên "
    "92%'), "
    "(51, 2, 2, 'tthc', 'tthc.online', 'ge', 40, '%', "
    "'Tỷ lệ thanh toán phí, lệ phí trực tuyến đạt 40%'), "
    "(52, 2, 3, 'tthc', 'tthc.online', 'ge', 60, '%', "
    "'Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến đạt 60%'), "
    "(53, 2, 4, 'tthc', 'tthc.ontime', 'ge', 98, '%', 'Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%'), "
    "(54, 2, 5, 'congvu', 'other', 'eq', 100, '%', "
    "'Cán bộ, công chức được bồi dưỡng kỹ năng chuyển đổi số');"
    "INSERT INTO target_measurement (target_id, unit_code, period, period_from, period_to, "
    "value, note, author, at) VALUES "
    "(42, 'VLG', '2024Q1', '2024-01-01', '2024-03-31', 88, 'q1', 'cb', '2024-04-01T00:00:00'), "
    "(42, 'VLG', '2024Q2', '2024-04-01', '2024-06-30', 91, 'q2', 'cb', '2024-07-01T00:00:00'), "
    "(43, 'VLG', '2024', '2024-01-01', '2024-12-31', 70, 'rs', 'cb', '2024-07-01T00:00:00');"
    "INSERT INTO evidence (sha256, size, kind, content_type, filename, unit_code, "
    "attached_type, attached_id, created_at) VALUES ('ef', 3, 'pdf', 'application/pdf', "
    "'k.pdf', 'VLG', 'target', 42, 0);"
    "INSERT INTO target_measurement_evidence (measurement_id, evidence_id) SELECT m.id, e.id "
    "FROM target_measurement m, evidence e WHERE m.note = 'q2' AND e.filename = 'k.pdf';";

static int64_t q(store_t *s, const char *sql)
{
    return store_fixture_int(s, sql);
}

/* The pair of old target id in the answer (NULL when none). */
static json_t *pair_of(json_t *out, long long old)
{
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(out, "matched"), i, p)
    {
        if (json_integer_value(json_object_get(p, "old_target")) == old)
            return p;
    }
    return NULL;
}

static long long num(json_t *o, const char *k)
{
    return (long long)json_integer_value(json_object_get(o, k));
}

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static int carry_1_to_2(store_t *s, void *ctx, err_t *e)
{
    return app_plan_life_targets_carry(s, 1, 2, ctx, e);
}

/* After a failed carry: no answer, no measurement copied. */
static void nothing_carried(store_t *s, void *ctx)
{
    assert_null(*(json_t **)ctx);
    assert_int_equal(q(s, "SELECT COUNT(*) FROM target_measurement"), 3);
}

static void match_and_carry(void **state)
{
    fx_t *f = *state;
    json_t *out = NULL;
    store_fixture_fail_each(f->s, 20000, carry_1_to_2, nothing_carried, &out);

    assert_int_equal(json_array_size(json_object_get(out, "matched")), 3);
    /* the same indicator and area: the closest text, whatever the order */
    json_t *p = pair_of(out, 40);
    assert_non_null(p);
    assert_int_equal(num(p, "new_target"), 52);
    assert_string_equal(str(p, "by"), "indicator");
    assert_true(json_number_value(json_object_get(p, "score")) == 1.0);
    p = pair_of(out, 41);
    assert_int_equal(num(p, "new_target"), 51);
    assert_string_equal(str(p, "by"), "indicator");
    /* "other" targets by text */
    p = pair_of(out, 42);
    assert_non_null(p);
    assert_int_equal(num(p, "new_target"), 50);
    assert_string_equal(str(p, "by"), "text");
    assert_true(json_number_value(json_object_get(p, "score")) >= PLAN_MATCH_THRESHOLD);
    assert_int_equal(num(p, "measurements"), 2);
    assert_int_equal(num(pair_of(out, 40), "measurements"), 0);
    /* unmatched on both sides: no similar text, another indicator */
    json_t *uo = json_object_get(out, "unmatched_old");
    assert_int_equal(json_array_size(uo), 1);
    assert_int_equal(num(json_array_get(uo, 0), "target_id"), 43);
    json_t *un = json_object_get(out, "unmatched_new");
    assert_int_equal(json_array_size(un), 2);
    assert_int_equal(num(json_array_get(un, 0), "target_id"), 53);
    assert_int_equal(num(json_array_get(un, 1), "target_id"), 54);
    assert_string_equal(str(json_array_get(un, 0), "indicator"), "tthc.ontime");
    json_decref(out);

    /* copied with the evidence link; the old rows kept; 43's stay behind */
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM target_measurement WHERE target_id = 50"), 2);
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM target_measurement_evidence x JOIN "
                             "target_measurement m ON m.id = x.measurement_id WHERE "
                             "m.target_id = 50 AND m.note = 'q2'"),
                     1);
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM target_measurement WHERE target_id = 42"), 2);
    assert_int_equal(q(f->s, "SELECT COUNT(*) FROM target_measurement"), 5);
}

/* A plan without targets, on either side: nothing matched, the other
 * side's targets all unmatched. */
static void no_targets(void **state)
{
    fx_t *f = *state;
    err_t e;
    assert_int_equal(store_exec(f->s,
                                "INSERT INTO plan (id, doc_hash, imported_at, imported_by, title) "
                                "VALUES (3, 'h3', '2024-03-01T00:00:00', 'cli', 'Trống')",
                                &e),
                     0);
    json_t *out = NULL;
    assert_int_equal(app_plan_life_targets_carry(f->s, 3, 2, &out, &e), 0);
    assert_int_equal(json_array_size(json_object_get(out, "matched")), 0);
    assert_int_equal(json_array_size(json_object_get(out, "unmatched_old")), 0);
    assert_int_equal(json_array_size(json_object_get(out, "unmatched_new")), 5);
    json_decref(out);
    assert_int_equal(app_plan_life_targets_carry(f->s, 1, 3, &out, &e), 0);
    assert_int_equal(json_array_size(json_object_get(out, "unmatched_old")), 4);
    json_decref(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate_setup_teardown(match_and_carry, store_fixture_setup,
                                                 store_fixture_teardown, (void *)SEED),
        cmocka_unit_test_prestate_setup_teardown(no_targets, store_fixture_setup,
                                                 store_fixture_teardown, (void *)SEED),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
