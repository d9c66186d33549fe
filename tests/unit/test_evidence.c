/* Unit tests of src/app/evidence (and store_evidence): type detection by
 * content, file-name cleaning, the download header, the content-addressed
 * store (dedup, atomic write, paths from the hash only), size limit and
 * unit-scope checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_auth.h"
#include "app/evidence.h"
#include "base/log.h"
#include "base/mem.h"
#include "base/text.h"
#include "store/store_user.h"
#include "support/sample_units.h"
#include "support/testdb.h"
#include "support/app_conn.h"
#include "support/testdir.h"

#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "base/banned.h"

typedef struct fixture {
    char *dir;
    char *db;
    char *ev; /* evidence directory */
    app_t *a;
    user_t admin, standing, officer, other, viewer;
} fixture_t;

static const char PDF[] = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n";
static const unsigned char PNG[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0,    0,    0,
                                    13,   'I', 'H', 'D', 'R',  0,    0,    0,    1,    0,    0,
                                    0,    1,   8,   6,   0,    0,    0,    0x1f, 0x15, 0xc4, 0x89};
static const unsigned char JPEG[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F',  0,
                                     1,    1,    0,    0,    1, 0,  1,   0,   0,   0xFF, 0xD9};

static void add_user(fixture_t *f, user_t *u, const char *login, access_role_t role,
                     const char *unit)
{
    err_t e;
    assert_int_equal(app_auth_user_add(f->a, NULL, login, "mat-khau-dai-du", role, unit, "", &e),
                     0);
    assert_int_equal(store_user_by_login(app_conn(f->a), login, u, NULL, 0, &e), 0);
}

static int setup(void **state)
{
    log_set_level(LOG_WARN);
    fixture_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->db = testdb_new(f->dir, "cchc.db");
    f->ev = testdir_join(f->dir, "ev");
    app_config_t cfg = {.db_path = f->db, .data_dir = f->dir, .evidence_dir = f->ev};
    err_t e;
    if (app_open(&cfg, &f->a, &e)) {
        fprintf(stderr, "setup: %s\n", e.en);
        return -1;
    }
    sample_units_import(f->a);
    add_user(f, &f->admin, "admin", ACCESS_ROLE_ADMIN, NULL);
    add_user(f, &f->standing, "thuongtruc", ACCESS_ROLE_STANDING, "VL25");
    add_user(f, &f->officer, "canbo.snv", ACCESS_ROLE_OFFICER, "VL25.SNV");
    add_user(f, &f->other, "canbo.stc", ACCESS_ROLE_OFFICER, "VL25.STC");
    add_user(f, &f->viewer, "xem.snv", ACCESS_ROLE_VIEWER, "VL25.SNV");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    app_close(f->a);
    testdb_free(f->db);
    free(f->ev);
    testdir_remove(f->dir);
    free(f);
    return 0;
}

/* A zip archive holding the named entries (each a tiny XML), built on disk
 * with libzip and read back; caller frees. */
static unsigned char *make_zip(const char *dir, const char *const *names, size_t *len)
{
    char *path = testdir_join(dir, "made.zip");
    int err = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(za);
    static const char xml[] = "<?xml version=\"1.0\"?><x/>";
    for (size_t i = 0; names[i]; i++) {
        zip_source_t *src = zip_source_buffer(za, xml, sizeof xml - 1, 0);
        assert_non_null(src);
        assert_true(zip_file_add(za, names[i], src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    unsigned char *buf = malloc(1 << 16);
    *len = fread(buf, 1, 1 << 16, fp);
    fclose(fp);
    unlink(path);
    free(path);
    return buf;
}

static const char *const DOCX[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml", NULL};
static const char *const XLSX[] = {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                   "xl/worksheets/sheet1.xml", NULL};

static void expect_sniff_error(const void *data, size_t len, const char *code)
{
    evidence_kind_t k = EVIDENCE_PDF;
    err_t e;
    assert_int_equal(evidence_sniff(data, len, &k, &e), ERR_INVALID);
    assert_string_equal(e.code, code);
    assert_int_equal(k, EVIDENCE_NONE);
}

/* ---- type detection ------------------------------------------------------ */

static void sniff_accepts_each_type(void **state)
{
    fixture_t *f = *state;
    evidence_kind_t k;
    err_t e;
    assert_int_equal(evidence_sniff(PDF, sizeof PDF - 1, &k, &e), 0);
    assert_int_equal(k, EVIDENCE_PDF);
    assert_int_equal(evidence_sniff(PNG, sizeof PNG, &k, &e), 0);
    assert_int_equal(k, EVIDENCE_PNG);
    assert_int_equal(evidence_sniff(JPEG, sizeof JPEG, &k, &e), 0);
    assert_int_equal(k, EVIDENCE_JPEG);
    size_t n;
    unsigned char *z = make_zip(f->dir, DOCX, &n);
    assert_int_equal(evidence_sniff(z, n, &k, &e), 0);
    assert_int_equal(k, EVIDENCE_DOCX);
    free(z);
    z = make_zip(f->dir, XLSX, &n);
    assert_int_equal(evidence_sniff(z, n, &k, &e), 0);
    assert_int_equal(k, EVIDENCE_XLSX);
    free(z);

    assert_string_equal(evidence_kind_code(EVIDENCE_JPEG), "jpeg");
    assert_string_equal(evidence_kind_ext(EVIDENCE_JPEG), ".jpg");
    assert_string_equal(evidence_kind_mime(EVIDENCE_PDF), "application/pdf");
    assert_string_equal(evidence_kind_mime(EVIDENCE_XLSX),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert_string_equal(evidence_kind_mime(EVIDENCE_DOCX),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
}

static void sniff_rejects_other_content(void **state)
{
    fixture_t *f = *state;
    static const unsigned char exe[] = {'M', 'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF};
    static const unsigned char elf[] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0};
    static const char html[] = "<!DOCTYPE html><html><script>alert(1)</script></html>";
    static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>";
    static const char gif[] = "GIF89a\x01\x00\x01\x00";
    static const char text[] = "Báo cáo kết quả thực hiện";
    expect_sniff_error(exe, sizeof exe, "evidence.type_unsupported");
    expect_sniff_error(elf, sizeof elf, "evidence.type_unsupported");
    expect_sniff_error(html, sizeof html - 1, "evidence.type_unsupported");
    expect_sniff_error(svg, sizeof svg - 1, "evidence.type_unsupported");
    expect_sniff_error(gif, sizeof gif - 1, "evidence.type_unsupported");
    expect_sniff_error(text, sizeof text - 1, "evidence.type_unsupported");
    expect_sniff_error("%PDF", 4, "evidence.type_unsupported"); /* too short to be a PDF */
    expect_sniff_error(PNG, 8, "evidence.type_unsupported");    /* signature without IHDR */
    expect_sniff_error("", 0, "evidence.empty");
    /* Zip archives that are not DOCX/XLSX. */
    static const char bogus[] = "PK\x03\x04 this is not really a zip";
    expect_sniff_error(bogus, sizeof bogus - 1, "evidence.zip_unsupported");
    static const char *const plain[] = {"a.txt", "b/c.xml", NULL};
    static const char *const odt[] = {"mimetype", "content.xml", "META-INF/manifest.xml", NULL};
    static const char *const no_types[] = {"word/document.xml", NULL};
    static const char *const both[] = {"[Content_Types].xml", "word/document.xml",
                                       "xl/workbook.xml", NULL};
    static const char *const docm[] = {"[Content_Types].xml", "word/document.xml",
                                       "word/vbaProject.bin", NULL};
    static const char *const xlsm[] = {"[Content_Types].xml", "xl/workbook.xml",
                                       "xl/vbaProject.bin", NULL};
    const struct {
        const char *const *names;
        const char *code;
    } zips[] = {{plain, "evidence.zip_unsupported"},
                {odt, "evidence.zip_unsupported"},
                {no_types, "evidence.zip_unsupported"},
                {both, "evidence.zip_unsupported"},
                {docm, "evidence.macro"},
                {xlsm, "evidence.macro"}};
    for (size_t i = 0; i < sizeof zips / sizeof zips[0]; i++) {
        size_t n;
        unsigned char *z = make_zip(f->dir, zips[i].names, &n);
        expect_sniff_error(z, n, zips[i].code);
        /* A truncated copy of a good archive is damaged. */
        if (i == 0) {
            unsigned char *d = make_zip(f->dir, DOCX, &n);
            expect_sniff_error(d, n / 2, "evidence.zip_unsupported");
            free(d);
        }
        free(z);
    }
}

/* ---- file names ------------------------------------------------------------ */

static void expect_clean(const char *in, evidence_kind_t k, const char *want)
{
    err_t e;
    char *got;
    if (evidence_filename_clean(in, k, &got, &e))
        fail_msg("clean(%s): %s %s", in ? in : "(null)", e.code, e.en);
    if (strcmp(got, want) != 0)
        fail_msg("clean(%s) = '%s', want '%s'", in ? in : "(null)", got, want);
    mem_free(got);
}

static void expect_clean_error(const char *in, evidence_kind_t k, const char *code)
{
    err_t e;
    char *got;
    if (evidence_filename_clean(in, k, &got, &e) == 0)
        fail_msg("clean(%s) = '%s', want error %s", in, got, code);
    assert_null(got);
    assert_string_equal(e.code, code);
}

static void filename_cleaning(void **state)
{
    (void)state;
    expect_clean("Báo cáo quý III.pdf", EVIDENCE_PDF, "Báo cáo quý III.pdf");
    expect_clean("../../etc/passwd.pdf", EVIDENCE_PDF, "passwd.pdf");
    expect_clean("..\\..\\windows\\win.ini.pdf", EVIDENCE_PDF, "win.ini.pdf");
    expect_clean("C:\\fakepath\\Kế hoạch.docx", EVIDENCE_DOCX, "Kế hoạch.docx");
    expect_clean("..", EVIDENCE_PDF, "minh-chung.pdf");
    expect_clean("../", EVIDENCE_PDF, "minh-chung.pdf");
    expect_clean("", EVIDENCE_PNG, "minh-chung.png");
    expect_clean(NULL, EVIDENCE_JPEG, "minh-chung.jpg");
    expect_clean("   ", EVIDENCE_XLSX, "minh-chung.xlsx");
    expect_clean(".hidden.pdf", EVIDENCE_PDF, "hidden.pdf");
    expect_clean("scan", EVIDENCE_PDF, "scan.pdf");
    expect_clean("Quyết định 12.2025", EVIDENCE_PDF, "Quyết định 12.2025.pdf");
    expect_clean("report.PDF", EVIDENCE_PDF, "report.PDF");
    expect_clean("anh.JPEG", EVIDENCE_JPEG, "anh.JPEG");
    expect_clean("anh.jpg", EVIDENCE_JPEG, "anh.jpg");
    /* Control characters, reserved characters, spacing. */
    expect_clean("a\x01"
                 "b\tc\x7f"
                 "d.pdf",
                 EVIDENCE_PDF, "a_b_c_d.pdf");
    expect_clean("x\xc2\x85y.pdf", EVIDENCE_PDF, "x_y.pdf"); /* C1 control U+0085 */
    expect_clean("<img src=x onerror=alert(1)>.pdf", EVIDENCE_PDF,
                 "_img src=x onerror=alert(1)_.pdf");
    expect_clean("<script>alert(1)</script>.pdf", EVIDENCE_PDF, "script_.pdf"); /* '/' cuts */
    expect_clean("a:b*c?d|e\"f.pdf", EVIDENCE_PDF, "a_b_c_d_e_f.pdf");
    expect_clean("  many   \xc2\xa0 spaces  .pdf", EVIDENCE_PDF, "many spaces.pdf");
    expect_clean("name. . .pdf", EVIDENCE_PDF, "name.pdf");
    /* NFD in, NFC out. */
    expect_clean("Ba\xcc\x81o ca\xcc\x81o.pdf", EVIDENCE_PDF, "Báo cáo.pdf");
    /* Bidi overrides and zero-width characters are dropped. */
    expect_clean("a\xe2\x80\x8b"
                 "b\xe2\x80\x8f"
                 "c.pdf",
                 EVIDENCE_PDF, "abc.pdf");
    /* Windows device names. */
    expect_clean("CON.pdf", EVIDENCE_PDF, "_CON.pdf");
    expect_clean("com1.pdf", EVIDENCE_PDF, "_com1.pdf");
    expect_clean("console.pdf", EVIDENCE_PDF, "console.pdf");
    /* Extensions must agree with the content. */
    expect_clean_error("anh.jpg", EVIDENCE_PNG, "evidence.extension_mismatch");
    expect_clean_error("chuong-trinh.exe", EVIDENCE_PDF, "evidence.extension_mismatch");
    expect_clean_error("trang.html", EVIDENCE_PDF, "evidence.extension_mismatch");
    expect_clean_error("bang.xlsx", EVIDENCE_DOCX, "evidence.extension_mismatch");
    /* "evil<RLO>fdp.exe" shows as "evilexe.pdf" but is an .exe. */
    expect_clean_error("evil\xe2\x80\xae"
                       "fdp.exe",
                       EVIDENCE_PDF, "evidence.extension_mismatch");
    expect_clean_error("bad\xff.pdf", EVIDENCE_PDF, "evidence.filename_invalid");
    expect_clean_error("bad\xc3.pdf", EVIDENCE_PDF, "evidence.filename_invalid");
}

static void filename_long_names(void **state)
{
    (void)state;
    char in[2048];
    size_t n = 0;
    for (int i = 0; i < 300; i++) {
        memcpy(in + n, "ộ", 3); /* 3 bytes each */
        n += 3;
    }
    memcpy(in + n, ".pdf", 5);
    err_t e;
    char *got;
    assert_int_equal(evidence_filename_clean(in, EVIDENCE_PDF, &got, &e), 0);
    size_t len = strlen(got);
    assert_true(len <= EVIDENCE_NAME_MAX);
    assert_true(len > EVIDENCE_NAME_MAX - 3);
    assert_true(text_valid(got, len));
    assert_string_equal(got + len - 4, ".pdf");
    mem_free(got);

    memset(in, 'a', 1000);
    in[1000] = '\0';
    assert_int_equal(evidence_filename_clean(in, EVIDENCE_JPEG, &got, &e), 0);
    assert_int_equal(strlen(got), EVIDENCE_NAME_MAX);
    assert_string_equal(got + EVIDENCE_NAME_MAX - 4, ".jpg");
    mem_free(got);

    /* A cut that lands on spaces or dots does not leave them before the extension. */
    memset(in, 'b', 195);
    memcpy(in + 195, "     x.pdf", 11);
    assert_int_equal(evidence_filename_clean(in, EVIDENCE_PDF, &got, &e), 0);
    assert_int_equal(strlen(got), 195 + 4);
    assert_string_equal(got + 195, ".pdf");
    mem_free(got);
}

static void filename_survives_alloc_failure(void **state)
{
    (void)state;
    for (long n = 1; n < 40; n++) {
        err_t e;
        mem_fail_after(n);
        char *got;
        int rc = evidence_filename_clean("Ba\xcc\x81o ca\xcc\x81o.pdf", EVIDENCE_PDF, &got, &e);
        mem_fail_after(-1);
        assert_true(rc == 0 || rc == ERR_NOMEM);
        if (got) {
            assert_string_equal(got, "Báo cáo.pdf");
            mem_free(got);
        } else {
            assert_int_equal(e.status, ERR_NOMEM);
        }
    }
}

static void content_disposition_header(void **state)
{
    (void)state;
    char *h = evidence_content_disposition("report.pdf");
    assert_string_equal(h, "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    mem_free(h);
    h = evidence_content_disposition("Báo cáo Q3.pdf");
    assert_string_equal(h, "attachment; filename=\"B_o c_o Q3.pdf\"; "
                           "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20Q3.pdf");
    mem_free(h);
    h = evidence_content_disposition("a\"b%c\\d;e,f'g(1).pdf");
    assert_string_equal(h, "attachment; filename=\"a_b_c_d;e,f'g(1).pdf\"; "
                           "filename*=UTF-8''a%22b%25c%5Cd%3Be%2Cf%27g%281%29.pdf");
    mem_free(h);
}

/* ---- the store ------------------------------------------------------------- */

static evidence_upload_t upload_of(const char *unit, const void *data, size_t len, const char *name)
{
    evidence_upload_t in = {.unit_code = unit,
                            .attached_type = "task_update",
                            .attached_id = 42,
                            .filename = name,
                            .data = data,
                            .len = len};
    return in;
}

/* Regular files below dir (recursively); *tmp counts those named .tmp-*. */
static int count_files(const char *dir, int *tmp)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char *p = testdir_join(dir, de->d_name);
        struct stat st;
        assert_int_equal(lstat(p, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            n += count_files(p, tmp);
        } else {
            n++;
            if (strncmp(de->d_name, ".tmp-", 5) == 0)
                (*tmp)++;
        }
        free(p);
    }
    closedir(d);
    return n;
}

static void sha_hex(const void *data, size_t len, char out[65])
{
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(d, data, len);
    sodium_bin2hex(out, 65, d, sizeof d);
}

static void upload_stores_content_once(void **state)
{
    fixture_t *f = *state;
    err_t e;
    evidence_t ev, ev2, ev3;
    bool dup = true;
    evidence_upload_t in = upload_of("VL25.SNV", PDF, sizeof PDF - 1, "Báo cáo.pdf");
    assert_int_equal(evidence_upload(f->a, &f->officer, &in, &ev, &dup, &e), 0);
    assert_false(dup);
    char want[65];
    sha_hex(PDF, sizeof PDF - 1, want);
    assert_string_equal(ev.sha256, want);
    assert_true(ev.id > 0);
    assert_int_equal(ev.size, sizeof PDF - 1);
    assert_string_equal(ev.kind, "pdf");
    assert_string_equal(ev.content_type, "application/pdf");
    assert_string_equal(ev.filename, "Báo cáo.pdf");
    assert_string_equal(ev.unit_code, "VL25.SNV");
    assert_string_equal(ev.owner_login, "canbo.snv");
    assert_int_equal(ev.owner_id, f->officer.id);
    assert_string_equal(ev.attached_type, "task_update");
    assert_int_equal(ev.attached_id, 42);
    assert_true(ev.created_at > 1700000000);

    /* Stored at EVIDENCE_DIR/ab/cd/<hash> with the exact bytes. */
    char path[1024], expect_path[1024];
    assert_int_equal(evidence_content_path(f->a, ev.sha256, path, sizeof path), 0);
    snprintf(expect_path, sizeof expect_path, "%s/%.2s/%.2s/%s", f->ev, want, want + 2, want);
    assert_string_equal(path, expect_path);
    char *got = NULL;
    size_t got_len = 0;
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    got = malloc(4096);
    got_len = fread(got, 1, 4096, fp);
    fclose(fp);
    assert_int_equal(got_len, sizeof PDF - 1);
    assert_memory_equal(got, PDF, got_len);
    free(got);

    /* The same content again: a second row, the same single file. */
    in.filename = "ban-sao.pdf";
    assert_int_equal(evidence_upload(f->a, &f->officer, &in, &ev2, &dup, &e), 0);
    assert_true(dup);
    assert_true(ev2.id != ev.id);
    assert_string_equal(ev2.sha256, ev.sha256);
    int tmp = 0;
    assert_int_equal(count_files(f->ev, &tmp), 1);

    /* Other content: a second file. */
    in = upload_of("VL25.SNV", PNG, sizeof PNG, "anh.png");
    assert_int_equal(evidence_upload(f->a, NULL, &in, &ev3, &dup, &e), 0);
    assert_false(dup);
    assert_string_equal(ev3.owner_login, "");
    assert_int_equal(ev3.owner_id, 0);
    assert_int_equal(count_files(f->ev, &tmp), 2);
    assert_int_equal(tmp, 0);

    /* Read back by id; an audit event per upload. */
    evidence_t back;
    assert_int_equal(evidence_get(f->a, &f->officer, ev2.id, &back, &e), 0);
    assert_string_equal(back.filename, "ban-sao.pdf");
    assert_string_equal(back.owner_login, "canbo.snv");
    assert_int_equal(back.created_at, ev2.created_at);
    int64_t audits = 0;
    assert_int_equal(store_query_int(app_conn(f->a),
                                     "SELECT COUNT(*) FROM audit_event WHERE action = "
                                     "'evidence.upload'",
                                     &audits, &e),
                     0);
    assert_int_equal(audits, 3);

    evidence_t *rows;
    size_t n;
    assert_int_equal(evidence_list(f->a, &f->officer, "task_update", 42, &rows, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_int_equal(rows[0].id, ev.id);
    assert_int_equal(rows[2].id, ev3.id);
    mem_free(rows);
    assert_int_equal(evidence_list(f->a, &f->officer, "task_update", 43, &rows, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_null(rows);
}

static void upload_paths_never_come_from_the_client(void **state)
{
    fixture_t *f = *state;
    err_t e;
    evidence_t ev;
    evidence_upload_t in = upload_of("VL25.SNV", JPEG, sizeof JPEG, "../../../../tmp/x/evil.jpg");
    assert_int_equal(evidence_upload(f->a, &f->admin, &in, &ev, NULL, &e), 0);
    assert_string_equal(ev.filename, "evil.jpg");
    in.filename = "/etc/cron.d/job.jpg";
    assert_int_equal(evidence_upload(f->a, &f->admin, &in, &ev, NULL, &e), 0);
    assert_string_equal(ev.filename, "job.jpg");
    /* Bad attached types and unit codes are refused before anything is written. */
    in.filename = "a.jpg";
    in.attached_type = "../x";
    assert_int_equal(evidence_upload(f->a, &f->admin, &in, &ev, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "evidence.attached_invalid");
    in.attached_type = "task_update";
    in.unit_code = "../../VL25.SNV";
    assert_int_equal(evidence_upload(f->a, &f->admin, &in, &ev, NULL, &e), ERR_NOTFOUND);
    /* One file only, named by its hash, in the evidence store; nothing else in the test dir
     * besides the database files. */
    int tmp = 0;
    assert_int_equal(count_files(f->ev, &tmp), 1);
    assert_int_equal(tmp, 0);
    int all = count_files(f->dir, &tmp);
    int db_files = testdir_exists(f->db);
    char *wal = testdir_join(f->dir, "cchc.db-wal"), *shm = testdir_join(f->dir, "cchc.db-shm");
    db_files += testdir_exists(wal) + testdir_exists(shm);
    free(wal);
    free(shm);
    assert_int_equal(all, 1 + db_files);
    char want[65], path[1024];
    sha_hex(JPEG, sizeof JPEG, want);
    assert_int_equal(evidence_content_path(f->a, want, path, sizeof path), 0);
    assert_true(testdir_exists(path));

    /* Only 64 lower-case hex digits make a path. */
    const char *bad[] = {"../../etc/passwd", "", "ABCDEF", NULL};
    for (size_t i = 0; bad[i]; i++)
        assert_int_equal(evidence_content_path(f->a, bad[i], path, sizeof path), ERR_INVALID);
    char upper[65];
    for (int i = 0; i < 64; i++)
        upper[i] = (char)(want[i] >= 'a' ? want[i] - 32 : want[i]);
    upper[64] = '\0';
    assert_int_equal(evidence_content_path(f->a, upper, path, sizeof path), ERR_INVALID);
    assert_int_equal(evidence_content_path(f->a, want, path, 10), ERR_RANGE);
}

static void upload_rejects_bad_files(void **state)
{
    fixture_t *f = *state;
    err_t e;
    evidence_t ev;
    static const unsigned char exe[] = {'M', 'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF};
    evidence_upload_t in = upload_of("VL25.SNV", exe, sizeof exe, "bao-cao.pdf");
    assert_int_equal(evidence_upload(f->a, &f->officer, &in, &ev, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "evidence.type_unsupported");
    static const char html[] = "<html><body onload=alert(1)></body></html>";
    in = upload_of("VL25.SNV", html, sizeof html - 1, "bao-cao.pdf");
    assert_int_equal(evidence_upload(f->a, &f->officer, &in, &ev, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "evidence.type_unsupported");
    in = upload_of("VL25.SNV", PNG, sizeof PNG, "bao-cao.pdf");
    assert_int_equal(evidence_upload(f->a, &f->officer, &in, &ev, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "evidence.extension_mismatch");
    in = upload_of("VL25.SNV", PDF, 0, "rong.pdf");
    assert_int_equal(evidence_upload(f->a, &f->officer, &in, &ev, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "evidence.empty");
    const char *types[] = {
        "", "Task", "task-update", "1task", "a_very_long_attached_type_name_over_32", NULL};
    for (size_t i = 0; types[i]; i++) {
        in = upload_of("VL25.SNV", PDF, sizeof PDF - 1, "a.pdf");
        in.attached_type = types[i];
        assert_int_equal(evidence_upload(f->a, &f->officer, &in, &ev, NULL, &e), ERR_INVALID);
        assert_string_equal(e.code, "evidence.attached_invalid");
    }
    in = upload_of("VL25.SNV", PDF, sizeof PDF - 1, "a.pdf");
    in.attached_id = 0;
    assert_int_equal(evidence_upload(f->a, &f->officer, &in, &ev, NULL, &e), ERR_INVALID);
    in = upload_of("", PDF, sizeof PDF - 1, "a.pdf");
    assert_int_equal(evidence_upload(f->a, &f->officer, &in, &ev, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "evidence.unit_missing");
    int tmp = 0;
    assert_int_equal(count_files(f->ev, &tmp), 0);
}

static void upload_size_limit(void **state)
{
    fixture_t *f = *state;
    app_t *small;
    err_t e;
    app_config_t cfg = {
        .db_path = f->db, .data_dir = f->dir, .evidence_dir = f->ev, .evidence_max = 1024};
    assert_int_equal(app_open(&cfg, &small, &e), 0);
    assert_int_equal(app_evidence_max(small), 1024);
    assert_int_equal(app_evidence_max(f->a), APP_EVIDENCE_MAX_DEFAULT);
    char *big = malloc(1025);
    memcpy(big, PDF, sizeof PDF - 1);
    memset(big + sizeof PDF - 1, '\n', 1025 - (sizeof PDF - 1));
    evidence_t ev;
    evidence_upload_t in = upload_of("VL25.SNV", big, 1025, "lon.pdf");
    assert_int_equal(evidence_upload(small, &f->officer, &in, &ev, NULL, &e), ERR_TOOLARGE);
    assert_string_equal(e.code, "evidence.too_large");
    in.len = 1024;
    assert_int_equal(evidence_upload(small, &f->officer, &in, &ev, NULL, &e), 0);
    assert_int_equal(ev.size, 1024);
    free(big);
    app_close(small);
}

static void upload_needs_write_scope(void **state)
{
    fixture_t *f = *state;
    err_t e;
    evidence_t ev;
    evidence_upload_t in = upload_of("VL25.SNV", PDF, sizeof PDF - 1, "a.pdf");
    assert_int_equal(evidence_upload(f->a, &f->officer, &in, &ev, NULL, &e), 0);
    assert_int_equal(evidence_upload(f->a, &f->other, &in, &ev, NULL, &e), ERR_FORBIDDEN);
    assert_string_equal(e.code, "auth.forbidden");
    assert_int_equal(evidence_upload(f->a, &f->viewer, &in, &ev, NULL, &e), ERR_FORBIDDEN);
    assert_int_equal(evidence_upload(f->a, &f->standing, &in, &ev, NULL, &e), 0);
    assert_int_equal(evidence_upload(f->a, &f->admin, &in, &ev, NULL, &e), 0);
    in.unit_code = "VL25.STC";
    assert_int_equal(evidence_upload(f->a, &f->officer, &in, &ev, NULL, &e), ERR_FORBIDDEN);
    assert_int_equal(evidence_upload(f->a, &f->other, &in, &ev, NULL, &e), 0);
    in.unit_code = "VLG.SNV"; /* dissolved on 2025-07-01: evidence for its past plans */
    assert_int_equal(evidence_upload(f->a, &f->admin, &in, &ev, NULL, &e), 0);
    assert_int_equal(evidence_upload(f->a, &f->other, &in, &ev, NULL, &e), ERR_FORBIDDEN);
    in.unit_code = "KHONG.CO";
    assert_int_equal(evidence_upload(f->a, NULL, &in, &ev, NULL, &e), ERR_NOTFOUND);
    user_t disabled = f->admin;
    disabled.disabled = true;
    in.unit_code = "VL25.SNV";
    assert_int_equal(evidence_upload(f->a, &disabled, &in, &ev, NULL, &e), ERR_FORBIDDEN);
}

static void reading_needs_read_scope(void **state)
{
    fixture_t *f = *state;
    err_t e;
    evidence_t ev, got;
    evidence_upload_t in = upload_of("VL25.SNV", PDF, sizeof PDF - 1, "a.pdf");
    assert_int_equal(evidence_upload(f->a, &f->officer, &in, &ev, NULL, &e), 0);
    const user_t *allowed[] = {&f->officer, &f->viewer, &f->standing, &f->admin, NULL};
    for (size_t i = 0; allowed[i]; i++) {
        assert_int_equal(evidence_get(f->a, allowed[i], ev.id, &got, &e), 0);
        int fd = -1;
        assert_int_equal(evidence_open(f->a, allowed[i], ev.id, &got, &fd, &e), 0);
        char buf[256];
        ssize_t n = read(fd, buf, sizeof buf);
        close(fd);
        assert_int_equal(n, sizeof PDF - 1);
        assert_memory_equal(buf, PDF, (size_t)n);
    }
    assert_int_equal(evidence_get(f->a, &f->other, ev.id, &got, &e), ERR_FORBIDDEN);
    assert_string_equal(e.code, "auth.forbidden");
    int fd = 123;
    assert_int_equal(evidence_open(f->a, &f->other, ev.id, &got, &fd, &e), ERR_FORBIDDEN);
    assert_int_equal(fd, -1);
    evidence_t *rows;
    size_t n;
    assert_int_equal(evidence_list(f->a, &f->other, "task_update", 42, &rows, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(evidence_list(f->a, &f->viewer, "task_update", 42, &rows, &n, &e), 0);
    assert_int_equal(n, 1);
    mem_free(rows);
    assert_int_equal(evidence_get(f->a, &f->admin, 9999, &got, &e), ERR_NOTFOUND);
    assert_string_equal(e.code, "evidence.not_found");
}

static void open_detects_missing_and_damaged_content(void **state)
{
    fixture_t *f = *state;
    err_t e;
    evidence_t ev, got;
    evidence_upload_t in = upload_of("VL25.SNV", PDF, sizeof PDF - 1, "a.pdf");
    assert_int_equal(evidence_upload(f->a, NULL, &in, &ev, NULL, &e), 0);
    char path[1024];
    assert_int_equal(evidence_content_path(f->a, ev.sha256, path, sizeof path), 0);
    assert_int_equal(truncate(path, 10), 0);
    int fd;
    assert_int_equal(evidence_open(f->a, NULL, ev.id, &got, &fd, &e), ERR_IO);
    assert_string_equal(e.code, "evidence.content_damaged");
    /* Uploading the same content again repairs the stored file. */
    bool dup = true;
    assert_int_equal(evidence_upload(f->a, NULL, &in, &got, &dup, &e), 0);
    assert_false(dup);
    assert_int_equal(evidence_open(f->a, NULL, ev.id, &got, &fd, &e), 0);
    close(fd);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(evidence_open(f->a, NULL, ev.id, &got, &fd, &e), ERR_IO);
    assert_string_equal(e.code, "evidence.content_missing");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(sniff_accepts_each_type, setup, teardown),
        cmocka_unit_test_setup_teardown(sniff_rejects_other_content, setup, teardown),
        cmocka_unit_test(filename_cleaning),
        cmocka_unit_test(filename_long_names),
        cmocka_unit_test(filename_survives_alloc_failure),
        cmocka_unit_test(content_disposition_header),
        cmocka_unit_test_setup_teardown(upload_stores_content_once, setup, teardown),
        cmocka_unit_test_setup_teardown(upload_paths_never_come_from_the_client, setup, teardown),
        cmocka_unit_test_setup_teardown(upload_rejects_bad_files, setup, teardown),
        cmocka_unit_test_setup_teardown(upload_size_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(upload_needs_write_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(reading_needs_read_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(open_detects_missing_and_damaged_content, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
