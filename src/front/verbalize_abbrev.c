/*
 * verbalize_abbrev.c — abbreviations from the lexicon, read by context:
 * "St. Louis" is Saint, "Main St." is Street, "No. 5" is number (the choice is
 * nr_abbrev_reading's, shared with the segmenter so both agree).
 */
#include "front/segment.h"
#include "front/verbalize.h"

size_t nr_verbalize_abbrev(const nr_ctx *c, size_t i, nr_buf *out)
{
    const nr_lex_entry *e = nr_abbrev_reading(c->t, i, c->lex);
    if (!e) return 0;
    nr_buf_word(out, e->say);
    return 1;
}
