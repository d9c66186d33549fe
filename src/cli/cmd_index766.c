/* cmd_index766.c - cchc index766: the 766 service-quality index, ranked. */
#include "cli/cmd.h"

#include "domain/period.h"
#include "app/app_kpi.h"

#include <getopt.h>
#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf(
        "Cách dùng / usage:\n"
        "  cchc index766 (--period P | --from DATE --to DATE) [--tree] [--as-of DATETIME] "
        "[--national] [--json]\n"
        "  Chỉ số chất lượng phục vụ (Quyết định 766/QĐ-TTg): điểm từng nhóm và tổng điểm (100)\n"
        "  của mỗi đơn vị, xếp hạng trong các đơn vị cùng loại của cùng tỉnh (--national: toàn\n"
        "  quốc); đơn vị không có hồ sơ: chưa có dữ liệu. Quy tắc chấm: DATA/indices/766.json.\n"
        "  The service-quality index (Decision 766/QĐ-TTg): group and total scores (of 100) "
        "of\n"
        "  every unit, ranked among the units of the same kind in the same province\n"
        "  (--national: across provinces); a unit without dossiers has no score.\n"
        "  Scoring rules in DATA/indices/766.json. P: 2024, 2024Q1...\n");
}

int cmd_index766(cli_ctx_t *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage();
        return 0;
    }
    static struct option opts[] = {
        {"period", required_argument, 0, 'p'}, {"from", required_argument, 0, 'f'},
        {"to", required_argument, 0, 'T'},     {"as-of", required_argument, 0, 'a'},
        {"tree", no_argument, 0, 't'},         {"json", no_argument, 0, 'j'},
        {"national", no_argument, 0, 'n'},     {0, 0, 0, 0}};
    kpi_request_t r = {0};
    r.from = r.to = r.tree_at = DATE_NONE;
    r.as_of = DTIME_NONE;
    bool json = false;
    int c, bad = 0;
    err_t e;
    optind = 1;
    for (;;) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        if (c == 'p')
            bad |= period_parse_range(optarg, strlen(optarg), &r.from, &r.to, &e) != 0;
        else if (c == 'f')
            bad |= date_parse(optarg, strlen(optarg), &r.from) != 0;
        else if (c == 'T')
            bad |= date_parse(optarg, strlen(optarg), &r.to) != 0;
        else if (c == 'a')
            bad |= dtime_parse(optarg, strlen(optarg), &r.as_of) != 0;
        else if (c == 't')
            r.tree = true;
        else if (c == 'j')
            json = true;
        else if (c == 'n')
            r.national = true;
        else
            return cli_usage_error("index766", "tùy chọn không hợp lệ", "invalid option");
    }
    if (bad || optind != argc || r.from == DATE_NONE || r.to == DATE_NONE)
        return cli_usage_error("index766", "cần --period hoặc --from/--to hợp lệ",
                               "a valid --period or --from/--to is required");
    if (r.as_of == DTIME_NONE)
        r.as_of = dtime_now();
    app_t *a;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    if (app_open(&cfg, &a, &e))
        return cli_error(&e);
    buf_t out = BUF_INIT(BUF_MAX_JSON);
    int rc = app_kpi_index766(a, NULL, &r, &out, &e);
    app_close(a);
    if (rc) {
        buf_release(&out);
        return cli_error(&e);
    }
    if (json) {
        printf("%s\n", buf_cstr(&out));
    } else {
        json_error_t je;
        json_t *v = json_loads(buf_cstr(&out), 0, &je);
        json_t *units = json_object_get(v, "units");
        printf("%-10s %-6s %-9s %-12s %7s\n", "Tỉnh/prov.", "Loại", "Hạng", "Đơn vị/unit", "Điểm");
        for (size_t i = 0; i < json_array_size(units); i++) {
            json_t *u = json_array_get(units, i);
            const char *prov = json_string_value(json_object_get(u, "province"));
            char rank[24] = "—";
            if (json_is_integer(json_object_get(u, "rank")))
                snprintf(rank, sizeof rank, "%lld/%lld",
                         (long long)json_integer_value(json_object_get(u, "rank")),
                         (long long)json_integer_value(json_object_get(u, "of")));
            if (json_is_number(json_object_get(u, "total")))
                printf("%-10s %-6s %-9s %-12s %7.2f\n", prov ? prov : "—",
                       json_string_value(json_object_get(u, "kind")), rank,
                       json_string_value(json_object_get(u, "unit")),
                       json_real_value(json_object_get(u, "total")));
            else
                printf("%-10s %-6s %-9s %-12s %s\n", prov ? prov : "—",
                       json_string_value(json_object_get(u, "kind")), rank,
                       json_string_value(json_object_get(u, "unit")), "chưa có dữ liệu / no data");
        }
        json_decref(v);
    }
    buf_release(&out);
    return 0;
}
