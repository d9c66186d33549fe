/* planparse_fix.c - units chosen by hand for names the registry did not
 * resolve (planparse.h, planparse_plan_fix_units). */
#include "base/mem.h"
#include "base/text.h"
#include "domain/planparse.h"

#include <string.h>

#include "base/banned.h"

static const char *fix_of(const char *text, const planparse_unit_fix_t *fx, size_t n)
{
    for (size_t i = 0; text && i < n; i++)
        if (text_key_eq(text, fx[i].name))
            return fx[i].unit;
    return NULL;
}

static int fix_parties(planparse_party_t *v, size_t n, const planparse_unit_fix_t *fx, size_t nfx,
                       size_t *fixed)
{
    for (size_t i = 0; i < n; i++) {
        if (v[i].unit || v[i].group)
            continue;
        const char *code = fix_of(v[i].text, fx, nfx);
        if (!code)
            continue;
        v[i].unit = mem_strdup(code);
        if (!v[i].unit)
            return ERR_NOMEM;
        (*fixed)++;
    }
    return 0;
}

/* Whether a warning is the "not in the registry" / "several units" report
 * of a name that has been fixed: its English message quotes the name. */
static bool fixed_warning(const planparse_warning_t *w, const planparse_unit_fix_t *fx, size_t n)
{
    if (strcmp(w->err.code, "plan.unit_unresolved") != 0 &&
        strcmp(w->err.code, "plan.unit_ambiguous") != 0)
        return false;
    const char *a = strchr(w->err.en, '\'');
    const char *b = a ? strchr(a + 1, '\'') : NULL;
    if (!b)
        return false;
    char name[sizeof w->err.en];
    size_t len = (size_t)(b - a - 1);
    memcpy(name, a + 1, len);
    name[len] = '\0';
    return fix_of(name, fx, n) != NULL;
}

int planparse_plan_fix_units(planparse_plan_t *p, const planparse_unit_fix_t *fx, size_t n,
                             size_t *fixed)
{
    size_t count = 0;
    int rc = 0;
    for (size_t i = 0; !rc && i < p->ntasks; i++) {
        rc = fix_parties(p->tasks[i].lead, p->tasks[i].nlead, fx, n, &count);
        if (!rc)
            rc = fix_parties(p->tasks[i].support, p->tasks[i].nsupport, fx, n, &count);
    }
    size_t k = 0;
    for (size_t i = 0; !rc && i < p->nwarnings; i++)
        if (!fixed_warning(&p->warnings[i], fx, n))
            p->warnings[k++] = p->warnings[i];
    if (!rc)
        p->nwarnings = k;
    if (fixed)
        *fixed = count;
    return rc;
}
