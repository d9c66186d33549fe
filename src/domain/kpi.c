#include "domain/kpi.h"

#include <string.h>

#include "base/banned.h"

static const kpi_def_t defs[KPI_ALL_COUNT] = {
    {"tthc.on_time", KC_NOT_LATE, KC_RESOLVED, "Tỷ lệ hồ sơ giải quyết trước và đúng hạn",
     "Dossiers resolved early or on time"},
    {"tthc.early", KC_EARLY, KC_RESOLVED, "Tỷ lệ hồ sơ giải quyết trước hạn",
     "Dossiers resolved early"},
    {"tthc.satisfaction", KC_SATISFIED, KC_RATED, "Tỷ lệ hài lòng về giải quyết TTHC",
     "Satisfied ratings of resolved dossiers"},
    {"tthc.online", KC_ONLINE, KC_RECEIVED_RATE, "Tỷ lệ hồ sơ nộp trực tuyến",
     "Dossiers received online"},
    {"tthc.full_online", KC_FULL, KC_FULL_DEN, "Tỷ lệ hồ sơ trực tuyến toàn trình",
     "Dossiers of eligible procedures received full-online"},
    {"tthc.online_payment", KC_FEE_PAID, KC_FEE_DEN, "Tỷ lệ hồ sơ thanh toán trực tuyến",
     "Fee-bearing dossiers paid online"},
    {"tthc.digitized", KC_DIGITIZED, KC_RECEIVED_RATE, "Tỷ lệ hồ sơ được số hóa thành phần",
     "Dossiers with digitised components"},
    {"tthc.digitized_result", KC_E_RESULT, KC_RESOLVED, "Tỷ lệ số hóa kết quả giải quyết",
     "Resolved dossiers with an electronic result"},
    {"catalog.online_service", KC_CAT_ELIGIBLE_FULL, KC_CAT_ELIGIBLE,
     "Tỷ lệ TTHC đủ điều kiện được cung cấp DVC trực tuyến toàn trình",
     "Eligible procedures offered full-online"},
    {"catalog.online_payment", KC_CAT_FEE_ONLINE, KC_CAT_FEE,
     "Tỷ lệ TTHC có nghĩa vụ tài chính được thanh toán trực tuyến",
     "Fee-bearing procedures with online payment"},
    {"catalog.published", KC_CAT_PUBLISHED, KC_CAT_TOTAL, "Tỷ lệ TTHC được công khai",
     "Procedures published"},
    {"feedback.on_time", KC_FB_ON_TIME, KC_FB_DUE, "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn",
     "Citizen feedback handled on time"},
    {"tthc.progress", KC_NOT_LATE, KC_RESOLVED, "Tiến độ giải quyết (kể cả hồ sơ đang trong hạn)",
     "Progress (including dossiers in progress within time)"},
};

const kpi_def_t *kpi_def(kpi_indicator_t i)
{
    return (unsigned)i < KPI_ALL_COUNT ? &defs[i] : NULL;
}

int kpi_find(const char *id)
{
    for (int i = 0; i < KPI_ALL_COUNT; i++)
        if (strcmp(defs[i].id, id) == 0)
            return i;
    return -1;
}

void kpi_counts_add(kpi_counts_t *acc, const kpi_counts_t *x)
{
    for (int i = 0; i < KC_COUNT; i++)
        acc->c[i] += x->c[i];
}

bool kpi_value_centi(int64_t num, int64_t den, int64_t *centi)
{
    if (den <= 0)
        return false;
    /* round(num * 10000 / den), half up, in integers */
    *centi = (num * 20000 + den) / (2 * den);
    return true;
}

static void num_den(const kpi_counts_t *k, kpi_indicator_t i, int64_t *num, int64_t *den)
{
    if (i == KPI_PROGRESS) {
        *num = k->c[KC_NOT_LATE] + k->c[KC_OPEN_IN_TIME];
        *den = k->c[KC_RESOLVED] + k->c[KC_OPEN_IN_TIME] + k->c[KC_OVERDUE_OPEN];
        return;
    }
    *num = k->c[defs[i].num];
    *den = k->c[defs[i].den];
}

bool kpi_ratio(const kpi_counts_t *k, kpi_indicator_t i, double *ratio)
{
    int64_t num, den;
    num_den(k, i, &num, &den);
    if (den <= 0)
        return false;
    *ratio = (double)num / (double)den;
    return true;
}

int kpi_json(buf_t *out, const char *unit, date_t from, date_t to, dtime_t as_of,
             const kpi_counts_t *k)
{
    char f[DATE_ISO_LEN], t[DATE_ISO_LEN], a[DTIME_ISO_LEN];
    date_format(from, f);
    date_format(to, t);
    dtime_format(as_of, a);
    int rc = buf_puts(out, "{\"unit\":");
    if (!rc)
        rc = buf_put_json_str(out, unit, strlen(unit));
    if (!rc)
        rc = buf_printf(out,
                        ",\"from\":\"%s\",\"to\":\"%s\",\"as_of\":\"%s\",\"received\":%lld,"
                        "\"resolved\":%lld,\"early\":%lld,\"on_time\":%lld,\"late\":%lld,"
                        "\"overdue_open\":%lld,\"indicators\":{",
                        f, t, a, (long long)k->c[KC_RECEIVED], (long long)k->c[KC_RESOLVED],
                        (long long)k->c[KC_EARLY], (long long)k->c[KC_ON_TIME],
                        (long long)k->c[KC_LATE], (long long)k->c[KC_OVERDUE_OPEN]);
    for (int i = 0; !rc && i < KPI_INDICATOR_COUNT; i++) {
        int64_t num, den, centi;
        num_den(k, (kpi_indicator_t)i, &num, &den);
        rc = buf_printf(out, "%s\"%s\":{\"value\":", i ? "," : "", defs[i].id);
        if (!rc && kpi_value_centi(num, den, &centi))
            rc = buf_printf(out, "%lld.%02lld", (long long)(centi / 100), (long long)(centi % 100));
        else if (!rc)
            rc = buf_puts(out, "null");
        if (!rc)
            rc = buf_printf(out, ",\"num\":%lld,\"den\":%lld}", (long long)num, (long long)den);
    }
    if (!rc)
        rc = buf_puts(out, "}}");
    return rc;
}
