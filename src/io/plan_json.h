/* plan_json.h - the JSON contract of a parsed plan (`cchc plan parse
 * --json`, POST /api/v1/plans/parse, GET /api/v1/plans/{id}):
 *
 *   {"document": {"number","type","issuer","place","date","year","title",
 *                 "issuer_unit","scope","decision":{"number","title"}?},
 *    "task_source": "table" | "narrative" | null,
 *    "targets": [{"area","indicator","op","value","value_max","unit","text","line","page"}],
 *    "tasks": [{"no","area","title","lead":[{"text","unit","group"?}],"support":[…],
 *               "product","deadline":deadline_to_json(…)|null,"detail"?,"lead_default","line","page"}],
 *    "warnings": [{"where","message","message_en","code","line","page"}]}
 *
 * Names other tools rely on are those of the issue: document.number/type/
 * issuer/place/date/year/title, targets[].area/indicator/op/value/
 * value_max/unit/text, tasks[].no/area/title/lead/support/product/deadline,
 * warnings[].where/message. Values: date ISO "YYYY-MM-DD" or null; value as
 * an integer when integral; value_max null unless op is "between". */
#ifndef CCHC_IO_PLAN_JSON_H
#define CCHC_IO_PLAN_JSON_H

#include "domain/planparse.h"

#include <jansson.h>

/* New reference, NULL when out of memory. */
json_t *plan_json(const planparse_plan_t *p);

/* "dòng 12", "trang 3, dòng 5", "tài liệu" (whole document). */
void plan_json_where(planparse_pos_t pos, char *out, size_t cap);

/* A JSON number: integer when integral. */
json_t *plan_json_number(double v);

#endif
