/* app_report_ctx.c - what every report use case opens: connection, registry,
 * working days; who reports to whom; permissions; the reporting calendar. */
#include "app/app_report_int.h"

#include "app/app_calendar.h"
#include "app/app_units.h"
#include "base/file.h"
#include "base/log.h"
#include "base/mem.h"
#include "domain/report_cal_csv.h"
#include "domain/worktime.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define CAL_FILE_MAX     ((size_t)4 << 20)
#define OUTLINE_FILE_MAX ((size_t)1 << 20)

int app_report_ctx_open(app_report_ctx_t *x, app_t *a, const user_t *actor, err_t *e)
{
    memset(x, 0, sizeof *x);
    x->a = a;
    x->actor = actor;
    x->now = dtime_now();
    x->today = dtime_date(x->now);
    unit_set_init(&x->units);
    int rc = app_store(a, &x->s, e);
    if (!rc)
        rc = app_units_load(a, &x->units, e);
    if (!rc) {
        err_t ce;
        if (app_calendar(a, &x->cal, &ce))
            log_warn("reports: no working calendar (%s): calendar days are counted", ce.en);
    }
    return rc;
}

void app_report_ctx_at(app_report_ctx_t *x, dtime_t at)
{
    if (at <= 0)
        return;
    x->now = at;
    x->today = dtime_date(at);
}

void app_report_ctx_close(app_report_ctx_t *x)
{
    unit_set_release(&x->units);
}

int app_report_workdays(void *ctx, date_t from, int n, date_t *out)
{
    const app_report_ctx_t *x = ctx;
    if (!x->cal) {
        *out = from + n;
        return 0;
    }
    return worktime_add_workdays_date((void *)x->cal, from, n, out);
}

const char *app_report_receiver_of(const unit_set_t *units, const char *unit, date_t at)
{
    const unit_t *u = unit_set_find(units, unit, at);
    if (!u)
        u = unit_set_find(units, unit, DATE_NONE);
    return u && u->parent && *u->parent ? u->parent : APP_REPORT_NATIONAL;
}

const char *app_report_unit_name(const unit_set_t *units, const char *code, date_t at)
{
    if (strcmp(code, APP_REPORT_NATIONAL) == 0)
        return "Bộ Nội vụ";
    const unit_t *u = unit_set_find(units, code, at);
    if (!u)
        u = unit_set_find(units, code, DATE_NONE);
    return u ? u->name : code;
}

/* The province a unit belongs to on the tree at `at` (the unit itself for
 * a province), NULL when none. */
static const char *province_of(const unit_set_t *units, const char *code, date_t at)
{
    for (int depth = 0; code && depth < 16; depth++) {
        const unit_t *u = unit_set_find(units, code, at);
        if (!u)
            u = unit_set_find(units, code, DATE_NONE);
        if (!u)
            return NULL;
        if (u->kind == UNIT_TINH)
            return u->code;
        code = u->parent;
    }
    return NULL;
}

bool app_report_may_read(const app_report_ctx_t *x, const char *unit, date_t at)
{
    return !x->actor || access_allows(x->actor, ACCESS_READ, unit, &x->units, at);
}

bool app_report_may(const app_report_ctx_t *x, const store_report_t *r, report_action_t act)
{
    const user_t *u = x->actor;
    if (!u || u->role == ACCESS_ROLE_ADMIN)
        return true;
    if (u->role != ACCESS_ROLE_OFFICER && u->role != ACCESS_ROLE_STANDING)
        return false;
    const char *side = report_flow_side(act) == REPORT_SENDER ? r->unit : r->receiver;
    if (strcmp(u->unit_code, side) == 0)
        return access_allows(u, ACCESS_WRITE, side, &x->units, r->to);
    /* The standing agency acts for its province as a receiver. */
    if (report_flow_side(act) == REPORT_RECEIVER && u->role == ACCESS_ROLE_STANDING) {
        const char *p = province_of(&x->units, u->unit_code, r->to);
        return p && strcmp(p, r->receiver) == 0;
    }
    return false;
}

int app_report_forbidden(err_t *e)
{
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden", "Không có quyền thực hiện thao tác này",
                   "Not allowed to do this");
}

/* --- calendar ---------------------------------------------------------------------- */

typedef struct rows_ctx {
    report_cal_t *cal;
} rows_ctx_t;

static int add_db_row(void *ctx, const store_report_rule_t *r, err_t *e)
{
    rows_ctx_t *c = ctx;
    char flag[2] = {r->enabled ? '1' : '0', '\0'};
    const char *enabled = strcmp(r->type, "rule") == 0 ? flag : NULL; /* rules only */
    const char *cells[REPORT_CAL_CSV_NCOLS] = {r->type,    r->receiver, r->kind,  r->years,
                                               r->window,  r->due,      enabled,  r->date_from,
                                               r->date_to, r->adhoc_id, r->title, r->note};
    char name[96];
    if (r->plan_id)
        snprintf(name, sizeof name, "kế hoạch #%lld", (long long)r->plan_id);
    else
        snprintf(name, sizeof name, "lịch báo cáo");
    return report_cal_csv_add_row(c->cal, cells, r->source && *r->source ? r->source : name,
                                  (int)r->id, e);
}

int app_report_cal_load(app_report_ctx_t *x, report_cal_t **out, err_t *e)
{
    *out = report_cal_new();
    if (!*out)
        return err_nomem(e);
    char path[1024];
    snprintf(path, sizeof path, "%s/reports/calendar.csv", app_data_dir(x->a));
    char *text = NULL;
    size_t n = 0;
    err_t fe;
    int rc = 0;
    if (file_read_all(path, CAL_FILE_MAX, &text, &n, &fe) == 0)
        rc = report_cal_csv_read(text, n, "calendar.csv", *out, e);
    else
        log_warn("reports: %s: %s (the DOMAIN §7 defaults apply)", path, fe.en);
    mem_free(text);
    rows_ctx_t c = {*out};
    if (!rc)
        rc = store_report_rules(x->s, add_db_row, &c, e);
    if (rc) {
        report_cal_free(*out);
        *out = NULL;
    }
    return rc;
}

int app_report_resolve(app_report_ctx_t *x, const report_cal_t *cal, const char *unit, int year,
                       report_cal_list_t *out, const char **receiver, err_t *e)
{
    *receiver = app_report_receiver_of(&x->units, unit, date_from_ymd(year, 12, 31));
    return report_cal_resolve(cal, *receiver, year, app_report_workdays, x, out, e);
}

int app_report_outline(app_t *a, report_outline_t **out, err_t *e)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/reports/outline.json", app_data_dir(a));
    char *text = NULL;
    size_t n = 0;
    int rc = file_read_all(path, OUTLINE_FILE_MAX, &text, &n, e);
    if (!rc)
        rc = report_outline_parse(text, n, out, e);
    mem_free(text);
    return rc;
}
