/* cmd_survey.c - cchc survey …: satisfaction surveys from the command line
 * (forms, runs, paper import, results, feeding; docs/internals/citizens.md). */
#include "cli/cmd.h"

#include "app/app_survey.h"
#include "base/file.h"
#include "base/mem.h"
#include "io/survey_io.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf("Cách dùng / usage:\n"
           "  cchc survey forms                       phiếu khảo sát đã nhập / imported forms\n"
           "  cchc survey import-form FILE.json       nhập một phiên bản phiếu / import a form\n"
           "  cchc survey create FORM_ID UNIT PERIOD [share|mean]\n"
           "                                          tạo đợt khảo sát / new survey run\n"
           "  cchc survey list [UNIT]                 các đợt khảo sát / survey runs\n"
           "  cchc survey import ID FILE.csv          nhập phiếu giấy / import paper forms\n"
           "  cchc survey results ID [share|mean] [--xlsx FILE]\n"
           "                                          chỉ số (JSON) / indices (JSON)\n"
           "  cchc survey open|close ID               mở, đóng đợt / open, close a run\n"
           "  cchc survey feed ID [--targets] [--campaign N]\n"
           "                                          cập nhật chỉ tiêu, Chỉ số CCHC / feed "
           "targets, PAR\n");
}

static int open_app(cli_ctx_t *ctx, app_t **a)
{
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    return app_open(&cfg, a, &e) ? cli_error(&e) : 0;
}

static int64_t id_arg(const char *s)
{
    char *end = NULL;
    long long v = s ? strtoll(s, &end, 10) : 0;
    return s && *s && !*end && v > 0 ? v : 0;
}

static int print_owned(json_t *o)
{
    int rc = cli_print_json(o);
    json_decref(o);
    return rc;
}

static int results(app_t *a, int argc, char **argv)
{
    int64_t id = argc > 2 ? id_arg(argv[2]) : 0;
    const char *rule = NULL, *xlsx = NULL;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--xlsx") == 0 && i + 1 < argc)
            xlsx = argv[++i];
        else
            rule = argv[i];
    }
    if (!id)
        return cli_usage_error("survey", "cần số đợt khảo sát", "a survey id is required");
    app_survey_t s;
    memset(&s, 0, sizeof s);
    survey_tally_t *t = mem_alloc(sizeof *t);
    survey_result_t *r = mem_alloc(sizeof *r);
    err_t e;
    int rc = t && r ? app_survey_results(a, NULL, id, rule, &s, t, r, &e) : err_nomem(&e);
    if (!rc && xlsx)
        rc = survey_io_xlsx(xlsx, &s, t, r, false, &e);
    if (!rc)
        rc = print_owned(survey_io_results_json(&s, t, r));
    else
        rc = cli_error(&e);
    app_survey_release(&s);
    mem_free(t);
    mem_free(r);
    return rc;
}

static int import_csv(app_t *a, int argc, char **argv)
{
    int64_t id = argc > 3 ? id_arg(argv[2]) : 0;
    if (!id)
        return cli_usage_error("survey", "cần ID và tệp CSV", "an id and a CSV file are required");
    char *data = NULL;
    size_t n = 0;
    err_t e;
    survey_io_csv_t c;
    memset(&c, 0, sizeof c);
    json_t *report = NULL;
    int rc = cli_read_file(argv[3], 64u << 20, &data, &n, &e);
    if (!rc)
        rc = survey_io_csv_read(data, n, argv[3], &c, &e);
    if (!rc)
        rc = app_survey_import(a, NULL, id, (const char *const *)c.cols, c.ncols, c.rows, c.nrows,
                               argv[3], &report, &e);
    if (report)
        cli_print_json(report);
    json_decref(report);
    survey_io_csv_release(&c);
    mem_free(data);
    return rc ? cli_error(&e) : 0;
}

static int feed(app_t *a, int argc, char **argv)
{
    int64_t id = argc > 2 ? id_arg(argv[2]) : 0, campaign = 0;
    bool targets = false;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--targets") == 0)
            targets = true;
        else if (strcmp(argv[i], "--campaign") == 0 && i + 1 < argc)
            campaign = id_arg(argv[++i]);
        else
            return cli_usage_error("survey", "tùy chọn không hợp lệ", "invalid option");
    }
    if (!id)
        return cli_usage_error("survey", "cần số đợt khảo sát", "a survey id is required");
    err_t e;
    json_t *o = NULL;
    if (!app_survey_feed(a, NULL, id, targets, campaign, &o, &e))
        return print_owned(o);
    if (o) /* the rows the campaign refused */
        cli_print_json(o);
    json_decref(o);
    return cli_error(&e);
}

static int forms_and_runs(app_t *a, int argc, char **argv)
{
    err_t e;
    json_t *o = NULL;
    const char *sub = argv[1];
    int rc = 0;
    if (strcmp(sub, "forms") == 0) {
        rc = app_survey_forms(a, &o, &e);
    } else if (strcmp(sub, "list") == 0) {
        rc = app_survey_list(a, NULL, argc > 2 ? argv[2] : NULL, &o, &e);
    } else if (strcmp(sub, "import-form") == 0 && argc == 3) {
        char *data = NULL;
        size_t n = 0;
        int64_t id = 0;
        bool created = false;
        rc = cli_read_file(argv[2], APP_SURVEY_FORM_MAX, &data, &n, &e);
        if (!rc)
            rc = app_survey_form_import(a, NULL, data, n, &id, &created, &e);
        mem_free(data);
        if (!rc)
            o = json_pack("{s:I,s:b}", "id", (json_int_t)id, "created", created);
    } else if (strcmp(sub, "create") == 0 && (argc == 5 || argc == 6)) {
        app_survey_in_t in = {id_arg(argv[2]), argv[3], argv[4], argc == 6 ? argv[5] : NULL};
        int64_t id = 0;
        rc = app_survey_create(a, NULL, &in, &id, &e);
        if (!rc)
            o = json_pack("{s:I}", "id", (json_int_t)id);
    } else if ((strcmp(sub, "open") == 0 || strcmp(sub, "close") == 0) && argc == 3) {
        rc = app_survey_set(a, NULL, id_arg(argv[2]), strcmp(sub, "open") == 0 ? "open" : "closed",
                            NULL, &e);
        if (!rc)
            o = json_pack("{s:b}", "ok", 1);
    } else {
        return cli_usage_error("survey", "lệnh con hoặc đối số không hợp lệ",
                               "unknown subcommand or bad arguments");
    }
    return rc ? cli_error(&e) : print_owned(o);
}

int cmd_survey(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    app_t *a;
    int rc = open_app(ctx, &a);
    if (rc)
        return rc;
    if (strcmp(argv[1], "results") == 0)
        rc = results(a, argc, argv);
    else if (strcmp(argv[1], "import") == 0)
        rc = import_csv(a, argc, argv);
    else if (strcmp(argv[1], "feed") == 0)
        rc = feed(a, argc, argv);
    else
        rc = forms_and_runs(a, argc, argv);
    app_close(a);
    return rc;
}
