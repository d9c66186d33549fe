#include "io/procedure_io.h"

#include "base/jsonx.h"
#include "base/mem.h"
#include "base/sv.h"
#include "base/text.h"
#include "base/csv.h"
#include "base/file.h"

#include <string.h>
#include <strings.h>

#include "base/banned.h"

enum {
    P_CODE,
    P_NAME,
    P_FIELD,
    P_TIME,
    P_UNIT,
    P_LEVEL,
    P_ELIGIBLE,
    P_FEE,
    P_PAY,
    P_PUBLISHED,
    P_UNITS,
    P_FROM,
    P_TO,
    P_CUTOFF,
    P_NCOLS
};
static const char *cols[P_NCOLS] = {"MaTTHC",
                                    "TenTTHC",
                                    "LinhVuc",
                                    "ThoiGianGiaiQuyet",
                                    "DonViTinh",
                                    "MucDo",
                                    "DuDieuKienToanTrinh",
                                    "CoPhi",
                                    "ThanhToanTrucTuyen",
                                    "CongKhai",
                                    "MaDonVi",
                                    "HieuLucTu",
                                    "HieuLucDen",
                                    "GioChot"};
#define REQUIRED_COLS 10

static int field_error(err_t *e, const char *name, int line, int col, const char *vi,
                       const char *en, const char *value)
{
    char v[ERR_MSG_MAX], n[ERR_MSG_MAX];
    snprintf(v, sizeof v, "%s '%s'", vi, value);
    snprintf(n, sizeof n, "%s '%s'", en, value);
    err_set_pair(e, ERR_INVALID, "procedure.csv_field", v, n);
    err_prefixf(e, "%s:%d: cột %s: ", "%s:%d: column %s: ", name, line, cols[col]);
    return ERR_INVALID;
}

static int parse_flag(const char *s, bool *out)
{
    sv_t v = sv_trim(sv_from(s));
    if (v.n == 0 || sv_eq(v, "0") || sv_eq(v, "false")) {
        *out = false;
        return 0;
    }
    if (sv_eq(v, "1") || sv_eq(v, "true")) {
        *out = true;
        return 0;
    }
    return ERR_INVALID;
}

static int parse_cutoff(const char *s, int *out)
{
    sv_t v = sv_trim(sv_from(s));
    *out = -1;
    if (!v.n)
        return 0;
    sv_t hh;
    bool found;
    sv_t mm = sv_split(v, ':', &hh, &found);
    long h, m;
    if (!found || !sv_to_long(hh, &h) || !sv_to_long(mm, &m) || h > 23 || m > 59)
        return ERR_INVALID;
    *out = (int)(h * 60 + m);
    return 0;
}

static int parse_opt_date(const char *s, date_t *out)
{
    sv_t v = sv_trim(sv_from(s));
    if (!v.n) {
        *out = DATE_NONE;
        return 0;
    }
    return date_parse(v.p, v.n, out);
}

/* Adds one link per unit code listed in s (';'-separated). */
static int add_links(procedure_set_t *set, const char *proc, const char *s, date_t from, date_t to,
                     int line, err_t *e)
{
    const char *p = s;
    while (*p) {
        const char *q = strchr(p, ';');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        sv_t v = sv_trim(sv_make(p, len));
        if (v.n) {
            char *unit = text_nfc(v.p, v.n, NULL);
            if (!unit)
                return err_nomem(e);
            procedure_link_t l = {(char *)proc, unit, from, to, line};
            int rc = procedure_set_add_link(set, &l, e);
            mem_free(unit);
            if (rc)
                return rc;
        }
        p += len + (q ? 1 : 0);
    }
    return 0;
}

/* One row given as cell strings (index P_*; "" when absent). */
static int add_row(const char **c, const char *name, int line, procedure_set_t *set, err_t *e)
{
    procedure_t p = {0};
    p.line = line;
    long n;
    sv_t t = sv_trim(sv_from(c[P_TIME]));
    if (!sv_to_long(t, &n))
        return field_error(e, name, line, P_TIME, "không phải số ngày/giờ", "not a number",
                           c[P_TIME]);
    p.allowance = n;
    if (procedure_time_unit_parse(c[P_UNIT], &p.unit))
        return field_error(e, name, line, P_UNIT, "cần ngay_lam_viec, gio_lam_viec hoặc ngay",
                           "expected ngay_lam_viec, gio_lam_viec or ngay", c[P_UNIT]);
    if (procedure_level_parse(c[P_LEVEL], &p.level))
        return field_error(e, name, line, P_LEVEL, "cần toan_trinh, mot_phan hoặc khong",
                           "expected toan_trinh, mot_phan or khong", c[P_LEVEL]);
    static const int flag_cols[] = {P_ELIGIBLE, P_FEE, P_PAY, P_PUBLISHED};
    bool *flags[] = {&p.full_online_eligible, &p.fee, &p.online_payment, &p.published};
    for (int i = 0; i < 4; i++)
        if (parse_flag(c[flag_cols[i]], flags[i]))
            return field_error(e, name, line, flag_cols[i], "cần 0 hoặc 1", "expected 0 or 1",
                               c[flag_cols[i]]);
    if (parse_cutoff(c[P_CUTOFF], &p.cutoff_minute))
        return field_error(e, name, line, P_CUTOFF, "cần giờ dạng HH:MM", "expected HH:MM",
                           c[P_CUTOFF]);
    date_t from, to;
    if (parse_opt_date(c[P_FROM], &from))
        return field_error(e, name, line, P_FROM, "ngày không hợp lệ", "invalid date", c[P_FROM]);
    if (parse_opt_date(c[P_TO], &to))
        return field_error(e, name, line, P_TO, "ngày không hợp lệ", "invalid date", c[P_TO]);
    sv_t code = sv_trim(sv_from(c[P_CODE])), pname = sv_trim(sv_from(c[P_NAME]));
    sv_t field = sv_trim(sv_from(c[P_FIELD]));
    p.code = text_nfc(code.p, code.n, NULL);
    p.name = text_nfc(pname.p, pname.n, NULL);
    p.field = text_nfc(field.p, field.n, NULL);
    int rc = (!p.code || !p.name || !p.field) ? err_nomem(e) : 0;
    if (!rc)
        rc = procedure_check(&p, e);
    if (rc && rc != ERR_NOMEM) {
        char pre[300];
        snprintf(pre, sizeof pre, "%s:%d: ", name, line);
        err_prefix(e, pre);
    }
    if (!rc)
        rc = procedure_set_add(set, &p, e);
    if (!rc)
        rc = add_links(set, p.code, c[P_UNITS], from, to, line, e);
    mem_free(p.code);
    mem_free(p.name);
    mem_free(p.field);
    return rc;
}

static int read_csv(csv_reader_t *r, const char *name, procedure_set_t *set, err_t *e)
{
    char **f;
    size_t nf;
    int rc = csv_next(r, &f, &nf, e);
    if (rc <= 0)
        return rc ? rc
                  : err_set(e, ERR_INVALID, "procedure.csv_empty", "%s: tệp rỗng", "%s: empty file",
                            name);
    int idx[P_NCOLS];
    csv_header_index(f, nf, cols, P_NCOLS, idx);
    for (int c = 0; c < P_NCOLS; c++) {
        if (c < REQUIRED_COLS && c != P_FIELD && idx[c] < 0)
            return err_set(e, ERR_INVALID, "procedure.csv_header",
                           "%s:1: thiếu cột %s trong dòng tiêu đề",
                           "%s:1: the header lacks column %s", name, cols[c]);
    }
    for (;;) {
        rc = csv_next(r, &f, &nf, e);
        if (rc != CSV_RECORD)
            break;
        const char *c[P_NCOLS];
        for (int k = 0; k < P_NCOLS; k++)
            c[k] = idx[k] >= 0 && (size_t)idx[k] < nf ? f[idx[k]] : "";
        rc = add_row(c, name, csv_line(r), set, e);
        if (rc)
            return rc;
    }
    return rc;
}

/* A JSON value as text: strings as is, integers printed, booleans 0/1. */
static const char *json_cell(const json_t *v, char *tmp, size_t n)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(tmp, n, "%lld", (long long)json_integer_value(v));
        return tmp;
    }
    if (json_is_boolean(v))
        return json_is_true(v) ? "1" : "0";
    if (json_is_array(v)) {
        /* MaDonVi as an array: join with ';' into tmp */
        size_t used = 0;
        tmp[0] = '\0';
        for (size_t i = 0; i < json_array_size(v); i++) {
            const char *s = json_string_value(json_array_get(v, i));
            int w = snprintf(tmp + used, n - used, "%s%s", i ? ";" : "", s ? s : "");
            if (w < 0 || (size_t)w >= n - used)
                break;
            used += (size_t)w;
        }
        return tmp;
    }
    return "";
}

static int read_json(const json_t *root, const char *name, procedure_set_t *set, err_t *e)
{
    const json_t *arr = json_is_array(root) ? root : json_object_get(root, "procedures");
    if (!json_is_array(arr))
        return err_set(e, ERR_INVALID, "procedure.json_shape", "%s: cần một mảng thủ tục",
                       "%s: expected an array of procedures", name);
    char tmp[P_NCOLS][1024];
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const json_t *o = json_array_get(arr, i);
        const char *c[P_NCOLS];
        for (int k = 0; k < P_NCOLS; k++)
            c[k] = json_cell(json_object_get(o, cols[k]), tmp[k], sizeof tmp[k]);
        int rc = add_row(c, name, (int)i + 1, set, e);
        if (rc)
            return rc;
    }
    return 0;
}

int procedure_io_read_mem(const char *data, size_t n, const char *name, procedure_set_t *set,
                          err_t *e)
{
    size_t k = (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    size_t skip = k;
    while (k < n && (data[k] == ' ' || data[k] == '\n' || data[k] == '\r' || data[k] == '\t'))
        k++;
    if (k < n && (data[k] == '{' || data[k] == '[')) {
        json_t *root = jsonx_parse(data + skip, n - skip, e);
        if (!root)
            return ERR_INVALID;
        int rc = read_json(root, name, set, e);
        json_decref(root);
        return rc;
    }
    csv_reader_t *r = csv_open_mem(data, n, e);
    if (!r)
        return ERR_NOMEM;
    int rc = read_csv(r, name, set, e);
    csv_close(r);
    return rc;
}

int procedure_io_read_file(const char *path, procedure_set_t *set, err_t *e)
{
    char *data;
    size_t n;
    int rc = file_read_all(path, 256u << 20, &data, &n, e);
    if (rc)
        return rc;
    rc = procedure_io_read_mem(data, n, path, set, e);
    mem_free(data);
    return rc;
}

static void csv_field(FILE *out, const char *s)
{
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

int procedure_io_write_csv(FILE *out, const procedure_set_t *set)
{
    fputs("MaTTHC,TenTTHC,LinhVuc,ThoiGianGiaiQuyet,DonViTinh,MucDo,DuDieuKienToanTrinh,CoPhi,"
          "ThanhToanTrucTuyen,CongKhai,MaDonVi\n",
          out);
    for (size_t i = 0; i < set->n; i++) {
        const procedure_t *p = &set->items[i];
        csv_field(out, p->code);
        fputc(',', out);
        csv_field(out, p->name);
        fputc(',', out);
        csv_field(out, p->field);
        fprintf(out, ",%lld,%s,%s,%d,%d,%d,%d,", (long long)p->allowance,
                procedure_time_unit_code(p->unit), procedure_level_code(p->level),
                p->full_online_eligible, p->fee, p->online_payment, p->published);
        bool first = true;
        for (size_t k = 0; k < set->nlinks; k++)
            if (strcmp(set->links[k].procedure, p->code) == 0) {
                fprintf(out, "%s%s", first ? "" : ";", set->links[k].unit);
                first = false;
            }
        fputc('\n', out);
    }
    return ferror(out) ? ERR_IO : 0;
}
