/* cmd_plan_edit.c - plan edits on the command line (cmd_plan_edit.h). */
#include "cli/cmd_plan_edit.h"

#include "app/app_plan_edit.h"
#include "base/jsonx.h"
#include "domain/planparse_review.h"
#include "io/planedit_json.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int cmd_plan_edit_load(const char *path, planedit_list_t *l, char **json, err_t *e)
{
    *json = NULL;
    int rc = planedit_json_load(path, l, e);
    json_t *w = rc ? NULL : planedit_json_write(l);
    if (!rc)
        *json = w ? jsonx_dump(w) : NULL;
    json_decref(w);
    if (!rc && !*json)
        rc = err_nomem(e);
    return rc;
}

json_t *cmd_plan_edit_review_json(const planparse_plan_t *p)
{
    planparse_review_t r;
    if (planparse_review(p, &r))
        return NULL;
    json_t *j = planedit_json_review(p, &r);
    planparse_review_release(&r);
    return j;
}

void cmd_plan_edit_print_review(const planparse_plan_t *p)
{
    planparse_review_t r;
    if (planparse_review(p, &r))
        return;
    printf("Tóm tắt theo lĩnh vực / summary per area:\n");
    for (int k = 1; k <= PLANPARSE_AREA_COUNT; k++) {
        int a = k % PLANPARSE_AREA_COUNT;
        const planparse_review_area_t *ra = &r.areas[a];
        if (!ra->tasks && !ra->targets)
            continue;
        const char *code = planparse_area_code((planparse_area_t)a);
        printf("  %-9s %3zu nhiệm vụ/tasks, %zu chưa có chủ trì/no lead, %zu chưa có thời hạn/no "
               "deadline, %zu chỉ tiêu/targets, %zu cần xem lại/unsure\n",
               code ? code : "none", ra->tasks, ra->no_lead, ra->no_deadline, ra->targets,
               ra->unsure);
    }
    for (size_t i = 0; i < r.ntasks; i++) {
        if (!(r.flags[i] & PLANPARSE_REVIEW_UNSURE))
            continue;
        printf("  ? [%zu] %s:", i, p->tasks[i].no ? p->tasks[i].no : "");
        for (unsigned bit = 1; bit <= PLANPARSE_REVIEW_NO_DEADLINE; bit <<= 1)
            if (r.flags[i] & bit)
                printf(" %s", planparse_review_flag_name(bit));
        printf("\n");
    }
    planparse_review_release(&r);
}

typedef struct eopts {
    bool json;
    const char *edits;
    long long id;
} eopts_t;

static int parse_eopts(int argc, char **argv, eopts_t *o, bool need_edits)
{
    static struct option opts[] = {
        {"json", no_argument, 0, 'j'}, {"edits", required_argument, 0, 'E'}, {0, 0, 0, 0}};
    memset(o, 0, sizeof *o);
    optind = 2;
    for (;;) {
        int c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        if (c == 'j')
            o->json = true;
        else if (c == 'E')
            o->edits = optarg;
        else
            return cli_usage_error("plan", "tùy chọn không hợp lệ", "invalid option");
    }
    char *end = NULL;
    o->id = optind < argc ? strtoll(argv[optind], &end, 10) : 0;
    if (optind >= argc || !*argv[optind] || *end || o->id <= 0)
        return cli_usage_error("plan", "thiếu hoặc sai ID kế hoạch", "missing or invalid plan ID");
    if (need_edits && !o->edits)
        return cli_usage_error("plan", "thiếu --edits TỆP", "missing --edits FILE");
    return 0;
}

static int open_app(cli_ctx_t *ctx, app_t **a, err_t *e)
{
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    return app_open(&cfg, a, e);
}

int cmd_plan_edit_run(cli_ctx_t *ctx, int argc, char **argv)
{
    eopts_t o;
    int rc = parse_eopts(argc, argv, &o, true);
    if (rc)
        return rc;
    err_t e;
    planedit_list_t l;
    char *json = NULL;
    app_t *a = NULL;
    planparse_plan_t *p = NULL;
    rc = cmd_plan_edit_load(o.edits, &l, &json, &e);
    if (!rc)
        rc = open_app(ctx, &a, &e);
    if (!rc)
        rc = app_plan_edit_stored(a, NULL, o.id, &l, json, &p, &e);
    if (a)
        app_close(a);
    free(json);
    size_t n = l.n;
    planedit_list_release(&l);
    if (rc)
        return cli_error(&e);
    if (o.json) {
        json_t *j = json_pack("{s:I,s:I,s:I,s:I}", "id", (json_int_t)o.id, "edits", (json_int_t)n,
                              "tasks", (json_int_t)p->ntasks, "targets", (json_int_t)p->ntargets);
        rc = j ? cli_print_json_line(j) : 1;
        json_decref(j);
    } else {
        printf("Đã sửa kế hoạch #%lld: %zu thao tác; %zu nhiệm vụ, %zu chỉ tiêu / edited plan "
               "#%lld: %zu edits; %zu tasks, %zu targets\n",
               o.id, n, p->ntasks, p->ntargets, o.id, n, p->ntasks, p->ntargets);
    }
    planparse_plan_free(p);
    return rc;
}

int cmd_plan_edit_show(cli_ctx_t *ctx, int argc, char **argv)
{
    eopts_t o;
    int rc = parse_eopts(argc, argv, &o, false);
    if (rc)
        return rc;
    err_t e;
    app_t *a = NULL;
    json_t *j = NULL;
    rc = open_app(ctx, &a, &e);
    if (!rc)
        rc = app_plan_edit_list(a, NULL, o.id, &j, &e);
    if (a)
        app_close(a);
    if (rc)
        return cli_error(&e);
    if (o.json) {
        rc = cli_print_json(j);
    } else {
        size_t i;
        json_t *b;
        json_array_foreach(json_object_get(j, "batches"), i, b)
        {
            printf("%lld  %-6s  %s  %s  %lld thao tác/edits\n", jsonx_int(b, "seq", 0),
                   jsonx_str(b, "phase", ""), jsonx_str(b, "at", ""), jsonx_str(b, "by", ""),
                   jsonx_int(b, "ops", 0));
        }
    }
    json_decref(j);
    return rc;
}
