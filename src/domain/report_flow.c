/* report_flow.c - the life of a periodic report (report_flow.h). */
#include "domain/report_flow.h"

#include <string.h>

#include "base/banned.h"

static const struct {
    const char *code, *vi, *en;
} statuses[REPORT_STATUS_COUNT] = {
    {"draft", "Đang soạn", "Draft"},
    {"submitted", "Đã gửi", "Submitted"},
    {"returned", "Bị trả lại", "Returned"},
    {"accepted", "Đã tiếp nhận", "Accepted"},
};

static const char *const actions[REPORT_ACTION_COUNT] = {"edit", "submit", "return", "accept"};

const char *report_flow_status_code(report_status_t s)
{
    return (unsigned)s < REPORT_STATUS_COUNT ? statuses[s].code : NULL;
}

const char *report_flow_status_label_vi(report_status_t s)
{
    return (unsigned)s < REPORT_STATUS_COUNT ? statuses[s].vi : NULL;
}

const char *report_flow_status_label_en(report_status_t s)
{
    return (unsigned)s < REPORT_STATUS_COUNT ? statuses[s].en : NULL;
}

int report_flow_status_parse(const char *s, report_status_t *out, err_t *e)
{
    for (int i = 0; s && i < REPORT_STATUS_COUNT; i++)
        if (strcmp(s, statuses[i].code) == 0) {
            *out = (report_status_t)i;
            return 0;
        }
    return err_set(e, ERR_INVALID, "report.status",
                   "Trạng thái báo cáo không hợp lệ '%s' (draft, submitted, returned, accepted)",
                   "Invalid report status '%s' (draft, submitted, returned, accepted)", s ? s : "");
}

const char *report_flow_action_code(report_action_t a)
{
    return (unsigned)a < REPORT_ACTION_COUNT ? actions[a] : NULL;
}

report_side_t report_flow_side(report_action_t a)
{
    return a == REPORT_RETURN || a == REPORT_ACCEPT ? REPORT_RECEIVER : REPORT_SENDER;
}

int report_flow_step(report_status_t s, report_action_t a, report_status_t *next, err_t *e)
{
    report_status_t to = s;
    if ((unsigned)s >= REPORT_STATUS_COUNT)
        return err_set(e, ERR_INVALID, "report.status", "Trạng thái báo cáo không hợp lệ",
                       "Invalid report status");
    if ((unsigned)a >= REPORT_ACTION_COUNT)
        return err_set(e, ERR_INVALID, "report.action", "Thao tác không hợp lệ", "Invalid action");
    if (s == REPORT_ACCEPTED)
        return err_set(e, ERR_CONFLICT, "report.locked",
                       "Báo cáo đã được tiếp nhận, không thể thay đổi",
                       "The report was accepted and can no longer change");
    switch (a) {
    case REPORT_EDIT:
    case REPORT_SUBMIT:
        if (s == REPORT_SUBMITTED)
            return err_set(e, ERR_CONFLICT, "report.already_submitted",
                           "Báo cáo đã gửi; chỉ sửa được khi đơn vị nhận trả lại",
                           "The report was submitted; it can change only after the receiver "
                           "returns it");
        to = a == REPORT_SUBMIT ? REPORT_SUBMITTED : s;
        break;
    case REPORT_RETURN:
    case REPORT_ACCEPT:
        if (s != REPORT_SUBMITTED)
            return err_set(e, ERR_CONFLICT, "report.not_submitted",
                           "Báo cáo chưa được gửi nên chưa thể trả lại hay tiếp nhận",
                           "The report has not been submitted: it cannot be returned or accepted");
        to = a == REPORT_RETURN ? REPORT_RETURNED : REPORT_ACCEPTED;
        break;
    default:
        break;
    }
    if (next)
        *next = to;
    return 0;
}

int report_flow_days_late(date_t due, date_t on, report_flow_workdays_fn add_workdays, void *ctx,
                          int *days, err_t *e)
{
    *days = 0;
    if (due == DATE_NONE || on == DATE_NONE || on <= due)
        return 0;
    if (!add_workdays) {
        *days = (int)(on - due);
        return 0;
    }
    /* add_workdays(due, n) grows with n and is at least due + n: the answer,
     * the least n reaching on, lies in [1, on - due]; bisect. */
    int lo = 1, hi = (int)(on - due);
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        date_t d;
        if (add_workdays(ctx, due, mid, &d))
            return err_set(e, ERR_INVALID, "report.calendar", "Không tính được ngày làm việc",
                           "Cannot count working days");
        if (d >= on)
            hi = mid;
        else
            lo = mid + 1;
    }
    *days = lo;
    return 0;
}
