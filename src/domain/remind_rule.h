/* remind_rule.h - when to remind whom of a deadline, as data
 * (data/reminders/rules.json, described in data/reminders/README.md).
 *
 * For each kind of deadline (task, report, target, campaign) an ordered list
 * of stages; a stage fires `at` working days from the due date (negative
 * before it, 0 on the day, positive after it) and, with `every` > 0, again
 * every so many working days while the deadline stays open. Each stage names
 * its recipients: the assignee unit's users, the lead unit's users when the
 * assignee only coordinates, the unit's leader. Apart from the stages: the
 * roles that count as a unit's users, a weekly (or daily) summary for the
 * standing agency, the digest's horizon and default time, and the day a
 * hand-measured target is due.
 *
 * JSON: {"name","version","recipients":{"assignee":[roles],"lead":[roles],
 *  "standing":[roles]},"digest":{"soon":5,"time":"07:30"},
 *  "summary":{"weekday":1},"target_due":"12-14",
 *  "default":[{"id","at","every","to":[...]}],"kinds":{"report":[...]}}
 * A kind without its own list uses "default". Stage ids are [a-z0-9_]{1,24},
 * unique within a list; stages are sorted by `at`; `at` is within
 * -REMIND_RULE_AT_MAX..REMIND_RULE_AT_MAX, `every` within 0..REMIND_RULE_AT_MAX
 * and only on stages with at >= 0; "to" is a non-empty list of "assignee",
 * "lead", "leader". Unknown keys are refused, so a misspelt key is an error
 * rather than silently ignored.
 *
 * Errors: remind_rule_parse returns ERR_INVALID with code "remind_rule.json"
 * (syntax, with line and column), "remind_rule.field" (a missing, mistyped or
 * unknown field) or "remind_rule.stage" (a bad stage), each message prefixed
 * with the source name given ("rules.json: stage 'x': ..."); ERR_NOMEM.
 * Pure: parses text handed in; the rules own their strings. */
#ifndef CCHC_REMIND_RULE_H
#define CCHC_REMIND_RULE_H

#include "base/err.h"
#include "domain/access.h"

#include <stdbool.h>
#include <stddef.h>

/* What a notice is about. The first REMIND_SOURCE_COUNT are the deadline
 * sources (rules per kind); summary, unit and digest are notices of their
 * own that a user may unsubscribe from like the others. */
typedef enum remind_kind {
    REMIND_KIND_TASK = 0,
    REMIND_KIND_REPORT,
    REMIND_KIND_TARGET,
    REMIND_KIND_CAMPAIGN, /* PAR campaign steps: self, explain, appraisal rounds */
    REMIND_KIND_SUMMARY,  /* the standing agency's summary */
    REMIND_KIND_UNIT,     /* a unit notice (a report reminder sent by hand) */
    REMIND_KIND_DIGEST,   /* the daily digest */
    REMIND_KIND_COUNT
} remind_kind_t;
#define REMIND_SOURCE_COUNT 4

/* "task", "report", "target", "campaign", "summary", "unit", "digest". */
const char *remind_rule_kind_code(remind_kind_t k);
const char *remind_rule_kind_label_vi(remind_kind_t k);
const char *remind_rule_kind_label_en(remind_kind_t k);
/* 0, or ERR_INVALID "remind.kind". */
int remind_rule_kind_parse(const char *s, remind_kind_t *out, err_t *e);
/* A comma-separated list of codes ("report,summary"; spaces ignored, ""
 * empty) as a bit set (bit k = 1u << k). 0, or ERR_INVALID "remind.kind". */
int remind_rule_kind_parse_set(const char *s, unsigned *out, err_t *e);
/* The bit set as codes joined with ',' into out (always terminated). */
void remind_rule_kind_format_set(unsigned set, char *out, size_t cap);

/* Who a stage notifies. */
typedef enum remind_to {
    REMIND_TO_ASSIGNEE = 0, /* the users of the unit that owes the deadline */
    REMIND_TO_LEAD,         /* the users of the lead unit, for a coordinating assignment */
    REMIND_TO_LEADER,       /* the users marked as the unit's leader */
    REMIND_TO_STANDING,     /* the standing agency (summary only) */
    REMIND_TO_COUNT
} remind_to_t;
const char *remind_rule_to_code(remind_to_t t); /* "assignee", "lead", "leader", "standing" */

#define REMIND_RULE_ID_MAX     24
#define REMIND_RULE_AT_MAX     250 /* about a working year */
#define REMIND_RULE_STAGES_MAX 16

typedef struct remind_stage {
    char id[REMIND_RULE_ID_MAX + 1];
    int at;      /* working days from the due date (< 0 before) */
    int every;   /* > 0: repeated every so many working days while open */
    unsigned to; /* bit set of remind_to_t (1u << REMIND_TO_...) */
} remind_stage_t;

typedef struct remind_stages {
    remind_stage_t v[REMIND_RULE_STAGES_MAX];
    size_t n;
} remind_stages_t;

typedef struct remind_rules {
    char name[160];
    char version[40];
    remind_stages_t def;                       /* "default" */
    remind_stages_t kind[REMIND_SOURCE_COUNT]; /* per kind; n = 0 -> def */
    bool has_kind[REMIND_SOURCE_COUNT];        /* whether the kind has its own list */
    unsigned roles[REMIND_TO_COUNT];           /* access roles counted, bit 1u << access_role */
    int summary_weekday; /* 1 = Monday .. 7 = Sunday; 0 = every working day; -1 = no summary */
    int digest_soon;     /* working days ahead the digest looks (0..30) */
    int digest_minute;   /* default digest time, minute of the day */
    int target_month, target_day; /* hand-measured targets are due on this day of their year */
} remind_rules_t;

/* Fills r with the built-in defaults (the same as the shipped rules.json):
 * 5 and 1 working days before, on the day, then every 5 working days while
 * overdue (with the lead unit), the leader after 10 working days (then every
 * 5); officers and the standing agency count as a unit's users; the
 * standing agency's summary on Mondays; digest 5 working days ahead at
 * 07:30; targets due on 14/12. */
void remind_rule_defaults(remind_rules_t *r);

/* Parses and validates rules JSON text into *r (no allocation kept: the
 * rules are a plain value). source names the file in messages. */
int remind_rule_parse(const char *text, size_t n, const char *source, remind_rules_t *r, err_t *e);

/* The stages for a deadline kind (its own list, else the default). */
const remind_stages_t *remind_rule_stages(const remind_rules_t *r, remind_kind_t k);

/* Whether users of role `role` count for recipient class t. */
bool remind_rule_role_counts(const remind_rules_t *r, remind_to_t t, access_role_t role);

#endif
