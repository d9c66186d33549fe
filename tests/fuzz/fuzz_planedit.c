/* fuzz_planedit.c - libFuzzer target for plan edits as they arrive from a
 * user (an API body's "edits", `--edits FILE`): arbitrary bytes parsed as
 * JSON, read by planedit_json_read, applied by planedit_apply_tagged to a
 * small plan, then the review computed. Invariants: a refusal carries a
 * code and both messages and leaves no plan; an accepted list gives a plan
 * whose every task has a number and a non-blank title, areas and operators
 * in range, one tag per task and target; the list written back as JSON
 * reads again to a list of the same length; the review counts every task.
 * Violations trap. Seeds: corpus/fuzz_planedit/. */
#include "base/mem.h"
#include "domain/planedit.h"
#include "domain/planedit_apply.h"
#include "domain/planparse_review.h"
#include "io/planedit_json.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void add(planparse_plan_t *p, const char *no, planparse_area_t a, const char *title,
                const char *deadline)
{
    planparse_task_t t = {.no = (char *)no,
                          .area = a,
                          .title = (char *)title,
                          .deadline_text = (char *)deadline,
                          .source = PLANPARSE_SRC_TABLE,
                          .pos = {(int)p->ntasks + 10, 0}};
    if (planparse_plan_add_task(p, &t) ||
        planparse_task_add_party(&p->tasks[p->ntasks - 1], true, "Sở Nội vụ", "SNV", NULL))
        __builtin_trap();
}

/* Three tasks in two areas and one target: enough for every operation. */
static planparse_plan_t *sample(void)
{
    planparse_plan_t *p = planparse_plan_new();
    if (!p)
        __builtin_trap();
    p->doc.year = 2024;
    add(p, "1", PLANPARSE_AREA_THECHE, "Rà soát văn bản quy phạm pháp luật", "Quý I/2024");
    add(p, "2", PLANPARSE_AREA_THECHE, "Kiểm tra văn bản. Theo dõi thi hành", NULL);
    add(p, "3", PLANPARSE_AREA_TTHC, "Công bố thủ tục hành chính", "Thường xuyên");
    planparse_target_t g = {.area = PLANPARSE_AREA_TTHC,
                            .indicator = "tthc.on_time",
                            .op = PLANPARSE_OP_GE,
                            .value = 95,
                            .unit = "%",
                            .text = "95% hồ sơ giải quyết đúng hạn"};
    if (planparse_plan_add_target(p, &g))
        __builtin_trap();
    return p;
}

static void check_error(const err_t *e)
{
    if (!e->code[0] || !e->vi[0] || !e->en[0])
        __builtin_trap();
}

static void check_plan(const planparse_plan_t *q, const int64_t *tt, const int64_t *gt)
{
    for (size_t i = 0; i < q->ntasks; i++) {
        const planparse_task_t *t = &q->tasks[i];
        if (!t->no || !*t->no || !t->title || !*t->title || t->area >= PLANPARSE_AREA_COUNT ||
            tt[i] < 0 || tt[i] > 3)
            __builtin_trap();
    }
    for (size_t i = 0; i < q->ntargets; i++)
        if (!q->targets[i].indicator || q->targets[i].op > PLANPARSE_OP_BETWEEN ||
            q->targets[i].area >= PLANPARSE_AREA_COUNT || gt[i] < 0 || gt[i] > 1)
            __builtin_trap();
    planparse_review_t r;
    if (planparse_review(q, &r) == 0) {
        size_t n = 0;
        for (int a = 0; a < PLANPARSE_AREA_COUNT; a++)
            n += r.areas[a].tasks;
        if (n != q->ntasks || r.ntasks != q->ntasks)
            __builtin_trap();
        planparse_review_release(&r);
    }
}

/* The list written as JSON reads back to as many operations. */
static void check_round_trip(const planedit_list_t *l)
{
    json_t *w = planedit_json_write(l);
    if (!w)
        return; /* out of memory */
    planedit_list_t again;
    err_t e;
    if (planedit_json_read(w, &again, &e) != 0 || again.n != l->n)
        __builtin_trap();
    planedit_list_release(&again);
    json_decref(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t je;
    json_t *v = json_loadb((const char *)data, size, JSON_DECODE_ANY, &je);
    if (!v)
        return 0;
    planedit_list_t l;
    err_t e;
    int rc = planedit_json_read(v, &l, &e);
    json_decref(v);
    if (rc) {
        check_error(&e);
        planedit_list_release(&l);
        return 0;
    }
    check_round_trip(&l);
    planparse_plan_t *p = sample(), *q = NULL;
    static const int64_t task_tags[] = {1, 2, 3}, target_tags[] = {1};
    int64_t *tt = NULL, *gt = NULL;
    rc = planedit_apply_tagged(p, &l, task_tags, target_tags, &q, &tt, &gt, &e);
    if (rc) {
        if (q || rc > 0)
            __builtin_trap();
        check_error(&e);
    } else {
        check_plan(q, tt, gt);
    }
    mem_free(tt);
    mem_free(gt);
    planparse_plan_free(q);
    planparse_plan_free(p);
    planedit_list_release(&l);
    return 0;
}
