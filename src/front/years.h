/*
 * years.h — whether a number is a year, by its shape and its neighbours, and how a decade
 * is said: the questions the number classes share (number, range, year_range). A bare
 * four-digit number of 1000..2099 reads as a year unless the words around it count
 * things ("1984 people", "nearly 1500"); a cue makes it one ("in 1984", "since 1990",
 * "March 1984", "1066 AD"). Three digits are a year only with an era or a year cue ("c.
 * 742", "fell in 476", "384 BC"). The cue words are tables of en-numbers.yaml.
 */
#ifndef NR_YEARS_H
#define NR_YEARS_H
#include "front/numbers.h"
#include "front/token.h"

/* 1000..2099 as four plain digits: read as a year without a cue. */
int nr_is_year_form(const nr_num *x);
/* Four plain digits an explicit cue may make a year: 1000..2099 ("in 1066"). */
int nr_is_cued_year_form(const nr_num *x);
/* Three plain digits without a leading zero (100..999). */
int nr_is_year3(const nr_num *x);
/* Whether the bare four-digit number x at token i reads as a year here; `chain` allows
 * looking back over "1990 and 2000" (one step). */
int nr_year_context(const nr_ctx *c, size_t i, const nr_num *x, int chain);
/* Whether a number of three digits at token i (and a range to token `last`) is a year by
 * its neighbours: an era, a year cue before it, "fell in 476"; no plural noun after. */
int nr_year3_context(const nr_ctx *c, size_t i, size_t last);
/* "1066 AD", "300 BC": an era word right after token i. */
int nr_era_follows(const nr_ctx *c, size_t i);
/* A plural noun or a quantity word right after token i: "1984 people", "1500 of". */
int nr_count_follows(const nr_ctx *c, size_t i);
/* A quantity, not years, by the words around token i: "nearly 1500", "1500 people". */
int nr_counted(const nr_ctx *c, size_t i);

/* "1990s" -> nineteen nineties; "80s" -> eighties; "1,000s" -> thousands: 1 if x is a
 * decade or a round plural, which nr_say_decade says. */
int nr_decade_ok(const nr_num *x);
void nr_say_decade(nr_buf *out, const nr_num *x);
/* Makes the last word plural: "ninety" -> "nineties", "hundred" -> "hundreds". */
void nr_pluralize_last(nr_buf *out);

#endif
