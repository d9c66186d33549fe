/* report_phrase.c - reporting-clause phrases: kinds, association of dues and
 * windows, rules (see report_phrase.h; grammar in report_phrase_lex.c and
 * report_phrase_time.c). */
#include "domain/report_phrase_int.h"

#include "base/mem.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* ---- kinds ------------------------------------------------------------------- */

#define K(x) (1u << (x))
#define QUARTERLY                                                                                  \
    (K(REPORT_KIND_QUY1) | K(REPORT_KIND_6THANG) | K(REPORT_KIND_QUY3) | K(REPORT_KIND_NAM))

/* One list item at j: its kinds (0 for "tháng", which only sets monthly). */
static bool kind_item(ps_t *p, size_t j, unsigned *kinds, size_t *next)
{
    static const unsigned quarter[] = {0, K(REPORT_KIND_QUY1), K(REPORT_KIND_6THANG),
                                       K(REPORT_KIND_QUY3), K(REPORT_KIND_NAM)};
    static const char *const year_words[] = {"ca nam", "tong ket nam", "nam", NULL};
    int n = 0, y;
    const tok_t *t;
    report_phrase_lex_kw(p, j, "hang", &j);
    if (report_phrase_lex_kw(p, j, "quy", &j)) {
        t = report_phrase_lex_at(p, j);
        if (t && t->type == T_WORD && report_phrase_lex_roman(t->key))
            n = report_phrase_lex_roman(t->key);
        else if (!(t && t->type == T_NUM && t->ndig == 1 && report_phrase_lex_num(p, j, 1, 4, &n)))
            n = 0;
        *kinds = n ? quarter[n] : QUARTERLY;
        p->out->quarterly |= n == 0;
        *next = n ? j + 1 : j;
        return true;
    }
    if (report_phrase_lex_kw(p, j, "dot xuat", next)) {
        *kinds = K(REPORT_KIND_DOT_XUAT);
        return true;
    }
    if (report_phrase_lex_kw_any(p, j, year_words, next)) {
        *kinds = K(REPORT_KIND_NAM);
        if (report_phrase_lex_year(p, *next, &y))
            (*next)++;
        return true;
    }
    if (report_phrase_lex_kw(p, j, "ba thang", next) ||
        report_phrase_lex_kw(p, j, "sau thang", next) ||
        report_phrase_lex_kw(p, j, "chin thang", next))
        n = p->t[j].key[0] == 'b' ? 3 : p->t[j].key[0] == 's' ? 6 : 9;
    else if (report_phrase_lex_num(p, j, 3, 12, &n) &&
             report_phrase_lex_kw(p, j + 1, "thang", next))
        n = (n == 3 || n == 6 || n == 9 || n == 12) ? n : 0;
    else if (report_phrase_lex_kw(p, j, "thang", next))
        n = -1;
    else
        n = 0; /* a number not followed by "tháng" */
    if (n == 0)
        return false;
    if (n == -1) {
        p->out->monthly = true;
        *kinds = 0;
        return true;
    }
    *kinds = n == 3   ? K(REPORT_KIND_QUY1)
             : n == 6 ? K(REPORT_KIND_6THANG)
             : n == 9 ? K(REPORT_KIND_9THANG)
                      : K(REPORT_KIND_NAM);
    if (report_phrase_lex_kw(p, *next, "dau nam", &j) ||
        report_phrase_lex_kw(p, *next, "cuoi nam", &j))
        *next = j;
    return true;
}

static size_t paren_end(const ps_t *p, size_t j)
{
    int depth = 0;
    for (; j < p->n; j++) {
        if (report_phrase_lex_punct(p, j, '('))
            depth++;
        if (report_phrase_lex_punct(p, j, ')') && --depth <= 0)
            return j + 1;
    }
    return p->n;
}

/* A list of items at j; adds its events, returns the token after it. */
static size_t kind_list(ps_t *p, size_t j)
{
    static const char *const seps[] = {"va", "hoac", NULL};
    unsigned kinds;
    size_t next;
    int list = ++p->lists;
    while (kind_item(p, j, &kinds, &next)) {
        event_t ev;
        memset(&ev, 0, sizeof ev);
        ev.type = EV_ITEM;
        ev.pos = j;
        ev.list = list;
        ev.kinds = kinds;
        report_phrase_lex_event(p, &ev);
        j = next;
        if (report_phrase_lex_punct(p, j, '(') && p->nparen < EVENT_MAX) {
            p->paren[p->nparen].a = j;
            p->paren[p->nparen].b = paren_end(p, j);
            p->paren[p->nparen].kinds = kinds;
            p->paren[p->nparen].list = list;
            j = p->paren[p->nparen++].b;
        }
        size_t k = j;
        if (report_phrase_lex_punct(p, k, ',') || report_phrase_lex_punct(p, k, ';') ||
            report_phrase_lex_punct(p, k, '/'))
            k++;
        else if (!report_phrase_lex_kw_any(p, k, seps, &k))
            break;
        if (!kind_item(p, k, &kinds, &next))
            break;
        j = k;
    }
    return j;
}

/* A trigger of a kind list at i: "định kỳ", "hàng/hằng", "báo cáo [CCHC]". */
static bool list_start(ps_t *p, size_t i, size_t *j)
{
    unsigned kinds;
    size_t next;
    if (report_phrase_lex_kw(p, i, "dinh ky", j)) {
        p->out->periodic = true;
        report_phrase_lex_kw(p, *j, "theo", j);
        return true;
    }
    if (report_phrase_lex_kw(p, i, "hang", NULL) && kind_item(p, i, &kinds, &next)) {
        *j = i;
        return true;
    }
    if (report_phrase_lex_kw(p, i, "bao cao", j)) {
        report_phrase_lex_kw(p, *j, "cchc", j);
        report_phrase_lex_kw(p, *j, "cai cach hanh chinh", j);
        return kind_item(p, *j, &kinds, &next);
    }
    return false;
}

/* A text that is nothing but a list of kinds ("6 tháng", "quý I, năm") is
 * read without a trigger; returns the token after it, or 0. */
static size_t bare_list(ps_t *p)
{
    size_t nev = p->nev, nparen = p->nparen, end;
    int lists = p->lists;
    bool quarterly = p->out->quarterly, monthly = p->out->monthly;
    end = kind_list(p, 0);
    for (size_t k = end; k < p->n; k++)
        if (p->t[k].type != T_PUNCT || p->t[k].punct == '(') {
            end = 0;
            break;
        }
    if (end == 0) { /* undo */
        p->nev = nev;
        p->nparen = nparen;
        p->lists = lists;
        p->out->quarterly = quarterly;
        p->out->monthly = monthly;
    }
    return end;
}

static void scan(ps_t *p)
{
    static const char *const on_request[] = {"khi co yeu cau", "theo yeu cau", NULL};
    static const char *const cues[] = {"so lieu", "chot", NULL};
    size_t list_end = bare_list(p), j;
    bool data_cue = false;
    for (size_t i = list_end; i < p->n;) {
        data_cue |= report_phrase_lex_kw_any(p, i, cues, NULL);
        if (report_phrase_lex_kw_any(p, i, on_request, NULL))
            p->out->on_request = true;
        if (i >= list_end && list_start(p, i, &j)) {
            list_end = kind_list(p, j);
            i = j > i ? j : i + 1;
            continue;
        }
        if (i >= list_end && report_phrase_lex_kw(p, i, "dot xuat", NULL)) {
            list_end = kind_list(p, i);
            i = list_end;
            continue;
        }
        if (report_phrase_time_at(p, i, data_cue, &j)) {
            i = j > i ? j : i + 1;
            continue;
        }
        i++;
    }
}

/* ---- assembling items ------------------------------------------------------------ */

typedef struct slot {
    size_t pos;
    int list; /* list number; 0 for a parenthesis or the orphan slot */
    report_phrase_item_t it;
} slot_t;

static bool due_same(const report_phrase_due_t *a, const report_phrase_due_t *b)
{
    return a->form == b->form && a->day == b->day && a->months == b->months &&
           a->month == b->month && a->n == b->n && a->date == b->date;
}

static bool window_same(const report_phrase_window_t *a, const report_phrase_window_t *b)
{
    return a->from_day == b->from_day && a->from_month == b->from_month &&
           a->from_year == b->from_year && a->to_day == b->to_day && a->to_month == b->to_month &&
           a->to_year == b->to_year;
}

static void slot_set(ps_t *p, slot_t *s, const event_t *ev)
{
    if (ev->type == EV_DUE) {
        if (s->it.due.form != REPORT_PHRASE_DUE_NONE && !due_same(&s->it.due, &ev->due))
            report_phrase_lex_unclear(p, REPORT_PHRASE_UNCLEAR_CONFLICT, ev->pos, ev->pos + 1);
        else
            s->it.due = ev->due;
    } else {
        if (s->it.window.set && !window_same(&s->it.window, &ev->win))
            report_phrase_lex_unclear(p, REPORT_PHRASE_UNCLEAR_CONFLICT, ev->pos, ev->pos + 1);
        else
            s->it.window = ev->win;
    }
}

static slot_t *new_slot(slot_t *slots, size_t *n, size_t pos, int list, unsigned kinds)
{
    if (*n >= EVENT_MAX + 1)
        return NULL;
    slot_t *s = &slots[(*n)++];
    memset(s, 0, sizeof *s);
    s->pos = pos;
    s->list = list;
    s->it.kinds = kinds;
    s->it.due.date = DATE_NONE;
    return s;
}

/* The list slot a free-standing timing event belongs to. */
static slot_t *target(slot_t *slots, size_t n, size_t pos)
{
    slot_t *before = NULL, *after = NULL;
    for (size_t i = 0; i < n; i++) {
        if (slots[i].list == 0)
            continue;
        if (slots[i].pos < pos)
            before = &slots[i];
        else if (!after)
            after = &slots[i];
    }
    return before ? before : after;
}

static void assemble(ps_t *p)
{
    slot_t slots[EVENT_MAX + 1];
    size_t ns = 0;
    for (size_t i = 0; i < p->nev; i++) { /* one slot per list */
        const event_t *ev = &p->ev[i];
        slot_t *s = NULL;
        for (size_t k = 0; k < ns && ev->type == EV_ITEM; k++)
            if (slots[k].list == ev->list)
                s = &slots[k];
        if (ev->type == EV_ITEM && !s)
            s = new_slot(slots, &ns, ev->pos, ev->list, 0);
        if (s)
            s->it.kinds |= ev->kinds;
    }
    for (size_t i = 0; i < p->nev; i++) {
        const event_t *ev = &p->ev[i];
        slot_t *s = NULL;
        if (ev->type == EV_ITEM)
            continue;
        if (ev->kinds) { /* inside the parenthesis of an item */
            for (size_t k = 0; k < ns; k++)
                if (slots[k].list == ev->list)
                    slots[k].it.kinds &= ~ev->kinds;
            for (size_t k = 0; k < ns && !s; k++)
                if (slots[k].list == 0 && slots[k].it.kinds == ev->kinds)
                    s = &slots[k];
            if (!s)
                s = new_slot(slots, &ns, ev->pos, 0, ev->kinds);
        } else {
            s = target(slots, ns, ev->pos);
            for (size_t k = 0; k < ns && !s; k++)
                if (slots[k].list == 0 && slots[k].it.kinds == 0)
                    s = &slots[k];
            if (!s)
                s = new_slot(slots, &ns, ev->pos, 0, 0);
        }
        if (s)
            slot_set(p, s, ev);
        else
            p->out->unclear |= REPORT_PHRASE_UNCLEAR_TOO_MANY;
    }
    /* In text order, dropping lists emptied by their parentheses. */
    for (size_t i = 1; i < ns; i++)
        for (size_t k = i; k > 0 && slots[k - 1].pos > slots[k].pos; k--) {
            slot_t tmp = slots[k];
            slots[k] = slots[k - 1];
            slots[k - 1] = tmp;
        }
    for (size_t i = 0; i < ns; i++) {
        const report_phrase_item_t *it = &slots[i].it;
        if (it->kinds == 0 && it->due.form == REPORT_PHRASE_DUE_NONE && !it->window.set)
            continue;
        if (p->out->nitems == REPORT_PHRASE_ITEMS_MAX) {
            p->out->unclear |= REPORT_PHRASE_UNCLEAR_TOO_MANY;
            break;
        }
        p->out->items[p->out->nitems++] = *it;
        p->out->kinds |= it->kinds;
    }
}

/* Events sorted by position (stable). */
static void sort_events(ps_t *p)
{
    for (size_t i = 1; i < p->nev; i++)
        for (size_t k = i; k > 0 && p->ev[k - 1].pos > p->ev[k].pos; k--) {
            event_t tmp = p->ev[k];
            p->ev[k] = p->ev[k - 1];
            p->ev[k - 1] = tmp;
        }
}

int report_phrase_parse(const char *s, size_t n, report_phrase_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    if (n > REPORT_PHRASE_TEXT_MAX)
        return err_set(e, ERR_TOOLARGE, "report_phrase.too_long", "Đoạn văn quá dài (hơn %d byte)",
                       "Text too long (over %d bytes)", REPORT_PHRASE_TEXT_MAX);
    int rc = 0;
    if (!s || n == 0)
        return 0;
    char *nfc = text_nfc(s, n, &rc);
    if (!nfc)
        return rc == ERR_NOMEM ? err_nomem(e)
                               : err_set(e, ERR_INVALID, "report_phrase.utf8",
                                         "Văn bản không phải UTF-8 hợp lệ", "Invalid UTF-8 text");
    ps_t *p = mem_calloc(1, sizeof *p);
    if (!p) {
        rc = err_nomem(e);
        goto done;
    }
    p->text = nfc;
    p->out = out;
    rc = report_phrase_lex_run(p, strlen(nfc));
    if (rc) {
        rc = rc == ERR_NOMEM ? err_nomem(e)
                             : err_set(e, ERR_INVALID, "report_phrase.utf8",
                                       "Văn bản không phải UTF-8 hợp lệ", "Invalid UTF-8 text");
        goto done;
    }
    scan(p);
    sort_events(p);
    assemble(p);
done:
    if (p)
        mem_free(p->t);
    mem_free(p);
    mem_free(nfc);
    if (rc)
        memset(out, 0, sizeof *out);
    return rc;
}

/* ---- rules from items ---------------------------------------------------------- */

static int popcount_periodic(unsigned kinds)
{
    int c = 0;
    for (int k = 0; k < REPORT_KIND_PERIODIC; k++)
        c += (kinds >> k) & 1u;
    return c;
}

/* Offset of calendar month m from `last`, within -5..+6. */
static int near_offset(int m, int last)
{
    int d = m - last;
    if (d < -5)
        d += 12;
    if (d > 6)
        d -= 12;
    return d;
}

int report_phrase_due_rule(const report_phrase_item_t *it, report_kind_t k, period_due_t *out)
{
    int first, last, best = 99, single = 0, count = 0;
    if (report_kind_months(k, &first, &last) != 0)
        return ERR_INVALID;
    const report_phrase_due_t *d = &it->due;
    memset(out, 0, sizeof *out);
    switch (d->form) {
    case REPORT_PHRASE_DUE_WORKDAYS:
    case REPORT_PHRASE_DUE_DAYS:
        out->kind = d->form == REPORT_PHRASE_DUE_WORKDAYS ? PERIOD_DUE_WORKDAYS_AFTER
                                                          : PERIOD_DUE_DAYS_AFTER;
        out->n = d->n;
        return 0;
    case REPORT_PHRASE_DUE_DATE:
        return ERR_INVALID;
    case REPORT_PHRASE_DUE_DAY:
        break;
    default:
        return ERR_NOTFOUND;
    }
    out->kind = PERIOD_DUE_DAY_OF_MONTH;
    out->day = d->day;
    if (d->months == 0) {
        out->month = d->month;
        return 0;
    }
    for (int m = 1; m <= 12; m++) {
        if (!(d->months & (1u << m)))
            continue;
        int off = near_offset(m, last);
        count++;
        single = off;
        if (off >= 0 && off <= 2 && off < best)
            best = off;
    }
    if (best == 99 && count == 1 && popcount_periodic(it->kinds) == 1 && single >= -2 &&
        single <= 3)
        best = single;
    if (best == 99) {
        memset(out, 0, sizeof *out);
        return ERR_NOTFOUND;
    }
    out->month = best;
    return 0;
}

int report_phrase_window_rule(const report_phrase_item_t *it, report_kind_t k, period_window_t *out)
{
    const report_phrase_window_t *w = &it->window;
    char buf[48];
    period_window_t pw;
    if (!w->set)
        return ERR_NOTFOUND;
    if (w->from_year || w->to_year)
        return ERR_INVALID;
    int fd = w->from_day ? w->from_day : 1, fm = w->from_day ? w->from_month : 1;
    snprintf(buf, sizeof buf, "%d/%d-%d/%d", fd, fm, w->to_day, w->to_month);
    int rc = report_kind_window_parse(k, buf, strlen(buf), &pw, NULL);
    if (rc)
        return rc;
    if (!w->from_day) { /* keep the default start */
        period_rule_t def;
        period_rule_default(&def);
        pw.from_day = def.window.from_day;
        pw.from_month = def.window.from_month;
    }
    *out = pw;
    return 0;
}

int report_phrase_item_dates(const report_phrase_item_t *it, date_t *from, date_t *to, date_t *due)
{
    const report_phrase_window_t *w = &it->window;
    *from = *to = DATE_NONE;
    *due = it->due.form == REPORT_PHRASE_DUE_DATE ? it->due.date : DATE_NONE;
    if (!w->set || !w->to_year)
        return ERR_NOTFOUND;
    *to = date_from_ymd(w->to_year, w->to_month, w->to_day);
    if (w->from_day) {
        int fy = w->from_year;
        if (!fy)
            fy = (w->from_month < w->to_month ||
                  (w->from_month == w->to_month && w->from_day <= w->to_day))
                     ? w->to_year
                     : w->to_year - 1;
        if (!date_valid_ymd(fy, w->from_month, w->from_day))
            return ERR_NOTFOUND;
        *from = date_from_ymd(fy, w->from_month, w->from_day);
    }
    return 0;
}
