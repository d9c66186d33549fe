/* app_calendar.c - the app's lazily loaded agency calendar. */
#include "app/app_calendar.h"

#include "app/app_int.h"
#include "app/calendar_load.h"

#include "base/banned.h"

int app_calendar(app_t *a, const agencycal_t **out, err_t *e)
{
    int rc = 0;
    pthread_mutex_lock(&a->cal_mu);
    if (!a->cal)
        rc = calendar_load_load(app_data_dir(a), &a->cal, e);
    *out = rc ? NULL : a->cal;
    pthread_mutex_unlock(&a->cal_mu);
    return rc;
}
