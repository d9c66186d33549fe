/* remind_letter.h - the follow-up letter (công văn đôn đốc) as an official
 * document (domain/offdoc.h, ND 30/2020 layout), pure: from the issuer, the
 * number, the date, the units followed up and their overdue tasks.
 *
 * Layout: header (superior body, issuing body, "Số: 12/SNV-CCHC", "V/v đôn
 * đốc thực hiện nhiệm vụ cải cách hành chính năm 2024" - with " (lần N)"
 * when every task listed was already followed up N-1 times), Kính gửi the
 * units (more than REMIND_LETTER_TO_MAX: "Các cơ quan, đơn vị có tên tại
 * Phụ lục kèm theo"), the situation (how many overdue tasks, as of which
 * day; "đã đôn đốc lần N" when the tasks were followed up before), the
 * table (STT, task, unit, due date, working days overdue, times followed
 * up), what is asked and by when, the consequence, Nơi nhận ("Như trên",
 * the issuer's leaders, Lưu: VT, …) and the signature block. With more than
 * REMIND_LETTER_TO_MAX units the table goes into an appendix.
 *
 * Errors: ERR_INVALID "remind_letter.empty" (no item), "offdoc.*" (a text
 * the document model refuses), ERR_NOMEM. */
#ifndef CCHC_REMIND_LETTER_H
#define CCHC_REMIND_LETTER_H

#include "base/date.h"
#include "base/err.h"
#include "domain/offdoc.h"

#include <stdbool.h>
#include <stddef.h>

#define REMIND_LETTER_TO_MAX 6

typedef struct remind_letter_item {
    const char *unit;   /* the unit's name */
    const char *task;   /* the task's title */
    const char *ref;    /* "Nhiệm vụ 3, Kế hoạch CCHC năm 2024" (may be NULL) */
    const char *period; /* a periodic task's occurrence ("2024Q1"), NULL/"" otherwise */
    date_t due;
    int days_late; /* working days overdue on the letter's date */
    int round;     /* this letter is the round-th follow-up of the task (1 = first) */
} remind_letter_item_t;

typedef struct remind_letter {
    const char *superior;     /* "UBND tỉnh Vĩnh Long", NULL for none */
    const char *issuer;       /* "Sở Nội vụ" */
    const char *issuer_short; /* how the body names the issuer ("Sở Nội vụ") */
    int number;               /* 0 = left blank */
    const char *symbol;       /* "SNV-CCHC" */
    const char *place;        /* "Vĩnh Long" */
    date_t date;              /* the letter's date (the "as of" day too) */
    int year;                 /* the plan year in "năm …" */
    const char *const *units; /* the units followed up (Kính gửi), nunits */
    size_t nunits;
    const remind_letter_item_t *items; /* grouped by unit, in the order to print */
    size_t nitems;
    date_t reply_by;       /* the report asked for, by this day */
    const char *authority; /* "KT. GIÁM ĐỐC" */
    const char *title;     /* "PHÓ GIÁM ĐỐC" */
    const char *signer;    /* may be NULL */
    const char *archive;   /* "VT, CCHC" */
} remind_letter_t;

/* Builds the letter; *out (caller offdoc_free) on success. */
int remind_letter_build(const remind_letter_t *l, offdoc_t **out, err_t *e);

/* The lowest round among the items (the "lần N" of the summary line). */
int remind_letter_round(const remind_letter_t *l);

#endif
