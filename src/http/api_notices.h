/* api_notices.h - the JSON API of notices per user, notification settings,
 * calendar feeds, the reminder outbox and follow-up letters (docs/API.md
 * "Notices and reminders"). The unit notices of the reports page stay in
 * api_reports.c (/api/v1/notices). */
#ifndef CCHC_API_NOTICES_H
#define CCHC_API_NOTICES_H

#include "http/http_server.h"

int api_notices_mine(http_req_t *req, http_resp_t *resp);
int api_notices_mine_read(http_req_t *req, http_resp_t *resp);
int api_notices_mine_read_all(http_req_t *req, http_resp_t *resp);
int api_notices_prefs_get(http_req_t *req, http_resp_t *resp);
int api_notices_prefs_put(http_req_t *req, http_resp_t *resp);
int api_notices_feed_new(http_req_t *req, http_resp_t *resp);
int api_notices_feed_revoke(http_req_t *req, http_resp_t *resp);
int api_notices_feed_ics(http_req_t *req, http_resp_t *resp);
int api_notices_run(http_req_t *req, http_resp_t *resp);
int api_notices_outbox(http_req_t *req, http_resp_t *resp);
int api_notices_letter(http_req_t *req, http_resp_t *resp);
int api_notices_letters(http_req_t *req, http_resp_t *resp);

#endif
