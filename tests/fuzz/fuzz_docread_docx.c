/* fuzz_docread_docx - libFuzzer target for the DOCX reader (io/docread_docx,
 * docread_xml) and the plan parser behind it: any byte sequence gives a
 * document or a clear error (a "docread.*" code, a Vietnamese and an English
 * message), never a crash, a leak or a hang; a document that is read parses
 * to a plan or a "plan.*" error. Zip bombs are refused by the readers' caps
 * (DOCREAD_MAX_XML), so memory stays bounded. Seeds: small DOCX files built
 * from the plan variants (tests/fuzz/seeds/gen_seeds.c). */
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
    int rc = docread_docx(data, size, &d, &e);
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
