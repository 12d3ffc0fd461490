/*
 * token.h — a paragraph as whitespace-separated tokens, each split into leading
 * punctuation, the word, and trailing punctuation (Flite's prepunctuation/postpunctuation),
 * with the boundary the segmenter decided after it. Context rules read neighbours through
 * the small accessors below instead of re-scanning text.
 */
#ifndef NR_TOKEN_H
#define NR_TOKEN_H
#include <stddef.h>
#include "util/buf.h"
#include "front/lexicon.h"

typedef enum { NR_BRK_NONE = 0, NR_BRK_CLAUSE, NR_BRK_SENTENCE } nr_break;

/* What a word is made of, read once by the tokenizer so that the verbalizers' classifier
 * can skip classes a token cannot belong to. */
enum {
    NR_SHAPE_DIGIT = 1 << 0,     /* a digit: "5G", "2019", "$5" */
    NR_SHAPE_UPPER = 1 << 1,     /* a capital letter: "Jan", "BSI" */
    NR_SHAPE_PUNCT = 1 << 2,     /* ASCII punctuation inside but ' and -: "a@b.com", "R&D", "$5" */
    NR_SHAPE_HYPHEN = 1 << 3,    /* "well-known", "B-52" */
    NR_SHAPE_NON_ASCII = 1 << 4, /* "½", "€5", "°C" */
    NR_SHAPE_ROMAN = 1 << 5,     /* only roman-numeral letters: "iii", "VIII", "mix" */
    NR_SHAPE_EMPTY = 1 << 6,     /* no word: punctuation only */
    NR_SHAPE_NEAR_DIGIT = 1 << 7, /* a digit in the previous or next word: "Jan. 5", "5 kg" */
    NR_SHAPE_DIGIT_IN_3 = 1 << 8  /* a digit within three words either side: "Tue, Mar 5" */
};

typedef struct {
    size_t start, end;      /* whole token, byte offsets in the paragraph text */
    size_t wstart, wend;    /* the word inside it (wstart == wend: punctuation only) */
    nr_break brk;           /* boundary after this token (set by the segmenter) */
    char end_mark;          /* '.', '?' or '!' ending a sentence, or a clause that was a quoted ? or ! */
    unsigned short shape;   /* NR_SHAPE_* of the word and its neighbourhood */
    size_t hash;            /* nr_lex_hash() of the word, for the lexicon lookups */
    unsigned char in_lexicon; /* 0: the word is in no lexicon table (set by nr_segment) */
} nr_token;

typedef struct {
    const char *text;       /* the paragraph, cleaned, NUL-terminated */
    size_t text_len;
    nr_token *tok;
    size_t n, cap;
    int oom;
} nr_tokens;

/* Splits text into tokens (replaces any previous content of t). */
void nr_tokenize(nr_tokens *t, const char *text, size_t len);
void nr_tokens_free(nr_tokens *t);

/* The word of token i and its length; "" and 0 past either end. (Inline: the rules call
 * these for every token, several times.) */
static inline const char *nr_tok_word(const nr_tokens *t, size_t i, size_t *len)
{
    if (i >= t->n) { *len = 0; return ""; }
    *len = t->tok[i].wend - t->tok[i].wstart;
    return t->text + t->tok[i].wstart;
}

/* Trailing punctuation of token i (after the word). */
static inline const char *nr_tok_post(const nr_tokens *t, size_t i, size_t *len)
{
    if (i >= t->n) { *len = 0; return ""; }
    *len = t->tok[i].end - t->tok[i].wend;
    return t->text + t->tok[i].wend;
}

/* Leading punctuation of token i. */
static inline const char *nr_tok_pre(const nr_tokens *t, size_t i, size_t *len)
{
    if (i >= t->n) { *len = 0; return ""; }
    *len = t->tok[i].wstart - t->tok[i].start;
    return t->text + t->tok[i].start;
}

/* The lexicon entry for token i's word (as written) in a table, or NULL. Quick for the
 * words the segmenter found in no table at all. */
const nr_lex_entry *nr_tok_find(const nr_tokens *t, size_t i, const nr_lexicon *lex, nr_lex_kind table);
/* 1 if the word of token i equals s exactly. */
int nr_tok_is(const nr_tokens *t, size_t i, const char *s);
/* 1 if the trailing punctuation of token i starts with c. */
int nr_tok_post_starts(const nr_tokens *t, size_t i, char c);
/* 1 if the word of token i starts with an ASCII capital / a digit. */
int nr_tok_capitalized(const nr_tokens *t, size_t i);
int nr_tok_numeric(const nr_tokens *t, size_t i);

/* Everything the verbalizers may look at: the tokens and the lexicon. */
typedef struct {
    const nr_tokens *t;
    const nr_lexicon *lex;
} nr_ctx;

/*
 * One semiotic class read alone on token i (nr_verbalize_date, nr_verbalize_time; SSML
 * say-as uses them): its match, then its say. It may also read neighbours and consume
 * following tokens of the same clause; it returns how many tokens it consumed, 0 when the
 * token is not of its kind (and `out` is untouched). A class is a match and a say, listed
 * with its priority in the table of verbalize.c: how to add one is in verbalize.h.
 */
typedef size_t (*nr_verbalizer)(const nr_ctx *c, size_t i, nr_buf *out);

#endif
