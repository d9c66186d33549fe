/* app_remind.c - the reminder scheduler's pass (app_remind.h): deadlines,
 * generator, notices recorded per recipient, summaries, digests. */
#include "app/app_remind_int.h"

#include "app/app_calendar.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "store/store_remind_mail.h"
#include "store/store_unit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define TITLE_MAX 400
#define BODY_MAX  900

/* --- users ----------------------------------------------------------------------------------- */

static int user_row(void *ctx, const user_t *u, const store_remind_pref_t *p, err_t *e)
{
    app_remind_users_t *us = ctx;
    if (MEM_GROW(us->u, us->cap, us->n + 1) || MEM_GROW(us->pref, us->pcap, us->n + 1) ||
        MEM_GROW(us->ru, us->rcap, us->n + 1))
        return err_nomem(e);
    us->u[us->n] = *u;
    us->pref[us->n] = *p;
    us->n++;
    return 0;
}

int app_remind_users_load(store_t *s, app_remind_users_t *us, err_t *e)
{
    int rc = store_remind_users(s, user_row, us, e);
    for (size_t i = 0; !rc && i < us->n; i++) /* pointers once the arrays stopped moving */
        us->ru[i] = (remind_user_t){&us->u[i], us->pref[i].leader, us->pref[i].kinds_off};
    return rc;
}

void app_remind_users_release(app_remind_users_t *us)
{
    mem_free(us->u);
    mem_free(us->pref);
    mem_free(us->ru);
    memset(us, 0, sizeof *us);
}

/* --- texts ----------------------------------------------------------------------------------- */

/* Cuts s at its last complete UTF-8 character (after a truncating snprintf). */
static void utf8_trim(char *s)
{
    size_t n = strlen(s), j = n;
    while (j > 0 && n - j < 4 && ((unsigned char)s[j - 1] & 0xC0) == 0x80)
        j--;
    if (j == 0)
        return;
    unsigned char lead = (unsigned char)s[j - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (j - 1 + want > n)
        s[j - 1] = '\0';
}

static void fit(char *out, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fit(char *out, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, cap, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n >= cap)
        utf8_trim(out);
}

const char *app_remind_unit_name(const unit_set_t *units, const char *code, date_t day)
{
    if (!code || !*code)
        return "";
    const unit_t *u = unit_set_find(units, code, day);
    if (!u)
        u = unit_set_find(units, code, DATE_NONE);
    return u ? u->name : code;
}

void app_remind_text(const remind_deadline_t *dl, const remind_notice_t *n, const unit_set_t *units,
                     date_t day, char *title, size_t tcap, char *body, size_t bcap)
{
    const char *unit = app_remind_unit_name(units, dl->unit, day);
    int late = -n->days;
    if (n->to == REMIND_TO_LEAD)
        fit(title, tcap, "Đơn vị phối hợp %s quá hạn %d ngày làm việc: %s", unit, late, dl->title);
    else if (n->to == REMIND_TO_LEADER)
        fit(title, tcap, "Báo cáo lãnh đạo: %s quá hạn %d ngày làm việc: %s", unit, late,
            dl->title);
    else if (n->days > 0)
        fit(title, tcap, "Còn %d ngày làm việc đến hạn: %s", n->days, dl->title);
    else if (n->days == 0)
        fit(title, tcap, "Đến hạn hôm nay: %s", dl->title);
    else
        fit(title, tcap, "Quá hạn %d ngày làm việc: %s", late, dl->title);
    char due[DATE_ISO_LEN];
    date_format_vn(dl->due, due);
    fit(body, bcap, "%s · %s · Hạn: %s", dl->ref, unit, due);
}

/* --- the run --------------------------------------------------------------------------------- */

typedef struct run {
    app_t *a;
    const app_remind_opts_t *o;
    store_t *s;
    dtime_t at, started; /* the moment the run is for; when it really started */
    date_t day;
    remind_rules_t rules;
    const agencycal_t *cal;
    unit_set_t units;
    app_remind_users_t us;
    app_remind_src_t src;
    json_t *out, *notices, *digests;
    int64_t recorded, mails;
    bool idle; /* a digest pass with nobody due: nothing collected */
    err_t *e;
} run_t;

static remind_plan_in_t plan_in(const run_t *r)
{
    return (remind_plan_in_t){&r->rules, r->cal,   &r->units, r->src.v,
                              r->src.n,  r->us.ru, r->us.n,   r->day};
}

/* Queues a single notice by e-mail for a user who wants e-mail without
 * digests. */
static int mail_notice(run_t *r, size_t ui, int64_t id, const char *title, const char *body,
                       const char *link)
{
    const store_remind_pref_t *p = &r->us.pref[ui];
    if (!p->email_on || p->digest_on || !*p->email)
        return 0;
    json_t *pl =
        json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "type", "notice", "login", r->us.u[ui].login, "name",
                  r->us.u[ui].full_name, "title", title, "body", body, "link", link);
    char *text = pl ? jsonx_dump(pl) : NULL;
    json_decref(pl);
    if (!text)
        return err_nomem(r->e);
    char ref[32];
    snprintf(ref, sizeof ref, "%lld", (long long)id);
    int rc =
        store_remind_mail_queue(r->s, r->us.u[ui].id, "notice", ref, p->email, text, r->at, r->e);
    free(text);
    r->mails += rc == STORE_INSERTED;
    return rc < 0 ? rc : 0;
}

static int notice_json(run_t *r, const remind_notice_t *n, const store_remind_notice_t *rec,
                       bool added)
{
    json_t *o = json_object();
    const user_t *u = &r->us.u[n->user];
    int rc = !o || jsonx_set_int(o, "user", u->id) || jsonx_set_str(o, "login", u->login) ||
             jsonx_set_str(o, "dkey", rec->dkey) || jsonx_set_str(o, "stage", rec->stage) ||
             jsonx_set_str(o, "kind", rec->kind) || jsonx_set_str(o, "role", rec->role) ||
             jsonx_set_str(o, "unit", rec->unit) || jsonx_set_str(o, "title", rec->title) ||
             jsonx_set_date(o, "due", rec->due) ||
             (rec->due != DATE_NONE ? jsonx_set_int(o, "days", rec->days)
                                    : jsonx_set_str(o, "days", NULL)) ||
             jsonx_set_bool(o, "new", added);
    if (rc) {
        json_decref(o);
        return err_nomem(r->e);
    }
    return json_array_append_new(r->notices, o) ? err_nomem(r->e) : 0;
}

static int record(run_t *r, const remind_notice_t *n)
{
    char title[TITLE_MAX], body[BODY_MAX], dkey[160];
    store_remind_notice_t rec;
    memset(&rec, 0, sizeof rec);
    rec.user_id = r->us.u[n->user].id;
    rec.stage = n->stage_key;
    rec.role = remind_rule_to_code(n->to);
    rec.run_day = r->day;
    rec.created_at = r->at;
    rec.title = title;
    rec.body = body;
    if (n->deadline >= 0) {
        const remind_deadline_t *dl = &r->src.v[n->deadline];
        app_remind_text(dl, n, &r->units, r->day, title, sizeof title, body, sizeof body);
        rec.dkey = dl->key;
        rec.kind = remind_rule_kind_code(dl->kind);
        rec.unit = n->to == REMIND_TO_LEAD ? dl->lead : dl->unit;
        rec.link = dl->link;
        rec.due = dl->due;
        rec.days = n->days;
    } else {
        char day[DATE_ISO_LEN];
        date_format(n->fired, day);
        snprintf(dkey, sizeof dkey, "summary:%s", day);
        fit(title, sizeof title, "Tổng hợp: %zu việc quá hạn trong phạm vi theo dõi", n->count);
        fit(body, sizeof body,
            "Các nhiệm vụ, báo cáo, chỉ tiêu đã quá hạn mà chưa hoàn thành "
            "(tổng hợp hằng tuần).");
        rec.dkey = dkey;
        rec.kind = remind_rule_kind_code(REMIND_KIND_SUMMARY);
        rec.unit = r->us.u[n->user].unit_code;
        rec.link = "#/nhiem-vu?qua-han=1";
        rec.due = DATE_NONE;
    }
    int added = 0;
    int64_t id = 0;
    if (!r->o->dry_run) {
        added = store_remind_notice_add(r->s, &rec, &id, r->e);
        if (added < 0)
            return added;
        r->recorded += added == STORE_INSERTED;
        if (added == STORE_INSERTED) {
            int rc = mail_notice(r, n->user, id, title, body, rec.link);
            if (rc)
                return rc;
        }
    }
    return notice_json(r, n, &rec, added == STORE_INSERTED);
}

static int notices(run_t *r)
{
    remind_plan_in_t in = plan_in(r);
    remind_notice_t *v = NULL;
    size_t n = 0, skipped = 0;
    int rc = remind_plan_run(&in, &v, &n, &skipped, r->e);
    if (!rc)
        rc = jsonx_set_int(r->out, "skipped", (long long)skipped) ? err_nomem(r->e) : 0;
    if (!rc && !r->o->dry_run)
        rc = store_begin(r->s, r->e);
    for (size_t i = 0; !rc && i < n; i++)
        rc = record(r, &v[i]);
    if (!rc && !r->o->dry_run) {
        store_remind_run_t run = {r->day,           r->started, dtime_now(),       r->o->host,
                                  r->rules.version, NULL,       (int64_t)r->src.n, r->recorded};
        rc = store_remind_run_add(r->s, &run, r->e);
        if (!rc)
            rc = store_commit(r->s, r->e);
    }
    if (rc && !r->o->dry_run)
        store_rollback(r->s);
    mem_free(v);
    return rc;
}

/* --- digests --------------------------------------------------------------------------------- */

static int digest_item(run_t *r, json_t *items, const remind_deadline_t *dl)
{
    json_t *o = json_object();
    int days = remind_plan_days(r->cal, r->day, dl->due);
    int rc = !o || jsonx_set_str(o, "kind", remind_rule_kind_code(dl->kind)) ||
             jsonx_set_str(o, "title", dl->title) || jsonx_set_str(o, "ref", dl->ref) ||
             jsonx_set_str(o, "unit", app_remind_unit_name(&r->units, dl->unit, r->day)) ||
             jsonx_set_date(o, "due", dl->due) || jsonx_set_int(o, "days", days) ||
             jsonx_set_str(o, "link", dl->link);
    if (rc || json_array_append_new(items, o)) {
        if (rc)
            json_decref(o);
        return err_nomem(r->e);
    }
    return 0;
}

/* The digest's payload: the items, and the user's notices of the day. */
static int today_notice(void *ctx, const store_remind_notice_t *n, err_t *e)
{
    json_t *arr = ctx;
    if (strcmp(n->kind, "digest") == 0)
        return 0;
    json_t *o = json_pack("{s:s,s:s,s:s}", "title", n->title, "body", n->body, "link", n->link);
    if (!o || json_array_append_new(arr, o))
        return err_nomem(e);
    return 0;
}

static json_t *digest_payload(run_t *r, size_t ui, const size_t *idx, size_t n, int *overdue)
{
    json_t *items = json_array(), *today = json_array();
    char day[DATE_ISO_LEN];
    date_format(r->day, day);
    *overdue = 0;
    int rc = items && today ? 0 : ERR_NOMEM;
    for (size_t i = 0; !rc && i < n; i++) {
        const remind_deadline_t *dl = &r->src.v[idx[i]];
        *overdue += remind_plan_days(r->cal, r->day, dl->due) < 0;
        rc = digest_item(r, items, dl);
    }
    if (!rc && !r->o->dry_run)
        rc = store_remind_notice_day(r->s, r->us.u[ui].id, r->day, today_notice, today, r->e);
    json_t *pl =
        rc ? NULL
           : json_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:O,s:O}", "type", "digest", "login",
                       r->us.u[ui].login, "name", r->us.u[ui].full_name, "day", day, "overdue",
                       *overdue, "soon", (int)n - *overdue, "items", items, "notices", today);
    json_decref(items);
    json_decref(today);
    return pl;
}

static int digest_record(run_t *r, size_t ui, json_t *pl, size_t n, int overdue, bool *mail)
{
    const store_remind_pref_t *p = &r->us.pref[ui];
    int rc = store_remind_digest_add(r->s, r->us.u[ui].id, r->day, (int64_t)n, r->at, r->e);
    if (rc <= 0 || !n)
        return rc < 0 ? rc : 0;
    char title[TITLE_MAX], body[BODY_MAX], day[DATE_ISO_LEN], iso[DATE_ISO_LEN], dkey[32];
    date_format_vn(r->day, day);
    date_format(r->day, iso);
    snprintf(dkey, sizeof dkey, "digest:%s", iso);
    fit(title, sizeof title, "Bản tin nhắc hạn ngày %s: %d việc quá hạn, %d việc sắp đến hạn", day,
        overdue, (int)n - overdue);
    fit(body, sizeof body,
        "Những việc quá hạn hoặc đến hạn trong %d ngày làm việc tới thuộc phạm "
        "vi theo dõi của bạn.",
        r->rules.digest_soon);
    store_remind_notice_t rec = {0,
                                 r->us.u[ui].id,
                                 dkey,
                                 "digest",
                                 "digest",
                                 "",
                                 r->us.u[ui].unit_code,
                                 title,
                                 body,
                                 "#/thong-bao",
                                 DATE_NONE,
                                 0,
                                 r->day,
                                 r->at,
                                 DTIME_NONE};
    rc = store_remind_notice_add(r->s, &rec, NULL, r->e);
    r->recorded += rc == STORE_INSERTED;
    if (rc < 0 || !p->email_on || !*p->email)
        return rc < 0 ? rc : 0;
    char *text = jsonx_dump(pl);
    if (!text)
        return err_nomem(r->e);
    rc = store_remind_mail_queue(r->s, r->us.u[ui].id, "digest", iso, p->email, text, r->at, r->e);
    free(text);
    *mail = rc == STORE_INSERTED;
    r->mails += *mail;
    return rc < 0 ? rc : 0;
}

static bool digest_due(const run_t *r, size_t ui)
{
    const store_remind_pref_t *p = &r->us.pref[ui];
    int minute = p->digest_minute >= 0 ? p->digest_minute : r->rules.digest_minute;
    return !r->us.u[ui].disabled && p->digest_on && !(p->kinds_off & (1u << REMIND_KIND_DIGEST)) &&
           dtime_minute_of_day(r->at) >= minute;
}

static int digest_one(run_t *r, size_t ui)
{
    bool done = false, mail = false;
    int rc = store_remind_digest_done(r->s, r->us.u[ui].id, r->day, &done, r->e);
    if (rc || done)
        return rc;
    remind_plan_in_t in = plan_in(r);
    size_t *idx = NULL, n = 0;
    int overdue = 0;
    rc = remind_plan_digest(&in, &r->us.ru[ui], &idx, &n, r->e);
    json_t *pl = rc ? NULL : digest_payload(r, ui, idx, n, &overdue);
    if (!rc && !pl)
        rc = err_nomem(r->e);
    if (!rc && !r->o->dry_run) {
        rc = store_begin(r->s, r->e);
        if (!rc)
            rc = digest_record(r, ui, pl, n, overdue, &mail);
        if (!rc)
            rc = store_commit(r->s, r->e);
        if (rc)
            store_rollback(r->s);
    }
    json_t *o = rc ? NULL
                   : json_pack("{s:s,s:i,s:i,s:b}", "login", r->us.u[ui].login, "items", (int)n,
                               "overdue", overdue, "mail", mail);
    if (!rc && (!o || json_array_append_new(r->digests, o)))
        rc = err_nomem(r->e);
    json_decref(pl);
    mem_free(idx);
    return rc;
}

static int digests(run_t *r)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < r->us.n; i++)
        if (digest_due(r, i))
            rc = digest_one(r, i);
    return rc;
}

/* --- entry ----------------------------------------------------------------------------------- */

static bool digest_due(const run_t *r, size_t ui);

/* Whether a digest-only pass has anyone to serve (so that the scheduler's
 * frequent passes do not collect every deadline for nothing). */
static int anyone_due(run_t *r, bool *any, err_t *e)
{
    *any = false;
    for (size_t i = 0; i < r->us.n && !*any; i++) {
        bool done = true;
        int rc =
            digest_due(r, i) ? store_remind_digest_done(r->s, r->us.u[i].id, r->day, &done, e) : 0;
        if (rc)
            return rc;
        *any = !done;
    }
    return 0;
}

static int run_open(run_t *r, err_t *e)
{
    int rc = app_store(r->a, &r->s, e);
    if (!rc)
        rc = app_remind_rules_load(r->a, &r->rules, e);
    if (!rc)
        rc = app_remind_users_load(r->s, &r->us, e);
    bool any = true;
    if (!rc && !r->o->notices)
        rc = anyone_due(r, &any, e);
    if (!rc && !any) {
        r->idle = true;
        return 0;
    }
    if (!rc)
        rc = app_calendar(r->a, &r->cal, e);
    if (!rc)
        rc = store_unit_load(r->s, &r->units, e);
    if (!rc)
        rc = app_remind_src_collect(r->a, r->s, &r->units, &r->rules, r->day, &r->src, e);
    return rc;
}

static json_t *head_json(const run_t *r)
{
    char day[DATE_ISO_LEN], at[DTIME_ISO_LEN];
    date_format(r->day, day);
    dtime_format(r->at, at);
    return json_pack("{s:s,s:s,s:{s:s,s:s},s:I,s:b}", "day", day, "at", at, "rules", "name",
                     r->rules.name, "version", r->rules.version, "deadlines", (json_int_t)r->src.n,
                     "dry_run", r->o->dry_run);
}

int app_remind_run(app_t *a, const user_t *actor, const app_remind_opts_t *o, json_t **out,
                   err_t *e)
{
    *out = NULL;
    if (actor && actor->role != ACCESS_ROLE_ADMIN)
        return err_set(e, ERR_FORBIDDEN, "auth.forbidden", "Bạn không có quyền chạy nhắc hạn",
                       "You may not run the reminders");
    run_t r;
    memset(&r, 0, sizeof r);
    r.a = a;
    r.o = o;
    r.e = e;
    r.at = o->at == DTIME_NONE || o->at <= 0 ? dtime_now() : o->at;
    r.day = dtime_date(r.at);
    r.started = dtime_now();
    unit_set_init(&r.units);
    int rc = run_open(&r, e);
    r.out = rc ? NULL : head_json(&r);
    r.notices = json_array();
    r.digests = json_array();
    if (!rc && (!r.out || !r.notices || !r.digests))
        rc = err_nomem(e);
    if (!rc && o->notices)
        rc = notices(&r);
    if (!rc && o->digests && !r.idle)
        rc = digests(&r);
    if (!rc &&
        (jsonx_set(r.out, "notices", r.notices) || jsonx_set(r.out, "digests", r.digests) ||
         jsonx_set_int(r.out, "recorded", r.recorded) || jsonx_set_int(r.out, "mails", r.mails)))
        rc = err_nomem(e);
    json_decref(r.notices);
    json_decref(r.digests);
    app_remind_src_release(&r.src);
    app_remind_users_release(&r.us);
    unit_set_release(&r.units);
    if (rc) {
        json_decref(r.out);
        return rc;
    }
    *out = r.out;
    return 0;
}

/* --- the rules, for people ------------------------------------------------------------------- */

static json_t *stages_json(const remind_stages_t *st)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < st->n; i++) {
        char to[64] = "";
        for (int t = 0; t < REMIND_TO_COUNT; t++)
            if (st->v[i].to & (1u << t)) {
                size_t len = strlen(to);
                snprintf(to + len, sizeof to - len, "%s%s", len ? "," : "",
                         remind_rule_to_code((remind_to_t)t));
            }
        json_t *o = json_pack("{s:s,s:i,s:i,s:s}", "id", st->v[i].id, "at", st->v[i].at, "every",
                              st->v[i].every, "to", to);
        if (!o || json_array_append_new(arr, o)) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *roles_json(const remind_rules_t *r)
{
    json_t *o = json_object();
    for (int t = 0; o && t < REMIND_TO_COUNT; t++) {
        json_t *arr = json_array();
        for (int k = 0; arr && k < ACCESS_ROLE_COUNT; k++)
            if (r->roles[t] & (1u << k) && t != REMIND_TO_LEADER &&
                json_array_append_new(arr, json_string(access_role_code((access_role_t)k)))) {
                json_decref(arr);
                arr = NULL;
            }
        if (!arr || jsonx_set_new(o, remind_rule_to_code((remind_to_t)t), arr)) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

int app_remind_rules(app_t *a, json_t **out, err_t *e)
{
    *out = NULL;
    remind_rules_t r;
    int rc = app_remind_rules_load(a, &r, e);
    if (rc)
        return rc;
    json_t *stages = json_object();
    for (int k = 0; stages && k < REMIND_SOURCE_COUNT; k++)
        if (jsonx_set_new(stages, remind_rule_kind_code((remind_kind_t)k),
                          stages_json(remind_rule_stages(&r, (remind_kind_t)k)))) {
            json_decref(stages);
            stages = NULL;
        }
    char t[16], due[16];
    snprintf(t, sizeof t, "%02d:%02d", r.digest_minute / 60 % 24, r.digest_minute % 60);
    snprintf(due, sizeof due, "%02d-%02d", r.target_month % 100, r.target_day % 100);
    *out = stages ? json_pack("{s:s,s:s,s:{s:i,s:s},s:i,s:s,s:o*,s:o}", "name", r.name, "version",
                              r.version, "digest", "soon", r.digest_soon, "time", t,
                              "summary_weekday", r.summary_weekday, "target_due", due, "recipients",
                              roles_json(&r), "stages", stages)
                  : NULL;
    return *out ? 0 : err_nomem(e);
}
