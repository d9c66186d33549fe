/* Unit tests of the cascade check's list (src/app/app_cascade_list.c):
 * the sort and state parsers, and app_cascade_page on hand-made rows —
 * filters by state, area and text (accent-insensitive, unit name
 * included), the counts of every state whatever the state filter, each
 * sort with its tie-break and direction, pages and an offset past the end,
 * and allocation failures (ours and jansson's) failing cleanly. The
 * matching itself and the API are tested in
 * tests/integration/test_cascade_api.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_cascade_int.h"
#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

enum { N = 6 };

typedef struct rows {
    app_cascade_row_t v[N];
} rows_t;

/* Six rows of three tasks (task order 0..5): unit names, states, areas
 * and scores chosen so that every sort gives a different order. */
static void make(rows_t *r)
{
    static const struct {
        const char *no, *title, *unit, *key;
        int state, area;
        double score;
    } d[N] = {
        {"1", "Ban hành kế hoạch CCHC", "Sở Nội vụ", "so noi vu", 0, 1, 0.9},
        {"1", "Ban hành kế hoạch CCHC", "UBND huyện Long Hồ", "ubnd huyen long ho", 2, 1, 0.1},
        {"2", "Tuyên truyền cải cách hành chính", "Sở Nội vụ", "so noi vu", 1, 1, 0.35},
        {"2", "Tuyên truyền cải cách hành chính", "Đài Phát thanh", "dai phat thanh", 3, 1, 0},
        {"3", "Số hóa hồ sơ thủ tục hành chính", "Sở Nội vụ", "so noi vu", 0, 7, 0.6},
        {"3", "Số hóa hồ sơ thủ tục hành chính", "UBND huyện Long Hồ", "ubnd huyen long ho", 2, 7,
         0.2},
    };
    for (size_t i = 0; i < N; i++) {
        json_t *o =
            json_pack("{s:s,s:s,s:i}", "task_no", d[i].no, "title", d[i].title, "ord", (int)i);
        assert_non_null(o);
        r->v[i] = (app_cascade_row_t){.json = o,
                                      .ord = i,
                                      .state = d[i].state,
                                      .area = d[i].area,
                                      .score = d[i].score,
                                      .name_key = d[i].key,
                                      .unit_name = d[i].unit};
    }
}

static void drop(rows_t *r)
{
    for (size_t i = 0; i < N; i++)
        json_decref(r->v[i].json);
}

/* The "ord" of each row of the page, as a string "1,0,3". */
static void page(const app_cascade_filter_t *f, json_t **out, char *ords, size_t cap)
{
    rows_t r;
    make(&r);
    *out = json_object();
    err_t e;
    assert_int_equal(app_cascade_page(f, r.v, N, *out, &e), 0);
    ords[0] = '\0';
    size_t len = 0;
    json_t *rows = json_object_get(*out, "rows");
    for (size_t i = 0; i < json_array_size(rows); i++) {
        int o = (int)json_integer_value(json_object_get(json_array_get(rows, i), "ord"));
        len += (size_t)snprintf(ords + len, cap - len, "%s%d", i ? "," : "", o);
    }
    drop(&r);
}

static long long num(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static void parsers(void **state)
{
    (void)state;
    app_cascade_sort_t s = APP_CASCADE_SORT_TASK;
    err_t e;
    assert_int_equal(app_cascade_sort_parse("score", &s, &e), 0);
    assert_int_equal(s, APP_CASCADE_SORT_SCORE);
    assert_int_equal(app_cascade_sort_parse("unit", &s, &e), 0);
    assert_int_equal(s, APP_CASCADE_SORT_UNIT);
    assert_int_equal(app_cascade_sort_parse("due", &s, &e), ERR_INVALID);
    assert_string_equal(e.code, "cascade.sort");
    assert_non_null(strstr(e.vi, "Cách sắp xếp không hợp lệ"));
    assert_int_equal(app_cascade_sort_parse(NULL, &s, &e), ERR_INVALID);
    assert_int_equal(app_cascade_state_check(NULL, &e), 0);
    assert_int_equal(app_cascade_state_check("", &e), 0);
    assert_int_equal(app_cascade_state_check("no_plan", &e), 0);
    assert_int_equal(app_cascade_state_check("done", &e), ERR_INVALID);
    assert_string_equal(e.code, "cascade.state");
}

static void filters_and_counts(void **state)
{
    (void)state;
    app_cascade_filter_t f;
    app_cascade_filter_init(&f);
    char ords[64];
    json_t *o;
    page(&f, &o, ords, sizeof ords);
    assert_string_equal(ords, "0,1,2,3,4,5");
    assert_int_equal(num(o, "total"), 6);
    json_t *c = json_object_get(o, "counts");
    assert_int_equal(num(c, "covered"), 2);
    assert_int_equal(num(c, "maybe"), 1);
    assert_int_equal(num(c, "missing"), 2);
    assert_int_equal(num(c, "no_plan"), 1);
    json_decref(o);
    /* a state: its rows; the counts stay those of every state */
    f.state = "missing";
    page(&f, &o, ords, sizeof ords);
    assert_string_equal(ords, "1,5");
    assert_int_equal(num(o, "total"), 2);
    assert_int_equal(num(json_object_get(o, "counts"), "covered"), 2);
    json_decref(o);
    /* an area, then text in the title or the unit's name, accents and case aside */
    f.state = NULL;
    f.area = 7;
    page(&f, &o, ords, sizeof ords);
    assert_string_equal(ords, "4,5");
    assert_int_equal(num(json_object_get(o, "counts"), "no_plan"), 0);
    json_decref(o);
    f.area = 0;
    f.q = "TUYEN  truyền";
    page(&f, &o, ords, sizeof ords);
    assert_string_equal(ords, "2,3");
    json_decref(o);
    f.q = "long ho";
    page(&f, &o, ords, sizeof ords);
    assert_string_equal(ords, "1,5");
    assert_int_equal(num(json_object_get(o, "counts"), "missing"), 2);
    json_decref(o);
    f.q = "dai phat";
    f.state = "covered";
    page(&f, &o, ords, sizeof ords);
    assert_string_equal(ords, "");
    assert_int_equal(num(o, "total"), 0);
    assert_int_equal(num(json_object_get(o, "counts"), "no_plan"), 1);
    json_decref(o);
    /* text that is not UTF-8 is refused */
    rows_t r;
    make(&r);
    f.state = NULL;
    f.q = "\xff\xfe";
    o = json_object();
    err_t e;
    assert_int_equal(app_cascade_page(&f, r.v, N, o, &e), ERR_INVALID);
    json_decref(o);
    drop(&r);
}

static void sorts_and_pages(void **state)
{
    (void)state;
    app_cascade_filter_t f;
    app_cascade_filter_init(&f);
    char ords[64];
    json_t *o;
    static const struct {
        app_cascade_sort_t sort;
        bool desc;
        const char *want;
    } cases[] = {
        {APP_CASCADE_SORT_TASK, true, "5,4,3,2,1,0"},
        /* "dai phat thanh" < "so noi vu" < "ubnd huyen long ho"; ties by task order */
        {APP_CASCADE_SORT_UNIT, false, "3,0,2,4,1,5"},
        {APP_CASCADE_SORT_UNIT, true, "1,5,0,2,4,3"},
        {APP_CASCADE_SORT_STATE, false, "0,4,2,1,5,3"},
        {APP_CASCADE_SORT_SCORE, false, "3,1,5,2,4,0"},
        {APP_CASCADE_SORT_SCORE, true, "0,4,2,5,1,3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        f.sort = cases[i].sort;
        f.desc = cases[i].desc;
        page(&f, &o, ords, sizeof ords);
        assert_string_equal(ords, cases[i].want);
        json_decref(o);
    }
    /* pages of the unit order */
    f.sort = APP_CASCADE_SORT_UNIT;
    f.desc = false;
    f.limit = 4;
    page(&f, &o, ords, sizeof ords);
    assert_string_equal(ords, "3,0,2,4");
    assert_int_equal(num(o, "total"), 6);
    assert_int_equal(num(o, "limit"), 4);
    json_decref(o);
    f.offset = 4;
    page(&f, &o, ords, sizeof ords);
    assert_string_equal(ords, "1,5");
    assert_int_equal(num(o, "offset"), 4);
    json_decref(o);
    f.offset = 100;
    page(&f, &o, ords, sizeof ords);
    assert_string_equal(ords, "");
    assert_int_equal(num(o, "total"), 6);
    json_decref(o);
}

static long json_countdown = -1;

static void *failing_malloc(size_t n)
{
    if (json_countdown >= 0 && json_countdown-- == 0) {
        json_countdown = 0;
        return NULL;
    }
    return malloc(n);
}

/* Every allocation failure (the query key, jansson's objects) gives
 * ERR_NOMEM, leaves no leak (ASan) and the caller's rows intact. */
static void allocation_failures(void **state)
{
    (void)state;
    app_cascade_filter_t f;
    app_cascade_filter_init(&f);
    f.q = "nội vụ";
    f.limit = 2;
    bool ok = false;
    for (long n = 0; n < 100 && !ok; n++) {
        rows_t r;
        make(&r);
        json_t *o = json_object();
        assert_non_null(o);
        err_t e;
        json_set_alloc_funcs(failing_malloc, free);
        mem_fail_after(n < 50 ? n : -1);
        json_countdown = n < 50 ? -1 : n - 50;
        int rc = app_cascade_page(&f, r.v, N, o, &e);
        mem_fail_after(-1);
        json_countdown = -1;
        json_set_alloc_funcs(malloc, free);
        if (rc == 0) {
            ok = n >= 50; /* both kinds of failure were tried before success */
            assert_int_equal(num(o, "total"), 3);
        } else {
            assert_int_equal(rc, ERR_NOMEM);
            assert_string_equal(e.code, "nomem");
        }
        json_decref(o);
        drop(&r);
    }
    assert_true(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parsers),
        cmocka_unit_test(filters_and_counts),
        cmocka_unit_test(sorts_and_pages),
        cmocka_unit_test(allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
