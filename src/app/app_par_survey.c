/* app_par_survey.c - survey points imported into survey-sourced PAR
 * criteria, all or nothing (app_par_results_survey, app_par_results_number;
 * app_par_results.h). */
#include "app/app_par_int.h"
#include "app/app_par_results.h"

#include "base/jsonx.h"
#include "base/mem.h"
#include "store/store_audit.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

int app_par_results_number(const char *s, int64_t *milli, bool *percent)
{
    size_t i = 0, n = s ? strlen(s) : 0;
    int64_t whole = 0, frac = 0;
    int digits = 0, decimals = 0;
    while (i < n && s[i] == ' ')
        i++;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
        whole = whole * 10 + (s[i] - '0');
        if (whole > 1000000)
            return ERR_INVALID;
    }
    if (i < n && (s[i] == '.' || s[i] == ',')) {
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, decimals++) {
            if (decimals == 3)
                return ERR_INVALID;
            frac = frac * 10 + (s[i] - '0');
        }
        if (!decimals)
            return ERR_INVALID;
    }
    while (i < n && s[i] == ' ')
        i++;
    *percent = i < n && s[i] == '%';
    if (*percent)
        i++;
    while (i < n && s[i] == ' ')
        i++;
    if (!digits || i != n)
        return ERR_INVALID;
    for (int k = decimals; k < 3; k++)
        frac *= 10;
    *milli = whole * PAR_MILLI + frac;
    return 0;
}

typedef struct check {
    app_par_camp_t *c;
    json_t *errors;
} check_t;

static int problem(check_t *k, long line, const char *field, const err_t *pe, err_t *e)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s}", "line", (json_int_t)line, "field", field, "code",
                          pe->code, "message", pe->vi, "message_en", pe->en);
    if (!o || json_array_append_new(k->errors, o))
        return err_nomem(e);
    return 0;
}

/* Checks one row: *leaf, *value, *ratio on success; a problem otherwise
 * (returned 1). */
static int check_row(check_t *k, const app_par_survey_row_t *r, size_t *leaf, int64_t *value,
                     bool *ratio, err_t *e)
{
    err_t pe;
    const char *field = "MaDonVi";
    const unit_t *u = unit_set_find(&k->c->units, r->unit ? r->unit : "", k->c->on);
    unit_kind_t kind = UNIT_SO;
    int bad = 0;
    if (!u || unit_kind_parse(k->c->c.unit_kind, &kind) || u->kind != kind ||
        (k->c->c.scope_code[0] &&
         !unit_set_within(&k->c->units, u->code, k->c->c.scope_code, k->c->on)))
        bad = err_set(&pe, ERR_INVALID, "par.unit_not_in_campaign",
                      "Đơn vị '%s' không thuộc đợt chấm điểm", "Unit '%s' is not in the campaign",
                      r->unit ? r->unit : "");
    if (!bad) {
        field = "TieuChi";
        bad = app_par_leaf(k->c, u, r->criterion, leaf, &pe);
    }
    if (!bad && k->c->fw->nodes[*leaf].source != PAR_SOURCE_SURVEY)
        bad = err_set(&pe, ERR_INVALID, "par.not_survey",
                      "Tiêu chí %s không lấy điểm từ điều tra xã hội học",
                      "Criterion %s is not a survey criterion", r->criterion);
    if (!bad) {
        field = "Diem";
        if (app_par_results_number(r->value, value, ratio))
            bad = err_set(&pe, ERR_INVALID, "par.number",
                          "'%s' không phải là số (tối đa 3 chữ số thập phân, có thể kèm %%)",
                          "'%s' is not a number (at most 3 decimals, optionally with %%)",
                          r->value ? r->value : "");
        else if (*ratio && *value > 100 * PAR_MILLI)
            bad = err_set(&pe, ERR_RANGE, "par.ratio_range", "Tỷ lệ phải từ 0%% đến 100%%",
                          "A ratio must be between 0%% and 100%%");
        else if (!*ratio)
            bad = par_score_check(k->c->fw, *leaf, *value, &pe);
    }
    if (!bad)
        return 0;
    int rc = problem(k, r->line, field, &pe, e);
    return rc ? rc : 1;
}

static int write_row(store_t *s, const app_par_camp_t *c, const app_par_survey_row_t *r,
                     int64_t value, bool ratio, const char *source, const char *who, const char *at,
                     err_t *e)
{
    int64_t sheet = 0;
    int rc = store_par_sheet_ensure(s, c->c.id, r->unit, at, &sheet, e);
    store_par_set_t set = {.sheet = sheet,
                           .code = r->criterion,
                           .field = ratio ? STORE_PAR_SURVEY_RATIO : STORE_PAR_SURVEY,
                           .value = value,
                           .text = source,
                           .author = who,
                           .at = at};
    if (!rc)
        rc = store_par_sheet_score_set(s, &set, NULL, e);
    set.field = ratio ? STORE_PAR_SURVEY : STORE_PAR_SURVEY_RATIO;
    set.value = PAR_NONE; /* one kind of survey value per leaf */
    if (!rc)
        rc = store_par_sheet_score_set(s, &set, NULL, e);
    return rc;
}

static int survey_in(app_t *a, const user_t *actor, store_t *s, app_par_camp_t *c,
                     const app_par_survey_row_t *rows, size_t n, const char *source, json_t *errors,
                     err_t *e)
{
    int rc = app_par_camp_load(a, s, c->c.id, c, e);
    if (rc)
        return rc;
    if (!app_par_is_standing(c, actor, c->c.scope_code[0] ? c->c.scope_code : NULL))
        return err_set(e, ERR_FORBIDDEN, "auth.forbidden",
                       "Chỉ cơ quan thường trực được nhập kết quả điều tra xã hội học",
                       "Only the standing agency may import survey results");
    if (c->published)
        return err_set(e, ERR_CONFLICT, "par.published", "Kết quả đã công bố",
                       "The results are published");
    check_t k = {c, errors};
    size_t *leaf = mem_calloc(n ? n : 1, sizeof *leaf);
    int64_t *val = mem_calloc(n ? n : 1, sizeof *val);
    bool *ratio = mem_calloc(n ? n : 1, sizeof *ratio);
    rc = leaf && val && ratio ? 0 : err_nomem(e);
    for (size_t i = 0; !rc && i < n; i++) {
        int x = check_row(&k, &rows[i], &leaf[i], &val[i], &ratio[i], e);
        rc = x < 0 ? x : 0;
    }
    if (!rc && json_array_size(errors))
        rc = err_set(e, ERR_INVALID, "par.survey", "Tệp điều tra có %zu lỗi; chưa nhập dòng nào",
                     "The survey file has %zu problems; nothing was imported",
                     json_array_size(errors));
    char at[STORE_PAR_AT];
    app_par_now(at);
    if (!rc)
        rc = store_begin(s, e);
    if (!rc) {
        for (size_t i = 0; !rc && i < n; i++)
            rc = write_row(s, c, &rows[i], val[i], ratio[i], source, app_par_who(actor), at, e);
        char object[48], detail[320];
        snprintf(object, sizeof object, "par_campaign:%lld", (long long)c->c.id);
        snprintf(detail, sizeof detail, "%zu rows from %.200s", n, source ? source : "");
        if (!rc)
            rc = store_audit_append(s, app_par_who(actor), "par.survey", object, detail, e);
        if (!rc)
            rc = store_commit(s, e);
        else
            store_rollback(s);
    }
    mem_free(leaf);
    mem_free(val);
    mem_free(ratio);
    return rc;
}

int app_par_results_survey(app_t *a, const user_t *actor, int64_t campaign,
                           const app_par_survey_row_t *rows, size_t n, const char *source,
                           json_t **report, err_t *e)
{
    if (report)
        *report = NULL;
    store_t *s;
    app_par_camp_t c;
    memset(&c, 0, sizeof c);
    unit_set_init(&c.units);
    c.c.id = campaign;
    json_t *errors = json_array();
    int rc = errors ? app_store(a, &s, e) : err_nomem(e);
    if (!rc)
        rc = survey_in(a, actor, s, &c, rows, n, source ? source : "", errors, e);
    size_t units = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(rows[j].unit, rows[i].unit) == 0;
        units += !seen;
    }
    if (report && (!rc || json_array_size(errors)))
        *report = rc ? app_par_wrap("errors", json_incref(errors))
                     : json_pack("{s:i,s:i}", "rows", (int)n, "units", (int)units);
    json_decref(errors);
    app_par_camp_release(&c);
    return rc;
}
