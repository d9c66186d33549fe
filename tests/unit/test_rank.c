/* Ranking among peers (domain/rank.h) and the province of a unit at a date
 * (unit_set_province_of): the rules every ranking uses (issue 10 item 1). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/rank.h"
#include "domain/unit.h"

#include <string.h>

#include "base/banned.h"

static rank_item_t item(const char *scope, int kind, const char *key, double v, bool has)
{
    return (rank_item_t){.scope = scope, .kind = kind, .key = key, .value = v, .has_value = has};
}

static void ranks_within_groups_with_ties(void **state)
{
    (void)state;
    rank_item_t v[] = {
        item("P1", UNIT_SO, "S3", 80, true),    item("P2", UNIT_SO, "Z1", 99, true),
        item("P1", UNIT_SO, "S1", 90, true),    item("P1", UNIT_SO, "S2", 80, true),
        item("P1", UNIT_SO, "S4", 70, true),    item("P1", UNIT_SO, "S5", 0, false),
        item("P1", UNIT_HUYEN, "H1", 95, true), item(NULL, UNIT_TINH, "P1", 50, true),
        item(NULL, UNIT_TINH, "P2", 60, true),
    };
    err_t e;
    assert_int_equal(rank_assign(v, 9, false, &e), 0);
    /* P1's departments: 90, 80, 80, 70 -> 1, 2, 2, 4 of 4; S5 has no data */
    const int rank[] = {2, 1, 1, 2, 4, 0, 1, 2, 1};
    const int of[] = {4, 1, 4, 4, 4, 0, 1, 2, 2};
    for (int i = 0; i < 9; i++) {
        assert_int_equal(v[i].rank, rank[i]);
        assert_int_equal(v[i].of, of[i]);
    }
    /* not reordered */
    assert_string_equal(v[0].key, "S3");
    /* ascending: lower values first */
    assert_int_equal(rank_assign(v, 5, true, &e), 0);
    assert_int_equal(v[4].rank, 1); /* S4 70 */
    assert_int_equal(v[0].rank, 2); /* S3 80, tied with S2 */
    assert_int_equal(v[3].rank, 2);
    assert_int_equal(v[2].rank, 4);
    assert_int_equal(rank_assign(v, 0, false, &e), 0);
}

static void nothing_ranked_without_values(void **state)
{
    (void)state;
    rank_item_t v[] = {item("P", UNIT_XA, "A", 0, false), item("P", UNIT_XA, "B", 0, false)};
    v[0].rank = 7;
    err_t e;
    assert_int_equal(rank_assign(v, 2, false, &e), 0);
    assert_int_equal(v[0].rank, 0);
    assert_int_equal(v[0].of, 0);
    mem_fail_after(0);
    assert_int_equal(rank_assign(v, 2, false, &e), ERR_NOMEM);
    mem_fail_after(-1);
}

static void add(unit_set_t *s, const char *code, unit_kind_t kind, const char *parent,
                const char *from, const char *to)
{
    unit_t u = {0};
    u.code = (char *)code;
    u.name = (char *)code;
    u.kind = kind;
    u.parent = (char *)parent;
    u.valid_from = DATE_NONE;
    u.valid_to = DATE_NONE;
    if (from)
        assert_int_equal(date_parse(from, strlen(from), &u.valid_from), 0);
    if (to)
        assert_int_equal(date_parse(to, strlen(to), &u.valid_to), 0);
    err_t e;
    assert_int_equal(unit_set_add(s, &u, &e), 0);
}

static void province_of_a_unit_at_a_date(void **state)
{
    (void)state;
    unit_set_t s;
    unit_set_init(&s);
    add(&s, "P1", UNIT_TINH, NULL, NULL, "2025-06-30");
    add(&s, "P2", UNIT_TINH, NULL, NULL, NULL);
    add(&s, "H1", UNIT_HUYEN, "P1", NULL, "2025-06-30");
    add(&s, "X1", UNIT_XA, "H1", NULL, "2025-06-30");
    add(&s, "X1", UNIT_XA, "P2", "2025-07-01", NULL); /* P1 merged into P2 */
    add(&s, "D1", UNIT_PHONG, "X1", NULL, NULL);
    add(&s, "R", UNIT_SO, NULL, NULL, NULL); /* a tree without a province */
    add(&s, "R1", UNIT_PHONG, "R", NULL, NULL);
    assert_int_equal(unit_set_index(&s), 0);
    date_t before = date_from_ymd(2025, 3, 1), after = date_from_ymd(2025, 9, 1);
    assert_string_equal(unit_set_province_of(&s, "X1", before), "P1");
    assert_string_equal(unit_set_province_of(&s, "X1", after), "P2");
    assert_string_equal(unit_set_province_of(&s, "D1", before), "P1");
    assert_string_equal(unit_set_province_of(&s, "D1", after), "P2");
    assert_string_equal(unit_set_province_of(&s, "P2", after), "P2");
    /* a unit gone by then: its latest version */
    assert_string_equal(unit_set_province_of(&s, "H1", after), "P1");
    assert_string_equal(unit_set_province_of(&s, "R1", after), "R");
    assert_null(unit_set_province_of(&s, "NOPE", after));
    assert_null(unit_set_province_of(&s, NULL, after));
    /* provinces are ranked nationally, every other unit in its province */
    assert_null(unit_set_rank_scope(&s, "P2", after));
    assert_string_equal(unit_set_rank_scope(&s, "X1", after), "P2");
    assert_null(unit_set_rank_scope(&s, "NOPE", after));
    unit_set_release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ranks_within_groups_with_ties),
        cmocka_unit_test(nothing_ranked_without_values),
        cmocka_unit_test(province_of_a_unit_at_a_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
