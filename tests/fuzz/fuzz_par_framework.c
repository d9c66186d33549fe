/* fuzz_par_framework.c - libFuzzer target for the PAR framework reader.
 * Arbitrary bytes go to par_framework_io_read: a failure must leave no
 * framework and, for ERR_INVALID with problems, a non-empty list; a success
 * must give a valid framework whose JSON reads back to the same JSON
 * (fuzz_par_framework.h), and a
 * unit scored with no inputs must have consistent sums (points <= max at
 * every node, index 0). Invariant violations trap. Seeds:
 * corpus/fuzz_par_framework/. */
#include "fuzz_par_framework.h"

#include "domain/par_score.h"

#include <stdint.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_scores(const par_framework_t *fw)
{
    par_unit_t u = {"U", fw->unit_kind, NULL, 0, 0, 0};
    par_result_t r;
    if (par_score_compute(fw, NULL, &u, &r, NULL) != 0)
        __builtin_trap();
    for (size_t i = 0; i < r.nnodes; i++)
        if (r.nodes[i].points < 0 || r.nodes[i].points > r.nodes[i].max)
            __builtin_trap();
    if (r.points != 0 || r.total != 0 || (r.has_index && r.index != 0))
        __builtin_trap();
    par_score_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    par_framework_t *fw = NULL;
    par_problems_t p;
    par_framework_problems_init(&p);
    int rc = par_framework_io_read((const char *)data, size, NULL, &fw, &p, NULL);
    if (rc != 0) {
        if (fw || (rc != ERR_INVALID && rc != ERR_TOOLARGE))
            __builtin_trap();
        par_framework_problems_release(&p);
        return 0;
    }
    fuzz_par_framework_check(fw, &p);
    check_scores(fw);
    par_framework_free(fw);
    return 0;
}
