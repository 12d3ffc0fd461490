/*
 * verbalize_scientific.c — powers of ten and e-notation, with their unit: "10^8",
 * "10^-19", "10²³", "10⁻³⁴", "6.02e23", "5.0E-7 m", "10^8 m/s", "10⁹/L", "10^-19 C":
 * ten to the eighth, six point zero two times ten to the twenty third, ... A unit after
 * a power of ten is always plural, and a few letters that are no unit elsewhere are one
 * right after it ("C": coulombs, units_after_power in en-units.yaml).
 *
 * Why a class of its own, before measure: "10^8" or "6.02e23" is a number the measure and
 * number classes would read as a quantity and a unit or as letters.
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/units.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>

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
        int v = super ? superscript_digit(s + k, n - k, &l) : (nr_is_digit(s[k]) ? s[k] - '0' : -1);
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

/* What the match read, for the say. */
enum { POWER_OF_TEN, E_NOTATION };
typedef struct {
    nr_num mantissa;        /* E_NOTATION: "6.02" */
    char d[4];              /* the exponent's digits */
    size_t dn;
    int minus;
    size_t len;             /* bytes of the number in the word */
    const nr_lex_entry *after_power;   /* "10^-19 C": the next word's unit */
    nr_unit_after unit;
    int has_unit;
} scientific;

/* A power of ten at the start of w ("10^8", "10⁻³⁴"); bytes used, 0 if none. */
static size_t power_of_ten(const char *w, size_t n, scientific *s)
{
    size_t l;
    if (n < 3 || w[0] != '1' || w[1] != '0') return 0;
    if (w[2] == '^') l = exponent_at(w + 3, n - 3, 0, s->d, &s->dn, &s->minus);
    else l = exponent_at(w + 2, n - 2, 1, s->d, &s->dn, &s->minus);
    return l ? (w[2] == '^' ? 3 : 2) + l : 0;
}

/* "6.02e23", "5.0E-7": a number in e-notation at the start of w; bytes used, 0 if none. */
static size_t e_notation(const char *w, size_t n, scientific *s)
{
    nr_num *a = &s->mantissa;
    if (!nr_parse_num(w, n, 1, a) || a->commas || a->len + 1 >= n || (w[a->len] != 'e' && w[a->len] != 'E'))
        return 0;
    size_t l = exponent_at(w + a->len + 1, n - a->len - 1, 0, s->d, &s->dn, &s->minus);
    return l ? a->len + 1 + l : 0;
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, scientific *s)
{
    if (!c->lex) return 0;
    size_t k, used, un;
    if ((k = power_of_ten(w, n, s))) m->reading = POWER_OF_TEN;
    else if ((k = e_notation(w, n, s))) m->reading = E_NOTATION;
    else return 0;
    s->len = k;
    const char *uw = nr_tok_word(c->t, i + 1, &un);
    const nr_lex_entry *e = un ? nr_lex_find(c->lex, NR_T_units_after_power, uw, un) : NULL;
    if (k == n && e && nr_tok_joined(c->t, i)) {        /* "10^-19 C": coulombs */
        s->after_power = e;
        used = 2;
    } else if (k == n) {
        size_t more = nr_unit_spaced_read(c, i, 2, &s->unit);
        s->has_unit = more != 0;
        used = 1 + more;
    } else if ((used = nr_unit_after_read(c, i, w + k, n - k, 1, &s->unit))) {
        s->has_unit = 1;
    } else return 0;
    return used;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const scientific *s,
                nr_buf *out)
{
    (void)c, (void)i, (void)w, (void)n;
    if (m->reading == E_NOTATION) {
        nr_say_quantity(out, &s->mantissa);
        nr_buf_word(out, "times");
    }
    say_ten_to(out, s->d, s->dn, s->minus);
    if (s->after_power) nr_say_unit_entry(out, s->after_power, 1);
    else if (s->has_unit) nr_say_unit_after(out, &s->unit, 0);
}

NR_CLASS_RECORD(scientific, scientific, match, say);
