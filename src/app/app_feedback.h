/* app_feedback.h - citizen feedback (phản ánh, kiến nghị, PAKN) use cases:
 * submit, record the handling steps, read, list, the citizen's rating and
 * public status, and the per-unit counts behind the KPI feedback.on_time.
 *
 * Rules: domain/feedback.h (lifecycle, deadlines, timeliness). The
 * deadline rules come from DATA_DIR/indices/feedback.json (built-in
 * defaults, DOMAIN §5, when the file is absent); the agency calendar from
 * app_calendar. Each write replays the item's event log through
 * feedback_apply, applies the new event, recomputes the dues, and writes
 * state row + event + audit line in one transaction.
 *
 * Authorisation (actor NULL = the trusted local operator, or — for
 * app_feedback_submit and app_feedback_rate_public — the citizen on a
 * public endpoint): recording a step, or submitting on a citizen's behalf,
 * needs ACCESS_WRITE on the item's unit; reading needs ACCESS_READ; both
 * judged on the unit tree valid at the receipt date. Lists show only items
 * the actor may read. Personal data (sender name and contact) is returned
 * only by app_feedback_get.
 *
 * Errors: ERR_INVALID "feedback.unit_unknown", "feedback.subject",
 * "feedback.text" (over a size limit or not UTF-8), "feedback.code",
 * "feedback.future", "feedback.event", "feedback.rating", "feedback.date",
 * "feedback.rules", "feedback.kind", "feedback.about", "feedback.procedure_unknown"; ERR_CONFLICT
 * "feedback.transition", "feedback.order", "feedback.duplicate"; ERR_NOTFOUND "feedback.not_found";
 * ERR_FORBIDDEN "auth.forbidden". */
#ifndef CCHC_APP_FEEDBACK_H
#define CCHC_APP_FEEDBACK_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/feedback.h"
#include "store/store_feedback.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Size limits of submitted text, in bytes (UTF-8). */
#define APP_FB_SUBJECT_MAX 500
#define APP_FB_CONTENT_MAX 10000
#define APP_FB_PERSON_MAX  200
#define APP_FB_NOTE_MAX    2000

typedef struct app_fb_in {
    const char *code;           /* NULL = generated, "PAKN-" + 10 random characters */
    const char *unit;           /* the unit addressed (must exist) */
    const char *subject;        /* required */
    const char *content;        /* optional */
    const char *sender_name;    /* optional (personal data) */
    const char *sender_contact; /* optional (personal data) */
    dtime_t received;           /* DTIME_NONE = now */
    const char *note;           /* kept with the `received` event */
    const char *kind;           /* "phan_anh" (default) or "kien_nghi" */
    const char *about;          /* NULL/"", "procedure", "unit", "official" or "other" */
    const char *about_ref;      /* procedure: its code (must exist); official: a name */
} app_fb_in_t;

typedef struct app_fb_event_in {
    fb_event_kind_t kind; /* any but FBE_RECEIVED */
    dtime_t at;           /* DTIME_NONE = now */
    int rating;           /* FBE_RATED: 1..3 */
    const char *note;
} app_fb_event_in_t;

typedef struct app_fb_entry {
    fb_event_t ev;
    char *actor; /* owned */
    char *note;  /* owned; "" when none */
} app_fb_entry_t;

typedef struct app_fb_view {
    int64_t id;                 /* the item's row id (attachments: attached_id) */
    feedback_t f;               /* state with its dues */
    store_feedback_text_t text; /* subject, content, sender (owned) */
    dtime_t as_of;
    fb_timeliness_t t; /* as of as_of */
    app_fb_entry_t *events;
    size_t nevents;
} app_fb_view_t;

/* The deadline rules of the app's data directory (defaults when the file
 * does not exist; an unreadable or invalid file is an error). */
int app_feedback_rules(app_t *a, fb_rules_t *out, err_t *e);

/* Receives a new item; code_out (FB_CODE_MAX + 1 bytes, may be NULL) gets
 * its code. */
int app_feedback_submit(app_t *a, const user_t *actor, const app_fb_in_t *in, char *code_out,
                        err_t *e);

/* Records a handling step or a rating (officer side). */
int app_feedback_event(app_t *a, const user_t *actor, const char *code, const app_fb_event_in_t *in,
                       err_t *e);

/* The citizen's rating of the handling (public: knowing the code is the
 * credential), dated now. */
int app_feedback_rate_public(app_t *a, const char *code, int rating, err_t *e);

/* State, texts, timeliness as of as_of (DTIME_NONE = now) and timeline.
 * Release with app_feedback_view_release. */
int app_feedback_get(app_t *a, const user_t *actor, const char *code, dtime_t as_of,
                     app_fb_view_t *out, err_t *e);
void app_feedback_view_release(app_fb_view_t *v);

/* The public status of an item (ERR_NOTFOUND when unknown). */
int app_feedback_public(app_t *a, const char *code, fb_status_t *status, err_t *e);

/* What the citizen who holds the code sees: no sender data, no officials'
 * names, the request for information while it is awaited and the answer
 * once it is published. Strings owned (app_feedback_public_release). */
typedef struct app_fb_public {
    feedback_t f;
    char *subject, *kind, *about, *about_ref;
    char *info_request; /* the officials' question (status info_requested), else NULL */
    char *answer;       /* the answer text once published, else NULL */
    size_t attachments; /* files the citizen attached */
} app_fb_public_t;
int app_feedback_public_view(app_t *a, const char *code, app_fb_public_t *out, err_t *e);
void app_feedback_public_release(app_fb_public_t *p);

/* The citizen supplies the information asked for (public: the code is the
 * credential): an info_supplied event by "citizen" with the text as note. */
int app_feedback_supply_public(app_t *a, const char *code, const char *content, err_t *e);

/* Limits of the files a citizen attaches to an item. */
#define APP_FB_ATTACH_MAX   3          /* per item */
#define APP_FB_ATTACH_BYTES (5u << 20) /* per file */
/* The citizen attaches a file (public) before the answer: the evidence
 * store's checks (type by content, name, size), attached_type "feedback",
 * attached_id the item's id, the item's unit. ERR_CONFLICT
 * "feedback.attach_closed" after the answer, "feedback.attach_count" past
 * APP_FB_ATTACH_MAX; ERR_TOOLARGE "evidence.too_large". out may be NULL. */
int app_feedback_attach_public(app_t *a, const char *code, const char *filename, const void *data,
                               size_t len, int64_t *evidence_id, err_t *e);

typedef struct app_fb_filter {
    const char *unit;   /* NULL = every unit the actor may read */
    bool tree;          /* with the units below `unit` */
    fb_status_t status; /* FB_NONE = any */
    size_t limit;       /* 0 = 100 */
    size_t offset;
    dtime_t as_of; /* timeliness moment; DTIME_NONE = now */
} app_fb_filter_t;

typedef int (*app_fb_list_fn)(void *ctx, const feedback_t *f, const char *subject,
                              const fb_timeliness_t *t);
/* Calls fn for the page [offset, offset + limit) of the matching items the
 * actor may read (newest receipt first); *total (may be NULL) gets the
 * number of matching items. */
int app_feedback_list(app_t *a, const user_t *actor, const app_fb_filter_t *flt, app_fb_list_fn fn,
                      void *ctx, size_t *total, err_t *e);

/* --- KPI hook (feedback.on_time) --------------------------------------------- */
/* Calls fn for every item answered in [from, to] at or before as_of, with
 * whether it was handled on time as of as_of (feedback_handled_on_time).
 * No authorisation: the KPI engine checks the unit. */
typedef int (*app_fb_kpi_fn)(void *ctx, const feedback_t *f, bool on_time);
int app_feedback_kpi_items(app_t *a, dtime_t from, dtime_t to, dtime_t as_of, app_fb_kpi_fn fn,
                           void *ctx, err_t *e);

#endif
