#include "io/dossier_io.h"

#include "base/jsonx.h"
#include "base/mem.h"
#include "base/csv.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/banned.h"

#define BLOCK      (1u << 20)
#define MAX_RECORD (1u << 20)
#define MAX_FIELDS 64

enum {
    F_CODE,
    F_PROC,
    F_UNIT,
    F_CHANNEL,
    F_RECEIVED,
    F_STATUS,
    F_FULL,
    F_DUE,
    F_ENDED,
    F_RETURNED,
    F_SUPPS,
    F_SUPP_REQ,
    F_SUPP_DONE,
    F_PAID,
    F_DIGI,
    F_ERES,
    F_RATING,
    F_NCOLS
};
#define F_REQUIRED 6
static const char *col_names[F_NCOLS] = {"MaHoSo",
                                         "MaTTHC",
                                         "MaDonVi",
                                         "KenhThucHien",
                                         "NgayTiepNhan",
                                         "TrangThaiHoSo",
                                         "ToanTrinh",
                                         "NgayHenTra",
                                         "NgayKetThucXuLy",
                                         "NgayTraKetQua",
                                         "SoLanBoSung",
                                         "NgayYeuCauBoSung",
                                         "NgayBoSung",
                                         "DuocThanhToanTrucTuyen",
                                         "HoSoCoThanhPhanSoHoa",
                                         "CoKetQuaDienTu",
                                         "DanhGia"};

struct dossier_io_src {
    FILE *f;
    char name[256];
    bool json;
    bool eof;
    char *blk; /* block buffer: data in [pos, len) */
    size_t pos, len, cap;
    size_t consumed, size;
    int line, rec_line;
    const char *raw; /* last record's bytes in blk */
    size_t raw_n;
    buf_t rec; /* unquoted fields, NUL-separated */
    char *fields[MAX_FIELDS];
    size_t nfields;
    int idx[F_NCOLS];
    size_t ncols;
    char *header;
    json_t *jrow;
};

static int io_error(dossier_io_src_t *s, err_t *e)
{
    return err_set(e, ERR_IO, "file.read", "Lỗi đọc tệp '%s': %s", "Cannot read file '%s': %s",
                   s->name, strerror(errno));
}

static int reject(dossier_io_src_t *s, err_t *e, const char *code, const char *vi, const char *en,
                  const char *what)
{
    char v[ERR_MSG_MAX], n[ERR_MSG_MAX];
    snprintf(v, sizeof v, "%s%s", vi, what);
    snprintf(n, sizeof n, "%s%s", en, what);
    err_set_pair(e, ERR_INVALID, code, v, n);
    err_prefixf(e, "dòng %d: ", "line %d: ", s->rec_line);
    return DOSSIER_IO_REJECT;
}

/* Refills the block: keeps [pos, len) at the front, reads more. Returns the
 * number of bytes added (0 at end of file) or -1 on error. */
static long refill(dossier_io_src_t *s)
{
    if (s->eof)
        return 0;
    if (s->pos > 0) {
        memmove(s->blk, s->blk + s->pos, s->len - s->pos);
        s->len -= s->pos;
        s->pos = 0;
    }
    if (s->len == s->cap) {
        if (s->cap >= MAX_RECORD + BLOCK)
            return -2;
        if (MEM_GROW(s->blk, s->cap, 2 * s->cap))
            return -1;
    }
    size_t got = fread(s->blk + s->len, 1, s->cap - s->len, s->f);
    if (got == 0) {
        if (ferror(s->f))
            return -1;
        s->eof = true;
    }
    s->len += got;
    return (long)got;
}

/* Finds the next record: sets raw/raw_n and advances pos past its line
 * end. Returns 1, 0 at end, -1 I/O, 2 when the file ends inside quotes. */
static int next_record(dossier_io_src_t *s, bool quotes)
{
    for (;;) {
        /* skip blank lines */
        while (s->pos < s->len && (s->blk[s->pos] == '\n' || s->blk[s->pos] == '\r')) {
            if (s->blk[s->pos] == '\n')
                s->line++;
            s->pos++;
            s->consumed++;
        }
        bool inq = false, more = false;
        size_t i = s->pos;
        int nl = 0;
        for (; i < s->len; i++) {
            char c = s->blk[i];
            if (c == '"' && quotes) {
                if (inq) {
                    if (i + 1 >= s->len && !s->eof) {
                        more = true; /* cannot tell "" from a closing quote yet */
                        break;
                    }
                    if (i + 1 < s->len && s->blk[i + 1] == '"')
                        i++;
                    else
                        inq = false;
                } else if (i == s->pos || s->blk[i - 1] == ',') {
                    inq = true;
                }
            } else if (c == '\n') {
                if (!inq)
                    break;
                nl++;
            }
        }
        if (!more && (i < s->len || (s->eof && i > s->pos))) {
            s->rec_line = s->line;
            s->raw = s->blk + s->pos;
            s->raw_n = i - s->pos;
            if (s->raw_n && s->raw[s->raw_n - 1] == '\r')
                s->raw_n--;
            size_t adv = (i < s->len ? i + 1 : i) - s->pos;
            s->consumed += adv;
            s->pos += adv;
            s->line += nl + 1;
            return inq ? 2 : 1;
        }
        if (s->eof)
            return 0;
        long r = refill(s);
        if (r == -2)
            return 3;
        if (r < 0)
            return -1;
    }
}

static bool utf8_ok(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
        if (!len || i + (size_t)len > n)
            return false;
        for (int k = 1; k < len; k++)
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
        if (len == 3 && ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] >= 0xA0)))
            return false;
        if (len == 4 && ((c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] >= 0x90)))
            return false;
        i += (size_t)len;
    }
    return true;
}

/* Splits raw into unquoted fields. 0 ok, -1 malformed quotes, -2 too many
 * fields, ERR_NOMEM. */
static int split_fields(dossier_io_src_t *s)
{
    buf_reset(&s->rec);
    if (buf_reserve(&s->rec, s->raw_n + MAX_FIELDS + 1))
        return ERR_NOMEM;
    char *out = s->rec.data;
    size_t o = 0, nf = 0;
    size_t starts[MAX_FIELDS];
    const char *p = s->raw, *end = s->raw + s->raw_n;
    for (;;) {
        if (nf >= MAX_FIELDS)
            return -2;
        starts[nf++] = o;
        if (p < end && *p == '"') {
            p++;
            for (;;) {
                if (p >= end)
                    return -1;
                if (*p == '"') {
                    if (p + 1 < end && p[1] == '"') {
                        out[o++] = '"';
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                out[o++] = *p++;
            }
            if (p < end && *p != ',')
                return -1;
        } else {
            while (p < end && *p != ',') {
                if (*p == '"')
                    return -1;
                out[o++] = *p++;
            }
        }
        out[o++] = '\0';
        if (p >= end)
            break;
        p++; /* comma */
    }
    s->rec.len = o;
    s->nfields = nf;
    for (size_t k = 0; k < nf; k++)
        s->fields[k] = out + starts[k];
    return 0;
}

static int read_header(dossier_io_src_t *s, err_t *e)
{
    int rc = next_record(s, true);
    if (rc != 1)
        return rc < 0 ? io_error(s, e)
                      : err_set(e, ERR_INVALID, "dossier.header", "%s: thiếu dòng tiêu đề",
                                "%s: missing header row", s->name);
    if (split_fields(s))
        return err_set(e, ERR_INVALID, "dossier.header", "%s: dòng tiêu đề không hợp lệ",
                       "%s: malformed header row", s->name);
    s->header = mem_strndup(s->raw, s->raw_n);
    if (!s->header)
        return err_nomem(e);
    s->ncols = s->nfields;
    csv_header_index(s->fields, s->nfields, col_names, F_NCOLS, s->idx);
    for (int c = 0; c < F_REQUIRED; c++) {
        if (s->idx[c] < 0)
            return err_set(e, ERR_INVALID, "dossier.header", "%s: thiếu cột %s",
                           "%s: missing column %s", s->name, col_names[c]);
    }
    return 0;
}

/* Opens a source reading f (NULL: open path; "-" is standard input). */
static int src_open(const char *path, FILE *f, dossier_io_src_t **out, err_t *e)
{
    *out = NULL;
    dossier_io_src_t *s = mem_calloc(1, sizeof *s);
    if (!s) {
        if (f)
            fclose(f);
        return err_nomem(e);
    }
    snprintf(s->name, sizeof s->name, "%s", path);
    buf_init(&s->rec, MAX_RECORD * 2);
    s->line = 1;
    s->cap = BLOCK;
    s->blk = mem_alloc(s->cap);
    s->f = f ? f : strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!s->blk || !s->f) {
        int rc = !s->blk ? err_nomem(e)
                         : err_set(e, ERR_IO, "file.open", "Không mở được tệp '%s': %s",
                                   "Cannot open file '%s': %s", path, strerror(errno));
        dossier_io_src_close(s);
        return rc;
    }
    struct stat st;
    if (s->f != stdin && fstat(fileno(s->f), &st) == 0)
        s->size = (size_t)st.st_size;
    if (refill(s) < 0) {
        int rc = io_error(s, e);
        dossier_io_src_close(s);
        return rc;
    }
    if (s->len >= 3 && memcmp(s->blk, "\xEF\xBB\xBF", 3) == 0) {
        s->pos = 3;
        s->consumed = 3;
    }
    size_t k = s->pos;
    while (k < s->len && (s->blk[k] == ' ' || s->blk[k] == '\n' || s->blk[k] == '\r'))
        k++;
    s->json = k < s->len && s->blk[k] == '{';
    int rc = s->json ? 0 : read_header(s, e);
    if (rc) {
        dossier_io_src_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

int dossier_io_src_open(const char *path, dossier_io_src_t **out, err_t *e)
{
    return src_open(path, NULL, out, e);
}

int dossier_io_src_open_mem(const void *data, size_t n, const char *name, dossier_io_src_t **out,
                            err_t *e)
{
    /* fmemopen refuses an empty buffer: an empty input reads /dev/null */
    FILE *f = n ? fmemopen((void *)data, n, "rb") : fopen("/dev/null", "rb");
    if (!f) {
        *out = NULL;
        return err_set(e, ERR_IO, "file.open", "Không mở được dữ liệu '%s': %s",
                       "Cannot open data '%s': %s", name, strerror(errno));
    }
    return src_open(name, f, out, e);
}

void dossier_io_src_close(dossier_io_src_t *s)
{
    if (!s)
        return;
    if (s->f && s->f != stdin)
        fclose(s->f);
    mem_free(s->blk);
    mem_free(s->header);
    buf_release(&s->rec);
    json_decref(s->jrow);
    mem_free(s);
}

int dossier_io_src_line(const dossier_io_src_t *s)
{
    return s->rec_line;
}

size_t dossier_io_src_offset(const dossier_io_src_t *s)
{
    return s->consumed;
}

size_t dossier_io_src_size(const dossier_io_src_t *s)
{
    return s->size;
}

bool dossier_io_src_is_json(const dossier_io_src_t *s)
{
    return s->json;
}

const char *dossier_io_src_header(const dossier_io_src_t *s)
{
    return s->header ? s->header : "JSON";
}

/* The row as read: CSV bytes as they were, a JSON line as one CSV field. A
 * NUL byte (a row rejected for it) is written as the two characters \0, so
 * that nothing after it is lost from the rejects file. */
int dossier_io_src_raw(const dossier_io_src_t *s, buf_t *out)
{
    const char *raw = s->raw ? s->raw : "";
    size_t n = s->raw ? s->raw_n : 0;
    if (s->json || !memchr(raw, '\0', n))
        return s->json ? buf_put_csv_field(out, raw, strnlen(raw, n)) : buf_append(out, raw, n);
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++)
        rc = raw[i] ? buf_putc(out, raw[i]) : buf_append(out, "\\0", 2);
    return rc;
}

static bool blank(const char *v)
{
    while (*v == ' ' || *v == '\t')
        v++;
    return !*v;
}

static int parse_int(dossier_io_src_t *s, const char *v, int col, int *out, err_t *e)
{
    while (*v == ' ')
        v++;
    if (!*v) {
        *out = 0;
        return 0;
    }
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    while (*end == ' ')
        end++;
    if (errno || *end || x < -1000000 || x > 1000000)
        return reject(s, e, "dossier.value", "giá trị không phải số ở cột ",
                      "not a number in column ", col_names[col]);
    *out = (int)x;
    return 0;
}

static int parse_flag(dossier_io_src_t *s, const char *v, int col, unsigned bit, unsigned *flags,
                      err_t *e)
{
    int x;
    int rc = parse_int(s, v, col, &x, e);
    if (rc)
        return rc;
    if (x != 0 && x != 1)
        return reject(s, e, "dossier.value", "giá trị phải là 0 hoặc 1 ở cột ",
                      "value must be 0 or 1 in column ", col_names[col]);
    if (x)
        *flags |= bit;
    return 0;
}

static int parse_time(dossier_io_src_t *s, const char *v, int col, dtime_t *out, err_t *e)
{
    if (blank(v)) {
        *out = DTIME_NONE;
        return 0;
    }
    if (dtime_parse(v, strlen(v), out))
        return reject(s, e, "dossier.date", "ngày giờ không hợp lệ ở cột ",
                      "invalid date-time in column ", col_names[col]);
    return 0;
}

static int copy_code(dossier_io_src_t *s, const char *v, int col, char *out, err_t *e)
{
    while (*v == ' ')
        v++;
    size_t n = strlen(v);
    while (n && v[n - 1] == ' ')
        n--;
    if (!n)
        return reject(s, e, "dossier.value", "thiếu mã ở cột ", "missing code in column ",
                      col_names[col]);
    if (n > DOSSIER_CODE_MAX)
        return reject(s, e, "dossier.value", "mã quá dài ở cột ", "code too long in column ",
                      col_names[col]);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20)
            return reject(s, e, "dossier.value", "ký tự điều khiển ở cột ",
                          "control character in column ", col_names[col]);
    memcpy(out, v, n);
    out[n] = '\0';
    return 0;
}

/* Fills d from cells (index F_*; "" when absent). */
static int fill(dossier_io_src_t *s, const char **c, dossier_t *d, err_t *e)
{
    dossier_init(d);
    int rc = copy_code(s, c[F_CODE], F_CODE, d->code, e);
    if (!rc)
        rc = copy_code(s, c[F_PROC], F_PROC, d->procedure, e);
    if (!rc)
        rc = copy_code(s, c[F_UNIT], F_UNIT, d->unit, e);
    if (!rc)
        rc = parse_int(s, c[F_CHANNEL], F_CHANNEL, &d->channel, e);
    if (!rc && blank(c[F_STATUS]))
        rc = reject(s, e, "dossier.value", "thiếu giá trị ở cột ", "missing value in column ",
                    col_names[F_STATUS]);
    if (!rc)
        rc = parse_int(s, c[F_STATUS], F_STATUS, &d->status, e);
    if (!rc)
        rc = parse_int(s, c[F_SUPPS], F_SUPPS, &d->supplements, e);
    if (!rc)
        rc = parse_int(s, c[F_RATING], F_RATING, &d->rating, e);
    static const int tcols[] = {F_RECEIVED, F_DUE, F_ENDED, F_RETURNED, F_SUPP_REQ, F_SUPP_DONE};
    dtime_t *tptr[] = {&d->received, &d->due_given,      &d->ended,
                       &d->returned, &d->supp_requested, &d->supp_supplied};
    for (int i = 0; !rc && i < 6; i++)
        rc = parse_time(s, c[tcols[i]], tcols[i], tptr[i], e);
    if (!rc && d->received == DTIME_NONE)
        rc = reject(s, e, "dossier.date", "thiếu ngày ở cột ", "missing date in column ",
                    col_names[F_RECEIVED]);
    static const int fcols[] = {F_FULL, F_PAID, F_DIGI, F_ERES};
    static const unsigned fbits[] = {DFLAG_FULL_ONLINE, DFLAG_PAID_ONLINE, DFLAG_DIGITIZED,
                                     DFLAG_E_RESULT};
    for (int i = 0; !rc && i < 4; i++)
        rc = parse_flag(s, c[fcols[i]], fcols[i], fbits[i], &d->flags, e);
    return rc;
}

static int next_csv(dossier_io_src_t *s, dossier_t *d, err_t *e)
{
    int rc = next_record(s, true);
    if (rc == 0)
        return 0;
    if (rc < 0)
        return io_error(s, e);
    if (rc == 2)
        return reject(s, e, "dossier.truncated", "tệp kết thúc giữa chừng một dòng", "",
                      " (file ends inside a quoted field)");
    if (rc == 3)
        return err_set(e, ERR_TOOLARGE, "dossier.too_long", "%s: dòng %d quá dài",
                       "%s: line %d is too long", s->name, s->line);
    if (memchr(s->raw, '\0', s->raw_n)) /* it would cut a field short */
        return reject(s, e, "dossier.nul", "dòng có byte NUL", "the row has a NUL byte", "");
    if (!utf8_ok((const unsigned char *)s->raw, s->raw_n))
        return reject(s, e, "dossier.csv", "dữ liệu không phải UTF-8 hợp lệ", "", "");
    rc = split_fields(s);
    if (rc == ERR_NOMEM)
        return err_nomem(e);
    if (rc)
        return reject(s, e, "dossier.csv", "dấu ngoặc kép sai chỗ hoặc quá nhiều cột", "",
                      " (misplaced quote or too many fields)");
    if (s->nfields != s->ncols) {
        char what[64];
        snprintf(what, sizeof what, "%zu/%zu", s->nfields, s->ncols);
        bool last = s->pos >= s->len && s->eof && s->raw + s->raw_n >= s->blk + s->len - 1;
        return reject(s, e, last && s->nfields < s->ncols ? "dossier.truncated" : "dossier.columns",
                      "số cột không đúng ", "wrong column count ", what);
    }
    const char *c[F_NCOLS];
    for (int k = 0; k < F_NCOLS; k++)
        c[k] = s->idx[k] >= 0 ? s->fields[s->idx[k]] : "";
    return fill(s, c, d, e) ? DOSSIER_IO_REJECT : 1;
}

static const char *json_text(const json_t *v, char *tmp, size_t n)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(tmp, n, "%lld", (long long)json_integer_value(v));
        return tmp;
    }
    if (json_is_boolean(v))
        return json_is_true(v) ? "1" : "0";
    return v && !json_is_null(v) ? "\x01" : "";
}

static int next_json(dossier_io_src_t *s, dossier_t *d, err_t *e)
{
    int rc = next_record(s, false);
    if (rc == 0)
        return 0;
    if (rc < 0)
        return io_error(s, e);
    if (rc == 3)
        return err_set(e, ERR_TOOLARGE, "dossier.too_long", "%s: dòng %d quá dài",
                       "%s: line %d is too long", s->name, s->line);
    json_decref(s->jrow);
    json_error_t je;
    s->jrow = json_loadb(s->raw, s->raw_n, JSON_REJECT_DUPLICATES, &je);
    if (!json_is_object(s->jrow)) {
        bool last = s->eof && s->pos >= s->len;
        return reject(s, e, last ? "dossier.truncated" : "dossier.json",
                      "dòng không phải đối tượng JSON hợp lệ", "", " (not a valid JSON object)");
    }
    char tmp[F_NCOLS][32];
    const char *c[F_NCOLS];
    for (int k = 0; k < F_NCOLS; k++) {
        c[k] = json_text(json_object_get(s->jrow, col_names[k]), tmp[k], sizeof tmp[k]);
        if (c[k][0] == '\x01')
            return reject(s, e, "dossier.value", "kiểu giá trị không hợp lệ ở khóa ",
                          "invalid value type for key ", col_names[k]);
    }
    return fill(s, c, d, e) ? DOSSIER_IO_REJECT : 1;
}

int dossier_io_src_next(dossier_io_src_t *s, dossier_t *d, err_t *e)
{
    return s->json ? next_json(s, d, e) : next_csv(s, d, e);
}

static int put_time(buf_t *out, dtime_t t)
{
    if (t == DTIME_NONE)
        return buf_putc(out, ',');
    char tmp[DTIME_ISO_LEN];
    dtime_format(t, tmp);
    tmp[10] = ' ';
    return buf_printf(out, ",%s", tmp);
}

int dossier_io_write_csv(buf_t *out, const dossier_t *d)
{
    int rc = buf_put_csv_field(out, d->code, strlen(d->code));
    if (!rc)
        rc = buf_putc(out, ',');
    if (!rc)
        rc = buf_put_csv_field(out, d->procedure, strlen(d->procedure));
    if (!rc)
        rc = buf_putc(out, ',');
    if (!rc)
        rc = buf_put_csv_field(out, d->unit, strlen(d->unit));
    if (!rc)
        rc = buf_printf(out, ",%d,%d", d->channel, (d->flags & DFLAG_FULL_ONLINE) ? 1 : 0);
    if (!rc)
        rc = put_time(out, d->received);
    if (!rc)
        rc = put_time(out, d->due_given);
    if (!rc)
        rc = put_time(out, d->ended);
    if (!rc)
        rc = put_time(out, d->returned);
    if (!rc)
        rc = buf_printf(out, ",%d,%d", d->status, d->supplements);
    if (!rc)
        rc = put_time(out, d->supp_requested);
    if (!rc)
        rc = put_time(out, d->supp_supplied);
    if (!rc)
        rc = buf_printf(out, ",%d,%d,%d,%d\n", (d->flags & DFLAG_PAID_ONLINE) ? 1 : 0,
                        (d->flags & DFLAG_DIGITIZED) ? 1 : 0, (d->flags & DFLAG_E_RESULT) ? 1 : 0,
                        d->rating);
    return rc;
}

/* --- the ingest's reader ------------------------------------------------------ */

static int rd_open(const char *path, void **src, err_t *e)
{
    dossier_io_src_t *s;
    int rc = dossier_io_src_open(path, &s, e);
    *src = s;
    return rc;
}

static void rd_close(void *src)
{
    dossier_io_src_close(src);
}

static int rd_next(void *src, dossier_t *d, err_t *e)
{
    return dossier_io_src_next(src, d, e);
}

static int rd_raw(const void *src, buf_t *out)
{
    return dossier_io_src_raw(src, out);
}

static int rd_line(const void *src)
{
    return dossier_io_src_line(src);
}

static size_t rd_offset(const void *src)
{
    return dossier_io_src_offset(src);
}

static size_t rd_size(const void *src)
{
    return dossier_io_src_size(src);
}

const app_ledger_reader_t dossier_io_reader = {rd_open, rd_close,  rd_next, rd_raw,
                                               rd_line, rd_offset, rd_size};
