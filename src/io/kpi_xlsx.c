/* kpi_xlsx.c - the KPI table as XLSX (kpi_xlsx.h). */
#include "io/kpi_xlsx.h"

#include <stdio.h>
#include <xlsxwriter.h>

#include "base/banned.h"

enum { COUNTS = 6, HEAD_ROW = 5 };

static const struct {
    int kc;
    const char *vi, *en;
} counts[COUNTS] = {
    {KC_RECEIVED, "Tiếp nhận", "Received"},
    {KC_RESOLVED, "Đã giải quyết", "Resolved"},
    {KC_EARLY, "Trước hạn", "Early"},
    {KC_ON_TIME, "Đúng hạn", "On time"},
    {KC_LATE, "Quá hạn", "Late"},
    {KC_OVERDUE_OPEN, "Quá hạn đang xử lý", "Overdue in progress"},
};

typedef struct fmts {
    lxw_format *title, *bold, *head, *pct, *num, *text;
} fmts_t;

static void make_formats(lxw_workbook *wb, fmts_t *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    f->bold = workbook_add_format(wb);
    format_set_bold(f->bold);
    f->head = workbook_add_format(wb);
    format_set_bold(f->head);
    format_set_text_wrap(f->head);
    format_set_align(f->head, LXW_ALIGN_CENTER);
    format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(f->head, 0xE8EEF4);
    format_set_border(f->head, LXW_BORDER_THIN);
    f->pct = workbook_add_format(wb);
    format_set_num_format(f->pct, "0.00");
    format_set_border(f->pct, LXW_BORDER_THIN);
    f->num = workbook_add_format(wb);
    format_set_num_format(f->num, "#,##0");
    format_set_border(f->num, LXW_BORDER_THIN);
    f->text = workbook_add_format(wb);
    format_set_border(f->text, LXW_BORDER_THIN);
}

static void title_block(lxw_worksheet *ws, const kpi_xlsx_meta_t *m, const fmts_t *f)
{
    char from[DATE_ISO_LEN], to[DATE_ISO_LEN], asof[DTIME_ISO_LEN], now[DTIME_ISO_LEN], line[512];
    date_format_vn(m->from, from);
    date_format_vn(m->to, to);
    dtime_format(m->as_of, asof);
    dtime_format(dtime_now(), now);
    worksheet_write_string(ws, 0, 0,
                           m->en ? "Administrative procedure indicators"
                                 : "Chỉ số giải quyết thủ tục hành chính",
                           f->title);
    snprintf(line, sizeof line, "%s: %s%s", m->en ? "Unit" : "Đơn vị", m->title ? m->title : "",
             m->tree ? (m->en ? " (each row with its subordinate units)"
                              : " (mỗi dòng gồm cả đơn vị trực thuộc)")
                     : "");
    worksheet_write_string(ws, 1, 0, line, NULL);
    snprintf(line, sizeof line, "%s: %s – %s; %s: %s", m->en ? "Period" : "Kỳ", from, to,
             m->en ? "data as of" : "số liệu tính đến", asof);
    worksheet_write_string(ws, 2, 0, line, NULL);
    snprintf(line, sizeof line, "%s %s (cchc)", m->en ? "Generated" : "Lập lúc", now);
    worksheet_write_string(ws, 3, 0, line, NULL);
}

static int header(lxw_worksheet *ws, const kpi_xlsx_meta_t *m, const fmts_t *f)
{
    int c = 0;
    worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c++, m->en ? "Code" : "Mã đơn vị", f->head);
    worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c++, m->en ? "Unit" : "Tên đơn vị", f->head);
    for (int i = 0; i < COUNTS; i++)
        worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c++, m->en ? counts[i].en : counts[i].vi,
                               f->head);
    for (int i = 0; i < KPI_INDICATOR_COUNT; i++) {
        const kpi_def_t *d = kpi_def((kpi_indicator_t)i);
        char h[256];
        snprintf(h, sizeof h, "%s (%%)", m->en ? d->label_en : d->label_vi);
        worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c++, h, f->head);
        worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c++, m->en ? "Numerator" : "Tử số",
                               f->head);
        worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c++, m->en ? "Denominator" : "Mẫu số",
                               f->head);
    }
    worksheet_set_row(ws, HEAD_ROW, 60, NULL);
    worksheet_set_column(ws, 0, 0, 14, NULL);
    worksheet_set_column(ws, 1, 1, 36, NULL);
    worksheet_set_column(ws, 2, (lxw_col_t)(c - 1), 12, NULL);
    return c;
}

static void body(lxw_worksheet *ws, const kpi_xlsx_row_t *rows, size_t n, const fmts_t *f)
{
    for (size_t r = 0; r < n; r++) {
        lxw_row_t row = (lxw_row_t)(HEAD_ROW + 1 + r);
        int c = 0;
        worksheet_write_string(ws, row, (lxw_col_t)c++, rows[r].code, f->text);
        worksheet_write_string(ws, row, (lxw_col_t)c++, rows[r].name, f->text);
        for (int i = 0; i < COUNTS; i++)
            worksheet_write_number(ws, row, (lxw_col_t)c++, (double)rows[r].k.c[counts[i].kc],
                                   f->num);
        for (int i = 0; i < KPI_INDICATOR_COUNT; i++) {
            const kpi_def_t *d = kpi_def((kpi_indicator_t)i);
            int64_t num = rows[r].k.c[d->num], den = rows[r].k.c[d->den], centi;
            if (kpi_value_centi(num, den, &centi))
                worksheet_write_number(ws, row, (lxw_col_t)c, (double)centi / 100.0, f->pct);
            else
                worksheet_write_blank(ws, row, (lxw_col_t)c, f->pct);
            worksheet_write_number(ws, row, (lxw_col_t)(c + 1), (double)num, f->num);
            worksheet_write_number(ws, row, (lxw_col_t)(c + 2), (double)den, f->num);
            c += 3;
        }
    }
}

int kpi_xlsx_write(const char *path, const kpi_xlsx_meta_t *m, const kpi_xlsx_row_t *rows, size_t n,
                   err_t *e)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return err_set(e, ERR_IO, "kpi.xlsx_write", "Không tạo được tệp Excel %s",
                       "Cannot create the Excel file %s", path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, m->en ? "Indicators" : "Chỉ số");
    fmts_t f;
    make_formats(wb, &f);
    title_block(ws, m, &f);
    int cols = header(ws, m, &f);
    body(ws, rows, n, &f);
    worksheet_freeze_panes(ws, HEAD_ROW + 1, 2);
    worksheet_autofilter(ws, HEAD_ROW, 0, (lxw_row_t)(HEAD_ROW + (n ? n : 1)),
                         (lxw_col_t)(cols - 1));
    lxw_error rc = workbook_close(wb);
    if (rc != LXW_NO_ERROR)
        return err_set(e, ERR_IO, "kpi.xlsx_write", "Không ghi được tệp Excel: %s",
                       "Cannot write the Excel file: %s", lxw_strerror(rc));
    return 0;
}
