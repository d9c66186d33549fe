/* Integration tests of plans as living records (docs/internals/plan_lifecycle.md)
 * on a real server over a fresh database with the sample units (SQLite, or
 * PostgreSQL under scripts/pg_cluster.sh): the preview's duplicate warning
 * (same file, same decision) and suggested units; the import refusing a
 * same-decision plan, then replacing it (tasks matched by text, tracking
 * history with its evidence carried over, suggested units added); roll-ups
 * (task list, progress, cascade) reading current plans only; delete by the
 * standing agency (refused for viewer, officer, another province's
 * standing agency) keeping rows and evidence, with the audit entries;
 * the list with ?status=all; restore; the CLI's supersede, delete and list
 * --all. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/api_fixture.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define P002   "002_f2f413426d7afbab.txt"
#define LONGHO "VLG.H.LONGHO"

#define HEAD                                                                                                                 \
    "ỦY BAN NHÂN DÂN\nHUYỆN LONG HỒ\n\nSố: 12/KH-UBND\n\n"                                                         \
    "Long Hồ, ngày 05 tháng 01 năm 2024\n\n"                                                                            \
    "KẾ HOẠCH\nCải cách hành chính năm 2024 của huyện Long Hồ\n\n"                                           \
    "I. MỤC ĐÍCH, YÊU CẦU\n\n"                                                                                        \
    "Cụ thể hóa Kế hoạch cải cách hành chính năm 2024 của tỉnh Vĩnh Long trên địa bàn huyện.\n\n" \
    "II. NHIỆM VỤ\n\n"                                                                                                   \
    "1. Công tác chỉ đạo, điều hành\n\n"                                                                          \
    "1.1. Ban hành Kế hoạch cải cách hành chính năm 2024 của huyện Long Hồ.\n"                              \
    "Cơ quan thực hiện: Phòng Nội vụ huyện.\n"                                                                   \
    "Thời gian thực hiện: Trước ngày 31/01/2024.\n\n"

/* The district's plan, issued by UBND huyện Long Hồ, naming its divisions
 * (not in the sample registry). */
static const char plan_v1[] =
    HEAD "1.2. Xây dựng Kế hoạch tự kiểm tra công tác cải cách hành chính năm 2024 của huyện.\n"
         "Cơ quan thực hiện: Phòng Nội vụ huyện.\n"
         "Thời gian thực hiện: Tháng 02/2024.\n\n"
         "1.3. Kế hoạch thông tin, tuyên truyền cải cách hành chính trên địa bàn huyện năm 2024.\n"
         "Cơ quan thực hiện: Phòng Văn hóa và Thông tin huyện.\n"
         "Thời gian thực hiện: Tháng 01/2024.\n\n"
         "2. Cải cách chế độ công vụ\n\n"
         "2.1. Ban hành kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2024 của "
         "UBND huyện.\n"
         "Cơ quan thực hiện: Phòng Nội vụ huyện.\n"
         "Thời gian thực hiện: Quý I/2024.\n";

/* The amended plan: the same decision; task 1.2 reworded slightly, 1.3
 * dropped, a new task 3.1 added. */
static const char plan_v2[] =
    HEAD "1.2. Xây dựng và ban hành Kế hoạch tự kiểm tra công tác cải cách hành chính năm 2024 "
         "của huyện.\n"
         "Cơ quan thực hiện: Phòng Nội vụ huyện.\n"
         "Thời gian thực hiện: Tháng 03/2024.\n\n"
         "2. Cải cách chế độ công vụ\n\n"
         "2.1. Ban hành kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2024 của "
         "UBND huyện.\n"
         "Cơ quan thực hiện: Phòng Nội vụ huyện.\n"
         "Thời gian thực hiện: Quý I/2024.\n\n"
         "3. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số\n\n"
         "3.1. Tổ chức Ngày hội chuyển đổi số cho thanh niên huyện.\n"
         "Cơ quan thực hiện: Phòng Văn hóa và Thông tin huyện.\n"
         "Thời gian thực hiện: Quý III/2024.\n";

static const char PDF[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n";

typedef struct lfx {
    apifx_t *f; /* first member: apifx_teardown */
    char admin[160], standing[160], officer[160], viewer[160], other[160];
} lfx_t;

static int setup(void **state)
{
    lfx_t *t = calloc(1, sizeof *t);
    apifx_opts_t o = {.max_body = 8 << 20, .evidence_max = 64 * 1024};
    t->f = apifx_start(&o);
    apifx_user(t->f, "admin", ACCESS_ROLE_ADMIN, NULL, t->admin, sizeof t->admin);
    apifx_user(t->f, "thuongtruc", ACCESS_ROLE_STANDING, "VLG", t->standing, sizeof t->standing);
    apifx_user(t->f, "canbo", ACCESS_ROLE_OFFICER, LONGHO, t->officer, sizeof t->officer);
    apifx_user(t->f, "xem", ACCESS_ROLE_VIEWER, LONGHO, t->viewer, sizeof t->viewer);
    apifx_user(t->f, "bentre", ACCESS_ROLE_STANDING, "BTE", t->other, sizeof t->other);
    *state = t;
    return 0;
}

/* {"filename":…,"content_base64":…<extra>} (caller frees). */
static char *upload_json(const char *name, const char *text, const char *extra)
{
    size_t len = strlen(text);
    size_t cap = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(cap);
    assert_non_null(b64);
    sodium_bin2base64(b64, cap, (const unsigned char *)text, len, sodium_base64_VARIANT_ORIGINAL);
    size_t n = cap + strlen(name) + strlen(extra) + 64;
    char *body = malloc(n);
    assert_non_null(body);
    snprintf(body, n, "{\"filename\":\"%s\",\"content_base64\":\"%s\"%s}", name, b64, extra);
    free(b64);
    return body;
}

static json_t *post_doc(lfx_t *t, const char *path, const char *cookie, const char *name,
                        const char *text, const char *extra, int want)
{
    char *body = upload_json(name, text, extra);
    json_t *j = apifx_json(t->f, "POST", path, cookie, body, want);
    free(body);
    return j;
}

static long long num(const json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* The assignments of plan (0 = every plan) as the task list gives them. */
static json_t *tasks(lfx_t *t, long long plan)
{
    char path[160];
    if (plan)
        snprintf(path, sizeof path, "/api/v1/tasks?plan=%lld&limit=5000", plan);
    else
        snprintf(path, sizeof path, "/api/v1/tasks?limit=5000");
    return apifx_json(t->f, "GET", path, t->admin, NULL, 200);
}

static size_t ntasks(lfx_t *t, long long plan)
{
    json_t *j = tasks(t, plan);
    size_t n = json_array_size(json_object_get(j, "items"));
    json_decref(j);
    return n;
}

/* The list item of plan's task task_no for unit (id), or 0. */
static long long item_id(lfx_t *t, long long plan, const char *task_no, const char *unit)
{
    json_t *j = tasks(t, plan);
    long long id = 0;
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(j, "items"), i, it)
    {
        if (!id && strcmp(str(it, "task_no"), task_no) == 0 &&
            strcmp(str(json_object_get(it, "unit"), "code"), unit) == 0)
            id = num(it, "id");
    }
    json_decref(j);
    return id;
}

/* The suggested unit named name in a preview, or NULL. */
static json_t *suggested(json_t *preview, const char *name)
{
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(preview, "suggested_units"), i, u)
    {
        if (strcmp(str(u, "name"), name) == 0)
            return u;
    }
    return NULL;
}

static char pnv[80]; /* the code proposed for "Phòng Nội vụ huyện" */

static void preview_and_refusal(void **state)
{
    lfx_t *t = *state;
    json_t *j = post_doc(t, "/api/v1/plans/parse", t->officer, "kh12.txt", plan_v1, "", 200);
    assert_true(json_is_null(json_object_get(j, "duplicate")));
    json_t *u = suggested(j, "Phòng Nội vụ huyện");
    assert_non_null(u);
    assert_string_equal(str(u, "parent"), LONGHO);
    assert_string_equal(str(u, "kind"), "phong");
    snprintf(pnv, sizeof pnv, "%s", str(u, "code"));
    assert_int_equal(strncmp(pnv, LONGHO ".", strlen(LONGHO) + 1), 0);
    assert_non_null(suggested(j, "Phòng Văn hóa và Thông tin huyện"));
    json_decref(j);

    /* malformed options of a raw upload are refused */
    j = apifx_send(t->f, "POST", "/api/v1/plans?filename=kh.txt&add_units=%5Bx", t->officer,
                   "text/plain", plan_v1, strlen(plan_v1), 400);
    assert_string_equal(apifx_error_code(j), "plan.life_options");
    json_decref(j);
    /* an unknown name among add_units is refused, nothing stored */
    j = post_doc(t, "/api/v1/plans", t->officer, "kh12.txt", plan_v1,
                 ",\"add_units\":[\"Phòng Không Có\"]", 400);
    assert_string_equal(apifx_error_code(j), "plan.add_unit_invalid");
    json_decref(j);
    j = post_doc(t, "/api/v1/plans", t->officer, "kh12.txt", plan_v1, ",\"add_units\":\"all\"",
                 201);
    assert_int_equal(num(j, "id"), 1);
    assert_int_equal(json_array_size(json_object_get(j, "units_added")), 2);
    json_decref(j);
    char path[200];
    snprintf(path, sizeof path, "/api/v1/units/%s", pnv);
    j = apifx_json(t->f, "GET", path, t->admin, NULL, 200);
    assert_string_equal(str(json_object_get(j, "unit"), "name"), "Phòng Nội vụ huyện");
    json_decref(j);

    /* the same file, then the same decision in another text, are flagged */
    j = post_doc(t, "/api/v1/plans/parse", t->officer, "kh12.txt", plan_v1, "", 200);
    assert_string_equal(str(json_object_get(j, "duplicate"), "reason"), "hash");
    assert_int_equal(num(json_object_get(j, "duplicate"), "plan_id"), 1);
    assert_int_equal(json_array_size(json_object_get(j, "suggested_units")), 0);
    json_decref(j);
    j = post_doc(t, "/api/v1/plans/parse", t->officer, "kh12b.txt", plan_v2, "", 200);
    json_t *d = json_object_get(j, "duplicate");
    assert_string_equal(str(d, "reason"), "decision");
    assert_int_equal(num(d, "plan_id"), 1);
    assert_string_equal(str(d, "number"), "12/KH-UBND");
    json_decref(j);

    /* the import of the same decision is refused, naming the plan */
    j = post_doc(t, "/api/v1/plans", t->officer, "kh12b.txt", plan_v2, "", 409);
    assert_string_equal(apifx_error_code(j), "plan.duplicate_decision");
    assert_non_null(strstr(str(json_object_get(j, "error"), "message"), "#1"));
    assert_non_null(strstr(str(json_object_get(j, "error"), "message_en"), "replace"));
    json_decref(j);
    j = post_doc(t, "/api/v1/plans", t->officer, "kh12b.txt", plan_v2, ",\"replace\":\"yes\"", 400);
    json_decref(j);
    /* the same file again: recognised, not stored twice */
    j = post_doc(t, "/api/v1/plans", t->officer, "kh12.txt", plan_v1, "", 200);
    assert_true(json_is_true(json_object_get(j, "duplicate")));
    json_decref(j);
}

static long long evidence_id;

static void replace_carries_history(void **state)
{
    lfx_t *t = *state;
    json_t *j = apifx_json(t->f, "POST", "/api/v1/plans/1/tracking", t->officer, NULL, 200);
    json_decref(j);
    long long a1 = item_id(t, 1, "1.1.2", pnv);
    assert_true(a1 > 0);
    char path[256], body[256];
    snprintf(path, sizeof path,
             "/api/v1/evidence?unit=%s&attached_type=task_assignment&attached_id=%lld&filename="
             "dt.pdf",
             pnv, a1);
    j = apifx_send(t->f, "POST", path, t->officer, "application/pdf", PDF, sizeof PDF - 1, 201);
    evidence_id = num(json_object_get(j, "evidence"), "id");
    json_decref(j);
    snprintf(path, sizeof path, "/api/v1/tasks/%lld/updates", a1);
    snprintf(body, sizeof body,
             "{\"status\":\"dang_thuc_hien\",\"progress\":40,\"note\":\"Đã trình dự "
             "thảo\",\"evidence\":[%lld]}",
             evidence_id);
    j = apifx_json(t->f, "POST", path, t->officer, body, 201);
    json_decref(j);
    size_t before = ntasks(t, 0);
    assert_true(before > 0);

    j = post_doc(t, "/api/v1/plans", t->officer, "kh12b.txt", plan_v2, ",\"replace\":true", 201);
    long long p2 = num(j, "id");
    assert_int_equal(p2, 2);
    assert_int_equal(num(j, "superseded"), 1);
    json_t *sup = json_object_get(j, "supersede");
    assert_int_equal(json_array_size(json_object_get(sup, "matched")), 3);
    assert_int_equal(json_array_size(json_object_get(sup, "unmatched_old")), 1);
    assert_int_equal(json_array_size(json_object_get(sup, "unmatched_new")), 1);
    assert_non_null(strstr(str(json_array_get(json_object_get(sup, "unmatched_old"), 0), "title"),
                           "tuyên truyền"));
    json_decref(j);

    /* the continuing task has the old status, progress, history and evidence */
    long long a2 = item_id(t, 2, "1.1.2", pnv);
    assert_true(a2 > 0 && a2 != a1);
    snprintf(path, sizeof path, "/api/v1/tasks/%lld", a2);
    j = apifx_json(t->f, "GET", path, t->officer, NULL, 200);
    assert_string_equal(str(j, "status"), "dang_thuc_hien");
    assert_int_equal(num(j, "progress"), 40);
    json_t *h = json_array_get(json_object_get(j, "history"), 0);
    assert_string_equal(str(h, "note"), "Đã trình dự thảo");
    assert_int_equal(json_array_size(json_object_get(h, "evidence")), 1);
    json_decref(j);
    /* the old assignment is archived: not listed, not updatable */
    assert_int_equal(ntasks(t, 1), 0);
    assert_int_equal(ntasks(t, 0), ntasks(t, 2));
    snprintf(path, sizeof path, "/api/v1/tasks/%lld/updates", a1);
    j = apifx_json(t->f, "POST", path, t->officer, "{\"status\":\"hoan_thanh\",\"progress\":100}",
                   404);
    json_decref(j);

    j = apifx_json(t->f, "GET", "/api/v1/plans", t->admin, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(j, "plans")), 1);
    assert_int_equal(num(json_array_get(json_object_get(j, "plans"), 0), "id"), 2);
    json_decref(j);
    j = apifx_json(t->f, "GET", "/api/v1/plans?status=all", t->admin, NULL, 200);
    json_t *old = json_array_get(json_object_get(j, "plans"), 1);
    assert_string_equal(str(old, "status"), "superseded");
    assert_int_equal(num(old, "superseded_by"), 2);
    json_decref(j);
    j = apifx_json(t->f, "GET", "/api/v1/audit?object=plan:1&action=plan.supersede", t->admin, NULL,
                   200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
    json_decref(j);
}

/* The cascade row counts of unit for the province plan. */
static long long no_plan(lfx_t *t, long long plan, const char *unit)
{
    char path[160];
    snprintf(path, sizeof path, "/api/v1/plans/%lld/cascade", plan);
    json_t *j = apifx_json(t->f, "GET", path, t->admin, NULL, 200);
    long long n = -1;
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(j, "units"), i, u)
    {
        if (strcmp(str(json_object_get(u, "unit"), "code"), unit) == 0)
            n = num(u, "no_plan");
    }
    json_decref(j);
    return n;
}

/* The year's roll-up figure key (assigned, in_progress…). */
static long long progress(lfx_t *t, const char *key)
{
    json_t *j = apifx_json(t->f, "GET", "/api/v1/progress?year=2024", t->admin, NULL, 200);
    long long n = num(json_object_get(j, "total"), key);
    json_decref(j);
    return n;
}

static void delete_hides_and_keeps(void **state)
{
    lfx_t *t = *state;
    long long prov = apifx_import_plan(t->f, t->admin, P002);
    long long covered_before = no_plan(t, prov, LONGHO);
    assert_int_equal(covered_before, 0); /* the district has its own plan */
    long long total_before = progress(t, "assigned");
    /* the superseded plan's history is counted once, on the new plan */
    assert_int_equal(progress(t, "in_progress"), 1);
    size_t all_before = ntasks(t, 0);

    const char *reason = "{\"reason\":\"Nhập nhầm văn bản\"}";
    json_t *j = apifx_json(t->f, "DELETE", "/api/v1/plans/2", t->viewer, reason, 403);
    json_decref(j);
    j = apifx_json(t->f, "DELETE", "/api/v1/plans/2", t->officer, reason, 403);
    json_decref(j);
    j = apifx_json(t->f, "DELETE", "/api/v1/plans/2", t->other, reason, 403);
    assert_string_equal(apifx_error_code(j), "auth.forbidden");
    json_decref(j);
    j = apifx_json(t->f, "DELETE", "/api/v1/plans/2", t->standing, reason, 200);
    assert_string_equal(str(j, "status"), "deleted");
    json_t *kept = json_object_get(j, "kept");
    assert_int_equal(num(kept, "tasks"), 4);
    assert_true(num(kept, "updates") >= 1);
    assert_true(num(kept, "evidence_links") >= 1);
    json_decref(j);

    /* gone from the lists and roll-ups */
    assert_int_equal(ntasks(t, 2), 0);
    assert_true(ntasks(t, 0) < all_before);
    assert_true(no_plan(t, prov, LONGHO) > 0);
    assert_true(progress(t, "assigned") < total_before);
    assert_int_equal(progress(t, "in_progress"), 0);
    j = apifx_json(t->f, "GET", "/api/v1/plans", t->admin, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(j, "plans")), 1);
    json_decref(j);
    j = apifx_json(t->f, "GET", "/api/v1/plans/2", t->admin, NULL, 200);
    assert_string_equal(str(j, "status"), "deleted");
    assert_string_equal(str(j, "status_reason"), "Nhập nhầm văn bản");
    assert_int_equal(json_array_size(json_object_get(j, "tasks")), 4);
    json_decref(j);
    /* kept: the evidence, the archived plan with its reason, the audit entry */
    char path[96];
    snprintf(path, sizeof path, "/api/v1/evidence/%lld", evidence_id);
    j = apifx_json(t->f, "GET", path, t->admin, NULL, 200);
    json_decref(j);
    j = apifx_json(t->f, "GET", "/api/v1/plans?status=all", t->admin, NULL, 200);
    json_t *p2 = json_array_get(json_object_get(j, "plans"), 1);
    assert_int_equal(num(p2, "id"), 2);
    assert_string_equal(str(p2, "status"), "deleted");
    assert_string_equal(str(p2, "status_reason"), "Nhập nhầm văn bản");
    assert_string_equal(str(p2, "status_by"), "thuongtruc");
    json_decref(j);
    j = apifx_json(t->f, "GET", "/api/v1/audit?object=plan:2&action=plan.delete", t->admin, NULL,
                   200);
    json_t *en = json_array_get(json_object_get(j, "items"), 0);
    assert_non_null(en);
    assert_non_null(strstr(str(en, "detail"), "Nhập nhầm văn bản"));
    assert_string_equal(str(en, "actor"), "thuongtruc");
    json_decref(j);
    j = apifx_json(t->f, "DELETE", "/api/v1/plans/2", t->standing, NULL, 409);
    assert_string_equal(apifx_error_code(j), "plan.not_current");
    json_decref(j);

    /* restore brings it back */
    j = apifx_json(t->f, "POST", "/api/v1/plans/2/restore", t->officer, NULL, 403);
    json_decref(j);
    j = apifx_json(t->f, "POST", "/api/v1/plans/2/restore", t->standing, NULL, 200);
    json_decref(j);
    assert_int_equal(ntasks(t, 0), all_before);
    assert_int_equal(no_plan(t, prov, LONGHO), 0);
}

/* The cascade row of unit for the province plan's task task_no (owned). */
static json_t *cascade_row(lfx_t *t, long long plan, const char *task_no)
{
    char path[160];
    snprintf(path, sizeof path, "/api/v1/plans/%lld/cascade?unit=%s", plan, LONGHO);
    json_t *c = apifx_json(t->f, "GET", path, t->admin, NULL, 200);
    json_t *r = json_incref(apifx_cascade_row(c, LONGHO, task_no));
    json_decref(c);
    return r;
}

/* A cascade decision naming a task of the district's plan as the one that
 * covers a province task follows that task when the plan is replaced. */
static void replace_keeps_cascade_decisions(void **state)
{
    lfx_t *t = *state;
    const long long prov = 3; /* P002, imported by delete_hides_and_keeps */
    json_t *r = cascade_row(t, prov, "2");
    long long parent = num(r, "task_id");
    json_decref(r);
    long long child = 0;
    json_t *j = tasks(t, 2);
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(j, "items"), i, it)
    {
        if (strcmp(str(it, "task_no"), "1.1.1") == 0)
            child = num(it, "task_id");
    }
    json_decref(j);
    assert_true(parent > 0 && child > 0);
    char path[96], body[200];
    snprintf(path, sizeof path, "/api/v1/plans/%lld/cascade", prov);
    snprintf(body, sizeof body,
             "{\"task_id\":%lld,\"unit\":\"%s\",\"decision\":\"covered\",\"child_task_id\":%lld}",
             parent, LONGHO, child);
    json_decref(apifx_json(t->f, "POST", path, t->admin, body, 200));

    /* a third text of the same decision replaces plan 2 */
    char *v3 = malloc(sizeof plan_v2 + 64);
    assert_non_null(v3);
    snprintf(v3, sizeof plan_v2 + 64, "%s\nNơi nhận: như trên.\n", plan_v2);
    /* with a correction made in the preview: both ride the one JSON body */
    j = post_doc(t, "/api/v1/plans", t->standing, "kh12c.txt", v3,
                 ",\"replace\":true,\"edits\":[{\"op\":\"add_task\",\"set\":{\"title\":"
                 "\"Rà soát tổ chức bộ máy sau sắp xếp\",\"deadline\":\"Quý IV/2024\"}}]",
                 201);
    free(v3);
    long long p4 = num(j, "id");
    assert_int_equal(num(j, "superseded"), 2);
    assert_int_equal(num(j, "tasks"), 5); /* the four read and the one added */
    json_t *m = json_array_get(json_object_get(json_object_get(j, "supersede"), "matched"), 0);
    assert_int_equal(num(m, "old_task"), child);
    assert_true(json_real_value(json_object_get(m, "score")) == 1.0);
    long long new_child = num(m, "new_task");
    json_decref(j);
    r = cascade_row(t, prov, "2");
    assert_string_equal(str(r, "state"), "covered");
    assert_int_equal(num(json_object_get(r, "match"), "task_id"), new_child);
    assert_int_equal(num(json_object_get(r, "match"), "plan_id"), p4);
    assert_string_equal(str(r, "decided_by"), "thuongtruc"); /* the carried decision */
    json_decref(r);
    /* the carried history went along again */
    long long a4 = item_id(t, p4, "1.1.2", pnv);
    snprintf(path, sizeof path, "/api/v1/tasks/%lld", a4);
    j = apifx_json(t->f, "GET", path, t->admin, NULL, 200);
    assert_int_equal(num(j, "progress"), 40);
    json_decref(j);
    /* and the correction is recorded with the new plan */
    snprintf(path, sizeof path, "/api/v1/plans/%lld/edits", p4);
    j = apifx_json(t->f, "GET", path, t->admin, NULL, 200);
    json_t *op = json_array_get(json_object_get(j, "edits"), 0);
    assert_string_equal(str(op, "op"), "add_task");
    assert_int_equal(json_array_size(json_object_get(j, "edits")), 1);
    json_decref(j);
}

static void supersede_route_and_cli(void **state)
{
    lfx_t *t = *state;
    json_t *j =
        apifx_json(t->f, "POST", "/api/v1/plans/2/supersede", t->standing, "{\"by\":2}", 400);
    assert_string_equal(apifx_error_code(j), "plan.supersede_self");
    json_decref(j);
    j = apifx_json(t->f, "POST", "/api/v1/plans/2/supersede", t->standing, "{}", 400);
    json_decref(j);
    j = apifx_json(t->f, "POST", "/api/v1/plans/2/supersede", t->standing, "{\"by\":1}", 409);
    assert_string_equal(apifx_error_code(j), "plan.not_current"); /* 1 is superseded */
    json_decref(j);
    j = apifx_json(t->f, "POST", "/api/v1/plans/99/supersede", t->standing, "{\"by\":2}", 404);
    json_decref(j);

    /* cchc plan parse warns of the same decision too */
    char file[512];
    snprintf(file, sizeof file, "%s/kh12c.txt", t->f->dir);
    FILE *fp = fopen(file, "wb");
    assert_non_null(fp);
    fputs(plan_v2, fp);
    fputs("\n", fp);
    fclose(fp);
    const char *parse[] = {"plan", "parse", file, "--unit", LONGHO, "--json", NULL};
    char *out = apifx_cli(t->f, parse);
    json_error_t je;
    j = json_loads(out, 0, &je);
    assert_non_null(j);
    assert_string_equal(str(json_object_get(j, "duplicate"), "reason"), "decision");
    assert_int_equal(num(json_object_get(j, "duplicate"), "plan_id"), 4);
    json_decref(j);
    free(out);
    const char *parse_text[] = {"plan", "parse", file, "--unit", LONGHO, NULL};
    out = apifx_cli(t->f, parse_text);
    assert_non_null(strstr(out, "--replace"));
    free(out);

    const char *del[] = {"plan", "delete", "3", "--reason", "thử", NULL};
    out = apifx_cli(t->f, del);
    assert_non_null(strstr(out, "#3"));
    free(out);
    const char *list[] = {"plan", "list", "--all", "--json", NULL};
    out = apifx_cli(t->f, list);
    j = json_loads(out, 0, &je);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "plans")), 4); /* newest first */
    assert_string_equal(str(json_array_get(json_object_get(j, "plans"), 1), "status"), "deleted");
    assert_string_equal(str(json_array_get(json_object_get(j, "plans"), 2), "status"),
                        "superseded");
    json_decref(j);
    free(out);
    const char *res[] = {"plan", "restore", "3", NULL};
    out = apifx_cli(t->f, res);
    free(out);
    const char *bad[] = {"plan", "supersede", "3", NULL};
    run_result_t r = apifx_cli_run(t->f, NULL, bad);
    assert_int_equal(r.status, 2);
    run_result_free(&r);
    const char *self[] = {"plan", "supersede", "3", "--by", "3", NULL};
    r = apifx_cli_run(t->f, NULL, self);
    assert_int_equal(r.status, 1);
    run_result_free(&r);
}

/* Unit's row of the overview (the ranking page): owned. */
static json_t *overview_row(lfx_t *t, const char *unit)
{
    json_t *j = apifx_json(t->f, "GET", "/api/v1/overview?year=2024&kind=huyen&today=2024-12-31",
                           t->admin, NULL, 200);
    json_t *row = NULL;
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(j, "units"), i, u)
    {
        if (strcmp(str(json_object_get(u, "unit"), "code"), unit) == 0)
            row = json_incref(u);
    }
    json_decref(j);
    assert_non_null(row);
    return row;
}

static long long targets_total(lfx_t *t)
{
    json_t *j =
        apifx_json(t->f, "GET", "/api/v1/targets/summary?unit=VLG&year=2024", t->admin, NULL, 200);
    long long n = num(json_object_get(j, "summary"), "total");
    json_decref(j);
    return n;
}

/* The overview figures and ranking, and the targets, leave a deleted plan
 * out. */
static void overview_and_targets(void **state)
{
    lfx_t *t = *state;
    json_t *row = overview_row(t, LONGHO);
    long long assigned = num(json_object_get(row, "tasks"), "assigned");
    json_decref(row);
    json_t *j = apifx_json(t->f, "DELETE", "/api/v1/plans/4", t->standing, NULL, 200);
    json_decref(j);
    row = overview_row(t, LONGHO);
    assert_true(num(json_object_get(row, "tasks"), "assigned") < assigned);
    json_decref(row);
    json_decref(apifx_json(t->f, "POST", "/api/v1/plans/4/restore", t->standing, NULL, 200));

    size_t n;
    char *doc = apifx_read_plan("001_74e5bd43d5376be8.txt", &n);
    j = post_doc(t, "/api/v1/plans", t->admin, "001.txt", doc, ",\"unit\":\"VLG\"", 201);
    long long id = num(j, "id");
    assert_true(num(j, "targets") > 0);
    json_decref(j);
    free(doc);
    long long before = targets_total(t);
    assert_true(before >= 1);
    char path[96];
    snprintf(path, sizeof path, "/api/v1/plans/%lld", id);
    json_decref(apifx_json(t->f, "DELETE", path, t->admin, NULL, 200));
    assert_true(targets_total(t) < before);
    snprintf(path, sizeof path, "/api/v1/targets?plan=%lld", id);
    json_decref(apifx_json(t->f, "GET", path, t->admin, NULL, 404));
}

/* The targets of plan id (owned "items"). */
static json_t *plan_targets(lfx_t *t, long long id)
{
    char path[96];
    snprintf(path, sizeof path, "/api/v1/targets?plan=%lld&unit=VLG&year=2024", id);
    return apifx_json(t->f, "GET", path, t->admin, NULL, 200);
}

/* Replacing a plan carries its targets' hand measurements (with evidence)
 * to the matching targets of the new plan; the old plan keeps its own. */
static void replace_carries_targets(void **state)
{
    lfx_t *t = *state;
    const long long old = 5; /* 001, imported then deleted by overview_and_targets */
    json_decref(apifx_json(t->f, "POST", "/api/v1/plans/5/restore", t->admin, NULL, 200));
    json_t *j = plan_targets(t, old);
    json_t *items = json_object_get(j, "items");
    size_t ntargets = json_array_size(items);
    assert_true(ntargets >= 1);
    long long manual = 0;
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        if (!manual && !json_is_true(json_object_get(it, "computed")))
            manual = num(it, "id");
    }
    json_decref(j);
    assert_true(manual > 0);
    char path[256], body[256];
    snprintf(path, sizeof path,
             "/api/v1/evidence?unit=VLG&attached_type=target&attached_id=%lld&filename=bc.pdf",
             manual);
    j = apifx_send(t->f, "POST", path, t->admin, "application/pdf", PDF, sizeof PDF - 1, 201);
    long long ev = num(json_object_get(j, "evidence"), "id");
    json_decref(j);
    snprintf(path, sizeof path, "/api/v1/targets/%lld/measurements", manual);
    snprintf(body, sizeof body,
             "{\"unit\":\"VLG\",\"period\":\"2024Q2\",\"value\":7,\"note\":\"Báo cáo quý "
             "II\",\"evidence\":[%lld]}",
             ev);
    json_decref(apifx_json(t->f, "POST", path, t->admin, body, 201));

    /* the same decision amended (a new file), replacing plan 5 */
    size_t n;
    char *doc = apifx_read_plan("001_74e5bd43d5376be8.txt", &n);
    char *v2 = malloc(n + 64);
    assert_non_null(v2);
    snprintf(v2, n + 64, "%s\nNơi nhận: như trên.\n", doc);
    free(doc);
    j = post_doc(t, "/api/v1/plans", t->admin, "001b.txt", v2, ",\"unit\":\"VLG\",\"replace\":true",
                 201);
    free(v2);
    long long p2 = num(j, "id");
    assert_int_equal(num(j, "superseded"), old);
    json_t *tg = json_object_get(json_object_get(j, "supersede"), "targets");
    assert_int_equal(json_array_size(json_object_get(tg, "matched")), ntargets);
    assert_int_equal(json_array_size(json_object_get(tg, "unmatched_old")), 0);
    assert_int_equal(json_array_size(json_object_get(tg, "unmatched_new")), 0);
    long long carried_to = 0;
    json_array_foreach(json_object_get(tg, "matched"), i, it)
    {
        if (num(it, "old_target") == manual) {
            carried_to = num(it, "new_target");
            assert_int_equal(num(it, "measurements"), 1);
        } else {
            assert_int_equal(num(it, "measurements"), 0);
        }
        assert_true(strcmp(str(it, "by"), "indicator") == 0 || strcmp(str(it, "by"), "text") == 0);
    }
    json_decref(j);
    assert_true(carried_to > 0 && carried_to != manual);

    /* the new target shows the value and its evidence */
    j = plan_targets(t, p2);
    json_t *m = NULL;
    json_array_foreach(json_object_get(j, "items"), i, it)
    {
        if (num(it, "id") == carried_to)
            m = json_object_get(it, "measurement");
    }
    assert_non_null(m);
    assert_true(json_number_value(json_object_get(m, "value")) == 7);
    assert_string_equal(str(m, "period"), "2024Q2");
    assert_string_equal(str(m, "note"), "Báo cáo quý II");
    assert_int_equal(json_array_size(json_object_get(m, "evidence")), 1);
    json_decref(j);
    /* the old plan is an archive: its targets are out of the lists */
    snprintf(path, sizeof path, "/api/v1/targets?plan=%lld", old);
    json_decref(apifx_json(t->f, "GET", path, t->admin, NULL, 404));
    j = apifx_json(t->f, "GET", "/api/v1/audit?object=plan:5&action=plan.supersede", t->admin, NULL,
                   200);
    assert_non_null(
        strstr(str(json_array_get(json_object_get(j, "items"), 0), "detail"), "targets matched"));
    json_decref(j);
}

/* A deleted plan is not restored while another current plan holds the same
 * decision; `cchc plan show` prints each plan's status. */
static void restore_refuses_duplicate(void **state)
{
    lfx_t *t = *state;
    json_decref(apifx_json(t->f, "DELETE", "/api/v1/plans/4", t->standing,
                           "{\"reason\":\"Bản sai\"}", 200));
    /* the same decision imported again while plan 4 is deleted: no duplicate */
    char *v = malloc(sizeof plan_v2 + 64);
    assert_non_null(v);
    snprintf(v, sizeof plan_v2 + 64, "%s\nNơi nhận: lưu VT.\n", plan_v2);
    json_t *j = post_doc(t, "/api/v1/plans", t->standing, "kh12d.txt", v, "", 201);
    free(v);
    long long p = num(j, "id");
    json_decref(j);
    j = apifx_json(t->f, "POST", "/api/v1/plans/4/restore", t->standing, NULL, 409);
    assert_string_equal(apifx_error_code(j), "plan.duplicate_decision");
    char want[32];
    snprintf(want, sizeof want, "#%lld", p);
    assert_non_null(strstr(str(json_object_get(j, "error"), "message"), want));
    json_decref(j);
    j = apifx_json(t->f, "GET", "/api/v1/plans/4", t->admin, NULL, 200);
    assert_string_equal(str(j, "status"), "deleted");
    json_decref(j);
    const char *res[] = {"plan", "restore", "4", NULL};
    run_result_t r = apifx_cli_run(t->f, NULL, res);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, want)); /* names the current plan */
    run_result_free(&r);

    /* cchc plan show: the status, as the API gives it */
    const char *show[] = {"plan", "show", "4", "--json", NULL};
    char *out = apifx_cli(t->f, show);
    json_error_t je;
    j = json_loads(out, 0, &je);
    assert_non_null(j);
    assert_string_equal(str(j, "status"), "deleted");
    assert_string_equal(str(j, "status_by"), "thuongtruc");
    assert_string_equal(str(j, "status_reason"), "Bản sai");
    assert_true(strlen(str(j, "status_at")) >= 19);
    json_decref(j);
    free(out);
    const char *show_text[] = {"plan", "show", "4", NULL};
    out = apifx_cli(t->f, show_text);
    assert_non_null(strstr(out, "đã xóa / deleted"));
    assert_non_null(strstr(out, "thuongtruc"));
    assert_non_null(strstr(out, "Bản sai"));
    free(out);
    const char *show_sup[] = {"plan", "show", "1", NULL};
    out = apifx_cli(t->f, show_sup);
    assert_non_null(strstr(out, "superseded by #2"));
    free(out);
    const char *show_sup_json[] = {"plan", "show", "1", "--json", NULL};
    out = apifx_cli(t->f, show_sup_json);
    j = json_loads(out, 0, &je);
    assert_non_null(j);
    assert_string_equal(str(j, "status"), "superseded");
    assert_int_equal(num(j, "superseded_by"), 2);
    json_decref(j);
    free(out);

    /* once the other plan is deleted, plan 4 comes back */
    char path[64];
    snprintf(path, sizeof path, "/api/v1/plans/%lld", p);
    json_decref(apifx_json(t->f, "DELETE", path, t->standing, NULL, 200));
    json_decref(apifx_json(t->f, "POST", "/api/v1/plans/4/restore", t->standing, NULL, 200));
    const char *show_cur[] = {"plan", "show", "4", NULL};
    out = apifx_cli(t->f, show_cur);
    assert_non_null(strstr(out, "đang hiệu lực / current"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(preview_and_refusal),
        cmocka_unit_test(replace_carries_history),
        cmocka_unit_test(delete_hides_and_keeps),
        cmocka_unit_test(replace_keeps_cascade_decisions),
        cmocka_unit_test(supersede_route_and_cli),
        cmocka_unit_test(overview_and_targets),
        cmocka_unit_test(replace_carries_targets),
        cmocka_unit_test(restore_refuses_duplicate),
    };
    return cmocka_run_group_tests(tests, setup, apifx_teardown);
}
