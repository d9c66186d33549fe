/* survey.c - questionnaires, answers, tallies and indices (see survey.h). */
#include "domain/survey.h"

#include "base/jsonx.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* --- the form ---------------------------------------------------------------------- */

static int form_error(err_t *e, const char *what)
{
    return err_set(e, ERR_INVALID, "survey.form", "Phiếu khảo sát không hợp lệ: trường '%s'",
                   "Invalid survey form: field '%s'", what);
}

static bool code_ok(const char *c)
{
    size_t n = strlen(c);
    if (!n || n > SURVEY_CODE_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char x = c[i];
        if (!((x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z') || (x >= '0' && x <= '9') ||
              x == '_' || x == '.' || x == '-'))
            return false;
    }
    return true;
}

static bool text_ok(const char *s, bool required)
{
    size_t n = strlen(s);
    return (n || !required) && n <= SURVEY_TEXT_MAX && text_valid(s, n);
}

/* A code and its text in both languages (English defaults to Vietnamese). */
static int label(const json_t *o, const char *key, const char *what, survey_label_t *out, err_t *e)
{
    char key_en[32];
    snprintf(key_en, sizeof key_en, "%s_en", key);
    const char *code = jsonx_str(o, "code", ""), *t = jsonx_str(o, key, "");
    const char *en = jsonx_str(o, key_en, t);
    if (!json_is_object(o) || !code_ok(code))
        return form_error(e, what);
    if (!text_ok(t, true) || !text_ok(en, true))
        return form_error(e, key);
    snprintf(out->code, sizeof out->code, "%s", code);
    snprintf(out->text, sizeof out->text, "%s", t);
    snprintf(out->text_en, sizeof out->text_en, "%s", en);
    return 0;
}

static bool dup_code(const survey_label_t *v, size_t stride, size_t n, const char *code)
{
    const char *p = (const char *)v;
    for (size_t i = 0; i < n; i++, p += stride)
        if (strcmp(((const survey_label_t *)(const void *)p)->code, code) == 0)
            return true;
    return false;
}

/* The array at key with at most max elements (at least one when
 * required), or NULL; *ok tells an optional absent key from a bad value. */
static const json_t *array(const json_t *root, const char *key, size_t max, bool required, bool *ok)
{
    const json_t *a = json_object_get(root, key);
    *ok = !a && !required;
    if (!a)
        return NULL;
    *ok = json_is_array(a) && json_array_size(a) <= max && (!required || json_array_size(a));
    return *ok ? a : NULL;
}

static int parse_scale(const json_t *root, survey_form_t *f, err_t *e)
{
    const json_t *s = json_object_get(root, "scale");
    if (!json_is_object(s))
        return form_error(e, "scale");
    f->points = (int)jsonx_int(s, "points", 5);
    f->satisfied_min = (int)jsonx_int(s, "satisfied_min", f->points - 1);
    if (f->points < 3 || f->points > SURVEY_POINTS_MAX)
        return form_error(e, "scale.points");
    if (f->satisfied_min < 2 || f->satisfied_min > f->points)
        return form_error(e, "scale.satisfied_min");
    const json_t *l = json_object_get(s, "labels");
    if (l && (!json_is_array(l) || json_array_size(l) != (size_t)f->points))
        return form_error(e, "scale.labels");
    return 0;
}

static int parse_components(const json_t *root, survey_form_t *f, err_t *e)
{
    bool ok;
    const json_t *a = array(root, "components", SURVEY_COMPONENTS_MAX, false, &ok);
    if (!ok)
        return form_error(e, "components");
    for (size_t i = 0; i < json_array_size(a); i++) {
        survey_label_t *c = &f->components[f->ncomponents];
        int rc = label(json_array_get(a, i), "name", "components", c, e);
        if (rc)
            return rc;
        if (dup_code(f->components, sizeof *c, f->ncomponents, c->code))
            return form_error(e, "components.code");
        f->ncomponents++;
    }
    return 0;
}

static int parse_items(const json_t *g, int group, survey_form_t *f, err_t *e)
{
    bool ok;
    const json_t *a = array(g, "items", SURVEY_ITEMS_MAX, true, &ok);
    if (!ok)
        return form_error(e, "items");
    for (size_t i = 0; i < json_array_size(a); i++) {
        if (f->nitems == SURVEY_ITEMS_MAX)
            return form_error(e, "items");
        survey_item_t *it = &f->items[f->nitems];
        int rc = label(json_array_get(a, i), "text", "items", &it->l, e);
        if (rc)
            return rc;
        if (dup_code(&f->items[0].l, sizeof *it, f->nitems, it->l.code))
            return form_error(e, "items.code");
        it->group = group;
        f->nitems++;
    }
    return 0;
}

static int component_of(const json_t *g, const survey_form_t *f, int *out, err_t *e)
{
    const char *c = jsonx_str(g, "component", "");
    *out = -1;
    if (!*c && !f->ncomponents)
        return 0;
    for (size_t i = 0; i < f->ncomponents; i++)
        if (strcmp(f->components[i].code, c) == 0)
            *out = (int)i;
    return *out < 0 ? form_error(e, "groups.component") : 0;
}

static int parse_groups(const json_t *root, survey_form_t *f, err_t *e)
{
    bool ok;
    const json_t *a = array(root, "groups", SURVEY_GROUPS_MAX, true, &ok);
    if (!ok)
        return form_error(e, "groups");
    int rc = 0;
    for (size_t i = 0; !rc && i < json_array_size(a); i++) {
        const json_t *o = json_array_get(a, i);
        survey_group_t *g = &f->groups[f->ngroups];
        rc = label(o, "name", "groups", &g->l, e);
        if (!rc && dup_code(&f->groups[0].l, sizeof *g, f->ngroups, g->l.code))
            rc = form_error(e, "groups.code");
        if (!rc)
            rc = component_of(o, f, &g->component, e);
        if (!rc)
            rc = parse_items(o, (int)f->ngroups++, f, e);
    }
    return rc;
}

static int parse_demo(const json_t *o, survey_demo_t *d, err_t *e)
{
    int rc = label(o, "text", "demographics", &d->l, e);
    bool ok = false;
    const json_t *a = rc ? NULL : array(o, "options", SURVEY_OPTIONS_MAX, true, &ok);
    if (!rc && !ok)
        rc = form_error(e, "demographics.options");
    for (size_t i = 0; !rc && i < json_array_size(a); i++) {
        survey_label_t *op = &d->options[d->noptions];
        rc = label(json_array_get(a, i), "label", "demographics.options", op, e);
        if (!rc && dup_code(d->options, sizeof *op, d->noptions, op->code))
            rc = form_error(e, "demographics.options.code");
        if (!rc)
            d->noptions++;
    }
    return rc;
}

static int parse_demos(const json_t *root, survey_form_t *f, err_t *e)
{
    bool ok;
    const json_t *a = array(root, "demographics", SURVEY_DEMOS_MAX, false, &ok);
    if (!ok)
        return form_error(e, "demographics");
    int rc = 0;
    for (size_t i = 0; !rc && i < json_array_size(a); i++) {
        survey_demo_t *d = &f->demos[f->ndemos];
        rc = parse_demo(json_array_get(a, i), d, e);
        if (!rc && dup_code(&f->demos[0].l, sizeof *d, f->ndemos, d->l.code))
            rc = form_error(e, "demographics.code");
        if (!rc)
            f->ndemos++;
    }
    return rc;
}

/* "overall", "group:X" or "component:X" naming a group/component of f. */
static bool index_name_ok(const survey_form_t *f, const char *s)
{
    if (strcmp(s, "overall") == 0)
        return true;
    if (strncmp(s, "group:", 6) == 0) {
        for (size_t i = 0; i < f->ngroups; i++)
            if (strcmp(f->groups[i].l.code, s + 6) == 0)
                return true;
    } else if (strncmp(s, "component:", 10) == 0) {
        for (size_t i = 0; i < f->ncomponents; i++)
            if (strcmp(f->components[i].code, s + 10) == 0)
                return true;
    }
    return false;
}

static int parse_par(const json_t *root, survey_form_t *f, err_t *e)
{
    bool ok;
    const json_t *a = array(root, "par", SURVEY_PAR_MAX, false, &ok);
    if (!ok)
        return form_error(e, "par");
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *o = json_array_get(a, i);
        const char *c = jsonx_str(o, "criterion", ""), *x = jsonx_str(o, "index", "overall");
        if (!code_ok(c) || strlen(x) >= sizeof f->par[0].index || !index_name_ok(f, x))
            return form_error(e, "par");
        for (size_t k = 0; k < f->npar; k++) /* one index per criterion */
            if (strcmp(f->par[k].criterion, c) == 0)
                return form_error(e, "par");
        snprintf(f->par[f->npar].criterion, sizeof f->par[0].criterion, "%s", c);
        snprintf(f->par[f->npar].index, sizeof f->par[0].index, "%s", x);
        f->npar++;
    }
    return 0;
}

static int parse_head(const json_t *root, survey_form_t *f, err_t *e)
{
    if (!json_is_object(root) || strcmp(jsonx_str(root, "format", ""), "cchc-survey/1") != 0)
        return form_error(e, "format");
    const char *code = jsonx_str(root, "code", ""), *ver = jsonx_str(root, "version", "");
    const char *title = jsonx_str(root, "title", ""), *en = jsonx_str(root, "title_en", title);
    if (!code_ok(code))
        return form_error(e, "code");
    if (!code_ok(ver))
        return form_error(e, "version");
    if (!text_ok(title, true) || !text_ok(en, true))
        return form_error(e, "title");
    snprintf(f->code, sizeof f->code, "%s", code);
    snprintf(f->version, sizeof f->version, "%s", ver);
    snprintf(f->title, sizeof f->title, "%s", title);
    snprintf(f->title_en, sizeof f->title_en, "%s", en);
    f->rule = SURVEY_RULE_SHARE;
    const char *rule = jsonx_str(root, "rule", "share");
    return survey_rule_parse(rule, &f->rule) ? form_error(e, "rule") : 0;
}

int survey_form_parse(const char *text, size_t n, survey_form_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    json_t *root = jsonx_parse(text, n, e);
    if (!root)
        return ERR_INVALID;
    int rc = parse_head(root, out, e);
    if (!rc)
        rc = parse_scale(root, out, e);
    if (!rc)
        rc = parse_components(root, out, e);
    if (!rc)
        rc = parse_groups(root, out, e);
    if (!rc)
        rc = parse_demos(root, out, e);
    if (!rc)
        rc = parse_par(root, out, e);
    json_decref(root);
    return rc;
}

const char *survey_rule_name(survey_rule_t r)
{
    return r == SURVEY_RULE_MEAN ? "mean" : r == SURVEY_RULE_SHARE ? "share" : "";
}

int survey_rule_parse(const char *s, survey_rule_t *out)
{
    if (s && strcmp(s, "share") == 0)
        *out = SURVEY_RULE_SHARE;
    else if (s && strcmp(s, "mean") == 0)
        *out = SURVEY_RULE_MEAN;
    else
        return ERR_INVALID;
    return 0;
}

/* --- answers ----------------------------------------------------------------------- */

int survey_item_find(const survey_form_t *f, const char *code)
{
    for (size_t i = 0; code && i < f->nitems; i++)
        if (strcmp(f->items[i].l.code, code) == 0)
            return (int)i;
    return -1;
}

int survey_demo_find(const survey_form_t *f, const char *code)
{
    for (size_t i = 0; code && i < f->ndemos; i++)
        if (strcmp(f->demos[i].l.code, code) == 0)
            return (int)i;
    return -1;
}

int survey_option_find(const survey_demo_t *d, const char *code)
{
    for (size_t i = 0; code && i < d->noptions; i++)
        if (strcmp(d->options[i].code, code) == 0)
            return (int)i;
    return -1;
}

static int answer_error(err_t *e, const char *code, const char *value)
{
    return err_set(e, ERR_INVALID, "survey.answer", "Câu trả lời không hợp lệ: %.40s = '%.40s'",
                   "Invalid answer: %.40s = '%.40s'", code, value);
}

int survey_answer_set(const survey_form_t *f, survey_answers_t *a, const char *code,
                      const char *value, err_t *e)
{
    const char *v = value ? value : "";
    int i = survey_item_find(f, code);
    if (i >= 0) {
        if (!*v) {
            a->score[i] = 0;
            return 0;
        }
        if (v[1] || v[0] < '1' || v[0] > '0' + f->points)
            return answer_error(e, code, v);
        a->score[i] = (unsigned char)(v[0] - '0');
        return 0;
    }
    int d = survey_demo_find(f, code);
    if (d < 0)
        return answer_error(e, code ? code : "", v);
    if (!*v) {
        a->demo[d] = 0;
        return 0;
    }
    int o = survey_option_find(&f->demos[d], v);
    if (o < 0)
        return answer_error(e, code, v);
    a->demo[d] = (unsigned char)(o + 1);
    return 0;
}

int survey_answers_check(const survey_form_t *f, const survey_answers_t *a, err_t *e)
{
    for (size_t i = 0; i < f->nitems; i++)
        if (a->score[i])
            return 0;
    return err_set(e, ERR_INVALID, "survey.answer", "Phiếu chưa trả lời câu hỏi nào",
                   "The form has no answer");
}

int survey_answers_encode(const survey_form_t *f, const survey_answers_t *a, buf_t *answers,
                          buf_t *demo)
{
    int rc = buf_puts(answers, "");
    for (size_t i = 0; !rc && i < f->nitems; i++)
        if (a->score[i])
            rc = buf_printf(answers, "%s%s=%d", answers->len ? ";" : "", f->items[i].l.code,
                            a->score[i]);
    if (!rc)
        rc = buf_puts(demo, "");
    for (size_t d = 0; !rc && d < f->ndemos; d++)
        if (a->demo[d])
            rc = buf_printf(demo, "%s%s=%s", demo->len ? ";" : "", f->demos[d].l.code,
                            f->demos[d].options[a->demo[d] - 1].code);
    return rc;
}

/* Applies "k=v;k=v" pairs. */
static int decode_pairs(const survey_form_t *f, const char *s, survey_answers_t *out, err_t *e)
{
    while (s && *s) {
        const char *end = strchr(s, ';');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        const char *eq = memchr(s, '=', len);
        char k[SURVEY_CODE_MAX + 1], v[SURVEY_CODE_MAX + 1];
        if (!eq || (size_t)(eq - s) > SURVEY_CODE_MAX ||
            len - (size_t)(eq - s) - 1 > SURVEY_CODE_MAX)
            return answer_error(e, "?", "?");
        snprintf(k, sizeof k, "%.*s", (int)(eq - s), s);
        snprintf(v, sizeof v, "%.*s", (int)(len - (size_t)(eq - s) - 1), eq + 1);
        int rc = survey_answer_set(f, out, k, v, e);
        if (rc)
            return rc;
        s = end ? end + 1 : NULL;
    }
    return 0;
}

int survey_answers_decode(const survey_form_t *f, const char *answers, const char *demo,
                          survey_answers_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    int rc = decode_pairs(f, answers, out, e);
    if (!rc)
        rc = decode_pairs(f, demo, out, e);
    return rc;
}

/* --- tallies and indices ------------------------------------------------------------ */

void survey_tally_init(survey_tally_t *t)
{
    memset(t, 0, sizeof *t);
}

void survey_tally_add(const survey_form_t *f, survey_tally_t *t, const survey_answers_t *a)
{
    t->responses++;
    for (size_t i = 0; i < f->nitems; i++)
        if (a->score[i] >= 1 && a->score[i] <= f->points)
            t->score[i][a->score[i]]++;
    for (size_t d = 0; d < f->ndemos; d++)
        t->demo[d][a->demo[d] <= f->demos[d].noptions ? a->demo[d] : 0]++;
}

static void item_index(const survey_form_t *f, const survey_tally_t *t, size_t i,
                       survey_rule_t rule, survey_result_t *r)
{
    int64_t n = 0, sum = 0, sat = 0;
    for (int s = 1; s <= f->points; s++) {
        n += t->score[i][s];
        sum += t->score[i][s] * s;
        if (s >= f->satisfied_min)
            sat += t->score[i][s];
    }
    r->satisfied[i] = sat;
    r->item[i].n = n;
    r->item[i].has = n > 0;
    if (!n)
        return;
    r->mean[i] = (double)sum / (double)n;
    r->item[i].value =
        rule == SURVEY_RULE_MEAN ? r->mean[i] / f->points * 100.0 : (double)sat * 100.0 / (double)n;
}

/* Mean of the indices in[k] for which pick(k) is true (and that have data). */
static void mean_of(survey_index_t *out, const survey_index_t *in, size_t n, const int *owner,
                    int want)
{
    double sum = 0;
    size_t k = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        if ((owner && owner[i] != want) || !in[i].has)
            continue;
        sum += in[i].value;
        out->n += in[i].n;
        k++;
    }
    out->has = k > 0;
    out->value = k ? sum / (double)k : 0;
}

void survey_result_compute(const survey_form_t *f, const survey_tally_t *t, survey_rule_t rule,
                           survey_result_t *out)
{
    memset(out, 0, sizeof *out);
    out->rule = rule;
    int item_group[SURVEY_ITEMS_MAX], group_comp[SURVEY_GROUPS_MAX];
    for (size_t i = 0; i < f->nitems; i++) {
        item_index(f, t, i, rule, out);
        item_group[i] = f->items[i].group;
    }
    for (size_t g = 0; g < f->ngroups; g++) {
        mean_of(&out->group[g], out->item, f->nitems, item_group, (int)g);
        group_comp[g] = f->groups[g].component;
    }
    for (size_t c = 0; c < f->ncomponents; c++)
        mean_of(&out->component[c], out->group, f->ngroups, group_comp, (int)c);
    if (f->ncomponents)
        mean_of(&out->overall, out->component, f->ncomponents, NULL, 0);
    else
        mean_of(&out->overall, out->group, f->ngroups, NULL, 0);
}

const survey_index_t *survey_result_index(const survey_form_t *f, const survey_result_t *r,
                                          const char *name)
{
    if (strcmp(name, "overall") == 0)
        return &r->overall;
    for (size_t g = 0; strncmp(name, "group:", 6) == 0 && g < f->ngroups; g++)
        if (strcmp(f->groups[g].l.code, name + 6) == 0)
            return &r->group[g];
    for (size_t c = 0; strncmp(name, "component:", 10) == 0 && c < f->ncomponents; c++)
        if (strcmp(f->components[c].code, name + 10) == 0)
            return &r->component[c];
    return NULL;
}
