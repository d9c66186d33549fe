/* kpi_xlsx.h - the KPI table as an XLSX workbook (libxlsxwriter): one row
 * per unit with the dossier counts and, for every indicator of DOMAIN §4,
 * its value (percent, two decimals), numerator and denominator; a title
 * block (unit, period, as-of time, generation time), headers in Vietnamese
 * or English, frozen header, autofilter and column widths.
 *
 * The workbook is written to `path` (libxlsxwriter writes whole files; the
 * caller picks a temporary name and removes it). Errors: ERR_IO
 * "kpi.xlsx_write" with the library's message; ERR_NOMEM. */
#ifndef CCHC_KPI_XLSX_H
#define CCHC_KPI_XLSX_H

#include "base/date.h"
#include "base/dtime.h"
#include "base/err.h"
#include "domain/kpi.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct kpi_xlsx_row {
    const char *code, *name;
    kpi_counts_t k;
} kpi_xlsx_row_t;

typedef struct kpi_xlsx_meta {
    const char *title; /* e.g. the unit's name */
    date_t from, to;
    dtime_t as_of;
    bool tree; /* rows include their subtrees */
    bool en;   /* English headers */
} kpi_xlsx_meta_t;

int kpi_xlsx_write(const char *path, const kpi_xlsx_meta_t *m, const kpi_xlsx_row_t *rows, size_t n,
                   err_t *e);

#endif
