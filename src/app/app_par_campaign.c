/* app_par_campaign.c - PAR campaigns: create, change, read, extensions,
 * appraiser units, finalisation, publication (app_par_campaign.h). */
#include "app/app_par_campaign.h"

#include "app/app_calendar.h"
#include "app/app_par_int.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/text.h"
#include "domain/worktime.h"
#include "store/store_audit.h"
#include "store/store_par_fw.h"
#include "store/store_unit.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

void app_par_campaign_in_init(app_par_campaign_in_t *in)
{
    memset(in, 0, sizeof *in);
    in->opens_on = in->self_due = in->round1_due = DATE_NONE;
    in->explain_due = in->round2_due = in->publish_due = DATE_NONE;
    in->bonus_max = in->penalty_max = PAR_NONE;
}

static int forbidden(err_t *e)
{
    return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                   "Chỉ quản trị hoặc cơ quan thường trực được quản lý đợt chấm điểm",
                   "Only an administrator or the standing agency may manage scoring campaigns");
}

static bool manager(const user_t *u)
{
    return !u ||
           (!u->disabled && (u->role == ACCESS_ROLE_ADMIN || u->role == ACCESS_ROLE_STANDING));
}

/* ---- dates --------------------------------------------------------------- */

static bool working(const agencycal_t *cal, date_t d)
{
    if (cal)
        return worktime_is_working_day(cal, d);
    int wd = date_weekday(d);
    return wd != 0 && wd != 6;
}

static date_t add_working(const agencycal_t *cal, date_t d, int n)
{
    for (int i = 0; i < n; i++) {
        d++;
        for (int k = 0; k < 30 && !working(cal, d); k++)
            d++;
    }
    return d;
}

static void fmt(date_t d, char out[STORE_PAR_DATE])
{
    date_format(d, out);
}

/* The six dates of in over c (create: defaults; update: kept), checked. */
static int set_dates(const app_par_campaign_in_t *in, const agencycal_t *cal,
                     store_par_campaign_t *c, bool create, err_t *e)
{
    char *dst[6] = {c->opens_on,    c->self_due,   c->round1_due,
                    c->explain_due, c->round2_due, c->publish_due};
    date_t given[6] = {in->opens_on,    in->self_due,   in->round1_due,
                       in->explain_due, in->round2_due, in->publish_due};
    static const int gap[6] = {0, 15, 10, 5, 5, 10};
    date_t v[6];
    for (int i = 0; i < 6; i++) {
        if (given[i] != DATE_NONE)
            v[i] = given[i];
        else if (!create && !date_parse(dst[i], strlen(dst[i]), &v[i]))
            continue;
        else if (i == 0) {
            date_t dec = date_from_ymd(c->year, 12, 1), today = dtime_date(dtime_now());
            v[0] = today > dec && date_year(today) <= c->year + 1 ? today : dec;
        } else
            v[i] = add_working(cal, v[i - 1], gap[i]);
    }
    for (int i = 1; i < 6; i++)
        if (v[i] < v[i - 1])
            return err_set(e, ERR_INVALID, "par.campaign_dates",
                           "Các mốc phải theo thứ tự: mở đợt ≤ tự chấm ≤ thẩm định vòng 1 ≤ "
                           "giải trình ≤ thẩm định vòng 2 ≤ công bố",
                           "Dates must be ordered: opening <= self-assessment <= round 1 <= "
                           "explanation <= round 2 <= publication");
    for (int i = 0; i < 6; i++)
        fmt(v[i], dst[i]);
    return 0;
}

/* ---- settings ------------------------------------------------------------ */

/* Sum of the maxima of the framework's top-level nodes of a kind. */
static int64_t kind_max(const par_framework_t *fw, par_kind_t k)
{
    int64_t sum = 0;
    bool any = false;
    for (size_t i = 0; i < fw->n; i++)
        if (fw->nodes[i].parent == PAR_NOPARENT && fw->nodes[i].kind == k) {
            sum += fw->nodes[i].max;
            any = true;
        }
    return any ? sum : PAR_NONE;
}

static int set_caps(const app_par_campaign_in_t *in, store_par_campaign_t *c, err_t *e)
{
    int64_t v[2] = {in->bonus_max, in->penalty_max};
    int64_t *dst[2] = {&c->bonus_max, &c->penalty_max};
    for (int i = 0; i < 2; i++) {
        if (v[i] == PAR_NONE)
            continue;
        if (v[i] < -1 || v[i] > PAR_MAX_PTS)
            return err_set(e, ERR_INVALID, "par.cap",
                           "Mức trần điểm thưởng/điểm trừ phải từ 0 đến 1.000",
                           "Bonus and penalty caps must be between 0 and 1,000");
        *dst[i] = v[i] == -1 ? PAR_NONE : v[i];
    }
    if (in->survey_mode) {
        if (strcmp(in->survey_mode, "auto") && strcmp(in->survey_mode, "held") &&
            strcmp(in->survey_mode, "none"))
            return err_set(e, ERR_INVALID, "par.survey_mode",
                           "Chế độ điều tra XHH phải là auto, held hoặc none",
                           "The survey mode must be auto, held or none");
        snprintf(c->survey_mode, sizeof c->survey_mode, "%s", in->survey_mode);
    }
    return 0;
}

static int check_grades(const app_par_campaign_in_t *in, err_t *e)
{
    for (size_t i = 0; in->grades && i < in->ngrades; i++) {
        const par_grade_t *g = &in->grades[i];
        bool bad = !g->label || !g->label[0] || strlen(g->label) > 64 || g->min < 0 ||
                   g->min > 100 * PAR_MILLI || (i && g->min >= in->grades[i - 1].min) ||
                   (i + 1 == in->ngrades && g->min != 0);
        if (bad)
            return err_set(e, ERR_INVALID, "par.grades",
                           "Xếp loại phải giảm dần theo ngưỡng, ngưỡng cuối là 0",
                           "Grades must have descending thresholds, the last being 0");
    }
    return 0;
}

static int store_grades(store_t *s, int64_t id, const app_par_campaign_in_t *in, err_t *e)
{
    if (!in->grades)
        return 0;
    const char *labels[32];
    int64_t mins[32];
    size_t n = in->ngrades < 32 ? in->ngrades : 32;
    for (size_t i = 0; i < n; i++) {
        labels[i] = in->grades[i].label;
        mins[i] = in->grades[i].min;
    }
    return store_par_grades_set(s, id, labels, mins, n, e);
}

/* The registry's only province valid on d, else "". */
static void default_scope(const unit_set_t *u, date_t d, char out[STORE_PAR_UNIT])
{
    const char *found = NULL;
    size_t n = 0;
    for (size_t i = 0; i < u->n; i++)
        if (u->units[i].kind == UNIT_TINH && unit_valid_at(&u->units[i], d)) {
            found = u->units[i].code;
            n++;
        }
    snprintf(out, STORE_PAR_UNIT, "%s", n == 1 ? found : "");
}

/* ---- appraiser units by name --------------------------------------------- */

static bool name_matches(const unit_t *u, const char *key)
{
    int rc = 0;
    char *k = text_key(u->name, strlen(u->name), &rc);
    bool hit = k && strncmp(k, key, strlen(key)) == 0;
    mem_free(k);
    for (size_t i = 0; !hit && i < u->naliases; i++) {
        k = text_key(u->aliases[i], strlen(u->aliases[i]), &rc);
        hit = k && strcmp(k, key) == 0;
        mem_free(k);
    }
    return hit;
}

/* The department of the scope whose name starts with one of names. */
static const char *find_department(const unit_set_t *u, const char *scope, date_t d,
                                   const char *const *names, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        int rc = 0;
        char *key = text_key(names[j], strlen(names[j]), &rc);
        for (size_t i = 0; key && i < u->n; i++) {
            const unit_t *x = &u->units[i];
            if (x->kind != UNIT_SO || !unit_valid_at(x, d) ||
                (scope[0] && !unit_set_within(u, x->code, scope, d)) || !name_matches(x, key))
                continue;
            mem_free(key);
            return x->code;
        }
        mem_free(key);
    }
    return NULL;
}

static const char *role_unit(const unit_set_t *u, const char *scope, date_t d, const char *role)
{
    static const char *const digital[] = {"Sở Khoa học và Công nghệ",
                                          "Sở Thông tin và Truyền thông"};
    const char *label = par_framework_role_label_vi(role);
    if (strcmp(role, "chuyen_doi_so") == 0)
        return find_department(u, scope, d, digital, 2);
    return find_department(u, scope, d, &label, 1);
}

/* Maps every role the framework uses to a department found by name. */
static int map_roles(store_t *s, int64_t id, const par_framework_t *fw, const unit_set_t *u,
                     const char *scope, date_t d, err_t *e)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < fw->n; i++) {
        if (fw->nodes[i].parent != PAR_NOPARENT)
            continue;
        bool is_role = false;
        const char *role = par_framework_appraiser(fw, i, &is_role);
        const char *unit = is_role ? role_unit(u, scope, d, role) : NULL;
        if (unit)
            rc = store_par_appraiser_set(s, id, role, unit, e);
    }
    return rc;
}

/* ---- create and update --------------------------------------------------- */

static void default_name(store_par_campaign_t *c, const par_framework_t *fw)
{
    const char *kind = unit_kind_label_vi(fw->unit_kind);
    snprintf(c->name, sizeof c->name, "Chấm điểm Chỉ số CCHC năm %d (%s)", c->year, kind);
}

static int create_in(app_t *a, store_t *s, const user_t *actor, const app_par_campaign_in_t *in,
                     const par_framework_t *fw, const unit_set_t *units, int64_t *id, err_t *e)
{
    store_par_campaign_t c;
    memset(&c, 0, sizeof c);
    c.year = in->year;
    c.framework_id = in->framework_id;
    snprintf(c.unit_kind, sizeof c.unit_kind, "%s", unit_kind_code(fw->unit_kind));
    if (!par_framework_covers_year(fw, in->year))
        return err_set(
            e, ERR_INVALID, "par.framework_year", "Bộ tiêu chí số %lld không áp dụng cho năm %d",
            "Framework %lld does not serve the year %d", (long long)in->framework_id, in->year);
    if (in->name && in->name[0])
        snprintf(c.name, sizeof c.name, "%s", in->name);
    else
        default_name(&c, fw);
    const agencycal_t *cal = NULL;
    err_t ce;
    if (app_calendar(a, &cal, &ce))
        cal = NULL;
    c.bonus_max = kind_max(fw, PAR_KIND_BONUS);
    c.penalty_max = kind_max(fw, PAR_KIND_PENALTY);
    snprintf(c.survey_mode, sizeof c.survey_mode, "auto");
    int rc = set_dates(in, cal, &c, true, e);
    if (!rc)
        rc = set_caps(in, &c, e);
    if (!rc)
        rc = check_grades(in, e);
    if (rc)
        return rc;
    date_t on = DATE_NONE;
    if (date_parse(c.opens_on, strlen(c.opens_on), &on))
        on = date_from_ymd(c.year, 12, 1);
    if (in->scope)
        snprintf(c.scope_code, sizeof c.scope_code, "%s", in->scope);
    else
        default_scope(units, on, c.scope_code);
    if (c.scope_code[0] && !unit_set_find(units, c.scope_code, DATE_NONE))
        return err_set(e, ERR_NOTFOUND, "unit.not_found", "Không có đơn vị '%s' trong danh mục",
                       "No unit '%s' in the registry", c.scope_code);
    app_par_now(c.created_at);
    snprintf(c.created_by, sizeof c.created_by, "%s", app_par_who(actor));
    rc = store_par_campaign_insert(s, &c, id, e);
    if (!rc)
        rc = store_grades(s, *id, in, e);
    if (!rc)
        rc = map_roles(s, *id, fw, units, c.scope_code, on, e);
    if (!rc) {
        char object[48];
        snprintf(object, sizeof object, "par_campaign:%lld", (long long)*id);
        rc = store_audit_append(s, c.created_by, "par.campaign_create", object, c.name, e);
    }
    return rc;
}

int app_par_campaign_create(app_t *a, const user_t *actor, const app_par_campaign_in_t *in,
                            int64_t *id, err_t *e)
{
    if (!manager(actor))
        return forbidden(e);
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    par_framework_t *fw = NULL;
    unit_set_t units;
    unit_set_init(&units);
    rc = store_par_fw_load(s, in->framework_id, &fw, e);
    if (!rc)
        rc = store_unit_load(s, &units, e);
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        rc = create_in(a, s, actor, in, fw, &units, id, e);
        if (!rc)
            rc = store_commit(s, e);
        else
            store_rollback(s);
    }
    unit_set_release(&units);
    par_framework_free(fw);
    return rc;
}

/* Loads campaign id for a change by the standing agency: refused when
 * published (unless allow_published). */
static int load_for_change(app_t *a, const user_t *actor, int64_t id, bool allow_published,
                           store_t **s, app_par_camp_t *c, err_t *e)
{
    memset(c, 0, sizeof *c);
    unit_set_init(&c->units);
    int rc = app_store(a, s, e);
    if (!rc)
        rc = app_par_camp_load(a, *s, id, c, e);
    if (rc)
        return rc;
    if (!manager(actor) ||
        !app_par_is_standing(c, actor, c->c.scope_code[0] ? c->c.scope_code : NULL))
        return forbidden(e);
    if (c->published && !allow_published)
        return err_set(e, ERR_CONFLICT, "par.published",
                       "Kết quả đã công bố: cần hủy công bố (có lý do) trước khi thay đổi",
                       "Results are published: withdraw the publication (with a reason) first");
    return 0;
}

/* Runs the write of a change in one transaction with its audit event. */
static int commit_change(store_t *s, const user_t *actor, int64_t id, const char *action,
                         const char *detail, int rc, err_t *e)
{
    if (!rc) {
        char object[48];
        snprintf(object, sizeof object, "par_campaign:%lld", (long long)id);
        rc = store_audit_append(s, app_par_who(actor), action, object, detail, e);
    }
    if (!rc)
        return store_commit(s, e);
    store_rollback(s);
    return rc;
}

int app_par_campaign_update(app_t *a, const user_t *actor, int64_t id,
                            const app_par_campaign_in_t *in, err_t *e)
{
    store_t *s = NULL;
    app_par_camp_t c;
    int rc = load_for_change(a, actor, id, false, &s, &c, e);
    store_par_campaign_t n = c.c;
    if (!rc && in->name && in->name[0])
        snprintf(n.name, sizeof n.name, "%s", in->name);
    if (!rc && in->scope)
        snprintf(n.scope_code, sizeof n.scope_code, "%s", in->scope);
    if (!rc)
        rc = set_dates(in, c.cal, &n, false, e);
    if (!rc)
        rc = set_caps(in, &n, e);
    if (!rc)
        rc = check_grades(in, e);
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        rc = store_par_campaign_update(s, &n, e);
        if (!rc)
            rc = store_grades(s, id, in, e);
        rc = commit_change(s, actor, id, "par.campaign_update", n.name, rc, e);
    }
    app_par_camp_release(&c);
    return rc;
}

int app_par_campaign_extend(app_t *a, const user_t *actor, int64_t id, const char *unit,
                            const char *step, date_t due, const char *reason, err_t *e)
{
    store_t *s = NULL;
    app_par_camp_t c;
    app_par_step_t st = APP_PAR_STEP_SELF;
    int rc = load_for_change(a, actor, id, false, &s, &c, e);
    if (!rc && app_par_step_parse(step, &st))
        rc = err_set(e, ERR_INVALID, "par.step",
                     "Bước '%s' không hợp lệ (self, explain, round1, round2)",
                     "Unknown step '%s' (self, explain, round1, round2)", step ? step : "");
    if (!rc && !unit_set_find(&c.units, unit, DATE_NONE))
        rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không có đơn vị '%s' trong danh mục",
                     "No unit '%s' in the registry", unit);
    if (!rc)
        rc = app_par_text(reason, "reason", true, e);
    if (!rc && due == DATE_NONE)
        rc = err_set(e, ERR_INVALID, "par.campaign_dates", "Thiếu hạn mới",
                     "The new due date is "
                     "missing");
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        char d[STORE_PAR_DATE], at[STORE_PAR_AT], detail[160];
        fmt(due, d);
        app_par_now(at);
        store_par_extension_t x = {.campaign_id = id,
                                   .unit_code = unit,
                                   .step = app_par_step_name(st),
                                   .due_on = d,
                                   .reason = reason,
                                   .author = app_par_who(actor),
                                   .at = at};
        rc = store_par_extension_add(s, &x, e);
        snprintf(detail, sizeof detail, "%s %s -> %s", unit, x.step, d);
        rc = commit_change(s, actor, id, "par.campaign_extend", detail, rc, e);
    }
    app_par_camp_release(&c);
    return rc;
}

int app_par_campaign_appraiser(app_t *a, const user_t *actor, int64_t id, const char *role,
                               const char *unit, err_t *e)
{
    store_t *s = NULL;
    app_par_camp_t c;
    int rc = load_for_change(a, actor, id, false, &s, &c, e);
    size_t n = role ? strlen(role) : 0;
    bool ok = n > 0 && n < 32;
    for (size_t i = 0; ok && i < n; i++)
        ok = (role[i] >= 'a' && role[i] <= 'z') || role[i] == '_' ||
             (role[i] >= '0' && role[i] <= '9');
    if (!rc && !ok)
        rc = err_set(e, ERR_INVALID, "par.role", "Vai trò thẩm định không hợp lệ",
                     "Invalid appraiser role");
    if (!rc && unit && unit[0] && !unit_set_find(&c.units, unit, DATE_NONE))
        rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không có đơn vị '%s' trong danh mục",
                     "No unit '%s' in the registry", unit);
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        char detail[128];
        snprintf(detail, sizeof detail, "%s = %s", role, unit && unit[0] ? unit : "-");
        rc = store_par_appraiser_set(s, id, role, unit, e);
        rc = commit_change(s, actor, id, "par.campaign_appraiser", detail, rc, e);
    }
    app_par_camp_release(&c);
    return rc;
}

int app_par_campaign_finalise(app_t *a, const user_t *actor, int64_t id, err_t *e)
{
    store_t *s = NULL;
    app_par_camp_t c;
    int rc = load_for_change(a, actor, id, false, &s, &c, e);
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        char at[STORE_PAR_AT];
        app_par_now(at);
        rc = store_par_campaign_finalise(s, id, at, app_par_who(actor), e);
        rc = commit_change(s, actor, id, "par.campaign_finalise", NULL, rc, e);
    }
    app_par_camp_release(&c);
    return rc;
}

int app_par_campaign_publish(app_t *a, const user_t *actor, int64_t id, bool publish,
                             const char *reason, err_t *e)
{
    store_t *s = NULL;
    app_par_camp_t c;
    int rc = load_for_change(a, actor, id, !publish, &s, &c, e);
    if (!rc && !publish)
        rc = app_par_text(reason, "reason", true, e);
    if (!rc && publish && c.published)
        rc = err_set(e, ERR_CONFLICT, "par.published", "Kết quả đã được công bố",
                     "The results are already published");
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        char at[STORE_PAR_AT];
        app_par_now(at);
        rc = store_par_campaign_publish(s, id, publish ? at : NULL, app_par_who(actor), e);
        rc = commit_change(s, actor, id, publish ? "par.campaign_publish" : "par.campaign_withdraw",
                           reason, rc, e);
    }
    app_par_camp_release(&c);
    return rc;
}
