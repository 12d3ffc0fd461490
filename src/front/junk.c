/*
 * junk.c — remove what a web scraper leaves in an article that no listener wants read
 * (see junk.h).
 *
 * Scraped pages carry tracking ids "(19659028)", redirect URLs with long paths, one-line
 * banners in the site's own script, "Source link" footers and character references
 * mangled into a lone combining mark plus a leftover "1;"; copied encyclopedia text
 * carries footnote markers "[1]", editor tags "[citation needed]" and pronunciation
 * guides "(/ˈpærɪs/)". Each rule looks only at the shape of the text, never at one
 * article's words, and errs on the side of keeping text: "(2019)", "Section [A]",
 * "x[1]", short URLs and long foreign quotes all survive.
 *
 * Three passes: the mangled references first (they can span lines), then pronunciation
 * guides in parentheses, then line by line the ids, markers and URLs are cut out and the
 * remaining line is judged as a whole. The first two run only when their tell-tale bytes
 * occur, so plain text goes straight to the third.
 *
 * This file runs the passes and holds the rules that take a few lines each (references,
 * ids, URLs); the guides, the footnote markers and the whole-line chrome have files of
 * their own (junk_rules.h lists them).
 */
#include "front/junk_rules.h"
#include <string.h>
#include "util/utf8.h"

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
    while (i < len && nr_is_blank(s[i])) i++;
    while (d < 3 && i < len && nr_is_digit(s[i])) { d++; i++; }
    return d && i < len && s[i] == ';' ? i + 1 : 0;
}

/* Writes " - " in place of a mangled dash reference; returns where reading goes on. */
static size_t put_ref_dash(nr_buf *b, size_t floor, const char *s, size_t len, size_t i)
{
    junk_trim_spaces(b, floor);
    if (!junk_ends_blank(b, floor)) nr_buf_putc(b, ' ');
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
        size_t m = (i == 0 || nr_is_blank(s[i - 1])) ? mark_run(s + i, len - i) : 0;
        if (!m) { nr_buf_putc(b, s[i++]); continue; }
        i += m;
        size_t t = ref_tail(s + i, len - i);
        i = t ? put_ref_dash(b, floor, s, len, i + t) : junk_close_gap(b, floor, s, len, i);
    }
}

/* ---------- pass 3, within a line: tracking ids and link-target URLs ---------- */

/* "(123456)" or "[123456]" at s: 6+ digits alone in brackets. Its length, or 0. */
static size_t numeric_id(const char *s, size_t len)
{
    char close = s[0] == '(' ? ')' : s[0] == '[' ? ']' : 0;
    size_t i = 1;
    if (!close) return 0;
    while (i < len && nr_is_digit(s[i])) i++;
    return i - 1 >= 6 && i < len && s[i] == close ? i + 1 : 0;
}

/* A URL nobody would read aloud: 4+ non-empty path segments, a query or a fragment. */
static int is_junk_url(const char *s, size_t n)
{
    size_t i, segs = 0;
    if (junk_has_prefix_ci(s, n, "https://")) i = 8;
    else if (junk_has_prefix_ci(s, n, "http://")) i = 7;
    else if (junk_has_prefix_ci(s, n, "www.")) i = 4;
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
    if (pre == n || (nr_to_lower(s[pre]) != 'h' && nr_to_lower(s[pre]) != 'w')) return NOT_JUNK; /* no URL */
    while (post > pre && s[post - 1] && strchr(".,;:!?)>]\"'", s[post - 1])) post--;
    if (!is_junk_url(s + pre, post - pre)) return NOT_JUNK;
    size_t tail = post;                                   /* s[0..pre) and s[tail..n) stay */
    while (pre > 0 && tail < n && s[tail] == closer_of(s[pre - 1])) { pre--; tail++; }
    if (!pre && tail == n) return DROPPED_ALL;
    nr_buf_put(b, s, pre);
    if (!pre) junk_trim_spaces(b, floor);                 /* "see <url>." → "see." */
    nr_buf_put(b, s + tail, n - tail);
    return KEPT_PUNCT;
}

/* Could an id or a URL start at s[j] (j > 0)? An id only at a bracket; a URL only at the
 * start of a word that begins with h, w or an opening mark (see drop_url_token). */
static int may_start_junk(const char *s, size_t j)
{
    /* 1: at a bracket; 2: after a blank (this runs on every byte of the text) */
    static const unsigned char start[256] = { ['('] = 1, ['['] = 1, ['h'] = 2, ['H'] = 2, ['w'] = 2,
                                              ['W'] = 2, ['<'] = 2, ['"'] = 2, ['\''] = 2 };
    unsigned char k = start[(unsigned char)s[j]];
    return k == 1 || (k == 2 && nr_is_blank(s[j - 1]));
}

/* Copies one line without ids and junk URLs. */
static void strip_line(nr_buf *b, const char *s, size_t len)
{
    size_t floor = b->len, i = 0;
    while (i < len) {
        size_t id = numeric_id(s + i, len - i);
        if (id) {
            i = junk_close_gap(b, floor, s, len, i + id);
            continue;
        }
        size_t after = s[i] == '[' ? nr_junk_strip_marks(b, floor, s, len, i) : i;
        if (after != i) {
            i = after;
            continue;
        }
        if (i == 0 || nr_is_blank(s[i - 1])) {
            size_t e = i;
            while (e < len && !nr_is_blank(s[e])) e++;
            int url = e > i ? drop_url_token(b, floor, s + i, e - i) : NOT_JUNK;
            if (url != NOT_JUNK) {
                i = url == DROPPED_ALL ? junk_close_gap(b, floor, s, len, e) : e;
                continue;
            }
        }
        size_t j = i + 1;       /* s[i] is plain text: copy it and all up to the next candidate */
        while (j < len && !may_start_junk(s, j)) j++;
        nr_buf_put(b, s + i, j - i);
        i = j;
    }
}

/* ---------- pass 3, whole lines (the judgments are in junk_chrome.c) ---------- */

static int all_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!nr_is_blank(s[i])) return 0;
    return 1;
}

/* Writes the line stripped of ids and URLs; returns 0 when the line should go. */
static int keep_line(nr_buf *b, const char *s, size_t n, const nr_junk_phrases *boilerplate)
{
    size_t at = b->len;
    strip_line(b, s, n);
    const char *t = b->len > at ? b->s + at : "";
    size_t tn = b->len - at;
    if (all_blank(t, tn)) return all_blank(s, n);          /* keep only lines blank before */
    return !nr_junk_is_boilerplate(t, tn, boilerplate) && !nr_junk_is_foreign_chrome(t, tn);
}

static void strip_lines(nr_buf *b, const char *s, size_t len, const nr_junk_phrases *boilerplate)
{
    size_t i = 0;
    int kept = 0, dropped = 0;     /* a line was kept before; the last line was dropped */
    for (;;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len, undo = b->len;
        if (kept) nr_buf_putc(b, '\n');
        int goes_with_dropped = dropped && all_blank(s + i, end - i);   /* blank after chrome */
        dropped = goes_with_dropped || !keep_line(b, s + i, end - i, boilerplate);
        if (dropped) nr_buf_truncate(b, undo);
        else kept = 1;
        if (!nl) break;
        i = end + 1;
    }
}

void nr_junk_strip(nr_buf *out, const char *para, size_t len, const char *const *boilerplate)
{
    nr_junk_phrases *ph = boilerplate ? nr_junk_phrases_new(boilerplate) : NULL;
    if (boilerplate && !ph) { out->oom = 1; return; }
    nr_junk_strip_with(out, para, len, ph);
    nr_junk_phrases_free(ph);
}

void nr_junk_strip_with(nr_buf *out, const char *para, size_t len, const nr_junk_phrases *boilerplate)
{
    nr_buf fixed = { 0 }, unguided = { 0 };
    size_t start = out->len;
    const char *s = para;
    size_t n = len;
    if (n && has_mark_lead(s, n)) {             /* rare: most text has no reference to fix */
        fix_broken_refs(&fixed, s, n);
        s = nr_buf_str(&fixed);
        n = fixed.len;
    }
    if (n && nr_junk_has_ipa_lead(s, n)) {      /* rare: only leads carry transcriptions */
        nr_junk_strip_guides(&unguided, s, n);
        s = nr_buf_str(&unguided);
        n = unguided.len;
    }
    if (fixed.oom || unguided.oom) out->oom = 1;
    else if (n) strip_lines(out, s, n, boilerplate);
    if (out->len > start && all_blank(out->s + start, out->len - start)) nr_buf_truncate(out, start);
    nr_buf_free(&fixed);
    nr_buf_free(&unguided);
}
