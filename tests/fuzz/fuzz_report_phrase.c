/* fuzz_report_phrase.c - libFuzzer target for the reporting-phrase reader
 * and the clause reader. Arbitrary bytes go to report_phrase_parse (invalid
 * UTF-8 must be refused with ERR_INVALID) and, split into lines, to
 * report_clause_from_paras; every rule produced must pass the calendar's
 * check. Invariant violations trap. Seeds: corpus/fuzz_report_phrase/. */
#include "base/mem.h"
#include "domain/report_clause.h"
#include "domain/report_phrase.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_phrase(const report_phrase_t *p)
{
    if (p->nitems > REPORT_PHRASE_ITEMS_MAX || p->unclear_off > p->unclear_end)
        __builtin_trap();
    for (size_t i = 0; i < p->nitems; i++) {
        const report_phrase_item_t *it = &p->items[i];
        if (it->kinds >> REPORT_KIND_COUNT)
            __builtin_trap();
        if (it->due.form == REPORT_PHRASE_DUE_DAY && (it->due.day < 1 || it->due.day > 31))
            __builtin_trap();
        for (int k = 0; k < REPORT_KIND_PERIODIC; k++) {
            period_due_t d;
            period_window_t w;
            date_t a, b, c;
            if (report_phrase_due_rule(it, (report_kind_t)k, &d) == 0 &&
                d.kind == PERIOD_DUE_DAY_OF_MONTH && (d.day < 1 || d.day > 31))
                __builtin_trap();
            if (report_phrase_window_rule(it, (report_kind_t)k, &w) == 0 &&
                (w.from_day < 1 || w.to_day < 1))
                __builtin_trap();
            report_phrase_item_dates(it, &a, &b, &c);
        }
    }
}

static void check_clauses(const report_clauses_t *r)
{
    for (size_t i = 0; i < r->nrules; i++)
        if (report_cal_rule_check(&r->rules[i].rule, NULL) != 0 ||
            r->rules[i].clause >= r->nclauses)
            __builtin_trap();
    for (size_t i = 0; i < r->noverrides; i++)
        if (report_cal_override_check(&r->overrides[i].override, NULL) != 0)
            __builtin_trap();
    for (size_t i = 0; i < r->nwarnings; i++)
        if (r->warnings[i].clause != REPORT_CLAUSE_NONE && r->warnings[i].clause >= r->nclauses)
            __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    report_phrase_t p;
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    int rc = report_phrase_parse(s, size, &p, NULL);
    if (rc == 0)
        check_phrase(&p);
    else if (rc != ERR_INVALID && rc != ERR_TOOLARGE)
        __builtin_trap();
    /* Lines as paragraphs (NUL bytes end a paragraph early: fine). */
    const char *paras[64];
    size_t n = 0;
    for (char *q = s; q && n < 64;) {
        paras[n++] = q;
        q = strchr(q, '\n');
        if (q)
            *q++ = '\0';
    }
    report_clauses_t *r = NULL;
    if (report_clause_from_paras(paras, NULL, n, "ISS", 2024, NULL, &r, NULL) == 0)
        check_clauses(r);
    report_clause_free(r);
    free(s);
    return 0;
}
