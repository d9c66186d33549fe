/* cmd_kpi.c - cchc kpi */
#include "cli/commands.h"

int cmd_kpi(cli_ctx_t *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    return 2;
}
