/* remind_plan.c - the reminder generator (remind_plan.h). */
#include "domain/remind_plan.h"

#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Working-day positions of the calendar (see the header). */
typedef struct pos {
    const agencycal_t *cal;
    date_t first, last;
    int32_t count;
    int32_t w;   /* last working day not after today; -1 when none */
    int32_t now; /* ordinal(today): first working day at or after today */
} pos_t;

static bool in_cal(const pos_t *p, date_t d)
{
    return d != DATE_NONE && d >= p->first && d <= p->last + 1;
}

static int pos_init(pos_t *p, const agencycal_t *cal, date_t today, err_t *e)
{
    p->cal = cal;
    p->first = agencycal_first(cal);
    p->last = agencycal_last(cal);
    p->count = agencycal_workday_count(cal);
    if (today == DATE_NONE || today < p->first || today > p->last)
        return err_set(e, ERR_RANGE, "remind.range",
                       "Ngày chạy nhắc hạn nằm ngoài lịch làm việc đã nạp",
                       "The reminder day lies outside the loaded working calendar");
    p->w = agencycal_ordinal(cal, today + 1) - 1;
    p->now = agencycal_ordinal(cal, today);
    return 0;
}

static date_t pos_date(const pos_t *p, int32_t k)
{
    if (k < 0)
        return p->first;
    if (k >= p->count)
        return p->last;
    return agencycal_nth(p->cal, k);
}

int remind_plan_days(const agencycal_t *cal, date_t today, date_t due)
{
    if (cal && today >= agencycal_first(cal) && due >= agencycal_first(cal) &&
        today <= agencycal_last(cal) + 1 && due <= agencycal_last(cal) + 1)
        return (int)(agencycal_ordinal(cal, due) - agencycal_ordinal(cal, today));
    return (int)(due - today);
}

/* --- recipients ------------------------------------------------------------------------------ */

typedef struct gen {
    const remind_plan_in_t *in;
    pos_t p;
    size_t *by_unit; /* user indices sorted by unit code */
    remind_notice_t *v;
    size_t n, cap;
    err_t *e;
} gen_t;

static const char *user_unit(const remind_plan_in_t *in, size_t i)
{
    return in->users[i].user->unit_code;
}

static int cmp_unit_in(const remind_plan_in_t *in, size_t a, size_t b)
{
    int c = strcmp(user_unit(in, a), user_unit(in, b));
    return c ? c : (a < b ? -1 : a > b);
}

/* Insertion sort keeps the module free of globals (qsort has no context). */
static void sort_users(const remind_plan_in_t *in, size_t *idx, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        size_t x = idx[i], j = i;
        while (j > 0 && cmp_unit_in(in, idx[j - 1], x) > 0) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = x;
    }
}

/* First position in by_unit of unit's users. */
static size_t lower_bound(const gen_t *g, const char *unit)
{
    size_t lo = 0, hi = g->in->nusers;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(user_unit(g->in, g->by_unit[mid]), unit) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool dup(const gen_t *g, size_t from, size_t user, const char *key)
{
    for (size_t i = from; i < g->n; i++)
        if (g->v[i].user == user && strcmp(g->v[i].stage_key, key) == 0)
            return true;
    return false;
}

static int emit(gen_t *g, size_t from, const remind_notice_t *proto)
{
    if (dup(g, from, proto->user, proto->stage_key))
        return 0;
    if (MEM_GROW(g->v, g->cap, g->n + 1))
        return err_nomem(g->e);
    g->v[g->n++] = *proto;
    return 0;
}

static bool role_counts(const gen_t *g, const remind_user_t *u, remind_to_t to,
                        const remind_deadline_t *dl)
{
    if (to == REMIND_TO_LEADER)
        return u->leader;
    if (to == REMIND_TO_ASSIGNEE && dl->roles)
        return (unsigned)u->user->role < ACCESS_ROLE_COUNT && (dl->roles & (1u << u->user->role));
    return remind_rule_role_counts(g->in->rules, to, u->user->role);
}

static bool may_get(const gen_t *g, const remind_user_t *u, remind_to_t to,
                    const remind_deadline_t *dl, const char *unit)
{
    if (u->user->disabled || (u->kinds_off & (1u << dl->kind)))
        return false;
    if (!role_counts(g, u, to, dl))
        return false;
    return access_allows(u->user, ACCESS_READ, unit, g->in->units, g->in->today);
}

/* Emits proto for every user of `unit` reached through class proto->to. */
static int to_unit(gen_t *g, size_t from, const char *unit, const remind_deadline_t *dl,
                   remind_notice_t *proto)
{
    if (!unit || !*unit)
        return 0;
    for (size_t i = lower_bound(g, unit); i < g->in->nusers; i++) {
        size_t ui = g->by_unit[i];
        const remind_user_t *u = &g->in->users[ui];
        if (strcmp(u->user->unit_code, unit) != 0)
            break;
        if (!may_get(g, u, proto->to, dl, unit))
            continue;
        proto->user = ui;
        int rc = emit(g, from, proto);
        if (rc)
            return rc;
    }
    return 0;
}

/* --- stages ---------------------------------------------------------------------------------- */

typedef struct current {
    int stage, repeat;
    int32_t fired;
} current_t;

/* The current stage of class `to` for a deadline due at working day d. */
static current_t current_stage(const remind_stages_t *st, unsigned to, int32_t d, int32_t w)
{
    current_t c = {-1, 0, -1};
    for (size_t i = 0; i < st->n; i++) {
        const remind_stage_t *s = &st->v[i];
        int32_t t0 = d + s->at;
        if (!(s->to & to) || t0 > w)
            continue;
        int k = s->every > 0 ? (int)((w - t0) / s->every) : 0;
        int32_t fired = t0 + (int32_t)k * s->every;
        if (c.stage < 0 || fired >= c.fired)
            c = (current_t){(int)i, k, fired};
    }
    return c;
}

static int deadline_notices(gen_t *g, long di)
{
    const remind_deadline_t *dl = &g->in->deadlines[di];
    const remind_stages_t *st = remind_rule_stages(g->in->rules, dl->kind);
    int32_t d = agencycal_ordinal(g->p.cal, dl->due);
    size_t from = g->n;
    for (int to = REMIND_TO_ASSIGNEE; to <= REMIND_TO_LEADER; to++) {
        current_t c = current_stage(st, 1u << to, d, g->p.w);
        if (c.stage < 0 || (to == REMIND_TO_LEAD && (!dl->lead || !*dl->lead)))
            continue;
        remind_notice_t proto;
        memset(&proto, 0, sizeof proto);
        proto.deadline = di;
        proto.to = (remind_to_t)to;
        proto.stage = c.stage;
        proto.repeat = c.repeat;
        proto.fired = pos_date(&g->p, c.fired);
        proto.days = (int)(d - g->p.now);
        if (c.repeat > 0)
            snprintf(proto.stage_key, sizeof proto.stage_key, "%s#%d", st->v[c.stage].id,
                     c.repeat + 1);
        else
            snprintf(proto.stage_key, sizeof proto.stage_key, "%s", st->v[c.stage].id);
        int rc = to_unit(g, from, to == REMIND_TO_LEAD ? dl->lead : dl->unit, dl, &proto);
        if (rc)
            return rc;
    }
    return 0;
}

/* --- summary --------------------------------------------------------------------------------- */

/* The summary day: the latest day not after today on the rules' weekday, or
 * the last working day for 0. DATE_NONE when there is none in range. */
static date_t summary_day(const gen_t *g)
{
    int wd = g->in->rules->summary_weekday;
    if (wd < 0)
        return DATE_NONE;
    if (wd == 0)
        return g->p.w >= 0 ? pos_date(&g->p, g->p.w) : DATE_NONE;
    date_t t = g->in->today;
    int cur = date_weekday(t); /* 0 = Sunday */
    int want = wd % 7;         /* 7 = Sunday */
    return t - (date_t)((cur - want + 7) % 7);
}

static bool overdue(const gen_t *g, const remind_deadline_t *dl)
{
    return !dl->done && in_cal(&g->p, dl->due) && agencycal_ordinal(g->p.cal, dl->due) < g->p.now;
}

static int summaries(gen_t *g)
{
    const remind_plan_in_t *in = g->in;
    date_t day = summary_day(g);
    if (day == DATE_NONE)
        return 0;
    for (size_t ui = 0; ui < in->nusers; ui++) {
        const remind_user_t *u = &in->users[ui];
        if (u->user->disabled || (u->kinds_off & (1u << REMIND_KIND_SUMMARY)) ||
            !remind_rule_role_counts(in->rules, REMIND_TO_STANDING, u->user->role))
            continue;
        size_t count = 0;
        for (size_t i = 0; i < in->ndeadlines; i++) {
            const remind_deadline_t *dl = &in->deadlines[i];
            if (overdue(g, dl) && !(u->kinds_off & (1u << dl->kind)) &&
                access_allows(u->user, ACCESS_READ, dl->unit, in->units, in->today))
                count++;
        }
        if (!count)
            continue;
        remind_notice_t n;
        memset(&n, 0, sizeof n);
        n.user = ui;
        n.deadline = -1;
        n.to = REMIND_TO_STANDING;
        n.stage = -1;
        n.fired = day;
        n.count = count;
        snprintf(n.stage_key, sizeof n.stage_key, "tong_hop");
        if (MEM_GROW(g->v, g->cap, g->n + 1))
            return err_nomem(g->e);
        g->v[g->n++] = n;
    }
    return 0;
}

static int gen_open(gen_t *g, const remind_plan_in_t *in, err_t *e)
{
    memset(g, 0, sizeof *g);
    g->in = in;
    g->e = e;
    int rc = pos_init(&g->p, in->cal, in->today, e);
    if (rc)
        return rc;
    if (in->nusers) {
        g->by_unit = mem_calloc(in->nusers, sizeof *g->by_unit);
        if (!g->by_unit)
            return err_nomem(e);
        for (size_t i = 0; i < in->nusers; i++)
            g->by_unit[i] = i;
        sort_users(in, g->by_unit, in->nusers);
    }
    return 0;
}

int remind_plan_run(const remind_plan_in_t *in, remind_notice_t **out, size_t *n, size_t *skipped,
                    err_t *e)
{
    *out = NULL;
    *n = 0;
    if (skipped)
        *skipped = 0;
    gen_t g;
    int rc = gen_open(&g, in, e);
    for (size_t i = 0; !rc && i < in->ndeadlines; i++) {
        const remind_deadline_t *dl = &in->deadlines[i];
        if (dl->done)
            continue;
        if (!in_cal(&g.p, dl->due)) {
            if (skipped)
                (*skipped)++;
            continue;
        }
        rc = deadline_notices(&g, (long)i);
    }
    if (!rc)
        rc = summaries(&g);
    mem_free(g.by_unit);
    if (rc) {
        mem_free(g.v);
        return rc;
    }
    *out = g.v;
    *n = g.n;
    return 0;
}

/* --- digest and scope ------------------------------------------------------------------------ */

typedef struct pick {
    size_t i;
    date_t due;
} pick_t;

static int cmp_pick(const void *a, const void *b)
{
    const pick_t *x = a, *y = b;
    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static bool keeps(const remind_plan_in_t *in, const remind_user_t *u, const remind_deadline_t *dl)
{
    return !(u->kinds_off & (1u << dl->kind)) &&
           access_allows(u->user, ACCESS_READ, dl->unit, in->units, in->today);
}

static int select_into(const remind_plan_in_t *in, const remind_user_t *u, int soon, bool open_only,
                       size_t **out, size_t *n, err_t *e)
{
    *out = NULL;
    *n = 0;
    pos_t p;
    memset(&p, 0, sizeof p);
    int rc = soon >= 0 ? pos_init(&p, in->cal, in->today, e) : 0;
    pick_t *v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t i = 0; !rc && i < in->ndeadlines; i++) {
        const remind_deadline_t *dl = &in->deadlines[i];
        if ((open_only && dl->done) || dl->due == DATE_NONE || !keeps(in, u, dl))
            continue;
        if (soon >= 0 &&
            (!in_cal(&p, dl->due) || agencycal_ordinal(p.cal, dl->due) - p.now > (int32_t)soon))
            continue;
        if (MEM_GROW(v, cap, nv + 1))
            rc = err_nomem(e);
        else
            v[nv++] = (pick_t){i, dl->due};
    }
    size_t *idx = rc || !nv ? NULL : mem_calloc(nv, sizeof *idx);
    if (!rc && nv && !idx)
        rc = err_nomem(e);
    if (!rc && nv) {
        qsort(v, nv, sizeof *v, cmp_pick);
        for (size_t i = 0; i < nv; i++)
            idx[i] = v[i].i;
        *out = idx;
        *n = nv;
    }
    mem_free(v);
    return rc;
}

int remind_plan_digest(const remind_plan_in_t *in, const remind_user_t *u, size_t **out, size_t *n,
                       err_t *e)
{
    return select_into(in, u, in->rules->digest_soon, true, out, n, e);
}

int remind_plan_scope(const remind_plan_in_t *in, const remind_user_t *u, bool open_only,
                      size_t **out, size_t *n, err_t *e)
{
    return select_into(in, u, -1, open_only, out, n, e);
}
