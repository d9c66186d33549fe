/* par_framework_xlsx.h - a PAR criteria framework read from an Excel
 * table laid out as provinces publish it (mapping: docs/internals/par.md,
 * "XLSX import"): the first sheet, a title above a header row
 *   STT | Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Điểm tối đa | Cách chấm |
 *   Tài liệu kiểm chứng [| Nguồn]
 * (columns found by their header text, in any order), then one row per
 * node. STT: Roman numerals are areas (I -> 1), "1.1.2" kept, or numbered
 * inside each area ("1", "1.1" under area II become 2.1, 2.1.1) when the
 * table numbers that way; rows named "Điểm thưởng" / "Điểm trừ" start the
 * bonus (T) and penalty (TR) parts. A row without STT under a scored row is
 * one of its levels (label, points in "Điểm tối đa"). "Cách chấm" lines
 * "<label>: <n> điểm" are levels, "> 90%: 2 điểm", "từ 70% đến 90%: 1
 * điểm", "dưới 70%: 0 điểm" bands, "Có/Không" yes/no; anything else is
 * scored by hand (manual) and the text kept as the node's note. A row under
 * "điều tra xã hội học", or a Nguồn cell "survey" / "computed:<indicator>",
 * sets the source. The title gives the name, the year (20xx) and the unit
 * kind ("sở, ban, ngành" so, "xã" xa, "huyện" huyen).
 *
 * Every problem is reported (par_problems_t) with the node's code and a
 * field naming the row ("dòng 12: max"), as the JSON reader does. */
#ifndef CCHC_IO_PAR_FRAMEWORK_XLSX_H
#define CCHC_IO_PAR_FRAMEWORK_XLSX_H

#include "base/err.h"
#include "domain/par_framework.h"

#include <stddef.h>

/* Reads and validates the workbook data[0..n) (file names it in messages).
 * On success *out is a valid framework (caller par_framework_free);
 * otherwise NULL and ERR_INVALID (problems in probs, e summarises), or the
 * XLSX reader's errors (xlsx.*), ERR_NOMEM. probs may be NULL. */
int par_framework_xlsx_read(const void *data, size_t n, const char *file, par_framework_t **out,
                            par_problems_t *probs, err_t *e);

#endif
