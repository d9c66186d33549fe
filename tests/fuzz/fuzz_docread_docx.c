/* fuzz_docread_docx - libFuzzer target for the DOCX reader (io/docread_docx,
 * docread_xml) and the plan parser behind it: any byte sequence gives a
 * document or a clear error (a "docread.*" code, a Vietnamese and an English
 * message), never a crash, a leak or a hang; a document that is read parses
 * to a plan or a "plan.*" error (fuzz_docread.h). Zip bombs are refused by the readers' caps
 * (DOCREAD_MAX_XML), so memory stays bounded. Seeds: small DOCX files built
 * from the plan variants (tests/fuzz/seeds/gen_seeds.c). */
#include "fuzz_docread.h"

#include <stdint.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_docread_run(docread_docx, data, size);
}
