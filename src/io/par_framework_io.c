/* par_framework_io.c - PAR Index frameworks from and to JSON (see
 * par_framework_io.h). Reading collects every shape problem and then every
 * validation problem into one list. */
#include "io/par_framework_io.h"

#include "base/file.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define POOL_MAX 64 /* strings of one node held for the builder */

typedef struct rctx {
    par_framework_t *fw;
    par_problems_t *p;
    int rc;               /* first allocation failure */
    char *pool[POOL_MAX]; /* NFC copies lent to the builder, freed after each add */
    size_t npool;
    const char *node; /* code of the node being read ("" = framework) */
} rctx_t;

static void pool_reset(rctx_t *r)
{
    for (size_t i = 0; i < r->npool; i++)
        mem_free(r->pool[i]);
    r->npool = 0;
}

static void problem(rctx_t *r, const char *field, const char *code, const char *vi, const char *en)
{
    if (r->rc == 0)
        r->rc = par_framework_problem(r->p, r->node, field, code, "%s%.0s", "%.0s%s", vi, en);
}

static void type_problem(rctx_t *r, const char *field, const char *want_vi, const char *want_en)
{
    char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
    snprintf(vi, sizeof vi, "Trường '%s' phải là %s", field, want_vi);
    snprintf(en, sizeof en, "Field '%s' must be %s", field, want_en);
    problem(r, field, strcmp(field, "max") == 0 ? "par.max_type" : "par.type", vi, en);
}

/* NFC copy of a JSON string held in the pool; NULL when absent, null, of
 * another type (reported) or out of memory (recorded). */
static const char *get_str(rctx_t *r, const json_t *obj, const char *key, const char *field)
{
    const json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        type_problem(r, field ? field : key, "chuỗi ký tự", "a string");
        return NULL;
    }
    int trc = 0;
    char *s = text_nfc(json_string_value(v), json_string_length(v), &trc);
    if (!s || r->npool == POOL_MAX) {
        mem_free(s);
        if (r->rc == 0)
            r->rc = ERR_NOMEM;
        return NULL;
    }
    r->pool[r->npool++] = s;
    return s;
}

/* A number in milli units: PAR_NONE when absent or null, PAR_INVALID when
 * not a number or with more than three decimals (reported). */
static int64_t get_num(rctx_t *r, const json_t *obj, const char *key, const char *field)
{
    const json_t *v = json_object_get(obj, key);
    int64_t out = PAR_INVALID;
    if (!v || json_is_null(v))
        return PAR_NONE;
    if (json_is_number(v) && par_framework_milli(json_number_value(v), &out) == 0)
        return out;
    if (json_is_number(v)) {
        char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
        snprintf(vi, sizeof vi, "Trường '%s': tối đa 3 chữ số thập phân, giá trị tới 10^9",
                 field ? field : key);
        snprintf(en, sizeof en, "Field '%s': at most 3 decimals and 10^9 in size",
                 field ? field : key);
        problem(r, field ? field : key, strcmp(key, "max") == 0 ? "par.max_type" : "par.type", vi,
                en);
    } else {
        type_problem(r, field ? field : key, "một số", "a number");
    }
    return PAR_INVALID;
}

/* An array member: NULL when absent or null; reported when not an array. */
static const json_t *get_array(rctx_t *r, const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_array(v)) {
        type_problem(r, key, "một mảng", "an array");
        return NULL;
    }
    return v;
}

static bool elem_object(rctx_t *r, const json_t *v, const char *key, size_t i)
{
    char field[PAR_FIELD_MAX];
    if (json_is_object(v))
        return true;
    snprintf(field, sizeof field, "%s[%zu]", key, i);
    type_problem(r, field, "một đối tượng", "an object");
    return false;
}

/* ---- node lists -------------------------------------------------------- */

static int read_levels(rctx_t *r, const json_t *node, par_level_t **out, size_t *n)
{
    const json_t *a = get_array(r, node, "levels");
    char field[PAR_FIELD_MAX];
    size_t cnt = a ? json_array_size(a) : 0;
    *out = NULL;
    *n = 0;
    if (!cnt)
        return 0;
    par_level_t *v = mem_calloc(cnt, sizeof *v);
    if (!v)
        return ERR_NOMEM;
    for (size_t i = 0; i < cnt; i++) {
        const json_t *o = json_array_get(a, i);
        v[i].points = PAR_INVALID;
        if (!elem_object(r, o, "levels", i))
            continue;
        snprintf(field, sizeof field, "levels[%zu].label", i);
        v[i].label = (char *)get_str(r, o, "label", field);
        snprintf(field, sizeof field, "levels[%zu].points", i);
        v[i].points = get_num(r, o, "points", field);
    }
    *out = v;
    *n = cnt;
    return 0;
}

/* One bound: from/above (lower) or to/below (upper). */
static void read_bound(rctx_t *r, const json_t *o, size_t i, const char *incl, const char *excl,
                       int64_t *val, par_bound_t *kind)
{
    char fi[PAR_FIELD_MAX], fe[PAR_FIELD_MAX];
    snprintf(fi, sizeof fi, "bands[%zu].%s", i, incl);
    snprintf(fe, sizeof fe, "bands[%zu].%s", i, excl);
    int64_t a = get_num(r, o, incl, fi), b = get_num(r, o, excl, fe);
    *kind = PAR_BOUND_NONE;
    *val = 0;
    if (a != PAR_NONE && b != PAR_NONE) {
        char vi[PAR_MSG_MAX], en[PAR_MSG_MAX];
        snprintf(vi, sizeof vi, "Chỉ dùng một trong '%s' và '%s'", incl, excl);
        snprintf(en, sizeof en, "Use only one of '%s' and '%s'", incl, excl);
        problem(r, fi, "par.band_from", vi, en);
        *kind = PAR_BOUND_INCL;
        *val = PAR_INVALID;
    } else if (a != PAR_NONE || b != PAR_NONE) {
        *kind = a != PAR_NONE ? PAR_BOUND_INCL : PAR_BOUND_EXCL;
        *val = a != PAR_NONE ? a : b;
    }
}

static int read_bands(rctx_t *r, const json_t *node, par_band_t **out, size_t *n)
{
    const json_t *a = get_array(r, node, "bands");
    char field[PAR_FIELD_MAX];
    size_t cnt = a ? json_array_size(a) : 0;
    *out = NULL;
    *n = 0;
    if (!cnt)
        return 0;
    par_band_t *v = mem_calloc(cnt, sizeof *v);
    if (!v)
        return ERR_NOMEM;
    for (size_t i = 0; i < cnt; i++) {
        const json_t *o = json_array_get(a, i);
        v[i].points = PAR_INVALID;
        v[i].lo = PAR_INVALID;
        v[i].lo_kind = PAR_BOUND_INCL;
        if (!elem_object(r, o, "bands", i))
            continue;
        read_bound(r, o, i, "from", "above", &v[i].lo, &v[i].lo_kind);
        read_bound(r, o, i, "to", "below", &v[i].hi, &v[i].hi_kind);
        snprintf(field, sizeof field, "bands[%zu].points", i);
        v[i].points = get_num(r, o, "points", field);
    }
    *out = v;
    *n = cnt;
    return 0;
}

static int read_applies(rctx_t *r, const json_t *node, const char ***out, size_t *n)
{
    static const char *const empty[1] = {NULL};
    const json_t *a = get_array(r, node, "applies_to");
    char field[PAR_FIELD_MAX];
    size_t cnt = a ? json_array_size(a) : 0;
    *out = a ? (const char **)empty : NULL;
    *n = 0;
    if (!cnt)
        return 0;
    const char **v = mem_calloc(cnt, sizeof *v);
    if (!v)
        return ERR_NOMEM;
    for (size_t i = 0; i < cnt; i++) {
        const json_t *s = json_array_get(a, i);
        snprintf(field, sizeof field, "applies_to[%zu]", i);
        if (!json_is_string(s))
            type_problem(r, field, "chuỗi ký tự", "a string");
        else
            v[(*n)++] = json_string_value(s);
    }
    *out = v;
    return 0;
}

/* ---- nodes ------------------------------------------------------------- */

static void read_node(rctx_t *r, const json_t *o)
{
    par_node_spec_t s;
    par_level_t *levels = NULL;
    par_band_t *bands = NULL;
    const char **applies = NULL;
    par_framework_spec_init(&s);
    const json_t *c = json_object_get(o, "code");
    r->node = json_is_string(c) ? json_string_value(c) : "";
    s.code = get_str(r, o, "code", NULL);
    s.name = get_str(r, o, "name", NULL);
    s.kind = get_str(r, o, "kind", NULL);
    s.max = get_num(r, o, "max", NULL);
    s.method = get_str(r, o, "method", NULL);
    s.yes_points = get_num(r, o, "yes_points", NULL);
    s.no_points = get_num(r, o, "no_points", NULL);
    s.source = get_str(r, o, "source", NULL);
    s.appraiser = get_str(r, o, "appraiser", NULL);
    s.evidence = get_str(r, o, "evidence", NULL);
    s.area = get_str(r, o, "area", NULL);
    s.note = get_str(r, o, "note", NULL);
    int rc = read_levels(r, o, &levels, &s.nlevels);
    if (rc == 0)
        rc = read_bands(r, o, &bands, &s.nbands);
    if (rc == 0)
        rc = read_applies(r, o, &applies, &s.napplies);
    s.levels = levels;
    s.bands = bands;
    s.applies_to = applies;
    if (rc == 0 && r->rc == 0)
        rc = par_framework_add(r->fw, &s, NULL);
    if (rc && r->rc == 0)
        r->rc = rc;
    mem_free(levels);
    mem_free(bands);
    if (s.napplies)
        mem_free((void *)applies);
    pool_reset(r);
    r->node = "";
}

static void read_nodes(rctx_t *r, const json_t *root)
{
    const json_t *a = get_array(r, root, "nodes");
    for (size_t i = 0; a && r->rc == 0 && i < json_array_size(a); i++)
        if (elem_object(r, json_array_get(a, i), "nodes", i))
            read_node(r, json_array_get(a, i));
}

/* ---- framework header -------------------------------------------------- */

static int get_int(rctx_t *r, const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return 0;
    if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= 9999)
        return (int)json_integer_value(v);
    type_problem(r, key, "một năm (số nguyên)", "a year (integer)");
    return 0;
}

static void read_header(rctx_t *r, const json_t *root)
{
    par_framework_info_t info;
    memset(&info, 0, sizeof info);
    const char *format = get_str(r, root, "format", NULL);
    if (format && strcmp(format, "cchc-par/1") != 0)
        problem(r, "format", "par.format", "Định dạng không được hỗ trợ (cần cchc-par/1)",
                "Unsupported format (expected cchc-par/1)");
    info.name = get_str(r, root, "name", NULL);
    info.year = get_int(r, root, "year");
    info.year_to = get_int(r, root, "year_to");
    info.unit_kind = get_str(r, root, "unit_kind", NULL);
    info.reference = get_str(r, root, "reference", NULL);
    info.note = get_str(r, root, "note", NULL);
    info.max = get_num(r, root, "max", NULL);
    const json_t *sample = json_object_get(root, "sample");
    if (sample && !json_is_boolean(sample))
        type_problem(r, "sample", "true hoặc false", "true or false");
    info.sample = json_is_true(sample);
    if (r->rc == 0)
        r->rc = par_framework_set_info(r->fw, &info, NULL);
    pool_reset(r);
}

static void read_grades(rctx_t *r, const json_t *root)
{
    const json_t *a = get_array(r, root, "bands");
    char field[PAR_FIELD_MAX];
    for (size_t i = 0; a && r->rc == 0 && i < json_array_size(a); i++) {
        const json_t *o = json_array_get(a, i);
        if (!elem_object(r, o, "bands", i))
            continue;
        snprintf(field, sizeof field, "bands[%zu].label", i);
        const char *label = get_str(r, o, "label", field);
        snprintf(field, sizeof field, "bands[%zu].min", i);
        int64_t min = get_num(r, o, "min", field);
        if (r->rc == 0)
            r->rc = par_framework_add_grade(r->fw, label, min, NULL);
        pool_reset(r);
    }
}

static void read_appraisers(rctx_t *r, const json_t *root)
{
    const json_t *o = json_object_get(root, "appraisers");
    const char *key;
    json_t *val;
    if (!o || json_is_null(o))
        return;
    if (!json_is_object(o)) {
        type_problem(r, "appraisers", "một đối tượng", "an object");
        return;
    }
    json_object_foreach((json_t *)o, key, val)
    {
        if (!json_is_string(val)) {
            type_problem(r, "appraisers", "đối tượng {mã: vai trò}", "an object {key: role}");
            continue;
        }
        if (r->rc == 0)
            r->rc = par_framework_add_appraiser(r->fw, key, json_string_value(val), NULL);
    }
}

/* ---- entry points ------------------------------------------------------ */

static int summarise(const par_problems_t *p, const char *file, err_t *e)
{
    const par_problem_t *f = p->n ? &p->v[0] : NULL;
    char where[PAR_CODE_MAX + PAR_FIELD_MAX + 8] = "";
    if (f)
        snprintf(where, sizeof where, "%s%s(%s)", f->node, f->node[0] ? " " : "", f->field);
    return err_set(e, ERR_INVALID, "par.framework_invalid",
                   "%s%sKhung chỉ số có %zu lỗi; lỗi đầu tiên: %s: %s%.0s",
                   "%s%sThe framework has %zu problems; the first: %s: %.0s%s", file ? file : "",
                   file ? ": " : "", p->n + p->dropped, where, f ? f->vi : "", f ? f->en : "");
}

int par_framework_io_from_json(const json_t *root, const char *file, par_framework_t **out,
                               par_problems_t *probs, err_t *e)
{
    par_problems_t local;
    par_framework_problems_init(&local);
    rctx_t r;
    memset(&r, 0, sizeof r);
    r.p = probs ? probs : &local;
    r.node = "";
    int rc = 0;
    *out = NULL;
    r.fw = par_framework_new();
    if (!r.fw) {
        rc = err_nomem(e);
        goto out;
    }
    if (!json_is_object(root)) {
        type_problem(&r, "(root)", "một đối tượng JSON", "a JSON object");
        rc = r.rc ? err_nomem(e) : summarise(r.p, file, e);
        goto out;
    }
    read_header(&r, root);
    read_grades(&r, root);
    read_appraisers(&r, root);
    read_nodes(&r, root);
    if (r.rc) {
        rc = err_nomem(e);
        goto out;
    }
    rc = par_framework_validate(r.fw, r.p, e);
    if (rc == ERR_INVALID)
        rc = summarise(r.p, file, e);
    if (rc)
        goto out;
    *out = r.fw;
    r.fw = NULL;
out:
    pool_reset(&r);
    par_framework_free(r.fw);
    par_framework_problems_release(&local);
    return rc;
}

int par_framework_io_read(const char *text, size_t n, const char *file, par_framework_t **out,
                          par_problems_t *probs, err_t *e)
{
    *out = NULL;
    if (n > PAR_FRAMEWORK_IO_MAX_BYTES)
        return err_set(e, ERR_TOOLARGE, "par.too_large", "%s%sTệp khung chỉ số quá lớn",
                       "%s%sThe framework file is too large", file ? file : "", file ? ": " : "");
    json_t *root = jsonx_parse(text, n, e);
    if (!root) {
        if (file) {
            char prefix[256];
            snprintf(prefix, sizeof prefix, "%s: ", file);
            err_prefix(e, prefix);
        }
        return ERR_INVALID;
    }
    int rc = par_framework_io_from_json(root, file, out, probs, e);
    json_decref(root);
    return rc;
}

int par_framework_io_read_file(const char *path, par_framework_t **out, par_problems_t *probs,
                               err_t *e)
{
    char *text = NULL;
    size_t n = 0;
    *out = NULL;
    int rc = file_read_all(path, PAR_FRAMEWORK_IO_MAX_BYTES, &text, &n, e);
    if (rc == 0)
        rc = par_framework_io_read(text, n, path, out, probs, e);
    mem_free(text);
    return rc;
}

/* ---- writing ----------------------------------------------------------- */

/* A milli value as a JSON number: an integer when whole. */
static json_t *milli_json(int64_t v)
{
    if (v % PAR_MILLI == 0)
        return json_integer(v / PAR_MILLI);
    return json_real((double)v / PAR_MILLI);
}

static int set_opt_str(json_t *o, const char *key, const char *v)
{
    return v ? jsonx_set_str(o, key, v) : 0;
}

static json_t *levels_json(const par_node_t *nd)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < nd->nlevels; i++) {
        json_t *o = json_object();
        int rc = o ? 0 : -1;
        rc |= o ? jsonx_set_str(o, "label", nd->levels[i].label) : 0;
        rc |= o ? jsonx_set_new(o, "points", milli_json(nd->levels[i].points)) : 0;
        if (json_array_append_new(a, o) != 0 || rc) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *bands_json(const par_node_t *nd)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < nd->nbands; i++) {
        const par_band_t *b = &nd->bands[i];
        json_t *o = json_object();
        int rc = o ? 0 : -1;
        if (o) {
            rc |= jsonx_set_new(o, b->lo_kind == PAR_BOUND_EXCL ? "above" : "from",
                                milli_json(b->lo));
            if (b->hi_kind != PAR_BOUND_NONE)
                rc |= jsonx_set_new(o, b->hi_kind == PAR_BOUND_EXCL ? "below" : "to",
                                    milli_json(b->hi));
            rc |= jsonx_set_new(o, "points", milli_json(b->points));
        }
        if (json_array_append_new(a, o) != 0 || rc) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static int node_source(json_t *o, const par_node_t *nd)
{
    char src[PAR_CODE_MAX + 64];
    if (!nd->source_given && nd->source == PAR_SOURCE_SELF)
        return 0;
    if (nd->source == PAR_SOURCE_COMPUTED) {
        snprintf(src, sizeof src, "computed:%s", nd->indicator ? nd->indicator : "");
        return jsonx_set_str(o, "source", src);
    }
    return jsonx_set_str(o, "source", par_framework_source_name(nd->source));
}

static int node_lists(json_t *o, const par_node_t *nd)
{
    int rc = 0;
    if (nd->method == PAR_METHOD_LEVELS || nd->nlevels)
        rc |= jsonx_set_new(o, "levels", levels_json(nd));
    if (nd->method == PAR_METHOD_BANDS || nd->nbands)
        rc |= jsonx_set_new(o, "bands", bands_json(nd));
    if (nd->yes_points != PAR_NONE)
        rc |= jsonx_set_new(o, "yes_points", milli_json(nd->yes_points));
    if (nd->no_points != PAR_NONE)
        rc |= jsonx_set_new(o, "no_points", milli_json(nd->no_points));
    if (nd->applies_given) {
        json_t *a = json_array();
        for (size_t i = 0; a && i < nd->napplies; i++)
            rc |= json_array_append_new(a, json_string(nd->applies_to[i]));
        rc |= jsonx_set_new(o, "applies_to", a);
    }
    return rc;
}

static json_t *node_json(const par_node_t *nd)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = jsonx_set_str(o, "code", nd->code);
    rc |= jsonx_set_str(o, "name", nd->name);
    if (nd->kind_given || (nd->parent == PAR_NOPARENT && nd->kind != PAR_KIND_CRITERION))
        rc |= jsonx_set_str(o, "kind", par_framework_kind_name(nd->kind));
    rc |= set_opt_str(o, "area", nd->area_code);
    rc |= jsonx_set_new(o, "max", milli_json(nd->max));
    if (nd->method != PAR_METHOD_NONE)
        rc |= jsonx_set_str(o, "method", par_framework_method_name(nd->method));
    rc |= node_lists(o, nd);
    rc |= node_source(o, nd);
    rc |= set_opt_str(o, "appraiser", nd->appraiser);
    rc |= set_opt_str(o, "evidence", nd->evidence);
    rc |= set_opt_str(o, "note", nd->note);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int header_json(json_t *o, const par_framework_t *fw)
{
    int rc = jsonx_set_str(o, "format", "cchc-par/1");
    rc |= jsonx_set_str(o, "name", fw->name ? fw->name : "");
    rc |= jsonx_set_int(o, "year", fw->year);
    if (fw->year_to)
        rc |= jsonx_set_int(o, "year_to", fw->year_to);
    rc |= jsonx_set_str(o, "unit_kind", fw->unit_kind_text ? fw->unit_kind_text : "");
    rc |= set_opt_str(o, "reference", fw->reference);
    rc |= jsonx_set_bool(o, "sample", fw->sample);
    rc |= set_opt_str(o, "note", fw->note);
    if (fw->max != PAR_NONE)
        rc |= jsonx_set_new(o, "max", milli_json(fw->max));
    json_t *g = json_array();
    for (size_t i = 0; g && i < fw->ngrades; i++) {
        json_t *b = json_object();
        int brc = b ? jsonx_set_str(b, "label", fw->grades[i].label) : -1;
        brc |= b ? jsonx_set_new(b, "min", milli_json(fw->grades[i].min)) : 0;
        rc |= json_array_append_new(g, b) | brc;
    }
    rc |= jsonx_set_new(o, "bands", g);
    if (fw->nappraisers) {
        json_t *a = json_object();
        for (size_t i = 0; a && i < fw->nappraisers; i++)
            rc |= jsonx_set_str(a, fw->appraisers[i].key, fw->appraisers[i].role);
        rc |= jsonx_set_new(o, "appraisers", a);
    }
    return rc;
}

json_t *par_framework_io_to_json(const par_framework_t *fw)
{
    json_t *o = json_object();
    json_t *nodes = json_array();
    int rc = o && nodes ? header_json(o, fw) : -1;
    for (size_t i = 0; rc == 0 && i < fw->n; i++)
        rc = json_array_append_new(nodes, node_json(&fw->nodes[i]));
    if (rc == 0) {
        rc = jsonx_set_new(o, "nodes", nodes);
        nodes = NULL;
    }
    json_decref(nodes);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

char *par_framework_io_write(const par_framework_t *fw)
{
    json_t *o = par_framework_io_to_json(fw);
    char *s =
        o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) : NULL;
    json_decref(o);
    char *copy = s ? mem_strdup(s) : NULL;
    free(s);
    return copy;
}
