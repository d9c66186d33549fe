/* dossier_io.h - dossier records in the national interchange format:
 * streaming CSV (UTF-8, header row) or JSON lines, one record per row.
 *
 * Columns / keys (CSV header names case-insensitive, any order; the first
 * six are required, the others may be absent):
 *   MaHoSo, MaTTHC, MaDonVi, KenhThucHien, NgayTiepNhan, TrangThaiHoSo,
 *   ToanTrinh, NgayHenTra, NgayKetThucXuLy, NgayTraKetQua, SoLanBoSung,
 *   NgayYeuCauBoSung, NgayBoSung, DuocThanhToanTrucTuyen,
 *   HoSoCoThanhPhanSoHoa, CoKetQuaDienTu, DanhGia
 * Date-times: "YYYY-MM-DD HH:MM[:SS]" local time, ISO 8601 with an offset,
 * or "dd/mm/yyyy HH:MM[:SS]"; empty = absent. Flags 0/1 (empty = 0).
 *
 * A source reads one record at a time with constant memory. A bad row is
 * reported as DOSSIER_IO_REJECT with e->code naming the reason
 * ("dossier.columns", "dossier.date", "dossier.value", "dossier.truncated",
 * "dossier.csv", "dossier.json", "dossier.nul": a NUL byte, which would
 * otherwise cut a field short) and reading can go on; only an I/O error
 * is fatal. dossier_io_src_raw gives the row's original text for a reject
 * file. */
#ifndef CCHC_DOSSIER_IO_H
#define CCHC_DOSSIER_IO_H

#include "app/app_ledger.h"
#include "base/buf.h"
#include "domain/dossier.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { DOSSIER_IO_REJECT = APP_LEDGER_REJECT };

typedef struct dossier_io_src dossier_io_src_t;

/* Opens path into *out (close with dossier_io_src_close); the format (CSV or
 * JSON lines) is recognised from the first non-blank byte ('{' = JSON
 * lines). For CSV, reads and checks the header. 0, ERR_IO ("file.open",
 * "file.read"), ERR_INVALID "dossier.header" (a required column missing) or
 * ERR_NOMEM (*out NULL). */
MUST_CHECK int dossier_io_src_open(const char *path, dossier_io_src_t **out, err_t *e);
/* The same over n bytes of memory (borrowed until the close; name is for
 * messages), for tests and fuzzing. */
MUST_CHECK int dossier_io_src_open_mem(const void *data, size_t n, const char *name,
                                       dossier_io_src_t **out, err_t *e);
void dossier_io_src_close(dossier_io_src_t *s);

/* Next record into d: 1 = a record, DOSSIER_IO_REJECT = a bad row (e says
 * why; call again for the next row), 0 = end of input, < 0 = fatal. */
int dossier_io_src_next(dossier_io_src_t *s, dossier_t *d, err_t *e);
/* Line where the last row started (1-based; the header is line 1). */
int dossier_io_src_line(const dossier_io_src_t *s);
/* Bytes read so far and the file size (0 when unknown), for progress. */
size_t dossier_io_src_offset(const dossier_io_src_t *s);
size_t dossier_io_src_size(const dossier_io_src_t *s);
bool dossier_io_src_is_json(const dossier_io_src_t *s);
/* The last row's original content as CSV fields (appended to out, no
 * newline): the CSV fields re-quoted, or the JSON line as one field. */
int dossier_io_src_raw(const dossier_io_src_t *s, buf_t *out);
/* The header line as CSV (for the reject file). */
const char *dossier_io_src_header(const dossier_io_src_t *s);

/* Writes a record as one CSV line in the column order of
 * DOSSIER_IO_CSV_HEADER (used by the generator and exports). */
#define DOSSIER_IO_CSV_HEADER                                                                      \
    "MaHoSo,MaTTHC,MaDonVi,KenhThucHien,ToanTrinh,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,"        \
    "NgayTraKetQua,TrangThaiHoSo,SoLanBoSung,NgayYeuCauBoSung,NgayBoSung,"                         \
    "DuocThanhToanTrucTuyen,HoSoCoThanhPhanSoHoa,CoKetQuaDienTu,DanhGia"
int dossier_io_write_csv(buf_t *out, const dossier_t *d);

/* The ingest's reader (app_ledger.h) over these functions. */
extern const app_ledger_reader_t dossier_io_reader;

#endif
