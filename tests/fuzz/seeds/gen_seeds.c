/* gen_seeds.c - writes the seed corpora of fuzz_planparse, fuzz_doc_text,
 * fuzz_docread_docx and fuzz_docread_pdf from the layout variants of the
 * shared plans (tests/support/plan_variants.c): small excerpts (the head of
 * each variant and its appendix), as text, as DOCX and as PDF with running
 * titles and page numbers. Not part of the build; run by hand after the
 * variants change:
 *
 *   make build/asan/libcchc.a
 *   cc -std=c17 -D_GNU_SOURCE -Isrc -Ibuild/gen -Itests $(pkg-config --cflags \
 *      cairo pangocairo libzip jansson) tests/fuzz/seeds/gen_seeds.c \
 *      tests/support/plan_variants.c tests/support/fixture_doc.c \
 *      tests/support/strbuf.c tests/support/testdir.c \
 *      build/asan/libcchc.a -fsanitize=address,undefined $(pkg-config --libs \
 *      jansson sqlite3 libutf8proc libsodium libpq libzip libxml-2.0 \
 *      poppler-glib xlsxwriter cairo pangocairo libmicrohttpd) -lm -lpthread \
 *      -o /tmp/gen_seeds
 *   CCHC_ROOT=$PWD /tmp/gen_seeds tests/fuzz/corpus */
#include "domain/planparse.h"
#include "support/fixture_doc.h"
#include "support/plan_variants.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define EXCERPT 3000 /* bytes of a seed */

static const char *const plans[] = {"001_74e5bd43d5376be8.txt", "002_f2f413426d7afbab.txt",
                                    "004_9a23d4ea0e0477f2.txt"};

/* At most EXCERPT bytes of s from `from`, cut at a line end. */
static char *excerpt(const char *s, const char *from)
{
    size_t n = strlen(from);
    if (n > EXCERPT) {
        n = EXCERPT;
        while (n > 0 && from[n - 1] != '\n')
            n--;
    }
    (void)s;
    return strndup(from, n);
}

static void write_file(const char *dir, const char *sub, const char *name, const char *data,
                       size_t n)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s/%s", dir, sub, name);
    if (fxdoc_write(path, data, n))
        fprintf(stderr, "cannot write %s\n", path);
}

static void name_of(char *out, size_t cap, const char *plan, int k, const char *part)
{
    snprintf(out, cap, "variant_%.3s_%s_%s", plan, pv_name((pv_kind_t)k), part);
    for (char *p = out; *p; p++)
        if (*p == ' ' || *p == '+')
            *p = '_';
}

/* Text, DOCX and PDF seeds of one excerpt. */
static void seeds(const char *dir, const char *plan, int k, const char *part, const char *text)
{
    char name[256], file[300];
    name_of(name, sizeof name, plan, k, part);
    write_file(dir, "fuzz_planparse", name, text, strlen(text));
    if (k == PV_FURNITURE || k == PV_TAB_SPLIT || k == PV_MARKDOWN_SPLIT)
        write_file(dir, "fuzz_doc_text", name, text, strlen(text));
    doc_t *d = NULL;
    err_t e;
    if (doc_from_text(text, strlen(text), &d, &e))
        return;
    char path[1024];
    if (k == PV_CELLS_SPLIT || k == PV_FURNITURE || k == PV_PROSE_PARTS) {
        snprintf(file, sizeof file, "%s.docx", name);
        snprintf(path, sizeof path, "%s/fuzz_docread_docx/%s", dir, file);
        fxdoc_docx_from_doc(d, path);
    }
    if (k == PV_FURNITURE || k == PV_PROSE_INLINE) {
        char title[128];
        pv_running_title(2024, title, sizeof title);
        snprintf(path, sizeof path, "%s/fuzz_docread_pdf/%s.pdf", dir, name);
        pv_pdf(d, title, path, NULL);
    }
    doc_free(d);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_seeds CORPUS_DIR\n");
        return 2;
    }
    for (size_t i = 0; i < 3; i++) {
        doc_t *d = NULL;
        if (fxdoc_load_plan(plans[i], &d))
            return 1;
        planparse_plan_t *p = NULL;
        err_t e;
        if (planparse_parse(d, NULL, &p, &e))
            return 1;
        for (int k = 0; k < PV_COUNT; k++) {
            char *text = pv_text(d, p, (pv_kind_t)k);
            if (!text)
                continue;
            char *head = excerpt(text, text);
            seeds(argv[1], plans[i], k, "head", head);
            free(head);
            const char *app = strstr(text, "PHỤ LỤC");
            if (app) {
                char *tail = excerpt(text, app);
                seeds(argv[1], plans[i], k, "appendix", tail);
                free(tail);
            }
            free(text);
        }
        planparse_plan_free(p);
        doc_free(d);
    }
    return 0;
}
