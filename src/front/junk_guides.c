/*
 * junk_guides.c — pronunciation guides in parentheses, the junk rule of encyclopedia leads
 * (see junk_rules.h): a file of its own because telling a guide from a parenthesis that
 * merely holds foreign letters takes a small parser of its parts.
 */
#include "front/junk_rules.h"
#include <string.h>
#include "util/utf8.h"

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
int nr_junk_has_ipa_lead(const char *s, size_t len)
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
    if (!junk_has_prefix_ci(s + i, len - i, "listen")) return 0;
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
        else if (e - i == 2 && junk_has_prefix_ci(s + i, 2, "or")) {}   /* "/a/ or /b/" */
        else if (ends_colon || !is_label_word(s + i, e - i, &colon) || ++words > 4) guide = 0;
        else {
            ends_colon = colon;
            pronounce |= junk_has_prefix_ci(s + i, e - i, "pronounc");
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
        if (junk_ends_blank(b, floor))
            while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    }
    junk_trim_spaces(b, floor);
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

void nr_junk_strip_guides(nr_buf *b, const char *s, size_t len)
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
        else i = junk_close_gap(b, floor, s, len, i + g);
    }
}
