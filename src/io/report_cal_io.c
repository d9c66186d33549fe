/* report_cal_io.c - reporting calendar CSV and JSON (see report_cal_io.h). */
#include "io/report_cal_io.h"

#include "base/date.h"
#include "base/file.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/sv.h"
#include "base/text.h"
#include "domain/report_cal_csv.h"

#include <string.h>
#include <strings.h>

#include "base/banned.h"

int report_cal_io_read_file(const char *path, report_cal_t *cal, err_t *e)
{
    char *data = NULL;
    size_t n = 0;
    int rc = file_read_all(path, 16u << 20, &data, &n, e);
    if (!rc)
        rc = report_cal_csv_read(data, n, path, cal, e);
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

static int put_row(FILE *out, const char *const v[REPORT_CAL_CSV_NCOLS])
{
    int rc = 0;
    for (int c = 0; c < REPORT_CAL_CSV_NCOLS && !rc; c++)
        rc = put_field(out, v[c] ? v[c] : "", c == REPORT_CAL_CSV_NCOLS - 1);
    return rc;
}

static void fmt_date(date_t d, char out[DATE_ISO_LEN])
{
    if (d == DATE_NONE)
        out[0] = '\0';
    else
        date_format(d, out);
}

static int write_rules(FILE *out, const report_cal_t *cal)
{
    int rc = 0;
    for (size_t i = 0; i < report_cal_rule_count(cal) && !rc; i++) {
        const report_cal_rule_t *r = report_cal_rule_at(cal, i);
        char years[REPORT_CAL_YEARS_MAX], w[REPORT_KIND_RULE_MAX], d[REPORT_KIND_RULE_MAX];
        report_cal_years_format(r->year_from, r->year_to, years);
        report_kind_window_format(r->kind, &r->window, w);
        report_kind_due_format(r->kind, &r->due, d);
        const char *v[REPORT_CAL_CSV_NCOLS] = {
            "rule", r->receiver, report_kind_code(r->kind), years, w, d, r->enabled ? "1" : "0"};
        rc = put_row(out, v);
    }
    return rc;
}

static int write_dated(FILE *out, const report_cal_t *cal)
{
    int rc = 0;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN], d[DATE_ISO_LEN], years[REPORT_CAL_YEARS_MAX];
    for (size_t i = 0; i < report_cal_override_count(cal) && !rc; i++) {
        const report_cal_override_t *o = report_cal_override_at(cal, i);
        report_cal_years_format(o->year, o->year, years);
        fmt_date(o->from, a);
        fmt_date(o->to, b);
        fmt_date(o->due, d);
        const char *v[REPORT_CAL_CSV_NCOLS] = {
            "override", o->receiver, report_kind_code(o->kind), years, NULL, d, NULL, a, b};
        rc = put_row(out, v);
    }
    for (size_t i = 0; i < report_cal_adhoc_count(cal) && !rc; i++) {
        const report_cal_adhoc_t *h = report_cal_adhoc_at(cal, i);
        fmt_date(h->from, a);
        fmt_date(h->to, b);
        fmt_date(h->due, d);
        const char *v[REPORT_CAL_CSV_NCOLS] = {"adhoc", h->receiver, NULL, NULL,  NULL,    d,
                                               NULL,    a,           b,    h->id, h->title};
        rc = put_row(out, v);
    }
    return rc;
}

int report_cal_io_write_csv(FILE *out, const report_cal_t *cal)
{
    int rc = put_row(out, report_cal_csv_cols);
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
