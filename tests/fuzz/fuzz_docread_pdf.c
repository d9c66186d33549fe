/* fuzz_docread_pdf - libFuzzer target for the PDF reader (io/docread_pdf,
 * poppler) and the plan parser behind it: any byte sequence gives a
 * document or a clear error (a "docread.*" code, a Vietnamese and an English
 * message), never a crash, a leak or a hang; a document that is read parses
 * to a plan or a "plan.*" error (fuzz_docread.h). A PDF of thousands of pages or of too
 * much text is refused (DOCREAD_MAX_PAGES, DOCREAD_MAX_TEXT), so memory
 * stays bounded. Seeds: small PDFs drawn from the plan variants, with
 * running titles and page numbers (tests/fuzz/seeds/gen_seeds.c). */
#include "fuzz_docread.h"

#include <stdint.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_docread_run(docread_pdf, data, size);
}
