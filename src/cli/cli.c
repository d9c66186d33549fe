#include "cli.h"

#include "base/buf.h"
#include "base/jsonx.h"
#include "base/mem.h"
#include "base/file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
