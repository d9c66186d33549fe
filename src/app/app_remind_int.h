/* app_remind_int.h - what app_remind*.c share (not a public API): the
 * rules, the deadlines collected from every source, the users with their
 * preferences, and the notice texts. */
#ifndef CCHC_APP_REMIND_INT_H
#define CCHC_APP_REMIND_INT_H

#include "app/app_remind.h"
#include "domain/agencycal.h"
#include "domain/remind_plan.h"
#include "domain/unit.h"
#include "store/store.h"
#include "store/store_remind.h"

#define APP_REMIND_PERIOD_MAX 16

/* What a task deadline needs beyond remind_deadline_t (follow-up letters). */
typedef struct app_remind_aux {
    int64_t assignment;                 /* task assignments; 0 for other sources */
    char period[APP_REMIND_PERIOD_MAX]; /* periodic task: the occurrence; "" otherwise */
    const char *plan;                   /* "KH 01/KH-UBND" (owned by the list) */
    int year;                           /* the plan's year (tasks) or the report's */
} app_remind_aux_t;

/* Every deadline collected for one day; strings owned by the list. */
typedef struct app_remind_src {
    remind_deadline_t *v;
    app_remind_aux_t *aux;
    size_t n, cap, auxcap;
    char **strs;
    size_t nstr, strcap;
} app_remind_src_t;

/* Loads DATA/reminders/rules.json (the built-in defaults when the file is
 * absent; a malformed file is an error naming it). */
int app_remind_rules_load(app_t *a, remind_rules_t *r, err_t *e);

/* Collects the deadlines of every source for `day` (see app_remind_src.c).
 * src zero-initialised by the caller; release with app_remind_src_release
 * (also after a failure). */
int app_remind_src_collect(app_t *a, store_t *s, const unit_set_t *units,
                           const remind_rules_t *rules, date_t day, app_remind_src_t *src,
                           err_t *e);
void app_remind_src_release(app_remind_src_t *src);
/* The PAR campaign source (app_remind_par.c): the self-assessment and
 * explanation steps of every open campaign, per unit taking part. */
int app_remind_par_collect(app_t *a, store_t *s, const unit_set_t *units,
                           const remind_rules_t *rules, date_t day, app_remind_src_t *src,
                           err_t *e);
/* Copies str into the list (NULL stays NULL); NULL when out of memory. */
const char *app_remind_src_str(app_remind_src_t *src, const char *str);
/* Appends a deadline (its strings copied) with its aux; 0 or ERR_NOMEM. */
int app_remind_src_add(app_remind_src_t *src, const remind_deadline_t *d,
                       const app_remind_aux_t *aux, err_t *e);

/* The users with their preferences (store_remind_users), as the generator
 * wants them. Zero-initialise; release with app_remind_users_release. */
typedef struct app_remind_users {
    user_t *u;
    store_remind_pref_t *pref;
    remind_user_t *ru;
    size_t n, cap, pcap, rcap;
} app_remind_users_t;
int app_remind_users_load(store_t *s, app_remind_users_t *us, err_t *e);
void app_remind_users_release(app_remind_users_t *us);

/* A unit's name at day ("" for ""; the code when unknown). */
const char *app_remind_unit_name(const unit_set_t *units, const char *code, date_t day);

/* The title and body of a deadline notice (Vietnamese). */
void app_remind_text(const remind_deadline_t *dl, const remind_notice_t *n, const unit_set_t *units,
                     date_t day, char *title, size_t tcap, char *body, size_t bcap);

#endif
