/* app_dossier.c - single dossiers through the API (see app_dossier.h). */
#include "app/app_dossier.h"

#include "app/app_calendar.h"
#include "app/app_units.h"
#include "base/log.h"
#include "base/mem.h"
#include "base/text.h"
#include "domain/dossier_timing.h"
#include "store/store_ledger.h"
#include "store/store_procedure.h"
#include "store/store_audit.h"
#include "store/store_user.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* dossier_check allows at most 99 supplement requests, so at most 99 pauses. */
#define MAX_PAUSES 100

static const struct {
    const char *name;
    dossier_event_kind_t kind;
} api_kinds[] = {
    {"received", DEV_RECEIVED},
    {"transfer", DEV_TRANSFERRED},
    {"supplement_request", DEV_SUPPLEMENT_REQUESTED},
    {"supplement_supplied", DEV_SUPPLEMENT_SUPPLIED},
    {"obligation_request", DEV_OBLIGATION_REQUESTED},
    {"obligation_paid", DEV_OBLIGATION_PAID},
    {"stop", DEV_STOPPED},
    {"refuse", DEV_REFUSED},
    {"withdraw", DEV_WITHDRAWN},
    {"processed", DEV_PROCESSED},
    {"returned", DEV_RETURNED},
    {"apology", DEV_APOLOGY},
    {"rating", DEV_RATED},
};
#define N_KINDS (sizeof api_kinds / sizeof api_kinds[0])

int app_dossier_kind_parse(const char *s, dossier_event_kind_t *out)
{
    for (size_t i = 0; i < N_KINDS; i++)
        if (strcmp(s, api_kinds[i].name) == 0) {
            *out = api_kinds[i].kind;
            return 0;
        }
    return dossier_event_parse(s, out);
}

const char *app_dossier_kind_name(dossier_event_kind_t k)
{
    for (size_t i = 0; i < N_KINDS; i++)
        if (api_kinds[i].kind == k)
            return api_kinds[i].name;
    return "?";
}

/* --- checks ---------------------------------------------------------------------- */

static int check_note(const char *note, err_t *e)
{
    if (!note || strlen(note) <= APP_DOSSIER_NOTE_MAX)
        return 0;
    return err_set(e, ERR_INVALID, "dossier.note", "Ghi chú dài quá %d byte",
                   "The note is longer than %d bytes", APP_DOSSIER_NOTE_MAX);
}

static int forbidden(const char *unit, err_t *e)
{
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                   "Không có quyền với hồ sơ của đơn vị %s (ngoài phạm vi được giao)",
                   "Not allowed to act on dossiers of unit %s (outside your scope)", unit);
}

/* Loads the registry; checks that the unit exists (when must_exist) and
 * that the actor may `act` on it on the tree of `day`. */
static int check_unit(app_t *a, const user_t *actor, access_action_t act, const char *unit,
                      date_t day, bool must_exist, err_t *e)
{
    if (!actor && !must_exist)
        return 0;
    unit_set_t units;
    unit_set_init(&units);
    int rc = app_units_load(a, &units, e);
    if (!rc && must_exist && !unit_set_find(&units, unit, DATE_NONE))
        rc = err_set(e, ERR_INVALID, "dossier.unit_unknown",
                     "Mã đơn vị (MaDonVi) không tồn tại: '%s'", "Unknown unit code (MaDonVi): '%s'",
                     unit);
    if (!rc && actor && !access_allows(actor, act, unit, &units, day))
        rc = forbidden(unit, e);
    unit_set_release(&units);
    return rc;
}

static const char *actor_name(const user_t *actor)
{
    return actor ? actor->login : "cli";
}

/* --- the log ----------------------------------------------------------------------- */

typedef struct log {
    app_dossier_entry_t *v;
    size_t n, cap;
    bool nomem;
} log_t;

static void log_release(log_t *l)
{
    for (size_t i = 0; i < l->n; i++) {
        mem_free(l->v[i].actor);
        mem_free(l->v[i].note);
    }
    mem_free(l->v);
    memset(l, 0, sizeof *l);
}

static int log_push(log_t *l, const dossier_event_t *ev, const char *actor, const char *note)
{
    if (MEM_GROW(l->v, l->cap, l->n + 1))
        return ERR_NOMEM;
    app_dossier_entry_t *x = &l->v[l->n];
    x->ev = *ev;
    x->actor = mem_strdup(actor ? actor : "");
    x->note = mem_strdup(note ? note : "");
    if (!x->actor || !x->note) {
        mem_free(x->actor);
        mem_free(x->note);
        return ERR_NOMEM;
    }
    l->n++;
    return 0;
}

static int collect(void *ctx, const store_event_row_t *row)
{
    log_t *l = ctx;
    if (log_push(l, &row->ev, row->actor, row->note)) {
        l->nomem = true;
        return ERR_NOMEM;
    }
    return 0;
}

static int load_log(store_t *s, int64_t id, int64_t rev, log_t *l, err_t *e)
{
    memset(l, 0, sizeof *l);
    int rc = store_ledger_dossier_events(s, id, rev, collect, l, e);
    if (l->nomem)
        rc = err_nomem(e);
    if (rc)
        log_release(l);
    return rc;
}

/* The state after the events dated at or before upto (DTIME_NONE = all),
 * with the closed supplement pauses and the start of an open one. */
typedef struct replayed {
    dossier_t d;
    worktime_interval_t pauses[MAX_PAUSES];
    size_t npauses;
    dtime_t open_pause; /* DTIME_NONE when not paused */
    dtime_t last;       /* newest event time */
    size_t applied;
} replayed_t;

static int replay(const dossier_t *ids, const log_t *l, dtime_t upto, replayed_t *r, err_t *e)
{
    dossier_init(&r->d);
    memcpy(r->d.code, ids->code, sizeof r->d.code);
    memcpy(r->d.unit, ids->unit, sizeof r->d.unit);
    memcpy(r->d.procedure, ids->procedure, sizeof r->d.procedure);
    r->npauses = r->applied = 0;
    r->open_pause = r->last = DTIME_NONE;
    for (size_t i = 0; i < l->n; i++) {
        const dossier_event_t *ev = &l->v[i].ev;
        if (upto != DTIME_NONE && ev->at > upto)
            break;
        int rc = dossier_apply(&r->d, ev, NULL, e);
        if (rc)
            return rc;
        r->applied++;
        if (r->last == DTIME_NONE || ev->at > r->last)
            r->last = ev->at;
        if (ev->kind == DEV_SUPPLEMENT_REQUESTED && !(ev->value & 1) &&
            r->open_pause == DTIME_NONE) {
            r->open_pause = ev->at;
        } else if (ev->kind == DEV_SUPPLEMENT_SUPPLIED) {
            if (!(ev->value & 1) && r->open_pause != DTIME_NONE && r->npauses < MAX_PAUSES) {
                r->pauses[r->npauses].from = r->open_pause;
                r->pauses[r->npauses].to = ev->at;
                r->npauses++;
            }
            r->open_pause = DTIME_NONE;
        }
    }
    return 0;
}

/* Due times of r->d through the calendar and the procedure's allowance. */
static int timing(app_t *a, store_t *s, replayed_t *r, err_t *e)
{
    procedure_set_t ps;
    procedure_set_init(&ps);
    int rc = store_procedure_get(s, r->d.procedure, &ps, e);
    if (rc < 0) {
        procedure_set_release(&ps);
        return rc;
    }
    err_t ce;
    const agencycal_t *cal;
    if (app_calendar(a, &cal, &ce) && r->d.due_given == DTIME_NONE)
        log_warn("no working calendar (%s): dossier %s has no computed due time", ce.en, r->d.code);
    rc = dossier_timing(cal, ps.n ? &ps.items[0] : NULL, &r->d, r->pauses, r->npauses, e);
    procedure_set_release(&ps);
    return rc;
}

static dossier_class_t classify(const replayed_t *r, dtime_t as_of)
{
    const dossier_t *d = &r->d;
    dtime_t pf = DTIME_NONE, pt = DTIME_NONE;
    if (r->open_pause != DTIME_NONE) {
        pf = r->open_pause;
    } else if (r->npauses) {
        pf = r->pauses[r->npauses - 1].from;
        pt = r->pauses[r->npauses - 1].to;
    }
    return dossier_class_of_core(as_of, DTIME_NONE, d->status, d->supplements, d->received,
                                 d->closed, d->ended, d->due_base, d->due, pf, pt,
                                 DOSSIER_RULES_DEFAULT.max_supplements);
}

/* --- writes -------------------------------------------------------------------------- */

static int finish_write(store_t *s, const char *who, const char *action, const char *code,
                        const char *detail, err_t *e)
{
    int rc = store_ledger_bump(s, e);
    if (!rc) /* lets KPI caches patch this dossier instead of rebuilding */
        rc = store_ledger_note_change(s, code, e);
    if (!rc)
        rc = store_audit_append(s, who, action, code, detail, e);
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    return rc;
}

/* Codes and times follow the rules the bulk ingest applies too
 * (dossier_code_check, dossier_time_check: src/domain/dossier.h). */
static int check_in(const app_dossier_in_t *in, dtime_t received, dtime_t now, err_t *e)
{
    int rc = dossier_code_check(in->code, e);
    if (!rc && (in->channel < DCH_IN_PERSON || in->channel > DCH_POSTAL))
        rc = err_set(e, ERR_INVALID, "dossier.channel",
                     "Kênh thực hiện (KenhThucHien) %d không hợp lệ (1, 2 hoặc 3)",
                     "Invalid channel (KenhThucHien) %d (1, 2 or 3)", in->channel);
    if (!rc && in->status != 0 && in->status != DS_SUBMITTED_ONLINE && in->status != DS_ACCEPTED &&
        in->status != DS_PROCESSING)
        rc = err_set(e, ERR_INVALID, "dossier.status",
                     "Trạng thái ban đầu (TrangThaiHoSo) %d không hợp lệ (1, 2 hoặc 4)",
                     "Invalid initial status (TrangThaiHoSo) %d (1, 2 or 4)", in->status);
    if (!rc)
        rc = dossier_time_check(received, now, e);
    if (!rc)
        rc = check_note(in->note, e);
    if (!rc && in->appointment != DTIME_NONE && in->appointment < received)
        rc = err_set(e, ERR_INVALID, "dossier.order",
                     "Ngày hẹn trả (NgayHenTra) trước ngày tiếp nhận",
                     "The appointment (NgayHenTra) is before the receipt");
    return rc;
}

static int insert_new(app_t *a, store_t *s, const user_t *actor, const app_dossier_in_t *in,
                      const dossier_event_t *ev, dtime_t now, err_t *e)
{
    dossier_t ids;
    dossier_init(&ids);
    snprintf(ids.code, sizeof ids.code, "%s", in->code);
    snprintf(ids.unit, sizeof ids.unit, "%s", in->unit);
    snprintf(ids.procedure, sizeof ids.procedure, "%s", in->procedure);
    log_t l = {0};
    if (log_push(&l, ev, NULL, NULL))
        return err_nomem(e);
    replayed_t *r = mem_alloc(sizeof *r);
    int rc = r ? replay(&ids, &l, DTIME_NONE, r, e) : err_nomem(e);
    log_release(&l);
    if (!rc)
        rc = timing(a, s, r, e);
    int64_t id = 0;
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        rc = store_ledger_dossier_insert(s, &r->d, (int)classify(r, now), 0, &id, e);
        if (!rc && !id)
            rc = err_set(e, ERR_CONFLICT, "dossier.duplicate", "Mã hồ sơ '%s' đã tồn tại",
                         "Dossier code '%s' already exists", in->code);
        if (!rc)
            rc = store_ledger_dossier_events_add(s, id, 1, 1, ev, 1, actor_name(actor), 0, in->note,
                                                 e);
        if (!rc)
            rc = finish_write(s, actor_name(actor), "dossier.receive", in->code, in->unit, e);
        else
            store_rollback(s);
    }
    mem_free(r);
    return rc;
}

int app_dossier_receive(app_t *a, const user_t *actor, const app_dossier_in_t *in,
                        app_dossier_view_t *out, err_t *e)
{
    if (out)
        memset(out, 0, sizeof *out);
    dtime_t now = dtime_now();
    dtime_t received = in->received != DTIME_NONE ? in->received : now;
    int rc = check_in(in, received, now, e);
    if (rc)
        return rc;
    store_t *s;
    rc = app_store(a, &s, e);
    if (rc)
        return rc;
    rc =
        check_unit(a, actor, ACCESS_WRITE, in->unit ? in->unit : "", dtime_date(received), true, e);
    if (rc)
        return rc;
    procedure_set_t ps;
    procedure_set_init(&ps);
    rc = store_procedure_get(s, in->procedure ? in->procedure : "", &ps, e);
    procedure_set_release(&ps);
    if (rc == 0)
        rc = err_set(e, ERR_INVALID, "dossier.procedure_unknown",
                     "Mã thủ tục (MaTTHC) không tồn tại: '%s'",
                     "Unknown procedure code (MaTTHC): '%s'", in->procedure ? in->procedure : "");
    if (rc < 0)
        return rc;
    int st = in->status ? in->status : DS_ACCEPTED;
    unsigned flags = in->flags & (DFLAG_FULL_ONLINE | DFLAG_PAID_ONLINE | DFLAG_DIGITIZED);
    dossier_event_t ev = {DEV_RECEIVED, received, st * 256 + in->channel * 16 + (int)flags,
                          in->appointment};
    rc = insert_new(a, s, actor, in, &ev, now, e);
    if (!rc && out)
        rc = app_dossier_get(a, actor, in->code, now, out, e);
    return rc;
}

static int check_event(const app_dossier_event_in_t *in, dtime_t at, dtime_t now, err_t *e)
{
    if (in->kind <= DEV_RECEIVED || in->kind >= DEV_KIND_MAX)
        return err_set(e, ERR_INVALID, "dossier.event_kind", "Loại sự kiện không hợp lệ",
                       "Invalid event kind");
    if (in->kind == DEV_RATED && (in->rating < DRATING_UNSATISFIED || in->rating > DRATING_VERY))
        return err_set(e, ERR_INVALID, "dossier.rating",
                       "Đánh giá %d không hợp lệ (1 không hài lòng, 2 hài lòng, 3 rất hài lòng)",
                       "Invalid rating %d (1 unsatisfied, 2 satisfied, 3 very satisfied)",
                       in->rating);
    int rc = dossier_time_check(at, now, e);
    if (!rc)
        rc = check_note(in->note, e);
    if (!rc && in->appointment != DTIME_NONE && in->appointment < at)
        rc = err_set(e, ERR_INVALID, "dossier.order", "Ngày hẹn trả mới trước thời điểm sự kiện",
                     "The new appointment is before the event");
    return rc;
}

static int order_conflict(const dossier_t *d, const dossier_event_t *ev, dtime_t last, err_t *e)
{
    char a[DTIME_ISO_LEN], b[DTIME_ISO_LEN];
    dtime_format(ev->at, a);
    dtime_format(last, b);
    return err_set(e, ERR_CONFLICT, "dossier.order",
                   "Hồ sơ %s: sự kiện '%s' lúc %s trước sự kiện gần nhất (%s); sổ theo dõi chỉ "
                   "ghi thêm theo thứ tự thời gian",
                   "Dossier %s: event '%s' at %s is dated before the latest event (%s); the "
                   "ledger only appends in time order",
                   d->code, app_dossier_kind_name(ev->kind), a, b);
}

/* Inside the write transaction: replays, applies, recomputes, writes. `as`
 * (may be NULL) names the writer and runs its hook on the state before. */
static int append_locked(app_t *a, store_t *s, const user_t *actor, const app_dossier_as_t *as,
                         const char *code, const app_dossier_event_in_t *in, dtime_t at,
                         dtime_t now, err_t *e)
{
    dossier_t cur;
    store_ledger_dossier_meta_t m;
    int rc = store_ledger_dossier_load(s, code, &cur, &m, e);
    if (!rc)
        rc = check_unit(a, actor, ACCESS_WRITE, cur.unit, dtime_date(cur.received), false, e);
    log_t l = {0};
    if (!rc)
        rc = load_log(s, m.id, m.rev, &l, e);
    if (rc)
        return rc;
    replayed_t *r = mem_alloc(sizeof *r);
    rc = r ? replay(&cur, &l, DTIME_NONE, r, e) : err_nomem(e);
    dossier_event_t ev = {in->kind, at, 0, DTIME_NONE};
    if (in->kind == DEV_RATED)
        ev.value = in->rating;
    else if ((in->kind == DEV_PROCESSED || in->kind == DEV_STOPPED) && in->e_result)
        ev.value = DFLAG_E_RESULT;
    if (in->kind == DEV_SUPPLEMENT_SUPPLIED || in->kind == DEV_APOLOGY)
        ev.due = in->appointment;
    if (!rc && as && as->hook)
        rc = as->hook(as->ctx, s, &r->d, e);
    if (!rc) {
        dossier_t probe = r->d; /* transition first: a closed dossier says so */
        rc = dossier_apply(&probe, &ev, NULL, e);
        if (!rc && r->last != DTIME_NONE && at < r->last)
            rc = order_conflict(&r->d, &ev, r->last, e);
    }
    if (!rc)
        rc = log_push(&l, &ev, NULL, NULL) ? err_nomem(e) : 0;
    if (!rc)
        rc = replay(&cur, &l, DTIME_NONE, r, e);
    if (!rc)
        rc = timing(a, s, r, e);
    if (!rc)
        rc = store_ledger_dossier_update(s, m.id, &r->d, (int)classify(r, now), 0, m.rev, e);
    if (!rc)
        rc = store_ledger_dossier_events_add(s, m.id, m.batches + 1, m.rev, &ev, 1,
                                             as ? as->who : actor_name(actor), 0, in->note, e);
    log_release(&l);
    mem_free(r);
    return rc;
}

static int append(app_t *a, const user_t *actor, const app_dossier_as_t *as, const char *code,
                  const app_dossier_event_in_t *in, err_t *e)
{
    dtime_t now = dtime_now();
    dtime_t at = in->at != DTIME_NONE ? in->at : now;
    int rc = check_event(in, at, now, e);
    store_t *s = NULL;
    if (!rc)
        rc = app_store(a, &s, e);
    if (!rc)
        rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = append_locked(a, s, actor, as, code, in, at, now, e);
    if (!rc) {
        char detail[64];
        snprintf(detail, sizeof detail, "%s", app_dossier_kind_name(in->kind));
        rc = finish_write(s, as ? as->who : actor_name(actor), "dossier.event", code, detail, e);
    } else {
        store_rollback(s);
    }
    return rc;
}

int app_dossier_append_as(app_t *a, const app_dossier_as_t *as, const char *code,
                          const app_dossier_event_in_t *in, err_t *e)
{
    return append(a, NULL, as, code, in, e);
}

int app_dossier_append(app_t *a, const user_t *actor, const char *code,
                       const app_dossier_event_in_t *in, app_dossier_view_t *out, err_t *e)
{
    if (out)
        memset(out, 0, sizeof *out);
    int rc = append(a, actor, NULL, code, in, e);
    if (!rc && out)
        rc = app_dossier_get(a, actor, code, DTIME_NONE, out, e);
    return rc;
}

/* --- reads ---------------------------------------------------------------------------- */

static dtime_t appointment_of(const dossier_t *d, const app_dossier_entry_t *v, size_t n)
{
    dtime_t t = d->due;
    for (size_t i = 0; i < n; i++)
        if (v[i].ev.kind == DEV_APOLOGY && v[i].ev.due != DTIME_NONE)
            t = v[i].ev.due;
    return t;
}

void app_dossier_view_release(app_dossier_view_t *v)
{
    if (!v)
        return;
    log_t l = {v->events, v->nevents, v->nevents, false};
    log_release(&l);
    v->events = NULL;
    v->nevents = 0;
}

int app_dossier_get(app_t *a, const user_t *actor, const char *code, dtime_t as_of,
                    app_dossier_view_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    store_ledger_dossier_meta_t m;
    rc = store_ledger_dossier_load(s, code, &out->d, &m, e);
    if (!rc)
        rc = check_unit(a, actor, ACCESS_READ, out->d.unit, dtime_date(out->d.received), false, e);
    log_t l = {0};
    if (!rc)
        rc = load_log(s, m.id, m.rev, &l, e);
    if (rc)
        return rc;
    out->events = l.v;
    out->nevents = l.n;
    out->rev = m.rev;
    out->as_of = as_of != DTIME_NONE ? as_of : dtime_now();
    out->appointment = appointment_of(&out->d, l.v, l.n);
    replayed_t *r = mem_alloc(sizeof *r);
    rc = r ? replay(&out->d, &l, out->as_of, r, e) : err_nomem(e);
    if (!rc && r->applied)
        rc = timing(a, s, r, e);
    if (!rc)
        out->cls = r->applied ? classify(r, out->as_of) : DCLS_NONE;
    mem_free(r);
    if (rc)
        app_dossier_view_release(out);
    return rc;
}

typedef struct public_ctx {
    dtime_t apology_due;
    dtime_t apology_at;
} public_ctx_t;

static int public_event(void *ctx, const store_event_row_t *row)
{
    public_ctx_t *p = ctx;
    if (row->ev.kind == DEV_APOLOGY && row->ev.due != DTIME_NONE) {
        p->apology_due = row->ev.due;
        p->apology_at = row->ev.at;
    }
    return 0;
}

/* code trimmed (blanks around it) into out; "" when nothing is left or it
 * does not fit. */
static void trimmed(const char *code, char *out, size_t cap)
{
    out[0] = '\0';
    if (!code)
        return;
    while (*code == ' ' || *code == '\t')
        code++;
    size_t n = strlen(code);
    while (n && (code[n - 1] == ' ' || code[n - 1] == '\t'))
        n--;
    if (n < cap)
        snprintf(out, cap, "%.*s", (int)n, code);
}

/* Loads the dossier by code as typed, then in ASCII capitals: 0 found,
 * ERR_NOTFOUND, or an error (into *fail). Both lookups always run. */
static int load_public(store_t *s, const char *typed, dossier_t *d, store_ledger_dossier_meta_t *m,
                       err_t *fail)
{
    char upper[DOSSIER_CODE_MAX + 1];
    snprintf(upper, sizeof upper, "%s", typed);
    for (char *c = upper; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');
    dossier_t d2;
    store_ledger_dossier_meta_t m2 = {0};
    err_t e2;
    int found = store_ledger_dossier_load(s, typed, d, m, fail);
    int found2 = store_ledger_dossier_load(s, upper, &d2, &m2, &e2);
    if (found != 0 && found != ERR_NOTFOUND)
        return found;
    if (found2 != 0 && found2 != ERR_NOTFOUND) {
        *fail = e2;
        return found2;
    }
    if (found != 0 && found2 == 0) {
        *d = d2;
        *m = m2;
        found = 0;
    }
    return found;
}

/* The names of the procedure and of the receiving agency (codes when the
 * registry does not know them). */
static int public_names(app_t *a, store_t *s, app_dossier_public_t *out, err_t *e)
{
    snprintf(out->procedure_name, sizeof out->procedure_name, "%s", out->procedure);
    snprintf(out->unit_name, sizeof out->unit_name, "%s", out->unit);
    procedure_set_t ps;
    procedure_set_init(&ps);
    int rc = store_procedure_get(s, out->procedure, &ps, e); /* STORE_FOUND, 0 absent */
    if (rc == STORE_FOUND && ps.n)
        snprintf(out->procedure_name, sizeof out->procedure_name, "%s", ps.items[0].name);
    procedure_set_release(&ps);
    if (rc > 0)
        rc = 0;
    unit_set_t units;
    unit_set_init(&units);
    if (!rc)
        rc = app_units_load(a, &units, e);
    const unit_t *u = rc ? NULL : unit_set_find(&units, out->unit, dtime_date(out->received));
    if (!rc && !u)
        u = unit_set_find(&units, out->unit, DATE_NONE);
    if (u)
        snprintf(out->unit_name, sizeof out->unit_name, "%s", u->name);
    unit_set_release(&units);
    return rc;
}

int app_dossier_public(app_t *a, const char *code, app_dossier_public_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    out->appointment = out->received = DTIME_NONE;
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    char typed[DOSSIER_CODE_MAX + 1];
    trimmed(code, typed, sizeof typed);
    dossier_t d;
    store_ledger_dossier_meta_t m = {0};
    err_t le;
    int found = load_public(s, typed, &d, &m, &le);
    if (found != 0 && found != ERR_NOTFOUND)
        return err_set_pair(e, found, le.code, le.vi, le.en);
    /* The same queries whether or not the code exists (id 0 holds no event). */
    public_ctx_t p = {DTIME_NONE, DTIME_NONE};
    rc = store_ledger_dossier_events(s, found == 0 ? m.id : 0, found == 0 ? m.rev : 0, public_event,
                                     &p, e);
    if (rc)
        return rc;
    if (found != 0)
        return err_set(e, ERR_NOTFOUND, "dossier.not_found", "Không tìm thấy hồ sơ",
                       "Dossier not found");
    snprintf(out->code, sizeof out->code, "%s", d.code);
    snprintf(out->procedure, sizeof out->procedure, "%s", d.procedure);
    snprintf(out->unit, sizeof out->unit, "%s", d.unit);
    out->status = d.status;
    out->received = d.received;
    out->appointment = p.apology_due != DTIME_NONE ? p.apology_due : d.due;
    err_t ce;
    if (dossier_check(&d, &ce) == 0)
        out->nevents = dossier_to_events(&d, out->events);
    if (p.apology_at != DTIME_NONE && out->nevents < APP_DOSSIER_PUBLIC_EVENTS) {
        dossier_event_t ap = {.kind = DEV_APOLOGY, .at = p.apology_at, .due = p.apology_due};
        size_t i = out->nevents++;
        for (; i > 0 && out->events[i - 1].at > ap.at; i--)
            out->events[i] = out->events[i - 1];
        out->events[i] = ap;
    }
    return public_names(a, s, out, e);
}
