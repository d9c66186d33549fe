/* fuzz_api_body.c - libFuzzer target for JSON request bodies as the API
 * reads them: jsonx_parse (what http_req_json runs on every JSON body),
 * then the field readers of src/http/api_body.c for the fields the
 * handlers ask for, then the units import body (unit_io_read_json, POST
 * /api/v1/units). Invariants: a field reader either returns a value of the
 * asked type or records the first failing field with a code and both
 * messages; a string returned never holds a NUL before its end; an error
 * answer can be built from the messages (valid UTF-8 for jansson);
 * nothing leaks (ASan). Seeds: corpus/fuzz_api_body/. */
#include "base/jsonx.h"
#include "http/api.h"
#include "io/unit_io.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fields(json_t *o)
{
    static const char *const keys[] = {"status", "progress", "note",   "period",  "value",
                                       "unit",   "login",    "code",   "at",      "MaHoSo",
                                       "kind",   "rating",   "reason", "version", "task_id"};
    api_body_t b = {.o = o};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const char *s = api_body_str(&b, keys[i], false);
        if (s && strlen(s) != json_string_length(json_object_get(o, keys[i])))
            __builtin_trap();
        long long v = api_body_int(&b, keys[i], -7, -100, 100);
        if (!b.field && v != -7 && (v < -100 || v > 100))
            __builtin_trap();
        (void)api_body_time(&b, keys[i]);
        if (b.field) {
            if (!b.e.code[0] || !b.e.vi[0] || !b.e.en[0])
                __builtin_trap();
            json_t *err = jsonx_error(&b.e);
            if (!err)
                __builtin_trap(); /* the messages must make a JSON answer */
            json_decref(err);
            b.field = NULL;
        }
    }
    api_body_require(&b, "MaHoSo");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    err_t e;
    json_t *v = jsonx_parse((const char *)data, size, &e);
    if (!v) {
        if (strcmp(e.code, "json.malformed") != 0)
            __builtin_trap();
        json_t *err = jsonx_error(&e);
        if (!err)
            __builtin_trap();
        json_decref(err);
        return 0;
    }
    if (json_is_object(v))
        fields(v);
    unit_set_t s;
    unit_set_init(&s);
    if (unit_io_read_json(v, "request", &s, &e) == 0) {
        for (size_t i = 0; i < s.n; i++)
            if (unit_check(&s.units[i], &e))
                __builtin_trap();
    }
    unit_set_release(&s);
    json_decref(v);
    return 0;
}
