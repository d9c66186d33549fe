/* planparse_int.h - private interface between the parts of the plan parser
 * (planparse*.c). Not for use outside src/domain/planparse*.c.
 *
 * The parser works on a stream of logical paragraphs (pp_para_t) built from
 * the document model: source lines cleaned (footnotes, bold markers, stray
 * spaces), wrapped lines joined, footnote texts removed, the cells of
 * letterhead/signature tables expanded into paragraphs, and task tables kept
 * as table entries in their place. */
#ifndef CCHC_PLANPARSE_INT_H
#define CCHC_PLANPARSE_INT_H

#include "domain/planparse.h"

#include <stdarg.h>

/* Numbering markers, by fixed rank (a lower rank encloses a higher one). */
enum pp_mk {
    PP_MK_NONE = 0,
    PP_MK_ROMAN = 1,  /* "I.", "IV." */
    PP_MK_NUM = 2,    /* "1.", "2)" */
    PP_MK_NUM2 = 3,   /* "2.1.", "7.1" */
    PP_MK_NUM3 = 4,   /* "2.1.3." */
    PP_MK_LETTER = 5, /* "a)", "đ)" */
    PP_MK_DASH = 6,   /* "-", "–", "•", "*" */
    PP_MK_PLUS = 7,   /* "+" */
    PP_MK_BODY = 100  /* no marker */
};

typedef struct pp_marker {
    int kind;       /* enum pp_mk */
    char label[16]; /* "II", "1", "2.1", "a"; "" for bullets */
    int value;      /* numeric value of the label (roman, arabic, letter index), 0 for bullets */
    size_t skip;    /* bytes of the marker and the following spaces */
} pp_marker_t;

enum pp_para_kind { PP_PARA_TEXT = 0, PP_PARA_TABLE = 1 };

typedef struct pp_para {
    int kind;     /* enum pp_para_kind */
    char *text;   /* PP_PARA_TEXT: cleaned, joined; never empty */
    pp_pos_t pos; /* first source line */
    size_t block; /* doc block index (PP_PARA_TABLE: the task table) */
    bool cell;    /* expanded from a cell of a non-task table */
    bool caps;    /* every letter is upper case (at least 3 letters) */
    int heading;  /* DOCX heading / outline level (0 = none) */
    int list_level;
    pp_marker_t mk; /* numbering marker of text */
} pp_para_t;

typedef struct pp_ctx {
    const doc_t *doc;
    pp_options_t opt;
    pp_plan_t *plan;
    pp_para_t *paras;
    size_t npara, cap;
    size_t body; /* first paragraph of the plan body (after title / decision) */
    unit_set_t empty_set;
    unit_resolver_t *own_resolver;
    const unit_resolver_t *resolver; /* never NULL after setup (groups only when empty) */
    bool registry;                   /* a non-empty registry was given */
    const char *scope;
    date_t at;
    int year;
    int rc; /* first hard error (ERR_NOMEM) */
    /* tasks collected from narrative sections, kept apart until we know
       whether an appendix table gives the tasks */
    pp_task_t *narr;
    size_t nnarr, narr_cap;
    size_t ntask_sections;
    bool mentions_appendix;
} pp_ctx_t;

/* ---- planparse.c: plumbing ------------------------------------------- */
/* Records a warning (Vietnamese and English formats consume the same
 * arguments). Sets ctx->rc on ERR_NOMEM. */
void pp_warn(pp_ctx_t *c, pp_pos_t pos, const char *code, const char *vi, const char *en, ...)
    __attribute__((format(printf, 4, 6)));
void pp_nomem(pp_ctx_t *c);
/* Appends t to the plan (table = true) or to the narrative list, taking
 * ownership of its contents (t is zeroed). */
int pp_push_task(pp_ctx_t *c, pp_task_t *t, bool table);
int pp_push_target(pp_ctx_t *c, pp_target_t *t);
/* Completes a task: splits and resolves lead/support texts (NULL = none;
 * lead NULL gives the issuer as default lead), parses the deadline (its
 * warnings point at dl_pos). */
int pp_task_fill(pp_ctx_t *c, pp_task_t *t, const char *lead, const char *support,
                 const char *deadline, pp_pos_t dl_pos);
char *pp_strdup(pp_ctx_t *c, const char *s);
char *pp_strndup(pp_ctx_t *c, const char *s, size_t n);

/* ---- planparse_text.c: cleanup, markers, keys ---------------------------- */
/* Cleans one source line: drops **bold** and *italic* markers and footnote
 * markers (⁽¹⁾, [1], ¹), joins stray spaces in numbers and dates ("202 4",
 * "IV/ 2024", "95 %"), collapses white space, trims. *footnote is set when
 * the line is a footnote's text (starts with a footnote marker). Returns a
 * new string (possibly "") or NULL when out of memory. */
char *pp_clean(const char *s, size_t n, bool *footnote);
/* Parses the numbering marker at the start of s (PP_MK_BODY when none). */
void pp_marker(const char *s, pp_marker_t *m);
/* text_key() of s; NULL only when out of memory. */
char *pp_key(const char *s);
char *pp_keyn(const char *s, size_t n);
/* Whether key contains phrase (a key too) as whole words. */
bool pp_has(const char *key, const char *phrase);
/* Whether key starts with phrase as whole words. */
bool pp_starts(const char *key, const char *phrase);
/* Byte offset of phrase (whole words) in key, or -1. */
long pp_find(const char *key, const char *phrase);
/* 1 when the first letter of s is upper case, -1 lower case, 0 when s
 * starts with something else (digit, punctuation). */
int pp_first_case(const char *s);
/* At least 3 letters and none lower case. */
bool pp_all_caps(const char *s);
/* Cell text: lines joined with spaces and cleaned; NULL when out of memory. */
char *pp_cell_text(const char *s);
/* Removes trailing spaces and . ; , : and a surrounding pair of quotes or
 * asterisks, in place. */
void pp_trim_end(char *s);
/* Number of words in a key. */
size_t pp_words(const char *key);

/* ---- planparse_stream.c ---------------------------------------------------- */
/* Builds c->paras from the document. */
int pp_stream(pp_ctx_t *c);

/* ---- planparse_area.c: areas and sections ------------------------------ */
enum pp_sect {
    PP_SECT_OTHER = 0,
    PP_SECT_PURPOSE,  /* MỤC ĐÍCH, YÊU CẦU */
    PP_SECT_TARGETS,  /* MỤC TIÊU, CHỈ TIÊU */
    PP_SECT_TASKS,    /* NHIỆM VỤ, GIẢI PHÁP, NỘI DUNG */
    PP_SECT_ORG,      /* TỔ CHỨC THỰC HIỆN, TRÁCH NHIỆM */
    PP_SECT_FUNDS,    /* KINH PHÍ */
    PP_SECT_REPORT,   /* CHẾ ĐỘ BÁO CÁO */
    PP_SECT_APPENDIX, /* PHỤ LỤC */
    PP_SECT_AREA      /* named after an area: tasks of that area */
};
/* Kind of a section heading (text without its marker). */
int pp_section_kind(const char *text);
/* Whether a key names the sub-heading of targets ("chỉ tiêu cụ thể"). */
bool pp_is_target_heading(const char *text);

/* ---- planparse_header.c ------------------------------------------------ */
/* Fills c->plan->doc and c->body. */
int pp_header(pp_ctx_t *c);
/* Whether a key starts with the name of an organisation ("so", "ubnd", "ban",
 * "phong", …); used by the header and by party splitting. */
bool pp_unit_head(const char *key);

/* ---- planparse_target.c ------------------------------------------------ */
/* Extracts every figure of a targets paragraph. */
int pp_targets_para(pp_ctx_t *c, const char *text, pp_pos_t pos, pp_area_t area);
/* Indicator of a clause (key form). */
const char *pp_indicator(const char *key);

/* ---- planparse_units.c ------------------------------------------------- */
/* Splits a lead/coordinating text into parties and resolves them; warnings
 * for unresolved names when a registry is loaded. Appends to *v / *n. */
int pp_parties(pp_ctx_t *c, const char *text, pp_pos_t pos, pp_party_t **v, size_t *n);
/* Resolves one name: *unit / *group (new strings or NULL). Returns 0 when
 * resolved, 1 when not, ERR_NOMEM. */
int pp_resolve(pp_ctx_t *c, const char *name, char **unit, char **group, bool *ambiguous);

/* ---- planparse_table.c ------------------------------------------------- */
/* Whether a table block is a task table (has a recognisable header). */
bool pp_table_is_tasks(const doc_block_t *b);
/* Tasks of a task table; *area carries the current area across tables. */
int pp_table_tasks(pp_ctx_t *c, const doc_block_t *b, pp_area_t *area);
/* Tasks of an appendix table that came out as paragraphs (PDF text layer):
 * header cells as consecutive short paragraphs within [start, end), rows
 * starting at task numbers, cells reassigned to columns by plausibility. */
int pp_para_table(pp_ctx_t *c, size_t start, size_t end, pp_area_t *area);

/* ---- planparse_narr.c -------------------------------------------------- */
/* Walks the body: targets sections, narrative task sections, task tables. */
int pp_body(pp_ctx_t *c);
/* Responsibility line ("Cơ quan chủ trì: …"): role 1 lead, 2 support,
 * 3 deadline, 4 product, 0 none; *value points into s after the label. */
int pp_resp_line(const char *s, const char **value);

#endif
