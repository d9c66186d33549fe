/* app_feedback.c - citizen feedback (PAKN) use cases (see app_feedback.h). */
#include "app/app_feedback.h"
#include "app/app_feedback_int.h"

#include "app/app_calendar.h"
#include "app/app_units.h"
#include "base/file.h"
#include "base/log.h"
#include "base/mem.h"
#include "base/text.h"
#include "store/store_audit.h"
#include "store/store_procedure.h"
#include "store/store_user.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/banned.h"

#define RULES_MAX_BYTES (64u << 10)
#define CITIZEN         APP_FEEDBACK_CITIZEN

/* --- rules ------------------------------------------------------------------------- */

int app_feedback_rules(app_t *a, fb_rules_t *out, err_t *e)
{
    *out = FB_RULES_DEFAULT;
    char path[1024];
    snprintf(path, sizeof path, "%s/indices/feedback.json", app_data_dir(a));
    struct stat st;
    if (stat(path, &st) != 0 && errno == ENOENT)
        return 0;
    char *text = NULL;
    size_t n = 0;
    int rc = file_read_all(path, RULES_MAX_BYTES, &text, &n, e);
    if (!rc)
        rc = feedback_rules_parse(text, n, out, e);
    mem_free(text);
    if (rc) {
        char pre[1100];
        snprintf(pre, sizeof pre, "%s: ", path);
        err_prefix(e, pre);
    }
    return rc;
}

/* --- input ------------------------------------------------------------------------- */

static int text_error(const char *field, size_t max, err_t *e)
{
    return err_set(e, ERR_INVALID, "feedback.text",
                   "Trường %s không hợp lệ (UTF-8, tối đa %zu byte, không ký tự điều khiển)",
                   "Field %s is invalid (UTF-8, at most %zu bytes, no control characters)", field,
                   max);
}

/* NFC copy of s with surrounding blanks trimmed; multiline allows CR, LF
 * and TAB. NULL or empty gives "" (an error when required). */
int app_feedback_clean(const char *s, const char *field, size_t max, bool multiline, bool required,
                       char **out, err_t *e)
{
    *out = NULL;
    size_t n = s ? strlen(s) : 0;
    while (n && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    if (!n && required)
        return err_set(e, ERR_INVALID, "feedback.subject", "Thiếu %s", "Missing %s", field);
    if (n > max || (n && !text_valid(s, n)))
        return text_error(field, max, e);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool ctl = c < 0x20 || c == 0x7f;
        if (ctl && !(multiline && (c == '\n' || c == '\r' || c == '\t')))
            return text_error(field, max, e);
    }
    int rc = 0;
    *out = n ? text_nfc(s, n, &rc) : mem_strdup("");
    if (!*out)
        return rc == ERR_INVALID ? text_error(field, max, e) : err_nomem(e);
    if (strlen(*out) > max) {
        mem_free(*out);
        *out = NULL;
        return text_error(field, max, e);
    }
    return 0;
}

static int check_code(const char *code, err_t *e)
{
    size_t n = strlen(code);
    bool ok = n > 0 && n <= FB_CODE_MAX;
    for (size_t i = 0; ok && i < n; i++) {
        char c = code[i];
        ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
             c == '-' || c == '_' || c == '.';
    }
    return ok ? 0
              : err_set(e, ERR_INVALID, "feedback.code",
                        "Mã phản ánh phải có 1–%d ký tự [A-Za-z0-9._-]",
                        "A feedback code is 1-%d characters of [A-Za-z0-9._-]", FB_CODE_MAX);
}

/* "PAKN-" and 10 characters of an unambiguous alphabet (50 random bits). */
static void new_code(char out[FB_CODE_MAX + 1])
{
    static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    memcpy(out, "PAKN-", 5);
    for (int i = 0; i < 10; i++)
        out[5 + i] = alphabet[randombytes_uniform((uint32_t)(sizeof alphabet - 1))];
    out[15] = '\0';
}

static int check_future(dtime_t at, dtime_t now, err_t *e)
{
    if (at <= now + 5 * 60)
        return 0;
    char t[DTIME_ISO_LEN];
    dtime_format(at, t);
    return err_set(e, ERR_INVALID, "feedback.future", "Thời điểm %s ở tương lai",
                   "The time %s lies in the future", t);
}

static const char *actor_name(const user_t *actor, const char *dflt)
{
    return actor ? actor->login : dflt;
}

/* Unit existence (when must_exist) and the actor's right on the tree of day. */
static int check_unit(app_t *a, const user_t *actor, access_action_t act, const char *unit,
                      date_t day, bool must_exist, err_t *e)
{
    if (!actor && !must_exist)
        return 0;
    unit_set_t units;
    unit_set_init(&units);
    int rc = app_units_load(a, &units, e);
    if (!rc && must_exist && !unit_set_find(&units, unit, DATE_NONE))
        rc = err_set(e, ERR_INVALID, "feedback.unit_unknown", "Mã đơn vị không tồn tại: '%s'",
                     "Unknown unit code: '%s'", unit);
    if (!rc && actor && !access_allows(actor, act, unit, &units, day))
        rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                     "Không có quyền với phản ánh, kiến nghị của đơn vị %s",
                     "Not allowed to act on the feedback of unit %s", unit);
    unit_set_release(&units);
    return rc;
}

/* Dues through the shared calendar (none without one). */
static int deadlines(app_t *a, const fb_rules_t *r, feedback_t *f, err_t *e)
{
    err_t ce;
    const agencycal_t *cal;
    if (app_calendar(a, &cal, &ce))
        log_warn("no working calendar (%s): feedback %s has no deadlines", ce.en, f->code);
    return feedback_deadlines(cal, r, f, e);
}

/* --- submit ------------------------------------------------------------------------ */

typedef struct texts {
    char *subject, *content, *name, *contact, *note, *about_ref;
    const char *kind, *about;
} texts_t;

static void texts_release(texts_t *t)
{
    mem_free(t->subject);
    mem_free(t->content);
    mem_free(t->name);
    mem_free(t->contact);
    mem_free(t->note);
    mem_free(t->about_ref);
}

static bool one_of(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(s, *words) == 0)
            return true;
    return false;
}

/* Kind and subject of the item: words of a fixed list; a procedure must be
 * in the catalogue, an official needs a name. */
static int check_about(app_t *a, const app_fb_in_t *in, texts_t *t, err_t *e)
{
    static const char *const kinds[] = {"phan_anh", "kien_nghi", NULL};
    static const char *const abouts[] = {"", "procedure", "unit", "official", "other", NULL};
    t->kind = in->kind && *in->kind ? in->kind : "phan_anh";
    t->about = in->about ? in->about : "";
    if (!one_of(t->kind, kinds))
        return err_set(e, ERR_INVALID, "feedback.kind",
                       "Loại phải là phản ánh (phan_anh) hoặc kiến nghị (kien_nghi)",
                       "The kind is phan_anh (feedback) or kien_nghi (recommendation)");
    if (!one_of(t->about, abouts))
        return err_set(e, ERR_INVALID, "feedback.about",
                       "Nội dung liên quan phải là thủ tục, đơn vị, công chức hoặc khác",
                       "'about' is procedure, unit, official or other");
    int rc = app_feedback_clean(in->about_ref, "about_ref", APP_FB_PERSON_MAX, false,
                                strcmp(t->about, "official") == 0, &t->about_ref, e);
    if (rc || strcmp(t->about, "procedure") != 0)
        return rc;
    store_t *s;
    rc = app_store(a, &s, e);
    procedure_set_t ps;
    procedure_set_init(&ps);
    if (!rc)
        rc = store_procedure_get(s, t->about_ref, &ps, e);
    procedure_set_release(&ps);
    if (rc == 0)
        rc = err_set(e, ERR_INVALID, "feedback.procedure_unknown",
                     "Không có thủ tục mã '%s' trong danh mục",
                     "No procedure '%s' in the catalogue", t->about_ref);
    return rc < 0 ? rc : 0;
}

static int clean_all(const app_fb_in_t *in, texts_t *t, err_t *e)
{
    memset(t, 0, sizeof *t);
    int rc =
        app_feedback_clean(in->subject, "subject", APP_FB_SUBJECT_MAX, false, true, &t->subject, e);
    if (!rc)
        rc = app_feedback_clean(in->content, "content", APP_FB_CONTENT_MAX, true, false,
                                &t->content, e);
    if (!rc)
        rc = app_feedback_clean(in->sender_name, "sender_name", APP_FB_PERSON_MAX, false, false,
                                &t->name, e);
    if (!rc)
        rc = app_feedback_clean(in->sender_contact, "sender_contact", APP_FB_PERSON_MAX, false,
                                false, &t->contact, e);
    if (!rc)
        rc = app_feedback_clean(in->note, "note", APP_FB_NOTE_MAX, true, false, &t->note, e);
    return rc;
}

static int insert(app_t *a, const user_t *actor, feedback_t *f, const texts_t *t,
                  const fb_rules_t *rules, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    store_feedback_text_t st = {
        t->subject,      t->content,       t->name,     t->contact, (char *)rules->version,
        (char *)t->kind, (char *)t->about, t->about_ref};
    fb_event_t ev = {FBE_RECEIVED, f->received, 0};
    int64_t id;
    rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = store_feedback_insert(s, f, &st, &id, e);
    if (!rc)
        rc = store_feedback_event_add(s, id, 1, &ev, actor_name(actor, CITIZEN),
                                      t->note[0] ? t->note : NULL, e);
    if (!rc)
        rc = store_audit_append(s, actor_name(actor, CITIZEN), "feedback.submit", f->code, f->unit,
                                e);
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    return rc;
}

int app_feedback_submit(app_t *a, const user_t *actor, const app_fb_in_t *in, char *code_out,
                        err_t *e)
{
    dtime_t now = dtime_now();
    feedback_t f;
    feedback_init(&f);
    f.received = in->received != DTIME_NONE ? in->received : now;
    const char *unit = in->unit ? in->unit : "";
    int rc = check_future(f.received, now, e);
    if (!rc && in->code)
        rc = check_code(in->code, e);
    if (!rc && strlen(unit) > FB_UNIT_MAX)
        rc = err_set(e, ERR_INVALID, "feedback.unit_unknown", "Mã đơn vị không tồn tại",
                     "Unknown unit code");
    texts_t t = {0};
    if (!rc)
        rc = clean_all(in, &t, e);
    if (!rc)
        rc = check_about(a, in, &t, e);
    if (!rc)
        rc = check_unit(a, actor, ACCESS_WRITE, unit, dtime_date(f.received), true, e);
    fb_rules_t rules;
    if (!rc)
        rc = app_feedback_rules(a, &rules, e);
    snprintf(f.unit, sizeof f.unit, "%s", unit);
    f.status = FB_RECEIVED;
    if (!rc)
        rc = deadlines(a, &rules, &f, e);
    /* A generated code that collides is drawn again. */
    for (int attempt = 0; !rc; attempt++) {
        if (in->code)
            snprintf(f.code, sizeof f.code, "%s", in->code);
        else
            new_code(f.code);
        err_t ie;
        rc = insert(a, actor, &f, &t, &rules, &ie);
        if (rc == ERR_CONFLICT && !in->code && attempt < 3) {
            rc = 0;
            continue;
        }
        if (rc && e)
            *e = ie;
        break;
    }
    texts_release(&t);
    if (!rc && code_out)
        snprintf(code_out, FB_CODE_MAX + 1, "%s", f.code);
    return rc;
}

/* --- events ------------------------------------------------------------------------ */

void app_feedback_log_release(app_fb_log_t *l)
{
    for (size_t i = 0; i < l->n; i++) {
        mem_free(l->v[i].actor);
        mem_free(l->v[i].note);
    }
    mem_free(l->v);
    memset(l, 0, sizeof *l);
}

static int collect(void *ctx, const store_feedback_event_row_t *row)
{
    app_fb_log_t *l = ctx;
    if (MEM_GROW(l->v, l->cap, l->n + 1)) {
        l->nomem = true;
        return ERR_NOMEM;
    }
    app_fb_entry_t *x = &l->v[l->n];
    x->ev = row->ev;
    x->actor = mem_strdup(row->actor ? row->actor : "");
    x->note = mem_strdup(row->note ? row->note : "");
    if (!x->actor || !x->note) {
        mem_free(x->actor);
        mem_free(x->note);
        l->nomem = true;
        return ERR_NOMEM;
    }
    l->n++;
    return 0;
}

int app_feedback_load_log(store_t *s, int64_t id, app_fb_log_t *l, err_t *e)
{
    memset(l, 0, sizeof *l);
    int rc = store_feedback_events(s, id, collect, l, e);
    if (l->nomem)
        rc = err_nomem(e);
    if (rc)
        app_feedback_log_release(l);
    return rc;
}

/* Rebuilds the state of the stored item `cur` from its log. */
static int replay(const feedback_t *cur, const app_fb_log_t *l, feedback_t *f, dtime_t *last,
                  err_t *e)
{
    feedback_init(f);
    memcpy(f->code, cur->code, sizeof f->code);
    memcpy(f->unit, cur->unit, sizeof f->unit);
    *last = DTIME_NONE;
    for (size_t i = 0; i < l->n; i++) {
        int rc = feedback_apply(f, &l->v[i].ev, last, e);
        if (rc)
            return rc;
    }
    return 0;
}

static int append_locked(app_t *a, store_t *s, const user_t *actor, const char *who,
                         const char *code, const fb_event_t *ev, const char *note, err_t *e)
{
    feedback_t cur, f;
    int64_t id;
    int rc = store_feedback_load(s, code, &cur, &id, NULL, e);
    if (!rc && strcmp(who, CITIZEN) != 0)
        rc = check_unit(a, actor, ACCESS_WRITE, cur.unit, dtime_date(cur.received), false, e);
    app_fb_log_t l = {0};
    if (!rc)
        rc = app_feedback_load_log(s, id, &l, e);
    if (rc)
        return rc;
    dtime_t last;
    fb_rules_t rules;
    rc = replay(&cur, &l, &f, &last, e);
    if (!rc)
        rc = feedback_apply(&f, ev, &last, e);
    if (!rc)
        rc = app_feedback_rules(a, &rules, e);
    if (!rc)
        rc = deadlines(a, &rules, &f, e);
    if (!rc)
        rc = store_feedback_update(s, id, &f, rules.version, e);
    if (!rc)
        rc = store_feedback_event_add(s, id, (int)l.n + 1, ev, who, note, e);
    if (!rc)
        rc = store_audit_append(s, who, "feedback.event", code, feedback_event_name(ev->kind), e);
    app_feedback_log_release(&l);
    return rc;
}

int app_feedback_append(app_t *a, const user_t *actor, const char *who, const char *code,
                        const fb_event_t *ev, const char *note, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = append_locked(a, s, actor, who, code, ev, note, e);
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    return rc;
}

int app_feedback_event(app_t *a, const user_t *actor, const char *code, const app_fb_event_in_t *in,
                       err_t *e)
{
    dtime_t now = dtime_now();
    if (in->kind <= FBE_RECEIVED || in->kind >= FBE_KIND_MAX)
        return err_set(e, ERR_INVALID, "feedback.event", "Loại sự kiện phản ánh không hợp lệ",
                       "Invalid feedback event kind");
    fb_event_t ev = {in->kind, in->at != DTIME_NONE ? in->at : now,
                     in->kind == FBE_RATED ? in->rating : 0};
    int rc = check_future(ev.at, now, e);
    char *note = NULL;
    if (!rc)
        rc = app_feedback_clean(in->note, "note", APP_FB_NOTE_MAX, true, false, &note, e);
    if (!rc)
        rc = app_feedback_append(a, actor, actor_name(actor, "cli"), code, &ev,
                                 note[0] ? note : NULL, e);
    mem_free(note);
    return rc;
}

int app_feedback_rate_public(app_t *a, const char *code, int rating, err_t *e)
{
    fb_event_t ev = {FBE_RATED, dtime_now(), rating};
    return app_feedback_append(a, NULL, CITIZEN, code, &ev, NULL, e);
}

/* --- reads ------------------------------------------------------------------------- */

void app_feedback_view_release(app_fb_view_t *v)
{
    if (!v)
        return;
    app_fb_log_t l = {v->events, v->nevents, v->nevents, false};
    app_feedback_log_release(&l);
    store_feedback_text_release(&v->text);
    v->events = NULL;
    v->nevents = 0;
}

int app_feedback_get(app_t *a, const user_t *actor, const char *code, dtime_t as_of,
                     app_fb_view_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    int64_t id;
    rc = store_feedback_load(s, code, &out->f, &id, &out->text, e);
    if (rc)
        return rc;
    out->id = id;
    rc = check_unit(a, actor, ACCESS_READ, out->f.unit, dtime_date(out->f.received), false, e);
    app_fb_log_t l = {0};
    if (!rc)
        rc = app_feedback_load_log(s, id, &l, e);
    fb_rules_t rules;
    if (!rc)
        rc = app_feedback_rules(a, &rules, e);
    if (rc) {
        store_feedback_text_release(&out->text);
        return rc;
    }
    out->events = l.v;
    out->nevents = l.n;
    out->as_of = as_of != DTIME_NONE ? as_of : dtime_now();
    feedback_timeliness(&out->f, &rules, out->as_of, &out->t);
    return 0;
}

int app_feedback_public(app_t *a, const char *code, fb_status_t *status, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    feedback_t f;
    rc = store_feedback_load(s, code, &f, NULL, NULL, e);
    if (rc == ERR_NOTFOUND)
        return err_set(e, ERR_NOTFOUND, "feedback.not_found", "Không tìm thấy phản ánh",
                       "Feedback not found");
    if (!rc)
        *status = f.status;
    return rc;
}

typedef struct list_ctx {
    const user_t *actor;
    const app_fb_filter_t *flt;
    const fb_rules_t *rules;
    unit_set_t units;
    dtime_t as_of;
    size_t seen, limit;
    app_fb_list_fn fn;
    void *ctx;
} list_ctx_t;

static int list_row(void *ctx, const store_feedback_row_t *row)
{
    list_ctx_t *x = ctx;
    const feedback_t *f = &row->f;
    date_t day = dtime_date(f->received);
    if (x->flt->unit && strcmp(f->unit, x->flt->unit) != 0 &&
        !(x->flt->tree && unit_set_within(&x->units, f->unit, x->flt->unit, day)))
        return 0;
    if (x->actor && !access_allows(x->actor, ACCESS_READ, f->unit, &x->units, day))
        return 0;
    size_t i = x->seen++;
    if (i < x->flt->offset || i >= x->flt->offset + x->limit)
        return 0;
    fb_timeliness_t t;
    feedback_timeliness(f, x->rules, x->as_of, &t);
    return x->fn(x->ctx, f, row->subject ? row->subject : "", &t);
}

int app_feedback_list(app_t *a, const user_t *actor, const app_fb_filter_t *flt, app_fb_list_fn fn,
                      void *ctx, size_t *total, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    fb_rules_t rules;
    rc = app_feedback_rules(a, &rules, e);
    if (rc)
        return rc;
    list_ctx_t x = {actor, flt, &rules, {0}, DTIME_NONE, 0, flt->limit ? flt->limit : 100, fn, ctx};
    x.as_of = flt->as_of != DTIME_NONE ? flt->as_of : dtime_now();
    unit_set_init(&x.units);
    rc = app_units_load(a, &x.units, e);
    if (!rc && flt->unit && !unit_set_find(&x.units, flt->unit, DATE_NONE))
        rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không tìm thấy đơn vị '%s'",
                     "Unit '%s' not found", flt->unit);
    store_feedback_filter_t sf = {flt->tree ? NULL : flt->unit, flt->status, DTIME_NONE,
                                  DTIME_NONE};
    if (!rc)
        rc = store_feedback_scan(s, &sf, list_row, &x, e);
    unit_set_release(&x.units);
    if (!rc && total)
        *total = x.seen;
    return rc;
}

/* --- KPI hook ------------------------------------------------------------------------ */

typedef struct kpi_ctx {
    const fb_rules_t *rules;
    dtime_t as_of;
    app_fb_kpi_fn fn;
    void *ctx;
} kpi_ctx_t;

static int kpi_row(void *ctx, const store_feedback_row_t *row)
{
    kpi_ctx_t *x = ctx;
    if (row->f.answered == DTIME_NONE || row->f.answered > x->as_of)
        return 0;
    return x->fn(x->ctx, &row->f, feedback_handled_on_time(&row->f, x->rules, x->as_of));
}

int app_feedback_kpi_items(app_t *a, dtime_t from, dtime_t to, dtime_t as_of, app_fb_kpi_fn fn,
                           void *ctx, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    fb_rules_t rules;
    rc = app_feedback_rules(a, &rules, e);
    if (rc)
        return rc;
    kpi_ctx_t x = {&rules, as_of, fn, ctx};
    store_feedback_filter_t sf = {NULL, FB_NONE, from, to};
    return store_feedback_scan(s, &sf, kpi_row, &x, e);
}
