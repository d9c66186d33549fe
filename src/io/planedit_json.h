/* planedit_json.h - the JSON form of plan edits (planedit.h) and of the
 * preview review (planparse_review.h). Format (docs/API.md, "Plan edits"):
 *
 *   [{"op":"set_task","index":0,"no":"1","set":{"title":"…","deadline":"Quý II/2024",
 *                                             "lead":["Sở Nội vụ",{"text":"…","unit":"SNV"}]}},
 *    {"op":"set_target","index":0,"set":{"indicator":"tthc.on_time","op":">=","value":95}},
 *    {"op":"split","index":1,"no":"2","offset":24}            (byte offset in the title)
 *    {"op":"split","index":1,"no":"2","titles":["…","…"]},
 *    {"op":"merge","index":0,"no":"1","with":1,"with_no":"2"}  (with: default index+1)
 *    {"op":"delete_task","index":2,"no":"3"}, {"op":"delete_target","index":0},
 *    {"op":"add_task","index":5,"set":{"title":"…",…}},  {"op":"add_target","index":0,"set":{…}},
 *    {"op":"move","index":3,"to":5,"no":"4","to_no":"6","area":"so"}]
 *
 * "set" values are strings, null (clears an optional field), numbers (value,
 * value_max) or, for lead/support, arrays of names or {"text","unit"}. */
#ifndef CCHC_IO_PLANEDIT_JSON_H
#define CCHC_IO_PLANEDIT_JSON_H

#include "domain/planedit.h"
#include "domain/planparse_review.h"

#include <jansson.h>

/* Reads the array v (borrowed) into out (initialised here; caller
 * planedit_list_release, also on error). ERR_INVALID "planedit.json" with
 * the op's index in the message, ERR_RANGE "planedit.too_many", ERR_NOMEM. */
int planedit_json_read(const json_t *v, planedit_list_t *out, err_t *e);

/* Reads the JSON file at path (an array, or an object with an "edits"
 * array) like planedit_json_read; ERR_IO "planedit.file" when unreadable,
 * ERR_INVALID when not JSON. */
int planedit_json_load(const char *path, planedit_list_t *out, err_t *e);

/* The list as JSON (the form above, canonical: "index" always, "set" in
 * field order). New reference, NULL when out of memory. */
json_t *planedit_json_write(const planedit_list_t *l);

/* The review of p as {"unsure":N,"areas":[{"area","label","tasks","no_lead",
 * "no_deadline","targets","unsure"}],"tasks":[{"index","no","area",
 * "unsure":bool,"flags":["warning","default_lead","deadline_unparsed",
 * "long_title","no_lead","no_deadline"]}]} - areas with a task or a target
 * only, tasks with a flag only. New reference, NULL when out of memory. */
json_t *planedit_json_review(const planparse_plan_t *p, const planparse_review_t *r);

#endif
