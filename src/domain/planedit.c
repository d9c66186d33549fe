/* planedit.c - the edit list: construction, names, plan copy (see
 * planedit.h). The operations themselves are in planedit_apply.c. */
#include "domain/planedit.h"

#include "base/mem.h"

#include <string.h>

#include "base/banned.h"

void planedit_list_init(planedit_list_t *l)
{
    memset(l, 0, sizeof *l);
}

static void field_release(planedit_field_t *f)
{
    mem_free(f->text);
    for (size_t i = 0; i < f->nparties; i++) {
        mem_free(f->parties[i].text);
        mem_free(f->parties[i].unit);
    }
    mem_free(f->parties);
}

static void op_release(planedit_op_t *op)
{
    mem_free(op->no);
    mem_free(op->no2);
    for (size_t i = 0; i < op->ntitles; i++)
        mem_free(op->titles[i]);
    mem_free(op->titles);
    for (size_t i = 0; i < op->nfields; i++)
        field_release(&op->fields[i]);
    mem_free(op->fields);
}

void planedit_list_release(planedit_list_t *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        op_release(&l->ops[i]);
    mem_free(l->ops);
    planedit_list_init(l);
}

static int too_many(err_t *e, const char *what)
{
    return err_set(e, ERR_RANGE, "planedit.too_many", "Quá nhiều %s trong danh sách sửa",
                   "Too many %s in the edit list", what);
}

int planedit_list_add(planedit_list_t *l, planedit_kind_t k, planedit_op_t **out, err_t *e)
{
    if (l->n >= PLANEDIT_MAX_OPS)
        return too_many(e, "operations");
    if (MEM_GROW(l->ops, l->cap, l->n + 1))
        return err_nomem(e);
    planedit_op_t *op = &l->ops[l->n++];
    memset(op, 0, sizeof *op);
    op->kind = k;
    *out = op;
    return 0;
}

int planedit_set_str(char **slot, const char *s, err_t *e)
{
    char *d = NULL;
    if (s) {
        d = mem_strdup(s);
        if (!d)
            return err_nomem(e);
    }
    mem_free(*slot);
    *slot = d;
    return 0;
}

int planedit_op_add_field(planedit_op_t *op, planedit_field_id_t id, const char *text,
                          planedit_field_t **out, err_t *e)
{
    if (op->nfields >= PLANEDIT_MAX_ITEMS)
        return too_many(e, "fields");
    size_t cap = op->nfields; /* few: exact-size growth */
    if (MEM_GROW(op->fields, cap, op->nfields + 1))
        return err_nomem(e);
    planedit_field_t f = {.id = id};
    if (planedit_set_str(&f.text, text, e))
        return ERR_NOMEM;
    op->fields[op->nfields] = f;
    if (out)
        *out = &op->fields[op->nfields];
    op->nfields++;
    return 0;
}

int planedit_field_add_party(planedit_field_t *f, const char *text, const char *unit, err_t *e)
{
    if (f->nparties >= PLANEDIT_MAX_ITEMS)
        return too_many(e, "units");
    size_t cap = f->nparties;
    if (MEM_GROW(f->parties, cap, f->nparties + 1))
        return err_nomem(e);
    planedit_party_t p = {NULL, NULL};
    int rc = planedit_set_str(&p.text, text ? text : "", e);
    if (!rc)
        rc = planedit_set_str(&p.unit, unit, e);
    if (rc) {
        mem_free(p.text);
        return rc;
    }
    f->parties[f->nparties++] = p;
    return 0;
}

int planedit_op_add_title(planedit_op_t *op, const char *title, err_t *e)
{
    if (op->ntitles >= PLANEDIT_MAX_ITEMS)
        return too_many(e, "titles");
    size_t cap = op->ntitles;
    if (MEM_GROW(op->titles, cap, op->ntitles + 1))
        return err_nomem(e);
    char *t = NULL;
    if (planedit_set_str(&t, title ? title : "", e))
        return ERR_NOMEM;
    op->titles[op->ntitles++] = t;
    return 0;
}

static const char *const kind_names[] = {NULL,         "set_task",    "set_target",    "split",
                                         "merge",      "delete_task", "delete_target", "add_task",
                                         "add_target", "move"};
static const char *const field_names[] = {NULL,      "no",       "area",      "title",  "lead",
                                          "support", "deadline", "product",   "detail", "indicator",
                                          "op",      "value",    "value_max", "unit",   "text"};

const char *planedit_kind_name(planedit_kind_t k)
{
    return k >= PLANEDIT_SET_TASK && k <= PLANEDIT_MOVE ? kind_names[k] : NULL;
}

int planedit_kind_parse(const char *s, planedit_kind_t *out)
{
    for (int k = PLANEDIT_SET_TASK; s && k <= PLANEDIT_MOVE; k++)
        if (strcmp(s, kind_names[k]) == 0) {
            *out = (planedit_kind_t)k;
            return 0;
        }
    return ERR_INVALID;
}

const char *planedit_field_name(planedit_field_id_t f)
{
    return f >= PLANEDIT_F_NO && f <= PLANEDIT_F_TEXT ? field_names[f] : NULL;
}

int planedit_field_parse(const char *s, planedit_field_id_t *out)
{
    for (int f = PLANEDIT_F_NO; s && f <= PLANEDIT_F_TEXT; f++)
        if (strcmp(s, field_names[f]) == 0) {
            *out = (planedit_field_id_t)f;
            return 0;
        }
    return ERR_INVALID;
}

bool planedit_field_is_task(planedit_field_id_t f)
{
    return f >= PLANEDIT_F_NO && f <= PLANEDIT_F_DETAIL;
}

static char *dup_opt(const char *s, int *rc)
{
    if (!s)
        return NULL;
    char *d = mem_strdup(s);
    if (!d)
        *rc = ERR_NOMEM;
    return d;
}

static int copy_doc(planparse_docinfo_t *d, const planparse_docinfo_t *s)
{
    int rc = 0;
    d->number = dup_opt(s->number, &rc);
    d->type = dup_opt(s->type, &rc);
    d->issuer = dup_opt(s->issuer, &rc);
    d->issuer_unit = dup_opt(s->issuer_unit, &rc);
    d->scope = dup_opt(s->scope, &rc);
    d->place = dup_opt(s->place, &rc);
    d->date = s->date;
    d->year = s->year;
    d->title = dup_opt(s->title, &rc);
    d->decision_number = dup_opt(s->decision_number, &rc);
    d->decision_title = dup_opt(s->decision_title, &rc);
    return rc;
}

planparse_plan_t *planedit_plan_copy(const planparse_plan_t *p)
{
    planparse_plan_t *c = planparse_plan_new();
    if (!c)
        return NULL;
    int rc = copy_doc(&c->doc, &p->doc);
    c->task_source = p->task_source;
    for (size_t i = 0; !rc && i < p->ntasks; i++)
        rc = planparse_plan_add_task(c, &p->tasks[i]);
    for (size_t i = 0; !rc && i < p->ntargets; i++)
        rc = planparse_plan_add_target(c, &p->targets[i]);
    for (size_t i = 0; !rc && i < p->nwarnings; i++)
        rc = planparse_plan_add_warning(c, p->warnings[i].pos, &p->warnings[i].err);
    if (rc) {
        planparse_plan_free(c);
        return NULL;
    }
    return c;
}
