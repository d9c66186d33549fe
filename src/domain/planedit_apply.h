/* planedit_apply.h - applying an edit list (planedit.h) to a plan. */
#ifndef CCHC_PLANEDIT_APPLY_H
#define CCHC_PLANEDIT_APPLY_H

#include "domain/planedit.h"

/* Applies l, in order, to a copy of in; *out (caller planparse_plan_free)
 * gets the edited plan; in is never modified. Errors (planedit.h):
 * ERR_INVALID naming the op's 0-based index, ERR_NOMEM; *out is NULL then
 * and nothing is applied. An empty list gives a plain copy. */
int planedit_apply(const planparse_plan_t *in, const planedit_list_t *l, planparse_plan_t **out,
                   err_t *e);

#endif
