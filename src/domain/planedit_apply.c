/* planedit_apply.c - the edit operations on a copy of a plan (planedit.h). */
#include "domain/planedit_apply.h"

#include "base/mem.h"
#include "base/text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Fills e with a message prefixed by the op's index; returns ERR_INVALID. */
static int op_err(err_t *e, size_t i, const char *code, const char *vi, const char *en, ...)
    __attribute__((format(printf, 4, 6)));
static int op_err(err_t *e, size_t i, const char *code, const char *vi, const char *en, ...)
{
    va_list ap;
    va_start(ap, en);
    err_vset(e, ERR_INVALID, code, vi, en, ap);
    va_end(ap);
    err_prefixf(e, "Thao tác %zu: ", "Edit %zu: ", i);
    return ERR_INVALID;
}

static bool blank(const char *s)
{
    while (s && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++;
    return !s || !*s;
}

static int check_task(const planparse_plan_t *p, size_t idx, const char *no, size_t i, err_t *e)
{
    if (idx >= p->ntasks)
        return op_err(e, i, "planedit.index",
                      "không có nhiệm vụ thứ %zu (kế hoạch có %zu nhiệm vụ)",
                      "there is no task %zu (the plan has %zu tasks)", idx, p->ntasks);
    const char *have = p->tasks[idx].no ? p->tasks[idx].no : "";
    if (no && strcmp(no, have) != 0)
        return op_err(e, i, "planedit.mismatch",
                      "nhiệm vụ thứ %zu có số '%s', không phải '%s': tài liệu đã thay đổi",
                      "task %zu is numbered '%s', not '%s': the document changed", idx, have, no);
    return 0;
}

static int check_target(const planparse_plan_t *p, size_t idx, size_t i, err_t *e)
{
    if (idx >= p->ntargets)
        return op_err(e, i, "planedit.index",
                      "không có chỉ tiêu thứ %zu (kế hoạch có %zu chỉ tiêu)",
                      "there is no target %zu (the plan has %zu targets)", idx, p->ntargets);
    return 0;
}

/* Replaces *slot by a copy of v (NULL or "" -> NULL when optional). */
static int put_str(char **slot, const char *v, bool optional, err_t *e)
{
    if (optional && v && !*v)
        v = NULL;
    char *d = NULL;
    if (v) {
        d = mem_strdup(v);
        if (!d)
            return err_nomem(e);
    }
    mem_free(*slot);
    *slot = d;
    return 0;
}

static int check_text(const planedit_field_t *f, size_t i, err_t *e)
{
    size_t n = f->text ? strlen(f->text) : 0;
    if (n > PLANEDIT_MAX_TEXT || (f->text && !text_valid(f->text, n)))
        return op_err(e, i, "planedit.value", "giá trị của '%s' không hợp lệ hoặc quá dài",
                      "the value of '%s' is not valid UTF-8 or too long",
                      planedit_field_name(f->id));
    return 0;
}

static int parse_area(const char *s, planparse_area_t *out)
{
    if (!s || !*s || strcmp(s, "none") == 0) {
        *out = PLANPARSE_AREA_NONE;
        return 0;
    }
    return planparse_area_parse(s, out);
}

static void parties_clear(planparse_party_t **v, size_t *n)
{
    for (size_t k = 0; k < *n; k++) {
        mem_free((*v)[k].text);
        mem_free((*v)[k].unit);
        mem_free((*v)[k].group);
    }
    mem_free(*v);
    *v = NULL;
    *n = 0;
}

static int set_parties(planparse_task_t *t, const planedit_field_t *f, size_t i, err_t *e)
{
    bool lead = f->id == PLANEDIT_F_LEAD;
    for (size_t k = 0; k < f->nparties; k++)
        if (blank(f->parties[k].text) ||
            !text_valid(f->parties[k].text, strlen(f->parties[k].text)))
            return op_err(e, i, "planedit.value", "tên đơn vị thứ %zu để trống hoặc không hợp lệ",
                          "unit name %zu is blank or invalid", k + 1);
    if (lead)
        parties_clear(&t->lead, &t->nlead);
    else
        parties_clear(&t->support, &t->nsupport);
    for (size_t k = 0; k < f->nparties; k++)
        if (planparse_task_add_party(t, lead, f->parties[k].text, f->parties[k].unit, NULL))
            return err_nomem(e);
    if (lead)
        t->lead_default = false;
    return 0;
}

static int set_deadline(planparse_task_t *t, const char *v, int year, err_t *e)
{
    if (put_str(&t->deadline_text, v, true, e))
        return ERR_NOMEM;
    deadline_free(t->deadline);
    t->deadline = NULL;
    if (!t->deadline_text)
        return 0;
    err_t ignored; /* an unparsed deadline is kept as text, as the parser does */
    int rc =
        deadline_parse(t->deadline_text, strlen(t->deadline_text), year, &t->deadline, &ignored);
    if (rc == ERR_NOMEM)
        return err_nomem(e);
    if (rc)
        t->deadline = NULL;
    return 0;
}

static int set_task_field(planparse_plan_t *p, planparse_task_t *t, const planedit_field_t *f,
                          size_t i, err_t *e)
{
    if (!planedit_field_is_task(f->id))
        return op_err(e, i, "planedit.field", "nhiệm vụ không có trường '%s'",
                      "a task has no field '%s'",
                      planedit_field_name(f->id) ? planedit_field_name(f->id) : "?");
    if (check_text(f, i, e))
        return ERR_INVALID;
    switch (f->id) {
    case PLANEDIT_F_NO:
        if (blank(f->text))
            return op_err(e, i, "planedit.value", "số thứ tự không được để trống",
                          "the task number may not be blank");
        return put_str(&t->no, f->text, false, e);
    case PLANEDIT_F_AREA:
        if (parse_area(f->text, &t->area))
            return op_err(e, i, "planedit.value", "không có lĩnh vực '%s'", "no area '%s'",
                          f->text);
        return 0;
    case PLANEDIT_F_TITLE:
        if (blank(f->text))
            return op_err(e, i, "planedit.title", "tên nhiệm vụ không được để trống",
                          "the task title may not be blank");
        return put_str(&t->title, f->text, false, e);
    case PLANEDIT_F_LEAD:
    case PLANEDIT_F_SUPPORT:
        return set_parties(t, f, i, e);
    case PLANEDIT_F_DEADLINE:
        return set_deadline(t, f->text, p->doc.year, e);
    case PLANEDIT_F_PRODUCT:
        return put_str(&t->product, f->text, true, e);
    default: /* PLANEDIT_F_DETAIL */
        return put_str(&t->detail, f->text, true, e);
    }
}

static int parse_number(const char *s, double *out)
{
    if (blank(s))
        return ERR_INVALID;
    char *end;
    double v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (*end || !isfinite(v))
        return ERR_INVALID;
    *out = v;
    return 0;
}

static int set_target_text(planparse_target_t *t, const planedit_field_t *f, size_t i, err_t *e)
{
    switch (f->id) {
    case PLANEDIT_F_AREA:
        if (parse_area(f->text, &t->area))
            return op_err(e, i, "planedit.value", "không có lĩnh vực '%s'", "no area '%s'",
                          f->text);
        return 0;
    case PLANEDIT_F_INDICATOR:
        for (size_t k = 0; f->text && planparse_indicators[k]; k++)
            if (strcmp(planparse_indicators[k], f->text) == 0) {
                t->indicator = planparse_indicators[k];
                return 0;
            }
        return op_err(e, i, "planedit.value", "không có chỉ số '%s'", "no indicator '%s'",
                      f->text ? f->text : "");
    case PLANEDIT_F_OP:
        if (!f->text || planparse_op_parse(f->text, &t->op))
            return op_err(e, i, "planedit.value", "phép so sánh '%s' không hợp lệ",
                          "comparison '%s' is invalid", f->text ? f->text : "");
        return 0;
    case PLANEDIT_F_UNIT:
        return put_str(&t->unit, f->text ? f->text : "", false, e);
    default: /* PLANEDIT_F_TEXT */
        return put_str(&t->text, f->text ? f->text : "", false, e);
    }
}

static int set_target_field(planparse_target_t *t, const planedit_field_t *f, size_t i, err_t *e)
{
    bool ok = f->id == PLANEDIT_F_AREA || !planedit_field_is_task(f->id);
    if (!ok)
        return op_err(e, i, "planedit.field", "chỉ tiêu không có trường '%s'",
                      "a target has no field '%s'",
                      planedit_field_name(f->id) ? planedit_field_name(f->id) : "?");
    if (check_text(f, i, e))
        return ERR_INVALID;
    if (f->id == PLANEDIT_F_VALUE || f->id == PLANEDIT_F_VALUE_MAX) {
        double v;
        if (parse_number(f->text, &v))
            return op_err(e, i, "planedit.value", "'%s' không phải là số", "'%s' is not a number",
                          f->text ? f->text : "");
        *(f->id == PLANEDIT_F_VALUE ? &t->value : &t->value_max) = v;
        return 0;
    }
    return set_target_text(t, f, i, e);
}

static int apply_fields_task(planparse_plan_t *p, size_t idx, const planedit_op_t *op, size_t i,
                             err_t *e)
{
    if (!op->nfields)
        return op_err(e, i, "planedit.field", "không có trường nào để sửa", "no field to set");
    for (size_t k = 0; k < op->nfields; k++) {
        int rc = set_task_field(p, &p->tasks[idx], &op->fields[k], i, e);
        if (rc)
            return rc;
    }
    return 0;
}

static int apply_fields_target(planparse_plan_t *p, size_t idx, const planedit_op_t *op, size_t i,
                               err_t *e)
{
    if (!op->nfields && op->kind == PLANEDIT_SET_TARGET)
        return op_err(e, i, "planedit.field", "không có trường nào để sửa", "no field to set");
    for (size_t k = 0; k < op->nfields; k++) {
        int rc = set_target_field(&p->targets[idx], &op->fields[k], i, e);
        if (rc)
            return rc;
    }
    if (p->targets[idx].op != PLANPARSE_OP_BETWEEN)
        p->targets[idx].value_max = 0;
    return 0;
}

/* Tags carried along the tasks and targets (stored ids, 0 = new);
 * always as many as the plan has. */
typedef struct tags {
    int64_t *task, *target;
    size_t ctask, ctarget;
} tags_t;

/* Inserts a 0 tag at position at of v (n entries before). */
static int tag_insert(int64_t **v, size_t *cap, size_t n, size_t at, err_t *e)
{
    if (MEM_GROW(*v, *cap, n + 1))
        return err_nomem(e);
    memmove(&(*v)[at + 1], &(*v)[at], (n - at) * sizeof **v);
    (*v)[at] = 0;
    return 0;
}

static void tag_remove(int64_t *v, size_t n, size_t at)
{
    memmove(&v[at], &v[at + 1], (n - at - 1) * sizeof *v);
}

/* Moves the last task of p to position at. */
static void rotate_last_to(planparse_plan_t *p, size_t at)
{
    planparse_task_t t = p->tasks[p->ntasks - 1];
    memmove(&p->tasks[at + 1], &p->tasks[at], (p->ntasks - 1 - at) * sizeof *p->tasks);
    p->tasks[at] = t;
}

/* Inserts a deep copy of task [src] at position at (with title and no
 * replaced). */
static int insert_copy(planparse_plan_t *p, tags_t *tg, size_t src, size_t at, const char *title,
                       const char *no, err_t *e)
{
    if (MEM_GROW(p->tasks, p->tasks_cap, p->ntasks + 1))
        return err_nomem(e);
    planparse_task_t tmp = p->tasks[src]; /* shallow: add_task copies */
    tmp.title = (char *)title;
    tmp.no = (char *)no;
    if (planparse_plan_add_task(p, &tmp))
        return err_nomem(e);
    rotate_last_to(p, at);
    return tag_insert(&tg->task, &tg->ctask, p->ntasks - 1, at, e);
}

static int split_parts(const planparse_task_t *t, const planedit_op_t *op, size_t i, char ***parts,
                       size_t *n, err_t *e)
{
    size_t len = t->title ? strlen(t->title) : 0;
    size_t cnt = op->ntitles ? op->ntitles : 2;
    if (op->ntitles == 1)
        return op_err(e, i, "planedit.split", "cần ít nhất hai tên khi tách",
                      "a split needs at least two titles");
    if (!op->ntitles && (op->offset == 0 || op->offset >= len ||
                         ((unsigned char)t->title[op->offset] & 0xC0) == 0x80))
        return op_err(e, i, "planedit.split", "vị trí tách %zu nằm ngoài tên nhiệm vụ",
                      "split offset %zu is not inside the title", op->offset);
    char **v = mem_calloc(cnt, sizeof *v);
    if (!v)
        return err_nomem(e);
    *parts = v;
    *n = cnt;
    for (size_t k = 0; k < cnt; k++) {
        const char *s = op->ntitles ? op->titles[k] : k ? t->title + op->offset : t->title;
        size_t sl = op->ntitles || k ? strlen(s) : op->offset;
        while (sl && (*s == ' ' || *s == '\n'))
            s++, sl--;
        while (sl && (s[sl - 1] == ' ' || s[sl - 1] == '\n'))
            sl--;
        if (!sl)
            return op_err(e, i, "planedit.split", "phần thứ %zu của nhiệm vụ tách bị trống",
                          "part %zu of the split task is blank", k + 1);
        v[k] = mem_strndup(s, sl);
        if (!v[k])
            return err_nomem(e);
    }
    return 0;
}

static int op_split(planparse_plan_t *p, tags_t *tg, const planedit_op_t *op, size_t i, err_t *e)
{
    char **parts = NULL;
    size_t n = 0;
    int rc = split_parts(&p->tasks[op->index], op, i, &parts, &n, e);
    const char *no = p->tasks[op->index].no ? p->tasks[op->index].no : "";
    for (size_t k = n; !rc && k-- > 1;) { /* insert the last first: positions stay right */
        char sub[96];
        snprintf(sub, sizeof sub, "%.80s-%zu", no, k + 1);
        rc = insert_copy(p, tg, op->index, op->index + 1, parts[k], sub, e);
    }
    if (!rc)
        rc = put_str(&p->tasks[op->index].title, parts[0], false, e);
    for (size_t k = 0; parts && k < n; k++)
        mem_free(parts[k]);
    mem_free(parts);
    return rc;
}

static void remove_task(planparse_plan_t *p, tags_t *tg, size_t idx)
{
    tag_remove(tg->task, p->ntasks, idx);
    planparse_task_release(&p->tasks[idx]);
    memmove(&p->tasks[idx], &p->tasks[idx + 1], (p->ntasks - idx - 1) * sizeof *p->tasks);
    p->ntasks--;
}

static int join(char **a, const char *b, const char *sep, err_t *e)
{
    if (!b || !*b)
        return 0;
    size_t la = *a ? strlen(*a) : 0, ls = la ? strlen(sep) : 0, lb = strlen(b);
    char *s = mem_alloc(la + ls + lb + 1);
    if (!s)
        return err_nomem(e);
    if (la)
        memcpy(s, *a, la);
    memcpy(s + la, sep, ls);
    memcpy(s + la + ls, b, lb + 1);
    mem_free(*a);
    *a = s;
    return 0;
}

static int unite(planparse_task_t *t, bool lead, const planparse_party_t *v, size_t n, err_t *e)
{
    for (size_t k = 0; k < n; k++) {
        const planparse_party_t *have = lead ? t->lead : t->support;
        size_t nh = lead ? t->nlead : t->nsupport;
        bool dup = false;
        for (size_t h = 0; h < nh && !dup; h++)
            dup = text_key_eq(have[h].text, v[k].text);
        if (!dup && planparse_task_add_party(t, lead, v[k].text, v[k].unit, v[k].group))
            return err_nomem(e);
    }
    return 0;
}

/* Moves an optional string from *from to *to when *to is empty. */
static void take_str(char **to, char **from)
{
    if (*to && **to)
        return;
    mem_free(*to);
    *to = *from;
    *from = NULL;
}

static int op_merge(planparse_plan_t *p, tags_t *tg, const planedit_op_t *op, size_t i, err_t *e)
{
    size_t j = op->has_index2 ? op->index2 : op->index + 1;
    if (j == op->index || j >= p->ntasks)
        return op_err(e, i, "planedit.merge", "không có nhiệm vụ thứ %zu để gộp vào nhiệm vụ %zu",
                      "there is no task %zu to merge into task %zu", j, op->index);
    if (check_task(p, j, op->no2, i, e))
        return ERR_INVALID;
    planparse_task_t *t = &p->tasks[op->index], *o = &p->tasks[j];
    int rc = join(&t->title, o->title, " ", e);
    if (!rc)
        rc = join(&t->detail, o->detail, "\n", e);
    if (!rc && t->lead_default && !o->lead_default && o->nlead) {
        parties_clear(&t->lead, &t->nlead);
        t->lead_default = false;
    }
    if (!rc && !(o->lead_default && t->nlead))
        rc = unite(t, true, o->lead, o->nlead, e);
    if (!rc)
        rc = unite(t, false, o->support, o->nsupport, e);
    if (rc)
        return rc;
    take_str(&t->product, &o->product);
    if (!t->deadline_text || !*t->deadline_text) {
        take_str(&t->deadline_text, &o->deadline_text);
        deadline_free(t->deadline);
        t->deadline = o->deadline;
        o->deadline = NULL;
    }
    remove_task(p, tg, j);
    return 0;
}

static int op_move(planparse_plan_t *p, const planedit_op_t *op, size_t i, err_t *e)
{
    if (op->to < op->index || op->to >= p->ntasks)
        return op_err(e, i, "planedit.index", "khoảng nhiệm vụ %zu..%zu không hợp lệ",
                      "the task range %zu..%zu is invalid", op->index, op->to);
    if (op->no2 && check_task(p, op->to, op->no2, i, e))
        return ERR_INVALID;
    for (size_t k = op->index; k <= op->to; k++)
        p->tasks[k].area = op->area;
    return 0;
}

/* The default number of an added task: one more than the largest leading
 * number of the plan's tasks. */
static void next_no(const planparse_plan_t *p, char *out, size_t cap)
{
    long max = 0;
    for (size_t k = 0; k < p->ntasks; k++) {
        const char *s = p->tasks[k].no ? p->tasks[k].no : "";
        long v = 0;
        while (*s >= '0' && *s <= '9' && v < 100000000)
            v = v * 10 + (*s++ - '0');
        if (v > max)
            max = v;
    }
    snprintf(out, cap, "%ld", max + 1);
}

static int op_add_task(planparse_plan_t *p, tags_t *tg, const planedit_op_t *op, size_t i, err_t *e)
{
    size_t at = op->index == PLANEDIT_APPEND ? p->ntasks : op->index;
    if (at > p->ntasks)
        return op_err(e, i, "planedit.index", "vị trí thêm %zu nằm ngoài danh sách (%zu nhiệm vụ)",
                      "insert position %zu is past the end (%zu tasks)", op->index, p->ntasks);
    bool titled = false;
    for (size_t k = 0; k < op->nfields; k++)
        titled |= op->fields[k].id == PLANEDIT_F_TITLE && !blank(op->fields[k].text);
    if (!titled)
        return op_err(e, i, "planedit.title", "nhiệm vụ thêm cần có tên",
                      "an added task needs a title");
    char no[32];
    next_no(p, no, sizeof no);
    planparse_task_t t = {.no = no, .title = "?", .source = p->task_source};
    t.area = at ? p->tasks[at - 1].area : p->ntasks ? p->tasks[0].area : PLANPARSE_AREA_NONE;
    if (MEM_GROW(p->tasks, p->tasks_cap, p->ntasks + 1) || planparse_plan_add_task(p, &t))
        return err_nomem(e);
    rotate_last_to(p, at);
    if (tag_insert(&tg->task, &tg->ctask, p->ntasks - 1, at, e))
        return ERR_NOMEM;
    return apply_fields_task(p, at, op, i, e);
}

static int op_add_target(planparse_plan_t *p, tags_t *tg, const planedit_op_t *op, size_t i,
                         err_t *e)
{
    size_t at = op->index == PLANEDIT_APPEND ? p->ntargets : op->index;
    if (at > p->ntargets)
        return op_err(e, i, "planedit.index", "vị trí thêm %zu nằm ngoài danh sách (%zu chỉ tiêu)",
                      "insert position %zu is past the end (%zu targets)", op->index, p->ntargets);
    planparse_target_t t = {.indicator = "other", .unit = "", .text = ""};
    if (planparse_plan_add_target(p, &t))
        return err_nomem(e);
    planparse_target_t last = p->targets[p->ntargets - 1];
    memmove(&p->targets[at + 1], &p->targets[at], (p->ntargets - 1 - at) * sizeof *p->targets);
    p->targets[at] = last;
    if (tag_insert(&tg->target, &tg->ctarget, p->ntargets - 1, at, e))
        return ERR_NOMEM;
    return apply_fields_target(p, at, op, i, e);
}

static int op_delete_target(planparse_plan_t *p, tags_t *tg, size_t idx, size_t i, err_t *e)
{
    if (check_target(p, idx, i, e))
        return ERR_INVALID;
    tag_remove(tg->target, p->ntargets, idx);
    mem_free(p->targets[idx].unit);
    mem_free(p->targets[idx].text);
    memmove(&p->targets[idx], &p->targets[idx + 1], (p->ntargets - idx - 1) * sizeof *p->targets);
    p->ntargets--;
    return 0;
}

static int apply_one(planparse_plan_t *p, tags_t *tg, const planedit_op_t *op, size_t i, err_t *e)
{
    bool on_task = op->kind == PLANEDIT_SET_TASK || op->kind == PLANEDIT_SPLIT ||
                   op->kind == PLANEDIT_MERGE || op->kind == PLANEDIT_DELETE_TASK ||
                   op->kind == PLANEDIT_MOVE;
    if (on_task && check_task(p, op->index, op->no, i, e))
        return ERR_INVALID;
    switch (op->kind) {
    case PLANEDIT_SET_TASK:
        return apply_fields_task(p, op->index, op, i, e);
    case PLANEDIT_SET_TARGET:
        return check_target(p, op->index, i, e) ? ERR_INVALID
                                                : apply_fields_target(p, op->index, op, i, e);
    case PLANEDIT_SPLIT:
        return op_split(p, tg, op, i, e);
    case PLANEDIT_MERGE:
        return op_merge(p, tg, op, i, e);
    case PLANEDIT_DELETE_TASK:
        remove_task(p, tg, op->index);
        return 0;
    case PLANEDIT_DELETE_TARGET:
        return op_delete_target(p, tg, op->index, i, e);
    case PLANEDIT_ADD_TASK:
        return op_add_task(p, tg, op, i, e);
    case PLANEDIT_ADD_TARGET:
        return op_add_target(p, tg, op, i, e);
    case PLANEDIT_MOVE:
        return op_move(p, op, i, e);
    default:
        return op_err(e, i, "planedit.op", "loại thao tác không hợp lệ", "unknown edit kind");
    }
}

static int64_t *tags_copy(const int64_t *v, size_t n, size_t *cap)
{
    *cap = n ? n : 1;
    int64_t *c = mem_calloc(*cap, sizeof *c);
    if (c && v && n)
        memcpy(c, v, n * sizeof *c);
    return c;
}

int planedit_apply_tagged(const planparse_plan_t *in, const planedit_list_t *l,
                          const int64_t *task_tags, const int64_t *target_tags,
                          planparse_plan_t **out, int64_t **task_tags_out,
                          int64_t **target_tags_out, err_t *e)
{
    *out = NULL;
    tags_t tg = {0};
    tg.task = tags_copy(task_tags, in->ntasks, &tg.ctask);
    tg.target = tags_copy(target_tags, in->ntargets, &tg.ctarget);
    planparse_plan_t *p = tg.task && tg.target ? planedit_plan_copy(in) : NULL;
    int rc = p ? 0 : err_nomem(e);
    for (size_t i = 0; !rc && l && i < l->n; i++)
        rc = apply_one(p, &tg, &l->ops[i], i, e);
    if (!rc && task_tags_out) {
        *task_tags_out = tg.task;
        tg.task = NULL;
    }
    if (!rc && target_tags_out) {
        *target_tags_out = tg.target;
        tg.target = NULL;
    }
    mem_free(tg.task);
    mem_free(tg.target);
    if (rc) {
        planparse_plan_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

int planedit_apply(const planparse_plan_t *in, const planedit_list_t *l, planparse_plan_t **out,
                   err_t *e)
{
    return planedit_apply_tagged(in, l, NULL, NULL, out, NULL, NULL, e);
}
