/* plan_check.h - looking into a parsed plan, for the plan parser's tests
 * (cmocka assertions inside: call from tests only). */
#ifndef CCHC_TEST_PLAN_CHECK_H
#define CCHC_TEST_PLAN_CHECK_H

#include "domain/planparse.h"

#include <stdbool.h>

/* The task numbered no ("1.2", "II.3"...); fails the test when there is
 * none. Borrowed from p. */
const planparse_task_t *plan_check_task(const planparse_plan_t *p, const char *no);
/* Whether p carries a warning with this error code. */
bool plan_check_has_warning(const planparse_plan_t *p, const char *code);

#endif
