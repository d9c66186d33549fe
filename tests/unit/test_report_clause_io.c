/* Unit tests of src/io/report_clause_io: the JSON of reporting clauses
 * shown in the plan-import preview. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/report_clause_io.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static long json_budget = -1;

/* jansson's allocator in the failure test: the n-th allocation fails. */
static void *failing_malloc(size_t n)
{
    if (json_budget >= 0 && json_budget-- == 0)
        return NULL;
    return malloc(n);
}

static report_clauses_t *sample(void)
{
    const char *paras[] = {
        "Các phòng báo cáo định kỳ quý I, 6 tháng gửi về Văn phòng trước ngày 15 tháng cuối kỳ.",
        "Báo cáo năm: số liệu tính từ ngày 15/12/2023 đến ngày 24/11/2024, gửi chậm nhất ngày "
        "25/11/2024.",
        "Báo cáo quý III gửi trước ngày quy định.",
    };
    const int lines[] = {10, 12, 14};
    report_clauses_t *r = NULL;
    err_t e;
    if (report_clause_from_paras(paras, lines, 3, "VP", 2024, "KH 1", &r, &e) != 0)
        fail_msg("%s", e.en);
    return r;
}

static void preview_json(void **state)
{
    (void)state;
    report_clauses_t *r = sample();
    json_t *j = report_clause_io_json(r);
    assert_non_null(j);
    char *s = json_dumps(j, JSON_COMPACT);
    assert_non_null(strstr(s, "\"line\":10,\"page\":null,\"receiver\":\"Văn phòng\","
                              "\"kinds\":[\"quy1\",\"6thang\"],\"adhoc\":false}"));
    assert_non_null(strstr(s, "{\"receiver\":\"VP\",\"kind\":\"quy1\",\"years\":\"2024\","
                              "\"window\":\"15/12-14/3\",\"due\":\"14\",\"source\":\"KH 1:10\","
                              "\"enabled\":true,\"clause\":0}"));
    assert_non_null(strstr(s,
                           "{\"receiver\":\"VP\",\"kind\":\"nam\",\"year\":2024,"
                           "\"from\":\"2023-12-15\",\"to\":\"2024-11-24\",\"due\":\"2024-11-25\","
                           "\"source\":\"KH 1:12\",\"clause\":1}"));
    assert_non_null(strstr(s, "\"code\":\"report_clause.unclear_due\""));
    assert_non_null(strstr(s, "\"clause\":2}"));
    free(s);
    json_decref(j);
    /* Every jansson allocation failure gives NULL (or a complete document), no leak. */
    json_set_alloc_funcs(failing_malloc, free);
    bool whole = false;
    for (long n = 0; n < 400 && !whole; n++) {
        json_budget = n;
        j = report_clause_io_json(r);
        json_budget = -1;
        whole = j != NULL;
        if (j)
            assert_int_equal(json_array_size(json_object_get(j, "rules")), r->nrules);
        json_decref(j);
    }
    json_set_alloc_funcs(malloc, free);
    assert_true(whole);
    report_clause_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(preview_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
