/* app_remind_letter.c - follow-up letters (app_remind_letter.h). */
#include "app/app_remind_letter.h"

#include "app/app_calendar.h"
#include "app/app_remind_int.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/numfmt.h"
#include "base/text.h"
#include "domain/remind_letter.h"
#include "domain/unit_resolve.h"
#include "domain/worktime.h"
#include "store/store_followup.h"
#include "store/store_notice.h"
#include "store/store_unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define REPLY_WORKDAYS 10

typedef struct pick {
    size_t src; /* index into the deadlines */
    const char *unit_name;
    int round, days_late;
} pick_t;

typedef struct letter {
    app_t *a;
    const user_t *actor;
    const app_remind_letter_in_t *in;
    store_t *s;
    unit_set_t units;
    remind_rules_t rules;
    const agencycal_t *cal;
    app_remind_src_t src;
    date_t on;
    const unit_t *body, *division; /* the issuer; the division issuing in its name */
    char symbol[OFFDOC_SYMBOL_MAX + 1], suffix[24];
    pick_t *v;
    size_t n, cap;
    const char **unit_names;
    const char **unit_codes;
    size_t nunits, ucap, ccap;
    int year;
    err_t *e;
} letter_t;

/* --- names ----------------------------------------------------------------------------------- */

static bool committee(const unit_t *u)
{
    return u->kind == UNIT_TINH || u->kind == UNIT_HUYEN || u->kind == UNIT_XA;
}

/* Upper-case initials of a name's words ("Sở Nội vụ" -> "SNV"). */
static void initials(const char *name, char *out, size_t cap)
{
    int rc = 0;
    char *key = text_key(name, strlen(name), &rc);
    size_t n = 0;
    for (const char *p = key; p && *p && n + 1 < cap && n < 10; p++)
        if ((p == key || p[-1] == ' ') && *p >= 'a' && *p <= 'z')
            out[n++] = (char)(*p - 'a' + 'A');
    out[n] = '\0';
    mem_free(key);
}

static const char *parent_name(const letter_t *l, const unit_t *u)
{
    return u->parent ? app_remind_unit_name(&l->units, u->parent, l->on) : NULL;
}

/* The place of the date line: the province's name after "tỉnh ". */
static void place_of(const letter_t *l, char *out, size_t cap)
{
    const unit_t *u = l->body;
    for (int depth = 0; u && u->kind != UNIT_TINH && u->parent && depth < 16; depth++) {
        const unit_t *p = unit_set_find(&l->units, u->parent, l->on);
        u = p ? p : unit_set_find(&l->units, u->parent, DATE_NONE);
    }
    const char *name = u ? u->name : "";
    const char *t = strstr(name, "tỉnh ");
    if (!t)
        t = strstr(name, "Tỉnh ");
    snprintf(out, cap, "%s", t ? t + strlen("tỉnh ") : name);
}

/* The standing agency (Sở Nội vụ) under the actor's unit, for a standing
 * user whose scope is a whole province or district: letters go out in its
 * name. NULL when there is none. */
static const char *standing_agency(letter_t *l)
{
    const unit_t *u = unit_set_find(&l->units, l->actor->unit_code, l->on);
    if (l->actor->role != ACCESS_ROLE_STANDING || !u || !committee(u))
        return NULL;
    unit_resolver_t *r = unit_resolve_new(&l->units, NULL);
    unit_match_t m;
    memset(&m, 0, sizeof m);
    const char *code = NULL;
    if (r &&
        unit_resolve_in(r, "Cơ quan thường trực BCĐ CCHC tỉnh", l->on, u->code, &m, NULL) == 0 &&
        m.n == 1)
        code = m.units[0]->code;
    unit_resolve_match_release(&m);
    unit_resolve_free(r);
    return code;
}

static int issuer(letter_t *l)
{
    const char *agency = !l->in->issuer && l->actor ? standing_agency(l) : NULL;
    const char *code = l->in->issuer && *l->in->issuer ? l->in->issuer
                       : agency                        ? agency
                       : l->actor                      ? l->actor->unit_code
                                                       : "";
    if (!*code)
        return err_set(l->e, ERR_INVALID, "remind_letter.issuer",
                       "Cần chỉ rõ đơn vị ban hành công văn", "The issuing unit is required");
    const unit_t *u = unit_set_find(&l->units, code, l->on);
    if (!u)
        return err_set(l->e, ERR_NOTFOUND, "unit.not_found", "Không tìm thấy đơn vị '%s'",
                       "Unit '%s' not found", code);
    if (l->actor && !access_allows(l->actor, ACCESS_WRITE, u->code, &l->units, l->on))
        return err_set(l->e, ERR_FORBIDDEN, "auth.forbidden",
                       "Bạn không có quyền ban hành công văn của đơn vị này",
                       "You may not issue letters of this unit");
    l->body = u;
    if (u->kind == UNIT_PHONG && u->parent && unit_set_find(&l->units, u->parent, l->on)) {
        l->division = u;
        l->body = unit_set_find(&l->units, u->parent, l->on);
        char div[24];
        initials(u->name, div, sizeof div);
        snprintf(l->suffix, sizeof l->suffix, "%s", div[0] == 'P' && div[1] ? div + 1 : div);
    } else {
        snprintf(l->suffix, sizeof l->suffix, "%s", committee(u) ? "VP" : "CCHC");
    }
    if (l->in->symbol && *l->in->symbol) {
        if (strlen(l->in->symbol) > OFFDOC_SYMBOL_MAX || strpbrk(l->in->symbol, " /\t\r\n"))
            return err_set(l->e, ERR_INVALID, "remind_letter.symbol",
                           "Ký hiệu công văn không hợp lệ", "Invalid letter symbol");
        snprintf(l->symbol, sizeof l->symbol, "%s", l->in->symbol);
    } else {
        char ini[24];
        initials(l->body->name, ini, sizeof ini);
        snprintf(l->symbol, sizeof l->symbol, "%s-%s", committee(l->body) ? "UBND" : ini,
                 l->suffix);
    }
    return 0;
}

/* --- items ----------------------------------------------------------------------------------- */

static int cmp_pick(const void *pa, const void *pb)
{
    const pick_t *a = pa, *b = pb;
    int c = strcmp(a->unit_name, b->unit_name);
    if (c)
        return c;
    return a->days_late > b->days_late ? -1 : a->days_late < b->days_late;
}

static bool wanted(const letter_t *l, const remind_deadline_t *dl, const app_remind_aux_t *x)
{
    if (dl->kind != REMIND_KIND_TASK || dl->done || !x->assignment || dl->due >= l->on)
        return false;
    if (l->in->unit && *l->in->unit)
        return strcmp(dl->unit, l->in->unit) == 0;
    return !l->actor || access_allows(l->actor, ACCESS_READ, dl->unit, &l->units, l->on);
}

static int add_unit(letter_t *l, const char *code, const char *name)
{
    for (size_t i = 0; i < l->nunits; i++)
        if (strcmp(l->unit_codes[i], code) == 0)
            return 0;
    if (MEM_GROW(l->unit_names, l->ucap, l->nunits + 1) ||
        MEM_GROW(l->unit_codes, l->ccap, l->nunits + 1))
        return err_nomem(l->e);
    l->unit_names[l->nunits] = name;
    l->unit_codes[l->nunits++] = code;
    return 0;
}

static int collect(letter_t *l)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < l->src.n; i++) {
        const remind_deadline_t *dl = &l->src.v[i];
        const app_remind_aux_t *x = &l->src.aux[i];
        if (!wanted(l, dl, x))
            continue;
        int rounds = 0;
        rc = store_followup_rounds(l->s, x->assignment, x->period, &rounds, l->e);
        if (!rc && MEM_GROW(l->v, l->cap, l->n + 1))
            rc = err_nomem(l->e);
        if (rc)
            break;
        int late = -remind_plan_days(l->cal, l->on, dl->due);
        l->v[l->n++] = (pick_t){i, app_remind_unit_name(&l->units, dl->unit, l->on), rounds + 1,
                                late > 0 ? late : 1};
        if (x->year > l->year)
            l->year = x->year;
    }
    if (rc)
        return rc;
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, cmp_pick);
    for (size_t i = 0; !rc && i < l->n; i++)
        rc = add_unit(l, l->src.v[l->v[i].src].unit, l->v[i].unit_name);
    if (!l->year)
        l->year = date_year(l->on);
    return rc;
}

/* --- the document ---------------------------------------------------------------------------- */

static int build(letter_t *l, int number, date_t reply_by, offdoc_t **doc)
{
    remind_letter_item_t *items = l->n ? mem_calloc(l->n, sizeof *items) : NULL;
    if (l->n && !items)
        return err_nomem(l->e);
    for (size_t i = 0; i < l->n; i++) {
        const remind_deadline_t *dl = &l->src.v[l->v[i].src];
        items[i] = (remind_letter_item_t){
            l->v[i].unit_name, dl->title,         dl->ref,      l->src.aux[l->v[i].src].period,
            dl->due,           l->v[i].days_late, l->v[i].round};
    }
    char place[OFFDOC_PLACE_MAX + 1], archive[48];
    place_of(l, place, sizeof place);
    snprintf(archive, sizeof archive, "VT, %s", l->suffix);
    bool ubnd = committee(l->body);
    remind_letter_t letter = {
        ubnd ? NULL : parent_name(l, l->body),
        l->body->name,
        l->body->name,
        number,
        l->symbol,
        place,
        l->on,
        l->year,
        l->unit_names,
        l->nunits,
        items,
        l->n,
        reply_by,
        ubnd ? "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH" : "KT. GIÁM ĐỐC",
        ubnd ? "PHÓ CHỦ TỊCH" : "PHÓ GIÁM ĐỐC",
        l->in->signer,
        archive,
    };
    int rc = remind_letter_build(&letter, doc, l->e);
    mem_free(items);
    return rc;
}

/* --- recording ------------------------------------------------------------------------------- */

static int record(letter_t *l, int number, date_t reply_by, int64_t *id)
{
    char units[2048] = "";
    for (size_t i = 0; i < l->nunits; i++) {
        size_t len = strlen(units);
        snprintf(units + len, sizeof units - len, "%s%s", i ? "," : "", l->unit_codes[i]);
    }
    store_followup_letter_t fl = {
        0,       l->body->code, l->symbol, units,    l->actor ? l->actor->login : "cli",
        l->year, number,        l->on,     reply_by, dtime_now()};
    int rc = store_followup_add(l->s, &fl, id, l->e);
    for (size_t i = 0; !rc && i < l->n; i++) {
        const remind_deadline_t *dl = &l->src.v[l->v[i].src];
        const app_remind_aux_t *x = &l->src.aux[l->v[i].src];
        store_followup_item_t it = {*id,     x->assignment,     x->period,    dl->unit,
                                    dl->due, l->v[i].days_late, l->v[i].round};
        rc = store_followup_add_item(l->s, &it, l->e);
    }
    char num[OFFDOC_SYMBOL_MAX + 32], day[DATE_ISO_LEN], by[DATE_ISO_LEN], ref[48],
        title[OFFDOC_SYMBOL_MAX + 160];
    snprintf(num, sizeof num, "%02d/%s", number, l->symbol);
    date_format_vn(l->on, day);
    date_format_vn(reply_by, by);
    snprintf(ref, sizeof ref, "letter:%lld", (long long)*id);
    snprintf(title, sizeof title, "Công văn đôn đốc số %s ngày %s", num, day);
    char body[256];
    snprintf(body, sizeof body,
             "Đề nghị hoàn thành các nhiệm vụ quá hạn và báo cáo kết quả trước ngày %s.", by);
    for (size_t i = 0; !rc && i < l->nunits; i++) {
        store_notice_t n = {0,
                            l->unit_codes[i],
                            "followup",
                            ref,
                            title,
                            body,
                            "#/nhiem-vu",
                            l->actor ? l->actor->login : "cli",
                            dtime_now(),
                            DTIME_NONE};
        int added = store_notice_add(l->s, &n, l->e);
        rc = added < 0 ? added : 0;
    }
    return rc;
}

static json_t *summary_json(const letter_t *l, int64_t id, int number, date_t reply_by, int round)
{
    char line[OFFDOC_SYMBOL_MAX + 32];
    numfmt_docnum(number, l->symbol, line, sizeof line);
    json_t *o = json_object(), *units = json_array(), *items = json_array();
    int rc = !o || !units || !items;
    for (size_t i = 0; !rc && i < l->nunits; i++)
        rc = json_array_append_new(
            units, json_pack("{s:s,s:s}", "code", l->unit_codes[i], "name", l->unit_names[i]));
    for (size_t i = 0; !rc && i < l->n; i++) {
        const remind_deadline_t *dl = &l->src.v[l->v[i].src];
        const app_remind_aux_t *x = &l->src.aux[l->v[i].src];
        json_t *it =
            json_pack("{s:I,s:s,s:s,s:s,s:s,s:i,s:i}", "assignment", (json_int_t)x->assignment,
                      "period", x->period, "unit", dl->unit, "title", dl->title, "due", "",
                      "days_late", l->v[i].days_late, "round", l->v[i].round);
        rc = !it || jsonx_set_date(it, "due", dl->due) || json_array_append_new(items, it);
    }
    rc = rc || (id ? jsonx_set_int(o, "id", id) : jsonx_set_str(o, "id", NULL)) ||
         jsonx_set_int(o, "number", number) || jsonx_set_str(o, "symbol", l->symbol) ||
         jsonx_set_str(o, "number_line", line) || jsonx_set_str(o, "issuer", l->body->code) ||
         jsonx_set_date(o, "date", l->on) || jsonx_set_date(o, "reply_by", reply_by) ||
         jsonx_set_int(o, "round", round) || jsonx_set_int(o, "year", l->year) ||
         jsonx_set(o, "units", units) || jsonx_set(o, "items", items);
    json_decref(units);
    json_decref(items);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* --- entry ----------------------------------------------------------------------------------- */

static int open_letter(letter_t *l)
{
    int rc = app_store(l->a, &l->s, l->e);
    rc = rc ? rc : app_remind_rules_load(l->a, &l->rules, l->e);
    rc = rc ? rc : app_calendar(l->a, &l->cal, l->e);
    rc = rc ? rc : store_unit_load(l->s, &l->units, l->e);
    rc = rc ? rc : issuer(l);
    const char *unit = l->in->unit;
    if (!rc && unit && *unit && !unit_set_find(&l->units, unit, l->on))
        rc = err_set(l->e, ERR_NOTFOUND, "unit.not_found", "Không tìm thấy đơn vị '%s'",
                     "Unit '%s' not found", unit);
    if (!rc && unit && *unit && l->actor &&
        !access_allows(l->actor, ACCESS_READ, unit, &l->units, l->on))
        rc = err_set(l->e, ERR_FORBIDDEN, "auth.forbidden",
                     "Đơn vị này nằm ngoài phạm vi theo dõi của bạn",
                     "This unit is outside your scope");
    rc = rc ? rc : app_remind_src_collect(l->a, l->s, &l->units, &l->rules, l->on, &l->src, l->e);
    return rc ? rc : collect(l);
}

static int numbered(letter_t *l, date_t reply_by, offdoc_t **doc, int *number, int64_t *id)
{
    int rc = store_begin(l->s, l->e);
    if (rc)
        return rc;
    rc = store_notice_next_number(l->s, l->body->code, date_year(l->on), l->symbol, number, l->e);
    rc = rc ? rc : build(l, *number, reply_by, doc);
    rc = rc ? rc : record(l, *number, reply_by, id);
    rc = rc ? rc : store_commit(l->s, l->e);
    if (rc) {
        store_rollback(l->s);
        offdoc_free(*doc);
        *doc = NULL;
    }
    return rc;
}

int app_remind_letter(app_t *a, const user_t *actor, const app_remind_letter_in_t *in,
                      offdoc_t **doc, json_t **summary, err_t *e)
{
    *doc = NULL;
    *summary = NULL;
    letter_t l;
    memset(&l, 0, sizeof l);
    l.a = a;
    l.actor = actor;
    l.in = in;
    l.e = e;
    l.on = in->on != DATE_NONE ? in->on : dtime_date(dtime_now());
    unit_set_init(&l.units);
    int rc = open_letter(&l);
    if (!rc && !l.n)
        rc = err_set(e, ERR_INVALID, "remind_letter.empty",
                     "Không có nhiệm vụ quá hạn nào cần đôn đốc", "No overdue task to follow up");
    date_t reply_by = in->reply_by;
    if (!rc && reply_by == DATE_NONE &&
        worktime_add_workdays_date((void *)l.cal, l.on, REPLY_WORKDAYS, &reply_by))
        reply_by = l.on + 14;
    int number = 0;
    int64_t id = 0;
    if (!rc)
        rc = in->preview ? build(&l, 0, reply_by, doc) : numbered(&l, reply_by, doc, &number, &id);
    if (!rc) {
        int round = 0;
        for (size_t i = 0; i < l.n; i++)
            if (!round || l.v[i].round < round)
                round = l.v[i].round;
        *summary = summary_json(&l, id, number, reply_by, round);
        if (!*summary) {
            offdoc_free(*doc);
            *doc = NULL;
            rc = err_nomem(e);
        }
    }
    mem_free(l.v);
    mem_free(l.unit_names);
    mem_free(l.unit_codes);
    app_remind_src_release(&l.src);
    unit_set_release(&l.units);
    return rc;
}

static int letter_item(void *ctx, const store_followup_letter_t *fl, int64_t items, err_t *e)
{
    json_t *arr = ctx;
    json_t *o = json_object();
    int rc = !o || jsonx_set_int(o, "id", fl->id) || jsonx_set_str(o, "issuer", fl->issuer) ||
             jsonx_set_str(o, "symbol", fl->symbol) || jsonx_set_int(o, "number", fl->number) ||
             jsonx_set_int(o, "year", fl->year) || jsonx_set_date(o, "issued_on", fl->issued_on) ||
             jsonx_set_date(o, "reply_by", fl->reply_by) || jsonx_set_str(o, "units", fl->units) ||
             jsonx_set_int(o, "items", items) || jsonx_set_str(o, "created_by", fl->created_by) ||
             jsonx_set_time(o, "created_at", fl->created_at);
    if (rc) {
        json_decref(o);
        return err_nomem(e);
    }
    return json_array_append_new(arr, o) ? err_nomem(e) : 0;
}

int app_remind_letter_list(app_t *a, const user_t *actor, json_t **out, err_t *e)
{
    *out = NULL;
    if (actor && actor->role != ACCESS_ROLE_ADMIN && actor->role != ACCESS_ROLE_STANDING)
        return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                       "Bạn không có quyền xem công văn đôn đốc",
                       "You may not list follow-up letters");
    store_t *s = NULL;
    json_t *items = json_array();
    int rc = items ? app_store(a, &s, e) : err_nomem(e);
    if (!rc)
        rc = store_followup_list(s, 200, letter_item, items, e);
    if (!rc) {
        *out = json_pack("{s:O}", "items", items);
        rc = *out ? 0 : err_nomem(e);
    }
    json_decref(items);
    return rc;
}
