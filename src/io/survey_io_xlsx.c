/* survey_io_xlsx.c - the results of a survey run as an Excel workbook,
 * built as the tables of an official document (domain/offdoc.h) and
 * written by io/offdoc_xlsx (see survey_io.h). */
#include "io/survey_io.h"

#include "io/offdoc_xlsx.h"

#include <stdio.h>

#include "base/banned.h"

static int header(offdoc_t *d, const char *const *cols, size_t n, err_t *e)
{
    int rc = offdoc_add_row(d, OFFDOC_ROW_HEADER, e);
    for (size_t i = 0; !rc && i < n; i++)
        rc = offdoc_cell_text(d, cols[i], e);
    return rc;
}

static int index_cell(offdoc_t *d, const survey_index_t *x, err_t *e)
{
    return x->has ? offdoc_cell_pct(d, x->value, 2, e) : offdoc_cell_empty(d, e);
}

static int index_row(offdoc_t *d, const char *kind, const survey_label_t *l,
                     const survey_index_t *x, bool en, err_t *e)
{
    int rc = offdoc_add_row(d, 0, e);
    if (!rc)
        rc = offdoc_cell_text(d, kind, e);
    if (!rc)
        rc = offdoc_cell_text(d, l ? l->code : "", e);
    if (!rc)
        rc = offdoc_cell_text(
            d, l ? (en ? l->text_en : l->text) : (en ? "Overall" : "Chỉ số chung"), e);
    if (!rc)
        rc = offdoc_cell_int(d, x->n, e);
    if (!rc)
        rc = index_cell(d, x, e);
    return rc;
}

static int sheet_indices(offdoc_t *d, const survey_form_t *f, const survey_result_t *r, bool en,
                         err_t *e)
{
    static const char *vi[] = {"Cấp", "Mã", "Tên", "Số câu trả lời", "Chỉ số (%)"};
    static const char *eng[] = {"Level", "Code", "Name", "Answers", "Index (%)"};
    int rc = offdoc_add_table(d, 5, (const double[]){1, 1, 5, 1.2, 1.2}, e);
    if (!rc)
        rc = offdoc_set_sheet(d, en ? "Indices" : "Chỉ số", e);
    if (!rc)
        rc = header(d, en ? eng : vi, 5, e);
    if (!rc)
        rc = index_row(d, en ? "Overall" : "Chung", NULL, &r->overall, en, e);
    for (size_t c = 0; !rc && c < f->ncomponents; c++)
        rc = index_row(d, en ? "Component" : "Chỉ số thành phần", &f->components[c],
                       &r->component[c], en, e);
    for (size_t g = 0; !rc && g < f->ngroups; g++)
        rc = index_row(d, en ? "Group" : "Nhóm", &f->groups[g].l, &r->group[g], en, e);
    return rc;
}

static int item_row(offdoc_t *d, const survey_form_t *f, const survey_tally_t *t,
                    const survey_result_t *r, size_t i, bool en, err_t *e)
{
    const survey_label_t *l = &f->items[i].l;
    int rc = offdoc_add_row(d, 0, e);
    if (!rc)
        rc = offdoc_cell_text(d, f->groups[f->items[i].group].l.code, e);
    if (!rc)
        rc = offdoc_cell_text(d, l->code, e);
    if (!rc)
        rc = offdoc_cell_text(d, en ? l->text_en : l->text, e);
    for (int s = 1; !rc && s <= f->points; s++)
        rc = offdoc_cell_int(d, t->score[i][s], e);
    if (!rc)
        rc = offdoc_cell_int(d, r->item[i].n, e);
    if (!rc)
        rc = r->item[i].has ? offdoc_cell_dec(d, r->mean[i], 2, e) : offdoc_cell_empty(d, e);
    if (!rc)
        rc = index_cell(d, &r->item[i], e);
    return rc;
}

static int sheet_items(offdoc_t *d, const survey_form_t *f, const survey_tally_t *t,
                       const survey_result_t *r, bool en, err_t *e)
{
    size_t n = 6 + (size_t)f->points;
    double w[6 + SURVEY_POINTS_MAX];
    for (size_t i = 0; i < n; i++)
        w[i] = i == 2 ? 6 : 1;
    int rc = offdoc_add_table(d, n, w, e);
    if (!rc)
        rc = offdoc_set_sheet(d, en ? "Items" : "Câu hỏi", e);
    if (!rc)
        rc = offdoc_add_row(d, OFFDOC_ROW_HEADER, e);
    const char *head[] = {en ? "Group" : "Nhóm", en ? "Code" : "Mã", en ? "Question" : "Câu hỏi"};
    for (size_t i = 0; !rc && i < 3; i++)
        rc = offdoc_cell_text(d, head[i], e);
    for (int s = 1; !rc && s <= f->points; s++) {
        char c[24];
        snprintf(c, sizeof c, en ? "Score %d" : "Mức %d", s);
        rc = offdoc_cell_text(d, c, e);
    }
    const char *tail[] = {en ? "Answers" : "Số trả lời", en ? "Mean" : "Điểm trung bình",
                          en ? "Index (%)" : "Chỉ số (%)"};
    for (size_t i = 0; !rc && i < 3; i++)
        rc = offdoc_cell_text(d, tail[i], e);
    for (size_t i = 0; !rc && i < f->nitems; i++)
        rc = item_row(d, f, t, r, i, en, e);
    return rc;
}

static int sheet_demos(offdoc_t *d, const survey_form_t *f, const survey_tally_t *t, bool en,
                       err_t *e)
{
    static const char *vi[] = {"Câu hỏi", "Lựa chọn", "Số phiếu"};
    static const char *eng[] = {"Question", "Option", "Forms"};
    int rc = offdoc_add_table(d, 3, (const double[]){4, 4, 1}, e);
    if (!rc)
        rc = offdoc_set_sheet(d, en ? "Respondents" : "Thông tin người trả lời", e);
    if (!rc)
        rc = header(d, en ? eng : vi, 3, e);
    for (size_t q = 0; !rc && q < f->ndemos; q++)
        for (size_t o = 0; !rc && o <= f->demos[q].noptions; o++) {
            const survey_demo_t *x = &f->demos[q];
            rc = offdoc_add_row(d, 0, e);
            if (!rc)
                rc = offdoc_cell_text(d, en ? x->l.text_en : x->l.text, e);
            if (!rc)
                rc = offdoc_cell_text(d,
                                      o < x->noptions
                                          ? (en ? x->options[o].text_en : x->options[o].text)
                                          : (en ? "No answer" : "Không trả lời"),
                                      e);
            if (!rc)
                rc = offdoc_cell_int(d, t->demo[q][o < x->noptions ? o + 1 : 0], e);
        }
    return rc;
}

int survey_io_xlsx(const char *path, const app_survey_t *s, const survey_tally_t *t,
                   const survey_result_t *r, bool en, err_t *e)
{
    offdoc_t *d = offdoc_new(OFFDOC_REPORT);
    if (!d)
        return err_nomem(e);
    int rc = offdoc_set_summary(d, en ? s->form->title_en : s->form->title, e);
    if (!rc)
        rc = sheet_indices(d, s->form, r, en, e);
    if (!rc)
        rc = sheet_items(d, s->form, t, r, en, e);
    if (!rc && s->form->ndemos)
        rc = sheet_demos(d, s->form, t, en, e);
    if (!rc)
        rc = offdoc_xlsx_write(d, path, e);
    offdoc_free(d);
    return rc;
}
