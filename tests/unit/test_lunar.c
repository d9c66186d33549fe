/* Unit tests of src/domain/lunar: the Vietnamese lunar calendar (UTC+7).
 * Exhaustive checks over the whole supported range plus published dates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/date.h"
#include "base/err.h"
#include "domain/lunar.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#include "base/banned.h"

static date_t ymd(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static date_t tet(int year)
{
    lunar_date_t l = {.day = 1, .month = 1, .year = year, .leap = false};
    date_t d = DATE_NONE;
    assert_int_equal(lunar_to_solar(&l, &d), 0);
    return d;
}

/* --- first use from several threads at once (the table is built once) --- */

static void *convert_in_thread(void *arg)
{
    lunar_date_t *out = arg;
    if (lunar_from_solar(ymd(2024, 2, 10), out) != 0)
        out->day = -1;
    return NULL;
}

static void concurrent_first_use(void **state)
{
    (void)state;
    pthread_t th[4];
    lunar_date_t res[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, convert_in_thread, &res[i]), 0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        assert_int_equal(res[i].day, 1);
        assert_int_equal(res[i].month, 1);
        assert_int_equal(res[i].year, 2024);
    }
}

/* --- exhaustive properties ------------------------------------------------ */

static void round_trip_every_day(void **state)
{
    (void)state;
    date_t lo = ymd(1900, 1, 1), hi = ymd(2199, 12, 31);
    for (date_t d = lo; d <= hi; d++) {
        lunar_date_t l;
        assert_int_equal(lunar_from_solar(d, &l), 0);
        date_t back = DATE_NONE;
        assert_int_equal(lunar_to_solar(&l, &back), 0);
        assert_int_equal(back, d);
    }
}

/* Consecutive days: day + 1 within a month; at a month change the previous
 * month had 29 or 30 days (as lunar_month_length says) and the month
 * number, leap flag and year advance by the calendar's rules. */
static void consecutive_days_increment(void **state)
{
    (void)state;
    date_t lo = ymd(1900, 1, 1), hi = ymd(2199, 12, 31);
    lunar_date_t prev;
    assert_int_equal(lunar_from_solar(lo, &prev), 0);
    assert_int_equal(prev.day, 1); /* 1900-01-01 is the first of a month */
    int months = 1;
    for (date_t d = lo + 1; d <= hi; d++) {
        lunar_date_t cur;
        assert_int_equal(lunar_from_solar(d, &cur), 0);
        if (cur.day != 1) {
            assert_int_equal(cur.day, prev.day + 1);
            assert_int_equal(cur.month, prev.month);
            assert_int_equal(cur.year, prev.year);
            assert_int_equal(cur.leap, prev.leap);
        } else {
            months++;
            assert_true(prev.day == 29 || prev.day == 30);
            assert_int_equal(lunar_month_length(prev.year, prev.month, prev.leap), prev.day);
            if (cur.leap) {
                assert_false(prev.leap);
                assert_int_equal(cur.month, prev.month);
                assert_int_equal(cur.year, prev.year);
            } else {
                assert_int_equal(cur.month, prev.month % 12 + 1);
                assert_int_equal(cur.year, prev.year + (cur.month == 1 ? 1 : 0));
            }
        }
        prev = cur;
    }
    /* Month starts in 1900-01-01 .. 2199-12-31 (value of this
     * implementation, cross-checked against an independent ephemeris). */
    assert_int_equal(months, 3711);
}

static void years_have_12_or_13_months(void **state)
{
    (void)state;
    int leap_years = 0;
    for (int y = 1900; y <= 2199; y++) {
        int leap = lunar_leap_month(y);
        assert_true(leap >= 0 && leap <= 12);
        int total = 0;
        for (int m = 1; m <= 12; m++) {
            int len = lunar_month_length(y, m, false);
            if (y == 2199 && m == 12) { /* starts in 2200 */
                assert_int_equal(len, ERR_RANGE);
                continue;
            }
            assert_true(len == 29 || len == 30);
            total += len;
            int llen = lunar_month_length(y, m, true);
            if (m == leap) {
                assert_true(llen == 29 || llen == 30);
                total += llen;
            } else {
                assert_int_equal(llen, ERR_INVALID);
            }
        }
        /* The year's length is the distance between two Tết. */
        if (y < 2199)
            assert_int_equal(total, tet(y + 1) - tet(y));
        if (y < 2199)
            assert_true(leap ? (total >= 383 && total <= 385) : (total >= 353 && total <= 355));
        leap_years += leap != 0;
        /* Tết falls between 21 January and 20 February. */
        date_t t = tet(y);
        assert_true(t >= ymd(y, 1, 21) && t <= ymd(y, 2, 20));
    }
    /* 7 leap months in 19 years: 300 years hold about 110.5 of them
     * (111 here, as with an independent ephemeris). */
    assert_int_equal(leap_years, 111);
}

/* --- published dates ------------------------------------------------------ */

static void tet_dates(void **state)
{
    (void)state;
    static const int tets[][3] = {
        {2020, 1, 25},
        {2021, 2, 12},
        {2022, 2, 1},
        {2023, 1, 22},
        {2024, 2, 10},
        {2025, 1, 29},
        {2026, 2, 17},
        {2027, 2, 6},
        {2028, 1, 26},
        {2029, 2, 13},
        {2030, 2, 2},
        /* Differ from the Chinese calendar (UTC+8): */
        {1985, 1, 21},
        {2007, 2, 17},
        /* North Vietnam's first Tết on UTC+7 (the South, on UTC+8: 30/1). */
        {1968, 1, 29},
        /* Range ends. */
        {1900, 1, 31},
        {2199, 1, 26}};
    for (size_t i = 0; i < sizeof tets / sizeof tets[0]; i++) {
        date_t want = ymd(tets[i][0], tets[i][1], tets[i][2]);
        assert_int_equal(tet(tets[i][0]), want);
        lunar_date_t l;
        assert_int_equal(lunar_from_solar(want, &l), 0);
        assert_int_equal(l.day, 1);
        assert_int_equal(l.month, 1);
        assert_int_equal(l.year, tets[i][0]);
        assert_false(l.leap);
        /* The day before is the last day of month 12 of the previous year. */
        assert_int_equal(lunar_from_solar(want - 1, &l), 0);
        assert_int_equal(l.month, 12);
        assert_int_equal(l.year, tets[i][0] - 1);
        assert_false(l.leap);
    }
}

static void known_leap_months(void **state)
{
    (void)state;
    static const int leaps[][2] = {{2020, 4},
                                   {2023, 2},
                                   {2025, 6},
                                   {2028, 5},
                                   {2033, 11},
                                   {2001, 4},
                                   {2004, 2},
                                   {2006, 7},
                                   {2009, 5},
                                   {2012, 4},
                                   {2014, 9},
                                   {2017, 6},
                                   {2031, 3},
                                   {2036, 6},
                                   /* Vietnam differs from China (1984 leap 10, 1987 leap 6): */
                                   {1984, 0},
                                   {1985, 2},
                                   {1987, 7},
                                   /* No leap month: */
                                   {2021, 0},
                                   {2022, 0},
                                   {2024, 0},
                                   {2026, 0},
                                   {2027, 0},
                                   {2029, 0},
                                   {2030, 0}};
    for (size_t i = 0; i < sizeof leaps / sizeof leaps[0]; i++)
        assert_int_equal(lunar_leap_month(leaps[i][0]), leaps[i][1]);

    /* 2033: months 11, leap 11, 12 and Tết 2034. */
    lunar_date_t l = {.day = 1, .month = 11, .year = 2033, .leap = true};
    date_t d;
    assert_int_equal(lunar_to_solar(&l, &d), 0);
    assert_int_equal(d, ymd(2033, 12, 22));
    l.leap = false;
    assert_int_equal(lunar_to_solar(&l, &d), 0);
    assert_int_equal(d, ymd(2033, 11, 22));
    assert_int_equal(tet(2034), ymd(2034, 2, 19));

    /* 2023: leap month 2 from 2023-03-22 to 2023-04-19. */
    assert_int_equal(lunar_from_solar(ymd(2023, 3, 22), &l), 0);
    assert_true(l.day == 1 && l.month == 2 && l.year == 2023 && l.leap);
    assert_int_equal(lunar_from_solar(ymd(2023, 4, 19), &l), 0);
    assert_true(l.day == 29 && l.month == 2 && l.leap);
    assert_int_equal(lunar_from_solar(ymd(2023, 4, 20), &l), 0);
    assert_true(l.day == 1 && l.month == 3 && !l.leap);
}

static void gio_to_hung_vuong(void **state)
{
    (void)state;
    static const int gio_to[][3] = {{2024, 4, 18}, {2025, 4, 7}, {2026, 4, 26}};
    for (size_t i = 0; i < 3; i++) {
        lunar_date_t l = {.day = 10, .month = 3, .year = gio_to[i][0], .leap = false};
        date_t d;
        assert_int_equal(lunar_to_solar(&l, &d), 0);
        assert_int_equal(d, ymd(gio_to[i][0], gio_to[i][1], gio_to[i][2]));
    }
}

static void tet_2024_giap_thin(void **state)
{
    (void)state;
    lunar_date_t l;
    assert_int_equal(lunar_from_solar(ymd(2024, 2, 10), &l), 0);
    assert_int_equal(l.day, 1);
    assert_int_equal(l.month, 1);
    assert_int_equal(l.year, 2024);
    assert_false(l.leap);
    char name[LUNAR_YEAR_NAME_MAX];
    assert_string_equal(lunar_year_name(l.year, name), "Giáp Thìn");
    assert_string_equal(lunar_year_name(2025, name), "Ất Tỵ");
    assert_string_equal(lunar_year_name(2026, name), "Bính Ngọ");
    assert_string_equal(lunar_year_name(1984, name), "Giáp Tý");
    assert_string_equal(lunar_year_name(1945, name), "Ất Dậu");
    assert_string_equal(lunar_year_name(1968, name), "Mậu Thân");
    assert_string_equal(lunar_year_name(2033, name), "Quý Sửu");
    assert_string_equal(lunar_year_name(2019, name), "Kỷ Hợi");
    assert_string_equal(lunar_year_name(2031, name), "Tân Hợi");
    assert_string_equal(lunar_year_name(2030, name), "Canh Tuất");
    assert_string_equal(lunar_year_name(2032, name), "Nhâm Tý");
    assert_string_equal(lunar_year_name(2027, name), "Đinh Mùi");
    assert_string_equal(lunar_year_name(2028, name), "Mậu Thân");
    assert_string_equal(lunar_year_name(2023, name), "Quý Mão");
    assert_string_equal(lunar_year_name(-56, name), "Giáp Tý"); /* cycles below 0 */
    /* Every one of the 60 names is distinct and the cycle repeats. */
    for (int y = 1984; y < 2044; y++) {
        char a[LUNAR_YEAR_NAME_MAX], b[LUNAR_YEAR_NAME_MAX];
        assert_string_equal(lunar_year_name(y, a), lunar_year_name(y + 60, b));
        for (int z = y + 1; z < 2044; z++)
            assert_string_not_equal(a, lunar_year_name(z, b));
    }
}

static void range_ends(void **state)
{
    (void)state;
    lunar_date_t l;
    assert_int_equal(lunar_from_solar(ymd(1900, 1, 1), &l), 0);
    assert_true(l.day == 1 && l.month == 12 && l.year == 1899 && !l.leap);
    assert_int_equal(lunar_from_solar(ymd(2199, 12, 31), &l), 0);
    assert_true(l.day == 14 && l.month == 11 && l.year == 2199 && !l.leap);
    assert_int_equal(lunar_month_length(1899, 12, false), 30);
    assert_int_equal(lunar_leap_month(1899), 0);
    assert_int_equal(lunar_leap_month(1900), 8);
    assert_int_equal(lunar_leap_month(2199), 6);
}

/* Events within a minute of local midnight, where the day depends on the
 * last seconds of accuracy (see docs/internals/lunar.md). Pinned so that a
 * change of the astronomy that flips them is noticed and reviewed. */
static void near_midnight_cases_pinned(void **state)
{
    (void)state;
    lunar_date_t l;
    assert_int_equal(lunar_leap_month(1938), 8);
    static const int starts[][5] = {{1944, 6, 20, 1944, 5},  {1967, 7, 7, 1967, 6},
                                    {2054, 5, 8, 2054, 4},   {2077, 11, 15, 2077, 10},
                                    {2085, 10, 18, 2085, 9}, {2175, 1, 22, 2175, 1}};
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
        assert_int_equal(lunar_from_solar(ymd(starts[i][0], starts[i][1], starts[i][2]), &l), 0);
        assert_int_equal(l.day, 1);
        assert_int_equal(l.year, starts[i][3]);
        assert_int_equal(l.month, starts[i][4]);
    }
}

/* --- astronomy ------------------------------------------------------------ */

static void astronomy_reference_values(void **state)
{
    (void)state;
    /* New moon of 1977 February 18, 3h37m42s TD (k = -283). */
    assert_true(fabs(lunar_new_moon_jde(-283) - 2443192.65118) < 2e-5);
    /* Apparent longitude of the Sun on 1992-10-13.0 TD: 199 deg 54' 21.8". */
    assert_true(fabs(lunar_sun_longitude(2448908.5) - 199.90606) < 1e-4);
    /* Delta T: about 64 s in 2000, 29 s in 1950, a few seconds in 1900. */
    assert_true(fabs(lunar_delta_t(2000.0) - 63.8) < 0.5);
    assert_true(fabs(lunar_delta_t(1950.0) - 29.1) < 0.5);
    assert_true(fabs(lunar_delta_t(1900.0) - (-2.8)) < 0.5);
    /* Total solar eclipse new moon, 2024-04-08 18:21 UT (k = 300). */
    double ut = lunar_new_moon_jde(300) - lunar_delta_t(2024.3) / 86400.0;
    double want = 2440587.5 + ymd(2024, 4, 8) + (18.0 + 21.0 / 60.0) / 24.0;
    assert_true(fabs(ut - want) * 86400.0 < 120.0);
    /* December solstice 2024-12-21 09:20 UT: longitude 270 within 0.01 deg. */
    double jde = 2440587.5 + ymd(2024, 12, 21) + (9.0 + 20.0 / 60.0) / 24.0 +
                 lunar_delta_t(2024.97) / 86400.0;
    assert_true(fabs(lunar_sun_longitude(jde) - 270.0) < 0.01);
    /* The result is always normalised. */
    for (double j = 2415020.0; j < 2524593.0; j += 997.3) {
        double lon = lunar_sun_longitude(j);
        assert_true(lon >= 0.0 && lon < 360.0);
    }
}

/* --- bad input ------------------------------------------------------------ */

static void bad_input(void **state)
{
    (void)state;
    lunar_date_t l;
    date_t d;
    assert_int_equal(lunar_from_solar(ymd(1899, 12, 31), &l), ERR_RANGE);
    assert_int_equal(lunar_from_solar(ymd(2200, 1, 1), &l), ERR_RANGE);
    assert_int_equal(lunar_from_solar(DATE_NONE, &l), ERR_RANGE);
    assert_int_equal(lunar_from_solar(ymd(2024, 1, 1), NULL), ERR_INVALID);

    /* 2024 month 12 has 29 days (2024-12-31 .. 2025-01-28). */
    assert_int_equal(lunar_month_length(2024, 12, false), 29);
    lunar_date_t bad = {.day = 30, .month = 12, .year = 2024, .leap = false};
    assert_int_equal(lunar_to_solar(&bad, &d), ERR_INVALID);
    bad.day = 29;
    assert_int_equal(lunar_to_solar(&bad, &d), 0);
    assert_int_equal(d, ymd(2025, 1, 28));
    /* Leap flag on a month that is not leap. */
    bad = (lunar_date_t){.day = 1, .month = 4, .year = 2024, .leap = true};
    assert_int_equal(lunar_to_solar(&bad, &d), ERR_INVALID);
    bad.year = 2020; /* ... but 2020 had a leap month 4 */
    assert_int_equal(lunar_to_solar(&bad, &d), 0);
    assert_int_equal(d, ymd(2020, 5, 23));
    assert_int_equal(lunar_month_length(2024, 4, true), ERR_INVALID);
    /* Month and day outside their ranges. */
    static const int bad_md[][2] = {{13, 1}, {0, 1}, {-1, 1}, {1, 0}, {1, 31}, {1, -5}};
    for (size_t i = 0; i < sizeof bad_md / sizeof bad_md[0]; i++) {
        bad = (lunar_date_t){.day = bad_md[i][1], .month = bad_md[i][0], .year = 2024};
        assert_int_equal(lunar_to_solar(&bad, &d), ERR_INVALID);
    }
    assert_int_equal(lunar_month_length(2024, 13, false), ERR_INVALID);
    assert_int_equal(lunar_month_length(2024, 0, false), ERR_INVALID);
    assert_int_equal(lunar_to_solar(NULL, &d), ERR_INVALID);
    bad = (lunar_date_t){.day = 1, .month = 1, .year = 2024};
    assert_int_equal(lunar_to_solar(&bad, NULL), ERR_INVALID);

    /* Lunar dates mapping outside the solar range. */
    static const int out_of_range[][3] = {{1899, 11, 1}, {1899, 1, 1}, {1850, 5, 5},
                                          {2200, 1, 1},  {2300, 1, 1}, {-5, 1, 1}};
    for (size_t i = 0; i < sizeof out_of_range / sizeof out_of_range[0]; i++) {
        bad = (lunar_date_t){
            .year = out_of_range[i][0], .month = out_of_range[i][1], .day = out_of_range[i][2]};
        assert_int_equal(lunar_to_solar(&bad, &d), ERR_RANGE);
    }
    assert_int_equal(lunar_month_length(1899, 11, false), ERR_RANGE);
    assert_int_equal(lunar_month_length(2200, 1, false), ERR_RANGE);
    assert_int_equal(lunar_month_length(3000, 1, false), ERR_RANGE);
    assert_int_equal(lunar_leap_month(1898), ERR_RANGE);
    assert_int_equal(lunar_leap_month(2200), ERR_RANGE);

    /* The last lunar days inside the range are accepted. */
    bad = (lunar_date_t){.day = 14, .month = 11, .year = 2199};
    assert_int_equal(lunar_to_solar(&bad, &d), 0);
    assert_int_equal(d, ymd(2199, 12, 31));
    bad.day = 15;
    assert_int_equal(lunar_to_solar(&bad, &d), ERR_RANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(concurrent_first_use),
        cmocka_unit_test(round_trip_every_day),
        cmocka_unit_test(consecutive_days_increment),
        cmocka_unit_test(years_have_12_or_13_months),
        cmocka_unit_test(tet_dates),
        cmocka_unit_test(known_leap_months),
        cmocka_unit_test(gio_to_hung_vuong),
        cmocka_unit_test(tet_2024_giap_thin),
        cmocka_unit_test(range_ends),
        cmocka_unit_test(near_midnight_cases_pinned),
        cmocka_unit_test(astronomy_reference_values),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
