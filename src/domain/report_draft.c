/* report_draft.c - draft sentences from a report's figures (report_draft.h). */
#include "domain/report_draft.h"

#include "base/numfmt.h"

#include <string.h>

#include "base/banned.h"

/* "1.884" */
static const char *n(int64_t v, char out[NUMFMT_MAX])
{
    if (numfmt_int(v, out, NUMFMT_MAX))
        out[0] = '\0';
    return out;
}

/* "94,11%" of num/den (den > 0). */
static const char *pct(int64_t num, int64_t den, char out[NUMFMT_MAX])
{
    if (den <= 0 || numfmt_ratio_pct(num, den, 2, 0, out, NUMFMT_MAX))
        out[0] = '\0';
    return out;
}

int report_draft_onestop(buf_t *b, const report_onestop_t *os)
{
    char a[NUMFMT_MAX], c[NUMFMT_MAX], d[NUMFMT_MAX], f[NUMFMT_MAX], g[NUMFMT_MAX];
    const int64_t *x = os->c;
    int rc = 0;
    if (!x[REPORT_OS_RECEIVED])
        rc = buf_puts(b, "Trong kỳ, đơn vị không tiếp nhận hồ sơ thủ tục hành chính mới");
    else
        rc = buf_printf(b, "Trong kỳ, đơn vị tiếp nhận %s hồ sơ (trực tuyến %s hồ sơ, chiếm %s)",
                        n(x[REPORT_OS_RECEIVED], a), n(x[REPORT_OS_RECEIVED_ONLINE], c),
                        pct(x[REPORT_OS_RECEIVED_ONLINE], x[REPORT_OS_RECEIVED], d));
    if (!rc && x[REPORT_OS_CARRIED_OVER])
        rc = buf_printf(b, "; từ kỳ trước chuyển qua %s hồ sơ", n(x[REPORT_OS_CARRIED_OVER], a));
    int64_t res = x[REPORT_OS_RESOLVED];
    if (!rc && res)
        rc = buf_printf(b,
                        "; đã giải quyết %s hồ sơ, trong đó trước và đúng hạn đạt %s (trước hạn "
                        "%s, đúng hạn %s, quá hạn %s)",
                        n(res, a), pct(x[REPORT_OS_EARLY] + x[REPORT_OS_ON_TIME], res, d),
                        n(x[REPORT_OS_EARLY], c), n(x[REPORT_OS_ON_TIME], f),
                        n(x[REPORT_OS_LATE], g));
    else if (!rc)
        rc = buf_puts(b, "; chưa có hồ sơ giải quyết xong trong kỳ");
    if (!rc && x[REPORT_OS_IN_PROGRESS])
        rc = buf_printf(b, "; đang giải quyết %s hồ sơ, trong đó quá hạn %s hồ sơ",
                        n(x[REPORT_OS_IN_PROGRESS], c), n(x[REPORT_OS_IN_PROGRESS_OVERDUE], d));
    return rc ? rc : buf_putc(b, '.');
}

int report_draft_tasks(buf_t *b, const char *area_label, const report_task_counts_t *t)
{
    char a[NUMFMT_MAX], c[NUMFMT_MAX], d[NUMFMT_MAX], f[NUMFMT_MAX];
    if (!t->total)
        return area_label ? buf_printf(b, "Trong kỳ, đơn vị không có nhiệm vụ được giao về %s.",
                                       area_label)
                          : buf_puts(b, "Trong kỳ, đơn vị không có nhiệm vụ được giao.");
    int rc = area_label
                 ? buf_printf(b, "Trong kỳ, đơn vị triển khai %s nhiệm vụ về %s: ", n(t->total, a),
                              area_label)
                 : buf_printf(b, "Kế hoạch có %s nhiệm vụ được giao cho đơn vị: ", n(t->total, a));
    if (!rc)
        rc = buf_printf(b, "đã hoàn thành %s (%s), đang thực hiện %s, chưa thực hiện %s",
                        n(t->done, a), pct(t->done, t->total, c), n(t->in_progress, d),
                        n(t->not_started, f));
    if (!rc && t->overdue)
        rc = buf_printf(b, "; có %s nhiệm vụ quá hạn chưa hoàn thành", n(t->overdue, a));
    if (!rc && t->failed)
        rc = buf_printf(b, "; %s nhiệm vụ không thực hiện được", n(t->failed, c));
    return rc ? rc : buf_putc(b, '.');
}

int report_draft_targets(buf_t *b, const report_target_counts_t *t)
{
    char a[NUMFMT_MAX], c[NUMFMT_MAX], d[NUMFMT_MAX], f[NUMFMT_MAX];
    if (!t->total)
        return buf_puts(b, "Kế hoạch không đặt chỉ tiêu cho đơn vị.");
    int rc = buf_printf(b, "Có %s/%s chỉ tiêu đạt", n(t->met, a), n(t->total, c));
    if (!rc && t->at_risk)
        rc = buf_printf(b, ", %s chỉ tiêu có nguy cơ không đạt", n(t->at_risk, d));
    if (!rc && t->not_met)
        rc = buf_printf(b, ", %s chỉ tiêu chưa đạt", n(t->not_met, f));
    if (!rc && t->no_data)
        rc = buf_printf(b, ", %s chỉ tiêu chưa có số liệu", n(t->no_data, a));
    return rc ? rc : buf_putc(b, '.');
}

int report_draft_index766(buf_t *b, bool has, int64_t score_centi, int rank, int of)
{
    char s[NUMFMT_MAX], r[NUMFMT_MAX], o[NUMFMT_MAX];
    if (!has)
        return buf_puts(b, "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg): "
                           "chưa có dữ liệu trong kỳ.");
    if (numfmt_scaled(score_centi, 2, 2, 0, s, sizeof s))
        s[0] = '\0';
    int rc = buf_printf(b,
                        "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) đạt %s/100 "
                        "điểm",
                        s);
    if (!rc && rank > 0 && of > 0)
        rc = buf_printf(b, ", xếp thứ %s/%s", n(rank, r), n(of, o));
    return rc ? rc : buf_putc(b, '.');
}

int report_draft_feedback(buf_t *b, int64_t due, int64_t on_time)
{
    char a[NUMFMT_MAX], c[NUMFMT_MAX], d[NUMFMT_MAX];
    if (!due)
        return buf_puts(b, "Trong kỳ, không có phản ánh, kiến nghị đến hạn xử lý.");
    return buf_printf(
        b, "Trong kỳ, có %s phản ánh, kiến nghị đến hạn xử lý; đã xử lý đúng hạn %s (%s).",
        n(due, a), n(on_time, c), pct(on_time, due, d));
}

/* The on-time rate in hundredths of a percent, rounded half up as the
 * sentences print it (94,995 % reads 95,00%); -1 when nothing was resolved. */
static int64_t on_time_centi(const report_onestop_t *os)
{
    int64_t centi;
    return kpi_value_centi(os->c[REPORT_OS_EARLY] + os->c[REPORT_OS_ON_TIME],
                           os->c[REPORT_OS_RESOLVED], &centi)
               ? centi
               : -1;
}

int report_draft_strengths(buf_t *b, const report_task_counts_t *t, const report_target_counts_t *g,
                           const report_onestop_t *os)
{
    char a[NUMFMT_MAX], c[NUMFMT_MAX];
    int rc = buf_puts(b, "Đơn vị đã triển khai kế hoạch cải cách hành chính");
    if (!rc && t->total)
        rc = buf_printf(b, ", hoàn thành %s/%s nhiệm vụ", n(t->done, a), n(t->total, c));
    if (!rc && g->total && g->met)
        rc = buf_printf(b, "; %s chỉ tiêu đạt kế hoạch", n(g->met, a));
    int64_t ot = on_time_centi(os);
    if (!rc && ot >= 9500)
        rc = buf_printf(
            b, "; tỷ lệ hồ sơ giải quyết trước và đúng hạn đạt %s",
            pct(os->c[REPORT_OS_EARLY] + os->c[REPORT_OS_ON_TIME], os->c[REPORT_OS_RESOLVED], c));
    return rc ? rc : buf_putc(b, '.');
}

int report_draft_shortcomings(buf_t *b, const report_task_counts_t *t,
                              const report_target_counts_t *g, const report_onestop_t *os)
{
    char a[NUMFMT_MAX], c[NUMFMT_MAX];
    size_t start = b->len;
    int rc = 0;
    if (t->overdue)
        rc = buf_printf(b, "Còn %s nhiệm vụ quá hạn chưa hoàn thành. ", n(t->overdue, a));
    if (!rc && (g->not_met || g->at_risk))
        rc = buf_printf(b, "Còn %s chỉ tiêu chưa đạt hoặc có nguy cơ không đạt. ",
                        n(g->not_met + g->at_risk, a));
    if (!rc && os->c[REPORT_OS_LATE])
        rc = buf_printf(b, "Còn %s hồ sơ thủ tục hành chính giải quyết quá hạn. ",
                        n(os->c[REPORT_OS_LATE], c));
    if (!rc && os->c[REPORT_OS_IN_PROGRESS_OVERDUE])
        rc = buf_printf(b, "Có %s hồ sơ đang giải quyết đã quá hạn. ",
                        n(os->c[REPORT_OS_IN_PROGRESS_OVERDUE], a));
    if (!rc && b->len == start)
        rc =
            buf_puts(b, "Số liệu trong kỳ không cho thấy tồn tại nổi bật; đơn vị bổ sung nếu có. ");
    if (!rc && b->len > start && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
    return rc;
}

int report_draft_next(buf_t *b, int64_t count, const char *const *titles, size_t ntitles)
{
    char a[NUMFMT_MAX];
    if (!count)
        return buf_puts(b, "Tiếp tục triển khai các nhiệm vụ thường xuyên theo kế hoạch.");
    int rc =
        buf_printf(b, "Trong kỳ tới, đơn vị tập trung thực hiện %s nhiệm vụ đến hạn", n(count, a));
    for (size_t i = 0; !rc && i < ntitles && i < 3; i++)
        rc = buf_printf(b, "%s\"%s\"", i ? "; " : ", trong đó: ", titles[i]);
    /* "…" after the quoted titles when more tasks are due; none quoted,
     * nothing to elide */
    if (!rc && ntitles && count > (int64_t)(ntitles < 3 ? ntitles : 3))
        rc = buf_puts(b, "…");
    return rc ? rc : buf_putc(b, '.');
}
