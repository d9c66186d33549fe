#include "store/store_kpi.h"

#include <string.h>

#include "base/banned.h"

int store_kpi_state(store_t *s, store_kpi_state_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT key, value FROM ledger_meta WHERE key IN ('generation', "
                           "'kpi_token', 'kpi_token_gen')",
                           &st, e);
    if (rc)
        return rc;
    out->token_gen = -1;
    while (store_next(st, &rc, e)) {
        const char *k = store_col_text(st, 0);
        int64_t v = store_col_int(st, 1);
        if (!k)
            continue;
        if (strcmp(k, "generation") == 0)
            out->generation = v;
        else if (strcmp(k, "kpi_token") == 0)
            out->token = (uint64_t)v;
        else
            out->token_gen = v;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_kpi_set_token(store_t *s, uint64_t token, int64_t gen, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO ledger_meta (key, value) VALUES ('kpi_token', ?1), "
                           "('kpi_token_gen', ?2) ON CONFLICT (key) DO UPDATE SET "
                           "value = excluded.value",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, (int64_t)token);
    store_bind_int(st, 2, gen);
    rc = store_step(st, e);
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}
