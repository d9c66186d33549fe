/* store_par.h - PAR Index scoring campaigns: settings, grades, appraiser
 * units and per-unit deadline extensions (migration 0015_par_campaign;
 * docs/internals/par_campaign.md; frameworks: store_par_fw.h).
 *
 * Points are millipoints and thresholds millipercent
 * (src/domain/par_framework.h); PAR_NONE stands for SQL NULL (no cap).
 * Dates are "YYYY-MM-DD", moments "YYYY-MM-DDTHH:MM:SS" (local time), both
 * given by the caller. Writes run inside the caller's transaction.
 * Rows handed to callbacks are borrowed for the duration of the callback
 * (strings never NULL: "" when absent); scans follow store.h. */
#ifndef CCHC_STORE_PAR_H
#define CCHC_STORE_PAR_H

#include "domain/par_framework.h"
#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- campaigns ----------------------------------------------------------- */

#define STORE_PAR_DATE 11 /* "YYYY-MM-DD" + NUL */
#define STORE_PAR_AT   20 /* "YYYY-MM-DDTHH:MM:SS" + NUL */
#define STORE_PAR_WHO  65
#define STORE_PAR_NAME 256
#define STORE_PAR_UNIT 65
#define STORE_PAR_WORD 16

typedef struct store_par_campaign {
    int64_t id, framework_id;
    char name[STORE_PAR_NAME];
    int year;
    char unit_kind[STORE_PAR_WORD];
    char scope_code[STORE_PAR_UNIT]; /* "" = every unit of the kind */
    char opens_on[STORE_PAR_DATE], self_due[STORE_PAR_DATE], explain_due[STORE_PAR_DATE];
    char round1_due[STORE_PAR_DATE], round2_due[STORE_PAR_DATE], publish_due[STORE_PAR_DATE];
    int64_t bonus_max, penalty_max;   /* millipoints; PAR_NONE = no cap */
    char survey_mode[STORE_PAR_WORD]; /* "auto", "held", "none" */
    char finalised_at[STORE_PAR_AT];  /* "" = not finalised */
    char finalised_by[STORE_PAR_WHO];
    char published_at[STORE_PAR_AT]; /* "" = not published */
    char published_by[STORE_PAR_WHO];
    char created_at[STORE_PAR_AT];
    char created_by[STORE_PAR_WHO];
} store_par_campaign_t;

typedef int (*store_par_campaign_fn)(void *ctx, const store_par_campaign_t *c, err_t *e);

/* Inserts c (id, finalised_*, published_* ignored); *id gets the row id.
 * ERR_CONFLICT when framework_id does not exist. */
MUST_CHECK int store_par_campaign_insert(store_t *s, const store_par_campaign_t *c, int64_t *id,
                                         err_t *e);
/* Campaign id into *out: ERR_NOTFOUND "par.campaign_not_found". */
MUST_CHECK int store_par_campaign_get(store_t *s, int64_t id, store_par_campaign_t *out, err_t *e);
/* Campaigns of `year` (0 = every year), newest year first, then id. */
MUST_CHECK int store_par_campaign_list(store_t *s, int year, store_par_campaign_fn fn, void *ctx,
                                       err_t *e);
/* Rewrites the editable columns of c->id: name, scope, the six dates, the
 * caps and the survey mode. ERR_NOTFOUND "par.campaign_not_found". */
MUST_CHECK int store_par_campaign_update(store_t *s, const store_par_campaign_t *c, err_t *e);
/* Sets (at/by given) or clears (at NULL) finalised_* / published_*. */
MUST_CHECK int store_par_campaign_finalise(store_t *s, int64_t id, const char *at, const char *by,
                                           err_t *e);
MUST_CHECK int store_par_campaign_publish(store_t *s, int64_t id, const char *at, const char *by,
                                          err_t *e);

/* Grades of a campaign (none = the framework's), descending min. */
typedef int (*store_par_grade_fn)(void *ctx, const char *label, int64_t min, err_t *e);
/* Replaces the campaign's grades by labels[i] / mins[i] (n may be 0). */
MUST_CHECK int store_par_grades_set(store_t *s, int64_t campaign, const char *const *labels,
                                    const int64_t *mins, size_t n, err_t *e);
MUST_CHECK int store_par_grades(store_t *s, int64_t campaign, store_par_grade_fn fn, void *ctx,
                                err_t *e);

/* The registry unit playing an appraiser role in a campaign. unit NULL or
 * "" removes the mapping. */
MUST_CHECK int store_par_appraiser_set(store_t *s, int64_t campaign, const char *role,
                                       const char *unit, err_t *e);
typedef int (*store_par_appraiser_fn)(void *ctx, const char *role, const char *unit, err_t *e);
/* Mappings of a campaign in role order. */
MUST_CHECK int store_par_appraisers(store_t *s, int64_t campaign, store_par_appraiser_fn fn,
                                    void *ctx, err_t *e);

/* ---- deadline extensions ------------------------------------------------- */

typedef struct store_par_extension {
    int64_t id, campaign_id;
    const char *unit_code, *step, *due_on, *reason, *author, *at;
} store_par_extension_t;

typedef int (*store_par_extension_fn)(void *ctx, const store_par_extension_t *x, err_t *e);

/* Appends an extension (x->id ignored). */
MUST_CHECK int store_par_extension_add(store_t *s, const store_par_extension_t *x, err_t *e);
/* The due date in force for (campaign, unit, step) from the newest
 * extension: STORE_FOUND with due[] filled, 0 when there is none. */
MUST_CHECK int store_par_extension_due(store_t *s, int64_t campaign, const char *unit,
                                       const char *step, char due[STORE_PAR_DATE], err_t *e);
/* Extensions of a campaign (of one unit when unit is not NULL), oldest first. */
MUST_CHECK int store_par_extensions(store_t *s, int64_t campaign, const char *unit,
                                    store_par_extension_fn fn, void *ctx, err_t *e);

#endif
