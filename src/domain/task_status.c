/* task_status.c - assignment statuses, transitions, due dates, roll-ups. */
#include "domain/task_status.h"

#include <stdio.h>

#include "base/text.h"

#include <string.h>

#include "base/banned.h"

static const struct {
    const char *code, *vi, *en;
} names[TASK_STATUS_COUNT] = {
    {"chua_thuc_hien", "Chưa thực hiện", "Not started"},
    {"dang_thuc_hien", "Đang thực hiện", "In progress"},
    {"hoan_thanh", "Hoàn thành", "Completed"},
    {"hoan_thanh_qua_han", "Hoàn thành quá hạn", "Completed late"},
    {"khong_thuc_hien_duoc", "Không thực hiện được", "Cannot be done"},
};

const char *task_status_code(task_status_status_t s)
{
    return s < TASK_STATUS_COUNT ? names[s].code : "?";
}

const char *task_status_label_vi(task_status_status_t s)
{
    return s < TASK_STATUS_COUNT ? names[s].vi : "?";
}

const char *task_status_label_en(task_status_status_t s)
{
    return s < TASK_STATUS_COUNT ? names[s].en : "?";
}

int task_status_parse(const char *code, task_status_status_t *out, err_t *e)
{
    for (int i = 0; code && i < TASK_STATUS_COUNT; i++)
        if (strcmp(code, names[i].code) == 0) {
            *out = (task_status_status_t)i;
            return 0;
        }
    return err_set(e, ERR_INVALID, "task.status",
                   "Trạng thái '%s' không hợp lệ (chua_thuc_hien, dang_thuc_hien, hoan_thanh, "
                   "khong_thuc_hien_duoc)",
                   "Invalid status '%s' (chua_thuc_hien, dang_thuc_hien, hoan_thanh, "
                   "khong_thuc_hien_duoc)",
                   code ? code : "");
}

bool task_status_is_completed(task_status_status_t s)
{
    return s == TASK_STATUS_DONE || s == TASK_STATUS_DONE_LATE;
}

bool task_status_transition_allowed(task_status_status_t from, task_status_status_t to)
{
    if (to == TASK_STATUS_DONE_LATE)
        to = TASK_STATUS_DONE;
    switch (from) {
    case TASK_STATUS_NOT_STARTED:
    case TASK_STATUS_IN_PROGRESS:
        return to == TASK_STATUS_IN_PROGRESS || to == TASK_STATUS_DONE || to == TASK_STATUS_FAILED;
    case TASK_STATUS_FAILED:
        return to == TASK_STATUS_IN_PROGRESS || to == TASK_STATUS_FAILED;
    case TASK_STATUS_DONE:
    case TASK_STATUS_DONE_LATE:
        return to == TASK_STATUS_IN_PROGRESS || to == TASK_STATUS_DONE;
    default:
        return false;
    }
}

static bool blank(const char *s)
{
    while (s && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++;
    return !s || !*s;
}

int task_status_apply(task_status_status_t cur, int cur_progress, const task_status_change_t *c,
                      task_status_status_t *status, int *progress, err_t *e)
{
    task_status_status_t to = c->status == TASK_STATUS_DONE_LATE ? TASK_STATUS_DONE : c->status;
    if (cur >= TASK_STATUS_COUNT || to >= TASK_STATUS_COUNT ||
        !task_status_transition_allowed(cur, to))
        return err_set(e, ERR_CONFLICT, "task.transition", "Không thể chuyển từ \"%s\" sang \"%s\"",
                       "Cannot change from \"%s\" to \"%s\"", task_status_code(cur),
                       task_status_code(to));
    if (c->progress < -1 || c->progress > 100)
        return err_set(e, ERR_INVALID, "task.progress", "Tiến độ phải từ 0 đến 100 (%d)",
                       "Progress must be 0 to 100 (%d)", c->progress);
    int p;
    if (to == TASK_STATUS_DONE) {
        if (c->progress >= 0 && c->progress != 100)
            return err_set(e, ERR_INVALID, "task.progress",
                           "Nhiệm vụ hoàn thành phải có tiến độ 100%% (%d)",
                           "A completed task has progress 100%% (%d)", c->progress);
        p = 100;
    } else {
        p = c->progress >= 0 ? c->progress : task_status_is_completed(cur) ? 99 : cur_progress;
        if (p >= 100)
            return err_set(e, ERR_INVALID, "task.progress",
                           "Tiến độ 100%% chỉ dành cho nhiệm vụ hoàn thành",
                           "Progress 100%% means completed: set the status hoan_thanh");
    }
    if (to == TASK_STATUS_FAILED && blank(c->note))
        return err_set(e, ERR_INVALID, "task.reason_required", "Cần nêu lý do không thực hiện được",
                       "A reason is required");
    if (to == TASK_STATUS_DONE && c->due != DATE_NONE && c->on != DATE_NONE && c->on > c->due)
        *status = TASK_STATUS_DONE_LATE;
    else if (to == TASK_STATUS_DONE && task_status_is_completed(cur))
        *status = cur; /* a note on a completed task keeps how it was completed */
    else
        *status = to;
    *progress = p;
    return 0;
}

/* --- due dates ------------------------------------------------------------ */

static date_t end_of_month(int y, int m)
{
    return date_from_ymd(y, m, date_days_in_month(y, m));
}

/* Last month of the period (of the finest named regime) containing month m. */
static int period_last_month(unsigned periods, int m)
{
    if (periods & DEADLINE_PERIOD_MONTH)
        return m;
    if ((periods & DEADLINE_PERIOD_QUARTER) || !periods)
        return ((m - 1) / 3 + 1) * 3;
    if (periods & DEADLINE_PERIOD_HALF)
        return m <= 6 ? 6 : 12;
    if (periods & DEADLINE_PERIOD_NINE)
        return m <= 9 ? 9 : 12;
    return 12;
}

static unsigned rec_periods(const deadline_schedule_t *s)
{
    switch (s->recurrence) {
    case DEADLINE_REC_MONTHLY:
        return DEADLINE_PERIOD_MONTH;
    case DEADLINE_REC_QUARTERLY:
        return DEADLINE_PERIOD_QUARTER;
    case DEADLINE_REC_SEMIANNUAL:
        return DEADLINE_PERIOD_HALF;
    case DEADLINE_REC_ANNUAL:
        return DEADLINE_PERIOD_YEAR;
    default:
        return s->periods;
    }
}

static date_t clamp(date_t d, date_t lo, date_t hi)
{
    if (lo != DATE_NONE && d < lo)
        d = lo;
    if (hi != DATE_NONE && d > hi)
        d = hi;
    return d;
}

static date_t periodic_due(const deadline_schedule_t *s, date_t today, int year, bool use_rule)
{
    date_t d = today;
    if (year > 0)
        d = clamp(d, date_from_ymd(year, 1, 1), date_from_ymd(year, 12, 31));
    d = clamp(d, s->from, s->until);
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    int last = period_last_month(rec_periods(s), m);
    date_t end = end_of_month(y, last);
    if (use_rule && s->due_kind == DEADLINE_DUE_DAY_OF_LAST_MONTH && s->due_n >= 1) {
        int day = s->due_n > date_days_in_month(y, last) ? date_days_in_month(y, last) : s->due_n;
        return date_from_ymd(y, last, day);
    }
    if (use_rule && s->due_kind == DEADLINE_DUE_DAYS_AFTER_END && s->due_n >= 0)
        return end + s->due_n;
    return end;
}

static const deadline_schedule_t *pick_assignee(const deadline_schedule_t *s, const char *label)
{
    for (size_t i = 0; label && i < s->nassignees; i++)
        if (s->assignees[i].text && text_key_eq(s->assignees[i].text, label))
            return s->assignees[i].schedule;
    return NULL;
}

date_t task_status_due(const deadline_schedule_t *s, date_t today, int year, const char *label)
{
    if (!s)
        return DATE_NONE;
    switch (s->kind) {
    case DEADLINE_DATE:
    case DEADLINE_DATES:
        if (!s->ndates)
            return DATE_NONE;
        if (s->recurrence != DEADLINE_REC_NONE && today > s->dates[0])
            return periodic_due(s, today, year, true);
        return s->dates[0];
    case DEADLINE_RECURRING:
        return periodic_due(s, today, year, true);
    case DEADLINE_CONTINUOUS:
        return periodic_due(s, today, year, false);
    case DEADLINE_PER_ASSIGNEE: {
        const deadline_schedule_t *sub = pick_assignee(s, label);
        return sub ? task_status_due(sub, today, year, NULL) : deadline_first_due(s);
    }
    default:
        return DATE_NONE;
    }
}

/* Months per period of the regime, and the code letter. */
static int regime_months(unsigned periods)
{
    if (periods & DEADLINE_PERIOD_MONTH)
        return 1;
    if ((periods & DEADLINE_PERIOD_QUARTER) || !periods)
        return 3;
    if (periods & (DEADLINE_PERIOD_HALF | DEADLINE_PERIOD_NINE))
        return 6;
    return 12;
}

static void period_code(int year, int months, int index, char out[16])
{
    unsigned y = (unsigned)year % 10000, k = (unsigned)(index + 1) % 100;
    if (months == 1)
        snprintf(out, 16, "%04uM%02u", y, k);
    else if (months == 3)
        snprintf(out, 16, "%04uQ%u", y, k);
    else if (months == 6)
        snprintf(out, 16, "%04uS%u", y, k); /* the half-year spelling of domain/period */
    else
        snprintf(out, 16, "%04u", y);
}

size_t task_status_occurrences(const deadline_schedule_t *s, int year, date_t today,
                               const char *label, task_status_occurrence_t *out, size_t cap)
{
    if (!s || year <= 0)
        return 0;
    if (s->kind == DEADLINE_PER_ASSIGNEE) {
        const deadline_schedule_t *sub = pick_assignee(s, label);
        return sub ? task_status_occurrences(sub, year, today, NULL, out, cap) : 0;
    }
    if (s->kind != DEADLINE_RECURRING && s->kind != DEADLINE_CONTINUOUS)
        return 0;
    date_t d = clamp(today, date_from_ymd(year, 1, 1), date_from_ymd(year, 12, 31));
    d = clamp(d, s->from, s->until);
    int months = regime_months(rec_periods(s));
    size_t n = 0;
    for (int i = 0; n < cap && i < 12 / months; i++) {
        int m1 = i * months + 1, m2 = m1 + months - 1;
        date_t from = date_from_ymd(year, m1, 1), to = end_of_month(year, m2);
        if (from > d && n > 0)
            break;
        if (s->until != DATE_NONE && from > s->until && n > 0)
            break;
        task_status_occurrence_t *o = &out[n++];
        period_code(year, months, i, o->period);
        o->from = from;
        o->to = to;
        o->due = periodic_due(s, to, year, s->kind == DEADLINE_RECURRING);
    }
    return n;
}

bool task_status_overdue(task_status_status_t s, date_t due, date_t today)
{
    return !task_status_is_completed(s) && due != DATE_NONE && due < today;
}

int task_status_workdays_until(const agencycal_t *c, date_t today, date_t due)
{
    if (c && today >= agencycal_first(c) && due >= agencycal_first(c) &&
        today <= agencycal_last(c) + 1 && due <= agencycal_last(c) + 1)
        return (int)(agencycal_ordinal(c, due) - agencycal_ordinal(c, today));
    return (int)(due - today);
}

bool task_status_due_soon(const agencycal_t *c, task_status_status_t s, date_t due, date_t today,
                          int days)
{
    if (task_status_is_completed(s) || due == DATE_NONE || due < today || days < 0)
        return false;
    return task_status_workdays_until(c, today, due) <= days;
}

void task_status_rollup_add(task_status_rollup_t *r, task_status_status_t s, double weight,
                            bool overdue)
{
    double w = weight > 0 ? weight : 1.0;
    r->assigned++;
    r->weight += w;
    if (task_status_is_completed(s)) {
        r->completed++;
        r->weight_done += w;
        if (s == TASK_STATUS_DONE_LATE)
            r->late++;
    } else if (s == TASK_STATUS_FAILED) {
        r->failed++;
    } else if (s == TASK_STATUS_IN_PROGRESS) {
        r->in_progress++;
    }
    if (overdue)
        r->overdue++;
}

double task_status_rollup_rate(const task_status_rollup_t *r)
{
    return r->weight > 0 ? r->weight_done / r->weight : 0.0;
}
