/* cmd_par.c - `cchc par`: PAR Index frameworks, campaigns, score sheets,
 * appraisal, survey, results (docs/internals/par_campaign.md). This file:
 * options, frameworks and campaigns; cmd_par_sheet.c: the rest. */
#include "app/app_par_campaign.h"
#include "app/app_par_framework.h"
#include "app/app_par_results.h"
#include "cli/cli.h"
#include "cli/cmd_par_int.h"
#include "cmd.h"
#include "io/par_framework_io.h"
#include "io/par_framework_xlsx.h"
#include "base/mem.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"

static void usage(void)
{
    printf(
        "Cách dùng / usage (chấm điểm Chỉ số CCHC / PAR Index scoring):\n"
        "  cchc par framework check TỆP            kiểm tra bộ tiêu chí (.json, .xlsx)\n"
        "  cchc par framework import TỆP [--json]  nhập bộ tiêu chí / import -> {\"id\":N}\n"
        "  cchc par framework list|show ID [--json]\n"
        "  cchc par campaign create --year NĂM --framework ID [--bonus-max X] [--penalty-max X]\n"
        "      [--name T] [--scope MÃ_TỈNH] [--opens D] [--self-due D] [--round1-due D]\n"
        "      [--explain-due D] [--round2-due D] [--publish-due D] [--survey auto|held|none]\n"
        "      [--grades \"A:90,B:80,C:70,D:0\"] [--json]\n"
        "  cchc par campaign list [--year NĂM] | show ID | update ID [như create]\n"
        "  cchc par campaign extend ID --unit MÃ --step self|explain|round1|round2 --due D\n"
        "      --reason T\n"
        "  cchc par campaign appraiser ID --role VAI_TRÒ [--unit MÃ]\n"
        "  cchc par campaign finalise|publish ID · withdraw ID --reason T\n"
        "  cchc par score --campaign ID --unit MÃ --criterion MÃ --points X [--note T]\n"
        "      [--accept] [--evidence TỆP]...\n"
        "  cchc par appraise --campaign ID --unit MÃ --criterion MÃ --points X --reason T\n"
        "      [--round 1|2|final]\n"
        "  cchc par explain --campaign ID --unit MÃ --criterion MÃ --request T | --answer T\n"
        "  cchc par bonus|penalty --campaign ID --unit MÃ --points X --reason T\n"
        "  cchc par submit --campaign ID --unit MÃ · reopen ... --reason T\n"
        "  cchc par prefill --campaign ID [--unit MÃ]\n"
        "  cchc par survey import --campaign ID TỆP   (CSV MaDonVi,TieuChi,Diem)\n"
        "  cchc par sheet|history --campaign ID --unit MÃ [--criterion MÃ] [--json]\n"
        "  cchc par queue --campaign ID [--state submitted|draft|pending|explain] [--json]\n"
        "  cchc par results --campaign ID [--losses [--unit MÃ]] [--json]\n"
        "  cchc par export --campaign ID (--unit MÃ --format xlsx|docx|pdf | --ranking) --out TỆP\n"
        "Điểm có tối đa 3 chữ số thập phân (\"0,5\" hoặc \"0.5\"); ngày YYYY-MM-DD.\n"
        "--bonus-max/--penalty-max none: bỏ mức trần / no cap.\n");
}

int cmd_par_bad(const char *vi, const char *en)
{
    return cli_usage_error("par", vi, en);
}

int cmd_par_show(json_t *out, bool json)
{
    int rc = 0;
    if (json || !json_is_object(out))
        rc = cli_print_json(out);
    else if (json_object_get(out, "id"))
        printf("#%lld\n", (long long)json_integer_value(json_object_get(out, "id")));
    else
        rc = cli_print_json(out);
    json_decref(out);
    return rc;
}

/* ---- options ------------------------------------------------------------- */

enum {
    O_JSON = 256,
    O_YEAR,
    O_FW,
    O_CAMP,
    O_UNIT,
    O_CRIT,
    O_POINTS,
    O_NOTE,
    O_REASON,
    O_ROUND,
    O_NAME,
    O_SCOPE,
    O_SURVEY,
    O_GRADES,
    O_BONUS,
    O_PENALTY,
    O_OPENS,
    O_SELF,
    O_R1,
    O_EXPL,
    O_R2,
    O_PUB,
    O_DUE,
    O_STEP,
    O_ROLE,
    O_REQ,
    O_ANS,
    O_ACCEPT,
    O_EVID,
    O_FORMAT,
    O_OUT,
    O_STATE,
    O_LOSSES,
    O_RANKING,
    O_TEXT
};

static const struct option opts[] = {{"json", no_argument, 0, O_JSON},
                                     {"year", required_argument, 0, O_YEAR},
                                     {"framework", required_argument, 0, O_FW},
                                     {"campaign", required_argument, 0, O_CAMP},
                                     {"unit", required_argument, 0, O_UNIT},
                                     {"criterion", required_argument, 0, O_CRIT},
                                     {"points", required_argument, 0, O_POINTS},
                                     {"note", required_argument, 0, O_NOTE},
                                     {"reason", required_argument, 0, O_REASON},
                                     {"round", required_argument, 0, O_ROUND},
                                     {"name", required_argument, 0, O_NAME},
                                     {"scope", required_argument, 0, O_SCOPE},
                                     {"survey", required_argument, 0, O_SURVEY},
                                     {"grades", required_argument, 0, O_GRADES},
                                     {"bonus-max", required_argument, 0, O_BONUS},
                                     {"penalty-max", required_argument, 0, O_PENALTY},
                                     {"opens", required_argument, 0, O_OPENS},
                                     {"self-due", required_argument, 0, O_SELF},
                                     {"round1-due", required_argument, 0, O_R1},
                                     {"explain-due", required_argument, 0, O_EXPL},
                                     {"round2-due", required_argument, 0, O_R2},
                                     {"publish-due", required_argument, 0, O_PUB},
                                     {"due", required_argument, 0, O_DUE},
                                     {"step", required_argument, 0, O_STEP},
                                     {"role", required_argument, 0, O_ROLE},
                                     {"request", required_argument, 0, O_REQ},
                                     {"answer", required_argument, 0, O_ANS},
                                     {"accept", no_argument, 0, O_ACCEPT},
                                     {"evidence", required_argument, 0, O_EVID},
                                     {"format", required_argument, 0, O_FORMAT},
                                     {"out", required_argument, 0, O_OUT},
                                     {"state", required_argument, 0, O_STATE},
                                     {"losses", no_argument, 0, O_LOSSES},
                                     {"ranking", no_argument, 0, O_RANKING},
                                     {"difficulties", required_argument, 0, O_TEXT},
                                     {0, 0, 0, 0}};

static int parse_id(const char *s, int64_t *out)
{
    char *end = NULL;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0)
        return -1;
    *out = v;
    return 0;
}

static int parse_points(const char *s, int64_t *out)
{
    bool pct = false;
    if (strcmp(s, "-") == 0 || strcmp(s, "none") == 0) {
        *out = PAR_NONE;
        return 0;
    }
    return app_par_results_number(s, out, &pct) || pct ? -1 : 0;
}

/* A cap: points, or "none" for no cap (-1, app_par_campaign_in_t). */
static int parse_cap(const char *s, int64_t *out)
{
    if (strcmp(s, "none") == 0 || strcmp(s, "khong") == 0) {
        *out = -1;
        return 0;
    }
    return parse_points(s, out) || *out == PAR_NONE ? -1 : 0;
}

static int parse_date(const char *s, date_t *out)
{
    return date_parse(s, strlen(s), out) ? -1 : 0;
}

/* Options that take a date: where each goes. */
static date_t *date_slot(cmd_par_opts_t *o, int c)
{
    switch (c) {
    case O_OPENS:
        return &o->opens;
    case O_SELF:
        return &o->self_due;
    case O_R1:
        return &o->round1_due;
    case O_EXPL:
        return &o->explain_due;
    case O_R2:
        return &o->round2_due;
    case O_PUB:
        return &o->publish_due;
    case O_DUE:
        return &o->due;
    default:
        return NULL;
    }
}

/* Options that take a string: where each goes. */
static const char **text_slot(cmd_par_opts_t *o, int c)
{
    switch (c) {
    case O_UNIT:
        return &o->unit;
    case O_CRIT:
        return &o->criterion;
    case O_NOTE:
        return &o->note;
    case O_REASON:
        return &o->reason;
    case O_ROUND:
        return &o->round;
    case O_NAME:
        return &o->name;
    case O_SCOPE:
        return &o->scope;
    case O_SURVEY:
        return &o->survey;
    case O_GRADES:
        return &o->grades;
    case O_STEP:
        return &o->step;
    case O_ROLE:
        return &o->role;
    case O_REQ:
        return &o->request;
    case O_ANS:
        return &o->answer;
    case O_FORMAT:
        return &o->format;
    case O_OUT:
        return &o->out;
    case O_STATE:
        return &o->state;
    case O_TEXT:
        return &o->difficulties;
    default:
        return NULL;
    }
}

static int one_option(cmd_par_opts_t *o, int c, const char *v)
{
    date_t *d = date_slot(o, c);
    const char **t = text_slot(o, c);
    char *end = NULL;
    if (d)
        return parse_date(v, d) ? cmd_par_bad("ngày không hợp lệ", "invalid date") : 0;
    if (t) {
        *t = v;
        return 0;
    }
    switch (c) {
    case O_JSON:
        o->json = true;
        return 0;
    case O_ACCEPT:
        o->accept = true;
        return 0;
    case O_LOSSES:
        o->losses = true;
        return 0;
    case O_RANKING:
        o->ranking = true;
        return 0;
    case O_YEAR:
        o->year = (int)strtol(v, &end, 10);
        return *end || o->year < 2000 || o->year > 2100
                   ? cmd_par_bad("--year không hợp lệ", "invalid --year")
                   : 0;
    case O_FW:
        return parse_id(v, &o->framework)
                   ? cmd_par_bad("--framework không hợp lệ", "invalid --framework")
                   : 0;
    case O_CAMP:
        return parse_id(v, &o->campaign)
                   ? cmd_par_bad("--campaign không hợp lệ", "invalid --campaign")
                   : 0;
    case O_POINTS:
        o->has_points = true;
        return parse_points(v, &o->points)
                   ? cmd_par_bad("--points phải là số (tối đa 3 chữ số thập phân)",
                                 "--points must be a number (at most 3 decimals)")
                   : 0;
    case O_BONUS:
        return parse_cap(v, &o->bonus_max)
                   ? cmd_par_bad("--bonus-max phải là số điểm hoặc none (không giới hạn)",
                                 "--bonus-max must be points or none (no cap)")
                   : 0;
    case O_PENALTY:
        return parse_cap(v, &o->penalty_max)
                   ? cmd_par_bad("--penalty-max phải là số điểm hoặc none (không giới hạn)",
                                 "--penalty-max must be points or none (no cap)")
                   : 0;
    case O_EVID:
        if (o->nfiles == CMD_PAR_MAX_FILES)
            return cmd_par_bad("quá nhiều tệp", "too many files");
        o->files[o->nfiles++] = v;
        return 0;
    default:
        return cmd_par_bad("tùy chọn không hợp lệ", "invalid option");
    }
}

static int parse(int argc, char **argv, cmd_par_opts_t *o)
{
    memset(o, 0, sizeof *o);
    o->opens = o->self_due = o->round1_due = o->explain_due = DATE_NONE;
    o->round2_due = o->publish_due = o->due = DATE_NONE;
    o->bonus_max = o->penalty_max = PAR_NONE;
    o->points = PAR_NONE;
    o->sub = argv[1];
    int first = 2;
    if (argc > 2 && argv[2][0] != '-' &&
        (strcmp(o->sub, "framework") == 0 || strcmp(o->sub, "campaign") == 0 ||
         strcmp(o->sub, "survey") == 0)) {
        o->sub2 = argv[2];
        first = 3;
    }
    optind = first;
    for (;;) {
        int c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        int rc = one_option(o, c, optarg);
        if (rc)
            return rc;
    }
    if (optind < argc)
        o->arg = argv[optind++];
    return optind < argc ? cmd_par_bad("thừa tham số", "unexpected argument") : 0;
}

/* ---- frameworks ---------------------------------------------------------- */

static bool is_xlsx(const char *path)
{
    size_t n = strlen(path);
    return n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

/* Reads a framework file (JSON or XLSX): *fw on success; problems printed
 * one per line as "file: code: node (field): reason". */
static int read_framework(const char *path, char **data, size_t *len, par_framework_t **fw)
{
    err_t e;
    par_problems_t probs;
    par_framework_problems_init(&probs);
    *fw = NULL;
    if (cli_read_file(path, PAR_FRAMEWORK_IO_MAX_BYTES, data, len, &e))
        return cli_error(&e);
    int rc = is_xlsx(path) ? par_framework_xlsx_read(*data, *len, path, fw, &probs, &e)
                           : par_framework_io_read(*data, *len, path, fw, &probs, &e);
    for (size_t i = 0; i < probs.n; i++) {
        const par_problem_t *p = &probs.v[i];
        fprintf(stderr, "%s: %s: %s%s%s%s: %s | %s\n", path, p->code, p->node[0] ? p->node : "-",
                p->field[0] ? " (" : "", p->field, p->field[0] ? ")" : "", p->vi, p->en);
    }
    par_framework_problems_release(&probs);
    return rc ? cli_error(&e) : 0;
}

static int framework_cmd(cli_ctx_t *ctx, cmd_par_opts_t *o)
{
    const char *s2 = o->sub2 ? o->sub2 : "";
    if (strcmp(s2, "check") && strcmp(s2, "import") && strcmp(s2, "list") && strcmp(s2, "show"))
        return cmd_par_bad("cần check, import, list hoặc show", "check, import, list or show");
    if (strcmp(s2, "list") && !o->arg)
        return cmd_par_bad("thiếu TỆP hoặc ID", "FILE or ID is missing");
    char *data = NULL;
    size_t len = 0;
    par_framework_t *fw = NULL;
    int rc = 0;
    if (!strcmp(s2, "check") || !strcmp(s2, "import")) {
        rc = read_framework(o->arg, &data, &len, &fw);
        if (rc || !strcmp(s2, "check")) {
            if (!rc)
                printf("%s: hợp lệ, %zu nút / valid, %zu nodes\n", o->arg, fw->n, fw->n);
            par_framework_free(fw);
            free(data);
            return rc;
        }
    }
    app_t *a = NULL;
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    if (app_open(&cfg, &a, &e)) {
        par_framework_free(fw);
        free(data);
        return cli_error(&e);
    }
    json_t *out = NULL;
    int64_t id = 0;
    if (fw) {
        const char *slash = strrchr(o->arg, '/');
        rc = app_par_framework_import(a, NULL, fw, slash ? slash + 1 : o->arg, data, len, &id, NULL,
                                      &e);
        rc = rc ? cli_error(&e) : cmd_par_show(json_pack("{s:I}", "id", (json_int_t)id), o->json);
    } else if (!strcmp(s2, "list")) {
        rc = app_par_framework_list(a, NULL, &out, &e) ? cli_error(&e) : cmd_par_show(out, true);
    } else if (parse_id(o->arg, &id)) {
        rc = cmd_par_bad("ID không hợp lệ", "invalid ID");
    } else if (app_par_framework_get(a, NULL, id, &fw, &e)) {
        rc = cli_error(&e);
    } else {
        char *text = par_framework_io_write(fw);
        if (text)
            printf("%s\n", text);
        rc = text ? 0 : 1;
        mem_free(text);
    }
    par_framework_free(fw);
    free(data);
    app_close(a);
    return rc;
}

/* ---- campaigns ----------------------------------------------------------- */

/* "A:90,B:80,C:70,D:0" into grades (labels point into buf). */
static int parse_grades(const char *s, char *buf, size_t cap, par_grade_t *g, size_t *n)
{
    snprintf(buf, cap, "%s", s);
    *n = 0;
    for (char *p = buf; p && *p && *n < 16;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma++ = '\0';
        char *colon = strrchr(p, ':');
        bool pct = false;
        if (!colon)
            return -1;
        *colon = '\0';
        g[*n].label = p;
        if (app_par_results_number(colon + 1, &g[*n].min, &pct))
            return -1;
        (*n)++;
        p = comma;
    }
    return *n ? 0 : -1;
}

static int campaign_in(const cmd_par_opts_t *o, app_par_campaign_in_t *in, par_grade_t *g,
                       char *buf, size_t cap)
{
    app_par_campaign_in_init(in);
    in->name = o->name;
    in->year = o->year;
    in->framework_id = o->framework;
    in->scope = o->scope;
    in->opens_on = o->opens;
    in->self_due = o->self_due;
    in->round1_due = o->round1_due;
    in->explain_due = o->explain_due;
    in->round2_due = o->round2_due;
    in->publish_due = o->publish_due;
    in->bonus_max = o->bonus_max;
    in->penalty_max = o->penalty_max;
    in->survey_mode = o->survey;
    if (o->grades) {
        if (parse_grades(o->grades, buf, cap, g, &in->ngrades))
            return cmd_par_bad("--grades dạng \"A:90,B:80,C:70,D:0\"",
                               "--grades looks like \"A:90,B:80,C:70,D:0\"");
        in->grades = g;
    }
    return 0;
}

static int campaign_write(app_t *a, cmd_par_opts_t *o, const char *s2, int64_t id, err_t *e)
{
    if (!strcmp(s2, "extend"))
        return app_par_campaign_extend(a, NULL, id, o->unit, o->step, o->due, o->reason, e);
    if (!strcmp(s2, "appraiser"))
        return app_par_campaign_appraiser(a, NULL, id, o->role, o->unit, e);
    if (!strcmp(s2, "finalise") || !strcmp(s2, "finalize"))
        return app_par_campaign_finalise(a, NULL, id, e);
    if (!strcmp(s2, "publish"))
        return app_par_campaign_publish(a, NULL, id, true, NULL, e);
    return app_par_campaign_publish(a, NULL, id, false, o->reason, e); /* withdraw */
}

static int campaign_run(app_t *a, cmd_par_opts_t *o, const char *s2)
{
    err_t e;
    json_t *out = NULL;
    int64_t id = 0;
    par_grade_t g[16];
    char buf[512];
    app_par_campaign_in_t in;
    if (!strcmp(s2, "list"))
        return app_par_campaign_list(a, NULL, o->year, &out, &e) ? cli_error(&e)
                                                                 : cmd_par_show(out, true);
    if (!strcmp(s2, "create")) {
        if (!o->year || !o->framework)
            return cmd_par_bad("cần --year và --framework", "--year and --framework are required");
        int rc = campaign_in(o, &in, g, buf, sizeof buf);
        if (rc)
            return rc;
        if (app_par_campaign_create(a, NULL, &in, &id, &e))
            return cli_error(&e);
        return cmd_par_show(json_pack("{s:I}", "id", (json_int_t)id), o->json);
    }
    if (!o->arg || parse_id(o->arg, &id))
        return cmd_par_bad("thiếu ID đợt chấm điểm", "the campaign ID is missing");
    if (!strcmp(s2, "show"))
        return app_par_campaign_get(a, NULL, id, &out, &e) ? cli_error(&e)
                                                           : cmd_par_show(out, true);
    if (!strcmp(s2, "update")) {
        int rc = campaign_in(o, &in, g, buf, sizeof buf);
        if (rc)
            return rc;
        return app_par_campaign_update(a, NULL, id, &in, &e) ? cli_error(&e) : 0;
    }
    return campaign_write(a, o, s2, id, &e) ? cli_error(&e) : 0;
}

static int campaign_cmd(app_t *a, cmd_par_opts_t *o)
{
    static const char *const subs[] = {"create",    "list",     "show",     "update",  "extend",
                                       "appraiser", "finalise", "finalize", "publish", "withdraw"};
    const char *s2 = o->sub2 ? o->sub2 : "";
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(s2, subs[i]) == 0)
            return campaign_run(a, o, s2);
    return cmd_par_bad("lệnh con của campaign không hợp lệ", "unknown campaign subcommand");
}

int cmd_par(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    cmd_par_opts_t o;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc;
    if (strcmp(o.sub, "framework") == 0)
        return framework_cmd(ctx, &o);
    app_t *a = NULL;
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    if (app_open(&cfg, &a, &e))
        return cli_error(&e);
    rc = strcmp(o.sub, "campaign") == 0 ? campaign_cmd(a, &o) : cmd_par_sheet(a, &o);
    app_close(a);
    return rc;
}
