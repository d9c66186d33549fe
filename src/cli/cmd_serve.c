/* cmd_serve.c - cchc serve: the web UI and JSON API. */
#include "cli/cmd.h"

#include "app/app.h"
#include "base/log.h"
#include "cli/remind_sched.h"
#include "http/api.h"
#include "io/remind_config.h"
#include "io/remind_smtp.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Request bodies up to this size are read (file uploads); JSON bodies are
 * still capped at HTTP_MAX_JSON_BODY by http_req_json. */
#define SERVE_MAX_BODY (25u * 1024 * 1024)
/* Room for an upload of the evidence limit when only --evidence-max is given. */
#define SERVE_BODY_SLACK (64u * 1024)

static void usage(void)
{
    printf(
        "Cách dùng / usage: cchc serve [--listen ĐỊA_CHỈ:CỔNG] [--threads N] [--max-body N] "
        "[--evidence-dir DIR] [--evidence-max N]\n"
        "  --listen       địa chỉ lắng nghe / listen address (mặc định / default %s)\n"
        "  --threads      số luồng / polling threads (default %d)\n"
        "  --max-body     kích thước tối đa của thân yêu cầu (byte) / request body limit "
        "(bytes, default %u; JSON: %d)\n"
        "  --evidence-dir thư mục lưu tệp minh chứng / evidence file store (default "
        "DATA/evidence)\n"
        "  --evidence-max kích thước tối đa của một tệp minh chứng (byte) / largest evidence "
        "file (bytes, default %u)\n"
        "  --secure-cookies cookie phiên có cờ Secure (sau proxy HTTPS) / mark the session "
        "cookie Secure (behind an HTTPS proxy)\n"
        "  --allowed-origin ORIGIN nguồn gốc công khai được phép gửi yêu cầu thay đổi dữ liệu "
        "(sau proxy, vd. https://cchc.tinh.gov.vn; lặp lại được) / public origin allowed to send "
        "state-changing requests (behind a proxy; repeatable)\n"
        "  --config TỆP   tệp cấu hình (thư, bộ lập lịch nhắc hạn; mặc định $CCHC_CONFIG) / "
        "configuration file (mail, reminder scheduler; default $CCHC_CONFIG)\n"
        "  --remind-at HH:MM bật bộ lập lịch nhắc hạn, chạy hằng ngày lúc HH:MM / run the "
        "reminder scheduler daily at HH:MM\n"
        "  --no-remind    tắt bộ lập lịch nhắc hạn / no reminder scheduler\n"
        "Dừng bằng Ctrl-C (SIGINT) hoặc SIGTERM / stop with Ctrl-C or SIGTERM.\n",
        HTTP_DEFAULT_LISTEN, HTTP_DEFAULT_THREADS, SERVE_MAX_BODY, HTTP_MAX_JSON_BODY,
        APP_EVIDENCE_MAX_DEFAULT);
}

static int parse_size(const char *s, size_t min, size_t *out)
{
    char *end = NULL;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-' || v < min || v > (1ull << 40))
        return -1;
    *out = (size_t)v;
    return 0;
}

/* Appends origin ("scheme://host[:port]", no comma, no path) to the
 * comma-separated list in buf. */
static int origins_add(char *buf, size_t cap, const char *origin)
{
    const char *p = strstr(origin, "://");
    if (!p || p == origin || !p[3] || strpbrk(origin, ", ") || strchr(p + 3, '/'))
        return -1;
    size_t len = strlen(buf);
    int n = snprintf(buf + len, cap - len, "%s%s", len ? "," : "", origin);
    return n < 0 || (size_t)n >= cap - len ? -1 : 0;
}

int cmd_serve(cli_ctx_t *ctx, int argc, char **argv)
{
    char origins[1024] = "";
    static struct option opts[] = {{"listen", required_argument, 0, 'l'},
                                   {"threads", required_argument, 0, 't'},
                                   {"max-body", required_argument, 0, 'm'},
                                   {"secure-cookies", no_argument, 0, 's'},
                                   {"allowed-origin", required_argument, 0, 'O'},
                                   {"evidence-dir", required_argument, 0, 'E'},
                                   {"evidence-max", required_argument, 0, 'X'},
                                   {"config", required_argument, 0, 'C'},
                                   {"remind-at", required_argument, 0, 'R'},
                                   {"no-remind", no_argument, 0, 'N'},
                                   {"help", no_argument, 0, 'h'},
                                   {0, 0, 0, 0}};
    http_config_t cfg = {0};
    cfg.listen = HTTP_DEFAULT_LISTEN;
    cfg.web_dir = ctx->web_dir;
    app_config_t acfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    const char *config = getenv("CCHC_CONFIG"), *remind_at = NULL;
    bool no_remind = false;
    int c;
    optind = 1;
    for (;;) {
        c = getopt_long(argc, argv, "h", opts, NULL);
        if (c == -1)
            break;
        char *end = NULL;
        switch (c) {
        case 'l':
            cfg.listen = optarg;
            break;
        case 't':
            cfg.threads = (unsigned)strtoul(optarg, &end, 10);
            if (!*optarg || *end || cfg.threads < 1 || cfg.threads > 64)
                return cli_usage_error("serve", "--threads phải từ 1 đến 64",
                                       "--threads must be 1..64");
            break;
        case 'm':
            if (parse_size(optarg, 1024, &cfg.max_body))
                return cli_usage_error("serve", "--max-body không hợp lệ (>= 1024)",
                                       "invalid --max-body (>= 1024)");
            break;
        case 's':
            cfg.secure_cookies = true;
            break;
        case 'O':
            if (origins_add(origins, sizeof origins, optarg))
                return cli_usage_error("serve", "--allowed-origin không hợp lệ",
                                       "invalid --allowed-origin");
            cfg.allowed_origins = origins;
            break;
        case 'E':
            acfg.evidence_dir = optarg;
            break;
        case 'X':
            if (parse_size(optarg, 1, &acfg.evidence_max))
                return cli_usage_error("serve", "--evidence-max không hợp lệ (>= 1)",
                                       "invalid --evidence-max (>= 1)");
            break;
        case 'C':
            config = optarg;
            break;
        case 'R':
            remind_at = optarg;
            break;
        case 'N':
            no_remind = true;
            break;
        case 'h':
            usage();
            return 0;
        default:
            return cli_usage_error("serve", "tùy chọn không hợp lệ", "invalid option");
        }
    }
    if (!cfg.max_body) {
        cfg.max_body = SERVE_MAX_BODY;
        if (acfg.evidence_max + SERVE_BODY_SLACK > cfg.max_body)
            cfg.max_body = acfg.evidence_max + SERVE_BODY_SLACK;
    }
    err_t e;
    remind_config_t rcfg;
    if (remind_config_load(config, &rcfg, &e) || remind_smtp_init(&e))
        return cli_error(&e);
    if (remind_at) {
        int h = -1, m = -1;
        char tail = 0;
        if (strlen(remind_at) != 5 || sscanf(remind_at, "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 ||
            h > 23 || m < 0 || m > 59)
            return cli_usage_error("serve", "--remind-at phải có dạng HH:MM",
                                   "--remind-at must be HH:MM");
        rcfg.sched_on = true;
        rcfg.sched_minute = h * 60 + m;
    }
    rcfg.sched_on = rcfg.sched_on && !no_remind;
    app_t *a;
    if (app_open(&acfg, &a, &e))
        return cli_error(&e);
    http_server_t *srv = http_server_new(&cfg, api_routes, &api_hooks, a, &e);
    int rc = srv ? http_server_start(srv, &e) : -1;
    if (rc) {
        http_server_free(srv);
        app_close(a);
        return cli_error(&e);
    }
    char where[512]; /* never log a password */
    store_location_redact(ctx->db_path, where, sizeof where);
    log_info("cchc serving on http://%s (database %s)", cfg.listen, where);
    remind_sched_t *sched = NULL;
    if (rcfg.sched_on && remind_sched_start(a, &rcfg, &sched, &e))
        log_warn("remind: %s", e.en);
    rc = http_server_run_until_signal(srv);
    remind_sched_stop(sched);
    http_server_free(srv);
    app_close(a);
    return rc ? 1 : 0;
}
