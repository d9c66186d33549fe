/* report_outline.c - the outline of a periodic report (report_outline.h). */
#include "domain/report_outline.h"

#include "base/mem.h"
#include "domain/planparse.h"

#include <jansson.h>
#include <string.h>

#include "base/banned.h"

struct report_outline {
    json_t *root; /* owns every string the sections point to */
    const char *name;
    int version;
    report_outline_section_t *s;
    size_t n, cap;
    report_outline_appendix_t *a;
    size_t na, capa;
};

static const char *const facts[] = {"plan",     "tasks",    "onestop",   "indicators",
                                    "index766", "feedback", "targets",   "next_tasks",
                                    "evidence", "senders",  "strengths", "shortcomings"};
static const char *const tables[] = {"onestop_fields", "tasks", "targets", "senders", "evidence"};

bool report_outline_fact_valid(const char *f)
{
    if (!f)
        return false;
    if (strncmp(f, "area:", 5) == 0) {
        planparse_area_t a;
        return planparse_area_parse(f + 5, &a) == 0 && a != PLANPARSE_AREA_NONE;
    }
    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++)
        if (strcmp(f, facts[i]) == 0)
            return true;
    return false;
}

bool report_outline_table_valid(const char *t)
{
    for (size_t i = 0; t && i < sizeof tables / sizeof tables[0]; i++)
        if (strcmp(t, tables[i]) == 0)
            return true;
    return false;
}

static int bad(err_t *e, const char *code, const char *where, const char *vi, const char *en)
{
    err_set_pair(e, ERR_INVALID, code, vi, en);
    err_prefixf(e, "đề cương, mục %s: ", "outline, section %s: ", where ? where : "?");
    return ERR_INVALID;
}

static const char *str(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int add_section(report_outline_t *o, const json_t *j, int depth, long parent, err_t *e);

static int add_children(report_outline_t *o, const json_t *arr, int depth, long parent, err_t *e)
{
    size_t i;
    const json_t *v;
    json_array_foreach(arr, i, v)
    {
        int rc = add_section(o, v, depth, parent, e);
        if (rc)
            return rc;
    }
    return 0;
}

static int add_section(report_outline_t *o, const json_t *j, int depth, long parent, err_t *e)
{
    const char *code = json_is_object(j) ? str(j, "code") : NULL;
    const char *title = json_is_object(j) ? str(j, "title") : NULL;
    if (!code || !*code || !title || !*title)
        return bad(e, "report_outline.section", code, "thiếu mã hoặc tiêu đề",
                   "a code and a title are required");
    if (depth > 2)
        return bad(e, "report_outline.section", code, "đề cương chỉ có tối đa hai cấp",
                   "an outline has at most two levels");
    if (report_outline_find(o, code))
        return bad(e, "report_outline.code", code, "mã mục bị trùng", "duplicate section code");
    const json_t *fa = json_object_get(j, "facts"), *kids = json_object_get(j, "children");
    if (fa && !json_is_array(fa))
        return bad(e, "report_outline.fact", code, "\"facts\" phải là một mảng",
                   "\"facts\" must be an array");
    if (kids && !json_is_array(kids))
        return bad(e, "report_outline.section", code, "\"children\" phải là một mảng",
                   "\"children\" must be an array");
    if (MEM_GROW(o->s, o->cap, o->n + 1))
        return err_nomem(e);
    report_outline_section_t *s = &o->s[o->n];
    memset(s, 0, sizeof *s);
    s->code = code;
    s->title = title;
    s->title_en = str(j, "title_en") ? str(j, "title_en") : title;
    s->depth = depth;
    s->parent = parent;
    size_t i;
    const json_t *v;
    json_array_foreach(fa, i, v)
    {
        const char *f = json_string_value(v);
        if (!report_outline_fact_valid(f) || s->nfacts == REPORT_OUTLINE_FACTS_MAX)
            return bad(e, "report_outline.fact", code, "loại số liệu không hợp lệ hoặc quá nhiều",
                       "unknown fact, or too many");
        s->facts[s->nfacts++] = f;
    }
    long self = (long)o->n++;
    if (json_array_size(kids)) {
        o->s[self].has_kids = true;
        return add_children(o, kids, depth + 1, self, e);
    }
    return 0;
}

static int add_appendices(report_outline_t *o, const json_t *arr, err_t *e)
{
    size_t i;
    const json_t *v;
    if (arr && !json_is_array(arr))
        return bad(e, "report_outline.table", "-", "\"appendices\" phải là một mảng",
                   "\"appendices\" must be an array");
    json_array_foreach(arr, i, v)
    {
        const char *code = str(v, "code"), *title = str(v, "title"), *table = str(v, "table");
        if (!code || !title || !report_outline_table_valid(table))
            return bad(e, "report_outline.table", code,
                       "phụ lục thiếu mã, tiêu đề hoặc bảng hợp lệ",
                       "an appendix needs a code, a title and a known table");
        if (MEM_GROW(o->a, o->capa, o->na + 1))
            return err_nomem(e);
        o->a[o->na++] = (report_outline_appendix_t){
            code, title, str(v, "title_en") ? str(v, "title_en") : title, table};
    }
    return 0;
}

int report_outline_parse(const char *text, size_t n, report_outline_t **out, err_t *e)
{
    *out = NULL;
    json_error_t je;
    json_t *root = json_loadb(text, n, 0, &je);
    /* Out of memory: said by the error code, or by no message at all (the
     * lexer's first buffer failed before any error was set). */
    if (!root && (json_error_code(&je) == json_error_out_of_memory || !je.text[0]))
        return err_nomem(e);
    if (!root)
        return err_set(e, ERR_INVALID, "report_outline.json",
                       "Đề cương báo cáo không phải JSON hợp lệ (dòng %d): %s",
                       "The report outline is not valid JSON (line %d): %s", je.line, je.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return err_set(e, ERR_INVALID, "report_outline.json",
                       "Đề cương báo cáo phải là một đối tượng JSON",
                       "The report outline must be a JSON object");
    }
    report_outline_t *o = mem_calloc(1, sizeof *o);
    if (!o) {
        json_decref(root);
        return err_nomem(e);
    }
    o->root = root;
    o->name = str(root, "name") ? str(root, "name") : "";
    o->version = (int)json_integer_value(json_object_get(root, "version"));
    int rc = add_children(o, json_object_get(root, "sections"), 1, -1, e);
    if (!rc && o->n == 0)
        rc = bad(e, "report_outline.section", "-", "đề cương không có mục nào",
                 "the outline has no section");
    if (!rc)
        rc = add_appendices(o, json_object_get(root, "appendices"), e);
    if (rc) {
        report_outline_free(o);
        return rc;
    }
    *out = o;
    return 0;
}

void report_outline_free(report_outline_t *o)
{
    if (!o)
        return;
    json_decref(o->root);
    mem_free(o->s);
    mem_free(o->a);
    mem_free(o);
}

const char *report_outline_name(const report_outline_t *o)
{
    return o->name;
}

int report_outline_version(const report_outline_t *o)
{
    return o->version;
}

size_t report_outline_count(const report_outline_t *o)
{
    return o->n;
}

const report_outline_section_t *report_outline_at(const report_outline_t *o, size_t i)
{
    return i < o->n ? &o->s[i] : NULL;
}

const report_outline_section_t *report_outline_find(const report_outline_t *o, const char *code)
{
    for (size_t i = 0; code && i < o->n; i++)
        if (strcmp(o->s[i].code, code) == 0)
            return &o->s[i];
    return NULL;
}

size_t report_outline_appendix_count(const report_outline_t *o)
{
    return o->na;
}

const report_outline_appendix_t *report_outline_appendix_at(const report_outline_t *o, size_t i)
{
    return i < o->na ? &o->a[i] : NULL;
}
