/* api_plan_life.h - the plan life's part of the plan routes (api_plan_life.c):
 * the route handlers are declared in api.h; these are the small readers
 * api_plans.c calls for the list filter, the preview's additions and the
 * import's options and answer. */
#ifndef CCHC_HTTP_API_PLAN_LIFE_H
#define CCHC_HTTP_API_PLAN_LIFE_H

#include "app/app_plan_life.h"
#include "http/http_server.h"

#include <jansson.h>
#include <stdbool.h>

/* ?status=all on the plan list. */
bool api_plan_life_all(http_req_t *req);
/* The import's "replace" (true/false) and "add_units" ("all" or a list of
 * names or proposed codes): members of the JSON body, or for raw uploads
 * ?replace=1 and ?add_units=all or ?add_units=["…",…] (JSON text). 0 or
 * ERR_INVALID. Strings borrowed from body, or owned by o (release with
 * api_plan_life_opts_release). */
#define API_PLAN_ADD_MAX 64
typedef struct api_plan_life_opts {
    app_plan_life_opts_t life;
    const char *names[API_PLAN_ADD_MAX];
    json_t *query; /* the parsed ?add_units list (owned), or NULL */
} api_plan_life_opts_t;
int api_plan_life_opts(json_t *body, http_req_t *req, api_plan_life_opts_t *o);
void api_plan_life_opts_release(api_plan_life_opts_t *o);
/* Adds "duplicate" and "suggested_units" to a preview answer. */
int api_plan_life_preview(http_req_t *req, const planparse_plan_t *p, const char *unit,
                          const void *data, size_t len, json_t *answer);
/* Adds "status" (and "superseded_by", "status_at", "status_by",
 * "status_reason" when set) to the answer of GET /api/v1/plans/{id}. */
int api_plan_life_show(http_req_t *req, int64_t id, json_t *answer);
/* Adds "superseded", "supersede", "units_added" to an import answer. */
int api_plan_life_import_json(const app_plan_life_result_t *r, json_t *answer);

#endif
