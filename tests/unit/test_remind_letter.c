/* Tests of the follow-up letter (công văn đôn đốc): the pure builder
 * (domain/remind_letter) and the use case (app_remind_letter) on a small
 * province: numbering in the issuer's series, the rounds recorded against
 * the tasks ("lần 2"), previews, scopes; the PDF read back as text in
 * reading order and looked at as an image (ink where ND 30 puts the header,
 * the title and the signature), the DOCX converted by LibreOffice. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_remind.h"
#include "app/app_remind_letter.h"
#include "base/log.h"
#include "base/mem.h"
#include "domain/remind_letter.h"
#include "io/offdoc_docx.h"
#include "io/offdoc_pdf.h"
#include "store/store.h"
#include "support/app_conn.h"
#include "support/doctools.h"
#include "support/run_cmd.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static date_t D(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

/* --- the pure builder -------------------------------------------------------------------- */

static const offdoc_block_t *find_table(const offdoc_t *d)
{
    for (size_t i = 0; i < offdoc_count(d); i++)
        if (offdoc_block(d, i)->kind == OFFDOC_B_TABLE)
            return offdoc_block(d, i);
    return NULL;
}

static void builder(void **state)
{
    (void)state;
    const char *units[] = {"Sở Tư pháp", "Sở Tài chính"};
    remind_letter_item_t items[] = {
        {"Sở Tài chính", "Số hóa hồ sơ", "Nhiệm vụ 2, KH 01", NULL, D("2024-03-01"), 20, 2},
        {"Sở Tư pháp", "Rà soát thủ tục", "Nhiệm vụ 1, KH 01", "2024Q1", D("2024-03-15"), 11, 3},
    };
    remind_letter_t l = {"UBND tỉnh Một", "Sở Nội vụ",    "Sở Nội vụ",    5,    "SNV-CCHC", "Một",
                         D("2024-04-01"), 2024,           units,          2,    items,      2,
                         D("2024-04-15"), "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", NULL, "VT, CCHC"};
    offdoc_t *d = NULL;
    err_t e;
    assert_int_equal(remind_letter_build(&l, &d, &e), 0);
    const offdoc_head_t *h = offdoc_head(d);
    assert_int_equal(h->kind, OFFDOC_LETTER);
    assert_string_equal(h->issuer, "SỞ NỘI VỤ");
    assert_string_equal(h->superior, "UBND TỈNH MỘT");
    assert_string_equal(h->summary,
                        "đôn đốc thực hiện nhiệm vụ cải cách hành chính năm 2024 (lần 2)");
    char line[OFFDOC_LINE_MAX];
    offdoc_number_line(d, line);
    assert_string_equal(line, "Số: 05/SNV-CCHC");
    assert_int_equal(h->nto, 2);
    assert_string_equal(h->cc[0], "Như trên");
    const offdoc_block_t *t = find_table(d);
    assert_non_null(t);
    assert_int_equal(t->tab->nrows, 3);
    assert_string_equal(t->tab->rows[2].cells[5].text, "Lần 3");
    assert_non_null(strstr(t->tab->rows[2].cells[1].text, "(quý I/2024)"));
    assert_string_equal(t->tab->rows[1].cells[3].text, "01/03/2024");
    assert_string_equal(t->tab->rows[1].cells[4].text, "20");
    offdoc_free(d);

    /* seven units: Kính gửi the appendix, the table in it */
    const char *many[7] = {"A", "B", "C", "D", "E", "F", "G"};
    l.units = many;
    l.nunits = 7;
    assert_int_equal(remind_letter_build(&l, &d, &e), 0);
    assert_int_equal(offdoc_head(d)->nto, 1);
    assert_string_equal(offdoc_head(d)->to[0], "Các cơ quan, đơn vị có tên tại Phụ lục kèm theo");
    bool appendix = false;
    for (size_t i = 0; i < offdoc_count(d); i++)
        appendix = appendix || offdoc_block(d, i)->kind == OFFDOC_B_APPENDIX;
    assert_true(appendix);
    offdoc_free(d);

    /* nothing to say */
    l.nitems = 0;
    assert_int_equal(remind_letter_build(&l, &d, &e), ERR_INVALID);
    assert_string_equal(e.code, "remind_letter.empty");
    assert_null(d);
    /* allocation failures leave nothing behind */
    l.nitems = 2;
    l.units = units;
    l.nunits = 2;
    bool whole = false;
    for (long k = 1; k < 400 && !whole; k++) {
        mem_fail_after(k);
        int rc = remind_letter_build(&l, &d, &e);
        mem_fail_after(-1);
        whole = rc == 0;
        if (whole)
            offdoc_free(d);
        else
            assert_true(rc == ERR_NOMEM || rc == ERR_INVALID);
    }
    assert_true(whole);
}

/* --- the use case ------------------------------------------------------------------------- */

typedef struct fx {
    char *dir, *db;
    app_t *a;
} fx_t;

static const char *SEED =
    "INSERT INTO unit (code, name, name_key, kind, parent_code) VALUES "
    "('T01', 'UBND tỉnh Một', 'ubnd tinh mot', 'tinh', NULL),"
    "('T01.SNV', 'Sở Nội vụ', 'so noi vu', 'so', 'T01'),"
    "('T01.SNV.CCHC', 'Phòng Cải cách hành chính', 'phong cai cach hanh chinh', 'phong', "
    "'T01.SNV'),"
    "('T01.STP', 'Sở Tư pháp', 'so tu phap', 'so', 'T01'),"
    "('T01.STC', 'Sở Tài chính', 'so tai chinh', 'so', 'T01');"
    "INSERT INTO plan (id, doc_hash, unit_code, number, year, title, imported_at, imported_by, "
    "tracking_started) VALUES (1, 'h1', 'T01', '01/KH-UBND', 2024, 'Kế hoạch CCHC năm 2024', "
    "'2024-01-10T08:00:00', 'cli', '2024-01-10T08:00:00');"
    "INSERT INTO task (id, plan_id, seq, task_no, title, deadline_text) VALUES "
    "(1, 1, 1, '1', 'Rà soát thủ tục hành chính', 'Ngày 15/03/2024'),"
    "(2, 1, 2, '2', 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', 'Tháng 02/2024'),"
    "(3, 1, 3, '3', 'Tuyên truyền cải cách hành chính', 'Tháng 12/2024');"
    "INSERT INTO task_assignment (id, task_id, role, seq, label, unit_code) VALUES "
    "(11, 1, 'lead', 1, 'Sở Tư pháp', 'T01.STP'),"
    "(21, 2, 'lead', 1, 'Sở Tài chính', 'T01.STC'),"
    "(31, 3, 'lead', 1, 'Sở Tư pháp', 'T01.STP');"
    "INSERT INTO app_user (id, login, full_name, password_hash, role, unit_code, created_at) "
    "VALUES "
    "(1, 'stp1', 'Cán bộ Tư pháp', 'x', 'officer', 'T01.STP', '2024-01-01T00:00:00'),"
    "(2, 'cchc', 'Phòng CCHC', 'x', 'standing', 'T01.SNV.CCHC', '2024-01-01T00:00:00'),"
    "(3, 'stc1', 'Cán bộ Tài chính', 'x', 'officer', 'T01.STC', '2024-01-01T00:00:00');";

static int setup(void **state)
{
    log_set_level(LOG_WARN);
    fx_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->db = testdir_join(f->dir, "cchc.db");
    app_config_t cfg = {.db_path = f->db, .data_dir = "data"};
    err_t e;
    if (app_open(&cfg, &f->a, &e) || store_exec(app_conn(f->a), SEED, &e)) {
        fprintf(stderr, "setup: %s\n", e.en);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    app_close(f->a);
    free(f->db);
    testdir_remove(f->dir);
    free(f);
    return 0;
}

static user_t mkuser(int64_t id, const char *login, access_role_t role, const char *unit)
{
    user_t u;
    memset(&u, 0, sizeof u);
    u.id = id;
    snprintf(u.login, sizeof u.login, "%s", login);
    u.role = role;
    snprintf(u.unit_code, sizeof u.unit_code, "%s", unit);
    return u;
}

static json_t *letter(fx_t *f, const user_t *actor, const char *unit, bool preview, offdoc_t **doc)
{
    app_remind_letter_in_t in = {unit, NULL,           D("2024-04-01"), DATE_NONE,
                                 NULL, "Nguyễn Văn A", preview};
    json_t *sum = NULL;
    err_t e;
    if (app_remind_letter(f->a, actor, &in, doc, &sum, &e))
        fail_msg("letter: %s", e.en);
    return sum;
}

/* The share of dark pixels of a region of a PGM page image. */
static double ink(const unsigned char *px, int w, int h, double x0, double y0, double x1, double y1)
{
    long dark = 0, all = 0;
    for (int y = (int)(y0 * h); y < (int)(y1 * h); y++)
        for (int x = (int)(x0 * w); x < (int)(x1 * w); x++, all++)
            dark += px[y * w + x] < 128;
    return all ? (double)dark / (double)all : 0;
}

/* Page 1 of pdf as an image: ink in the header's two columns, at the
 * title, in the body and at the signature; white margins. */
static void look_at(const char *pdf, const char *dir)
{
    char *prefix = testdir_join(dir, "page");
    const char *args[] = {"-r", "50",          "-gray", "-f",   "1", "-l",
                          "1",  "-singlefile", pdf,     prefix, NULL};
    free(doctools_run_tool("pdftoppm", "poppler-utils", args, 60));
    char *pgm = NULL;
    size_t n = 0;
    char path[1024];
    snprintf(path, sizeof path, "%s.pgm", prefix);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    int w = 0, h = 0, max = 0;
    assert_int_equal(fscanf(fp, "P5 %d %d %d", &w, &h, &max), 3);
    fgetc(fp);
    pgm = malloc((size_t)w * (size_t)h);
    n = fread(pgm, 1, (size_t)w * (size_t)h, fp);
    fclose(fp);
    assert_int_equal(n, (size_t)w * (size_t)h);
    const unsigned char *px = (const unsigned char *)pgm;
    assert_true(w > 350 && h > 500);                           /* A4 at 50 dpi: 413 x 585 */
    assert_true(ink(px, w, h, 0.12, 0.03, 0.45, 0.14) > 0.01); /* issuer, number, V/v */
    assert_true(ink(px, w, h, 0.45, 0.03, 0.95, 0.12) > 0.01); /* Quốc hiệu, Tiêu ngữ, date */
    assert_true(ink(px, w, h, 0.12, 0.20, 0.95, 0.60) > 0.02); /* Kính gửi, body, table */
    assert_true(ink(px, w, h, 0.0, 0.0, 0.10, 1.0) < 0.001);   /* left margin (30 mm) */
    free(pgm);
    free(prefix);
    doctools_screenshot(pdf, 1, "remind-letter-p1");
}

static void numbered_rounds_rendered(void **state)
{
    fx_t *f = *state;
    /* the standing agency's officer (scope: the province) writes as Sở Nội vụ */
    user_t cchc = mkuser(2, "cchc", ACCESS_ROLE_STANDING, "T01");
    offdoc_t *doc = NULL;
    json_t *sum = letter(f, &cchc, "T01.STP", false, &doc);
    assert_string_equal(json_string_value(json_object_get(sum, "number_line")), "Số: 01/SNV-CCHC");
    assert_string_equal(json_string_value(json_object_get(sum, "issuer")), "T01.SNV");
    assert_int_equal(json_integer_value(json_object_get(sum, "round")), 1);
    assert_int_equal(json_array_size(json_object_get(sum, "items")), 1); /* task 3 is not due */
    assert_string_equal(json_string_value(json_object_get(sum, "reply_by")), "2024-04-15");
    json_decref(sum);
    char *pdf = testdir_join(f->dir, "l1.pdf"), *docx = testdir_join(f->dir, "l1.docx");
    err_t e;
    assert_int_equal(offdoc_pdf_write(doc, pdf, &e), 0);
    assert_int_equal(offdoc_docx_write(doc, docx, &e), 0);
    offdoc_free(doc);
    char *text = doctools_pdftotext(pdf, 0);
    const char *want[] = {"UBND TỈNH MỘT",
                          "SỞ NỘI VỤ",
                          "Số: 01/SNV-CCHC",
                          "V/v đôn đốc thực hiện nhiệm vụ cải",
                          "Kính gửi: Sở Tư pháp",
                          "đến ngày 01/04/2024, Sở Tư pháp còn 1 nhiệm",
                          "Rà soát thủ tục hành chính",
                          "15/03/2024",
                          "Lần 1",
                          "trước ngày 15/04/2024",
                          "Nơi nhận",
                          "KT. GIÁM ĐỐC", /* on the line of "Nơi nhận:", to its right */
                          "Như trên",
                          "Nguyễn Văn A"};
    doctools_in_order(text, want, sizeof want / sizeof want[0]);
    free(text);
    look_at(pdf, f->dir);
    char *lo = doctools_lo_to_pdf(docx, f->dir);
    text = doctools_pdftotext(lo, 0);
    const char *want_docx[] = {"SỞ NỘI VỤ", "Số: 01/SNV-CCHC", "Rà soát thủ tục hành chính",
                               "Lần 1", "KT. GIÁM ĐỐC"};
    doctools_in_order(text, want_docx, 5);
    free(text);
    free(lo);

    /* the second letter to the same unit: lần 2, number 2 */
    sum = letter(f, &cchc, "T01.STP", false, &doc);
    assert_string_equal(json_string_value(json_object_get(sum, "number_line")), "Số: 02/SNV-CCHC");
    assert_int_equal(json_integer_value(json_object_get(sum, "round")), 2);
    json_decref(sum);
    assert_int_equal(offdoc_pdf_write(doc, pdf, &e), 0);
    offdoc_free(doc);
    text = doctools_pdftotext(pdf, 0);
    const char *want2[] = {"Số: 02/SNV-CCHC", "(lần 2)", "đã đôn đốc lần 1; nay đôn đốc lần 2",
                           "Lần 2"};
    doctools_in_order(text, want2, 4);
    free(text);

    /* a preview numbers and records nothing */
    sum = letter(f, &cchc, NULL, true, &doc);
    assert_int_equal(json_integer_value(json_object_get(sum, "number")), 0);
    assert_true(json_is_null(json_object_get(sum, "id")));
    json_decref(sum);
    offdoc_free(doc);

    /* every unit: STP's third round, STC's first */
    sum = letter(f, &cchc, NULL, false, &doc);
    assert_string_equal(json_string_value(json_object_get(sum, "number_line")), "Số: 03/SNV-CCHC");
    const json_t *items = json_object_get(sum, "items");
    assert_int_equal(json_array_size(items), 2);
    assert_int_equal(json_array_size(json_object_get(sum, "units")), 2);
    int rounds = 0;
    for (size_t i = 0; i < 2; i++)
        rounds = rounds * 10 +
                 (int)json_integer_value(json_object_get(json_array_get(items, i), "round"));
    assert_true(rounds == 13 || rounds == 31);
    json_decref(sum);
    offdoc_free(doc);

    /* the followed-up units' users see it */
    user_t stp = mkuser(1, "stp1", ACCESS_ROLE_OFFICER, "T01.STP");
    json_t *l = NULL;
    assert_int_equal(app_remind_list(f->a, &stp, false, 50, 0, &l, &e), 0);
    bool seen = false;
    size_t i;
    const json_t *n;
    json_array_foreach(json_object_get(l, "items"), i, n)
    {
        seen = seen || strstr(json_string_value(json_object_get(n, "title")),
                              "Công văn đôn đốc số 01/SNV-CCHC");
    }
    assert_true(seen);
    json_decref(l);
    json_t *list = NULL;
    assert_int_equal(app_remind_letter_list(f->a, &cchc, &list, &e), 0);
    assert_int_equal(json_array_size(json_object_get(list, "items")), 3);
    json_decref(list);
    free(pdf);
    free(docx);
}

static void scopes_and_errors(void **state)
{
    fx_t *f = *state;
    offdoc_t *doc = NULL;
    json_t *sum = NULL;
    err_t e;
    user_t stp = mkuser(1, "stp1", ACCESS_ROLE_OFFICER, "T01.STP");
    user_t stc = mkuser(3, "stc1", ACCESS_ROLE_OFFICER, "T01.STC");
    app_remind_letter_in_t in = {"T01.STP", "T01.SNV", D("2024-04-01"), DATE_NONE, NULL,
                                 NULL,      false};
    /* an officer of STP may not write in the name of Sở Nội vụ */
    assert_int_equal(app_remind_letter(f->a, &stp, &in, &doc, &sum, &e), ERR_FORBIDDEN);
    /* STC may write its own letters, not about STP */
    in.issuer = NULL;
    assert_int_equal(app_remind_letter(f->a, &stc, &in, &doc, &sum, &e), ERR_FORBIDDEN);
    /* the local operator must name the issuer */
    assert_int_equal(app_remind_letter(f->a, NULL, &in, &doc, &sum, &e), ERR_INVALID);
    assert_string_equal(e.code, "remind_letter.issuer");
    in.issuer = "T01";
    in.unit = "NOPE";
    assert_int_equal(app_remind_letter(f->a, NULL, &in, &doc, &sum, &e), ERR_NOTFOUND);
    /* nothing overdue yet in February */
    in.unit = "T01.STP";
    in.on = D("2024-02-01");
    assert_int_equal(app_remind_letter(f->a, NULL, &in, &doc, &sum, &e), ERR_INVALID);
    assert_string_equal(e.code, "remind_letter.empty");
    /* a committee issues as UBND-VP, signed TM. ỦY BAN NHÂN DÂN */
    in.on = D("2024-04-01");
    in.symbol = NULL;
    assert_int_equal(app_remind_letter(f->a, NULL, &in, &doc, &sum, &e), 0);
    assert_string_equal(json_string_value(json_object_get(sum, "symbol")), "UBND-VP");
    assert_null(offdoc_head(doc)->superior);
    assert_non_null(strstr(offdoc_head(doc)->authority, "TM. ỦY BAN NHÂN DÂN"));
    json_decref(sum);
    offdoc_free(doc);
    /* a division issues in its department's name, with its initials */
    in.issuer = "T01.SNV.CCHC";
    assert_int_equal(app_remind_letter(f->a, NULL, &in, &doc, &sum, &e), 0);
    assert_string_equal(json_string_value(json_object_get(sum, "symbol")), "SNV-CCHC");
    assert_string_equal(json_string_value(json_object_get(sum, "issuer")), "T01.SNV");
    assert_string_equal(offdoc_head(doc)->superior, "UBND TỈNH MỘT");
    json_decref(sum);
    offdoc_free(doc);
    in.symbol = "BAD SYMBOL";
    assert_int_equal(app_remind_letter(f->a, NULL, &in, &doc, &sum, &e), ERR_INVALID);
    assert_string_equal(e.code, "remind_letter.symbol");
    /* the standing officer's list; an officer's is refused */
    json_t *list = NULL;
    assert_int_equal(app_remind_letter_list(f->a, &stp, &list, &e), ERR_FORBIDDEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builder),
        cmocka_unit_test_setup_teardown(numbered_rounds_rendered, setup, teardown),
        cmocka_unit_test_setup_teardown(scopes_and_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
