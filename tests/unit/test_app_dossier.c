/* Unit tests of src/app/app_dossier: single dossiers through the use cases
 * on a scratch database holding the ledger fixture (tests/fixtures/ledger:
 * units T > S1, H1 > X1, X2, X3; P1 3 working days, P2 8 working hours, P3
 * 5 calendar days; dossiers D1..D13 imported from CSV).
 *
 * Due times by hand (2024 calendar, office hours 07:30-11:30, 13:30-17:00):
 *  N1 X1 P1 received Wed 7/2 10:00, across Tết (8-14/2): 15/2, 16/2, 19/2
 *     -> due 19/2 10:00 (as D1).
 *  N2 X1 P1 received Fri 26/4 16:00 (27/4-1/5 off, Sat 4/5 worked): base due
 *     4/5 16:00; supplement requested 2/5 08:00, supplied 3/5 08:00 = 450
 *     working minutes -> due Mon 6/5 16:00 (as D2); processed 6/5 15:00:
 *     on time.
 *  N3 X2 P1 received Mon 4/3 09:00 -> base due Thu 7/3 09:00; two pauses:
 *     5/3 09:00-14:00 (150 + 30 = 180 min) and 6/3 08:00-10:00 (120 min)
 *     -> due 7/3 09:00 + 300 min = 7/3 16:00; processed 7/3 15:00, inside
 *     the due, but two supplement requests: late. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_calendar.h"
#include "app/app_dossier.h"
#include "app/app_kpi.h"
#include "app/app_ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/app_fixture.h"
#include "support/ledger_fixture.h"

#include "base/banned.h"

typedef app_fixture_t fx_t;

static dtime_t T(const char *s)
{
    dtime_t t;
    if (dtime_parse(s, strlen(s), &t))
        fail_msg("bad test moment %s", s);
    return t;
}

static void is_moment(dtime_t got, const char *want)
{
    char s[DTIME_ISO_LEN];
    if (got == DTIME_NONE)
        fail_msg("no moment, want %s", want);
    dtime_format_min(got, s);
    assert_string_equal(s, want);
}

static app_dossier_in_t new_in(const char *code, const char *unit, const char *recv)
{
    app_dossier_in_t in = {0};
    in.code = code;
    in.procedure = "P1";
    in.unit = unit;
    in.channel = DCH_ONLINE;
    in.received = T(recv);
    in.appointment = DTIME_NONE;
    return in;
}

static void receive(fx_t *f, const user_t *u, const app_dossier_in_t *in, int want,
                    const char *want_code)
{
    err_t e;
    int rc = app_dossier_receive(f->a, u, in, NULL, &e);
    if (rc != want)
        fail_msg("receive %s: got %d (%s), want %d", in->code, rc, e.en, want);
    if (want_code)
        assert_string_equal(e.code, want_code);
}

static void event(fx_t *f, const user_t *u, const char *code, dossier_event_kind_t k,
                  const char *at, int want, const char *want_code)
{
    app_dossier_event_in_t in = {0};
    in.kind = k;
    in.at = T(at);
    in.appointment = DTIME_NONE;
    in.rating = k == DEV_RATED ? 2 : 0;
    err_t e;
    int rc = app_dossier_append(f->a, u, code, &in, NULL, &e);
    if (rc != want)
        fail_msg("%s %s: got %d (%s), want %d", code, app_dossier_kind_name(k), rc, e.en, want);
    if (want_code)
        assert_string_equal(e.code, want_code);
}

static void view(fx_t *f, const char *code, const char *as_of, app_dossier_view_t *v)
{
    err_t e;
    if (app_dossier_get(f->a, NULL, code, as_of ? T(as_of) : DTIME_NONE, v, &e))
        fail_msg("get %s: %s", code, e.en);
}

static void receive_computes_the_due_time(void **state)
{
    fx_t *f = *state;
    app_dossier_in_t in = new_in("N1", "X1", "2024-02-07 10:00");
    in.flags = DFLAG_FULL_ONLINE | DFLAG_DIGITIZED;
    in.note = "nộp qua Cổng DVC";
    err_t e;
    app_dossier_view_t v;
    assert_int_equal(app_dossier_receive(f->a, NULL, &in, &v, &e), 0);
    assert_int_equal(v.d.status, DS_ACCEPTED);
    is_moment(v.d.due, "2024-02-19T10:00");
    is_moment(v.appointment, "2024-02-19T10:00");
    assert_int_equal(v.nevents, 1);
    assert_int_equal(v.events[0].ev.kind, DEV_RECEIVED);
    assert_string_equal(v.events[0].note, "nộp qua Cổng DVC");
    assert_string_equal(v.events[0].actor, "cli");
    assert_true(v.d.flags & DFLAG_DIGITIZED);
    app_dossier_view_release(&v);
    view(f, "N1", "2024-02-19 09:59", &v);
    assert_int_equal(v.cls, DCLS_OPEN);
    app_dossier_view_release(&v);
    view(f, "N1", "2024-02-19 10:01", &v);
    assert_int_equal(v.cls, DCLS_OVERDUE);
    app_dossier_view_release(&v);
    view(f, "N1", "2024-01-01 00:00", &v);
    assert_int_equal(v.cls, DCLS_NONE);
    app_dossier_view_release(&v);
    /* an appointment given is final */
    in = new_in("N1b", "X1", "2024-02-07 10:00");
    in.appointment = T("2024-02-28 16:00");
    assert_int_equal(app_dossier_receive(f->a, NULL, &in, &v, &e), 0);
    is_moment(v.d.due, "2024-02-28T16:00");
    app_dossier_view_release(&v);
    /* the KPI engine sees dossiers written through the API */
    kpi_request_t r = {0};
    r.unit = "X1";
    r.from = date_from_ymd(2024, 2, 1);
    r.to = date_from_ymd(2024, 2, 29);
    r.as_of = T("2024-03-01 00:00");
    r.tree_at = DATE_NONE;
    kpi_counts_t k;
    assert_int_equal(app_kpi_compute(f->a, NULL, &r, &k, &e), 0);
    assert_int_equal(k.c[KC_RECEIVED], 3);     /* D1, N1, N1b */
    assert_int_equal(k.c[KC_OVERDUE_OPEN], 2); /* N1 (19/2) and N1b (28/2) */
}

static void receive_rejects_bad_input(void **state)
{
    fx_t *f = *state;
    app_dossier_in_t in = new_in("N9", "NOPE", "2024-03-01 09:00");
    receive(f, NULL, &in, ERR_INVALID, "dossier.unit_unknown");
    in.unit = "X1";
    in.procedure = "P9";
    receive(f, NULL, &in, ERR_INVALID, "dossier.procedure_unknown");
    in.procedure = "P1";
    in.channel = 4;
    receive(f, NULL, &in, ERR_INVALID, "dossier.channel");
    in.channel = 1;
    in.status = DS_PROCESSED;
    receive(f, NULL, &in, ERR_INVALID, "dossier.status");
    in.status = 0;
    in.code = "N 9";
    receive(f, NULL, &in, ERR_INVALID, "dossier.code");
    in.code = "N/9";
    receive(f, NULL, &in, ERR_INVALID, "dossier.code");
    in.code = "";
    receive(f, NULL, &in, ERR_INVALID, "dossier.code");
    in.code = "N9";
    char *long_note = calloc(1, APP_DOSSIER_NOTE_MAX + 2);
    memset(long_note, 'x', APP_DOSSIER_NOTE_MAX + 1);
    in.note = long_note;
    receive(f, NULL, &in, ERR_INVALID, "dossier.note");
    in.note = NULL;
    free(long_note);
    in.appointment = T("2024-02-01 09:00");
    receive(f, NULL, &in, ERR_INVALID, "dossier.order");
    in.appointment = DTIME_NONE;
    in.received = dtime_now() + 3600;
    receive(f, NULL, &in, ERR_INVALID, "dossier.future");
    in.received = T("2024-03-01 09:00");
    receive(f, NULL, &in, 0, NULL);
    receive(f, NULL, &in, ERR_CONFLICT, "dossier.duplicate");
    in.code = "D1"; /* imported */
    receive(f, NULL, &in, ERR_CONFLICT, "dossier.duplicate");
}

static void events_follow_the_lifecycle(void **state)
{
    fx_t *f = *state;
    app_dossier_in_t in = new_in("N2", "X1", "2024-04-26 16:00");
    in.channel = DCH_IN_PERSON;
    receive(f, NULL, &in, 0, NULL);
    event(f, NULL, "N2", DEV_RETURNED, "2024-04-29 08:00", ERR_CONFLICT, "dossier.transition");
    event(f, NULL, "N2", DEV_SUPPLEMENT_SUPPLIED, "2024-04-29 08:00", ERR_CONFLICT,
          "dossier.transition");
    event(f, NULL, "N2", DEV_SUPPLEMENT_REQUESTED, "2024-05-02 08:00", 0, NULL);
    app_dossier_view_t v;
    /* paused: not overdue even after the base due */
    view(f, "N2", "2024-05-04 17:00", &v);
    assert_int_equal(v.cls, DCLS_OPEN);
    assert_int_equal(v.d.status, DS_SUPPLEMENT);
    app_dossier_view_release(&v);
    event(f, NULL, "N2", DEV_SUPPLEMENT_SUPPLIED, "2024-05-01 08:00", ERR_CONFLICT,
          "dossier.order");
    event(f, NULL, "N2", DEV_SUPPLEMENT_SUPPLIED, "2024-05-03 08:00", 0, NULL);
    view(f, "N2", NULL, &v);
    is_moment(v.d.due_base, "2024-05-04T16:00");
    is_moment(v.d.due, "2024-05-06T16:00");
    app_dossier_view_release(&v);
    event(f, NULL, "N2", DEV_RATED, "2024-05-06 10:00", ERR_CONFLICT, "dossier.transition");
    app_dossier_event_in_t p = {0};
    p.kind = DEV_PROCESSED;
    p.at = T("2024-05-06 15:00");
    p.e_result = true;
    p.appointment = DTIME_NONE;
    p.note = "đã ký";
    err_t e;
    assert_int_equal(app_dossier_append(f->a, NULL, "N2", &p, &v, &e), 0);
    assert_int_equal(v.d.status, DS_PROCESSED);
    assert_true(v.d.flags & DFLAG_E_RESULT);
    app_dossier_view_release(&v);
    event(f, NULL, "N2", DEV_RETURNED, "2024-05-06 16:00", 0, NULL);
    event(f, NULL, "N2", DEV_RATED, "2024-05-07 08:00", 0, NULL);
    event(f, NULL, "N2", DEV_PROCESSED, "2024-05-08 08:00", ERR_CONFLICT, "dossier.transition");
    view(f, "N2", "2024-06-01 00:00", &v);
    assert_int_equal(v.d.status, DS_RETURNED);
    assert_int_equal(v.d.rating, 2);
    assert_int_equal(v.cls, DCLS_ON_TIME);
    assert_int_equal(v.nevents, 6);
    static const dossier_event_kind_t kinds[] = {DEV_RECEIVED,
                                                 DEV_SUPPLEMENT_REQUESTED,
                                                 DEV_SUPPLEMENT_SUPPLIED,
                                                 DEV_PROCESSED,
                                                 DEV_RETURNED,
                                                 DEV_RATED};
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(v.events[i].ev.kind, kinds[i]);
    assert_string_equal(v.events[3].note, "đã ký");
    app_dossier_view_release(&v);
    /* bad events */
    app_dossier_event_in_t bad = {0};
    bad.kind = DEV_RECEIVED;
    bad.at = T("2024-05-08 08:00");
    bad.appointment = DTIME_NONE;
    assert_int_equal(app_dossier_append(f->a, NULL, "N2", &bad, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "dossier.event_kind");
    bad.kind = DEV_RATED;
    bad.rating = 4;
    assert_int_equal(app_dossier_append(f->a, NULL, "N2", &bad, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "dossier.rating");
    bad.kind = DEV_APOLOGY;
    assert_int_equal(app_dossier_append(f->a, NULL, "NOPE", &bad, NULL, &e), ERR_NOTFOUND);
    bad.at = dtime_now() + 86400;
    assert_int_equal(app_dossier_append(f->a, NULL, "N2", &bad, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "dossier.future");
}

static void two_pauses_and_closed_dossiers(void **state)
{
    fx_t *f = *state;
    app_dossier_in_t in = new_in("N3", "X2", "2024-03-04 09:00");
    receive(f, NULL, &in, 0, NULL);
    event(f, NULL, "N3", DEV_SUPPLEMENT_REQUESTED, "2024-03-05 09:00", 0, NULL);
    event(f, NULL, "N3", DEV_SUPPLEMENT_SUPPLIED, "2024-03-05 14:00", 0, NULL);
    event(f, NULL, "N3", DEV_SUPPLEMENT_REQUESTED, "2024-03-06 08:00", 0, NULL);
    event(f, NULL, "N3", DEV_SUPPLEMENT_SUPPLIED, "2024-03-06 10:00", 0, NULL);
    app_dossier_view_t v;
    view(f, "N3", NULL, &v);
    is_moment(v.d.due_base, "2024-03-07T09:00");
    is_moment(v.d.due, "2024-03-07T16:00");
    assert_int_equal(v.d.supplements, 2);
    app_dossier_view_release(&v);
    /* before processing, after the base due: the extended due holds */
    view(f, "N3", "2024-03-07 15:30", &v);
    assert_int_equal(v.cls, DCLS_OPEN);
    app_dossier_view_release(&v);
    event(f, NULL, "N3", DEV_PROCESSED, "2024-03-07 15:00", 0, NULL);
    view(f, "N3", NULL, &v);
    assert_int_equal(v.cls, DCLS_LATE); /* more than one supplement request */
    app_dossier_view_release(&v);
    /* withdrawn and refused dossiers take no further event */
    in = new_in("N4", "X2", "2024-03-04 09:00");
    receive(f, NULL, &in, 0, NULL);
    event(f, NULL, "N4", DEV_WITHDRAWN, "2024-03-04 10:00", 0, NULL);
    event(f, NULL, "N4", DEV_APOLOGY, "2024-03-05 10:00", ERR_CONFLICT, "dossier.transition");
    event(f, NULL, "N4", DEV_PROCESSED, "2024-03-05 10:00", ERR_CONFLICT, "dossier.transition");
    in = new_in("N5", "X2", "2024-03-04 09:00");
    receive(f, NULL, &in, 0, NULL);
    event(f, NULL, "N5", DEV_REFUSED, "2024-03-04 09:30", 0, NULL);
    event(f, NULL, "N5", DEV_TRANSFERRED, "2024-03-04 10:00", ERR_CONFLICT, "dossier.transition");
    view(f, "N5", NULL, &v);
    assert_int_equal(v.cls, DCLS_EXCLUDED);
    app_dossier_view_release(&v);
    /* imported dossiers continue through the API: D6 (open, due 25/12) */
    event(f, NULL, "D6", DEV_PROCESSED, "2024-12-27 09:00", 0, NULL);
    view(f, "D6", NULL, &v);
    assert_int_equal(v.d.status, DS_PROCESSED);
    assert_int_equal(v.cls, DCLS_LATE);
    assert_int_equal(v.nevents, 2);
    assert_string_equal(v.events[0].actor, "");
    app_dossier_view_release(&v);
    event(f, NULL, "D13", DEV_RETURNED, "2025-01-01 09:00", ERR_CONFLICT, "dossier.order");
    event(f, NULL, "D13", DEV_RETURNED, "2025-01-03 09:00", 0, NULL);
}

static void scope_and_public_view(void **state)
{
    fx_t *f = *state;
    user_t x1 = app_fixture_user("X1", ACCESS_ROLE_OFFICER),
           x2 = app_fixture_user("X2", ACCESS_ROLE_OFFICER);
    user_t h1v = app_fixture_user("H1", ACCESS_ROLE_VIEWER),
           s1 = app_fixture_user("S1", ACCESS_ROLE_STANDING);
    app_dossier_in_t in = new_in("N6", "X1", "2024-06-03 09:00");
    receive(f, &x2, &in, ERR_FORBIDDEN, "auth.forbidden");
    receive(f, &h1v, &in, ERR_FORBIDDEN, "auth.forbidden");
    receive(f, &x1, &in, 0, NULL);
    event(f, &x2, "N6", DEV_TRANSFERRED, "2024-06-03 10:00", ERR_FORBIDDEN, NULL);
    event(f, &h1v, "N6", DEV_TRANSFERRED, "2024-06-03 10:00", ERR_FORBIDDEN, NULL);
    event(f, &x1, "N6", DEV_TRANSFERRED, "2024-06-03 10:00", 0, NULL);
    err_t e;
    app_dossier_view_t v;
    assert_int_equal(app_dossier_get(f->a, &s1, "N6", DTIME_NONE, &v, &e), ERR_FORBIDDEN);
    assert_int_equal(app_dossier_get(f->a, &h1v, "N6", DTIME_NONE, &v, &e), 0);
    assert_string_equal(v.events[1].actor, "canbo");
    app_dossier_view_release(&v);
    /* the applicant's view: status and appointment, re-issued by an apology */
    app_dossier_public_t p;
    assert_int_equal(app_dossier_public(f->a, "N6", &p, &e), 0);
    assert_int_equal(p.status, DS_PROCESSING);
    is_moment(p.appointment, "2024-06-06T09:00");
    app_dossier_event_in_t ap = {0};
    ap.kind = DEV_APOLOGY;
    ap.at = T("2024-06-06 08:00");
    ap.appointment = T("2024-06-10 09:00");
    ap.note = "xin lỗi và hẹn lại ngày trả";
    assert_int_equal(app_dossier_append(f->a, &x1, "N6", &ap, NULL, &e), 0);
    assert_int_equal(app_dossier_public(f->a, "N6", &p, &e), 0);
    is_moment(p.appointment, "2024-06-10T09:00");
    assert_int_equal(app_dossier_get(f->a, NULL, "N6", T("2024-06-07 09:00"), &v, &e), 0);
    is_moment(v.d.due, "2024-06-06T09:00"); /* the apology does not move the due */
    assert_int_equal(v.d.apologies, 1);
    assert_int_equal(v.cls, DCLS_OVERDUE);
    app_dossier_view_release(&v);
    assert_int_equal(app_dossier_public(f->a, "NOPE", &p, &e), ERR_NOTFOUND);
    assert_string_equal(e.code, "dossier.not_found");
    /* API names */
    dossier_event_kind_t k;
    assert_int_equal(app_dossier_kind_parse("supplement_request", &k), 0);
    assert_int_equal(k, DEV_SUPPLEMENT_REQUESTED);
    assert_int_equal(app_dossier_kind_parse("stopped", &k), 0);
    assert_int_equal(k, DEV_STOPPED);
    assert_string_equal(app_dossier_kind_name(DEV_RATED), "rating");
    assert_int_equal(app_dossier_kind_parse("nope", &k), ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(receive_computes_the_due_time, ledger_fixture_setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(receive_rejects_bad_input, ledger_fixture_setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(events_follow_the_lifecycle, ledger_fixture_setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(two_pauses_and_closed_dossiers, ledger_fixture_setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(scope_and_public_view, ledger_fixture_setup,
                                        app_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
