/* cmd_report_rule.c - `cchc report rule add|list|remove`: reporting-calendar
 * rows kept in the database (app_report_rules.h): a receiver's own due dates,
 * a year's override, an ad hoc report asked of its senders. */
#include "app/app_report_rules.h"
#include "cli/cli.h"
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf(
        "Cách dùng / usage:\n"
        "  cchc report rule add --type rule|override|adhoc --receiver MÃ [--kind LOẠI]\n"
        "        [--years NĂM] [--window 15/6-14/9] [--due 15|25/11|+2wd|none] [--enabled 1|0]\n"
        "        [--from-date NGÀY] [--to-date NGÀY] [--id MÃ_ĐỘT_XUẤT] [--title TÊN] [--note "
        "GHI_CHÚ]\n"
        "      thêm một dòng lịch báo cáo (cú pháp như data/reports/calendar.csv) / add a\n"
        "      reporting-calendar row (the grammar of data/reports/calendar.csv)\n"
        "      ví dụ / e.g. báo cáo đột xuất / an ad hoc report:\n"
        "        cchc report rule add --type adhoc --receiver SNV --id kt-2024\n"
        "          --title \"Báo cáo kiểm tra CCHC\" --from-date 2024-01-01 --to-date 2024-04-30\n"
        "          --due 2024-05-10\n"
        "  cchc report rule list [--receiver MÃ] [--json]\n"
        "  cchc report rule remove ID\n");
}

static int bad(const char *vi, const char *en)
{
    return cli_usage_error("report rule", vi, en);
}

static int parse_add(int argc, char **argv, app_report_rule_in_t *in)
{
    static struct option opts[] = {{"type", required_argument, 0, 't'},
                                   {"receiver", required_argument, 0, 'r'},
                                   {"kind", required_argument, 0, 'k'},
                                   {"years", required_argument, 0, 'y'},
                                   {"window", required_argument, 0, 'w'},
                                   {"due", required_argument, 0, 'd'},
                                   {"enabled", required_argument, 0, 'e'},
                                   {"from-date", required_argument, 0, 'f'},
                                   {"to-date", required_argument, 0, 'T'},
                                   {"id", required_argument, 0, 'i'},
                                   {"title", required_argument, 0, 'n'},
                                   {"note", required_argument, 0, 'N'},
                                   {0, 0, 0, 0}};
    memset(in, 0, sizeof *in);
    optind = 3;
    for (;;) {
        int c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        const char **slot = c == 't'   ? &in->type
                            : c == 'r' ? &in->receiver
                            : c == 'k' ? &in->kind
                            : c == 'y' ? &in->years
                            : c == 'w' ? &in->window
                            : c == 'd' ? &in->due
                            : c == 'e' ? &in->enabled
                            : c == 'f' ? &in->from
                            : c == 'T' ? &in->to
                            : c == 'i' ? &in->id
                            : c == 'n' ? &in->title
                            : c == 'N' ? &in->note
                                       : NULL;
        if (!slot)
            return bad("tùy chọn không hợp lệ", "invalid option");
        *slot = optarg;
    }
    if (optind < argc)
        return bad("thừa tham số", "unexpected argument");
    if (!in->type || !in->receiver)
        return bad("cần --type và --receiver", "--type and --receiver are required");
    return 0;
}

static int list(app_t *a, int argc, char **argv)
{
    const char *receiver = NULL;
    bool json = false;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = true;
        else if (strcmp(argv[i], "--receiver") == 0 && i + 1 < argc)
            receiver = argv[++i];
        else
            return bad("tham số không hợp lệ", "invalid argument");
    }
    json_t *out = NULL;
    err_t e;
    if (app_report_rules_list(a, NULL, receiver, &out, &e))
        return cli_error(&e);
    int rc = 0;
    if (json) {
        rc = cli_print_json(out);
    } else {
        size_t i;
        json_t *r;
        json_array_foreach(json_object_get(out, "rules"), i, r)
        {
            printf("#%lld %s %s %s%s%s\n", (long long)json_integer_value(json_object_get(r, "id")),
                   json_string_value(json_object_get(r, "type")),
                   json_string_value(json_object_get(r, "receiver")),
                   json_string_value(json_object_get(r, "kind")),
                   json_is_integer(json_object_get(r, "plan_id")) ? " (kế hoạch / plan)" : "",
                   json_string_value(json_object_get(r, "title")));
        }
    }
    json_decref(out);
    return rc;
}

static int run(app_t *a, int argc, char **argv)
{
    err_t e;
    if (strcmp(argv[2], "add") == 0) {
        app_report_rule_in_t in;
        int rc = parse_add(argc, argv, &in);
        int64_t id = 0;
        if (rc)
            return rc;
        if (app_report_rules_add(a, NULL, &in, &id, &e))
            return cli_error(&e);
        printf("#%lld\n", (long long)id);
        return 0;
    }
    if (strcmp(argv[2], "list") == 0)
        return list(a, argc, argv);
    char *end = NULL;
    long long id = argc == 4 ? strtoll(argv[3], &end, 10) : 0;
    if (id <= 0 || !end || *end)
        return bad("cần ID", "ID is required");
    if (app_report_rules_remove(a, NULL, id, &e))
        return cli_error(&e);
    printf("Đã xóa / removed #%lld\n", id);
    return 0;
}

int cmd_report_rule(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 3 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 3 ? 2 : 0;
    }
    if (strcmp(argv[2], "add") != 0 && strcmp(argv[2], "list") != 0 &&
        strcmp(argv[2], "remove") != 0)
        return bad("lệnh con không hợp lệ", "unknown subcommand");
    app_t *a = NULL;
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    if (app_open(&cfg, &a, &e))
        return cli_error(&e);
    int rc = run(a, argc, argv);
    app_close(a);
    return rc;
}
