/*
 * junk_chrome.c — whole lines of site chrome, the last junk rule (see junk_rules.h): a
 * line that is only a boilerplate phrase of the lexicon ("Source link", "Updated *"), or a
 * short banner in another script than the article's. A file of its own because phrases
 * are made ready once per lexicon and matched with their edges and wildcards.
 */
#include "front/junk_rules.h"
#include <stdlib.h>
#include <string.h>
#include "util/utf8.h"

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

int nr_junk_is_boilerplate(const char *s, size_t n, const nr_junk_phrases *ph)
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

/* A short line mostly in another script than Latin: a site banner, not the article. Short
 * is fewer than 20 words and fewer than FOREIGN_LETTERS_MAX letters of that script: Chinese
 * and Japanese put no spaces between words, so a paragraph of theirs is one "word" long. */
#define FOREIGN_LETTERS_MAX 40
int nr_junk_is_foreign_chrome(const char *s, size_t n)
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
    return other > latin && words < 20 && other < FOREIGN_LETTERS_MAX;
}
