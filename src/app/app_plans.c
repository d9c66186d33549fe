/* app_plans.c - plan preview, import, list and show. */
#include "base/dtime.h"
#include "app/app_plans.h"

#include "app/app_health.h"
#include "app/app_plan_edit.h"
#include "app/app_report_rules.h"
#include "app/app_units.h"
#include "store/store_unit.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "store/store_audit.h"
#include "store/store_user.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/banned.h"

void app_plans_hash(const void *data, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}

static int parse_with(const unit_set_t *units, const doc_t *doc, const app_plan_opts_t *o,
                      planparse_plan_t **out, err_t *e)
{
    planparse_options_t po = {0};
    po.units = units && units->n ? units : NULL;
    if (o) {
        po.year = o->year;
        po.issuer_unit = o->unit_code;
        po.cancel = o->cancel;
        po.cancel_arg = o->cancel_arg;
    }
    for (size_t i = 0; o && i < o->nfixes; i++)
        if (!o->fixes[i].unit || !units || !unit_set_find(units, o->fixes[i].unit, DATE_NONE))
            return err_set(e, ERR_INVALID, "plan.unit_fix_invalid",
                           "Đơn vị chọn cho '%s' không có trong danh mục: '%s'",
                           "The unit chosen for '%s' is not in the registry: '%s'",
                           o->fixes[i].name ? o->fixes[i].name : "",
                           o->fixes[i].unit ? o->fixes[i].unit : "");
    int rc = planparse_parse(doc, &po, out, e);
    if (!rc && o && o->nfixes && planparse_plan_fix_units(*out, o->fixes, o->nfixes, NULL)) {
        planparse_plan_free(*out);
        *out = NULL;
        rc = err_nomem(e);
    }
    if (!rc && o && o->edits) {
        rc = app_plan_edit_apply(units, o->edits, out, e);
        if (rc) {
            planparse_plan_free(*out);
            *out = NULL;
        }
    }
    return rc;
}

int app_plans_parse(app_t *a, const doc_t *doc, const app_plan_opts_t *o, planparse_plan_t **out,
                    err_t *e)
{
    int ticket = app_health_work_begin(a, "plan.parse"); /* a stuck parse shows in health */
    unit_set_t units;
    unit_set_init(&units);
    int rc = app_units_load(a, &units, e);
    if (!rc)
        rc = parse_with(&units, doc, o, out, e);
    unit_set_release(&units);
    app_health_work_end(a, ticket);
    return rc;
}

int app_plans_units_readonly(const char *db_path, unit_set_t *out, err_t *e)
{
    struct stat sb;
    if (!db_path || (!store_location_is_pg(db_path) &&
                     (stat(db_path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size == 0)))
        return err_set(e, ERR_NOTFOUND, "plan.no_database", "Không có cơ sở dữ liệu '%s'",
                       "No database '%s'", db_path ? db_path : "");
    store_t *s;
    int rc = store_open(db_path, &s, e);
    if (rc)
        return rc;
    err_t ignored;
    rc = store_unit_load(s, out, &ignored);
    if (rc)
        rc = err_set(e, ERR_NOTFOUND, "plan.no_units", "Cơ sở dữ liệu chưa có danh mục đơn vị",
                     "The database has no unit registry");
    store_close(s);
    return rc;
}

int app_plans_reporting(const planparse_plan_t *p, const doc_t *doc, const char *unit,
                        report_clauses_t **out, err_t *e)
{
    *out = NULL;
    const char *issuer = unit && *unit ? unit : p->doc.issuer_unit;
    char source[REPORT_CAL_SOURCE_MAX];
    if (p->doc.number)
        snprintf(source, sizeof source, "%s %s",
                 p->doc.type && !strcmp(p->doc.type, "QĐ") ? "Quyết định" : "Kế hoạch",
                 p->doc.number);
    else
        snprintf(source, sizeof source, "kế hoạch");
    return report_clause_from_doc(doc, issuer && *issuer ? issuer : "?", p->doc.year, source, out,
                                  e);
}

void app_plans_import_result_release(app_plan_import_result_t *res)
{
    report_clause_free(res->reporting);
    res->reporting = NULL;
    app_plan_life_result_release(&res->life);
}

/* Stores the calendar rows of the plan's reporting clauses (inside the
 * import's transaction). */
static int store_reporting(store_t *s, const planparse_plan_t *p, const doc_t *doc,
                           const store_plan_meta_t *meta, app_plan_import_result_t *res, err_t *e)
{
    int rc = app_plans_reporting(p, doc, meta->unit_code, &res->reporting, e);
    if (!rc && meta->unit_code[0])
        rc = app_report_rules_store(s, res->id, res->reporting, meta->imported_by, dtime_now(),
                                    &res->report_rules, e);
    return rc;
}

/* Sees and imports every plan: the local operator and an administrator.
 * The standing agency is scoped to its unit's tree (its province) like every
 * other role (issue 16 item 7). */
static bool privileged(const user_t *u)
{
    return !u || u->role == ACCESS_ROLE_ADMIN;
}

static bool may_import(const user_t *u)
{
    return !u || u->role == ACCESS_ROLE_ADMIN || u->role == ACCESS_ROLE_STANDING ||
           u->role == ACCESS_ROLE_OFFICER;
}

/* A plan is imported for a unit in the actor's write scope; a plan whose
 * unit is unknown (no --unit, issuer not resolved) only by an admin. */
static int check_write(const user_t *actor, const char *unit, const unit_set_t *units, date_t at,
                       err_t *e)
{
    if (privileged(actor))
        return 0;
    if (may_import(actor) && unit && access_allows(actor, ACCESS_WRITE, unit, units, at))
        return 0;
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                   "Bạn không có quyền nhập kế hoạch của đơn vị %s",
                   "You may not import plans of unit %s", unit ? unit : "(?)");
}

static void now_iso(char *out, size_t cap)
{
    char t[DTIME_ISO_LEN];
    dtime_format(dtime_now(), t);
    snprintf(out, cap, "%s", t);
}

/* The audit entry of an import: what was created (no state before). */
static int audit_import(store_t *s, const store_plan_meta_t *meta, const planparse_plan_t *p,
                        int64_t id, err_t *e)
{
    char object[64], detail[320];
    snprintf(object, sizeof object, "plan:%lld", (long long)id);
    snprintf(detail, sizeof detail, "%.200s: %zu tasks, %zu targets", meta->source_name, p->ntasks,
             p->ntargets);
    json_t *o = json_pack("{s:I,s:s?,s:s,s:s,s:I,s:I}", "id", (json_int_t)id, "unit",
                          meta->unit_code[0] ? meta->unit_code : NULL, "source", meta->source_name,
                          "sha256", meta->hash, "tasks", (json_int_t)p->ntasks, "targets",
                          (json_int_t)p->ntargets);
    char *after = o ? jsonx_dump(o) : NULL;
    int rc = after ? store_audit_change(s, meta->imported_by, "plan.import", object, detail, NULL,
                                        after, e)
                   : err_nomem(e);
    free(after);
    json_decref(o);
    return rc;
}

static int import_run(app_t *a, const user_t *actor, const app_plan_source_t *src,
                      const app_plan_opts_t *o, app_plan_import_result_t *res,
                      planparse_plan_t **parsed, err_t *e);

int app_plans_import(app_t *a, const user_t *actor, const app_plan_source_t *src,
                     const app_plan_opts_t *o, app_plan_import_result_t *res,
                     planparse_plan_t **parsed, err_t *e)
{
    int ticket = app_health_work_begin(a, "plan.import");
    int rc = import_run(a, actor, src, o, res, parsed, e);
    app_health_work_end(a, ticket);
    return rc;
}

static int import_run(app_t *a, const user_t *actor, const app_plan_source_t *src,
                      const app_plan_opts_t *o, app_plan_import_result_t *res,
                      planparse_plan_t **parsed, err_t *e)
{
    memset(res, 0, sizeof *res);
    if (!may_import(actor))
        return err_set(e, ERR_FORBIDDEN, "auth.forbidden", "Bạn không có quyền nhập kế hoạch",
                       "You may not import plans");
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    unit_set_t units;
    unit_set_init(&units);
    rc = store_unit_load(s, &units, e);
    const char *unit = o ? o->unit_code : NULL;
    if (!rc && unit && !unit_set_find(&units, unit, DATE_NONE))
        rc = err_set(e, ERR_INVALID, "plan.unit_unknown", "Không có đơn vị mã '%s' trong danh mục",
                     "No unit with code '%s' in the registry", unit);
    if (!rc && unit) /* the unit asked for is known before parsing: refuse early */
        rc = check_write(actor, unit, &units, DATE_NONE, e);
    planparse_plan_t *p = NULL;
    if (!rc)
        rc = parse_with(&units, src->doc, o, &p, e);
    if (!rc && !unit)
        unit = p->doc.issuer_unit;
    if (!rc)
        rc = check_write(actor, unit, &units, p->doc.date, e);
    store_plan_meta_t meta;
    memset(&meta, 0, sizeof meta);
    app_plans_hash(src->data, src->len, meta.hash);
    snprintf(meta.source_name, sizeof meta.source_name, "%s", src->name ? src->name : "");
    snprintf(meta.unit_code, sizeof meta.unit_code, "%s", unit ? unit : "");
    snprintf(meta.imported_by, sizeof meta.imported_by, "%s", actor ? actor->login : "cli");
    now_iso(meta.imported_at, sizeof meta.imported_at);
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        int64_t existing = 0;
        int f = store_plan_find_hash(s, meta.hash, &existing, e);
        if (f == 0) {
            res->id = existing;
            res->duplicate = true;
            rc = store_commit(s, e);
        } else if (f != ERR_NOTFOUND) {
            rc = f;
            store_rollback(s);
        } else {
            rc = app_plan_life_before_insert(s, actor, p, meta.hash, unit, &units,
                                             o ? o->life : NULL, &res->life, e);
            if (!rc)
                rc = store_plan_insert(s, p, &meta, &res->id, e);
            if (!rc)
                rc = store_reporting(s, p, src->doc, &meta, res, e);
            if (!rc)
                rc = audit_import(s, &meta, p, res->id, e);
            if (!rc)
                rc = app_plan_edit_record_import(s, res->id, meta.hash, meta.imported_by,
                                                 meta.imported_at, o ? o->edits : NULL,
                                                 o ? o->edits_json : NULL, e);
            if (!rc)
                rc = app_plan_life_after_insert(s, actor, res->id, &res->life, e);
            if (!rc)
                rc = store_commit(s, e);
            else
                store_rollback(s);
        }
    }
    if (!rc) {
        res->tasks = p->ntasks;
        res->targets = p->ntargets;
        res->warnings = p->nwarnings;
    }
    unit_set_release(&units);
    if (rc)
        app_plans_import_result_release(res);
    if (!rc && parsed)
        *parsed = p;
    else
        planparse_plan_free(p);
    return rc;
}

typedef struct assigned_ctx {
    const user_t *actor;
    const unit_set_t *units;
    int64_t *ids; /* plans with an assignment in the actor's scope */
    size_t n, cap;
} assigned_ctx_t;

static int assigned_row(void *ctx, int64_t plan_id, const char *unit, err_t *e)
{
    assigned_ctx_t *c = ctx;
    if (c->n && c->ids[c->n - 1] == plan_id)
        return 0;
    if (!access_allows(c->actor, ACCESS_READ, unit, c->units, DATE_NONE))
        return 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->ids[i] == plan_id)
            return 0;
    if (MEM_GROW(c->ids, c->cap, c->n + 1))
        return err_nomem(e);
    c->ids[c->n++] = plan_id;
    return 0;
}

static bool has_plan(const assigned_ctx_t *c, int64_t id)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->ids[i] == id)
            return true;
    return false;
}

int app_plans_list(app_t *a, const user_t *actor, bool with_archived, json_t **out, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    json_t *all;
    rc = store_plan_list(s, with_archived, &all, e);
    if (rc || privileged(actor)) {
        if (!rc)
            *out = all;
        return rc;
    }
    unit_set_t units;
    unit_set_init(&units);
    rc = store_unit_load(s, &units, e);
    assigned_ctx_t ac = {actor, &units, NULL, 0, 0};
    if (!rc)
        rc = store_plan_assignee_units(s, assigned_row, &ac, e);
    json_t *mine = rc ? NULL : json_array();
    size_t i;
    json_t *o;
    json_array_foreach(all, i, o)
    {
        /* the plans of units in scope, and the plans the user's tasks come
         * from (a province plan for a department's officer) */
        const char *unit = jsonx_str(o, "unit_code", NULL);
        bool own = unit && access_allows(actor, ACCESS_READ, unit, &units, DATE_NONE);
        bool via = !own && has_plan(&ac, json_integer_value(json_object_get(o, "id")));
        if (mine && (own || via) && (!via || json_object_set_new(o, "via_tasks", json_true()) == 0))
            json_array_append(mine, o);
    }
    mem_free(ac.ids);
    json_decref(all);
    unit_set_release(&units);
    if (!rc && !mine)
        rc = err_nomem(e);
    if (!rc)
        *out = mine;
    return rc;
}

int app_plans_get(app_t *a, const user_t *actor, int64_t id, planparse_plan_t **out,
                  store_plan_meta_t *meta, err_t *e)
{
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    store_plan_meta_t m;
    planparse_plan_t *p;
    rc = store_plan_load(s, id, &p, &m, e);
    if (rc)
        return rc;
    if (!privileged(actor)) {
        unit_set_t units;
        unit_set_init(&units);
        rc = store_unit_load(s, &units, e);
        bool own =
            m.unit_code[0] && access_allows(actor, ACCESS_READ, m.unit_code, &units, DATE_NONE);
        /* a plan that assigns tasks to the user's units is read too (the
         * province plan of a department's officer) */
        assigned_ctx_t ac = {actor, &units, NULL, 0, 0};
        if (!rc && !own)
            rc = store_plan_assignee_units(s, assigned_row, &ac, e);
        if (!rc && !own && !has_plan(&ac, id))
            rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                         "Kế hoạch này nằm ngoài phạm vi đơn vị của bạn",
                         "This plan is outside your unit scope");
        mem_free(ac.ids);
        unit_set_release(&units);
    }
    if (rc) {
        planparse_plan_free(p);
        return rc;
    }
    if (meta)
        *meta = m;
    *out = p;
    return 0;
}
