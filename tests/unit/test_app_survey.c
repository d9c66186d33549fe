/* Unit tests of src/app/app_survey* on a scratch database (both engines):
 * a form imported once per content, a run per unit and period, public
 * responses once per device and per dossier (a dossier of the unit only),
 * paper forms all or nothing, and results equal to a count made here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_survey.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/app_fixture.h"
#include "support/ledger_fixture.h"

#include "base/banned.h"

typedef struct fx {
    app_fixture_t *w; /* the app over the ledger fixture */
    app_t *a;         /* w->a */
    int64_t form, run;
    char token[40];
} fx_t;

static const char *FORM =
    "{\"format\":\"cchc-survey/1\",\"code\":\"mini\",\"version\":\"1\",\"title\":\"Mini\","
    "\"scale\":{\"points\":5,\"satisfied_min\":4},\"groups\":["
    "{\"code\":\"A\",\"name\":\"Nhóm A\",\"items\":[{\"code\":\"A1\",\"text\":\"a1\"},"
    "{\"code\":\"A2\",\"text\":\"a2\"}]},"
    "{\"code\":\"B\",\"name\":\"Nhóm B\",\"items\":[{\"code\":\"B1\",\"text\":\"b1\"}]}],"
    "\"demographics\":[{\"code\":\"gt\",\"text\":\"Giới tính\",\"options\":["
    "{\"code\":\"nam\",\"label\":\"Nam\"},{\"code\":\"nu\",\"label\":\"Nữ\"}]}]}";

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->w = ledger_fixture_start();
    f->a = f->w->a;
    err_t e;
    bool created = false;
    assert_int_equal(app_survey_form_import(f->a, NULL, FORM, strlen(FORM), &f->form, &created, &e),
                     0);
    assert_true(created);
    app_survey_in_t in = {f->form, "H1", "2024", NULL};
    if (app_survey_create(f->a, NULL, &in, &f->run, &e))
        fail_msg("%s", e.en);
    app_survey_t s;
    assert_int_equal(app_survey_load(f->a, NULL, ACCESS_READ, f->run, NULL, &s, &e), 0);
    snprintf(f->token, sizeof f->token, "%s", s.run.token);
    app_survey_release(&s);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    app_fixture_free(f->w);
    free(f);
    return 0;
}

static int respond(fx_t *f, const char *device, const char *dossier, const char *a1, const char *a2,
                   const char *b1, err_t *e)
{
    app_survey_answer_t v[4] = {{"A1", a1}, {"A2", a2}, {"B1", b1}, {"gt", "nu"}};
    app_survey_response_in_t in = {v, 4, device, dossier};
    return app_survey_respond(f->a, f->token, &in, e);
}

static void forms_and_runs(void **state)
{
    fx_t *f = *state;
    err_t e;
    int64_t id = 0;
    bool created = true;
    assert_int_equal(app_survey_form_import(f->a, NULL, FORM, strlen(FORM), &id, &created, &e), 0);
    assert_false(created); /* the same bytes */
    assert_int_equal(id, f->form);
    char other[2048];
    snprintf(other, sizeof other, "%s", FORM);
    char *p = strstr(other, "Mini");
    memcpy(p, "Maxi", 4);
    assert_int_equal(app_survey_form_import(f->a, NULL, other, strlen(other), &id, &created, &e),
                     ERR_CONFLICT);
    assert_string_equal(e.code, "survey.form_version");
    user_t viewer = app_fixture_user("H1", ACCESS_ROLE_VIEWER);
    assert_int_equal(app_survey_form_import(f->a, &viewer, other, strlen(other), &id, &created, &e),
                     ERR_FORBIDDEN);
    app_survey_in_t in = {f->form, "H1", "2024", NULL};
    assert_int_equal(app_survey_create(f->a, NULL, &in, &id, &e), ERR_CONFLICT);
    in.period = "2024Q9";
    assert_int_equal(app_survey_create(f->a, NULL, &in, &id, &e), ERR_INVALID);
    assert_string_equal(e.code, "survey.period");
    in.period = "2024Q2";
    in.rule = "median";
    assert_int_equal(app_survey_create(f->a, NULL, &in, &id, &e), ERR_INVALID);
    in.rule = "mean";
    in.unit = "NOPE";
    assert_int_equal(app_survey_create(f->a, NULL, &in, &id, &e), ERR_NOTFOUND);
    in.unit = "X1";
    assert_int_equal(app_survey_create(f->a, &viewer, &in, &id, &e), ERR_FORBIDDEN);
    json_t *list;
    assert_int_equal(app_survey_list(f->a, NULL, NULL, &list, &e), 0);
    assert_int_equal(json_array_size(json_object_get(list, "items")), 1);
    json_decref(list);
}

static void responses_and_results(void **state)
{
    fx_t *f = *state;
    err_t e;
    assert_int_equal(respond(f, "device-0000000001", NULL, "5", "3", "4", &e), 0);
    assert_int_equal(respond(f, "device-0000000001", NULL, "1", "1", "1", &e), ERR_CONFLICT);
    assert_string_equal(e.code, "survey.device");
    assert_int_equal(respond(f, "short", NULL, "1", "1", "1", &e), ERR_INVALID);
    assert_int_equal(respond(f, "device-0000000002", NULL, "", "", "", &e), ERR_INVALID);
    assert_int_equal(respond(f, "device-0000000002", NULL, "6", "", "", &e), ERR_INVALID);
    /* a dossier of X1 (under H1): once; one of S1 is not the unit's */
    assert_int_equal(respond(f, "device-0000000002", "d2", "4", "", "2", &e), 0);
    assert_int_equal(respond(f, "device-0000000003", "D2", "4", "", "2", &e), ERR_CONFLICT);
    assert_string_equal(e.code, "survey.dossier");
    assert_int_equal(respond(f, "device-0000000003", "D9", "4", "", "2", &e), ERR_INVALID);
    assert_string_equal(e.code, "survey.dossier_unit");
    assert_int_equal(respond(f, "device-0000000003", "NOPE", "4", "", "2", &e), ERR_NOTFOUND);
    /* paper: one bad cell and nothing is stored */
    const char *cols[] = {"MaPhieu", "A1", "A2", "B1", "gt"};
    const char *r1[] = {"1", "2", "5", "5", "nam"}, *r2[] = {"2", "7", "", "", ""};
    app_survey_row_t rows[2] = {{2, r1}, {3, r2}};
    json_t *rep = NULL;
    assert_int_equal(app_survey_import(f->a, NULL, f->run, cols, 5, rows, 2, "p.csv", &rep, &e),
                     ERR_INVALID);
    json_t *errs = json_object_get(rep, "errors");
    assert_int_equal(json_array_size(errs), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(errs, 0), "line")), 3);
    json_decref(rep);
    r2[1] = "3";
    assert_int_equal(app_survey_import(f->a, NULL, f->run, cols, 5, rows, 2, "p.csv", &rep, &e), 0);
    json_decref(rep);
    /* responses: A1 5,4,2,3; A2 3,-,5,-; B1 4,2,5,- -> share: A1 2/4, A2 1/2, B1 2/3 */
    app_survey_t s;
    survey_tally_t *t = calloc(1, sizeof *t);
    survey_result_t *r = calloc(1, sizeof *r);
    assert_int_equal(app_survey_results(f->a, NULL, f->run, NULL, &s, t, r, &e), 0);
    assert_int_equal(t->responses, 4);
    assert_true(fabs(r->item[0].value - 50) < 1e-9);
    assert_true(fabs(r->item[1].value - 50) < 1e-9);
    assert_true(fabs(r->item[2].value - 200.0 / 3) < 1e-9);
    assert_true(fabs(r->overall.value - (50 + 200.0 / 3) / 2) < 1e-9);
    assert_int_equal(t->demo[0][2], 2); /* "nu" twice (web), "nam" once, none once */
    app_survey_release(&s);
    assert_int_equal(app_survey_results(f->a, NULL, f->run, "mean", &s, t, r, &e), 0);
    /* A1 mean 14/4 = 3.5 -> 70 */
    assert_true(fabs(r->item[0].value - 70) < 1e-9);
    app_survey_release(&s);
    /* closed: no more web responses */
    assert_int_equal(app_survey_set(f->a, NULL, f->run, "closed", NULL, &e), 0);
    assert_int_equal(respond(f, "device-0000000009", NULL, "5", "5", "5", &e), ERR_CONFLICT);
    assert_string_equal(e.code, "survey.closed");
    free(t);
    free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(forms_and_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(responses_and_results, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
