/* par_doc.c - PAR self-assessment reports, score tables and rankings as
 * official documents (par_doc.h). */
#include "io/par_doc.h"

#include "app/app_par_campaign.h"
#include "app/app_par_results.h"
#include "app/app_par_sheet.h"
#include "base/buf.h"
#include "base/dtime.h"
#include "base/jsonx.h"
#include "base/numfmt.h"
#include "io/offdoc_docx.h"
#include "io/offdoc_pdf.h"
#include "io/offdoc_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define TRY(x)                                                                                     \
    do {                                                                                           \
        rc = (x);                                                                                  \
        if (rc)                                                                                    \
            goto done;                                                                             \
    } while (0)

static const char *str(const json_t *o, const char *k)
{
    return jsonx_str(o, k, "");
}

/* Decimals needed to show a point value exactly (at most 3). */
static int decimals(double v)
{
    double r = round(v * 1000.0);
    if (fmod(r, 1000.0) == 0)
        return 0;
    if (fmod(r, 100.0) == 0)
        return 1;
    return fmod(r, 10.0) == 0 ? 2 : 3;
}

/* A cell with a point value, empty for null. */
static int cell_points(offdoc_t *d, const json_t *v, err_t *e)
{
    if (!json_is_number(v))
        return offdoc_cell_empty(d, e);
    double x = json_number_value(v);
    return offdoc_cell_dec(d, x, decimals(x), e);
}

static int cell_index(offdoc_t *d, const json_t *v, err_t *e)
{
    return json_is_number(v) ? offdoc_cell_pct(d, json_number_value(v), 2, e)
                             : offdoc_cell_text(d, "—", e);
}

/* "Vĩnh Long" from "UBND tỉnh Vĩnh Long". */
static void place_of(const char *name, char *out, size_t cap)
{
    static const char *const prefixes[] = {"UBND tỉnh ", "Ủy ban nhân dân tỉnh ", "UBND thành phố ",
                                           "Ủy ban nhân dân thành phố "};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(name, prefixes[i], n) == 0) {
            snprintf(out, cap, "%s", name + n);
            return;
        }
    }
    snprintf(out, cap, "%s", name);
}

/* The campaign's province name and standing agency name. */
static void campaign_names(const json_t *c, char *province, size_t pcap, char *standing,
                           size_t scap)
{
    snprintf(province, pcap, "%s", str(json_object_get(c, "scope"), "name"));
    snprintf(standing, scap, "Sở Nội vụ");
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(c, "appraisers"), i, x)
    {
        if (strcmp(str(x, "role"), "so_noi_vu") == 0 &&
            json_is_string(json_object_get(x, "unit_name")))
            snprintf(standing, scap, "%s", str(x, "unit_name"));
    }
}

/* ---- the score table ----------------------------------------------------- */

static int table_header(offdoc_t *d, err_t *e)
{
    static const double w[7] = {0.8, 4.2, 1.0, 1.1, 1.1, 1.1, 2.7};
    static const char *const h[7] = {"STT",
                                     "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
                                     "Điểm tối đa",
                                     "Điểm tự đánh giá",
                                     "Điểm thẩm định",
                                     "Điểm đạt được",
                                     "Tài liệu kiểm chứng, ghi chú"};
    int rc;
    TRY(offdoc_add_table(d, 7, w, e));
    TRY(offdoc_set_sheet(d, "Bảng điểm", e));
    TRY(offdoc_add_row(d, OFFDOC_ROW_HEADER, e));
    for (int i = 0; i < 7; i++)
        TRY(offdoc_cell_text(d, h[i], e));
done:
    return rc;
}

/* The appraised value of a leaf: final, else round 2, else round 1. */
static const json_t *appraised(const json_t *n)
{
    static const char *const k[] = {"final", "round2", "round1"};
    for (int i = 0; i < 3; i++)
        if (json_is_number(json_object_get(n, k[i])))
            return json_object_get(n, k[i]);
    return NULL;
}

/* The evidence / note cell of a leaf. */
static int note_cell(offdoc_t *d, const json_t *n, err_t *e)
{
    buf_t b;
    buf_init(&b, 16384);
    size_t i;
    json_t *x;
    int rc = 0;
    if (!jsonx_bool(n, "applies", true))
        rc |= buf_puts(&b, "Không áp dụng");
    json_t *m = json_object_get(n, "measured");
    if (json_is_object(m)) {
        char pct[48] = "";
        numfmt_pct(json_number_value(json_object_get(m, "value")), 2, 0, pct, sizeof pct);
        rc |= buf_printf(&b, "%sSố liệu cchc: %s (%s)", b.len ? "; " : "", pct, str(m, "period"));
    }
    json_array_foreach(json_object_get(n, "evidence"), i, x) rc |=
        buf_printf(&b, "%s%s", b.len ? "; " : "", str(x, "filename"));
    if (str(n, "self_note")[0])
        rc |= buf_printf(&b, "%s%s", b.len ? "; " : "", str(n, "self_note"));
    rc = rc ? err_nomem(e) : offdoc_cell_text(d, buf_cstr(&b), e);
    buf_release(&b);
    return rc;
}

static int node_row(offdoc_t *d, const json_t *n, err_t *e)
{
    bool leaf = jsonx_bool(n, "leaf", false);
    int depth = (int)jsonx_int(n, "depth", 1);
    int rc;
    TRY(offdoc_add_row(d, depth == 1 ? OFFDOC_ROW_BOLD : 0, e));
    TRY(offdoc_cell_text(d, str(n, "code"), e));
    TRY(offdoc_cell_text(d, str(n, "name"), e));
    TRY(cell_points(d, json_object_get(n, "max"), e));
    if (!leaf) {
        TRY(offdoc_cell_empty(d, e));
        TRY(offdoc_cell_empty(d, e));
        TRY(cell_points(d, json_object_get(n, "points"), e));
        TRY(offdoc_cell_empty(d, e));
        goto done;
    }
    const json_t *self = json_object_get(n, "self");
    TRY(cell_points(d, json_is_number(self) ? self : json_object_get(n, "suggested"), e));
    TRY(cell_points(d, appraised(n), e));
    TRY(cell_points(d, json_object_get(n, "points"), e));
    TRY(note_cell(d, n, e));
done:
    return rc;
}

static int total_rows(offdoc_t *d, const json_t *sheet, err_t *e)
{
    const json_t *r = json_object_get(sheet, "result");
    static const char *const labels[] = {"Điểm thưởng", "Điểm trừ", "Tổng điểm", "Chỉ số CCHC (%)"};
    static const char *const keys[] = {"bonus", "penalty", "total", "index"};
    int rc = 0;
    for (int i = 0; i < 4; i++) {
        TRY(offdoc_add_row(d, OFFDOC_ROW_BOLD, e));
        TRY(offdoc_cell_empty(d, e));
        TRY(offdoc_cell_text(d, labels[i], e));
        TRY(i == 2 ? cell_points(d, json_object_get(r, "max"), e) : offdoc_cell_empty(d, e));
        TRY(offdoc_cell_empty(d, e));
        TRY(offdoc_cell_empty(d, e));
        TRY(i == 3 ? cell_index(d, json_object_get(r, keys[i]), e)
                   : cell_points(d, json_object_get(r, keys[i]), e));
        TRY(offdoc_cell_text(d, i < 2 ? str(json_object_get(sheet, keys[i]), "reason") : "", e));
    }
done:
    return rc;
}

static int score_table(offdoc_t *d, const json_t *sheet, err_t *e)
{
    int rc = table_header(d, e);
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(sheet, "nodes"), i, n)
    {
        if (rc)
            break;
        if (strcmp(str(n, "kind"), "criterion") == 0)
            rc = node_row(d, n, e);
    }
    return rc ? rc : total_rows(d, sheet, e);
}

/* ---- the report ---------------------------------------------------------- */

static int header(offdoc_t *d, const json_t *camp, const json_t *sheet, err_t *e)
{
    char province[256], standing[256], place[256], summary[256];
    campaign_names(camp, province, sizeof province, standing, sizeof standing);
    place_of(province, place, sizeof place);
    snprintf(summary, sizeof summary, "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm %d",
             (int)jsonx_int(camp, "year", 0));
    const json_t *u = json_object_get(sheet, "unit");
    bool commune = strcmp(str(u, "kind"), "xa") == 0;
    int rc;
    TRY(offdoc_set_bodies(d, commune ? NULL : province, str(u, "name"), e));
    TRY(offdoc_set_number(d, 0, "BC", e));
    TRY(offdoc_set_place_date(d, place[0] ? place : NULL, dtime_date(dtime_now()), 0, e));
    TRY(offdoc_set_summary(d, summary, e));
    TRY(offdoc_add_recipient(d, standing, e));
    TRY(offdoc_add_cc(d, standing, e));
    TRY(offdoc_set_signer(d, commune ? "TM. ỦY BAN NHÂN DÂN" : NULL,
                          commune ? "CHỦ TỊCH" : "GIÁM ĐỐC", NULL, e));
done:
    return rc;
}

static int part_one(offdoc_t *d, const json_t *camp, const json_t *sheet, err_t *e)
{
    const json_t *r = json_object_get(sheet, "result");
    double total = json_number_value(json_object_get(r, "total"));
    double max = json_number_value(json_object_get(r, "max"));
    char t[48] = "0", m[48] = "0", idx[48] = "—", line[768];
    numfmt_dec(total, decimals(total), 0, t, sizeof t);
    numfmt_dec(max, decimals(max), 0, m, sizeof m);
    if (json_is_number(json_object_get(r, "index")))
        numfmt_pct(json_number_value(json_object_get(r, "index")), 2, 0, idx, sizeof idx);
    snprintf(line, sizeof line,
             "Thực hiện Kế hoạch xác định Chỉ số cải cách hành chính năm %d, %s tự đánh giá, chấm "
             "điểm với kết quả: tổng điểm đạt %s/%s điểm; Chỉ số cải cách hành chính đạt %s%s%s. "
             "Kết quả chi tiết như sau:",
             (int)jsonx_int(camp, "year", 0), str(json_object_get(sheet, "unit"), "name"), t, m,
             idx, json_is_string(json_object_get(r, "grade")) ? ", xếp loại " : "",
             str(r, "grade"));
    int rc;
    TRY(offdoc_add_para(d, line, OFFDOC_PLAIN, e));
    TRY(offdoc_add_heading(d, 1, NULL, "Kết quả tự đánh giá, chấm điểm", e));
    TRY(score_table(d, sheet, e));
done:
    return rc;
}

/* Leaves without evidence file and without a cchc figure. */
static int part_two(offdoc_t *d, const json_t *sheet, err_t *e)
{
    int rc =
        offdoc_add_heading(d, 1, NULL, "Giải trình các nội dung chưa có đủ tài liệu kiểm chứng", e);
    size_t i, shown = 0;
    json_t *n;
    json_array_foreach(json_object_get(sheet, "nodes"), i, n)
    {
        if (rc)
            break;
        if (!jsonx_bool(n, "leaf", false) || !jsonx_bool(n, "applies", true) ||
            strcmp(str(n, "source"), "survey") == 0 ||
            json_array_size(json_object_get(n, "evidence")) ||
            json_is_object(json_object_get(n, "measured")))
            continue;
        const json_t *x = json_object_get(n, "explain");
        const char *why = str(x, "answer")[0] ? str(x, "answer") : str(n, "self_note");
        char head[600];
        snprintf(head, sizeof head, "Tiêu chí %s (%s): ", str(n, "code"), str(n, "name"));
        rc = offdoc_add_dash(d, head, OFFDOC_BOLD, e);
        if (!rc)
            rc = offdoc_add_run(d, why[0] ? why : "chưa có tài liệu kiểm chứng, chưa giải trình.",
                                why[0] ? OFFDOC_PLAIN : OFFDOC_ITALIC, e);
        shown++;
    }
    if (!rc && !shown)
        rc = offdoc_add_para(d, "Các tiêu chí đều có tài liệu kiểm chứng kèm theo.", OFFDOC_PLAIN,
                             e);
    return rc;
}

static int part_three(offdoc_t *d, const json_t *sheet, err_t *e)
{
    int rc = offdoc_add_heading(d, 1, NULL, "Khó khăn, vướng mắc và đề xuất, kiến nghị", e);
    const char *t = str(sheet, "difficulties");
    if (!t[0])
        return rc ? rc : offdoc_add_para(d, "Không có.", OFFDOC_PLAIN, e);
    char line[4096];
    while (!rc && *t) {
        const char *nl = strchr(t, '\n');
        size_t n = nl ? (size_t)(nl - t) : strlen(t);
        if (n >= sizeof line)
            n = sizeof line - 1;
        memcpy(line, t, n);
        line[n] = '\0';
        if (n)
            rc = offdoc_add_para(d, line, OFFDOC_PLAIN, e);
        t = nl ? nl + 1 : t + strlen(t);
    }
    return rc;
}

int par_doc_report(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                   offdoc_t **out, err_t *e)
{
    *out = NULL;
    json_t *camp = NULL, *sheet = NULL;
    offdoc_t *d = NULL;
    int rc;
    TRY(app_par_campaign_get(a, actor, campaign, &camp, e));
    TRY(app_par_sheet_get(a, actor, campaign, unit, &sheet, e));
    d = offdoc_new(OFFDOC_REPORT);
    TRY(d ? 0 : err_nomem(e));
    TRY(header(d, camp, sheet, e));
    TRY(part_one(d, camp, sheet, e));
    TRY(part_two(d, sheet, e));
    TRY(part_three(d, sheet, e));
    *out = d;
    d = NULL;
done:
    offdoc_free(d);
    json_decref(camp);
    json_decref(sheet);
    return rc;
}

/* ---- the ranking --------------------------------------------------------- */

static int ranking_table(offdoc_t *d, const json_t *res, err_t *e)
{
    const json_t *units = json_object_get(res, "units");
    const json_t *areas = json_object_get(json_array_get(units, 0), "areas");
    size_t na = json_array_size(areas), ncols = 7 + na;
    double w[OFFDOC_COLS_MAX];
    for (size_t i = 0; i < ncols && i < OFFDOC_COLS_MAX; i++)
        w[i] = i == 2 ? 4.0 : 1.0;
    int rc;
    TRY(ncols <= OFFDOC_COLS_MAX
            ? 0
            : err_set(e, ERR_INVALID, "par.doc", "Quá nhiều lĩnh vực", "Too many areas"));
    TRY(offdoc_add_table(d, ncols, w, e));
    TRY(offdoc_set_sheet(d, "Xếp hạng", e));
    TRY(offdoc_add_row(d, OFFDOC_ROW_HEADER, e));
    static const char *const h[7] = {"Hạng",        "Mã đơn vị",  "Đơn vị",  "Tổng điểm",
                                     "Điểm tối đa", "Chỉ số (%)", "Xếp loại"};
    for (int i = 0; i < 7; i++)
        TRY(offdoc_cell_text(d, h[i], e));
    for (size_t k = 0; k < na; k++) {
        char label[64];
        snprintf(label, sizeof label, "Lĩnh vực %s (%%)", str(json_array_get(areas, k), "code"));
        TRY(offdoc_cell_text(d, label, e));
    }
    size_t i;
    json_t *u;
    json_array_foreach(units, i, u)
    {
        long long rank = jsonx_int(u, "rank", 0);
        TRY(offdoc_add_row(d, 0, e));
        TRY(rank ? offdoc_cell_int(d, rank, e) : offdoc_cell_text(d, "—", e));
        TRY(offdoc_cell_text(d, str(u, "unit"), e));
        TRY(offdoc_cell_text(d, str(u, "name"), e));
        TRY(cell_points(d, json_object_get(u, "total"), e));
        TRY(cell_points(d, json_object_get(u, "max"), e));
        TRY(cell_index(d, json_object_get(u, "index"), e));
        TRY(offdoc_cell_text(d, str(u, "band"), e));
        for (size_t k = 0; k < na; k++)
            TRY(cell_index(
                d, json_object_get(json_array_get(json_object_get(u, "areas"), k), "index"), e));
    }
done:
    return rc;
}

int par_doc_ranking(app_t *a, const user_t *actor, int64_t campaign, offdoc_t **out, err_t *e)
{
    *out = NULL;
    json_t *camp = NULL, *res = NULL;
    offdoc_t *d = NULL;
    char province[256], standing[256], summary[256];
    int rc;
    TRY(app_par_campaign_get(a, actor, campaign, &camp, e));
    TRY(app_par_results_get(a, actor, campaign, &res, e));
    campaign_names(camp, province, sizeof province, standing, sizeof standing);
    snprintf(summary, sizeof summary, "Kết quả xác định Chỉ số cải cách hành chính năm %d",
             (int)jsonx_int(camp, "year", 0));
    d = offdoc_new(OFFDOC_REPORT);
    TRY(d ? 0 : err_nomem(e));
    TRY(offdoc_set_bodies(d, province[0] ? province : NULL, standing, e));
    TRY(offdoc_set_summary(d, summary, e));
    TRY(ranking_table(d, res, e));
    *out = d;
    d = NULL;
done:
    offdoc_free(d);
    json_decref(camp);
    json_decref(res);
    return rc;
}

/* ---- files --------------------------------------------------------------- */

int par_doc_write_file(app_t *a, const user_t *actor, int64_t campaign, const char *unit,
                       par_doc_kind_t kind, const char *path, err_t *e)
{
    offdoc_t *d = NULL;
    int rc = kind == PAR_DOC_RANKING_XLSX ? par_doc_ranking(a, actor, campaign, &d, e)
                                          : par_doc_report(a, actor, campaign, unit, &d, e);
    if (rc)
        return rc;
    size_t first = 0;
    switch (kind) {
    case PAR_DOC_REPORT_DOCX:
        rc = offdoc_docx_write(d, path, e);
        break;
    case PAR_DOC_REPORT_PDF:
        rc = offdoc_pdf_write(d, path, e);
        break;
    default:
        rc = offdoc_xlsx_write_tables(d, &first, 1, path, e);
        break;
    }
    offdoc_free(d);
    return rc;
}

const char *par_doc_mime(par_doc_kind_t kind)
{
    switch (kind) {
    case PAR_DOC_REPORT_DOCX:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case PAR_DOC_REPORT_PDF:
        return "application/pdf";
    default:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
}

const char *par_doc_ext(par_doc_kind_t kind)
{
    return kind == PAR_DOC_REPORT_DOCX ? ".docx" : kind == PAR_DOC_REPORT_PDF ? ".pdf" : ".xlsx";
}
