/* cmd_gen.c - cchc gen dossiers: synthetic data for tests and benchmarks. */
#include "cli/cmd.h"

#include "base/date.h"
#include "io/dossier_io_gen.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf(
        "Cách dùng / usage:\n"
        "  cchc gen dossiers --units N --procedures N --dossiers N --year YYYY --seed S\n"
        "                    [--out FILE] [--units-out FILE] [--links-out FILE]\n"
        "                    [--procedures-out FILE] [--until YYYY-MM-DD]\n"
        "  Sinh dữ liệu hồ sơ giả lập (CSV) có tính thực tế: quy mô đơn vị lệch, mùa vụ quanh "
        "Tết,\n"
        "  tỷ lệ trực tuyến, bổ sung hồ sơ, hồ sơ trễ hạn. Cùng tham số -> cùng kết quả.\n"
        "  Writes a realistic synthetic dossier CSV (skewed unit sizes, seasonal volume around\n"
        "  Tết, online share, supplements, late cases) to --out (default stdout), and the\n"
        "  matching unit tree, merger links and procedure catalogue when asked.\n"
        "  --until: chỉ đến hết ngày này của năm (hồ sơ như tại thời điểm đó) /\n"
        "           only up to the end of that day of the year (dossiers as they stood then).\n");
}

static int parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static int write_to(const char *path, int (*fn)(FILE *, const dossier_io_gen_opts_t *, err_t *),
                    const dossier_io_gen_opts_t *o)
{
    err_t e;
    FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
    if (!f) {
        err_set(&e, ERR_IO, "file.open", "Không ghi được tệp '%s'", "Cannot write '%s'", path);
        return cli_error(&e);
    }
    int rc = fn(f, o, &e);
    if (f != stdout && fclose(f) != 0 && !rc)
        rc = err_set(&e, ERR_IO, "file.write", "Lỗi ghi tệp '%s'", "Write error on '%s'", path);
    else if (f == stdout)
        fflush(stdout);
    return rc ? cli_error(&e) : 0;
}

int cmd_gen(cli_ctx_t *ctx, int argc, char **argv)
{
    (void)ctx;
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "dossiers") != 0)
        return cli_usage_error("gen", "lệnh con không hợp lệ (dossiers)",
                               "unknown subcommand (dossiers)");
    static struct option opts[] = {{"units", required_argument, 0, 'u'},
                                   {"procedures", required_argument, 0, 'p'},
                                   {"dossiers", required_argument, 0, 'd'},
                                   {"year", required_argument, 0, 'y'},
                                   {"seed", required_argument, 0, 's'},
                                   {"out", required_argument, 0, 'o'},
                                   {"units-out", required_argument, 0, 'U'},
                                   {"links-out", required_argument, 0, 'L'},
                                   {"procedures-out", required_argument, 0, 'P'},
                                   {"until", required_argument, 0, 't'},
                                   {0, 0, 0, 0}};
    long units = 100, procs = 200, dossiers = 10000, year = 2024, seed = 1;
    const char *out = "-", *units_out = NULL, *links_out = NULL, *procs_out = NULL;
    date_t until = 0;
    int c, bad = 0;
    optind = 2;
    for (;;) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        if (c == 'u')
            bad |= parse_long(optarg, 4, 1000000, &units);
        else if (c == 'p')
            bad |= parse_long(optarg, 3, 1000000, &procs);
        else if (c == 'd')
            bad |= parse_long(optarg, 0, 1000000000L, &dossiers);
        else if (c == 'y')
            bad |= parse_long(optarg, 2000, 2060, &year);
        else if (c == 's')
            bad |= parse_long(optarg, 0, 0x7fffffffL, &seed);
        else if (c == 'o')
            out = optarg;
        else if (c == 'U')
            units_out = optarg;
        else if (c == 'L')
            links_out = optarg;
        else if (c == 'P')
            procs_out = optarg;
        else if (c == 't')
            bad |= date_parse(optarg, strlen(optarg), &until) ? -1 : 0;
        else
            return cli_usage_error("gen", "tùy chọn không hợp lệ", "invalid option");
    }
    if (bad || optind != argc)
        return cli_usage_error("gen", "tham số không hợp lệ", "invalid arguments");
    if (until && date_year(until) != year)
        return cli_usage_error("gen", "--until phải thuộc năm --year",
                               "--until must fall in the --year");
    dossier_io_gen_opts_t o = {(int)units, (int)procs, dossiers, (int)year, (uint64_t)seed, until};
    int rc = 0;
    if (units_out)
        rc = write_to(units_out, dossier_io_gen_units, &o);
    if (!rc && links_out)
        rc = write_to(links_out, dossier_io_gen_links, &o);
    if (!rc && procs_out)
        rc = write_to(procs_out, dossier_io_gen_procedures, &o);
    if (!rc)
        rc = write_to(out, dossier_io_gen_dossiers, &o);
    return rc;
}
