/*
 * verbalize.c — the classifier: asks each class's verbalizer in turn whether token i is
 * its kind, and otherwise says the word as written (after the lexicon's respellings).
 */
#include "front/verbalize.h"

static const nr_verbalizer classes[] = {
    nr_verbalize_date,          /* before abbreviations: "Jan. 5, 2019" is one date */
    nr_verbalize_time,
    nr_verbalize_abbrev,
    nr_verbalize_electronic,
    nr_verbalize_address,       /* before measure: "3405 W Olive Blvd" is no measure of watts */
    nr_verbalize_money,
    nr_verbalize_measure,
    nr_verbalize_fraction,
    nr_verbalize_number,
    nr_verbalize_roman,
    nr_verbalize_letters,
    nr_verbalize_symbol,
};

size_t nr_verbalize(const nr_ctx *c, size_t i, nr_buf *out)
{
    for (size_t k = 0; k < sizeof classes / sizeof classes[0]; k++) {
        size_t used = classes[k](c, i, out);
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
