/* Integration tests of periodic reports (API.md "Reports", issue 12) over a
 * real server and the cchc binary: the reporting calendar and the CLI
 * contract; one-stop figures equal to the KPI engine's and the identity
 * carried over + received = resolved + in progress (+ refused/withdrawn);
 * frozen figures and "compare"; the draft → submitted → returned →
 * resubmitted → accepted cycle with days late; who may do what (role x
 * action, in and out of scope); two editors never losing text; hostile
 * text through DOCX, PDF and XLSX as a reader sees them; consolidation, the
 * receiver's matrix, reminders and notices; zeros for a unit without
 * dossiers; a broken calendar file named by file and line. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_report.h"
#include "domain/report_onestop.h"
#include "io/xlsx_read.h"
#include "support/api_fixture.h"
#include "support/doctools.h"
#include "support/ledger_fixture.h"
#include "support/run_cmd.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/banned.h"

typedef struct rfx {
    apifx_t *f; /* first member: apifx_teardown */
    char admin[160], s1[160], h1[160], x1[160], viewer[160], standing[160], other[160];
} rfx_t;

static int setup(void **state)
{
    rfx_t *t = calloc(1, sizeof *t);
    t->f = apifx_open(4 << 20);
    ledger_fixture_load(t->f->app, t->f->dir);
    apifx_user(t->f, "admin", ACCESS_ROLE_ADMIN, NULL, t->admin, sizeof t->admin);
    apifx_user(t->f, "canbo.s1", ACCESS_ROLE_OFFICER, "S1", t->s1, sizeof t->s1);
    apifx_user(t->f, "canbo.h1", ACCESS_ROLE_OFFICER, "H1", t->h1, sizeof t->h1);
    apifx_user(t->f, "canbo.x1", ACCESS_ROLE_OFFICER, "X1", t->x1, sizeof t->x1);
    apifx_user(t->f, "xem.t", ACCESS_ROLE_VIEWER, "T", t->viewer, sizeof t->viewer);
    apifx_user(t->f, "thuongtruc.t", ACCESS_ROLE_STANDING, "T", t->standing, sizeof t->standing);
    apifx_user(t->f, "canbo.stc", ACCESS_ROLE_OFFICER, "VLG.STC", t->other, sizeof t->other);
    *state = t;
    return 0;
}

static json_t *call(rfx_t *t, const char *method, const char *cookie, const char *body, int want,
                    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static json_t *call(rfx_t *t, const char *method, const char *cookie, const char *body, int want,
                    const char *fmt, ...)
{
    char path[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    return apifx_json(t->f, method, path, cookie, body, want);
}

static long long num(const json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static long long create(rfx_t *t, const char *cookie, const char *unit, const char *kind)
{
    char body[160];
    snprintf(body, sizeof body, "{\"unit\":\"%s\",\"kind\":\"%s\",\"year\":2024}", unit, kind);
    json_t *j = call(t, "POST", cookie, body, 201, "/api/v1/reports");
    long long id = num(j, "id");
    assert_true(id > 0);
    json_decref(j);
    return id;
}

static char *data_dir(void)
{
    return testdir_join(testdir_root(), "data");
}

/* --- calendar and CLI contract ------------------------------------------------------ */

static void calendar_and_cli_contract(void **state)
{
    rfx_t *t = *state;
    char *data = data_dir();
    const char *a1[] = {"report", "calendar", "--unit", "S1", "--year", "2024", "--json", NULL};
    run_result_t r = apifx_cli_run(t->f, data, a1);
    if (r.status)
        fail_msg("calendar: %s", r.err);
    json_t *c = json_loads(r.out, 0, NULL);
    assert_non_null(c);
    assert_string_equal(str(c, "unit"), "S1");
    assert_int_equal(num(c, "year"), 2024);
    json_t *reps = json_object_get(c, "reports");
    assert_int_equal(json_array_size(reps), 4); /* quy1, 6thang, quy3, nam (9thang off) */
    static const char *const want[4][4] = {{"quy1", "2023-12-15", "2024-03-14", "2024-03-15"},
                                           {"6thang", "2023-12-15", "2024-06-14", "2024-06-15"},
                                           {"quy3", "2024-06-15", "2024-09-14", "2024-09-15"},
                                           {"nam", "2023-12-15", "2024-12-14", "2024-12-15"}};
    for (size_t i = 0; i < 4; i++) {
        json_t *e = json_array_get(reps, i);
        assert_string_equal(str(e, "kind"), want[i][0]);
        assert_string_equal(str(e, "from"), want[i][1]);
        assert_string_equal(str(e, "to"), want[i][2]);
        assert_string_equal(str(e, "due"), want[i][3]);
        assert_string_equal(str(e, "receiver"), "T");
    }
    /* the province reports to the ministry by the 20th; its senders by the 15th: no warning */
    assert_int_equal(json_array_size(json_object_get(c, "warnings")), 0);
    json_decref(c);
    run_result_free(&r);
    const char *a2[] = {"report", "create", "--unit", "H1",     "--kind",
                        "6thang", "--year", "2024",   "--json", NULL};
    r = apifx_cli_run(t->f, data, a2);
    if (r.status)
        fail_msg("create: %s", r.err);
    c = json_loads(r.out, 0, NULL);
    long long id = num(c, "id");
    assert_true(id > 0);
    json_decref(c);
    run_result_free(&r);
    char ids[32];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *a3[] = {"report", "show", ids, "--json", NULL};
    r = apifx_cli_run(t->f, data, a3);
    c = json_loads(r.out, 0, NULL);
    assert_string_equal(str(json_object_get(c, "window"), "from"), "2023-12-15");
    assert_string_equal(str(json_object_get(c, "window"), "to"), "2024-06-14");
    assert_string_equal(str(c, "status"), "draft");
    json_t *os = json_object_get(c, "onestop");
    /* hand-counted from tests/fixtures/ledger (H1 with X1, X2, X3): D1, D2, D3, D5, D7, D8,
     * D12 received (D1, D3, D5, D7, D12 online); D1, D2, D3, D5, D12 resolved (D3 late: two
     * supplement requests); D7 refused, D8 withdrawn; nothing open before or after. */
    assert_int_equal(num(os, "received"), 7);
    assert_int_equal(num(os, "received_online"), 5);
    assert_int_equal(num(os, "received_direct_postal"), 2);
    assert_int_equal(num(os, "carried_over"), 0);
    assert_int_equal(num(os, "resolved"), 5);
    assert_int_equal(num(os, "late"), 1);
    assert_int_equal(num(os, "early") + num(os, "on_time"), 4);
    assert_int_equal(num(os, "in_progress"), 0);
    json_decref(c);
    run_result_free(&r);
    /* the same through the API */
    c = call(t, "GET", t->h1, NULL, 200, "/api/v1/reports/%lld", id);
    assert_int_equal(num(json_object_get(c, "onestop"), "received"), 7);
    json_decref(c);
    /* --at: a past moment only; the action is dated then and late against it
     * (X2's report: H1's stays a draft for consolidation_matrix_reminders) */
    const char *a6[] = {"report", "create",           "--unit", "X2",
                        "--kind", "6thang",           "--year", "2024",
                        "--at",   "2024-06-10 08:00", "--json", NULL};
    r = apifx_cli_run(t->f, data, a6);
    if (r.status)
        fail_msg("create --at: %s", r.err);
    c = json_loads(r.out, 0, NULL);
    snprintf(ids, sizeof ids, "%lld", num(c, "id"));
    json_decref(c);
    run_result_free(&r);
    const char *a4[] = {"report", "submit", ids, "--at", "2999-01-01 08:00", NULL};
    r = apifx_cli_run(t->f, data, a4);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--at"));
    run_result_free(&r);
    const char *a5[] = {"report", "submit", ids, "--at", "2024-06-18 15:00", "--json", NULL};
    r = apifx_cli_run(t->f, data, a5);
    if (r.status)
        fail_msg("submit --at: %s", r.err);
    c = json_loads(r.out, 0, NULL);
    assert_string_equal(str(c, "submitted_at"), "2024-06-18T15:00:00");
    assert_int_equal(num(c, "days_late"), 2); /* due Sat 15/6: Mon 17, Tue 18 */
    json_decref(c);
    run_result_free(&r);
    free(data);
}

/* --- figures equal the KPI engine; carried over -------------------------------------- */

static void figures_match_kpi_engine(void **state)
{
    rfx_t *t = *state;
    /* an X1 dossier received on 10/3 and never ended: carried into Q3, overdue there */
    json_decref(call(t, "POST", t->x1,
                     "{\"MaHoSo\":\"OPEN-1\",\"MaTTHC\":\"P1\",\"MaDonVi\":\"X1\","
                     "\"KenhThucHien\":1,\"NgayTiepNhan\":\"2024-03-11 09:00\"}",
                     201, "/api/v1/dossiers"));
    long long id = create(t, t->h1, "H1", "quy3");
    json_t *r = call(t, "GET", t->h1, NULL, 200, "/api/v1/reports/%lld", id);
    json_t *os = json_object_get(r, "onestop");
    json_t *k = call(t, "GET", t->admin, NULL, 200,
                     "/api/v1/kpi?unit=H1&tree=1&from=2024-06-15&to=2024-09-14&as_of=%s",
                     str(json_object_get(r, "figures"), "as_of"));
    assert_int_equal(num(os, "received"), num(k, "received"));
    assert_int_equal(num(os, "resolved"), num(k, "resolved"));
    assert_int_equal(num(os, "early"), num(k, "early"));
    assert_int_equal(num(os, "on_time"), num(k, "on_time"));
    assert_int_equal(num(os, "late"), num(k, "late"));
    assert_int_equal(num(os, "in_progress_overdue"), num(k, "overdue_open"));
    assert_int_equal(num(os, "carried_over"), 1); /* OPEN-1 */
    assert_int_equal(num(os, "in_progress"), 1);
    assert_int_equal(num(os, "in_progress_overdue"), 1);
    /* identity: carried over + received = resolved + in progress (+ refused, withdrawn) */
    assert_int_equal(num(os, "carried_over") + num(os, "received"),
                     num(os, "resolved") + num(os, "in_progress"));
    /* per field: the fields sum to the total */
    long long sum = 0;
    size_t i;
    json_t *fld;
    json_array_foreach(json_object_get(json_object_get(r, "figures"), "onestop_fields"), i, fld)
        sum += num(fld, "received");
    assert_int_equal(sum, num(os, "received"));
    json_decref(k);
    json_decref(r);
}

/* --- workflow, frozen figures, access --------------------------------------------------- */

static void save(rfx_t *t, const char *cookie, long long id, const char *code, const char *text,
                 long long version, int want)
{
    json_t *b = json_pack("{s:s,s:I}", "body", text, "version", (json_int_t)version);
    char *s = json_dumps(b, 0);
    json_decref(call(t, "PUT", cookie, s, want, "/api/v1/reports/%lld/sections/%s", id, code));
    free(s);
    json_decref(b);
}

static void expect_code(json_t *j, const char *code)
{
    assert_string_equal(apifx_error_code(j), code);
    json_decref(j);
}

static void cycle_and_access(void **state)
{
    rfx_t *t = *state;
    long long id = create(t, t->s1, "S1", "quy3");
    /* nobody else creates or edits S1's report */
    expect_code(call(t, "POST", t->x1, "{\"unit\":\"S1\",\"kind\":\"quy1\",\"year\":2024}", 403,
                     "/api/v1/reports"),
                "auth.forbidden");
    save(t, t->viewer, id, "II.1", "x", 0, 403);
    save(t, t->standing, id, "II.1", "x", 0, 403);
    expect_code(call(t, "GET", t->x1, NULL, 404, "/api/v1/reports/%lld", id), "report.not_found");
    expect_code(call(t, "GET", t->other, NULL, 404, "/api/v1/reports/%lld", id),
                "report.not_found");
    save(t, t->s1, id, "II.1", "Sở đã rà soát 12 văn bản.", 0, 200);
    save(t, t->s1, id, "II", "heading only", 0, 400); /* a heading has no text of its own */
    save(t, t->s1, id, "IX", "no such section", 0, 400);
    /* the receiver cannot accept before submission, the sender cannot accept at all */
    expect_code(call(t, "POST", t->standing, NULL, 409, "/api/v1/reports/%lld/accept", id),
                "report.not_submitted");
    expect_code(call(t, "POST", t->s1, NULL, 403, "/api/v1/reports/%lld/accept", id),
                "auth.forbidden");
    expect_code(call(t, "POST", t->viewer, NULL, 403, "/api/v1/reports/%lld/submit", id),
                "auth.forbidden");
    expect_code(call(t, "POST", t->x1, NULL, 404, "/api/v1/reports/%lld/submit", id),
                "report.not_found");
}

static void frozen_and_cycle(void **state)
{
    rfx_t *t = *state;
    long long id = create(t, t->s1, "S1", "nam");
    save(t, t->s1, id, "II.2", "Thủ tục hành chính được giải quyết đúng hạn.", 0, 200);
    json_t *r = call(t, "POST", t->s1, NULL, 200, "/api/v1/reports/%lld/submit", id);
    assert_string_equal(str(r, "status"), "submitted");
    assert_true(json_is_true(json_object_get(r, "frozen")));
    assert_true(num(r, "days_late") > 0); /* due 15/12/2024, submitted now */
    assert_true(num(r, "doc_number") >= 1);
    long long received = num(json_object_get(r, "onestop"), "received");
    assert_int_equal(received, 2); /* D9, D10 */
    json_decref(r);
    /* a dossier synchronised late does not change the submitted report */
    json_decref(call(t, "POST", t->s1,
                     "{\"MaHoSo\":\"LATE-SYNC\",\"MaTTHC\":\"P2\",\"MaDonVi\":\"S1\","
                     "\"KenhThucHien\":2,\"NgayTiepNhan\":\"2024-08-01 09:00\"}",
                     201, "/api/v1/dossiers"));
    r = call(t, "GET", t->s1, NULL, 200, "/api/v1/reports/%lld", id);
    assert_int_equal(num(json_object_get(r, "onestop"), "received"), 2);
    json_decref(r);
    json_t *cmp = call(t, "GET", t->standing, NULL, 200, "/api/v1/reports/%lld/compare", id);
    assert_true(num(cmp, "changed") >= 1);
    size_t i;
    json_t *line;
    bool seen = false;
    json_array_foreach(json_object_get(cmp, "lines"), i, line)
    {
        if (strcmp(str(line, "key"), "onestop.received") == 0) {
            assert_int_equal(num(line, "frozen"), 2);
            assert_int_equal(num(line, "now"), 3);
            assert_true(json_is_true(json_object_get(line, "changed")));
            seen = true;
        }
    }
    assert_true(seen);
    json_decref(cmp);
    /* submitted: no edit until returned; only the receiver returns, with a reason */
    save(t, t->s1, id, "II.2", "sửa sau khi gửi", 1, 409);
    expect_code(
        call(t, "POST", t->s1, "{\"reason\":\"x\"}", 403, "/api/v1/reports/%lld/return", id),
        "auth.forbidden");
    expect_code(/* not in H1's scope: not even seen */
                call(t, "POST", t->h1, "{\"reason\":\"x\"}", 404, "/api/v1/reports/%lld/return",
                     id),
                "report.not_found");
    expect_code(
        call(t, "POST", t->standing, "{\"reason\":\"\"}", 400, "/api/v1/reports/%lld/return", id),
        "json.field_missing");
    r = call(t, "POST", t->standing, "{\"reason\":\"Bổ sung số liệu kiểm tra\"}", 200,
             "/api/v1/reports/%lld/return", id);
    assert_string_equal(str(r, "status"), "returned");
    assert_string_equal(str(r, "return_reason"), "Bổ sung số liệu kiểm tra");
    json_decref(r);
    /* the sender is told, with the reason; the receiver was told of the submission */
    r = call(t, "GET", t->s1, NULL, 200, "/api/v1/notices");
    json_t *first = json_array_get(json_object_get(r, "items"), 0);
    assert_string_equal(str(first, "kind"), "report_decided");
    assert_string_equal(str(first, "body"), "Bổ sung số liệu kiểm tra");
    assert_non_null(strstr(str(first, "title"), "bị trả lại"));
    json_decref(r);
    r = call(t, "GET", t->standing, NULL, 200, "/api/v1/notices");
    assert_true(num(r, "unread") >= 1);
    assert_string_equal(str(json_array_get(json_object_get(r, "items"), 0), "kind"),
                        "report_submitted");
    json_decref(r);
    save(t, t->s1, id, "II.2", "Đã bổ sung số liệu kiểm tra.", 1, 200);
    r = call(t, "POST", t->s1, NULL, 200, "/api/v1/reports/%lld/submit", id);
    assert_int_equal(num(r, "submissions"), 2);
    assert_int_equal(num(json_object_get(r, "onestop"), "received"), 3); /* refrozen now */
    json_decref(r);
    r = call(t, "POST", t->standing, NULL, 200, "/api/v1/reports/%lld/accept", id);
    assert_string_equal(str(r, "status"), "accepted");
    assert_false(json_is_true(json_object_get(json_object_get(r, "can"), "edit")));
    json_t *ev = json_object_get(r, "events");
    const char *want[] = {"create", "submit", "return", "resubmit", "accept"};
    assert_int_equal(json_array_size(ev), 5);
    for (size_t k = 0; k < 5; k++)
        assert_string_equal(str(json_array_get(ev, k), "action"), want[k]);
    json_decref(r);
    /* nothing changes after acceptance */
    save(t, t->s1, id, "II.2", "x", 2, 409);
    expect_code(call(t, "POST", t->s1, NULL, 409, "/api/v1/reports/%lld/submit", id),
                "report.locked");
    expect_code(
        call(t, "POST", t->standing, "{\"reason\":\"x\"}", 409, "/api/v1/reports/%lld/return", id),
        "report.locked");
}

/* Two officers of one unit edit the same section: the second save, based on
 * the version both loaded, is refused and the first text is kept. */
static void two_editors(void **state)
{
    rfx_t *t = *state;
    char second[160];
    apifx_user(t->f, "canbo2.h1", ACCESS_ROLE_OFFICER, "H1", second, sizeof second);
    long long id = create(t, t->h1, "H1", "quy1");
    save(t, t->h1, id, "III.1", "Văn bản của người thứ nhất", 0, 200);
    save(t, second, id, "III.1", "Văn bản của người thứ hai", 0, 409);
    json_t *r = call(t, "GET", second, NULL, 200, "/api/v1/reports/%lld", id);
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(r, "sections"), i, s)
    {
        if (strcmp(str(s, "code"), "III.1") == 0) {
            assert_string_equal(str(s, "body"), "Văn bản của người thứ nhất");
            assert_int_equal(num(s, "version"), 1);
            assert_string_equal(str(s, "updated_by"), "canbo.h1");
        }
    }
    json_decref(r);
    save(t, second, id, "III.1", "Văn bản của người thứ hai, sau khi tải lại", 1, 200);
}

/* --- documents with hostile text ----------------------------------------------------------- */

static void documents(void **state)
{
    rfx_t *t = *state;
    long long id = create(t, t->standing, "T", "nam");
    /* 10,000 characters in one paragraph, and markup, quotes and an emoji */
    char *longp = malloc(10100);
    size_t n = 0;
    while (n < 10000) {
        memcpy(longp + n, "Cải cách ", 11);
        n += 11;
    }
    memcpy(longp + n, "KẾT-THÚC", 11);
    save(t, t->standing, id, "II.1", longp, 0, 200);
    save(t, t->standing, id, "V", "Đề nghị <b>Bộ</b> & \"Sở\" 'x' 😀 hỗ trợ.", 0, 200);
    char *dir = testdir_new();
    static const char *const fmts[] = {"pdf", "docx", "xlsx"};
    char *files[3];
    for (size_t i = 0; i < 3; i++) { /* through the CLI (same code as the API's export) */
        files[i] = testdir_join(dir, fmts[i]);
        char ids[32], out[1200];
        snprintf(ids, sizeof ids, "%lld", id);
        snprintf(out, sizeof out, "%s.%s", files[i], fmts[i]);
        free(files[i]);
        files[i] = strdup(out);
        char *data = data_dir();
        const char *args[] = {"report", "export", ids, "--format", fmts[i], "--out", out, NULL};
        run_result_t r = apifx_cli_run(t->f, data, args);
        if (r.status)
            fail_msg("export %s: status %d: %s%s", fmts[i], r.status, r.out, r.err);
        run_result_free(&r);
        free(data);
    }
    /* the API serves the same documents; out of scope: not found */
    for (size_t i = 0; i < 3; i++) {
        char path[128];
        snprintf(path, sizeof path, "/api/v1/reports/%lld/export?format=%s", id, fmts[i]);
        json_decref(apifx_send(t->f, "GET", path, t->standing, NULL, NULL, 0, 200));
        json_decref(apifx_send(t->f, "GET", path, t->other, NULL, NULL, 0, 404));
    }
    json_decref(
        call(t, "GET", t->standing, NULL, 400, "/api/v1/reports/%lld/export?format=odt", id));
    /* the three at once, from one build of the report */
    {
        char ids[32], zp[1200], part[64];
        snprintf(ids, sizeof ids, "%lld", id);
        snprintf(zp, sizeof zp, "%s/all.zip", dir);
        char *data = data_dir();
        const char *args[] = {"report", "export", ids, "--format", "zip", "--out", zp, NULL};
        run_result_t zr = apifx_cli_run(t->f, data, args);
        assert_int_equal(zr.status, 0);
        run_result_free(&zr);
        free(data);
        static const char *const parts[][2] = {
            {"bao-cao-%lld.docx", "PK"}, {"bao-cao-%lld.pdf", "%PDF"}, {"phu-luc-%lld.xlsx", "PK"}};
        for (size_t i = 0; i < 3; i++) {
            size_t plen = 0;
            snprintf(part, sizeof part, parts[i][0], id);
            char *bytes = doctools_zip_part(zp, part, &plen);
            assert_non_null(bytes);
            assert_true(plen > 1000);
            assert_memory_equal(bytes, parts[i][1], strlen(parts[i][1]));
            free(bytes);
        }
    }
    /* PDF as a reader sees it */
    char *text = doctools_pdftotext(files[0], 0);
    const char *const want[] = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                "BÁO CÁO",
                                "Kính gửi: Bộ Nội vụ",
                                "I. CÔNG TÁC CHỈ ĐẠO",
                                "KẾT-THÚC",
                                "<b>Bộ</b> & \"Sở\"",
                                "Nơi nhận:",
                                "PHỤ LỤC I"};
    doctools_in_order(text, want, sizeof want / sizeof want[0]);
    free(text);
    doctools_screenshot(files[0], 1, "reports-document-p1");
    /* DOCX: escaped in the XML, and LibreOffice reads it back */
    size_t len;
    char *xml = doctools_zip_part(files[1], "word/document.xml", &len);
    assert_non_null(strstr(xml, "&lt;b&gt;Bộ&lt;/b&gt; &amp;"));
    assert_non_null(strstr(xml, "😀"));
    free(xml);
    char *lo = doctools_lo_to_pdf(files[1], dir);
    text = doctools_pdftotext(lo, 0);
    doctools_in_order(text, want, sizeof want / sizeof want[0]);
    free(text);
    free(lo);
    /* XLSX: the one-stop appendix with real numbers; its total equals the report's */
    json_t *r = call(t, "GET", t->standing, NULL, 200, "/api/v1/reports/%lld", id);
    long long received = num(json_object_get(r, "onestop"), "received");
    json_decref(r);
    err_t e;
    xlsx_t *book = NULL;
    assert_int_equal(xlsx_read_open_file(files[2], NULL, &book, &e), 0);
    size_t sheet = 0;
    assert_int_equal(xlsx_read_sheet_find(book, "Kết quả giải quyết TTHC", &sheet, &e), 0);
    xlsx_sheet_t *s = NULL;
    assert_int_equal(xlsx_read_sheet_open(book, sheet, &s, &e), 0);
    const xlsx_row_t *row = NULL;
    double total = -1;
    while (xlsx_read_sheet_next(s, &row, &e) == 1) {
        const xlsx_cell_t *c1 = xlsx_read_sheet_cell(row, 1), *c2 = xlsx_read_sheet_cell(row, 2);
        if (c1 && c1->text && strcmp(c1->text, "Tổng cộng") == 0 && c2)
            total = c2->num;
    }
    assert_true(total == (double)received);
    xlsx_read_sheet_close(s);
    xlsx_read_close(book);
    for (size_t i = 0; i < 3; i++)
        free(files[i]);
    testdir_remove(dir);
    free(longp);
}

/* --- consolidation, matrix, reminders ------------------------------------------------------- */

static void consolidation_matrix_reminders(void **state)
{
    rfx_t *t = *state;
    long long s1 = create(t, t->s1, "S1", "6thang");
    save(t, t->s1, s1, "II.1", "Nội dung của Sở Tư pháp.", 0, 200);
    json_decref(call(t, "POST", t->s1, NULL, 200, "/api/v1/reports/%lld/submit", s1));
    long long mine = create(t, t->standing, "T", "6thang");
    json_t *r = call(t, "GET", t->standing, NULL, 200, "/api/v1/reports/%lld", mine);
    json_t *senders = json_object_get(json_object_get(r, "figures"), "senders");
    assert_int_equal(json_array_size(senders), 2); /* S1 and H1 */
    size_t i;
    json_t *s;
    json_array_foreach(senders, i, s)
    {
        if (!strcmp(str(s, "unit"), "S1"))
            assert_string_equal(str(s, "status"), "submitted");
        else /* H1 drafted its report (calendar_and_cli_contract) but did not send it */
            assert_string_equal(str(s, "status"), "draft");
    }
    json_decref(r);
    /* quoting the sender's section into the receiver's own */
    char body[96];
    snprintf(body, sizeof body, "{\"from\":%lld,\"code\":\"II.1\",\"version\":0}", s1);
    json_decref(call(t, "POST", t->standing, body, 200, "/api/v1/reports/%lld/quote", mine));
    r = call(t, "GET", t->standing, NULL, 200, "/api/v1/reports/%lld", mine);
    json_array_foreach(json_object_get(r, "sections"), i, s)
    {
        if (!strcmp(str(s, "code"), "II.1"))
            assert_non_null(strstr(str(s, "body"), "Nội dung của Sở Tư pháp."));
    }
    json_decref(r);
    /* the matrix */
    json_t *m =
        call(t, "GET", t->standing, NULL, 200, "/api/v1/reports/matrix?receiver=T&year=2024");
    assert_int_equal(json_array_size(json_object_get(m, "senders")), 2);
    json_array_foreach(json_object_get(m, "senders"), i, s)
    {
        json_t *cells = json_object_get(s, "reports");
        json_t *c = json_array_get(cells, 1); /* 6thang */
        assert_string_equal(str(c, "kind"), "6thang");
        const char *code = str(json_object_get(s, "unit"), "code");
        assert_string_equal(str(c, "status"), !strcmp(code, "S1") ? "submitted" : "draft");
        if (strcmp(code, "H1") == 0)
            assert_true(json_is_true(json_object_get(c, "overdue")));
    }
    json_decref(m);
    expect_code(call(t, "GET", t->x1, NULL, 403, "/api/v1/reports/matrix?receiver=T&year=2024"),
                "auth.forbidden");
    /* the sent reports of a column in one ZIP (API and CLI); none sent: 404; out of scope: 403 */
    json_decref(apifx_send(t->f, "GET",
                           "/api/v1/reports/matrix/export?receiver=T&year=2024&kind=6thang",
                           t->standing, NULL, NULL, 0, 200));
    expect_code(call(t, "GET", t->standing, NULL, 404,
                     "/api/v1/reports/matrix/export?receiver=T&year=2024&kind=quy3"),
                "report.none_sent");
    json_decref(call(t, "GET", t->x1, NULL, 403,
                     "/api/v1/reports/matrix/export?receiver=T&year=2024&kind=6thang"));
    {
        char *dir = testdir_new(), *zp = testdir_join(dir, "all.zip"), *data = data_dir();
        const char *args[] = {"report", "export-all", "--receiver", "T", "--year", "2024",
                              "--kind", "6thang",     "--out",      zp,  NULL};
        run_result_t zr = apifx_cli_run(t->f, data, args);
        if (zr.status)
            fail_msg("export-all: %s", zr.err);
        assert_non_null(strstr(zr.out, "1 báo cáo"));
        run_result_free(&zr);
        char part[64];
        snprintf(part, sizeof part, "S1-6thang-2024S1.pdf");
        size_t plen = 0;
        char *bytes = doctools_zip_part(zp, part, &plen);
        assert_non_null(bytes);
        assert_memory_equal(bytes, "%PDF", 4);
        free(bytes);
        free(data);
        free(zp);
        testdir_remove(dir);
    }
    /* a reminder to H1: once a day; H1's officer sees it */
    const char *rb = "{\"unit\":\"H1\",\"kind\":\"6thang\",\"year\":2024,\"ref\":\"2024S1\"}";
    expect_code(call(t, "POST", t->x1, rb, 403, "/api/v1/reports/remind"), "auth.forbidden");
    json_t *n = call(t, "POST", t->standing, rb, 200, "/api/v1/reports/remind");
    assert_true(json_is_true(json_object_get(n, "notice")));
    json_decref(n);
    n = call(t, "POST", t->standing, rb, 200, "/api/v1/reports/remind");
    assert_false(json_is_true(json_object_get(n, "notice")));
    json_decref(n);
    /* (H1 was also told of X2's submission in calendar_and_cli_contract) */
    n = call(t, "GET", t->h1, NULL, 200, "/api/v1/notices");
    long long unread = num(n, "unread"), nid = 0, reminders = 0;
    json_array_foreach(json_object_get(n, "items"), i, s)
    {
        if (!strcmp(str(s, "kind"), "report_reminder")) {
            nid = num(s, "id");
            reminders++;
        }
    }
    assert_int_equal(reminders, 1);
    json_decref(n);
    json_decref(call(t, "POST", t->x1, NULL, 404, "/api/v1/notices/%lld/read", nid));
    json_decref(call(t, "POST", t->h1, NULL, 200, "/api/v1/notices/%lld/read", nid));
    n = call(t, "GET", t->h1, NULL, 200, "/api/v1/notices");
    assert_int_equal(num(n, "unread"), unread - 1);
    json_decref(n);
}

/* The PAR criterion "reports on time" (app_report_on_time): X2 sent its
 * 6-month report two working days late (calendar_and_cli_contract); its
 * quarter-I report goes on time, quarter III and the year are not sent. */
static void on_time_for_par(void **state)
{
    rfx_t *t = *state;
    app_t *a = t->f->app;
    app_report_create_in_t in = {"X2", "quy1", 2024, NULL, DTIME_NONE};
    json_t *out = NULL;
    err_t e;
    assert_int_equal(app_report_create(a, NULL, &in, &out, &e), 0);
    int64_t id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    dtime_t at = dtime_make(date_from_ymd(2024, 3, 14), 16, 0, 0);
    assert_int_equal(app_report_submit(a, NULL, id, at, NULL, &e), 0);
    int64_t on_time = -1, due = -1;
    assert_int_equal(
        app_report_on_time(a, "X2", 2024, date_from_ymd(2024, 12, 31), &on_time, &due, &e), 0);
    assert_int_equal(due, 4); /* quy1, 6thang, quy3, nam */
    assert_int_equal(on_time, 1);
    /* only what was due by then */
    assert_int_equal(
        app_report_on_time(a, "X2", 2024, date_from_ymd(2024, 4, 1), &on_time, &due, &e), 0);
    assert_int_equal(due, 1);
    assert_int_equal(on_time, 1);
}

/* Calendar rows set by hand: the receiver asks an ad hoc report of its
 * senders, who see it in their calendar and write it; rows are checked as
 * calendar rows; only the receiver's side (or an admin) sets them. */
static void rules_by_hand(void **state)
{
    rfx_t *t = *state;
    const char *adhoc = "{\"type\":\"adhoc\",\"receiver\":\"T\",\"id\":\"kt-2024\","
                        "\"title\":\"Báo cáo kiểm tra công tác CCHC\",\"from\":\"2024-01-01\","
                        "\"to\":\"2024-04-30\",\"due\":\"2024-05-10\"}";
    expect_code(call(t, "POST", t->s1, adhoc, 403, "/api/v1/reports/rules"), "auth.forbidden");
    expect_code(call(t, "POST", t->x1, adhoc, 403, "/api/v1/reports/rules"), "auth.forbidden");
    json_t *r = call(t, "POST", t->standing, adhoc, 201, "/api/v1/reports/rules");
    long long rid = num(r, "id");
    json_decref(r);
    /* the same id again, a due date before the window's end: refused with the reason */
    expect_code(call(t, "POST", t->standing, adhoc, 409, "/api/v1/reports/rules"),
                "report_cal.overlap");
    json_decref(call(t, "POST", t->standing,
                     "{\"type\":\"rule\",\"receiver\":\"T\",\"kind\":\"quy3\",\"due\":\"10\"}", 400,
                     "/api/v1/reports/rules"));
    expect_code(call(t, "POST", t->standing,
                     "{\"type\":\"rule\",\"receiver\":\"*\","
                     "\"kind\":\"quy3\",\"due\":\"16\"}",
                     403, "/api/v1/reports/rules"),
                "auth.forbidden");
    /* S1 sees it and writes it */
    r = call(t, "GET", t->s1, NULL, 200, "/api/v1/reports/calendar?unit=S1&year=2024");
    json_t *last = json_array_get(json_object_get(r, "reports"),
                                  json_array_size(json_object_get(r, "reports")) - 1);
    assert_string_equal(str(last, "kind"), "dot_xuat");
    assert_string_equal(str(last, "id"), "kt-2024");
    assert_string_equal(str(last, "due"), "2024-05-10");
    json_decref(r);
    r = call(t, "POST", t->s1,
             "{\"unit\":\"S1\",\"kind\":\"dot_xuat\",\"year\":2024,"
             "\"id\":\"kt-2024\"}",
             201, "/api/v1/reports");
    assert_string_equal(str(json_object_get(r, "window"), "to"), "2024-04-30");
    json_decref(r);
    r = call(t, "GET", t->standing, NULL, 200, "/api/v1/reports/rules?receiver=T");
    assert_int_equal(json_array_size(json_object_get(r, "rules")), 1);
    json_decref(r);
    json_decref(call(t, "DELETE", t->s1, NULL, 403, "/api/v1/reports/rules/%lld", rid));
    json_decref(call(t, "DELETE", t->standing, NULL, 200, "/api/v1/reports/rules/%lld", rid));
    expect_code(call(t, "DELETE", t->standing, NULL, 404, "/api/v1/reports/rules/%lld", rid),
                "report.rule_not_found");
}

/* A unit without dossiers gets zeros, not blanks. */
static void zeros_without_data(void **state)
{
    rfx_t *t = *state;
    long long id = create(t, t->admin, "X3", "quy1");
    json_t *r = call(t, "GET", t->admin, NULL, 200, "/api/v1/reports/%lld", id);
    json_t *os = json_object_get(r, "onestop");
    /* every column (the names are pinned by test_report_onestop) */
    for (int c = 0; c < REPORT_OS_COUNT; c++) {
        const char *key = report_onestop_key((report_onestop_col_t)c);
        assert_true(json_is_integer(json_object_get(os, key)));
        assert_int_equal(num(os, key), 0);
    }
    json_decref(r);
}

/* A broken calendar file is refused with its name, line and reason. */
static void broken_calendar_file(void **state)
{
    rfx_t *t = *state;
    char *dir = testdir_new(), *root = data_dir();
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "cp -r %s/calendar %s/indices %s/ && mkdir -p %s/reports && "
             "cp %s/reports/outline.json %s/reports/",
             root, root, dir, dir, root, dir);
    assert_int_equal(system(cmd), 0);
    char *bad = testdir_join(dir, "reports/calendar.csv");
    const char *text = "type,receiver,kind,years,window,due\nrule,*,quy1,,15/12-14/3,\n"
                       "rule,*,nam,,31/12-14/13,\n";
    testdir_write(bad, text, strlen(text));
    const char *args[] = {"report", "calendar", "--unit", "S1", "--year", "2024", NULL};
    run_result_t r = apifx_cli_run(t->f, dir, args);
    assert_int_not_equal(r.status, 0);
    assert_non_null(strstr(r.err, "calendar.csv:3"));
    run_result_free(&r);
    free(bad);
    free(root);
    testdir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(calendar_and_cli_contract),
        cmocka_unit_test(figures_match_kpi_engine),
        cmocka_unit_test(cycle_and_access),
        cmocka_unit_test(frozen_and_cycle),
        cmocka_unit_test(two_editors),
        cmocka_unit_test(documents),
        cmocka_unit_test(consolidation_matrix_reminders),
        cmocka_unit_test(on_time_for_par),
        cmocka_unit_test(rules_by_hand),
        cmocka_unit_test(zeros_without_data),
        cmocka_unit_test(broken_calendar_file),
    };
    return cmocka_run_group_tests(tests, setup, apifx_teardown);
}
