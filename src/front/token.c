/*
 * token.c — splits a cleaned paragraph at whitespace into tokens and peels leading and
 * trailing punctuation off each word. Punctuation that is part of a word stays in it:
 * "$5", "5%", "'90s", "-2", and the inner dots of "U.S." (its final '.' is trailing
 * punctuation; the abbreviation rules look it up as word + ".").
 */
#include "front/token.h"
#include <stdlib.h>
#include <string.h>

static int is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Punctuation that may open a token: ( [ { " ' ` * _ < */
static int is_pre_punct(char c)
{
    switch (c) {
    case '(': case '[': case '{': case '"': case '\'': case '`': case '*': case '_': case '<':
        return 1;
    default:
        return 0;
    }
}

/* Punctuation that may close a token: . , ; : ! ? ) ] } " ' ` * _ > | */
static int is_post_punct(char c)
{
    switch (c) {
    case '.': case ',': case ';': case ':': case '!': case '?': case ')': case ']': case '}':
    case '"': case '\'': case '`': case '*': case '_': case '>': case '|':
        return 1;
    default:
        return 0;
    }
}

/* The shape bits of one byte of a word; NR_SHAPE_ROMAN here: "a roman-numeral letter". */
static unsigned byte_shape(unsigned char ch)
{
    unsigned roman = 0;
    switch (ch) {
    case 'I': case 'V': case 'X': case 'L': case 'C': case 'D': case 'M':
    case 'i': case 'v': case 'x': case 'l': case 'c': case 'd': case 'm': roman = NR_SHAPE_ROMAN; break;
    }
    if (ch >= 'a' && ch <= 'z') return roman;
    if (ch >= 'A' && ch <= 'Z') return NR_SHAPE_UPPER | roman;
    if (ch >= '0' && ch <= '9') return NR_SHAPE_DIGIT;
    if (ch >= 0x80) return NR_SHAPE_NON_ASCII;
    if (ch == '-') return NR_SHAPE_HYPHEN;
    return ch == '\'' ? 0 : NR_SHAPE_PUNCT;
}

static unsigned word_shape(const unsigned char *w, size_t n)
{
    if (!n) return NR_SHAPE_EMPTY;
    unsigned shape = 0, roman = NR_SHAPE_ROMAN;
    for (size_t k = 0; k < n; k++) {
        unsigned b = byte_shape(w[k]);
        shape |= b;
        roman &= b;
    }
    return (shape & ~(unsigned)NR_SHAPE_ROMAN) | roman;
}

static void push(nr_tokens *t, size_t start, size_t end)
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
    while (ws < we && is_pre_punct(s[ws]) && !(s[ws] == '\'' && ws + 1 < we && is_digit(s[ws + 1])))
        ws++;
    while (we > ws && is_post_punct(s[we - 1])) we--;
    size_t dashes = 0;
    while (start + dashes < end && s[start + dashes] == '-') dashes++;
    /* punctuation only (a free-standing dash included): all of it counts as trailing */
    if (ws == we || dashes == end - start) ws = we = start;
    t->tok[t->n++] = (nr_token){ .start = start, .end = end, .wstart = ws, .wend = we,
                                 .shape = (unsigned short)word_shape((const unsigned char *)s + ws, we - ws),
                                 .hash = nr_lex_hash(s + ws, we - ws), .in_lexicon = 1 };
}

/* Where digits are near: one pass forward, one back, remembering the last digit seen. */
static void mark_digit_neighbours(nr_tokens *t)
{
    size_t last = (size_t)-1;
    for (int pass = 0; pass < 2; pass++) {
        last = (size_t)-1;
        for (size_t k = 0; k < t->n; k++) {
            size_t i = pass ? t->n - 1 - k : k;
            if (last != (size_t)-1) {
                size_t d = pass ? last - i : i - last;
                if (d == 1) t->tok[i].shape |= NR_SHAPE_NEAR_DIGIT;
                if (d <= 3) t->tok[i].shape |= NR_SHAPE_DIGIT_IN_3;
            }
            if (t->tok[i].shape & NR_SHAPE_DIGIT) last = i;
        }
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
        while (i < len && !is_space(text[i])) i++;
        if (i > start) push(t, start, i);
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
    return n && w[0] >= 'A' && w[0] <= 'Z';
}

int nr_tok_numeric(const nr_tokens *t, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    return n && is_digit(w[0]);
}
