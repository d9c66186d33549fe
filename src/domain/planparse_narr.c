/* planparse_narr.c - the plan body: sections, targets sections, appendix
 * tables, and tasks from the narrative task sections (every item under a
 * task heading, with its "Cơ quan chủ trì / phối hợp", "Thời gian thực hiện"
 * lines). */
#include "domain/planparse_int.h"

#include "base/buf.h"
#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* ---- responsibility lines ------------------------------------------------------ */

static const char *const resp_labels[][2] = {{"co quan chu tri", "1"},
                                             {"don vi chu tri", "1"},
                                             {"chu tri", "1"},
                                             {"co quan thuc hien", "1"},
                                             {"don vi thuc hien", "1"},
                                             {"co quan don vi thuc hien", "1"},
                                             {"co quan don vi chu tri", "1"},
                                             {"bo phan thuc hien", "1"},
                                             {"co quan chu tri thuc hien", "1"},
                                             {"don vi chu tri thuc hien", "1"},
                                             {"chu tri thuc hien", "1"},
                                             {"trach nhiem thuc hien", "1"},
                                             {"co quan thuc hien chu tri", "1"},
                                             {"phong chu tri", "1"},
                                             {"co quan phoi hop", "2"},
                                             {"don vi phoi hop", "2"},
                                             {"phoi hop", "2"},
                                             {"co quan don vi phoi hop", "2"},
                                             {"phoi hop thuc hien", "2"},
                                             {"don vi phoi hop thuc hien", "2"},
                                             {"co quan phoi hop thuc hien", "2"},
                                             {"thoi gian thuc hien", "3"},
                                             {"thoi gian hoan thanh", "3"},
                                             {"thoi han hoan thanh", "3"},
                                             {"thoi han", "3"},
                                             {"thoi gian", "3"},
                                             {"tien do thuc hien", "3"},
                                             {"tien do hoan thanh", "3"},
                                             {"thoi diem hoan thanh", "3"},
                                             {"thoi han thuc hien", "3"},
                                             {"san pham", "4"},
                                             {"ket qua san pham", "4"},
                                             {"san pham dau ra", "4"},
                                             {"san pham hoan thanh", "4"},
                                             {"hinh thuc san pham", "4"}};

int planparse_resp_line(const char *s, const char **value)
{
    planparse_marker_t m;
    planparse_marker(s, &m);
    const char *t = s + (m.kind == PLANPARSE_MK_DASH || m.kind == PLANPARSE_MK_PLUS ? m.skip : 0);
    const char *colon = strchr(t, ':');
    if (!colon || colon - t > 64)
        return 0;
    char *key = planparse_keyn(t, (size_t)(colon - t));
    if (!key)
        return 0;
    int role = 0;
    for (size_t i = 0; !role && i < sizeof resp_labels / sizeof resp_labels[0]; i++)
        if (strcmp(key, resp_labels[i][0]) == 0)
            role = resp_labels[i][1][0] - '0';
    mem_free(key);
    if (role && value) {
        const char *v = colon + 1;
        while (*v == ' ')
            v++;
        *value = v;
    }
    return role;
}

/* ---- sections ------------------------------------------------------------------------ */

typedef struct section {
    size_t head;  /* heading paragraph */
    size_t start; /* first paragraph after the heading block */
    size_t end;
    int kind;
} section_t;

static bool is_section_head(const planparse_para_t *p, int top)
{
    if (p->kind != PLANPARSE_PARA_TEXT)
        return false;
    if (p->mk.kind == top)
        return true;
    if (p->mk.kind != PLANPARSE_MK_BODY || !p->caps)
        return false;
    char *k = planparse_key(p->text);
    bool yes =
        k && planparse_words(k) <= 16 && planparse_section_kind(p->text) != PLANPARSE_SECT_OTHER;
    mem_free(k);
    return yes;
}

static int top_rank(const planparse_ctx_t *c)
{
    int best = PLANPARSE_MK_BODY;
    for (size_t i = c->body; i < c->npara; i++) {
        const planparse_para_t *p = &c->paras[i];
        if (p->kind != PLANPARSE_PARA_TEXT || p->mk.kind == PLANPARSE_MK_BODY ||
            p->mk.kind >= PLANPARSE_MK_LETTER)
            continue;
        if (p->mk.kind < best &&
            planparse_section_kind(p->text + p->mk.skip) != PLANPARSE_SECT_OTHER)
            best = p->mk.kind;
    }
    return best == PLANPARSE_MK_BODY ? PLANPARSE_MK_ROMAN : best;
}

/* ---- narrative tree ------------------------------------------------------------------ */

#define ROOT (-1L)

/* The nodes of a section are in document order and every subtree is a
 * contiguous run: the descendants of node i are i+1 .. end[i]. Walking
 * children and subtrees is therefore linear in the section. */
typedef struct nnode {
    size_t para;
    int rank;
    long parent;
    size_t end; /* last descendant (i itself when none) */
    int resp;   /* 0, or the role of a responsibility line */
} nnode_t;

typedef struct narr {
    planparse_ctx_t *c;
    nnode_t *n;
    size_t count;
    planparse_area_t section_area;
    const char *prefix; /* section label when there are several task sections */
    bool appendix;      /* an appendix written as prose: its tasks are authoritative */
} narr_t;

typedef struct resp {
    buf_t lead, support;
    const char *deadline, *product; /* borrowed from paragraphs */
    planparse_pos_t deadline_pos;
    size_t deadlines; /* deadline lines seen (only the first is kept) */
    bool any;
} resp_t;

static void resp_init(resp_t *r)
{
    memset(r, 0, sizeof *r);
    buf_init(&r->lead, PLANPARSE_MAX_PARA);
    buf_init(&r->support, PLANPARSE_MAX_PARA);
}

static void resp_release(resp_t *r)
{
    buf_release(&r->lead);
    buf_release(&r->support);
}

static int resp_add(narr_t *w, resp_t *r, const nnode_t *node)
{
    const char *v = NULL;
    planparse_resp_line(w->c->paras[node->para].text, &v);
    if (!v || !*v)
        return 0;
    r->any = true;
    if (node->resp == 3) {
        if (!r->deadline) {
            r->deadline = v;
            r->deadline_pos = w->c->paras[node->para].pos;
        }
        r->deadlines++;
        return 0;
    }
    if (node->resp == 4) {
        if (!r->product)
            r->product = v;
        return 0;
    }
    buf_t *b = node->resp == 1 ? &r->lead : &r->support;
    int rc = b->len ? buf_puts(b, "; ") : 0;
    if (!rc)
        rc = buf_puts(b, v);
    if (!rc) {
        /* "Phòng Nội vụ." -> "Phòng Nội vụ" */
        while (b->len && strchr(" .", b->data[b->len - 1]))
            b->data[--b->len] = '\0';
    }
    return rc;
}

/* First descendant and one past the last descendant of n. */
static size_t sub_begin(const narr_t *w, long n)
{
    (void)w;
    return n == ROOT ? 0 : (size_t)n + 1;
}

static size_t sub_end(const narr_t *w, long n)
{
    return n == ROOT ? w->count : w->n[n].end + 1;
}

/* The child after child i (or the end). */
static size_t next_child(const narr_t *w, size_t i)
{
    return w->n[i].end + 1;
}

/* Responsibility lines of n's subtree (direct = only its own children). */
static int collect_resp(narr_t *w, long n, bool direct, resp_t *r)
{
    int rc = 0;
    size_t end = sub_end(w, n);
    for (size_t i = sub_begin(w, n); !rc && i < end; i = direct ? next_child(w, i) : i + 1)
        if (w->n[i].resp)
            rc = resp_add(w, r, &w->n[i]);
    return rc;
}

static const char *node_text(const narr_t *w, long n)
{
    const planparse_para_t *p = &w->c->paras[w->n[n].para];
    return p->text + (p->mk.kind != PLANPARSE_MK_BODY ? p->mk.skip : 0);
}

static int make_task(narr_t *w, long n, planparse_area_t area_ctx, const char *no,
                     const resp_t *inh)
{
    planparse_ctx_t *c = w->c;
    planparse_task_t t = {0};
    t.source = w->appendix ? PLANPARSE_SRC_TABLE : PLANPARSE_SRC_NARRATIVE;
    t.pos = c->paras[w->n[n].para].pos;
    t.no = planparse_strdup(c, no);
    t.title = planparse_strdup(c, node_text(w, n));
    if (t.title) {
        size_t l = strlen(t.title);
        if (l && t.title[l - 1] == ':')
            t.title[l - 1] = '\0';
    }
    buf_t det;
    buf_init(&det, PLANPARSE_MAX_PARA);
    int rc = t.no && t.title ? 0 : ERR_NOMEM;
    for (size_t i = sub_begin(w, n); !rc && i < sub_end(w, n); i++)
        if (!w->n[i].resp) {
            if (det.len)
                rc = buf_putc(&det, '\n');
            if (!rc)
                rc = buf_puts(&det, c->paras[w->n[i].para].text);
        }
    if (!rc && det.len) {
        t.detail = buf_detach(&det);
        if (!t.detail)
            rc = ERR_NOMEM;
    }
    buf_release(&det);
    resp_t r;
    resp_init(&r);
    if (!rc)
        rc = collect_resp(w, n, true, &r);
    if (!rc && !r.any)
        rc = collect_resp(w, n, false, &r);
    const resp_t *use = r.any ? &r : inh;
    if (!rc && use && use->deadlines > 1)
        planparse_warn(c, t.pos, "plan.task_deadlines",
                       "Nhiệm vụ %s có %zu thời hạn ở các mục con; chỉ lấy thời hạn đầu tiên",
                       "Task %s has %zu deadlines in its sub-items; only the first is kept", no,
                       use->deadlines);
    if (!rc) {
        t.area =
            area_ctx != PLANPARSE_AREA_NONE ? area_ctx : planparse_area_classify(t.title, NULL);
        if (t.area == PLANPARSE_AREA_NONE && t.detail)
            t.area = planparse_area_classify(t.detail, NULL);
        if (t.area == PLANPARSE_AREA_NONE)
            planparse_warn(c, t.pos, "plan.task_area_unknown",
                           "Không xác định được lĩnh vực của nhiệm vụ %s",
                           "The area of task %s is unknown", no);
        if (use && use->product) {
            t.product = planparse_strdup(c, use->product);
            if (!t.product)
                rc = ERR_NOMEM;
        }
        if (t.product)
            planparse_trim_end(t.product);
    }
    char *deadline = NULL;
    if (!rc && use && use->deadline) {
        deadline = planparse_strdup(c, use->deadline);
        if (deadline)
            planparse_trim_end(deadline);
        else
            rc = ERR_NOMEM;
    }
    if (!rc)
        rc = planparse_task_fill(c, &t, use && use->lead.len ? use->lead.data : NULL,
                                 use && use->support.len ? use->support.data : NULL, deadline,
                                 use ? use->deadline_pos : t.pos);
    mem_free(deadline);
    resp_release(&r);
    if (!rc)
        rc = planparse_push_task(c, &t, w->appendix);
    planparse_task_release(&t);
    if (rc)
        planparse_nomem(c);
    return rc;
}

static int targets_subtree(narr_t *w, long n, planparse_area_t area)
{
    int rc = 0;
    for (size_t i = sub_begin(w, n); !rc && i < sub_end(w, n); i++)
        if (!w->n[i].resp)
            rc = planparse_targets_para(w->c, w->c->paras[w->n[i].para].text,
                                        w->c->paras[w->n[i].para].pos, area);
    return rc;
}

static int emit(narr_t *w, long n, planparse_area_t area_ctx, const char *no, const resp_t *inh);
static int container(narr_t *w, long n, planparse_area_t area, const char *no);

/* Emits the pending items of a container with the responsibility block r
 * (NULL: none). */
static int flush_items(narr_t *w, const size_t *items, size_t n_items, planparse_area_t area,
                       const char *no, size_t *ordinal, const resp_t *r)
{
    int rc = 0;
    for (size_t x = 0; !rc && x < n_items; x++) {
        const planparse_para_t *p = &w->c->paras[w->n[items[x]].para];
        char *key = planparse_key(p->text);
        if (!key)
            return ERR_NOMEM;
        bool mention = planparse_has(key, "phu luc");
        mem_free(key);
        if (mention)
            w->c->mentions_appendix = true;
        if (mention && p->text[0] == '(')
            continue; /* "(Nhiệm vụ cụ thể theo Phụ lục kèm theo)" */
        rc = planparse_poll(w->c);
        if (rc)
            break;
        (*ordinal)++;
        char ord[16], child_no[64];
        snprintf(ord, sizeof ord, "%zu", *ordinal);
        snprintf(child_no, sizeof child_no, "%s%s%s", no ? no : "", no ? "." : "",
                 p->mk.label[0] ? p->mk.label : ord);
        rc = emit(w, (long)items[x], area, child_no, r);
    }
    return rc;
}

/* A container: its items are tasks; a block of responsibility lines among
 * its direct children belongs to the items before it. */
static int container(narr_t *w, long n, planparse_area_t area, const char *no)
{
    size_t begin = sub_begin(w, n), end = sub_end(w, n);
    size_t *items = mem_calloc(end - begin + 1, sizeof *items);
    if (!items)
        return ERR_NOMEM;
    size_t n_items = 0, ordinal = 0;
    int rc = 0;
    size_t i = begin;
    while (!rc && i < end) {
        if (!w->n[i].resp) {
            items[n_items++] = i;
            i = next_child(w, i);
            continue;
        }
        /* a block of responsibility lines: up to the next direct item */
        resp_t r;
        resp_init(&r);
        for (; !rc && i < end && w->n[i].resp; i = next_child(w, i))
            rc = resp_add(w, &r, &w->n[i]);
        if (!rc)
            rc = flush_items(w, items, n_items, area, no, &ordinal, &r);
        resp_release(&r);
        n_items = 0;
    }
    if (!rc)
        rc = flush_items(w, items, n_items, area, no, &ordinal, NULL);
    mem_free(items);
    return rc;
}

static int emit(narr_t *w, long n, planparse_area_t area_ctx, const char *no, const resp_t *inh)
{
    bool strong = false;
    const char *text = node_text(w, n);
    planparse_area_t a = planparse_area_classify(text, &strong);
    if (planparse_is_target_heading(text))
        return targets_subtree(w, n, a != PLANPARSE_AREA_NONE ? a : area_ctx);
    size_t blocks = 0, children = 0;
    bool prev_resp = false, item_after_block = false;
    for (size_t i = sub_begin(w, n); i < sub_end(w, n); i = next_child(w, i)) {
        children++;
        if (w->n[i].resp && !prev_resp)
            blocks++;
        if (!w->n[i].resp && blocks > 0)
            item_after_block = true;
        prev_resp = w->n[i].resp != 0;
    }
    if (blocks >= 2 && item_after_block)
        return container(w, n, strong ? a : area_ctx, no);
    if (blocks == 0 && strong && children > 0) /* an appendix numbers across its areas */
        return container(w, n, a, w->appendix ? NULL : no);
    return make_task(w, n, area_ctx, no, inh);
}

/* Builds the tree of a task section's paragraphs and emits its tasks. */
static int narrative(planparse_ctx_t *c, const section_t *s, const char *prefix, bool appendix)
{
    narr_t w = {.c = c, .prefix = prefix, .appendix = appendix};
    w.n = mem_calloc(s->end - s->start + 1, sizeof *w.n);
    if (!w.n)
        return ERR_NOMEM;
    long stack[16];
    int depth = 0;
    for (size_t i = s->start; i < s->end; i++) {
        const planparse_para_t *p = &c->paras[i];
        if (p->kind != PLANPARSE_PARA_TEXT)
            continue;
        nnode_t node = {.para = i, .rank = p->mk.kind, .parent = ROOT, .end = w.count};
        node.resp = planparse_resp_line(p->text, NULL);
        if (node.resp && p->mk.kind == PLANPARSE_MK_BODY) {
            /* to the innermost numbered or lettered item, which the
               following paragraphs continue (bullets before it are closed) */
            int d = depth;
            while (d > 0 && w.n[stack[d - 1]].rank > PLANPARSE_MK_LETTER)
                d--;
            if (d > 0)
                depth = d;
            node.parent = depth > 0 ? stack[depth - 1] : ROOT;
        } else if (node.resp || p->mk.kind != PLANPARSE_MK_BODY) {
            while (depth > 0 && w.n[stack[depth - 1]].rank >= p->mk.kind)
                depth--;
            node.parent = depth > 0 ? stack[depth - 1] : ROOT;
            if (!node.resp && depth < 16)
                stack[depth++] = (long)w.count;
        } else {
            node.parent = depth > 0 ? stack[depth - 1] : ROOT;
        }
        for (long a = node.parent; a != ROOT; a = w.n[a].parent)
            w.n[a].end = w.count;
        w.n[w.count++] = node;
    }
    planparse_area_t area = PLANPARSE_AREA_NONE;
    if (s->kind == PLANPARSE_SECT_AREA)
        area = planparse_area_classify(c->paras[s->head].text, NULL);
    w.section_area = area;
    int rc = container(&w, ROOT, area, prefix);
    mem_free(w.n);
    return rc;
}

/* ---- targets sections ----------------------------------------------------------------------- */

static int targets_section(planparse_ctx_t *c, const section_t *s)
{
    struct {
        int rank;
        planparse_area_t area;
    } stack[16];
    int depth = 0, rc = 0;
    for (size_t i = s->start; !rc && i < s->end; i++) {
        const planparse_para_t *p = &c->paras[i];
        rc = planparse_poll(c);
        if (rc || p->kind != PLANPARSE_PARA_TEXT)
            continue;
        if (p->mk.kind < PLANPARSE_MK_DASH) {
            while (depth > 0 && stack[depth - 1].rank >= p->mk.kind)
                depth--;
            bool strong = false;
            planparse_area_t a = planparse_area_classify(p->text, &strong);
            if (strong && !strpbrk(p->text, "%") && depth < 16) {
                stack[depth].rank = p->mk.kind;
                stack[depth].area = a;
                depth++;
                continue;
            }
            if (!strpbrk(p->text, "0123456789") && depth < 16) {
                /* a heading without figures and without area: scope reset */
                stack[depth].rank = p->mk.kind;
                stack[depth].area = depth > 0 ? stack[depth - 1].area : PLANPARSE_AREA_NONE;
                depth++;
                continue;
            }
        }
        planparse_area_t area = depth > 0 ? stack[depth - 1].area : PLANPARSE_AREA_NONE;
        /* "a) Cải cách TTHC: 100% TTHC …": the area named before a colon */
        const char *text = p->text, *colon = strchr(text, ':');
        if (colon && colon - text < 100) {
            char *head = planparse_strndup(c, text, (size_t)(colon - text));
            bool strong = false;
            planparse_area_t a =
                head ? planparse_area_classify(head, &strong) : PLANPARSE_AREA_NONE;
            mem_free(head);
            if (strong && !memchr(text, '%', (size_t)(colon - text))) {
                area = a;
                text = colon + 1;
                while (*text == ' ')
                    text++;
            }
        }
        rc = planparse_targets_para(c, text, p->pos, area);
    }
    return rc;
}

/* ---- appendix as prose ------------------------------------------------------------------------
 */

/* Tasks of an appendix written as numbered items with responsibility
 * parts. Kept only when some item names a lead, a product or a deadline:
 * otherwise the appendix is something else (a list of documents) and the
 * narrative gives the tasks. */
static int prose_appendix(planparse_ctx_t *c, const section_t *s)
{
    size_t before = c->plan->ntasks;
    int rc = narrative(c, s, NULL, true);
    bool real = false;
    for (size_t i = before; !rc && i < c->plan->ntasks && !real; i++) {
        const planparse_task_t *t = &c->plan->tasks[i];
        real = (t->nlead && !t->lead_default) || t->deadline_text || t->product;
    }
    if (!rc && !real) {
        for (size_t i = before; i < c->plan->ntasks; i++)
            planparse_task_release(&c->plan->tasks[i]);
        c->plan->ntasks = before;
    }
    if (!rc && real && c->plan->ntasks > before)
        planparse_warn(c, c->paras[s->head].pos, "plan.appendix_prose",
                       "Phụ lục nhiệm vụ được đọc từ văn bản (không có bảng): %zu nhiệm vụ",
                       "The task appendix was read from prose (no table): %zu tasks",
                       c->plan->ntasks - before);
    return rc;
}

/* ---- body ---------------------------------------------------------------------------------- */

int planparse_body(planparse_ctx_t *c)
{
    int top = top_rank(c);
    section_t *secs = mem_calloc(c->npara + 1, sizeof *secs);
    if (!secs)
        return ERR_NOMEM;
    size_t ns = 0;
    bool appendix = false;
    for (size_t i = c->body; i < c->npara; i++) {
        if (!is_section_head(&c->paras[i], top))
            continue;
        /* inside an appendix, headings are its own (table sections) */
        int kind = planparse_section_kind(c->paras[i].text + c->paras[i].mk.skip);
        if (appendix && kind != PLANPARSE_SECT_APPENDIX)
            continue;
        appendix = kind == PLANPARSE_SECT_APPENDIX;
        if (ns)
            secs[ns - 1].end = i;
        secs[ns].head = i;
        secs[ns].start = i + 1;
        secs[ns].end = c->npara;
        secs[ns].kind = kind;
        if (secs[ns].kind == PLANPARSE_SECT_APPENDIX) {
            /* the appendix title and its "(Kèm theo …)" line */
            size_t j = i + 1;
            while (j < c->npara && c->paras[j].kind == PLANPARSE_PARA_TEXT &&
                   ((c->paras[j].caps && strchr(c->paras[j].text, ' ')) ||
                    c->paras[j].text[0] == '(') &&
                   c->paras[j].mk.kind == PLANPARSE_MK_BODY)
                j++;
            secs[ns].start = j;
            i = j - 1;
        }
        ns++;
    }
    int rc = 0;
    /* 1. appendix tables (anywhere in the body) */
    planparse_area_t area = PLANPARSE_AREA_NONE;
    for (size_t i = c->body; !rc && i < c->npara; i++)
        if (c->paras[i].kind == PLANPARSE_PARA_TABLE)
            rc = planparse_table_tasks(c, doc_block(c->doc, c->paras[i].block), &area);
    /* 1b. an appendix table flattened into paragraphs (PDF) */
    for (size_t s = 0; !rc && c->plan->ntasks == 0 && s < ns; s++)
        if (secs[s].kind == PLANPARSE_SECT_APPENDIX)
            rc = planparse_para_table(c, secs[s].start, secs[s].end, &area);
    /* 1c. an appendix written as prose: numbered items with their lead,
       coordinating units, product and deadline */
    for (size_t s = 0; !rc && c->plan->ntasks == 0 && s < ns; s++)
        if (secs[s].kind == PLANPARSE_SECT_APPENDIX)
            rc = prose_appendix(c, &secs[s]);
    /* 2. targets */
    for (size_t s = 0; !rc && s < ns; s++)
        if (secs[s].kind == PLANPARSE_SECT_TARGETS)
            rc = targets_section(c, &secs[s]);
    /* 3. narrative tasks, unless an appendix gave them */
    size_t ntask = 0;
    for (size_t s = 0; s < ns; s++)
        ntask += secs[s].kind == PLANPARSE_SECT_TASKS || secs[s].kind == PLANPARSE_SECT_AREA;
    c->ntask_sections = ntask;
    for (size_t s = 0; !rc && c->plan->ntasks == 0 && s < ns; s++) {
        if (secs[s].kind != PLANPARSE_SECT_TASKS && secs[s].kind != PLANPARSE_SECT_AREA)
            continue;
        const planparse_para_t *h = &c->paras[secs[s].head];
        rc = narrative(c, &secs[s], ntask > 1 && h->mk.label[0] ? h->mk.label : NULL, false);
    }
    bool signal = false; /* responsibility lines or area headings: a plan after all */
    for (size_t i = c->body; !signal && ns == 0 && i < c->npara; i++) {
        const planparse_para_t *p = &c->paras[i];
        bool strong = false;
        if (p->kind == PLANPARSE_PARA_TEXT &&
            (planparse_resp_line(p->text, NULL) ||
             (p->mk.kind < PLANPARSE_MK_DASH && planparse_area_classify(p->text, &strong) &&
              strong)))
            signal = true;
    }
    if (!rc && ns == 0 && c->plan->ntasks == 0 && signal) {
        /* no section headings at all: the whole body as one task section */
        section_t all = {
            .head = c->body, .start = c->body, .end = c->npara, .kind = PLANPARSE_SECT_TASKS};
        if (c->body < c->npara)
            rc = narrative(c, &all, NULL, false);
    }
    mem_free(secs);
    return rc ? rc : c->rc;
}
