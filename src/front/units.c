/*
 * units.c — units of measure after a quantity (see units.h). A unit must fill the rest
 * of its word, or the next word of the same clause; the fields of the `units` table say
 * when a unit is safe: "G" is not grams, "5 in" is inches only where the sentence shows a
 * measurement, "5 HR managers" are no hours. Moved out of the measure class so that the
 * classes that meet units (measure, scientific notation) read them one way.
 */
#include "front/units.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>


/* 1 if the word s is listed in a list table of the lexicon. */
static int listed(const nr_ctx *c, const char *table, const char *s, size_t n)
{
    return n && nr_lex_find(c->lex, table, s, n) != NULL;
}

/* ---- units as written ---- */

/* The entry of a unit as written. nr_lex_find folds a capitalized word to lower case;
 * here an all-capital one folds too ("KG"), except for units marked `case: exact`. */
const nr_lex_entry *nr_unit_find(const nr_ctx *c, const char *s, size_t n)
{
    const nr_lex_entry *e = nr_lex_find(c->lex, NR_T_units, s, n);
    size_t k = 0;
    while (k < n && !nr_is_upper(s[k])) k++;
    if (k == n || n > 32) return e;
    char low[32];
    for (k = 0; k < n; k++) low[k] = nr_to_lower(s[k]);
    const nr_lex_entry *l = nr_lex_find(c->lex, NR_T_units, low, n);
    if (e && e != l) return e;                  /* an entry for exactly this spelling */
    return l && !nr_lex_field_is(l, "case", "exact") ? l : NULL;
}

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
static int parse_part(const nr_ctx *c, const char *s, size_t n, nr_unit_part *u)
{
    u->power = 1;
    if ((u->e = nr_unit_find(c, s, n))) return 1;
    int power;
    size_t nl = neg_power_at_end(s, n, &power);          /* "mol⁻¹": per mole */
    if (nl && (u->e = nr_unit_find(c, s, n - nl))) {
        u->power = power;
        return 1;
    }
    size_t pl = power_at_end(s, n, &power, 1);
    if (!pl || !(u->e = nr_unit_find(c, s, n - pl))) return 0;
    /* "m2" is square meters; "kg2" is nothing we know, but "s²" is seconds squared */
    if (pl == 1 && !nr_lex_field_is(u->e, "dimension", "length")) return 0;
    u->power = power;
    return 1;
}

/* A unit expression: "kg", "km/h", "kg/m²", "km/s/Mpc", or "/kg" (a rate per unit). */
static int parse_unit(const nr_ctx *c, const char *s, size_t n, nr_unit_expr *u)
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
        if (u->has_per < NR_MAX_PER && parse_part(c, p, pn, &u->per[u->has_per])) {
            u->has_per++;
            continue;
        }
        if (slash || !listed(c, NR_T_unit_per_words, p, pn)) return 0;
        u->per_word = p;
        u->per_word_len = pn;
    }
    return 1;
}

/* The reading of an entry, singular or plural. */
void nr_say_unit_entry(nr_buf *out, const nr_lex_entry *e, int plural)
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
static void say_part(nr_buf *out, const nr_unit_part *u, int plural)
{
    int length = nr_lex_field_is(u->e, "dimension", "length");
    int power = u->power < 0 ? -u->power : u->power;
    if (u->power < 0) {                                 /* "mol⁻¹" per mole */
        nr_buf_word(out, "per");
        plural = 0;
    }
    if (power > 1 && length) nr_buf_word(out, power == 2 ? "square" : "cubic");
    nr_say_unit_entry(out, u->e, plural);
    if (power > 1 && !length) nr_buf_word(out, power == 2 ? "squared" : "cubed");
}

static void say_unit(nr_buf *out, const nr_unit_expr *u, int plural, int square)
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

/* ---- the words after the quantity ---- */

/* 1 if token j is a lower-case word of the clause of token j-1 that can be a noun:
 * "model" in "the 128GB model", but not "in" of "the 100m in 9.58 seconds". */
int nr_unit_noun_at(const nr_ctx *c, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    if (j == 0 || !n || !nr_is_lower(w[0]) || !nr_tok_joined(c->t, j - 1)) return 0;
    return !listed(c, NR_T_unit_not_nouns, w, n);
}

/* Where a unit marked `spaced: context` is one: "5 in long", "5 ft 3 in", "10 x 4 in". */
static int unit_in_context(const nr_ctx *c, size_t num, size_t unit)
{
    size_t n, pn;
    const char *next = nr_tok_word(c->t, unit + 1, &n);
    nr_tok_post(c->t, unit, &pn);
    if (!pn && listed(c, NR_T_unit_context, next, n)) return 1;
    if (num == 0) return 0;
    const char *prev = nr_tok_word(c->t, num - 1, &n);
    return listed(c, NR_T_unit_context_before, prev, n);
}

/* For a unit that is also a name (`name: yes`): 1 if the number at token num looks like
 * a year (1000 to 2099) or the word after the unit is capitalized in the same clause
 * ("1975 Da Nang"). */
static int name_context(const nr_ctx *c, size_t num, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, num, &n);
    if (n == 4 && (w[0] == '1' || (w[0] == '2' && w[1] == '0')) && nr_is_digit(w[1]) && nr_is_digit(w[2]) && nr_is_digit(w[3]))
        return 1;
    return nr_tok_joined(c->t, j) && nr_tok_capitalized(c->t, j + 1);
}

/* The unit expression filling token j, read as a separate word after the number at
 * token num; 0 if it is none (or not safe here). */
static int spaced_unit(const nr_ctx *c, size_t num, size_t j, nr_unit_expr *u, int decimal)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    if (!n || !parse_unit(c, w, n, u)) return 0;
    if (!u->has_top) return 0;                          /* "12 /kg" */
    if (n == 1 && nr_is_upper(w[0]) && nr_tok_capitalized(c->t, j + 1)) return 0;   /* "1600 W Main St" */
    const nr_lex_entry *e = u->top.e;
    if (nr_lex_field_is(e, "before_noun", "no") && nr_unit_noun_at(c, j + 1)) return 0;   /* "5 HR managers" */
    if (nr_lex_field_is(e, "name", "yes") && name_context(c, num, j)) return 0;   /* "In 2008 Ma won" */
    if (u->has_per || u->per_word || u->top.power > 1 || decimal == 2) return 1;   /* 2: after a power of ten */
    if (nr_lex_field_is(e, "spaced", "no") || (nr_lex_field_is(e, "spaced", "decimal") && !decimal)) return 0;
    if (nr_lex_field_is(e, "spaced", "whole") && decimal) return 0;     /* "0.1 K": a thousand */
    if (nr_lex_field_is(e, "spaced", "context")) return unit_in_context(c, num, j);
    return 1;
}

/* A unit of two words as tokens j and j+1: "mm Hg". */
static int pair_unit(const nr_ctx *c, size_t j, nr_unit_expr *u)
{
    size_t n, m;
    const char *w = nr_tok_word(c->t, j, &n), *v = nr_tok_word(c->t, j + 1, &m);
    if (!n || !m || !nr_tok_joined(c->t, j)) return 0;
    nr_buf key = { 0 };
    nr_buf_put(&key, w, n);
    nr_buf_putc(&key, ' ');
    nr_buf_put(&key, v, m);
    memset(u, 0, sizeof *u);
    u->top.e = key.oom ? NULL : nr_lex_find(c->lex, NR_T_units, nr_buf_str(&key), key.len);
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
    if (!listed(c, NR_T_unit_square, w, n) || c->t->tok[j].brk != NR_BRK_NONE) return 0;
    return pn == 0 || (pn == 1 && p[0] == '.');
}

/* "a 5 kg bag", "a 10 km race": after an article the measure describes what follows,
 * and the unit stays singular. */
int nr_unit_attributive(const nr_ctx *c, size_t i)
{
    size_t n, pn;
    if (i == 0) return 0;
    const char *w = nr_tok_word(c->t, i - 1, &n);
    nr_tok_post(c->t, i - 1, &pn);
    return !pn && listed(c, NR_T_unit_attributive_before, w, n);
}

/* 1 if the measure from token i to before token end describes the noun after it: a
 * determiner or a possessive before it ("the 65W charger", "Apple's 30W adapter",
 * "two 4TB drives"), a noun after. */
int nr_unit_before_noun(const nr_ctx *c, size_t i, size_t end)
{
    size_t n, pn;
    if (i == 0 || !nr_unit_noun_at(c, end)) return 0;
    const char *w = nr_tok_word(c->t, i - 1, &n);
    nr_tok_post(c->t, i - 1, &pn);
    int possessive = n > 2 && w[n - 2] == '\'' && (w[n - 1] == 's' || w[n - 1] == 'S');
    return !pn && (possessive || nr_lex_find_nocase(c->lex, NR_T_unit_determiners, w, n));
}

/* The next words after the quantity at token i: [scale] [sq] unit. The tokens used
 * after i, 0 when no unit follows. */
size_t nr_unit_spaced_read(const nr_ctx *c, size_t i, int decimal, nr_unit_after *ua)
{
    size_t j = i, n;
    memset(ua, 0, sizeof *ua);
    ua->form = NR_UNIT_SPACED;
    if (!nr_tok_joined(c->t, j)) return 0;
    const char *w = nr_tok_word(c->t, j + 1, &n);
    if (listed(c, NR_T_measure_scales, w, n) && nr_tok_joined(c->t, j + 1)) {
        ua->scale = w;
        ua->scale_n = n;
        j++;
    }
    int pair = 0;
    if (nr_tok_joined(c->t, j) && pair_unit(c, j + 1, &ua->u)) pair = 1;    /* "130 mm Hg" */
    else if (nr_tok_joined(c->t, j) && square_word(c, j + 1)) {
        if (!spaced_unit(c, i, j + 2, &ua->u, decimal) || !nr_lex_field_is(ua->u.top.e, "dimension", "length")
            || ua->u.top.power > 1)
            return 0;
        ua->square = 1;
        j++;
    } else if (!nr_tok_joined(c->t, j) || !spaced_unit(c, i, j + 1, &ua->u, decimal)) return 0;
    return j + 1 + pair - i;
}

/* "°" glued to the number and "C" or "F" as the next word: "20° C". */
static const nr_lex_entry *degree_letter(const nr_ctx *c, size_t i, const char *rest, size_t rn)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    if (rn != 2 || (memcmp(rest, "\xc2\xb0", 2) && memcmp(rest, "\xc2\xba", 2))) return NULL;   /* ° º */
    if (!nr_tok_joined(c->t, i) || n != 1 || (w[0] != 'C' && w[0] != 'F')) return NULL;
    char key[3] = { rest[0], rest[1], w[0] };
    return nr_unit_find(c, key, 3);
}

size_t nr_unit_after_read(const nr_ctx *c, size_t i, const char *rest, size_t rn, int decimal, nr_unit_after *ua)
{
    if (rn == 0) {
        size_t more = nr_unit_spaced_read(c, i, decimal, ua);
        return more ? 1 + more : 0;
    }
    memset(ua, 0, sizeof *ua);
    nr_unit_expr *u = &ua->u;
    if (rest[0] == '-') {                               /* "5-kg bag": a 5 kilogram bag */
        ua->form = NR_UNIT_DASHED;
        return parse_unit(c, rest + 1, rn - 1, u) && u->has_top && !nr_lex_field_is(u->top.e, "attached", "no");
    }
    if (!parse_unit(c, rest, rn, u)) return 0;
    if (u->has_top && nr_lex_field_is(u->top.e, "attached", "no")) return 0;
    if (u->has_top && nr_lex_field_is(u->top.e, "before_noun", "no") && nr_unit_noun_at(c, i + 1)) return 0;
    ua->form = (ua->degree = degree_letter(c, i, rest, rn)) ? NR_UNIT_DEGREE : NR_UNIT_GLUED;
    return ua->degree ? 2 : 1;
}

void nr_say_unit_after(nr_buf *out, const nr_unit_after *ua, int one)
{
    switch (ua->form) {
    case NR_UNIT_SPACED:
        if (ua->scale) nr_buf_wordn(out, ua->scale, ua->scale_n);
        say_unit(out, &ua->u, !one || ua->scale, ua->square);
        break;
    case NR_UNIT_DASHED: say_unit(out, &ua->u, 0, 0); break;
    case NR_UNIT_DEGREE: nr_say_unit_entry(out, ua->degree, !one); break;
    default: say_unit(out, &ua->u, !one, 0);
    }
}
