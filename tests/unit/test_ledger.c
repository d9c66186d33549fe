/* Tests of the ledger use cases on a fresh temporary database: catalogue
 * import, bulk ingest with rejects, --strict, resume, re-import. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/app_conn.h"
#include "support/app_fixture.h"
#include "support/testdir.h"
#include "app/app_ledger.h"
#include "io/dossier_io.h"
#include "app/app_units.h"
#include "io/procedure_io.h"
#include "io/unit_io.h"
#include "store/store_ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

typedef app_fixture_t fx_t;

static const char *UNITS = "MaDonVi,TenDonVi,Loai,MaDonViCha\n"
                           "T,Tỉnh,tinh,\nH1,Huyện 1,huyen,T\nX1,Xã 1,xa,H1\nX2,Xã 2,xa,H1\n";
static const char *PROCS =
    "MaTTHC,TenTTHC,LinhVuc,ThoiGianGiaiQuyet,DonViTinh,MucDo,DuDieuKienToanTrinh,CoPhi,"
    "ThanhToanTrucTuyen,CongKhai,MaDonVi\n"
    "P1,Đăng ký khai sinh,Hộ tịch,3,ngay_lam_viec,toan_trinh,1,0,0,1,X1;X2\n"
    "P2,Cấp phép xây dựng,Xây dựng,15,ngay_lam_viec,mot_phan,1,1,1,1,H1\n";
#define HDR                                                                                        \
    "MaHoSo,MaTTHC,MaDonVi,KenhThucHien,ToanTrinh,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,"        \
    "NgayTraKetQua,TrangThaiHoSo,SoLanBoSung,NgayYeuCauBoSung,NgayBoSung,"                         \
    "DuocThanhToanTrucTuyen,HoSoCoThanhPhanSoHoa,CoKetQuaDienTu,DanhGia\n"

static int setup(void **state)
{
    fx_t *f = app_fixture_start();
    err_t e;
    unit_set_t us;
    unit_set_init(&us);
    assert_int_equal(unit_io_read_csv_mem(UNITS, strlen(UNITS), "u", &us, &e), 0);
    assert_int_equal(app_units_import(f->a, NULL, &us, "u", NULL, &e), 0);
    unit_set_release(&us);
    procedure_set_t ps;
    procedure_set_init(&ps);
    assert_int_equal(procedure_io_read_mem(PROCS, strlen(PROCS), "p", &ps, &e), 0);
    size_t n;
    assert_int_equal(app_ledger_import_procedures(f->a, NULL, &ps, "p", &n, &e), 0);
    assert_int_equal(n, 2);
    procedure_set_release(&ps);
    *state = f;
    return 0;
}

/* Writes text to dir/name; returns the path (valid until the next call). */
static const char *file(fx_t *f, const char *name, const char *text)
{
    static char path[4200];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    testdir_write(path, text, strlen(text));
    return path;
}

static int64_t count(fx_t *f, const char *table_sql)
{
    store_t *s;
    assert_int_equal(app_store(f->a, &s, NULL), 0);
    store_stmt_t *st;
    assert_int_equal(store_prepare(s, table_sql, &st, NULL), 0);
    assert_int_equal(store_step(st, NULL), STORE_ROW);
    int64_t v = store_col_int(st, 0);
    store_stmt_done(st);
    return v;
}

static void catalogue_rejects_unknown_unit(void **state)
{
    fx_t *f = *state;
    procedure_set_t ps;
    procedure_set_init(&ps);
    const char *bad = "MaTTHC,TenTTHC,LinhVuc,ThoiGianGiaiQuyet,DonViTinh,MucDo,"
                      "DuDieuKienToanTrinh,CoPhi,ThanhToanTrucTuyen,CongKhai,MaDonVi\n"
                      "P9,X,Y,3,ngay_lam_viec,khong,0,0,0,1,NOPE\n";
    err_t e;
    assert_int_equal(procedure_io_read_mem(bad, strlen(bad), "b", &ps, &e), 0);
    assert_int_equal(app_ledger_import_procedures(f->a, NULL, &ps, "b", NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "procedure.unit_unknown");
    procedure_set_release(&ps);
    const char *bad2 = "MaTTHC,TenTTHC,LinhVuc,ThoiGianGiaiQuyet,DonViTinh,MucDo,"
                       "DuDieuKienToanTrinh,CoPhi,ThanhToanTrucTuyen,CongKhai\n"
                       "P9,X,Y,3,tuan,khong,0,0,0,1\n";
    procedure_set_init(&ps);
    assert_int_equal(procedure_io_read_mem(bad2, strlen(bad2), "b", &ps, &e), ERR_INVALID);
    assert_non_null(strstr(e.en, "DonViTinh"));
    procedure_set_release(&ps);
}

static const char *BAD_FILE =
    HDR "A1,P1,X1,2,1,2024-03-04 09:00,2024-03-07 09:00,2024-03-05 10:00,2024-03-05 11:00,10,0,,,0,"
        "1,1,3\n"
        "A2,P1,NOPE,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,0\n"
        "A3,PX,X1,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,0\n"
        "A4,P1,X1,1,0,2024-03-04 09:00,,2024-03-01 10:00,,9,0,,,0,0,0,0\n"
        "A5,P1,X1,1,0,2024-03-04 09:00,,,,12,0,,,0,0,0,0\n"
        "A1,P1,X1,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,0\n"
        "A6,P1,X1,1,0\n"
        "A7,P1,X1,1,0,04/03/2024 09:00,,,,4,0,,,0,0,0,0\n"
        "A8,P1,X1,1,0,2024-13-04 09:00,,,,4,0,,,0,0,0,0\n"
        "A9,P2,H1,\"1\",0,2024-03-04T09:00:00+07:00,,,,4,0,,,0,0,0,0\n"
        "A10,P1,X2,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,\"0";

static void ingest_with_rejects(void **state)
{
    fx_t *f = *state;
    const char *path = file(f, "bad.csv", BAD_FILE);
    ledger_ingest_opts_t o = {0};
    o.reader = &dossier_io_reader;
    o.no_snapshot = true;
    ledger_ingest_report_t r;
    err_t e;
    assert_int_equal(app_ledger_ingest(f->a, NULL, path, &o, &r, &e), 0);
    assert_int_equal(r.st.inserted, 3); /* A1, A7, A9 */
    assert_int_equal(r.st.rejected, 8);
    assert_int_equal(r.st.reasons[LREJ_UNIT], 1);
    assert_int_equal(r.st.reasons[LREJ_PROCEDURE], 1);
    assert_int_equal(r.st.reasons[LREJ_ORDER], 1);
    assert_int_equal(r.st.reasons[LREJ_STATUS], 1);
    assert_int_equal(r.st.reasons[LREJ_DUPLICATE], 1);
    assert_int_equal(r.st.reasons[LREJ_COLUMNS], 1);
    assert_int_equal(r.st.reasons[LREJ_DATE], 1);
    assert_int_equal(r.st.reasons[LREJ_TRUNCATED], 1);
    char *rej = NULL;
    size_t n;
    FILE *rf = fopen(r.rejects_path, "rb");
    assert_non_null(rf);
    rej = calloc(1, 8192);
    n = fread(rej, 1, 8191, rf);
    fclose(rf);
    assert_true(n > 0);
    assert_non_null(strstr(rej, "3,unit,"));
    assert_non_null(strstr(rej, "7,duplicate,"));
    assert_non_null(strstr(rej, "A6,P1,X1,1,0"));
    free(rej);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM dossier"), 3);
    /* the same file again: already done */
    assert_int_equal(app_ledger_ingest(f->a, NULL, path, &o, &r, &e), 0);
    assert_true(r.already_done);
    /* the state and its events */
    dossier_t d;
    store_ledger_dossier_meta_t m;
    assert_int_equal(store_ledger_dossier_load(app_conn(f->a), "A1", &d, &m, &e), 0);
    assert_int_equal(d.status, DS_RETURNED);
    assert_int_equal(d.rating, 3);
    assert_int_equal(m.batches, 1);
}

static void strict_writes_nothing(void **state)
{
    fx_t *f = *state;
    const char *path = file(f, "bad2.csv", BAD_FILE);
    ledger_ingest_opts_t o = {0};
    o.reader = &dossier_io_reader;
    o.strict = true;
    o.no_snapshot = true;
    ledger_ingest_report_t r;
    err_t e;
    assert_int_equal(app_ledger_ingest(f->a, NULL, path, &o, &r, &e), ERR_INVALID);
    assert_string_equal(e.code, "ingest.strict");
    assert_int_equal(count(f, "SELECT COUNT(*) FROM dossier"), 0);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM ingest_job"), 0);
}

static volatile sig_atomic_t stop_now = 1;

static void resume_after_interrupt_and_reimport(void **state)
{
    fx_t *f = *state;
    char text[4096] = HDR;
    for (int i = 1; i <= 7; i++) {
        size_t n = strlen(text);
        snprintf(text + n, sizeof text - n,
                 "R%d,P1,X%d,2,1,2024-03-0%d 09:00,2024-03-1%d 09:00,2024-03-0%d 10:00,,9,0,,,0,1,"
                 "0,0\n",
                 i, 1 + i % 2, i, i, i + 1);
    }
    size_t n = strlen(text);
    snprintf(text + n, sizeof text - n, "%s", "R8,P1,NOPE,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,0\n");
    const char *path = file(f, "r.csv", text);
    ledger_ingest_opts_t o = {0};
    o.reader = &dossier_io_reader;
    o.batch = 3;
    o.stop = &stop_now;
    o.no_snapshot = true;
    ledger_ingest_report_t r;
    err_t e;
    assert_int_equal(app_ledger_ingest(f->a, NULL, path, &o, &r, &e), 0);
    assert_true(r.interrupted);
    assert_int_equal(r.st.inserted, 3);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM dossier"), 3);
    o.stop = NULL;
    assert_int_equal(app_ledger_ingest(f->a, NULL, path, &o, &r, &e), 0);
    assert_true(r.resumed);
    assert_int_equal(r.resumed_at, 4);
    assert_int_equal(r.st.skipped, 3);
    assert_int_equal(r.st.inserted, 4);
    assert_int_equal(r.st.rejected, 1);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM dossier"), 7);
    /* A newer record of R1 (returned later) replaces it; an older one of R2
     * is ignored; JSON lines are accepted. */
    const char *jl =
        "{\"MaHoSo\":\"R1\",\"MaTTHC\":\"P1\",\"MaDonVi\":\"X2\",\"KenhThucHien\":2,"
        "\"NgayTiepNhan\":\"2024-03-01 09:00\",\"NgayKetThucXuLy\":\"2024-03-02 10:00\","
        "\"NgayTraKetQua\":\"2024-03-05 10:00\",\"TrangThaiHoSo\":10,\"DanhGia\":2}\n"
        "{\"MaHoSo\":\"R2\",\"MaTTHC\":\"P1\",\"MaDonVi\":\"X1\",\"KenhThucHien\":1,"
        "\"NgayTiepNhan\":\"2024-03-02 09:00\",\"TrangThaiHoSo\":4}\n"
        "{\"MaHoSo\":\"J1\",\"MaTTHC\":\"P2\",\"MaDonVi\":\"H1\",\"KenhThucHien\":3,"
        "\"NgayTiepNhan\":\"2024-03-02 09:00\",\"TrangThaiHoSo\":2}\n"
        "{\"MaHoSo\":\"J2\",";
    path = file(f, "u.jsonl", jl);
    assert_int_equal(app_ledger_ingest(f->a, NULL, path, &o, &r, &e), 0);
    assert_int_equal(r.st.updated, 1);
    assert_int_equal(r.st.older, 1);
    assert_int_equal(r.st.inserted, 1);
    assert_int_equal(r.st.reasons[LREJ_TRUNCATED], 1);
    dossier_t d;
    store_ledger_dossier_meta_t m;
    assert_int_equal(store_ledger_dossier_load(app_conn(f->a), "R1", &d, &m, &e), 0);
    assert_string_equal(d.unit, "X2");
    assert_int_equal(d.status, DS_RETURNED);
    assert_int_equal(m.rev, 2);
    assert_int_equal(m.batches, 2);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM dossier"), 8);
}

/* An ingest into an empty ledger spanning several chunks per transaction
 * and several transactions (PostgreSQL: the set of codes stands for the
 * table, checked once per transaction): a code repeated in a later chunk of
 * the same transaction and one repeated in a later transaction are both
 * rejected as duplicates, every other row gets one dossier and its event
 * row. */
static void repeated_codes_across_chunks_and_transactions(void **state)
{
    fx_t *f = *state;
    enum { ROWS = 3000 };
    size_t cap = (size_t)ROWS * 64 + 256;
    char *text = calloc(1, cap);
    assert_non_null(text);
    size_t n = (size_t)snprintf(text, cap, "%s", HDR);
    for (int i = 1; i <= ROWS; i++) {
        /* line 1501 repeats C100 (same transaction, a later chunk), line
         * 2901 repeats C5 (a later transaction) */
        int code = i == 1500 ? 100 : i == 2900 ? 5 : i;
        n +=
            (size_t)snprintf(text + n, cap - n,
                             "C%d,P1,X%d,1,0,2024-03-04 09:00,,,,4,0,,,0,0,0,0\n", code, 1 + i % 2);
    }
    const char *path = file(f, "many.csv", text);
    free(text);
    ledger_ingest_opts_t o = {0};
    o.reader = &dossier_io_reader;
    o.no_snapshot = true;
    o.slice_ms = 600000; /* chunks of LEDGER_INGEST_SLICE_ROWS, no time limit reached */
    o.batch = 2048;      /* a commit after two chunks */
    ledger_ingest_report_t r;
    err_t e;
    assert_int_equal(app_ledger_ingest(f->a, NULL, path, &o, &r, &e), 0);
    assert_int_equal(r.st.inserted, ROWS - 2);
    assert_int_equal(r.st.rejected, 2);
    assert_int_equal(r.st.reasons[LREJ_DUPLICATE], 2);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM dossier"), ROWS - 2);
    assert_int_equal(count(f, "SELECT COUNT(DISTINCT id) FROM dossier"), ROWS - 2);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM dossier_event e "
                              "JOIN dossier d ON d.id = e.dossier_id"),
                     ROWS - 2);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM dossier_event"), ROWS - 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(catalogue_rejects_unknown_unit, setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(ingest_with_rejects, setup, app_fixture_teardown),
        cmocka_unit_test_setup_teardown(strict_writes_nothing, setup, app_fixture_teardown),
        cmocka_unit_test_setup_teardown(resume_after_interrupt_and_reimport, setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(repeated_codes_across_chunks_and_transactions, setup,
                                        app_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
