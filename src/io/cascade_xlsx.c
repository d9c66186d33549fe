/* cascade_xlsx.c - the cascade check as XLSX (cascade_xlsx.h). */
#include "io/cascade_xlsx.h"

#include "base/dtime.h"
#include "domain/planparse.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "base/banned.h"

enum { HEAD_ROW = 4, NCOLS = 12, UCOLS = 7 };

typedef struct col {
    const char *vi, *en;
    double width;
} col_t;

static const col_t cols[NCOLS] = {
    {"STT", "No.", 6},
    {"Đơn vị được giao", "Assigned unit", 30},
    {"Số", "No.", 8},
    {"Nhiệm vụ được giao", "Task assigned", 60},
    {"Lĩnh vực", "Area", 26},
    {"Vai trò", "Role", 10},
    {"Kết quả", "Result", 16},
    {"Kết quả tự động", "Automatic result", 16},
    {"Độ tương đồng", "Similarity", 11},
    {"Nhiệm vụ tương ứng trong kế hoạch của đơn vị", "Matching task in the unit's plan", 60},
    {"Xác nhận bởi", "Confirmed by", 14},
    {"Thời điểm xác nhận", "Confirmed at", 17},
};

static const col_t ucols[UCOLS] = {
    {"STT", "No.", 6},
    {"Đơn vị", "Unit", 34},
    {"Kế hoạch của đơn vị", "Unit's plans", 50},
    {"Đã có", "Covered", 9},
    {"Có thể có", "Maybe", 9},
    {"Chưa có", "Missing", 9},
    {"Chưa có kế hoạch", "No plan", 11},
};

static const char *const state_vi[] = {"Đã có", "Có thể có", "Chưa có", "Chưa có kế hoạch"};
static const char *const state_en[] = {"Covered", "Maybe", "Missing", "No plan"};
static const char *const state_code[] = {"covered", "maybe", "missing", "no_plan"};

typedef struct fmts {
    lxw_format *title, *head, *text, *stamp, *num, *score;
} fmts_t;

static lxw_format *cell(lxw_workbook *wb)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

static void make_formats(lxw_workbook *wb, fmts_t *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    f->head = workbook_add_format(wb);
    format_set_bold(f->head);
    format_set_text_wrap(f->head);
    format_set_align(f->head, LXW_ALIGN_CENTER);
    format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(f->head, 0xE8EEF4);
    format_set_border(f->head, LXW_BORDER_THIN);
    f->text = cell(wb);
    format_set_text_wrap(f->text);
    f->stamp = cell(wb);
    format_set_num_format(f->stamp, "dd/mm/yyyy hh:mm");
    f->num = cell(wb);
    format_set_num_format(f->num, "0");
    f->score = cell(wb);
    format_set_num_format(f->score, "0.00");
}

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static const char *state_label(const char *code, bool en)
{
    for (size_t i = 0; i < sizeof state_code / sizeof *state_code; i++)
        if (strcmp(code, state_code[i]) == 0)
            return en ? state_en[i] : state_vi[i];
    return code;
}

static void put_stamp(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *iso, const fmts_t *f)
{
    dtime_t t;
    if (!*iso || dtime_parse(iso, strlen(iso), &t) != 0) {
        worksheet_write_blank(ws, r, c, f->text);
        return;
    }
    int y, m, d, h, mi, s;
    date_to_ymd(dtime_date(t), &y, &m, &d);
    dtime_hms(t, &h, &mi, &s);
    lxw_datetime dt = {y, m, d, h, mi, s};
    worksheet_write_datetime(ws, r, c, &dt, f->stamp);
}

static void row(lxw_worksheet *ws, lxw_row_t r, size_t i, const json_t *it, bool en,
                const fmts_t *f)
{
    const json_t *m = json_object_get(it, "match");
    json_int_t area = json_integer_value(json_object_get(it, "area"));
    char match[2048] = "";
    if (json_is_object(m))
        snprintf(match, sizeof match, "%s. %s (%s)", str(m, "task_no"), str(m, "title"),
                 str(m, "plan_title"));
    worksheet_write_number(ws, r, 0, (double)(i + 1), f->num);
    worksheet_write_string(ws, r, 1, str(json_object_get(it, "unit"), "name"), f->text);
    worksheet_write_string(ws, r, 2, str(it, "task_no"), f->text);
    worksheet_write_string(ws, r, 3, str(it, "title"), f->text);
    worksheet_write_string(
        ws, r, 4, area >= 1 && area <= 8 ? planparse_area_label_vi((planparse_area_t)area) : "",
        f->text);
    worksheet_write_string(ws, r, 5,
                           strcmp(str(it, "role"), "lead") == 0 ? (en ? "Lead" : "Chủ trì")
                                                                : (en ? "Support" : "Phối hợp"),
                           f->text);
    worksheet_write_string(ws, r, 6, state_label(str(it, "state"), en), f->text);
    worksheet_write_string(ws, r, 7, state_label(str(it, "auto_state"), en), f->text);
    worksheet_write_number(ws, r, 8, json_number_value(json_object_get(it, "score")), f->score);
    worksheet_write_string(ws, r, 9, match, f->text);
    worksheet_write_string(ws, r, 10, str(it, "decided_by"), f->text);
    put_stamp(ws, r, 11, str(it, "decided_at"), f);
}

static void header(lxw_worksheet *ws, lxw_row_t at, const col_t *c, int n, bool en, const fmts_t *f)
{
    for (int i = 0; i < n; i++) {
        worksheet_write_string(ws, at, (lxw_col_t)i, en ? c[i].en : c[i].vi, f->head);
        worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, c[i].width, NULL);
    }
    worksheet_freeze_panes(ws, at + 1, 0);
}

static void rows_sheet(lxw_workbook *wb, const json_t *res, bool en, const fmts_t *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, en ? "Cascade check" : "Rà soát");
    const json_t *rows = json_object_get(res, "rows"), *c = json_object_get(res, "counts");
    size_t n = json_array_size(rows);
    char line[600];
    worksheet_write_string(
        ws, 0, 0, en ? "Plans of the assigned units" : "Rà soát kế hoạch của các đơn vị được giao",
        f->title);
    snprintf(line, sizeof line, en ? "Plan: %s (%lld)" : "Kế hoạch: %s (năm %lld)",
             str(res, "plan_title"), (long long)json_integer_value(json_object_get(res, "year")));
    worksheet_write_string(ws, 1, 0, line, NULL);
    long long k[4];
    for (int i = 0; i < 4; i++)
        k[i] = (long long)json_integer_value(json_object_get(c, state_code[i]));
    snprintf(line, sizeof line,
             en ? "%zu rows; covered %lld, maybe %lld, missing %lld, no plan %lld"
                : "%zu dòng; đã có %lld, có thể có %lld, chưa có %lld, chưa có kế hoạch %lld",
             n, k[0], k[1], k[2], k[3]);
    worksheet_write_string(ws, 2, 0, line, NULL);
    header(ws, HEAD_ROW, cols, NCOLS, en, f);
    for (size_t i = 0; i < n; i++)
        row(ws, (lxw_row_t)(HEAD_ROW + 1 + i), i, json_array_get(rows, i), en, f);
    worksheet_autofilter(ws, HEAD_ROW, 0, (lxw_row_t)(HEAD_ROW + (n ? n : 1)), NCOLS - 1);
}

static void units_sheet(lxw_workbook *wb, const json_t *res, bool en, const fmts_t *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, en ? "By unit" : "Tổng hợp theo đơn vị");
    const json_t *units = json_object_get(res, "units");
    header(ws, 0, ucols, UCOLS, en, f);
    for (size_t i = 0; i < json_array_size(units); i++) {
        const json_t *u = json_array_get(units, i), *plans = json_object_get(u, "plans");
        char titles[4096] = "";
        size_t len = 0;
        for (size_t j = 0; j < json_array_size(plans) && len + 1 < sizeof titles; j++) {
            int w = snprintf(titles + len, sizeof titles - len, "%s%s", j ? "\n" : "",
                             str(json_array_get(plans, j), "title"));
            len += w > 0 ? (size_t)w : 0;
        }
        lxw_row_t r = (lxw_row_t)(i + 1);
        worksheet_write_number(ws, r, 0, (double)(i + 1), f->num);
        worksheet_write_string(ws, r, 1, str(json_object_get(u, "unit"), "name"), f->text);
        worksheet_write_string(ws, r, 2, titles, f->text);
        for (int s = 0; s < 4; s++)
            worksheet_write_number(ws, r, (lxw_col_t)(3 + s),
                                   (double)json_integer_value(json_object_get(u, state_code[s])),
                                   f->num);
    }
}

int cascade_xlsx_write(const char *path, const json_t *result, bool en, err_t *e)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return err_set(e, ERR_IO, "cascade.xlsx_write", "Không tạo được tệp Excel %s",
                       "Cannot create the Excel file %s", path);
    fmts_t f;
    make_formats(wb, &f);
    rows_sheet(wb, result, en, &f);
    units_sheet(wb, result, en, &f);
    lxw_error rc = workbook_close(wb);
    if (rc != LXW_NO_ERROR)
        return err_set(e, ERR_IO, "cascade.xlsx_write", "Không ghi được tệp Excel: %s",
                       "Cannot write the Excel file: %s", lxw_strerror(rc));
    return 0;
}
