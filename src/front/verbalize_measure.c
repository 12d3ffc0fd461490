/*
 * verbalize_measure.c — a quantity with a unit of measure: "12kg", "12 kg", "5.5 km",
 * "-0.4kg", "100 million kg", "10-13 °C", "2°C", "5-kg bag", "60 mph", "100 km/h",
 * "12kg/kg", "12/kg", "41,459.00 km³", "100 m2", "500 sq ft", "3x faster",
 * "4 1/2 lbs", "½ cup", "5 ft 3 in", "130 mm Hg", "4x100m", "2x2", "70 km/s/Mpc".
 * (Powers of ten with their unit are verbalize_scientific.c's, coordinates
 * verbalize_coordinates.c's; the units themselves units.c's.)
 *
 * Why a class of its own: the unit is said after the number and agrees with it (one
 * kilogram, two kilograms, a 5-kg bag), so the number and the unit are read together.
 * A unit must fill the rest of its word, or the next word of the same clause; anything
 * else is declined and read by the number class.
 *
 * Before a noun a measure describes it and its unit is singular, as with money: "a 5 kg
 * bag", "the 128GB model", "Apple's 30W adapter" (unit_determiners, unit_not_nouns).
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/units.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>

/* What the match read, for the say. */
enum { SINGLE, RANGE, SIZES, FRACTION };
typedef struct {
    nr_num a, b;            /* the quantity; RANGE: its end */
    size_t sizes;           /* SIZES: bytes of "x100x20" after a */
    nr_unit_after unit;
    int has_unit;           /* SIZES: a unit follows (the other readings have one) */
    int one;                /* the unit in the singular */
} measure;

/* 1 if token j is a lone dash (the segmenter may have marked a pause there: between two
 * numbers it is a range, so that is not checked). */
static int is_dash_token(const nr_ctx *c, size_t j)
{
    size_t n, pn;
    nr_tok_word(c->t, j, &n);
    const char *p = nr_tok_post(c->t, j, &pn);
    return j < c->t->n && !n && pn && nr_range_dash(p, pn) == pn;
}

/* ---- a quantity with a fraction: "4 1/2 lbs", "1/2 oz", "½ cup" ---- */

/* 1 if the fraction written in token i (and maybe i+1) is more than one unit: a whole
 * number with it ("4 1/2", "2½", "1-1/2") or a numerator at least the denominator. */
static int fraction_plural(const nr_ctx *c, size_t i, size_t used)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    size_t a = nr_digits_at(w, n);
    if (used > 1 || (a && a < n && w[a] != '/')) return 1;
    if (!a || a == n) return 0;
    size_t b = nr_digits_at(w + a + 1, n - a - 1);
    if (a != b) return a > b;
    return memcmp(w, w + a + 1, a) >= 0;
}

/* A fraction (the fraction class's reading) and a unit as the next words; tokens used. */
static size_t fraction_measure(const nr_ctx *c, size_t i, measure *q)
{
    nr_claim fraction;
    size_t used = nr_match_fraction(c, i, &fraction), more = 0;
    if (!used) return 0;
    q->one = !fraction_plural(c, i, used) || nr_unit_attributive(c, i);
    more = nr_unit_spaced_read(c, i + used - 1, 0, &q->unit);
    if (more && !q->one && nr_unit_before_noun(c, i, i + used + more)) q->one = 1;   /* "the 2 1/2 inch pipe" */
    return more ? used + more : 0;
}

/* ---- sizes: "4x100m relay", "Gen 2x2", "10x20x30cm" ---- */

/* Length of a "by" sign at s: 'x', 'X' or "×"; 0 if none. */
static size_t by_char(const char *s, size_t n)
{
    return n >= 1 && (s[0] == 'x' || s[0] == 'X') ? 1 : n >= 2 && !memcmp(s, "\xc3\x97", 2) ? 2 : 0;
}

/* The same between two numbers: a digit after it. */
static size_t by_sign(const char *s, size_t n)
{
    size_t l = by_char(s, n);
    return l && l < n && nr_is_digit(s[l]) ? l : 0;
}

/* The next "x100" of a size at s: its length, the number in b; 0 at the end. */
static size_t next_size(const char *s, size_t n, nr_num *b)
{
    size_t l = by_sign(s, n);
    return l && nr_parse_num(s + l, n - l, 0, b) ? l + b->len : 0;
}

/* Numbers glued with an x are a size or a relay, said "by" (the `size` reading of × in
 * symbols), maybe with a unit after the last; before a noun the unit is singular. Tokens
 * used, 0 if not this. */
static size_t sizes(const nr_ctx *c, size_t i, const char *rest, size_t rn, measure *q)
{
    const nr_num *a = &q->a;
    if (!by_sign(rest, rn) || (a->ipn == 1 && a->ip[0] == '0' && !a->fp)) return 0;   /* "0x1F" is hex */
    size_t k = 0, l, used;
    q->b = *a;
    while ((l = next_size(rest + k, rn - k, &q->b))) k += l;
    if (by_char(rest + k, rn - k)) return 0;            /* "1x2x" */
    q->sizes = k;
    q->one = nr_is_one(&q->b) || nr_unit_attributive(c, i);
    used = nr_unit_after_read(c, i, rest + k, rn - k, q->b.fp != NULL, &q->unit);
    if (used && !q->one && nr_unit_noun_at(c, i + used)) q->one = 1;     /* "the 4x100m relay" */
    if (!used && k < rn) return 0;                      /* "2x3y": not a size */
    q->has_unit = used != 0;
    return used ? used : 1;
}

static void say_sizes(const nr_ctx *c, nr_buf *out, const char *rest, const measure *q)
{
    const char *by = nr_lex_field(nr_lex_find(c->lex, NR_T_symbols, "\xc3\x97", 2), "size");
    nr_num b;
    nr_say_quantity(out, &q->a);
    for (size_t k = 0, l; k < q->sizes; k += l) {
        l = next_size(rest + k, q->sizes - k, &b);
        nr_buf_word(out, by ? by : "by");
        nr_say_quantity(out, &b);
    }
    if (q->has_unit) nr_say_unit_after(out, &q->unit, q->one);
}

/* ---- the token ---- */

/* The quantity q->a at token i with what follows it in its word (`rest`): a size, a
 * range ("10-13°C", "5-10 kg"; "10 - 13 °C" over three tokens) or one quantity, each with
 * its unit. The tokens used, 0 if it is none of them; *no_fraction: not even a fraction. */
static size_t quantity(const nr_ctx *c, size_t i, const char *rest, size_t rn, measure *q, int *reading,
                       int *no_fraction)
{
    size_t dl = nr_range_dash(rest, rn), pn, used;
    nr_tok_post(c->t, i, &pn);
    if ((used = sizes(c, i, rest, rn, q))) {
        *reading = SIZES;
        return used;
    }
    *reading = RANGE;
    if (dl && rn > dl && (nr_is_digit(rest[dl]) || rest[dl] == '.')) {
        if (!nr_parse_num(rest + dl, rn - dl, 0, &q->b)) return *no_fraction = 1, 0;
        return nr_unit_after_read(c, i, rest + dl + q->b.len, rn - dl - q->b.len, q->b.fp != NULL, &q->unit);
    }
    if (rn == 0 && !pn && is_dash_token(c, i + 1) && nr_tok_number(c->t, i + 2, &q->b)) {
        used = nr_unit_after_read(c, i + 2, "", 0, q->b.fp != NULL, &q->unit);
        return used ? used + 2 : 0;
    }
    *reading = SINGLE;
    used = nr_unit_after_read(c, i, rest, rn, q->a.fp != NULL, &q->unit);
    q->one = nr_is_one(&q->a) || nr_unit_attributive(c, i);
    if (used && !q->one && nr_unit_before_noun(c, i, i + used)) q->one = 1;   /* "the 128GB model" */
    return used;
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, measure *q)
{
    if (!c->lex) return 0;
    size_t used = 0;
    if (!n) return 0;
    int no_fraction = 0;
    if (nr_parse_num(w, n, 1, &q->a)) {
        used = quantity(c, i, w + q->a.len, n - q->a.len, q, &m->reading, &no_fraction);
    } else no_fraction = (unsigned char)w[0] < 0x80;   /* "½ cup" */
    if (!used && !no_fraction) {                        /* "4 1/2 ft", "1-1/2 in", "2½ kg" */
        m->reading = FRACTION;
        used = fraction_measure(c, i, q);
    }
    return used;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const measure *q,
                nr_buf *out)
{
    (void)n;
    switch (m->reading) {
    case SIZES: say_sizes(c, out, w + q->a.len, q); break;
    case RANGE:
        nr_say_quantity(out, &q->a);
        nr_buf_word(out, "to");
        nr_say_quantity(out, &q->b);
        nr_say_unit_after(out, &q->unit, 0);
        break;
    case SINGLE:
        nr_say_quantity(out, &q->a);
        nr_say_unit_after(out, &q->unit, q->one);
        break;
    default:
        nr_verbalize_fraction(c, i, out);
        nr_say_unit_after(out, &q->unit, q->one);
    }
}

NR_CLASS_RECORD(measure, measure, match, say);
