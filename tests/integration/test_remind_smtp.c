/* E-mail of reminders, end to end (issue 17 item 3): the real binary runs
 * `cchc remind run` against a local SMTP server (python3 -m aiosmtpd, Debian
 * python3-aiosmtpd, on 127.0.0.1, writing a Maildir) and the test reads what
 * arrived: the digest in Vietnamese, text and HTML, links back, once only;
 * a malformed address fails alone and is shown to the administrator; a
 * server that is down delays the message (the notice is in the
 * application) and it is delivered after the back-off; STARTTLS required
 * but not offered fails visibly; the SMTP password never appears in the
 * logs, even at debug level. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/api_fixture.h"
#include "support/run_cmd.h"
#include "support/testdir.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <jansson.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

#define PASSWORD "S3cret-Pw-xyz-91"

static const char *SEED =
    "INSERT INTO unit (code, name, name_key, kind, parent_code) VALUES "
    "('T01', 'UBND tỉnh Một', 'ubnd tinh mot', 'tinh', NULL),"
    "('T01.STP', 'Sở Tư pháp', 'so tu phap', 'so', 'T01'),"
    "('T01.STC', 'Sở Tài chính', 'so tai chinh', 'so', 'T01');"
    "INSERT INTO plan (id, doc_hash, unit_code, number, year, title, imported_at, imported_by, "
    "tracking_started) VALUES (1, 'h1', 'T01', '01/KH-UBND', 2024, 'Kế hoạch CCHC năm 2024', "
    "'2024-01-10T08:00:00', 'cli', '2024-01-10T08:00:00');"
    "INSERT INTO task (id, plan_id, seq, task_no, title, deadline_text) VALUES "
    "(1, 1, 1, '1', 'Rà soát thủ tục hành chính <nội bộ> & công khai', 'Ngày 15/03/2024');"
    "INSERT INTO task_assignment (id, task_id, role, seq, label, unit_code) VALUES "
    "(11, 1, 'lead', 1, 'Sở Tư pháp', 'T01.STP'), (12, 1, 'support', 2, 'Sở Tài chính', "
    "'T01.STC');"
    "INSERT INTO app_user (id, login, full_name, password_hash, role, unit_code, created_at) "
    "VALUES "
    "(1, 'stp1', 'Nguyễn Thị Tư Pháp', 'x', 'officer', 'T01.STP', '2024-01-01T00:00:00'),"
    "(2, 'stc1', 'Cán bộ Tài chính', 'x', 'officer', 'T01.STC', '2024-01-01T00:00:00');"
    "INSERT INTO notice_pref (user_id, email, email_on) VALUES (2, 'not an address', 1);";

typedef struct fx {
    char *dir, *db, *maildir, *cfg;
    int port;
    pid_t smtp;
} fx_t;

static const char *bin(void)
{
    const char *b = getenv("CCHC_BIN");
    return b ? b : "build/asan/cchc";
}

/* Runs cchc with args (NULL-terminated); *r must be freed. */
static int cli(const fx_t *f, const char *const *args, run_result_t *r)
{
    char data[1024];
    snprintf(data, sizeof data, "%s/data", testdir_root());
    const char *argv[24] = {bin(), "--db", f->db, "--data", data};
    size_t n = 5;
    for (size_t i = 0; args[i] && n < 23; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    assert_int_equal(run_cmd(argv, NULL, NULL, 120, r), 0);
    return r->status;
}

static void cli_ok(const fx_t *f, const char *const *args)
{
    run_result_t r;
    if (cli(f, args, &r) != 0)
        fail_msg("%s: %s%s", args[0], r.out, r.err);
    run_result_free(&r);
}

static json_t *cli_json(const fx_t *f, const char *const *args, char **err)
{
    run_result_t r;
    if (cli(f, args, &r) != 0)
        fail_msg("%s %s: %s%s", args[0], args[1], r.out, r.err);
    json_t *j = json_loads(r.out, 0, NULL);
    if (!j)
        fail_msg("not JSON: %s", r.out);
    if (err)
        *err = strdup(r.err);
    run_result_free(&r);
    return j;
}

static int free_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(getsockname(s, (struct sockaddr *)&a, &len), 0);
    close(s);
    return ntohs(a.sin_port);
}

static bool port_open(int port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bool ok = connect(s, (struct sockaddr *)&a, sizeof a) == 0;
    close(s);
    return ok;
}

static const char *python(void)
{
    return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

static void smtp_start(fx_t *f)
{
    char listen[64];
    snprintf(listen, sizeof listen, "127.0.0.1:%d", f->port);
    f->smtp = fork();
    assert_true(f->smtp >= 0);
    if (f->smtp == 0) {
        execlp(python(), python(), "-m", "aiosmtpd", "-n", "-l", listen, "-c",
               "aiosmtpd.handlers.Mailbox", f->maildir, (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 200 && !port_open(f->port); i++) {
        int st;
        if (waitpid(f->smtp, &st, WNOHANG) == f->smtp) {
            f->smtp = 0;
            print_message("skip: python3 -m aiosmtpd did not start (Debian python3-aiosmtpd)\n");
            skip();
        }
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    assert_true(port_open(f->port));
}

static void smtp_stop(fx_t *f)
{
    if (f->smtp > 0) {
        kill(f->smtp, SIGTERM);
        waitpid(f->smtp, NULL, 0);
        f->smtp = 0;
    }
    for (int i = 0; i < 100 && port_open(f->port); i++) {
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

static void write_config(const fx_t *f, const char *tls)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"base_url\": \"http://cchc.test/\", \"mail\": {\"url\": \"smtp://127.0.0.1:%d\", "
             "\"tls\": \"%s\", \"user\": \"cchc\", \"password\": \"%s\", \"from\": "
             "\"cchc@tinh.gov.vn\", \"from_name\": \"Hệ thống CCHC\", \"timeout_seconds\": 5}}",
             f->port, tls, PASSWORD);
    testdir_write(f->cfg, text, strlen(text));
}

static int setup(void **state)
{
    fx_t *f = calloc(1, sizeof *f);
    f->dir = testdir_new();
    f->db = testdir_join(f->dir, "cchc.db");
    f->maildir = testdir_join(f->dir, "maildir");
    f->cfg = testdir_join(f->dir, "cchc.json");
    f->port = free_port();
    *state = f;
    const char *mig[] = {"db", "migrate", NULL};
    cli_ok(f, mig);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, SEED, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("seed: %s", msg);
    sqlite3_close(db);
    const char *prefs[] = {"remind",  "prefs",           "--user",     "stp1",
                           "--email", "stp1@example.vn", "--email-on", NULL};
    cli_ok(f, prefs);
    write_config(f, "none");
    return 0;
}

static int teardown(void **state)
{
    fx_t *f = *state;
    smtp_stop(f);
    testdir_remove(f->dir);
    free(f->db);
    free(f->maildir);
    free(f->cfg);
    free(f);
    return 0;
}

/* The messages of the Maildir (new/), as NUL-terminated strings. */
static size_t messages(const fx_t *f, char **out, size_t cap)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/new", f->maildir);
    DIR *d = opendir(path);
    size_t n = 0;
    for (struct dirent *de = d ? readdir(d) : NULL; de; de = readdir(d)) {
        if (de->d_name[0] == '.' || n == cap)
            continue;
        char *p = testdir_join(path, de->d_name);
        FILE *fp = fopen(p, "rb");
        free(p);
        assert_non_null(fp);
        char *buf = calloc(1, 1 << 20);
        size_t len = fread(buf, 1, (1 << 20) - 1, fp);
        buf[len] = '\0';
        fclose(fp);
        out[n++] = buf;
    }
    if (d)
        closedir(d);
    return n;
}

/* The decoded body of the part with content type `type`. */
static char *part(const char *msg, const char *type)
{
    char want[128];
    snprintf(want, sizeof want, "Content-Type: %s; charset=UTF-8", type);
    const char *p = strstr(msg, want);
    assert_non_null(p);
    p = strstr(p, "\r\n\r\n");
    if (!p)
        p = strstr(strstr(msg, want), "\n\n");
    assert_non_null(p);
    const char *end = strstr(p + 2, "--cchc-");
    assert_non_null(end);
    size_t cap = (size_t)(end - p);
    unsigned char *bin = calloc(1, cap + 1);
    size_t len = 0;
    assert_int_equal(sodium_base642bin(bin, cap, p, (size_t)(end - p), " \r\n", &len, NULL,
                                       sodium_base64_VARIANT_ORIGINAL),
                     0);
    bin[len] = '\0';
    return (char *)bin;
}

/* The Subject header decoded from its RFC 2047 words. */
static void subject(const char *msg, char *out, size_t cap)
{
    const char *p = strstr(msg, "\nSubject: ");
    assert_non_null(p);
    p += 10;
    out[0] = '\0';
    size_t len = 0;
    for (;;) {
        const char *w = strstr(p, "=?UTF-8?B?");
        const char *eol = strstr(p, "\n");
        if (!w || (eol && w > eol && !(eol[1] == ' ' || eol[1] == '\t')))
            break;
        w += 10;
        const char *q = strstr(w, "?=");
        size_t got = 0;
        assert_int_equal(sodium_base642bin((unsigned char *)out + len, cap - len - 1, w,
                                           (size_t)(q - w), NULL, &got, NULL,
                                           sodium_base64_VARIANT_ORIGINAL),
                         0);
        len += got;
        out[len] = '\0';
        p = q + 2;
    }
}

static void delivered(void **state)
{
    fx_t *f = *state;
    smtp_start(f);
    const char *run[] = {"--log-level",      "debug",    "remind", "run",    "--at",
                         "2024-03-22 08:00", "--config", f->cfg,   "--json", NULL};
    char *err = NULL;
    json_t *out = cli_json(f, run, &err);
    assert_null(strstr(err, PASSWORD));
    assert_non_null(strstr(err, "remind: mail"));
    free(err);
    assert_int_equal(json_integer_value(json_object_get(out, "mail_sent")), 1);
    assert_int_equal(json_integer_value(json_object_get(out, "mail_failed")), 1); /* stc1 */
    json_decref(out);

    char *msg[4];
    assert_int_equal(messages(f, msg, 4), 1);
    assert_non_null(strstr(msg[0], "To: <stp1@example.vn>"));
    assert_non_null(strstr(msg[0], "From: =?UTF-8?B?"));
    assert_non_null(strstr(msg[0], "<cchc@tinh.gov.vn>"));
    char subj[512];
    subject(msg[0], subj, sizeof subj);
    /* the task overdue and Sở Tư pháp's quarter-I report (data/reports/calendar.csv) */
    assert_string_equal(subj, "[CCHC] Bản tin nhắc hạn ngày 22/03/2024: 2 quá hạn, 0 sắp đến hạn");
    char *text = part(msg[0], "text/plain");
    assert_non_null(strstr(text, "Kính gửi Nguyễn Thị Tư Pháp,"));
    assert_non_null(strstr(text, "QUÁ HẠN"));
    assert_non_null(strstr(text, "Rà soát thủ tục hành chính <nội bộ> & công khai"));
    assert_non_null(strstr(text, "Hạn: 15/03/2024 (quá hạn 5 ngày làm việc)"));
    assert_non_null(strstr(text, "http://cchc.test/#/nhiem-vu/11"));
    assert_non_null(strstr(text, "http://cchc.test/#/thong-bao/cai-dat"));
    free(text);
    char *html = part(msg[0], "text/html");
    assert_non_null(strstr(html, "<a href=\"http://cchc.test/#/nhiem-vu/11\">"));
    assert_non_null(strstr(html, "&lt;nội bộ&gt; &amp; công khai"));
    assert_null(strstr(html, "<nội bộ>"));
    free(html);
    free(msg[0]);

    /* again: nothing new is sent */
    const char *again[] = {"remind",   "run",  "--at",   "2024-03-22 09:00",
                           "--config", f->cfg, "--json", NULL};
    out = cli_json(f, again, NULL);
    assert_int_equal(json_integer_value(json_object_get(out, "mail_sent")), 0);
    json_decref(out);
    size_t n = messages(f, msg, 4);
    for (size_t i = 0; i < n; i++)
        free(msg[i]);
    assert_int_equal(n, 1);

    /* the administrator sees the failed address */
    const char *box[] = {"remind", "outbox", "--all", NULL};
    out = cli_json(f, box, NULL);
    assert_int_equal(json_integer_value(json_object_get(out, "failed")), 1);
    const json_t *it;
    size_t i;
    bool bad = false;
    json_array_foreach(json_object_get(out, "items"), i, it)
    {
        if (strcmp(json_string_value(json_object_get(it, "login")), "stc1") == 0) {
            bad = json_is_string(json_object_get(it, "failed_at")) &&
                  strstr(json_string_value(json_object_get(it, "error")), "not an address");
        }
    }
    assert_true(bad);
    json_decref(out);
}

static void server_down_then_up(void **state)
{
    fx_t *f = *state;
    /* no server: the run succeeds, the digest waits, the notice is there */
    const char *run[] = {"remind",   "run",  "--at",   "2024-03-25 08:00",
                         "--config", f->cfg, "--json", NULL};
    json_t *out = cli_json(f, run, NULL);
    assert_int_equal(json_integer_value(json_object_get(out, "mail_sent")), 0);
    assert_int_equal(json_integer_value(json_object_get(out, "mail_failed")), 2);
    json_decref(out);
    const char *list[] = {"remind", "list", "--user", "stp1", "--json", NULL};
    out = cli_json(f, list, NULL);
    assert_non_null(strstr(json_string_value(json_object_get(
                               json_array_get(json_object_get(out, "items"), 0), "title")),
                           "Bản tin nhắc hạn ngày 25/03/2024"));
    json_decref(out);
    const char *box[] = {"remind", "outbox", "--json", NULL};
    out = cli_json(f, box, NULL);
    assert_int_equal(json_integer_value(json_object_get(out, "pending")), 1);
    json_decref(out);

    /* the server is back: not before the back-off, then delivered */
    smtp_start(f);
    const char *early[] = {"remind", "send", "--at", "2024-03-25 08:01", "--config", f->cfg, NULL};
    run_result_t r;
    assert_int_equal(cli(f, early, &r), 0);
    assert_non_null(strstr(r.out, "0 thư"));
    run_result_free(&r);
    char *msg[4];
    assert_int_equal(messages(f, msg, 4), 0);
    const char *later[] = {"remind", "send", "--at", "2024-03-25 08:05", "--config", f->cfg, NULL};
    assert_int_equal(cli(f, later, &r), 0);
    assert_non_null(strstr(r.out, "1 gửi được"));
    run_result_free(&r);
    assert_int_equal(messages(f, msg, 4), 1);
    char subj[512];
    subject(msg[0], subj, sizeof subj);
    assert_non_null(strstr(subj, "25/03/2024"));
    free(msg[0]);

    /* STARTTLS required, the server offers none: refused, visible */
    write_config(f, "starttls");
    const char *tls[] = {"remind",   "run",  "--at",   "2024-03-26 08:00",
                         "--config", f->cfg, "--json", NULL};
    out = cli_json(f, tls, NULL);
    assert_int_equal(json_integer_value(json_object_get(out, "mail_sent")), 0);
    json_decref(out);
    assert_int_equal(messages(f, msg, 4), 1);
    free(msg[0]);
    out = cli_json(f, box, NULL);
    bool seen = false;
    size_t i;
    const json_t *it;
    json_array_foreach(json_object_get(out, "items"), i, it)
    {
        const char *e = json_string_value(json_object_get(it, "error"));
        seen =
            seen || (e && strcmp(json_string_value(json_object_get(it, "ref")), "2024-03-26") == 0);
    }
    assert_true(seen);
    json_decref(out);
}

static void config_refused(void **state)
{
    fx_t *f = *state;
    const char *bad_cfg = "{\"mail\": {\"url\": \"smtp://user:pw@127.0.0.1:25\", "
                          "\"from\": \"a@b.vn\"}}";
    testdir_write(f->cfg, bad_cfg, strlen(bad_cfg));
    const char *run[] = {"remind", "send", "--config", f->cfg, NULL};
    run_result_t r;
    assert_int_equal(cli(f, run, &r), 1);
    assert_non_null(strstr(r.err, "mail.url"));
    assert_null(strstr(r.err, "pw@"));
    run_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(delivered, setup, teardown),
        cmocka_unit_test_setup_teardown(server_down_then_up, setup, teardown),
        cmocka_unit_test_setup_teardown(config_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
