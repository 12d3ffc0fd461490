/*
 * verbalize_range.c — ranges and scores: "5-10" five to ten, "2010-2015" twenty ten to
 * twenty fifteen, "1939-45", "1938 - 1981", "10%-15%", "1960s-80s", "9am-5pm-ish",
 * "mid-1990s-2000s", "between 1450-1500" (and, not to), "0919-2697" (a code, digit by
 * digit), "won 3-2"; records and formations, "25-8-4", "4-3-3", said number by number.
 * And the year_range class: "384-322 BCE", "c. 980-1037", "(c. 742 - 814)": a range of
 * years of three digits by their era or cue, said in pairs like "490 BC".
 *
 * The word is parsed into two sides joined by a dash (numeric.h); the reading of the
 * pair is picked from their shapes and neighbours (years.h): years, decades, clock times
 * (through the time class's clock reader), numbers. Why a class of its own, after the
 * telephone class: "555-1234" has a range's shape too, and is a phone number.
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/numeric.h"
#include "front/verbalize_util.h"
#include "front/years.h"
#include "util/chars.h"
#include <string.h>


/* What the match read, for the say. */
enum { RECORD, DASHED, SPACED, YEAR3, YEAR3_SPACED };
typedef struct {
    size_t prefix;          /* bytes of a "mid" before the first number (0: none) */
    nr_side a, b;           /* the ends */
    int percent;            /* "10%-15%" */
    char ap;                /* an am/pm as the next token ("5-7 pm") */
    nr_clock ka, kb;        /* the ends as clock times, when either is one */
    int counted;            /* a plural noun follows: "1000-2000 troops" are no years */
    int years;              /* SPACED: both ends are years */
    const char *scale;      /* a scale word as the next token: "5-10 million" */
} range;

/* "to" between the ends of a range of years, "and" after "between" (range_and_cues):
 * "between 1450-1500" -> between fourteen fifty and fifteen hundred. (Other ranges keep
 * "to", as people say them: "between 10 - 12" -> between ten to twelve.) */
static const char *range_word(const nr_ctx *c, size_t i)
{
    return i > 0 && nr_tok_joined(c->t, i - 1) && nr_tok_cue(c, NR_T_range_and_cues, i - 1) ? "and" : "to";
}

/* ---- years of three digits ---- */

/* "384-322 BCE", "(c. 742 - 814)", "c. 980-1037": a range of years whose first has three
 * digits, by nr_year3_context. Token i holds the first, `last` the second. */
static int year3_range(const nr_ctx *c, size_t i, size_t last, const nr_num *a, const nr_num *b)
{
    return c->lex && nr_is_year3(a) && (nr_is_year3(b) || nr_is_cued_year_form(b)) && nr_year3_context(c, i, last);
}

/* Said in pairs like "490 BC" ("three eighty four to three twenty two"; a four-digit end
 * as a year). */
static void say_year3_range(const nr_ctx *c, size_t i, nr_buf *out, const nr_num *a, const nr_num *b)
{
    nr_say_model(out, a->ip, 3);
    nr_buf_word(out, range_word(c, i));
    if (b->ipn == 4) nr_say_year(out, b->ip, 4);
    else nr_say_model(out, b->ip, 3);
}

/* "c. 980-1037" filling its word, which would pass for a telephone number ("555-1234"). */
static size_t match_year_range(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, range *r)
{
    (void)m;
    nr_num *a = &r->a.x, *b = &r->b.x;
    if (!c->lex || !nr_parse_num(w, n, 0, a) || a->len >= n) return 0;
    size_t dl = nr_range_dash(w + a->len, n - a->len);
    if (!dl || !nr_parse_num(w + a->len + dl, n - a->len - dl, 0, b) || a->len + dl + b->len != n) return 0;
    return year3_range(c, i, i, a, b);
}

static void say_year_range(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m,
                           const range *r, nr_buf *out)
{
    (void)w, (void)n, (void)m;
    say_year3_range(c, i, out, &r->a.x, &r->b.x);
}

NR_CLASS_RECORD(year_range, range, match_year_range, say_year_range);

/* ---- records ---- */

/* "25-8-4", "4-3-3": three or four groups of one to three digits joined by '-' (six
 * digits at most, no group but "0" starting with a zero) — a record of wins, losses and
 * ties or a formation, said number by number ("twenty five eight four"). */
static int record(const char *w, size_t n)
{
    size_t groups = 0, total = 0;
    for (size_t p = 0; p < n;) {
        size_t d = nr_digits_at(w + p, n - p);
        if (!d || d > 3 || (d > 1 && w[p] == '0')) return 0;
        groups++;
        total += d;
        p += d;
        if (p == n) break;
        if (w[p] != '-' || p + 1 == n) return 0;
        p++;
    }
    return groups >= 3 && groups <= 4 && total <= 6;
}

static void say_record(nr_buf *out, const char *w, size_t n)
{
    for (size_t p = 0; p < n;) {
        size_t d = nr_digits_at(w + p, n - p);
        nr_say_cardinal(out, w + p, d);
        p += d + 1;
    }
}

/* "1939-45": the end of a year range written with two digits; said as written. */
static int short_year_end(const nr_num *x, const nr_num *y)
{
    return nr_num_is_plain(y) && y->ipn == 2 && nr_digits_value(y->ip, 2) > nr_digits_value(x->ip + 2, 2);
}

/* The first year of "1007-08": a year of 1001..1009 is said in pairs like its end
 * ("ten oh seven to oh eight"), others as nr_say_year does. */
static void say_first_year(nr_buf *out, const nr_num *x, int short_end)
{
    if (short_end && x->ip[0] == '1' && x->ip[1] == '0' && x->ip[2] == '0' && x->ip[3] != '0') {
        nr_buf_word(out, "ten");
        nr_buf_word(out, "oh");
        nr_say_cardinal(out, x->ip + 3, 1);
    } else nr_say_year(out, x->ip, 4);
}

/* One end of a time range: "9" alone is just nine, not nine o'clock. */
static void say_range_clock(const nr_ctx *c, nr_buf *out, const nr_side *sd, const nr_clock *k, char ap)
{
    if (sd->min || ap) nr_say_clock(c, out, k, 0);
    else nr_say_num(out, &sd->x);
}

/* 1 if the sides a and b (the dash checked) make a range: decades with decades, clock
 * times with clock times (an am/pm `ap` as the next token counts), or numbers. */
static int sides_range(range *r)
{
    const nr_side *a = &r->a, *b = &r->b;
    if (a->decade != b->decade) return 0;
    if (a->decade) return nr_decade_ok(&a->x) && nr_decade_ok(&b->x);        /* "1960s-80s" */
    if (a->min || a->ampm || b->min || b->ampm || r->ap)                       /* "9am-5pm", "9-11:30", "5-7 pm" */
        return nr_side_clock(a, a->ampm, 1, &r->ka) && nr_side_clock(b, b->ampm ? b->ampm : r->ap, 1, &r->kb);
    return 1;
}

/* Says "a-b". Scores read the same: "won 3-2". `to` joins the ends of years ("to", or
 * "and" after "between"). */
static void say_sides(const nr_ctx *c, nr_buf *out, const range *r, const char *to)
{
    const nr_side *a = &r->a, *b = &r->b;
    const nr_num *x = &a->x, *y = &b->x;
    if (a->decade) {
        nr_say_decade(out, x);
        nr_buf_word(out, "to");
        nr_say_decade(out, y);
        return;
    }
    if (a->min || a->ampm || b->min || b->ampm || r->ap) {
        say_range_clock(c, out, a, &r->ka, a->ampm);
        nr_buf_word(out, "to");
        say_range_clock(c, out, b, &r->kb, b->ampm ? b->ampm : r->ap);
        return;
    }
    int short_end = nr_is_year_form(x) && short_year_end(x, y);
    if (nr_is_year_form(x) && !r->percent && !r->counted && (nr_is_year_form(y) || short_end)) {
        say_first_year(out, x, short_end);
        nr_buf_word(out, to);
        if (y->ipn == 4) nr_say_year(out, y->ip, 4);
        else if (y->ip[0] == '0') { nr_buf_word(out, "oh"); nr_say_cardinal(out, y->ip, 2); }
        else nr_say_cardinal(out, y->ip, 2);
        return;
    }
    int plain = nr_num_is_plain(x) && nr_num_is_plain(y);
    if (plain && (nr_is_code(x) || nr_is_code(y))) {  /* "0919-2697": a code, digit by digit */
        nr_say_digits(out, x->ip, x->ipn);
        nr_say_digits(out, y->ip, y->ipn);
        return;
    }
    nr_say_num(out, x);
    nr_buf_word(out, "to");
    nr_say_num(out, y);
    if (r->percent) nr_buf_word(out, "percent");
}

/* The range after side a in its word: "-10", "–2015", "%-15%"; the reading (DASHED or
 * YEAR3), tokens used or 0. */
static size_t dashed(const nr_ctx *c, size_t i, const char *rest, size_t rn, range *r, int *reading)
{
    const nr_side *a = &r->a, *b = &r->b;
    int pct_a = rn && rest[0] == '%';
    size_t dl = nr_range_dash(rest + pct_a, rn - pct_a);
    if (!dl || rn <= pct_a + dl || nr_is_alpha(rest[pct_a + dl])) return 0;
    const char *s = rest + pct_a + dl;
    size_t left_n = rn - pct_a - dl;
    nr_parse_side(s, left_n, 0, &r->b);
    size_t left = left_n - b->len;
    r->percent = left == 1 && s[left_n - 1] == '%';
    if (!b->len || (left && !r->percent) || (pct_a && !r->percent)) return 0;
    r->ap = left == 0 && !b->ampm ? nr_next_ampm(c, i) : 0;
    *reading = YEAR3;
    if (!r->percent && !r->ap && !a->min && !a->ampm && !b->min && !b->ampm && !a->decade && !b->decade
        && year3_range(c, i, i, &a->x, &b->x)) return 1;
    *reading = DASHED;
    if (!sides_range(r)) return 0;
    r->counted = nr_counted(c, i);
    r->scale = !r->ap && !r->percent && !a->decade ? nr_next_scale(c, i) : NULL;
    return r->ap || r->scale ? 2 : 1;
}

/* "1938 - 1981", "612 – 613": a range spread over three tokens from the number x at
 * token i; the reading (SPACED or YEAR3_SPACED), tokens used or 0. */
static size_t spaced(const nr_ctx *c, size_t i, range *r, int *reading)
{
    size_t pn, rn;
    const nr_num *a = &r->a.x;
    nr_num *b = &r->b.x;
    nr_tok_post(c->t, i, &pn);
    if (pn || !nr_tok_dash(c->t, i + 1) || !nr_tok_number(c->t, i + 2, b)) return 0;
    nr_tok_pre(c->t, i + 2, &rn);
    if (rn || nr_tok_is(c->t, i + 3, "=") || c->t->tok[i + 1].brk == NR_BRK_SENTENCE) return 0;
    r->years = nr_is_year_form(a) && nr_is_year_form(b) && !nr_count_follows(c, i + 2) && !nr_counted(c, i);
    *reading = YEAR3_SPACED;
    if (year3_range(c, i, i + 2, a, b)) return 3;
    *reading = SPACED;
    if (!r->years && !(nr_num_is_plain(a) && nr_num_is_plain(b) && nr_compare_ints(a, b) < 0)) return 0;
    return 3;
}

static void say_spaced(const nr_ctx *c, size_t i, nr_buf *out, const range *r)
{
    if (r->years) nr_say_year(out, r->a.x.ip, 4);
    else nr_say_num(out, &r->a.x);
    nr_buf_word(out, r->years ? range_word(c, i) : "to");
    if (r->years) nr_say_year(out, r->b.x.ip, 4);
    else nr_say_num(out, &r->b.x);
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, range *r)
{
    if (n < 1) return 0;
    if (record(w, n)) {
        m->reading = RECORD;
        return 1;
    }
    size_t skip = nr_parse_prefixed_side(c, w, n, &r->prefix, &r->a);   /* "mid-1990s-2000s" */
    if (!r->a.len) return 0;
    const char *rest = w + skip + r->a.len;
    size_t rn = n - skip - r->a.len;
    const nr_side *a = &r->a;
    size_t used = dashed(c, i, rest, rn, r, &m->reading);
    if (!used && !rn && !a->min && !a->ampm && !a->decade) used = spaced(c, i, r, &m->reading);
    return used;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const range *r,
                nr_buf *out)
{
    if (m->reading == RECORD) {
        say_record(out, w, n);
        return;
    }
    if (r->prefix) nr_buf_wordn(out, w, r->prefix);
    if (m->reading == DASHED) say_sides(c, out, r, range_word(c, i));
    else if (m->reading == SPACED) say_spaced(c, i, out, r);
    else say_year3_range(c, i, out, &r->a.x, &r->b.x);
    if (r->scale) nr_buf_word(out, r->scale);
}

NR_CLASS_RECORD(range, range, match, say);
