/* Unit tests of src/domain/survey: the shipped SIPAS template parses, bad
 * forms are refused, answers are set, encoded and decoded, and the indices
 * of a tally equal an independent computation from the raw answers under
 * both rules (share of satisfied answers; mean score scaled to 100). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/survey.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static survey_form_t *load_template(void)
{
    FILE *f = fopen("data/surveys/sipas-2025.json", "rb");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    survey_form_t *form = calloc(1, sizeof *form);
    err_t e;
    if (survey_form_parse(buf, n, form, &e))
        fail_msg("%s", e.en);
    return form;
}

static void template_structure(void **state)
{
    (void)state;
    survey_form_t *f = load_template();
    if (!f)
        skip();
    assert_string_equal(f->code, "sipas");
    assert_int_equal(f->points, 5);
    assert_int_equal(f->satisfied_min, 4);
    assert_int_equal(f->ncomponents, 2);
    assert_int_equal(f->ngroups, 7);
    assert_int_equal(f->nitems, 27);
    assert_int_equal(f->ndemos, 5);
    assert_int_equal(f->rule, SURVEY_RULE_SHARE);
    /* the five groups of the service component: access, procedure, officials, result, feedback */
    const char *want[] = {"TC", "TT", "CC", "KQ", "PA"};
    for (size_t g = 0; g < 5; g++) {
        assert_string_equal(f->groups[g].l.code, want[g]);
        assert_int_equal(f->groups[g].component, 0);
    }
    assert_int_equal(survey_item_find(f, "CC3"), 10);
    assert_int_equal(survey_item_find(f, "ZZ"), -1);
    free(f);
}

static const char *MINI =
    "{\"format\":\"cchc-survey/1\",\"code\":\"mini\",\"version\":\"1\",\"title\":\"Mini\","
    "\"scale\":{\"points\":5,\"satisfied_min\":4},\"groups\":["
    "{\"code\":\"A\",\"name\":\"Nhóm A\",\"items\":[{\"code\":\"A1\",\"text\":\"a1\"},"
    "{\"code\":\"A2\",\"text\":\"a2\"}]},"
    "{\"code\":\"B\",\"name\":\"Nhóm B\",\"items\":[{\"code\":\"B1\",\"text\":\"b1\"}]}],"
    "\"demographics\":[{\"code\":\"gt\",\"text\":\"Giới tính\",\"options\":["
    "{\"code\":\"nam\",\"label\":\"Nam\"},{\"code\":\"nu\",\"label\":\"Nữ\"}]}],"
    "\"par\":[{\"criterion\":\"8.1\",\"index\":\"overall\"},{\"criterion\":\"8.2\","
    "\"index\":\"group:B\"}]}";

static void bad_forms(void **state)
{
    (void)state;
    char *bad[] = {
        "[]",
        "{\"format\":\"cchc-survey/2\"}",
        "{\"format\":\"cchc-survey/1\",\"code\":\"x y\",\"version\":\"1\",\"title\":\"t\"}",
        "{\"format\":\"cchc-survey/1\",\"code\":\"x\",\"version\":\"1\",\"title\":\"\"}",
        "{\"format\":\"cchc-survey/1\",\"code\":\"x\",\"version\":\"1\",\"title\":\"t\","
        "\"scale\":{\"points\":9},\"groups\":[]}",
        "{\"format\":\"cchc-survey/1\",\"code\":\"x\",\"version\":\"1\",\"title\":\"t\","
        "\"scale\":{\"points\":5,\"satisfied_min\":6},\"groups\":[]}",
        "{\"format\":\"cchc-survey/1\",\"code\":\"x\",\"version\":\"1\",\"title\":\"t\","
        "\"scale\":{},\"groups\":[]}",
        "{\"format\":\"cchc-survey/1\",\"code\":\"x\",\"version\":\"1\",\"title\":\"t\","
        "\"scale\":{},\"groups\":[{\"code\":\"A\",\"name\":\"A\",\"items\":[]}]}",
        "{\"format\":\"cchc-survey/1\",\"code\":\"x\",\"version\":\"1\",\"title\":\"t\","
        "\"scale\":{},\"groups\":[{\"code\":\"A\",\"name\":\"A\",\"items\":[{\"code\":\"A1\","
        "\"text\":\"a\"}]},{\"code\":\"B\",\"name\":\"B\",\"items\":[{\"code\":\"A1\","
        "\"text\":\"b\"}]}]}",
        "{\"format\":\"cchc-survey/1\",\"code\":\"x\",\"version\":\"1\",\"title\":\"t\","
        "\"scale\":{},\"groups\":[{\"code\":\"A\",\"name\":\"A\",\"component\":\"zz\","
        "\"items\":[{\"code\":\"A1\",\"text\":\"a\"}]}]}",
        "{\"format\":\"cchc-survey/1\",\"code\":\"x\",\"version\":\"1\",\"title\":\"t\","
        "\"scale\":{},\"groups\":[{\"code\":\"A\",\"name\":\"A\",\"items\":[{\"code\":\"A1\","
        "\"text\":\"a\"}]}],\"par\":[{\"criterion\":\"8.1\",\"index\":\"group:Q\"}]}",
        /* one criterion fed twice (the second would overwrite the first) */
        "{\"format\":\"cchc-survey/1\",\"code\":\"x\",\"version\":\"1\",\"title\":\"t\","
        "\"scale\":{},\"groups\":[{\"code\":\"A\",\"name\":\"A\",\"items\":[{\"code\":\"A1\","
        "\"text\":\"a\"}]}],\"par\":[{\"criterion\":\"8.1\",\"index\":\"overall\"},"
        "{\"criterion\":\"8.1\",\"index\":\"group:A\"}]}",
        "{\"format\":\"cchc-survey/1\",\"code\":\"x\",\"version\":\"1\",\"title\":\"t\","
        "\"rule\":\"median\",\"scale\":{},\"groups\":[]}",
    };
    survey_form_t *f = calloc(1, sizeof *f);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_t e;
        int rc = survey_form_parse(bad[i], strlen(bad[i]), f, &e);
        if (rc != ERR_INVALID)
            fail_msg("form %zu accepted", i);
    }
    free(f);
}

static void answers_and_encoding(void **state)
{
    (void)state;
    survey_form_t *f = calloc(1, sizeof *f);
    err_t e;
    assert_int_equal(survey_form_parse(MINI, strlen(MINI), f, &e), 0);
    assert_int_equal(f->npar, 2);
    survey_answers_t a = {0};
    assert_int_equal(survey_answers_check(f, &a, &e), ERR_INVALID);
    assert_int_equal(survey_answer_set(f, &a, "A1", "5", &e), 0);
    assert_int_equal(survey_answer_set(f, &a, "B1", "2", &e), 0);
    assert_int_equal(survey_answer_set(f, &a, "gt", "nu", &e), 0);
    assert_int_equal(survey_answer_set(f, &a, "A2", "6", &e), ERR_INVALID);
    assert_int_equal(survey_answer_set(f, &a, "A2", "0", &e), ERR_INVALID);
    assert_int_equal(survey_answer_set(f, &a, "A2", "45", &e), ERR_INVALID);
    assert_int_equal(survey_answer_set(f, &a, "ZZ", "4", &e), ERR_INVALID);
    assert_int_equal(survey_answer_set(f, &a, "gt", "other", &e), ERR_INVALID);
    assert_int_equal(survey_answers_check(f, &a, &e), 0);
    buf_t ans, demo;
    buf_init(&ans, 4096);
    buf_init(&demo, 4096);
    assert_int_equal(survey_answers_encode(f, &a, &ans, &demo), 0);
    assert_string_equal(ans.data, "A1=5;B1=2");
    assert_string_equal(demo.data, "gt=nu");
    survey_answers_t b;
    assert_int_equal(survey_answers_decode(f, ans.data, demo.data, &b, &e), 0);
    assert_memory_equal(&a, &b, sizeof a);
    assert_int_equal(survey_answers_decode(f, "A1=5;Q=1", "", &b, &e), ERR_INVALID);
    assert_int_equal(survey_answers_decode(f, "A1", "", &b, &e), ERR_INVALID);
    buf_release(&ans);
    buf_release(&demo);
    free(f);
}

/* The indices straight from the raw answers, without the tally. */
static void independent(const survey_form_t *f, const survey_answers_t *v, size_t n, bool mean,
                        double *item, bool *item_has, double *group, bool *group_has,
                        double *overall)
{
    for (size_t i = 0; i < f->nitems; i++) {
        double sum = 0, cnt = 0, sat = 0;
        for (size_t r = 0; r < n; r++) {
            int s = v[r].score[i];
            if (!s)
                continue;
            cnt++;
            sum += s;
            sat += s >= f->satisfied_min;
        }
        item_has[i] = cnt > 0;
        item[i] = !cnt ? 0 : mean ? sum / cnt / f->points * 100 : sat / cnt * 100;
    }
    double by_comp[SURVEY_COMPONENTS_MAX] = {0}, ncomp[SURVEY_COMPONENTS_MAX] = {0};
    double all = 0, nall = 0;
    for (size_t g = 0; g < f->ngroups; g++) {
        double s = 0, k = 0;
        for (size_t i = 0; i < f->nitems; i++)
            if (f->items[i].group == (int)g && item_has[i]) {
                s += item[i];
                k++;
            }
        group_has[g] = k > 0;
        group[g] = k ? s / k : 0;
        if (k && f->groups[g].component >= 0) {
            by_comp[f->groups[g].component] += group[g];
            ncomp[f->groups[g].component]++;
        }
        if (k) {
            all += group[g];
            nall++;
        }
    }
    if (f->ncomponents) {
        all = nall = 0;
        for (size_t c = 0; c < f->ncomponents; c++)
            if (ncomp[c]) {
                all += by_comp[c] / ncomp[c];
                nall++;
            }
    }
    *overall = nall ? all / nall : 0;
}

static void indices_match_an_independent_computation(void **state)
{
    (void)state;
    survey_form_t *f = load_template();
    if (!f)
        skip();
    enum { N = 997 };
    survey_answers_t *v = calloc(N, sizeof *v);
    unsigned x = 12345;
    for (size_t r = 0; r < N; r++)
        for (size_t i = 0; i < f->nitems; i++) {
            x = x * 1103515245u + 12345u;
            unsigned s = (x >> 16) % 7; /* 0..6: 0 and 6 = not answered */
            v[r].score[i] = (unsigned char)(s >= 1 && s <= 5 ? s : 0);
        }
    for (size_t r = 0; r < N; r++) /* no answer at all for the policy items */
        for (size_t i = 0; i < f->nitems; i++)
            if (f->items[i].group == 6)
                v[r].score[i] = 0;
    survey_tally_t *t = calloc(1, sizeof *t);
    survey_tally_init(t);
    for (size_t r = 0; r < N; r++)
        survey_tally_add(f, t, &v[r]);
    assert_int_equal(t->responses, N);
    for (int rule = SURVEY_RULE_SHARE; rule <= SURVEY_RULE_MEAN; rule++) {
        survey_result_t *res = calloc(1, sizeof *res);
        survey_result_compute(f, t, (survey_rule_t)rule, res);
        double item[SURVEY_ITEMS_MAX], group[SURVEY_GROUPS_MAX], overall;
        bool ih[SURVEY_ITEMS_MAX], gh[SURVEY_GROUPS_MAX];
        independent(f, v, N, rule == SURVEY_RULE_MEAN, item, ih, group, gh, &overall);
        for (size_t i = 0; i < f->nitems; i++) {
            assert_int_equal(res->item[i].has, ih[i]);
            assert_true(fabs(res->item[i].value - item[i]) < 1e-9);
        }
        for (size_t g = 0; g < f->ngroups; g++) {
            assert_int_equal(res->group[g].has, gh[g]);
            assert_true(fabs(res->group[g].value - group[g]) < 1e-9);
        }
        assert_false(res->group[6].has); /* nobody answered TH */
        assert_true(res->overall.has);
        assert_true(fabs(res->overall.value - overall) < 1e-9);
        const survey_index_t *o = survey_result_index(f, res, "overall");
        assert_ptr_equal(o, &res->overall);
        assert_ptr_equal(survey_result_index(f, res, "group:CC"), &res->group[2]);
        assert_ptr_equal(survey_result_index(f, res, "component:chinhsach"), &res->component[1]);
        assert_null(survey_result_index(f, res, "group:NOPE"));
        free(res);
    }
    free(t);
    free(v);
    free(f);
}

static void a_worked_example(void **state)
{
    (void)state;
    survey_form_t *f = calloc(1, sizeof *f);
    err_t e;
    assert_int_equal(survey_form_parse(MINI, strlen(MINI), f, &e), 0);
    /* A1: 5, 4, 2; A2: 3, -, 5; B1: 1, 4, 4 */
    const char *rows[3][3] = {{"5", "3", "1"}, {"4", "", "4"}, {"2", "5", "4"}};
    survey_tally_t t;
    survey_tally_init(&t);
    for (int r = 0; r < 3; r++) {
        survey_answers_t a = {0};
        assert_int_equal(survey_answer_set(f, &a, "A1", rows[r][0], &e), 0);
        assert_int_equal(survey_answer_set(f, &a, "A2", rows[r][1], &e), 0);
        assert_int_equal(survey_answer_set(f, &a, "B1", rows[r][2], &e), 0);
        survey_tally_add(f, &t, &a);
    }
    survey_result_t r;
    survey_result_compute(f, &t, SURVEY_RULE_SHARE, &r);
    /* A1 2/3, A2 1/2, B1 2/3; A = (66.67 + 50) / 2; overall = (A + B) / 2 */
    assert_true(fabs(r.item[0].value - 200.0 / 3) < 1e-9);
    assert_true(fabs(r.item[1].value - 50.0) < 1e-9);
    assert_true(fabs(r.group[0].value - (200.0 / 3 + 50) / 2) < 1e-9);
    assert_true(fabs(r.overall.value - ((200.0 / 3 + 50) / 2 + 200.0 / 3) / 2) < 1e-9);
    survey_result_compute(f, &t, SURVEY_RULE_MEAN, &r);
    /* A1 mean 11/3 -> 73.33; A2 4 -> 80; B1 3 -> 60 */
    assert_true(fabs(r.item[0].value - 11.0 / 3 / 5 * 100) < 1e-9);
    assert_true(fabs(r.item[1].value - 80.0) < 1e-9);
    assert_true(fabs(r.item[2].value - 60.0) < 1e-9);
    free(f);
}

static void parse_out_of_memory(void **state)
{
    (void)state;
    survey_form_t *f = calloc(1, sizeof *f);
    for (long k = 0; k < 200; k++) {
        err_t e;
        mem_fail_after(k);
        int rc = survey_form_parse(MINI, strlen(MINI), f, &e);
        mem_fail_after(-1);
        if (rc == 0)
            break;
        assert_true(rc < 0);
    }
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(template_structure),
        cmocka_unit_test(bad_forms),
        cmocka_unit_test(answers_and_encoding),
        cmocka_unit_test(indices_match_an_independent_computation),
        cmocka_unit_test(a_worked_example),
        cmocka_unit_test(parse_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
