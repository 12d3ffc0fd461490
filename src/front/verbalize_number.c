/*
 * verbalize_number.c — tokens whose word is a number, read as a quantity or a year:
 * "1,200", "2.5", "-3", "45%", "22nd", "29th's", "1990s", "'90s", "5-year", "mid-1990s",
 * "#1", "4th-and-1", "1.2 million", "5bn", "the 4500 block", "340 AD", "call 5551234";
 * and clock times inside shapes the time class leaves, read by its clock reader
 * (clock.h): it reads only words that are a time from their first byte to their last,
 * so "mid-3 pm", "3:30-year-old" and "9am-era" are read here.
 *
 * The word is parsed once into a side: a number with what clings to it (":30", "pm",
 * "s"; numeric.h), then the reading is picked. Whether a bare four-digit number is a
 * year is decided from its neighbours (years.h: "in 1984" against "1984 people");
 * without a sign either way a number of 1000..2099 reads as a year, as it nearly always
 * is in running text ("the 1066 invasion"). The shapes other classes own are theirs:
 * ranges and scores (verbalize_range.c), telephone numbers (verbalize_telephone.c),
 * models and case numbers (verbalize_code.c), ratios, IP addresses, dashed dates. The
 * cue words are tables of en-numbers.yaml (see the T_ names below). Anything
 * unrecognised is not claimed, so the word is read as written: guessing wrong is worse
 * than eSpeak NG's own reading.
 */
#include "front/verbalize.h"
#include "front/clock.h"
#include "front/numbers.h"
#include "front/numeric.h"
#include "front/verbalize_util.h"
#include "front/years.h"
#include "util/chars.h"
#include <string.h>

/* ---- the tables of voices/lexicons/en-numbers.yaml ---- */


/* ---- what the match read ---- */

enum {
    HASH, SHORT_DECADE,                 /* "#1", "'90s" */
    CLOCK, DECADE, NUMBER, SCALED,      /* "3:30-year-old", "1990s", "1,200", "5bn" */
    PERCENT, PLUS, ORDINAL, ORDINAL_POSSESSIVE,     /* "45%", "10+", "22nd", "29th's" */
    SPLIT_DECADE, YEAR3, HUNDREDS, YEAR, DIGITS     /* bare numbers by their neighbours */
};
typedef struct {
    nr_side a;              /* the number and what clings to it */
    size_t prefix;          /* bytes of "mid" before it (0: none) */
    nr_clock clock;         /* CLOCK: the side as a clock time (am/pm maybe the next token's) */
    const char *scale;      /* SCALED: "bn" said; NUMBER: the next token's scale word */
    size_t tail, tail_n;    /* a "-year-old" tail: where in the word, its bytes */
} number;

/* ---- one side with a suffix ---- */

static int eq(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* "st", "nd", "rd", "th" agreeing with the last digits of x. */
static int ordinal_suffix_ok(const nr_num *x, const char *s, size_t n)
{
    return n == 2 && x->ipn && !x->sign && !x->fp && nr_ordinal_suffix_agrees(x->ip, x->ipn, s);
}

/* "9.4M customers", "70B parameters": a capital scale letter marked `before_noun` counts
 * without a currency when a lower-case word follows the number (a count of things). */
static int noun_follows(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    return i + 1 < c->t->n && nr_tok_joined(c->t, i) && n > 1 && nr_is_lower(w[0]);
}

/* The suffix after a plain number inside its word: its reading, or -1. */
static int suffix(const nr_ctx *c, size_t i, const nr_num *x, const char *s, size_t n, number *r)
{
    if (eq(s, n, "%")) return PERCENT;
    if (eq(s, n, "+")) return PLUS;
    if (ordinal_suffix_ok(x, s, n)) return ORDINAL;
    if (n == 4 && s[2] == '\'' && s[3] == 's' && ordinal_suffix_ok(x, s, 2)) return ORDINAL_POSSESSIVE;
    const nr_lex_entry *e = nr_lex_find(c->lex, NR_T_scale_words, s, n);   /* "5bn", not "5m" */
    int allowed = e && (!nr_lex_field(e, "money_only") || (nr_lex_field(e, "before_noun") && noun_follows(c, i)));
    if (!allowed || nr_run_of(s, n, nr_is_alpha) != n) return -1;
    r->scale = e->say;
    return SCALED;
}

/* ---- bare numbers ---- */

/* "340 AD", "AD 340", "753 BC", "d. 415", "fell in 476": a year of three digits with its
 * era or a year cue (nr_year3_context), said in pairs like a model ("three forty"). */
static int era_year3(const nr_ctx *c, size_t i, const nr_num *x)
{
    size_t n;
    const char *prev = nr_tok_word(c->t, i - 1, &n);
    if (!nr_num_is_plain(x) || x->ipn != 3 || x->ip[0] == '0') return 0;
    int before = i > 0 && nr_tok_joined(c->t, i - 1) && nr_lex_find(c->lex, NR_T_era_words, prev, n);
    return before || nr_year3_context(c, i, i);
}

/* "the 1980 s": a decade whose "s" came apart from it (token i+1 is used). */
static int split_decade(const nr_ctx *c, size_t i, const nr_num *x)
{
    return nr_is_year_form(x) && x->ip[3] == '0' && nr_tok_joined(c->t, i) && nr_tok_is(c->t, i + 1, "s")
        && nr_decade_ok(x);
}

/* "the 4500 block" -> forty five hundred: a round number of hundreds from 1100 to 9900
 * (not of thousands) before a word of hundreds_cues, said in hundreds. */
static int hundreds(const nr_ctx *c, size_t i, const nr_num *x)
{
    return nr_num_is_plain(x) && x->ipn == 4 && x->ip[0] != '0' && memcmp(x->ip + 2, "00", 2) == 0
        && x->ip[1] != '0' && nr_tok_joined(c->t, i) && nr_tok_cue(c, NR_T_hundreds_cues, i + 1);
}

/* "call 911": a number after a telephone word is read digit by digit. */
static int phone_cue_before(const nr_ctx *c, size_t i, const nr_num *x)
{
    size_t pn;
    if (i == 0 || !nr_num_is_plain(x) || x->ipn < 3) return 0;
    const char *p = nr_tok_post(c->t, i - 1, &pn);
    if (pn > 1 || (pn == 1 && p[0] != ':') || c->t->tok[i - 1].brk == NR_BRK_SENTENCE) return 0;
    return nr_tok_cue(c, NR_T_phone_cues, i - 1);
}

/* A bare number filling its word: a clock time with "pm" next, a decade, a year, digits
 * after a telephone word, or a cardinal with a scale word next. The reading; the tokens
 * used in *used. */
static int bare(const nr_ctx *c, size_t i, int force_year, number *r, size_t *used)
{
    const nr_num *x = &r->a.x;
    char ap = nr_next_ampm(c, i);
    *used = 2;
    if (ap && nr_side_clock(&r->a, ap, 1, &r->clock)) return CLOCK;
    if (split_decade(c, i, x)) return SPLIT_DECADE;
    *used = 1;
    if (era_year3(c, i, x)) return YEAR3;
    if (hundreds(c, i, x)) return HUNDREDS;
    int era = nr_num_is_plain(x) && x->ipn == 4 && x->ip[0] != '0' && nr_era_follows(c, i);
    if (era || (nr_is_cued_year_form(x) && (force_year ? nr_is_year_form(x) : nr_year_context(c, i, x, 1))))
        return YEAR;
    if (phone_cue_before(c, i, x)) return DIGITS;
    if ((r->scale = nr_next_scale(c, i))) *used = 2;
    return NUMBER;
}

/* A side alone in its word, with what follows it there ("st", "%", "-year-old"): the
 * reading, or -1; the tokens used in *used. */
static int single(const nr_ctx *c, size_t i, const char *rest, size_t rn, int force_year, number *r,
                  size_t *used)
{
    const nr_side *sd = &r->a;
    size_t t = nr_tail_start(rest, rn);         /* rest = suffix [0, t) + tail [t, rn) */
    int reading = NUMBER;
    *used = 1;
    if (sd->min || sd->ampm) {
        char ap = sd->ampm ? sd->ampm : rn ? 0 : nr_next_ampm(c, i);   /* "4:00 pm" */
        reading = CLOCK;
        if (ap && !sd->ampm && nr_side_clock(sd, ap, 1, &r->clock)) *used = 2;
        else if (t || !nr_side_clock(sd, sd->ampm, 1, &r->clock)) return -1;
    } else if (sd->decade) {
        if (t || !nr_decade_ok(&sd->x)) return -1;
        reading = DECADE;
    } else if (rn == 0) {
        reading = bare(c, i, force_year, r, used);
    } else if (t != 0 && (reading = suffix(c, i, &sd->x, rest, t, r)) < 0) return -1;
    if (t < rn && !nr_tail_ok(rest + t, rn - t)) return -1;
    r->tail = t;
    r->tail_n = rn - t;
    return reading;
}

/* ---- other shapes ---- */

/* "'90s" -> nineties. */
static int short_decade(const char *w, size_t n, number *r)
{
    nr_parse_side(w + 1, n - 1, 0, &r->a);
    return r->a.decade && r->a.len == n - 1 && r->a.x.ipn == 2 && nr_decade_ok(&r->a.x);
}

/* "#1" -> number one; "# 40" (two tokens) too. Tokens used. */
static size_t hash(const nr_ctx *c, size_t i, const char *w, size_t n, number *r)
{
    nr_num *x = &r->a.x;
    size_t pn;
    if (n > 1) return nr_parse_num(w + 1, n - 1, 0, x) && x->len == n - 1;
    nr_tok_post(c->t, i, &pn);
    return !pn && nr_tok_number(c->t, i + 1, x) ? 2 : 0;
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, number *r)
{
    if (n < 1) return 0;
    if (w[0] == '#') {
        m->reading = HASH;
        return hash(c, i, w, n, r);
    }
    if (w[0] == '\'') {
        m->reading = SHORT_DECADE;
        return n > 1 && short_decade(w, n, r);
    }
    size_t used, skip = nr_parse_prefixed_side(c, w, n, &r->prefix, &r->a);    /* "mid-1990s": mid, then the number */
    if (!r->a.len) return 0;
    m->reading = single(c, i, w + skip + r->a.len, n - skip - r->a.len, r->prefix != 0, r, &used);
    if (m->reading < 0) return 0;
    r->tail += skip + r->a.len;
    return used;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const number *r,
                nr_buf *out)
{
    (void)i, (void)n;
    const nr_num *x = &r->a.x;
    if (r->prefix) nr_buf_wordn(out, w, r->prefix);
    switch (m->reading) {
    case HASH: nr_buf_word(out, "number"); nr_say_num(out, x); break;
    case SHORT_DECADE: case DECADE: case SPLIT_DECADE: nr_say_decade(out, x); break;
    case CLOCK: nr_say_clock(c, out, &r->clock, 0); break;
    case PERCENT: case PLUS:
        nr_say_num(out, x);
        nr_buf_word(out, m->reading == PERCENT ? "percent" : "plus");
        break;
    case ORDINAL: case ORDINAL_POSSESSIVE:
        nr_say_num_int(out, x, nr_say_ordinal);
        if (m->reading == ORDINAL_POSSESSIVE) nr_buf_puts(out, "'s");
        break;
    case YEAR3: nr_say_model(out, x->ip, 3); break;
    case HUNDREDS:
        nr_say_cardinal(out, x->ip, 2);
        nr_buf_word(out, "hundred");
        break;
    case YEAR: nr_say_year(out, x->ip, 4); break;
    case DIGITS: nr_say_digits(out, x->ip, x->ipn); break;
    default:
        nr_say_num(out, x);
        if (r->scale) nr_buf_word(out, r->scale);
    }
    if (r->tail_n) nr_say_tail(out, w + r->tail, r->tail_n);
}

NR_CLASS_RECORD(number, number, match, say);
