/* Tests of io/remind_config: defaults, every setting read, the password from
 * a file or the environment and never described, refused settings with the
 * file and the key. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "io/remind_config.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static int parse(const char *text, remind_config_t *c, err_t *e)
{
    return remind_config_parse(text, strlen(text), "cchc.json", c, e);
}

static void defaults_and_settings(void **state)
{
    (void)state;
    remind_config_t c;
    err_t e = {0};
    assert_int_equal(remind_config_load(NULL, &c, &e), 0);
    assert_false(c.sched_on);
    assert_false(c.mail_on);
    assert_int_equal(c.sched_minute, 7 * 60);
    assert_int_equal(c.tls, REMIND_TLS_REQUIRED);
    unsetenv("CCHC_SMTP_PASSWORD");
    assert_int_equal(parse("{\"base_url\":\"https://cchc.tinh.gov.vn//\",\"scheduler\":{\"time\":"
                           "\"06:45\",\"tick_seconds\":30},\"mail\":{\"url\":\"smtp://mail.tinh."
                           "gov.vn:587\",\"tls\":\"try\",\"user\":\"cchc\",\"password\":\"pw-1\","
                           "\"from\":\"cchc@tinh.gov.vn\",\"batch\":7}}",
                           &c, &e),
                     0);
    assert_string_equal(c.base_url, "https://cchc.tinh.gov.vn");
    assert_true(c.sched_on);
    assert_int_equal(c.sched_minute, 6 * 60 + 45);
    assert_int_equal(c.tick_s, 30);
    assert_true(c.mail_on);
    assert_int_equal(c.tls, REMIND_TLS_TRY);
    assert_string_equal(c.password, "pw-1");
    assert_int_equal(c.batch, 7);
    char d[1024];
    remind_config_describe(&c, d, sizeof d);
    assert_null(strstr(d, "pw-1"));
    assert_non_null(strstr(d, "password=***"));
    assert_non_null(strstr(d, "scheduler=on@06:45"));
    /* the password from a file, the environment winning over both */
    char *dir = testdir_new();
    char *pw = testdir_file(dir, "pw", "from-file\nsecond line\n");
    char text[1024];
    snprintf(text, sizeof text,
             "{\"mail\":{\"url\":\"smtps://m:465\",\"from\":\"a@b.vn\",\"password_file\":\"%s\"}}",
             pw);
    assert_int_equal(parse(text, &c, &e), 0);
    assert_string_equal(c.password, "from-file");
    setenv("CCHC_SMTP_PASSWORD", "from-env", 1);
    assert_int_equal(parse(text, &c, &e), 0);
    assert_string_equal(c.password, "from-env");
    unsetenv("CCHC_SMTP_PASSWORD");
    char *cfg = testdir_file(dir, "cchc.json", "{\"scheduler\":{\"enabled\":false}}");
    assert_int_equal(remind_config_load(cfg, &c, &e), 0);
    assert_false(c.sched_on);
    free(pw);
    free(cfg);
    testdir_remove(dir);
}

static void refused(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"{", "json"},
        {"[]", "json"},
        {"{\"mail\":{\"url\":\"http://x\",\"from\":\"a@b.vn\"}}", "mail.url"},
        {"{\"mail\":{\"url\":\"smtp://u:secret@x:25\",\"from\":\"a@b.vn\"}}", "mail.url"},
        {"{\"mail\":{\"url\":\"smtp://x:25\"}}", "mail.from"},
        {"{\"mail\":{\"url\":\"smtp://x:25\",\"from\":\"a@b.vn\",\"tls\":\"maybe\"}}", "mail.tls"},
        {"{\"mail\":{\"url\":\"smtp://x:25\",\"from\":\"a@b.vn\",\"timeout_seconds\":0}}",
         "timeout_seconds"},
        {"{\"scheduler\":{\"time\":\"7:00\"}}", "scheduler.time"},
        {"{\"scheduler\":{\"time\":\"24:00\"}}", "scheduler.time"},
        {"{\"scheduler\":{\"enabled\":\"yes\"}}", "enabled"},
        {"{\"base_url\":\"a\\nb\"}", "base_url"},
        {"{\"mail\":{\"url\":\"smtp://x:25\",\"from\":\"a@b.vn\",\"password_file\":\"/no/such\"}}",
         "/no/such"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        remind_config_t c;
        err_t e = {0};
        if (parse(bad[i][0], &c, &e) == 0)
            fail_msg("accepted: %s", bad[i][0]);
        if (!strstr(e.en, bad[i][1]))
            fail_msg("'%s' not in '%s'", bad[i][1], e.en);
        assert_null(strstr(e.en, "secret"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(defaults_and_settings),
                                       cmocka_unit_test(refused)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
