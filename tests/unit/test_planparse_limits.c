/* Tests of the plan parser's layout handling and limits on small documents
 * written here: page furniture, text pasted as one paragraph, inline
 * responsibility parts, a prose appendix, targets under "CÁC CHỈ TIÊU",
 * repeated header rows and continued tables, the paragraph and document
 * caps, the cancel hook, and allocation failures on the new paths. */
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

static const char head[] = "ỦY BAN NHÂN DÂN HUYỆN MẪU\n"
                           "Số: 12/KH-UBND\n"
                           "Mẫu, ngày 05 tháng 01 năm 2024\n"
                           "KẾ HOẠCH\n"
                           "Cải cách hành chính năm 2024\n";

static planparse_plan_t *parse(const char *text)
{
    doc_t *d = NULL;
    err_t e;
    if (doc_from_text(text, strlen(text), &d, &e))
        fail_msg("doc: %s", e.en);
    planparse_plan_t *p = NULL;
    if (planparse_parse(d, NULL, &p, &e))
        fail_msg("parse: %s (%s)", e.en, e.code);
    doc_free(d);
    return p;
}

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    snprintf(s, n, "%s%s", a, b);
    return s;
}

/* ---- targets ------------------------------------------------------------------ */

static void targets_section_forms(void **state)
{
    (void)state;
    char *t = join(head, "I. MỤC ĐÍCH, YÊU CẦU\n"
                         "Nâng cao hiệu quả cải cách hành chính.\n"
                         "II. CÁC CHỈ TIÊU CỤ THỂ\n"
                         "1. 100% văn bản quy phạm pháp luật được kiểm tra theo quy định.\n"
                         "2. Tối thiểu 90% thủ tục hành chính đủ điều kiện được cung cấp dịch "
                         "vụ công trực tuyến toàn trình.\n"
                         "3. 100% hồ sơ TTHC được giải quyết trước và đúng hạn; phấn đấu sự "
                         "hài lòng của người dân, tổ chức đạt từ 94% trở lên.\n"
                         "III. NHIỆM VỤ, GIẢI PHÁP\n"
                         "1. Cải cách thủ tục hành chính\n"
                         "- Rà soát, đơn giản hóa thủ tục hành chính.\n");
    planparse_plan_t *p = parse(t);
    assert_int_equal(p->ntargets, 4);
    assert_string_equal(p->targets[1].indicator, "catalog.online_service");
    assert_string_equal(p->targets[2].indicator, "tthc.on_time");
    assert_string_equal(p->targets[3].indicator, "tthc.satisfaction");
    assert_int_equal(p->targets[3].value, 94);
    assert_int_equal(p->targets[3].op, PLANPARSE_OP_GE);
    planparse_plan_free(p);
    free(t);
    /* satisfaction with the service in general stays "other" */
    t = join(head, "I. MỘT SỐ CHỈ TIÊU CHỦ YẾU\n"
                   "Mức độ hài lòng của người dân đối với sự phục vụ của cơ quan hành chính "
                   "đạt trên 85%.\n");
    p = parse(t);
    assert_int_equal(p->ntargets, 1);
    assert_string_equal(p->targets[0].indicator, "other");
    assert_int_equal(p->targets[0].op, PLANPARSE_OP_GT);
    planparse_plan_free(p);
    free(t);
}

/* ---- page furniture and broken lines ------------------------------------------ */

static void furniture_and_page_breaks(void **state)
{
    (void)state;
    /* three pages of 20 lines with a running title and a page number; an
       area heading falls just after a page break, a sentence runs across one */
    char *t = join(head, "I. NHIỆM VỤ, GIẢI PHÁP\n");
    char buf[256];
    for (int page = 1; page <= 3; page++) {
        for (int l = 0; l < 18; l++) {
            if (page == 2 && l == 0)
                snprintf(buf, sizeof buf, "2. Cải cách thủ tục hành chính\n");
            else if (page == 1 && l == 0)
                snprintf(buf, sizeof buf, "1. Cải cách thể chế\n");
            else if (page == 3 && l == 0)
                snprintf(buf, sizeof buf, "được giải quyết đúng hạn trên địa bàn huyện.\n");
            else if (page == 2 && l == 17)
                snprintf(buf, sizeof buf, "- Bảo đảm 100%% hồ sơ của tổ chức, cá nhân\n");
            else
                snprintf(buf, sizeof buf, "- Nhiệm vụ %d.%d của trang này được thực hiện.\n", page,
                         l);
            char *n = join(t, buf);
            free(t);
            t = n;
        }
        snprintf(buf, sizeof buf, "%d\nKẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024\n", page);
        char *n = join(t, buf);
        free(t);
        t = n;
    }
    planparse_plan_t *p = parse(t);
    assert_true(plan_check_has_warning(p, "plan.furniture"));
    for (size_t i = 0; i < p->ntasks; i++) {
        assert_null(strstr(p->tasks[i].title, "KẾ HOẠCH CẢI CÁCH"));
        assert_true(strcmp(p->tasks[i].title, "2") != 0);
    }
    /* 17 + 17 + 17 bullets; the one cut by the page break is one task */
    assert_int_equal(p->ntasks, 51);
    const planparse_task_t *cut = plan_check_task(p, "2.17");
    assert_string_equal(cut->title, "Bảo đảm 100% hồ sơ của tổ chức, cá nhân được giải quyết "
                                    "đúng hạn trên địa bàn huyện.");
    assert_int_equal(cut->area, PLANPARSE_AREA_TTHC);
    assert_int_equal(plan_check_task(p, "2.1")->area, PLANPARSE_AREA_TTHC);
    planparse_plan_free(p);
    free(t);
}

/* ---- one paragraph, inline parts, prose appendix ---------------------------------- */

static void one_paragraph(void **state)
{
    (void)state;
    const char *t = "Số: 7/KH-UBND Mẫu, ngày 05 tháng 01 năm 2024 KẾ HOẠCH Cải cách hành "
                    "chính năm 2024 Căn cứ tình hình thực tế của huyện. I. MỤC TIÊU 100% hồ "
                    "sơ TTHC được giải quyết đúng hạn. II. NHIỆM VỤ 1. Cải cách thủ tục hành "
                    "chính - Rà soát, đơn giản hóa thủ tục hành chính. - Cơ quan chủ trì: "
                    "Văn phòng HĐND và UBND huyện. - Thời gian thực hiện: Quý II/2024. 2. "
                    "Cải cách chế độ công vụ - Đào tạo, bồi dưỡng công chức. - Cơ quan chủ "
                    "trì: Phòng Nội vụ. - Thời gian thực hiện: Năm 2024. ";
    /* long enough to be cut at its structure */
    char *big = malloc(4096);
    snprintf(big, 4096, "%s%s%s", t,
             "III. TỔ CHỨC THỰC HIỆN Các phòng, ban chuyên môn thuộc UBND huyện, UBND các "
             "xã, thị trấn căn cứ nội dung Kế hoạch này xây dựng kế hoạch của đơn vị để triển "
             "khai thực hiện; định kỳ báo cáo kết quả về Phòng Nội vụ để tổng hợp, báo cáo "
             "UBND huyện theo quy định. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc "
             "thì phản ánh kịp thời về Phòng Nội vụ để tổng hợp, báo cáo UBND huyện xem xét, "
             "chỉ đạo giải quyết. ",
             "Kinh phí thực hiện Kế hoạch do ngân sách huyện bảo đảm theo phân cấp hiện hành "
             "và được bố trí trong dự toán chi thường xuyên của các cơ quan, đơn vị; các cơ "
             "quan, đơn vị chủ động sử dụng nguồn kinh phí được giao để thực hiện các nhiệm vụ "
             "cải cách hành chính của đơn vị mình theo đúng quy định của pháp luật hiện hành "
             "về quản lý ngân sách nhà nước và các văn bản hướng dẫn có liên quan. Kinh phí "
             "thực hiện được lồng ghép trong các chương trình, đề án, dự án của huyện.");
    planparse_plan_t *p = parse(big);
    assert_string_equal(p->doc.number, "7/KH-UBND");
    assert_int_equal(p->doc.year, 2024);
    assert_int_equal(p->ntargets, 1);
    assert_int_equal(p->ntasks, 2);
    const planparse_task_t *a = &p->tasks[0];
    assert_string_equal(a->title, "Cải cách thủ tục hành chính");
    assert_string_equal(a->lead[0].text, "Văn phòng HĐND và UBND huyện");
    assert_string_equal(a->deadline_text, "Quý II/2024");
    assert_int_equal(p->tasks[1].area, PLANPARSE_AREA_CONGVU);
    assert_string_equal(p->tasks[1].lead[0].text, "Phòng Nội vụ");
    planparse_plan_free(p);
    free(big);
}

static void prose_appendix(void **state)
{
    (void)state;
    char *t = join(head, "I. NHIỆM VỤ\n"
                         "1. Cải cách thể chế\n"
                         "Rà soát văn bản quy phạm pháp luật.\n"
                         "(Chi tiết theo Phụ lục kèm theo)\n"
                         "PHỤ LỤC\n"
                         "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024\n"
                         "I. CẢI CÁCH THỂ CHẾ\n"
                         "1. Xây dựng kế hoạch rà soát văn bản. Cơ quan chủ trì: Phòng Tư "
                         "pháp; phối hợp: Văn phòng HĐND và UBND huyện; thời gian: Quý "
                         "I/2024.\n"
                         "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH\n"
                         "2. Số hóa hồ sơ thủ tục hành chính\n"
                         "- Cơ quan chủ trì: Văn phòng HĐND và UBND huyện.\n"
                         "- Sản phẩm: Hồ sơ được số hóa.\n"
                         "- Thời gian hoàn thành: Thường xuyên.\n");
    planparse_plan_t *p = parse(t);
    assert_int_equal(p->task_source, PLANPARSE_SRC_TABLE); /* the appendix is authoritative */
    assert_int_equal(p->ntasks, 2);
    const planparse_task_t *a = plan_check_task(p, "1");
    assert_string_equal(a->title, "Xây dựng kế hoạch rà soát văn bản.");
    assert_int_equal(a->area, PLANPARSE_AREA_THECHE);
    assert_string_equal(a->lead[0].text, "Phòng Tư pháp");
    assert_string_equal(a->support[0].text, "Văn phòng HĐND và UBND huyện");
    assert_string_equal(a->deadline_text, "Quý I/2024");
    const planparse_task_t *b = plan_check_task(p, "2");
    assert_int_equal(b->area, PLANPARSE_AREA_TTHC);
    assert_string_equal(b->product, "Hồ sơ được số hóa");
    assert_string_equal(b->deadline_text, "Thường xuyên");
    assert_true(plan_check_has_warning(p, "plan.appendix_prose"));
    planparse_plan_free(p);
    free(t);
}

/* ---- tables cut by page breaks --------------------------------------------------- */

static void repeated_headers(void **state)
{
    (void)state;
    char *t = join(head, "PHỤ LỤC\n"
                         "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n"
                         "| (1) | (2) | (3) | (4) |\n"
                         "| I. CẢI CÁCH THỂ CHẾ |\n"
                         "| 1 | Rà soát văn bản | Phòng Tư pháp | Quý I/2024 |\n"
                         "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n"
                         "| (1) | (2) | (3) | (4) |\n"
                         "| 2 | Kiểm tra văn bản | Phòng Tư pháp | Quý II/2024 |\n");
    planparse_plan_t *p = parse(t);
    assert_int_equal(p->ntasks, 2);
    assert_string_equal(p->tasks[1].title, "Kiểm tra văn bản");
    assert_string_equal(p->tasks[1].deadline_text, "Quý II/2024");
    planparse_plan_free(p);
    free(t);
    /* cells one per line (a PDF's text layer) with the header repeated */
    t = join(head, "PHỤ LỤC\nSTT\nNhiệm vụ\nCơ quan chủ trì\nThời gian hoàn thành\n"
                   "I. CẢI CÁCH THỂ CHẾ\n1.\nRà soát văn bản\nPhòng Tư pháp\nQuý I/2024\n"
                   "STT\nNhiệm vụ\nCơ quan chủ trì\nThời gian hoàn thành\n"
                   "2.\nKiểm tra văn bản\nPhòng Tư pháp\nQuý II/2024\n");
    p = parse(t);
    assert_int_equal(p->ntasks, 2);
    assert_string_equal(p->tasks[0].deadline_text, "Quý I/2024");
    assert_string_equal(p->tasks[1].lead[0].text, "Phòng Tư pháp");
    planparse_plan_free(p);
    free(t);
}

static void tab_table(void **state)
{
    (void)state;
    char *t = join(head, "PHỤ LỤC\n"
                         "STT\tNhiệm vụ\tCơ quan chủ trì\tThời gian\n"
                         "I. CẢI CÁCH THỂ CHẾ\n"
                         "1\tRà soát văn bản\tPhòng Tư pháp\tQuý I/2024\n"
                         "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH\n"
                         "2\tSố hóa hồ sơ\tVăn phòng HĐND và UBND huyện\tThường xuyên\n");
    planparse_plan_t *p = parse(t);
    assert_int_equal(p->ntasks, 2);
    assert_int_equal(p->tasks[0].area, PLANPARSE_AREA_THECHE);
    assert_int_equal(p->tasks[1].area, PLANPARSE_AREA_TTHC);
    assert_string_equal(p->tasks[1].deadline_text, "Thường xuyên");
    planparse_plan_free(p);
    free(t);
}

/* Each bulleted item of an area is a task, whatever glyph a PDF gives its
 * bullet (Symbol-font private-use characters, ●, ➢, or glued to the text). */
static void glyph_bullets(void **state)
{
    (void)state;
    char *t = join(head, "I. NHIỆM VỤ, GIẢI PHÁP\n"
                         "1. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số\n"
                         "\xEF\x82\xB7 Duy trì, cập nhật Kiến trúc Chính quyền điện tử\n"
                         "\xE2\x97\x8F Tăng tỷ lệ hồ sơ được xử lý trực tuyến\n"
                         "\xE2\x9E\xA2 Phát triển các nền tảng số dùng chung\n"
                         "\xEF\x82\xA7Triển khai chữ ký số chuyên dùng\n"
                         "- Bảo đảm an toàn thông tin mạng\n");
    planparse_plan_t *p = parse(t);
    assert_int_equal(p->ntasks, 5);
    for (size_t i = 0; i < p->ntasks; i++)
        assert_int_equal(p->tasks[i].area, PLANPARSE_AREA_SO);
    assert_string_equal(p->tasks[3].title, "Triển khai chữ ký số chuyên dùng");
    planparse_plan_free(p);
    free(t);
}

/* ---- caps and the cancel hook ------------------------------------------------------ */

static void paragraph_cap(void **state)
{
    (void)state;
    size_t n = PLANPARSE_MAX_PARA + 4096;
    char *t = malloc(strlen(head) + n + 64);
    size_t w = (size_t)snprintf(t, strlen(head) + 64, "%sI. NHIỆM VỤ\n1. Cải cách thể chế\n", head);
    while (w < n)
        w += (size_t)snprintf(t + w, 64, "rà soát văn bản quy phạm pháp luật ");
    t[w++] = '\n';
    t[w] = '\0';
    planparse_plan_t *p = parse(t);
    assert_true(plan_check_has_warning(p, "plan.para_cut"));
    assert_true(p->ntasks >= 1);
    planparse_plan_free(p);
    free(t);
}

static void document_cap(void **state)
{
    (void)state;
    doc_t *d = doc_new(DOC_FMT_TEXT);
    size_t chunk = (size_t)1 << 20;
    char *para = malloc(chunk + 1);
    memset(para, 'a', chunk);
    para[chunk] = '\0';
    for (size_t i = 0; i <= PLANPARSE_MAX_DOC / chunk; i++)
        assert_int_equal(doc_add_para(d, para, chunk, (doc_pos_t){(int)i + 1, 0}, NULL, NULL), 0);
    free(para);
    planparse_plan_t *p = NULL;
    err_t e;
    assert_int_equal(planparse_parse(d, NULL, &p, &e), ERR_TOOLARGE);
    assert_string_equal(e.code, "plan.too_large");
    assert_non_null(strstr(e.vi, "quá lớn"));
    assert_null(p);
    doc_free(d);
}

static int stop_after(void *arg)
{
    int *calls = arg;
    return ++*calls >= 3;
}

static void cancel_hook(void **state)
{
    (void)state;
    char *t = join(head, "I. NHIỆM VỤ\n1. Cải cách thể chế\n");
    for (int i = 0; i < 3000; i++) {
        char line[96];
        snprintf(line, sizeof line, "- Nhiệm vụ số %d được thực hiện.\n", i);
        char *n = join(t, line);
        free(t);
        t = n;
    }
    doc_t *d = NULL;
    err_t e;
    assert_int_equal(doc_from_text(t, strlen(t), &d, &e), 0);
    int calls = 0;
    planparse_options_t opt = {.cancel = stop_after, .cancel_arg = &calls};
    planparse_plan_t *p = NULL;
    assert_int_equal(planparse_parse(d, &opt, &p, &e), ERR_BUSY);
    assert_string_equal(e.code, "plan.cancelled");
    assert_int_equal(calls, 3);
    assert_null(p);
    /* a hook that never stops changes nothing */
    calls = -1000000;
    assert_int_equal(planparse_parse(d, &opt, &p, &e), 0);
    assert_int_equal(p->ntasks, 3000);
    planparse_plan_free(p);
    doc_free(d);
    free(t);
}

/* ---- allocation failures on the new paths ------------------------------------------ */

static void allocation_failures(void **state)
{
    (void)state;
    char *t = join(head, "PHỤ LỤC\nI. CẢI CÁCH THỂ CHẾ\n1. Rà soát văn bản. Cơ quan chủ trì: "
                         "Phòng Tư pháp; thời gian: Quý I/2024.\n2 \n"
                         "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024\n"
                         "2. Kiểm tra văn bản. Cơ quan chủ trì: Phòng Tư pháp; thời gian: "
                         "Quý II/2024.\n");
    for (long n = 1; n < 4000; n++) {
        doc_t *d = NULL;
        mem_fail_after(n);
        err_t e;
        int rc = doc_from_text(t, strlen(t), &d, &e);
        planparse_plan_t *p = NULL;
        if (!rc)
            rc = planparse_parse(d, NULL, &p, &e);
        mem_fail_after(-1);
        doc_free(d);
        planparse_plan_free(p);
        if (rc == 0)
            break;
        if (rc != ERR_NOMEM)
            fail_msg("allocation %ld: %s (%s)", n, e.code, e.en);
    }
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(targets_section_forms), cmocka_unit_test(furniture_and_page_breaks),
        cmocka_unit_test(one_paragraph),         cmocka_unit_test(prose_appendix),
        cmocka_unit_test(repeated_headers),      cmocka_unit_test(tab_table),
        cmocka_unit_test(glyph_bullets),         cmocka_unit_test(paragraph_cap),
        cmocka_unit_test(document_cap),          cmocka_unit_test(cancel_hook),
        cmocka_unit_test(allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
