/* rating.c - the applicant's rating rules, receipt codes and checks (see
 * rating.h). */
#include "domain/rating.h"

#include "base/jsonx.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* Crockford's base 32: digits and capitals without I, L, O, U. */
static const char ALPHABET[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void rating_rules_default(rating_rules_t *r)
{
    memset(r, 0, sizeof *r);
    r->factor = RATING_FACTOR_RECEIPT;
    r->comment_max = 1000;
    snprintf(r->version, sizeof r->version, "default");
}

const char *rating_factor_name(rating_factor_t f)
{
    switch (f) {
    case RATING_FACTOR_RECEIPT:
        return "receipt";
    case RATING_FACTOR_PHONE4:
        return "phone4";
    case RATING_FACTOR_EITHER:
        return "either";
    }
    return "";
}

int rating_factor_parse(const char *s, rating_factor_t *out)
{
    static const rating_factor_t all[] = {RATING_FACTOR_RECEIPT, RATING_FACTOR_PHONE4,
                                          RATING_FACTOR_EITHER};
    for (size_t i = 0; s && i < sizeof all / sizeof all[0]; i++)
        if (strcmp(s, rating_factor_name(all[i])) == 0) {
            *out = all[i];
            return 0;
        }
    return ERR_INVALID;
}

const char *rating_level_label_vi(int level)
{
    static const char *const v[] = {"", "Không hài lòng", "Hài lòng", "Rất hài lòng"};
    return level >= 1 && level <= 3 ? v[level] : "";
}

const char *rating_level_label_en(int level)
{
    static const char *const v[] = {"", "Not satisfied", "Satisfied", "Very satisfied"};
    return level >= 1 && level <= 3 ? v[level] : "";
}

static int rules_error(err_t *e, const char *what)
{
    return err_set(e, ERR_INVALID, "rating.rules", "Tệp quy tắc đánh giá không hợp lệ: trường '%s'",
                   "Invalid rating rules file: field '%s'", what);
}

static bool code_ok(const char *c)
{
    size_t n = strlen(c);
    if (!n || n > RATING_CODE_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((c[i] >= 'a' && c[i] <= 'z') || (c[i] >= '0' && c[i] <= '9') || c[i] == '_'))
            return false;
    return true;
}

static bool label_ok(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && n <= RATING_LABEL_MAX && text_valid(s, n);
}

static int criterion(const json_t *o, rating_rules_t *r, err_t *e)
{
    if (!json_is_object(o))
        return rules_error(e, "criteria");
    const char *code = jsonx_str(o, "code", ""), *label = jsonx_str(o, "label", "");
    const char *en = jsonx_str(o, "label_en", label);
    if (!code_ok(code))
        return rules_error(e, "criteria.code");
    if (!label_ok(label) || !label_ok(en))
        return rules_error(e, "criteria.label");
    for (size_t i = 0; i < r->ncriteria; i++)
        if (strcmp(r->criteria[i].code, code) == 0)
            return rules_error(e, "criteria.code");
    rating_criterion_t *c = &r->criteria[r->ncriteria++];
    snprintf(c->code, sizeof c->code, "%s", code);
    snprintf(c->label, sizeof c->label, "%s", label);
    snprintf(c->label_en, sizeof c->label_en, "%s", en);
    return 0;
}

static int parse_root(const json_t *root, rating_rules_t *out, err_t *e)
{
    if (!json_is_object(root) || strcmp(jsonx_str(root, "format", ""), "cchc-rating/1") != 0)
        return rules_error(e, "format");
    const json_t *f = json_object_get(root, "second_factor");
    if (f && (!json_is_string(f) || rating_factor_parse(json_string_value(f), &out->factor)))
        return rules_error(e, "second_factor");
    const json_t *cm = json_object_get(root, "comment_max");
    if (cm && (!json_is_integer(cm) || json_integer_value(cm) < 0 ||
               json_integer_value(cm) > RATING_COMMENT_MAX))
        return rules_error(e, "comment_max");
    if (cm)
        out->comment_max = (int)json_integer_value(cm);
    const json_t *cr = json_object_get(root, "criteria");
    if (cr && (!json_is_array(cr) || json_array_size(cr) > RATING_CRITERIA_MAX))
        return rules_error(e, "criteria");
    int rc = 0;
    for (size_t i = 0; !rc && cr && i < json_array_size(cr); i++)
        rc = criterion(json_array_get(cr, i), out, e);
    const char *v = jsonx_str(root, "version", "");
    if (!rc && strlen(v) >= sizeof out->version)
        rc = rules_error(e, "version");
    if (!rc)
        snprintf(out->version, sizeof out->version, "%s", v);
    return rc;
}

int rating_rules_parse(const char *text, size_t n, rating_rules_t *out, err_t *e)
{
    rating_rules_default(out);
    json_t *root = jsonx_parse(text, n, e);
    if (!root)
        return ERR_INVALID;
    int rc = parse_root(root, out, e);
    json_decref(root);
    if (rc)
        rating_rules_default(out);
    return rc;
}

void rating_receipt_format(const unsigned char mac[RATING_RECEIPT_BYTES],
                           char out[RATING_RECEIPT_LEN + 1])
{
    unsigned long long v = 0;
    for (int i = 0; i < RATING_RECEIPT_BYTES; i++)
        v = (v << 8) | mac[i];
    char s[RATING_RECEIPT_SYMS];
    for (int i = RATING_RECEIPT_SYMS - 1; i >= 0; i--) {
        s[i] = ALPHABET[v & 31u];
        v >>= 5;
    }
    memcpy(out, s, 4);
    out[4] = '-';
    memcpy(out + 5, s + 4, 4);
    out[RATING_RECEIPT_LEN] = '\0';
}

bool rating_receipt_normalize(const char *typed, char out[RATING_RECEIPT_SYMS + 1])
{
    size_t n = 0;
    for (const char *p = typed ? typed : ""; *p; p++) {
        char c = *p;
        if (c == ' ' || c == '-' || c == '\t')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c == 'O')
            c = '0';
        else if (c == 'I' || c == 'L')
            c = '1';
        if (!strchr(ALPHABET, c) || n == RATING_RECEIPT_SYMS)
            return false;
        out[n++] = c;
    }
    out[n] = '\0';
    return n == RATING_RECEIPT_SYMS;
}

bool rating_receipt_equal(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    unsigned diff = na != nb;
    for (size_t i = 0; i < na && i < nb; i++)
        diff |= (unsigned)(a[i] ^ b[i]);
    return diff == 0;
}

bool rating_phone4(const char *typed, char out[5])
{
    char d[32];
    size_t n = 0;
    for (const char *p = typed ? typed : ""; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (n == sizeof d)
                return false;
            d[n++] = *p;
        } else if (!(*p == ' ' || *p == '.' || *p == '-' || (*p == '+' && p == typed))) {
            return false;
        }
    }
    if (n < 4)
        return false;
    memcpy(out, d + n - 4, 4);
    out[4] = '\0';
    return true;
}

static int level_error(int level, err_t *e)
{
    return err_set(e, ERR_INVALID, "rating.level",
                   "Mức đánh giá %d không hợp lệ (1 không hài lòng, 2 hài lòng, 3 rất hài lòng)",
                   "Invalid rating %d (1 not satisfied, 2 satisfied, 3 very satisfied)", level);
}

static int check_criteria(const rating_rules_t *r, const rating_in_t *in, err_t *e)
{
    if (in->n > r->ncriteria)
        return err_set(e, ERR_INVALID, "rating.criterion", "Quá nhiều tiêu chí đánh giá",
                       "Too many rating criteria");
    for (size_t i = 0; i < in->n; i++) {
        const char *c = in->codes[i] ? in->codes[i] : "";
        bool known = false;
        for (size_t k = 0; k < r->ncriteria && !known; k++)
            known = strcmp(r->criteria[k].code, c) == 0;
        for (size_t j = 0; j < i && known; j++)
            known = strcmp(in->codes[j], c) != 0;
        if (!known)
            return err_set(e, ERR_INVALID, "rating.criterion",
                           "Tiêu chí đánh giá '%.40s' không có trong phiếu hoặc bị lặp",
                           "Rating criterion '%.40s' is not on the form or repeated", c);
        if (in->levels[i] < 1 || in->levels[i] > 3)
            return level_error(in->levels[i], e);
    }
    return 0;
}

int rating_check(const rating_rules_t *r, const rating_in_t *in, err_t *e)
{
    if (in->level < 1 || in->level > 3)
        return level_error(in->level, e);
    int rc = check_criteria(r, in, e);
    size_t n = in->comment ? strlen(in->comment) : 0;
    bool ok = n <= (size_t)r->comment_max && (!n || text_valid(in->comment, n));
    for (size_t i = 0; ok && i < n; i++) {
        unsigned char c = (unsigned char)in->comment[i];
        ok = !((c < 0x20 && c != '\n' && c != '\r') || c == 0x7f);
    }
    if (!rc && !ok)
        rc = err_set(e, ERR_INVALID, "rating.comment",
                     "Ý kiến thêm không hợp lệ (tối đa %d byte, không ký tự điều khiển)",
                     "Invalid comment (at most %d bytes, no control characters)", r->comment_max);
    return rc;
}
