/* Variant tests of the plan parser: the three shared plans (copies in
 * data/plans/) as they really arrive - text layers of PDFs with a running
 * title and page numbers, re-wrapped lines, tables cut by page breaks with
 * the header repeated (one cell per line, '|'-terminated cells, Markdown,
 * Word tab rows), the appendix rewritten as prose, the plan pasted as one
 * paragraph, a DOCX whose table is cut in two, real PDFs with running
 * titles and page numbers - must give the same tasks and targets (titles,
 * areas, leads, coordinating units, products, deadlines; indicators,
 * comparators, values, units) as the clean document. The variants are
 * generated from the clean document (tests/support/plan_variants.c); no
 * expected value is written here.
 *
 * Where a variant loses information the clean text has, the comparison says
 * so explicitly (see `relax`): pasted as one paragraph, the boundary between
 * a numbered heading and the paragraph after it, and between unnumbered
 * paragraphs, is gone. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/planparse.h"
#include "io/docread.h"
#include "support/fixture_doc.h"
#include "support/plan_variants.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define P001 "001_74e5bd43d5376be8.txt"
#define P002 "002_f2f413426d7afbab.txt"
#define P004 "004_9a23d4ea0e0477f2.txt"

typedef struct relax {
    bool skip_tasks;   /* only the targets are comparable */
    bool title_prefix; /* a variant title may go on after the clean one */
    bool split;        /* hard-wrapped: a paragraph whose sentence ends exactly at a line's
                          end may come out as two tasks (their titles joined give the clean
                          one); counted and printed */
} relax_t;

static planparse_plan_t *parse_doc(const doc_t *d, const char *what)
{
    planparse_plan_t *p = NULL;
    err_t e;
    if (planparse_parse(d, NULL, &p, &e))
        fail_msg("%s: %s (%s)", what, e.en, e.code);
    return p;
}

static planparse_plan_t *parse_text(const char *text, const char *what)
{
    doc_t *d = NULL;
    err_t e;
    if (doc_from_text(text, strlen(text), &d, &e))
        fail_msg("%s: %s", what, e.en);
    planparse_plan_t *p = parse_doc(d, what);
    doc_free(d);
    return p;
}

/* Collapsed white space, trailing punctuation trimmed (a prose appendix
 * ends a title with a period the table cell did not have). */
static void norm(const char *s, char *out, size_t cap)
{
    size_t w = 0;
    for (; s && *s && w + 1 < cap; s++) {
        if (*s == ' ' && (w == 0 || out[w - 1] == ' '))
            continue;
        out[w++] = *s;
    }
    while (w && strchr(" .;:", out[w - 1]))
        w--;
    out[w] = '\0';
}

static void parties(const planparse_party_t *v, size_t n, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        strncat(out, i ? "|" : "", cap - strlen(out) - 1);
        strncat(out, v[i].text, cap - strlen(out) - 1);
    }
}

static void same_text(const char *what, const char *field, const char *no, const char *want,
                      const char *got, bool prefix)
{
    static char a[8192], b[8192];
    norm(want, a, sizeof a);
    norm(got, b, sizeof b);
    bool ok = prefix ? strncmp(a, b, strlen(a)) == 0 : strcmp(a, b) == 0;
    if (!ok)
        fail_msg("%s: task %s %s:\n  clean:   '%s'\n  variant: '%s'", what, no, field, a, b);
}

static void same_task(const char *what, const planparse_task_t *w, const planparse_task_t *g,
                      relax_t rx)
{
    same_text(what, "title", w->no, w->title, g->title, rx.title_prefix);
    if (w->area != g->area)
        fail_msg("%s: task %s area %s, variant %s", what, w->no, planparse_area_code(w->area),
                 planparse_area_code(g->area));
    char a[2048], b[2048];
    parties(w->lead, w->nlead, a, sizeof a);
    parties(g->lead, g->nlead, b, sizeof b);
    same_text(what, "lead", w->no, a, b, false);
    parties(w->support, w->nsupport, a, sizeof a);
    parties(g->support, g->nsupport, b, sizeof b);
    same_text(what, "support", w->no, a, b, false);
    same_text(what, "product", w->no, w->product, g->product, false);
    same_text(what, "deadline", w->no, w->deadline_text, g->deadline_text, false);
}

/* Whether variant tasks g[j], g[j+1] are clean task w cut after a
 * sentence: the same item, the titles joined give w's. */
static bool split_pair(const planparse_task_t *w, const planparse_task_t *g, size_t left)
{
    if (left < 2)
        return false;
    static char a[8192], b[8192];
    norm(w->title, a, sizeof a);
    snprintf(b, sizeof b, "%s %s", g[0].title, g[1].title);
    char c[8192];
    norm(b, c, sizeof c);
    return strcmp(a, c) == 0 && g[0].area == w->area && g[1].area == w->area;
}

/* The variant gives the clean document's tasks and targets. */
static void expect_same(const char *what, const planparse_plan_t *w, const planparse_plan_t *g,
                        relax_t rx)
{
    size_t splits = 0;
    if (!rx.skip_tasks) {
        size_t j = 0;
        for (size_t i = 0; i < w->ntasks; i++, j++) {
            if (j >= g->ntasks)
                fail_msg("%s: %zu tasks, the clean document has %zu", what, g->ntasks, w->ntasks);
            if (rx.split && split_pair(&w->tasks[i], &g->tasks[j], g->ntasks - j)) {
                splits++;
                j++;
                continue;
            }
            same_task(what, &w->tasks[i], &g->tasks[j], rx);
        }
        if (j != g->ntasks)
            fail_msg("%s: %zu tasks, the clean document has %zu", what, g->ntasks, w->ntasks);
    }
    if (w->ntargets != g->ntargets)
        fail_msg("%s: %zu targets, the clean document has %zu", what, g->ntargets, w->ntargets);
    for (size_t i = 0; i < w->ntargets; i++) {
        const planparse_target_t *a = &w->targets[i], *b = &g->targets[i];
        if (a->area != b->area || strcmp(a->indicator, b->indicator) || a->op != b->op ||
            a->value != b->value || a->value_max != b->value_max || strcmp(a->unit, b->unit))
            fail_msg("%s: target %zu: clean %s %s %s %g%s, variant %s %s %s %g%s ('%s')", what, i,
                     planparse_area_code(a->area), a->indicator, planparse_op_code(a->op), a->value,
                     a->unit, planparse_area_code(b->area), b->indicator, planparse_op_code(b->op),
                     b->value, b->unit, b->text);
    }
    if (splits)
        print_message("  %-34s %3zu tasks %2zu targets: same (%zu paragraph(s) cut after a "
                      "sentence ending a line)\n",
                      what, w->ntasks, g->ntargets, splits);
    else
        print_message("  %-34s %3zu tasks %2zu targets: same\n", what,
                      rx.skip_tasks ? (size_t)0 : g->ntasks, g->ntargets);
}

/* The clean document: a shared plan, optionally cut before its appendix
 * (PHỤ LỤC) to read its narrative instead. */
static doc_t *clean_doc(const char *name, bool narrative_only)
{
    doc_t *d = NULL;
    if (fxdoc_load_plan(name, &d))
        skip();
    if (!narrative_only)
        return d;
    doc_free(d);
    char path[1024], *text = NULL;
    size_t n = 0;
    snprintf(path, sizeof path, "%s/data/plans/%s", testdir_root(), name);
    assert_int_equal(fxdoc_read(path, &text, &n), 0);
    char *cut = strstr(text, "\nPHỤ LỤC\n");
    assert_non_null(cut);
    cut[1] = '\0';
    err_t e;
    assert_int_equal(doc_from_text(text, strlen(text), &d, &e), 0);
    free(text);
    return d;
}

/* Every text variant of one plan. */
static void text_variants(const char *name, bool narrative_only, relax_t one_paragraph)
{
    doc_t *d = clean_doc(name, narrative_only);
    planparse_plan_t *clean = parse_doc(d, name);
    assert_true(clean->ntasks + clean->ntargets > 0);
    for (int k = 0; k < PV_COUNT; k++) {
        char *text = pv_text(d, clean, (pv_kind_t)k);
        if (!text)
            continue; /* does not apply: prose without an appendix table */
        char what[96];
        snprintf(what, sizeof what, "%.3s%s %s", name, narrative_only ? "n" : "",
                 pv_name((pv_kind_t)k));
        planparse_plan_t *p = parse_text(text, what);
        relax_t rx = k == PV_ONE_PARAGRAPH ? one_paragraph : (relax_t){false, false, false};
        rx.split = k == PV_WRAP || k == PV_WRAP_FURNITURE;
        expect_same(what, clean, p, rx);
        if (k == PV_FURNITURE || k == PV_WRAP_FURNITURE) { /* furniture is reported */
            bool said = false;
            for (size_t i = 0; i < p->nwarnings; i++)
                said |= strcmp(p->warnings[i].err.code, "plan.furniture") == 0;
            assert_true(said);
        }
        planparse_plan_free(p);
        free(text);
    }
    planparse_plan_free(clean);
    doc_free(d);
}

static void variants_001(void **state)
{
    (void)state;
    /* unnumbered task paragraphs cannot be told apart in one paragraph */
    text_variants(P001, false, (relax_t){true, false, false});
}

static void variants_002(void **state)
{
    (void)state;
    /* the appendix table in one paragraph has lost its cells: read as the
       narrative below */
    doc_t *d = clean_doc(P002, false);
    planparse_plan_t *clean = parse_doc(d, P002);
    assert_int_equal(clean->task_source, PLANPARSE_SRC_TABLE);
    for (int k = 0; k < PV_COUNT; k++) {
        if (k == PV_ONE_PARAGRAPH)
            continue;
        char *text = pv_text(d, clean, (pv_kind_t)k);
        assert_non_null(text);
        char what[96];
        snprintf(what, sizeof what, "002 %s", pv_name((pv_kind_t)k));
        planparse_plan_t *p = parse_text(text, what);
        expect_same(what, clean, p, (relax_t){false, false, false});
        planparse_plan_free(p);
        free(text);
    }
    planparse_plan_free(clean);
    doc_free(d);
}

static void variants_002_narrative(void **state)
{
    (void)state;
    text_variants(P002, true, (relax_t){false, false, false});
}

static void variants_004(void **state)
{
    (void)state;
    /* in one paragraph, "3. Khắc phục … đất đai" runs into the paragraph
       that follows it: the title goes on */
    text_variants(P004, false, (relax_t){false, true, false});
}

/* ---- DOCX and PDF ----------------------------------------------------------- */

static planparse_plan_t *parse_file(const char *path)
{
    doc_t *d = NULL;
    err_t e;
    if (docread_file(path, &d, &e))
        fail_msg("%s: %s", path, e.en);
    planparse_plan_t *p = parse_doc(d, path);
    doc_free(d);
    return p;
}

static void docx_split_table(void **state)
{
    (void)state;
    doc_t *d = clean_doc(P002, false);
    planparse_plan_t *clean = parse_doc(d, P002);
    doc_t *split = pv_split_table(d);
    assert_non_null(split);
    char *dir = fxdoc_tmpdir();
    char *path = testdir_join(dir, "002-split.docx");
    assert_int_equal(fxdoc_docx_from_doc(split, path), 0);
    planparse_plan_t *p = parse_file(path);
    expect_same("002 docx, table cut in two", clean, p, (relax_t){false, false, false});
    planparse_plan_free(p);
    free(path);
    fxdoc_rmtree(dir);
    doc_free(split);
    planparse_plan_free(clean);
    doc_free(d);
}

static void pdf_with_furniture(void **state)
{
    (void)state;
    const char *names[] = {P001, P002, P004};
    char *dir = fxdoc_tmpdir();
    for (size_t i = 0; i < 3; i++) {
        doc_t *d = clean_doc(names[i], false);
        planparse_plan_t *clean = parse_doc(d, names[i]);
        char title[128], file[32], what[64];
        pv_running_title(clean->doc.year, title, sizeof title);
        snprintf(file, sizeof file, "%.3s.pdf", names[i]);
        char *path = testdir_join(dir, file);
        int pages = 0;
        assert_int_equal(pv_pdf(d, title, path, &pages), 0);
        assert_true(pages >= 3);
        planparse_plan_t *p = parse_file(path);
        snprintf(what, sizeof what, "%.3s pdf (%d pages)", names[i], pages);
        expect_same(what, clean, p, (relax_t){false, false, false});
        planparse_plan_free(p);
        planparse_plan_free(clean);
        doc_free(d);
        free(path);
    }
    fxdoc_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(variants_001),           cmocka_unit_test(variants_002),
        cmocka_unit_test(variants_002_narrative), cmocka_unit_test(variants_004),
        cmocka_unit_test(docx_split_table),       cmocka_unit_test(pdf_with_furniture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
