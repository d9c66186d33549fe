/* procedure.h - the catalogue of administrative procedures (thủ tục hành
 * chính, TTHC): code, name, field, time allowance, online level, fee and
 * online payment, publication; and which units provide them (many-to-many,
 * effective-dated).
 *
 * A procedure_set_t owns deep copies of everything added to it; lookups by
 * code are O(1) (an index maintained on add). Pure: no I/O. Errors: ERR_INVALID with codes
 * "procedure.code", "procedure.name", "procedure.allowance",
 * "procedure.duplicate", "procedure.link"; ERR_NOMEM. */
#ifndef CCHC_PROCEDURE_H
#define CCHC_PROCEDURE_H

#include "base/date.h"
#include "base/err.h"
#include "domain/dossier_keymap.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PROCEDURE_CODE_MAX 64

typedef enum procedure_time_unit {
    PROCEDURE_WORKING_DAYS = 0, /* ngay_lam_viec */
    PROCEDURE_WORKING_HOURS,    /* gio_lam_viec */
    PROCEDURE_DAYS              /* ngay (calendar days) */
} procedure_time_unit_t;

typedef enum procedure_level {
    PROCEDURE_LEVEL_NONE = 0, /* khong: not an online public service */
    PROCEDURE_LEVEL_PARTIAL,  /* mot_phan */
    PROCEDURE_LEVEL_FULL      /* toan_trinh */
} procedure_level_t;

typedef struct procedure {
    char *code;
    char *name;
    char *field; /* LinhVuc, "" when absent */
    int64_t allowance;
    procedure_time_unit_t unit;
    procedure_level_t level;
    bool full_online_eligible; /* DuDieuKienToanTrinh */
    bool fee;                  /* CoPhi */
    bool online_payment;       /* ThanhToanTrucTuyen */
    bool published;            /* CongKhai */
    int cutoff_minute;         /* "after HH:MM counts from the next working day"; -1 none */
    int line;                  /* source line, 0 = unknown */
} procedure_t;

/* A unit provides a procedure over [valid_from, valid_to] (DATE_NONE = open). */
typedef struct procedure_link {
    char *procedure;
    char *unit;
    date_t valid_from;
    date_t valid_to;
    int line;
} procedure_link_t;

typedef struct procedure_set {
    procedure_t *items;
    size_t n, cap;
    procedure_link_t *links;
    size_t nlinks, linkcap;
    dossier_keymap_t index; /* code -> position in items */
} procedure_set_t;

/* "ngay_lam_viec" | "gio_lam_viec" | "ngay" (also "working_days",
 * "working_hours", "days"). Returns 0 or ERR_INVALID. */
int procedure_time_unit_parse(const char *s, procedure_time_unit_t *out);
const char *procedure_time_unit_code(procedure_time_unit_t u);
/* "toan_trinh" | "mot_phan" | "khong" (also "full", "partial", "none"). */
int procedure_level_parse(const char *s, procedure_level_t *out);
const char *procedure_level_code(procedure_level_t l);

/* Checks one procedure: non-empty code (<= PROCEDURE_CODE_MAX bytes, no
 * spaces) and name, allowance >= 0 (at most 3650), cutoff in 0..1439 or -1. */
int procedure_check(const procedure_t *p, err_t *e);

void procedure_set_init(procedure_set_t *s);
void procedure_set_release(procedure_set_t *s);
/* Deep-copies p; a code already present is replaced (the later row wins). */
int procedure_set_add(procedure_set_t *s, const procedure_t *p, err_t *e);
int procedure_set_add_link(procedure_set_t *s, const procedure_link_t *l, err_t *e);
/* Position of code in items, or -1. */
long procedure_set_find(const procedure_set_t *s, const char *code);

/* Whether unit provides procedure p at date `at` (DATE_NONE = at any time). */
bool procedure_link_valid_at(const procedure_link_t *l, date_t at);

#endif
