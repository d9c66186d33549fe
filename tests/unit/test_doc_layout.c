/* Tests of page-furniture detection (domain/doc_layout) and of the readers'
 * limits on large inputs: page numbers and running titles in plain text and
 * in paged (PDF) text, what must not be taken for furniture (a table's row
 * numbers, a plan title that the running title repeats, repeated table
 * cells), and a PDF of thousands of pages or a 50 MB text refused with a
 * clear message within fixed memory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/doc_layout.h"
#include "domain/planparse.h"
#include "io/docread.h"
#include "support/fixture_doc.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define MAXL 2000

typedef struct text {
    char *lines[MAXL];
    int page[MAXL];
    size_t n;
} text_t;

static void add(text_t *t, int page, const char *s)
{
    assert_true(t->n < MAXL);
    t->lines[t->n] = strdup(s);
    t->page[t->n++] = page;
}

static size_t detect(const text_t *t, bool *drop)
{
    doc_layout_line_t L[MAXL];
    for (size_t i = 0; i < t->n; i++)
        L[i] = (doc_layout_line_t){t->lines[i], strlen(t->lines[i]), t->page[i]};
    size_t dropped = 0;
    assert_int_equal(doc_layout_furniture(L, t->n, drop, &dropped), 0);
    return dropped;
}

static void release(text_t *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->lines[i]);
}

/* Pages of `per` body lines, the running title above each page after the
 * first and the number below each page; body(i) gives line i. */
static void pages(text_t *t, int npages, int per, bool paged, const char *(*body)(size_t))
{
    size_t k = 0;
    char num[16];
    for (int p = 1; p <= npages; p++) {
        if (p > 1)
            add(t, paged ? p : 0, "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024");
        for (int l = 0; l < per; l++)
            add(t, paged ? p : 0, body(k++));
        snprintf(num, sizeof num, "%d", p);
        add(t, paged ? p : 0, num);
    }
}

static const char *prose(size_t i)
{
    static char buf[96];
    snprintf(buf, sizeof buf, "Nội dung dòng %zu của kế hoạch được viết ở đây.", i);
    return buf;
}

static void plain_text_furniture(void **state)
{
    (void)state;
    text_t t = {0};
    add(&t, 0, "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024"); /* the plan's own title */
    pages(&t, 5, 30, false, prose);
    bool drop[MAXL];
    size_t n = detect(&t, drop);
    assert_int_equal(n, 4 + 5); /* four running titles, five numbers */
    assert_false(drop[0]);      /* the title where it is written stays */
    for (size_t i = 0; i < t.n; i++)
        if (strncmp(t.lines[i], "Nội dung", 10) == 0)
            assert_false(drop[i]);
    release(&t);
}

static void paged_furniture(void **state)
{
    (void)state;
    text_t t = {0};
    pages(&t, 4, 25, true, prose);
    bool drop[MAXL];
    assert_int_equal(detect(&t, drop), 3 + 4);
    release(&t);
}

/* Row numbers of a table flattened one cell per line: consecutive, but
 * every few lines - not page numbers. Repeated cells are not running
 * titles. */
static void table_numbers_are_not_pages(void **state)
{
    (void)state;
    text_t t = {0};
    char num[16];
    for (int r = 1; r <= 60; r++) {
        snprintf(num, sizeof num, "%d", r);
        add(&t, 0, num);
        add(&t, 0, "Rà soát, đơn giản hóa thủ tục hành chính.");
        add(&t, 0, "SỞ NỘI VỤ");
        add(&t, 0, "Các sở, ban, ngành tỉnh");
        add(&t, 0, r % 2 ? "Quý IV/2024" : "Thường xuyên");
    }
    bool drop[MAXL];
    assert_int_equal(detect(&t, drop), 0);
    release(&t);
    /* in a PDF, a row number at the top of a page far from the page's own
       number stays */
    text_t u = {0};
    add(&u, 1, "Trang đầu.");
    add(&u, 1, "1");
    add(&u, 2, "24");
    add(&u, 2, "Nhiệm vụ hai mươi bốn.");
    add(&u, 2, "2");
    assert_int_equal(detect(&u, drop), 2);
    assert_false(drop[2]);
    release(&u);
}

static void explicit_page_forms(void **state)
{
    (void)state;
    text_t t = {0};
    const char *forms[] = {"- 1 -", "Trang 2", "Trang 3/4", "4/4"};
    const char *body[] = {"Mục đích của kế hoạch.", "Yêu cầu đối với các cơ quan.",
                          "Nhiệm vụ cải cách thể chế.", "Tổ chức thực hiện."};
    for (int p = 0; p < 4; p++) {
        add(&t, 0, body[p]);
        add(&t, 0, forms[p]);
    }
    bool drop[MAXL];
    assert_int_equal(detect(&t, drop), 4);
    release(&t);
}

/* Two pages: their two numbers count when the second ends the text (the
 * single running title stays: it is not repeated); "1" and "2" in the
 * middle of a text are something else. */
static void two_pages(void **state)
{
    (void)state;
    text_t t = {0};
    pages(&t, 2, 20, false, prose);
    bool drop[MAXL];
    assert_int_equal(detect(&t, drop), 2);
    assert_true(drop[20] && drop[t.n - 1]);
    release(&t);
    text_t u = {0};
    for (int i = 0; i < 20; i++)
        add(&u, 0, prose((size_t)i));
    add(&u, 0, "1");
    for (int i = 0; i < 20; i++)
        add(&u, 0, prose((size_t)i + 20));
    add(&u, 0, "2");
    add(&u, 0, "Dòng cuối của văn bản.");
    assert_int_equal(detect(&u, drop), 0);
    release(&u);
}

static void layout_allocation_failures(void **state)
{
    (void)state;
    text_t t = {0};
    pages(&t, 3, 20, false, prose);
    doc_layout_line_t L[MAXL];
    for (size_t i = 0; i < t.n; i++)
        L[i] = (doc_layout_line_t){t.lines[i], strlen(t.lines[i]), 0};
    bool drop[MAXL];
    for (long n = 1; n < 200; n++) {
        mem_fail_after(n);
        int rc = doc_layout_furniture(L, t.n, drop, NULL);
        mem_fail_after(-1);
        if (rc == 0)
            break;
        assert_int_equal(rc, ERR_NOMEM);
    }
    release(&t);
}

/* ---- readers' limits ------------------------------------------------------------ */

static void pdf_of_thousands_of_pages(void **state)
{
    (void)state;
    size_t n = DOCREAD_MAX_PAGES + 1;
    const char **texts = calloc(n, sizeof *texts);
    for (size_t i = 0; i < n; i++)
        texts[i] = "Một trang.";
    char *dir = fxdoc_tmpdir();
    char *path = testdir_join(dir, "many.pdf");
    assert_int_equal(fxdoc_pdf_pages(path, texts, NULL, n), 0);
    doc_t *d = NULL;
    err_t e;
    assert_int_equal(docread_file(path, &d, &e), ERR_TOOLARGE);
    assert_string_equal(e.code, "docread.pdf_too_many_pages");
    assert_non_null(strstr(e.vi, "trang"));
    assert_null(d);
    free(path);
    free(texts);
    fxdoc_rmtree(dir);
}

static void text_of_fifty_megabytes(void **state)
{
    (void)state;
    size_t n = (size_t)50 << 20;
    char *big = malloc(n + 1);
    static const char line[] = "- Triển khai nhiệm vụ cải cách hành chính theo kế hoạch.\n";
    for (size_t i = 0; i < n; i += sizeof line - 1)
        memcpy(big + i, line, i + sizeof line - 1 <= n ? sizeof line - 1 : n - i);
    big[n] = '\0';
    doc_t *d = NULL;
    err_t e;
    assert_int_equal(docread_buffer(big, n, "big.txt", &d, &e), 0);
    free(big);
    planparse_plan_t *p = NULL;
    assert_int_equal(planparse_parse(d, NULL, &p, &e), ERR_TOOLARGE);
    assert_string_equal(e.code, "plan.too_large");
    assert_null(p);
    doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_text_furniture),
        cmocka_unit_test(paged_furniture),
        cmocka_unit_test(table_numbers_are_not_pages),
        cmocka_unit_test(explicit_page_forms),
        cmocka_unit_test(two_pages),
        cmocka_unit_test(layout_allocation_failures),
        cmocka_unit_test(pdf_of_thousands_of_pages),
        cmocka_unit_test(text_of_fifty_megabytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
