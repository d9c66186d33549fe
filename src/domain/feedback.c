/* feedback.c - PAKN lifecycle, deadlines and timeliness (see feedback.h). */
#include "domain/feedback.h"

#include "base/jsonx.h"
#include "domain/worktime.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static const char *status_names[FB_STATUS_MAX] = {
    "", "received", "acknowledged", "info_requested", "info_supplied", "answered", "published"};
static const char *status_vi[FB_STATUS_MAX] = {"",
                                               "Đã nhận phản ánh, kiến nghị",
                                               "Đã xác nhận tiếp nhận",
                                               "Đề nghị bổ sung thông tin",
                                               "Đã bổ sung thông tin",
                                               "Đã trả lời",
                                               "Đã công khai kết quả"};
static const char *status_en[FB_STATUS_MAX] = {
    "",         "received", "acknowledged", "more information requested", "information supplied",
    "answered", "published"};
static const char *event_names[FBE_KIND_MAX] = {
    "",         "received",  "acknowledged", "info_requested", "info_supplied",
    "answered", "published", "rated"};
static const char *event_verbs[FBE_KIND_MAX] = {
    "", "receive", "acknowledge", "request_info", "supply_info", "answer", "publish", "rate"};
static const char *step_names[FB_STEPS] = {"ack", "info_request", "answer", "publish"};
static const char *state_names[] = {"na", "pending", "on_time", "late", "overdue"};
static const char *state_vi[] = {"Không áp dụng", "Đang trong hạn", "Đúng hạn", "Trễ hạn",
                                 "Quá hạn chưa thực hiện"};

void feedback_init(feedback_t *f)
{
    memset(f, 0, sizeof *f);
    f->received = f->acked = f->info_requested = f->info_supplied = DTIME_NONE;
    f->answered = f->published = f->rated_at = DTIME_NONE;
    f->ack_due = f->info_due = f->answer_due_base = f->answer_due = f->publish_due = DTIME_NONE;
}

const char *feedback_status_name(fb_status_t s)
{
    return (unsigned)s < FB_STATUS_MAX ? status_names[s] : "?";
}

const char *feedback_status_label_vi(fb_status_t s)
{
    return (unsigned)s < FB_STATUS_MAX ? status_vi[s] : "?";
}

const char *feedback_status_label_en(fb_status_t s)
{
    return (unsigned)s < FB_STATUS_MAX ? status_en[s] : "?";
}

int feedback_status_parse(const char *s, fb_status_t *out)
{
    for (int i = 1; i < FB_STATUS_MAX; i++)
        if (strcmp(s, status_names[i]) == 0) {
            *out = (fb_status_t)i;
            return 0;
        }
    return ERR_INVALID;
}

const char *feedback_event_name(fb_event_kind_t k)
{
    return k > 0 && k < FBE_KIND_MAX ? event_names[k] : "?";
}

int feedback_event_parse(const char *s, fb_event_kind_t *out)
{
    for (int i = 1; i < FBE_KIND_MAX; i++)
        if (strcmp(s, event_names[i]) == 0 || strcmp(s, event_verbs[i]) == 0) {
            *out = (fb_event_kind_t)i;
            return 0;
        }
    return ERR_INVALID;
}

const char *feedback_step_name(int step)
{
    return step >= 0 && step < FB_STEPS ? step_names[step] : "?";
}

const char *feedback_step_state_name(fb_step_state_t s)
{
    return (unsigned)s <= FBS_OVERDUE ? state_names[s] : "?";
}

const char *feedback_step_state_label_vi(fb_step_state_t s)
{
    return (unsigned)s <= FBS_OVERDUE ? state_vi[s] : "?";
}

/* --- lifecycle ----------------------------------------------------------------- */

static bool allowed(const feedback_t *f, fb_event_kind_t k)
{
    switch (k) {
    case FBE_RECEIVED:
        return f->status == FB_NONE;
    case FBE_ACKNOWLEDGED:
        return f->status == FB_RECEIVED;
    case FBE_INFO_REQUESTED:
        return f->status == FB_ACKNOWLEDGED && f->info_requested == DTIME_NONE;
    case FBE_INFO_SUPPLIED:
        return f->status == FB_INFO_REQUESTED;
    case FBE_ANSWERED:
        return f->status == FB_ACKNOWLEDGED || f->status == FB_INFO_SUPPLIED;
    case FBE_PUBLISHED:
        return f->status == FB_ANSWERED;
    case FBE_RATED:
        return (f->status == FB_ANSWERED || f->status == FB_PUBLISHED) && !f->rating;
    default:
        return false;
    }
}

static int transition_error(const feedback_t *f, fb_event_kind_t k, err_t *e)
{
    if (k == FBE_RATED && f->rating)
        return err_set(e, ERR_CONFLICT, "feedback.transition",
                       "phản ánh %s đã được đánh giá, không đánh giá lại",
                       "feedback %s has already been rated", f->code);
    if (k == FBE_INFO_REQUESTED && f->info_requested != DTIME_NONE)
        return err_set(e, ERR_CONFLICT, "feedback.transition",
                       "phản ánh %s đã được đề nghị bổ sung thông tin một lần",
                       "feedback %s: more information was already requested once", f->code);
    return err_set(e, ERR_CONFLICT, "feedback.transition",
                   "phản ánh %s: không thể ghi sự kiện '%s' khi trạng thái là '%s'%.0s",
                   "feedback %s: event '%s' not allowed in status %.0s'%s'", f->code,
                   feedback_event_name(k), feedback_status_label_vi(f->status),
                   feedback_status_label_en(f->status));
}

int feedback_apply(feedback_t *f, const fb_event_t *ev, dtime_t *last, err_t *e)
{
    if (ev->kind <= 0 || ev->kind >= FBE_KIND_MAX || ev->at == DTIME_NONE)
        return err_set(e, ERR_INVALID, "feedback.event", "sự kiện phản ánh không hợp lệ",
                       "invalid feedback event");
    if (!allowed(f, ev->kind))
        return transition_error(f, ev->kind, e);
    if (last && *last != DTIME_NONE && ev->at < *last) {
        char a[DTIME_ISO_LEN], b[DTIME_ISO_LEN];
        dtime_format(ev->at, a);
        dtime_format(*last, b);
        return err_set(e, ERR_CONFLICT, "feedback.order",
                       "phản ánh %s: sự kiện '%s' lúc %s trước sự kiện trước đó (%s)",
                       "feedback %s: event '%s' at %s is dated before the previous event (%s)",
                       f->code, feedback_event_name(ev->kind), a, b);
    }
    if (ev->kind == FBE_RATED && (ev->value < 1 || ev->value > 3))
        return err_set(e, ERR_INVALID, "feedback.rating",
                       "đánh giá %d không hợp lệ (1 không hài lòng, 2 hài lòng, 3 rất hài lòng)",
                       "invalid rating %d (1 unsatisfied, 2 satisfied, 3 very satisfied)",
                       ev->value);
    switch (ev->kind) {
    case FBE_RECEIVED:
        f->received = ev->at;
        f->status = FB_RECEIVED;
        break;
    case FBE_ACKNOWLEDGED:
        f->acked = ev->at;
        f->status = FB_ACKNOWLEDGED;
        break;
    case FBE_INFO_REQUESTED:
        f->info_requested = ev->at;
        f->status = FB_INFO_REQUESTED;
        break;
    case FBE_INFO_SUPPLIED:
        f->info_supplied = ev->at;
        f->status = FB_INFO_SUPPLIED;
        break;
    case FBE_ANSWERED:
        f->answered = ev->at;
        f->status = FB_ANSWERED;
        break;
    case FBE_PUBLISHED:
        f->published = ev->at;
        f->status = FB_PUBLISHED;
        break;
    case FBE_RATED:
        f->rating = ev->value;
        f->rated_at = ev->at;
        break;
    default:
        break;
    }
    if (last)
        *last = ev->at;
    return 0;
}

/* --- deadlines ------------------------------------------------------------------ */

static int range_error(const feedback_t *f, err_t *e)
{
    return err_set(e, ERR_INVALID, "feedback.date",
                   "phản ánh %s: thời điểm nằm ngoài phạm vi lịch làm việc",
                   "feedback %s: a time lies outside the working calendar", f->code);
}

static int due(const agencycal_t *cal, const feedback_t *f, dtime_t from, int days, dtime_t *out,
               err_t *e)
{
    *out = DTIME_NONE;
    if (from == DTIME_NONE)
        return 0;
    int rc = worktime_due(cal, from, days, WORKTIME_WORKING_DAYS, NULL, out, e);
    return rc == ERR_RANGE ? range_error(f, e) : rc;
}

int feedback_deadlines(const agencycal_t *cal, const fb_rules_t *r, feedback_t *f, err_t *e)
{
    fb_rules_t def = FB_RULES_DEFAULT;
    if (!r)
        r = &def;
    f->ack_due = f->info_due = f->answer_due_base = f->answer_due = f->publish_due = DTIME_NONE;
    if (!cal)
        return 0;
    int rc = due(cal, f, f->received, r->ack_days, &f->ack_due, e);
    if (!rc)
        rc = due(cal, f, f->received, r->info_days, &f->info_due, e);
    if (!rc)
        rc = due(cal, f, f->received, r->answer_days, &f->answer_due_base, e);
    if (!rc)
        rc = due(cal, f, f->answered, r->publish_days, &f->publish_due, e);
    if (rc)
        return rc;
    if (!r->pause_for_info || f->info_requested == DTIME_NONE) {
        f->answer_due = f->answer_due_base;
        return 0;
    }
    if (f->info_supplied == DTIME_NONE || f->answer_due_base == DTIME_NONE)
        return 0; /* the clock is stopped */
    worktime_span_t span;
    rc = worktime_between(cal, f->info_requested, f->info_supplied, NULL, 0, &span, e);
    if (!rc)
        rc = worktime_add_working_minutes(cal, f->answer_due_base, (span.working_seconds + 59) / 60,
                                          &f->answer_due, e);
    return rc == ERR_RANGE ? range_error(f, e) : rc;
}

/* --- timeliness ------------------------------------------------------------------ */

static bool by(dtime_t t, dtime_t as_of)
{
    return t != DTIME_NONE && t <= as_of;
}

static fb_step_state_t step(dtime_t done, dtime_t due_at, dtime_t as_of, bool stopped)
{
    if (by(done, as_of))
        return due_at != DTIME_NONE && done > due_at ? FBS_LATE : FBS_ON_TIME;
    if (stopped)
        return FBS_PENDING;
    return due_at != DTIME_NONE && as_of > due_at ? FBS_OVERDUE : FBS_PENDING;
}

void feedback_timeliness(const feedback_t *f, const fb_rules_t *r, dtime_t as_of,
                         fb_timeliness_t *out)
{
    fb_rules_t def = FB_RULES_DEFAULT;
    if (!r)
        r = &def;
    memset(out, 0, sizeof *out);
    if (!by(f->received, as_of)) {
        out->overall = FBS_NA;
        return;
    }
    out->step[FB_STEP_ACK] = step(f->acked, f->ack_due, as_of, false);
    bool requested = by(f->info_requested, as_of);
    out->step[FB_STEP_INFO] =
        requested ? step(f->info_requested, f->info_due, as_of, false) : FBS_NA;
    /* The answer due in force at as_of: the base before any request; while
     * information is awaited the clock is stopped (pause_for_info). */
    bool waiting = requested && !by(f->info_supplied, as_of) && r->pause_for_info;
    dtime_t answer_due = requested ? f->answer_due : f->answer_due_base;
    if (requested && answer_due == DTIME_NONE && !r->pause_for_info)
        answer_due = f->answer_due_base;
    out->step[FB_STEP_ANSWER] = step(f->answered, answer_due, as_of, waiting);
    out->step[FB_STEP_PUBLISH] =
        by(f->answered, as_of) ? step(f->published, f->publish_due, as_of, false) : FBS_PENDING;
    bool late = false, overdue = false;
    for (int i = 0; i < FB_STEPS; i++) {
        late |= out->step[i] == FBS_LATE;
        overdue |= out->step[i] == FBS_OVERDUE;
    }
    if (late)
        out->overall = FBS_LATE;
    else if (overdue)
        out->overall = FBS_OVERDUE;
    else if (by(f->published, as_of))
        out->overall = FBS_ON_TIME;
    else
        out->overall = FBS_PENDING;
}

bool feedback_handled_on_time(const feedback_t *f, const fb_rules_t *r, dtime_t as_of)
{
    if (!by(f->answered, as_of))
        return false;
    fb_timeliness_t t;
    feedback_timeliness(f, r, as_of, &t);
    return t.overall == FBS_ON_TIME || t.overall == FBS_PENDING;
}

/* --- rules file ------------------------------------------------------------------- */

static int rules_error(err_t *e, const char *what)
{
    return err_set(e, ERR_INVALID, "feedback.rules", "tệp quy tắc phản ánh, kiến nghị: sai '%s'",
                   "feedback rules file: bad '%s'", what);
}

static int days(const json_t *wd, const char *key, int *out, err_t *e)
{
    json_t *v = json_object_get(wd, key);
    if (!v)
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 365)
        return rules_error(e, key);
    *out = (int)json_integer_value(v);
    return 0;
}

int feedback_rules_parse(const char *text, size_t n, fb_rules_t *out, err_t *e)
{
    *out = FB_RULES_DEFAULT;
    json_t *root = jsonx_parse(text, n, e);
    if (!root)
        return ERR_INVALID;
    int rc = 0;
    if (!json_is_object(root) || strcmp(jsonx_str(root, "format", ""), "cchc-feedback/1") != 0)
        rc = rules_error(e, "format");
    json_t *wd = rc ? NULL : json_object_get(root, "working_days");
    if (!rc && wd && !json_is_object(wd))
        rc = rules_error(e, "working_days");
    if (!rc && wd) {
        rc = days(wd, "acknowledge", &out->ack_days, e);
        if (!rc)
            rc = days(wd, "request_info", &out->info_days, e);
        if (!rc)
            rc = days(wd, "answer", &out->answer_days, e);
        if (!rc)
            rc = days(wd, "publish", &out->publish_days, e);
    }
    json_t *p = rc ? NULL : json_object_get(root, "pause_for_info");
    if (p && !json_is_boolean(p))
        rc = rules_error(e, "pause_for_info");
    else if (p)
        out->pause_for_info = json_is_true(p);
    if (!rc)
        snprintf(out->version, sizeof out->version, "%s", jsonx_str(root, "version", ""));
    json_decref(root);
    if (rc)
        *out = FB_RULES_DEFAULT;
    return rc;
}
