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
 *    1.1., a), -, +) and worded; areas from headings (planparse_area_classify);
 *  - targets: every measurable figure of the targets sections;
 *  - tasks: from appendix tables when there are any (authoritative),
 *    otherwise from the task sections of the narrative;
 *  - lead/support texts split into units and groups and resolved through a
 *    unit resolver when given; unresolved names are kept and reported.
 * Nothing is dropped silently: what is not understood becomes a warning
 * with its source line (and page).
 *
 * Pure: no I/O, no globals; everything comes in as arguments. The result
 * owns all its memory (planparse_plan_free). Thread-safe. */
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

/* The eight reform areas of DOMAIN §2; PLANPARSE_AREA_NONE when unknown. */
typedef enum planparse_area {
    PLANPARSE_AREA_NONE = 0,
    PLANPARSE_AREA_CHIDAO,
    PLANPARSE_AREA_THECHE,
    PLANPARSE_AREA_TTHC,
    PLANPARSE_AREA_BOMAY,
    PLANPARSE_AREA_CONGVU,
    PLANPARSE_AREA_TAICHINH,
    PLANPARSE_AREA_SO,
    PLANPARSE_AREA_TACDONG,
    PLANPARSE_AREA_COUNT
} planparse_area_t;

/* "chidao", "theche", … (NULL for PLANPARSE_AREA_NONE). */
const char *planparse_area_code(planparse_area_t a);
/* Vietnamese name of the area ("Cải cách thể chế"); "" for none. */
const char *planparse_area_label_vi(planparse_area_t a);
/* Parses an area code; ERR_INVALID when unknown. */
int planparse_area_parse(const char *code, planparse_area_t *out);

/* Area named by a heading or a sentence (accent/case-insensitive; any
 * numbering prefix ignored). *strong (may be NULL) is set when the text is
 * essentially the name of the area ("II. CẢI CÁCH THỂ CHẾ", "Cải cách
 * TTHC", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"), as
 * opposed to a sentence that merely mentions it. */
planparse_area_t planparse_area_classify(const char *text, bool *strong);

typedef enum planparse_op {
    PLANPARSE_OP_GE = 0,
    PLANPARSE_OP_GT,
    PLANPARSE_OP_EQ,
    PLANPARSE_OP_LE,
    PLANPARSE_OP_LT,
    PLANPARSE_OP_BETWEEN
} planparse_op_t;
/* ">=", ">", "=", "<=", "<", "between". */
const char *planparse_op_code(planparse_op_t op);
int planparse_op_parse(const char *s, planparse_op_t *out);

typedef struct planparse_pos {
    int line; /* 1-based source line, 0 = unknown */
    int page; /* 1-based PDF page, 0 = unknown */
} planparse_pos_t;

/* A lead or coordinating party as written, with what it resolved to. */
typedef struct planparse_party {
    char *text;  /* as written (line breaks joined, trailing punctuation removed) */
    char *unit;  /* resolved unit code, or NULL */
    char *group; /* group id ("so", "huyen", "xa", "units", "related", "standing",
                    "phong"), or NULL */
} planparse_party_t;

/* TABLE: the plan's appendix - a table, a table flattened into text, or
 * the appendix written as prose; NARRATIVE: the body's task sections. */
enum planparse_task_source { PLANPARSE_SRC_TABLE = 1, PLANPARSE_SRC_NARRATIVE = 2 };

typedef struct planparse_task {
    char *no; /* "1", "12", "2.3", "4.a" */
    planparse_area_t area;
    char *title;
    char *detail; /* narrative items under the task heading, '\n'-separated; or NULL */
    planparse_party_t *lead;
    size_t nlead;
    planparse_party_t *support;
    size_t nsupport;
    bool lead_default;             /* no lead written: the issuing unit */
    char *product;                 /* or NULL */
    char *deadline_text;           /* or NULL */
    deadline_schedule_t *deadline; /* parsed deadline_text, or NULL */
    int source;                    /* enum planparse_task_source */
    planparse_pos_t pos;
} planparse_task_t;

typedef struct planparse_target {
    planparse_area_t area;
    const char *indicator; /* static string: "tthc.on_time", …, "other" */
    planparse_op_t op;
    double value;
    double value_max; /* PLANPARSE_OP_BETWEEN only */
    char *unit;       /* "%", "sáng kiến", "điểm", … ("" when none) */
    char *text;       /* the clause holding the figure */
    planparse_pos_t pos;
} planparse_target_t;

typedef struct planparse_warning {
    planparse_pos_t pos;
    err_t err; /* code + Vietnamese + English message */
} planparse_warning_t;

typedef struct planparse_docinfo {
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
} planparse_docinfo_t;

typedef struct planparse_plan {
    planparse_docinfo_t doc;
    planparse_target_t *targets;
    size_t ntargets;
    planparse_task_t *tasks;
    size_t ntasks;
    int task_source; /* PLANPARSE_SRC_TABLE when an appendix gave the tasks, else narrative (0 =
                        none) */
    planparse_warning_t *warnings;
    size_t nwarnings;
    size_t tasks_cap, targets_cap, warnings_cap; /* private: allocated lengths */
} planparse_plan_t;

typedef struct planparse_options {
    int year;                        /* > 0: the plan year (overrides the document) */
    const unit_set_t *units;         /* registry for resolution, or NULL */
    const unit_resolver_t *resolver; /* over `units` (NULL: built internally when units given) */
    const char *scope;               /* unit code restricting resolution (NULL: the issuing
                                        province when identified) */
    const char *issuer_unit;         /* default lead unit when the issuer is not resolved */
    /* Optional stop hook (a deadline, a server shutting down): called with
     * cancel_arg every PLANPARSE_POLL_EVERY paragraphs, rows or tasks; a
     * non-zero return stops the parse with ERR_BUSY "plan.cancelled". */
    int (*cancel)(void *cancel_arg);
    void *cancel_arg;
} planparse_options_t;

/* Caps. A document with more than PLANPARSE_MAX_DOC bytes of text is
 * refused (ERR_TOOLARGE "plan.too_large"); a logical paragraph is cut at
 * PLANPARSE_MAX_PARA bytes (warning "plan.para_cut"). Parsing time is linear
 * in the size of the document. */
#define PLANPARSE_MAX_DOC    ((size_t)32 << 20)
#define PLANPARSE_MAX_PARA   ((size_t)64 << 10)
#define PLANPARSE_POLL_EVERY 256

/* Parses d into a new plan (*out, caller planparse_plan_free). opt may be NULL.
 * Errors: ERR_INVALID "plan.empty" (no text at all), "plan.no_content" (no
 * task and no target recognised: not a plan, or one cchc cannot read; the
 * message says what was found), ERR_TOOLARGE "plan.too_large", ERR_BUSY
 * "plan.cancelled" (the cancel hook asked to stop), ERR_NOMEM. Everything
 * else is a warning. */
int planparse_parse(const doc_t *d, const planparse_options_t *opt, planparse_plan_t **out,
                    err_t *e);

void planparse_plan_free(planparse_plan_t *p); /* NULL is a no-op */

/* A unit chosen by hand for a name the registry did not resolve. */
typedef struct planparse_unit_fix {
    const char *name; /* as written in the plan (compared accent/case-insensitively) */
    const char *unit; /* the chosen unit code (checked by the caller) */
} planparse_unit_fix_t;

/* Gives every unresolved party (no unit, no group) whose text matches a fix
 * its unit, and drops the plan.unit_unresolved / plan.unit_ambiguous
 * warnings of the fixed names. *fixed (may be NULL) gets how many parties
 * changed. ERR_NOMEM. */
int planparse_plan_fix_units(planparse_plan_t *p, const planparse_unit_fix_t *fx, size_t n,
                             size_t *fixed);

/* Builders used when a plan is reassembled from storage (app layer): an
 * empty plan (doc.date = DATE_NONE), and appenders that copy their strings.
 * Return 0 or ERR_NOMEM. */
planparse_plan_t *planparse_plan_new(void);
int planparse_plan_add_task(planparse_plan_t *p, const planparse_task_t *t); /* deep copy; deadline
                                                           re-parsed from deadline_text with
                                                           p->doc.year */
int planparse_plan_add_target(planparse_plan_t *p, const planparse_target_t *t); /* deep copy */
int planparse_plan_add_warning(planparse_plan_t *p, planparse_pos_t pos, const err_t *w);
int planparse_task_add_party(planparse_task_t *t, bool lead, const char *text, const char *unit,
                             const char *group);
void planparse_task_release(planparse_task_t *t);

/* Indicator codes of DOMAIN §4 ("other" last); NULL-terminated. */
extern const char *const planparse_indicators[];

#endif
