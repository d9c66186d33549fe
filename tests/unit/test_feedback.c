/* Unit tests of citizen feedback (PAKN): the domain rules (lifecycle,
 * deadlines through the shipped 2024 calendar, timeliness as of a moment,
 * rules file) and the use cases (submit, steps, scope, public status and
 * rating, list) on a scratch database.
 *
 * Hand-computed case (2024 calendar: Tết 8-14/2 off; office hours
 * 07:30-11:30, 13:30-17:00, 450 min a day), received Wed 7/2 10:00:
 *   ack due   2 working days: 15/2, 16/2                  -> 16/2 10:00
 *   info due  5 working days: ... 19/2, 20/2, 21/2        -> 21/2 10:00
 *   answer    15 working days: 15/2 ... 29/2, 1/3, 4/3, 5/3, 6/3
 *             -> base 6/3 10:00; information requested Mon 19/2 08:00,
 *             supplied Wed 21/2 08:00: 420 + 450 + 30 = 900 working
 *             minutes (2 days) -> answer due 8/3 10:00
 *   publish   answered Fri 8/3 09:00 + 2 working days     -> 12/3 09:00 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_calendar.h"
#include "app/app_feedback.h"
#include "app/calendar_load.h"
#include "domain/feedback.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/app_fixture.h"
#include "support/ledger_fixture.h"
#include "support/testdir.h"

#include "base/banned.h"

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

static agencycal_t *load_cal(void)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/data/calendar/vn.json", testdir_root());
    agencycal_t *c = NULL;
    err_t e;
    if (calendar_load_files(path, NULL, &c, &e))
        fail_msg("%s", e.en);
    return c;
}

static void ev(feedback_t *f, fb_event_kind_t k, const char *at, int value, dtime_t *last)
{
    fb_event_t x = {k, T(at), value};
    err_t e;
    if (feedback_apply(f, &x, last, &e))
        fail_msg("%s: %s", feedback_event_name(k), e.en);
}

/* The hand-computed item of the header, handled up to `upto` events. */
static void sample(feedback_t *f, int upto)
{
    static const struct {
        fb_event_kind_t k;
        const char *at;
    } steps[] = {{FBE_RECEIVED, "2024-02-07 10:00"},       {FBE_ACKNOWLEDGED, "2024-02-15 08:00"},
                 {FBE_INFO_REQUESTED, "2024-02-19 08:00"}, {FBE_INFO_SUPPLIED, "2024-02-21 08:00"},
                 {FBE_ANSWERED, "2024-03-08 09:00"},       {FBE_PUBLISHED, "2024-03-12 10:00"}};
    feedback_init(f);
    snprintf(f->code, sizeof f->code, "F1");
    dtime_t last = DTIME_NONE;
    for (int i = 0; i < upto; i++)
        ev(f, steps[i].k, steps[i].at, 0, &last);
}

static void lifecycle_and_transitions(void **state)
{
    (void)state;
    feedback_t f;
    sample(&f, 6);
    assert_int_equal(f.status, FB_PUBLISHED);
    dtime_t last = f.published;
    err_t e;
    fb_event_t x = {FBE_RATED, T("2024-03-13 08:00"), 4};
    assert_int_equal(feedback_apply(&f, &x, &last, &e), ERR_INVALID);
    assert_string_equal(e.code, "feedback.rating");
    x.value = 3;
    assert_int_equal(feedback_apply(&f, &x, &last, &e), 0);
    assert_int_equal(f.rating, 3);
    assert_int_equal(feedback_apply(&f, &x, &last, &e), ERR_CONFLICT); /* rated once */
    assert_string_equal(e.code, "feedback.transition");
    /* answer before acknowledging, publish before answering, a second
     * information request, a step before the previous one */
    sample(&f, 1);
    last = f.received;
    fb_event_t y = {FBE_ANSWERED, T("2024-02-08 10:00"), 0};
    assert_int_equal(feedback_apply(&f, &y, &last, &e), ERR_CONFLICT);
    y.kind = FBE_PUBLISHED;
    assert_int_equal(feedback_apply(&f, &y, &last, &e), ERR_CONFLICT);
    y.kind = FBE_RATED;
    y.value = 2;
    assert_int_equal(feedback_apply(&f, &y, &last, &e), ERR_CONFLICT);
    sample(&f, 4);
    last = f.info_supplied;
    y.kind = FBE_INFO_REQUESTED;
    y.at = T("2024-02-22 08:00");
    assert_int_equal(feedback_apply(&f, &y, &last, &e), ERR_CONFLICT);
    y.kind = FBE_ANSWERED;
    y.at = T("2024-02-20 08:00");
    assert_int_equal(feedback_apply(&f, &y, &last, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "feedback.order");
    assert_non_null(strstr(e.vi, "trước sự kiện trước đó"));
    assert_int_equal(f.status, FB_INFO_SUPPLIED); /* unchanged */
    y.kind = FBE_RECEIVED;
    y.at = T("2024-03-01 08:00");
    assert_int_equal(feedback_apply(&f, &y, &last, &e), ERR_CONFLICT);
    y.kind = (fb_event_kind_t)99;
    assert_int_equal(feedback_apply(&f, &y, &last, &e), ERR_INVALID);
    /* names */
    fb_event_kind_t k;
    assert_int_equal(feedback_event_parse("request_info", &k), 0);
    assert_int_equal(k, FBE_INFO_REQUESTED);
    assert_int_equal(feedback_event_parse("answered", &k), 0);
    assert_int_equal(k, FBE_ANSWERED);
    assert_int_equal(feedback_event_parse("nope", &k), ERR_INVALID);
    fb_status_t st;
    assert_int_equal(feedback_status_parse("published", &st), 0);
    assert_int_equal(st, FB_PUBLISHED);
    assert_string_equal(feedback_status_label_vi(FB_ANSWERED), "Đã trả lời");
}

static void deadlines_through_the_calendar(void **state)
{
    (void)state;
    agencycal_t *cal = load_cal();
    feedback_t f;
    err_t e;
    sample(&f, 1);
    assert_int_equal(feedback_deadlines(cal, NULL, &f, &e), 0);
    is_moment(f.ack_due, "2024-02-16T10:00");
    is_moment(f.info_due, "2024-02-21T10:00");
    is_moment(f.answer_due_base, "2024-03-06T10:00");
    is_moment(f.answer_due, "2024-03-06T10:00");
    assert_true(f.publish_due == DTIME_NONE);
    /* waiting for information: the answer clock is stopped */
    sample(&f, 3);
    assert_int_equal(feedback_deadlines(cal, NULL, &f, &e), 0);
    assert_true(f.answer_due == DTIME_NONE);
    sample(&f, 6);
    assert_int_equal(feedback_deadlines(cal, NULL, &f, &e), 0);
    is_moment(f.answer_due, "2024-03-08T10:00");
    is_moment(f.publish_due, "2024-03-12T09:00");
    /* without the pause rule the base holds */
    fb_rules_t r = FB_RULES_DEFAULT;
    r.pause_for_info = false;
    assert_int_equal(feedback_deadlines(cal, &r, &f, &e), 0);
    is_moment(f.answer_due, "2024-03-06T10:00");
    /* no calendar: no dues */
    assert_int_equal(feedback_deadlines(NULL, NULL, &f, &e), 0);
    assert_true(f.ack_due == DTIME_NONE && f.answer_due == DTIME_NONE);
    /* outside the calendar's range */
    feedback_init(&f);
    f.received = T("1800-01-01 08:00");
    assert_int_equal(feedback_deadlines(cal, NULL, &f, &e), ERR_INVALID);
    assert_string_equal(e.code, "feedback.date");
    agencycal_free(cal);
}

static void timeliness_as_of(void **state)
{
    (void)state;
    agencycal_t *cal = load_cal();
    feedback_t f;
    fb_timeliness_t t;
    err_t e;
    sample(&f, 6);
    assert_int_equal(feedback_deadlines(cal, NULL, &f, &e), 0);
    /* everything done: acknowledged, information requested and answered on
     * time (thanks to the pause), published an hour late */
    feedback_timeliness(&f, NULL, T("2024-04-01 00:00"), &t);
    assert_int_equal(t.step[FB_STEP_ACK], FBS_ON_TIME);
    assert_int_equal(t.step[FB_STEP_INFO], FBS_ON_TIME);
    assert_int_equal(t.step[FB_STEP_ANSWER], FBS_ON_TIME);
    assert_int_equal(t.step[FB_STEP_PUBLISH], FBS_LATE);
    assert_int_equal(t.overall, FBS_LATE);
    assert_false(feedback_handled_on_time(&f, NULL, T("2024-04-01 00:00")));
    /* as of 11/3: answered, publication still within its time */
    feedback_timeliness(&f, NULL, T("2024-03-11 12:00"), &t);
    assert_int_equal(t.step[FB_STEP_PUBLISH], FBS_PENDING);
    assert_int_equal(t.overall, FBS_PENDING);
    assert_true(feedback_handled_on_time(&f, NULL, T("2024-03-11 12:00")));
    /* as of 20/2 noon: waiting for the information, the answer clock stopped */
    feedback_timeliness(&f, NULL, T("2024-02-20 12:00"), &t);
    assert_int_equal(t.step[FB_STEP_ANSWER], FBS_PENDING);
    assert_int_equal(t.step[FB_STEP_PUBLISH], FBS_PENDING);
    assert_false(feedback_handled_on_time(&f, NULL, T("2024-02-20 12:00"))); /* not answered */
    /* before the receipt: nothing applies */
    feedback_timeliness(&f, NULL, T("2024-01-01 00:00"), &t);
    assert_int_equal(t.overall, FBS_NA);
    /* not acknowledged by 16/2 11:00: overdue; the information step never
     * applies when none is requested */
    sample(&f, 1);
    assert_int_equal(feedback_deadlines(cal, NULL, &f, &e), 0);
    feedback_timeliness(&f, NULL, T("2024-02-16 11:00"), &t);
    assert_int_equal(t.step[FB_STEP_ACK], FBS_OVERDUE);
    assert_int_equal(t.step[FB_STEP_INFO], FBS_NA);
    assert_int_equal(t.overall, FBS_OVERDUE);
    /* without the pause rule the same answer is late */
    fb_rules_t r = FB_RULES_DEFAULT;
    r.pause_for_info = false;
    sample(&f, 5);
    assert_int_equal(feedback_deadlines(cal, &r, &f, &e), 0);
    feedback_timeliness(&f, &r, T("2024-03-08 12:00"), &t);
    assert_int_equal(t.step[FB_STEP_ANSWER], FBS_LATE);
    assert_false(feedback_handled_on_time(&f, &r, T("2024-03-08 12:00")));
    assert_string_equal(feedback_step_state_name(FBS_OVERDUE), "overdue");
    agencycal_free(cal);
}

static void rules_file(void **state)
{
    (void)state;
    char path[1100];
    snprintf(path, sizeof path, "%s/data/indices/feedback.json", testdir_root());
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    fb_rules_t r;
    err_t e;
    assert_int_equal(feedback_rules_parse(buf, n, &r, &e), 0);
    assert_int_equal(r.ack_days, 2);
    assert_int_equal(r.info_days, 5);
    assert_int_equal(r.answer_days, 15);
    assert_int_equal(r.publish_days, 2);
    assert_true(r.pause_for_info);
    assert_string_equal(r.version, "2024.1");
    const char *partial = "{\"format\":\"cchc-feedback/1\",\"version\":\"x\","
                          "\"working_days\":{\"answer\":10},\"pause_for_info\":false}";
    assert_int_equal(feedback_rules_parse(partial, strlen(partial), &r, &e), 0);
    assert_int_equal(r.answer_days, 10);
    assert_int_equal(r.ack_days, 2);
    assert_false(r.pause_for_info);
    const char *bad[] = {"{\"format\":\"other\"}",
                         "{\"format\":\"cchc-feedback/1\",\"working_days\":{\"answer\":-1}}",
                         "{\"format\":\"cchc-feedback/1\",\"working_days\":[]}",
                         "{\"format\":\"cchc-feedback/1\",\"pause_for_info\":1}", "[1,"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(feedback_rules_parse(bad[i], strlen(bad[i]), &r, &e), ERR_INVALID);
        assert_int_equal(r.answer_days, 15); /* defaults back */
    }
}

/* --- use cases ----------------------------------------------------------------- */

typedef app_fixture_t fx_t;

static int app_setup(void **state)
{
    fx_t *f = app_fixture_start();
    ledger_fixture_units(f->a);
    *state = f;
    return 0;
}

static user_t officer(const char *unit, access_role_t role)
{
    user_t u = {0};
    u.id = 7;
    snprintf(u.login, sizeof u.login, "%s", "canbo");
    u.role = role;
    snprintf(u.unit_code, sizeof u.unit_code, "%s", unit);
    return u;
}

static void step(fx_t *f, const user_t *u, const char *code, fb_event_kind_t k, const char *at,
                 int rating, int want)
{
    app_fb_event_in_t in = {k, T(at), rating, NULL};
    err_t e;
    int rc = app_feedback_event(f->a, u, code, &in, &e);
    if (rc != want)
        fail_msg("%s %s: got %d (%s), want %d", code, feedback_event_name(k), rc, e.en, want);
}

static void submit_handle_and_read(void **state)
{
    fx_t *f = *state;
    err_t e;
    char code[FB_CODE_MAX + 1];
    app_fb_in_t in = {0};
    in.unit = "X1";
    in.subject = "  Đường liên xã bị hư hỏng  ";
    in.content = "Đoạn đường dài 2 km\nbị sạt lở.";
    in.sender_name = "Nguyễn Văn A";
    in.sender_contact = "0900 000 000";
    in.received = T("2024-02-07 10:00");
    assert_int_equal(app_feedback_submit(f->a, NULL, &in, code, &e), 0);
    assert_int_equal(strncmp(code, "PAKN-", 5), 0);
    assert_int_equal(strlen(code), 15);
    user_t x1 = officer("X1", ACCESS_ROLE_OFFICER), x2 = officer("X2", ACCESS_ROLE_OFFICER);
    user_t h1 = officer("H1", ACCESS_ROLE_VIEWER);
    step(f, &x2, code, FBE_ACKNOWLEDGED, "2024-02-15 08:00", 0, ERR_FORBIDDEN);
    step(f, &h1, code, FBE_ACKNOWLEDGED, "2024-02-15 08:00", 0, ERR_FORBIDDEN); /* reads only */
    step(f, &x1, code, FBE_ACKNOWLEDGED, "2024-02-15 08:00", 0, 0);
    step(f, &x1, code, FBE_INFO_REQUESTED, "2024-02-19 08:00", 0, 0);
    step(f, &x1, code, FBE_ANSWERED, "2024-02-20 08:00", 0, ERR_CONFLICT); /* waiting for info */
    step(f, &x1, code, FBE_INFO_SUPPLIED, "2024-02-21 08:00", 0, 0);
    step(f, &x1, code, FBE_ANSWERED, "2024-02-20 09:00", 0, ERR_CONFLICT); /* before previous */
    step(f, &x1, code, FBE_ANSWERED, "2024-03-08 09:00", 0, 0);
    step(f, NULL, code, FBE_PUBLISHED, "2024-03-11 09:00", 0, 0);
    step(f, &x1, code, FBE_ACKNOWLEDGED, "2024-03-12 09:00", 0, ERR_CONFLICT);
    step(f, &x1, "PAKN-NOPE", FBE_ACKNOWLEDGED, "2024-03-12 09:00", 0, ERR_NOTFOUND);
    app_fb_view_t v;
    assert_int_equal(app_feedback_get(f->a, &x2, code, DTIME_NONE, &v, &e), ERR_FORBIDDEN);
    assert_int_equal(app_feedback_get(f->a, &h1, code, T("2024-04-01 00:00"), &v, &e), 0);
    assert_string_equal(v.text.subject, "Đường liên xã bị hư hỏng"); /* trimmed */
    assert_string_equal(v.text.sender_name, "Nguyễn Văn A");
    assert_string_equal(v.text.rules_version, "2024.1");
    assert_int_equal(v.f.status, FB_PUBLISHED);
    is_moment(v.f.answer_due, "2024-03-08T10:00");
    is_moment(v.f.publish_due, "2024-03-12T09:00");
    assert_int_equal(v.t.overall, FBS_ON_TIME);
    assert_int_equal(v.nevents, 6);
    assert_string_equal(v.events[0].actor, "citizen");
    assert_string_equal(v.events[1].actor, "canbo");
    assert_string_equal(v.events[5].actor, "cli");
    assert_int_equal(v.events[3].ev.kind, FBE_INFO_SUPPLIED);
    app_feedback_view_release(&v);
    /* the citizen: status and a rating, once */
    fb_status_t st;
    assert_int_equal(app_feedback_public(f->a, code, &st, &e), 0);
    assert_int_equal(st, FB_PUBLISHED);
    assert_int_equal(app_feedback_public(f->a, "PAKN-0000000000", &st, &e), ERR_NOTFOUND);
    assert_int_equal(app_feedback_rate_public(f->a, code, 5, &e), ERR_INVALID);
    assert_int_equal(app_feedback_rate_public(f->a, code, 3, &e), 0);
    assert_int_equal(app_feedback_rate_public(f->a, code, 2, &e), ERR_CONFLICT);
    assert_int_equal(app_feedback_get(f->a, NULL, code, DTIME_NONE, &v, &e), 0);
    assert_int_equal(v.f.rating, 3);
    assert_string_equal(v.events[v.nevents - 1].actor, "citizen");
    app_feedback_view_release(&v);
}

static void submit_rejects_bad_input(void **state)
{
    fx_t *f = *state;
    err_t e;
    app_fb_in_t in = {0};
    in.unit = "NOPE";
    in.subject = "x";
    in.received = DTIME_NONE;
    assert_int_equal(app_feedback_submit(f->a, NULL, &in, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "feedback.unit_unknown");
    in.unit = "X1";
    in.subject = "   ";
    assert_int_equal(app_feedback_submit(f->a, NULL, &in, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "feedback.subject");
    char *big = malloc(APP_FB_CONTENT_MAX + 2);
    memset(big, 'a', APP_FB_CONTENT_MAX + 1);
    big[APP_FB_CONTENT_MAX + 1] = '\0';
    in.subject = "x";
    in.content = big;
    assert_int_equal(app_feedback_submit(f->a, NULL, &in, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "feedback.text");
    free(big);
    in.content = "bad\x01";
    assert_int_equal(app_feedback_submit(f->a, NULL, &in, NULL, &e), ERR_INVALID);
    in.content = NULL;
    in.received = dtime_now() + 86400;
    assert_int_equal(app_feedback_submit(f->a, NULL, &in, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "feedback.future");
    in.received = DTIME_NONE;
    in.code = "bad code";
    assert_int_equal(app_feedback_submit(f->a, NULL, &in, NULL, &e), ERR_INVALID);
    in.code = "FB-1";
    assert_int_equal(app_feedback_submit(f->a, NULL, &in, NULL, &e), 0);
    assert_int_equal(app_feedback_submit(f->a, NULL, &in, NULL, &e), ERR_CONFLICT);
    assert_string_equal(e.code, "feedback.duplicate");
    /* an officer submitting for another unit */
    user_t x2 = officer("X2", ACCESS_ROLE_OFFICER);
    in.code = NULL;
    assert_int_equal(app_feedback_submit(f->a, &x2, &in, NULL, &e), ERR_FORBIDDEN);
}

typedef struct listed {
    int n;
    char codes[8][FB_CODE_MAX + 1];
} listed_t;

static int on_item(void *ctx, const feedback_t *f, const char *subject, const fb_timeliness_t *t)
{
    (void)subject;
    (void)t;
    listed_t *l = ctx;
    if (l->n < 8)
        snprintf(l->codes[l->n], sizeof l->codes[0], "%s", f->code);
    l->n++;
    return 0;
}

typedef struct kpi_tally {
    int answered, on_time;
} kpi_tally_t;

static int tally(void *ctx, const feedback_t *f, bool on_time)
{
    (void)f;
    kpi_tally_t *k = ctx;
    k->answered++;
    k->on_time += on_time;
    return 0;
}

static void list_scope_and_kpi_items(void **state)
{
    fx_t *f = *state;
    err_t e;
    const char *units[] = {"X1", "X2", "S1"};
    const char *codes[] = {"A1", "A2", "A3"};
    for (int i = 0; i < 3; i++) {
        app_fb_in_t in = {0};
        in.code = codes[i];
        in.unit = units[i];
        in.subject = "Góp ý";
        in.received = T("2024-05-02 08:00");
        assert_int_equal(app_feedback_submit(f->a, NULL, &in, NULL, &e), 0);
        step(f, NULL, codes[i], FBE_ACKNOWLEDGED, "2024-05-03 08:00", 0, 0);
    }
    step(f, NULL, "A1", FBE_ANSWERED, "2024-05-10 08:00", 0, 0);
    step(f, NULL, "A2", FBE_ANSWERED, "2024-06-20 08:00", 0, 0); /* late: due 22/5 */
    listed_t l = {0};
    app_fb_filter_t flt = {0};
    flt.as_of = DTIME_NONE;
    size_t total;
    user_t h1 = officer("H1", ACCESS_ROLE_VIEWER);
    assert_int_equal(app_feedback_list(f->a, &h1, &flt, on_item, &l, &total, &e), 0);
    assert_int_equal(total, 2); /* X1 and X2, not S1 */
    flt.unit = "H1";
    flt.tree = true;
    memset(&l, 0, sizeof l);
    assert_int_equal(app_feedback_list(f->a, NULL, &flt, on_item, &l, &total, &e), 0);
    assert_int_equal(total, 2);
    flt.tree = false;
    assert_int_equal(app_feedback_list(f->a, NULL, &flt, on_item, &l, &total, &e), 0);
    assert_int_equal(total, 0);
    flt.unit = NULL;
    flt.status = FB_ANSWERED;
    flt.limit = 1;
    flt.offset = 1;
    memset(&l, 0, sizeof l);
    assert_int_equal(app_feedback_list(f->a, NULL, &flt, on_item, &l, &total, &e), 0);
    assert_int_equal(total, 2);
    assert_int_equal(l.n, 1);
    flt.unit = "NOPE";
    assert_int_equal(app_feedback_list(f->a, NULL, &flt, on_item, &l, &total, &e), ERR_NOTFOUND);
    /* KPI items: answered in May-June. As of 1/7 A1 is not published by its
     * due (14/5 08:00) and A2 was answered late; as of 13/5 noon only A1 is
     * answered, its publication still within time. */
    kpi_tally_t k = {0};
    assert_int_equal(app_feedback_kpi_items(f->a, T("2024-05-01 00:00"), T("2024-06-30 23:59"),
                                            T("2024-07-01 00:00"), tally, &k, &e),
                     0);
    assert_int_equal(k.answered, 2);
    assert_int_equal(k.on_time, 0);
    memset(&k, 0, sizeof k);
    assert_int_equal(app_feedback_kpi_items(f->a, T("2024-05-01 00:00"), T("2024-06-30 23:59"),
                                            T("2024-05-13 12:00"), tally, &k, &e),
                     0);
    assert_int_equal(k.answered, 1);
    assert_int_equal(k.on_time, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lifecycle_and_transitions),
        cmocka_unit_test(deadlines_through_the_calendar),
        cmocka_unit_test(timeliness_as_of),
        cmocka_unit_test(rules_file),
        cmocka_unit_test_setup_teardown(submit_handle_and_read, app_setup, app_fixture_teardown),
        cmocka_unit_test_setup_teardown(submit_rejects_bad_input, app_setup, app_fixture_teardown),
        cmocka_unit_test_setup_teardown(list_scope_and_kpi_items, app_setup, app_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
