/*
 * html.c — the article of a saved web page, and its metadata (see html.h).
 *
 * libxml2's HTML parser (loaded at first use, as for SSML) reports the page's elements
 * through SAX callbacks; we keep a small tree of our own (an array of nodes in document
 * order, each with its byte offset in the page) and read the metadata as it goes by.
 *
 * Finding the article follows Mozilla Readability's idea, in our own code:
 *   1. drop what is never the article (scripts, navigation, asides, forms, hidden
 *      elements, and blocks whose class or id say chrome: comments, share, related, ...);
 *   2. score every paragraph (1 + commas + a point a 100 characters, at most 3) into its
 *      parent (all of it), grandparent (half) and the ancestors above (less and less), each
 *      ancestor starting from its tag's and its class's weight; discount by link density;
 *   3. take the best, climb while an ancestor gathers several good candidates, and keep
 *      the siblings that score near it or read like article paragraphs;
 *   4. read its blocks, leaving out the inner ones that look like chrome (mostly links, a
 *      bad class, form fields) unless they hold many commas.
 * When that leaves less than a short article's worth of text, the page is read again with
 * fewer rules (no class stripping, then no class weights, then no inner cleaning), and
 * the longest reading wins.
 */
#include "input/html.h"
#include "util/buf.h"
#include "util/dynlib.h"
#include "util/utf8.h"
#include <libxml/HTMLparser.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIBXML2_HTML_FUNCTIONS(X, a) X(a, htmlCreatePushParserCtxt) X(a, htmlCtxtUseOptions) X(a, htmlParseChunk) \
    X(a, htmlFreeParserCtxt) X(a, xmlByteConsumed)
NR_DYNLIB_DEFINE(libxml2, LIBXML2_HTML_FUNCTIONS, "libxml2.so.2");

/* ---- tags */

#define TAGS(X) X(OTHER) X(HTML) X(HEAD) X(BODY) X(TITLE) X(META) X(SCRIPT) X(STYLE) X(NOSCRIPT) X(NAV) \
    X(HEADER) X(FOOTER) X(ASIDE) X(FORM) X(IFRAME) X(SVG) X(BUTTON) X(SELECT) X(INPUT) X(TEXTAREA) \
    X(TEMPLATE) X(OBJECT) X(EMBED) X(CANVAS) X(FIGURE) X(FIGCAPTION) X(IMG) X(VIDEO) X(AUDIO) X(P) \
    X(DIV) X(SECTION) X(ARTICLE) X(MAIN) X(A) X(BR) X(H1) X(H2) X(H3) X(H4) X(H5) X(H6) X(UL) X(OL) \
    X(LI) X(DL) X(DT) X(DD) X(BLOCKQUOTE) X(PRE) X(TABLE) X(TR) X(TD) X(TH) X(CAPTION) X(HR) \
    X(ADDRESS) X(LABEL) X(OPTION) X(LINK) X(MENU) X(DIALOG) X(CENTER) X(TIME)
#define TAG_ENUM(t) T_##t,
#define TAG_NAME(t) #t,
enum { TAGS(TAG_ENUM) T_COUNT };
static const char *const tag_names[] = { TAGS(TAG_NAME) };

static int tag_of(const char *name)
{
    char up[16];
    size_t n = strlen(name);
    if (n >= sizeof up) return T_OTHER;
    for (size_t i = 0; i <= n; i++) up[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
    for (int t = 1; t < T_COUNT; t++)
        if (!strcmp(up, tag_names[t])) return t;
    return T_OTHER;
}

static int heading(int t) { return t >= T_H1 && t <= T_H6; }

/* Never the article, wherever they are. */
static int junk_tag(int t)
{
    switch (t) {
    case T_HEAD: case T_SCRIPT: case T_STYLE: case T_NOSCRIPT: case T_NAV: case T_ASIDE: case T_FORM:
    case T_IFRAME: case T_SVG: case T_BUTTON: case T_SELECT: case T_INPUT: case T_TEXTAREA: case T_TEMPLATE:
    case T_OBJECT: case T_EMBED: case T_CANVAS: case T_MENU: case T_DIALOG: case T_OPTION:
    case T_LABEL: case T_TITLE: case T_VIDEO: case T_AUDIO:
        return 1;
    }
    return 0;
}

/* Elements that end a run of text (the rest are inline). */
static int block_tag(int t)
{
    switch (t) {
    case T_P: case T_DIV: case T_SECTION: case T_ARTICLE: case T_MAIN: case T_BR: case T_UL: case T_OL:
    case T_LI: case T_DL: case T_DT: case T_DD: case T_BLOCKQUOTE: case T_PRE: case T_TABLE: case T_TR:
    case T_CAPTION: case T_HR: case T_ADDRESS: case T_FIGURE: case T_FIGCAPTION: case T_HEADER: case T_CENTER:
    case T_BODY:
        return 1;
    }
    return heading(t);
}

/* ---- the tree */

enum { F_HIDDEN = 1, F_CHROME_ROLE = 2, F_BYLINE = 4, F_JSONLD = 8 };

typedef struct {
    int tag;
    int parent, next, first, last;  /* indices, -1 none */
    int text;                       /* a text node (tag T_OTHER, no children) */
    unsigned flags;
    size_t hint, hint_len;          /* class and id, lower case, in the pool */
    size_t str, str_len;            /* a text node's characters, in the pool */
    size_t start, end;              /* bytes of the page */
    /* figures of a reading pass */
    double score;
    int scored, dropped, in_link;
    size_t chars, link_chars, commas, paragraphs;
} node;

typedef struct {
    htmlParserCtxtPtr ctxt;
    node *nodes;
    size_t n, cap;
    nr_buf pool;
    int cur;                        /* the open element */
    int in_title, in_jsonld;
    nr_buf title, jsonld;
    nr_document *doc;
    int oom;
} tree;

static size_t offset(tree *t)
{
    long c = t->ctxt ? libxml2.xmlByteConsumed(t->ctxt) : 0;
    return c > 0 ? (size_t)c : 0;
}

static int new_node(tree *t, int tag)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        node *nn = realloc(t->nodes, cap * sizeof *nn);
        if (!nn) { t->oom = 1; return -1; }
        t->nodes = nn;
        t->cap = cap;
    }
    int i = (int)t->n++;
    node *x = &t->nodes[i];
    memset(x, 0, sizeof *x);
    x->tag = tag;
    x->parent = t->cur;
    x->next = x->first = x->last = -1;
    x->start = x->end = offset(t);
    if (t->cur >= 0) {
        node *p = &t->nodes[t->cur];
        if (p->last >= 0) t->nodes[p->last].next = i;
        else p->first = i;
        p->last = i;
    }
    return i;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int has_ci(const char *s, const char *word)
{
    size_t w = strlen(word);
    for (; *s; s++) {
        size_t k = 0;
        while (k < w && s[k] && lower((unsigned char)s[k]) == word[k]) k++;
        if (k == w) return 1;
    }
    return 0;
}

static const char *attr(const xmlChar **atts, const char *name)
{
    for (int i = 0; atts && atts[i]; i += 2)
        if (!strcmp((const char *)atts[i], name)) return atts[i + 1] ? (const char *)atts[i + 1] : "";
    return NULL;
}

static void meta_tag(tree *t, const xmlChar **atts);

static unsigned element_flags(const xmlChar **atts)
{
    unsigned f = 0;
    const char *v;
    if (attr(atts, "hidden")) f |= F_HIDDEN;
    if ((v = attr(atts, "aria-hidden")) && !strcmp(v, "true")) f |= F_HIDDEN;
    if ((v = attr(atts, "style")) && (has_ci(v, "display:none") || has_ci(v, "display: none") ||
                                      has_ci(v, "visibility:hidden") || has_ci(v, "visibility: hidden")))
        f |= F_HIDDEN;
    static const char *const chrome_roles[] = { "navigation", "complementary", "banner", "contentinfo", "menu",
                                                "menubar", "dialog", "alert", "alertdialog", "search", NULL };
    if ((v = attr(atts, "role")))
        for (int k = 0; chrome_roles[k]; k++)
            if (!strcmp(v, chrome_roles[k])) f |= F_CHROME_ROLE;
    if (((v = attr(atts, "rel")) && !strcmp(v, "author")) || ((v = attr(atts, "itemprop")) && has_ci(v, "author")))
        f |= F_BYLINE;
    return f;
}

static void on_start(void *user, const xmlChar *name, const xmlChar **atts)
{
    tree *t = user;
    int tag = tag_of((const char *)name);
    int i = new_node(t, tag);
    if (i < 0) return;
    node *x = &t->nodes[i];
    x->flags = element_flags(atts);
    const char *cls = attr(atts, "class"), *id = attr(atts, "id"), *v;
    x->hint = t->pool.len;
    if (cls) nr_buf_puts(&t->pool, cls);
    nr_buf_putc(&t->pool, ' ');
    if (id) nr_buf_puts(&t->pool, id);
    x->hint_len = t->pool.len - x->hint;
    for (size_t k = x->hint; k < t->pool.len; k++) t->pool.s[k] = (char)lower((unsigned char)t->pool.s[k]);
    t->cur = i;
    if (tag == T_META) meta_tag(t, atts);
    if (tag == T_HTML && (v = attr(atts, "lang"))) nr_document_set(t->doc, NR_DOC_LANGUAGE, v, strlen(v), 0);
    if (tag == T_TITLE && !t->title.len) t->in_title = 1;
    if (tag == T_SCRIPT && (v = attr(atts, "type")) && has_ci(v, "ld+json")) {
        t->in_jsonld = 1;
        x->flags |= F_JSONLD;
    }
}

static void on_end(void *user, const xmlChar *name)
{
    (void)name;
    tree *t = user;
    if (t->cur < 0) return;
    node *x = &t->nodes[t->cur];
    x->end = offset(t);
    if (x->tag == T_TITLE) t->in_title = 0;
    if (x->flags & F_JSONLD) { t->in_jsonld = 0; nr_buf_putc(&t->jsonld, '\n'); }
    t->cur = x->parent;
}

static void on_text(void *user, const xmlChar *ch, int len)
{
    tree *t = user;
    if (len <= 0) return;
    if (t->in_title) nr_buf_put(&t->title, (const char *)ch, (size_t)len);
    if (t->in_jsonld) nr_buf_put(&t->jsonld, (const char *)ch, (size_t)len);
    if (t->cur < 0) return;
    node *last = t->nodes[t->cur].last >= 0 ? &t->nodes[t->nodes[t->cur].last] : NULL;
    if (last && last->text && last->str + last->str_len == t->pool.len) {  /* one text node, in pieces */
        nr_buf_put(&t->pool, (const char *)ch, (size_t)len);
        last->str_len += (size_t)len;
        last->end = offset(t);
        return;
    }
    size_t end = offset(t);
    int i = new_node(t, T_OTHER);
    if (i < 0) return;
    node *x = &t->nodes[i];
    x->text = 1;
    x->str = t->pool.len;
    nr_buf_put(&t->pool, (const char *)ch, (size_t)len);
    x->str_len = (size_t)len;
    x->end = end;
    x->start = end >= (size_t)len ? end - (size_t)len : 0;
}

static void on_error(void *user, const char *fmt, ...) { (void)user; (void)fmt; }

/* ---- metadata */

static void meta_tag(tree *t, const xmlChar **atts)
{
    const char *key = attr(atts, "property"), *content = attr(atts, "content");
    if (!key) key = attr(atts, "name");
    if (!key) key = attr(atts, "itemprop");
    if (!key || !content) return;
    size_t len = strlen(content);
    struct { const char *key; nr_doc_field field; } map[] = {
        { "og:title", NR_DOC_TITLE }, { "twitter:title", NR_DOC_TITLE }, { "dc.title", NR_DOC_TITLE },
        { "author", NR_DOC_BYLINE }, { "dc.creator", NR_DOC_BYLINE }, { "article:author", NR_DOC_BYLINE },
        { "article:published_time", NR_DOC_DATE }, { "datepublished", NR_DOC_DATE }, { "date", NR_DOC_DATE },
        { "pubdate", NR_DOC_DATE }, { "dc.date", NR_DOC_DATE }, { "og:site_name", NR_DOC_SITE },
        { "og:locale", NR_DOC_LANGUAGE },
    };
    char low[40];
    size_t k = strlen(key);
    if (k >= sizeof low) return;
    for (size_t i = 0; i <= k; i++) low[i] = (char)lower((unsigned char)key[i]);
    for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
        if (strcmp(low, map[i].key)) continue;
        if (map[i].field == NR_DOC_BYLINE && (!strncmp(content, "http", 4) || strchr(content, '/'))) return;
        nr_document_set(t->doc, map[i].field, content, len, 0);
    }
}

/* JSON-LD: a tolerant reader that walks any JSON and keeps headline, datePublished, the
 * author's name and the publisher's name. A value it cannot read ends the walk. */
typedef struct { const char *s, *end; tree *t; nr_buf str; } json;

static void json_blank(json *j) { while (j->s < j->end && (*j->s == ' ' || *j->s == '\n' || *j->s == '\r' || *j->s == '\t')) j->s++; }

static void put_utf8(nr_buf *b, unsigned cp)
{
    if (cp < 0x80) nr_buf_putc(b, (char)cp);
    else if (cp < 0x800) { nr_buf_putc(b, (char)(0xC0 | cp >> 6)); nr_buf_putc(b, (char)(0x80 | (cp & 63))); }
    else {
        nr_buf_putc(b, (char)(0xE0 | cp >> 12));
        nr_buf_putc(b, (char)(0x80 | (cp >> 6 & 63)));
        nr_buf_putc(b, (char)(0x80 | (cp & 63)));
    }
}

/* A string into j->str; 0 ok. (\u escapes of surrogates become U+FFFD.) */
static int json_string(json *j)
{
    nr_buf_clear(&j->str);
    if (j->s >= j->end || *j->s != '"') return -1;
    for (j->s++; j->s < j->end; j->s++) {
        char c = *j->s;
        if (c == '"') { j->s++; nr_buf_putc(&j->str, '\0'); j->str.len--; return 0; }
        if (c != '\\') { nr_buf_putc(&j->str, c); continue; }
        if (++j->s >= j->end) return -1;
        c = *j->s;
        if (c == 'u' && j->end - j->s > 4) {
            unsigned cp = 0;
            for (int k = 1; k <= 4; k++) {
                char h = j->s[k];
                cp = cp * 16 + (unsigned)(h >= '0' && h <= '9' ? h - '0' : (lower(h) >= 'a' && lower(h) <= 'f') ? lower(h) - 'a' + 10 : 0);
            }
            put_utf8(&j->str, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp);
            j->s += 4;
        } else nr_buf_putc(&j->str, c == 'n' || c == 't' || c == 'r' ? ' ' : c);
    }
    return -1;
}

enum { IN_TOP, IN_AUTHOR, IN_PUBLISHER };

static int json_value(json *j, int ctx, int depth);

static void json_keep(json *j, int ctx, const char *key)
{
    nr_document *d = j->t->doc;
    if (ctx == IN_AUTHOR && (!key || !strcmp(key, "name"))) nr_document_set(d, NR_DOC_BYLINE, j->str.s, j->str.len, 0);
    else if (ctx == IN_PUBLISHER && key && !strcmp(key, "name")) nr_document_set(d, NR_DOC_SITE, j->str.s, j->str.len, 0);
    else if (ctx == IN_TOP && key && !strcmp(key, "headline")) nr_document_set(d, NR_DOC_TITLE, j->str.s, j->str.len, 0);
    else if (ctx == IN_TOP && key && !strcmp(key, "datePublished")) nr_document_set(d, NR_DOC_DATE, j->str.s, j->str.len, 0);
}

static int json_object(json *j, int ctx, int depth)
{
    j->s++;
    for (;;) {
        json_blank(j);
        if (j->s < j->end && *j->s == '}') { j->s++; return 0; }
        if (json_string(j)) return -1;
        char key[32];
        snprintf(key, sizeof key, "%s", j->str.len < sizeof key ? nr_buf_str(&j->str) : "");
        json_blank(j);
        if (j->s >= j->end || *j->s++ != ':') return -1;
        json_blank(j);
        int inner = !strcmp(key, "author") || !strcmp(key, "creator") ? IN_AUTHOR
                  : !strcmp(key, "publisher") ? IN_PUBLISHER : ctx == IN_TOP ? IN_TOP : -1;
        if (j->s < j->end && *j->s == '"') {
            if (json_string(j)) return -1;
            if (inner == IN_AUTHOR) json_keep(j, IN_AUTHOR, NULL);
            else json_keep(j, ctx, key);
        } else if (json_value(j, inner, depth + 1)) return -1;
        json_blank(j);
        if (j->s < j->end && *j->s == ',') j->s++;
    }
}

static int json_value(json *j, int ctx, int depth)
{
    json_blank(j);
    if (j->s >= j->end || depth > 64) return -1;
    char c = *j->s;
    if (c == '{') return json_object(j, ctx, depth);
    if (c == '"') {
        if (json_string(j)) return -1;
        if (ctx == IN_AUTHOR) json_keep(j, ctx, NULL);
        return 0;
    }
    if (c == '[') {
        for (j->s++;;) {
            json_blank(j);
            if (j->s < j->end && *j->s == ']') { j->s++; return 0; }
            if (json_value(j, ctx, depth + 1)) return -1;
            json_blank(j);
            if (j->s < j->end && *j->s == ',') j->s++;
        }
    }
    const char *from = j->s;
    while (j->s < j->end && *j->s && !strchr(",}] \n\r\t", *j->s)) j->s++;    /* number, true, false, null */
    return j->s > from ? 0 : -1;
}

static void read_jsonld(tree *t)
{
    if (!t->jsonld.s) return;       /* no JSON-LD on the page (and no NULL + 0) */
    json j = { t->jsonld.s, t->jsonld.s + t->jsonld.len, t, { 0 } };
    while (j.s && j.s < j.end) {
        json_blank(&j);
        if (j.s >= j.end) break;
        if (json_value(&j, IN_TOP, 0)) {                    /* skip to the next script's JSON */
            while (j.s < j.end && *j.s != '\n') j.s++;
        }
    }
    nr_buf_free(&j.str);
}

/* <title> less the site's name: the part before the last " | ", " - ", " — ", " – ", " :: "
 * or " » ", unless that leaves fewer than 3 words (then the part after the first). */
static void title_from_page(tree *t)
{
    size_t n;
    char *s = nr_document_fold(t->title.s ? t->title.s : "", t->title.len, &n);
    if (!s) { t->oom = 1; return; }
    static const char *const seps[] = { " | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ", " \xC2\xBB ", " / " };
    const char *cut = NULL, *first = NULL;
    size_t cut_len = 0, first_len = 0;
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
        size_t w = strlen(seps[k]);
        for (const char *p = strstr(s, seps[k]); p; p = strstr(p + 1, seps[k])) {
            if (!cut || p > cut) { cut = p; cut_len = w; }
            if (!first || p < first) { first = p; first_len = w; }
        }
    }
    size_t keep = n;
    const char *from = s;
    if (cut) {
        size_t words = 1;
        for (const char *p = s; p < cut; p++) words += *p == ' ';
        if (words >= 3) keep = (size_t)(cut - s);
        else { from = first + first_len; keep = n - (size_t)(from - s); }
    }
    (void)cut_len;
    nr_document_set(t->doc, NR_DOC_TITLE, from, keep, 0);
    free(s);
}

/* ---- class and id hints */

/* Hints are matched as words of the class and id (split at anything not a letter or digit),
 * by their start: "comment" matches "comments" and "comment-list". */
static const char *const chrome_words[] = {
    "comment", "comments", "disqus", "share", "sharing", "social", "related", "promo", "sponsor", "ad", "ads",
    "advert", "advertisement", "sidebar", "newsletter", "subscribe", "subscription", "signup", "footer", "masthead",
    "breadcrumb", "breadcrumbs", "menu", "nav", "navbar", "navigation", "popup", "modal", "banner", "cookie",
    "gdpr", "outbrain", "taboola", "recommended", "trending", "widget", "toolbar", "tools", "pagination", "pager",
    "rss", "skip", "print", "login", "header", "tags", "legal", "copyright", "byline", "author", NULL };
static const char *const good_words[] = {
    "article", "content", "story", "body", "entry", "post", "text", "main", "blog", "hentry", "prose", NULL };

/* Does the hint hold a word starting with one of `words`? (exact: the whole word) */
static int hint_has(const char *s, size_t n, const char *const *words, int exact)
{
    for (size_t i = 0; i < n;) {
        while (i < n && !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))) i++;
        size_t w = i;
        while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))) i++;
        for (size_t k = 0; w < i && words[k]; k++) {
            size_t len = strlen(words[k]);
            if (len <= i - w && !memcmp(s + w, words[k], len) && (!exact || len == i - w)) return 1;
        }
    }
    return 0;
}

static int chrome_hint(const tree *t, const node *x)
{
    const char *s = t->pool.s + x->hint;
    for (size_t k = 0; chrome_words[k]; k++) {     /* short words whole ("ad" is not "adjust") */
        const char *one[2] = { chrome_words[k], NULL };
        if (hint_has(s, x->hint_len, one, strlen(chrome_words[k]) <= 5)) return 1;
    }
    return 0;
}

static int good_hint(const tree *t, const node *x) { return hint_has(t->pool.s + x->hint, x->hint_len, good_words, 0); }

/* A class weight: -25 for chrome, +25 for article words (both can apply). */
static int class_weight(const tree *t, const node *x) { return (good_hint(t, x) ? 25 : 0) - (chrome_hint(t, x) ? 25 : 0); }

/* ---- a reading pass */

enum { P_STRIP_UNLIKELY = 1, P_WEIGHT_CLASSES = 2, P_CLEAN = 4 };

typedef struct {
    tree *t;
    unsigned rules;
    int top;
    nr_buf run;
    size_t run_start, run_end;
    int last_tag_was_br;
    const char *title;
    size_t chars;                   /* text read */
} pass;

/* Inside an <article>, <main> or <section>: a header there is the article's, not the page's. */
static int inside_content(const tree *t, const node *x)
{
    for (int a = x->parent; a >= 0; a = t->nodes[a].parent)
        if (t->nodes[a].tag == T_ARTICLE || t->nodes[a].tag == T_MAIN || t->nodes[a].tag == T_SECTION) return 1;
    return 0;
}

/* Dropped before scoring: junk tags, hidden elements, chrome roles, and (with
 * P_STRIP_UNLIKELY) elements whose class or id say chrome and nothing says article. */
static int dropped_early(const pass *ps, const node *x)
{
    if (x->text) return 0;
    if (junk_tag(x->tag) || (x->flags & (F_HIDDEN | F_CHROME_ROLE))) return 1;
    if ((x->tag == T_HEADER || x->tag == T_FOOTER) && !inside_content(ps->t, x)) return 1;
    if ((ps->rules & P_STRIP_UNLIKELY) && x->tag != T_BODY && x->tag != T_HTML && x->tag != T_ARTICLE &&
        x->tag != T_MAIN && x->tag != T_A && chrome_hint(ps->t, x) && !good_hint(ps->t, x))
        return 1;
    return 0;
}

static size_t count_commas(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += s[i] == ',';
    return c;
}

/* Characters of text without runs of blanks. */
static size_t text_chars(const char *s, size_t n)
{
    size_t c = 0;
    int space = 1;
    for (size_t i = 0; i < n; i++) {
        int b = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
        if (b && space) continue;
        space = b;
        c += (((unsigned char)s[i]) & 0xC0) != 0x80;
    }
    return c;
}

static void measure(pass *ps)
{
    tree *t = ps->t;
    for (size_t i = 0; i < t->n; i++) {
        node *x = &t->nodes[i];
        const node *p = x->parent >= 0 ? &t->nodes[x->parent] : NULL;
        x->dropped = (p && p->dropped) || dropped_early(ps, x);
        x->in_link = (p && p->in_link) || x->tag == T_A;
        x->score = 0;
        x->scored = 0;
        x->chars = x->link_chars = x->commas = x->paragraphs = 0;
    }
    for (size_t i = t->n; i-- > 0;) {
        node *x = &t->nodes[i];
        if (x->dropped) continue;
        if (x->text) {
            x->chars = text_chars(t->pool.s + x->str, x->str_len);
            x->commas = count_commas(t->pool.s + x->str, x->str_len);
            if (x->in_link) x->link_chars = x->chars;
        }
        if (x->tag == T_P) x->paragraphs++;
        if (x->parent >= 0) {
            node *p = &t->nodes[x->parent];
            p->chars += x->chars;
            p->link_chars += x->link_chars;
            p->commas += x->commas;
            p->paragraphs += x->paragraphs;
        }
    }
}

static double link_density(const node *x) { return x->chars ? (double)x->link_chars / (double)x->chars : 0; }

static int has_block_child(const tree *t, const node *x)
{
    for (int c = x->first; c >= 0; c = t->nodes[c].next)
        if (!t->nodes[c].text && block_tag(t->nodes[c].tag) && t->nodes[c].tag != T_BR) return 1;
    return 0;
}

static double tag_weight(int tag)
{
    switch (tag) {
    case T_DIV: case T_ARTICLE: case T_MAIN: return 5;
    case T_PRE: case T_TD: case T_BLOCKQUOTE: return 3;
    case T_ADDRESS: case T_OL: case T_UL: case T_DL: case T_DD: case T_DT: case T_LI: case T_FORM: return -3;
    case T_TH: return -5;
    }
    return heading(tag) ? -5 : 0;
}

static void init_candidate(pass *ps, node *x)
{
    if (x->scored) return;
    x->scored = 1;
    x->score = tag_weight(x->tag) + ((ps->rules & P_WEIGHT_CLASSES) ? class_weight(ps->t, x) : 0);
}

/* Steps 2: every paragraph's score into its ancestors. */
static void score_paragraphs(pass *ps)
{
    tree *t = ps->t;
    for (size_t i = 0; i < t->n; i++) {
        node *x = &t->nodes[i];
        if (x->dropped || x->text || x->parent < 0) continue;
        int para = x->tag == T_P || x->tag == T_PRE || x->tag == T_TD ||
                   ((x->tag == T_DIV || x->tag == T_SECTION) && !has_block_child(t, x));
        if (!para || x->chars < 25) continue;
        double s = 1 + (double)x->commas + fmin((double)x->chars / 100.0, 3.0);
        int level = 0;
        for (int a = x->parent; a >= 0 && level < 5; a = t->nodes[a].parent, level++) {
            node *an = &t->nodes[a];
            if (an->parent < 0) break;          /* not <html> */
            init_candidate(ps, an);
            an->score += level == 0 ? s : level == 1 ? s / 2 : s / (level * 3);
        }
    }
}

/* Step 3: the best candidate, and the ancestor of several good ones. */
static int top_candidate(pass *ps)
{
    tree *t = ps->t;
    int best[5] = { -1, -1, -1, -1, -1 };
    for (size_t i = 0; i < t->n; i++) {
        node *x = &t->nodes[i];
        if (!x->scored || x->dropped) continue;
        x->score *= 1 - link_density(x);
        for (int k = 0; k < 5; k++) {
            if (best[k] < 0 || x->score > t->nodes[best[k]].score) {
                memmove(best + k + 1, best + k, (size_t)(4 - k) * sizeof *best);
                best[k] = (int)i;
                break;
            }
        }
    }
    if (best[0] < 0) return -1;
    int top = best[0];
    double top_score = t->nodes[top].score;
    /* an ancestor that holds at least 3 of the others that score nearly as well */
    for (int a = t->nodes[top].parent; a >= 0 && t->nodes[a].tag != T_BODY; a = t->nodes[a].parent) {
        int holds = 0;
        for (int k = 1; k < 5; k++) {
            if (best[k] < 0 || t->nodes[best[k]].score < 0.75 * top_score) continue;
            for (int b = t->nodes[best[k]].parent; b >= 0; b = t->nodes[b].parent)
                if (b == a) { holds++; break; }
        }
        if (holds >= 3) { top = a; break; }
    }
    /* a parent that scores higher than the child it came through is the article */
    double last = t->nodes[top].score;
    for (int a = t->nodes[top].parent; a >= 0 && t->nodes[a].tag != T_BODY; a = t->nodes[a].parent) {
        node *an = &t->nodes[a];
        if (!an->scored) continue;
        if (an->score < last / 3) break;
        if (an->score > last) { top = a; break; }
        last = an->score;
    }
    /* an only child stands for its parent */
    for (int p = t->nodes[top].parent; p >= 0 && t->nodes[p].tag != T_BODY; p = t->nodes[p].parent) {
        int kids = 0;
        for (int c = t->nodes[p].first; c >= 0; c = t->nodes[c].next) kids += !t->nodes[c].text && !t->nodes[c].dropped;
        if (kids != 1) break;
        top = p;
    }
    return top;
}

static int ends_sentence(const tree *t, const node *x)
{
    for (int c = x->first; c >= 0; c = t->nodes[c].next) {
        const node *k = &t->nodes[c];
        if (k->text) {
            const char *s = t->pool.s + k->str;
            for (size_t i = 0; i + 1 < k->str_len; i++)
                if (s[i] == '.' && (s[i + 1] == ' ' || s[i + 1] == '\n')) return 1;
            if (k->str_len && s[k->str_len - 1] == '.') return 1;
        } else if (ends_sentence(t, k)) return 1;
    }
    return 0;
}

/* A sibling of the top candidate that belongs to the article. */
static int sibling_belongs(pass *ps, int top, const node *s)
{
    tree *t = ps->t;
    const node *tp = &t->nodes[top];
    if (s->dropped || s->text) return 0;
    double threshold = fmax(10, tp->score * 0.2), bonus = 0;
    int alike = s->hint_len > 1 && s->hint_len == tp->hint_len && s->tag == tp->tag &&
                !memcmp(t->pool.s + s->hint, t->pool.s + tp->hint, s->hint_len);
    if (alike) bonus = tp->score * 0.2;
    if (s->scored && s->score + bonus >= threshold) return 1;
    /* a block like the top one (same tag and class) that reads like text, however deep
     * its paragraphs are */
    if (alike && s->chars >= 80 && link_density(s) < 0.25) return 1;
    if (s->tag != T_P) return 0;
    double ld = link_density(s);
    if (s->chars > 80) return ld < 0.25;
    return s->chars > 0 && ld == 0 && ends_sentence(t, s);
}

/* Step 4's inner cleaning: a container inside the article that looks like chrome. */
static int looks_like_chrome(pass *ps, const node *x)
{
    if (!(ps->rules & P_CLEAN)) return 0;
    switch (x->tag) {
    case T_DIV: case T_SECTION: case T_UL: case T_OL: case T_TABLE: case T_DL: case T_FIGURE: case T_P:
    case T_HEADER: case T_FOOTER:
        break;
    default:
        return 0;
    }
    tree *t = ps->t;
    int weight = (ps->rules & P_WEIGHT_CLASSES) ? class_weight(t, x) : 0;
    if (weight + (x->scored ? x->score : 0) < 0) return 1;
    if (x->commas >= 10) return 0;
    double ld = link_density(x);
    int list = x->tag == T_UL || x->tag == T_OL;
    if (weight < 25 && ld > 0.33 && x->tag != T_P) return 1;
    if (weight >= 25 && ld > 0.5) return 1;
    if (!list && x->chars < 25 && x->link_chars > 0) return 1;
    return 0;
}

static narrator_block_kind run_kind(const tree *t, int at, int *level)
{
    int depth = 0;
    narrator_block_kind kind = NARRATOR_BLOCK_PARAGRAPH;
    int found = 0;
    for (; at >= 0; at = t->nodes[at].parent) {
        int tag = t->nodes[at].tag;
        if (heading(tag) && !found) { *level = tag - T_H1 + 1; return NARRATOR_BLOCK_HEADING; }
        if (tag == T_LI) { if (!found) kind = NARRATOR_BLOCK_LIST_ITEM, found = 1; depth++; }
        if (tag == T_BLOCKQUOTE && !found) kind = NARRATOR_BLOCK_QUOTE, found = 1;
    }
    *level = kind == NARRATOR_BLOCK_LIST_ITEM ? depth : 0;
    return kind;
}

/* The same letters and digits in the same order, whatever the case, spaces and punctuation
 * ("Bridge reopens!" and "bridge reopens"). */
static int same_words(const char *a, const char *b)
{
    for (;;) {
        while (*a && !((unsigned char)*a >= 0x80 || (lower(*a) >= 'a' && lower(*a) <= 'z') || (*a >= '0' && *a <= '9'))) a++;
        while (*b && !((unsigned char)*b >= 0x80 || (lower(*b) >= 'a' && lower(*b) <= 'z') || (*b >= '0' && *b <= '9'))) b++;
        if (!*a || !*b) return !*a && !*b;
        if (lower((unsigned char)*a++) != lower((unsigned char)*b++)) return 0;
    }
}

/* The text gathered since the last block boundary becomes a block. */
static void flush_run(pass *ps, int at, nr_document *out)
{
    if (!ps->run.len) return;
    int level = 0;
    narrator_block_kind kind = run_kind(ps->t, at, &level);
    size_t n;
    char *folded = nr_document_fold(ps->run.s, ps->run.len, &n);
    if (!folded) { out->oom = 1; nr_buf_clear(&ps->run); return; }
    /* the title is read once, first: a heading that repeats it is not read again */
    int repeats = kind == NARRATOR_BLOCK_HEADING && ps->title && same_words(folded, ps->title);
    if (n && !repeats) {
        nr_document_add(out, kind, level, folded, n, ps->run_start, ps->run_end);
        ps->chars += n;
    }
    free(folded);
    nr_buf_clear(&ps->run);
}

static void read_node(pass *ps, int i, int at, nr_document *out)
{
    tree *t = ps->t;
    node *x = &t->nodes[i];
    if (x->dropped) return;
    if (x->text) {
        if (!ps->run.len) ps->run_start = x->start;
        ps->run_end = x->end;
        nr_buf_put(&ps->run, t->pool.s + x->str, x->str_len);
        return;
    }
    if (i != ps->top && looks_like_chrome(ps, x)) return;
    if (x->tag == T_IMG) return;
    int block = block_tag(x->tag);       /* a table's cells are read in their row's line */
    if (block) flush_run(ps, at, out);
    for (int c = x->first; c >= 0; c = t->nodes[c].next) read_node(ps, c, i, out);
    if (x->tag == T_TD || x->tag == T_TH) nr_buf_putc(&ps->run, ' ');
    else if (block) flush_run(ps, i, out);
    else if (x->tag != T_A && x->tag != T_OTHER) nr_buf_putc(&ps->run, ' ') ;
}

/* One reading of the page under `rules`: blocks into out. */
static void read_pass(tree *t, unsigned rules, const char *title, nr_document *out, size_t *chars)
{
    pass ps = { .t = t, .rules = rules, .top = -1, .title = title };
    measure(&ps);
    score_paragraphs(&ps);
    int top = top_candidate(&ps);
    if (top < 0) {                              /* no paragraph at all: the whole body */
        for (size_t i = 0; i < t->n && top < 0; i++)
            if (t->nodes[i].tag == T_BODY) top = (int)i;
        if (top < 0) top = 0;
    }
    ps.top = top;
    int parent = t->nodes[top].parent;
    if (parent < 0 || t->nodes[top].tag == T_BODY) read_node(&ps, top, parent, out);
    else {
        for (int s = t->nodes[parent].first; s >= 0; s = t->nodes[s].next) {
            if (s != top && !sibling_belongs(&ps, top, &t->nodes[s])) continue;
            int keep = ps.top;
            ps.top = s;                         /* a kept sibling is not cleaned away whole */
            read_node(&ps, s, parent, out);
            ps.top = keep;
            flush_run(&ps, parent, out);
        }
    }
    flush_run(&ps, top, out);
    nr_buf_free(&ps.run);
    *chars = ps.chars;
}

/* The text of node i's subtree into b (a space between its text nodes), up to about max bytes. */
static void node_text(const tree *t, int i, size_t max, nr_buf *b)
{
    for (size_t k = (size_t)i + 1; k < t->n && b->len < max; k++) {
        int a = (int)k;
        while (a >= 0 && a != i) a = t->nodes[a].parent;
        if (a != i) break;                      /* nodes are in document order: the subtree is over */
        if (!t->nodes[k].text) continue;
        nr_buf_put(b, t->pool.s + t->nodes[k].str, t->nodes[k].str_len);
        nr_buf_putc(b, ' ');
    }
}

/* The byline in the page, when the metadata had none: the first short element marked as
 * the author's (rel=author, itemprop=author) or whose class or id says byline. */
static void find_byline(tree *t)
{
    if (nr_document_get(t->doc, NR_DOC_BYLINE)) return;
    static const char *const words[] = { "byline", "author", NULL };
    for (size_t i = 0; i < t->n; i++) {
        node *x = &t->nodes[i];
        if (x->text || junk_tag(x->tag)) continue;
        if (!(x->flags & F_BYLINE) && !hint_has(t->pool.s + x->hint, x->hint_len, words, 0)) continue;
        nr_buf b = { 0 };
        node_text(t, (int)i, 200, &b);
        size_t n = b.len ? text_chars(b.s, b.len) : 0;
        if (n > 0 && n < 100) nr_document_set(t->doc, NR_DOC_BYLINE, b.s, b.len, 0);
        nr_buf_free(&b);
        if (nr_document_get(t->doc, NR_DOC_BYLINE)) return;
    }
}

/* A page with no title in its metadata nor in <title>: its first <h1>. */
static void title_from_h1(tree *t)
{
    if (nr_document_get(t->doc, NR_DOC_TITLE)) return;
    for (size_t i = 0; i < t->n; i++) {
        if (t->nodes[i].tag != T_H1) continue;
        nr_buf b = { 0 };
        node_text(t, (int)i, (size_t)-1, &b);
        if (b.len) nr_document_set(t->doc, NR_DOC_TITLE, b.s, b.len, 0);
        if (b.oom) t->oom = 1;
        nr_buf_free(&b);
        return;
    }
}

/* Short readings are tried again with fewer rules; the longest wins. */
static void read_article(tree *t)
{
    static const unsigned tries[] = { P_STRIP_UNLIKELY | P_WEIGHT_CLASSES | P_CLEAN, P_WEIGHT_CLASSES | P_CLEAN, P_CLEAN, 0 };
    nr_document best;
    nr_document_init(&best);
    size_t best_chars = 0;
    const char *title = nr_document_get(t->doc, NR_DOC_TITLE);
    for (size_t k = 0; k < sizeof tries / sizeof *tries; k++) {
        nr_document got;
        nr_document_init(&got);
        size_t chars = 0;
        read_pass(t, tries[k], title, &got, &chars);
        if (got.oom) t->oom = 1;
        if (k == 0 || chars > best_chars) {
            nr_document_free(&best);
            best = got;
            best_chars = chars;
        } else nr_document_free(&got);
        if (best_chars >= 500) break;
    }
    nr_document *d = t->doc;
    d->d.blocks = best.d.blocks;
    d->d.n_blocks = best.d.n_blocks;
    d->cap = best.cap;
}

/* ---- the page */

static int parse(tree *t, const char *page, size_t len, const char *encoding)
{
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_text;
    sax.ignorableWhitespace = on_text;
    sax.error = on_error;
    sax.warning = on_error;
    size_t first = len < 4 ? len : 4;
    xmlCharEncoding enc = encoding ? XML_CHAR_ENCODING_UTF8 : XML_CHAR_ENCODING_NONE;
    t->ctxt = libxml2.htmlCreatePushParserCtxt(&sax, t, page, (int)first, NULL, enc);
    if (!t->ctxt) return -1;
    /* bytes known to be UTF-8 (the input layer decoded them, or they are valid UTF-8) stay
     * UTF-8 whatever <meta charset> says: decoding them again as the page's old charset
     * would garble every non-ASCII character */
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
    libxml2.htmlCtxtUseOptions(t->ctxt, encoding ? options | HTML_PARSE_IGNORE_ENC : options);
    const char *p = page + first;
    size_t left = len - first;
    while (left > (1u << 30)) {                 /* htmlParseChunk takes an int */
        libxml2.htmlParseChunk(t->ctxt, p, 1 << 30, 0);
        p += 1u << 30;
        left -= 1u << 30;
    }
    libxml2.htmlParseChunk(t->ctxt, p, (int)left, 1);
    libxml2.htmlFreeParserCtxt(t->ctxt);
    t->ctxt = NULL;
    return 0;
}

/* Bytes that are all valid UTF-8 (and not all ASCII) are UTF-8, whatever the page says or
 * does not say: libxml2 would take a page without a charset for Latin-1. */
static int is_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = nr_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && !memcmp(s + i, "\xEF\xBF\xBD", 3))) return 0;
        i += k;
    }
    return 1;
}

nr_html_status nr_html_extract(const char *page, size_t len, const char *encoding, nr_document *doc,
                               char *err, size_t errlen)
{
    if (!encoding && is_utf8(page, len)) encoding = "UTF-8";
    if (nr_dynlib_load(&libxml2_lib, err, errlen)) return NR_HTML_NOLIB;
    tree t = { .cur = -1, .doc = doc };
    int rc = parse(&t, page, len, encoding);
    if (!rc && !t.oom) {
        read_jsonld(&t);
        title_from_page(&t);
        title_from_h1(&t);
        find_byline(&t);
        if (t.n) read_article(&t);
    }
    int oom = rc || t.oom || doc->oom || t.pool.oom || t.title.oom || t.jsonld.oom;
    free(t.nodes);
    nr_buf_free(&t.pool);
    nr_buf_free(&t.title);
    nr_buf_free(&t.jsonld);
    if (oom) {
        snprintf(err, errlen, "out of memory reading the page");
        return NR_HTML_NOMEM;
    }
    return NR_HTML_OK;
}
