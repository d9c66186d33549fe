/* planparse_review.c - the preview summary of a parsed plan
 * (planparse_review.h). */
#include "domain/planparse_review.h"

#include "base/mem.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct line_ix {
    int line;
    size_t task;
} line_ix_t;

static int by_line(const void *a, const void *b)
{
    const line_ix_t *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->task < y->task ? -1 : x->task > y->task;
}

/* Index in v (sorted) of the last entry with line <= w, or n. */
static size_t last_at_or_before(const line_ix_t *v, size_t n, int w)
{
    size_t lo = 0, hi = n; /* first entry with line > w */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].line <= w)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : n;
}

static void mark_warnings(const planparse_plan_t *p, const line_ix_t *v, size_t n, unsigned *flags)
{
    for (size_t w = 0; w < p->nwarnings; w++) {
        int line = p->warnings[w].pos.line;
        size_t k = line > 0 ? last_at_or_before(v, n, line) : n;
        if (k == n || (v[k].line != line && k + 1 == n))
            continue; /* before every task, or past the last one's line */
        int at = v[k].line;
        for (size_t j = k + 1; j-- > 0 && v[j].line == at;)
            flags[v[j].task] |= PLANPARSE_REVIEW_WARNING;
    }
}

static unsigned task_flags(const planparse_task_t *t)
{
    unsigned f = 0;
    if (t->lead_default)
        f |= PLANPARSE_REVIEW_DEFAULT_LEAD;
    if (!t->nlead)
        f |= PLANPARSE_REVIEW_NO_LEAD;
    if (!t->deadline_text || !*t->deadline_text)
        f |= PLANPARSE_REVIEW_NO_DEADLINE;
    else if (!t->deadline || t->deadline->kind == DEADLINE_UNSPECIFIED)
        f |= PLANPARSE_REVIEW_DEADLINE_BAD;
    if (t->title && text_length(t->title, strlen(t->title)) > PLANPARSE_REVIEW_LONG_TITLE)
        f |= PLANPARSE_REVIEW_LONG_TITLE_F;
    return f;
}

static void tally(const planparse_plan_t *p, planparse_review_t *r)
{
    /* A missing lead is a doubt only where leads are written for most
     * tasks (a table with an empty cell); in a narrative plan whose issuer
     * carries out most of it, it is the plan's style. */
    size_t defaults = 0;
    for (size_t i = 0; i < p->ntasks; i++)
        defaults += p->tasks[i].lead_default;
    unsigned keep = defaults * 2 > p->ntasks ? ~(unsigned)PLANPARSE_REVIEW_DEFAULT_LEAD : ~0u;
    for (size_t i = 0; i < p->ntasks; i++) {
        unsigned f = (r->flags[i] | task_flags(&p->tasks[i])) & keep;
        r->flags[i] = f;
        int a = p->tasks[i].area;
        planparse_review_area_t *ra = &r->areas[a >= 0 && a < PLANPARSE_AREA_COUNT ? a : 0];
        ra->tasks++;
        ra->no_lead += (f & PLANPARSE_REVIEW_NO_LEAD) != 0;
        ra->no_deadline += (f & PLANPARSE_REVIEW_NO_DEADLINE) != 0;
        if (f & PLANPARSE_REVIEW_UNSURE) {
            ra->unsure++;
            r->unsure++;
        }
    }
    for (size_t i = 0; i < p->ntargets; i++) {
        int a = p->targets[i].area;
        r->areas[a >= 0 && a < PLANPARSE_AREA_COUNT ? a : 0].targets++;
    }
}

int planparse_review(const planparse_plan_t *p, planparse_review_t *r)
{
    memset(r, 0, sizeof *r);
    r->flags = mem_calloc(p->ntasks ? p->ntasks : 1, sizeof *r->flags);
    line_ix_t *v = mem_calloc(p->ntasks ? p->ntasks : 1, sizeof *v);
    if (!r->flags || !v) {
        mem_free(v);
        planparse_review_release(r);
        return ERR_NOMEM;
    }
    r->ntasks = p->ntasks;
    size_t n = 0;
    for (size_t i = 0; i < p->ntasks; i++)
        if (p->tasks[i].pos.line > 0)
            v[n++] = (line_ix_t){p->tasks[i].pos.line, i};
    qsort(v, n, sizeof *v, by_line);
    mark_warnings(p, v, n, r->flags);
    mem_free(v);
    tally(p, r);
    return 0;
}

void planparse_review_release(planparse_review_t *r)
{
    mem_free(r->flags);
    memset(r, 0, sizeof *r);
}

const char *planparse_review_flag_name(unsigned flag)
{
    switch (flag) {
    case PLANPARSE_REVIEW_WARNING:
        return "warning";
    case PLANPARSE_REVIEW_DEFAULT_LEAD:
        return "default_lead";
    case PLANPARSE_REVIEW_DEADLINE_BAD:
        return "deadline_unparsed";
    case PLANPARSE_REVIEW_LONG_TITLE_F:
        return "long_title";
    case PLANPARSE_REVIEW_NO_LEAD:
        return "no_lead";
    case PLANPARSE_REVIEW_NO_DEADLINE:
        return "no_deadline";
    default:
        return NULL;
    }
}
