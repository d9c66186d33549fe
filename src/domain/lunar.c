/* lunar.c - the Vietnamese lunar calendar from first principles.
 *
 * Astronomy (all written from the published theories, see
 * docs/internals/lunar.md): new moons from the mean lunation plus the
 * periodic terms of the lunar/solar anomalies, latitude argument and node;
 * the Sun's apparent longitude from a truncated VSOP87 series for the Earth
 * plus FK5, nutation and aberration corrections; Delta T (TT - UT) from
 * piecewise polynomials fitted to observations and to its parabolic trend.
 *
 * Calendar: the table of all month starts from lunar month 11 of 1898 to
 * lunar month 11 of 2200 is computed once (pthread_once) into static arrays;
 * each conversion is then a binary search. */
#include "domain/lunar.h"

#include "base/err.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "base/banned.h"

#define PI            3.14159265358979323846
#define DEG           (PI / 180.0)
#define J2000         2451545.0
#define JD_UNIX_EPOCH 2440587.5    /* 1970-01-01T00:00 UT */
#define TZ_DAYS       (7.0 / 24.0) /* UTC+7 */

/* ------------------------------------------------------------------------
 * Delta T = TT - UT in seconds, for a decimal year.
 * Piecewise polynomials of the Espenak-Meeus fit (observations up to 2005,
 * then a slow extrapolation joining the long-term parabola -20 + 32 u^2). */
double lunar_delta_t(double y)
{
    double t;
    if (y < 1860.0) {
        double u = (y - 1820.0) / 100.0;
        return -20.0 + 32.0 * u * u;
    }
    if (y < 1900.0) {
        t = y - 1860.0;
        return 7.62 + t * (0.5737 +
                           t * (-0.251754 + t * (0.01680668 + t * (-0.0004473624 + t / 233174.0))));
    }
    if (y < 1920.0) {
        t = y - 1900.0;
        return -2.79 + t * (1.494119 + t * (-0.0598939 + t * (0.0061966 - t * 0.000197)));
    }
    if (y < 1941.0) {
        t = y - 1920.0;
        return 21.20 + t * (0.84493 + t * (-0.076100 + t * 0.0020936));
    }
    if (y < 1961.0) {
        t = y - 1950.0;
        return 29.07 + t * (0.407 + t * (-1.0 / 233.0 + t / 2547.0));
    }
    if (y < 1986.0) {
        t = y - 1975.0;
        return 45.45 + t * (1.067 + t * (-1.0 / 260.0 - t / 718.0));
    }
    if (y < 2005.0) {
        t = y - 2000.0;
        return 63.86 + t * (0.3345 + t * (-0.060374 +
                                          t * (0.0017275 + t * (0.000651814 + t * 0.00002373599))));
    }
    if (y < 2050.0) {
        t = y - 2000.0;
        return 62.92 + t * (0.32217 + t * 0.005589);
    }
    double u = (y - 1820.0) / 100.0;
    if (y < 2150.0)
        return -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - y);
    return -20.0 + 32.0 * u * u;
}

static double year_of_jd(double jd)
{
    return 2000.0 + (jd - J2000) / 365.25;
}

/* ------------------------------------------------------------------------
 * New moons. Lunation number k = 0 is the new moon of 2000-01-06. */

/* One periodic term: coef * E^epow * sin(a*M + b*M' + c*F + d*Omega). */
typedef struct nm_term {
    double coef;
    signed char epow, m, mp, f, om;
} nm_term_t;

static const nm_term_t NM_TERMS[] = {
    {-0.40720, 0, 0, 1, 0, 0}, {0.17241, 1, 1, 0, 0, 0},    {0.01608, 0, 0, 2, 0, 0},
    {0.01039, 0, 0, 0, 2, 0},  {0.00739, 1, -1, 1, 0, 0},   {-0.00514, 1, 1, 1, 0, 0},
    {0.00208, 2, 2, 0, 0, 0},  {-0.00111, 0, 0, 1, -2, 0},  {-0.00057, 0, 0, 1, 2, 0},
    {0.00056, 1, 1, 2, 0, 0},  {-0.00042, 0, 0, 3, 0, 0},   {0.00042, 1, 1, 0, 2, 0},
    {0.00038, 1, 1, 0, -2, 0}, {-0.00024, 1, -1, 2, 0, 0},  {-0.00017, 0, 0, 0, 0, 1},
    {-0.00007, 0, 2, 1, 0, 0}, {0.00004, 0, 0, 2, -2, 0},   {0.00004, 0, 3, 0, 0, 0},
    {0.00003, 0, 1, 1, -2, 0}, {0.00003, 0, 0, 2, 2, 0},    {-0.00003, 0, 1, 1, 2, 0},
    {0.00003, 0, -1, 1, 2, 0}, {-0.00002, 0, -1, 1, -2, 0}, {-0.00002, 0, 1, 3, 0, 0},
    {0.00002, 0, 0, 4, 0, 0},
};

/* Planetary perturbations: coef * sin(a0 + a1 * k), a0/a1 in degrees; the
 * first argument also has a -0.009173 T^2 term. */
static const double NM_PLANETARY[14][3] = {
    {0.000325, 299.77, 0.107408},  {0.000165, 251.88, 0.016321}, {0.000164, 251.83, 26.651886},
    {0.000126, 349.42, 36.412478}, {0.000110, 84.66, 18.206239}, {0.000062, 141.74, 53.303771},
    {0.000060, 207.14, 2.453732},  {0.000056, 154.84, 7.306860}, {0.000047, 34.52, 27.261239},
    {0.000042, 207.19, 0.121824},  {0.000040, 291.34, 1.844379}, {0.000037, 161.72, 24.198154},
    {0.000035, 239.56, 25.513099}, {0.000023, 331.55, 3.592518},
};

double lunar_new_moon_jde(int k)
{
    double kk = k;
    double t = kk / 1236.85; /* Julian centuries from J2000 */
    double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
    double jde =
        2451550.09766 + 29.530588861 * kk + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
    /* Sun's mean anomaly, Moon's mean anomaly, argument of latitude, node. */
    double m = (2.5534 + 29.10535670 * kk - 0.0000014 * t2 - 0.00000011 * t3) * DEG;
    double mp =
        (201.5643 + 385.81693528 * kk + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4) * DEG;
    double f =
        (160.7108 + 390.67050284 * kk - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * DEG;
    double om = (124.7746 - 1.56375588 * kk + 0.0020672 * t2 + 0.00000215 * t3) * DEG;
    double e = 1.0 - 0.002516 * t - 0.0000074 * t2; /* eccentricity factor */
    double corr = 0.0;
    for (size_t i = 0; i < sizeof NM_TERMS / sizeof NM_TERMS[0]; i++) {
        const nm_term_t *p = &NM_TERMS[i];
        double arg = p->m * m + p->mp * mp + p->f * f + p->om * om;
        double c = p->coef * sin(arg);
        for (int j = 0; j < p->epow; j++)
            c *= e;
        corr += c;
    }
    for (int i = 0; i < 14; i++) {
        double a = NM_PLANETARY[i][1] + NM_PLANETARY[i][2] * kk;
        if (i == 0)
            a -= 0.009173 * t2;
        corr += NM_PLANETARY[i][0] * sin(a * DEG);
    }
    return jde + corr;
}

/* ------------------------------------------------------------------------
 * The Sun: heliocentric longitude of the Earth (VSOP87, truncated), turned
 * into the geocentric apparent longitude of the Sun. */

typedef struct vsop_term {
    double a, b, c; /* a * cos(b + c * tau) */
} vsop_term_t;

static const vsop_term_t L0[] = {
    {175347046, 0, 0},
    {3341656, 4.6692568, 6283.0758500},
    {34894, 4.62610, 12566.15170},
    {3497, 2.7441, 5753.3849},
    {3418, 2.8289, 3.5231},
    {3136, 3.6277, 77713.7715},
    {2676, 4.4181, 7860.4194},
    {2343, 6.1352, 3930.2097},
    {1324, 0.7425, 11506.7698},
    {1273, 2.0371, 529.6910},
    {1199, 1.1096, 1577.3435},
    {990, 5.233, 5884.927},
    {902, 2.045, 26.298},
    {857, 3.508, 398.149},
    {780, 1.179, 5223.694},
    {753, 2.533, 5507.553},
    {505, 4.583, 18849.228},
    {492, 4.205, 775.523},
    {357, 2.920, 0.067},
    {317, 5.849, 11790.629},
    {284, 1.899, 796.298},
    {271, 0.315, 10977.079},
    {243, 0.345, 5486.778},
    {206, 4.806, 2544.314},
    {205, 1.869, 5573.143},
    {202, 2.458, 6069.777},
    {156, 0.833, 213.299},
    {132, 3.411, 2942.463},
    {126, 1.083, 20.775},
    {115, 0.645, 0.980},
    {103, 0.636, 4694.003},
    {102, 0.976, 15720.839},
    {102, 4.267, 7.114},
    {99, 6.21, 2146.17},
    {98, 0.68, 155.42},
    {86, 5.98, 161000.69},
    {85, 1.30, 6275.96},
    {85, 3.67, 71430.70},
    {80, 1.81, 17260.15},
    {79, 3.04, 12036.46},
    {75, 1.76, 5088.63},
    {74, 3.50, 3154.69},
    {74, 4.68, 801.82},
    {70, 0.83, 9437.76},
    {62, 3.98, 8827.39},
    {61, 1.82, 7084.90},
    {57, 2.78, 6286.60},
    {56, 4.39, 14143.50},
    {56, 3.47, 6279.55},
    {52, 0.19, 12139.55},
    {52, 1.33, 1748.02},
    {51, 0.28, 5856.48},
    {49, 0.49, 1194.45},
    {41, 5.37, 8429.24},
    {41, 2.40, 19651.05},
    {39, 6.17, 10447.39},
    {37, 6.04, 10213.29},
    {37, 2.57, 1059.38},
    {36, 1.71, 2352.87},
    {36, 1.78, 6812.77},
    {33, 0.59, 17789.85},
    {30, 0.44, 83996.85},
    {30, 2.74, 1349.87},
    {25, 3.16, 4690.48},
};

static const vsop_term_t L1[] = {
    {628331966747.0, 0, 0},     {206059, 2.678235, 6283.075850},
    {4303, 2.6351, 12566.1517}, {425, 1.590, 3.523},
    {119, 5.796, 26.298},       {109, 2.966, 1577.344},
    {93, 2.59, 18849.23},       {72, 1.14, 529.69},
    {68, 1.87, 398.15},         {67, 4.41, 5507.55},
    {59, 2.89, 5223.69},        {56, 2.17, 155.42},
    {45, 0.40, 796.30},         {36, 0.47, 775.52},
    {29, 2.65, 7.11},           {21, 5.34, 0.98},
    {19, 1.85, 5486.78},        {19, 4.97, 213.30},
    {17, 2.99, 6275.96},        {16, 0.03, 2544.31},
    {16, 1.43, 2146.17},        {15, 1.21, 10977.08},
    {12, 2.83, 1748.02},        {12, 3.26, 5088.63},
    {12, 5.27, 1194.45},        {12, 2.08, 4694.00},
    {11, 0.77, 553.57},         {10, 1.30, 6286.60},
    {10, 4.24, 1349.87},        {9, 2.70, 242.73},
    {9, 5.64, 951.72},          {8, 5.30, 2352.87},
    {6, 2.65, 9437.76},         {6, 4.67, 4690.48},
};

static const vsop_term_t L2[] = {
    {52919, 0, 0},     {8720, 1.0721, 6283.0758}, {309, 0.867, 12566.152}, {27, 0.05, 3.52},
    {16, 5.19, 26.30}, {16, 3.68, 155.42},        {10, 0.76, 18849.23},    {9, 2.06, 77713.77},
    {7, 0.83, 775.52}, {5, 4.66, 1577.34},        {4, 1.03, 7.11},         {4, 3.44, 5573.14},
    {3, 5.14, 796.30}, {3, 6.05, 5507.55},        {3, 1.19, 242.73},       {3, 6.12, 529.69},
    {3, 0.31, 398.15}, {3, 2.28, 553.57},         {2, 4.38, 5223.69},      {2, 3.75, 0.98},
};

static const vsop_term_t L3[] = {
    {289, 5.844, 6283.076}, {35, 0, 0},          {17, 5.49, 12566.15}, {3, 5.20, 155.42},
    {1, 4.72, 3.52},        {1, 5.30, 18849.23}, {1, 5.97, 242.73},
};

static const vsop_term_t L4[] = {{114, 3.142, 0}, {8, 4.13, 6283.08}, {1, 3.84, 12566.15}};
static const vsop_term_t L5[] = {{1, 3.14, 0}};

/* Earth-Sun distance, enough terms for the aberration (1e-5 AU). */
static const vsop_term_t R0[] = {
    {100013989, 0, 0},          {1670700, 3.0984635, 6283.0758500}, {13956, 3.05525, 12566.15170},
    {3084, 5.1985, 77713.7715}, {1628, 1.1739, 5753.3849},          {1576, 2.8469, 7860.4194},
};
static const vsop_term_t R1[] = {{103019, 1.107490, 6283.075850}, {1721, 1.0644, 12566.1517}};
static const vsop_term_t R2[] = {{4359, 5.7846, 6283.0758}};

static double vsop_sum(const vsop_term_t *t, size_t n, double tau)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += t[i].a * cos(t[i].b + t[i].c * tau);
    return s;
}

#define VSOP(tab, tau) vsop_sum(tab, sizeof tab / sizeof tab[0], tau)

static double norm360(double x)
{
    x = fmod(x, 360.0);
    return x < 0.0 ? x + 360.0 : x;
}

/* Nutation in longitude (IAU 1980 theory, terms above 0.003"): coefficients
 * in 0.0001" (constant, per century) times the sine of a combination of the
 * Moon's elongation D, the Sun's anomaly M, the Moon's anomaly M', the
 * Moon's argument of latitude F and the node Omega. */
typedef struct nut_term {
    signed char d, m, mp, f, om;
    double s0, s1;
} nut_term_t;

static const nut_term_t NUT_TERMS[] = {
    {0, 0, 0, 0, 1, -171996, -174.2}, {-2, 0, 0, 2, 2, -13187, -1.6}, {0, 0, 0, 2, 2, -2274, -0.2},
    {0, 0, 0, 0, 2, 2062, 0.2},       {0, 1, 0, 0, 0, 1426, -3.4},    {0, 0, 1, 0, 0, 712, 0.1},
    {-2, 1, 0, 2, 2, -517, 1.2},      {0, 0, 0, 2, 1, -386, -0.4},    {0, 0, 1, 2, 2, -301, 0},
    {-2, -1, 0, 2, 2, 217, -0.5},     {-2, 0, 1, 0, 0, -158, 0},      {-2, 0, 0, 2, 1, 129, 0.1},
    {0, 0, -1, 2, 2, 123, 0},         {2, 0, 0, 0, 0, 63, 0},         {0, 0, 1, 0, 1, 63, 0.1},
    {2, 0, -1, 2, 2, -59, 0},         {0, 0, -1, 0, 1, -58, -0.1},    {0, 0, 1, 2, 1, -51, 0},
    {-2, 0, 2, 0, 0, 48, 0},          {0, 0, -2, 2, 1, 46, 0},        {2, 0, 0, 2, 2, -38, 0},
};

/* Nutation in longitude in arcseconds, t in Julian centuries from J2000. */
static double nutation_longitude(double t)
{
    double d = (297.85036 + 445267.111480 * t) * DEG;
    double m = (357.52772 + 35999.050340 * t) * DEG;
    double mp = (134.96298 + 477198.867398 * t) * DEG;
    double f = (93.27191 + 483202.017538 * t) * DEG;
    double om = (125.04452 - 1934.136261 * t) * DEG;
    double sum = 0.0;
    for (size_t i = 0; i < sizeof NUT_TERMS / sizeof NUT_TERMS[0]; i++) {
        const nut_term_t *p = &NUT_TERMS[i];
        double arg = p->d * d + p->m * m + p->mp * mp + p->f * f + p->om * om;
        sum += (p->s0 + p->s1 * t) * sin(arg);
    }
    return sum * 1e-4;
}

double lunar_sun_longitude(double jde)
{
    double tau = (jde - J2000) / 365250.0; /* Julian millennia */
    double l =
        (VSOP(L0, tau) +
         tau * (VSOP(L1, tau) +
                tau * (VSOP(L2, tau) +
                       tau * (VSOP(L3, tau) + tau * (VSOP(L4, tau) + tau * VSOP(L5, tau)))))) /
        1e8;
    double r = (VSOP(R0, tau) + tau * (VSOP(R1, tau) + tau * VSOP(R2, tau))) / 1e8;
    double theta = l / DEG + 180.0; /* geocentric geometric longitude */
    double t = tau * 10.0;          /* Julian centuries */
    double dpsi = nutation_longitude(t);
    double fk5 = -0.09033;
    double aberration = -20.4898 / r;
    return norm360(theta + (fk5 + dpsi + aberration) / 3600.0);
}

/* ------------------------------------------------------------------------
 * Local (UTC+7) days. */

static date_t local_day_of_jde(double jde)
{
    double jd_ut = jde - lunar_delta_t(year_of_jd(jde)) / 86400.0;
    return (date_t)floor(jd_ut - JD_UNIX_EPOCH + TZ_DAYS);
}

/* The 30-degree sector (0..11) of the Sun at local midnight starting day d;
 * a principal term (trung khí) falls on day d..e-1 iff the sectors at d and
 * e differ. */
static int sun_sector_at(date_t d)
{
    double jd_ut = JD_UNIX_EPOCH + d - TZ_DAYS;
    double jde = jd_ut + lunar_delta_t(year_of_jd(jd_ut)) / 86400.0;
    return (int)(lunar_sun_longitude(jde) / 30.0) % 12;
}

/* ------------------------------------------------------------------------
 * The month table. */

#define FIRST_SOLSTICE_YEAR 1898 /* table starts at lunar month 11 of 1898 */
#define LAST_SOLSTICE_YEAR  2200 /* ... and ends just before month 11 of 2200 */
#define MAX_NEW_MOONS       3800
#define MIN_YEAR            1899 /* lunar years overlapping the solar range */
#define MAX_YEAR            2199

static date_t g_start[MAX_NEW_MOONS + 1]; /* g_start[g_count] = end sentinel */
static int32_t g_key[MAX_NEW_MOONS];      /* year * 32 + month * 2 + leap */
static int g_count;
static int g_status = ERR_INTERNAL;
static date_t g_min_solar, g_max_solar;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static int32_t make_key(int year, int month, bool leap)
{
    return (int32_t)(year * 32 + month * 2 + (leap ? 1 : 0));
}

/* Numbers the months of one sui (from month 11 at index a to the next
 * month 11 at index b, exclusive) into keys[0 .. b-a-1]. sector[i] is the
 * Sun's sector at the start of month i. Returns 0 or ERR_INTERNAL. */
static int number_sui(const date_t *start, const int *sector, int a, int b, int32_t *keys)
{
    int n = b - a;
    if (n != 12 && n != 13)
        return ERR_INTERNAL;
    int leap_at = -1;
    if (n == 13) {
        for (int i = a + 1; i < b && leap_at < 0; i++)
            if (sector[i] == sector[i + 1])
                leap_at = i;
        if (leap_at < 0)
            return ERR_INTERNAL;
    }
    int y11 = date_year(start[a]);
    int month = 10, year = y11;
    for (int i = a; i < b; i++) {
        bool leap = i == leap_at;
        if (!leap) {
            month = month % 12 + 1;
            if (month == 1)
                year = y11 + 1;
        }
        keys[i - a] = make_key(year, month, leap);
    }
    return 0;
}

/* Does the month [start[i], start[i+1]) contain the winter solstice
 * (longitude 270)? Sector 8 is [240, 270), 9 is [270, 300). */
static bool has_solstice(const int *sector, int i)
{
    int s0 = sector[i], s1 = sector[i + 1];
    return s0 != s1 && (s0 == 8 || s0 == 7) && (s1 == 9 || s1 == 10);
}

static int build_table(void)
{
    static date_t start[MAX_NEW_MOONS + 1];
    static int sector[MAX_NEW_MOONS + 1];
    /* Lunations from a little before Nov 1898 to a little after Jan 2201. */
    int k0 = (int)floor((FIRST_SOLSTICE_YEAR - 2000 + 0.8) * 12.3685) - 2;
    int k1 = (int)ceil((LAST_SOLSTICE_YEAR - 2000 + 1.1) * 12.3685) + 2;
    int n = k1 - k0 + 1;
    if (n > MAX_NEW_MOONS)
        return ERR_INTERNAL;
    for (int i = 0; i < n; i++) {
        start[i] = local_day_of_jde(lunar_new_moon_jde(k0 + i));
        sector[i] = sun_sector_at(start[i]);
    }
    /* Indices of the months containing a winter solstice. */
    int first = -1, last = -1, prev = -1;
    for (int i = 0; i + 1 < n; i++) {
        if (!has_solstice(sector, i))
            continue;
        int y = date_year(start[i]);
        if (y == FIRST_SOLSTICE_YEAR)
            first = i;
        if (first >= 0 && prev >= first) {
            int rc = number_sui(start, sector, prev, i, &g_key[prev - first]);
            if (rc != 0)
                return rc;
        }
        prev = i;
        if (y == LAST_SOLSTICE_YEAR) {
            last = i;
            break;
        }
    }
    if (first < 0 || last < 0)
        return ERR_INTERNAL;
    g_count = last - first;
    for (int i = 0; i <= g_count; i++)
        g_start[i] = start[first + i];
    g_min_solar = date_from_ymd(1900, 1, 1);
    g_max_solar = date_from_ymd(2199, 12, 31);
    return 0;
}

static void init_once(void)
{
    g_status = build_table();
}

static int ensure_table(void)
{
    pthread_once(&g_once, init_once);
    return g_status;
}

/* Index of the month containing day d: the last start <= d.
 * Requires g_start[0] <= d < g_start[g_count]. */
static int find_by_day(date_t d)
{
    const date_t *base = g_start;
    int len = g_count;
    while (len > 1) {
        int half = len / 2;
        base = base[half] <= d ? base + half : base;
        len -= half;
    }
    return (int)(base - g_start);
}

/* Index of the month with this key, or -1 (same branch-free search). */
static int find_by_key(int32_t key)
{
    const int32_t *base = g_key;
    int len = g_count;
    while (len > 1) {
        int half = len / 2;
        base = base[half] <= key ? base + half : base;
        len -= half;
    }
    return *base == key ? (int)(base - g_key) : -1;
}

/* ------------------------------------------------------------------------
 * Public API. */

int lunar_from_solar(date_t solar, lunar_date_t *out)
{
    int rc = ensure_table();
    if (rc != 0)
        return rc;
    if (!out)
        return ERR_INVALID;
    if (solar < g_min_solar || solar > g_max_solar)
        return ERR_RANGE;
    int i = find_by_day(solar);
    int32_t key = g_key[i];
    out->day = (int)(solar - g_start[i]) + 1;
    out->month = (key >> 1) & 15;
    out->year = key >> 5;
    out->leap = key & 1;
    return 0;
}

/* Finds the month of (year, month, leap): its index, or a negative error. */
static int find_month(int year, int month, bool leap)
{
    int rc = ensure_table();
    if (rc != 0)
        return rc;
    if (month < 1 || month > 12)
        return ERR_INVALID;
    if (year < FIRST_SOLSTICE_YEAR || year > LAST_SOLSTICE_YEAR)
        return ERR_RANGE;
    int i = find_by_key(make_key(year, month, leap));
    return i < 0 ? ERR_INVALID : i;
}

int lunar_to_solar(const lunar_date_t *l, date_t *out)
{
    if (!l || !out)
        return ERR_INVALID;
    if (l->day < 1 || l->day > 30)
        return ERR_INVALID;
    int i = find_month(l->year, l->month, l->leap);
    if (i < 0)
        return i;
    if (l->day > g_start[i + 1] - g_start[i])
        return ERR_INVALID;
    date_t d = g_start[i] + l->day - 1;
    if (d < g_min_solar || d > g_max_solar)
        return ERR_RANGE;
    *out = d;
    return 0;
}

int lunar_month_length(int year, int month, bool leap)
{
    int i = find_month(year, month, leap);
    if (i < 0)
        return i;
    if (g_start[i + 1] <= g_min_solar || g_start[i] > g_max_solar)
        return ERR_RANGE;
    return (int)(g_start[i + 1] - g_start[i]);
}

int lunar_leap_month(int year)
{
    int rc = ensure_table();
    if (rc != 0)
        return rc;
    if (year < MIN_YEAR || year > MAX_YEAR)
        return ERR_RANGE;
    /* A leap month sorts right after its regular namesake. */
    int lo = find_by_key(make_key(year, 1, false));
    for (int i = lo; i >= 0 && i < g_count && (g_key[i] >> 5) == year; i++)
        if (g_key[i] & 1)
            return (g_key[i] >> 1) & 15;
    return 0;
}

const char *lunar_year_name(int year, char out[LUNAR_YEAR_NAME_MAX])
{
    static const char *const stems[10] = {"Giáp", "Ất",   "Bính", "Đinh", "Mậu",
                                          "Kỷ",   "Canh", "Tân",  "Nhâm", "Quý"};
    static const char *const branches[12] = {"Tý",  "Sửu", "Dần",  "Mão", "Thìn", "Tỵ",
                                             "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};
    /* Year 4 (and 1984, 2044...) is Giáp Tý. */
    int s = ((year - 4) % 10 + 10) % 10;
    int b = ((year - 4) % 12 + 12) % 12;
    snprintf(out, LUNAR_YEAR_NAME_MAX, "%s %s", stems[s], branches[b]);
    return out;
}
