/* fuzz_doc_text - libFuzzer target for doc_from_text (the plain-text form of
 * a plan): no crash, no leak, and the model's text invariants hold. */
#include "base/mem.h"
#include "base/text.h"
#include "domain/doc.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s, size_t n, int allow_empty)
{
    if (strlen(s) != n || !text_valid(s, n) || (!allow_empty && n == 0))
        __builtin_trap();
    if (n && (s[0] == ' ' || s[n - 1] == ' ' || s[0] == '\n' || s[n - 1] == '\n'))
        __builtin_trap();
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') || s[i] == 0x7F)
            __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    doc_t *d = NULL;
    err_t e;
    if (doc_from_text((const char *)data, size, &d, &e) != 0)
        return 0;
    int last_line = 0;
    for (size_t i = 0; i < doc_count(d); i++) {
        const doc_block_t *b = doc_block(d, i);
        if (b->pos.line < last_line || b->pos.line < 1)
            __builtin_trap();
        last_line = b->pos.line;
        if (b->kind == DOC_PARA) {
            check_text(b->text, b->len, 0);
            continue;
        }
        for (size_t r = 0; r < b->nrows; r++) {
            const doc_row_t *row = &b->rows[r];
            for (size_t c = 0; c < row->ncells; c++) {
                const doc_cell_t *cell = &row->cells[c];
                check_text(cell->text, cell->len, 1);
                if (cell->span < 1 || cell->col + cell->span > b->ncols)
                    __builtin_trap();
            }
        }
    }
    char *t = doc_text(d);
    json_t *j = doc_to_json(d);
    if (!t || !j)
        __builtin_trap();
    mem_free(t);
    json_decref(j);
    doc_free(d);
    return 0;
}
