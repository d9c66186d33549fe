/* dossier_timing.h - the due time of a dossier (DOMAIN §5) through the
 * agency calendar.
 *
 * due_base = the appointment given with the record (NgayHenTra) when there
 * is one — it is final: the one-stop system issues a new appointment when
 * a supplement arrives —, otherwise the procedure's allowance added to the
 * receipt (worktime_due: receipt rule with the procedure's cut-off, then working
 * days / working hours / calendar days). For a computed due, every
 * supplement pause [requested, supplied] is added back: due = due_base plus
 * the working time inside the pauses (calendar time for calendar-day
 * allowances). Without a calendar a computed due is absent (the dossier is
 * then never late). Pure. Errors: ERR_INVALID "dossier.date" when a time
 * lies outside the calendar's range; worktime errors otherwise. */
#ifndef CCHC_DOSSIER_TIMING_H
#define CCHC_DOSSIER_TIMING_H

#include "domain/agencycal.h"
#include "domain/dossier.h"
#include "domain/procedure.h"
#include "domain/worktime.h"

/* Sets d->due_base and d->due. pauses may be NULL: then the record's pause
 * [supp_requested, supp_supplied] is used when both are known. cal may be
 * NULL. */
int dossier_timing(const agencycal_t *cal, const procedure_t *p, dossier_t *d,
                   const worktime_interval_t *pauses, size_t npauses, err_t *e);

#endif
