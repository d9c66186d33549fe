/* Tests of app/app_remind on a fresh database with a small province: the
 * scheduler's notices per recipient (stages, lead unit, leader, standing
 * summary), idempotency (a second run, two processes at once, a dry run),
 * unsubscribed kinds and scopes, digests and the e-mail outbox (claims,
 * back-off, giving up), the user's list and marks, preferences, the
 * calendar feed and its revocation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_remind.h"
#include "base/jsonx.h"
#include "base/log.h"
#include "store/store.h"
#include "support/app_conn.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/banned.h"

typedef struct fx {
    char *dir, *db;
    app_t *a;
} fx_t;

static const char *SEED =
    "INSERT INTO unit (code, name, name_key, kind, parent_code) VALUES "
    "('T01', 'UBND tỉnh Một', 'ubnd tinh mot', 'tinh', NULL),"
    "('T01.SNV', 'Sở Nội vụ', 'so noi vu', 'so', 'T01'),"
    "('T01.STP', 'Sở Tư pháp', 'so tu phap', 'so', 'T01'),"
    "('T01.STC', 'Sở Tài chính', 'so tai chinh', 'so', 'T01'),"
    "('T02', 'UBND tỉnh Hai', 'ubnd tinh hai', 'tinh', NULL),"
    "('T02.S1', 'Sở Một', 'so mot', 'so', 'T02');"
    "INSERT INTO plan (id, doc_hash, unit_code, number, year, title, imported_at, imported_by, "
    "tracking_started) VALUES (1, 'h1', 'T01', '01/KH-UBND', 2024, 'Kế hoạch CCHC năm 2024', "
    "'2024-01-10T08:00:00', 'cli', '2024-01-10T08:00:00'),"
    "(2, 'h2', 'T02', '02/KH-UBND', 2024, 'Kế hoạch CCHC tỉnh Hai', '2024-01-10T08:00:00', "
    "'cli', '2024-01-10T08:00:00');"
    "INSERT INTO task (id, plan_id, seq, task_no, title, deadline_text) VALUES "
    "(1, 1, 1, '1', 'Rà soát thủ tục hành chính', 'Ngày 15/03/2024'),"
    "(2, 2, 1, '1', 'Báo cáo kết quả', 'Ngày 29/03/2024');"
    "INSERT INTO task_assignment (id, task_id, role, seq, label, unit_code) VALUES "
    "(11, 1, 'lead', 1, 'Sở Tư pháp', 'T01.STP'),"
    "(12, 1, 'support', 2, 'Sở Tài chính', 'T01.STC'),"
    "(21, 2, 'lead', 1, 'Sở Một', 'T02.S1');"
    "INSERT INTO app_user (id, login, full_name, password_hash, role, unit_code, created_at) "
    "VALUES "
    "(1, 'stp1', 'Cán bộ Tư pháp', 'x', 'officer', 'T01.STP', '2024-01-01T00:00:00'),"
    "(2, 'stp2', 'Cán bộ 2', 'x', 'officer', 'T01.STP', '2024-01-01T00:00:00'),"
    "(3, 'stc1', 'Cán bộ Tài chính', 'x', 'officer', 'T01.STC', '2024-01-01T00:00:00'),"
    "(4, 'lead1', 'Giám đốc Sở Tư pháp', 'x', 'viewer', 'T01.STP', '2024-01-01T00:00:00'),"
    "(5, 'snv', 'Thường trực', 'x', 'standing', 'T01', '2024-01-01T00:00:00'),"
    "(6, 't2', 'Cán bộ tỉnh Hai', 'x', 'officer', 'T02.S1', '2024-01-01T00:00:00'),"
    "(7, 'root', 'Quản trị', 'x', 'admin', NULL, '2024-01-01T00:00:00');"
    "INSERT INTO notice_pref (user_id, email, email_on, kinds_off, leader) VALUES "
    "(1, 'stp1@example.vn', 1, '', 0), (2, '', 0, 'task', 0), (4, '', 0, '', 1);";

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

static dtime_t T(const char *s)
{
    dtime_t t;
    assert_int_equal(dtime_parse(s, strlen(s), &t), 0);
    return t;
}

static int64_t q(fx_t *f, const char *sql)
{
    int64_t v = -1;
    err_t e;
    if (store_query_int(app_conn(f->a), sql, &v, &e))
        fail_msg("%s: %s", sql, e.en);
    return v;
}

static json_t *run(fx_t *f, const char *at, bool notices, bool digests, bool dry)
{
    app_remind_opts_t o = {T(at), notices, digests, dry, "test"};
    json_t *out = NULL;
    err_t e;
    if (app_remind_run(f->a, NULL, &o, &out, &e))
        fail_msg("run %s: %s", at, e.en);
    return out;
}

/* "login:dkey:stage" of the task notices, sorted, joined by ' '. */
static void task_notices(const json_t *out, char *buf, size_t cap)
{
    char items[32][128];
    size_t n = 0, i;
    const json_t *x;
    json_array_foreach(json_object_get(out, "notices"), i, x)
    {
        const char *k = json_string_value(json_object_get(x, "kind"));
        if (n < 32 && k && (strcmp(k, "task") == 0 || strcmp(k, "summary") == 0))
            snprintf(items[n++], sizeof items[0], "%s:%s:%s",
                     json_string_value(json_object_get(x, "login")),
                     json_string_value(json_object_get(x, "dkey")),
                     json_string_value(json_object_get(x, "stage")));
    }
    qsort(items, n, sizeof items[0], (int (*)(const void *, const void *))strcmp);
    buf[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        size_t len = strlen(buf);
        snprintf(buf + len, cap - len, "%s%s", k ? " " : "", items[k]);
    }
}

static void stages_and_idempotency(void **state)
{
    fx_t *f = *state;
    char got[2048];
    json_t *out = run(f, "2024-03-08T08:00:00", true, false, false);
    task_notices(out, got, sizeof got);
    /* stp2 turned tasks off; the support unit's officer is told too */
    assert_string_equal(got, "stc1:task:12:2024-03-15:truoc_5 stp1:task:11:2024-03-15:truoc_5");
    if (getenv("DEBUG_REMIND")) {
        char *d = jsonx_dump(out);
        fprintf(stderr, "%s\n", d);
        free(d);
    }
    /* and the quarter-I reports due 15/3 (data/reports/calendar.csv) */
    assert_int_equal(json_integer_value(json_object_get(out, "recorded")), 6);
    char *all = jsonx_dump(out);
    assert_non_null(strstr(all, "\"login\":\"stp2\",\"dkey\":\"report:T01.STP:quy1:2024Q1\""));
    assert_non_null(strstr(all, "\"login\":\"t2\",\"dkey\":\"report:T02.S1:quy1:2024Q1\""));
    free(all);
    json_decref(out);
    /* again: nothing new */
    out = run(f, "2024-03-08T17:00:00", true, false, false);
    assert_int_equal(json_integer_value(json_object_get(out, "recorded")), 0);
    assert_false(
        json_is_true(json_object_get(json_array_get(json_object_get(out, "notices"), 0), "new")));
    json_decref(out);
    /* two weeks later: overdue (the lead unit told about its coordinator),
     * the other province's task due soon, the standing agency's summary of
     * Monday 18/3 */
    out = run(f, "2024-03-22T08:00:00", true, false, false);
    task_notices(out, got, sizeof got);
    assert_string_equal(got, "snv:summary:2024-03-18:tong_hop stc1:task:12:2024-03-15:qua_han "
                             "stp1:task:11:2024-03-15:qua_han stp1:task:12:2024-03-15:qua_han "
                             "t2:task:21:2024-03-29:truoc_5");
    json_decref(out);
    /* the leader after 10 working days */
    out = run(f, "2024-03-29T08:00:00", true, false, true);
    task_notices(out, got, sizeof got);
    assert_non_null(strstr(got, "lead1:task:11:2024-03-15:lanh_dao"));
    assert_null(strstr(got, "lead1:task:12")); /* leader of STP, not of STC */
    json_decref(out);
    assert_int_equal(q(f, "SELECT COUNT(*) FROM notice_item WHERE run_day = '2024-03-29'"), 0);
    assert_int_equal(q(f, "SELECT COUNT(*) FROM remind_run"), 3);
    /* the other province's user never got T01's */
    assert_int_equal(q(f, "SELECT COUNT(*) FROM notice_item WHERE user_id = 6 AND unit_code "
                          "LIKE 'T01%'"),
                     0);
}

static void two_processes(void **state)
{
    fx_t *f = *state;
    json_t *dry = run(f, "2024-03-22T08:00:00", true, false, true);
    int64_t want = (int64_t)json_array_size(json_object_get(dry, "notices"));
    json_decref(dry);
    assert_true(want >= 5);
    pid_t kids[2];
    for (int k = 0; k < 2; k++) {
        kids[k] = fork();
        assert_true(kids[k] >= 0);
        if (kids[k] == 0) {
            app_t *a;
            app_config_t cfg = {.db_path = f->db, .data_dir = "data"};
            err_t e;
            app_remind_opts_t o = {T("2024-03-22T08:00:00"), true, true, false,
                                   k ? "child-1" : "child-0"};
            json_t *out = NULL;
            int rc = app_open(&cfg, &a, &e);
            if (!rc)
                rc = app_remind_run(a, NULL, &o, &out, &e);
            if (rc)
                fprintf(stderr, "child: %s\n", e.en);
            json_decref(out);
            if (!rc)
                app_close(a);
            _exit(rc ? 1 : 0);
        }
    }
    for (int k = 0; k < 2; k++) {
        int st = 0;
        assert_int_equal(waitpid(kids[k], &st, 0), kids[k]);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    assert_int_equal(q(f, "SELECT COUNT(*) FROM notice_item WHERE run_day = '2024-03-22' AND "
                          "kind <> 'digest'"),
                     want);
    assert_int_equal(q(f, "SELECT COUNT(*) FROM notice_digest WHERE day = '2024-03-22'"),
                     q(f, "SELECT COUNT(*) FROM app_user"));
    assert_int_equal(q(f, "SELECT COUNT(*) FROM notice_mail"), 1); /* stp1's digest */
    assert_int_equal(q(f, "SELECT COUNT(*) FROM remind_run WHERE host LIKE 'child-%'"), 2);
}

static void digests_and_mail(void **state)
{
    fx_t *f = *state;
    json_t *out = run(f, "2024-03-22T07:00:00", false, true, false);
    assert_int_equal(json_array_size(json_object_get(out, "digests")), 0); /* before 07:30 */
    json_decref(out);
    out = run(f, "2024-03-22T08:00:00", true, true, false);
    if (getenv("DEBUG_REMIND")) {
        char *dd = jsonx_dump(json_object_get(out, "digests"));
        fprintf(stderr, "%s\n", dd);
        free(dd);
    }
    const json_t *d;
    size_t i;
    int seen = 0;
    json_array_foreach(json_object_get(out, "digests"), i, d)
    {
        const char *login = json_string_value(json_object_get(d, "login"));
        long long items = json_integer_value(json_object_get(d, "items"));
        if (strcmp(login, "stp1") == 0) { /* the task and STP's quarter-I report */
            assert_int_equal(items, 2);
            assert_true(json_is_true(json_object_get(d, "mail")));
            seen++;
        } else if (strcmp(login, "snv") == 0) {
            /* the tasks of STP and STC, the reports of T01 and its three departments */
            assert_int_equal(items, 6);
            seen++;
        } else if (strcmp(login, "stp2") == 0) {
            assert_int_equal(items, 1); /* tasks turned off: the report */
            seen++;
        } else if (strcmp(login, "root") == 0) {
            assert_int_equal(items, 9); /* both provinces */
            seen++;
        }
    }
    assert_int_equal(seen, 4);
    json_decref(out);
    out = run(f, "2024-03-22T09:00:00", true, true, false);
    assert_int_equal(json_array_size(json_object_get(out, "digests")), 0);
    json_decref(out);
    assert_int_equal(q(f, "SELECT COUNT(*) FROM notice_item WHERE kind = 'digest' AND user_id = "
                          "2"),
                     1);

    /* the outbox: one claim wins, failures back off, then give up */
    err_t e;
    json_t *c1 = NULL, *c2 = NULL;
    dtime_t now = T("2024-03-22T08:01:00");
    assert_int_equal(app_remind_mail_claim(f->a, now, "one", 10, 300, &c1, &e), 0);
    assert_int_equal(app_remind_mail_claim(f->a, now, "two", 10, 300, &c2, &e), 0);
    assert_int_equal(json_array_size(c1), 1);
    assert_int_equal(json_array_size(c2), 0);
    const json_t *m = json_array_get(c1, 0);
    assert_string_equal(json_string_value(json_object_get(m, "to")), "stp1@example.vn");
    const json_t *pl = json_object_get(m, "payload");
    assert_string_equal(json_string_value(json_object_get(pl, "type")), "digest");
    assert_int_equal(json_array_size(json_object_get(pl, "items")), 2);
    assert_true(json_array_size(json_object_get(pl, "notices")) >= 1);
    int64_t id = json_integer_value(json_object_get(m, "id"));
    assert_int_equal(app_remind_mail_result(f->a, id, 1, false, false, "connect refused", now, &e),
                     0);
    json_decref(c1);
    json_decref(c2);
    /* not due again before two minutes */
    assert_int_equal(app_remind_mail_claim(f->a, now + 60, "one", 10, 300, &c1, &e), 0);
    assert_int_equal(json_array_size(c1), 0);
    json_decref(c1);
    for (int k = 2; k <= APP_REMIND_MAIL_TRIES; k++) {
        now += 7 * 3600;
        assert_int_equal(app_remind_mail_claim(f->a, now, "one", 10, 300, &c1, &e), 0);
        assert_int_equal(json_array_size(c1), 1);
        assert_int_equal(json_integer_value(json_object_get(json_array_get(c1, 0), "attempts")), k);
        json_decref(c1);
        assert_int_equal(app_remind_mail_result(f->a, id, k, false, false, "timeout", now, &e), 0);
    }
    assert_int_equal(app_remind_mail_claim(f->a, now + 86400, "one", 10, 300, &c1, &e), 0);
    assert_int_equal(json_array_size(c1), 0); /* given up */
    json_decref(c1);
    json_t *list = NULL;
    assert_int_equal(app_remind_mail_list(f->a, NULL, true, &list, &e), 0);
    assert_int_equal(json_integer_value(json_object_get(list, "failed")), 1);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(list, "items"), 0), "error")),
                        "timeout");
    json_decref(list);
    user_t officer = {.id = 1, .login = "stp1", .role = ACCESS_ROLE_OFFICER};
    assert_int_equal(app_remind_mail_list(f->a, &officer, true, &list, &e), ERR_FORBIDDEN);
}

static user_t user_of(fx_t *f, int64_t id, const char *login, access_role_t role, const char *unit)
{
    (void)f;
    user_t u;
    memset(&u, 0, sizeof u);
    u.id = id;
    snprintf(u.login, sizeof u.login, "%s", login);
    u.role = role;
    snprintf(u.unit_code, sizeof u.unit_code, "%s", unit ? unit : "");
    return u;
}

static void list_and_read(void **state)
{
    fx_t *f = *state;
    json_decref(run(f, "2024-03-22T08:00:00", true, false, false));
    /* a unit notice (a report reminder sent by hand) reaches the unit's users */
    assert_int_equal(store_exec(app_conn(f->a),
                                "INSERT INTO notice (unit_code, kind, ref, title, created_at) "
                                "VALUES ('T01.STP', 'report_reminder', 'r1', 'Nhắc gửi báo cáo', "
                                "strftime('%Y-%m-%dT%H:%M:%S', 'now'))",
                                NULL),
                     0);
    user_t u = user_of(f, 1, "stp1", ACCESS_ROLE_OFFICER, "T01.STP");
    json_t *l = NULL;
    err_t e;
    assert_int_equal(app_remind_list(f->a, &u, false, 50, 0, &l, &e), 0);
    assert_int_equal(json_integer_value(json_object_get(l, "unread")), 4);
    const json_t *first = json_array_get(json_object_get(l, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "kind")), "unit");
    assert_string_equal(json_string_value(json_object_get(first, "kind_label")),
                        "Nhắc của đơn vị nhận");
    int64_t id =
        json_integer_value(json_object_get(json_array_get(json_object_get(l, "items"), 1), "id"));
    json_decref(l);
    assert_int_equal(app_remind_read(f->a, &u, id, &e), 0);
    /* someone else's notice is not found */
    user_t other = user_of(f, 3, "stc1", ACCESS_ROLE_OFFICER, "T01.STC");
    assert_int_equal(app_remind_read(f->a, &other, id, &e), ERR_NOTFOUND);
    assert_string_equal(e.code, "notice.not_found");
    assert_int_equal(app_remind_list(f->a, &u, true, 50, 0, &l, &e), 0);
    assert_int_equal(json_integer_value(json_object_get(l, "unread")), 3);
    assert_int_equal(json_array_size(json_object_get(l, "items")), 3);
    json_decref(l);
    assert_int_equal(app_remind_read(f->a, &u, 0, &e), 0);
    assert_int_equal(app_remind_list(f->a, &u, false, 50, 0, &l, &e), 0);
    assert_int_equal(json_integer_value(json_object_get(l, "unread")), 0);
    assert_int_equal(json_integer_value(json_object_get(l, "total")), 4);
    json_decref(l);
    /* the fan-out is done once */
    assert_int_equal(app_remind_list(f->a, &u, false, 50, 0, &l, &e), 0);
    assert_int_equal(json_integer_value(json_object_get(l, "total")), 4);
    json_decref(l);
    assert_int_equal(app_remind_list(f->a, NULL, false, 50, 0, &l, &e), ERR_UNAUTH);
}

static void preferences(void **state)
{
    fx_t *f = *state;
    user_t u = user_of(f, 3, "stc1", ACCESS_ROLE_OFFICER, "T01.STC");
    json_t *p = NULL;
    err_t e;
    assert_int_equal(app_remind_prefs_get(f->a, &u, NULL, &p, &e), 0);
    assert_true(json_is_true(json_object_get(p, "digest_on")));
    assert_string_equal(json_string_value(json_object_get(p, "digest_time")), "");
    assert_string_equal(json_string_value(json_object_get(p, "default_digest_time")), "07:30");
    assert_int_equal(json_array_size(json_object_get(p, "kinds")), 7);
    json_decref(p);
    json_t *in = json_pack("{s:s,s:b,s:s,s:[s]}", "email", "stc1@example.vn", "email_on", 1,
                           "digest_time", "06:45", "kinds_off", "task");
    assert_int_equal(app_remind_prefs_set(f->a, &u, NULL, in, &p, &e), 0);
    json_decref(in);
    assert_string_equal(json_string_value(json_object_get(p, "digest_time")), "06:45");
    assert_string_equal(json_string_value(json_array_get(json_object_get(p, "kinds_off"), 0)),
                        "task");
    json_decref(p);
    /* the run leaves stc1 out now */
    json_t *out = run(f, "2024-03-22T08:00:00", true, false, true);
    char got[2048];
    task_notices(out, got, sizeof got);
    assert_null(strstr(got, "stc1"));
    json_decref(out);
    /* bad values */
    static const char *const bad[] = {
        "{\"email\":\"not an address\"}",     "{\"email\":\"a@b\"}",
        "{\"digest_time\":\"25:00\"}",        "{\"kinds_off\":[\"dossier\"]}",
        "{\"email\":\"\",\"email_on\":true}", "{\"leader\":true}"};
    static const char *const codes[] = {"remind.email", "remind.email", "remind.time",
                                        "remind.kind",  "remind.email", "auth.forbidden"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *j = jsonx_parse(bad[i], strlen(bad[i]), NULL);
        err_clear(&e);
        assert_true(app_remind_prefs_set(f->a, &u, NULL, j, &p, &e) < 0);
        assert_string_equal(e.code, codes[i]);
        json_decref(j);
    }
    /* another user's: the standing agency in scope may, marking the leader;
     * an officer may not; the other province's standing may not */
    user_t snv = user_of(f, 5, "snv", ACCESS_ROLE_STANDING, "T01");
    in = json_pack("{s:b}", "leader", 1);
    assert_int_equal(app_remind_prefs_set(f->a, &snv, "stc1", in, &p, &e), 0);
    assert_true(json_is_true(json_object_get(p, "leader")));
    json_decref(p);
    user_t t2 = user_of(f, 6, "t2", ACCESS_ROLE_OFFICER, "T02.S1");
    assert_int_equal(app_remind_prefs_get(f->a, &t2, "stc1", &p, &e), ERR_FORBIDDEN);
    user_t t2s = user_of(f, 6, "t2", ACCESS_ROLE_STANDING, "T02");
    assert_int_equal(app_remind_prefs_set(f->a, &t2s, "stc1", in, &p, &e), ERR_FORBIDDEN);
    json_decref(in);
    assert_int_equal(app_remind_prefs_get(f->a, &u, "nobody", &p, &e), ERR_NOTFOUND);
    assert_true(app_remind_email_valid("a.b-c@so.vinhlong.gov.vn"));
    assert_false(app_remind_email_valid("a b@x.vn"));
    assert_false(app_remind_email_valid("a@x.vn\r\nRCPT TO:<b@y.vn>"));
    assert_false(app_remind_email_valid("<a@x.vn>"));
}

static void feed(void **state)
{
    fx_t *f = *state;
    user_t u = user_of(f, 1, "stp1", ACCESS_ROLE_OFFICER, "T01.STP");
    char tok[APP_REMIND_TOKEN_LEN + 1], tok2[APP_REMIND_TOKEN_LEN + 1];
    err_t e;
    assert_int_equal(app_remind_feed_new(f->a, &u, tok, &e), 0);
    assert_int_equal(strlen(tok), APP_REMIND_TOKEN_LEN);
    json_t *items = NULL;
    assert_int_equal(app_remind_feed_items(f->a, tok, &items, &e), 0);
    assert_string_equal(json_string_value(json_object_get(items, "login")), "stp1");
    const json_t *it;
    size_t i, tasks = 0;
    json_array_foreach(json_object_get(items, "items"), i, it)
    {
        const char *key = json_string_value(json_object_get(it, "key"));
        assert_null(strstr(key, "T01.STC")); /* only STP's */
        assert_null(strstr(key, "task:12"));
        tasks += strcmp(key, "task:11:2024-03-15") == 0;
    }
    assert_int_equal(tasks, 1);
    json_decref(items);
    /* the token only: its hash is stored */
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM notice_feed WHERE token_hash = '%s'", tok);
    assert_int_equal(q(f, sql), 0);
    /* a new token revokes the old one; revoking ends both */
    assert_int_equal(app_remind_feed_new(f->a, &u, tok2, &e), 0);
    assert_int_equal(app_remind_feed_items(f->a, tok, &items, &e), ERR_NOTFOUND);
    assert_string_equal(e.code, "feed.not_found");
    assert_int_equal(app_remind_feed_items(f->a, tok2, &items, &e), 0);
    json_decref(items);
    json_t *p = NULL;
    assert_int_equal(app_remind_prefs_get(f->a, &u, NULL, &p, &e), 0);
    assert_true(json_is_true(json_object_get(json_object_get(p, "feed"), "active")));
    json_decref(p);
    assert_int_equal(app_remind_feed_revoke(f->a, &u, &e), 0);
    assert_int_equal(app_remind_feed_items(f->a, tok2, &items, &e), ERR_NOTFOUND);
    assert_int_equal(app_remind_feed_items(f->a, "../../etc", &items, &e), ERR_NOTFOUND);
    assert_int_equal(app_remind_feed_items(f->a, NULL, &items, &e), ERR_NOTFOUND);
    assert_int_equal(q(f, "SELECT COUNT(*) FROM audit_event WHERE action LIKE 'notice.feed%'"), 3);
}

static void rules_errors(void **state)
{
    fx_t *f = *state;
    /* a broken rules file in a data directory of its own stops the run */
    char *data = testdir_join(f->dir, "data2");
    char *rem = testdir_join(data, "reminders");
    char *cal = testdir_join(data, "calendar");
    assert_int_equal(mkdir(data, 0700), 0);
    assert_int_equal(mkdir(rem, 0700), 0);
    assert_int_equal(mkdir(cal, 0700), 0);
    free(testdir_file(rem, "rules.json", "{\"default\":[{\"id\":\"x\",\"at\":1,\"to\":[]}]}"));
    app_t *a;
    app_config_t cfg = {.db_path = f->db, .data_dir = data};
    err_t e;
    assert_int_equal(app_open(&cfg, &a, &e), 0);
    app_remind_opts_t o = {T("2024-03-22T08:00:00"), true, false, true, NULL};
    json_t *out = NULL;
    assert_int_equal(app_remind_run(a, NULL, &o, &out, &e), ERR_INVALID);
    assert_string_equal(e.code, "remind_rule.stage");
    assert_non_null(strstr(e.vi, "reminders/rules.json"));
    user_t officer = user_of(f, 1, "stp1", ACCESS_ROLE_OFFICER, "T01.STP");
    assert_int_equal(app_remind_run(a, &officer, &o, &out, &e), ERR_FORBIDDEN);
    app_close(a);
    free(data);
    free(rem);
    free(cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(stages_and_idempotency, setup, teardown),
        cmocka_unit_test_setup_teardown(two_processes, setup, teardown),
        cmocka_unit_test_setup_teardown(digests_and_mail, setup, teardown),
        cmocka_unit_test_setup_teardown(list_and_read, setup, teardown),
        cmocka_unit_test_setup_teardown(preferences, setup, teardown),
        cmocka_unit_test_setup_teardown(feed, setup, teardown),
        cmocka_unit_test_setup_teardown(rules_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
