/* ledger_json.c - JSON views of dossiers and feedback items (ledger_json.h). */
#include "io/ledger_json.h"

#include "base/jsonx.h"

#include "base/banned.h"

int ledger_json_time(json_t *o, const char *key, dtime_t t)
{
    if (t == DTIME_NONE)
        return json_object_set_new(o, key, json_null());
    char s[DTIME_ISO_LEN];
    dtime_format(t, s);
    return jsonx_set_str(o, key, s);
}

static json_t *entry_json(const app_dossier_entry_t *x)
{
    const dossier_event_t *ev = &x->ev;
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = jsonx_set_str(o, "kind", app_dossier_kind_name(ev->kind));
    rc |= ledger_json_time(o, "at", ev->at);
    rc |= jsonx_set_str(o, "actor", x->actor[0] ? x->actor : NULL);
    rc |= jsonx_set_str(o, "note", x->note[0] ? x->note : NULL);
    if (ev->kind == DEV_RECEIVED) {
        rc |= jsonx_set_int(o, "channel", (ev->value / 16) % 16);
        rc |= jsonx_set_int(o, "status", ev->value / 256 ? ev->value / 256 : DS_ACCEPTED);
    }
    if (ev->kind == DEV_RATED)
        rc |= jsonx_set_int(o, "rating", ev->value);
    if (ev->kind == DEV_PROCESSED || ev->kind == DEV_STOPPED)
        rc |= jsonx_set_bool(o, "e_result", (ev->value & DFLAG_E_RESULT) != 0);
    if ((ev->kind == DEV_SUPPLEMENT_REQUESTED || ev->kind == DEV_SUPPLEMENT_SUPPLIED) &&
        (ev->value & 1))
        rc |= jsonx_set_bool(o, "time_unknown", true); /* counted from an imported record */
    if (ev->due != DTIME_NONE)
        rc |= ledger_json_time(o, "appointment", ev->due);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *ledger_json_dossier(const app_dossier_view_t *v)
{
    const dossier_t *d = &v->d;
    json_t *o = json_object();
    json_t *tl = json_array();
    if (!o || !tl) {
        json_decref(o);
        json_decref(tl);
        return NULL;
    }
    int rc = jsonx_set_str(o, "code", d->code);
    rc |= jsonx_set_str(o, "procedure", d->procedure);
    rc |= jsonx_set_str(o, "unit", d->unit);
    rc |= jsonx_set_int(o, "channel", d->channel);
    rc |= jsonx_set_int(o, "status", d->status);
    rc |= jsonx_set_str(o, "status_label", dossier_status_label_vi(d->status));
    rc |= jsonx_set_str(o, "status_label_en", dossier_status_label_en(d->status));
    rc |= ledger_json_time(o, "received", d->received);
    rc |= ledger_json_time(o, "due", d->due);
    rc |= ledger_json_time(o, "due_base", d->due_base);
    rc |= jsonx_set_bool(o, "due_given", d->due_given != DTIME_NONE);
    rc |= ledger_json_time(o, "appointment", v->appointment);
    rc |= ledger_json_time(o, "ended", d->ended);
    rc |= ledger_json_time(o, "returned", d->returned);
    rc |= ledger_json_time(o, "closed", d->closed);
    rc |= jsonx_set_int(o, "supplements", d->supplements);
    rc |= jsonx_set_int(o, "rating", d->rating);
    rc |= jsonx_set_int(o, "apologies", d->apologies);
    rc |= jsonx_set_bool(o, "full_online", d->flags & DFLAG_FULL_ONLINE);
    rc |= jsonx_set_bool(o, "paid_online", d->flags & DFLAG_PAID_ONLINE);
    rc |= jsonx_set_bool(o, "digitized", d->flags & DFLAG_DIGITIZED);
    rc |= jsonx_set_bool(o, "e_result", d->flags & DFLAG_E_RESULT);
    rc |= jsonx_set_str(o, "class", dossier_class_name(v->cls));
    rc |= jsonx_set_str(o, "class_label", dossier_class_label_vi(v->cls));
    rc |= ledger_json_time(o, "as_of", v->as_of);
    rc |= jsonx_set_int(o, "rev", v->rev);
    for (size_t i = 0; !rc && i < v->nevents; i++) {
        json_t *x = entry_json(&v->events[i]);
        rc = x ? json_array_append_new(tl, x) : -1;
    }
    rc |= jsonx_set_new(o, "timeline", tl);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *timeline_json(const app_fb_view_t *v)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < v->nevents; i++) {
        const app_fb_entry_t *x = &v->events[i];
        json_t *o = json_object();
        if (!o) {
            json_decref(a);
            return NULL;
        }
        int rc = jsonx_set_str(o, "kind", feedback_event_name(x->ev.kind));
        rc |= ledger_json_time(o, "at", x->ev.at);
        rc |= jsonx_set_str(o, "actor", x->actor[0] ? x->actor : NULL);
        rc |= jsonx_set_str(o, "note", x->note[0] ? x->note : NULL);
        if (x->ev.kind == FBE_RATED)
            rc |= jsonx_set_int(o, "rating", x->ev.value);
        if (rc) {
            json_decref(o);
            o = NULL;
        }
        if (!o || json_array_append_new(a, o)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

json_t *ledger_json_feedback(const app_fb_view_t *v)
{
    const feedback_t *f = &v->f;
    json_t *o = json_object(), *dl = json_object(), *tm = json_object();
    if (!o || !dl || !tm) {
        json_decref(o);
        json_decref(dl);
        json_decref(tm);
        return NULL;
    }
    int rc = jsonx_set_str(o, "code", f->code);
    rc |= jsonx_set_str(o, "unit", f->unit);
    rc |= jsonx_set_str(o, "subject", v->text.subject);
    rc |= jsonx_set_str(o, "content", v->text.content);
    rc |= jsonx_set_new(
        o, "sender",
        json_pack("{s:s,s:s}", "name", v->text.sender_name, "contact", v->text.sender_contact));
    rc |= jsonx_set_str(o, "status", feedback_status_name(f->status));
    rc |= jsonx_set_str(o, "status_label", feedback_status_label_vi(f->status));
    rc |= jsonx_set_str(o, "status_label_en", feedback_status_label_en(f->status));
    rc |= ledger_json_time(o, "received", f->received);
    rc |= ledger_json_time(o, "acknowledged", f->acked);
    rc |= ledger_json_time(o, "info_requested", f->info_requested);
    rc |= ledger_json_time(o, "info_supplied", f->info_supplied);
    rc |= ledger_json_time(o, "answered", f->answered);
    rc |= ledger_json_time(o, "published", f->published);
    rc |= jsonx_set_int(o, "rating", f->rating);
    rc |= ledger_json_time(o, "rated_at", f->rated_at);
    rc |= ledger_json_time(dl, "ack", f->ack_due);
    rc |= ledger_json_time(dl, "info_request", f->info_due);
    rc |= ledger_json_time(dl, "answer_base", f->answer_due_base);
    rc |= ledger_json_time(dl, "answer", f->answer_due);
    rc |= ledger_json_time(dl, "publish", f->publish_due);
    for (int i = 0; i < FB_STEPS; i++)
        rc |= jsonx_set_str(tm, feedback_step_name(i), feedback_step_state_name(v->t.step[i]));
    rc |= jsonx_set_str(tm, "overall", feedback_step_state_name(v->t.overall));
    rc |= jsonx_set_str(tm, "overall_label", feedback_step_state_label_vi(v->t.overall));
    rc |= jsonx_set_str(o, "rules_version", v->text.rules_version);
    rc |= jsonx_set_new(o, "deadlines", dl);
    rc |= jsonx_set_new(o, "timeliness", tm);
    rc |= ledger_json_time(o, "as_of", v->as_of);
    rc |= jsonx_set_new(o, "timeline", timeline_json(v));
    if (rc) {
        json_decref(o);
        o = NULL;
    }
    return o;
}
