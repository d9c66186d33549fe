/* store_survey.h - persistence of surveys (migration 0031_surveys): forms
 * as imported, survey runs (a form for a unit and a period, with its public
 * token and rule), and responses (answers and demographics encoded by
 * survey_answers_encode).
 *
 * Writes run inside the caller's transaction. Errors: store.h's ("db.*");
 * ERR_CONFLICT "survey.duplicate" (a run of the same form, unit and period),
 * "survey.device" / "survey.dossier" (a second response from one device or
 * for one dossier); ERR_NOTFOUND "survey.not_found", "survey.form_not_found". */
#ifndef CCHC_STORE_SURVEY_H
#define CCHC_STORE_SURVEY_H

#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct store_survey_form_row {
    int64_t id;
    char code[32], version[32];
    char *title; /* owned (store_survey_form_row_release) */
    char *body;  /* owned: the form's JSON as imported */
    char sha256[65];
    char imported_at[20], imported_by[65];
} store_survey_form_row_t;
void store_survey_form_row_release(store_survey_form_row_t *r);

/* Inserts a form; *id gets its id. When the same bytes (sha256) were
 * imported before, *id is that form's and *created false. A different form
 * with the same code and version: ERR_CONFLICT "survey.form_version". */
MUST_CHECK int store_survey_form_insert(store_t *s, const store_survey_form_row_t *in, int64_t *id,
                                        bool *created, err_t *e);
MUST_CHECK int store_survey_form_get(store_t *s, int64_t id, store_survey_form_row_t *out,
                                     err_t *e);
/* Calls fn for every form (newest first); title and body borrowed. */
typedef int (*store_survey_form_fn)(void *ctx, const store_survey_form_row_t *r);
MUST_CHECK int store_survey_forms(store_t *s, store_survey_form_fn fn, void *ctx, err_t *e);

typedef struct store_survey_row {
    int64_t id, form_id;
    char unit[65], period[16], from[11], to[11];
    char token[33], rule[8], state[8];
    char created_at[20], created_by[65];
    int64_t responses; /* filled by store_survey_get / store_survey_list */
} store_survey_row_t;

MUST_CHECK int store_survey_insert(store_t *s, const store_survey_row_t *in, int64_t *id, err_t *e);
/* By id (token NULL) or by token (id 0). */
MUST_CHECK int store_survey_get(store_t *s, int64_t id, const char *token, store_survey_row_t *out,
                                err_t *e);
typedef int (*store_survey_fn)(void *ctx, const store_survey_row_t *r);
/* Every run, of unit when not NULL, newest first. */
MUST_CHECK int store_survey_list(store_t *s, const char *unit, store_survey_fn fn, void *ctx,
                                 err_t *e);
MUST_CHECK int store_survey_set(store_t *s, int64_t id, const char *state, const char *rule,
                                err_t *e);

typedef struct store_survey_response {
    const char *source;  /* "web" | "paper" */
    const char *device;  /* SHA-256 hex of the device token, or NULL */
    const char *dossier; /* or NULL */
    const char *batch;   /* paper: the file name, or NULL */
    const char *answers, *demo;
    dtime_t at;
} store_survey_response_t;

MUST_CHECK int store_survey_response_add(store_t *s, int64_t survey,
                                         const store_survey_response_t *r, err_t *e);
/* Calls fn(ctx, answers, demo) for every response of a survey. */
typedef int (*store_survey_response_fn)(void *ctx, const char *answers, const char *demo);
MUST_CHECK int store_survey_responses(store_t *s, int64_t survey, store_survey_response_fn fn,
                                      void *ctx, err_t *e);

#endif
