/* cmd_target.c - `cchc target`: list, summary, measure
 * (docs/internals/targets.md). */
#include "app/app_targets.h"
#include "app/evidence.h"
#include "cli/cli.h"
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define MAX_EVIDENCE 16

static void usage(void)
{
    printf("Cách dùng / usage:\n"
           "  cchc target list --plan N [--unit MÃ] [--year NĂM] [--today NGÀY] [--json]\n"
           "      chỉ tiêu của kế hoạch với số liệu đo được / a plan's targets, measured\n"
           "  cchc target summary --unit MÃ [--year NĂM] [--today NGÀY] [--json]\n"
           "      các chỉ tiêu áp dụng cho đơn vị / the targets that apply to a unit\n"
           "  cchc target measure ID --unit MÃ --period KỲ --value SỐ [--note NỘI_DUNG]\n"
           "                      [--evidence TỆP]...\n"
           "      nhập số liệu chỉ tiêu không tính được từ hồ sơ / enter a hand measurement\n"
           "Trạng thái / status: dat (đạt), chua_dat (chưa đạt), co_nguy_co (có nguy cơ: dự báo\n"
           "  cuối năm không đạt / projected to miss by year end), chua_co_so_lieu (no data).\n");
}

typedef struct topts {
    app_target_query_t q;
    app_measure_in_t m;
    const char *files[MAX_EVIDENCE];
    bool json, has_value;
    long long id;
} topts_t;

static int bad(const char *vi, const char *en)
{
    return cli_usage_error("target", vi, en);
}

static int parse(int argc, char **argv, topts_t *o)
{
    static struct option opts[] = {
        {"plan", required_argument, 0, 'p'},     {"unit", required_argument, 0, 'u'},
        {"year", required_argument, 0, 'y'},     {"today", required_argument, 0, 'T'},
        {"json", no_argument, 0, 'j'},           {"period", required_argument, 0, 'P'},
        {"value", required_argument, 0, 'v'},    {"note", required_argument, 0, 'n'},
        {"evidence", required_argument, 0, 'e'}, {0, 0, 0, 0}};
    memset(o, 0, sizeof *o);
    o->q.today = DATE_NONE;
    o->q.trend = true;
    int c;
    char *end = NULL;
    optind = 2;
    for (;;) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        switch (c) {
        case 'p':
            o->q.plan_id = strtoll(optarg, &end, 10);
            if (*end || o->q.plan_id <= 0)
                return bad("--plan không hợp lệ", "invalid --plan");
            break;
        case 'u':
            o->q.unit = o->m.unit = optarg;
            break;
        case 'y':
            o->q.year = (int)strtol(optarg, &end, 10);
            if (*end || o->q.year < 1900 || o->q.year > 9999)
                return bad("--year không hợp lệ", "invalid --year");
            break;
        case 'T':
            if (date_parse(optarg, strlen(optarg), &o->q.today))
                return bad("--today không hợp lệ", "invalid --today");
            break;
        case 'j':
            o->json = true;
            break;
        case 'P':
            o->m.period = optarg;
            break;
        case 'v':
            o->m.value = strtod(optarg, &end);
            if (*end || end == optarg)
                return bad("--value phải là số", "--value must be a number");
            o->has_value = true;
            break;
        case 'n':
            o->m.note = optarg;
            break;
        case 'e':
            if (o->m.nevidence == MAX_EVIDENCE)
                return bad("quá nhiều tệp", "too many files");
            o->files[o->m.nevidence++] = optarg;
            break;
        default:
            return bad("tùy chọn không hợp lệ", "invalid option");
        }
    }
    if (optind < argc) {
        o->id = strtoll(argv[optind++], &end, 10);
        if (*end || o->id <= 0)
            return bad("ID không hợp lệ", "invalid ID");
    }
    return optind < argc ? bad("thừa tham số", "unexpected argument") : 0;
}

static void print_items(json_t *out)
{
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(out, "items"), i, it)
    {
        json_t *m = json_object_get(it, "measurement");
        json_t *v = json_object_get(m, "value");
        char val[32] = "—";
        if (json_is_number(v))
            snprintf(val, sizeof val, "%.2f", json_number_value(v));
        printf("#%-5lld %-17s %-9s %s %g%s  %s\n",
               (long long)json_integer_value(json_object_get(it, "id")),
               json_string_value(json_object_get(it, "status_label")), val,
               json_string_value(json_object_get(it, "op")),
               json_number_value(json_object_get(it, "value")),
               json_string_value(json_object_get(it, "unit")),
               json_string_value(json_object_get(it, "text")));
    }
}

static int show(json_t *out, bool json)
{
    int rc = 0;
    if (json)
        rc = cli_print_json(out);
    else
        print_items(out);
    json_decref(out);
    return rc;
}

static int measure(app_t *a, topts_t *o)
{
    if (!o->id || !o->m.unit || !o->m.period || !o->has_value)
        return bad("cần ID, --unit, --period và --value", "ID, --unit, --period and --value are "
                                                          "required");
    int64_t ids[MAX_EVIDENCE];
    err_t e;
    if (cli_upload_evidence(a, o->files, o->m.nevidence, o->m.unit, "target", o->id, ids))
        return 1;
    o->m.evidence = ids;
    json_t *out = NULL;
    if (app_targets_measure(a, NULL, o->id, &o->m, &out, &e))
        return cli_error(&e);
    return show(out, true);
}

int cmd_target(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "list") && strcmp(sub, "summary") && strcmp(sub, "measure"))
        return bad("lệnh con không hợp lệ", "unknown subcommand");
    topts_t o;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc;
    if (strcmp(sub, "list") == 0 && !o.q.plan_id)
        return bad("cần --plan", "--plan is required");
    if (strcmp(sub, "summary") == 0 && !o.q.unit)
        return bad("cần --unit", "--unit is required");
    app_t *a = NULL;
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    if (app_open(&cfg, &a, &e))
        return cli_error(&e);
    json_t *out = NULL;
    if (strcmp(sub, "measure") == 0)
        rc = measure(a, &o);
    else if (strcmp(sub, "list") == 0)
        rc = app_targets_list(a, NULL, &o.q, &out, &e) ? cli_error(&e) : show(out, o.json);
    else
        rc = app_targets_for_unit(a, NULL, &o.q, &out, &e) ? cli_error(&e) : show(out, o.json);
    app_close(a);
    return rc;
}
