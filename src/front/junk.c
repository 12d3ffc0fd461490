/*
 * junk.c — remove what a web scraper leaves in an article that no listener wants read
 * (see junk.h).
 *
 * Scraped pages carry tracking ids "(19659028)", redirect URLs with long paths, one-line
 * banners in the site's own script, "Source link" footers and character references
 * mangled into a lone combining mark plus a leftover "1;". Each rule looks only at the
 * shape of the text, never at one article's words, and errs on the side of keeping text:
 * "(2019)", "[1]", short URLs and long foreign quotes all survive.
 *
 * Two passes: the mangled references first (they can span lines), then line by line the
 * ids and URLs are cut out and the remaining line is judged as a whole.
 */
#include "front/junk.h"
#include "front/clean.h"
#include <string.h>

/* ---------- bytes and the output buffer ---------- */

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

static int all_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_blank(s[i])) return 0;
    return 1;
}

/* Shortens b to len bytes. */
static void cut(nr_buf *b, size_t len)
{
    if (b->len > len) { b->len = len; b->s[len] = '\0'; }
}

/* True when nothing was written since `floor`, or the last byte written is blank. */
static int ends_blank(const nr_buf *b, size_t floor)
{
    return b->len <= floor || is_blank(b->s[b->len - 1]);
}

static void trim_spaces(nr_buf *b, size_t floor)
{
    size_t n = b->len;
    while (n > floor && (b->s[n - 1] == ' ' || b->s[n - 1] == '\t')) n--;
    cut(b, n);
}

/*
 * After text was removed just before s[i]: skip spaces that would double the one already
 * written, and drop a written space left before closing punctuation or the line's end.
 * Returns where reading goes on.
 */
static size_t close_gap(nr_buf *b, size_t floor, const char *s, size_t len, size_t i)
{
    if (ends_blank(b, floor))
        while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i == len || (s[i] && strchr(".,;:!?)]}\n", s[i]))) trim_spaces(b, floor);
    return i;
}

/* ---------- pass 1: mangled character references ---------- */

/* Bytes of the run of combining marks (U+0300–U+036F) at s, 0 if none. */
static size_t mark_run(const char *s, size_t len)
{
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        size_t n = nr_utf8_decode(s + i, len - i, &cp);
        if (cp < 0x300 || cp > 0x36F) break;
        i += n;
    }
    return i;
}

/* The "1;" left of "&#8211;": blanks, then 1–3 digits and ';'. Its length, or 0. */
static size_t ref_tail(const char *s, size_t len)
{
    size_t i = 0, d = 0;
    while (i < len && is_blank(s[i])) i++;
    while (d < 3 && i < len && is_digit(s[i])) { d++; i++; }
    return d && i < len && s[i] == ';' ? i + 1 : 0;
}

/* Writes " - " in place of a mangled dash reference; returns where reading goes on. */
static size_t put_ref_dash(nr_buf *b, size_t floor, const char *s, size_t len, size_t i)
{
    trim_spaces(b, floor);
    if (!ends_blank(b, floor)) nr_buf_putc(b, ' ');
    nr_buf_putc(b, '-');
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i < len && s[i] != '\n') nr_buf_putc(b, ' ');
    return i;
}

/* The first byte of U+0300–U+036F in UTF-8 (CC 80 .. CD AF). */
static int is_mark_lead(char c) { return c == '\xCC' || c == '\xCD'; }

static int has_mark_lead(const char *s, size_t len)
{
    return memchr(s, 0xCC, len) || memchr(s, 0xCD, len);
}

static void fix_broken_refs(nr_buf *b, const char *s, size_t len)
{
    size_t floor = b->len, i = 0;
    while (i < len) {
        size_t run = 0;     /* bytes that cannot start a mark run: copied as they are */
        while (i + run < len && !is_mark_lead(s[i + run])) run++;
        nr_buf_put(b, s + i, run);
        i += run;
        if (i == len) break;
        size_t m = (i == 0 || is_blank(s[i - 1])) ? mark_run(s + i, len - i) : 0;
        if (!m) { nr_buf_putc(b, s[i++]); continue; }
        i += m;
        size_t t = ref_tail(s + i, len - i);
        i = t ? put_ref_dash(b, floor, s, len, i + t) : close_gap(b, floor, s, len, i);
    }
}

/* ---------- pass 2, within a line: tracking ids and link-target URLs ---------- */

/* "(123456)" or "[123456]" at s: 6+ digits alone in brackets. Its length, or 0. */
static size_t numeric_id(const char *s, size_t len)
{
    char close = s[0] == '(' ? ')' : s[0] == '[' ? ']' : 0;
    size_t i = 1;
    if (!close) return 0;
    while (i < len && is_digit(s[i])) i++;
    return i - 1 >= 6 && i < len && s[i] == close ? i + 1 : 0;
}

static int has_prefix_ci(const char *s, size_t n, const char *p)
{
    size_t i = 0;
    for (; p[i]; i++)
        if (i >= n || lower(s[i]) != p[i]) return 0;
    return 1;
}

/* A URL nobody would read aloud: 4+ non-empty path segments, a query or a fragment. */
static int is_junk_url(const char *s, size_t n)
{
    size_t i, segs = 0;
    if (has_prefix_ci(s, n, "https://")) i = 8;
    else if (has_prefix_ci(s, n, "http://")) i = 7;
    else if (has_prefix_ci(s, n, "www.")) i = 4;
    else return 0;
    while (i < n && s[i] != '/' && s[i] != '?' && s[i] != '#') i++;      /* host */
    while (i < n && s[i] == '/') {
        size_t seg = ++i;
        while (i < n && s[i] != '/' && s[i] != '?' && s[i] != '#') i++;
        if (i > seg) segs++;
    }
    return segs >= 4 || i < n;                                            /* '?' or '#' */
}

static char closer_of(char c)
{
    switch (c) {
    case '(': return ')';
    case '[': return ']';
    case '<': return '>';
    case '"': return '"';
    case '\'': return '\'';
    default: return 0;
    }
}

enum { NOT_JUNK, KEPT_PUNCT, DROPPED_ALL };

/*
 * If the token s[0..n) is a junk URL, perhaps in punctuation — "(https://…)." — writes the
 * punctuation that does not just wrap it (KEPT_PUNCT) or nothing (DROPPED_ALL).
 */
static int drop_url_token(nr_buf *b, size_t floor, const char *s, size_t n)
{
    size_t pre = 0, post = n;
    while (pre < n && s[pre] && strchr("(<[\"'", s[pre])) pre++;
    if (pre == n || (lower(s[pre]) != 'h' && lower(s[pre]) != 'w')) return NOT_JUNK; /* no URL */
    while (post > pre && s[post - 1] && strchr(".,;:!?)>]\"'", s[post - 1])) post--;
    if (!is_junk_url(s + pre, post - pre)) return NOT_JUNK;
    size_t tail = post;                                   /* s[0..pre) and s[tail..n) stay */
    while (pre > 0 && tail < n && s[tail] == closer_of(s[pre - 1])) { pre--; tail++; }
    if (!pre && tail == n) return DROPPED_ALL;
    nr_buf_put(b, s, pre);
    if (!pre) trim_spaces(b, floor);                      /* "see <url>." → "see." */
    nr_buf_put(b, s + tail, n - tail);
    return KEPT_PUNCT;
}

/* Could an id or a URL start at s[j] (j > 0)? An id only at a bracket; a URL only at the
 * start of a word that begins with h, w or an opening mark (see drop_url_token). */
static int may_start_junk(const char *s, size_t j)
{
    if (s[j] == '(' || s[j] == '[') return 1;
    if (!is_blank(s[j - 1])) return 0;
    char c = lower(s[j]);
    return c == 'h' || c == 'w' || c == '<' || c == '"' || c == '\'';
}

/* Copies one line without ids and junk URLs. */
static void strip_line(nr_buf *b, const char *s, size_t len)
{
    size_t floor = b->len, i = 0;
    while (i < len) {
        size_t id = numeric_id(s + i, len - i);
        if (id) {
            i = close_gap(b, floor, s, len, i + id);
            continue;
        }
        if (i == 0 || is_blank(s[i - 1])) {
            size_t e = i;
            while (e < len && !is_blank(s[e])) e++;
            int url = e > i ? drop_url_token(b, floor, s + i, e - i) : NOT_JUNK;
            if (url != NOT_JUNK) {
                i = url == DROPPED_ALL ? close_gap(b, floor, s, len, e) : e;
                continue;
            }
        }
        size_t j = i + 1;       /* s[i] is plain text: copy it and all up to the next candidate */
        while (j < len && !may_start_junk(s, j)) j++;
        nr_buf_put(b, s + i, j - i);
        i = j;
    }
}

/* ---------- pass 2, whole lines: boilerplate phrases and foreign-script chrome ---------- */

/* Punctuation or symbol around a phrase: ASCII non-alphanumerics, Latin-1 punctuation
   (« » · ¡ ¿ …), general punctuation, arrows, math and other symbols up to U+2BFF. */
static int is_edge_cp(uint32_t cp)
{
    if (cp < 0x80) return !((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'));
    return (cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x2BFF);
}

/* Narrows s[0..*n) past edge characters at both ends. */
static void trim_edges(const char **s, size_t *n)
{
    uint32_t cp;
    while (*n) {
        size_t k = nr_utf8_decode(*s, *n, &cp);
        if (!is_edge_cp(cp)) break;
        *s += k; *n -= k;
    }
    while (*n) {
        size_t k = 1;
        while (k < *n && k < 4 && ((unsigned char)(*s)[*n - k] & 0xC0) == 0x80) k++;
        nr_utf8_decode(*s + *n - k, k, &cp);
        if (!is_edge_cp(cp)) break;
        *n -= k;
    }
}

/* ASCII-case-insensitive equality where any run of blanks equals any other run. */
static int same_words(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    while (i < an && j < bn) {
        if (is_blank(a[i]) && is_blank(b[j])) {
            while (i < an && is_blank(a[i])) i++;
            while (j < bn && is_blank(b[j])) j++;
        } else if (lower(a[i++]) != lower(b[j++])) return 0;
    }
    return i == an && j == bn;
}

static int is_boilerplate(const char *s, size_t n, const char *const *list)
{
    trim_edges(&s, &n);
    for (; list && *list && n; list++) {
        const char *p = *list;
        size_t m = strlen(p);
        trim_edges(&p, &m);
        if (m && same_words(s, n, p, m)) return 1;
    }
    return 0;
}

enum { NOT_LETTER, LATIN, OTHER_SCRIPT };

/* Letter ranges of scripts other than Latin (digits and punctuation left out where easy). */
static const struct { uint32_t lo, hi; } OTHER[] = {
    { 0x0370, 0x03FF }, { 0x0400, 0x052F }, { 0x0531, 0x0587 },        /* Greek Cyrillic Armenian */
    { 0x05D0, 0x05F2 },                                                /* Hebrew */
    { 0x0620, 0x064A }, { 0x066E, 0x06D3 }, { 0x06D5, 0x06D5 },        /* Arabic, Persian, Urdu */
    { 0x06EE, 0x06EF }, { 0x06FA, 0x06FF }, { 0x0710, 0x07B1 },        /* … Syriac, Thaana */
    { 0x08A0, 0x08FF }, { 0x0900, 0x0DFF }, { 0x0E00, 0x0FFF },        /* Indic, Thai, Lao, Tibetan */
    { 0x1000, 0x139F }, { 0x13A0, 0x13FF }, { 0x1780, 0x18AF },        /* Myanmar…Ethiopic, Khmer */
    { 0x3040, 0x31FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },        /* kana, CJK */
    { 0xA000, 0xA4CF }, { 0xAC00, 0xD7AF }, { 0xF900, 0xFAFF },        /* Yi, Hangul, CJK compat */
    { 0xFB1D, 0xFDFF }, { 0xFE70, 0xFEFC }, { 0xFF66, 0xFFDC },        /* presentation forms */
    { 0x20000, 0x3134F },                                              /* CJK extensions */
};

static int script_of(uint32_t cp)
{
    if (cp < 0x80) return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? LATIN : NOT_LETTER;
    if (cp == 0xAA || cp == 0xBA || (cp >= 0xC0 && cp <= 0x2AF && cp != 0xD7 && cp != 0xF7) ||
        (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2C60 && cp <= 0x2C7F) ||
        (cp >= 0xA720 && cp <= 0xA7FF))
        return LATIN;
    for (size_t i = 0; i < sizeof OTHER / sizeof OTHER[0] && OTHER[i].lo <= cp; i++)
        if (cp <= OTHER[i].hi) return OTHER_SCRIPT;
    return NOT_LETTER;
}

/* A short line mostly in another script than Latin: a site banner, not the article. */
static int is_foreign_chrome(const char *s, size_t n)
{
    size_t latin = 0, other = 0, words = 0, i = 0;
    while (i < n && (unsigned char)s[i] < 0x80) i++;
    if (i == n) return 0;       /* all ASCII: no other script */
    i = 0;
    while (i < n) {
        uint32_t cp;
        if (!is_blank(s[i]) && (i == 0 || is_blank(s[i - 1])) && ++words >= 20) return 0;
        i += nr_utf8_decode(s + i, n - i, &cp);
        int sc = script_of(cp);
        latin += sc == LATIN;
        other += sc == OTHER_SCRIPT;
    }
    return other > latin && words < 20;
}

/* Writes the line stripped of ids and URLs; returns 0 when the line should go. */
static int keep_line(nr_buf *b, const char *s, size_t n, const char *const *boilerplate)
{
    size_t at = b->len;
    strip_line(b, s, n);
    const char *t = b->len > at ? b->s + at : "";
    size_t tn = b->len - at;
    if (all_blank(t, tn)) return all_blank(s, n);          /* keep only lines blank before */
    return !is_boilerplate(t, tn, boilerplate) && !is_foreign_chrome(t, tn);
}

static void strip_lines(nr_buf *b, const char *s, size_t len, const char *const *boilerplate)
{
    size_t i = 0;
    int kept = 0, dropped = 0;     /* a line was kept before; the last line was dropped */
    for (;;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len, undo = b->len;
        if (kept) nr_buf_putc(b, '\n');
        int goes_with_dropped = dropped && all_blank(s + i, end - i);   /* blank after chrome */
        dropped = goes_with_dropped || !keep_line(b, s + i, end - i, boilerplate);
        if (dropped) cut(b, undo);
        else kept = 1;
        if (!nl) break;
        i = end + 1;
    }
}

void nr_junk_strip(nr_buf *out, const char *para, size_t len, const char *const *boilerplate)
{
    nr_buf fixed = { 0 };
    size_t start = out->len;
    if (!has_mark_lead(para, len)) {            /* the usual case: no reference to fix */
        if (len) strip_lines(out, para, len, boilerplate);
    } else {
        fix_broken_refs(&fixed, para, len);
        if (fixed.oom) out->oom = 1;
        else if (fixed.len) strip_lines(out, fixed.s, fixed.len, boilerplate);
    }
    if (out->len > start && all_blank(out->s + start, out->len - start)) cut(out, start);
    nr_buf_free(&fixed);
}
