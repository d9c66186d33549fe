/* cmd_db.c - cchc db migrate | check | copy | backup */
#include "cli/cmd.h"

#include "app/app.h"
#include "store/migrations.h"
#include "store/store_copy.h"

#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf("Cách dùng / usage:\n"
           "  cchc db migrate [--db PATH]   áp dụng các migration còn thiếu / apply pending "
           "migrations\n"
           "  cchc db check [--db PATH]     kiểm tra toàn vẹn và phiên bản lược đồ / check "
           "integrity and schema version\n"
           "  cchc db copy --from NGUỒN --to ĐÍCH [--json]\n"
           "      sao chép toàn bộ cơ sở dữ liệu (tệp SQLite hoặc postgresql://...), mỗi bảng một\n"
           "      giao dịch, kiểm tra số dòng và tổng kiểm tra; chạy lại để tiếp tục /\n"
           "      copy a whole database (SQLite file or postgresql://...), one transaction per\n"
           "      table, verifying row counts and checksums; run again to resume\n"
           "  cchc db backup TỆP [--db PATH]\n"
           "      sao lưu trực tuyến cơ sở dữ liệu SQLite vào TỆP (máy chủ vẫn chạy) / online\n"
           "      backup of a SQLite database into FILE (servers keep running); PostgreSQL:\n"
           "      pg_dump and WAL archiving (docs/deploy.md)\n");
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

static void copied(void *ctx, const store_copy_table_t *t)
{
    bool json = *(bool *)ctx;
    if (json) {
        char sum[17];
        snprintf(sum, sizeof sum, "%016llx", (unsigned long long)t->checksum);
        json_t *o = json_pack("{s:s,s:I,s:s,s:b}", "table", t->name, "rows", (json_int_t)t->rows,
                              "checksum", sum, "skipped", t->skipped);
        (void)cli_print_json_line(o);
        json_decref(o);
        return;
    }
    printf("%-28s %10lld dòng/rows  %016llx  %s\n", t->name, (long long)t->rows,
           (unsigned long long)t->checksum,
           t->skipped ? "đã có, bỏ qua / already there" : "đã sao chép / copied");
}

static int db_copy(int argc, char **argv)
{
    const char *from = NULL, *to = NULL;
    bool json = false;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
            from = argv[++i];
        else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
            to = argv[++i];
        else if (strcmp(argv[i], "--json") == 0)
            json = true;
        else
            return cli_usage_error("db", "tùy chọn không hợp lệ", "invalid option");
    }
    if (!from || !to)
        return cli_usage_error("db", "cần --from và --to", "--from and --to are required");
    if (strcmp(from, to) == 0)
        return cli_usage_error("db", "nguồn và đích trùng nhau",
                               "source and destination are "
                               "the same");
    err_t e;
    store_t *src = NULL, *dst = NULL;
    int rc = store_open_existing(from, &src, &e);
    if (!rc)
        rc = store_open(to, &dst, &e);
    if (!rc)
        rc = store_copy(src, dst, copied, &json, &e);
    store_close(src);
    store_close(dst);
    if (rc)
        return cli_error(&e);
    char a[512], b[512];
    store_location_redact(from, a, sizeof a);
    store_location_redact(to, b, sizeof b);
    if (!json)
        printf("Đã sao chép %s -> %s, mọi bảng khớp / copied %s -> %s, every table verified\n", a,
               b, a, b);
    return 0;
}

static int db_backup(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc != 3)
        return cli_usage_error("db", "cần đúng một tệp đích", "expected one destination file");
    err_t e;
    store_t *s;
    int rc = store_open_existing(ctx->db_path, &s, &e);
    if (!rc)
        rc = store_backup(s, argv[2], &e);
    store_close(s);
    if (rc)
        return cli_error(&e);
    printf("Đã sao lưu vào %s / backed up to %s\n", argv[2], argv[2]);
    return 0;
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
    if (strcmp(argv[1], "copy") == 0)
        return db_copy(argc, argv);
    if (strcmp(argv[1], "backup") == 0)
        return db_backup(ctx, argc, argv);
    return cli_usage_error("db", "lệnh con không hợp lệ", "unknown subcommand");
}
