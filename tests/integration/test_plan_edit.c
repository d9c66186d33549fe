/* Integration tests of plan edits (issue 14 items 3-4): the preview with
 * edits and its review (POST /api/v1/plans/parse), import with edits (API
 * and `cchc plan import --edits`), the recorded edits (GET
 * /api/v1/plans/{id}/edits, `cchc plan edits`), the editor on a stored
 * plan (POST /api/v1/plans/{id}/edits, `cchc plan edit`: ids kept, a
 * tracked task not deletable, audit entries), GET /api/v1/deadline/parse.
 * On a fresh database of the engine tests/support/testdb selects. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "http/api.h"
#include "support/api_fixture.h"
#include "support/cli_run.h"
#include "support/testdir.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define P004 "004_9a23d4ea0e0477f2.txt"
#define P002 "002_f2f413426d7afbab.txt"

typedef struct fixture {
    apifx_t *f; /* first member: apifx_teardown */
    char admin[160];
    char officer[160];
    char viewer[160];
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    f->f = apifx_open(4 << 20);
    apifx_user(f->f, "admin", ACCESS_ROLE_ADMIN, NULL, f->admin, sizeof f->admin);
    apifx_user(f->f, "canbo", ACCESS_ROLE_OFFICER, "VLG.SNV", f->officer, sizeof f->officer);
    apifx_user(f->f, "canbo2", ACCESS_ROLE_OFFICER, "VLG.STC", f->viewer, sizeof f->viewer);
    *state = f;
    return 0;
}

/* {"filename":name,"content_base64":…<extra>} (malloc'd). */
static char *upload_json(const char *name, const char *extra)
{
    size_t len;
    char *data = apifx_read_plan(name, &len);
    size_t cap = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(cap);
    sodium_bin2base64(b64, cap, (const unsigned char *)data, len, sodium_base64_VARIANT_ORIGINAL);
    size_t n = cap + strlen(name) + strlen(extra) + 128;
    char *body = malloc(n);
    snprintf(body, n, "{\"filename\":\"%s\",\"content_base64\":\"%s\"%s}", name, b64, extra);
    free(b64);
    free(data);
    return body;
}

static json_t *task(json_t *plan, size_t i)
{
    return json_array_get(json_object_get(plan, "tasks"), i);
}

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The preview: edits applied, errors naming the op, the review. */
static void preview_with_edits(void **state)
{
    fixture_t *f = *state;
    char *body = upload_json(P004, "");
    json_t *orig = apifx_json(f->f, "POST", "/api/v1/plans/parse", f->officer, body, 200);
    free(body);
    size_t n = json_array_size(json_object_get(orig, "tasks"));
    assert_true(n >= 3);
    json_t *review = json_object_get(orig, "review");
    assert_non_null(json_object_get(review, "areas"));
    assert_true(json_array_size(json_object_get(review, "areas")) > 0);
    char extra[1024];
    snprintf(extra, sizeof extra,
             ",\"edits\":[{\"op\":\"set_task\",\"index\":0,\"no\":\"%s\",\"set\":{\"title\":"
             "\"Tên đã sửa\",\"deadline\":\"Tháng 9/2024\"}},{\"op\":\"delete_task\",\"index\":1,"
             "\"no\":\"%s\"}]",
             str(task(orig, 0), "no"), str(task(orig, 1), "no"));
    body = upload_json(P004, extra);
    json_t *j = apifx_json(f->f, "POST", "/api/v1/plans/parse", f->officer, body, 200);
    free(body);
    assert_int_equal(json_array_size(json_object_get(j, "tasks")), n - 1);
    assert_string_equal(str(task(j, 0), "title"), "Tên đã sửa");
    assert_non_null(json_object_get(task(j, 0), "deadline"));
    assert_string_equal(str(task(j, 1), "no"), str(task(orig, 2), "no"));
    json_decref(j);
    /* a stale number: refused, naming the op */
    body = upload_json(P004, ",\"edits\":[{\"op\":\"delete_task\",\"index\":0},"
                             "{\"op\":\"delete_task\",\"index\":0,\"no\":\"zzz\"}]");
    j = apifx_json(f->f, "POST", "/api/v1/plans/parse", f->officer, body, 400);
    free(body);
    assert_string_equal(apifx_error_code(j), "planedit.mismatch");
    const char *msg = str(json_object_get(j, "error"), "message_en");
    assert_true(msg && strstr(msg, "Edit 1"));
    json_decref(j);
    body = upload_json(P004, ",\"edits\":[{\"op\":\"set_task\",\"index\":0,\"set\":{\"lead\":"
                             "[{\"text\":\"X\",\"unit\":\"NO.SUCH\"}]}}]");
    j = apifx_json(f->f, "POST", "/api/v1/plans/parse", f->officer, body, 400);
    free(body);
    assert_string_equal(apifx_error_code(j), "planedit.unit_unknown");
    json_decref(j);
    /* a raw upload carries its edits in the query */
    size_t len;
    char *raw = apifx_read_plan(P004, &len);
    j = apifx_send(f->f, "POST",
                   "/api/v1/plans/parse?filename=004.txt&edits="
                   "%5B%7B%22op%22%3A%22delete_task%22%2C%22index%22%3A0%7D%5D",
                   f->officer, "text/plain", raw, len, 200);
    assert_int_equal(json_array_size(json_object_get(j, "tasks")), n - 1);
    json_decref(j);
    j = apifx_send(f->f, "POST", "/api/v1/plans/parse?filename=004.txt&edits=%5Bx", f->officer,
                   "text/plain", raw, len, 400);
    assert_string_equal(apifx_error_code(j), "planedit.json");
    json_decref(j);
    free(raw);
    body = upload_json(P004, ",\"edits\":{\"op\":\"x\"}");
    j = apifx_json(f->f, "POST", "/api/v1/plans/parse", f->officer, body, 400);
    free(body);
    assert_string_equal(apifx_error_code(j), "planedit.json");
    json_decref(j);
    json_decref(orig);
}

static long long import_with_edits(fixture_t *f, json_t **orig)
{
    char *body = upload_json(P004, "");
    *orig = apifx_json(f->f, "POST", "/api/v1/plans/parse", f->officer, body, 200);
    free(body);
    char extra[1024];
    snprintf(extra, sizeof extra,
             ",\"unit\":\"VLG.SNV\",\"edits\":[{\"op\":\"delete_task\",\"index\":2,\"no\":\"%s\"},"
             "{\"op\":\"add_task\",\"set\":{\"title\":\"Nhiệm vụ bị sót\",\"lead\":[{\"text\":"
             "\"Sở Nội vụ\",\"unit\":\"VLG.SNV\"}],\"deadline\":\"Quý IV/2024\"}}]",
             str(task(*orig, 2), "no"));
    body = upload_json(P004, extra);
    json_t *j = apifx_json(f->f, "POST", "/api/v1/plans", f->officer, body, 201);
    free(body);
    long long id = json_integer_value(json_object_get(j, "id"));
    assert_int_equal(json_integer_value(json_object_get(j, "tasks")),
                     json_array_size(json_object_get(*orig, "tasks")));
    json_decref(j);
    return id;
}

/* The first tracked assignment of plan id (its task's no and id). */
static long long first_assignment(fixture_t *f, long long id, char *no, size_t cap,
                                  long long *task_id)
{
    char path[128];
    snprintf(path, sizeof path, "/api/v1/tasks?plan=%lld&limit=5000", id);
    json_t *j = apifx_json(f->f, "GET", path, f->admin, NULL, 200);
    json_t *it = json_array_get(json_object_get(j, "items"), 0);
    assert_non_null(it);
    long long a = json_integer_value(json_object_get(it, "id"));
    *task_id = json_integer_value(json_object_get(it, "task_id"));
    snprintf(no, cap, "%s", str(it, "task_no"));
    json_decref(j);
    return a;
}

/* The assignment of plan id whose task has this title (0 when none). */
static long long assignment_titled(fixture_t *f, long long id, const char *title)
{
    char path[128];
    snprintf(path, sizeof path, "/api/v1/tasks?plan=%lld&limit=5000", id);
    json_t *j = apifx_json(f->f, "GET", path, f->admin, NULL, 200);
    size_t i;
    json_t *it;
    long long a = 0;
    json_array_foreach(json_object_get(j, "items"), i, it)
    {
        if (!a && strcmp(str(it, "title"), title) == 0)
            a = json_integer_value(json_object_get(it, "id"));
    }
    json_decref(j);
    return a;
}

/* Import with edits, the record, and the editor on the stored plan. */
static void stored_plan_edits(void **state)
{
    fixture_t *f = *state;
    json_t *orig;
    long long id = import_with_edits(f, &orig);
    char path[128];
    snprintf(path, sizeof path, "/api/v1/plans/%lld", id);
    json_t *plan = apifx_json(f->f, "GET", path, f->officer, NULL, 200);
    size_t n = json_array_size(json_object_get(plan, "tasks"));
    assert_string_equal(str(task(plan, n - 1), "title"), "Nhiệm vụ bị sót");
    assert_string_equal(str(task(plan, 2), "no"), str(task(orig, 3), "no"));
    /* the recorded edits */
    snprintf(path, sizeof path, "/api/v1/plans/%lld/edits", id);
    json_t *j = apifx_json(f->f, "GET", path, f->officer, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(j, "batches")), 1);
    assert_string_equal(str(json_array_get(json_object_get(j, "batches"), 0), "phase"), "import");
    assert_int_equal(json_array_size(json_object_get(j, "edits")), 2);
    assert_int_equal(strlen(str(j, "doc_hash")), 64);
    json_decref(j);

    /* tracking data on a task with an assignment; ids before the edit */
    long long t0 = 0;
    char tracked[32];
    long long a0 = first_assignment(f, id, tracked, sizeof tracked, &t0);
    size_t ix = 0;
    while (ix < n && strcmp(str(task(plan, ix), "no"), tracked) != 0)
        ix++;
    assert_true(ix < n);
    size_t iy = ix ? 0 : 1;
    snprintf(path, sizeof path, "/api/v1/tasks/%lld/updates", a0);
    j = apifx_json(f->f, "POST", path, f->admin, "{\"status\":\"dang_thuc_hien\",\"progress\":30}",
                   201);
    json_decref(j);

    /* a tracked task cannot be deleted (nothing of the list is saved) */
    char body[1024];
    snprintf(body, sizeof body,
             "{\"edits\":[{\"op\":\"set_task\",\"index\":%zu,\"no\":\"%s\",\"set\":{\"title\":"
             "\"Tiêu đề sửa sau khi nhập\"}},{\"op\":\"delete_task\",\"index\":%zu}]}",
             ix, tracked, ix);
    snprintf(path, sizeof path, "/api/v1/plans/%lld/edits", id);
    j = apifx_json(f->f, "POST", path, f->officer, body, 409);
    assert_string_equal(apifx_error_code(j), "plan_edit.task_tracked");
    json_decref(j);
    j = apifx_json(f->f, "POST", path, f->viewer, body, 403);
    json_decref(j);
    /* a unit that reported on a task stays on it */
    long long added = assignment_titled(f, id, "Nhiệm vụ bị sót");
    assert_true(added > 0);
    snprintf(path, sizeof path, "/api/v1/tasks/%lld/updates", added);
    json_decref(apifx_json(f->f, "POST", path, f->admin,
                           "{\"status\":\"dang_thuc_hien\",\"progress\":10}", 201));
    snprintf(path, sizeof path, "/api/v1/plans/%lld/edits", id);
    snprintf(body, sizeof body,
             "{\"edits\":[{\"op\":\"set_task\",\"index\":%zu,\"set\":{\"lead\":[{\"text\":"
             "\"Sở Tài chính\",\"unit\":\"VLG.STC\"}]}}]}",
             n - 1);
    j = apifx_json(f->f, "POST", path, f->officer, body, 409);
    assert_string_equal(apifx_error_code(j), "plan_edit.assignment_tracked");
    json_decref(j);
    /* adding a unit next to it is fine: the reporting unit keeps its row */
    snprintf(body, sizeof body,
             "{\"edits\":[{\"op\":\"set_task\",\"index\":%zu,\"set\":{\"lead\":[{\"text\":"
             "\"Sở Nội vụ\",\"unit\":\"VLG.SNV\"},{\"text\":\"Sở Tài chính\",\"unit\":"
             "\"VLG.STC\"}]}}]}",
             n - 1);
    json_decref(apifx_json(f->f, "POST", path, f->officer, body, 200));
    assert_int_equal(assignment_titled(f, id, "Nhiệm vụ bị sót"), added);
    /* field edits keep the ids; an untracked task is deleted; one added */
    snprintf(body, sizeof body,
             "{\"edits\":[{\"op\":\"set_task\",\"index\":%zu,\"no\":\"%s\",\"set\":{\"title\":"
             "\"Tiêu đề sửa sau khi nhập\",\"deadline\":\"Tháng 11/2024\"}},{\"op\":"
             "\"delete_task\",\"index\":%zu,\"no\":\"%s\"},{\"op\":\"add_task\",\"set\":"
             "{\"title\":\"Thêm sau khi nhập\"}}]}",
             ix, tracked, iy, str(task(plan, iy), "no"));
    j = apifx_json(f->f, "POST", path, f->officer, body, 200);
    assert_string_equal(str(task(j, ix > iy ? ix - 1 : ix), "title"), "Tiêu đề sửa sau khi nhập");
    assert_string_equal(str(task(j, n - 1), "title"), "Thêm sau khi nhập");
    assert_int_equal(json_array_size(json_object_get(j, "tasks")), n);
    assert_non_null(json_object_get(j, "review"));
    json_decref(j);
    long long t0b = 0;
    char again[32];
    assert_int_equal(first_assignment(f, id, again, sizeof again, &t0b), a0); /* ids kept */
    assert_int_equal(t0b, t0);
    snprintf(path, sizeof path, "/api/v1/tasks/%lld", a0);
    j = apifx_json(f->f, "GET", path, f->admin, NULL, 200);
    assert_true(json_array_size(json_object_get(j, "history")) >= 1); /* tracking kept */
    json_decref(j);
    snprintf(path, sizeof path, "/api/v1/plans/%lld/edits", id);
    j = apifx_json(f->f, "GET", path, f->officer, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(j, "batches")), 3);
    assert_int_equal(json_array_size(json_object_get(j, "edits")), 6);
    json_decref(j);
    j = apifx_json(f->f, "GET", "/api/v1/audit?action=plan.edit", f->admin, NULL, 200);
    json_t *entry = json_array_get(json_object_get(j, "items"), 0);
    assert_non_null(entry);
    assert_string_equal(str(entry, "action"), "plan.edit");
    json_t *before = json_object_get(entry, "before"), *after = json_object_get(entry, "after");
    assert_non_null(before);
    assert_non_null(after);
    json_decref(j);
    json_decref(plan);
    json_decref(orig);
}

static void deadline_route(void **state)
{
    fixture_t *f = *state;
    json_t *j = apifx_json(f->f, "GET", "/api/v1/deadline/parse?text=Qu%C3%BD%20II&year=2024",
                           f->officer, NULL, 200);
    assert_true(json_is_true(json_object_get(j, "understood")));
    assert_non_null(json_object_get(j, "deadline"));
    json_decref(j);
    j = apifx_json(f->f, "GET", "/api/v1/deadline/parse?text=&year=2024", f->officer, NULL, 200);
    assert_true(json_is_null(json_object_get(j, "deadline")));
    json_decref(j);
    j = apifx_json(f->f, "GET", "/api/v1/deadline/parse?text=x&year=abc", f->officer, NULL, 400);
    json_decref(j);
}

/* The CLI: parse and import with --edits, plan edit, plan edits. */
static void cli_edits(void **state)
{
    fixture_t *f = *state;
    char *dir = testdir_new();
    char *plan = testdir_join(dir, P002);
    size_t len;
    char *data = apifx_read_plan(P002, &len);
    testdir_write(plan, data, len);
    free(data);
    char *edits = testdir_file(dir, "edits.json",
                               "[{\"op\":\"delete_task\",\"index\":0,\"no\":\"1\"},"
                               "{\"op\":\"set_task\",\"index\":0,\"no\":\"2\",\"set\":{\"title\":"
                               "\"Tên sửa từ dòng lệnh\"}}]");
    char *bad =
        testdir_file(dir, "bad.json", "[{\"op\":\"delete_task\",\"index\":0,\"no\":\"9\"}]");
    const char *parse[] = {"plan", "parse", plan, "--json", "--edits", edits, NULL};
    run_result_t r = apifx_cli_run(f->f, NULL, parse);
    cli_run_expect_status(&r, 0);
    json_t *j = cli_run_json(&r);
    assert_int_equal(json_array_size(json_object_get(j, "tasks")), 65);
    assert_string_equal(str(task(j, 0), "title"), "Tên sửa từ dòng lệnh");
    assert_non_null(json_object_get(j, "review"));
    json_decref(j);
    run_result_free(&r);
    const char *parse_bad[] = {"plan", "parse", plan, "--edits", bad, NULL};
    r = apifx_cli_run(f->f, NULL, parse_bad);
    cli_run_expect_status(&r, 1);
    cli_run_expect_in(r.err, "Edit 0");
    run_result_free(&r);
    const char *import[] = {"plan", "import", plan, "--json", "--edits", edits, NULL};
    r = apifx_cli_run(f->f, NULL, import);
    cli_run_expect_status(&r, 0);
    j = cli_run_json(&r);
    long long id = json_integer_value(json_object_get(j, "id"));
    assert_int_equal(json_integer_value(json_object_get(j, "tasks")), 65);
    json_decref(j);
    run_result_free(&r);
    char ids[32];
    snprintf(ids, sizeof ids, "%lld", id);
    char *later = testdir_file(
        dir, "later.json", "[{\"op\":\"set_task\",\"index\":1,\"set\":{\"product\":\"Báo cáo\"}}]");
    const char *edit[] = {"plan", "edit", ids, "--edits", later, "--json", NULL};
    char *out = apifx_cli(f->f, edit);
    cli_run_expect_in(out, "\"edits\":1");
    free(out);
    const char *show[] = {"plan", "edits", ids, "--json", NULL};
    out = apifx_cli(f->f, show);
    cli_run_expect_in(out, "\"phase\": \"stored\"");
    cli_run_expect_in(out, "Tên sửa từ dòng lệnh");
    free(out);
    const char *nofile[] = {"plan", "edit", ids, NULL};
    r = apifx_cli_run(f->f, NULL, nofile);
    cli_run_expect_status(&r, 2);
    run_result_free(&r);
    free(later);
    free(bad);
    free(edits);
    free(plan);
    testdir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(preview_with_edits),
        cmocka_unit_test(stored_plan_edits),
        cmocka_unit_test(deadline_route),
        cmocka_unit_test(cli_edits),
    };
    return cmocka_run_group_tests(tests, setup, apifx_teardown);
}
