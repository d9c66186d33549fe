#include "domain/kpi_image.h"

#include <string.h>

#include "base/banned.h"

#define BYTE_ORDER_MARK 0x0102030405060708ULL

static const uint64_t K1 = 0x9E3779B185EBCA87ULL, K2 = 0xC2B2AE3D27D4EB4FULL,
                      K3 = 0x165667B19E3779F9ULL;

static uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static uint64_t word(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return w;
}

static uint64_t mix(uint64_t lane, uint64_t w)
{
    return rotl(lane + w * K2, 31) * K1;
}

uint64_t kpi_image_sum64(const void *data, size_t n, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t l[4] = {seed + K1 + K2, seed + K2, seed, seed - K1};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int k = 0; k < 4; k++)
            l[k] = mix(l[k], word(p + i + 8 * k));
    uint64_t h = rotl(l[0], 1) + rotl(l[1], 7) + rotl(l[2], 12) + rotl(l[3], 18) + (uint64_t)n;
    for (; i + 8 <= n; i += 8)
        h = rotl(h ^ mix(0, word(p + i)), 27) * K1 + K3;
    for (; i < n; i++)
        h = rotl(h ^ (p[i] * K3), 11) * K1;
    h ^= h >> 33;
    h *= K2;
    h ^= h >> 29;
    h *= K3;
    h ^= h >> 32;
    return h;
}

uint64_t kpi_image_procs_sum(const char *const *codes, size_t n)
{
    uint64_t h = kpi_image_sum64(&n, sizeof n, 0);
    for (size_t i = 0; i < n; i++)
        h = kpi_image_sum64(codes[i], strlen(codes[i]) + 1, h);
    return h;
}

static uint64_t align_up(uint64_t x)
{
    return (x + KPI_IMAGE_ALIGN - 1) & ~(uint64_t)(KPI_IMAGE_ALIGN - 1);
}

static uint64_t header_sum(const kpi_image_header_t *h)
{
    kpi_image_header_t c = *h;
    c.header_sum = 0;
    return kpi_image_sum64(&c, sizeof c, 0);
}

static uint64_t meta_sum(const kpi_image_header_t *h, const kpi_image_unit_t *dir,
                         const char *names)
{
    uint64_t s = kpi_image_sum64(dir, (size_t)h->nunits * sizeof *dir, 0);
    return kpi_image_sum64(names, (size_t)h->names_len, s);
}

void kpi_image_layout(kpi_image_header_t *h, int64_t generation, uint64_t token,
                      int max_supplements, uint64_t procs_sum, uint32_t nprocs, uint32_t nunits,
                      uint64_t names_len, uint64_t nrows)
{
    memset(h, 0, sizeof *h);
    memcpy(h->magic, KPI_IMAGE_MAGIC, sizeof KPI_IMAGE_MAGIC);
    h->version = KPI_IMAGE_VERSION;
    h->header_size = sizeof *h;
    h->byte_order = BYTE_ORDER_MARK;
    h->generation = generation;
    h->token = token;
    h->max_supplements = max_supplements;
    h->row_size = sizeof(kpi_row_t);
    h->day_size = sizeof(kpi_day_t);
    h->unit_size = sizeof(kpi_image_unit_t);
    h->nunits = nunits;
    h->nprocs = nprocs;
    h->procs_sum = procs_sum;
    h->nrows = nrows;
    h->dir_off = align_up(sizeof *h);
    h->names_off = align_up(h->dir_off + (uint64_t)nunits * sizeof(kpi_image_unit_t));
    h->names_len = names_len;
    h->rows_off = align_up(h->names_off + names_len);
    h->days_off = align_up(h->rows_off + nrows * sizeof(kpi_row_t));
}

void kpi_image_seal(kpi_image_header_t *h, const kpi_image_unit_t *dir, const char *names,
                    uint64_t ndays)
{
    h->ndays = ndays;
    h->file_size = h->days_off + ndays * sizeof(kpi_day_t);
    h->meta_sum = meta_sum(h, dir, names);
    h->header_sum = header_sum(h);
}

static int bad(err_t *e, const char *what)
{
    return err_set(e, ERR_INVALID, "kpi.image", "ảnh chụp chỉ tiêu không hợp lệ: %s",
                   "invalid KPI snapshot image: %s", what);
}

/* a + n * size <= limit, without overflow. */
static bool fits(uint64_t a, uint64_t n, uint64_t size, uint64_t limit)
{
    return a <= limit && n <= (limit - a) / size;
}

static int check_header(const kpi_image_header_t *h, size_t len, err_t *e)
{
    if (memcmp(h->magic, KPI_IMAGE_MAGIC, sizeof KPI_IMAGE_MAGIC) != 0)
        return bad(e, "magic");
    if (h->byte_order != BYTE_ORDER_MARK)
        return bad(e, "byte order");
    if (h->version != KPI_IMAGE_VERSION)
        return bad(e, "version");
    if (h->header_size != sizeof *h || h->row_size != sizeof(kpi_row_t) ||
        h->day_size != sizeof(kpi_day_t) || h->unit_size != sizeof(kpi_image_unit_t))
        return bad(e, "record sizes");
    if (h->header_sum != header_sum(h))
        return bad(e, "header checksum");
    if (h->file_size != len)
        return bad(e, "file size");
    if (h->dir_off != align_up(sizeof *h) ||
        !fits(h->dir_off, h->nunits, sizeof(kpi_image_unit_t), h->names_off) ||
        !fits(h->names_off, h->names_len, 1, h->rows_off) || h->rows_off % KPI_IMAGE_ALIGN ||
        !fits(h->rows_off, h->nrows, sizeof(kpi_row_t), h->days_off) ||
        h->days_off % KPI_IMAGE_ALIGN || !fits(h->days_off, h->ndays, sizeof(kpi_day_t), len) ||
        h->days_off + h->ndays * sizeof(kpi_day_t) != len)
        return bad(e, "layout");
    return 0;
}

static int check_unit(const kpi_image_t *img, const kpi_image_unit_t *u, err_t *e)
{
    const kpi_image_header_t *h = img->h;
    if (u->row0 > h->nrows || u->nrows > h->nrows - u->row0 || u->day0 > h->ndays ||
        u->ndays > h->ndays - u->day0 || u->name_off >= h->names_len ||
        u->name_len >= h->names_len - u->name_off || img->names[u->name_off + u->name_len] != '\0')
        return bad(e, "unit directory");
    if (kpi_image_sum64(img->rows + u->row0, (size_t)u->nrows * sizeof(kpi_row_t), 0) !=
        u->rows_sum)
        return bad(e, "rows checksum");
    if (kpi_image_sum64(img->days + u->day0, (size_t)u->ndays * sizeof(kpi_day_t), 0) !=
        u->days_sum)
        return bad(e, "days checksum");
    return 0;
}

static bool zeros(const unsigned char *b, uint64_t from, uint64_t to)
{
    for (uint64_t i = from; i < to; i++)
        if (b[i])
            return false;
    return true;
}

/* The alignment gaps between regions must be zero: then every byte of the
 * image is covered by a check. */
static bool gaps_zero(const unsigned char *b, const kpi_image_header_t *h)
{
    return zeros(b, sizeof *h, h->dir_off) &&
           zeros(b, h->dir_off + (uint64_t)h->nunits * sizeof(kpi_image_unit_t), h->names_off) &&
           zeros(b, h->names_off + h->names_len, h->rows_off) &&
           zeros(b, h->rows_off + h->nrows * sizeof(kpi_row_t), h->days_off);
}

int kpi_image_parse(const void *base, size_t len, kpi_image_t *img, err_t *e)
{
    memset(img, 0, sizeof *img);
    if (len < sizeof(kpi_image_header_t) || ((uintptr_t)base % 8) != 0)
        return bad(e, "too short");
    const unsigned char *b = base;
    const kpi_image_header_t *h = base;
    int rc = check_header(h, len, e);
    if (rc)
        return rc;
    img->h = h;
    img->dir = (const kpi_image_unit_t *)(b + h->dir_off);
    img->names = (const char *)(b + h->names_off);
    img->rows = (const kpi_row_t *)(b + h->rows_off);
    img->days = (const kpi_day_t *)(b + h->days_off);
    if (!gaps_zero(b, h))
        rc = bad(e, "padding");
    else if (meta_sum(h, img->dir, img->names) != h->meta_sum)
        rc = bad(e, "directory checksum");
    for (uint32_t i = 0; !rc && i < h->nunits; i++)
        rc = check_unit(img, &img->dir[i], e);
    if (rc)
        memset(img, 0, sizeof *img);
    return rc;
}

const char *kpi_image_unit_code(const kpi_image_t *img, uint32_t unit)
{
    return img->names + img->dir[unit].name_off;
}

void kpi_image_view(const kpi_image_t *img, uint32_t unit, kpi_view_t *v)
{
    const kpi_image_unit_t *u = &img->dir[unit];
    v->rows = img->rows + u->row0;
    v->n = (size_t)u->nrows;
    v->days = img->days + u->day0;
    v->ndays = (size_t)u->ndays;
    v->has_days = true;
    v->max_supplements = img->h->max_supplements;
}
