/* app_remind_src.c - the deadlines reminders are about, from every source
 * (app_remind_int.h):
 *   task     every tracked task assignment: a one-off task's due date, or each
 *            occurrence of a periodic task so far (its period's due date); done
 *            when completed or declared impossible; a coordinating (support)
 *            assignment names its task's lead unit;
 *   report   the reports each unit owes in the day's year (and last year's
 *            whose due date falls in this year), from its receiver's
 *            reporting calendar; done when submitted or accepted;
 *   target   targets of a plan that are measured by hand: due on the rules'
 *            target_due day of the plan year, done once measured in that year;
 *   campaign the PAR campaign's steps per unit (app_remind_par.c).
 * A new source is one function and one row of APP_REMIND_SOURCES. */
#include "app/app_remind_int.h"

#include "app/app_report.h"
#include "app/app_tasks_int.h"
#include "base/file.h"
#include "base/mem.h"
#include "domain/kpi.h"
#include "store/store_target.h"
#include "store/store_unit.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

#define RULES_MAX_BYTES (1u << 20)

int app_remind_rules_load(app_t *a, remind_rules_t *r, err_t *e)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/reminders/rules.json", app_data_dir(a));
    char *text = NULL;
    size_t n = 0;
    if (access(path, F_OK) != 0) { /* no file: the built-in defaults */
        remind_rule_defaults(r);
        return 0;
    }
    int rc = file_read_all(path, RULES_MAX_BYTES, &text, &n, e);
    if (!rc)
        rc = remind_rule_parse(text, n, path, r, e);
    mem_free(text);
    return rc;
}

/* --- the list ----------------------------------------------------------------------------- */

const char *app_remind_src_str(app_remind_src_t *src, const char *str)
{
    if (!str)
        return NULL;
    if (MEM_GROW(src->strs, src->strcap, src->nstr + 1))
        return NULL;
    char *c = mem_strdup(str);
    if (c)
        src->strs[src->nstr++] = c;
    return c;
}

int app_remind_src_add(app_remind_src_t *src, const remind_deadline_t *d,
                       const app_remind_aux_t *aux, err_t *e)
{
    if (MEM_GROW(src->v, src->cap, src->n + 1) || MEM_GROW(src->aux, src->auxcap, src->n + 1))
        return err_nomem(e);
    remind_deadline_t c = *d;
    c.key = app_remind_src_str(src, d->key);
    c.unit = app_remind_src_str(src, d->unit);
    c.lead = d->lead && *d->lead ? app_remind_src_str(src, d->lead) : NULL;
    c.title = app_remind_src_str(src, d->title ? d->title : "");
    c.ref = app_remind_src_str(src, d->ref ? d->ref : "");
    c.link = app_remind_src_str(src, d->link ? d->link : "");
    app_remind_aux_t x;
    memset(&x, 0, sizeof x);
    if (aux)
        x = *aux;
    x.plan = aux && aux->plan ? app_remind_src_str(src, aux->plan) : NULL;
    if (!c.key || !c.unit || (d->lead && *d->lead && !c.lead) || !c.title || !c.ref || !c.link ||
        (aux && aux->plan && !x.plan))
        return err_nomem(e);
    src->v[src->n] = c;
    src->aux[src->n] = x;
    src->n++;
    return 0;
}

void app_remind_src_release(app_remind_src_t *src)
{
    for (size_t i = 0; i < src->nstr; i++)
        mem_free(src->strs[i]);
    mem_free(src->strs);
    mem_free(src->v);
    mem_free(src->aux);
    memset(src, 0, sizeof *src);
}

/* --- tasks ----------------------------------------------------------------------------------- */

typedef struct task_ctx {
    app_remind_src_t *src;
    store_t *s;
    int64_t task_id;
    char lead[USER_UNIT_MAX + 1]; /* the current task's first lead unit */
    /* the statuses of the current periodic assignment's occurrences */
    const app_tasks_due_t *due;
    task_status_status_t occ[TASK_STATUS_MAX_OCCURRENCES];
} task_ctx_t;

static bool closed(task_status_status_t s)
{
    return task_status_is_completed(s) || s == TASK_STATUS_FAILED;
}

static int task_one(task_ctx_t *c, const store_task_row_t *r, const char *period, date_t due,
                    bool done)
{
    char key[96], title[96], link[48];
    snprintf(key, sizeof key, "task:%lld:%s", (long long)r->id, period);
    snprintf(title, sizeof title, "Nhiệm vụ %s", *r->task_no ? r->task_no : "?");
    snprintf(link, sizeof link, "#/nhiem-vu/%lld", (long long)r->id);
    bool support = strcmp(r->role, "support") == 0;
    char ref[640];
    snprintf(ref, sizeof ref, "%s thuộc Kế hoạch “%s”", title, r->plan_title);
    remind_deadline_t d = {REMIND_KIND_TASK,
                           key,
                           r->unit_code,
                           support && *c->lead && strcmp(c->lead, r->unit_code) ? c->lead : NULL,
                           r->title,
                           ref,
                           link,
                           due,
                           done,
                           0};
    app_remind_aux_t x;
    memset(&x, 0, sizeof x);
    x.assignment = r->id;
    if (strchr(period, '-') == NULL)
        snprintf(x.period, sizeof x.period, "%s", period);
    x.plan = r->plan_title;
    x.year = r->plan_year;
    return app_remind_src_add(c->src, &d, &x, NULL);
}

/* Occurrence statuses are read here rather than taken from the scan's
 * app_tasks_due_t, whose list path does not load them (it has no store
 * handle): an occurrence with no row is not started. */
static int occ_row(void *ctx, const store_task_occ_t *o, err_t *e)
{
    (void)e;
    task_ctx_t *c = ctx;
    for (size_t i = 0; i < c->due->nocc; i++)
        if (strcmp(c->due->occ[i].period, o->period) == 0 &&
            task_status_parse(o->status, &c->occ[i], NULL))
            c->occ[i] = TASK_STATUS_NOT_STARTED;
    return 0;
}

static int task_row(void *ctx, const store_task_row_t *r, const app_tasks_due_t *d, err_t *e)
{
    task_ctx_t *c = ctx;
    if (r->task_id != c->task_id) {
        c->task_id = r->task_id;
        c->lead[0] = '\0';
    }
    if (strcmp(r->role, "lead") == 0 && !c->lead[0])
        snprintf(c->lead, sizeof c->lead, "%s", r->unit_code);
    if (!*r->unit_code)
        return 0;
    int rc = 0;
    c->due = d;
    for (size_t i = 0; i < d->nocc; i++)
        c->occ[i] = TASK_STATUS_NOT_STARTED;
    if (d->nocc)
        rc = store_task_occurrences(c->s, r->id, occ_row, c, e);
    if (rc)
        return rc;
    for (size_t i = 0; !rc && i < d->nocc; i++)
        rc = task_one(c, r, d->occ[i].period, d->occ[i].due, closed(c->occ[i]));
    if (!d->nocc && d->due != DATE_NONE) {
        char iso[DATE_ISO_LEN];
        date_format(d->due, iso);
        rc = task_one(c, r, iso, d->due, closed(d->status));
    }
    return rc ? err_nomem(e) : 0;
}

static int src_tasks(app_t *a, store_t *s, const unit_set_t *units, const remind_rules_t *rules,
                     date_t day, app_remind_src_t *src, err_t *e)
{
    (void)units;
    (void)rules;
    app_tasks_filter_t f;
    app_tasks_filter_init(&f);
    f.today = day;
    unit_set_t u;
    unit_set_init(&u);
    task_ctx_t c;
    memset(&c, 0, sizeof c);
    c.src = src;
    c.s = s;
    date_t today;
    int rc = app_tasks_scan(a, NULL, &f, &u, task_row, &c, &today, e);
    unit_set_release(&u);
    return rc;
}

/* --- reports --------------------------------------------------------------------------------- */

static bool report_done(const char *status)
{
    return status && (strcmp(status, "submitted") == 0 || strcmp(status, "accepted") == 0);
}

static int report_entries(app_remind_src_t *src, const char *unit, int year, date_t day,
                          const json_t *cal, err_t *e)
{
    size_t i;
    const json_t *r;
    int rc = 0;
    json_array_foreach(json_object_get(cal, "reports"), i, r)
    {
        const char *due_s = json_string_value(json_object_get(r, "due"));
        const char *kind = json_string_value(json_object_get(r, "kind"));
        const char *period = json_string_value(json_object_get(r, "period"));
        const char *id = json_string_value(json_object_get(r, "id"));
        date_t due;
        if (!due_s || !kind || date_parse(due_s, strlen(due_s), &due))
            continue;
        if (year < date_year(day) && date_year(due) < date_year(day))
            continue;
        char key[192], link[48], title[256];
        snprintf(key, sizeof key, "report:%s:%s:%s", unit, kind, period ? period : id ? id : "");
        snprintf(link, sizeof link, "#/bao-cao?nam=%d", year);
        const char *label = json_string_value(json_object_get(r, "label"));
        const char *rt = json_string_value(json_object_get(r, "title"));
        snprintf(title, sizeof title, "%s", rt && *rt ? rt : label ? label : kind);
        remind_deadline_t d = {REMIND_KIND_REPORT,
                               key,
                               unit,
                               NULL,
                               title,
                               label ? label : kind,
                               link,
                               due,
                               report_done(json_string_value(json_object_get(r, "status"))),
                               0};
        app_remind_aux_t x;
        memset(&x, 0, sizeof x);
        x.year = year;
        rc = app_remind_src_add(src, &d, &x, e);
        if (rc)
            break;
    }
    return rc;
}

static int src_reports(app_t *a, store_t *s, const unit_set_t *units, const remind_rules_t *rules,
                       date_t day, app_remind_src_t *src, err_t *e)
{
    (void)s;
    (void)rules;
    int rc = 0;
    for (size_t i = 0; !rc && i < units->n; i++) {
        const unit_t *u = &units->units[i];
        if (!unit_valid_at(u, day) || u->kind == UNIT_PHONG)
            continue;
        for (int year = date_year(day) - 1; !rc && year <= date_year(day); year++) {
            json_t *cal = NULL;
            err_t ce;
            err_clear(&ce);
            int r = app_report_calendar(a, NULL, u->code, year, &cal, &ce);
            if (r == ERR_NOMEM)
                rc = err_nomem(e);
            else if (r == 0)
                rc = report_entries(src, u->code, year, day, cal, e);
            /* a unit without a receiver or calendar owes nothing: not an error */
            json_decref(cal);
        }
    }
    return rc;
}

/* --- targets --------------------------------------------------------------------------------- */

typedef struct target {
    int64_t id;
    int year;
    char *unit, *text, *plan;
} target_t;

typedef struct target_ctx {
    target_t *v;
    size_t n, cap;
} target_ctx_t;

static int target_row(void *ctx, const store_target_row_t *r, err_t *e)
{
    target_ctx_t *c = ctx;
    if (kpi_find(r->indicator) >= 0 || !r->plan_unit || !*r->plan_unit)
        return 0; /* computed live, or nobody to measure it */
    if (MEM_GROW(c->v, c->cap, c->n + 1))
        return err_nomem(e);
    target_t t = {r->id, r->plan_year, mem_strdup(r->plan_unit), mem_strdup(r->text),
                  mem_strdup(r->plan_title ? r->plan_title : "")};
    c->v[c->n++] = t;
    return t.unit && t.text && t.plan ? 0 : err_nomem(e);
}

static int target_one(app_remind_src_t *src, store_t *s, const remind_rules_t *rules,
                      const target_t *t, err_t *e)
{
    char from[16], to[16], key[64], ref[512];
    snprintf(from, sizeof from, "%04d-01-01", t->year);
    snprintf(to, sizeof to, "%04d-12-31", t->year);
    store_measurement_t m;
    bool found = false;
    int rc = store_target_measurement(s, t->id, t->unit, from, to, &m, &found, e);
    if (rc)
        return rc;
    int dom = date_days_in_month(t->year, rules->target_month);
    date_t due = date_from_ymd(t->year, rules->target_month,
                               rules->target_day < dom ? rules->target_day : dom);
    snprintf(key, sizeof key, "target:%lld:%d", (long long)t->id, t->year);
    snprintf(ref, sizeof ref, "Chỉ tiêu, %s", t->plan);
    remind_deadline_t d = {REMIND_KIND_TARGET, key, t->unit, NULL, t->text, ref,
                           "#/tong-quan",      due, found,   0};
    app_remind_aux_t x;
    memset(&x, 0, sizeof x);
    x.year = t->year;
    return app_remind_src_add(src, &d, &x, e);
}

static int src_targets(app_t *a, store_t *s, const unit_set_t *units, const remind_rules_t *rules,
                       date_t day, app_remind_src_t *src, err_t *e)
{
    (void)a;
    (void)units;
    target_ctx_t c = {0};
    int rc = store_target_rows(s, 0, date_year(day), 0, target_row, &c, e);
    for (size_t i = 0; !rc && i < c.n; i++)
        rc = target_one(src, s, rules, &c.v[i], e);
    for (size_t i = 0; i < c.n; i++) {
        mem_free(c.v[i].unit);
        mem_free(c.v[i].text);
        mem_free(c.v[i].plan);
    }
    mem_free(c.v);
    return rc;
}

/* --- all sources ----------------------------------------------------------------------------- */

typedef int (*source_fn)(app_t *a, store_t *s, const unit_set_t *units, const remind_rules_t *rules,
                         date_t day, app_remind_src_t *src, err_t *e);

/* The deadline sources (the PAR campaign's in app_remind_par.c). */
static const source_fn APP_REMIND_SOURCES[] = {src_tasks, src_reports, src_targets,
                                               app_remind_par_collect};

int app_remind_src_collect(app_t *a, store_t *s, const unit_set_t *units,
                           const remind_rules_t *rules, date_t day, app_remind_src_t *src, err_t *e)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < sizeof APP_REMIND_SOURCES / sizeof APP_REMIND_SOURCES[0]; i++)
        rc = APP_REMIND_SOURCES[i](a, s, units, rules, day, src, e);
    return rc;
}
