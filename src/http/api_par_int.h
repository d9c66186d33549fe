/* api_par_int.h - helpers shared by the PAR handlers (api_par.c,
 * api_par_sheet.c). */
#ifndef CCHC_HTTP_API_PAR_INT_H
#define CCHC_HTTP_API_PAR_INT_H

#include "http/api.h"

#include <stdbool.h>
#include <stdint.h>

/* The positive integer path parameter name; answers 404 and returns false
 * when it is not one. */
bool api_par_id(http_req_t *req, http_resp_t *resp, const char *name, int64_t *out);
/* A points field (JSON number, at most 3 decimals) into millipoints;
 * absent/null gives PAR_NONE (an error when required). false on failure
 * (kept in b). */
bool api_par_points(api_body_t *b, const char *key, bool required, int64_t *out);
/* Answers e naming the request field at fault when the code tells it. */
int api_par_error(http_resp_t *resp, const err_t *e);
/* Answers a document (par_doc_kind_t kind) as a download. */
int api_par_document(http_req_t *req, http_resp_t *resp, int64_t campaign, const char *unit,
                     int kind);

#endif
