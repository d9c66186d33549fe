/* Unit tests of src/domain/report_outline: the shipped default outline
 * (data/reports/outline.json: sections, codes, depth, parents, facts,
 * appendices), the fact and table lists, every kind of malformed outline
 * with its error code and the section it names, and allocation failures
 * (project allocator and jansson's) returning ERR_NOMEM without leaks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/report_outline.h"
#include "support/testdir.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* The whole file (plain malloc: the test's own memory); caller frees. */
static char *slurp(const char *rel, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", testdir_root(), rel);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    char *s = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *t = realloc(s, cap);
            if (!t)
                fail_msg("out of memory");
            s = t;
        }
        size_t got = fread(s + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    s[n] = '\0';
    *len = n;
    return s;
}

static report_outline_t *parse_ok(const char *text)
{
    report_outline_t *o = NULL;
    err_t e;
    int rc = report_outline_parse(text, strlen(text), &o, &e);
    if (rc)
        fail_msg("report_outline_parse: %s (%s)", e.en, e.code);
    assert_non_null(o);
    return o;
}

/* Parses a malformed outline: the status, the code, and a fragment of the
 * English message (NULL: not checked). */
static void parse_bad(const char *text, int status, const char *code, const char *en)
{
    report_outline_t *o = (report_outline_t *)1;
    err_t e;
    err_clear(&e);
    int rc = report_outline_parse(text, strlen(text), &o, &e);
    if (rc != status || strcmp(e.code, code) != 0)
        fail_msg("%s: got %d %s (%s), expected %d %s", text, rc, e.code, e.en, status, code);
    assert_null(o);
    assert_true(e.vi[0] != '\0');
    if (en && !strstr(e.en, en))
        fail_msg("%s: message '%s' lacks '%s'", text, e.en, en);
    /* the err_t is optional */
    o = (report_outline_t *)1;
    assert_int_equal(report_outline_parse(text, strlen(text), &o, NULL), status);
    assert_null(o);
}

/* --- the shipped outline ------------------------------------------------ */

static void default_outline(void **state)
{
    (void)state;
    size_t n;
    char *text = slurp("data/reports/outline.json", &n);
    report_outline_t *o = NULL;
    err_t e;
    assert_int_equal(report_outline_parse(text, n, &o, &e), 0);
    free(text); /* the outline holds its own copies */
    assert_non_null(strstr(report_outline_name(o), "Đề cương báo cáo"));
    assert_int_equal(report_outline_version(o), 1);

    static const struct {
        const char *code;
        int depth;
        long parent;
        bool kids;
        size_t nfacts;
    } want[] = {
        {"I", 1, -1, false, 4},    {"II", 1, -1, true, 0},    {"II.1", 2, 1, false, 1},
        {"II.2", 2, 1, false, 4},  {"II.3", 2, 1, false, 1},  {"II.4", 2, 1, false, 1},
        {"II.5", 2, 1, false, 1},  {"II.6", 2, 1, false, 1},  {"II.7", 2, 1, false, 3},
        {"III", 1, -1, true, 0},   {"III.1", 2, 9, false, 1}, {"III.2", 2, 9, false, 1},
        {"III.3", 2, 9, false, 0}, {"IV", 1, -1, false, 1},   {"V", 1, -1, false, 0},
    };
    size_t nw = sizeof want / sizeof want[0];
    assert_int_equal(report_outline_count(o), nw);
    for (size_t i = 0; i < nw; i++) {
        const report_outline_section_t *s = report_outline_at(o, i);
        assert_non_null(s);
        assert_string_equal(s->code, want[i].code);
        assert_int_equal(s->depth, want[i].depth);
        assert_int_equal(s->parent, want[i].parent);
        assert_int_equal(s->has_kids, want[i].kids);
        assert_int_equal(s->nfacts, want[i].nfacts);
        assert_true(s->title[0] && s->title_en[0]);
        assert_ptr_equal(report_outline_find(o, s->code), s);
        for (size_t f = 0; f < s->nfacts; f++)
            assert_true(report_outline_fact_valid(s->facts[f]));
        if (s->parent >= 0) /* parents come before their children */
            assert_true((size_t)s->parent < i && report_outline_at(o, (size_t)s->parent)->has_kids);
    }
    assert_null(report_outline_at(o, nw));
    const report_outline_section_t *s = report_outline_find(o, "I");
    assert_string_equal(s->title, "Công tác chỉ đạo, điều hành cải cách hành chính");
    assert_string_equal(s->facts[0], "plan");
    assert_string_equal(s->facts[1], "tasks");
    assert_string_equal(s->facts[2], "area:chidao");
    s = report_outline_find(o, "II.2");
    assert_string_equal(s->title, "Cải cách thủ tục hành chính");
    assert_string_equal(s->title_en, "Administrative procedures");
    assert_string_equal(s->facts[1], "onestop");
    assert_string_equal(s->facts[3], "index766");
    assert_string_equal(report_outline_find(o, "III.3")->title_en, "Causes");
    assert_null(report_outline_find(o, "II.8"));
    assert_null(report_outline_find(o, "ii.1")); /* codes match exactly */
    assert_null(report_outline_find(o, ""));
    assert_null(report_outline_find(o, NULL));

    assert_string_equal(report_outline_find(o, "I")->facts[3], "evidence");
    static const char *const tables[] = {"onestop_fields", "tasks", "targets", "senders",
                                         "evidence"};
    assert_int_equal(report_outline_appendix_count(o), 5);
    for (size_t i = 0; i < 5; i++) {
        const report_outline_appendix_t *a = report_outline_appendix_at(o, i);
        char code[8];
        snprintf(code, sizeof code, "PL%zu", i + 1);
        assert_string_equal(a->code, code);
        assert_string_equal(a->table, tables[i]);
        assert_true(a->title[0] && a->title_en[0]);
    }
    assert_string_equal(report_outline_appendix_at(o, 0)->title,
                        "Kết quả giải quyết thủ tục hành chính theo lĩnh vực");
    assert_null(report_outline_appendix_at(o, 5));
    report_outline_free(o);
    report_outline_free(NULL);
}

static void minimal_outline(void **state)
{
    (void)state;
    /* no name, version, title_en, facts or appendices */
    report_outline_t *o = parse_ok("{\"sections\":[{\"code\":\"A\",\"title\":\"Mục A\"}]}");
    assert_string_equal(report_outline_name(o), "");
    assert_int_equal(report_outline_version(o), 0);
    assert_int_equal(report_outline_count(o), 1);
    const report_outline_section_t *s = report_outline_at(o, 0);
    assert_string_equal(s->title_en, "Mục A"); /* falls back to the title */
    assert_int_equal(s->nfacts, 0);
    assert_int_equal(s->depth, 1);
    assert_int_equal(s->parent, -1);
    assert_false(s->has_kids);
    assert_int_equal(report_outline_appendix_count(o), 0);
    report_outline_free(o);

    /* an empty children array is no children; eight facts is the maximum;
     * an appendix without title_en uses its title; unknown keys are ignored */
    o = parse_ok("{\"name\":\"N\",\"version\":3,\"x\":1,\"sections\":[{\"code\":\"I\",\"title\":"
                 "\"T\",\"children\":[],\"facts\":[\"plan\",\"tasks\",\"onestop\",\"indicators\","
                 "\"index766\",\"feedback\",\"targets\",\"area:so\"]},{\"code\":\"II\",\"title\":"
                 "\"U\",\"children\":[{\"code\":\"II.a\",\"title\":\"V\"}]}],\"appendices\":[{"
                 "\"code\":\"PL\",\"title\":\"Bảng\",\"table\":\"tasks\"}]}");
    assert_string_equal(report_outline_name(o), "N");
    assert_int_equal(report_outline_version(o), 3);
    assert_int_equal(report_outline_count(o), 3);
    assert_false(report_outline_at(o, 0)->has_kids);
    assert_int_equal(report_outline_at(o, 0)->nfacts, REPORT_OUTLINE_FACTS_MAX);
    assert_string_equal(report_outline_at(o, 0)->facts[7], "area:so");
    assert_true(report_outline_at(o, 1)->has_kids);
    assert_int_equal(report_outline_find(o, "II.a")->parent, 1);
    assert_string_equal(report_outline_appendix_at(o, 0)->title_en, "Bảng");
    report_outline_free(o);
}

static void facts_and_tables(void **state)
{
    (void)state;
    static const char *const ok[] = {"plan",        "tasks",         "onestop",   "indicators",
                                     "index766",    "feedback",      "targets",   "next_tasks",
                                     "evidence",    "senders",       "strengths", "shortcomings",
                                     "area:chidao", "area:theche",   "area:tthc", "area:bomay",
                                     "area:congvu", "area:taichinh", "area:so",   "area:tacdong"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_true(report_outline_fact_valid(ok[i]));
    static const char *const bad[] = {
        "",     "Plan",        "plan ",     "area:",          "area:xyz",
        "area", "area:CHIDAO", "area:none", "onestop_fields", "areas:so"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (report_outline_fact_valid(bad[i]))
            fail_msg("'%s' accepted as a fact", bad[i]);
    assert_false(report_outline_fact_valid(NULL));

    static const char *const tables[] = {"onestop_fields", "tasks", "targets", "senders"};
    for (size_t i = 0; i < 4; i++)
        assert_true(report_outline_table_valid(tables[i]));
    assert_false(report_outline_table_valid("onestop"));
    assert_false(report_outline_table_valid("Tasks"));
    assert_false(report_outline_table_valid(""));
    assert_false(report_outline_table_valid(NULL));
}

/* --- malformed outlines ----------------------------------------------------- */

#define SEC(body) "{\"sections\":[" body "]}"

static void malformed_json(void **state)
{
    (void)state;
    parse_bad("", ERR_INVALID, "report_outline.json", "not valid JSON");
    parse_bad("not json", ERR_INVALID, "report_outline.json", "(line 1)");
    parse_bad("[]", ERR_INVALID, "report_outline.json", "must be a JSON object");
    parse_bad("\"outline\"", ERR_INVALID, "report_outline.json", NULL);
    parse_bad("null", ERR_INVALID, "report_outline.json", NULL);
    parse_bad("{\"sections\":[{\"code\":\"I\",\n\"title\":\"A\"}]", ERR_INVALID,
              "report_outline.json", "(line 2)");
    parse_bad("{\"sections\":[]} trailing", ERR_INVALID, "report_outline.json", NULL);
    /* n bytes are parsed, not the whole C string */
    report_outline_t *o = NULL;
    const char *text = SEC("{\"code\":\"I\",\"title\":\"A\"}") "garbage";
    assert_int_equal(report_outline_parse(text, strlen(text) - 7, &o, NULL), 0);
    report_outline_free(o);
    assert_int_equal(report_outline_parse(text, strlen(text) - 8, &o, NULL), ERR_INVALID);
}

static void malformed_sections(void **state)
{
    (void)state;
    const char *s = "report_outline.section";
    parse_bad("{}", ERR_INVALID, s, "no section");
    parse_bad(SEC(""), ERR_INVALID, s, "no section");
    parse_bad("{\"sections\":{\"code\":\"I\",\"title\":\"A\"}}", ERR_INVALID, s, NULL);
    parse_bad("{\"sections\":\"I\"}", ERR_INVALID, s, NULL);
    parse_bad(SEC("\"I\""), ERR_INVALID, s, "a code and a title are required");
    parse_bad(SEC("{\"title\":\"A\"}"), ERR_INVALID, s, "outline, section ?:");
    parse_bad(SEC("{\"code\":\"I\"}"), ERR_INVALID, s, "outline, section I:");
    parse_bad(SEC("{\"code\":\"\",\"title\":\"A\"}"), ERR_INVALID, s, NULL);
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"\"}"), ERR_INVALID, s, NULL);
    parse_bad(SEC("{\"code\":1,\"title\":\"A\"}"), ERR_INVALID, s, NULL);
    parse_bad(SEC("{\"code\":\"I\",\"title\":[\"A\"]}"), ERR_INVALID, s, NULL);
    /* a bad section after good ones, and inside children */
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"A\"},{\"code\":\"II\",\"title\":null}"), ERR_INVALID,
              s, "section II:");
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"A\",\"children\":[{\"code\":\"I.1\"}]}"),
              ERR_INVALID, s, "section I.1:");
    /* three levels */
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"A\",\"children\":[{\"code\":\"I.1\",\"title\":\"B\","
                  "\"children\":[{\"code\":\"I.1.a\",\"title\":\"C\"}]}]}"),
              ERR_INVALID, s, "at most two levels");
    /* children that are not an array are not silently dropped */
    parse_bad(
        SEC("{\"code\":\"I\",\"title\":\"A\",\"children\":{\"code\":\"I.1\",\"title\":\"B\"}}"),
        ERR_INVALID, s, "section I:");
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"A\",\"children\":\"I.1\"}"), ERR_INVALID, s, NULL);
}

static void duplicate_codes(void **state)
{
    (void)state;
    const char *c = "report_outline.code";
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"A\"},{\"code\":\"I\",\"title\":\"B\"}"), ERR_INVALID,
              c, "section I: duplicate section code");
    /* a child with its parent's code */
    parse_bad(
        SEC("{\"code\":\"I\",\"title\":\"A\",\"children\":[{\"code\":\"I\",\"title\":\"B\"}]}"),
        ERR_INVALID, c, NULL);
    /* the same child code under two parents */
    parse_bad(
        SEC("{\"code\":\"I\",\"title\":\"A\",\"children\":[{\"code\":\"x\",\"title\":\"B\"}]},"
            "{\"code\":\"II\",\"title\":\"C\",\"children\":[{\"code\":\"x\",\"title\":\"D\"}]}"),
        ERR_INVALID, c, "section x:");
    /* a top-level section after a child with the same code */
    parse_bad(
        SEC("{\"code\":\"I\",\"title\":\"A\",\"children\":[{\"code\":\"II\",\"title\":\"B\"}]},"
            "{\"code\":\"II\",\"title\":\"C\"}"),
        ERR_INVALID, c, NULL);
}

static void unknown_facts(void **state)
{
    (void)state;
    const char *f = "report_outline.fact";
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"A\",\"facts\":[\"foo\"]}"), ERR_INVALID, f,
              "section I: unknown fact");
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"A\",\"facts\":[\"plan\",\"area:xyz\"]}"),
              ERR_INVALID, f, NULL);
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"A\",\"facts\":[\"area:\"]}"), ERR_INVALID, f, NULL);
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"A\",\"facts\":[1]}"), ERR_INVALID, f, NULL);
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"A\",\"facts\":[null]}"), ERR_INVALID, f, NULL);
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"A\",\"facts\":[[\"plan\"]]}"), ERR_INVALID, f, NULL);
    /* nine facts: one too many */
    parse_bad(
        SEC("{\"code\":\"I\",\"title\":\"A\",\"facts\":[\"plan\",\"tasks\",\"onestop\","
            "\"indicators\",\"index766\",\"feedback\",\"targets\",\"evidence\",\"senders\"]}"),
        ERR_INVALID, f, "or too many");
    /* in a child section */
    parse_bad(
        SEC("{\"code\":\"II\",\"title\":\"A\",\"children\":[{\"code\":\"II.1\",\"title\":\"B\","
            "\"facts\":[\"area:thech\"]}]}"),
        ERR_INVALID, f, "section II.1:");
    /* facts that are not an array are not silently dropped */
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"A\",\"facts\":\"plan\"}"), ERR_INVALID, f,
              "section I:");
    parse_bad(SEC("{\"code\":\"I\",\"title\":\"A\",\"facts\":{\"plan\":1}}"), ERR_INVALID, f, NULL);
}

static void bad_appendices(void **state)
{
    (void)state;
    const char *t = "report_outline.table";
#define APP(body) "{\"sections\":[{\"code\":\"I\",\"title\":\"A\"}],\"appendices\":[" body "]}"
    parse_bad(APP("{\"code\":\"PL1\",\"title\":\"B\",\"table\":\"nope\"}"), ERR_INVALID, t,
              "section PL1: an appendix needs");
    parse_bad(APP("{\"code\":\"PL1\",\"title\":\"B\"}"), ERR_INVALID, t, NULL);
    parse_bad(APP("{\"code\":\"PL1\",\"table\":\"tasks\"}"), ERR_INVALID, t, NULL);
    parse_bad(APP("{\"title\":\"B\",\"table\":\"tasks\"}"), ERR_INVALID, t, "section ?:");
    parse_bad(APP("{\"code\":\"PL1\",\"title\":\"B\",\"table\":\"onestop\"}"), ERR_INVALID, t,
              NULL);
    parse_bad(APP("\"PL1\""), ERR_INVALID, t, NULL);
    parse_bad(APP("{\"code\":\"PL1\",\"title\":\"B\",\"table\":\"tasks\"},{\"code\":\"PL2\"}"),
              ERR_INVALID, t, "section PL2:");
    /* appendices that are not an array are not silently dropped */
    parse_bad("{\"sections\":[{\"code\":\"I\",\"title\":\"A\"}],\"appendices\":{\"code\":\"PL1\","
              "\"title\":\"B\",\"table\":\"tasks\"}}",
              ERR_INVALID, t, NULL);
    /* an empty list is fine */
    report_outline_t *o = parse_ok(APP(""));
    assert_int_equal(report_outline_appendix_count(o), 0);
    report_outline_free(o);
#undef APP
}

/* --- allocation failures ---------------------------------------------------- */

static void project_allocation_failures(void **state)
{
    (void)state;
    size_t n;
    char *text = slurp("data/reports/outline.json", &n);
    bool whole = false;
    long fails = 0;
    for (long k = 1; k < 200 && !whole; k++) {
        report_outline_t *o = (report_outline_t *)1;
        err_t e;
        err_clear(&e);
        mem_fail_after(k);
        int rc = report_outline_parse(text, n, &o, &e);
        mem_fail_after(-1);
        if (rc == 0) {
            whole = true;
            assert_int_equal(report_outline_count(o), 15);
            assert_int_equal(report_outline_appendix_count(o), 5);
            report_outline_free(o);
        } else {
            fails++;
            assert_int_equal(rc, ERR_NOMEM);
            assert_int_equal(e.status, ERR_NOMEM);
            assert_null(o);
        }
    }
    assert_true(whole);
    assert_true(fails >= 3); /* the outline, its sections and its appendices */
    free(text);
}

static long json_budget = -1;

static void *failing_malloc(size_t n)
{
    if (json_budget == 0)
        return NULL;
    if (json_budget > 0)
        json_budget--;
    return malloc(n);
}

static void jansson_allocation_failures(void **state)
{
    (void)state;
    size_t n;
    char *text = slurp("data/reports/outline.json", &n);
    json_set_alloc_funcs(failing_malloc, free);
    bool whole = false;
    long nomem = 0;
    for (long k = 0; k < 5000 && !whole; k++) {
        report_outline_t *o = NULL;
        err_t e;
        err_clear(&e);
        json_budget = k;
        int rc = report_outline_parse(text, n, &o, &e);
        json_budget = -1;
        if (rc == 0) {
            whole = true;
            assert_int_equal(report_outline_count(o), 15);
            report_outline_free(o);
        } else if (rc == ERR_NOMEM) {
            nomem++;
            assert_null(o);
        } else if (rc != ERR_INVALID || strcmp(e.code, "report_outline.json") != 0) {
            /* jansson's lexer reports some failed allocations as syntax
             * errors: those are "report_outline.json", nothing else */
            json_set_alloc_funcs(malloc, free);
            fail_msg("budget %ld: %d %s (%s)", k, rc, e.code, e.en);
        }
    }
    json_set_alloc_funcs(malloc, free);
    assert_true(whole);
    assert_true(nomem >= 10); /* the lexer's first buffer, the tree's nodes */
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_outline),
        cmocka_unit_test(minimal_outline),
        cmocka_unit_test(facts_and_tables),
        cmocka_unit_test(malformed_json),
        cmocka_unit_test(malformed_sections),
        cmocka_unit_test(duplicate_codes),
        cmocka_unit_test(unknown_facts),
        cmocka_unit_test(bad_appendices),
        cmocka_unit_test(project_allocation_failures),
        cmocka_unit_test(jansson_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
