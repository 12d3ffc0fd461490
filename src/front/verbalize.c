/*
 * verbalize.c — the classifier: asks each class's verbalizer in turn whether token i is
 * its kind, and otherwise says the word as written (after the lexicon's respellings).
 *
 * Most words of running text are plain ("the", "officials"): no class but the lexicon's
 * abbreviations can take them. So the token's shape is read once, and a class is asked
 * only when the token has a feature its kind needs (a digit in or next to it, a capital,
 * inner punctuation, a non-ASCII symbol, ...). The gates only save time: each class still
 * checks the token itself.
 */
#include "front/verbalize.h"
#include <string.h>

enum {
    SH_DIGIT = 1 << 0,      /* a digit in the word: "5G", "2019", "$5" */
    SH_NEAR_DIGIT = 1 << 1, /* a digit in the previous or next word: "Jan. 5", "5 kg" */
    SH_UPPER = 1 << 2,      /* a capital letter: "Jan.", "BSI", "Monday" */
    SH_PUNCT = 1 << 3,      /* ASCII punctuation inside the word but ' and -: "a@b.com", "R&D", "$" */
    SH_HYPHEN = 1 << 4,     /* "well-known", "B-52" */
    SH_NON_ASCII = 1 << 5,  /* "½", "€", "°C" */
    SH_ROMAN = 1 << 6,      /* only roman-numeral letters: "iii", "VIII", "mix" */
    SH_EMPTY = 1 << 7,      /* no word: a free-standing dash */
    SH_ALL = 0xff           /* asked for every token, plain words too */
};

typedef struct {
    nr_verbalizer say;
    unsigned needs;         /* asked only when the token has one of these */
} verbalizer_class;

static const verbalizer_class classes[] = {
    { nr_verbalize_date, SH_DIGIT | SH_NEAR_DIGIT | SH_UPPER },   /* before abbreviations: "Jan. 5, 2019" is one date */
    { nr_verbalize_time, SH_DIGIT | SH_NEAR_DIGIT },
    { nr_verbalize_abbrev, SH_ALL },
    { nr_verbalize_electronic, SH_PUNCT },
    { nr_verbalize_address, SH_DIGIT | SH_NEAR_DIGIT | SH_UPPER }, /* before measure: "3405 W Olive Blvd" is no measure of watts */
    { nr_verbalize_money, SH_DIGIT | SH_NEAR_DIGIT | SH_PUNCT | SH_NON_ASCII },
    { nr_verbalize_measure, SH_DIGIT | SH_NEAR_DIGIT | SH_NON_ASCII },
    { nr_verbalize_fraction, SH_DIGIT | SH_NEAR_DIGIT | SH_NON_ASCII },
    { nr_verbalize_number, SH_DIGIT | SH_NEAR_DIGIT | SH_PUNCT | SH_NON_ASCII },
    { nr_verbalize_roman, SH_UPPER | SH_ROMAN },
    { nr_verbalize_letters, SH_UPPER | SH_DIGIT },
    { nr_verbalize_symbol, SH_PUNCT | SH_HYPHEN | SH_NON_ASCII | SH_EMPTY | SH_NEAR_DIGIT },
};

static int has_digit(const nr_tokens *t, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    for (size_t k = 0; k < n; k++)
        if (w[k] >= '0' && w[k] <= '9') return 1;
    return 0;
}

static unsigned char_shape(unsigned char ch)
{
    if (ch >= '0' && ch <= '9') return SH_DIGIT;
    if (ch >= 'A' && ch <= 'Z') return SH_UPPER;
    if (ch >= 'a' && ch <= 'z') return 0;
    if (ch >= 0x80) return SH_NON_ASCII;
    if (ch == '-') return SH_HYPHEN;
    return ch == '\'' ? 0 : SH_PUNCT;
}

static int is_roman_letter(char ch) { return ch && strchr("IVXLCDMivxlcdm", ch) != NULL; }

static unsigned shape_of(const nr_tokens *t, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    unsigned shape = n ? SH_ROMAN : SH_EMPTY;
    for (size_t k = 0; k < n; k++) {
        shape |= char_shape((unsigned char)w[k]);
        if (!is_roman_letter(w[k])) shape &= ~(unsigned)SH_ROMAN;
    }
    if ((i > 0 && has_digit(t, i - 1)) || (i + 1 < t->n && has_digit(t, i + 1))) shape |= SH_NEAR_DIGIT;
    return shape;
}

size_t nr_verbalize(const nr_ctx *c, size_t i, nr_buf *out)
{
    unsigned shape = shape_of(c->t, i);
    for (size_t k = 0; k < sizeof classes / sizeof classes[0]; k++) {
        if (classes[k].needs != SH_ALL && !(shape & classes[k].needs)) continue;
        size_t used = classes[k].say(c, i, out);
        if (used) return used;
    }
    return nr_verbalize_word(c, i, out);
}

size_t nr_verbalize_word(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    const nr_lex_entry *e = c->lex ? nr_lex_find(c->lex, NR_LEX_WORD, w, n) : NULL;
    if (e) nr_buf_word(out, e->say);
    else nr_buf_wordn(out, w, n);
    return 1;
}
