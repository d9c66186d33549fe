/* cmd_audit.c - cchc audit verify | list (the hash-chained audit trail:
 * store_audit.h, docs/internals/hardening.md). */
#include "cli/cmd.h"

#include "app/app_audit.h"
#include "base/jsonx.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf("Cách dùng / usage:\n"
           "  cchc audit verify           kiểm tra chuỗi băm của nhật ký: phát hiện mục bị sửa\n"
           "                              hoặc bị xóa (mã thoát 1) / check the hash chain: finds\n"
           "                              an edited or deleted entry (exit status 1)\n"
           "  cchc audit list [--limit N] [--before SEQ] [--actor LOGIN] [--action PREFIX]\n"
           "                  [--object OBJ] [--json]\n"
           "                              các mục mới nhất trước / newest entries first\n");
}

static int open_app(cli_ctx_t *ctx, app_t **a)
{
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    return app_open(&cfg, a, &e) ? cli_error(&e) : 0;
}

static int do_verify(cli_ctx_t *ctx)
{
    app_t *a;
    int rc = open_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    store_audit_check_t c;
    rc = app_audit_verify(a, NULL, &c, &e);
    app_close(a);
    if (rc == ERR_CONFLICT) {
        printf("Đã kiểm tra %lld mục trước vị trí hỏng / checked %lld entries before the break\n",
               (long long)c.checked, (long long)c.checked);
        return cli_error(&e);
    }
    if (rc)
        return cli_error(&e);
    printf("Nhật ký kiểm toán nguyên vẹn: %lld mục / audit log intact: %lld entries\n",
           (long long)c.checked, (long long)c.checked);
    printf("Đầu chuỗi / chain head: %lld %s\n", (long long)c.head_seq, c.head_hash);
    if (c.unsealed)
        printf("%lld mục chưa nối vào chuỗi (được nối ở lần ghi sau) / %lld entries not chained "
               "yet (chained by the next write)\n",
               (long long)c.unsealed, (long long)c.unsealed);
    return 0;
}

static int parse_num(const char *s, long long min, long long max, long long *out)
{
    char *end = NULL;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v < min || v > max)
        return cli_usage_error("audit", "số không hợp lệ", "invalid number");
    *out = v;
    return 0;
}

static void print_row(json_t *o)
{
    printf("%6lld  %s  %-12s %-22s %-18s %s\n", (long long)jsonx_int(o, "seq", 0),
           json_string_value(json_object_get(o, "at")),
           json_string_value(json_object_get(o, "actor")),
           json_string_value(json_object_get(o, "action")),
           json_string_value(json_object_get(o, "object")),
           json_string_value(json_object_get(o, "detail")));
}

static int do_list(cli_ctx_t *ctx, int argc, char **argv)
{
    static struct option opts[] = {{"limit", required_argument, 0, 'l'},
                                   {"before", required_argument, 0, 'b'},
                                   {"actor", required_argument, 0, 'a'},
                                   {"action", required_argument, 0, 'c'},
                                   {"object", required_argument, 0, 'o'},
                                   {"json", no_argument, 0, 'j'},
                                   {0, 0, 0, 0}};
    store_audit_filter_t f = {.limit = 50};
    bool json = false;
    long long v = 0;
    optind = 2;
    for (;;) {
        int c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        int rc = 0;
        if (c == 'l') {
            rc = parse_num(optarg, 1, 1000, &v);
            f.limit = (int)v;
        } else if (c == 'b') {
            rc = parse_num(optarg, 1, INT64_MAX, &v);
            f.before_seq = v;
        } else if (c == 'a') {
            f.actor = optarg;
        } else if (c == 'c') {
            f.action = optarg;
        } else if (c == 'o') {
            f.object = optarg;
        } else if (c == 'j') {
            json = true;
        } else {
            rc = cli_usage_error("audit", "tùy chọn không hợp lệ", "invalid option");
        }
        if (rc)
            return rc;
    }
    app_t *a;
    int rc = open_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    json_t *out = NULL;
    rc = app_audit_list(a, NULL, &f, &out, &e);
    app_close(a);
    if (rc)
        return cli_error(&e);
    if (json) {
        rc = cli_print_json(out);
    } else {
        size_t i;
        json_t *o;
        json_array_foreach(json_object_get(out, "items"), i, o)
        {
            print_row(o);
        }
    }
    json_decref(out);
    return rc;
}

int cmd_audit(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "verify") == 0 && argc == 2)
        return do_verify(ctx);
    if (strcmp(argv[1], "list") == 0)
        return do_list(ctx, argc, argv);
    return cli_usage_error("audit", "lệnh con không hợp lệ", "unknown subcommand");
}
