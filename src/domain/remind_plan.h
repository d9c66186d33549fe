/* remind_plan.h - the reminder generator (pure): given the open deadlines,
 * the rules (remind_rule.h), the users with their preferences, the unit
 * registry, the agency calendar and a day, which notices are due, to whom.
 *
 * Working-day positions (agency calendar): the due date D of a deadline is
 * the working day at or after its due date (a deadline on a holiday falls
 * on the next working day); a stage with `at` = a fires on working day
 * D + a and, with `every` = p, again on D + a + k p (k = 1, 2 ...). On day
 * T the last working day not after T is W. For each deadline that is not
 * done and each recipient class, the current stage is the one whose last
 * firing day is the latest not after W (a later stage in the list wins a
 * tie); it is emitted for every recipient of that class. Nothing fires
 * before the first stage; a done deadline gets nothing.
 *
 * Recipients (users not disabled, with the roles the rules count):
 *   assignee  users whose unit is the deadline's unit (with the deadline's
 *             own roles when it names some);
 *   lead      users of the deadline's lead unit (coordinating assignments
 *             only: dl->lead set);
 *   leader    users marked leader whose unit is the deadline's unit.
 * A user never gets a notice about a unit outside their scope
 * (access_allows ACCESS_READ on the notice's unit at T: the deadline's unit,
 * or the lead unit for `lead`), nor of a kind they unsubscribed from. A user
 * reached through two classes by the same stage gets one notice.
 *
 * The summary (rules' summary_weekday): on the latest summary day not after
 * T (that weekday, or every working day for 0), each user of a role counted
 * for `standing` with at least one overdue deadline in scope gets one
 * summary notice carrying the count.
 *
 * Errors: ERR_RANGE "remind.range" when T lies outside the calendar;
 * ERR_NOMEM. Deadlines whose due date lies outside the calendar are skipped
 * (counted in *skipped). No I/O, no globals; thread-safe. */
#ifndef CCHC_REMIND_PLAN_H
#define CCHC_REMIND_PLAN_H

#include "base/date.h"
#include "base/err.h"
#include "domain/access.h"
#include "domain/agencycal.h"
#include "domain/remind_rule.h"
#include "domain/unit.h"

#include <stdbool.h>
#include <stddef.h>

/* One deadline occurrence. Strings are borrowed for the call. */
typedef struct remind_deadline {
    remind_kind_t kind; /* a source kind: task, report, target, campaign */
    const char *key;    /* stable and unique: "task:12:2024Q1" */
    const char *unit;   /* the unit that owes it */
    const char *lead;   /* coordinating assignment: the lead unit; NULL otherwise */
    const char *title;  /* what is due */
    const char *ref;    /* which task / report, for people ("Nhiệm vụ 3, KH 01/KH-UBND") */
    const char *link;   /* in-app link ("#/nhiem-vu/12") */
    date_t due;
    bool done; /* completed (or closed): nothing is sent */
    /* The roles counted as the owing unit's users for this deadline, in
     * place of the rules' assignee roles (bit 1u << access_role_t; 0 = the
     * rules'): a PAR appraisal round is owed by the appraising department's
     * appraisers, not by its CCHC officers. */
    unsigned roles;
} remind_deadline_t;

/* One user with their preferences. */
typedef struct remind_user {
    const user_t *user;
    bool leader;        /* the leader of their unit */
    unsigned kinds_off; /* unsubscribed kinds (bit 1u << remind_kind_t) */
} remind_user_t;

typedef struct remind_notice {
    size_t user;    /* index into the users */
    long deadline;  /* index into the deadlines; -1 for a summary */
    remind_to_t to; /* the class that reached the user */
    int stage;      /* index into the kind's stages; -1 for a summary */
    int repeat;     /* 0 for the first firing, k for the k-th repetition */
    date_t fired;   /* the day the stage fired (the summary day for a summary) */
    int days;       /* working days from T to the due date: > 0 ahead, 0 due, < 0 overdue */
    size_t count;   /* summary: the overdue deadlines in the user's scope */
    char stage_key[REMIND_RULE_ID_MAX + 8]; /* "truoc_5", "qua_han#2", "tong_hop" */
} remind_notice_t;

typedef struct remind_plan_in {
    const remind_rules_t *rules;
    const agencycal_t *cal;
    const unit_set_t *units; /* for scopes */
    const remind_deadline_t *deadlines;
    size_t ndeadlines;
    const remind_user_t *users;
    size_t nusers;
    date_t today;
} remind_plan_in_t;

/* The notices due on in->today, ordered by deadline (summaries last) then
 * user: *out (caller mem_free; NULL when none) and *n. *skipped (may be
 * NULL) gets the deadlines left out because their due date lies outside
 * the calendar. */
int remind_plan_run(const remind_plan_in_t *in, remind_notice_t **out, size_t *n, size_t *skipped,
                    err_t *e);

/* Working days from today to due as above (> 0 ahead, < 0 past). Dates
 * outside the calendar fall back to calendar days. */
int remind_plan_days(const agencycal_t *cal, date_t today, date_t due);

/* The digest of user u on today: the open deadlines in u's scope, of kinds
 * u keeps, overdue or due within the rules' digest_soon working days;
 * indices into the deadlines in *out (caller mem_free; NULL when none),
 * overdue first (longest overdue first), then by due date, then by input
 * order. ERR_RANGE outside the calendar, ERR_NOMEM. */
int remind_plan_digest(const remind_plan_in_t *in, const remind_user_t *u, size_t **out, size_t *n,
                       err_t *e);

/* The open deadlines in u's scope of kinds u keeps (whatever their date),
 * by due date: for the user's calendar feed. Same conventions. */
int remind_plan_scope(const remind_plan_in_t *in, const remind_user_t *u, bool open_only,
                      size_t **out, size_t *n, err_t *e);

#endif
