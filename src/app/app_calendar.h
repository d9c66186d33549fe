/* app_calendar.h - the agency calendar of an app's data directory, loaded
 * once and shared by every use case and thread.
 *
 * The first call for a data directory loads DATA_DIR/calendar/vn.json (plus
 * the province overlay, see calendar_load.h); later calls return the same
 * calendar without touching the files. A parsed calendar is immutable and
 * every worktime/agencycal function on it is read-only, so it is shared
 * freely between threads. The cache is keyed by the data directory path
 * (several apps of one process with the same data directory share one
 * calendar) and guarded by a mutex; the load happens under it, once.
 *
 * A failed load is not remembered: the next call tries again (a missing or
 * broken calendar is a configuration error an operator can fix without a
 * restart). Edits to a loaded calendar's files need a restart (or
 * app_calendar_reset in tests).
 *
 * Ownership: the calendar is borrowed; it stays valid until
 * app_calendar_reset (never called by the server). Errors: those of
 * calendar_load_load (ERR_IO "calendar.file", calendar parse errors), ERR_NOMEM. */
#ifndef CCHC_APP_CALENDAR_H
#define CCHC_APP_CALENDAR_H

#include "app/app.h"
#include "domain/agencycal.h"

/* The calendar of app_data_dir(a), or NULL with e filled. */
const agencycal_t *app_calendar(app_t *a, err_t *e);

/* Frees every cached calendar. Only when no thread uses one (tests, exit). */
void app_calendar_reset(void);

#endif
