/* app_notice.h - in-application notices (reminders) to the officers of a
 * unit: a user sees the notices of their own unit. */
#ifndef CCHC_APP_NOTICE_H
#define CCHC_APP_NOTICE_H

#include "app/app.h"
#include "domain/access.h"

#include <jansson.h>
#include <stdint.h>

#define APP_NOTICE_LIST_MAX 100

/* {"unread":N,"items":[{"id","kind","title","body","link","created_at","created_by",
 *  "read_at"}]} newest first (at most APP_NOTICE_LIST_MAX). A user without a
 * unit (the administrator) has none. */
int app_notice_list(app_t *a, const user_t *actor, json_t **out, err_t *e);
/* Marks one of the actor's notices read. ERR_NOTFOUND "notice.not_found". */
int app_notice_read(app_t *a, const user_t *actor, int64_t id, err_t *e);

#endif
