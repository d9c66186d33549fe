/* offdoc.h - the official-document model (Nghị định 30/2020, Appendix I):
 * one model for periodic CCHC reports, PAR self-assessment reports, plans
 * and follow-up letters, rendered by io/offdoc_docx (Word), io/offdoc_pdf
 * (PDF) and io/offdoc_xlsx (the tables as Excel sheets).
 *
 * Pure data: no I/O, no globals. An offdoc_t is built by calls, in reading
 * order, and owns everything (strings are copied); offdoc_free releases it.
 * Every pointer returned by an accessor is borrowed until the next call
 * that modifies the document, or offdoc_free. Not thread-safe per document;
 * different documents are independent.
 *
 * Layout of a document, top to bottom (renderers follow it exactly):
 *   header     two columns: superior body (optional, caps) over the issuing
 *              body (caps bold) and the number line "Số: 05/BC-UBND" (a
 *              letter adds "V/v <summary>" under it) | Quốc hiệu, Tiêu ngữ,
 *              "<place>, ngày 05 tháng 01 năm 2024" (italic);
 *   title      type line ("BÁO CÁO", "KẾ HOẠCH", "QUYẾT ĐỊNH"; none for a
 *              letter) and the summary (trích yếu) in bold, a short rule;
 *   Kính gửi   optional recipients;
 *   body       blocks: headings (part I./section 1./sub a)), paragraphs
 *              made of runs, dash lines, tables, page breaks;
 *   closing    "Nơi nhận:" list on the left, signature block on the right;
 *   appendices each begins with an APPENDIX block (new page, "PHỤ LỤC I",
 *              title, subtitle) followed by its own blocks. Blocks added
 *              after an appendix belong to it; the closing is rendered
 *              before the first appendix.
 *
 * Text rules (every string argument): valid UTF-8, normalised to NFC, at
 * most OFFDOC_TEXT_MAX bytes, no control characters except '\n' (an explicit
 * line break; refused in single-line fields: number symbol, sheet name,
 * cell labels of numbers) - tabs, C0/C1 controls and U+2028/9 are refused
 * with ERR_INVALID "offdoc.text". Header, heading and closing fields are
 * trimmed of surrounding ASCII white space; runs are kept as given (their
 * spaces join them). Fields the layout shows in capitals (bodies, heading
 * of parts, appendix titles, authority and title of the signer, the
 * symbol) are upper-cased here so that every renderer shows the same text.
 *
 * Errors: functions return 0 or a negative ERR_*, filling the optional e:
 *   ERR_INVALID "offdoc.text"      bad text (see above) or empty required text
 *   ERR_INVALID "offdoc.state"     call out of order (a run with no paragraph,
 *                                  a cell with no table row, a header row after
 *                                  body rows, a heading level jump I. -> a))
 *   ERR_INVALID "offdoc.table"     bad column count/widths, a span beyond the
 *                                  row, a row span outside the header rows
 *   ERR_RANGE   "offdoc.number"    number < 0 or > OFFDOC_NUMBER_MAX, decimals
 *                                  outside 0..NUMFMT_DEC_MAX, NaN/infinite value
 *   ERR_TOOLARGE "offdoc.too_large" the document would exceed OFFDOC_TOTAL_MAX
 *   ERR_NOMEM
 * After an error the document is unchanged (except for the failed block
 * being absent) and can still be rendered. */
#ifndef CCHC_OFFDOC_H
#define CCHC_OFFDOC_H

#include "base/date.h"
#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OFFDOC_TEXT_MAX   ((size_t)1 << 20)  /* one string */
#define OFFDOC_TOTAL_MAX  ((size_t)64 << 20) /* all text of a document */
#define OFFDOC_COLS_MAX   64
#define OFFDOC_NUMBER_MAX 999999
#define OFFDOC_SHEET_MAX  31  /* Excel's limit, in characters */
#define OFFDOC_PLACE_MAX  120 /* bytes of the place name */
#define OFFDOC_SYMBOL_MAX 64  /* bytes of the symbol */

typedef struct offdoc offdoc_t;

/* Document kinds (DOMAIN §10). The type line and the usual symbol prefix. */
typedef enum offdoc_kind {
    OFFDOC_REPORT = 0, /* "BÁO CÁO", BC */
    OFFDOC_PLAN,       /* "KẾ HOẠCH", KH */
    OFFDOC_LETTER,     /* công văn: no type line; "V/v <summary>" under the number */
    OFFDOC_DECISION    /* "QUYẾT ĐỊNH", QĐ */
} offdoc_kind_t;

/* Character style of a run (OR-able). */
enum offdoc_style { OFFDOC_PLAIN = 0, OFFDOC_BOLD = 1, OFFDOC_ITALIC = 2 };

/* Horizontal alignment. OFFDOC_ALIGN_AUTO resolves when stored: paragraphs
 * justify (with the first-line indent), text cells align left, number cells
 * right, header-row cells centre. */
typedef enum offdoc_align {
    OFFDOC_ALIGN_AUTO = 0,
    OFFDOC_ALIGN_LEFT,
    OFFDOC_ALIGN_CENTER,
    OFFDOC_ALIGN_RIGHT,
    OFFDOC_ALIGN_JUSTIFY
} offdoc_align_t;

typedef enum offdoc_block_kind {
    OFFDOC_B_HEADING = 1, /* level 1 part "I. …" caps bold, 2 section "1. …" bold,
                             3 sub-heading "a) …" bold italic */
    OFFDOC_B_PARA,        /* justified, first-line indent, runs */
    OFFDOC_B_DASH,        /* a dash line "- …" (runs), indented like a paragraph */
    OFFDOC_B_TABLE,
    OFFDOC_B_PAGEBREAK,
    OFFDOC_B_APPENDIX /* starts a new page: "PHỤ LỤC I", title, optional subtitle */
} offdoc_block_kind_t;

/* Cell content kinds; numbers keep their value for the XLSX renderer and a
 * text formatted with base/numfmt for the others ("1.884", "94,11",
 * "94,11%"). */
typedef enum offdoc_cell_kind {
    OFFDOC_C_TEXT = 0,
    OFFDOC_C_INT, /* integer, '.' thousands */
    OFFDOC_C_DEC, /* decimal(n), ',' decimals */
    OFFDOC_C_PCT  /* percent(n): the value is in percent units (94.11 -> "94,11%") */
} offdoc_cell_kind_t;

/* Row flags. */
enum offdoc_row_flags {
    OFFDOC_ROW_HEADER = 1, /* repeated on every page; bold, centred; only before body rows */
    OFFDOC_ROW_BOLD = 2    /* a totals row: bold */
};

/* --- read side: what renderers see (all borrowed) ------------------------- */

typedef struct offdoc_run {
    const char *text;
    unsigned style; /* enum offdoc_style */
} offdoc_run_t;

typedef struct offdoc_cell {
    const char *text; /* display text (numbers already formatted); "" when empty */
    int kind;         /* enum offdoc_cell_kind */
    double value;     /* numeric kinds (an INT's exact value for |v| <= 2^53) */
    int decimals;     /* DEC and PCT */
    int col;          /* first grid column, 0-based */
    int span;         /* grid columns covered, >= 1 */
    int rowspan;      /* rows covered, >= 1 (only within the header rows) */
    int align;        /* resolved offdoc_align_t, never AUTO */
    bool bold;        /* from the row flags or the cell */
} offdoc_cell_t;

typedef struct offdoc_row {
    const offdoc_cell_t *cells; /* in column order; cells covered by a row span above
                                   or a column span are absent */
    size_t ncells;
    unsigned flags; /* enum offdoc_row_flags */
} offdoc_row_t;

typedef struct offdoc_table {
    size_t ncols;
    const double *widths; /* ncols relative widths, normalised to sum 1 */
    const offdoc_row_t *rows;
    size_t nrows;
    size_t nheader;    /* the first nheader rows are header rows */
    const char *sheet; /* XLSX sheet name as given, NULL when unset */
} offdoc_table_t;

typedef struct offdoc_block {
    int kind;                  /* enum offdoc_block_kind */
    int level;                 /* HEADING: 1..3 */
    const char *label;         /* HEADING "I.", "1.", "a)" (may be ""); APPENDIX "PHỤ LỤC I" */
    const char *text;          /* HEADING text (parts upper-cased); APPENDIX title (caps) */
    const char *subtitle;      /* APPENDIX, may be NULL */
    const offdoc_run_t *runs;  /* PARA, DASH */
    size_t nruns;              /* a PARA with no run is an empty line */
    int align;                 /* PARA, DASH: resolved alignment */
    const offdoc_table_t *tab; /* TABLE */
} offdoc_block_t;

/* Everything outside the body; strings are NULL when unset. */
typedef struct offdoc_head {
    int kind;              /* offdoc_kind_t */
    const char *superior;  /* "UBND TỈNH VĨNH LONG" (caps), may be NULL */
    const char *issuer;    /* "SỞ NỘI VỤ" (caps) */
    int number;            /* 0 = left blank for the clerk */
    const char *symbol;    /* "BC-SNV" (caps), may be NULL */
    const char *place;     /* "Vĩnh Long" */
    date_t date;           /* DATE_NONE: blank date with year `year` */
    int year;              /* year of a blank date, 0 when unknown */
    const char *summary;   /* trích yếu, without "V/v" */
    const char *const *to; /* Kính gửi, nto entries */
    size_t nto;
    const char *const *cc; /* Nơi nhận, without "- " and ";" */
    size_t ncc;
    const char *archive;   /* "VT, NV" -> "- Lưu: VT, NV."; defaults to "VT" */
    const char *authority; /* "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH" (caps), may be NULL */
    const char *title;     /* "PHÓ CHỦ TỊCH" (caps), may be NULL */
    const char *signer;    /* "Nguyễn Văn A", may be NULL (left blank) */
} offdoc_head_t;

/* --- construction ----------------------------------------------------------- */

/* A new empty document of a kind; NULL when out of memory or kind invalid. */
offdoc_t *offdoc_new(offdoc_kind_t kind);
void offdoc_free(offdoc_t *d); /* NULL is a no-op */

/* Superior body (NULL or "" for none) and issuing body (required). '\n'
 * splits a long name over lines. Both upper-cased. */
int offdoc_set_bodies(offdoc_t *d, const char *superior, const char *issuer, err_t *e);

/* Number (0 = blank, 1..OFFDOC_NUMBER_MAX) and symbol ("BC-UBND"; NULL or ""
 * for none; at most OFFDOC_SYMBOL_MAX bytes): upper-cased, no white space. */
int offdoc_set_number(offdoc_t *d, int number, const char *symbol, err_t *e);

/* Place (at most OFFDOC_PLACE_MAX bytes, NULL/"" for none) and date. date DATE_NONE leaves the date
 * blank; year (0 = none) then fills "năm 2024". */
int offdoc_set_place_date(offdoc_t *d, const char *place, date_t date, int year, err_t *e);

/* The summary (trích yếu). For a letter a leading "V/v" is removed (the
 * renderers add it back). Required for every kind but the letter. */
int offdoc_set_summary(offdoc_t *d, const char *summary, err_t *e);

/* Appends a "Kính gửi" recipient. A trailing ';' or '.' is removed (the
 * renderers punctuate). */
int offdoc_add_recipient(offdoc_t *d, const char *to, err_t *e);

/* Heading of level 1 (part), 2 (section) or 3 (sub-heading). label NULL
 * numbers automatically: I., II. … for parts; 1., 2. … for sections
 * (restarting under each part); a), b) … for sub-headings (restarting under
 * each section); "" gives no label; other labels are kept verbatim ("1.1.").
 * A level may not skip its parent's level within the body: level 3 before
 * any level 2 is "offdoc.state" unless labelled explicitly. */
int offdoc_add_heading(offdoc_t *d, int level, const char *label, const char *text, err_t *e);

/* A new justified paragraph whose first run is text (may be "" to start
 * an empty paragraph to add runs to). */
int offdoc_add_para(offdoc_t *d, const char *text, unsigned style, err_t *e);

/* A dash line "- text" (the renderer adds the dash); more runs may follow. */
int offdoc_add_dash(offdoc_t *d, const char *text, unsigned style, err_t *e);

/* Appends a run to the last block, which must be a PARA or a DASH. */
int offdoc_add_run(offdoc_t *d, const char *text, unsigned style, err_t *e);

/* Alignment of the last PARA or DASH block (AUTO = justified). */
int offdoc_set_align(offdoc_t *d, offdoc_align_t align, err_t *e);

/* A new table of ncols (1..OFFDOC_COLS_MAX) columns with relative widths
 * (NULL = equal; each > 0 and finite). Rows are added with
 * offdoc_add_row and cells with offdoc_cell_*; a row with fewer cells than
 * columns is padded with empty cells when the next row starts or the table
 * ends. */
int offdoc_add_table(offdoc_t *d, size_t ncols, const double *widths, err_t *e);

/* The XLSX sheet name of the last table (any text; io/offdoc_xlsx makes it a
 * valid, unique Excel name). */
int offdoc_set_sheet(offdoc_t *d, const char *name, err_t *e);

/* Starts a row in the last table. Header rows (OFFDOC_ROW_HEADER) must
 * come before every body row. */
int offdoc_add_row(offdoc_t *d, unsigned flags, err_t *e);

/* A full cell description for offdoc_add_cell. Zero-initialise and fill;
 * span/rowspan 0 mean 1. */
typedef struct offdoc_cell_spec {
    int kind;         /* enum offdoc_cell_kind */
    const char *text; /* TEXT: the text (NULL = ""); numbers: ignored */
    int64_t ivalue;   /* INT */
    double value;     /* DEC, PCT */
    int decimals;     /* DEC, PCT: 0..NUMFMT_DEC_MAX */
    int span, rowspan;
    int align; /* offdoc_align_t */
    bool bold;
} offdoc_cell_spec_t;

/* Appends a cell to the current row at the next free grid column (columns
 * covered by a row span from above are skipped). A span beyond the last
 * column, or a row span in a body row or beyond the last header row, is
 * "offdoc.table" (row spans are checked when the header ends). */
int offdoc_add_cell(offdoc_t *d, const offdoc_cell_spec_t *spec, err_t *e);

/* Shorthands for the common cells. */
int offdoc_cell_text(offdoc_t *d, const char *text, err_t *e);
int offdoc_cell_int(offdoc_t *d, int64_t v, err_t *e);
int offdoc_cell_dec(offdoc_t *d, double v, int decimals, err_t *e);
int offdoc_cell_pct(offdoc_t *d, double v, int decimals, err_t *e);
int offdoc_cell_empty(offdoc_t *d, err_t *e);

/* A forced page break. */
int offdoc_add_page_break(offdoc_t *d, err_t *e);

/* Starts an appendix: a new page with the label (NULL = "PHỤ LỤC I",
 * "PHỤ LỤC II" … in order; "" = "PHỤ LỤC" alone), the title (required,
 * upper-cased) and an optional subtitle (e.g. "(Kèm theo Báo cáo số
 * 05/BC-UBND ngày 05/01/2024 của UBND tỉnh)"), centred. */
int offdoc_add_appendix(offdoc_t *d, const char *label, const char *title, const char *subtitle,
                        err_t *e);

/* "Nơi nhận": appends a recipient (a leading "- " and a trailing ';' or '.'
 * are removed; renderers print "- text;"). */
int offdoc_add_cc(offdoc_t *d, const char *recipient, err_t *e);

/* The archive line's units: "VT, NV" -> "- Lưu: VT, NV." (default "VT"). */
int offdoc_set_archive(offdoc_t *d, const char *units, err_t *e);

/* The signature block: authority lines (NULL/"" when the head signs in his
 * own name; '\n' between lines: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"), title
 * ("PHÓ CHỦ TỊCH"; NULL/"" allowed) and the signer's name (NULL/"" leaves
 * it blank). Authority and title upper-cased. */
int offdoc_set_signer(offdoc_t *d, const char *authority, const char *title, const char *name,
                      err_t *e);

/* --- reading ------------------------------------------------------------------ */

size_t offdoc_count(const offdoc_t *d);
/* Block i (0-based), NULL when out of range. */
const offdoc_block_t *offdoc_block(const offdoc_t *d, size_t i);
/* Index of the first APPENDIX block (= offdoc_count when there is none):
 * the closing goes right before it. */
size_t offdoc_closing_at(const offdoc_t *d);
/* Header and closing fields (borrowed). */
const offdoc_head_t *offdoc_head(const offdoc_t *d);

/* Checks what renderers need: an issuing body, and a summary unless the
 * document is a letter. ERR_INVALID "offdoc.incomplete" naming the field. */
int offdoc_check(const offdoc_t *d, err_t *e);

/* --- text every renderer shares ----------------------------------------------- */

#define OFFDOC_LINE_MAX 256

/* "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and "Độc lập - Tự do - Hạnh phúc". */
extern const char *const offdoc_national_title;
extern const char *const offdoc_motto;

/* The type line ("BÁO CÁO", "KẾ HOẠCH", "QUYẾT ĐỊNH"), "" for a letter. */
const char *offdoc_kind_title(offdoc_kind_t kind);

/* "Số: 05/BC-UBND" (numfmt_docnum) into out[OFFDOC_LINE_MAX]. */
void offdoc_number_line(const offdoc_t *d, char out[OFFDOC_LINE_MAX]);
/* "Vĩnh Long, ngày 05 tháng 01 năm 2024" (no place: the date alone) into
 * out[OFFDOC_LINE_MAX]. */
void offdoc_date_line(const offdoc_t *d, char out[OFFDOC_LINE_MAX]);

#endif
