/* store_par_fw.c - PAR frameworks as rows (store_par_fw.h). */
#include "store/store_par_fw.h"
#include "store/store_par_int.h"

#include "base/mem.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define APPLIES_MAX 256 /* entries of an applies_to list */

/* ---- writing ------------------------------------------------------------- */

static int fw_by_hash(store_t *s, const char *sha256, int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s, "SELECT id FROM par_framework WHERE sha256 = ?1", &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, sha256);
    return store_run_id(st, id, e);
}

static int insert_header(store_t *s, const par_framework_t *fw, const store_par_fw_meta_t *m,
                         int64_t *id, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO par_framework (name, year, year_to, unit_kind, reference, "
                           "sample, note, max_total, sha256, source_name, imported_at, "
                           "imported_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                           "?12) ON CONFLICT (sha256) DO NOTHING RETURNING id",
                           &st, e);
    if (rc)
        return rc;
    store_bind_text(st, 1, fw->name);
    store_bind_int(st, 2, fw->year);
    store_bind_int(st, 3, fw->year_to);
    store_bind_text(st, 4, fw->unit_kind_text);
    store_bind_text(st, 5, fw->reference);
    store_bind_int(st, 6, fw->sample);
    store_bind_text(st, 7, fw->note);
    store_par_bind_opt(st, 8, fw->max);
    store_bind_text(st, 9, m->sha256);
    store_bind_text(st, 10, m->source_name ? m->source_name : "");
    store_bind_text(st, 11, m->imported_at);
    store_bind_text(st, 12, m->imported_by);
    *id = 0;
    return store_run_id(st, id, e);
}

static int insert_grades(store_t *s, int64_t id, const par_framework_t *fw, err_t *e)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < fw->ngrades; i++) {
        store_stmt_t *st;
        rc = store_prepare(s,
                           "INSERT INTO par_framework_grade (framework_id, seq, label, min_value) "
                           "VALUES (?1, ?2, ?3, ?4)",
                           &st, e);
        if (rc)
            break;
        store_bind_int(st, 1, id);
        store_bind_int(st, 2, (int64_t)i);
        store_bind_text(st, 3, fw->grades[i].label);
        store_bind_int(st, 4, fw->grades[i].min);
        rc = store_run(st, e);
    }
    for (size_t i = 0; !rc && i < fw->nappraisers; i++) {
        store_stmt_t *st;
        rc = store_prepare(s,
                           "INSERT INTO par_framework_appraiser (framework_id, seq, area_key, "
                           "role) VALUES (?1, ?2, ?3, ?4)",
                           &st, e);
        if (rc)
            break;
        store_bind_int(st, 1, id);
        store_bind_int(st, 2, (int64_t)i);
        store_bind_text(st, 3, fw->appraisers[i].key);
        store_bind_text(st, 4, fw->appraisers[i].role);
        rc = store_run(st, e);
    }
    return rc;
}

/* The node's source as the JSON format writes it (NULL when absent). */
static const char *source_text(const par_node_t *nd, char *buf, size_t cap)
{
    if (!nd->source_given && nd->source == PAR_SOURCE_SELF)
        return NULL;
    if (nd->source == PAR_SOURCE_COMPUTED) {
        snprintf(buf, cap, "computed:%s", nd->indicator ? nd->indicator : "");
        return buf;
    }
    return par_framework_source_name(nd->source);
}

/* applies_to joined by line feeds into b (NULL when absent). */
static int applies_text(const par_node_t *nd, buf_t *b, const char **out, err_t *e)
{
    *out = NULL;
    if (!nd->applies_given)
        return 0;
    buf_reset(b);
    if (nd->napplies > APPLIES_MAX)
        return err_set(e, ERR_INVALID, "par.framework_invalid", "Nút %s: applies_to có quá %d mục",
                       "Node %s: applies_to has over %d entries", nd->code, APPLIES_MAX);
    for (size_t i = 0; i < nd->napplies; i++) {
        if (strchr(nd->applies_to[i], '\n'))
            return err_set(e, ERR_INVALID, "par.framework_invalid",
                           "Nút %s: applies_to chứa ký tự xuống dòng",
                           "Node %s: applies_to holds a line feed", nd->code);
        if ((i && buf_putc(b, '\n')) || buf_puts(b, nd->applies_to[i]))
            return err_nomem(e);
    }
    *out = buf_cstr(b);
    return *out ? 0 : err_nomem(e);
}

static int insert_node_row(store_t *s, int64_t id, size_t seq, const par_node_t *nd,
                           const char *applies, err_t *e)
{
    char src[PAR_CODE_MAX + 64];
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "INSERT INTO par_node (framework_id, seq, code, name, kind, max_points, "
                           "method, yes_points, no_points, source, applies_to, appraiser, "
                           "evidence, area, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                           "?10, ?11, ?12, ?13, ?14, ?15)",
                           &st, e);
    if (rc)
        return rc;
    bool kind = nd->kind_given || (nd->parent == PAR_NOPARENT && nd->kind != PAR_KIND_CRITERION);
    store_bind_int(st, 1, id);
    store_bind_int(st, 2, (int64_t)seq);
    store_bind_text(st, 3, nd->code);
    store_bind_text(st, 4, nd->name);
    store_bind_text(st, 5, kind ? par_framework_kind_name(nd->kind) : NULL);
    store_bind_int(st, 6, nd->max);
    store_bind_text(st, 7,
                    nd->method == PAR_METHOD_NONE ? NULL : par_framework_method_name(nd->method));
    store_par_bind_opt(st, 8, nd->yes_points);
    store_par_bind_opt(st, 9, nd->no_points);
    store_bind_text(st, 10, source_text(nd, src, sizeof src));
    store_bind_text(st, 11, applies);
    store_bind_text(st, 12, nd->appraiser);
    store_bind_text(st, 13, nd->evidence);
    store_bind_text(st, 14, nd->area_code);
    store_bind_text(st, 15, nd->note);
    return store_run(st, e);
}

static int insert_lists(store_t *s, int64_t id, size_t seq, const par_node_t *nd, err_t *e)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < nd->nlevels; i++) {
        store_stmt_t *st;
        rc = store_prepare(s,
                           "INSERT INTO par_node_level (framework_id, node_seq, seq, label, "
                           "points) VALUES (?1, ?2, ?3, ?4, ?5)",
                           &st, e);
        if (rc)
            break;
        store_bind_int(st, 1, id);
        store_bind_int(st, 2, (int64_t)seq);
        store_bind_int(st, 3, (int64_t)i);
        store_bind_text(st, 4, nd->levels[i].label);
        store_bind_int(st, 5, nd->levels[i].points);
        rc = store_run(st, e);
    }
    for (size_t i = 0; !rc && i < nd->nbands; i++) {
        const par_band_t *b = &nd->bands[i];
        store_stmt_t *st;
        rc = store_prepare(s,
                           "INSERT INTO par_node_band (framework_id, node_seq, seq, lo, lo_kind, "
                           "hi, hi_kind, points) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           &st, e);
        if (rc)
            break;
        store_bind_int(st, 1, id);
        store_bind_int(st, 2, (int64_t)seq);
        store_bind_int(st, 3, (int64_t)i);
        store_bind_int(st, 4, b->lo);
        store_bind_int(st, 5, (int64_t)b->lo_kind);
        store_par_bind_opt(st, 6, b->hi_kind == PAR_BOUND_NONE ? PAR_NONE : b->hi);
        store_bind_int(st, 7, (int64_t)b->hi_kind);
        store_bind_int(st, 8, b->points);
        rc = store_run(st, e);
    }
    return rc;
}

int store_par_fw_insert(store_t *s, const par_framework_t *fw, const store_par_fw_meta_t *meta,
                        int64_t *id, bool *inserted, err_t *e)
{
    buf_t b;
    buf_init(&b, 1u << 20);
    if (inserted)
        *inserted = false;
    int rc = fw->valid ? insert_header(s, fw, meta, id, e)
                       : err_set(e, ERR_INVALID, "par.framework_invalid", "Bộ tiêu chí chưa hợp lệ",
                                 "The framework is not valid");
    if (rc)
        goto out;
    if (*id == 0) {
        rc = fw_by_hash(s, meta->sha256, id, e);
        goto out;
    }
    rc = insert_grades(s, *id, fw, e);
    for (size_t i = 0; !rc && i < fw->n; i++) {
        const char *applies = NULL;
        rc = applies_text(&fw->nodes[i], &b, &applies, e);
        if (!rc)
            rc = insert_node_row(s, *id, i, &fw->nodes[i], applies, e);
        if (!rc)
            rc = insert_lists(s, *id, i, &fw->nodes[i], e);
    }
    if (!rc && inserted)
        *inserted = true;
out:
    buf_release(&b);
    return rc;
}

/* ---- reading ------------------------------------------------------------- */

/* Levels and bands of a framework, each list sorted by node then seq. */
typedef struct lists {
    par_level_t *lv;
    size_t *lv_node, nlv, lvcap, lvncap;
    par_band_t *bd;
    size_t *bd_node, nbd, bdcap, bdncap;
} lists_t;

static void lists_release(lists_t *l)
{
    for (size_t i = 0; i < l->nlv; i++)
        mem_free(l->lv[i].label);
    mem_free(l->lv);
    mem_free(l->lv_node);
    mem_free(l->bd);
    mem_free(l->bd_node);
}

static int load_levels(store_t *s, int64_t id, lists_t *l, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT node_seq, label, points FROM par_node_level WHERE "
                           "framework_id = ?1 ORDER BY node_seq, seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    while (store_next(st, &rc, e)) {
        char *label = NULL;
        if (!MEM_GROW(l->lv, l->lvcap, l->nlv + 1) && !MEM_GROW(l->lv_node, l->lvncap, l->nlv + 1))
            label = mem_strdup(store_par_col_txt(st, 1));
        if (!label) {
            rc = err_nomem(e);
            break;
        }
        l->lv_node[l->nlv] = (size_t)store_col_int(st, 0);
        l->lv[l->nlv++] = (par_level_t){.label = label, .points = store_col_int(st, 2)};
    }
    store_stmt_done(st);
    return rc;
}

static int load_bands(store_t *s, int64_t id, lists_t *l, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT node_seq, lo, lo_kind, hi, hi_kind, points FROM par_node_band "
                           "WHERE framework_id = ?1 ORDER BY node_seq, seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    while (store_next(st, &rc, e)) {
        if (MEM_GROW(l->bd, l->bdcap, l->nbd + 1) || MEM_GROW(l->bd_node, l->bdncap, l->nbd + 1)) {
            rc = err_nomem(e);
            break;
        }
        l->bd_node[l->nbd] = (size_t)store_col_int(st, 0);
        l->bd[l->nbd++] = (par_band_t){.lo = store_col_int(st, 1),
                                       .lo_kind = (par_bound_t)store_col_int(st, 2),
                                       .hi = store_col_is_null(st, 3) ? 0 : store_col_int(st, 3),
                                       .hi_kind = (par_bound_t)store_col_int(st, 4),
                                       .points = store_col_int(st, 5)};
    }
    store_stmt_done(st);
    return rc;
}

static int load_header(store_t *s, int64_t id, par_framework_t *fw, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT name, year, year_to, unit_kind, reference, sample, note, "
                           "max_total FROM par_framework WHERE id = ?1",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    rc = store_step(st, e);
    if (rc == STORE_ROW) {
        par_framework_info_t info = {.name = store_par_col_txt(st, 0),
                                     .year = (int)store_col_int(st, 1),
                                     .year_to = (int)store_col_int(st, 2),
                                     .unit_kind = store_par_col_txt(st, 3),
                                     .reference = store_col_text(st, 4),
                                     .sample = store_col_int(st, 5) != 0,
                                     .note = store_col_text(st, 6),
                                     .max = store_par_col_opt(st, 7)};
        rc = par_framework_set_info(fw, &info, e);
    } else if (rc == STORE_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "par.framework_not_found", "Không có bộ tiêu chí số %lld",
                     "No framework %lld", (long long)id);
    }
    store_stmt_done(st);
    return rc;
}

static int load_roles(store_t *s, int64_t id, par_framework_t *fw, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT label, min_value FROM par_framework_grade WHERE "
                           "framework_id = ?1 ORDER BY seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    while (store_next(st, &rc, e)) {
        rc = par_framework_add_grade(fw, store_par_col_txt(st, 0), store_col_int(st, 1), e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    if (rc)
        return rc;
    rc = store_prepare(s,
                       "SELECT area_key, role FROM par_framework_appraiser WHERE "
                       "framework_id = ?1 ORDER BY seq",
                       &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    while (store_next(st, &rc, e)) {
        rc = par_framework_add_appraiser(fw, store_par_col_txt(st, 0), store_par_col_txt(st, 1), e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc;
}

/* Splits applies_to text (line feeds) in place into at most cap entries. */
static size_t split_applies(char *t, const char **v, size_t cap)
{
    size_t n = 0;
    while (t && n < cap) {
        v[n++] = t;
        char *nl = strchr(t, '\n');
        if (nl)
            *nl++ = '\0';
        t = nl;
    }
    return n;
}

/* Adds the node of the current row; *li / *bi walk the level and band lists. */
static int add_node(store_stmt_t *st, par_framework_t *fw, const lists_t *l, size_t *li, size_t *bi,
                    err_t *e)
{
    size_t seq = (size_t)store_col_int(st, 0);
    par_node_spec_t sp;
    par_framework_spec_init(&sp);
    sp.code = store_par_col_txt(st, 1);
    sp.name = store_par_col_txt(st, 2);
    sp.kind = store_col_text(st, 3);
    sp.max = store_col_int(st, 4);
    sp.method = store_col_text(st, 5);
    sp.yes_points = store_par_col_opt(st, 6);
    sp.no_points = store_par_col_opt(st, 7);
    sp.source = store_col_text(st, 8);
    sp.appraiser = store_col_text(st, 10);
    sp.evidence = store_col_text(st, 11);
    sp.area = store_col_text(st, 12);
    sp.note = store_col_text(st, 13);
    while (*li < l->nlv && l->lv_node[*li] < seq)
        (*li)++;
    sp.levels = l->lv + *li;
    while (*li + sp.nlevels < l->nlv && l->lv_node[*li + sp.nlevels] == seq)
        sp.nlevels++;
    while (*bi < l->nbd && l->bd_node[*bi] < seq)
        (*bi)++;
    sp.bands = l->bd + *bi;
    while (*bi + sp.nbands < l->nbd && l->bd_node[*bi + sp.nbands] == seq)
        sp.nbands++;
    const char *applies[APPLIES_MAX];
    char *copy = NULL;
    if (!store_col_is_null(st, 9)) {
        copy = mem_strdup(store_par_col_txt(st, 9));
        if (!copy)
            return err_nomem(e);
        sp.napplies = split_applies(copy, applies, APPLIES_MAX);
        sp.applies_to = applies;
    }
    int rc = par_framework_add(fw, &sp, e);
    mem_free(copy);
    return rc;
}

static int load_nodes(store_t *s, int64_t id, par_framework_t *fw, const lists_t *l, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT seq, code, name, kind, max_points, method, yes_points, "
                           "no_points, source, applies_to, appraiser, evidence, area, note "
                           "FROM par_node WHERE framework_id = ?1 ORDER BY seq",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    size_t li = 0, bi = 0;
    while (store_next(st, &rc, e)) {
        rc = add_node(st, fw, l, &li, &bi, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc;
}

int store_par_fw_load(store_t *s, int64_t id, par_framework_t **out, err_t *e)
{
    lists_t l = {0};
    par_framework_t *fw = par_framework_new();
    *out = NULL;
    int rc = fw ? load_header(s, id, fw, e) : err_nomem(e);
    if (!rc)
        rc = load_roles(s, id, fw, e);
    if (!rc)
        rc = load_levels(s, id, &l, e);
    if (!rc)
        rc = load_bands(s, id, &l, e);
    if (!rc)
        rc = load_nodes(s, id, fw, &l, e);
    if (!rc) {
        rc = par_framework_validate(fw, NULL, e);
        if (rc == ERR_INVALID)
            rc = err_set(e, ERR_INVALID, "par.framework_damaged",
                         "Bộ tiêu chí số %lld lưu trong cơ sở dữ liệu không còn hợp lệ",
                         "Stored framework %lld no longer validates", (long long)id);
    }
    lists_release(&l);
    if (rc) {
        par_framework_free(fw);
        return rc;
    }
    *out = fw;
    return 0;
}

int store_par_fw_rows(store_t *s, int64_t id, store_par_fw_fn fn, void *ctx, err_t *e)
{
    store_stmt_t *st;
    int rc = store_prepare(s,
                           "SELECT f.id, f.name, f.year, f.year_to, f.unit_kind, f.reference, "
                           "f.sample, f.sha256, f.source_name, f.imported_at, f.imported_by, "
                           "(SELECT COUNT(*) FROM par_node n WHERE n.framework_id = f.id) "
                           "FROM par_framework f WHERE (?1 = 0 OR f.id = ?1) ORDER BY f.id DESC",
                           &st, e);
    if (rc)
        return rc;
    store_bind_int(st, 1, id);
    while (store_next(st, &rc, e)) {
        store_par_fw_t f = {.id = store_col_int(st, 0),
                            .name = store_par_col_txt(st, 1),
                            .year = (int)store_col_int(st, 2),
                            .year_to = (int)store_col_int(st, 3),
                            .unit_kind = store_par_col_txt(st, 4),
                            .reference = store_par_col_txt(st, 5),
                            .sample = store_col_int(st, 6) != 0,
                            .sha256 = store_par_col_txt(st, 7),
                            .source_name = store_par_col_txt(st, 8),
                            .imported_at = store_par_col_txt(st, 9),
                            .imported_by = store_par_col_txt(st, 10),
                            .nodes = store_col_int(st, 11)};
        rc = fn(ctx, &f, e);
        if (rc)
            break;
    }
    store_stmt_done(st);
    return rc < 0 ? rc : 0;
}
