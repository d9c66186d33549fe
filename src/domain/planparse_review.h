/* planparse_review.h - what an official should look at in a parsed plan
 * before importing it (issue 14 item 3): per area the count of tasks, the
 * tasks without a lead or a deadline, the targets found, and the tasks the
 * parser was unsure of.
 *
 * A task is "unsure" when any of these holds:
 *   WARNING        a parser warning lies at its position: on its source
 *                  line, or after it and before the next task's line (the
 *                  last task: its own line only);
 *   DEFAULT_LEAD   no lead was written (the issuer stands in) while most
 *                  tasks of the plan have one written (in a plan where most
 *                  have none, the issuer's own plan, it is not flagged);
 *   DEADLINE_BAD   a deadline was written but not understood (no schedule,
 *                  or DEADLINE_UNSPECIFIED);
 *   LONG_TITLE     its title is longer than PLANPARSE_REVIEW_LONG_TITLE
 *                  characters (typically two items glued together).
 * NO_LEAD and NO_DEADLINE are reported too but are facts, not doubts.
 * Pure. */
#ifndef CCHC_PLANPARSE_REVIEW_H
#define CCHC_PLANPARSE_REVIEW_H

#include "domain/planparse.h"

#define PLANPARSE_REVIEW_LONG_TITLE 350 /* characters */

enum planparse_review_flag {
    PLANPARSE_REVIEW_WARNING = 1 << 0,
    PLANPARSE_REVIEW_DEFAULT_LEAD = 1 << 1,
    PLANPARSE_REVIEW_DEADLINE_BAD = 1 << 2,
    PLANPARSE_REVIEW_LONG_TITLE_F = 1 << 3,
    PLANPARSE_REVIEW_NO_LEAD = 1 << 4,
    PLANPARSE_REVIEW_NO_DEADLINE = 1 << 5
};
/* The flags that make a task "unsure". */
#define PLANPARSE_REVIEW_UNSURE                                                                    \
    (PLANPARSE_REVIEW_WARNING | PLANPARSE_REVIEW_DEFAULT_LEAD | PLANPARSE_REVIEW_DEADLINE_BAD |    \
     PLANPARSE_REVIEW_LONG_TITLE_F)

typedef struct planparse_review_area {
    size_t tasks, no_lead, no_deadline, targets, unsure;
} planparse_review_area_t;

typedef struct planparse_review {
    planparse_review_area_t areas[PLANPARSE_AREA_COUNT]; /* by planparse_area_t (NONE first) */
    unsigned *flags;                                     /* per task, ntasks entries */
    size_t ntasks;
    size_t unsure; /* tasks with a PLANPARSE_REVIEW_UNSURE flag */
} planparse_review_t;

/* Computes the review of p into r (r->flags owned: planparse_review_release).
 * ERR_NOMEM. */
int planparse_review(const planparse_plan_t *p, planparse_review_t *r);
void planparse_review_release(planparse_review_t *r);

/* "warning", "default_lead", "deadline_unparsed", "long_title", "no_lead",
 * "no_deadline" for one flag bit; NULL otherwise. */
const char *planparse_review_flag_name(unsigned flag);

#endif
