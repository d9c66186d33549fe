/* fuzz_docread_pdf - libFuzzer target for the PDF reader (io/docread_pdf,
 * poppler) and the plan parser behind it: any byte sequence gives a
 * document or a clear error (a "docread.*" code, a Vietnamese and an English
 * message), never a crash, a leak or a hang; a document that is read parses
 * to a plan or a "plan.*" error. A PDF of thousands of pages or of too
 * much text is refused (DOCREAD_MAX_PAGES, DOCREAD_MAX_TEXT), so memory
 * stays bounded. Seeds: small PDFs drawn from the plan variants, with
 * running titles and page numbers (tests/fuzz/seeds/gen_seeds.c). */
#include "domain/planparse.h"
#include "io/docread.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_error(const err_t *e, const char *prefix)
{
    if (!e->code[0] || !e->vi[0] || !e->en[0] ||
        (strncmp(e->code, prefix, strlen(prefix)) != 0 && strcmp(e->code, "no_memory") != 0))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    doc_t *d = NULL;
    err_t e;
    int rc = docread_pdf(data, size, &d, &e);
    if (rc != 0) {
        if (d || rc > 0)
            __builtin_trap();
        check_error(&e, "doc"); /* "docread.*", "doc.*" */
        return 0;
    }
    planparse_plan_t *p = NULL;
    rc = planparse_parse(d, NULL, &p, &e);
    if (rc != 0) {
        if (p)
            __builtin_trap();
        check_error(&e, "plan.");
    }
    for (size_t i = 0; p && i < p->ntasks; i++)
        if (!p->tasks[i].no || !p->tasks[i].title)
            __builtin_trap();
    planparse_plan_free(p);
    doc_free(d);
    return 0;
}
