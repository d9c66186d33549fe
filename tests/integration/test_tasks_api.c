/* Integration tests of task tracking over HTTP (API.md "Tasks"): plan 002
 * imported by the admin, its groups expanded; lists and filters with a
 * fixed "today"; updates with evidence; transitions refused; unit scope for
 * every task endpoint (role x endpoint x in/out of scope); two concurrent
 * updates of one assignment both kept. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/api_fixture.h"
#include "support/http_client.h"

#include <pthread.h>
#include <stdio.h>
#include <zip.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define P002 "002_f2f413426d7afbab.txt"

typedef struct tfx {
    apifx_t *f;
    long long plan;
    char admin[160], stc[160], snv_viewer[160], standing[160];
} tfx_t;

static int setup(void **state)
{
    tfx_t *t = calloc(1, sizeof *t);
    t->f = apifx_open(4 << 20);
    apifx_user(t->f, "admin", ACCESS_ROLE_ADMIN, NULL, t->admin, sizeof t->admin);
    apifx_user(t->f, "canbo.stc", ACCESS_ROLE_OFFICER, "VLG.STC", t->stc, sizeof t->stc);
    apifx_user(t->f, "xem.snv", ACCESS_ROLE_VIEWER, "VLG.SNV", t->snv_viewer, sizeof t->snv_viewer);
    apifx_user(t->f, "thuongtruc", ACCESS_ROLE_STANDING, "VLG", t->standing, sizeof t->standing);
    t->plan = apifx_import_plan(t->f, t->admin, P002);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    tfx_t *t = *state;
    apifx_close(t->f);
    free(t);
    return 0;
}

static json_t *get(tfx_t *t, const char *cookie, int want, const char *fmt, ...)
{
    char path[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    return apifx_json(t->f, "GET", path, cookie, NULL, want);
}

/* The id of the first assignment of unit in plan 002. */
static long long first_of(tfx_t *t, const char *unit)
{
    json_t *j = get(t, t->admin, 200, "/api/v1/tasks?plan=%lld&unit=%s&limit=1", t->plan, unit);
    json_t *it = json_array_get(json_object_get(j, "items"), 0);
    assert_non_null(it);
    long long id = json_integer_value(json_object_get(it, "id"));
    json_decref(j);
    return id;
}

static void groups_expanded_and_filters(void **state)
{
    tfx_t *t = *state;
    json_t *j =
        get(t, t->admin, 200, "/api/v1/tasks?plan=%lld&today=2024-03-20&limit=5000", t->plan);
    long long total = json_integer_value(json_object_get(j, "total"));
    assert_true(total > 66 * 5); /* "Các sở, ban, ngành", "UBND cấp huyện"... expanded */
    assert_string_equal(json_string_value(json_object_get(j, "today")), "2024-03-20");
    size_t i;
    json_t *it;
    const char *prev = "";
    json_array_foreach(json_object_get(j, "items"), i, it)
    {
        const char *due = json_string_value(json_object_get(it, "due"));
        if (due) { /* sorted by due date, none last */
            assert_true(strcmp(prev, due) <= 0);
            prev = due;
        } else {
            prev = "9999";
        }
    }
    json_decref(j);
    /* task 1 ("Quý IV/2023"): lead Sở Nội vụ, due 2023-12-31, overdue in March 2024 */
    j = get(
        t, t->admin, 200,
        "/api/v1/tasks?plan=%lld&unit=VLG.SNV&today=2024-03-20&q=quyet dinh ban hanh ke hoach cchc",
        t->plan);
    it = json_array_get(json_object_get(j, "items"), 0);
    assert_non_null(it);
    assert_string_equal(json_string_value(json_object_get(it, "due")), "2023-12-31");
    assert_true(json_is_true(json_object_get(it, "overdue")));
    assert_string_equal(json_string_value(json_object_get(it, "role")), "lead");
    assert_string_equal(json_string_value(json_object_get(json_object_get(it, "unit"), "code")),
                        "VLG.SNV");
    json_decref(j);
    /* unit filter, overdue and due-soon lists */
    j = get(t, t->admin, 200, "/api/v1/tasks/overdue?plan=%lld&unit=VLG.STC&today=2024-03-20",
            t->plan);
    assert_true(json_integer_value(json_object_get(j, "total")) > 0);
    json_array_foreach(json_object_get(j, "items"), i, it)
    {
        assert_true(json_is_true(json_object_get(it, "overdue")));
        assert_string_equal(json_string_value(json_object_get(json_object_get(it, "unit"), "code")),
                            "VLG.STC");
    }
    json_decref(j);
    j = get(t, t->admin, 200, "/api/v1/tasks/due-soon?plan=%lld&days=10&today=2024-03-20", t->plan);
    assert_true(json_integer_value(json_object_get(j, "total")) > 0);
    json_array_foreach(json_object_get(j, "items"), i, it)
    {
        assert_true(json_is_true(json_object_get(it, "due_soon")));
        long long left = json_integer_value(json_object_get(it, "workdays_left"));
        assert_true(left >= 0 && left <= 10);
    }
    json_decref(j);
    j = get(t, t->admin, 400, "/api/v1/tasks?area=9");
    assert_string_equal(apifx_error_code(j), "http.bad_param");
    json_decref(j);
}

static long long upload_pdf(tfx_t *t, const char *cookie, long long id, const char *unit,
                            const char *name, int want)
{
    static const char pdf[] = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    char path[256];
    snprintf(path, sizeof path,
             "/api/v1/evidence?unit=%s&attached_type=task_assignment&attached_id=%lld&filename=%s",
             unit, id, name);
    json_t *j =
        apifx_send(t->f, "POST", path, cookie, "application/pdf", pdf, sizeof pdf - 1, want);
    long long ev = json_integer_value(json_object_get(json_object_get(j, "evidence"), "id"));
    json_decref(j);
    return ev;
}

static void update_with_evidence(void **state)
{
    tfx_t *t = *state;
    long long id = first_of(t, "VLG.STC");
    long long ev = upload_pdf(t, t->stc, id, "VLG.STC", "bao-cao.pdf", 201);
    char body[256], path[64];
    snprintf(path, sizeof path, "/api/v1/tasks/%lld/updates", id);
    snprintf(body, sizeof body,
             "{\"status\":\"dang_thuc_hien\",\"progress\":40,\"note\":\"Đã dự thảo <b>\","
             "\"evidence\":[%lld]}",
             ev);
    json_t *j = apifx_json(t->f, "POST", path, t->stc, body, 201);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "dang_thuc_hien");
    assert_int_equal(json_integer_value(json_object_get(j, "progress")), 40);
    json_t *h = json_array_get(json_object_get(j, "history"), 0);
    assert_string_equal(json_string_value(json_object_get(h, "note")), "Đã dự thảo <b>");
    assert_string_equal(json_string_value(json_object_get(h, "author")), "canbo.stc");
    json_t *evj = json_array_get(json_object_get(h, "evidence"), 0);
    assert_string_equal(json_string_value(json_object_get(evj, "filename")), "bao-cao.pdf");
    json_decref(j);
    /* the same file cannot be linked twice */
    j = apifx_json(t->f, "POST", path, t->stc, body, 400);
    assert_string_equal(apifx_error_code(j), "task.evidence_invalid");
    json_decref(j);
    /* rules of the domain: progress 100 without completion, reason required */
    j = apifx_json(t->f, "POST", path, t->stc, "{\"status\":\"dang_thuc_hien\",\"progress\":100}",
                   400);
    assert_string_equal(apifx_error_code(j), "task.progress");
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
                        "progress");
    json_decref(j);
    j = apifx_json(t->f, "POST", path, t->stc, "{\"status\":\"khong_thuc_hien_duoc\"}", 400);
    assert_string_equal(apifx_error_code(j), "task.reason_required");
    json_decref(j);
    /* completed late (due 2023-12-31, completed on 2024-01-10), then a refused transition */
    j = apifx_json(t->f, "POST", path, t->stc,
                   "{\"status\":\"hoan_thanh\",\"on\":\"2024-01-10\",\"note\":\"Đã ban hành\"}",
                   201);
    const char *st = json_string_value(json_object_get(j, "status"));
    json_t *due = json_object_get(j, "due");
    if (json_is_string(due) && strcmp(json_string_value(due), "2024-01-10") < 0)
        assert_string_equal(st, "hoan_thanh_qua_han");
    assert_int_equal(json_array_size(json_object_get(j, "history")), 2);
    json_decref(j);
    j = apifx_json(t->f, "POST", path, t->stc, "{\"status\":\"chua_thuc_hien\"}", 409);
    assert_string_equal(apifx_error_code(j), "task.transition");
    json_decref(j);
    /* progress roll-up of the unit counts it */
    j = get(t, t->stc, 200, "/api/v1/progress?plan=%lld", t->plan);
    json_t *tot = json_object_get(j, "total");
    assert_int_equal(json_integer_value(json_object_get(tot, "completed")), 1);
    assert_true(json_array_size(json_object_get(j, "by_area")) > 0);
    json_decref(j);
}

/* role x endpoint x in/out of scope -> status */
static void scope_matrix(void **state)
{
    tfx_t *t = *state;
    long long in = first_of(t, "VLG.STC");    /* the officer's unit */
    long long out = first_of(t, "VLG.SKHDT"); /* another department */
    long long snv = first_of(t, "VLG.SNV");
    struct {
        const char *who;
        const char *cookie;
        long long id;
        int get, post;
    } rows[] = {
        {"officer in scope", t->stc, in, 200, 201},
        {"officer out of scope", t->stc, out, 403, 403},
        {"viewer in scope", t->snv_viewer, snv, 200, 403},
        {"viewer out of scope", t->snv_viewer, in, 403, 403},
        {"standing (province)", t->standing, out, 200, 201},
        {"admin", t->admin, out, 200, 201},
        {"anonymous", "", in, 401, 401},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char path[64];
        snprintf(path, sizeof path, "/api/v1/tasks/%lld", rows[i].id);
        json_decref(apifx_json(t->f, "GET", path, rows[i].cookie, NULL, rows[i].get));
        snprintf(path, sizeof path, "/api/v1/tasks/%lld/updates", rows[i].id);
        json_decref(apifx_json(t->f, "POST", path, rows[i].cookie,
                               "{\"status\":\"dang_thuc_hien\",\"progress\":10}", rows[i].post));
    }
    /* lists leave out what is out of scope */
    json_t *j = get(t, t->stc, 200, "/api/v1/tasks?limit=5000");
    size_t k;
    json_t *it;
    assert_true(json_array_size(json_object_get(j, "items")) > 0);
    json_array_foreach(json_object_get(j, "items"), k, it) assert_string_equal(
        json_string_value(json_object_get(json_object_get(it, "unit"), "code")), "VLG.STC");
    json_decref(j);
    /* evidence for another unit's task is refused */
    upload_pdf(t, t->stc, out, "VLG.SKHDT", "x.pdf", 403);
    /* explicit tracking start: admin yes, officer of another unit no */
    char path[64];
    snprintf(path, sizeof path, "/api/v1/plans/%lld/tracking", t->plan);
    json_decref(apifx_json(t->f, "POST", path, t->stc, "{}", 403));
    j = apifx_json(t->f, "POST", path, t->admin, "{}", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "expanded")), 0); /* already started */
    json_decref(j);
}

typedef struct racer {
    tfx_t *t;
    long long id;
    int n;
    int status;
} racer_t;

static void *race(void *arg)
{
    racer_t *r = arg;
    char path[64], body[128];
    snprintf(path, sizeof path, "/api/v1/tasks/%lld/updates", r->id);
    snprintf(body, sizeof body, "{\"status\":\"dang_thuc_hien\",\"progress\":%d,\"note\":\"n%d\"}",
             20 + r->n, r->n);
    char hdr[512];
    snprintf(hdr, sizeof hdr, "%sContent-Type: application/json\r\n", r->t->admin);
    tc_response_t resp;
    if (tc_request(r->t->f->port, "POST", path, hdr, body, strlen(body), &resp) == 0)
        r->status = resp.status;
    tc_response_free(&resp);
    return NULL;
}

static void concurrent_updates_both_kept(void **state)
{
    tfx_t *t = *state;
    long long id = first_of(t, "VLG.SYT");
    racer_t r[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        r[i] = (racer_t){t, id, i, 0};
        assert_int_equal(pthread_create(&th[i], NULL, race, &r[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(r[i].status, 201);
    }
    char path[64];
    snprintf(path, sizeof path, "/api/v1/tasks/%lld", id);
    json_t *j = apifx_json(t->f, "GET", path, t->admin, NULL, 200);
    json_t *hist = json_object_get(j, "history");
    assert_int_equal(json_array_size(hist), 4);
    assert_int_equal(json_integer_value(json_object_get(j, "updates")), 4);
    /* the current state is the newest history row */
    assert_int_equal(json_integer_value(json_object_get(j, "progress")),
                     json_integer_value(json_object_get(json_array_get(hist, 0), "progress")));
    json_decref(j);
}

/* A recurring task ("Định kỳ…") has one occurrence per quarter, each with
 * its own status; it is overdue while a past one is not completed. */
static void periodic_occurrences(void **state)
{
    tfx_t *t = *state;
    json_t *l = get(t, t->admin, 200,
                    "/api/v1/tasks?plan=%lld&unit=VLG.STP&today=2024-08-10&limit=500", t->plan);
    long long id = 0;
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(l, "items"), i, it)
    {
        const char *kind = json_string_value(json_object_get(it, "deadline_kind"));
        if (!id && kind && strcmp(kind, "recurring") == 0)
            id = json_integer_value(json_object_get(it, "id"));
    }
    json_decref(l);
    assert_true(id > 0);
    char path[64];
    snprintf(path, sizeof path, "/api/v1/tasks/%lld/updates", id);
    json_decref(apifx_json(t->f, "POST", path, t->admin,
                           "{\"status\":\"hoan_thanh\",\"period\":\"2024Q1\",\"on\":\"2024-03-20\","
                           "\"note\":\"Đã gửi báo cáo\"}",
                           201));
    json_t *j = apifx_json(t->f, "POST", path, t->admin,
                           "{\"status\":\"hoan_thanh\",\"period\":\"2024Q4\",\"on\":\"2024-08-10\","
                           "\"note\":\"Đã gửi\"}",
                           400);
    assert_string_equal(apifx_error_code(j), "task.period");
    json_decref(j);
    j = get(t, t->admin, 200, "/api/v1/tasks/%lld?today=2024-08-10", id);
    assert_string_equal(json_string_value(json_object_get(j, "period")), "2024Q3");
    assert_int_equal(json_integer_value(json_object_get(j, "missed")), 1); /* Q2 */
    assert_true(json_is_true(json_object_get(j, "overdue")));
    json_t *occ = json_object_get(j, "occurrences");
    assert_int_equal(json_array_size(occ), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(occ, 0), "status")),
                        "hoan_thanh");
    assert_string_equal(json_string_value(json_object_get(json_array_get(occ, 1), "status")),
                        "chua_thuc_hien");
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(j, "history"), 0), "period")),
                        "2024Q1");
    json_decref(j);
    /* Q2 reported late: no occurrence missed any more; the current one (Q3) is open */
    json_decref(apifx_json(t->f, "POST", path, t->admin,
                           "{\"status\":\"hoan_thanh\",\"period\":\"2024Q2\",\"on\":\"2024-07-05\","
                           "\"note\":\"Đã gửi báo cáo\"}",
                           201));
    j = get(t, t->admin, 200, "/api/v1/tasks/%lld?today=2024-08-10", id);
    assert_int_equal(json_integer_value(json_object_get(j, "missed")), 0);
    assert_true(json_is_false(json_object_get(j, "overdue")));
    assert_string_equal(json_string_value(json_object_get(j, "status")), "chua_thuc_hien");
    occ = json_object_get(j, "occurrences");
    assert_string_equal(json_string_value(json_object_get(json_array_get(occ, 1), "status")),
                        "hoan_thanh_qua_han");
    json_decref(j);
    /* a one-off task refuses a period */
    long long once = first_of(t, "VLG.SKHCN");
    snprintf(path, sizeof path, "/api/v1/tasks/%lld/updates", once);
    j = apifx_json(t->f, "POST", path, t->admin,
                   "{\"status\":\"dang_thuc_hien\",\"progress\":5,\"period\":\"2024Q1\"}", 400);
    assert_string_equal(apifx_error_code(j), "task.period");
    json_decref(j);
}

/* One periodic assignment has one status everywhere (issue 10 item 3): the
 * list, the list filtered by status, the detail and the detail's list of
 * units show its current occurrence; in January after the plan year (today
 * clamped to the last quarter) three quarters come before the current one. */
static void periodic_one_status(void **state)
{
    tfx_t *t = *state;
    const char *today = "2025-01-10";
    json_t *l = get(t, t->admin, 200, "/api/v1/tasks?plan=%lld&unit=VLG.SYT&today=%s&limit=500",
                    t->plan, today);
    long long id = 0, task = 0;
    const char *unit = NULL;
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(l, "items"), i, it)
    {
        const char *kind = json_string_value(json_object_get(it, "deadline_kind"));
        const char *code = json_string_value(json_object_get(json_object_get(it, "unit"), "code"));
        if (!id && kind && strcmp(kind, "recurring") == 0 && code &&
            json_integer_value(json_object_get(it, "updates")) == 0) {
            id = json_integer_value(json_object_get(it, "id"));
            task = json_integer_value(json_object_get(it, "task_id"));
            unit = code;
        }
    }
    assert_true(id > 0);
    char path[96], code[64];
    snprintf(code, sizeof code, "%s", unit);
    json_decref(l);
    snprintf(path, sizeof path, "/api/v1/tasks/%lld/updates", id);
    json_decref(apifx_json(t->f, "POST", path, t->admin,
                           "{\"status\":\"dang_thuc_hien\",\"progress\":50,\"period\":\"2024Q4\","
                           "\"on\":\"2024-11-20\"}",
                           201));
    /* the list */
    l = get(t, t->admin, 200, "/api/v1/tasks?plan=%lld&unit=%s&today=%s&limit=500", t->plan, code,
            today);
    json_t *mine = NULL;
    json_array_foreach(json_object_get(l, "items"), i, it)
    {
        if (json_integer_value(json_object_get(it, "id")) == id)
            mine = it;
    }
    assert_non_null(mine);
    assert_string_equal(json_string_value(json_object_get(mine, "status")), "dang_thuc_hien");
    assert_int_equal(json_integer_value(json_object_get(mine, "progress")), 50);
    assert_string_equal(json_string_value(json_object_get(mine, "period")), "2024Q4");
    assert_int_equal(json_integer_value(json_object_get(mine, "missed")), 3);
    assert_true(json_is_true(json_object_get(mine, "overdue")));
    json_decref(l);
    /* the list filtered by that status finds it */
    l = get(t, t->admin, 200,
            "/api/v1/tasks?plan=%lld&unit=%s&status=dang_thuc_hien&today=%s&limit=500", t->plan,
            code, today);
    bool found = false;
    json_array_foreach(json_object_get(l, "items"), i, it)
    {
        found |= json_integer_value(json_object_get(it, "id")) == id;
    }
    assert_true(found);
    json_decref(l);
    /* the detail and its list of units */
    json_t *j = get(t, t->admin, 200, "/api/v1/tasks/%lld?today=%s", id, today);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "dang_thuc_hien");
    assert_int_equal(json_integer_value(json_object_get(j, "progress")), 50);
    assert_int_equal(json_integer_value(json_object_get(j, "missed")), 3);
    assert_int_equal(json_integer_value(json_object_get(j, "task_id")), task);
    json_t *peer = NULL;
    json_array_foreach(json_object_get(j, "assignments"), i, it)
    {
        if (json_integer_value(json_object_get(it, "id")) == id)
            peer = it;
    }
    assert_non_null(peer);
    assert_string_equal(json_string_value(json_object_get(peer, "status")), "dang_thuc_hien");
    json_decref(j);
}

/* "Hạn trong quý 1" over all plans: the first quarter of each plan's year
 * (plan 002 is of 2024), whatever today is (issue 10 item 4). */
static void quarter_of_the_plans_years(void **state)
{
    tfx_t *t = *state;
    json_t *l = get(t, t->admin, 200, "/api/v1/tasks?due_quarter=1&today=2026-05-20&limit=500");
    assert_true(json_integer_value(json_object_get(l, "total")) > 0);
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(l, "items"), i, it)
    {
        const char *due = json_string_value(json_object_get(it, "due"));
        assert_non_null(due);
        assert_true(strcmp(due, "2024-01-01") >= 0 && strcmp(due, "2024-03-31") <= 0);
    }
    json_decref(l);
    json_decref(get(t, t->admin, 400, "/api/v1/tasks?due_quarter=5"));
}

static char *zip_member(const char *data, size_t len, const char *name)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    assert_non_null(src);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, name, 0, &st), 0);
    char *buf = malloc(st.size + 1);
    zip_file_t *f = zip_fopen(z, name, 0);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
    buf[st.size] = '\0';
    zip_fclose(f);
    zip_close(z);
    return buf;
}

static long long count_of(const char *hay, const char *needle)
{
    long long n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Lists at real sizes (issue 10 item 5): pages with the total, sorting by
 * status, unit and area, and the whole filtered list as XLSX. */
static void paging_sorting_export(void **state)
{
    tfx_t *t = *state;
    json_t *all = get(t, t->admin, 200, "/api/v1/tasks?plan=%lld&limit=5000", t->plan);
    long long total = json_integer_value(json_object_get(all, "total"));
    assert_true(total > 1000);
    json_t *p2 = get(t, t->admin, 200, "/api/v1/tasks?plan=%lld&limit=50&offset=50", t->plan);
    assert_int_equal(json_integer_value(json_object_get(p2, "total")), total);
    assert_int_equal(json_array_size(json_object_get(p2, "items")), 50);
    assert_int_equal(
        json_integer_value(json_object_get(json_array_get(json_object_get(p2, "items"), 0), "id")),
        json_integer_value(
            json_object_get(json_array_get(json_object_get(all, "items"), 50), "id")));
    json_decref(p2);
    json_decref(all);
    /* by area: 1..8, none last; by status: in the order of the statuses */
    static const char *const order[] = {"chua_thuc_hien", "dang_thuc_hien", "hoan_thanh",
                                        "hoan_thanh_qua_han", "khong_thuc_hien_duoc"};
    json_t *l = get(t, t->admin, 200, "/api/v1/tasks?plan=%lld&sort=area&limit=5000", t->plan);
    long long prev = 0;
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(l, "items"), i, it)
    {
        json_t *a = json_object_get(it, "area");
        long long v = json_is_integer(a) ? json_integer_value(a) : 99;
        assert_true(v >= prev);
        prev = v;
    }
    json_decref(l);
    l = get(t, t->admin, 200, "/api/v1/tasks?plan=%lld&sort=status&desc=1&limit=5000", t->plan);
    prev = 99;
    json_array_foreach(json_object_get(l, "items"), i, it)
    {
        const char *st = json_string_value(json_object_get(it, "status"));
        long long k = 0;
        while (k < 5 && strcmp(order[k], st) != 0)
            k++;
        assert_true(k < 5 && k <= prev);
        prev = k;
    }
    json_decref(l);
    l = get(t, t->admin, 400, "/api/v1/tasks?sort=nope");
    assert_string_equal(apifx_error_code(l), "task.sort");
    json_decref(l);
    /* the filtered list (one unit) as a workbook: every row, dates as dates */
    json_t *mine =
        get(t, t->admin, 200, "/api/v1/tasks?plan=%lld&unit=VLG.STC&limit=5000", t->plan);
    long long n = json_integer_value(json_object_get(mine, "total"));
    assert_true(n > 10);
    json_decref(mine);
    char path[160];
    snprintf(path, sizeof path, "/api/v1/tasks/export.xlsx?plan=%lld&unit=VLG.STC", t->plan);
    tc_response_t r;
    assert_int_equal(tc_request(t->f->port, "GET", path, t->admin, NULL, 0, &r), 0);
    assert_int_equal(r.status, 200);
    char *book = zip_member(r.body, r.body_len, "xl/workbook.xml");
    char *sheet = zip_member(r.body, r.body_len, "xl/worksheets/sheet1.xml");
    char *strings = zip_member(r.body, r.body_len, "xl/sharedStrings.xml");
    tc_response_free(&r);
    assert_non_null(strstr(book, "name=\"Nhiệm vụ\""));
    assert_non_null(strstr(strings, "Trạng thái"));
    assert_non_null(strstr(strings, "Sở Tài chính"));
    /* title, count line, header, then one row per assignment */
    assert_int_equal(count_of(sheet, "<row "), 3 + n);
    free(book);
    free(sheet);
    free(strings);
}

/* The update form's rules (issue 10 item 9): a completion needs evidence
 * or a note, a dry run checks without writing (before files are uploaded),
 * the note is counted in characters, and errors name fields in words. */
static void completion_proof_and_dry_run(void **state)
{
    tfx_t *t = *state;
    long long id = first_of(t, "VLG.SKHCN");
    char path[64];
    snprintf(path, sizeof path, "/api/v1/tasks/%lld/updates", id);
    json_t *j = apifx_json(t->f, "POST", path, t->admin, "{\"status\":\"hoan_thanh\"}", 400);
    assert_string_equal(apifx_error_code(j), "task.completion_proof");
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
                        "note");
    json_decref(j);
    /* a dry run with a file still to upload passes and writes nothing */
    j = apifx_json(t->f, "POST", path, t->admin,
                   "{\"status\":\"hoan_thanh\",\"dry_run\":true,\"evidence_pending\":1}", 200);
    assert_true(json_is_true(json_object_get(j, "dry_run")));
    json_decref(j);
    j = get(t, t->admin, 200, "/api/v1/tasks/%lld", id);
    assert_int_equal(json_array_size(json_object_get(j, "history")), 0);
    json_decref(j);
    /* progress out of range: in words, no internal field name */
    j = apifx_json(t->f, "POST", path, t->admin, "{\"status\":\"dang_thuc_hien\",\"progress\":150}",
                   400);
    const char *msg = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
    assert_string_equal(msg, "Tiến độ (%): phải từ 0 đến 100");
    assert_null(strstr(msg, "progress"));
    json_decref(j);
    /* 4000 Vietnamese characters (12000 bytes) fit; 4001 do not */
    size_t n = 4001 * 3 + 64;
    char *body = malloc(n + 64);
    assert_non_null(body);
    char *p = body + snprintf(body, n, "{\"status\":\"dang_thuc_hien\",\"note\":\"");
    for (int i = 0; i < 4001; i++) {
        memcpy(p, "ệ", 3);
        p += 3;
    }
    snprintf(p, 8, "\"}");
    json_decref(apifx_json(t->f, "POST", path, t->admin, body, 400));
    p -= 3;
    snprintf(p, 8, "\"}");
    json_decref(apifx_json(t->f, "POST", path, t->admin, body, 201));
    free(body);
    /* a note is proof enough; adding a note to a completed task keeps it */
    json_decref(apifx_json(t->f, "POST", path, t->admin,
                           "{\"status\":\"hoan_thanh\",\"note\":\"Đã hoàn thành\"}", 201));
    j = get(t, t->admin, 200, "/api/v1/tasks/%lld", id);
    assert_true(json_is_string(json_object_get(j, "completed_on")));
    json_decref(j);
}

/* An officer's plan filter lists the plans their tasks come from (the
 * province plan of a department's officer; issue 10 item 8). */
static void officer_sees_the_plans_of_their_tasks(void **state)
{
    tfx_t *t = *state;
    json_t *j = get(t, t->stc, 200, "/api/v1/plans");
    json_t *mine = NULL;
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(j, "plans"), i, p)
    {
        if (json_integer_value(json_object_get(p, "id")) == t->plan)
            mine = p;
    }
    assert_non_null(mine);
    const char *unit = json_string_value(json_object_get(mine, "unit_code"));
    if (!unit || strncmp(unit, "VLG.STC", 7) != 0)
        assert_true(json_is_true(json_object_get(mine, "via_tasks")));
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(groups_expanded_and_filters),
        cmocka_unit_test(update_with_evidence),
        cmocka_unit_test(scope_matrix),
        cmocka_unit_test(concurrent_updates_both_kept),
        cmocka_unit_test(periodic_occurrences),
        cmocka_unit_test(periodic_one_status),
        cmocka_unit_test(quarter_of_the_plans_years),
        cmocka_unit_test(paging_sorting_export),
        cmocka_unit_test(completion_proof_and_dry_run),
        cmocka_unit_test(officer_sees_the_plans_of_their_tasks),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
