/* cmd_index766.c - cchc index766 */
#include "cli/commands.h"

int cmd_index766(cli_ctx_t *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    return 2;
}
