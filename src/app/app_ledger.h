/* app_ledger.h - use cases of the dossier ledger: importing the procedure
 * catalogue, bulk ingest of dossier records (resumable, with a reject
 * file), and single dossiers through the API (receive, events, state).
 *
 * Ingest (docs/internals/ledger.md): the file is streamed in batches of
 * `batch` rows, one transaction per batch; each commit also records the last
 * committed line in the ingest_job row identified by the file's fingerprint,
 * so re-running the same file after an interruption resumes after the last
 * committed batch. Rejected rows go to the reject file (line, code, reason,
 * original row); the file's size is recorded at each commit and restored on
 * resume. strict: the whole file is one transaction and the first rejected
 * row aborts it (nothing written, ERR_INVALID "ingest.strict"). A dossier
 * code already in the ledger is replaced when the new record is at least as
 * fresh (its newest time >= the stored one), else ignored (counted as
 * "older"); the same code twice in one file is rejected. */
#ifndef CCHC_APP_LEDGER_H
#define CCHC_APP_LEDGER_H

#include "app/app.h"
#include "base/buf.h"
#include "domain/access.h"
#include "domain/dossier.h"
#include "domain/procedure.h"

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

/* Reasons for rejecting a row (summary counters). */
enum ledger_reject {
    LREJ_COLUMNS = 0, /* wrong column count */
    LREJ_TRUNCATED,   /* the file stops mid-row */
    LREJ_FORMAT,      /* malformed CSV / JSON */
    LREJ_DATE,        /* unparsable date-time */
    LREJ_VALUE,       /* a bad number, flag or code */
    LREJ_STATUS,      /* unknown status or channel */
    LREJ_ORDER,       /* impossible dates (end before receipt...) */
    LREJ_UNIT,        /* unknown unit code */
    LREJ_PROCEDURE,   /* unknown procedure code */
    LREJ_DUPLICATE,   /* code already seen in this file */
    LREJ_COUNT
};
const char *app_ledger_reject_name(int reason);

typedef struct ledger_ingest_stats {
    int64_t rows;     /* data rows read in this run (including skipped) */
    int64_t skipped;  /* rows before the resume point */
    int64_t inserted; /* new dossiers */
    int64_t updated;  /* existing dossiers replaced by a fresher record */
    int64_t older;    /* records older than the stored state, ignored */
    int64_t rejected;
    int64_t reasons[LREJ_COUNT];
    size_t offset, size; /* bytes read / file size */
    double seconds;
} ledger_ingest_stats_t;

/* Where an ingest reads dossiers from. The application does not know file
 * formats: the caller passes a reader (io/dossier_io.h's dossier_io_reader
 * reads CSV and JSON lines). src is the reader's own state.
 *   open    opens path: 0 or a status (file errors, a bad header)
 *   next    the next row into d: APP_LEDGER_ROW, APP_LEDGER_REJECT (a bad
 *           row, e says why; call again), 0 at the end, < 0 fatal
 *   raw     appends the last row's original content as CSV fields
 *   line    the line where the last row started (the header is line 1)
 *   offset, size   bytes read so far and the input's size (0 unknown) */
enum { APP_LEDGER_ROW = 1, APP_LEDGER_REJECT = 2 };
typedef struct app_ledger_reader {
    int (*open)(const char *path, void **src, err_t *e);
    void (*close)(void *src);
    int (*next)(void *src, dossier_t *d, err_t *e);
    int (*raw)(const void *src, buf_t *out);
    int (*line)(const void *src);
    size_t (*offset)(const void *src);
    size_t (*size)(const void *src);
} app_ledger_reader_t;

#define LEDGER_INGEST_SLICE_MS   50   /* default slice_ms */
#define LEDGER_INGEST_SLICE_ROWS 1024 /* rows the reader hands over at a time when slicing */

typedef struct ledger_ingest_opts {
    const app_ledger_reader_t *reader; /* required */
    bool strict;
    size_t batch;             /* rows per transaction at most; 0 = 250000 */
    int slice_ms;             /* longest a write transaction stays open, so that interactive writes
                                 wait little (issue 16 item 14): a commit at the first chunk boundary
                                 past it, then the lock is handed over; 0 = LEDGER_INGEST_SLICE_MS,
                                 < 0 = no limit. Not with strict (one transaction). */
    const char *rejects_path; /* NULL = FILE.rejects.csv */
    size_t progress_every;    /* rows between progress calls; 0 = none */
    void (*progress)(void *ctx, const ledger_ingest_stats_t *st);
    void *progress_ctx;
    volatile sig_atomic_t *stop; /* when set, stop after the current batch commits */
    bool no_snapshot;            /* do not maintain the KPI snapshot image (tests) */
    dtime_t now; /* the clock no time may lie after (+ DOSSIER_FUTURE_SLACK), as for the
                    API; 0 / DTIME_NONE = the real clock. Synthetic data "as of" a day
                    sets it (cchc ingest dossiers --now). */
} ledger_ingest_opts_t;

typedef struct ledger_ingest_report {
    int64_t job_id;
    bool resumed;       /* continued an interrupted job */
    int64_t resumed_at; /* last committed line of that job */
    bool already_done;  /* this file was fully imported before: nothing done */
    bool interrupted;   /* stopped by opts->stop; resumable */
    ledger_ingest_stats_t st;
    char rejects_path[1024];
} ledger_ingest_report_t;

/* Imports a catalogue (all or nothing): procedures are upserted by code;
 * links must name known units. actor NULL = local operator, else admin. */
int app_ledger_import_procedures(app_t *a, const user_t *actor, const procedure_set_t *in,
                                 const char *source, size_t *count, err_t *e);
int app_ledger_load_procedures(app_t *a, procedure_set_t *out, err_t *e);

/* Streams a dossier file into the ledger (see above). actor NULL = local
 * operator, else admin (a file holds rows of many units). */
int app_ledger_ingest(app_t *a, const user_t *actor, const char *path,
                      const ledger_ingest_opts_t *o, ledger_ingest_report_t *rep, err_t *e);

#endif
