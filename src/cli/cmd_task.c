/* cmd_task.c - `cchc task`: list, show, update, progress, start
 * (docs/internals/tasks.md). */
#include "app/app_tasks.h"
#include "app/evidence.h"
#include "base/date.h"
#include "base/dtime.h"
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
    printf(
        "Cách dùng / usage:\n"
        "  cchc task list [--plan N] [--unit MÃ [--tree]] [--status TT] [--area 1..8]\n"
        "                 [--overdue] [--due-soon N] [--year NĂM] [--today NGÀY] [--limit N]\n"
        "                 [--json]\n"
        "      nhiệm vụ được giao, theo hạn / assignments by due date\n"
        "  cchc task show ID [--today NGÀY] [--json]\n"
        "      một nhiệm vụ với lịch sử cập nhật / one assignment with its history\n"
        "  cchc task update ID --status TT [--progress P] [--note NỘI_DUNG]\n"
        "                 [--evidence TỆP]... [--on NGÀY] [--at NGÀY_GIỜ]\n"
        "      cập nhật tiến độ, kèm tệp minh chứng / record progress with evidence files\n"
        "      (--at: thời điểm ghi vào lịch sử, để nạp dữ liệu cũ / the time recorded in\n"
        "      the history, to load past updates)\n"
        "  cchc task progress [--unit MÃ] [--plan N] [--year NĂM] [--today NGÀY] [--json]\n"
        "      tỷ lệ hoàn thành theo lĩnh vực, kế hoạch, đơn vị / completion roll-up\n"
        "  cchc task start --plan N\n"
        "      bắt đầu theo dõi: tách nhóm đơn vị / start tracking: expand unit groups\n"
        "Trạng thái / statuses: chua_thuc_hien, dang_thuc_hien, hoan_thanh,\n"
        "  khong_thuc_hien_duoc (cần --note lý do / needs a --note reason).\n"
        "  hoan_thanh_qua_han được tính khi hoàn thành sau hạn / derived when completed late.\n");
}

typedef struct topts {
    app_tasks_filter_t f;
    bool json;
    const char *status, *note, *period, *evidence[MAX_EVIDENCE];
    size_t nevidence;
    int progress;
    date_t on;
    dtime_t at;
    long long id;
} topts_t;

static int bad(const char *vi, const char *en)
{
    return cli_usage_error("task", vi, en);
}

static int date_opt(const char *s, date_t *out)
{
    return date_parse(s, strlen(s), out) ? bad("ngày không hợp lệ", "invalid date") : 0;
}

static int num_opt(const char *s, long long min, long long max, long long *out)
{
    char *end = NULL;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v < min || v > max)
        return bad("số không hợp lệ", "invalid number");
    *out = v;
    return 0;
}

static int parse(int argc, char **argv, topts_t *o)
{
    static struct option opts[] = {
        {"plan", required_argument, 0, 'p'},     {"unit", required_argument, 0, 'u'},
        {"tree", no_argument, 0, 't'},           {"status", required_argument, 0, 's'},
        {"area", required_argument, 0, 'a'},     {"overdue", no_argument, 0, 'o'},
        {"due-soon", required_argument, 0, 'd'}, {"year", required_argument, 0, 'y'},
        {"today", required_argument, 0, 'T'},    {"limit", required_argument, 0, 'l'},
        {"json", no_argument, 0, 'j'},           {"progress", required_argument, 0, 'P'},
        {"note", required_argument, 0, 'n'},     {"evidence", required_argument, 0, 'e'},
        {"on", required_argument, 0, 'O'},       {"period", required_argument, 0, 'K'},
        {"at", required_argument, 0, 'A'},       {0, 0, 0, 0}};
    memset(o, 0, sizeof *o);
    app_tasks_filter_init(&o->f);
    o->progress = -1;
    o->on = DATE_NONE;
    long long v = 0;
    int c, rc = 0;
    optind = 2;
    while (!rc) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        switch (c) {
        case 'p':
            rc = num_opt(optarg, 1, 1LL << 53, &v);
            o->f.plan_id = v;
            break;
        case 'u':
            o->f.unit = optarg;
            break;
        case 't':
            o->f.tree = true;
            break;
        case 's':
            o->f.status = o->status = optarg;
            break;
        case 'a':
            rc = num_opt(optarg, 1, 8, &v);
            o->f.area = (int)v;
            break;
        case 'o':
            o->f.overdue = true;
            break;
        case 'd':
            rc = num_opt(optarg, 0, 365, &v);
            o->f.due_soon = (int)v;
            break;
        case 'y':
            rc = num_opt(optarg, 1900, 9999, &v);
            o->f.year = (int)v;
            break;
        case 'T':
            rc = date_opt(optarg, &o->f.today);
            break;
        case 'l':
            rc = num_opt(optarg, 1, APP_TASK_LIST_MAX, &v);
            o->f.limit = (size_t)v;
            break;
        case 'j':
            o->json = true;
            break;
        case 'P':
            rc = num_opt(optarg, 0, 100, &v);
            o->progress = (int)v;
            break;
        case 'n':
            o->note = optarg;
            break;
        case 'e':
            if (o->nevidence == MAX_EVIDENCE)
                return bad("quá nhiều tệp minh chứng (tối đa 16)", "too many evidence files (16)");
            o->evidence[o->nevidence++] = optarg;
            break;
        case 'O':
            rc = date_opt(optarg, &o->on);
            break;
        case 'K':
            o->period = optarg;
            break;
        case 'A':
            if (dtime_parse(optarg, strlen(optarg), &o->at))
                rc = bad("thời điểm không hợp lệ", "invalid date-time");
            break;
        default:
            return bad("tùy chọn không hợp lệ", "invalid option");
        }
    }
    if (!rc && optind < argc) {
        rc = num_opt(argv[optind], 1, 1LL << 53, &o->id);
        optind++;
    }
    if (!rc && optind < argc)
        rc = bad("thừa tham số", "unexpected argument");
    return rc;
}

static int open_app(cli_ctx_t *ctx, app_t **a)
{
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    return app_open(&cfg, a, &e) ? cli_error(&e) : 0;
}

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static void print_item(json_t *it)
{
    json_t *unit = json_object_get(it, "unit");
    const char *due = str(it, "due");
    printf("#%-6lld %-10s %3lld%%  %-22s %-10s %s  [%s] %s\n",
           (long long)json_integer_value(json_object_get(it, "id")), *due ? due : "—",
           (long long)json_integer_value(json_object_get(it, "progress")), str(it, "status_label"),
           str(unit, "code"), json_is_true(json_object_get(it, "overdue")) ? "QUÁ HẠN" : "",
           str(it, "task_no"), str(it, "title"));
}

static int do_list(app_t *a, const topts_t *o)
{
    json_t *out = NULL;
    err_t e;
    if (app_tasks_list(a, NULL, &o->f, &out, &e))
        return cli_error(&e);
    int rc = 0;
    if (o->json) {
        rc = cli_print_json(out);
    } else {
        size_t i;
        json_t *it;
        json_array_foreach(json_object_get(out, "items"), i, it)
        {
            print_item(it);
        }
        printf("%lld nhiệm vụ / assignments (hôm nay / today %s)\n",
               (long long)json_integer_value(json_object_get(out, "total")), str(out, "today"));
    }
    json_decref(out);
    return rc;
}

static int do_show(app_t *a, const topts_t *o)
{
    json_t *out = NULL;
    err_t e;
    if (app_tasks_get(a, NULL, o->id, o->f.today, &out, &e))
        return cli_error(&e);
    int rc = 0;
    if (o->json) {
        rc = cli_print_json(out);
    } else {
        print_item(out);
        printf("  Kế hoạch / plan: %s\n  Thời hạn / deadline: %s\n", str(out, "plan_title"),
               str(out, "deadline_text"));
        size_t i;
        json_t *h;
        json_array_foreach(json_object_get(out, "history"), i, h)
        {
            printf("  %s  %-8s %-22s %3lld%%  %s (%zu tệp / files)\n", str(h, "at"),
                   str(h, "author"), str(h, "status_label"),
                   (long long)json_integer_value(json_object_get(h, "progress")), str(h, "note"),
                   json_array_size(json_object_get(h, "evidence")));
        }
    }
    json_decref(out);
    return rc;
}

static int do_update(app_t *a, const topts_t *o)
{
    if (!o->id || !o->status)
        return bad("cần ID và --status", "ID and --status are required");
    json_t *cur = NULL;
    err_t e;
    if (app_tasks_get(a, NULL, o->id, DATE_NONE, &cur, &e))
        return cli_error(&e);
    char unit[80];
    snprintf(unit, sizeof unit, "%s", str(json_object_get(cur, "unit"), "code"));
    json_decref(cur);
    int64_t ids[MAX_EVIDENCE];
    int rc = cli_upload_evidence(a, o->evidence, o->nevidence, unit, "task_assignment", o->id, ids);
    if (rc)
        return rc;
    app_tasks_update_in_t in = {.status = o->status,
                                .progress = o->progress,
                                .note = o->note,
                                .evidence = ids,
                                .nevidence = o->nevidence,
                                .on = o->on,
                                .period = o->period,
                                .at = o->at};
    json_t *out = NULL;
    if (app_tasks_update(a, NULL, o->id, &in, &out, &e))
        return cli_error(&e);
    printf("Đã cập nhật / updated: ");
    print_item(out);
    json_decref(out);
    return 0;
}

static void print_rollup(const char *name, json_t *r)
{
    json_t *rate = json_object_get(r, "rate");
    printf("  %5lld/%-5lld %6.2f%%  quá hạn/overdue %-5lld %s\n",
           (long long)json_integer_value(json_object_get(r, "completed")),
           (long long)json_integer_value(json_object_get(r, "assigned")),
           json_is_number(rate) ? json_number_value(rate) : 0.0,
           (long long)json_integer_value(json_object_get(r, "overdue")), name);
}

static int do_progress(app_t *a, topts_t *o)
{
    o->f.tree = true;
    json_t *out = NULL;
    err_t e;
    if (app_tasks_progress(a, NULL, &o->f, &out, &e))
        return cli_error(&e);
    int rc = 0;
    if (o->json) {
        rc = cli_print_json(out);
    } else {
        print_rollup("Tổng / total", json_object_get(out, "total"));
        size_t i;
        json_t *g;
        printf("Theo lĩnh vực / by area:\n");
        json_array_foreach(json_object_get(out, "by_area"), i, g)
        {
            print_rollup(*str(g, "label") ? str(g, "label") : "(chưa xác định)", g);
        }
        printf("Theo kế hoạch / by plan:\n");
        json_array_foreach(json_object_get(out, "by_plan"), i, g)
        {
            print_rollup(str(g, "title"), g);
        }
    }
    json_decref(out);
    return rc;
}

static int do_start(app_t *a, const topts_t *o)
{
    if (!o->f.plan_id)
        return bad("cần --plan", "--plan is required");
    json_t *out = NULL;
    err_t e;
    if (app_tasks_start(a, NULL, o->f.plan_id, &out, &e))
        return cli_error(&e);
    int rc = cli_print_json(out);
    json_decref(out);
    return rc;
}

int cmd_task(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "update") &&
        strcmp(sub, "progress") && strcmp(sub, "start"))
        return bad("lệnh con không hợp lệ", "unknown subcommand");
    topts_t o;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc;
    if (strcmp(sub, "show") == 0 && !o.id)
        return bad("cần ID", "ID is required");
    app_t *a = NULL;
    rc = open_app(ctx, &a);
    if (rc)
        return rc;
    if (strcmp(sub, "list") == 0)
        rc = do_list(a, &o);
    else if (strcmp(sub, "show") == 0)
        rc = do_show(a, &o);
    else if (strcmp(sub, "update") == 0)
        rc = do_update(a, &o);
    else if (strcmp(sub, "progress") == 0)
        rc = do_progress(a, &o);
    else
        rc = do_start(a, &o);
    app_close(a);
    return rc;
}
