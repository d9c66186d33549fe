/* cmd_calendar.c - `cchc calendar`: lunar conversion, the agency calendar
 * of a year or a day, deadline arithmetic and working time between moments.
 * Output forms are relied upon by other tools (see --help of each
 * subcommand and docs/internals/calendar.md). Exit codes: 0 ok, 1 failure
 * (data files, results outside the supported range), 2 bad arguments
 * (syntax, impossible dates, unknown units, negative counts). */
#include "cli/cmd.h"

#include "app/calendar_load.h"
#include "base/jsonx.h"
#include "domain/agencycal.h"
#include "domain/lunar.h"
#include "domain/worktime.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define CMD        usage_cmd
#define MAX_POS    4
#define MAX_PAUSES 64

typedef struct args {
    const char *pos[MAX_POS];
    int npos;
    bool json, leap;
    const char *from, *to, *after;
    worktime_interval_t pauses[MAX_PAUSES];
    size_t npauses;
    const char *bad_pause;
} args_t;

static const char *const usage_text[] = {
    "lunar",
    "cách dùng / usage: cchc calendar lunar NGÀY [--json]\n"
    "                   cchc calendar lunar --from NGÀY --to NGÀY [--json]\n"
    "Đổi ngày dương lịch sang âm lịch (Việt Nam, UTC+7), 1900-01-01..2199-12-31.\n"
    "Convert solar dates to the Vietnamese lunar calendar.\n"
    "  --json        "
    "{\"solar\":\"2024-02-10\",\"day\":1,\"month\":1,\"year\":2024,\"leap\":false,\n"
    "                 \"year_name\":\"Giáp Thìn\"} (range: one object per line)\n"
    "  --from/--to   one line per day: solar<TAB>day<TAB>month<TAB>year<TAB>leap(0/1)\n",
    "solar",
    "cách dùng / usage: cchc calendar solar NGÀY_ÂM [--leap] [--json]\n"
    "Đổi ngày âm lịch (d/m/yyyy) sang dương lịch; --leap: tháng nhuận.\n"
    "Convert a lunar date (d/m/yyyy) to the Gregorian date; --leap: leap month.\n"
    "  --json   {\"lunar\":{\"day\":1,\"month\":1,\"year\":2025,\"leap\":false,\"year_name\":...},"
    "\"solar\":\"2025-01-29\"}\n",
    "year",
    "cách dùng / usage: cchc calendar year NĂM [--json]\n"
    "Lịch làm việc của một năm: ngày nghỉ (thứ Hai–thứ Sáu), thứ Bảy/Chủ nhật làm bù,\n"
    "ngày lễ và lý do; 'provisional' khi năm chưa có quyết định chính thức.\n"
    "The working calendar of a year: weekdays off, weekend days worked, holidays\n"
    "with their reason; provisional when not (fully) decided officially.\n"
    "  --json   {\"year\":..,\"provisional\":..,\"days_off\":[..],\"worked_weekend_days\":[..],\n"
    "            "
    "\"holidays\":[{\"date\",\"name\",\"reason\",\"provisional\"}],\"calendar_version\":..}\n",
    "day",
    "cách dùng / usage: cchc calendar day NGÀY [--json]\n"
    "Một ngày có phải ngày làm việc không, và vì sao. Whether a day is a working day, and why.\n",
    "add",
    "cách dùng / usage: cchc calendar add THỜI_ĐIỂM N ĐƠN_VỊ [--after HH:MM] [--json]\n"
    "Hạn xử lý: tiếp nhận tại THỜI_ĐIỂM, thời hạn N ĐƠN_VỊ.\n"
    "Due moment of a time allowance of N units received at the given moment.\n"
    "  ĐƠN_VỊ / units: working_days (ngày làm việc, cùng giờ / same clock time),\n"
    "                  working_hours (giờ làm việc, qua giờ hành chính / through office hours),\n"
    "                  days (ngày lịch / calendar days, added plainly)\n"
    "  Tiếp nhận ngoài giờ hành chính tính từ đầu giờ làm việc kế tiếp.\n"
    "  A receipt outside office hours counts from the start of the next working period.\n"
    "  --after HH:MM  tiếp nhận sau giờ này tính từ ngày làm việc kế tiếp\n"
    "                 (receipts after this time count from the next working day)\n"
    "  --json   {\"from\":\"2024-02-07T09:00\",\"due\":\"2024-02-19T09:00\"}\n",
    "between",
    "cách dùng / usage: cchc calendar between TỪ ĐẾN [--pause TỪ,ĐẾN]... [--json]\n"
    "Thời gian làm việc (trong giờ hành chính của ngày làm việc) giữa hai thời điểm,\n"
    "trừ các khoảng tạm dừng. Working time (office hours of working days) between two\n"
    "moments, minus the pauses (overlaps count once).\n"
    "  --json   "
    "{\"from\":..,\"to\":..,\"working_minutes\":N,\"working_days\":X,\"day_minutes\":450,\n"
    "            \"paused_minutes\":P}  with X = N / day_minutes (3 decimals)\n",
    NULL};

/* "calendar <sub>" for the --help hint of usage errors (CLI process state). */
static char usage_cmd[32] = "calendar";

static void usage_all(FILE *out)
{
    fprintf(out, "cách dùng / usage: cchc calendar SUBCOMMAND [ARGS] [--json] [--data DIR]\n"
                 "Lịch âm, lịch làm việc cơ quan nhà nước, tính hạn / lunar calendar, agency "
                 "calendar, deadlines\n\n");
    for (int i = 0; usage_text[i]; i += 2)
        fprintf(out, "%s\n", usage_text[i + 1]);
    fprintf(out, "Dữ liệu lịch / calendar data: DIR/calendar/vn.json (+ province.json)\n");
}

static int sub_help(const char *sub)
{
    for (int i = 0; usage_text[i]; i += 2)
        if (strcmp(usage_text[i], sub) == 0)
            fputs(usage_text[i + 1], stdout);
    return 0;
}

static int usage_err(const err_t *e)
{
    return cli_usage_error(CMD, e->vi, e->en);
}

static int print_json(json_t *v)
{
    if (!v) {
        err_t e;
        err_nomem(&e);
        return cli_error(&e);
    }
    char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    json_decref(v);
    if (!s) {
        err_t e;
        err_nomem(&e);
        return cli_error(&e);
    }
    puts(s);
    free(s);
    return 0;
}

static int parse_moment(const char *s, dtime_t *t, err_t *e)
{
    int rc = dtime_parse(s, strlen(s), t);
    if (rc == ERR_RANGE)
        return err_set(e, ERR_INVALID, "calendar.arg_date", "Ngày giờ không tồn tại: '%s'",
                       "No such date or time: '%s'", s);
    if (rc)
        return err_set(e, ERR_INVALID, "calendar.arg_date",
                       "Ngày giờ không hợp lệ: '%s' (dùng 'YYYY-MM-DD HH:MM' hoặc 'dd/mm/yyyy "
                       "HH:MM')",
                       "Invalid date-time: '%s' (use 'YYYY-MM-DD HH:MM' or 'dd/mm/yyyy HH:MM')", s);
    return 0;
}

static int parse_day(const char *s, date_t *d, err_t *e)
{
    int rc = date_parse(s, strlen(s), d);
    if (rc == ERR_RANGE)
        return err_set(e, ERR_INVALID, "calendar.arg_date", "Ngày không tồn tại: '%s'",
                       "No such date: '%s'", s);
    if (rc)
        return err_set(e, ERR_INVALID, "calendar.arg_date",
                       "Ngày không hợp lệ: '%s' (dùng YYYY-MM-DD hoặc dd/mm/yyyy)",
                       "Invalid date: '%s' (use YYYY-MM-DD or dd/mm/yyyy)", s);
    return 0;
}

static bool parse_count(const char *s, long long *out)
{
    char *end;
    if (!*s)
        return false;
    long long v = strtoll(s, &end, 10);
    if (*end)
        return false;
    *out = v;
    return true;
}

static int parse_pause(args_t *a, const char *s)
{
    const char *comma = strchr(s, ',');
    err_t e;
    if (!comma || a->npauses >= MAX_PAUSES)
        return ERR_INVALID;
    worktime_interval_t *p = &a->pauses[a->npauses];
    char left[64];
    size_t n = (size_t)(comma - s);
    if (n >= sizeof left)
        return ERR_INVALID;
    memcpy(left, s, n);
    left[n] = '\0';
    if (parse_moment(left, &p->from, &e) || parse_moment(comma + 1, &p->to, &e))
        return ERR_INVALID;
    a->npauses++;
    return 0;
}

/* Options start with "--" (or are -h); everything else is positional, so a
 * negative count reaches the count check instead of the option parser. */
static int parse_args(int argc, char **argv, args_t *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 2; i < argc; i++) {
        const char *s = argv[i];
        const char **val = NULL;
        if (strcmp(s, "--json") == 0)
            a->json = true;
        else if (strcmp(s, "--leap") == 0)
            a->leap = true;
        else if (strcmp(s, "--from") == 0)
            val = &a->from;
        else if (strcmp(s, "--to") == 0)
            val = &a->to;
        else if (strcmp(s, "--after") == 0)
            val = &a->after;
        else if (strcmp(s, "--pause") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error(CMD, "thiếu giá trị cho --pause", "--pause needs a value");
            if (parse_pause(a, argv[++i]))
                return cli_usage_error(CMD,
                                       "--pause cần 'TỪ,ĐẾN' với hai thời điểm hợp lệ (tối đa 64)",
                                       "--pause needs 'FROM,TO' with two valid moments (max 64)");
        } else if (strncmp(s, "--", 2) == 0) {
            char vi[128], en[128];
            snprintf(vi, sizeof vi, "tùy chọn không hợp lệ '%s'", s);
            snprintf(en, sizeof en, "unknown option '%s'", s);
            return cli_usage_error(CMD, vi, en);
        } else if (a->npos >= MAX_POS)
            return cli_usage_error(CMD, "quá nhiều tham số", "too many arguments");
        else
            a->pos[a->npos++] = s;
        if (val) {
            if (i + 1 >= argc)
                return cli_usage_error(CMD, "thiếu giá trị cho tùy chọn", "option needs a value");
            *val = argv[++i];
        }
    }
    return 0;
}

static int want_pos(const args_t *a, int n)
{
    if (a->npos == n)
        return 0;
    return cli_usage_error(CMD, "số tham số không đúng", "wrong number of arguments");
}

static int load_cal(cli_ctx_t *ctx, agencycal_t **c)
{
    err_t e;
    if (calendar_load_load(ctx->data_dir, c, &e))
        return cli_error(&e);
    return 0;
}

/* --- lunar / solar ---------------------------------------------------------- */

static json_t *lunar_json(const lunar_date_t *l)
{
    char name[LUNAR_YEAR_NAME_MAX];
    return json_pack("{s:i,s:i,s:i,s:b,s:s}", "day", l->day, "month", l->month, "year", l->year,
                     "leap", l->leap, "year_name", lunar_year_name(l->year, name));
}

static int lunar_range_error(const char *s)
{
    err_t e;
    err_set(&e, ERR_RANGE, "lunar.range", "Ngày %s nằm ngoài phạm vi %s..%s",
            "Date %s is outside %s..%s", s, LUNAR_MIN_SOLAR, LUNAR_MAX_SOLAR);
    return cli_error(&e);
}

static int lunar_one(const args_t *a)
{
    date_t d;
    lunar_date_t l;
    err_t e;
    if (parse_day(a->pos[0], &d, &e))
        return usage_err(&e);
    if (lunar_from_solar(d, &l))
        return lunar_range_error(a->pos[0]);
    char s[DATE_ISO_LEN], name[LUNAR_YEAR_NAME_MAX];
    date_format(d, s);
    if (!a->json) {
        printf("%s = âm lịch / lunar %d/%d%s/%d (%s)\n", s, l.day, l.month,
               l.leap ? " nhuận/leap" : "", l.year, lunar_year_name(l.year, name));
        return 0;
    }
    return print_json(json_pack("{s:s,s:i,s:i,s:i,s:b,s:s}", "solar", s, "day", l.day, "month",
                                l.month, "year", l.year, "leap", l.leap, "year_name",
                                lunar_year_name(l.year, name)));
}

static int lunar_range(const args_t *a)
{
    date_t from, to;
    err_t e;
    if (a->npos || !a->from || !a->to)
        return cli_usage_error(CMD, "cần cả --from và --to (không kèm NGÀY)",
                               "needs both --from and --to (and no DATE)");
    if (parse_day(a->from, &from, &e) || parse_day(a->to, &to, &e))
        return usage_err(&e);
    if (from > to)
        return cli_usage_error(CMD, "--from phải không sau --to", "--from must not be after --to");
    lunar_date_t l;
    if (lunar_from_solar(from, &l))
        return lunar_range_error(a->from);
    if (lunar_from_solar(to, &l))
        return lunar_range_error(a->to);
    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    lunar_from_solar(from, &l);
    for (date_t d = from; d <= to; d++) {
        /* every lunar month has at least 29 days: convert only near month ends */
        if (d > from) {
            if (l.day < 29)
                l.day++;
            else
                lunar_from_solar(d, &l);
        }
        char s[DATE_ISO_LEN], name[LUNAR_YEAR_NAME_MAX];
        date_format(d, s);
        if (a->json)
            printf("{\"solar\":\"%s\",\"day\":%d,\"month\":%d,\"year\":%d,\"leap\":%s,"
                   "\"year_name\":\"%s\"}\n",
                   s, l.day, l.month, l.year, l.leap ? "true" : "false",
                   lunar_year_name(l.year, name));
        else
            printf("%s\t%d\t%d\t%d\t%d\n", s, l.day, l.month, l.year, l.leap ? 1 : 0);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

/* "d/m/yyyy" (also '-' '.') or "yyyy-mm-dd", no validity check beyond shape. */
static bool parse_lunar_text(const char *s, lunar_date_t *l)
{
    int a, b, c, n = 0;
    char s1, s2;
    if (sscanf(s, "%d%c%d%c%d%n", &a, &s1, &b, &s2, &c, &n) != 5 || s[n] || s1 != s2)
        return false;
    if (s1 == '-' && a > 31) {
        l->year = a;
        l->month = b;
        l->day = c;
    } else if (s1 == '/' || s1 == '-' || s1 == '.') {
        l->day = a;
        l->month = b;
        l->year = c;
    } else
        return false;
    return true;
}

static int lunar_invalid(const lunar_date_t *l)
{
    err_t e;
    if (l->month < 1 || l->month > 12)
        err_set(&e, ERR_INVALID, "lunar.invalid", "Tháng âm lịch %d không hợp lệ",
                "Invalid lunar month %d", l->month);
    else if (l->leap && lunar_leap_month(l->year) != l->month) {
        int lm = lunar_leap_month(l->year);
        if (lm > 0)
            err_set(&e, ERR_INVALID, "lunar.invalid",
                    "Năm âm lịch %d không có tháng %d nhuận (tháng nhuận là tháng %d)",
                    "Lunar year %d has no leap month %d (its leap month is %d)", l->year, l->month,
                    lm);
        else
            err_set(&e, ERR_INVALID, "lunar.invalid",
                    "Năm âm lịch %d không có tháng nhuận (tháng %d)",
                    "Lunar year %d has no leap month (month %d)", l->year, l->month);
    } else {
        int len = lunar_month_length(l->year, l->month, l->leap);
        err_set(&e, ERR_INVALID, "lunar.invalid",
                "Ngày %d/%d/%d âm lịch không tồn tại (tháng này có %d ngày)",
                "Lunar date %d/%d/%d does not exist (that month has %d days)", l->day, l->month,
                l->year, len);
    }
    return usage_err(&e);
}

static int solar_cmd(const args_t *a)
{
    int rc = want_pos(a, 1);
    if (rc)
        return rc;
    lunar_date_t l = {0};
    if (!parse_lunar_text(a->pos[0], &l))
        return cli_usage_error(CMD, "ngày âm lịch không hợp lệ (dùng d/m/yyyy)",
                               "invalid lunar date (use d/m/yyyy)");
    l.leap = a->leap;
    date_t d;
    rc = lunar_to_solar(&l, &d);
    if (rc == ERR_RANGE) {
        err_t e;
        err_set(&e, ERR_RANGE, "lunar.range", "Ngày âm lịch %d/%d/%d nằm ngoài phạm vi %s..%s",
                "Lunar date %d/%d/%d is outside %s..%s", l.day, l.month, l.year, LUNAR_MIN_SOLAR,
                LUNAR_MAX_SOLAR);
        return cli_error(&e);
    }
    if (rc)
        return lunar_invalid(&l);
    char s[DATE_ISO_LEN];
    date_format(d, s);
    if (!a->json) {
        printf("%s\n", s);
        return 0;
    }
    return print_json(json_pack("{s:o,s:s}", "lunar", lunar_json(&l), "solar", s));
}

/* --- year / day --------------------------------------------------------------- */

static int year_text(const agencycal_t *c, int year)
{
    static const char *wd[] = {"CN", "T2", "T3", "T4", "T5", "T6", "T7"};
    printf("Năm / year %d%s — %s %s\n", year,
           agencycal_year_provisional(c, year) ? " (tạm tính / provisional)" : "", agencycal_id(c),
           agencycal_version(c));
    for (date_t d = date_from_ymd(year, 1, 1); d <= date_from_ymd(year, 12, 31); d++) {
        agencycal_day_t day;
        agencycal_day(c, d, &day, NULL);
        if (day.reason == AGENCYCAL_R_WORK || day.reason == AGENCYCAL_R_REST)
            continue;
        char s[DATE_ISO_LEN];
        date_format(d, s);
        printf("%s %s  %-12s %-13s %s%s\n", s, wd[date_weekday(d)],
               day.working ? "làm việc/work" : "nghỉ/off", agencycal_reason_name(day.reason),
               day.name ? day.name : "", day.provisional ? " [tạm tính/provisional]" : "");
    }
    const char *ref = agencycal_year_reference(c, year);
    if (ref)
        printf("Căn cứ / reference: %s\n", ref);
    return 0;
}

static json_t *year_json(const agencycal_t *c, int year)
{
    json_t *off = json_array(), *worked = json_array(), *hol = json_array();
    json_t *o = json_pack("{s:i,s:b,s:o,s:o,s:o,s:s,s:s?}", "year", year, "provisional",
                          agencycal_year_provisional(c, year) == 1, "days_off", off,
                          "worked_weekend_days", worked, "holidays", hol, "calendar_version",
                          agencycal_version(c), "reference", agencycal_year_reference(c, year));
    if (!o)
        return NULL;
    int rc = 0;
    for (date_t d = date_from_ymd(year, 1, 1); !rc && d <= date_from_ymd(year, 12, 31); d++) {
        agencycal_day_t day;
        agencycal_day(c, d, &day, NULL);
        char s[DATE_ISO_LEN];
        date_format(d, s);
        int w = date_weekday(d);
        bool weekend = w == 0 || w == 6;
        if (!day.working && !weekend)
            rc |= json_array_append_new(off, json_string(s));
        if (day.working && weekend)
            rc |= json_array_append_new(worked, json_string(s));
        if (!day.working && day.reason != AGENCYCAL_R_REST)
            rc |= json_array_append_new(hol, json_pack("{s:s,s:s,s:s,s:b}", "date", s, "name",
                                                       day.name ? day.name : "", "reason",
                                                       agencycal_reason_name(day.reason),
                                                       "provisional", day.provisional));
    }
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int parse_year(const char *s, int *year)
{
    long long y;
    if (!parse_count(s, &y) || y < 1000 || y > 9999)
        return cli_usage_error(CMD, "năm không hợp lệ", "invalid year");
    *year = (int)y;
    return 0;
}

static int year_cmd(cli_ctx_t *ctx, const args_t *a)
{
    int year = 0, rc = want_pos(a, 1);
    rc = rc ? rc : parse_year(a->pos[0], &year);
    if (rc)
        return rc;
    if (year < AGENCYCAL_YEAR_MIN || year > AGENCYCAL_YEAR_MAX) {
        err_t e;
        err_set(&e, ERR_RANGE, "calendar.range", "Năm %d nằm ngoài phạm vi lịch %d–%d",
                "Year %d is outside the calendar range %d-%d", year, AGENCYCAL_YEAR_MIN,
                AGENCYCAL_YEAR_MAX);
        return cli_error(&e);
    }
    agencycal_t *c;
    rc = load_cal(ctx, &c);
    if (rc)
        return rc;
    rc = a->json ? print_json(year_json(c, year)) : year_text(c, year);
    agencycal_free(c);
    return rc;
}

static int day_cmd(cli_ctx_t *ctx, const args_t *a)
{
    int rc = want_pos(a, 1);
    date_t d;
    err_t e;
    if (rc)
        return rc;
    if (parse_day(a->pos[0], &d, &e))
        return usage_err(&e);
    agencycal_t *c;
    rc = load_cal(ctx, &c);
    if (rc)
        return rc;
    agencycal_day_t day;
    if (agencycal_day(c, d, &day, &e)) {
        agencycal_free(c);
        return cli_error(&e);
    }
    char s[DATE_ISO_LEN];
    date_format(d, s);
    if (a->json)
        rc = print_json(json_pack("{s:s,s:s,s:b,s:s,s:s?,s:b,s:s?}", "date", s, "weekday",
                                  agencycal_weekday_name(date_weekday(d)), "working", day.working,
                                  "reason", agencycal_reason_name(day.reason), "name", day.name,
                                  "provisional", day.provisional, "reference", day.reference));
    else
        printf("%s %s: %s (%s)%s%s%s\n", s, agencycal_weekday_name(date_weekday(d)),
               day.working ? "ngày làm việc / working day" : "ngày nghỉ / day off",
               agencycal_reason_name(day.reason), day.name ? " — " : "", day.name ? day.name : "",
               day.provisional ? " [tạm tính/provisional]" : "");
    agencycal_free(c);
    return rc;
}

/* --- add / between -------------------------------------------------------------- */

static void fmt_moment(dtime_t t, char out[DTIME_ISO_LEN])
{
    if ((t % 60 + 60) % 60)
        dtime_format(t, out);
    else
        dtime_format_min(t, out);
}

static int parse_after(const char *s, worktime_rule_t *rule)
{
    int h, m, n = 0;
    if (sscanf(s, "%d:%d%n", &h, &m, &n) != 2 || s[n] || h < 0 || h > 23 || m < 0 || m > 59)
        return cli_usage_error(CMD, "--after cần giờ dạng HH:MM", "--after needs a time HH:MM");
    rule->cutoff_minute = h * 60 + m;
    return 0;
}

static int add_cmd(cli_ctx_t *ctx, const args_t *a)
{
    int rc = want_pos(a, 3);
    dtime_t from, due;
    long long n;
    worktime_unit_t unit;
    worktime_rule_t rule = WORKTIME_RULE_DEFAULT;
    err_t e;
    if (rc)
        return rc;
    if (parse_moment(a->pos[0], &from, &e))
        return usage_err(&e);
    if (!parse_count(a->pos[1], &n))
        return cli_usage_error(CMD, "số lượng phải là số nguyên", "the count must be an integer");
    if (n < 0) {
        err_set(&e, ERR_INVALID, "worktime.negative", "Số lượng không được âm (%lld)",
                "The count must not be negative (%lld)", n);
        return usage_err(&e);
    }
    if (worktime_unit_parse(a->pos[2], &unit, &e))
        return usage_err(&e);
    if (a->after) {
        rc = parse_after(a->after, &rule);
        if (rc)
            return rc;
    }
    agencycal_t *c;
    rc = load_cal(ctx, &c);
    if (rc)
        return rc;
    rc = worktime_due(c, from, n, unit, &rule, &due, &e);
    agencycal_free(c);
    if (rc)
        return rc == ERR_INVALID ? usage_err(&e) : cli_error(&e);
    char fs[DTIME_ISO_LEN], ds[DTIME_ISO_LEN];
    fmt_moment(from, fs);
    fmt_moment(due, ds);
    if (a->json)
        return print_json(json_pack("{s:s,s:s}", "from", fs, "due", ds));
    printf("%s + %lld %s = %s\n", fs, n, worktime_unit_name(unit), ds);
    return 0;
}

static int between_cmd(cli_ctx_t *ctx, const args_t *a)
{
    int rc = want_pos(a, 2);
    dtime_t from, to;
    err_t e;
    if (rc)
        return rc;
    if (parse_moment(a->pos[0], &from, &e) || parse_moment(a->pos[1], &to, &e))
        return usage_err(&e);
    agencycal_t *c;
    rc = load_cal(ctx, &c);
    if (rc)
        return rc;
    worktime_span_t all, net;
    rc = worktime_between(c, from, to, NULL, 0, &all, &e);
    rc = rc ? rc : worktime_between(c, from, to, a->pauses, a->npauses, &net, &e);
    agencycal_free(c);
    if (rc)
        return rc == ERR_INVALID ? usage_err(&e) : cli_error(&e);
    char fs[DTIME_ISO_LEN], ts[DTIME_ISO_LEN];
    fmt_moment(from, fs);
    fmt_moment(to, ts);
    double days = (double)(long long)(net.working_days * 1000.0 + 0.5) / 1000.0;
    if (a->json)
        return print_json(json_pack(
            "{s:s,s:s,s:I,s:f,s:i,s:I}", "from", fs, "to", ts, "working_minutes",
            (json_int_t)net.working_minutes, "working_days", days, "day_minutes", net.day_minutes,
            "paused_minutes", (json_int_t)(all.working_minutes - net.working_minutes)));
    printf("%s → %s: %lld phút làm việc / working minutes = %.3f ngày làm việc / working days "
           "(%d phút/ngày, minutes/day)\n",
           fs, ts, (long long)net.working_minutes, days, net.day_minutes);
    return 0;
}

int cmd_calendar(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 2) {
        usage_all(stderr);
        return 2;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
        usage_all(stdout);
        return 0;
    }
    bool known = false;
    for (int i = 0; usage_text[i]; i += 2)
        known = known || strcmp(usage_text[i], sub) == 0;
    if (!known) {
        fprintf(stderr, "lỗi: lệnh con không tồn tại '%s'\nerror: unknown subcommand '%s'\n", sub,
                sub);
        usage_all(stderr);
        return 2;
    }
    if (cli_wants_help(argc - 1, argv + 1))
        return sub_help(sub);
    snprintf(usage_cmd, sizeof usage_cmd, "calendar %s", sub);
    args_t args;
    args_t *a = &args;
    int rc = parse_args(argc, argv, a);
    if (!rc) {
        if (strcmp(sub, "lunar") == 0)
            rc = a->from || a->to ? lunar_range(a) : want_pos(a, 1) ? 2 : lunar_one(a);
        else if (strcmp(sub, "solar") == 0)
            rc = solar_cmd(a);
        else if (strcmp(sub, "year") == 0)
            rc = year_cmd(ctx, a);
        else if (strcmp(sub, "day") == 0)
            rc = day_cmd(ctx, a);
        else if (strcmp(sub, "add") == 0)
            rc = add_cmd(ctx, a);
        else
            rc = between_cmd(ctx, a);
    }
    return rc;
}
