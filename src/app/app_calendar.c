/* app_calendar.c - the shared, lazily loaded agency calendar. */
#include "app/app_calendar.h"

#include "app/calendar_load.h"
#include "base/mem.h"

#include <pthread.h>
#include <string.h>

#include "base/banned.h"

typedef struct entry {
    char *data_dir;
    agencycal_t *cal;
    struct entry *next;
} entry_t;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static entry_t *entries;

/* Loads the calendar of dir and adds it to the cache; under the lock. */
static const agencycal_t *load(const char *dir, err_t *e)
{
    agencycal_t *cal = NULL;
    if (calendar_load_load(dir, &cal, e))
        return NULL;
    entry_t *x = mem_calloc(1, sizeof *x);
    char *copy = mem_strdup(dir);
    if (!x || !copy) {
        mem_free(x);
        mem_free(copy);
        agencycal_free(cal);
        err_nomem(e);
        return NULL;
    }
    x->data_dir = copy;
    x->cal = cal;
    x->next = entries;
    entries = x;
    return cal;
}

const agencycal_t *app_calendar(app_t *a, err_t *e)
{
    const char *dir = app_data_dir(a);
    const agencycal_t *found = NULL;
    pthread_mutex_lock(&lock);
    for (entry_t *x = entries; x && !found; x = x->next)
        if (strcmp(x->data_dir, dir) == 0)
            found = x->cal;
    if (!found)
        found = load(dir, e);
    pthread_mutex_unlock(&lock);
    return found;
}

void app_calendar_reset(void)
{
    pthread_mutex_lock(&lock);
    while (entries) {
        entry_t *x = entries;
        entries = x->next;
        agencycal_free(x->cal);
        mem_free(x->data_dir);
        mem_free(x);
    }
    pthread_mutex_unlock(&lock);
}
