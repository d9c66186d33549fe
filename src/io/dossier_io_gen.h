/* dossier_io_gen.h - a deterministic generator of realistic synthetic data
 * for tests and benchmarks: a unit tree, a procedure catalogue (with unit
 * links) and a dossier file in the interchange CSV format.
 *
 * Same options -> byte-identical output. The tree has one province,
 * departments (10 %), districts (5 %) and communes under the districts; the
 * last commune is merged into the previous one on 1 July of the year (a
 * links file records it). Dossier volumes per unit are skewed (Zipf-like),
 * daily volume follows working days with a rise before Tết and a trough
 * during it, the online share varies by unit, about 8 % of dossiers have a
 * supplement request (1.5 % two), about 5 % are late, some are still open
 * or overdue at the end of the year, 15 % have no appointment (NgayHenTra)
 * so that it is computed. Errors: ERR_IO when writing fails.
 *
 * `until` cuts the year at the end of that day (a demo "as of today"): only
 * the dossiers received up to then are written, and none carries an event
 * after it (a dossier that would end later is still in progress, one whose
 * supplement comes later is paused, one not yet returned is processed).
 * The receipts up to `until` are the same as those of the whole year with
 * the same options, so a demo grows day by day with the same seed. 0, or a
 * day outside the year, means the whole year. */
#ifndef CCHC_DOSSIER_IO_GEN_H
#define CCHC_DOSSIER_IO_GEN_H

#include "base/date.h"
#include "base/err.h"

#include <stdint.h>
#include <stdio.h>

typedef struct dossier_io_gen_opts {
    int units;      /* >= 4 */
    int procedures; /* >= 3 */
    long dossiers;
    int year;
    uint64_t seed;
    date_t until; /* last day of the data; 0 = the whole year */
} dossier_io_gen_opts_t;

int dossier_io_gen_units(FILE *out, const dossier_io_gen_opts_t *o, err_t *e);
int dossier_io_gen_links(FILE *out, const dossier_io_gen_opts_t *o, err_t *e);
int dossier_io_gen_procedures(FILE *out, const dossier_io_gen_opts_t *o, err_t *e);
int dossier_io_gen_dossiers(FILE *out, const dossier_io_gen_opts_t *o, err_t *e);

#endif
