/* store_report.h - persistence of periodic reports, their sections and
 * events, and the reporting-calendar rows kept in the database (migration
 * 0012). Writes run inside the caller's transaction. Times are local ISO
 * date-times (dtime_format), dates ISO. Errors: store.h's; ERR_NOTFOUND
 * "report.not_found"; ERR_CONFLICT "report.exists" (insert of a report that
 * exists), "report.changed" (a section edited since the version the caller
 * read). */
#ifndef CCHC_STORE_REPORT_H
#define CCHC_STORE_REPORT_H

#include "base/date.h"
#include "base/dtime.h"
#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

#define STORE_REPORT_CODE_MAX 64

typedef struct store_report {
    int64_t id;
    char unit[STORE_REPORT_CODE_MAX], receiver[STORE_REPORT_CODE_MAX];
    char kind[16];
    int year;
    char ref[STORE_REPORT_CODE_MAX]; /* period code or ad hoc id */
    char *title;                     /* owned */
    date_t from, to, due;            /* due DATE_NONE when none */
    char status[16];
    int doc_number; /* 0 = not numbered yet */
    dtime_t created_at;
    char created_by[STORE_REPORT_CODE_MAX + 1];
    dtime_t submitted_at; /* DTIME_NONE when never */
    char submitted_by[STORE_REPORT_CODE_MAX + 1];
    int days_late;   /* of the last submission; -1 when never submitted */
    int submissions; /* how many times submitted */
    dtime_t decided_at;
    char decided_by[STORE_REPORT_CODE_MAX + 1];
    char *return_reason; /* owned, may be NULL */
    dtime_t frozen_at;   /* DTIME_NONE = live figures */
    char *figures;       /* owned JSON text, NULL when not frozen */
    int64_t version;
} store_report_t;

/* Frees the owned strings; the struct can be reused. */
void store_report_release(store_report_t *r);

/* Inserts a new draft (status, version and submission fields ignored);
 * *id gets its id. ERR_CONFLICT "report.exists". */
MUST_CHECK int store_report_insert(store_t *s, const store_report_t *r, int64_t *id, err_t *e);
/* Loads report id. ERR_NOTFOUND "report.not_found". */
MUST_CHECK int store_report_get(store_t *s, int64_t id, store_report_t *out, err_t *e);
/* The id of (unit, kind, year, ref): STORE_FOUND, or 0 when absent. */
MUST_CHECK int store_report_find(store_t *s, const char *unit, const char *kind, int year,
                                 const char *ref, int64_t *id, err_t *e);

/* Lists reports of a year, by sender units (units[0..n)) or by receiver
 * (receiver not NULL); fn follows store.h's scan contract. The record is
 * borrowed for the call (its strings too). */
typedef int (*store_report_fn)(void *ctx, const store_report_t *r, err_t *e);
MUST_CHECK int store_report_list(store_t *s, int year, const char *const *units, size_t n,
                                 const char *receiver, store_report_fn fn, void *ctx, err_t *e);

/* Writes the state fields (status, doc_number, submitted_*, days_late,
 * submissions, decided_*, return_reason, frozen_at, figures) of r and bumps
 * its version. ERR_NOTFOUND. */
MUST_CHECK int store_report_update(store_t *s, const store_report_t *r, err_t *e);

/* --- sections ------------------------------------------------------------------ */
typedef struct store_report_section {
    const char *code, *body; /* borrowed for the callback */
    int64_t version;         /* 0 = never written */
    dtime_t updated_at;
    const char *updated_by;
} store_report_section_t;
typedef int (*store_report_section_fn)(void *ctx, const store_report_section_t *sec, err_t *e);
MUST_CHECK int store_report_sections(store_t *s, int64_t report_id, store_report_section_fn fn,
                                     void *ctx, err_t *e);
/* Writes a section's text when its stored version is `expected` (0 for a
 * section never written); *version gets the new one. ERR_CONFLICT
 * "report.changed" when someone saved it since. */
MUST_CHECK int store_report_section_put(store_t *s, int64_t report_id, const char *code,
                                        const char *body, int64_t expected, const char *by,
                                        dtime_t at, int64_t *version, err_t *e);

/* --- events ---------------------------------------------------------------------- */
MUST_CHECK int store_report_event_add(store_t *s, int64_t report_id, dtime_t at, const char *actor,
                                      const char *action, const char *note, err_t *e);
typedef int (*store_report_event_fn)(void *ctx, dtime_t at, const char *actor, const char *action,
                                     const char *note, err_t *e);
MUST_CHECK int store_report_events(store_t *s, int64_t report_id, store_report_event_fn fn,
                                   void *ctx, err_t *e);

/* --- evidence of a window ------------------------------------------------------------ */
/* An evidence file behind a report (hồ sơ minh chứng): attached to a task
 * update or a target measurement made in the report's window. */
typedef struct store_report_evidence {
    int64_t id; /* evidence id (GET /api/v1/evidence/{id}/content) */
    const char *unit, *what /* "task" | "target" */, *title, *filename, *at;
} store_report_evidence_t;
typedef int (*store_report_evidence_fn)(void *ctx, const store_report_evidence_t *ev, err_t *e);
/* The evidence of updates and measurements made in [from, to] (ISO
 * date-times, inclusive), oldest first, at most limit rows; fn follows
 * store.h's scan contract, the record borrowed. */
MUST_CHECK int store_report_evidence(store_t *s, const char *from, const char *to, size_t limit,
                                     store_report_evidence_fn fn, void *ctx, err_t *e);

/* --- calendar rows ----------------------------------------------------------------- */
typedef struct store_report_rule {
    int64_t id;
    const char *type, *receiver, *kind, *years, *window, *due;
    bool enabled;
    const char *date_from, *date_to, *adhoc_id, *title, *note, *source;
    int64_t plan_id; /* 0 = set by hand */
} store_report_rule_t;
MUST_CHECK int store_report_rule_add(store_t *s, const store_report_rule_t *r, dtime_t at,
                                     const char *by, int64_t *id, err_t *e);
typedef int (*store_report_rule_fn)(void *ctx, const store_report_rule_t *r, err_t *e);
MUST_CHECK int store_report_rules(store_t *s, store_report_rule_fn fn, void *ctx, err_t *e);
/* Drops the rows read from any plan with the key of r (type, receiver,
 * kind, years, adhoc_id): a newer plan's row replaces an older plan's.
 * Rows set by hand are kept. */
MUST_CHECK int store_report_rules_drop_same(store_t *s, const store_report_rule_t *r, err_t *e);
/* Deletes one row: STORE_FOUND or 0 when there was none. */
MUST_CHECK int store_report_rule_delete(store_t *s, int64_t id, err_t *e);
/* Drops the rows read from a plan (before reading them again). */
MUST_CHECK int store_report_rules_drop_plan(store_t *s, int64_t plan_id, err_t *e);

#endif
