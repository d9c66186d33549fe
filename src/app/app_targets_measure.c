/* app_targets_measure.c - hand measurements of targets (app_targets.h). */
#include "app/app_kpi.h"
#include "app/app_targets.h"
#include "base/jsonx.h"
#include "domain/period.h"
#include "domain/kpi.h"
#include "store/store_evidence.h"
#include "store/store_target.h"
#include "store/store_unit.h"
#include "store/store_audit.h"
#include "store/store_user.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define NOTE_MAX 2000

typedef struct one {
    bool found;
    int64_t id;
    char indicator[64], unit[32];
} one_t;

static int keep(void *ctx, const store_target_row_t *r, err_t *e)
{
    (void)e;
    one_t *o = ctx;
    o->found = true;
    o->id = r->id;
    snprintf(o->indicator, sizeof o->indicator, "%s", r->indicator);
    snprintf(o->unit, sizeof o->unit, "%s", r->unit);
    return 0;
}

static int check_input(const one_t *t, const app_measure_in_t *in, date_t *from, date_t *to,
                       err_t *e)
{
    if (kpi_find(t->indicator) >= 0)
        return err_set(e, ERR_CONFLICT, "target.computed",
                       "Chỉ tiêu này được tính tự động từ dữ liệu hồ sơ, không nhập tay",
                       "This target is computed from the dossier ledger, not entered by hand");
    if (!in->unit || !*in->unit)
        return err_set(e, ERR_INVALID, "target.unit_required", "Cần chọn đơn vị được đo",
                       "The measured unit is required");
    if (!in->period || period_parse_range(in->period, strlen(in->period), from, to, e))
        return err_set(e, ERR_INVALID, "target.period",
                       "Kỳ đo không hợp lệ: '%s' (ví dụ 2024, 2024Q2, 2024-06)",
                       "Invalid period '%s' (e.g. 2024, 2024Q2, 2024-06)",
                       in->period ? in->period : "");
    bool pct = strcmp(t->unit, "%") == 0;
    if (!isfinite(in->value) || in->value < 0 || (pct && in->value > 100))
        return err_set(e, ERR_INVALID, "target.value",
                       pct ? "Giá trị phải từ 0 đến 100 (%%)" : "Giá trị phải là số không âm",
                       pct ? "The value must be 0 to 100 (%%)" : "The value must be a number >= 0");
    if (in->note && strlen(in->note) > NOTE_MAX)
        return err_set(e, ERR_INVALID, "target.note_too_long", "Ghi chú quá dài",
                       "The note is too long");
    return 0;
}

static int check_evidence(store_t *s, const one_t *t, const app_measure_in_t *in, err_t *e)
{
    for (size_t i = 0; i < in->nevidence; i++) {
        store_evidence_t ev;
        err_t ignored;
        bool linked = true;
        int rc = store_evidence_get(s, in->evidence[i], &ev, &ignored);
        if (!rc)
            rc = store_target_evidence_linked(s, in->evidence[i], &linked, e);
        if (!rc && !linked && strcmp(ev.attached_type, "target") == 0 && ev.attached_id == t->id &&
            strcmp(ev.unit_code, in->unit) == 0)
            continue;
        if (rc && rc != ERR_NOTFOUND)
            return rc;
        return err_set(e, ERR_INVALID, "target.evidence_invalid",
                       "Tệp minh chứng số %lld không thuộc chỉ tiêu này hoặc đã được dùng",
                       "Evidence %lld does not belong to this target or is already used",
                       (long long)in->evidence[i]);
    }
    return 0;
}

/* The audit entry of a measurement: the value of the same unit and period
 * before (NULL: none) and after. */
static int audit(store_t *s, const store_measurement_in_t *m, const char *object,
                 const char *detail, const double *before, err_t *e)
{
    json_t *b =
        before ? json_pack("{s:s,s:s,s:f}", "unit", m->unit, "period", m->period, "value", *before)
               : NULL;
    json_t *a = json_pack("{s:s,s:s,s:f}", "unit", m->unit, "period", m->period, "value", m->value);
    char *bt = b ? jsonx_dump(b) : NULL, *at = a ? jsonx_dump(a) : NULL;
    int rc = !at || (before && !bt)
                 ? err_nomem(e)
                 : store_audit_change(s, m->author, "target.measure", object, detail, bt, at, e);
    free(bt);
    free(at);
    json_decref(b);
    json_decref(a);
    return rc;
}

/* The target, the input and the actor's right on the measured unit. */
static int check_all(store_t *s, const user_t *actor, int64_t target_id, const app_measure_in_t *in,
                     one_t *t, date_t *from, date_t *to, err_t *e)
{
    int rc = store_target_rows(s, 0, 0, target_id, keep, t, e);
    if (!rc && !t->found)
        rc = err_set(e, ERR_NOTFOUND, "target.not_found", "Không có chỉ tiêu số %lld",
                     "No target %lld", (long long)target_id);
    if (!rc)
        rc = check_input(t, in, from, to, e);
    unit_set_t units;
    unit_set_init(&units);
    if (!rc)
        rc = store_unit_load(s, &units, e);
    if (!rc && !unit_set_find(&units, in->unit, DATE_NONE))
        rc = err_set(e, ERR_NOTFOUND, "unit.not_found", "Không có đơn vị '%s' trong danh mục",
                     "No unit '%s' in the registry", in->unit);
    if (!rc && actor &&
        (actor->role == ACCESS_ROLE_VIEWER || actor->role == ACCESS_ROLE_APPRAISER ||
         !access_allows(actor, ACCESS_WRITE, in->unit, &units, DATE_NONE)))
        rc = err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                     "Bạn không có quyền nhập số liệu chỉ tiêu của đơn vị %s",
                     "You may not enter target values for unit %s", in->unit);
    unit_set_release(&units);
    if (!rc)
        rc = check_evidence(s, t, in, e);
    return rc;
}

int app_targets_measure_in(store_t *s, const user_t *actor, int64_t target_id,
                           const app_measure_in_t *in, int64_t *id_out, err_t *e)
{
    one_t t = {0};
    date_t from = DATE_NONE, to = DATE_NONE;
    int rc = check_all(s, actor, target_id, in, &t, &from, &to, e);
    if (rc)
        return rc;
    char f[DATE_ISO_LEN], tt[DATE_ISO_LEN], at[DTIME_ISO_LEN];
    date_format(from, f);
    date_format(to, tt);
    dtime_format(dtime_now(), at);
    store_measurement_in_t m = {.target_id = target_id,
                                .unit = in->unit,
                                .period = in->period,
                                .from = f,
                                .to = tt,
                                .note = in->note,
                                .author = actor ? actor->login : "cli",
                                .at = at,
                                .value = in->value,
                                .evidence = in->evidence,
                                .nevidence = in->nevidence};
    int64_t id = 0;
    /* the value of the same period before this one, for the audit entry */
    store_measurement_t prev;
    bool had = false;
    rc = store_target_measurement(s, target_id, in->unit, f, tt, &prev, &had, e);
    had = had && strcmp(prev.period, in->period) == 0;
    if (!rc)
        rc = store_target_measure(s, &m, &id, e);
    if (!rc) {
        char object[48], detail[96];
        snprintf(object, sizeof object, "target:%lld", (long long)target_id);
        snprintf(detail, sizeof detail, "%s %s = %.2f", in->unit, in->period, in->value);
        rc = audit(s, &m, object, detail, had ? &prev.value : NULL, e);
    }
    if (!rc && id_out)
        *id_out = id;
    return rc;
}

int app_targets_measure(app_t *a, const user_t *actor, int64_t target_id,
                        const app_measure_in_t *in, json_t **out, err_t *e)
{
    if (out)
        *out = NULL;
    store_t *s;
    int rc = app_store(a, &s, e);
    if (!rc)
        rc = store_begin(s, e);
    if (rc)
        return rc;
    int64_t id = 0;
    rc = app_targets_measure_in(s, actor, target_id, in, &id, e);
    if (!rc)
        rc = store_commit(s, e);
    else
        store_rollback(s);
    if (!rc && out) {
        *out = json_pack("{s:I,s:I,s:s,s:s,s:f}", "id", (json_int_t)id, "target_id",
                         (json_int_t)target_id, "unit", in->unit, "period", in->period, "value",
                         in->value);
        if (!*out)
            rc = err_nomem(e);
    }
    return rc;
}
