/* app_kpi.c - the KPI engine over the in-memory ledger snapshot. */
#include "app/app_kpi.h"

int app_kpi_after_ingest(app_t *a, err_t *e)
{
    (void)a;
    (void)e;
    return 0;
}
