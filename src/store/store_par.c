/* store_par.c - PAR campaigns, grades, appraiser units and
 * deadline extensions in SQL (store_par.h). */
#include "store/store_par.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static const char *txt(store_stmt_t *st, int col)
{
    const char *v = store_col_text(st, col);
    return v ? v : "";
}

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

/* Binds a millipoint value, PAR_NONE as NULL. */
static void bind_opt(store_stmt_t *st, int idx, int64_t v)
{
    if (v == PAR_NONE)
        store_bind_null(st, idx);
    else
        store_bind_int(st, idx, v);
}

static int64_t col_opt(store_stmt_t *st, int col)
{
    return store_col_is_null(st, col) ? PAR_NONE : store_col_int(st, col);
}

/* ---- campaigns ----------------------------------------------------------- */

#define CAMPAIGN_COLS                                                                              \
    "id, framework_id, name, year, unit_kind, scope_code, opens_on, self_due, explain_due, "       \
    "round1_due, round2_due, publish_due, bonus_max, penalty_max, survey_mode, finalised_at, "     \
    "finalised_by, published_at, published_by, created_at, created_by"

static void read_campaign(store_stmt_t *st, store_par_campaign_t *c)
{
    memset(c, 0, sizeof *c);
    c->id = store_col_int(st, 0);
    c->framework_id = store_col_int(st, 1);
    copy(c->name, sizeof c->name, txt(st, 2));
    c->year = (int)store_col_int(st, 3);
    copy(c->unit_kind, sizeof c->unit_kind, txt(st, 4));
    copy(c->scope_code, sizeof c->scope_code, txt(st, 5));
    copy(c->opens_on, sizeof c->opens_on, txt(st, 6));
    copy(c->self_due, sizeof c->self_due, txt(st, 7));
    copy(c->explain_due, sizeof c->explain_due, txt(st, 8));
    copy(c->round1_due, sizeof c->round1_due, txt(st, 9));
    copy(c->round2_due, sizeof c->round2_due, txt(st, 10));
    copy(c->publish_due, sizeof c->publish_due, txt(st, 11));
    c->bonus_max = col_opt(st, 12);
    c->penalty_max = col_opt(st, 13);
    copy(c->survey_mode, sizeof c->survey_mode, txt(st, 14));
    copy(c->finalised_at, sizeof c->finalised_at, txt(st, 15));
    copy(c->finalised_by, sizeof c->finalised_by, txt(st, 16));
    copy(c->published_at, sizeof c->published_at, txt(st, 17));
    copy(c->published_by, sizeof c->published_by, txt(st, 18));
    copy(c->created_at, sizeof c->created_at, txt(st, 19));
    copy(c->created_by, sizeof c->created_by, txt(st, 20));
}

/* Binds the editable columns ?2..?12 shared by insert and update. */
static void bind_campaign(store_stmt_t *st, const store_par_campaign_t *c)
{
    store_bind_text(st, 2, c->name);
    store_bind_text(st, 3, c->scope_code);
    store_bind_text(st, 4, c->opens_on);
    store_bind_text(st, 5, c->self_due);
    store_bind_text(st, 6, c->explain_due);
    store_bind_text(st, 7, c->round1_due);
    store_bind_text(st, 8, c->round2_due);
    store_bind_text(st, 9, c->publish_due);
    bind_opt(st, 10, c->bonus_max);
    bind_opt(st, 11, c->penalty_max);
    store_bind_text(st, 12, c->survey_mode[0] ? c->survey_mode : "auto");
}

int store_par_campaign_insert(store_t *s, const store_par_campaign_t *c, int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO par_campaign (framework_id, name, scope_code, opens_on, "
                           "self_due, explain_due, round1_due, round2_due, publish_due, "
                           "bonus_max, penalty_max, survey_mode, year, unit_kind, created_at, "
                           "created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                           "?12, ?13, ?14, ?15, ?16) RETURNING id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, c->framework_id);
    bind_campaign(st, c);
    store_bind_int(st, 13, c->year);
    store_bind_text(st, 14, c->unit_kind);
    store_bind_text(st, 15, c->created_at);
    store_bind_text(st, 16, c->created_by);
    return store_run_id(st, id, e);
}

static int campaign_missing(err_t *e, int64_t id)
{
    return err_set(e, ERR_NOTFOUND, "par.campaign_not_found", "Không có đợt chấm điểm số %lld",
                   "No scoring campaign %lld", (long long)id);
}

int store_par_campaign_get(store_t *s, int64_t id, store_par_campaign_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT " CAMPAIGN_COLS " FROM par_campaign WHERE id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        read_campaign(st, out);
        rc = 0;
    } else if (rc == STORE_DONE) {
        rc = campaign_missing(e, id);
    }
    store_stmt_done(st);
    return rc;
}

int store_par_campaign_list(store_t *s, int year, store_par_campaign_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT " CAMPAIGN_COLS " FROM par_campaign WHERE (?1 = 0 OR year = ?1) "
                           "ORDER BY year DESC, id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, year);
    while (store_next(st, &rc, e)) {
        store_par_campaign_t c;
        read_campaign(st, &c);
        rc = fn(ctx, &c, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_par_campaign_update(store_t *s, const store_par_campaign_t *c, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "UPDATE par_campaign SET name = ?2, scope_code = ?3, opens_on = ?4, "
                           "self_due = ?5, explain_due = ?6, round1_due = ?7, round2_due = ?8, "
                           "publish_due = ?9, bonus_max = ?10, penalty_max = ?11, "
                           "survey_mode = ?12 WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, c->id);
    bind_campaign(st, c);
    rc = store_run(st, e);
    if (!rc && store_changes(s) == 0)
        rc = campaign_missing(e, c->id);
    return rc;
}

int store_par_campaign_finalise(store_t *s, int64_t id, const char *at, const char *by, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s, "UPDATE par_campaign SET finalised_at = ?2, finalised_by = ?3 WHERE id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    store_bind_text(st, 2, at);
    store_bind_text(st, 3, at ? by : NULL);
    rc = store_run(st, e);
    if (!rc && store_changes(s) == 0)
        rc = campaign_missing(e, id);
    return rc;
}

int store_par_campaign_publish(store_t *s, int64_t id, const char *at, const char *by, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s, "UPDATE par_campaign SET published_at = ?2, published_by = ?3 WHERE id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    store_bind_text(st, 2, at);
    store_bind_text(st, 3, at ? by : NULL);
    rc = store_run(st, e);
    if (!rc && store_changes(s) == 0)
        rc = campaign_missing(e, id);
    return rc;
}

/* ---- grades and appraisers ----------------------------------------------- */

int store_par_grades_set(store_t *s, int64_t campaign, const char *const *labels,
                         const int64_t *mins, size_t n, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "DELETE FROM par_campaign_grade WHERE campaign_id = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, campaign);
    rc = store_run(st, e);
    for (size_t i = 0; !rc && i < n; i++) {
        rc = store_prepare(s,
                           "INSERT INTO par_campaign_grade (campaign_id, seq, label, min_value) "
                           "VALUES (?1, ?2, ?3, ?4)",
                           &st, e);
        if (rc)
            break;
        store_bind_int(st, 1, campaign);
        store_bind_int(st, 2, (int64_t)i);
        store_bind_text(st, 3, labels[i]);
        store_bind_int(st, 4, mins[i]);
        rc = store_run(st, e);
    }
    return rc;
}

int store_par_grades(store_t *s, int64_t campaign, store_par_grade_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT label, min_value FROM par_campaign_grade WHERE campaign_id = ?1 "
                           "ORDER BY seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, campaign);
    while (store_next(st, &rc, e)) {
        rc = fn(ctx, txt(st, 0), store_col_int(st, 1), e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_par_appraiser_set(store_t *s, int64_t campaign, const char *role, const char *unit,
                            err_t *e)
{
    store_stmt_t *st;
    int rc;
    if (!unit || !*unit) {
        rc = store_prepare(
            s, "DELETE FROM par_campaign_appraiser WHERE campaign_id = ?1 AND role = ?2", &st, e);
        if (rc)
            return rc;
    } else {
        rc = store_prepare(s,
                           "INSERT INTO par_campaign_appraiser (campaign_id, role, unit_code) "
                           "VALUES (?1, ?2, ?3) ON CONFLICT (campaign_id, role) "
                           "DO UPDATE SET unit_code = excluded.unit_code",
                           &st, e);
        if (rc)
            return rc;
        store_bind_text(st, 3, unit);
    }
    store_bind_int(st, 1, campaign);
    store_bind_text(st, 2, role);
    return store_run(st, e);
}

int store_par_appraisers(store_t *s, int64_t campaign, store_par_appraiser_fn fn, void *ctx,
                         err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT role, unit_code FROM par_campaign_appraiser "
                           "WHERE campaign_id = ?1 ORDER BY role",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, campaign);
    while (store_next(st, &rc, e)) {
        rc = fn(ctx, txt(st, 0), txt(st, 1), e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* ---- deadline extensions ------------------------------------------------- */

int store_par_extension_add(store_t *s, const store_par_extension_t *x, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO par_extension (campaign_id, unit_code, step, due_on, "
                           "reason, author, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, x->campaign_id);
    store_bind_text(st, 2, x->unit_code);
    store_bind_text(st, 3, x->step);
    store_bind_text(st, 4, x->due_on);
    store_bind_text(st, 5, x->reason);
    store_bind_text(st, 6, x->author);
    store_bind_text(st, 7, x->at);
    return store_run(st, e);
}

int store_par_extension_due(store_t *s, int64_t campaign, const char *unit, const char *step,
                            char due[STORE_PAR_DATE], err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT due_on FROM par_extension WHERE campaign_id = ?1 AND "
                           "unit_code = ?2 AND step = ?3 ORDER BY id DESC LIMIT 1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, campaign);
    store_bind_text(st, 2, unit);
    store_bind_text(st, 3, step);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        copy(due, STORE_PAR_DATE, txt(st, 0));
        rc = STORE_FOUND;
    }
    store_stmt_done(st);
    return rc;
}

int store_par_extensions(store_t *s, int64_t campaign, const char *unit, store_par_extension_fn fn,
                         void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT id, campaign_id, unit_code, step, due_on, reason, author, at "
                           "FROM par_extension WHERE campaign_id = ?1 AND "
                           "(CAST(?2 AS TEXT) IS NULL OR unit_code = ?2) ORDER BY id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, campaign);
    store_bind_text(st, 2, unit);
    while (store_next(st, &rc, e)) {
        store_par_extension_t x = {.id = store_col_int(st, 0),
                                   .campaign_id = store_col_int(st, 1),
                                   .unit_code = txt(st, 2),
                                   .step = txt(st, 3),
                                   .due_on = txt(st, 4),
                                   .reason = txt(st, 5),
                                   .author = txt(st, 6),
                                   .at = txt(st, 7)};
        rc = fn(ctx, &x, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}
