/* agencycal_json.c - parsing and validating calendar data (base file and
 * province overlay) into the structures of agencycal_int.h.
 *
 * Every semantic error names the JSON path of the offending value
 * ("decisions[2].days_off[3]") and, when the offending token occurs exactly
 * once in the text, its line (jansson keeps no positions for values). Keys
 * starting with '_' are comments and ignored anywhere. */
#include "domain/agencycal_int.h"

#include "base/jsonx.h"
#include "base/mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define PATH_MAX_LEN   160
#define MAX_RANGE_DAYS 366

typedef struct px {
    agencycal_t *c;
    const char *text;
    size_t n;
    err_t *e;
} px_t;

/* Line of the only occurrence of "token" (quoted) in the text, 0 if absent
 * or ambiguous. */
static int locate_line(const px_t *p, const char *token)
{
    if (!token)
        return 0;
    size_t tl = strlen(token);
    int hits = 0, line = 0;
    for (size_t i = 0; i + tl + 2 <= p->n; i++) {
        if (p->text[i] != '"' || memcmp(p->text + i + 1, token, tl) != 0 ||
            p->text[i + 1 + tl] != '"')
            continue;
        if (++hits > 1)
            return 0;
        line = 1;
        for (size_t j = 0; j < i; j++)
            line += p->text[j] == '\n';
    }
    return line;
}

static void append(char *dst, size_t cap, const char *s)
{
    size_t l = strlen(dst);
    if (l + 1 < cap)
        snprintf(dst + l, cap - l, "%s", s);
}

/* Fills the error: "<path>: <message>[ (line N)]". */
static int fail(px_t *p, const char *path, const char *token, const char *code, const char *vi_fmt,
                const char *en_fmt, ...)
{
    va_list ap;
    va_start(ap, en_fmt);
    err_vset(p->e, ERR_INVALID, code, vi_fmt, en_fmt, ap);
    va_end(ap);
    if (!p->e)
        return ERR_INVALID;
    char pre[PATH_MAX_LEN + 4];
    snprintf(pre, sizeof pre, "%s: ", path && *path ? path : "(gốc/root)");
    err_prefix(p->e, pre);
    int line = locate_line(p, token);
    if (line > 0) {
        char vi[32], en[32];
        snprintf(vi, sizeof vi, " (dòng %d)", line);
        snprintf(en, sizeof en, " (line %d)", line);
        append(p->e->vi, sizeof p->e->vi, vi);
        append(p->e->en, sizeof p->e->en, en);
    }
    return ERR_INVALID;
}

static int nomem(px_t *p)
{
    return err_nomem(p->e);
}

/* A truncated path (absurdly deep or long keys) ends in "..." */
static void mark_truncated(char out[PATH_MAX_LEN], int n)
{
    if (n >= PATH_MAX_LEN)
        memcpy(out + PATH_MAX_LEN - 4, "...", 4);
}

static void sub(char out[PATH_MAX_LEN], const char *path, const char *key)
{
    mark_truncated(out, snprintf(out, PATH_MAX_LEN, "%s%s%s", path, *path ? "." : "", key));
}

static void idx(char out[PATH_MAX_LEN], const char *path, size_t i)
{
    mark_truncated(out, snprintf(out, PATH_MAX_LEN, "%s[%zu]", path, i));
}

static int check_keys(px_t *p, const json_t *o, const char *path, const char *const *allowed)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)o, key, v)
    {
        (void)v;
        if (key[0] == '_')
            continue;
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, key) == 0;
        if (!ok) {
            char kp[PATH_MAX_LEN];
            sub(kp, path, key);
            return fail(p, kp, key, "calendar.schema", "khóa không được hỗ trợ '%s'",
                        "unknown key '%s'", key);
        }
    }
    return 0;
}

static int want_object(px_t *p, const json_t *v, const char *path)
{
    if (json_is_object(v))
        return 0;
    return fail(p, path, NULL, "calendar.schema", "phải là một đối tượng JSON",
                "must be a JSON object");
}

static int want_array(px_t *p, const json_t *v, const char *path)
{
    if (json_is_array(v))
        return 0;
    return fail(p, path, NULL, "calendar.schema", "phải là một mảng JSON", "must be a JSON array");
}

/* String member; absent -> *out = def (error when required). */
static int get_str(px_t *p, const json_t *o, const char *path, const char *key, bool req,
                   const char *def, const char **out)
{
    char kp[PATH_MAX_LEN];
    sub(kp, path, key);
    const json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        if (req)
            return fail(p, kp, NULL, "calendar.schema", "thiếu trường bắt buộc",
                        "missing required field");
        *out = def;
        return 0;
    }
    if (!json_is_string(v))
        return fail(p, kp, NULL, "calendar.schema", "phải là chuỗi", "must be a string");
    *out = json_string_value(v);
    return 0;
}

static int get_int(px_t *p, const json_t *o, const char *path, const char *key, bool req,
                   long long lo, long long hi, long long def, int *out)
{
    char kp[PATH_MAX_LEN];
    sub(kp, path, key);
    const json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        if (req)
            return fail(p, kp, NULL, "calendar.schema", "thiếu trường bắt buộc",
                        "missing required field");
        *out = (int)def;
        return 0;
    }
    if (!json_is_integer(v))
        return fail(p, kp, NULL, "calendar.schema", "phải là số nguyên", "must be an integer");
    long long x = json_integer_value(v);
    if (x < lo || x > hi)
        return fail(p, kp, NULL, "calendar.schema", "giá trị %lld ngoài khoảng %lld..%lld",
                    "value %lld outside %lld..%lld", x, lo, hi);
    *out = (int)x;
    return 0;
}

/* A pooled copy of a string member (NULL when absent and not required). */
static int pool_str(px_t *p, const json_t *o, const char *path, const char *key, bool req,
                    const char **out)
{
    const char *s;
    int rc = get_str(p, o, path, key, req, NULL, &s);
    if (rc)
        return rc;
    *out = NULL;
    if (s && !(*out = agencycal_pool_dup(p->c, s)))
        return nomem(p);
    return 0;
}

/* "HH:MM", 00:00..24:00. */
static bool parse_hhmm(const char *s, int *min)
{
    if (strlen(s) != 5 || s[2] != ':')
        return false;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return false;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m))
        return false;
    *min = h * 60 + m;
    return true;
}

static int parse_office_hours(px_t *p, const json_t *arr, const char *path)
{
    int rc = want_array(p, arr, path);
    if (rc)
        return rc;
    size_t n = json_array_size(arr);
    if (n == 0 || n > AGENCYCAL_MAX_PERIODS)
        return fail(p, path, NULL, "calendar.schema", "cần từ 1 đến %d khoảng giờ làm việc",
                    "needs 1 to %d office-hour intervals", AGENCYCAL_MAX_PERIODS);
    agencycal_t *c = p->c;
    int total = 0;
    for (size_t i = 0; i < n; i++) {
        char ip[PATH_MAX_LEN];
        idx(ip, path, i);
        const json_t *pair = json_array_get(arr, i);
        int t[2];
        if (!json_is_array(pair) || json_array_size(pair) != 2)
            return fail(p, ip, NULL, "calendar.schema", "phải có dạng [\"HH:MM\", \"HH:MM\"]",
                        "must look like [\"HH:MM\", \"HH:MM\"]");
        for (size_t k = 0; k < 2; k++) {
            const char *s = json_string_value(json_array_get(pair, k));
            if (!s || !parse_hhmm(s, &t[k]))
                return fail(p, ip, s, "calendar.schema", "giờ không hợp lệ '%s' (cần HH:MM)",
                            "invalid time '%s' (expected HH:MM)", s ? s : "?");
        }
        if (t[0] >= t[1] || (i > 0 && t[0] < c->periods[i - 1].end))
            return fail(p, ip, NULL, "calendar.schema",
                        "các khoảng phải tăng dần, không chồng nhau và không rỗng",
                        "intervals must be increasing, disjoint and non-empty");
        c->periods[i] = (agencycal_period_t){t[0], t[1]};
        total += t[1] - t[0];
    }
    c->nperiods = (int)n;
    c->day_minutes = total;
    return 0;
}

static int parse_rest_days(px_t *p, const json_t *arr, const char *path)
{
    int rc = want_array(p, arr, path);
    if (rc)
        return rc;
    uint8_t mask = 0;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const char *s = json_string_value(json_array_get(arr, i));
        int w = -1;
        for (int k = 0; k < 7 && s; k++)
            if (strcmp(s, agencycal_weekday_name(k)) == 0)
                w = k;
        if (w < 0) {
            char ip[PATH_MAX_LEN];
            idx(ip, path, i);
            return fail(p, ip, s, "calendar.schema",
                        "tên thứ không hợp lệ '%s' (dùng mon, tue, wed, thu, fri, sat, sun)",
                        "invalid weekday '%s' (use mon, tue, wed, thu, fri, sat, sun)",
                        s ? s : "?");
        }
        mask = (uint8_t)(mask | (1u << w));
    }
    if (mask == 0x7f)
        return fail(p, path, NULL, "calendar.schema", "không thể nghỉ cả 7 ngày trong tuần",
                    "all seven weekdays cannot be rest days");
    p->c->rest_mask = mask;
    return 0;
}

static int parse_date_str(px_t *p, const char *path, const char *s, date_t *out)
{
    int rc = s ? date_parse(s, strlen(s), out) : ERR_INVALID;
    if (rc == ERR_RANGE)
        return fail(p, path, s, "calendar.date", "ngày không tồn tại \"%s\"", "no such date \"%s\"",
                    s);
    if (rc)
        return fail(p, path, s, "calendar.date", "ngày không hợp lệ \"%s\" (cần YYYY-MM-DD)",
                    "invalid date \"%s\" (expected YYYY-MM-DD)", s ? s : "?");
    if (*out < p->c->first || *out > p->c->last) {
        fail(p, path, s, "calendar.range", "ngày %s nằm ngoài phạm vi lịch %d–%d",
             "date %s is outside the calendar range %d-%d", s, AGENCYCAL_YEAR_MIN,
             AGENCYCAL_YEAR_MAX);
        if (p->e)
            p->e->status = ERR_RANGE;
        return ERR_RANGE;
    }
    return 0;
}

static int rule_id_index(px_t *p, const char *id)
{
    agencycal_t *c = p->c;
    for (int i = 0; i < c->nids; i++)
        if (strcmp(c->ids[i], id) == 0)
            return i;
    return -1;
}

static const char *const rule_keys[] = {"id",        "name",    "calendar",  "month",
                                        "day",       "offset",  "days",      "adjacent",
                                        "from_year", "to_year", "reference", NULL};

static int parse_rule_fields(px_t *p, const json_t *o, const char *path, agencycal_rule_t *r)
{
    const char *cal, *adj;
    int rc = check_keys(p, o, path, rule_keys);
    rc = rc ? rc : pool_str(p, o, path, "id", true, &r->id);
    rc = rc ? rc : pool_str(p, o, path, "name", true, &r->name);
    rc = rc ? rc : pool_str(p, o, path, "reference", false, &r->reference);
    rc = rc ? rc : get_str(p, o, path, "calendar", true, NULL, &cal);
    rc = rc ? rc : get_int(p, o, path, "month", true, 1, 12, 0, &r->month);
    rc = rc ? rc : get_int(p, o, path, "day", true, 1, 31, 0, &r->day);
    rc = rc ? rc : get_int(p, o, path, "offset", false, -31, 31, 0, &r->offset);
    rc = rc ? rc : get_int(p, o, path, "days", false, 1, 10, 1, &r->days);
    rc = rc ? rc
            : get_int(p, o, path, "from_year", false, AGENCYCAL_YEAR_MIN, AGENCYCAL_YEAR_MAX,
                      AGENCYCAL_YEAR_MIN, &r->from_year);
    rc = rc ? rc
            : get_int(p, o, path, "to_year", false, AGENCYCAL_YEAR_MIN, AGENCYCAL_YEAR_MAX,
                      AGENCYCAL_YEAR_MAX, &r->to_year);
    rc = rc ? rc : get_str(p, o, path, "adjacent", false, "none", &adj);
    if (rc)
        return rc;
    char kp[PATH_MAX_LEN];
    sub(kp, path, "calendar");
    if (strcmp(cal, "solar") && strcmp(cal, "lunar"))
        return fail(p, kp, cal, "calendar.schema", "phải là \"solar\" hoặc \"lunar\"",
                    "must be \"solar\" or \"lunar\"");
    r->lunar = cal[0] == 'l';
    sub(kp, path, "adjacent");
    static const char *const adjs[] = {"none", "before", "after", "bridge"};
    r->adjacent = (agencycal_adjacent_t)-1;
    for (int i = 0; i < 4; i++)
        if (strcmp(adj, adjs[i]) == 0)
            r->adjacent = (agencycal_adjacent_t)i;
    if ((int)r->adjacent < 0)
        return fail(p, kp, adj, "calendar.schema",
                    "phải là \"none\", \"before\", \"after\" hoặc \"bridge\"",
                    "must be \"none\", \"before\", \"after\" or \"bridge\"");
    sub(kp, path, "day");
    if (r->lunar ? r->day > 29 : r->day > date_days_in_month(2001, r->month))
        return fail(p, kp, NULL, "calendar.rule",
                    "ngày %d/%d không có trong mọi năm (ngày âm lịch tối đa 29; dùng offset)",
                    "day %d/%d does not exist every year (lunar days up to 29; use offset)", r->day,
                    r->month);
    if (r->from_year > r->to_year)
        return fail(p, path, NULL, "calendar.rule", "from_year lớn hơn to_year",
                    "from_year is after to_year");
    return 0;
}

static int parse_rule(px_t *p, const json_t *o, const char *path)
{
    agencycal_t *c = p->c;
    agencycal_rule_t r = {0};
    int rc = want_object(p, o, path);
    rc = rc ? rc : parse_rule_fields(p, o, path, &r);
    if (rc)
        return rc;
    r.id_index = rule_id_index(p, r.id);
    for (int i = 0; i < c->nrules && r.id_index >= 0; i++)
        if (c->rules[i].id_index == r.id_index && r.from_year <= c->rules[i].to_year &&
            c->rules[i].from_year <= r.to_year)
            return fail(p, path, r.id, "calendar.rule",
                        "hai phiên bản của ngày lễ '%s' trùng năm hiệu lực",
                        "two versions of holiday '%s' overlap in years", r.id);
    if (r.id_index < 0) {
        if (c->nids >= AGENCYCAL_MAX_RULE_IDS)
            return fail(p, path, NULL, "calendar.rule", "quá nhiều ngày lễ (tối đa %d)",
                        "too many holidays (max %d)", AGENCYCAL_MAX_RULE_IDS);
        r.id_index = c->nids;
        c->ids[c->nids++] = r.id;
    }
    char comp[256];
    snprintf(comp, sizeof comp, "Nghỉ bù %s", r.name);
    const char *comp_name = agencycal_pool_dup(c, comp);
    if (!comp_name)
        return nomem(p);
    r.note_holiday = agencycal_add_note(c, AGENCYCAL_R_HOLIDAY, r.name, r.reference);
    r.note_comp = agencycal_add_note(c, AGENCYCAL_R_COMPENSATION, comp_name, r.reference);
    if (r.note_holiday < 0 || r.note_comp < 0)
        return nomem(p);
    if (agencycal_grow((void **)&c->rules, &c->caprules, c->nrules + 1, sizeof *c->rules))
        return nomem(p);
    c->rules[c->nrules++] = r;
    return 0;
}

static const char *const entry_keys[] = {"date", "from", "to", "name", "reference", NULL};

/* Reads a day entry: "YYYY-MM-DD" or {"date"} or {"from","to"}, with name
 * and reference. year != 0 restricts the dates to that year. */
static int parse_entry(px_t *p, const json_t *v, const char *path, bool working, bool province,
                       int year, const char *def_ref)
{
    agencycal_t *c = p->c;
    agencycal_entry_t en = {.working = working, .province = province};
    const char *name = NULL, *ref = def_ref, *ds = json_string_value(v);
    int rc = 0;
    if (ds) {
        rc = parse_date_str(p, path, ds, &en.from);
        en.to = en.from;
    } else if (json_is_object(v)) {
        const char *date, *from, *to;
        rc = check_keys(p, v, path, entry_keys);
        rc = rc ? rc : get_str(p, v, path, "date", false, NULL, &date);
        rc = rc ? rc : get_str(p, v, path, "from", false, NULL, &from);
        rc = rc ? rc : get_str(p, v, path, "to", false, NULL, &to);
        rc = rc ? rc : pool_str(p, v, path, "name", false, &name);
        rc = rc ? rc : pool_str(p, v, path, "reference", false, &ref);
        if (rc)
            return rc;
        if (!ref)
            ref = def_ref;
        bool has_range = from && to;
        if ((date != NULL) == has_range || (from == NULL) != (to == NULL))
            return fail(p, path, NULL, "calendar.schema",
                        "cần \"date\" hoặc cặp \"from\"/\"to\" (không cả hai)",
                        "needs \"date\" or a \"from\"/\"to\" pair (not both)");
        char kp[PATH_MAX_LEN];
        sub(kp, path, date ? "date" : "from");
        rc = parse_date_str(p, kp, date ? date : from, &en.from);
        sub(kp, path, "to");
        en.to = en.from;
        rc = rc ? rc : (to ? parse_date_str(p, kp, to, &en.to) : 0);
        if (!rc && (en.to < en.from || en.to - en.from >= MAX_RANGE_DAYS))
            return fail(p, path, to, "calendar.date",
                        "khoảng ngày không hợp lệ (\"to\" trước \"from\" hoặc dài quá %d ngày)",
                        "invalid range (\"to\" before \"from\" or longer than %d days)",
                        MAX_RANGE_DAYS);
    } else
        return fail(p, path, NULL, "calendar.schema",
                    "phải là ngày \"YYYY-MM-DD\" hoặc đối tượng {\"date\"|\"from\",\"to\",...}",
                    "must be a \"YYYY-MM-DD\" date or an object {\"date\"|\"from\",\"to\",...}");
    if (rc)
        return rc;
    for (date_t d = en.from; d <= en.to; d++) {
        char s[DATE_ISO_LEN];
        date_format(d, s);
        if (year && date_year(d) != year)
            return fail(p, path, ds, "calendar.date", "ngày %s không thuộc năm %d",
                        "date %s is not in year %d", s, year);
        if (working && !((c->rest_mask >> date_weekday(d)) & 1))
            return fail(p, path, ds, "calendar.date",
                        "ngày làm bù %s không phải ngày nghỉ hằng tuần",
                        "worked day %s is not a weekly rest day", s);
    }
    if (!name)
        name = working ? "Ngày làm việc bù" : "Ngày nghỉ";
    agencycal_reason_t r = province
                               ? (working ? AGENCYCAL_R_PROVINCE_WORK : AGENCYCAL_R_PROVINCE_OFF)
                               : (working ? AGENCYCAL_R_DECISION_WORK : AGENCYCAL_R_DECISION_OFF);
    en.note = agencycal_add_note(c, r, name, ref);
    if (en.note < 0)
        return en.note == ERR_NOMEM
                   ? nomem(p)
                   : fail(p, path, NULL, "calendar.schema", "quá nhiều mục", "too many entries");
    if (agencycal_grow((void **)&c->entries, &c->capentries, c->nentries + 1, sizeof *c->entries))
        return nomem(p);
    c->entries[c->nentries++] = en;
    return 0;
}

static int parse_entries(px_t *p, const json_t *o, const char *path, const char *key, bool working,
                         bool province, int year, const char *ref)
{
    const json_t *arr = json_object_get(o, key);
    if (!arr)
        return 0;
    char kp[PATH_MAX_LEN];
    sub(kp, path, key);
    int rc = want_array(p, arr, kp);
    for (size_t i = 0; !rc && i < json_array_size(arr); i++) {
        char ip[PATH_MAX_LEN];
        idx(ip, kp, i);
        rc = parse_entry(p, json_array_get(arr, i), ip, working, province, year, ref);
    }
    return rc;
}

static const char *const decision_keys[] = {"year",        "reference", "covers", "days_off",
                                            "worked_days", "note",      NULL};

static int parse_covers(px_t *p, const json_t *arr, const char *path, uint32_t *covers)
{
    char kp[PATH_MAX_LEN];
    sub(kp, path, "covers");
    if (!arr) {
        *covers = UINT32_MAX;
        return 0;
    }
    int rc = want_array(p, arr, kp);
    *covers = 0;
    for (size_t i = 0; !rc && i < json_array_size(arr); i++) {
        char ip[PATH_MAX_LEN];
        idx(ip, kp, i);
        const char *id = json_string_value(json_array_get(arr, i));
        int k = id ? rule_id_index(p, id) : -1;
        if (k < 0)
            return fail(p, ip, id, "calendar.schema", "không có ngày lễ nào có id '%s'",
                        "no holiday has id '%s'", id ? id : "?");
        *covers |= (uint32_t)1 << k;
    }
    return rc;
}

static int parse_decision(px_t *p, const json_t *o, const char *path)
{
    agencycal_t *c = p->c;
    agencycal_decision_t d = {0};
    int rc = want_object(p, o, path);
    rc = rc ? rc : check_keys(p, o, path, decision_keys);
    rc = rc ? rc
            : get_int(p, o, path, "year", true, AGENCYCAL_YEAR_MIN, AGENCYCAL_YEAR_MAX, 0, &d.year);
    rc = rc ? rc : pool_str(p, o, path, "reference", true, &d.reference);
    rc = rc ? rc : parse_covers(p, json_object_get(o, "covers"), path, &d.covers);
    rc = rc ? rc : parse_entries(p, o, path, "days_off", false, false, d.year, d.reference);
    rc = rc ? rc : parse_entries(p, o, path, "worked_days", true, false, d.year, d.reference);
    if (rc)
        return rc;
    if (agencycal_grow((void **)&c->decs, &c->capdecs, c->ndecs + 1, sizeof *c->decs))
        return nomem(p);
    c->decs[c->ndecs++] = d;
    return 0;
}

static int parse_list(px_t *p, const json_t *root, const char *key,
                      int (*fn)(px_t *, const json_t *, const char *))
{
    const json_t *arr = json_object_get(root, key);
    if (!arr)
        return 0;
    int rc = want_array(p, arr, key);
    for (size_t i = 0; !rc && i < json_array_size(arr); i++) {
        char ip[PATH_MAX_LEN];
        idx(ip, key, i);
        rc = fn(p, json_array_get(arr, i), ip);
    }
    return rc;
}

static json_t *load(px_t *p)
{
    json_error_t je;
    json_t *root = json_loadb(p->text, p->n, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        err_set(p->e, ERR_INVALID, "calendar.json", "JSON không hợp lệ ở dòng %d, cột %d: %s",
                "malformed JSON at line %d, column %d: %s", je.line, je.column, je.text);
    return root;
}

static int parse_header(px_t *p, const json_t *root, const char *format)
{
    const char *fmt;
    int rc = want_object(p, root, "");
    rc = rc ? rc : get_str(p, root, "", "format", true, NULL, &fmt);
    if (!rc && strcmp(fmt, format) != 0)
        return fail(p, "format", fmt, "calendar.schema",
                    "định dạng '%s' không được hỗ trợ (cần '%s')",
                    "unsupported format '%s' (expected '%s')", fmt, format);
    return rc;
}

/* Common to base and overlay: rest days then office hours. */
static int parse_week(px_t *p, const json_t *root)
{
    const json_t *rest = json_object_get(root, "weekly_rest_days");
    const json_t *hours = json_object_get(root, "office_hours");
    int rc = rest ? parse_rest_days(p, rest, "weekly_rest_days") : 0;
    return rc ? rc : hours ? parse_office_hours(p, hours, "office_hours") : 0;
}

static const char *const base_keys[] = {
    "format",       "id",           "version",  "name",      "weekly_rest_days",
    "office_hours", "compensation", "holidays", "decisions", NULL};

static int base_fields(px_t *p, const json_t *root)
{
    agencycal_t *c = p->c;
    const char *comp;
    c->rest_mask = (1u << 0) | (1u << 6);
    c->periods[0] = (agencycal_period_t){7 * 60 + 30, 11 * 60 + 30};
    c->periods[1] = (agencycal_period_t){13 * 60 + 30, 17 * 60};
    c->nperiods = 2;
    c->day_minutes = 450;
    int rc = parse_header(p, root, AGENCYCAL_FORMAT);
    rc = rc ? rc : check_keys(p, root, "", base_keys);
    rc = rc ? rc : pool_str(p, root, "", "id", true, &c->id);
    rc = rc ? rc : pool_str(p, root, "", "version", true, &c->version);
    rc = rc ? rc : pool_str(p, root, "", "name", false, &c->name);
    rc = rc ? rc : get_str(p, root, "", "compensation", false, "next_working_day", &comp);
    if (rc)
        return rc;
    if (strcmp(comp, "next_working_day") && strcmp(comp, "none"))
        return fail(p, "compensation", comp, "calendar.schema",
                    "phải là \"next_working_day\" hoặc \"none\"",
                    "must be \"next_working_day\" or \"none\"");
    c->compensate = strcmp(comp, "next_working_day") == 0;
    rc = parse_week(p, root);
    rc = rc ? rc : parse_list(p, root, "holidays", parse_rule);
    return rc ? rc : parse_list(p, root, "decisions", parse_decision);
}

int agencycal_json_base(agencycal_t *c, const char *text, size_t n, err_t *e)
{
    px_t p = {c, text, n, e};
    json_t *root = load(&p);
    if (!root)
        return ERR_INVALID;
    int rc = base_fields(&p, root);
    if (!rc && !c->name)
        c->name = c->id;
    json_decref(root);
    return rc;
}

static const char *const overlay_keys[] = {
    "format",       "id",       "version",     "name", "weekly_rest_days",
    "office_hours", "days_off", "worked_days", NULL};

static int overlay_fields(px_t *p, const json_t *root)
{
    agencycal_t *c = p->c;
    const char *id, *version, *name;
    int rc = parse_header(p, root, AGENCYCAL_OVERLAY_FORMAT);
    rc = rc ? rc : check_keys(p, root, "", overlay_keys);
    rc = rc ? rc : get_str(p, root, "", "id", true, NULL, &id);
    rc = rc ? rc : get_str(p, root, "", "version", true, NULL, &version);
    rc = rc ? rc : get_str(p, root, "", "name", false, NULL, &name);
    rc = rc ? rc : parse_week(p, root);
    rc = rc ? rc : parse_entries(p, root, "", "days_off", false, true, 0, NULL);
    rc = rc ? rc : parse_entries(p, root, "", "worked_days", true, true, 0, NULL);
    if (rc)
        return rc;
    char v[512];
    snprintf(v, sizeof v, "%s+%s-%s", c->version, id, version);
    c->version = agencycal_pool_dup(c, v);
    if (name) {
        snprintf(v, sizeof v, "%s (%s)", c->name, name);
        c->name = agencycal_pool_dup(c, v);
    }
    return c->version && c->name ? 0 : nomem(p);
}

int agencycal_json_overlay(agencycal_t *c, const char *text, size_t n, err_t *e)
{
    px_t p = {c, text, n, e};
    json_t *root = load(&p);
    if (!root)
        return ERR_INVALID;
    int rc = overlay_fields(&p, root);
    json_decref(root);
    return rc;
}
