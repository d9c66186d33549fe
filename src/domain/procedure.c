#include "domain/procedure.h"

#include "base/mem.h"

#include <string.h>
#include <strings.h>

#include "base/banned.h"

static const char *unit_codes[] = {"ngay_lam_viec", "gio_lam_viec", "ngay"};
static const char *unit_alt[] = {"working_days", "working_hours", "days"};
static const char *level_codes[] = {"khong", "mot_phan", "toan_trinh"};
static const char *level_alt[] = {"none", "partial", "full"};

int procedure_time_unit_parse(const char *s, procedure_time_unit_t *out)
{
    for (int i = 0; i < 3; i++)
        if (strcasecmp(s, unit_codes[i]) == 0 || strcasecmp(s, unit_alt[i]) == 0) {
            *out = (procedure_time_unit_t)i;
            return 0;
        }
    return ERR_INVALID;
}

const char *procedure_time_unit_code(procedure_time_unit_t u)
{
    return (unsigned)u < 3 ? unit_codes[u] : "?";
}

int procedure_level_parse(const char *s, procedure_level_t *out)
{
    for (int i = 0; i < 3; i++)
        if (strcasecmp(s, level_codes[i]) == 0 || strcasecmp(s, level_alt[i]) == 0) {
            *out = (procedure_level_t)i;
            return 0;
        }
    return ERR_INVALID;
}

const char *procedure_level_code(procedure_level_t l)
{
    return (unsigned)l < 3 ? level_codes[l] : "?";
}

int procedure_check(const procedure_t *p, err_t *e)
{
    const char *code = p->code ? p->code : "";
    size_t n = strlen(code);
    if (n == 0 || n > PROCEDURE_CODE_MAX || strpbrk(code, " \t\r\n,;"))
        return err_set(e, ERR_INVALID, "procedure.code", "mã thủ tục không hợp lệ '%s'",
                       "invalid procedure code '%s'", code);
    if (!p->name || !*p->name)
        return err_set(e, ERR_INVALID, "procedure.name", "thủ tục %s thiếu tên",
                       "procedure %s has no name", code);
    if (p->allowance < 0 || p->allowance > 3650)
        return err_set(e, ERR_INVALID, "procedure.allowance",
                       "thời gian giải quyết của thủ tục %s không hợp lệ (%lld)",
                       "procedure %s: invalid time allowance (%lld)", code,
                       (long long)p->allowance);
    if (p->cutoff_minute < -1 || p->cutoff_minute >= 24 * 60)
        return err_set(e, ERR_INVALID, "procedure.cutoff", "thủ tục %s: giờ chốt không hợp lệ",
                       "procedure %s: invalid cut-off time", code);
    return 0;
}

void procedure_set_init(procedure_set_t *s)
{
    memset(s, 0, sizeof *s);
    dossier_keymap_init(&s->index);
}

static void procedure_release(procedure_t *p)
{
    mem_free(p->code);
    mem_free(p->name);
    mem_free(p->field);
}

void procedure_set_release(procedure_set_t *s)
{
    for (size_t i = 0; i < s->n; i++)
        procedure_release(&s->items[i]);
    for (size_t i = 0; i < s->nlinks; i++) {
        mem_free(s->links[i].procedure);
        mem_free(s->links[i].unit);
    }
    mem_free(s->items);
    mem_free(s->links);
    dossier_keymap_release(&s->index);
    procedure_set_init(s);
}

static int grow(void **arr, size_t *cap, size_t n, size_t elem, err_t *e)
{
    return mem_grow(arr, cap, n + 1, elem) ? err_nomem(e) : 0;
}

static int rebuild_index(procedure_set_t *s, err_t *e)
{
    dossier_keymap_release(&s->index);
    for (size_t i = 0; i < s->n; i++) {
        int rc = dossier_keymap_put(&s->index, s->items[i].code, (uint32_t)i, e);
        if (rc)
            return rc;
    }
    return 0;
}

int procedure_set_add(procedure_set_t *s, const procedure_t *p, err_t *e)
{
    procedure_t c = *p;
    c.code = mem_strdup(p->code);
    c.name = mem_strdup(p->name);
    c.field = mem_strdup(p->field ? p->field : "");
    if (!c.code || !c.name || !c.field) {
        procedure_release(&c);
        return err_nomem(e);
    }
    long at = procedure_set_find(s, p->code);
    if (at >= 0) {
        /* Keep the indexed code string; replace everything else. */
        procedure_t *old = &s->items[at];
        mem_free(c.code);
        c.code = old->code;
        mem_free(old->name);
        mem_free(old->field);
        *old = c;
        return 0;
    }
    void *items = s->items;
    int rc = grow(&items, &s->cap, s->n, sizeof *s->items, e);
    if (rc) {
        procedure_release(&c);
        return rc;
    }
    s->items = items; /* keys point at the strings, not the array: no rebuild needed */
    s->items[s->n++] = c;
    rc = dossier_keymap_put(&s->index, s->items[s->n - 1].code, (uint32_t)(s->n - 1), e);
    if (rc) {
        s->n--;
        procedure_release(&c);
        return rebuild_index(s, NULL) ? ERR_NOMEM : rc;
    }
    return 0;
}

int procedure_set_add_link(procedure_set_t *s, const procedure_link_t *l, err_t *e)
{
    if (!l->procedure || !*l->procedure || !l->unit || !*l->unit)
        return err_set(e, ERR_INVALID, "procedure.link", "liên kết thủ tục - đơn vị thiếu mã",
                       "procedure-unit link without a code");
    if (l->valid_from != DATE_NONE && l->valid_to != DATE_NONE && l->valid_to < l->valid_from)
        return err_set(e, ERR_INVALID, "procedure.link",
                       "thủ tục %s tại %s: ngày hết hiệu lực trước ngày bắt đầu",
                       "procedure %s at %s: valid_to before valid_from", l->procedure, l->unit);
    void *links = s->links;
    int rc = grow(&links, &s->linkcap, s->nlinks, sizeof *s->links, e);
    if (rc)
        return rc;
    s->links = links;
    procedure_link_t c = *l;
    c.procedure = mem_strdup(l->procedure);
    c.unit = mem_strdup(l->unit);
    if (!c.procedure || !c.unit) {
        mem_free(c.procedure);
        mem_free(c.unit);
        return err_nomem(e);
    }
    s->links[s->nlinks++] = c;
    return 0;
}

long procedure_set_find(const procedure_set_t *s, const char *code)
{
    uint32_t v;
    return dossier_keymap_get(&s->index, code, &v) ? (long)v : -1;
}

bool procedure_link_valid_at(const procedure_link_t *l, date_t at)
{
    if (at == DATE_NONE)
        return true;
    return (l->valid_from == DATE_NONE || l->valid_from <= at) &&
           (l->valid_to == DATE_NONE || at <= l->valid_to);
}
