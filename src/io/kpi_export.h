/* kpi_export.h - exports the KPI explorer's table to XLSX: the unit of the
 * request and, with `children`, each unit directly under it valid in the
 * period (each row alone or with its subtree, as r->tree says), computed
 * by the KPI engine with the actor's authorisation and written by
 * kpi_xlsx_write to `path`. Errors: those of app_kpi_compute (a child the
 * actor may not read is left out) and kpi_xlsx_write. */
#ifndef CCHC_KPI_EXPORT_H
#define CCHC_KPI_EXPORT_H

#include "app/app_kpi.h"

#include <stdbool.h>

int kpi_export_xlsx(app_t *a, const user_t *actor, const kpi_request_t *r, bool children, bool en,
                    const char *path, err_t *e);

#endif
