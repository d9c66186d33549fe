/* deadline.h - deadline expressions of plan tasks ("Thời gian hoàn thành").
 *
 * deadline_parse turns a Vietnamese deadline text into a schedule, given the
 * plan's year as context for texts without a year. The grammar and the
 * model are described in docs/internals/deadlines.md. Matching is done on
 * text_key() of every word (accents, case and spacing folded), so PDF
 * artefacts such as missing diacritics, non-breaking spaces, line breaks,
 * spaces around '/' and split years ("202 4") are tolerated.
 *
 * Kinds:
 *   DEADLINE_DATE         one due date              "Quý IV/2023" -> 2023-12-31
 *   DEADLINE_DATES        several due dates         "Quý II, Quý IV/2024"
 *   DEADLINE_RECURRING    tied to reporting periods "Định kỳ theo báo cáo CCHC"
 *   DEADLINE_CONTINUOUS   ongoing obligation        "Thường xuyên"
 *   DEADLINE_EVENT        triggered by an event     "Sau khi có kết quả công bố"
 *   DEADLINE_PER_ASSIGNEE one sub-schedule per assignee group
 *   DEADLINE_UNSPECIFIED  "Theo quy định …", or not understood (then with a
 *                   "deadline.unknown" warning)
 * A date kind may carry a recurrence ("Quý IV/2023 và theo định kỳ":
 * DEADLINE_DATE + DEADLINE_REC_REPORT_PERIODS; "Quý I/2023 và những năm tiếp theo":
 * DEADLINE_DATE + DEADLINE_REC_ANNUAL from 2023-01-01).
 *
 * Parsing never fails on odd wording: what is not understood yields
 * DEADLINE_UNSPECIFIED or a warning, and an impossible date (30/02/2024) yields a
 * warning and no date. Pure: no I/O, no global state. */
#ifndef CCHC_DEADLINE_H
#define CCHC_DEADLINE_H

#include "base/date.h"
#include "base/err.h"

#include <jansson.h>
#include <stddef.h>

#define DEADLINE_TEXT_MAX  4096 /* longer texts are refused (ERR_TOOLARGE) */
#define DEADLINE_DATES_MAX 64   /* further dates are dropped with a warning */
#define DEADLINE_YEAR_MIN  1900 /* years outside the range are not taken as years */
#define DEADLINE_YEAR_MAX  2199

typedef enum deadline_kind {
    DEADLINE_UNSPECIFIED = 0,
    DEADLINE_DATE,
    DEADLINE_DATES,
    DEADLINE_RECURRING,
    DEADLINE_CONTINUOUS,
    DEADLINE_EVENT,
    DEADLINE_PER_ASSIGNEE
} deadline_kind_t;

typedef enum deadline_recurrence {
    DEADLINE_REC_NONE = 0,
    DEADLINE_REC_MONTHLY,
    DEADLINE_REC_QUARTERLY,
    DEADLINE_REC_SEMIANNUAL,
    DEADLINE_REC_ANNUAL,
    DEADLINE_REC_REPORT_PERIODS /* each period of the reporting regime (or of `periods`) */
} deadline_recurrence_t;

/* Reporting periods named by the text ("quý, 6 tháng, năm"): bit set. */
enum {
    DEADLINE_PERIOD_MONTH = 1 << 0,
    DEADLINE_PERIOD_QUARTER = 1 << 1,
    DEADLINE_PERIOD_HALF = 1 << 2,
    DEADLINE_PERIOD_NINE = 1 << 3,
    DEADLINE_PERIOD_YEAR = 1 << 4
};

/* Due rule of a recurring schedule, when the text gives one. */
typedef enum deadline_due_kind {
    DEADLINE_DUE_NONE = 0,
    DEADLINE_DUE_DAY_OF_LAST_MONTH, /* "trước ngày 15 của tháng cuối quý" -> day 14 */
    DEADLINE_DUE_DAYS_AFTER_END     /* "chậm nhất 05 ngày sau khi kết thúc tháng" -> 5 */
} deadline_due_kind_t;

typedef struct deadline_schedule deadline_schedule_t;

typedef struct deadline_assignee {
    char *text;                    /* the assignee group as written, spaces collapsed */
    deadline_schedule_t *schedule; /* never NULL */
} deadline_assignee_t;

/* Read-only result; every pointer is owned by the schedule (deadline_free). */
struct deadline_schedule {
    char *text; /* original text, NFC (sub-schedules: their part, trimmed) */
    deadline_kind_t kind;
    date_t *dates; /* due dates, ascending, distinct; NULL when none */
    size_t ndates;
    deadline_recurrence_t recurrence; /* DEADLINE_REC_NONE unless recurring or combined */
    unsigned periods;                 /* DEADLINE_PERIOD_* named by the text, 0 = not named */
    date_t from;                      /* start of an open-ended or bounded form, else DATE_NONE */
    date_t until;                 /* end of a bounded form ("trong năm 2024"), else DATE_NONE */
    deadline_due_kind_t due_kind; /* recurring only */
    int due_n;                    /* the day or the number of days of due_kind */
    char *event; /* DEADLINE_EVENT: the trigger as written; recurring: "đột xuất" */
    deadline_assignee_t *assignees; /* DEADLINE_PER_ASSIGNEE */
    size_t nassignees;
    err_t *warnings; /* code + Vietnamese + English message each */
    size_t nwarnings;
};

/* Parses text (n bytes, UTF-8) with `year` as the context year for texts
 * without a year (year <= 0: none; such texts then get a warning).
 * On success *out is a new schedule (caller frees with deadline_free).
 * Errors: ERR_INVALID "deadline.utf8" (invalid UTF-8), "deadline.empty"
 * (blank text); ERR_TOOLARGE "deadline.too_long"; ERR_NOMEM. */
int deadline_parse(const char *text, size_t n, int year, deadline_schedule_t **out, err_t *e);

void deadline_free(deadline_schedule_t *s); /* NULL is a no-op */

/* Stable names used in JSON: "date", "dates", "recurring", "continuous",
 * "event", "per_assignee", "unspecified"; recurrence "monthly", "quarterly",
 * "semiannual", "annual", "report_periods" (NULL for DEADLINE_REC_NONE). */
const char *deadline_kind_name(deadline_kind_t k);
const char *deadline_recurrence_name(deadline_recurrence_t r);

/* Earliest due date of the schedule including its assignees' schedules, or
 * DATE_NONE. */
date_t deadline_first_due(const deadline_schedule_t *s);

/* JSON form (new reference, NULL when out of memory):
 *   {"text":"Quý IV/2023","kind":"date","dates":["2023-12-31"]}
 * plus, when set: "recurrence", "periods":["quarterly",…], "from", "until",
 * "due":{"day_of_last_month":14} | {"days_after_end":5}, "event",
 * "assignees":[{"text":…,"schedule":{…}}],
 * "warnings":[{"code":…,"message":…,"message_en":…}]. */
json_t *deadline_to_json(const deadline_schedule_t *s);

#endif
