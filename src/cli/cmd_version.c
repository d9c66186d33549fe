#include "cli/cmd.h"
#include "cli/version.h"

#include "base/banned.h"

int cmd_version(cli_ctx_t *ctx, int argc, char **argv)
{
    (void)ctx;
    if (cli_wants_help(argc, argv)) {
        printf("cách dùng / usage: cchc version\n");
        return 0;
    }
    printf("cchc %s\n", CCHC_VERSION);
    return 0;
}
