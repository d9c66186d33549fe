/* planparse.h - from the document model of an issued CCHC plan (doc.h) to
 * the plan: document information, targets (chỉ tiêu) and tasks with their
 * lead and coordinating units, product and deadline schedule (DOMAIN §2-§4).
 *
 * The rules are described in docs/internals/planparse.md. In short:
 *  - header: number and symbol ("Số: 341/KH-UBND", possibly blank), type,
 *    issuing body, place, date, title, year; a decision that issues a plan
 *    ("QUYẾT ĐỊNH … BAN HÀNH KẾ HOẠCH …") yields the plan it issues, with the
 *    decision's number and date and the year of the plan's title;
 *  - sections recognised from their headings however numbered (I., 1.,
 *    1.1., a), -, +) and worded; areas from headings (pp_area_classify);
 *  - targets: every measurable figure of the targets sections;
 *  - tasks: from appendix tables when there are any (authoritative),
 *    otherwise from the task sections of the narrative;
 *  - lead/support texts split into units and groups and resolved through a
 *    unit resolver when given; unresolved names are kept and reported.
 * Nothing is dropped silently: what is not understood becomes a warning
 * with its source line (and page).
 *
 * Pure: no I/O, no globals; everything comes in as arguments. The result
 * owns all its memory (pp_plan_free). Thread-safe. */
#ifndef CCHC_PLANPARSE_H
#define CCHC_PLANPARSE_H

#include "base/date.h"
#include "base/err.h"
#include "domain/deadline.h"
#include "domain/doc.h"
#include "domain/unit.h"
#include "domain/unit_resolve.h"

#include <stdbool.h>
#include <stddef.h>

/* The eight reform areas of DOMAIN §2; PP_AREA_NONE when unknown. */
typedef enum pp_area {
    PP_AREA_NONE = 0,
    PP_AREA_CHIDAO,
    PP_AREA_THECHE,
    PP_AREA_TTHC,
    PP_AREA_BOMAY,
    PP_AREA_CONGVU,
    PP_AREA_TAICHINH,
    PP_AREA_SO,
    PP_AREA_TACDONG,
    PP_AREA_COUNT
} pp_area_t;

/* "chidao", "theche", … (NULL for PP_AREA_NONE). */
const char *pp_area_code(pp_area_t a);
/* Vietnamese name of the area ("Cải cách thể chế"); "" for none. */
const char *pp_area_label_vi(pp_area_t a);
/* Parses an area code; ERR_INVALID when unknown. */
int pp_area_parse(const char *code, pp_area_t *out);

/* Area named by a heading or a sentence (accent/case-insensitive; any
 * numbering prefix ignored). *strong (may be NULL) is set when the text is
 * essentially the name of the area ("II. CẢI CÁCH THỂ CHẾ", "Cải cách
 * TTHC", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"), as
 * opposed to a sentence that merely mentions it. */
pp_area_t pp_area_classify(const char *text, bool *strong);

typedef enum pp_op { PP_OP_GE = 0, PP_OP_GT, PP_OP_EQ, PP_OP_LE, PP_OP_LT, PP_OP_BETWEEN } pp_op_t;
/* ">=", ">", "=", "<=", "<", "between". */
const char *pp_op_code(pp_op_t op);
int pp_op_parse(const char *s, pp_op_t *out);

typedef struct pp_pos {
    int line; /* 1-based source line, 0 = unknown */
    int page; /* 1-based PDF page, 0 = unknown */
} pp_pos_t;

/* A lead or coordinating party as written, with what it resolved to. */
typedef struct pp_party {
    char *text;  /* as written (line breaks joined, trailing punctuation removed) */
    char *unit;  /* resolved unit code, or NULL */
    char *group; /* group id ("so", "huyen", "xa", "units", "related", "standing",
                    "phong"), or NULL */
} pp_party_t;

enum pp_task_source { PP_SRC_TABLE = 1, PP_SRC_NARRATIVE = 2 };

typedef struct pp_task {
    char *no; /* "1", "12", "2.3", "4.a" */
    pp_area_t area;
    char *title;
    char *detail; /* narrative items under the task heading, '\n'-separated; or NULL */
    pp_party_t *lead;
    size_t nlead;
    pp_party_t *support;
    size_t nsupport;
    bool lead_default;       /* no lead written: the issuing unit */
    char *product;           /* or NULL */
    char *deadline_text;     /* or NULL */
    dl_schedule_t *deadline; /* parsed deadline_text, or NULL */
    int source;              /* enum pp_task_source */
    pp_pos_t pos;
} pp_task_t;

typedef struct pp_target {
    pp_area_t area;
    const char *indicator; /* static string: "tthc.on_time", …, "other" */
    pp_op_t op;
    double value;
    double value_max; /* PP_OP_BETWEEN only */
    char *unit;       /* "%", "sáng kiến", "điểm", … ("" when none) */
    char *text;       /* the clause holding the figure */
    pp_pos_t pos;
} pp_target_t;

typedef struct pp_warning {
    pp_pos_t pos;
    err_t err; /* code + Vietnamese + English message */
} pp_warning_t;

typedef struct pp_docinfo {
    char *number;          /* "2890/QĐ-UBND", "/KH-BQL" (blank number), or NULL */
    char *type;            /* "KH", "QĐ", …, or NULL */
    char *issuer;          /* issuing body as written, or NULL */
    char *issuer_unit;     /* resolved issuer code, or NULL */
    char *scope;           /* province code used for resolution, or NULL */
    char *place;           /* "Vĩnh Long", or NULL */
    date_t date;           /* DATE_NONE when absent or incomplete */
    int year;              /* plan year, 0 when unknown */
    char *title;           /* the plan's title (without the type word), or NULL */
    char *decision_number; /* the issuing decision, when the plan comes with one */
    char *decision_title;
} pp_docinfo_t;

typedef struct pp_plan {
    pp_docinfo_t doc;
    pp_target_t *targets;
    size_t ntargets;
    pp_task_t *tasks;
    size_t ntasks;
    int task_source; /* PP_SRC_TABLE when an appendix gave the tasks, else narrative (0 = none) */
    pp_warning_t *warnings;
    size_t nwarnings;
} pp_plan_t;

typedef struct pp_options {
    int year;                        /* > 0: the plan year (overrides the document) */
    const unit_set_t *units;         /* registry for resolution, or NULL */
    const unit_resolver_t *resolver; /* over `units` (NULL: built internally when units given) */
    const char *scope;               /* unit code restricting resolution (NULL: the issuing
                                        province when identified) */
    const char *issuer_unit;         /* default lead unit when the issuer is not resolved */
} pp_options_t;

/* Parses d into a new plan (*out, caller pp_plan_free). opt may be NULL.
 * Errors: ERR_INVALID "plan.empty" (no text at all), "plan.no_content" (no
 * task and no target recognised: not a plan, or one cchc cannot read; the
 * message says what was found), ERR_NOMEM. Everything else is a warning. */
int pp_parse(const doc_t *d, const pp_options_t *opt, pp_plan_t **out, err_t *e);

void pp_plan_free(pp_plan_t *p); /* NULL is a no-op */

/* A unit chosen by hand for a name the registry did not resolve. */
typedef struct pp_unit_fix {
    const char *name; /* as written in the plan (compared accent/case-insensitively) */
    const char *unit; /* the chosen unit code (checked by the caller) */
} pp_unit_fix_t;

/* Gives every unresolved party (no unit, no group) whose text matches a fix
 * its unit, and drops the plan.unit_unresolved / plan.unit_ambiguous
 * warnings of the fixed names. *fixed (may be NULL) gets how many parties
 * changed. ERR_NOMEM. */
int pp_plan_fix_units(pp_plan_t *p, const pp_unit_fix_t *fx, size_t n, size_t *fixed);

/* Builders used when a plan is reassembled from storage (app layer): an
 * empty plan (doc.date = DATE_NONE), and appenders that copy their strings.
 * Return 0 or ERR_NOMEM. */
pp_plan_t *pp_plan_new(void);
int pp_plan_add_task(pp_plan_t *p, const pp_task_t *t);     /* deep copy; deadline re-parsed
                                                               from deadline_text with
                                                               p->doc.year */
int pp_plan_add_target(pp_plan_t *p, const pp_target_t *t); /* deep copy */
int pp_plan_add_warning(pp_plan_t *p, pp_pos_t pos, const err_t *w);
int pp_task_add_party(pp_task_t *t, bool lead, const char *text, const char *unit,
                      const char *group);
void pp_task_release(pp_task_t *t);

/* Indicator codes of DOMAIN §4 ("other" last); NULL-terminated. */
extern const char *const pp_indicators[];

#endif
