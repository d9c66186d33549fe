/* feedback.h - citizen feedback (phản ánh, kiến nghị, PAKN; DOMAIN §5):
 * lifecycle, deadlines through the working-day calendar, and the on-time
 * status of each step and of the whole handling.
 *
 * Lifecycle. Like the dossier ledger, an item is an append-only list of
 * events and its state is derived by folding them with feedback_apply:
 *   received -> acknowledged -> [info_requested -> info_supplied]
 *            -> answered -> published
 * and `rated` (the citizen's rating of the handling, 1..3: không hài lòng,
 * hài lòng, rất hài lòng) once, after the answer. Information can be
 * requested once. No event may be dated before the previous one.
 *
 * Deadlines (fb_rules_t; defaults of DOMAIN §5, shipped in
 * data/indices/feedback.json), in working days through the agency calendar
 * with the receipt rule (a time outside office hours counts from the next
 * working moment; N working days land on the same clock time):
 *   ack_due          ack_days (2) after the receipt
 *   info_due         info_days (5) after the receipt: a request for more
 *                    information must be made by then (when one is made)
 *   answer_due_base  answer_days (15) after the receipt
 *   answer_due       answer_due_base plus, when pause_for_info, the working
 *                    time from the information request to its supply;
 *                    DTIME_NONE while that information is awaited
 *   publish_due      publish_days (2) after the answer
 * Without a calendar every due is absent (nothing is ever late).
 *
 * Timeliness as of T (events after T are ignored), per step:
 *   FBS_ON_TIME / FBS_LATE   done by T, at or before / after its due
 *   FBS_PENDING              not done by T and not overdue (or the clock is
 *                            stopped while information is awaited)
 *   FBS_OVERDUE              not done by T and T is past its due
 *   FBS_NA                   not applicable (no information requested by T)
 * Overall: LATE when a step is late, else OVERDUE when a step is overdue,
 * else ON_TIME once published, else PENDING. An item "handled on time" as
 * of T (the KPI feedback.on_time numerator, among items answered in the
 * period) has no step late or overdue at T: a publication still within its
 * time counts as on time.
 *
 * feedback_t is a plain value (fixed-size buffers, no ownership). Pure: no
 * I/O. Errors: ERR_INVALID "feedback.event", "feedback.rating",
 * "feedback.rules", "feedback.date" (a time outside the calendar's range);
 * ERR_CONFLICT "feedback.transition" (an event the state does not allow),
 * "feedback.order" (dated before the previous event). */
#ifndef CCHC_FEEDBACK_H
#define CCHC_FEEDBACK_H

#include "base/date.h"
#include "base/dtime.h"
#include "base/err.h"
#include "domain/agencycal.h"

#include <stdbool.h>
#include <stddef.h>

#define FB_CODE_MAX 64
#define FB_UNIT_MAX 64

typedef enum fb_status {
    FB_NONE = 0,
    FB_RECEIVED,
    FB_ACKNOWLEDGED,
    FB_INFO_REQUESTED,
    FB_INFO_SUPPLIED,
    FB_ANSWERED,
    FB_PUBLISHED,
    FB_STATUS_MAX
} fb_status_t;

typedef enum fb_event_kind {
    FBE_RECEIVED = 1,
    FBE_ACKNOWLEDGED,
    FBE_INFO_REQUESTED,
    FBE_INFO_SUPPLIED,
    FBE_ANSWERED,
    FBE_PUBLISHED,
    FBE_RATED,
    FBE_KIND_MAX
} fb_event_kind_t;

typedef struct fb_event {
    fb_event_kind_t kind;
    dtime_t at;
    int value; /* rated: 1..3; otherwise 0 */
} fb_event_t;

typedef struct fb_rules {
    int ack_days, info_days, answer_days, publish_days; /* working days, 0..365 */
    bool pause_for_info; /* the wait for information stops the answer clock */
    char version[32];    /* of the rules file ("" = built-in defaults) */
} fb_rules_t;

#define FB_RULES_DEFAULT ((fb_rules_t){2, 5, 15, 2, true, "default"})

typedef struct feedback {
    char code[FB_CODE_MAX + 1];
    char unit[FB_UNIT_MAX + 1];
    fb_status_t status;
    dtime_t received, acked, info_requested, info_supplied, answered, published, rated_at;
    int rating;
    /* Derived by feedback_deadlines: */
    dtime_t ack_due, info_due, answer_due_base, answer_due, publish_due;
} feedback_t;

typedef enum fb_step_state {
    FBS_NA = 0,
    FBS_PENDING,
    FBS_ON_TIME,
    FBS_LATE,
    FBS_OVERDUE
} fb_step_state_t;

enum { FB_STEP_ACK = 0, FB_STEP_INFO, FB_STEP_ANSWER, FB_STEP_PUBLISH, FB_STEPS };

typedef struct fb_timeliness {
    fb_step_state_t step[FB_STEPS];
    fb_step_state_t overall; /* FBS_PENDING, FBS_ON_TIME, FBS_LATE or FBS_OVERDUE */
} fb_timeliness_t;

/* Every time absent, status FB_NONE, no rating. */
void feedback_init(feedback_t *f);

/* "received", "acknowledged", "info_requested", "info_supplied",
 * "answered", "published" ("" for FB_NONE). */
const char *feedback_status_name(fb_status_t s);
const char *feedback_status_label_vi(fb_status_t s);
const char *feedback_status_label_en(fb_status_t s);
/* Status by name; ERR_INVALID when unknown. */
int feedback_status_parse(const char *s, fb_status_t *out);

/* "received", "acknowledged", "info_requested", "info_supplied",
 * "answered", "published", "rated". */
const char *feedback_event_name(fb_event_kind_t k);
/* Accepts the names above and the verbs "acknowledge", "request_info",
 * "supply_info", "answer", "publish", "rate". ERR_INVALID when unknown. */
int feedback_event_parse(const char *s, fb_event_kind_t *out);

/* "ack", "info_request", "answer", "publish". */
const char *feedback_step_name(int step);
/* "na", "pending", "on_time", "late", "overdue". */
const char *feedback_step_state_name(fb_step_state_t s);
const char *feedback_step_state_label_vi(fb_step_state_t s);

/* Folds ev into f (the reducer; see the lifecycle above). last (may be
 * NULL) holds the previous event's time and is advanced. f is unchanged on
 * error. */
int feedback_apply(feedback_t *f, const fb_event_t *ev, dtime_t *last, err_t *e);

/* Computes the dues of f from its times (cal may be NULL: all absent). */
int feedback_deadlines(const agencycal_t *cal, const fb_rules_t *r, feedback_t *f, err_t *e);

/* Timeliness of f as of as_of (see above). r may be NULL (defaults). */
void feedback_timeliness(const feedback_t *f, const fb_rules_t *r, dtime_t as_of,
                         fb_timeliness_t *out);

/* Whether f, answered at or before as_of, was handled on time as of as_of
 * (no step late or overdue). false when not answered by then. */
bool feedback_handled_on_time(const feedback_t *f, const fb_rules_t *r, dtime_t as_of);

/* Parses a rules file (format "cchc-feedback/1"):
 * {"format":"cchc-feedback/1","version":"…","source":"…",
 *  "working_days":{"acknowledge":2,"request_info":5,"answer":15,"publish":2},
 *  "pause_for_info":true}
 * Missing keys keep the defaults. ERR_INVALID "feedback.rules". */
int feedback_rules_parse(const char *text, size_t n, fb_rules_t *out, err_t *e);

#endif
