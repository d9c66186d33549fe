#include "store/store_unit.h"

#include "base/mem.h"
#include "domain/unit_resolve.h"

#include <string.h>

#include "base/banned.h"

static const char *SQL_UNIT_UPSERT =
    "INSERT INTO unit (code, name, name_key, kind, parent_code, valid_from, valid_to, aliases) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (code, valid_from) DO UPDATE SET name = ?2, name_key = ?3, kind = ?4, "
    "parent_code = ?5, valid_to = ?7, aliases = ?8 RETURNING id";
static const char *SQL_ALIAS_DEL = "DELETE FROM unit_alias WHERE unit_id = ?1";
static const char *SQL_ALIAS_INS =
    "INSERT INTO unit_alias (unit_id, alias, key) VALUES (?1, ?2, ?3)";
static const char *SQL_LINK_UPSERT =
    "INSERT INTO unit_link (from_code, to_code, kind, on_date) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (from_code, to_code, kind) DO UPDATE SET on_date = ?4";

static int save_aliases(store_t *s, int64_t id, const unit_t *u, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, SQL_ALIAS_DEL, &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    rc = store_step(st, e);
    store_stmt_done(st);
    for (size_t i = 0; rc >= 0 && i < u->naliases; i++) {
        int krc;
        char *key = unit_resolve_name_key(u->aliases[i], &krc);
        if (!key)
            return err_nomem(e);
        rc = store_prepare(s, SQL_ALIAS_INS, &st, e);
        if (!rc) {
            store_bind_int(st, 1, id);
            store_bind_text(st, 2, u->aliases[i]);
            store_bind_text(st, 3, key);
            rc = store_step(st, e);
            store_stmt_done(st);
        }
        mem_free(key);
    }
    return rc < 0 ? rc : 0;
}

static char *join_aliases(const unit_t *u)
{
    size_t len = 1;
    for (size_t i = 0; i < u->naliases; i++)
        len += strlen(u->aliases[i]) + 1;
    char *out = mem_alloc(len);
    if (!out)
        return NULL;
    out[0] = '\0';
    size_t pos = 0;
    for (size_t i = 0; i < u->naliases; i++) {
        size_t n = strlen(u->aliases[i]);
        if (i)
            out[pos++] = ';';
        memcpy(out + pos, u->aliases[i], n);
        pos += n;
        out[pos] = '\0';
    }
    return out;
}

static int save_unit(store_t *s, const unit_t *u, err_t *e)
{
    int krc;
    char *key = unit_resolve_name_key(u->name, &krc);
    char *aliases = join_aliases(u);
    store_stmt_t *st;
    int rc = (!key || !aliases) ? err_nomem(e) : store_prepare(s, SQL_UNIT_UPSERT, &st, e);
    int64_t id = 0;
    if (!rc) {
        store_bind_text(st, 1, u->code);
        store_bind_text(st, 2, u->name);
        store_bind_text(st, 3, key);
        store_bind_text(st, 4, unit_kind_code(u->kind));
        store_bind_text(st, 5, u->parent);
        store_bind_date_open(st, 6, u->valid_from);
        store_bind_date_open(st, 7, u->valid_to);
        store_bind_text(st, 8, aliases);
        rc = store_step(st, e);
        if (rc == STORE_ROW)
            id = store_col_int(st, 0);
        store_stmt_done(st);
        rc = rc < 0 ? rc : 0;
    }
    mem_free(key);
    mem_free(aliases);
    return rc ? rc : save_aliases(s, id, u, e);
}

static int save_link(store_t *s, const unit_link_t *l, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, SQL_LINK_UPSERT, &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, l->from);
    store_bind_text(st, 2, l->to);
    store_bind_text(st, 3, unit_link_kind_code(l->kind));
    store_bind_date_open(st, 4, l->on);
    rc = store_step(st, e);
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_unit_save(store_t *s, const unit_set_t *in, err_t *e)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < in->n; i++)
        rc = save_unit(s, &in->units[i], e);
    for (size_t i = 0; !rc && i < in->nlinks; i++)
        rc = save_link(s, &in->links[i], e);
    return rc;
}

static int split_into(unit_t *u, const char *joined)
{
    size_t cap = 0;
    const char *p = joined ? joined : "";
    while (*p) {
        const char *q = strchr(p, ';');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        if (len) {
            if (MEM_GROW(u->aliases, cap, u->naliases + 1))
                return ERR_NOMEM;
            u->aliases[u->naliases] = mem_strndup(p, len);
            if (!u->aliases[u->naliases])
                return ERR_NOMEM;
            u->naliases++;
        }
        p += len + (q ? 1 : 0);
    }
    return 0;
}

static int load_units(store_t *s, unit_set_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT code, name, kind, parent_code, valid_from, valid_to, aliases "
                           "FROM unit ORDER BY id",
                           &st, e);
    if (rc)
        return rc;
    while (!rc && store_next(st, &rc, e)) {
        unit_t u = {0};
        u.code = (char *)store_col_text(st, 0);
        u.name = (char *)store_col_text(st, 1);
        unit_kind_parse(store_col_text(st, 2), &u.kind);
        u.parent = (char *)store_col_text(st, 3);
        u.valid_from = store_col_date(st, 4);
        u.valid_to = store_col_date(st, 5);
        rc = split_into(&u, store_col_text(st, 6)) ? err_nomem(e) : unit_set_add(out, &u, e);
        for (size_t i = 0; i < u.naliases; i++)
            mem_free(u.aliases[i]);
        mem_free(u.aliases);
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int load_links(store_t *s, unit_set_t *out, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT from_code, to_code, kind, on_date FROM unit_link ORDER BY id",
                           &st, e);
    if (rc)
        return rc;
    while (!rc && store_next(st, &rc, e)) {
        unit_link_t l = {0};
        l.from = (char *)store_col_text(st, 0);
        l.to = (char *)store_col_text(st, 1);
        unit_link_kind_parse(store_col_text(st, 2), &l.kind);
        l.on = store_col_date(st, 3);
        rc = unit_set_add_link(out, &l, e);
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int store_unit_load(store_t *s, unit_set_t *out, err_t *e)
{
    int rc = load_units(s, out, e);
    if (!rc)
        rc = load_links(s, out, e);
    if (!rc && unit_set_index(out))
        rc = err_nomem(e);
    return rc;
}

int store_unit_count(store_t *s, int64_t *count, err_t *e)
{
    return store_query_int(s, "SELECT COUNT(*) FROM unit", count, e);
}
