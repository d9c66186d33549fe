/* Tests of io/par_framework_xlsx: a framework table laid out as provinces
 * publish it (written here with libxlsxwriter) is read into the model —
 * Roman areas, numbers restarting in each area, levels as sub-rows and as
 * "Cách chấm" lines, bands, yes/no, survey rows, bonus and penalty — and a
 * malformed one is refused with every problem naming its row. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/file.h"
#include "base/mem.h"
#include "domain/par_framework.h"
#include "io/par_framework_xlsx.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "base/banned.h"

typedef struct xrow {
    const char *stt, *name, *max, *how, *ev;
} xrow_t;

/* Writes title + header + rows into dir/name; returns the path (free()). */
static char *workbook(const char *dir, const char *name, const char *title, const xrow_t *rows,
                      size_t n)
{
    char *path = testdir_join(dir, name);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Bang diem");
    worksheet_write_string(ws, 0, 0, title, NULL);
    static const char *const h[] = {"STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa",
                                    "Cách chấm", "Tài liệu kiểm chứng"};
    for (lxw_col_t c = 0; c < 5; c++)
        worksheet_write_string(ws, 2, c, h[c], NULL);
    for (size_t i = 0; i < n; i++) {
        lxw_row_t r = (lxw_row_t)(3 + i);
        const char *v[5] = {rows[i].stt, rows[i].name, rows[i].max, rows[i].how, rows[i].ev};
        for (lxw_col_t c = 0; c < 5; c++) {
            if (!v[c] || !v[c][0])
                continue;
            char *end = NULL;
            double d = strtod(v[c], &end);
            if (c == 2 && end && !*end)
                worksheet_write_number(ws, r, c, d, NULL);
            else
                worksheet_write_string(ws, r, c, v[c], NULL);
        }
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    return path;
}

static int read_path(const char *path, par_framework_t **fw, par_problems_t *probs)
{
    char *data = NULL;
    size_t len = 0;
    err_t e;
    assert_int_equal(file_read_all(path, 1 << 20, &data, &len, &e), 0);
    int rc = par_framework_xlsx_read(data, len, "t.xlsx", fw, probs, &e);
    mem_free(data);
    return rc;
}

static const xrow_t GOOD[] = {
    {"I", "Công tác chỉ đạo, điều hành CCHC", "5", "", ""},
    {"1", "Kế hoạch CCHC năm", "3", "", ""},
    {"1.1", "Ban hành kế hoạch đúng hạn", "1", "", "Kế hoạch CCHC năm"},
    {"", "Ban hành đúng thời hạn", "1", "", ""},
    {"", "Ban hành chậm", "0.5", "", ""},
    {"", "Không ban hành", "0", "", ""},
    {"1.2", "Mức độ thực hiện kế hoạch", "2",
     "Trên 90%: 2 điểm\nTừ 70% đến 90%: 1 điểm\nDưới 70%: 0 điểm", ""},
    {"2", "Tuyên truyền CCHC", "2", "Có/Không", ""},
    {"II", "Cải cách thể chế", "4", "", ""},
    {"1", "Rà soát văn bản", "2", "Đầy đủ: 2 điểm; Chưa đầy đủ: 1 điểm; Không thực hiện: 0 điểm",
     ""},
    {"2", "Kiểm tra văn bản", "2", "Theo kết quả kiểm tra thực tế", ""},
    {"III", "Sự hài lòng (điều tra xã hội học)", "3", "", ""},
    {"1", "Mức độ hài lòng của người dân", "3", "", ""},
    {"", "Điểm thưởng", "2", "", ""},
    {"1", "Sáng kiến được công nhận", "2", "", ""},
    {"", "Điểm trừ", "3", "", ""},
    {"1", "Vi phạm kỷ luật hành chính", "3", "", ""},
};

static void reads_a_published_table(void **state)
{
    (void)state;
    char *dir = testdir_new();
    char *path = workbook(dir, "ok.xlsx",
                          "BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CCHC CÁC SỞ, BAN, NGÀNH TỈNH NĂM 2025", GOOD,
                          sizeof GOOD / sizeof GOOD[0]);
    par_framework_t *fw = NULL;
    par_problems_t p;
    par_framework_problems_init(&p);
    int rc = read_path(path, &fw, &p);
    for (size_t i = 0; i < p.n; i++)
        fprintf(stderr, "%s %s %s %s\n", p.v[i].node, p.v[i].field, p.v[i].code, p.v[i].en);
    assert_int_equal(rc, 0);
    assert_int_equal(fw->year, 2025);
    assert_int_equal(fw->unit_kind, UNIT_SO);
    /* numbers restart in each area: area II's "1" is 2.1 */
    size_t i = par_framework_find(fw, "2.1");
    assert_true(i != PAR_NOPARENT);
    assert_int_equal(fw->nodes[i].method, PAR_METHOD_LEVELS);
    assert_int_equal(fw->nodes[i].nlevels, 3);
    i = par_framework_find(fw, "1.1.1");
    assert_int_equal(fw->nodes[i].method, PAR_METHOD_LEVELS);
    assert_int_equal(fw->nodes[i].levels[1].points, 500);
    assert_string_equal(fw->nodes[i].evidence, "Kế hoạch CCHC năm");
    i = par_framework_find(fw, "1.1.2");
    assert_int_equal(fw->nodes[i].method, PAR_METHOD_BANDS);
    assert_int_equal(fw->nodes[i].nbands, 3);
    assert_int_equal(fw->nodes[i].bands[0].lo_kind, PAR_BOUND_EXCL);
    assert_int_equal(fw->nodes[par_framework_find(fw, "1.2")].method, PAR_METHOD_YESNO);
    i = par_framework_find(fw, "2.2");
    assert_int_equal(fw->nodes[i].method, PAR_METHOD_MANUAL);
    assert_string_equal(fw->nodes[i].note, "Theo kết quả kiểm tra thực tế");
    assert_int_equal(fw->nodes[par_framework_find(fw, "3.1")].source, PAR_SOURCE_SURVEY);
    assert_int_equal(fw->nodes[par_framework_find(fw, "T")].kind, PAR_KIND_BONUS);
    assert_int_equal(fw->nodes[par_framework_find(fw, "TR.1")].kind, PAR_KIND_PENALTY);
    par_framework_free(fw);
    par_framework_problems_release(&p);
    free(path);
    testdir_remove(dir);
}

static const xrow_t BAD[] = {
    {"I", "Chỉ đạo, điều hành", "5", "", ""},
    {"1", "Kế hoạch", "3", "", ""},
    {"1.1", "Ban hành", "1", "Có/Không", ""},
    {"1.2", "Thực hiện", "1,5,2", "", ""}, /* 1.1.2: not a number */
    {"2", "Tuyên truyền", "2", "", ""},    /* children add up to 1.5 */
    {"2.1", "Kế hoạch tuyên truyền", "1", "Có/Không", ""},
    {"2.2", "Chuyên mục CCHC", "0.5", "Có/Không", ""},
};

static void malformed_table_names_rows(void **state)
{
    (void)state;
    char *dir = testdir_new();
    char *path =
        workbook(dir, "bad.xlsx", "Bộ tiêu chí cấp sở năm 2025", BAD, sizeof BAD / sizeof BAD[0]);
    par_framework_t *fw = NULL;
    par_problems_t p;
    par_framework_problems_init(&p);
    assert_int_equal(read_path(path, &fw, &p), ERR_INVALID);
    assert_null(fw);
    bool type = false, sum = false;
    for (size_t i = 0; i < p.n; i++) {
        /* rows are 1-based: the first data row is row 4 */
        if (strcmp(p.v[i].code, "par.type") == 0)
            type = strcmp(p.v[i].node, "1.1.2") == 0 && strstr(p.v[i].field, "dòng 7") != NULL;
        if (strcmp(p.v[i].code, "par.max_sum") == 0 && strcmp(p.v[i].node, "1.2") == 0)
            sum = strstr(p.v[i].field, "dòng 8") != NULL;
    }
    assert_true(type);
    assert_true(sum);
    par_framework_problems_release(&p);

    /* not a workbook at all */
    char *junk = testdir_file(dir, "x.xlsx", "not a zip");
    assert_true(read_path(junk, &fw, NULL) < 0);
    free(junk);
    free(path);
    testdir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_a_published_table),
        cmocka_unit_test(malformed_table_names_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
