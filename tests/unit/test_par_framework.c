/* Unit tests of src/domain/par_framework (model, builder, validation) and
 * src/io/par_framework_io (the JSON format), with the shipped samples. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/text.h"
#include "domain/par_framework.h"
#include "io/par_framework_io.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Reads JSON text; returns the framework (or NULL) and fills probs. */
static par_framework_t *load(const char *json, par_problems_t *probs, int *rc)
{
    par_framework_t *fw = NULL;
    err_t e;
    par_framework_problems_init(probs);
    *rc = par_framework_io_read(json, strlen(json), "t.json", &fw, probs, &e);
    return fw;
}

static par_framework_t *load_ok(const char *json)
{
    par_problems_t p;
    int rc;
    par_framework_t *fw = load(json, &p, &rc);
    if (rc) {
        buf_t b;
        buf_init(&b, 1 << 16);
        par_framework_problems_format(&p, NULL, false, &b);
        fail_msg("unexpected problems:\n%s", buf_cstr(&b));
    }
    par_framework_problems_release(&p);
    return fw;
}

static bool has(const par_problems_t *p, const char *node, const char *field, const char *code)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].node, node) == 0 && strcmp(p->v[i].code, code) == 0 &&
            (!field || strcmp(p->v[i].field, field) == 0))
            return true;
    return false;
}

static void dump(const par_problems_t *p)
{
    for (size_t i = 0; i < p->n; i++)
        print_message("  %s (%s) %s: %s\n", p->v[i].node, p->v[i].field, p->v[i].code, p->v[i].en);
}

#define HEAD "{\"name\":\"t\",\"year\":2024,\"unit_kind\":\"so\","

/* ---- codes, numbers ---------------------------------------------------- */

static void code_order(void **state)
{
    (void)state;
    /* Given in any order, nodes end in code order with numbers compared
     * numerically and words after numbers. */
    par_framework_t *fw = load_ok(
        HEAD "\"nodes\":["
             "{\"code\":\"T\",\"name\":\"b\",\"max\":1,\"kind\":\"bonus\",\"method\":\"manual\"},"
             "{\"code\":\"1.10\",\"name\":\"x\",\"max\":1,\"method\":\"manual\"},"
             "{\"code\":\"10\",\"name\":\"y\",\"max\":1,\"method\":\"manual\"},"
             "{\"code\":\"1\",\"name\":\"a\",\"max\":3},"
             "{\"code\":\"1.2\",\"name\":\"x\",\"max\":1,\"method\":\"manual\"},"
             "{\"code\":\"1.9\",\"name\":\"x\",\"max\":1,\"method\":\"manual\"}]}");
    const char *want[] = {"1", "1.2", "1.9", "1.10", "10", "T"};
    assert_int_equal(fw->n, 6);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(fw->nodes[i].code, want[i]);
    /* Links. */
    assert_int_equal(fw->nodes[0].parent, PAR_NOPARENT);
    assert_int_equal(fw->nodes[0].first_child, 1);
    assert_int_equal(fw->nodes[1].next_sibling, 2);
    assert_int_equal(fw->nodes[2].next_sibling, 3);
    assert_int_equal(fw->nodes[3].next_sibling, PAR_NOPARENT);
    assert_int_equal(fw->nodes[3].parent, 0);
    assert_int_equal(fw->nodes[3].area, 0);
    assert_int_equal(fw->nodes[0].end, 4);
    assert_int_equal(fw->nodes[3].depth, 2);
    assert_true(par_framework_is_leaf(fw, 3));
    assert_false(par_framework_is_leaf(fw, 0));
    assert_int_equal(fw->nodes[5].kind, PAR_KIND_BONUS);
    assert_int_equal(par_framework_find(fw, "1.10"), 3);
    assert_int_equal(par_framework_find(fw, "T"), 5);
    assert_int_equal(par_framework_find(fw, "1.3"), PAR_NOPARENT);
    assert_int_equal(par_framework_find(fw, "1..2"), PAR_NOPARENT);
    /* Default grades installed. */
    assert_true(fw->grades_default);
    assert_int_equal(fw->ngrades, 4);
    assert_string_equal(fw->grades[1].label, "B");
    assert_int_equal(fw->grades[1].min, 80000);
    par_framework_free(fw);
}

static void numbers(void **state)
{
    (void)state;
    int64_t m;
    assert_int_equal(par_framework_milli(0.5, &m), 0);
    assert_int_equal(m, 500);
    assert_int_equal(par_framework_milli(0.1, &m), 0);
    assert_int_equal(m, 100);
    assert_int_equal(par_framework_milli(2.675, &m), 0);
    assert_int_equal(m, 2675);
    assert_int_equal(par_framework_milli(-1.25, &m), 0);
    assert_int_equal(m, -1250);
    assert_int_equal(par_framework_milli(0.1234, &m), ERR_INVALID);
    assert_int_equal(par_framework_milli(2e9, &m), ERR_INVALID);
    char s[PAR_NUM_MAX];
    par_framework_format(500, true, s);
    assert_string_equal(s, "0,5");
    par_framework_format(500, false, s);
    assert_string_equal(s, "0.5");
    par_framework_format(2000, true, s);
    assert_string_equal(s, "2");
    par_framework_format(1250750, true, s);
    assert_string_equal(s, "1.250,75");
    par_framework_format(1250750, false, s);
    assert_string_equal(s, "1,250.75");
    par_framework_format(-1250, true, s);
    assert_string_equal(s, "-1,25");
    par_framework_format(5, true, s);
    assert_string_equal(s, "0,005");
    par_framework_format(PAR_NONE, true, s);
    assert_string_equal(s, "");
}

/* ---- validation -------------------------------------------------------- */

/* A file with one instance of (nearly) every problem: all are reported. */
static void every_problem_reported(void **state)
{
    (void)state;
    const char *json =
        "{\"name\":\"\",\"year\":1999,\"year_to\":1990,\"unit_kind\":\"quan\",\"max\":50,"
        "\"bands\":[{\"label\":\"A\",\"min\":80},{\"label\":\"A\",\"min\":85},"
        "{\"label\":\"C\",\"min\":10}],"
        "\"appraisers\":{\"9\":\"so_noi_vu\",\"1\":\"\"},"
        "\"nodes\":["
        "{\"code\":\"1\",\"name\":\"Chỉ đạo\",\"max\":10,\"area\":\"nowhere\"},"
        "{\"code\":\"1.1\",\"name\":\"a\",\"max\":4,\"method\":\"levels\",\"area\":\"tthc\","
        " \"levels\":[{\"label\":\"x\",\"points\":5},{\"label\":\"\",\"points\":0}]},"
        "{\"code\":\"1.2\",\"name\":\"b\",\"max\":5,\"method\":\"bands\","
        " \"source\":\"computed:plan.completion\","
        " \"bands\":[{\"from\":70,\"points\":1},{\"above\":90,\"points\":5}]},"
        "{\"code\":\"1.2\",\"name\":\"dup\",\"max\":1,\"method\":\"manual\"},"
        "{\"code\":\"2\",\"name\":\"Thể chế\",\"max\":-3,\"method\":\"manual\","
        " \"levels\":[{\"label\":\"x\",\"points\":1}]},"
        "{\"code\":\"3\",\"name\":\"TTHC\",\"max\":\"mười\"},"
        "{\"code\":\"4\",\"name\":\"x\",\"max\":2,\"method\":\"magic\"},"
        "{\"code\":\"5\",\"name\":\"x\",\"max\":2,\"method\":\"manual\",\"source\":\"guess\"},"
        "{\"code\":\"6\",\"name\":\"x\",\"max\":2,\"method\":\"manual\","
        " \"source\":\"computed:tthc.magic\",\"applies_to\":[\"so\",\"quan\",\"VLG.STP\"]},"
        "{\"code\":\"7\",\"name\":\"x\",\"max\":2,\"method\":\"bands\","
        " \"bands\":[{\"above\":90,\"points\":2},{\"from\":70,\"to\":80,\"points\":1},"
        " {\"from\":50,\"to\":75,\"points\":0}]},"
        "{\"code\":\"8\",\"name\":\"x\",\"max\":2,\"method\":\"bands\","
        " \"bands\":[{\"from\":50,\"to\":90,\"points\":2},{\"from\":0,\"below\":50,\"points\":0}]},"
        "{\"code\":\"9\",\"name\":\"x\",\"max\":1.0005,\"method\":\"manual\"},"
        "{\"code\":\"9.1.1\",\"name\":\"orphan\",\"max\":1,\"method\":\"manual\"},"
        "{\"code\":\"1..2\",\"name\":\"bad\",\"max\":1,\"method\":\"manual\"},"
        "{\"code\":\"01\",\"name\":\"bad\",\"max\":1,\"method\":\"manual\"},"
        "{\"code\":\"A\",\"name\":\"x\",\"max\":2},"
        "{\"code\":\"A.1\",\"name\":\"\",\"max\":2,\"kind\":\"bonus\"},"
        "{\"code\":\"B\",\"name\":\"x\",\"max\":1,\"kind\":\"prize\",\"method\":\"yesno\","
        " \"yes_points\":3,\"applies_to\":[]},"
        "{\"code\":\"C\",\"name\":\"x\",\"max\":1,\"method\":\"levels\",\"area\":\"so\"},"
        "{\"code\":\"D\",\"name\":\"x\",\"max\":2,\"method\":\"bands\"},"
        "{\"code\":\"E\",\"name\":\"x\",\"max\":2,\"method\":\"bands\","
        " \"bands\":[{\"from\":0,\"above\":1,\"points\":2},{\"from\":-5,\"points\":1},"
        " {\"from\":0,\"points\":7}]}"
        "]}";
    par_problems_t p;
    int rc;
    par_framework_t *fw = load(json, &p, &rc);
    assert_int_equal(rc, ERR_INVALID);
    assert_null(fw);
    struct {
        const char *node, *field, *code;
    } want[] = {
        {"", "name", "par.name_missing"},
        {"", "year", "par.year"},
        {"", "year_to", "par.year"},
        {"", "unit_kind", "par.unit_kind_unknown"},
        {"", "bands[1]", "par.grade_label"},
        {"", "bands[1]", "par.grade_order"},
        {"", "bands", "par.grade_zero"},
        {"", "appraisers", "par.appraiser_key"},
        {"", "nodes[13].code", "par.code_bad"},
        {"", "nodes[14].code", "par.code_bad"},
        {"1", "area", "par.area_unknown"},
        {"1", "max", "par.max_sum"},
        {"1.1", "levels[0]", "par.level_max"},
        {"1.1", "levels[1]", "par.level_label"},
        {"1.2", "bands[1]", "par.band_overlap"},
        {"1.2", "code", "par.code_duplicate"},
        {"2", "max", "par.max_negative"},
        {"2", "levels", "par.field_unexpected"},
        {"3", "max", "par.max_type"},
        {"3", "method", "par.method_missing"},
        {"4", "method", "par.method_unknown"},
        {"5", "source", "par.source_unknown"},
        {"6", "source", "par.indicator_unknown"},
        {"6", "applies_to[1]", "par.applies_unknown"},
        {"7", "bands[2]", "par.band_overlap"},
        {"7", "bands[1]", "par.band_gap"},
        {"7", "bands", "par.band_zero"},
        {"8", "bands[0]", "par.band_gap"},
        {"9", "max", "par.max_type"},
        {"9.1.1", "code", "par.parent_missing"},
        {"A.1", "kind", "par.kind_mismatch"},
        {"A.1", "name", "par.name_missing"},
        {"A.1", "method", "par.method_missing"},
        {"B", "kind", "par.kind_unknown"},
        {"B", "yes_points", "par.yesno_points"},
        {"B", "applies_to", "par.applies_empty"},
        {"1.1", "area", "par.area_not_top"},
        {"C", "levels", "par.levels_missing"},
        {"D", "bands", "par.bands_missing"},
        {"E", "bands[0].from", "par.band_from"},
        {"E", "bands[1]", "par.band_range"},
        {"E", "bands[2]", "par.band_points"},
    };
    bool all = true;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!has(&p, want[i].node, want[i].field, want[i].code)) {
            print_message("missing: %s (%s) %s\n", want[i].node, want[i].field, want[i].code);
            all = false;
        }
    if (!all)
        dump(&p);
    assert_true(all);
    /* Grouped per node: the framework's own problems first, then code order. */
    assert_string_equal(p.v[0].node, "");
    size_t first1 = 0;
    while (first1 < p.n && strcmp(p.v[first1].node, "1") != 0)
        first1++;
    for (size_t i = 0; i < first1; i++)
        assert_string_equal(p.v[i].node, "");
    par_framework_problems_release(&p);
}

static void max_sum_message(void **state)
{
    (void)state;
    par_problems_t p;
    int rc;
    par_framework_t *fw = load(HEAD "\"nodes\":[{\"code\":\"1\",\"name\":\"a\",\"max\":4},"
                                    "{\"code\":\"1.1\",\"name\":\"b\",\"max\":1.5,"
                                    "\"method\":\"manual\"},"
                                    "{\"code\":\"1.2\",\"name\":\"c\",\"max\":2,"
                                    "\"method\":\"manual\"}]}",
                               &p, &rc);
    assert_null(fw);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.v[0].code, "par.max_sum");
    assert_string_equal(p.v[0].node, "1");
    assert_non_null(strstr(p.v[0].vi, "3,5"));
    assert_non_null(strstr(p.v[0].en, "3.5"));
    buf_t b;
    buf_init(&b, 4096);
    assert_int_equal(par_framework_problems_format(&p, "f.json", true, &b), 0);
    assert_non_null(strstr(buf_cstr(&b), "f.json: mục 1 (max): "));
    assert_non_null(strstr(buf_cstr(&b), "[par.max_sum]"));
    buf_release(&b);
    par_framework_problems_release(&p);
    /* The declared total must equal the areas' maxima (bonus/penalty aside). */
    fw = load(HEAD "\"max\":10,\"nodes\":[{\"code\":\"1\",\"name\":\"a\",\"max\":4,"
                   "\"method\":\"manual\"},{\"code\":\"2\",\"name\":\"b\",\"max\":5,"
                   "\"method\":\"manual\"},{\"code\":\"T\",\"name\":\"c\",\"max\":1,"
                   "\"kind\":\"bonus\",\"method\":\"manual\"}]}",
              &p, &rc);
    assert_null(fw);
    assert_int_equal(p.n, 1);
    assert_true(has(&p, "", "max", "par.max_total"));
    assert_non_null(strstr(p.v[0].vi, "là 9, khác tổng khai báo 10"));
    par_framework_problems_release(&p);
}

static void bands_valid_forms(void **state)
{
    (void)state;
    /* "> 90 %" is written "above": 90 itself falls in the band below. */
    par_framework_t *fw = load_ok(
        HEAD "\"nodes\":[{\"code\":\"1\",\"name\":\"a\",\"max\":2,\"method\":\"bands\","
             "\"source\":\"computed:plan.completion\",\"bands\":["
             "{\"above\":90,\"to\":100,\"points\":2},{\"from\":70,\"to\":90,\"points\":1},"
             "{\"from\":0,\"below\":70,\"points\":0}]},"
             "{\"code\":\"2\",\"name\":\"b\",\"max\":1,\"method\":\"bands\","
             "\"source\":\"computed:report.on_time\","
             "\"bands\":[{\"from\":100,\"points\":1},{\"from\":0,\"points\":0}]},"
             "{\"code\":\"3\",\"name\":\"c\",\"max\":1,\"method\":\"bands\","
             "\"bands\":[{\"above\":50,\"points\":1},{\"from\":50,\"to\":50,\"points\":0.5},"
             "{\"from\":0,\"below\":50,\"points\":0}]}]}");
    assert_int_equal(fw->nodes[0].nbands, 3);
    assert_int_equal(fw->nodes[0].bands[0].lo_kind, PAR_BOUND_EXCL);
    assert_int_equal(fw->nodes[0].bands[0].lo, 90000);
    assert_int_equal(fw->nodes[0].source, PAR_SOURCE_COMPUTED);
    assert_string_equal(fw->nodes[0].indicator, "plan.completion");
    par_framework_free(fw);
}

static void applies_and_appraisers(void **state)
{
    (void)state;
    par_framework_t *fw =
        load_ok(HEAD "\"appraisers\":{\"3\":\"vp_ubnd_custom\",\"taichinh\":\"so_tc_custom\"},"
                     "\"nodes\":["
                     "{\"code\":\"2\",\"name\":\"Thể chế\",\"max\":2},"
                     "{\"code\":\"2.1\",\"name\":\"a\",\"max\":1,\"method\":\"manual\","
                     " \"applies_to\":[\"so\",\"xa\"]},"
                     "{\"code\":\"2.2\",\"name\":\"b\",\"max\":1,\"method\":\"manual\","
                     " \"appraiser\":\"VLG.STP\",\"applies_to\":[\"VLG.SNV\",\"unit:abc\"]},"
                     "{\"code\":\"3\",\"name\":\"TTHC\",\"max\":1,\"applies_to\":[\"xa\"]},"
                     "{\"code\":\"3.1\",\"name\":\"c\",\"max\":1,\"method\":\"manual\","
                     " \"applies_to\":[\"so\",\"xa\"]},"
                     "{\"code\":\"6\",\"name\":\"TC\",\"max\":1,\"appraiser\":\"VLG.STC\"},"
                     "{\"code\":\"6.1\",\"name\":\"d\",\"max\":1,\"method\":\"yesno\"},"
                     "{\"code\":\"9\",\"name\":\"Khác\",\"max\":1,\"area\":\"taichinh\"},"
                     "{\"code\":\"9.1\",\"name\":\"e\",\"max\":1,\"method\":\"yesno\"},"
                     "{\"code\":\"7\",\"name\":\"CĐS\",\"max\":1,\"method\":\"manual\"}]}");
    bool role;
    size_t i21 = par_framework_find(fw, "2.1"), i22 = par_framework_find(fw, "2.2");
    assert_string_equal(par_framework_appraiser(fw, i21, &role), "so_tu_phap");
    assert_true(role);
    assert_string_equal(par_framework_appraiser(fw, i22, &role), "VLG.STP");
    assert_false(role);
    assert_string_equal(par_framework_appraiser(fw, par_framework_find(fw, "3.1"), &role),
                        "vp_ubnd_custom");
    assert_string_equal(par_framework_appraiser(fw, par_framework_find(fw, "6.1"), &role),
                        "VLG.STC"); /* inherited from the area node */
    assert_false(role);
    assert_string_equal(par_framework_appraiser(fw, par_framework_find(fw, "9.1"), &role),
                        "so_tc_custom"); /* by the area code */
    assert_string_equal(par_framework_appraiser(fw, par_framework_find(fw, "7"), &role),
                        "chuyen_doi_so");
    assert_int_equal(par_framework_area(fw, par_framework_find(fw, "9")), PLANPARSE_AREA_TAICHINH);
    assert_int_equal(par_framework_area(fw, par_framework_find(fw, "2")), PLANPARSE_AREA_THECHE);
    assert_string_equal(par_framework_role_label_vi("so_tu_phap"), "Sở Tư pháp");
    /* applies_to: kinds, unit codes, "unit:" codes, and ancestors' lists. */
    assert_true(par_framework_applies(fw, i21, "VLG.SYT", UNIT_SO));
    assert_false(par_framework_applies(fw, i21, "VLG.SYT", UNIT_HUYEN));
    assert_true(par_framework_applies(fw, i22, "VLG.SNV", UNIT_SO));
    assert_true(par_framework_applies(fw, i22, "abc", UNIT_SO));
    assert_false(par_framework_applies(fw, i22, "VLG.SYT", UNIT_SO));
    size_t i31 = par_framework_find(fw, "3.1");
    assert_false(par_framework_applies(fw, i31, "X", UNIT_SO)); /* parent says xa only */
    assert_true(par_framework_applies(fw, i31, "X", UNIT_XA));
    par_framework_free(fw);
}

static void builder_direct(void **state)
{
    (void)state;
    /* The seam for other readers (XLSX): the builder without JSON. */
    par_framework_t *fw = par_framework_new();
    assert_non_null(fw);
    par_framework_info_t info = {"Mẫu", 2024, 0, "xa", NULL, false, NULL, 3000};
    assert_int_equal(par_framework_set_info(fw, &info, NULL), 0);
    par_node_spec_t s;
    par_framework_spec_init(&s);
    s.code = "1";
    s.name = "Chỉ đạo";
    s.max = 3000;
    assert_int_equal(par_framework_add(fw, &s, NULL), 0);
    par_level_t lv[] = {{"Đúng hạn", 1000}, {"Chậm", 500}, {"Không", 0}};
    par_framework_spec_init(&s);
    s.code = "1.1";
    s.name = "Kế hoạch";
    s.max = 1000;
    s.method = "levels";
    s.levels = lv;
    s.nlevels = 3;
    s.evidence = "Kế hoạch CCHC";
    assert_int_equal(par_framework_add(fw, &s, NULL), 0);
    par_framework_spec_init(&s);
    s.code = "1.2";
    s.name = "Hài lòng";
    s.max = 2000;
    s.method = "manual";
    s.source = "survey";
    assert_int_equal(par_framework_add(fw, &s, NULL), 0);
    par_problems_t p;
    par_framework_problems_init(&p);
    err_t e;
    assert_int_equal(par_framework_validate(fw, &p, &e), 0);
    assert_true(fw->valid);
    assert_int_equal(fw->unit_kind, UNIT_XA);
    assert_true(par_framework_covers_year(fw, 2024));
    assert_false(par_framework_covers_year(fw, 2025));
    /* Adding invalidates; a bad node makes validation fail, again idempotent. */
    par_framework_spec_init(&s);
    s.code = "1.3";
    s.name = "x";
    s.max = 1000;
    s.method = "manual";
    assert_int_equal(par_framework_add(fw, &s, NULL), 0);
    assert_false(fw->valid);
    assert_int_equal(par_framework_validate(fw, &p, &e), ERR_INVALID);
    assert_string_equal(e.code, "par.framework_invalid");
    assert_true(has(&p, "1", "max", "par.max_sum"));
    assert_int_equal(p.n, 1);
    par_framework_problems_release(&p);
    par_framework_free(fw);
    par_framework_free(NULL);
    /* Past PAR_PROBLEMS_MAX problems are counted, and the formatter says so. */
    fw = par_framework_new();
    assert_int_equal(par_framework_set_info(fw, &info, NULL), 0);
    for (int i = 1; i <= 600; i++) {
        char code[16];
        snprintf(code, sizeof code, "%d", i);
        par_framework_spec_init(&s);
        s.code = code;
        s.name = "x";
        s.max = -1; /* max_negative + method_missing: 1,200 problems */
        assert_int_equal(par_framework_add(fw, &s, NULL), 0);
    }
    assert_int_equal(par_framework_validate(fw, &p, &e), ERR_INVALID);
    assert_int_equal(p.n, PAR_PROBLEMS_MAX);
    assert_int_equal(p.dropped, 200);
    buf_t b;
    buf_init(&b, 1 << 20);
    assert_int_equal(par_framework_problems_format(&p, NULL, false, &b), 0);
    assert_non_null(strstr(buf_cstr(&b), "more problems not shown [par.too_many]"));
    buf_release(&b);
    par_framework_problems_release(&p);
    par_framework_free(fw);
}

/* ---- JSON -------------------------------------------------------------- */

static void json_syntax_and_shape(void **state)
{
    (void)state;
    par_problems_t p;
    par_framework_t *fw = NULL;
    err_t e;
    par_framework_problems_init(&p);
    const char *bad = "{\"name\": \"x\",\n \"year\": 2024,,}";
    assert_int_equal(par_framework_io_read(bad, strlen(bad), "k.json", &fw, &p, &e), ERR_INVALID);
    assert_null(fw);
    assert_int_equal(p.n, 0);
    assert_non_null(strstr(e.vi, "k.json: "));
    assert_non_null(strstr(e.vi, "dòng 2"));
    const char *arr = "[1,2]";
    assert_int_equal(par_framework_io_read(arr, strlen(arr), NULL, &fw, &p, &e), ERR_INVALID);
    assert_true(has(&p, "", "(root)", "par.type"));
    assert_int_equal(p.n, 1); /* nothing else is checked without an object */
    par_framework_problems_release(&p);
    const char *shape = HEAD "\"format\":\"other/2\",\"sample\":\"yes\",\"nodes\":{}}";
    assert_int_equal(par_framework_io_read(shape, strlen(shape), NULL, &fw, &p, &e), ERR_INVALID);
    assert_true(has(&p, "", "format", "par.format"));
    assert_true(has(&p, "", "sample", "par.type"));
    assert_true(has(&p, "", "nodes", "par.type"));
    assert_true(has(&p, "", "nodes", "par.nodes_empty"));
    assert_non_null(strstr(e.en, "problems; the first"));
    par_framework_problems_release(&p);
    assert_int_equal(par_framework_io_read_file("/nonexistent/x.json", &fw, &p, &e) < 0, 1);
    assert_null(fw);
}

/* Long non-ASCII texts are clipped in problems on a character boundary. */
static void problems_utf8_safe(void **state)
{
    (void)state;
    par_problems_t p;
    int rc;
    par_framework_t *fw =
        load(HEAD "\"nodes\":[{\"code\":\"Tiêu chí đặc biệt số một trăm lẻ một\",\"name\":\"x\","
                  "\"max\":\"mười\",\"method\":\"phương pháp chấm điểm theo ý kiến của hội đồng "
                  "thẩm định cấp tỉnh năm hai nghìn không trăm hai mươi tư\"}]}",
             &p, &rc);
    assert_null(fw);
    assert_true(p.n >= 2);
    for (size_t i = 0; i < p.n; i++) {
        assert_true(text_valid(p.v[i].node, strlen(p.v[i].node)));
        assert_true(text_valid(p.v[i].vi, strlen(p.v[i].vi)));
        assert_true(text_valid(p.v[i].en, strlen(p.v[i].en)));
    }
    assert_true(strlen(p.v[0].node) <= PAR_CODE_MAX);
    par_framework_problems_release(&p);
}

static char *read_sample(const char *name)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/data/par/%s", testdir_root(), name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[1 << 18];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    return text;
}

static void round_trip(void **state)
{
    (void)state;
    par_framework_t *a = load_ok(read_sample("so-2024.json"));
    char *s1 = par_framework_io_write(a);
    assert_non_null(s1);
    par_framework_t *b = load_ok(s1);
    char *s2 = par_framework_io_write(b);
    assert_string_equal(s1, s2);
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        assert_string_equal(a->nodes[i].code, b->nodes[i].code);
        assert_int_equal(a->nodes[i].max, b->nodes[i].max);
        assert_int_equal(a->nodes[i].method, b->nodes[i].method);
        assert_int_equal(a->nodes[i].nbands, b->nodes[i].nbands);
        assert_int_equal(a->nodes[i].kind, b->nodes[i].kind);
    }
    assert_non_null(strstr(s1, "\"above\": 90"));
    assert_non_null(strstr(s1, "\"points\": 0.5"));
    mem_free(s1);
    mem_free(s2);
    par_framework_free(a);
    par_framework_free(b);
}

/* The shipped samples: valid, 8 areas in DOMAIN §2 order, 100 points of
 * which some from the survey, bonus and penalty, known indicators. */
static void check_sample(const char *file, unit_kind_t kind)
{
    par_framework_t *fw = load_ok(read_sample(file));
    assert_true(fw->sample);
    assert_int_equal(fw->unit_kind, kind);
    assert_true(par_framework_covers_year(fw, 2024));
    assert_true(par_framework_covers_year(fw, 2026));
    int64_t total = 0, survey = 0, bonus = 0, penalty = 0;
    int areas = 0;
    for (size_t i = 0; i < fw->n; i++) {
        const par_node_t *nd = &fw->nodes[i];
        if (nd->parent == PAR_NOPARENT && nd->kind == PAR_KIND_CRITERION) {
            areas++;
            assert_int_equal(par_framework_area(fw, i), (planparse_area_t)areas);
            total += nd->max;
        }
        if (nd->parent == PAR_NOPARENT && nd->kind == PAR_KIND_BONUS)
            bonus += nd->max;
        if (nd->parent == PAR_NOPARENT && nd->kind == PAR_KIND_PENALTY)
            penalty += nd->max;
        if (par_framework_is_leaf(fw, i) && nd->source == PAR_SOURCE_SURVEY)
            survey += nd->max;
        if (nd->source == PAR_SOURCE_COMPUTED)
            assert_true(par_framework_indicator_known(nd->indicator));
    }
    assert_int_equal(areas, 8);
    assert_int_equal(total, 100 * PAR_MILLI);
    assert_true(survey > 0);
    assert_true(bonus > 0 && penalty > 0);
    const char *want[] = {
        "plan.completion",  "report.on_time",      "tthc.on_time",   "tthc.online",
        "tthc.full_online", "tthc.online_payment", "tthc.digitized", "tthc.digitized_result",
        "feedback.on_time", "office.e_documents",  "index766",       "tthc.satisfaction"};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        bool found = false;
        for (size_t i = 0; i < fw->n; i++)
            found =
                found || (fw->nodes[i].indicator && strcmp(fw->nodes[i].indicator, want[k]) == 0);
        if (!found)
            fail_msg("%s: no leaf computed from %s", file, want[k]);
    }
    par_framework_free(fw);
}

static void samples_valid(void **state)
{
    (void)state;
    check_sample("so-2024.json", UNIT_SO);
    check_sample("xa-2024.json", UNIT_XA);
}

static void read_nomem(void **state)
{
    (void)state;
    const char *json = read_sample("xa-2024.json");
    bool ok = false;
    for (long n = 1; !ok && n < 100000; n += (n < 200 ? 1 : 37)) {
        par_framework_t *fw = NULL;
        par_problems_t p;
        err_t e;
        par_framework_problems_init(&p);
        mem_fail_after(n);
        int rc = par_framework_io_read(json, strlen(json), NULL, &fw, &p, &e);
        mem_fail_after(-1);
        if (rc == 0) {
            ok = true;
            assert_non_null(fw);
            assert_true(fw->valid);
        } else {
            assert_int_equal(rc, ERR_NOMEM);
            assert_null(fw);
        }
        par_framework_free(fw);
        par_framework_problems_release(&p);
    }
    assert_true(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(code_order),
        cmocka_unit_test(numbers),
        cmocka_unit_test(every_problem_reported),
        cmocka_unit_test(max_sum_message),
        cmocka_unit_test(bands_valid_forms),
        cmocka_unit_test(applies_and_appraisers),
        cmocka_unit_test(builder_direct),
        cmocka_unit_test(json_syntax_and_shape),
        cmocka_unit_test(problems_utf8_safe),
        cmocka_unit_test(round_trip),
        cmocka_unit_test(samples_valid),
        cmocka_unit_test(read_nomem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
