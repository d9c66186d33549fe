/* par_framework.c - PAR Index framework model: lifecycle, builder, problem
 * lists, codes, numbers and names (validation: par_framework_validate.c). */
#include "domain/par_framework.h"
#include "domain/par_framework_int.h"

#include "base/mem.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* ---- problems ---------------------------------------------------------- */

void par_framework_problems_init(par_problems_t *p)
{
    p->v = NULL;
    p->n = p->cap = p->dropped = 0;
}

void par_framework_problems_release(par_problems_t *p)
{
    if (!p)
        return;
    mem_free(p->v);
    par_framework_problems_init(p);
}

void par_framework_clip(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

int par_framework_vproblem(par_problems_t *p, const char *node, const char *field, const char *code,
                           const char *vi_fmt, const char *en_fmt, va_list ap)
{
    if (p->n >= PAR_PROBLEMS_MAX) {
        p->dropped++;
        return 0;
    }
    int rc = MEM_GROW(p->v, p->cap, p->n + 1);
    if (rc)
        return rc;
    par_problem_t *q = &p->v[p->n];
    err_t tmp;
    err_vset(&tmp, ERR_INVALID, code, vi_fmt, en_fmt, ap);
    par_framework_clip(q->node, sizeof q->node, node);
    par_framework_clip(q->field, sizeof q->field, field);
    par_framework_clip(q->code, sizeof q->code, code);
    par_framework_clip(q->vi, sizeof q->vi, tmp.vi);
    par_framework_clip(q->en, sizeof q->en, tmp.en);
    p->n++;
    return 0;
}

int par_framework_problem(par_problems_t *p, const char *node, const char *field, const char *code,
                          const char *vi_fmt, const char *en_fmt, ...)
{
    va_list ap;
    va_start(ap, en_fmt);
    int rc = par_framework_vproblem(p, node, field, code, vi_fmt, en_fmt, ap);
    va_end(ap);
    return rc;
}

int par_framework_problems_format(const par_problems_t *p, const char *file, bool vi, buf_t *out)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < p->n; i++) {
        const par_problem_t *q = &p->v[i];
        if (file)
            rc = buf_printf(out, "%s: ", file);
        if (rc == 0 && q->node[0])
            rc = buf_printf(out, "%s %s", vi ? "mục" : "node", q->node);
        if (rc == 0 && q->field[0])
            rc = buf_printf(out, "%s(%s)", q->node[0] ? " " : "", q->field);
        if (rc == 0)
            rc = buf_printf(out, "%s%s [%s]\n", q->node[0] || q->field[0] ? ": " : "",
                            vi ? q->vi : q->en, q->code);
    }
    if (rc == 0 && p->dropped)
        rc = buf_printf(out, "%s%s%zu %s [par.too_many]\n", file ? file : "", file ? ": " : "",
                        p->dropped, vi ? "lỗi khác không hiển thị" : "more problems not shown");
    return rc;
}

/* ---- lifecycle and builder --------------------------------------------- */

par_framework_t *par_framework_new(void)
{
    par_framework_t *fw = mem_calloc(1, sizeof *fw);
    if (!fw)
        return NULL;
    fw->unit_kind = UNIT_SO;
    fw->max = PAR_NONE;
    return fw;
}

static void strv_free(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        mem_free(v[i]);
    mem_free(v);
}

static void node_release(par_node_t *nd)
{
    mem_free(nd->code);
    mem_free(nd->name);
    mem_free(nd->kind_text);
    mem_free(nd->method_text);
    for (size_t i = 0; nd->levels && i < nd->nlevels; i++)
        mem_free(nd->levels[i].label);
    mem_free(nd->levels);
    mem_free(nd->bands);
    mem_free(nd->source_text);
    mem_free(nd->indicator);
    strv_free(nd->applies_to, nd->napplies);
    mem_free(nd->appraiser);
    mem_free(nd->evidence);
    mem_free(nd->area_code);
    mem_free(nd->note);
}

void par_framework_free(par_framework_t *fw)
{
    if (!fw)
        return;
    mem_free(fw->name);
    mem_free(fw->unit_kind_text);
    mem_free(fw->reference);
    mem_free(fw->note);
    for (size_t i = 0; i < fw->ngrades; i++)
        mem_free(fw->grades[i].label);
    mem_free(fw->grades);
    for (size_t i = 0; i < fw->nappraisers; i++) {
        mem_free(fw->appraisers[i].key);
        mem_free(fw->appraisers[i].role);
    }
    mem_free(fw->appraisers);
    for (size_t i = 0; i < fw->n; i++)
        node_release(&fw->nodes[i]);
    mem_free(fw->nodes);
    mem_free(fw);
}

/* Copies s (NULL stays NULL); false when out of memory. */
static bool dup_opt(const char *s, char **out)
{
    *out = NULL;
    if (!s)
        return true;
    *out = mem_strdup(s);
    return *out != NULL;
}

int par_framework_set_info(par_framework_t *fw, const par_framework_info_t *info, err_t *e)
{
    char *name = NULL, *kind = NULL, *ref = NULL, *note = NULL;
    int rc = ERR_NOMEM;
    if (!dup_opt(info->name, &name) || !dup_opt(info->unit_kind, &kind) ||
        !dup_opt(info->reference, &ref) || !dup_opt(info->note, &note))
        goto out;
    mem_free(fw->name);
    mem_free(fw->unit_kind_text);
    mem_free(fw->reference);
    mem_free(fw->note);
    fw->name = name;
    fw->unit_kind_text = kind;
    fw->reference = ref;
    fw->note = note;
    name = kind = ref = note = NULL;
    fw->year = info->year;
    fw->year_to = info->year_to;
    fw->sample = info->sample;
    fw->max = info->max;
    fw->valid = false;
    rc = 0;
out:
    mem_free(name);
    mem_free(kind);
    mem_free(ref);
    mem_free(note);
    return rc ? err_nomem(e) : 0;
}

void par_framework_spec_init(par_node_spec_t *s)
{
    memset(s, 0, sizeof *s);
    s->max = PAR_NONE;
    s->yes_points = PAR_NONE;
    s->no_points = PAR_NONE;
}

static const char *const method_names[] = {"", "levels", "bands", "yesno", "manual", "?"};
static const char *const source_names[] = {"self", "survey", "computed", "?"};
static const char *const kind_names[] = {"criterion", "bonus", "penalty", "?"};

/* Index of s in names[0..n), or -1. */
static int name_index(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

/* Method, source and kind of a spec into nd; false when out of memory. */
static bool node_set_enums(par_node_t *nd, const par_node_spec_t *s)
{
    nd->method = PAR_METHOD_NONE;
    if (s->method) {
        int m = name_index(method_names + 1, 4, s->method);
        nd->method = m < 0 ? PAR_METHOD_UNKNOWN : (par_method_t)(m + 1);
        if (m < 0 && !dup_opt(s->method, &nd->method_text))
            return false;
    }
    nd->source = PAR_SOURCE_SELF;
    nd->source_given = s->source != NULL;
    if (s->source && strncmp(s->source, "computed:", 9) == 0) {
        nd->source = PAR_SOURCE_COMPUTED;
        if (!dup_opt(s->source + 9, &nd->indicator))
            return false;
    } else if (s->source) {
        int k = name_index(source_names, 2, s->source);
        nd->source = k < 0 ? PAR_SOURCE_UNKNOWN : (par_source_t)k;
        if (k < 0 && !dup_opt(s->source, &nd->source_text))
            return false;
    }
    nd->kind = PAR_KIND_CRITERION;
    nd->kind_given = s->kind != NULL;
    if (s->kind) {
        int k = name_index(kind_names, 3, s->kind);
        nd->kind = k < 0 ? PAR_KIND_UNKNOWN : (par_kind_t)k;
        if (k < 0 && !dup_opt(s->kind, &nd->kind_text))
            return false;
    }
    return true;
}

static bool node_copy_lists(par_node_t *nd, const par_node_spec_t *s)
{
    if (s->nlevels) {
        nd->levels = mem_calloc(s->nlevels, sizeof *nd->levels);
        if (!nd->levels)
            return false;
        nd->nlevels = s->nlevels;
        for (size_t i = 0; i < s->nlevels; i++) {
            nd->levels[i].points = s->levels[i].points;
            if (!dup_opt(s->levels[i].label, &nd->levels[i].label))
                return false;
        }
    }
    if (s->nbands) {
        nd->bands = mem_alloc(s->nbands * sizeof *nd->bands);
        if (!nd->bands)
            return false;
        memcpy(nd->bands, s->bands, s->nbands * sizeof *nd->bands);
        nd->nbands = s->nbands;
    }
    nd->applies_given = s->applies_to != NULL;
    if (s->napplies) {
        nd->applies_to = mem_calloc(s->napplies, sizeof *nd->applies_to);
        if (!nd->applies_to)
            return false;
        nd->napplies = s->napplies;
        for (size_t i = 0; i < s->napplies; i++)
            if (!dup_opt(s->applies_to[i] ? s->applies_to[i] : "", &nd->applies_to[i]))
                return false;
    }
    return true;
}

int par_framework_add(par_framework_t *fw, const par_node_spec_t *spec, err_t *e)
{
    par_node_t nd;
    memset(&nd, 0, sizeof nd);
    int rc = MEM_GROW(fw->nodes, fw->cap, fw->n + 1);
    if (rc)
        goto fail;
    rc = ERR_NOMEM;
    if (!dup_opt(spec->code, &nd.code) || !dup_opt(spec->name, &nd.name) ||
        !dup_opt(spec->appraiser, &nd.appraiser) || !dup_opt(spec->evidence, &nd.evidence) ||
        !dup_opt(spec->area, &nd.area_code) || !dup_opt(spec->note, &nd.note) ||
        !node_set_enums(&nd, spec) || !node_copy_lists(&nd, spec))
        goto fail;
    nd.max = spec->max;
    nd.yes_points = spec->yes_points;
    nd.no_points = spec->no_points;
    nd.parent = nd.first_child = nd.next_sibling = nd.area = PAR_NOPARENT;
    nd.seq = fw->n;
    fw->nodes[fw->n++] = nd;
    fw->valid = false;
    return 0;
fail:
    node_release(&nd);
    return rc == ERR_NOMEM ? err_nomem(e)
                           : err_set(e, rc, "par.too_large", "Quá nhiều mục", "Too many nodes");
}

int par_framework_add_grade(par_framework_t *fw, const char *label, int64_t min, err_t *e)
{
    char *l = NULL;
    int rc = MEM_GROW(fw->grades, fw->gradecap, fw->ngrades + 1);
    if (rc || !dup_opt(label ? label : "", &l))
        return err_nomem(e);
    fw->grades[fw->ngrades].label = l;
    fw->grades[fw->ngrades].min = min;
    fw->ngrades++;
    fw->grades_default = false;
    fw->valid = false;
    return 0;
}

int par_framework_add_appraiser(par_framework_t *fw, const char *key, const char *role, err_t *e)
{
    char *k = NULL, *r = NULL;
    int rc = MEM_GROW(fw->appraisers, fw->appraisercap, fw->nappraisers + 1);
    if (rc || !dup_opt(key ? key : "", &k) || !dup_opt(role ? role : "", &r)) {
        mem_free(k);
        return err_nomem(e);
    }
    fw->appraisers[fw->nappraisers].key = k;
    fw->appraisers[fw->nappraisers].role = r;
    fw->nappraisers++;
    fw->valid = false;
    return 0;
}

/* ---- codes ------------------------------------------------------------- */

/* Length of the segment at s (up to '.' or NUL) when well formed, else 0. */
static size_t segment_len(const char *s)
{
    size_t n = 0;
    bool digits = isdigit((unsigned char)s[0]) != 0;
    if (!digits && !isalpha((unsigned char)s[0]))
        return 0;
    if (digits && s[0] == '0' && isdigit((unsigned char)s[1]))
        return 0;
    while (s[n] && s[n] != '.') {
        unsigned char c = (unsigned char)s[n];
        if (digits ? !isdigit(c) : !isalnum(c))
            return 0;
        n++;
    }
    return n <= 8 ? n : 0;
}

int par_framework_code_depth(const char *code)
{
    if (!code || !code[0] || strlen(code) > PAR_CODE_MAX)
        return 0;
    int depth = 0;
    const char *p = code;
    for (;;) {
        size_t n = segment_len(p);
        if (n == 0 || ++depth > PAR_DEPTH_MAX)
            return 0;
        p += n;
        if (!*p)
            return depth;
        p++; /* the dot; an empty segment after it fails above */
    }
}

/* Compares one segment of each (lengths na, nb). */
static int segment_cmp(const char *a, size_t na, const char *b, size_t nb)
{
    bool da = isdigit((unsigned char)a[0]) != 0, db = isdigit((unsigned char)b[0]) != 0;
    if (da != db)
        return da ? -1 : 1;
    if (da && na != nb)
        return na < nb ? -1 : 1; /* no leading zeros: longer is larger */
    int c = memcmp(a, b, na < nb ? na : nb);
    if (c || na == nb)
        return c;
    return na < nb ? -1 : 1;
}

int par_framework_code_cmp(const char *a, const char *b)
{
    bool ga = par_framework_code_depth(a) > 0, gb = par_framework_code_depth(b) > 0;
    if (!ga || !gb) {
        if (ga != gb)
            return ga ? -1 : 1;
        return strcmp(a ? a : "", b ? b : "");
    }
    for (;;) {
        size_t na = segment_len(a), nb = segment_len(b);
        int c = segment_cmp(a, na, b, nb);
        if (c)
            return c;
        a += na;
        b += nb;
        if (!*a || !*b)
            return *a ? 1 : *b ? -1 : 0;
        a++;
        b++;
    }
}

size_t par_framework_find(const par_framework_t *fw, const char *code)
{
    size_t lo = 0, hi = fw->n;
    if (!code || par_framework_code_depth(code) == 0)
        return PAR_NOPARENT;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = par_framework_code_cmp(fw->nodes[mid].code, code);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return PAR_NOPARENT;
}

bool par_framework_is_leaf(const par_framework_t *fw, size_t i)
{
    return i < fw->n && fw->nodes[i].first_child == PAR_NOPARENT;
}

bool par_framework_covers_year(const par_framework_t *fw, int y)
{
    int last = fw->year_to ? fw->year_to : fw->year;
    return y >= fw->year && y <= last;
}

planparse_area_t par_framework_area(const par_framework_t *fw, size_t top)
{
    planparse_area_t a = PLANPARSE_AREA_NONE;
    if (top >= fw->n || fw->nodes[top].kind != PAR_KIND_CRITERION)
        return PLANPARSE_AREA_NONE;
    const par_node_t *nd = &fw->nodes[top];
    if (nd->area_code)
        return planparse_area_parse(nd->area_code, &a) == 0 ? a : PLANPARSE_AREA_NONE;
    const char *c = nd->code;
    if (c && c[0] >= '1' && c[0] <= '8' && c[1] == '\0')
        return (planparse_area_t)(PLANPARSE_AREA_CHIDAO + (c[0] - '1'));
    return PLANPARSE_AREA_NONE;
}

/* ---- appraisers -------------------------------------------------------- */

static const struct {
    const char *role, *label;
} roles[] = {{"so_noi_vu", "Sở Nội vụ"},
             {"so_tu_phap", "Sở Tư pháp"},
             {"so_tai_chinh", "Sở Tài chính"},
             {"chuyen_doi_so", "Cơ quan chuyên môn về chuyển đổi số"},
             {"vp_ubnd", "Văn phòng UBND tỉnh"}};

const char *par_framework_default_role(planparse_area_t a)
{
    switch (a) {
    case PLANPARSE_AREA_THECHE:
        return "so_tu_phap";
    case PLANPARSE_AREA_TAICHINH:
        return "so_tai_chinh";
    case PLANPARSE_AREA_SO:
        return "chuyen_doi_so";
    case PLANPARSE_AREA_TTHC:
        return "vp_ubnd";
    default:
        return "so_noi_vu";
    }
}

const char *par_framework_role_label_vi(const char *role)
{
    for (size_t i = 0; role && i < sizeof roles / sizeof roles[0]; i++)
        if (strcmp(role, roles[i].role) == 0)
            return roles[i].label;
    return role ? role : "";
}

static const char *appraiser_for_key(const par_framework_t *fw, const char *key)
{
    for (size_t i = 0; key && i < fw->nappraisers; i++)
        if (strcmp(fw->appraisers[i].key, key) == 0)
            return fw->appraisers[i].role;
    return NULL;
}

const char *par_framework_appraiser(const par_framework_t *fw, size_t i, bool *is_role)
{
    *is_role = true;
    if (i >= fw->n)
        return par_framework_default_role(PLANPARSE_AREA_NONE);
    for (size_t j = i; j != PAR_NOPARENT; j = fw->nodes[j].parent)
        if (fw->nodes[j].appraiser && fw->nodes[j].appraiser[0]) {
            *is_role = false;
            return fw->nodes[j].appraiser;
        }
    size_t top = fw->nodes[i].area;
    if (top == PAR_NOPARENT)
        return par_framework_default_role(PLANPARSE_AREA_NONE);
    planparse_area_t a = par_framework_area(fw, top);
    const char *r = appraiser_for_key(fw, fw->nodes[top].code);
    if (!r && a != PLANPARSE_AREA_NONE)
        r = appraiser_for_key(fw, planparse_area_code(a));
    return r ? r : par_framework_default_role(a);
}

/* ---- names ------------------------------------------------------------- */

const char *par_framework_method_name(par_method_t m)
{
    return (int)m >= 0 && m <= PAR_METHOD_UNKNOWN ? method_names[m] : "?";
}

const char *par_framework_source_name(par_source_t s)
{
    return (int)s >= 0 && s <= PAR_SOURCE_UNKNOWN ? source_names[s] : "?";
}

const char *par_framework_kind_name(par_kind_t k)
{
    return (int)k >= 0 && k <= PAR_KIND_UNKNOWN ? kind_names[k] : "?";
}

/* DOMAIN §4 (without "other") plus the PAR-specific measured ratios. */
static const char *const indicators[] = {"tthc.on_time",
                                         "tthc.early",
                                         "tthc.satisfaction",
                                         "tthc.online",
                                         "tthc.full_online",
                                         "tthc.online_payment",
                                         "tthc.digitized",
                                         "tthc.digitized_result",
                                         "catalog.online_service",
                                         "catalog.online_payment",
                                         "catalog.published",
                                         "feedback.on_time",
                                         "office.e_documents",
                                         "office.e_files",
                                         "office.e_reports",
                                         "staff.right_position",
                                         "staff.trained",
                                         "finance.disbursement",
                                         "plan.completion",
                                         "report.on_time",
                                         "index766"};

bool par_framework_indicator_known(const char *indicator)
{
    for (size_t i = 0; indicator && i < sizeof indicators / sizeof indicators[0]; i++)
        if (strcmp(indicator, indicators[i]) == 0)
            return true;
    return false;
}

/* ---- numbers ----------------------------------------------------------- */

int par_framework_milli(double v, int64_t *out)
{
    if (!isfinite(v) || fabs(v) > 1e9)
        return ERR_INVALID;
    double x = v * PAR_MILLI;
    double r = nearbyint(x);
    if (fabs(x - r) > 1e-4)
        return ERR_INVALID;
    *out = (int64_t)r;
    return 0;
}

void par_framework_format(int64_t milli, bool vi, char out[PAR_NUM_MAX])
{
    out[0] = '\0';
    if (milli == PAR_NONE || milli == PAR_INVALID)
        return;
    uint64_t a = milli < 0 ? (uint64_t)0 - (uint64_t)milli : (uint64_t)milli;
    uint64_t ip = a / PAR_MILLI, fp = a % PAR_MILLI;
    char digits[24], grouped[40];
    snprintf(digits, sizeof digits, "%" PRIu64, ip);
    size_t nd = strlen(digits), k = 0;
    for (size_t i = 0; i < nd; i++) {
        if (i && (nd - i) % 3 == 0)
            grouped[k++] = vi ? '.' : ',';
        grouped[k++] = digits[i];
    }
    grouped[k] = '\0';
    char frac[8] = "";
    if (fp) {
        snprintf(frac, sizeof frac, "%c%03" PRIu64, vi ? ',' : '.', fp);
        size_t nf = strlen(frac);
        while (frac[nf - 1] == '0')
            frac[--nf] = '\0';
    }
    snprintf(out, PAR_NUM_MAX, "%s%s%s", milli < 0 ? "-" : "", grouped, frac);
}

/* ---- applicability ----------------------------------------------------- */

bool par_framework_kind_word(const char *s)
{
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
            return false;
    return s[0] != '\0';
}

static bool node_allows(const par_node_t *nd, const char *unit, unit_kind_t kind)
{
    if (!nd->applies_given)
        return true;
    for (size_t i = 0; i < nd->napplies; i++) {
        const char *a = nd->applies_to[i];
        if (strncmp(a, "unit:", 5) == 0) {
            if (unit && strcmp(a + 5, unit) == 0)
                return true;
        } else if (par_framework_kind_word(a)) {
            if (strcmp(a, unit_kind_code(kind)) == 0)
                return true;
        } else if (unit && strcmp(a, unit) == 0) {
            return true;
        }
    }
    return false;
}

bool par_framework_applies(const par_framework_t *fw, size_t i, const char *unit, unit_kind_t kind)
{
    for (size_t j = i; j < fw->n; j = fw->nodes[j].parent)
        if (!node_allows(&fw->nodes[j], unit, kind))
            return false;
    return i < fw->n;
}
