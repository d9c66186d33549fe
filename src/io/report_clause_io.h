/* report_clause_io.h - the reporting clauses read from a plan
 * (src/domain/report_clause.h) as JSON, for the import preview. */
#ifndef CCHC_REPORT_CLAUSE_IO_H
#define CCHC_REPORT_CLAUSE_IO_H

#include "domain/report_clause.h"

#include <jansson.h>

/* The reporting clauses read from a plan, for the import preview:
 * {"clauses":[{"text","line","page","receiver","kinds":["quy1",…],"adhoc"}],
 *  "rules":[{"receiver","kind","years","window","due","enabled","source","clause"}],
 *  "overrides":[{"receiver","kind","year","from","to","due","source","clause"}],
 *  "warnings":[{"code","message","message_en","kind","clause"}]}
 * with window/due/years in the CSV grammar, "clause" the index in "clauses"
 * (null when none), "line"/"page"/"receiver"/"kind" null when unknown. New
 * reference, NULL when out of memory. */
json_t *report_clause_io_json(const report_clauses_t *r);

#endif
