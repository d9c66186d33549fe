/* report_cal_csv.c - the reporting calendar's CSV form, read from memory
 * (report_cal_csv.h). */
#include "domain/report_cal_csv.h"

#include "base/csv.h"
#include "base/date.h"
#include "base/mem.h"
#include "base/sv.h"
#include "base/text.h"

#include <string.h>
#include <strings.h>

#include "base/banned.h"

const char *const report_cal_csv_cols[REPORT_CAL_CSV_NCOLS] = {
    "type",    "receiver", "kind", "years", "window", "due",
    "enabled", "from",     "to",   "id",    "title",  "note"};

/* Columns each row type may fill (besides type, receiver and note). */
static const unsigned used_rule = 1u << REPORT_CAL_CSV_KIND | 1u << REPORT_CAL_CSV_YEARS |
                                  1u << REPORT_CAL_CSV_WINDOW | 1u << REPORT_CAL_CSV_DUE |
                                  1u << REPORT_CAL_CSV_ENABLED;
static const unsigned used_override = 1u << REPORT_CAL_CSV_KIND | 1u << REPORT_CAL_CSV_YEARS |
                                      1u << REPORT_CAL_CSV_FROM | 1u << REPORT_CAL_CSV_TO |
                                      1u << REPORT_CAL_CSV_DUE;
static const unsigned used_adhoc = 1u << REPORT_CAL_CSV_ID | 1u << REPORT_CAL_CSV_TITLE |
                                   1u << REPORT_CAL_CSV_FROM | 1u << REPORT_CAL_CSV_TO |
                                   1u << REPORT_CAL_CSV_DUE;

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
                   "%s:%d: column %s: invalid value '%.*s'", r->name, r->line,
                   report_cal_csv_cols[c], (int)(v.n > 60 ? 60 : v.n), v.p);
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
    for (int c = REPORT_CAL_CSV_KIND; c < REPORT_CAL_CSV_NOTE; c++)
        if (!(used & (1u << c)) && cellv(r, c).n)
            return err_set(e, ERR_INVALID, "report_cal_io.field",
                           "%s:%d: cột %s không dùng cho dòng loại %s",
                           "%s:%d: column %s is not used by rows of type %s", r->name, r->line,
                           report_cal_csv_cols[c], cell(r, REPORT_CAL_CSV_TYPE));
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
    sv_t v = cellv(r, REPORT_CAL_CSV_KIND);
    return report_kind_parse(v.p, v.n, k, NULL) == 0 ? 0 : field_error(r, REPORT_CAL_CSV_KIND, e);
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
    report_cal_rule_init(&ru, cell(r, REPORT_CAL_CSV_RECEIVER), k);
    sv_t w = cellv(r, REPORT_CAL_CSV_WINDOW), d = cellv(r, REPORT_CAL_CSV_DUE);
    if (!parse_years(cellv(r, REPORT_CAL_CSV_YEARS), &ru.year_from, &ru.year_to))
        return field_error(r, REPORT_CAL_CSV_YEARS, e);
    if (w.n && report_kind_window_parse(k, w.p, w.n, &ru.window, NULL) != 0)
        return field_error(r, REPORT_CAL_CSV_WINDOW, e);
    if (report_kind_due_parse(k, d.p, d.n, &ru.due, NULL) != 0)
        return field_error(r, REPORT_CAL_CSV_DUE, e);
    if (!parse_enabled(cellv(r, REPORT_CAL_CSV_ENABLED), &ru.enabled))
        return field_error(r, REPORT_CAL_CSV_ENABLED, e);
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
    if (!parse_years(cellv(r, REPORT_CAL_CSV_YEARS), &y0, &y1) || y0 == 0 || y0 != y1)
        return field_error(r, REPORT_CAL_CSV_YEARS, e);
    report_cal_override_init(&o, cell(r, REPORT_CAL_CSV_RECEIVER), y0, k);
    rc = date_cell(r, REPORT_CAL_CSV_FROM, &o.from, e);
    if (!rc)
        rc = date_cell(r, REPORT_CAL_CSV_TO, &o.to, e);
    if (!rc)
        rc = date_cell(r, REPORT_CAL_CSV_DUE, &o.due, e);
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
    report_cal_adhoc_init(&a, cell(r, REPORT_CAL_CSV_RECEIVER), cell(r, REPORT_CAL_CSV_ID));
    report_cal_copy(a.title, sizeof a.title, cell(r, REPORT_CAL_CSV_TITLE));
    rc = date_cell(r, REPORT_CAL_CSV_FROM, &a.from, e);
    if (!rc)
        rc = date_cell(r, REPORT_CAL_CSV_TO, &a.to, e);
    if (!rc)
        rc = date_cell(r, REPORT_CAL_CSV_DUE, &a.due, e);
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
    sv_t t = cellv(r, REPORT_CAL_CSV_TYPE);
    if (sv_eq(t, "rule"))
        return rule_row(r, cal, e);
    if (sv_eq(t, "override"))
        return override_row(r, cal, e);
    if (sv_eq(t, "adhoc"))
        return adhoc_row(r, cal, e);
    return field_error(r, REPORT_CAL_CSV_TYPE, e);
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
    int idx[REPORT_CAL_CSV_NCOLS];
    int rc = csv_next(rd, &f, &nf, e);
    while (rc == 1 && nf && f[0][0] == '#') /* comments before the header */
        rc = csv_next(rd, &f, &nf, e);
    if (rc <= 0)
        return rc ? rc
                  : err_set(e, ERR_INVALID, "report_cal_io.header", "%s: tệp rỗng",
                            "%s: empty file", name);
    csv_header_index(f, nf, report_cal_csv_cols, REPORT_CAL_CSV_NCOLS, idx);
    if (idx[REPORT_CAL_CSV_TYPE] < 0 || idx[REPORT_CAL_CSV_RECEIVER] < 0)
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

int report_cal_csv_read(const char *data, size_t n, const char *name, report_cal_t *cal, err_t *e)
{
    csv_reader_t *rd = csv_open_mem(data, n, e);
    if (!rd)
        return ERR_NOMEM; /* the reader fails only when out of memory; e is set */
    csv_set_name(rd, name);
    int rc = read_rows(rd, name, cal, e);
    csv_close(rd);
    return rc;
}

int report_cal_csv_add_row(report_cal_t *cal, const char *const cells[REPORT_CAL_CSV_NCOLS],
                           const char *name, int line, err_t *e)
{
    char *f[REPORT_CAL_CSV_NCOLS];
    int idx[REPORT_CAL_CSV_NCOLS];
    for (int i = 0; i < REPORT_CAL_CSV_NCOLS; i++) {
        f[i] = (char *)(cells[i] ? cells[i] : "");
        idx[i] = i;
    }
    /* one_row normalises into copies and points f at them: the caller's
     * cells are never written. */
    return one_row(f, REPORT_CAL_CSV_NCOLS, idx, name, line, cal, e);
}
