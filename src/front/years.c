/*
 * years.c — years and decades by shape and context (see years.h). Moved out of the number
 * class so that the classes that meet years (number, range, year_range) ask the same
 * questions in one place.
 */
#include "front/years.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>


/* ---- the shapes ---- */

int nr_is_year_form(const nr_num *x)
{
    if (!nr_num_is_plain(x) || x->ipn != 4) return 0;
    long v = nr_digits_value(x->ip, 4);
    return v >= 1000 && v <= 2099;
}

int nr_is_cued_year_form(const nr_num *x)
{
    return nr_num_is_plain(x) && x->ipn == 4 && x->ip[0] != '0' && nr_digits_value(x->ip, 4) <= 2099;
}

/* A year of three digits (100..999) as x: plain, no leading zero. */
int nr_is_year3(const nr_num *x)
{
    return nr_num_is_plain(x) && x->ipn == 3 && x->ip[0] != '0';
}

/* ---- context ---- */

/* A month's name or abbreviation written as a name ("March", "Sept", not "march" or
 * "MAY") at token i, with nothing after it but '.' or ','. (The date class reads
 * "March 1984" itself; this sees the month when that class declined: "March... 1984".) */
static int is_month(const nr_ctx *c, size_t i)
{
    size_t n, pn;
    const char *w = nr_tok_word(c->t, i, &n);
    nr_tok_post(c->t, i, &pn);
    if (!n || !nr_is_upper(w[0]) || nr_run_of(w + 1, n - 1, nr_is_lower) != n - 1) return 0;
    if (!nr_lex_find(c->lex, NR_T_months, w, n)) return 0;
    return pn == 0 || nr_tok_post_starts(c->t, i, '.') || nr_tok_post_starts(c->t, i, ',');
}

/* A day of the month: "5", "5th". */
static int is_day(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    size_t d = nr_digits_at(w, n);
    if (d < 1 || d > 2) return 0;
    if (d < n && !(n - d == 2 && nr_is_alpha(w[d]) && nr_is_alpha(w[d + 1]))) return 0;
    long v = nr_digits_value(w, d);
    return v >= 1 && v <= 31;
}

/* "1066 AD", "300 BC". */
int nr_era_follows(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *next = nr_tok_word(c->t, i + 1, &n);
    return nr_tok_joined(c->t, i) && c->lex && nr_lex_find(c->lex, NR_T_era_words, next, n);
}

/* A plural noun or a quantity word right after token i: "1984 people", "1500 of". */
int nr_count_follows(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    if (!nr_tok_joined(c->t, i) || !n) return 0;
    if (nr_tok_cue(c, NR_T_count_next, i + 1)) return 1;
    if (n < 3 || nr_run_of(w, n, nr_is_lower) != n || w[n - 1] != 's') return 0;
    if (w[n - 2] == 's' || w[n - 2] == 'u' || w[n - 2] == 'i') return 0;   /* less, bus, this */
    return !nr_tok_cue(c, NR_T_not_plurals, i + 1);
}

/* A quantity, not years, by the words around token i: "nearly 1500", "1500 people". */
int nr_counted(const nr_ctx *c, size_t i)
{
    size_t pn;
    nr_tok_post(c->t, i - 1, &pn);
    int touching = i > 0 && pn == 0 && c->t->tok[i - 1].brk == NR_BRK_NONE;
    return nr_count_follows(c, i) || (touching && nr_tok_cue(c, NR_T_count_cues, i - 1));
}

/* 1 if the cue word at token j stands at the start of a sentence ("In 1990 elections"). */
static int fronted(const nr_ctx *c, size_t j)
{
    return nr_tok_sentence_start(c->t, j) && nr_tok_capitalized(c->t, j);
}

/* Whether the bare four-digit number x at token i reads as a year here. `chain` allows
 * looking back over "1990 and 2000" (one step). */
int nr_year_context(const nr_ctx *c, size_t i, const nr_num *x, int chain)
{
    size_t qn, pn;
    const char *pre = nr_tok_pre(c->t, i, &qn);
    if (!nr_is_cued_year_form(x)) return 0;
    if (qn && pre[qn - 1] == '(' && nr_tok_post_starts(c->t, i, ')')) return 1;   /* "(1984)" */
    if (nr_era_follows(c, i)) return 1;
    int counted = nr_count_follows(c, i);
    if (i > 0) {
        nr_tok_post(c->t, i - 1, &pn);
        if (is_month(c, i - 1)) return 1;
        if (i >= 2 && is_day(c, i - 1) && (pn == 0 || nr_tok_post_starts(c->t, i - 1, ','))
            && is_month(c, i - 2)) return 1;
        int touching = pn == 0 && c->t->tok[i - 1].brk == NR_BRK_NONE;
        if (touching && nr_tok_cue(c, NR_T_count_cues, i - 1)) return 0;
        if (touching && nr_tok_cue(c, NR_T_year_cues_strong, i - 1)) return 1;
        if (touching && nr_tok_cue(c, NR_T_year_cues, i - 1)) return !counted || fronted(c, i - 1);
        nr_num y;
        if (chain && i >= 2 && ((touching && nr_tok_cue(c, NR_T_year_chain_words, i - 1)) || nr_tok_dash(c->t, i - 1))
            && nr_tok_number(c->t, i - 2, &y) && nr_is_cued_year_form(&y) && nr_year_context(c, i - 2, &y, 0))
            return 1;
    }
    return !counted && nr_is_year_form(x);
}

/* Whether a number of three digits at token i (and a range to token `last`) is a year by
 * its neighbours: an era word after the last or before the first ("384-322 BCE", "AD
 * 742"), or a year3_cues word right before ("c. 742", "d. 415", "born 980"; a single
 * letter needs its '.'), or a year3_preps word after a year3_verbs one ("fell in 476",
 * "founded in 632"); no plural noun after the last ("died 415 days later"). */
int nr_year3_context(const nr_ctx *c, size_t i, size_t last)
{
    size_t pn, qn, n;
    if (nr_era_follows(c, last)) return 1;
    if (i == 0 || nr_count_follows(c, last) || c->t->tok[i - 1].brk != NR_BRK_NONE) return 0;
    const char *p = nr_tok_post(c->t, i - 1, &pn);
    const char *w = nr_tok_word(c->t, i - 1, &n);
    nr_tok_pre(c->t, i, &qn);
    int dot = pn == 1 && p[0] == '.';
    if (qn || (pn && !dot)) return 0;
    if (nr_lex_find(c->lex, NR_T_era_words, w, n)) return 1;                 /* "AD 742" */
    if (nr_tok_cue(c, NR_T_year3_cues, i - 1)) return n > 1 || dot;
    return !pn && i >= 2 && nr_tok_cue(c, NR_T_year3_preps, i - 1) && nr_tok_joined(c->t, i - 2)
        && nr_tok_cue(c, NR_T_year3_verbs, i - 2);
}

/* ---- decades ---- */

/* "100s" -> hundreds, "1,000s" -> thousands, "10,000s" -> tens of thousands: a power of
 * ten from 100 in the plural. */
static int round_plural(const nr_num *x)
{
    if (x->sign || x->fp || x->ipn < 3 || x->ip[0] != '1') return 0;
    for (size_t k = 1; k < x->ipn; k++)
        if (x->ip[k] != '0' && x->ip[k] != ',') return 0;
    return 1;
}

static void say_round_plural(nr_buf *out, const nr_num *x)
{
    nr_buf words = { 0 };
    nr_say_num_int(&words, x, nr_say_cardinal);
    const char *w = nr_buf_str(&words);
    if (!strncmp(w, "one ", 4)) w += 4;
    for (const char *sp; !words.oom && *w; w = sp + (*sp == ' ')) {   /* ten thousand -> tens of thousands */
        sp = strchr(w, ' ');
        if (!sp) sp = w + strlen(w);
        nr_buf_wordn(out, w, (size_t)(sp - w));
        nr_pluralize_last(out);
        if (*sp) nr_buf_word(out, "of");
    }
    if (words.oom) out->oom = 1;
    nr_buf_free(&words);
}

int nr_decade_ok(const nr_num *x)
{
    if (round_plural(x)) return 1;
    return nr_num_is_plain(x) && x->ip[x->ipn - 1] == '0' && x->ip[0] != '0' && (x->ipn == 4 || x->ipn == 2);
}

void nr_say_decade(nr_buf *out, const nr_num *x)
{
    if (round_plural(x)) {
        say_round_plural(out, x);
        return;
    }
    if (x->ipn == 4) nr_say_year(out, x->ip, 4);
    else nr_say_cardinal(out, x->ip, 2);
    nr_pluralize_last(out);
}

/* Makes the last word plural: "ninety" -> "nineties", "hundred" -> "hundreds". */
void nr_pluralize_last(nr_buf *out)
{
    if (out->oom || !out->len) return;
    if (out->s[out->len - 1] == 'y') {
        out->len--;
        nr_buf_puts(out, "ies");
    } else nr_buf_puts(out, "s");
}

