/* procedure_io.h - the procedure catalogue in: CSV or JSON.
 *
 * CSV (UTF-8, header row, column names case-insensitive, any order):
 *   MaTTHC,TenTTHC,LinhVuc,ThoiGianGiaiQuyet,DonViTinh,MucDo,
 *   DuDieuKienToanTrinh,CoPhi,ThanhToanTrucTuyen,CongKhai
 * plus optional columns MaDonVi (codes of the providing units separated by
 * ';'), HieuLucTu, HieuLucDen (the providing period, dates) and GioChot
 * ("HH:MM": receipts after it count from the next working day).
 * DonViTinh: ngay_lam_viec | gio_lam_viec | ngay; MucDo: toan_trinh |
 * mot_phan | khong; flags 0/1. JSON: an array of objects (or
 * {"procedures":[...]}) with the same keys; numbers or strings accepted.
 * Text is NFC-normalised. The reader fails on the first bad row with
 * "file:line: column: reason" (code "procedure.csv_field"); the catalogue
 * is small and is imported all or nothing. */
#ifndef CCHC_PROCEDURE_IO_H
#define CCHC_PROCEDURE_IO_H

#include "domain/procedure.h"

#include <jansson.h>
#include <stdio.h>

/* Reads a CSV or JSON file (recognised by content) into set. */
int procedure_io_read_file(const char *path, procedure_set_t *set, err_t *e);
int procedure_io_read_mem(const char *data, size_t n, const char *name, procedure_set_t *set,
                          err_t *e);

/* Writes the catalogue as CSV (the import columns plus MaDonVi). */
int procedure_io_write_csv(FILE *out, const procedure_set_t *set);

#endif
