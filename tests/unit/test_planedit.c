/* Unit tests of src/domain/planedit (edit lists), planedit_apply (every
 * operation and its errors, atomicity) and planparse_review (the preview
 * summary). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/planedit.h"
#include "domain/planedit_apply.h"
#include "domain/planparse_review.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void add_task(planparse_plan_t *p, const char *no, planparse_area_t a, const char *title,
                     const char *lead, const char *deadline, int line)
{
    planparse_task_t t = {.no = (char *)no,
                          .area = a,
                          .title = (char *)title,
                          .deadline_text = (char *)deadline,
                          .source = PLANPARSE_SRC_TABLE,
                          .pos = {line, 0}};
    assert_int_equal(planparse_plan_add_task(p, &t), 0);
    if (lead)
        assert_int_equal(
            planparse_task_add_party(&p->tasks[p->ntasks - 1], true, lead, "SNV", NULL), 0);
    else {
        assert_int_equal(
            planparse_task_add_party(&p->tasks[p->ntasks - 1], true, "UBND tỉnh", "UBT", NULL), 0);
        p->tasks[p->ntasks - 1].lead_default = true;
    }
}

/* Four tasks in two areas, one target. */
static planparse_plan_t *sample(void)
{
    planparse_plan_t *p = planparse_plan_new();
    assert_non_null(p);
    p->doc.year = 2024;
    p->task_source = PLANPARSE_SRC_TABLE;
    add_task(p, "1", PLANPARSE_AREA_THECHE, "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp",
             "Quý I/2024", 10);
    add_task(p, "2", PLANPARSE_AREA_THECHE, "Kiểm tra văn bản. Theo dõi thi hành", "Sở Tư pháp",
             "Tháng 6/2024", 12);
    add_task(p, "3", PLANPARSE_AREA_TTHC, "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH", NULL, NULL, 14);
    add_task(p, "4", PLANPARSE_AREA_TTHC, "Công bố thủ tục hành chính", "Sở Nội vụ", "xyz", 16);
    planparse_target_t g = {.area = PLANPARSE_AREA_TTHC,
                            .indicator = "tthc.on_time",
                            .op = PLANPARSE_OP_GE,
                            .value = 95,
                            .unit = "%",
                            .text = "95% hồ sơ"};
    assert_int_equal(planparse_plan_add_target(p, &g), 0);
    return p;
}

static planedit_op_t *op(planedit_list_t *l, planedit_kind_t k, size_t index, const char *no)
{
    planedit_op_t *o;
    assert_int_equal(planedit_list_add(l, k, &o, NULL), 0);
    o->index = index;
    if (no)
        assert_int_equal(planedit_set_str(&o->no, no, NULL), 0);
    return o;
}

static void field(planedit_op_t *o, planedit_field_id_t f, const char *v)
{
    assert_int_equal(planedit_op_add_field(o, f, v, NULL, NULL), 0);
}

/* Applies l to p; returns the status, *out the result (or NULL). */
static int run(const planparse_plan_t *p, planedit_list_t *l, planparse_plan_t **out, err_t *e)
{
    err_clear(e);
    return planedit_apply(p, l, out, e);
}

static void set_fields_of_a_task(void **state)
{
    (void)state;
    planparse_plan_t *p = sample(), *q;
    planedit_list_t l;
    planedit_list_init(&l);
    planedit_op_t *o = op(&l, PLANEDIT_SET_TASK, 0, "1");
    field(o, PLANEDIT_F_TITLE, "Rà soát, hệ thống hóa văn bản");
    field(o, PLANEDIT_F_DEADLINE, "Tháng 9/2024");
    field(o, PLANEDIT_F_PRODUCT, "Báo cáo");
    field(o, PLANEDIT_F_AREA, "chidao");
    planedit_field_t *f;
    assert_int_equal(planedit_op_add_field(o, PLANEDIT_F_SUPPORT, NULL, &f, NULL), 0);
    assert_int_equal(planedit_field_add_party(f, "Sở Nội vụ", "SNV", NULL), 0);
    assert_int_equal(planedit_field_add_party(f, "UBND cấp huyện", NULL, NULL), 0);
    o = op(&l, PLANEDIT_SET_TASK, 2, "3");
    assert_int_equal(planedit_op_add_field(o, PLANEDIT_F_LEAD, NULL, &f, NULL), 0);
    assert_int_equal(planedit_field_add_party(f, "Văn phòng UBND tỉnh", "VP", NULL), 0);
    err_t e;
    assert_int_equal(run(p, &l, &q, &e), 0);
    assert_string_equal(q->tasks[0].title, "Rà soát, hệ thống hóa văn bản");
    assert_string_equal(q->tasks[0].deadline_text, "Tháng 9/2024");
    assert_non_null(q->tasks[0].deadline);
    assert_int_equal(deadline_first_due(q->tasks[0].deadline), date_from_ymd(2024, 9, 30));
    assert_string_equal(q->tasks[0].product, "Báo cáo");
    assert_int_equal(q->tasks[0].area, PLANPARSE_AREA_CHIDAO);
    assert_int_equal(q->tasks[0].nsupport, 2);
    assert_string_equal(q->tasks[0].support[0].unit, "SNV");
    assert_null(q->tasks[0].support[1].unit);
    assert_false(q->tasks[2].lead_default);
    assert_int_equal(q->tasks[2].nlead, 1);
    assert_string_equal(q->tasks[2].lead[0].text, "Văn phòng UBND tỉnh");
    /* the input is untouched */
    assert_string_equal(p->tasks[0].title, "Rà soát văn bản quy phạm pháp luật");
    assert_true(p->tasks[2].lead_default);
    planparse_plan_free(q);
    /* clearing optional fields; an unparsed deadline is kept as text */
    planedit_list_release(&l);
    o = op(&l, PLANEDIT_SET_TASK, 1, NULL);
    field(o, PLANEDIT_F_DEADLINE, "xyz");
    field(o, PLANEDIT_F_PRODUCT, "");
    field(o, PLANEDIT_F_NO, "2a");
    assert_int_equal(run(p, &l, &q, &e), 0);
    assert_string_equal(q->tasks[1].deadline_text, "xyz");
    assert_true(!q->tasks[1].deadline || q->tasks[1].deadline->kind == DEADLINE_UNSPECIFIED);
    assert_null(q->tasks[1].product);
    assert_string_equal(q->tasks[1].no, "2a");
    planparse_plan_free(q);
    planedit_list_release(&l);
    planparse_plan_free(p);
}

static void set_fields_of_a_target(void **state)
{
    (void)state;
    planparse_plan_t *p = sample(), *q;
    planedit_list_t l;
    planedit_list_init(&l);
    planedit_op_t *o = op(&l, PLANEDIT_SET_TARGET, 0, NULL);
    field(o, PLANEDIT_F_INDICATOR, "tthc.satisfaction");
    field(o, PLANEDIT_F_OP, "between");
    field(o, PLANEDIT_F_VALUE, "90");
    field(o, PLANEDIT_F_VALUE_MAX, "94.5");
    field(o, PLANEDIT_F_UNIT, "%");
    field(o, PLANEDIT_F_TEXT, "hài lòng từ 90% đến 94,5%");
    field(o, PLANEDIT_F_AREA, "so");
    err_t e;
    assert_int_equal(run(p, &l, &q, &e), 0);
    planparse_target_t *t = &q->targets[0];
    assert_string_equal(t->indicator, "tthc.satisfaction");
    assert_int_equal(t->op, PLANPARSE_OP_BETWEEN);
    assert_true(t->value == 90 && t->value_max == 94.5);
    assert_string_equal(t->text, "hài lòng từ 90% đến 94,5%");
    assert_int_equal(t->area, PLANPARSE_AREA_SO);
    planparse_plan_free(q);
    planedit_list_release(&l);
    planparse_plan_free(p);
}

static void split_at_offset_and_into_titles(void **state)
{
    (void)state;
    planparse_plan_t *p = sample(), *q;
    planedit_list_t l;
    planedit_list_init(&l);
    planedit_op_t *o = op(&l, PLANEDIT_SPLIT, 1, "2");
    o->offset = strlen("Kiểm tra văn bản.");
    err_t e;
    assert_int_equal(run(p, &l, &q, &e), 0);
    assert_int_equal(q->ntasks, 5);
    assert_string_equal(q->tasks[1].title, "Kiểm tra văn bản.");
    assert_string_equal(q->tasks[2].title, "Theo dõi thi hành");
    assert_string_equal(q->tasks[1].no, "2");
    assert_string_equal(q->tasks[2].no, "2-2");
    assert_string_equal(q->tasks[2].lead[0].text, "Sở Tư pháp"); /* fields copied */
    assert_string_equal(q->tasks[2].deadline_text, "Tháng 6/2024");
    assert_non_null(q->tasks[2].deadline);
    assert_string_equal(q->tasks[3].no, "3");
    planparse_plan_free(q);
    planedit_list_release(&l);
    o = op(&l, PLANEDIT_SPLIT, 0, "1");
    assert_int_equal(planedit_op_add_title(o, "Rà soát", NULL), 0);
    assert_int_equal(planedit_op_add_title(o, " Hệ thống hóa ", NULL), 0);
    assert_int_equal(planedit_op_add_title(o, "Công bố", NULL), 0);
    assert_int_equal(run(p, &l, &q, &e), 0);
    assert_int_equal(q->ntasks, 6);
    assert_string_equal(q->tasks[1].title, "Hệ thống hóa");
    assert_string_equal(q->tasks[2].no, "1-3");
    assert_string_equal(q->tasks[3].no, "2");
    planparse_plan_free(q);
    planedit_list_release(&l);
    planparse_plan_free(p);
}

static void merge_delete_add_move(void **state)
{
    (void)state;
    planparse_plan_t *p = sample(), *q;
    planedit_list_t l;
    planedit_list_init(&l);
    op(&l, PLANEDIT_MERGE, 0, "1"); /* with the next */
    op(&l, PLANEDIT_DELETE_TASK, 1, "3");
    planedit_op_t *o = op(&l, PLANEDIT_ADD_TASK, 2, NULL);
    field(o, PLANEDIT_F_TITLE, "Nhiệm vụ bị sót");
    field(o, PLANEDIT_F_DEADLINE, "Quý IV/2024");
    o = op(&l, PLANEDIT_MOVE, 1, "4");
    o->to = 2;
    o->area = PLANPARSE_AREA_SO;
    o = op(&l, PLANEDIT_ADD_TARGET, 0, NULL);
    field(o, PLANEDIT_F_INDICATOR, "tthc.online");
    field(o, PLANEDIT_F_VALUE, "50");
    op(&l, PLANEDIT_DELETE_TARGET, 1, NULL);
    err_t e;
    assert_int_equal(run(p, &l, &q, &e), 0);
    assert_int_equal(q->ntasks, 3);
    assert_string_equal(q->tasks[0].title,
                        "Rà soát văn bản quy phạm pháp luật Kiểm tra văn bản. Theo dõi thi hành");
    assert_string_equal(q->tasks[0].deadline_text, "Quý I/2024");
    assert_int_equal(q->tasks[0].nlead, 1); /* same lead once */
    assert_string_equal(q->tasks[1].no, "4");
    assert_string_equal(q->tasks[2].title, "Nhiệm vụ bị sót");
    assert_string_equal(q->tasks[2].no, "5");
    assert_int_equal(q->tasks[1].area, PLANPARSE_AREA_SO);
    assert_int_equal(q->tasks[2].area, PLANPARSE_AREA_SO);
    assert_int_equal(q->tasks[0].area, PLANPARSE_AREA_THECHE);
    assert_int_equal(q->ntargets, 1);
    assert_string_equal(q->targets[0].indicator, "tthc.online");
    planparse_plan_free(q);
    planedit_list_release(&l);
    /* merge by number, lead taken over from a written one */
    o = op(&l, PLANEDIT_MERGE, 2, "3");
    o->has_index2 = true;
    o->index2 = 0;
    assert_int_equal(planedit_set_str(&o->no2, "1", NULL), 0);
    assert_int_equal(run(p, &l, &q, &e), 0);
    assert_int_equal(q->ntasks, 3);
    assert_string_equal(q->tasks[1].title,
                        "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH Rà soát văn bản quy phạm pháp luật");
    assert_false(q->tasks[1].lead_default);
    assert_string_equal(q->tasks[1].lead[0].text, "Sở Tư pháp");
    assert_string_equal(q->tasks[1].deadline_text, "Quý I/2024");
    planparse_plan_free(q);
    planedit_list_release(&l);
    planparse_plan_free(p);
}

/* Runs a one-op list expected to fail with code; checks nothing leaked. */
static void expect_fail(const planparse_plan_t *p, planedit_list_t *l, const char *code)
{
    planparse_plan_t *q = (planparse_plan_t *)1;
    err_t e;
    assert_int_equal(run(p, l, &q, &e), ERR_INVALID);
    assert_null(q);
    assert_string_equal(e.code, code);
    planedit_list_release(l);
}

static void every_error_names_its_op(void **state)
{
    (void)state;
    planparse_plan_t *p = sample();
    planedit_list_t l;
    planedit_list_init(&l);
    op(&l, PLANEDIT_DELETE_TASK, 0, "1");
    op(&l, PLANEDIT_DELETE_TASK, 0, "1"); /* now task 0 is "2" */
    planparse_plan_t *q;
    err_t e;
    assert_int_equal(run(p, &l, &q, &e), ERR_INVALID);
    assert_string_equal(e.code, "planedit.mismatch");
    assert_non_null(strstr(e.vi, "Thao tác 1: "));
    assert_non_null(strstr(e.en, "Edit 1: "));
    assert_int_equal(p->ntasks, 4); /* nothing applied */
    planedit_list_release(&l);
    op(&l, PLANEDIT_SET_TASK, 9, NULL)->nfields = 0;
    expect_fail(p, &l, "planedit.index");
    op(&l, PLANEDIT_SET_TASK, 0, NULL);
    expect_fail(p, &l, "planedit.field");
    field(op(&l, PLANEDIT_SET_TASK, 0, NULL), PLANEDIT_F_UNIT, "%");
    expect_fail(p, &l, "planedit.field");
    field(op(&l, PLANEDIT_SET_TARGET, 0, NULL), PLANEDIT_F_TITLE, "x");
    expect_fail(p, &l, "planedit.field");
    field(op(&l, PLANEDIT_SET_TASK, 0, NULL), PLANEDIT_F_TITLE, "  ");
    expect_fail(p, &l, "planedit.title");
    field(op(&l, PLANEDIT_SET_TASK, 0, NULL), PLANEDIT_F_AREA, "moon");
    expect_fail(p, &l, "planedit.value");
    field(op(&l, PLANEDIT_SET_TASK, 0, NULL), PLANEDIT_F_TITLE, "\xff\xfe");
    expect_fail(p, &l, "planedit.value");
    field(op(&l, PLANEDIT_SET_TARGET, 0, NULL), PLANEDIT_F_VALUE, "12abc");
    expect_fail(p, &l, "planedit.value");
    field(op(&l, PLANEDIT_SET_TARGET, 0, NULL), PLANEDIT_F_INDICATOR, "nope");
    expect_fail(p, &l, "planedit.value");
    field(op(&l, PLANEDIT_SET_TARGET, 0, NULL), PLANEDIT_F_OP, "~");
    expect_fail(p, &l, "planedit.value");
    field(op(&l, PLANEDIT_SET_TARGET, 3, NULL), PLANEDIT_F_OP, ">=");
    expect_fail(p, &l, "planedit.index");
    planedit_field_t *f;
    assert_int_equal(
        planedit_op_add_field(op(&l, PLANEDIT_SET_TASK, 0, NULL), PLANEDIT_F_LEAD, NULL, &f, NULL),
        0);
    assert_int_equal(planedit_field_add_party(f, " ", NULL, NULL), 0);
    expect_fail(p, &l, "planedit.value");
    op(&l, PLANEDIT_SPLIT, 0, NULL)->offset = 0;
    expect_fail(p, &l, "planedit.split");
    op(&l, PLANEDIT_SPLIT, 0, NULL)->offset = 999;
    expect_fail(p, &l, "planedit.split");
    op(&l, PLANEDIT_SPLIT, 0, NULL)->offset = 2; /* inside "à" */
    expect_fail(p, &l, "planedit.split");
    assert_int_equal(planedit_op_add_title(op(&l, PLANEDIT_SPLIT, 0, NULL), "one", NULL), 0);
    expect_fail(p, &l, "planedit.split");
    planedit_op_t *o = op(&l, PLANEDIT_SPLIT, 0, NULL);
    assert_int_equal(planedit_op_add_title(o, "one", NULL), 0);
    assert_int_equal(planedit_op_add_title(o, " ", NULL), 0);
    expect_fail(p, &l, "planedit.split");
    op(&l, PLANEDIT_MERGE, 3, NULL);
    expect_fail(p, &l, "planedit.merge");
    o = op(&l, PLANEDIT_MERGE, 1, NULL);
    o->has_index2 = true;
    o->index2 = 1;
    expect_fail(p, &l, "planedit.merge");
    o = op(&l, PLANEDIT_MERGE, 0, NULL);
    assert_int_equal(planedit_set_str(&o->no2, "7", NULL), 0);
    expect_fail(p, &l, "planedit.mismatch");
    op(&l, PLANEDIT_ADD_TASK, 0, NULL);
    expect_fail(p, &l, "planedit.title");
    field(op(&l, PLANEDIT_ADD_TASK, 5, NULL), PLANEDIT_F_TITLE, "x");
    expect_fail(p, &l, "planedit.index");
    op(&l, PLANEDIT_ADD_TARGET, 2, NULL);
    expect_fail(p, &l, "planedit.index");
    op(&l, PLANEDIT_DELETE_TARGET, 1, NULL);
    expect_fail(p, &l, "planedit.index");
    o = op(&l, PLANEDIT_MOVE, 2, NULL);
    o->to = 1;
    expect_fail(p, &l, "planedit.index");
    o = op(&l, PLANEDIT_MOVE, 2, NULL);
    o->to = 4;
    expect_fail(p, &l, "planedit.index");
    planparse_plan_free(p);
}

static void names_and_limits(void **state)
{
    (void)state;
    for (int k = PLANEDIT_SET_TASK; k <= PLANEDIT_MOVE; k++) {
        planedit_kind_t back;
        assert_int_equal(planedit_kind_parse(planedit_kind_name((planedit_kind_t)k), &back), 0);
        assert_int_equal(back, k);
    }
    for (int f = PLANEDIT_F_NO; f <= PLANEDIT_F_TEXT; f++) {
        planedit_field_id_t back;
        assert_int_equal(planedit_field_parse(planedit_field_name((planedit_field_id_t)f), &back),
                         0);
        assert_int_equal(back, f);
    }
    planedit_kind_t k;
    planedit_field_id_t f;
    assert_int_equal(planedit_kind_parse("explode", &k), ERR_INVALID);
    assert_int_equal(planedit_field_parse(NULL, &f), ERR_INVALID);
    assert_null(planedit_kind_name((planedit_kind_t)0));
    planedit_list_t l;
    planedit_list_init(&l);
    planedit_op_t *o = op(&l, PLANEDIT_SET_TASK, 0, NULL);
    for (int i = 0; i < PLANEDIT_MAX_ITEMS; i++)
        field(o, PLANEDIT_F_PRODUCT, "x");
    err_t e;
    assert_int_equal(planedit_op_add_field(o, PLANEDIT_F_PRODUCT, "x", NULL, &e), ERR_RANGE);
    assert_string_equal(e.code, "planedit.too_many");
    planedit_list_release(&l);
    planedit_list_release(NULL);
}

static void allocation_failures_leave_nothing(void **state)
{
    (void)state;
    planparse_plan_t *p = sample();
    planedit_list_t l;
    planedit_list_init(&l);
    op(&l, PLANEDIT_SPLIT, 1, "2")->offset = strlen("Kiểm tra văn bản.");
    op(&l, PLANEDIT_MERGE, 0, NULL);
    field(op(&l, PLANEDIT_ADD_TASK, 0, NULL), PLANEDIT_F_TITLE, "Mới");
    field(op(&l, PLANEDIT_ADD_TARGET, 0, NULL), PLANEDIT_F_TEXT, "x");
    int ok = 0;
    for (long n = 1; n < 400 && !ok; n++) {
        planparse_plan_t *q = NULL;
        mem_fail_after(n);
        int rc = planedit_apply(p, &l, &q, NULL);
        mem_fail_after(-1);
        if (rc == 0) {
            ok = 1;
            assert_int_equal(q->ntasks, 5);
            planparse_plan_free(q);
        } else {
            assert_int_equal(rc, ERR_NOMEM);
            assert_null(q);
        }
    }
    assert_true(ok);
    planedit_list_release(&l);
    planparse_plan_free(p);
}

static void review_counts_and_unsure_tasks(void **state)
{
    (void)state;
    planparse_plan_t *p = sample();
    err_t w;
    err_set(&w, ERR_INVALID, "plan.unit_unresolved", "x", "x");
    assert_int_equal(planparse_plan_add_warning(p, (planparse_pos_t){13, 0}, &w), 0); /* task 1 */
    assert_int_equal(planparse_plan_add_warning(p, (planparse_pos_t){3, 0}, &w), 0);  /* header */
    assert_int_equal(planparse_plan_add_warning(p, (planparse_pos_t){40, 0}, &w), 0); /* after */
    char longt[1200];
    memset(longt, 'a', sizeof longt - 1);
    longt[sizeof longt - 1] = 0;
    add_task(p, "5", PLANPARSE_AREA_NONE, longt, "Sở Nội vụ", "Quý II/2024", 0);
    planparse_review_t r;
    assert_int_equal(planparse_review(p, &r), 0);
    assert_int_equal(r.ntasks, 5);
    assert_int_equal(r.flags[0], 0);
    assert_int_equal(r.flags[1], PLANPARSE_REVIEW_WARNING);
    assert_int_equal(r.flags[2], PLANPARSE_REVIEW_DEFAULT_LEAD | PLANPARSE_REVIEW_NO_DEADLINE);
    assert_int_equal(r.flags[3], PLANPARSE_REVIEW_DEADLINE_BAD);
    assert_int_equal(r.flags[4], PLANPARSE_REVIEW_LONG_TITLE_F);
    assert_int_equal(r.unsure, 4);
    assert_int_equal(r.areas[PLANPARSE_AREA_THECHE].tasks, 2);
    assert_int_equal(r.areas[PLANPARSE_AREA_THECHE].unsure, 1);
    assert_int_equal(r.areas[PLANPARSE_AREA_TTHC].tasks, 2);
    assert_int_equal(r.areas[PLANPARSE_AREA_TTHC].no_deadline, 1);
    assert_int_equal(r.areas[PLANPARSE_AREA_TTHC].no_lead, 0); /* the default lead is a lead */
    assert_int_equal(r.areas[PLANPARSE_AREA_TTHC].targets, 1);
    assert_int_equal(r.areas[PLANPARSE_AREA_NONE].tasks, 1);
    assert_string_equal(planparse_review_flag_name(PLANPARSE_REVIEW_DEADLINE_BAD),
                        "deadline_unparsed");
    assert_null(planparse_review_flag_name(3));
    planparse_review_release(&r);
    /* when most tasks have no written lead (the issuer's own narrative
     * plan), a default lead is no doubt */
    for (size_t i = 0; i < p->ntasks; i++)
        p->tasks[i].lead_default = true;
    assert_int_equal(planparse_review(p, &r), 0);
    assert_int_equal(r.flags[2], PLANPARSE_REVIEW_NO_DEADLINE);
    assert_int_equal(r.flags[0] & PLANPARSE_REVIEW_DEFAULT_LEAD, 0);
    planparse_review_release(&r);
    mem_fail_after(1);
    assert_int_equal(planparse_review(p, &r), ERR_NOMEM);
    mem_fail_after(-1);
    planparse_plan_free(p);
}

static void tags_follow_the_tasks(void **state)
{
    (void)state;
    planparse_plan_t *p = sample(), *q;
    planedit_list_t l;
    planedit_list_init(&l);
    op(&l, PLANEDIT_SPLIT, 1, "2")->offset = strlen("Kiểm tra văn bản."); /* 11 12 0 13 14 */
    op(&l, PLANEDIT_MERGE, 3, "3");                                       /* 11 12 0 13 */
    op(&l, PLANEDIT_DELETE_TASK, 0, "1");                                 /* 12 0 13 */
    field(op(&l, PLANEDIT_ADD_TASK, 0, NULL), PLANEDIT_F_TITLE, "Đầu");   /* 0 12 0 13 */
    field(op(&l, PLANEDIT_ADD_TARGET, 0, NULL), PLANEDIT_F_TEXT, "x");    /* 0 21 */
    const int64_t tt[] = {11, 12, 13, 14}, gt[] = {21};
    int64_t *to = NULL, *go = NULL;
    err_t e;
    assert_int_equal(planedit_apply_tagged(p, &l, tt, gt, &q, &to, &go, &e), 0);
    assert_int_equal(q->ntasks, 4);
    assert_true(to[0] == 0 && to[1] == 12 && to[2] == 0 && to[3] == 13);
    assert_int_equal(q->ntargets, 2);
    assert_true(go[0] == 0 && go[1] == 21);
    mem_free(to);
    mem_free(go);
    planparse_plan_free(q);
    planedit_list_release(&l);
    planparse_plan_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(set_fields_of_a_task),
        cmocka_unit_test(set_fields_of_a_target),
        cmocka_unit_test(split_at_offset_and_into_titles),
        cmocka_unit_test(merge_delete_add_move),
        cmocka_unit_test(every_error_names_its_op),
        cmocka_unit_test(names_and_limits),
        cmocka_unit_test(allocation_failures_leave_nothing),
        cmocka_unit_test(review_counts_and_unsure_tasks),
        cmocka_unit_test(tags_follow_the_tasks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
