/* app_feedback_public.c - the citizen's side of feedback (PAKN): what the
 * holder of the code sees, the information they supply, and the files they
 * attach (app_feedback.h). */
#include "app/app_feedback.h"
#include "app/app_feedback_int.h"

#include "app/evidence.h"
#include "base/mem.h"
#include "store/store_evidence.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

void app_feedback_public_release(app_fb_public_t *p)
{
    if (!p)
        return;
    mem_free(p->subject);
    mem_free(p->kind);
    mem_free(p->about);
    mem_free(p->about_ref);
    mem_free(p->info_request);
    mem_free(p->answer);
    memset(p, 0, sizeof *p);
}

static int not_found(err_t *e)
{
    return err_set(e, ERR_NOTFOUND, "feedback.not_found", "Không tìm thấy phản ánh",
                   "Feedback not found");
}

/* The note of the last event of kind k, copied (NULL when none). */
static int last_note(const app_fb_log_t *l, fb_event_kind_t k, char **out)
{
    *out = NULL;
    for (size_t i = l->n; i > 0; i--)
        if (l->v[i - 1].ev.kind == k) {
            *out = mem_strdup(l->v[i - 1].note);
            return *out ? 0 : ERR_NOMEM;
        }
    return 0;
}

static int attachments(store_t *s, int64_t id, size_t *n, err_t *e)
{
    store_evidence_t *rows = NULL;
    int rc = store_evidence_list(s, "feedback", id, &rows, n, e);
    mem_free(rows);
    return rc;
}

static int fill(store_t *s, int64_t id, store_feedback_text_t *t, app_fb_public_t *out, err_t *e)
{
    out->subject = t->subject;
    out->kind = t->kind;
    out->about = t->about;
    out->about_ref = t->about_ref;
    t->subject = t->kind = t->about = t->about_ref = NULL;
    app_fb_log_t l = {0};
    int rc = app_feedback_load_log(s, id, &l, e);
    if (!rc && out->f.status == FB_INFO_REQUESTED)
        rc = last_note(&l, FBE_INFO_REQUESTED, &out->info_request) ? err_nomem(e) : 0;
    if (!rc && out->f.status == FB_PUBLISHED)
        rc = last_note(&l, FBE_ANSWERED, &out->answer) ? err_nomem(e) : 0;
    app_feedback_log_release(&l);
    if (!rc)
        rc = attachments(s, id, &out->attachments, e);
    return rc;
}

int app_feedback_public_view(app_t *a, const char *code, app_fb_public_t *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    store_t *s;
    int rc = app_store(a, &s, e);
    if (rc)
        return rc;
    int64_t id = 0;
    store_feedback_text_t t;
    rc = store_feedback_load(s, code, &out->f, &id, &t, e);
    if (rc == ERR_NOTFOUND)
        return not_found(e);
    if (rc)
        return rc;
    rc = fill(s, id, &t, out, e);
    store_feedback_text_release(&t);
    if (rc)
        app_feedback_public_release(out);
    return rc;
}

int app_feedback_supply_public(app_t *a, const char *code, const char *content, err_t *e)
{
    char *note = NULL;
    int rc = app_feedback_clean(content, "content", APP_FB_CONTENT_MAX, true, true, &note, e);
    fb_event_t ev = {FBE_INFO_SUPPLIED, dtime_now(), 0};
    if (!rc)
        rc = app_feedback_append(a, NULL, APP_FEEDBACK_CITIZEN, code, &ev, note, e);
    if (rc == ERR_NOTFOUND)
        rc = not_found(e);
    mem_free(note);
    return rc;
}

int app_feedback_attach_public(app_t *a, const char *code, const char *filename, const void *data,
                               size_t len, int64_t *evidence_id, err_t *e)
{
    if (len > APP_FB_ATTACH_BYTES)
        return err_set(e, ERR_TOOLARGE, "evidence.too_large", "Tệp đính kèm lớn hơn %u MiB",
                       "The attachment is larger than %u MiB", APP_FB_ATTACH_BYTES >> 20);
    store_t *s;
    int rc = app_store(a, &s, e);
    feedback_t f;
    int64_t id = 0;
    if (!rc)
        rc = store_feedback_load(s, code, &f, &id, NULL, e);
    if (rc == ERR_NOTFOUND)
        return not_found(e);
    size_t n = 0;
    if (!rc)
        rc = attachments(s, id, &n, e);
    if (!rc && f.answered != DTIME_NONE)
        rc = err_set(e, ERR_CONFLICT, "feedback.attach_closed",
                     "Phản ánh đã được trả lời, không thể đính kèm thêm tệp",
                     "The feedback has been answered: no more files can be attached");
    if (!rc && n >= APP_FB_ATTACH_MAX)
        rc = err_set(e, ERR_CONFLICT, "feedback.attach_count",
                     "Mỗi phản ánh được đính kèm tối đa %d tệp",
                     "At most %d files can be attached to a feedback item", APP_FB_ATTACH_MAX);
    evidence_upload_t up = {f.unit, "feedback", id, filename, data, len};
    evidence_t ev = {0};
    if (!rc)
        rc = evidence_upload(a, NULL, &up, &ev, NULL, e);
    if (!rc && evidence_id)
        *evidence_id = ev.id;
    return rc;
}
