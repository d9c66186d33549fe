/* fuzz_deadline.c - libFuzzer target for the deadline parser (and period
 * codes). Arbitrary bytes go to deadline_parse: invalid UTF-8 must be refused with
 * ERR_INVALID, anything else must give a consistent schedule whose JSON form
 * can be built. Invariant violations trap. Seeds: corpus/fuzz_deadline/. */
#include "base/date.h"
#include "base/text.h"
#include "domain/deadline.h"
#include "domain/period.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_schedule(const deadline_schedule_t *s, int depth)
{
    if (!s || !s->text || (int)s->kind < DEADLINE_UNSPECIFIED || s->kind > DEADLINE_PER_ASSIGNEE)
        __builtin_trap();
    if (s->ndates > DEADLINE_DATES_MAX || (s->ndates && !s->dates))
        __builtin_trap();
    for (size_t i = 1; i < s->ndates; i++)
        if (s->dates[i] <= s->dates[i - 1])
            __builtin_trap();
    for (size_t i = 0; i < s->ndates; i++) {
        int y = date_year(s->dates[i]);
        if (y < DEADLINE_YEAR_MIN - 1 || y > DEADLINE_YEAR_MAX)
            __builtin_trap();
    }
    if ((s->kind == DEADLINE_DATE && s->ndates != 1) ||
        (s->kind == DEADLINE_DATES && s->ndates < 2))
        __builtin_trap();
    if ((s->kind == DEADLINE_PER_ASSIGNEE) != (s->nassignees > 0) || (depth > 0 && s->nassignees))
        __builtin_trap();
    if (s->from != DATE_NONE && s->until != DATE_NONE && s->until < s->from &&
        s->kind != DEADLINE_RECURRING && s->kind != DEADLINE_CONTINUOUS)
        __builtin_trap();
    for (size_t i = 0; i < s->nassignees; i++) {
        if (!s->assignees[i].text)
            __builtin_trap();
        check_schedule(s->assignees[i].schedule, depth + 1);
    }
}

static void run(const char *text, size_t size, int year)
{
    deadline_schedule_t *s = NULL;
    err_t e;
    int rc = deadline_parse(text, size, year, &s, &e);
    if (rc != 0) {
        if (s || (rc != ERR_INVALID && rc != ERR_TOOLARGE))
            __builtin_trap();
        if (rc == ERR_INVALID && text_valid(text, size) && strcmp(e.code, "deadline.utf8") == 0)
            __builtin_trap();
        return;
    }
    if (!text_valid(text, size))
        __builtin_trap();
    check_schedule(s, 0);
    json_t *j = deadline_to_json(s); /* NULL would mean a string that is not valid UTF-8 */
    if (!j)
        __builtin_trap();
    char *dump = json_dumps(j, JSON_COMPACT);
    if (!dump)
        __builtin_trap();
    free(dump);
    json_decref(j);
    deadline_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    run(text, size, 2024);
    if (size < 64)
        run(text, size, 0);
    period_id_t id;
    if (period_parse_code(text, size, &id, NULL) == 0) {
        char code[PERIOD_CODE_MAX];
        period_t p;
        period_format_code(id, code);
        if (!code[0] || period_compute(id, NULL, NULL, NULL, &p, NULL) != 0)
            __builtin_trap();
    }
    return 0;
}
