/* report_cal.c - reporting calendar: rules, overrides, ad hoc reports, resolver and
 * cascade (see report_cal.h). */
#include "domain/report_cal.h"

#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

struct report_cal {
    report_cal_rule_t *rules;
    size_t nrules, rules_cap;
    report_cal_override_t *overrides;
    size_t noverrides, overrides_cap;
    report_cal_adhoc_t *adhoc;
    size_t nadhoc, adhoc_cap;
};

static const char *const origin_names[] = {"default",      "rule_any", "rule",
                                           "override_any", "override", "adhoc"};

static bool kind_periodic(report_kind_t k)
{
    return (int)k >= 0 && (int)k < REPORT_KIND_PERIODIC;
}

static bool year_ok(int y)
{
    return y >= REPORT_CAL_YEAR_MIN && y <= REPORT_CAL_YEAR_MAX;
}

static int year_error(err_t *e, int y)
{
    return err_set(e, ERR_RANGE, "report_cal.year", "Năm %d nằm ngoài phạm vi %d..%d",
                   "Year %d is outside %d..%d", y, REPORT_CAL_YEAR_MIN, REPORT_CAL_YEAR_MAX);
}

static int kind_error(err_t *e, report_kind_t k)
{
    return err_set(e, ERR_INVALID, "report_cal.kind", "Loại báo cáo %s không có kỳ báo cáo định kỳ",
                   "Report kind %s has no periodic period", report_kind_code(k));
}

/* ---- items ------------------------------------------------------------ */

void report_cal_copy(char *dst, size_t cap, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (cap == 0)
        return;
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(dst, s, n);
    dst[n] = '\0';
}

void report_cal_rule_init(report_cal_rule_t *r, const char *receiver, report_kind_t kind)
{
    period_rule_t def;
    memset(r, 0, sizeof *r);
    report_cal_copy(r->receiver, sizeof r->receiver, receiver ? receiver : REPORT_CAL_ANY);
    r->kind = kind;
    period_rule_default(&def);
    r->window = def.window;
    r->due = def.due;
    r->enabled = true;
}

void report_cal_override_init(report_cal_override_t *o, const char *receiver, int year,
                              report_kind_t kind)
{
    memset(o, 0, sizeof *o);
    report_cal_copy(o->receiver, sizeof o->receiver, receiver ? receiver : REPORT_CAL_ANY);
    o->year = year;
    o->kind = kind;
    o->from = o->to = o->due = DATE_NONE;
}

void report_cal_adhoc_init(report_cal_adhoc_t *a, const char *receiver, const char *id)
{
    memset(a, 0, sizeof *a);
    report_cal_copy(a->receiver, sizeof a->receiver, receiver ? receiver : REPORT_CAL_ANY);
    report_cal_copy(a->id, sizeof a->id, id);
    a->from = a->to = a->due = DATE_NONE;
}

static bool field_ok(const char *s, size_t cap)
{
    return memchr(s, '\0', cap) != NULL && s[0] != '\0';
}

static int receiver_check(const char *receiver, err_t *e)
{
    if (!field_ok(receiver, REPORT_CAL_CODE_MAX))
        return err_set(e, ERR_INVALID, "report_cal.receiver", "Thiếu mã đơn vị nhận báo cáo",
                       "The receiving unit code is missing");
    return 0;
}

static bool offset_ok(int m)
{
    return m >= -PERIOD_OFFSET_LIMIT && m <= PERIOD_OFFSET_LIMIT;
}

static bool values_ok(const period_window_t *w, const period_due_t *d)
{
    bool ok = w->from_day >= 1 && w->from_day <= 31 && w->to_day >= 1 && w->to_day <= 31 &&
              offset_ok(w->from_month) && offset_ok(w->to_month);
    switch (d->kind) {
    case PERIOD_DUE_NONE:
        return ok;
    case PERIOD_DUE_DAY_OF_MONTH:
        return ok && d->day >= 1 && d->day <= 31 && offset_ok(d->month);
    case PERIOD_DUE_WORKDAYS_AFTER:
    case PERIOD_DUE_DAYS_AFTER:
        return ok && d->n >= 0 && d->n <= 366;
    default:
        return false;
    }
}

static int window_error(err_t *e, report_kind_t k)
{
    return err_set(e, ERR_INVALID, "report_cal.window",
                   "%s: khoảng chốt số liệu kết thúc trước khi bắt đầu%.0s",
                   "%.0s%s: the cut-off window ends before it starts", report_kind_label_vi(k),
                   report_kind_label_en(k));
}

static int due_early_error(err_t *e, report_kind_t k, date_t due, date_t to)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN], vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
    date_format_vn(due, a);
    date_format_vn(to, b);
    snprintf(vi, sizeof vi, "%s: hạn nộp %s trước ngày chốt số liệu %s", report_kind_label_vi(k), a,
             b);
    snprintf(en, sizeof en, "%s: due date %s comes before the cut-off end %s",
             report_kind_label_en(k), a, b);
    return err_set(e, ERR_INVALID, "report_cal.due_early", "%s%.0s", "%.0s%s", vi, en);
}

/* Window and due of a rule in its first year (2024 when open) and in a
 * common and a leap year (day clamping is what depends on the year). */
static int rule_dates_check(const report_cal_rule_t *r, err_t *e)
{
    period_rule_t pr = {r->window, r->due};
    const int years[] = {r->year_from ? r->year_from : 2024, 2023, 2024};
    if (pr.due.kind != PERIOD_DUE_DAY_OF_MONTH)
        pr.due.kind = PERIOD_DUE_NONE; /* after the window end by construction */
    for (size_t i = 0; i < sizeof years / sizeof *years; i++) {
        period_id_t id;
        period_t p;
        report_kind_period(r->kind, years[i], &id, NULL);
        if (period_compute(id, &pr, NULL, NULL, &p, NULL) != 0)
            return window_error(e, r->kind);
        if (p.due != DATE_NONE && p.due < p.cut_to)
            return due_early_error(e, r->kind, p.due, p.cut_to);
    }
    return 0;
}

int report_cal_rule_check(const report_cal_rule_t *r, err_t *e)
{
    int rc = receiver_check(r->receiver, e);
    if (rc)
        return rc;
    if (!kind_periodic(r->kind))
        return kind_error(e, r->kind);
    if (r->year_from != 0 && !year_ok(r->year_from))
        return year_error(e, r->year_from);
    if (r->year_to != 0 && !year_ok(r->year_to))
        return year_error(e, r->year_to);
    if (r->year_from != 0 && r->year_to != 0 && r->year_from > r->year_to)
        return err_set(e, ERR_RANGE, "report_cal.year", "Năm bắt đầu %d sau năm kết thúc %d",
                       "First year %d is after last year %d", r->year_from, r->year_to);
    if (!values_ok(&r->window, &r->due))
        return err_set(e, ERR_INVALID, "report_cal.rule",
                       "%s: quy tắc chốt số liệu không hợp lệ%.0s", "%.0s%s: invalid cut-off rule",
                       report_kind_label_vi(r->kind), report_kind_label_en(r->kind));
    return rule_dates_check(r, e);
}

static int date_missing(err_t *e, const char *what_vi, const char *what_en)
{
    return err_set(e, ERR_INVALID, "report_cal.date", "Thiếu %s%.0s", "%.0sMissing %s", what_vi,
                   what_en);
}

/* A window [from, to] and a due date: both window ends or none when
 * optional, from <= to, due >= to. */
static int dates_check(report_kind_t k, date_t from, date_t to, date_t due, err_t *e)
{
    if ((from == DATE_NONE) != (to == DATE_NONE))
        return date_missing(e, "một đầu của khoảng chốt số liệu", "one end of the cut-off window");
    if (from != DATE_NONE && to < from)
        return window_error(e, k);
    if (due != DATE_NONE && to != DATE_NONE && due < to)
        return due_early_error(e, k, due, to);
    return 0;
}

int report_cal_override_check(const report_cal_override_t *o, err_t *e)
{
    int rc = receiver_check(o->receiver, e);
    if (rc)
        return rc;
    if (!kind_periodic(o->kind))
        return kind_error(e, o->kind);
    if (!year_ok(o->year))
        return year_error(e, o->year);
    if (o->from == DATE_NONE || o->to == DATE_NONE)
        return date_missing(e, "khoảng chốt số liệu", "the cut-off window");
    int ty = date_year(o->to);
    if (ty < o->year - 1 || ty > o->year + 1)
        return err_set(e, ERR_INVALID, "report_cal.date",
                       "Ngày chốt số liệu năm %d không thuộc kỳ báo cáo năm %d",
                       "The cut-off end in %d does not belong to the %d report", ty, o->year);
    return dates_check(o->kind, o->from, o->to, o->due, e);
}

int report_cal_adhoc_check(const report_cal_adhoc_t *a, err_t *e)
{
    int rc = receiver_check(a->receiver, e);
    if (rc)
        return rc;
    if (!field_ok(a->id, sizeof a->id) || !field_ok(a->title, sizeof a->title))
        return err_set(e, ERR_INVALID, "report_cal.id", "Báo cáo đột xuất thiếu mã hoặc tên",
                       "Ad hoc report without an id or a title");
    if (a->due == DATE_NONE)
        return date_missing(e, "hạn nộp báo cáo đột xuất", "the due date of the ad hoc report");
    if (!year_ok(date_year(a->due)))
        return year_error(e, date_year(a->due));
    return dates_check(REPORT_KIND_DOT_XUAT, a->from, a->to, a->due, e);
}

/* ---- the calendar --------------------------------------------------------- */

report_cal_t *report_cal_new(void)
{
    return mem_calloc(1, sizeof(report_cal_t));
}

void report_cal_free(report_cal_t *c)
{
    if (!c)
        return;
    mem_free(c->rules);
    mem_free(c->overrides);
    mem_free(c->adhoc);
    mem_free(c);
}

static bool years_overlap(const report_cal_rule_t *a, const report_cal_rule_t *b)
{
    int lo = a->year_from > b->year_from ? a->year_from : b->year_from;
    int ha = a->year_to ? a->year_to : REPORT_CAL_YEAR_MAX;
    int hb = b->year_to ? b->year_to : REPORT_CAL_YEAR_MAX;
    return lo <= (ha < hb ? ha : hb);
}

static int overlap_error(err_t *e, const char *receiver, const char *what)
{
    return err_set(e, ERR_CONFLICT, "report_cal.overlap",
                   "Trùng lặp cấu hình cho đơn vị nhận %s: %s",
                   "Conflicting configuration for receiver %s: %s", receiver, what);
}

int report_cal_add_rule(report_cal_t *c, const report_cal_rule_t *r, err_t *e)
{
    int rc = report_cal_rule_check(r, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < c->nrules; i++) {
        const report_cal_rule_t *o = &c->rules[i];
        if (o->kind == r->kind && strcmp(o->receiver, r->receiver) == 0 && years_overlap(o, r))
            return overlap_error(e, r->receiver, report_kind_code(r->kind));
    }
    if (MEM_GROW(c->rules, c->rules_cap, c->nrules + 1) != 0)
        return err_nomem(e);
    c->rules[c->nrules++] = *r;
    return 0;
}

int report_cal_add_override(report_cal_t *c, const report_cal_override_t *o, err_t *e)
{
    int rc = report_cal_override_check(o, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < c->noverrides; i++) {
        const report_cal_override_t *x = &c->overrides[i];
        if (x->kind == o->kind && x->year == o->year && strcmp(x->receiver, o->receiver) == 0)
            return overlap_error(e, o->receiver, report_kind_code(o->kind));
    }
    if (MEM_GROW(c->overrides, c->overrides_cap, c->noverrides + 1) != 0)
        return err_nomem(e);
    c->overrides[c->noverrides++] = *o;
    return 0;
}

int report_cal_add_adhoc(report_cal_t *c, const report_cal_adhoc_t *a, err_t *e)
{
    int rc = report_cal_adhoc_check(a, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < c->nadhoc; i++)
        if (strcmp(c->adhoc[i].id, a->id) == 0 && strcmp(c->adhoc[i].receiver, a->receiver) == 0)
            return overlap_error(e, a->receiver, a->id);
    if (MEM_GROW(c->adhoc, c->adhoc_cap, c->nadhoc + 1) != 0)
        return err_nomem(e);
    c->adhoc[c->nadhoc++] = *a;
    return 0;
}

size_t report_cal_rule_count(const report_cal_t *c)
{
    return c ? c->nrules : 0;
}

const report_cal_rule_t *report_cal_rule_at(const report_cal_t *c, size_t i)
{
    return c && i < c->nrules ? &c->rules[i] : NULL;
}

size_t report_cal_override_count(const report_cal_t *c)
{
    return c ? c->noverrides : 0;
}

const report_cal_override_t *report_cal_override_at(const report_cal_t *c, size_t i)
{
    return c && i < c->noverrides ? &c->overrides[i] : NULL;
}

size_t report_cal_adhoc_count(const report_cal_t *c)
{
    return c ? c->nadhoc : 0;
}

const report_cal_adhoc_t *report_cal_adhoc_at(const report_cal_t *c, size_t i)
{
    return c && i < c->nadhoc ? &c->adhoc[i] : NULL;
}

/* ---- resolving ---------------------------------------------------------------- */

const char *report_cal_origin_name(report_cal_origin_t o)
{
    return (int)o >= 0 && (int)o <= REPORT_ORIGIN_ADHOC ? origin_names[o] : "?";
}

void report_cal_list_init(report_cal_list_t *l)
{
    memset(l, 0, sizeof *l);
}

void report_cal_list_release(report_cal_list_t *l)
{
    mem_free(l->v);
    report_cal_list_init(l);
}

static report_cal_entry_t *list_push(report_cal_list_t *l)
{
    if (MEM_GROW(l->v, l->cap, l->n + 1) != 0)
        return NULL;
    report_cal_entry_t *en = &l->v[l->n++];
    memset(en, 0, sizeof *en);
    en->from = en->to = en->due = DATE_NONE;
    en->index = -1;
    return en;
}

static bool rule_in_force(const report_cal_rule_t *r, int year)
{
    return (r->year_from == 0 || r->year_from <= year) && (r->year_to == 0 || year <= r->year_to);
}

static const report_cal_override_t *find_override(const report_cal_t *c, const char *receiver,
                                                  int year, report_kind_t k, long *index)
{
    for (size_t i = 0; c && i < c->noverrides; i++) {
        const report_cal_override_t *o = &c->overrides[i];
        if (o->kind == k && o->year == year && strcmp(o->receiver, receiver) == 0) {
            *index = (long)i;
            return o;
        }
    }
    return NULL;
}

static const report_cal_rule_t *find_rule(const report_cal_t *c, const char *receiver, int year,
                                          report_kind_t k, long *index)
{
    for (size_t i = 0; c && i < c->nrules; i++) {
        const report_cal_rule_t *r = &c->rules[i];
        if (r->kind == k && rule_in_force(r, year) && strcmp(r->receiver, receiver) == 0) {
            *index = (long)i;
            return r;
        }
    }
    return NULL;
}

/* Fills a periodic entry from a rule (NULL = built-in default). */
static int entry_from_rule(report_cal_entry_t *en, const report_cal_rule_t *r, int year,
                           period_add_workdays_fn add_workdays, void *ctx, err_t *e)
{
    period_rule_t pr;
    period_t p;
    period_rule_default(&pr);
    if (r) {
        pr.window = r->window;
        pr.due = r->due;
        report_cal_copy(en->source, sizeof en->source, r->source);
    }
    int rc = period_compute(en->period, &pr, add_workdays, ctx, &p, e);
    if (rc) {
        char pre[96];
        snprintf(pre, sizeof pre, "%s %d: ", report_kind_code(en->kind), year);
        err_prefix(e, pre);
        return rc;
    }
    en->from = p.cut_from;
    en->to = p.cut_to;
    en->due = p.due;
    en->due_rule = pr.due;
    return 0;
}

/* The entry of one periodic kind; *skip when the kind is not asked. */
static int resolve_kind(const report_cal_t *c, const char *receiver, int year, report_kind_t k,
                        period_add_workdays_fn add_workdays, void *ctx, report_cal_entry_t *en,
                        bool *skip, err_t *e)
{
    long idx = -1;
    const report_cal_override_t *o = find_override(c, receiver, year, k, &idx);
    en->origin = REPORT_ORIGIN_OVERRIDE;
    if (!o) {
        o = find_override(c, REPORT_CAL_ANY, year, k, &idx);
        en->origin = REPORT_ORIGIN_OVERRIDE_ANY;
    }
    *skip = false;
    en->kind = k;
    en->has_period = true;
    report_kind_period(k, year, &en->period, NULL);
    report_cal_copy(en->id, sizeof en->id, report_kind_code(k));
    report_cal_copy(en->title, sizeof en->title, report_kind_label_vi(k));
    report_cal_copy(en->receiver, sizeof en->receiver, receiver);
    if (o) {
        en->index = idx;
        en->from = o->from;
        en->to = o->to;
        en->due = o->due;
        report_cal_copy(en->source, sizeof en->source, o->source);
        return 0;
    }
    const report_cal_rule_t *r = find_rule(c, receiver, year, k, &idx);
    en->origin = REPORT_ORIGIN_RULE;
    if (!r) {
        r = find_rule(c, REPORT_CAL_ANY, year, k, &idx);
        en->origin = REPORT_ORIGIN_RULE_ANY;
    }
    if (!r) {
        en->origin = REPORT_ORIGIN_DEFAULT;
        idx = -1;
    }
    en->index = idx;
    if (r ? !r->enabled : !report_kind_default(k)) {
        *skip = true;
        return 0;
    }
    return entry_from_rule(en, r, year, add_workdays, ctx, e);
}

static int adhoc_cmp(const void *a, const void *b)
{
    const report_cal_entry_t *x = a, *y = b;
    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    int c = strcmp(x->id, y->id);
    return c ? c : strcmp(x->source, y->source);
}

static int append_adhoc(const report_cal_t *c, const char *receiver, int year,
                        report_cal_list_t *out, err_t *e)
{
    size_t start = out->n;
    for (size_t i = 0; c && i < c->nadhoc; i++) {
        const report_cal_adhoc_t *a = &c->adhoc[i];
        bool mine = strcmp(a->receiver, receiver) == 0 || strcmp(a->receiver, REPORT_CAL_ANY) == 0;
        if (!mine || date_year(a->due) != year)
            continue;
        report_cal_entry_t *en = list_push(out);
        if (!en)
            return err_nomem(e);
        en->kind = REPORT_KIND_DOT_XUAT;
        report_cal_copy(en->id, sizeof en->id, a->id);
        report_cal_copy(en->title, sizeof en->title, a->title);
        report_cal_copy(en->receiver, sizeof en->receiver, receiver);
        report_cal_copy(en->source, sizeof en->source, a->source);
        en->from = a->from;
        en->to = a->to;
        en->due = a->due;
        en->origin = REPORT_ORIGIN_ADHOC;
        en->index = (long)i;
    }
    if (out->n - start > 1)
        qsort(out->v + start, out->n - start, sizeof *out->v, adhoc_cmp);
    return 0;
}

int report_cal_resolve(const report_cal_t *c, const char *receiver, int year,
                       period_add_workdays_fn add_workdays, void *ctx, report_cal_list_t *out,
                       err_t *e)
{
    out->n = 0;
    if (!receiver || !receiver[0] || strcmp(receiver, REPORT_CAL_ANY) == 0 ||
        strlen(receiver) >= REPORT_CAL_CODE_MAX)
        return err_set(e, ERR_INVALID, "report_cal.receiver", "Mã đơn vị nhận báo cáo không hợp lệ",
                       "Invalid receiving unit code");
    if (!year_ok(year))
        return year_error(e, year);
    int rc = 0;
    for (int k = 0; k < REPORT_KIND_PERIODIC && !rc; k++) {
        report_cal_entry_t *en = list_push(out);
        bool skip = false;
        if (!en) {
            rc = err_nomem(e);
            break;
        }
        rc = resolve_kind(c, receiver, year, (report_kind_t)k, add_workdays, ctx, en, &skip, e);
        if (rc || skip)
            out->n--;
    }
    if (!rc)
        rc = append_adhoc(c, receiver, year, out, e);
    if (rc)
        out->n = 0;
    return rc;
}

void report_cal_entry_explain(const report_cal_entry_t *en, char vi[ERR_MSG_MAX],
                              char en_out[ERR_MSG_MAX])
{
    char dvi[PERIOD_DUE_TEXT_MAX], den[PERIOD_DUE_TEXT_MAX], src[REPORT_CAL_SOURCE_MAX + 4] = "";
    period_due_describe(&en->due_rule, dvi, den);
    if (en->source[0])
        snprintf(src, sizeof src, " (%s)", en->source);
    const char *r = en->receiver;
    int y = en->has_period ? en->period.year : date_year(en->due);
    switch (en->origin) {
    case REPORT_ORIGIN_OVERRIDE:
        snprintf(vi, ERR_MSG_MAX, "điều chỉnh riêng năm %d của đơn vị nhận %s%s", y, r, src);
        snprintf(en_out, ERR_MSG_MAX, "%d override of receiver %s%s", y, r, src);
        return;
    case REPORT_ORIGIN_OVERRIDE_ANY:
        snprintf(vi, ERR_MSG_MAX, "điều chỉnh chung năm %d cho mọi đơn vị nhận%s", y, src);
        snprintf(en_out, ERR_MSG_MAX, "%d override for every receiver%s", y, src);
        return;
    case REPORT_ORIGIN_RULE:
        snprintf(vi, ERR_MSG_MAX, "quy tắc riêng của đơn vị nhận %s%s; hạn nộp: %s", r, src, dvi);
        snprintf(en_out, ERR_MSG_MAX, "rule of receiver %s%s; due: %s", r, src, den);
        return;
    case REPORT_ORIGIN_RULE_ANY:
        snprintf(vi, ERR_MSG_MAX, "quy tắc chung cho mọi đơn vị nhận%s; hạn nộp: %s", src, dvi);
        snprintf(en_out, ERR_MSG_MAX, "rule for every receiver%s; due: %s", src, den);
        return;
    case REPORT_ORIGIN_ADHOC:
        snprintf(vi, ERR_MSG_MAX, "báo cáo đột xuất \"%s\"%s", en->title, src);
        snprintf(en_out, ERR_MSG_MAX, "ad hoc report \"%s\"%s", en->title, src);
        return;
    case REPORT_ORIGIN_DEFAULT:
    default:
        snprintf(vi, ERR_MSG_MAX,
                 "khoảng chốt số liệu mặc định (Nghị định 09/2019/NĐ-CP), không quy định hạn nộp");
        snprintf(en_out, ERR_MSG_MAX, "default cut-off window (Decree 09/2019/ND-CP), no due date");
        return;
    }
}

/* ---- cascade ------------------------------------------------------------------ */

void report_cal_warnings_init(report_cal_warnings_t *w)
{
    memset(w, 0, sizeof *w);
}

void report_cal_warnings_release(report_cal_warnings_t *w)
{
    mem_free(w->v);
    report_cal_warnings_init(w);
}

static bool same_report(const report_cal_entry_t *a, const report_cal_entry_t *b)
{
    if (a->kind != b->kind || a->has_period != b->has_period)
        return false;
    if (a->has_period)
        return a->period.regime == b->period.regime && a->period.year == b->period.year &&
               a->period.index == b->period.index;
    return strcmp(a->id, b->id) == 0;
}

static const char *title_en(const report_cal_entry_t *s)
{
    return s->has_period ? report_kind_label_en(s->kind) : s->title;
}

static int warn(report_cal_warnings_t *out, const report_cal_entry_t *s, bool due, date_t mine,
                date_t theirs, err_t *e)
{
    if (MEM_GROW(out->v, out->cap, out->n + 1) != 0)
        return err_nomem(e);
    report_cal_warning_t *w = &out->v[out->n++];
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    date_format_vn(mine, a);
    date_format_vn(theirs, b);
    memset(w, 0, sizeof *w);
    w->kind = s->kind;
    w->year = s->has_period ? s->period.year : date_year(s->due);
    report_cal_copy(w->id, sizeof w->id, s->id);
    char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
    if (due) {
        snprintf(vi, sizeof vi,
                 "%s %d: hạn nộp của đơn vị gửi (%s) sau hạn nộp của đơn vị nhận %s lên cấp trên "
                 "(%s)",
                 s->title, w->year, a, s->receiver, b);
        snprintf(en, sizeof en,
                 "%s %d: the senders' due date (%s) is after receiver %s's own due date (%s)",
                 title_en(s), w->year, a, s->receiver, b);
    } else {
        snprintf(vi, sizeof vi,
                 "%s %d: ngày chốt số liệu của đơn vị gửi (%s) sau ngày chốt số liệu của đơn vị "
                 "nhận %s (%s)",
                 s->title, w->year, a, s->receiver, b);
        snprintf(en, sizeof en,
                 "%s %d: the senders' cut-off end (%s) is after receiver %s's own cut-off end (%s)",
                 title_en(s), w->year, a, s->receiver, b);
    }
    err_set(&w->w, ERR_CONFLICT, due ? "report_cal.cascade_due" : "report_cal.cascade_window",
            "%s%.0s", "%.0s%s", vi, en);
    w->w.status = 0;
    return 0;
}

int report_cal_cascade(const report_cal_list_t *sender, const report_cal_list_t *upper,
                       report_cal_warnings_t *out, err_t *e)
{
    for (size_t i = 0; i < sender->n; i++) {
        const report_cal_entry_t *s = &sender->v[i];
        for (size_t j = 0; j < upper->n; j++) {
            const report_cal_entry_t *u = &upper->v[j];
            if (!same_report(s, u))
                continue;
            int rc = 0;
            if (s->due != DATE_NONE && u->due != DATE_NONE && s->due > u->due)
                rc = warn(out, s, true, s->due, u->due, e);
            if (!rc && s->to != DATE_NONE && u->to != DATE_NONE && s->to > u->to)
                rc = warn(out, s, false, s->to, u->to, e);
            if (rc)
                return rc;
            break;
        }
    }
    return 0;
}

void report_cal_years_format(int from, int to, char out[REPORT_CAL_YEARS_MAX])
{
    if (from == 0 && to == 0)
        out[0] = '\0';
    else if (from == to)
        snprintf(out, REPORT_CAL_YEARS_MAX, "%d", from);
    else if (to == 0)
        snprintf(out, REPORT_CAL_YEARS_MAX, "%d-", from);
    else if (from == 0)
        snprintf(out, REPORT_CAL_YEARS_MAX, "-%d", to);
    else
        snprintf(out, REPORT_CAL_YEARS_MAX, "%d-%d", from, to);
}
