/* report_phrase.h - the Vietnamese phrases of reporting clauses: which
 * periodic reports are asked, their due dates and their data windows.
 *
 * Forms read (accents, case, spacing optional; see
 * docs/internals/report-calendar.md for the grammar):
 *   kinds   "hàng quý", "quý", "quý I".."quý IV", "3 tháng", "6 tháng",
 *           "9 tháng", "năm", "hằng năm", "đột xuất", in lists after
 *           "định kỳ", "hàng/hằng", "báo cáo [CCHC]" ("định kỳ 3 tháng,
 *           6 tháng, 9 tháng, năm"; "hàng quý (…), năm hoặc đột xuất"),
 *           or alone when the text is nothing else ("6 tháng", "quý I, năm").
 *           A quarterly report without a number means every quarter: the
 *           quarter II and IV reports ARE the 6-month and annual reports
 *           (DOMAIN §7), so "hàng quý" names quy1, 6thang, quy3 and nam;
 *           "quý II" names 6thang and "quý IV" nam. "3 tháng" is quy1.
 *   due     "trước ngày 15 của tháng cuối kỳ|quý" (day 14: see below),
 *           "chậm nhất ngày 05 của các tháng 3, tháng 6, tháng 9, tháng 12",
 *           "trước ngày 05 của tháng đầu quý sau" (next month),
 *           "trước ngày 25/11/2024" (a date), "chậm nhất ngày 20/6" (a day and
 *           month), "trong 02 ngày làm việc sau ngày chốt số liệu",
 *           "05 ngày sau khi chốt số liệu" (calendar days).
 *   window  "số liệu tính từ ngày 15/12/2023 đến ngày 24/11/2024", "chốt số
 *           liệu đến ngày 24/11" (end only), "từ ngày 15 tháng 12 năm 2023
 *           đến hết ngày 14 tháng 6 năm 2024"; only after "số liệu"/"chốt".
 * "Trước ngày N" is exclusive, as in the deadline parser (DOMAIN §3:
 * "Trước ngày 16/01/2024" is due the 15th): the due day is N - 1 (the last
 * day of the previous month when N = 1). "Chậm nhất (là/vào) ngày N", "hạn
 * (nộp/gửi) ngày N" and "vào ngày N" are inclusive.
 * PDF artefacts are tolerated: split years ("202 4"), stray spaces around
 * '/', footnote marks (⁽¹⁾, ¹, *), line breaks, missing diacritics.
 *
 * Association. A due or window inside parentheses right after a list item
 * applies to that item ("hàng quý (trước ngày 15 …), năm"); otherwise to
 * the list of kinds before it, or, when none precedes, to the next list.
 * Each list gives one item; a due with no list at all gives an item with
 * no kinds. Nothing is guessed: what is seen but not read exactly is
 * flagged in `unclear`.
 *
 * Pure: no I/O, no globals; allocation only while parsing (mem.h). */
#ifndef CCHC_REPORT_PHRASE_H
#define CCHC_REPORT_PHRASE_H

#include "base/date.h"
#include "base/err.h"
#include "domain/period.h"
#include "domain/report_kind.h"

#include <stdbool.h>
#include <stddef.h>

#define REPORT_PHRASE_TEXT_MAX  16384 /* longer texts: ERR_TOOLARGE */
#define REPORT_PHRASE_ITEMS_MAX 8     /* further items set REPORT_PHRASE_UNCLEAR_TOO_MANY */

typedef enum report_phrase_due_form {
    REPORT_PHRASE_DUE_NONE = 0,
    REPORT_PHRASE_DUE_DAY,      /* day `day` of the months `months`, or of the month `month`
                                   months after the period's last month */
    REPORT_PHRASE_DUE_WORKDAYS, /* `n` working days after the cut-off */
    REPORT_PHRASE_DUE_DAYS,     /* `n` calendar days after the cut-off */
    REPORT_PHRASE_DUE_DATE      /* `date`, written with its year */
} report_phrase_due_form_t;

typedef struct report_phrase_due {
    report_phrase_due_form_t form;
    int day;         /* DAY: 1..31, the "trước" shift applied */
    unsigned months; /* DAY: bit (1u << m) for the months named (1..12); 0 = relative */
    int month;       /* DAY, relative: offset from the last month (0 = "tháng cuối kỳ") */
    int n;           /* WORKDAYS, DAYS: 0..366 */
    date_t date;     /* DATE; else DATE_NONE */
    bool exclusive;  /* written "trước ngày N" */
    size_t off, end; /* bytes of the expression in the text */
} report_phrase_due_t;

/* A window as written; years 0 when not written, from_day 0 when only the
 * end is written. */
typedef struct report_phrase_window {
    bool set;
    int from_day, from_month, from_year;
    int to_day, to_month, to_year;
    size_t off, end;
} report_phrase_window_t;

typedef struct report_phrase_item {
    unsigned kinds; /* bits (1u << report_kind_t); 0 = none named */
    report_phrase_due_t due;
    report_phrase_window_t window;
} report_phrase_item_t;

/* Parts seen but not read exactly. */
enum {
    REPORT_PHRASE_UNCLEAR_DUE = 1u << 0,    /* a due introducer ("trước ngày", "chậm nhất")
                                               without a date we can read */
    REPORT_PHRASE_UNCLEAR_WINDOW = 1u << 1, /* "số liệu … từ/đến" without readable dates */
    REPORT_PHRASE_UNCLEAR_AFTER = 1u << 2,    /* "N ngày sau …" not counted from the cut-off */
    REPORT_PHRASE_UNCLEAR_CONFLICT = 1u << 3, /* two different dues for one list */
    REPORT_PHRASE_UNCLEAR_TOO_MANY = 1u << 4  /* more than REPORT_PHRASE_ITEMS_MAX items */
};

typedef struct report_phrase {
    report_phrase_item_t items[REPORT_PHRASE_ITEMS_MAX];
    size_t nitems;
    unsigned kinds;   /* union of the items' kinds */
    bool periodic;    /* "định kỳ" / "báo cáo định kỳ" written */
    bool quarterly;   /* a quarter report without a number */
    bool monthly;     /* "hàng tháng": monthly reports, not a kind of the calendar */
    bool on_request;  /* "khi có yêu cầu", "theo yêu cầu" */
    unsigned unclear; /* REPORT_PHRASE_UNCLEAR_* */
    size_t unclear_off, unclear_end; /* bytes of the first unclear part */
} report_phrase_t;

/* Parses s[0..n) (UTF-8; NFC applied here). Never fails on wording; errors:
 * ERR_INVALID "report_phrase.utf8", ERR_TOOLARGE "report_phrase.too_long",
 * ERR_NOMEM. */
int report_phrase_parse(const char *s, size_t n, report_phrase_t *out, err_t *e);

/* The due rule of an item for one periodic kind:
 *   DAY with months: the named month closest after the kind's last month
 *   (offset 0..2, "các tháng 3, 6, 9, 12" -> 0 for every kind; "các tháng
 *   4, 7, 10, 1" -> +1); one named month and a single kind in the item: an
 *   offset in -2..+3 ("trước ngày 25/11" for nam -> 24/11, offset -1);
 *   DAY relative: that offset; WORKDAYS / DAYS: as written.
 * Returns 0, ERR_NOTFOUND when the item has no due or its months do not
 * fit the kind, ERR_INVALID for a DATE (an explicit date is an override:
 * report_phrase_item_dates) or a non-periodic kind. */
int report_phrase_due_rule(const report_phrase_item_t *it, report_kind_t k, period_due_t *out);

/* The window rule of an item for one kind when written without years
 * ("chốt số liệu đến ngày 24/11": the default start is kept). 0,
 * ERR_NOTFOUND (no window), ERR_INVALID (years written: an override). */
int report_phrase_window_rule(const report_phrase_item_t *it, report_kind_t k,
                              period_window_t *out);

/* Explicit dates of an item whose window is written with years (the start
 * may omit its year when it precedes the end within a year): *from, *to
 * and *due (DATE_NONE when the item has no DATE due). 0 or ERR_NOTFOUND. */
int report_phrase_item_dates(const report_phrase_item_t *it, date_t *from, date_t *to, date_t *due);

#endif
