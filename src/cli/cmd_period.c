/* cmd_period.c - `cchc period list|show`: reporting periods, cut-off windows
 * and due dates.
 *
 * Working-day due rules ("+2wd") count working days of the agency calendar
 * loaded from the data directory (holidays and swapped days included). */
#include "cli/cmd.h"

#include "base/date.h"
#include "base/jsonx.h"
#include "base/sv.h"
#include "base/text.h"
#include "app/calendar_load.h"
#include "domain/agencycal.h"
#include "domain/period.h"
#include "domain/worktime.h"

#include <string.h>

#include "base/banned.h"

static void usage(FILE *out)
{
    fprintf(
        out,
        "Cách dùng / usage:\n"
        "  cchc period list YEAR [--regime R] [--window D/M-D/M] [--due RULE] [--json]\n"
        "  cchc period show CODE [--window D/M-D/M] [--due RULE] [--json]\n\n"
        "Liệt kê kỳ báo cáo với khoảng danh nghĩa, khoảng chốt số liệu và hạn nộp.\n"
        "Lists reporting periods with nominal range, data cut-off window and due date.\n\n"
        "  --regime R   monthly|quarterly|semiannual|ninemonth|annual|all (mặc định/default "
        "all)\n"
        "  --window W   khoảng chốt số liệu của kỳ đầu năm / cut-off window as for the first\n"
        "               period of the year, e.g. 15/12-24/11 (mặc định/default "
        "15/<trước>-14/<cuối>)\n"
        "  --due RULE   hạn nộp / due rule: 15 (ngày 15 tháng cuối kỳ / day 15 of the last "
        "month),\n"
        "               25/11 (như kỳ đầu năm / as for the first period), +2wd (2 ngày làm "
        "việc\n"
        "               sau ngày chốt theo lịch làm việc / 2 working days after cut-off on the\n"
        "               agency calendar), +5d (5 ngày / days), none\n"
        "  --json       in JSON / print JSON\n\n"
        "Mã kỳ / codes: 2024 (năm), 2024Q1..Q4 (quý), 2024S1 (6 tháng), 2024M9 (9 tháng),\n"
        "               2024M01..M12 (tháng, luôn 2 chữ số / always two digits)\n");
}

typedef struct opts {
    const char *window, *due;
    bool json;
} opts_t;

static int build_rule(const opts_t *o, period_regime_t regime, period_rule_t *r, err_t *e)
{
    period_rule_default(r);
    int rc = 0;
    if (o->window)
        rc = period_window_parse(o->window, strlen(o->window), regime, &r->window, e);
    if (!rc && o->due)
        rc = period_due_parse(o->due, strlen(o->due), regime, &r->due, e);
    return rc;
}

static json_t *period_json(const period_t *p)
{
    char code[PERIOD_CODE_MAX], a[DATE_ISO_LEN];
    json_t *o = json_object();
    period_format_code(p->id, code);
    int rc = o ? jsonx_set_str(o, "code", code) : ERR_NOMEM;
    if (!rc)
        rc = jsonx_set_str(o, "regime", period_regime_name(p->id.regime));
    const char *keys[] = {"start", "end", "cutoff_from", "cutoff_to", "due"};
    date_t vals[] = {p->start, p->end, p->cut_from, p->cut_to, p->due};
    for (int i = 0; i < 5 && !rc; i++) {
        date_format(vals[i], a);
        rc = jsonx_set_str(o, keys[i], vals[i] == DATE_NONE ? NULL : a);
    }
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static void print_row(const period_t *p)
{
    char code[PERIOD_CODE_MAX], s[DATE_ISO_LEN], e[DATE_ISO_LEN], cf[DATE_ISO_LEN],
        ct[DATE_ISO_LEN], due[DATE_ISO_LEN];
    period_format_code(p->id, code);
    date_format_vn(p->start, s);
    date_format_vn(p->end, e);
    date_format_vn(p->cut_from, cf);
    date_format_vn(p->cut_to, ct);
    if (p->due == DATE_NONE)
        snprintf(due, sizeof due, "-");
    else
        date_format_vn(p->due, due);
    /* Pad by code points: the Vietnamese regime names are multi-byte. */
    const char *rv = period_regime_name_vi(p->id.regime);
    int pad = 9 - (int)text_length(rv, strlen(rv));
    printf("%-8s  %s%*s  %s - %s  %s - %s  %s\n", code, rv, pad > 0 ? pad : 0, "", s, e, cf, ct,
           due);
}

/* Prints the periods of the given regimes (first..last inclusive). */
static int output(int year, int first, int last, const opts_t *o, agencycal_t *cal)
{
    err_t e;
    json_t *root = o->json ? json_object() : NULL, *arr = o->json ? json_array() : NULL;
    int rc = (o->json && (!root || !arr)) ? err_nomem(&e) : 0;
    period_due_t due = {PERIOD_DUE_NONE, 0, 0, 0};
    if (!o->json)
        printf("Mã kỳ     Loại kỳ    Kỳ danh nghĩa / nominal    Chốt số liệu / cut-off     "
               "Hạn nộp / due\n");
    for (int r = first; r <= last && !rc; r++) {
        period_rule_t rule;
        period_t ps[PERIOD_MAX_PER_YEAR];
        size_t n = 0;
        rc = build_rule(o, (period_regime_t)r, &rule, &e);
        if (!rc)
            rc = period_list((period_regime_t)r, year, &rule, worktime_add_workdays_date, cal, ps,
                             &n, &e);
        due = rule.due;
        for (size_t i = 0; i < n && !rc; i++) {
            if (o->json)
                rc = json_array_append_new(arr, period_json(&ps[i])) ? err_nomem(&e) : 0;
            else
                print_row(&ps[i]);
        }
    }
    char vi[PERIOD_DUE_TEXT_MAX], en[PERIOD_DUE_TEXT_MAX];
    period_due_describe(&due, vi, en);
    bool provisional =
        due.kind == PERIOD_DUE_WORKDAYS_AFTER && agencycal_year_provisional(cal, year);
    if (!rc && o->json) {
        rc = jsonx_set_int(root, "year", year);
        if (!rc)
            rc = jsonx_set_str(root, "regime",
                               first == last ? period_regime_name((period_regime_t)first) : "all");
        if (!rc)
            rc = jsonx_set_str(root, "due_rule", due.kind == PERIOD_DUE_NONE ? NULL : en);
        if (!rc && provisional)
            rc = jsonx_set_bool(root, "due_provisional", true);
        if (!rc) {
            rc = jsonx_set_new(root, "periods", arr);
            arr = NULL;
        }
        if (rc)
            err_nomem(&e);
        else
            rc = cli_print_json(root);
    } else if (!rc) {
        printf("Hạn nộp / due rule: %s / %s\n", vi, en);
        if (provisional)
            printf("Lưu ý / note: lịch năm %d là dự kiến (chưa có quyết định chính thức) / the %d "
                   "calendar is provisional (no official decision yet)\n",
                   year, year);
    }
    json_decref(arr);
    json_decref(root);
    return rc > 0 ? rc : (rc ? cli_error(&e) : 0);
}

static int show(const char *code, const opts_t *o, agencycal_t *cal)
{
    err_t e;
    period_id_t id;
    period_rule_t rule;
    period_t p;
    int rc = period_parse_code(code, strlen(code), &id, &e);
    if (!rc)
        rc = build_rule(o, id.regime, &rule, &e);
    if (!rc)
        rc = period_compute(id, &rule, worktime_add_workdays_date, cal, &p, &e);
    if (rc)
        return cli_error(&e);
    if (!o->json) {
        printf("Mã kỳ     Loại kỳ    Kỳ danh nghĩa / nominal    Chốt số liệu / cut-off     "
               "Hạn nộp / due\n");
        print_row(&p);
        return 0;
    }
    json_t *j = period_json(&p);
    if (!j) {
        err_nomem(&e);
        return cli_error(&e);
    }
    rc = cli_print_json_line(j);
    json_decref(j);
    return rc;
}

static int run(cli_ctx_t *ctx, int argc, char **argv, agencycal_t *cal);

int cmd_period(cli_ctx_t *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    err_t e;
    agencycal_t *cal = NULL;
    if (calendar_load_load(ctx->data_dir, &cal, &e))
        return cli_error(&e);
    int rc = run(ctx, argc, argv, cal);
    agencycal_free(cal);
    return rc;
}

static int run(cli_ctx_t *ctx, int argc, char **argv, agencycal_t *cal)
{
    (void)ctx;
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc < 3 || (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "show") != 0))
        return cli_usage_error("period", "cần 'list YEAR' hoặc 'show CODE'",
                               "expected 'list YEAR' or 'show CODE'");
    opts_t o = {NULL, NULL, false};
    const char *regime = "all", *arg = NULL;
    for (int i = 2; i < argc; i++) {
        const char **dst = strcmp(argv[i], "--regime") == 0   ? &regime
                           : strcmp(argv[i], "--window") == 0 ? &o.window
                           : strcmp(argv[i], "--due") == 0    ? &o.due
                                                              : NULL;
        if (dst) {
            if (i + 1 >= argc)
                return cli_usage_error("period", "tùy chọn thiếu giá trị", "option needs a value");
            *dst = argv[++i];
        } else if (strcmp(argv[i], "--json") == 0) {
            o.json = true;
        } else if (argv[i][0] == '-' || arg) {
            return cli_usage_error("period", "tham số không hợp lệ", "unexpected argument");
        } else {
            arg = argv[i];
        }
    }
    if (!arg)
        return cli_usage_error("period", "thiếu năm hoặc mã kỳ", "missing year or period code");
    if (strcmp(argv[1], "show") == 0)
        return show(arg, &o, cal);
    long year;
    if (!sv_to_long(sv_from(arg), &year) || year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX)
        return cli_usage_error("period", "năm không hợp lệ", "invalid year");
    period_regime_t r;
    if (strcmp(regime, "all") == 0) {
        if (o.window || o.due)
            return cli_usage_error("period", "--window/--due cần một loại kỳ (--regime)",
                                   "--window/--due need a single --regime");
        return output((int)year, 0, PERIOD_REGIME_COUNT - 1, &o, cal);
    }
    if (period_regime_parse(regime, &r) != 0)
        return cli_usage_error("period", "loại kỳ không hợp lệ", "invalid regime");
    return output((int)year, (int)r, (int)r, &o, cal);
}
