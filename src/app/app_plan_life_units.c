/* app_plan_life_units.c - the preview's duplicate warning and suggested
 * units, and the import's hooks (app_plan_life.h). */
#include "app/app_plan_life.h"

#include "base/jsonx.h"
#include "base/mem.h"
#include "base/text.h"
#include "store/store_audit.h"
#include "store/store_ledger.h"
#include "store/store_unit.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/banned.h"

#define SUGG_MAX 64

/* Keys (text_key form) that begin the name of an issuer's own division. */
static const char *const DIVISION_HEADS[] = {"phong ",     "van phong ", "ban ",
                                             "cong chuc ", "doi ",       "trung tam ",
                                             "bo phan ",   "to ",        "thanh tra "};

static bool is_division(const char *key)
{
    for (size_t i = 0; i < sizeof DIVISION_HEADS / sizeof *DIVISION_HEADS; i++)
        if (strncmp(key, DIVISION_HEADS[i], strlen(DIVISION_HEADS[i])) == 0)
            return true;
    return false;
}

/* Initials of the key's words, upper case ASCII ("phong noi vu" -> "PNV"). */
static void initials(const char *key, char *out, size_t cap)
{
    size_t n = 0;
    bool start = true;
    for (const char *c = key; *c && n + 1 < cap; c++) {
        bool alnum = isalnum((unsigned char)*c) && !((unsigned char)*c & 0x80);
        if (alnum && start)
            out[n++] = (char)toupper((unsigned char)*c);
        start = !alnum;
    }
    out[n] = '\0';
}

static bool code_taken(const char *code, const unit_set_t *units, const app_plan_unit_sugg_t *v,
                       size_t n)
{
    if (units && unit_set_find(units, code, DATE_NONE))
        return true;
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].code, code) == 0)
            return true;
    return false;
}

/* A free code for the division key under parent; 0 or ERR_INVALID. */
static int propose_code(const char *parent, const char *key, const unit_set_t *units,
                        const app_plan_unit_sugg_t *v, size_t n, char out[65])
{
    char ini[16];
    initials(key, ini, sizeof ini);
    if (!ini[0])
        return ERR_INVALID;
    for (int k = 1; k < 100; k++) {
        if (k == 1)
            snprintf(out, 65, "%s.%s", parent, ini);
        else
            snprintf(out, 65, "%s.%s-%d", parent, ini, k);
        if (unit_code_check(out, NULL) != 0)
            return ERR_INVALID;
        if (!code_taken(out, units, v, n))
            return 0;
    }
    return ERR_INVALID;
}

/* text_key of s without the word "và" ("&" is dropped by text_key), so that
 * "Phòng Văn hóa & Thông tin" and "Phòng Văn hóa và Thông tin" are one
 * division; NULL when out of memory or s is not valid UTF-8. */
static char *division_key(const char *s)
{
    int rc = 0;
    char *k = text_key(s, strlen(s), &rc);
    if (!k)
        return NULL;
    size_t w = 0;
    for (const char *r = k; *r;) {
        const char *end = strchr(r, ' ');
        size_t len = end ? (size_t)(end - r) : strlen(r);
        if (!(len == 2 && r[0] == 'v' && r[1] == 'a')) {
            if (w)
                k[w++] = ' ';
            memmove(k + w, r, len);
            w += len;
        }
        r += len + (end ? 1 : 0);
    }
    k[w] = '\0';
    return k;
}

/* The same division written two ways? (false when out of memory) */
static bool division_eq(const char *a, const char *b)
{
    char *ka = division_key(a), *kb = division_key(b);
    bool eq = ka && kb && strcmp(ka, kb) == 0;
    mem_free(ka);
    mem_free(kb);
    return eq;
}

static bool seen_name(const app_plan_unit_sugg_t *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (division_eq(v[i].name, name))
            return true;
    return false;
}

typedef struct sugg_ctx {
    const char *parent;
    const unit_set_t *units;
    app_plan_unit_sugg_t *v;
    size_t n, cap;
} sugg_ctx_t;

static int consider(sugg_ctx_t *c, const planparse_party_t *pt, err_t *e)
{
    if (pt->unit || pt->group || !pt->text || c->n >= SUGG_MAX ||
        unit_name_check(pt->text, NULL) != 0 || seen_name(c->v, c->n, pt->text))
        return 0;
    int krc = 0;
    char *key = text_key(pt->text, strlen(pt->text), &krc);
    if (!key)
        return krc == ERR_NOMEM ? err_nomem(e) : 0;
    int rc = 0;
    app_plan_unit_sugg_t s;
    memset(&s, 0, sizeof s);
    if (is_division(key) && strlen(pt->text) < sizeof s.name &&
        propose_code(c->parent, key, c->units, c->v, c->n, s.code) == 0) {
        snprintf(s.name, sizeof s.name, "%s", pt->text);
        snprintf(s.parent, sizeof s.parent, "%s", c->parent);
        s.kind = UNIT_PHONG;
        if (MEM_GROW(c->v, c->cap, c->n + 1))
            rc = err_nomem(e);
        else
            c->v[c->n++] = s;
    }
    mem_free(key);
    return rc;
}

int app_plan_life_suggest_units(const planparse_plan_t *p, const char *unit,
                                const unit_set_t *units, app_plan_unit_sugg_t **out, size_t *n,
                                err_t *e)
{
    *out = NULL;
    *n = 0;
    const char *parent = unit && *unit ? unit : p->doc.issuer_unit;
    const unit_t *pu = parent && units ? unit_set_find(units, parent, DATE_NONE) : NULL;
    if (!pu || (pu->kind != UNIT_HUYEN && pu->kind != UNIT_XA))
        return 0;
    sugg_ctx_t c = {pu->code, units, NULL, 0, 0};
    int rc = 0;
    for (size_t i = 0; !rc && i < p->ntasks; i++) {
        const planparse_task_t *t = &p->tasks[i];
        for (size_t j = 0; !rc && j < t->nlead; j++)
            rc = consider(&c, &t->lead[j], e);
        for (size_t j = 0; !rc && j < t->nsupport; j++)
            rc = consider(&c, &t->support[j], e);
    }
    if (rc) {
        mem_free(c.v);
        return rc;
    }
    *out = c.v;
    *n = c.n;
    return 0;
}

json_t *app_plan_life_sugg_json(const app_plan_unit_sugg_t *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s}", "name", v[i].name, "code",
                                                 v[i].code, "parent", v[i].parent, "kind",
                                                 unit_kind_code(v[i].kind)))) {
            json_decref(arr);
            arr = NULL;
        }
    return arr;
}

static int preview_on(store_t *s, const planparse_plan_t *p, const char *unit, const char *hash,
                      json_t **out, err_t *e)
{
    app_plan_dup_t d;
    unit_set_t units;
    unit_set_init(&units);
    app_plan_unit_sugg_t *v = NULL;
    size_t n = 0;
    int rc = app_plan_life_find_dup(s, p, hash, &d, e);
    if (!rc)
        rc = store_unit_load(s, &units, e);
    if (!rc)
        rc = app_plan_life_suggest_units(p, unit, &units, &v, &n, e);
    json_t *o = rc ? NULL
                   : json_pack("{s:o,s:o}", "duplicate",
                               d.plan_id ? app_plan_life_dup_json(&d) : json_null(),
                               "suggested_units", app_plan_life_sugg_json(v, n));
    if (!rc && !o)
        rc = err_nomem(e);
    mem_free(v);
    unit_set_release(&units);
    if (!rc)
        *out = o;
    return rc;
}

int app_plan_life_preview(app_t *a, const planparse_plan_t *p, const char *unit, const char *hash,
                          json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s;
    int rc = app_store(a, &s, e);
    return rc ? rc : preview_on(s, p, unit, hash, out, e);
}

int app_plan_life_preview_db(const char *db_path, const planparse_plan_t *p, const char *unit,
                             const char *hash, json_t **out, err_t *e)
{
    *out = NULL;
    struct stat sb;
    if (!db_path || (!store_location_is_pg(db_path) &&
                     (stat(db_path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size == 0)))
        return err_set(e, ERR_NOTFOUND, "plan.no_database", "Không có cơ sở dữ liệu '%s'",
                       "No database '%s'", db_path ? db_path : "");
    store_t *s;
    int rc = store_open(db_path, &s, e);
    if (rc)
        return rc;
    rc = preview_on(s, p, unit, hash, out, e);
    store_close(s);
    return rc;
}

/* ---- import hooks ----------------------------------------------------------------- */

void app_plan_life_result_release(app_plan_life_result_t *r)
{
    json_decref(r->supersede);
    json_decref(r->units_added);
    r->supersede = NULL;
    r->units_added = NULL;
}

static int refuse_duplicate(const app_plan_dup_t *d, err_t *e)
{
    const store_plan_life_info_t *i = &d->info;
    return err_set(e, ERR_CONFLICT, "plan.duplicate_decision",
                   "Kế hoạch số %s của %s năm %d đã được nhập (kế hoạch #%lld \"%.120s\"); chọn "
                   "\"Thay thế kế hoạch cũ\" (replace, --replace) để thay thế",
                   "Plan %s of %s for %d has already been imported (plan #%lld \"%.120s\"); "
                   "choose replace (--replace) to supersede it",
                   i->number, i->issuer[0] ? i->issuer : i->issuer_code, i->year,
                   (long long)d->plan_id, i->title);
}

static bool wanted(const app_plan_life_opts_t *o, const app_plan_unit_sugg_t *s)
{
    if (o->add_all_units)
        return true;
    for (size_t i = 0; i < o->nadd_units; i++)
        if (o->add_units[i] &&
            (strcmp(o->add_units[i], s->code) == 0 || text_key_eq(o->add_units[i], s->name)))
            return true;
    return false;
}

/* Every name asked for is among the suggestions. */
static int check_asked(const app_plan_life_opts_t *o, const app_plan_unit_sugg_t *v, size_t n,
                       err_t *e)
{
    for (size_t i = 0; i < o->nadd_units; i++) {
        bool found = false;
        for (size_t k = 0; !found && k < n; k++)
            found = o->add_units[i] && (strcmp(o->add_units[i], v[k].code) == 0 ||
                                        text_key_eq(o->add_units[i], v[k].name));
        if (!found)
            return err_set(e, ERR_INVALID, "plan.add_unit_invalid",
                           "'%s' không phải đơn vị được đề xuất thêm cho kế hoạch này",
                           "'%s' is not a unit suggested for this plan",
                           o->add_units[i] ? o->add_units[i] : "");
    }
    return 0;
}

static int audit_unit(store_t *s, const char *who, const app_plan_unit_sugg_t *u, err_t *e)
{
    json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "code", u->code, "name", u->name, "kind",
                          unit_kind_code(u->kind), "parent", u->parent);
    char *after = o ? jsonx_dump(o) : NULL;
    char object[96];
    snprintf(object, sizeof object, "unit:%s", u->code);
    int rc = after ? store_audit_change(s, who, "unit.create", object, u->name, NULL, after, e)
                   : err_nomem(e);
    free(after);
    json_decref(o);
    return rc;
}

#define FIX_MAX (2 * SUGG_MAX)

static void add_variant(const planparse_party_t *pt, const app_plan_unit_sugg_t *s,
                        planparse_unit_fix_t *fx, size_t *n)
{
    if (pt->unit || pt->group || !pt->text || *n >= FIX_MAX || strcmp(pt->text, s->name) == 0 ||
        !division_eq(pt->text, s->name))
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp(fx[i].name, pt->text) == 0)
            return;
    fx[(*n)++] = (planparse_unit_fix_t){pt->text, s->code};
}

/* The other spellings of suggestion s among p's unresolved parties ("&"
 * for "và") get its code too. */
static void add_variants(const planparse_plan_t *p, const app_plan_unit_sugg_t *s,
                         planparse_unit_fix_t *fx, size_t *n)
{
    for (size_t i = 0; i < p->ntasks; i++) {
        const planparse_task_t *t = &p->tasks[i];
        for (size_t j = 0; j < t->nlead; j++)
            add_variant(&t->lead[j], s, fx, n);
        for (size_t j = 0; j < t->nsupport; j++)
            add_variant(&t->support[j], s, fx, n);
    }
}

/* Creates the chosen suggestions, adds them to units and resolves p's
 * parties of those names. */
static int add_units(store_t *s, const char *who, planparse_plan_t *p, unit_set_t *units,
                     const app_plan_unit_sugg_t *v, size_t n, const app_plan_life_opts_t *o,
                     app_plan_life_result_t *r, err_t *e)
{
    unit_set_t in;
    unit_set_init(&in);
    planparse_unit_fix_t fx[FIX_MAX];
    size_t nfx = 0;
    r->units_added = json_array();
    int rc = r->units_added ? 0 : err_nomem(e);
    for (size_t i = 0; !rc && i < n; i++) {
        if (!wanted(o, &v[i]))
            continue;
        unit_t u = {.code = (char *)v[i].code,
                    .name = (char *)v[i].name,
                    .kind = v[i].kind,
                    .parent = (char *)v[i].parent,
                    .valid_from = DATE_NONE,
                    .valid_to = DATE_NONE};
        rc = unit_check(&u, e);
        if (!rc)
            rc = unit_set_add(&in, &u, e);
        if (!rc)
            rc = unit_set_add(units, &u, e);
        if (!rc && json_array_append_new(r->units_added,
                                         json_pack("{s:s,s:s,s:s}", "code", v[i].code, "name",
                                                   v[i].name, "parent", v[i].parent)))
            rc = err_nomem(e);
        fx[nfx++] = (planparse_unit_fix_t){v[i].name, v[i].code};
    }
    if (!rc && in.n)
        rc = store_unit_save(s, &in, e);
    if (!rc && in.n)
        rc = store_ledger_bump(s, e);
    if (!rc && in.n) {
        char detail[96];
        snprintf(detail, sizeof detail, "%zu units added with a plan import", in.n);
        rc = store_audit_append(s, who, "unit.import", "plan import", detail, e);
    }
    for (size_t i = 0; !rc && i < n; i++)
        if (wanted(o, &v[i]))
            rc = audit_unit(s, who, &v[i], e);
    for (size_t i = 0; !rc && i < n; i++)
        if (wanted(o, &v[i]))
            add_variants(p, &v[i], fx, &nfx);
    if (!rc && nfx && planparse_plan_fix_units(p, fx, nfx, NULL))
        rc = err_nomem(e);
    unit_set_release(&in);
    return rc;
}

int app_plan_life_before_insert(store_t *s, const user_t *actor, planparse_plan_t *p,
                                const char *hash, const char *unit, unit_set_t *units,
                                const app_plan_life_opts_t *o, app_plan_life_result_t *r, err_t *e)
{
    memset(r, 0, sizeof *r);
    static const app_plan_life_opts_t none = {0};
    if (!o)
        o = &none;
    int rc = app_plan_life_find_dup(s, p, hash, &r->dup, e);
    if (!rc && r->dup.plan_id && !o->replace)
        rc = refuse_duplicate(&r->dup, e);
    if (!rc && r->dup.plan_id)
        rc = app_plan_life_check(s, actor, &r->dup.info, true, e);
    if (rc || (!o->add_all_units && !o->nadd_units))
        return rc;
    app_plan_unit_sugg_t *v = NULL;
    size_t n = 0;
    rc = app_plan_life_suggest_units(p, unit, units, &v, &n, e);
    if (!rc)
        rc = check_asked(o, v, n, e);
    if (!rc)
        rc = add_units(s, actor ? actor->login : "cli", p, units, v, n, o, r, e);
    mem_free(v);
    return rc;
}

int app_plan_life_after_insert(store_t *s, const user_t *actor, int64_t new_id,
                               app_plan_life_result_t *r, err_t *e)
{
    if (!r->dup.plan_id)
        return 0;
    int rc = app_plan_life_supersede_in(s, actor ? actor->login : "cli", r->dup.plan_id, new_id,
                                        &r->supersede, e);
    if (!rc)
        r->superseded = r->dup.plan_id;
    return rc;
}
