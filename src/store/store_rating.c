/* store_rating.c - citizen secrets, public dossier ratings and the phone
 * factor (see store_rating.h). */
#include "store/store_rating.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static int read_secret(store_t *s, const char *name, char *out, bool *found, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT value FROM citizen_secret WHERE name = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, name);
    *found = false;
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        snprintf(out, STORE_RATING_SECRET_MAX + 1, "%s", store_col_text(st, 0));
        *found = true;
        rc = 0;
    }
    store_stmt_done(st);
    return rc;
}

int store_rating_secret(store_t *s, const char *name, const char *fresh,
                        char out[STORE_RATING_SECRET_MAX + 1], err_t *e)
{
    bool found = false;
    int rc = read_secret(s, name, out, &found, e);
    if (rc || found)
        return rc;
    store_stmt_t *st;
    rc = store_prepare(s,
                       "INSERT INTO citizen_secret (name, value, created_at) "
                       "VALUES (?1, ?2, ?3) ON CONFLICT (name) DO NOTHING",
                       &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, name);
    store_bind_text(st, 2, fresh);
    store_bind_stamp(st, 3, dtime_now());
    rc = store_run(st, e);
    if (!rc)
        rc = read_secret(s, name, out, &found, e);
    if (!rc && !found)
        rc = err_set(e, ERR_DB, "db.secret", "Không lưu được khóa bí mật '%s'",
                     "Could not store the secret '%s'", name);
    return rc;
}

static int insert_criteria(store_t *s, const char *dossier, const rating_in_t *in, err_t *e)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < in->n; i++) {
        store_stmt_t *st;
        rc = store_prepare(s,
                           "INSERT INTO dossier_rating_criterion (dossier_code, criterion, level) "
                           "VALUES (?1, ?2, ?3)",
                           &st, e);
        if (rc)
            break;
        store_bind_text(st, 1, dossier);
        store_bind_text(st, 2, in->codes[i]);
        store_bind_int(st, 3, in->levels[i]);
        rc = store_run(st, e);
    }
    return rc;
}

int store_rating_insert(store_t *s, const char *dossier, const rating_in_t *in, const char *factor,
                        const char *rules_version, dtime_t at, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO dossier_rating (dossier_code, rating, comment, factor, "
                           "rules_version, rated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                           "ON CONFLICT (dossier_code) DO NOTHING",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, dossier);
    store_bind_int(st, 2, in->level);
    store_bind_text(st, 3, in->comment ? in->comment : "");
    store_bind_text(st, 4, factor);
    store_bind_text(st, 5, rules_version ? rules_version : "");
    store_bind_int(st, 6, at);
    rc = store_run(st, e);
    if (!rc && store_changes(s) == 0)
        rc = err_set(e, ERR_CONFLICT, "rating.duplicate", "Hồ sơ %s đã được đánh giá",
                     "Dossier %s has been rated already", dossier);
    if (!rc)
        rc = insert_criteria(s, dossier, in, e);
    return rc;
}

int store_rating_get(store_t *s, const char *dossier, store_rating_row_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT dossier_code, rating, factor, rules_version, rated_at "
                           "FROM dossier_rating WHERE dossier_code = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, dossier);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        snprintf(out->dossier, sizeof out->dossier, "%s", store_col_text(st, 0));
        out->level = (int)store_col_int(st, 1);
        snprintf(out->factor, sizeof out->factor, "%s", store_col_text(st, 2));
        snprintf(out->rules_version, sizeof out->rules_version, "%s", store_col_text(st, 3));
        out->rated_at = store_col_time(st, 4);
        rc = STORE_FOUND;
    }
    store_stmt_done(st);
    return rc;
}

/* The overall levels, then the criteria, of the public ratings in range.
 * The casts give PostgreSQL the type of a parameter only tested for NULL. */
static const char *SQL_COUNT_LEVELS =
    "SELECT '', r.rating, COUNT(*) FROM dossier_rating r JOIN dossier d ON d.code = "
    "r.dossier_code WHERE r.rated_at >= ?2 AND r.rated_at <= ?3 AND (CAST(?1 AS TEXT) IS NULL "
    "OR d.unit_code = ?1) GROUP BY r.rating ORDER BY r.rating";
static const char *SQL_COUNT_CRITERIA =
    "SELECT c.criterion, c.level, COUNT(*) FROM dossier_rating_criterion c JOIN dossier_rating r "
    "ON r.dossier_code = c.dossier_code JOIN dossier d ON d.code = r.dossier_code WHERE "
    "r.rated_at >= ?2 AND r.rated_at <= ?3 AND (CAST(?1 AS TEXT) IS NULL OR d.unit_code = ?1) "
    "GROUP BY c.criterion, c.level ORDER BY c.criterion, c.level";

static int counts(store_t *s, const char *sql, const char *unit, dtime_t from, dtime_t to,
                  store_rating_count_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, sql, &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, unit);
    store_bind_int(st, 2, from);
    store_bind_int(st, 3, to);
    while (store_next(st, &rc, e)) {
        store_rating_count_t c = {store_col_text(st, 0), (int)store_col_int(st, 1),
                                  store_col_int(st, 2)};
        if (!c.criterion)
            c.criterion = "";
        rc = fn(ctx, &c);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_rating_counts(store_t *s, const char *unit, dtime_t from, dtime_t to,
                        store_rating_count_fn fn, void *ctx, err_t *e)
{
    int rc = counts(s, SQL_COUNT_LEVELS, unit, from, to, fn, ctx, e);
    if (!rc)
        rc = counts(s, SQL_COUNT_CRITERIA, unit, from, to, fn, ctx, e);
    return rc;
}

int store_rating_contact_set(store_t *s, const char *dossier, const char *hash, const char *who,
                             dtime_t at, err_t *e)
{
    store_stmt_t *st;
    int rc =
        store_prepare(s,
                      "INSERT INTO dossier_contact (dossier_code, phone4_hash, set_by, set_at) "
                      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (dossier_code) DO UPDATE SET "
                      "phone4_hash = excluded.phone4_hash, set_by = excluded.set_by, "
                      "set_at = excluded.set_at",
                      &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, dossier);
    store_bind_text(st, 2, hash);
    store_bind_text(st, 3, who);
    store_bind_int(st, 4, at);
    return store_run(st, e);
}

int store_rating_contact_get(store_t *s, const char *dossier, char out[65], err_t *e)
{
    out[0] = '\0';
    store_stmt_t *st;
    int rc =
        store_prepare(s, "SELECT phone4_hash FROM dossier_contact WHERE dossier_code = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, dossier);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        snprintf(out, 65, "%s", store_col_text(st, 0));
        rc = STORE_FOUND;
    }
    store_stmt_done(st);
    return rc;
}
