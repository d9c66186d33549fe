/* report_clause.h - the reporting clauses of a plan ("chế độ báo cáo" in
 * "Tổ chức thực hiện"), read into calendar rules for the plan's issuer as
 * receiver, to be shown in the import preview.
 *
 * Called after the plan parser on the same document (or on plain
 * paragraphs); it does not depend on the plan parser.
 *
 * What is a clause. Paragraphs are first re-joined where a PDF or a text
 * export wrapped them (a paragraph that does not end with . ; : ! ? is
 * continued by the next unless that one starts a list item "a)", "1.", "-",
 * "+", or the first is an all-capitals heading). A paragraph is a clause when
 * it mentions "báo cáo" together with a reporting cue ("định kỳ", "chế độ
 * báo cáo", "thời gian/thời hạn báo cáo", "hàng quý", "hằng năm", "(chốt)
 * số liệu", "đột xuất"), or with a due form ("trước ngày", "chậm nhất",
 * "ngày làm việc", "hạn nộp") and named report kinds; only the sentences
 * that name a report or a time limit are kept; it is skipped when it is about the
 * issuer's own reports upward (it names "Bộ Nội vụ", "Chính phủ", "Thủ
 * tướng", "Trung ương", "Bộ, ngành"). Tables are not read (task deadlines
 * such as "Định kỳ theo báo cáo CCHC" belong to the deadline parser).
 *
 * What comes out (report_phrase.h reads each clause):
 *   rules      one per periodic kind named, receiver = issuer, years = the
 *              plan's year (all years when year <= 0), the default window
 *              unless the clause writes one without years, the due rule
 *              read (none when no timing is written), source
 *              "<source>:<line>";
 *   overrides  kinds whose window or due is written as dates with years
 *              ("số liệu tính từ ngày 15/12/2023 đến ngày 24/11/2024 … gửi
 *              trước ngày 25/11/2024"), for that year;
 *   warnings   everything seen but not read exactly, with the clause text:
 *              report_clause.unclear_due, .unclear_window, .unclear_after
 *              (N days after something other than the cut-off), .conflict
 *              (two different dues for one kind: the first is kept),
 *              .due_kind (named months that fit no period of a kind),
 *              .no_kind (a due without the kinds it applies to), .no_timing
 *              (periodic reports named without kinds or dates), .monthly
 *              (monthly reports are not in the calendar), .invalid (a rule
 *              the calendar would reject, e.g. a due before the default
 *              cut-off end: its message says why; no rule is made).
 * A kind named again without timing does not override one read with a due.
 * Ad hoc reports ("đột xuất") make no rule: the clause records `adhoc` (they
 * are requested with their own dates, report_cal_adhoc_t).
 *
 * Pure: no I/O, no globals. The result owns everything (report_clause_free). */
#ifndef CCHC_REPORT_CLAUSE_H
#define CCHC_REPORT_CLAUSE_H

#include "base/err.h"
#include "domain/doc.h"
#include "domain/report_cal.h"

#include <stdbool.h>
#include <stddef.h>

#define REPORT_CLAUSE_TEXT_MAX 2048 /* clause texts are cut (on a UTF-8 boundary) beyond */
#define REPORT_CLAUSE_NONE     ((size_t)-1)

typedef struct report_clause {
    char *text;                          /* the paragraph(s), NFC, spaces collapsed */
    int line, page;                      /* of the first paragraph; 0 unknown */
    char receiver[REPORT_CAL_TITLE_MAX]; /* recipient as written after "gửi (về)", or "" */
    unsigned kinds;                      /* bits (1u << report_kind_t) named */
    bool adhoc;                          /* ad hoc reports named */
} report_clause_t;

typedef struct report_clause_rule {
    report_cal_rule_t rule;
    size_t clause; /* index in clauses */
} report_clause_rule_t;

typedef struct report_clause_override {
    report_cal_override_t override;
    size_t clause;
} report_clause_override_t;

typedef struct report_clause_warning {
    err_t w;       /* status 0; code report_clause.*, vi, en */
    int kind;      /* report_kind_t concerned, or -1 */
    size_t clause; /* index in clauses */
} report_clause_warning_t;

typedef struct report_clauses {
    report_clause_t *clauses;
    size_t nclauses, clauses_cap;
    report_clause_rule_t *rules;
    size_t nrules, rules_cap;
    report_clause_override_t *overrides;
    size_t noverrides, overrides_cap;
    report_clause_warning_t *warnings;
    size_t nwarnings, warnings_cap;
} report_clauses_t;

/* Reads the clauses of a document. issuer: the receiver code of the rules
 * (required, not "*"); year: the plan's year (<= 0: none); source: the
 * provenance prefix of the rules (e.g. "KH 341/KH-UBND"; NULL -> "plan").
 * On success *out is a new result (caller frees with report_clause_free),
 * possibly empty. Errors: ERR_INVALID "report_cal.receiver", ERR_NOMEM. */
int report_clause_from_doc(const doc_t *d, const char *issuer, int year, const char *source,
                           report_clauses_t **out, err_t *e);

/* The same from plain paragraphs (UTF-8; lines may be NULL, else the line of
 * each paragraph). Invalid UTF-8 paragraphs are skipped with a warning
 * "report_clause.utf8". */
int report_clause_from_paras(const char *const *paras, const int *lines, size_t n,
                             const char *issuer, int year, const char *source,
                             report_clauses_t **out, err_t *e);

void report_clause_free(report_clauses_t *r); /* NULL is a no-op */

#endif
