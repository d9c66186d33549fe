/* Unit tests of src/domain/unit: kinds, the unit set, validation, dates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/date.h"
#include "base/err.h"
#include "base/mem.h"
#include "domain/unit.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static date_t D(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

/* Adds a unit; from/to are ISO dates or NULL (open). */
static void add(unit_set_t *s, const char *code, const char *name, unit_kind_t kind,
                const char *parent, const char *from, const char *to, int line)
{
    unit_t u = {0};
    u.code = (char *)code;
    u.name = (char *)name;
    u.kind = kind;
    u.parent = (char *)parent;
    u.valid_from = from ? D(from) : DATE_NONE;
    u.valid_to = to ? D(to) : DATE_NONE;
    u.line = line;
    err_t e;
    assert_int_equal(unit_set_add(s, &u, &e), 0);
}

static void add_link(unit_set_t *s, const char *from, const char *to, unit_link_kind_t kind,
                     const char *on, int line)
{
    unit_link_t l = {0};
    l.from = (char *)from;
    l.to = (char *)to;
    l.kind = kind;
    l.on = D(on);
    l.line = line;
    err_t e;
    assert_int_equal(unit_set_add_link(s, &l, &e), 0);
}

/* Validates s with source "units.csv" and checks status, code, and that
 * both messages contain each of the NULL-terminated fragments. */
static void expect_invalid(const unit_set_t *s, int status, const char *code, ...)
{
    err_t e;
    err_clear(&e);
    assert_int_equal(unit_set_validate(s, "units.csv", &e), status);
    assert_int_equal(e.status, status);
    assert_string_equal(e.code, code);
    va_list ap;
    va_start(ap, code);
    for (const char *frag; (frag = va_arg(ap, const char *));) {
        if (!strstr(e.en, frag) || !strstr(e.vi, frag))
            fail_msg("'%s' not in messages:\n  vi: %s\n  en: %s", frag, e.vi, e.en);
    }
    va_end(ap);
}

static void kinds_parse_and_format(void **state)
{
    (void)state;
    static const char *codes[] = {"tinh", "so", "huyen", "xa", "phong", "dvsn"};
    for (int k = 0; k < UNIT_KIND_COUNT; k++) {
        unit_kind_t out = UNIT_KIND_COUNT;
        assert_int_equal(unit_kind_parse(codes[k], &out), 0);
        assert_int_equal(out, k);
        assert_string_equal(unit_kind_code((unit_kind_t)k), codes[k]);
        assert_true(strlen(unit_kind_label_vi((unit_kind_t)k)) > 0);
    }
    unit_kind_t out;
    assert_int_equal(unit_kind_parse("TINH", &out), 0);
    assert_int_equal(out, UNIT_TINH);
    assert_int_equal(unit_kind_parse("Xa", &out), 0);
    assert_int_equal(out, UNIT_XA);
    assert_int_equal(unit_kind_parse("", &out), ERR_INVALID);
    assert_int_equal(unit_kind_parse("district", &out), ERR_INVALID);
    assert_int_equal(unit_kind_parse("so ", &out), ERR_INVALID);
    assert_string_equal(unit_kind_label_vi(UNIT_SO), "Sở, ban, ngành");
    assert_string_equal(unit_kind_label_vi(UNIT_XA), "Cấp xã");
    assert_string_equal(unit_kind_code(UNIT_KIND_COUNT), "?");
    assert_string_equal(unit_kind_label_vi(UNIT_KIND_COUNT), "?");
}

static void link_kinds_parse_and_format(void **state)
{
    (void)state;
    unit_link_kind_t k;
    assert_int_equal(unit_link_kind_parse("sap_nhap_vao", &k), 0);
    assert_int_equal(k, UNIT_LINK_MERGED_INTO);
    assert_int_equal(unit_link_kind_parse("MERGED_INTO", &k), 0);
    assert_int_equal(k, UNIT_LINK_MERGED_INTO);
    assert_int_equal(unit_link_kind_parse("tach_tu", &k), 0);
    assert_int_equal(k, UNIT_LINK_SPLIT_FROM);
    assert_int_equal(unit_link_kind_parse("split_from", &k), 0);
    assert_int_equal(k, UNIT_LINK_SPLIT_FROM);
    assert_int_equal(unit_link_kind_parse("merged", &k), ERR_INVALID);
    assert_int_equal(unit_link_kind_parse("", &k), ERR_INVALID);
    assert_string_equal(unit_link_kind_code(UNIT_LINK_MERGED_INTO), "merged_into");
    assert_string_equal(unit_link_kind_code(UNIT_LINK_SPLIT_FROM), "split_from");
}

static void set_add_deep_copies(void **state)
{
    (void)state;
    char code[] = "SNV", name[] = "Sở Nội vụ", parent[] = "T01", a1[] = "SNV", a2[] = "Nội vụ";
    char *aliases[] = {a1, a2};
    unit_t u = {.code = code,
                .name = name,
                .kind = UNIT_SO,
                .parent = parent,
                .valid_from = D("2020-01-01"),
                .valid_to = DATE_NONE,
                .aliases = aliases,
                .naliases = 2,
                .line = 7,
                .source = code};
    unit_set_t s;
    unit_set_init(&s);
    err_t e;
    assert_int_equal(unit_set_add(&s, &u, &e), 0);
    /* Scribble over the caller's strings: the set must not share them. */
    memset(code, 'X', 3);
    memset(name, 'X', 3);
    memset(parent, 'X', 3);
    memset(a1, 'X', 3);
    memset(a2, 'X', 3);
    assert_int_equal(s.n, 1);
    const unit_t *c = &s.units[0];
    assert_string_equal(c->code, "SNV");
    assert_string_equal(c->name, "Sở Nội vụ");
    assert_string_equal(c->parent, "T01");
    assert_int_equal(c->naliases, 2);
    assert_string_equal(c->aliases[0], "SNV");
    assert_string_equal(c->aliases[1], "Nội vụ");
    assert_true(c->aliases != u.aliases);
    assert_int_equal(c->kind, UNIT_SO);
    assert_int_equal(c->valid_from, D("2020-01-01"));
    assert_int_equal(c->valid_to, DATE_NONE);
    assert_int_equal(c->line, 7);
    assert_string_equal(c->source, "SNV");

    /* A root without aliases; growth past the first capacity. */
    char buf[32];
    for (int i = 0; i < 100; i++) {
        snprintf(buf, sizeof buf, "U%03d", i);
        add(&s, buf, buf, UNIT_XA, NULL, NULL, NULL, i + 2);
    }
    assert_int_equal(s.n, 101);
    assert_null(unit_set_find(&s, "U000", DATE_NONE)->parent);
    assert_string_equal(unit_set_find(&s, "U099", DATE_NONE)->name, "U099");

    /* Missing code or name is refused and nothing is added. */
    unit_t bad = {.code = NULL, .name = name};
    err_clear(&e);
    assert_int_equal(unit_set_add(&s, &bad, &e), ERR_INVALID);
    assert_string_equal(e.code, "unit.incomplete");
    bad.code = code;
    bad.name = NULL;
    assert_int_equal(unit_set_add(&s, &bad, &e), ERR_INVALID);
    assert_int_equal(s.n, 101);

    /* Links are deep copies too. */
    char f[] = "A", t[] = "B";
    unit_link_t l = {.from = f, .to = t, .kind = UNIT_LINK_SPLIT_FROM, .on = D("2025-07-01")};
    assert_int_equal(unit_set_add_link(&s, &l, &e), 0);
    f[0] = t[0] = 'Z';
    assert_string_equal(s.links[0].from, "A");
    assert_string_equal(s.links[0].to, "B");
    assert_int_equal(s.links[0].kind, UNIT_LINK_SPLIT_FROM);

    unit_set_release(&s);
    assert_int_equal(s.n, 0);
    assert_null(s.units);
    /* Releasing twice is harmless (release re-initialises). */
    unit_set_release(&s);
}

/* A valid tree: province, departments, a district until 30/6/2025, and a
 * commune that moves from the district to the province on 1/7/2025. */
static void small_tree(unit_set_t *s)
{
    unit_set_init(s);
    add(s, "T01", "Tỉnh Lâm Sơn", UNIT_TINH, NULL, NULL, NULL, 2);
    add(s, "SNV", "Sở Nội vụ", UNIT_SO, "T01", NULL, NULL, 3);
    add(s, "P01", "Phòng CCHC", UNIT_PHONG, "SNV", NULL, NULL, 4);
    add(s, "H01", "UBND huyện Tân Lạc", UNIT_HUYEN, "T01", NULL, "2025-06-30", 5);
    add(s, "X01", "UBND xã Mãn Đức", UNIT_XA, "H01", NULL, "2025-06-30", 6);
    add(s, "X01", "UBND xã Mãn Đức", UNIT_XA, "T01", "2025-07-01", NULL, 7);
}

static void validate_accepts_a_good_tree(void **state)
{
    (void)state;
    unit_set_t s;
    small_tree(&s);
    add_link(&s, "H01", "T01", UNIT_LINK_MERGED_INTO, "2025-07-01", 2);
    err_t e;
    err_clear(&e);
    assert_int_equal(unit_set_validate(&s, "units.csv", &e), 0);
    assert_int_equal(unit_set_validate(&s, NULL, NULL), 0);
    /* Versions touching end to start are fine. */
    add(&s, "H02", "Huyện cũ", UNIT_HUYEN, "T01", "2020-01-01", "2020-12-31", 8);
    add(&s, "H02", "Huyện mới", UNIT_HUYEN, "T01", "2021-01-01", "2021-12-31", 9);
    add(&s, "H02", "Huyện mới hơn", UNIT_HUYEN, "T01", "2022-01-01", NULL, 10);
    assert_int_equal(unit_set_validate(&s, "units.csv", &e), 0);
    /* A one-day period is valid. */
    add(&s, "Z1", "Một ngày", UNIT_DVSN, "T01", "2024-02-29", "2024-02-29", 11);
    assert_int_equal(unit_set_validate(&s, "units.csv", &e), 0);
    unit_set_release(&s);
}

static void validate_empty_code_or_name(void **state)
{
    (void)state;
    unit_set_t s;
    small_tree(&s);
    add(&s, "", "Không mã", UNIT_SO, "T01", NULL, NULL, 12);
    expect_invalid(&s, ERR_INVALID, "unit.incomplete", "units.csv:12:", "MaDonVi", NULL);
    unit_set_release(&s);

    small_tree(&s);
    add(&s, "S99", "", UNIT_SO, "T01", NULL, NULL, 13);
    expect_invalid(&s, ERR_INVALID, "unit.incomplete", "units.csv:13:", "TenDonVi", NULL);
    unit_set_release(&s);
}

static void validate_period_order(void **state)
{
    (void)state;
    unit_set_t s;
    small_tree(&s);
    add(&s, "S10", "Sở Tư pháp", UNIT_SO, "T01", "2025-07-01", "2025-06-30", 9);
    expect_invalid(&s, ERR_INVALID, "unit.period", "units.csv:9:", "S10", "HieuLucTu", "HieuLucDen",
                   NULL);
    unit_set_release(&s);
}

static void validate_overlapping_versions(void **state)
{
    (void)state;
    unit_set_t s;
    small_tree(&s);
    add(&s, "S10", "Sở Tư pháp", UNIT_SO, "T01", "2020-01-01", "2025-06-30", 8);
    add(&s, "S10", "Sở Tư pháp (mới)", UNIT_SO, "T01", "2025-06-30", NULL, 11);
    /* The later row is blamed, and the earlier one's line is named. */
    expect_invalid(&s, ERR_CONFLICT, "unit.overlap", "units.csv:11:", "S10", "8", "MaDonVi", NULL);
    unit_set_release(&s);

    /* A plain duplicate code (both open-ended). */
    small_tree(&s);
    add(&s, "SNV", "Sở Nội vụ lần hai", UNIT_SO, "T01", NULL, NULL, 20);
    expect_invalid(&s, ERR_CONFLICT, "unit.overlap", "units.csv:20:", "SNV", "3", "MaDonVi", NULL);
    unit_set_release(&s);

    /* An open start overlaps everything before the other's end. */
    small_tree(&s);
    add(&s, "S11", "A", UNIT_SO, "T01", "2024-01-01", NULL, 8);
    add(&s, "S11", "B", UNIT_SO, "T01", NULL, "2024-01-01", 9);
    expect_invalid(&s, ERR_CONFLICT, "unit.overlap", "units.csv:9:", NULL);
    unit_set_release(&s);

    /* Against a version without a known line (e.g. already stored): no
     * bogus "line 0". */
    small_tree(&s);
    s.units[1].line = 0;
    add(&s, "SNV", "Sở Nội vụ mới", UNIT_SO, "T01", "2025-01-01", NULL, 21);
    expect_invalid(&s, ERR_CONFLICT, "unit.overlap", "units.csv:21:", "SNV", "MaDonVi", NULL);
    {
        err_t e;
        unit_set_validate(&s, "units.csv", &e);
        assert_null(strstr(e.en, "line 0"));
        assert_null(strstr(e.vi, "dòng 0"));
    }
    unit_set_release(&s);

    /* The status survives without an err_t. */
    small_tree(&s);
    add(&s, "SNV", "again", UNIT_SO, "T01", NULL, NULL, 20);
    assert_int_equal(unit_set_validate(&s, "units.csv", NULL), ERR_CONFLICT);
    assert_int_equal(unit_set_validate(&s, NULL, NULL), ERR_CONFLICT);
    unit_set_release(&s);
}

static void validate_unknown_parent(void **state)
{
    (void)state;
    unit_set_t s;
    small_tree(&s);
    add(&s, "S12", "Sở Y tế", UNIT_SO, "T99", NULL, NULL, 14);
    expect_invalid(&s, ERR_INVALID, "unit.parent_unknown", "units.csv:14:", "S12", "T99",
                   "MaDonViCha", NULL);
    unit_set_release(&s);
}

static void validate_parent_validity(void **state)
{
    (void)state;
    unit_set_t s;
    /* A commune created on 1/7/2025 below a district dissolved on 30/6/2025:
     * the parent code exists, but not at that time. */
    small_tree(&s);
    add(&s, "X02", "UBND xã Mới", UNIT_XA, "H01", "2025-07-01", NULL, 8);
    expect_invalid(&s, ERR_INVALID, "unit.parent_period", "units.csv:8:", "X02", "H01",
                   "MaDonViCha", NULL);
    unit_set_release(&s);
    /* An open-ended unit below a parent that ends. */
    small_tree(&s);
    add(&s, "P02", "Phòng Tư pháp huyện", UNIT_PHONG, "H01", NULL, NULL, 9);
    expect_invalid(&s, ERR_INVALID, "unit.parent_period", "units.csv:9:", "MaDonViCha", NULL);
    unit_set_release(&s);
    /* A unit that starts before its parent does. */
    small_tree(&s);
    add(&s, "N1", "Đơn vị mới", UNIT_DVSN, NULL, "2024-01-01", NULL, 10);
    add(&s, "N2", "Đơn vị con", UNIT_DVSN, "N1", "2023-06-01", NULL, 11);
    expect_invalid(&s, ERR_INVALID, "unit.parent_period", "units.csv:11:", NULL);
    unit_set_release(&s);
    /* A gap between two versions of the parent. */
    small_tree(&s);
    add(&s, "G", "Có khoảng trống", UNIT_DVSN, NULL, NULL, "2020-12-31", 12);
    add(&s, "G", "Có khoảng trống", UNIT_DVSN, NULL, "2021-02-01", NULL, 13);
    add(&s, "GC", "Con", UNIT_DVSN, "G", "2020-06-01", "2021-06-01", 14);
    expect_invalid(&s, ERR_INVALID, "unit.parent_period", "units.csv:14:", NULL);
    unit_set_release(&s);
    /* Covered by two consecutive versions of the parent (a renaming): fine. */
    small_tree(&s);
    add(&s, "R", "Tên cũ", UNIT_SO, "T01", NULL, "2025-02-28", 15);
    add(&s, "R", "Tên mới", UNIT_SO, "T01", "2025-03-01", NULL, 16);
    add(&s, "RC", "Phòng", UNIT_PHONG, "R", "2024-01-01", NULL, 17);
    add(&s, "RD", "Phòng", UNIT_PHONG, "R", NULL, "2025-12-31", 18);
    err_t e;
    int rc = unit_set_validate(&s, "units.csv", &e);
    if (rc)
        fail_msg("%s", e.en);
    unit_set_release(&s);
}

static void validate_cycles(void **state)
{
    (void)state;
    unit_set_t s;
    small_tree(&s);
    add(&s, "S13", "Tự làm cha", UNIT_SO, "S13", NULL, NULL, 15);
    expect_invalid(&s, ERR_INVALID, "unit.cycle", "units.csv:15:", "S13", "MaDonViCha", NULL);
    unit_set_release(&s);

    /* A -> B -> C -> A */
    small_tree(&s);
    add(&s, "A", "Đơn vị A", UNIT_DVSN, "C", NULL, NULL, 16);
    add(&s, "B", "Đơn vị B", UNIT_DVSN, "A", NULL, NULL, 17);
    add(&s, "C", "Đơn vị C", UNIT_DVSN, "B", NULL, NULL, 18);
    expect_invalid(&s, ERR_INVALID, "unit.cycle", "units.csv:16:", "MaDonViCha", NULL);
    unit_set_release(&s);

    /* A unit hanging below a cycle does not hang the check. */
    small_tree(&s);
    add(&s, "D", "Đơn vị D", UNIT_DVSN, "A", NULL, NULL, 16);
    add(&s, "A", "Đơn vị A", UNIT_DVSN, "B", NULL, NULL, 17);
    add(&s, "B", "Đơn vị B", UNIT_DVSN, "A", NULL, NULL, 18);
    expect_invalid(&s, ERR_INVALID, "unit.cycle", NULL);
    unit_set_release(&s);

    /* Stored units (line 0) come first in a merged set; the imported row
     * that closes the cycle is the one reported. */
    unit_set_init(&s);
    add(&s, "B", "Đơn vị B", UNIT_DVSN, "A", NULL, NULL, 0);
    add(&s, "A", "Đơn vị A", UNIT_DVSN, "B", NULL, NULL, 9);
    expect_invalid(&s, ERR_INVALID, "unit.cycle", "units.csv:9:", "MaDonViCha", NULL);
    unit_set_release(&s);

    /* Two units trading places over time: A above B until 2024, B above A
     * from 2025. At no date is there a cycle. */
    unit_set_init(&s);
    add(&s, "A", "Đơn vị A", UNIT_DVSN, NULL, NULL, "2024-12-31", 2);
    add(&s, "B", "Đơn vị B", UNIT_DVSN, "A", NULL, "2024-12-31", 3);
    add(&s, "B", "Đơn vị B", UNIT_DVSN, NULL, "2025-01-01", NULL, 4);
    add(&s, "A", "Đơn vị A", UNIT_DVSN, "B", "2025-01-01", NULL, 5);
    {
        err_t e;
        int rc = unit_set_validate(&s, "units.csv", &e);
        if (rc)
            fail_msg("false cycle: %s", e.en);
    }
    unit_set_release(&s);

    /* A cycle that only appears from a later date is still found: A is a
     * root until 2024, then goes below B, which is always below A. */
    unit_set_init(&s);
    add(&s, "A", "Đơn vị A", UNIT_DVSN, NULL, NULL, "2024-12-31", 2);
    add(&s, "B", "Đơn vị B", UNIT_DVSN, "A", NULL, NULL, 3);
    add(&s, "A", "Đơn vị A", UNIT_DVSN, "B", "2025-01-01", NULL, 4);
    expect_invalid(&s, ERR_INVALID, "unit.cycle", "MaDonViCha", NULL);
    unit_set_release(&s);

    /* Reparenting over time is not a cycle: X01 below H01, later below
     * T01, and H01 is never below X01. */
    small_tree(&s);
    err_t e;
    assert_int_equal(unit_set_validate(&s, "units.csv", &e), 0);
    unit_set_release(&s);
}

static void validate_links(void **state)
{
    (void)state;
    unit_set_t s;
    small_tree(&s);
    add_link(&s, "H01", "T01", UNIT_LINK_MERGED_INTO, "2025-07-01", 2);
    add_link(&s, "H77", "T01", UNIT_LINK_MERGED_INTO, "2025-07-01", 3);
    expect_invalid(&s, ERR_INVALID, "unit.link_unknown", "units.csv:3:", "H77", "MaDonVi", NULL);
    unit_set_release(&s);

    small_tree(&s);
    add_link(&s, "X01", "X88", UNIT_LINK_SPLIT_FROM, "2025-07-01", 4);
    expect_invalid(&s, ERR_INVALID, "unit.link_unknown", "units.csv:4:", "X88", "MaDonViKhac",
                   NULL);
    unit_set_release(&s);

    small_tree(&s);
    add_link(&s, "X01", "X01", UNIT_LINK_MERGED_INTO, "2025-07-01", 5);
    expect_invalid(&s, ERR_INVALID, "unit.link_self", "units.csv:5:", "X01", "MaDonViKhac", NULL);
    unit_set_release(&s);
}

static void validate_without_source_or_line(void **state)
{
    (void)state;
    unit_set_t s;
    unit_set_init(&s);
    add(&s, "A", "A", UNIT_SO, "NOPE", NULL, NULL, 0);
    err_t e;
    assert_int_equal(unit_set_validate(&s, NULL, &e), ERR_INVALID);
    assert_string_equal(e.code, "unit.parent_unknown");
    /* No prefix at all when neither source nor line is known. */
    assert_true(strncmp(e.en, "Unit A", 6) == 0);
    assert_int_equal(unit_set_validate(&s, "x.json", &e), ERR_INVALID);
    assert_true(strncmp(e.en, "x.json: ", 8) == 0);
    unit_set_release(&s);
    unit_set_init(&s);
    add(&s, "A", "A", UNIT_SO, "NOPE", NULL, NULL, 4);
    assert_int_equal(unit_set_validate(&s, NULL, &e), ERR_INVALID);
    assert_true(strncmp(e.en, "line 4: ", 8) == 0);
    assert_true(strncmp(e.vi, "dòng 4: ", strlen("dòng 4: ")) == 0);
    unit_set_release(&s);
    /* A unit's (link's) own source names it, whatever the caller passes:
     * one import can read several files. */
    unit_set_init(&s);
    unit_t u = {.code = "A",
                .name = "A",
                .kind = UNIT_SO,
                .parent = "NOPE",
                .valid_from = DATE_NONE,
                .valid_to = DATE_NONE,
                .line = 3,
                .source = "units-2.csv"};
    assert_int_equal(unit_set_add(&s, &u, NULL), 0);
    assert_int_equal(unit_set_validate(&s, "import", &e), ERR_INVALID);
    assert_true(strncmp(e.en, "units-2.csv:3: ", 15) == 0);
    assert_true(strncmp(e.vi, "units-2.csv:3: ", 15) == 0);
    unit_set_release(&s);
    unit_set_init(&s);
    add(&s, "A", "A", UNIT_SO, NULL, NULL, NULL, 2);
    unit_link_t l = {.from = "A", .to = "B", .on = D("2025-07-01"), .line = 7, .source = "l.csv"};
    assert_int_equal(unit_set_add_link(&s, &l, NULL), 0);
    assert_int_equal(unit_set_validate(&s, "import", &e), ERR_INVALID);
    assert_true(strncmp(e.en, "l.csv:7: ", 9) == 0);
    unit_set_release(&s);
    /* An empty set is valid. */
    unit_set_init(&s);
    assert_int_equal(unit_set_validate(&s, "empty.csv", &e), 0);
}

static void valid_at_bounds(void **state)
{
    (void)state;
    unit_t u = {.valid_from = D("2020-01-01"), .valid_to = D("2025-06-30")};
    assert_false(unit_valid_at(&u, D("2019-12-31")));
    assert_true(unit_valid_at(&u, D("2020-01-01")));
    assert_true(unit_valid_at(&u, D("2025-06-30")));
    assert_false(unit_valid_at(&u, D("2025-07-01")));
    assert_true(unit_valid_at(&u, DATE_NONE));
    unit_t open = {.valid_from = DATE_NONE, .valid_to = DATE_NONE};
    assert_true(unit_valid_at(&open, D("1900-01-01")));
    assert_true(unit_valid_at(&open, D("9999-12-31")));
    unit_t until = {.valid_from = DATE_NONE, .valid_to = D("2025-06-30")};
    assert_true(unit_valid_at(&until, D("1000-01-01")));
    assert_false(unit_valid_at(&until, D("2025-07-01")));
    unit_t since = {.valid_from = D("2025-07-01"), .valid_to = DATE_NONE};
    assert_false(unit_valid_at(&since, D("2025-06-30")));
    assert_true(unit_valid_at(&since, D("2099-01-01")));
}

static void find_picks_the_version(void **state)
{
    (void)state;
    /* Both insertion orders: "latest" must not depend on it. */
    for (int order = 0; order < 2; order++) {
        unit_set_t s;
        unit_set_init(&s);
        if (order == 0) {
            add(&s, "X", "Tên cũ", UNIT_XA, NULL, NULL, "2025-06-30", 2);
            add(&s, "X", "Tên mới", UNIT_XA, NULL, "2025-07-01", NULL, 3);
        } else {
            add(&s, "X", "Tên mới", UNIT_XA, NULL, "2025-07-01", NULL, 2);
            add(&s, "X", "Tên cũ", UNIT_XA, NULL, NULL, "2025-06-30", 3);
        }
        add(&s, "Y", "Khác", UNIT_XA, NULL, "2020-01-01", "2020-12-31", 4);
        assert_string_equal(unit_set_find(&s, "X", D("2025-06-30"))->name, "Tên cũ");
        assert_string_equal(unit_set_find(&s, "X", D("1990-01-01"))->name, "Tên cũ");
        assert_string_equal(unit_set_find(&s, "X", D("2025-07-01"))->name, "Tên mới");
        assert_string_equal(unit_set_find(&s, "X", DATE_NONE)->name, "Tên mới");
        assert_null(unit_set_find(&s, "Y", D("2021-01-01")));
        assert_null(unit_set_find(&s, "Y", D("2019-12-31")));
        assert_string_equal(unit_set_find(&s, "Y", DATE_NONE)->name, "Khác");
        assert_null(unit_set_find(&s, "Z", DATE_NONE));
        assert_null(unit_set_find(&s, "x", DATE_NONE)); /* codes are case-sensitive */
        unit_set_release(&s);
    }
    /* Three versions in scrambled order: the one starting last wins. */
    unit_set_t s;
    unit_set_init(&s);
    add(&s, "V", "v2", UNIT_SO, NULL, "2021-01-01", "2021-12-31", 2);
    add(&s, "V", "v3", UNIT_SO, NULL, "2022-01-01", NULL, 3);
    add(&s, "V", "v1", UNIT_SO, NULL, NULL, "2020-12-31", 4);
    assert_string_equal(unit_set_find(&s, "V", DATE_NONE)->name, "v3");
    assert_string_equal(unit_set_find(&s, "V", D("2021-06-01"))->name, "v2");
    unit_set_release(&s);
}

static void within_across_levels_and_dates(void **state)
{
    (void)state;
    unit_set_t s;
    small_tree(&s);
    date_t before = D("2025-06-01"), after = D("2025-07-01");
    /* Every unit is within itself. */
    assert_true(unit_set_within(&s, "X01", "X01", before));
    assert_true(unit_set_within(&s, "T01", "T01", after));
    /* Two and three levels down. */
    assert_true(unit_set_within(&s, "P01", "SNV", before));
    assert_true(unit_set_within(&s, "P01", "T01", before));
    assert_true(unit_set_within(&s, "X01", "H01", before));
    assert_true(unit_set_within(&s, "X01", "T01", before));
    /* After 1/7/2025 the commune hangs directly below the province. */
    assert_false(unit_set_within(&s, "X01", "H01", after));
    assert_true(unit_set_within(&s, "X01", "T01", after));
    /* Not upward, not sideways. */
    assert_false(unit_set_within(&s, "T01", "SNV", before));
    assert_false(unit_set_within(&s, "SNV", "P01", before));
    assert_false(unit_set_within(&s, "X01", "SNV", before));
    assert_false(unit_set_within(&s, "P01", "H01", before));
    /* Unknown codes are within nothing else. */
    assert_false(unit_set_within(&s, "NOPE", "T01", before));
    assert_false(unit_set_within(&s, "P01", "NOPE", before));
    unit_set_release(&s);

    /* A cycle (invalid data) does not loop forever. */
    unit_set_init(&s);
    add(&s, "A", "A", UNIT_SO, "B", NULL, NULL, 1);
    add(&s, "B", "B", UNIT_SO, "A", NULL, NULL, 2);
    assert_false(unit_set_within(&s, "A", "C", DATE_NONE));
    assert_true(unit_set_within(&s, "A", "B", DATE_NONE));
    unit_set_release(&s);
}

static void add_survives_allocation_failures(void **state)
{
    (void)state;
    char *aliases[] = {"Sở NV", "SNV", "Nội vụ"};
    unit_t u = {.code = "SNV",
                .name = "Sở Nội vụ",
                .kind = UNIT_SO,
                .parent = "T01",
                .valid_from = DATE_NONE,
                .valid_to = DATE_NONE,
                .aliases = aliases,
                .naliases = 3,
                .source = "units.csv"};
    /* Into an empty set and into a full one (the 17th add grows it). */
    for (int prefill = 0; prefill <= 16; prefill += 16) {
        long n;
        int ok = 0;
        for (n = 1; n < 64 && !ok; n++) {
            unit_set_t s;
            unit_set_init(&s);
            char code[16];
            for (int i = 0; i < prefill; i++) {
                snprintf(code, sizeof code, "P%d", i);
                add(&s, code, code, UNIT_PHONG, NULL, NULL, NULL, 0);
            }
            err_t e;
            err_clear(&e);
            mem_fail_after(n);
            int rc = unit_set_add(&s, &u, &e);
            mem_fail_after(-1);
            if (rc == 0) {
                ok = 1;
                assert_int_equal(s.n, (size_t)prefill + 1);
                assert_string_equal(s.units[prefill].aliases[2], "Nội vụ");
            } else {
                assert_int_equal(rc, ERR_NOMEM);
                assert_int_equal(e.status, ERR_NOMEM);
                assert_string_equal(e.code, "nomem");
                assert_int_equal(s.n, (size_t)prefill);
            }
            /* The set stays usable after a failure. */
            add(&s, "AFTER", "After", UNIT_SO, NULL, NULL, NULL, 0);
            assert_non_null(unit_set_find(&s, "AFTER", DATE_NONE));
            unit_set_release(&s);
        }
        assert_true(ok);
        assert_true(n > 5); /* the injection really hit several allocations */
    }
    /* Links. */
    int ok = 0;
    for (long n = 1; n < 16 && !ok; n++) {
        unit_set_t s;
        unit_set_init(&s);
        unit_link_t l = {.from = "A", .to = "B", .on = D("2025-07-01"), .source = "l.csv"};
        mem_fail_after(n);
        int rc = unit_set_add_link(&s, &l, NULL);
        mem_fail_after(-1);
        if (rc == 0)
            ok = 1;
        else
            assert_int_equal(rc, ERR_NOMEM);
        assert_int_equal(s.nlinks, ok ? 1 : 0);
        unit_set_release(&s);
    }
    assert_true(ok);
}

/* Issue 16 item 12: one rule for codes and names (docs/internals/hardening.md). */
static void code_rule(void **state)
{
    (void)state;
    err_t e;
    const char *good[] = {"T01", "VLG.VPUBND.TTPVHCC", "a", "9", "S_1-2.x", "H0001"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (unit_code_check(good[i], &e))
            fail_msg("'%s' refused: %s", good[i], e.en);
    char long_code[5001];
    memset(long_code, 'A', sizeof long_code - 1);
    long_code[sizeof long_code - 1] = '\0';
    char max_code[UNIT_CODE_MAX + 2];
    memset(max_code, 'B', sizeof max_code - 1);
    max_code[UNIT_CODE_MAX] = '\0';
    assert_int_equal(unit_code_check(max_code, &e), 0);
    max_code[UNIT_CODE_MAX] = 'B';
    max_code[UNIT_CODE_MAX + 1] = '\0';
    const char *bad[] = {"A/B", "TS TA", "..",   ".",  "",    "A..B", ".A",      "A.",
                         "-A",  "A%2F",  "A\nB", "Sở", "A?B", "A\\B", long_code, max_code};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (unit_code_check(bad[i], &e) != ERR_INVALID)
            fail_msg("'%.40s' accepted", bad[i]);
        assert_string_equal(e.code, "unit.code_invalid");
        assert_true(strlen(e.en) < 200); /* a long code is not echoed whole */
    }
}

static void name_rule(void **state)
{
    (void)state;
    err_t e;
    assert_int_equal(unit_name_check("Sở Nội vụ tỉnh Vĩnh Long", &e), 0);
    char longname[UNIT_NAME_MAX + 2];
    memset(longname, 'x', sizeof longname - 1);
    longname[UNIT_NAME_MAX] = '\0';
    assert_int_equal(unit_name_check(longname, &e), 0);
    longname[UNIT_NAME_MAX] = 'x';
    longname[UNIT_NAME_MAX + 1] = '\0';
    const char *bad[] = {"", "Sở\nNội vụ", "Tab\there", " Sở", "Sở ", "\x7f", "S\xe1", longname};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (unit_name_check(bad[i], &e) != ERR_INVALID)
            fail_msg("name %zu accepted", i);
        assert_string_equal(e.code, "unit.name_invalid");
    }
    /* unit_check: code, name, parent and aliases */
    char *aliases[] = {"SNV", "bad\x01alias"};
    unit_t u = {
        .code = "SNV", .name = "Sở Nội vụ", .parent = "T01", .aliases = aliases, .naliases = 1};
    assert_int_equal(unit_check(&u, &e), 0);
    u.naliases = 2;
    assert_int_equal(unit_check(&u, &e), ERR_INVALID);
    assert_non_null(strstr(e.en, "alias"));
    u.naliases = 1;
    u.parent = "T/01";
    assert_int_equal(unit_check(&u, &e), ERR_INVALID);
    assert_non_null(strstr(e.en, "parent"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kinds_parse_and_format),
        cmocka_unit_test(code_rule),
        cmocka_unit_test(name_rule),
        cmocka_unit_test(link_kinds_parse_and_format),
        cmocka_unit_test(set_add_deep_copies),
        cmocka_unit_test(validate_accepts_a_good_tree),
        cmocka_unit_test(validate_empty_code_or_name),
        cmocka_unit_test(validate_period_order),
        cmocka_unit_test(validate_overlapping_versions),
        cmocka_unit_test(validate_unknown_parent),
        cmocka_unit_test(validate_parent_validity),
        cmocka_unit_test(validate_cycles),
        cmocka_unit_test(validate_links),
        cmocka_unit_test(validate_without_source_or_line),
        cmocka_unit_test(valid_at_bounds),
        cmocka_unit_test(find_picks_the_version),
        cmocka_unit_test(within_across_levels_and_dates),
        cmocka_unit_test(add_survives_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
