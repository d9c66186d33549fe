/* par_score.h - PAR Index scoring of one unit against a validated
 * framework (par_framework.h) and lost-point analysis (DOMAIN §8). Units
 * are ranked by their index with the one ranking rule of cchc
 * (domain/rank.h rank_assign).
 *
 * Inputs per leaf (all millipoints / millipercent, PAR_NONE = not entered):
 * self points, appraised round 1, round 2, final (the standing agency or
 * council), survey points or a survey ratio, and a measured ratio for
 * computed leaves. Effective points of an applicable leaf:
 *   survey leaves   final, else survey points, else max x survey_ratio / 100
 *                   (rounded half up to a millipoint), else 0 (missing)
 *   other leaves    the latest appraisal (final, else round 2, else round 1),
 *                   else self, else (computed source, bands method, measured
 *                   given) the band points of the measured ratio, else 0
 *                   (missing)
 * A leaf applies to the unit when the framework's applies_to lists allow it
 * (par_framework.h), the unit did not mark it not applicable, and - when the
 * campaign holds no survey - its source is not survey. An inner node's
 * points and max are the sums over its applicable leaves.
 *
 * Results:
 *   points  = sum of applicable criterion leaves
 *   max     = sum of the maxima of applicable criterion leaves
 *   bonus   = min(bonus leaves + unit's campaign-level bonus, bonus_cap)
 *   penalty = min(penalty leaves + unit's campaign-level penalty, penalty_cap)
 *   total   = max(0, points + bonus - penalty)
 *   index   = total / max x 100 in hundredths of a percent, rounded half up
 *             with exact integer arithmetic (no index when max is 0)
 *   grade   = the first grade (descending min) with index >= min
 *   areas   = per top-level criterion node: points, max, index likewise
 * Pure, deterministic. */
#ifndef CCHC_PAR_SCORE_H
#define CCHC_PAR_SCORE_H

#include "base/err.h"
#include "domain/par_framework.h"
#include "domain/unit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum par_from {
    PAR_FROM_NONE = 0, /* nothing entered: 0 points (missing) */
    PAR_FROM_SELF,
    PAR_FROM_COMPUTED, /* band of the measured ratio */
    PAR_FROM_ROUND1,
    PAR_FROM_ROUND2,
    PAR_FROM_FINAL,
    PAR_FROM_SURVEY,
    PAR_FROM_SURVEY_RATIO
} par_from_t;

typedef struct par_input {
    const char *code;    /* a leaf's code; borrowed */
    bool not_applicable; /* the unit is exempt (e.g. no such activity), decided upstream */
    int64_t self, round1, round2, final; /* millipoints */
    int64_t survey;                      /* millipoints */
    int64_t survey_ratio;                /* millipercent, 0..100 % */
    int64_t measured;                    /* millipercent, for computed leaves */
} par_input_t;

typedef struct par_campaign {
    bool survey_held;          /* false: survey-sourced leaves do not apply */
    int64_t bonus_cap;         /* millipoints; PAR_NONE = no cap */
    int64_t penalty_cap;       /* millipoints; PAR_NONE = no cap */
    const par_grade_t *grades; /* NULL: the framework's grades */
    size_t ngrades;
} par_campaign_t;

typedef struct par_unit {
    const char *code; /* borrowed */
    unit_kind_t kind;
    const par_input_t *inputs; /* one per scored leaf, any order; borrowed */
    size_t ninputs;
    int64_t bonus, penalty; /* campaign-level values (millipoints, >= 0), 0 when none */
} par_unit_t;

typedef struct par_node_result {
    bool applicable;
    int64_t points;  /* leaf: effective; inner: sum over its applicable leaves */
    int64_t max;     /* applicable maximum (0 when not applicable) */
    par_from_t from; /* leaves only */
} par_node_result_t;

typedef struct par_area_result {
    size_t node; /* index of the top-level criterion node */
    int64_t points, max;
    bool has_index;
    int64_t index; /* hundredths of a percent (8750 = 87.50 %) */
} par_area_result_t;

typedef struct par_result {
    const char *unit; /* borrowed from par_unit_t.code */
    unit_kind_t kind;
    par_node_result_t *nodes; /* one per framework node, same indexes; owned */
    size_t nnodes;
    par_area_result_t *areas; /* top-level criterion nodes in code order; owned */
    size_t nareas;
    int64_t points, max;
    int64_t bonus_raw, bonus, penalty_raw, penalty; /* before / after the caps */
    int64_t total;
    bool has_index;
    int64_t index;     /* hundredths of a percent */
    const char *grade; /* borrowed from the grades used; NULL without index */
    size_t missing;    /* applicable leaves (any kind) with nothing entered */
} par_result_t;

/* A criterion leaf where the unit lost points. */
typedef struct par_loss {
    size_t node;      /* index in the framework */
    const char *code; /* borrowed from the framework */
    int64_t points, max, lost;
    bool has_prev;     /* the previous year's result had this code applicable */
    int64_t prev_lost; /* its loss then (may be 0) */
} par_loss_t;

/* Province-wide losses of one criterion leaf. */
typedef struct par_loss_sum {
    size_t node;
    const char *code;  /* borrowed from the framework */
    size_t units;      /* units where it applied */
    size_t units_lost; /* ... and that lost points there */
    int64_t lost;      /* total lost */
} par_loss_sum_t;

/* Every value PAR_NONE, not_applicable false. */
void par_score_input_init(par_input_t *in, const char *code);
/* Survey held, no caps, the framework's grades. */
void par_score_campaign_init(par_campaign_t *c);

/* Checks a proposed score for leaf i: ERR_INVALID "par.score_node" (not a
 * leaf / bad index), "par.score_range" (outside [0, max]), "par.score_level"
 * (levels, bands and yesno: not one of the allowed values; the message lists
 * them in descending order, Vietnamese "1; 0,5; 0"). */
int par_score_check(const par_framework_t *fw, size_t i, int64_t points, err_t *e);

/* Points of a measured ratio (millipercent) on a bands leaf. ERR_INVALID
 * "par.score_node" (not a bands leaf), ERR_RANGE "par.ratio_range" (no band
 * covers the ratio, e.g. negative). */
int par_score_band(const par_framework_t *fw, size_t i, int64_t ratio, int64_t *points, err_t *e);

/* Scores one unit. fw must be valid (ERR_INVALID "par.framework_invalid").
 * Every entered value is checked with par_score_check, survey_ratio and
 * measured against [0, 100 %] and unit bonus/penalty >= 0 (ERR_INVALID, the
 * message names the unit, the code and the field); inputs naming no leaf
 * ("par.input_unknown") or the same leaf twice ("par.input_duplicate") are
 * refused. out is filled on success (release with par_score_release) and
 * empty on failure. ERR_NOMEM. */
int par_score_compute(const par_framework_t *fw, const par_campaign_t *c, const par_unit_t *u,
                      par_result_t *out, err_t *e);
/* Frees the arrays of a result; NULL or an empty result is fine. */
void par_score_release(par_result_t *r);

/* Index over an applicable maximum in hundredths of a percent, rounded half
 * up (total and max >= 0, max > 0). */
int64_t par_score_index(int64_t total, int64_t max);
/* First grade whose min (millipercent) the index (hundredths of a percent)
 * reaches: index x 10 >= min; NULL when none. */
const char *par_score_grade(const par_grade_t *g, size_t n, int64_t index);

/* Lost points of one unit: applicable criterion leaves with points < max,
 * largest loss first, then code order. When prev_fw and prev are given (the
 * previous year's framework and this unit's result there), each entry
 * carries the loss of the same code then. *out: caller frees with mem_free
 * (NULL when *n is 0). 0 or ERR_NOMEM. */
int par_score_losses(const par_framework_t *fw, const par_result_t *r,
                     const par_framework_t *prev_fw, const par_result_t *prev, par_loss_t **out,
                     size_t *n, err_t *e);

/* Province-wide: per criterion leaf where at least one unit lost points, the
 * number of units it applied to, how many lost points, the total lost;
 * sorted by total lost, then units_lost (both descending), then code order.
 * All results must come from fw. *out: caller frees with mem_free. */
int par_score_losses_province(const par_framework_t *fw, const par_result_t *const *rs, size_t n,
                              par_loss_sum_t **out, size_t *nout, err_t *e);

/* "2 điểm" style helpers: index in hundredths as "87,50" (vi) / "87.50". */
void par_score_format_index(int64_t index, bool vi, char out[PAR_NUM_MAX]);
/* "self", "computed", "round1", "round2", "final", "survey", "survey_ratio", "" */
const char *par_score_from_name(par_from_t f);

#endif
