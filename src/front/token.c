/*
 * token.c — splits a cleaned paragraph at whitespace into tokens and peels leading and
 * trailing punctuation off each word. Punctuation that is part of a word stays in it:
 * "$5", "5%", "'90s", "-2", and the inner dots of "U.S." (its final '.' is trailing
 * punctuation; the abbreviation rules look it up as word + ".").
 */
#include "front/token.h"
#include <stdlib.h>
#include <string.h>
#include "util/chars.h"

/* What each byte can be, looked up once per byte (the tokenizer reads every byte of the
 * text): whitespace, punctuation that may open or close a token, and its shape bits
 * (NR_SHAPE_ROMAN here: "a roman-numeral letter"). Ranges (0 ... 255) are a GNU C
 * extension that gcc and clang both have. */
enum { SPACE = 1u << 16, PRE = 1u << 17, POST = 1u << 18 };
#define ROMAN NR_SHAPE_ROMAN
#define UP NR_SHAPE_UPPER
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"   /* later entries refine the ranges: on purpose */
static const unsigned byte_class[256] = {
    [0 ... 255] = NR_SHAPE_PUNCT,
    [0x80 ... 0xff] = NR_SHAPE_NON_ASCII,
    [' '] = SPACE, ['\n'] = SPACE, ['\t'] = SPACE, ['\r'] = SPACE,
    ['a' ... 'z'] = 0, ['A' ... 'Z'] = UP, ['0' ... '9'] = NR_SHAPE_DIGIT,
    ['-'] = NR_SHAPE_HYPHEN, ['\''] = PRE | POST,
    ['i'] = ROMAN, ['v'] = ROMAN, ['x'] = ROMAN, ['l'] = ROMAN, ['c'] = ROMAN, ['d'] = ROMAN, ['m'] = ROMAN,
    ['I'] = UP | ROMAN, ['V'] = UP | ROMAN, ['X'] = UP | ROMAN, ['L'] = UP | ROMAN, ['C'] = UP | ROMAN,
    ['D'] = UP | ROMAN, ['M'] = UP | ROMAN,
    /* may open a token: ( [ { " ' ` * _ <   may close one: . , ; : ! ? ) ] } " ' ` * _ > | */
    ['('] = NR_SHAPE_PUNCT | PRE, ['['] = NR_SHAPE_PUNCT | PRE, ['{'] = NR_SHAPE_PUNCT | PRE,
    ['<'] = NR_SHAPE_PUNCT | PRE,
    ['"'] = NR_SHAPE_PUNCT | PRE | POST, ['`'] = NR_SHAPE_PUNCT | PRE | POST,
    ['*'] = NR_SHAPE_PUNCT | PRE | POST, ['_'] = NR_SHAPE_PUNCT | PRE | POST,
    ['.'] = NR_SHAPE_PUNCT | POST, [','] = NR_SHAPE_PUNCT | POST, [';'] = NR_SHAPE_PUNCT | POST,
    [':'] = NR_SHAPE_PUNCT | POST, ['!'] = NR_SHAPE_PUNCT | POST, ['?'] = NR_SHAPE_PUNCT | POST,
    [')'] = NR_SHAPE_PUNCT | POST, [']'] = NR_SHAPE_PUNCT | POST, ['}'] = NR_SHAPE_PUNCT | POST,
    ['>'] = NR_SHAPE_PUNCT | POST, ['|'] = NR_SHAPE_PUNCT | POST,
};
#pragma GCC diagnostic pop
#undef ROMAN
#undef UP

static unsigned class_of(char c) { return byte_class[(unsigned char)c]; }
static int is_space(char c) { return (class_of(c) & SPACE) != 0; }
static int is_pre_punct(char c) { return (class_of(c) & PRE) != 0; }
static int is_post_punct(char c) { return (class_of(c) & POST) != 0; }

static unsigned word_shape(const unsigned char *w, size_t n)
{
    if (!n) return NR_SHAPE_EMPTY;
    unsigned shape = 0, roman = NR_SHAPE_ROMAN;
    for (size_t k = 0; k < n; k++) {
        unsigned b = byte_class[w[k]] & 0xffff;
        shape |= b;
        roman &= b;
    }
    return (shape & ~(unsigned)NR_SHAPE_ROMAN) | roman;
}

/* shape: word_shape() of the whole token, which serves when no punctuation is peeled off */
static void push(nr_tokens *t, size_t start, size_t end, unsigned shape)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        nr_token *tok = realloc(t->tok, cap * sizeof *tok);
        if (!tok) { t->oom = 1; return; }
        t->tok = tok;
        t->cap = cap;
    }
    const char *s = t->text;
    size_t ws = start, we = end;
    /* "'90s" keeps its apostrophe: it stands for the missing century. */
    while (ws < we && is_pre_punct(s[ws]) && !(s[ws] == '\'' && ws + 1 < we && nr_is_digit(s[ws + 1])))
        ws++;
    while (we > ws && is_post_punct(s[we - 1])) we--;
    size_t dashes = 0;
    while (start + dashes < end && s[start + dashes] == '-') dashes++;
    /* punctuation only (a free-standing dash included): all of it counts as trailing */
    if (ws == we || dashes == end - start) ws = we = start;
    if (ws != start || we != end) shape = word_shape((const unsigned char *)s + ws, we - ws);
    t->tok[t->n++] = (nr_token){ .start = start, .end = end, .wstart = ws, .wend = we,
                                 .shape = (unsigned short)shape,
                                 .hash = nr_lex_hash(s + ws, we - ws), .in_lexicon = 1 };
}

/* Where digits are near: one pass, remembering the last digit seen; a digit also marks
 * the tokens up to three back. */
static void mark_digit_neighbours(nr_tokens *t)
{
    size_t last = (size_t)-1;
    for (size_t i = 0; i < t->n; i++) {
        nr_token *k = &t->tok[i];
        if (last != (size_t)-1 && i - last <= 3)
            k->shape |= i - last == 1 ? NR_SHAPE_NEAR_DIGIT | NR_SHAPE_DIGIT_IN_3 : NR_SHAPE_DIGIT_IN_3;
        if (!(k->shape & NR_SHAPE_DIGIT)) continue;
        for (size_t d = 1; d <= 3 && d <= i; d++)
            t->tok[i - d].shape |= d == 1 ? NR_SHAPE_NEAR_DIGIT | NR_SHAPE_DIGIT_IN_3 : NR_SHAPE_DIGIT_IN_3;
        last = i;
    }
}

void nr_tokenize(nr_tokens *t, const char *text, size_t len)
{
    t->text = text;
    t->text_len = len;
    t->n = 0;
    t->oom = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && is_space(text[i])) i++;
        size_t start = i;
        unsigned any = 0, all = NR_SHAPE_ROMAN, c;   /* word_shape() on the way */
        while (i < len && !((c = class_of(text[i])) & SPACE)) { any |= c; all &= c; i++; }
        if (i > start) push(t, start, i, ((any & 0xffff) & ~(unsigned)NR_SHAPE_ROMAN) | all);
    }
    mark_digit_neighbours(t);
}

void nr_tokens_free(nr_tokens *t)
{
    free(t->tok);
    memset(t, 0, sizeof *t);
}

const nr_lex_entry *nr_tok_find(const nr_tokens *t, size_t i, const nr_lexicon *lex, nr_lex_kind table)
{
    if (i >= t->n) return NULL;
    const nr_token *k = &t->tok[i];
    if (!k->in_lexicon) return NULL;
    return nr_lex_find_hashed(lex, table, t->text + k->wstart, k->wend - k->wstart, k->hash);
}

int nr_tok_is(const nr_tokens *t, size_t i, const char *s)
{
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    return strlen(s) == n && memcmp(w, s, n) == 0;
}

int nr_tok_post_starts(const nr_tokens *t, size_t i, char c)
{
    size_t n;
    const char *p = nr_tok_post(t, i, &n);
    return n && p[0] == c;
}

int nr_tok_capitalized(const nr_tokens *t, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    return n && nr_is_upper(w[0]);
}

int nr_tok_numeric(const nr_tokens *t, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    return n && nr_is_digit(w[0]);
}
