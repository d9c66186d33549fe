/* Unit tests of src/io/csv: the streaming RFC 4180 reader. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/mem.h"
#include "base/csv.h"
#include "support/testdir.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Reads every record of r into "LINE:f1|f2|...\n" lines. Returns the
 * final csv_next status (0 at a clean end, negative on error). */
static int dump_reader(csv_reader_t *r, buf_t *out, err_t *e)
{
    char **f;
    size_t nf;
    int rc;
    while ((rc = csv_next(r, &f, &nf, e)) == 1) {
        assert_int_equal(buf_printf(out, "%d:", csv_line(r)), 0);
        for (size_t i = 0; i < nf; i++)
            assert_int_equal(buf_printf(out, "%s%s", i ? "|" : "", f[i]), 0);
        assert_int_equal(buf_putc(out, '\n'), 0);
    }
    return rc;
}

/* Parses data (n bytes) from memory and compares the dump with want.
 * Returns the final status so that error cases can check e. */
static int parse_n(const char *data, size_t n, const char *want, err_t *e)
{
    err_clear(e);
    csv_reader_t *r = csv_open_mem(data, n, e);
    assert_non_null(r);
    buf_t out = BUF_INIT(BUF_MAX_TEXT);
    int rc = dump_reader(r, &out, e);
    if (want)
        assert_string_equal(buf_cstr(&out), want);
    buf_release(&out);
    csv_close(r);
    return rc;
}

static int parse(const char *data, const char *want, err_t *e)
{
    return parse_n(data, strlen(data), want, e);
}

static void plain_records(void **state)
{
    (void)state;
    err_t e;
    assert_int_equal(parse("a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n", &e), 0);
    /* Last record without a line end. */
    assert_int_equal(parse("a,b\nc,d", "1:a|b\n2:c|d\n", &e), 0);
    /* Empty fields are kept, including trailing ones; spaces are data. */
    assert_int_equal(parse("a,,\n,\n x , y \n", "1:a||\n2:|\n3: x | y \n", &e), 0);
    /* Empty input and input made only of line ends give no record. */
    assert_int_equal(parse("", "", &e), 0);
    assert_int_equal(parse("\n\r\n\n", "", &e), 0);
}

static void quoted_fields(void **state)
{
    (void)state;
    err_t e;
    assert_int_equal(parse("\"a\",\"b\"\"c\",d\n", "1:a|b\"c|d\n", &e), 0);
    assert_int_equal(parse("\"\",x\n", "1:|x\n", &e), 0);
    assert_int_equal(parse("\"\"\"\"\n", "1:\"\n", &e), 0);
    /* Embedded separator, quotes and line ends. */
    assert_int_equal(
        parse("x,\"Sở A, Sở B\",\"say \"\"hi\"\"\"\n", "1:x|Sở A, Sở B|say \"hi\"\n", &e), 0);
    assert_int_equal(parse("\"line1\nline2\",z\n", "1:line1\nline2|z\n", &e), 0);
    /* A quoted field at the very end of input. */
    assert_int_equal(parse("a,\"b\"", "1:a|b\n", &e), 0);
    /* A quote inside an unquoted field is data (lenient, like most readers). */
    assert_int_equal(parse("5\" disk,x\n", "1:5\" disk|x\n", &e), 0);
}

static void crlf_line_ends(void **state)
{
    (void)state;
    err_t e;
    assert_int_equal(parse("a,b\r\nc,d\r\n", "1:a|b\n2:c|d\n", &e), 0);
    /* CRLF inside a quoted field is kept as is. */
    assert_int_equal(parse("\"x\r\ny\",1\r\nz,2\r\n", "1:x\r\ny|1\n3:z|2\n", &e), 0);
    /* A lone CR also ends a line (old Mac files). */
    assert_int_equal(parse("a\rb\r", "1:a\n2:b\n", &e), 0);
    /* Mixed line ends. */
    assert_int_equal(parse("a\r\nb\nc\r\n", "1:a\n2:b\n3:c\n", &e), 0);
}

static void bom_is_skipped(void **state)
{
    (void)state;
    err_t e;
    assert_int_equal(
        parse("\xEF\xBB\xBFMaDonVi,TenDonVi\nA,B\n", "1:MaDonVi|TenDonVi\n2:A|B\n", &e), 0);
    /* BOM then a quoted field. */
    assert_int_equal(parse("\xEF\xBB\xBF\"q\",x\n", "1:q|x\n", &e), 0);
    /* Only a BOM: no record. */
    assert_int_equal(parse("\xEF\xBB\xBF", "", &e), 0);
    /* A BOM is only skipped at the start; later it is data. */
    assert_int_equal(parse("a\n\xEF\xBB\xBF"
                           "b\n",
                           "1:a\n2:\xEF\xBB\xBF"
                           "b\n",
                           &e),
                     0);
}

static void multibyte_start_not_bom(void **state)
{
    (void)state;
    err_t e;
    /* U+FF01 FULLWIDTH EXCLAMATION MARK is EF BC 81: starts like a BOM. */
    assert_int_equal(parse("！,x\n", "1:！|x\n", &e), 0);
    assert_int_equal(parse("！", "1:！\n", &e), 0);
    /* U+FEFE-ish neighbours: EF BB BE is U+FEFE, not a BOM. */
    assert_int_equal(parse("\xEF\xBB\xBE,y\n", "1:\xEF\xBB\xBE|y\n", &e), 0);
    /* A truncated BOM is invalid UTF-8, reported on line 1. */
    assert_int_equal(parse("\xEF\xBB", NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.utf8");
    assert_non_null(strstr(e.en, "input:1:"));
    assert_int_equal(parse("\xEF", NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.utf8");
}

static void blank_lines_skipped_and_counted(void **state)
{
    (void)state;
    err_t e;
    assert_int_equal(parse("\n\na,b\n\n\r\nc\n\n", "3:a|b\n6:c\n", &e), 0);
    /* A line with only a separator is not blank: two empty fields. */
    assert_int_equal(parse("\n,\n", "2:|\n", &e), 0);
}

static void line_numbers_of_spanning_records(void **state)
{
    (void)state;
    err_t e;
    const char *in = "h1,h2\n"
                     "1,\"two\nlines\"\n"
                     "2,\"three\n\nlines\"\n"
                     "\n"
                     "3,x\n";
    assert_int_equal(parse(in, "1:h1|h2\n2:1|two\nlines\n4:2|three\n\nlines\n8:3|x\n", &e), 0);
}

static void unterminated_quote_names_line(void **state)
{
    (void)state;
    err_t e;
    /* The first record is returned, then the error names the line where the
     * open quote starts (not the end of the file). */
    csv_reader_t *r = csv_open_mem("a,b\nc,\"open\nmore\nstill more\n", 28, &e);
    assert_non_null(r);
    char **f;
    size_t nf;
    assert_int_equal(csv_next(r, &f, &nf, &e), 1);
    assert_int_equal(nf, 2);
    assert_int_equal(csv_next(r, &f, &nf, &e), ERR_INVALID);
    assert_int_equal(e.status, ERR_INVALID);
    assert_string_equal(e.code, "csv.quote");
    assert_non_null(strstr(e.en, "input:2:"));
    assert_non_null(strstr(e.en, "unterminated"));
    assert_non_null(strstr(e.vi, "input:2:"));
    assert_non_null(strstr(e.vi, "ngoặc kép"));
    csv_close(r);
}

static void stray_character_after_closing_quote(void **state)
{
    (void)state;
    err_t e;
    assert_int_equal(parse("ok,1\n\"ab\"c,d\n", "1:ok|1\n", &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.quote");
    assert_non_null(strstr(e.en, "input:2:"));
    assert_non_null(strstr(e.en, "after closing quote"));
    /* A space after the closing quote is also stray. */
    assert_int_equal(parse("\"ab\" ,d\n", "", &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.quote");
    assert_non_null(strstr(e.en, "input:1:"));
}

static void invalid_utf8_names_line(void **state)
{
    (void)state;
    err_t e;
    assert_int_equal(parse("ok,1\nbad\xff,x\n", "1:ok|1\n", &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.utf8");
    assert_non_null(strstr(e.en, "input:2:"));
    assert_non_null(strstr(e.vi, "input:2:"));
    /* Overlong encoding of '/', in the second field of a record starting on
     * line 1 and spanning two lines: the record's first line is named. */
    assert_int_equal(parse("x,\"a\nb\xC0\xAF\"\n", "", &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.utf8");
    assert_non_null(strstr(e.en, "input:1:"));
    /* A surrogate code point encoded in UTF-8 (CESU) is invalid too. */
    assert_int_equal(parse("\xED\xA0\x80\n", "", &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.utf8");
}

/* A NUL byte would cut a field short: it is an error with the line, in a
 * plain field, a quoted one, the last field and a record without a newline
 * (issue 16 items 12 and 13). */
static void nul_byte_names_line(void **state)
{
    (void)state;
    err_t e;
    static const char a[] = "ok,1\nSNV,S\0x,so\n";
    assert_int_equal(parse_n(a, sizeof a - 1, "1:ok|1\n", &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.nul");
    assert_non_null(strstr(e.en, "input:2:"));
    assert_non_null(strstr(e.vi, "input:2:"));
    static const char b[] = "ok\n\"q\0\",2\n";
    assert_int_equal(parse_n(b, sizeof b - 1, "1:ok\n", &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.nul");
    static const char c[] = "a,b\0";
    assert_int_equal(parse_n(c, sizeof c - 1, "", &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.nul");
    static const char d[] = "\0\n";
    assert_int_equal(parse_n(d, sizeof d - 1, "", &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.nul");
    /* empty fields are not mistaken for NULs */
    assert_int_equal(parse(",,\n,x,\n", "1:||\n2:|x|\n", &e), 0);
}

static void too_many_fields(void **state)
{
    (void)state;
    err_t e;
    buf_t b = BUF_INIT(BUF_MAX_TEXT);
    for (int i = 0; i < 256; i++)
        assert_int_equal(buf_printf(&b, "%sf%d", i ? "," : "", i), 0);
    assert_int_equal(buf_putc(&b, '\n'), 0);
    /* 256 fields is the maximum: accepted. */
    csv_reader_t *r = csv_open_mem(b.data, b.len, &e);
    char **f;
    size_t nf;
    assert_int_equal(csv_next(r, &f, &nf, &e), 1);
    assert_int_equal(nf, 256);
    assert_string_equal(f[0], "f0");
    assert_string_equal(f[255], "f255");
    csv_close(r);
    /* 257 on line 2 is an error naming the line. */
    buf_t c = BUF_INIT(BUF_MAX_TEXT);
    assert_int_equal(buf_puts(&c, "a\n"), 0);
    assert_int_equal(buf_append(&c, b.data, b.len - 1), 0);
    assert_int_equal(buf_puts(&c, ",extra\n"), 0);
    r = csv_open_mem(c.data, c.len, &e);
    assert_int_equal(csv_next(r, &f, &nf, &e), 1);
    assert_int_equal(csv_next(r, &f, &nf, &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.too_many_fields");
    assert_non_null(strstr(e.en, "input:2:"));
    csv_close(r);
    buf_release(&b);
    buf_release(&c);
}

static void record_too_long(void **state)
{
    (void)state;
    err_t e;
    size_t n = (1u << 20) + 10;
    char *big = malloc(n + 8);
    assert_non_null(big);
    memcpy(big, "a\n", 2);
    memset(big + 2, 'x', n);
    big[n + 2] = '\n';
    csv_reader_t *r = csv_open_mem(big, n + 3, &e);
    char **f;
    size_t nf;
    assert_int_equal(csv_next(r, &f, &nf, &e), 1);
    assert_int_equal(csv_next(r, &f, &nf, &e), ERR_INVALID);
    assert_string_equal(e.code, "csv.too_long");
    assert_non_null(strstr(e.en, "input:2:"));
    csv_close(r);
    free(big);
}

static void offset_and_name(void **state)
{
    (void)state;
    err_t e;
    const char *in = "\xEF\xBB\xBF"
                     "ab,c\nd\n";
    csv_reader_t *r = csv_open_mem(in, strlen(in), &e);
    assert_string_equal(csv_name(r), "input");
    assert_int_equal(csv_offset(r), 0);
    char **f;
    size_t nf;
    assert_int_equal(csv_next(r, &f, &nf, &e), 1);
    assert_int_equal(csv_offset(r), 8);
    assert_int_equal(csv_next(r, &f, &nf, &e), 1);
    assert_int_equal(csv_next(r, &f, &nf, &e), 0);
    assert_int_equal(csv_offset(r), strlen(in));
    /* End of input is sticky. */
    assert_int_equal(csv_next(r, &f, &nf, &e), 0);
    csv_close(r);
    csv_close(NULL);
}

/* A scratch directory per test, removed even when the test fails. */
static int make_dir(void **state)
{
    *state = testdir_new();
    return 0;
}

static int remove_dir(void **state)
{
    testdir_remove(*state);
    return 0;
}

static void reads_a_file(void **state)
{
    const char *dir = *state;
    const char content[] = "\xEF\xBB\xBFMaDonVi,TenDonVi\r\n"
                           "SNV,\"Sở Nội vụ\"\r\n"
                           "\r\n"
                           "STT,\"Sở Thông tin\r\nvà Truyền thông\"\r\n"
                           "X,\"unterminated\r\n";
    char *path = testdir_join(dir, "units.csv");
    testdir_write(path, content, sizeof content - 1);
    err_t e;
    csv_reader_t *r = csv_open_file(path, &e);
    assert_non_null(r);
    assert_string_equal(csv_name(r), path);
    buf_t out = BUF_INIT(BUF_MAX_TEXT);
    assert_int_equal(dump_reader(r, &out, &e), ERR_INVALID);
    assert_string_equal(buf_cstr(&out), "1:MaDonVi|TenDonVi\n2:SNV|Sở Nội vụ\n"
                                        "4:STT|Sở Thông tin\r\nvà Truyền thông\n");
    assert_string_equal(e.code, "csv.quote");
    char want[512];
    snprintf(want, sizeof want, "%s:6:", path);
    assert_non_null(strstr(e.en, want));
    assert_non_null(strstr(e.vi, want));
    buf_release(&out);
    csv_close(r);

    /* A missing file. */
    char *missing = testdir_join(dir, "nope.csv");
    err_clear(&e);
    assert_null(csv_open_file(missing, &e));
    assert_int_equal(e.status, ERR_IO);
    assert_string_equal(e.code, "file.open");
    assert_non_null(strstr(e.en, "nope.csv"));
    free(missing);
    free(path);
}

static void memory_input_is_borrowed_not_nul_terminated(void **state)
{
    (void)state;
    err_t e;
    /* Only the first n bytes count: no reliance on a terminating NUL. */
    const char data[] = "a,b\nc,d\nIGNORED";
    assert_int_equal(parse_n(data, 8, "1:a|b\n2:c|d\n", &e), 0);
}

static void allocation_failures_report_nomem(void **state)
{
    (void)state;
    err_t e;
    mem_fail_after(1);
    assert_null(csv_open_mem("a", 1, &e));
    mem_fail_after(-1);
    assert_int_equal(e.status, ERR_NOMEM);
    /* A failure while growing the record buffer is out of memory, not a
     * "record too long" complaint about the data. */
    for (long n = 1; n < 20; n++) {
        csv_reader_t *r = csv_open_mem("abc,def\n", 8, &e);
        assert_non_null(r);
        char **f;
        size_t nf;
        err_clear(&e);
        mem_fail_after(n);
        int rc = csv_next(r, &f, &nf, &e);
        mem_fail_after(-1);
        csv_close(r);
        if (rc == 1)
            break;
        assert_int_equal(rc, ERR_NOMEM);
        assert_int_equal(e.status, ERR_NOMEM);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_records),
        cmocka_unit_test(quoted_fields),
        cmocka_unit_test(crlf_line_ends),
        cmocka_unit_test(bom_is_skipped),
        cmocka_unit_test(multibyte_start_not_bom),
        cmocka_unit_test(blank_lines_skipped_and_counted),
        cmocka_unit_test(line_numbers_of_spanning_records),
        cmocka_unit_test(unterminated_quote_names_line),
        cmocka_unit_test(stray_character_after_closing_quote),
        cmocka_unit_test(invalid_utf8_names_line),
        cmocka_unit_test(nul_byte_names_line),
        cmocka_unit_test(too_many_fields),
        cmocka_unit_test(record_too_long),
        cmocka_unit_test(offset_and_name),
        cmocka_unit_test_setup_teardown(reads_a_file, make_dir, remove_dir),
        cmocka_unit_test(memory_input_is_borrowed_not_nul_terminated),
        cmocka_unit_test(allocation_failures_report_nomem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
