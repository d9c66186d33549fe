/* calendar_load.h - reads the agency calendar from the data directory.
 *
 * The base file DATA_DIR/calendar/vn.json is required; the province overlay
 * DATA_DIR/calendar/province.json is merged on top when it exists. Errors
 * name the file: the message is "<path>: <reason>" (the reason from
 * agencycal.h, with JSON path and line), the code and status are kept;
 * ERR_IO "calendar.file" when a file cannot be read. The caller frees the
 * calendar with agencycal_free. */
#ifndef CCHC_CALENDAR_LOAD_H
#define CCHC_CALENDAR_LOAD_H

#include "base/err.h"
#include "domain/agencycal.h"

#define CALENDAR_LOAD_MAX_BYTES (4u << 20) /* a calendar file is small; refuse more */

/* Loads the calendar of a data directory (see above). */
int calendar_load_load(const char *data_dir, agencycal_t **out, err_t *e);

/* Loads explicit files: base required, overlay may be NULL (none). */
int calendar_load_files(const char *base_path, const char *overlay_path, agencycal_t **out,
                        err_t *e);

#endif
