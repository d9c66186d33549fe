/* dossier.h - the dossier ledger model (DOMAIN §5): status codes, channels,
 * lifecycle events and the current state derived from them.
 *
 * The ledger is an append-only list of events per dossier; dossier_apply
 * folds one event into the state (the reducer), so the state is always
 * reproducible from the events. A row of the national interchange format
 * (MaHoSo, NgayTiepNhan, ... ) is a snapshot of a state; dossier_to_events
 * turns it into the equivalent events, which replayed through dossier_apply
 * give back the same state (tested).
 *
 * Times are dtime_t (local seconds), DTIME_NONE when absent. dossier_t is a
 * plain value with fixed-size code buffers: no ownership. Pure: no I/O.
 * Errors: ERR_INVALID with codes "dossier.code", "dossier.status",
 * "dossier.channel", "dossier.rating", "dossier.order" (an impossible order
 * of dates, e.g. end before receipt), "dossier.missing" (a time the status
 * requires), "dossier.transition" (an event the current state does not
 * allow), "dossier.event". */
#ifndef CCHC_DOSSIER_H
#define CCHC_DOSSIER_H

#include "base/date.h"
#include "base/dtime.h"
#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DOSSIER_CODE_MAX          64
#define DOSSIER_MAX_RECORD_EVENTS 12
/* How far ahead of the clock a dossier time may lie (seconds). */
#define DOSSIER_FUTURE_SLACK (5 * 60)

typedef enum dossier_status {
    DS_SUBMITTED_ONLINE = 1,
    DS_ACCEPTED = 2,
    DS_REFUSED = 3,
    DS_PROCESSING = 4,
    DS_SUPPLEMENT = 5,
    DS_OBLIGATION = 6,
    DS_WITHDRAWN = 7,
    DS_STOPPED = 8,
    DS_PROCESSED = 9,
    DS_RETURNED = 10
} dossier_status_t;

typedef enum dossier_channel {
    DCH_IN_PERSON = 1,
    DCH_ONLINE = 2,
    DCH_POSTAL = 3
} dossier_channel_t;

/* Rating (DanhGia): 0 none, 1 không hài lòng, 2 hài lòng, 3 rất hài lòng. */
enum { DRATING_NONE = 0, DRATING_UNSATISFIED = 1, DRATING_SATISFIED = 2, DRATING_VERY = 3 };

typedef enum dossier_event_kind {
    DEV_RECEIVED = 1,
    DEV_TRANSFERRED,
    DEV_SUPPLEMENT_REQUESTED,
    DEV_SUPPLEMENT_SUPPLIED,
    DEV_OBLIGATION_REQUESTED,
    DEV_OBLIGATION_PAID,
    DEV_STOPPED,
    DEV_REFUSED,
    DEV_WITHDRAWN,
    DEV_PROCESSED,
    DEV_RETURNED,
    DEV_APOLOGY,
    DEV_RATED,
    DEV_KIND_MAX
} dossier_event_kind_t;

/* Flags carried by the received / processed events. */
enum {
    DFLAG_FULL_ONLINE = 1, /* ToanTrinh */
    DFLAG_PAID_ONLINE = 2, /* DuocThanhToanTrucTuyen */
    DFLAG_DIGITIZED = 4,   /* HoSoCoThanhPhanSoHoa */
    DFLAG_E_RESULT = 8     /* CoKetQuaDienTu */
};

typedef struct dossier_event {
    dossier_event_kind_t kind;
    dtime_t at;
    /* received: status * 256 + channel * 16 + flags (status 0 = accepted);
     * processed/stopped: flags; rated: rating 1..3; supplement requested /
     * supplied: 1 = counted only, no pause (time unknown), else 0. */
    int value;
    dtime_t due; /* received / supplement supplied: an appointment
                    (NgayHenTra) given with the event, else DTIME_NONE */
} dossier_event_t;

typedef struct dossier {
    char code[DOSSIER_CODE_MAX + 1];
    char procedure[DOSSIER_CODE_MAX + 1];
    char unit[DOSSIER_CODE_MAX + 1];
    int channel;            /* dossier_channel_t */
    int status;             /* dossier_status_t */
    unsigned flags;         /* DFLAG_* */
    dtime_t received;       /* NgayTiepNhan */
    dtime_t due_given;      /* NgayHenTra as given (DTIME_NONE: compute) */
    dtime_t ended;          /* NgayKetThucXuLy: processing ended (processed, stopped) */
    dtime_t returned;       /* NgayTraKetQua */
    dtime_t closed;         /* refused / withdrawn at (DTIME_NONE when not) */
    int supplements;        /* SoLanBoSung: supplement requests */
    dtime_t supp_requested; /* NgayYeuCauBoSung: (first) pause start */
    dtime_t supp_supplied;  /* NgayBoSung: (last) pause end; DTIME_NONE while paused */
    int rating;             /* DanhGia */
    dtime_t rated_at;
    int apologies;
    /* Derived by dossier_timing: */
    dtime_t due_base; /* due before pause extension */
    dtime_t due;      /* final due (extended by pauses when computed) */
} dossier_t;

/* A state with every time absent and status 0 (nothing received yet). */
void dossier_init(dossier_t *d);

bool dossier_status_valid(int status);
/* Processing ended: processed (9), returned (10) or stopped (8). */
bool dossier_status_resolved(int status);
/* Refused at intake (3) or withdrawn (7): excluded from rates. */
bool dossier_status_excluded(int status);
const char *dossier_status_label_vi(int status);
const char *dossier_status_label_en(int status);

/* "received", "transferred", "supplement_requested", "supplement_supplied",
 * "obligation_requested", "obligation_paid", "stopped", "refused",
 * "withdrawn", "processed", "returned", "apology", "rated". */
const char *dossier_event_name(dossier_event_kind_t k);
/* The event in the applicant's words ("Yêu cầu bổ sung hồ sơ" / "Supplement
 * requested"); "?" for an unknown kind. */
const char *dossier_event_label_vi(dossier_event_kind_t k);
const char *dossier_event_label_en(dossier_event_kind_t k);
int dossier_event_parse(const char *s, dossier_event_kind_t *out);

/* The one rule for dossier codes (MaHoSo), used by the API and the bulk
 * ingest alike (issue 16 item 13): 1..DOSSIER_CODE_MAX bytes of valid UTF-8
 * without spaces, control characters, '/' or '\\'. ERR_INVALID
 * "dossier.code". */
int dossier_code_check(const char *code, err_t *e);
/* A time of the dossier's life must not lie after now + DOSSIER_FUTURE_SLACK
 * (a year such as 2099 is a typing error): ERR_INVALID "dossier.future". */
int dossier_time_check(dtime_t at, dtime_t now, err_t *e);
/* dossier_time_check on every time of a record that states a fact
 * (receipt, end, return, supplement request and supply, rating); the
 * appointment may lie ahead. */
int dossier_times_check(const dossier_t *d, dtime_t now, err_t *e);

/* Checks a record (a state as imported): code, known status and channel,
 * rating 0..3, supplement count 0..99, and the order of its times: no time
 * before the receipt, return not before the end, supplied not before
 * requested, a resolved status needs an end time, an open status has none. */
int dossier_check(const dossier_t *d, err_t *e);

/* Brings a parsed record to the ledger's conventions: for refused (3) and
 * withdrawn (7) dossiers the end time becomes the closing time; a rating
 * without a time is dated at the later of end and return. */
void dossier_normalize(dossier_t *d);

/* The newest time a record mentions (for "the newest record wins"). */
dtime_t dossier_freshness(const dossier_t *d);

/* Events equivalent to a record, in time order (at most
 * DOSSIER_MAX_RECORD_EVENTS). The record must pass dossier_check. */
size_t dossier_to_events(const dossier_t *d, dossier_event_t *out);

/* Folds ev into d. The first event must be DEV_RECEIVED (which sets the
 * code-independent fields; code, unit and procedure are set by the caller).
 * Refuses events out of time order (before the last event at `last`) and
 * transitions the state does not allow (e.g. processing a returned
 * dossier). last may be NULL (no time-order check). */
int dossier_apply(dossier_t *d, const dossier_event_t *ev, dtime_t *last, err_t *e);

#endif
