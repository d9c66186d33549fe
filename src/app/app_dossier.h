/* app_dossier.h - single dossiers through the API (DOMAIN §5): receive a
 * dossier, append a lifecycle event, read its state, due time,
 * classification and timeline, and the applicant's public view.
 *
 * The ledger stays append-only and the state derived: an event is applied
 * by replaying the dossier's current log revision through the domain
 * reducer (dossier_apply, the rules the bulk ingest's records obey), then
 * the new event; the due time is recomputed through the agency calendar
 * (app_calendar) from the procedure's allowance and every supplement pause
 * of the log, unless an appointment (NgayHenTra) was given. State row and
 * event are written in one transaction with an audit line; the ledger
 * generation is bumped so KPI caches refresh.
 *
 * Authorisation (actor NULL = the trusted local operator): writing needs
 * ACCESS_WRITE and reading ACCESS_READ on the dossier's unit, judged on the
 * unit tree valid at the dossier's receipt date. The public view needs no
 * user and tells only the status and the appointment.
 *
 * Errors (err_t codes; HTTP status from the err status):
 *   ERR_INVALID  "dossier.code", "dossier.channel", "dossier.status",
 *                "dossier.unit_unknown", "dossier.procedure_unknown",
 *                "dossier.future" (a time more than 5 minutes ahead),
 *                "dossier.note" (longer than APP_DOSSIER_NOTE_MAX),
 *                "dossier.event_kind", "dossier.rating", "dossier.order"
 *                (appointment before receipt), "dossier.date" (a time the
 *                calendar does not cover)
 *   ERR_CONFLICT "dossier.duplicate" (code exists), "dossier.transition"
 *                (the state does not allow the event, e.g. returned before
 *                processed, anything but a rating on a closed dossier),
 *                "dossier.order" (dated before the previous event)
 *   ERR_NOTFOUND "dossier.not_found"; ERR_FORBIDDEN "auth.forbidden". */
#ifndef CCHC_APP_DOSSIER_H
#define CCHC_APP_DOSSIER_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/dossier.h"
#include "domain/dossier_class.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How far ahead of the server clock an event may be dated. */
#define APP_DOSSIER_FUTURE_SLACK DOSSIER_FUTURE_SLACK
/* Longest note kept with an event, in bytes. */
#define APP_DOSSIER_NOTE_MAX 2000

typedef struct app_dossier_in {
    const char *code;      /* MaHoSo: 1..64 bytes, no spaces, '/' or control characters */
    const char *procedure; /* MaTTHC */
    const char *unit;      /* MaDonVi */
    int channel;           /* KenhThucHien 1 in person, 2 online, 3 postal */
    int status;            /* initial TrangThaiHoSo: 0 = 2 accepted; 1, 2 or 4 */
    unsigned flags;        /* DFLAG_FULL_ONLINE | DFLAG_PAID_ONLINE | DFLAG_DIGITIZED */
    dtime_t received;      /* NgayTiepNhan; DTIME_NONE = now */
    dtime_t appointment;   /* NgayHenTra; DTIME_NONE = computed through the calendar */
    const char *note;      /* optional, kept with the event */
} app_dossier_in_t;

typedef struct app_dossier_event_in {
    dossier_event_kind_t kind; /* any but DEV_RECEIVED */
    dtime_t at;                /* DTIME_NONE = now */
    int rating;                /* DEV_RATED: 1..3 */
    bool e_result;             /* DEV_PROCESSED / DEV_STOPPED: CoKetQuaDienTu */
    dtime_t appointment;       /* DEV_SUPPLEMENT_SUPPLIED, DEV_APOLOGY: re-issued date (optional) */
    const char *note;
} app_dossier_event_in_t;

typedef struct app_dossier_entry {
    dossier_event_t ev;
    char *actor; /* owned; "" for imported records */
    char *note;  /* owned; "" when none */
} app_dossier_entry_t;

typedef struct app_dossier_view {
    dossier_t d;         /* current state, with due_base / due */
    dtime_t as_of;       /* the classification's moment */
    dossier_class_t cls; /* as of as_of */
    dtime_t appointment; /* the date the applicant holds: the latest re-issued
                            appointment of an apology, else the due time */
    int64_t rev;
    app_dossier_entry_t *events; /* the current revision's log, in order (owned) */
    size_t nevents;
} app_dossier_view_t;

#define APP_DOSSIER_PUBLIC_EVENTS (DOSSIER_MAX_RECORD_EVENTS + 4)

typedef struct app_dossier_public {
    char code[DOSSIER_CODE_MAX + 1];
    int status;
    dtime_t appointment; /* DTIME_NONE when none */
    dtime_t received;
    char procedure[DOSSIER_CODE_MAX + 1], procedure_name[512];
    char unit[DOSSIER_CODE_MAX + 1], unit_name[256];   /* the receiving agency */
    dossier_event_t events[APP_DOSSIER_PUBLIC_EVENTS]; /* the processing history, in order */
    size_t nevents;
} app_dossier_public_t;

/* Receives a new dossier. out (may be NULL) gets its view. */
int app_dossier_receive(app_t *a, const user_t *actor, const app_dossier_in_t *in,
                        app_dossier_view_t *out, err_t *e);

/* Appends one event to the dossier `code`. out (may be NULL) gets the view. */
int app_dossier_append(app_t *a, const user_t *actor, const char *code,
                       const app_dossier_event_in_t *in, app_dossier_view_t *out, err_t *e);

/* A step run inside the write transaction of app_dossier_append_as, after
 * the dossier's log is replayed and before the event is checked and
 * written: `before` is its current state; s the transaction's connection.
 * A nonzero return (with e filled) aborts the write. */
typedef int (*app_dossier_hook_fn)(void *ctx, store_t *s, const dossier_t *before, err_t *e);
typedef struct app_dossier_as {
    const char *who;          /* the writer recorded with the event and the audit line */
    app_dossier_hook_fn hook; /* may be NULL */
    void *ctx;
} app_dossier_as_t;

/* As app_dossier_append, for a caller that identified the writer itself
 * (no user, no scope check: the applicant's rating from the public lookup,
 * app_rating.h), with its own step inside the same transaction. */
int app_dossier_append_as(app_t *a, const app_dossier_as_t *as, const char *code,
                          const app_dossier_event_in_t *in, err_t *e);

/* The state and timeline of a dossier, classified as of as_of (DTIME_NONE =
 * now). Release with app_dossier_view_release. */
int app_dossier_get(app_t *a, const user_t *actor, const char *code, dtime_t as_of,
                    app_dossier_view_t *out, err_t *e);
void app_dossier_view_release(app_dossier_view_t *v);

/* The applicant's view (no user): code, status, appointment, procedure and
 * receiving agency names, received date and the processing history (the
 * record's events, plus apologies). The code is trimmed and looked up as
 * typed and in ASCII capitals ("h0001-2024-1" finds "H0001-2024-1"); any
 * code that matches nothing - odd characters included - is
 * ERR_NOTFOUND dossier.not_found. An unknown code costs the same queries
 * as a known one. */
int app_dossier_public(app_t *a, const char *code, app_dossier_public_t *out, err_t *e);

/* Event names of the API: "transfer", "supplement_request",
 * "supplement_supplied", "obligation_request", "obligation_paid", "stop",
 * "refuse", "withdraw", "processed", "returned", "apology", "rating" (the
 * ledger's names, e.g. "stopped", "rated", are accepted too); "received"
 * for the first event of a timeline. */
int app_dossier_kind_parse(const char *s, dossier_event_kind_t *out);
const char *app_dossier_kind_name(dossier_event_kind_t k);

#endif
