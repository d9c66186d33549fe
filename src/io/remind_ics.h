/* remind_ics.h - a user's due dates as an iCalendar feed (RFC 5545): one
 * all-day VEVENT per deadline (UID = the deadline's key, stable across
 * fetches, so a phone's calendar updates rather than duplicates; SUMMARY =
 * the title, prefixed "✓ " when done; DESCRIPTION = what, which unit,
 * the link back; URL; CATEGORIES = the kind). Text is escaped (\\ \; \, \n)
 * and lines are folded at 75 octets on UTF-8 character boundaries, CRLF.
 *
 * Input: app_remind_feed_items' JSON. Errors: ERR_NOMEM, ERR_TOOLARGE. */
#ifndef CCHC_REMIND_ICS_H
#define CCHC_REMIND_ICS_H

#include "base/buf.h"
#include "base/dtime.h"
#include "base/err.h"

#include <jansson.h>

#define REMIND_ICS_MAX ((size_t)32 << 20)

/* Writes the calendar into out (initialised by the caller); base_url
 * prefixes the in-app links ("" = relative); now is DTSTAMP. */
int remind_ics_write(const json_t *feed, const char *base_url, dtime_t now, buf_t *out, err_t *e);

#endif
