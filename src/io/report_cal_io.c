/* report_cal_io.c - reporting calendar CSV and JSON (see report_cal_io.h). */
#include "io/report_cal_io.h"

#include "base/date.h"
#include "base/file.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/sv.h"
#include "base/text.h"
#include "io/csv.h"

#include <string.h>
#include <strings.h>

#include "base/banned.h"

enum {
    C_TYPE,
    C_RECEIVER,
    C_KIND,
    C_YEARS,
    C_WINDOW,
    C_DUE,
    C_ENABLED,
    C_FROM,
    C_TO,
    C_ID,
    C_TITLE,
    C_NOTE,
    C_NCOLS
};

static const char *const cols[C_NCOLS] = {"type",    "receiver", "kind", "years", "window", "due",
                                          "enabled", "from",     "to",   "id",    "title",  "note"};

/* Columns each row type may fill (besides type, receiver and note). */
static const unsigned used_rule =
    1u << C_KIND | 1u << C_YEARS | 1u << C_WINDOW | 1u << C_DUE | 1u << C_ENABLED;
static const unsigned used_override =
    1u << C_KIND | 1u << C_YEARS | 1u << C_FROM | 1u << C_TO | 1u << C_DUE;
static const unsigned used_adhoc =
    1u << C_ID | 1u << C_TITLE | 1u << C_FROM | 1u << C_TO | 1u << C_DUE;

typedef struct row {
    char **f;
    size_t nf;
    const int *idx;
    const char *name;
    int line;
} row_t;

static const char *cell(const row_t *r, int c)
{
    int i = r->idx[c];
    return i >= 0 && (size_t)i < r->nf ? r->f[i] : "";
}

static sv_t cellv(const row_t *r, int c)
{
    return sv_trim(sv_from(cell(r, c)));
}

static int field_error(const row_t *r, int c, err_t *e)
{
    sv_t v = cellv(r, c);
    return err_set(e, ERR_INVALID, "report_cal_io.field",
                   "%s:%d: cột %s: giá trị '%.*s' không hợp lệ",
                   "%s:%d: column %s: invalid value '%.*s'", r->name, r->line, cols[c],
                   (int)(v.n > 60 ? 60 : v.n), v.p);
}

/* Prefixes a domain error with "file:line: ". */
static int at_line(const row_t *r, int rc, err_t *e)
{
    char pre[600];
    snprintf(pre, sizeof pre, "%s:%d: ", r->name, r->line);
    err_prefix(e, pre);
    return rc;
}

static int unused_check(const row_t *r, unsigned used, err_t *e)
{
    for (int c = C_KIND; c < C_NOTE; c++)
        if (!(used & (1u << c)) && cellv(r, c).n)
            return err_set(e, ERR_INVALID, "report_cal_io.field",
                           "%s:%d: cột %s không dùng cho dòng loại %s",
                           "%s:%d: column %s is not used by rows of type %s", r->name, r->line,
                           cols[c], cell(r, C_TYPE));
    return 0;
}

/* "" (0..0), "2024", "2024-2026", "2024-", "-2023". */
static bool parse_years(sv_t v, int *from, int *to)
{
    sv_t a, b;
    bool dash;
    long x;
    *from = *to = 0;
    if (v.n == 0)
        return true;
    b = sv_split(v, '-', &a, &dash);
    a = sv_trim(a);
    b = sv_trim(b);
    if (a.n && (!sv_to_long(a, &x) || x > 9999))
        return false;
    *from = a.n ? (int)x : 0;
    if (!dash) {
        *to = *from;
        return a.n > 0;
    }
    if (b.n && (!sv_to_long(b, &x) || x > 9999))
        return false;
    *to = b.n ? (int)x : 0;
    return a.n || b.n;
}

static bool parse_enabled(sv_t v, bool *out)
{
    static const char *const yes[] = {"1", "yes", "true", "có", "co", NULL};
    static const char *const no[] = {"0", "no", "false", "không", "khong", NULL};
    *out = true;
    if (v.n == 0)
        return true;
    for (size_t i = 0; yes[i]; i++)
        if (v.n == strlen(yes[i]) && strncasecmp(v.p, yes[i], v.n) == 0)
            return true;
    for (size_t i = 0; no[i]; i++)
        if (v.n == strlen(no[i]) && strncasecmp(v.p, no[i], v.n) == 0) {
            *out = false;
            return true;
        }
    return false;
}

/* An optional date cell: "" -> DATE_NONE. */
static int date_cell(const row_t *r, int c, date_t *out, err_t *e)
{
    sv_t v = cellv(r, c);
    *out = DATE_NONE;
    if (v.n == 0)
        return 0;
    return date_parse(v.p, v.n, out) == 0 ? 0 : field_error(r, c, e);
}

/* "<file name>:<line>", the name cut on a UTF-8 boundary if needed. */
static void source_of(const row_t *r, char *out, size_t cap)
{
    char base[REPORT_CAL_SOURCE_MAX - 16], tmp[REPORT_CAL_SOURCE_MAX];
    const char *slash = strrchr(r->name, '/');
    report_cal_copy(base, sizeof base, slash ? slash + 1 : r->name);
    snprintf(tmp, sizeof tmp, "%s:%d", base, r->line);
    report_cal_copy(out, cap, tmp);
}

static int kind_cell(const row_t *r, report_kind_t *k, err_t *e)
{
    sv_t v = cellv(r, C_KIND);
    return report_kind_parse(v.p, v.n, k, NULL) == 0 ? 0 : field_error(r, C_KIND, e);
}

static int rule_row(const row_t *r, report_cal_t *cal, err_t *e)
{
    report_cal_rule_t ru;
    report_kind_t k;
    int rc = unused_check(r, used_rule, e);
    if (!rc)
        rc = kind_cell(r, &k, e);
    if (rc)
        return rc;
    report_cal_rule_init(&ru, cell(r, C_RECEIVER), k);
    sv_t w = cellv(r, C_WINDOW), d = cellv(r, C_DUE);
    if (!parse_years(cellv(r, C_YEARS), &ru.year_from, &ru.year_to))
        return field_error(r, C_YEARS, e);
    if (w.n && report_kind_window_parse(k, w.p, w.n, &ru.window, NULL) != 0)
        return field_error(r, C_WINDOW, e);
    if (report_kind_due_parse(k, d.p, d.n, &ru.due, NULL) != 0)
        return field_error(r, C_DUE, e);
    if (!parse_enabled(cellv(r, C_ENABLED), &ru.enabled))
        return field_error(r, C_ENABLED, e);
    source_of(r, ru.source, sizeof ru.source);
    rc = report_cal_add_rule(cal, &ru, e);
    return rc ? at_line(r, rc, e) : 0;
}

static int override_row(const row_t *r, report_cal_t *cal, err_t *e)
{
    report_cal_override_t o;
    report_kind_t k;
    int y0, y1;
    int rc = unused_check(r, used_override, e);
    if (!rc)
        rc = kind_cell(r, &k, e);
    if (rc)
        return rc;
    if (!parse_years(cellv(r, C_YEARS), &y0, &y1) || y0 == 0 || y0 != y1)
        return field_error(r, C_YEARS, e);
    report_cal_override_init(&o, cell(r, C_RECEIVER), y0, k);
    rc = date_cell(r, C_FROM, &o.from, e);
    if (!rc)
        rc = date_cell(r, C_TO, &o.to, e);
    if (!rc)
        rc = date_cell(r, C_DUE, &o.due, e);
    if (rc)
        return rc;
    source_of(r, o.source, sizeof o.source);
    rc = report_cal_add_override(cal, &o, e);
    return rc ? at_line(r, rc, e) : 0;
}

static int adhoc_row(const row_t *r, report_cal_t *cal, err_t *e)
{
    report_cal_adhoc_t a;
    int rc = unused_check(r, used_adhoc, e);
    if (rc)
        return rc;
    /* cells are trimmed and NFC (normalise); copies cut on a UTF-8 boundary */
    report_cal_adhoc_init(&a, cell(r, C_RECEIVER), cell(r, C_ID));
    report_cal_copy(a.title, sizeof a.title, cell(r, C_TITLE));
    rc = date_cell(r, C_FROM, &a.from, e);
    if (!rc)
        rc = date_cell(r, C_TO, &a.to, e);
    if (!rc)
        rc = date_cell(r, C_DUE, &a.due, e);
    if (rc)
        return rc;
    source_of(r, a.source, sizeof a.source);
    rc = report_cal_add_adhoc(cal, &a, e);
    return rc ? at_line(r, rc, e) : 0;
}

/* NFC-normalised, trimmed copies of the cells (kept in nfc, freed by the
 * caller); f points at them afterwards. */
static int normalise(char **f, size_t nf, char **nfc, const char *name, int line, err_t *e)
{
    for (size_t i = 0; i < nf; i++) {
        int rc = 0;
        nfc[i] = text_nfc(f[i], strlen(f[i]), &rc);
        if (!nfc[i] && rc == ERR_NOMEM)
            return err_nomem(e);
        if (!nfc[i])
            return err_set(e, ERR_INVALID, "report_cal_io.field",
                           "%s:%d: cột thứ %zu không phải UTF-8 hợp lệ",
                           "%s:%d: column %zu is not valid UTF-8", name, line, i + 1);
        sv_t v = sv_trim(sv_from(nfc[i]));
        memmove(nfc[i], v.p, v.n);
        nfc[i][v.n] = '\0';
        f[i] = nfc[i];
    }
    return 0;
}

static int dispatch(const row_t *r, report_cal_t *cal, err_t *e)
{
    sv_t t = cellv(r, C_TYPE);
    if (sv_eq(t, "rule"))
        return rule_row(r, cal, e);
    if (sv_eq(t, "override"))
        return override_row(r, cal, e);
    if (sv_eq(t, "adhoc"))
        return adhoc_row(r, cal, e);
    return field_error(r, C_TYPE, e);
}

static int one_row(char **f, size_t nf, const int *idx, const char *name, int line,
                   report_cal_t *cal, err_t *e)
{
    char *nfc[64] = {NULL};
    row_t r = {f, nf, idx, name, line};
    int rc = 0;
    if (nf > 64)
        rc = err_set(e, ERR_INVALID, "report_cal_io.field", "%s:%d: quá nhiều cột",
                     "%s:%d: too many columns", name, line);
    if (!rc)
        rc = normalise(f, nf, nfc, name, line, e);
    if (!rc && nf && f[0][0] != '#')
        rc = dispatch(&r, cal, e);
    for (size_t i = 0; i < nf && i < 64; i++)
        mem_free(nfc[i]);
    return rc;
}

static int read_rows(csv_reader_t *rd, const char *name, report_cal_t *cal, err_t *e)
{
    char **f;
    size_t nf;
    int idx[C_NCOLS];
    int rc = csv_next(rd, &f, &nf, e);
    while (rc == 1 && nf && f[0][0] == '#') /* comments before the header */
        rc = csv_next(rd, &f, &nf, e);
    if (rc <= 0)
        return rc ? rc
                  : err_set(e, ERR_INVALID, "report_cal_io.header", "%s: tệp rỗng",
                            "%s: empty file", name);
    csv_header_index(f, nf, cols, C_NCOLS, idx);
    if (idx[C_TYPE] < 0 || idx[C_RECEIVER] < 0)
        return err_set(e, ERR_INVALID, "report_cal_io.header",
                       "%s:%d: dòng tiêu đề phải có các cột type, receiver (và kind, years, "
                       "window, due, enabled, from, to, id, title, note)",
                       "%s:%d: the header must have the columns type, receiver (and kind, "
                       "years, window, due, enabled, from, to, id, title, note)",
                       name, csv_line(rd));
    for (;;) {
        rc = csv_next(rd, &f, &nf, e);
        if (rc != 1)
            return rc;
        rc = one_row(f, nf, idx, name, csv_line(rd), cal, e);
        if (rc)
            return rc;
    }
}

int report_cal_io_read_csv_mem(const char *data, size_t n, const char *name, report_cal_t *cal,
                               err_t *e)
{
    csv_reader_t *rd = csv_open_mem(data, n, e);
    if (!rd)
        return ERR_NOMEM; /* the reader fails only when out of memory; e is set */
    csv_set_name(rd, name);
    int rc = read_rows(rd, name, cal, e);
    csv_close(rd);
    return rc;
}

int report_cal_io_read_file(const char *path, report_cal_t *cal, err_t *e)
{
    char *data = NULL;
    size_t n = 0;
    int rc = file_read_all(path, 16u << 20, &data, &n, e);
    if (!rc)
        rc = report_cal_io_read_csv_mem(data, n, path, cal, e);
    mem_free(data);
    return rc;
}

/* ---- writing ------------------------------------------------------------------ */

static int put_field(FILE *out, const char *s, bool last)
{
    int bad = 0;
    if (strpbrk(s, ",\"\r\n")) {
        bad |= fputc('"', out) == EOF;
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                bad |= fputc('"', out) == EOF;
            bad |= fputc(*p, out) == EOF;
        }
        bad |= fputc('"', out) == EOF;
    } else {
        bad |= fputs(s, out) == EOF;
    }
    bad |= fputc(last ? '\n' : ',', out) == EOF;
    return bad ? ERR_IO : 0;
}

static int put_row(FILE *out, const char *const v[C_NCOLS])
{
    int rc = 0;
    for (int c = 0; c < C_NCOLS && !rc; c++)
        rc = put_field(out, v[c] ? v[c] : "", c == C_NCOLS - 1);
    return rc;
}

static void fmt_date(date_t d, char out[DATE_ISO_LEN])
{
    if (d == DATE_NONE)
        out[0] = '\0';
    else
        date_format(d, out);
}

static void fmt_years(int from, int to, char out[16])
{
    if (from == 0 && to == 0)
        out[0] = '\0';
    else if (from == to)
        snprintf(out, 16, "%d", from);
    else if (to == 0)
        snprintf(out, 16, "%d-", from);
    else if (from == 0)
        snprintf(out, 16, "-%d", to);
    else
        snprintf(out, 16, "%d-%d", from, to);
}

static int write_rules(FILE *out, const report_cal_t *cal)
{
    int rc = 0;
    for (size_t i = 0; i < report_cal_rule_count(cal) && !rc; i++) {
        const report_cal_rule_t *r = report_cal_rule_at(cal, i);
        char years[16], w[REPORT_KIND_RULE_MAX], d[REPORT_KIND_RULE_MAX];
        fmt_years(r->year_from, r->year_to, years);
        report_kind_window_format(r->kind, &r->window, w);
        report_kind_due_format(r->kind, &r->due, d);
        const char *v[C_NCOLS] = {"rule", r->receiver, report_kind_code(r->kind), years,
                                  w,      d,           r->enabled ? "1" : "0"};
        rc = put_row(out, v);
    }
    return rc;
}

static int write_dated(FILE *out, const report_cal_t *cal)
{
    int rc = 0;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN], d[DATE_ISO_LEN], years[16];
    for (size_t i = 0; i < report_cal_override_count(cal) && !rc; i++) {
        const report_cal_override_t *o = report_cal_override_at(cal, i);
        fmt_years(o->year, o->year, years);
        fmt_date(o->from, a);
        fmt_date(o->to, b);
        fmt_date(o->due, d);
        const char *v[C_NCOLS] = {
            "override", o->receiver, report_kind_code(o->kind), years, NULL, d, NULL, a, b};
        rc = put_row(out, v);
    }
    for (size_t i = 0; i < report_cal_adhoc_count(cal) && !rc; i++) {
        const report_cal_adhoc_t *h = report_cal_adhoc_at(cal, i);
        fmt_date(h->from, a);
        fmt_date(h->to, b);
        fmt_date(h->due, d);
        const char *v[C_NCOLS] = {"adhoc", h->receiver, NULL, NULL,  NULL,    d,
                                  NULL,    a,           b,    h->id, h->title};
        rc = put_row(out, v);
    }
    return rc;
}

int report_cal_io_write_csv(FILE *out, const report_cal_t *cal)
{
    int rc = put_row(out, cols);
    if (!rc)
        rc = write_rules(out, cal);
    if (!rc)
        rc = write_dated(out, cal);
    return rc;
}

/* ---- JSON ------------------------------------------------------------------------ */

static int set_date(json_t *o, const char *key, date_t d)
{
    char s[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return jsonx_set_str(o, key, NULL);
    date_format(d, s);
    return jsonx_set_str(o, key, s);
}

static json_t *entry_json(const report_cal_entry_t *en)
{
    char code[PERIOD_CODE_MAX], vi[ERR_MSG_MAX], eng[ERR_MSG_MAX];
    json_t *o = json_object();
    int rc = o ? 0 : ERR_NOMEM;
    period_format_code(en->period, code);
    report_cal_entry_explain(en, vi, eng);
    if (!rc)
        rc = jsonx_set_str(o, "kind", report_kind_code(en->kind));
    if (!rc)
        rc = jsonx_set_str(o, "label", report_kind_label_vi(en->kind));
    if (!rc)
        rc = jsonx_set_str(o, "period", en->has_period ? code : NULL);
    if (!rc)
        rc = jsonx_set_str(o, "id", en->id);
    if (!rc)
        rc = jsonx_set_str(o, "title", en->title);
    if (!rc)
        rc = set_date(o, "from", en->from);
    if (!rc)
        rc = set_date(o, "to", en->to);
    if (!rc)
        rc = set_date(o, "due", en->due);
    if (!rc)
        rc = jsonx_set_str(o, "receiver", en->receiver);
    if (!rc)
        rc = jsonx_set_str(o, "origin", report_cal_origin_name(en->origin));
    if (!rc)
        rc = jsonx_set_str(o, "source", en->source[0] ? en->source : NULL);
    if (!rc)
        rc = jsonx_set_str(o, "explain", vi);
    if (!rc)
        rc = jsonx_set_str(o, "explain_en", eng);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *report_cal_io_list_json(const char *unit, int year, const report_cal_list_t *l)
{
    json_t *root = json_object(), *arr = json_array();
    int rc = root && arr ? 0 : ERR_NOMEM;
    if (!rc)
        rc = jsonx_set_str(root, "unit", unit);
    if (!rc)
        rc = jsonx_set_int(root, "year", year);
    for (size_t i = 0; i < l->n && !rc; i++) {
        json_t *o = entry_json(&l->v[i]);
        rc = o && json_array_append_new(arr, o) == 0 ? 0 : ERR_NOMEM;
    }
    if (!rc) {
        rc = json_object_set_new(root, "reports", arr) == 0 ? 0 : ERR_NOMEM;
        arr = NULL;
    }
    json_decref(arr);
    if (rc) {
        json_decref(root);
        return NULL;
    }
    return root;
}
