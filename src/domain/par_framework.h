/* par_framework.h - PAR Index (Chỉ số CCHC) criteria frameworks (DOMAIN §8):
 * the model, a builder, and validation that reports EVERY problem.
 *
 * A framework is a tree of nodes identified by dotted codes ("1", "1.1",
 * "1.1.2"); a node's parent is its code minus the last segment. Top-level
 * criterion nodes are the areas (DOMAIN §2); leaves are scored by a method:
 *   levels  one of a list of discrete levels {label, points}
 *   bands   points from a measured ratio (percent) through bands
 *           {from|above, [to|below], points}: "from X" means ratio >= X,
 *           "above X" means ratio > X (how a real "> 90 %" is written);
 *           the optional upper bound ("to X" <= X, "below X" < X) is only
 *           checked against the band above it, to catch gaps and overlaps
 *   yesno   yes_points (default max) or no_points (default 0)
 *   manual  any value in [0, max]
 * A leaf's source is self (self-assessed, default), survey (sociological
 * survey points) or computed:<indicator> (a measured ratio: DOMAIN §4
 * indicators plus plan.completion, report.on_time, index766).
 * applies_to lists unit kinds ("so", "xa"; see unit_kind_parse) or unit
 * codes; a leaf applies to a unit when it and each of its ancestors either
 * has no list or lists the unit's kind or code. Lower-case ASCII words are
 * kinds; write a unit code that looks like one as "unit:<code>".
 * Bonus and penalty (điểm thưởng, điểm trừ) are top-level nodes with
 * "kind": "bonus" / "penalty" (codes are free, e.g. "T" and "TR"); their
 * descendants inherit the kind; they stay outside the applicable maximum.
 *
 * Points are exact decimals held as int64 millipoints (PAR_MILLI per
 * point: 0.5 point = 500); ratios and grade thresholds likewise as
 * millipercent (90 % = 90000). PAR_NONE marks an absent value and
 * PAR_INVALID a value the reader already reported as unusable (validation
 * then skips the checks that would repeat the report).
 *
 * Lifecycle: par_framework_new, set the header fields with
 * par_framework_set_info, add nodes with par_framework_add (any order),
 * grades with par_framework_add_grade and appraiser roles with
 * par_framework_add_appraiser, then par_framework_validate: it sorts the
 * nodes into code order (segment-wise: numbers numerically, then words),
 * links parent/children/area, installs the default grades when none were
 * given, and appends every problem to a par_problems_t. A framework is
 * usable for scoring only when the last validation found no problem
 * (fw->valid). Adding anything clears fw->valid. Pure: no I/O. */
#ifndef CCHC_PAR_FRAMEWORK_H
#define CCHC_PAR_FRAMEWORK_H

#include "base/buf.h"
#include "base/err.h"
#include "domain/planparse.h"
#include "domain/unit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAR_MILLI    1000               /* millipoints per point, millipercent per percent */
#define PAR_NONE     INT64_MIN          /* value absent */
#define PAR_INVALID  (INT64_MIN + 1)    /* value present but unusable (already reported) */
#define PAR_MAX_PTS  (1000 * PAR_MILLI) /* largest accepted maximum: 1,000 points */
#define PAR_NOPARENT SIZE_MAX           /* parent / area / sibling index when there is none */

#define PAR_CODE_MAX     32          /* bytes of a node code */
#define PAR_DEPTH_MAX    8           /* segments of a node code */
#define PAR_FIELD_MAX    48          /* bytes of a problem's field name */
#define PAR_MSG_MAX      ERR_MSG_MAX /* bytes of a problem message */
#define PAR_NUM_MAX      48          /* bytes of a formatted number */
#define PAR_PROBLEMS_MAX 1000        /* problems kept; the rest are only counted (dropped) */

typedef enum par_kind {
    PAR_KIND_CRITERION = 0,
    PAR_KIND_BONUS,
    PAR_KIND_PENALTY,
    PAR_KIND_UNKNOWN /* text not recognised (kept in kind_text): a problem */
} par_kind_t;

typedef enum par_method {
    PAR_METHOD_NONE = 0, /* inner nodes (and leaves missing one: a problem) */
    PAR_METHOD_LEVELS,
    PAR_METHOD_BANDS,
    PAR_METHOD_YESNO,
    PAR_METHOD_MANUAL,
    PAR_METHOD_UNKNOWN /* text not recognised (kept in method_text): a problem */
} par_method_t;

typedef enum par_source {
    PAR_SOURCE_SELF = 0,
    PAR_SOURCE_SURVEY,
    PAR_SOURCE_COMPUTED, /* indicator in par_node_t.indicator */
    PAR_SOURCE_UNKNOWN   /* text not recognised (kept in source_text): a problem */
} par_source_t;

typedef enum par_bound {
    PAR_BOUND_NONE = 0, /* no bound given */
    PAR_BOUND_INCL,     /* from (>=) / to (<=) */
    PAR_BOUND_EXCL      /* above (>) / below (<) */
} par_bound_t;

typedef struct par_level {
    char *label;    /* owned by the framework (borrowed in a par_node_spec_t) */
    int64_t points; /* millipoints */
} par_level_t;

typedef struct par_band {
    int64_t lo; /* millipercent */
    par_bound_t lo_kind;
    int64_t hi; /* millipercent; meaningful when hi_kind != NONE */
    par_bound_t hi_kind;
    int64_t points; /* millipoints */
} par_band_t;

/* A grade of the whole index (national A/B/C/D or Tốt/Khá/...): index >= min. */
typedef struct par_grade {
    char *label;
    int64_t min; /* millipercent */
} par_grade_t;

/* Default appraiser role of an area. key: a top-level code ("2") or a DOMAIN
 * §2 area code ("theche"); role: see par_framework_appraiser. */
typedef struct par_appraiser {
    char *key;
    char *role;
} par_appraiser_t;

typedef struct par_node {
    char *code;
    char *name;
    par_kind_t kind;
    bool kind_given; /* "kind" was written on this node */
    char *kind_text; /* as written when PAR_KIND_UNKNOWN, else NULL */
    int64_t max;     /* millipoints; PAR_NONE / PAR_INVALID */
    par_method_t method;
    char *method_text; /* as written when PAR_METHOD_UNKNOWN, else NULL */
    par_level_t *levels;
    size_t nlevels;
    par_band_t *bands;
    size_t nbands;
    int64_t yes_points, no_points; /* yesno; PAR_NONE = default (max / 0) */
    par_source_t source;
    bool source_given;
    char *source_text; /* as written when PAR_SOURCE_UNKNOWN, else NULL */
    char *indicator;   /* computed: "tthc.on_time"...; else NULL */
    char **applies_to; /* entries; all units when !applies_given */
    size_t napplies;
    bool applies_given; /* a list was written (an empty one is a problem) */
    char *appraiser;    /* unit code; NULL = inherited, else the area's default role */
    char *evidence;     /* tài liệu kiểm chứng; NULL when none */
    char *area_code;    /* top-level nodes: DOMAIN §2 code ("theche"); NULL = by number */
    char *note;         /* free text; NULL when none */
    /* Derived by par_framework_validate (valid when fw->valid): */
    size_t parent;       /* index or PAR_NOPARENT (top level) */
    size_t first_child;  /* index or PAR_NOPARENT (leaf) */
    size_t next_sibling; /* index or PAR_NOPARENT */
    size_t end;          /* the subtree is [index, end) */
    size_t area;         /* index of the top-level ancestor (itself at top level) */
    int depth;           /* 1 at top level */
    size_t seq;          /* insertion order (ties when sorting duplicates) */
} par_node_t;

typedef struct par_framework {
    char *name;
    int year;              /* first evaluation year */
    int year_to;           /* last evaluation year it serves (inclusive); 0 = year only */
    char *unit_kind_text;  /* as given ("so", "xa") */
    unit_kind_t unit_kind; /* parsed by validation */
    char *reference;       /* the decision that issued it; NULL when none */
    bool sample;           /* shipped sample, to be replaced by the province's decision */
    char *note;            /* NULL when none */
    int64_t max;           /* declared total of the criterion areas; PAR_NONE = not declared */
    par_grade_t *grades;   /* descending min; defaults A 90, B 80, C 70, D 0 */
    size_t ngrades, gradecap;
    bool grades_default; /* the grades are the built-in defaults */
    par_appraiser_t *appraisers;
    size_t nappraisers, appraisercap;
    par_node_t *nodes; /* code order after validation */
    size_t n, cap;
    bool valid; /* the last par_framework_validate found no problem */
} par_framework_t;

/* Header fields for par_framework_set_info; strings are copied (NULL = none). */
typedef struct par_framework_info {
    const char *name;
    int year, year_to;
    const char *unit_kind;
    const char *reference;
    bool sample;
    const char *note;
    int64_t max; /* PAR_NONE when not declared */
} par_framework_info_t;

/* One node for par_framework_add: everything borrowed for the call and
 * deep-copied. Use par_framework_spec_init first (all absent). method and
 * source are the contract's texts: method "levels" | "bands" | "yesno" |
 * "manual" (NULL = none), source "self" | "survey" | "computed:<indicator>"
 * (NULL = self), kind "criterion" | "bonus" | "penalty" (NULL = inherit). */
typedef struct par_node_spec {
    const char *code, *name;
    const char *kind;
    int64_t max;
    const char *method;
    const par_level_t *levels;
    size_t nlevels;
    const par_band_t *bands;
    size_t nbands;
    int64_t yes_points, no_points;
    const char *source;
    const char *const *applies_to; /* NULL = absent; non-NULL with 0 entries = empty list */
    size_t napplies;
    const char *appraiser, *evidence, *area, *note;
} par_node_spec_t;

/* One validation problem. node: the node's code ("" = the framework
 * itself); field: "max", "levels[1].points", "bands", "unit_kind"...;
 * code: stable ("par.max_sum"); vi/en: the reason. */
typedef struct par_problem {
    char node[PAR_CODE_MAX + 1];
    char field[PAR_FIELD_MAX];
    char code[ERR_CODE_MAX];
    char vi[PAR_MSG_MAX];
    char en[PAR_MSG_MAX];
} par_problem_t;

typedef struct par_problems {
    par_problem_t *v;
    size_t n, cap;
    size_t dropped; /* problems beyond PAR_PROBLEMS_MAX */
} par_problems_t;

/* Stable problem codes (field in parentheses):
 *   par.name_missing (name)            par.year (year, year_to)
 *   par.unit_kind_unknown (unit_kind)  par.max_total (max: areas do not add up)
 *   par.grade_order / par.grade_zero / par.grade_label (bands[i])
 *   par.appraiser_key (appraisers)     par.code_bad (code)
 *   par.code_duplicate (code)          par.parent_missing (code)
 *   par.max_missing / par.max_negative / par.max_range / par.max_type (max)
 *   par.max_sum (max: children do not add up to the parent)
 *   par.method_missing / par.method_unknown (method)
 *   par.field_on_parent (method, source, levels, bands: only leaves score)
 *   par.field_unexpected (levels, bands, yes_points: not this method)
 *   par.levels_missing / par.level_points / par.level_max / par.level_label (levels[i])
 *   par.bands_missing / par.band_from / par.band_range / par.band_points /
 *   par.band_overlap / par.band_gap / par.band_zero (bands[i])
 *   par.yesno_points (yes_points, no_points)
 *   par.source_unknown / par.indicator_unknown (source)
 *   par.applies_unknown / par.applies_empty (applies_to[i])
 *   par.kind_unknown / par.kind_mismatch (kind)
 *   par.nodes_empty (nodes)
 *   par.area_unknown / par.area_not_top (area)
 *   par.type (any field: wrong JSON type or more than 3 decimals, by the reader)
 *   par.format (format: not "cchc-par/1", by the reader)
 *   par.too_many (the formatter's last line when problems were dropped) */

void par_framework_problems_init(par_problems_t *p);
void par_framework_problems_release(par_problems_t *p);
/* Appends a problem (messages are printf formats over the same arguments).
 * Returns 0 or ERR_NOMEM; past PAR_PROBLEMS_MAX it only counts. */
int par_framework_problem(par_problems_t *p, const char *node, const char *field, const char *code,
                          const char *vi_fmt, const char *en_fmt, ...)
    __attribute__((format(printf, 5, 7)));
/* One line per problem, "<file>: <node> (<field>): <message>\n" in
 * Vietnamese (vi) or English; file may be NULL. 0 or the buffer's error. */
int par_framework_problems_format(const par_problems_t *p, const char *file, bool vi, buf_t *out);

/* Allocates an empty framework (year 0, kind so, no grades); NULL when out
 * of memory. par_framework_free(NULL) is a no-op. */
par_framework_t *par_framework_new(void);
void par_framework_free(par_framework_t *fw);

/* Copies the header fields. 0 or ERR_NOMEM (then unchanged). */
int par_framework_set_info(par_framework_t *fw, const par_framework_info_t *info, err_t *e);

/* All fields absent: strings NULL, numbers PAR_NONE. */
void par_framework_spec_init(par_node_spec_t *s);

/* Deep-copies one node. Nothing is checked here except memory: semantic
 * problems are found by par_framework_validate. Invalidates node pointers
 * and indexes. 0 or ERR_NOMEM (then the framework is unchanged). */
int par_framework_add(par_framework_t *fw, const par_node_spec_t *spec, err_t *e);
/* Appends a grade (keep them in descending min). 0 or ERR_NOMEM. */
int par_framework_add_grade(par_framework_t *fw, const char *label, int64_t min, err_t *e);
/* Appends an area -> role entry. 0 or ERR_NOMEM. */
int par_framework_add_appraiser(par_framework_t *fw, const char *key, const char *role, err_t *e);

/* Validates (see above) appending every problem to probs (may be NULL).
 * Returns 0 when probs holds no problem afterwards (problems appended
 * earlier, e.g. by a reader, count too), ERR_INVALID "par.framework_invalid"
 * otherwise (e says how many), ERR_NOMEM. Idempotent. */
int par_framework_validate(par_framework_t *fw, par_problems_t *probs, err_t *e);

/* Index of the node with this code in a validated framework, or
 * PAR_NOPARENT. O(log n). */
size_t par_framework_find(const par_framework_t *fw, const char *code);
/* The node's children in code order: for (c = first_child; c != PAR_NOPARENT;
 * c = nodes[c].next_sibling). Leaves have first_child == PAR_NOPARENT. */
bool par_framework_is_leaf(const par_framework_t *fw, size_t i);
/* Whether node i applies to a unit by the applies_to lists of the node and
 * its ancestors (validated framework). unit may be NULL (kinds only). */
bool par_framework_applies(const par_framework_t *fw, size_t i, const char *unit, unit_kind_t kind);
/* Whether the framework serves the evaluation year y (year..year_to). */
bool par_framework_covers_year(const par_framework_t *fw, int y);
/* DOMAIN §2 area of a top-level node (its "area" field, else its number
 * 1..8 in DOMAIN §2 order); PLANPARSE_AREA_NONE for bonus/penalty or unknown. */
planparse_area_t par_framework_area(const par_framework_t *fw, size_t top);

/* Who appraises node i. When the node or an ancestor names an appraiser
 * unit code, that code (*is_role = false). Otherwise the default role of
 * its area (*is_role = true): the framework's "appraisers" entry for the
 * area's top-level code, else for its DOMAIN area code, else the built-in
 * default of par_framework_default_role. Borrowed from fw or static. */
const char *par_framework_appraiser(const par_framework_t *fw, size_t i, bool *is_role);
/* Built-in default appraiser role of a DOMAIN §2 area (§8): "so_tu_phap"
 * (theche), "so_tai_chinh" (taichinh), "chuyen_doi_so" (so: the
 * digital-transformation department), "vp_ubnd" (tthc: the provincial
 * office, one-stop), "so_noi_vu" (every other area, and PLANPARSE_AREA_NONE). */
const char *par_framework_default_role(planparse_area_t a);
/* Vietnamese name of a role ("Sở Tư pháp"); the role itself when unknown. */
const char *par_framework_role_label_vi(const char *role);

/* Names: "levels", "bands", "yesno", "manual" ("" for NONE, "?" unknown);
 * "self", "survey", "computed"; "criterion", "bonus", "penalty". */
const char *par_framework_method_name(par_method_t m);
const char *par_framework_source_name(par_source_t s);
const char *par_framework_kind_name(par_kind_t k);
/* Whether an indicator may follow "computed:". */
bool par_framework_indicator_known(const char *indicator);

/* Converts a JSON number to milli units exactly: at most 3 decimals, |v| <=
 * 1e9. 0 or ERR_INVALID (NaN, infinite, out of range, more decimals). */
int par_framework_milli(double v, int64_t *out);
/* Formats milli units as a number with at most 3 decimals, no trailing
 * zeros: Vietnamese "0,5", "1.250,75" (thousands '.'), English "0.5",
 * "1,250.75". PAR_NONE / PAR_INVALID give "". */
void par_framework_format(int64_t milli, bool vi, char out[PAR_NUM_MAX]);

#endif
