/* app_survey.c - survey forms, runs, public responses (see app_survey.h). */
#include "app/app_survey.h"

#include "app/app_dossier.h"
#include "app/app_units.h"
#include "base/mem.h"
#include "domain/period.h"
#include "store/store_audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static const char *who(const user_t *actor)
{
    return actor ? actor->login : "cli";
}

static int forbidden(const char *unit, err_t *e)
{
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden", "Không có quyền với khảo sát của đơn vị %s",
                   "Not allowed on the surveys of unit %s", unit);
}

/* The unit exists; the actor may `act` on it (today's tree). name (may be
 * NULL, 256 bytes) gets its name. */
static int check_unit(app_t *a, const user_t *actor, access_action_t act, const char *unit,
                      char *name, err_t *e)
{
    unit_set_t units;
    unit_set_init(&units);
    int rc = app_units_load(a, &units, e);
    const unit_t *u = rc ? NULL : unit_set_find(&units, unit, DATE_NONE);
    if (!rc && !u)
        rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không tìm thấy đơn vị '%s'",
                     "Unit '%s' not found", unit);
    if (!rc && actor && !access_allows(actor, act, unit, &units, DATE_NONE))
        rc = forbidden(unit, e);
    if (!rc && name)
        snprintf(name, 256, "%s", u->name);
    unit_set_release(&units);
    return rc;
}

static void stamp(char out[20])
{
    char t[DTIME_ISO_LEN];
    dtime_format(dtime_now(), t);
    snprintf(out, 20, "%s", t);
}

/* --- forms ------------------------------------------------------------------------ */

static int write_form(store_t *s, const user_t *actor, store_survey_form_row_t *row, int64_t *id,
                      bool *created, err_t *e)
{
    int rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = store_survey_form_insert(s, row, id, created, e);
    if (!rc && *created)
        rc = store_audit_append(s, who(actor), "survey.form_import", row->code, row->version, e);
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    return rc;
}

int app_survey_form_import(app_t *a, const user_t *actor, const char *text, size_t n, int64_t *id,
                           bool *created, err_t *e)
{
    *created = false;
    if (actor && actor->role != ACCESS_ROLE_ADMIN && actor->role != ACCESS_ROLE_STANDING)
        return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                       "Chỉ quản trị hoặc cơ quan thường trực được nhập phiếu khảo sát",
                       "Only administrators and the standing agency may import survey forms");
    if (n > APP_SURVEY_FORM_MAX)
        return err_set(e, ERR_TOOLARGE, "survey.form_size", "Tệp phiếu khảo sát quá lớn",
                       "The survey form file is too large");
    survey_form_t *f = mem_alloc(sizeof *f);
    int rc = f ? survey_form_parse(text, n, f, e) : err_nomem(e);
    store_survey_form_row_t row;
    memset(&row, 0, sizeof row);
    unsigned char dg[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(dg, (const unsigned char *)text, n);
    sodium_bin2hex(row.sha256, sizeof row.sha256, dg, sizeof dg);
    if (!rc) {
        snprintf(row.code, sizeof row.code, "%s", f->code);
        snprintf(row.version, sizeof row.version, "%s", f->version);
        row.title = f->title;
        row.body = mem_alloc(n + 1);
        if (!row.body)
            rc = err_nomem(e);
    }
    store_t *s = NULL;
    if (!rc) {
        memcpy(row.body, text, n);
        row.body[n] = '\0';
        stamp(row.imported_at);
        snprintf(row.imported_by, sizeof row.imported_by, "%s", who(actor));
        rc = app_store(a, &s, e);
    }
    if (!rc)
        rc = write_form(s, actor, &row, id, created, e);
    mem_free(row.body);
    mem_free(f);
    return rc;
}

static int form_item(void *ctx, const store_survey_form_row_t *r)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)r->id, "code", r->code,
                          "version", r->version, "title", r->title, "sha256", r->sha256,
                          "imported_at", r->imported_at, "imported_by", r->imported_by);
    return o && !json_array_append_new(ctx, o) ? 0 : ERR_NOMEM;
}

int app_survey_forms(app_t *a, json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s;
    int rc = app_store(a, &s, e);
    json_t *items = rc ? NULL : json_array();
    if (!rc && !items)
        rc = err_nomem(e);
    if (!rc)
        rc = store_survey_forms(s, form_item, items, e);
    if (rc == ERR_NOMEM)
        err_nomem(e);
    if (!rc)
        *out = json_pack("{s:o}", "items", items);
    else
        json_decref(items);
    return rc;
}

/* --- runs ---------------------------------------------------------------------------- */

static int rule_of(const char *s, const char *dflt, char out[8], err_t *e)
{
    survey_rule_t r;
    if (!s)
        s = dflt;
    if (survey_rule_parse(s, &r))
        return err_set(e, ERR_INVALID, "survey.rule",
                       "Cách tính phải là 'share' (tỷ lệ hài lòng) hoặc 'mean' (điểm trung bình)",
                       "The rule is 'share' (share satisfied) or 'mean' (mean score)");
    snprintf(out, 8, "%s", survey_rule_name(r));
    return 0;
}

static int new_run(app_t *a, const user_t *actor, const app_survey_in_t *in, const survey_form_t *f,
                   store_survey_row_t *run, err_t *e)
{
    memset(run, 0, sizeof *run);
    date_t from, to;
    const char *p = in->period ? in->period : "";
    int rc = period_parse_range(p, strlen(p), &from, &to, e) || strlen(p) >= sizeof run->period
                 ? err_set(e, ERR_INVALID, "survey.period",
                           "Kỳ khảo sát không hợp lệ: '%s' (ví dụ 2025, 2025Q2, 2025S1)",
                           "Invalid survey period '%s' (e.g. 2025, 2025Q2, 2025S1)", p)
                 : 0;
    if (!rc)
        rc = rule_of(in->rule, survey_rule_name(f->rule), run->rule, e);
    if (!rc)
        rc = check_unit(a, actor, ACCESS_WRITE, in->unit ? in->unit : "", NULL, e);
    if (rc)
        return rc;
    run->form_id = in->form;
    snprintf(run->unit, sizeof run->unit, "%s", in->unit);
    snprintf(run->period, sizeof run->period, "%s", p);
    date_format(from, run->from);
    date_format(to, run->to);
    unsigned char raw[12];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(run->token, sizeof run->token, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    snprintf(run->state, sizeof run->state, "open");
    stamp(run->created_at);
    snprintf(run->created_by, sizeof run->created_by, "%s", who(actor));
    return 0;
}

int app_survey_create(app_t *a, const user_t *actor, const app_survey_in_t *in, int64_t *id,
                      err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    store_survey_form_row_t fr;
    memset(&fr, 0, sizeof fr);
    if (!rc)
        rc = store_survey_form_get(s, in->form, &fr, e);
    survey_form_t *f = rc ? NULL : mem_alloc(sizeof *f);
    if (!rc && !f)
        rc = err_nomem(e);
    if (!rc)
        rc = survey_form_parse(fr.body, strlen(fr.body), f, e);
    store_survey_row_t run;
    if (!rc)
        rc = new_run(a, actor, in, f, &run, e);
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        rc = store_survey_insert(s, &run, id, e);
        if (!rc)
            rc = store_audit_append(s, who(actor), "survey.create", run.unit, run.period, e);
        if (!rc)
            rc = store_commit(s, e);
        else
            store_rollback(s);
    }
    mem_free(f);
    store_survey_form_row_release(&fr);
    return rc;
}

typedef struct list_ctx {
    app_t *a;
    const user_t *actor;
    unit_set_t units;
    json_t *items;
    store_t *s;
} list_ctx_t;

static json_t *run_json(const store_survey_row_t *r, const store_survey_form_row_t *f,
                        const char *unit_name)
{
    return json_pack("{s:I,s:{s:I,s:s,s:s,s:s},s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:s,s:s}", "id",
                     (json_int_t)r->id, "form", "id", (json_int_t)f->id, "code", f->code, "version",
                     f->version, "title", f->title, "unit", r->unit, "unit_name", unit_name,
                     "period", r->period, "from", r->from, "to", r->to, "token", r->token, "rule",
                     r->rule, "state", r->state, "responses", (json_int_t)r->responses,
                     "created_at", r->created_at, "created_by", r->created_by);
}

static int list_row(void *ctx, const store_survey_row_t *r)
{
    list_ctx_t *x = ctx;
    if (x->actor && !access_allows(x->actor, ACCESS_READ, r->unit, &x->units, DATE_NONE))
        return 0;
    const unit_t *u = unit_set_find(&x->units, r->unit, DATE_NONE);
    store_survey_form_row_t f;
    err_t ignored;
    int rc = store_survey_form_get(x->s, r->form_id, &f, &ignored);
    if (rc)
        return rc;
    json_t *o = run_json(r, &f, u ? u->name : r->unit);
    store_survey_form_row_release(&f);
    return o && !json_array_append_new(x->items, o) ? 0 : ERR_NOMEM;
}

int app_survey_list(app_t *a, const user_t *actor, const char *unit, json_t **out, err_t *e)
{
    *out = NULL;
    list_ctx_t x = {a, actor, {0}, json_array(), NULL};
    unit_set_init(&x.units);
    int rc = x.items ? app_store(a, &x.s, e) : err_nomem(e);
    if (!rc)
        rc = app_units_load(a, &x.units, e);
    if (!rc)
        rc = store_survey_list(x.s, unit, list_row, &x, e);
    unit_set_release(&x.units);
    if (!rc)
        *out = json_pack("{s:o}", "items", x.items);
    else
        json_decref(x.items);
    return rc;
}

void app_survey_release(app_survey_t *s)
{
    if (!s)
        return;
    store_survey_form_row_release(&s->form_row);
    mem_free(s->form);
    s->form = NULL;
}

int app_survey_load(app_t *a, const user_t *actor, access_action_t act, int64_t id,
                    const char *token, app_survey_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    store_t *s;
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = store_survey_get(s, id, token, &out->run, e);
    if (!rc)
        rc = check_unit(a, token ? NULL : actor, act, out->run.unit, out->unit_name, e);
    if (!rc)
        rc = store_survey_form_get(s, out->run.form_id, &out->form_row, e);
    if (!rc) {
        out->form = mem_alloc(sizeof *out->form);
        rc = out->form
                 ? survey_form_parse(out->form_row.body, strlen(out->form_row.body), out->form, e)
                 : err_nomem(e);
    }
    return rc;
}

int app_survey_set(app_t *a, const user_t *actor, int64_t id, const char *state, const char *rule,
                   err_t *e)
{
    app_survey_t sv;
    char r[8] = "";
    int rc = app_survey_load(a, actor, ACCESS_WRITE, id, NULL, &sv, e);
    if (!rc && state && strcmp(state, "open") != 0 && strcmp(state, "closed") != 0)
        rc = err_set(e, ERR_INVALID, "survey.state", "Trạng thái phải là 'open' hoặc 'closed'",
                     "The state is 'open' or 'closed'");
    if (!rc && rule)
        rc = rule_of(rule, NULL, r, e);
    store_t *s = NULL;
    if (!rc)
        rc = app_store(a, &s, e);
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        rc = store_survey_set(s, id, state, rule ? r : NULL, e);
        if (!rc)
            rc = store_audit_append(s, who(actor), "survey.set", sv.run.unit, state ? state : r, e);
        if (!rc)
            rc = store_commit(s, e);
        else
            store_rollback(s);
    }
    app_survey_release(&sv);
    return rc;
}

/* --- public responses ------------------------------------------------------------------ */

static int device_hash(const char *device, char out[65], err_t *e)
{
    size_t n = device ? strlen(device) : 0;
    bool ok = n >= 16 && n <= 128;
    for (size_t i = 0; ok && i < n; i++) {
        char c = device[i];
        ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '-';
    }
    if (!ok)
        return err_set(e, ERR_INVALID, "survey.device",
                       "Thiếu mã thiết bị của phiếu (trình duyệt cần bật lưu trữ)",
                       "The form's device token is missing (the browser must allow storage)");
    unsigned char dg[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(dg, (const unsigned char *)device, n);
    sodium_bin2hex(out, 65, dg, sizeof dg);
    return 0;
}

/* The dossier exists and belongs to the run's unit or a unit beneath it;
 * canon gets its stored code. */
static int check_dossier(app_t *a, const app_survey_t *sv, const char *code, char canon[65],
                         err_t *e)
{
    app_dossier_public_t *p = mem_alloc(sizeof *p);
    int rc = p ? app_dossier_public(a, code, p, e) : err_nomem(e);
    unit_set_t units;
    unit_set_init(&units);
    if (!rc)
        rc = app_units_load(a, &units, e);
    if (!rc && strcmp(p->unit, sv->run.unit) != 0 &&
        !unit_set_within(&units, p->unit, sv->run.unit, dtime_date(p->received)))
        rc = err_set(e, ERR_INVALID, "survey.dossier_unit",
                     "Hồ sơ này không thuộc đơn vị của đợt khảo sát",
                     "This dossier does not belong to the survey's unit");
    if (!rc)
        snprintf(canon, 65, "%s", p->code);
    unit_set_release(&units);
    mem_free(p);
    return rc;
}

static int store_response(app_t *a, const app_survey_t *sv, const survey_answers_t *ans,
                          store_survey_response_t *r, err_t *e)
{
    buf_t ab, db;
    buf_init(&ab, 8192);
    buf_init(&db, 4096);
    int rc = survey_answers_encode(sv->form, ans, &ab, &db) ? err_nomem(e) : 0;
    store_t *s = NULL;
    if (!rc)
        rc = app_store(a, &s, e);
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        r->answers = ab.data;
        r->demo = db.data;
        rc = store_survey_response_add(s, sv->run.id, r, e);
        if (!rc)
            rc = store_commit(s, e);
        else
            store_rollback(s);
    }
    buf_release(&ab);
    buf_release(&db);
    return rc;
}

int app_survey_respond(app_t *a, const char *token, const app_survey_response_in_t *in, err_t *e)
{
    app_survey_t sv;
    int rc = app_survey_load(a, NULL, ACCESS_READ, 0, token ? token : "", &sv, e);
    if (!rc && strcmp(sv.run.state, "open") != 0)
        rc = err_set(e, ERR_CONFLICT, "survey.closed", "Đợt khảo sát đã kết thúc",
                     "The survey is closed");
    char dev[65], dossier[65] = "";
    if (!rc)
        rc = device_hash(in->device, dev, e);
    survey_answers_t ans;
    memset(&ans, 0, sizeof ans);
    for (size_t i = 0; !rc && i < in->n; i++)
        rc = survey_answer_set(sv.form, &ans, in->v[i].code, in->v[i].value, e);
    if (!rc)
        rc = survey_answers_check(sv.form, &ans, e);
    if (!rc && in->dossier && *in->dossier)
        rc = check_dossier(a, &sv, in->dossier, dossier, e);
    store_survey_response_t r = {"web", dev,        dossier[0] ? dossier : NULL, NULL, NULL,
                                 NULL,  dtime_now()};
    if (!rc)
        rc = store_response(a, &sv, &ans, &r, e);
    app_survey_release(&sv);
    return rc;
}
