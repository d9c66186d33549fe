/* cmd_kpi.c - cchc kpi: indicators computed from the dossier ledger. */
#include "cli/cmd.h"

#include "domain/period.h"
#include "app/app_kpi.h"
#include "io/kpi_export.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf(
        "Cách dùng / usage:\n"
        "  cchc kpi --unit CODE [--tree] (--from DATE --to DATE | --period P) [--as-of DATETIME]\n"
        "           [--procedure CODE] [--field LINHVUC] [--tree-at DATE] [--json]\n"
        "           [--explain INDICATOR] [--xlsx FILE [--children] [--en]]\n"
        "  cchc kpi --all (--period P | --from DATE --to DATE) [--tree] [--as-of DATETIME] "
        "--json\n"
        "  Tính các chỉ tiêu tthc.*, catalog.*, feedback.* cho một đơn vị (--tree: cả đơn vị "
        "cấp dưới\n"
        "  và đơn vị sáp nhập vào, theo cây tại --tree-at, mặc định ngày --to), trong kỳ, tại "
        "thời điểm --as-of.\n"
        "  Computes every tthc.*, catalog.*, feedback.* indicator of a unit (--tree: with its\n"
        "  descendants and units merged into them, on the tree at --tree-at, default --to) for "
        "a period,\n"
        "  as of a time (default now). --all: one JSON line per unit. --explain lists the "
        "dossiers\n"
        "  behind an indicator. P: 2024, 2024Q1, 2024S1 (6 tháng), 2024M9 (9 tháng), 2024M03.\n");
}

static int parse_date(const char *s, date_t *out)
{
    return date_parse(s, strlen(s), out);
}

static void print_text(const char *unit, const kpi_counts_t *k)
{
    printf("Đơn vị / unit: %s\n", unit);
    printf("Tiếp nhận / received: %lld; giải quyết / resolved: %lld (trước hạn / early %lld, "
           "đúng hạn / on time %lld, trễ hạn / late %lld); đang quá hạn / overdue open: %lld\n",
           (long long)k->c[KC_RECEIVED], (long long)k->c[KC_RESOLVED], (long long)k->c[KC_EARLY],
           (long long)k->c[KC_ON_TIME], (long long)k->c[KC_LATE], (long long)k->c[KC_OVERDUE_OPEN]);
    for (int i = 0; i < KPI_INDICATOR_COUNT; i++) {
        const kpi_def_t *d = kpi_def((kpi_indicator_t)i);
        int64_t centi, num = k->c[d->num], den = k->c[d->den];
        if (kpi_value_centi(num, den, &centi))
            printf("  %-24s %6lld.%02lld %%  (%lld/%lld)  %s\n", d->id, (long long)(centi / 100),
                   (long long)(centi % 100), (long long)num, (long long)den, d->label_vi);
        else
            printf("  %-24s %9s    (%lld/%lld)  %s\n", d->id, "-", (long long)num, (long long)den,
                   d->label_vi);
    }
}

int cmd_kpi(cli_ctx_t *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage();
        return 0;
    }
    static struct option opts[] = {
        {"unit", required_argument, 0, 'u'},   {"tree", no_argument, 0, 't'},
        {"from", required_argument, 0, 'f'},   {"to", required_argument, 0, 'T'},
        {"period", required_argument, 0, 'p'}, {"as-of", required_argument, 0, 'a'},
        {"json", no_argument, 0, 'j'},         {"explain", required_argument, 0, 'x'},
        {"all", no_argument, 0, 'A'},          {"procedure", required_argument, 0, 'P'},
        {"field", required_argument, 0, 'F'},  {"tree-at", required_argument, 0, 'W'},
        {"xlsx", required_argument, 0, 'X'},   {"children", no_argument, 0, 'C'},
        {"en", no_argument, 0, 'E'},           {0, 0, 0, 0}};
    kpi_request_t r = {0};
    r.from = r.to = r.tree_at = DATE_NONE;
    r.as_of = DTIME_NONE;
    bool json = false, all = false, children = false, en = false;
    const char *explain = NULL, *period = NULL, *xlsx = NULL;
    int c;
    optind = 1;
    err_t e;
    for (;;) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        int bad = 0;
        if (c == 'u')
            r.unit = optarg;
        else if (c == 't')
            r.tree = true;
        else if (c == 'f')
            bad = parse_date(optarg, &r.from);
        else if (c == 'T')
            bad = parse_date(optarg, &r.to);
        else if (c == 'W')
            bad = parse_date(optarg, &r.tree_at);
        else if (c == 'p')
            period = optarg;
        else if (c == 'a')
            bad = dtime_parse(optarg, strlen(optarg), &r.as_of);
        else if (c == 'j')
            json = true;
        else if (c == 'x')
            explain = optarg;
        else if (c == 'A')
            all = true;
        else if (c == 'P')
            r.procedure = optarg;
        else if (c == 'F')
            r.field = optarg;
        else if (c == 'X')
            xlsx = optarg;
        else if (c == 'C')
            children = true;
        else if (c == 'E')
            en = true;
        else
            return cli_usage_error("kpi", "tùy chọn không hợp lệ", "invalid option");
        if (bad)
            return cli_usage_error("kpi", "ngày/giờ không hợp lệ", "invalid date or time");
    }
    if (optind != argc)
        return cli_usage_error("kpi", "đối số thừa", "unexpected argument");
    if (period && period_parse_range(period, strlen(period), &r.from, &r.to, &e))
        return cli_usage_error("kpi", e.vi, e.en);
    if (r.from == DATE_NONE || r.to == DATE_NONE)
        return cli_usage_error("kpi", "cần --from và --to, hoặc --period",
                               "--from and --to, or --period, are required");
    if (!all && !r.unit)
        return cli_usage_error("kpi", "cần --unit hoặc --all", "--unit or --all is required");
    if (r.as_of == DTIME_NONE)
        r.as_of = dtime_now();
    app_t *a;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    if (app_open(&cfg, &a, &e))
        return cli_error(&e);
    buf_t out = BUF_INIT(BUF_MAX_JSON);
    int rc;
    if (all) {
        rc = app_kpi_all(a, NULL, &r, &out, &e);
        if (!rc)
            fwrite(out.data ? out.data : "", 1, out.len, stdout);
    } else if (xlsx) {
        rc = kpi_export_xlsx(a, NULL, &r, children, en, xlsx, &e);
        if (!rc)
            printf("Đã ghi / written: %s\n", xlsx);
    } else if (explain) {
        rc = app_kpi_explain(a, NULL, &r, explain, &out, &e);
        if (!rc)
            printf("%s\n", buf_cstr(&out));
    } else {
        kpi_counts_t k;
        rc = app_kpi_compute(a, NULL, &r, &k, &e);
        if (!rc && json) {
            rc = kpi_json(&out, r.unit, r.from, r.to, r.as_of, &k) ? err_nomem(&e) : 0;
            if (!rc)
                printf("%s\n", buf_cstr(&out));
        } else if (!rc) {
            print_text(r.unit, &k);
        }
    }
    buf_release(&out);
    app_close(a);
    return rc ? cli_error(&e) : 0;
}
