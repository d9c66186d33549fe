/* cmd_deadline.c - `cchc deadline parse`: deadline texts to schedules. */
#include "cli/cmd.h"

#include "base/buf.h"
#include "base/date.h"
#include "base/dtime.h"
#include "base/mem.h"
#include "base/sv.h"
#include "domain/deadline.h"

#include <string.h>

#include "base/banned.h"

static void usage(FILE *out)
{
    fprintf(out,
            "Cách dùng / usage:\n"
            "  cchc deadline parse TEXT [--year Y] [--json]\n"
            "  cchc deadline parse --stdin [--year Y] [--json]\n\n"
            "Phân tích biểu thức thời hạn của nhiệm vụ (\"Quý IV/2023\", \"Định kỳ theo báo cáo "
            "CCHC\"…)\nthành lịch thời hạn. / Parses a task deadline expression into a "
            "schedule.\n\n"
            "  --year Y   năm của kế hoạch, dùng khi văn bản không ghi năm (mặc định: năm nay)\n"
            "             plan year, used for texts without a year (default: this year)\n"
            "  --json     in JSON một dòng / print one JSON line\n"
            "  --stdin    đọc mỗi dòng một thời hạn / read one text per line (JSON Lines with "
            "--json)\n");
}

static const char *kind_vi(deadline_kind_t k)
{
    static const char *const vi[] = {"không xác định", "một thời hạn", "nhiều thời hạn",  "định kỳ",
                                     "thường xuyên",   "theo sự kiện", "theo từng đơn vị"};
    return (int)k >= 0 && (size_t)k < sizeof vi / sizeof vi[0] ? vi[k] : "?";
}

static const char *recurrence_vi(deadline_recurrence_t r)
{
    static const char *const vi[] = {"",        "hằng tháng", "hằng quý",
                                     "6 tháng", "hằng năm",   "theo kỳ báo cáo"};
    return (int)r >= 0 && (size_t)r < sizeof vi / sizeof vi[0] ? vi[r] : "?";
}

static void print_date_line(const char *label, date_t d, int indent)
{
    char vn[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return;
    date_format_vn(d, vn);
    printf("%*s%s: %s\n", indent, "", label, vn);
}

static void print_summary(const deadline_schedule_t *s, int indent)
{
    static const char *const period_vi[] = {"tháng", "quý", "6 tháng", "9 tháng", "năm"};
    printf("%*sThời hạn / text: %s\n", indent, "", s->text);
    printf("%*sLoại / kind: %s / %s\n", indent, "", kind_vi(s->kind), deadline_kind_name(s->kind));
    for (size_t i = 0; i < s->ndates; i++)
        print_date_line("Hạn / due", s->dates[i], indent);
    if (s->recurrence != DEADLINE_REC_NONE) {
        printf("%*sLặp lại / recurrence: %s / %s", indent, "", recurrence_vi(s->recurrence),
               deadline_recurrence_name(s->recurrence));
        for (int k = 0, n = 0; k < 5; k++)
            if (s->periods & (1u << k))
                printf("%s%s", n++ ? ", " : " (", period_vi[k]);
        printf("%s\n", s->periods ? ")" : "");
    }
    print_date_line("Từ / from", s->from, indent);
    print_date_line("Đến / until", s->until, indent);
    if (s->due_kind == DEADLINE_DUE_DAY_OF_LAST_MONTH)
        printf("%*sHạn nộp mỗi kỳ / due each period: ngày %d của tháng cuối kỳ / day %d of the "
               "last month\n",
               indent, "", s->due_n, s->due_n);
    else if (s->due_kind == DEADLINE_DUE_DAYS_AFTER_END)
        printf("%*sHạn nộp mỗi kỳ / due each period: %d ngày sau khi kết thúc kỳ / %d days "
               "after the period\n",
               indent, "", s->due_n, s->due_n);
    if (s->event)
        printf("%*sSự kiện / event: %s\n", indent, "", s->event);
    for (size_t i = 0; i < s->nassignees; i++) {
        printf("%*sĐơn vị / assignee: %s\n", indent, "",
               s->assignees[i].text[0] ? s->assignees[i].text : "(chung / all)");
        print_summary(s->assignees[i].schedule, indent + 4);
    }
    for (size_t i = 0; i < s->nwarnings; i++)
        printf("%*sCảnh báo / warning: %s / %s\n", indent, "", s->warnings[i].vi,
               s->warnings[i].en);
}

static int parse_one(const char *text, size_t n, int year, bool json)
{
    err_t e;
    deadline_schedule_t *s = NULL;
    if (deadline_parse(text, n, year, &s, &e) != 0)
        return cli_error(&e);
    int rc = 0;
    if (json) {
        json_t *j = deadline_to_json(s);
        if (!j) {
            err_nomem(&e);
            rc = cli_error(&e);
        } else {
            rc = cli_print_json_line(j);
            json_decref(j);
        }
    } else {
        print_summary(s, 0);
    }
    deadline_free(s);
    return rc;
}

static int parse_stdin(int year, bool json)
{
    char line[DEADLINE_TEXT_MAX + 2];
    int rc = 0;
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strcspn(line, "\r\n");
        if (sv_trim(sv_make(line, n)).n == 0)
            continue;
        rc |= parse_one(line, n, year, json);
        if (!json)
            printf("\n");
    }
    return rc ? 1 : 0;
}

int cmd_deadline(cli_ctx_t *ctx, int argc, char **argv)
{
    (void)ctx;
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc < 2 || strcmp(argv[1], "parse") != 0)
        return cli_usage_error("deadline", "thiếu lệnh con 'parse'", "missing subcommand 'parse'");
    int year = date_year(dtime_date(dtime_now()));
    bool json = false, from_stdin = false;
    buf_t text = BUF_INIT(BUF_MAX_TEXT);
    int rc = 0;
    for (int i = 2; i < argc && !rc; i++) {
        long y;
        if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (strcmp(argv[i], "--stdin") == 0) {
            from_stdin = true;
        } else if (strcmp(argv[i], "--year") == 0) {
            if (i + 1 >= argc || !sv_to_long(sv_from(argv[i + 1]), &y) || y < DEADLINE_YEAR_MIN ||
                y > DEADLINE_YEAR_MAX)
                rc = cli_usage_error("deadline", "--year cần một năm (1900..2199)",
                                     "--year needs a year (1900..2199)");
            else
                year = (int)y;
            i++;
        } else if (strncmp(argv[i], "--", 2) == 0) {
            rc = cli_usage_error("deadline", "tùy chọn không hợp lệ", "unknown option");
        } else if ((text.len && buf_putc(&text, ' ')) || buf_puts(&text, argv[i])) {
            err_t e;
            err_nomem(&e);
            rc = cli_error(&e);
        }
    }
    if (!rc && from_stdin == (text.len > 0))
        rc = cli_usage_error("deadline", "cần đúng một trong TEXT hoặc --stdin",
                             "give exactly one of TEXT or --stdin");
    if (!rc)
        rc = from_stdin ? parse_stdin(year, json) : parse_one(text.data, text.len, year, json);
    buf_release(&text);
    return rc;
}
