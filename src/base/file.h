/* file.h - whole-file reading, for the app and edge layers (never domain). */
#ifndef CCHC_FILE_H
#define CCHC_FILE_H

#include "base/err.h"

#include <stddef.h>

/* Reads the whole file at path (max bytes, else ERR_TOOLARGE) into a
 * NUL-terminated buffer the caller frees with mem_free. "-" reads stdin. */
int file_read_all(const char *path, size_t max, char **out, size_t *len, err_t *e);

#endif
