/* plan_check.c - see plan_check.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/plan_check.h"

#include <string.h>

#include "base/banned.h"

const planparse_task_t *plan_check_task(const planparse_plan_t *p, const char *no)
{
    for (size_t i = 0; i < p->ntasks; i++)
        if (strcmp(p->tasks[i].no, no) == 0)
            return &p->tasks[i];
    fail_msg("no task %s", no);
    return NULL;
}

bool plan_check_has_warning(const planparse_plan_t *p, const char *code)
{
    for (size_t i = 0; i < p->nwarnings; i++)
        if (strcmp(p->warnings[i].err.code, code) == 0)
            return true;
    return false;
}
