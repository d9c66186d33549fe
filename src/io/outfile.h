/* outfile.h - writing an output file atomically: the content goes to a
 * temporary file in the destination's directory (so that rename cannot
 * cross file systems), which replaces the destination only once complete
 * and flushed to disk. A failed or abandoned write leaves the destination
 * as it was (absent or the previous version) and removes the temporary.
 *
 * Usage: outfile_open; write o.tmp with any library (it may recreate or
 * truncate the file); outfile_commit or outfile_abort. Errors: ERR_IO
 * "outfile.io" with the path and the system's reason; ERR_NOMEM. */
#ifndef CCHC_OUTFILE_H
#define CCHC_OUTFILE_H

#include "base/err.h"

typedef struct outfile {
    char *path; /* destination (copy) */
    char *tmp;  /* "<dir>/.<name>.XXXXXX", created empty with mode 0644 */
} outfile_t;

int outfile_open(outfile_t *o, const char *path, err_t *e);
/* fsyncs the temporary, renames it over the destination, fsyncs the
 * directory; on failure removes the temporary. Releases o either way. */
int outfile_commit(outfile_t *o, err_t *e);
/* Removes the temporary and releases o. Safe on a zeroed or released o. */
void outfile_abort(outfile_t *o);

#endif
