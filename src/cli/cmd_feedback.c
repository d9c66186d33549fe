/* cmd_feedback.c - cchc feedback add|event|show|list: citizen feedback
 * (phản ánh, kiến nghị, PAKN) from the command line. */
#include "cli/cmd.h"

#include "app/app_feedback.h"
#include "io/ledger_json.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf("Cách dùng / usage:\n"
           "  cchc feedback add --unit CODE --subject TEXT [--content TEXT] [--name NAME]\n"
           "                    [--contact TEXT] [--at DATETIME] [--code CODE] [--note TEXT] "
           "[--json]\n"
           "      tiếp nhận một phản ánh, kiến nghị / receive a feedback item\n"
           "  cchc feedback event CODE KIND [--at DATETIME] [--rating 1-3] [--note TEXT] [--json]\n"
           "      ghi một bước xử lý / record a handling step; KIND: acknowledge, request_info,\n"
           "      supply_info, answer, publish, rate\n"
           "  cchc feedback show CODE [--as-of DATETIME] [--json]\n"
           "      trạng thái, thời hạn, đúng hạn từng bước / state, deadlines, on time per step\n"
           "  cchc feedback list [--unit CODE [--tree]] [--status S] [--limit N] [--offset N] "
           "[--json]\n"
           "Thời hạn (ngày làm việc, DATA/indices/feedback.json): xác nhận tiếp nhận 2, đề nghị "
           "bổ sung 5,\n"
           "  trả lời 15 (kể từ khi tiếp nhận, không tính thời gian chờ bổ sung), công khai 2 "
           "sau khi trả lời.\n"
           "Deadlines (working days): acknowledge 2, request information 5, answer 15 (from "
           "receipt, the\n"
           "  wait for information excluded), publish 2 after the answer.\n");
}

static int open_app(cli_ctx_t *ctx, app_t **a)
{
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    return app_open(&cfg, a, &e) ? cli_error(&e) : 0;
}

static int parse_time(const char *s, dtime_t *out)
{
    return dtime_parse(s, strlen(s), out);
}

static void print_time(const char *label, dtime_t t)
{
    char s[DTIME_ISO_LEN];
    if (t == DTIME_NONE)
        return;
    dtime_format_min(t, s);
    printf("  %-38s %s\n", label, s);
}

static int show(app_t *a, const char *code, dtime_t as_of, bool json)
{
    err_t e;
    app_fb_view_t v;
    if (app_feedback_get(a, NULL, code, as_of, &v, &e))
        return cli_error(&e);
    int rc = 0;
    if (json) {
        json_t *o = ledger_json_feedback(&v);
        rc = cli_print_json(o);
        json_decref(o);
    } else {
        const feedback_t *f = &v.f;
        printf("Phản ánh / feedback %s — đơn vị / unit %s\n", f->code, f->unit);
        printf("  %s\n", v.text.subject);
        printf("  Trạng thái / status: %s (%s)\n", feedback_status_label_vi(f->status),
               feedback_status_label_en(f->status));
        print_time("Tiếp nhận / received", f->received);
        print_time("Xác nhận / acknowledged", f->acked);
        print_time("Đề nghị bổ sung / info requested", f->info_requested);
        print_time("Đã bổ sung / info supplied", f->info_supplied);
        print_time("Trả lời / answered", f->answered);
        print_time("Công khai / published", f->published);
        print_time("Hạn xác nhận / ack due", f->ack_due);
        print_time("Hạn đề nghị bổ sung / info request due", f->info_due);
        print_time("Hạn trả lời / answer due", f->answer_due);
        print_time("Hạn công khai / publish due", f->publish_due);
        for (int i = 0; i < FB_STEPS; i++)
            printf("  %-38s %s\n", feedback_step_name(i), feedback_step_state_name(v.t.step[i]));
        printf("  Tổng thể / overall: %s (%s)\n", feedback_step_state_label_vi(v.t.overall),
               feedback_step_state_name(v.t.overall));
        if (f->rating)
            printf("  Đánh giá / rating: %d\n", f->rating);
    }
    app_feedback_view_release(&v);
    return rc;
}

static int do_add(cli_ctx_t *ctx, int argc, char **argv)
{
    static struct option opts[] = {
        {"unit", required_argument, 0, 'u'},    {"subject", required_argument, 0, 's'},
        {"content", required_argument, 0, 'c'}, {"name", required_argument, 0, 'n'},
        {"contact", required_argument, 0, 'C'}, {"at", required_argument, 0, 'a'},
        {"code", required_argument, 0, 'k'},    {"note", required_argument, 0, 'N'},
        {"json", no_argument, 0, 'j'},          {0, 0, 0, 0}};
    app_fb_in_t in = {0};
    in.received = DTIME_NONE;
    bool json = false;
    int c;
    optind = 2;
    for (;;) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        if (c == 'u')
            in.unit = optarg;
        else if (c == 's')
            in.subject = optarg;
        else if (c == 'c')
            in.content = optarg;
        else if (c == 'n')
            in.sender_name = optarg;
        else if (c == 'C')
            in.sender_contact = optarg;
        else if (c == 'k')
            in.code = optarg;
        else if (c == 'N')
            in.note = optarg;
        else if (c == 'j')
            json = true;
        else if (c == 'a') {
            if (parse_time(optarg, &in.received))
                return cli_usage_error("feedback", "--at không hợp lệ", "invalid --at");
        } else
            return cli_usage_error("feedback", "tùy chọn không hợp lệ", "invalid option");
    }
    if (optind != argc || !in.unit || !in.subject)
        return cli_usage_error("feedback", "cần --unit và --subject",
                               "--unit and --subject are required");
    app_t *a;
    int rc = open_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    char code[FB_CODE_MAX + 1];
    rc = app_feedback_submit(a, NULL, &in, code, &e) ? cli_error(&e) : 0;
    if (!rc && json)
        rc = show(a, code, DTIME_NONE, true);
    else if (!rc)
        printf("Đã tiếp nhận phản ánh %s / feedback %s received\n", code, code);
    app_close(a);
    return rc;
}

static int do_event(cli_ctx_t *ctx, int argc, char **argv)
{
    static struct option opts[] = {{"at", required_argument, 0, 'a'},
                                   {"rating", required_argument, 0, 'r'},
                                   {"note", required_argument, 0, 'N'},
                                   {"json", no_argument, 0, 'j'},
                                   {0, 0, 0, 0}};
    app_fb_event_in_t in = {0};
    in.at = DTIME_NONE;
    bool json = false;
    int c;
    optind = 2;
    for (;;) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        if (c == 'a') {
            if (parse_time(optarg, &in.at))
                return cli_usage_error("feedback", "--at không hợp lệ", "invalid --at");
        } else if (c == 'r') {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 3)
                return cli_usage_error("feedback", "--rating phải là 1, 2 hoặc 3",
                                       "--rating must be 1, 2 or 3");
            in.rating = (int)v;
        } else if (c == 'N') {
            in.note = optarg;
        } else if (c == 'j') {
            json = true;
        } else {
            return cli_usage_error("feedback", "tùy chọn không hợp lệ", "invalid option");
        }
    }
    if (optind + 2 != argc)
        return cli_usage_error("feedback", "cần CODE và KIND", "CODE and KIND are required");
    const char *code = argv[optind];
    if (feedback_event_parse(argv[optind + 1], &in.kind) || in.kind == FBE_RECEIVED)
        return cli_usage_error("feedback",
                               "KIND: acknowledge, request_info, supply_info, answer, publish, "
                               "rate",
                               "KIND: acknowledge, request_info, supply_info, answer, publish, "
                               "rate");
    if (in.kind == FBE_RATED && !in.rating)
        return cli_usage_error("feedback", "rate cần --rating", "rate needs --rating");
    app_t *a;
    int rc = open_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    rc = app_feedback_event(a, NULL, code, &in, &e) ? cli_error(&e) : 0;
    if (!rc && json)
        rc = show(a, code, DTIME_NONE, true);
    else if (!rc)
        printf("Đã ghi '%s' cho phản ánh %s / recorded '%s' for feedback %s\n",
               feedback_event_name(in.kind), code, feedback_event_name(in.kind), code);
    app_close(a);
    return rc;
}

static int do_show(cli_ctx_t *ctx, int argc, char **argv)
{
    static struct option opts[] = {
        {"as-of", required_argument, 0, 'a'}, {"json", no_argument, 0, 'j'}, {0, 0, 0, 0}};
    dtime_t as_of = DTIME_NONE;
    bool json = false;
    int c;
    optind = 2;
    for (;;) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        if (c == 'a' && !parse_time(optarg, &as_of))
            continue;
        if (c == 'j') {
            json = true;
            continue;
        }
        return cli_usage_error("feedback", "tùy chọn không hợp lệ", "invalid option");
    }
    if (optind + 1 != argc)
        return cli_usage_error("feedback", "cần đúng một CODE", "exactly one CODE is required");
    app_t *a;
    int rc = open_app(ctx, &a);
    if (rc)
        return rc;
    rc = show(a, argv[optind], as_of, json);
    app_close(a);
    return rc;
}

typedef struct list_out {
    bool json;
    json_t *items;
} list_out_t;

static int list_item(void *ctx, const feedback_t *f, const char *subject, const fb_timeliness_t *t)
{
    list_out_t *x = ctx;
    char r[DTIME_ISO_LEN];
    dtime_format_min(f->received, r);
    if (!x->json) {
        printf("%-18s %-12s %-16s %-15s %-8s %s\n", f->code, f->unit, r,
               feedback_status_name(f->status), feedback_step_state_name(t->overall), subject);
        return 0;
    }
    json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "code", f->code, "unit", f->unit, "subject",
                          subject, "status", feedback_status_name(f->status), "received", r,
                          "timeliness", feedback_step_state_name(t->overall));
    return o && !json_array_append_new(x->items, o) ? 0 : ERR_NOMEM;
}

static int do_list(cli_ctx_t *ctx, int argc, char **argv)
{
    static struct option opts[] = {{"unit", required_argument, 0, 'u'},
                                   {"tree", no_argument, 0, 't'},
                                   {"status", required_argument, 0, 's'},
                                   {"limit", required_argument, 0, 'l'},
                                   {"offset", required_argument, 0, 'o'},
                                   {"json", no_argument, 0, 'j'},
                                   {0, 0, 0, 0}};
    app_fb_filter_t flt = {0};
    flt.as_of = DTIME_NONE;
    list_out_t out = {false, NULL};
    int c;
    optind = 2;
    for (;;) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        char *end = NULL;
        long v = 0;
        if (c == 'l' || c == 'o') {
            v = strtol(optarg, &end, 10);
            if (*end || v < 0 || v > 1000000)
                return cli_usage_error("feedback", "--limit/--offset không hợp lệ",
                                       "invalid --limit/--offset");
        }
        if (c == 'u')
            flt.unit = optarg;
        else if (c == 't')
            flt.tree = true;
        else if (c == 's') {
            if (feedback_status_parse(optarg, &flt.status))
                return cli_usage_error("feedback", "--status không hợp lệ", "invalid --status");
        } else if (c == 'l')
            flt.limit = (size_t)v;
        else if (c == 'o')
            flt.offset = (size_t)v;
        else if (c == 'j')
            out.json = true;
        else
            return cli_usage_error("feedback", "tùy chọn không hợp lệ", "invalid option");
    }
    if (optind != argc)
        return cli_usage_error("feedback", "đối số thừa", "unexpected argument");
    app_t *a;
    int rc = open_app(ctx, &a);
    if (rc)
        return rc;
    out.items = out.json ? json_array() : NULL;
    err_t e;
    size_t total = 0;
    rc = app_feedback_list(a, NULL, &flt, list_item, &out, &total, &e) ? cli_error(&e) : 0;
    if (!rc && out.json) {
        json_t *o = json_pack("{s:I,s:O}", "total", (json_int_t)total, "items", out.items);
        rc = cli_print_json(o);
        json_decref(o);
    } else if (!rc) {
        printf("Tổng / total: %zu\n", total);
    }
    json_decref(out.items);
    app_close(a);
    return rc;
}

int cmd_feedback(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "add") == 0)
        return do_add(ctx, argc, argv);
    if (strcmp(argv[1], "event") == 0)
        return do_event(ctx, argc, argv);
    if (strcmp(argv[1], "show") == 0)
        return do_show(ctx, argc, argv);
    if (strcmp(argv[1], "list") == 0)
        return do_list(ctx, argc, argv);
    return cli_usage_error("feedback", "lệnh con không hợp lệ (add, event, show, list)",
                           "unknown subcommand (add, event, show, list)");
}
