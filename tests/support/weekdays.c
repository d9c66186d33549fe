/* weekdays.c - see weekdays.h. */
#include "support/weekdays.h"

#include "base/banned.h"

bool weekdays_is_working(date_t d)
{
    int w = date_weekday(d);
    return w != 0 && w != 6;
}

int weekdays_add(void *ctx, date_t from, int n, date_t *out)
{
    int *calls = ctx;
    if (calls)
        (*calls)++;
    date_t d = from;
    while (n > 0) {
        d++;
        if (weekdays_is_working(d))
            n--;
    }
    *out = d;
    return 0;
}
