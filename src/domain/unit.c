#include "domain/unit.h"

#include "base/mem.h"
#include "base/text.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"

static const char *kind_codes[UNIT_KIND_COUNT] = {"tinh", "so", "huyen", "xa", "phong", "dvsn"};
static const char *kind_labels[UNIT_KIND_COUNT] = {"Tỉnh",   "Sở, ban, ngành", "Cấp huyện",
                                                   "Cấp xã", "Phòng",          "Đơn vị sự nghiệp"};

int unit_kind_parse(const char *s, unit_kind_t *out)
{
    for (int i = 0; i < UNIT_KIND_COUNT; i++)
        if (strcasecmp(s, kind_codes[i]) == 0) {
            *out = (unit_kind_t)i;
            return 0;
        }
    return ERR_INVALID;
}

const char *unit_kind_code(unit_kind_t k)
{
    return k < UNIT_KIND_COUNT ? kind_codes[k] : "?";
}

const char *unit_kind_label_vi(unit_kind_t k)
{
    return k < UNIT_KIND_COUNT ? kind_labels[k] : "?";
}

int unit_link_kind_parse(const char *s, unit_link_kind_t *out)
{
    if (strcasecmp(s, "sap_nhap_vao") == 0 || strcasecmp(s, "merged_into") == 0) {
        *out = UNIT_LINK_MERGED_INTO;
        return 0;
    }
    if (strcasecmp(s, "tach_tu") == 0 || strcasecmp(s, "split_from") == 0) {
        *out = UNIT_LINK_SPLIT_FROM;
        return 0;
    }
    return ERR_INVALID;
}

const char *unit_link_kind_code(unit_link_kind_t k)
{
    return k == UNIT_LINK_MERGED_INTO ? "merged_into" : "split_from";
}

static bool code_alnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int code_bad(const char *code, const char *vi, const char *en, err_t *e)
{
    char shown[80];
    /* echo printable ASCII only (never control bytes, split UTF-8 or an
       endless value) */
    size_t k = 0;
    for (const char *p = code; *p && k + 4 < sizeof shown; p++)
        shown[k++] = *p >= 0x20 && *p < 0x7f ? *p : '?';
    if (code[k] && k + 4 >= sizeof shown) {
        memcpy(shown + k, "...", 3);
        k += 3;
    }
    shown[k] = '\0';
    char v[ERR_MSG_MAX], n[ERR_MSG_MAX];
    snprintf(v, sizeof v, "mã đơn vị '%s' không hợp lệ: %s", shown, vi);
    snprintf(n, sizeof n, "invalid unit code '%s': %s", shown, en);
    return err_set_pair(e, ERR_INVALID, "unit.code_invalid", v, n);
}

int unit_code_check(const char *code, err_t *e)
{
    size_t n = strlen(code);
    if (n == 0)
        return code_bad(code, "mã rỗng", "empty code", e);
    if (n > UNIT_CODE_MAX)
        return code_bad(code, "dài quá 64 ký tự", "longer than 64 characters", e);
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (!code_alnum(c) && c != '.' && c != '_' && c != '-')
            return code_bad(code, "chỉ dùng chữ cái không dấu, chữ số và . _ -",
                            "only ASCII letters, digits and . _ - are allowed", e);
        if (c == '.' && i + 1 < n && code[i + 1] == '.')
            return code_bad(code, "có hai dấu chấm liền nhau", "has two dots in a row", e);
    }
    if (!code_alnum(code[0]) || !code_alnum(code[n - 1]))
        return code_bad(code, "phải bắt đầu và kết thúc bằng chữ cái hoặc chữ số",
                        "must begin and end with a letter or digit", e);
    return 0;
}

static int name_bad(const char *vi, const char *en, err_t *e)
{
    char v[ERR_MSG_MAX], n[ERR_MSG_MAX];
    snprintf(v, sizeof v, "tên đơn vị không hợp lệ: %s", vi);
    snprintf(n, sizeof n, "invalid unit name: %s", en);
    return err_set_pair(e, ERR_INVALID, "unit.name_invalid", v, n);
}

int unit_name_check(const char *name, err_t *e)
{
    size_t n = strlen(name);
    if (n == 0)
        return name_bad("tên rỗng", "empty name", e);
    if (n > UNIT_NAME_MAX)
        return name_bad("dài quá 300 byte", "longer than 300 bytes", e);
    if (!text_valid(name, n))
        return name_bad("không phải UTF-8 hợp lệ", "not valid UTF-8", e);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return name_bad("có ký tự điều khiển", "contains a control character", e);
    if (name[0] == ' ' || name[n - 1] == ' ')
        return name_bad("có khoảng trắng ở đầu hoặc cuối", "has surrounding spaces", e);
    return 0;
}

int unit_check(const unit_t *u, err_t *e)
{
    int rc = unit_code_check(u->code ? u->code : "", e);
    if (!rc)
        rc = unit_name_check(u->name ? u->name : "", e);
    if (!rc && u->parent) {
        rc = unit_code_check(u->parent, e);
        if (rc)
            err_prefixf(e, "đơn vị cha: ", "parent: ");
    }
    for (size_t i = 0; !rc && i < u->naliases; i++) {
        rc = unit_name_check(u->aliases[i], e);
        if (rc)
            err_prefixf(e, "tên khác: ", "alias: ");
    }
    return rc;
}

void unit_set_init(unit_set_t *s)
{
    memset(s, 0, sizeof *s);
}

static void unit_release(unit_t *u)
{
    mem_free(u->code);
    mem_free(u->name);
    mem_free(u->parent);
    mem_free(u->source);
    for (size_t i = 0; i < u->naliases; i++)
        mem_free(u->aliases[i]);
    mem_free(u->aliases);
}

void unit_set_release(unit_set_t *s)
{
    for (size_t i = 0; i < s->n; i++)
        unit_release(&s->units[i]);
    for (size_t i = 0; i < s->nlinks; i++) {
        mem_free(s->links[i].from);
        mem_free(s->links[i].to);
        mem_free(s->links[i].source);
    }
    mem_free(s->units);
    mem_free(s->links);
    mem_free(s->by_code);
    unit_set_init(s);
}

static int grow(void **arr, size_t *cap, size_t n, size_t elem)
{
    return mem_grow(arr, cap, n + 1, elem) ? ERR_NOMEM : 0;
}

static int copy_unit(unit_t *d, const unit_t *u)
{
    memset(d, 0, sizeof *d);
    d->kind = u->kind;
    d->valid_from = u->valid_from;
    d->valid_to = u->valid_to;
    d->line = u->line;
    d->code = mem_strdup(u->code);
    d->name = mem_strdup(u->name);
    d->parent = u->parent ? mem_strdup(u->parent) : NULL;
    d->source = u->source ? mem_strdup(u->source) : NULL;
    if (!d->code || !d->name || (u->parent && !d->parent) || (u->source && !d->source))
        return ERR_NOMEM;
    if (u->naliases) {
        d->aliases = mem_calloc(u->naliases, sizeof *d->aliases);
        if (!d->aliases)
            return ERR_NOMEM;
        for (size_t i = 0; i < u->naliases; i++) {
            d->aliases[i] = mem_strdup(u->aliases[i]);
            if (!d->aliases[i])
                return ERR_NOMEM;
            d->naliases = i + 1;
        }
    }
    return 0;
}

int unit_set_add(unit_set_t *s, const unit_t *u, err_t *e)
{
    if (!u->code || !u->name)
        return err_set(e, ERR_INVALID, "unit.incomplete", "Đơn vị thiếu mã hoặc tên",
                       "Unit without code or name");
    if (grow((void **)&s->units, &s->cap, s->n, sizeof *s->units))
        return err_nomem(e);
    unit_t *d = &s->units[s->n];
    if (copy_unit(d, u)) {
        unit_release(d);
        return err_nomem(e);
    }
    s->n++;
    return 0;
}

int unit_set_add_link(unit_set_t *s, const unit_link_t *l, err_t *e)
{
    if (grow((void **)&s->links, &s->linkcap, s->nlinks, sizeof *s->links))
        return err_nomem(e);
    unit_link_t *d = &s->links[s->nlinks];
    *d = *l;
    d->from = mem_strdup(l->from);
    d->to = mem_strdup(l->to);
    d->source = l->source ? mem_strdup(l->source) : NULL;
    if (!d->from || !d->to || (l->source && !d->source)) {
        mem_free(d->from);
        mem_free(d->to);
        mem_free(d->source);
        return err_nomem(e);
    }
    s->nlinks++;
    return 0;
}

bool unit_valid_at(const unit_t *u, date_t at)
{
    if (at == DATE_NONE)
        return true;
    if (u->valid_from != DATE_NONE && at < u->valid_from)
        return false;
    if (u->valid_to != DATE_NONE && at > u->valid_to)
        return false;
    return true;
}

int unit_set_index(unit_set_t *s)
{
    size_t *idx = mem_alloc((s->n ? s->n : 1) * sizeof *idx);
    if (!idx)
        return ERR_NOMEM;
    mem_free(s->by_code);
    s->by_code = NULL;
    for (size_t i = 0; i < s->n; i++)
        idx[i] = i;
    /* A stable bottom-up merge sort: qsort has no context argument. */
    size_t *tmp = mem_alloc((s->n ? s->n : 1) * sizeof *tmp);
    if (!tmp) {
        s->by_code = idx;
        s->nindexed = 0;
        return ERR_NOMEM;
    }
    for (size_t w = 1; w < s->n; w *= 2) {
        for (size_t lo = 0; lo < s->n; lo += 2 * w) {
            size_t mid = lo + w < s->n ? lo + w : s->n;
            size_t hi = lo + 2 * w < s->n ? lo + 2 * w : s->n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] =
                    strcmp(s->units[idx[i]].code, s->units[idx[j]].code) <= 0 ? idx[i++] : idx[j++];
            while (i < mid)
                tmp[k++] = idx[i++];
            while (j < hi)
                tmp[k++] = idx[j++];
        }
        memcpy(idx, tmp, s->n * sizeof *idx);
    }
    mem_free(tmp);
    s->by_code = idx;
    s->nindexed = s->n;
    return 0;
}

/* [*lo, *hi) = the index range holding code; false when not indexed. */
static bool index_range(const unit_set_t *s, const char *code, size_t *lo, size_t *hi)
{
    if (!s->by_code || s->nindexed != s->n)
        return false;
    size_t a = 0, b = s->n;
    while (a < b) {
        size_t m = (a + b) / 2;
        if (strcmp(s->units[s->by_code[m]].code, code) < 0)
            a = m + 1;
        else
            b = m;
    }
    size_t e = a;
    while (e < s->n && strcmp(s->units[s->by_code[e]].code, code) == 0)
        e++;
    *lo = a;
    *hi = e;
    return true;
}

const unit_t *unit_set_find(const unit_set_t *s, const char *code, date_t at)
{
    const unit_t *best = NULL;
    size_t lo = 0, hi = s->n;
    bool indexed = index_range(s, code, &lo, &hi);
    for (size_t k = lo; k < hi; k++) {
        const unit_t *u = &s->units[indexed ? s->by_code[k] : k];
        if (strcmp(u->code, code) != 0 || !unit_valid_at(u, at))
            continue;
        /* Latest = the greatest start; an open start (DATE_NONE) is the
         * earliest of all. */
        if (!best || (u->valid_from != DATE_NONE &&
                      (best->valid_from == DATE_NONE || u->valid_from > best->valid_from)))
            best = u;
    }
    return best;
}

const unit_t *unit_set_find_version(const unit_set_t *s, const char *code, date_t valid_from)
{
    size_t lo = 0, hi = s->n;
    bool indexed = index_range(s, code, &lo, &hi);
    for (size_t k = lo; k < hi; k++) {
        const unit_t *u = &s->units[indexed ? s->by_code[k] : k];
        if (u->valid_from == valid_from && strcmp(u->code, code) == 0)
            return u;
    }
    return NULL;
}

bool unit_set_within(const unit_set_t *s, const char *code, const char *ancestor, date_t at)
{
    const char *cur = code;
    for (size_t depth = 0; cur && depth <= s->n; depth++) {
        if (strcmp(cur, ancestor) == 0)
            return true;
        const unit_t *u = unit_set_find(s, cur, at);
        cur = u ? u->parent : NULL;
    }
    return false;
}

/* The version valid at `at`, else the latest one (a unit gone by then). */
static const unit_t *find_near(const unit_set_t *s, const char *code, date_t at)
{
    const unit_t *u = unit_set_find(s, code, at);
    return u || at == DATE_NONE ? u : unit_set_find(s, code, DATE_NONE);
}

const char *unit_set_province_of(const unit_set_t *s, const char *code, date_t at)
{
    const unit_t *u = code ? find_near(s, code, at) : NULL;
    for (size_t depth = 0; u && depth <= s->n; depth++) {
        const unit_t *p = u->parent ? find_near(s, u->parent, at) : NULL;
        if (u->kind == UNIT_TINH || !p)
            return u->code;
        u = p;
    }
    return NULL;
}

const char *unit_set_rank_scope(const unit_set_t *s, const char *code, date_t at)
{
    const unit_t *u = code ? find_near(s, code, at) : NULL;
    return u && u->kind != UNIT_TINH ? unit_set_province_of(s, code, at) : NULL;
}

static bool periods_overlap(const unit_t *a, const unit_t *b)
{
    date_t a0 = a->valid_from == DATE_NONE ? INT32_MIN + 1 : a->valid_from;
    date_t a1 = a->valid_to == DATE_NONE ? INT32_MAX : a->valid_to;
    date_t b0 = b->valid_from == DATE_NONE ? INT32_MIN + 1 : b->valid_from;
    date_t b1 = b->valid_to == DATE_NONE ? INT32_MAX : b->valid_to;
    return a0 <= b1 && b0 <= a1;
}

/* Prefixes e with "source:line: " (or what is known of it); returns rc. */
static int where(err_t *e, int rc, const char *source, int line)
{
    char pre[300];
    if (!e)
        return rc;
    if (source && line) {
        snprintf(pre, sizeof pre, "%s:%d: ", source, line);
    } else if (source) {
        snprintf(pre, sizeof pre, "%s: ", source);
    } else if (line) {
        err_prefixf(e, "dòng %d: ", "line %d: ", line);
        return rc;
    } else {
        return rc;
    }
    err_prefix(e, pre);
    return rc;
}

/* Whether the versions of code cover [from, to] (DATE_NONE = open) with no
 * gap: a unit's parent must be on the tree whenever the unit is. */
static bool covered(const unit_set_t *s, const char *code, date_t from, date_t to)
{
    date_t at = from == DATE_NONE ? DATE_NONE + 1 : from; /* earliest */
    for (size_t steps = 0; steps <= s->n; steps++) {
        const unit_t *p = unit_set_find(s, code, at);
        if (!p)
            return false;
        if (p->valid_to == DATE_NONE || (to != DATE_NONE && p->valid_to >= to))
            return true;
        at = p->valid_to + 1;
    }
    return false;
}

static int check_one(const unit_set_t *s, size_t i, err_t *e)
{
    const unit_t *u = &s->units[i];
    if (!u->code[0] || !u->name[0])
        return err_set(e, ERR_INVALID, "unit.incomplete",
                       "Đơn vị thiếu mã (MaDonVi) hoặc tên (TenDonVi)",
                       "Unit without code (MaDonVi) or name (TenDonVi)");
    if (u->valid_from != DATE_NONE && u->valid_to != DATE_NONE && u->valid_from > u->valid_to)
        return err_set(e, ERR_INVALID, "unit.period", "Đơn vị %s: HieuLucTu sau HieuLucDen",
                       "Unit %s: HieuLucTu (valid from) is after HieuLucDen (valid to)", u->code);
    size_t lo = 0, hi = i;
    bool indexed = index_range(s, u->code, &lo, &hi);
    for (size_t k = lo; k < hi; k++) {
        size_t j = indexed ? s->by_code[k] : k;
        const unit_t *o = &s->units[j];
        if (j >= i || strcmp(o->code, u->code) != 0)
            continue;
        if (!periods_overlap(o, u))
            continue;
        if (o->line)
            return err_set(e, ERR_CONFLICT, "unit.overlap",
                           "Mã đơn vị (MaDonVi) %s trùng lặp hoặc có thời gian hiệu lực "
                           "(HieuLucTu, HieuLucDen) chồng lấn với dòng %d",
                           "Unit code (MaDonVi) %s is duplicated or its validity (HieuLucTu, "
                           "HieuLucDen) overlaps line %d",
                           u->code, o->line);
        return err_set(e, ERR_CONFLICT, "unit.overlap",
                       "Mã đơn vị (MaDonVi) %s trùng lặp hoặc có thời gian hiệu lực "
                       "(HieuLucTu, HieuLucDen) chồng lấn với một phiên bản đã có",
                       "Unit code (MaDonVi) %s is duplicated or its validity (HieuLucTu, "
                       "HieuLucDen) overlaps an existing version",
                       u->code);
    }
    if (u->parent && !unit_set_find(s, u->parent, DATE_NONE))
        return err_set(e, ERR_INVALID, "unit.parent_unknown",
                       "Đơn vị %s: mã đơn vị cha (MaDonViCha) '%s' không tồn tại",
                       "Unit %s: parent code (MaDonViCha) '%s' does not exist", u->code, u->parent);
    if (u->parent && !covered(s, u->parent, u->valid_from, u->valid_to))
        return err_set(e, ERR_INVALID, "unit.parent_period",
                       "Đơn vị %s: đơn vị cha (MaDonViCha) '%s' không có hiệu lực trong suốt thời "
                       "gian hiệu lực của đơn vị (HieuLucTu, HieuLucDen)",
                       "Unit %s: parent (MaDonViCha) '%s' is not valid throughout the unit's "
                       "validity (HieuLucTu, HieuLucDen)",
                       u->code, u->parent);
    if (u->parent && strcmp(u->parent, u->code) == 0)
        return err_set(e, ERR_INVALID, "unit.cycle", "Đơn vị %s là cha của chính nó (MaDonViCha)",
                       "Unit %s is its own parent (MaDonViCha)", u->code);
    return 0;
}

/* A cycle exists when, on the tree of some date, following parents revisits
 * a code. A cycle present at some date is present at the start of the
 * version in it that starts last, so walking up from every version on the
 * tree of its own start date finds every cycle, and only real ones. */
static int check_cycle(const unit_set_t *s, const unit_t *u, err_t *e)
{
    date_t at = u->valid_from == DATE_NONE ? DATE_NONE + 1 : u->valid_from; /* earliest */
    const char *cur = u->parent;
    for (size_t steps = 0; cur; steps++) {
        if (strcmp(cur, u->code) == 0 || steps > s->n)
            return err_set(e, ERR_INVALID, "unit.cycle",
                           "Cây đơn vị có vòng lặp qua đơn vị %s (trường MaDonViCha)",
                           "The unit tree has a cycle through unit %s (field MaDonViCha)", u->code);
        const unit_t *p = unit_set_find(s, cur, at);
        cur = p ? p->parent : NULL;
    }
    return 0;
}

int unit_set_validate(const unit_set_t *s, const char *source, err_t *e)
{
    for (size_t i = 0; i < s->n; i++) {
        int rc = check_one(s, i, e);
        if (rc)
            return where(e, rc, s->units[i].source ? s->units[i].source : source, s->units[i].line);
    }
    /* Cycles: units with a known source line first, so that a cycle closed
     * by a new row (merged with stored units, line 0) is reported on it. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < s->n; i++) {
            const unit_t *u = &s->units[i];
            if ((u->line != 0) != (pass == 0))
                continue;
            int rc = check_cycle(s, u, e);
            if (rc)
                return where(e, rc, u->source ? u->source : source, u->line);
        }
    }
    for (size_t i = 0; i < s->nlinks; i++) {
        const unit_link_t *l = &s->links[i];
        bool from_known = unit_set_find(s, l->from, DATE_NONE) != NULL;
        if (!from_known || !unit_set_find(s, l->to, DATE_NONE)) {
            err_set(e, ERR_INVALID, "unit.link_unknown",
                    "Liên kết kế thừa nêu mã đơn vị không tồn tại (%s) '%s'",
                    "Succession link names an unknown unit code (%s) '%s'",
                    from_known ? "MaDonViKhac" : "MaDonVi", from_known ? l->to : l->from);
            return where(e, ERR_INVALID, l->source ? l->source : source, l->line);
        }
        if (strcmp(l->from, l->to) == 0) {
            err_set(e, ERR_INVALID, "unit.link_self",
                    "Đơn vị %s liên kết với chính nó (MaDonViKhac)",
                    "Unit %s is linked to itself (MaDonViKhac)", l->from);
            return where(e, ERR_INVALID, l->source ? l->source : source, l->line);
        }
    }
    return 0;
}
