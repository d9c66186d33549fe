/* weekdays.h - the test calendar of the domain tests: Monday to Friday are
 * working days, there are no holidays. */
#ifndef CCHC_TEST_WEEKDAYS_H
#define CCHC_TEST_WEEKDAYS_H

#include "base/date.h"

#include <stdbool.h>

/* Whether d is a working day (not a Saturday or a Sunday). */
bool weekdays_is_working(date_t d);
/* The n-th working day after from, into *out: the "add working days"
 * callback of period.h and report_flow.h. ctx, when not NULL, is an int
 * counting the calls. Returns 0. */
int weekdays_add(void *ctx, date_t from, int n, date_t *out);

#endif
