/* app_remind_letter.h - follow-up letters (công văn đôn đốc, issue 17 item 4):
 * the overdue task occurrences of a unit, or of every unit with some in the
 * actor's scope, put into an ND 30 letter of the issuing unit
 * (domain/remind_letter.h), numbered in the issuer's series for the year
 * and symbol (store_notice_next_number: "Số: 05/SNV-CCHC"), and recorded
 * against each task occurrence (followup_item) so that the next letter
 * says "lần 2". The followed-up units also get an in-app notice.
 *
 * The issuer is in->issuer, or the actor's unit; an internal division
 * (phòng) issues in its parent's name with its own initials after the
 * parent's ("Phòng CCHC" of "Sở Nội vụ": SNV-CCHC). Default symbol: the
 * issuer's initials ("UBND" for a people's committee) and "-VP" for a
 * committee, "-CCHC" otherwise. Default reply date: 10 working days after
 * the letter's date.
 *
 * Authorisation (actor NULL = local operator): ACCESS_WRITE on the issuer,
 * and only units the actor may read are followed up (a named unit outside
 * the scope is auth.forbidden). Errors: ERR_NOTFOUND unit.not_found,
 * ERR_FORBIDDEN auth.forbidden, ERR_INVALID remind_letter.empty (nothing
 * overdue) / remind_letter.symbol, and those of app_remind_run's sources. */
#ifndef CCHC_APP_REMIND_LETTER_H
#define CCHC_APP_REMIND_LETTER_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/offdoc.h"

#include <jansson.h>
#include <stdbool.h>

typedef struct app_remind_letter_in {
    const char *unit;   /* the unit followed up; NULL or "" = every unit with overdue tasks */
    const char *issuer; /* NULL = the actor's unit (required for the local operator) */
    date_t on;          /* the letter's date; DATE_NONE = today */
    date_t reply_by;    /* DATE_NONE = 10 working days after `on` */
    const char *symbol; /* NULL = derived (see above) */
    const char *signer; /* the signer's name; NULL = left blank */
    bool preview;       /* build without a number and without recording anything */
} app_remind_letter_in_t;

/* Builds (and, unless preview, numbers and records) the letter: *doc
 * (caller offdoc_free) and *summary {"id","number","symbol","number_line","issuer",
 * "date","reply_by","round","units":[{code,name}],"items":[{"assignment","period","unit",
 * "title","due","days_late","round"}]} (caller json_decref). */
int app_remind_letter(app_t *a, const user_t *actor, const app_remind_letter_in_t *in,
                      offdoc_t **doc, json_t **summary, err_t *e);

/* The letters recorded, newest first: {"items":[{"id","issuer","symbol","number","year",
 * "issued_on","reply_by","units","items","created_by","created_at"}]}. */
int app_remind_letter_list(app_t *a, const user_t *actor, json_t **out, err_t *e);

#endif
