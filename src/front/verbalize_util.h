/*
 * verbalize_util.h — small rules that several verbalizers share: how tokens stand to
 * each other (token.h has the accessors, these are the questions the classes ask of
 * them), and the output of spelled letters. Number words and parsing are numbers.h's.
 */
#ifndef NR_VERBALIZE_UTIL_H
#define NR_VERBALIZE_UTIL_H
#include "front/numbers.h"
#include "front/token.h"

/* How many bytes s starts with that are of the class cls (nr_is_digit, nr_is_upper, ...). */
static inline size_t nr_run_of(const char *s, size_t n, int (*cls)(char))
{
    size_t k = 0;
    while (k < n && cls(s[k])) k++;
    return k;
}

/* 1 if tokens i and i+1 touch: same clause, no punctuation between them ("5 kg", "World War II"). */
int nr_tok_joined(const nr_tokens *t, size_t i);
/* 1 if token i exists, has a word and no punctuation before it: it can carry on a
 * reading begun on the token before ("Jan. 5", "4:00 am"). */
int nr_tok_continues(const nr_tokens *t, size_t i);
/* 1 if token i is a lone range dash with no punctuation before it ("1938 - 1981"); the
 * tokenizer gives it either as the word or as punctuation. */
int nr_tok_dash(const nr_tokens *t, size_t i);
/* 1 if the whole word of token i is one number without a sign (parsed into x). */
int nr_tok_number(const nr_tokens *t, size_t i, nr_num *x);
/* The word of token i in a table of cue words, in any case ("In", "PART"). */
int nr_tok_cue(const nr_ctx *c, const char *table, size_t i);
/* 1 if token i opens a sentence (a capital there says nothing about names). */
int nr_tok_sentence_start(const nr_tokens *t, size_t i);
/* 1 if token i follows the name of a maker of aircraft or the like, nothing between them
 * ("Boeing 747", "Airbus's A380"): a number there names a model (model_makers in
 * en-numbers.yaml). */
int nr_tok_after_maker(const nr_ctx *c, size_t i);

/* Writes one spelled letter as its own word: the capital ("b" -> B), except A, written
 * "Eh". eSpeak NG reads a lone "A" before another word as the article, and after "of" or
 * "at" even "A-" and "A.M" ("of A.M" -> of uh dot M); "Eh" it says as the letter
 * everywhere. */
void nr_say_letter(nr_buf *out, char ch);

#endif
