#include "domain/dossier_timing.h"

#include "base/banned.h"

static worktime_unit_t allowance_unit(procedure_time_unit_t u)
{
    return u == PROCEDURE_WORKING_HOURS ? WORKTIME_WORKING_HOURS
           : u == PROCEDURE_DAYS        ? WORKTIME_DAYS
                                        : WORKTIME_WORKING_DAYS;
}

static int range_error(const dossier_t *d, err_t *e)
{
    return err_set(e, ERR_INVALID, "dossier.date",
                   "hồ sơ %s: thời điểm nằm ngoài phạm vi lịch làm việc",
                   "dossier %s: a time lies outside the working calendar", d->code);
}

int dossier_timing(const agencycal_t *cal, const procedure_t *p, dossier_t *d,
                   const worktime_interval_t *pauses, size_t npauses, err_t *e)
{
    if (d->due_given != DTIME_NONE) {
        d->due_base = d->due = d->due_given;
        return 0;
    }
    d->due_base = d->due = DTIME_NONE;
    if (!cal || !p)
        return 0;
    worktime_rule_t rule = {p->cutoff_minute};
    worktime_unit_t unit = allowance_unit(p->unit);
    dtime_t due;
    int rc = worktime_due(cal, d->received, p->allowance, unit, &rule, &due, e);
    if (rc)
        return rc == ERR_RANGE ? range_error(d, e) : rc;
    worktime_interval_t one;
    if (!pauses && d->supp_requested != DTIME_NONE && d->supp_supplied != DTIME_NONE &&
        d->supp_supplied > d->supp_requested) {
        one.from = d->supp_requested;
        one.to = d->supp_supplied;
        pauses = &one;
        npauses = 1;
    }
    d->due_base = due;
    if (!npauses) {
        d->due = due;
        return 0;
    }
    int64_t extra = 0;
    for (size_t i = 0; i < npauses; i++) {
        if (pauses[i].to <= pauses[i].from)
            continue;
        if (unit == WORKTIME_DAYS) {
            extra += pauses[i].to - pauses[i].from;
            continue;
        }
        worktime_span_t span;
        rc = worktime_between(cal, pauses[i].from, pauses[i].to, NULL, 0, &span, e);
        if (rc)
            return rc == ERR_RANGE ? range_error(d, e) : rc;
        extra += span.working_seconds;
    }
    if (unit == WORKTIME_DAYS) {
        d->due = due + extra;
        return 0;
    }
    rc = worktime_add_working_minutes(cal, due, (extra + 59) / 60, &d->due, e);
    return rc == ERR_RANGE ? range_error(d, e) : rc;
}
