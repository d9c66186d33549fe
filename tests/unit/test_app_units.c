/* Unit tests of src/app/app_units: importing the unit registry, all or
 * nothing, against what the database already holds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_units.h"
#include "base/date.h"
#include "base/err.h"
#include "base/log.h"
#include "domain/access.h"
#include "domain/unit.h"
#include "io/unit_io.h"
#include "store/store.h"
#include "support/app_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef app_fixture_t fixture_t;

static int setup(void **state)
{
    log_set_level(LOG_WARN);
    fixture_t *f = app_fixture_new("data/cchc.db");
    app_config_t cfg = {.data_dir = f->dir}; /* no shipped data */
    app_fixture_open(f, &cfg);
    *state = f;
    return 0;
}

static date_t D(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

static int64_t query_int(app_t *a, const char *sql)
{
    err_t e;
    store_t *s;
    assert_int_equal(app_store(a, &s, &e), 0);
    assert_non_null(s);
    store_stmt_t *st;
    assert_int_equal(store_prepare(s, sql, &st, &e), 0);
    assert_int_equal(store_step(st, &e), STORE_ROW);
    int64_t v = store_col_int(st, 0);
    store_stmt_done(st);
    return v;
}

/* Row counts of every table an import touches. */
typedef struct counts {
    int64_t units, aliases, links, audit;
} counts_t;

static counts_t counts(app_t *a)
{
    counts_t c = {query_int(a, "SELECT COUNT(*) FROM unit"),
                  query_int(a, "SELECT COUNT(*) FROM unit_alias"),
                  query_int(a, "SELECT COUNT(*) FROM unit_link"),
                  query_int(a, "SELECT COUNT(*) FROM audit_event")};
    return c;
}

static void assert_same_counts(counts_t x, counts_t y)
{
    assert_int_equal(x.units, y.units);
    assert_int_equal(x.aliases, y.aliases);
    assert_int_equal(x.links, y.links);
    assert_int_equal(x.audit, y.audit);
}

/* Parses CSV text (units or links) named `name` into an initialised set. */
static void parse(const char *text, const char *name, unit_set_t *s)
{
    err_t e;
    if (unit_io_read_csv_mem(text, strlen(text), name, s, &e))
        fail_msg("parse %s: %s", name, e.en);
}

/* Imports CSV text as `name`; returns the status, e filled. */
static int import_text(app_t *a, const user_t *actor, const char *text, const char *name,
                       app_unit_import_report_t *rep, err_t *e)
{
    unit_set_t in;
    unit_set_init(&in);
    parse(text, name, &in);
    err_clear(e);
    int rc = app_units_import(a, actor, &in, name, rep, e);
    unit_set_release(&in);
    return rc;
}

static const char *BASE = "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen,TenKhac\n"
                          "T01,Tỉnh Lâm Sơn,tinh,,,,\n"
                          "SNV,Sở Nội vụ,so,T01,,,SNV;Nội vụ\n"
                          "H01,UBND huyện Tân Lạc,huyen,T01,,30/06/2025,\n"
                          "X01,UBND xã Mãn Đức,xa,H01,,30/06/2025,\n"
                          "X01,UBND xã Mãn Đức,xa,T01,01/07/2025,,Mãn Đức\n";
static const char *LINKS = "MaDonVi,QuanHe,MaDonViKhac,NgayHieuLuc\n"
                           "H01,sap_nhap_vao,T01,01/07/2025\n";

static void import_base(app_t *a)
{
    app_unit_import_report_t rep;
    err_t e;
    unit_set_t in;
    unit_set_init(&in);
    parse(BASE, "units.csv", &in);
    parse(LINKS, "links.csv", &in);
    int rc = app_units_import(a, NULL, &in, "units.csv", &rep, &e);
    if (rc)
        fail_msg("import: %s", e.en);
    unit_set_release(&in);
    assert_int_equal(rep.units, 5);
    assert_int_equal(rep.links, 1);
    assert_int_equal(rep.total, 5);
}

/* Expects a failed import that names file:line and the field and changes
 * nothing in the database. */
static void expect_rejected(app_t *a, const char *text, int status, const char *code,
                            const char *where, const char *field)
{
    counts_t before = counts(a);
    unit_set_t snapshot;
    unit_set_init(&snapshot);
    err_t e;
    assert_int_equal(app_units_load(a, &snapshot, &e), 0);
    app_unit_import_report_t rep = {99, 99, 99};
    int rc = import_text(a, NULL, text, "bad.csv", &rep, &e);
    if (rc != status)
        fail_msg("status %d, want %d: %s", rc, status, e.en);
    assert_string_equal(e.code, code);
    if (!strstr(e.en, where) || !strstr(e.vi, where) || !strstr(e.en, field) ||
        !strstr(e.vi, field))
        fail_msg("want '%s' and '%s' in:\n  vi: %s\n  en: %s", where, field, e.vi, e.en);
    assert_int_equal(rep.units, 99); /* the report is untouched on failure */
    assert_same_counts(before, counts(a));
    /* Not one row changed: the registry loads exactly as before. */
    unit_set_t after;
    unit_set_init(&after);
    assert_int_equal(app_units_load(a, &after, &e), 0);
    assert_int_equal(after.n, snapshot.n);
    for (size_t i = 0; i < after.n; i++) {
        assert_string_equal(after.units[i].code, snapshot.units[i].code);
        assert_string_equal(after.units[i].name, snapshot.units[i].name);
        assert_int_equal(after.units[i].valid_from, snapshot.units[i].valid_from);
        assert_int_equal(after.units[i].valid_to, snapshot.units[i].valid_to);
        if (snapshot.units[i].parent)
            assert_string_equal(after.units[i].parent, snapshot.units[i].parent);
        else
            assert_null(after.units[i].parent);
    }
    unit_set_release(&after);
    unit_set_release(&snapshot);
}

static void import_then_load(void **state)
{
    fixture_t *f = *state;
    import_base(f->a);
    unit_set_t s;
    unit_set_init(&s);
    err_t e;
    assert_int_equal(app_units_load(f->a, &s, &e), 0);
    assert_int_equal(s.n, 5);
    assert_int_equal(s.nlinks, 1);
    const unit_t *snv = unit_set_find(&s, "SNV", DATE_NONE);
    assert_non_null(snv);
    assert_string_equal(snv->name, "Sở Nội vụ");
    assert_string_equal(snv->parent, "T01");
    assert_int_equal(snv->naliases, 2);
    assert_string_equal(unit_set_find(&s, "X01", D("2025-06-30"))->parent, "H01");
    assert_string_equal(unit_set_find(&s, "X01", D("2025-07-01"))->parent, "T01");
    assert_null(unit_set_find(&s, "H01", D("2025-07-01")));
    assert_string_equal(s.links[0].from, "H01");
    unit_set_release(&s);
    /* One audit event, by the local operator, naming the source. */
    assert_int_equal(query_int(f->a, "SELECT COUNT(*) FROM audit_event WHERE actor = 'cli' AND "
                                     "action = 'unit.import' AND object = 'units.csv'"),
                     1);
}

static void bad_imports_change_nothing(void **state)
{
    fixture_t *f = *state;
    import_base(f->a);
    /* Unknown parent, after a valid row that must not be written either. */
    expect_rejected(f->a,
                    "MaDonVi,TenDonVi,Loai,MaDonViCha\n"
                    "S10,Sở Y tế,so,T01\n"
                    "S11,Sở Xây dựng,so,T99\n",
                    ERR_INVALID, "unit.parent_unknown", "bad.csv:3:", "MaDonViCha");
    /* A cycle through a unit already in the database: T01 re-imported
     * (same code and start) below SNV, which is below T01. */
    expect_rejected(f->a,
                    "MaDonVi,TenDonVi,Loai,MaDonViCha\n"
                    "T01,Tỉnh Lâm Sơn,tinh,SNV\n",
                    ERR_INVALID, "unit.cycle", "bad.csv:2:", "MaDonViCha");
    /* A three-unit cycle through stored units: SNV below a new P01, P01
     * below a new P02, P02 below SNV. */
    expect_rejected(f->a,
                    "MaDonVi,TenDonVi,Loai,MaDonViCha\n"
                    "P01,Phòng một,phong,P02\n"
                    "P02,Phòng hai,phong,SNV\n"
                    "SNV,Sở Nội vụ,so,P01\n",
                    ERR_INVALID, "unit.cycle", "bad.csv:", "MaDonViCha");
    /* A parent that exists, but not while the unit does: the stored
     * district ends on 30/6/2025. */
    expect_rejected(f->a,
                    "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu\n"
                    "X02,UBND xã Mới,xa,H01,01/07/2025\n",
                    ERR_INVALID, "unit.parent_period", "bad.csv:2:", "MaDonViCha");
    /* A version overlapping the stored one (stored SNV is open-ended). */
    expect_rejected(f->a,
                    "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu\n"
                    "SNV,Sở Nội vụ (mới),so,T01,01/01/2025\n",
                    ERR_CONFLICT, "unit.overlap", "bad.csv:2:", "SNV");
    /* The stored X01 ends on 30/6/2025 and another starts on 1/7/2025: a
     * third version inside that range overlaps. */
    expect_rejected(f->a,
                    "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen\n"
                    "X01,UBND xã Mãn Đức,xa,T01,01/01/2025,31/12/2025\n",
                    ERR_CONFLICT, "unit.overlap", "bad.csv:2:", "MaDonVi");
    /* Duplicate codes within the file. */
    expect_rejected(f->a,
                    "MaDonVi,TenDonVi,Loai,MaDonViCha\n"
                    "S20,Sở A,so,T01\n"
                    "S21,Sở B,so,T01\n"
                    "S20,Sở A lần hai,so,T01\n",
                    ERR_CONFLICT, "unit.overlap", "bad.csv:4:", "S20");
    {
        /* ... and the message points at the first occurrence. */
        app_unit_import_report_t rep;
        err_t e;
        import_text(f->a, NULL, "MaDonVi,TenDonVi,Loai,MaDonViCha\nS20,A,so,T01\nS20,B,so,T01\n",
                    "dup.csv", &rep, &e);
        assert_non_null(strstr(e.en, "line 2"));
        assert_non_null(strstr(e.vi, "dòng 2"));
    }
    /* A validity period that ends before it starts. */
    expect_rejected(f->a,
                    "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen\n"
                    "S30,Sở C,so,T01,01/07/2025,30/06/2025\n",
                    ERR_INVALID, "unit.period", "bad.csv:2:", "HieuLucTu");
    /* A link to a code that is neither stored nor imported. */
    expect_rejected(f->a,
                    "MaDonVi,QuanHe,MaDonViKhac,NgayHieuLuc\n"
                    "X01,tach_tu,X99,01/07/2025\n",
                    ERR_INVALID, "unit.link_unknown", "bad.csv:2:", "X99");
}

static void bad_first_import_leaves_database_empty(void **state)
{
    fixture_t *f = *state;
    expect_rejected(f->a,
                    "MaDonVi,TenDonVi,Loai,MaDonViCha\n"
                    "T01,Tỉnh,tinh,\n"
                    "SNV,Sở Nội vụ,so,T01\n"
                    "STP,Sở Tư pháp,so,T02\n",
                    ERR_INVALID, "unit.parent_unknown", "bad.csv:4:", "MaDonViCha");
    assert_int_equal(query_int(f->a, "SELECT COUNT(*) FROM unit"), 0);
}

static void reimport_updates_without_duplicating(void **state)
{
    fixture_t *f = *state;
    import_base(f->a);
    counts_t before = counts(f->a);
    app_unit_import_report_t rep;
    err_t e;
    /* Same code and start: an update (new name, aliases, end date). */
    int rc = import_text(f->a, NULL,
                         "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen,TenKhac\n"
                         "SNV,Sở Nội vụ tỉnh Lâm Sơn,so,T01,,31/12/2030,Nội vụ\n",
                         "fix.csv", &rep, &e);
    if (rc)
        fail_msg("%s", e.en);
    assert_int_equal(rep.units, 1);
    assert_int_equal(rep.total, 5);
    counts_t after = counts(f->a);
    assert_int_equal(after.units, before.units);
    assert_int_equal(after.aliases, before.aliases - 1);
    /* the import, and the changed version with its state before and after */
    assert_int_equal(after.audit, before.audit + 2);
    assert_int_equal(query_int(f->a, "SELECT COUNT(*) FROM audit_event WHERE action = "
                                     "'unit.update' AND object = 'unit:SNV' AND before_json LIKE "
                                     "'%\"name\":\"Sở Nội vụ\"%' AND after_json LIKE "
                                     "'%\"valid_to\":\"2030-12-31\"%'"),
                     1);
    unit_set_t s;
    unit_set_init(&s);
    assert_int_equal(app_units_load(f->a, &s, &e), 0);
    const unit_t *snv = unit_set_find(&s, "SNV", DATE_NONE);
    assert_string_equal(snv->name, "Sở Nội vụ tỉnh Lâm Sơn");
    assert_int_equal(snv->valid_to, D("2030-12-31"));
    unit_set_release(&s);

    /* The whole base file again: nothing new. */
    unit_set_t in;
    unit_set_init(&in);
    parse(BASE, "units.csv", &in);
    parse(LINKS, "links.csv", &in);
    assert_int_equal(app_units_import(f->a, NULL, &in, "units.csv", &rep, &e), 0);
    unit_set_release(&in);
    assert_int_equal(rep.total, 5);
    assert_int_equal(counts(f->a).units, 5);
    assert_int_equal(counts(f->a).links, 1);

    /* A renaming: close the stored version and add the next one in the same
     * import. */
    rc = import_text(f->a, NULL,
                     "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen\n"
                     "SNV,Sở Nội vụ,so,T01,,28/02/2025\n"
                     "SNV,Sở Nội vụ và Đào tạo,so,T01,01/03/2025,\n",
                     "rename.csv", &rep, &e);
    if (rc)
        fail_msg("%s", e.en);
    assert_int_equal(rep.total, 6);
    unit_set_init(&s);
    assert_int_equal(app_units_load(f->a, &s, &e), 0);
    assert_string_equal(unit_set_find(&s, "SNV", D("2025-02-28"))->name, "Sở Nội vụ");
    assert_string_equal(unit_set_find(&s, "SNV", D("2025-03-01"))->name, "Sở Nội vụ và Đào tạo");
    assert_string_equal(unit_set_find(&s, "SNV", DATE_NONE)->name, "Sở Nội vụ và Đào tạo");
    unit_set_release(&s);

    /* A unit whose parent exists only in the database is fine. */
    rc = import_text(f->a, NULL, "MaDonVi,TenDonVi,Loai,MaDonViCha\nP01,Phòng CCHC,phong,SNV\n",
                     "p.csv", &rep, &e);
    assert_int_equal(rc, 0);
    assert_int_equal(rep.total, 7);
}

static void only_admins_may_import(void **state)
{
    fixture_t *f = *state;
    import_base(f->a);
    counts_t before = counts(f->a);
    const char *csv = "MaDonVi,TenDonVi,Loai,MaDonViCha\nS40,Sở Y tế,so,T01\n";
    for (int r = ACCESS_ROLE_STANDING; r < ACCESS_ROLE_COUNT; r++) {
        user_t u = {.id = 5, .role = (access_role_t)r};
        snprintf(u.login, sizeof u.login, "user%d", r);
        app_unit_import_report_t rep;
        err_t e;
        /* Whole-system scope does not make a non-admin an admin. */
        assert_int_equal(import_text(f->a, &u, csv, "x.csv", &rep, &e), ERR_FORBIDDEN);
        assert_string_equal(e.code, "auth.forbidden");
        assert_true(strlen(e.vi) > 0 && strlen(e.en) > 0);
        assert_same_counts(before, counts(f->a));
    }
    /* A disabled admin is not an admin. */
    user_t admin = {.id = 1, .role = ACCESS_ROLE_ADMIN, .disabled = true};
    snprintf(admin.login, sizeof admin.login, "boss");
    app_unit_import_report_t rep;
    err_t e;
    assert_int_equal(import_text(f->a, &admin, csv, "x.csv", &rep, &e), ERR_FORBIDDEN);
    assert_same_counts(before, counts(f->a));
    admin.disabled = false;
    assert_int_equal(import_text(f->a, &admin, csv, "x.csv", &rep, &e), 0);
    assert_int_equal(query_int(f->a, "SELECT COUNT(*) FROM audit_event WHERE actor = 'boss' AND "
                                     "object = 'x.csv'"),
                     1);
    assert_int_equal(counts(f->a).units, before.units + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(import_then_load, setup, app_fixture_teardown),
        cmocka_unit_test_setup_teardown(bad_imports_change_nothing, setup, app_fixture_teardown),
        cmocka_unit_test_setup_teardown(bad_first_import_leaves_database_empty, setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(reimport_updates_without_duplicating, setup,
                                        app_fixture_teardown),
        cmocka_unit_test_setup_teardown(only_admins_may_import, setup, app_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
