/* cmd_rating.c - cchc rating receipt|phone: the second factor of the
 * applicant's rating of a dossier (docs/internals/citizens.md). */
#include "cli/cmd.h"

#include "app/app_rating.h"

#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf(
        "Cách dùng / usage:\n"
        "  cchc rating receipt CODE       mã đánh giá in trên giấy tiếp nhận / the receipt code\n"
        "  cchc rating phone CODE PHONE   ghi 4 số cuối điện thoại / record the phone factor\n");
}

static int open_app(cli_ctx_t *ctx, app_t **a)
{
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    return app_open(&cfg, a, &e) ? cli_error(&e) : 0;
}

int cmd_rating(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 3 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 3 ? 2 : 0;
    }
    app_t *a;
    int rc = open_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    char receipt[RATING_RECEIPT_LEN + 1];
    if (strcmp(argv[1], "receipt") == 0 && argc == 3) {
        rc = app_rating_receipt(a, NULL, argv[2], receipt, &e) ? cli_error(&e) : 0;
        if (!rc)
            printf("%s\n", receipt);
    } else if (strcmp(argv[1], "phone") == 0 && argc == 4) {
        rc = app_rating_set_phone(a, NULL, argv[2], argv[3], &e) ? cli_error(&e) : 0;
    } else {
        rc = cli_usage_error("rating", "dùng: receipt CODE | phone CODE PHONE",
                             "usage: receipt CODE | phone CODE PHONE");
    }
    app_close(a);
    return rc;
}
