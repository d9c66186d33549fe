/* store_pg_sql.c - the one place where portable SQL becomes PostgreSQL SQL. */
#include "store/store_pg_int.h"

#include "base/buf.h"
#include "base/mem.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"

#define SQL_MAX (1u << 20) /* the largest statement: migrations are ~10 KiB */

/* CURRENT_TIMESTAMP as SQLite writes it: UTC, "YYYY-MM-DD HH:MM:SS". */
static const char now_text[] =
    "to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')";

#define AGG_MAX 8 /* nested group_concat calls followed at once */

typedef struct tr {
    buf_t out;
    int depth;             /* parenthesis depth */
    int agg[AGG_MAX];      /* depth just inside each open group_concat( */
    bool agg_sep[AGG_MAX]; /* its separator argument started */
    int nagg;
    int next_anon; /* numbering of bare '?' */
    int maxp;
} tr_t;

static bool ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Whether the word at p (length n, case-insensitive) stands alone. */
static bool word_at(const char *sql, const char *p, const char *word)
{
    size_t n = strlen(word);
    if (strncasecmp(p, word, n) != 0 || ident_char(p[n]))
        return false;
    return p == sql || !ident_char(p[-1]);
}

/* Copies a quoted run ('...' or "...", doubled quotes inside) or a comment
 * starting at p; returns the position after it. */
static const char *copy_skipped(tr_t *t, const char *p, int *rc)
{
    const char *q = p;
    if (*p == '\'' || *p == '"') {
        char quote = *p;
        q++;
        while (*q) {
            if (*q == quote && q[1] == quote)
                q += 2;
            else if (*q == quote)
                break;
            else
                q++;
        }
        if (*q)
            q++;
    } else if (p[0] == '-' && p[1] == '-') {
        while (*q && *q != '\n')
            q++;
    } else { /* C comment */
        const char *end = strstr(p + 2, "*/");
        q = end ? end + 2 : p + strlen(p);
    }
    if (!*rc)
        *rc = buf_append(&t->out, p, (size_t)(q - p));
    return q;
}

static const char *placeholder(tr_t *t, const char *p, int *rc)
{
    const char *q = p + 1;
    long n = 0;
    while (isdigit((unsigned char)*q) && n < 100000)
        n = n * 10 + (*q++ - '0');
    if (q == p + 1)
        n = ++t->next_anon;
    if (n < 1 || n > STORE_PG_PARAMS_MAX) {
        *rc = ERR_INVALID;
        return q;
    }
    if (n > t->maxp)
        t->maxp = (int)n;
    if (!*rc)
        *rc = buf_printf(&t->out, "$%ld", n);
    return q;
}

/* group_concat(x[, sep]) -> string_agg(CAST((x) AS TEXT), sep or ','). */
static const char *agg_open(tr_t *t, const char *p, int *rc)
{
    const char *q = p + strlen("group_concat");
    while (*q == ' ')
        q++;
    if (*q != '(' || t->nagg == AGG_MAX) {
        if (!*rc)
            *rc = buf_append(&t->out, p, (size_t)(q - p));
        return q;
    }
    t->depth++;
    t->agg[t->nagg] = t->depth;
    t->agg_sep[t->nagg++] = false;
    if (!*rc)
        *rc = buf_puts(&t->out, "string_agg(CAST((");
    return q + 1;
}

static void punct(tr_t *t, char c, int *rc)
{
    bool in_agg = t->nagg && t->agg[t->nagg - 1] == t->depth;
    if (c == '(') {
        t->depth++;
    } else if (c == ',' && in_agg && !t->agg_sep[t->nagg - 1]) {
        t->agg_sep[t->nagg - 1] = true;
        if (!*rc)
            *rc = buf_puts(&t->out, ") AS TEXT), ");
        return;
    } else if (c == ')') {
        t->depth--;
        if (in_agg) {
            bool sep = t->agg_sep[--t->nagg];
            if (!*rc)
                *rc = buf_puts(&t->out, sep ? ")" : ") AS TEXT), ',')");
            return;
        }
    }
    if (!*rc)
        *rc = buf_putc(&t->out, c);
}

int store_pg_sql_translate(const char *sql, char **out, int *nparams, err_t *e)
{
    tr_t t;
    memset(&t, 0, sizeof t);
    buf_init(&t.out, SQL_MAX);
    *out = NULL;
    int rc = 0;
    const char *p = sql;
    while (*p && !rc) {
        if (*p == '\'' || *p == '"' || (p[0] == '-' && p[1] == '-') ||
            (p[0] == '/' && p[1] == '*')) {
            p = copy_skipped(&t, p, &rc);
        } else if (*p == '?') {
            p = placeholder(&t, p, &rc);
        } else if (word_at(sql, p, "CURRENT_TIMESTAMP")) {
            rc = buf_puts(&t.out, now_text);
            p += strlen("CURRENT_TIMESTAMP");
        } else if (word_at(sql, p, "group_concat")) {
            p = agg_open(&t, p, &rc);
        } else if (word_at(sql, p, "ifnull")) {
            rc = buf_puts(&t.out, "coalesce");
            p += strlen("ifnull");
        } else if (*p == '(' || *p == ')' || *p == ',') {
            punct(&t, *p++, &rc);
        } else {
            const char *q = p + 1;
            while (*q && ident_char(*q) && ident_char(*p))
                q++;
            rc = buf_append(&t.out, p, (size_t)(q - p));
            p = q;
        }
    }
    if (!rc && !t.out.data)
        rc = buf_putc(&t.out, ' ');
    if (rc == ERR_INVALID)
        err_set(e, ERR_INVALID, "db.param", "Tham số SQL không hợp lệ (chỉ ?1 đến ?%d)",
                "Invalid SQL parameter (only ?1 to ?%d)", STORE_PG_PARAMS_MAX);
    else if (rc == ERR_NOMEM)
        err_nomem(e);
    else if (rc)
        err_set(e, rc, "db.sql_size", "Câu lệnh SQL quá dài", "SQL statement too long");
    if (rc) {
        buf_release(&t.out);
        return rc;
    }
    *nparams = t.maxp;
    *out = buf_detach(&t.out);
    return *out ? 0 : err_nomem(e);
}
