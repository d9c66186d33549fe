/* The reminder scheduler on the demo data (issue 17, "done when"): the
 * demo of `make run` (every script of scripts/seed.d, CCHC_TODAY=2026-05-20)
 * plus officers of two departments, a district and a real province's
 * department, a leader and the standing agency; `cchc remind run --at`
 * for several days must produce exactly the notices computed here,
 * independently, from the due dates the application shows (`task list`,
 * `task show`, `report calendar`, `target list`) and the rules (`remind
 * rules`, and for the open PAR campaign `par campaign list/show`, `par
 * results`, `par sheet`): each stage's firing days are found by walking the
 * agency calendar's working days one by one. Then: a second run records nothing,
 * two processes at once record each notice once, a dry run records
 * nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/calendar_load.h"
#include "domain/agencycal.h"
#include "support/api_fixture.h"
#include "support/run_cmd.h"
#include "support/testdir.h"

#include <dirent.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/banned.h"

#define NOTICES_MAX 20000 /* deadlines and notices of a demo day */

#define TODAY "2026-05-20"

typedef struct fx {
    char *dir, *db;
    agencycal_t *cal;
    date_t wd[2000]; /* working days 2023-2029 (the open PAR campaign runs into 2027) */
    size_t nwd;
} fx_t;

static fx_t *F;

static const char *bin(void)
{
    const char *b = getenv("CCHC_BIN");
    return b ? b : "build/asan/cchc";
}

static date_t D(const char *s)
{
    date_t d = DATE_NONE;
    if (!s || date_parse(s, strlen(s), &d))
        return DATE_NONE;
    return d;
}

static char *cli_out(const char *const *args, int want)
{
    char data[1024];
    snprintf(data, sizeof data, "%s/data", testdir_root());
    const char *argv[24] = {bin(), "--db", F->db, "--data", data, "--log-level", "warn"};
    size_t n = 7;
    for (size_t i = 0; args[i] && n < 23; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    run_result_t r;
    assert_int_equal(run_cmd(argv, NULL, NULL, 300, &r), 0);
    if (r.status != want)
        fail_msg("%s %s: exit %d: %s%s", args[0], args[1] ? args[1] : "", r.status, r.out, r.err);
    char *out = strdup(r.out);
    run_result_free(&r);
    return out;
}

static json_t *cli_json(const char *const *args)
{
    char *out = cli_out(args, 0);
    json_t *j = json_loads(out, 0, NULL);
    if (!j)
        fail_msg("%s: not JSON: %.200s", args[0], out);
    free(out);
    return j;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void seed_all(void)
{
    char dir[1024], db[1100], data[1100];
    snprintf(dir, sizeof dir, "%s/scripts/seed.d", testdir_root());
    snprintf(db, sizeof db, "CCHC_DB=%s", F->db);
    snprintf(data, sizeof data, "CCHC_DATA=%s/data", testdir_root());
    DIR *d = opendir(dir);
    assert_non_null(d);
    char *names[32] = {0};
    size_t n = 0;
    for (struct dirent *de = readdir(d); de && n < 32; de = readdir(d))
        if (strstr(de->d_name, ".sh") && de->d_name[0] != '.')
            names[n++] = strdup(de->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        const char *argv[] = {path, bin(), NULL};
        const char *env[] = {
            db, data, "CCHC_TODAY=" TODAY, "CCHC_DEMO_DOSSIERS=3000", "CCHC_LOG_LEVEL=warn", NULL};
        run_result_t r;
        assert_int_equal(run_cmd(argv, env, NULL, 600, &r), 0);
        if (r.status != 0)
            fail_msg("%s: %s%s", names[i], r.out, r.err);
        run_result_free(&r);
        free(names[i]);
    }
}

/* The appraising unit of area 6 (public finance) in the open PAR campaign:
 * the demo province's Sở Tài chính, found at setup. */
static char APPR_UNIT[64];

static const char *const USERS[][3] = {
    {"o.s1", "officer", "S0001"},       {"o.s2", "officer", "S0002"},
    {"o.h1", "officer", "H0001"},       {"o.stp", "officer", "VLG.STP"},
    {"lead.s1", "viewer", "S0001"},     {"snv", "standing", "T01"},
    {"td.stc", "appraiser", APPR_UNIT},
};
#define NUSERS (sizeof USERS / sizeof USERS[0])

/* The open campaign's id (the demo year's, not published) into id. */
static void open_campaign(char *id, size_t cap)
{
    const char *list[] = {"par", "campaign", "list", "--json", NULL};
    json_t *l = cli_json(list);
    size_t i;
    const json_t *c;
    id[0] = '\0';
    json_array_foreach(json_object_get(l, "items"), i, c)
    {
        if (json_is_null(json_object_get(c, "published_at")))
            snprintf(id, cap, "%lld", (long long)json_integer_value(json_object_get(c, "id")));
    }
    json_decref(l);
    assert_true(id[0] != '\0');
}

static void find_appraiser(void)
{
    char id[32];
    open_campaign(id, sizeof id);
    const char *args[] = {"par", "campaign", "show", id, NULL};
    json_t *show = cli_json(args);
    size_t i;
    const json_t *a;
    json_array_foreach(json_object_get(show, "appraisers"), i, a)
    {
        const char *unit = json_string_value(json_object_get(a, "unit"));
        if (strcmp(json_string_value(json_object_get(a, "role")), "so_tai_chinh") == 0 && unit)
            snprintf(APPR_UNIT, sizeof APPR_UNIT, "%s", unit);
    }
    json_decref(show);
    assert_true(APPR_UNIT[0] != '\0');
}

static int setup(void **state)
{
    (void)state;
    F = calloc(1, sizeof *F);
    F->dir = testdir_new();
    F->db = testdir_join(F->dir, "cchc.db");
    char data[1024];
    snprintf(data, sizeof data, "%s/data", testdir_root());
    err_t e;
    if (calendar_load_load(data, &F->cal, &e))
        return -1;
    for (date_t d = D("2023-01-01"); d <= D("2029-12-31"); d++)
        if (agencycal_is_working_day(F->cal, d) && F->nwd < 2000)
            F->wd[F->nwd++] = d;
    const char *mig[] = {"db", "migrate", NULL};
    free(cli_out(mig, 0));
    char u1[1200], u2[1200], u3[1200];
    snprintf(u1, sizeof u1, "%s/units/vinhlong_2024.csv", data);
    snprintf(u2, sizeof u2, "%s/units/vinhlong_2025.csv", data);
    snprintf(u3, sizeof u3, "%s/units/vinhlong_links.csv", data);
    const char *units[] = {"unit", "import", u1, u2, u3, NULL};
    free(cli_out(units, 0));
    seed_all();
    find_appraiser();
    for (size_t i = 0; i < NUSERS; i++) {
        const char *add[] = {"user",      "add",    USERS[i][0], "--role",
                             USERS[i][1], "--unit", USERS[i][2], NULL};
        free(cli_out(add, 0));
    }
    const char *lead[] = {"remind", "prefs", "--user", "lead.s1", "--leader", "on", NULL};
    free(cli_out(lead, 0));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    agencycal_free(F->cal);
    testdir_remove(F->dir);
    free(F->db);
    free(F);
    return 0;
}

/* --- the independent computation ------------------------------------------------------------ */

typedef struct dl {
    char key[160], unit[64], lead[64];
    date_t due;
} dl_t;

typedef struct want {
    dl_t v[NOTICES_MAX];
    size_t n;
    char items[NOTICES_MAX][256];
    size_t ni;
} want_t;

static bool ours(const char *unit)
{
    for (size_t i = 0; i < NUSERS; i++)
        if (strcmp(USERS[i][2], unit) == 0)
            return true;
    return false;
}

static bool closed(const char *status)
{
    return status &&
           (strcmp(status, "hoan_thanh") == 0 || strcmp(status, "hoan_thanh_qua_han") == 0 ||
            strcmp(status, "khong_thuc_hien_duoc") == 0);
}

static void add_dl(want_t *w, const char *key, const char *unit, const char *lead, date_t due)
{
    if (due == DATE_NONE)
        return;
    assert_true(w->n < NOTICES_MAX);
    dl_t *d = &w->v[w->n++];
    snprintf(d->key, sizeof d->key, "%s", key);
    snprintf(d->unit, sizeof d->unit, "%s", unit);
    snprintf(d->lead, sizeof d->lead, "%s", lead && strcmp(lead, unit) ? lead : "");
    d->due = due;
}

/* The first tracked lead unit of a task, from `task show`'s assignments. */
static const char *first_lead(const json_t *show)
{
    size_t i;
    const json_t *a;
    json_array_foreach(json_object_get(show, "assignments"), i, a)
    {
        const json_t *u = json_object_get(a, "unit");
        if (strcmp(json_string_value(json_object_get(a, "role")), "lead") == 0 && json_is_object(u))
            return json_string_value(json_object_get(u, "code"));
    }
    return "";
}

static void task_deadlines(want_t *w, const char *day)
{
    const char *list[] = {"task", "list", "--today", day, "--json", "--limit", "5000", NULL};
    json_t *l = cli_json(list);
    size_t i;
    const json_t *it;
    /* the tasks one of our units leads: their support rows notify the lead */
    json_t *led = json_object();
    json_array_foreach(json_object_get(l, "items"), i, it)
    {
        const char *unit = json_string_value(json_object_get(json_object_get(it, "unit"), "code"));
        char tid[32];
        snprintf(tid, sizeof tid, "%lld",
                 (long long)json_integer_value(json_object_get(it, "task_id")));
        if (ours(unit) && strcmp(json_string_value(json_object_get(it, "role")), "lead") == 0)
            json_object_set_new(led, tid, json_true());
    }
    json_array_foreach(json_object_get(l, "items"), i, it)
    {
        const char *unit = json_string_value(json_object_get(json_object_get(it, "unit"), "code"));
        bool support = strcmp(json_string_value(json_object_get(it, "role")), "support") == 0;
        char tid[32], id[32];
        snprintf(tid, sizeof tid, "%lld",
                 (long long)json_integer_value(json_object_get(it, "task_id")));
        snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(it, "id")));
        bool periodic = json_is_string(json_object_get(it, "period"));
        bool lead_ours = support && json_object_get(led, tid);
        if (!ours(unit) && !lead_ours)
            continue;
        const char *lead = "";
        json_t *show = NULL;
        if (periodic || lead_ours) {
            const char *args[] = {"task", "show", id, "--today", day, "--json", NULL};
            show = cli_json(args);
            lead = support ? first_lead(show) : "";
        }
        if (!ours(unit) && !ours(lead)) {
            json_decref(show);
            continue;
        }
        char key[160];
        if (periodic) {
            size_t k;
            const json_t *o;
            json_array_foreach(json_object_get(show, "occurrences"), k, o)
            {
                snprintf(key, sizeof key, "task:%s:%s", id,
                         json_string_value(json_object_get(o, "period")));
                if (!closed(json_string_value(json_object_get(o, "status"))))
                    add_dl(w, key, unit, lead, D(json_string_value(json_object_get(o, "due"))));
            }
        } else if (!closed(json_string_value(json_object_get(it, "status")))) {
            const char *due = json_string_value(json_object_get(it, "due"));
            snprintf(key, sizeof key, "task:%s:%s", id, due ? due : "");
            add_dl(w, key, unit, lead, D(due));
        }
        json_decref(show);
    }
    json_decref(led);
    json_decref(l);
}

/* Whether unit is on the tree on day (`unit list --at`): a unit merged
 * away owes no report any more. */
static bool valid_on(const char *unit, const char *day)
{
    const char *args[] = {"unit", "list", "--at", day, "--json", NULL};
    json_t *l = cli_json(args);
    bool found = false;
    size_t i;
    const json_t *u;
    json_array_foreach(json_object_get(l, "units"), i, u)
    {
        found = found || strcmp(json_string_value(json_object_get(u, "code")), unit) == 0;
    }
    json_decref(l);
    return found;
}

static void report_deadlines(want_t *w, const char *day)
{
    int year = date_year(D(day));
    for (size_t u = 0; u < NUSERS; u++) {
        bool seen = !valid_on(USERS[u][2], day);
        for (size_t k = 0; k < u; k++)
            seen = seen || strcmp(USERS[k][2], USERS[u][2]) == 0;
        for (int y = year - 1; !seen && y <= year; y++) {
            char ys[8];
            snprintf(ys, sizeof ys, "%d", y);
            const char *args[] = {"report", "calendar", "--unit", USERS[u][2],
                                  "--year", ys,         "--json", NULL};
            json_t *c = cli_json(args);
            size_t i;
            const json_t *r;
            json_array_foreach(json_object_get(c, "reports"), i, r)
            {
                const char *st = json_string_value(json_object_get(r, "status"));
                date_t due = D(json_string_value(json_object_get(r, "due")));
                if (due == DATE_NONE || (y < year && date_year(due) < year) ||
                    (st && (strcmp(st, "submitted") == 0 || strcmp(st, "accepted") == 0)))
                    continue;
                const char *per = json_string_value(json_object_get(r, "period"));
                char key[160];
                snprintf(key, sizeof key, "report:%s:%s:%s", USERS[u][2],
                         json_string_value(json_object_get(r, "kind")),
                         per ? per : json_string_value(json_object_get(r, "id")));
                add_dl(w, key, USERS[u][2], NULL, due);
            }
            json_decref(c);
        }
    }
}

static void target_deadlines(want_t *w, int year)
{
    const char *plans[] = {"plan", "list", "--json", NULL};
    json_t *pl = cli_json(plans);
    size_t i;
    const json_t *p;
    json_array_foreach(json_object_get(pl, "plans"), i, p)
    {
        const char *unit = json_string_value(json_object_get(p, "unit_code"));
        if (!unit || !ours(unit) || json_integer_value(json_object_get(p, "year")) != year)
            continue;
        char id[32], ys[8];
        snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(p, "id")));
        snprintf(ys, sizeof ys, "%d", year);
        const char *args[] = {"target", "list", "--plan", id, "--json", NULL};
        json_t *t = cli_json(args);
        size_t k;
        const json_t *x;
        json_array_foreach(json_object_get(t, "items"), k, x)
        {
            if (json_is_true(json_object_get(x, "computed")) ||
                !json_is_null(json_object_get(x, "measurement")))
                continue;
            char key[64], due[16];
            snprintf(key, sizeof key, "target:%lld:%d",
                     (long long)json_integer_value(json_object_get(x, "id")), year);
            snprintf(due, sizeof due, "%d-12-14", year);
            add_dl(w, key, unit, NULL, D(due));
        }
        json_decref(t);
    }
    json_decref(pl);
}

/* The unit's due date of a PAR step: its newest extension of that step
 * (`par campaign show`'s extensions, oldest first), else the campaign's. */
static date_t par_due(const json_t *show, const char *unit, const char *step)
{
    date_t due = D(json_string_value(json_object_get(json_object_get(show, "deadlines"), step)));
    size_t i;
    const json_t *x;
    json_array_foreach(json_object_get(show, "extensions"), i, x)
    {
        if (strcmp(json_string_value(json_object_get(x, "unit")), unit) == 0 &&
            strcmp(json_string_value(json_object_get(x, "step")), step) == 0)
            due = D(json_string_value(json_object_get(x, "due")));
    }
    return due;
}

/* Whether an explanation was asked of the sheet (`par sheet`'s nodes) and
 * whether one is still unanswered. */
static void par_explain(const json_t *sheet, bool *asked, bool *open)
{
    size_t i;
    const json_t *nd;
    *asked = *open = false;
    json_array_foreach(json_object_get(sheet, "nodes"), i, nd)
    {
        const char *st =
            json_string_value(json_object_get(json_object_get(nd, "explain"), "state"));
        *asked = *asked || (st && *st);
        *open = *open || (st && strcmp(st, "requested") == 0);
    }
}

/* The appraisal rounds of a unit's sheet (`par sheet`'s nodes): per
 * appraising unit of ours with appraised leaves (criteria that apply and are
 * not fed by the survey), round 1 (when it can open for the unit) until each
 * has a value of round 1 or later, round 2 where an explanation was asked
 * until each has a round-2 or final value. */
/* The first working day on or after d (a step's last day). */
static date_t last_day(date_t d)
{
    for (size_t i = 0; i < F->nwd; i++)
        if (F->wd[i] >= d)
            return F->wd[i];
    return d;
}

static void round_deadlines(want_t *w, const char *id, const json_t *show, const char *unit,
                            const json_t *sheet)
{
    const char *state = json_string_value(json_object_get(sheet, "state"));
    /* round 1 opens for a submitted sheet, or once the self-assessment
     * closes (before round 1 does) */
    bool r1_open = (state && strcmp(state, "submitted") == 0) ||
                   last_day(par_due(show, unit, "self")) < last_day(par_due(show, unit, "round1"));
    json_t *owed = json_object(); /* appraiser -> [round1 owed, left, round2 owed, left] */
    size_t i;
    const json_t *nd;
    json_array_foreach(json_object_get(sheet, "nodes"), i, nd)
    {
        const char *who =
            json_string_value(json_object_get(json_object_get(nd, "appraiser"), "unit"));
        if (!json_is_true(json_object_get(nd, "leaf")) ||
            !json_is_true(json_object_get(nd, "applies")) || !who ||
            strcmp(json_string_value(json_object_get(nd, "kind")), "criterion") != 0 ||
            strcmp(json_string_value(json_object_get(nd, "source")), "survey") == 0)
            continue;
        json_t *o = json_object_get(owed, who);
        if (!o) {
            o = json_pack("[iiii]", 0, 0, 0, 0);
            json_object_set_new(owed, who, o);
        }
        bool final = !json_is_null(json_object_get(nd, "final"));
        bool r1 = !json_is_null(json_object_get(nd, "round1"));
        bool r2 = !json_is_null(json_object_get(nd, "round2"));
        const char *st =
            json_string_value(json_object_get(json_object_get(nd, "explain"), "state"));
        int v[4];
        for (size_t k = 0; k < 4; k++)
            v[k] = (int)json_integer_value(json_array_get(o, k));
        v[0]++;
        v[1] += !final && !r1 && !r2;
        if (st && *st) {
            v[2]++;
            v[3] += !final && !r2;
        }
        for (size_t k = 0; k < 4; k++)
            json_array_set_new(o, k, json_integer(v[k]));
    }
    const char *who;
    json_t *o;
    json_object_foreach(owed, who, o)
    {
        if (!ours(who))
            continue;
        static const char *const steps[] = {"round1", "round2"};
        for (size_t r = 0; r < 2; r++) {
            if (!json_integer_value(json_array_get(o, 2 * r)) ||
                !json_integer_value(json_array_get(o, 2 * r + 1)) || (r == 0 && !r1_open))
                continue;
            date_t due = par_due(show, unit, steps[r]);
            char key[200], iso[DATE_ISO_LEN];
            date_format(due, iso);
            snprintf(key, sizeof key, "campaign:%s:%s:%s:%s:%s", id, steps[r], unit, who, iso);
            add_dl(w, key, who, NULL, due);
        }
    }
    json_decref(owed);
}

/* The PAR campaigns opened by `day`, neither finalised nor published: for
 * each of our units taking part (`par results`' units), the self-assessment
 * until the sheet is submitted, and the explanation while a request is
 * unanswered; for every unit taking part, the appraisal rounds our units
 * owe. */
static void campaign_deadlines(want_t *w, const char *day)
{
    const char *list[] = {"par", "campaign", "list", "--json", NULL};
    json_t *l = cli_json(list);
    size_t i;
    const json_t *c;
    json_array_foreach(json_object_get(l, "items"), i, c)
    {
        if (!json_is_null(json_object_get(c, "published_at")) ||
            !json_is_null(json_object_get(c, "finalised_at")) ||
            D(json_string_value(json_object_get(c, "opens_on"))) > D(day))
            continue;
        char id[32];
        snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(c, "id")));
        const char *sargs[] = {"par", "campaign", "show", id, NULL};
        json_t *show = cli_json(sargs);
        const char *rargs[] = {"par", "results", "--campaign", id, "--json", NULL};
        json_t *res = cli_json(rargs);
        size_t k;
        const json_t *r;
        json_array_foreach(json_object_get(res, "units"), k, r)
        {
            const char *unit = json_string_value(json_object_get(r, "unit"));
            const char *shargs[] = {"par",    "sheet", "--campaign", id,
                                    "--unit", unit,    "--json",     NULL};
            json_t *sh = cli_json(shargs);
            round_deadlines(w, id, show, unit, sh);
            if (!ours(unit)) {
                json_decref(sh);
                continue;
            }
            char key[160], iso[DATE_ISO_LEN];
            date_t due = par_due(show, unit, "self");
            date_format(due, iso);
            snprintf(key, sizeof key, "campaign:%s:self:%s:%s", id, unit, iso);
            const char *st = json_string_value(json_object_get(sh, "state"));
            if (!st || strcmp(st, "submitted") != 0)
                add_dl(w, key, unit, NULL, due);
            bool asked, open;
            par_explain(sh, &asked, &open);
            due = par_due(show, unit, "explain");
            date_format(due, iso);
            snprintf(key, sizeof key, "campaign:%s:explain:%s:%s", id, unit, iso);
            if (open)
                add_dl(w, key, unit, NULL, due);
            json_decref(sh);
        }
        json_decref(res);
        json_decref(show);
    }
    json_decref(l);
}

/* The stage of class `cls` current on `day` for a deadline due `due`
 * ("" when none), by walking the working days. */
static void stage_of(const json_t *stages, const char *cls, date_t due, date_t day, char *out,
                     size_t cap)
{
    size_t e = 0;
    while (e < F->nwd && F->wd[e] < due)
        e++;
    date_t best = DATE_NONE;
    out[0] = '\0';
    size_t i;
    const json_t *s;
    json_array_foreach(stages, i, s)
    {
        char to[64];
        snprintf(to, sizeof to, ",%s,", json_string_value(json_object_get(s, "to")));
        char want[32];
        snprintf(want, sizeof want, ",%s,", cls);
        if (!strstr(to, want))
            continue;
        long at = (long)json_integer_value(json_object_get(s, "at"));
        long every = (long)json_integer_value(json_object_get(s, "every"));
        long idx = (long)e + at;
        for (int k = 0; idx >= 0 && (size_t)idx < F->nwd && F->wd[idx] <= day; k++) {
            if (best == DATE_NONE || F->wd[idx] >= best) {
                best = F->wd[idx];
                const char *id = json_string_value(json_object_get(s, "id"));
                if (k)
                    snprintf(out, cap, "%s#%d", id, k + 1);
                else
                    snprintf(out, cap, "%s", id);
            }
            if (every <= 0)
                break;
            idx += every;
        }
    }
}

static void expect(want_t *w, const json_t *rules, date_t day)
{
    const json_t *stages = json_object_get(json_object_get(rules, "stages"), "task");
    for (size_t i = 0; i < w->n; i++) {
        const dl_t *d = &w->v[i];
        const char *kind = strncmp(d->key, "task:", 5) == 0       ? "task"
                           : strncmp(d->key, "report:", 7) == 0   ? "report"
                           : strncmp(d->key, "campaign:", 9) == 0 ? "campaign"
                                                                  : "target";
        stages = json_object_get(json_object_get(rules, "stages"), kind);
        for (size_t u = 0; u < NUSERS; u++) {
            bool unit_role =
                strcmp(USERS[u][1], "officer") == 0 || strcmp(USERS[u][1], "standing") == 0;
            bool leader = strcmp(USERS[u][0], "lead.s1") == 0;
            char last[64] = "";
            static const char *const classes[] = {"assignee", "lead", "leader"};
            /* an appraisal round reaches the owing unit's appraisers and
             * standing users in place of the rules' roles */
            bool round = strstr(d->key, ":round") != NULL;
            bool round_role =
                strcmp(USERS[u][1], "appraiser") == 0 || strcmp(USERS[u][1], "standing") == 0;
            for (int c = 0; c < 3; c++) {
                const char *unit = c == 1 ? d->lead : d->unit;
                bool reached = strcmp(USERS[u][2], unit) == 0 && (c == 2            ? leader
                                                                  : c == 0 && round ? round_role
                                                                                    : unit_role);
                if (!*unit || !reached)
                    continue;
                char st[64];
                stage_of(stages, classes[c], d->due, day, st, sizeof st);
                if (*st && strcmp(st, last) != 0) {
                    assert_true(w->ni < NOTICES_MAX);
                    snprintf(w->items[w->ni++], sizeof w->items[0], "%s %s %s", USERS[u][0], d->key,
                             st);
                    snprintf(last, sizeof last, "%s", st);
                }
            }
        }
    }
}

static int cmp_item(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Notices of round 1 and round 2 of the last check_day (this test's users). */
static size_t ROUNDS[2];

/* Checks the notices of day; returns how many are about a PAR campaign. */
static size_t check_day(const char *day)
{
    static want_t w;
    memset(&w, 0, sizeof w);
    const char *rargs[] = {"remind", "rules", "--json", NULL};
    json_t *rules = cli_json(rargs);
    task_deadlines(&w, day);
    report_deadlines(&w, day);
    target_deadlines(&w, date_year(D(day)));
    campaign_deadlines(&w, day);
    expect(&w, rules, D(day));
    json_decref(rules);
    qsort(w.items, w.ni, sizeof w.items[0], cmp_item);

    char at[32];
    snprintf(at, sizeof at, "%s 08:00", day);
    const char *run[] = {"remind", "run", "--at", at, "--dry-run", "--no-digests", "--json", NULL};
    json_t *out = cli_json(run);
    static char got[NOTICES_MAX][256];
    size_t ng = 0, summaries = 0, i;
    const json_t *n;
    json_array_foreach(json_object_get(out, "notices"), i, n)
    {
        const char *dkey = json_string_value(json_object_get(n, "dkey"));
        if (strncmp(dkey, "summary:", 8) == 0) {
            /* the standing agency's accounts: this test's and the PAR demo's */
            const char *who = json_string_value(json_object_get(n, "login"));
            assert_true(strcmp(who, "snv") == 0 || strncmp(who, "thuongtruc", 10) == 0);
            summaries += strcmp(who, "snv") == 0;
            assert_int_equal(date_weekday(D(dkey + 8)), 1); /* a Monday */
            assert_true(D(day) - D(dkey + 8) < 7);
            continue;
        }
        /* the expectation covers this test's users (the demo adds others) */
        const char *login = json_string_value(json_object_get(n, "login"));
        bool mine = false;
        for (size_t u = 0; u < NUSERS; u++)
            mine |= strcmp(USERS[u][0], login) == 0;
        if (!mine)
            continue;
        assert_true(ng < NOTICES_MAX);
        snprintf(got[ng++], sizeof got[0], "%s %s %s", login, dkey,
                 json_string_value(json_object_get(n, "stage")));
    }
    qsort(got, ng, sizeof got[0], cmp_item);
    json_decref(out);
    size_t a = 0, b = 0;
    while (a < ng || b < w.ni) {
        int c = a == ng ? 1 : b == w.ni ? -1 : strcmp(got[a], w.items[b]);
        if (c < 0)
            fail_msg("%s: unexpected notice '%s'", day, got[a]);
        if (c > 0)
            fail_msg("%s: missing notice '%s'", day, w.items[b]);
        a++;
        b++;
    }
    assert_int_equal(summaries, 1);
    size_t par = 0;
    ROUNDS[0] = ROUNDS[1] = 0;
    for (size_t k = 0; k < w.ni; k++) {
        par += strstr(w.items[k], " campaign:") != NULL;
        ROUNDS[0] += strstr(w.items[k], ":round1:") != NULL;
        ROUNDS[1] += strstr(w.items[k], ":round2:") != NULL;
    }
    print_message("%s: %zu notices as computed (%zu deadlines of our units, %zu notices of PAR "
                  "campaigns)\n",
                  day, ng, w.n, par);
    assert_true(ng > 0);
    return par;
}

/* The open campaign's date of a step ("self", "round1", ...). */
static void step_date(const char *id, const char *step, char *out, size_t cap)
{
    const char *args[] = {"par", "campaign", "show", id, NULL};
    json_t *show = cli_json(args);
    snprintf(out, cap, "%s",
             json_string_value(json_object_get(json_object_get(show, "deadlines"), step)));
    json_decref(show);
}

static void exact_notices(void **state)
{
    (void)state;
    check_day(TODAY);
    check_day("2026-06-15");
    check_day("2026-07-03");
    /* the open campaign: on its self-assessment day the departments among
     * our units that have not submitted are reminded */
    char id[32], day[16];
    open_campaign(id, sizeof id);
    step_date(id, "self", day, sizeof day);
    assert_true(check_day(day) > 0);
}

/* Appraises every leaf APPR_UNIT owes in unit's sheet in round 1 (the local
 * operator fills any round); asks an explanation of the first. */
static void appraise_all(const char *id, const char *unit)
{
    const char *args[] = {"par", "sheet", "--campaign", id, "--unit", unit, "--json", NULL};
    json_t *sh = cli_json(args);
    size_t i, n = 0;
    const json_t *nd;
    json_array_foreach(json_object_get(sh, "nodes"), i, nd)
    {
        const char *who =
            json_string_value(json_object_get(json_object_get(nd, "appraiser"), "unit"));
        if (!json_is_true(json_object_get(nd, "leaf")) ||
            !json_is_true(json_object_get(nd, "applies")) || !who || strcmp(who, APPR_UNIT) != 0 ||
            strcmp(json_string_value(json_object_get(nd, "source")), "survey") == 0)
            continue;
        const char *code = json_string_value(json_object_get(nd, "code"));
        char pts[32];
        snprintf(pts, sizeof pts, "%g", json_number_value(json_object_get(nd, "max")));
        const char *ap[] = {"par",         "appraise",
                            "--campaign",  id,
                            "--unit",      unit,
                            "--criterion", code,
                            "--points",    pts,
                            "--round",     "1",
                            "--reason",    "Đủ hồ sơ minh chứng.",
                            NULL};
        free(cli_out(ap, 0));
        if (n++ == 0) {
            const char *ex[] = {"par",         "explain",
                                "--campaign",  id,
                                "--unit",      unit,
                                "--criterion", code,
                                "--request",   "Đề nghị bổ sung quyết định phân bổ.",
                                NULL};
            free(cli_out(ex, 0));
        }
    }
    json_decref(sh);
    assert_true(n > 0);
}

/* The appraisal rounds: on round 1's due date the appraising department's
 * appraiser is reminded of every department's sheet; once it has appraised
 * one sheet that reminder is gone; the explanation it asked puts that
 * sheet in round 2. */
static void appraisal_rounds(void **state)
{
    (void)state;
    char id[32], r1[16], r2[16];
    open_campaign(id, sizeof id);
    step_date(id, "round1", r1, sizeof r1);
    step_date(id, "round2", r2, sizeof r2);
    check_day(r1);
    size_t before = ROUNDS[0];
    assert_true(before > 0);
    assert_int_equal(ROUNDS[1], 0);
    const char *rargs[] = {"par", "results", "--campaign", id, "--json", NULL};
    json_t *res = cli_json(rargs);
    char unit[64];
    snprintf(unit, sizeof unit, "%s",
             json_string_value(
                 json_object_get(json_array_get(json_object_get(res, "units"), 0), "unit")));
    json_decref(res);
    appraise_all(id, unit);
    check_day(r1);
    assert_true(ROUNDS[0] < before);
    check_day(r2);
    assert_true(ROUNDS[1] > 0);
}

static int64_t count_notices(void)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int64_t n = -1;
    assert_int_equal(sqlite3_open(F->db, &db), SQLITE_OK);
    if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM notice_item WHERE kind <> 'digest'", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static void idempotent(void **state)
{
    (void)state;
    const char *dry[] = {"remind", "run", "--at", TODAY " 08:00", "--dry-run", "--json", NULL};
    json_t *d = cli_json(dry);
    int64_t want = (int64_t)json_array_size(json_object_get(d, "notices"));
    char login[64];
    snprintf(login, sizeof login, "%s",
             json_string_value(
                 json_object_get(json_array_get(json_object_get(d, "notices"), 0), "login")));
    json_decref(d);
    assert_int_equal(count_notices(), 0);
    /* two processes at once */
    pid_t kids[2];
    for (int k = 0; k < 2; k++) {
        kids[k] = fork();
        assert_true(kids[k] >= 0);
        if (kids[k] == 0) {
            const char *run[] = {"remind", "run", "--at", TODAY " 08:00", "--json", NULL};
            free(cli_out(run, 0));
            _exit(0);
        }
    }
    for (int k = 0; k < 2; k++) {
        int st = 0;
        assert_int_equal(waitpid(kids[k], &st, 0), kids[k]);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    assert_int_equal(count_notices(), want);
    /* a third run later the same day: nothing new */
    const char *again[] = {"remind", "run", "--at", TODAY " 17:00", "--json", NULL};
    json_t *out = cli_json(again);
    assert_int_equal(json_integer_value(json_object_get(out, "recorded")), 0);
    json_decref(out);
    assert_int_equal(count_notices(), want);
    /* what the officer sees */
    const char *list[] = {"remind", "list", "--user", login, "--json", NULL};
    out = cli_json(list);
    assert_true(json_integer_value(json_object_get(out, "unread")) > 0);
    json_decref(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_notices),
        cmocka_unit_test(appraisal_rounds),
        cmocka_unit_test(idempotent),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
