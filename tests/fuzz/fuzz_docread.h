/* fuzz_docread.h - the body shared by the libFuzzer targets of the document
 * readers (fuzz_docread_docx, fuzz_docread_pdf): any byte sequence gives a
 * document or a clear error (a "docread.*" or "doc.*" code, a Vietnamese
 * and an English message), never a crash, a leak or a hang; a document that
 * is read parses to a plan or a "plan.*" error, and every task has a number
 * and a title. Invariant violations trap. Included by one target each
 * (static functions). */
#ifndef CCHC_FUZZ_DOCREAD_H
#define CCHC_FUZZ_DOCREAD_H

#include "domain/planparse.h"
#include "io/docread.h"

#include <stdint.h>
#include <string.h>

typedef int (*fuzz_docread_reader_t)(const void *data, size_t n, doc_t **out, err_t *e);

static void fuzz_docread_check_error(const err_t *e, const char *prefix)
{
    if (!e->code[0] || !e->vi[0] || !e->en[0] ||
        (strncmp(e->code, prefix, strlen(prefix)) != 0 && strcmp(e->code, "no_memory") != 0))
        __builtin_trap();
}

/* Reads data with reader, then parses the document as a plan. */
static int fuzz_docread_run(fuzz_docread_reader_t reader, const uint8_t *data, size_t size)
{
    doc_t *d = NULL;
    err_t e;
    int rc = reader(data, size, &d, &e);
    if (rc != 0) {
        if (d || rc > 0)
            __builtin_trap();
        fuzz_docread_check_error(&e, "doc"); /* "docread.*", "doc.*" */
        return 0;
    }
    planparse_plan_t *p = NULL;
    rc = planparse_parse(d, NULL, &p, &e);
    if (rc != 0) {
        if (p)
            __builtin_trap();
        fuzz_docread_check_error(&e, "plan.");
    }
    for (size_t i = 0; p && i < p->ntasks; i++)
        if (!p->tasks[i].no || !p->tasks[i].title)
            __builtin_trap();
    planparse_plan_free(p);
    doc_free(d);
    return 0;
}

#endif
