/* store_plan.c - plans, tasks, assignments and targets in SQL. */
#include "store/store_plan.h"

#include "base/jsonx.h"
#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

static void bind_opt_int(store_stmt_t *st, int idx, int v)
{
    if (v > 0)
        store_bind_int(st, idx, v);
    else
        store_bind_null(st, idx);
}

int store_plan_find_hash(store_t *s, const char *hash, int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT id FROM plan WHERE doc_hash = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, hash);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        *id = store_col_int(st, 0);
        rc = 0;
    } else if (rc == STORE_DONE) {
        rc = ERR_NOTFOUND;
    }
    store_stmt_done(st);
    return rc;
}

static int insert_plan_row(store_t *s, const planparse_plan_t *p, const store_plan_meta_t *m,
                           int64_t *id, err_t *e)
{
    const planparse_docinfo_t *d = &p->doc;
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "INSERT INTO plan (doc_hash, source_name, unit_code, number, doc_type, issuer, "
        "issuer_code, place, issued_on, year, title, decision_number, decision_title, "
        "task_source, warnings, imported_at, imported_by, scope_code) VALUES (?1, ?2, ?3, ?4, "
        "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) RETURNING id",
        &st, e);
    if (rc)
        return rc;
    char date[DATE_ISO_LEN];
    if (d->date != DATE_NONE)
        date_format(d->date, date);
    json_t *w = json_array();
    for (size_t i = 0; w && i < p->nwarnings; i++)
        json_array_append_new(w, json_pack("{s:s,s:s,s:s,s:i,s:i}", "code", p->warnings[i].err.code,
                                           "message", p->warnings[i].err.vi, "message_en",
                                           p->warnings[i].err.en, "line", p->warnings[i].pos.line,
                                           "page", p->warnings[i].pos.page));
    char *wtext = w ? jsonx_dump(w) : NULL;
    json_decref(w);
    const char *src = p->task_source == PLANPARSE_SRC_TABLE       ? "table"
                      : p->task_source == PLANPARSE_SRC_NARRATIVE ? "narrative"
                                                                  : NULL;
    store_bind_text(st, 1, m->hash);
    store_bind_text(st, 2, m->source_name);
    store_bind_text(st, 3, m->unit_code[0] ? m->unit_code : NULL);
    store_bind_text(st, 4, d->number);
    store_bind_text(st, 5, d->type);
    store_bind_text(st, 6, d->issuer);
    store_bind_text(st, 7, d->issuer_unit);
    store_bind_text(st, 8, d->place);
    store_bind_text(st, 9, d->date != DATE_NONE ? date : NULL);
    bind_opt_int(st, 10, d->year);
    store_bind_text(st, 11, d->title ? d->title : "");
    store_bind_text(st, 12, d->decision_number);
    store_bind_text(st, 13, d->decision_title);
    store_bind_text(st, 14, src);
    store_bind_text(st, 15, wtext ? wtext : "[]");
    store_bind_text(st, 16, m->imported_at);
    store_bind_text(st, 17, m->imported_by);
    store_bind_text(st, 18, d->scope);
    rc = store_step(st, e);
    if (rc == STORE_ROW)
        *id = store_col_int(st, 0);
    store_stmt_done(st);
    free(wtext);
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_CONFLICT, "plan.duplicate", "Tài liệu này đã được nhập trước đó",
                       "This document has already been imported");
    return rc == STORE_ROW ? 0 : rc < 0 ? rc : ERR_DB;
}

static int insert_parties(store_t *s, int64_t task, const char *role, const planparse_party_t *v,
                          size_t n, err_t *e)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        store_stmt_t *st;
        rc = store_prepare(s,
                           "INSERT INTO task_assignment (task_id, role, seq, label, unit_code, "
                           "group_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           &st, e);
        if (rc)
            break;
        store_bind_int(st, 1, task);
        store_bind_text(st, 2, role);
        store_bind_int(st, 3, (int64_t)i + 1);
        store_bind_text(st, 4, v[i].text);
        store_bind_text(st, 5, v[i].unit);
        store_bind_text(st, 6, v[i].group);
        rc = store_run(st, e);
    }
    return rc;
}

int store_plan_bind_task(store_stmt_t *st, int at, size_t seq, const planparse_task_t *t, err_t *e)
{
    char due[DATE_ISO_LEN];
    date_t first = t->deadline ? deadline_first_due(t->deadline) : DATE_NONE;
    if (first != DATE_NONE)
        date_format(first, due);
    json_t *dj = t->deadline ? deadline_to_json(t->deadline) : NULL;
    char *djs = dj ? jsonx_dump(dj) : NULL;
    json_decref(dj);
    if (t->deadline && !djs) /* the deadline is never stored without its JSON */
        return err_nomem(e);
    store_bind_int(st, at, (int64_t)seq);
    store_bind_text(st, at + 1, t->no ? t->no : "");
    store_bind_text(st, at + 2, planparse_area_code(t->area));
    store_bind_text(st, at + 3, t->title ? t->title : "");
    store_bind_text(st, at + 4, t->detail);
    store_bind_text(st, at + 5, t->product);
    store_bind_int(st, at + 6, t->lead_default ? 1 : 0);
    store_bind_text(st, at + 7, t->deadline_text);
    store_bind_text(st, at + 8, t->deadline ? deadline_kind_name(t->deadline->kind) : NULL);
    store_bind_text(st, at + 9, first != DATE_NONE ? due : NULL);
    store_bind_text(st, at + 10, djs);
    free(djs);
    return 0;
}

int store_plan_insert_task(store_t *s, int64_t plan, size_t seq, const planparse_task_t *t,
                           int64_t *id_out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO task (plan_id, seq, task_no, area, title, detail, product, "
                           "lead_default, deadline_text, deadline_kind, due_first, deadline_json, "
                           "src_line, src_page) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                           "?11, ?12, ?13, ?14) RETURNING id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan);
    rc = store_plan_bind_task(st, 2, seq, t, e);
    bind_opt_int(st, 13, t->pos.line);
    bind_opt_int(st, 14, t->pos.page);
    if (!rc)
        rc = store_step(st, e);
    int64_t id = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_stmt_done(st);
    if (rc != STORE_ROW)
        return rc < 0 ? rc : ERR_DB;
    rc = insert_parties(s, id, "lead", t->lead, t->nlead, e);
    if (!rc)
        rc = insert_parties(s, id, "support", t->support, t->nsupport, e);
    if (!rc && id_out)
        *id_out = id;
    return rc;
}

int store_plan_insert_target(store_t *s, int64_t plan, size_t seq, const planparse_target_t *t,
                             err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO target (plan_id, seq, area, indicator, op, value, "
                           "value_max, unit, source_text, src_line, src_page) VALUES (?1, ?2, ?3, "
                           "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan);
    store_bind_int(st, 2, (int64_t)seq);
    store_bind_text(st, 3, planparse_area_code(t->area));
    store_bind_text(st, 4, t->indicator);
    store_bind_text(st, 5, planparse_op_code(t->op));
    store_bind_double(st, 6, t->value);
    if (t->op == PLANPARSE_OP_BETWEEN)
        store_bind_double(st, 7, t->value_max);
    else
        store_bind_null(st, 7);
    store_bind_text(st, 8, t->unit ? t->unit : "");
    store_bind_text(st, 9, t->text ? t->text : "");
    bind_opt_int(st, 10, t->pos.line);
    bind_opt_int(st, 11, t->pos.page);
    return store_run(st, e);
}

int store_plan_insert(store_t *s, const planparse_plan_t *p, const store_plan_meta_t *meta,
                      int64_t *id, err_t *e)
{
    int64_t pid = 0;
    int rc = insert_plan_row(s, p, meta, &pid, e);
    for (size_t i = 0; !rc && i < p->ntasks; i++)
        rc = store_plan_insert_task(s, pid, i + 1, &p->tasks[i], NULL, e);
    for (size_t i = 0; !rc && i < p->ntargets; i++)
        rc = store_plan_insert_target(s, pid, i + 1, &p->targets[i], e);
    if (!rc && id)
        *id = pid;
    return rc;
}

int store_plan_assignee_units(store_t *s, store_plan_unit_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT DISTINCT t.plan_id, a.unit_code FROM task_assignment a "
                           "JOIN task t ON t.id = a.task_id WHERE a.unit_code IS NOT NULL",
                           &st, e);
    if (rc)
        return rc;
    while (!rc && store_next(st, &rc, e))
        rc = fn(ctx, store_col_int(st, 0), store_col_text(st, 1), e);
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_plan_list(store_t *s, bool all, json_t **out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "SELECT p.id, p.number, p.doc_type, p.issuer, p.unit_code, p.issued_on, p.year, p.title, "
        "(SELECT COUNT(*) FROM task t WHERE t.plan_id = p.id), "
        "(SELECT COUNT(*) FROM target g WHERE g.plan_id = p.id), p.source_name, p.imported_at, "
        "p.imported_by, p.status, COALESCE(p.superseded_by, 0), p.status_at, p.status_by, "
        "p.status_reason FROM plan p WHERE (?1 = 1 OR p.status = 'current') ORDER BY p.id DESC",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, all ? 1 : 0);
    json_t *arr = json_array();
    if (!arr) {
        store_stmt_done(st);
        return err_nomem(e);
    }
    while (store_next(st, &rc, e)) {
        json_t *o = json_object();
        if (!o) {
            rc = err_nomem(e);
            break;
        }
        jsonx_set_int(o, "id", store_col_int(st, 0));
        jsonx_set_str(o, "number", store_col_text(st, 1));
        jsonx_set_str(o, "type", store_col_text(st, 2));
        jsonx_set_str(o, "issuer", store_col_text(st, 3));
        jsonx_set_str(o, "unit_code", store_col_text(st, 4));
        jsonx_set_str(o, "date", store_col_text(st, 5));
        jsonx_set_new(o, "year",
                      store_col_is_null(st, 6) ? json_null() : json_integer(store_col_int(st, 6)));
        jsonx_set_str(o, "title", store_col_text(st, 7));
        jsonx_set_int(o, "tasks", store_col_int(st, 8));
        jsonx_set_int(o, "targets", store_col_int(st, 9));
        jsonx_set_str(o, "source_name", store_col_text(st, 10));
        jsonx_set_str(o, "imported_at", store_col_text(st, 11));
        jsonx_set_str(o, "imported_by", store_col_text(st, 12));
        jsonx_set_str(o, "status", store_col_text(st, 13));
        if (store_col_int(st, 14) > 0)
            jsonx_set_int(o, "superseded_by", store_col_int(st, 14));
        if (!store_col_is_null(st, 15)) {
            jsonx_set_str(o, "status_at", store_col_text(st, 15));
            jsonx_set_str(o, "status_by", store_col_text(st, 16));
            jsonx_set_str(o, "status_reason", store_col_text(st, 17));
        }
        if (json_array_append_new(arr, o)) {
            rc = err_nomem(e);
            break;
        }
    }
    store_stmt_done(st);
    if (rc < 0) {
        json_decref(arr);
        return rc;
    }
    *out = arr;
    return 0;
}

static char *dup_col(store_stmt_t *st, int col, int *rc)
{
    const char *v = store_col_text(st, col);
    if (!v)
        return NULL;
    char *d = mem_strdup(v);
    if (!d)
        *rc = ERR_NOMEM;
    return d;
}

static int load_plan_row(store_t *s, int64_t id, planparse_plan_t *p, store_plan_meta_t *meta,
                         err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT doc_hash, source_name, unit_code, number, doc_type, issuer, "
                           "issuer_code, place, issued_on, year, title, decision_number, "
                           "decision_title, task_source, warnings, imported_at, imported_by, "
                           "scope_code FROM plan WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    rc = store_step(st, e);
    if (rc == STORE_DONE) {
        store_stmt_done(st);
        return err_set(e, ERR_NOTFOUND, "plan.not_found", "Không có kế hoạch số %lld",
                       "No plan %lld", (long long)id);
    }
    if (rc != STORE_ROW) {
        store_stmt_done(st);
        return rc < 0 ? rc : ERR_DB;
    }
    rc = 0;
    planparse_docinfo_t *d = &p->doc;
    if (meta) {
        meta->id = id;
        copy(meta->hash, sizeof meta->hash, store_col_text(st, 0));
        copy(meta->source_name, sizeof meta->source_name, store_col_text(st, 1));
        copy(meta->unit_code, sizeof meta->unit_code, store_col_text(st, 2));
        copy(meta->imported_at, sizeof meta->imported_at, store_col_text(st, 15));
        copy(meta->imported_by, sizeof meta->imported_by, store_col_text(st, 16));
    }
    d->number = dup_col(st, 3, &rc);
    d->type = dup_col(st, 4, &rc);
    d->issuer = dup_col(st, 5, &rc);
    d->issuer_unit = dup_col(st, 6, &rc);
    d->place = dup_col(st, 7, &rc);
    d->scope = dup_col(st, 17, &rc);
    const char *date = store_col_text(st, 8);
    if (date && date_parse(date, strlen(date), &d->date))
        d->date = DATE_NONE;
    d->year = store_col_is_null(st, 9) ? 0 : (int)store_col_int(st, 9);
    d->title = dup_col(st, 10, &rc);
    d->decision_number = dup_col(st, 11, &rc);
    d->decision_title = dup_col(st, 12, &rc);
    const char *src = store_col_text(st, 13);
    p->task_source = !src                        ? 0
                     : strcmp(src, "table") == 0 ? PLANPARSE_SRC_TABLE
                                                 : PLANPARSE_SRC_NARRATIVE;
    const char *wt = store_col_text(st, 14);
    json_t *w = wt ? jsonx_parse(wt, strlen(wt), NULL) : NULL;
    size_t i;
    json_t *o;
    json_array_foreach(w, i, o)
    {
        err_t x;
        err_clear(&x);
        x.status = ERR_INVALID;
        copy(x.code, sizeof x.code, jsonx_str(o, "code", ""));
        copy(x.vi, sizeof x.vi, jsonx_str(o, "message", ""));
        copy(x.en, sizeof x.en, jsonx_str(o, "message_en", ""));
        planparse_pos_t pos = {(int)jsonx_int(o, "line", 0), (int)jsonx_int(o, "page", 0)};
        if (!rc && planparse_plan_add_warning(p, pos, &x))
            rc = ERR_NOMEM;
    }
    json_decref(w);
    store_stmt_done(st);
    return rc == ERR_NOMEM ? err_nomem(e) : rc;
}

static int load_parties(store_t *s, int64_t task_id, planparse_task_t *t, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT role, label, unit_code, group_id FROM task_assignment "
                           "WHERE task_id = ?1 AND expanded_from IS NULL AND seq > 0 "
                           "ORDER BY role, seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, task_id);
    while (store_next(st, &rc, e)) {
        const char *role = store_col_text(st, 0);
        if (planparse_task_add_party(t, role && strcmp(role, "lead") == 0, store_col_text(st, 1),
                                     store_col_text(st, 2), store_col_text(st, 3))) {
            rc = err_nomem(e);
            break;
        }
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int load_tasks(store_t *s, int64_t id, planparse_plan_t *p, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT id, task_no, area, title, detail, product, lead_default, "
                           "deadline_text, src_line, src_page FROM task WHERE plan_id = ?1 "
                           "ORDER BY seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    /* rows first (the statement cache allows one active use per SQL text) */
    typedef struct row {
        int64_t id;
        planparse_task_t t;
    } row_t;
    row_t *rows = NULL;
    size_t n = 0, cap = 0;
    int mrc = 0;
    while (store_next(st, &rc, e)) {
        if (MEM_GROW(rows, cap, n + 1)) {
            mrc = ERR_NOMEM;
            break;
        }
        row_t *r = &rows[n++];
        memset(r, 0, sizeof *r);
        r->id = store_col_int(st, 0);
        r->t.no = dup_col(st, 1, &mrc);
        planparse_area_parse(store_col_text(st, 2), &r->t.area);
        r->t.title = dup_col(st, 3, &mrc);
        r->t.detail = dup_col(st, 4, &mrc);
        r->t.product = dup_col(st, 5, &mrc);
        r->t.lead_default = store_col_int(st, 6) != 0;
        r->t.deadline_text = dup_col(st, 7, &mrc);
        r->t.pos.line = (int)store_col_int(st, 8);
        r->t.pos.page = (int)store_col_int(st, 9);
        r->t.source = p->task_source;
    }
    store_stmt_done(st);
    if (rc > 0 || rc == STORE_DONE)
        rc = 0;
    if (!rc && mrc)
        rc = err_nomem(e);
    for (size_t i = 0; !rc && i < n; i++) {
        rc = load_parties(s, rows[i].id, &rows[i].t, e);
        if (!rc && planparse_plan_add_task(p, &rows[i].t))
            rc = err_nomem(e);
    }
    for (size_t i = 0; i < n; i++)
        planparse_task_release(&rows[i].t);
    mem_free(rows);
    return rc;
}

static int load_targets(store_t *s, int64_t id, planparse_plan_t *p, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT area, indicator, op, value, value_max, unit, source_text, "
                           "src_line, src_page FROM target WHERE plan_id = ?1 ORDER BY seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    while (store_next(st, &rc, e)) {
        planparse_target_t t = {0};
        planparse_area_parse(store_col_text(st, 0), &t.area);
        t.indicator = store_col_text(st, 1);
        planparse_op_parse(store_col_text(st, 2), &t.op);
        t.value = store_col_double(st, 3);
        t.value_max = store_col_is_null(st, 4) ? 0 : store_col_double(st, 4);
        t.unit = (char *)store_col_text(st, 5);
        t.text = (char *)store_col_text(st, 6);
        t.pos.line = (int)store_col_int(st, 7);
        t.pos.page = (int)store_col_int(st, 8);
        if (planparse_plan_add_target(p, &t)) {
            rc = err_nomem(e);
            break;
        }
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_plan_load(store_t *s, int64_t id, planparse_plan_t **out, store_plan_meta_t *meta,
                    err_t *e)
{
    planparse_plan_t *p = planparse_plan_new();
    if (!p)
        return err_nomem(e);
    int rc = load_plan_row(s, id, p, meta, e);
    if (!rc)
        rc = load_tasks(s, id, p, e);
    if (!rc)
        rc = load_targets(s, id, p, e);
    if (rc) {
        planparse_plan_free(p);
        return rc;
    }
    *out = p;
    return 0;
}
