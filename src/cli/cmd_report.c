/* cmd_report.c - `cchc report`: the reporting calendar and periodic reports
 * (docs/internals/reports.md). The command line acts as the local operator. */
#include "app/app_report.h"
#include "base/dtime.h"
#include "base/file.h"
#include "base/mem.h"
#include "cli/cli.h"
#include "cmd.h"
#include "io/report_export.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define SECTION_FILE_MAX ((size_t)1 << 20)

static void usage(void)
{
    printf(
        "Cách dùng / usage:\n"
        "  cchc report calendar --unit MÃ --year NĂM [--json]\n"
        "      các báo cáo đơn vị phải gửi trong năm, kỳ chốt số liệu, hạn gửi\n"
        "      / the reports a unit owes in a year: cut-off windows, due dates\n"
        "  cchc report create --unit MÃ --kind LOẠI --year NĂM [--id MÃ_ĐỘT_XUẤT] [--json]\n"
        "      tạo (hoặc mở) báo cáo / create (or open) a report\n"
        "  cchc report list --unit MÃ --year NĂM [--json]\n"
        "  cchc report show ID [--json]\n"
        "  cchc report section ID --code MỤC --file TỆP [--version N]\n"
        "      ghi nội dung một mục (TỆP '-' = stdin); với --version: từ chối nếu mục đã\n"
        "      được sửa sau phiên bản N / write a section's text; with --version: refused\n"
        "      when the section changed after version N\n"
        "  cchc report quote ID --from ID_NGUỒN --code MỤC\n"
        "      trích mục của báo cáo đơn vị gửi lên vào báo cáo này / quote a sender's section\n"
        "  cchc report submit ID | accept ID | return ID --reason LÝ_DO   [--at NGÀY_GIỜ]\n"
        "      (--at: thời điểm đã qua của thao tác, để nạp một kỳ báo cáo cũ; số liệu chốt\n"
        "      tại thời điểm đó / a past moment of the action, to load an earlier cycle;\n"
        "      the figures are frozen as of it. Cũng dùng được với create / also for create)\n"
        "  cchc report compare ID [--json]   số liệu đã chốt so với hiện tại / frozen vs now\n"
        "  cchc report matrix --receiver MÃ --year NĂM [--json]\n"
        "      tình hình gửi báo cáo của các đơn vị / the senders' reports\n"
        "  cchc report remind --unit MÃ --kind LOẠI --year NĂM [--ref KỲ]\n"
        "  cchc report rule add|list|remove …   lịch báo cáo đặt tay, báo cáo đột xuất / calendar\n"
        "      rows set by hand, ad hoc reports (cchc report rule --help)\n"
        "  cchc report export ID --format docx|pdf|xlsx|zip --out TỆP\n"
        "      (zip: cả ba tệp, báo cáo dựng một lần / all three, the report built once)\n"
        "  cchc report export-all --receiver MÃ --year NĂM --kind LOẠI [--format pdf|docx|xlsx]\n"
        "                         --out TỆP.zip\n"
        "      các báo cáo đơn vị cấp dưới đã gửi, trong một tệp ZIP / the senders' sent\n"
        "      reports of one kind in one ZIP\n"
        "Loại / kinds: quy1, 6thang, quy3, 9thang, nam, dot_xuat.\n");
}

typedef struct ropts {
    const char *unit, *kind, *adhoc, *receiver, *code, *file, *reason, *format, *out, *ref;
    int year;
    long long id, version, from; /* version -1: the current one */
    dtime_t at;                  /* DTIME_NONE: now */
    bool json;
} ropts_t;

static int bad(const char *vi, const char *en)
{
    return cli_usage_error("report", vi, en);
}

static int parse_num(const char *s, long long min, long long max, long long *out)
{
    char *end = NULL;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static int parse(int argc, char **argv, ropts_t *o)
{
    static struct option opts[] = {
        {"unit", required_argument, 0, 'u'},     {"kind", required_argument, 0, 'k'},
        {"year", required_argument, 0, 'y'},     {"id", required_argument, 0, 'i'},
        {"receiver", required_argument, 0, 'R'}, {"code", required_argument, 0, 'c'},
        {"file", required_argument, 0, 'f'},     {"reason", required_argument, 0, 'r'},
        {"format", required_argument, 0, 'F'},   {"out", required_argument, 0, 'o'},
        {"version", required_argument, 0, 'v'},  {"ref", required_argument, 0, 'p'},
        {"at", required_argument, 0, 'A'},       {"json", no_argument, 0, 'j'},
        {"from", required_argument, 0, 'S'},     {0, 0, 0, 0}};
    memset(o, 0, sizeof *o);
    o->at = DTIME_NONE;
    o->version = -1;
    optind = 2;
    for (;;) {
        int c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        long long n = 0;
        switch (c) {
        case 'u':
            o->unit = optarg;
            break;
        case 'k':
            o->kind = optarg;
            break;
        case 'i':
            o->adhoc = optarg;
            break;
        case 'R':
            o->receiver = optarg;
            break;
        case 'c':
            o->code = optarg;
            break;
        case 'f':
            o->file = optarg;
            break;
        case 'r':
            o->reason = optarg;
            break;
        case 'F':
            o->format = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case 'p':
            o->ref = optarg;
            break;
        case 'j':
            o->json = true;
            break;
        case 'A':
            if (dtime_parse(optarg, strlen(optarg), &o->at) || o->at > dtime_now())
                return bad("--at: cần thời điểm đã qua (YYYY-MM-DD HH:MM)",
                           "--at: a past moment is required (YYYY-MM-DD HH:MM)");
            break;
        case 'S':
            if (parse_num(optarg, 1, 1LL << 53, &o->from))
                return bad("--from không hợp lệ", "invalid --from");
            break;
        case 'y':
            if (parse_num(optarg, 1990, 2199, &n))
                return bad("--year không hợp lệ", "invalid --year");
            o->year = (int)n;
            break;
        case 'v':
            if (parse_num(optarg, 0, 1LL << 53, &o->version))
                return bad("--version không hợp lệ", "invalid --version");
            break;
        default:
            return bad("tùy chọn không hợp lệ", "invalid option");
        }
    }
    if (optind < argc && parse_num(argv[optind++], 1, 1LL << 53, &o->id))
        return bad("ID không hợp lệ", "invalid ID");
    return optind < argc ? bad("thừa tham số", "unexpected argument") : 0;
}

/* Prints JSON or a one-line summary of a report. */
static int print_report(json_t *r, bool json)
{
    if (json)
        return cli_print_json(r);
    const json_t *w = json_object_get(r, "window");
    printf(
        "#%lld %s %s (%s → %s, hạn / due %s): %s\n",
        (long long)json_integer_value(json_object_get(r, "id")),
        json_string_value(json_object_get(json_object_get(r, "unit"), "code")),
        json_string_value(json_object_get(r, "label")),
        json_string_value(json_object_get(w, "from")), json_string_value(json_object_get(w, "to")),
        json_string_value(json_object_get(r, "due")) ? json_string_value(json_object_get(r, "due"))
                                                     : "—",
        json_string_value(json_object_get(r, "status_label")));
    return 0;
}

static int print_calendar(json_t *c, bool json)
{
    if (json)
        return cli_print_json(c);
    printf("%s %lld → %s\n", json_string_value(json_object_get(c, "unit")),
           (long long)json_integer_value(json_object_get(c, "year")),
           json_string_value(json_object_get(c, "receiver_name")));
    size_t i;
    const json_t *r;
    json_array_foreach(json_object_get(c, "reports"), i, r)
    {
        const char *due = json_string_value(json_object_get(r, "due"));
        printf("  %-8s %-24s %s → %s  hạn / due %s\n",
               json_string_value(json_object_get(r, "kind")),
               json_string_value(json_object_get(r, "title")),
               json_string_value(json_object_get(r, "from")),
               json_string_value(json_object_get(r, "to")), due ? due : "—");
    }
    json_array_foreach(json_object_get(c, "warnings"), i, r)
    {
        fprintf(stderr, "cảnh báo / warning: %s\n",
                json_string_value(json_object_get(r, "message")));
    }
    return 0;
}

/* The version of section code of report id as saved now (0: never saved). */
static int current_version(app_t *a, long long id, const char *code, long long *version, err_t *e)
{
    json_t *r = NULL;
    int rc = app_report_get(a, NULL, id, &r, e);
    *version = 0;
    size_t i;
    json_t *sec;
    json_array_foreach(json_object_get(r, "sections"), i, sec)
    {
        if (strcmp(json_string_value(json_object_get(sec, "code")), code) == 0)
            *version = json_integer_value(json_object_get(sec, "version"));
    }
    json_decref(r);
    return rc;
}

static int section(app_t *a, const ropts_t *o, err_t *e)
{
    if (!o->id || !o->code || !o->file)
        return bad("cần ID, --code và --file", "ID, --code and --file are required");
    char *text = NULL;
    size_t n = 0;
    long long version = o->version;
    int rc = version < 0 ? current_version(a, o->id, o->code, &version, e) : 0;
    if (!rc)
        rc = file_read_all(o->file, SECTION_FILE_MAX, &text, &n, e);
    json_t *out = NULL;
    if (!rc)
        rc = app_report_save_section(a, NULL, o->id, o->code, text, version, &out, e);
    mem_free(text);
    if (rc)
        return cli_error(e);
    printf("%s: phiên bản / version %lld\n", o->code,
           (long long)json_integer_value(json_object_get(out, "version")));
    json_decref(out);
    return 0;
}

static int quote(app_t *a, const ropts_t *o, err_t *e)
{
    if (!o->id || !o->from || !o->code)
        return bad("cần ID, --from và --code", "ID, --from and --code are required");
    long long version = 0;
    json_t *out = NULL;
    int rc = current_version(a, o->id, o->code, &version, e);
    if (!rc)
        rc = app_report_quote(a, NULL, o->id, o->from, o->code, version, &out, e);
    if (rc)
        return cli_error(e);
    printf("%s: phiên bản / version %lld\n", o->code,
           (long long)json_integer_value(json_object_get(out, "version")));
    json_decref(out);
    return 0;
}

static int export_all(app_t *a, const ropts_t *o, err_t *e)
{
    report_export_format_t f = REPORT_EXPORT_PDF;
    if (!o->receiver || !o->year || !o->kind || !o->out)
        return bad("cần --receiver, --year, --kind và --out",
                   "--receiver, --year, --kind and --out are required");
    size_t n = 0;
    if ((o->format && report_export_format_parse(o->format, &f, e)) ||
        report_export_bundle(a, NULL, o->receiver, o->year, o->kind, f, o->out, &n, e))
        return cli_error(e);
    printf("%s: %zu báo cáo / reports\n", o->out, n);
    return 0;
}

static int export_file(app_t *a, const ropts_t *o, err_t *e)
{
    report_export_format_t f;
    if (!o->id || !o->out)
        return bad("cần ID, --format và --out", "ID, --format and --out are required");
    if (report_export_format_parse(o->format, &f, e) ||
        report_export_write(a, NULL, o->id, f, o->out, e))
        return cli_error(e);
    printf("%s\n", o->out);
    return 0;
}

static int run(app_t *a, const char *sub, const ropts_t *o)
{
    err_t e;
    json_t *out = NULL;
    int rc;
    if (strcmp(sub, "calendar") == 0) {
        if (!o->unit || !o->year)
            return bad("cần --unit và --year", "--unit and --year are required");
        rc = app_report_calendar(a, NULL, o->unit, o->year, &out, &e);
        rc = rc ? cli_error(&e) : print_calendar(out, o->json);
    } else if (strcmp(sub, "create") == 0) {
        app_report_create_in_t in = {o->unit, o->kind, o->year, o->adhoc, o->at};
        if (!o->unit || !o->kind || !o->year)
            return bad("cần --unit, --kind và --year", "--unit, --kind and --year are required");
        rc = app_report_create(a, NULL, &in, &out, &e);
        rc = rc ? cli_error(&e) : print_report(out, o->json);
    } else if (strcmp(sub, "list") == 0) {
        if (!o->unit || !o->year)
            return bad("cần --unit và --year", "--unit and --year are required");
        rc = app_report_list(a, NULL, o->unit, o->year, &out, &e);
        if (!rc && !o->json) {
            size_t i;
            json_t *r;
            json_array_foreach(json_object_get(out, "items"), i, r)
            {
                print_report(r, false);
            }
        }
        rc = rc ? cli_error(&e) : o->json ? cli_print_json(out) : 0;
    } else if (strcmp(sub, "show") == 0 || strcmp(sub, "submit") == 0 ||
               strcmp(sub, "accept") == 0 || strcmp(sub, "return") == 0) {
        if (!o->id)
            return bad("cần ID", "ID is required");
        if (strcmp(sub, "return") == 0 && !o->reason)
            return bad("cần --reason", "--reason is required");
        rc = strcmp(sub, "show") == 0     ? app_report_get(a, NULL, o->id, &out, &e)
             : strcmp(sub, "submit") == 0 ? app_report_submit(a, NULL, o->id, o->at, &out, &e)
             : strcmp(sub, "accept") == 0
                 ? app_report_accept(a, NULL, o->id, o->at, &out, &e)
                 : app_report_return(a, NULL, o->id, o->reason, o->at, &out, &e);
        rc = rc ? cli_error(&e) : print_report(out, o->json);
    } else if (strcmp(sub, "compare") == 0) {
        if (!o->id)
            return bad("cần ID", "ID is required");
        rc = app_report_compare(a, NULL, o->id, &out, &e);
        rc = rc ? cli_error(&e) : cli_print_json(out);
    } else if (strcmp(sub, "matrix") == 0) {
        if (!o->receiver || !o->year)
            return bad("cần --receiver và --year", "--receiver and --year are required");
        rc = app_report_matrix(a, NULL, o->receiver, o->year, &out, &e);
        rc = rc ? cli_error(&e) : cli_print_json(out);
    } else if (strcmp(sub, "remind") == 0) {
        if (!o->unit || !o->kind || !o->year)
            return bad("cần --unit, --kind và --year", "--unit, --kind and --year are required");
        rc = app_report_remind(a, NULL, o->unit, o->kind, o->year, o->ref, &out, &e);
        rc = rc ? cli_error(&e) : cli_print_json(out);
    } else if (strcmp(sub, "section") == 0) {
        rc = section(a, o, &e);
    } else if (strcmp(sub, "quote") == 0) {
        rc = quote(a, o, &e);
    } else if (strcmp(sub, "export-all") == 0) {
        rc = export_all(a, o, &e);
    } else {
        rc = export_file(a, o, &e);
    }
    json_decref(out);
    return rc;
}

int cmd_report(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "rule") == 0)
        return cmd_report_rule(ctx, argc, argv);
    static const char *const subs[] = {"calendar", "create", "list",   "show",      "section",
                                       "submit",   "accept", "return", "compare",   "matrix",
                                       "remind",   "export", "quote",  "export-all"};
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    bool known = false;
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        known |= strcmp(argv[1], subs[i]) == 0;
    if (!known)
        return bad("lệnh con không hợp lệ", "unknown subcommand");
    ropts_t o;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc;
    app_t *a = NULL;
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    if (app_open(&cfg, &a, &e))
        return cli_error(&e);
    rc = run(a, argv[1], &o);
    app_close(a);
    return rc;
}
