/*
 * verbalize_code.c — numbers that name something rather than count it, said the way
 * people say those names:
 *   after a maker's name, a model: "Boeing 747-400" seven forty seven four hundred,
 *     "RTX 4090" forty ninety, "Ryzen 9 7950X" seventy nine fifty X, "737-8", "747s";
 *   a part number: "i9-14900K" I nine fourteen nine hundred K, "DDR5-6000", "A320-200";
 *   after "No." or "Case", a case or a file: "No. 22-451" twenty two four fifty one,
 *     "Case No. 1:23-cv-00456" one twenty three C V zero zero four five six.
 *
 * Why a class of its own, before the range and telephone classes: "747-400", "22-451" and
 * "1:23" have their shapes; the maker's name or the cue word says they are names. The
 * cue words are tables of en-numbers.yaml (model_makers, case_number_cues).
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"
#include "front/years.h"
#include "util/chars.h"
#include <string.h>


/* What the match read, for the say. */
enum { MODEL, PART, CASE };
typedef struct {
    size_t digits;          /* MODEL: the model's digits; PART: the letters */
    size_t variant;         /* MODEL: digits after '-'; PART: digits before '-' */
    size_t suffix_at, suffix;       /* a product suffix ("X", "K"): where and how long */
    size_t second;          /* PART: digits after '-' */
    int plural;             /* MODEL: "747s" */
} code;

/* Length of a product suffix at s: up to three capitals, a digit and a capital between
 * them allowed ("X", "XT", "KF", "X3D", "ER"); 0 if none. */
static size_t product_suffix(const char *s, size_t n)
{
    size_t k = 0, caps = 0;
    while (k < n && k < 4 && (nr_is_upper(s[k]) || (k > 0 && nr_is_digit(s[k]) && k + 1 < n && nr_is_upper(s[k + 1])))) {
        caps += nr_is_upper(s[k]);
        k++;
    }
    return caps && caps <= 3 && k && nr_is_upper(s[0]) ? k : 0;
}

/* Says a product suffix: letters spelled, a digit as a number ("X3D" -> X three D). */
static void say_product_suffix(nr_buf *out, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (nr_is_digit(s[k])) nr_say_cardinal(out, s + k, 1);
        else nr_say_letter(out, s[k]);
    }
}

/* Token i follows a maker's name, or a maker and a tier ("Ryzen 9 7950X", "Core i9
 * 13900K": a digit or a letter and a digit as the word between). */
static int after_maker(const nr_ctx *c, size_t i)
{
    size_t n;
    if (nr_tok_after_maker(c, i)) return 1;
    const char *w = nr_tok_word(c->t, i - 1, &n);
    size_t lead = n == 2 && nr_is_lower(w[0]);
    return i >= 2 && n && n <= 2 && nr_digits_at(w + lead, n - lead) == n - lead
        && nr_tok_joined(c->t, i - 1) && nr_tok_after_maker(c, i - 1);
}

/* "Boeing 747", "747-400", "737-8", "747s", "RTX 4090", "Ryzen 7950X", "Core i9 14900K"
 * after a maker's name: a model, said the way people say those (seven forty seven four
 * hundred, forty ninety, seventy nine fifty X). A falling pair there names a variant, not
 * a range. Four or five digits come after a maker of processors and the like, or a tier
 * ("Ryzen 9"). 1 if it is one. */
static int model_number(const nr_ctx *c, size_t i, const char *w, size_t n, code *r)
{
    size_t d = nr_digits_at(w, n), m = 0;
    if (d < 3 || d > 5 || w[0] == '0' || !after_maker(c, i)) return 0;
    if (d == 3 && d + 1 < n && w[d] == '-') {
        m = nr_digits_at(w + d + 1, n - d - 1);
        if (!m || m > 3) return 0;
    }
    size_t end = m ? d + 1 + m : d;
    size_t suf = end < n ? product_suffix(w + end, n - end) : 0;
    int plural = end + suf + 1 == n && w[end + suf] == 's';
    if (end + suf + plural != n) return 0;
    *r = (code){ .digits = d, .variant = m, .suffix_at = end, .suffix = suf, .plural = plural };
    return 1;
}

static void say_model_number(nr_buf *out, const char *w, const code *r)
{
    nr_say_product(out, w, r->digits);
    if (r->variant) nr_say_model(out, w + r->digits + 1, r->variant);
    if (r->suffix) say_product_suffix(out, w + r->suffix_at, r->suffix);
    if (r->plural) nr_pluralize_last(out);
}

/* "i9-14900K" -> I nine fourteen nine hundred K, "DDR5-6000" -> D D R five six thousand,
 * "A320-200": a letter in lower case or up to five capitals, one to three digits, '-',
 * then three to five digits with maybe a product suffix — the part number of a chip or
 * an aircraft, said as products are (nr_say_product). 1 if it is one. */
static int part_code(const char *w, size_t n, code *r)
{
    size_t a = nr_run_of(w, n, nr_is_upper);
    if (!a && n && nr_is_lower(w[0])) a = 1;
    if (!a || a > 5 || a >= n) return 0;
    size_t d = nr_digits_at(w + a, n - a), p = a + d;
    if (!d || d > 3 || p + 1 >= n || w[p] != '-') return 0;
    size_t e = nr_digits_at(w + p + 1, n - p - 1), q = p + 1 + e;
    if (e < 3 || e > 5 || w[p + 1] == '0') return 0;
    size_t suf = q < n ? product_suffix(w + q, n - q) : 0;
    if (q + suf != n) return 0;
    *r = (code){ .digits = a, .variant = d, .second = e, .suffix_at = q, .suffix = suf };
    return 1;
}

static void say_part_code(nr_buf *out, const char *w, const code *r)
{
    size_t a = r->digits, p = a + r->variant;
    for (size_t k = 0; k < a; k++) nr_say_letter(out, w[k]);
    nr_say_model(out, w + a, r->variant);
    nr_say_product(out, w + p + 1, r->second);
    say_product_suffix(out, w + r->suffix_at, r->suffix);
}

/* "No. 22-451" -> number twenty two four fifty one, "Case No. 1:23-cv-00456" -> ... one
 * twenty three C V zero zero four five six: after a word of case_number_cues, a word of
 * two digit groups or more joined by '-' or ':' (letter groups of up to three between)
 * names a case or a file, not a range (two groups of as many digits, rising, are one: "No
 * 732-733"); the cue capitalized or abbreviated ("Case",
 * "no."), as "in case 2-3 inches fall" is a range. Each digit group is said as in a model number,
 * letters spelled. 1 if it is one. */
static int case_number(const nr_ctx *c, size_t i, const char *w, size_t n)
{
    size_t groups = 0, d1 = nr_digits_at(w, n), d2 = 0;
    if (i == 0 || c->t->tok[i - 1].brk == NR_BRK_SENTENCE || !nr_tok_continues(c->t, i)
        || !nr_tok_cue(c, NR_T_case_number_cues, i - 1)) return 0;
    if (!nr_tok_capitalized(c->t, i - 1) && !nr_tok_post_starts(c->t, i - 1, '.'))
        return 0;                               /* "in case 2-3 inches fall" */
    for (size_t p = 0; p < n;) {                /* check: groups between single separators */
        size_t d = nr_digits_at(w + p, n - p), a = d ? 0 : nr_run_of(w + p, n - p, nr_is_alpha);
        if ((!d && !a) || a > 3) return 0;
        groups += d > 0;
        p += d + a;
        if (p == n) break;
        if ((w[p] != '-' && w[p] != ':') || p + 1 == n) return 0;
        p++;
    }
    if (groups < 2) return 0;
    if (d1 && d1 < n && w[d1] == '-') d2 = nr_digits_at(w + d1 + 1, n - d1 - 1);
    if (d2 == d1 && d1 + 1 + d2 == n && memcmp(w, w + d1 + 1, d1) < 0)
        return 0;                               /* "No 732-733": a range, low to high */
    return 1;
}

static void say_case_number(nr_buf *out, const char *w, size_t n)
{
    for (size_t p = 0; p < n;) {
        size_t d = nr_digits_at(w + p, n - p), a = d ? 0 : nr_run_of(w + p, n - p, nr_is_alpha);
        if (d) nr_say_model(out, w + p, d);
        for (size_t k = 0; k < a; k++) nr_say_letter(out, w[p + k]);
        p += d + a + 1;
    }
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, code *r)
{
    if (n < 1) return 0;
    if (model_number(c, i, w, n, r)) m->reading = MODEL;
    else if (part_code(w, n, r)) m->reading = PART;
    else if (c->lex && case_number(c, i, w, n)) m->reading = CASE;
    else return 0;
    return 1;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const code *r,
                nr_buf *out)
{
    (void)c, (void)i;
    if (m->reading == MODEL) say_model_number(out, w, r);
    else if (m->reading == PART) say_part_code(out, w, r);
    else say_case_number(out, w, n);
}

NR_CLASS_RECORD(code, code, match, say);
