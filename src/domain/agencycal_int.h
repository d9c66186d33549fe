/* agencycal_int.h - private structures of the agency calendar, shared by
 * agencycal.c (model, build, queries) and agencycal_json.c (parsing).
 * Not part of the public contract: include agencycal.h instead. */
#ifndef CCHC_AGENCYCAL_INT_H
#define CCHC_AGENCYCAL_INT_H

#include "domain/agencycal.h"

#include <stdint.h>

#define AGENCYCAL_MAX_RULE_IDS 32

typedef enum agencycal_adjacent {
    AGENCYCAL_ADJ_NONE = 0,
    AGENCYCAL_ADJ_BEFORE,
    AGENCYCAL_ADJ_AFTER,
    AGENCYCAL_ADJ_BRIDGE /* before or after, whichever bridges to a rest day (docs) */
} agencycal_adjacent_t;

/* A statutory holiday rule, in force from_year..to_year. The holiday starts
 * at the anchor (solar or lunar month/day of year Y) moved by offset days
 * and lasts days days; an adjacent day may be added. */
typedef struct agencycal_rule {
    const char *id, *name, *reference; /* pooled */
    bool lunar;
    int month, day, offset, days;
    agencycal_adjacent_t adjacent;
    int from_year, to_year;
    int id_index;                /* bit in agencycal_decision.covers */
    int note_holiday, note_comp; /* indexes into cal.notes */
} agencycal_rule_t;

typedef struct agencycal_decision {
    int year;
    const char *reference; /* pooled */
    uint32_t covers;       /* rule id bits covered by this decision */
} agencycal_decision_t;

/* A day or range of days set explicitly by a decision or the overlay. */
typedef struct agencycal_entry {
    date_t from, to;
    bool working;  /* worked rest day rather than day off */
    bool province; /* from the overlay rather than a decision */
    int note;
} agencycal_entry_t;

typedef struct agencycal_note {
    agencycal_reason_t reason;
    const char *name;      /* pooled */
    const char *reference; /* pooled, may be NULL */
} agencycal_note_t;

struct agencycal {
    const char *id, *version, *name; /* pooled */
    uint8_t rest_mask;               /* bit w set: weekday w (0 = Sunday) is a rest day */
    int nperiods;
    agencycal_period_t periods[AGENCYCAL_MAX_PERIODS];
    int day_minutes;
    bool compensate;

    agencycal_rule_t *rules;
    int nrules, caprules;
    const char *ids[AGENCYCAL_MAX_RULE_IDS]; /* distinct rule ids */
    int nids;
    agencycal_decision_t *decs;
    int ndecs, capdecs;
    agencycal_entry_t *entries;
    int nentries, capentries;
    agencycal_note_t *notes;
    int nnotes, capnotes;
    char **pool;
    int npool, cappool;

    /* built tables, AGENCYCAL_YEAR_MIN-01-01 .. AGENCYCAL_YEAR_MAX-12-31 */
    date_t first, last;
    int32_t ndays, nwork;
    uint8_t *flags; /* AGENCYCAL_F_* | reason << AGENCYCAL_F_REASON_SHIFT */
    uint16_t *note; /* 0 = none, else notes[note - 1] */
    int32_t *ord;   /* ndays + 1: working days before day i */
    date_t *nth;    /* nwork */
    uint8_t *year_prov;
    const char **year_ref;
};

#define AGENCYCAL_F_WORKING      0x01
#define AGENCYCAL_F_PROVISIONAL  0x02
#define AGENCYCAL_F_EXPLICIT     0x04
#define AGENCYCAL_F_REASON_SHIFT 4

/* Growable-array helper: ensures *cap >= need for elements of size sz. */
int agencycal_grow(void **p, int *cap, int need, size_t sz);
/* Copies s into the calendar's string pool; NULL on allocation failure. */
const char *agencycal_pool_dup(agencycal_t *c, const char *s);
/* Appends a note; returns its 1-based index or ERR_NOMEM / ERR_TOOLARGE. */
int agencycal_add_note(agencycal_t *c, agencycal_reason_t reason, const char *name,
                       const char *reference);
/* Rebuilds the day tables from the data; on failure the old tables stay. */
int agencycal_build(agencycal_t *c, err_t *e);

/* agencycal_json.c */
int agencycal_json_base(agencycal_t *c, const char *text, size_t n, err_t *e);
int agencycal_json_overlay(agencycal_t *c, const char *text, size_t n, err_t *e);

#endif
