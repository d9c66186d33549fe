/* offdoc_style.c - the private font map of the document renderers
 * (offdoc_style.h): fontconfig configuration, Pango context, measuring. */
#include "io/offdoc_style.h"

#include "base/mem.h"
#include "domain/offdoc.h"

#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

/* Keep identical to data/fonts/fonts.conf (test_offdoc_render checks). */
const char offdoc_style_fonts_conf[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n"
    "<!-- cchc's private font configuration for generated documents (io/offdoc_style.c\n"
    "     loads this file; set FONTCONFIG_FILE to it to make other tools see the same\n"
    "     fonts). Only Liberation Serif (fonts-liberation2, metric-compatible with\n"
    "     Times New Roman) serves normal text; DejaVu Sans is the fallback for\n"
    "     characters Liberation Serif lacks (emoji, rare symbols). -->\n"
    "<fontconfig>\n"
    "  <dir>/usr/share/fonts/truetype/liberation2</dir>\n"
    "  <dir>/usr/share/fonts/truetype/dejavu</dir>\n"
    "  <cachedir>/tmp/cchc-fontconfig</cachedir>\n"
    "  <alias binding=\"same\">\n"
    "    <family>Times New Roman</family>\n"
    "    <prefer><family>Liberation Serif</family></prefer>\n"
    "  </alias>\n"
    "  <alias binding=\"same\">\n"
    "    <family>serif</family>\n"
    "    <prefer><family>Liberation Serif</family><family>DejaVu Sans</family></prefer>\n"
    "  </alias>\n"
    "  <alias binding=\"same\">\n"
    "    <family>Liberation Serif</family>\n"
    "    <default><family>DejaVu Sans</family></default>\n"
    "  </alias>\n"
    "  <config><rescan><int>0</int></rescan></config>\n"
    "</fontconfig>\n";

struct offdoc_fonts {
    PangoFontMap *map;
    PangoContext *measure; /* for offdoc_style_text_width */
    char path[PATH_MAX];
};

/* Stores the absolute path of cand in out when it is readable
 * (fontconfig resolves relative names against its own directory). */
static bool try_conf(const char *cand, char *out)
{
    char *abs = access(cand, R_OK) == 0 ? realpath(cand, NULL) : NULL;
    if (!abs || strlen(abs) >= PATH_MAX) {
        free(abs);
        return false;
    }
    snprintf(out, PATH_MAX, "%s", abs);
    free(abs);
    return true;
}

/* The first configuration file found, or "" for the built-in copy. */
static void find_conf(char out[PATH_MAX])
{
    const char *env = getenv("CCHC_FONTS_CONF");
    const char *root = getenv("CCHC_ROOT");
    char cand[PATH_MAX];
    out[0] = '\0';
    if (env && env[0] && try_conf(env, out))
        return;
    if (root && root[0] &&
        (size_t)snprintf(cand, sizeof cand, "%s/data/fonts/fonts.conf", root) < sizeof cand &&
        try_conf(cand, out))
        return;
    if (!try_conf("data/fonts/fonts.conf", out))
        out[0] = '\0';
}

static FcConfig *load_config(const char *path)
{
    FcConfig *cfg = FcConfigCreate();
    if (!cfg)
        return NULL;
    FcBool ok =
        path[0]
            ? FcConfigParseAndLoad(cfg, (const FcChar8 *)path, FcTrue)
            : FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)offdoc_style_fonts_conf, FcTrue);
    if (!ok || !FcConfigBuildFonts(cfg)) {
        FcConfigDestroy(cfg);
        return NULL;
    }
    return cfg;
}

/* Whether the configuration resolves Liberation Serif to itself. */
static bool has_liberation(FcConfig *cfg)
{
    FcPattern *p = FcNameParse((const FcChar8 *)OFFDOC_FAMILY_PDF);
    bool ok = false;
    if (!p)
        return false;
    FcConfigSubstitute(cfg, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    FcResult res;
    FcPattern *m = FcFontMatch(cfg, p, &res);
    FcChar8 *fam = NULL;
    if (m && FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch)
        ok = strcmp((const char *)fam, OFFDOC_FAMILY_PDF) == 0;
    if (m)
        FcPatternDestroy(m);
    FcPatternDestroy(p);
    return ok;
}

PangoContext *offdoc_style_context(offdoc_fonts_t *f)
{
    PangoContext *ctx = pango_font_map_create_context(f->map);
    cairo_font_options_t *o = cairo_font_options_create();
    cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(ctx, o);
    cairo_font_options_destroy(o);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    return ctx;
}

int offdoc_style_fonts_new(offdoc_fonts_t **out, err_t *e)
{
    *out = NULL;
    offdoc_fonts_t *f = mem_calloc(1, sizeof *f);
    if (!f)
        return err_nomem(e);
    find_conf(f->path);
    FcConfig *cfg = load_config(f->path);
    int rc = 0;
    if (!cfg || !has_liberation(cfg)) {
        rc = err_set(e, ERR_INTERNAL, "offdoc.fonts",
                     "Không nạp được phông Liberation Serif (%s); cần gói fonts-liberation2",
                     "Cannot load the Liberation Serif font (%s); install fonts-liberation2",
                     f->path[0] ? f->path : "built-in fonts.conf");
        goto done;
    }
    f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!f->map) {
        rc = err_set(e, ERR_INTERNAL, "offdoc.fonts", "Không tạo được bộ phông chữ",
                     "Cannot create a font map");
        goto done;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), cfg);
    f->measure = offdoc_style_context(f);
done:
    if (cfg)
        FcConfigDestroy(cfg); /* the font map keeps its own reference */
    if (rc) {
        offdoc_style_fonts_free(f);
        return rc;
    }
    *out = f;
    return 0;
}

void offdoc_style_fonts_free(offdoc_fonts_t *f)
{
    if (!f)
        return;
    if (f->measure)
        g_object_unref(f->measure);
    if (f->map)
        g_object_unref(f->map);
    mem_free(f);
}

PangoFontDescription *offdoc_style_font(double pt, unsigned style)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, OFFDOC_FAMILY_PDF);
    pango_font_description_set_absolute_size(fd, pt * PANGO_SCALE);
    pango_font_description_set_weight(fd, (style & OFFDOC_BOLD) ? PANGO_WEIGHT_BOLD
                                                                : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd, (style & OFFDOC_ITALIC) ? PANGO_STYLE_ITALIC
                                                                 : PANGO_STYLE_NORMAL);
    return fd;
}

double offdoc_style_text_width(offdoc_fonts_t *f, const char *text, double pt, unsigned style)
{
    PangoLayout *l = pango_layout_new(f->measure);
    PangoFontDescription *fd = offdoc_style_font(pt, style);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_text(l, text, -1);
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    pango_font_description_free(fd);
    g_object_unref(l);
    return (double)logical.width / PANGO_SCALE;
}

const char *offdoc_style_conf_path(const offdoc_fonts_t *f)
{
    return f->path[0] ? f->path : "(built-in)";
}
