/*
 * units.h — units of measure after a quantity, for the classes that read one (measure,
 * scientific notation): the unit as written ("kg", "km/h", "m²", "mol⁻¹"), glued to the
 * number or as the next words ("12 kg", "500 sq ft", "130 mm Hg", "20° C"), and how it
 * is said, singular or plural ("one kilogram", "a 5-kg bag", "five kilograms"). The
 * units are data: the `units` table of voices/lexicons/en-units.yaml and its fields.
 * Matching and saying are apart, as the classes need them: nr_unit_after reads, and
 * nr_say_unit_after says what it read.
 */
#ifndef NR_UNITS_H
#define NR_UNITS_H
#include "front/numbers.h"
#include "front/token.h"

/* One unit of a compound: its entry and a power ("m²": 2). */
typedef struct {
    const nr_lex_entry *e;
    int power;
} nr_unit_part;

/* A unit expression: "kg", "km/h", "kg/m²", "km/s/Mpc", or "/kg" (a rate per unit). */
#define NR_MAX_PER 3
typedef struct {
    nr_unit_part top, per[NR_MAX_PER];
    int has_top, has_per;       /* has_per: how many units after slashes */
    const char *per_word;       /* "/day": a plain word from unit_per_words (last) */
    size_t per_word_len;
} nr_unit_expr;

/* The unit after a quantity, as read. */
typedef enum { NR_UNIT_SPACED, NR_UNIT_DASHED, NR_UNIT_GLUED, NR_UNIT_DEGREE } nr_unit_form;
typedef struct {
    nr_unit_form form;
    nr_unit_expr u;
    const char *scale;          /* SPACED: "100 million kg" */
    size_t scale_n;
    int square;                 /* SPACED: "500 sq ft" */
    const nr_lex_entry *degree; /* DEGREE: "20° C" */
} nr_unit_after;

/* The unit after the quantity at token i: glued (the rest of its word, `rest`), or the
 * next words when the word is used up (rn == 0); `decimal`: the quantity has decimals
 * (2: a power of ten). The tokens used from token i's on, 0 if no unit follows. */
size_t nr_unit_after_read(const nr_ctx *c, size_t i, const char *rest, size_t rn, int decimal, nr_unit_after *ua);
/* The same for the next words only: the tokens used after token i, 0 if none. */
size_t nr_unit_spaced_read(const nr_ctx *c, size_t i, int decimal, nr_unit_after *ua);
/* Says it: singular after one (or before a noun), else plural. */
void nr_say_unit_after(nr_buf *out, const nr_unit_after *ua, int one);

/* The entry of a unit as written ("kg", "KG"), or NULL. */
const nr_lex_entry *nr_unit_find(const nr_ctx *c, const char *s, size_t n);
/* The reading of a unit's entry, singular or plural. */
void nr_say_unit_entry(nr_buf *out, const nr_lex_entry *e, int plural);

/* 1 if the quantity is exactly one: "1 kg" is one kilogram. */
static inline int nr_is_one(const nr_num *q) { return q->ipn == 1 && q->ip[0] == '1' && !q->fp; }
/* 1 if token j is a lower-case word of the clause of token j-1 that can be a noun. */
int nr_unit_noun_at(const nr_ctx *c, size_t j);
/* "a 5 kg bag": after an article the measure describes what follows (unit singular). */
int nr_unit_attributive(const nr_ctx *c, size_t i);
/* 1 if the measure from token i to before token end describes the noun after it ("the
 * 65W charger", "Apple's 30W adapter"). */
int nr_unit_before_noun(const nr_ctx *c, size_t i, size_t end);

#endif
