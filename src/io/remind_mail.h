/* remind_mail.h - the e-mails of reminders as RFC 5322 / MIME messages:
 * a digest (the user's overdue and due-soon items and the day's notices)
 * or a single notice, in Vietnamese, as multipart/alternative with a
 * text/plain and a text/html part (UTF-8, base64), links back to the
 * application (base_url + the in-app link). The subject is an RFC 2047
 * encoded word; header values never carry CR or LF.
 *
 * Input: the outbox message as app_remind_mail_claim gives it
 * ({"to","kind","ref","payload":{…}}). Output: the whole message in a
 * buffer (caller buf_release). Errors: ERR_INVALID "mail.payload" (a
 * message without recipient or payload, a header with a line break),
 * ERR_NOMEM, ERR_TOOLARGE. */
#ifndef CCHC_REMIND_MAIL_H
#define CCHC_REMIND_MAIL_H

#include "base/buf.h"
#include "base/dtime.h"
#include "base/err.h"

#include <jansson.h>

#define REMIND_MAIL_MAX ((size_t)8 << 20)

typedef struct remind_mail_from {
    const char *address;    /* "cchc@tinh.gov.vn" */
    const char *name;       /* display name, may be NULL */
    const char *base_url;   /* "https://cchc.tinh.gov.vn" or "" */
    const char *msgid_host; /* right side of the Message-ID */
} remind_mail_from_t;

/* Composes msg into out (initialised by the caller with buf_init). `now`
 * is the Date header (local time, +0700). */
int remind_mail_compose(const json_t *msg, const remind_mail_from_t *from, dtime_t now, buf_t *out,
                        err_t *e);

/* The subject line (UTF-8, not encoded) of msg, for logs and tests. */
void remind_mail_subject(const json_t *msg, char *out, size_t cap);

#endif
