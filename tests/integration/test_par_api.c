/* Integration tests of the PAR Index API (API.md "PAR Index") on a real
 * server: the sample framework imported, a campaign over the current
 * province, a department scoring itself, an appraiser adjusting its area
 * with a reason and asking for an explanation, the unit explaining, the
 * standing agency penalising and publishing, then access per role after
 * publication. The expected totals are computed here from the framework
 * file itself (applicable leaves, maxima, the points entered), not through
 * the scoring code; the documents are read back (PDF/DOCX signatures, the
 * XLSX score table's total). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/dtime.h"
#include "base/jsonx.h"
#include "io/xlsx_read.h"
#include "support/api_fixture.h"
#include "support/http_client.h"
#include "support/testdir.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define UNIT "VL25.SYT"

typedef struct pfx {
    apifx_t *f;
    char admin[160], standing[160], officer[160], other[160], appraiser[160], viewer[160];
    json_t *fw; /* the framework file */
    long long fw_id, camp;
} pfx_t;

static char *slurp(const char *rel, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", testdir_root(), rel);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, (1 << 20) - 1, fp);
    buf[*len] = '\0';
    fclose(fp);
    return buf;
}

static void ymd(int delta, char out[16])
{
    date_t d = dtime_date(dtime_now()) + delta;
    date_format(d, out);
}

static int setup(void **state)
{
    pfx_t *t = calloc(1, sizeof *t);
    t->f = apifx_open(8 << 20);
    apifx_user(t->f, "admin", ACCESS_ROLE_ADMIN, NULL, t->admin, sizeof t->admin);
    apifx_user(t->f, "thuongtruc", ACCESS_ROLE_STANDING, "VL25", t->standing, sizeof t->standing);
    apifx_user(t->f, "canbo.syt", ACCESS_ROLE_OFFICER, UNIT, t->officer, sizeof t->officer);
    apifx_user(t->f, "canbo.stc", ACCESS_ROLE_OFFICER, "VL25.STC", t->other, sizeof t->other);
    apifx_user(t->f, "thamdinh.stp", ACCESS_ROLE_APPRAISER, "VL25.STP", t->appraiser,
               sizeof t->appraiser);
    apifx_user(t->f, "xem.syt", ACCESS_ROLE_VIEWER, UNIT, t->viewer, sizeof t->viewer);
    size_t len = 0;
    char *text = slurp("data/par/so-2024.json", &len);
    json_error_t je;
    t->fw = json_loads(text, 0, &je);
    assert_non_null(t->fw);
    json_t *r = apifx_send(t->f, "POST", "/api/v1/par/frameworks?filename=so-2024.json", t->admin,
                           "application/json", text, len, 201);
    t->fw_id = json_integer_value(json_object_get(r, "id"));
    json_decref(r);
    /* the same file again: the same framework */
    r = apifx_send(t->f, "POST", "/api/v1/par/frameworks", t->admin, "application/json", text, len,
                   200);
    assert_int_equal(json_integer_value(json_object_get(r, "id")), t->fw_id);
    json_decref(r);
    free(text);
    char body[1024], o[16], s[16], r1[16], x[16], r2[16], p[16];
    ymd(-1, o);
    ymd(5, s);
    ymd(10, r1);
    ymd(15, x);
    ymd(20, r2);
    ymd(30, p);
    snprintf(body, sizeof body,
             "{\"year\":%d,\"framework\":%lld,\"bonus_max\":3,\"penalty_max\":5,"
             "\"opens_on\":\"%s\",\"self_due\":\"%s\",\"round1_due\":\"%s\",\"explain_due\":\"%s\","
             "\"round2_due\":\"%s\",\"publish_due\":\"%s\"}",
             date_year(dtime_date(dtime_now())), t->fw_id, o, s, r1, x, r2, p);
    json_decref(apifx_json(t->f, "POST", "/api/v1/par/campaigns", t->officer, body, 403));
    r = apifx_json(t->f, "POST", "/api/v1/par/campaigns", t->standing, body, 201);
    t->camp = json_integer_value(json_object_get(r, "id"));
    json_decref(r);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    pfx_t *t = *state;
    json_decref(t->fw);
    apifx_close(t->f);
    free(t);
    return 0;
}

/* ---- the framework, read independently ---------------------------------- */

static json_t *fw_node(pfx_t *t, const char *code)
{
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(t->fw, "nodes"), i, n)
    {
        if (strcmp(jsonx_str(n, "code", ""), code) == 0)
            return n;
    }
    return NULL;
}

static bool is_leaf(pfx_t *t, const char *code)
{
    size_t i, k = strlen(code);
    json_t *n;
    json_array_foreach(json_object_get(t->fw, "nodes"), i, n)
    {
        const char *c = jsonx_str(n, "code", "");
        if (strncmp(c, code, k) == 0 && c[k] == '.')
            return false;
    }
    return true;
}

/* The top-level node's kind (criterion / bonus / penalty). */
static const char *top_kind(pfx_t *t, const char *code)
{
    char top[32];
    snprintf(top, sizeof top, "%s", code);
    char *dot = strchr(top, '.');
    if (dot)
        *dot = '\0';
    return jsonx_str(fw_node(t, top), "kind", "criterion");
}

/* Whether the node and its ancestors allow kind "so". */
static bool applies_so(pfx_t *t, const char *code)
{
    char c[32];
    snprintf(c, sizeof c, "%s", code);
    for (;;) {
        json_t *a = json_object_get(fw_node(t, c), "applies_to");
        if (a) {
            bool ok = false;
            size_t i;
            json_t *v;
            json_array_foreach(a, i, v)
            {
                ok |= strcmp(json_string_value(v), "so") == 0;
            }
            if (!ok)
                return false;
        }
        char *dot = strrchr(c, '.');
        if (!dot)
            return true;
        *dot = '\0';
    }
}

/* The highest allowed value of a leaf (its maximum for these methods). */
static double top_value(json_t *n)
{
    double m = json_number_value(json_object_get(n, "max"));
    json_t *lv = json_object_get(n, "levels");
    if (json_array_size(lv)) {
        double best = 0;
        size_t i;
        json_t *l;
        json_array_foreach(lv, i, l) best =
            fmax(best, json_number_value(json_object_get(l, "points")));
        return best;
    }
    return m;
}

static json_t *post(pfx_t *t, const char *cookie, const char *action, int want, const char *fmt,
                    ...)
{
    char body[1024], path[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    snprintf(path, sizeof path, "/api/v1/par/campaigns/%lld/sheets/%s/%s", t->camp, UNIT, action);
    return apifx_json(t->f, "POST", path, cookie, body, want);
}

static json_t *get(pfx_t *t, const char *cookie, int want, const char *fmt, ...)
{
    char path[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    return apifx_json(t->f, "GET", path, cookie, NULL, want);
}

static bool near(double a, double b)
{
    return fabs(a - b) < 0.0005;
}

/* Full marks everywhere the unit scores itself (not survey); 1.1.1 late
 * (0.5 of 1). Returns the self points and the applicable maximum. */
static void score_all(pfx_t *t, double *points, double *max)
{
    *points = *max = 0;
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(t->fw, "nodes"), i, n)
    {
        const char *code = jsonx_str(n, "code", "");
        if (!is_leaf(t, code) || !applies_so(t, code) ||
            strcmp(jsonx_str(n, "source", "self"), "survey") == 0)
            continue;
        double v = strcmp(code, "1.1.1") == 0 ? 0.5 : top_value(n);
        if (strcmp(top_kind(t, code), "criterion") != 0)
            continue; /* bonus / penalty leaves stay empty */
        *max += json_number_value(json_object_get(n, "max"));
        *points += v;
        json_decref(post(t, t->officer, "scores", 200, "{\"code\":\"%s\",\"points\":%g%s}", code, v,
                         v < top_value(n) ? ",\"note\":\"Ban hành chậm 10 ngày\"" : ""));
    }
}

static void campaign_by_role(void **state)
{
    pfx_t *t = *state;
    json_t *c = get(t, t->viewer, 200, "/api/v1/par/campaigns/%lld", t->camp);
    assert_string_equal(jsonx_str(json_object_get(c, "scope"), "code", ""), "VL25");
    json_decref(c);

    /* refused: out of range, not an allowed level, another unit, a viewer */
    json_t *r = post(t, t->officer, "scores", 400, "{\"code\":\"1.1.1\",\"points\":3}");
    assert_string_equal(apifx_error_code(r), "par.score_range");
    json_decref(r);
    r = post(t, t->officer, "scores", 400, "{\"code\":\"1.1.1\",\"points\":0.7}");
    assert_string_equal(apifx_error_code(r), "par.score_level");
    assert_non_null(strstr(jsonx_str(json_object_get(r, "error"), "message", ""), "1; 0,5; 0"));
    assert_string_equal(jsonx_str(json_object_get(r, "error"), "field", ""), "points");
    json_decref(r);
    json_decref(post(t, t->other, "scores", 403, "{\"code\":\"1.1.1\",\"points\":1}"));
    json_decref(post(t, t->viewer, "scores", 403, "{\"code\":\"1.1.1\",\"points\":1}"));

    double self = 0, max = 0;
    score_all(t, &self, &max);
    json_decref(post(t, t->officer, "adjustments", 200,
                     "{\"kind\":\"bonus\",\"points\":1.5,\"reason\":\"Sáng kiến cấp tỉnh\"}"));
    json_decref(post(t, t->officer, "adjustments", 403,
                     "{\"kind\":\"penalty\",\"points\":1,\"reason\":\"x\"}"));
    json_decref(post(t, t->officer, "submit", 200, "{}"));
    r = post(t, t->officer, "scores", 409, "{\"code\":\"1.1.2\",\"points\":0}");
    assert_string_equal(apifx_error_code(r), "par.submitted");
    json_decref(r);

    /* the appraiser of institutions sees area 2 only, lowers 2.1.1 by its reason */
    json_t *sh = get(t, t->appraiser, 200, "/api/v1/par/campaigns/%lld/sheets/%s", t->camp, UNIT);
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(sh, "nodes"), i, n)
    {
        assert_int_equal(jsonx_str(n, "code", "")[0], '2');
    }
    json_decref(sh);
    json_t *leaf = fw_node(t, "2.1.1");
    double full = top_value(leaf), lower = -1;
    size_t k;
    json_t *l;
    json_array_foreach(json_object_get(leaf, "levels"), k, l)
    {
        double v = json_number_value(json_object_get(l, "points"));
        if (v < full && v > lower)
            lower = v;
    }
    if (lower < 0)
        lower = 0;
    json_decref(post(t, t->appraiser, "appraisals", 400, "{\"code\":\"2.1.1\",\"points\":%g}",
                     lower)); /* no reason */
    json_decref(post(t, t->appraiser, "appraisals", 403,
                     "{\"code\":\"1.1.2\",\"points\":0,\"reason\":\"x\"}"));
    json_decref(post(t, t->appraiser, "appraisals", 200,
                     "{\"code\":\"2.1.1\",\"points\":%g,\"reason\":\"Thiếu kế hoạch rà soát\"}",
                     lower));
    json_decref(post(t, t->appraiser, "explanations", 200,
                     "{\"code\":\"2.1.1\",\"request\":\"Bổ sung kế hoạch rà soát văn bản\"}"));
    json_decref(post(t, t->officer, "explanations", 200,
                     "{\"code\":\"2.1.1\",\"answer\":\"Đã ban hành kế hoạch số 12/KH-SYT\"}"));
    json_decref(post(t, t->standing, "adjustments", 200,
                     "{\"kind\":\"penalty\",\"points\":1,\"reason\":\"Báo cáo quý III chậm\"}"));

    /* expected: self points - (full - lower) + 1.5 - 1 over max */
    double total = self - (full - lower) + 1.5 - 1;
    double index = round(total / max * 10000.0) / 100.0;
    json_decref(get(t, t->officer, 403, "/api/v1/par/campaigns/%lld/results", t->camp));
    json_t *res = get(t, t->standing, 200, "/api/v1/par/campaigns/%lld/results", t->camp);
    json_t *mine = NULL;
    json_array_foreach(json_object_get(res, "units"), i, n)
    {
        if (strcmp(jsonx_str(n, "unit", ""), UNIT) == 0)
            mine = n;
    }
    assert_non_null(mine);
    assert_true(near(json_number_value(json_object_get(mine, "total")), total));
    assert_true(near(json_number_value(json_object_get(mine, "max")), max));
    assert_true(near(json_number_value(json_object_get(mine, "index")), index));
    assert_int_equal(json_integer_value(json_object_get(mine, "rank")), 1);
    json_decref(res);

    /* publication, then only the standing agency changes anything, with a reason */
    char path[128];
    snprintf(path, sizeof path, "/api/v1/par/campaigns/%lld/publish", t->camp);
    json_decref(apifx_json(t->f, "POST", path, t->officer, "{}", 403));
    json_decref(apifx_json(t->f, "POST", path, t->standing, "{}", 200));
    json_decref(get(t, t->viewer, 200, "/api/v1/par/campaigns/%lld/results", t->camp));
    r = post(t, t->appraiser, "appraisals", 409,
             "{\"code\":\"2.1.1\",\"points\":%g,\"reason\":\"x\"}", full);
    assert_string_equal(apifx_error_code(r), "par.locked");
    json_decref(r);
    json_decref(
        post(t, t->officer, "explanations", 409, "{\"code\":\"2.1.1\",\"answer\":\"bổ sung\"}"));
    json_decref(post(t, t->standing, "appraisals", 200,
                     "{\"code\":\"2.1.1\",\"points\":%g,\"reason\":\"Hội đồng chấp nhận giải "
                     "trình\"}",
                     full));
    json_t *h = get(t, t->officer, 200, "/api/v1/par/campaigns/%lld/sheets/%s/history?code=2.1.1",
                    t->camp, UNIT);
    json_t *last = json_array_get(json_object_get(h, "items"), 0);
    assert_string_equal(jsonx_str(last, "field", ""), "final");
    assert_string_equal(jsonx_str(last, "author", ""), "thuongtruc");
    assert_string_equal(jsonx_str(last, "reason", ""), "Hội đồng chấp nhận giải trình");
    json_decref(h);
}

/* The XLSX score table's "Tổng điểm" row (column F). */
static double xlsx_total(const char *data, size_t len)
{
    xlsx_t *x = NULL;
    xlsx_sheet_t *s = NULL;
    err_t e;
    assert_int_equal(xlsx_read_open_buffer(data, len, NULL, &x, &e), 0);
    assert_int_equal(xlsx_read_sheet_open(x, 0, &s, &e), 0);
    const xlsx_row_t *row;
    double total = -1;
    while (xlsx_read_sheet_next(s, &row, &e) == 1) {
        const xlsx_cell_t *b = xlsx_read_sheet_cell(row, 1), *f = xlsx_read_sheet_cell(row, 5);
        if (b && f && strcmp(b->text, "Tổng điểm") == 0)
            total = f->num;
    }
    xlsx_read_sheet_close(s);
    xlsx_read_close(x);
    return total;
}

static void documents(void **state)
{
    pfx_t *t = *state;
    double self = 0, max = 0;
    score_all(t, &self, &max);
    char path[256];
    tc_response_t resp;
    snprintf(path, sizeof path, "/api/v1/par/campaigns/%lld/sheets/%s/report.pdf", t->camp, UNIT);
    assert_int_equal(tc_request(t->f->port, "GET", path, t->officer, NULL, 0, &resp), 0);
    assert_int_equal(resp.status, 200);
    assert_memory_equal(resp.body, "%PDF", 4);
    tc_response_free(&resp);
    snprintf(path, sizeof path, "/api/v1/par/campaigns/%lld/sheets/%s/report.docx", t->camp, UNIT);
    assert_int_equal(tc_request(t->f->port, "GET", path, t->officer, NULL, 0, &resp), 0);
    assert_int_equal(resp.status, 200);
    assert_memory_equal(resp.body, "PK", 2);
    tc_response_free(&resp);
    snprintf(path, sizeof path, "/api/v1/par/campaigns/%lld/sheets/%s/table.xlsx", t->camp, UNIT);
    assert_int_equal(tc_request(t->f->port, "GET", path, t->officer, NULL, 0, &resp), 0);
    assert_int_equal(resp.status, 200);
    assert_true(near(xlsx_total(resp.body, resp.body_len), self));
    tc_response_free(&resp);
    /* another unit's officer gets nothing */
    assert_int_equal(tc_request(t->f->port, "GET", path, t->other, NULL, 0, &resp), 0);
    assert_int_equal(resp.status, 403);
    tc_response_free(&resp);
}

static void framework_refused_with_problems(void **state)
{
    pfx_t *t = *state;
    const char *bad = "{\"name\":\"x\",\"year\":2024,\"unit_kind\":\"so\",\"nodes\":["
                      "{\"code\":\"1\",\"name\":\"A\",\"max\":3},"
                      "{\"code\":\"1.1\",\"name\":\"B\",\"max\":1,\"method\":\"yesno\"}]}";
    json_t *r = apifx_json(t->f, "POST", "/api/v1/par/frameworks", t->admin, bad, 400);
    json_t *p = json_object_get(json_object_get(r, "error"), "problems");
    assert_true(json_array_size(p) >= 1);
    assert_string_equal(jsonx_str(json_array_get(p, 0), "code", ""), "par.max_sum");
    assert_string_equal(jsonx_str(json_array_get(p, 0), "node", ""), "1");
    json_decref(r);
    json_decref(apifx_json(t->f, "POST", "/api/v1/par/frameworks", t->officer, "{}", 400));
}

/* A cap is removed with "none" (the web sends it for an emptied field) and
 * set again with points; anything else is refused with the field named. */
static void caps_removed_and_set(void **state)
{
    pfx_t *t = *state;
    char path[96];
    snprintf(path, sizeof path, "/api/v1/par/campaigns/%lld", t->camp);
    json_t *c = apifx_json(t->f, "POST", path, t->standing, "{\"penalty_max\":\"none\"}", 200);
    assert_true(json_is_null(json_object_get(c, "penalty_max")));
    assert_true(json_number_value(json_object_get(c, "bonus_max")) == 3);
    json_decref(c);
    c = apifx_json(t->f, "POST", path, t->standing, "{\"penalty_max\":2.5}", 200);
    assert_true(json_number_value(json_object_get(c, "penalty_max")) == 2.5);
    json_decref(c);
    c = apifx_json(t->f, "POST", path, t->standing, "{\"bonus_max\":\"khong\"}", 400);
    assert_string_equal(apifx_error_code(c), "par.number");
    json_decref(c);
    c = apifx_json(t->f, "POST", path, t->officer, "{\"bonus_max\":\"none\"}", 403);
    json_decref(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(campaign_by_role, setup, teardown),
        cmocka_unit_test_setup_teardown(documents, setup, teardown),
        cmocka_unit_test_setup_teardown(caps_removed_and_set, setup, teardown),
        cmocka_unit_test_setup_teardown(framework_refused_with_problems, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
