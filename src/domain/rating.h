/* rating.h - the applicant's rating of a dossier from the public lookup
 * (DOMAIN §5: không hài lòng / hài lòng / rất hài lòng, with optional
 * criteria), the second factor that identifies the applicant, and the
 * receipt code printed on the giấy tiếp nhận (docs/internals/citizens.md).
 *
 * Rules (rating_rules_t) come from a file "cchc-rating/1":
 *   {"format":"cchc-rating/1","version":"…","source":"…",
 *    "second_factor":"receipt"|"phone4"|"either",
 *    "comment_max":1000,
 *    "criteria":[{"code":"thoi_gian","label":"…","label_en":"…"},…]}
 * (at most RATING_CRITERIA_MAX criteria; codes [a-z0-9_]{1,24}, unique).
 * Missing keys keep the defaults (receipt code, no criteria, 1000 bytes).
 *
 * Receipt code: 8 symbols of the Crockford base-32 alphabet (no I, L, O,
 * U), shown as "XXXX-XXXX", made from the first 40 bits of a keyed hash of
 * the dossier code (the key and the hash live in app_rating.c: this file
 * only formats and compares). What an applicant types is normalised
 * (blanks and dashes dropped, capitals, O read as 0, I and L as 1).
 *
 * Pure: no I/O. Errors: ERR_INVALID "rating.rules", "rating.level",
 * "rating.criterion", "rating.comment". */
#ifndef CCHC_RATING_H
#define CCHC_RATING_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

#define RATING_CRITERIA_MAX  9
#define RATING_CODE_MAX      24
#define RATING_LABEL_MAX     240
#define RATING_RECEIPT_BYTES 5    /* hash bytes behind a receipt code */
#define RATING_RECEIPT_LEN   9    /* "XXXX-XXXX" */
#define RATING_RECEIPT_SYMS  8    /* symbols without the dash */
#define RATING_COMMENT_MAX   2000 /* fits the ledger note (APP_DOSSIER_NOTE_MAX) */

typedef enum rating_factor {
    RATING_FACTOR_RECEIPT = 1, /* the receipt code printed on the giấy tiếp nhận */
    RATING_FACTOR_PHONE4,      /* the last 4 digits of the phone number given at intake */
    RATING_FACTOR_EITHER       /* one of the two */
} rating_factor_t;

typedef struct rating_criterion {
    char code[RATING_CODE_MAX + 1];
    char label[RATING_LABEL_MAX + 1];
    char label_en[RATING_LABEL_MAX + 1];
} rating_criterion_t;

typedef struct rating_rules {
    rating_factor_t factor;
    int comment_max; /* bytes of the optional comment, 0..RATING_COMMENT_MAX */
    rating_criterion_t criteria[RATING_CRITERIA_MAX];
    size_t ncriteria;
    char version[32];
} rating_rules_t;

/* A submission: the overall level and any criteria the applicant rated. */
typedef struct rating_in {
    int level; /* 1 không hài lòng, 2 hài lòng, 3 rất hài lòng */
    const char *codes[RATING_CRITERIA_MAX];
    int levels[RATING_CRITERIA_MAX];
    size_t n;
    const char *comment; /* optional, NULL or "" when none */
} rating_in_t;

/* Receipt code, no criteria, comment_max 1000, version "default". */
void rating_rules_default(rating_rules_t *r);
/* Parses a rules file (see above); *out keeps the defaults on error. */
int rating_rules_parse(const char *text, size_t n, rating_rules_t *out, err_t *e);

/* "receipt", "phone4", "either"; parse: ERR_INVALID when unknown. */
const char *rating_factor_name(rating_factor_t f);
int rating_factor_parse(const char *s, rating_factor_t *out);

/* "Không hài lòng", "Hài lòng", "Rất hài lòng" (and English); "" otherwise. */
const char *rating_level_label_vi(int level);
const char *rating_level_label_en(int level);

/* The receipt code of RATING_RECEIPT_BYTES hash bytes: "XXXX-XXXX". */
void rating_receipt_format(const unsigned char mac[RATING_RECEIPT_BYTES],
                           char out[RATING_RECEIPT_LEN + 1]);
/* What an applicant typed as a receipt code, as 8 symbols (see above);
 * false when it is not 8 symbols of the alphabet. */
bool rating_receipt_normalize(const char *typed, char out[RATING_RECEIPT_SYMS + 1]);
/* Constant-time comparison of two normalised codes. */
bool rating_receipt_equal(const char *a, const char *b);
/* The last four digits of a phone number as typed ("0912 345 678" or
 * "5678": blanks, dots, dashes and a leading + allowed; at least 4 digits);
 * false otherwise. */
bool rating_phone4(const char *typed, char out[5]);

/* Checks a submission against the rules: level 1..3, criteria known and
 * not repeated, their levels 1..3, comment within comment_max and valid
 * UTF-8 without control characters other than line breaks. */
int rating_check(const rating_rules_t *r, const rating_in_t *in, err_t *e);

#endif
