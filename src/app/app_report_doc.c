/* app_report_doc.c - the official document of a report (ND 30/2020 layout,
 * src/domain/offdoc.h): header of the sending unit, "BÁO CÁO" and its
 * summary, Kính gửi the receiver, the outline's sections with the officer's
 * text (the draft where none was written), the appendix tables, Nơi nhận
 * and the signature block left for the signer. */
#include "app/app_report_int.h"

#include "base/jsonx.h"
#include "base/mem.h"
#include "base/text.h"
#include "domain/report_onestop.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

typedef struct doc_ctx {
    app_report_ctx_t *x;
    offdoc_t *d;
    const store_report_t *r;
    const json_t *rep; /* app_report_json */
    const json_t *fig;
    err_t *e;
} doc_ctx_t;

/* The unit's short symbol for "BC-UBND": UBND for a people's committee,
 * otherwise the initials of its name ("Sở Nội vụ" -> "SNV"). */
static void unit_symbol(const char *name, char *out, size_t cap)
{
    int rc = 0;
    char *key = text_key(name, strlen(name), &rc);
    size_t n = 0;
    if (key && (strncmp(key, "ubnd", 4) == 0 || strncmp(key, "uy ban nhan dan", 15) == 0)) {
        snprintf(out, cap, "UBND");
        mem_free(key);
        return;
    }
    for (const char *p = key; p && *p && n + 1 < cap && n < 8; p++)
        if ((p == key || p[-1] == ' ') && *p >= 'a' && *p <= 'z')
            out[n++] = (char)(*p - 'a' + 'A');
    out[n] = '\0';
    if (!n)
        snprintf(out, cap, "UBND");
    mem_free(key);
}

/* The place of the date line: the province's name without "UBND tỉnh". */
static void place_of(const app_report_ctx_t *x, const char *unit, date_t at, char *out, size_t cap)
{
    const char *code = unit;
    const unit_t *u = NULL;
    for (int depth = 0; code && depth < 16; depth++) {
        u = unit_set_find(&x->units, code, at);
        if (!u)
            u = unit_set_find(&x->units, code, DATE_NONE);
        if (!u || u->kind == UNIT_TINH)
            break;
        code = u->parent;
    }
    const char *name = u ? u->name : "";
    const char *p = strstr(name, "tỉnh ");
    if (!p)
        p = strstr(name, "Tỉnh ");
    snprintf(out, cap, "%s", p ? p + strlen("tỉnh ") : name);
}

static int head(doc_ctx_t *c)
{
    const store_report_t *r = c->r;
    app_report_ctx_t *x = c->x;
    const unit_t *u = unit_set_find(&x->units, r->unit, r->to);
    const char *name = app_report_unit_name(&x->units, r->unit, r->to);
    const char *superior = NULL;
    if (u && u->kind != UNIT_TINH && u->kind != UNIT_HUYEN && u->kind != UNIT_XA && u->parent)
        superior = app_report_unit_name(&x->units, u->parent, r->to);
    char sym[32], symbol[48], place[160];
    unit_symbol(name, sym, sizeof sym);
    snprintf(symbol, sizeof symbol, "BC-%s", sym);
    place_of(x, r->unit, r->to, place, sizeof place);
    date_t on = r->submitted_at != DTIME_NONE ? dtime_date(r->submitted_at) : x->today;
    int rc = offdoc_set_bodies(c->d, superior, name, c->e);
    if (!rc)
        rc = offdoc_set_number(c->d, r->doc_number > 0 ? r->doc_number : 0, symbol, c->e);
    if (!rc)
        rc = offdoc_set_place_date(c->d, place, on, r->year, c->e);
    if (!rc)
        rc = offdoc_set_summary(c->d, r->title, c->e);
    if (!rc)
        rc = offdoc_add_recipient(c->d, app_report_unit_name(&x->units, r->receiver, r->to), c->e);
    return rc;
}

/* Paragraphs of a text: one per non-blank line. */
static int paragraphs(doc_ctx_t *c, const char *text)
{
    int rc = 0;
    const char *p = text;
    while (!rc && p && *p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
            n--;
        if (n) {
            char *line = mem_strndup(p, n);
            rc = line ? offdoc_add_para(c->d, line, OFFDOC_PLAIN, c->e) : err_nomem(c->e);
            mem_free(line);
        }
        p = nl ? nl + 1 : NULL;
    }
    return rc;
}

static int sections(doc_ctx_t *c)
{
    int rc = 0;
    size_t i;
    const json_t *s;
    json_array_foreach(json_object_get(c->rep, "sections"), i, s)
    {
        if (rc)
            break;
        int depth = (int)json_integer_value(json_object_get(s, "depth"));
        const char *title = json_string_value(json_object_get(s, "title"));
        rc = offdoc_add_heading(c->d, depth <= 1 ? 1 : 2, NULL, title, c->e);
        const char *body = json_string_value(json_object_get(s, "body"));
        if (!body || !*body)
            body = json_string_value(json_object_get(s, "draft"));
        if (!rc && body)
            rc = paragraphs(c, body);
    }
    return rc;
}

/* --- appendices ------------------------------------------------------------------------ */

static int cell_n(doc_ctx_t *c, const json_t *o, const char *key)
{
    return offdoc_cell_int(c->d, json_integer_value(json_object_get(o, key)), c->e);
}

static int onestop_row(doc_ctx_t *c, const char *stt, const char *label, const json_t *o,
                       unsigned flags)
{
    int rc = offdoc_add_row(c->d, flags, c->e);
    if (!rc)
        rc = offdoc_cell_text(c->d, stt, c->e);
    if (!rc)
        rc = offdoc_cell_text(c->d, label, c->e);
    static const char *const keys[] = {"received",
                                       "received_online",
                                       "received_direct_postal",
                                       "carried_over",
                                       "resolved",
                                       "early",
                                       "on_time",
                                       "late",
                                       "in_progress"};
    for (size_t k = 0; !rc && k < sizeof keys / sizeof keys[0]; k++)
        rc = cell_n(c, o, keys[k]);
    int64_t open = json_integer_value(json_object_get(o, "in_progress"));
    int64_t over = json_integer_value(json_object_get(o, "in_progress_overdue"));
    if (!rc)
        rc = offdoc_cell_int(c->d, open - over, c->e);
    if (!rc)
        rc = offdoc_cell_int(c->d, over, c->e);
    return rc;
}

static int header_cell(doc_ctx_t *c, const char *text, int span, int rowspan)
{
    offdoc_cell_spec_t s = {0};
    s.kind = OFFDOC_C_TEXT;
    s.text = text;
    s.span = span;
    s.rowspan = rowspan;
    return offdoc_add_cell(c->d, &s, c->e);
}

static int onestop_table(doc_ctx_t *c)
{
    static const double w[] = {0.5, 2.6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    int rc = offdoc_add_table(c->d, 13, w, c->e);
    if (!rc)
        rc = offdoc_set_sheet(c->d, "Kết quả giải quyết TTHC", c->e);
    if (!rc)
        rc = offdoc_add_row(c->d, OFFDOC_ROW_HEADER, c->e);
    if (!rc)
        rc = header_cell(c, "STT", 1, 2) || header_cell(c, "Lĩnh vực", 1, 2) ||
             header_cell(c, "Số hồ sơ tiếp nhận", 4, 1) || header_cell(c, "Đã giải quyết", 4, 1) ||
             header_cell(c, "Đang giải quyết", 3, 1);
    if (!rc)
        rc = offdoc_add_row(c->d, OFFDOC_ROW_HEADER, c->e);
    static const char *const sub[] = {
        "Tổng số",  "Trực tuyến", "Trực tiếp, BCCI", "Kỳ trước chuyển qua", "Tổng số", "Trước hạn",
        "Đúng hạn", "Quá hạn",    "Tổng số",         "Trong hạn",           "Quá hạn"};
    for (size_t i = 0; !rc && i < sizeof sub / sizeof sub[0]; i++)
        rc = header_cell(c, sub[i], 1, 1);
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(c->fig, "onestop_fields"), i, f)
    {
        char stt[24];
        snprintf(stt, sizeof stt, "%zu", i + 1);
        if (!rc)
            rc = onestop_row(c, stt, json_string_value(json_object_get(f, "field")), f, 0);
    }
    if (!rc)
        rc = onestop_row(c, "", "Tổng cộng", json_object_get(c->fig, "onestop"), OFFDOC_ROW_BOLD);
    return rc ? (rc > 0 ? err_nomem(c->e) : rc) : 0;
}

static int text_or_dash(doc_ctx_t *c, const json_t *v)
{
    const char *s = json_string_value(v);
    return offdoc_cell_text(c->d, s && *s ? s : "-", c->e);
}

/* An appendix table: its columns (relative widths), its XLSX sheet and a
 * header row of one line. */
static int table_head(doc_ctx_t *c, size_t ncols, const double *w, const char *sheet,
                      const char *const *h)
{
    int rc = offdoc_add_table(c->d, ncols, w, c->e);
    if (!rc)
        rc = offdoc_set_sheet(c->d, sheet, c->e);
    if (!rc)
        rc = offdoc_add_row(c->d, OFFDOC_ROW_HEADER, c->e);
    for (size_t k = 0; !rc && k < ncols; k++)
        rc = header_cell(c, h[k], 1, 1);
    return rc;
}

static int tasks_table(doc_ctx_t *c)
{
    static const double w[] = {0.5, 4, 2, 1.2, 1.6, 2};
    static const char *const h[] = {"STT",      "Nhiệm vụ", "Cơ quan chủ trì",
                                    "Thời hạn", "Tiến độ",  "Sản phẩm, kết quả"};
    int rc = table_head(c, 6, w, "Nhiệm vụ", h);
    size_t i;
    const json_t *t;
    json_array_foreach(json_object_get(json_object_get(c->fig, "tasks"), "items"), i, t)
    {
        if (rc)
            break;
        char stt[24], due[32] = "-", prog[96];
        snprintf(stt, sizeof stt, "%zu", i + 1);
        const char *d = json_string_value(json_object_get(t, "due"));
        date_t dd;
        if (d && !date_parse(d, strlen(d), &dd))
            date_format_vn(dd, due);
        snprintf(prog, sizeof prog, "%s (%lld%%)",
                 json_string_value(json_object_get(t, "status_label"))
                     ? json_string_value(json_object_get(t, "status_label"))
                     : "",
                 (long long)json_integer_value(json_object_get(t, "progress")));
        const json_t *unit = json_object_get(t, "unit");
        rc = offdoc_add_row(c->d, 0, c->e);
        rc = rc ? rc : offdoc_cell_text(c->d, stt, c->e);
        rc = rc ? rc : text_or_dash(c, json_object_get(t, "title"));
        rc = rc ? rc : text_or_dash(c, json_object_get(unit, "name"));
        rc = rc ? rc : offdoc_cell_text(c->d, due, c->e);
        rc = rc ? rc : offdoc_cell_text(c->d, prog, c->e);
        rc = rc ? rc : text_or_dash(c, json_object_get(t, "product"));
    }
    return rc;
}

static int targets_table(doc_ctx_t *c)
{
    static const double w[] = {0.5, 5, 1.4, 1.4, 1.6};
    static const char *const h[] = {"STT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Đánh giá"};
    int rc = table_head(c, 5, w, "Chỉ tiêu", h);
    size_t i;
    const json_t *t;
    json_array_foreach(json_object_get(json_object_get(c->fig, "targets"), "items"), i, t)
    {
        if (rc)
            break;
        char stt[24];
        snprintf(stt, sizeof stt, "%zu", i + 1);
        const json_t *m = json_object_get(json_object_get(t, "measurement"), "value");
        const char *unit = json_string_value(json_object_get(t, "unit"));
        bool pct = unit && strcmp(unit, "%") == 0;
        double plan = json_number_value(json_object_get(t, "value"));
        rc = offdoc_add_row(c->d, 0, c->e);
        rc = rc ? rc : offdoc_cell_text(c->d, stt, c->e);
        rc = rc ? rc : text_or_dash(c, json_object_get(t, "text"));
        rc = rc    ? rc
             : pct ? offdoc_cell_pct(c->d, plan, 2, c->e)
                   : offdoc_cell_dec(c->d, plan, 2, c->e);
        rc = rc                   ? rc
             : !json_is_number(m) ? offdoc_cell_text(c->d, "Chưa có số liệu", c->e)
             : pct                ? offdoc_cell_pct(c->d, json_number_value(m), 2, c->e)
                                  : offdoc_cell_dec(c->d, json_number_value(m), 2, c->e);
        rc = rc ? rc : text_or_dash(c, json_object_get(t, "status_label"));
    }
    return rc;
}

static int senders_table(doc_ctx_t *c)
{
    static const double w[] = {0.5, 3.5, 1.5, 1.6, 1, 1.2, 1.2};
    static const char *const h[] = {"STT",           "Đơn vị",       "Tình trạng",      "Ngày gửi",
                                    "Trễ (ngày LV)", "HS tiếp nhận", "HS đã giải quyết"};
    int rc = table_head(c, 7, w, "Báo cáo của các đơn vị", h);
    size_t i;
    const json_t *s;
    json_array_foreach(json_object_get(c->fig, "senders"), i, s)
    {
        if (rc)
            break;
        char stt[24], when[32] = "-";
        snprintf(stt, sizeof stt, "%zu", i + 1);
        const char *st = json_string_value(json_object_get(s, "status"));
        report_status_t rs;
        const char *label = st && report_flow_status_parse(st, &rs, NULL) == 0
                                ? report_flow_status_label_vi(rs)
                                : "Chưa gửi";
        const char *at = json_string_value(json_object_get(s, "submitted_at"));
        date_t d;
        if (at && strlen(at) >= 10 && !date_parse(at, 10, &d))
            date_format_vn(d, when);
        const json_t *os = json_object_get(s, "onestop");
        rc = offdoc_add_row(c->d, 0, c->e);
        rc = rc ? rc : offdoc_cell_text(c->d, stt, c->e);
        rc = rc ? rc : text_or_dash(c, json_object_get(s, "name"));
        rc = rc ? rc : offdoc_cell_text(c->d, label, c->e);
        rc = rc ? rc : offdoc_cell_text(c->d, when, c->e);
        rc = rc                                                 ? rc
             : json_is_integer(json_object_get(s, "days_late")) ? cell_n(c, s, "days_late")
                                                                : offdoc_cell_text(c->d, "-", c->e);
        rc = rc ? rc : cell_n(c, os, "received");
        rc = rc ? rc : cell_n(c, os, "resolved");
    }
    return rc;
}

/* Danh mục hồ sơ minh chứng: the files behind the tasks and targets. */
static int evidence_table(doc_ctx_t *c)
{
    static const double w[] = {0.8, 1.8, 4.2, 3.1, 1.6};
    static const char *const h[] = {"STT", "Đơn vị", "Nhiệm vụ / chỉ tiêu", "Tệp minh chứng",
                                    "Ngày"};
    int rc = table_head(c, 5, w, "Hồ sơ minh chứng", h);
    size_t i;
    const json_t *v;
    json_array_foreach(json_object_get(json_object_get(c->fig, "evidence"), "items"), i, v)
    {
        if (rc)
            break;
        char stt[24], when[32] = "-";
        snprintf(stt, sizeof stt, "%zu", i + 1);
        const char *at = json_string_value(json_object_get(v, "at"));
        const char *unit = json_string_value(json_object_get(v, "unit"));
        date_t d;
        if (at && strlen(at) >= 10 && !date_parse(at, 10, &d))
            date_format_vn(d, when);
        rc = offdoc_add_row(c->d, 0, c->e);
        rc = rc ? rc : offdoc_cell_text(c->d, stt, c->e);
        rc = rc ? rc
                : offdoc_cell_text(
                      c->d, unit ? app_report_unit_name(&c->x->units, unit, c->r->to) : "-", c->e);
        rc = rc ? rc : text_or_dash(c, json_object_get(v, "title"));
        rc = rc ? rc : text_or_dash(c, json_object_get(v, "filename"));
        rc = rc ? rc : offdoc_cell_text(c->d, when, c->e);
    }
    const json_t *ev = json_object_get(c->fig, "evidence");
    json_int_t more = json_integer_value(json_object_get(ev, "count")) -
                      (json_int_t)json_array_size(json_object_get(ev, "items"));
    if (!rc && more > 0) { /* the figures list the first ones; say how many more */
        char line[96];
        snprintf(line, sizeof line, "… và %lld tệp khác (xem trên cchc)", (long long)more);
        rc = offdoc_add_row(c->d, 0, c->e);
        rc = rc ? rc : offdoc_cell_text(c->d, "", c->e);
        rc = rc ? rc : offdoc_cell_text(c->d, "", c->e);
        rc = rc ? rc : offdoc_cell_text(c->d, line, c->e);
        rc = rc ? rc : offdoc_cell_text(c->d, "", c->e);
        rc = rc ? rc : offdoc_cell_text(c->d, "", c->e);
    }
    return rc;
}

static int appendices(doc_ctx_t *c)
{
    char sub[256];
    char num[32] = "";
    if (c->r->doc_number > 0)
        snprintf(num, sizeof num, " số %02d", c->r->doc_number);
    snprintf(sub, sizeof sub, "(Kèm theo Báo cáo%s của %s)", num,
             app_report_unit_name(&c->x->units, c->r->unit, c->r->to));
    int rc = 0;
    size_t i;
    const json_t *p;
    json_array_foreach(json_object_get(c->rep, "appendices"), i, p)
    {
        const char *table = json_string_value(json_object_get(p, "table"));
        if (rc || !table)
            break;
        if (strcmp(table, "senders") == 0 && !json_array_size(json_object_get(c->fig, "senders")))
            continue;
        if (strcmp(table, "evidence") == 0 &&
            !json_array_size(json_object_get(json_object_get(c->fig, "evidence"), "items")))
            continue;
        rc = offdoc_add_appendix(c->d, NULL, json_string_value(json_object_get(p, "title")), sub,
                                 c->e);
        if (rc)
            break;
        if (strcmp(table, "onestop_fields") == 0)
            rc = onestop_table(c);
        else if (strcmp(table, "tasks") == 0)
            rc = tasks_table(c);
        else if (strcmp(table, "targets") == 0)
            rc = targets_table(c);
        else if (strcmp(table, "senders") == 0)
            rc = senders_table(c);
        else if (strcmp(table, "evidence") == 0)
            rc = evidence_table(c);
    }
    return rc;
}

static int closing(doc_ctx_t *c)
{
    const store_report_t *r = c->r;
    const unit_t *u = unit_set_find(&c->x->units, r->unit, r->to);
    const char *name = app_report_unit_name(&c->x->units, r->unit, r->to);
    char sym[32], archive[64];
    unit_symbol(name, sym, sizeof sym);
    snprintf(archive, sizeof archive, "VT, %s", sym);
    int rc = offdoc_add_cc(c->d, app_report_unit_name(&c->x->units, r->receiver, r->to), c->e);
    if (!rc)
        rc = offdoc_set_archive(c->d, archive, c->e);
    bool committee = u && (u->kind == UNIT_TINH || u->kind == UNIT_HUYEN || u->kind == UNIT_XA);
    if (!rc)
        rc = committee ? offdoc_set_signer(c->d, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
                                           "PHÓ CHỦ TỊCH", NULL, c->e)
                       : offdoc_set_signer(c->d, "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", NULL, c->e);
    return rc;
}

int app_report_document(app_t *a, const user_t *actor, int64_t id, offdoc_t **out, err_t *e)
{
    *out = NULL;
    app_report_ctx_t x;
    store_report_t r;
    memset(&r, 0, sizeof r);
    json_t *rep = NULL;
    int rc = app_report_ctx_open(&x, a, actor, e);
    if (!rc)
        rc = app_report_load(&x, id, &r, e);
    if (!rc)
        rc = app_report_json(&x, &r, &rep, e);
    offdoc_t *d = rc ? NULL : offdoc_new(OFFDOC_REPORT);
    if (!rc && !d)
        rc = err_nomem(e);
    doc_ctx_t c = {&x, d, &r, rep, json_object_get(rep, "figures"), e};
    if (!rc)
        rc = head(&c);
    if (!rc)
        rc = sections(&c);
    if (!rc)
        rc = closing(&c);
    if (!rc)
        rc = appendices(&c);
    json_decref(rep);
    store_report_release(&r);
    app_report_ctx_close(&x);
    if (rc) {
        offdoc_free(d);
        return rc;
    }
    *out = d;
    return 0;
}
