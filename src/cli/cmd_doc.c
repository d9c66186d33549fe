/* cmd_doc.c - `cchc doc dump FILE [--json]`: shows how cchc reads an
 * official's plan file (paragraphs and tables), a debugging aid. */
#include "cli/cmd.h"

#include "domain/doc.h"
#include "io/docread.h"

#include <string.h>

#include "base/banned.h"

static const char usage_text[] =
    "Cách dùng / usage: cchc doc dump FILE [--json]\n"
    "\n"
    "  Đọc tệp kế hoạch (Word .docx, PDF có lớp văn bản, văn bản UTF-8/UTF-16) và in\n"
    "  mô hình tài liệu: các đoạn văn và bảng, kèm vị trí (dòng/trang) và gợi ý định\n"
    "  dạng (đậm, tiêu đề, căn giữa, danh sách).\n"
    "  Reads a plan file (Word .docx, PDF with a text layer, UTF-8/UTF-16 text) and\n"
    "  prints its document model: paragraphs and tables, with positions (line/page)\n"
    "  and style hints (bold, heading, centred, list).\n"
    "\n"
    "  --json   in dạng JSON / print as JSON\n"
    "\n"
    "Ký hiệu / legend: P đoạn văn/paragraph, T bảng/table, R dòng bảng/row,\n"
    "  ⏎ xuống dòng trong ô/line break in a cell, ↑ ô gộp dọc/vertically merged cell,\n"
    "  ⟷N ô gộp N cột/cell spanning N columns.\n";

static void put_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            fputs(" ⏎ ", stdout);
        else
            putchar(s[i]);
    }
}

static void put_pos(doc_pos_t pos)
{
    if (pos.page && pos.line)
        printf(" [trang/page %d, dòng/line %d]", pos.page, pos.line);
    else if (pos.page)
        printf(" [trang/page %d]", pos.page);
    else if (pos.line)
        printf(" [dòng/line %d]", pos.line);
}

static void put_style(const doc_style_t *s)
{
    static const char *aligns[] = {"", "left", "center", "right", "justify"};
    char hints[160] = "";
    size_t n = 0;
#define HINT(...)                                                                                  \
    n += (size_t)snprintf(hints + n, n < sizeof hints ? sizeof hints - n : 0, __VA_ARGS__)
    if (s->heading)
        HINT(" h%d", s->heading);
    if (s->outline)
        HINT(" outline%d", s->outline);
    if (s->list_level)
        HINT(" list%d", s->list_level);
    if (s->bold)
        HINT(" bold");
    if (s->align > 0 && s->align <= DOC_ALIGN_JUSTIFY)
        HINT(" %s", aligns[s->align]);
    if (s->style_id)
        HINT(" style=%s", s->style_id);
#undef HINT
    if (hints[0])
        printf(" {%s}", hints + 1);
}

static void dump_table(const doc_block_t *b)
{
    printf("T");
    put_pos(b->pos);
    printf(" %zu dòng/rows × %d cột/columns\n", b->nrows, b->ncols);
    for (size_t r = 0; r < b->nrows; r++) {
        const doc_row_t *row = &b->rows[r];
        printf("  R%zu", r + 1);
        put_pos(row->pos);
        printf(":");
        for (size_t c = 0; c < row->ncells; c++) {
            const doc_cell_t *cell = &row->cells[c];
            fputs(c ? " │ " : " ", stdout);
            if (cell->vmerged)
                fputs("↑", stdout);
            if (cell->span > 1)
                printf("⟷%d ", cell->span);
            put_text(cell->text, cell->len);
        }
        putchar('\n');
    }
}

static void dump_plain(const char *path, const doc_t *d)
{
    printf("# %s: %s, %zu khối/blocks\n", path, doc_format_name(doc_format(d)), doc_count(d));
    for (size_t i = 0; i < doc_count(d); i++) {
        const doc_block_t *b = doc_block(d, i);
        if (b->kind == DOC_TABLE) {
            dump_table(b);
            continue;
        }
        printf("P");
        put_pos(b->pos);
        put_style(&b->style);
        putchar(' ');
        put_text(b->text, b->len);
        putchar('\n');
    }
}

int cmd_doc(cli_ctx_t *ctx, int argc, char **argv)
{
    (void)ctx;
    if (cli_wants_help(argc, argv)) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (argc < 2) {
        fputs(usage_text, stderr);
        return 2;
    }
    if (strcmp(argv[1], "dump") != 0)
        return cli_usage_error("doc", "lệnh con không rõ (chỉ có: dump)",
                               "unknown subcommand (only: dump)");
    const char *path = NULL;
    bool json = false;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = true;
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("doc", "tùy chọn không rõ", "unknown option");
        else if (path)
            return cli_usage_error("doc", "chỉ nhận một tệp", "exactly one file expected");
        else
            path = argv[i];
    }
    if (!path)
        return cli_usage_error("doc", "thiếu tên tệp", "missing file name");
    doc_t *d = NULL;
    err_t e;
    err_clear(&e);
    if (docread_file(path, &d, &e))
        return cli_error(&e);
    int rc = 0;
    if (json) {
        json_t *j = doc_to_json(d);
        if (!j) {
            err_nomem(&e);
            rc = cli_error(&e);
        } else {
            rc = cli_print_json(j);
            json_decref(j);
        }
    } else {
        dump_plain(path, d);
    }
    doc_free(d);
    return rc;
}
