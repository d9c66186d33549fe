/* api_plan_edit.h - helpers of api_plan_edit.c shared with api_plans.c
 * (the route handlers are declared in api.h). */
#ifndef CCHC_API_PLAN_EDIT_H
#define CCHC_API_PLAN_EDIT_H

#include "domain/planedit.h"
#include "http/http_server.h"

#include <jansson.h>

/* Reads the optional "edits" array of a JSON body into l (initialised
 * here; caller planedit_list_release, also on error) and *json (its
 * canonical JSON text or NULL; caller free). On a bad list answers 400
 * (the message names the op) and returns nonzero. */
int api_plan_edit_read(const json_t *body, planedit_list_t *l, char **json, http_resp_t *resp);

/* The same for a raw upload: text is the "edits" query parameter (the JSON
 * array as text; NULL or "" for none). */
int api_plan_edit_read_query(const char *text, planedit_list_t *l, char **json, http_resp_t *resp);

/* Adds the preview review of p to j as "review" (planedit_json_review).
 * 0 or ERR_NOMEM. */
int api_plan_edit_review(json_t *j, const planparse_plan_t *p);

#endif
