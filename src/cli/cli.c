#include "cli.h"

#include "app/evidence.h"

#include "base/buf.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int cli_error(const err_t *e)
{
    fprintf(stderr, "lỗi: %s\nerror: %s\n", e->vi[0] ? e->vi : "không rõ",
            e->en[0] ? e->en : "unknown");
    return 1;
}

int cli_usage_error(const char *cmd, const char *vi, const char *en)
{
    fprintf(stderr, "lỗi: %s\nerror: %s\nXem / see: cchc %s --help\n", vi, en, cmd);
    return 2;
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return true;
    return false;
}

static int print_json_flags(json_t *v, size_t flags)
{
    char *s = json_dumps(v, flags | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
    if (!s) {
        err_t e;
        err_nomem(&e);
        return cli_error(&e);
    }
    puts(s);
    free(s);
    return 0;
}

int cli_print_json(json_t *v)
{
    return print_json_flags(v, JSON_INDENT(2));
}

int cli_print_json_line(json_t *v)
{
    return print_json_flags(v, JSON_COMPACT);
}

int cli_read_file(const char *path, size_t max, char **out, size_t *len, err_t *e)
{
    return file_read_all(path, max, out, len, e);
}

int cli_upload_evidence(struct app *a, const char *const *paths, size_t n, const char *unit,
                        const char *type, int64_t id, int64_t *ids)
{
    for (size_t i = 0; i < n; i++) {
        char *data = NULL;
        size_t len = 0;
        err_t e;
        if (cli_read_file(paths[i], app_evidence_max(a) + 1, &data, &len, &e))
            return cli_error(&e);
        const char *slash = strrchr(paths[i], '/');
        evidence_upload_t in = {.unit_code = unit,
                                .attached_type = type,
                                .attached_id = id,
                                .filename = slash ? slash + 1 : paths[i],
                                .data = data,
                                .len = len};
        evidence_t ev;
        int rc = evidence_upload(a, NULL, &in, &ev, NULL, &e);
        free(data);
        if (rc)
            return cli_error(&e);
        ids[i] = ev.id;
    }
    return 0;
}
