/* Integration tests of the cascade check (API.md "Cascade check", cchc plan
 * cascade) on the Vĩnh Long 2024 province plan (002, imported by the
 * admin) and a district plan of UBND huyện Long Hồ — a unit the province
 * plan reaches only through the group "UBND cấp huyện" — that rewords some
 * of the province tasks, uploaded as plain text by the district's own
 * officer. Checks: the matches and states, the units without a plan, who
 * sees which rows, hand decisions (newest wins, the matching task checked,
 * who may decide), and the CLI giving the same answer as the API. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/text.h"
#include "io/xlsx_read.h"
#include "support/api_fixture.h"
#include "support/http_client.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define P002   "002_f2f413426d7afbab.txt"
#define LONGHO "VLG.H.LONGHO"

/* The district plan: tasks 1.1.1, 1.1.2, 1.1.3 and 2.2.1 reword province
 * tasks 2, 4, 6 and 36; 3.3.1 shares only "chuyển đổi số" with tasks 48/49. */
static const char district_plan[] =
    "ỦY BAN NHÂN DÂN\nHUYỆN LONG HỒ\n\nSố: 12/KH-UBND\n\n"
    "Long Hồ, ngày 05 tháng 01 năm 2024\n\n"
    "KẾ HOẠCH\nCải cách hành chính năm 2024 của huyện Long Hồ\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n\n"
    "Cụ thể hóa Kế hoạch cải cách hành chính năm 2024 của tỉnh Vĩnh Long trên địa bàn huyện.\n\n"
    "II. NHIỆM VỤ\n\n"
    "1. Công tác chỉ đạo, điều hành\n\n"
    "1.1. Ban hành Kế hoạch cải cách hành chính năm 2024 của huyện Long Hồ.\n"
    "Cơ quan thực hiện: Phòng Nội vụ huyện.\n"
    "Thời gian thực hiện: Trước ngày 31/01/2024.\n\n"
    "1.2. Xây dựng Kế hoạch tự kiểm tra công tác cải cách hành chính năm 2024 của huyện.\n"
    "Cơ quan thực hiện: Phòng Nội vụ huyện.\n"
    "Thời gian thực hiện: Tháng 02/2024.\n\n"
    "1.3. Kế hoạch thông tin, tuyên truyền cải cách hành chính trên địa bàn huyện năm 2024.\n"
    "Cơ quan thực hiện: Phòng Văn hóa và Thông tin huyện.\n"
    "Thời gian thực hiện: Tháng 01/2024.\n\n"
    "2. Cải cách chế độ công vụ\n\n"
    "2.1. Ban hành kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2024 của UBND "
    "huyện.\n"
    "Cơ quan thực hiện: Phòng Nội vụ huyện.\n"
    "Thời gian thực hiện: Quý I/2024.\n\n"
    "3. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số\n\n"
    "3.1. Tổ chức Ngày hội chuyển đổi số cho thanh niên huyện.\n"
    "Cơ quan thực hiện: Phòng Văn hóa và Thông tin huyện.\n"
    "Thời gian thực hiện: Quý III/2024.\n";

typedef struct cfx {
    apifx_t *f; /* first member: apifx_teardown */
    long long plan, district;
    char admin[160], standing[160], longho[160], mangthit[160], bte[160];
} cfx_t;

static int setup(void **state)
{
    cfx_t *t = calloc(1, sizeof *t);
    t->f = apifx_open(4 << 20);
    apifx_user(t->f, "admin", ACCESS_ROLE_ADMIN, NULL, t->admin, sizeof t->admin);
    apifx_user(t->f, "thuongtruc", ACCESS_ROLE_STANDING, "VLG", t->standing, sizeof t->standing);
    apifx_user(t->f, "canbo.longho", ACCESS_ROLE_OFFICER, LONGHO, t->longho, sizeof t->longho);
    apifx_user(t->f, "canbo.mangthit", ACCESS_ROLE_OFFICER, "VLG.H.MANGTHIT", t->mangthit,
               sizeof t->mangthit);
    apifx_user(t->f, "thuongtruc.bte", ACCESS_ROLE_STANDING, "BTE", t->bte, sizeof t->bte);
    t->plan = apifx_import_plan(t->f, t->admin, P002);
    /* the district's officer imports its plan as raw text; the issuer
     * "UBND huyện Long Hồ" resolves to the district */
    json_t *j = apifx_send(t->f, "POST", "/api/v1/plans?filename=long-ho-2024.txt", t->longho,
                           "text/plain", district_plan, sizeof district_plan - 1, 201);
    t->district = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    assert_true(t->district > t->plan);
    *state = t;
    return 0;
}

static json_t *cascade(cfx_t *t, const char *cookie, const char *unit, int want)
{
    char path[256];
    snprintf(path, sizeof path, "/api/v1/plans/%lld/cascade%s%s", t->plan, unit ? "?unit=" : "",
             unit ? unit : "");
    return apifx_json(t->f, "GET", path, cookie, NULL, want);
}

static json_t *unit_summary(json_t *c, const char *unit)
{
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(c, "units"), i, u)
    {
        if (strcmp(json_string_value(json_object_get(json_object_get(u, "unit"), "code")), unit) ==
            0)
            return u;
    }
    fail_msg("no unit %s", unit);
    return NULL;
}

static const char *str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static void assert_match(json_t *row, long long plan, const char *task_no)
{
    json_t *m = json_object_get(row, "match");
    assert_true(json_is_object(m));
    assert_int_equal(json_integer_value(json_object_get(m, "plan_id")), plan);
    assert_string_equal(str(m, "task_no"), task_no);
}

static void district_through_group(void **state)
{
    cfx_t *t = *state;
    /* the province plan names Long Hồ nowhere: only "UBND cấp huyện" */
    char path[160];
    snprintf(path, sizeof path, "/api/v1/plans/%lld", t->plan);
    json_t *p = apifx_json(t->f, "GET", path, t->admin, NULL, 200);
    char *dump = json_dumps(p, 0);
    assert_non_null(dump);
    assert_null(strstr(dump, LONGHO));
    assert_non_null(strstr(dump, "UBND cấp huyện"));
    free(dump);
    json_decref(p);
    /* its assignments come from the expansion of the group */
    snprintf(path, sizeof path, "/api/v1/tasks?plan=%lld&unit=%s&limit=5000", t->plan, LONGHO);
    json_t *l = apifx_json(t->f, "GET", path, t->admin, NULL, 200);
    long long assigned = json_integer_value(json_object_get(l, "total"));
    json_decref(l);
    assert_true(assigned > 0);

    json_t *c = cascade(t, t->admin, LONGHO, 200);
    assert_int_equal(json_integer_value(json_object_get(c, "plan_id")), t->plan);
    assert_int_equal(json_integer_value(json_object_get(c, "year")), 2024);
    json_t *th = json_object_get(c, "thresholds");
    assert_true(json_number_value(json_object_get(th, "covered")) >
                json_number_value(json_object_get(th, "maybe")));
    assert_int_equal(json_array_size(json_object_get(c, "units")), 1);
    json_t *u = unit_summary(c, LONGHO);
    assert_string_equal(str(json_object_get(u, "unit"), "name"), "UBND huyện Long Hồ");
    json_t *plans = json_object_get(u, "plans");
    assert_int_equal(json_array_size(plans), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(plans, 0), "id")),
                     t->district);
    assert_int_equal(json_integer_value(json_object_get(u, "total")), assigned);
    assert_int_equal(json_array_size(json_object_get(c, "rows")), assigned);
    long long sum = json_integer_value(json_object_get(u, "covered")) +
                    json_integer_value(json_object_get(u, "maybe")) +
                    json_integer_value(json_object_get(u, "missing")) +
                    json_integer_value(json_object_get(u, "no_plan"));
    assert_int_equal(sum, assigned);
    assert_int_equal(json_integer_value(json_object_get(u, "no_plan")), 0);

    /* reworded tasks are covered by the right district task */
    static const char *const covered[][2] = {
        {"2", "1.1.1"}, {"4", "1.1.2"}, {"6", "1.1.3"}, {"36", "2.2.1"}};
    for (size_t k = 0; k < 4; k++) {
        json_t *r = apifx_cascade_row(c, LONGHO, covered[k][0]);
        assert_string_equal(str(r, "state"), "covered");
        assert_string_equal(str(r, "auto_state"), "covered");
        assert_true(json_number_value(json_object_get(r, "score")) >=
                    json_number_value(json_object_get(th, "covered")));
        assert_match(r, t->district, covered[k][1]);
        assert_true(json_is_null(json_object_get(r, "decided_by")));
    }
    /* a shared phrase only: maybe; nothing alike: missing without a match */
    json_t *r = apifx_cascade_row(c, LONGHO, "49");
    assert_string_equal(str(r, "state"), "maybe");
    assert_match(r, t->district, "3.3.1");
    static const char *const missing[] = {"21", "24", "33", "59", "63"};
    for (size_t k = 0; k < 5; k++) {
        r = apifx_cascade_row(c, LONGHO, missing[k]);
        assert_string_equal(str(r, "state"), "missing");
        assert_true(json_is_null(json_object_get(r, "match")));
        assert_true(json_number_value(json_object_get(r, "score")) <
                    json_number_value(json_object_get(th, "maybe")));
    }
    json_decref(c);
}

static void other_units_have_no_plan(void **state)
{
    cfx_t *t = *state;
    json_t *c = cascade(t, t->standing, NULL, 200);
    json_t *u = unit_summary(c, "VLG.H.MANGTHIT");
    assert_true(json_integer_value(json_object_get(u, "total")) > 0);
    assert_int_equal(json_integer_value(json_object_get(u, "no_plan")),
                     json_integer_value(json_object_get(u, "total")));
    assert_int_equal(json_array_size(json_object_get(u, "plans")), 0);
    assert_string_equal(str(apifx_cascade_row(c, "VLG.H.MANGTHIT", "2"), "state"), "no_plan");
    /* the plan's own unit is not checked against itself */
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(c, "rows"), i, r)
        assert_string_not_equal(str(json_object_get(r, "unit"), "code"), "VLG");
    /* Long Hồ's figures are the same with or without the unit filter */
    json_t *one = cascade(t, t->standing, LONGHO, 200);
    assert_true(json_equal(unit_summary(c, LONGHO), unit_summary(one, LONGHO)));
    json_decref(one);
    json_decref(c);
}

static void who_sees_what(void **state)
{
    cfx_t *t = *state;
    /* a district officer sees only the rows of the district and of its
     * communes (assigned through "UBND cấp xã"), even unfiltered */
    json_t *c = cascade(t, t->longho, NULL, 200);
    assert_true(json_array_size(json_object_get(c, "units")) > 1);
    unit_summary(c, LONGHO);
    unit_summary(c, "VLG.H.LONGHO.X.ANBINH");
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(c, "rows"), i, r)
        assert_true(strncmp(str(json_object_get(r, "unit"), "code"), LONGHO, strlen(LONGHO)) == 0);
    json_decref(c);
    c = cascade(t, t->mangthit, NULL, 200);
    json_array_foreach(json_object_get(c, "rows"), i, r)
        assert_true(strncmp(str(json_object_get(r, "unit"), "code"), "VLG.H.MANGTHIT", 14) == 0);
    json_decref(c);
    /* another district's rows are refused to it */
    json_decref(cascade(t, t->mangthit, LONGHO, 403));
    /* a unit with no assignment in the plan, outside its scope: refused */
    json_t *j = cascade(t, t->bte, NULL, 403);
    assert_string_equal(apifx_error_code(j), "auth.forbidden");
    json_decref(j);
    char path[96];
    snprintf(path, sizeof path, "/api/v1/plans/%lld/cascade", t->plan + 1000);
    json_decref(apifx_json(t->f, "GET", path, t->admin, NULL, 404));
    json_decref(apifx_json(t->f, "GET", "/api/v1/plans/abc/cascade", t->admin, NULL, 404));
}

static json_t *decide(cfx_t *t, const char *cookie, const char *body, int want)
{
    char path[96];
    snprintf(path, sizeof path, "/api/v1/plans/%lld/cascade", t->plan);
    return apifx_json(t->f, "POST", path, cookie, body, want);
}

static long long id_of(json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

static void decisions(void **state)
{
    cfx_t *t = *state;
    json_t *c = cascade(t, t->admin, LONGHO, 200);
    json_t *r2 = apifx_cascade_row(c, LONGHO, "2");
    long long task2 = id_of(r2, "task_id");
    long long child = id_of(json_object_get(r2, "match"), "task_id");
    long long task21 = id_of(apifx_cascade_row(c, LONGHO, "21"), "task_id");
    long long other_child =
        id_of(json_object_get(apifx_cascade_row(c, LONGHO, "36"), "match"), "task_id");
    long long covered_before = id_of(unit_summary(c, LONGHO), "covered");
    json_decref(c);
    char body[256];

    /* the standing agency says the automatic match is wrong: missing */
    snprintf(body, sizeof body, "{\"task_id\":%lld,\"unit\":\"%s\",\"decision\":\"missing\"}",
             task2, LONGHO);
    json_t *j = decide(t, t->standing, body, 200);
    assert_string_equal(str(j, "state"), "missing");
    assert_string_equal(str(j, "auto_state"), "covered");
    assert_string_equal(str(j, "decided_by"), "thuongtruc");
    assert_true(strlen(str(j, "decided_at")) >= 19);
    assert_true(json_is_null(json_object_get(j, "match")));
    json_decref(j);
    /* a missing task found by hand: covered, with the task named */
    snprintf(body, sizeof body,
             "{\"task_id\":%lld,\"unit\":\"%s\",\"decision\":\"covered\",\"child_task_id\":%lld}",
             task21, LONGHO, other_child);
    j = decide(t, t->admin, body, 200);
    assert_string_equal(str(j, "state"), "covered");
    assert_string_equal(str(j, "auto_state"), "missing");
    assert_match(j, t->district, "2.2.1");
    json_decref(j);
    /* newest wins: task 2 back to covered with its match */
    snprintf(body, sizeof body,
             "{\"task_id\":%lld,\"unit\":\"%s\",\"decision\":\"covered\",\"child_task_id\":%lld}",
             task2, LONGHO, child);
    json_decref(decide(t, t->standing, body, 200));
    c = cascade(t, t->longho, NULL, 200); /* the district sees the decisions too */
    json_t *r = apifx_cascade_row(c, LONGHO, "2");
    assert_string_equal(str(r, "state"), "covered");
    assert_match(r, t->district, "1.1.1");
    assert_string_equal(str(r, "decided_by"), "thuongtruc");
    assert_string_equal(str(apifx_cascade_row(c, LONGHO, "21"), "state"), "covered");
    assert_int_equal(id_of(unit_summary(c, LONGHO), "covered"), covered_before + 1);
    json_decref(c);

    /* refusals */
    snprintf(body, sizeof body, "{\"task_id\":%lld,\"unit\":\"%s\",\"decision\":\"covered\"}",
             task21, LONGHO);
    j = decide(t, t->longho, body, 403); /* the district may not judge itself */
    assert_string_equal(apifx_error_code(j), "auth.forbidden");
    json_decref(j);
    json_decref(decide(t, t->bte, body, 403)); /* standing agency of another province */
    snprintf(body, sizeof body, "{\"task_id\":%lld,\"unit\":\"%s\",\"decision\":\"maybe\"}", task21,
             LONGHO);
    j = decide(t, t->admin, body, 400);
    assert_string_equal(apifx_error_code(j), "cascade.decision");
    assert_string_equal(str(json_object_get(j, "error"), "field"), "decision");
    json_decref(j);
    /* the matching task must be one of the district's own tasks */
    snprintf(body, sizeof body,
             "{\"task_id\":%lld,\"unit\":\"%s\",\"decision\":\"covered\",\"child_task_id\":%lld}",
             task21, LONGHO, task2);
    j = decide(t, t->admin, body, 400);
    assert_string_equal(apifx_error_code(j), "cascade.child");
    assert_string_equal(str(json_object_get(j, "error"), "field"), "child_task_id");
    json_decref(j);
    snprintf(body, sizeof body,
             "{\"task_id\":%lld,\"unit\":\"%s\",\"decision\":\"missing\",\"child_task_id\":%lld}",
             task21, LONGHO, child);
    j = decide(t, t->admin, body, 400);
    assert_string_equal(apifx_error_code(j), "cascade.child");
    json_decref(j);
    /* a unit the task is not assigned to */
    snprintf(body, sizeof body, "{\"task_id\":%lld,\"unit\":\"BTE.SNV\",\"decision\":\"covered\"}",
             task21);
    j = decide(t, t->admin, body, 400);
    assert_string_equal(apifx_error_code(j), "cascade.row");
    json_decref(j);
    j = decide(t, t->admin, "{\"task_id\":1,\"decision\":\"covered\"}", 400);
    assert_string_equal(str(json_object_get(j, "error"), "field"), "unit");
    json_decref(j);
}

/* cchc plan cascade ID --unit CODE --json answers as the API does. */
static void cli_agrees(void **state)
{
    cfx_t *t = *state;
    char id[32];
    snprintf(id, sizeof id, "%lld", t->plan);
    char *out = apifx_cli(
        t->f, (const char *const[]){"plan", "cascade", id, "--unit", LONGHO, "--json", NULL});
    json_error_t je;
    json_t *cli = json_loads(out, 0, &je);
    assert_non_null(cli);
    free(out);
    json_t *api = cascade(t, t->admin, LONGHO, 200);
    assert_true(json_equal(json_object_get(cli, "units"), json_object_get(api, "units")));
    assert_int_equal(json_array_size(json_object_get(cli, "rows")),
                     json_array_size(json_object_get(api, "rows")));
    json_decref(api);
    json_decref(cli);
    /* the plain listing names the district with its counts */
    out = apifx_cli(t->f, (const char *const[]){"plan", "cascade", id, NULL});
    assert_non_null(strstr(out, LONGHO));
    assert_non_null(strstr(out, "UBND huyện Long Hồ"));
    free(out);
    out = apifx_cli(t->f, (const char *const[]){"plan", "cascade", "--help", NULL});
    assert_non_null(strstr(out, "cchc plan cascade ID"));
    free(out);
}

static json_t *get(cfx_t *t, const char *cookie, const char *query, int want)
{
    char path[512];
    snprintf(path, sizeof path, "/api/v1/plans/%lld/cascade?%s", t->plan, query);
    return apifx_json(t->f, "GET", path, cookie, NULL, want);
}

static long long num(json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

static const char *unit_code(json_t *row)
{
    return str(json_object_get(row, "unit"), "code");
}

/* The counts per state add up to the rows, whatever the state filter. */
static void assert_counts(json_t *c, long long rows)
{
    json_t *k = json_object_get(c, "counts");
    assert_int_equal(num(k, "covered") + num(k, "maybe") + num(k, "missing") + num(k, "no_plan"),
                     rows);
}

static void pages_and_filters(void **state)
{
    cfx_t *t = *state;
    json_t *all = get(t, t->standing, "", 200);
    json_t *rows = json_object_get(all, "rows");
    long long n = num(all, "total");
    assert_int_equal(json_array_size(rows), n);
    assert_true(n > 1000); /* the province plan: about 2,000 (task, unit) rows */
    assert_counts(all, n);
    /* pages of 50 are the same rows, in the same order, with the total */
    static const long long offsets[] = {0, 50, 1000};
    for (size_t k = 0; k < 3; k++) {
        char q[64];
        snprintf(q, sizeof q, "limit=50&offset=%lld", offsets[k]);
        json_t *p = get(t, t->standing, q, 200);
        assert_int_equal(num(p, "total"), n);
        assert_int_equal(num(p, "offset"), offsets[k]);
        assert_int_equal(num(p, "limit"), 50);
        json_t *pr = json_object_get(p, "rows");
        assert_int_equal(json_array_size(pr), 50);
        for (size_t i = 0; i < 50; i++)
            assert_true(
                json_equal(json_array_get(pr, i), json_array_get(rows, (size_t)offsets[k] + i)));
        assert_true(json_equal(json_object_get(p, "units"), json_object_get(all, "units")));
        json_decref(p);
    }
    char q[96];
    snprintf(q, sizeof q, "limit=50&offset=%lld", n - 7);
    json_t *last = get(t, t->standing, q, 200);
    assert_int_equal(json_array_size(json_object_get(last, "rows")), 7);
    json_decref(last);
    /* a state: only its rows, its count as the total, the same counts */
    json_t *m = get(t, t->standing, "state=missing&limit=20", 200);
    assert_int_equal(num(m, "total"), num(json_object_get(all, "counts"), "missing"));
    assert_true(json_equal(json_object_get(m, "counts"), json_object_get(all, "counts")));
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(m, "rows"), i, r)
        assert_string_equal(str(r, "state"), "missing");
    json_decref(m);
    /* an area: the tasks of that area only */
    json_t *a = get(t, t->standing, "area=3", 200);
    assert_true(num(a, "total") > 0 && num(a, "total") < n);
    json_array_foreach(json_object_get(a, "rows"), i, r) assert_int_equal(num(r, "area"), 3);
    assert_counts(a, num(a, "total"));
    json_decref(a);
    /* text, accent- and case-insensitive, in the title or the unit name */
    json_t *x = get(t, t->standing, "q=TUYEN%20TRUYEN", 200);
    assert_true(num(x, "total") > 0 && num(x, "total") < n);
    json_array_foreach(json_object_get(x, "rows"), i, r)
    {
        char buf[2048];
        snprintf(buf, sizeof buf, "%s %s %s", str(r, "task_no"), str(r, "title"),
                 str(json_object_get(r, "unit"), "name"));
        char *k = text_key(buf, strlen(buf), NULL);
        assert_non_null(strstr(k, "tuyen truyen"));
        free(k);
    }
    json_decref(x);
    x = get(t, t->standing, "q=long%20h%E1%BB%93", 200); /* "long hồ": the unit's rows */
    json_array_foreach(json_object_get(x, "rows"), i, r) assert_string_equal(unit_code(r), LONGHO);
    assert_true(num(x, "total") > 0);
    json_decref(x);
    /* a unit with its subtree: the district and its communes */
    json_t *tr = get(t, t->standing, "unit=" LONGHO "&tree=1", 200);
    bool commune = false;
    json_array_foreach(json_object_get(tr, "rows"), i, r)
    {
        assert_true(strncmp(unit_code(r), LONGHO, strlen(LONGHO)) == 0);
        commune |= strcmp(unit_code(r), LONGHO) != 0;
    }
    assert_true(commune);
    assert_true(json_array_size(json_object_get(tr, "units")) > 1);
    json_decref(tr);
    json_decref(all);
}

/* Each sort orders by its key (then the plan's task order). */
static void sorts(void **state)
{
    cfx_t *t = *state;
    static const char *const states[] = {"covered", "maybe", "missing", "no_plan"};
    for (int desc = 0; desc <= 1; desc++) {
        char q[64];
        snprintf(q, sizeof q, "sort=score%s", desc ? "&desc=1" : "");
        json_t *c = get(t, t->standing, q, 200);
        json_t *rows = json_object_get(c, "rows");
        for (size_t i = 1; i < json_array_size(rows); i++) {
            double a = json_number_value(json_object_get(json_array_get(rows, i - 1), "score"));
            double b = json_number_value(json_object_get(json_array_get(rows, i), "score"));
            assert_true(desc ? a >= b : a <= b);
        }
        json_decref(c);
        snprintf(q, sizeof q, "sort=unit%s", desc ? "&desc=1" : "");
        c = get(t, t->standing, q, 200);
        rows = json_object_get(c, "rows");
        char *prev = NULL;
        for (size_t i = 0; i < json_array_size(rows); i++) {
            const char *name = str(json_object_get(json_array_get(rows, i), "unit"), "name");
            char *k = text_key(name, strlen(name), NULL);
            if (prev)
                assert_true(desc ? strcmp(prev, k) >= 0 : strcmp(prev, k) <= 0);
            free(prev);
            prev = k;
        }
        free(prev);
        json_decref(c);
    }
    json_t *c = get(t, t->standing, "sort=state", 200);
    json_t *rows = json_object_get(c, "rows");
    int last = 0;
    for (size_t i = 0; i < json_array_size(rows); i++) {
        const char *s = str(json_array_get(rows, i), "state");
        int k = 0;
        while (k < 4 && strcmp(states[k], s) != 0)
            k++;
        assert_true(k < 4 && k >= last);
        last = k;
    }
    json_decref(c);
}

static void bad_parameters(void **state)
{
    cfx_t *t = *state;
    static const struct {
        const char *query, *code, *field;
    } bad[] = {
        {"sort=due", "cascade.sort", "sort"},      {"state=done", "cascade.state", "state"},
        {"limit=5001", "http.bad_param", "limit"}, {"limit=-1", "http.bad_param", "limit"},
        {"area=9", "http.bad_param", "area"},      {"offset=x", "http.bad_param", "offset"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        json_t *j = get(t, t->standing, bad[i].query, 400);
        assert_string_equal(apifx_error_code(j), bad[i].code);
        assert_string_equal(str(json_object_get(j, "error"), "field"), bad[i].field);
        json_decref(j);
    }
    /* past the end: an empty page with the total */
    json_t *j = get(t, t->standing, "offset=100000&limit=50", 200);
    assert_int_equal(json_array_size(json_object_get(j, "rows")), 0);
    assert_true(num(j, "total") > 0);
    json_decref(j);
}

/* Reads sheet `sheet` of an XLSX answer: the number of rows after the
 * header row `head` (whose first cell is "STT"/"No."), and checks column
 * col of each holds want (when given). */
static size_t xlsx_rows(const tc_response_t *resp, size_t sheet, const char *name, size_t head,
                        size_t col, const char *want)
{
    xlsx_t *x = NULL;
    xlsx_sheet_t *s = NULL;
    err_t e;
    assert_int_equal(xlsx_read_open_buffer(resp->body, resp->body_len, NULL, &x, &e), 0);
    assert_string_equal(xlsx_read_sheet_name(x, sheet), name);
    assert_int_equal(xlsx_read_sheet_open(x, sheet, &s, &e), 0);
    const xlsx_row_t *row;
    size_t n = 0;
    bool seen_head = false;
    while (xlsx_read_sheet_next(s, &row, &e) == 1) {
        if (row->index == head) {
            const xlsx_cell_t *c = xlsx_read_sheet_cell(row, 0);
            assert_non_null(c);
            assert_true(strcmp(c->text, "STT") == 0 || strcmp(c->text, "No.") == 0);
            seen_head = true;
        } else if (row->index > head) {
            const xlsx_cell_t *c = xlsx_read_sheet_cell(row, 0),
                              *w = xlsx_read_sheet_cell(row, col);
            assert_non_null(c);
            assert_int_equal((long long)c->num, (long long)n + 1);
            if (want) {
                assert_non_null(w);
                assert_string_equal(w->text, want);
            }
            n++;
        }
    }
    assert_true(seen_head);
    xlsx_read_sheet_close(s);
    xlsx_read_close(x);
    return n;
}

static void export_xlsx(void **state)
{
    cfx_t *t = *state;
    json_t *m = get(t, t->standing, "state=missing&limit=1", 200);
    long long missing = num(m, "total");
    size_t nunits = json_array_size(json_object_get(m, "units"));
    json_decref(m);
    char path[256];
    snprintf(path, sizeof path, "/api/v1/plans/%lld/cascade/export.xlsx?state=missing&offset=5",
             t->plan);
    tc_response_t r;
    assert_int_equal(tc_request(t->f->port, "GET", path, t->standing, NULL, 0, &r), 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(tc_header(&r, "Content-Type"), "spreadsheetml"));
    char name[64];
    snprintf(name, sizeof name, "ra-soat-ke-hoach-%lld.xlsx", t->plan);
    assert_non_null(strstr(tc_header(&r, "Content-Disposition"), name));
    /* every filtered row (no paging), the result in words */
    assert_int_equal(xlsx_rows(&r, 0, "Rà soát", 4, 6, "Chưa có"), missing);
    assert_int_equal(xlsx_rows(&r, 1, "Tổng hợp theo đơn vị", 0, 0, NULL), nunits);
    tc_response_free(&r);
    snprintf(path, sizeof path, "/api/v1/plans/%lld/cascade/export.xlsx?unit=%s&lang=en", t->plan,
             LONGHO);
    assert_int_equal(tc_request(t->f->port, "GET", path, t->longho, NULL, 0, &r), 0);
    assert_int_equal(r.status, 200);
    json_t *one = get(t, t->longho, "unit=" LONGHO, 200);
    assert_int_equal(xlsx_rows(&r, 0, "Cascade check", 4, 1, "UBND huyện Long Hồ"),
                     num(one, "total"));
    json_decref(one);
    tc_response_free(&r);
    /* the same rights as the list */
    assert_int_equal(tc_request(t->f->port, "GET", path, t->mangthit, NULL, 0, &r), 0);
    assert_int_equal(r.status, 403);
    tc_response_free(&r);
    snprintf(path, sizeof path, "/api/v1/plans/%lld/cascade/export.xlsx?sort=x", t->plan);
    assert_int_equal(tc_request(t->f->port, "GET", path, t->standing, NULL, 0, &r), 0);
    assert_int_equal(r.status, 400);
    tc_response_free(&r);
    assert_int_equal(tc_request(t->f->port, "GET", path, NULL, NULL, 0, &r), 0);
    assert_int_equal(r.status, 401);
    tc_response_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(district_through_group),
        cmocka_unit_test(other_units_have_no_plan),
        cmocka_unit_test(who_sees_what),
        cmocka_unit_test(decisions),
        cmocka_unit_test(cli_agrees),
        cmocka_unit_test(pages_and_filters),
        cmocka_unit_test(sorts),
        cmocka_unit_test(bad_parameters),
        cmocka_unit_test(export_xlsx),
    };
    return cmocka_run_group_tests(tests, setup, apifx_teardown);
}
