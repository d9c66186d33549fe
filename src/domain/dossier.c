#include "domain/dossier.h"

#include "base/text.h"

#include <string.h>

#include "base/banned.h"

static const char *status_vi[] = {"",
                                  "Mới nộp trực tuyến",
                                  "Đã tiếp nhận",
                                  "Từ chối tiếp nhận",
                                  "Đang xử lý",
                                  "Yêu cầu bổ sung",
                                  "Yêu cầu thực hiện nghĩa vụ tài chính",
                                  "Công dân rút hồ sơ",
                                  "Dừng xử lý",
                                  "Đã xử lý xong",
                                  "Đã trả kết quả"};
static const char *status_en[] = {"",
                                  "submitted online",
                                  "accepted",
                                  "refused at intake",
                                  "processing",
                                  "supplement requested",
                                  "financial obligation requested",
                                  "withdrawn by the applicant",
                                  "processing stopped",
                                  "processed",
                                  "result returned"};
static const char *event_names[DEV_KIND_MAX] = {"",
                                                "received",
                                                "transferred",
                                                "supplement_requested",
                                                "supplement_supplied",
                                                "obligation_requested",
                                                "obligation_paid",
                                                "stopped",
                                                "refused",
                                                "withdrawn",
                                                "processed",
                                                "returned",
                                                "apology",
                                                "rated"};

void dossier_init(dossier_t *d)
{
    memset(d, 0, sizeof *d);
    d->received = d->due_given = d->ended = d->returned = d->closed = DTIME_NONE;
    d->supp_requested = d->supp_supplied = d->rated_at = DTIME_NONE;
    d->due_base = d->due = DTIME_NONE;
}

bool dossier_status_valid(int status)
{
    return status >= DS_SUBMITTED_ONLINE && status <= DS_RETURNED;
}

bool dossier_status_resolved(int status)
{
    return status == DS_STOPPED || status == DS_PROCESSED || status == DS_RETURNED;
}

bool dossier_status_excluded(int status)
{
    return status == DS_REFUSED || status == DS_WITHDRAWN;
}

const char *dossier_status_label_vi(int status)
{
    return dossier_status_valid(status) ? status_vi[status] : "?";
}

const char *dossier_status_label_en(int status)
{
    return dossier_status_valid(status) ? status_en[status] : "?";
}

const char *dossier_event_name(dossier_event_kind_t k)
{
    return k > 0 && k < DEV_KIND_MAX ? event_names[k] : "?";
}

static const char *const event_vi[DEV_KIND_MAX] = {
    NULL,
    "Tiếp nhận hồ sơ",
    "Chuyển cơ quan khác xử lý (liên thông)",
    "Yêu cầu bổ sung hồ sơ",
    "Đã bổ sung hồ sơ",
    "Thông báo thực hiện nghĩa vụ tài chính",
    "Đã thực hiện nghĩa vụ tài chính",
    "Dừng xử lý hồ sơ",
    "Từ chối tiếp nhận hồ sơ",
    "Người nộp rút hồ sơ",
    "Đã có kết quả giải quyết",
    "Đã trả kết quả",
    "Gửi thư xin lỗi và hẹn lại ngày trả kết quả",
    "Người nộp đánh giá mức độ hài lòng",
};

static const char *const event_en[DEV_KIND_MAX] = {
    NULL,
    "Dossier received",
    "Sent to another agency (inter-agency processing)",
    "Supplement requested",
    "Supplement provided",
    "Financial obligation notified",
    "Financial obligation paid",
    "Processing stopped",
    "Refused at intake",
    "Withdrawn by the applicant",
    "Result ready",
    "Result returned",
    "Apology sent with a new appointment",
    "Rated by the applicant",
};

const char *dossier_event_label_vi(dossier_event_kind_t k)
{
    return k > 0 && k < DEV_KIND_MAX ? event_vi[k] : "?";
}

const char *dossier_event_label_en(dossier_event_kind_t k)
{
    return k > 0 && k < DEV_KIND_MAX ? event_en[k] : "?";
}

int dossier_event_parse(const char *s, dossier_event_kind_t *out)
{
    for (int i = 1; i < DEV_KIND_MAX; i++)
        if (strcmp(s, event_names[i]) == 0) {
            *out = (dossier_event_kind_t)i;
            return 0;
        }
    return ERR_INVALID;
}

static int order_error(const dossier_t *d, err_t *e, const char *vi, const char *en)
{
    err_set_pair(e, ERR_INVALID, "dossier.order", vi, en);
    err_prefixf(e, "hồ sơ %s: ", "dossier %s: ", d->code);
    return ERR_INVALID;
}

static bool before(dtime_t a, dtime_t b)
{
    return a != DTIME_NONE && b != DTIME_NONE && a < b;
}

int dossier_code_check(const char *code, err_t *e)
{
    size_t n = code ? strlen(code) : 0;
    bool ok = n > 0 && n <= DOSSIER_CODE_MAX && text_valid(code, n);
    for (size_t i = 0; ok && i < n; i++) {
        unsigned char c = (unsigned char)code[i];
        ok = c > 0x20 && c != 0x7f && c != '/' && c != '\\';
    }
    if (ok)
        return 0;
    return err_set(e, ERR_INVALID, "dossier.code",
                   "Mã hồ sơ (MaHoSo) phải có 1–%d byte, không chứa khoảng trắng, '/' hay ký tự "
                   "điều khiển",
                   "The dossier code (MaHoSo) must be 1-%d bytes without spaces, '/' or control "
                   "characters",
                   DOSSIER_CODE_MAX);
}

int dossier_time_check(dtime_t at, dtime_t now, err_t *e)
{
    if (at == DTIME_NONE || at <= now + DOSSIER_FUTURE_SLACK)
        return 0;
    char t[DTIME_ISO_LEN];
    dtime_format(at, t);
    return err_set(e, ERR_INVALID, "dossier.future", "Thời điểm %s ở tương lai",
                   "The time %s lies in the future", t);
}

int dossier_times_check(const dossier_t *d, dtime_t now, err_t *e)
{
    const dtime_t t[] = {d->received,       d->ended,         d->returned, d->closed,
                         d->supp_requested, d->supp_supplied, d->rated_at};
    int rc = 0;
    for (size_t i = 0; !rc && i < sizeof t / sizeof *t; i++)
        rc = dossier_time_check(t[i], now, e);
    return rc;
}

int dossier_check(const dossier_t *d, err_t *e)
{
    int rc = dossier_code_check(d->code, e);
    if (rc)
        return rc;
    if (!dossier_status_valid(d->status))
        return err_set(e, ERR_INVALID, "dossier.status", "hồ sơ %s: mã trạng thái %d không hợp lệ",
                       "dossier %s: unknown status code %d", d->code, d->status);
    if (d->channel < DCH_IN_PERSON || d->channel > DCH_POSTAL)
        return err_set(e, ERR_INVALID, "dossier.channel",
                       "hồ sơ %s: kênh thực hiện %d không hợp lệ", "dossier %s: unknown channel %d",
                       d->code, d->channel);
    if (d->rating < 0 || d->rating > 3)
        return err_set(e, ERR_INVALID, "dossier.rating", "hồ sơ %s: đánh giá %d không hợp lệ",
                       "dossier %s: invalid rating %d", d->code, d->rating);
    if (d->supplements < 0 || d->supplements > 99)
        return err_set(e, ERR_INVALID, "dossier.supplements",
                       "hồ sơ %s: số lần bổ sung %d không hợp lệ",
                       "dossier %s: invalid supplement count %d", d->code, d->supplements);
    if (d->received == DTIME_NONE)
        return err_set(e, ERR_INVALID, "dossier.missing", "hồ sơ %s: thiếu ngày tiếp nhận",
                       "dossier %s: missing receipt time", d->code);
    if (before(d->ended, d->received))
        return order_error(d, e, "ngày kết thúc xử lý trước ngày tiếp nhận",
                           "processing ended before receipt");
    if (before(d->returned, d->received) || before(d->returned, d->ended))
        return order_error(d, e, "ngày trả kết quả trước ngày tiếp nhận hoặc kết thúc xử lý",
                           "result returned before receipt or before processing ended");
    if (before(d->due_given, d->received))
        return order_error(d, e, "ngày hẹn trả trước ngày tiếp nhận", "appointment before receipt");
    if (before(d->supp_requested, d->received) || before(d->supp_supplied, d->supp_requested))
        return order_error(d, e, "ngày bổ sung không hợp lệ (trước tiếp nhận hoặc trước yêu cầu)",
                           "supplement dates out of order");
    if (d->supp_supplied != DTIME_NONE && d->supp_requested == DTIME_NONE)
        return order_error(d, e, "có ngày bổ sung nhưng thiếu ngày yêu cầu bổ sung",
                           "supplement supplied without a request");
    if (before(d->ended, d->supp_supplied))
        return order_error(d, e, "kết thúc xử lý trước khi nhận hồ sơ bổ sung",
                           "processing ended before the supplement was supplied");
    if (dossier_status_resolved(d->status) && d->ended == DTIME_NONE)
        return err_set(e, ERR_INVALID, "dossier.missing",
                       "hồ sơ %s: trạng thái %d cần ngày kết thúc xử lý",
                       "dossier %s: status %d needs the processing end time", d->code, d->status);
    if (d->status == DS_RETURNED && d->returned == DTIME_NONE)
        return err_set(e, ERR_INVALID, "dossier.missing",
                       "hồ sơ %s: đã trả kết quả nhưng thiếu ngày trả",
                       "dossier %s: returned without a return time", d->code);
    if (!dossier_status_resolved(d->status) && !dossier_status_excluded(d->status) &&
        (d->ended != DTIME_NONE || d->returned != DTIME_NONE))
        return err_set(e, ERR_INVALID, "dossier.status",
                       "hồ sơ %s: trạng thái %d (đang giải quyết) nhưng có ngày kết thúc",
                       "dossier %s: status %d is open but has an end time", d->code, d->status);
    if (d->rating && !dossier_status_resolved(d->status))
        return err_set(e, ERR_INVALID, "dossier.rating",
                       "hồ sơ %s: có đánh giá nhưng chưa giải quyết xong",
                       "dossier %s: rated before being resolved", d->code);
    return 0;
}

static dtime_t max_t(dtime_t a, dtime_t b)
{
    if (a == DTIME_NONE)
        return b;
    if (b == DTIME_NONE)
        return a;
    return a > b ? a : b;
}

dtime_t dossier_freshness(const dossier_t *d)
{
    dtime_t t = d->received;
    t = max_t(t, d->ended);
    t = max_t(t, d->returned);
    t = max_t(t, d->closed);
    t = max_t(t, d->supp_requested);
    t = max_t(t, d->supp_supplied);
    t = max_t(t, d->rated_at);
    return t;
}

static void push(dossier_event_t *out, size_t *n, dossier_event_kind_t k, dtime_t at, int value,
                 dtime_t due)
{
    out[*n].kind = k;
    out[*n].at = at;
    out[*n].value = value;
    out[*n].due = due;
    (*n)++;
}

void dossier_normalize(dossier_t *d)
{
    if (dossier_status_excluded(d->status) && d->closed == DTIME_NONE) {
        d->closed = d->ended != DTIME_NONE ? d->ended : d->received;
        d->ended = DTIME_NONE;
    }
    if (d->rating && d->rated_at == DTIME_NONE)
        d->rated_at = max_t(d->ended, d->returned);
}

static int initial_status(int status)
{
    if (status == DS_REFUSED)
        return DS_ACCEPTED;
    return status == DS_SUBMITTED_ONLINE || status == DS_ACCEPTED ? status : DS_PROCESSING;
}

size_t dossier_to_events(const dossier_t *d, dossier_event_t *out)
{
    size_t n = 0;
    unsigned recv_flags = d->flags & (DFLAG_FULL_ONLINE | DFLAG_PAID_ONLINE | DFLAG_DIGITIZED);
    push(out, &n, DEV_RECEIVED, d->received,
         initial_status(d->status) * 256 + d->channel * 16 + (int)recv_flags, d->due_given);
    if (d->status == DS_REFUSED) {
        push(out, &n, DEV_REFUSED, d->closed != DTIME_NONE ? d->closed : d->received, 0,
             DTIME_NONE);
        return n;
    }
    /* Supplement requests: only the first request time and the last supply
     * time are known; the other requests are counted (value 1 = "count only,
     * no pause"). */
    int reqs = d->supplements;
    if (d->supp_requested != DTIME_NONE) {
        push(out, &n, DEV_SUPPLEMENT_REQUESTED, d->supp_requested, 0, DTIME_NONE);
        for (int i = 1; i < reqs && n + 6 < DOSSIER_MAX_RECORD_EVENTS; i++)
            push(out, &n, DEV_SUPPLEMENT_REQUESTED, d->supp_requested, 1, DTIME_NONE);
        if (d->supp_supplied != DTIME_NONE)
            push(out, &n, DEV_SUPPLEMENT_SUPPLIED, d->supp_supplied, 0, DTIME_NONE);
        else if (d->status != DS_SUPPLEMENT && !dossier_status_resolved(d->status) &&
                 d->status != DS_WITHDRAWN)
            push(out, &n, DEV_SUPPLEMENT_SUPPLIED, d->supp_requested, 1, DTIME_NONE);
    } else {
        for (int i = 0; i < reqs && n + 6 < DOSSIER_MAX_RECORD_EVENTS; i++)
            push(out, &n, DEV_SUPPLEMENT_REQUESTED, d->received, 1, DTIME_NONE);
        if (reqs && d->status != DS_SUPPLEMENT)
            push(out, &n, DEV_SUPPLEMENT_SUPPLIED, d->received, 1, DTIME_NONE);
    }
    if (d->status == DS_OBLIGATION)
        push(out, &n, DEV_OBLIGATION_REQUESTED, max_t(d->received, d->supp_supplied), 0,
             DTIME_NONE);
    if (d->status == DS_WITHDRAWN) {
        dtime_t at = d->closed != DTIME_NONE ? d->closed : d->received;
        push(out, &n, DEV_WITHDRAWN, at, 0, DTIME_NONE);
        return n;
    }
    if (dossier_status_resolved(d->status)) {
        unsigned ef = d->flags & DFLAG_E_RESULT;
        push(out, &n, d->status == DS_STOPPED ? DEV_STOPPED : DEV_PROCESSED, d->ended, (int)ef,
             DTIME_NONE);
        if (d->returned != DTIME_NONE)
            push(out, &n, DEV_RETURNED, d->returned, 0, DTIME_NONE);
        if (d->rating)
            push(out, &n, DEV_RATED, d->rated_at != DTIME_NONE ? d->rated_at : d->ended, d->rating,
                 DTIME_NONE);
    }
    return n;
}

static bool is_open(int status)
{
    return status == DS_SUBMITTED_ONLINE || status == DS_ACCEPTED || status == DS_PROCESSING ||
           status == DS_SUPPLEMENT || status == DS_OBLIGATION;
}

static int transition_error(const dossier_t *d, const dossier_event_t *ev, err_t *e)
{
    return err_set(e, ERR_CONFLICT, "dossier.transition",
                   "hồ sơ %s: không thể ghi sự kiện '%s' khi trạng thái là '%s'%.0s",
                   "dossier %s: event '%s' not allowed in status %.0s'%s'", d->code,
                   dossier_event_name(ev->kind), dossier_status_label_vi(d->status),
                   dossier_status_label_en(d->status));
}

/* Checks whether ev is allowed in the current status. */
static bool allowed(const dossier_t *d, const dossier_event_t *ev)
{
    int st = d->status;
    switch (ev->kind) {
    case DEV_RECEIVED:
        return st == 0;
    case DEV_SUPPLEMENT_SUPPLIED:
        return st == DS_SUPPLEMENT;
    case DEV_OBLIGATION_PAID:
        return st == DS_OBLIGATION;
    case DEV_RETURNED:
        return st == DS_PROCESSED || (st == DS_STOPPED && d->returned == DTIME_NONE);
    case DEV_RATED:
        return dossier_status_resolved(st);
    case DEV_APOLOGY: /* not on a dossier refused or withdrawn */
        return st != 0 && !dossier_status_excluded(st);
    case DEV_REFUSED:
        return st == DS_SUBMITTED_ONLINE || st == DS_ACCEPTED;
    default:
        return is_open(st);
    }
}

int dossier_apply(dossier_t *d, const dossier_event_t *ev, dtime_t *last, err_t *e)
{
    if (ev->kind <= 0 || ev->kind >= DEV_KIND_MAX || ev->at == DTIME_NONE)
        return err_set(e, ERR_INVALID, "dossier.event", "sự kiện hồ sơ không hợp lệ",
                       "invalid dossier event");
    if (!allowed(d, ev))
        return transition_error(d, ev, e);
    if (last && *last != DTIME_NONE && ev->at < *last)
        return err_set(e, ERR_INVALID, "dossier.order",
                       "hồ sơ %s: sự kiện '%s' có thời điểm trước sự kiện trước đó",
                       "dossier %s: event '%s' is dated before the previous event", d->code,
                       dossier_event_name(ev->kind));
    switch (ev->kind) {
    case DEV_RECEIVED: {
        int st = ev->value / 256, ch = (ev->value / 16) % 16;
        if (ch < DCH_IN_PERSON || ch > DCH_POSTAL || !is_open(st ? st : DS_ACCEPTED))
            return err_set(e, ERR_INVALID, "dossier.channel",
                           "hồ sơ %s: kênh/trạng thái không hợp lệ",
                           "dossier %s: invalid channel or status", d->code);
        d->received = ev->at;
        d->channel = ch;
        d->flags |= (unsigned)ev->value & (DFLAG_FULL_ONLINE | DFLAG_PAID_ONLINE | DFLAG_DIGITIZED);
        d->due_given = ev->due;
        d->status = st ? st : DS_ACCEPTED;
        break;
    }
    case DEV_TRANSFERRED:
    case DEV_OBLIGATION_PAID:
        d->status = DS_PROCESSING;
        break;
    case DEV_SUPPLEMENT_REQUESTED:
        d->supplements++;
        if (!(ev->value & 1) && d->supp_requested == DTIME_NONE)
            d->supp_requested = ev->at;
        d->status = DS_SUPPLEMENT;
        break;
    case DEV_SUPPLEMENT_SUPPLIED:
        if (!(ev->value & 1))
            d->supp_supplied = ev->at;
        if (ev->due != DTIME_NONE)
            d->due_given = ev->due;
        d->status = DS_PROCESSING;
        break;
    case DEV_OBLIGATION_REQUESTED:
        d->status = DS_OBLIGATION;
        break;
    case DEV_STOPPED:
    case DEV_PROCESSED:
        d->ended = ev->at;
        d->flags |= (unsigned)ev->value & DFLAG_E_RESULT;
        d->status = ev->kind == DEV_STOPPED ? DS_STOPPED : DS_PROCESSED;
        break;
    case DEV_RETURNED:
        d->returned = ev->at;
        if (d->status == DS_PROCESSED)
            d->status = DS_RETURNED;
        break;
    case DEV_REFUSED:
    case DEV_WITHDRAWN:
        d->closed = ev->at;
        d->status = ev->kind == DEV_REFUSED ? DS_REFUSED : DS_WITHDRAWN;
        break;
    case DEV_APOLOGY:
        d->apologies++;
        break;
    case DEV_RATED:
        if (ev->value < DRATING_UNSATISFIED || ev->value > DRATING_VERY)
            return err_set(e, ERR_INVALID, "dossier.rating", "hồ sơ %s: đánh giá %d không hợp lệ",
                           "dossier %s: invalid rating %d", d->code, ev->value);
        d->rating = ev->value;
        d->rated_at = ev->at;
        break;
    default:
        break;
    }
    if (last)
        *last = ev->at;
    return 0;
}
