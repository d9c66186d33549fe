#include "csv.h"

#include "base/buf.h"
#include "base/mem.h"
#include "base/sv.h"
#include "base/text.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"

#define CSV_MAX_RECORD (1u << 20)
#define CSV_MAX_FIELDS 256

struct csv_reader {
    FILE *f;
    int own_file;
    const char *mem;
    size_t mem_n, mem_pos;
    char name[256];
    buf_t rec; /* field bytes, each NUL-terminated */
    size_t offs[CSV_MAX_FIELDS];
    char *fields[CSV_MAX_FIELDS];
    int line, rec_line;
    size_t consumed;
    int pushed[4]; /* pushed-back bytes (a stack) */
    int npushed;
    int started;
};

static csv_reader_t *reader_new(const char *name, err_t *e)
{
    csv_reader_t *r = mem_calloc(1, sizeof *r);
    if (!r) {
        err_nomem(e);
        return NULL;
    }
    buf_init(&r->rec, CSV_MAX_RECORD);
    snprintf(r->name, sizeof r->name, "%s", name);
    r->line = 1;
    return r;
}

csv_reader_t *csv_open_file(const char *path, err_t *e)
{
    csv_reader_t *r = reader_new(strcmp(path, "-") == 0 ? "stdin" : path, e);
    if (!r)
        return NULL;
    if (strcmp(path, "-") == 0) {
        r->f = stdin;
    } else {
        r->f = fopen(path, "rb");
        r->own_file = 1;
        if (!r->f) {
            err_set(e, ERR_IO, "file.open", "Không mở được tệp '%s': %s",
                    "Cannot open file '%s': %s", path, strerror(errno));
            mem_free(r);
            return NULL;
        }
    }
    return r;
}

csv_reader_t *csv_open_mem(const char *data, size_t n, err_t *e)
{
    csv_reader_t *r = reader_new("input", e);
    if (!r)
        return NULL;
    r->mem = data;
    r->mem_n = n;
    return r;
}

void csv_close(csv_reader_t *r)
{
    if (!r)
        return;
    if (r->own_file && r->f)
        fclose(r->f);
    buf_release(&r->rec);
    mem_free(r);
}

int csv_line(const csv_reader_t *r)
{
    return r->rec_line;
}

size_t csv_offset(const csv_reader_t *r)
{
    return r->consumed;
}

const char *csv_name(const csv_reader_t *r)
{
    return r->name;
}

void csv_set_name(csv_reader_t *r, const char *name)
{
    snprintf(r->name, sizeof r->name, "%s", name);
}

static int get(csv_reader_t *r)
{
    int c;
    if (r->npushed > 0) {
        c = r->pushed[--r->npushed];
    } else if (r->f) {
        c = getc(r->f);
    } else {
        c = r->mem_pos < r->mem_n ? (unsigned char)r->mem[r->mem_pos++] : EOF;
    }
    if (c != EOF)
        r->consumed++;
    return c;
}

static void unget(csv_reader_t *r, int c)
{
    if (c != EOF && r->npushed < 4) {
        r->pushed[r->npushed++] = c;
        r->consumed--;
    }
}

static int fail(csv_reader_t *r, err_t *e, const char *code, const char *vi, const char *en)
{
    err_set_pair(e, ERR_INVALID, code, vi, en);
    err_prefixf(e, "%s:%d: ", "%s:%d: ", r->name, r->line);
    return ERR_INVALID;
}

static void skip_bom(csv_reader_t *r)
{
    int a = get(r);
    if (a != 0xEF) {
        unget(r, a);
        return;
    }
    int b = get(r), c = get(r);
    if (b == 0xBB && c == 0xBF)
        return;
    /* Not a BOM: push the bytes back in reverse order. */
    unget(r, c);
    unget(r, b);
    unget(r, a);
}

/* Appends one byte to the record: ERR_NOMEM, or "csv.too_long" past the
 * record limit. */
static int put(csv_reader_t *r, char c, err_t *e)
{
    int rc = buf_putc(&r->rec, c);
    if (rc == ERR_NOMEM)
        return err_nomem(e);
    if (rc)
        return fail(r, e, "csv.too_long", "bản ghi quá dài", "record too long");
    return 0;
}

static int end_field(csv_reader_t *r, size_t *nf, err_t *e)
{
    if (*nf >= CSV_MAX_FIELDS)
        return fail(r, e, "csv.too_many_fields", "quá nhiều cột", "too many fields");
    int rc = put(r, '\0', e);
    if (rc)
        return rc;
    (*nf)++;
    if (*nf < CSV_MAX_FIELDS)
        r->offs[*nf] = r->rec.len;
    return 0;
}

/* Reads one quoted field body (after the opening quote). */
static int read_quoted(csv_reader_t *r, err_t *e)
{
    int open_line = r->line;
    for (;;) {
        int c = get(r);
        if (c == EOF) {
            /* Name the line of the opening quote, not the end of the file. */
            r->line = open_line;
            return fail(r, e, "csv.quote", "thiếu dấu ngoặc kép đóng", "unterminated quoted field");
        }
        if (c == '"') {
            int d = get(r);
            if (d == '"') {
                int rc = put(r, '"', e);
                if (rc)
                    return rc;
                continue;
            }
            unget(r, d);
            return 0;
        }
        if (c == '\n')
            r->line++;
        int rc = put(r, (char)c, e);
        if (rc)
            return rc;
    }
}

static int read_record(csv_reader_t *r, size_t *nf, err_t *e)
{
    *nf = 0;
    r->offs[0] = r->rec.len;
    bool field_start = true;
    for (;;) {
        int c = get(r);
        if (c == EOF || c == '\n' || (c == '\r')) {
            if (c == '\r') {
                int d = get(r);
                if (d != '\n')
                    unget(r, d);
            }
            if (c == EOF && *nf == 0 && r->rec.len == r->offs[0] && field_start)
                return 0;
            int rc = end_field(r, nf, e);
            if (rc)
                return rc;
            if (c != EOF)
                r->line++;
            return CSV_RECORD;
        }
        if (c == ',') {
            int rc = end_field(r, nf, e);
            if (rc)
                return rc;
            field_start = true;
            continue;
        }
        if (c == '"' && field_start) {
            int rc = read_quoted(r, e);
            if (rc)
                return rc;
            int d = get(r);
            if (d != ',' && d != '\n' && d != '\r' && d != EOF)
                return fail(r, e, "csv.quote", "ký tự thừa sau dấu ngoặc kép đóng",
                            "unexpected character after closing quote");
            unget(r, d);
            field_start = false;
            continue;
        }
        field_start = false;
        int rc = put(r, (char)c, e);
        if (rc)
            return rc;
    }
}

/* Bytes of field i as read (each field is stored with a terminating NUL),
 * so that a NUL inside a field can be told from the end of the field. */
static size_t field_len(const csv_reader_t *r, size_t i, size_t nf)
{
    size_t end = i + 1 < nf ? r->offs[i + 1] : r->rec.len;
    return end - r->offs[i] - 1;
}

static bool record_blank(char **fields, size_t n)
{
    return n == 1 && fields[0][0] == '\0';
}

int csv_next(csv_reader_t *r, char ***fields, size_t *nfields, err_t *e)
{
    if (!r->started) {
        r->started = 1;
        skip_bom(r);
    }
    for (;;) {
        buf_reset(&r->rec);
        r->rec_line = r->line;
        size_t nf;
        int rc = read_record(r, &nf, e);
        if (rc <= 0)
            return rc;
        for (size_t i = 0; i < nf; i++)
            r->fields[i] = r->rec.data + r->offs[i];
        for (size_t i = 0; i < nf; i++)
            if (strlen(r->fields[i]) != field_len(r, i, nf)) {
                r->line = r->rec_line;
                return fail(r, e, "csv.nul", "dữ liệu có byte NUL", "data contains a NUL byte");
            }
        for (size_t i = 0; i < nf; i++)
            if (!text_valid(r->fields[i], strlen(r->fields[i]))) {
                r->line = r->rec_line;
                return fail(r, e, "csv.utf8", "dữ liệu không phải UTF-8 hợp lệ",
                            "data is not valid UTF-8");
            }
        if (record_blank(r->fields, nf))
            continue;
        *fields = r->fields;
        *nfields = nf;
        return CSV_RECORD;
    }
}

int csv_header_index(char **f, size_t nf, const char *const *cols, int ncols, int *idx)
{
    int found = 0;
    for (int c = 0; c < ncols; c++) {
        idx[c] = -1;
        size_t want = strlen(cols[c]);
        for (size_t i = 0; i < nf && idx[c] < 0; i++) {
            const char *h = f[i];
            if (strncmp(h, "\xEF\xBB\xBF", 3) == 0)
                h += 3;
            sv_t t = sv_trim(sv_from(h));
            if (t.n == want && strncasecmp(t.p, cols[c], t.n) == 0)
                idx[c] = (int)i;
        }
        found += idx[c] >= 0;
    }
    return found;
}
