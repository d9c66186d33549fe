/* Unit tests of src/domain/par_score: effective points, applicability, the
 * no-survey rule, caps, totals and indices (expected values computed by hand
 * in the comments), rounding at .005, bands edges, grades (ranking: test_rank.c),
 * lost points per unit and province-wide. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/par_score.h"
#include "io/par_framework_io.h"

#include <string.h>

#include "base/banned.h"

/* Areas 1 (5 points), 2 (3), 3 (2) = 10; bonus T (2), penalty TR (3). */
static const char *FW =
    "{\"name\":\"t\",\"year\":2024,\"unit_kind\":\"so\",\"max\":10,"
    "\"bands\":[{\"label\":\"Tốt\",\"min\":90},{\"label\":\"Khá\",\"min\":80},"
    "{\"label\":\"Trung bình\",\"min\":65},{\"label\":\"Yếu\",\"min\":0}],"
    "\"nodes\":["
    "{\"code\":\"1\",\"name\":\"Chỉ đạo\",\"max\":5},"
    "{\"code\":\"1.1\",\"name\":\"KH\",\"max\":1,\"method\":\"levels\",\"levels\":["
    "{\"label\":\"đúng hạn\",\"points\":1},{\"label\":\"chậm\",\"points\":0.5},"
    "{\"label\":\"không\",\"points\":0}]},"
    "{\"code\":\"1.2\",\"name\":\"Thực hiện KH\",\"max\":2,\"method\":\"bands\","
    "\"source\":\"computed:plan.completion\",\"bands\":[{\"above\":90,\"points\":2},"
    "{\"from\":70,\"to\":90,\"points\":1},{\"from\":0,\"below\":70,\"points\":0}]},"
    "{\"code\":\"1.3\",\"name\":\"Kinh phí\",\"max\":1,\"method\":\"yesno\"},"
    "{\"code\":\"1.4\",\"name\":\"Kiểm tra\",\"max\":1,\"method\":\"manual\","
    "\"applies_to\":[\"so\"]},"
    "{\"code\":\"2\",\"name\":\"TTHC\",\"max\":3,\"applies_to\":[\"so\",\"xa\"]},"
    "{\"code\":\"2.1\",\"name\":\"Đúng hạn\",\"max\":2,\"method\":\"bands\","
    "\"source\":\"computed:tthc.on_time\",\"bands\":[{\"from\":95,\"points\":2},"
    "{\"from\":80,\"below\":95,\"points\":1.25},{\"from\":0,\"below\":80,\"points\":0}]},"
    "{\"code\":\"2.2\",\"name\":\"Riêng\",\"max\":1,\"method\":\"manual\","
    "\"applies_to\":[\"xa\",\"unit:S9\"]},"
    "{\"code\":\"3\",\"name\":\"Tác động\",\"max\":2},"
    "{\"code\":\"3.1\",\"name\":\"Hài lòng\",\"max\":2,\"method\":\"manual\","
    "\"source\":\"survey\"},"
    "{\"code\":\"T\",\"name\":\"Thưởng\",\"max\":2,\"kind\":\"bonus\"},"
    "{\"code\":\"T.1\",\"name\":\"Khen\",\"max\":2,\"method\":\"manual\"},"
    "{\"code\":\"TR\",\"name\":\"Trừ\",\"max\":3,\"kind\":\"penalty\"},"
    "{\"code\":\"TR.1\",\"name\":\"Kỷ luật\",\"max\":3,\"method\":\"manual\"}]}";

static par_framework_t *fw_load(const char *json)
{
    par_framework_t *fw = NULL;
    err_t e;
    if (par_framework_io_read(json, strlen(json), NULL, &fw, NULL, &e))
        fail_msg("%s", e.en);
    return fw;
}

static int setup(void **state)
{
    *state = fw_load(FW);
    return 0;
}

static int teardown(void **state)
{
    par_framework_free(*state);
    return 0;
}

#define M(x) ((int64_t)((x)*1000 + ((x) < 0 ? -0.5 : 0.5))) /* points -> millipoints */

static size_t at(const par_framework_t *fw, const char *code)
{
    size_t i = par_framework_find(fw, code);
    assert_int_not_equal(i, PAR_NOPARENT);
    return i;
}

/* Unit A (sở S1):
 *   1.1 self 1, round 1 0.5           -> 0.5  (round1)
 *   1.2 measured 90 %                 -> 1    (computed; "above 90" excludes 90)
 *   1.3 self 1, final 0               -> 0    (final)
 *   1.4 self 0.75                     -> 0.75 (self)
 *   2.1 measured 95 %                 -> 2    (computed; "from 95" includes 95)
 *   2.2 applies to xa and S9 only     -> not applicable
 *   3.1 survey ratio 83.5 %           -> 2 x 0.835 = 1.67
 *   T.1 self 1.5 (bonus), TR.1 final 0.5 (penalty)
 * points = 0.5+1+0+0.75+2+1.67 = 5.92, max = 1+2+1+1+2+2 = 9 */
static void unit_a_inputs(par_input_t in[8])
{
    const char *codes[] = {"1.1", "1.2", "1.3", "1.4", "2.1", "3.1", "T.1", "TR.1"};
    for (int i = 0; i < 8; i++)
        par_score_input_init(&in[i], codes[i]);
    in[0].self = M(1);
    in[0].round1 = M(0.5);
    in[1].measured = 90000;
    in[2].self = M(1);
    in[2].final = 0;
    in[3].self = M(0.75);
    in[4].measured = 95000;
    in[5].survey_ratio = 83500;
    in[6].self = M(1.5);
    in[7].final = M(0.5);
}

static void score(const par_framework_t *fw, const par_campaign_t *c, const char *code,
                  unit_kind_t kind, const par_input_t *in, size_t n, par_result_t *r)
{
    par_unit_t u = {code, kind, in, n, 0, 0};
    err_t e;
    if (par_score_compute(fw, c, &u, r, &e))
        fail_msg("%s", e.en);
}

static void totals_and_areas(void **state)
{
    const par_framework_t *fw = *state;
    par_input_t in[8];
    par_result_t r;
    unit_a_inputs(in);
    score(fw, NULL, "S1", UNIT_SO, in, 8, &r);
    assert_int_equal(r.points, M(5.92));
    assert_int_equal(r.max, M(9));
    assert_int_equal(r.bonus, M(1.5));
    assert_int_equal(r.penalty, M(0.5));
    /* total = 5.92 + 1.5 - 0.5 = 6.92; index = 6.92 / 9 = 76.888.. -> 76.89 */
    assert_int_equal(r.total, M(6.92));
    assert_true(r.has_index);
    assert_int_equal(r.index, 7689);
    assert_string_equal(r.grade, "Trung bình");
    assert_int_equal(r.missing, 0);
    /* Sources of the effective points. */
    assert_int_equal(r.nodes[at(fw, "1.1")].from, PAR_FROM_ROUND1);
    assert_int_equal(r.nodes[at(fw, "1.2")].from, PAR_FROM_COMPUTED);
    assert_int_equal(r.nodes[at(fw, "1.2")].points, M(1));
    assert_int_equal(r.nodes[at(fw, "1.3")].from, PAR_FROM_FINAL);
    assert_int_equal(r.nodes[at(fw, "1.4")].from, PAR_FROM_SELF);
    assert_int_equal(r.nodes[at(fw, "2.1")].points, M(2));
    assert_false(r.nodes[at(fw, "2.2")].applicable);
    assert_int_equal(r.nodes[at(fw, "3.1")].from, PAR_FROM_SURVEY_RATIO);
    assert_int_equal(r.nodes[at(fw, "3.1")].points, M(1.67));
    /* Areas: 1 -> 2.25 / 5 = 45.00; 2 -> 2 / 2 (2.2 removed) = 100.00; 3 -> 1.67 / 2 = 83.50 */
    assert_int_equal(r.nareas, 3);
    assert_int_equal(r.areas[0].points, M(2.25));
    assert_int_equal(r.areas[0].max, M(5));
    assert_int_equal(r.areas[0].index, 4500);
    assert_int_equal(r.areas[1].max, M(2));
    assert_int_equal(r.areas[1].index, 10000);
    assert_int_equal(r.areas[2].index, 8350);
    assert_int_equal(r.nodes[at(fw, "1")].points, M(2.25));
    char s[PAR_NUM_MAX];
    par_score_format_index(r.index, true, s);
    assert_string_equal(s, "76,89");
    par_score_format_index(r.areas[1].index, false, s);
    assert_string_equal(s, "100.00");
    par_score_release(&r);
}

static void no_survey_and_caps(void **state)
{
    const par_framework_t *fw = *state;
    par_input_t in[8];
    par_result_t r;
    par_campaign_t c;
    unit_a_inputs(in);
    par_score_campaign_init(&c);
    /* No survey: 3.1 leaves score and max. points 5.92 - 1.67 = 4.25, max 7;
     * total 4.25 + 1.5 - 0.5 = 5.25; index 5.25 / 7 = 75.00; area 3 has none. */
    c.survey_held = false;
    score(fw, &c, "S1", UNIT_SO, in, 8, &r);
    assert_int_equal(r.points, M(4.25));
    assert_int_equal(r.max, M(7));
    assert_int_equal(r.total, M(5.25));
    assert_int_equal(r.index, 7500);
    assert_false(r.areas[2].has_index);
    assert_false(r.nodes[at(fw, "3.1")].applicable);
    par_score_release(&r);
    /* Caps: bonus 1.5 -> 1, penalty 0.5 -> 0.25: total 5.92 + 1 - 0.25 = 6.67,
     * index 6.67 / 9 = 74.111.. -> 74.11. */
    c.survey_held = true;
    c.bonus_cap = M(1);
    c.penalty_cap = M(0.25);
    score(fw, &c, "S1", UNIT_SO, in, 8, &r);
    assert_int_equal(r.bonus_raw, M(1.5));
    assert_int_equal(r.bonus, M(1));
    assert_int_equal(r.penalty, M(0.25));
    assert_int_equal(r.total, M(6.67));
    assert_int_equal(r.index, 7411);
    par_score_release(&r);
    /* Campaign-level bonus/penalty add to the nodes' before the caps:
     * bonus 1.5 + 0.25 = 1.75 (cap 1 -> 1), penalty 0.5 + 2 = 2.5 (no cap);
     * total 5.92 + 1 - 2.5 = 4.42 -> 4.42 / 9 = 49.111.. -> 49.11. */
    c.penalty_cap = PAR_NONE;
    par_unit_t u = {"S1", UNIT_SO, in, 8, M(0.25), M(2)};
    assert_int_equal(par_score_compute(fw, &c, &u, &r, NULL), 0);
    assert_int_equal(r.bonus_raw, M(1.75));
    assert_int_equal(r.penalty, M(2.5));
    assert_int_equal(r.index, 4911);
    assert_string_equal(r.grade, "Yếu");
    par_score_release(&r);
    /* A penalty larger than the points gives 0, not a negative total. */
    par_input_t p[1];
    par_score_input_init(&p[0], "TR.1");
    p[0].final = M(3);
    score(fw, NULL, "S2", UNIT_SO, p, 1, &r);
    assert_int_equal(r.points, 0);
    assert_int_equal(r.total, 0);
    assert_int_equal(r.index, 0);
    assert_int_equal(r.missing, 7); /* 1.1 1.2 1.3 1.4 2.1 3.1 and the bonus leaf T.1 */
    par_score_release(&r);
}

/* Unit B (sở S9): 2.2 applies by its code; 1.4 marked not applicable.
 *   1.1 self 1 -> 1; 1.2 measured 90.001 % -> 2; 1.3 self 1 -> 1; 2.1 measured
 *   94.999 % -> 1.25; 2.2 self 1 -> 1; 3.1 survey 2 -> 2.
 * points = 8.25, max = 1+2+1+2+1+2 = 9, index 91.666.. -> 91.67 (Tốt). */
static void applicability_by_unit(void **state)
{
    const par_framework_t *fw = *state;
    par_input_t in[7];
    const char *codes[] = {"1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "3.1"};
    for (int i = 0; i < 7; i++)
        par_score_input_init(&in[i], codes[i]);
    in[0].self = M(1);
    in[1].measured = 90001;
    in[2].self = M(1);
    in[3].not_applicable = true;
    in[3].self = M(1);
    in[4].measured = 94999;
    in[5].self = M(1);
    in[6].survey = M(2);
    par_result_t r;
    score(fw, NULL, "S9", UNIT_SO, in, 7, &r);
    assert_int_equal(r.points, M(8.25));
    assert_int_equal(r.max, M(9));
    assert_int_equal(r.index, 9167);
    assert_string_equal(r.grade, "Tốt");
    assert_true(r.nodes[at(fw, "2.2")].applicable);
    assert_false(r.nodes[at(fw, "1.4")].applicable);
    assert_int_equal(r.nodes[at(fw, "3.1")].from, PAR_FROM_SURVEY);
    par_score_release(&r);
    /* A commune: 1.4 (sở only) goes, 2.2 (xa) applies. Same inputs but no
     * not_applicable flag needed: max = 1+2+1+2+1+2 = 9. */
    in[3].not_applicable = false;
    in[3].self = PAR_NONE;
    score(fw, NULL, "X1", UNIT_XA, in, 7, &r);
    assert_false(r.nodes[at(fw, "1.4")].applicable);
    assert_int_equal(r.max, M(9));
    par_score_release(&r);
    /* A district: area 2 does not apply at all (applies_to so, xa). */
    score(fw, NULL, "H1", UNIT_HUYEN, in, 7, &r);
    assert_false(r.areas[1].has_index);
    assert_false(r.nodes[at(fw, "2")].applicable);
    /* max = 1+2+1 (1.4 sở only) + 2 = 6 */
    assert_int_equal(r.max, M(6));
    par_score_release(&r);
}

static void rounding_at_half(void **state)
{
    (void)state;
    /* index = total / max x 100 in hundredths, half up, exact. */
    assert_int_equal(par_score_index(M(2.005), M(100)), 201); /* 2.005 -> 2.01 */
    assert_int_equal(par_score_index(M(2.004), M(100)), 200);
    assert_int_equal(par_score_index(M(2.004), M(16)), 1253); /* 12.525 -> 12.53 */
    assert_int_equal(par_score_index(M(2.003), M(16)), 1252); /* 12.51875 -> 12.52 */
    assert_int_equal(par_score_index(M(1), M(3)), 3333);      /* 33.333.. */
    assert_int_equal(par_score_index(M(2), M(3)), 6667);      /* 66.666.. */
    assert_int_equal(par_score_index(M(9), M(9)), 10000);
    assert_int_equal(par_score_index(0, M(9)), 0);
    /* Through the whole computation: one manual leaf of 16 points. */
    par_framework_t *fw = fw_load("{\"name\":\"r\",\"year\":2024,\"unit_kind\":\"xa\","
                                  "\"nodes\":[{\"code\":\"1\",\"name\":\"a\",\"max\":16,"
                                  "\"method\":\"manual\"}]}");
    par_input_t in;
    par_score_input_init(&in, "1");
    in.self = M(2.004);
    par_result_t r;
    score(fw, NULL, "X", UNIT_XA, &in, 1, &r);
    assert_int_equal(r.index, 1253);
    assert_string_equal(r.grade, "D"); /* default grades */
    par_score_release(&r);
    /* Survey points from a ratio: max x ratio, rounded half up to a millipoint. */
    par_framework_t *sv = fw_load("{\"name\":\"s\",\"year\":2024,\"unit_kind\":\"xa\","
                                  "\"nodes\":[{\"code\":\"1\",\"name\":\"a\",\"max\":16,"
                                  "\"method\":\"manual\",\"source\":\"survey\"}]}");
    in.self = PAR_NONE;
    in.survey_ratio = 33333; /* 33.333 %: 16 x 0.33333 = 5.33328 -> 5.333 */
    score(sv, NULL, "X", UNIT_XA, &in, 1, &r);
    assert_int_equal(r.points, 5333);
    par_score_release(&r);
    in.survey_ratio = 3125; /* 3.125 %: 16 x 0.03125 = 0.5 exactly */
    score(sv, NULL, "X", UNIT_XA, &in, 1, &r);
    assert_int_equal(r.points, 500);
    par_score_release(&r);
    in.survey_ratio = 47; /* 0.047 %: 16 x 0.00047 = 0.00752 -> 0.008 */
    score(sv, NULL, "X", UNIT_XA, &in, 1, &r);
    assert_int_equal(r.points, 8);
    par_score_release(&r);
    par_framework_free(sv);
    par_framework_free(fw);
}

static void grades_default(void **state)
{
    (void)state;
    par_framework_t *fw = fw_load("{\"name\":\"r\",\"year\":2024,\"unit_kind\":\"xa\","
                                  "\"nodes\":[{\"code\":\"1\",\"name\":\"a\",\"max\":1,"
                                  "\"method\":\"manual\"}]}");
    assert_string_equal(par_score_grade(fw->grades, fw->ngrades, 10000), "A");
    assert_string_equal(par_score_grade(fw->grades, fw->ngrades, 9000), "A");
    assert_string_equal(par_score_grade(fw->grades, fw->ngrades, 8999), "B");
    assert_string_equal(par_score_grade(fw->grades, fw->ngrades, 8000), "B");
    assert_string_equal(par_score_grade(fw->grades, fw->ngrades, 7999), "C");
    assert_string_equal(par_score_grade(fw->grades, fw->ngrades, 7000), "C");
    assert_string_equal(par_score_grade(fw->grades, fw->ngrades, 6999), "D");
    assert_string_equal(par_score_grade(fw->grades, fw->ngrades, 0), "D");
    /* A campaign's own grades win over the framework's. */
    par_grade_t g[] = {{"Xuất sắc", 95000}, {"Tốt", 0}};
    par_campaign_t c;
    par_score_campaign_init(&c);
    c.grades = g;
    c.ngrades = 2;
    par_input_t in;
    par_score_input_init(&in, "1");
    in.self = M(0.95);
    par_result_t r;
    score(fw, &c, "X", UNIT_XA, &in, 1, &r);
    assert_string_equal(r.grade, "Xuất sắc");
    par_score_release(&r);
    /* No applicable maximum: no index, no grade. */
    in.not_applicable = true;
    score(fw, &c, "X", UNIT_XA, &in, 1, &r);
    assert_false(r.has_index);
    assert_null(r.grade);
    par_score_release(&r);
    par_framework_free(fw);
}

static void band_edges(void **state)
{
    const par_framework_t *fw = *state;
    size_t plan = at(fw, "1.2"), ontime = at(fw, "2.1");
    struct {
        size_t node;
        int64_t ratio, points;
    } cases[] = {
        {plan, 100000, M(2)},     {plan, 90001, M(2)},   {plan, 90000, M(1)},
        {plan, 70000, M(1)},      {plan, 69999, 0},      {plan, 0, 0},
        {plan, 250000, M(2)},     {ontime, 95000, M(2)}, {ontime, 94999, M(1.25)},
        {ontime, 80000, M(1.25)}, {ontime, 79999, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t p = -1;
        assert_int_equal(par_score_band(fw, cases[i].node, cases[i].ratio, &p, NULL), 0);
        assert_int_equal(p, cases[i].points);
    }
    int64_t p;
    err_t e;
    assert_int_equal(par_score_band(fw, plan, -1, &p, &e), ERR_RANGE);
    assert_string_equal(e.code, "par.ratio_range");
    assert_int_equal(par_score_band(fw, at(fw, "1.1"), 50000, &p, &e), ERR_INVALID);
    assert_string_equal(e.code, "par.score_node");
}

static void check_scores(void **state)
{
    const par_framework_t *fw = *state;
    err_t e;
    size_t lv = at(fw, "1.1"), yn = at(fw, "1.3"), man = at(fw, "1.4"), bd = at(fw, "2.1");
    assert_int_equal(par_score_check(fw, lv, M(0.5), &e), 0);
    assert_int_equal(par_score_check(fw, lv, M(0.75), &e), ERR_INVALID);
    assert_string_equal(e.code, "par.score_level");
    assert_non_null(strstr(e.vi, "không phải một trong các mức cho phép: 1; 0,5; 0"));
    assert_non_null(strstr(e.en, "allowed levels: 1; 0.5; 0"));
    assert_non_null(strstr(e.vi, "0,75"));
    assert_int_equal(par_score_check(fw, lv, M(3), &e), ERR_INVALID);
    assert_string_equal(e.code, "par.score_range");
    assert_non_null(strstr(e.vi, "ngoài khoảng [0; 1]"));
    assert_int_equal(par_score_check(fw, lv, -1, &e), ERR_INVALID);
    assert_string_equal(e.code, "par.score_range");
    assert_int_equal(par_score_check(fw, yn, M(0.5), &e), ERR_INVALID);
    assert_non_null(strstr(e.vi, "cho phép: 1; 0"));
    assert_int_equal(par_score_check(fw, man, M(0.333), &e), 0);
    assert_int_equal(par_score_check(fw, man, M(1.001), &e), ERR_INVALID);
    assert_int_equal(par_score_check(fw, bd, M(1.25), &e), 0);
    assert_int_equal(par_score_check(fw, bd, M(1), &e), ERR_INVALID);
    assert_non_null(strstr(e.vi, "cho phép: 2; 1,25; 0"));
    assert_int_equal(par_score_check(fw, at(fw, "1"), M(1), &e), ERR_INVALID);
    assert_string_equal(e.code, "par.score_node");
    assert_int_equal(par_score_check(fw, 9999, M(1), NULL), ERR_INVALID);
}

static void bad_inputs(void **state)
{
    const par_framework_t *fw = *state;
    par_input_t in[2];
    par_result_t r;
    err_t e;
    par_unit_t u = {"S1", UNIT_SO, in, 1, 0, 0};
    struct {
        const char *code;
        int field; /* 0 self, 1 measured, 2 survey_ratio */
        int64_t v;
        const char *err;
    } cases[] = {
        {"1.1", 0, M(0.75), "par.score_level"}, {"9.9", 0, M(1), "par.input_unknown"},
        {"1", 0, M(1), "par.input_unknown"},    {"1.2", 1, -5000, "par.ratio_range"},
        {"3.1", 2, 100001, "par.ratio_range"},  {"1.4", 0, M(2), "par.score_range"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        par_score_input_init(&in[0], cases[i].code);
        int64_t *f = cases[i].field == 0   ? &in[0].self
                     : cases[i].field == 1 ? &in[0].measured
                                           : &in[0].survey_ratio;
        *f = cases[i].v;
        assert_int_equal(par_score_compute(fw, NULL, &u, &r, &e), ERR_INVALID);
        assert_string_equal(e.code, cases[i].err);
        assert_non_null(strstr(e.vi, "S1, "));
        assert_null(r.nodes);
    }
    par_score_input_init(&in[0], "1.1");
    par_score_input_init(&in[1], "1.1");
    u.ninputs = 2;
    assert_int_equal(par_score_compute(fw, NULL, &u, &r, &e), ERR_INVALID);
    assert_string_equal(e.code, "par.input_duplicate");
    u.ninputs = 0;
    u.bonus = -1;
    assert_int_equal(par_score_compute(fw, NULL, &u, &r, &e), ERR_INVALID);
    assert_string_equal(e.code, "par.bonus_negative");
    /* An unvalidated framework is refused. */
    par_framework_t *raw = par_framework_new();
    u.bonus = 0;
    assert_int_equal(par_score_compute(raw, NULL, &u, &r, &e), ERR_INVALID);
    assert_string_equal(e.code, "par.framework_invalid");
    par_framework_free(raw);
}

/* Unit C (sở S3): 1.1 self 0.5, everything else full. */
static void unit_c(const par_framework_t *fw, par_result_t *r)
{
    par_input_t in[6];
    const char *codes[] = {"1.1", "1.2", "1.3", "1.4", "2.1", "3.1"};
    for (int i = 0; i < 6; i++)
        par_score_input_init(&in[i], codes[i]);
    in[0].self = M(0.5);
    in[1].measured = 100000;
    in[2].self = M(1);
    in[3].self = M(1);
    in[4].measured = 100000;
    in[5].survey = M(2);
    score(fw, NULL, "S3", UNIT_SO, in, 6, r);
}

static void losses(void **state)
{
    const par_framework_t *fw = *state;
    par_input_t in[8];
    par_result_t a, prev;
    unit_a_inputs(in);
    score(fw, NULL, "S1", UNIT_SO, in, 8, &a);
    /* Last year: 1.2 measured 50 % (lost 2), 1.3 full (lost 0), 1.4 not applicable. */
    in[1].measured = 50000;
    in[2].final = M(1);
    in[3].not_applicable = true;
    score(fw, NULL, "S1", UNIT_SO, in, 8, &prev);
    par_loss_t *l = NULL;
    size_t n = 0;
    assert_int_equal(par_score_losses(fw, &a, fw, &prev, &l, &n, NULL), 0);
    /* A lost: 1.2 1, 1.3 1, 1.1 0.5, 3.1 0.33, 1.4 0.25 (2.1 full; bonus and
     * penalty are not criteria). Equal losses keep code order. */
    const char *codes[] = {"1.2", "1.3", "1.1", "3.1", "1.4"};
    const int64_t lost[] = {M(1), M(1), M(0.5), M(0.33), M(0.25)};
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(l[i].code, codes[i]);
        assert_int_equal(l[i].lost, lost[i]);
    }
    assert_true(l[0].has_prev);
    assert_int_equal(l[0].prev_lost, M(2));
    assert_true(l[1].has_prev);
    assert_int_equal(l[1].prev_lost, 0);
    assert_false(l[4].has_prev);
    assert_int_equal(l[2].points, M(0.5));
    assert_int_equal(l[2].max, M(1));
    mem_free(l);
    /* Without a previous year. */
    assert_int_equal(par_score_losses(fw, &a, NULL, NULL, &l, &n, NULL), 0);
    assert_false(l[0].has_prev);
    mem_free(l);
    par_score_release(&prev);
    par_score_release(&a);
}

static void losses_province(void **state)
{
    const par_framework_t *fw = *state;
    par_input_t in[8];
    par_result_t a, b, c;
    unit_a_inputs(in);
    score(fw, NULL, "S1", UNIT_SO, in, 8, &a);
    /* B (S9): loses only 2.1 (0.75); 1.4 not applicable. */
    par_input_t ib[7];
    const char *codes[] = {"1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "3.1"};
    for (int i = 0; i < 7; i++)
        par_score_input_init(&ib[i], codes[i]);
    ib[0].self = M(1);
    ib[1].measured = 95000;
    ib[2].self = M(1);
    ib[3].not_applicable = true;
    ib[4].measured = 90000;
    ib[5].self = M(1);
    ib[6].survey = M(2);
    score(fw, NULL, "S9", UNIT_SO, ib, 7, &b);
    unit_c(fw, &c);
    /* C (S3): 8.5 / 9 = 94.444.. -> 94.44 */
    assert_int_equal(c.index, 9444);
    const par_result_t *rs[] = {&a, &b, &c};
    par_loss_sum_t *s = NULL;
    size_t n = 0;
    assert_int_equal(par_score_losses_province(fw, rs, 3, &s, &n, NULL), 0);
    /* 1.1: A 0.5 + C 0.5 = 1 (2 units lost) before 1.2 and 1.3 (1 each, one
     * unit); then 2.1 (B 0.75), 3.1 (A 0.33), 1.4 (A 0.25; applies to 2). */
    const char *order[] = {"1.1", "1.2", "1.3", "2.1", "3.1", "1.4"};
    const int64_t lost[] = {M(1), M(1), M(1), M(0.75), M(0.33), M(0.25)};
    const size_t ulost[] = {2, 1, 1, 1, 1, 1}, units[] = {3, 3, 3, 3, 3, 2};
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(s[i].code, order[i]);
        assert_int_equal(s[i].lost, lost[i]);
        assert_int_equal(s[i].units_lost, ulost[i]);
        assert_int_equal(s[i].units, units[i]);
    }
    mem_free(s);
    par_score_release(&a);
    par_score_release(&b);
    par_score_release(&c);
}

static void compute_nomem(void **state)
{
    const par_framework_t *fw = *state;
    par_input_t in[8];
    unit_a_inputs(in);
    par_unit_t u = {"S1", UNIT_SO, in, 8, 0, 0};
    bool ok = false;
    for (long n = 1; !ok && n < 50; n++) {
        par_result_t r;
        err_t e;
        mem_fail_after(n);
        int rc = par_score_compute(fw, NULL, &u, &r, &e);
        mem_fail_after(-1);
        if (rc == 0) {
            ok = true;
            assert_int_equal(r.index, 7689);
        } else {
            assert_int_equal(rc, ERR_NOMEM);
            assert_null(r.nodes);
        }
        par_score_release(&r);
    }
    assert_true(ok);
    par_result_t r;
    unit_c(fw, &r);
    ok = false;
    for (long n = 1; !ok && n < 50; n++) {
        par_loss_t *l = NULL;
        size_t cnt = 0;
        mem_fail_after(n);
        int rc = par_score_losses(fw, &r, NULL, NULL, &l, &cnt, NULL);
        mem_fail_after(-1);
        ok = rc == 0;
        if (!ok)
            assert_int_equal(rc, ERR_NOMEM);
        mem_free(l);
    }
    assert_true(ok);
    par_score_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(totals_and_areas, setup, teardown),
        cmocka_unit_test_setup_teardown(no_survey_and_caps, setup, teardown),
        cmocka_unit_test_setup_teardown(applicability_by_unit, setup, teardown),
        cmocka_unit_test(rounding_at_half),
        cmocka_unit_test(grades_default),
        cmocka_unit_test_setup_teardown(band_edges, setup, teardown),
        cmocka_unit_test_setup_teardown(check_scores, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_inputs, setup, teardown),
        cmocka_unit_test_setup_teardown(losses, setup, teardown),
        cmocka_unit_test_setup_teardown(losses_province, setup, teardown),
        cmocka_unit_test_setup_teardown(compute_nomem, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
