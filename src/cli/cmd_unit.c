/* cmd_unit.c - cchc unit import | list | resolve | export */
#include "cli/cmd.h"

#include "app/app_units.h"
#include "app/app_users.h"
#include "io/unit_io.h"

#include <getopt.h>
#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf(
        "Cách dùng / usage:\n"
        "  cchc unit import FILE...              nhập đơn vị/liên kết (CSV hoặc JSON) trong một "
        "giao dịch\n"
        "                                        import units/links (CSV or JSON), all or "
        "nothing\n"
        "  cchc unit list [--at DATE] [--json]   liệt kê cây đơn vị / list the unit tree\n"
        "  cchc unit resolve \"TÊN\" [--at DATE] [--json]\n"
        "                                        tìm đơn vị hoặc nhóm theo tên / resolve a name\n"
        "  cchc unit export [--format csv|json|links]  xuất danh mục / export the registry\n"
        "  cchc unit assign-user LOGIN CODE      đặt đơn vị cho người dùng (mọi vai trò trừ admin\n"
        "                                        phải có đơn vị) / give a user a unit (every\n"
        "                                        role but admin needs one)\n"
        "Mã đơn vị / unit codes: 1-64 ký tự A-Z a-z 0-9 . _ -, bắt đầu và kết thúc bằng chữ "
        "hoặc số\n"
        "                        1-64 characters A-Z a-z 0-9 . _ -, beginning and ending with a "
        "letter or digit\n"
        "Cột CSV / CSV columns: MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen,TenKhac\n"
        "Liên kết / links: MaDonVi,QuanHe(sap_nhap_vao|tach_tu),MaDonViKhac,NgayHieuLuc\n");
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
    if (argc < 3)
        return cli_usage_error("unit", "thiếu tệp cần nhập", "missing file to import");
    err_t e;
    unit_set_t in;
    unit_set_init(&in);
    int rc = 0;
    for (int i = 2; i < argc && !rc; i++)
        rc = unit_io_read_file(argv[i], &in, &e);
    app_t *a = NULL;
    if (rc) {
        unit_set_release(&in);
        return cli_error(&e);
    }
    rc = open_app(ctx, &a);
    if (rc) {
        unit_set_release(&in);
        return rc;
    }
    app_unit_import_report_t rep;
    rc = app_units_import(a, NULL, &in, argc == 3 ? argv[2] : "import", &rep, &e);
    unit_set_release(&in);
    app_close(a);
    if (rc)
        return cli_error(&e);
    printf("Đã nhập %zu đơn vị, %zu liên kết; danh mục có %zu phiên bản đơn vị / imported %zu "
           "units, %zu links; registry holds %zu unit versions\n",
           rep.units, rep.links, rep.total, rep.units, rep.links, rep.total);
    return 0;
}

static int parse_at(const char *s, date_t *at)
{
    if (!s) {
        *at = DATE_NONE;
        return 0;
    }
    return date_parse(s, strlen(s), at)
               ? cli_usage_error("unit", "ngày --at không hợp lệ", "invalid --at date")
               : 0;
}

static void print_tree(const unit_set_t *set, const char *parent, date_t at, int depth)
{
    for (size_t i = 0; i < set->n; i++) {
        const unit_t *u = &set->units[i];
        if (!unit_valid_at(u, at))
            continue;
        bool root = !u->parent || !unit_set_find(set, u->parent, at);
        if (parent ? (!u->parent || strcmp(u->parent, parent) != 0) : !root)
            continue;
        printf("%*s%s  %s  [%s]\n", depth * 2, "", u->code, u->name, unit_kind_code(u->kind));
        if (depth < 32)
            print_tree(set, u->code, at, depth + 1);
    }
}

static int resolve_print(const unit_set_t *set, const char *name, date_t at, bool json)
{
    err_t e;
    unit_resolver_t *r = unit_resolve_new(set, &e);
    if (!r)
        return cli_error(&e);
    unit_match_t m;
    int rc = unit_resolve(r, name, at, &m, &e);
    if (rc) {
        unit_resolve_free(r);
        return cli_error(&e);
    }
    if (json) {
        json_t *o = unit_io_match_json(name, &m);
        rc = o ? cli_print_json(o) : 1;
        json_decref(o);
    } else if (m.kind == UNIT_MATCH_NONE) {
        printf("Không tìm thấy đơn vị '%s' / no unit matches '%s'\n", name, name);
        rc = 1;
    } else {
        if (m.kind == UNIT_MATCH_GROUP)
            printf("Nhóm / group: %s (%zu đơn vị / units)\n", m.group_vi, m.n);
        else if (m.kind == UNIT_MATCH_AMBIGUOUS)
            printf("Không rõ ràng: %zu đơn vị trùng tên / ambiguous: %zu units match\n", m.n, m.n);
        else if (m.approximate)
            printf("Khớp gần đúng / approximate match\n");
        for (size_t i = 0; i < m.n; i++)
            printf("%s\t%s\t%s\n", m.units[i]->code, m.units[i]->name,
                   unit_kind_code(m.units[i]->kind));
        rc = m.kind == UNIT_MATCH_AMBIGUOUS ? 1 : 0;
    }
    unit_resolve_match_release(&m);
    unit_resolve_free(r);
    return rc;
}

static int do_list(cli_ctx_t *ctx, int argc, char **argv, bool resolve)
{
    static struct option opts[] = {
        {"at", required_argument, 0, 'a'}, {"json", no_argument, 0, 'j'}, {0, 0, 0, 0}};
    const char *at_s = NULL;
    bool json = false;
    int c;
    optind = 2;
    for (;;) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        if (c == 'a')
            at_s = optarg;
        else if (c == 'j')
            json = true;
        else
            return cli_usage_error("unit", "tùy chọn không hợp lệ", "invalid option");
    }
    date_t at;
    int rc = parse_at(at_s, &at);
    if (rc)
        return rc;
    if (resolve && optind >= argc)
        return cli_usage_error("unit", "thiếu tên cần tìm", "missing name to resolve");
    app_t *a;
    rc = open_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    unit_set_t set;
    unit_set_init(&set);
    rc = app_units_load(a, &set, &e);
    app_close(a);
    if (rc) {
        unit_set_release(&set);
        return cli_error(&e);
    }
    if (resolve)
        rc = resolve_print(&set, argv[optind], at, json);
    else if (json) {
        json_t *o = unit_io_set_json(&set, at);
        rc = o ? cli_print_json(o) : 1;
        json_decref(o);
    } else {
        print_tree(&set, NULL, at, 0);
    }
    unit_set_release(&set);
    return rc;
}

static int do_export(cli_ctx_t *ctx, int argc, char **argv)
{
    const char *fmt = "csv";
    for (int i = 2; i + 1 < argc; i++)
        if (strcmp(argv[i], "--format") == 0)
            fmt = argv[i + 1];
    app_t *a;
    int rc = open_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    unit_set_t set;
    unit_set_init(&set);
    rc = app_units_load(a, &set, &e);
    app_close(a);
    if (rc) {
        unit_set_release(&set);
        return cli_error(&e);
    }
    if (strcmp(fmt, "json") == 0) {
        json_t *o = unit_io_set_json(&set, DATE_NONE);
        rc = o ? cli_print_json(o) : 1;
        json_decref(o);
    } else if (strcmp(fmt, "links") == 0) {
        rc = unit_io_write_links_csv(stdout, &set) ? 1 : 0;
    } else if (strcmp(fmt, "csv") == 0) {
        rc = unit_io_write_csv(stdout, &set) ? 1 : 0;
    } else {
        rc = cli_usage_error("unit", "định dạng không hợp lệ (csv, json, links)",
                             "invalid format (csv, json, links)");
    }
    unit_set_release(&set);
    return rc;
}

static int do_assign_user(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc != 4)
        return cli_usage_error("unit", "cần LOGIN và mã đơn vị", "LOGIN and a unit code needed");
    app_t *a;
    int rc = open_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    app_users_change_t ch = {.unit = argv[3]};
    rc = app_users_update(a, NULL, argv[2], &ch, &e);
    app_close(a);
    if (rc)
        return cli_error(&e);
    printf("Người dùng %s thuộc đơn vị %s / user %s now belongs to unit %s\n", argv[2], argv[3],
           argv[2], argv[3]);
    return 0;
}

int cmd_unit(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "import") == 0)
        return do_import(ctx, argc, argv);
    if (strcmp(argv[1], "list") == 0)
        return do_list(ctx, argc, argv, false);
    if (strcmp(argv[1], "resolve") == 0)
        return do_list(ctx, argc, argv, true);
    if (strcmp(argv[1], "export") == 0)
        return do_export(ctx, argc, argv);
    if (strcmp(argv[1], "assign-user") == 0)
        return do_assign_user(ctx, argc, argv);
    return cli_usage_error("unit", "lệnh con không hợp lệ", "unknown subcommand");
}
