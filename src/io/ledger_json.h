/* ledger_json.h - the JSON views of a dossier (app_dossier_view_t) and of a
 * feedback item (app_fb_view_t), shared by the API and `cchc feedback
 * show --json` (shapes in docs/API.md). Times are local
 * "YYYY-MM-DDTHH:MM:SS", null when absent.
 *
 * The builders return a new object (caller json_decref) or NULL when out of
 * memory; the views are borrowed. The feedback view includes the sender's
 * personal data: never use it on a public endpoint. */
#ifndef CCHC_IO_LEDGER_JSON_H
#define CCHC_IO_LEDGER_JSON_H

#include "app/app_dossier.h"
#include "app/app_feedback.h"

#include <jansson.h>

/* {"code","procedure","unit","channel","status","status_label",
 *  "status_label_en","received","due","due_base","due_given","appointment",
 *  "ended","returned","closed","supplements","rating","apologies",
 *  "full_online","paid_online","digitized","e_result","class","class_label",
 *  "as_of","rev","timeline":[{"kind","at","actor","note",...}]} */
json_t *ledger_json_dossier(const app_dossier_view_t *v);

/* {"code","unit","subject","content","sender":{"name","contact"},"status",
 *  "status_label","status_label_en","received","acknowledged",
 *  "info_requested","info_supplied","answered","published","rating",
 *  "rated_at","rules_version","deadlines":{"ack","info_request",
 *  "answer_base","answer","publish"},"timeliness":{"ack","info_request",
 *  "answer","publish","overall","overall_label"},"as_of","timeline":[...]} */
json_t *ledger_json_feedback(const app_fb_view_t *v);

/* Sets o[key] to t's ISO form, or null; 0 or -1. */
int ledger_json_time(json_t *o, const char *key, dtime_t t);

#endif
