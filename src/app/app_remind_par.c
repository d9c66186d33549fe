/* app_remind_par.c - the PAR campaign as a deadline source (app_remind_int.h;
 * docs/internals/reminders.md). For every campaign that has opened on the day
 * and is neither finalised nor published, per unit taking part
 * (app_par_units):
 *   self     the unit's self-assessment: the campaign's self due date or the
 *            unit's newest extension of step "self"; done once the sheet is
 *            submitted;
 *   explain  only when an appraiser asked the unit for an explanation: the
 *            explanation due date (or extension); done when no request is
 *            left unanswered.
 * Keys: campaign:<campaign>:<step>:<unit>:<due ISO>, so an extension starts
 * the stages again. Appraisal rounds are not reminded: the store has no
 * per-unit notion of "round complete" (which leaves each appraiser owes
 * depends on the framework's nodes and the role mapping). */
#include "app/app_par_int.h"
#include "app/app_remind_int.h"

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

static int step_add(app_remind_src_t *src, const app_par_camp_t *c, const char *unit,
                    app_par_step_t st, date_t due, bool done, err_t *e)
{
    char iso[DATE_ISO_LEN], key[160], link[96], ref[400];
    date_format(due, iso);
    snprintf(key, sizeof key, "campaign:%lld:%s:%s:%s", (long long)c->c.id, app_par_step_name(st),
             unit, iso);
    snprintf(link, sizeof link, "#/chi-so-cchc/%lld/phieu/%s", (long long)c->c.id, unit);
    snprintf(ref, sizeof ref, "Đợt “%s”", c->c.name);
    const char *title = st == APP_PAR_STEP_SELF ? "Tự đánh giá, chấm điểm Chỉ số CCHC"
                                                : "Giải trình theo yêu cầu thẩm định Chỉ số CCHC";
    remind_deadline_t d = {REMIND_KIND_CAMPAIGN, key, unit, NULL, title, ref, link, due, done};
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

static int unit_steps(app_remind_src_t *src, store_t *s, const app_par_camp_t *c, const char *unit,
                      err_t *e)
{
    app_par_sheet_t sh;
    date_t due = DATE_NONE;
    bool ext = false, asked = false, open = false;
    int rc = app_par_sheet_data(s, c, unit, true, &sh, e);
    if (!rc)
        rc = app_par_due(s, c, unit, APP_PAR_STEP_SELF, &due, &ext, e);
    if (!rc && due != DATE_NONE)
        rc = step_add(src, c, unit, APP_PAR_STEP_SELF, due,
                      sh.id != 0 && sh.state == STORE_PAR_SUBMITTED, e);
    if (!rc)
        explain_state(&sh, &asked, &open);
    if (!rc && asked)
        rc = app_par_due(s, c, unit, APP_PAR_STEP_EXPLAIN, &due, &ext, e);
    if (!rc && asked && due != DATE_NONE)
        rc = step_add(src, c, unit, APP_PAR_STEP_EXPLAIN, due, !open, e);
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
        rc = unit_steps(src, s, &c, units[i]->code, e);
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
