/* app_conn.h - the calling thread's database connection of an app, for
 * tests that look at or change the database directly. */
#ifndef CCHC_TEST_APP_CONN_H
#define CCHC_TEST_APP_CONN_H

#include "app/app.h"

/* Borrowed like app_store's; aborts the test program when the connection
 * cannot be opened (an environment problem). */
store_t *app_conn(app_t *a);

#endif
