/* cmd_ingest.c - cchc ingest procedures FILE | cchc ingest dossiers FILE */
#include "cli/cmd.h"

#include "app/app_ledger.h"
#include "io/dossier_io.h"
#include "io/procedure_io.h"

#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>
#include <string.h>

#include "base/banned.h"

static void usage(void)
{
    printf(
        "Cách dùng / usage:\n"
        "  cchc ingest procedures FILE     nhập danh mục TTHC (CSV hoặc JSON), tất cả hoặc không\n"
        "                                  import the procedure catalogue, all or nothing\n"
        "  cchc ingest dossiers FILE [--progress] [--strict] [--batch N] [--rejects PATH]\n"
        "                               [--slice-ms N] [--now TIME]\n"
        "                                  nhập hồ sơ (CSV hoặc JSON lines), có thể tiếp tục\n"
        "                                  sau khi bị ngắt; dòng lỗi ghi vào FILE.rejects.csv\n"
        "                                  import dossiers (CSV or JSON lines), resumable;\n"
        "                                  rejected rows go to FILE.rejects.csv\n"
        "  --progress   in tiến độ ra stderr / print progress on stderr\n"
        "  --strict     một dòng lỗi thì hủy toàn bộ / any rejected row aborts everything\n"
        "  --batch N    số dòng mỗi giao dịch, mặc định 250000 / rows per transaction, "
        "default 250000\n"
        "  --slice-ms N giữ khóa ghi tối đa N ms mỗi giao dịch rồi nhường cho thao tác khác,\n"
        "               mặc định 50; -1 không giới hạn / hold the write lock at most N ms per\n"
        "               transaction, then let other writes in; default 50, -1 no limit\n"
        "  --now TIME   mốc thời gian để loại ngày ở tương lai (dữ liệu mẫu), mặc định bây giờ\n"
        "               the clock future times are refused against (synthetic data), default "
        "now\n"
        "Mã thoát / exit status: 0 tất cả đã nhập / all rows imported; 3 đã nhập xong nhưng có\n"
        "  dòng bị loại (xem tóm tắt) / done, but rows were rejected (see the summary);\n"
        "  1 lỗi hoặc bị ngắt / failed or interrupted; 2 cách dùng sai / usage error\n"
        "Cột TTHC / catalogue columns: MaTTHC,TenTTHC,LinhVuc,ThoiGianGiaiQuyet,DonViTinh,MucDo,\n"
        "  DuDieuKienToanTrinh,CoPhi,ThanhToanTrucTuyen,CongKhai[,MaDonVi,HieuLucTu,HieuLucDen,"
        "GioChot]\n"
        "Cột hồ sơ / dossier columns: MaHoSo,MaTTHC,MaDonVi,KenhThucHien,ToanTrinh,NgayTiepNhan,\n"
        "  NgayHenTra,NgayKetThucXuLy,NgayTraKetQua,TrangThaiHoSo,SoLanBoSung,NgayYeuCauBoSung,\n"
        "  NgayBoSung,DuocThanhToanTrucTuyen,HoSoCoThanhPhanSoHoa,CoKetQuaDienTu,DanhGia\n");
}

static int open_app(cli_ctx_t *ctx, app_t **a)
{
    err_t e;
    app_config_t cfg = {.db_path = ctx->db_path, .data_dir = ctx->data_dir};
    return app_open(&cfg, a, &e) ? cli_error(&e) : 0;
}

static int do_procedures(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc != 3)
        return cli_usage_error("ingest", "cần đúng một tệp", "expected exactly one file");
    err_t e;
    procedure_set_t set;
    procedure_set_init(&set);
    int rc = procedure_io_read_file(argv[2], &set, &e);
    app_t *a = NULL;
    if (!rc) {
        rc = open_app(ctx, &a);
        if (rc) {
            procedure_set_release(&set);
            return rc;
        }
    }
    size_t n = 0;
    if (!rc)
        rc = app_ledger_import_procedures(a, NULL, &set, argv[2], &n, &e);
    app_close(a);
    size_t links = set.nlinks;
    procedure_set_release(&set);
    if (rc)
        return cli_error(&e);
    printf("Đã nhập %zu thủ tục, %zu liên kết đơn vị / imported %zu procedures, %zu unit links\n",
           n, links, n, links);
    return 0;
}

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    if (stop_flag) /* second Ctrl-C: leave now; the last batch is rolled back */
        _exit(130);
    stop_flag = 1;
}

static void progress(void *ctx, const ledger_ingest_stats_t *st)
{
    (void)ctx;
    double rate = st->seconds > 0 ? (double)(st->rows - st->skipped) / st->seconds : 0;
    double pct = st->size ? 100.0 * (double)st->offset / (double)st->size : 0;
    fprintf(stderr,
            "\r%lld dòng/rows  %.1f%%  %.0f dòng/giây rows/s  mới/new %lld  cập nhật/updated "
            "%lld  lỗi/rejected %lld   ",
            (long long)st->rows, pct, rate, (long long)st->inserted, (long long)st->updated,
            (long long)st->rejected);
}

/* What `cchc ingest dossiers` exits with when it finished but rejected rows
 * (a script must not mistake a partial import for a full one). */
#define EXIT_REJECTED 3

static void print_report(const ledger_ingest_report_t *r)
{
    const ledger_ingest_stats_t *st = &r->st;
    if (r->resumed)
        printf("Tiếp tục sau dòng %lld / resumed after line %lld\n", (long long)r->resumed_at,
               (long long)r->resumed_at);
    double rate = st->seconds > 0 ? (double)(st->rows - st->skipped) / st->seconds : 0;
    printf("Hồ sơ mới / new: %lld; cập nhật / updated: %lld; cũ hơn, bỏ qua / older, ignored: "
           "%lld; bị loại / rejected: %lld (%.1f s, %.0f dòng/giây rows/s)\n",
           (long long)st->inserted, (long long)st->updated, (long long)st->older,
           (long long)st->rejected, st->seconds, rate);
    for (int i = 0; i < LREJ_COUNT; i++)
        if (st->reasons[i])
            printf("  %-10s %lld\n", app_ledger_reject_name(i), (long long)st->reasons[i]);
    if (st->rejected) {
        printf("Dòng bị loại ghi tại / rejected rows written to %s\n", r->rejects_path);
        fprintf(stderr,
                "cảnh báo: %lld dòng bị loại, không được nhập (mã thoát 3); xem %s\n"
                "warning: %lld rows were rejected and not imported (exit status 3); see %s\n",
                (long long)st->rejected, r->rejects_path, (long long)st->rejected, r->rejects_path);
    }
}

static int do_dossiers(cli_ctx_t *ctx, int argc, char **argv)
{
    static struct option opts[] = {{"progress", no_argument, 0, 'p'},
                                   {"strict", no_argument, 0, 's'},
                                   {"batch", required_argument, 0, 'b'},
                                   {"rejects", required_argument, 0, 'r'},
                                   {"now", required_argument, 0, 'n'},
                                   {"slice-ms", required_argument, 0, 'S'},
                                   {0, 0, 0, 0}};
    ledger_ingest_opts_t o = {0};
    o.reader = &dossier_io_reader;
    int c;
    optind = 2;
    for (;;) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        if (c == 'p')
            o.progress_every = 50000;
        else if (c == 's')
            o.strict = true;
        else if (c == 'r')
            o.rejects_path = optarg;
        else if (c == 'S') {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < -1 || n > 600000 || n == 0)
                return cli_usage_error("ingest", "--slice-ms không hợp lệ", "invalid --slice-ms");
            o.slice_ms = (int)n;
        } else if (c == 'n') {
            if (dtime_parse(optarg, strlen(optarg), &o.now))
                return cli_usage_error("ingest", "--now không hợp lệ", "invalid --now");
        } else if (c == 'b') {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 10000000)
                return cli_usage_error("ingest", "--batch không hợp lệ", "invalid --batch");
            o.batch = (size_t)n;
        } else
            return cli_usage_error("ingest", "tùy chọn không hợp lệ", "invalid option");
    }
    if (optind + 1 != argc)
        return cli_usage_error("ingest", "cần đúng một tệp", "expected exactly one file");
    const char *path = argv[optind];
    if (o.progress_every)
        o.progress = progress;
    o.stop = &stop_flag;
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    app_t *a;
    int rc = open_app(ctx, &a);
    if (rc)
        return rc;
    err_t e;
    ledger_ingest_report_t rep;
    rc = app_ledger_ingest(a, NULL, path, &o, &rep, &e);
    app_close(a);
    if (o.progress_every)
        fputc('\n', stderr);
    if (rc)
        return cli_error(&e);
    if (rep.already_done) {
        printf("Tệp này đã được nhập đầy đủ (lần nhập %lld) / this file was already imported "
               "(job %lld)\n",
               (long long)rep.job_id, (long long)rep.job_id);
        return 0;
    }
    print_report(&rep);
    if (rep.interrupted) {
        printf("Đã dừng; chạy lại cùng lệnh để tiếp tục / stopped; run the same command again to "
               "resume\n");
        return 1;
    }
    return rep.st.rejected ? EXIT_REJECTED : 0;
}

int cmd_ingest(cli_ctx_t *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "procedures") == 0)
        return do_procedures(ctx, argc, argv);
    if (strcmp(argv[1], "dossiers") == 0)
        return do_dossiers(ctx, argc, argv);
    return cli_usage_error("ingest", "lệnh con không hợp lệ (procedures, dossiers)",
                           "unknown subcommand (procedures, dossiers)");
}
