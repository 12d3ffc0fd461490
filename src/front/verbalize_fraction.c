/*
 * verbalize_fraction.c — fractions: "1/3" one third, "2/3" two thirds, "1/2" one half,
 * "3/4" three quarters, "1/4th" one quarter, "4 1/2" four and a half, "1-1/2" one and a
 * half, "½", "2½", "2 ¾", "12639/12640" twelve thousand six hundred thirty nine twelve
 * thousand six hundred fortieths, "142/1" one hundred forty two over one.
 *
 * Why its own class: the denominator is said as an ordinal that agrees with the
 * numerator, and a whole number before it joins with "and". A slash between two small
 * numbers is as often a date ("on 3/20", "4/9"): the date class runs first, and what it
 * leaves is still only read as a fraction when it looks like one (a common denominator
 * such as 2, 3, 4, 8, 16, an ordinal ending, a whole number before it, "of" after it).
 * The words (half, quarter, the common denominators, the date cues, ½ ¾, 24/7) are data
 * in voices/lexicons/en-units.yaml.
 *
 * Not every slash between numbers is a fraction. Before reading one this class asks, in
 * turn: a season or fiscal year ("the 2023/24 season" twenty twenty three twenty four),
 * a blood pressure ("130/80 mm Hg", "BP was 150/95": one thirty over eighty), a score
 * ("Verdict: 8/10", "4.5/5 stars": eight out of ten), a split ("a 60/40 portfolio":
 * sixty forty). The cue words for these are data too.
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>


static int listed(const nr_ctx *c, const char *table, const char *s, size_t n)
{
    return n && nr_lex_find(c->lex, table, s, n) != NULL;
}

/* Value of a digit string, capped (only compared with small numbers). */
static long value(const char *s, size_t n)
{
    long v = 0;
    for (size_t k = 0; k < n; k++) {
        v = v * 10 + (s[k] - '0');
        if (v > 100000) return 100000;
    }
    return v;
}

/* ---- a fraction as written ---- */

typedef struct {
    const char *num, *den;      /* digit strings */
    size_t numn, denn;
    int ordinal;                /* "1/4th" */
} fraction;

/* Length of a slash at s: '/' or U+2044 FRACTION SLASH; 0 if none. */
static size_t slash_at(const char *s, size_t n)
{
    if (n >= 1 && s[0] == '/') return 1;
    if (n >= 3 && !memcmp(s, "\xe2\x81\x84", 3)) return 3;
    return 0;
}

/* "n/d" or "n/dth" filling s; 1 if it is one. Leading zeros make a code, not a fraction. */
static int parse_slash(const char *s, size_t n, fraction *f)
{
    memset(f, 0, sizeof *f);
    size_t a = nr_digits_at(s, n), sl = slash_at(s + a, n - a);
    if (!a || !sl || (a > 1 && s[0] == '0')) return 0;
    const char *d = s + a + sl;
    size_t dn = n - a - sl, b = nr_digits_at(d, dn);
    if (!b || (b > 1 && d[0] == '0')) return 0;
    if (b != dn) {
        char x = nr_to_lower(d[b]), y = dn - b == 2 ? nr_to_lower(d[b + 1]) : 0;
        if (!((x == 's' && y == 't') || (x == 'n' && y == 'd') || (x == 'r' && y == 'd') || (x == 't' && y == 'h')))
            return 0;
        f->ordinal = 1;
    }
    f->num = s;
    f->numn = a;
    f->den = d;
    f->denn = b;
    return 1;
}

/* A vulgar fraction character filling s ("½"); 1 if it is one. */
static int parse_vulgar(const nr_ctx *c, const char *s, size_t n, fraction *f)
{
    const nr_lex_entry *e = n >= 2 && n <= 4 ? nr_lex_find(c->lex, NR_T_vulgar_fractions, s, n) : NULL;
    const char *num = nr_lex_field(e, "num"), *den = nr_lex_field(e, "den");
    if (!num || !den) return 0;
    memset(f, 0, sizeof *f);
    f->num = num;
    f->numn = strlen(num);
    f->den = den;
    f->denn = strlen(den);
    return nr_digits_at(num, f->numn) == f->numn && nr_digits_at(den, f->denn) == f->denn && f->numn && f->denn;
}

/* ---- saying it ---- */

/* The denominator word, singular or plural: half, quarters, thirds, hundredths. */
static void say_denominator(const nr_ctx *c, nr_buf *out, const fraction *f, int plural)
{
    const nr_lex_entry *e = nr_lex_find(c->lex, NR_T_fractions, f->den, f->denn);
    if (e) {
        const char *pl = nr_lex_field(e, "plural");
        nr_buf_word(out, plural && pl ? pl : e->say);
        return;
    }
    nr_buf ord = { 0 };
    nr_say_ordinal(&ord, f->den, f->denn);
    const char *w = nr_buf_str(&ord);
    if (!strncmp(w, "one ", 4)) w += 4;     /* 1/100: one hundredth, not one one hundredth */
    if (ord.oom) out->oom = 1;
    else {
        nr_buf_word(out, w);
        if (plural) nr_buf_putc(out, 's');
    }
    nr_buf_free(&ord);
}

/* 1 if "a" or "an" follows token i: "½ a teaspoon" is half a teaspoon. */
static int article_follows(const nr_ctx *c, size_t i)
{
    size_t n, pn;
    const char *next = nr_tok_word(c->t, i + 1, &n);
    nr_tok_post(c->t, i, &pn);
    return !pn && ((n == 1 && next[0] == 'a') || (n == 2 && next[0] == 'a' && next[1] == 'n'));
}

/* "three quarters", "one half", "five over one", "zero divided by zero"; `half`: a half
 * is said "half" (before "a"). */
static void say_fraction(const nr_ctx *c, nr_buf *out, const fraction *f, int half)
{
    long d = value(f->den, f->denn);
    if (half && d == 2 && f->numn == 1 && f->num[0] == '1') {
        nr_buf_word(out, "half");
        return;
    }
    nr_say_cardinal(out, f->num, f->numn);
    if (d <= 1) {
        nr_buf_word(out, d == 1 ? "over" : "divided by");
        nr_say_cardinal(out, f->den, f->denn);
        return;
    }
    say_denominator(c, out, f, !(f->numn == 1 && f->num[0] == '1'));
}

/* "and a half", "and three quarters", "and one over one". */
static void say_mixed(const nr_ctx *c, nr_buf *out, const char *whole, size_t wn, const fraction *f)
{
    nr_say_cardinal(out, whole, wn);
    nr_buf_word(out, "and");
    if (f->numn == 1 && f->num[0] == '1' && value(f->den, f->denn) > 1) {
        nr_buf part = { 0 };
        say_denominator(c, &part, f, 0);
        const char *w = nr_buf_str(&part);
        nr_buf_word(out, strchr("aeiou", w[0]) && w[0] ? "an" : "a");
        nr_buf_word(out, w);
        if (part.oom) out->oom = 1;
        nr_buf_free(&part);
    } else say_fraction(c, out, f, 0);
}

/* ---- fraction or date ---- */

/* 1 if a plain "n/d" (no whole number, no ordinal ending) at token i is read as a
 * fraction: one that could be a month and a day needs a common denominator and no
 * date word before it, or "of" after it. */
static int fraction_not_date(const nr_ctx *c, size_t i, const fraction *f)
{
    long m = value(f->num, f->numn), d = value(f->den, f->denn);
    if (f->ordinal || m < 1 || m > 12 || d < 1 || d > 31) return 1;
    size_t n, pn;
    const char *next = nr_tok_word(c->t, i + 1, &n);
    nr_tok_post(c->t, i, &pn);
    if (!pn && n == 2 && next[0] == 'o' && next[1] == 'f') return 1;
    if (i > 0) {
        const char *prev = nr_tok_word(c->t, i - 1, &n);
        if (listed(c, NR_T_fraction_date_cues, prev, n)) return 0;
    }
    return listed(c, NR_T_fraction_denominators, f->den, f->denn);
}

/* ---- slashes that are not fractions ---- */

/* 1 if a word of a cue table stands up to three words before token i, in its sentence:
 * "rated it 4/5", "His BP was 150/95", "Verdict: 8/10". */
static int cue_before(const nr_ctx *c, const char *table, size_t i)
{
    for (size_t k = 1; k <= 3 && k <= i; k++) {
        if (c->t->tok[i - k].brk == NR_BRK_SENTENCE) return 0;
        if (nr_tok_cue(c, table, i - k)) return 1;
    }
    return 0;
}

/* 1 if the word after token i, or the two words after it ("mm Hg"), are in a table. */
static int cue_after(const nr_ctx *c, const char *table, size_t i)
{
    size_t n, m;
    if (!nr_tok_joined(c->t, i)) return 0;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    if (listed(c, table, w, n)) return 1;
    const char *v = nr_tok_word(c->t, i + 2, &m);
    if (!n || !m || !nr_tok_joined(c->t, i + 1)) return 0;
    nr_buf key = { 0 };
    nr_buf_put(&key, w, n);
    nr_buf_putc(&key, ' ');
    nr_buf_put(&key, v, m);
    int found = !key.oom && listed(c, table, nr_buf_str(&key), key.len);
    nr_buf_free(&key);
    return found;
}

/* "2023/24", "2019/20", "2008/09", "2023/2024" filling s: a year over the next one, a
 * season or a fiscal year (twenty twenty three twenty four). */
static int season(const char *s, size_t n)
{
    if ((n != 7 && n != 9) || nr_digits_at(s, 4) != 4 || s[4] != '/' || nr_digits_at(s + 5, n - 5) != n - 5)
        return 0;
    long y = value(s, 4), d = value(s + 5, n - 5);
    return y >= 1900 && y <= 2099 && (n == 7 ? d == (y + 1) % 100 : d == y + 1);
}

static void say_season(nr_buf *out, const char *s, size_t n)
{
    long y = value(s, 4), d = value(s + 5, n - 5);
    nr_say_year(out, s, 4);
    if (n == 9 || d == 0) {                         /* "1999/00": nineteen ninety nine two thousand */
        char next[4] = { (char)('0' + (y + 1) / 1000), (char)('0' + (y + 1) / 100 % 10),
                         (char)('0' + (y + 1) / 10 % 10), (char)('0' + (y + 1) % 10) };
        nr_say_year(out, next, 4);
    } else if (s[5] == '0') {                       /* "2008/09": two thousand eight oh nine */
        nr_buf_word(out, "oh");
        nr_say_cardinal(out, s + 6, 1);
    } else nr_say_cardinal(out, s + 5, 2);
}

/* A blood pressure: "130/80 mm Hg", "BP was 150/95" (one thirty over eighty). Only
 * values a pressure can have (systolic 60-300 over a lower diastolic from 20). */
static int pressure(const nr_ctx *c, size_t i, const fraction *f)
{
    long sys = value(f->num, f->numn), dia = value(f->den, f->denn);
    if (f->ordinal || sys < 60 || sys > 300 || dia < 20 || dia >= sys) return 0;
    return cue_after(c, NR_T_fraction_over_after, i) || cue_before(c, NR_T_fraction_over_before, i);
}

/* A score rather than a fraction: "4/5 stars", or "rated 4/5" with a score's
 * denominator (a decimal one, "4.5/5", is decimal_rating's). */
static int rating(const nr_ctx *c, size_t i, const char *den, size_t denn)
{
    size_t n, pn;
    const char *next = nr_tok_word(c->t, i + 1, &n);
    nr_tok_post(c->t, i, &pn);
    if (!pn && listed(c, NR_T_fraction_rating_words, next, n)) return 1;
    return listed(c, NR_T_fraction_rating_denominators, den, denn) && cue_before(c, NR_T_fraction_rating_cues, i);
}

/* "4.5/5", "7.5/10": a decimal over a score's denominator is a score, cue or not. The
 * decimal in x, the denominator in f->den. */
static int decimal_rating(const nr_ctx *c, const char *s, size_t n, nr_num *x, fraction *f)
{
    if (!nr_parse_num(s, n, 0, x) || !x->fp || x->commas || x->len + 1 >= n || s[x->len] != '/') return 0;
    f->den = s + x->len + 1;
    f->denn = n - x->len - 1;
    return nr_digits_at(f->den, f->denn) == f->denn && listed(c, NR_T_fraction_rating_denominators, f->den, f->denn);
}

/* "60/40", "80/20": two multiples of ten that make a hundred are a split. */
static int split(const fraction *f)
{
    long a = value(f->num, f->numn), b = value(f->den, f->denn);
    return !f->ordinal && !(a % 10) && !(b % 10) && a >= 10 && b >= 10 && a + b == 100;
}

/* ---- the token ---- */

/* What the match read, for the say. */
enum { IDIOM, SEASON, PRESSURE, RATING, DECIMAL_RATING, SPLIT, FRACTION, MIXED };
typedef struct {
    fraction f;
    const char *whole;      /* MIXED: the whole number's digits; IDIOM: the reading */
    size_t wn;
    int minus;              /* FRACTION, MIXED: a sign before it */
    int half;               /* FRACTION: "half" before "a" */
    nr_num x;               /* DECIMAL_RATING: the decimal */
} reading;

/* A whole number as token i and a fraction as token i+1: "4 1/2", "2 ½". */
static size_t mixed_spaced(const nr_ctx *c, size_t i, const char *w, size_t n, reading *r)
{
    size_t fn;
    const char *fw = nr_tok_word(c->t, i + 1, &fn);
    if (!nr_tok_joined(c->t, i) || (n > 1 && w[0] == '0')) return 0;
    if (!parse_slash(fw, fn, &r->f) && !parse_vulgar(c, fw, fn, &r->f)) return 0;
    if (value(r->f.den, r->f.denn) == 0) return 0;
    r->whole = w;
    r->wn = n;
    return 2;
}

/* A slash between numbers, "3/4", "1/4th", "130/80", "4/5 stars": its reading. */
static int slash_reading(const nr_ctx *c, size_t i, reading *r)
{
    if (r->minus) return FRACTION;
    if (pressure(c, i, &r->f)) return PRESSURE;
    if (!r->f.ordinal && rating(c, i, r->f.den, r->f.denn)) return RATING;
    if (split(&r->f)) return SPLIT;
    return fraction_not_date(c, i, &r->f) ? FRACTION : -1;
}

/* The reading of the word s (after a sign) at token i; -1 if it is no fraction. */
static int word_reading(const nr_ctx *c, size_t i, const char *s, size_t sn, reading *r)
{
    size_t a = nr_digits_at(s, sn);
    int p = r->minus;
    if (!p && season(s, sn)) return SEASON;             /* "2023/24" */
    if (parse_slash(s, sn, &r->f)) return slash_reading(c, i, r);
    if (parse_vulgar(c, s + a, sn - a, &r->f) && (a == 0 || s[0] != '0')) {   /* "½", "2½" */
        r->whole = s;
        r->wn = a;
        return a ? MIXED : FRACTION;
    }
    if (!p && a && a < sn && s[a] == '.' && decimal_rating(c, s, sn, &r->x, &r->f)) return DECIMAL_RATING;
    if (a && a + 1 < sn && s[a] == '-' && parse_slash(s + a + 1, sn - a - 1, &r->f)   /* "1-1/2" */
        && s[0] != '0' && value(r->f.num, r->f.numn) < value(r->f.den, r->f.denn)) {
        r->whole = s;
        r->wn = a;
        return MIXED;
    }
    return -1;
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, reading *r)
{
    if (!c->lex || !nr_lex_find(c->lex, NR_T_fractions, "2", 1)) return 0;   /* no fraction words loaded */
    if (!n) return 0;
    size_t used = 1;
    const nr_lex_entry *idiom = nr_lex_find(c->lex, NR_T_fraction_idioms, w, n);
    if (idiom) {
        m->reading = IDIOM;
        r->whole = idiom->say;
        return 1;
    }
    size_t p = 0;
    if (n > 1 && w[0] == '-') p = 1;
    else if (n > 3 && !memcmp(w, "\xe2\x88\x92", 3)) p = 3;
    const char *s = w + p;
    size_t sn = n - p;
    r->minus = p != 0;
    if (nr_digits_at(s, sn) == sn) {
        m->reading = MIXED;
        if (p || !(used = mixed_spaced(c, i, s, sn, r))) return 0;
    } else if ((m->reading = word_reading(c, i, s, sn, r)) < 0) return 0;
    if (m->reading == FRACTION) r->half = article_follows(c, i);
    return used;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const reading *r,
                nr_buf *out)
{
    (void)i;
    const fraction *f = &r->f;
    if (r->minus) nr_buf_word(out, "minus");
    switch (m->reading) {
    case IDIOM: nr_buf_word(out, r->whole); break;
    case SEASON: say_season(out, w, n); break;
    case PRESSURE:
        nr_say_model(out, f->num, f->numn);
        nr_buf_word(out, "over");
        nr_say_model(out, f->den, f->denn);
        break;
    case RATING:
        nr_say_cardinal(out, f->num, f->numn);
        nr_buf_word(out, "out of");
        nr_say_cardinal(out, f->den, f->denn);
        break;
    case DECIMAL_RATING:
        nr_say_num(out, &r->x);
        nr_buf_word(out, "out of");
        nr_say_cardinal(out, f->den, f->denn);
        break;
    case SPLIT:
        nr_say_cardinal(out, f->num, f->numn);
        nr_say_cardinal(out, f->den, f->denn);
        break;
    case FRACTION: say_fraction(c, out, f, r->half); break;
    default: say_mixed(c, out, r->whole, r->wn, f);
    }
}

NR_CLASS_RECORD(fraction, reading, match, say);
