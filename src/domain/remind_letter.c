/* remind_letter.c - the follow-up letter as an official document
 * (remind_letter.h). */
#include "domain/remind_letter.h"

#include "domain/period.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define LINE_MAX 1600

int remind_letter_round(const remind_letter_t *l)
{
    int r = 0;
    for (size_t i = 0; i < l->nitems; i++)
        if (!r || l->items[i].round < r)
            r = l->items[i].round;
    return r > 0 ? r : 1;
}

static int head(offdoc_t *d, const remind_letter_t *l, err_t *e)
{
    char summary[256];
    int round = remind_letter_round(l);
    if (round > 1)
        snprintf(summary, sizeof summary,
                 "V/v đôn đốc thực hiện nhiệm vụ cải cách hành chính năm %d (lần %d)", l->year,
                 round);
    else
        snprintf(summary, sizeof summary,
                 "V/v đôn đốc thực hiện nhiệm vụ cải cách hành chính năm %d", l->year);
    int rc = offdoc_set_bodies(d, l->superior, l->issuer, e);
    rc = rc ? rc : offdoc_set_number(d, l->number, l->symbol, e);
    rc = rc ? rc : offdoc_set_place_date(d, l->place, l->date, l->year, e);
    rc = rc ? rc : offdoc_set_summary(d, summary, e);
    if (l->nunits > REMIND_LETTER_TO_MAX)
        return rc ? rc
                  : offdoc_add_recipient(d, "Các cơ quan, đơn vị có tên tại Phụ lục kèm theo", e);
    for (size_t i = 0; !rc && i < l->nunits; i++)
        rc = offdoc_add_recipient(d, l->units[i], e);
    return rc;
}

static int situation(offdoc_t *d, const remind_letter_t *l, err_t *e)
{
    char line[LINE_MAX], day[DATE_ISO_LEN];
    date_format_vn(l->date, day);
    const char *where = l->nunits > REMIND_LETTER_TO_MAX ? "Phụ lục kèm theo" : "bảng dưới đây";
    if (l->nunits == 1)
        snprintf(line, sizeof line,
                 "Thực hiện Kế hoạch cải cách hành chính năm %d, qua theo dõi trên Hệ thống theo "
                 "dõi cải cách hành chính, đến ngày %s, %s còn %zu nhiệm vụ đã quá thời hạn "
                 "nhưng chưa hoàn thành (chi tiết tại %s).",
                 l->year, day, l->units[0], l->nitems, where);
    else
        snprintf(line, sizeof line,
                 "Thực hiện Kế hoạch cải cách hành chính năm %d, qua theo dõi trên Hệ thống theo "
                 "dõi cải cách hành chính, đến ngày %s, còn %zu cơ quan, đơn vị chưa hoàn thành "
                 "%zu nhiệm vụ đã quá thời hạn (chi tiết tại %s).",
                 l->year, day, l->nunits, l->nitems, where);
    int rc = offdoc_add_para(d, line, OFFDOC_PLAIN, e);
    int round = remind_letter_round(l);
    if (!rc && round > 1) {
        snprintf(line, sizeof line, "Các nhiệm vụ này %s đã đôn đốc lần %d; nay đôn đốc lần %d.",
                 l->issuer_short, round - 1, round);
        rc = offdoc_add_para(d, line, OFFDOC_PLAIN, e);
    }
    return rc;
}

/* "quý I/2024", "tháng 3/2024", "6 tháng đầu năm 2024"… for a period code. */
static void period_label(const char *code, char *out, size_t cap)
{
    static const char *const roman[] = {"I", "II", "III", "IV"};
    period_id_t p;
    size_t n = strlen(code);
    if (n == 6 && code[4] == 'S' && code[5] == '2') {
        snprintf(out, cap, "6 tháng cuối năm %.4s", code);
        return;
    }
    if (period_parse_code(code, n, &p, NULL)) {
        snprintf(out, cap, "kỳ %s", code);
        return;
    }
    switch (p.regime) {
    case PERIOD_MONTHLY:
        snprintf(out, cap, "tháng %d/%d", p.index, p.year);
        break;
    case PERIOD_QUARTERLY:
        snprintf(out, cap, "quý %s/%d", roman[(p.index - 1) & 3], p.year);
        break;
    case PERIOD_SEMIANNUAL:
        snprintf(out, cap, "6 tháng đầu năm %d", p.year);
        break;
    case PERIOD_NINEMONTH:
        snprintf(out, cap, "9 tháng năm %d", p.year);
        break;
    default:
        snprintf(out, cap, "năm %d", p.year);
    }
}

static int head_cells(offdoc_t *d, err_t *e)
{
    static const char *const h[] = {
        "STT", "Nhiệm vụ", "Cơ quan, đơn vị", "Thời hạn", "Số ngày làm việc quá hạn", "Đôn đốc"};
    int rc = offdoc_add_row(d, OFFDOC_ROW_HEADER, e);
    for (size_t k = 0; !rc && k < sizeof h / sizeof h[0]; k++)
        rc = offdoc_cell_text(d, h[k], e);
    return rc;
}

static int table(offdoc_t *d, const remind_letter_t *l, err_t *e)
{
    static const double w[] = {0.8, 3.8, 2.0, 1.55, 1.3, 1.2};
    int rc = offdoc_add_table(d, 6, w, e);
    rc = rc ? rc : offdoc_set_sheet(d, "Nhiệm vụ quá hạn", e);
    rc = rc ? rc : head_cells(d, e);
    for (size_t i = 0; !rc && i < l->nitems; i++) {
        const remind_letter_item_t *it = &l->items[i];
        char stt[24], due[DATE_ISO_LEN], task[LINE_MAX], round[32];
        snprintf(stt, sizeof stt, "%zu", i + 1);
        date_format_vn(it->due, due);
        char per[64] = "";
        if (it->period && *it->period)
            period_label(it->period, per, sizeof per);
        if (*per)
            snprintf(task, sizeof task, "%s (%s)%s%s", it->task, per,
                     it->ref && *it->ref ? "\n" : "", it->ref ? it->ref : "");
        else
            snprintf(task, sizeof task, "%s%s%s", it->task, it->ref && *it->ref ? "\n" : "",
                     it->ref ? it->ref : "");
        snprintf(round, sizeof round, "Lần %d", it->round);
        rc = offdoc_add_row(d, 0, e);
        rc = rc ? rc : offdoc_cell_text(d, stt, e);
        rc = rc ? rc : offdoc_cell_text(d, task, e);
        rc = rc ? rc : offdoc_cell_text(d, it->unit, e);
        rc = rc ? rc : offdoc_cell_text(d, due, e);
        rc = rc ? rc : offdoc_cell_int(d, it->days_late, e);
        rc = rc ? rc : offdoc_cell_text(d, round, e);
    }
    return rc;
}

static int asks(offdoc_t *d, const remind_letter_t *l, err_t *e)
{
    char line[LINE_MAX], by[DATE_ISO_LEN];
    date_format_vn(l->reply_by, by);
    snprintf(line, sizeof line,
             "Để bảo đảm hoàn thành các nhiệm vụ cải cách hành chính năm %d theo kế hoạch, %s đề "
             "nghị Thủ trưởng các cơ quan, đơn vị:",
             l->year, l->issuer_short);
    int rc = offdoc_add_para(d, line, OFFDOC_PLAIN, e);
    rc = rc ? rc
            : offdoc_add_dash(d,
                              "Khẩn trương chỉ đạo triển khai, hoàn thành các nhiệm vụ nêu trên; "
                              "cập nhật kết quả và tài liệu kiểm chứng trên Hệ thống theo dõi cải "
                              "cách hành chính;",
                              OFFDOC_PLAIN, e);
    rc = rc ? rc
            : offdoc_add_dash(d,
                              "Trường hợp không thể hoàn thành, báo cáo rõ lý do, khó khăn, vướng "
                              "mắc và đề xuất giải pháp, thời hạn hoàn thành;",
                              OFFDOC_PLAIN, e);
    snprintf(line, sizeof line, "Gửi báo cáo kết quả thực hiện về %s ", l->issuer_short);
    rc = rc ? rc : offdoc_add_dash(d, line, OFFDOC_PLAIN, e);
    snprintf(line, sizeof line, "trước ngày %s", by);
    rc = rc ? rc : offdoc_add_run(d, line, OFFDOC_BOLD, e);
    rc = rc ? rc : offdoc_add_run(d, " để tổng hợp, báo cáo cấp có thẩm quyền.", OFFDOC_PLAIN, e);
    snprintf(line, sizeof line,
             "Quá thời hạn trên, %s sẽ tổng hợp, báo cáo cấp có thẩm quyền xem xét khi đánh giá "
             "kết quả thực hiện nhiệm vụ và Chỉ số cải cách hành chính năm %d của các cơ quan, "
             "đơn vị. Đề nghị các cơ quan, đơn vị quan tâm thực hiện./.",
             l->issuer_short, l->year);
    rc = rc ? rc : offdoc_add_para(d, line, OFFDOC_PLAIN, e);
    return rc;
}

static int closing(offdoc_t *d, const remind_letter_t *l, err_t *e)
{
    char line[LINE_MAX];
    snprintf(line, sizeof line, "Lãnh đạo %s", l->issuer_short);
    int rc = offdoc_add_cc(d, "Như trên", e);
    rc = rc ? rc : offdoc_add_cc(d, line, e);
    rc = rc ? rc : offdoc_set_archive(d, l->archive ? l->archive : "VT", e);
    return rc ? rc : offdoc_set_signer(d, l->authority, l->title, l->signer, e);
}

int remind_letter_build(const remind_letter_t *l, offdoc_t **out, err_t *e)
{
    *out = NULL;
    if (!l->nitems || !l->nunits)
        return err_set(e, ERR_INVALID, "remind_letter.empty",
                       "Không có nhiệm vụ quá hạn nào cần đôn đốc", "No overdue task to follow up");
    offdoc_t *d = offdoc_new(OFFDOC_LETTER);
    if (!d)
        return err_nomem(e);
    bool appendix = l->nunits > REMIND_LETTER_TO_MAX;
    int rc = head(d, l, e);
    rc = rc ? rc : situation(d, l, e);
    if (!rc && !appendix)
        rc = table(d, l, e);
    rc = rc ? rc : asks(d, l, e);
    rc = rc ? rc : closing(d, l, e);
    if (!rc && appendix) {
        char sub[256];
        if (l->number > 0)
            snprintf(sub, sizeof sub, "(Kèm theo Công văn số %02d/%s của %s)", l->number, l->symbol,
                     l->issuer_short);
        else
            snprintf(sub, sizeof sub, "(Kèm theo Công văn của %s)", l->issuer_short);
        rc = offdoc_add_appendix(
            d, "PHỤ LỤC", "Danh sách nhiệm vụ cải cách hành chính quá hạn chưa hoàn thành", sub, e);
        rc = rc ? rc : table(d, l, e);
    }
    if (rc) {
        offdoc_free(d);
        return rc;
    }
    *out = d;
    return 0;
}
