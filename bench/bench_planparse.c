/* bench_planparse.c - plan documents parsed per second: the three shared
 * sample plans as text (document model built once, then planparse_parse),
 * with and without the sample unit registry, plus reading + parsing from
 * the file; then synthetic plans of 10,000 and 100,000 tasks in three
 * layouts (an appendix table in '|' rows, the same table flattened into one
 * cell per line as a PDF's text layer gives it, and a narrative plan of
 * numbered items with responsibility lines) to show that parsing is linear.
 * The 100,000-task plans must be read and parsed in at most 3 s of CPU
 * time (exit status 1 if not); wall-clock time is printed alongside. */
#include "base/buf.h"
#include "domain/planparse.h"
#include "io/docread.h"
#include "io/unit_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "base/banned.h"

static const char *const plans[] = {"001_74e5bd43d5376be8.txt", "002_f2f413426d7afbab.txt",
                                    "004_9a23d4ea0e0477f2.txt"};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this process: the synthetic runs are timed with it, so that
 * the other programs of a shared machine do not count against the budget. */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *root(void)
{
    const char *r = getenv("CCHC_ROOT");
    return r && *r ? r : ".";
}

static int plan_path(const char *name, char *out, size_t cap)
{
    static const char *const dirs[] = {"%s/../shared/plans/%s", "%s/data/plans/%s"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(out, cap, dirs[i], root(), name);
        struct stat st;
        if (stat(out, &st) == 0)
            return 0;
    }
    return -1;
}

static void run(const char *name, const doc_t *d, const planparse_options_t *opt, const char *label)
{
    const int n = 200;
    double t0 = now();
    size_t tasks = 0;
    for (int i = 0; i < n; i++) {
        planparse_plan_t *p = NULL;
        err_t e;
        if (planparse_parse(d, opt, &p, &e)) {
            fprintf(stderr, "%s: %s\n", name, e.en);
            exit(1);
        }
        tasks = p->ntasks;
        planparse_plan_free(p);
    }
    double dt = now() - t0;
    printf("%-28s %-16s %3zu tasks  %8.2f ms/plan  %7.0f plans/s\n", name, label, tasks,
           dt * 1000 / n, n / dt);
}

/* ---- synthetic plans ------------------------------------------------------ */

enum shape { SHAPE_TABLE, SHAPE_FLAT, SHAPE_NARRATIVE };

static const char *const areas[] = {"CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH",
                                    "CẢI CÁCH THỂ CHẾ",
                                    "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
                                    "CẢI CÁCH TỔ CHỨC BỘ MÁY",
                                    "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
                                    "CẢI CÁCH TÀI CHÍNH CÔNG",
                                    "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
                                    "ĐÁNH GIÁ TÁC ĐỘNG CỦA CCHC"};
static const char *const romans[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII"};
static const char *const leads[] = {"Sở Nội vụ", "Sở Tư pháp", "Văn phòng UBND tỉnh",
                                    "Sở Tài chính", "Sở Thông tin và Truyền thông"};
static const char *const deadlines[] = {"Quý I/2024", "Tháng 6/2024", "Trước ngày 16/01/2024",
                                        "Thường xuyên", "Quý II, Quý IV/2024"};

static const char header[] = "ỦY BAN NHÂN DÂN TỈNH MẪU\n"
                             "Số: 1/KH-UBND\n"
                             "Mẫu, ngày 10 tháng 01 năm 2024\n"
                             "KẾ HOẠCH\n"
                             "Cải cách hành chính năm 2024\n"
                             "I. MỤC TIÊU\n"
                             "100% hồ sơ TTHC được giải quyết đúng hạn.\n";

/* Task i of the synthetic plan (i from 1). */
static void task_fields(size_t i, char *title, size_t cap)
{
    snprintf(title, cap, "Triển khai nhiệm vụ cải cách số %zu theo kế hoạch của tỉnh.", i);
}

static int synth(buf_t *b, enum shape shape, size_t ntasks)
{
    int rc = buf_puts(b, header);
    size_t per = (ntasks + 7) / 8, i = 1;
    if (!rc && shape == SHAPE_NARRATIVE)
        rc = buf_puts(b, "II. NHIỆM VỤ, GIẢI PHÁP\n");
    if (!rc && shape != SHAPE_NARRATIVE)
        rc = buf_puts(b, "II. TỔ CHỨC THỰC HIỆN\nCác cơ quan triển khai thực hiện.\nPHỤ LỤC\n");
    if (!rc && shape == SHAPE_TABLE)
        rc = buf_puts(b, "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | "
                         "Thời gian hoàn thành |\n");
    if (!rc && shape == SHAPE_FLAT)
        rc = buf_puts(b, "STT\nNhiệm vụ\nCơ quan chủ trì\nCơ quan phối hợp\nSản phẩm\n"
                         "Thời gian hoàn thành\n");
    for (size_t a = 0; !rc && a < 8; a++) {
        if (shape == SHAPE_TABLE)
            rc = buf_printf(b, "| %s. %s |\n", romans[a], areas[a]);
        else if (shape == SHAPE_FLAT)
            rc = buf_printf(b, "%s. %s\n", romans[a], areas[a]);
        else
            rc = buf_printf(b, "%zu. %s\n", a + 1, areas[a]);
        for (size_t k = 0; !rc && k < per && i <= ntasks; k++, i++) {
            char title[128];
            task_fields(i, title, sizeof title);
            const char *lead = leads[i % 5], *dl = deadlines[i % 5];
            if (shape == SHAPE_TABLE)
                rc = buf_printf(b, "| %zu | %s | %s | Các sở, ban, ngành tỉnh | Báo cáo | %s |\n",
                                i, title, lead, dl);
            else if (shape == SHAPE_FLAT)
                rc = buf_printf(b, "%zu.\n%s\n%s\nCác sở, ban, ngành tỉnh\nBáo cáo\n%s\n", i, title,
                                lead, dl);
            else
                rc = buf_printf(b, "- %s\nCơ quan chủ trì: %s.\nThời gian thực hiện: %s.\n", title,
                                lead, dl);
        }
    }
    return rc;
}

static const char *shape_name(enum shape s)
{
    return s == SHAPE_TABLE ? "table" : s == SHAPE_FLAT ? "flattened table" : "narrative";
}

/* Parses one synthetic plan; returns the seconds taken or -1. */
static double synth_run(enum shape shape, size_t ntasks)
{
    buf_t b;
    buf_init(&b, (size_t)64 << 20);
    if (synth(&b, shape, ntasks))
        return -1;
    doc_t *d = NULL;
    err_t e;
    double w0 = now(), t0 = cpu();
    if (doc_from_text(b.data, b.len, &d, &e)) {
        fprintf(stderr, "synthetic %s: %s\n", shape_name(shape), e.en);
        buf_release(&b);
        return -1;
    }
    double t1 = cpu();
    planparse_plan_t *p = NULL;
    int rc = planparse_parse(d, NULL, &p, &e);
    double t2 = cpu(), w2 = now();
    if (rc)
        fprintf(stderr, "synthetic %s: %s\n", shape_name(shape), e.en);
    else
        printf("synthetic %-16s %7zu tasks (%6.1f MB)  cpu: doc %6.3f s  parse %6.3f s  "
               "(wall %6.3f s)  got %zu\n",
               shape_name(shape), ntasks, (double)b.len / 1e6, t1 - t0, t2 - t1, w2 - w0,
               p->ntasks);
    size_t got = rc ? 0 : p->ntasks;
    planparse_plan_free(p);
    doc_free(d);
    buf_release(&b);
    return rc || got != ntasks ? -1 : t2 - t0;
}

/* A DOCX of n short task lines without final periods, one paragraph each
 * (issue 16: 16 MiB of XML took 44 s); returns the seconds to read and
 * parse it, or -1. */
static double docx_lines(size_t n)
{
    buf_t x;
    buf_init(&x, (size_t)256 << 20);
    int rc = buf_puts(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                          "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
                          "wordprocessingml/2006/main\"><w:body>"
                          "<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"
                          "<w:p><w:r><w:t>Cải cách hành chính năm 2024</w:t></w:r></w:p>"
                          "<w:p><w:r><w:t>I. NHIỆM VỤ</w:t></w:r></w:p>"
                          "<w:p><w:r><w:t>1. Cải cách thủ tục hành chính</w:t></w:r></w:p>");
    for (size_t i = 1; !rc && i <= n; i++)
        rc = buf_printf(&x,
                        "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:t>Triển khai "
                        "thực hiện nhiệm vụ cải cách thủ tục số %zu</w:t></w:r></w:p>",
                        i);
    if (!rc)
        rc = buf_puts(&x, "</w:body></w:document>");
    char path[] = "/tmp/bench_planparse_XXXXXX";
    int fd = rc ? -1 : mkstemp(path);
    if (fd >= 0)
        close(fd);
    zip_t *z = fd >= 0 ? zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, NULL) : NULL;
    zip_source_t *src = z ? zip_source_buffer(z, x.data, x.len, 0) : NULL;
    if (!src || zip_file_add(z, "word/document.xml", src, ZIP_FL_OVERWRITE) < 0 || zip_close(z)) {
        buf_release(&x);
        return -1;
    }
    size_t xml = x.len;
    buf_release(&x);
    FILE *fp = fopen(path, "rb");
    static char data[64 << 20];
    size_t len = fp ? fread(data, 1, sizeof data, fp) : 0;
    if (fp)
        fclose(fp);
    unlink(path);
    double t0 = cpu();
    doc_t *d = NULL;
    err_t e;
    planparse_plan_t *p = NULL;
    rc = docread_buffer(data, len, "lines.docx", &d, &e);
    double t1 = cpu();
    if (!rc)
        rc = planparse_parse(d, NULL, &p, &e);
    double t2 = cpu();
    if (rc)
        fprintf(stderr, "docx lines: %s\n", e.en);
    else
        printf("docx of short lines %7zu tasks (%5.1f MiB XML, %4zu KB zip)  cpu: read %6.3f s  "
               "parse %6.3f s  got %zu\n",
               n, (double)xml / (1 << 20), len >> 10, t1 - t0, t2 - t1, p->ntasks);
    size_t got = rc ? 0 : p->ntasks;
    planparse_plan_free(p);
    doc_free(d);
    return rc || got != n ? -1 : t2 - t0;
}

int main(int argc, char **argv)
{
    bool only_synth = argc > 1 && strcmp(argv[1], "--synthetic") == 0;
    unit_set_t set;
    unit_set_init(&set);
    err_t e;
    const char *files[] = {"vinhlong_2024.csv", "vinhlong_2025.csv", "vinhlong_links.csv"};
    for (int i = 0; !only_synth && i < 3; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/data/units/%s", root(), files[i]);
        if (unit_io_read_file(path, &set, &e)) {
            fprintf(stderr, "%s: %s\n", path, e.en);
            return 1;
        }
    }
    unit_resolver_t *r = only_synth ? NULL : unit_resolve_new(&set, &e);
    for (size_t k = 0; !only_synth && k < 3; k++) {
        char path[1024];
        if (plan_path(plans[k], path, sizeof path)) {
            printf("%s: not found, skipped\n", plans[k]);
            continue;
        }
        doc_t *d = NULL;
        double t0 = now();
        if (docread_file(path, &d, &e)) {
            fprintf(stderr, "%s: %s\n", path, e.en);
            return 1;
        }
        double read_ms = (now() - t0) * 1000;
        printf("%-28s read              %8.2f ms\n", plans[k], read_ms);
        run(plans[k], d, NULL, "no registry");
        planparse_options_t opt = {.units = &set, .resolver = r};
        run(plans[k], d, &opt, "with registry");
        doc_free(d);
    }
    unit_resolve_free(r);
    unit_set_release(&set);
    if (only_synth && argc > 3) { /* --synthetic SHAPE N: one run, for profiling */
        int s = strcmp(argv[2], "table") == 0  ? SHAPE_TABLE
                : strcmp(argv[2], "flat") == 0 ? SHAPE_FLAT
                                               : SHAPE_NARRATIVE;
        return synth_run((enum shape)s, strtoul(argv[3], NULL, 10)) < 0;
    }
    int status = 0;
    for (int s = SHAPE_TABLE; s <= SHAPE_NARRATIVE; s++) {
        double small = synth_run((enum shape)s, 10000);
        double big = synth_run((enum shape)s, 100000);
        if (small < 0 || big < 0) {
            status = 1;
            continue;
        }
        printf("synthetic %-16s 10x the tasks: %.1fx the time%s\n", shape_name((enum shape)s),
               big / small, big > 3.0 ? "  ** over the 3 s budget **" : "");
        if (big > 3.0)
            status = 1;
    }
    double dx = docx_lines(140000);
    if (dx < 0 || dx > 3.0)
        status = 1;
    return status;
}
