/* task_xlsx.c - a task list as XLSX (task_xlsx.h). */
#include "io/task_xlsx.h"

#include "base/date.h"
#include "io/xlsx_head.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

enum { HEAD_ROW = 3, NCOLS = 12 };

static const xlsx_head_col_t cols[NCOLS] = {
    {"STT", "No.", 6},
    {"Hạn", "Due", 12},
    {"Trạng thái", "Status", 20},
    {"Tiến độ (%)", "Progress (%)", 10},
    {"Quá hạn", "Overdue", 10},
    {"Đơn vị", "Unit", 32},
    {"Vai trò", "Role", 12},
    {"Số", "No.", 8},
    {"Nhiệm vụ", "Task", 60},
    {"Lĩnh vực", "Area", 30},
    {"Kế hoạch", "Plan", 40},
    {"Ngày hoàn thành", "Completed on", 14},
};

typedef struct fmts {
    lxw_format *text, *date, *num;
} fmts_t;

static void make_formats(lxw_workbook *wb, fmts_t *f)
{
    f->text = workbook_add_format(wb);
    format_set_border(f->text, LXW_BORDER_THIN);
    format_set_text_wrap(f->text);
    format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
    f->date = workbook_add_format(wb);
    format_set_num_format(f->date, "dd/mm/yyyy");
    format_set_border(f->date, LXW_BORDER_THIN);
    format_set_align(f->date, LXW_ALIGN_VERTICAL_TOP);
    f->num = workbook_add_format(wb);
    format_set_num_format(f->num, "0");
    format_set_border(f->num, LXW_BORDER_THIN);
    format_set_align(f->num, LXW_ALIGN_VERTICAL_TOP);
}

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* A YYYY-MM-DD value as an Excel date; empty cell (bordered) otherwise. */
static void put_date(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *iso, const fmts_t *f)
{
    date_t d;
    int y, m, dd;
    if (iso && strlen(iso) >= 10 && date_parse(iso, 10, &d) == 0) {
        date_to_ymd(d, &y, &m, &dd);
        lxw_datetime dt = {y, m, dd, 0, 0, 0};
        worksheet_write_datetime(ws, r, c, &dt, f->date);
    } else {
        worksheet_write_blank(ws, r, c, f->text);
    }
}

static void row(lxw_worksheet *ws, lxw_row_t r, size_t i, const json_t *it, bool en,
                const fmts_t *f)
{
    const json_t *unit = json_object_get(it, "unit");
    const char *role = str(it, "role");
    worksheet_write_number(ws, r, 0, (double)(i + 1), f->num);
    put_date(ws, r, 1, str(it, "due"), f);
    worksheet_write_string(ws, r, 2, str(it, en ? "status_label_en" : "status_label"), f->text);
    worksheet_write_number(ws, r, 3, (double)json_integer_value(json_object_get(it, "progress")),
                           f->num);
    worksheet_write_string(
        ws, r, 4, json_is_true(json_object_get(it, "overdue")) ? (en ? "Overdue" : "Quá hạn") : "",
        f->text);
    worksheet_write_string(ws, r, 5, unit ? str(unit, "name") : str(it, "label"), f->text);
    worksheet_write_string(ws, r, 6,
                           strcmp(role, "lead") == 0 ? (en ? "Lead" : "Chủ trì")
                                                     : (en ? "Support" : "Phối hợp"),
                           f->text);
    worksheet_write_string(ws, r, 7, str(it, "task_no"), f->text);
    worksheet_write_string(ws, r, 8, str(it, "title"), f->text);
    worksheet_write_string(ws, r, 9, str(it, "area_label"), f->text);
    worksheet_write_string(ws, r, 10, str(it, "plan_title"), f->text);
    put_date(ws, r, 11, str(it, "completed_on"), f);
}

int task_xlsx_write(const char *path, const json_t *list, bool en, err_t *e)
{
    static const char code[] = "task.xlsx_write";
    xlsx_head_book_t b;
    int rc = xlsx_head_open(&b, path, en ? "Tasks" : "Nhiệm vụ", code, e);
    if (rc)
        return rc;
    fmts_t f;
    make_formats(b.wb, &f);
    const json_t *items = json_object_get(list, "items");
    size_t n = json_array_size(items);
    char line[160], today[DATE_ISO_LEN] = "";
    date_t d;
    const char *iso = str(list, "today");
    if (strlen(iso) >= 10 && date_parse(iso, 10, &d) == 0)
        date_format_vn(d, today);
    snprintf(line, sizeof line,
             en ? "%zu tasks; status as of %s" : "%zu nhiệm vụ; tình trạng ngày %s", n, today);
    const char *lines[] = {en ? "Assigned tasks" : "Danh sách nhiệm vụ được giao", line};
    xlsx_head_t h = {lines, 2, HEAD_ROW, cols, NCOLS, 0, n, en};
    xlsx_head_write(&b, &h);
    for (size_t i = 0; i < n; i++)
        row(b.ws, (lxw_row_t)(HEAD_ROW + 1 + i), i, json_array_get(items, i), en, &f);
    return xlsx_head_close(&b, code, e);
}
