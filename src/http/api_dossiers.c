/* api_dossiers.c - the dossier ledger over HTTP: receive, events, state and
 * timeline, and the applicant's public view (docs/API.md, "Dossiers"). */
#include "http/api.h"

#include "app/app_dossier.h"
#include "base/jsonx.h"
#include "io/ledger_json.h"

#include <string.h>

#include "base/banned.h"

/* The request field behind an app error code, for the "field" of a 400. */
static const char *field_of(const err_t *e, bool event)
{
    static const struct {
        const char *code, *field, *event_field;
    } map[] = {
        {"dossier.code", "MaHoSo", "MaHoSo"},
        {"dossier.channel", "KenhThucHien", "KenhThucHien"},
        {"dossier.status", "TrangThaiHoSo", "TrangThaiHoSo"},
        {"dossier.unit_unknown", "MaDonVi", "MaDonVi"},
        {"dossier.procedure_unknown", "MaTTHC", "MaTTHC"},
        {"dossier.future", "NgayTiepNhan", "at"},
        {"dossier.order", "NgayHenTra", "appointment"},
        {"dossier.rating", "rating", "rating"},
        {"dossier.event_kind", "kind", "kind"},
        {"dossier.note", "note", "note"},
    };
    if (e->status != ERR_INVALID)
        return NULL;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].code, e->code) == 0)
            return event ? map[i].event_field : map[i].field;
    return NULL;
}

static int answer_view(http_resp_t *resp, int status, app_dossier_view_t *v)
{
    json_t *o = ledger_json_dossier(v);
    app_dossier_view_release(v);
    return http_resp_json(resp, status, o);
}

int api_dossier_create(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    app_dossier_in_t in = {0};
    in.code = api_body_str(&b, "MaHoSo", true);
    in.procedure = api_body_str(&b, "MaTTHC", true);
    in.unit = api_body_str(&b, "MaDonVi", true);
    api_body_require(&b, "KenhThucHien");
    in.channel = (int)api_body_int(&b, "KenhThucHien", 0, 1, 3);
    in.status = (int)api_body_int(&b, "TrangThaiHoSo", 0, 0, 10);
    if (api_body_int(&b, "ToanTrinh", 0, 0, 1))
        in.flags |= DFLAG_FULL_ONLINE;
    if (api_body_int(&b, "DuocThanhToanTrucTuyen", 0, 0, 1))
        in.flags |= DFLAG_PAID_ONLINE;
    if (api_body_int(&b, "HoSoCoThanhPhanSoHoa", 0, 0, 1))
        in.flags |= DFLAG_DIGITIZED;
    in.received = api_body_time(&b, "NgayTiepNhan");
    in.appointment = api_body_time(&b, "NgayHenTra");
    in.note = api_body_str(&b, "note", false);
    if (b.field)
        return api_body_error(resp, &b);
    err_t e;
    app_dossier_view_t v;
    if (app_dossier_receive(api_app(req), api_user(req), &in, &v, &e))
        return api_error_field(resp, &e, field_of(&e, false));
    return answer_view(resp, 201, &v);
}

int api_dossier_event(http_req_t *req, http_resp_t *resp)
{
    api_body_t b;
    if (!api_body_open(req, resp, &b))
        return 0;
    app_dossier_event_in_t in = {0};
    const char *kind = api_body_str(&b, "kind", true);
    in.at = api_body_time(&b, "at");
    in.rating = (int)api_body_int(&b, "rating", 0, 0, 3);
    in.e_result = api_body_int(&b, "e_result", 0, 0, 1) != 0;
    in.appointment = api_body_time(&b, "appointment");
    in.note = api_body_str(&b, "note", false);
    if (b.field)
        return api_body_error(resp, &b);
    if (app_dossier_kind_parse(kind, &in.kind) || in.kind == DEV_RECEIVED) {
        err_t e;
        err_set(&e, ERR_INVALID, "dossier.event_kind",
                "Loại sự kiện '%s' không hợp lệ (transfer, supplement_request, "
                "supplement_supplied, obligation_request, obligation_paid, stop, refuse, "
                "withdraw, processed, returned, apology, rating)",
                "Invalid event kind '%s' (transfer, supplement_request, supplement_supplied, "
                "obligation_request, obligation_paid, stop, refuse, withdraw, processed, "
                "returned, apology, rating)",
                kind);
        return api_error_field(resp, &e, "kind");
    }
    err_t e;
    app_dossier_view_t v;
    if (app_dossier_append(api_app(req), api_user(req), http_req_param(req, "code"), &in, &v, &e))
        return api_error_field(resp, &e, field_of(&e, true));
    return answer_view(resp, 201, &v);
}

int api_dossier_get(http_req_t *req, http_resp_t *resp)
{
    dtime_t as_of = DTIME_NONE;
    const char *q = http_req_query(req, "as_of");
    if (q && *q && dtime_parse(q, strlen(q), &as_of))
        return http_resp_errorf(resp, ERR_INVALID, "http.bad_time",
                                "Tham số as_of không phải ngày giờ hợp lệ",
                                "Parameter as_of is not a valid date-time");
    err_t e;
    app_dossier_view_t v;
    if (app_dossier_get(api_app(req), api_user(req), http_req_param(req, "code"), as_of, &v, &e))
        return http_resp_error(resp, &e);
    return answer_view(resp, 200, &v);
}

static json_t *public_history(const app_dossier_public_t *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->nevents; i++) {
        const dossier_event_t *ev = &p->events[i];
        json_t *o = json_object();
        int rc = !o || jsonx_set_str(o, "event", dossier_event_name(ev->kind)) ||
                 jsonx_set_str(o, "label", dossier_event_label_vi(ev->kind)) ||
                 jsonx_set_str(o, "label_en", dossier_event_label_en(ev->kind)) ||
                 ledger_json_time(o, "at", ev->at);
        if (rc || json_array_append_new(arr, o)) {
            if (!rc)
                o = NULL;
            json_decref(o);
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* GET /api/v1/public/dossiers/{code} and /api/v1/public/dossiers?code=...
 * (the form's route: any character can be typed; a code that matches
 * nothing is the usual 404 dossier.not_found). */
int api_public_dossier_get(http_req_t *req, http_resp_t *resp)
{
    err_t e;
    const char *code = http_req_param(req, "code");
    if (!code)
        code = http_req_query(req, "code");
    if (!code || !*code) {
        err_set(&e, ERR_INVALID, "dossier.code_missing", "Vui lòng nhập mã hồ sơ",
                "Please enter the dossier code");
        return api_error_field(resp, &e, "code");
    }
    app_dossier_public_t p;
    if (app_dossier_public(api_app(req), code, &p, &e))
        return http_resp_error(resp, &e);
    json_t *o = json_object();
    if (o) {
        int rc = jsonx_set_str(o, "code", p.code);
        rc |= jsonx_set_int(o, "status", p.status);
        rc |= jsonx_set_str(o, "status_label", dossier_status_label_vi(p.status));
        rc |= jsonx_set_str(o, "status_label_en", dossier_status_label_en(p.status));
        rc |= ledger_json_time(o, "appointment", p.appointment);
        rc |= ledger_json_time(o, "received", p.received);
        rc |= jsonx_set_new(o, "procedure",
                            json_pack("{s:s,s:s}", "code", p.procedure, "name", p.procedure_name));
        rc |=
            jsonx_set_new(o, "agency", json_pack("{s:s,s:s}", "code", p.unit, "name", p.unit_name));
        rc |= jsonx_set_new(o, "history", public_history(&p));
        if (rc) {
            json_decref(o);
            o = NULL;
        }
    }
    return http_resp_json(resp, 200, o);
}
