/* Tests of domain/remind_rule: the shipped rules equal the built-in
 * defaults, every malformed file is refused with the file, the place and
 * the reason, kind sets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/file.h"
#include "base/mem.h"
#include "domain/remind_rule.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static int parse(const char *text, remind_rules_t *r, err_t *e)
{
    return remind_rule_parse(text, strlen(text), "rules.json", r, e);
}

static void shipped_equals_defaults(void **state)
{
    (void)state;
    char *text = NULL;
    size_t n = 0;
    err_t e = {0};
    assert_int_equal(file_read_all("data/reminders/rules.json", 1 << 20, &text, &n, &e), 0);
    remind_rules_t r, d;
    assert_int_equal(remind_rule_parse(text, n, "data/reminders/rules.json", &r, &e), 0);
    mem_free(text);
    remind_rule_defaults(&d);
    assert_string_equal(r.version, "2025.1");
    assert_int_equal(r.def.n, d.def.n);
    for (size_t i = 0; i < d.def.n; i++) {
        assert_string_equal(r.def.v[i].id, d.def.v[i].id);
        assert_int_equal(r.def.v[i].at, d.def.v[i].at);
        assert_int_equal(r.def.v[i].every, d.def.v[i].every);
        assert_int_equal(r.def.v[i].to, d.def.v[i].to);
    }
    for (int t = 0; t < REMIND_TO_COUNT; t++)
        assert_int_equal(r.roles[t], d.roles[t]);
    assert_int_equal(r.summary_weekday, 1);
    assert_int_equal(r.digest_soon, 5);
    assert_int_equal(r.digest_minute, 7 * 60 + 30);
    assert_int_equal(r.target_month, 12);
    assert_int_equal(r.target_day, 14);
    /* the defaults of the issue: 5 and 1 before, the day, weekly, leader after 10 */
    assert_int_equal(d.def.v[0].at, -5);
    assert_int_equal(d.def.v[1].at, -1);
    assert_int_equal(d.def.v[2].at, 0);
    assert_int_equal(d.def.v[3].every, 5);
    assert_int_equal(d.def.v[4].at, 10);
    assert_int_equal(d.def.v[4].to, 1u << REMIND_TO_LEADER);
    assert_true(remind_rule_role_counts(&d, REMIND_TO_ASSIGNEE, ACCESS_ROLE_OFFICER));
    assert_false(remind_rule_role_counts(&d, REMIND_TO_ASSIGNEE, ACCESS_ROLE_VIEWER));
    assert_ptr_equal(remind_rule_stages(&d, REMIND_KIND_REPORT), &d.def);
}

static void kinds_and_options(void **state)
{
    (void)state;
    remind_rules_t r;
    err_t e = {0};
    err_clear(&e);
    assert_int_equal(
        parse("{\"version\":\"t\",\"default\":[{\"id\":\"a\",\"at\":0,\"to\":[\"assignee\"]}],"
              "\"kinds\":{\"report\":[{\"id\":\"r3\",\"at\":-3,\"to\":[\"assignee\"]},"
              "{\"id\":\"late\",\"at\":1,\"every\":2,\"to\":[\"lead\",\"leader\"]}]},"
              "\"recipients\":{\"assignee\":[\"officer\"]},\"digest\":{\"soon\":3,"
              "\"time\":\"06:05\"},\"target_due\":\"11-30\"}",
              &r, &e),
        0);
    const remind_stages_t *s = remind_rule_stages(&r, REMIND_KIND_REPORT);
    assert_int_equal(s->n, 2);
    assert_string_equal(s->v[1].id, "late");
    assert_int_equal(s->v[1].every, 2);
    assert_int_equal(s->v[1].to, 1u << REMIND_TO_LEAD | 1u << REMIND_TO_LEADER);
    assert_int_equal(remind_rule_stages(&r, REMIND_KIND_TASK)->n, 1);
    assert_true(remind_rule_role_counts(&r, REMIND_TO_ASSIGNEE, ACCESS_ROLE_OFFICER));
    assert_false(remind_rule_role_counts(&r, REMIND_TO_ASSIGNEE, ACCESS_ROLE_STANDING));
    assert_int_equal(r.summary_weekday, -1); /* no "summary": none */
    assert_int_equal(r.digest_soon, 3);
    assert_int_equal(r.digest_minute, 6 * 60 + 5);
    assert_int_equal(r.target_month, 11);
    assert_int_equal(r.target_day, 30);
}

typedef struct bad_case {
    const char *text, *code, *needle;
} bad_case_t;

static void refused(void **state)
{
    (void)state;
    static const bad_case_t cases[] = {
        {"{\"default\": [", "remind_rule.json", "rules.json: "},
        {"[]", "remind_rule.json", "đối tượng"},
        {"{}", "remind_rule.field", "default"},
        {"{\"default\":[],\"x\":1}", "remind_rule.field", "\"x\""},
        {"{\"default\":[]}", "remind_rule.field", "không rỗng"},
        {"{\"default\":[{\"id\":\"A\",\"at\":0,\"to\":[\"assignee\"]}]}", "remind_rule.stage",
         "stage 'A'"},
        {"{\"default\":[{\"id\":\"a\",\"to\":[\"assignee\"]}]}", "remind_rule.stage", "\"at\""},
        {"{\"default\":[{\"id\":\"a\",\"at\":1,\"to\":[\"assignee\"]},{\"id\":\"b\",\"at\":0,"
         "\"to\":[\"assignee\"]}]}",
         "remind_rule.stage", "tăng dần"},
        {"{\"default\":[{\"id\":\"a\",\"at\":0,\"to\":[\"assignee\"]},{\"id\":\"a\",\"at\":1,"
         "\"to\":[\"assignee\"]}]}",
         "remind_rule.stage", "trùng"},
        {"{\"default\":[{\"id\":\"a\",\"at\":-2,\"every\":1,\"to\":[\"assignee\"]}]}",
         "remind_rule.stage", "every"},
        {"{\"default\":[{\"id\":\"a\",\"at\":0,\"to\":[]}]}", "remind_rule.stage", "\"to\""},
        {"{\"default\":[{\"id\":\"a\",\"at\":0,\"to\":[\"standing\"]}]}", "remind_rule.stage",
         "assignee"},
        {"{\"default\":[{\"id\":\"a\",\"at\":900,\"to\":[\"assignee\"]}]}", "remind_rule.field",
         "-250"},
        {"{\"default\":[{\"id\":\"a\",\"at\":0,\"to\":[\"assignee\"],\"when\":1}]}",
         "remind_rule.field", "\"when\""},
        {"{\"default\":[{\"id\":\"a\",\"at\":0,\"to\":[\"assignee\"]}],\"kinds\":{\"dossier\":[]}}",
         "remind_rule.field", "kinds"},
        {"{\"default\":[{\"id\":\"a\",\"at\":0,\"to\":[\"assignee\"]}],"
         "\"recipients\":{\"assignee\":[\"boss\"]}}",
         "remind_rule.field", "assignee"},
        {"{\"default\":[{\"id\":\"a\",\"at\":0,\"to\":[\"assignee\"]}],\"digest\":{\"time\":"
         "\"7h\"}}",
         "remind_rule.field", "HH:MM"},
        {"{\"default\":[{\"id\":\"a\",\"at\":0,\"to\":[\"assignee\"]}],\"target_due\":\"02-30\"}",
         "remind_rule.field", "MM-DD"},
        {"{\"default\":[{\"id\":\"a\",\"at\":0,\"to\":[\"assignee\"]}],\"summary\":{\"weekday\":"
         "9}}",
         "remind_rule.field", "weekday"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        remind_rules_t r;
        err_t e = {0};
        err_clear(&e);
        if (parse(cases[i].text, &r, &e) != ERR_INVALID)
            fail_msg("case %zu accepted: %s", i, cases[i].text);
        assert_string_equal(e.code, cases[i].code);
        assert_non_null(strstr(e.vi, "rules.json: "));
        assert_non_null(strstr(e.en, "rules.json: "));
        if (!strstr(e.vi, cases[i].needle) && !strstr(e.en, cases[i].needle))
            fail_msg("case %zu: '%s' not in '%s' / '%s'", i, cases[i].needle, e.vi, e.en);
    }
    /* the syntax error says where */
    remind_rules_t r;
    err_t e = {0};
    assert_int_equal(parse("{\n\"default\": [,]}", &r, &e), ERR_INVALID);
    assert_non_null(strstr(e.en, "line 2"));
}

static void kind_sets(void **state)
{
    (void)state;
    unsigned set = 0;
    err_t e = {0};
    assert_int_equal(remind_rule_kind_parse_set(" report, summary ,unit", &set, &e), 0);
    assert_int_equal(set,
                     1u << REMIND_KIND_REPORT | 1u << REMIND_KIND_SUMMARY | 1u << REMIND_KIND_UNIT);
    char buf[64];
    remind_rule_kind_format_set(set, buf, sizeof buf);
    assert_string_equal(buf, "report,summary,unit");
    assert_int_equal(remind_rule_kind_parse_set("", &set, &e), 0);
    assert_int_equal(set, 0);
    assert_int_equal(remind_rule_kind_parse_set("task,dossier", &set, &e), ERR_INVALID);
    assert_string_equal(e.code, "remind.kind");
    remind_kind_t k;
    assert_int_equal(remind_rule_kind_parse("campaign", &k, NULL), 0);
    assert_int_equal(k, REMIND_KIND_CAMPAIGN);
    assert_string_equal(remind_rule_kind_label_vi(REMIND_KIND_REPORT), "Báo cáo");
    assert_string_equal(remind_rule_to_code(REMIND_TO_LEAD), "lead");
    remind_rule_kind_format_set(1u << REMIND_KIND_TASK | 1u << REMIND_KIND_DIGEST, buf, 6);
    assert_string_equal(buf, "task");
}

static long json_budget = -1;

static void *failing_malloc(size_t n)
{
    if (json_budget == 0)
        return NULL;
    if (json_budget > 0)
        json_budget--;
    return malloc(n);
}

static void out_of_memory(void **state)
{
    (void)state;
    size_t n;
    char *text = NULL;
    assert_int_equal(file_read_all("data/reminders/rules.json", 1 << 20, &text, &n, NULL), 0);
    json_set_alloc_funcs(failing_malloc, free);
    bool whole = false;
    long nomem = 0;
    for (long k = 0; k < 2000 && !whole; k++) {
        remind_rules_t r;
        err_t e = {0};
        json_budget = k;
        int rc = remind_rule_parse(text, n, "rules.json", &r, &e);
        json_budget = -1;
        if (rc == 0)
            whole = true;
        else if (rc == ERR_NOMEM)
            nomem++;
        else if (rc != ERR_INVALID || strcmp(e.code, "remind_rule.json") != 0)
            /* jansson's lexer reports some failed allocations as syntax
             * errors: those are "remind_rule.json", nothing else */
            fail_msg("budget %ld: %d %s %s", k, rc, e.code, e.en);
    }
    json_set_alloc_funcs(malloc, free);
    mem_free(text);
    assert_true(whole);
    assert_true(nomem >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_equals_defaults),
        cmocka_unit_test(kinds_and_options),
        cmocka_unit_test(refused),
        cmocka_unit_test(kind_sets),
        cmocka_unit_test(out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
