#include "io/unit_io.h"

#include "base/buf.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/sv.h"
#include "base/text.h"
#include "base/csv.h"
#include "base/file.h"

#include <string.h>
#include <strings.h>

#include "base/banned.h"

enum { C_CODE, C_NAME, C_KIND, C_PARENT, C_FROM, C_TO, C_ALIASES, C_NCOLS };
static const char *const unit_cols[C_NCOLS] = {"MaDonVi",   "TenDonVi",   "Loai",   "MaDonViCha",
                                               "HieuLucTu", "HieuLucDen", "TenKhac"};
enum { L_FROM, L_KIND, L_TO, L_DATE, L_NCOLS };
static const char *const link_cols[L_NCOLS] = {"MaDonVi", "QuanHe", "MaDonViKhac", "NgayHieuLuc"};

static int row_error(err_t *e, const char *name, int line, const char *field, const char *vi,
                     const char *en, const char *value)
{
    char v[ERR_MSG_MAX], n[ERR_MSG_MAX];
    snprintf(v, sizeof v, "%s '%s'", vi, value);
    snprintf(n, sizeof n, "%s '%s'", en, value);
    err_set_pair(e, ERR_INVALID, "unit.csv_field", v, n);
    err_prefixf(e, "%s:%d: cột %s: ", "%s:%d: field %s: ", name, line, field);
    return ERR_INVALID;
}

static const char *cell(char **f, size_t nf, int i)
{
    return i >= 0 && (size_t)i < nf ? f[i] : "";
}

static int parse_opt_date(const char *s, date_t *out)
{
    if (!*s) {
        *out = DATE_NONE;
        return 0;
    }
    return date_parse(s, strlen(s), out);
}

/* Copies s without surrounding spaces into out (a short keyword cell). */
static void trimmed(const char *s, char *out, size_t cap)
{
    sv_t v = sv_trim(sv_from(s));
    snprintf(out, cap, "%.*s", (int)v.n, v.p);
}

/* NFC copy of a trimmed field; caller frees. */
static char *clean(const char *s)
{
    sv_t v = sv_trim(sv_from(s));
    return text_nfc(v.p, v.n, NULL);
}

static int split_aliases(const char *s, unit_t *u)
{
    size_t cap = 0;
    const char *p = s;
    while (*p) {
        const char *q = strchr(p, ';');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        sv_t v = sv_trim(sv_make(p, len));
        if (v.n) {
            if (MEM_GROW(u->aliases, cap, u->naliases + 1))
                return ERR_NOMEM;
            char *al = text_nfc(v.p, v.n, NULL);
            if (!al)
                return ERR_NOMEM;
            u->aliases[u->naliases++] = al;
        }
        p += len + (q ? 1 : 0);
    }
    return 0;
}

static void free_tmp_unit(unit_t *u)
{
    mem_free(u->code);
    mem_free(u->name);
    mem_free(u->parent);
    for (size_t i = 0; i < u->naliases; i++)
        mem_free(u->aliases[i]);
    mem_free(u->aliases);
}

static int unit_row(char **f, size_t nf, const int *idx, const char *name, int line,
                    unit_set_t *set, err_t *e)
{
    unit_t u = {0};
    u.line = line;
    u.source = (char *)name; /* copied by unit_set_add */
    int rc = 0;
    char kind[32];
    trimmed(cell(f, nf, idx[C_KIND]), kind, sizeof kind);
    if (!*cell(f, nf, idx[C_CODE]))
        return row_error(e, name, line, "MaDonVi", "thiếu mã đơn vị", "missing unit code", "");
    if (!*cell(f, nf, idx[C_NAME]))
        return row_error(e, name, line, "TenDonVi", "thiếu tên đơn vị", "missing unit name", "");
    if (unit_kind_parse(kind, &u.kind))
        return row_error(
            e, name, line, "Loai", "loại không hợp lệ (tinh, so, huyen, xa, phong, dvsn)",
            "invalid kind (tinh, so, huyen, xa, phong, dvsn)", cell(f, nf, idx[C_KIND]));
    if (parse_opt_date(cell(f, nf, idx[C_FROM]), &u.valid_from))
        return row_error(e, name, line, "HieuLucTu", "ngày không hợp lệ", "invalid date",
                         cell(f, nf, idx[C_FROM]));
    if (parse_opt_date(cell(f, nf, idx[C_TO]), &u.valid_to))
        return row_error(e, name, line, "HieuLucDen", "ngày không hợp lệ", "invalid date",
                         cell(f, nf, idx[C_TO]));
    u.code = clean(cell(f, nf, idx[C_CODE]));
    u.name = clean(cell(f, nf, idx[C_NAME]));
    const char *parent = cell(f, nf, idx[C_PARENT]);
    u.parent = *parent ? clean(parent) : NULL;
    if (!u.code || !u.name || (*parent && !u.parent) ||
        split_aliases(cell(f, nf, idx[C_ALIASES]), &u))
        rc = err_nomem(e);
    if (!rc) {
        rc = unit_check(&u, e);
        if (rc)
            err_prefixf(e, "%s:%d: ", "%s:%d: ", name, line);
    }
    if (!rc)
        rc = unit_set_add(set, &u, e);
    free_tmp_unit(&u);
    return rc;
}

/* Both ends of a link must be well-formed codes (unknown ones are refused by
 * unit_set_validate). */
static int link_codes(const unit_link_t *l, const char *name, int line, err_t *e)
{
    int rc = unit_code_check(l->from, e);
    if (!rc)
        rc = unit_code_check(l->to, e);
    if (rc)
        err_prefixf(e, "%s:%d: ", "%s:%d: ", name, line);
    return rc;
}

static int link_row(char **f, size_t nf, const int *idx, const char *name, int line,
                    unit_set_t *set, err_t *e)
{
    unit_link_t l = {0};
    l.line = line;
    l.source = (char *)name; /* copied by unit_set_add_link */
    char kind[32];
    trimmed(cell(f, nf, idx[L_KIND]), kind, sizeof kind);
    const char *date = cell(f, nf, idx[L_DATE]);
    if (!*cell(f, nf, idx[L_FROM]) || !*cell(f, nf, idx[L_TO]))
        return row_error(e, name, line, "MaDonVi/MaDonViKhac", "thiếu mã đơn vị",
                         "missing unit code", "");
    if (unit_link_kind_parse(kind, &l.kind))
        return row_error(e, name, line, "QuanHe", "quan hệ không hợp lệ (sap_nhap_vao, tach_tu)",
                         "invalid relation (sap_nhap_vao, tach_tu)", cell(f, nf, idx[L_KIND]));
    if (!*date || date_parse(date, strlen(date), &l.on))
        return row_error(e, name, line, "NgayHieuLuc", "ngày không hợp lệ", "invalid date", date);
    l.from = clean(cell(f, nf, idx[L_FROM]));
    l.to = clean(cell(f, nf, idx[L_TO]));
    int rc = (!l.from || !l.to) ? err_nomem(e) : link_codes(&l, name, line, e);
    if (!rc)
        rc = unit_set_add_link(set, &l, e);
    mem_free(l.from);
    mem_free(l.to);
    return rc;
}

static int read_csv(csv_reader_t *r, const char *name, unit_set_t *set, err_t *e)
{
    char **f;
    size_t nf;
    int rc = csv_next(r, &f, &nf, e);
    if (rc <= 0)
        return rc ? rc
                  : err_set(e, ERR_INVALID, "unit.csv_empty", "%s: tệp rỗng", "%s: empty file",
                            name);
    int idx[C_NCOLS];
    bool links = csv_header_index(f, nf, link_cols, L_NCOLS, idx) == L_NCOLS;
    if (!links && (csv_header_index(f, nf, unit_cols, C_NCOLS, idx),
                   idx[C_CODE] < 0 || idx[C_NAME] < 0 || idx[C_KIND] < 0))
        return err_set(e, ERR_INVALID, "unit.csv_header",
                       "%s:%d: dòng tiêu đề phải có các cột MaDonVi,TenDonVi,Loai (đơn vị) hoặc "
                       "MaDonVi,QuanHe,MaDonViKhac,NgayHieuLuc (liên kết)",
                       "%s:%d: the header must have columns MaDonVi,TenDonVi,Loai (units) or "
                       "MaDonVi,QuanHe,MaDonViKhac,NgayHieuLuc (links)",
                       name, csv_line(r));
    size_t ncols = nf;
    for (;;) {
        rc = csv_next(r, &f, &nf, e);
        if (rc != CSV_RECORD)
            break;
        int line = csv_line(r);
        if (nf != ncols) /* a short row must not become a unit with empty fields */
            return err_set(
                e, ERR_INVALID, "unit.csv_columns", "%s:%d: dòng có %zu cột, dòng tiêu đề có %zu",
                "%s:%d: the row has %zu columns, the header has %zu", name, line, nf, ncols);
        rc = links ? link_row(f, nf, idx, name, line, set, e)
                   : unit_row(f, nf, idx, name, line, set, e);
        if (rc)
            return rc;
    }
    return rc;
}

int unit_io_read_csv_mem(const char *data, size_t n, const char *name, unit_set_t *set, err_t *e)
{
    csv_reader_t *r = csv_open_mem(data, n, e);
    if (!r)
        return ERR_NOMEM;
    csv_set_name(r, name);
    int rc = read_csv(r, name, set, e);
    csv_close(r);
    return rc;
}

/* The string at key, NULL when absent or null; ERR_INVALID for another type. */
static int opt_str(const json_t *o, const char *key, const char **out)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return ERR_INVALID;
    *out = json_string_value(v);
    return 0;
}

static bool aliases_ok(const json_t *al)
{
    if (!al || json_is_null(al))
        return true;
    if (!json_is_array(al))
        return false;
    for (size_t k = 0; k < json_array_size(al); k++)
        if (!json_is_string(json_array_get(al, k)))
            return false;
    return true;
}

/* Checks the fields of units[i] and parses kind and dates into u. */
static int json_unit_fields(const json_t *o, size_t i, const char *name, unit_t *u, err_t *e)
{
    const char *kind, *from, *to, *parent, *bad = NULL;
    if (!json_is_object(o) || !*jsonx_str(o, "code", "") || !*jsonx_str(o, "name", ""))
        return err_set(e, ERR_INVALID, "unit.json_field", "%s: units[%zu]: thiếu code hoặc name",
                       "%s: units[%zu]: missing code or name", name, i);
    if (opt_str(o, "kind", &kind) || !kind || unit_kind_parse(kind, &u->kind))
        return err_set(e, ERR_INVALID, "unit.json_field", "%s: units[%zu].kind không hợp lệ: '%s'",
                       "%s: units[%zu].kind is invalid: '%s'", name, i, kind ? kind : "");
    if (opt_str(o, "valid_from", &from) || parse_opt_date(from ? from : "", &u->valid_from))
        bad = "valid_from";
    else if (opt_str(o, "valid_to", &to) || parse_opt_date(to ? to : "", &u->valid_to))
        bad = "valid_to";
    else if (opt_str(o, "parent", &parent))
        bad = "parent";
    else if (!aliases_ok(json_object_get(o, "aliases")))
        bad = "aliases";
    if (bad)
        return err_set(e, ERR_INVALID, "unit.json_field", "%s: units[%zu].%s không hợp lệ",
                       "%s: units[%zu].%s is invalid", name, i, bad);
    return 0;
}

static int json_unit(const json_t *o, size_t i, const char *name, unit_set_t *set, err_t *e)
{
    unit_t u = {0};
    int rc = json_unit_fields(o, i, name, &u, e);
    if (rc)
        return rc;
    u.line = (int)i + 1;
    u.source = (char *)name; /* copied by unit_set_add */
    u.code = clean(jsonx_str(o, "code", ""));
    u.name = clean(jsonx_str(o, "name", ""));
    const char *parent = jsonx_str(o, "parent", NULL);
    u.parent = parent && *parent ? clean(parent) : NULL;
    rc = (!u.code || !u.name || (parent && *parent && !u.parent)) ? err_nomem(e) : 0;
    json_t *al = json_object_get(o, "aliases");
    for (size_t k = 0; !rc && k < json_array_size(al); k++) {
        rc = split_aliases(json_string_value(json_array_get(al, k)), &u);
        if (rc)
            err_nomem(e);
    }
    if (!rc) {
        rc = unit_check(&u, e);
        if (rc)
            err_prefixf(e, "%s: units[%zu]: ", "%s: units[%zu]: ", name, i);
    }
    if (!rc)
        rc = unit_set_add(set, &u, e);
    free_tmp_unit(&u);
    return rc;
}

static int json_link(const json_t *o, size_t i, const char *name, unit_set_t *set, err_t *e)
{
    unit_link_t l = {0};
    const char *date = jsonx_str(o, "date", "");
    if (unit_link_kind_parse(jsonx_str(o, "kind", ""), &l.kind) || !*date ||
        date_parse(date, strlen(date), &l.on) || !*jsonx_str(o, "from", "") ||
        !*jsonx_str(o, "to", ""))
        return err_set(e, ERR_INVALID, "unit.json_field",
                       "%s: links[%zu]: cần from, to, kind (merged_into|split_from), date",
                       "%s: links[%zu]: needs from, to, kind (merged_into|split_from), date", name,
                       i);
    l.line = (int)i + 1;
    l.source = (char *)name; /* copied by unit_set_add_link */
    l.from = clean(jsonx_str(o, "from", ""));
    l.to = clean(jsonx_str(o, "to", ""));
    int rc = (!l.from || !l.to) ? err_nomem(e) : unit_code_check(l.from, e);
    if (!rc)
        rc = unit_code_check(l.to, e);
    if (rc && rc != ERR_NOMEM)
        err_prefixf(e, "%s: links[%zu]: ", "%s: links[%zu]: ", name, i);
    if (!rc)
        rc = unit_set_add_link(set, &l, e);
    mem_free(l.from);
    mem_free(l.to);
    return rc;
}

int unit_io_read_json(const json_t *root, const char *name, unit_set_t *set, err_t *e)
{
    const json_t *units = json_is_array(root) ? root : json_object_get(root, "units");
    const json_t *links = json_object_get(root, "links");
    if (!json_is_array(units))
        return err_set(e, ERR_INVALID, "unit.json_shape", "%s: cần một mảng \"units\"",
                       "%s: expected a \"units\" array", name);
    if (links && !json_is_null(links) && !json_is_array(links))
        return err_set(e, ERR_INVALID, "unit.json_shape", "%s: \"links\" phải là một mảng",
                       "%s: \"links\" must be an array", name);
    int rc = 0;
    for (size_t i = 0; !rc && i < json_array_size(units); i++)
        rc = json_unit(json_array_get(units, i), i, name, set, e);
    for (size_t i = 0; !rc && i < json_array_size(links); i++)
        rc = json_link(json_array_get(links, i), i, name, set, e);
    return rc;
}

int unit_io_read_file(const char *path, unit_set_t *set, err_t *e)
{
    char *data;
    size_t n;
    int rc = file_read_all(path, 64u << 20, &data, &n, e);
    if (rc)
        return rc;
    size_t skip = (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    size_t k = skip;
    while (k < n && (data[k] == ' ' || data[k] == '\n' || data[k] == '\r' || data[k] == '\t'))
        k++;
    if (k < n && (data[k] == '{' || data[k] == '[')) {
        json_t *root = jsonx_parse(data + skip, n - skip, e);
        if (root) {
            rc = unit_io_read_json(root, path, set, e);
            json_decref(root);
        } else {
            err_prefix(e, ": ");
            err_prefix(e, path);
            rc = ERR_INVALID;
        }
    } else {
        rc = unit_io_read_csv_mem(data, n, path, set, e);
    }
    mem_free(data);
    return rc;
}

static void csv_field(FILE *out, const char *s)
{
    if (!s)
        s = "";
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void csv_date(FILE *out, date_t d)
{
    char buf[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return;
    date_format(d, buf);
    fputs(buf, out);
}

int unit_io_write_csv(FILE *out, const unit_set_t *set)
{
    fputs("MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen,TenKhac\n", out);
    for (size_t i = 0; i < set->n; i++) {
        const unit_t *u = &set->units[i];
        csv_field(out, u->code);
        fputc(',', out);
        csv_field(out, u->name);
        fprintf(out, ",%s,", unit_kind_code(u->kind));
        csv_field(out, u->parent);
        fputc(',', out);
        csv_date(out, u->valid_from);
        fputc(',', out);
        csv_date(out, u->valid_to);
        fputc(',', out);
        buf_t b = BUF_INIT(BUF_MAX_TEXT);
        for (size_t a = 0; a < u->naliases; a++)
            if ((a && buf_putc(&b, ';')) || buf_puts(&b, u->aliases[a])) {
                buf_release(&b);
                return ERR_NOMEM;
            }
        csv_field(out, buf_cstr(&b));
        buf_release(&b);
        fputc('\n', out);
    }
    return ferror(out) ? ERR_IO : 0;
}

int unit_io_write_links_csv(FILE *out, const unit_set_t *set)
{
    fputs("MaDonVi,QuanHe,MaDonViKhac,NgayHieuLuc\n", out);
    for (size_t i = 0; i < set->nlinks; i++) {
        const unit_link_t *l = &set->links[i];
        csv_field(out, l->from);
        fprintf(out, ",%s,", l->kind == UNIT_LINK_MERGED_INTO ? "sap_nhap_vao" : "tach_tu");
        csv_field(out, l->to);
        fputc(',', out);
        csv_date(out, l->on);
        fputc('\n', out);
    }
    return ferror(out) ? ERR_IO : 0;
}

static json_t *date_json(date_t d)
{
    char buf[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return json_null();
    date_format(d, buf);
    return json_string(buf);
}

json_t *unit_io_unit_json(const unit_t *u)
{
    json_t *o = json_object();
    json_t *al = json_array();
    if (!o || !al) {
        json_decref(o);
        json_decref(al);
        return NULL;
    }
    int rc = jsonx_set_str(o, "code", u->code);
    rc |= jsonx_set_str(o, "name", u->name);
    rc |= jsonx_set_str(o, "kind", unit_kind_code(u->kind));
    rc |= jsonx_set_str(o, "kind_label", unit_kind_label_vi(u->kind));
    rc |= jsonx_set_str(o, "parent", u->parent);
    rc |= jsonx_set_new(o, "valid_from", date_json(u->valid_from));
    rc |= jsonx_set_new(o, "valid_to", date_json(u->valid_to));
    for (size_t i = 0; i < u->naliases; i++)
        rc |= json_array_append_new(al, json_string(u->aliases[i]));
    rc |= jsonx_set_new(o, "aliases", al);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *unit_io_set_json(const unit_set_t *set, date_t at)
{
    json_t *root = json_object();
    json_t *arr = json_array();
    json_t *links = json_array();
    int rc = (!root || !arr || !links) ? ERR_NOMEM : 0;
    for (size_t i = 0; !rc && i < set->n; i++)
        if (unit_valid_at(&set->units[i], at))
            rc = json_array_append_new(arr, unit_io_unit_json(&set->units[i])) ? ERR_NOMEM : 0;
    for (size_t i = 0; !rc && i < set->nlinks; i++) {
        const unit_link_t *l = &set->links[i];
        json_t *o = json_object();
        rc = !o || jsonx_set_str(o, "from", l->from) || jsonx_set_str(o, "to", l->to) ||
             jsonx_set_str(o, "kind", unit_link_kind_code(l->kind)) ||
             jsonx_set_new(o, "date", date_json(l->on));
        if (rc) {
            json_decref(o); /* not handed over yet */
            rc = ERR_NOMEM;
        } else if (json_array_append_new(links, o)) {
            rc = ERR_NOMEM;
        }
    }
    if (!rc) {
        /* jsonx_set_new steals its value, even when it fails. */
        rc = jsonx_set_new(root, "units", arr);
        arr = NULL;
        rc |= jsonx_set_new(root, "links", links);
        links = NULL;
    }
    if (rc) {
        json_decref(root);
        json_decref(arr);
        json_decref(links);
        return NULL;
    }
    return root;
}

json_t *unit_io_match_json(const char *query, const unit_match_t *m)
{
    static const char *status[] = {"none", "unit", "ambiguous", "group"};
    json_t *o = json_object();
    json_t *arr = json_array();
    int rc = (!o || !arr) ? ERR_NOMEM : 0;
    for (size_t i = 0; !rc && i < m->n; i++)
        rc = json_array_append_new(arr, unit_io_unit_json(m->units[i])) ? ERR_NOMEM : 0;
    if (!rc) {
        rc = jsonx_set_str(o, "query", query);
        rc |= jsonx_set_str(o, "status", status[m->kind]);
        rc |= jsonx_set_bool(o, "approximate", m->approximate);
        rc |= jsonx_set_str(o, "group", m->group);
        rc |= jsonx_set_str(o, "group_label", m->group_vi);
        rc |= jsonx_set_new(o, "units", arr);
        arr = NULL;
    }
    if (rc) {
        json_decref(o);
        json_decref(arr);
        return NULL;
    }
    return o;
}
