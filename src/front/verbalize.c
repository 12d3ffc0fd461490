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

/* Shape bits (token.h), short names. */
enum {
    SH_DIGIT = NR_SHAPE_DIGIT, SH_UPPER = NR_SHAPE_UPPER, SH_PUNCT = NR_SHAPE_PUNCT,
    SH_HYPHEN = NR_SHAPE_HYPHEN, SH_NON_ASCII = NR_SHAPE_NON_ASCII, SH_ROMAN = NR_SHAPE_ROMAN,
    SH_EMPTY = NR_SHAPE_EMPTY,
    SH_NEAR_DIGIT = NR_SHAPE_NEAR_DIGIT, SH_DIGIT_IN_3 = NR_SHAPE_DIGIT_IN_3,
    SH_ALL = 0xffff          /* asked for every token, plain words too */
};

typedef struct {
    nr_verbalizer say;
    unsigned needs;         /* asked only when the token has one of these */
} verbalizer_class;

static const verbalizer_class classes[] = {
    { nr_verbalize_date, SH_DIGIT | SH_NEAR_DIGIT | SH_DIGIT_IN_3 }, /* before abbreviations: "Jan. 5, 2019" is one date */
    { nr_verbalize_time, SH_DIGIT | SH_NEAR_DIGIT },
    { nr_verbalize_abbrev, SH_ALL },     /* the only class for plain words: see the fast path below */
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

enum { SH_ANY_GATE = SH_DIGIT | SH_UPPER | SH_PUNCT | SH_HYPHEN | SH_NON_ASCII | SH_ROMAN | SH_EMPTY |
                     SH_NEAR_DIGIT | SH_DIGIT_IN_3 };

size_t nr_verbalize(const nr_ctx *c, size_t i, nr_buf *out)
{
    unsigned shape = c->t->tok[i].shape;
    if (!(shape & SH_ANY_GATE)) {   /* a plain lower-case word, most of the text: */
        size_t used = nr_verbalize_abbrev(c, i, out);       /* the one class asked for it */
        return used ? used : nr_verbalize_word(c, i, out);
    }
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
    const nr_lex_entry *e = c->lex ? nr_tok_find(c->t, i, c->lex, NR_LEX_WORD) : NULL;
    if (e) nr_buf_word(out, e->say);
    else nr_buf_wordn(out, w, n);
    return 1;
}
