/* overview_xlsx.c - the ranking of units as XLSX (overview_xlsx.h). */
#include "io/overview_xlsx.h"

#include "domain/unit.h"
#include "io/xlsx_head.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

enum { HEAD_ROW = 4, NCOLS = 18 };

static const xlsx_head_col_t cols[NCOLS] = {
    {"STT", "No.", 6},
    {"Tỉnh", "Province", 22},
    {"Đơn vị", "Unit", 34},
    {"Loại đơn vị", "Kind", 16},
    {"Hạng theo nhiệm vụ", "Rank by tasks", 10},
    {"Số đơn vị xếp hạng", "Units ranked", 10},
    {"Tỷ lệ hoàn thành nhiệm vụ (%)", "Tasks completed (%)", 12},
    {"Hoàn thành", "Completed", 10},
    {"Được giao", "Assigned", 10},
    {"Quá hạn", "Overdue", 9},
    {"Hạng theo chỉ tiêu", "Rank by targets", 10},
    {"Số đơn vị xếp hạng", "Units ranked", 10},
    {"Tỷ lệ đạt chỉ tiêu (%)", "Targets met (%)", 12},
    {"Chỉ tiêu đạt", "Targets met", 9},
    {"Chỉ tiêu", "Targets", 9},
    {"Điểm 766", "766 score", 9},
    {"Hạng theo 766", "Rank by 766", 10},
    {"Số đơn vị xếp hạng", "Units ranked", 10},
};

static const char *const kinds_en[] = {"Province",      "Department/board", "District level",
                                       "Commune level", "Division",         "Public service unit"};

typedef struct fmts {
    lxw_format *text, *num, *dec;
} fmts_t;

static lxw_format *cell(lxw_workbook *wb, const char *numfmt)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (numfmt)
        format_set_num_format(f, numfmt);
    else
        format_set_text_wrap(f);
    return f;
}

static void make_formats(lxw_workbook *wb, fmts_t *f)
{
    f->text = cell(wb, NULL);
    f->num = cell(wb, "0");
    f->dec = cell(wb, "0.00");
}

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* A JSON number (integer or real) of o[k] rounded to 2 decimals, or a
 * bordered empty cell when absent or null. */
static void put_num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const json_t *o, const char *k,
                    const fmts_t *f, bool dec)
{
    const json_t *v = json_object_get(o, k);
    if (!json_is_number(v)) {
        worksheet_write_blank(ws, r, c, f->text);
        return;
    }
    double x = json_number_value(v);
    worksheet_write_number(ws, r, c, dec ? round(x * 100.0) / 100.0 : x, dec ? f->dec : f->num);
}

static const char *kind_label(const char *code, bool en)
{
    unit_kind_t k;
    if (unit_kind_parse(code, &k))
        return code;
    return en ? kinds_en[k] : unit_kind_label_vi(k);
}

static void row(lxw_worksheet *ws, lxw_row_t r, size_t i, const json_t *it, bool en,
                const fmts_t *f)
{
    const json_t *u = json_object_get(it, "unit"), *t = json_object_get(it, "tasks");
    const json_t *g = json_object_get(it, "targets");
    worksheet_write_number(ws, r, 0, (double)(i + 1), f->num);
    worksheet_write_string(ws, r, 1, str(it, "province_name"), f->text);
    worksheet_write_string(ws, r, 2, str(u, "name"), f->text);
    worksheet_write_string(ws, r, 3, kind_label(str(u, "kind"), en), f->text);
    put_num(ws, r, 4, it, "rank_tasks", f, false);
    put_num(ws, r, 5, it, "of_tasks", f, false);
    put_num(ws, r, 6, t, "rate", f, true);
    put_num(ws, r, 7, t, "completed", f, false);
    put_num(ws, r, 8, t, "assigned", f, false);
    put_num(ws, r, 9, t, "overdue", f, false);
    put_num(ws, r, 10, it, "rank_targets", f, false);
    put_num(ws, r, 11, it, "of_targets", f, false);
    put_num(ws, r, 12, g, "rate", f, true);
    put_num(ws, r, 13, g, "dat", f, false);
    put_num(ws, r, 14, g, "total", f, false);
    put_num(ws, r, 15, it, "index766", f, true);
    put_num(ws, r, 16, it, "rank_766", f, false);
    put_num(ws, r, 17, it, "of_766", f, false);
}

int overview_xlsx_write(const char *path, const json_t *ranking, bool en, err_t *e)
{
    static const char code[] = "overview.xlsx_write";
    xlsx_head_book_t b;
    int rc = xlsx_head_open(&b, path, en ? "Ranking" : "Xếp hạng", code, e);
    if (rc)
        return rc;
    fmts_t f;
    make_formats(b.wb, &f);
    const json_t *items = json_object_get(ranking, "units");
    size_t n = json_array_size(items);
    const char *kind = str(ranking, "kind");
    char title[300], count[300];
    snprintf(title, sizeof title, en ? "Ranking of units, %lld" : "Xếp hạng các đơn vị năm %lld",
             (long long)json_integer_value(json_object_get(ranking, "year")));
    snprintf(count, sizeof count, en ? "%zu units; kind: %s" : "%zu đơn vị; loại đơn vị: %s", n,
             *kind ? kind_label(kind, en) : (en ? "all" : "tất cả"));
    const char *lines[] = {
        title, count,
        en ? "Ranked among the units of the same kind in the same province; ties share a rank."
           : "Xếp hạng trong các đơn vị cùng loại của cùng một tỉnh; bằng nhau thì cùng hạng."};
    xlsx_head_t h = {lines, 3, HEAD_ROW, cols, NCOLS, 3, n, en};
    xlsx_head_write(&b, &h);
    for (size_t i = 0; i < n; i++)
        row(b.ws, (lxw_row_t)(HEAD_ROW + 1 + i), i, json_array_get(items, i), en, &f);
    return xlsx_head_close(&b, code, e);
}
