/* app_kpi_file.h - the persisted KPI snapshot (docs/internals/ledger.md,
 * "Persisted snapshot"). Not a public interface: used by app_kpi (load,
 * and write after a rebuild) and the dossier ingest (write after a load).
 *
 * The image (kpi_image.h) lives beside the database as "<db>.kpi". It is
 * written to "<db>.kpi.tmp-<pid>-<n>" and published by app_kpi_file_writer_publish,
 * which, holding the database write lock, checks that the ledger is still at
 * the generation the image was built for, renames the file into place and
 * records the image's random token for that generation (store_kpi.h). A
 * loader accepts an image only if its header carries the current generation
 * and token, the catalogue checksum and supplement rule it is given, and
 * every checksum holds; otherwise the caller rebuilds from the database. The
 * image is a cache: it is not fsync'ed; a damaged file fails its checksums.
 *
 * Errors: ERR_NOMEM, ERR_IO "kpi.file" (writing), store.h's. */
#ifndef CCHC_APP_KPI_FILE_H
#define CCHC_APP_KPI_FILE_H

#include "domain/kpi_image.h"
#include "domain/procedure.h"
#include "store/store.h"

typedef struct app_kpi_file {
    void *base; /* mapping (NULL = none) */
    size_t len;
    kpi_image_t img;
} app_kpi_file_t;

/* What app_kpi_file_load returns when it mapped an image. */
#define APP_KPI_FILE_LOADED 1

/* Maps the image valid for the database's current state:
 * APP_KPI_FILE_LOADED (*gen = its generation), 0 none valid (the reason is
 * logged), < 0 an error. */
int app_kpi_file_load(store_t *s, const char *db_path, uint64_t procs_sum, uint32_t nprocs,
                      int max_supplements, int64_t *gen, app_kpi_file_t *f, err_t *e);
void app_kpi_file_release(app_kpi_file_t *f);
/* Lets the kernel drop the mapped pages of [p, p + n) from this process
 * (they are read again from the file if touched): keeps a long job's
 * memory low while it does not need the image. */
void app_kpi_file_drop(const app_kpi_file_t *f, const void *p, size_t n);

typedef struct app_kpi_file_writer app_kpi_file_writer_t;

/* Starts an image of nunits units (codes, and how many rows each will
 * get). Rows are given either unit by unit already finalized
 * (app_kpi_file_writer_put_view, in unit order) or in any order
 * (app_kpi_file_writer_scatter; app_kpi_file_writer_finish then sorts them and builds the
 * days). Caller frees with app_kpi_file_writer_free. */
int app_kpi_file_writer_open(const char *db_path, uint64_t procs_sum, uint32_t nprocs,
                             int max_supplements, uint32_t nunits, const char *const *codes,
                             const uint64_t *nrows, app_kpi_file_writer_t **out, err_t *e);
int app_kpi_file_writer_scatter(app_kpi_file_writer_t *w, uint32_t unit, const kpi_row_t *row,
                                err_t *e);
int app_kpi_file_writer_put_view(app_kpi_file_writer_t *w, uint32_t unit, const kpi_view_t *v,
                                 err_t *e);
/* Completes the image (every unit must have received its rows). */
int app_kpi_file_writer_finish(app_kpi_file_writer_t *w, const uint8_t *proc_flags, uint32_t nproc,
                               err_t *e);
/* Publishes the finished image for generation gen: 1 published, 0 the
 * ledger has moved on (the image is discarded), < 0 an error. */
int app_kpi_file_writer_publish(app_kpi_file_writer_t *w, store_t *s, int64_t gen, err_t *e);
/* Frees; removes the temporary file unless published. NULL is a no-op. */
void app_kpi_file_writer_free(app_kpi_file_writer_t *w);

/* The per-procedure flags the KPI engine uses (KPI_PROC_*, by procedure
 * index; *flags caller frees with mem_free) and the catalogue checksum
 * images carry (kpi_image_procs_sum). */
int app_kpi_file_proc_table(const procedure_set_t *ps, uint8_t **flags, uint64_t *sum, err_t *e);

/* Runs fn(ctx, i) for i in [0, n) on up to `threads` threads; returns the
 * first nonzero result (remaining items are skipped). app_kpi_file_threads: the
 * number to use (online cores, 1..4). */
int app_kpi_file_threads(void);
int app_kpi_file_parallel(size_t n, int threads, int (*fn)(void *ctx, size_t i), void *ctx);

#endif
