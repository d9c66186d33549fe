/* planedit.h - corrections to a parsed plan as data: a list of operations
 * applied in order to a planparse_plan_t (issue 14 item 3). The same list
 * corrects an import preview and a stored plan; it is stored with the plan.
 *
 * Addressing. A task is addressed by its index in the plan as it stands
 * when the operation runs (after the operations before it) plus, as a
 * check, its "no": when the op gives a no and the task at that index has
 * another, the op is refused ("planedit.mismatch": the document or the
 * preview changed). Targets are addressed by index alone.
 *
 * Operations (docs/internals/plan_edits.md):
 *   SET_TASK     set one or more fields of task [index]
 *   SET_TARGET   set one or more fields of target [index]
 *   SPLIT        task [index] becomes several: at byte offset `offset` of
 *                its title (on a UTF-8 boundary, both parts non-blank), or
 *                into the given titles (>= 2); every other field copied;
 *                the first part keeps the no, the others get "<no>-2", …
 *   MERGE        task [index2] (default index+1) is merged into [index]:
 *                titles joined with a space, details with '\n', parties
 *                united (same text once), product/deadline kept from
 *                [index] when it has them; [index2] removed
 *   DELETE_TASK, DELETE_TARGET   remove [index]
 *   ADD_TASK     a new task inserted before [index] (index == ntasks:
 *                appended) from `fields` (a title is required; no default:
 *                one more than the largest leading number of the plan)
 *   ADD_TARGET   a new target inserted likewise (text and indicator
 *                default to "" and "other")
 *   MOVE         tasks [index..to] get area `area` (their order is kept)
 * Fields (planedit_field_id_t): task no, area (code of planparse_area_code),
 * title (non-blank), lead and support (a list of parties: text and an
 * optional unit code, which the caller checks against the registry;
 * setting a lead clears lead_default), deadline (text re-parsed with the
 * plan year; an unparsed text is kept with no schedule, as the parser
 * does), product, detail (NULL or "" clears); target area, indicator
 * (planparse_indicators), op (planparse_op_parse), value and value_max
 * (decimal numbers as text), unit, text.
 *
 * Atomicity: planedit_apply (planedit_apply.h) works on a copy; on any error the input is
 * untouched and nothing of the list is applied. Errors are ERR_INVALID
 * with codes "planedit.index", "planedit.mismatch", "planedit.field",
 * "planedit.value", "planedit.split", "planedit.merge", "planedit.title",
 * and a message naming the op's index ("Thao tác 3: …" / "Edit 3: …",
 * 0-based), or ERR_NOMEM.
 *
 * Pure: no I/O, no globals. The list owns all its strings. */
#ifndef CCHC_PLANEDIT_H
#define CCHC_PLANEDIT_H

#include "base/err.h"
#include "domain/planparse.h"

#include <stdbool.h>
#include <stddef.h>

/* Largest number of operations in one list, and of fields, parties and
 * split titles in one operation. */
#define PLANEDIT_MAX_OPS   10000
#define PLANEDIT_MAX_ITEMS 64
#define PLANEDIT_MAX_TEXT  (16u << 10) /* bytes of one field value */
/* ADD_TASK / ADD_TARGET index meaning "at the end". */
#define PLANEDIT_APPEND ((size_t)-1)
/* Version of the stored edit format (plan_edit.format). */
#define PLANEDIT_FORMAT 1

typedef enum planedit_kind {
    PLANEDIT_SET_TASK = 1,
    PLANEDIT_SET_TARGET,
    PLANEDIT_SPLIT,
    PLANEDIT_MERGE,
    PLANEDIT_DELETE_TASK,
    PLANEDIT_DELETE_TARGET,
    PLANEDIT_ADD_TASK,
    PLANEDIT_ADD_TARGET,
    PLANEDIT_MOVE
} planedit_kind_t;

typedef enum planedit_field_id {
    PLANEDIT_F_NO = 1,
    PLANEDIT_F_AREA,
    PLANEDIT_F_TITLE,
    PLANEDIT_F_LEAD,
    PLANEDIT_F_SUPPORT,
    PLANEDIT_F_DEADLINE,
    PLANEDIT_F_PRODUCT,
    PLANEDIT_F_DETAIL,
    /* targets (area is shared) */
    PLANEDIT_F_INDICATOR,
    PLANEDIT_F_OP,
    PLANEDIT_F_VALUE,
    PLANEDIT_F_VALUE_MAX,
    PLANEDIT_F_UNIT,
    PLANEDIT_F_TEXT
} planedit_field_id_t;

typedef struct planedit_party {
    char *text; /* as written (required) */
    char *unit; /* chosen unit code, or NULL */
} planedit_party_t;

typedef struct planedit_field {
    planedit_field_id_t id;
    char *text; /* the value (NULL clears an optional field); unused for lead/support */
    planedit_party_t *parties; /* lead/support */
    size_t nparties;
} planedit_field_t;

typedef struct planedit_op {
    planedit_kind_t kind;
    size_t index;  /* task or target index (insert position for ADD_*) */
    char *no;      /* expected no of task [index] (NULL: unchecked) */
    size_t index2; /* MERGE: the other task (valid when has_index2) */
    bool has_index2;
    char *no2;             /* MERGE: expected no of [index2] (NULL: unchecked) */
    size_t to;             /* MOVE: last index (inclusive) */
    planparse_area_t area; /* MOVE: the new area */
    size_t offset;         /* SPLIT at a byte offset of the title (when ntitles == 0) */
    char **titles;         /* SPLIT into these titles */
    size_t ntitles;
    planedit_field_t *fields; /* SET_*, ADD_* */
    size_t nfields;
} planedit_op_t;

typedef struct planedit_list {
    planedit_op_t *ops;
    size_t n, cap;
} planedit_list_t;

void planedit_list_init(planedit_list_t *l);
void planedit_list_release(planedit_list_t *l); /* frees every op; l is empty again */
/* Appends a zeroed op of kind k; *out (borrowed until the next append or
 * release) is it. ERR_NOMEM; ERR_RANGE "planedit.too_many" past
 * PLANEDIT_MAX_OPS. */
int planedit_list_add(planedit_list_t *l, planedit_kind_t k, planedit_op_t **out, err_t *e);
/* Appends a field (text copied, may be NULL); *out borrowed like above.
 * ERR_NOMEM, ERR_RANGE "planedit.too_many". */
int planedit_op_add_field(planedit_op_t *op, planedit_field_id_t id, const char *text,
                          planedit_field_t **out, err_t *e);
/* Appends a party (copied; unit may be NULL) / a split title. */
int planedit_field_add_party(planedit_field_t *f, const char *text, const char *unit, err_t *e);
int planedit_op_add_title(planedit_op_t *op, const char *title, err_t *e);
/* Copies a string into an op slot (op->no, op->no2): frees the old one. */
int planedit_set_str(char **slot, const char *s, err_t *e);

/* Names: "set_task", …, "move" / "no", "area", "title", "lead", … and back
 * (ERR_INVALID when unknown, NULL for a bad value). */
const char *planedit_kind_name(planedit_kind_t k);
int planedit_kind_parse(const char *s, planedit_kind_t *out);
const char *planedit_field_name(planedit_field_id_t f);
int planedit_field_parse(const char *s, planedit_field_id_t *out);
/* Whether field f may be set on a task (else on a target). */
bool planedit_field_is_task(planedit_field_id_t f);

/* A deep copy of p (caller planparse_plan_free), or NULL on ERR_NOMEM. */
planparse_plan_t *planedit_plan_copy(const planparse_plan_t *p);

#endif
