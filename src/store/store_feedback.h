/* store_feedback.h - persistence of citizen feedback (PAKN): the derived
 * state row (`feedback`, with the dues computed by the domain) and the
 * append-only event log (`feedback_event`, one row per event, numbered
 * 1, 2, ... per item).
 *
 * Times are dtime_t integers, NULL when absent; the status is stored by
 * name (feedback_status_name). Writes must run inside the caller's
 * transaction. Errors: store.h's ("db.*"); ERR_CONFLICT "feedback.duplicate"
 * when a code exists; ERR_NOTFOUND "feedback.not_found". */
#ifndef CCHC_STORE_FEEDBACK_H
#define CCHC_STORE_FEEDBACK_H

#include "domain/feedback.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* Free text of an item. In store_feedback_load the strings are owned
 * copies (release with store_feedback_text_release); as input they are borrowed. */
typedef struct store_feedback_text {
    char *subject;
    char *content;
    char *sender_name;    /* personal data */
    char *sender_contact; /* personal data */
    char *rules_version;
    char *kind;      /* "phan_anh" or "kien_nghi" (migration 0030) */
    char *about;     /* "procedure", "unit", "official", "other" or "" */
    char *about_ref; /* the procedure code or the official's name, "" when none */
} store_feedback_text_t;

void store_feedback_text_release(store_feedback_text_t *t);

/* Inserts a new item (f with its dues). *id gets its id. */
MUST_CHECK int store_feedback_insert(store_t *s, const feedback_t *f,
                                     const store_feedback_text_t *t, int64_t *id, err_t *e);
/* Replaces the state of item id (times, dues, status, rating). */
MUST_CHECK int store_feedback_update(store_t *s, int64_t id, const feedback_t *f,
                                     const char *rules_version, err_t *e);
/* Loads an item by code. id and t may be NULL. */
MUST_CHECK int store_feedback_load(store_t *s, const char *code, feedback_t *f, int64_t *id,
                                   store_feedback_text_t *t, err_t *e);

/* Appends event number seq (1-based, consecutive) to item id. */
MUST_CHECK int store_feedback_event_add(store_t *s, int64_t id, int seq, const fb_event_t *ev,
                                        const char *actor, const char *note, err_t *e);
typedef struct store_feedback_event_row {
    int seq;
    fb_event_t ev;
    const char *actor; /* borrowed during the callback; may be NULL */
    const char *note;
} store_feedback_event_row_t;
typedef int (*store_feedback_event_fn)(void *ctx, const store_feedback_event_row_t *row);
/* Calls fn for every event of item id in order; a nonzero return stops
 * the scan and is returned. */
MUST_CHECK int store_feedback_events(store_t *s, int64_t id, store_feedback_event_fn fn, void *ctx,
                                     err_t *e);

/* Filter of store_feedback_scan: every field optional. */
typedef struct store_feedback_filter {
    const char *unit;      /* NULL = every unit */
    fb_status_t status;    /* FB_NONE = any */
    dtime_t answered_from; /* with answered_to: answered in [from, to] */
    dtime_t answered_to;
} store_feedback_filter_t;

typedef struct store_feedback_row {
    int64_t id;
    feedback_t f;
    const char *subject; /* borrowed during the callback */
} store_feedback_row_t;
typedef int (*store_feedback_fn)(void *ctx, const store_feedback_row_t *row);
/* Calls fn for every matching item, newest receipt first; a nonzero
 * return stops the scan and is returned. */
MUST_CHECK int store_feedback_scan(store_t *s, const store_feedback_filter_t *flt,
                                   store_feedback_fn fn, void *ctx, err_t *e);

#endif
