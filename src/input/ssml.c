/*
 * ssml.c — SSML through libxml2's SAX push parser (see ssml.h).
 *
 * Elements: speak, p and s (paragraph and sentence ends), break (time or strength),
 * emphasis and prosody (spans eSpeak NG renders), mark, phoneme (eSpeak NG mnemonics),
 * sub (the alias is read), say-as (read as the engine says: nr_sayas_reader). metadata, meta, lexicon and desc hold
 * nothing to read. Any other element is read for its text. A wrong attribute value stops
 * the document with an error naming its line and column, as libxml2 does for XML that is
 * not well-formed.
 */
#include "input/ssml.h"
#include "util/dynlib.h"
#include "util/marker.h"
#include <libxml/parser.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIBXML2_FUNCTIONS(X, a) X(a, xmlCreatePushParserCtxt) X(a, xmlCtxtUseOptions) X(a, xmlParseChunk) \
    X(a, xmlStopParser) X(a, xmlFreeParserCtxt)
NR_DYNLIB_DEFINE(libxml2, LIBXML2_FUNCTIONS, "libxml2.so.2");     /* loaded at the first document */

struct nr_ssml {
    xmlParserCtxtPtr ctxt;
    xmlSAXHandler sax;
    nr_markup *markup;
    nr_sayas_reader sayas_reader;  /* .known NULL: say-as is read as it is */
    int pause_ms[3];
    nr_buf *out;                /* where this piece's text goes */
    int depth;                  /* elements open */
    struct open_element { char name[32]; int line, col; } *open;   /* where each was opened */
    int cap_open;
    int ignore;                 /* > 0: inside an element whose text is not read (nesting depth) */
    int space;                  /* whitespace seen since the last word */
    int in_paragraph;           /* something was written since the last paragraph end */
    int in_sentence;            /* ... since the last sentence end */
    int sayas;                  /* inside a say-as of a kind sayas.c reads */
    char *sayas_kind, *sayas_format;
    nr_buf sayas_text;
    int failed, oom;
    char err[512];
};

/* ---- errors */

static void fail(nr_ssml *x, const char *fmt, ...)
{
    if (x->failed) return;
    x->failed = 1;
    int n = snprintf(x->err, sizeof x->err, "%d:%d: ", x->ctxt->input ? x->ctxt->input->line : 0,
                     x->ctxt->input ? x->ctxt->input->col : 0);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->err + n, sizeof x->err - (size_t)n, fmt, ap);
    va_end(ap);
    libxml2.xmlStopParser(x->ctxt);
}

/* libxml2's own errors: XML that is not well-formed. */
static void on_xml_error(void *user, xmlErrorPtr e)
{
    nr_ssml *x = user;
    if (x->failed || e->level < XML_ERR_ERROR) return;
    x->failed = 1;
    snprintf(x->err, sizeof x->err, "%d:%d: %s", e->line, e->int2, e->message ? e->message : "malformed SSML");
    size_t n = strlen(x->err);
    while (n && (x->err[n - 1] == '\n' || x->err[n - 1] == ' ')) x->err[--n] = '\0';
}

/* ---- text for the front end */

/* Before anything of a paragraph: the mark that makes it SSML to the front end. */
static void put_space(nr_ssml *x)
{
    if (!x->in_paragraph) nr_marker_write(x->out, NR_MARKER_SSML);
    else if (x->space) nr_buf_putc(x->out, ' ');
    x->space = 0;
}

/* Text as the front end gets it: whitespace runs are one space; code points that would
 * pass for markers are dropped. */
static void put_text(nr_ssml *x, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t marker = nr_marker_at(s + i, len - i, &cp);
        if (marker) { i += marker; continue; }
        char c = s[i++];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { x->space = 1; continue; }
        put_space(x);
        nr_buf_putc(x->out, c);
        x->in_paragraph = x->in_sentence = 1;
    }
}

static void end_paragraph(nr_ssml *x)
{
    if (x->in_paragraph) nr_buf_puts(x->out, "\n\n");
    x->in_paragraph = x->in_sentence = x->space = 0;
}

static void end_sentence(nr_ssml *x)
{
    if (x->in_sentence) nr_marker_write(x->out, NR_MARKER_SENTENCE);
    x->in_sentence = 0;
    x->space = 1;
}

static void add_item(nr_ssml *x, nr_item_kind kind, const char *text, const char *attrs, int ms)
{
    put_space(x);
    if (nr_markup_add(x->markup, kind, text, attrs, ms, x->out)) {
        if (x->markup->n > NR_MARKER_LAST - NR_MARKER_FIRST) fail(x, "more than %u SSML elements in one document", NR_MARKER_LAST - NR_MARKER_FIRST);
        else x->oom = 1;
    }
    x->in_paragraph = 1;
}

/* ---- attributes */

/* The value of attribute `name` (a copy to free), or NULL. */
static char *attr(const xmlChar **attrs, int n, const char *name)
{
    for (int i = 0; i < n; i++, attrs += 5)
        if (!strcmp((const char *)attrs[0], name)) return strndup((const char *)attrs[3], (size_t)(attrs[4] - attrs[3]));
    return NULL;
}

static int one_of(const char *v, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(v, *list)) return 1;
    return 0;
}

/* A number with an optional sign and a unit: "+10%", "1.5", "-2st". */
static int parse_amount(const char *v, int *sign, double *num, const char **unit)
{
    *sign = *v == '+' ? 1 : *v == '-' ? -1 : 0;
    if (*sign) v++;
    if (!((*v >= '0' && *v <= '9') || *v == '.')) return 0;
    char *end;
    *num = strtod(v, &end);
    *unit = end;
    return end != v;
}

/* Prosody numbers beyond any voice are cut to these before any arithmetic, and eSpeak NG
 * gets the number cut, never the text as written (its own parsing would overflow). */
#define PROSODY_MAX 10000.0     /* %, Hz, and a plain volume */
#define SEMITONES_MAX 24.0      /* two octaves */
#define DECIBELS_MAX 60.0

/* sign, num (two decimals at most) and unit, the way eSpeak NG reads them: "+10%". */
static void put_amount(char *buf, size_t len, int sign, double num, const char *unit)
{
    int n = snprintf(buf, len, "%s%.2f", sign > 0 ? "+" : sign < 0 ? "-" : "", num);
    while (n > 0 && buf[n - 1] == '0') buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.') buf[--n] = '\0';
    snprintf(buf + n, len - (size_t)n, "%s", unit);
}

/* A prosody value in a form eSpeak NG reads the SSML way, into buf; 0 when it is none. */
static int prosody_value(const char *what, const char *v, char *buf, size_t len)
{
    static const char *const rate[] = { "x-slow", "slow", "medium", "fast", "x-fast", "default", NULL };
    static const char *const pitch[] = { "x-low", "low", "medium", "high", "x-high", "default", NULL };
    static const char *const volume[] = { "silent", "x-soft", "soft", "medium", "loud", "x-loud", "default", NULL };
    int is_rate = !strcmp(what, "rate"), is_pitch = !strcmp(what, "pitch");
    if (one_of(v, is_rate ? rate : is_pitch ? pitch : volume)) { snprintf(buf, len, "%s", v); return 1; }
    int sign;
    double num;
    const char *unit;
    if (!parse_amount(v, &sign, &num, &unit)) return 0;
    if (num > PROSODY_MAX) num = PROSODY_MAX;
    if (!strcmp(unit, "%")) { put_amount(buf, len, sign, num, unit); return 1; }
    if (is_pitch && sign && !strcmp(unit, "st")) {
        put_amount(buf, len, sign, num < SEMITONES_MAX ? num : SEMITONES_MAX, unit);
        return 1;
    }
    if (is_rate && !*unit && !sign) { snprintf(buf, len, "%d%%", (int)(num * 100)); return 1; }
    /* eSpeak NG's pitch is no frequency: Hz are taken relative to a voice of about 110 Hz */
    if (is_pitch && !strcmp(unit, "Hz")) {
        double percent = sign ? 100 + sign * num * 100 / 110 : num * 100 / 110;
        snprintf(buf, len, "%d%%", percent > 0 ? (int)percent : 0);
        return 1;
    }
    if (!is_rate && !is_pitch && sign && !strcmp(unit, "dB")) {
        snprintf(buf, len, "%d%%", (int)(100 * pow(10, sign * (num < DECIBELS_MAX ? num : DECIBELS_MAX) / 20)));
        return 1;
    }
    if (!is_rate && !is_pitch && !*unit && (sign || num <= 100)) { put_amount(buf, len, sign, num, ""); return 1; }
    return 0;
}

/* <break>: time wins over strength; strengths are measured in the voice's pauses. */
static int break_ms(nr_ssml *x, const char *time, const char *strength)
{
    if (time) {
        int sign;
        double num;
        const char *unit;
        if (!parse_amount(time, &sign, &num, &unit) || sign || (strcmp(unit, "ms") && strcmp(unit, "s")))
            return fail(x, "break time '%s' is not a duration such as 500ms or 2s", time), -1;
        /* checked as a double, before it becomes an int: "1e999s" is infinite */
        double ms = !strcmp(unit, "s") ? num * 1000 : num;
        if (!(ms <= NR_BREAK_MAX_MS))
            return fail(x, "break time '%s' is longer than %d s", time, NR_BREAK_MAX_MS / 1000), -1;
        return (int)ms;
    }
    const int *p = x->pause_ms;
    if (!strength || !strcmp(strength, "medium")) return (p[0] + p[1]) / 2;
    if (!strcmp(strength, "none")) return 0;
    if (!strcmp(strength, "x-weak")) return p[0] / 2;
    if (!strcmp(strength, "weak")) return p[0];
    if (!strcmp(strength, "strong")) return p[1];
    if (!strcmp(strength, "x-strong")) return p[2];
    return fail(x, "break strength '%s' is not none, x-weak, weak, medium, strong or x-strong", strength), -1;
}

/* ---- elements */

static void start_prosody(nr_ssml *x, const xmlChar **attrs, int n)
{
    static const char *const names[] = { "rate", "pitch", "volume" };
    char attrs_out[256] = "", value[64];
    for (int k = 0; k < 3; k++) {
        char *v = attr(attrs, n, names[k]);
        if (!v) continue;
        int ok = prosody_value(names[k], v, value, sizeof value);
        if (!ok) fail(x, "prosody %s '%s' is not a value SSML allows", names[k], v);
        free(v);
        if (!ok) return;
        size_t used = strlen(attrs_out);
        snprintf(attrs_out + used, sizeof attrs_out - used, " %s=\"%s\"", names[k], value);
    }
    add_item(x, NR_ITEM_OPEN, "prosody", attrs_out, 0);
}

static void start_emphasis(nr_ssml *x, const xmlChar **attrs, int n)
{
    static const char *const levels[] = { "strong", "moderate", "none", "reduced", NULL };
    char *level = attr(attrs, n, "level"), attrs_out[64] = "";
    if (level && !one_of(level, levels)) fail(x, "emphasis level '%s' is not strong, moderate, none or reduced", level);
    else if (level) snprintf(attrs_out, sizeof attrs_out, " level=\"%s\"", level);
    free(level);
    if (!x->failed) add_item(x, NR_ITEM_OPEN, "emphasis", attrs_out, 0);
}

static void start_phoneme(nr_ssml *x, const xmlChar **attrs, int n)
{
    char *ph = attr(attrs, n, "ph"), *alphabet = attr(attrs, n, "alphabet");
    if (!ph || !*ph) fail(x, "phoneme needs a ph attribute");
    else if (strpbrk(ph, "[]")) fail(x, "phoneme ph '%s' has a bracket", ph);
    /* eSpeak NG takes its own mnemonics only: for another alphabet the text is read */
    else if (!alphabet || !strcmp(alphabet, "x-espeak") || !strcmp(alphabet, "espeak")) {
        add_item(x, NR_ITEM_PHONEME, ph, NULL, 0);
        x->ignore = 1;
    }
    free(ph);
    free(alphabet);
}

static void start_sayas(nr_ssml *x, const xmlChar **attrs, int n)
{
    char *kind = attr(attrs, n, "interpret-as");
    if (!kind) { fail(x, "say-as needs an interpret-as attribute"); return; }
    if (x->sayas || !x->sayas_reader.known || !x->sayas_reader.known(kind)) { free(kind); return; }   /* read as it is */
    x->sayas = 1;
    x->sayas_kind = kind;
    x->sayas_format = attr(attrs, n, "format");
    nr_buf_clear(&x->sayas_text);
}

static void end_sayas(nr_ssml *x)
{
    nr_buf words = { 0 };
    x->sayas_reader.say(x->sayas_reader.ctx, x->sayas_kind, x->sayas_format, nr_buf_str(&x->sayas_text), x->sayas_text.len, &words);
    put_text(x, nr_buf_str(&words), words.len);
    if (words.oom) x->oom = 1;
    nr_buf_free(&words);
    free(x->sayas_kind);
    free(x->sayas_format);
    x->sayas_kind = x->sayas_format = NULL;
    x->sayas = 0;
}

static void on_start(void *user, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                     const xmlChar **attrs)
{
    (void)prefix; (void)uri; (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
    nr_ssml *x = user;
    const char *name = (const char *)localname;
    int n = nb_attributes;
    if (x->depth == x->cap_open) {
        int cap = x->cap_open ? 2 * x->cap_open : 16;
        struct open_element *o = realloc(x->open, (size_t)cap * sizeof *o);
        if (!o) { x->oom = 1; libxml2.xmlStopParser(x->ctxt); return; }
        x->open = o;
        x->cap_open = cap;
    }
    struct open_element *o = &x->open[x->depth++];
    snprintf(o->name, sizeof o->name, "%s", name);
    o->line = x->ctxt->input ? x->ctxt->input->line : 0;
    o->col = x->ctxt->input ? x->ctxt->input->col : 0;
    if (x->failed) return;
    if (x->ignore) { x->ignore++; return; }
    if (!strcmp(name, "p")) end_paragraph(x);
    else if (!strcmp(name, "s")) end_sentence(x);
    else if (!strcmp(name, "prosody")) start_prosody(x, attrs, n);
    else if (!strcmp(name, "emphasis")) start_emphasis(x, attrs, n);
    else if (!strcmp(name, "phoneme")) start_phoneme(x, attrs, n);
    else if (!strcmp(name, "say-as")) start_sayas(x, attrs, n);
    else if (!strcmp(name, "metadata") || !strcmp(name, "meta") || !strcmp(name, "lexicon") || !strcmp(name, "desc"))
        x->ignore = 1;
    else if (!strcmp(name, "break")) {
        char *time = attr(attrs, n, "time"), *strength = attr(attrs, n, "strength");
        int ms = break_ms(x, time, strength);
        if (ms > 0) add_item(x, NR_ITEM_BREAK, NULL, NULL, ms);
        free(time);
        free(strength);
    } else if (!strcmp(name, "mark")) {
        char *mark = attr(attrs, n, "name");
        if (!mark) fail(x, "mark needs a name attribute");
        else add_item(x, NR_ITEM_MARK, mark, NULL, 0);
        free(mark);
    } else if (!strcmp(name, "sub")) {
        char *alias = attr(attrs, n, "alias");
        if (!alias) fail(x, "sub needs an alias attribute");
        else {
            put_text(x, alias, strlen(alias));
            x->ignore = 1;
        }
        free(alias);
    }
}

static void on_end(void *user, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix; (void)uri;
    nr_ssml *x = user;
    const char *name = (const char *)localname;
    x->depth--;
    if (x->failed) return;
    if (x->ignore) { x->ignore--; return; }
    if (!strcmp(name, "p")) end_paragraph(x);
    else if (!strcmp(name, "s")) end_sentence(x);
    else if (!strcmp(name, "prosody") || !strcmp(name, "emphasis")) add_item(x, NR_ITEM_CLOSE, NULL, NULL, 0);
    else if (!strcmp(name, "say-as") && x->sayas) end_sayas(x);
    if (x->depth == 0) end_paragraph(x);       /* the document's end */
}

static void on_text(void *user, const xmlChar *s, int len)
{
    nr_ssml *x = user;
    if (x->failed || x->ignore || len <= 0) return;
    if (x->sayas) nr_buf_put(&x->sayas_text, (const char *)s, (size_t)len);
    else put_text(x, (const char *)s, (size_t)len);
}

int nr_ssml_new(nr_ssml **out, const int pause_ms[3], const nr_sayas_reader *sayas, nr_markup *markup,
                char *err, size_t errlen)
{
    *out = NULL;
    if (nr_dynlib_load(&libxml2_lib, err, errlen)) return -1;
    nr_ssml *x = calloc(1, sizeof *x);
    if (!x) { snprintf(err, errlen, "out of memory"); return -2; }
    memcpy(x->pause_ms, pause_ms, sizeof x->pause_ms);
    if (sayas) x->sayas_reader = *sayas;
    x->markup = markup;
    x->sax.initialized = XML_SAX2_MAGIC;
    x->sax.startElementNs = on_start;
    x->sax.endElementNs = on_end;
    x->sax.characters = on_text;
    x->sax.cdataBlock = on_text;
    x->sax.serror = on_xml_error;
    x->ctxt = libxml2.xmlCreatePushParserCtxt(&x->sax, x, NULL, 0, NULL);
    if (!x->ctxt) { free(x); snprintf(err, errlen, "out of memory"); return -2; }
    libxml2.xmlCtxtUseOptions(x->ctxt, XML_PARSE_NONET);
    *out = x;
    return 0;
}

int nr_ssml_feed(nr_ssml *x, const char *s, size_t len, int end, nr_buf *out, char *err, size_t errlen)
{
    x->out = out;
    while (!x->failed && !x->oom && (len || end)) {
        int piece = len > (1 << 30) ? 1 << 30 : (int)len;
        int last = end && (size_t)piece == len;
        int rc = libxml2.xmlParseChunk(x->ctxt, s, piece, last);
        if (last && x->depth > 0 && !x->oom) {
            /* libxml2 says "Extra content" here; the element left open says more */
            const struct open_element *o = &x->open[x->depth - 1];
            x->failed = 1;
            snprintf(x->err, sizeof x->err, "%d:%d: the document ends before <%s> is closed", o->line, o->col, o->name);
        }
        if (rc && !x->failed && !x->oom) fail(x, "malformed SSML");
        if (last) break;        /* before s moves: at a document's end s is NULL */
        s += piece;
        len -= (size_t)piece;
    }
    if (out->oom || x->sayas_text.oom) x->oom = 1;
    if (x->failed) { snprintf(err, errlen, "%s", x->err); return -1; }
    return x->oom ? -2 : 0;
}

void nr_ssml_free(nr_ssml *x)
{
    if (!x) return;
    libxml2.xmlFreeParserCtxt(x->ctxt);
    free(x->sayas_kind);
    free(x->sayas_format);
    nr_buf_free(&x->sayas_text);
    free(x->open);
    free(x);
}
