/* main.c - cchc entry point: global options, then dispatch to a subcommand. */
#include "cli/cli.h"
#include "cli/cmd.h"

#include "base/log.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void usage(FILE *out)
{
    fprintf(out, "cchc - hệ thống theo dõi kế hoạch cải cách hành chính / administrative-reform "
                 "plan tracking\n\n"
                 "Cách dùng / usage: cchc [--db PATH] [--data DIR] [--web DIR] [--log-level L] "
                 "COMMAND [ARGS]\n\nLệnh / commands:\n");
    for (const struct cmd_entry *c = cmd_table; c->name; c++)
        fprintf(out, "  %-10s %s / %s\n", c->name, c->summary_vi, c->summary_en);
    fprintf(out, "\nTùy chọn chung / global options (accepted anywhere on the line):\n"
                 "  --db PATH|URL   cơ sở dữ liệu / database: a SQLite file, or PostgreSQL as\n"
                 "                  postgresql://user@host:port/dbname (password from ~/.pgpass\n"
                 "                  or PGPASSWORD), 'service=NAME', or 'postgresql://' for the\n"
                 "                  PG* environment (default $CCHC_DB or var/cchc.db)\n"
                 "  --data DIR      data directory (default $CCHC_DATA or data)\n"
                 "  --web DIR       web assets (default $CCHC_WEB or web)\n"
                 "  --log-level L   debug|info|warn|error|off (default info), or per subsystem:\n"
                 "                  warn,access=error,auth=info (http, access, auth, ...)\n"
                 "\n'cchc COMMAND --help' shows the options of a command.\n");
}

static const char *env_or(const char *name, const char *def)
{
    const char *v = getenv(name);
    return v && *v ? v : def;
}

/* Removes global options from argv; returns the new argc or -1 on error. */
static int take_globals(cli_ctx_t *ctx, int argc, char **argv)
{
    static const char *names[] = {"--db", "--data", "--web", "--log-level"};
    int out = 1;
    for (int i = 1; i < argc; i++) {
        int k = -1;
        const char *val = NULL;
        for (int j = 0; j < 4 && k < 0; j++) {
            size_t n = strlen(names[j]);
            if (strcmp(argv[i], names[j]) == 0) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "lỗi: thiếu giá trị cho %s\nerror: %s needs a value\n",
                            names[j], names[j]);
                    return -1;
                }
                k = j;
                val = argv[++i];
            } else if (strncmp(argv[i], names[j], n) == 0 && argv[i][n] == '=') {
                k = j;
                val = argv[i] + n + 1;
            }
        }
        if (k == 0)
            ctx->db_path = val;
        else if (k == 1)
            ctx->data_dir = val;
        else if (k == 2)
            ctx->web_dir = val;
        else if (k == 3) {
            err_t e;
            if (log_configure(val, &e)) {
                fprintf(stderr, "lỗi: %s\nerror: %s\n", e.vi, e.en);
                return -1;
            }
        } else
            argv[out++] = argv[i];
    }
    argv[out] = NULL;
    return out;
}

int main(int argc, char **argv)
{
    cli_ctx_t ctx = {
        .db_path = env_or("CCHC_DB", "var/cchc.db"),
        .data_dir = env_or("CCHC_DATA", "data"),
        .web_dir = env_or("CCHC_WEB", "web"),
    };
    argc = take_globals(&ctx, argc, argv);
    if (argc < 0)
        return 2;
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    for (const struct cmd_entry *c = cmd_table; c->name; c++)
        if (strcmp(c->name, argv[1]) == 0)
            return c->fn(&ctx, argc - 1, argv + 1);
    fprintf(stderr, "lỗi: lệnh không tồn tại '%s'\nerror: unknown command '%s'\n", argv[1],
            argv[1]);
    usage(stderr);
    return 2;
}
