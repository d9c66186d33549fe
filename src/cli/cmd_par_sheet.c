/* cmd_par_sheet.c - `cchc par` sheet subcommands: score, appraise,
 * explain, bonus, penalty, submit, reopen, text, prefill, survey import,
 * sheet, history, queue, results (cmd_par.c has the options). */
#include "app/app_par_appraise.h"
#include "app/app_par_prefill.h"
#include "app/app_par_results.h"
#include "app/app_par_sheet.h"
#include "cli/cli.h"
#include "cli/cmd_par_int.h"
#include "domain/par_framework.h"
#include "io/par_doc.h"
#include "io/par_survey_io.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static int need(const cmd_par_opts_t *o, bool unit, bool crit)
{
    if (!o->campaign || (unit && !o->unit) || (crit && !o->criterion))
        return cmd_par_bad(crit   ? "cần --campaign, --unit và --criterion"
                           : unit ? "cần --campaign và --unit"
                                  : "cần --campaign",
                           crit   ? "--campaign, --unit and --criterion are required"
                           : unit ? "--campaign and --unit are required"
                                  : "--campaign is required");
    return 0;
}

/* Uploads --evidence files as the unit's evidence and links them to the
 * leaf (or the sheet's purpose). */
static int evidence(app_t *a, const cmd_par_opts_t *o, const char *code, const char *purpose)
{
    int64_t ids[CMD_PAR_MAX_FILES];
    if (cli_upload_evidence(a, o->files, (size_t)o->nfiles, o->unit, "par_campaign", o->campaign,
                            ids))
        return 1;
    for (int i = 0; i < o->nfiles; i++) {
        err_t e;
        if (app_par_sheet_link(a, NULL, o->campaign, o->unit, code, purpose, ids[i], &e))
            return cli_error(&e);
    }
    return 0;
}

static int score(app_t *a, const cmd_par_opts_t *o)
{
    int rc = need(o, true, true);
    if (rc)
        return rc;
    if (!o->has_points && !o->accept)
        return cmd_par_bad("cần --points hoặc --accept", "--points or --accept is required");
    err_t e;
    app_par_score_in_t in = {o->criterion, o->points, o->note, o->accept};
    if (app_par_sheet_score(a, NULL, o->campaign, o->unit, &in, &e))
        return cli_error(&e);
    return evidence(a, o, o->criterion, NULL);
}

static int appraise(app_t *a, const cmd_par_opts_t *o)
{
    int rc = need(o, true, true);
    if (rc)
        return rc;
    if (!o->has_points || !o->reason)
        return cmd_par_bad("cần --points và --reason", "--points and --reason are required");
    err_t e;
    const char *round = NULL;
    app_par_appraise_in_t in = {o->criterion, o->points, o->reason, o->round};
    if (app_par_appraise_score(a, NULL, o->campaign, o->unit, &in, &round, &e))
        return cli_error(&e);
    if (o->json)
        return cmd_par_show(json_pack("{s:s}", "round", round), true);
    return 0;
}

static int explain(app_t *a, const cmd_par_opts_t *o)
{
    int rc = need(o, true, true);
    if (rc)
        return rc;
    if (!o->request == !o->answer)
        return cmd_par_bad("cần --request hoặc --answer", "--request or --answer is required");
    err_t e;
    rc = o->request
             ? app_par_appraise_request(a, NULL, o->campaign, o->unit, o->criterion, o->request, &e)
             : app_par_sheet_answer(a, NULL, o->campaign, o->unit, o->criterion, o->answer, &e);
    return rc ? cli_error(&e) : 0;
}

static int adjust(app_t *a, const cmd_par_opts_t *o, bool penalty)
{
    int rc = need(o, true, false);
    if (rc)
        return rc;
    if (!o->has_points || o->points == PAR_NONE || !o->reason)
        return cmd_par_bad("cần --points và --reason", "--points and --reason are required");
    err_t e;
    if (app_par_sheet_adjust(a, NULL, o->campaign, o->unit, penalty, o->points, o->reason, &e))
        return cli_error(&e);
    return evidence(a, o, NULL, penalty ? "penalty" : "bonus");
}

static int survey(app_t *a, const cmd_par_opts_t *o)
{
    if (!o->sub2 || strcmp(o->sub2, "import") || !o->arg)
        return cmd_par_bad("dùng: par survey import --campaign ID TỆP",
                           "usage: par survey import --campaign ID FILE");
    int rc = need(o, false, false);
    if (rc)
        return rc;
    par_survey_io_t rows;
    err_t e;
    json_t *rep = NULL;
    if (par_survey_io_read_file(o->arg, &rows, &e)) {
        par_survey_io_release(&rows);
        return cli_error(&e);
    }
    const char *slash = strrchr(o->arg, '/');
    rc = app_par_results_survey(a, NULL, o->campaign, rows.rows, rows.n, slash ? slash + 1 : o->arg,
                                &rep, &e);
    par_survey_io_release(&rows);
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(rep, "errors"), i, x)
    {
        fprintf(stderr, "%s:%lld: %s: %s: %s | %s\n", o->arg,
                (long long)json_integer_value(json_object_get(x, "line")),
                json_string_value(json_object_get(x, "field")),
                json_string_value(json_object_get(x, "code")),
                json_string_value(json_object_get(x, "message")),
                json_string_value(json_object_get(x, "message_en")));
    }
    if (rc) {
        json_decref(rep);
        return cli_error(&e);
    }
    return cmd_par_show(rep, true);
}

static void print_results(json_t *out)
{
    size_t i;
    json_t *u;
    printf("%-5s %-16s %9s %9s %8s %s\n", "hạng", "đơn vị", "tổng", "tối đa", "chỉ số", "loại");
    json_array_foreach(json_object_get(out, "units"), i, u)
    {
        json_t *idx = json_object_get(u, "index");
        char ix[32] = "—";
        if (json_is_number(idx))
            snprintf(ix, sizeof ix, "%.2f", json_number_value(idx));
        printf("%-4lld %-16s %9.3f %9.3f %8s %s\n",
               (long long)json_integer_value(json_object_get(u, "rank")),
               json_string_value(json_object_get(u, "unit")),
               json_number_value(json_object_get(u, "total")),
               json_number_value(json_object_get(u, "max")), ix,
               json_string_value(json_object_get(u, "band"))
                   ? json_string_value(json_object_get(u, "band"))
                   : "—");
    }
}

static int results(app_t *a, const cmd_par_opts_t *o)
{
    int rc = need(o, false, false);
    if (rc)
        return rc;
    err_t e;
    json_t *out = NULL;
    if (o->losses)
        rc = app_par_results_losses(a, NULL, o->campaign, o->unit, &out, &e);
    else
        rc = app_par_results_get(a, NULL, o->campaign, &out, &e);
    if (rc)
        return cli_error(&e);
    if (o->json || o->losses)
        return cmd_par_show(out, true);
    print_results(out);
    json_decref(out);
    return 0;
}

static int views(app_t *a, const cmd_par_opts_t *o)
{
    bool queue = !strcmp(o->sub, "queue");
    int rc = need(o, !queue, false);
    if (rc)
        return rc;
    err_t e;
    json_t *out = NULL;
    if (queue)
        rc = app_par_appraise_queue(a, NULL, o->campaign, o->state, &out, &e);
    else if (!strcmp(o->sub, "history"))
        rc = app_par_sheet_history(a, NULL, o->campaign, o->unit, o->criterion, &out, &e);
    else
        rc = app_par_sheet_get(a, NULL, o->campaign, o->unit, &out, &e);
    return rc ? cli_error(&e) : cmd_par_show(out, true);
}

static int writes(app_t *a, const cmd_par_opts_t *o)
{
    const char *s = o->sub;
    bool prefill = !strcmp(s, "prefill");
    int rc = need(o, !prefill, false);
    if (rc)
        return rc;
    err_t e;
    json_t *out = NULL;
    if (prefill)
        return app_par_prefill_run(a, NULL, o->campaign, o->unit, &out, &e)
                   ? cli_error(&e)
                   : cmd_par_show(out, true);
    if (!strcmp(s, "submit"))
        rc = app_par_sheet_submit(a, NULL, o->campaign, o->unit, true, NULL, &e);
    else if (!strcmp(s, "reopen"))
        rc = app_par_sheet_submit(a, NULL, o->campaign, o->unit, false, o->reason, &e);
    else if (!strcmp(s, "text"))
        rc = app_par_sheet_text(a, NULL, o->campaign, o->unit, o->difficulties, &e);
    else if (!strcmp(s, "applicable") || !strcmp(s, "not-applicable"))
        rc = o->criterion ? app_par_sheet_applicable(a, NULL, o->campaign, o->unit, o->criterion,
                                                     !strcmp(s, "applicable"), o->reason, &e)
                          : cmd_par_bad("cần --criterion", "--criterion is required");
    else
        return cmd_par_bad("lệnh con không hợp lệ", "unknown subcommand");
    return rc > 0 ? rc : rc ? cli_error(&e) : 0;
}

static int export_doc(app_t *a, const cmd_par_opts_t *o)
{
    int rc = need(o, !o->ranking, false);
    if (rc)
        return rc;
    if (!o->out)
        return cmd_par_bad("cần --out TỆP", "--out FILE is required");
    err_t e;
    par_doc_kind_t kind = PAR_DOC_SHEET_XLSX;
    if (o->ranking)
        kind = PAR_DOC_RANKING_XLSX;
    else if (o->format && !strcmp(o->format, "docx"))
        kind = PAR_DOC_REPORT_DOCX;
    else if (o->format && !strcmp(o->format, "pdf"))
        kind = PAR_DOC_REPORT_PDF;
    else if (o->format && strcmp(o->format, "xlsx"))
        return cmd_par_bad("--format là xlsx, docx hoặc pdf", "--format is xlsx, docx or pdf");
    return par_doc_write_file(a, NULL, o->campaign, o->unit, kind, o->out, &e) ? cli_error(&e) : 0;
}

int cmd_par_sheet(app_t *a, cmd_par_opts_t *o)
{
    const char *s = o->sub;
    if (!strcmp(s, "score"))
        return score(a, o);
    if (!strcmp(s, "appraise"))
        return appraise(a, o);
    if (!strcmp(s, "explain"))
        return explain(a, o);
    if (!strcmp(s, "bonus") || !strcmp(s, "penalty"))
        return adjust(a, o, !strcmp(s, "penalty"));
    if (!strcmp(s, "survey"))
        return survey(a, o);
    if (!strcmp(s, "results"))
        return results(a, o);
    if (!strcmp(s, "sheet") || !strcmp(s, "history") || !strcmp(s, "queue"))
        return views(a, o);
    if (!strcmp(s, "export"))
        return export_doc(a, o);
    return writes(a, o);
}
