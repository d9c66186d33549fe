/* app_remind_par.c - the PAR campaign as a deadline source (app_remind_int.h;
 * docs/internals/reminders.md). For every campaign that has opened on the day
 * and is neither finalised nor published, per unit taking part
 * (app_par_units):
 *   self     the unit's self-assessment: the campaign's self due date or the
 *            unit's newest extension of step "self"; done once the sheet is
 *            submitted;
 *   explain  only when an appraiser asked the unit for an explanation: the
 *            explanation due date (or extension); done when no request is
 *            left unanswered;
 *   round1   per appraising unit U with appraised leaves in the unit's sheet
 *            (app_par_appraised_leaf, appraiser app_par_node_appraiser): owed
 *            by U, due on the unit's round-1 date (or extension); done when
 *            each of those leaves has a round-1 value (or a later one:
 *            round 2, final); left out when round 1 can never open for the
 *            unit (not submitted, and its self-assessment lasts as long as
 *            round 1);
 *   round2   per U with leaves where an explanation was asked: due on the
 *            round-2 date (or extension); done when each has a round-2 or
 *            final value.
 * The appraisal rounds reach U's appraisers and standing users in place of
 * the rules' assignee roles (remind_deadline_t.roles); U's leader still gets
 * the escalation. A sheet whose stored values the framework refuses is
 * logged and its rounds left out.
 * Keys: campaign:<campaign>:<step>:<unit>:<due ISO> and
 * campaign:<campaign>:<round>:<unit>:<appraising unit>:<due ISO>, so an
 * extension starts the stages again. */
#include "app/app_par_int.h"
#include "app/app_remind_int.h"

#include "base/log.h"
#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

typedef struct camp_ids {
    int64_t *v;
    size_t n, cap;
} camp_ids_t;

static int on_campaign(void *ctx, const store_par_campaign_t *c, err_t *e)
{
    camp_ids_t *ids = ctx;
    if (c->published_at[0] || c->finalised_at[0])
        return 0;
    if (MEM_GROW(ids->v, ids->cap, ids->n + 1))
        return err_nomem(e);
    ids->v[ids->n++] = c->id;
    return 0;
}

/* One deadline of a unit's sheet: owed by `owner` (the unit, or the
 * appraising unit of a round). */
typedef struct par_dl {
    app_par_step_t step;
    const unit_t *unit;
    const char *owner;
    date_t due;
    bool done;
} par_dl_t;

static const char *const TITLES[APP_PAR_STEP_COUNT] = {
    "Tự đánh giá, chấm điểm Chỉ số CCHC",
    "Giải trình theo yêu cầu thẩm định Chỉ số CCHC",
    "Thẩm định Chỉ số CCHC vòng 1",
    "Thẩm định Chỉ số CCHC vòng 2",
};

static int step_add(app_remind_src_t *src, const app_par_camp_t *c, const par_dl_t *p, err_t *e)
{
    char iso[DATE_ISO_LEN], key[256], link[96], ref[600], title[400];
    date_format(p->due, iso);
    const char *step = app_par_step_name(p->step);
    bool round = p->step == APP_PAR_STEP_ROUND1 || p->step == APP_PAR_STEP_ROUND2;
    if (round) {
        snprintf(key, sizeof key, "campaign:%lld:%s:%s:%s:%s", (long long)c->c.id, step,
                 p->unit->code, p->owner, iso);
        snprintf(title, sizeof title, "%s: %s", TITLES[p->step], p->unit->name);
        snprintf(ref, sizeof ref, "Phiếu chấm điểm của %s, đợt “%s”", p->unit->name, c->c.name);
    } else {
        snprintf(key, sizeof key, "campaign:%lld:%s:%s:%s", (long long)c->c.id, step, p->unit->code,
                 iso);
        snprintf(title, sizeof title, "%s", TITLES[p->step]);
        snprintf(ref, sizeof ref, "Đợt “%s”", c->c.name);
    }
    snprintf(link, sizeof link, "#/chi-so-cchc/%lld/phieu/%s", (long long)c->c.id, p->unit->code);
    remind_deadline_t d = {
        REMIND_KIND_CAMPAIGN, key, p->owner, NULL, title, ref, link, p->due, p->done, 0};
    if (round) /* the appraising department's appraisers (and the standing agency), not its
                  CCHC officers, who cannot open another unit's sheet */
        d.roles = 1u << ACCESS_ROLE_APPRAISER | 1u << ACCESS_ROLE_STANDING;
    app_remind_aux_t x;
    memset(&x, 0, sizeof x);
    x.year = c->c.year;
    return app_remind_src_add(src, &d, &x, e);
}

/* The explanation state of a unit's sheet: *asked when any leaf was ever
 * asked, *open when a request is unanswered. */
static void explain_state(const app_par_sheet_t *sh, bool *asked, bool *open)
{
    *asked = false;
    *open = false;
    for (size_t i = 0; i < sh->nleaf; i++) {
        const char *st = sh->leaf[i].explain_state ? sh->leaf[i].explain_state : "";
        if (*st)
            *asked = true;
        if (strcmp(st, "requested") == 0)
            *open = true;
    }
}

/* What one appraising unit owes in a unit's sheet. */
typedef struct owed {
    const char *unit;  /* the appraising unit (borrowed from the campaign) */
    int round1, left1; /* leaves it appraises; those with no value of round 1 or later */
    int round2, left2; /* leaves with an explanation asked; no round-2 or final value */
} owed_t;

typedef struct owed_list {
    owed_t *v;
    size_t n, cap;
} owed_list_t;

static owed_t *owed_of(owed_list_t *l, const char *unit)
{
    for (size_t k = 0; k < l->n; k++)
        if (strcmp(l->v[k].unit, unit) == 0)
            return &l->v[k];
    if (MEM_GROW(l->v, l->cap, l->n + 1))
        return NULL;
    owed_t *o = &l->v[l->n++];
    memset(o, 0, sizeof *o);
    o->unit = unit;
    return o;
}

/* Tallies, per appraising unit, the leaves owed in sh (scored as r). */
static int owed_tally(const app_par_camp_t *c, const app_par_sheet_t *sh, const par_result_t *r,
                      owed_list_t *l, err_t *e)
{
    for (size_t i = 0; i < c->fw->n; i++) {
        const char *role = NULL;
        const char *who =
            app_par_appraised_leaf(c, r, i) ? app_par_node_appraiser(c, i, &role) : "";
        if (!who[0])
            continue;
        owed_t *o = owed_of(l, who);
        if (!o)
            return err_nomem(e);
        const app_par_leaf_t *lf = &sh->leaf[i];
        bool final = lf->final != PAR_NONE;
        o->round1++;
        o->left1 += !final && lf->round2 == PAR_NONE && lf->round1 == PAR_NONE;
        if (lf->explain_state && lf->explain_state[0]) {
            o->round2++;
            o->left2 += !final && lf->round2 == PAR_NONE;
        }
    }
    return 0;
}

/* Scores the sheet for its applicable leaves; a stored value the framework
 * refuses (ERR_INVALID) is logged and leaves *ok false, so one bad sheet
 * never stops the reminders of everything else. */
static int score_sheet(const app_par_camp_t *c, const unit_t *u, const app_par_sheet_t *sh,
                       par_result_t *r, bool *ok, err_t *e)
{
    err_t se;
    int rc = app_par_score(c, u, sh, r, &se);
    *ok = rc == 0;
    if (rc == ERR_INVALID) {
        log_sub("remind", LOG_WARN, "campaign %lld, unit %s: appraisal rounds not reminded: %s",
                (long long)c->c.id, u->code, se.en);
        return 0;
    }
    return rc ? err_set_pair(e, rc, se.code, se.vi, se.en) : 0;
}

/* Round 1 can open for the unit: its sheet is submitted, or its
 * self-assessment closes before round 1 does (app_par_appraise.c). */
static bool round1_possible(const app_par_camp_t *c, const app_par_sheet_t *sh, date_t self_due,
                            date_t r1_due)
{
    if (sh->id != 0 && sh->state == STORE_PAR_SUBMITTED)
        return true;
    return self_due == DATE_NONE || app_par_last_day(c, self_due) < app_par_last_day(c, r1_due);
}

static int round_steps(app_remind_src_t *src, store_t *s, const app_par_camp_t *c, const unit_t *u,
                       const app_par_sheet_t *sh, date_t self_due, err_t *e)
{
    par_result_t r;
    memset(&r, 0, sizeof r);
    owed_list_t l = {0};
    date_t due[2] = {DATE_NONE, DATE_NONE};
    bool ext = false, ok = false;
    int rc = score_sheet(c, u, sh, &r, &ok, e);
    if (!rc && ok)
        rc = owed_tally(c, sh, &r, &l, e);
    if (!rc && l.n)
        rc = app_par_due(s, c, u->code, APP_PAR_STEP_ROUND1, &due[0], &ext, e);
    if (!rc && l.n)
        rc = app_par_due(s, c, u->code, APP_PAR_STEP_ROUND2, &due[1], &ext, e);
    for (size_t k = 0; !rc && k < l.n; k++) {
        const owed_t *o = &l.v[k];
        par_dl_t p1 = {APP_PAR_STEP_ROUND1, u, o->unit, due[0], o->left1 == 0};
        par_dl_t p2 = {APP_PAR_STEP_ROUND2, u, o->unit, due[1], o->left2 == 0};
        if (o->round1 && due[0] != DATE_NONE && round1_possible(c, sh, self_due, due[0]))
            rc = step_add(src, c, &p1, e);
        if (!rc && o->round2 && due[1] != DATE_NONE)
            rc = step_add(src, c, &p2, e);
    }
    mem_free(l.v);
    par_score_release(&r);
    return rc;
}

static int unit_steps(app_remind_src_t *src, store_t *s, const app_par_camp_t *c, const unit_t *u,
                      err_t *e)
{
    app_par_sheet_t sh;
    date_t due = DATE_NONE, self_due = DATE_NONE;
    bool ext = false, asked = false, open = false;
    int rc = app_par_sheet_data(s, c, u->code, true, &sh, e);
    if (!rc)
        rc = app_par_due(s, c, u->code, APP_PAR_STEP_SELF, &due, &ext, e);
    self_due = due;
    par_dl_t p = {APP_PAR_STEP_SELF, u, u->code, due,
                  sh.id != 0 && sh.state == STORE_PAR_SUBMITTED};
    if (!rc && due != DATE_NONE)
        rc = step_add(src, c, &p, e);
    if (!rc)
        explain_state(&sh, &asked, &open);
    if (!rc && asked)
        rc = app_par_due(s, c, u->code, APP_PAR_STEP_EXPLAIN, &due, &ext, e);
    p = (par_dl_t){APP_PAR_STEP_EXPLAIN, u, u->code, due, !open};
    if (!rc && asked && due != DATE_NONE)
        rc = step_add(src, c, &p, e);
    if (!rc)
        rc = round_steps(src, s, c, u, &sh, self_due, e);
    app_par_sheet_data_release(&sh);
    return rc;
}

static int campaign_steps(app_t *a, store_t *s, int64_t id, date_t day, app_remind_src_t *src,
                          err_t *e)
{
    app_par_camp_t c;
    const unit_t **units = NULL;
    size_t n = 0;
    int rc = app_par_camp_load(a, s, id, &c, e);
    if (!rc && day >= c.on)
        rc = app_par_units(&c, &units, &n, e);
    for (size_t i = 0; !rc && i < n; i++)
        rc = unit_steps(src, s, &c, units[i], e);
    mem_free(units);
    app_par_camp_release(&c);
    return rc;
}

int app_remind_par_collect(app_t *a, store_t *s, const unit_set_t *units,
                           const remind_rules_t *rules, date_t day, app_remind_src_t *src, err_t *e)
{
    (void)units;
    (void)rules;
    camp_ids_t ids = {0};
    int rc = store_par_campaign_list(s, 0, on_campaign, &ids, e);
    for (size_t i = 0; !rc && i < ids.n; i++)
        rc = campaign_steps(a, s, ids.v[i], day, src, e);
    mem_free(ids.v);
    return rc;
}
