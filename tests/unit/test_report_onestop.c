/* Unit tests of src/domain/report_onestop: the one-stop results table of a
 * report (DOMAIN §7) on rows built by hand, one per situation, with every
 * column worked out below; the same rows as of a moment inside the window;
 * the KPI engine's own counters for the same rows and query; the identity
 * carried over + received = resolved + in progress + refused/withdrawn;
 * carried over of a window = in progress at the end of the previous one;
 * random rows and windows; keys, labels and sums. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/dossier.h"
#include "domain/report_onestop.h"

#include <string.h>

#include "base/banned.h"

static date_t D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

/* A 2024 moment as a row time (seconds since KPI_EPOCH). */
static int32_t T(int m, int d, int h, int mi, int s)
{
    return (int32_t)(dtime_make(D(2024, m, d), h, mi, s) - KPI_EPOCH);
}

#define NONE KPI_NONE

/* A row: due_base = due; refused/withdrawn rows carry `closed`, resolved
 * ones `ended`. */
static kpi_row_t row(uint32_t id, int channel, int status, int32_t received, int32_t due,
                     int32_t ended, int32_t closed)
{
    kpi_row_t r;
    memset(&r, 0, sizeof r);
    r.id = id;
    r.channel = (uint8_t)channel;
    r.status = (uint8_t)status;
    r.received = received;
    r.due_base = r.due = due;
    r.ended = ended;
    r.closed = closed;
    r.pause_from = r.pause_to = r.rated_at = NONE;
    return r;
}

enum { ON = DCH_ONLINE, IN = DCH_IN_PERSON, POST = DCH_POSTAL };

/* The window of the Q3 report, 15/6 -> 14/9/2024. Columns per row, as of
 * 20/9 10:00 (R received, O online, P direct/postal, C carried over, S
 * resolved, E early, T on time, L late, I in progress, V overdue in
 * progress, X refused/withdrawn). */
static size_t hand_rows(kpi_row_t *rows)
{
    size_t n = 0;
    /* 1 R O S E: ended two days before its due date */
    rows[n++] =
        row(1, ON, DS_PROCESSED, T(7, 1, 9, 0, 0), T(7, 5, 17, 0, 0), T(7, 3, 10, 0, 0), NONE);
    /* 2 R P S T: ended on the due day, before the due time */
    rows[n++] =
        row(2, IN, DS_RETURNED, T(7, 2, 9, 0, 0), T(7, 10, 17, 0, 0), T(7, 10, 16, 0, 0), NONE);
    /* 3 R P S L */
    rows[n++] =
        row(3, POST, DS_PROCESSED, T(7, 3, 9, 0, 0), T(7, 5, 17, 0, 0), T(7, 8, 9, 0, 0), NONE);
    /* 4 R O I: open, due after the window */
    rows[n++] = row(4, ON, DS_PROCESSING, T(8, 1, 9, 0, 0), T(9, 30, 17, 0, 0), NONE, NONE);
    /* 5 R P I V: open, due 1/9 (within time as of 1/8, overdue at the end) */
    rows[n++] = row(5, IN, DS_PROCESSING, T(8, 1, 9, 0, 0), T(9, 1, 17, 0, 0), NONE, NONE);
    /* 6 C S L: received before the window, resolved late inside it */
    rows[n++] =
        row(6, IN, DS_PROCESSED, T(6, 1, 9, 0, 0), T(6, 10, 17, 0, 0), T(7, 15, 9, 0, 0), NONE);
    /* 7 -: received and resolved before the window */
    rows[n++] =
        row(7, IN, DS_PROCESSED, T(6, 10, 9, 0, 0), T(6, 20, 17, 0, 0), T(6, 12, 9, 0, 0), NONE);
    /* 8 -: refused before the window */
    rows[n++] = row(8, IN, DS_REFUSED, T(5, 1, 9, 0, 0), NONE, NONE, T(5, 2, 9, 0, 0));
    /* 9 R O X: refused at intake inside the window */
    rows[n++] = row(9, ON, DS_REFUSED, T(7, 5, 9, 0, 0), NONE, NONE, T(7, 5, 10, 0, 0));
    /* 10 R P X: withdrawn inside the window */
    rows[n++] =
        row(10, IN, DS_WITHDRAWN, T(7, 6, 9, 0, 0), T(7, 20, 17, 0, 0), NONE, T(7, 20, 9, 0, 0));
    /* 11 C X: open at the window's start, withdrawn inside the window */
    rows[n++] =
        row(11, IN, DS_WITHDRAWN, T(6, 1, 9, 0, 0), T(6, 30, 17, 0, 0), NONE, T(7, 1, 9, 0, 0));
    /* 12 -: received after the window (before the as-of moment) */
    rows[n++] = row(12, ON, DS_PROCESSING, T(9, 15, 0, 0, 0), T(9, 30, 17, 0, 0), NONE, NONE);
    /* 13 -: received after the as-of moment */
    rows[n++] = row(13, ON, DS_PROCESSING, T(9, 25, 9, 0, 0), T(9, 30, 17, 0, 0), NONE, NONE);
    /* 14 C I: received the last second before the window, no due time */
    rows[n++] = row(14, IN, DS_PROCESSING, T(6, 14, 23, 59, 59), NONE, NONE, NONE);
    /* 15 R P S T: received the window's first second, ended on the due day */
    rows[n++] =
        row(15, POST, DS_PROCESSED, T(6, 15, 0, 0, 0), T(6, 20, 17, 0, 0), T(6, 20, 8, 0, 0), NONE);
    /* 16 R O I: received the window's last second */
    rows[n++] = row(16, ON, DS_PROCESSING, T(9, 14, 23, 59, 59), T(9, 30, 17, 0, 0), NONE, NONE);
    /* 17 R P I: ended after the window (before the as-of moment): open at its end */
    rows[n++] =
        row(17, IN, DS_PROCESSED, T(9, 1, 9, 0, 0), T(9, 20, 17, 0, 0), T(9, 16, 9, 0, 0), NONE);
    /* 18 -: ended exactly the last second before the window */
    rows[n++] =
        row(18, IN, DS_PROCESSED, T(3, 1, 9, 0, 0), T(3, 10, 17, 0, 0), T(6, 14, 23, 59, 59), NONE);
    /* 19 R O S L: ended early but after two supplement requests (rule: > 1) */
    rows[n] =
        row(19, ON, DS_PROCESSED, T(7, 1, 9, 0, 0), T(7, 10, 17, 0, 0), T(7, 5, 9, 0, 0), NONE);
    rows[n++].supplements = 2;
    /* 20 C I: paused for a supplement since before the window (clock stopped) */
    rows[n] = row(20, IN, DS_SUPPLEMENT, T(6, 1, 9, 0, 0), T(6, 10, 17, 0, 0), NONE, NONE);
    rows[n].pause_from = T(6, 5, 9, 0, 0);
    rows[n++].supplements = 1;
    /* 21 R O X: received in the window, refused after it (before the as-of moment) */
    rows[n++] = row(21, ON, DS_REFUSED, T(8, 10, 9, 0, 0), NONE, NONE, T(9, 18, 9, 0, 0));
    /* 22 C I V: overdue since January, still open */
    rows[n++] = row(22, IN, DS_PROCESSING, T(1, 10, 9, 0, 0), T(1, 20, 17, 0, 0), NONE, NONE);
    return n;
}

static report_onestop_t table(const kpi_row_t *rows, size_t n, const report_onestop_query_t *oq)
{
    report_onestop_t t;
    memset(&t, 0, sizeof t);
    for (size_t i = 0; i < n; i++)
        report_onestop_add_row(&t, &rows[i], oq);
    return t;
}

static void query(report_onestop_query_t *oq, date_t from, date_t to, dtime_t as_of)
{
    kpi_query_t base;
    memset(&base, 0, sizeof base);
    base.max_supplements = 1;
    report_onestop_query_init(oq, &base, from, to, as_of);
}

static void expect(const report_onestop_t *t, const int64_t want[REPORT_OS_COUNT])
{
    for (int c = 0; c < REPORT_OS_COUNT; c++)
        if (t->c[c] != want[c])
            fail_msg("%s: %lld, expected %lld", report_onestop_key((report_onestop_col_t)c),
                     (long long)t->c[c], (long long)want[c]);
}

/* The KPI engine's counters for the same rows and query equal the columns
 * the header says they equal. */
static void expect_kpi_equal(const kpi_row_t *rows, size_t n, const report_onestop_query_t *oq,
                             const report_onestop_t *t)
{
    kpi_counts_t k;
    memset(&k, 0, sizeof k);
    kpi_snap_rows_count(rows, n, &oq->q, &k);
    assert_int_equal(t->c[REPORT_OS_RECEIVED], k.c[KC_RECEIVED]);
    assert_int_equal(t->c[REPORT_OS_RESOLVED], k.c[KC_RESOLVED]);
    assert_int_equal(t->c[REPORT_OS_EARLY], k.c[KC_EARLY]);
    assert_int_equal(t->c[REPORT_OS_ON_TIME], k.c[KC_ON_TIME]);
    assert_int_equal(t->c[REPORT_OS_LATE], k.c[KC_LATE]);
    assert_int_equal(t->c[REPORT_OS_IN_PROGRESS], k.c[KC_OPEN_IN_TIME] + k.c[KC_OVERDUE_OPEN]);
    assert_int_equal(t->c[REPORT_OS_IN_PROGRESS_OVERDUE], k.c[KC_OVERDUE_OPEN]);
    /* online received includes refused/withdrawn ones, tthc.online does not */
    assert_true(t->c[REPORT_OS_RECEIVED_ONLINE] >= k.c[KC_ONLINE]);
}

/* Rows counted on the left of the identity (received in the window or
 * carried over) that were refused/withdrawn by the as-of moment. */
static int64_t ended_otherwise(const kpi_row_t *rows, size_t n, const report_onestop_query_t *oq)
{
    int64_t x = 0;
    for (size_t i = 0; i < n; i++) {
        report_onestop_t one;
        memset(&one, 0, sizeof one);
        report_onestop_add_row(&one, &rows[i], oq);
        dossier_class_t cls;
        kpi_snap_row_bits(&rows[i], &oq->q, &cls);
        if ((one.c[REPORT_OS_RECEIVED] || one.c[REPORT_OS_CARRIED_OVER]) && cls == DCLS_EXCLUDED)
            x++;
    }
    return x;
}

static void expect_identity(const kpi_row_t *rows, size_t n, const report_onestop_query_t *oq,
                            const report_onestop_t *t)
{
    const int64_t *c = t->c;
    assert_int_equal(c[REPORT_OS_RECEIVED_ONLINE] + c[REPORT_OS_RECEIVED_DIRECT_POSTAL],
                     c[REPORT_OS_RECEIVED]);
    assert_int_equal(c[REPORT_OS_EARLY] + c[REPORT_OS_ON_TIME] + c[REPORT_OS_LATE],
                     c[REPORT_OS_RESOLVED]);
    assert_true(c[REPORT_OS_IN_PROGRESS_OVERDUE] <= c[REPORT_OS_IN_PROGRESS]);
    assert_int_equal(c[REPORT_OS_CARRIED_OVER] + c[REPORT_OS_RECEIVED],
                     c[REPORT_OS_RESOLVED] + c[REPORT_OS_IN_PROGRESS] +
                         ended_otherwise(rows, n, oq));
}

static void window_by_hand(void **state)
{
    (void)state;
    kpi_row_t rows[32];
    size_t n = hand_rows(rows);
    report_onestop_query_t oq;
    query(&oq, D(2024, 6, 15), D(2024, 9, 14), dtime_make(D(2024, 9, 20), 10, 0, 0));
    assert_int_equal(oq.q.from, dtime_make(D(2024, 6, 15), 0, 0, 0));
    assert_int_equal(oq.q.to, dtime_make(D(2024, 9, 14), 23, 59, 59));
    assert_int_equal(oq.before, dtime_make(D(2024, 6, 14), 23, 59, 59));
    report_onestop_t t = table(rows, n, &oq);
    /* received: 1 2 3 4 5 9 10 15 16 17 19 21; online: 1 4 9 16 19 21;
     * carried over: 6 11 14 20 22; resolved: 1 2 3 6 15 19 (early 1, on time
     * 2 15, late 3 6 19); in progress: 4 5 14 16 17 20 22 (overdue 5 22) */
    static const int64_t want[REPORT_OS_COUNT] = {12, 6, 6, 5, 6, 1, 2, 3, 7, 2};
    expect(&t, want);
    expect_kpi_equal(rows, n, &oq, &t);
    /* refused/withdrawn: 9 10 11 21; 5 + 12 = 6 + 7 + 4 */
    assert_int_equal(ended_otherwise(rows, n, &oq), 4);
    expect_identity(rows, n, &oq, &t);
}

static void as_of_inside_window(void **state)
{
    (void)state;
    kpi_row_t rows[32];
    size_t n = hand_rows(rows);
    report_onestop_query_t oq;
    /* as of 1/8 12:00: 12, 13, 16, 17 and 21 are not received yet; 5 is still
     * within time; 10 and 11 were withdrawn already */
    query(&oq, D(2024, 6, 15), D(2024, 9, 14), dtime_make(D(2024, 8, 1), 12, 0, 0));
    report_onestop_t t = table(rows, n, &oq);
    /* received 1 2 3 4 5 9 10 15 19 (online 1 4 9 19); carried 6 11 14 20 22;
     * resolved 1 2 3 6 15 19; in progress 4 5 14 20 22 (overdue 22) */
    static const int64_t want[REPORT_OS_COUNT] = {9, 4, 5, 5, 6, 1, 2, 3, 5, 1};
    expect(&t, want);
    expect_kpi_equal(rows, n, &oq, &t);
    assert_int_equal(ended_otherwise(rows, n, &oq), 3); /* 9 10 11 */
    expect_identity(rows, n, &oq, &t);

    /* as of 1/7 09:30: 11 is withdrawn (at 09:00) but was carried over;
     * row 1 is received and open */
    query(&oq, D(2024, 6, 15), D(2024, 9, 14), dtime_make(D(2024, 7, 1), 9, 30, 0));
    t = table(rows, n, &oq);
    /* received 1 15 19; carried 6 11 14 20 22; resolved 15; in progress 1 6
     * 14 19 20 22 (overdue 6 22) */
    static const int64_t want2[REPORT_OS_COUNT] = {3, 2, 1, 5, 1, 0, 1, 0, 6, 2};
    expect(&t, want2);
    expect_kpi_equal(rows, n, &oq, &t);
    expect_identity(rows, n, &oq, &t);
}

static void as_of_before_window(void **state)
{
    (void)state;
    kpi_row_t rows[32];
    size_t n = hand_rows(rows);
    report_onestop_query_t oq;
    /* a window not begun as of 10/6 12:00: nothing received or resolved in
     * it; carried over and in progress are both "open as of 10/6 12:00":
     * 6 (due 17:00 that day), 7, 11, 18 (overdue), 20 (paused), 22 (overdue) */
    query(&oq, D(2024, 6, 15), D(2024, 9, 14), dtime_make(D(2024, 6, 10), 12, 0, 0));
    report_onestop_t t = table(rows, n, &oq);
    static const int64_t want[REPORT_OS_COUNT] = {0, 0, 0, 6, 0, 0, 0, 0, 6, 2};
    expect(&t, want);
    expect_kpi_equal(rows, n, &oq, &t);
    expect_identity(rows, n, &oq, &t);
}

static void procedure_selection(void **state)
{
    (void)state;
    kpi_row_t rows[32];
    size_t n = hand_rows(rows);
    for (size_t i = 0; i < n; i++)
        rows[i].proc = (uint32_t)(i % 3); /* rows 1, 4, 7 ... are procedure 0 */
    rows[0].proc = 7;                     /* outside the selection array */
    uint8_t sel[3] = {1, 0, 0};
    kpi_query_t base;
    memset(&base, 0, sizeof base);
    base.max_supplements = 1;
    base.proc_select = sel;
    base.nproc = 3;
    report_onestop_query_t oq;
    report_onestop_query_init(&oq, &base, D(2024, 6, 15), D(2024, 9, 14),
                              dtime_make(D(2024, 9, 20), 10, 0, 0));
    assert_ptr_equal(oq.q.proc_select, sel);
    assert_int_equal(oq.q.max_supplements, 1);
    report_onestop_t t = table(rows, n, &oq);
    /* procedure 0: rows 4 7 10 13 16 19 22 (row 1 is procedure 7) */
    kpi_row_t mine[8];
    size_t m = 0;
    static const uint32_t ids[] = {4, 7, 10, 13, 16, 19, 22};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        mine[m++] = rows[ids[i] - 1];
    report_onestop_query_t all;
    query(&all, D(2024, 6, 15), D(2024, 9, 14), dtime_make(D(2024, 9, 20), 10, 0, 0));
    report_onestop_t u = table(mine, m, &all);
    expect(&t, u.c);
    /* received 4 10 16 19; carried 22; resolved 19 (late); in progress 4 16 22 */
    static const int64_t want[REPORT_OS_COUNT] = {4, 3, 1, 1, 1, 0, 0, 1, 3, 1};
    expect(&t, want);
    expect_kpi_equal(rows, n, &oq, &t);
}

static void rule_disabled(void **state)
{
    (void)state;
    kpi_row_t rows[32];
    size_t n = hand_rows(rows);
    kpi_query_t base;
    memset(&base, 0, sizeof base);
    base.max_supplements = -1; /* the supplement rule off: row 19 is early */
    report_onestop_query_t oq;
    report_onestop_query_init(&oq, &base, D(2024, 6, 15), D(2024, 9, 14),
                              dtime_make(D(2024, 9, 20), 10, 0, 0));
    report_onestop_t t = table(rows, n, &oq);
    static const int64_t want[REPORT_OS_COUNT] = {12, 6, 6, 5, 6, 2, 2, 2, 7, 2};
    expect(&t, want);
    expect_kpi_equal(rows, n, &oq, &t);
}

/* --- random rows ------------------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

#define DAYS(k) ((int32_t)(k)*86400)

/* A time d days after t (often exactly at a day's start or last second). */
static int32_t near(int32_t t, int d)
{
    int32_t day = (t / 86400 + d) * 86400;
    switch (rnd(4)) {
    case 0:
        return day;
    case 1:
        return day + 86399;
    default:
        return day + (int32_t)rnd(86400);
    }
}

static kpi_row_t random_row(uint32_t id, int32_t t0)
{
    static const uint8_t statuses[] = {2, 3, 4, 5, 7, 8, 9, 10, 9, 10};
    kpi_row_t r = row(id, 1 + (int)rnd(3), statuses[rnd(sizeof statuses)], near(t0, (int)rnd(120)),
                      NONE, NONE, NONE);
    r.proc = rnd(4);
    if (rnd(6)) {
        r.due_base = near(r.received, (int)rnd(15));
        r.due = r.due_base;
    }
    r.supplements = (uint8_t)(rnd(4) == 0 ? 1 + rnd(3) : 0);
    if (r.supplements && rnd(2)) {
        r.pause_from = near(r.received, (int)rnd(6));
        r.pause_from = r.pause_from < r.received ? r.received : r.pause_from;
        if (rnd(3)) {
            r.pause_to = near(r.pause_from, (int)rnd(8));
            r.pause_to = r.pause_to < r.pause_from ? r.pause_from : r.pause_to;
            if (r.due != NONE)
                r.due += r.pause_to - r.pause_from;
        }
    }
    int32_t end = near(r.received, (int)rnd(40));
    end = end < r.received ? r.received : end;
    if (r.status == DS_REFUSED || r.status == DS_WITHDRAWN) {
        r.closed = end;
        if (rnd(3) == 0)
            r.ended = end; /* some sources fill NgayKetThucXuLy too */
    } else if (r.status >= DS_STOPPED) {
        r.ended = end;
    }
    return r;
}

static void random_rows_and_windows(void **state)
{
    (void)state;
    enum { NROWS = 3000, NWIN = 300 };
    static kpi_row_t rows[NROWS];
    int32_t t0 = T(1, 1, 0, 0, 0);
    for (uint32_t i = 0; i < NROWS; i++)
        rows[i] = random_row(i + 1, t0);
    uint8_t sel[4] = {1, 0, 1, 1};
    for (int w = 0; w < NWIN; w++) {
        date_t from = D(2024, 1, 1) + (date_t)rnd(130) - 5;
        date_t to = from + (date_t)rnd(60);
        dtime_t as_of;
        switch (rnd(4)) {
        case 0:
            as_of = dtime_make(to + 1 + (date_t)rnd(30), (int)rnd(24), 0, 0);
            break;
        case 1:
            as_of = dtime_make(to, 23, 59, 59);
            break;
        case 2: /* inside the window, sometimes before it */
            as_of = dtime_make(from - 3 + (date_t)rnd((uint32_t)(to - from + 4)), (int)rnd(24),
                               (int)rnd(60), 0);
            break;
        default:
            as_of = dtime_make(D(2030, 1, 1), 0, 0, 0);
        }
        kpi_query_t base;
        memset(&base, 0, sizeof base);
        base.max_supplements = (int)rnd(3) - 1;
        if (rnd(3) == 0) {
            base.proc_select = sel;
            base.nproc = 4;
        }
        report_onestop_query_t oq;
        report_onestop_query_init(&oq, &base, from, to, as_of);
        report_onestop_t t = table(rows, NROWS, &oq);
        expect_kpi_equal(rows, NROWS, &oq, &t);
        expect_identity(rows, NROWS, &oq, &t);
    }
}

/* Carried over into a window = in progress at the end of the window before
 * it, as of that end: the two tables of consecutive reports chain, whatever
 * happened to those dossiers later (resolved, refused or withdrawn). */
static void carried_over_chains(void **state)
{
    (void)state;
    enum { NROWS = 2000 };
    static kpi_row_t rows[NROWS];
    int32_t t0 = T(1, 1, 0, 0, 0);
    for (uint32_t i = 0; i < NROWS; i++)
        rows[i] = random_row(i + 1, t0);
    for (int w = 0; w < 200; w++) {
        date_t from = D(2024, 1, 15) + (date_t)rnd(100);
        date_t to = from + (date_t)rnd(40);
        report_onestop_query_t prev, next;
        query(&prev, from - 1 - (date_t)rnd(90), from - 1, dtime_make(from - 1, 23, 59, 59));
        query(&next, from, to, dtime_make(to + (date_t)rnd(20), (int)rnd(24), 0, 0));
        report_onestop_t p = table(rows, NROWS, &prev), x = table(rows, NROWS, &next);
        assert_int_equal(x.c[REPORT_OS_CARRIED_OVER], p.c[REPORT_OS_IN_PROGRESS]);
    }
    /* by hand: row 11 of the Q3 table, withdrawn on 1/7, was in progress at
     * the end of the previous window and is carried over into Q3 */
    kpi_row_t hand[32];
    size_t n = hand_rows(hand);
    report_onestop_query_t prev, q3;
    query(&prev, D(2024, 3, 15), D(2024, 6, 14), dtime_make(D(2024, 6, 14), 23, 59, 59));
    query(&q3, D(2024, 6, 15), D(2024, 9, 14), dtime_make(D(2024, 9, 20), 10, 0, 0));
    report_onestop_t p = table(&hand[10], 1, &prev), x = table(&hand[10], 1, &q3);
    assert_int_equal(p.c[REPORT_OS_IN_PROGRESS], 1);
    assert_int_equal(x.c[REPORT_OS_CARRIED_OVER], 1);
    assert_int_equal(table(hand, n, &q3).c[REPORT_OS_CARRIED_OVER],
                     table(hand, n, &prev).c[REPORT_OS_IN_PROGRESS]);
}

/* --- keys, labels, sums ------------------------------------------------- */

static void keys_and_labels(void **state)
{
    (void)state;
    static const char *const keys[] = {"received",
                                       "received_online",
                                       "received_direct_postal",
                                       "carried_over",
                                       "resolved",
                                       "early",
                                       "on_time",
                                       "late",
                                       "in_progress",
                                       "in_progress_overdue"};
    assert_int_equal(sizeof keys / sizeof keys[0], REPORT_OS_COUNT);
    for (int c = 0; c < REPORT_OS_COUNT; c++) {
        report_onestop_col_t col = (report_onestop_col_t)c;
        assert_string_equal(report_onestop_key(col), keys[c]);
        assert_non_null(report_onestop_label_vi(col));
        assert_non_null(report_onestop_label_en(col));
        assert_true(strlen(report_onestop_label_vi(col)) > 0);
        assert_true(strlen(report_onestop_label_en(col)) > 0);
        for (int k = 0; k < c; k++)
            assert_string_not_equal(report_onestop_label_vi(col),
                                    report_onestop_label_vi((report_onestop_col_t)k));
    }
    assert_string_equal(report_onestop_label_vi(REPORT_OS_CARRIED_OVER), "Từ kỳ trước chuyển qua");
    assert_string_equal(report_onestop_label_vi(REPORT_OS_ON_TIME), "Đúng hạn");
    assert_string_equal(report_onestop_label_en(REPORT_OS_LATE), "Late");
    assert_null(report_onestop_key(REPORT_OS_COUNT));
    assert_null(report_onestop_key((report_onestop_col_t)-1));
    assert_null(report_onestop_label_vi(REPORT_OS_COUNT));
    assert_null(report_onestop_label_en((report_onestop_col_t)-1));
}

static void sums(void **state)
{
    (void)state;
    kpi_row_t rows[32];
    size_t n = hand_rows(rows);
    report_onestop_query_t oq;
    query(&oq, D(2024, 6, 15), D(2024, 9, 14), dtime_make(D(2024, 9, 20), 10, 0, 0));
    /* per-field tables (split the rows in two) sum to the total */
    report_onestop_t a = table(rows, 9, &oq), b = table(rows + 9, n - 9, &oq);
    report_onestop_t all = table(rows, n, &oq);
    report_onestop_t acc;
    memset(&acc, 0, sizeof acc);
    report_onestop_sum(&acc, &a);
    report_onestop_sum(&acc, &b);
    expect(&acc, all.c);
    /* adding zeros changes nothing; adding to itself doubles */
    report_onestop_t zero;
    memset(&zero, 0, sizeof zero);
    report_onestop_sum(&acc, &zero);
    expect(&acc, all.c);
    report_onestop_t twice = all;
    report_onestop_sum(&twice, &all);
    for (int c = 0; c < REPORT_OS_COUNT; c++)
        assert_int_equal(twice.c[c], 2 * all.c[c]);
    /* an empty ledger: every column 0 */
    report_onestop_t none = table(rows, 0, &oq);
    expect(&none, zero.c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(window_by_hand),
        cmocka_unit_test(as_of_inside_window),
        cmocka_unit_test(as_of_before_window),
        cmocka_unit_test(procedure_selection),
        cmocka_unit_test(rule_disabled),
        cmocka_unit_test(random_rows_and_windows),
        cmocka_unit_test(carried_over_chains),
        cmocka_unit_test(keys_and_labels),
        cmocka_unit_test(sums),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
