/* remind_rule.c - reminder rules as data (remind_rule.h). */
#include "domain/remind_rule.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

static const char *const kind_codes[REMIND_KIND_COUNT] = {"task",    "report", "target", "campaign",
                                                          "summary", "unit",   "digest"};
static const char *const kind_vi[REMIND_KIND_COUNT] = {
    "Nhiệm vụ",         "Báo cáo", "Chỉ tiêu", "Chấm điểm CCHC", "Tổng hợp", "Nhắc của đơn vị nhận",
    "Bản tin hằng ngày"};
static const char *const kind_en[REMIND_KIND_COUNT] = {
    "Tasks",       "Reports", "Targets", "PAR campaign", "Summary", "Reminders from receivers",
    "Daily digest"};
static const char *const to_codes[REMIND_TO_COUNT] = {"assignee", "lead", "leader", "standing"};

const char *remind_rule_kind_code(remind_kind_t k)
{
    return (unsigned)k < REMIND_KIND_COUNT ? kind_codes[k] : "?";
}

const char *remind_rule_kind_label_vi(remind_kind_t k)
{
    return (unsigned)k < REMIND_KIND_COUNT ? kind_vi[k] : "?";
}

const char *remind_rule_kind_label_en(remind_kind_t k)
{
    return (unsigned)k < REMIND_KIND_COUNT ? kind_en[k] : "?";
}

const char *remind_rule_to_code(remind_to_t t)
{
    return (unsigned)t < REMIND_TO_COUNT ? to_codes[t] : "?";
}

static int kind_find(const char *s, size_t n)
{
    for (int k = 0; k < REMIND_KIND_COUNT; k++)
        if (strlen(kind_codes[k]) == n && strncmp(kind_codes[k], s, n) == 0)
            return k;
    return -1;
}

int remind_rule_kind_parse(const char *s, remind_kind_t *out, err_t *e)
{
    int k = s ? kind_find(s, strlen(s)) : -1;
    if (k < 0)
        return err_set(e, ERR_INVALID, "remind.kind", "Loại thông báo không hợp lệ: '%s'",
                       "Unknown notice kind: '%s'", s ? s : "");
    *out = (remind_kind_t)k;
    return 0;
}

int remind_rule_kind_parse_set(const char *s, unsigned *out, err_t *e)
{
    unsigned set = 0;
    const char *p = s ? s : "";
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t n = 0;
        while (p[n] && p[n] != ',' && p[n] != ' ')
            n++;
        if (!n)
            break;
        int k = kind_find(p, n);
        if (k < 0)
            return err_set(e, ERR_INVALID, "remind.kind", "Loại thông báo không hợp lệ: '%.*s'",
                           "Unknown notice kind: '%.*s'", (int)n, p);
        set |= 1u << k;
        p += n;
    }
    *out = set;
    return 0;
}

void remind_rule_kind_format_set(unsigned set, char *out, size_t cap)
{
    size_t len = 0;
    if (cap)
        out[0] = '\0';
    for (int k = 0; k < REMIND_KIND_COUNT && cap; k++) {
        if (!(set & (1u << k)))
            continue;
        int w = snprintf(out + len, cap - len, "%s%s", len ? "," : "", kind_codes[k]);
        if (w < 0 || (size_t)w >= cap - len) {
            out[len] = '\0';
            break;
        }
        len += (size_t)w;
    }
}

static void stage(remind_stages_t *s, const char *id, int at, int every, unsigned to)
{
    remind_stage_t *v = &s->v[s->n++];
    snprintf(v->id, sizeof v->id, "%s", id);
    v->at = at;
    v->every = every;
    v->to = to;
}

void remind_rule_defaults(remind_rules_t *r)
{
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "Quy tắc nhắc hạn mặc định / default reminder rules");
    snprintf(r->version, sizeof r->version, "builtin");
    const unsigned assignee = 1u << REMIND_TO_ASSIGNEE;
    stage(&r->def, "truoc_5", -5, 0, assignee);
    stage(&r->def, "truoc_1", -1, 0, assignee);
    stage(&r->def, "den_han", 0, 0, assignee);
    stage(&r->def, "qua_han", 5, 5, assignee | 1u << REMIND_TO_LEAD);
    stage(&r->def, "lanh_dao", 10, 5, 1u << REMIND_TO_LEADER);
    unsigned unit_roles = 1u << ACCESS_ROLE_OFFICER | 1u << ACCESS_ROLE_STANDING;
    r->roles[REMIND_TO_ASSIGNEE] = unit_roles;
    r->roles[REMIND_TO_LEAD] = unit_roles;
    r->roles[REMIND_TO_LEADER] = (1u << ACCESS_ROLE_COUNT) - 1; /* the flag decides */
    r->roles[REMIND_TO_STANDING] = 1u << ACCESS_ROLE_STANDING;
    r->summary_weekday = 1;
    r->digest_soon = 5;
    r->digest_minute = 7 * 60 + 30;
    r->target_month = 12;
    r->target_day = 14;
}

const remind_stages_t *remind_rule_stages(const remind_rules_t *r, remind_kind_t k)
{
    if ((unsigned)k < REMIND_SOURCE_COUNT && r->has_kind[k])
        return &r->kind[k];
    return &r->def;
}

bool remind_rule_role_counts(const remind_rules_t *r, remind_to_t t, access_role_t role)
{
    return (unsigned)t < REMIND_TO_COUNT && (unsigned)role < ACCESS_ROLE_COUNT &&
           (r->roles[t] & (1u << role));
}

/* --- parsing --------------------------------------------------------------------------------- */

typedef struct parse {
    const char *source;
    err_t *e;
} parse_t;

static int bad(const parse_t *p, const char *code, const char *where, const char *vi,
               const char *en)
{
    err_set_pair(p->e, ERR_INVALID, code, vi, en);
    if (where)
        err_prefixf(p->e, "%s: %s: ", "%s: %s: ", p->source, where);
    else
        err_prefixf(p->e, "%s: ", "%s: ", p->source);
    return ERR_INVALID;
}

/* Refuses keys of o not in allowed[0..n). */
static int only_keys(const parse_t *p, const json_t *o, const char *where,
                     const char *const *allowed, size_t n)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)o, key, v)
    {
        bool ok = false;
        for (size_t i = 0; i < n && !ok; i++)
            ok = strcmp(key, allowed[i]) == 0;
        if (!ok) {
            char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
            snprintf(vi, sizeof vi, "khóa không được hỗ trợ \"%.200s\"", key);
            snprintf(en, sizeof en, "unknown key \"%.200s\"", key);
            return bad(p, "remind_rule.field", where, vi, en);
        }
    }
    return 0;
}

static bool id_valid(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > REMIND_RULE_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

static int int_field(const parse_t *p, const json_t *o, const char *key, const char *where, int min,
                     int max, int def, int *out)
{
    const json_t *v = json_object_get(o, key);
    if (!v) {
        *out = def;
        return 0;
    }
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
        char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
        snprintf(vi, sizeof vi, "\"%s\" phải là số nguyên từ %d đến %d", key, min, max);
        snprintf(en, sizeof en, "\"%s\" must be an integer from %d to %d", key, min, max);
        return bad(p, "remind_rule.field", where, vi, en);
    }
    *out = (int)json_integer_value(v);
    return 0;
}

static int stage_to(const parse_t *p, const json_t *arr, const char *where, unsigned *out)
{
    *out = 0;
    if (!json_is_array(arr) || !json_array_size(arr))
        return bad(p, "remind_rule.stage", where, "\"to\" phải là danh sách người nhận không rỗng",
                   "\"to\" must be a non-empty list of recipients");
    size_t i;
    const json_t *v;
    json_array_foreach(arr, i, v)
    {
        const char *s = json_string_value(v);
        int t = -1;
        for (int k = 0; s && k < REMIND_TO_STANDING; k++)
            if (strcmp(s, to_codes[k]) == 0)
                t = k;
        if (t < 0)
            return bad(p, "remind_rule.stage", where,
                       "người nhận phải là \"assignee\", \"lead\" hoặc \"leader\"",
                       "recipients are \"assignee\", \"lead\" or \"leader\"");
        *out |= 1u << t;
    }
    return 0;
}

static int parse_stage(const parse_t *p, const json_t *o, remind_stages_t *list, const char *kind)
{
    static const char *const keys[] = {"id", "at", "every", "to"};
    char where[96];
    const char *id = json_string_value(json_object_get(o, "id"));
    snprintf(where, sizeof where, "%s, stage '%.30s'", kind, id ? id : "?");
    if (!json_is_object(o))
        return bad(p, "remind_rule.stage", kind, "mỗi mốc nhắc phải là một đối tượng",
                   "each stage must be an object");
    int rc = only_keys(p, o, where, keys, 4);
    if (rc)
        return rc;
    if (!id || !id_valid(id))
        return bad(p, "remind_rule.stage", where, "\"id\" phải gồm 1-24 ký tự [a-z0-9_]",
                   "\"id\" must be 1-24 characters of [a-z0-9_]");
    for (size_t i = 0; i < list->n; i++)
        if (strcmp(list->v[i].id, id) == 0)
            return bad(p, "remind_rule.stage", where, "\"id\" bị trùng", "duplicate \"id\"");
    if (!json_object_get(o, "at"))
        return bad(p, "remind_rule.stage", where, "thiếu \"at\"", "\"at\" is missing");
    int at = 0, every = 0;
    unsigned to = 0;
    rc = int_field(p, o, "at", where, -REMIND_RULE_AT_MAX, REMIND_RULE_AT_MAX, 0, &at);
    if (!rc)
        rc = int_field(p, o, "every", where, 0, REMIND_RULE_AT_MAX, 0, &every);
    if (!rc && every > 0 && at < 0)
        rc = bad(p, "remind_rule.stage", where,
                 "chỉ mốc từ ngày đến hạn trở đi mới được lặp lại (\"every\")",
                 "only stages on or after the due date repeat (\"every\")");
    if (!rc && list->n && list->v[list->n - 1].at > at)
        rc = bad(p, "remind_rule.stage", where, "các mốc phải xếp theo \"at\" tăng dần",
                 "stages must be listed in increasing \"at\"");
    if (!rc)
        rc = stage_to(p, json_object_get(o, "to"), where, &to);
    if (!rc && list->n == REMIND_RULE_STAGES_MAX)
        rc = bad(p, "remind_rule.stage", where, "quá nhiều mốc nhắc (tối đa 16)",
                 "too many stages (at most 16)");
    if (rc)
        return rc;
    stage(list, id, at, every, to);
    return 0;
}

static int parse_stages(const parse_t *p, const json_t *arr, const char *kind,
                        remind_stages_t *list)
{
    memset(list, 0, sizeof *list);
    if (!json_is_array(arr) || !json_array_size(arr))
        return bad(p, "remind_rule.field", kind, "phải là danh sách mốc nhắc không rỗng",
                   "must be a non-empty list of stages");
    size_t i;
    const json_t *v;
    json_array_foreach(arr, i, v)
    {
        int rc = parse_stage(p, v, list, kind);
        if (rc)
            return rc;
    }
    return 0;
}

static int parse_roles(const parse_t *p, const json_t *o, remind_rules_t *r)
{
    static const char *const keys[] = {"assignee", "lead", "standing"};
    static const remind_to_t to[] = {REMIND_TO_ASSIGNEE, REMIND_TO_LEAD, REMIND_TO_STANDING};
    if (!o)
        return 0;
    if (!json_is_object(o))
        return bad(p, "remind_rule.field", "recipients", "phải là một đối tượng",
                   "must be an object");
    int rc = only_keys(p, o, "recipients", keys, 3);
    for (size_t k = 0; !rc && k < 3; k++) {
        const json_t *arr = json_object_get(o, keys[k]);
        if (!arr)
            continue;
        unsigned set = 0;
        size_t i;
        const json_t *v;
        if (!json_is_array(arr))
            return bad(p, "remind_rule.field", keys[k], "phải là danh sách vai trò",
                       "must be a list of roles");
        json_array_foreach(arr, i, v)
        {
            access_role_t role;
            if (!json_is_string(v) || access_role_parse(json_string_value(v), &role))
                return bad(p, "remind_rule.field", keys[k],
                           "vai trò không hợp lệ (admin, standing, officer, appraiser, viewer)",
                           "unknown role (admin, standing, officer, appraiser, viewer)");
            set |= 1u << role;
        }
        r->roles[to[k]] = set;
    }
    return rc;
}

static int parse_hhmm(const char *s, int *minute)
{
    int h = -1, m = -1;
    if (!s || strlen(s) != 5 || s[2] != ':')
        return -1;
    h = (s[0] - '0') * 10 + (s[1] - '0');
    m = (s[3] - '0') * 10 + (s[4] - '0');
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    if (h > 23 || m > 59)
        return -1;
    *minute = h * 60 + m;
    return 0;
}

static int parse_digest(const parse_t *p, const json_t *o, remind_rules_t *r)
{
    static const char *const keys[] = {"soon", "time"};
    if (!o)
        return 0;
    if (!json_is_object(o))
        return bad(p, "remind_rule.field", "digest", "phải là một đối tượng", "must be an object");
    int rc = only_keys(p, o, "digest", keys, 2);
    if (!rc)
        rc = int_field(p, o, "soon", "digest", 0, 30, r->digest_soon, &r->digest_soon);
    const json_t *t = json_object_get(o, "time");
    if (!rc && t && parse_hhmm(json_string_value(t), &r->digest_minute))
        rc = bad(p, "remind_rule.field", "digest", "\"time\" phải có dạng HH:MM",
                 "\"time\" must be HH:MM");
    return rc;
}

static int parse_misc(const parse_t *p, const json_t *root, remind_rules_t *r)
{
    const json_t *s = json_object_get(root, "summary");
    static const char *const skeys[] = {"weekday"};
    int rc = 0;
    if (!s)
        r->summary_weekday = -1;
    else if (!json_is_object(s))
        rc = bad(p, "remind_rule.field", "summary", "phải là một đối tượng", "must be an object");
    else
        rc = only_keys(p, s, "summary", skeys, 1) ||
             int_field(p, s, "weekday", "summary", 0, 7, 1, &r->summary_weekday);
    if (rc)
        return ERR_INVALID;
    const json_t *td = json_object_get(root, "target_due");
    if (td) {
        const char *v = json_string_value(td);
        int m = -1, d = -1;
        if (v && strlen(v) == 5 && v[2] == '-' && v[0] >= '0' && v[0] <= '1' && v[1] >= '0' &&
            v[1] <= '9' && v[3] >= '0' && v[3] <= '3' && v[4] >= '0' && v[4] <= '9') {
            m = (v[0] - '0') * 10 + v[1] - '0';
            d = (v[3] - '0') * 10 + v[4] - '0';
        }
        if (m < 1 || m > 12 || d < 1 || d > date_days_in_month(2023, m))
            return bad(p, "remind_rule.field", "target_due", "phải có dạng MM-DD (vd. 12-14)",
                       "must be MM-DD (e.g. 12-14)");
        r->target_month = m;
        r->target_day = d;
    }
    return 0;
}

static int parse_kinds(const parse_t *p, const json_t *o, remind_rules_t *r)
{
    if (!o)
        return 0;
    if (!json_is_object(o))
        return bad(p, "remind_rule.field", "kinds", "phải là một đối tượng", "must be an object");
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)o, key, v)
    {
        int k = kind_find(key, strlen(key));
        if (k < 0 || k >= REMIND_SOURCE_COUNT)
            return bad(p, "remind_rule.field", "kinds",
                       "loại hạn phải là task, report, target hoặc campaign",
                       "kinds are task, report, target or campaign");
        int rc = parse_stages(p, v, kind_codes[k], &r->kind[k]);
        if (rc)
            return rc;
        r->has_kind[k] = true;
    }
    return 0;
}

static int copy_str(const parse_t *p, const json_t *root, const char *key, char *out, size_t cap)
{
    const json_t *v = json_object_get(root, key);
    if (!v)
        return 0;
    const char *s = json_string_value(v);
    if (!s || strlen(s) >= cap)
        return bad(p, "remind_rule.field", key, "phải là chuỗi ngắn", "must be a short string");
    snprintf(out, cap, "%s", s);
    return 0;
}

int remind_rule_parse(const char *text, size_t n, const char *source, remind_rules_t *r, err_t *e)
{
    static const char *const keys[] = {"name",       "version", "recipients", "digest",  "summary",
                                       "target_due", "default", "kinds",      "_comment"};
    parse_t p = {source ? source : "rules.json", e};
    remind_rule_defaults(r);
    json_error_t je;
    json_t *root = json_loadb(text, n, 0, &je);
    int rc = 0;
    /* jansson reports a failed allocation of its lexer with no text at all */
    if (!root && (json_error_code(&je) == json_error_out_of_memory || !je.text[0]))
        return err_nomem(e);
    if (!root) {
        char vi[ERR_MSG_MAX], en[ERR_MSG_MAX];
        snprintf(vi, sizeof vi, "JSON không hợp lệ (dòng %d, cột %d): %.200s", je.line, je.column,
                 je.text);
        snprintf(en, sizeof en, "malformed JSON (line %d, column %d): %.200s", je.line, je.column,
                 je.text);
        rc = bad(&p, "remind_rule.json", NULL, vi, en);
    } else if (!json_is_object(root)) {
        rc = bad(&p, "remind_rule.json", NULL, "phải là một đối tượng JSON",
                 "must be a JSON object");
    }
    if (!rc)
        rc = only_keys(&p, root, NULL, keys, sizeof keys / sizeof keys[0]);
    if (!rc)
        rc = copy_str(&p, root, "name", r->name, sizeof r->name);
    if (!rc)
        rc = copy_str(&p, root, "version", r->version, sizeof r->version);
    if (!rc)
        rc = parse_roles(&p, json_object_get(root, "recipients"), r);
    if (!rc)
        rc = parse_digest(&p, json_object_get(root, "digest"), r);
    if (!rc)
        rc = parse_misc(&p, root, r);
    if (!rc && !json_object_get(root, "default"))
        rc = bad(&p, "remind_rule.field", "default", "thiếu danh sách mốc nhắc mặc định",
                 "the default list of stages is missing");
    if (!rc)
        rc = parse_stages(&p, json_object_get(root, "default"), "default", &r->def);
    if (!rc)
        rc = parse_kinds(&p, json_object_get(root, "kinds"), r);
    json_decref(root);
    return rc;
}
