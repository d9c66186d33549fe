/* store_target.c - plan targets and measurements in SQL (store_target.h). */
#include "store/store_target.h"

#include <stdio.h>

#include "base/banned.h"

static const char *txt(store_stmt_t *st, int col)
{
    const char *v = store_col_text(st, col);
    return v ? v : "";
}

int store_target_rows(store_t *s, int64_t plan_id, int year, int64_t id, store_target_fn fn,
                      void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "SELECT t.id, t.plan_id, t.seq, COALESCE(p.year, 0), p.title, p.unit_code, t.area, "
        "t.indicator, t.op, t.value, COALESCE(t.value_max, 0), t.unit, t.source_text "
        "FROM target t JOIN plan p ON p.id = t.plan_id "
        "WHERE p.status = 'current' AND (?1 = 0 OR t.plan_id = ?1) AND (?2 = 0 OR p.year = ?2) AND "
        "(?3 = 0 OR t.id = ?3) "
        "ORDER BY t.plan_id, t.seq",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, plan_id);
    store_bind_int(st, 2, year);
    store_bind_int(st, 3, id);
    while (store_next(st, &rc, e)) {
        store_target_row_t r = {.id = store_col_int(st, 0),
                                .plan_id = store_col_int(st, 1),
                                .seq = (int)store_col_int(st, 2),
                                .plan_year = (int)store_col_int(st, 3),
                                .plan_title = txt(st, 4),
                                .plan_unit = txt(st, 5),
                                .area = txt(st, 6),
                                .indicator = txt(st, 7),
                                .op = txt(st, 8),
                                .value = store_col_double(st, 9),
                                .value_max = store_col_double(st, 10),
                                .unit = txt(st, 11),
                                .text = txt(st, 12)};
        rc = fn(ctx, &r, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_target_measurement(store_t *s, int64_t target_id, const char *unit, const char *from,
                             const char *to, store_measurement_t *out, bool *found, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "SELECT m.id, m.value, m.period, m.period_from, m.period_to, m.author, m.at, m.note, "
        "(SELECT group_concat(evidence_id) FROM (SELECT evidence_id FROM "
        "target_measurement_evidence x WHERE x.measurement_id = m.id ORDER BY evidence_id) AS ev) "
        "FROM target_measurement m WHERE m.target_id = ?1 AND m.unit_code = ?2 AND "
        "m.period_to <= ?4 AND m.period_to >= ?3 ORDER BY m.period_to DESC, m.id DESC LIMIT 1",
        &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, target_id);
    store_bind_text(st, 2, unit);
    store_bind_text(st, 3, from);
    store_bind_text(st, 4, to);
    rc = store_step(st, e);
    *found = rc == STORE_ROW;
    if (*found) {
        out->id = store_col_int(st, 0);
        out->value = store_col_double(st, 1);
        snprintf(out->period, sizeof out->period, "%s", txt(st, 2));
        snprintf(out->period_from, sizeof out->period_from, "%s", txt(st, 3));
        snprintf(out->period_to, sizeof out->period_to, "%s", txt(st, 4));
        snprintf(out->author, sizeof out->author, "%s", txt(st, 5));
        snprintf(out->at, sizeof out->at, "%s", txt(st, 6));
        snprintf(out->note, sizeof out->note, "%s", txt(st, 7));
        snprintf(out->evidence, sizeof out->evidence, "%s", txt(st, 8));
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_target_measure(store_t *s, const store_measurement_in_t *in, int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO target_measurement (target_id, unit_code, period, "
                           "period_from, period_to, value, note, author, at) VALUES (?1, ?2, ?3, "
                           "?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, in->target_id);
    store_bind_text(st, 2, in->unit);
    store_bind_text(st, 3, in->period);
    store_bind_text(st, 4, in->from);
    store_bind_text(st, 5, in->to);
    store_bind_double(st, 6, in->value);
    store_bind_text(st, 7, in->note ? in->note : "");
    store_bind_text(st, 8, in->author);
    store_bind_text(st, 9, in->at);
    int64_t mid = 0;
    rc = store_run_id(st, &mid, e);
    for (size_t i = 0; !rc && i < in->nevidence; i++) {
        rc = store_prepare(s,
                           "INSERT INTO target_measurement_evidence (measurement_id, "
                           "evidence_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                           &st, e);
        if (rc)
            break;
        store_bind_int(st, 1, mid);
        store_bind_int(st, 2, in->evidence[i]);
        rc = store_run(st, e);
    }
    if (!rc && id)
        *id = mid;
    return rc;
}

int store_target_evidence_linked(store_t *s, int64_t evidence_id, bool *linked, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s, "SELECT 1 FROM target_measurement_evidence WHERE evidence_id = ?1 LIMIT 1", &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, evidence_id);
    rc = store_step(st, e);
    *linked = rc == STORE_ROW;
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}
