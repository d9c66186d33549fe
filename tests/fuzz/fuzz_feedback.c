/* fuzz_feedback.c - libFuzzer target for citizen-feedback rules: input
 * starting with '{' goes to the rules-file parser (success must give
 * working days in 0..365, failure the defaults); any other input is read as
 * a sequence of events (3 bytes each: kind, minutes after the previous
 * event) folded by feedback_apply, after which the state and the
 * timeliness must be consistent. Invariant violations trap. Seeds:
 * corpus/fuzz_feedback/. */
#include "domain/feedback.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void rules(const uint8_t *data, size_t size)
{
    fb_rules_t r;
    err_t e;
    int rc = feedback_rules_parse((const char *)data, size, &r, &e);
    if (rc == 0) {
        if (r.ack_days < 0 || r.ack_days > 365 || r.info_days < 0 || r.info_days > 365 ||
            r.answer_days < 0 || r.answer_days > 365 || r.publish_days < 0 ||
            r.publish_days > 365 || strlen(r.version) >= sizeof r.version)
            __builtin_trap();
    } else if (rc != ERR_INVALID || r.answer_days != 15 || r.ack_days != 2 || !e.code[0]) {
        __builtin_trap();
    }
}

static void events(const uint8_t *data, size_t size)
{
    feedback_t f;
    feedback_init(&f);
    dtime_t t = dtime_make(date_from_ymd(2024, 1, 1), 8, 0, 0), last = DTIME_NONE;
    int applied = 0;
    for (size_t i = 0; i + 3 <= size; i += 3) {
        fb_event_t ev = {(fb_event_kind_t)(data[i] % 9), 0, data[i] / 9 % 5};
        int delta = (data[i + 1] << 8 | data[i + 2]) - 1000; /* sometimes backwards */
        t += (dtime_t)delta * 60;
        ev.at = t;
        fb_status_t before = f.status;
        err_t e;
        int rc = feedback_apply(&f, &ev, &last, &e);
        if (rc == 0) {
            applied++;
            if (ev.kind != FBE_RATED && f.status <= before)
                __builtin_trap(); /* the lifecycle only moves forward */
            if (last != ev.at)
                __builtin_trap();
        } else if ((rc != ERR_INVALID && rc != ERR_CONFLICT) || f.status != before) {
            __builtin_trap();
        }
    }
    if (feedback_deadlines(NULL, NULL, &f, NULL) != 0 || f.ack_due != DTIME_NONE)
        __builtin_trap();
    if (applied && f.received == DTIME_NONE)
        __builtin_trap();
    fb_timeliness_t tl;
    feedback_timeliness(&f, NULL, t, &tl);
    for (int s = 0; s < FB_STEPS; s++)
        if (tl.step[s] == FBS_LATE || tl.step[s] == FBS_OVERDUE) /* no dues: never late */
            __builtin_trap();
    if (f.status == FB_PUBLISHED && f.published <= t && tl.overall != FBS_ON_TIME)
        __builtin_trap();
    if (f.rating < 0 || f.rating > 3 || (f.rating && f.answered == DTIME_NONE))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 0 && data[0] == '{')
        rules(data, size);
    else
        events(data, size);
    return 0;
}
