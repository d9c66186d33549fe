/* app_calendar.h - the agency calendar of an app's data directory, loaded
 * once per app and shared by every use case and thread.
 *
 * The first call loads DATA_DIR/calendar/vn.json (plus the province overlay,
 * see calendar_load.h); later calls return the same calendar without
 * touching the files. A parsed calendar is immutable and every
 * worktime/agencycal function on it is read-only, so it is shared freely
 * between threads; the load happens once, under the app's calendar mutex.
 *
 * A failed load is not remembered: the next call tries again (a missing or
 * broken calendar is a configuration error an operator can fix without a
 * restart). Edits to a loaded calendar's files take effect in a new app
 * (a restart).
 *
 * Ownership: *out is borrowed until app_close. Errors: those of
 * calendar_load_load (ERR_IO "calendar.file", calendar parse errors), ERR_NOMEM. */
#ifndef CCHC_APP_CALENDAR_H
#define CCHC_APP_CALENDAR_H

#include "app/app.h"
#include "domain/agencycal.h"

/* The calendar of app_data_dir(a) in *out: 0 or a status (*out NULL). */
MUST_CHECK int app_calendar(app_t *a, const agencycal_t **out, err_t *e);

#endif
