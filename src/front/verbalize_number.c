/*
 * verbalize_number.c — tokens whose word is a number: "1,200", "2.5", "-3", "45%", "22nd",
 * "1990s", "'90s", "5-10", "2010-2015", "1939-45", "1938 - 1981", "10%-15%", "5-year",
 * "mid-1990s", "#1", "4th-and-1", records and formations ("25-8-4", "4-3-3"), part
 * numbers ("i9-14900K", "DDR5-6000"); telephone numbers ("555-1234", "(555) 123-4567",
 * "+1(123) 555-0199", "+44 20 7946 0958", "1-800-GO-U-HAUL", "ext. 12", "call 911"); IP addresses
 * ("192.168.0.1"); and clock times inside shapes the time class (asked first) leaves:
 * it reads only words that are a time from their first byte to their last, so
 * "mid-3 pm", "3:30-year-old" and "9am-era" are read here.
 *
 * The word is parsed once into sides: a number with what clings to it (":30", "pm", "s").
 * One side alone, or two joined by a dash (a range), then pick the reading. Whether a
 * bare four-digit number is a year is decided from its neighbours ("in 1984" against
 * "1984 people"); without a sign either way a number of 1000..2099 reads as a year, as it
 * nearly always is in running text ("the 1066 invasion"). After a maker's name a number
 * names a model ("Boeing 747-400": seven forty seven four hundred, "RTX 4090": forty
 * ninety). A service number ("911") is said digit by digit only where a service is
 * meant ("call 911", "a 911 call", not "311 yards"). The cue words are
 * tables of en-numbers.yaml (see the T_ names below). Anything unrecognised returns 0 so the word is read as written:
 * guessing wrong is worse than eSpeak NG's own reading.
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"
#include <string.h>

/* ---- the tables of voices/lexicons/en-numbers.yaml ---- */

#define T_YEAR_CUE   "year_cues"        /* "in 1984" */
#define T_YEAR_FIRM  "year_cues_strong" /* "since 1990", "Q3 2021" */
#define T_MONTH      "months"           /* "March 1984" (en-dates.yaml) */
#define T_ERA        "era_words"        /* "1066 AD" */
#define T_COUNT_CUE  "count_cues"       /* "nearly 1500": a quantity */
#define T_COUNT_NEXT "count_next"       /* "1500 of": a quantity */
#define T_NOT_PLURAL "not_plurals"      /* "1990 was": no plural noun */
#define T_SCALE      "scale_words"      /* "1.2 million", "5bn" */
#define T_PREFIX     "decade_prefixes"  /* "mid-1990s" */
#define T_CHAIN      "year_chain_words" /* "from 1990 to 2000" */
#define T_PHONE_CUE  "phone_cues"       /* "call 911" */
#define T_EXTENSION  "phone_extensions" /* "ext. 12" */
#define T_DIGIT_NUM  "digit_numbers"    /* "a 911 call": digit by digit */
#define T_DIGIT_BEFORE "digit_number_before" /* "call 911", "dial 999" */
#define T_DIGIT_AFTER  "digit_number_after"  /* "a 911 call", "the 988 lifeline" */
#define T_HUNDREDS   "hundreds_cues"    /* "the 4500 block": forty five hundred */
#define T_CASE_CUE   "case_number_cues" /* "No. 22-451": a number, not a range */
#define T_YEAR3_CUE  "year3_cues"       /* "c. 742", "d. 415": a year of three digits */
#define T_YEAR3_VERB "year3_verbs"      /* "fell in 476" */
#define T_YEAR3_PREP "year3_preps"      /* the "in" of "fell in 476" */
#define T_RANGE_AND  "range_and_cues"   /* "between 1450-1500": and, not to */
#define T_DATE_CUE   "date_cues"        /* "on 5-12-20": a date (en-dates.yaml) */
#define T_MONTH_NUM  "month_numbers"    /* 5 -> may (en-dates.yaml) */
#define T_RATIO_CUE  "ratio_cues"       /* "a 1:10 dilution": a ratio */
#define T_RATIO_VETO "ratio_vetoes"     /* "at 2:45": a time */

/* ---- small string helpers ---- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

static size_t run_at(const char *s, size_t n, int (*cls)(char))
{
    size_t k = 0;
    while (k < n && cls(s[k])) k++;
    return k;
}

static int eq(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* "am"/"pm" as written ("am", "PM", "a.m"): 'a' or 'p', else 0. */
static char ampm(const char *s, size_t n)
{
    if (n != 2 && n != 3) return 0;
    char l = lower(s[0]);
    if (l != 'a' && l != 'p') return 0;
    if (n == 2 ? lower(s[1]) == 'm' : (s[1] == '.' && lower(s[2]) == 'm')) return l;
    return 0;
}

/* ---- a number as written ---- */

static int is_code(const nr_num *x) { return nr_num_is_plain(x) && x->ipn > 1 && x->ip[0] == '0'; }

static int is_year_form(const nr_num *x)
{
    if (!nr_num_is_plain(x) || x->ipn != 4) return 0;
    long v = nr_digits_value(x->ip, 4);
    return v >= 1000 && v <= 2099;
}

/* Four digits that an explicit cue may make a year: 1000..2099 ("in 1066"). */
static int is_cued_year_form(const nr_num *x)
{
    return nr_num_is_plain(x) && x->ipn == 4 && x->ip[0] != '0' && nr_digits_value(x->ip, 4) <= 2099;
}

/* Compares two plain integers by value: <0, 0, >0. */
static int compare_ints(const nr_num *a, const nr_num *b)
{
    const char *p = a->ip, *q = b->ip;
    size_t m = a->ipn, n = b->ipn;
    while (m > 1 && *p == '0') { p++; m--; }
    while (n > 1 && *q == '0') { q++; n--; }
    if (m != n) return m < n ? -1 : 1;
    return memcmp(p, q, m);
}

/* Makes the last word plural: "ninety" -> "nineties", "hundred" -> "hundreds". */
static void pluralize_last(nr_buf *out)
{
    if (out->oom || !out->len) return;
    if (out->s[out->len - 1] == 'y') {
        out->len--;
        nr_buf_puts(out, "ies");
    } else nr_buf_puts(out, "s");
}

/* ---- a side: a number and what clings to it ---- */

typedef struct {
    nr_num x;
    const char *min;        /* the two digits of ":30", or NULL */
    char ampm;              /* 'a', 'p' or 0 */
    int decade;             /* "1990s", "80's" */
    size_t len;
} side;

/* Parses a side at w; its length is sd->len (0: no number there). */
static void parse_side(const char *w, size_t n, int signed_ok, side *sd)
{
    memset(sd, 0, sizeof *sd);
    if (!nr_parse_num(w, n, signed_ok, &sd->x)) return;
    size_t p = sd->x.len;
    if (p + 3 <= n && w[p] == ':' && is_digit(w[p + 1]) && is_digit(w[p + 2])
        && (p + 3 == n || !is_digit(w[p + 3]))) {
        sd->min = w + p + 1;
        p += 3;
    }
    for (size_t l = 3; l >= 2; l--) {
        if (p + l <= n && (sd->ampm = ampm(w + p, l)) && (p + l == n || !is_alpha(w[p + l]))) {
            p += l;
            break;
        }
    }
    if (!sd->min && !sd->ampm && sd->x.ipn && !sd->x.fp && !sd->x.sign) {
        if (p + 1 <= n && w[p] == 's' && (p + 1 == n || !is_alpha(w[p + 1]))) { sd->decade = 1; p += 1; }
        else if (p + 2 <= n && w[p] == '\'' && w[p + 1] == 's' && (p + 2 == n || !is_alpha(w[p + 2]))) {
            sd->decade = 1;
            p += 2;
        }
    }
    sd->len = p;
}

/* ---- clock times inside other shapes (see the top) ---- */

/* Hours and minutes of a side read as a clock time; 0 if it is not one. */
static int clock_of(const side *sd, int with_ampm, long *h, long *m)
{
    const nr_num *x = &sd->x;
    if (!x->ipn || x->ipn > 2 || x->sign || x->commas) return 0;
    *h = nr_digits_value(x->ip, x->ipn);
    *m = 0;
    if (sd->min) {
        if (x->fp) return 0;
        *m = nr_digits_value(sd->min, 2);
    } else if (x->fp) {                         /* "3.30pm" */
        if (!with_ampm || x->fpn != 2) return 0;
        *m = nr_digits_value(x->fp, 2);
    }
    if (*m > 59 || *h > 24) return 0;
    return !with_ampm || (*h >= 1 && *h <= 12);
}

/* "3:30" -> three thirty, "10:05" -> ten oh five, "15:00" -> fifteen hundred, "3pm". */
static int say_clock(nr_buf *out, const side *sd, char ap)
{
    long h, m;
    if (!clock_of(sd, ap != 0, &h, &m)) return 0;
    nr_say_cardinal(out, sd->x.ip, sd->x.ipn);
    if (m == 0 && !ap) nr_buf_word(out, h >= 1 && h <= 12 ? "o'clock" : "hundred");
    if (m > 0 && m < 10) nr_buf_word(out, "oh");
    if (m > 0) nr_say_cardinal(out, sd->min ? sd->min : sd->x.fp, 2);
    /* eSpeak NG reads a lone "A" before a word as the article; "A.M" keeps it a letter
     * ("P.M" is written alike, as the time class does). */
    if (ap) nr_buf_word(out, ap == 'a' ? "A.M" : "P.M");
    return 1;
}

/* One end of a time range: "9" alone is just nine, not nine o'clock. */
static int say_range_clock(nr_buf *out, const side *sd, char ap)
{
    long h, m;
    if (sd->min || ap) return say_clock(out, sd, ap);
    if (!clock_of(sd, 0, &h, &m)) return 0;
    nr_say_num(out, &sd->x);
    return 1;
}

/* An am/pm word as token i+1, right after token i: 'a', 'p' or 0. */
static char next_ampm(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    return nr_tok_joined(c->t, i) ? ampm(w, n) : 0;
}

/* ---- decades and years ---- */

/* "100s" -> hundreds, "1,000s" -> thousands, "10,000s" -> tens of thousands: a power of
 * ten from 100 in the plural; 0 if x is none. */
static int say_round_plural(nr_buf *out, const nr_num *x)
{
    if (x->sign || x->fp || x->ipn < 3 || x->ip[0] != '1') return 0;
    for (size_t k = 1; k < x->ipn; k++)
        if (x->ip[k] != '0' && x->ip[k] != ',') return 0;
    nr_buf words = { 0 };
    nr_say_num_int(&words, x, nr_say_cardinal);
    const char *w = nr_buf_str(&words);
    if (!strncmp(w, "one ", 4)) w += 4;
    for (const char *sp; !words.oom && *w; w = sp + (*sp == ' ')) {   /* ten thousand -> tens of thousands */
        sp = strchr(w, ' ');
        if (!sp) sp = w + strlen(w);
        nr_buf_wordn(out, w, (size_t)(sp - w));
        pluralize_last(out);
        if (*sp) nr_buf_word(out, "of");
    }
    if (words.oom) out->oom = 1;
    nr_buf_free(&words);
    return 1;
}

/* "1990s" -> nineteen nineties; "80s" -> eighties; "1,000s" -> thousands. */
static int say_decade(nr_buf *out, const nr_num *x)
{
    if (say_round_plural(out, x)) return 1;
    if (!nr_num_is_plain(x) || x->ip[x->ipn - 1] != '0' || x->ip[0] == '0') return 0;
    if (x->ipn == 4) nr_say_year(out, x->ip, 4);
    else if (x->ipn == 2) nr_say_cardinal(out, x->ip, 2);
    else return 0;
    pluralize_last(out);
    return 1;
}

/* A month's name or abbreviation written as a name ("March", "Sept", not "march" or
 * "MAY") at token i, with nothing after it but '.' or ','. (The date class reads
 * "March 1984" itself; this sees the month when that class declined: "March... 1984".) */
static int is_month(const nr_ctx *c, size_t i)
{
    size_t n, pn;
    const char *w = nr_tok_word(c->t, i, &n);
    nr_tok_post(c->t, i, &pn);
    if (!n || !is_upper(w[0]) || run_at(w + 1, n - 1, is_lower) != n - 1) return 0;
    if (!nr_lex_find(c->lex, T_MONTH, w, n)) return 0;
    return pn == 0 || nr_tok_post_starts(c->t, i, '.') || nr_tok_post_starts(c->t, i, ',');
}

/* A day of the month: "5", "5th". */
static int is_day(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    size_t d = nr_digits_at(w, n);
    if (d < 1 || d > 2) return 0;
    if (d < n && !(n - d == 2 && is_alpha(w[d]) && is_alpha(w[d + 1]))) return 0;
    long v = nr_digits_value(w, d);
    return v >= 1 && v <= 31;
}

/* "1066 AD", "300 BC". */
static int era_follows(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *next = nr_tok_word(c->t, i + 1, &n);
    return nr_tok_joined(c->t, i) && c->lex && nr_lex_find(c->lex, T_ERA, next, n);
}

/* A plural noun or a quantity word right after token i: "1984 people", "1500 of". */
static int count_follows(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    if (!nr_tok_joined(c->t, i) || !n) return 0;
    if (nr_tok_cue(c, T_COUNT_NEXT, i + 1)) return 1;
    if (n < 3 || run_at(w, n, is_lower) != n || w[n - 1] != 's') return 0;
    if (w[n - 2] == 's' || w[n - 2] == 'u' || w[n - 2] == 'i') return 0;   /* less, bus, this */
    return !nr_tok_cue(c, T_NOT_PLURAL, i + 1);
}

/* A quantity, not years, by the words around token i: "nearly 1500", "1500 people". */
static int counted(const nr_ctx *c, size_t i)
{
    size_t pn;
    nr_tok_post(c->t, i - 1, &pn);
    int touching = i > 0 && pn == 0 && c->t->tok[i - 1].brk == NR_BRK_NONE;
    return count_follows(c, i) || (touching && nr_tok_cue(c, T_COUNT_CUE, i - 1));
}

/* 1 if the cue word at token j stands at the start of a sentence ("In 1990 elections"). */
static int fronted(const nr_ctx *c, size_t j)
{
    return nr_tok_sentence_start(c->t, j) && nr_tok_capitalized(c->t, j);
}

/* Whether the bare four-digit number x at token i reads as a year here. `chain` allows
 * looking back over "1990 and 2000" (one step). */
static int year_context(const nr_ctx *c, size_t i, const nr_num *x, int chain)
{
    size_t qn, pn;
    const char *pre = nr_tok_pre(c->t, i, &qn);
    if (!is_cued_year_form(x)) return 0;
    if (qn && pre[qn - 1] == '(' && nr_tok_post_starts(c->t, i, ')')) return 1;   /* "(1984)" */
    if (era_follows(c, i)) return 1;
    int counted = count_follows(c, i);
    if (i > 0) {
        nr_tok_post(c->t, i - 1, &pn);
        if (is_month(c, i - 1)) return 1;
        if (i >= 2 && is_day(c, i - 1) && (pn == 0 || nr_tok_post_starts(c->t, i - 1, ','))
            && is_month(c, i - 2)) return 1;
        int touching = pn == 0 && c->t->tok[i - 1].brk == NR_BRK_NONE;
        if (touching && nr_tok_cue(c, T_COUNT_CUE, i - 1)) return 0;
        if (touching && nr_tok_cue(c, T_YEAR_FIRM, i - 1)) return 1;
        if (touching && nr_tok_cue(c, T_YEAR_CUE, i - 1)) return !counted || fronted(c, i - 1);
        nr_num y;
        if (chain && i >= 2 && ((touching && nr_tok_cue(c, T_CHAIN, i - 1)) || nr_tok_dash(c->t, i - 1))
            && nr_tok_number(c->t, i - 2, &y) && is_cued_year_form(&y) && year_context(c, i - 2, &y, 0))
            return 1;
    }
    return !counted && is_year_form(x);
}

/* Says a scale word that follows as token i+1 ("1.2 million"); the tokens used (0 or 1). */
static size_t say_next_scale(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    const nr_lex_entry *e = nr_tok_joined(c->t, i) ? nr_lex_find_nocase(c->lex, T_SCALE, w, n) : NULL;
    if (!e || nr_lex_field(e, "money_only")) return 0;
    nr_buf_word(out, e->say);
    return 1;
}

/* ---- ranges ---- */

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

/* Says "a-b" (the dash already checked); 0 if they make no range. `ap` is an am/pm word
 * that follows as the next token (0 if none); `counted`: a plural noun follows ("1000-2000
 * troops" are no years). Scores read the same: "won 3-2". `to` joins the ends of years
 * ("to", or "and" after "between"). */
static int say_range(nr_buf *out, const side *a, const side *b, int percent, char ap, int counted,
                     const char *to)
{
    const nr_num *x = &a->x, *y = &b->x;
    if (a->decade != b->decade) return 0;
    if (a->decade) {                            /* "1960s-80s" */
        if (!say_decade(out, x)) return 0;
        nr_buf_word(out, "to");
        return say_decade(out, y);
    }
    if (a->min || a->ampm || b->min || b->ampm || ap) {   /* "9am-5pm", "9-11:30", "5-7 pm" */
        if (!say_range_clock(out, a, a->ampm)) return 0;
        nr_buf_word(out, "to");
        return say_range_clock(out, b, b->ampm ? b->ampm : ap);
    }
    int short_end = is_year_form(x) && short_year_end(x, y);
    if (is_year_form(x) && !percent && !counted && (is_year_form(y) || short_end)) {
        say_first_year(out, x, short_end);
        nr_buf_word(out, to);
        if (y->ipn == 4) nr_say_year(out, y->ip, 4);
        else if (y->ip[0] == '0') { nr_buf_word(out, "oh"); nr_say_cardinal(out, y->ip, 2); }
        else nr_say_cardinal(out, y->ip, 2);
        return 1;
    }
    int plain = nr_num_is_plain(x) && nr_num_is_plain(y);
    if (plain && (is_code(x) || is_code(y))) {  /* "0919-2697": a code, digit by digit */
        nr_say_digits(out, x->ip, x->ipn);
        nr_say_digits(out, y->ip, y->ipn);
        return 1;
    }
    nr_say_num(out, x);
    nr_buf_word(out, "to");
    nr_say_num(out, y);
    if (percent) nr_buf_word(out, "percent");
    return 1;
}

/* "to" between the ends of a range of years, "and" after "between" (range_and_cues):
 * "between 1450-1500" -> between fourteen fifty and fifteen hundred. (Other ranges keep
 * "to", as people say them: "between 10 - 12" -> between ten to twelve.) */
static const char *range_word(const nr_ctx *c, size_t i)
{
    return i > 0 && nr_tok_joined(c->t, i - 1) && nr_tok_cue(c, T_RANGE_AND, i - 1) ? "and" : "to";
}

/* A year of three digits (100..999) as x: plain, no leading zero. */
static int is_year3(const nr_num *x)
{
    return nr_num_is_plain(x) && x->ipn == 3 && x->ip[0] != '0';
}

/* Whether a number of three digits at token i (and a range to token `last`) is a year by
 * its neighbours: an era word after the last or before the first ("384-322 BCE", "AD
 * 742"), or a year3_cues word right before ("c. 742", "d. 415", "born 980"; a single
 * letter needs its '.'), or a year3_preps word after a year3_verbs one ("fell in 476",
 * "founded in 632"); no plural noun after the last ("died 415 days later"). */
static int year3_context(const nr_ctx *c, size_t i, size_t last)
{
    size_t pn, qn, n;
    if (era_follows(c, last)) return 1;
    if (i == 0 || count_follows(c, last) || c->t->tok[i - 1].brk != NR_BRK_NONE) return 0;
    const char *p = nr_tok_post(c->t, i - 1, &pn);
    const char *w = nr_tok_word(c->t, i - 1, &n);
    nr_tok_pre(c->t, i, &qn);
    int dot = pn == 1 && p[0] == '.';
    if (qn || (pn && !dot)) return 0;
    if (nr_lex_find(c->lex, T_ERA, w, n)) return 1;                 /* "AD 742" */
    if (nr_tok_cue(c, T_YEAR3_CUE, i - 1)) return n > 1 || dot;
    return !pn && i >= 2 && nr_tok_cue(c, T_YEAR3_PREP, i - 1) && nr_tok_joined(c->t, i - 2)
        && nr_tok_cue(c, T_YEAR3_VERB, i - 2);
}

/* "384-322 BCE", "(c. 742 - 814)", "c. 980-1037": a range of years whose first has three
 * digits, by year3_context, said in pairs like "490 BC" ("three eighty four to three
 * twenty two"; a four-digit end as a year). Token i holds the first, `last` the second.
 * 1 if said. */
static int say_year3_range(const nr_ctx *c, size_t i, size_t last, nr_buf *out, const nr_num *a, const nr_num *b)
{
    if (!c->lex || !is_year3(a) || !(is_year3(b) || is_cued_year_form(b)) || !year3_context(c, i, last))
        return 0;
    nr_say_model(out, a->ip, 3);
    nr_buf_word(out, range_word(c, i));
    if (b->ipn == 4) nr_say_year(out, b->ip, 4);
    else nr_say_model(out, b->ip, 3);
    return 1;
}

/* "c. 980-1037" filling its word, which would pass for a telephone number ("555-1234"). */
static int say_year3_word(const nr_ctx *c, size_t i, nr_buf *out, const char *w, size_t n)
{
    nr_num a, b;
    if (!nr_parse_num(w, n, 0, &a) || a.len >= n) return 0;
    size_t dl = nr_range_dash(w + a.len, n - a.len);
    if (!dl || !nr_parse_num(w + a.len + dl, n - a.len - dl, 0, &b) || a.len + dl + b.len != n) return 0;
    return say_year3_range(c, i, i, out, &a, &b);
}

/* "1938 - 1981", "612 – 613": a range spread over three tokens; tokens used or 0. */
static size_t spaced_range(const nr_ctx *c, size_t i, nr_buf *out, const nr_num *a)
{
    size_t pn, rn;
    nr_tok_post(c->t, i, &pn);
    nr_num b;
    if (pn || !nr_tok_dash(c->t, i + 1) || !nr_tok_number(c->t, i + 2, &b)) return 0;
    nr_tok_pre(c->t, i + 2, &rn);
    if (rn || nr_tok_is(c->t, i + 3, "=") || c->t->tok[i + 1].brk == NR_BRK_SENTENCE) return 0;
    int years = is_year_form(a) && is_year_form(&b) && !count_follows(c, i + 2) && !counted(c, i);
    if (say_year3_range(c, i, i + 2, out, a, &b)) return 3;
    if (!years && !(nr_num_is_plain(a) && nr_num_is_plain(&b) && compare_ints(a, &b) < 0)) return 0;
    if (years) nr_say_year(out, a->ip, 4);
    else nr_say_num(out, a);
    nr_buf_word(out, years ? range_word(c, i) : "to");
    if (years) nr_say_year(out, b.ip, 4);
    else nr_say_num(out, &b);
    return 3;
}

/* ---- telephone numbers ---- */

#define MAX_GROUPS 8

/* A telephone number within one word: "+1" country code, "(123)" area code, groups of
 * digits (or, in "1-800-GO-U-HAUL", capitals) between '-' or '.'. */
typedef struct {
    const char *cc;                 /* country code digits after '+', or NULL */
    size_t ccn;
    const char *g[MAX_GROUPS];      /* the groups */
    size_t gn[MAX_GROUPS];
    size_t ng;
    int area;                       /* g[0] was written in parentheses */
    int letters;                    /* some group is capital letters */
    char sep;
} phone;

static int push_group(phone *ph, const char *s, size_t n)
{
    if (ph->ng == MAX_GROUPS) return 0;
    ph->g[ph->ng] = s;
    ph->gn[ph->ng++] = n;
    return 1;
}

/* "(123)" or "(123)-" at w[*p] (the '(' already passed); the area code is group 0. */
static int parse_area(const char *w, size_t n, size_t *p, int close_after, phone *ph)
{
    size_t d = nr_digits_at(w + *p, n - *p);
    if (d != 3 || !push_group(ph, w + *p, 3)) return 0;
    *p += 3;
    ph->area = 1;
    if (*p == n) return close_after;            /* "+1(123" with ')' as trailing punctuation */
    if (w[*p] != ')') return 0;
    (*p)++;
    if (*p < n && w[*p] == '-') (*p)++;
    return *p < n;
}

/* Splits a word into its phone parts; 0 if it has not that form. `open` tells that the
 * token's leading punctuation ends in '(' and `close` that its trailing starts with ')'. */
static int parse_phone(const char *w, size_t n, int open, int close, phone *ph)
{
    memset(ph, 0, sizeof *ph);
    size_t p = 0;
    if (n > 2 && w[0] == '+') {
        size_t d = nr_digits_at(w + 1, n - 1);
        if (d < 1 || d > 3 || d + 1 == n) return 0;
        ph->cc = w + 1;
        ph->ccn = d;
        p = 1 + d;
        if (w[p] == '(') {
            p++;
            if (!parse_area(w, n, &p, close, ph)) return 0;
            if (p == n) return 1;
        } else if (w[p] == '-' || w[p] == '.') p++;
        else return 0;
    } else if (open && !parse_area(w, n, &p, 0, ph)) {
        return 0;
    } else if (open && p == n) return 0;
    while (p < n) {
        size_t d = nr_digits_at(w + p, n - p), u = d ? 0 : run_at(w + p, n - p, is_upper);
        if (!d && !u) return 0;
        if (!push_group(ph, w + p, d + u)) return 0;
        ph->letters |= u > 0;
        p += d + u;
        if (p == n) break;
        if ((w[p] != '-' && w[p] != '.') || (ph->sep && w[p] != ph->sep) || p + 1 == n) return 0;
        ph->sep = w[p++];
    }
    return 1;
}

/* The digits of a vanity number: "1-800-FLOWERS", "800-GO-2-HAUL". */
static int vanity_ok(const phone *ph)
{
    size_t k = 0, letters = 0;
    if (ph->sep != '-' || ph->cc) return 0;
    if (ph->gn[0] == 1 && ph->g[0][0] == '1') k = 1;
    const char *code = ph->g[k];              /* toll-free: 800, 888, 877, ... 833 */
    if (k >= ph->ng || ph->gn[k] != 3 || code[0] != '8' || code[1] != code[2]) return 0;
    for (size_t j = k + 1; j < ph->ng; j++) letters += ph->gn[j];
    return letters >= 4 && letters <= 10;
}

/* 1 if the digit groups have a telephone number's lengths: [1-]123-123-4567[-ext],
 * 123-4567, 111-11-1111, or any groups after a country code. */
static int phone_lengths_ok(const phone *ph)
{
    size_t k = ph->ng, total = 0;
    const size_t *L = ph->gn;
    for (size_t j = 0; j < k; j++) total += L[j];
    if (ph->cc && k >= 2 && total >= 6 && total <= 14 && !ph->area) return 1;
    if (k >= 4 && L[k - 1] <= 5 && L[k - 2] == 4 && L[k - 3] == 3 && L[k - 4] == 3)
        return k == 4 || (k == 5 && L[0] <= 3);     /* an extension: "123-123-5678-1111" */
    if (k == 3 && !ph->cc && !ph->area && ph->sep == '-' && L[0] == 3 && L[1] == 2 && L[2] == 4) {
        long last = nr_digits_value(ph->g[2], 4);   /* "111-11-1111", but not "555-12-2019" */
        return last < 1900 || last > 2099;
    }
    if (k < 2 || k > 4 || L[k - 1] != 4 || L[k - 2] != 3) return 0;
    if (k >= 3 && L[k - 3] > 3) return 0;
    if (k == 4 && L[0] > 3) return 0;
    if (k == 2 && !ph->cc && !ph->area) {       /* "555-1234", but "500-1000" is a range */
        if (ph->sep != '-') return 0;
        if (ph->g[0][2] == '0' && ph->g[1][3] == '0' && ph->g[1][2] == '0') return 0;
    }
    return 1;
}

/* Says a group of capitals as a word ("HAUL" -> haul; a lone "U" -> u). */
static void say_letters_word(nr_buf *out, const char *s, size_t n)
{
    nr_buf_wordn(out, s, n);
    for (size_t k = out->len - n; !out->oom && k < out->len; k++) out->s[k] = lower(out->s[k]);
}

/* Digit by digit, group after group; the toll-free area code 800 as "eight hundred". */
static void say_phone(nr_buf *out, const phone *ph)
{
    if (ph->cc) {
        nr_buf_word(out, "plus");
        nr_say_digits(out, ph->cc, ph->ccn);
    }
    size_t area = ph->gn[0] == 1 && ph->ng >= 3 ? 1 : 0;
    for (size_t j = 0; j < ph->ng; j++) {
        const char *g = ph->g[j];
        if (is_upper(g[0])) say_letters_word(out, g, ph->gn[j]);
        else if (j == area && j + 1 < ph->ng && ph->gn[j] == 3 && memcmp(g, "800", 3) == 0)
            nr_say_cardinal(out, g, 3);         /* "1-800-...": one eight hundred */
        else nr_say_digits(out, g, ph->gn[j]);
    }
}

/* An extension after a telephone number at token i: "ext. 12", "x 12", "x12". Tokens used. */
static size_t say_extension(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n, dn, pn;
    if (i + 1 >= c->t->n || c->t->tok[i].brk != NR_BRK_NONE) return 0;
    nr_tok_post(c->t, i, &pn);
    if (pn) return 0;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    size_t letters = run_at(w, n, is_alpha);
    if (letters && letters < n && nr_digits_at(w + letters, n - letters) == n - letters && n - letters <= 5
        && nr_lex_find_nocase(c->lex, T_EXTENSION, w, letters)) {
        nr_buf_word(out, "extension");          /* "x12" */
        nr_say_digits(out, w + letters, n - letters);
        return 1;
    }
    /* "ext." may have been taken for a sentence end: the number after it says it was not */
    if (!nr_tok_cue(c, T_EXTENSION, i + 1)) return 0;
    const char *d = nr_tok_word(c->t, i + 2, &dn);
    if (!dn || dn > 5 || nr_digits_at(d, dn) != dn) return 0;
    nr_buf_word(out, "extension");
    nr_say_digits(out, d, dn);
    return 2;
}

/* "+44 20 7946 0958", "020 7946 0958": a country code or a trunk zero, then groups of
 * digits as tokens of their own. Tokens used, or 0. */
static size_t spaced_phone(const nr_ctx *c, size_t i, nr_buf *out, const char *w, size_t n)
{
    int plus = w[0] == '+';
    size_t d = nr_digits_at(w + plus, n - plus), total = 0, j = i;
    if (d + plus != n || (plus ? d > 3 : (d < 2 || d > 5 || w[0] != '0'))) return 0;
    while (nr_tok_joined(c->t, j) && total <= 13) {   /* it also stops at punctuation */
        size_t gn;
        const char *g = nr_tok_word(c->t, j + 1, &gn);
        if (!gn || gn > 4 || nr_digits_at(g, gn) != gn) break;
        total += gn;
        j++;
    }
    size_t groups = j - i;
    if (groups < 2 || total + (plus ? 0 : d) < (plus ? 6u : 9u) || total > 13) return 0;
    if (plus) nr_buf_word(out, "plus");
    nr_say_digits(out, w + plus, d);
    for (size_t k = i + 1; k <= j; k++) {
        size_t gn;
        const char *g = nr_tok_word(c->t, k, &gn);
        nr_say_digits(out, g, gn);
    }
    return groups + 1;
}

/* "978-3-16-148410-0": three groups of digits or more between dashes, seven digits or
 * more in all, that are no telephone number — a code, read digit by digit. */
static int code_groups(const phone *ph)
{
    size_t total = 0;
    if (ph->cc || ph->area || ph->letters || ph->sep != '-' || ph->ng < 3) return 0;
    for (size_t j = 0; j < ph->ng; j++) total += ph->gn[j];
    return total >= 7;
}

/* A telephone number at token i, with its extension; tokens used or 0. */
static size_t say_phone_token(const nr_ctx *c, size_t i, nr_buf *out, const char *w, size_t n)
{
    size_t qn;
    const char *pre = nr_tok_pre(c->t, i, &qn);
    int open = qn && pre[qn - 1] == '(' && is_digit(w[0]);
    phone ph;
    int parsed = parse_phone(w, n, open, nr_tok_post_starts(c->t, i, ')'), &ph), ok = parsed;
    if (ok && ph.letters) ok = vanity_ok(&ph);
    else if (ok) ok = (ph.area && ph.cc && ph.ng == 1) || phone_lengths_ok(&ph);  /* "+1(123)" */
    if (!ok) {
        if (parsed && code_groups(&ph)) {
            say_phone(out, &ph);
            return 1;
        }
        return spaced_phone(c, i, out, w, n);
    }
    say_phone(out, &ph);
    return 1 + say_extension(c, i, out);
}

/* "(555) 555-1234": the area code of a telephone number is digits too. */
static int area_code(const nr_ctx *c, size_t i, const nr_num *x)
{
    size_t qn, n;
    const char *pre = nr_tok_pre(c->t, i, &qn);
    const char *next = nr_tok_word(c->t, i + 1, &n);
    phone ph;
    return x->ipn == 3 && nr_num_is_plain(x) && qn && pre[qn - 1] == '('
        && nr_tok_post_starts(c->t, i, ')') && parse_phone(next, n, 0, 0, &ph) && !ph.letters
        && phone_lengths_ok(&ph);
}

/* "call 911": a number after a telephone word is read digit by digit. */
static int phone_cue_before(const nr_ctx *c, size_t i, const nr_num *x)
{
    size_t pn;
    if (i == 0 || !nr_num_is_plain(x) || x->ipn < 3) return 0;
    const char *p = nr_tok_post(c->t, i - 1, &pn);
    if (pn > 1 || (pn == 1 && p[0] != ':') || c->t->tok[i - 1].brk == NR_BRK_SENTENCE) return 0;
    return nr_tok_cue(c, T_PHONE_CUE, i - 1);
}

/* ---- IP addresses ---- */

/* "192.168.0.1" -> one nine two dot one six eight dot zero dot one: four groups of up to
 * three digits. (Three groups are left alone: "1.2.10" may be a version or a date.) */
static int say_ip(nr_buf *out, const char *w, size_t n)
{
    size_t groups = 0;
    for (size_t p = 0; p < n;) {
        size_t d = nr_digits_at(w + p, n - p);
        if (!d || d > 3) return 0;
        groups++;
        p += d;
        if (p == n) break;
        if (w[p] != '.' || p + 1 == n) return 0;
        p++;
    }
    if (groups != 4) return 0;
    for (size_t p = 0; p < n;) {
        size_t d = nr_digits_at(w + p, n - p);
        nr_say_digits(out, w + p, d);
        p += d;
        if (p < n) {
            nr_buf_word(out, "dot");
            p++;
        }
    }
    return 1;
}

/* ---- one side with a suffix ---- */

/* "st", "nd", "rd", "th" agreeing with the last digits of x. */
static int ordinal_suffix_ok(const nr_num *x, const char *s, size_t n)
{
    return n == 2 && x->ipn && !x->sign && !x->fp && nr_ordinal_suffix_agrees(x->ip, x->ipn, s);
}

/* The suffix after a plain number inside its word; 1 if understood. */
/* "9.4M customers", "70B parameters": a capital scale letter marked `before_noun` counts
 * without a currency when a lower-case word follows the number (a count of things). */
static int noun_follows(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    return i + 1 < c->t->n && nr_tok_joined(c->t, i) && n > 1 && w[0] >= 'a' && w[0] <= 'z';
}

static int say_suffix(const nr_ctx *c, size_t i, nr_buf *out, const nr_num *x, const char *s, size_t n)
{
    if (eq(s, n, "%")) { nr_say_num(out, x); nr_buf_word(out, "percent"); return 1; }
    if (eq(s, n, "+")) { nr_say_num(out, x); nr_buf_word(out, "plus"); return 1; }
    if (ordinal_suffix_ok(x, s, n)) { nr_say_num_int(out, x, nr_say_ordinal); return 1; }
    if (n == 4 && s[2] == '\'' && s[3] == 's' && ordinal_suffix_ok(x, s, 2)) {   /* "29th's" */
        nr_say_num_int(out, x, nr_say_ordinal);
        nr_buf_puts(out, "'s");
        return 1;
    }
    const nr_lex_entry *e = nr_lex_find(c->lex, T_SCALE, s, n);   /* "5bn", not "5m" */
    int allowed = e && (!nr_lex_field(e, "money_only") || (nr_lex_field(e, "before_noun") && noun_follows(c, i)));
    if (allowed && run_at(s, n, is_alpha) == n) {
        nr_say_num(out, x);
        nr_buf_word(out, e->say);
        return 1;
    }
    return 0;
}

/* "-year-old" after a number: said word by word ("five year old"); a part of digits
 * after a word is a number ("4th-and-1" -> fourth and one, "2-for-10", "9-to-5"). */
static int say_tail(nr_buf *out, const char *s, size_t n)
{
    if (n < 2 || s[0] != '-' || !is_alpha(s[1])) return 0;
    for (size_t k = 1, start = 1; k <= n; k++) {       /* check: parts of letters or of digits */
        if (k < n && s[k] != '-') continue;
        size_t len = k - start, d = nr_digits_at(s + start, len);
        if (!len || (d && (d != len || d > 4)))
            return 0;
        for (size_t q = start; q < k; q++)
            if (!d && !is_alpha(s[q]) && s[q] != '\'') return 0;
        start = k + 1;
    }
    for (size_t k = 1, start = 1; k <= n; k++) {
        if (k < n && s[k] != '-') continue;
        if (is_digit(s[start])) nr_say_cardinal(out, s + start, k - start);
        else nr_buf_wordn(out, s + start, k - start);
        start = k + 1;
    }
    return 1;
}

/* Where a "-word" tail starts in s (n when there is none). */
static size_t tail_start(const char *s, size_t n)
{
    for (size_t k = 0; k + 1 < n; k++)
        if (s[k] == '-' && is_alpha(s[k + 1])) return k;
    return n;
}

/* "340 AD", "AD 340", "753 BC", "d. 415", "fell in 476": a year of three digits with its
 * era or a year cue (year3_context) is said in pairs like a model ("three forty"); 1 if
 * said. */
static int say_era_year3(const nr_ctx *c, size_t i, nr_buf *out, const nr_num *x)
{
    size_t n;
    const char *prev = nr_tok_word(c->t, i - 1, &n);
    if (!nr_num_is_plain(x) || x->ipn != 3 || x->ip[0] == '0') return 0;
    int before = i > 0 && nr_tok_joined(c->t, i - 1) && nr_lex_find(c->lex, T_ERA, prev, n);
    if (!before && !year3_context(c, i, i)) return 0;
    nr_say_model(out, x->ip, 3);
    return 1;
}

/* "the 1980 s": a decade whose "s" came apart from it; 1 if said (token i+1 is used). */
static int say_split_decade(const nr_ctx *c, size_t i, nr_buf *out, const nr_num *x)
{
    if (!is_year_form(x) || x->ip[3] != '0' || !nr_tok_joined(c->t, i) || !nr_tok_is(c->t, i + 1, "s"))
        return 0;
    return say_decade(out, x);
}

/* "the 4500 block" -> forty five hundred: a round number of hundreds from 1100 to 9900
 * (not of thousands) before a word of hundreds_cues, said in hundreds. 1 if said. */
static int say_hundreds(const nr_ctx *c, size_t i, nr_buf *out, const nr_num *x)
{
    if (!nr_num_is_plain(x) || x->ipn != 4 || x->ip[0] == '0' || memcmp(x->ip + 2, "00", 2) != 0
        || x->ip[1] == '0' || !nr_tok_joined(c->t, i) || !nr_tok_cue(c, T_HUNDREDS, i + 1))
        return 0;
    nr_say_cardinal(out, x->ip, 2);
    nr_buf_word(out, "hundred");
    return 1;
}

/* A bare number filling its word: a year, a clock time with "pm" next, a range over
 * three tokens, a telephone number's part, or a cardinal with a scale word next. The
 * tokens used. */
static size_t say_bare(const nr_ctx *c, size_t i, nr_buf *out, const side *sd, int force_year)
{
    const nr_num *x = &sd->x;
    char ap = next_ampm(c, i);
    if (ap && say_clock(out, sd, ap)) return 2;
    size_t used = spaced_range(c, i, out, x);
    if (used) return used;
    if (say_split_decade(c, i, out, x)) return 2;
    if (say_era_year3(c, i, out, x)) return 1;
    if (say_hundreds(c, i, out, x)) return 1;
    int era = nr_num_is_plain(x) && x->ipn == 4 && x->ip[0] != '0' && era_follows(c, i);
    if (era || (is_cued_year_form(x) && (force_year ? is_year_form(x) : year_context(c, i, x, 1)))) {
        nr_say_year(out, x->ip, 4);
        return 1;
    }
    if (area_code(c, i, x) || phone_cue_before(c, i, x)) {
        nr_say_digits(out, x->ip, x->ipn);
        return 1;
    }
    nr_say_num(out, x);
    return 1 + say_next_scale(c, i, out);
}

/* A side alone in its word, with what follows it there ("st", "%", "-year-old");
 * the tokens used, 0 if not ours. */
static size_t say_single(const nr_ctx *c, size_t i, nr_buf *out, const side *sd,
                         const char *rest, size_t rn, int force_year)
{
    size_t t = tail_start(rest, rn), used = 1;     /* rest = suffix [0, t) + tail [t, rn) */
    if (sd->min || sd->ampm) {
        char ap = sd->ampm ? sd->ampm : rn ? 0 : next_ampm(c, i);   /* "4:00 pm" */
        if (ap && !sd->ampm && say_clock(out, sd, ap)) used = 2;
        else if (t || !say_clock(out, sd, sd->ampm)) return 0;
    } else if (sd->decade) {
        if (t || !say_decade(out, &sd->x)) return 0;
    } else if (rn == 0) {
        used = say_bare(c, i, out, sd, force_year);
    } else if (t == 0) {
        nr_say_num(out, &sd->x);
    } else if (!say_suffix(c, i, out, &sd->x, rest, t)) return 0;
    if (t < rn && !say_tail(out, rest + t, rn - t)) return 0;
    return used;
}

/* ---- other shapes ---- */

/* Length of a "mid-" style prefix before a digit, or 0. */
static size_t prefix_len(const nr_ctx *c, const char *w, size_t n)
{
    size_t pl = run_at(w, n, is_alpha);
    if (!pl || pl + 1 >= n || w[pl] != '-' || !is_digit(w[pl + 1])) return 0;
    return nr_lex_find_nocase(c->lex, T_PREFIX, w, pl) ? pl : 0;
}

/* "'90s" -> nineties. */
static size_t say_short_decade(nr_buf *out, const char *w, size_t n)
{
    side sd;
    parse_side(w + 1, n - 1, 0, &sd);
    if (!sd.decade || sd.len != n - 1 || sd.x.ipn != 2) return 0;
    return say_decade(out, &sd.x) ? 1 : 0;
}

/* "#1" -> number one; "# 40" (two tokens) too. */
static size_t say_hash(const nr_ctx *c, size_t i, nr_buf *out, const char *w, size_t n)
{
    nr_num x;
    size_t pn;
    if (n > 1) {
        if (!nr_parse_num(w + 1, n - 1, 0, &x) || x.len != n - 1) return 0;
        nr_buf_word(out, "number");
        nr_say_num(out, &x);
        return 1;
    }
    nr_tok_post(c->t, i, &pn);
    if (pn || !nr_tok_number(c->t, i + 1, &x)) return 0;
    nr_buf_word(out, "number");
    nr_say_num(out, &x);
    return 2;
}

/* The range after side a in its word: "-10", "–2015", "%-15%"; tokens used or 0. */
static size_t say_dashed(const nr_ctx *c, size_t i, nr_buf *out, const side *a, const char *rest, size_t rn)
{
    int pct_a = rn && rest[0] == '%';
    size_t dl = nr_range_dash(rest + pct_a, rn - pct_a);
    if (!dl || rn <= pct_a + dl || is_alpha(rest[pct_a + dl])) return 0;
    const char *r = rest + pct_a + dl;
    size_t left_n = rn - pct_a - dl;
    side b;
    parse_side(r, left_n, 0, &b);
    size_t left = left_n - b.len;
    int percent = left == 1 && r[left_n - 1] == '%';
    if (!b.len || (left && !percent) || (pct_a && !percent)) return 0;
    char ap = left == 0 && !b.ampm ? next_ampm(c, i) : 0;
    if (!percent && !ap && !a->min && !a->ampm && !b.min && !b.ampm && !a->decade && !b.decade
        && say_year3_range(c, i, i, out, &a->x, &b.x)) return 1;
    if (!say_range(out, a, &b, percent, ap, counted(c, i), range_word(c, i))) return 0;
    return ap ? 2 : 1 + (!percent && !a->decade ? say_next_scale(c, i, out) : 0);
}

/* Length of a product suffix at s: up to three capitals, a digit and a capital between
 * them allowed ("X", "XT", "KF", "X3D", "ER"); 0 if none. */
static size_t product_suffix(const char *s, size_t n)
{
    size_t k = 0, caps = 0;
    while (k < n && k < 4 && (is_upper(s[k]) || (k > 0 && is_digit(s[k]) && k + 1 < n && is_upper(s[k + 1])))) {
        caps += is_upper(s[k]);
        k++;
    }
    return caps && caps <= 3 && k && is_upper(s[0]) ? k : 0;
}

/* Says a product suffix: letters spelled, a digit as a number ("X3D" -> X three D). */
static void say_product_suffix(nr_buf *out, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (is_digit(s[k])) nr_say_cardinal(out, s + k, 1);
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
    size_t lead = n == 2 && is_lower(w[0]);
    return i >= 2 && n && n <= 2 && nr_digits_at(w + lead, n - lead) == n - lead
        && nr_tok_joined(c->t, i - 1) && nr_tok_after_maker(c, i - 1);
}

/* "Boeing 747", "747-400", "737-8", "747s", "RTX 4090", "Ryzen 7950X", "Core i9 14900K"
 * after a maker's name: a model, said the way people say those (seven forty seven four
 * hundred, forty ninety, seventy nine fifty X). A falling pair there names a variant, not
 * a range. Four or five digits come after a maker of processors and the like, or a tier
 * ("Ryzen 9"). 1 if said. */
static int say_model_number(const nr_ctx *c, size_t i, nr_buf *out, const char *w, size_t n)
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
    nr_say_product(out, w, d);
    if (m) nr_say_model(out, w + d + 1, m);
    if (suf) say_product_suffix(out, w + end, suf);
    if (plural) pluralize_last(out);
    return 1;
}

/* "i9-14900K" -> I nine fourteen nine hundred K, "DDR5-6000" -> D D R five six thousand,
 * "A320-200": a letter in lower case or up to five capitals, one to three digits, '-',
 * then three to five digits with maybe a product suffix — the part number of a chip or
 * an aircraft, said as products are (nr_say_product). 1 if said. */
static int say_part_code(nr_buf *out, const char *w, size_t n)
{
    size_t a = run_at(w, n, is_upper);
    if (!a && n && is_lower(w[0])) a = 1;
    if (!a || a > 5 || a >= n) return 0;
    size_t d = nr_digits_at(w + a, n - a), p = a + d;
    if (!d || d > 3 || p + 1 >= n || w[p] != '-') return 0;
    size_t e = nr_digits_at(w + p + 1, n - p - 1), q = p + 1 + e;
    if (e < 3 || e > 5 || w[p + 1] == '0') return 0;
    size_t suf = q < n ? product_suffix(w + q, n - q) : 0;
    if (q + suf != n) return 0;
    for (size_t k = 0; k < a; k++) nr_say_letter(out, w[k]);
    nr_say_model(out, w + a, d);
    nr_say_product(out, w + p + 1, e);
    say_product_suffix(out, w + q, suf);
    return 1;
}

/* ---- numbers that are names ---- */

/* A dialling word right before token i ("call 911", "dial 999"), or "to" after one
 * ("calls to 911"), touching it. */
static int dialled(const nr_ctx *c, size_t i)
{
    if (i == 0 || !nr_tok_joined(c->t, i - 1)) return 0;
    if (nr_tok_cue(c, T_DIGIT_BEFORE, i - 1)) return 1;
    return i >= 2 && nr_tok_is(c->t, i - 1, "to") && nr_tok_joined(c->t, i - 2)
        && nr_tok_cue(c, T_DIGIT_BEFORE, i - 2);
}

/* "and" or "or" as token j, touching its neighbours: "112 or 999". */
static int list_word(const nr_ctx *c, size_t j)
{
    return j > 0 && (nr_tok_is(c->t, j, "or") || nr_tok_is(c->t, j, "and"))
        && nr_tok_joined(c->t, j - 1) && nr_tok_joined(c->t, j);
}

/* A service word right after token i ("911 call", "988 lifeline", "a 911 dispatcher's"). */
static int service_next(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's') n -= 2;
    return nr_tok_joined(c->t, i) && n && nr_lex_find_nocase(c->lex, T_DIGIT_AFTER, w, n);
}

/* 1 if the word of token j is a service number (digit_numbers) alone. */
static int service_word(const nr_ctx *c, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    return j < c->t->n && n && nr_digits_at(w, n) == n && nr_lex_find(c->lex, T_DIGIT_NUM, w, n);
}

/* Whether the service number at token i (a whole word: `whole`) stands where a service is
 * meant: after a dialling word, before a service word, or beside such a service number
 * in a pair ("dial 112 or 999", "the 911 and 311 systems"). */
static int service_context(const nr_ctx *c, size_t i, int whole)
{
    if (dialled(c, i) || service_next(c, i)) return 1;
    if (i >= 2 && list_word(c, i - 1) && service_word(c, i - 2) && dialled(c, i - 2)) return 1;
    return whole && list_word(c, i + 1) && service_word(c, i + 2) && service_next(c, i + 2);
}

/* "a 911 call", "dial 112", "the 988 lifeline": an emergency or service number
 * (digit_numbers) filling its word, or before a "-word" tail ("911-related calls"), is
 * said digit by digit in a service context (service_context); elsewhere it is a number
 * like any other ("threw for 311 yards", "Celtics 112, Knicks 98"). 1 if said. */
static int say_service_number(const nr_ctx *c, size_t i, nr_buf *out, const char *w, size_t n)
{
    size_t d = nr_digits_at(w, n);
    if (d > 4 || (d < n && (w[d] != '-' || tail_start(w + d, n - d) != 0))) return 0;   /* "911-related" */
    if (!nr_lex_find(c->lex, T_DIGIT_NUM, w, d) || !service_context(c, i, d == n)) return 0;
    size_t mark = out->len;
    nr_say_digits(out, w, d);
    if (d < n && !say_tail(out, w + d, n - d)) {
        nr_buf_truncate(out, mark);
        return 0;
    }
    return 1;
}

/* "25-8-4", "4-3-3": three or four groups of one to three digits joined by '-' (six
 * digits at most, no group but "0" starting with a zero) — a record of wins, losses and
 * ties or a formation, said number by number ("twenty five eight four"). 1 if said. */
static int say_record(nr_buf *out, const char *w, size_t n)
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
    if (groups < 3 || groups > 4 || total > 6) return 0;
    for (size_t p = 0; p < n;) {
        size_t d = nr_digits_at(w + p, n - p);
        nr_say_cardinal(out, w + p, d);
        p += d + 1;
    }
    return 1;
}

/* "No. 22-451" -> number twenty two four fifty one, "Case No. 1:23-cv-00456" -> ... one
 * twenty three C V zero zero four five six: after a word of case_number_cues, a word of
 * two digit groups or more joined by '-' or ':' (letter groups of up to three between)
 * names a case or a file, not a range (two groups of as many digits, rising, are one: "No
 * 732-733"); the cue capitalized or abbreviated ("Case",
 * "no."), as "in case 2-3 inches fall" is a range. Each digit group is said as in a model number,
 * letters spelled. 1 if said. */
static int say_case_number(const nr_ctx *c, size_t i, nr_buf *out, const char *w, size_t n)
{
    size_t groups = 0, d1 = nr_digits_at(w, n), d2 = 0;
    if (i == 0 || c->t->tok[i - 1].brk == NR_BRK_SENTENCE || !nr_tok_continues(c->t, i)
        || !nr_tok_cue(c, T_CASE_CUE, i - 1)) return 0;
    if (!nr_tok_capitalized(c->t, i - 1) && !nr_tok_post_starts(c->t, i - 1, '.'))
        return 0;                               /* "in case 2-3 inches fall" */
    for (size_t p = 0; p < n;) {                /* check: groups between single separators */
        size_t d = nr_digits_at(w + p, n - p), a = d ? 0 : run_at(w + p, n - p, is_alpha);
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
    for (size_t p = 0; p < n;) {
        size_t d = nr_digits_at(w + p, n - p), a = d ? 0 : run_at(w + p, n - p, is_alpha);
        if (d) nr_say_model(out, w + p, d);
        for (size_t k = 0; k < a; k++) nr_say_letter(out, w[p + k]);
        p += d + a + 1;
    }
    return 1;
}

/* ---- dashed dates ---- */

/* "on 5-12-20" -> on may twelfth twenty twenty: month-day-year joined by '-' (month and
 * day of one or two digits, a year of two or four) right after a word of date_cues; the
 * date class leaves the shape, and without a cue it is a record ("the 5-12-20 sample").
 * A two-digit year is of this century up to 30, else of the last. 1 if said. */
static int say_dashed_date(const nr_ctx *c, size_t i, nr_buf *out, const char *w, size_t n)
{
    size_t m = nr_digits_at(w, n);
    if (i == 0 || !m || m > 2 || m + 1 >= n || w[m] != '-') return 0;
    size_t d = nr_digits_at(w + m + 1, n - m - 1), p = m + 1 + d;
    if (!d || d > 2 || p + 1 >= n || w[p] != '-') return 0;
    size_t y = nr_digits_at(w + p + 1, n - p - 1);
    if ((y != 2 && y != 4) || p + 1 + y != n) return 0;
    long mv = nr_digits_value(w, m), dv = nr_digits_value(w + m + 1, d);
    if (mv < 1 || mv > 12 || dv < 1 || dv > 31 || !nr_tok_joined(c->t, i - 1) || !nr_tok_cue(c, T_DATE_CUE, i - 1))
        return 0;
    char key[3] = { 0 }, year[4];
    key[0] = (char)('0' + (mv >= 10 ? 1 : mv));
    if (mv >= 10) key[1] = (char)('0' + mv - 10);
    const nr_lex_entry *e = nr_lex_find(c->lex, T_MONTH_NUM, key, strlen(key));
    if (!e) return 0;
    nr_buf_word(out, e->say);
    nr_say_ordinal(out, w + m + 1 + (d == 2 && w[m + 1] == '0'), d - (d == 2 && w[m + 1] == '0'));
    if (y == 4) nr_say_year(out, w + p + 1, 4);
    else {
        int this_century = nr_digits_value(w + p + 1, 2) <= 30;
        memcpy(year, this_century ? "20" : "19", 2);
        memcpy(year + 2, w + p + 1, 2);
        nr_say_year(out, year, 4);
    }
    return 1;
}

/* ---- ratios ---- */

/* A word of ratio_cues at token j, touching the ratio at token i. */
static int ratio_cue_at(const nr_ctx *c, size_t i, size_t j)
{
    for (size_t k = j < i ? j : i; k < (j < i ? i : j); k++)
        if (!nr_tok_joined(c->t, k)) return 0;
    return nr_tok_cue(c, T_RATIO_CUE, j);
}

/* A ratio cue within two words before token i or right after it ("ratio of 1:30", "a
 * 1:10 dilution"), and no time word before it or am/pm after it ("at 2:45"). (The time
 * class asks the same in verbalize_time.c.) */
static int ratio_cued(const nr_ctx *c, size_t i)
{
    if (i > 0 && nr_tok_joined(c->t, i - 1) && nr_tok_cue(c, T_RATIO_VETO, i - 1)) return 0;
    if (next_ampm(c, i)) return 0;
    return (i >= 1 && ratio_cue_at(c, i, i - 1)) || (i >= 2 && ratio_cue_at(c, i, i - 2))
        || ratio_cue_at(c, i, i + 1);
}

/* "3:1" -> three to one, "1.5:1", "1:50,000", "1:2:1": a ratio (nr_parse_ratio) that
 * cannot be a clock time, or could but has a ratio cue near (ratio_cued). Without a cue,
 * a ratio after a capitalized word is left as written ("Micah 6:6", "Genesis 1:1").
 * 1 if said. */
static int say_ratio(const nr_ctx *c, size_t i, nr_buf *out, const char *w, size_t n)
{
    nr_num x[3];
    int clock;
    size_t k = nr_parse_ratio(w, n, x, &clock);
    if (!k) return 0;
    if (!ratio_cued(c, i)) {
        if (clock) return 0;
        if (i > 0 && nr_tok_joined(c->t, i - 1) && nr_tok_capitalized(c->t, i - 1))
            return 0;                           /* "Micah 6:6", "Genesis 1:1" */
    }
    for (size_t j = 0; j < k; j++) {
        if (j) nr_buf_word(out, "to");
        nr_say_num(out, &x[j]);
    }
    return 1;
}

size_t nr_verbalize_number(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    if (n < 1) return 0;
    if (w[0] == '#') return say_hash(c, i, out, w, n);
    if (w[0] == '\'') return n > 1 ? say_short_decade(out, w, n) : 0;
    if (say_model_number(c, i, out, w, n) || say_part_code(out, w, n)) return 1;
    if (c->lex && (say_service_number(c, i, out, w, n) || say_case_number(c, i, out, w, n)
                   || say_ratio(c, i, out, w, n))) return 1;
    if (c->lex && say_year3_word(c, i, out, w, n)) return 1;
    size_t mark = out->len, used = say_phone_token(c, i, out, w, n);
    if (used) return used;
    if (say_ip(out, w, n) || (c->lex && say_dashed_date(c, i, out, w, n)) || say_record(out, w, n)) return 1;
    size_t pl = prefix_len(c, w, n);
    if (pl) {                                   /* "mid-1990s": mid, then the number */
        nr_buf_wordn(out, w, pl);
        w += pl + 1;
        n -= pl + 1;
    }
    side a;
    parse_side(w, n, !pl, &a);
    const char *rest = w + a.len;
    size_t rn = n - a.len, after_prefix = out->len;
    if (a.len) used = say_dashed(c, i, out, &a, rest, rn);
    if (a.len && !used) {
        nr_buf_truncate(out, after_prefix);
        used = say_single(c, i, out, &a, rest, rn, pl != 0);
    }
    if (!used) nr_buf_truncate(out, mark);
    return used;
}
