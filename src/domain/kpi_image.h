/* kpi_image.h - the persisted form of a finalized KPI snapshot: one
 * contiguous byte image, meant to be memory-mapped and queried in place
 * (docs/internals/ledger.md, "Persisted snapshot").
 *
 * Layout (native little-endian; every region 64-byte aligned):
 *   header    kpi_image_header_t
 *   directory nunits x kpi_image_unit_t
 *   names     unit codes, each NUL-terminated
 *   rows      nrows x kpi_row_t, unit after unit, each unit's rows sorted
 *             by (kpi_agg_row_maxtime, id)
 *   days      ndays x kpi_day_t, unit after unit (kpi_agg.h)
 * The header names the ledger state the image was built from (generation
 * and a random token, checked by the caller against the database), the
 * format version, the supplement rule and a checksum of the procedure
 * catalogue (codes in index order) the rows' procedure indexes refer to.
 * Checksums: the header, the directory + names, and every unit's rows and
 * days separately (kpi_image_sum64), all verified by kpi_image_parse.
 *
 * Pure: no I/O. Errors: ERR_INVALID "kpi.image" (with what is wrong). */
#ifndef CCHC_KPI_IMAGE_H
#define CCHC_KPI_IMAGE_H

#include "domain/kpi_snap.h"

#define KPI_IMAGE_MAGIC "CCHCKPI"
/* Bump whenever the row layout, kpi_snap_row_bits, the classification or the
 * aggregation change meaning: older images are then rebuilt. */
#define KPI_IMAGE_VERSION 1
#define KPI_IMAGE_ALIGN   64

typedef struct kpi_image_header {
    char magic[8];    /* KPI_IMAGE_MAGIC, NUL-padded */
    uint32_t version; /* KPI_IMAGE_VERSION */
    uint32_t header_size;
    uint64_t byte_order; /* 0x0102030405060708 as written */
    int64_t generation;  /* ledger generation the image reflects */
    uint64_t token;      /* random, also recorded in the database */
    int32_t max_supplements;
    uint32_t row_size, day_size, unit_size;
    uint32_t nunits, nprocs;
    uint64_t procs_sum; /* kpi_image_procs_sum of the catalogue */
    uint64_t nrows, ndays;
    uint64_t dir_off, names_off, names_len, rows_off, days_off, file_size;
    uint64_t meta_sum;   /* directory + names */
    uint64_t header_sum; /* this header with header_sum = 0 */
} kpi_image_header_t;

typedef struct kpi_image_unit {
    uint64_t row0, nrows; /* in rows */
    uint64_t day0, ndays; /* in days */
    uint64_t rows_sum, days_sum;
    uint32_t name_off, name_len; /* in names, without the NUL */
} kpi_image_unit_t;

/* A parsed image: pointers into the caller's bytes (borrowed). */
typedef struct kpi_image {
    const kpi_image_header_t *h;
    const kpi_image_unit_t *dir;
    const char *names;
    const kpi_row_t *rows;
    const kpi_day_t *days;
} kpi_image_t;

/* A 64-bit checksum (not cryptographic) of n bytes, chainable by seed. */
uint64_t kpi_image_sum64(const void *p, size_t n, uint64_t seed);

/* Checksum of a procedure catalogue: the codes in index order. */
uint64_t kpi_image_procs_sum(const char *const *codes, size_t n);

/* Checks and maps an image of len bytes at base (8-byte aligned): magic,
 * version, byte order, sizes, every offset and count, and every checksum. */
int kpi_image_parse(const void *base, size_t len, kpi_image_t *img, err_t *e);

/* The unit's code and view (rows sorted, days built). */
const char *kpi_image_unit_code(const kpi_image_t *img, uint32_t unit);
void kpi_image_view(const kpi_image_t *img, uint32_t unit, kpi_view_t *v);

/* --- writing -------------------------------------------------------------- */
/* Fills a header and lays out the regions for nunits units whose codes
 * take names_len bytes (NUL included) and nrows rows; the days region
 * starts at h->days_off. kpi_image_seal completes it once the directory,
 * names and ndays are known. */
void kpi_image_layout(kpi_image_header_t *h, int64_t generation, uint64_t token,
                      int max_supplements, uint64_t procs_sum, uint32_t nprocs, uint32_t nunits,
                      uint64_t names_len, uint64_t nrows);
void kpi_image_seal(kpi_image_header_t *h, const kpi_image_unit_t *dir, const char *names,
                    uint64_t ndays);

#endif
