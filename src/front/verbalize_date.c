/*
 * verbalize_date.c — dates, as a careful US newsreader says them:
 *   Jan. 5, 2019 / January 5 2019 / Jan-5-2019 / 2019-01-05   -> january fifth twenty nineteen
 *   5 January 2019 / 5th Jan 2019 / 15-Jan-2019                -> the fifth of january twenty nineteen
 *   12/25/2020 (month first, as in the US); 25/12/2020 (a day above 12 puts the day first)
 *   on 5-12-20 (a two-digit year after a cue) -> on may twelfth twenty twenty
 *   March 2019 -> march twenty nineteen;  July 4-5 -> july fourth to fifth
 *   Sat, Jan 5 -> saturday january fifth;  "on 3/20" -> on march twentieth
 *
 * A date may span tokens ("Jan. 5, 2019" is three). It is first parsed into a small
 * struct by one of a few shape readers, then said by one function, so every shape gets
 * the same reading. Words that are also ordinary words ("may", "march") count as months
 * only capitalized or with a year or a "5th" beside them, and a bare "3/20" is a date only
 * after a cue word ("on", "since", a weekday): otherwise it is left to the fraction class.
 *
 * The abbreviation class is asked first and says a dotted "Jan." alone; the day and year
 * after such a month are then said here as the rest of its date ("continuation").
 * Month names, weekdays and cue words are data: voices/lexicons/en-dates.yaml.
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/segment.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>


typedef struct { const char *s; size_t n; } span;

typedef struct {
    const char *month;      /* the month's name to say */
    span day, day_end;      /* day digits; day_end of a range "5-7" (n == 0: none) */
    span year;              /* four or two digits (n == 0: none) */
    int day_first;          /* "the fifth of january" */
    int century;            /* a two-digit year said with its century: "20" -> twenty twenty */
    int say_the;            /* day first, and no "the" written before it */
    size_t used;            /* tokens covered */
} date;

/* ---- small helpers ---- */


static int eq_nocase(const char *s, size_t n, const char *lit)
{
    if (strlen(lit) != n) return 0;
    for (size_t k = 0; k < n; k++)
        if (nr_to_lower(s[k]) != nr_to_lower(lit[k])) return 0;
    return 1;
}

/* A small word of the reading ("the", "of", "to"), from date_words; the key itself without one. */
static const char *dword(const nr_ctx *c, const char *key) { return nr_lex_say(c->lex, NR_T_date_words, key); }

/* Trailing punctuation of token i: 0 if none, the character if it is exactly one, else -1. */
static int post_char(const nr_ctx *c, size_t i)
{
    size_t pn;
    const char *p = nr_tok_post(c->t, i, &pn);
    return pn == 0 ? 0 : pn == 1 ? p[0] : -1;
}

/* ---- the parts of a date ---- */

/* A day of the month at w ("5", "05", "22nd"); the bytes used, 0 if none. */
static size_t parse_day(const char *w, size_t n, span *d, int *suffix)
{
    size_t k = nr_digits_at(w, n);
    if (k < 1 || k > 2) return 0;
    long v = nr_digits_value(w, k);
    if (v < 1 || v > 31) return 0;
    d->s = w;
    d->n = k;
    if (k + 2 <= n && nr_is_alpha(w[k]) && nr_is_alpha(w[k + 1]) && (k + 2 == n || !nr_is_alpha(w[k + 2]))) {
        if (!nr_ordinal_suffix_agrees(w, k, w + k)) return 0;
        *suffix = 1;
        return k + 2;
    }
    if (k < n && (nr_is_alpha(w[k]) || nr_is_digit(w[k]))) return 0;
    return k;
}

/* A whole word that is a day or a range of days ("5", "5th", "4-5"); 1 if so. */
static int day_word(const char *w, size_t n, span *day, span *end, int *suffix)
{
    int s2 = 0;
    size_t k = parse_day(w, n, day, suffix);
    end->n = 0;
    if (!k) return 0;
    if (k == n) return 1;
    size_t dl = nr_range_dash(w + k, n - k);
    if (!dl || parse_day(w + k + dl, n - k - dl, end, &s2) != n - k - dl) return 0;
    return nr_digits_value(end->s, end->n) > nr_digits_value(day->s, day->n);
}

/* A year as a whole word: "2019" (1000 to 2099) or "'98". */
static int year_word(const char *w, size_t n, span *y)
{
    if (n == 3 && w[0] == '\'' && nr_is_digit(w[1]) && nr_is_digit(w[2])) {
        y->s = w + 1;
        y->n = 2;
        return 1;
    }
    if (n != 4 || nr_digits_at(w, n) != 4) return 0;
    long v = nr_digits_value(w, 4);
    y->s = w;
    y->n = 4;
    return v >= 1000 && v <= 2099;
}

static int year_token(const nr_ctx *c, size_t i, span *y)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    return nr_tok_continues(c->t, i) && year_word(w, n, y);
}

/* An entry of a table of names keyed in lower case, for w in any case ("JAN", "Jan"). */
static const nr_lex_entry *name_entry(const nr_ctx *c, const char *table, const char *w, size_t n)
{
    return n >= 2 && nr_is_alpha(w[0]) ? nr_lex_find_nocase(c->lex, table, w, n) : NULL;
}

/* The month named by w (a name or an abbreviation), or NULL. */
static const nr_lex_entry *month_entry(const nr_ctx *c, const char *w, size_t n)
{
    return n >= 3 ? name_entry(c, NR_T_months, w, n) : NULL;
}

/* 1 if the word before token i is "the". */
static int the_before(const nr_ctx *c, size_t i)
{
    size_t n;
    if (i == 0) return 0;
    const char *w = nr_tok_word(c->t, i - 1, &n);
    return eq_nocase(w, n, "the");
}

/* "Jan" for january: the word is shorter than the name (so a '.' after it is its own). */
static int is_abbreviated(const nr_lex_entry *e, const char *w, size_t n)
{
    return !eq_nocase(w, n, e->say);
}

static int is_true(const char *s) { return s && (!strcmp(s, "true") || !strcmp(s, "yes")); }

/* A month that is also a word ("may") written in lower case needs a year or a "5th". */
static int month_plausible(const nr_lex_entry *e, const char *w, const date *d, int suffix)
{
    if (!is_true(nr_lex_field(e, "ambiguous")) || nr_is_upper(w[0])) return 1;
    return d->year.n || suffix;
}

/* ---- the shapes ---- */

/* "Jan. 5, 2019", "January 5", "July 4-5, 1990", "March 2019", "January, 1921". */
static int month_first(const nr_ctx *c, size_t i, date *d)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    const nr_lex_entry *e = month_entry(c, w, n);
    if (!e) return 0;
    memset(d, 0, sizeof *d);
    d->month = e->say;
    int sep = post_char(c, i), suffix = 0;
    if (sep == '.' && !is_abbreviated(e, w, n)) return 0;    /* "May." ends a sentence */
    if (sep != 0 && sep != '.' && sep != ',') return 0;
    size_t j = i + 1, dn;
    const char *dw = nr_tok_word(c->t, j, &dn);
    if (sep != ',' && nr_tok_continues(c->t, j) && day_word(dw, dn, &d->day, &d->day_end, &suffix)) {
        j++;
        int after = post_char(c, j - 1);
        if ((after == 0 || after == ',') && year_token(c, j, &d->year)) j++;
    } else if (year_token(c, j, &d->year)) {
        j++;
    }
    if (j == i + 1 || !month_plausible(e, w, d, suffix)) return 0;
    d->used = j - i;
    return 1;
}

/* "5 January 2019", "25th Jan", "9th of April 1928", "4-5 July". */
static int day_first(const nr_ctx *c, size_t i, date *d)
{
    size_t n, qn, mn;
    const char *w = nr_tok_word(c->t, i, &n);
    const char *pre = nr_tok_pre(c->t, i, &qn);
    int suffix = 0;
    memset(d, 0, sizeof *d);
    if ((qn && pre[qn - 1] != '(') || post_char(c, i) != 0) return 0;
    if (!day_word(w, n, &d->day, &d->day_end, &suffix)) return 0;
    size_t j = i + 1;
    int of = suffix && nr_tok_continues(c->t, j) && nr_tok_is(c->t, j, "of") && post_char(c, j) == 0;
    if (of) j++;
    const char *mw = nr_tok_word(c->t, j, &mn);
    const nr_lex_entry *e = nr_tok_continues(c->t, j) ? month_entry(c, mw, mn) : NULL;
    if (!e) return 0;
    int sep = post_char(c, j);
    j++;
    if (sep == 0 || sep == ',' || (sep == '.' && is_abbreviated(e, mw, mn)))
        if (year_token(c, j, &d->year) && d->year.n == 4) j++;
    if (!month_plausible(e, mw, d, suffix)) return 0;
    d->month = e->say;
    d->day_first = 1;
    d->say_the = !of && !the_before(c, i);
    d->used = j - i;
    return 1;
}

/* "Jan-15-2020", "Jan-15", "15-Jan-2020": a month name and numbers joined by dashes. */
static int dashed(const nr_ctx *c, size_t i, date *d)
{
    size_t n, k = 0;
    const char *w = nr_tok_word(c->t, i, &n);
    int suffix = 0;
    memset(d, 0, sizeof *d);
    while (k < n && nr_is_alpha(w[k])) k++;
    if (k > 0) {                                        /* Jan-15[-2020] */
        const nr_lex_entry *e = month_entry(c, w, k);
        if (!e || k + 1 >= n || w[k] != '-') return 0;
        size_t m = parse_day(w + k + 1, n - k - 1, &d->day, &suffix);
        if (!m) return 0;
        k += 1 + m;
        d->month = e->say;
    } else {                                            /* 15-Jan[-2020] */
        k = parse_day(w, n, &d->day, &suffix);
        if (!k || k + 1 >= n || w[k] != '-') return 0;
        size_t a = ++k;
        while (k < n && nr_is_alpha(w[k])) k++;
        const nr_lex_entry *e = month_entry(c, w + a, k - a);
        if (!e) return 0;
        d->month = e->say;
        d->day_first = 1;
        d->say_the = !the_before(c, i);
    }
    if (k < n && (w[k] != '-' || !year_word(w + k + 1, n - k - 1, &d->year))) return 0;
    d->used = 1;
    return 1;
}

/* ---- numeric dates ---- */

/* Splits "12/25/2020" into digit groups at one separator ('/', '-' or '.'); the count (2 or 3), 0 if not that shape. */
static int digit_groups(const char *w, size_t n, span g[3], char *sep)
{
    int count = 0;
    size_t k = 0;
    *sep = 0;
    while (k < n) {
        size_t d = nr_digits_at(w + k, n - k);
        if (d == 0 || count == 3) return 0;
        g[count++] = (span){ w + k, d };
        k += d;
        if (k == n) break;
        if (w[k] != '/' && w[k] != '-' && w[k] != '.') return 0;
        if (*sep && w[k] != *sep) return 0;
        *sep = w[k++];
        if (k == n) return 0;
    }
    return count >= 2 ? count : 0;
}

static int in_range(const span *s, long lo, long hi)
{
    long v = nr_digits_value(s->s, s->n);
    return s->n >= 1 && s->n <= 2 && v >= lo && v <= hi;
}

/* The month named by the digits of s ("07" -> july), or NULL. */
static const char *month_by_number(const nr_ctx *c, const span *s)
{
    const char *p = s->s;
    size_t n = s->n;
    while (n > 1 && *p == '0') { p++; n--; }
    const nr_lex_entry *e = nr_lex_find(c->lex, NR_T_month_numbers, p, n);
    return e ? e->say : NULL;
}

/* Month a and day b in order (US), or day a and month b when a is above 12. */
static int month_day(const nr_ctx *c, const span *a, const span *b, date *d)
{
    if (in_range(a, 1, 12) && in_range(b, 1, 31)) {
        d->month = month_by_number(c, a);
        d->day = *b;
    } else if (in_range(a, 13, 31) && in_range(b, 1, 12)) {
        d->month = month_by_number(c, b);
        d->day = *a;
        d->day_first = 1;
    } else return 0;
    return d->month != NULL;
}

/* A word before a bare "3/20" that makes it a date: "on", "since", a weekday. */
static int date_cue_before(const nr_ctx *c, size_t i)
{
    size_t n, qn;
    if (i == 0) return 0;
    const char *w = nr_tok_word(c->t, i - 1, &n);
    int p = post_char(c, i - 1);
    const char *pre = nr_tok_pre(c->t, i, &qn);
    if ((p != 0 && p != ',' && p != '.') || (qn && !(qn == 1 && pre[0] == '('))) return 0;
    return name_entry(c, NR_T_date_cues, w, n) || name_entry(c, NR_T_weekdays, w, n);
}

/* "on 5-12-20" -> on may twelfth twenty twenty: month-day-year joined by '-' with a
 * two-digit year (groups g), right after a word of date_cues; without a cue it is a
 * record ("the 5-12-20 sample"). */
static int cued_dashes(const nr_ctx *c, size_t i, const span g[3], date *d)
{
    if (!in_range(&g[0], 1, 12) || !in_range(&g[1], 1, 31)) return 0;
    if (i == 0 || !nr_tok_joined(c->t, i - 1) || !nr_tok_cue(c, NR_T_date_cues, i - 1)) return 0;
    d->month = month_by_number(c, &g[0]);
    d->day = g[1];
    d->year = g[2];
    d->century = 1;
    return d->month != NULL;
}

/* "2019-01-05", "12/25/2020", "25.12.2020", "11/17/05", "on 3/20", "on 5-12-20". */
static int numeric(const nr_ctx *c, size_t i, date *d)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    span g[3] = { { NULL, 0 } };       /* a failed split ("12/kg") fills only some groups */
    char sep;
    int count = digit_groups(w, n, g, &sep);
    memset(d, 0, sizeof *d);
    d->used = 1;
    if (count == 3 && g[0].n == 4) {                    /* year, month, day */
        if (!year_word(g[0].s, 4, &d->year) || !in_range(&g[1], 1, 12) || !in_range(&g[2], 1, 31))
            return 0;
        d->month = month_by_number(c, &g[1]);
        d->day = g[2];
        return d->month != NULL;
    }
    if (count == 3) {                                   /* month, day, year (or day first) */
        int year_ok = g[2].n == 4 ? year_word(g[2].s, 4, &d->year)
                    : g[2].n == 2 && sep == '/';
        if (!year_ok) return sep == '-' && g[2].n == 2 && cued_dashes(c, i, g, d);
        if (g[2].n == 2) d->year = g[2];
    } else if (sep != '/' || !date_cue_before(c, i) || nr_tok_is(c->t, i + 1, "of")) return 0;
    if (!month_day(c, &g[0], &g[1], d)) return 0;
    if (d->day_first) d->say_the = !the_before(c, i);
    return 1;
}

/* ---- saying ---- */

static void say_ordinal(nr_buf *out, const span *s)
{
    const char *p = s->s;
    size_t n = s->n;
    while (n > 1 && *p == '0') { p++; n--; }
    nr_say_ordinal(out, p, n);
}

/* "2019" -> twenty nineteen; "98" -> ninety eight; "05" -> oh five; with its century,
 * "20" -> twenty twenty (this century up to 30, else the last: "98" -> nineteen ninety eight). */
static void say_year(const nr_ctx *c, nr_buf *out, const span *y, int century)
{
    if (y->n == 4) { nr_say_year(out, y->s, 4); return; }
    if (century) {
        char year[4] = { '1', '9', y->s[0], y->s[1] };
        if (nr_digits_value(y->s, 2) <= 30) memcpy(year, "20", 2);
        nr_say_year(out, year, 4);
        return;
    }
    if (y->s[0] == '0') {
        nr_buf_word(out, dword(c, "oh"));
        if (y->s[1] == '0') nr_buf_word(out, dword(c, "oh"));
        else nr_say_cardinal(out, y->s + 1, 1);
    } else nr_say_cardinal(out, y->s, 2);
}

static void say_days(const nr_ctx *c, nr_buf *out, const date *d)
{
    say_ordinal(out, &d->day);
    if (d->day_end.n) {
        nr_buf_word(out, dword(c, "to"));
        say_ordinal(out, &d->day_end);
    }
}

/* Says d; without_month leaves out a month said already (month first only). */
static void say_date(const nr_ctx *c, nr_buf *out, const date *d, int without_month)
{
    if (d->day_first) {
        if (d->say_the) nr_buf_word(out, dword(c, "the"));
        say_days(c, out, d);
        nr_buf_word(out, dword(c, "of"));
        nr_buf_word(out, d->month);
    } else {
        if (!without_month) nr_buf_word(out, d->month);
        if (d->day.n) say_days(c, out, d);
    }
    if (d->year.n) say_year(c, out, &d->year, d->century);
}

/* ---- the class ---- */

static int date_at(const nr_ctx *c, size_t i, date *d)
{
    return numeric(c, i, d) || dashed(c, i, d) || month_first(c, i, d) || day_first(c, i, d);
}

/* "Sat, Jan 5": a capitalized weekday abbreviation before a date is said in full; its
 * reading, or NULL. */
static const char *weekday(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    const nr_lex_entry *e = name_entry(c, NR_T_weekdays, w, n);
    int p = post_char(c, i);
    date d;
    if (!e || !nr_tok_capitalized(c->t, i) || !is_abbreviated(e, w, n)) return NULL;
    if ((p != 0 && p != ',' && p != '.') || !date_at(c, i + 1, &d)) return NULL;
    return e->say;
}

/* The day and year after a dotted month that the abbreviation class has said ("Jan. 5"):
 * the date from the month in d; the tokens after the month, 0 if none. */
static size_t continuation(const nr_ctx *c, size_t i, date *d)
{
    date before;
    if (i == 0 || !nr_abbrev_reading(c->t, i - 1, c->lex) || !month_first(c, i - 1, d) || d->used < 2)
        return 0;
    if (i >= 2 && day_first(c, i - 2, &before) && before.used >= 2) return 0;   /* "5 Jan." took it */
    return d->used - 1;
}

/* The readings of the class, and what the say needs of them. */
enum { WHOLE_DATE, IDIOM, WEEKDAY, REST_OF_DATE };
typedef struct {
    date d;                 /* WHOLE_DATE, REST_OF_DATE */
    const char *say;        /* IDIOM, WEEKDAY */
} claim;

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, claim *r)
{
    size_t used = 1;
    if (!c->lex || n == 0) return 0;
    const nr_lex_entry *idiom = nr_lex_find(c->lex, NR_T_date_idioms, w, n);
    if (idiom) {
        m->reading = IDIOM;
        r->say = idiom->say;
    } else if (date_at(c, i, &r->d)) {
        m->reading = WHOLE_DATE;
        used = r->d.used;
    } else if ((r->say = weekday(c, i))) {
        m->reading = WEEKDAY;
    } else if ((used = continuation(c, i, &r->d))) {
        m->reading = REST_OF_DATE;
    } else return 0;
    return used;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const claim *r,
                nr_buf *out)
{
    (void)i, (void)w, (void)n;
    if (m->reading == IDIOM || m->reading == WEEKDAY) nr_buf_word(out, r->say);
    else say_date(c, out, &r->d, m->reading == REST_OF_DATE);
}

NR_CLASS_RECORD(date, claim, match, say);
