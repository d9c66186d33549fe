/* Unit tests of src/domain/unit_resolve: unit and group names to codes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/date.h"
#include "base/err.h"
#include "base/mem.h"
#include "domain/unit.h"
#include "domain/unit_resolve.h"
#include "support/unit_build.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static date_t D(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

static void add(unit_set_t *s, const char *code, const char *name, unit_kind_t kind,
                const char *parent, const char *from, const char *to, const char *alias)
{
    const char *aliases[1] = {alias};
    unit_build_add(s, code, name, kind, parent, from, to, alias ? aliases : NULL, alias ? 1 : 0);
}

typedef struct fixture {
    unit_set_t set;
    unit_resolver_t *r;
} fixture_t;

/* A province before and after the two-tier reform of 1/7/2025. */
static int setup(void **state)
{
    fixture_t *f = mem_calloc(1, sizeof *f);
    unit_set_t *s = &f->set;
    unit_set_init(s);
    add(s, "T01", "Tỉnh Lâm Sơn", UNIT_TINH, NULL, NULL, NULL, NULL);
    add(s, "UBT", "Ủy ban nhân dân tỉnh", UNIT_TINH, NULL, NULL, NULL, NULL);
    add(s, "SNV", "Sở Nội vụ", UNIT_SO, "T01", NULL, NULL, "SNV");
    add(s, "STTTT", "Sở Thông tin và Truyền thông", UNIT_SO, "T01", NULL, "2025-02-28", NULL);
    add(s, "SKHCN", "Sở Khoa học và Công nghệ", UNIT_SO, "T01", NULL, NULL, NULL);
    add(s, "VPUB", "Văn phòng Ủy ban nhân dân tỉnh", UNIT_SO, "T01", NULL, NULL, NULL);
    add(s, "STP", "Sở Tư pháp", UNIT_SO, "T01", NULL, NULL, NULL);
    add(s, "BQL", "Ban Quản lý các khu công nghiệp", UNIT_SO, "T01", NULL, NULL, NULL);
    add(s, "H01", "UBND huyện Tân Lạc", UNIT_HUYEN, "T01", NULL, "2025-06-30", NULL);
    add(s, "H02", "UBND thành phố Hòa Bình", UNIT_HUYEN, "T01", NULL, "2025-06-30", NULL);
    add(s, "H03", "UBND thị xã Lương Sơn", UNIT_HUYEN, "T01", NULL, "2025-06-30", NULL);
    add(s, "X01", "UBND xã Mãn Đức", UNIT_XA, "H01", NULL, "2025-06-30", NULL);
    add(s, "X02", "UBND thị trấn Mường Khến", UNIT_XA, "H01", NULL, "2025-06-30", NULL);
    add(s, "X03", "UBND xã Tân Lạc", UNIT_XA, "T01", "2025-07-01", NULL, NULL);
    add(s, "P01", "Phòng Tổ chức cán bộ", UNIT_PHONG, "SNV", NULL, NULL, NULL);
    add(s, "P02", "Phòng Tổ chức cán bộ", UNIT_PHONG, "STP", NULL, NULL, NULL);
    add(s, "P03", "Phòng Cải cách hành chính", UNIT_PHONG, "SNV", NULL, NULL, NULL);
    /* Same name, consecutive periods, different codes. */
    add(s, "D1", "Trung tâm Phục vụ hành chính công", UNIT_DVSN, "T01", NULL, "2024-12-31", NULL);
    add(s, "D2", "Trung tâm Phục vụ hành chính công", UNIT_DVSN, "T01", "2025-01-01", NULL, NULL);
    /* A renamed unit: one code, two versions with different names. */
    add(s, "SVH", "Sở Văn hóa, Thể thao và Du lịch", UNIT_SO, "T01", NULL, "2025-02-28", NULL);
    add(s, "SVH", "Sở Văn hóa và Thể thao", UNIT_SO, "T01", "2025-03-01", NULL, NULL);
    err_t e;
    f->r = unit_resolve_new(s, &e);
    assert_non_null(f->r);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    unit_resolve_free(f->r);
    unit_set_release(&f->set);
    mem_free(f);
    return 0;
}

/* Resolves name at `at` (ISO or NULL) and checks kind, approximate flag and
 * the codes found (comma-separated, in any order). */
static void expect(fixture_t *f, const char *name, const char *at, unit_match_kind_t kind,
                   bool approx, const char *codes)
{
    unit_match_t m;
    err_t e;
    assert_int_equal(unit_resolve(f->r, name, at ? D(at) : DATE_NONE, &m, &e), 0);
    if (m.kind != kind || m.approximate != approx)
        fail_msg("'%s' at %s: kind %d approx %d, want kind %d approx %d", name, at ? at : "-",
                 m.kind, m.approximate, kind, approx);
    char got[512] = "";
    size_t count = 0;
    for (const char *p = codes; *p;) {
        const char *q = strchr(p, ',');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        bool found = false;
        for (size_t i = 0; i < m.n; i++)
            found |= strlen(m.units[i]->code) == len && strncmp(m.units[i]->code, p, len) == 0;
        if (!found) {
            for (size_t i = 0; i < m.n; i++)
                snprintf(got + strlen(got), sizeof got - strlen(got), "%s ", m.units[i]->code);
            fail_msg("'%s': %.*s missing; got %s", name, (int)len, p, got);
        }
        count++;
        p += len + (q ? 1 : 0);
    }
    if (m.n != count)
        fail_msg("'%s': %zu units, want %zu (%s)", name, m.n, count, codes);
    unit_resolve_match_release(&m);
    assert_null(m.units);
    assert_int_equal(m.n, 0);
}

static void exact_names(void **state)
{
    fixture_t *f = *state;
    expect(f, "Sở Nội vụ", NULL, UNIT_MATCH_UNIT, false, "SNV");
    expect(f, "Sở Tư pháp", "2025-07-01", UNIT_MATCH_UNIT, false, "STP");
    expect(f, "Tỉnh Lâm Sơn", NULL, UNIT_MATCH_UNIT, false, "T01");
    expect(f, "Ban Quản lý các khu công nghiệp", NULL, UNIT_MATCH_UNIT, false, "BQL");
}

static void accent_case_spacing_insensitive(void **state)
{
    fixture_t *f = *state;
    expect(f, "SO NOI VU", NULL, UNIT_MATCH_UNIT, false, "SNV");
    expect(f, "sở nội vụ", NULL, UNIT_MATCH_UNIT, false, "SNV");
    expect(f, "SỞ NỘI VỤ", NULL, UNIT_MATCH_UNIT, false, "SNV");
    expect(f, "  Sở   Nội-vụ. ", NULL, UNIT_MATCH_UNIT, false, "SNV");
    expect(f, "so\tnoi\nvu", NULL, UNIT_MATCH_UNIT, false, "SNV");
    /* Decomposed input (NFD: o + combining horn + combining hook above). */
    expect(f, "So\xCC\x9B\xCC\x89 No\xCC\x82\xCC\xA3i vu\xCC\xA3", NULL, UNIT_MATCH_UNIT, false,
           "SNV");
    /* Đ / đ fold to d. */
    expect(f, "UBND XÃ MÃN ĐỨC", "2025-01-01", UNIT_MATCH_UNIT, false, "X01");
    expect(f, "ubnd xa man duc", "2025-01-01", UNIT_MATCH_UNIT, false, "X01");
}

static void aliases_match(void **state)
{
    fixture_t *f = *state;
    expect(f, "SNV", NULL, UNIT_MATCH_UNIT, false, "SNV");
    expect(f, "snv", NULL, UNIT_MATCH_UNIT, false, "SNV");
}

static void province_suffix_is_dropped(void **state)
{
    fixture_t *f = *state;
    expect(f, "Sở Nội vụ tỉnh", NULL, UNIT_MATCH_UNIT, false, "SNV");
    expect(f, "SỞ TƯ PHÁP TỈNH", NULL, UNIT_MATCH_UNIT, false, "STP");
    /* "UBND tỉnh" itself is a name, not "UBND" + suffix. */
    expect(f, "UBND tỉnh", NULL, UNIT_MATCH_UNIT, false, "UBT");
    expect(f, "Ủy ban nhân dân tỉnh", NULL, UNIT_MATCH_UNIT, false, "UBT");
}

static void abbreviations(void **state)
{
    fixture_t *f = *state;
    /* UBND = Ủy ban nhân dân (either accent placement). */
    expect(f, "Ủy ban nhân dân huyện Tân Lạc", "2025-01-01", UNIT_MATCH_UNIT, false, "H01");
    expect(f, "Uỷ ban nhân dân huyện Tân Lạc", "2025-01-01", UNIT_MATCH_UNIT, false, "H01");
    /* TP = Thành phố, TX = Thị xã, TT = Thị trấn. */
    expect(f, "UBND TP Hòa Bình", "2025-01-01", UNIT_MATCH_UNIT, false, "H02");
    expect(f, "Ủy ban nhân dân Thành phố Hoà Bình", "2025-01-01", UNIT_MATCH_UNIT, false, "H02");
    expect(f, "UBND TP. Hòa Bình", "2025-01-01", UNIT_MATCH_UNIT, false, "H02");
    expect(f, "UBND TX Lương Sơn", "2025-01-01", UNIT_MATCH_UNIT, false, "H03");
    expect(f, "UBND TT Mường Khến", "2025-01-01", UNIT_MATCH_UNIT, false, "X02");
    /* TT&TT = Thông tin và Truyền thông. */
    expect(f, "Sở TT&TT", NULL, UNIT_MATCH_UNIT, false, "STTTT");
    expect(f, "SỞ TT & TT", NULL, UNIT_MATCH_UNIT, false, "STTTT");
    expect(f, "Sở Thông tin và Truyền thông", NULL, UNIT_MATCH_UNIT, false, "STTTT");
    /* VP = Văn phòng. */
    expect(f, "VP UBND tỉnh", NULL, UNIT_MATCH_UNIT, false, "VPUB");
    expect(f, "Văn phòng UBND tỉnh", NULL, UNIT_MATCH_UNIT, false, "VPUB");
    expect(f, "Văn phòng Ủy ban nhân dân tỉnh", NULL, UNIT_MATCH_UNIT, false, "VPUB");
    /* Abbreviations only apply to whole words. */
    expect(f, "Sở Nội vụtp", NULL, UNIT_MATCH_NONE, false, "");
}

static void names_with_va_stay_whole(void **state)
{
    fixture_t *f = *state;
    /* "và" inside a name is part of the name, not a list separator. */
    expect(f, "Sở Thông tin và Truyền thông", "2025-01-01", UNIT_MATCH_UNIT, false, "STTTT");
    expect(f, "Sở Khoa học và Công nghệ", NULL, UNIT_MATCH_UNIT, false, "SKHCN");
    expect(f, "Sở Văn hóa, Thể thao và Du lịch", NULL, UNIT_MATCH_UNIT, false, "SVH");
    expect(f, "Sở Văn hóa và Thể thao", "2025-07-01", UNIT_MATCH_UNIT, false, "SVH");
}

static void approximate_unique_prefix(void **state)
{
    fixture_t *f = *state;
    expect(f, "Sở Khoa học", NULL, UNIT_MATCH_UNIT, true, "SKHCN");
    expect(f, "Ban Quản lý", NULL, UNIT_MATCH_UNIT, true, "BQL");
    /* Word prefixes only: a cut word does not match. */
    expect(f, "Sở Khoa h", NULL, UNIT_MATCH_NONE, false, "");
    /* Too short to guess from. */
    expect(f, "Sở", NULL, UNIT_MATCH_NONE, false, "");
    /* Several candidates: ambiguous, still flagged approximate. */
    expect(f, "UBND xã", NULL, UNIT_MATCH_AMBIGUOUS, true, "X01,X03");
    expect(f, "UBND xã", "2025-06-01", UNIT_MATCH_UNIT, true, "X01");
    /* The same prefix on the new tree has one candidate. */
    expect(f, "UBND xã", "2025-07-01", UNIT_MATCH_UNIT, true, "X03");
    /* Exact beats prefix: "Sở Văn hóa và Thể thao" is also a word prefix of
     * nothing else, and exact matches are not approximate. */
    expect(f, "Sở Văn hóa và Thể thao", NULL, UNIT_MATCH_UNIT, false, "SVH");
}

static void ambiguity(void **state)
{
    fixture_t *f = *state;
    expect(f, "Phòng Tổ chức cán bộ", NULL, UNIT_MATCH_AMBIGUOUS, false, "P01,P02");
    expect(f, "PHONG TO CHUC CAN BO", "2025-07-01", UNIT_MATCH_AMBIGUOUS, false, "P01,P02");
    /* Two units sharing a name at different times are not ambiguous at a
     * date, but are over all time. */
    expect(f, "Trung tâm Phục vụ hành chính công", "2024-06-01", UNIT_MATCH_UNIT, false, "D1");
    expect(f, "Trung tâm Phục vụ hành chính công", "2025-03-01", UNIT_MATCH_UNIT, false, "D2");
    expect(f, "Trung tâm Phục vụ hành chính công", NULL, UNIT_MATCH_AMBIGUOUS, false, "D1,D2");
}

static void not_found(void **state)
{
    fixture_t *f = *state;
    expect(f, "Sở Du lịch", NULL, UNIT_MATCH_NONE, false, "");
    expect(f, "", NULL, UNIT_MATCH_NONE, false, "");
    expect(f, "   ", NULL, UNIT_MATCH_NONE, false, "");
    expect(f, "—!?", NULL, UNIT_MATCH_NONE, false, "");
    expect(f, "Sở Nội vụ Sở Tư pháp", NULL, UNIT_MATCH_NONE, false, "");
}

static void dates_filter_units(void **state)
{
    fixture_t *f = *state;
    /* Sở TT&TT was merged away on 1/3/2025. */
    expect(f, "Sở Thông tin và Truyền thông", "2025-02-28", UNIT_MATCH_UNIT, false, "STTTT");
    expect(f, "Sở Thông tin và Truyền thông", "2025-03-01", UNIT_MATCH_NONE, false, "");
    /* Districts end on 30/6/2025. */
    expect(f, "UBND huyện Tân Lạc", "2025-06-30", UNIT_MATCH_UNIT, false, "H01");
    expect(f, "UBND huyện Tân Lạc", "2025-07-01", UNIT_MATCH_NONE, false, "");
    /* The renamed department answers to each name in its own period. */
    expect(f, "Sở Văn hóa, Thể thao và Du lịch", "2025-02-28", UNIT_MATCH_UNIT, false, "SVH");
    expect(f, "Sở Văn hóa, Thể thao và Du lịch", "2025-03-01", UNIT_MATCH_NONE, false, "");
    expect(f, "Sở Văn hóa và Thể thao", "2025-02-28", UNIT_MATCH_NONE, false, "");
}

static void groups(void **state)
{
    fixture_t *f = *state;
    unit_match_t m;
    err_t e;
    assert_int_equal(unit_resolve(f->r, "Các sở, ban, ngành tỉnh", D("2025-07-01"), &m, &e), 0);
    assert_int_equal(m.kind, UNIT_MATCH_GROUP);
    assert_string_equal(m.group, "so");
    assert_string_equal(m.group_vi, "Các sở, ban, ngành tỉnh");
    unit_resolve_match_release(&m);

    const char *so_now = "SNV,SKHCN,VPUB,STP,BQL,SVH";
    expect(f, "Các sở, ban, ngành tỉnh", "2025-07-01", UNIT_MATCH_GROUP, false, so_now);
    expect(f, "CÁC SỞ, BAN, NGÀNH", "2025-07-01", UNIT_MATCH_GROUP, false, so_now);
    expect(f, "các sở ban ngành tỉnh", "2025-01-01", UNIT_MATCH_GROUP, false,
           "SNV,STTTT,SKHCN,VPUB,STP,BQL,SVH");
    /* Over all time each code appears once, even with two versions. */
    expect(f, "Các sở, ban, ngành tỉnh", NULL, UNIT_MATCH_GROUP, false,
           "SNV,STTTT,SKHCN,VPUB,STP,BQL,SVH");

    expect(f, "UBND cấp huyện", "2025-06-30", UNIT_MATCH_GROUP, false, "H01,H02,H03");
    expect(f, "Ủy ban nhân dân cấp huyện", "2025-06-30", UNIT_MATCH_GROUP, false, "H01,H02,H03");
    expect(f, "UBND các huyện, thị xã, thành phố", "2025-06-30", UNIT_MATCH_GROUP, false,
           "H01,H02,H03");
    /* After the reform the district group is empty. */
    expect(f, "UBND cấp huyện", "2025-07-01", UNIT_MATCH_GROUP, false, "");

    expect(f, "UBND cấp xã", "2025-06-30", UNIT_MATCH_GROUP, false, "X01,X02");
    expect(f, "UBND cấp xã", "2025-07-01", UNIT_MATCH_GROUP, false, "X03");
    expect(f, "UBND các xã, phường, thị trấn", "2025-06-30", UNIT_MATCH_GROUP, false, "X01,X02");

    /* The standing agency of the steering committee is Sở Nội vụ. */
    expect(f, "Cơ quan thường trực BCĐ CCHC tỉnh", NULL, UNIT_MATCH_GROUP, false, "SNV");
    expect(f, "Cơ quan thường trực Ban Chỉ đạo cải cách hành chính tỉnh", "2025-07-01",
           UNIT_MATCH_GROUP, false, "SNV");
    assert_int_equal(unit_resolve(f->r, "Cơ quan thường trực BCĐ CCHC tỉnh", DATE_NONE, &m, &e), 0);
    assert_string_equal(m.group, "standing");
    assert_string_equal(m.group_vi, "Cơ quan thường trực BCĐ CCHC tỉnh");
    unit_resolve_match_release(&m);

    /* "Các cơ quan, đơn vị" = departments and districts. */
    expect(f, "Các cơ quan, đơn vị", "2025-06-30", UNIT_MATCH_GROUP, false,
           "SNV,SKHCN,VPUB,STP,BQL,SVH,H01,H02,H03");
    /* "Related agencies" is a group with no fixed members. */
    assert_int_equal(unit_resolve(f->r, "Các cơ quan, đơn vị có liên quan", DATE_NONE, &m, &e), 0);
    assert_int_equal(m.kind, UNIT_MATCH_GROUP);
    assert_string_equal(m.group, "related");
    assert_int_equal(m.n, 0);
    unit_resolve_match_release(&m);
}

static void invalid_utf8_is_rejected(void **state)
{
    fixture_t *f = *state;
    unit_match_t m;
    err_t e;
    err_clear(&e);
    assert_int_equal(unit_resolve(f->r, "S\xE1\xBB N\xff", DATE_NONE, &m, &e), ERR_INVALID);
    assert_int_equal(e.status, ERR_INVALID);
    assert_string_equal(e.code, "unit.name_invalid");
    assert_int_equal(m.kind, UNIT_MATCH_NONE);
    assert_null(m.units);
    unit_resolve_match_release(&m);
    /* Without an err_t. */
    assert_int_equal(unit_resolve(f->r, "\xC0\xAF", DATE_NONE, &m, NULL), ERR_INVALID);
    unit_resolve_match_release(&m);
}

static void name_keys(void **state)
{
    (void)state;
    static const char *cases[][2] = {
        {"Sở Nội vụ", "so noi vu"},
        {"Sở Nội vụ tỉnh", "so noi vu"},
        {"UBND tỉnh", "ubnd tinh"},
        {"Ủy ban nhân dân tỉnh", "ubnd tinh"},
        {"tỉnh", "tinh"},
        {"Sở Thông tin và Truyền thông", "so tttt"},
        {"Sở TT&TT", "so tttt"},
        {"Văn phòng HĐND tỉnh", "vp hdnd"},
        {"Ban Chỉ đạo CCHC", "bcd cchc"},
        {"Cải cách hành chính", "cchc"},
        {"UBND Thành phố Hòa Bình", "ubnd tp hoa binh"},
        {"", ""},
        {"!!!", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = -99;
        char *k = unit_resolve_name_key(cases[i][0], &rc);
        assert_non_null(k);
        assert_int_equal(rc, 0);
        if (strcmp(k, cases[i][1]) != 0)
            fail_msg("key of '%s' is '%s', want '%s'", cases[i][0], k, cases[i][1]);
        mem_free(k);
    }
    int rc = 0;
    assert_null(unit_resolve_name_key("\xff", &rc));
    assert_int_equal(rc, ERR_INVALID);
}

static void resolver_edge_cases(void **state)
{
    (void)state;
    /* Empty set. */
    unit_set_t s;
    unit_set_init(&s);
    err_t e;
    unit_resolver_t *r = unit_resolve_new(&s, &e);
    assert_non_null(r);
    unit_match_t m;
    assert_int_equal(unit_resolve(r, "Sở Nội vụ", DATE_NONE, &m, &e), 0);
    assert_int_equal(m.kind, UNIT_MATCH_NONE);
    unit_resolve_match_release(&m);
    assert_int_equal(unit_resolve(r, "UBND cấp xã", DATE_NONE, &m, &e), 0);
    assert_int_equal(m.kind, UNIT_MATCH_GROUP);
    assert_int_equal(m.n, 0);
    unit_resolve_match_release(&m);
    unit_resolve_free(r);
    unit_resolve_free(NULL);

    /* A name that is not UTF-8 is left out of the index: it matches nothing,
     * the other names still do. */
    add(&s, "BAD", "S\xff", UNIT_SO, NULL, NULL, NULL, NULL);
    add(&s, "SNV", "Sở Nội vụ", UNIT_SO, NULL, NULL, NULL, NULL);
    r = unit_resolve_new(&s, &e);
    assert_non_null(r);
    assert_int_equal(unit_resolve(r, "Sở Nội vụ", DATE_NONE, &m, &e), 0);
    assert_int_equal(m.kind, UNIT_MATCH_UNIT);
    unit_resolve_match_release(&m);
    unit_resolve_free(r);
    unit_set_release(&s);
}

static void survives_allocation_failures(void **state)
{
    fixture_t *f = *state;
    bool built = false;
    for (long n = 1; n < 400 && !built; n++) {
        err_t e;
        mem_fail_after(n);
        unit_resolver_t *r = unit_resolve_new(&f->set, &e);
        mem_fail_after(-1);
        if (r) {
            built = true;
            unit_resolve_free(r);
        } else {
            assert_int_equal(e.status, ERR_NOMEM);
        }
    }
    assert_true(built);
    static const char *names[] = {"Các sở, ban, ngành tỉnh", "Phòng Tổ chức cán bộ", "UBND xã",
                                  "Cơ quan thường trực BCĐ CCHC tỉnh"};
    for (size_t i = 0; i < 4; i++) {
        bool ok = false;
        for (long n = 1; n < 100 && !ok; n++) {
            unit_match_t m;
            err_t e;
            mem_fail_after(n);
            int rc = unit_resolve(f->r, names[i], DATE_NONE, &m, &e);
            mem_fail_after(-1);
            if (rc == 0) {
                ok = true;
                assert_true(m.n > 0);
            } else {
                assert_int_equal(rc, ERR_NOMEM);
                assert_null(m.units);
            }
            unit_resolve_match_release(&m);
        }
        assert_true(ok);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(exact_names, setup, teardown),
        cmocka_unit_test_setup_teardown(accent_case_spacing_insensitive, setup, teardown),
        cmocka_unit_test_setup_teardown(aliases_match, setup, teardown),
        cmocka_unit_test_setup_teardown(province_suffix_is_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(abbreviations, setup, teardown),
        cmocka_unit_test_setup_teardown(names_with_va_stay_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(approximate_unique_prefix, setup, teardown),
        cmocka_unit_test_setup_teardown(ambiguity, setup, teardown),
        cmocka_unit_test_setup_teardown(not_found, setup, teardown),
        cmocka_unit_test_setup_teardown(dates_filter_units, setup, teardown),
        cmocka_unit_test_setup_teardown(groups, setup, teardown),
        cmocka_unit_test_setup_teardown(invalid_utf8_is_rejected, setup, teardown),
        cmocka_unit_test(name_keys),
        cmocka_unit_test(resolver_edge_cases),
        cmocka_unit_test_setup_teardown(survives_allocation_failures, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
