#include "domain/dossier_class.h"

#include "base/banned.h"

static const char *names[] = {"open", "early", "on_time", "late", "overdue", "excluded", "none"};
static const char *labels_vi[] = {
    "Đang giải quyết trong hạn", "Trước hạn",     "Đúng hạn", "Quá hạn", "Đang giải quyết quá hạn",
    "Không tính (từ chối/rút)",  "Chưa tiếp nhận"};

const char *dossier_class_name(dossier_class_t c)
{
    return (unsigned)c <= DCLS_NONE ? names[c] : "?";
}

const char *dossier_class_label_vi(dossier_class_t c)
{
    return (unsigned)c <= DCLS_NONE ? labels_vi[c] : "?";
}

dossier_class_t dossier_class_of(const dossier_t *d, dtime_t as_of, const dossier_rules_t *r)
{
    dossier_rules_t def = DOSSIER_RULES_DEFAULT;
    if (!r)
        r = &def;
    return dossier_class_of_core(as_of, DTIME_NONE, d->status, d->supplements, d->received,
                                 d->closed, d->ended, d->due_base, d->due, d->supp_requested,
                                 d->supp_supplied, r->max_supplements);
}
