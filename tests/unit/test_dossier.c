/* Unit tests of the dossier domain: record checks, events <-> state,
 * classification, the code map, and the KPI snapshot counters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/dossier.h"
#include "domain/dossier_class.h"
#include "domain/dossier_keymap.h"
#include "domain/kpi.h"
#include "domain/kpi_snap.h"
#include "domain/procedure.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static dtime_t T(const char *s)
{
    dtime_t t;
    assert_int_equal(dtime_parse(s, strlen(s), &t), 0);
    return t;
}

static dossier_t base(void)
{
    dossier_t d;
    dossier_init(&d);
    snprintf(d.code, sizeof d.code, "%s", "HS-1");
    snprintf(d.unit, sizeof d.unit, "%s", "X1");
    snprintf(d.procedure, sizeof d.procedure, "%s", "1.001");
    d.channel = DCH_ONLINE;
    d.status = DS_RETURNED;
    d.received = T("2024-03-04 09:00");
    d.ended = T("2024-03-06 10:00");
    d.returned = T("2024-03-07 08:00");
    d.due_given = T("2024-03-08 09:00");
    return d;
}

static void check_rejects_impossible_records(void **state)
{
    (void)state;
    dossier_t d = base();
    assert_int_equal(dossier_check(&d, NULL), 0);
    err_t e;
    d.ended = T("2024-03-01 10:00");
    assert_int_equal(dossier_check(&d, &e), ERR_INVALID);
    assert_string_equal(e.code, "dossier.order");
    d = base();
    d.status = 11;
    assert_int_equal(dossier_check(&d, &e), ERR_INVALID);
    assert_string_equal(e.code, "dossier.status");
    d = base();
    d.status = DS_PROCESSING;
    assert_int_equal(dossier_check(&d, &e), ERR_INVALID); /* open but has an end */
    d = base();
    d.ended = DTIME_NONE;
    d.returned = DTIME_NONE;
    assert_int_equal(dossier_check(&d, &e), ERR_INVALID);
    assert_string_equal(e.code, "dossier.missing");
    d = base();
    d.supp_requested = T("2024-03-05 08:00");
    d.supp_supplied = T("2024-03-04 08:00");
    assert_int_equal(dossier_check(&d, &e), ERR_INVALID);
    d = base();
    d.rating = 4;
    assert_int_equal(dossier_check(&d, &e), ERR_INVALID);
}

/* Replaying the events of a record gives back the record's state. */
static void replay(const dossier_t *rec, dossier_t *out)
{
    dossier_event_t ev[DOSSIER_MAX_RECORD_EVENTS];
    size_t n = dossier_to_events(rec, ev);
    assert_true(n >= 1 && n <= DOSSIER_MAX_RECORD_EVENTS);
    dossier_init(out);
    memcpy(out->code, rec->code, sizeof out->code);
    dtime_t last = DTIME_NONE;
    for (size_t i = 0; i < n; i++)
        assert_int_equal(dossier_apply(out, &ev[i], &last, NULL), 0);
}

static void assert_same_state(const dossier_t *a, const dossier_t *b)
{
    assert_int_equal(a->status, b->status);
    assert_int_equal(a->channel, b->channel);
    assert_int_equal(a->flags, b->flags);
    assert_true(a->received == b->received);
    assert_true(a->due_given == b->due_given);
    assert_true(a->ended == b->ended);
    assert_true(a->returned == b->returned);
    assert_true(a->closed == b->closed);
    assert_int_equal(a->supplements, b->supplements);
    assert_true(a->supp_requested == b->supp_requested);
    assert_true(a->supp_supplied == b->supp_supplied);
    assert_int_equal(a->rating, b->rating);
}

static void events_round_trip(void **state)
{
    (void)state;
    dossier_t rec = base(), got;
    rec.flags = DFLAG_FULL_ONLINE | DFLAG_DIGITIZED | DFLAG_E_RESULT;
    rec.rating = 3;
    dossier_normalize(&rec);
    replay(&rec, &got);
    assert_same_state(&rec, &got);
    /* two supplements, the first request known, supplied later */
    rec = base();
    rec.supplements = 2;
    rec.supp_requested = T("2024-03-04 15:00");
    rec.supp_supplied = T("2024-03-05 09:00");
    replay(&rec, &got);
    assert_same_state(&rec, &got);
    /* open, waiting for a supplement */
    rec = base();
    rec.status = DS_SUPPLEMENT;
    rec.ended = rec.returned = DTIME_NONE;
    rec.supplements = 1;
    rec.supp_requested = T("2024-03-05 09:00");
    replay(&rec, &got);
    assert_same_state(&rec, &got);
    /* withdrawn: the end time becomes the closing time */
    rec = base();
    rec.status = DS_WITHDRAWN;
    rec.returned = DTIME_NONE;
    dossier_normalize(&rec);
    assert_true(rec.ended == DTIME_NONE);
    assert_true(rec.closed == T("2024-03-06 10:00"));
    replay(&rec, &got);
    assert_same_state(&rec, &got);
    /* refused at intake, stopped */
    rec = base();
    rec.status = DS_REFUSED;
    rec.ended = rec.returned = DTIME_NONE;
    dossier_normalize(&rec);
    replay(&rec, &got);
    assert_same_state(&rec, &got);
    rec = base();
    rec.status = DS_STOPPED;
    rec.returned = DTIME_NONE;
    replay(&rec, &got);
    assert_same_state(&rec, &got);
}

static void apply_refuses_bad_transitions(void **state)
{
    (void)state;
    dossier_t d;
    dossier_init(&d);
    snprintf(d.code, sizeof d.code, "%s", "A");
    err_t e;
    dossier_event_t ev = {DEV_PROCESSED, T("2024-01-02 08:00"), 0, DTIME_NONE};
    assert_int_equal(dossier_apply(&d, &ev, NULL, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "dossier.transition");
    dossier_event_t recv = {DEV_RECEIVED, T("2024-01-02 08:00"), 1 * 16, DTIME_NONE};
    dtime_t last = DTIME_NONE;
    assert_int_equal(dossier_apply(&d, &recv, &last, &e), 0);
    assert_int_equal(d.status, DS_ACCEPTED);
    dossier_event_t early = {DEV_PROCESSED, T("2024-01-01 08:00"), 0, DTIME_NONE};
    assert_int_equal(dossier_apply(&d, &early, &last, &e), ERR_INVALID);
    dossier_event_t rate = {DEV_RATED, T("2024-01-03 08:00"), 2, DTIME_NONE};
    assert_int_equal(dossier_apply(&d, &rate, &last, &e), ERR_CONFLICT);
    dossier_event_t done = {DEV_PROCESSED, T("2024-01-03 08:00"), DFLAG_E_RESULT, DTIME_NONE};
    assert_int_equal(dossier_apply(&d, &done, &last, &e), 0);
    assert_int_equal(d.status, DS_PROCESSED);
    assert_int_equal(dossier_apply(&d, &done, &last, &e), ERR_CONFLICT);
    assert_int_equal(dossier_apply(&d, &rate, &last, &e), 0);
    assert_int_equal(d.rating, 2);
}

static void classify_rules(void **state)
{
    (void)state;
    dossier_rules_t r = DOSSIER_RULES_DEFAULT;
    dossier_t d = base();
    d.due_base = d.due = T("2024-03-06 16:00");
    dtime_t now = T("2024-12-31 00:00");
    /* ended 10:00 on the due date: on time, not early */
    assert_int_equal(dossier_class_of(&d, now, &r), DCLS_ON_TIME);
    d.ended = T("2024-03-05 17:00");
    assert_int_equal(dossier_class_of(&d, now, &r), DCLS_EARLY);
    d.ended = T("2024-03-06 16:00:01");
    assert_int_equal(dossier_class_of(&d, now, &r), DCLS_LATE);
    /* more than one supplement request: late even when early */
    d.ended = T("2024-03-05 17:00");
    d.supplements = 2;
    assert_int_equal(dossier_class_of(&d, now, &r), DCLS_LATE);
    r.max_supplements = -1;
    assert_int_equal(dossier_class_of(&d, now, &r), DCLS_EARLY);
    r = DOSSIER_RULES_DEFAULT;
    d.supplements = 0;
    /* as of before the end: open, then overdue after the due time */
    assert_int_equal(dossier_class_of(&d, T("2024-03-05 10:00"), &r), DCLS_OPEN);
    d.ended = T("2024-03-08 10:00");
    assert_int_equal(dossier_class_of(&d, T("2024-03-07 10:00"), &r), DCLS_OVERDUE);
    assert_int_equal(dossier_class_of(&d, T("2024-03-01 10:00"), &r), DCLS_NONE);
    /* paused: not overdue while waiting; the extended due applies after */
    d.supplements = 1;
    d.supp_requested = T("2024-03-05 08:00");
    d.supp_supplied = T("2024-03-08 08:00");
    d.due = T("2024-03-11 16:00");
    assert_int_equal(dossier_class_of(&d, T("2024-03-07 10:00"), &r), DCLS_OPEN);
    assert_int_equal(dossier_class_of(&d, T("2024-03-08 09:00"), &r), DCLS_OPEN);
    assert_int_equal(dossier_class_of(&d, now, &r), DCLS_EARLY);
    d = base();
    d.status = DS_WITHDRAWN;
    dossier_normalize(&d);
    assert_int_equal(dossier_class_of(&d, now, &r), DCLS_EXCLUDED);
    assert_int_equal(dossier_class_of(&d, T("2024-03-05 00:00"), &r), DCLS_OPEN);
}

static void keymap_and_procedures(void **state)
{
    (void)state;
    dossier_keymap_t m;
    dossier_keymap_init(&m);
    char keys[500][16];
    for (int i = 0; i < 500; i++) {
        snprintf(keys[i], sizeof keys[i], "K%d", i);
        assert_int_equal(dossier_keymap_put(&m, keys[i], (uint32_t)i, NULL), 0);
    }
    uint32_t v;
    assert_true(dossier_keymap_get(&m, "K377", &v));
    assert_int_equal(v, 377);
    assert_false(dossier_keymap_get(&m, "K500", NULL));
    dossier_keymap_release(&m);
    procedure_set_t s;
    procedure_set_init(&s);
    procedure_t p = {0};
    p.code = "1.1";
    p.name = "A";
    p.allowance = 5;
    p.cutoff_minute = -1;
    assert_int_equal(procedure_check(&p, NULL), 0);
    assert_int_equal(procedure_set_add(&s, &p, NULL), 0);
    p.name = "B";
    assert_int_equal(procedure_set_add(&s, &p, NULL), 0);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.items[procedure_set_find(&s, "1.1")].name, "B");
    assert_int_equal(procedure_set_find(&s, "x"), -1);
    p.code = "bad code";
    assert_int_equal(procedure_check(&p, NULL), ERR_INVALID);
    procedure_set_release(&s);
}

static kpi_row_t row(uint32_t id, const dossier_t *d)
{
    kpi_row_t r = {0};
    r.id = id;
    kpi_snap_time(d->received, &r.received, NULL);
    kpi_snap_time(d->due_base, &r.due_base, NULL);
    kpi_snap_time(d->due, &r.due, NULL);
    kpi_snap_time(d->ended, &r.ended, NULL);
    kpi_snap_time(d->closed, &r.closed, NULL);
    kpi_snap_time(d->supp_requested, &r.pause_from, NULL);
    kpi_snap_time(d->supp_supplied, &r.pause_to, NULL);
    kpi_snap_time(d->rated_at, &r.rated_at, NULL);
    r.status = (uint8_t)d->status;
    r.channel = (uint8_t)d->channel;
    r.rating = (uint8_t)d->rating;
    r.supplements = (uint8_t)d->supplements;
    r.flags = (uint8_t)d->flags;
    return r;
}

static void snapshot_counts_and_moves(void **state)
{
    (void)state;
    kpi_snap_t *s = kpi_snap_new(NULL);
    assert_non_null(s);
    dossier_t d = base();
    d.due_base = d.due = T("2024-03-08 09:00");
    d.rating = 2;
    dossier_normalize(&d);
    kpi_row_t r1 = row(1, &d);
    d.channel = DCH_IN_PERSON;
    d.ended = T("2024-03-09 09:00");
    d.returned = T("2024-03-09 10:00");
    d.rating = 0;
    d.rated_at = DTIME_NONE;
    kpi_row_t r2 = row(2, &d);
    assert_int_equal(kpi_snap_put(s, 0, &r1, NULL), 0);
    assert_int_equal(kpi_snap_put(s, 0, &r2, NULL), 0);
    kpi_query_t q = {
        T("2024-01-01 00:00"), T("2024-12-31 23:59:59"), T("2025-01-01 00:00"), NULL, NULL, 0, 1};
    kpi_counts_t k = {0};
    kpi_snap_count(s, 0, &q, &k);
    assert_int_equal(k.c[KC_RECEIVED], 2);
    assert_int_equal(k.c[KC_RESOLVED], 2);
    assert_int_equal(k.c[KC_EARLY], 1);
    assert_int_equal(k.c[KC_LATE], 1);
    assert_int_equal(k.c[KC_ONLINE], 1);
    assert_int_equal(k.c[KC_RATED], 1);
    assert_int_equal(k.c[KC_SATISFIED], 1);
    int64_t centi;
    assert_true(kpi_value_centi(2, 3, &centi));
    assert_int_equal(centi, 6667);
    assert_false(kpi_value_centi(0, 0, &centi));
    /* moving row 2 to unit 3 */
    assert_int_equal(kpi_snap_put(s, 3, &r2, NULL), 0);
    assert_int_equal(kpi_snap_unit_rows(s, 0), 1);
    assert_int_equal(kpi_snap_unit_rows(s, 3), 1);
    assert_int_equal(kpi_snap_rows(s), 2);
    uint32_t u;
    assert_non_null(kpi_snap_get(s, 2, &u));
    assert_int_equal(u, 3);
    buf_t b = BUF_INIT(BUF_MAX_TEXT);
    assert_int_equal(kpi_json(&b, "X1", date_from_ymd(2024, 1, 1), date_from_ymd(2024, 12, 31),
                              T("2025-01-01 00:00"), &k),
                     0);
    assert_non_null(strstr(b.data, "\"tthc.on_time\":{\"value\":50.00,\"num\":1,\"den\":2}"));
    assert_non_null(strstr(b.data, "\"catalog.published\":{\"value\":null,\"num\":0,\"den\":0}"));
    buf_release(&b);
    kpi_snap_free(s);
}

/* The code and time rules the API and the bulk ingest share (issue 16
 * item 13). */
static void code_and_time_rules(void **state)
{
    (void)state;
    err_t e;
    const char *good[] = {"HS-2024-000001", "000.12.34.H56-240304-0001", "Mã_hồ_sơ"};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(dossier_code_check(good[i], &e), 0);
    char longc[DOSSIER_CODE_MAX + 2];
    memset(longc, 'A', sizeof longc - 1);
    longc[sizeof longc - 1] = '\0';
    const char *bad[] = {"", "HS 01", "A/B", "A\\B", "A\tB", "A\x7f", "A\xff", longc};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(dossier_code_check(bad[i], &e), ERR_INVALID);
        assert_string_equal(e.code, "dossier.code");
    }
    dtime_t now = T("2025-06-01 12:00");
    assert_int_equal(dossier_time_check(T("2025-06-01 12:04"), now, &e), 0);
    assert_int_equal(dossier_time_check(DTIME_NONE, now, &e), 0);
    assert_int_equal(dossier_time_check(T("2099-03-04 09:00"), now, &e), ERR_INVALID);
    assert_string_equal(e.code, "dossier.future");
    assert_non_null(strstr(e.en, "2099-03-04"));
    dossier_t d;
    dossier_init(&d);
    d.received = T("2025-01-02 08:00");
    d.due_given = T("2099-01-01 08:00"); /* an appointment may lie ahead */
    assert_int_equal(dossier_times_check(&d, now, &e), 0);
    d.returned = T("2099-01-01 08:00");
    assert_int_equal(dossier_times_check(&d, now, &e), ERR_INVALID);
    /* dossier_check applies the code rule */
    dossier_init(&d);
    snprintf(d.code, sizeof d.code, "HS 01");
    d.status = DS_PROCESSING;
    d.channel = DCH_ONLINE;
    d.received = T("2025-01-02 08:00");
    assert_int_equal(dossier_check(&d, &e), ERR_INVALID);
    assert_string_equal(e.code, "dossier.code");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(check_rejects_impossible_records),
        cmocka_unit_test(code_and_time_rules),
        cmocka_unit_test(events_round_trip),
        cmocka_unit_test(apply_refuses_bad_transitions),
        cmocka_unit_test(classify_rules),
        cmocka_unit_test(keymap_and_procedures),
        cmocka_unit_test(snapshot_counts_and_moves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
