/* store_procedure.c - the procedure catalogue (store_procedure.h). */
#include "store/store_procedure.h"

#include <string.h>

#include "base/banned.h"

#define PROC_COLS                                                                                  \
    "code, name, field, allowance, allowance_unit, level, full_online_eligible, fee, "             \
    "online_payment, published, cutoff_minute"

/* Reads a row selected with PROC_COLS; the strings are borrowed from the row. */
static void read_procedure(store_stmt_t *st, procedure_t *p)
{
    memset(p, 0, sizeof *p);
    p->code = (char *)store_col_text(st, 0);
    p->name = (char *)store_col_text(st, 1);
    p->field = (char *)store_col_text(st, 2);
    p->allowance = store_col_int(st, 3);
    procedure_time_unit_parse(store_col_text(st, 4), &p->unit);
    procedure_level_parse(store_col_text(st, 5), &p->level);
    p->full_online_eligible = store_col_int(st, 6) != 0;
    p->fee = store_col_int(st, 7) != 0;
    p->online_payment = store_col_int(st, 8) != 0;
    p->published = store_col_int(st, 9) != 0;
    p->cutoff_minute = (int)store_col_int(st, 10);
}

static int save_procedure(store_t *s, const procedure_t *p, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(
        s,
        "INSERT INTO procedure (code, name, field, allowance, allowance_unit, level, "
        "full_online_eligible, fee, online_payment, published, cutoff_minute, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, CURRENT_TIMESTAMP) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, field = excluded.field, "
        "allowance = excluded.allowance, allowance_unit = excluded.allowance_unit, "
        "level = excluded.level, full_online_eligible = excluded.full_online_eligible, "
        "fee = excluded.fee, online_payment = excluded.online_payment, "
        "published = excluded.published, cutoff_minute = excluded.cutoff_minute, "
        "updated_at = excluded.updated_at",
        &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, p->code);
    store_bind_text(st, 2, p->name);
    store_bind_text(st, 3, p->field ? p->field : "");
    store_bind_int(st, 4, p->allowance);
    store_bind_text(st, 5, procedure_time_unit_code(p->unit));
    store_bind_text(st, 6, procedure_level_code(p->level));
    store_bind_int(st, 7, p->full_online_eligible);
    store_bind_int(st, 8, p->fee);
    store_bind_int(st, 9, p->online_payment);
    store_bind_int(st, 10, p->published);
    store_bind_int(st, 11, p->cutoff_minute);
    return store_run(st, e);
}

static bool has_links(const procedure_set_t *in, const char *code)
{
    for (size_t i = 0; i < in->nlinks; i++)
        if (strcmp(in->links[i].procedure, code) == 0)
            return true;
    return false;
}

int store_procedure_save_all(store_t *s, const procedure_set_t *in, err_t *e)
{
    int rc = 0;
    store_stmt_t *st;
    for (size_t i = 0; !rc && i < in->n; i++) {
        rc = save_procedure(s, &in->items[i], e);
        if (!rc && has_links(in, in->items[i].code)) {
            rc = store_prepare(s, "DELETE FROM procedure_unit WHERE procedure_code = ?1", &st, e);
            if (!rc) {
                store_bind_text(st, 1, in->items[i].code);
                rc = store_run(st, e);
            }
        }
    }
    for (size_t i = 0; !rc && i < in->nlinks; i++) {
        const procedure_link_t *l = &in->links[i];
        rc = store_prepare(s,
                           "INSERT INTO procedure_unit (procedure_code, unit_code, valid_from, "
                           "valid_to) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (procedure_code, "
                           "unit_code, valid_from) DO UPDATE SET valid_to = excluded.valid_to",
                           &st, e);
        if (!rc) {
            store_bind_text(st, 1, l->procedure);
            store_bind_text(st, 2, l->unit);
            store_bind_date_open(st, 3, l->valid_from);
            store_bind_date_open(st, 4, l->valid_to);
            rc = store_run(st, e);
        }
    }
    return rc;
}

int store_procedure_load_all(store_t *s, procedure_set_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT " PROC_COLS " FROM procedure ORDER BY id", &st, e);
    if (rc)
        return rc;
    while (store_next(st, &rc, e)) {
        procedure_t p;
        read_procedure(st, &p);
        rc = procedure_set_add(out, &p, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    if (rc < 0)
        return rc;
    rc = store_prepare(s,
                       "SELECT procedure_code, unit_code, valid_from, valid_to FROM "
                       "procedure_unit ORDER BY procedure_code, unit_code, valid_from",
                       &st, e);
    if (rc)
        return rc;
    while (store_next(st, &rc, e)) {
        procedure_link_t l = {(char *)store_col_text(st, 0), (char *)store_col_text(st, 1),
                              store_col_date(st, 2), store_col_date(st, 3), 0};
        rc = procedure_set_add_link(out, &l, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_procedure_get(store_t *s, const char *code, procedure_set_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT " PROC_COLS " FROM procedure WHERE code = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, code);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        procedure_t p;
        read_procedure(st, &p);
        rc = procedure_set_add(out, &p, e);
        rc = rc ? rc : STORE_FOUND;
    }
    store_stmt_done(st);
    return rc;
}
