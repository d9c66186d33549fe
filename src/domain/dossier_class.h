/* dossier_class.h - classification of a dossier as of a moment (DOMAIN §5):
 * early / on time / late for dossiers whose processing ended, in progress or
 * overdue in progress for open ones.
 *
 * Rules (configurable ones in dossier_rules_t):
 * - a dossier not yet received at as_of is DCLS_NONE; one refused or
 *   withdrawn by then is DCLS_EXCLUDED (excluded from rates);
 * - ended (processed, stopped) at or before as_of: LATE when it ended after
 *   the due time, or (rule) when it had more than max_supplements supplement
 *   requests; EARLY when it ended on a calendar day before the due date;
 *   otherwise ON_TIME. Without a due time it is ON_TIME;
 * - otherwise open: while paused for a supplement at as_of it is OPEN (the
 *   clock is stopped); else OVERDUE when as_of is after the due time in
 *   force at as_of (the base due before the pause started, the extended due
 *   after it), OPEN otherwise.
 * Pure, no calendar needed: due times are computed beforehand
 * (dossier_timing.h). */
#ifndef CCHC_DOSSIER_CLASS_H
#define CCHC_DOSSIER_CLASS_H

#include "domain/dossier.h"

typedef enum dossier_class {
    DCLS_OPEN = 0,     /* in progress, within time */
    DCLS_EARLY = 1,    /* ended before the due date */
    DCLS_ON_TIME = 2,  /* ended on the due date, not after the due time */
    DCLS_LATE = 3,     /* ended after the due time (or too many supplements) */
    DCLS_OVERDUE = 4,  /* in progress after the due time */
    DCLS_EXCLUDED = 5, /* refused or withdrawn */
    DCLS_NONE = 6      /* not received yet */
} dossier_class_t;

typedef struct dossier_rules {
    /* More supplement requests than this make a resolved dossier late; < 0
     * disables the rule. Default 1 (DOMAIN §5: more than one). */
    int max_supplements;
} dossier_rules_t;

#define DOSSIER_RULES_DEFAULT ((dossier_rules_t){1})

/* "open", "early", "on_time", "late", "overdue", "excluded", "none". */
const char *dossier_class_name(dossier_class_t c);
const char *dossier_class_label_vi(dossier_class_t c);

/* The core on plain values (all times in one unit and origin, absent =
 * `none`; day = seconds per day in that unit). Shared by the ledger and the
 * KPI snapshot scan so that both classify identically. */
static inline dossier_class_t dossier_class_of_core(int64_t as_of, int64_t none, int status,
                                                    int supplements, int64_t received,
                                                    int64_t closed, int64_t ended, int64_t due_base,
                                                    int64_t due, int64_t pause_from,
                                                    int64_t pause_to, int max_supplements)
{
    if (received == none || received > as_of)
        return DCLS_NONE;
    if ((status == DS_REFUSED || status == DS_WITHDRAWN) && closed != none && closed <= as_of)
        return DCLS_EXCLUDED;
    if (ended != none && ended <= as_of) {
        if (max_supplements >= 0 && supplements > max_supplements)
            return DCLS_LATE;
        if (due == none)
            return DCLS_ON_TIME;
        if (ended > due)
            return DCLS_LATE;
        int64_t ed = ended >= 0 ? ended / 86400 : -((-ended + 86399) / 86400);
        int64_t dd = due >= 0 ? due / 86400 : -((-due + 86399) / 86400);
        return ed < dd ? DCLS_EARLY : DCLS_ON_TIME;
    }
    if (pause_from != none && pause_from <= as_of && (pause_to == none || pause_to > as_of))
        return DCLS_OPEN;
    int64_t in_force = (pause_from != none && pause_from <= as_of) ? due : due_base;
    if (in_force != none && as_of > in_force)
        return DCLS_OVERDUE;
    return DCLS_OPEN;
}

/* Classifies d (with due_base/due computed) as of as_of. */
dossier_class_t dossier_class_of(const dossier_t *d, dtime_t as_of, const dossier_rules_t *r);

#endif
