/*
 * verbalize_roman.c — roman numerals in context: "World War II" -> world war two,
 * "Chapter IV" -> chapter four, "Super Bowl LIII" -> fifty three, "Henry VIII" -> Henry
 * the eighth, "Pope John Paul II", "Louis XIV's", "the XIX century" -> the nineteenth
 * century, "(iii)" -> three, "MMXIX" -> twenty nineteen.
 *
 * Most words made of roman letters are something else: the pronoun "I", initials, "Malcolm
 * X", "Vitamin C", "DC", "MIX". So the letters must form a well-formed numeral
 * (nr_roman_value: no "IIII", no "CIVIL") and the context must call for a number. The
 * context words are tables of voices/lexicons/en-numbers.yaml:
 *   roman_cues          the word before makes it a number: War, Chapter, Part, Bowl, ...
 *   regnal_names        a monarch's or pope's name before makes it an ordinal: "the eighth"
 *   regnal_titles       so does a title two words back: "King Tupou VI"
 *   roman_ordinal_next  the word after makes it an ordinal: "XIX century"
 * After two capitalized words a generational II, III or IV is an ordinal too ("Davis Love
 * III" -> the third). A single letter needs a cue or a listed name (X a title too: "Pope
 * Pius X", but "Malcolm X"), and a lone "I" is the pronoun unless a capitalized cue word
 * ("World War I", "Part I") or a listed name ("King David I") stands before it.
 * Numerals left over of three letters or more and "II" read as plain numbers: titles of
 * works and machines ("Thunderbolt II", "Final Fantasy VII").
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>

#define MAX_ROMAN 15            /* letters of the longest numeral nr_roman_value accepts */
#define MAX_REGNAL 39           /* no monarch or pope has had a higher number */

typedef enum { R_NONE, R_CARDINAL, R_ORDINAL, R_REGNAL, R_YEAR } reading;


/* 1 if every letter is one of `set`. */
static int only(const char *s, size_t n, const char *set)
{
    for (size_t k = 0; k < n; k++)
        if (!s[k] || !strchr(set, s[k])) return 0;
    return n > 0;
}

/* A capitalized word (not all capitals) as token j: "Henry", "Sam". */
static int name_like(const nr_ctx *c, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    return n >= 2 && nr_is_upper(w[0]) && nr_is_lower(w[1]);
}

/* The reading of the numeral `s` (value v) at token i; `upper`: written in capitals. */
/* "I. The Storm." "IV. Results": a numeral and its '.' opening a line or a sentence,
 * before a capitalized word, numbers a section. */
static int heads_section(const nr_tokens *t, size_t i)
{
    size_t pn;
    const char *p = nr_tok_post(t, i, &pn);
    if (pn != 1 || p[0] != '.' || i + 1 >= t->n || !nr_tok_capitalized(t, i + 1)) return 0;
    if (i == 0 || t->tok[i - 1].brk == NR_BRK_SENTENCE) return 1;
    return memchr(t->text + t->tok[i - 1].end, '\n', t->tok[i].start - t->tok[i - 1].end) != NULL;
}

static reading decide(const nr_ctx *c, size_t i, const char *s, size_t n, int upper, int v)
{
    size_t qn;
    const char *pre = nr_tok_pre(c->t, i, &qn);
    int ivx = only(s, n, upper ? "IVX" : "ivx");
    int before = i > 0 && nr_tok_joined(c->t, i - 1);
    if (qn && pre[qn - 1] == '(' && nr_tok_post_starts(c->t, i, ')'))   /* "(iii)" */
        return ivx && v <= MAX_REGNAL ? R_CARDINAL : R_NONE;
    if (before && nr_tok_cue(c, NR_T_roman_cues, i - 1)) {
        if (n == 1 && s[0] == 'I' && !nr_tok_capitalized(c->t, i - 1)) return R_NONE;  /* "the book I read" */
        /* one letter but I or V is rather a letter: "Class C", "Part D", "Gen X", "Series X";
         * X counts only after cues that number text ("Chapter X", "Book X") */
        if (n == 1 && s[0] != 'I' && s[0] != 'V' && s[0] != 'i' && s[0] != 'v' &&
            !((s[0] == 'X' || s[0] == 'x') && nr_tok_cue(c, NR_T_roman_text_cues, i - 1)))
            return R_NONE;
        return upper || (n > 1 && ivx) ? R_CARDINAL : R_NONE;   /* "chapter ii", not "part mix" */
    }
    if (!upper) return R_NONE;
    if (ivx && heads_section(c->t, i)) return R_CARDINAL;              /* "I. The Storm." */
    if (nr_tok_joined(c->t, i) && nr_tok_cue(c, NR_T_roman_ordinal_next, i + 1))   /* "XIX century" */
        return R_ORDINAL;
    if (n >= 4 && s[0] == 'M' && v >= 1000 && v <= 2099) return R_YEAR;  /* "MMXIX" */
    int regnal_form = ivx && v <= MAX_REGNAL;
    if (before && regnal_form && name_like(c, i - 1)) {
        size_t pn;
        const char *name = nr_tok_word(c->t, i - 1, &pn);
        int named = c->lex && nr_lex_find(c->lex, NR_T_regnal_names, name, pn);
        int titled = i >= 2 && nr_tok_joined(c->t, i - 2) && nr_tok_cue(c, NR_T_regnal_titles, i - 2);
        int full_name = i >= 2 && nr_tok_joined(c->t, i - 2) && name_like(c, i - 2) && v >= 2 && v <= 4
                        && !nr_tok_cue(c, NR_T_sentence_starters, i - 2);    /* "The Thunderbolt II" */
        if ((named || titled) && (n >= 2 || s[0] != 'X' || titled)) return R_REGNAL;  /* not "Malcolm X" */
        if (full_name) return R_REGNAL;         /* "Davis Love III", "Henry Ford II" */
        if (n >= 2) return R_CARDINAL;          /* "Civilization IV", "Thunderbolt II" */
    }
    if (regnal_form && v >= 2 && (n >= 3 || (n == 2 && s[0] == 'I' && s[1] == 'I'))
        && !(n == 3 && v == 30))                /* "XXX" is rather the letters */
        return R_CARDINAL;
    return R_NONE;
}

/* The value as decimal digits (1..3999). */
static size_t to_digits(int v, char *d)
{
    char tmp[8];
    size_t n = 0, k = 0;
    do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v && n < sizeof tmp);
    while (n) d[k++] = tmp[--n];
    return k;
}

/* "-era" after the numeral: said as words ("world war two era"); its length or 0. */
static size_t tail_at(const char *s, size_t n)
{
    if (n < 2 || s[0] != '-') return 0;
    for (size_t k = 1; k < n; k++)
        if (!nr_is_lower(s[k]) && s[k] != '-') return 0;
    return n;
}

/* What the match read, for the say. */
typedef struct {
    int value;
    size_t body;            /* bytes of the numeral */
    int possessive;         /* "'s" after it */
} numeral;

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, numeral *x)
{
    if (!n || !c->lex) return 0;
    size_t body = 0;
    while (body < n && body <= MAX_ROMAN && w[body] && strchr("IVXLCDMivxlcdm", w[body])) body++;
    if (!body || body > MAX_ROMAN) return 0;
    size_t rest = n - body;
    int poss = rest == 2 && w[body] == '\'' && w[body + 1] == 's';         /* "Louis XIV's" */
    if (rest && !poss && !tail_at(w + body, rest)) return 0;
    int upper = nr_is_upper(w[0]);
    if (!only(w, body, upper ? "IVXLCDM" : "ivxlcdm")) return 0;
    char letters[MAX_ROMAN];
    for (size_t k = 0; k < body; k++) letters[k] = nr_to_upper(w[k]);
    int v = nr_roman_value(letters, body);
    reading r = v ? decide(c, i, w, body, upper, v) : R_NONE;
    if (r == R_NONE) return 0;
    *x = (numeral){ v, body, poss };
    m->reading = (int)r;
    return 1;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const numeral *x,
                nr_buf *out)
{
    (void)c, (void)i;
    reading r = (reading)m->reading;
    char d[8];
    size_t dn = to_digits(x->value, d), rest = n - x->body;
    if (r == R_REGNAL) nr_buf_word(out, "the");
    if (r == R_REGNAL || r == R_ORDINAL) nr_say_ordinal(out, d, dn);
    else if (r == R_YEAR) nr_say_year(out, d, dn);
    else nr_say_cardinal(out, d, dn);
    if (x->possessive) nr_buf_puts(out, "'s");
    for (size_t k = x->body + 1, start = k; !x->possessive && rest && k <= n; k++) {
        if (k == n || w[k] == '-') {
            if (k > start) nr_buf_wordn(out, w + start, k - start);
            start = k + 1;
        }
    }
}

NR_CLASS_RECORD(roman, numeral, match, say);
