/* Unit tests of src/app/app_rating: the applicant rates a dossier from the
 * public lookup on the ledger fixture (tests/fixtures/ledger: D9 of S1 and
 * D12 of X1 returned and not rated, D1 of X1 rated 3 already, D2 of X1
 * processed but not returned). The receipt code is stable and per dossier,
 * a wrong code is refused and throttled, a second rating is refused, the
 * rating enters the ledger (event by "citizen") and tthc.satisfaction
 * counts it, compared with a count made here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_dossier.h"
#include "app/app_kpi.h"
#include "app/app_ledger.h"
#include "app/app_rating.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/app_fixture.h"
#include "support/ledger_fixture.h"
#include "support/testdir.h"

#include "base/banned.h"

typedef app_fixture_t fx_t;

static void receipt(fx_t *f, const char *code, char out[RATING_RECEIPT_LEN + 1])
{
    err_t e;
    if (app_rating_receipt(f->a, NULL, code, out, &e))
        fail_msg("%s", e.en);
}

static void receipt_codes_are_stable_and_scoped(void **state)
{
    fx_t *f = *state;
    char a[RATING_RECEIPT_LEN + 1], b[RATING_RECEIPT_LEN + 1], c[RATING_RECEIPT_LEN + 1];
    receipt(f, "D9", a);
    receipt(f, "d9", b); /* the lookup's spelling finds the same dossier */
    receipt(f, "D12", c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(a), RATING_RECEIPT_LEN);
    assert_int_equal(a[4], '-');
    err_t e;
    user_t s1 = app_fixture_user("S1", ACCESS_ROLE_OFFICER),
           x1 = app_fixture_user("X1", ACCESS_ROLE_OFFICER);
    assert_int_equal(app_rating_receipt(f->a, &s1, "D9", b, &e), 0);
    assert_string_equal(a, b);
    assert_int_equal(app_rating_receipt(f->a, &x1, "D9", b, &e), ERR_FORBIDDEN);
    assert_int_equal(app_rating_receipt(f->a, &s1, "NOPE", b, &e), ERR_NOTFOUND);
    assert_string_equal(e.code, "dossier.not_found");
}

static int64_t satisfaction_counts(fx_t *f, const char *unit, int64_t *rated)
{
    kpi_request_t r = {0};
    r.unit = unit;
    r.tree = true;
    r.from = date_from_ymd(2024, 1, 1);
    r.to = date_from_ymd(2024, 12, 31);
    r.as_of = DTIME_NONE;
    r.tree_at = DATE_NONE;
    kpi_counts_t k;
    err_t e;
    if (app_kpi_compute(f->a, NULL, &r, &k, &e))
        fail_msg("%s", e.en);
    *rated = k.c[KC_RATED];
    return k.c[KC_SATISFIED];
}

static void rating_once_enters_the_ledger(void **state)
{
    fx_t *f = *state;
    int64_t rated0, sat0 = satisfaction_counts(f, "T", &rated0);
    char code[RATING_RECEIPT_LEN + 1];
    receipt(f, "D9", code);
    rating_in_t in = {0};
    in.level = 2;
    in.codes[0] = "thai_do";
    in.levels[0] = 3;
    in.n = 1;
    in.comment = "Cán bộ hướng dẫn tận tình";
    err_t e;
    app_rating_status_t st;
    assert_int_equal(app_rating_public_status(f->a, "d9", &st, &e), 0);
    assert_string_equal(st.code, "D9");
    assert_true(st.can_rate);
    /* a wrong code */
    assert_int_equal(app_rating_submit(f->a, "D9", "0000-0000", &in, &e), ERR_INVALID);
    assert_string_equal(e.code, "rating.factor");
    assert_int_equal(app_rating_submit(f->a, "D9", "", &in, &e), ERR_INVALID);
    assert_string_equal(e.code, "rating.factor");
    /* typed loosely: lower case, no dash */
    char loose[16];
    snprintf(loose, sizeof loose, "%.4s %.4s", code, code + 5);
    for (char *p = loose; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    if (app_rating_submit(f->a, "d9", loose, &in, &e))
        fail_msg("%s", e.en);
    assert_int_equal(app_rating_public_status(f->a, "D9", &st, &e), 0);
    assert_true(st.rated);
    assert_false(st.can_rate);
    assert_int_equal(st.level, 2);
    /* a second time: refused with a clear message */
    in.level = 1;
    assert_int_equal(app_rating_submit(f->a, "D9", code, &in, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "rating.duplicate");
    assert_non_null(strstr(e.vi, "một lần"));
    /* the ledger: a `rated` event by the citizen with the comment */
    app_dossier_view_t v;
    assert_int_equal(app_dossier_get(f->a, NULL, "D9", DTIME_NONE, &v, &e), 0);
    assert_int_equal(v.d.rating, 2);
    const app_dossier_entry_t *last = &v.events[v.nevents - 1];
    assert_int_equal(last->ev.kind, DEV_RATED);
    assert_string_equal(last->actor, "citizen");
    assert_string_equal(last->note, "Cán bộ hướng dẫn tận tình");
    app_dossier_view_release(&v);
    /* the KPI: one more rated, one more satisfied (D9 was received in 2024) */
    int64_t rated1, sat1 = satisfaction_counts(f, "T", &rated1);
    assert_int_equal(rated1, rated0 + 1);
    assert_int_equal(sat1, sat0 + 1);
    /* the summary counts the public rating and its criterion */
    json_t *o;
    if (app_rating_summary(f->a, NULL, "S1", dtime_date(dtime_now()), dtime_date(dtime_now()), &o,
                           &e))
        fail_msg("%s", e.en);
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 1);
    assert_int_equal(json_integer_value(json_array_get(json_object_get(o, "levels"), 1)), 1);
    json_t *crit = json_object_get(o, "criteria");
    for (size_t i = 0; i < json_array_size(crit); i++) {
        json_t *c = json_array_get(crit, i);
        int64_t want = strcmp(json_string_value(json_object_get(c, "code")), "thai_do") ? 0 : 1;
        assert_int_equal(json_integer_value(json_object_get(c, "total")), want);
    }
    json_decref(o);
}

static void refused_before_return_and_when_rated(void **state)
{
    fx_t *f = *state;
    char code[RATING_RECEIPT_LEN + 1];
    rating_in_t in = {0};
    in.level = 3;
    err_t e;
    receipt(f, "D2", code); /* processed, not returned */
    assert_int_equal(app_rating_submit(f->a, "D2", code, &in, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "rating.not_returned");
    receipt(f, "D1", code); /* rated 3 by the import */
    assert_int_equal(app_rating_submit(f->a, "D1", code, &in, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "rating.duplicate");
    assert_int_equal(app_rating_submit(f->a, "NOPE", code, &in, &e), ERR_NOTFOUND);
    in.level = 7;
    assert_int_equal(app_rating_submit(f->a, "D12", code, &in, &e), ERR_INVALID);
    assert_string_equal(e.code, "rating.level");
    in.level = 3;
    in.codes[0] = "khong_co";
    in.levels[0] = 1;
    in.n = 1;
    assert_int_equal(app_rating_submit(f->a, "D12", code, &in, &e), ERR_INVALID);
    assert_string_equal(e.code, "rating.criterion");
}

static void wrong_codes_are_throttled(void **state)
{
    fx_t *f = *state;
    char code[RATING_RECEIPT_LEN + 1];
    receipt(f, "D12", code);
    rating_in_t in = {0};
    in.level = 1;
    err_t e;
    for (int i = 0; i < APP_RATING_FAILS; i++)
        assert_int_equal(app_rating_submit(f->a, "D12", "ZZZZ-ZZZZ", &in, &e), ERR_INVALID);
    /* now even the right code waits */
    assert_int_equal(app_rating_submit(f->a, "D12", code, &in, &e), ERR_TOOMANY);
    assert_string_equal(e.code, "rating.throttled");
    /* another dossier is not affected */
    receipt(f, "D9", code);
    assert_int_equal(app_rating_submit(f->a, "D9", code, &in, &e), 0);
}

static void phone_factor(void **state)
{
    fx_t *f = *state;
    char path[1200], data[512];
    /* a data directory whose rules ask for the phone's last 4 digits */
    snprintf(data, sizeof data, "%s/data2", f->dir);
    snprintf(path, sizeof path, "%s/citizens", data);
    char cmd[2400];
    snprintf(cmd, sizeof cmd, "mkdir -p %s && cp -r %s/data/calendar %s/", path, testdir_root(),
             data);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/citizens/rating.json", data);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("{\"format\":\"cchc-rating/1\",\"second_factor\":\"phone4\"}", fp);
    fclose(fp);
    app_close(f->a);
    f->a = NULL;
    app_config_t cfg = {.data_dir = data};
    app_fixture_open(f, &cfg);
    err_t e;
    user_t s1 = app_fixture_user("S1", ACCESS_ROLE_OFFICER),
           x1 = app_fixture_user("X1", ACCESS_ROLE_OFFICER);
    rating_in_t in = {0};
    in.level = 3;
    char code[RATING_RECEIPT_LEN + 1];
    receipt(f, "D9", code);
    /* no phone recorded: nothing matches, not even the receipt code */
    assert_int_equal(app_rating_submit(f->a, "D9", "5678", &in, &e), ERR_INVALID);
    assert_int_equal(app_rating_submit(f->a, "D9", code, &in, &e), ERR_INVALID);
    assert_int_equal(app_rating_set_phone(f->a, &x1, "D9", "0912 345 678", &e), ERR_FORBIDDEN);
    assert_int_equal(app_rating_set_phone(f->a, &s1, "D9", "12", &e), ERR_INVALID);
    assert_string_equal(e.code, "rating.phone");
    assert_int_equal(app_rating_set_phone(f->a, &s1, "D9", "0912 345 678", &e), 0);
    assert_int_equal(app_rating_submit(f->a, "D9", "1234", &in, &e), ERR_INVALID);
    assert_int_equal(app_rating_submit(f->a, "D9", "5678", &in, &e), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(receipt_codes_are_stable_and_scoped, ledger_fixture_setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(rating_once_enters_the_ledger, ledger_fixture_setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(refused_before_return_and_when_rated, ledger_fixture_setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(wrong_codes_are_throttled, ledger_fixture_setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(phone_factor, ledger_fixture_setup, app_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
