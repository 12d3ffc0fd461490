/*
 * verbalize_letters.c — capital letters said one by one: "BSI" -> B S I, "WSJ's" -> W S J's,
 * "CEOs" -> C E O's, "U.S" -> U S, and letters mixed with digits: "5G" -> five G,
 * "B-52" -> B fifty two, "COVID-19" -> COVID nineteen, "MP3" -> M P three.
 *
 * An all-capital word is spelled unless it is said as a word: listed in the lexicon
 * (NATO), or long enough and shaped like an English syllable chain (OPEC, COVID).
 * Two- and three-letter acronyms are nearly always spelled (CEO, USA, EU), so they are.
 *
 * Output: eSpeak NG names a lone capital letter ("B S I"), except "A", which before
 * another word it reads as the article. A spelled run that contains an A is therefore
 * written with dots ("U.S.A", "N.B.A"), which eSpeak NG spells reliably, and an A that
 * runs into a number is joined to it ("A-four").
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include <string.h>

/* Consonant clusters that may start / end an English syllable (for pronounceability). */
static const char *const ONSETS[] = {
    "BL", "BR", "CH", "CL", "CR", "DR", "FL", "FR", "GL", "GR", "KN", "PH", "PL", "PR",
    "SC", "SH", "SK", "SL", "SM", "SN", "SP", "ST", "SW", "TH", "TR", "TW", "WH", "WR",
    "STR", "SPR", "SCR", "SPL", "THR", "SHR",
};
static const char *const CODAS[] = {
    "CH", "CK", "CT", "DS", "FT", "KS", "LD", "LF", "LK", "LM", "LP", "LT", "MP", "MS",
    "ND", "NG", "NK", "NS", "NT", "PS", "PT", "RB", "RC", "RD", "RF", "RG", "RK", "RL",
    "RM", "RN", "RP", "RS", "RT", "SH", "SK", "SP", "ST", "TH", "TS",
    "RST", "NDS", "NTS", "RDS", "LTS", "STS", "MPS", "NKS", "NGS", "CTS", "PTS", "RTS",
};
/* Consonant pairs that spell one sound, fine inside a short word ("OSHA"). */
static const char *const DIGRAPHS[] = { "CH", "CK", "NG", "PH", "SH", "TH" };
/* Short English words that are not acronyms when written in capitals ("NO", "THE"). */
static const char *const SHORT_WORDS[] = {
    "AN", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "HI", "IF", "IN", "IS", "ME", "MY",
    "NO", "OF", "OH", "ON", "OR", "SO", "TO", "UP", "WE",
    "ALL", "AND", "ARE", "BUT", "CAN", "FOR", "GET", "HAD", "HAS", "HER", "HIM", "HIS",
    "HOW", "ITS", "LET", "NEW", "NOT", "NOW", "OFF", "OLD", "ONE", "OUR", "OUT", "SAY",
    "SEE", "SHE", "THE", "TOO", "TWO", "WAS", "WAY", "WHY", "YES", "YET", "YOU",
};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_vowel(char c) { return c && strchr("AEIOU", c) != NULL; }

static size_t run_of(const char *s, size_t n, int (*cls)(char))
{
    size_t k = 0;
    while (k < n && cls(s[k])) k++;
    return k;
}

/* 1 if the n letters at s are one of the list. */
static int in_list(const char *s, size_t n, const char *const *list, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (strlen(list[k]) == n && memcmp(s, list[k], n) == 0) return 1;
    return 0;
}

/* ---- said as a word or spelled? ---- */

/* May the consonant run s[k, k+n) of a word of len letters stand where it stands? */
static int cluster_ok(const char *s, size_t k, size_t n, size_t len)
{
    if (k == 0) return n == 1 || in_list(s, n, ONSETS, COUNT(ONSETS));
    if (k + n == len) return n == 1 || in_list(s + k, n, CODAS, COUNT(CODAS));
    if (n == 1) return 1;
    if (n == 2) return len >= 5 || in_list(s + k, 2, DIGRAPHS, COUNT(DIGRAPHS));
    return n == 3 && len >= 5 && in_list(s + k + 1, 2, ONSETS, COUNT(ONSETS));
}

/* Consonant and vowel runs that an English reader could say as syllables (NATO, OPEC). */
static int pronounceable(const char *s, size_t n)
{
    int vowels = 0;
    for (size_t k = 0; k < n;) {
        size_t run = 0;
        while (k + run < n && is_vowel(s[k + run])) run++;
        if (run) {
            if (run > 2) return 0;
            vowels = 1;
            k += run;
            continue;
        }
        while (k + run < n && !is_vowel(s[k + run])) run++;
        if (!cluster_ok(s, k, run, n)) return 0;
        k += run;
    }
    return vowels;
}

static int roman_like(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!strchr("IVX", s[k])) return 0;
    return 1;
}

/* 1 if the capital letters s are said as a word rather than spelled. */
static int said_as_word(const nr_ctx *c, const char *s, size_t n)
{
    if (c->lex && nr_lex_find(c->lex, NR_LEX_AS_WORD, s, n)) return 1;
    return n > 5 || (n >= 4 && pronounceable(s, n));
}

/* An all-capital word of two letters or more at token i (with an optional 's). */
static size_t caps_word(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    size_t k = run_of(w, n, is_upper);
    if (k < 2) return 0;
    if (k == n || (k + 1 == n && w[k] == 's') || (k + 2 == n && w[k] == '\'' && w[k + 1] == 's'))
        return k;
    return 0;
}

/* All-capital running text ("BREAKING NEWS: FBI RAIDS ...") is read as written. */
static int shouting(const nr_ctx *c, size_t i)
{
    int caps = 0, wordy = 0;
    for (size_t j = i >= 2 ? i - 2 : 0; j <= i + 2; j++) {
        if (j == i) continue;
        size_t k = caps_word(c, j), n;
        if (!k) continue;
        caps++;
        if (k >= 4 && pronounceable(nr_tok_word(c->t, j, &n), k)) wordy = 1;
    }
    return caps >= 2 && wordy;
}

/* ---- output ---- */

typedef struct {
    nr_buf *out;
    int glue;               /* the last item ended in a spelled "A": join the next with '-' */
} emitter;

static void emit(emitter *e, const char *s, size_t n)
{
    if (e->glue) {
        nr_buf_putc(e->out, '-');
        nr_buf_put(e->out, s, n);
    } else nr_buf_wordn(e->out, s, n);
    e->glue = 0;
}

/* Spells capital letters; `plural` puts "'s" on the last one ("C E O's"). */
static void spell(emitter *e, const char *s, size_t n, int plural)
{
    size_t dotted = plural ? n - 1 : n;
    int has_a = memchr(s, 'A', dotted) != NULL;
    for (size_t k = 0; k < n; k++) {
        if (plural && k == n - 1) {
            char last[3] = { s[k], '\'', 's' };
            emit(e, last, 3);
            return;
        }
        if (has_a && k > 0 && k < dotted && !e->glue) {
            nr_buf_putc(e->out, '.');
            nr_buf_put(e->out, s + k, 1);
        } else emit(e, s + k, 1);
    }
    e->glue = n && s[n - 1] == 'A' && !plural;
}

/* A run of capitals inside a word: spelled, or as written when said as a word. */
static void say_caps(const nr_ctx *c, emitter *e, const char *s, size_t n, int plural)
{
    if (!said_as_word(c, s, n)) { spell(e, s, n, plural); return; }
    emit(e, s, n);
    if (plural) nr_buf_puts(e->out, "'s");
}

static void say_digits(emitter *e, const char *s, size_t n)
{
    nr_buf words = { 0 };
    if (s[0] == '0' || n > 4) nr_say_digits(&words, s, n);
    else nr_say_cardinal(&words, s, n);
    if (words.oom) e->out->oom = 1;
    else emit(e, words.s, words.len);
    nr_buf_free(&words);
}

/* ---- the shapes ---- */

/* "U.S", "U.K", "D.C" (the final '.' is punctuation) -> U S. */
static size_t dotted_initials(emitter *e, const char *w, size_t n)
{
    if (n < 3 || n % 2 == 0) return 0;
    for (size_t k = 0; k < n; k++)
        if (k % 2 ? w[k] != '.' : !is_upper(w[k])) return 0;
    nr_buf letters = { 0 };
    for (size_t k = 0; k < n; k += 2) nr_buf_putc(&letters, w[k]);
    if (letters.oom) e->out->oom = 1;
    else spell(e, letters.s, letters.len, 0);
    nr_buf_free(&letters);
    return 1;
}

/* Length of the "s" or "'s" ending a word (0 if none). */
static size_t plural_suffix(const char *w, size_t n)
{
    if (n >= 2 && w[n - 1] == 's' && w[n - 2] == '\'') return 2;
    if (n >= 1 && w[n - 1] == 's') return 1;
    return 0;
}

/* A part between hyphens: capitals and digits ("MP3"), or a word after the first ("US-China"). */
static int part_ok(const char *s, size_t n, int first)
{
    if (!n) return 0;
    if (!first && n > 1 && (is_upper(s[0]) || is_lower(s[0])) && run_of(s + 1, n - 1, is_lower) == n - 1)
        return 1;
    for (size_t k = 0; k < n; k++)
        if (!is_upper(s[k]) && !is_digit(s[k])) return 0;
    return 1;
}

/* Checks the shape of an alphanumeric word: parts, at least one capital, a plural only after a capital. */
static int alnum_ok(const char *w, size_t n, size_t suffix)
{
    if (suffix && (n == suffix || !is_upper(w[n - suffix - 1]))) return 0;
    size_t body = n - suffix, start = 0;
    int caps = 0;
    for (size_t k = 0; k <= body; k++) {
        if (k < body && w[k] != '-') { caps |= is_upper(w[k]); continue; }
        if (!part_ok(w + start, k - start, start == 0)) return 0;
        start = k + 1;
    }
    return caps;
}

/* Says one hyphen-free part: runs of capitals and of digits, or a plain word. */
static void say_part(const nr_ctx *c, emitter *e, const char *s, size_t n, int plural)
{
    if (n && is_lower(s[n - 1])) { emit(e, s, n); return; }
    for (size_t k = 0; k < n;) {
        size_t d = run_of(s + k, n - k, is_digit);
        if (d) { say_digits(e, s + k, d); k += d; continue; }
        size_t u = run_of(s + k, n - k, is_upper);
        say_caps(c, e, s + k, u, plural && k + u == n);
        k += u;
    }
}

static size_t alnum(const nr_ctx *c, size_t i, emitter *e, const char *w, size_t n)
{
    size_t suffix = plural_suffix(w, n), body = n - suffix;
    if (!alnum_ok(w, n, suffix)) return 0;
    size_t caps = run_of(w, body, is_upper);
    if (caps == body) {                         /* a plain acronym: BSI, CEOs, NATO */
        if (caps < 2 || caps > 5 || roman_like(w, caps) || said_as_word(c, w, caps) || shouting(c, i)
            || (!suffix && in_list(w, caps, SHORT_WORDS, COUNT(SHORT_WORDS))))
            return 0;
        size_t r = 0;                           /* "WWII": W W two */
        while (r < caps && w[caps - 1 - r] == 'I') r++;
        if (!suffix && (r == 2 || r == 3) && caps > r) {
            spell(e, w, caps - r, 0);
            emit(e, r == 2 ? "two" : "three", r == 2 ? 3 : 5);
            return 1;
        }
        spell(e, w, caps, suffix != 0);
        return 1;
    }
    for (size_t k = 0, start = 0; k <= body; k++) {
        if (k < body && w[k] != '-') continue;
        say_part(c, e, w + start, k - start, suffix && k == body);
        start = k + 1;
    }
    return 1;
}

size_t nr_verbalize_letters(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    if (n < 2 || !(is_upper(w[0]) || is_digit(w[0]))) return 0;
    if (c->lex && nr_lex_find(c->lex, NR_LEX_WORD, w, n)) return 0;
    emitter e = { out, 0 };
    if (dotted_initials(&e, w, n)) return 1;
    return alnum(c, i, &e, w, n);
}
