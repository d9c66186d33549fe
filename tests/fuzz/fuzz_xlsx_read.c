/* fuzz_xlsx_read - libFuzzer target for the streaming XLSX reader
 * (io/xlsx_read): any bytes as a workbook, every sheet read to the end.
 * No crash, no leak, bounded work (small limits), and the row/cell
 * invariants hold. Seeds: tests/fuzz/corpus/fuzz_xlsx_read (workbooks
 * from libxlsxwriter and hand-made packages). */
#include "io/xlsx_read.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_sheet(xlsx_t *x, size_t i)
{
    xlsx_sheet_t *s = NULL;
    err_t e;
    if (xlsx_read_sheet_open(x, i, &s, &e) != 0)
        return;
    const xlsx_row_t *r = NULL;
    while (xlsx_read_sheet_next(s, &r, &e) == 1) {
        if (r->ncells > 64)
            __builtin_trap();
        for (size_t c = 0; c < r->ncells; c++) {
            const xlsx_cell_t *cell = &r->cells[c];
            if (!cell->text || strlen(cell->text) != cell->len || cell->len > 4096 ||
                cell->type < XLSX_EMPTY || cell->type > XLSX_ERROR)
                __builtin_trap();
        }
    }
    xlsx_read_sheet_close(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xlsx_limits_t lim;
    xlsx_read_limits_default(&lim);
    lim.max_part = (size_t)4 << 20;
    lim.max_rows = 5000;
    lim.max_cols = 64;
    lim.max_cell = 4096;
    xlsx_t *x = NULL;
    err_t e;
    if (xlsx_read_open_buffer(data, size, &lim, &x, &e) != 0)
        return 0;
    size_t n = xlsx_read_sheet_count(x);
    for (size_t i = 0; i < n && i < 8; i++) {
        if (!xlsx_read_sheet_name(x, i))
            __builtin_trap();
        read_sheet(x, i);
    }
    xlsx_read_close(x);
    return 0;
}
