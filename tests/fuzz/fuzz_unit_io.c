/* fuzz_unit_io.c - libFuzzer target for the unit registry readers
 * (src/io/unit_io.c, issue 16 items 12 and 17): input starting with '{' or
 * '[' is parsed as JSON and read by unit_io_read_json, anything else by the
 * CSV reader (units or links by header). Invariants: a success gives units
 * and links whose codes, names, parents and aliases pass the one rule
 * (unit_check); a failure carries a code and both messages; nothing leaks
 * (ASan). The set is then validated as a tree, which must not crash
 * either. Seeds: corpus/fuzz_unit_io/. */
#include "base/jsonx.h"
#include "domain/unit.h"
#include "io/unit_io.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_set(const unit_set_t *s)
{
    err_t e;
    for (size_t i = 0; i < s->n; i++)
        if (unit_check(&s->units[i], &e))
            __builtin_trap(); /* a reader let a bad code or name through */
    for (size_t i = 0; i < s->nlinks; i++)
        if (unit_code_check(s->links[i].from, &e) || unit_code_check(s->links[i].to, &e))
            __builtin_trap();
    (void)unit_set_validate(s, "fuzz", &e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unit_set_t s;
    unit_set_init(&s);
    err_t e;
    int rc;
    if (size && (data[0] == '{' || data[0] == '[')) {
        json_t *root = jsonx_parse((const char *)data, size, &e);
        rc = root ? unit_io_read_json(root, "fuzz.json", &s, &e) : ERR_INVALID;
        json_decref(root);
    } else {
        rc = unit_io_read_csv_mem((const char *)data, size, "fuzz.csv", &s, &e);
    }
    if (rc == 0)
        check_set(&s);
    else if (rc != ERR_NOMEM && (!e.code[0] || !e.vi[0] || !e.en[0]))
        __builtin_trap();
    unit_set_release(&s);
    return 0;
}
