/* cmd_plan_life.c - cchc plan supersede OLD --by NEW | delete ID [--reason
 * TEXT] | restore ID (docs/internals/plan_lifecycle.md). The local operator
 * acts with every right (actor NULL); the audit trail records "cli". */
#include "cli/cmd_plan_life.h"

#include "app/app_plans.h"
#include "base/mem.h"
#include "cli/cmd.h"
#include "io/docread.h"

#include "app/app_plan_life.h"
#include "base/jsonx.h"
#include "base/text.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct lopts {
    bool json;
    long long id, by;
    const char *reason;
} lopts_t;

static bool parse_id(const char *s, long long *out)
{
    char *end = NULL;
    *out = s && *s ? strtoll(s, &end, 10) : 0;
    return s && *s && !*end && *out > 0;
}

static int parse_lopts(int argc, char **argv, lopts_t *o)
{
    static struct option opts[] = {{"json", no_argument, 0, 'j'},
                                   {"by", required_argument, 0, 'b'},
                                   {"reason", required_argument, 0, 'r'},
                                   {0, 0, 0, 0}};
    memset(o, 0, sizeof *o);
    optind = 2;
    for (;;) {
        int c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        if (c == 'j')
            o->json = true;
        else if (c == 'b' && !parse_id(optarg, &o->by))
            return cli_usage_error("plan", "--by phải là ID kế hoạch", "--by must be a plan ID");
        else if (c == 'r')
            o->reason = optarg;
        else if (c != 'b')
            return cli_usage_error("plan", "tùy chọn không hợp lệ", "invalid option");
    }
    if (optind >= argc || !parse_id(argv[optind], &o->id))
        return cli_usage_error("plan", "thiếu hoặc sai ID kế hoạch", "missing or invalid plan ID");
    if (o->reason && !text_valid(o->reason, strlen(o->reason)))
        return cli_usage_error("plan", "--reason không phải UTF-8 hợp lệ",
                               "--reason is not valid UTF-8");
    return 0;
}

/* The targets part of a supersede answer. */
static void print_targets(const json_t *t)
{
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(t, "matched"), i, v)
    {
        printf("  chỉ tiêu / target #%lld -> #%lld (%s; %lld số liệu / measurements)  %s\n",
               (long long)jsonx_int(v, "old_target", 0), (long long)jsonx_int(v, "new_target", 0),
               jsonx_str(v, "by", ""), (long long)jsonx_int(v, "measurements", 0),
               jsonx_str(v, "new_text", ""));
    }
    json_array_foreach(json_object_get(t, "unmatched_old"), i, v)
    {
        printf("  chỉ tiêu chưa khớp (cũ) / unmatched target (old) #%lld  %s\n",
               (long long)jsonx_int(v, "target_id", 0), jsonx_str(v, "text", ""));
    }
}

static void print_supersede(const json_t *o)
{
    json_t *m = json_object_get(o, "matched");
    printf("Kế hoạch #%lld đã được thay thế bởi #%lld: %zu nhiệm vụ khớp / plan #%lld superseded "
           "by #%lld: %zu tasks matched\n",
           (long long)jsonx_int(o, "plan_id", 0), (long long)jsonx_int(o, "superseded_by", 0),
           json_array_size(m), (long long)jsonx_int(o, "plan_id", 0),
           (long long)jsonx_int(o, "superseded_by", 0), json_array_size(m));
    size_t i;
    json_t *v;
    json_array_foreach(m, i, v)
    {
        printf("  #%lld -> #%lld (%.2f; %lld cập nhật / updates)  %s\n",
               (long long)jsonx_int(v, "old_task", 0), (long long)jsonx_int(v, "new_task", 0),
               json_number_value(json_object_get(v, "score")),
               (long long)jsonx_int(v, "updates", 0), jsonx_str(v, "new_title", ""));
    }
    json_array_foreach(json_object_get(o, "unmatched_old"), i, v)
    {
        printf("  chưa khớp (cũ) / unmatched (old) #%lld  %s\n",
               (long long)jsonx_int(v, "task_id", 0), jsonx_str(v, "title", ""));
    }
    json_array_foreach(json_object_get(o, "unmatched_new"), i, v)
    {
        printf("  mới / new #%lld  %s\n", (long long)jsonx_int(v, "task_id", 0),
               jsonx_str(v, "title", ""));
    }
    print_targets(json_object_get(o, "targets"));
}

static void print_status(const char *sub, const json_t *o)
{
    json_t *k = json_object_get(o, "kept");
    if (strcmp(sub, "delete") == 0)
        printf("Đã xóa (lưu trữ) kế hoạch #%lld; giữ lại %lld nhiệm vụ, %lld phân công, %lld cập "
               "nhật, %lld liên kết minh chứng / deleted (archived) plan #%lld; kept %lld tasks, "
               "%lld assignments, %lld updates, %lld evidence links\n",
               (long long)jsonx_int(o, "id", 0), (long long)jsonx_int(k, "tasks", 0),
               (long long)jsonx_int(k, "assignments", 0), (long long)jsonx_int(k, "updates", 0),
               (long long)jsonx_int(k, "evidence_links", 0), (long long)jsonx_int(o, "id", 0),
               (long long)jsonx_int(k, "tasks", 0), (long long)jsonx_int(k, "assignments", 0),
               (long long)jsonx_int(k, "updates", 0), (long long)jsonx_int(k, "evidence_links", 0));
    else
        printf("Đã khôi phục kế hoạch #%lld / restored plan #%lld\n",
               (long long)jsonx_int(o, "id", 0), (long long)jsonx_int(o, "id", 0));
}

int cmd_plan_life(cli_ctx_t *ctx, int argc, char **argv)
{
    const char *sub = argv[1];
    lopts_t o;
    int rc = parse_lopts(argc, argv, &o);
    if (rc)
        return rc;
    if (strcmp(sub, "supersede") == 0 && !o.by)
        return cli_usage_error("plan", "thiếu --by MỚI", "missing --by NEW");
    app_t *a;
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    if (app_open(&cfg, &a, &e))
        return cli_error(&e);
    json_t *out = NULL;
    if (strcmp(sub, "supersede") == 0)
        rc = app_plan_life_supersede(a, NULL, o.id, o.by, &out, &e);
    else if (strcmp(sub, "delete") == 0)
        rc = app_plan_life_delete(a, NULL, o.id, o.reason, &out, &e);
    else
        rc = app_plan_life_restore(a, NULL, o.id, &out, &e);
    app_close(a);
    if (rc)
        return cli_error(&e);
    if (o.json)
        rc = cli_print_json(out);
    else if (strcmp(sub, "supersede") == 0)
        print_supersede(out);
    else
        print_status(sub, out);
    json_decref(out);
    return rc;
}

json_t *cmd_plan_life_preview(const char *db_path, const char *path, const char *unit,
                              const planparse_plan_t *p)
{
    char *data = NULL;
    size_t n = 0;
    err_t ignored;
    if (cli_read_file(path, DOCREAD_MAX_FILE, &data, &n, &ignored))
        return NULL;
    char hash[65];
    app_plans_hash(data, n, hash);
    mem_free(data);
    json_t *out = NULL;
    if (app_plan_life_preview_db(db_path, p, unit, hash, &out, &ignored))
        return NULL;
    return out;
}

void cmd_plan_life_print_preview(const json_t *life)
{
    const json_t *d = json_object_get(life, "duplicate");
    if (json_is_object(d) && strcmp(jsonx_str(d, "reason", ""), "hash") == 0)
        printf("Cảnh báo: tệp này đã được nhập (kế hoạch #%lld) / warning: this file was "
               "imported as plan #%lld\n",
               (long long)jsonx_int(d, "plan_id", 0), (long long)jsonx_int(d, "plan_id", 0));
    else if (json_is_object(d))
        printf("Cảnh báo: đã có kế hoạch cùng số %s năm %lld (kế hoạch #%lld); nhập lại cần "
               "--replace / warning: plan #%lld has the same decision; import it with --replace\n",
               jsonx_str(d, "number", ""), (long long)jsonx_int(d, "year", 0),
               (long long)jsonx_int(d, "plan_id", 0), (long long)jsonx_int(d, "plan_id", 0));
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(life, "suggested_units"), i, u)
    {
        printf("Đơn vị đề xuất thêm (--add-units) / suggested unit: %s  %s\n",
               jsonx_str(u, "code", ""), jsonx_str(u, "name", ""));
    }
}

void cmd_plan_life_print_import(const app_plan_life_result_t *l)
{
    size_t matched = json_array_size(json_object_get(l->supersede, "matched"));
    size_t unmatched = json_array_size(json_object_get(l->supersede, "unmatched_old"));
    size_t targets =
        json_array_size(json_object_get(json_object_get(l->supersede, "targets"), "matched"));
    if (l->superseded)
        printf("Thay thế kế hoạch #%lld: %zu nhiệm vụ khớp, %zu chưa khớp, %zu chỉ tiêu khớp / "
               "superseded plan #%lld: %zu tasks matched, %zu unmatched, %zu targets matched\n",
               (long long)l->superseded, matched, unmatched, targets, (long long)l->superseded,
               matched, unmatched, targets);
    size_t i;
    json_t *u;
    json_array_foreach(l->units_added, i, u)
    {
        printf("Đã thêm đơn vị / added unit %s  %s\n", jsonx_str(u, "code", ""),
               jsonx_str(u, "name", ""));
    }
}

const char *cmd_plan_life_tag(const json_t *plan, char *buf, size_t cap)
{
    const char *st = jsonx_str(plan, "status", "current");
    if (strcmp(st, "deleted") == 0)
        snprintf(buf, cap, " [đã xóa / deleted]");
    else if (strcmp(st, "superseded") == 0)
        snprintf(buf, cap, " [đã thay thế bởi / superseded by #%lld]",
                 (long long)jsonx_int(plan, "superseded_by", 0));
    else if (cap)
        buf[0] = '\0';
    return buf;
}

void cmd_plan_life_print_status(const json_t *st)
{
    const char *status = jsonx_str(st, "status", "current");
    if (strcmp(status, "superseded") == 0)
        printf("Trạng thái / status: đã thay thế bởi kế hoạch / superseded by #%lld",
               (long long)jsonx_int(st, "superseded_by", 0));
    else if (strcmp(status, "deleted") == 0)
        printf("Trạng thái / status: đã xóa / deleted");
    else
        printf("Trạng thái / status: đang hiệu lực / current");
    if (json_object_get(st, "status_at"))
        printf(" (%s, %s)", jsonx_str(st, "status_at", ""), jsonx_str(st, "status_by", ""));
    if (json_is_string(json_object_get(st, "status_reason")))
        printf(": %s", jsonx_str(st, "status_reason", ""));
    printf("\n");
}
