/* Tests of domain/remind_plan, the reminder generator, on the real agency
 * calendar: a hand-checked walk through the default stages (Tết included),
 * recipients and scopes, unsubscribed kinds, summaries, digests, and
 * random deadlines and days checked against an independent brute-force
 * computation from the working days (agencycal_is_working_day) and the
 * rules; errors and allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/calendar_load.h"
#include "base/mem.h"
#include "domain/remind_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static agencycal_t *cal;

static date_t D(const char *s)
{
    date_t d;
    assert_int_equal(date_parse(s, strlen(s), &d), 0);
    return d;
}

static int setup(void **state)
{
    (void)state;
    err_t e;
    if (calendar_load_load("data", &cal, &e) != 0) {
        fprintf(stderr, "calendar: %s\n", e.en);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    agencycal_free(cal);
    return 0;
}

static void add_unit(unit_set_t *s, const char *code, unit_kind_t kind, const char *parent)
{
    unit_t u = {.code = (char *)code,
                .name = (char *)code,
                .kind = kind,
                .parent = (char *)parent,
                .valid_from = DATE_NONE,
                .valid_to = DATE_NONE};
    assert_int_equal(unit_set_add(s, &u, NULL), 0);
}

/* T01 > SNV, STP, STC, H01 > X01; T02 (another province) > S21 */
static void tree(unit_set_t *s)
{
    unit_set_init(s);
    add_unit(s, "T01", UNIT_TINH, NULL);
    add_unit(s, "SNV", UNIT_SO, "T01");
    add_unit(s, "STP", UNIT_SO, "T01");
    add_unit(s, "STC", UNIT_SO, "T01");
    add_unit(s, "H01", UNIT_HUYEN, "T01");
    add_unit(s, "X01", UNIT_XA, "H01");
    add_unit(s, "T02", UNIT_TINH, NULL);
    add_unit(s, "S21", UNIT_SO, "T02");
}

static user_t mkuser(int64_t id, access_role_t role, const char *unit)
{
    user_t u;
    memset(&u, 0, sizeof u);
    u.id = id;
    snprintf(u.login, sizeof u.login, "u%lld", (long long)id);
    u.role = role;
    snprintf(u.unit_code, sizeof u.unit_code, "%s", unit ? unit : "");
    return u;
}

typedef struct world {
    unit_set_t units;
    remind_rules_t rules;
    user_t u[12];
    remind_user_t ru[12];
    size_t nu;
} world_t;

static void add_user(world_t *w, access_role_t role, const char *unit, bool leader, unsigned off)
{
    size_t i = w->nu++;
    w->u[i] = mkuser((int64_t)i + 1, role, unit);
    w->ru[i] = (remind_user_t){&w->u[i], leader, off};
}

/* 0 STP officer, 1 STP officer, 2 STP leader (viewer role), 3 STC officer,
 * 4 SNV standing (province scope), 5 STP viewer, 6 STP officer disabled,
 * 7 S21 officer (other province), 8 T02 standing, 9 H01 officer who turned
 * off tasks, 10 X01 officer. */
static void world(world_t *w)
{
    memset(w, 0, sizeof *w);
    tree(&w->units);
    remind_rule_defaults(&w->rules);
    add_user(w, ACCESS_ROLE_OFFICER, "STP", false, 0);
    add_user(w, ACCESS_ROLE_OFFICER, "STP", false, 0);
    add_user(w, ACCESS_ROLE_VIEWER, "STP", true, 0);
    add_user(w, ACCESS_ROLE_OFFICER, "STC", false, 0);
    add_user(w, ACCESS_ROLE_STANDING, "T01", false, 0);
    add_user(w, ACCESS_ROLE_VIEWER, "STP", false, 0);
    add_user(w, ACCESS_ROLE_OFFICER, "STP", false, 0);
    w->u[6].disabled = true;
    add_user(w, ACCESS_ROLE_OFFICER, "S21", false, 0);
    add_user(w, ACCESS_ROLE_STANDING, "T02", false, 0);
    add_user(w, ACCESS_ROLE_OFFICER, "H01", false, 1u << REMIND_KIND_TASK);
    add_user(w, ACCESS_ROLE_OFFICER, "X01", false, 0);
}

static remind_plan_in_t input(world_t *w, const remind_deadline_t *dl, size_t n, date_t today)
{
    return (remind_plan_in_t){&w->rules, cal, &w->units, dl, n, w->ru, w->nu, today};
}

/* "user:stage" of each notice of deadline di, sorted, joined by ' '. */
static void describe(const remind_notice_t *v, size_t n, long di, char *out, size_t cap)
{
    char items[64][64];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 64; i++)
        if (v[i].deadline == di)
            snprintf(items[k++], sizeof items[0], "%zu:%s", v[i].user, v[i].stage_key);
    qsort(items, k, sizeof items[0], (int (*)(const void *, const void *))strcmp);
    out[0] = '\0';
    for (size_t i = 0; i < k; i++) {
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s", i ? " " : "", items[i]);
    }
}

static void run_on(world_t *w, const remind_deadline_t *dl, size_t n, const char *day, long di,
                   const char *want)
{
    remind_plan_in_t in = input(w, dl, n, D(day));
    remind_notice_t *v = NULL;
    size_t nv = 0;
    err_t e;
    assert_int_equal(remind_plan_run(&in, &v, &nv, NULL, &e), 0);
    char got[1024];
    describe(v, nv, di, got, sizeof got);
    if (strcmp(got, want) != 0)
        fail_msg("%s: got '%s', want '%s'", day, got, want);
    mem_free(v);
}

/* A task of STP due Friday 15/3/2024, coordinated by STC (lead STP). */
static void walkthrough(void **state)
{
    (void)state;
    world_t w;
    world(&w);
    remind_deadline_t dl[] = {
        {REMIND_KIND_TASK, "task:1", "STP", NULL, "Rà soát", "NV 1", "#/nhiem-vu/1",
         D("2024-03-15"), false, 0},
        {REMIND_KIND_TASK, "task:2", "STC", "STP", "Rà soát", "NV 1", "#/nhiem-vu/2",
         D("2024-03-15"), false, 0},
    };
    run_on(&w, dl, 2, "2024-03-07", 0, "");
    run_on(&w, dl, 2, "2024-03-08", 0, "0:truoc_5 1:truoc_5");
    run_on(&w, dl, 2, "2024-03-10", 0, "0:truoc_5 1:truoc_5"); /* Sunday: still the same */
    run_on(&w, dl, 2, "2024-03-14", 0, "0:truoc_1 1:truoc_1");
    run_on(&w, dl, 2, "2024-03-15", 0, "0:den_han 1:den_han");
    run_on(&w, dl, 2, "2024-03-21", 0, "0:den_han 1:den_han");
    run_on(&w, dl, 2, "2024-03-22", 0, "0:qua_han 1:qua_han");
    /* the coordinating unit's deadline reaches the lead unit's users when late */
    run_on(&w, dl, 2, "2024-03-22", 1, "0:qua_han 1:qua_han 3:qua_han");
    run_on(&w, dl, 2, "2024-03-15", 1, "3:den_han");
    /* 10 working days late: the leader (a viewer flagged leader); weekly after */
    run_on(&w, dl, 2, "2024-03-29", 0, "0:qua_han#2 1:qua_han#2 2:lanh_dao");
    run_on(&w, dl, 2, "2024-04-05", 0, "0:qua_han#3 1:qua_han#3 2:lanh_dao#2");
    /* done: nothing */
    dl[0].done = true;
    run_on(&w, dl, 2, "2024-03-29", 0, "");
    unit_set_release(&w.units);
}

/* Due Friday 16/2/2024 right after Tết (8-14/2 off): five working days
 * before is Friday 2/2; a due on Saturday 17/2 falls on Monday 19/2. */
static void across_tet(void **state)
{
    (void)state;
    world_t w;
    world(&w);
    remind_deadline_t dl[] = {
        {REMIND_KIND_REPORT, "r", "STP", NULL, "Báo cáo", "BC", "", D("2024-02-16"), false, 0},
        {REMIND_KIND_REPORT, "s", "STC", NULL, "Báo cáo", "BC", "", D("2024-02-17"), false, 0},
    };
    run_on(&w, dl, 2, "2024-02-01", 0, "");
    run_on(&w, dl, 2, "2024-02-02", 0, "0:truoc_5 1:truoc_5");
    run_on(&w, dl, 2, "2024-02-07", 0, "0:truoc_5 1:truoc_5");
    run_on(&w, dl, 2, "2024-02-09", 0, "0:truoc_5 1:truoc_5"); /* Tết */
    run_on(&w, dl, 2, "2024-02-15", 0, "0:truoc_1 1:truoc_1");
    run_on(&w, dl, 2, "2024-02-16", 1, "3:truoc_1");
    run_on(&w, dl, 2, "2024-02-19", 1, "3:den_han");
    remind_plan_in_t in = input(&w, dl, 2, D("2024-02-07"));
    remind_notice_t *v = NULL;
    size_t nv = 0;
    assert_int_equal(remind_plan_run(&in, &v, &nv, NULL, NULL), 0);
    assert_int_equal(v[0].days, 2); /* 7/2 -> 16/2: 7/2 and 15/2 */
    assert_int_equal(v[0].fired, D("2024-02-02"));
    mem_free(v);
    assert_int_equal(remind_plan_days(cal, D("2024-02-07"), D("2024-02-16")), 2);
    assert_int_equal(remind_plan_days(cal, D("2024-02-20"), D("2024-02-16")), -2);
    unit_set_release(&w.units);
}

/* Scope, roles, preferences: the H01 officer turned tasks off, X01's
 * officer only sees X01's, other provinces never see T01's. */
static void recipients(void **state)
{
    (void)state;
    world_t w;
    world(&w);
    remind_deadline_t dl[] = {
        {REMIND_KIND_TASK, "a", "H01", NULL, "x", "x", "", D("2024-03-15"), false, 0},
        {REMIND_KIND_REPORT, "b", "H01", NULL, "x", "x", "", D("2024-03-15"), false, 0},
        {REMIND_KIND_TASK, "c", "S21", "STP", "x", "x", "", D("2024-03-15"), false, 0},
        {REMIND_KIND_TASK, "d", "X01", NULL, "x", "x", "", D("2024-03-15"), false, 0},
    };
    run_on(&w, dl, 4, "2024-03-15", 0, "");
    run_on(&w, dl, 4, "2024-03-15", 1, "9:den_han");
    /* the lead STP's officers may not read S21 (another province): the lead
     * class names the lead unit, which is theirs */
    run_on(&w, dl, 4, "2024-03-22", 2, "0:qua_han 1:qua_han 7:qua_han");
    run_on(&w, dl, 4, "2024-03-15", 3, "10:den_han");
    /* a user flagged leader elsewhere than the unit gets nothing */
    w.ru[9].leader = true;
    run_on(&w, dl, 4, "2024-03-29", 1, "9:lanh_dao 9:qua_han#2");
    unit_set_release(&w.units);
}

/* A PAR appraisal round owed by STC reaches the deadline's own roles (STC's
 * appraiser) in place of the rules' (its officer); an STC task still
 * reaches the officer only; the leader class stays the flag's. */
static void deadline_roles(void **state)
{
    (void)state;
    world_t w;
    world(&w);
    add_user(&w, ACCESS_ROLE_APPRAISER, "STC", false, 0); /* 11 */
    remind_deadline_t dl[] = {
        {REMIND_KIND_CAMPAIGN, "campaign:1:round1:STP:STC:2024-03-15", "STC", NULL, "Thẩm định",
         "x", "", D("2024-03-15"), false, 1u << ACCESS_ROLE_APPRAISER},
        {REMIND_KIND_TASK, "task:9", "STC", NULL, "x", "x", "", D("2024-03-15"), false, 0},
    };
    run_on(&w, dl, 2, "2024-03-15", 0, "11:den_han");
    run_on(&w, dl, 2, "2024-03-15", 1, "3:den_han");
    run_on(&w, dl, 2, "2024-03-29", 0, "11:qua_han#2");
    w.ru[3].leader = true; /* STC's officer, flagged leader: reached as the leader only */
    run_on(&w, dl, 2, "2024-03-29", 0, "11:qua_han#2 3:lanh_dao");
    run_on(&w, dl, 2, "2024-03-29", 1, "3:lanh_dao 3:qua_han#2");
    unit_set_release(&w.units);
}

/* The summary: Mondays, to standing users with overdue items in scope. */
static void summary(void **state)
{
    (void)state;
    world_t w;
    world(&w);
    remind_deadline_t dl[] = {
        {REMIND_KIND_TASK, "a", "STP", NULL, "x", "x", "", D("2024-03-01"), false, 0},
        {REMIND_KIND_TASK, "b", "X01", NULL, "x", "x", "", D("2024-03-05"), false, 0},
        {REMIND_KIND_TASK, "c", "X01", NULL, "x", "x", "", D("2024-03-05"), true, 0},
        {REMIND_KIND_TASK, "d", "S21", NULL, "x", "x", "", D("2024-04-30"), false, 0},
    };
    remind_plan_in_t in = input(&w, dl, 4, D("2024-03-13")); /* a Wednesday */
    remind_notice_t *v = NULL;
    size_t nv = 0;
    assert_int_equal(remind_plan_run(&in, &v, &nv, NULL, NULL), 0);
    size_t found = 0;
    for (size_t i = 0; i < nv; i++) {
        if (v[i].deadline >= 0)
            continue;
        found++;
        assert_int_equal(v[i].user, 4); /* T01's standing; T02's has nothing overdue */
        assert_int_equal(v[i].count, 2);
        assert_int_equal(v[i].fired, D("2024-03-11"));
        assert_string_equal(v[i].stage_key, "tong_hop");
        assert_int_equal(v[i].to, REMIND_TO_STANDING);
    }
    assert_int_equal(found, 1);
    mem_free(v);
    /* unsubscribed, or no summary in the rules: none */
    w.ru[4].kinds_off = 1u << REMIND_KIND_SUMMARY;
    assert_int_equal(remind_plan_run(&in, &v, &nv, NULL, NULL), 0);
    for (size_t i = 0; i < nv; i++)
        assert_true(v[i].deadline >= 0);
    mem_free(v);
    w.ru[4].kinds_off = 0;
    w.rules.summary_weekday = 0; /* every working day: the day itself */
    assert_int_equal(remind_plan_run(&in, &v, &nv, NULL, NULL), 0);
    assert_int_equal(v[nv - 1].fired, D("2024-03-13"));
    mem_free(v);
    unit_set_release(&w.units);
}

/* --- the independent computation -------------------------------------------------------------- */

typedef struct days {
    date_t d[1200];
    size_t n;
} days_t;

/* Every working day of 2023-2026 by asking the calendar day by day. */
static void working_days(days_t *w)
{
    w->n = 0;
    for (date_t d = D("2023-01-01"); d <= D("2026-12-31"); d++)
        if (agencycal_is_working_day(cal, d))
            w->d[w->n++] = d;
}

/* The expected stage key of class `to` for a deadline due `due` on `today`
 * ("" when none), by listing each stage's firing days. */
static void expected(const days_t *w, const remind_stages_t *st, unsigned to, date_t due,
                     date_t today, char *out, size_t cap)
{
    size_t e = 0;
    while (e < w->n && w->d[e] < due)
        e++;
    date_t best = DATE_NONE;
    out[0] = '\0';
    for (size_t i = 0; i < st->n; i++) {
        if (!(st->v[i].to & to))
            continue;
        long idx = (long)e + st->v[i].at;
        for (int k = 0; idx >= 0 && (size_t)idx < w->n && w->d[idx] <= today; k++) {
            if (best == DATE_NONE || w->d[idx] >= best) {
                best = w->d[idx];
                if (k)
                    snprintf(out, cap, "%s#%d", st->v[i].id, k + 1);
                else
                    snprintf(out, cap, "%s", st->v[i].id);
            }
            if (st->v[i].every <= 0)
                break;
            idx += st->v[i].every;
        }
    }
}

static unsigned long long rnd_state = 88172645463325252ull;
static unsigned rnd(unsigned n)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return (unsigned)(rnd_state % n);
}

static void random_against_brute_force(void **state)
{
    (void)state;
    static days_t w;
    working_days(&w);
    world_t wd;
    world(&wd);
    wd.rules.def.v[3].every = 3;                           /* make repeats frequent */
    add_user(&wd, ACCESS_ROLE_APPRAISER, "STC", false, 0); /* reached through a deadline's roles */
    static const char *const units[] = {"STP", "STC", "H01", "X01", "S21"};
    enum { N = 60 };
    remind_deadline_t dl[N];
    char keys[N][16];
    long checked = 0;
    for (int round = 0; round < 40; round++) {
        date_t today = D("2024-01-02") + (date_t)rnd(700);
        for (int i = 0; i < N; i++) {
            snprintf(keys[i], sizeof keys[i], "k%d", i);
            const char *lead = rnd(3) == 0 ? units[rnd(5)] : NULL;
            dl[i] = (remind_deadline_t){
                (remind_kind_t)rnd(REMIND_SOURCE_COUNT),
                keys[i],
                units[rnd(5)],
                lead,
                "t",
                "r",
                "",
                today - 60 + (date_t)rnd(90),
                rnd(5) == 0,
                rnd(3) == 0 ? 1u << ACCESS_ROLE_APPRAISER | 1u << ACCESS_ROLE_VIEWER : 0u};
        }
        remind_plan_in_t in = input(&wd, dl, N, today);
        remind_notice_t *v = NULL;
        size_t nv = 0;
        assert_int_equal(remind_plan_run(&in, &v, &nv, NULL, NULL), 0);
        for (int i = 0; i < N; i++) {
            /* the expected list: for each user, each class that reaches them */
            char want[1024] = "", got[1024];
            char items[48][64];
            size_t k = 0;
            const remind_stages_t *st = remind_rule_stages(&wd.rules, dl[i].kind);
            for (size_t u = 0; u < wd.nu && !dl[i].done; u++) {
                const remind_user_t *ru = &wd.ru[u];
                if (ru->user->disabled || (ru->kinds_off & (1u << dl[i].kind)))
                    continue;
                char last[48] = "";
                for (int to = 0; to < 3; to++) {
                    const char *unit = to == REMIND_TO_LEAD ? dl[i].lead : dl[i].unit;
                    if (!unit || strcmp(ru->user->unit_code, unit) != 0)
                        continue;
                    bool rules_role = ru->user->role == ACCESS_ROLE_OFFICER ||
                                      ru->user->role == ACCESS_ROLE_STANDING;
                    bool own = (dl[i].roles & (1u << ru->user->role)) != 0;
                    bool role = to == REMIND_TO_LEADER                    ? ru->leader
                                : to == REMIND_TO_ASSIGNEE && dl[i].roles ? own
                                                                          : rules_role;
                    if (!role)
                        continue;
                    char key[40];
                    expected(&w, st, 1u << to, dl[i].due, today, key, sizeof key);
                    if (*key && strcmp(key, last) != 0) {
                        snprintf(items[k++], sizeof items[0], "%zu:%s", u, key);
                        snprintf(last, sizeof last, "%s", key);
                    }
                }
            }
            qsort(items, k, sizeof items[0], (int (*)(const void *, const void *))strcmp);
            for (size_t j = 0; j < k; j++) {
                size_t len = strlen(want);
                snprintf(want + len, sizeof want - len, "%s%s", j ? " " : "", items[j]);
            }
            describe(v, nv, i, got, sizeof got);
            if (strcmp(got, want) != 0) {
                char day[DATE_ISO_LEN], due[DATE_ISO_LEN];
                date_format(today, day);
                date_format(dl[i].due, due);
                fail_msg("today %s due %s unit %s lead %s: got '%s' want '%s'", day, due,
                         dl[i].unit, dl[i].lead ? dl[i].lead : "-", got, want);
            }
            checked += (long)k;
        }
        mem_free(v);
    }
    assert_true(checked > 300);
    unit_set_release(&wd.units);
}

static void digest(void **state)
{
    (void)state;
    world_t w;
    world(&w);
    remind_deadline_t dl[] = {
        {REMIND_KIND_TASK, "a", "STP", NULL, "x", "x", "", D("2024-03-20"), false, 0}, /* 5 ahead */
        {REMIND_KIND_TASK, "b", "STP", NULL, "x", "x", "", D("2024-03-21"), false, 0}, /* 6 ahead */
        {REMIND_KIND_REPORT, "c", "STP", NULL, "x", "x", "", D("2024-03-01"), false, 0},
        {REMIND_KIND_TASK, "d", "STP", NULL, "x", "x", "", D("2024-02-01"), true, 0},
        {REMIND_KIND_TASK, "e", "X01", NULL, "x", "x", "", D("2024-03-12"), false, 0},
        {REMIND_KIND_TASK, "f", "S21", NULL, "x", "x", "", D("2024-03-12"), false, 0},
        {REMIND_KIND_TASK, "g", "STP", NULL, "x", "x", "", D("2024-03-13"), false, 0},
    };
    remind_plan_in_t in = input(&w, dl, 7, D("2024-03-13"));
    size_t *idx = NULL, n = 0;
    assert_int_equal(remind_plan_digest(&in, &w.ru[0], &idx, &n, NULL), 0);
    assert_int_equal(n, 3);
    assert_int_equal(idx[0], 2); /* overdue first */
    assert_int_equal(idx[1], 6);
    assert_int_equal(idx[2], 0);
    mem_free(idx);
    /* the province's standing user sees X01's too, not S21's */
    assert_int_equal(remind_plan_digest(&in, &w.ru[4], &idx, &n, NULL), 0);
    assert_int_equal(n, 4);
    assert_int_equal(idx[1], 4);
    mem_free(idx);
    /* reports turned off */
    w.ru[0].kinds_off = 1u << REMIND_KIND_REPORT;
    assert_int_equal(remind_plan_digest(&in, &w.ru[0], &idx, &n, NULL), 0);
    assert_int_equal(n, 2);
    mem_free(idx);
    /* the feed: every deadline in scope, done or not, by date */
    w.ru[0].kinds_off = 0;
    assert_int_equal(remind_plan_scope(&in, &w.ru[0], false, &idx, &n, NULL), 0);
    assert_int_equal(n, 5);
    assert_int_equal(idx[0], 3);
    mem_free(idx);
    assert_int_equal(remind_plan_scope(&in, &w.ru[7], true, &idx, &n, NULL), 0);
    assert_int_equal(n, 1);
    assert_int_equal(idx[0], 5);
    mem_free(idx);
    unit_set_release(&w.units);
}

static void range_and_memory(void **state)
{
    (void)state;
    world_t w;
    world(&w);
    remind_deadline_t dl[] = {
        {REMIND_KIND_TASK, "a", "STP", "STC", "x", "x", "", D("2024-03-15"), false, 0},
        {REMIND_KIND_TASK, "b", "STP", NULL, "x", "x", "", D("1999-01-01"), false, 0},
        {REMIND_KIND_TASK, "c", "X01", NULL, "x", "x", "", D("2024-03-01"), false, 0},
    };
    remind_plan_in_t in = input(&w, dl, 3, D("1990-01-01"));
    remind_notice_t *v = NULL;
    size_t nv = 0, skipped = 0;
    err_t e;
    assert_int_equal(remind_plan_run(&in, &v, &nv, &skipped, &e), ERR_RANGE);
    assert_string_equal(e.code, "remind.range");
    size_t *idx;
    assert_int_equal(remind_plan_digest(&in, &w.ru[0], &idx, &nv, &e), ERR_RANGE);
    in.today = D("2024-03-29");
    assert_int_equal(remind_plan_run(&in, &v, &nv, &skipped, &e), 0);
    assert_int_equal(skipped, 1);
    size_t full = nv;
    assert_true(full >= 5);
    mem_free(v);
    bool whole = false;
    for (long k = 1; k < 50 && !whole; k++) {
        mem_fail_after(k);
        int rc = remind_plan_run(&in, &v, &nv, NULL, &e);
        mem_fail_after(-1);
        if (rc == 0) {
            whole = true;
            assert_int_equal(nv, full);
            mem_free(v);
        } else {
            assert_int_equal(rc, ERR_NOMEM);
            assert_null(v);
        }
    }
    assert_true(whole);
    whole = false;
    for (long k = 1; k < 20 && !whole; k++) {
        mem_fail_after(k);
        int rc = remind_plan_digest(&in, &w.ru[4], &idx, &nv, &e);
        mem_fail_after(-1);
        whole = rc == 0;
        if (whole)
            mem_free(idx);
        else
            assert_int_equal(rc, ERR_NOMEM);
    }
    assert_true(whole);
    unit_set_release(&w.units);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(walkthrough), cmocka_unit_test(across_tet),
        cmocka_unit_test(recipients),  cmocka_unit_test(deadline_roles),
        cmocka_unit_test(summary),     cmocka_unit_test(random_against_brute_force),
        cmocka_unit_test(digest),      cmocka_unit_test(range_and_memory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
