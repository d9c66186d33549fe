/* agencycal.c - the agency calendar: building the per-day tables from the
 * rules and decisions, and the queries. Parsing lives in agencycal_json.c. */
#include "domain/agencycal_int.h"

#include "base/mem.h"
#include "domain/lunar.h"

#include <string.h>

#include "base/banned.h"

#define YEARS             (AGENCYCAL_YEAR_MAX - AGENCYCAL_YEAR_MIN + 1)
#define MAX_YEAR_HOLIDAYS 64

int agencycal_grow(void **p, int *cap, int need, size_t sz)
{
    if (need <= *cap)
        return 0;
    int ncap = *cap ? *cap : 8;
    while (ncap < need)
        ncap *= 2;
    void *np = mem_realloc(*p, (size_t)ncap * sz);
    if (!np)
        return ERR_NOMEM;
    *p = np;
    *cap = ncap;
    return 0;
}

const char *agencycal_pool_dup(agencycal_t *c, const char *s)
{
    if (agencycal_grow((void **)&c->pool, &c->cappool, c->npool + 1, sizeof *c->pool))
        return NULL;
    char *d = mem_strdup(s ? s : "");
    if (d)
        c->pool[c->npool++] = d;
    return d;
}

int agencycal_add_note(agencycal_t *c, agencycal_reason_t reason, const char *name,
                       const char *reference)
{
    if (c->nnotes >= UINT16_MAX)
        return ERR_TOOLARGE;
    if (agencycal_grow((void **)&c->notes, &c->capnotes, c->nnotes + 1, sizeof *c->notes))
        return ERR_NOMEM;
    c->notes[c->nnotes++] = (agencycal_note_t){reason, name, reference};
    return c->nnotes;
}

/* --- construction ---------------------------------------------------------- */

static agencycal_t *agencycal_new(void)
{
    agencycal_t *c = mem_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->first = date_from_ymd(AGENCYCAL_YEAR_MIN, 1, 1);
    c->last = date_from_ymd(AGENCYCAL_YEAR_MAX, 12, 31);
    c->ndays = c->last - c->first + 1;
    return c;
}

static void free_tables(agencycal_t *c)
{
    mem_free(c->flags);
    mem_free(c->note);
    mem_free(c->ord);
    mem_free(c->nth);
    mem_free(c->year_prov);
    mem_free((void *)c->year_ref);
    c->flags = NULL;
    c->note = NULL;
    c->ord = NULL;
    c->nth = NULL;
    c->year_prov = NULL;
    c->year_ref = NULL;
}

void agencycal_free(agencycal_t *c)
{
    if (!c)
        return;
    free_tables(c);
    for (int i = 0; i < c->npool; i++)
        mem_free(c->pool[i]);
    mem_free(c->pool);
    mem_free(c->rules);
    mem_free(c->decs);
    mem_free(c->entries);
    mem_free(c->notes);
    mem_free(c);
}

int agencycal_parse(const char *text, size_t n, agencycal_t **out, err_t *e)
{
    *out = NULL;
    agencycal_t *c = agencycal_new();
    if (!c)
        return err_nomem(e);
    int rc = agencycal_json_base(c, text, n, e);
    if (!rc)
        rc = agencycal_build(c, e);
    if (rc) {
        agencycal_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

/* The overlay changes scalars and appends entries and notes: snapshot the
 * former, truncate the latter on failure. */
int agencycal_merge(agencycal_t *c, const char *text, size_t n, err_t *e)
{
    agencycal_t saved = *c;
    int rc = agencycal_json_overlay(c, text, n, e);
    if (!rc)
        rc = agencycal_build(c, e);
    if (rc) {
        c->id = saved.id;
        c->version = saved.version;
        c->name = saved.name;
        c->rest_mask = saved.rest_mask;
        c->nperiods = saved.nperiods;
        memcpy(c->periods, saved.periods, sizeof c->periods);
        c->day_minutes = saved.day_minutes;
        c->nentries = saved.nentries;
        c->nnotes = saved.nnotes;
    }
    return rc;
}

/* --- building ---------------------------------------------------------------- */

typedef struct tables {
    uint8_t *flags;
    uint16_t *note;
    int32_t *ord;
    date_t *nth;
    uint8_t *year_prov;
    const char **year_ref;
    int32_t nwork;
} tables_t;

typedef struct hday {
    date_t d;
    int rule;
} hday_t;

static void set_day(const agencycal_t *c, tables_t *t, date_t d, bool working, agencycal_reason_t r,
                    int note, uint8_t extra)
{
    int32_t i = d - c->first;
    t->flags[i] =
        (uint8_t)((working ? AGENCYCAL_F_WORKING : 0) | extra | (r << AGENCYCAL_F_REASON_SHIFT));
    t->note[i] = (uint16_t)note;
}

static bool t_working(const agencycal_t *c, const tables_t *t, date_t d)
{
    return d >= c->first && d <= c->last && (t->flags[d - c->first] & AGENCYCAL_F_WORKING);
}

static bool t_explicit(const agencycal_t *c, const tables_t *t, date_t d)
{
    return d >= c->first && d <= c->last && (t->flags[d - c->first] & AGENCYCAL_F_EXPLICIT);
}

static bool is_rest(const agencycal_t *c, date_t d)
{
    return (c->rest_mask >> date_weekday(d)) & 1;
}

/* Anchor date of a rule in year y (before offset). */
static int rule_anchor(const agencycal_rule_t *r, int y, date_t *out, err_t *e)
{
    if (!r->lunar) {
        *out = date_from_ymd(y, r->month, r->day);
        return 0;
    }
    lunar_date_t l = {r->day, r->month, y, false};
    int rc = lunar_to_solar(&l, out);
    if (rc)
        return err_set(e, rc == ERR_RANGE ? ERR_RANGE : ERR_INVALID, "calendar.rule",
                       "Không tính được ngày âm lịch %d/%d/%d của ngày lễ '%s'",
                       "Cannot compute lunar date %d/%d/%d of holiday '%s'", r->day, r->month, y,
                       r->id);
    return 0;
}

/* The adjacent day of a one-day anchored holiday h: a candidate must be a
 * working day; with two candidates, prefer the one whose other neighbour is
 * already a day off (it bridges to the weekend); tie -> the day before. */
static date_t bridge_day(const agencycal_t *c, const tables_t *t, date_t h)
{
    bool before_ok = t_working(c, t, h - 1), after_ok = t_working(c, t, h + 1);
    if (before_ok && after_ok) {
        bool before_bridges = !t_working(c, t, h - 2);
        bool after_bridges = !t_working(c, t, h + 2);
        return after_bridges && !before_bridges ? h + 1 : h - 1;
    }
    if (before_ok)
        return h - 1;
    return h + 1; /* after, or neither (then compensated like any holiday) */
}

static int year_holidays(const agencycal_t *c, const tables_t *t, int y, uint32_t covered,
                         hday_t *hs, int *nh, err_t *e)
{
    *nh = 0;
    for (int i = 0; i < c->nrules; i++) {
        const agencycal_rule_t *r = &c->rules[i];
        if (y < r->from_year || y > r->to_year || (covered >> r->id_index) & 1)
            continue;
        date_t a;
        int rc = rule_anchor(r, y, &a, e);
        if (rc)
            return rc;
        a += r->offset;
        for (int k = 0; k < r->days + 1 && *nh < MAX_YEAR_HOLIDAYS; k++) {
            date_t d;
            if (k < r->days)
                d = a + k;
            else if (r->adjacent == AGENCYCAL_ADJ_BEFORE)
                d = a - 1;
            else if (r->adjacent == AGENCYCAL_ADJ_AFTER)
                d = a + r->days;
            else if (r->adjacent == AGENCYCAL_ADJ_BRIDGE)
                d = r->days == 1 ? bridge_day(c, t, a) : a + r->days;
            else
                break;
            hs[(*nh)++] = (hday_t){d, i};
        }
    }
    /* insertion sort by date: a handful of entries */
    for (int i = 1; i < *nh; i++)
        for (int j = i; j > 0 && hs[j].d < hs[j - 1].d; j--) {
            hday_t tmp = hs[j];
            hs[j] = hs[j - 1];
            hs[j - 1] = tmp;
        }
    return 0;
}

/* Projects the statutory holidays of year y not covered by a decision, then
 * gives each one that fell on a rest day on the next working day. */
static int project_year(const agencycal_t *c, tables_t *t, int y, uint32_t covered, err_t *e)
{
    hday_t hs[MAX_YEAR_HOLIDAYS];
    bool was_rest[MAX_YEAR_HOLIDAYS];
    int nh;
    int rc = year_holidays(c, t, y, covered, hs, &nh, e);
    if (rc)
        return rc;
    for (int i = 0; i < nh; i++) {
        date_t d = hs[i].d;
        was_rest[i] = false;
        if (d < c->first || d > c->last || t_explicit(c, t, d))
            continue;
        int32_t k = d - c->first;
        agencycal_reason_t prev = (agencycal_reason_t)(t->flags[k] >> AGENCYCAL_F_REASON_SHIFT);
        if (prev == AGENCYCAL_R_HOLIDAY || prev == AGENCYCAL_R_COMPENSATION)
            continue; /* two rules on one day count once */
        was_rest[i] = !(t->flags[k] & AGENCYCAL_F_WORKING);
        set_day(c, t, d, false, AGENCYCAL_R_HOLIDAY, c->rules[hs[i].rule].note_holiday,
                AGENCYCAL_F_PROVISIONAL);
    }
    for (int i = 0; i < nh && c->compensate; i++) {
        if (!was_rest[i])
            continue;
        date_t d = hs[i].d + 1;
        while (d <= c->last && (!t_working(c, t, d) || t_explicit(c, t, d)))
            d++;
        if (d <= c->last)
            set_day(c, t, d, false, AGENCYCAL_R_COMPENSATION, c->rules[hs[i].rule].note_comp,
                    AGENCYCAL_F_PROVISIONAL);
    }
    return 0;
}

static void apply_entry(const agencycal_t *c, tables_t *t, const agencycal_entry_t *en)
{
    agencycal_reason_t r =
        en->province ? (en->working ? AGENCYCAL_R_PROVINCE_WORK : AGENCYCAL_R_PROVINCE_OFF)
                     : (en->working ? AGENCYCAL_R_DECISION_WORK : AGENCYCAL_R_DECISION_OFF);
    for (date_t d = en->from; d <= en->to; d++)
        if (d >= c->first && d <= c->last)
            set_day(c, t, d, en->working, r, en->note, AGENCYCAL_F_EXPLICIT);
}

static int year_refs(agencycal_t *c, tables_t *t)
{
    for (int i = 0; i < c->ndecs; i++) {
        int yi = c->decs[i].year - AGENCYCAL_YEAR_MIN;
        const char *ref = c->decs[i].reference;
        if (!ref || !*ref)
            continue;
        if (!t->year_ref[yi]) {
            t->year_ref[yi] = ref;
            continue;
        }
        size_t a = strlen(t->year_ref[yi]), b = strlen(ref);
        char *s = mem_alloc(a + b + 3);
        if (!s)
            return ERR_NOMEM;
        memcpy(s, t->year_ref[yi], a);
        memcpy(s + a, "; ", 2);
        memcpy(s + a + 2, ref, b + 1);
        const char *p = agencycal_pool_dup(c, s);
        mem_free(s);
        if (!p)
            return ERR_NOMEM;
        t->year_ref[yi] = p;
    }
    return 0;
}

static int fill_tables(agencycal_t *c, tables_t *t, err_t *e)
{
    for (date_t d = c->first; d <= c->last; d++) {
        bool rest = is_rest(c, d);
        set_day(c, t, d, !rest, rest ? AGENCYCAL_R_REST : AGENCYCAL_R_WORK, 0, 0);
    }
    for (int pass = 0; pass < 2; pass++) /* decisions, then the province on top */
        for (int i = 0; i < c->nentries; i++)
            if (c->entries[i].province == (pass == 1))
                apply_entry(c, t, &c->entries[i]);
    uint32_t all = c->nids >= 32 ? UINT32_MAX : ((uint32_t)1 << c->nids) - 1;
    for (int y = AGENCYCAL_YEAR_MIN; y <= AGENCYCAL_YEAR_MAX; y++) {
        uint32_t covered = 0;
        for (int i = 0; i < c->ndecs; i++)
            if (c->decs[i].year == y)
                covered |= c->decs[i].covers;
        uint32_t in_force = 0;
        for (int i = 0; i < c->nrules; i++)
            if (y >= c->rules[i].from_year && y <= c->rules[i].to_year)
                in_force |= (uint32_t)1 << c->rules[i].id_index;
        t->year_prov[y - AGENCYCAL_YEAR_MIN] = (in_force & ~covered & all) != 0;
        int rc = project_year(c, t, y, covered, e);
        if (rc)
            return rc;
    }
    int32_t n = 0;
    for (int32_t i = 0; i < c->ndays; i++) {
        t->ord[i] = n;
        n += t->flags[i] & AGENCYCAL_F_WORKING;
    }
    t->ord[c->ndays] = n;
    t->nwork = n;
    t->nth = mem_alloc((size_t)(n ? n : 1) * sizeof *t->nth);
    if (!t->nth)
        return err_nomem(e);
    for (int32_t i = 0; i < c->ndays; i++)
        if (t->flags[i] & AGENCYCAL_F_WORKING)
            t->nth[t->ord[i]] = c->first + i;
    return year_refs(c, t) ? err_nomem(e) : 0;
}

int agencycal_build(agencycal_t *c, err_t *e)
{
    tables_t t = {0};
    t.flags = mem_alloc((size_t)c->ndays);
    t.note = mem_alloc((size_t)c->ndays * sizeof *t.note);
    t.ord = mem_alloc((size_t)(c->ndays + 1) * sizeof *t.ord);
    t.year_prov = mem_calloc(YEARS, 1);
    t.year_ref = mem_calloc(YEARS, sizeof *t.year_ref);
    int rc = t.flags && t.note && t.ord && t.year_prov && t.year_ref ? 0 : err_nomem(e);
    if (!rc)
        rc = fill_tables(c, &t, e);
    if (rc) {
        mem_free(t.flags);
        mem_free(t.note);
        mem_free(t.ord);
        mem_free(t.nth);
        mem_free(t.year_prov);
        mem_free((void *)t.year_ref);
        return rc;
    }
    free_tables(c);
    c->flags = t.flags;
    c->note = t.note;
    c->ord = t.ord;
    c->nth = t.nth;
    c->nwork = t.nwork;
    c->year_prov = t.year_prov;
    c->year_ref = t.year_ref;
    return 0;
}

/* --- queries ------------------------------------------------------------------ */

const char *agencycal_id(const agencycal_t *c)
{
    return c->id;
}

const char *agencycal_version(const agencycal_t *c)
{
    return c->version;
}

const char *agencycal_name(const agencycal_t *c)
{
    return c->name;
}

const agencycal_period_t *agencycal_periods(const agencycal_t *c, int *n)
{
    *n = c->nperiods;
    return c->periods;
}

int agencycal_day_minutes(const agencycal_t *c)
{
    return c->day_minutes;
}

bool agencycal_is_working_day(const agencycal_t *c, date_t d)
{
    return d >= c->first && d <= c->last && (c->flags[d - c->first] & AGENCYCAL_F_WORKING);
}

static int range_error(date_t d, err_t *e)
{
    char s[DATE_ISO_LEN];
    date_format(d, s);
    return err_set(e, ERR_RANGE, "calendar.range", "Ngày %s nằm ngoài phạm vi lịch hỗ trợ (%d–%d)",
                   "Date %s is outside the supported calendar range (%d-%d)", s, AGENCYCAL_YEAR_MIN,
                   AGENCYCAL_YEAR_MAX);
}

int agencycal_day(const agencycal_t *c, date_t d, agencycal_day_t *out, err_t *e)
{
    if (d < c->first || d > c->last)
        return range_error(d, e);
    int32_t i = d - c->first;
    uint8_t f = c->flags[i];
    out->date = d;
    out->working = f & AGENCYCAL_F_WORKING;
    out->provisional = f & AGENCYCAL_F_PROVISIONAL;
    out->reason = (agencycal_reason_t)(f >> AGENCYCAL_F_REASON_SHIFT);
    out->name = NULL;
    out->reference = NULL;
    if (c->note[i]) {
        const agencycal_note_t *nt = &c->notes[c->note[i] - 1];
        out->name = nt->name;
        out->reference = nt->reference;
    }
    return 0;
}

int agencycal_year_provisional(const agencycal_t *c, int year)
{
    if (year < AGENCYCAL_YEAR_MIN || year > AGENCYCAL_YEAR_MAX)
        return ERR_RANGE;
    return c->year_prov[year - AGENCYCAL_YEAR_MIN];
}

const char *agencycal_year_reference(const agencycal_t *c, int year)
{
    if (year < AGENCYCAL_YEAR_MIN || year > AGENCYCAL_YEAR_MAX)
        return NULL;
    return c->year_ref[year - AGENCYCAL_YEAR_MIN];
}

const char *agencycal_weekday_name(int wd)
{
    static const char *names[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    return wd >= 0 && wd < 7 ? names[wd] : "?";
}

const char *agencycal_reason_name(agencycal_reason_t r)
{
    static const char *names[] = {"work",     "rest",          "holiday",  "compensation",
                                  "decision", "decision_work", "province", "province_work"};
    return (unsigned)r < sizeof names / sizeof *names ? names[r] : "?";
}

date_t agencycal_first(const agencycal_t *c)
{
    return c->first;
}

date_t agencycal_last(const agencycal_t *c)
{
    return c->last;
}

int32_t agencycal_workday_count(const agencycal_t *c)
{
    return c->nwork;
}

int32_t agencycal_ordinal(const agencycal_t *c, date_t d)
{
    return c->ord[d - c->first];
}

date_t agencycal_nth(const agencycal_t *c, int32_t k)
{
    return c->nth[k];
}
