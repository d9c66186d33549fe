/* planparse_int.h - private interface between the parts of the plan parser
 * (planparse*.c). Not for use outside src/domain/planparse*.c.
 *
 * The parser works on a stream of logical paragraphs (planparse_para_t) built from
 * the document model: source lines cleaned (footnotes, bold markers, stray
 * spaces), wrapped lines joined, footnote texts removed, the cells of
 * letterhead/signature tables expanded into paragraphs, and task tables kept
 * as table entries in their place. */
#ifndef CCHC_PLANPARSE_INT_H
#define CCHC_PLANPARSE_INT_H

#include "domain/planparse.h"

#include <stdarg.h>

/* Numbering markers, by fixed rank (a lower rank encloses a higher one). */
enum planparse_mk {
    PLANPARSE_MK_NONE = 0,
    PLANPARSE_MK_ROMAN = 1,  /* "I.", "IV." */
    PLANPARSE_MK_NUM = 2,    /* "1.", "2)" */
    PLANPARSE_MK_NUM2 = 3,   /* "2.1.", "7.1" */
    PLANPARSE_MK_NUM3 = 4,   /* "2.1.3." */
    PLANPARSE_MK_LETTER = 5, /* "a)", "đ)" */
    PLANPARSE_MK_DASH = 6,   /* "-", "–", "•", "*" */
    PLANPARSE_MK_PLUS = 7,   /* "+" */
    PLANPARSE_MK_BODY = 100  /* no marker */
};

typedef struct planparse_marker {
    int kind;       /* enum planparse_mk */
    char label[16]; /* "II", "1", "2.1", "a"; "" for bullets */
    int value;      /* numeric value of the label (roman, arabic, letter index), 0 for bullets */
    size_t skip;    /* bytes of the marker and the following spaces */
} planparse_marker_t;

enum planparse_para_kind { PLANPARSE_PARA_TEXT = 0, PLANPARSE_PARA_TABLE = 1 };

typedef struct planparse_para {
    int kind;            /* enum planparse_para_kind */
    char *text;          /* PLANPARSE_PARA_TEXT: cleaned, joined; never empty */
    planparse_pos_t pos; /* first source line */
    size_t block;        /* doc block index (PLANPARSE_PARA_TABLE: the task table) */
    bool cell;           /* expanded from a cell of a non-task table */
    bool caps;           /* every letter is upper case (at least 3 letters) */
    int heading;         /* DOCX heading / outline level (0 = none) */
    int list_level;
    planparse_marker_t mk; /* numbering marker of text */
} planparse_para_t;

/* ---- planparse_cache.c: memo of resolved lead/support texts ----------- */
#define PLANPARSE_CACHE_MAX 65536
enum planparse_cache_kind {
    PLANPARSE_CACHE_PARTIES = 1,  /* a lead/support text -> its parties */
    PLANPARSE_CACHE_REPORTED = 2, /* a unit name already warned about */
    PLANPARSE_CACHE_DEADLINE = 3  /* a text -> its plausibility as a deadline */
};
typedef struct planparse_cache_entry {
    char *key;
    int kind;
    planparse_party_t *parties;
    size_t n;
    double score;
} planparse_cache_entry_t;
typedef struct planparse_cache {
    planparse_cache_entry_t *v;
    size_t cap, n;
} planparse_cache_t;
/* The entry of (key, kind), or NULL; borrowed until the next put. */
const planparse_cache_entry_t *planparse_cache_get(const planparse_cache_t *m, const char *key,
                                                   int kind);
/* Remembers a deep copy of v[0..n) under (key, kind); no-op when present or
 * full. 0 or ERR_NOMEM. */
int planparse_cache_put(planparse_cache_t *m, const char *key, int kind, const planparse_party_t *v,
                        size_t n);
/* Remembers a score under (key, kind). 0 or ERR_NOMEM. */
int planparse_cache_score(planparse_cache_t *m, const char *key, int kind, double score);
void planparse_cache_release(planparse_cache_t *m);

#define PLANPARSE_MAX_COLS 32 /* table columns read */

typedef struct planparse_ctx {
    const doc_t *doc;
    planparse_options_t opt;
    planparse_plan_t *plan;
    planparse_para_t *paras;
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
    planparse_task_t *narr;
    size_t nnarr, narr_cap;
    size_t ntask_sections;
    bool mentions_appendix;
    planparse_cache_t cache;
    unsigned polls;   /* calls of planparse_poll */
    size_t doc_bytes; /* text in the document */
    /* column roles of the last task table read, for a table that continues
       it after a page break without repeating the header */
    int cont_roles[PLANPARSE_MAX_COLS];
    int cont_ncols;
} planparse_ctx_t;

/* ---- planparse.c: plumbing ------------------------------------------- */
/* Records a warning (Vietnamese and English formats consume the same
 * arguments). Sets ctx->rc on ERR_NOMEM. */
void planparse_warn(planparse_ctx_t *c, planparse_pos_t pos, const char *code, const char *vi,
                    const char *en, ...) __attribute__((format(printf, 4, 6)));
void planparse_nomem(planparse_ctx_t *c);
/* Counts one unit of work; every PLANPARSE_POLL_EVERY calls asks the cancel
 * hook. Returns 0, or ERR_BUSY (also set in c->rc) once it said stop. */
int planparse_poll(planparse_ctx_t *c);
/* Appends t to the plan (table = true) or to the narrative list, taking
 * ownership of its contents (t is zeroed). */
int planparse_push_task(planparse_ctx_t *c, planparse_task_t *t, bool table);
int planparse_push_target(planparse_ctx_t *c, planparse_target_t *t);
/* Completes a task: splits and resolves lead/support texts (NULL = none;
 * lead NULL gives the issuer as default lead), parses the deadline (its
 * warnings point at deadline_pos). */
int planparse_task_fill(planparse_ctx_t *c, planparse_task_t *t, const char *lead,
                        const char *support, const char *deadline, planparse_pos_t deadline_pos);
char *planparse_strdup(planparse_ctx_t *c, const char *s);
char *planparse_strndup(planparse_ctx_t *c, const char *s, size_t n);

/* ---- planparse_text.c: cleanup, markers, keys ---------------------------- */
/* Cleans one source line: drops **bold** and *italic* markers and footnote
 * markers (⁽¹⁾, [1], ¹), joins stray spaces in numbers and dates ("202 4",
 * "IV/ 2024", "95 %"), collapses white space, trims. *footnote is set when
 * the line is a footnote's text (starts with a footnote marker). Returns a
 * new string (possibly "") or NULL when out of memory. */
char *planparse_clean(const char *s, size_t n, bool *footnote);
/* Parses the numbering marker at the start of s (PLANPARSE_MK_BODY when none). */
void planparse_marker(const char *s, planparse_marker_t *m);
/* text_key() of s; NULL only when out of memory. */
char *planparse_key(const char *s);
char *planparse_keyn(const char *s, size_t n);
/* Whether key contains phrase (a key too) as whole words. */
bool planparse_has(const char *key, const char *phrase);
/* Whether key starts with phrase as whole words. */
bool planparse_starts(const char *key, const char *phrase);
/* Byte offset of phrase (whole words) in key, or -1. */
long planparse_find(const char *key, const char *phrase);
/* 1 when the first letter of s is upper case, -1 lower case, 0 when s
 * starts with something else (digit, punctuation). */
int planparse_first_case(const char *s);
/* Adds the upper-case letters of s to *upper; sets *lower when s has a
 * lower-case letter. */
void planparse_case_count(const char *s, size_t *upper, bool *lower);
/* At least 3 letters and none lower case. */
bool planparse_all_caps(const char *s);
/* Cell text: lines joined with spaces and cleaned; NULL when out of memory. */
char *planparse_cell_text(const char *s);
/* Removes trailing spaces and . ; , : and a surrounding pair of quotes or
 * asterisks, in place. */
void planparse_trim_end(char *s);
/* Number of words in a key. */
size_t planparse_words(const char *key);

/* ---- planparse_split.c -------------------------------------------------- */
/* Lines at least this long, or holding most of a document's text, are also
 * cut at structure marks (a plan pasted as one paragraph). */
#define PLANPARSE_SPLIT_LONG 2000
/* Where source line s holds several logical lines (whole = also at the
 * structure marks of a plan pasted as one paragraph): *cuts (caller
 * mem_free) gets the start offsets of the pieces, the first being 0.
 * 0 or ERR_NOMEM. */
int planparse_split(const char *s, bool whole, size_t **cuts, size_t *ncuts);

/* ---- planparse_stream.c ---------------------------------------------------- */
/* Builds c->paras from the document. */
int planparse_stream(planparse_ctx_t *c);

/* ---- planparse_area.c: areas and sections ------------------------------ */
enum planparse_sect {
    PLANPARSE_SECT_OTHER = 0,
    PLANPARSE_SECT_PURPOSE,  /* MỤC ĐÍCH, YÊU CẦU */
    PLANPARSE_SECT_TARGETS,  /* MỤC TIÊU, CHỈ TIÊU */
    PLANPARSE_SECT_TASKS,    /* NHIỆM VỤ, GIẢI PHÁP, NỘI DUNG */
    PLANPARSE_SECT_ORG,      /* TỔ CHỨC THỰC HIỆN, TRÁCH NHIỆM */
    PLANPARSE_SECT_FUNDS,    /* KINH PHÍ */
    PLANPARSE_SECT_REPORT,   /* CHẾ ĐỘ BÁO CÁO */
    PLANPARSE_SECT_APPENDIX, /* PHỤ LỤC */
    PLANPARSE_SECT_AREA      /* named after an area: tasks of that area */
};
/* Kind of a section heading (text without its marker). */
int planparse_section_kind(const char *text);
/* Whether a key names the sub-heading of targets ("chỉ tiêu cụ thể"). */
bool planparse_is_target_heading(const char *text);

/* ---- planparse_header.c ------------------------------------------------ */
/* Fills c->plan->doc and c->body. */
int planparse_header(planparse_ctx_t *c);
/* Whether a key starts with the name of an organisation ("so", "ubnd", "ban",
 * "phong", …); used by the header and by party splitting. */
bool planparse_unit_head(const char *key);

/* ---- planparse_target.c ------------------------------------------------ */
/* Extracts every figure of a targets paragraph. */
int planparse_targets_para(planparse_ctx_t *c, const char *text, planparse_pos_t pos,
                           planparse_area_t area);
/* Indicator of a clause (key form). */
const char *planparse_indicator(const char *key);

/* ---- planparse_units.c ------------------------------------------------- */
/* Splits a lead/coordinating text into parties and resolves them; warnings
 * for unresolved names when a registry is loaded. Appends to *v / *n. */
int planparse_parties(planparse_ctx_t *c, const char *text, planparse_pos_t pos,
                      planparse_party_t **v, size_t *n);
/* Resolves one name: *unit / *group (new strings or NULL). Returns 0 when
 * resolved, 1 when not, ERR_NOMEM. */
int planparse_resolve(planparse_ctx_t *c, const char *name, char **unit, char **group,
                      bool *ambiguous);

/* ---- planparse_table.c ------------------------------------------------- */
/* Whether a table block is a task table (has a recognisable header). */
bool planparse_table_is_tasks(const doc_block_t *b);
/* Whether table b, without a header of its own, continues task table prev
 * (the same columns, numbered rows): a table cut by a page break. */
bool planparse_table_continues(const doc_block_t *prev, const doc_block_t *b);
/* Tasks of a task table; *area carries the current area across tables. */
int planparse_table_tasks(planparse_ctx_t *c, const doc_block_t *b, planparse_area_t *area);
/* Tasks of an appendix table that came out as paragraphs (PDF text layer):
 * header cells as consecutive short paragraphs within [start, end), rows
 * starting at task numbers, cells reassigned to columns by plausibility. */
int planparse_para_table(planparse_ctx_t *c, size_t start, size_t end, planparse_area_t *area);

/* ---- planparse_narr.c -------------------------------------------------- */
/* Walks the body: targets sections, narrative task sections, task tables. */
int planparse_body(planparse_ctx_t *c);
/* Responsibility line ("Cơ quan chủ trì: …"): role 1 lead, 2 support,
 * 3 deadline, 4 product, 0 none; *value points into s after the label. */
int planparse_resp_line(const char *s, const char **value);

#endif
