/* app_feedback_int.h - helpers shared by app_feedback.c and
 * app_feedback_public.c (the citizen's side of PAKN). */
#ifndef CCHC_APP_FEEDBACK_INT_H
#define CCHC_APP_FEEDBACK_INT_H

#include "app/app_feedback.h"

#include <stdbool.h>

#define APP_FEEDBACK_CITIZEN "citizen"

/* An item's event log (entries owned). */
typedef struct app_fb_log {
    app_fb_entry_t *v;
    size_t n, cap;
    bool nomem;
} app_fb_log_t;

/* NFC copy of s, trimmed, checked (UTF-8, at most max bytes, no control
 * characters but CR, LF and TAB when multiline); "" for NULL or empty
 * (ERR_INVALID "feedback.subject" when required). *out: caller mem_free. */
int app_feedback_clean(const char *s, const char *field, size_t max, bool multiline, bool required,
                       char **out, err_t *e);
/* The log of item id, in order; release with app_feedback_log_release. */
int app_feedback_load_log(store_t *s, int64_t id, app_fb_log_t *l, err_t *e);
void app_feedback_log_release(app_fb_log_t *l);
/* Appends ev (by `who`; actor checked for ACCESS_WRITE unless who is the
 * citizen) in one transaction: replay, apply, dues, state, event, audit. */
int app_feedback_append(app_t *a, const user_t *actor, const char *who, const char *code,
                        const fb_event_t *ev, const char *note, err_t *e);

#endif
