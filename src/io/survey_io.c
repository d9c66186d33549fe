/* survey_io.c - survey CSV, results JSON and QR code (see survey_io.h). */
#include "io/survey_io.h"

#include "base/csv.h"
#include "base/mem.h"

#include <math.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* --- CSV ---------------------------------------------------------------------------- */

void survey_io_csv_release(survey_io_csv_t *c)
{
    for (size_t i = 0; i < c->ncols; i++)
        mem_free(c->cols[i]);
    for (size_t i = 0; i < c->ncells; i++)
        mem_free(c->cells[i]);
    mem_free(c->cols);
    mem_free(c->cells);
    mem_free(c->rows);
    memset(c, 0, sizeof *c);
}

static int copy_header(survey_io_csv_t *c, char **f, size_t nf)
{
    c->cols = mem_calloc(nf ? nf : 1, sizeof *c->cols);
    if (!c->cols)
        return ERR_NOMEM;
    for (size_t i = 0; i < nf; i++) {
        size_t k = strlen(f[i]);
        while (k && f[i][k - 1] == ' ')
            k--;
        c->cols[i] = mem_strndup(f[i], k);
        if (!c->cols[i])
            return ERR_NOMEM;
        c->ncols++;
    }
    return 0;
}

static int add_row(survey_io_csv_t *c, char **f, size_t nf, long line)
{
    if (MEM_GROW(c->cells, c->ccap, c->ncells + c->ncols) ||
        MEM_GROW(c->rows, c->cap, c->nrows + 1))
        return ERR_NOMEM;
    size_t base = c->ncells;
    for (size_t i = 0; i < c->ncols; i++) {
        c->cells[base + i] = mem_strdup(i < nf ? f[i] : "");
        if (!c->cells[base + i])
            return ERR_NOMEM;
        c->ncells++;
    }
    c->rows[c->nrows].line = line;
    c->rows[c->nrows].cells = NULL; /* set once cells stop moving */
    c->nrows++;
    return 0;
}

static bool blank(char **f, size_t nf)
{
    for (size_t i = 0; i < nf; i++)
        if (f[i][0])
            return false;
    return true;
}

int survey_io_csv_read(const char *data, size_t n, const char *name, survey_io_csv_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    csv_reader_t *r = csv_open_mem(data, n, e);
    if (!r)
        return err_nomem(e);
    csv_set_name(r, name ? name : "csv");
    char **f;
    size_t nf;
    int rc = csv_next(r, &f, &nf, e);
    if (rc == CSV_RECORD)
        rc = copy_header(out, f, nf) ? err_nomem(e) : 0;
    else if (rc == 0)
        rc = err_set(e, ERR_INVALID, "survey.csv_empty", "Tệp CSV trống", "The CSV file is empty");
    while (!rc) {
        rc = csv_next(r, &f, &nf, e);
        if (rc != CSV_RECORD)
            break;
        rc = 0;
        if (blank(f, nf))
            continue;
        if (out->nrows == APP_SURVEY_ROWS_MAX)
            rc = err_set(e, ERR_TOOLARGE, "survey.csv_rows", "Tệp có quá %d phiếu",
                         "The file has more than %d forms", APP_SURVEY_ROWS_MAX);
        else if (add_row(out, f, nf, csv_line(r)))
            rc = err_nomem(e);
    }
    csv_close(r);
    for (size_t i = 0; !rc && i < out->nrows; i++)
        out->rows[i].cells = (const char *const *)&out->cells[i * out->ncols];
    return rc;
}

/* --- results as JSON ------------------------------------------------------------------ */

static json_t *pct(const survey_index_t *x)
{
    return x->has ? json_real(round(x->value * 100) / 100) : json_null();
}

static json_t *index_json(const survey_label_t *l, const survey_index_t *x)
{
    return json_pack("{s:s,s:s,s:s,s:o,s:I}", "code", l->code, "name", l->text, "name_en",
                     l->text_en, "value", pct(x), "n", (json_int_t)x->n);
}

static int push(json_t *arr, json_t *o)
{
    return o && !json_array_append_new(arr, o) ? 0 : ERR_NOMEM;
}

static int groups_json(const survey_form_t *f, const survey_result_t *r, json_t *comps,
                       json_t *groups)
{
    int rc = 0;
    for (size_t c = 0; !rc && c < f->ncomponents; c++)
        rc = push(comps, index_json(&f->components[c], &r->component[c]));
    for (size_t g = 0; !rc && g < f->ngroups; g++) {
        json_t *o = index_json(&f->groups[g].l, &r->group[g]);
        int k = f->groups[g].component;
        if (o && json_object_set_new(o, "component",
                                     k >= 0 ? json_string(f->components[k].code) : json_null())) {
            json_decref(o);
            o = NULL;
        }
        rc = push(groups, o);
    }
    return rc;
}

static int items_json(const survey_form_t *f, const survey_tally_t *t, const survey_result_t *r,
                      json_t *items)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < f->nitems; i++) {
        json_t *scores = json_array();
        for (int s = 1; scores && s <= f->points; s++)
            if (json_array_append_new(scores, json_integer(t->score[i][s]))) {
                json_decref(scores);
                scores = NULL;
            }
        const survey_label_t *l = &f->items[i].l;
        rc = push(items,
                  json_pack("{s:s,s:s,s:s,s:s,s:I,s:I,s:o,s:o,s:o}", "code", l->code, "text",
                            l->text, "text_en", l->text_en, "group",
                            f->groups[f->items[i].group].l.code, "n", (json_int_t)r->item[i].n,
                            "satisfied", (json_int_t)r->satisfied[i], "mean",
                            r->item[i].has ? json_real(round(r->mean[i] * 100) / 100) : json_null(),
                            "value", pct(&r->item[i]), "scores", scores));
    }
    return rc;
}

static int demos_json(const survey_form_t *f, const survey_tally_t *t, json_t *demos)
{
    int rc = 0;
    for (size_t d = 0; !rc && d < f->ndemos; d++) {
        const survey_demo_t *q = &f->demos[d];
        json_t *opts = json_array();
        for (size_t o = 0; !rc && opts && o < q->noptions; o++)
            rc = push(opts, json_pack("{s:s,s:s,s:s,s:I}", "code", q->options[o].code, "label",
                                      q->options[o].text, "label_en", q->options[o].text_en, "n",
                                      (json_int_t)t->demo[d][o + 1]));
        if (rc) {
            json_decref(opts);
            break;
        }
        rc = push(demos, json_pack("{s:s,s:s,s:s,s:o,s:I}", "code", q->l.code, "text", q->l.text,
                                   "text_en", q->l.text_en, "options", opts, "none",
                                   (json_int_t)t->demo[d][0]));
    }
    return rc;
}

json_t *survey_io_results_json(const app_survey_t *s, const survey_tally_t *t,
                               const survey_result_t *r)
{
    const survey_form_t *f = s->form;
    const store_survey_row_t *run = &s->run;
    json_t *comps = json_array(), *groups = json_array(), *items = json_array(),
           *demos = json_array();
    int rc = comps && groups && items && demos ? 0 : ERR_NOMEM;
    if (!rc)
        rc = groups_json(f, r, comps, groups);
    if (!rc)
        rc = items_json(f, t, r, items);
    if (!rc)
        rc = demos_json(f, t, demos);
    json_t *o = NULL;
    if (!rc)
        o = json_pack("{s:{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s},s:{s:s,s:s,s:s,s:s,s:i,s:i},s:s,s:I,"
                      "s:{s:o,s:I},s:O,s:O,s:O,s:O}",
                      "survey", "id", (json_int_t)run->id, "unit", run->unit, "unit_name",
                      s->unit_name, "period", run->period, "from", run->from, "to", run->to,
                      "token", run->token, "state", run->state, "form", "code", f->code, "version",
                      f->version, "title", f->title, "title_en", f->title_en, "points", f->points,
                      "satisfied_min", f->satisfied_min, "rule", survey_rule_name(r->rule),
                      "responses", (json_int_t)t->responses, "overall", "value", pct(&r->overall),
                      "n", (json_int_t)r->overall.n, "components", comps, "groups", groups, "items",
                      items, "demographics", demos);
    json_decref(comps);
    json_decref(groups);
    json_decref(items);
    json_decref(demos);
    return o;
}

/* --- QR code ------------------------------------------------------------------------------ */

int survey_io_qr_svg(const char *text, buf_t *out, err_t *e)
{
    QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!q)
        return err_set(e, ERR_INVALID, "survey.qr", "Không tạo được mã QR cho liên kết",
                       "Cannot make a QR code of the link");
    int w = q->width, quiet = 4, size = w + 2 * quiet;
    int rc = buf_printf(out,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                        "shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"%d\" "
                        "height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
                        size, size, size, size);
    for (int y = 0; !rc && y < w; y++)
        for (int x = 0; !rc && x < w; x++)
            if (q->data[y * w + x] & 1)
                rc = buf_printf(out, "M%d %dh1v1h-1z", x + quiet, y + quiet);
    if (!rc)
        rc = buf_puts(out, "\"/></svg>\n");
    QRcode_free(q);
    return rc ? err_nomem(e) : 0;
}
