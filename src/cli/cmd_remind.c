/* cmd_remind.c - `cchc remind`: the reminder scheduler for cron and tests,
 * a user's notices and settings, the outbox, the follow-up letter, the
 * rules (docs/internals/reminders.md). The command line acts as the local
 * operator. */
#include "app/app_remind.h"
#include "app/app_remind_letter.h"
#include "base/dtime.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "cli/cli.h"
#include "cli/remind_sched.h"
#include "cmd.h"
#include "domain/remind_rule.h"
#include "io/offdoc_docx.h"
#include "io/offdoc_pdf.h"
#include "io/remind_config.h"
#include "io/remind_mailer.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf(
        "Cách dùng / usage:\n"
        "  cchc remind run [--at NGÀY_GIỜ] [--dry-run] [--json] [--no-digests] [--no-mail]\n"
        "      một lượt nhắc hạn: thông báo của ngày, bản tin đã đến giờ, gửi thư (cho cron)\n"
        "      / one reminder pass: the day's notices, due digests, e-mail (for cron)\n"
        "  cchc remind list --user TÊN [--unread] [--json]      thông báo của một người / notices\n"
        "  cchc remind read --user TÊN (ID | --all)              đánh dấu đã đọc / mark read\n"
        "  cchc remind prefs --user TÊN [--email ĐỊA_CHỈ] [--email-on|--email-off]\n"
        "      [--digest-on|--digest-off] [--digest-time HH:MM] [--kinds-off a,b] [--leader "
        "on|off]\n"
        "      cài đặt nhận thông báo / notification settings (loại / kinds: task, report, "
        "target,\n"
        "      campaign, summary, unit, digest)\n"
        "  cchc remind feed --user TÊN (--new | --revoke)     liên kết lịch .ics / calendar feed "
        "link\n"
        "  cchc remind letter (--unit MÃ | --all) [--from MÃ_ĐV] [--at NGÀY] [--reply-by NGÀY]\n"
        "      [--symbol KÝ_HIỆU] [--signer TÊN] [--preview] --out TỆP.docx|TỆP.pdf [--json]\n"
        "      công văn đôn đốc / follow-up letter\n"
        "  cchc remind letters [--json]                           công văn đã ban hành / letters\n"
        "  cchc remind outbox [--all] [--json]                    thư chờ gửi, lỗi / the outbox\n"
        "  cchc remind send [--at NGÀY_GIỜ]                       gửi thư đến hạn / send due mail\n"
        "  cchc remind rules [--json]        kiểm tra DATA/reminders/rules.json / check the rules\n"
        "Tùy chọn chung / common: --config TỆP (mặc định / default $CCHC_CONFIG): base_url, "
        "mail.\n");
}

typedef struct opts {
    const char *user, *email, *digest_time, *kinds_off, *leader, *unit, *from, *symbol;
    const char *signer, *out, *config;
    dtime_t at;
    date_t on, reply_by;
    long long id;
    bool json, dry, no_digests, no_mail, unread, all, email_on, email_off, digest_on, digest_off,
        feed_new, revoke, preview;
} opts_t;

static int bad(const char *vi, const char *en)
{
    return cli_usage_error("remind", vi, en);
}

static int parse_day(const char *s, date_t *out)
{
    return date_parse(s, strlen(s), out);
}

static int opt(opts_t *o, int c)
{
    switch (c) {
    case 'u':
        o->user = optarg;
        break;
    case 'E':
        o->email = optarg;
        break;
    case 'T':
        o->digest_time = optarg;
        break;
    case 'K':
        o->kinds_off = optarg;
        break;
    case 'L':
        o->leader = optarg;
        break;
    case 'U':
        o->unit = optarg;
        break;
    case 'F':
        o->from = optarg;
        break;
    case 'S':
        o->symbol = optarg;
        break;
    case 'G':
        o->signer = optarg;
        break;
    case 'o':
        o->out = optarg;
        break;
    case 'C':
        o->config = optarg;
        break;
    case 'j':
        o->json = true;
        break;
    case 'n':
        o->dry = true;
        break;
    case 'd':
        o->no_digests = true;
        break;
    case 'm':
        o->no_mail = true;
        break;
    case 'r':
        o->unread = true;
        break;
    case 'a':
        o->all = true;
        break;
    case '1':
        o->email_on = true;
        break;
    case '2':
        o->email_off = true;
        break;
    case '3':
        o->digest_on = true;
        break;
    case '4':
        o->digest_off = true;
        break;
    case 'N':
        o->feed_new = true;
        break;
    case 'R':
        o->revoke = true;
        break;
    case 'P':
        o->preview = true;
        break;
    case 'A':
        if (dtime_parse(optarg, strlen(optarg), &o->at))
            return bad("--at: cần ngày giờ (YYYY-MM-DD HH:MM)",
                       "--at: a date-time is required (YYYY-MM-DD HH:MM)");
        o->on = dtime_date(o->at);
        break;
    case 'B':
        if (parse_day(optarg, &o->reply_by))
            return bad("--reply-by: cần một ngày", "--reply-by: a date is required");
        break;
    default:
        return bad("tùy chọn không hợp lệ", "invalid option");
    }
    return 0;
}

static int parse(int argc, char **argv, opts_t *o)
{
    static struct option opts[] = {{"user", required_argument, 0, 'u'},
                                   {"email", required_argument, 0, 'E'},
                                   {"digest-time", required_argument, 0, 'T'},
                                   {"kinds-off", required_argument, 0, 'K'},
                                   {"leader", required_argument, 0, 'L'},
                                   {"unit", required_argument, 0, 'U'},
                                   {"from", required_argument, 0, 'F'},
                                   {"symbol", required_argument, 0, 'S'},
                                   {"signer", required_argument, 0, 'G'},
                                   {"out", required_argument, 0, 'o'},
                                   {"config", required_argument, 0, 'C'},
                                   {"at", required_argument, 0, 'A'},
                                   {"reply-by", required_argument, 0, 'B'},
                                   {"json", no_argument, 0, 'j'},
                                   {"dry-run", no_argument, 0, 'n'},
                                   {"no-digests", no_argument, 0, 'd'},
                                   {"no-mail", no_argument, 0, 'm'},
                                   {"unread", no_argument, 0, 'r'},
                                   {"all", no_argument, 0, 'a'},
                                   {"email-on", no_argument, 0, '1'},
                                   {"email-off", no_argument, 0, '2'},
                                   {"digest-on", no_argument, 0, '3'},
                                   {"digest-off", no_argument, 0, '4'},
                                   {"new", no_argument, 0, 'N'},
                                   {"revoke", no_argument, 0, 'R'},
                                   {"preview", no_argument, 0, 'P'},
                                   {0, 0, 0, 0}};
    memset(o, 0, sizeof *o);
    o->at = DTIME_NONE;
    o->on = DATE_NONE;
    o->reply_by = DATE_NONE;
    o->config = getenv("CCHC_CONFIG");
    optind = 2;
    for (;;) {
        int c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        int rc = opt(o, c);
        if (rc)
            return rc;
    }
    if (optind < argc) {
        char *end = NULL;
        o->id = strtoll(argv[optind], &end, 10);
        if (!*argv[optind] || *end || o->id <= 0)
            return bad("ID không hợp lệ", "invalid ID");
        optind++;
    }
    return optind < argc ? bad("thừa tham số", "unexpected argument") : 0;
}

/* --- run, send --------------------------------------------------------------------------- */

static void print_run(const json_t *out)
{
    printf("Ngày / day %s — quy tắc / rules %s: %lld hạn / deadlines, %lld thông báo mới / new "
           "notices%s\n",
           json_string_value(json_object_get(out, "day")),
           json_string_value(json_object_get(json_object_get(out, "rules"), "version")),
           (long long)json_integer_value(json_object_get(out, "deadlines")),
           (long long)json_integer_value(json_object_get(out, "recorded")),
           json_is_true(json_object_get(out, "dry_run")) ? " (thử / dry run)" : "");
    size_t i;
    const json_t *n;
    json_array_foreach(json_object_get(out, "notices"), i, n)
    {
        printf("  %s %-10s %-12s %s\n", json_is_true(json_object_get(n, "new")) ? "+" : " ",
               json_string_value(json_object_get(n, "login")),
               json_string_value(json_object_get(n, "stage")),
               json_string_value(json_object_get(n, "title")));
    }
    json_array_foreach(json_object_get(out, "digests"), i, n)
    {
        printf("  bản tin / digest %-10s %lld mục / items%s\n",
               json_string_value(json_object_get(n, "login")),
               (long long)json_integer_value(json_object_get(n, "items")),
               json_is_true(json_object_get(n, "mail")) ? ", thư / e-mail" : "");
    }
}

static int run(app_t *a, const opts_t *o, const remind_config_t *cfg, err_t *e)
{
    app_remind_opts_t ro = {o->at, true, !o->no_digests, o->dry, "cli"};
    json_t *out = NULL;
    int rc = app_remind_run(a, NULL, &ro, &out, e);
    if (rc)
        return rc;
    remind_mailer_stats_t st;
    memset(&st, 0, sizeof st);
    if (!o->dry && !o->no_mail)
        rc = remind_mailer_run(a, cfg, o->at == DTIME_NONE ? dtime_now() : o->at, &st, e);
    if (!rc && (jsonx_set_int(out, "mail_sent", (long long)st.sent) ||
                jsonx_set_int(out, "mail_failed", (long long)st.failed)))
        rc = err_nomem(e);
    if (!rc && o->json)
        rc = cli_print_json(out) ? err_set_generic(e, ERR_IO) : 0;
    else if (!rc) {
        print_run(out);
        if (st.claimed)
            printf("Thư / e-mail: %zu gửi được / sent, %zu lỗi / failed\n", st.sent, st.failed);
    }
    json_decref(out);
    return rc;
}

static int send(app_t *a, const opts_t *o, const remind_config_t *cfg, err_t *e)
{
    remind_mailer_stats_t st;
    int rc = remind_mailer_run(a, cfg, o->at == DTIME_NONE ? dtime_now() : o->at, &st, e);
    if (!rc)
        printf("%zu thư / messages: %zu gửi được / sent, %zu lỗi / failed, %zu bỏ / given up%s\n",
               st.claimed, st.sent, st.failed, st.given_up,
               cfg->mail_on ? "" : " (chưa cấu hình thư / no mail settings)");
    return rc;
}

/* --- a user's notices and settings ----------------------------------------------------------- */

static int as_user(app_t *a, const opts_t *o, user_t *u, err_t *e)
{
    if (!o->user)
        return err_set(e, ERR_INVALID, "cli.user", "Cần --user TÊN", "--user LOGIN is required");
    return app_remind_user_get(a, o->user, u, e);
}

static int list(app_t *a, const opts_t *o, err_t *e)
{
    user_t u;
    json_t *out = NULL;
    int rc = as_user(a, o, &u, e);
    rc = rc ? rc : app_remind_list(a, &u, o->unread, APP_REMIND_LIST_MAX, 0, &out, e);
    if (!rc && o->json)
        cli_print_json(out);
    else if (!rc) {
        printf("%lld chưa đọc / unread\n",
               (long long)json_integer_value(json_object_get(out, "unread")));
        size_t i;
        const json_t *n;
        json_array_foreach(json_object_get(out, "items"), i, n)
        {
            printf("#%lld %s %s\n", (long long)json_integer_value(json_object_get(n, "id")),
                   json_is_string(json_object_get(n, "read_at")) ? " " : "*",
                   json_string_value(json_object_get(n, "title")));
        }
    }
    json_decref(out);
    return rc;
}

static int read_cmd(app_t *a, const opts_t *o, err_t *e)
{
    user_t u;
    int rc = as_user(a, o, &u, e);
    if (!rc && !o->all && o->id <= 0)
        return bad("cần ID hoặc --all", "ID or --all is required");
    return rc ? rc : app_remind_read(a, &u, o->all ? 0 : o->id, e);
}

static int prefs(app_t *a, const opts_t *o, err_t *e)
{
    user_t u;
    int rc = as_user(a, o, &u, e);
    json_t *in = rc ? NULL : json_object(), *out = NULL;
    if (!rc && !in)
        rc = err_nomem(e);
    if (!rc && o->email)
        rc = jsonx_set_str(in, "email", o->email);
    if (!rc && (o->email_on || o->email_off))
        rc = jsonx_set_bool(in, "email_on", o->email_on);
    if (!rc && (o->digest_on || o->digest_off))
        rc = jsonx_set_bool(in, "digest_on", o->digest_on);
    if (!rc && o->digest_time)
        rc = jsonx_set_str(in, "digest_time", o->digest_time);
    if (!rc && o->leader)
        rc = jsonx_set_bool(in, "leader", strcmp(o->leader, "on") == 0);
    if (!rc && o->kinds_off) {
        unsigned set = 0;
        rc = remind_rule_kind_parse_set(o->kinds_off, &set, e);
        json_t *arr = rc ? NULL : json_array();
        for (int k = 0; arr && k < REMIND_KIND_COUNT; k++)
            if (set & (1u << k))
                json_array_append_new(arr, json_string(remind_rule_kind_code((remind_kind_t)k)));
        rc = rc ? rc : jsonx_set_new(in, "kinds_off", arr);
    }
    user_t op = u;
    op.role = ACCESS_ROLE_ADMIN; /* the local operator may set anything, the leader flag too */
    snprintf(op.login, sizeof op.login, "cli");
    if (!rc)
        rc = json_object_size(in) ? app_remind_prefs_set(a, &op, o->user, in, &out, e)
                                  : app_remind_prefs_get(a, &op, o->user, &out, e);
    if (!rc)
        cli_print_json(out);
    json_decref(in);
    json_decref(out);
    return rc;
}

static int feed(app_t *a, const opts_t *o, const remind_config_t *cfg, err_t *e)
{
    user_t u;
    int rc = as_user(a, o, &u, e);
    if (rc)
        return rc;
    if (o->revoke)
        return app_remind_feed_revoke(a, &u, e);
    if (o->feed_new) {
        char tok[APP_REMIND_TOKEN_LEN + 1];
        rc = app_remind_feed_new(a, &u, tok, e);
        if (!rc)
            printf("%s/api/v1/feeds/%s.ics\n", cfg->base_url, tok);
        return rc;
    }
    return bad("cần --new hoặc --revoke", "--new or --revoke is required");
}

/* --- letters --------------------------------------------------------------------------------- */

static int letter(app_t *a, const opts_t *o, err_t *e)
{
    if ((!o->unit && !o->all) || !o->out)
        return bad("cần --unit MÃ hoặc --all, và --out TỆP",
                   "--unit CODE or --all, and --out FILE");
    size_t n = strlen(o->out);
    bool pdf = n > 4 && strcmp(o->out + n - 4, ".pdf") == 0;
    bool docx = n > 5 && strcmp(o->out + n - 5, ".docx") == 0;
    if (!pdf && !docx)
        return bad("--out phải là tệp .docx hoặc .pdf", "--out must be a .docx or .pdf file");
    app_remind_letter_in_t in = {
        o->all ? NULL : o->unit, o->from, o->on, o->reply_by, o->symbol, o->signer, o->preview};
    offdoc_t *doc = NULL;
    json_t *sum = NULL;
    int rc = app_remind_letter(a, NULL, &in, &doc, &sum, e);
    if (!rc)
        rc = pdf ? offdoc_pdf_write(doc, o->out, e) : offdoc_docx_write(doc, o->out, e);
    if (!rc && o->json)
        cli_print_json(sum);
    else if (!rc)
        printf("%s — %zu nhiệm vụ quá hạn của %zu đơn vị / overdue tasks of units, lần / round "
               "%lld → %s\n",
               json_string_value(json_object_get(sum, "number_line")),
               json_array_size(json_object_get(sum, "items")),
               json_array_size(json_object_get(sum, "units")),
               (long long)json_integer_value(json_object_get(sum, "round")), o->out);
    offdoc_free(doc);
    json_decref(sum);
    return rc;
}

static int simple_json(int rc, json_t *out, const err_t *e)
{
    if (!rc)
        cli_print_json(out);
    json_decref(out);
    return rc ? cli_error(e) : 0;
}

static int rules(app_t *a, const opts_t *o, err_t *e)
{
    json_t *out = NULL;
    int rc = app_remind_rules(a, &out, e);
    if (!rc && o->json)
        cli_print_json(out);
    else if (!rc) {
        printf("%s (%s)\n", json_string_value(json_object_get(out, "name")),
               json_string_value(json_object_get(out, "version")));
        const char *kind;
        const json_t *list;
        json_object_foreach(json_object_get(out, "stages"), kind, list)
        {
            size_t i;
            const json_t *st;
            json_array_foreach(list, i, st)
            {
                printf("  %-9s %-12s at %4lld every %3lld → %s\n", kind,
                       json_string_value(json_object_get(st, "id")),
                       (long long)json_integer_value(json_object_get(st, "at")),
                       (long long)json_integer_value(json_object_get(st, "every")),
                       json_string_value(json_object_get(st, "to")));
            }
        }
    }
    json_decref(out);
    return rc;
}

static int dispatch(app_t *a, const char *sub, const opts_t *o, const remind_config_t *cfg,
                    err_t *e)
{
    json_t *out = NULL;
    if (strcmp(sub, "run") == 0)
        return run(a, o, cfg, e);
    if (strcmp(sub, "send") == 0)
        return send(a, o, cfg, e);
    if (strcmp(sub, "list") == 0)
        return list(a, o, e);
    if (strcmp(sub, "read") == 0)
        return read_cmd(a, o, e);
    if (strcmp(sub, "prefs") == 0)
        return prefs(a, o, e);
    if (strcmp(sub, "feed") == 0)
        return feed(a, o, cfg, e);
    if (strcmp(sub, "letter") == 0)
        return letter(a, o, e);
    if (strcmp(sub, "letters") == 0) {
        int rc = app_remind_letter_list(a, NULL, &out, e);
        return simple_json(rc, out, e);
    }
    if (strcmp(sub, "outbox") == 0) {
        int rc = app_remind_mail_list(a, NULL, !o->all, &out, e);
        return simple_json(rc, out, e);
    }
    return rules(a, o, e);
}

int cmd_remind(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    static const char *const subs[] = {"run",  "send",   "list",    "read",   "prefs",
                                       "feed", "letter", "letters", "outbox", "rules"};
    const char *sub = argv[1];
    bool known = false;
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        known = known || strcmp(sub, subs[i]) == 0;
    if (!known)
        return bad("lệnh con không hợp lệ", "unknown subcommand");
    opts_t o;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc;
    err_t e;
    remind_config_t cfg;
    if (remind_config_load(o.config, &cfg, &e))
        return cli_error(&e);
    app_t *a;
    app_config_t acfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    if (app_open(&acfg, &a, &e))
        return cli_error(&e);
    rc = dispatch(a, sub, &o, &cfg, &e);
    app_close(a);
    return rc > 0 ? rc : rc ? cli_error(&e) : 0;
}
