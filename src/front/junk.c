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
 */
#include "front/junk.h"
#include "front/clean.h"
#include <stdlib.h>
#include <string.h>
#include "util/chars.h"

/* ---------- bytes and the output buffer ---------- */

/* c is one of the bytes of set (strchr alone would also match a NUL byte). */
static int in_set(char c, const char *set) { return c && strchr(set, c); }

/* s[0..n) starts with the lowercase ASCII string p, ignoring ASCII case. */
static int has_prefix_ci(const char *s, size_t n, const char *p)
{
    size_t i = 0;
    for (; p[i]; i++)
        if (i >= n || nr_to_lower(s[i]) != p[i]) return 0;
    return 1;
}

static int all_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!nr_is_blank(s[i])) return 0;
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
    return b->len <= floor || nr_is_blank(b->s[b->len - 1]);
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
    while (i < len && nr_is_blank(s[i])) i++;
    while (d < 3 && i < len && nr_is_digit(s[i])) { d++; i++; }
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
        size_t m = (i == 0 || nr_is_blank(s[i - 1])) ? mark_run(s + i, len - i) : 0;
        if (!m) { nr_buf_putc(b, s[i++]); continue; }
        i += m;
        size_t t = ref_tail(s + i, len - i);
        i = t ? put_ref_dash(b, floor, s, len, i + t) : close_gap(b, floor, s, len, i);
    }
}

/* ---------- pass 2: pronunciation guides ---------- */

/*
 * Encyclopedia leads open with a guide no listener wants spelled out:
 *   "Paris (/ˈpærɪs/; French pronunciation: [paʁi] ( listen)) is ..."
 * A guide is a transcription in /slashes/ or [brackets] holding a character only phonetic
 * writing uses. Only parentheses are searched: "the phoneme /ʃ/" in running text is the
 * subject of the sentence. A parenthesis holding a transcription is split into parts at
 * ';' and ','; parts that are only guide (transcriptions, "listen", respellings such as
 * "PARR-iss", a short label such as "French pronunciation:" or "pronounced") go, other
 * parts stay without their transcriptions: "(/ˈtɛslə/; 10 July 1856 - 7 January 1943)"
 * keeps its dates. A parenthesis left empty goes with the space before it.
 */
#define MAX_IPA 160     /* bytes of one transcription */
#define MAX_GROUP 512   /* bytes of a parenthesis searched for transcriptions */

/* Letters of phonetic writing: the IPA Extensions block (ə ɪ ʊ ʃ ʒ ɔ ɑ ɛ ʁ …) and the
   modifier letters for stress, length and secondary articulation (ˈ ˌ ː ˑ ʰ ʲ ʷ ˠ ˤ).
   Not ʻ ʼ, which spell Hawaiian and other words; not æ ð θ ŋ, which other alphabets use. */
static int is_ipa_cp(uint32_t cp)
{
    if (cp >= 0x250 && cp <= 0x2AF) return 1;
    return cp == 0x2B0 || cp == 0x2B2 || cp == 0x2B7 || cp == 0x2C8 || cp == 0x2CC ||
           cp == 0x2D0 || cp == 0x2D1 || cp == 0x2E0 || cp == 0x2E4;
}

/* Can the paragraph hold such a letter? Their UTF-8 lead bytes are C9, CA and CB. */
static int has_ipa_lead(const char *s, size_t len)
{
    return memchr(s, 0xC9, len) || memchr(s, 0xCA, len) || memchr(s, 0xCB, len);
}

/*
 * "/.../" or "[...]" at s with a phonetic letter inside and no digit, line break or nested
 * bracket; its length, or 0. With `loose` (next to a sure transcription) lowercase letters
 * with accents also do: Serbian "[nǐkola têsla]" marks tone without IPA letters.
 */
static size_t ipa_token(const char *s, size_t len, int loose)
{
    char close = s[0] == '/' ? '/' : s[0] == '[' ? ']' : 0;
    size_t lim = len < MAX_IPA ? len : MAX_IPA, i = 1;
    int ipa = 0, accent = 0, upper = 0;
    if (!close || len < 3 || nr_is_blank(s[1])) return 0;
    while (i < lim && s[i] != close) {
        if (s[i] == '\n' || s[i] == '[' || nr_is_digit(s[i])) return 0;
        upper |= nr_is_upper(s[i]);
        uint32_t cp;
        i += nr_utf8_decode(s + i, len - i, &cp);
        ipa |= is_ipa_cp(cp);
        accent |= cp >= 0x80;
    }
    if (i >= lim || !(ipa || (loose && accent && !upper))) return 0;
    return i + 1 < len && nr_is_alnum(s[i + 1]) ? 0 : i + 1;
}

/* A transcription at s[i], where a slash must not follow a letter or digit ("km/h"). */
static size_t ipa_at(const char *s, size_t len, size_t i, int loose)
{
    if (s[i] != '/' && s[i] != '[') return 0;
    if (s[i] == '/' && i > 0 && (nr_is_alnum(s[i - 1]) || s[i - 1] == '/')) return 0;
    return ipa_token(s + i, len - i, loose);
}

/* Bytes of the "play the sound" link at s: "ⓘ", "(listen)", "( listen)", or with
   bare_ok the word "listen" alone; 0 if none. */
static size_t listen_mark(const char *s, size_t len, int bare_ok)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(s, "\xe2\x93\x98", 3)) return 3;
    if (s[0] == '(') {
        i = 1;
        while (i < len && s[i] == ' ') i++;
    } else if (!bare_ok) return 0;
    if (!has_prefix_ci(s + i, len - i, "listen")) return 0;
    i += 6;
    if (s[0] == '(') return i < len && s[i] == ')' ? i + 1 : 0;
    return i == len || !nr_is_alnum(s[i]) ? i : 0;
}

/* "PARR-iss", "TESS-lə": letters and hyphens with two capitals in a row (the stress). */
static int is_respelling(const char *s, size_t n)
{
    int caps = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        run = nr_is_upper(s[i]) ? run + 1 : 0;
        if (run >= 2) caps = 1;
        if (!nr_is_alpha_or_utf8(s[i]) && s[i] != '-') return 0;
    }
    return caps;
}

/* A label word: letters, the last one perhaps with a colon ("French", "pronunciation:"). */
static int is_label_word(const char *s, size_t n, int *colon)
{
    *colon = n > 1 && s[n - 1] == ':';
    n -= (size_t)*colon;
    for (size_t i = 0; i < n; i++)
        if (!nr_is_alpha_or_utf8(s[i])) return 0;
    return n > 0;
}

/* Judges one part of a parenthesis, s[0..n) between separators: a guide when it holds a
   transcription, "listen" or a respelling, and before them at most four label words that
   end in a colon, say "pronounced" or are all lowercase ("locally", "also"). */
static int is_guide_part(const char *s, size_t n)
{
    int guide = 1, aids = 0, words = 0, colon = 0, pronounce = 0, ends_colon = 0, capital = 0;
    size_t i = 0;
    while (i < n) {
        if (nr_is_blank(s[i])) { i++; continue; }
        size_t t = ipa_at(s, n, i, 1), l = t ? 0 : listen_mark(s + i, n - i, 1), e = i;
        if (t || l) {
            aids = 1;
            i += t + l;
            continue;
        }
        while (e < n && !nr_is_blank(s[e])) e++;
        if (is_respelling(s + i, e - i)) aids = 1;
        else if (e - i == 2 && has_prefix_ci(s + i, 2, "or")) {}   /* "/a/ or /b/" */
        else if (ends_colon || !is_label_word(s + i, e - i, &colon) || ++words > 4) guide = 0;
        else {
            ends_colon = colon;
            pronounce |= has_prefix_ci(s + i, e - i, "pronounc");
            capital |= !nr_is_lower(s[i]);
        }
        i = e;
    }
    if (words && !ends_colon && !pronounce && capital) guide = 0;   /* "Minga [ˈmɪŋɐ]" */
    if (words && !aids) guide = 0;                          /* a label of nothing */
    return guide;
}

/* "(...)" at s: balanced, on one line, at most MAX_GROUP bytes and three deep. Its
   length, or 0. (The depth limit keeps "((((…" from being searched again and again.) */
static size_t paren_group(const char *s, size_t len)
{
    size_t lim = len < MAX_GROUP ? len : MAX_GROUP;
    int depth = 0;
    for (size_t i = 0; i < lim; i++) {
        if (s[i] == '\n') return 0;
        if (s[i] == '(' && ++depth > 3) return 0;
        if (s[i] == ')' && --depth == 0) return i + 1;
    }
    return 0;
}

/* End of the part of the parenthesis body s[0..n) starting at i: the next ';' or ','
   outside nested parentheses and transcriptions. */
static size_t part_end(const char *s, size_t n, size_t i)
{
    int depth = 0;
    while (i < n) {
        size_t t = ipa_at(s, n, i, 1);
        if (t) { i += t; continue; }
        if (s[i] == '(') depth++;
        else if (s[i] == ')') depth--;
        else if (depth == 0 && (s[i] == ';' || s[i] == ',')) break;
        i++;
    }
    return i;
}

enum { NO_GUIDE, GUIDE_DROPPED, GUIDE_TRIMMED };

static int put_group(nr_buf *b, const char *s, size_t n);

/* Bytes at s[i] that a kept part skips: a transcription, a "(listen)" link, or a nested
   parenthesis holding a guide (dropped, or written trimmed by put_group). */
static size_t guide_in_part(nr_buf *b, const char *s, size_t n, size_t i)
{
    size_t t = ipa_at(s, n, i, 1), g;
    if (!t && (i == 0 || nr_is_blank(s[i - 1]))) t = listen_mark(s + i, n - i, 0);
    if (!t && s[i] == '(' && (g = paren_group(s + i, n - i)) && put_group(b, s + i, g) != NO_GUIDE)
        t = g;
    return t;
}

/* Copies a kept part without its transcriptions and "(listen)" links. */
static void put_part(nr_buf *b, size_t floor, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t t = guide_in_part(b, s, n, i);
        if (!t) { nr_buf_putc(b, s[i++]); continue; }
        i += t;
        if (ends_blank(b, floor))
            while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    }
    trim_spaces(b, floor);
}

/* Does s[0..n) hold a sure transcription (one with IPA letters) outside nested
   parentheses? Those are judged on their own. */
static int has_sure_ipa(const char *s, size_t n)
{
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (depth == 0 && ipa_at(s, n, i, 0)) return 1;
        depth += (s[i] == '(') - (s[i] == ')');
    }
    return 0;
}

/*
 * The parenthesis s[0..n) (s[0] == '(', s[n - 1] == ')'): when it holds a transcription,
 * writes what is left of it (GUIDE_TRIMMED) or nothing (GUIDE_DROPPED).
 */
static int put_group(nr_buf *b, const char *s, size_t n)
{
    const char *body = s + 1;
    size_t bn = n - 2, i = 0, kept = 0;
    if (!has_sure_ipa(body, bn)) return NO_GUIDE;
    for (i = 0; i <= bn; i++) {
        size_t e = part_end(body, bn, i);
        kept += !is_guide_part(body + i, e - i);
        i = e;
    }
    if (!kept) return GUIDE_DROPPED;
    size_t at = b->len;
    nr_buf_putc(b, '(');
    for (i = 0; i <= bn; i++) {
        size_t e = part_end(body, bn, i);
        if (!is_guide_part(body + i, e - i)) {
            if (b->len > at + 1) nr_buf_putc(b, body[i - 1]);   /* the separator before it */
            size_t from = i;
            if (b->len == at + 1)
                while (from < e && nr_is_blank(body[from])) from++;
            put_part(b, at + 1, body + from, e - from);
        }
        i = e;
    }
    nr_buf_putc(b, ')');
    return GUIDE_TRIMMED;
}

static void strip_guides(nr_buf *b, const char *s, size_t len)
{
    size_t floor = b->len, i = 0;
    while (i < len) {
        const char *open = memchr(s + i, '(', len - i);
        size_t j = open ? (size_t)(open - s) : len;
        nr_buf_put(b, s + i, j - i);
        if ((i = j) == len) break;
        size_t g = paren_group(s + i, len - i);
        int r = g ? put_group(b, s + i, g) : NO_GUIDE;
        if (r == NO_GUIDE) nr_buf_putc(b, s[i++]);
        else if (r == GUIDE_TRIMMED) i += g;
        else i = close_gap(b, floor, s, len, i + g);
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
    if (pre == n || (nr_to_lower(s[pre]) != 'h' && nr_to_lower(s[pre]) != 'w')) return NOT_JUNK; /* no URL */
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

/* ---------- pass 3, within a line: footnote markers and editor tags ---------- */

/*
 * Wikipedia marks footnotes "[1]", "[a]", "[note 2]", "[nb 1]" and flags doubts inline:
 * "[citation needed]", "[who?]", "[dubious - discuss]" (the en dash is " - " after clean).
 * These are superscripts on the page, glued to the word or punctuation they follow, so
 * they are judged by shape and place, not looked up in a list:
 *  - glued: any marker, unless the word before looks like code ("x[1]", "max_len[2]",
 *    "obj.items[1]": an index) or a letter follows ("[s]he": an editor's letter);
 *  - after a blank (a scraper put a space in): only note numbers that close a clause
 *    ("in 1450 [1].") and "[sic]" go; "he [the mayor] said" is an editor's insertion the
 *    sentence needs, and "see [1] for" uses the number as a noun.
 * Capitals, digits past three, apostrophes or colons inside ("Section [A]", "[1, 2, 3]",
 * "[Editor's note: ...]", "[O.S. 28 June]") are never markers.
 */
enum { NO_MARK, NUMBER_MARK, LETTER_MARK, TAG_MARK, SIC_MARK, LIST_MARK };

#define MAX_TAG 40      /* bytes inside the longest tag looked at ("further explanation needed": 27) */

/* 1–3 digits, no leading 0: footnotes count from 1, "[0]" is an index. */
static int is_note_number(const char *c, size_t m)
{
    if (m < 1 || m > 3 || c[0] == '0') return 0;
    for (size_t i = 0; i < m; i++)
        if (!nr_is_digit(c[i])) return 0;
    return 1;
}

/* 1–4 lowercase words ("self-published" is one), single spaces or " - " between them,
   perhaps a final '?'. A lone word needs 3 letters: "[ed]", "[es]" complete a quoted word. */
static int is_tag_words(const char *c, size_t m)
{
    size_t i = 0, words = 0;
    if (m && c[m - 1] == '?') m--;
    while (i < m) {
        size_t w = i;
        while (i < m && (nr_is_lower(c[i]) || (c[i] == '-' && i > w && i + 1 < m &&
                                                  nr_is_lower(c[i + 1]))))
            i++;
        if (i == w || ++words > 4) return 0;
        if (i == m) break;
        if (m - i > 3 && !memcmp(c + i, " - ", 3)) i += 3;
        else if (m - i > 1 && c[i] == ' ') i++;
        else return 0;
    }
    return words > 1 || (words == 1 && m >= 3);
}

/* "1, 2", "1-5", "3, 7-9": note numbers separated by commas or joined into ranges (the
   cleaner has made an en dash between digits a '-'). */
static int is_note_list(const char *c, size_t m)
{
    size_t i = 0, numbers = 0;
    while (i < m) {
        size_t d = i;
        while (d < m && nr_is_digit(c[d])) d++;
        if (!is_note_number(c + i, d - i)) return 0;
        numbers++;
        i = d;
        if (i == m) break;
        if (c[i] == '-') i++;
        else if (c[i] == ',') { i++; if (i < m && c[i] == ' ') i++; }
        else return 0;
        if (i == m) return 0;
    }
    return numbers > 1;
}

static int mark_kind(const char *c, size_t m)
{
    if (is_note_number(c, m)) return NUMBER_MARK;
    if (is_note_list(c, m)) return LIST_MARK;        /* only glued: "[1, 2, 3]" may be data */
    if ((m > 5 && !memcmp(c, "note ", 5) && is_note_number(c + 5, m - 5)) ||
        (m > 3 && !memcmp(c, "nb ", 3) && is_note_number(c + 3, m - 3)))
        return NUMBER_MARK;
    if (m == 1 && nr_is_lower(c[0])) return LETTER_MARK;
    if ((m == 3 && !memcmp(c, "sic", 3)) || (m == 4 && !memcmp(c, "sic!", 4))) return SIC_MARK;
    return is_tag_words(c, m) ? TAG_MARK : NO_MARK;
}

/* Kind of the bracket at s (s[0] == '['), with its length in *n. */
static int mark_at(const char *s, size_t len, size_t *n)
{
    size_t lim = len < MAX_TAG + 2 ? len : MAX_TAG + 2, e = 1;
    while (e < lim && s[e] != ']' && s[e] != '[' && s[e] != '\n') e++;
    if (e == lim || s[e] != ']') return NO_MARK;
    *n = e + 1;
    return mark_kind(s + 1, e - 1);
}

/*
 * The run of markers at s[i] ("[3][4]", "[2] [3]", "[citation needed][5]") and a page
 * number after a note ("[2]:14-15"). Returns its end (i when there is none); *kinds gets
 * 1 << kind of each marker.
 */
static size_t marker_run(const char *s, size_t len, size_t i, int *kinds)
{
    size_t n, start = i;
    int k = NO_MARK;
    *kinds = 0;
    for (;;) {
        int spaced = i > start && i + 1 < len && s[i] == ' ';   /* "[2] [3]": numbers only */
        size_t at = i + (size_t)spaced;
        int kind = at < len && s[at] == '[' ? mark_at(s + at, len - at, &n) : NO_MARK;
        if (kind == NO_MARK || (spaced && kind != NUMBER_MARK)) break;
        *kinds |= 1 << kind;
        k = kind;
        i = at + n;
    }
    if (k == NUMBER_MARK && i + 1 < len && s[i] == ':' && nr_is_digit(s[i + 1])) {
        i++;
        while (i < len && (nr_is_digit(s[i]) || (s[i] == '-' && i + 1 < len && nr_is_digit(s[i + 1]))))
            i++;
    }
    return i;
}

/* The word before s[i] is code: one lowercase letter ("x[1]"), has an underscore, or
   follows a member dot ("obj.items[1]"). */
static int is_code_word(const char *s, size_t i)
{
    size_t w = i, under = 0;
    while (w > 0 && i - w < 64 && (nr_is_alnum(s[w - 1]) || s[w - 1] == '_')) under += s[--w] == '_';
    if (under || (i - w == 1 && nr_is_lower(s[w]))) return 1;
    return w >= 2 && s[w - 1] == '.' && nr_is_alnum(s[w - 2]);
}

/* The word before the blanks before s[i] is short and lowercase: "in", "see", "and". */
static int after_short_word(const char *s, size_t i)
{
    size_t w = i, n = 0;
    while (w > 0 && (s[w - 1] == ' ' || s[w - 1] == '\t')) w--;
    while (w > 0 && n < 4 && nr_is_lower(s[w - 1])) { w--; n++; }
    return n >= 1 && n <= 3 && (w == 0 || !nr_is_alnum(s[w - 1]));
}

enum { KEEP_MARKS, DROP_MARKS, DROP_MARKS_SPACED };

/* Markers s[i..e) after a blank or at the line's start (see the rules above). */
static int judge_loose_marks(const char *s, size_t len, size_t i, size_t e, int kinds)
{
    int numbers = 1 << NUMBER_MARK, sic = 1 << SIC_MARK;
    if (kinds & ~(numbers | sic)) return KEEP_MARKS;
    if (kinds & sic) return DROP_MARKS;
    if (after_short_word(s, i)) return KEEP_MARKS;
    return e == len || in_set(s[e], ".,;:!?)\n") ? DROP_MARKS : KEEP_MARKS;
}

static int judge_marks(const char *s, size_t len, size_t i, size_t e, int kinds)
{
    char next = e < len ? s[e] : ' ', prev = i > 0 ? s[i - 1] : ' ';
    if (next == '(') return KEEP_MARKS;         /* "[text](url)" in Markdown, "f[1](x)" */
    if (nr_is_blank(prev)) return judge_loose_marks(s, len, i, e, kinds);
    if (!nr_is_alnum(prev) && !in_set(prev, ".,;:!?\"')]")) return KEEP_MARKS;   /* "([1])", "=[1]" */
    if (nr_is_alnum(prev) && is_code_word(s, i)) return KEEP_MARKS;
    if (!nr_is_alnum(next)) return DROP_MARKS;
    /* "1450.[1]The": a scraper lost the space after the note */
    return kinds == 1 << NUMBER_MARK && in_set(prev, ".,;:!?") ? DROP_MARKS_SPACED : KEEP_MARKS;
}

/*
 * At s[i] == '[': drops a run of markers or copies a run that stays (so no bracket of it is
 * looked at twice). Returns where reading goes on, i when there is no run.
 */
static size_t strip_marks(nr_buf *b, size_t floor, const char *s, size_t len, size_t i)
{
    int kinds;
    size_t e = marker_run(s, len, i, &kinds);
    if (e == i) return i;
    switch (judge_marks(s, len, i, e, kinds)) {
    case DROP_MARKS: return close_gap(b, floor, s, len, e);
    case DROP_MARKS_SPACED: nr_buf_putc(b, ' '); return e;
    default: nr_buf_put(b, s + i, e - i); return e;
    }
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
            i = close_gap(b, floor, s, len, i + id);
            continue;
        }
        size_t after = s[i] == '[' ? strip_marks(b, floor, s, len, i) : i;
        if (after != i) {
            i = after;
            continue;
        }
        if (i == 0 || nr_is_blank(s[i - 1])) {
            size_t e = i;
            while (e < len && !nr_is_blank(s[e])) e++;
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

/* ---------- pass 3, whole lines: boilerplate phrases and foreign-script chrome ---------- */

/* Punctuation or symbol around a phrase: ASCII non-alphanumerics, Latin-1 punctuation
   (« » · ¡ ¿ …), general punctuation, arrows, math and other symbols up to U+2BFF. */
static int is_edge_cp(uint32_t cp)
{
    if (cp < 0x80) return !nr_is_alnum((char)cp);
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
        if (nr_is_blank(a[i]) && nr_is_blank(b[j])) {
            while (i < an && nr_is_blank(a[i])) i++;
            while (j < bn && nr_is_blank(b[j])) j++;
        } else if (nr_to_lower(a[i++]) != nr_to_lower(b[j++])) return 0;
    }
    return i == an && j == bn;
}

/* Lines longer than this are never taken for boilerplate by a pattern with a '*'. */
#define SHORT_CHROME 100

/* Does the line start (or end) with the words p? A pattern "Updated *" matches a line that
 * starts with "Updated", "* min read" one that ends with "min read". */
static int matches_part(const char *s, size_t n, const char *p, size_t m, int at_end)
{
    if (m > n) return 0;
    if (at_end) {
        const char *tail = s + n - m;
        return (m == n || nr_is_blank(tail[-1])) && same_words(tail, m, p, m);
    }
    return (m == n || !nr_is_alnum_or_utf8(s[m]) || !nr_is_alnum_or_utf8(s[m - 1])) && same_words(s, m, p, m);
}

/* Does the line end like a sentence ('.', '!' or '?', maybe inside quotes or brackets)? */
static int ends_like_sentence(const char *s, size_t n)
{
    while (n && (nr_is_blank(s[n - 1]) || s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')')) n--;
    return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
}

/* A boilerplate phrase made ready once: its words without edges, and how it matches. */
typedef struct {
    const char *p;
    size_t m;
    enum { WHOLE_LINE, LINE_START, LINE_END } at;
} phrase;

struct nr_junk_phrases {
    size_t n;
    phrase v[];
};

nr_junk_phrases *nr_junk_phrases_new(const char *const *list)
{
    size_t count = 0;
    while (list && list[count]) count++;
    nr_junk_phrases *ph = malloc(sizeof *ph + count * sizeof ph->v[0]);
    if (!ph) return NULL;
    ph->n = 0;
    for (size_t i = 0; i < count; i++) {
        const char *p = list[i];
        size_t m = strlen(p);
        phrase f = { p, m, WHOLE_LINE };
        if (m > 1 && p[m - 1] == '*') { f.at = LINE_START; m--; }
        else if (m > 1 && p[0] == '*') { f.at = LINE_END; p++; m--; }
        if (f.at == WHOLE_LINE) {
            trim_edges(&p, &m);
        } else {
            while (m && nr_is_blank(p[m - 1])) m--;
            while (m && nr_is_blank(*p)) { p++; m--; }
        }
        if (!m) continue;
        f.p = p;
        f.m = m;
        ph->v[ph->n++] = f;
    }
    return ph;
}

void nr_junk_phrases_free(nr_junk_phrases *ph) { free(ph); }

static int is_boilerplate(const char *s, size_t n, const nr_junk_phrases *ph)
{
    if (n > 2 * SHORT_CHROME || !ph) return 0;     /* paragraphs of text: no phrase is that long */
    int sentence = ends_like_sentence(s, n);
    trim_edges(&s, &n);
    for (size_t i = 0; i < ph->n && n; i++) {
        const phrase *f = &ph->v[i];
        if (f->at != WHOLE_LINE && n > SHORT_CHROME) continue;
        if (f->at == LINE_START && sentence) continue;   /* "Published in 1851." is text, not a stamp */
        if (f->at == WHOLE_LINE ? same_words(s, n, f->p, f->m) : matches_part(s, n, f->p, f->m, f->at == LINE_END))
            return 1;
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
    if (cp < 0x80) return nr_is_alpha((char)cp) ? LATIN : NOT_LETTER;
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
    for (uint64_t w; i + 8 <= n; i += 8) {   /* eight bytes at a time: any top bit set? */
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080u) break;
    }
    while (i < n && nr_is_ascii(s[i])) i++;
    if (i == n) return 0;       /* all ASCII: no other script */
    i = 0;
    while (i < n) {
        uint32_t cp;
        if (!nr_is_blank(s[i]) && (i == 0 || nr_is_blank(s[i - 1])) && ++words >= 20) return 0;
        i += nr_utf8_decode(s + i, n - i, &cp);
        int sc = script_of(cp);
        latin += sc == LATIN;
        other += sc == OTHER_SCRIPT;
    }
    return other > latin && words < 20;
}

/* Writes the line stripped of ids and URLs; returns 0 when the line should go. */
static int keep_line(nr_buf *b, const char *s, size_t n, const nr_junk_phrases *boilerplate)
{
    size_t at = b->len;
    strip_line(b, s, n);
    const char *t = b->len > at ? b->s + at : "";
    size_t tn = b->len - at;
    if (all_blank(t, tn)) return all_blank(s, n);          /* keep only lines blank before */
    return !is_boilerplate(t, tn, boilerplate) && !is_foreign_chrome(t, tn);
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
        if (dropped) cut(b, undo);
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
    if (n && has_ipa_lead(s, n)) {              /* rare: only leads carry transcriptions */
        strip_guides(&unguided, s, n);
        s = nr_buf_str(&unguided);
        n = unguided.len;
    }
    if (fixed.oom || unguided.oom) out->oom = 1;
    else if (n) strip_lines(out, s, n, boilerplate);
    if (out->len > start && all_blank(out->s + start, out->len - start)) cut(out, start);
    nr_buf_free(&fixed);
    nr_buf_free(&unguided);
}
