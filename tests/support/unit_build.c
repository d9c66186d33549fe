/* unit_build.c - see unit_build.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/unit_build.h"

#include <string.h>

#include "base/banned.h"

/* An ISO date, or DATE_NONE for NULL. */
static date_t date_or_none(const char *iso)
{
    date_t d = DATE_NONE;
    if (iso && date_parse(iso, strlen(iso), &d))
        fail_msg("bad test date %s", iso);
    return d;
}

void unit_build_add(unit_set_t *s, const char *code, const char *name, unit_kind_t kind,
                    const char *parent, const char *from, const char *to,
                    const char *const *aliases, size_t naliases)
{
    unit_t u = {.code = (char *)code,
                .name = (char *)(name ? name : code),
                .kind = kind,
                .parent = (char *)parent,
                .valid_from = date_or_none(from),
                .valid_to = date_or_none(to),
                .aliases = (char **)aliases,
                .naliases = naliases};
    err_t e;
    if (unit_set_add(s, &u, &e))
        fail_msg("unit %s: %s", code, e.en);
}
