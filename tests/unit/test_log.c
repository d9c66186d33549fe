/* Unit tests of src/base/log: escaping (no forged lines), levels per
 * subsystem, size-based rotation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/log.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/banned.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *len = 0;
        return NULL;
    }
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void escape_controls_and_bad_utf8(void **state)
{
    (void)state;
    char out[256];
    const char in[] = "a\nb\r\tc\\d\x01\x7f"
                      "\xff"
                      "ố\xc2\x85\xe2\x80\xa8";
    log_escape(out, sizeof out, in, sizeof in - 1);
    assert_string_equal(out, "a\\nb\\r\\tc\\\\d\\x01\\x7f\\xffố\\u0085\\u2028");
    /* Truncation never splits an escape or a character. */
    size_t n = log_escape(out, 5, "ab\ncd", 5);
    assert_int_equal(n, 4);
    assert_string_equal(out, "ab\\n");
    n = log_escape(out, 3, "aố", strlen("aố"));
    assert_string_equal(out, "a");
    (void)n;
    /* An overlong encoding and a lone surrogate are invalid. */
    log_escape(out, sizeof out, "\xc0\xaf\xed\xa0\x80", 5);
    assert_string_equal(out, "\\xc0\\xaf\\xed\\xa0\\x80");
}

static void levels_per_subsystem(void **state)
{
    (void)state;
    err_t e;
    assert_int_equal(log_configure("warn,access=error,auth=debug", &e), 0);
    assert_int_equal(log_get_level(), LOG_WARN);
    assert_int_equal(log_sub_level("access"), LOG_ERROR);
    assert_int_equal(log_sub_level("auth"), LOG_DEBUG);
    assert_int_equal(log_sub_level("http"), LOG_WARN);
    assert_false(log_enabled("access", LOG_WARN));
    assert_true(log_enabled("auth", LOG_DEBUG));
    assert_false(log_enabled(NULL, LOG_INFO));
    /* Only subsystems: the default stays. */
    assert_int_equal(log_configure("http=info", &e), 0);
    assert_int_equal(log_get_level(), LOG_WARN);
    assert_int_equal(log_sub_level("access"), LOG_WARN); /* earlier ones forgotten */
    assert_int_equal(log_sub_level("http"), LOG_INFO);
    const char *bad[] = {
        "", "loud", "http=", "=info", "Http=info", "info,,warn", "a_very_long_subsystem_name=info"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(log_configure(bad[i], &e), ERR_INVALID);
        assert_string_equal(e.code, "log.level");
    }
    assert_int_equal(log_sub_level("http"), LOG_INFO); /* unchanged by failures */
    assert_int_equal(log_configure("info", &e), 0);
    assert_int_equal(log_sub_level("http"), LOG_INFO);
}

static void forged_line_is_one_line(void **state)
{
    (void)state;
    char *dir = testdir_new();
    char *path = testdir_join(dir, "cchc.log");
    err_t e;
    assert_int_equal(log_open_file(path, 1 << 20, 2, &e), 0);
    log_set_request_id(7);
    log_sub("auth", LOG_WARN, "failed login for '%s'",
            "x'\n2024-01-01T00:00:00+07:00 INFO  login admin");
    log_set_request_id(0);
    log_info("plain %d", 1);
    log_close_file();
    size_t len;
    char *text = slurp(path, &len);
    assert_non_null(text);
    assert_int_equal(count_lines(text), 2);
    assert_non_null(strstr(text, "WARN  [req 7] auth: failed login for 'x'\\n2024-01-01"));
    assert_non_null(strstr(text, "INFO  plain 1\n"));
    free(text);
    free(path);
    testdir_remove(dir);
}

static void rotation_by_size(void **state)
{
    (void)state;
    char *dir = testdir_new();
    char *path = testdir_join(dir, "cchc.log");
    err_t e;
    assert_int_equal(log_open_file(path, 100, 2, &e), ERR_INVALID);
    assert_int_equal(log_open_file(path, 8192, 0, &e), ERR_INVALID);
    assert_string_equal(e.code, "log.rotate");
    assert_int_equal(log_open_file(path, 8192, 2, &e), 0);
    char filler[200];
    memset(filler, 'x', sizeof filler - 1);
    filler[sizeof filler - 1] = '\0';
    for (int i = 0; i < 200; i++) /* ~47 KB: several rotations */
        log_info("%04d %s", i, filler);
    log_close_file();
    char name[64];
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size <= 8192);
    for (int k = 1; k <= 2; k++) {
        snprintf(name, sizeof name, "cchc.log.%d", k);
        char *p = testdir_join(dir, name);
        assert_int_equal(stat(p, &st), 0);
        assert_true(st.st_size <= 8192 && st.st_size > 4096);
        free(p);
    }
    char *p3 = testdir_join(dir, "cchc.log.3");
    assert_false(testdir_exists(p3)); /* only `keep` old files */
    free(p3);
    /* The newest lines are in the current file, whole. */
    size_t len;
    char *text = slurp(path, &len);
    assert_non_null(strstr(text, "0199 xxx"));
    assert_int_equal(text[len - 1], '\n');
    free(text);
    /* Unwritable place: an error, stderr stays. */
    char *bad = testdir_join(dir, "no/such/dir/x.log");
    assert_int_equal(log_open_file(bad, 8192, 1, &e), ERR_IO);
    assert_string_equal(e.code, "log.open");
    assert_null(strstr(e.en, dir));
    free(bad);
    free(path);
    testdir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escape_controls_and_bad_utf8),
        cmocka_unit_test(levels_per_subsystem),
        cmocka_unit_test(forged_line_is_one_line),
        cmocka_unit_test(rotation_by_size),
    };
    return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
