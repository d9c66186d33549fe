/* report_clause.c - reporting clauses of a plan -> calendar rules (see report_clause.h). */
#include "domain/report_clause.h"

#include "base/buf.h"
#include "base/mem.h"
#include "base/text.h"
#include "domain/report_phrase.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define PARA_JOIN_MAX (REPORT_PHRASE_TEXT_MAX / 2)

typedef struct para {
    const char *text;
    size_t len;
    int line, page;
} para_t;

typedef struct ctx {
    report_clauses_t *r;
    const char *issuer;
    int year;
    const char *source;
    err_t *e;
} ctx_t;

/* ---- result arrays -------------------------------------------------------- */

void report_clause_free(report_clauses_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nclauses; i++)
        mem_free(r->clauses[i].text);
    mem_free(r->clauses);
    mem_free(r->rules);
    mem_free(r->overrides);
    mem_free(r->warnings);
    mem_free(r);
}

static int warn(ctx_t *c, size_t clause, int kind, const char *code, const char *vi, const char *en)
{
    report_clauses_t *r = c->r;
    if (MEM_GROW(r->warnings, r->warnings_cap, r->nwarnings + 1) != 0)
        return err_nomem(c->e);
    report_clause_warning_t *w = &r->warnings[r->nwarnings++];
    memset(w, 0, sizeof *w);
    err_set(&w->w, 0, code, "%s%.0s", "%.0s%s", vi, en);
    w->kind = kind;
    w->clause = clause;
    return 0;
}

/* ---- paragraphs -------------------------------------------------------------- */

static bool ends_sentence(const para_t *p)
{
    char ch = p->len ? p->text[p->len - 1] : '.';
    return ch == '.' || ch == ';' || ch == ':' || ch == '!' || ch == '?';
}

/* "a)", "đ)", "1.", "1.2.", "IV.", "-", "+", "•" */
static bool starts_item(const para_t *p)
{
    const char *s = p->text;
    size_t n = p->len, i = 0;
    if (n == 0)
        return true;
    if (s[0] == '-' || s[0] == '+' || s[0] == '*' || (n >= 3 && memcmp(s, "•", 3) == 0))
        return true;
    while (i < n && i < 8 && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
        i++;
    if (i > 0 && i < n && s[i - 1] == '.' && s[i] == ' ')
        return true;
    i = 0;
    while (i < n && i < 6 && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X'))
        i++;
    if (i > 0 && i + 1 < n && s[i] == '.' && s[i + 1] == ' ')
        return true;
    /* one letter (maybe two bytes: đ) then ')' */
    for (size_t k = 1; k <= 2 && k < n; k++)
        if (s[k] == ')')
            return true;
    return false;
}

static bool all_caps(const para_t *p)
{
    int rc = 0;
    char *up = text_upper(p->text, p->len, &rc);
    bool same = up && strlen(up) == p->len && memcmp(up, p->text, p->len) == 0;
    mem_free(up);
    return same;
}

static bool continues(const para_t *prev, const para_t *next)
{
    return !ends_sentence(prev) && !starts_item(next) && !all_caps(prev);
}

/* ---- clause recognition -------------------------------------------------------- */

static bool has(const char *key, const char *words)
{
    char pat[96];
    snprintf(pat, sizeof pat, " %s ", words);
    return strstr(key, pat) != NULL;
}

/* 2: a strong reporting cue (a clause even without kinds), 1: a weak one (a
 * clause only when report kinds are named), 0: none. "báo cáo" is needed. */
static int cue_level(const char *key)
{
    static const char *const strong[] = {"dinh ky",
                                         "che do bao cao",
                                         "che do thong tin bao cao",
                                         "thoi gian bao cao",
                                         "thoi han bao cao",
                                         "hang quy",
                                         "hang nam",
                                         "chot so lieu",
                                         "so lieu",
                                         "dot xuat",
                                         NULL};
    static const char *const weak[] = {"truoc ngay",   "cham nhat",   "ngay lam viec",
                                       "han nop",      "bao cao quy", "bao cao nam",
                                       "bao cao cchc", "thang",       NULL};
    if (!has(key, "bao cao"))
        return 0;
    for (size_t i = 0; strong[i]; i++)
        if (has(key, strong[i]))
            return 2;
    for (size_t i = 0; weak[i]; i++)
        if (has(key, weak[i]))
            return 1;
    return 0;
}

static bool is_upward(const char *key)
{
    static const char *const up[] = {"bo noi vu",  "chinh phu", "thu tuong",
                                     "trung uong", "bo nganh",  NULL};
    for (size_t i = 0; up[i]; i++)
        if (has(key, up[i]))
            return true;
    return false;
}

/* Folded key of one word, without surrounding punctuation ("" if none). */
static void word_key(const char *w, size_t n, char out[24])
{
    int rc = 0;
    char *k = text_key(w, n, &rc);
    report_cal_copy(out, 24, k && strlen(k) < 24 ? k : "");
    mem_free(k);
}

static bool in_list(const char *k, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(k, list[i]) == 0)
            return true;
    return false;
}

/* Recipient written after "gửi [về|cho|đến|tới]", up to a stop word or
 * punctuation; "" when none. */
static void recipient(const char *text, char *out, size_t cap)
{
    static const char *const links[] = {"ve", "cho", "den", "toi", NULL};
    static const char *const stops[] = {"de",   "truoc", "cham", "dung", "theo",  "trong",
                                        "dinh", "hang",  "va",   "khi",  "thong", "qua",
                                        "tren", "ngay",  "vao",  "bang", NULL};
    const char *p = text, *start = NULL, *end = NULL;
    int state = 0; /* 0 looking for "gửi", 1 after it, 2 inside the name */
    out[0] = '\0';
    while (*p && !end) {
        const char *w = p;
        char k[24];
        while (*p && *p != ' ')
            p++;
        size_t wn = (size_t)(p - w);
        bool punct = wn && strchr(",.;:()", w[wn - 1]);
        word_key(w, wn, k);
        if (state == 0 && strcmp(k, "gui") == 0 && !punct) {
            state = 1;
        } else if (state == 1 && in_list(k, links) && !punct) {
            state = 2;
        } else if (state >= 1 && in_list(k, stops)) {
            if (start)
                end = w;
            else
                state = 0;
        } else if (state >= 1) {
            start = start ? start : w;
            state = 2;
            if (punct)
                end = w + wn - 1;
        }
        while (*p == ' ')
            p++;
    }
    if (!start)
        return;
    if (!end)
        end = text + strlen(text);
    while (end > start && end[-1] == ' ')
        end--;
    size_t n = (size_t)(end - start);
    char tmp[REPORT_CAL_TITLE_MAX];
    if (n >= sizeof tmp) {
        n = sizeof tmp - 1;
        while (n > 0 && ((unsigned char)start[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(tmp, start, n);
    tmp[n] = '\0';
    report_cal_copy(out, cap, tmp);
}

/* ---- rules ------------------------------------------------------------------------ */

static void kind_msg(char *vi, char *en, report_kind_t k, const char *what_vi, const char *what_en)
{
    snprintf(vi, ERR_MSG_MAX, "%s: %s", report_kind_label_vi(k), what_vi);
    snprintf(en, ERR_MSG_MAX, "%s: %s", report_kind_label_en(k), what_en);
}

/* Adds a rule, merging with an earlier one of the same kind. */
static int add_rule(ctx_t *c, size_t clause, const report_cal_rule_t *rule)
{
    report_clauses_t *r = c->r;
    for (size_t i = 0; i < r->nrules; i++) {
        report_clause_rule_t *o = &r->rules[i];
        if (o->rule.kind != rule->kind)
            continue;
        if (rule->due.kind == PERIOD_DUE_NONE && rule->window.to_day == o->rule.window.to_day &&
            rule->window.to_month == o->rule.window.to_month)
            return 0; /* named again without timing */
        if (o->rule.due.kind == PERIOD_DUE_NONE &&
            memcmp(&o->rule.window, &rule->window, sizeof rule->window) == 0) {
            o->rule = *rule; /* the earlier mention had no timing */
            o->clause = clause;
            return 0;
        }
        if (memcmp(&o->rule.due, &rule->due, sizeof rule->due) == 0 &&
            memcmp(&o->rule.window, &rule->window, sizeof rule->window) == 0)
            return 0;
        char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
        kind_msg(vi, en, rule->kind,
                 "hạn nộp hoặc khoảng chốt số liệu khác với đoạn trước, giữ "
                 "quy định đầu tiên",
                 "due date or cut-off differs from an earlier clause; the first is kept");
        return warn(c, clause, (int)rule->kind, "report_clause.conflict", vi, en);
    }
    if (MEM_GROW(r->rules, r->rules_cap, r->nrules + 1) != 0)
        return err_nomem(c->e);
    r->rules[r->nrules].rule = *rule;
    r->rules[r->nrules++].clause = clause;
    return 0;
}

static int add_override(ctx_t *c, size_t clause, const report_cal_override_t *o)
{
    report_clauses_t *r = c->r;
    for (size_t i = 0; i < r->noverrides; i++)
        if (r->overrides[i].override.kind == o->kind && r->overrides[i].override.year == o->year)
            return 0;
    if (MEM_GROW(r->overrides, r->overrides_cap, r->noverrides + 1) != 0)
        return err_nomem(c->e);
    r->overrides[r->noverrides].override = *o;
    r->overrides[r->noverrides++].clause = clause;
    return 0;
}

/* A rule or override the calendar rejects: its reason, and what to do. */
static int invalid(ctx_t *c, size_t clause, report_kind_t k, const err_t *ve)
{
    char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
    bool early = strcmp(ve->code, "report_cal.due_early") == 0;
    snprintf(vi, sizeof vi, "%.400s%s", ve->vi,
             early ? "; cần khai báo khoảng chốt số liệu kết thúc trước hạn nộp" : "");
    snprintf(en, sizeof en, "%.400s%s", ve->en,
             early ? "; a cut-off window ending before the due date must be configured" : "");
    return warn(c, clause, (int)k, "report_clause.invalid", vi, en);
}

static void source_of(const ctx_t *c, const report_clause_t *cl, char *out, size_t cap)
{
    char tmp[REPORT_CAL_SOURCE_MAX];
    if (cl->line > 0)
        snprintf(tmp, sizeof tmp, "%s:%d", c->source, cl->line);
    else
        snprintf(tmp, sizeof tmp, "%s", c->source);
    report_cal_copy(out, cap, tmp);
}

/* An item written with dates: an override for its year. */
static int item_override(ctx_t *c, size_t clause, const report_phrase_item_t *it, report_kind_t k)
{
    report_cal_override_t o;
    date_t from, to, due;
    period_id_t id;
    period_t p;
    err_t ve;
    report_phrase_item_dates(it, &from, &to, &due);
    int y = c->year > 0 ? c->year : date_year(to != DATE_NONE ? to : due);
    report_cal_override_init(&o, c->issuer, y, k);
    if ((from == DATE_NONE || to == DATE_NONE) && report_kind_period(k, y, &id, NULL) == 0 &&
        period_compute(id, NULL, NULL, NULL, &p, NULL) == 0) {
        from = from == DATE_NONE ? p.cut_from : from;
        to = to == DATE_NONE ? p.cut_to : to;
    }
    o.from = from;
    o.to = to;
    o.due = due;
    source_of(c, &c->r->clauses[clause], o.source, sizeof o.source);
    if (report_cal_override_check(&o, &ve) != 0)
        return invalid(c, clause, k, &ve);
    return add_override(c, clause, &o);
}

/* The rule of one kind from an item. */
static int item_rule(ctx_t *c, size_t clause, const report_phrase_item_t *it, report_kind_t k)
{
    report_cal_rule_t rule;
    err_t ve;
    char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
    bool dated = it->due.form == REPORT_PHRASE_DUE_DATE ||
                 (it->window.set && (it->window.to_year || it->window.from_year));
    if (dated)
        return item_override(c, clause, it, k);
    report_cal_rule_init(&rule, c->issuer, k);
    rule.year_from = rule.year_to = c->year > 0 ? c->year : 0;
    source_of(c, &c->r->clauses[clause], rule.source, sizeof rule.source);
    if (it->window.set && report_phrase_window_rule(it, k, &rule.window) != 0) {
        kind_msg(vi, en, k, "không đọc được khoảng chốt số liệu", "cut-off window not readable");
        return warn(c, clause, (int)k, "report_clause.unclear_window", vi, en);
    }
    if (it->due.form != REPORT_PHRASE_DUE_NONE && report_phrase_due_rule(it, k, &rule.due) != 0) {
        kind_msg(vi, en, k, "các tháng nêu trong hạn nộp không khớp với kỳ báo cáo",
                 "the months of the due date fit no period of this kind");
        return warn(c, clause, (int)k, "report_clause.due_kind", vi, en);
    }
    if (report_cal_rule_check(&rule, &ve) != 0)
        return invalid(c, clause, k, &ve);
    return add_rule(c, clause, &rule);
}

/* ---- clauses ------------------------------------------------------------------------- */

static int unclear_warnings(ctx_t *c, size_t clause, const report_phrase_t *ph, const char *text)
{
    static const struct {
        unsigned flag;
        const char *code, *vi, *en;
    } tab[] = {
        {REPORT_PHRASE_UNCLEAR_DUE, "report_clause.unclear_due", "không đọc được hạn nộp",
         "due date not readable"},
        {REPORT_PHRASE_UNCLEAR_WINDOW, "report_clause.unclear_window",
         "không đọc được khoảng chốt số liệu", "cut-off window not readable"},
        {REPORT_PHRASE_UNCLEAR_AFTER, "report_clause.unclear_after",
         "thời hạn không tính từ ngày chốt số liệu", "time limit not counted from the cut-off"},
        {REPORT_PHRASE_UNCLEAR_CONFLICT, "report_clause.conflict",
         "hai hạn nộp khác nhau cho cùng loại báo cáo, giữ hạn đầu tiên",
         "two different due dates for the same reports; the first is kept"},
        {REPORT_PHRASE_UNCLEAR_TOO_MANY, "report_clause.unclear_due",
         "quá nhiều mốc thời gian trong một đoạn", "too many time expressions in one paragraph"},
    };
    char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
    int n = (int)(ph->unclear_end - ph->unclear_off);
    const char *at = text + ph->unclear_off;
    for (size_t i = 0; i < sizeof tab / sizeof *tab; i++) {
        if (!(ph->unclear & tab[i].flag))
            continue;
        snprintf(vi, sizeof vi, "%s: \"%.*s\"", tab[i].vi, n > 200 ? 200 : n, at);
        snprintf(en, sizeof en, "%s: \"%.*s\"", tab[i].en, n > 200 ? 200 : n, at);
        int rc = warn(c, clause, -1, tab[i].code, vi, en);
        if (rc)
            return rc;
    }
    return 0;
}

static int item_rules(ctx_t *c, size_t clause, const report_phrase_item_t *it)
{
    int rc = 0;
    unsigned periodic = it->kinds & ((1u << REPORT_KIND_PERIODIC) - 1);
    if (periodic == 0 && (it->due.form != REPORT_PHRASE_DUE_NONE || it->window.set))
        return warn(c, clause, -1, "report_clause.no_kind",
                    "có hạn nộp nhưng không rõ áp dụng cho loại báo cáo nào",
                    "a due date without the reports it applies to");
    for (int k = 0; k < REPORT_KIND_PERIODIC && !rc; k++)
        if (periodic & (1u << k))
            rc = item_rule(c, clause, it, (report_kind_t)k);
    return rc;
}

/* Phrase-level remarks: monthly reports, periodic reports without timing. */
static int remarks(ctx_t *c, size_t clause, const report_phrase_t *ph)
{
    int rc = 0;
    if (ph->monthly)
        rc = warn(c, clause, -1, "report_clause.monthly",
                  "báo cáo hàng tháng không thuộc lịch báo cáo định kỳ",
                  "monthly reports are not part of the periodic reporting calendar");
    unsigned periodic = ph->kinds & ((1u << REPORT_KIND_PERIODIC) - 1);
    if (!rc && ph->periodic && periodic == 0 && !ph->unclear)
        rc = warn(c, clause, -1, "report_clause.no_timing",
                  "nêu báo cáo định kỳ nhưng không rõ loại kỳ và thời hạn",
                  "periodic reports named without their kinds or dates");
    return rc;
}

/* Does a sentence matter: it names a report or a time limit? */
static bool sentence_relevant(const char *s, size_t n, int *rc)
{
    static const char *const cues[] = {"bao cao",       "truoc ngay", "cham nhat", "chot so lieu",
                                       "ngay lam viec", "thoi gian",  "thoi han",  NULL};
    char *key = text_key(s, n, rc);
    if (!key)
        return false;
    size_t kn = strlen(key);
    char *padded = mem_alloc(kn + 3);
    bool hit = false;
    if (padded) {
        snprintf(padded, kn + 3, " %s ", key);
        for (size_t i = 0; cues[i] && !hit; i++)
            hit = has(padded, cues[i]);
    } else {
        *rc = ERR_NOMEM;
    }
    mem_free(padded);
    mem_free(key);
    return hit;
}

/* Keeps the sentences (ended by ". ", ";", "!", "?") that name a report or
 * a time limit, so that "kết quả CCHC hàng năm" in a sentence about
 * something else is not read as an annual report. */
static int keep_sentences(const char *text, size_t len, buf_t *out)
{
    size_t a = 0;
    int rc = 0;
    buf_reset(out);
    for (size_t i = 0; i <= len && !rc; i++) {
        bool end = i == len || text[i] == ';' || text[i] == '!' || text[i] == '?' ||
                   (text[i] == '.' && (i + 1 == len || text[i + 1] == ' '));
        if (!end)
            continue;
        size_t b = i < len ? i + 1 : len;
        if (sentence_relevant(text + a, b - a, &rc)) {
            if (out->len)
                rc = buf_putc(out, ' ');
            if (!rc)
                rc = buf_append(out, text + a, b - a);
        }
        a = b;
        while (a < len && text[a] == ' ')
            a++;
        i = a > i ? a - 1 : i;
    }
    return rc == ERR_NOMEM ? ERR_NOMEM : 0;
}

/* Reads one (joined) paragraph; kept is a scratch buffer. */
static int clause_of(ctx_t *c, const char *para, size_t plen, int line, int page, buf_t *kept)
{
    int rc = keep_sentences(para, plen, kept);
    const char *text = buf_cstr(kept);
    size_t len = kept->len;
    char *key = rc ? NULL : text_key(text, len, &rc), *padded = NULL;
    report_phrase_t ph;
    if (!key)
        return rc == ERR_NOMEM ? err_nomem(c->e) : 0;
    padded = mem_alloc(strlen(key) + 3);
    if (!padded) {
        rc = err_nomem(c->e);
        goto done;
    }
    snprintf(padded, strlen(key) + 3, " %s ", key);
    int cue = cue_level(padded);
    if (cue == 0 || is_upward(padded))
        goto done;
    rc = report_phrase_parse(text, len, &ph, c->e);
    if (rc || (ph.nitems == 0 && !ph.unclear && !ph.periodic && !ph.monthly))
        goto done;
    if (cue == 1 && (ph.kinds & ((1u << REPORT_KIND_PERIODIC) - 1)) == 0 && !ph.monthly)
        goto done;
    report_clauses_t *r = c->r;
    if (MEM_GROW(r->clauses, r->clauses_cap, r->nclauses + 1) != 0) {
        rc = err_nomem(c->e);
        goto done;
    }
    report_clause_t *cl = &r->clauses[r->nclauses];
    memset(cl, 0, sizeof *cl);
    cl->text = mem_strndup(text, len);
    if (!cl->text) {
        rc = err_nomem(c->e);
        goto done;
    }
    r->nclauses++;
    cl->line = line;
    cl->page = page;
    cl->kinds = ph.kinds;
    cl->adhoc = (ph.kinds & (1u << REPORT_KIND_DOT_XUAT)) != 0;
    recipient(cl->text, cl->receiver, sizeof cl->receiver);
    size_t idx = r->nclauses - 1;
    rc = unclear_warnings(c, idx, &ph, cl->text);
    for (size_t i = 0; i < ph.nitems && !rc; i++)
        rc = item_rules(c, idx, &ph.items[i]);
    if (!rc)
        rc = remarks(c, idx, &ph);
done:
    mem_free(padded);
    mem_free(key);
    return rc;
}

/* Joins wrapped paragraphs and reads each joined one. */
static int run(ctx_t *c, const para_t *ps, size_t n)
{
    buf_t b, kept;
    int rc = 0;
    buf_init(&b, REPORT_PHRASE_TEXT_MAX);
    buf_init(&kept, REPORT_PHRASE_TEXT_MAX);
    for (size_t i = 0; i < n && !rc; i++) {
        size_t j = i;
        buf_reset(&b);
        rc = buf_append(&b, ps[i].text, ps[i].len);
        while (!rc && j + 1 < n && b.len + ps[j + 1].len < PARA_JOIN_MAX &&
               continues(&ps[j], &ps[j + 1])) {
            j++;
            rc = buf_putc(&b, ' ');
            if (!rc)
                rc = buf_append(&b, ps[j].text, ps[j].len);
        }
        if (rc) {
            rc = err_nomem(c->e);
            break;
        }
        size_t len = b.len > REPORT_CLAUSE_TEXT_MAX ? REPORT_CLAUSE_TEXT_MAX : b.len;
        while (len < b.len && len > 0 && ((unsigned char)b.data[len] & 0xC0) == 0x80)
            len--;
        rc = clause_of(c, buf_cstr(&b), len, ps[i].line, ps[i].page, &kept);
        i = j;
    }
    buf_release(&kept);
    buf_release(&b);
    return rc;
}

static int start(ctx_t *c, const char *issuer, int year, const char *source, report_clauses_t **out,
                 err_t *e)
{
    *out = NULL;
    if (!issuer || !issuer[0] || strcmp(issuer, REPORT_CAL_ANY) == 0 ||
        strlen(issuer) >= REPORT_CAL_CODE_MAX)
        return err_set(e, ERR_INVALID, "report_cal.receiver", "Mã đơn vị ban hành không hợp lệ",
                       "Invalid issuing unit code");
    c->r = mem_calloc(1, sizeof *c->r);
    if (!c->r)
        return err_nomem(e);
    c->issuer = issuer;
    c->year = year;
    c->source = source ? source : "plan";
    c->e = e;
    return 0;
}

static int finish(ctx_t *c, int rc, report_clauses_t **out)
{
    if (rc) {
        report_clause_free(c->r);
        return rc;
    }
    *out = c->r;
    return 0;
}

int report_clause_from_doc(const doc_t *d, const char *issuer, int year, const char *source,
                           report_clauses_t **out, err_t *e)
{
    ctx_t c;
    size_t n = 0, cap = 0;
    para_t *ps = NULL;
    int rc = start(&c, issuer, year, source, out, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < doc_count(d) && !rc; i++) {
        const doc_block_t *b = doc_block(d, i);
        if (b->kind != DOC_PARA)
            continue;
        if (MEM_GROW(ps, cap, n + 1) != 0) {
            rc = err_nomem(e);
            break;
        }
        ps[n].text = b->text;
        ps[n].len = b->len;
        ps[n].line = b->pos.line;
        ps[n++].page = b->pos.page;
    }
    if (!rc)
        rc = run(&c, ps, n);
    mem_free(ps);
    return finish(&c, rc, out);
}

/* NFC copies of the valid paragraphs; the others get a warning. */
static int nfc_paras(ctx_t *c, const char *const *paras, const int *lines, size_t n, para_t *ps,
                     size_t *np)
{
    for (size_t i = 0; i < n; i++) {
        const char *t = paras[i] ? paras[i] : "";
        int rc = 0;
        char *nfc = text_valid(t, strlen(t)) ? text_nfc(t, strlen(t), &rc) : NULL;
        if (!nfc && rc == ERR_NOMEM)
            return err_nomem(c->e);
        if (!nfc && *t) {
            char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
            snprintf(vi, sizeof vi, "Đoạn %zu không phải UTF-8 hợp lệ, đã bỏ qua", i + 1);
            snprintf(en, sizeof en, "Paragraph %zu is not valid UTF-8; skipped", i + 1);
            rc = warn(c, REPORT_CLAUSE_NONE, -1, "report_clause.utf8", vi, en);
            if (rc)
                return rc;
            continue;
        }
        if (!nfc)
            continue;
        ps[*np].text = nfc;
        ps[*np].len = strlen(nfc);
        ps[(*np)++].line = lines ? lines[i] : 0;
    }
    return 0;
}

int report_clause_from_paras(const char *const *paras, const int *lines, size_t n,
                             const char *issuer, int year, const char *source,
                             report_clauses_t **out, err_t *e)
{
    ctx_t c;
    para_t *ps = NULL;
    size_t np = 0;
    int rc = start(&c, issuer, year, source, out, e);
    if (rc)
        return rc;
    ps = n ? mem_calloc(n, sizeof *ps) : NULL;
    if (n && !ps)
        rc = err_nomem(e);
    if (!rc)
        rc = nfc_paras(&c, paras, lines, n, ps, &np);
    if (!rc)
        rc = run(&c, ps, np);
    for (size_t i = 0; i < np; i++)
        mem_free((char *)ps[i].text);
    mem_free(ps);
    return finish(&c, rc, out);
}
