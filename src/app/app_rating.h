/* app_rating.h - the applicant rates a dossier from the public lookup
 * (issue 18 item 1; docs/internals/citizens.md).
 *
 * Once the result is returned (the ledger has a `returned` time), the
 * applicant identified by the dossier code plus a second factor rates it
 * once: 1 không hài lòng, 2 hài lòng, 3 rất hài lòng, with the optional
 * criteria of the rules (DATA_DIR/citizens/rating.json, rating.h). The
 * rating enters the ledger as a `rated` event written by "citizen"
 * (app_dossier_append_as: tthc.satisfaction and the KPI figures count it)
 * and, in the same transaction, a dossier_rating row with the criteria.
 * A dossier that carries a rating already (from any source) is refused.
 *
 * Second factor (rules: "receipt", "phone4" or "either"):
 *  - receipt code: the first 40 bits of BLAKE2b keyed with a server key
 *    (32 random bytes made on first use, kept in citizen_secret and shared
 *    by every instance) over "cchc-receipt:" + the dossier code, shown as
 *    "XXXX-XXXX"; officials read it (app_rating_receipt) to print it on
 *    the giấy tiếp nhận; nothing is stored per dossier;
 *  - phone4: the last 4 digits of the applicant's phone, recorded by an
 *    official (app_rating_set_phone) as a keyed hash.
 * Wrong factors are counted per dossier in the login throttle (5 failures,
 * then a growing wait): 40 bits cannot be guessed through the form.
 *
 * Errors: ERR_NOTFOUND "dossier.not_found" (the same for any unknown
 * code); ERR_INVALID "rating.factor" (wrong or missing second factor),
 * "rating.level", "rating.criterion", "rating.comment", "rating.phone",
 * "rating.rules"; ERR_CONFLICT "rating.duplicate" (rated already),
 * "rating.not_returned" (no result returned yet); ERR_TOOMANY
 * "rating.throttled"; ERR_FORBIDDEN "auth.forbidden" (officials' calls
 * outside their scope); store errors. */
#ifndef CCHC_APP_RATING_H
#define CCHC_APP_RATING_H

#include "app/app.h"
#include "domain/access.h"
#include "domain/rating.h"

#include <jansson.h>
#include <stdbool.h>

/* Failed second factors per dossier before the throttle's wait starts. */
#define APP_RATING_FAILS 5

/* The rules of the data directory (defaults when the file is absent). */
int app_rating_rules(app_t *a, rating_rules_t *out, err_t *e);

/* The receipt code of a dossier, for an official who may read it (actor
 * NULL = the local operator). */
int app_rating_receipt(app_t *a, const user_t *actor, const char *code,
                       char out[RATING_RECEIPT_LEN + 1], err_t *e);

/* Records the phone number's last 4 digits as the dossier's phone factor
 * (ACCESS_WRITE on its unit). */
int app_rating_set_phone(app_t *a, const user_t *actor, const char *code, const char *phone,
                         err_t *e);

typedef struct app_rating_status {
    char code[65]; /* the dossier code as stored */
    bool returned; /* the result was returned */
    bool rated;    /* a rating exists (any source) */
    bool can_rate; /* returned and not rated */
    int level;     /* the rating, 0 when none */
} app_rating_status_t;

/* What the lookup shows about rating a dossier (public: no personal data). */
int app_rating_public_status(app_t *a, const char *code, app_rating_status_t *out, err_t *e);

/* The applicant's rating. factor is what the applicant typed (receipt
 * code or phone digits). */
int app_rating_submit(app_t *a, const char *code, const char *factor, const rating_in_t *in,
                      err_t *e);

/* Counts of the public ratings of unit (with its subtree when tree) rated
 * in [from, to]: {"unit","from","to","total","satisfied","satisfaction",
 * "levels":[n1,n2,n3],"criteria":[{"code","label","label_en","levels":[…],
 * "total"}]} (ACCESS_READ on unit). */
int app_rating_summary(app_t *a, const user_t *actor, const char *unit, date_t from, date_t to,
                       json_t **out, err_t *e);

#endif
