/* cmd_user.c - cchc user add | list | passwd | disable | enable */
#include "cli/cmd.h"

#include "app/app_auth.h"
#include "app/app_auth_password.h"

#include <getopt.h>
#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf("Cách dùng / usage:\n"
           "  cchc user add LOGIN --role ROLE [--unit CODE] [--name \"Họ tên\"] "
           "[--password-stdin | --password-file PATH]\n"
           "      ROLE: admin | standing | officer | appraiser | viewer\n"
           "      không có --password-stdin: tạo mật khẩu ngẫu nhiên và in ra một lần\n"
           "      without --password-stdin a random password is generated and printed once\n"
           "      --password-file: ghi mật khẩu ngẫu nhiên vào tệp (0600) thay vì in ra; tệp bị "
           "xóa khi mật khẩu được đổi lần đầu\n"
           "      --password-file: write the random password to PATH (mode 0600) instead of "
           "printing it; the file is deleted at the first password change\n"
           "      mật khẩu: ít nhất 10 ký tự, không chứa tên đăng nhập, không phải mật khẩu phổ "
           "biến\n"
           "      passwords: at least 10 characters, not containing the login, not a common one\n"
           "  cchc user list [--json]\n"
           "  cchc user passwd LOGIN [--password-stdin]\n"
           "  cchc user disable LOGIN | cchc user enable LOGIN\n");
}

static int read_password(char *out, size_t cap)
{
    if (!fgets(out, (int)cap, stdin))
        return -1;
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}

static int get_password(bool from_stdin, const char *login, char *pw, size_t cap, bool *generated)
{
    *generated = !from_stdin;
    if (from_stdin)
        return read_password(pw, cap) ? cli_usage_error("user", "không đọc được mật khẩu từ stdin",
                                                        "cannot read the password from stdin")
                                      : 0;
    app_auth_random_password(pw, 16, login);
    return 0;
}

static int with_app(cli_ctx_t *ctx, app_t **a)
{
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    return app_open(&cfg, a, &e) ? cli_error(&e) : 0;
}

static int do_add(cli_ctx_t *ctx, int argc, char **argv)
{
    static struct option opts[] = {
        {"role", required_argument, 0, 'r'},          {"unit", required_argument, 0, 'u'},
        {"name", required_argument, 0, 'n'},          {"password-stdin", no_argument, 0, 'p'},
        {"password-file", required_argument, 0, 'f'}, {0, 0, 0, 0}};
    const char *role_s = NULL, *unit = NULL, *name = "", *pwfile = NULL;
    bool pw_stdin = false;
    int c;
    optind = 2;
    for (;;) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        if (c == 'r')
            role_s = optarg;
        else if (c == 'u')
            unit = optarg;
        else if (c == 'n')
            name = optarg;
        else if (c == 'p')
            pw_stdin = true;
        else if (c == 'f')
            pwfile = optarg;
        else
            return cli_usage_error("user", "tùy chọn không hợp lệ", "invalid option");
    }
    access_role_t role;
    if (optind >= argc)
        return cli_usage_error("user", "thiếu tên đăng nhập", "missing login");
    if (!role_s || access_role_parse(role_s, &role))
        return cli_usage_error("user", "--role phải là admin|standing|officer|appraiser|viewer",
                               "--role must be admin|standing|officer|appraiser|viewer");
    if (pw_stdin && pwfile)
        return cli_usage_error("user", "--password-stdin và --password-file loại trừ nhau",
                               "--password-stdin and --password-file exclude each other");
    char pw[AUTH_PASSWORD_MAX + 2];
    bool generated;
    int rc = get_password(pw_stdin, argv[optind], pw, sizeof pw, &generated);
    app_t *a;
    if (!rc)
        rc = with_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    rc = app_auth_user_add(a, NULL, argv[optind], pw, role, unit, name, &e);
    if (!rc && pwfile)
        rc = app_auth_password_initial_file(a, argv[optind], pwfile, pw, &e);
    app_close(a);
    if (rc)
        return cli_error(&e);
    printf("Đã tạo người dùng / created user: %s (%s)\n", argv[optind], access_role_code(role));
    if (pwfile)
        printf("Mật khẩu ban đầu ghi trong / initial password written to: %s\n", pwfile);
    else if (generated)
        printf("Mật khẩu / password: %s\n", pw);
    return 0;
}

static int do_passwd(cli_ctx_t *ctx, int argc, char **argv)
{
    bool pw_stdin = argc > 3 && strcmp(argv[3], "--password-stdin") == 0;
    if (argc < 3)
        return cli_usage_error("user", "thiếu tên đăng nhập", "missing login");
    char pw[AUTH_PASSWORD_MAX + 2];
    bool generated;
    int rc = get_password(pw_stdin, argv[2], pw, sizeof pw, &generated);
    app_t *a;
    if (!rc)
        rc = with_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    rc = app_auth_user_passwd(a, NULL, argv[2], pw, &e);
    app_close(a);
    if (rc)
        return cli_error(&e);
    printf("Đã đổi mật khẩu / password changed: %s\n", argv[2]);
    if (generated)
        printf("Mật khẩu mới / new password: %s\n", pw);
    return 0;
}

static int do_list(cli_ctx_t *ctx, bool json)
{
    app_t *a;
    int rc = with_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    json_t *arr = NULL;
    rc = app_auth_user_list(a, NULL, &arr, &e);
    app_close(a);
    if (rc)
        return cli_error(&e);
    if (json) {
        rc = cli_print_json(arr);
    } else {
        size_t i;
        json_t *u;
        json_array_foreach(arr, i, u)
        {
            const char *unit = json_string_value(json_object_get(u, "unit_code"));
            printf("%-20s %-10s %-16s %s%s\n", json_string_value(json_object_get(u, "login")),
                   json_string_value(json_object_get(u, "role")), unit ? unit : "*",
                   json_string_value(json_object_get(u, "full_name")),
                   json_is_true(json_object_get(u, "disabled")) ? " (khóa / disabled)" : "");
        }
    }
    json_decref(arr);
    return rc;
}

static int do_disable(cli_ctx_t *ctx, int argc, char **argv, bool disable)
{
    if (argc < 3)
        return cli_usage_error("user", "thiếu tên đăng nhập", "missing login");
    app_t *a;
    int rc = with_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    rc = app_auth_user_set_disabled(a, NULL, argv[2], disable, &e);
    app_close(a);
    if (rc)
        return cli_error(&e);
    printf("%s: %s\n", argv[2], disable ? "đã khóa / disabled" : "đã mở khóa / enabled");
    return 0;
}

int cmd_user(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "add") == 0)
        return do_add(ctx, argc, argv);
    if (strcmp(argv[1], "list") == 0)
        return do_list(ctx, argc > 2 && strcmp(argv[2], "--json") == 0);
    if (strcmp(argv[1], "passwd") == 0)
        return do_passwd(ctx, argc, argv);
    if (strcmp(argv[1], "disable") == 0 || strcmp(argv[1], "enable") == 0)
        return do_disable(ctx, argc, argv, strcmp(argv[1], "disable") == 0);
    return cli_usage_error("user", "lệnh con không hợp lệ", "unknown subcommand");
}
