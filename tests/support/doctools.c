/* doctools.c - external document tools for tests (doctools.h). */
#include "support/doctools.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/run_cmd.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "base/banned.h"

/* Full path of a program on PATH (caller frees), or NULL. */
char *doctools_tool_path(const char *name)
{
    const char *path = getenv("PATH");
    char *copy = strdup(path ? path : "/usr/bin:/bin");
    char *save = NULL, *found = NULL;
    for (char *p = strtok_r(copy, ":", &save); p && !found; p = strtok_r(NULL, ":", &save)) {
        char *cand = testdir_join(p, name);
        if (access(cand, X_OK) == 0)
            found = cand;
        else
            free(cand);
    }
    free(copy);
    return found;
}

/* The tool's path, or skip (fail when CI=true). */
char *doctools_need_tool(const char *name, const char *package)
{
    char *p = doctools_tool_path(name);
    if (p)
        return p;
    const char *ci = getenv("CI");
    if (ci && strcmp(ci, "true") == 0)
        fail_msg("%s not installed (Debian package %s)", name, package);
    print_message("skip: %s not installed (Debian package %s)\n", name, package);
    skip();
    return NULL;
}

/* Runs a tool, asserts success, returns its standard output (caller frees). */
char *doctools_run_tool(const char *name, const char *package, const char **args, int timeout)
{
    char *bin = doctools_need_tool(name, package);
    const char *argv[16] = {bin};
    size_t n = 1;
    for (; args[n - 1] && n < 15; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;
    run_result_t r;
    if (run_cmd(argv, NULL, NULL, timeout, &r) != 0)
        fail_msg("cannot run %s", bin);
    if (r.status != 0)
        fail_msg("%s failed (%d): %s", bin, r.status, r.err);
    char *out = r.out;
    r.out = NULL;
    run_result_free(&r);
    free(bin);
    return out;
}

char *doctools_pdftotext(const char *pdf, int page)
{
    char first[16], last[16];
    snprintf(first, sizeof first, "%d", page);
    snprintf(last, sizeof last, "%d", page);
    const char *all[] = {"-layout", pdf, "-", NULL};
    const char *one[] = {"-layout", "-f", first, "-l", last, pdf, "-", NULL};
    return doctools_run_tool("pdftotext", "poppler-utils", page ? one : all, 60);
}

int doctools_pdf_pages(const char *pdf)
{
    const char *args[] = {pdf, NULL};
    char *info = doctools_run_tool("pdfinfo", "poppler-utils", args, 60);
    const char *p = strstr(info, "Pages:");
    int n = p ? (int)strtol(p + 6, NULL, 10) : -1;
    free(info);
    return n;
}

/* Asserts that each needle occurs in hay after the previous one. */
void doctools_in_order(const char *hay, const char *const *needles, size_t n)
{
    const char *at = hay;
    for (size_t i = 0; i < n; i++) {
        const char *p = strstr(at, needles[i]);
        if (!p)
            fail_msg("\"%s\" not found (in order) in:\n%.3000s", needles[i], hay);
        at = p + strlen(needles[i]);
    }
}

char *doctools_screenshot_dir(void)
{
    char *build = testdir_join(testdir_root(), "build");
    char *dir = testdir_join(build, "screenshots");
    mkdir(build, 0755);
    mkdir(dir, 0755);
    free(build);
    return dir;
}

/* Page `page` of pdf as build/screenshots/<name>.png at 60 dpi. */
void doctools_screenshot(const char *pdf, int page, const char *name)
{
    char *dir = doctools_screenshot_dir(), *prefix = testdir_join(dir, name), p[16];
    snprintf(p, sizeof p, "%d", page);
    const char *args[] = {"-r", "60", "-png", "-f", p, "-l", p, "-singlefile", pdf, prefix, NULL};
    free(doctools_run_tool("pdftoppm", "poppler-utils", args, 60));
    char png[4096];
    snprintf(png, sizeof png, "%s.png", prefix);
    assert_true(testdir_exists(png));
    free(prefix);
    free(dir);
}

/* Part name of an open package, NUL-terminated; closes za. */
static char *read_part(zip_t *za, const char *name, size_t *len)
{
    zip_stat_t st;
    if (zip_stat(za, name, 0, &st) != 0)
        fail_msg("missing part %s", name);
    char *buf = malloc(st.size + 1);
    assert_non_null(buf);
    zip_file_t *zf = zip_fopen(za, name, 0);
    assert_non_null(zf);
    assert_int_equal(zip_fread(zf, buf, st.size), (zip_int64_t)st.size);
    buf[st.size] = '\0';
    zip_fclose(zf);
    zip_discard(za);
    if (len)
        *len = st.size;
    return buf;
}

char *doctools_zip_part(const char *docx, const char *name, size_t *len)
{
    int err = 0;
    zip_t *za = zip_open(docx, ZIP_RDONLY, &err);
    assert_non_null(za);
    return read_part(za, name, len);
}

char *doctools_zip_mem_part(const void *data, size_t n, const char *name, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
    assert_non_null(src);
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
    assert_non_null(za);
    zip_error_fini(&ze);
    return read_part(za, name, len);
}

char *doctools_lo_to_pdf(const char *doc, const char *dir)
{
    char *out = testdir_join(dir, "lo"), *profile = testdir_join(dir, "lo-profile");
    char env[4200];
    snprintf(env, sizeof env, "-env:UserInstallation=file://%s", profile);
    mkdir(out, 0755);
    const char *args[] = {env, "--headless", "--convert-to", "pdf", "--outdir", out, doc, NULL};
    free(doctools_run_tool("soffice", "libreoffice-writer-nogui", args, 120));
    const char *base = strrchr(doc, '/');
    base = base ? base + 1 : doc;
    char name[1024];
    snprintf(name, sizeof name, "%.*s.pdf",
             (int)(strrchr(base, '.') ? strrchr(base, '.') - base : (long)strlen(base)), base);
    char *pdf = testdir_join(out, name);
    free(out);
    free(profile);
    if (!testdir_exists(pdf))
        fail_msg("LibreOffice did not convert %s", doc);
    return pdf;
}
