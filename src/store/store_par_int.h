/* store_par_int.h - column helpers shared by the PAR stores (store_par.c,
 * store_par_fw.c, store_par_sheet.c). */
#ifndef CCHC_STORE_PAR_INT_H
#define CCHC_STORE_PAR_INT_H

#include "store/store.h"

#include <stdint.h>

/* Binds a millipoint value, PAR_NONE (domain/par_score.h) as NULL. */
void store_par_bind_opt(store_stmt_t *st, int idx, int64_t v);
/* A nullable integer column, NULL as PAR_NONE. */
int64_t store_par_col_opt(store_stmt_t *st, int col);
/* A text column, NULL as "" (borrowed until the next step). */
const char *store_par_col_txt(store_stmt_t *st, int col);

#endif
