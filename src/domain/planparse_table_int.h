/* planparse_table_int.h - private interface between the appendix-table
 * readers: real tables (planparse_table.c) and tables that came out as
 * paragraphs (planparse_flat.c). Not for use elsewhere. */
#ifndef CCHC_PLANPARSE_TABLE_INT_H
#define CCHC_PLANPARSE_TABLE_INT_H

#include "base/buf.h"
#include "domain/planparse_int.h"

enum col {
    COL_NONE = 0,
    COL_NO,
    COL_TITLE,
    COL_LEAD,
    COL_SUPPORT,
    COL_PRODUCT,
    COL_DEADLINE,
    COL_NOTE,
    COL_EXEC, /* "Cơ quan thực hiện" over "Chủ trì" / "Phối hợp" sub-columns */
    COL_COUNT
};

#define MAX_COLS PLANPARSE_MAX_COLS

typedef struct planparse_rowbuf {
    buf_t f[COL_COUNT];
    planparse_pos_t pos;
    bool used;
} planparse_rowbuf_t;

typedef struct planparse_tstate {
    planparse_ctx_t *c;
    planparse_area_t *area;
    int roles[MAX_COLS];
    int ncols;
    planparse_rowbuf_t cur;
    bool numbered; /* rows carry numbers */
    size_t emitted;
} planparse_tstate_t;

/* Role of a header cell's text (COL_NONE when it names no column). */
int planparse_table_col_role(const char *text);
bool planparse_table_has_role(const int *roles, int n, int r);
/* "1", "1.", "01", "2)", "1.2": a task number; the label without the
 * trailing punctuation goes to out. */
bool planparse_table_number(const char *s, char *out, size_t cap);
/* Appends text to the column role of the row (a '\n' between pieces). */
int planparse_table_rowbuf_add(planparse_rowbuf_t *rb, int role, const char *text);
void planparse_table_rowbuf_release(planparse_rowbuf_t *rb);
/* Emits the row being built as a task (if any) and clears it. */
int planparse_table_flush(planparse_tstate_t *ts);

#endif
