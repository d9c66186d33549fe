/* cmd_db.c - cchc db migrate | check */
#include "cli/cmd.h"

#include "app/app.h"
#include "store/migrations.h"

#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf("Cách dùng / usage:\n"
           "  cchc db migrate [--db PATH]   áp dụng các migration còn thiếu / apply pending "
           "migrations\n"
           "  cchc db check [--db PATH]     kiểm tra toàn vẹn và phiên bản lược đồ / check "
           "integrity and schema version\n");
}

static int db_check(cli_ctx_t *ctx, bool json)
{
    err_t e;
    store_t *s;
    int version = 0;
    if (store_open_existing(ctx->db_path, &s, &e))
        return cli_error(&e);
    int rc = store_schema_version(s, &version, &e);
    if (!rc)
        rc = store_check(s, &e);
    store_close(s);
    if (rc)
        return cli_error(&e);
    int latest = store_migration_count ? store_migrations[store_migration_count - 1].version : 0;
    bool current = version >= latest;
    char where[512]; /* never print a password */
    store_location_redact(ctx->db_path, where, sizeof where);
    if (json) {
        json_t *o = json_pack("{s:s,s:i,s:i,s:b,s:s}", "database", where, "version", version,
                              "latest", latest, "up_to_date", current, "integrity", "ok");
        int r = cli_print_json_line(o);
        json_decref(o);
        return r ? r : (current ? 0 : 1);
    }
    printf("%s: lược đồ phiên bản %d/%d%s, toàn vẹn: ok / schema version %d of %d%s, integrity "
           "ok\n",
           where, version, latest, current ? "" : " (cần migrate)", version, latest,
           current ? "" : " (needs migrate)");
    return current ? 0 : 1;
}

int cmd_db(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    bool json = argc > 2 && strcmp(argv[2], "--json") == 0;
    if (strcmp(argv[1], "migrate") == 0) {
        err_t e;
        store_t *s;
        int applied = 0, version = 0;
        if (store_open(ctx->db_path, &s, &e))
            return cli_error(&e);
        int rc = store_migrate(s, &applied, &e);
        if (!rc)
            rc = store_schema_version(s, &version, &e);
        store_close(s);
        if (rc)
            return cli_error(&e);
        char where[512];
        store_location_redact(ctx->db_path, where, sizeof where);
        printf("%s: đã áp dụng %d migration, phiên bản %d / applied %d migration(s), version %d\n",
               where, applied, version, applied, version);
        return 0;
    }
    if (strcmp(argv[1], "check") == 0)
        return db_check(ctx, json);
    return cli_usage_error("db", "lệnh con không hợp lệ", "unknown subcommand");
}
