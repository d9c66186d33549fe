/* Integration tests of the ledger API: dossiers, the applicant's public
 * view, KPI and explain, citizen feedback — a real server on 127.0.0.1
 * (ephemeral port) over a fresh database holding the ledger fixture
 * (tests/fixtures/ledger), spoken to over plain sockets. Every endpoint,
 * every error status, scope checks, public endpoints without a session and
 * what public answers must not reveal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_auth.h"
#include "app/app_calendar.h"
#include "app/app_kpi.h"
#include "app/app_ledger.h"
#include "io/dossier_io.h"
#include "app/app_units.h"
#include "http/api.h"
#include "io/procedure_io.h"
#include "io/unit_io.h"
#include "support/testdb.h"
#include "support/http_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

typedef struct fixture {
    char dir[64];
    char db[128];
    app_t *app;
    http_server_t *srv;
    uint16_t port;
    char admin[160], x1[160], x2[160], viewer[160];
} fixture_t;

static const char *root(void)
{
    const char *r = getenv("CCHC_ROOT");
    return r && *r ? r : ".";
}

static void load_fixture(fixture_t *f)
{
    err_t e;
    char path[1100];
    unit_set_t us;
    unit_set_init(&us);
    snprintf(path, sizeof path, "%s/tests/fixtures/ledger/units.csv", root());
    assert_int_equal(unit_io_read_file(path, &us, &e), 0);
    snprintf(path, sizeof path, "%s/tests/fixtures/ledger/links.csv", root());
    assert_int_equal(unit_io_read_file(path, &us, &e), 0);
    assert_int_equal(app_units_import(f->app, NULL, &us, "units", NULL, &e), 0);
    unit_set_release(&us);
    procedure_set_t ps;
    procedure_set_init(&ps);
    snprintf(path, sizeof path, "%s/tests/fixtures/ledger/procedures.csv", root());
    assert_int_equal(procedure_io_read_file(path, &ps, &e), 0);
    assert_int_equal(app_ledger_import_procedures(f->app, NULL, &ps, "p", NULL, &e), 0);
    procedure_set_release(&ps);
    char cmd[1300];
    snprintf(cmd, sizeof cmd, "cp %s/tests/fixtures/ledger/dossiers.csv %s/d.csv", root(), f->dir);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/d.csv", f->dir);
    ledger_ingest_opts_t o = {0};
    o.reader = &dossier_io_reader;
    ledger_ingest_report_t r;
    assert_int_equal(app_ledger_ingest(f->app, NULL, path, &o, &r, &e), 0);
    assert_int_equal(r.st.inserted, 13);
}

static void login_cookie(uint16_t port, const char *login, const char *pw, char *cookie, size_t cap)
{
    char body[256];
    snprintf(body, sizeof body, "{\"login\":\"%s\",\"password\":\"%s\"}", login, pw);
    tc_response_t r;
    assert_int_equal(tc_request(port, "POST", "/api/v1/login", "Content-Type: application/json\r\n",
                                body, strlen(body), &r),
                     0);
    assert_int_equal(r.status, 200);
    const char *sc = tc_header(&r, "Set-Cookie");
    assert_non_null(sc);
    size_t n = strcspn(sc, ";");
    snprintf(cookie, cap, "Cookie: %.*s\r\n", (int)n, sc);
    tc_response_free(&r);
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/cchc-apid-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    testdb_path(f->db, sizeof f->db, f->dir, "t.db");
    char data[1100];
    snprintf(data, sizeof data, "%s/data", root());
    err_t e;
    app_config_t cfg = {.db_path = f->db, .data_dir = data};
    assert_int_equal(app_open(&cfg, &f->app, &e), 0);
    load_fixture(f);
    static const struct {
        const char *login;
        access_role_t role;
        const char *unit;
    } users[] = {{"admin", ACCESS_ROLE_ADMIN, NULL},
                 {"canbo1", ACCESS_ROLE_OFFICER, "X1"},
                 {"canbo2", ACCESS_ROLE_OFFICER, "X2"},
                 {"xem", ACCESS_ROLE_VIEWER, "H1"}};
    for (int i = 0; i < 4; i++)
        assert_int_equal(app_auth_user_add(f->app, NULL, users[i].login, "password-123",
                                           users[i].role, users[i].unit, NULL, &e),
                         0);
    http_config_t hc = {0};
    hc.listen = "127.0.0.1:0";
    hc.max_body = 64 * 1024;
    f->srv = http_server_new(&hc, api_routes, &api_hooks, f->app, &e);
    assert_non_null(f->srv);
    assert_int_equal(http_server_start(f->srv, &e), 0);
    f->port = http_server_port(f->srv);
    login_cookie(f->port, "admin", "password-123", f->admin, sizeof f->admin);
    login_cookie(f->port, "canbo1", "password-123", f->x1, sizeof f->x1);
    login_cookie(f->port, "canbo2", "password-123", f->x2, sizeof f->x2);
    login_cookie(f->port, "xem", "password-123", f->viewer, sizeof f->viewer);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    http_server_stop(f->srv);
    http_server_free(f->srv);
    app_close(f->app);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

/* Sends a request; returns the raw body (caller frees) after checking the
 * status. */
static char *call_raw(fixture_t *f, const char *method, const char *path, const char *cookie,
                      const char *body, int expect_status)
{
    tc_response_t r;
    char hdr[512];
    snprintf(hdr, sizeof hdr, "%s%s", cookie ? cookie : "",
             body ? "Content-Type: application/json\r\n" : "");
    assert_int_equal(tc_request(f->port, method, path, hdr, body, body ? strlen(body) : 0, &r), 0);
    if (r.status != expect_status)
        fail_msg("%s %s -> %d, want %d: %s", method, path, r.status, expect_status, r.body);
    char *out = strdup(r.body);
    tc_response_free(&r);
    return out;
}

static json_t *call(fixture_t *f, const char *method, const char *path, const char *cookie,
                    const char *body, int expect_status)
{
    char *raw = call_raw(f, method, path, cookie, body, expect_status);
    json_error_t je;
    json_t *j = json_loads(raw, 0, &je);
    if (!j)
        fail_msg("not JSON: %s", raw);
    free(raw);
    return j;
}

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static const char *err_code(const json_t *j)
{
    return str(json_object_get(j, "error"), "code");
}

static const char *err_field(const json_t *j)
{
    return str(json_object_get(j, "error"), "field");
}

/* Expects an error answer with code (and field when not NULL). */
static void expect_error(fixture_t *f, const char *method, const char *path, const char *cookie,
                         const char *body, int status, const char *code, const char *field)
{
    json_t *j = call(f, method, path, cookie, body, status);
    if (strcmp(err_code(j), code) != 0)
        fail_msg("%s %s: code %s, want %s", method, path, err_code(j), code);
    if (field && strcmp(err_field(j), field) != 0)
        fail_msg("%s %s: field '%s', want %s", method, path, err_field(j), field);
    const json_t *err = json_object_get(j, "error");
    assert_true(strlen(str(err, "message")) > 0);
    assert_true(strlen(str(err, "message_en")) > 0);
    json_decref(j);
}

#define NEW_X1                                                                                     \
    "{\"MaHoSo\":\"API-1\",\"MaTTHC\":\"P1\",\"MaDonVi\":\"X1\",\"KenhThucHien\":2,"               \
    "\"ToanTrinh\":1,\"NgayTiepNhan\":\"2024-02-07 10:00\",\"HoSoCoThanhPhanSoHoa\":\"1\","        \
    "\"note\":\"qua Cổng DVC\"}"

static void receive_dossiers(void **state)
{
    fixture_t *f = *state;
    const char *P = "/api/v1/dossiers";
    expect_error(f, "POST", P, NULL, NEW_X1, 401, "auth.required", NULL);
    expect_error(f, "POST", P, f->x2, NEW_X1, 403, "auth.forbidden", NULL);
    expect_error(f, "POST", P, f->viewer, NEW_X1, 403, "auth.forbidden", NULL);
    json_t *j = call(f, "POST", P, f->x1, NEW_X1, 201);
    assert_string_equal(str(j, "code"), "API-1");
    assert_string_equal(str(j, "due"), "2024-02-19T10:00:00"); /* across Tết */
    assert_int_equal(json_integer_value(json_object_get(j, "status")), 2);
    assert_true(json_is_true(json_object_get(j, "full_online")));
    assert_true(json_is_true(json_object_get(j, "digitized")));
    json_t *tl = json_object_get(j, "timeline");
    assert_int_equal(json_array_size(tl), 1);
    assert_string_equal(str(json_array_get(tl, 0), "kind"), "received");
    assert_string_equal(str(json_array_get(tl, 0), "actor"), "canbo1");
    assert_string_equal(str(json_array_get(tl, 0), "note"), "qua Cổng DVC");
    json_decref(j);
    expect_error(f, "POST", P, f->x1, NEW_X1, 409, "dossier.duplicate", NULL);
    expect_error(f, "POST", P, f->admin,
                 "{\"MaHoSo\":\"API-2\",\"MaTTHC\":\"P9\",\"MaDonVi\":\"X1\",\"KenhThucHien\":1,"
                 "\"NgayTiepNhan\":\"2024-03-01 09:00\"}",
                 400, "dossier.procedure_unknown", "MaTTHC");
    expect_error(f, "POST", P, f->admin,
                 "{\"MaHoSo\":\"API-2\",\"MaTTHC\":\"P1\",\"MaDonVi\":\"ZZ\",\"KenhThucHien\":1,"
                 "\"NgayTiepNhan\":\"2024-03-01 09:00\"}",
                 400, "dossier.unit_unknown", "MaDonVi");
    expect_error(f, "POST", P, f->admin,
                 "{\"MaHoSo\":\"API-2\",\"MaTTHC\":\"P1\",\"MaDonVi\":\"X1\","
                 "\"NgayTiepNhan\":\"2024-03-01 09:00\"}",
                 400, "json.field_missing", "KenhThucHien");
    expect_error(f, "POST", P, f->admin,
                 "{\"MaHoSo\":\"API-2\",\"MaTTHC\":\"P1\",\"MaDonVi\":\"X1\",\"KenhThucHien\":7}",
                 400, "json.field_range", "KenhThucHien");
    expect_error(f, "POST", P, f->admin,
                 "{\"MaHoSo\":\"API-2\",\"MaTTHC\":\"P1\",\"MaDonVi\":\"X1\",\"KenhThucHien\":1,"
                 "\"NgayTiepNhan\":\"hôm qua\"}",
                 400, "http.bad_time", "NgayTiepNhan");
    expect_error(f, "POST", P, f->admin,
                 "{\"MaHoSo\":5,\"MaTTHC\":\"P1\",\"MaDonVi\":\"X1\",\"KenhThucHien\":1}", 400,
                 "json.field_type", "MaHoSo");
    expect_error(f, "POST", P, f->admin,
                 "{\"MaHoSo\":\"A B\",\"MaTTHC\":\"P1\",\"MaDonVi\":\"X1\",\"KenhThucHien\":1}",
                 400, "dossier.code", "MaHoSo");
    expect_error(f, "POST", P, f->admin,
                 "{\"MaHoSo\":\"API-2\",\"MaTTHC\":\"P1\",\"MaDonVi\":\"X1\",\"KenhThucHien\":1,"
                 "\"NgayTiepNhan\":\"2024-03-01 09:00\",\"NgayHenTra\":\"2024-02-01 09:00\"}",
                 400, "dossier.order", "NgayHenTra");
    expect_error(f, "POST", P, f->admin, "[1]", 400, "json.not_object", NULL);
    expect_error(f, "POST", P, f->admin, "{", 400, "json.malformed", NULL);
    /* without NgayTiepNhan: received now */
    j = call(f, "POST", P, f->admin,
             "{\"MaHoSo\":\"API-3\",\"MaTTHC\":\"P2\",\"MaDonVi\":\"S1\",\"KenhThucHien\":\"1\","
             "\"NgayHenTra\":\"2099-01-01 09:00\"}",
             201);
    assert_string_equal(str(j, "due"), "2099-01-01T09:00:00");
    assert_string_equal(str(j, "class"), "open");
    json_decref(j);
}

static void post_event(fixture_t *f, const char *cookie, const char *body, int status)
{
    json_t *j = call(f, "POST", "/api/v1/dossiers/API-1/events", cookie, body, status);
    json_decref(j);
}

static void dossier_events_and_state(void **state)
{
    fixture_t *f = *state;
    const char *E = "/api/v1/dossiers/API-1/events";
    expect_error(f, "POST", E, NULL, "{\"kind\":\"transfer\"}", 401, "auth.required", NULL);
    expect_error(f, "POST", E, f->x2, "{\"kind\":\"transfer\",\"at\":\"2024-02-15 08:00\"}", 403,
                 "auth.forbidden", NULL);
    expect_error(f, "POST", "/api/v1/dossiers/NOPE/events", f->x1,
                 "{\"kind\":\"transfer\",\"at\":\"2024-02-15 08:00\"}", 404, "dossier.not_found",
                 NULL);
    expect_error(f, "POST", E, f->x1, "{\"kind\":\"fly\"}", 400, "dossier.event_kind", "kind");
    expect_error(f, "POST", E, f->x1, "{\"kind\":\"received\"}", 400, "dossier.event_kind", "kind");
    expect_error(f, "POST", E, f->x1, "{\"at\":\"2024-02-15 08:00\"}", 400, "json.field_missing",
                 "kind");
    /* returned before processed: 409 with both messages */
    json_t *j =
        call(f, "POST", E, f->x1, "{\"kind\":\"returned\",\"at\":\"2024-02-15 08:00\"}", 409);
    assert_string_equal(err_code(j), "dossier.transition");
    const json_t *err = json_object_get(j, "error");
    assert_non_null(strstr(str(err, "message"), "không thể ghi sự kiện"));
    assert_non_null(strstr(str(err, "message_en"), "not allowed"));
    json_decref(j);
    post_event(f, f->x1, "{\"kind\":\"supplement_request\",\"at\":\"2024-02-15 08:00\"}", 201);
    /* before the previous event */
    j = call(f, "POST", E, f->x1, "{\"kind\":\"supplement_supplied\",\"at\":\"2024-02-14 08:00\"}",
             409);
    assert_string_equal(err_code(j), "dossier.order");
    assert_non_null(strstr(str(json_object_get(j, "error"), "message_en"), "before the latest"));
    json_decref(j);
    post_event(f, f->x1, "{\"kind\":\"supplement_supplied\",\"at\":\"2024-02-16 08:00\"}", 201);
    expect_error(f, "POST", E, f->x1,
                 "{\"kind\":\"rating\",\"rating\":2,\"at\":\"2024-02-16 09:00\"}", 409,
                 "dossier.transition", NULL);
    expect_error(f, "POST", E, f->x1, "{\"kind\":\"rating\",\"rating\":7}", 400, "json.field_range",
                 "rating");
    expect_error(f, "POST", E, f->x1, "{\"kind\":\"transfer\",\"at\":\"2999-01-01 08:00\"}", 400,
                 "dossier.future", "at");
    j = call(f, "POST", E, f->x1,
             "{\"kind\":\"processed\",\"at\":\"2024-02-20 09:00\",\"e_result\":true}", 201);
    /* due 19/2 10:00 plus the pause 15/2 08:00-16/2 08:00 (450 working min): 20/2 10:00 */
    assert_string_equal(str(j, "due"), "2024-02-20T10:00:00");
    assert_string_equal(str(j, "class"), "on_time");
    assert_true(json_is_true(json_object_get(j, "e_result")));
    json_decref(j);
    post_event(f, f->x1, "{\"kind\":\"returned\",\"at\":\"2024-02-20 10:00\"}", 201);
    post_event(f, f->x1, "{\"kind\":\"rating\",\"rating\":3,\"at\":\"2024-02-21 10:00\"}", 201);
    expect_error(f, "POST", E, f->x1, "{\"kind\":\"stop\",\"at\":\"2024-02-22 10:00\"}", 409,
                 "dossier.transition", NULL);
    /* GET: state, class as of a moment, timeline */
    const char *G = "/api/v1/dossiers/API-1";
    expect_error(f, "GET", G, NULL, NULL, 401, "auth.required", NULL);
    expect_error(f, "GET", G, f->x2, NULL, 403, "auth.forbidden", NULL);
    expect_error(f, "GET", "/api/v1/dossiers/NOPE", f->x1, NULL, 404, "dossier.not_found", NULL);
    expect_error(f, "GET", "/api/v1/dossiers/API-1?as_of=soon", f->x1, NULL, 400, "http.bad_time",
                 NULL);
    j = call(f, "GET", G, f->viewer, NULL, 200); /* H1 viewer reads X1 */
    assert_int_equal(json_integer_value(json_object_get(j, "status")), 10);
    assert_int_equal(json_integer_value(json_object_get(j, "rating")), 3);
    assert_int_equal(json_integer_value(json_object_get(j, "supplements")), 1);
    json_t *tl = json_object_get(j, "timeline");
    assert_int_equal(json_array_size(tl), 6);
    assert_string_equal(str(json_array_get(tl, 1), "kind"), "supplement_request");
    assert_string_equal(str(json_array_get(tl, 5), "kind"), "rating");
    json_decref(j);
    j = call(f, "GET", "/api/v1/dossiers/API-1?as_of=2024-02-15%2012:00", f->x1, NULL, 200);
    assert_string_equal(str(j, "class"), "open"); /* paused */
    json_decref(j);
    j = call(f, "GET", "/api/v1/dossiers/D6?as_of=2024-12-26", f->admin, NULL, 200);
    assert_string_equal(str(j, "class"), "overdue");
    json_decref(j);
}

static void public_dossier_view(void **state)
{
    fixture_t *f = *state;
    char *raw = call_raw(f, "GET", "/api/v1/public/dossiers/D6", NULL, NULL, 200);
    assert_non_null(strstr(raw, "{\"code\":\"D6\",\"status\":4,\"status_label\":\"Đang xử lý\","
                                "\"status_label_en\":\"processing\","
                                "\"appointment\":\"2024-12-25T09:00:00\",\"received\":\""));
    /* the procedure, the receiving agency and the history in words; no
     * note, actor or other internal data (issue 10 item 12) */
    assert_non_null(strstr(raw, "\"label\":\"Tiếp nhận hồ sơ\""));
    assert_null(strstr(raw, "note"));
    assert_null(strstr(raw, "actor"));
    free(raw);
    /* the same with a session: nothing more */
    json_t *j = call(f, "GET", "/api/v1/public/dossiers/D6", f->admin, NULL, 200);
    assert_int_equal(json_object_size(j), 9);
    assert_null(json_object_get(j, "unit"));
    assert_true(json_is_string(json_object_get(json_object_get(j, "procedure"), "name")));
    assert_true(json_is_string(json_object_get(json_object_get(j, "agency"), "name")));
    assert_true(json_array_size(json_object_get(j, "history")) >= 1);
    json_decref(j);
    /* trimmed and case-insensitive, through the form's query route */
    j = call(f, "GET", "/api/v1/public/dossiers?code=%20d6%20", NULL, NULL, 200);
    assert_string_equal(str(j, "code"), "D6");
    json_decref(j);
    /* odd characters: the usual 404, never a path */
    j = call(f, "GET", "/api/v1/public/dossiers?code=AB%2F..%2Fx", NULL, NULL, 404);
    assert_string_equal(str(json_object_get(j, "error"), "code"), "dossier.not_found");
    json_decref(j);
    /* an apology re-issues the appointment the applicant sees */
    j = call(f, "POST", "/api/v1/dossiers/D6/events", f->x2,
             "{\"kind\":\"apology\",\"at\":\"2024-12-24 09:00\",\"appointment\":\"2024-12-30 "
             "09:00\",\"note\":\"xin lỗi và hẹn lại ngày trả\"}",
             201);
    assert_string_equal(str(j, "appointment"), "2024-12-30T09:00:00");
    assert_string_equal(str(j, "due"), "2024-12-25T09:00:00");
    json_decref(j);
    j = call(f, "GET", "/api/v1/public/dossiers/D6", NULL, NULL, 200);
    assert_string_equal(str(j, "appointment"), "2024-12-30T09:00:00");
    json_decref(j);
    /* unknown codes: one uniform 404 */
    char *a = call_raw(f, "GET", "/api/v1/public/dossiers/D999", NULL, NULL, 404);
    char *b = call_raw(f, "GET", "/api/v1/public/dossiers/ZZZZZZZZ", NULL, NULL, 404);
    assert_string_equal(a, b);
    assert_null(strstr(a, "D999"));
    free(a);
    free(b);
}

static void kpi_endpoints(void **state)
{
    fixture_t *f = *state;
    char *raw = call_raw(f, "GET", "/api/v1/kpi?unit=T&tree=1&period=2024&as_of=2025-01-01",
                         f->admin, NULL, 200);
    assert_string_equal(
        raw,
        "{\"unit\":\"T\",\"from\":\"2024-01-01\",\"to\":\"2024-12-31\",\"as_of\":\"2025-01-01T00:"
        "00:00\",\"received\":12,\"resolved\":9,\"early\":3,\"on_time\":3,\"late\":3,"
        "\"overdue_open\":1,\"indicators\":{\"tthc.on_time\":{\"value\":66.67,\"num\":6,\"den\":"
        "9},\"tthc.early\":{\"value\":33.33,\"num\":3,\"den\":9},\"tthc.satisfaction\":{\"value\":"
        "80.00,\"num\":4,\"den\":5},\"tthc.online\":{\"value\":40.00,\"num\":4,\"den\":10},"
        "\"tthc.full_online\":{\"value\":22.22,\"num\":2,\"den\":9},\"tthc.online_payment\":{"
        "\"value\":33.33,\"num\":1,\"den\":3},\"tthc.digitized\":{\"value\":30.00,\"num\":3,"
        "\"den\":10},\"tthc.digitized_result\":{\"value\":33.33,\"num\":3,\"den\":9},"
        "\"catalog.online_service\":{\"value\":50.00,\"num\":1,\"den\":2},"
        "\"catalog.online_payment\":{\"value\":50.00,\"num\":1,\"den\":2},\"catalog.published\":{"
        "\"value\":66.67,\"num\":2,\"den\":3},\"feedback.on_time\":{\"value\":null,\"num\":0,"
        "\"den\":0}}}");
    free(raw);
    json_t *j = call(f, "GET", "/api/v1/kpi?unit=X2&from=2024-01-01&to=2024-12-31&as_of=2025-01-01",
                     f->x2, NULL, 200);
    assert_int_equal(json_integer_value(json_object_get(j, "received")), 4);
    json_decref(j);
    j = call(f, "GET", "/api/v1/kpi?unit=X2&tree=1&period=2024&as_of=2025-01-01&tree_at=2024-06-30",
             f->admin, NULL, 200);
    assert_int_equal(json_integer_value(json_object_get(j, "received")), 4);
    json_decref(j);
    expect_error(f, "GET", "/api/v1/kpi?unit=T&period=2024", NULL, NULL, 401, "auth.required",
                 NULL);
    expect_error(f, "GET", "/api/v1/kpi?unit=T&period=2024", f->x2, NULL, 403, "auth.forbidden",
                 NULL);
    expect_error(f, "GET", "/api/v1/kpi?period=2024", f->admin, NULL, 400, "http.bad_param",
                 "unit");
    expect_error(f, "GET", "/api/v1/kpi?unit=T&period=2024Q5", f->admin, NULL, 400, "kpi.period",
                 "period");
    expect_error(f, "GET", "/api/v1/kpi?unit=T&from=2024-01-01", f->admin, NULL, 400,
                 "http.bad_param", "period");
    expect_error(f, "GET", "/api/v1/kpi?unit=T&from=2024-02-30&to=2024-03-01", f->admin, NULL, 400,
                 "http.bad_date", NULL);
    expect_error(f, "GET", "/api/v1/kpi?unit=T&period=2024&as_of=x", f->admin, NULL, 400,
                 "http.bad_param", "as_of");
    expect_error(f, "GET", "/api/v1/kpi?unit=NOPE&period=2024", f->admin, NULL, 404,
                 "unit.not_found", NULL);
    /* explain, paged */
    const char *X = "/api/v1/kpi/explain?unit=X2&tree=1&period=2024&as_of=2025-01-01&indicator="
                    "tthc.on_time";
    j = call(f, "GET", X, f->x2, NULL, 200);
    assert_int_equal(json_integer_value(json_object_get(j, "num")), 1);
    assert_int_equal(json_integer_value(json_object_get(j, "den")), 3);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
    assert_int_equal(json_array_size(json_object_get(j, "dossiers")), 3);
    assert_true(json_real_value(json_object_get(j, "value")) > 33.32);
    json_decref(j);
    char paged[300];
    snprintf(paged, sizeof paged, "%s&limit=1&offset=1", X);
    raw = call_raw(f, "GET", paged, f->admin, NULL, 200);
    assert_non_null(strstr(raw, "\"value\":33.33,\"num\":1,\"den\":3,\"total\":3,\"offset\":1,"
                                "\"limit\":1,\"dossiers\":[{\"code\":"));
    j = json_loads(raw, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(j, "dossiers")), 1);
    json_decref(j);
    free(raw);
    expect_error(f, "GET", "/api/v1/kpi/explain?unit=X2&period=2024", f->admin, NULL, 400,
                 "http.bad_param", "indicator");
    expect_error(f, "GET", "/api/v1/kpi/explain?unit=X2&period=2024&indicator=nope", f->admin, NULL,
                 400, "kpi.indicator", "indicator");
    expect_error(f, "GET",
                 "/api/v1/kpi/explain?unit=X2&period=2024&indicator=tthc.early&limit=5000",
                 f->admin, NULL, 400, "http.bad_param", "limit");
    expect_error(f, "GET", "/api/v1/kpi/explain?unit=X1&period=2024&indicator=tthc.early", f->x2,
                 NULL, 403, "auth.forbidden", NULL);
    expect_error(f, "GET", "/api/v1/kpi/explain?unit=X1&period=2024&indicator=tthc.early", NULL,
                 NULL, 401, "auth.required", NULL);
}

static void feedback_endpoints(void **state)
{
    fixture_t *f = *state;
    /* a citizen submits without a session */
    json_t *j = call(f, "POST", "/api/v1/feedback", NULL,
                     "{\"unit\":\"X1\",\"subject\":\"Đèn đường hỏng\",\"content\":\"Ấp 3\","
                     "\"sender_name\":\"Trần Thị B\",\"sender_contact\":\"0911 111 111\","
                     "\"received\":\"2020-01-01 08:00\",\"code\":\"MINE\"}",
                     201);
    assert_int_equal(json_object_size(j), 3);
    char code[64];
    snprintf(code, sizeof code, "%s", str(j, "code"));
    assert_int_equal(strncmp(code, "PAKN-", 5), 0); /* the client's code is ignored */
    assert_string_equal(str(j, "status"), "received");
    json_decref(j);
    expect_error(f, "POST", "/api/v1/feedback", NULL, "{\"unit\":\"X1\"}", 400,
                 "json.field_missing", "subject");
    expect_error(f, "POST", "/api/v1/feedback", NULL, "{\"unit\":\"ZZ\",\"subject\":\"x\"}", 400,
                 "feedback.unit_unknown", "unit");
    char *big = malloc(40000);
    int n = snprintf(big, 40000, "{\"unit\":\"X1\",\"subject\":\"x\",\"content\":\"");
    memset(big + n, 'a', 39000 - (size_t)n);
    snprintf(big + 39000, 1000, "\"}");
    expect_error(f, "POST", "/api/v1/feedback", NULL, big, 413, "feedback.too_large", NULL);
    free(big);
    /* its public status: code, status, label; nothing personal */
    char path[160], epath[160], rpath[160];
    snprintf(path, sizeof path, "/api/v1/public/feedback/%s", code);
    snprintf(epath, sizeof epath, "/api/v1/feedback/%s/events", code);
    snprintf(rpath, sizeof rpath, "/api/v1/public/feedback/%s/rating", code);
    char *raw = call_raw(f, "GET", path, NULL, NULL, 200);
    assert_null(strstr(raw, "Trần"));
    assert_null(strstr(raw, "0911"));
    j = json_loads(raw, 0, NULL);
    assert_int_equal(json_object_size(j), 3);
    /* No unit either (checked on the fields: the random public code may
     * itself contain any letters and digits). */
    assert_null(json_object_get(j, "unit"));
    const char *k;
    json_t *val;
    json_object_foreach(j, k, val)
    {
        if (json_is_string(val))
            assert_string_not_equal(json_string_value(val), "X1");
    }
    json_decref(j);
    free(raw);
    expect_error(f, "GET", "/api/v1/public/feedback/PAKN-0000000000", NULL, NULL, 404,
                 "feedback.not_found", NULL);
    /* the citizen cannot rate before the answer */
    expect_error(f, "POST", rpath, NULL, "{\"rating\":3}", 409, "feedback.transition", NULL);
    /* officers handle it */
    expect_error(f, "POST", epath, NULL, "{\"kind\":\"acknowledge\"}", 401, "auth.required", NULL);
    expect_error(f, "POST", epath, f->x2, "{\"kind\":\"acknowledge\"}", 403, "auth.forbidden",
                 NULL);
    expect_error(f, "POST", epath, f->viewer, "{\"kind\":\"acknowledge\"}", 403, "auth.forbidden",
                 NULL);
    expect_error(f, "POST", epath, f->x1, "{\"kind\":\"answer\"}", 409, "feedback.transition",
                 NULL);
    expect_error(f, "POST", epath, f->x1, "{\"kind\":\"dance\"}", 400, "feedback.event", "kind");
    expect_error(f, "POST", "/api/v1/feedback/PAKN-NOPE/events", f->x1,
                 "{\"kind\":\"acknowledge\"}", 404, "feedback.not_found", NULL);
    j = call(f, "POST", epath, f->x1, "{\"kind\":\"acknowledge\",\"note\":\"đã nhận\"}", 201);
    assert_string_equal(str(j, "status"), "acknowledged");
    assert_string_equal(str(json_object_get(j, "timeliness"), "ack"), "on_time");
    json_decref(j);
    expect_error(f, "POST", epath, f->x1, "{\"kind\":\"answer\",\"at\":\"2020-01-01 08:00\"}", 409,
                 "feedback.order", NULL);
    j = call(f, "POST", epath, f->x1, "{\"kind\":\"answer\"}", 201);
    assert_string_equal(str(json_object_get(j, "timeliness"), "answer"), "on_time");
    json_decref(j);
    /* detail for officers in scope, with the personal data */
    snprintf(path, sizeof path, "/api/v1/feedback/%s", code);
    expect_error(f, "GET", path, NULL, NULL, 401, "auth.required", NULL);
    expect_error(f, "GET", path, f->x2, NULL, 403, "auth.forbidden", NULL);
    expect_error(f, "GET", "/api/v1/feedback/PAKN-NOPE", f->x1, NULL, 404, "feedback.not_found",
                 NULL);
    j = call(f, "GET", path, f->viewer, NULL, 200);
    assert_string_equal(str(json_object_get(j, "sender"), "name"), "Trần Thị B");
    assert_string_equal(str(j, "status"), "answered");
    assert_int_equal(json_array_size(json_object_get(j, "timeline")), 3);
    assert_string_equal(str(json_array_get(json_object_get(j, "timeline"), 0), "actor"), "citizen");
    json_decref(j);
    /* the citizen rates, once */
    expect_error(f, "POST", rpath, NULL, "{\"rating\":9}", 400, "json.field_range", "rating");
    expect_error(f, "POST", rpath, NULL, "{}", 400, "json.field_missing", "rating");
    expect_error(f, "POST", "/api/v1/public/feedback/PAKN-0000000000/rating", NULL,
                 "{\"rating\":2}", 404, "feedback.not_found", NULL);
    j = call(f, "POST", rpath, NULL, "{\"rating\":2}", 200);
    assert_int_equal(json_object_size(j), 3);
    json_decref(j);
    expect_error(f, "POST", rpath, NULL, "{\"rating\":3}", 409, "feedback.transition", NULL);
    /* lists follow the scope */
    j = call(f, "GET", "/api/v1/feedback", f->x2, NULL, 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
    json_decref(j);
    j = call(f, "GET", "/api/v1/feedback?unit=H1&tree=1&status=answered", f->viewer, NULL, 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    assert_string_equal(str(json_array_get(json_object_get(j, "items"), 0), "code"), code);
    json_decref(j);
    expect_error(f, "GET", "/api/v1/feedback?status=lost", f->admin, NULL, 400, "http.bad_param",
                 NULL);
    expect_error(f, "GET", "/api/v1/feedback", NULL, NULL, 401, "auth.required", NULL);
    /* the answer counts in feedback.on_time for this year */
    j = call(f, "GET", "/api/v1/kpi?unit=H1&tree=1&from=2020-01-01&to=2099-12-31", f->admin, NULL,
             200);
    json_t *fb = json_object_get(json_object_get(j, "indicators"), "feedback.on_time");
    assert_int_equal(json_integer_value(json_object_get(fb, "den")), 1);
    assert_int_equal(json_integer_value(json_object_get(fb, "num")), 1);
    json_decref(j);
    j = call(f, "GET",
             "/api/v1/kpi/explain?unit=H1&tree=1&from=2020-01-01&to=2099-12-31&indicator="
             "feedback.on_time",
             f->admin, NULL, 200);
    assert_string_equal(str(json_array_get(json_object_get(j, "dossiers"), 0), "code"), code);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kpi_endpoints), /* first: on the fixture as imported */
        cmocka_unit_test(receive_dossiers),    cmocka_unit_test(dossier_events_and_state),
        cmocka_unit_test(public_dossier_view), cmocka_unit_test(feedback_endpoints),
    };
    return cmocka_run_group_tests_name("api_dossiers", tests, setup, teardown);
}
