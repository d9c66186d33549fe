/* par_survey_io.c - survey results CSV (par_survey_io.h). */
#include "io/par_survey_io.h"

#include "base/mem.h"
#include "base/csv.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

enum { C_UNIT = 0, C_CODE, C_VALUE, C_NCOLS };
static const char *const cols[C_NCOLS] = {"MaDonVi", "TieuChi", "Diem"};

/* Appends a field to the text block; *at gets its offset. */
static int keep(par_survey_io_t *s, const char *v, size_t *at)
{
    size_t n = strlen(v) + 1;
    if (MEM_GROW(s->text, s->tcap, s->len + n))
        return ERR_NOMEM;
    memcpy(s->text + s->len, v, n);
    *at = s->len;
    s->len += n;
    return 0;
}

static int add_row(par_survey_io_t *s, char **f, size_t nf, const int *idx, long line, err_t *e)
{
    size_t at[C_NCOLS];
    for (int c = 0; c < C_NCOLS; c++) {
        const char *v = (size_t)idx[c] < nf ? f[idx[c]] : "";
        if (keep(s, v, &at[c]))
            return err_nomem(e);
    }
    if (s->n >= PAR_SURVEY_IO_MAX_ROWS)
        return err_set(e, ERR_TOOLARGE, "par.survey_rows", "Tệp điều tra có quá %d dòng",
                       "The survey file has more than %d rows", PAR_SURVEY_IO_MAX_ROWS);
    if (MEM_GROW(s->rows, s->cap, s->n + 1))
        return err_nomem(e);
    /* offsets for now: the text block may still move */
    s->rows[s->n++] = (app_par_survey_row_t){.unit = (const char *)(uintptr_t)at[C_UNIT],
                                             .criterion = (const char *)(uintptr_t)at[C_CODE],
                                             .value = (const char *)(uintptr_t)at[C_VALUE],
                                             .line = line};
    return 0;
}

static int read_all(csv_reader_t *r, par_survey_io_t *s, err_t *e)
{
    char **f = NULL;
    size_t nf = 0;
    int idx[C_NCOLS];
    int rc = csv_next(r, &f, &nf, e);
    if (rc == 0)
        return err_set(e, ERR_INVALID, "par.survey_empty", "%s: tệp rỗng", "%s: empty file",
                       csv_name(r));
    if (rc < 0)
        return rc;
    if (csv_header_index(f, nf, cols, C_NCOLS, idx) != C_NCOLS)
        return err_set(e, ERR_INVALID, "par.survey_header",
                       "%s: dòng tiêu đề phải có các cột MaDonVi, TieuChi, Diem",
                       "%s: the header must have the columns MaDonVi, TieuChi, Diem", csv_name(r));
    for (;;) {
        rc = csv_next(r, &f, &nf, e);
        if (rc != CSV_RECORD)
            break;
        rc = add_row(s, f, nf, idx, csv_line(r), e);
        if (rc)
            break;
    }
    for (size_t i = 0; rc >= 0 && i < s->n; i++) {
        app_par_survey_row_t *x = &s->rows[i];
        x->unit = s->text + (uintptr_t)x->unit;
        x->criterion = s->text + (uintptr_t)x->criterion;
        x->value = s->text + (uintptr_t)x->value;
    }
    return rc < 0 ? rc : 0;
}

int par_survey_io_read_file(const char *path, par_survey_io_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    csv_reader_t *r = csv_open_file(path, e);
    if (!r)
        return ERR_IO; /* e says why (cannot open, or out of memory) */
    int rc = read_all(r, out, e);
    csv_close(r);
    return rc;
}

int par_survey_io_read(const char *data, size_t n, const char *name, par_survey_io_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    csv_reader_t *r = csv_open_mem(data, n, e);
    if (!r)
        return err_nomem(e);
    csv_set_name(r, name ? name : "survey.csv");
    int rc = read_all(r, out, e);
    csv_close(r);
    return rc;
}

void par_survey_io_release(par_survey_io_t *s)
{
    if (!s)
        return;
    mem_free(s->rows);
    mem_free(s->text);
    memset(s, 0, sizeof *s);
}
