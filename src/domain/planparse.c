/* planparse.c - the plan model and the parser's driver: stream, header,
 * resolution set-up, body, and the choice between appendix and narrative
 * tasks. */
#include "domain/planparse_int.h"

#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

const char *const planparse_indicators[] = {"tthc.on_time",
                                            "tthc.early",
                                            "tthc.satisfaction",
                                            "tthc.online",
                                            "tthc.full_online",
                                            "tthc.online_payment",
                                            "tthc.digitized",
                                            "tthc.digitized_result",
                                            "catalog.online_service",
                                            "catalog.online_payment",
                                            "catalog.published",
                                            "feedback.on_time",
                                            "office.e_documents",
                                            "office.e_files",
                                            "office.e_reports",
                                            "staff.right_position",
                                            "staff.trained",
                                            "finance.disbursement",
                                            "other",
                                            NULL};

static const char *const op_codes[] = {">=", ">", "=", "<=", "<", "between"};

const char *planparse_op_code(planparse_op_t op)
{
    return op <= PLANPARSE_OP_BETWEEN ? op_codes[op] : "?";
}

int planparse_op_parse(const char *s, planparse_op_t *out)
{
    for (int i = 0; s && i <= PLANPARSE_OP_BETWEEN; i++)
        if (strcmp(s, op_codes[i]) == 0) {
            *out = (planparse_op_t)i;
            return 0;
        }
    return ERR_INVALID;
}

/* ---- model ------------------------------------------------------------- */

planparse_plan_t *planparse_plan_new(void)
{
    planparse_plan_t *p = mem_calloc(1, sizeof *p);
    if (p)
        p->doc.date = DATE_NONE;
    return p;
}

static void party_release(planparse_party_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        mem_free(v[i].text);
        mem_free(v[i].unit);
        mem_free(v[i].group);
    }
    mem_free(v);
}

void planparse_task_release(planparse_task_t *t)
{
    if (!t)
        return;
    mem_free(t->no);
    mem_free(t->title);
    mem_free(t->detail);
    party_release(t->lead, t->nlead);
    party_release(t->support, t->nsupport);
    mem_free(t->product);
    mem_free(t->deadline_text);
    deadline_free(t->deadline);
    memset(t, 0, sizeof *t);
}

void planparse_plan_free(planparse_plan_t *p)
{
    if (!p)
        return;
    planparse_docinfo_t *d = &p->doc;
    mem_free(d->number);
    mem_free(d->type);
    mem_free(d->issuer);
    mem_free(d->issuer_unit);
    mem_free(d->scope);
    mem_free(d->place);
    mem_free(d->title);
    mem_free(d->decision_number);
    mem_free(d->decision_title);
    for (size_t i = 0; i < p->ntasks; i++)
        planparse_task_release(&p->tasks[i]);
    mem_free(p->tasks);
    for (size_t i = 0; i < p->ntargets; i++) {
        mem_free(p->targets[i].unit);
        mem_free(p->targets[i].text);
    }
    mem_free(p->targets);
    mem_free(p->warnings);
    mem_free(p);
}

int planparse_plan_add_warning(planparse_plan_t *p, planparse_pos_t pos, const err_t *w)
{
    if (MEM_GROW(p->warnings, p->warnings_cap, p->nwarnings + 1))
        return ERR_NOMEM;
    p->warnings[p->nwarnings].pos = pos;
    p->warnings[p->nwarnings].err = *w;
    p->nwarnings++;
    return 0;
}

static char *dup_or_null(const char *s, int *rc)
{
    if (!s)
        return NULL;
    char *d = mem_strdup(s);
    if (!d)
        *rc = ERR_NOMEM;
    return d;
}

int planparse_task_add_party(planparse_task_t *t, bool lead, const char *text, const char *unit,
                             const char *group)
{
    planparse_party_t **v = lead ? &t->lead : &t->support;
    size_t *n = lead ? &t->nlead : &t->nsupport;
    /* parties are few: exact-size growth, no capacity to keep */
    size_t cap = *n;
    if (MEM_GROW(*v, cap, *n + 1))
        return ERR_NOMEM;
    planparse_party_t *nv = *v;
    int rc = 0;
    planparse_party_t p = {dup_or_null(text ? text : "", &rc), dup_or_null(unit, &rc),
                           dup_or_null(group, &rc)};
    if (rc) {
        mem_free(p.text);
        mem_free(p.unit);
        mem_free(p.group);
        return rc;
    }
    nv[(*n)++] = p;
    return 0;
}

int planparse_plan_add_task(planparse_plan_t *p, const planparse_task_t *src)
{
    if (MEM_GROW(p->tasks, p->tasks_cap, p->ntasks + 1))
        return ERR_NOMEM;
    planparse_task_t t = {0};
    int rc = 0;
    t.no = dup_or_null(src->no, &rc);
    t.area = src->area;
    t.title = dup_or_null(src->title, &rc);
    t.detail = dup_or_null(src->detail, &rc);
    t.lead_default = src->lead_default;
    t.product = dup_or_null(src->product, &rc);
    t.deadline_text = dup_or_null(src->deadline_text, &rc);
    t.source = src->source;
    t.pos = src->pos;
    for (size_t i = 0; !rc && i < src->nlead; i++)
        rc = planparse_task_add_party(&t, true, src->lead[i].text, src->lead[i].unit,
                                      src->lead[i].group);
    for (size_t i = 0; !rc && i < src->nsupport; i++)
        rc = planparse_task_add_party(&t, false, src->support[i].text, src->support[i].unit,
                                      src->support[i].group);
    if (!rc && t.deadline_text && *t.deadline_text) {
        err_t e;
        int r =
            deadline_parse(t.deadline_text, strlen(t.deadline_text), p->doc.year, &t.deadline, &e);
        if (r == ERR_NOMEM)
            rc = r;
    }
    if (rc) {
        planparse_task_release(&t);
        return rc;
    }
    p->tasks[p->ntasks++] = t;
    return 0;
}

int planparse_plan_add_target(planparse_plan_t *p, const planparse_target_t *src)
{
    if (MEM_GROW(p->targets, p->targets_cap, p->ntargets + 1))
        return ERR_NOMEM;
    int rc = 0;
    planparse_target_t t = *src;
    t.unit = dup_or_null(src->unit ? src->unit : "", &rc);
    t.text = dup_or_null(src->text ? src->text : "", &rc);
    t.indicator = "other";
    for (size_t i = 0; src->indicator && planparse_indicators[i]; i++)
        if (strcmp(planparse_indicators[i], src->indicator) == 0)
            t.indicator = planparse_indicators[i];
    if (rc) {
        mem_free(t.unit);
        mem_free(t.text);
        return rc;
    }
    p->targets[p->ntargets++] = t;
    return 0;
}

/* ---- context helpers ----------------------------------------------------- */

void planparse_nomem(planparse_ctx_t *c)
{
    if (!c->rc)
        c->rc = ERR_NOMEM;
}

int planparse_poll(planparse_ctx_t *c)
{
    if (c->rc == ERR_BUSY)
        return ERR_BUSY;
    if (!c->opt.cancel || ++c->polls % PLANPARSE_POLL_EVERY != 0)
        return 0;
    if (c->opt.cancel(c->opt.cancel_arg) == 0)
        return 0;
    if (!c->rc)
        c->rc = ERR_BUSY;
    return ERR_BUSY;
}

/* A warning about task t from an error another module reported. */
static void task_warn(planparse_ctx_t *c, planparse_pos_t pos, const planparse_task_t *t,
                      const err_t *why)
{
    err_t w = *why;
    w.status = ERR_INVALID;
    err_prefixf(&w, "Nhiệm vụ %s: ", "Task %s: ", t->no ? t->no : "?");
    if (planparse_plan_add_warning(c->plan, pos, &w))
        planparse_nomem(c);
}

void planparse_warn(planparse_ctx_t *c, planparse_pos_t pos, const char *code, const char *vi,
                    const char *en, ...)
{
    err_t w;
    va_list ap;
    va_start(ap, en);
    err_vset(&w, ERR_INVALID, code, vi, en, ap);
    va_end(ap);
    if (planparse_plan_add_warning(c->plan, pos, &w))
        planparse_nomem(c);
}

char *planparse_strdup(planparse_ctx_t *c, const char *s)
{
    char *d = mem_strdup(s ? s : "");
    if (!d)
        planparse_nomem(c);
    return d;
}

char *planparse_strndup(planparse_ctx_t *c, const char *s, size_t n)
{
    char *d = mem_strndup(s, n);
    if (!d)
        planparse_nomem(c);
    return d;
}

int planparse_push_task(planparse_ctx_t *c, planparse_task_t *t, bool table)
{
    planparse_task_t **v = table ? &c->plan->tasks : &c->narr;
    size_t *n = table ? &c->plan->ntasks : &c->nnarr;
    size_t *cap = table ? &c->plan->tasks_cap : &c->narr_cap;
    if (MEM_GROW(*v, *cap, *n + 1)) {
        planparse_task_release(t);
        planparse_nomem(c);
        return ERR_NOMEM;
    }
    (*v)[(*n)++] = *t;
    memset(t, 0, sizeof *t);
    return 0;
}

int planparse_push_target(planparse_ctx_t *c, planparse_target_t *t)
{
    if (MEM_GROW(c->plan->targets, c->plan->targets_cap, c->plan->ntargets + 1)) {
        mem_free(t->unit);
        mem_free(t->text);
        planparse_nomem(c);
        return ERR_NOMEM;
    }
    c->plan->targets[c->plan->ntargets++] = *t;
    memset(t, 0, sizeof *t);
    return 0;
}

static void deadline_warnings(planparse_ctx_t *c, const planparse_task_t *t, planparse_pos_t pos)
{
    const deadline_schedule_t *s = t->deadline;
    for (size_t i = 0; s && i < s->nwarnings; i++)
        task_warn(c, pos, t, &s->warnings[i]);
    for (size_t a = 0; s && a < s->nassignees; a++) {
        const deadline_schedule_t *sub = s->assignees[a].schedule;
        for (size_t i = 0; sub && i < sub->nwarnings; i++)
            task_warn(c, pos, t, &sub->warnings[i]);
    }
}

int planparse_task_fill(planparse_ctx_t *c, planparse_task_t *t, const char *lead,
                        const char *support, const char *deadline, planparse_pos_t deadline_pos)
{
    int rc = 0;
    if (lead && *lead)
        rc = planparse_parties(c, lead, t->pos, &t->lead, &t->nlead);
    if (!rc && !t->nlead && (c->plan->doc.issuer || c->opt.issuer_unit)) {
        t->lead_default = true;
        const char *unit = c->plan->doc.issuer_unit ? c->plan->doc.issuer_unit : c->opt.issuer_unit;
        rc = planparse_task_add_party(t, true, c->plan->doc.issuer ? c->plan->doc.issuer : unit,
                                      unit, NULL);
    }
    if (!rc && support && *support)
        rc = planparse_parties(c, support, t->pos, &t->support, &t->nsupport);
    if (!rc && deadline && *deadline) {
        t->deadline_text = planparse_strdup(c, deadline);
        if (!t->deadline_text)
            return ERR_NOMEM;
        err_t e;
        int r = deadline_parse(deadline, strlen(deadline), c->year, &t->deadline, &e);
        if (r == ERR_NOMEM) {
            rc = r;
        } else if (r) { /* nothing a deadline can be made of ("·"): said, not kept */
            task_warn(c, deadline_pos, t, &e);
            mem_free(t->deadline_text);
            t->deadline_text = NULL;
        } else
            deadline_warnings(c, t, deadline_pos);
    }
    if (rc)
        planparse_nomem(c);
    return rc;
}

/* ---- driver -------------------------------------------------------------- */

/* The province above unit code (or the unit itself), or NULL. */
static const unit_t *province_of(const unit_set_t *set, const char *code, date_t at)
{
    const unit_t *u = unit_set_find(set, code, at);
    for (int depth = 0; u && depth < 32; depth++) {
        if (u->kind == UNIT_TINH)
            return u;
        u = u->parent ? unit_set_find(set, u->parent, at) : NULL;
    }
    return NULL;
}

static int setup_resolution(planparse_ctx_t *c)
{
    planparse_docinfo_t *d = &c->plan->doc;
    c->registry = c->opt.units && c->opt.units->n > 0;
    if (c->opt.resolver) {
        c->resolver = c->opt.resolver;
    } else {
        c->own_resolver = unit_resolve_new(c->registry ? c->opt.units : &c->empty_set, NULL);
        if (!c->own_resolver)
            return ERR_NOMEM;
        c->resolver = c->own_resolver;
    }
    if (d->date != DATE_NONE)
        c->at = d->date;
    else if (c->year > 0)
        c->at = date_from_ymd(c->year, 1, 1);
    else
        c->at = DATE_NONE;
    c->scope = c->opt.scope;
    if (!c->registry)
        return 0;
    const char *issuer_code = NULL;
    if (d->issuer) {
        char *unit = NULL, *group = NULL;
        bool amb = false;
        const char *keep = c->scope;
        c->scope = NULL;
        int rc = planparse_resolve(c, d->issuer, &unit, &group, &amb);
        c->scope = keep;
        mem_free(group);
        if (rc < 0)
            return rc;
        d->issuer_unit = unit;
        issuer_code = unit;
    }
    if (!issuer_code)
        issuer_code = c->opt.issuer_unit;
    if (!c->scope && issuer_code) {
        const unit_t *p = province_of(c->opt.units, issuer_code, c->at);
        if (p) {
            d->scope = planparse_strdup(c, p->code);
            if (!d->scope)
                return ERR_NOMEM;
        }
    }
    if (!c->scope && !d->scope && d->place) {
        char name[256];
        snprintf(name, sizeof name, "tỉnh %s", d->place);
        char *unit = NULL, *group = NULL;
        bool amb = false;
        int rc = planparse_resolve(c, name, &unit, &group, &amb);
        mem_free(group);
        if (rc < 0)
            return rc;
        const unit_t *p = unit ? province_of(c->opt.units, unit, c->at) : NULL;
        if (p)
            d->scope = planparse_strdup(c, p->code);
        mem_free(unit);
        if (p && !d->scope)
            return ERR_NOMEM;
    }
    if (!c->scope)
        c->scope = d->scope;
    if (d->issuer && !d->issuer_unit && c->scope) {
        char *group = NULL;
        bool amb = false;
        int rc = planparse_resolve(c, d->issuer, &d->issuer_unit, &group, &amb);
        mem_free(group);
        if (rc < 0)
            return rc;
    }
    if (d->issuer && !d->issuer_unit)
        planparse_warn(c, (planparse_pos_t){0, 0}, "plan.issuer_unresolved",
                       "Không xác định được đơn vị ban hành '%s' trong danh mục đơn vị",
                       "The issuing body '%s' is not in the unit registry", d->issuer);
    return 0;
}

static void ctx_release(planparse_ctx_t *c)
{
    for (size_t i = 0; i < c->npara; i++)
        mem_free(c->paras[i].text);
    mem_free(c->paras);
    for (size_t i = 0; i < c->nnarr; i++)
        planparse_task_release(&c->narr[i]);
    mem_free(c->narr);
    unit_resolve_free(c->own_resolver);
    unit_set_release(&c->empty_set);
    planparse_cache_release(&c->cache);
}

static int no_content(planparse_ctx_t *c, err_t *e)
{
    size_t text = 0;
    for (size_t i = 0; i < c->npara; i++)
        text += c->paras[i].kind == PLANPARSE_PARA_TEXT;
    if (text == 0)
        return err_set(e, ERR_INVALID, "plan.empty",
                       "Tài liệu không có nội dung văn bản nào (tệp rỗng hoặc bản quét cần "
                       "nhận dạng chữ)",
                       "The document holds no text (empty file, or a scan that needs OCR)");
    return err_set(e, ERR_INVALID, "plan.no_content",
                   "Không nhận ra nhiệm vụ hay chỉ tiêu nào trong tài liệu (%zu đoạn văn): "
                   "đây có phải là kế hoạch CCHC không?",
                   "No task and no target recognised in the document (%zu paragraphs): is it a "
                   "CCHC plan?",
                   text);
}

/* Bytes of text in d (paragraphs and cells). */
static size_t doc_bytes(const doc_t *d)
{
    size_t n = 0;
    for (size_t i = 0; i < doc_count(d); i++) {
        const doc_block_t *b = doc_block(d, i);
        n += b->len;
        for (size_t r = 0; r < b->nrows; r++)
            for (size_t k = 0; k < b->rows[r].ncells; k++)
                n += b->rows[r].cells[k].len;
    }
    return n;
}

int planparse_parse(const doc_t *d, const planparse_options_t *opt, planparse_plan_t **out,
                    err_t *e)
{
    size_t bytes = doc_bytes(d);
    if (bytes > PLANPARSE_MAX_DOC)
        return err_set(e, ERR_TOOLARGE, "plan.too_large",
                       "Tài liệu quá lớn để đọc như một kế hoạch (%zu MiB văn bản, tối đa %zu "
                       "MiB); hãy tách phụ lục thành tệp riêng",
                       "The document is too large to read as a plan (%zu MiB of text, at most %zu "
                       "MiB); split the appendix into a file of its own",
                       bytes >> 20, PLANPARSE_MAX_DOC >> 20);
    planparse_ctx_t c;
    memset(&c, 0, sizeof c);
    c.doc = d;
    c.doc_bytes = bytes;
    if (opt)
        c.opt = *opt;
    unit_set_init(&c.empty_set);
    c.plan = planparse_plan_new();
    if (!c.plan)
        return err_nomem(e);
    int rc = planparse_stream(&c);
    const char *sample = NULL;
    size_t furniture = doc_furniture(d, &sample);
    if (!rc && furniture)
        planparse_warn(&c, (planparse_pos_t){0, 0}, "plan.furniture",
                       "Đã bỏ %zu dòng tiêu đề trang và số trang lặp lại (ví dụ: '%s')",
                       "Dropped %zu lines of running titles and page numbers (e.g. '%s')",
                       furniture, sample ? sample : "1");
    if (!rc && c.npara == 0)
        rc = no_content(&c, e);
    else if (!rc)
        rc = planparse_header(&c);
    if (!rc)
        rc = c.rc;
    if (!rc)
        rc = setup_resolution(&c);
    if (!rc)
        rc = planparse_body(&c);
    if (!rc)
        rc = c.rc;
    if (!rc) {
        if (c.plan->ntasks > 0) {
            c.plan->task_source = PLANPARSE_SRC_TABLE;
        } else if (c.nnarr > 0) {
            mem_free(c.plan->tasks); /* empty: an appendix read and found not to be one */
            c.plan->tasks = c.narr;
            c.plan->ntasks = c.nnarr;
            c.plan->tasks_cap = c.narr_cap;
            c.narr = NULL;
            c.nnarr = 0;
            c.plan->task_source = PLANPARSE_SRC_NARRATIVE;
            if (c.mentions_appendix)
                planparse_warn(
                    &c, (planparse_pos_t){0, 0}, "plan.appendix_missing",
                    "Kế hoạch nhắc đến phụ lục nhiệm vụ nhưng tài liệu không có phụ lục; "
                    "nhiệm vụ được lấy từ phần nội dung",
                    "The plan refers to an appendix of tasks that the document does not "
                    "contain; tasks were taken from the narrative");
        }
        if (c.plan->ntasks == 0 && c.plan->ntargets == 0)
            rc = no_content(&c, e);
        else if (c.rc)
            rc = c.rc;
    }
    /* the small helpers (search keys of headings and labels) read a failed
       allocation as "no match": when memory has run out, the result is not
       trusted */
    void *probe = rc == ERR_NOMEM || rc == ERR_BUSY ? NULL : mem_alloc(256);
    if (!probe && rc != ERR_BUSY)
        rc = ERR_NOMEM;
    mem_free(probe);
    if (rc == ERR_NOMEM)
        err_nomem(e);
    else if (rc == ERR_BUSY)
        err_set(e, ERR_BUSY, "plan.cancelled",
                "Việc đọc kế hoạch đã dừng (quá thời gian cho phép hoặc máy chủ đang dừng)",
                "Reading the plan was stopped (time limit reached or the server is stopping)");
    ctx_release(&c);
    if (rc) {
        planparse_plan_free(c.plan);
        return rc;
    }
    *out = c.plan;
    return 0;
}
