/* planedit_json.c - plan edits and the preview review as JSON
 * (planedit_json.h). */
#include "io/planedit_json.h"

#include "base/jsonx.h"
#include "io/plan_json.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static int bad(err_t *e, size_t i, const char *vi, const char *en, ...)
    __attribute__((format(printf, 3, 5)));
static int bad(err_t *e, size_t i, const char *vi, const char *en, ...)
{
    va_list ap;
    va_start(ap, en);
    err_vset(e, ERR_INVALID, "planedit.json", vi, en, ap);
    va_end(ap);
    err_prefixf(e, "Thao tác %zu: ", "Edit %zu: ", i);
    return ERR_INVALID;
}

/* An optional non-negative index member; *has tells whether present. */
static int read_index(const json_t *o, const char *key, size_t *out, bool *has, size_t i, err_t *e)
{
    json_t *v = json_object_get(o, key);
    if (has)
        *has = v != NULL && !json_is_null(v);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return bad(e, i, "'%s' phải là số nguyên không âm", "'%s' must be a non-negative integer",
                   key);
    *out = (size_t)json_integer_value(v);
    return 0;
}

static int read_str(const json_t *o, const char *key, char **slot, size_t i, err_t *e)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return bad(e, i, "'%s' phải là chuỗi", "'%s' must be a string", key);
    return planedit_set_str(slot, json_string_value(v), e);
}

static int read_parties(planedit_field_t *f, const json_t *v, size_t i, err_t *e)
{
    if (!json_is_array(v))
        return bad(e, i, "'%s' phải là danh sách đơn vị", "'%s' must be a list of units",
                   planedit_field_name(f->id));
    size_t k;
    json_t *p;
    json_array_foreach(v, k, p)
    {
        const char *text = json_is_string(p) ? json_string_value(p) : jsonx_str(p, "text", NULL);
        const char *unit = json_is_object(p) ? jsonx_str(p, "unit", NULL) : NULL;
        if (!text)
            return bad(e, i, "đơn vị thứ %zu phải là tên hoặc {\"text\",\"unit\"}",
                       "unit %zu must be a name or {\"text\",\"unit\"}", k + 1);
        int rc = planedit_field_add_party(f, text, unit && *unit ? unit : NULL, e);
        if (rc)
            return rc;
    }
    return 0;
}

static int read_field(planedit_op_t *op, const char *key, const json_t *v, size_t i, err_t *e)
{
    planedit_field_id_t id;
    if (planedit_field_parse(key, &id))
        return bad(e, i, "không có trường '%s'", "no field '%s'", key);
    char num[64];
    const char *text = NULL;
    if (json_is_string(v))
        text = json_string_value(v);
    else if (json_is_number(v) && (id == PLANEDIT_F_VALUE || id == PLANEDIT_F_VALUE_MAX)) {
        snprintf(num, sizeof num, "%.17g", json_number_value(v));
        text = num;
    } else if (!json_is_null(v) &&
               !(json_is_array(v) && (id == PLANEDIT_F_LEAD || id == PLANEDIT_F_SUPPORT)))
        return bad(e, i, "giá trị của '%s' không đúng kiểu", "the value of '%s' has the wrong type",
                   key);
    planedit_field_t *f;
    int rc = planedit_op_add_field(op, id, text, &f, e);
    if (!rc && (id == PLANEDIT_F_LEAD || id == PLANEDIT_F_SUPPORT) && !json_is_null(v))
        rc = read_parties(f, v, i, e);
    return rc;
}

static int read_set(planedit_op_t *op, const json_t *o, size_t i, err_t *e)
{
    json_t *set = json_object_get(o, "set");
    if (!set || json_is_null(set))
        return 0;
    if (!json_is_object(set))
        return bad(e, i, "'set' phải là đối tượng {trường: giá trị}",
                   "'set' must be an object {field: value}");
    const char *k;
    json_t *v;
    json_object_foreach(set, k, v)
    {
        int rc = read_field(op, k, v, i, e);
        if (rc)
            return rc;
    }
    return 0;
}

static int read_titles(planedit_op_t *op, const json_t *o, size_t i, err_t *e)
{
    json_t *t = json_object_get(o, "titles");
    if (!t || json_is_null(t))
        return 0;
    if (!json_is_array(t))
        return bad(e, i, "'titles' phải là danh sách chuỗi", "'titles' must be a list of strings");
    size_t k;
    json_t *s;
    json_array_foreach(t, k, s)
    {
        if (!json_is_string(s))
            return bad(e, i, "'titles' phải là danh sách chuỗi",
                       "'titles' must be a list of strings");
        int rc = planedit_op_add_title(op, json_string_value(s), e);
        if (rc)
            return rc;
    }
    return 0;
}

static int read_area(planedit_op_t *op, const json_t *o, size_t i, err_t *e)
{
    const char *a = jsonx_str(o, "area", NULL);
    if (!a)
        return bad(e, i, "thiếu lĩnh vực đích ('area')", "missing the target area ('area')");
    if (!*a || strcmp(a, "none") == 0)
        op->area = PLANPARSE_AREA_NONE;
    else if (planparse_area_parse(a, &op->area))
        return bad(e, i, "không có lĩnh vực '%s'", "no area '%s'", a);
    return 0;
}

static int read_op(const json_t *o, size_t i, planedit_list_t *l, err_t *e)
{
    planedit_kind_t k;
    const char *name = jsonx_str(o, "op", NULL);
    if (!json_is_object(o) || !name || planedit_kind_parse(name, &k))
        return bad(e, i,
                   "'op' phải là một trong set_task, set_target, split, merge, delete_task, "
                   "delete_target, add_task, add_target, move",
                   "'op' must be one of set_task, set_target, split, merge, delete_task, "
                   "delete_target, add_task, add_target, move");
    planedit_op_t *op;
    int rc = planedit_list_add(l, k, &op, e);
    bool has = false;
    if (!rc)
        rc = read_index(o, "index", &op->index, &has, i, e);
    if (!rc && !has && k != PLANEDIT_ADD_TASK && k != PLANEDIT_ADD_TARGET)
        rc = bad(e, i, "thiếu 'index'", "missing 'index'");
    if (!rc)
        rc = read_str(o, "no", &op->no, i, e);
    if (!rc && k == PLANEDIT_MERGE)
        rc = read_index(o, "with", &op->index2, &op->has_index2, i, e);
    if (!rc)
        rc = read_str(o, k == PLANEDIT_MOVE ? "to_no" : "with_no", &op->no2, i, e);
    if (!rc && k == PLANEDIT_SPLIT)
        rc = read_index(o, "offset", &op->offset, NULL, i, e);
    if (!rc && k == PLANEDIT_SPLIT)
        rc = read_titles(op, o, i, e);
    if (!rc && k == PLANEDIT_MOVE) {
        op->to = op->index;
        rc = read_index(o, "to", &op->to, NULL, i, e);
        if (!rc)
            rc = read_area(op, o, i, e);
    }
    if (!rc)
        rc = read_set(op, o, i, e);
    if (!rc && !has && (k == PLANEDIT_ADD_TASK || k == PLANEDIT_ADD_TARGET))
        op->index = PLANEDIT_APPEND;
    return rc;
}

int planedit_json_read(const json_t *v, planedit_list_t *out, err_t *e)
{
    planedit_list_init(out);
    if (!json_is_array(v))
        return err_set(e, ERR_INVALID, "planedit.json",
                       "Danh sách sửa phải là một mảng JSON các thao tác",
                       "The edit list must be a JSON array of operations");
    if (json_array_size(v) > PLANEDIT_MAX_OPS)
        return err_set(e, ERR_RANGE, "planedit.too_many", "Quá nhiều thao tác sửa (tối đa %d)",
                       "Too many edits (at most %d)", PLANEDIT_MAX_OPS);
    size_t i;
    json_t *o;
    json_array_foreach(v, i, o)
    {
        int rc = read_op(o, i, out, e);
        if (rc)
            return rc;
    }
    return 0;
}

int planedit_json_load(const char *path, planedit_list_t *out, err_t *e)
{
    planedit_list_init(out);
    json_error_t je;
    json_t *v = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!v)
        return err_set(e, je.line > 0 ? ERR_INVALID : ERR_IO, "planedit.file",
                       "Không đọc được tệp sửa '%s': %s (dòng %d)",
                       "Cannot read the edits file '%s': %s (line %d)", path, je.text, je.line);
    json_t *arr = json_is_object(v) ? json_object_get(v, "edits") : v;
    int rc = planedit_json_read(arr, out, e);
    json_decref(v);
    return rc;
}

static json_t *parties_json(const planedit_field_t *f)
{
    json_t *a = json_array();
    for (size_t k = 0; a && k < f->nparties; k++) {
        json_t *p = json_object();
        if (!p || jsonx_set_str(p, "text", f->parties[k].text) ||
            (f->parties[k].unit && jsonx_set_str(p, "unit", f->parties[k].unit)) ||
            json_array_append_new(a, p)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *set_json(const planedit_op_t *op)
{
    json_t *set = json_object();
    for (size_t k = 0; set && k < op->nfields; k++) {
        const planedit_field_t *f = &op->fields[k];
        json_t *v;
        if (f->id == PLANEDIT_F_LEAD || f->id == PLANEDIT_F_SUPPORT)
            v = parties_json(f);
        else
            v = f->text ? json_string(f->text) : json_null();
        if (!v || jsonx_set_new(set, planedit_field_name(f->id), v)) {
            json_decref(set);
            return NULL;
        }
    }
    return set;
}

static json_t *titles_json(const planedit_op_t *op)
{
    json_t *a = json_array();
    for (size_t k = 0; a && k < op->ntitles; k++)
        if (json_array_append_new(a, json_string(op->titles[k]))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static json_t *op_json(const planedit_op_t *op)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = jsonx_set_str(o, "op", planedit_kind_name(op->kind));
    if (op->index != PLANEDIT_APPEND)
        rc |= jsonx_set_int(o, "index", (long long)op->index);
    if (op->no)
        rc |= jsonx_set_str(o, "no", op->no);
    if (op->kind == PLANEDIT_MERGE && op->has_index2)
        rc |= jsonx_set_int(o, "with", (long long)op->index2);
    if (op->no2)
        rc |= jsonx_set_str(o, op->kind == PLANEDIT_MOVE ? "to_no" : "with_no", op->no2);
    if (op->kind == PLANEDIT_SPLIT && op->ntitles)
        rc |= jsonx_set_new(o, "titles", titles_json(op));
    else if (op->kind == PLANEDIT_SPLIT)
        rc |= jsonx_set_int(o, "offset", (long long)op->offset);
    if (op->kind == PLANEDIT_MOVE) {
        rc |= jsonx_set_int(o, "to", (long long)op->to);
        const char *a = planparse_area_code(op->area);
        rc |= jsonx_set_str(o, "area", a ? a : "none");
    }
    if (op->nfields)
        rc |= jsonx_set_new(o, "set", set_json(op));
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *planedit_json_write(const planedit_list_t *l)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < l->n; i++)
        if (json_array_append_new(a, op_json(&l->ops[i]))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static json_t *areas_json(const planparse_review_t *r)
{
    json_t *a = json_array();
    for (int k = 1; a && k <= PLANPARSE_AREA_COUNT; k++) {
        int area = k % PLANPARSE_AREA_COUNT; /* the eight areas, then "none" */
        const planparse_review_area_t *ra = &r->areas[area];
        if (!ra->tasks && !ra->targets)
            continue;
        const char *code = planparse_area_code((planparse_area_t)area);
        json_t *o = json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I}", "area", code ? code : "none",
                              "label", planparse_area_label_vi((planparse_area_t)area), "tasks",
                              (json_int_t)ra->tasks, "no_lead", (json_int_t)ra->no_lead,
                              "no_deadline", (json_int_t)ra->no_deadline, "targets",
                              (json_int_t)ra->targets, "unsure", (json_int_t)ra->unsure);
        if (json_array_append_new(a, o)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *task_review_json(const planparse_plan_t *p, size_t i, unsigned flags)
{
    const char *code = planparse_area_code(p->tasks[i].area);
    json_t *o = json_pack("{s:I,s:s,s:s,s:b,s:[]}", "index", (json_int_t)i, "no",
                          p->tasks[i].no ? p->tasks[i].no : "", "area", code ? code : "none",
                          "unsure", (flags & PLANPARSE_REVIEW_UNSURE) != 0, "flags");
    json_t *f = json_object_get(o, "flags");
    for (unsigned bit = 1; f && bit <= PLANPARSE_REVIEW_NO_DEADLINE; bit <<= 1)
        if ((flags & bit) &&
            json_array_append_new(f, json_string(planparse_review_flag_name(bit)))) {
            json_decref(o);
            return NULL;
        }
    return o;
}

json_t *planedit_json_review(const planparse_plan_t *p, const planparse_review_t *r)
{
    json_t *tasks = json_array();
    for (size_t i = 0; tasks && i < r->ntasks && i < p->ntasks; i++)
        if (r->flags[i] && json_array_append_new(tasks, task_review_json(p, i, r->flags[i]))) {
            json_decref(tasks);
            tasks = NULL;
        }
    json_t *areas = areas_json(r);
    if (!tasks || !areas) {
        json_decref(tasks);
        json_decref(areas);
        return NULL;
    }
    return json_pack("{s:I,s:o,s:o}", "unsure", (json_int_t)r->unsure, "areas", areas, "tasks",
                     tasks);
}
