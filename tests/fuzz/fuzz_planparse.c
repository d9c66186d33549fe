/* fuzz_planparse - libFuzzer target for the plan parser (domain/planparse*)
 * on the plain-text form of a document: no crash, no leak, no undefined
 * behaviour, and the model's invariants hold (every task has a number and
 * a title, areas and operators in range, parties have text, the JSON form
 * renders). The first byte picks the options (plan year override). */
#include "domain/planparse.h"
#include "io/plan_json.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_parties(const planparse_party_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!v[i].text)
            __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    planparse_options_t opt = {0};
    if (data[0] & 1)
        opt.year = 2024;
    doc_t *d = NULL;
    err_t e;
    if (doc_from_text((const char *)data + 1, size - 1, &d, &e) != 0)
        return 0;
    planparse_plan_t *p = NULL;
    int rc = planparse_parse(d, &opt, &p, &e);
    doc_free(d);
    if (rc != 0) {
        if (p || rc > 0 || !e.code[0])
            __builtin_trap();
        return 0;
    }
    if (p->ntasks == 0 && p->ntargets == 0)
        __builtin_trap();
    for (size_t i = 0; i < p->ntasks; i++) {
        const planparse_task_t *t = &p->tasks[i];
        if (!t->no || !*t->no || !t->title || t->area >= PLANPARSE_AREA_COUNT)
            __builtin_trap();
        if (t->deadline_text && strlen(t->deadline_text) > 0 && !t->deadline &&
            strlen(t->deadline_text) < 4000)
            __builtin_trap();
        check_parties(t->lead, t->nlead);
        check_parties(t->support, t->nsupport);
    }
    for (size_t i = 0; i < p->ntargets; i++) {
        const planparse_target_t *t = &p->targets[i];
        if (!t->indicator || !t->text || !t->unit || t->op > PLANPARSE_OP_BETWEEN ||
            t->area >= PLANPARSE_AREA_COUNT)
            __builtin_trap();
    }
    json_t *j = plan_json(p);
    if (j) {
        char *s = json_dumps(j, JSON_COMPACT);
        free(s);
        json_decref(j);
    }
    planparse_plan_free(p);
    return 0;
}
