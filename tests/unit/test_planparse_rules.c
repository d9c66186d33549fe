/* Unit tests of the plan parser's rules on small hand-written plans: other
 * numbering and wording, several figures per sentence, comparators, tables
 * with columns in another order and wrapped rows, narrative plans with
 * per-item responsibility lines, a decision wrapping a plan, text cleanup
 * (footnotes, bold, stray spaces, wrapped lines), unit-list splitting, bad
 * input, and allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/planparse.h"
#include "support/plan_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static planparse_plan_t *parse_text(const char *text, const planparse_options_t *opt)
{
    doc_t *d = NULL;
    err_t e;
    if (doc_from_text(text, strlen(text), &d, &e))
        fail_msg("doc: %s", e.en);
    planparse_plan_t *p = NULL;
    if (planparse_parse(d, opt, &p, &e))
        fail_msg("parse: %s (%s)", e.en, e.code);
    doc_free(d);
    return p;
}

static int parse_error(const char *text, err_t *e)
{
    doc_t *d = NULL;
    if (doc_from_text(text, strlen(text), &d, e))
        return -100;
    planparse_plan_t *p = NULL;
    int rc = planparse_parse(d, NULL, &p, e);
    doc_free(d);
    planparse_plan_free(p);
    return rc;
}

static void expect_parties(const planparse_party_t *v, size_t n, const char *want)
{
    char got[1024] = "";
    for (size_t i = 0; i < n; i++) {
        strncat(got, i ? "|" : "", sizeof got - strlen(got) - 1);
        strncat(got, v[i].text, sizeof got - strlen(got) - 1);
    }
    if (strcmp(got, want) != 0)
        fail_msg("parties: got '%s', want '%s'", got, want);
}

static void expect_due(const planparse_task_t *t, const char *want)
{
    assert_non_null(t->deadline);
    date_t d = deadline_first_due(t->deadline);
    char got[DATE_ISO_LEN] = "";
    if (d != DATE_NONE)
        date_format(d, got);
    assert_string_equal(got, want);
}

static void expect_target(const planparse_target_t *t, const char *area, const char *indicator,
                          const char *op, double value, double value_max, const char *unit,
                          const char *text)
{
    if (strcmp(planparse_area_code(t->area) ? planparse_area_code(t->area) : "-", area) ||
        strcmp(t->indicator, indicator) || strcmp(planparse_op_code(t->op), op) ||
        t->value != value || (t->op == PLANPARSE_OP_BETWEEN && t->value_max != value_max) ||
        strcmp(t->unit, unit) || strcmp(t->text, text))
        fail_msg("target: got %s %s %s %g..%g '%s' '%s'\n want %s %s %s %g..%g '%s' '%s'",
                 planparse_area_code(t->area), t->indicator, planparse_op_code(t->op), t->value,
                 t->value_max, t->unit, t->text, area, indicator, op, value, value_max, unit, text);
}

/* ---- other numbering and wording ---------------------------------------- */

static const char *const DEPT_PLAN =
    "UBND TỈNH BẾN TRE\n"
    "SỞ NỘI VỤ\n"
    "Số: 12/KH-SNV\n"
    "Bến Tre, ngày 05 tháng 01 năm 2024\n"
    "KẾ HOẠCH\n"
    "Cải cách hành chính năm 2024 của Sở Nội vụ\n"
    "A. MỤC TIÊU\n"
    "1. Cải cách TTHC\n"
    "- Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98% trở lên; tỷ lệ hồ sơ nộp trực tuyến toàn "
    "trình trên 50% và 100% TTHC được công khai trên Cơ sở dữ liệu quốc gia về TTHC.\n"
    "- Phản ánh, kiến nghị được xử lý đúng hạn đạt 100%.\n"
    "2. Hiện đại hóa nền hành chính\n"
    "- Tối thiểu 95% văn bản được trao đổi dưới dạng điện tử.\n"
    "3. Công tác chỉ đạo, điều hành\n"
    "- Có từ 07–09 sáng kiến được công nhận; không quá 2 cuộc kiểm tra đột xuất.\n"
    "- Chỉ số CCHC của Sở đạt từ 85 điểm trở lên.\n"
    "B. NHIỆM VỤ VÀ GIẢI PHÁP\n"
    "1. CẢI CÁCH THỂ CHẾ\n"
    "a) Rà soát các văn bản quy phạm pháp luật thuộc lĩnh vực nội vụ.\n"
    "- Chủ trì: Phòng Pháp chế\n"
    "- Phối hợp: Văn phòng Sở; Sở Tư pháp\n"
    "- Thời hạn: Quý II/2024\n"
    "b) Tuyên truyền, phổ biến pháp luật.\n"
    "- Chủ trì: Văn phòng Sở\n"
    "- Thời hạn: Thường xuyên\n"
    "2. Đẩy mạnh ứng dụng CNTT\n"
    "a) Số hóa hồ sơ lưu trữ.\n"
    "Đơn vị thực hiện: Chi cục Văn thư - Lưu trữ\n"
    "Thời gian hoàn thành: Tháng 10/2024\n"
    "C. TỔ CHỨC THỰC HIỆN\n"
    "Các phòng, đơn vị triển khai thực hiện Kế hoạch này.\n";

static void other_numbering_and_wording(void **state)
{
    (void)state;
    planparse_plan_t *p = parse_text(DEPT_PLAN, NULL);
    assert_string_equal(p->doc.issuer, "SỞ NỘI VỤ"); /* the lower line of the letterhead */
    assert_string_equal(p->doc.number, "12/KH-SNV");
    assert_string_equal(p->doc.type, "KH");
    assert_string_equal(p->doc.place, "Bến Tre");
    assert_int_equal(p->doc.year, 2024);
    assert_string_equal(p->doc.title, "Cải cách hành chính năm 2024 của Sở Nội vụ");
    assert_int_equal(p->ntasks, 3);
    const planparse_task_t *t = plan_check_task(p, "1.a");
    assert_int_equal(t->area, PLANPARSE_AREA_THECHE);
    assert_string_equal(t->title, "Rà soát các văn bản quy phạm pháp luật thuộc lĩnh vực nội vụ.");
    expect_parties(t->lead, t->nlead, "Phòng Pháp chế");
    expect_parties(t->support, t->nsupport, "Văn phòng Sở|Sở Tư pháp");
    expect_due(t, "2024-06-30");
    t = plan_check_task(p, "1.b");
    assert_int_equal(t->area, PLANPARSE_AREA_THECHE);
    assert_int_equal(t->deadline->kind, DEADLINE_CONTINUOUS);
    t = plan_check_task(p, "2.a");
    assert_int_equal(t->area, PLANPARSE_AREA_SO);
    expect_parties(t->lead, t->nlead, "Chi cục Văn thư - Lưu trữ");
    expect_due(t, "2024-10-31");
    planparse_plan_free(p);
}

static void several_figures_per_sentence(void **state)
{
    (void)state;
    planparse_plan_t *p = parse_text(DEPT_PLAN, NULL);
    assert_int_equal(p->ntargets, 8);
    expect_target(&p->targets[0], "tthc", "tthc.on_time", ">=", 98, 0, "%",
                  "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98% trở lên");
    expect_target(&p->targets[1], "tthc", "tthc.full_online", ">", 50, 0, "%",
                  "tỷ lệ hồ sơ nộp trực tuyến toàn trình trên 50%");
    expect_target(&p->targets[2], "tthc", "catalog.published", ">=", 100, 0, "%",
                  "100% TTHC được công khai trên Cơ sở dữ liệu quốc gia về TTHC");
    expect_target(&p->targets[3], "tthc", "feedback.on_time", ">=", 100, 0, "%",
                  "Phản ánh, kiến nghị được xử lý đúng hạn đạt 100%");
    expect_target(&p->targets[4], "so", "office.e_documents", ">=", 95, 0, "%",
                  "Tối thiểu 95% văn bản được trao đổi dưới dạng điện tử");
    expect_target(&p->targets[5], "chidao", "other", "between", 7, 9, "sáng kiến",
                  "Có từ 07–09 sáng kiến được công nhận");
    expect_target(&p->targets[6], "chidao", "other", "<=", 2, 0, "cuộc",
                  "không quá 2 cuộc kiểm tra đột xuất");
    expect_target(&p->targets[7], "chidao", "other", ">=", 85, 0, "điểm",
                  "Chỉ số CCHC của Sở đạt từ 85 điểm trở lên");
    planparse_plan_free(p);
}

static void comparators(void **state)
{
    (void)state;
    planparse_plan_t *p = parse_text("KẾ HOẠCH\nCải cách hành chính năm 2024\n"
                                     "I. MỤC TIÊU\n"
                                     "Trên 95% hồ sơ được giải quyết đúng hạn.\n"
                                     "Tỷ lệ hài lòng về giải quyết TTHC đạt từ 94% trở lên.\n"
                                     "Giải ngân vốn đầu tư công tối thiểu 90%.\n"
                                     "100% cán bộ được đào tạo, bồi dưỡng.\n"
                                     "Tỷ lệ hồ sơ trễ hạn không quá 5%; hồ sơ trễ hạn dưới 3%.\n"
                                     "Tỷ lệ số hóa kết quả giải quyết TTHC đạt từ 80% đến 90%.\n"
                                     "Tỷ lệ hồ sơ trực tuyến bằng 99,5%.\n"
                                     "Đến năm 2025, hoàn thành 100% nhiệm vụ theo Nghị định số "
                                     "61/2018/NĐ-CP ngày 23/4/2018.\n",
                                     NULL);
    assert_int_equal(p->ntargets, 9);
    const char *ops[] = {">", ">=", ">=", ">=", "<=", "<", "between", "=", ">="};
    const double values[] = {95, 94, 90, 100, 5, 3, 80, 99.5, 100};
    const char *inds[] = {
        "tthc.on_time", "tthc.satisfaction",     "finance.disbursement", "staff.trained", "other",
        "other",        "tthc.digitized_result", "tthc.online",          "other"};
    for (size_t i = 0; i < 9; i++) {
        if (strcmp(planparse_op_code(p->targets[i].op), ops[i]) ||
            p->targets[i].value != values[i] || strcmp(p->targets[i].indicator, inds[i]))
            fail_msg("target %zu: %s %g %s ('%s')", i, planparse_op_code(p->targets[i].op),
                     p->targets[i].value, p->targets[i].indicator, p->targets[i].text);
    }
    assert_true(p->targets[6].value_max == 90);
    assert_int_equal(p->ntasks, 0);
    planparse_plan_free(p);
}

/* ---- tables ------------------------------------------------------------------ */

static const char *const TABLE_PLAN =
    "Số: 05/KH-UBND\n"
    "KẾ HOẠCH\n"
    "Kiểm soát thủ tục hành chính năm 2025\n"
    "I. NHIỆM VỤ\n"
    "Chi tiết tại Phụ lục.\n"
    "PHỤ LỤC\n"
    "| Nội dung công việc | STT | Thời hạn | Đơn vị phối hợp | Đơn vị chủ trì | Kết quả | Ghi "
    "chú |\n"
    "| CẢI CÁCH THỦ TỤC HÀNH CHÍNH | | | | | | |\n"
    "| Rà soát, đơn giản hóa TTHC | 1 | Quý III/2025 | Các phòng chuyên môn | Văn phòng UBND | "
    "Báo cáo | |\n"
    "| thuộc thẩm quyền giải quyết | | | | | | |\n"
    "| Công khai TTHC | 2 | Thường xuyên | UBND cấp xã | Văn phòng UBND | Quyết định | |\n"
    "| II. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ | | | | | | |\n"
    "| Đánh giá, xếp loại công chức | 3 | Tháng 12/2025 | Các cơ quan, đơn vị | Phòng Nội vụ "
    "| Báo cáo | |\n";

static void table_columns_in_another_order(void **state)
{
    (void)state;
    planparse_plan_t *p = parse_text(TABLE_PLAN, NULL);
    assert_int_equal(p->task_source, PLANPARSE_SRC_TABLE);
    assert_int_equal(p->ntasks, 3);
    assert_int_equal(p->doc.year, 2025);
    const planparse_task_t *t = plan_check_task(p, "1");
    assert_int_equal(t->area, PLANPARSE_AREA_TTHC);
    /* a row wrapped onto a continuation row */
    assert_string_equal(t->title, "Rà soát, đơn giản hóa TTHC thuộc thẩm quyền giải quyết");
    expect_parties(t->lead, t->nlead, "Văn phòng UBND");
    expect_parties(t->support, t->nsupport, "Các phòng chuyên môn");
    assert_string_equal(t->support[0].group, "phong");
    assert_string_equal(t->product, "Báo cáo");
    expect_due(t, "2025-09-30");
    t = plan_check_task(p, "2");
    assert_string_equal(t->support[0].group, "xa");
    assert_int_equal(t->deadline->kind, DEADLINE_CONTINUOUS);
    t = plan_check_task(p, "3");
    assert_int_equal(t->area, PLANPARSE_AREA_CONGVU);
    expect_parties(t->lead, t->nlead, "Phòng Nội vụ");
    assert_string_equal(t->support[0].group, "units");
    expect_due(t, "2025-12-31");
    planparse_plan_free(p);
}

static void table_is_authoritative(void **state)
{
    (void)state;
    /* narrative tasks in I. are ignored when an appendix gives the tasks */
    char text[4096];
    snprintf(text, sizeof text, "%s",
             "KẾ HOẠCH\nCải cách hành chính năm 2024\nI. NHIỆM VỤ\n1. Cải cách thể chế\n"
             "Rà soát văn bản.\nTuyên truyền pháp luật.\nPHỤ LỤC\n"
             "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |\n"
             "| 1 | Xây dựng kế hoạch CCHC | Sở Nội vụ | Quý IV/2023 |\n");
    planparse_plan_t *p = parse_text(text, NULL);
    assert_int_equal(p->task_source, PLANPARSE_SRC_TABLE);
    assert_int_equal(p->ntasks, 1);
    assert_string_equal(p->tasks[0].title, "Xây dựng kế hoạch CCHC");
    /* no section row: the area is guessed and that is said */
    assert_int_equal(p->tasks[0].area, PLANPARSE_AREA_CHIDAO);
    bool guessed = false;
    for (size_t i = 0; i < p->nwarnings; i++)
        guessed |= strcmp(p->warnings[i].err.code, "plan.task_area_guessed") == 0;
    assert_true(guessed);
    planparse_plan_free(p);
}

/* ---- narrative plans -------------------------------------------------------- */

static const char *const NARRATIVE_PLAN =
    "Số: 20/KH-UBND\n"
    "Long Hồ, ngày 10 tháng 01 năm 2024\n"
    "**KẾ HOẠCH**\n"
    "**Cải cách hành chính năm 2024**\n"
    "Ủy ban nhân dân huyện Long Hồ ban hành Kế hoạch cải cách hành chính năm 2024 như sau:\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "Nâng cao hiệu quả công tác CCHC, 100% nhiệm vụ hoàn thành.\n"
    "II. NHIỆM VỤ TRỌNG TÂM\n"
    "1. Cải cách thủ tục hành chính\n"
    "Rà soát, công bố danh mục TTHC thuộc thẩm quyền của huyện[1].\n"
    "Cơ quan chủ trì: Văn phòng HĐND và UBND huyện\n"
    "Thời gian thực hiện: Quý I/202 4\n"
    "Tiếp nhận và giải quyết hồ sơ TTHC đúng hạn, trả kết quả\n"
    "qua dịch vụ bưu chính công ích¹.\n"
    "Cơ quan chủ trì: Văn phòng HĐND và UBND huyện; UBND các xã, thị trấn\n"
    "Cơ quan phối hợp: Phòng Tư pháp\n"
    "Thời gian thực hiện: Thường xuyên\n"
    "[1] Theo Quyết định số 01/QĐ-UBND ngày 02/01/2024.\n"
    "2. Cải cách tài chính công\n"
    "Thực hiện cơ chế tự chủ tài chính.\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "Cơ quan thực hiện: Phòng Nội vụ\n";

static void narrative_per_item_responsibility(void **state)
{
    (void)state;
    planparse_plan_t *p = parse_text(NARRATIVE_PLAN, NULL);
    assert_string_equal(p->doc.title, "Cải cách hành chính năm 2024");
    assert_string_equal(p->doc.issuer, "Ủy ban nhân dân huyện Long Hồ");
    assert_int_equal(p->task_source, PLANPARSE_SRC_NARRATIVE);
    assert_int_equal(p->ntasks, 3);
    const planparse_task_t *t = plan_check_task(p, "1.1");
    assert_int_equal(t->area, PLANPARSE_AREA_TTHC);
    /* footnote marker dropped, footnote text not a task */
    assert_string_equal(t->title, "Rà soát, công bố danh mục TTHC thuộc thẩm quyền của huyện.");
    expect_parties(t->lead, t->nlead, "Văn phòng HĐND và UBND huyện");
    assert_string_equal(t->deadline_text, "Quý I/2024"); /* "202 4" mended */
    expect_due(t, "2024-03-31");
    t = plan_check_task(p, "1.2");
    assert_string_equal(t->title, "Tiếp nhận và giải quyết hồ sơ TTHC đúng hạn, trả kết quả qua "
                                  "dịch vụ bưu chính công ích.");
    expect_parties(t->lead, t->nlead, "Văn phòng HĐND và UBND huyện|UBND các xã, thị trấn");
    assert_string_equal(t->lead[1].group, "xa");
    expect_parties(t->support, t->nsupport, "Phòng Tư pháp");
    assert_int_equal(t->deadline->kind, DEADLINE_CONTINUOUS);
    /* no responsibility line: the issuer leads */
    t = plan_check_task(p, "2.1");
    assert_int_equal(t->area, PLANPARSE_AREA_TAICHINH);
    assert_true(t->lead_default);
    expect_parties(t->lead, t->nlead, "Ủy ban nhân dân huyện Long Hồ");
    assert_null(t->deadline);
    /* figures outside the targets sections are not targets */
    assert_int_equal(p->ntargets, 0);
    planparse_plan_free(p);
}

static void decision_wrapping_a_plan(void **state)
{
    (void)state;
    planparse_plan_t *p = parse_text(
        "ỦY BAN NHÂN DÂN\nHUYỆN TAM BÌNH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 1234/QĐ-UBND\n"
        "Tam Bình, ngày 20 tháng 12 năm 2024\n"
        "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch cải cách hành chính năm 2025\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TAM BÌNH\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\n"
        "QUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2025.\n"
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\n"
        "KẾ HOẠCH\nCải cách hành chính năm 2025\n"
        "(Ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 20/12/2024)\n"
        "I. NHIỆM VỤ\n1. Cải cách thể chế\n- Rà soát văn bản quy phạm pháp luật.\n"
        "- Thời gian thực hiện: Quý II\n",
        NULL);
    const planparse_docinfo_t *d = &p->doc;
    assert_string_equal(d->number, "1234/QĐ-UBND");
    assert_string_equal(d->type, "QĐ");
    assert_string_equal(d->issuer, "ỦY BAN NHÂN DÂN HUYỆN TAM BÌNH");
    char date[DATE_ISO_LEN];
    date_format(d->date, date);
    assert_string_equal(date, "2024-12-20");
    assert_int_equal(d->year, 2025); /* the plan's year, not the decision's */
    assert_string_equal(d->title, "Cải cách hành chính năm 2025");
    assert_string_equal(d->decision_title,
                        "Về việc ban hành Kế hoạch cải cách hành chính năm 2025");
    assert_int_equal(p->ntasks, 1);
    assert_int_equal(p->tasks[0].area, PLANPARSE_AREA_THECHE);
    expect_due(&p->tasks[0], "2025-06-30"); /* "Quý II" in the plan's year */
    planparse_plan_free(p);
}

static void year_option_overrides(void **state)
{
    (void)state;
    planparse_options_t opt = {.year = 2026};
    planparse_plan_t *p = parse_text("KẾ HOẠCH\nCải cách hành chính\nI. NHIỆM VỤ\n"
                                     "1. Cải cách thể chế\n- Rà soát văn bản.\n"
                                     "- Thời gian thực hiện: Quý II\n",
                                     &opt);
    assert_int_equal(p->doc.year, 2026);
    expect_due(&p->tasks[0], "2026-06-30");
    planparse_plan_free(p);
}

/* Areas as top-level sections, areas named before a colon in targets, and
 * a table whose sections are numbered A, B. */
static const char *const AREA_SECTIONS =
    "KẾ HOẠCH\nCải cách hành chính năm 2024\n"
    "I. MỤC TIÊU\n1. Mục tiêu cụ thể\n"
    "a) Cải cách TTHC: 100% TTHC được công khai đầy đủ; tỷ lệ hồ sơ trực tuyến đạt 50%.\n"
    "b) Cải cách chế độ công vụ: 100% công chức được bố trí đúng vị trí việc làm.\n"
    "II. CẢI CÁCH THỂ CHẾ\n1. Rà soát văn bản quy phạm pháp luật.\n"
    "2. Tuyên truyền phổ biến pháp luật.\n"
    "III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH\n1. Công bố danh mục TTHC.\n"
    "IV. TỔ CHỨC THỰC HIỆN\nCác phòng thực hiện.\n";

static void area_sections(void **state)
{
    (void)state;
    planparse_plan_t *p = parse_text(AREA_SECTIONS, NULL);
    assert_int_equal(p->ntasks, 3);
    assert_string_equal(p->tasks[0].no, "II.1");
    assert_int_equal(p->tasks[0].area, PLANPARSE_AREA_THECHE);
    assert_string_equal(p->tasks[2].no, "III.1");
    assert_int_equal(p->tasks[2].area, PLANPARSE_AREA_TTHC);
    assert_int_equal(p->ntargets, 3);
    expect_target(&p->targets[0], "tthc", "catalog.published", ">=", 100, 0, "%",
                  "100% TTHC được công khai đầy đủ");
    expect_target(&p->targets[1], "tthc", "tthc.online", ">=", 50, 0, "%",
                  "tỷ lệ hồ sơ trực tuyến đạt 50%");
    expect_target(&p->targets[2], "congvu", "staff.right_position", ">=", 100, 0, "%",
                  "100% công chức được bố trí đúng vị trí việc làm");
    planparse_plan_free(p);

    char text[4096];
    snprintf(text, sizeof text, "%s%s", AREA_SECTIONS,
             "PHỤ LỤC\n"
             "| TT | Nội dung nhiệm vụ | Cơ quan, đơn vị chủ trì | Đơn vị phối hợp | Kết "
             "quả/Sản phẩm | Thời hạn hoàn thành |\n"
             "| A | CẢI CÁCH THỂ CHẾ | | | | |\n"
             "| 1 | Rà soát văn bản | Phòng Tư pháp | Văn phòng | Báo cáo | Quý II/2024 |\n"
             "| B | CẢI CÁCH TTHC | | | | |\n"
             "| 2 | Công bố TTHC | Văn phòng | | Quyết định | Tháng 3/2024 |\n");
    p = parse_text(text, NULL);
    assert_int_equal(p->task_source, PLANPARSE_SRC_TABLE);
    assert_int_equal(p->ntasks, 2);
    assert_string_equal(p->tasks[0].title, "Rà soát văn bản");
    assert_int_equal(p->tasks[0].area, PLANPARSE_AREA_THECHE);
    assert_string_equal(p->tasks[0].product, "Báo cáo");
    assert_int_equal(p->tasks[1].area, PLANPARSE_AREA_TTHC);
    assert_int_equal(p->tasks[1].nsupport, 0);
    expect_due(&p->tasks[1], "2024-03-31");
    planparse_plan_free(p);
}

/* ---- unit lists -------------------------------------------------------------- */

static void unit_lists(void **state)
{
    (void)state;
    planparse_plan_t *p = parse_text(
        "KẾ HOẠCH\nCải cách hành chính năm 2024\nPHỤ LỤC\n"
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n"
        "| I. CẢI CÁCH THỂ CHẾ | | | | |\n"
        "| 1 | A | Sở Tài chính, Sở Nội vụ và các đơn vị liên quan | Sở Văn hóa, Thể thao và Du "
        "lịch | Năm 2024 |\n"
        "| 2 | B | Sở Lao động - Thương binh và Xã hội; Sở Giáo dục và Đào tạo | UBND cấp "
        "huyện, cấp xã | Năm 2024 |\n"
        "| 3 | C | Các sở, ban, ngành tỉnh; UBND cấp huyện; UBND cấp xã | Sở Thông tin và "
        "Truyền thông và các cơ quan, đơn vị | Năm 2024 |\n"
        "| 4 | D | Văn phòng HĐND và UBND huyện | Hội Liên hiệp Phụ nữ và Hội Nông dân | Năm "
        "2024 |\n",
        NULL);
    assert_int_equal(p->ntasks, 4);
    const planparse_task_t *t = plan_check_task(p, "1");
    expect_parties(t->lead, t->nlead, "Sở Tài chính|Sở Nội vụ|các đơn vị liên quan");
    assert_string_equal(t->lead[2].group, "related");
    expect_parties(t->support, t->nsupport, "Sở Văn hóa, Thể thao và Du lịch");
    t = plan_check_task(p, "2");
    expect_parties(t->lead, t->nlead, "Sở Lao động - Thương binh và Xã hội|Sở Giáo dục và Đào tạo");
    expect_parties(t->support, t->nsupport, "UBND cấp huyện|cấp xã");
    assert_string_equal(t->support[0].group, "huyen");
    assert_string_equal(t->support[1].group, "xa");
    t = plan_check_task(p, "3");
    expect_parties(t->lead, t->nlead, "Các sở, ban, ngành tỉnh|UBND cấp huyện|UBND cấp xã");
    expect_parties(t->support, t->nsupport, "Sở Thông tin và Truyền thông|các cơ quan, đơn vị");
    t = plan_check_task(p, "4");
    expect_parties(t->lead, t->nlead, "Văn phòng HĐND và UBND huyện");
    expect_parties(t->support, t->nsupport, "Hội Liên hiệp Phụ nữ|Hội Nông dân");
    /* without a registry, names are kept and nothing is reported */
    for (size_t i = 0; i < p->nwarnings; i++)
        assert_null(strstr(p->warnings[i].err.code, "unit"));
    planparse_plan_free(p);
}

static void unresolved_names_reported(void **state)
{
    (void)state;
    unit_set_t set;
    unit_set_init(&set);
    err_t e;
    unit_t tinh = {.code = "T1",
                   .name = "UBND tỉnh Lâm Sơn",
                   .kind = UNIT_TINH,
                   .valid_from = DATE_NONE,
                   .valid_to = DATE_NONE};
    unit_t snv = {.code = "T1.SNV",
                  .name = "Sở Nội vụ",
                  .kind = UNIT_SO,
                  .parent = "T1",
                  .valid_from = DATE_NONE,
                  .valid_to = DATE_NONE};
    assert_int_equal(unit_set_add(&set, &tinh, &e), 0);
    assert_int_equal(unit_set_add(&set, &snv, &e), 0);
    planparse_options_t opt = {.units = &set};
    planparse_plan_t *p = parse_text("ỦY BAN NHÂN DÂN\nTỈNH LÂM SƠN\nSố: 1/KH-UBND\n"
                                     "Lâm Sơn, ngày 02 tháng 01 năm 2024\nKẾ HOẠCH\nCCHC năm 2024\n"
                                     "PHỤ LỤC\n| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n"
                                     "| 1 | A | Sở Nội vụ; Sở Mơ Hồ | Năm 2024 |\n"
                                     "| 2 | B | Sở Mơ Hồ | Năm 2024 |\n",
                                     &opt);
    assert_string_equal(p->doc.issuer_unit, "T1");
    assert_string_equal(p->doc.scope, "T1");
    const planparse_task_t *t = plan_check_task(p, "1");
    assert_string_equal(t->lead[0].unit, "T1.SNV");
    assert_string_equal(t->lead[1].text, "Sở Mơ Hồ"); /* kept, not dropped */
    assert_null(t->lead[1].unit);
    size_t unresolved = 0;
    for (size_t i = 0; i < p->nwarnings; i++)
        unresolved += strcmp(p->warnings[i].err.code, "plan.unit_unresolved") == 0;
    assert_int_equal(unresolved, 1); /* once per name */
    planparse_plan_free(p);
    unit_set_release(&set);
}

/* ---- areas --------------------------------------------------------------------- */

static void areas_however_worded(void **state)
{
    (void)state;
    struct {
        const char *text;
        planparse_area_t area;
        bool strong;
    } cases[] = {
        {"II. CẢI CÁCH THỂ CHẾ", PLANPARSE_AREA_THECHE, true},
        {"Cải cách TTHC", PLANPARSE_AREA_TTHC, true},
        {"3. CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)", PLANPARSE_AREA_TTHC, true},
        {"cai cach thu tuc hanh chinh", PLANPARSE_AREA_TTHC, true},
        {"7.1. Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", PLANPARSE_AREA_SO, true},
        {"Đẩy mạnh ứng dụng CNTT", PLANPARSE_AREA_SO, true},
        {"Hiện đại hóa nền hành chính", PLANPARSE_AREA_SO, true},
        {"Cải cách tổ chức bộ máy hành chính nhà nước", PLANPARSE_AREA_BOMAY, true},
        {"Cải cách chế độ công vụ", PLANPARSE_AREA_CONGVU, true},
        {"VI. CẢI CÁCH TÀI CHÍNH CÔNG", PLANPARSE_AREA_TAICHINH, true},
        {"I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", PLANPARSE_AREA_CHIDAO, true},
        {"Công tác chỉ đạo, điều hành cải cách hành chính", PLANPARSE_AREA_CHIDAO, true},
        {"Đánh giá tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội",
         PLANPARSE_AREA_TACDONG, true},
        {"Đẩy mạnh công tác thông tin, tuyên truyền CCHC", PLANPARSE_AREA_CHIDAO, false},
        {"Nâng cao năng lực tự chủ tài chính của đơn vị sự nghiệp công lập",
         PLANPARSE_AREA_TAICHINH, false},
        {"Mục đích, yêu cầu", PLANPARSE_AREA_NONE, false},
        {"Cải cách hành chính", PLANPARSE_AREA_NONE, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool strong = false;
        planparse_area_t a = planparse_area_classify(cases[i].text, &strong);
        if (a != cases[i].area || strong != cases[i].strong)
            fail_msg("'%s': %s %d", cases[i].text, planparse_area_code(a), strong);
    }
    planparse_area_t a;
    assert_int_equal(planparse_area_parse("tacdong", &a), 0);
    assert_int_equal(a, PLANPARSE_AREA_TACDONG);
    assert_int_equal(planparse_area_parse("xyz", &a), ERR_INVALID);
}

/* ---- bad input ------------------------------------------------------------------- */

static void no_plan_no_content(void **state)
{
    (void)state;
    err_t e;
    assert_int_equal(parse_error("", &e), ERR_INVALID);
    assert_string_equal(e.code, "plan.empty");
    assert_int_equal(parse_error("   \n\n\t\n", &e), ERR_INVALID);
    assert_string_equal(e.code, "plan.empty");
    assert_int_equal(parse_error("Xin chào.\nĐây là một bức thư, không phải kế hoạch.\n", &e),
                     ERR_INVALID);
    assert_string_equal(e.code, "plan.no_content");
    assert_non_null(strstr(e.vi, "kế hoạch"));
    assert_int_equal(parse_error("KẾ HOẠCH\nCải cách hành chính năm 2024\nI. MỤC ĐÍCH\n"
                                 "Nâng cao hiệu quả.\n",
                                 &e),
                     ERR_INVALID);
    assert_string_equal(e.code, "plan.no_content");
    /* a plan cut off before its tasks is not a plan yet */
    assert_int_equal(parse_error("Số: 12/KH-UBND\nKẾ HOẠCH\nCải cách hành chính năm 2024\n"
                                 "II. NHIỆM VỤ\n",
                                 &e),
                     ERR_INVALID);
}

static void odd_text_gives_warnings(void **state)
{
    (void)state;
    /* no title, no issuer, no year: tasks still come out, with warnings */
    planparse_plan_t *p = parse_text("II. NHIỆM VỤ\n1. Cải cách thể chế\n- Rà soát văn bản.\n"
                                     "- Thời gian thực hiện: blah blah\n",
                                     NULL);
    assert_int_equal(p->ntasks, 1);
    bool no_title = false, no_year = false, dl = false;
    for (size_t i = 0; i < p->nwarnings; i++) {
        no_title |= strcmp(p->warnings[i].err.code, "plan.no_title") == 0;
        no_year |= strcmp(p->warnings[i].err.code, "plan.no_year") == 0;
        dl |= strcmp(p->warnings[i].err.code, "deadline.unknown") == 0 &&
              p->warnings[i].pos.line == 4;
    }
    assert_true(no_title && no_year && dl);
    planparse_plan_free(p);
}

static void allocation_failures(void **state)
{
    (void)state;
    doc_t *d = NULL;
    err_t e;
    assert_int_equal(doc_from_text(NARRATIVE_PLAN, strlen(NARRATIVE_PLAN), &d, &e), 0);
    int ok = 0;
    for (long n = 1; n < 20000 && !ok; n++) {
        planparse_plan_t *p = NULL;
        mem_fail_after(n);
        int rc = planparse_parse(d, NULL, &p, &e);
        mem_fail_after(-1);
        if (rc == 0) {
            assert_int_equal(p->ntasks, 3);
            planparse_plan_free(p);
            ok = 1;
        } else {
            assert_true(rc == ERR_NOMEM || rc == ERR_INVALID);
            assert_null(p);
        }
    }
    assert_true(ok);
    doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(other_numbering_and_wording),
        cmocka_unit_test(several_figures_per_sentence),
        cmocka_unit_test(comparators),
        cmocka_unit_test(table_columns_in_another_order),
        cmocka_unit_test(table_is_authoritative),
        cmocka_unit_test(narrative_per_item_responsibility),
        cmocka_unit_test(decision_wrapping_a_plan),
        cmocka_unit_test(year_option_overrides),
        cmocka_unit_test(area_sections),
        cmocka_unit_test(unit_lists),
        cmocka_unit_test(unresolved_names_reported),
        cmocka_unit_test(areas_however_worded),
        cmocka_unit_test(no_plan_no_content),
        cmocka_unit_test(odd_text_gives_warnings),
        cmocka_unit_test(allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
