/* app_tasks_write.c - task tracking writes: tracking start (group
 * expansion) and updates (app_tasks.h). */
#include "base/dtime.h"
#include "app/app_calendar.h"
#include "app/app_tasks.h"
#include "app/app_tasks_int.h"
#include "app/evidence.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "domain/unit_resolve.h"
#include "store/store_evidence.h"
#include "store/store_unit.h"
#include "store/store_audit.h"
#include "store/store_user.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* ---- tracking start ------------------------------------------------------- */

typedef struct expand_ctx {
    store_t *s;
    unit_set_t set; /* the registry (owned by the context) */
    const unit_set_t *units;
    unit_resolver_t *res;
    const store_task_plan_t *plan;
    date_t at;
    int added;
    json_t *unexpanded;
} expand_ctx_t;

static const char *plan_scope(const store_task_plan_t *p)
{
    if (p->scope_code[0])
        return p->scope_code;
    return NULL;
}

static int expand_group(void *ctx, int64_t id, int64_t task_id, const char *role, int seq,
                        const char *label, err_t *e)
{
    expand_ctx_t *c = ctx;
    unit_match_t m;
    int rc = unit_resolve_in(c->res, label, c->at, plan_scope(c->plan), &m, e);
    if (rc)
        return rc;
    size_t added = 0;
    if (m.kind == UNIT_MATCH_GROUP || m.kind == UNIT_MATCH_UNIT) {
        for (size_t i = 0; !rc && i < m.n; i++) {
            bool ok = false;
            rc = store_task_add_member(c->s, task_id, id, role, seq, m.units[i]->name,
                                       m.units[i]->code, &ok, e);
            added += ok;
        }
    }
    if (!rc && m.n == 0 && json_array_append_new(c->unexpanded, json_string(label)))
        rc = err_nomem(e);
    unit_resolve_match_release(&m);
    c->added += (int)added;
    return rc;
}

static int add_default_lead(void *ctx, int64_t task_id, err_t *e)
{
    expand_ctx_t *c = ctx;
    const char *code = c->plan->unit_code[0] ? c->plan->unit_code : c->plan->issuer_code;
    if (!*code)
        return 0;
    const unit_t *u = unit_set_find(c->units, code, DATE_NONE);
    bool ok = false;
    /* seq 0: a row the import did not write (store_plan_load skips it) */
    int rc = store_task_add_member(c->s, task_id, 0, "lead", 0, u ? u->name : code, code, &ok, e);
    c->added += ok;
    return rc;
}

static int expand(store_t *s, int64_t plan_id, const store_task_plan_t *p, expand_ctx_t *c,
                  err_t *e)
{
    unit_set_init(&c->set);
    int rc = store_unit_load(s, &c->set, e);
    c->units = &c->set;
    c->res = rc ? NULL : unit_resolve_new(&c->set, e);
    if (!rc && !c->res)
        rc = ERR_NOMEM;
    date_t at = DATE_NONE;
    if (p->issued_on[0])
        (void)date_parse(p->issued_on, strlen(p->issued_on), &at);
    if (at == DATE_NONE && p->year > 0)
        at = date_from_ymd(p->year, 1, 1);
    c->at = at;
    if (!rc)
        rc = store_task_groups(s, plan_id, expand_group, c, e);
    if (!rc)
        rc = store_task_leadless(s, plan_id, add_default_lead, c, e);
    unit_resolve_free(c->res);
    c->res = NULL;
    c->units = NULL;
    unit_set_release(&c->set);
    return rc;
}

static void now_iso(char out[DTIME_ISO_LEN])
{
    dtime_format(dtime_now(), out);
}

/* Expands the groups of a plan whose tracking has not started, marks it
 * started and records it (inside the caller's transaction). */
static int start_in(store_t *s, int64_t plan_id, const store_task_plan_t *p, expand_ctx_t *c,
                    err_t *e)
{
    int rc = expand(s, plan_id, p, c, e);
    char at[DTIME_ISO_LEN];
    now_iso(at);
    if (!rc)
        rc = store_task_mark_started(s, plan_id, at, e);
    if (!rc) {
        char object[48], detail[64];
        snprintf(object, sizeof object, "plan:%lld", (long long)plan_id);
        snprintf(detail, sizeof detail, "%d assignments added", c->added);
        rc = store_audit_append(s, "system", "task.tracking_start", object, detail, e);
    }
    return rc;
}

int app_tasks_tracking_in(store_t *s, int64_t plan_id, err_t *e)
{
    store_task_plan_t p;
    int rc = store_task_plan(s, plan_id, &p, e);
    if (rc || p.started)
        return rc;
    expand_ctx_t c = {.s = s, .plan = &p, .unexpanded = json_array()};
    if (!c.unexpanded)
        return err_nomem(e);
    rc = start_in(s, plan_id, &p, &c, e);
    json_decref(c.unexpanded);
    return rc;
}

int app_tasks_ensure_tracking(app_t *a, int64_t plan_id, int *expanded, json_t **unexpanded,
                              err_t *e)
{
    if (expanded)
        *expanded = 0;
    if (unexpanded)
        *unexpanded = NULL;
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    store_task_plan_t p;
    rc = store_task_plan(s, plan_id, &p, e);
    if (rc || (p.started && !unexpanded))
        return rc;
    expand_ctx_t c = {.s = s, .plan = &p, .unexpanded = json_array()};
    if (!c.unexpanded)
        return err_nomem(e);
    rc = store_begin(s, e);
    if (!rc)
        rc = store_task_plan(s, plan_id, &p, e); /* re-check under the write lock */
    if (!rc && !p.started)
        rc = start_in(s, plan_id, &p, &c, e);
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    if (!rc && expanded)
        *expanded = c.added;
    if (!rc && unexpanded)
        *unexpanded = c.unexpanded;
    else
        json_decref(c.unexpanded);
    return rc;
}

int app_tasks_start(app_t *a, const user_t *actor, int64_t plan_id, json_t **out, err_t *e)
{
    *out = NULL;
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    store_task_plan_t p;
    unit_set_t units;
    unit_set_init(&units);
    rc = store_task_plan(s, plan_id, &p, e);
    if (!rc)
        rc = store_unit_load(s, &units, e);
    if (!rc && !app_tasks_may_write(actor, &units, p.unit_code[0] ? p.unit_code : NULL))
        rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden", "Bạn không có quyền theo dõi kế hoạch này",
                     "You may not track this plan");
    unit_set_release(&units);
    int added = 0;
    json_t *unexp = NULL;
    if (!rc)
        rc = app_tasks_ensure_tracking(a, plan_id, &added, &unexp, e);
    if (rc)
        return rc;
    json_t *o = json_object();
    if (!o || jsonx_set_int(o, "plan_id", plan_id) || jsonx_set_int(o, "expanded", added) ||
        jsonx_set_new(o, "unexpanded", unexp)) {
        json_decref(o);
        return err_nomem(e);
    }
    *out = o;
    return 0;
}

/* ---- updates -------------------------------------------------------------- */

static int keep_row(void *ctx, const store_task_row_t *r, err_t *e)
{
    app_tasks_one_t *o = ctx;
    o->row = *r;
    const char **f[] = {&o->row.plan_title,    &o->row.plan_unit,  &o->row.task_no,
                        &o->row.area,          &o->row.title,      &o->row.detail,
                        &o->row.product,       &o->row.role,       &o->row.unit_code,
                        &o->row.label,         &o->row.status,     &o->row.reason,
                        &o->row.deadline_text, &o->row.updated_at, &o->row.completed_on};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        o->copy[i] = mem_strdup(*f[i]);
        if (!o->copy[i])
            return err_nomem(e);
        *f[i] = o->copy[i];
    }
    o->found = true;
    return 0;
}

void app_tasks_row_release(app_tasks_one_t *o)
{
    for (size_t i = 0; i < sizeof o->copy / sizeof *o->copy; i++)
        mem_free(o->copy[i]);
    memset(o, 0, sizeof *o);
}

int app_tasks_load_row(store_t *s, int64_t id, app_tasks_one_t *o, err_t *e)
{
    memset(o, 0, sizeof *o);
    int rc = store_task_rows(s, 0, id, keep_row, o, e);
    if (!rc && !o->found)
        rc = err_set(e, ERR_NOTFOUND, "task.not_found", "Không có nhiệm vụ được giao số %lld",
                     "No task assignment %lld", (long long)id);
    return rc;
}

static int check_evidence(store_t *s, const app_tasks_one_t *o, const app_tasks_update_in_t *in,
                          err_t *e)
{
    for (size_t i = 0; i < in->nevidence; i++) {
        store_evidence_t ev;
        err_t ignored;
        bool linked = false;
        int rc = store_evidence_get(s, in->evidence[i], &ev, &ignored);
        if (rc == 0)
            rc = store_task_evidence_linked(s, in->evidence[i], &linked, e);
        if (rc == 0 && !linked && strcmp(ev.attached_type, "task_assignment") == 0 &&
            ev.attached_id == o->row.id && strcmp(ev.unit_code, o->row.unit_code) == 0)
            continue;
        if (rc && rc != ERR_NOTFOUND)
            return rc;
        return err_set(e, ERR_INVALID, "task.evidence_invalid",
                       "Tệp minh chứng số %lld không thuộc nhiệm vụ này hoặc đã được dùng",
                       "Evidence %lld does not belong to this task or is already used",
                       (long long)in->evidence[i]);
    }
    return 0;
}

/* The state the update starts from: the assignment's (one-off task) or the
 * occurrence's of in->period (periodic task; NULL = the current period). */
static int starting_state(store_t *s, const agencycal_t *cal, const app_tasks_one_t *o,
                          const app_tasks_update_in_t *in, date_t on, task_status_status_t *cur,
                          int *cur_progress, date_t *due, char period[16], err_t *e)
{
    app_tasks_due_t d = {0};
    int rc = app_tasks_due(&d, s, &o->row, on, cal, e);
    period[0] = '\0';
    if (!rc && !d.nocc && in->period && *in->period)
        rc = err_set(e, ERR_INVALID, "task.period",
                     "Nhiệm vụ này không định kỳ: không cập nhật theo kỳ '%s'",
                     "This task is not periodic: no period '%s' to update", in->period);
    int i = rc ? -1 : app_tasks_occurrence(&d, in->period);
    if (!rc && d.nocc && i < 0)
        rc = err_set(e, ERR_INVALID, "task.period",
                     "Kỳ '%s' không phải một kỳ đã bắt đầu của nhiệm vụ định kỳ này",
                     "Period '%s' is not a started period of this periodic task",
                     in->period ? in->period : "");
    if (!rc && d.nocc) {
        *cur = d.occ_status[i];
        *cur_progress = d.occ_progress[i];
        *due = d.occ[i].due;
        snprintf(period, 16, "%s", d.occ[i].period);
    } else if (!rc) {
        err_t ignored;
        if (task_status_parse(o->row.status, cur, &ignored))
            *cur = TASK_STATUS_NOT_STARTED;
        *cur_progress = o->row.progress;
        *due = d.due;
    }
    app_tasks_due_release(&d);
    return rc;
}

/* The completion rule of DATA_DIR/tasks/rules.json (default: evidence or
 * a note); an unreadable file or value keeps the default. */
static app_tasks_proof_t proof_rule(app_t *a)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tasks/rules.json", app_data_dir(a));
    json_error_t je;
    json_t *o = json_load_file(path, 0, &je);
    const char *v = json_string_value(json_object_get(o, "completion_proof"));
    app_tasks_proof_t r = APP_TASKS_PROOF_EVIDENCE_OR_NOTE;
    if (v && strcmp(v, "evidence") == 0)
        r = APP_TASKS_PROOF_EVIDENCE;
    else if (v && strcmp(v, "note") == 0)
        r = APP_TASKS_PROOF_NOTE;
    else if (v && strcmp(v, "none") == 0)
        r = APP_TASKS_PROOF_NONE;
    json_decref(o);
    return r;
}

static bool blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* A completion comes with what the rule asks for. */
static int check_proof(app_tasks_proof_t rule, const app_tasks_update_in_t *in, err_t *e)
{
    bool note = !blank(in->note), files = in->nevidence + in->evidence_pending > 0;
    if (rule == APP_TASKS_PROOF_EVIDENCE_OR_NOTE && !note && !files)
        return err_set(e, ERR_INVALID, "task.completion_proof",
                       "Khi báo hoàn thành, hãy kèm tệp minh chứng hoặc ghi nội dung kết quả",
                       "A completion needs an evidence file or a note on the result");
    if (rule == APP_TASKS_PROOF_EVIDENCE && !files)
        return err_set(e, ERR_INVALID, "task.completion_proof",
                       "Khi báo hoàn thành, hãy kèm tệp minh chứng",
                       "A completion needs an evidence file");
    if (rule == APP_TASKS_PROOF_NOTE && !note)
        return err_set(e, ERR_INVALID, "task.completion_proof",
                       "Khi báo hoàn thành, hãy ghi nội dung kết quả",
                       "A completion needs a note on the result");
    return 0;
}

static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int apply_update(store_t *s, const user_t *actor, const agencycal_t *cal,
                        const app_tasks_one_t *o, const app_tasks_update_in_t *in,
                        app_tasks_proof_t proof, err_t *e)
{
    task_status_status_t cur = TASK_STATUS_NOT_STARTED, want;
    int rc = task_status_parse(in->status, &want, e);
    if (rc)
        return rc;
    date_t on = app_tasks_today(in->on), due = DATE_NONE;
    int cur_progress = 0;
    char period[16];
    rc = starting_state(s, cal, o, in, on, &cur, &cur_progress, &due, period, e);
    if (rc)
        return rc;
    task_status_change_t ch = {
        .status = want, .progress = in->progress, .note = in->note, .on = on, .due = due};
    task_status_status_t st;
    int progress;
    rc = task_status_apply(cur, cur_progress, &ch, &st, &progress, e);
    if (!rc && want == TASK_STATUS_DONE)
        rc = check_proof(proof, in, e);
    if (!rc)
        rc = check_evidence(s, o, in, e);
    if (rc || in->dry_run)
        return rc;
    char at[DTIME_ISO_LEN], day[DATE_ISO_LEN];
    if (in->at > 0)
        dtime_format(in->at, at);
    else
        now_iso(at);
    date_format(on, day);
    store_task_update_t u = {.assignment_id = o->row.id,
                             .status = task_status_code(st),
                             .progress = progress,
                             .note = in->note ? in->note : "",
                             .author = actor ? actor->login : "cli",
                             .at = at,
                             .on = task_status_is_completed(st) ? day : NULL,
                             .evidence = in->evidence,
                             .nevidence = in->nevidence,
                             .period = period[0] ? period : NULL};
    int64_t uid = 0;
    rc = store_task_update(s, &u, &uid, e);
    if (!rc) {
        char object[48], detail[96], before[96], after[96];
        snprintf(object, sizeof object, "task_assignment:%lld", (long long)o->row.id);
        snprintf(detail, sizeof detail, "update %lld: %s%s%s %d%%", (long long)uid, period,
                 period[0] ? " " : "", task_status_code(st), progress);
        /* status codes and periods are plain ASCII words: no JSON escaping */
        snprintf(before, sizeof before, "{\"status\":\"%s\",\"progress\":%d%s%s%s}",
                 task_status_code(cur), cur_progress, period[0] ? ",\"period\":\"" : "", period,
                 period[0] ? "\"" : "");
        snprintf(after, sizeof after, "{\"status\":\"%s\",\"progress\":%d%s%s%s}",
                 task_status_code(st), progress, period[0] ? ",\"period\":\"" : "", period,
                 period[0] ? "\"" : "");
        rc = store_audit_change(s, u.author, "task.update", object, detail, before, after, e);
    }
    return rc;
}

int app_tasks_update(app_t *a, const user_t *actor, int64_t id, const app_tasks_update_in_t *in,
                     json_t **out, err_t *e)
{
    if (out)
        *out = NULL;
    if (in->note && (code_points(in->note) > APP_TASK_NOTE_MAX ||
                     strlen(in->note) > 4 * (size_t)APP_TASK_NOTE_MAX))
        return err_set(e, ERR_INVALID, "task.note_too_long",
                       "Nội dung cập nhật quá dài (tối đa %d ký tự)",
                       "The update text is too long (at most %d characters)", APP_TASK_NOTE_MAX);
    app_tasks_proof_t proof = proof_rule(a);
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    const agencycal_t *cal;
    rc = app_calendar(a, &cal, e);
    if (rc)
        return rc;
    unit_set_t units;
    unit_set_init(&units);
    app_tasks_one_t o;
    memset(&o, 0, sizeof o);
    rc = store_unit_load(s, &units, e);
    if (!rc)
        rc = store_begin(s, e);
    if (rc) {
        unit_set_release(&units);
        return rc;
    }
    rc = app_tasks_load_row(s, id, &o, e); /* the current state, under the write lock */
    if (!rc && !app_tasks_may_read(actor, &units, o.row.unit_code, o.row.plan_unit))
        rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                     "Bạn không có quyền xem nhiệm vụ của đơn vị %s",
                     "You may not see tasks of unit %s", o.row.unit_code);
    else if (!rc && !app_tasks_may_write(actor, &units, o.row.unit_code))
        rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                     "Bạn không có quyền cập nhật nhiệm vụ của đơn vị %s",
                     "You may not update tasks of unit %s", o.row.unit_code);
    if (!rc)
        rc = apply_update(s, actor, cal, &o, in, proof, e);
    if (!rc && !in->dry_run)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    app_tasks_row_release(&o);
    unit_set_release(&units);
    if (!rc && out && !in->dry_run)
        rc = app_tasks_get(a, actor, id, in->on, out, e);
    return rc;
}
