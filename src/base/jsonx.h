/* jsonx.h - small helpers over jansson (module prefix jsonx_ to stay out of
 * jansson's json_ namespace).
 *
 * Getters borrow from the object and return a default when the key is
 * absent or of the wrong type. Setters steal nothing: they copy. Parsing
 * normalises nothing; callers NFC-normalise strings they store. */
#ifndef CCHC_JSONX_H
#define CCHC_JSONX_H

#include "date.h"
#include "dtime.h"
#include "err.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

const char *jsonx_str(const json_t *obj, const char *key, const char *def);
long long jsonx_int(const json_t *obj, const char *key, long long def);
bool jsonx_bool(const json_t *obj, const char *key, bool def);

/* Typed required getters: fill e ("json.field_missing"/"json.field_type") and
 * return ERR_INVALID when absent or mistyped. */
int jsonx_req_str(const json_t *obj, const char *key, const char **out, err_t *e);
int jsonx_req_int(const json_t *obj, const char *key, long long *out, err_t *e);

/* Setters: return 0 or ERR_NOMEM. A NULL string sets JSON null. */
int jsonx_set_str(json_t *obj, const char *key, const char *val);
int jsonx_set_int(json_t *obj, const char *key, long long val);
int jsonx_set_bool(json_t *obj, const char *key, bool val);
int jsonx_set_new(json_t *obj, const char *key, json_t *val); /* steals val, even on error */
/* Sets a reference to val (NULL sets null): val stays the caller's too. */
int jsonx_set(json_t *obj, const char *key, json_t *val);
/* "YYYY-MM-DDTHH:MM:SS" / "YYYY-MM-DD", null for DTIME_NONE / DATE_NONE. */
int jsonx_set_time(json_t *obj, const char *key, dtime_t t);
int jsonx_set_date(json_t *obj, const char *key, date_t d);

/* Parses text of length n into a JSON value (caller json_decref). Fails with
 * ERR_INVALID and a message with line and column. */
json_t *jsonx_parse(const char *text, size_t n, err_t *e);

/* Compact serialisation, keys in insertion order, UTF-8 kept as is.
 * Caller frees with free() (jansson's allocator). */
char *jsonx_dump(const json_t *v);

/* {"error":{"code":...,"message":...,"message_en":...}} for an err_t. */
json_t *jsonx_error(const err_t *e);

#endif
