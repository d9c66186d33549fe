/* survey.h - satisfaction surveys (SIPAS-style; DOMAIN §8, issue 18 item 3):
 * a questionnaire as versioned data, answers, tallies and indices
 * (docs/internals/citizens.md).
 *
 * A form ("cchc-survey/1", data/surveys/sipas-*.json):
 *   {"format":"cchc-survey/1","code":"sipas","version":"2025.1",
 *    "title":"…","title_en":"…","source":"…",
 *    "scale":{"points":5,"satisfied_min":4,"labels":[…5],"labels_en":[…5]},
 *    "rule":"share"|"mean",
 *    "components":[{"code","name","name_en"}],          (optional)
 *    "groups":[{"code","name","name_en","component"?,
 *               "items":[{"code","text","text_en"}]}],
 *    "demographics":[{"code","text","text_en","options":[{"code","label","label_en"}]}],
 *    "par":[{"criterion":"8.1.1","index":"overall"|"group:CODE"|"component:CODE"}]}
 * Codes are [A-Za-z0-9_.-]{1,24}, unique within their kind (items across
 * groups); a criterion appears once in "par". Points 3..7, satisfied_min
 * 2..points.
 *
 * Indices, in percent, for a rule:
 *   share  item = answers >= satisfied_min / answers × 100
 *   mean   item = mean score / points × 100
 *   group = arithmetic mean of its items' indices (items without answers
 *   left out); component = mean of its groups' indices; overall = mean of
 *   the components' indices when the form has components, else of the
 *   groups'. An index without any answer beneath it is absent.
 *
 * Pure: no I/O, no globals. Errors: ERR_INVALID "survey.form" (the message
 * names the field), "survey.answer" (an unknown item or demographic code, a
 * score outside the scale, an unknown option, nothing answered). */
#ifndef CCHC_SURVEY_H
#define CCHC_SURVEY_H

#include "base/buf.h"
#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SURVEY_CODE_MAX       24
#define SURVEY_TEXT_MAX       400
#define SURVEY_ITEMS_MAX      80
#define SURVEY_GROUPS_MAX     16
#define SURVEY_COMPONENTS_MAX 4
#define SURVEY_DEMOS_MAX      10
#define SURVEY_OPTIONS_MAX    12
#define SURVEY_PAR_MAX        8
#define SURVEY_POINTS_MAX     7

typedef enum survey_rule { SURVEY_RULE_SHARE = 1, SURVEY_RULE_MEAN } survey_rule_t;

typedef struct survey_label {
    char code[SURVEY_CODE_MAX + 1];
    char text[SURVEY_TEXT_MAX + 1];
    char text_en[SURVEY_TEXT_MAX + 1];
} survey_label_t;

typedef struct survey_item {
    survey_label_t l;
    int group; /* index into groups */
} survey_item_t;

typedef struct survey_group {
    survey_label_t l;
    int component; /* index into components, -1 when none */
} survey_group_t;

typedef struct survey_demo {
    survey_label_t l;
    survey_label_t options[SURVEY_OPTIONS_MAX];
    size_t noptions;
} survey_demo_t;

typedef struct survey_par {
    char criterion[SURVEY_CODE_MAX + 1];
    char index[SURVEY_CODE_MAX + 16]; /* "overall", "group:X", "component:X" */
} survey_par_t;

typedef struct survey_form {
    char code[SURVEY_CODE_MAX + 1], version[SURVEY_CODE_MAX + 1];
    char title[SURVEY_TEXT_MAX + 1], title_en[SURVEY_TEXT_MAX + 1];
    int points, satisfied_min;
    survey_rule_t rule;
    survey_label_t components[SURVEY_COMPONENTS_MAX];
    size_t ncomponents;
    survey_group_t groups[SURVEY_GROUPS_MAX];
    size_t ngroups;
    survey_item_t items[SURVEY_ITEMS_MAX];
    size_t nitems;
    survey_demo_t demos[SURVEY_DEMOS_MAX];
    size_t ndemos;
    survey_par_t par[SURVEY_PAR_MAX];
    size_t npar;
} survey_form_t;

/* One filled form: score[i] 1..points for item i, 0 = not answered;
 * demo[d] 1 + the option's index, 0 = not answered. */
typedef struct survey_answers {
    unsigned char score[SURVEY_ITEMS_MAX];
    unsigned char demo[SURVEY_DEMOS_MAX];
} survey_answers_t;

/* Parses and validates a form; *out is a large value (allocate it). */
int survey_form_parse(const char *text, size_t n, survey_form_t *out, err_t *e);

/* "share" / "mean"; parse: ERR_INVALID when unknown. */
const char *survey_rule_name(survey_rule_t r);
int survey_rule_parse(const char *s, survey_rule_t *out);

/* Index of the item / demographic question / its option with that code,
 * or -1. */
int survey_item_find(const survey_form_t *f, const char *code);
int survey_demo_find(const survey_form_t *f, const char *code);
int survey_option_find(const survey_demo_t *d, const char *code);

/* Sets an answer by code: item with a score "1".."points" (or "" = none),
 * or a demographic question with an option code. */
int survey_answer_set(const survey_form_t *f, survey_answers_t *a, const char *code,
                      const char *value, err_t *e);
/* ERR_INVALID "survey.answer" when no item is answered. */
int survey_answers_check(const survey_form_t *f, const survey_answers_t *a, err_t *e);

/* Stored forms: answers "ITEM=5;ITEM=4" (answered items, form order) and
 * demographics "QUESTION=option;…" appended to out (NUL-terminated). */
int survey_answers_encode(const survey_form_t *f, const survey_answers_t *a, buf_t *answers,
                          buf_t *demo);
/* The reverse; codes the form no longer has are an error. */
int survey_answers_decode(const survey_form_t *f, const char *answers, const char *demo,
                          survey_answers_t *out, err_t *e);

/* Counts of every score per item and every option per question. */
typedef struct survey_tally {
    int64_t responses;
    int64_t score[SURVEY_ITEMS_MAX][SURVEY_POINTS_MAX + 1];
    int64_t demo[SURVEY_DEMOS_MAX][SURVEY_OPTIONS_MAX + 1]; /* [0] = not answered */
} survey_tally_t;

void survey_tally_init(survey_tally_t *t);
void survey_tally_add(const survey_form_t *f, survey_tally_t *t, const survey_answers_t *a);

typedef struct survey_index {
    bool has;     /* some answer beneath it */
    double value; /* percent, unrounded */
    int64_t n;    /* answers beneath it */
} survey_index_t;

typedef struct survey_result {
    survey_rule_t rule;
    survey_index_t item[SURVEY_ITEMS_MAX];
    double mean[SURVEY_ITEMS_MAX];       /* mean score per item (0 without answers) */
    int64_t satisfied[SURVEY_ITEMS_MAX]; /* answers >= satisfied_min */
    survey_index_t group[SURVEY_GROUPS_MAX];
    survey_index_t component[SURVEY_COMPONENTS_MAX];
    survey_index_t overall;
} survey_result_t;

/* The indices of a tally under rule (see above). */
void survey_result_compute(const survey_form_t *f, const survey_tally_t *t, survey_rule_t rule,
                           survey_result_t *out);

/* The index a PAR mapping names ("overall", "group:X", "component:X"):
 * NULL when the name is unknown. */
const survey_index_t *survey_result_index(const survey_form_t *f, const survey_result_t *r,
                                          const char *name);

#endif
