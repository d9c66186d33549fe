/* app_rating.c - the applicant's rating of a dossier from the public lookup
 * (see app_rating.h). */
#include "app/app_rating.h"

#include "app/app_dossier.h"
#include "app/app_units.h"
#include "app/throttle.h"
#include "base/file.h"
#include "base/jsonx.h"
#include "base/log.h"
#include "base/mem.h"
#include "store/store_audit.h"
#include "store/store_rating.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "base/banned.h"

#define RULES_MAX_BYTES (64u << 10)
#define KEY_NAME        "receipt_key"
#define KEY_BYTES       32
#define CITIZEN         "citizen"

int app_rating_rules(app_t *a, rating_rules_t *out, err_t *e)
{
    rating_rules_default(out);
    char path[1024];
    snprintf(path, sizeof path, "%s/citizens/rating.json", app_data_dir(a));
    struct stat st;
    if (stat(path, &st) != 0 && errno == ENOENT)
        return 0;
    char *text = NULL;
    size_t n = 0;
    int rc = file_read_all(path, RULES_MAX_BYTES, &text, &n, e);
    if (!rc)
        rc = rating_rules_parse(text, n, out, e);
    mem_free(text);
    if (rc) {
        char pre[1100];
        snprintf(pre, sizeof pre, "%s: ", path);
        err_prefix(e, pre);
    }
    return rc;
}

/* --- keys and codes --------------------------------------------------------------- */

static int server_key(store_t *s, unsigned char key[KEY_BYTES], err_t *e)
{
    unsigned char fresh[KEY_BYTES];
    char hex[2 * KEY_BYTES + 1], stored[STORE_RATING_SECRET_MAX + 1];
    randombytes_buf(fresh, sizeof fresh);
    sodium_bin2hex(hex, sizeof hex, fresh, sizeof fresh);
    sodium_memzero(fresh, sizeof fresh);
    int rc = store_rating_secret(s, KEY_NAME, hex, stored, e);
    size_t got = 0;
    if (!rc && (sodium_hex2bin(key, KEY_BYTES, stored, strlen(stored), NULL, &got, NULL) != 0 ||
                got != KEY_BYTES))
        rc = err_set(e, ERR_DB, "rating.key", "Khóa mã đánh giá trong cơ sở dữ liệu bị hỏng",
                     "The receipt-code key in the database is damaged");
    sodium_memzero(hex, sizeof hex);
    sodium_memzero(stored, sizeof stored);
    return rc;
}

/* BLAKE2b keyed with the server key over prefix + text. */
static int keyed(store_t *s, const char *prefix, const char *text, unsigned char *out, size_t n,
                 err_t *e)
{
    unsigned char key[KEY_BYTES];
    int rc = server_key(s, key, e);
    if (rc)
        return rc;
    crypto_generichash_state h;
    crypto_generichash_init(&h, key, sizeof key, n);
    crypto_generichash_update(&h, (const unsigned char *)prefix, strlen(prefix));
    crypto_generichash_update(&h, (const unsigned char *)text, strlen(text));
    crypto_generichash_final(&h, out, n);
    sodium_memzero(key, sizeof key);
    return 0;
}

static int receipt_of(store_t *s, const char *code, char out[RATING_RECEIPT_LEN + 1], err_t *e)
{
    unsigned char mac[16];
    int rc = keyed(s, "cchc-receipt:", code, mac, sizeof mac, e);
    if (!rc)
        rating_receipt_format(mac, out);
    return rc;
}

static int phone_hash(store_t *s, const char *code, const char digits[5], char out[65], err_t *e)
{
    char text[96];
    snprintf(text, sizeof text, "%s:%s", code, digits);
    unsigned char mac[32];
    int rc = keyed(s, "cchc-phone4:", text, mac, sizeof mac, e);
    if (!rc)
        sodium_bin2hex(out, 65, mac, sizeof mac);
    return rc;
}

/* --- officials --------------------------------------------------------------------- */

/* The dossier as the public sees it (canonical code, unit, times), and the
 * actor's right `act` on its unit. */
static int load_for(app_t *a, const user_t *actor, access_action_t act, const char *code,
                    app_dossier_public_t *p, err_t *e)
{
    int rc = app_dossier_public(a, code, p, e);
    if (rc || !actor)
        return rc;
    unit_set_t units;
    unit_set_init(&units);
    rc = app_units_load(a, &units, e);
    if (!rc && !access_allows(actor, act, p->unit, &units, dtime_date(p->received)))
        rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                     "Không có quyền với hồ sơ của đơn vị %s (ngoài phạm vi được giao)",
                     "Not allowed to act on dossiers of unit %s (outside your scope)", p->unit);
    unit_set_release(&units);
    return rc;
}

int app_rating_receipt(app_t *a, const user_t *actor, const char *code,
                       char out[RATING_RECEIPT_LEN + 1], err_t *e)
{
    app_dossier_public_t *p = mem_alloc(sizeof *p);
    store_t *s = NULL;
    int rc = p ? load_for(a, actor, ACCESS_READ, code, p, e) : err_nomem(e);
    if (!rc)
        rc = app_store(a, &s, e);
    if (!rc)
        rc = receipt_of(s, p->code, out, e);
    mem_free(p);
    return rc;
}

int app_rating_set_phone(app_t *a, const user_t *actor, const char *code, const char *phone,
                         err_t *e)
{
    char digits[5];
    if (!rating_phone4(phone, digits))
        return err_set(e, ERR_INVALID, "rating.phone",
                       "Số điện thoại không hợp lệ (chữ số, có thể có dấu cách, chấm, gạch)",
                       "Invalid phone number (digits, optionally with spaces, dots, dashes)");
    app_dossier_public_t *p = mem_alloc(sizeof *p);
    store_t *s = NULL;
    int rc = p ? load_for(a, actor, ACCESS_WRITE, code, p, e) : err_nomem(e);
    if (!rc)
        rc = app_store(a, &s, e);
    char hash[65];
    if (!rc)
        rc = phone_hash(s, p->code, digits, hash, e);
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        const char *who = actor ? actor->login : "cli";
        rc = store_rating_contact_set(s, p->code, hash, who, dtime_now(), e);
        if (!rc)
            rc = store_audit_append(s, who, "rating.phone", p->code, NULL, e);
        if (!rc)
            rc = store_commit(s, e);
        else
            store_rollback(s);
    }
    mem_free(p);
    return rc;
}

/* --- the applicant ------------------------------------------------------------------ */

static bool has_event(const app_dossier_public_t *p, dossier_event_kind_t k, int *value)
{
    for (size_t i = 0; i < p->nevents; i++)
        if (p->events[i].kind == k) {
            if (value)
                *value = p->events[i].value;
            return true;
        }
    return false;
}

int app_rating_public_status(app_t *a, const char *code, app_rating_status_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    app_dossier_public_t *p = mem_alloc(sizeof *p);
    int rc = p ? app_dossier_public(a, code, p, e) : err_nomem(e);
    if (!rc) {
        snprintf(out->code, sizeof out->code, "%s", p->code);
        out->returned = p->status == DS_RETURNED || has_event(p, DEV_RETURNED, NULL);
        out->rated = has_event(p, DEV_RATED, &out->level);
        out->can_rate = out->returned && !out->rated;
    }
    mem_free(p);
    return rc;
}

static int factor_error(err_t *e)
{
    return err_set(e, ERR_INVALID, "rating.factor",
                   "Mã đánh giá (hoặc 4 số cuối điện thoại) không đúng với hồ sơ này",
                   "The rating code (or the phone's last 4 digits) does not match this dossier");
}

/* Whether `typed` is the dossier's factor under the rules. */
static int factor_matches(store_t *s, const rating_rules_t *r, const char *code, const char *typed,
                          bool *ok, err_t *e)
{
    *ok = false;
    int rc = 0;
    char want[RATING_RECEIPT_LEN + 1], a[RATING_RECEIPT_SYMS + 1], b[RATING_RECEIPT_SYMS + 1];
    if (r->factor != RATING_FACTOR_PHONE4 && rating_receipt_normalize(typed, a)) {
        rc = receipt_of(s, code, want, e);
        if (!rc && rating_receipt_normalize(want, b))
            *ok = rating_receipt_equal(a, b);
    }
    char digits[5], hash[65], stored[65];
    if (!rc && !*ok && r->factor != RATING_FACTOR_RECEIPT && rating_phone4(typed, digits)) {
        rc = store_rating_contact_get(s, code, stored, e);
        if (rc == STORE_FOUND) {
            rc = phone_hash(s, code, digits, hash, e);
            if (!rc)
                *ok = sodium_memcmp(hash, stored, 64) == 0;
        }
    }
    return rc < 0 ? rc : 0;
}

typedef struct hook_ctx {
    const rating_in_t *in;
    const rating_rules_t *rules;
    dtime_t at;
} hook_ctx_t;

/* Inside the ledger's write transaction: the state before the event. */
static int hook(void *ctx, store_t *s, const dossier_t *before, err_t *e)
{
    hook_ctx_t *h = ctx;
    if (before->returned == DTIME_NONE)
        return err_set(e, ERR_CONFLICT, "rating.not_returned",
                       "Hồ sơ chưa trả kết quả nên chưa thể đánh giá",
                       "The result has not been returned yet: the dossier cannot be rated");
    if (before->rating)
        return err_set(e, ERR_CONFLICT, "rating.duplicate",
                       "Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.",
                       "This dossier has been rated already. A dossier is rated only once.");
    return store_rating_insert(s, before->code, h->in, rating_factor_name(h->rules->factor),
                               h->rules->version, h->at, e);
}

static int submit_known(app_t *a, store_t *s, const rating_rules_t *r, const char *code,
                        const char *factor, const rating_in_t *in, err_t *e)
{
    throttle_t *t = app_throttle(a);
    char key[96];
    snprintf(key, sizeof key, "rating:%s", code);
    dtime_t now = dtime_now();
    int64_t clock = (int64_t)time(NULL), wait = 0; /* the throttle counts in UTC seconds */
    int trc = throttle_wait(t, s, key, clock, &wait, e);
    if (trc)
        return trc;
    if (wait > 0)
        return err_set(e, ERR_TOOMANY, "rating.throttled",
                       "Nhập sai mã quá nhiều lần. Vui lòng thử lại sau %lld phút.",
                       "Too many wrong codes. Please try again in %lld minutes.",
                       (long long)((wait + 59) / 60));
    bool ok = false;
    int rc = factor_matches(s, r, code, factor, &ok, e);
    if (!rc && !ok) {
        err_t te;
        if (throttle_fail(t, s, key, APP_RATING_FAILS, clock, &te))
            log_warn("rating: cannot count a failure for dossier %s: %s", code, te.en);
        log_warn("rating: wrong second factor for dossier %s", code);
        return factor_error(e);
    }
    if (!rc)
        rc = throttle_reset(t, s, key, e);
    if (rc)
        return rc;
    hook_ctx_t h = {in, r, now};
    app_dossier_as_t as = {CITIZEN, hook, &h};
    app_dossier_event_in_t ev = {0};
    ev.kind = DEV_RATED;
    ev.at = now;
    ev.rating = in->level;
    ev.appointment = DTIME_NONE;
    ev.note = in->comment && *in->comment ? in->comment : NULL;
    return app_dossier_append_as(a, &as, code, &ev, e);
}

int app_rating_submit(app_t *a, const char *code, const char *factor, const rating_in_t *in,
                      err_t *e)
{
    rating_rules_t r;
    int rc = app_rating_rules(a, &r, e);
    if (!rc)
        rc = rating_check(&r, in, e);
    app_dossier_public_t *p = NULL;
    if (!rc) {
        p = mem_alloc(sizeof *p);
        rc = p ? app_dossier_public(a, code, p, e) : err_nomem(e);
    }
    store_t *s = NULL;
    if (!rc)
        rc = app_store(a, &s, e);
    if (!rc && (!factor || !*factor))
        rc = factor_error(e);
    if (!rc)
        rc = submit_known(a, s, &r, p->code, factor, in, e);
    mem_free(p);
    return rc;
}

/* --- summary ---------------------------------------------------------------------- */

typedef struct sum_ctx {
    const rating_rules_t *r;
    int64_t levels[4];
    int64_t crit[RATING_CRITERIA_MAX][4];
} sum_ctx_t;

static int sum_row(void *ctx, const store_rating_count_t *c)
{
    sum_ctx_t *x = ctx;
    if (c->level < 1 || c->level > 3)
        return 0;
    if (!c->criterion[0]) {
        x->levels[c->level] += c->n;
        return 0;
    }
    for (size_t i = 0; i < x->r->ncriteria; i++)
        if (strcmp(x->r->criteria[i].code, c->criterion) == 0)
            x->crit[i][c->level] += c->n;
    return 0;
}

static json_t *levels_json(const int64_t v[4])
{
    return json_pack("[I,I,I]", (json_int_t)v[1], (json_int_t)v[2], (json_int_t)v[3]);
}

static json_t *summary_json(const char *unit, date_t from, date_t to, const sum_ctx_t *x)
{
    json_t *crit = json_array();
    for (size_t i = 0; crit && i < x->r->ncriteria; i++) {
        const int64_t *v = x->crit[i];
        json_t *o = json_pack("{s:s,s:s,s:s,s:o,s:I}", "code", x->r->criteria[i].code, "label",
                              x->r->criteria[i].label, "label_en", x->r->criteria[i].label_en,
                              "levels", levels_json(v), "total", (json_int_t)(v[1] + v[2] + v[3]));
        if (!o || json_array_append_new(crit, o)) {
            json_decref(crit);
            return NULL;
        }
    }
    int64_t total = x->levels[1] + x->levels[2] + x->levels[3];
    int64_t sat = x->levels[2] + x->levels[3];
    json_t *o =
        json_pack("{s:s,s:I,s:I,s:o,s:o}", "unit", unit, "total", (json_int_t)total, "satisfied",
                  (json_int_t)sat, "levels", levels_json(x->levels), "criteria", crit);
    int rc = !o || jsonx_set_date(o, "from", from) || jsonx_set_date(o, "to", to);
    if (!rc)
        rc = jsonx_set_new(o, "satisfaction",
                           total ? json_real((double)(sat * 10000 / total) / 100.0) : json_null());
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int app_rating_summary(app_t *a, const user_t *actor, const char *unit, date_t from, date_t to,
                       json_t **out, err_t *e)
{
    *out = NULL;
    rating_rules_t r;
    int rc = app_rating_rules(a, &r, e);
    unit_set_t units;
    unit_set_init(&units);
    if (!rc)
        rc = app_units_load(a, &units, e);
    if (!rc && !unit_set_find(&units, unit, DATE_NONE))
        rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không tìm thấy đơn vị '%s'",
                     "Unit '%s' not found", unit);
    if (!rc && actor && !access_allows(actor, ACCESS_READ, unit, &units, to))
        rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden", "Không có quyền xem đơn vị %s",
                     "Not allowed to read unit %s", unit);
    unit_set_release(&units);
    store_t *s = NULL;
    if (!rc)
        rc = app_store(a, &s, e);
    sum_ctx_t x;
    memset(&x, 0, sizeof x);
    x.r = &r;
    if (!rc)
        rc = store_rating_counts(s, unit, dtime_make(from, 0, 0, 0), dtime_make(to, 23, 59, 59),
                                 sum_row, &x, e);
    if (!rc) {
        *out = summary_json(unit, from, to, &x);
        if (!*out)
            rc = err_nomem(e);
    }
    return rc;
}
