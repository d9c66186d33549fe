/* unit_io.h - organisation units in and out: CSV and JSON.
 *
 * Units CSV columns (header row, any order, names case-insensitive):
 *   MaDonVi,TenDonVi,Loai,MaDonViCha,HieuLucTu,HieuLucDen,TenKhac
 * (Loai: tinh|so|huyen|xa|phong|dvsn; dates YYYY-MM-DD or dd/mm/yyyy;
 * TenKhac: aliases separated by ';'). Succession-link CSV columns:
 *   MaDonVi,QuanHe,MaDonViKhac,NgayHieuLuc  (QuanHe: sap_nhap_vao|tach_tu)
 * The kind of CSV file is recognised from its header. JSON:
 *   {"units":[{"code","name","kind","parent","valid_from","valid_to",
 *              "aliases":[...]}],
 *    "links":[{"from","to","kind":"merged_into|split_from","date"}]}
 * All text is NFC-normalised on the way in. Readers append to a unit_set_t
 * and fail on the first bad row with "file:line: field: reason"; they do
 * not validate the tree as a whole (unit_set_validate does). */
#ifndef CCHC_UNIT_IO_H
#define CCHC_UNIT_IO_H

#include "domain/unit.h"
#include "domain/unit_resolve.h"

#include <jansson.h>
#include <stdio.h>

/* Reads a CSV (units or links) or JSON file, recognised by content. */
int unit_io_read_file(const char *path, unit_set_t *set, err_t *e);
int unit_io_read_csv_mem(const char *data, size_t n, const char *name, unit_set_t *set, err_t *e);
int unit_io_read_json(const json_t *root, const char *name, unit_set_t *set, err_t *e);

/* Writers. */
int unit_io_write_csv(FILE *out, const unit_set_t *set);
int unit_io_write_links_csv(FILE *out, const unit_set_t *set);
/* One unit as a JSON object (the API's form). NULL on out of memory. */
json_t *unit_io_unit_json(const unit_t *u);
json_t *unit_io_set_json(const unit_set_t *set, date_t at);
/* {"query","status":"unit|ambiguous|group|none","approximate","group",
 *  "group_label","units":[...]} for a resolution result. */
json_t *unit_io_match_json(const char *query, const unit_match_t *m);

#endif
