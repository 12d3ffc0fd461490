/*
 * segment.h — sentence and clause boundaries inside one paragraph.
 * Decides, for every token, whether a clause or a sentence ends after it, so that
 * eSpeak NG never has to guess ("Dr. John" is one phrase; "it. it works" is two).
 */
#ifndef NR_SEGMENT_H
#define NR_SEGMENT_H
#include "front/token.h"

/* Sets brk and end_mark of every token. The last token always ends a sentence. */
void nr_segment(nr_tokens *t, const nr_lexicon *lex);

/* 1 if word+"." at token i is an abbreviation (lexicon, initials "E.", dotted "U.S."). */
int nr_is_abbreviation(const nr_tokens *t, size_t i, const nr_lexicon *lex);

/* The lexicon reading of the abbreviation at token i whose context condition holds
 * ("St." before a name: saint), or NULL when token i is no abbreviation here. */
const nr_lex_entry *nr_abbrev_reading(const nr_tokens *t, size_t i, const nr_lexicon *lex);

/* 1 if token i is a list bullet ("•", or a "-" or "*" starting a line): nothing to say. */
int nr_is_bullet(const nr_tokens *t, size_t i);

#endif
