/* cmd_plan.c - cchc plan parse | import | list | show */
#include "cli/cmd.h"
#include "cli/cmd_plan_life.h"

#include "app/app_cascade.h"
#include "app/app_plan_edit.h"
#include "app/app_plans.h"
#include "cli/cmd_plan_edit.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "io/docread.h"
#include "io/plan_json.h"
#include "io/report_clause_io.h"
#include "domain/report_kind.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf(
        "Cách dùng / usage:\n"
        "  cchc plan parse TỆP [--json] [--year N]\n"
        "      đọc kế hoạch (TXT, DOCX, PDF) và in nhiệm vụ, chỉ tiêu; không ghi CSDL\n"
        "      (dùng danh mục đơn vị của --db nếu có để xác định mã đơn vị)\n"
        "      read a plan (TXT, DOCX, PDF) and print its tasks and targets; writes nothing\n"
        "      (resolves unit names through the registry of --db when it exists)\n"
        "  cchc plan import TỆP [--unit MÃ] [--year N] [--fix 'TÊN=MÃ']... [--replace]\n"
        "      [--add-units] [--json]\n"
        "      lưu kế hoạch, nhiệm vụ, phân công, chỉ tiêu trong một giao dịch; tài liệu đã\n"
        "      nhập (cùng mã băm SHA-256) không bị nhập lại\n"
        "      store plan, tasks, assignments and targets in one transaction; a document\n"
        "      imported before (same SHA-256) is recognised, not duplicated\n"
        "      --fix 'TÊN=MÃ': đơn vị chọn cho một tên chưa khớp danh mục / the unit chosen\n"
        "      for a name the registry did not resolve\n"
        "      kế hoạch cùng số, cơ quan ban hành, năm đã có: bị từ chối, trừ khi --replace\n"
        "      (thay thế kế hoạch cũ) / a plan of the same decision is refused unless\n"
        "      --replace (supersedes the old plan)\n"
        "      --add-units: thêm các phòng, ban, công chức chưa có trong danh mục làm đơn vị\n"
        "      con của cơ quan ban hành / add the divisions the registry lacks as child\n"
        "      units of the issuer\n"
        "      --edits TỆP.json (parse, import): sửa kết quả đọc trước khi xem/lưu (docs/API.md,\n"
        "      \"Plan edits\": "
        "[{\"op\":\"set_task\",\"index\":0,\"no\":\"1\",\"set\":{\"title\":\"…\"}},\n"
        "      {\"op\":\"delete_task\",\"index\":3,\"no\":\"4\"}, split, merge, add_task, move, "
        "…])\n"
        "      corrections applied to the parse before it is shown or stored\n"
        "  cchc plan edit ID --edits TỆP [--json]\n"
        "      sửa kế hoạch đã nhập (giữ mã nhiệm vụ và lịch sử theo dõi) / edit a stored plan\n"
        "      in place (task ids and tracking history kept)\n"
        "  cchc plan edits ID [--json]      các lần sửa đã lưu / the plan's recorded edits\n"
        "  cchc plan list [--all] [--json]  liệt kê kế hoạch đang hiệu lực (--all: cả kế hoạch\n"
        "      đã thay thế, đã xóa) / list current plans (--all: superseded, deleted too)\n"
        "  cchc plan supersede CŨ --by MỚI [--json]\n"
        "      thay kế hoạch CŨ bằng MỚI, chuyển lịch sử theo dõi của nhiệm vụ khớp nội dung\n"
        "      supersede plan OLD by NEW, carrying the tracking history of matching tasks\n"
        "  cchc plan delete ID [--reason LÝ_DO] [--json]\n"
        "      xóa (lưu trữ) kế hoạch: dữ liệu theo dõi, minh chứng được giữ lại\n"
        "      delete (archive) a plan: its tracking data and evidence are kept\n"
        "  cchc plan restore ID [--json]    khôi phục kế hoạch đã xóa / restore a deleted plan\n"
        "  cchc plan show ID [--json]       xem một kế hoạch / show one plan\n"
        "  cchc plan cascade ID [--unit MÃ] [--json]\n"
        "      rà soát kế hoạch của các đơn vị được giao: đã có / có thể / chưa có nhiệm vụ\n"
        "      cascade check: whether each assigned unit's own plan covers its tasks\n"
        "Mã thoát / exit status: 0 thành công / success, 1 lỗi / error, 2 sai cú pháp / "
        "usage.\n");
}

typedef struct popts {
    bool json;
    int year;
    const char *unit;
    const char *arg;
    planparse_unit_fix_t fixes[32]; /* --fix values, cut at '=' in argv (writable) */
    size_t nfixes;
    const char *edits; /* --edits FILE */
    bool all;          /* list: superseded and deleted plans too */
    bool replace;      /* import: supersede a same-decision plan */
    bool add_units;    /* import: create every suggested unit */
} popts_t;

static int parse_opts(int argc, char **argv, popts_t *o, bool need_arg)
{
    static struct option opts[] = {{"json", no_argument, 0, 'j'},
                                   {"year", required_argument, 0, 'y'},
                                   {"unit", required_argument, 0, 'u'},
                                   {"fix", required_argument, 0, 'F'},
                                   {"edits", required_argument, 0, 'E'},
                                   {"all", no_argument, 0, 'a'},
                                   {"replace", no_argument, 0, 'r'},
                                   {"add-units", no_argument, 0, 'A'},
                                   {0, 0, 0, 0}};
    memset(o, 0, sizeof *o);
    int c;
    optind = 2;
    for (;;) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        char *end = NULL;
        if (c == 'j') {
            o->json = true;
        } else if (c == 'y') {
            long y = strtol(optarg, &end, 10);
            if (!*optarg || *end || y < 1990 || y > 2199)
                return cli_usage_error("plan", "--year phải là năm từ 1990 đến 2199",
                                       "--year must be a year between 1990 and 2199");
            o->year = (int)y;
        } else if (c == 'u') {
            o->unit = optarg;
        } else if (c == 'E') {
            o->edits = optarg;
        } else if (c == 'a' || c == 'r' || c == 'A') {
            *(c == 'a' ? &o->all : c == 'r' ? &o->replace : &o->add_units) = true;
        } else if (c == 'F') {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg || !eq[1] || o->nfixes == 32)
                return cli_usage_error("plan", "--fix phải có dạng 'TÊN=MÃ'",
                                       "--fix must be 'NAME=CODE'");
            *eq = '\0';
            o->fixes[o->nfixes++] = (planparse_unit_fix_t){optarg, eq + 1};
        } else {
            return cli_usage_error("plan", "tùy chọn không hợp lệ", "invalid option");
        }
    }
    if (need_arg) {
        if (optind >= argc)
            return cli_usage_error("plan", "thiếu đối số (tệp hoặc ID)",
                                   "missing argument (file or ID)");
        o->arg = argv[optind];
    }
    return 0;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* "file.txt: message" */
static int prefixed_error(err_t *e, const char *path)
{
    char prefix[300];
    snprintf(prefix, sizeof prefix, "%s: ", base_name(path));
    err_prefix(e, prefix);
    return cli_error(e);
}

static void print_parties(const char *label, const planparse_party_t *v, size_t n)
{
    if (!n)
        return;
    printf("      %s:", label);
    for (size_t i = 0; i < n; i++)
        printf("%s %s%s%s%s", i ? ";" : "", v[i].text, v[i].unit || v[i].group ? " [" : "",
               v[i].unit    ? v[i].unit
               : v[i].group ? v[i].group
                            : "",
               v[i].unit || v[i].group ? "]" : "");
    printf("\n");
}

static void print_plan(const planparse_plan_t *p)
{
    const planparse_docinfo_t *d = &p->doc;
    char date[DATE_ISO_LEN] = "-";
    if (d->date != DATE_NONE)
        date_format(d->date, date);
    printf("Kế hoạch / plan: %s\n", d->title ? d->title : "(không có tên / untitled)");
    printf("  Số / number: %s (%s)  Ngày / date: %s  Năm / year: %d\n", d->number ? d->number : "-",
           d->type ? d->type : "-", date, d->year);
    printf("  Cơ quan ban hành / issuer: %s%s%s%s\n", d->issuer ? d->issuer : "-",
           d->issuer_unit ? " [" : "", d->issuer_unit ? d->issuer_unit : "",
           d->issuer_unit ? "]" : "");
    if (d->decision_number)
        printf("  Ban hành kèm theo / issued by: Quyết định %s\n", d->decision_number);
    size_t per[PLANPARSE_AREA_COUNT] = {0};
    for (size_t i = 0; i < p->ntasks; i++)
        per[p->tasks[i].area]++;
    printf("Nhiệm vụ / tasks: %zu (%s)\n", p->ntasks,
           p->task_source == PLANPARSE_SRC_TABLE ? "phụ lục / appendix" : "nội dung / narrative");
    printf("  ");
    for (int a = 1; a < PLANPARSE_AREA_COUNT; a++)
        printf("%s %zu  ", planparse_area_code(a), per[a]);
    if (per[0])
        printf("(?) %zu", per[0]);
    printf("\n");
    for (size_t i = 0; i < p->ntasks; i++) {
        const planparse_task_t *t = &p->tasks[i];
        printf("  %s. [%s] %s\n", t->no,
               planparse_area_code(t->area) ? planparse_area_code(t->area) : "?", t->title);
        print_parties("chủ trì / lead", t->lead, t->nlead);
        print_parties("phối hợp / support", t->support, t->nsupport);
        if (t->product)
            printf("      sản phẩm / product: %s\n", t->product);
        if (t->deadline_text) {
            date_t due = t->deadline ? deadline_first_due(t->deadline) : DATE_NONE;
            char ds[DATE_ISO_LEN] = "";
            if (due != DATE_NONE)
                date_format(due, ds);
            printf("      thời hạn / deadline: %s [%s%s%s]\n", t->deadline_text,
                   t->deadline ? deadline_kind_name(t->deadline->kind) : "?", *ds ? " " : "", ds);
        }
    }
    printf("Chỉ tiêu / targets: %zu\n", p->ntargets);
    for (size_t i = 0; i < p->ntargets; i++) {
        const planparse_target_t *t = &p->targets[i];
        printf("  [%s] %s %s %g", planparse_area_code(t->area) ? planparse_area_code(t->area) : "?",
               t->indicator, planparse_op_code(t->op), t->value);
        if (t->op == PLANPARSE_OP_BETWEEN)
            printf("..%g", t->value_max);
        printf("%s%s — %s\n", *t->unit == '%' ? "" : " ", t->unit, t->text);
    }
    if (p->nwarnings)
        printf("Cảnh báo / warnings: %zu\n", p->nwarnings);
    for (size_t i = 0; i < p->nwarnings; i++) {
        char where[64];
        plan_json_where(p->warnings[i].pos, where, sizeof where);
        printf("  %s: %s / %s\n", where, p->warnings[i].err.vi, p->warnings[i].err.en);
    }
}

/* The reporting clauses read (cchc plan parse, import). */
static void print_reporting(const report_clauses_t *r)
{
    if (!r || (!r->nrules && !r->noverrides && !r->nwarnings))
        return;
    printf("Chế độ báo cáo / reporting: %zu quy tắc / rules, %zu điều chỉnh / overrides\n",
           r->nrules, r->noverrides);
    for (size_t i = 0; i < r->nrules; i++) {
        const report_cal_rule_t *u = &r->rules[i].rule;
        char w[REPORT_KIND_RULE_MAX], d[REPORT_KIND_RULE_MAX];
        report_kind_window_format(u->kind, &u->window, w);
        report_kind_due_format(u->kind, &u->due, d);
        printf("  %s → %s: %s%s hạn / due %s (%s)\n", report_kind_code(u->kind), u->receiver,
               *w ? "chốt / window " : "", w, strcmp(d, "none") && *d ? d : "không quy định / none",
               u->source);
    }
    for (size_t i = 0; i < r->noverrides; i++) {
        const report_cal_override_t *v = &r->overrides[i].override;
        char a[DATE_ISO_LEN], b[DATE_ISO_LEN], d[DATE_ISO_LEN] = "—";
        date_format(v->from, a);
        date_format(v->to, b);
        if (v->due != DATE_NONE)
            date_format(v->due, d);
        printf("  %s %d → %s: %s – %s, hạn / due %s (%s)\n", report_kind_code(v->kind), v->year,
               v->receiver, a, b, d, v->source);
    }
    for (size_t i = 0; i < r->nwarnings; i++)
        printf("  cảnh báo / warning: %s / %s\n", r->warnings[i].w.vi, r->warnings[i].w.en);
}

static int emit_plan(const planparse_plan_t *p, bool json, json_t *extra)
{
    if (!json) {
        print_plan(p);
        json_decref(extra);
        return 0;
    }
    json_t *o = plan_json(p);
    if (o && extra)
        json_object_update(o, extra);
    json_decref(extra);
    int rc = o ? cli_print_json(o) : 1;
    json_decref(o);
    return rc;
}

static int do_parse(cli_ctx_t *ctx, int argc, char **argv)
{
    popts_t o;
    int rc = parse_opts(argc, argv, &o, true);
    if (rc)
        return rc;
    err_t e;
    doc_t *d;
    if (docread_file(o.arg, &d, &e))
        return cli_error(&e);
    unit_set_t units;
    unit_set_init(&units);
    err_t ignored;
    if (app_plans_units_readonly(ctx->db_path, &units, &ignored))
        unit_set_release(&units), unit_set_init(&units);
    planparse_options_t po = {
        .year = o.year, .units = units.n ? &units : NULL, .issuer_unit = o.unit};
    planparse_plan_t *p = NULL;
    report_clauses_t *rep = NULL;
    planedit_list_t edits;
    char *edits_json = NULL;
    planedit_list_init(&edits);
    rc = planparse_parse(d, &po, &p, &e);
    if (!rc && o.edits) /* the preview with corrections */
        rc = cmd_plan_edit_load(o.edits, &edits, &edits_json, &e);
    if (!rc)
        rc = app_plan_edit_apply(units.n ? &units : NULL, &edits, &p, &e);
    planedit_list_release(&edits);
    free(edits_json);
    if (!rc)
        rc = app_plans_reporting(p, d, o.unit, &rep, &e);
    doc_free(d);
    if (rc) {
        planparse_plan_free(p);
        unit_set_release(&units);
        return prefixed_error(&e, o.arg);
    }
    json_t *extra = NULL, *life = cmd_plan_life_preview(ctx->db_path, o.arg, o.unit, p);
    if (o.json) {
        extra = json_pack("{s:o*,s:o*}", "reporting", report_clause_io_json(rep), "review",
                          cmd_plan_edit_review_json(p));
        if (extra && life)
            json_object_update(extra, life);
    } else {
        print_reporting(rep);
        cmd_plan_edit_print_review(p);
        cmd_plan_life_print_preview(life);
    }
    json_decref(life);
    rc = emit_plan(p, o.json, extra);
    report_clause_free(rep);
    planparse_plan_free(p);
    unit_set_release(&units);
    return rc;
}

static int open_app(cli_ctx_t *ctx, app_t **a)
{
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    if (app_open(&cfg, a, &e))
        return cli_error(&e);
    return 0;
}

static int do_import(cli_ctx_t *ctx, int argc, char **argv)
{
    popts_t o;
    int rc = parse_opts(argc, argv, &o, true);
    if (rc)
        return rc;
    err_t e;
    planedit_list_t edits;
    char *edits_json = NULL;
    planedit_list_init(&edits);
    if (o.edits && cmd_plan_edit_load(o.edits, &edits, &edits_json, &e)) {
        planedit_list_release(&edits);
        return cli_error(&e);
    }
    char *data = NULL;
    size_t n = 0;
    if (cli_read_file(o.arg, DOCREAD_MAX_FILE, &data, &n, &e)) {
        planedit_list_release(&edits);
        free(edits_json);
        return cli_error(&e);
    }
    doc_t *d = NULL;
    app_t *a = NULL;
    rc = docread_buffer(data, n, base_name(o.arg), &d, &e) ? cli_error(&e) : open_app(ctx, &a);
    app_plan_import_result_t res;
    planparse_plan_t *p = NULL;
    if (!rc) {
        app_plan_source_t src = {data, n, d, base_name(o.arg)};
        app_plan_life_opts_t life = {.replace = o.replace, .add_all_units = o.add_units};
        app_plan_opts_t po = {.year = o.year,
                              .unit_code = o.unit,
                              .fixes = o.fixes,
                              .nfixes = o.nfixes,
                              .edits = &edits,
                              .edits_json = edits_json,
                              .life = &life};
        rc = app_plans_import(a, NULL, &src, &po, &res, &p, &e) ? -1 : 0;
        app_close(a);
    }
    doc_free(d);
    mem_free(data);
    planedit_list_release(&edits);
    free(edits_json);
    if (rc > 0)
        return rc;
    if (rc)
        return prefixed_error(&e, o.arg);
    if (o.json) {
        json_t *j = json_pack("{s:I,s:b,s:I,s:I,s:I,s:I}", "id", (json_int_t)res.id, "duplicate",
                              res.duplicate, "tasks", (json_int_t)res.tasks, "targets",
                              (json_int_t)res.targets, "warnings", (json_int_t)res.warnings,
                              "report_rules", (json_int_t)res.report_rules);
        if (j && res.life.superseded)
            jsonx_set_new(j, "supersede", json_incref(res.life.supersede));
        if (j && res.life.units_added)
            jsonx_set_new(j, "units_added", json_incref(res.life.units_added));
        rc = j ? cli_print_json_line(j) : 1;
        json_decref(j);
    } else if (res.duplicate) {
        printf("Tài liệu đã được nhập trước đó: kế hoạch #%lld / already imported as plan "
               "#%lld\n",
               (long long)res.id, (long long)res.id);
    } else {
        printf("Đã nhập kế hoạch #%lld: %zu nhiệm vụ, %zu chỉ tiêu, %zu cảnh báo / imported "
               "plan #%lld: %zu tasks, %zu targets, %zu warnings\n",
               (long long)res.id, res.tasks, res.targets, res.warnings, (long long)res.id,
               res.tasks, res.targets, res.warnings);
        for (size_t i = 0; p && i < p->nwarnings; i++) {
            char where[64];
            plan_json_where(p->warnings[i].pos, where, sizeof where);
            printf("  %s: %s / %s\n", where, p->warnings[i].err.vi, p->warnings[i].err.en);
        }
        print_reporting(res.reporting);
        if (res.report_rules)
            printf("Đã lưu %zu dòng lịch báo cáo / stored %zu reporting-calendar rows\n",
                   res.report_rules, res.report_rules);
        cmd_plan_life_print_import(&res.life);
    }
    app_plans_import_result_release(&res);
    planparse_plan_free(p);
    return rc;
}

static int do_list(cli_ctx_t *ctx, int argc, char **argv)
{
    popts_t o;
    int rc = parse_opts(argc, argv, &o, false);
    if (rc)
        return rc;
    app_t *a;
    rc = open_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    json_t *list = NULL;
    rc = app_plans_list(a, NULL, o.all, &list, &e);
    app_close(a);
    if (rc)
        return cli_error(&e);
    if (o.json) {
        json_t *w = json_pack("{s:O}", "plans", list);
        rc = w ? cli_print_json(w) : 1;
        json_decref(w);
    } else {
        size_t i;
        json_t *p;
        if (json_array_size(list) == 0)
            printf("Chưa có kế hoạch nào / no plans yet\n");
        json_array_foreach(list, i, p)
        {
            char tag[96];
            printf("#%lld%s  %s  %s  %lld  %s  (%lld nhiệm vụ / tasks, %lld chỉ tiêu / targets)\n",
                   (long long)jsonx_int(p, "id", 0), cmd_plan_life_tag(p, tag, sizeof tag),
                   jsonx_str(p, "number", "-"), jsonx_str(p, "unit_code", "-"),
                   (long long)jsonx_int(p, "year", 0), jsonx_str(p, "title", ""),
                   (long long)jsonx_int(p, "tasks", 0), (long long)jsonx_int(p, "targets", 0));
        }
    }
    json_decref(list);
    return rc;
}

static int do_show(cli_ctx_t *ctx, int argc, char **argv)
{
    popts_t o;
    int rc = parse_opts(argc, argv, &o, true);
    if (rc)
        return rc;
    char *end;
    long long id = strtoll(o.arg, &end, 10);
    if (!*o.arg || *end || id <= 0)
        return cli_usage_error("plan", "ID kế hoạch không hợp lệ", "invalid plan ID");
    app_t *a;
    rc = open_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    planparse_plan_t *p = NULL;
    store_plan_meta_t m;
    json_t *st = NULL;
    rc = app_plans_get(a, NULL, id, &p, &m, &e);
    if (!rc)
        rc = app_plan_life_status(a, id, &st, &e);
    app_close(a);
    if (rc) {
        planparse_plan_free(p);
        return cli_error(&e);
    }
    json_t *extra = NULL;
    if (o.json) {
        extra = json_pack("{s:I,s:s,s:s,s:s?,s:s,s:s}", "id", (json_int_t)m.id, "hash", m.hash,
                          "source_name", m.source_name, "unit_code",
                          m.unit_code[0] ? m.unit_code : NULL, "imported_at", m.imported_at,
                          "imported_by", m.imported_by);
        if (extra)
            json_object_update(extra, st);
    } else {
        printf("#%lld  %s  (%s, %s)\n", id, m.source_name, m.imported_at, m.imported_by);
        cmd_plan_life_print_status(st);
    }
    json_decref(st);
    rc = emit_plan(p, o.json, extra);
    planparse_plan_free(p);
    return rc;
}

static int do_cascade(cli_ctx_t *ctx, int argc, char **argv)
{
    popts_t o;
    int rc = parse_opts(argc, argv, &o, true);
    if (rc)
        return rc;
    char *end = NULL;
    long long id = strtoll(o.arg, &end, 10);
    if (*end || id <= 0)
        return cli_usage_error("plan", "ID kế hoạch không hợp lệ", "invalid plan ID");
    app_t *a;
    rc = open_app(ctx, &a);
    if (rc)
        return rc;
    json_t *out = NULL;
    err_t e;
    app_cascade_filter_t f;
    app_cascade_filter_init(&f);
    f.unit = o.unit;
    rc = app_cascade(a, NULL, id, &f, &out, &e);
    app_close(a);
    if (rc)
        return cli_error(&e);
    if (o.json) {
        rc = cli_print_json(out);
    } else {
        size_t i;
        json_t *u;
        json_array_foreach(json_object_get(out, "units"), i, u)
        {
            printf("%-27s đã có/covered %3lld  có thể/maybe %3lld  chưa có/missing %3lld  "
                   "chưa có kế hoạch/no plan %3lld  %s\n",
                   json_string_value(json_object_get(json_object_get(u, "unit"), "code")),
                   (long long)json_integer_value(json_object_get(u, "covered")),
                   (long long)json_integer_value(json_object_get(u, "maybe")),
                   (long long)json_integer_value(json_object_get(u, "missing")),
                   (long long)json_integer_value(json_object_get(u, "no_plan")),
                   json_string_value(json_object_get(json_object_get(u, "unit"), "name")));
        }
    }
    json_decref(out);
    return rc;
}

int cmd_plan(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "parse") == 0)
        return do_parse(ctx, argc, argv);
    if (strcmp(argv[1], "import") == 0)
        return do_import(ctx, argc, argv);
    if (strcmp(argv[1], "list") == 0)
        return do_list(ctx, argc, argv);
    if (strcmp(argv[1], "show") == 0)
        return do_show(ctx, argc, argv);
    if (strcmp(argv[1], "cascade") == 0)
        return do_cascade(ctx, argc, argv);
    if (strcmp(argv[1], "edit") == 0)
        return cmd_plan_edit_run(ctx, argc, argv);
    if (strcmp(argv[1], "edits") == 0)
        return cmd_plan_edit_show(ctx, argc, argv);
    if (strcmp(argv[1], "supersede") == 0 || strcmp(argv[1], "delete") == 0 ||
        strcmp(argv[1], "restore") == 0)
        return cmd_plan_life(ctx, argc, argv);
    return cli_usage_error("plan", "lệnh con không hợp lệ", "unknown subcommand");
}
