/*
 * verbalize_measure.c — a quantity with a unit of measure: "12kg", "12 kg", "5.5 km",
 * "-0.4kg", "100 million kg", "10-13 °C", "2°C", "5-kg bag", "60 mph", "100 km/h",
 * "12kg/kg", "12/kg", "41,459.00 km³", "100 m2", "500 sq ft", "3x faster",
 * "4 1/2 lbs", "½ cup", "5 ft 3 in", "130 mm Hg", "4x100m", "2x2", "70 km/s/Mpc",
 * powers of ten and e-notation with their unit ("10^8 m/s", "10⁹/L", "5.0E-7 m"),
 * and coordinates ("40°N", "51°30′N": coordinate_marks, coordinate_points).
 *
 * Why a class of its own: the unit is said after the number and agrees with it (one
 * kilogram, two kilograms, a 5-kg bag), so the number and the unit are read together.
 * The units are data (the `units` table of voices/lexicons/en-units.yaml, with fields
 * that say when a unit is safe: "G" is not grams, "5 in" is inches only where the
 * sentence shows a measurement). A unit must fill the rest of its word, or the next
 * word of the same clause; anything else is declined and read by the number class.
 *
 * Before a noun a measure describes it and its unit is singular, as with money: "a 5 kg
 * bag", "the 128GB model", "Apple's 30W adapter" (unit_determiners, unit_not_nouns).
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"
#include <string.h>

#define UNITS "units"

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }

/* 1 if the word s is listed in a list table of the lexicon. */
static int listed(const nr_ctx *c, const char *table, const char *s, size_t n)
{
    return n && nr_lex_find(c->lex, table, s, n) != NULL;
}

/* ---- units ---- */

/* The entry of a unit as written. nr_lex_find folds a capitalized word to lower case;
 * here an all-capital one folds too ("KG"), except for units marked `case: exact`. */
static const nr_lex_entry *unit_find(const nr_ctx *c, const char *s, size_t n)
{
    const nr_lex_entry *e = nr_lex_find(c->lex, UNITS, s, n);
    size_t k = 0;
    while (k < n && !is_upper(s[k])) k++;
    if (k == n || n > 32) return e;
    char low[32];
    for (k = 0; k < n; k++) low[k] = is_upper(s[k]) ? (char)(s[k] + 32) : s[k];
    const nr_lex_entry *l = nr_lex_find(c->lex, UNITS, low, n);
    if (e && e != l) return e;                  /* an entry for exactly this spelling */
    return l && !nr_lex_field_is(l, "case", "exact") ? l : NULL;
}

/* One unit of a compound: its entry and a power ("m²": 2). */
typedef struct {
    const nr_lex_entry *e;
    int power;
} unit_part;

/* Length of a power mark ending s: "²" "³" "^2" "^3", or "2" "3" after a length unit. */
static size_t power_at_end(const char *s, size_t n, int *power, int digits_ok)
{
    if (n > 2 && (!memcmp(s + n - 2, "\xc2\xb2", 2) || !memcmp(s + n - 2, "\xc2\xb3", 2))) {
        *power = s[n - 1] == '\xb2' ? 2 : 3;
        return 2;
    }
    if (n > 1 && (s[n - 1] == '2' || s[n - 1] == '3')) {
        *power = s[n - 1] - '0';
        if (n > 2 && s[n - 2] == '^') return 2;
        return digits_ok ? 1 : 0;
    }
    return 0;
}

/* Length of a negative power ending s: "⁻¹" "⁻²" "⁻³", "^-1" ... (*power -1 to -3). */
static size_t neg_power_at_end(const char *s, size_t n, int *power)
{
    if (n > 5 && !memcmp(s + n - 5, "\xe2\x81\xbb", 3)) {           /* ⁻ */
        const char *d = s + n - 2;
        *power = !memcmp(d, "\xc2\xb9", 2) ? -1 : !memcmp(d, "\xc2\xb2", 2) ? -2 : !memcmp(d, "\xc2\xb3", 2) ? -3 : 0;
        return *power ? 5 : 0;
    }
    if (n > 3 && s[n - 3] == '^' && s[n - 2] == '-' && s[n - 1] >= '1' && s[n - 1] <= '3') {
        *power = -(s[n - 1] - '0');
        return 3;
    }
    return 0;
}

/* Parses s as one unit, maybe with a power; 1 if it is one. */
static int parse_part(const nr_ctx *c, const char *s, size_t n, unit_part *u)
{
    u->power = 1;
    if ((u->e = unit_find(c, s, n))) return 1;
    int power;
    size_t nl = neg_power_at_end(s, n, &power);          /* "mol⁻¹": per mole */
    if (nl && (u->e = unit_find(c, s, n - nl))) {
        u->power = power;
        return 1;
    }
    size_t pl = power_at_end(s, n, &power, 1);
    if (!pl || !(u->e = unit_find(c, s, n - pl))) return 0;
    /* "m2" is square meters; "kg2" is nothing we know, but "s²" is seconds squared */
    if (pl == 1 && !nr_lex_field_is(u->e, "dimension", "length")) return 0;
    u->power = power;
    return 1;
}

/* A unit expression: "kg", "km/h", "kg/m²", "km/s/Mpc", or "/kg" (a rate per unit). */
#define MAX_PER 3
typedef struct {
    unit_part top, per[MAX_PER];
    int has_top, has_per;       /* has_per: how many units after slashes */
    const char *per_word;       /* "/day": a plain word from unit_per_words (last) */
    size_t per_word_len;
} unit_expr;

static int parse_unit(const nr_ctx *c, const char *s, size_t n, unit_expr *u)
{
    memset(u, 0, sizeof *u);
    const char *slash = n ? memchr(s, '/', n) : NULL;
    size_t tn = slash ? (size_t)(slash - s) : n;
    if (tn && !(u->has_top = parse_part(c, s, tn, &u->top))) return 0;
    if (!slash) return u->has_top && !nr_lex_field_is(u->top.e, "rate_only", "yes");
    while (slash) {
        const char *p = slash + 1;
        size_t pn = (size_t)(s + n - p);
        slash = pn ? memchr(p, '/', pn) : NULL;
        if (slash) pn = (size_t)(slash - p);
        if (!pn) return 0;
        if (u->has_per < MAX_PER && parse_part(c, p, pn, &u->per[u->has_per])) {
            u->has_per++;
            continue;
        }
        if (slash || !listed(c, "unit_per_words", p, pn)) return 0;
        u->per_word = p;
        u->per_word_len = pn;
    }
    return 1;
}

/* The reading of an entry, singular or plural. */
static void say_entry(nr_buf *out, const nr_lex_entry *e, int plural)
{
    const char *pl = nr_lex_field(e, "plural");
    if (!plural) nr_buf_word(out, e->say);
    else if (pl) nr_buf_word(out, pl);
    else {
        nr_buf_word(out, e->say);
        nr_buf_putc(out, 's');
    }
}

/* "square meters", "seconds squared". */
static void say_part(nr_buf *out, const unit_part *u, int plural)
{
    int length = nr_lex_field_is(u->e, "dimension", "length");
    int power = u->power < 0 ? -u->power : u->power;
    if (u->power < 0) {                                 /* "mol⁻¹" per mole */
        nr_buf_word(out, "per");
        plural = 0;
    }
    if (power > 1 && length) nr_buf_word(out, power == 2 ? "square" : "cubic");
    say_entry(out, u->e, plural);
    if (power > 1 && !length) nr_buf_word(out, power == 2 ? "squared" : "cubed");
}

static void say_unit(nr_buf *out, const unit_expr *u, int plural, int square)
{
    if (u->has_top) {
        if (square) nr_buf_word(out, "square");
        say_part(out, &u->top, plural);
    }
    for (int k = 0; k < u->has_per; k++) {
        nr_buf_word(out, "per");
        say_part(out, &u->per[k], 0);
    }
    if (u->per_word) {
        nr_buf_word(out, "per");
        nr_buf_wordn(out, u->per_word, u->per_word_len);
    }
}

/* ---- quantities ---- */

/* A quantity is a number as written (nr_parse_num), said by nr_say_quantity. */
static int is_one(const nr_num *q) { return q->ipn == 1 && q->ip[0] == '1' && !q->fp; }

/* ---- the next words ---- */

static int no_punct_after(const nr_ctx *c, size_t j)
{
    size_t pn;
    nr_tok_post(c->t, j, &pn);
    return pn == 0;
}

/* 1 if token j is a lone dash (the segmenter may have marked a pause there: between two
 * numbers it is a range, so that is not checked). */
static int is_dash_token(const nr_ctx *c, size_t j)
{
    size_t n, pn;
    nr_tok_word(c->t, j, &n);
    const char *p = nr_tok_post(c->t, j, &pn);
    return j < c->t->n && !n && pn && nr_range_dash(p, pn) == pn;
}

/* 1 if token j is a lower-case word of the clause of token j-1 that can be a noun:
 * "model" in "the 128GB model", but not "in" of "the 100m in 9.58 seconds". */
static int noun_at(const nr_ctx *c, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    if (j == 0 || !n || w[0] < 'a' || w[0] > 'z' || !nr_tok_joined(c->t, j - 1)) return 0;
    return !listed(c, "unit_not_nouns", w, n);
}

/* Where a unit marked `spaced: context` is one: "5 in long", "5 ft 3 in", "10 x 4 in". */
static int unit_in_context(const nr_ctx *c, size_t num, size_t unit)
{
    size_t n, pn;
    const char *next = nr_tok_word(c->t, unit + 1, &n);
    nr_tok_post(c->t, unit, &pn);
    if (!pn && listed(c, "unit_context", next, n)) return 1;
    if (num == 0) return 0;
    const char *prev = nr_tok_word(c->t, num - 1, &n);
    return listed(c, "unit_context_before", prev, n);
}

/* For a unit that is also a name (`name: yes`): 1 if the number at token num looks like
 * a year (1000 to 2099) or the word after the unit is capitalized in the same clause
 * ("1975 Da Nang"). */
static int name_context(const nr_ctx *c, size_t num, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, num, &n);
    if (n == 4 && (w[0] == '1' || (w[0] == '2' && w[1] == '0')) && is_digit(w[1]) && is_digit(w[2]) && is_digit(w[3]))
        return 1;
    return nr_tok_joined(c->t, j) && nr_tok_capitalized(c->t, j + 1);
}

/* The unit expression filling token j, read as a separate word after the number at
 * token num; 0 if it is none (or not safe here). */
static int spaced_unit(const nr_ctx *c, size_t num, size_t j, unit_expr *u, int decimal)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    if (!n || !parse_unit(c, w, n, u)) return 0;
    if (!u->has_top) return 0;                          /* "12 /kg" */
    if (n == 1 && is_upper(w[0]) && nr_tok_capitalized(c->t, j + 1)) return 0;   /* "1600 W Main St" */
    const nr_lex_entry *e = u->top.e;
    if (nr_lex_field_is(e, "before_noun", "no") && noun_at(c, j + 1)) return 0;   /* "5 HR managers" */
    if (nr_lex_field_is(e, "name", "yes") && name_context(c, num, j)) return 0;   /* "In 2008 Ma won" */
    if (u->has_per || u->per_word || u->top.power > 1 || decimal == 2) return 1;   /* 2: after a power of ten */
    if (nr_lex_field_is(e, "spaced", "no") || (nr_lex_field_is(e, "spaced", "decimal") && !decimal)) return 0;
    if (nr_lex_field_is(e, "spaced", "whole") && decimal) return 0;     /* "0.1 K": a thousand */
    if (nr_lex_field_is(e, "spaced", "context")) return unit_in_context(c, num, j);
    return 1;
}

/* A unit of two words as tokens j and j+1: "mm Hg". */
static int pair_unit(const nr_ctx *c, size_t j, unit_expr *u)
{
    size_t n, m;
    const char *w = nr_tok_word(c->t, j, &n), *v = nr_tok_word(c->t, j + 1, &m);
    if (!n || !m || !nr_tok_joined(c->t, j)) return 0;
    nr_buf key = { 0 };
    nr_buf_put(&key, w, n);
    nr_buf_putc(&key, ' ');
    nr_buf_put(&key, v, m);
    memset(u, 0, sizeof *u);
    u->top.e = key.oom ? NULL : nr_lex_find(c->lex, UNITS, nr_buf_str(&key), key.len);
    u->top.power = 1;
    nr_buf_free(&key);
    return (u->has_top = u->top.e != NULL);
}

/* "sq" or "sq." before a length unit: "500 sq ft", "500 sq. ft". */
static int square_word(const nr_ctx *c, size_t j)
{
    size_t n, pn;
    const char *w = nr_tok_word(c->t, j, &n);
    const char *p = nr_tok_post(c->t, j, &pn);
    if (!listed(c, "unit_square", w, n) || c->t->tok[j].brk != NR_BRK_NONE) return 0;
    return pn == 0 || (pn == 1 && p[0] == '.');
}

/* After the quantity at token i: [scale] [sq] unit. Says scale and unit and returns the
 * tokens used after i, or 0 when no unit follows. */
static size_t say_spaced_unit(const nr_ctx *c, size_t i, nr_buf *out, int one, int decimal)
{
    size_t j = i, n;
    const char *scale = NULL;
    size_t scale_n = 0;
    if (!nr_tok_joined(c->t, j)) return 0;
    const char *w = nr_tok_word(c->t, j + 1, &n);
    if (listed(c, "measure_scales", w, n) && nr_tok_joined(c->t, j + 1)) {
        scale = w;
        scale_n = n;
        j++;
    }
    int square = 0, pair = 0;
    unit_expr u;
    if (nr_tok_joined(c->t, j) && pair_unit(c, j + 1, &u)) pair = 1;    /* "130 mm Hg" */
    else if (nr_tok_joined(c->t, j) && square_word(c, j + 1)) {
        if (!spaced_unit(c, i, j + 2, &u, decimal) || !nr_lex_field_is(u.top.e, "dimension", "length") || u.top.power > 1)
            return 0;
        square = 1;
        j++;
    } else if (!nr_tok_joined(c->t, j) || !spaced_unit(c, i, j + 1, &u, decimal)) return 0;
    if (scale) nr_buf_wordn(out, scale, scale_n);
    say_unit(out, &u, !one || scale, square);
    return j + 1 + pair - i;
}

/* "a 5 kg bag", "a 10 km race": after an article the measure describes what follows,
 * and the unit stays singular. */
static int attributive(const nr_ctx *c, size_t i)
{
    size_t n, pn;
    if (i == 0) return 0;
    const char *w = nr_tok_word(c->t, i - 1, &n);
    nr_tok_post(c->t, i - 1, &pn);
    return !pn && listed(c, "unit_attributive_before", w, n);
}

/* 1 if the measure from token i to before token end describes the noun after it: a
 * determiner or a possessive before it ("the 65W charger", "Apple's 30W adapter",
 * "two 4TB drives"), a noun after. */
static int before_noun(const nr_ctx *c, size_t i, size_t end)
{
    size_t n, pn;
    if (i == 0 || !noun_at(c, end)) return 0;
    const char *w = nr_tok_word(c->t, i - 1, &n);
    nr_tok_post(c->t, i - 1, &pn);
    int possessive = n > 2 && w[n - 2] == '\'' && (w[n - 1] == 's' || w[n - 1] == 'S');
    return !pn && (possessive || nr_lex_find_nocase(c->lex, "unit_determiners", w, n));
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

static size_t fraction_measure(const nr_ctx *c, size_t i, nr_buf *out)
{
    nr_buf frac = { 0 };
    size_t used = nr_verbalize_fraction(c, i, &frac), more = 0;
    if (used && !frac.oom) {
        nr_buf units = { 0 };
        int one = !fraction_plural(c, i, used) || attributive(c, i);
        more = say_spaced_unit(c, i + used - 1, &units, one, 0);
        if (more && !one && before_noun(c, i, i + used + more)) {   /* "the 2 1/2 inch pipe" */
            nr_buf_clear(&units);
            more = say_spaced_unit(c, i + used - 1, &units, 1, 0);
        }
        if (more && !units.oom) {
            nr_buf_word(out, nr_buf_str(&frac));
            nr_buf_word(out, nr_buf_str(&units));
        } else more = 0;
        nr_buf_free(&units);
    }
    nr_buf_free(&frac);
    return more ? used + more : 0;
}

/* ---- the token ---- */

/* "°" glued to the number and "C" or "F" as the next word: "20° C". */
static size_t degree_letter(const nr_ctx *c, size_t i, const char *rest, size_t rn, nr_buf *out, int one)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    if (rn != 2 || (memcmp(rest, "\xc2\xb0", 2) && memcmp(rest, "\xc2\xba", 2))) return 0;   /* ° º */
    if (!nr_tok_joined(c->t, i) || n != 1 || (w[0] != 'C' && w[0] != 'F')) return 0;
    char key[3] = { rest[0], rest[1], w[0] };
    const nr_lex_entry *e = unit_find(c, key, 3);
    if (!e) return 0;
    say_entry(out, e, !one);
    return 2;
}

/* The unit after the quantity (glued, or the next words); tokens used, 0 if none. */
static size_t say_unit_after(const nr_ctx *c, size_t i, nr_buf *out, const char *rest, size_t rn, int one,
                             int decimal)
{
    unit_expr u;
    if (rn == 0) {
        size_t more = say_spaced_unit(c, i, out, one, decimal);
        return more ? 1 + more : 0;
    }
    if (rest[0] == '-') {                               /* "5-kg bag": a 5 kilogram bag */
        if (!parse_unit(c, rest + 1, rn - 1, &u) || !u.has_top || nr_lex_field_is(u.top.e, "attached", "no")) return 0;
        say_unit(out, &u, 0, 0);
        return 1;
    }
    if (!parse_unit(c, rest, rn, &u)) return 0;
    if (u.has_top && nr_lex_field_is(u.top.e, "attached", "no")) return 0;
    if (u.has_top && nr_lex_field_is(u.top.e, "before_noun", "no") && noun_at(c, i + 1)) return 0;
    size_t used = degree_letter(c, i, rest, rn, out, one);
    if (used) return used;
    say_unit(out, &u, !one, 0);
    return 1;
}

/* Length of a "by" sign at s: 'x', 'X' or "×"; 0 if none. */
static size_t by_char(const char *s, size_t n)
{
    return n >= 1 && (s[0] == 'x' || s[0] == 'X') ? 1 : n >= 2 && !memcmp(s, "\xc3\x97", 2) ? 2 : 0;
}

/* The same between two numbers: a digit after it. */
static size_t by_sign(const char *s, size_t n)
{
    size_t l = by_char(s, n);
    return l && l < n && is_digit(s[l]) ? l : 0;
}

/* "4x100m relay", "Gen 2x2", "10x20x30cm": numbers glued with an x are a size or a
 * relay, said "by" (the `size` reading of × in symbols), maybe with a unit after the
 * last; before a noun the unit is singular. Tokens used, 0 if not this. */
static size_t by_sizes(const nr_ctx *c, size_t i, nr_buf *out, const nr_num *a, const char *rest, size_t rn)
{
    if (!by_sign(rest, rn) || (a->ipn == 1 && a->ip[0] == '0' && !a->fp)) return 0;   /* "0x1F" is hex */
    const char *by = nr_lex_field(nr_lex_find(c->lex, "symbols", "\xc3\x97", 2), "size");
    size_t mark = out->len, k = 0, l, used;
    nr_num b = *a;
    nr_say_quantity(out, a);
    while ((l = by_sign(rest + k, rn - k)) && nr_parse_num(rest + k + l, rn - k - l, 0, &b)) {
        nr_buf_word(out, by ? by : "by");
        nr_say_quantity(out, &b);
        k += l + b.len;
    }
    if (by_char(rest + k, rn - k)) {                    /* "1x2x" */
        nr_buf_truncate(out, mark);
        return 0;
    }
    size_t units = out->len;
    int one = is_one(&b) || attributive(c, i);
    used = say_unit_after(c, i, out, rest + k, rn - k, one, b.fp != NULL);
    if (used && !one && noun_at(c, i + used)) {       /* "the 4x100m relay" */
        nr_buf_truncate(out, units);
        used = say_unit_after(c, i, out, rest + k, rn - k, 1, b.fp != NULL);
    }
    if (!used && k < rn) {                              /* "2x3y": not a size */
        nr_buf_truncate(out, mark);
        return 0;
    }
    return used ? used : 1;
}

/* ---- scientific notation: "10^8", "10^-19", "10²³", "10⁻³⁴", "6.02e23", "5.0E-7 m" ---- */

/* The value of the superscript digit at s ("²" 2, "⁹" 9) and its length in *len; -1 if none. */
static int superscript_digit(const char *s, size_t n, size_t *len)
{
    *len = 2;
    if (n >= 2 && (unsigned char)s[0] == 0xc2) {
        unsigned char b = (unsigned char)s[1];
        if (b == 0xb9) return 1;
        if (b == 0xb2) return 2;
        if (b == 0xb3) return 3;
    }
    *len = 3;
    if (n >= 3 && (unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x81) {
        unsigned char b = (unsigned char)s[2];
        if (b == 0xb0) return 0;
        if (b >= 0xb4 && b <= 0xb9) return b - 0xb0;
    }
    return -1;
}

/* Length of a sign at s ("-", "+", "−", "⁻", "⁺"; superscript ones only with `super`),
 * 0 if none; *minus tells which. */
static size_t sign_at(const char *s, size_t n, int super, int *minus)
{
    *minus = 0;
    if (!super && n && (s[0] == '-' || s[0] == '+')) {
        *minus = s[0] == '-';
        return 1;
    }
    if (!super && n >= 3 && !memcmp(s, "\xe2\x88\x92", 3)) {     /* − */
        *minus = 1;
        return 3;
    }
    if (super && n >= 3 && (!memcmp(s, "\xe2\x81\xbb", 3) || !memcmp(s, "\xe2\x81\xba", 3))) {   /* ⁻ ⁺ */
        *minus = s[2] == '\xbb';
        return 3;
    }
    return 0;
}

/* The exponent at s: after "^" plain digits, else superscript ones, with a sign; its
 * digits (at most 3) in d. Bytes used, 0 if none. */
static size_t exponent_at(const char *s, size_t n, int super, char *d, size_t *dn, int *minus)
{
    size_t k = sign_at(s, n, super, minus), l;
    *dn = 0;
    while (k < n && *dn < 4) {
        int v = super ? superscript_digit(s + k, n - k, &l) : (is_digit(s[k]) ? s[k] - '0' : -1);
        if (v < 0) break;
        if (!super) l = 1;
        d[(*dn)++] = (char)('0' + v);
        k += l;
    }
    return *dn && *dn <= 3 && d[0] != '0' ? k : 0;
}

/* "ten to the eighth", "ten to the minus nineteen", "ten squared". */
static void say_ten_to(nr_buf *out, const char *d, size_t dn, int minus)
{
    nr_buf_word(out, "ten");
    if (!minus && dn == 1 && (d[0] == '2' || d[0] == '3')) {
        nr_buf_word(out, d[0] == '2' ? "squared" : "cubed");
        return;
    }
    nr_buf_word(out, "to the");
    if (minus) {
        nr_buf_word(out, "minus");
        nr_say_cardinal(out, d, dn);
    } else nr_say_ordinal(out, d, dn);
}

/* A power of ten at the start of w ("10^8", "10⁻³⁴"), said; bytes used, 0 if none. */
static size_t power_of_ten(const char *w, size_t n, nr_buf *out)
{
    char d[4];
    size_t dn, l;
    int minus;
    if (n < 3 || w[0] != '1' || w[1] != '0') return 0;
    if (w[2] == '^') l = exponent_at(w + 3, n - 3, 0, d, &dn, &minus);
    else l = exponent_at(w + 2, n - 2, 1, d, &dn, &minus);
    if (!l) return 0;
    say_ten_to(out, d, dn, minus);
    return (w[2] == '^' ? 3 : 2) + l;
}

/* "10^8 m/s", "10⁹/L", "6.02e23", "5.0E-7 m": a power of ten or a number in e-notation,
 * then maybe a unit (always plural). Tokens used, 0 if not this. */
static size_t scientific(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n, k, mark = out->len;
    const char *w = nr_tok_word(c->t, i, &n);
    nr_num a;
    if (!(k = power_of_ten(w, n, out))) {
        char d[4];
        size_t dn;
        int minus;
        if (!nr_parse_num(w, n, 1, &a) || a.commas || a.len + 1 >= n || (w[a.len] != 'e' && w[a.len] != 'E'))
            return 0;
        size_t l = exponent_at(w + a.len + 1, n - a.len - 1, 0, d, &dn, &minus);
        if (!l) return 0;
        nr_say_quantity(out, &a);
        nr_buf_word(out, "times");
        say_ten_to(out, d, dn, minus);
        k = a.len + 1 + l;
    }
    size_t used, un;
    const char *uw = nr_tok_word(c->t, i + 1, &un);
    const nr_lex_entry *e = un ? nr_lex_find(c->lex, "units_after_power", uw, un) : NULL;
    if (k == n && e && nr_tok_joined(c->t, i)) {        /* "10^-19 C": coulombs */
        say_entry(out, e, 1);
        used = 2;
    } else if (k == n) {
        used = 1 + say_spaced_unit(c, i, out, 0, 2);
    } else if (!(used = say_unit_after(c, i, out, w + k, n - k, 0, 1))) {
        nr_buf_truncate(out, mark);
        return 0;
    }
    return used;
}

/* ---- coordinates: "40°N", "40.7128° N", "51°30′N", "51°30'15\"N" ---- */

/* The mark of coordinate_marks at s (the longest), its length in *len; NULL if none. */
static const nr_lex_entry *coordinate_mark(const nr_ctx *c, const char *s, size_t n, size_t *len)
{
    for (size_t l = n < 3 ? n : 3; l > 0; l--) {
        const nr_lex_entry *e = nr_lex_find(c->lex, "coordinate_marks", s, l);
        if (e) {
            *len = l;
            return e;
        }
    }
    return NULL;
}

/* The word of token j, with a mark the tokenizer took for punctuation after it ("26′"). */
static const char *mark_word(const nr_ctx *c, size_t j, size_t *n)
{
    size_t pn, l;
    const char *w = nr_tok_word(c->t, j, n);
    const char *p = nr_tok_post(c->t, j, &pn);
    if (pn && coordinate_mark(c, p, pn, &l)) *n += l;
    return w;
}

/* 1 if token j+1 goes on the reading of token j: the same clause, no punctuation between
 * them but a mark. */
static int mark_joined(const nr_ctx *c, size_t j)
{
    size_t n, qn;
    if (j + 1 >= c->t->n || c->t->tok[j].brk != NR_BRK_NONE) return 0;
    mark_word(c, j, &n);
    nr_tok_pre(c->t, j + 1, &qn);
    return !qn && c->t->tok[j].end - c->t->tok[j].wstart == n;
}

/* The compass point that is all of s ("N"), or NULL. */
static const nr_lex_entry *compass_point(const nr_ctx *c, const char *s, size_t n)
{
    return n == 1 && is_upper(s[0]) ? nr_lex_find(c->lex, "coordinate_points", s, 1) : NULL;
}

/* Degrees, maybe minutes and seconds, then a compass point (glued or the next word):
 * "forty degrees north", "fifty one degrees thirty minutes north". Without a point,
 * only with minutes ("51°30′"). Tokens used, 0 if not this. */
static size_t coordinates(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n, k = 0, marks = 0, l, mark = out->len, j = i;
    const char *w = mark_word(c, j, &n);
    nr_num q;
    for (;;) {                          /* the marks, maybe spread over words: "40° 26′ 46″ N" */
        size_t k0 = k;
        while (k < n && marks < 3 && nr_parse_num(w + k, n - k, 0, &q) && !q.commas) {
            const nr_lex_entry *e = coordinate_mark(c, w + k + q.len, n - k - q.len, &l);
            if (!e || (marks == 0 && strcmp(e->say, "degree"))) break;
            nr_say_quantity(out, &q);
            say_entry(out, e, !is_one(&q));
            k += q.len + l;
            marks++;
        }
        if (j == i && marks == 0) break;
        if (k == k0 && j > i) {         /* this word added nothing: back to the one before */
            j--;
            w = mark_word(c, j, &n);
            k = n;
            break;
        }
        if (k < n || marks == 3 || !mark_joined(c, j) || !nr_tok_numeric(c->t, j + 1)) break;
        j++;
        w = mark_word(c, j, &n);
        k = 0;
    }
    const nr_lex_entry *p = NULL;
    size_t used = j - i + 1, pn;
    if (marks && k < n) p = compass_point(c, w + k, n - k);
    else if (marks && k == n) {
        const char *next = nr_tok_word(c->t, j + 1, &pn);
        if (mark_joined(c, j) && (p = compass_point(c, next, pn))) used++;
    }
    if (p) nr_buf_word(out, p->say);
    else if (marks < 2 || k < n) {
        nr_buf_truncate(out, mark);
        return 0;
    }
    return used;
}

size_t nr_verbalize_measure(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t sci = c->lex ? scientific(c, i, out) : 0;
    if (sci) return sci;
    if (c->lex && (sci = coordinates(c, i, out))) return sci;    /* "40°N" */
    if (!c->lex) return 0;
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    nr_num a, b;
    if (!n) return 0;
    if (!nr_parse_num(w, n, 1, &a))                    /* "½ cup" */
        return (unsigned char)w[0] >= 0x80 ? fraction_measure(c, i, out) : 0;
    size_t mark = out->len, used;
    const char *rest = w + a.len;
    size_t rn = n - a.len, dl = nr_range_dash(rest, rn);
    if ((used = by_sizes(c, i, out, &a, rest, rn))) return used;  /* "4x100m" */
    if (dl && rn > dl && (is_digit(rest[dl]) || rest[dl] == '.')) {   /* "10-13°C", "5-10 kg" */
        if (!nr_parse_num(rest + dl, rn - dl, 0, &b)) return 0;
        nr_say_quantity(out, &a);
        nr_buf_word(out, "to");
        nr_say_quantity(out, &b);
        used = say_unit_after(c, i, out, rest + dl + b.len, rn - dl - b.len, 0, b.fp != NULL);
    } else if (rn == 0 && no_punct_after(c, i) && is_dash_token(c, i + 1) && nr_tok_number(c->t, i + 2, &b)) {
        nr_say_quantity(out, &a);                       /* "10 - 13 °C" */
        nr_buf_word(out, "to");
        nr_say_quantity(out, &b);
        used = say_unit_after(c, i + 2, out, "", 0, 0, b.fp != NULL);
        if (used) used += 2;
    } else {
        nr_say_quantity(out, &a);
        size_t units = out->len;
        int one = is_one(&a) || attributive(c, i);
        used = say_unit_after(c, i, out, rest, rn, one, a.fp != NULL);
        if (used && !one && before_noun(c, i, i + used)) {   /* "the 128GB model" */
            nr_buf_truncate(out, units);
            used = say_unit_after(c, i, out, rest, rn, 1, a.fp != NULL);
        }
    }
    if (!used) {
        nr_buf_truncate(out, mark);
        return fraction_measure(c, i, out);            /* "4 1/2 ft", "1-1/2 in", "2½ kg" */
    }
    return used;
}
