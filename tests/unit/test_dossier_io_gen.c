/* The synthetic dossier generator: same options give the same bytes; a year
 * cut at a day (`until`, the demo "as of today") has no receipt and no event
 * after that day, passes the record checks, receives the same dossiers as
 * the whole year up to then, and leaves the dossiers that end later in
 * progress; `until` outside the year or 0 means the whole year. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/date.h"
#include "base/dtime.h"
#include "domain/dossier.h"
#include "io/dossier_io.h"
#include "io/dossier_io_gen.h"
#include "support/testdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define NDOSS 3000

typedef struct rows {
    size_t n;
    dossier_t *d;
} rows_t;

/* Generates the dossiers of o into dir/name; returns the path (free()). */
static char *gen(const char *dir, const char *name, const dossier_io_gen_opts_t *o)
{
    char *path = testdir_join(dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    err_t e;
    assert_int_equal(dossier_io_gen_dossiers(f, o, &e), 0);
    assert_int_equal(fclose(f), 0);
    return path;
}

static void read_rows(const char *path, rows_t *r)
{
    dossier_io_src_t *s = NULL;
    err_t e;
    assert_int_equal(dossier_io_src_open(path, &s, &e), 0);
    r->n = 0;
    r->d = calloc(NDOSS + 1, sizeof *r->d);
    assert_non_null(r->d);
    for (;;) {
        assert_true(r->n <= NDOSS);
        int rc = dossier_io_src_next(s, &r->d[r->n], &e);
        if (rc == 0)
            break;
        if (rc != 1)
            fail_msg("row %zu: %s", r->n, e.en);
        assert_int_equal(dossier_check(&r->d[r->n], &e), 0);
        r->n++;
    }
    dossier_io_src_close(s);
}

static char *slurp(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    *len = ftell(f);
    rewind(f);
    char *b = malloc((size_t)*len + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)*len, f), (size_t)*len);
    fclose(f);
    b[*len] = '\0';
    return b;
}

static void assert_same_file(const char *a, const char *b)
{
    long la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(x, y, (size_t)la);
    free(x);
    free(y);
}

static bool after(dtime_t t, dtime_t cut)
{
    return t != DTIME_NONE && t > cut;
}

static void deterministic_and_whole_year(void **state)
{
    (void)state;
    char *dir = testdir_new();
    dossier_io_gen_opts_t o = {20, 30, NDOSS, 2026, 7, 0};
    char *a = gen(dir, "a.csv", &o), *b = gen(dir, "b.csv", &o);
    assert_same_file(a, b);
    /* the last day of the year, or a day of another year: the whole year */
    o.until = date_from_ymd(2026, 12, 31);
    char *c = gen(dir, "c.csv", &o);
    assert_same_file(a, c);
    o.until = date_from_ymd(2027, 3, 1);
    char *d = gen(dir, "d.csv", &o);
    assert_same_file(a, d);
    rows_t r;
    read_rows(a, &r);
    assert_int_equal(r.n, NDOSS);
    free(r.d);
    free(a);
    free(b);
    free(c);
    free(d);
    testdir_remove(dir);
}

static void cut_at_a_day(void **state)
{
    (void)state;
    char *dir = testdir_new();
    dossier_io_gen_opts_t o = {20, 30, NDOSS, 2026, 7, 0};
    char *full = gen(dir, "full.csv", &o);
    date_t until = date_from_ymd(2026, 5, 20);
    o.until = until;
    char *part = gen(dir, "part.csv", &o);
    rows_t f, p;
    read_rows(full, &f);
    read_rows(part, &p);
    dtime_t cut = dtime_make(until, 23, 59, 59);
    /* roughly the share of the year's working days up to 20 May */
    assert_true(p.n > NDOSS / 4 && p.n < NDOSS / 2);
    size_t open = 0, open_then_ended = 0;
    for (size_t i = 0; i < p.n; i++) {
        const dossier_t *d = &p.d[i], *w = &f.d[i];
        /* the same receipts as the whole year, in the same order */
        assert_string_equal(d->code, w->code);
        assert_int_equal(d->received, w->received);
        assert_true(dtime_date(d->received) <= until);
        assert_false(after(d->ended, cut) || after(d->returned, cut) ||
                     after(d->supp_requested, cut) || after(d->supp_supplied, cut) ||
                     after(d->closed, cut));
        if (!dossier_status_resolved(d->status) && !dossier_status_excluded(d->status)) {
            open++;
            open_then_ended += dossier_status_resolved(w->status);
            assert_int_equal(d->rating, 0);
        }
    }
    /* the whole year goes on after 20 May; dossiers received just before
     * the cut are still being processed then */
    assert_true(f.n > p.n);
    assert_true(dtime_date(f.d[p.n].received) > until);
    assert_true(open_then_ended > 10);
    assert_true(open >= open_then_ended);
    free(f.d);
    free(p.d);
    free(full);
    free(part);
    testdir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(deterministic_and_whole_year),
        cmocka_unit_test(cut_at_a_day),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
