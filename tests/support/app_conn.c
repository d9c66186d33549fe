#include "support/app_conn.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/banned.h"

store_t *app_conn(app_t *a)
{
    store_t *s;
    err_t e;
    if (app_store(a, &s, &e)) {
        fprintf(stderr, "app_conn: %s\n", e.en);
        abort();
    }
    return s;
}
