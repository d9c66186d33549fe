/* The day aggregates (kpi_agg) against the plain scan (kpi_snap_rows_count) on
 * random rows and random queries, including as-of moments before, inside
 * and after the rows' times and times exactly on day boundaries; and the
 * snapshot image (kpi_image): round trip and corruption detection. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/mem.h"
#include "domain/kpi_agg.h"
#include "domain/kpi_image.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static uint64_t rng = 88172645463325252ULL;

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

#define DAYS(n) ((int32_t)(n)*86400)
/* 2024-01-01 00:00 relative to KPI_EPOCH */
#define Y2024 DAYS(8766)

/* A time near t0 + d days: often exactly on a day start or a day end. */
static int32_t when(int32_t t0, int d)
{
    int32_t day = (t0 / 86400 + d) * 86400;
    switch (rnd(4)) {
    case 0:
        return day;
    case 1:
        return day + 86399;
    default:
        return day + (int32_t)rnd(86400);
    }
}

static kpi_row_t random_row(uint32_t id, uint32_t nproc)
{
    static const uint8_t statuses[] = {2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 9};
    kpi_row_t r;
    memset(&r, 0, sizeof r);
    r.id = id;
    r.proc = rnd(nproc + 1); /* sometimes an unknown procedure */
    r.status = statuses[rnd(sizeof statuses)];
    r.channel = (uint8_t)(1 + rnd(3));
    r.flags = (uint8_t)rnd(16);
    r.received = Y2024 + (int32_t)rnd(DAYS(30));
    if (rnd(3) == 0)
        r.received = (r.received / 86400) * 86400 + (rnd(2) ? 0 : 86399);
    r.due_base = r.due = r.ended = r.closed = r.pause_from = r.pause_to = r.rated_at = KPI_NONE;
    if (rnd(6)) {
        r.due_base = when(r.received, (int)rnd(12));
        r.due = r.due_base;
    }
    r.supplements = (uint8_t)(rnd(4) == 0 ? 1 + rnd(3) : 0);
    if (r.supplements && rnd(2)) {
        r.pause_from = when(r.received, (int)rnd(5));
        if (r.pause_from < r.received)
            r.pause_from = r.received;
        if (rnd(4)) {
            r.pause_to = when(r.pause_from, (int)rnd(6));
            if (r.pause_to < r.pause_from)
                r.pause_to = r.pause_from;
            if (r.due != KPI_NONE)
                r.due += r.pause_to - r.pause_from;
        }
    }
    if (r.status == 3 || r.status == 7 || r.status >= 8) {
        int32_t end = when(r.received, (int)rnd(20));
        if (end < r.received)
            end = r.received;
        r.ended = end;
        if (r.status == 3 || r.status == 7)
            r.closed = end;
    }
    if (r.status >= 8 && rnd(2)) {
        r.rating = (uint8_t)(1 + rnd(3));
        r.rated_at = r.ended + (int32_t)rnd(DAYS(3));
    }
    return r;
}

static kpi_query_t random_query(const uint8_t *flags, uint32_t nproc)
{
    kpi_query_t q;
    memset(&q, 0, sizeof q);
    int32_t f = Y2024 + DAYS((int)rnd(40) - 5), t = f + DAYS(rnd(45));
    q.from = KPI_EPOCH + f;
    q.to = KPI_EPOCH + t + 86399;
    switch (rnd(5)) {
    case 0:
        q.as_of = KPI_EPOCH + DAYS(20000); /* after everything */
        break;
    case 1:
        q.as_of = q.to + 1;
        break;
    default: /* inside the data, sometimes on a day boundary */
        q.as_of = KPI_EPOCH + Y2024 + (int32_t)rnd(DAYS(60));
        if (rnd(3) == 0)
            q.as_of = q.as_of - (q.as_of - KPI_EPOCH) % 86400 + (rnd(2) ? 0 : 86399);
    }
    q.proc_flags = flags;
    q.nproc = nproc;
    q.max_supplements = 1;
    return q;
}

static void aggregates_equal_scan(void **state)
{
    (void)state;
    enum { NPROC = 7, NROWS = 4000, NQ = 600 };
    uint8_t flags[NPROC];
    for (int i = 0; i < NPROC; i++)
        flags[i] = (uint8_t)(i % 4);
    kpi_snap_t *s = kpi_snap_new(NULL);
    assert_non_null(s);
    for (uint32_t i = 1; i <= NROWS; i++) {
        kpi_row_t r = random_row(i, NPROC);
        assert_int_equal(kpi_snap_put(s, i % 3, &r, NULL), 0);
    }
    for (uint32_t u = 0; u < 3; u++)
        assert_int_equal(kpi_snap_finalize_unit(s, u, flags, NPROC, 1, NULL), 0);
    int used = 0;
    for (int n = 0; n < NQ; n++) {
        kpi_query_t q = random_query(flags, NPROC);
        for (uint32_t u = 0; u < 3; u++) {
            kpi_view_t v;
            kpi_snap_view(s, u, &v);
            assert_true(v.has_days);
            kpi_counts_t a = {0}, b = {0};
            kpi_agg_view_count(&v, &q, &a);
            kpi_snap_rows_count(v.rows, v.n, &q, &b);
            used += kpi_agg_usable(&v, &q);
            for (int k = 0; k < KC_DOSSIER_COUNT; k++)
                if (a.c[k] != b.c[k])
                    fail_msg("query %d unit %u counter %d: aggregates %lld, scan %lld", n, u, k,
                             (long long)a.c[k], (long long)b.c[k]);
        }
    }
    assert_true(used > NQ); /* the aggregate path was exercised */
    /* Queries the aggregates cannot answer fall back to the scan. */
    kpi_query_t q = random_query(flags, NPROC);
    uint8_t select[NPROC] = {1, 0, 1};
    q.proc_select = select;
    kpi_view_t v;
    kpi_snap_view(s, 0, &v);
    assert_false(kpi_agg_usable(&v, &q));
    q.proc_select = NULL;
    q.from += 3600;
    assert_false(kpi_agg_usable(&v, &q));
    kpi_snap_free(s);
}

static void rows_sorted_by_maxtime(void **state)
{
    (void)state;
    kpi_row_t rows[300];
    for (uint32_t i = 0; i < 300; i++)
        rows[i] = random_row(300 - i, 3);
    assert_int_equal(kpi_agg_rows_sort(rows, 300, NULL), 0);
    for (int i = 1; i < 300; i++) {
        int32_t a = kpi_agg_row_maxtime(&rows[i - 1]), b = kpi_agg_row_maxtime(&rows[i]);
        assert_true(a < b || (a == b && rows[i - 1].id < rows[i].id));
    }
}

/* Builds an image of a finalized snapshot in memory (what app_kpi_file
 * writes to disk). */
static unsigned char *make_image(kpi_snap_t *s, uint32_t nunits, const char *const *codes,
                                 size_t *len)
{
    uint64_t names_len = 0, nrows = 0, ndays = 0;
    for (uint32_t u = 0; u < nunits; u++) {
        kpi_view_t v;
        kpi_snap_view(s, u, &v);
        names_len += strlen(codes[u]) + 1;
        nrows += v.n;
        ndays += v.ndays;
    }
    const char *procs[] = {"P1", "P2"};
    kpi_image_header_t h;
    kpi_image_layout(&h, 42, 7, 1, kpi_image_procs_sum(procs, 2), 2, nunits, names_len, nrows);
    *len = (size_t)(h.days_off + ndays * sizeof(kpi_day_t));
    unsigned char *b = calloc(1, *len);
    kpi_image_unit_t *dir = (kpi_image_unit_t *)(b + h.dir_off);
    char *names = (char *)(b + h.names_off);
    uint64_t r0 = 0, d0 = 0, n0 = 0;
    for (uint32_t u = 0; u < nunits; u++) {
        kpi_view_t v;
        kpi_snap_view(s, u, &v);
        memcpy(b + h.rows_off + r0 * sizeof(kpi_row_t), v.rows, v.n * sizeof(kpi_row_t));
        memcpy(b + h.days_off + d0 * sizeof(kpi_day_t), v.days, v.ndays * sizeof(kpi_day_t));
        dir[u] = (kpi_image_unit_t){r0,
                                    v.n,
                                    d0,
                                    v.ndays,
                                    kpi_image_sum64(v.rows, v.n * sizeof(kpi_row_t), 0),
                                    kpi_image_sum64(v.days, v.ndays * sizeof(kpi_day_t), 0),
                                    (uint32_t)n0,
                                    (uint32_t)strlen(codes[u])};
        memcpy(names + n0, codes[u], strlen(codes[u]) + 1);
        r0 += v.n;
        d0 += v.ndays;
        n0 += strlen(codes[u]) + 1;
    }
    kpi_image_seal(&h, dir, names, ndays);
    memcpy(b, &h, sizeof h);
    assert_int_equal(*len, h.file_size);
    return b;
}

static void image_round_trip_and_corruption(void **state)
{
    (void)state;
    uint8_t flags[3] = {0, 1, 3};
    kpi_snap_t *s = kpi_snap_new(NULL);
    for (uint32_t i = 1; i <= 500; i++) {
        kpi_row_t r = random_row(i, 3);
        assert_int_equal(kpi_snap_put(s, i % 2, &r, NULL), 0);
    }
    for (uint32_t u = 0; u < 2; u++)
        assert_int_equal(kpi_snap_finalize_unit(s, u, flags, 3, 1, NULL), 0);
    const char *codes[] = {"X1", "H01"};
    size_t len;
    unsigned char *b = make_image(s, 2, codes, &len);
    kpi_image_t img;
    err_t e;
    assert_int_equal(kpi_image_parse(b, len, &img, &e), 0);
    assert_int_equal(img.h->generation, 42);
    assert_int_equal(img.h->nunits, 2);
    assert_string_equal(kpi_image_unit_code(&img, 1), "H01");
    const char *procs[] = {"P1", "P2"}, *other[] = {"P1", "P3"};
    assert_true(img.h->procs_sum == kpi_image_procs_sum(procs, 2));
    assert_false(img.h->procs_sum == kpi_image_procs_sum(other, 2));
    for (int n = 0; n < 50; n++) {
        kpi_query_t q = random_query(flags, 3);
        for (uint32_t u = 0; u < 2; u++) {
            kpi_view_t a, c;
            kpi_snap_view(s, u, &a);
            kpi_image_view(&img, u, &c);
            kpi_counts_t x = {0}, y = {0};
            kpi_agg_view_count(&a, &q, &x);
            kpi_agg_view_count(&c, &q, &y);
            assert_memory_equal(&x, &y, sizeof x);
        }
    }
    /* Any flipped byte is detected; so is a truncation. */
    size_t where[] = {0, 20, sizeof(kpi_image_header_t) + 3, len / 2, len - 1};
    for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
        b[where[i]] ^= 0x40;
        assert_int_equal(kpi_image_parse(b, len, &img, &e), ERR_INVALID);
        assert_string_equal(e.code, "kpi.image");
        b[where[i]] ^= 0x40;
    }
    assert_int_equal(kpi_image_parse(b, len - 8, &img, &e), ERR_INVALID);
    assert_int_equal(kpi_image_parse(b, len, &img, &e), 0);
    free(b);
    kpi_snap_free(s);
}

static void put_after_finalize_drops_aggregates(void **state)
{
    (void)state;
    kpi_snap_t *s = kpi_snap_new(NULL);
    kpi_row_t r = random_row(1, 2);
    assert_int_equal(kpi_snap_put(s, 0, &r, NULL), 0);
    assert_int_equal(kpi_snap_finalize_unit(s, 0, NULL, 0, 1, NULL), 0);
    kpi_view_t v;
    kpi_snap_view(s, 0, &v);
    assert_true(v.has_days);
    r.id = 2;
    assert_int_equal(kpi_snap_put(s, 0, &r, NULL), 0);
    kpi_snap_view(s, 0, &v);
    assert_false(v.has_days);
    assert_int_equal(v.n, 2);
    /* a failed allocation leaves the unit usable by a scan */
    mem_fail_after(1);
    assert_int_equal(kpi_snap_finalize_unit(s, 0, NULL, 0, 1, NULL), ERR_NOMEM);
    mem_fail_after(-1);
    kpi_snap_view(s, 0, &v);
    assert_false(v.has_days);
    assert_int_equal(v.n, 2);
    kpi_snap_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(aggregates_equal_scan),
        cmocka_unit_test(rows_sorted_by_maxtime),
        cmocka_unit_test(image_round_trip_and_corruption),
        cmocka_unit_test(put_after_finalize_drops_aggregates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
