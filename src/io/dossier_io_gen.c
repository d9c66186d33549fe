#include "io/dossier_io_gen.h"

#include "base/buf.h"
#include "base/date.h"
#include "base/dtime.h"
#include "base/mem.h"
#include "domain/dossier.h"
#include "domain/lunar.h"
#include "io/dossier_io.h"

#include <math.h>
#include <string.h>

#include "base/banned.h"

/* --- deterministic randomness ------------------------------------------------ */

static uint64_t mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

typedef struct rng {
    uint64_t s;
} rng_t;

static uint64_t next(rng_t *r)
{
    r->s += 0x9E3779B97F4A7C15ULL;
    return mix(r->s);
}

static double uni(rng_t *r)
{
    return (double)(next(r) >> 11) / 9007199254740992.0;
}

static int below(rng_t *r, int n)
{
    return (int)(uni(r) * n);
}

/* --- the tree ------------------------------------------------------------------- */

enum { K_TINH, K_SO, K_HUYEN, K_XA };

typedef struct layout {
    int n, so, huyen, xa;
} layout_t;

static layout_t layout_of(const dossier_io_gen_opts_t *o)
{
    layout_t l;
    l.n = o->units < 4 ? 4 : o->units;
    l.so = l.n / 10 > 0 ? l.n / 10 : 1;
    l.huyen = l.n / 20 > 0 ? l.n / 20 : 1;
    l.xa = l.n - 1 - l.so - l.huyen;
    return l;
}

static int unit_kind(const layout_t *l, int i)
{
    return i == 0 ? K_TINH : i <= l->so ? K_SO : i <= l->so + l->huyen ? K_HUYEN : K_XA;
}

static void unit_code(const layout_t *l, int i, char *out, size_t n)
{
    int k = unit_kind(l, i);
    if (k == K_TINH)
        snprintf(out, n, "T01");
    else if (k == K_SO)
        snprintf(out, n, "S%04d", i);
    else if (k == K_HUYEN)
        snprintf(out, n, "H%04d", i - l->so);
    else
        snprintf(out, n, "X%05d", i - l->so - l->huyen);
}

static int check(FILE *out, err_t *e)
{
    return ferror(out) ? err_set(e, ERR_IO, "file.write", "Lỗi ghi tệp", "Write error") : 0;
}

int dossier_io_gen_units(FILE *out, const dossier_io_gen_opts_t *o, err_t *e)
{
    layout_t l = layout_of(o);
    static const char *sectors[] = {"Tư pháp",
                                    "Tài chính",
                                    "Xây dựng",
                                    "Y tế",
                                    "Giáo dục và Đào tạo",
                                    "Nông nghiệp và Môi trường",
                                    "Công Thương",
                                    "Nội vụ"};
    fprintf(out, "MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen,TenKhac\n");
    for (int i = 0; i < l.n; i++) {
        char code[16], parent[16] = "";
        unit_code(&l, i, code, sizeof code);
        int k = unit_kind(&l, i);
        if (k == K_SO || k == K_HUYEN)
            snprintf(parent, sizeof parent, "T01");
        else if (k == K_XA)
            unit_code(&l, 1 + l.so + (i - 1 - l.so - l.huyen) % l.huyen, parent, sizeof parent);
        if (k == K_TINH)
            fprintf(out, "T01,UBND tỉnh Thử Nghiệm,tinh,,,,\n");
        else if (k == K_SO)
            fprintf(out, "%s,Sở %s %d,so,%s,,,\n", code, sectors[i % 8], i, parent);
        else if (k == K_HUYEN)
            fprintf(out, "%s,UBND huyện Số %d,huyen,%s,,,\n", code, i - l.so, parent);
        else if (i == l.n - 1 && l.xa >= 2)
            fprintf(out, "%s,UBND xã Số %d,xa,%s,,%d-06-30,\n", code, i - l.so - l.huyen, parent,
                    o->year);
        else
            fprintf(out, "%s,UBND xã Số %d,xa,%s,,,\n", code, i - l.so - l.huyen, parent);
    }
    return check(out, e);
}

int dossier_io_gen_links(FILE *out, const dossier_io_gen_opts_t *o, err_t *e)
{
    layout_t l = layout_of(o);
    fprintf(out, "MaDonVi,QuanHe,MaDonViKhac,NgayHieuLuc\n");
    if (l.xa >= 2) {
        char a[16], b[16];
        unit_code(&l, l.n - 1, a, sizeof a);
        unit_code(&l, l.n - 2, b, sizeof b);
        fprintf(out, "%s,sap_nhap_vao,%s,%d-07-01\n", a, b, o->year);
    }
    return check(out, e);
}

/* --- procedures ------------------------------------------------------------------ */

typedef struct proc_info {
    int level; /* K_SO, K_HUYEN, K_XA */
    int allowance;
    int unit; /* 0 working days, 1 working hours, 2 days */
    int eligible, fee, pay, published, full;
} proc_info_t;

static proc_info_t proc_info(const dossier_io_gen_opts_t *o, int j)
{
    rng_t r = {mix(o->seed ^ 0x5052 ^ (uint64_t)j * 7919)};
    proc_info_t p;
    double x = uni(&r);
    p.level = x < 0.45 ? K_SO : x < 0.65 ? K_HUYEN : K_XA;
    static const int days[] = {1, 2, 3, 5, 5, 7, 10, 10, 15, 20, 30};
    p.allowance = days[below(&r, 11)];
    double u = uni(&r);
    p.unit = u < 0.9 ? 0 : u < 0.95 ? 1 : 2;
    if (p.unit == 1)
        p.allowance = 4 + below(&r, 20);
    p.eligible = uni(&r) < 0.7;
    p.full = p.eligible && uni(&r) < 0.85;
    p.fee = uni(&r) < 0.4;
    p.pay = p.fee && uni(&r) < 0.7;
    p.published = uni(&r) < 0.96;
    return p;
}

/* Whether unit i provides procedure j (about 40 procedures per unit). */
static bool provides(const dossier_io_gen_opts_t *o, const layout_t *l, int i, int j,
                     const proc_info_t *p)
{
    int k = unit_kind(l, i);
    if (k == K_TINH || k != p->level)
        return false;
    int nlevel = o->procedures * (p->level == K_SO ? 45 : p->level == K_HUYEN ? 20 : 35) / 100;
    int want = 40;
    if (nlevel <= want)
        return true;
    uint64_t h = mix(o->seed ^ ((uint64_t)i << 32) ^ (uint64_t)j);
    return h % (uint64_t)nlevel < (uint64_t)want;
}

static void proc_code(int j, char *out, size_t n)
{
    snprintf(out, n, "1.%06d", j + 1);
}

int dossier_io_gen_procedures(FILE *out, const dossier_io_gen_opts_t *o, err_t *e)
{
    layout_t l = layout_of(o);
    static const char *fields[] = {"Hộ tịch",  "Chứng thực", "Đất đai", "Xây dựng",   "Kinh doanh",
                                   "Lao động", "Giáo dục",   "Y tế",    "Giao thông", "Môi trường"};
    static const char *units[] = {"ngay_lam_viec", "gio_lam_viec", "ngay"};
    fprintf(out, "MaTTHC,TenTTHC,LinhVuc,ThoiGianGiaiQuyet,DonViTinh,MucDo,DuDieuKienToanTrinh,"
                 "CoPhi,ThanhToanTrucTuyen,CongKhai,MaDonVi\n");
    for (int j = 0; j < o->procedures; j++) {
        proc_info_t p = proc_info(o, j);
        char code[16];
        proc_code(j, code, sizeof code);
        fprintf(out, "%s,Thủ tục số %d,%s,%d,%s,%s,%d,%d,%d,%d,", code, j + 1, fields[j % 10],
                p.allowance, units[p.unit],
                p.full       ? "toan_trinh"
                : p.eligible ? "mot_phan"
                             : "khong",
                p.eligible, p.fee, p.pay, p.published);
        bool first = true;
        for (int i = 1; i < l.n; i++)
            if (provides(o, &l, i, j, &p)) {
                char uc[16];
                unit_code(&l, i, uc, sizeof uc);
                fprintf(out, "%s%s", first ? "" : ";", uc);
                first = false;
            }
        fputc('\n', out);
    }
    return check(out, e);
}

/* --- dossiers ---------------------------------------------------------------------- */

typedef struct gen {
    const dossier_io_gen_opts_t *o;
    layout_t l;
    proc_info_t *procs;
    int **unit_procs; /* provided procedure indexes per unit */
    int *unit_nprocs;
    double *unit_cdf; /* cumulative unit weights */
    double *online;   /* online share per unit */
    date_t first, tet;
    int ndays;
    rng_t r;
    long seq;
    buf_t line;
} gen_t;

static double day_weight(const gen_t *g, date_t d)
{
    int wd = date_weekday(d);
    if (d >= g->tet - 2 && d <= g->tet + 4)
        return 0.02;
    double w = wd == 0 ? 0.0 : wd == 6 ? 0.03 : 1.0;
    if (d >= g->tet - 16 && d < g->tet - 2)
        w *= 1.4;
    else if (d > g->tet + 4 && d <= g->tet + 12)
        w *= 1.2;
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    if ((m == 1 && dd == 1) || (m == 4 && dd == 30) || (m == 5 && dd == 1) ||
        (m == 9 && (dd == 2 || dd == 3)))
        w = 0.02;
    return w;
}

/* Adds n working days (Mon-Fri, not during Tết) to t: a rough stand-in for
 * the real calendar, good enough for synthetic data. */
static dtime_t add_workdays(const gen_t *g, dtime_t t, int n)
{
    date_t d = dtime_date(t);
    int64_t tod = t - dtime_make(d, 0, 0, 0);
    while (n > 0) {
        d++;
        int wd = date_weekday(d);
        if (wd != 0 && wd != 6 && !(d >= g->tet - 2 && d <= g->tet + 4))
            n--;
    }
    return dtime_make(d, 0, 0, 0) + tod;
}

static dtime_t due_of(const gen_t *g, const proc_info_t *p, dtime_t recv)
{
    if (p->unit == 1) /* working hours: roughly 8 per day */
        return add_workdays(g, recv, p->allowance / 8) + (p->allowance % 8) * 3600;
    if (p->unit == 2)
        return recv + (int64_t)p->allowance * 86400;
    return add_workdays(g, recv, p->allowance);
}

static int setup(gen_t *g, const dossier_io_gen_opts_t *o, err_t *e)
{
    memset(g, 0, sizeof *g);
    g->o = o;
    g->l = layout_of(o);
    g->r.s = mix(o->seed);
    buf_init(&g->line, BUF_MAX_TEXT);
    g->first = date_from_ymd(o->year, 1, 1);
    g->ndays = date_from_ymd(o->year, 12, 31) - g->first + 1;
    g->tet = date_from_ymd(o->year, 2, 10);
    lunar_date_t ld = {1, 1, o->year, false};
    date_t t;
    if (lunar_to_solar(&ld, &t) == 0)
        g->tet = t;
    int n = g->l.n, np = o->procedures < 3 ? 3 : o->procedures;
    g->procs = mem_calloc((size_t)np, sizeof *g->procs);
    g->unit_procs = mem_calloc((size_t)n, sizeof *g->unit_procs);
    g->unit_nprocs = mem_calloc((size_t)n, sizeof *g->unit_nprocs);
    g->unit_cdf = mem_calloc((size_t)n, sizeof *g->unit_cdf);
    g->online = mem_calloc((size_t)n, sizeof *g->online);
    if (!g->procs || !g->unit_procs || !g->unit_nprocs || !g->unit_cdf || !g->online)
        return err_nomem(e);
    for (int j = 0; j < o->procedures; j++)
        g->procs[j] = proc_info(o, j);
    double acc = 0;
    for (int i = 0; i < n; i++) {
        int cnt = 0;
        for (int j = 0; j < o->procedures; j++)
            cnt += provides(o, &g->l, i, j, &g->procs[j]);
        g->unit_procs[i] = mem_calloc((size_t)(cnt ? cnt : 1), sizeof(int));
        if (!g->unit_procs[i])
            return err_nomem(e);
        for (int j = 0; j < o->procedures; j++)
            if (provides(o, &g->l, i, j, &g->procs[j]))
                g->unit_procs[i][g->unit_nprocs[i]++] = j;
        rng_t ur = {mix(o->seed ^ 0xABCD ^ (uint64_t)i)};
        /* Zipf-like sizes over a shuffled rank; communes are smaller */
        double rank = 1 + (double)(mix((uint64_t)i ^ o->seed) % (uint64_t)n);
        double w = cnt ? 1.0 / pow(rank, 0.8) : 0.0;
        if (unit_kind(&g->l, i) == K_XA)
            w *= 0.5;
        acc += w;
        g->unit_cdf[i] = acc;
        g->online[i] = 0.2 + 0.6 * uni(&ur);
    }
    return acc > 0 ? 0
                   : err_set(e, ERR_INVALID, "gen.empty", "không có đơn vị nào có thủ tục",
                             "no unit provides a procedure");
}

static void teardown(gen_t *g)
{
    for (int i = 0; g->unit_procs && i < g->l.n; i++)
        mem_free(g->unit_procs[i]);
    mem_free(g->unit_procs);
    mem_free(g->unit_nprocs);
    mem_free(g->unit_cdf);
    mem_free(g->online);
    mem_free(g->procs);
    buf_release(&g->line);
}

static int pick_unit(gen_t *g, date_t day)
{
    for (;;) {
        double x = uni(&g->r) * g->unit_cdf[g->l.n - 1];
        int lo = 0, hi = g->l.n - 1;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (g->unit_cdf[mid] < x)
                lo = mid + 1;
            else
                hi = mid;
        }
        /* the merged commune receives nothing after its merger */
        if (lo == g->l.n - 1 && g->l.xa >= 2 && day >= date_from_ymd(g->o->year, 7, 1))
            continue;
        if (g->unit_nprocs[lo])
            return lo;
    }
}

/* Fills one dossier received on `day` at unit u. */
static void make_dossier(gen_t *g, date_t day, int u, dossier_t *d)
{
    rng_t *r = &g->r;
    dossier_init(d);
    unit_code(&g->l, u, d->unit, sizeof d->unit);
    /* skewed procedure choice: square of a uniform favours the first ones */
    double x = uni(r);
    int j = g->unit_procs[u][(int)(x * x * g->unit_nprocs[u])];
    const proc_info_t *p = &g->procs[j];
    proc_code(j, d->procedure, sizeof d->procedure);
    snprintf(d->code, sizeof d->code, "%.16s-%04d-%08ld", d->unit, g->o->year % 10000,
             ++g->seq % 100000000L);
    int minute = 7 * 60 + 30 + below(r, 9 * 60 + 30);
    d->received = dtime_make(day, minute / 60, minute % 60, below(r, 60));
    bool online = uni(r) < g->online[u];
    d->channel = online ? DCH_ONLINE : (uni(r) < 0.9 ? DCH_IN_PERSON : DCH_POSTAL);
    if (online && p->eligible && uni(r) < 0.6)
        d->flags |= DFLAG_FULL_ONLINE;
    if (p->fee && uni(r) < (online ? 0.7 : 0.1))
        d->flags |= DFLAG_PAID_ONLINE;
    if (uni(r) < 0.75)
        d->flags |= DFLAG_DIGITIZED;
    dtime_t due = due_of(g, p, d->received);
    double o = uni(r);
    if (o < 0.01) {
        d->status = DS_REFUSED;
        return;
    }
    if (o < 0.02) {
        d->status = DS_WITHDRAWN;
        d->ended = d->received + 86400 * (1 + below(r, 5));
        return;
    }
    double s = uni(r);
    if (s < 0.095) {
        d->supplements = s < 0.015 ? 2 : 1;
        d->supp_requested = d->received + 86400 + below(r, 86400);
        d->supp_supplied = d->supp_requested + 86400 * (2 + below(r, 4));
        due += d->supp_supplied - d->supp_requested;
    }
    dtime_t year_end = dtime_make(date_from_ymd(g->o->year, 12, 31), 23, 59, 59);
    double q = uni(r);
    dtime_t end;
    if (q < 0.05)
        end = due + 3600 * (1 + below(r, 24 * 10));
    else if (q < 0.33)
        end = dtime_make(dtime_date(due), 7, 30, 0) + below(r, (int)(due % 86400 - 27000 + 1));
    else
        end = d->received + (int64_t)((double)(due - d->received) * (0.2 + 0.6 * uni(r)));
    if (end < d->supp_supplied && d->supp_supplied != DTIME_NONE)
        end = d->supp_supplied + 3600;
    if (end <= d->received)
        end = d->received + 600;
    if (uni(r) < 0.85)
        d->due_given = due;
    if (end > year_end && uni(r) < 0.7) {
        d->status = d->supplements && uni(r) < 0.1 ? DS_SUPPLEMENT : DS_PROCESSING;
        if (d->status == DS_SUPPLEMENT)
            d->supp_supplied = DTIME_NONE;
        else if (d->supp_supplied > year_end) {
            d->supp_supplied = d->supp_requested = DTIME_NONE;
            d->supplements = 0;
        }
        return;
    }
    d->ended = end;
    double st = uni(r);
    d->status = st < 0.03 ? DS_STOPPED : st < 0.15 ? DS_PROCESSED : DS_RETURNED;
    if (d->status == DS_RETURNED)
        d->returned = end + below(r, 3 * 86400);
    if (d->status != DS_STOPPED && uni(r) < 0.6)
        d->flags |= DFLAG_E_RESULT;
    if (uni(r) < 0.3) {
        double v = uni(r);
        d->rating = v < 0.05 ? 1 : v < 0.65 ? 2 : 3;
    }
}

/* The last day written: `until` when it falls inside the year, else the
 * year's last day. */
static date_t last_day(const gen_t *g)
{
    date_t until = g->o->until;
    return until >= g->first && until < g->first + g->ndays ? until : g->first + g->ndays - 1;
}

/* Removes from d what happens after `cut` (the end of the last day): the
 * dossier is then as it stood at that moment. */
static void cut_at(dossier_t *d, dtime_t cut)
{
    if (d->supp_requested != DTIME_NONE && d->supp_requested > cut) {
        if (d->due_given != DTIME_NONE && d->supp_supplied != DTIME_NONE)
            d->due_given -= d->supp_supplied - d->supp_requested;
        d->supp_requested = d->supp_supplied = DTIME_NONE;
        d->supplements = 0;
    }
    bool paused = d->supp_supplied != DTIME_NONE && d->supp_supplied > cut;
    if (paused)
        d->supp_supplied = DTIME_NONE;
    if (d->ended != DTIME_NONE && (paused || d->ended > cut)) {
        d->status = paused ? DS_SUPPLEMENT : DS_PROCESSING;
        d->ended = d->returned = DTIME_NONE;
        d->flags &= ~(unsigned)DFLAG_E_RESULT;
        d->rating = 0;
    } else if (d->returned != DTIME_NONE && d->returned > cut) {
        d->status = DS_PROCESSED;
        d->returned = DTIME_NONE;
        d->rating = 0;
    }
    if (paused && d->status == DS_PROCESSING)
        d->status = DS_SUPPLEMENT;
}

int dossier_io_gen_dossiers(FILE *out, const dossier_io_gen_opts_t *o, err_t *e)
{
    gen_t g;
    int rc = setup(&g, o, e);
    if (rc) {
        teardown(&g);
        return rc;
    }
    double total = 0;
    for (int k = 0; k < g.ndays; k++)
        total += day_weight(&g, g.first + k);
    fprintf(out, "%s\n", DOSSIER_IO_CSV_HEADER);
    long made = 0;
    double acc = 0;
    date_t last = last_day(&g);
    bool cut = last < g.first + g.ndays - 1;
    dtime_t cut_end = dtime_make(last, 23, 59, 59);
    for (date_t day = g.first; day <= last && !rc; day++) {
        acc += day_weight(&g, day);
        long upto = (long)llround((double)o->dossiers * acc / total);
        for (; made < upto && !rc; made++) {
            dossier_t d;
            make_dossier(&g, day, pick_unit(&g, day), &d);
            if (cut)
                cut_at(&d, cut_end);
            buf_reset(&g.line);
            rc = dossier_io_write_csv(&g.line, &d);
            if (rc)
                rc = err_nomem(e);
            else
                fwrite(g.line.data, 1, g.line.len, out);
        }
    }
    teardown(&g);
    return rc ? rc : check(out, e);
}
