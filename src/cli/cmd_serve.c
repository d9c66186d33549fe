/* cmd_serve.c - cchc serve: the web UI and JSON API. */
#include "cli/cmd.h"

#include "app/app.h"
#include "base/log.h"
#include "base/mem.h"
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
#define SERVE_LOG_MAX    (64u * 1024 * 1024) /* --log-file rotation size */
#define SERVE_LOG_KEEP   5
#define SERVE_LIST_MAX   1024 /* bytes of a comma-separated list option */
#define SERVE_LIMITS_MAX 16

static void usage(void)
{
    printf(
        "Cách dùng / usage: cchc serve [TÙY CHỌN / OPTIONS]\n"
        "  --listen ĐỊA_CHỈ:CỔNG  địa chỉ lắng nghe / listen address (default %s)\n"
        "  --threads N      số luồng nhận yêu cầu / polling threads (default %d)\n"
        "  --max-body N     thân yêu cầu tối đa (byte) / request body limit (default %u; JSON: "
        "%d)\n"
        "  --evidence-dir DIR  thư mục tệp minh chứng / evidence file store (default "
        "DATA/evidence)\n"
        "  --evidence-max N tệp minh chứng lớn nhất (byte) / largest evidence file (default %u)\n"
        "An toàn / security:\n"
        "  --server-name TÊN   tên miền của hệ thống (lặp lại được); yêu cầu mang Host khác bị từ "
        "chối 421 / the system's DNS name (repeatable); other Host values get 421\n"
        "  --secure-cookies    luôn đặt cờ Secure / always mark the session cookie Secure "
        "(default: Secure unless listening on loopback)\n"
        "  --insecure-cookies  không đặt cờ Secure (mạng thử nghiệm không HTTPS) / never Secure\n"
        "  --allowed-origin ORIGIN  nguồn gốc công khai sau proxy (lặp lại được) / public origin "
        "allowed to send state-changing requests (behind a proxy; repeatable)\n"
        "  --trusted-proxy ĐỊA_CHỈ[/n]  proxy tin cậy: chỉ từ đó mới đọc X-Forwarded-For (lặp lại "
        "được) / reverse proxy whose X-Forwarded-For is honoured (repeatable)\n"
        "  --rate-limit TÊN=N[/B]  giới hạn N yêu cầu/phút, B liên tiếp, mỗi địa chỉ; 0 = bỏ "
        "(login, lookup, feedback) / N requests a minute per address, bursts of B; 0 = off\n"
        "  --lookup-factor none|received-date  tra cứu hồ sơ công khai cần thêm ngày tiếp nhận / "
        "the public dossier lookup also needs the receipt date\n"
        "Tải nặng / heavy work:\n"
        "  --work-threads N --work-queue N --work-seconds N --work-memory MiB  luồng xử lý tài "
        "liệu / document workers, queue, time and memory budget per job (default %d, %d, %d s, "
        "%zu MiB)\n"
        "  --hash-threads N --hash-queue N --hash-wait-ms N  băm mật khẩu đồng thời / concurrent "
        "password hashes, queue, longest wait (default half the processors, %d, %d ms)\n"
        "Nhật ký / logs:\n"
        "  --log-file PATH [--log-max-size N] [--log-keep K]  ghi ra tệp, xoay vòng theo kích "
        "thước / write to a file rotated by size (default: stderr, for systemd; %u bytes, %d "
        "files)\n"
        "Nhắc hạn / reminders:\n"
        "  --config TỆP   tệp cấu hình (thư, bộ lập lịch nhắc hạn; mặc định $CCHC_CONFIG) / "
        "configuration file (mail, reminder scheduler; default $CCHC_CONFIG)\n"
        "  --remind-at HH:MM bật bộ lập lịch nhắc hạn, chạy hằng ngày lúc HH:MM / run the "
        "reminder scheduler daily at HH:MM\n"
        "  --no-remind    tắt bộ lập lịch nhắc hạn / no reminder scheduler\n"
        "Dừng bằng Ctrl-C (SIGINT) hoặc SIGTERM / stop with Ctrl-C or SIGTERM.\n",
        HTTP_DEFAULT_LISTEN, HTTP_DEFAULT_THREADS, SERVE_MAX_BODY, HTTP_MAX_JSON_BODY,
        APP_EVIDENCE_MAX_DEFAULT, HTTP_DEFAULT_WORK_THREADS, HTTP_DEFAULT_WORK_QUEUE,
        HTTP_DEFAULT_WORK_SECONDS, HTTP_DEFAULT_WORK_MEMORY >> 20, HTTP_DEFAULT_HASH_QUEUE,
        HTTP_DEFAULT_HASH_WAIT_MS, SERVE_LOG_MAX, SERVE_LOG_KEEP);
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

static int parse_uint(const char *s, unsigned min, unsigned max, unsigned *out)
{
    size_t v;
    if (parse_size(s, min, &v) || v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* Appends item to the comma-separated list in buf. */
static int list_add(char *buf, size_t cap, const char *item)
{
    size_t len = strlen(buf);
    int n = snprintf(buf + len, cap - len, "%s%s", len ? "," : "", item);
    return n < 0 || (size_t)n >= cap - len ? -1 : 0;
}

/* Appends origin ("scheme://host[:port]", no comma, no path). */
static int origins_add(char *buf, size_t cap, const char *origin)
{
    const char *p = strstr(origin, "://");
    if (!p || p == origin || !p[3] || strpbrk(origin, ", ") || strchr(p + 3, '/'))
        return -1;
    return list_add(buf, cap, origin);
}

typedef struct serve_opts {
    http_config_t http;
    app_config_t app;
    char origins[SERVE_LIST_MAX], names[SERVE_LIST_MAX], proxies[SERVE_LIST_MAX];
    http_ratelimit_rule_t limits[SERVE_LIMITS_MAX + 4];
    char limit_bufs[SERVE_LIMITS_MAX][64];
    size_t nlimits;
    const char *log_file;
    size_t log_max;
    unsigned log_keep;
    size_t work_mib;
    const char *config, *remind_at; /* reminders: the configuration file, the daily time */
    bool no_remind;
} serve_opts_t;

/* A --rate-limit replaces the default class of its name or adds one. */
static int add_limit(serve_opts_t *o, const char *spec)
{
    http_ratelimit_rule_t r;
    err_t e;
    if (o->nlimits >= SERVE_LIMITS_MAX ||
        http_ratelimit_parse(spec, o->limit_bufs[o->nlimits], sizeof o->limit_bufs[0], &r, &e))
        return -1;
    o->nlimits++;
    for (size_t i = 0; o->limits[i].name; i++)
        if (strcmp(o->limits[i].name, r.name) == 0) {
            o->limits[i] = r;
            return 0;
        }
    size_t n = 0;
    while (o->limits[n].name)
        n++;
    o->limits[n] = r;
    o->limits[n + 1] = (http_ratelimit_rule_t){0};
    return 0;
}

static int opt_error(const char *vi, const char *en)
{
    return cli_usage_error("serve", vi, en);
}

/* One option; 0, or the exit status of a usage error. */
static int take_option(serve_opts_t *o, int c, const char *arg)
{
    http_config_t *h = &o->http;
    switch (c) {
    case 'l':
        h->listen = arg;
        return 0;
    case 't':
        return parse_uint(arg, 1, 64, &h->threads)
                   ? opt_error("--threads phải từ 1 đến 64", "--threads must be 1..64")
                   : 0;
    case 'm':
        return parse_size(arg, 1024, &h->max_body)
                   ? opt_error("--max-body không hợp lệ (>= 1024)", "invalid --max-body (>= 1024)")
                   : 0;
    case 's':
        h->secure_cookies = true;
        return 0;
    case 'i':
        h->insecure_cookies = true;
        return 0;
    case 'O':
        return origins_add(o->origins, sizeof o->origins, arg)
                   ? opt_error("--allowed-origin không hợp lệ", "invalid --allowed-origin")
                   : 0;
    case 'N':
        return list_add(o->names, sizeof o->names, arg)
                   ? opt_error("--server-name quá dài", "--server-name too long")
                   : 0;
    case 'P':
        return list_add(o->proxies, sizeof o->proxies, arg)
                   ? opt_error("--trusted-proxy quá dài", "--trusted-proxy too long")
                   : 0;
    case 'R':
        return add_limit(o, arg) ? opt_error("--rate-limit không hợp lệ (TÊN=N hoặc TÊN=N/B)",
                                             "invalid --rate-limit (NAME=N or NAME=N/B)")
                                 : 0;
    case 'E':
        o->app.evidence_dir = arg;
        return 0;
    case 'X':
        return parse_size(arg, 1, &o->app.evidence_max)
                   ? opt_error("--evidence-max không hợp lệ (>= 1)",
                               "invalid --evidence-max (>= 1)")
                   : 0;
    case 'C':
        o->config = arg;
        return 0;
    case 'A':
        o->remind_at = arg;
        return 0;
    case 'n':
        o->no_remind = true;
        return 0;
    case 'F':
        if (strcmp(arg, "none") == 0)
            o->app.lookup_factor = APP_LOOKUP_CODE;
        else if (strcmp(arg, "received-date") == 0)
            o->app.lookup_factor = APP_LOOKUP_RECEIVED_DATE;
        else
            return opt_error("--lookup-factor phải là none hoặc received-date",
                             "--lookup-factor must be none or received-date");
        return 0;
    default:
        break;
    }
    return -1;
}

/* The numeric pool and log options. */
static int take_number(serve_opts_t *o, int c, const char *arg)
{
    http_config_t *h = &o->http;
    int bad = 0;
    switch (c) {
    case 'w':
        bad = parse_uint(arg, 1, 64, &h->work_threads);
        break;
    case 'q':
        bad = parse_uint(arg, 1, 10000, &h->work_queue);
        break;
    case 'S':
        bad = parse_uint(arg, 1, 86400, &h->work_seconds);
        break;
    case 'M':
        bad = parse_size(arg, 16, &o->work_mib) || o->work_mib > (1u << 20);
        break;
    case 'H':
        bad = parse_uint(arg, 1, 64, &h->hash_threads);
        break;
    case 'Q':
        bad = parse_uint(arg, 1, 10000, &h->hash_queue);
        break;
    case 'W':
        bad = parse_uint(arg, 1, 600000, &h->hash_wait_ms);
        break;
    case 'L':
        o->log_file = arg;
        break;
    case 'Z':
        bad = parse_size(arg, LOG_ROTATE_MIN, &o->log_max);
        break;
    case 'K':
        bad = parse_uint(arg, 1, LOG_ROTATE_KEEP, &o->log_keep);
        break;
    default:
        return take_option(o, c, arg);
    }
    return bad ? opt_error("giá trị số không hợp lệ cho một tùy chọn",
                           "invalid number for an option")
               : 0;
}

static int parse_args(serve_opts_t *o, int argc, char **argv)
{
    static struct option opts[] = {{"listen", required_argument, 0, 'l'},
                                   {"threads", required_argument, 0, 't'},
                                   {"max-body", required_argument, 0, 'm'},
                                   {"secure-cookies", no_argument, 0, 's'},
                                   {"insecure-cookies", no_argument, 0, 'i'},
                                   {"allowed-origin", required_argument, 0, 'O'},
                                   {"server-name", required_argument, 0, 'N'},
                                   {"trusted-proxy", required_argument, 0, 'P'},
                                   {"rate-limit", required_argument, 0, 'R'},
                                   {"evidence-dir", required_argument, 0, 'E'},
                                   {"evidence-max", required_argument, 0, 'X'},
                                   {"lookup-factor", required_argument, 0, 'F'},
                                   {"config", required_argument, 0, 'C'},
                                   {"remind-at", required_argument, 0, 'A'},
                                   {"no-remind", no_argument, 0, 'n'},
                                   {"work-threads", required_argument, 0, 'w'},
                                   {"work-queue", required_argument, 0, 'q'},
                                   {"work-seconds", required_argument, 0, 'S'},
                                   {"work-memory", required_argument, 0, 'M'},
                                   {"hash-threads", required_argument, 0, 'H'},
                                   {"hash-queue", required_argument, 0, 'Q'},
                                   {"hash-wait-ms", required_argument, 0, 'W'},
                                   {"log-file", required_argument, 0, 'L'},
                                   {"log-max-size", required_argument, 0, 'Z'},
                                   {"log-keep", required_argument, 0, 'K'},
                                   {"help", no_argument, 0, 'h'},
                                   {0, 0, 0, 0}};
    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, "h", opts, NULL);
        if (c == -1)
            return 0;
        if (c == 'h') {
            usage();
            return -1;
        }
        int rc = take_number(o, c, optarg);
        if (rc < 0)
            return opt_error("tùy chọn không hợp lệ", "invalid option");
        if (rc)
            return rc;
    }
}

static void finish_config(serve_opts_t *o, cli_ctx_t *ctx)
{
    http_config_t *h = &o->http;
    h->web_dir = ctx->web_dir;
    h->allowed_origins = o->origins[0] ? o->origins : NULL;
    h->server_names = o->names[0] ? o->names : NULL;
    h->trusted_proxies = o->proxies[0] ? o->proxies : NULL;
    h->rate_limits = o->limits;
    h->work_memory = o->work_mib << 20;
    if (!h->max_body) {
        h->max_body = SERVE_MAX_BODY;
        if (o->app.evidence_max + SERVE_BODY_SLACK > h->max_body)
            h->max_body = o->app.evidence_max + SERVE_BODY_SLACK;
    }
    o->app.db_path = ctx->db_path;
    o->app.data_dir = ctx->data_dir;
}

/* The reminder scheduler's settings: the configuration file, then
 * --remind-at / --no-remind. */
static int remind_settings(const serve_opts_t *o, remind_config_t *rcfg, err_t *e)
{
    if (remind_config_load(o->config, rcfg, e) || remind_smtp_init(e))
        return -1;
    if (o->remind_at) {
        int h = -1, m = -1;
        char tail = 0;
        if (strlen(o->remind_at) != 5 || sscanf(o->remind_at, "%2d:%2d%c", &h, &m, &tail) != 2 ||
            h < 0 || h > 23 || m < 0 || m > 59)
            return err_set(e, ERR_INVALID, "serve.remind_at", "--remind-at phải có dạng HH:MM",
                           "--remind-at must be HH:MM");
        rcfg->sched_on = true;
        rcfg->sched_minute = h * 60 + m;
    }
    rcfg->sched_on = rcfg->sched_on && !o->no_remind;
    return 0;
}

static int serve(serve_opts_t *o, cli_ctx_t *ctx)
{
    err_t e;
    remind_config_t rcfg;
    if (remind_settings(o, &rcfg, &e))
        return cli_error(&e);
    if (o->log_file && log_open_file(o->log_file, o->log_max, (int)o->log_keep, &e))
        return cli_error(&e);
    app_t *a;
    if (app_open(&o->app, &a, &e))
        return cli_error(&e);
    http_server_t *srv = http_server_new(&o->http, api_routes, &api_hooks, a, &e);
    int rc = srv ? http_server_start(srv, &e) : -1;
    if (rc) {
        http_server_free(srv);
        app_close(a);
        return cli_error(&e);
    }
    char where[512]; /* never log a password */
    store_location_redact(ctx->db_path, where, sizeof where);
    log_info("cchc serving on http://%s (database %s)", o->http.listen, where);
    remind_sched_t *sched = NULL;
    if (rcfg.sched_on && remind_sched_start(a, &rcfg, &sched, &e))
        log_warn("remind: %s", e.en);
    rc = http_server_run_until_signal(srv);
    remind_sched_stop(sched);
    http_server_free(srv);
    app_close(a);
    log_close_file();
    return rc ? 1 : 0;
}

int cmd_serve(cli_ctx_t *ctx, int argc, char **argv)
{
    serve_opts_t *o = mem_calloc(1, sizeof *o);
    if (!o)
        return 1;
    o->http.listen = HTTP_DEFAULT_LISTEN;
    o->log_max = SERVE_LOG_MAX;
    o->log_keep = SERVE_LOG_KEEP;
    o->work_mib = HTTP_DEFAULT_WORK_MEMORY >> 20;
    o->config = getenv("CCHC_CONFIG");
    size_t n = 0;
    for (; api_rate_limits[n].name; n++)
        o->limits[n] = api_rate_limits[n];
    int rc = parse_args(o, argc, argv);
    if (rc == 0) {
        finish_config(o, ctx);
        rc = serve(o, ctx);
    } else if (rc < 0) {
        rc = 0; /* --help */
    }
    mem_free(o);
    return rc;
}
