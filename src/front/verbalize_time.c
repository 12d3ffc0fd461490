/*
 * verbalize_time.c — clock times, as a newsreader says them:
 *   3:30 p.m. / 3:30pm / 3:30 PM -> three thirty P.M     3 p.m. -> three P.M
 *   10:05 -> ten oh five    3:00 -> three o'clock    15:00 -> fifteen hundred
 *   9am-5pm, 4:00 am - 8:12 pm -> nine A.M to five P.M
 *   1:59 p.m. EST -> one fifty nine P.M E S T   (zones: voices/lexicons/en-dates.yaml)
 *   14:10:30 -> fourteen hours ten minutes and thirty seconds
 *   1430 GMT -> fourteen thirty G M T;  GMT+5:30 -> G M T plus five thirty
 *   3:49.11 (a race or lap time) -> three minutes forty nine point one one seconds
 *
 * A time is read with a cursor that walks through a word and on into the next tokens
 * ("9", "a.m.-5", "p.m." is one range), so the glued and spaced spellings share one
 * grammar:  time := side [dash side] [zone];  side := hour [:mm [:ss] | .mm] [am|pm].
 * "3.30" needs an am/pm to be a time (else it is a decimal), a bare "9" needs one or a
 * partner with minutes ("9-11:30"); anything else is left to the number class.
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"
#include <string.h>

#define T_HALVES "day_halves"
#define T_ZONES "time_zones"
#define T_WORDS "clock_words"
#define T_DAY_PARTS "day_parts"
#define T_RATIO_CUE "ratio_cues"        /* en-numbers.yaml: "a 1:10 dilution" */
#define T_RATIO_VETO "ratio_vetoes"     /* "at 2:45" */

typedef struct { const char *s; size_t n; } span;

/* One side of a time: hour, minutes, seconds (n == 0: not written), am/pm. */
typedef struct {
    span h, m, s;
    int dot;                /* minutes after a '.': "3.30pm" */
    char ap;                /* 'a', 'p' or 0 */
} side;

/* A read position: token i, byte p of its word. */
typedef struct {
    const nr_ctx *c;
    size_t i;
    const char *w;
    size_t n, p;
} cursor;

/* ---- small helpers ---- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static char lower(char c) { return is_upper(c) ? (char)(c + 32) : c; }

static long value(const span *s) { return nr_digits_value(s->s, s->n); }

/* A small word of the reading, from clock_words; the key itself without one. */
static const char *cword(const nr_ctx *c, const char *key) { return nr_lex_say(c->lex, T_WORDS, key); }

/* "hour"/"hours" for v, from clock_words. */
static void say_unit(const nr_ctx *c, nr_buf *out, const char *key, long v)
{
    const nr_lex_entry *e = nr_lex_find(c->lex, T_WORDS, key, strlen(key));
    const char *plural = e ? nr_lex_field(e, "plural") : NULL;
    nr_buf_word(out, v != 1 && plural ? plural : e ? e->say : key);
    if (v != 1 && !plural) nr_buf_putc(out, 's');
}

/* ---- the cursor ---- */

static void cur_set(cursor *k, const nr_ctx *c, size_t i)
{
    k->c = c;
    k->i = i;
    k->w = nr_tok_word(c->t, i, &k->n);
    k->p = 0;
}

static int cur_end(const cursor *k) { return k->p == k->n; }

/* Nothing, or (dot_ok) just the '.' of "a.m.", after the word of token i. */
static int bare_end(const nr_ctx *c, size_t i, int dot_ok)
{
    size_t pn;
    const char *p = nr_tok_post(c->t, i, &pn);
    return pn == 0 || (dot_ok && pn == 1 && p[0] == '.');
}

/* Steps to the next token when the word is used up and nothing stands between; 0 if not. */
static int cur_next(cursor *k, int dot_ok)
{
    if (!cur_end(k) || !bare_end(k->c, k->i, dot_ok) || !nr_tok_continues(k->c->t, k->i + 1)) return 0;
    cur_set(k, k->c, k->i + 1);
    return 1;
}

/* Steps over a free-standing dash token ("4:00 am - 8:12 pm"); 0 if none. */
static int cur_skip_dash(cursor *k, int dot_ok)
{
    const nr_ctx *c = k->c;
    size_t j = k->i + 1;
    if (!cur_end(k) || !bare_end(c, k->i, dot_ok) || !nr_tok_dash(c->t, j) || !nr_tok_continues(c->t, j + 1))
        return 0;
    cur_set(k, c, j + 1);
    return 1;
}

/* ---- reading a side ---- */

/* "am", "a.m", "PM" at the cursor (a '.' before a dash is taken too); 'a', 'p' or 0. */
static char read_ampm(cursor *k)
{
    const char *w = k->w + k->p;
    size_t n = k->n - k->p, q;
    if (n < 2 || (lower(w[0]) != 'a' && lower(w[0]) != 'p')) return 0;
    q = w[1] == '.' ? 2 : 1;
    if (q >= n || lower(w[q]) != 'm') return 0;
    q++;
    if (q < n && w[q] == '.' && nr_range_dash(w + q + 1, n - q - 1)) q++;
    if (q < n && is_alpha(w[q])) return 0;                  /* "amp", "pms" */
    if (q < n && w[q] != '.' && !nr_range_dash(w + q, n - q)) return 0;
    k->p += q;
    return lower(w[0]);
}

/* Two digits at w[0..1] not followed by a third. */
static int two_digits(const char *w, size_t n)
{
    return n >= 2 && is_digit(w[0]) && is_digit(w[1]) && (n == 2 || !is_digit(w[2]));
}

/* A side at the cursor, its am/pm maybe the next token when `join`; 1 if hour digits
 * are there (validity is judged by the caller). */
static int read_side(cursor *k, side *sd, int join)
{
    const char *w = k->w;
    size_t n = k->n, h = nr_digits_at(w + k->p, n - k->p);
    memset(sd, 0, sizeof *sd);
    if (h < 1 || h > 2) return 0;
    sd->h = (span){ w + k->p, h };
    k->p += h;
    if (k->p < n && w[k->p] == ':' && two_digits(w + k->p + 1, n - k->p - 1)) {
        sd->m = (span){ w + k->p + 1, 2 };
        k->p += 3;
        if (k->p < n && w[k->p] == ':' && two_digits(w + k->p + 1, n - k->p - 1)) {
            sd->s = (span){ w + k->p + 1, 2 };
            k->p += 3;
        }
    } else if (k->p < n && w[k->p] == '.' && two_digits(w + k->p + 1, n - k->p - 1)) {
        sd->m = (span){ w + k->p + 1, 2 };
        sd->dot = 1;
        k->p += 3;
    }
    if (!cur_end(k)) {
        sd->ap = read_ampm(k);
    } else if (join) {
        cursor next = *k;
        if (cur_next(&next, 0) && (sd->ap = read_ampm(&next))) *k = next;
    }
    return 1;
}

/* A side that can stand for a time: "3pm", "3:30", "3.30 pm", "10:00:00". */
static int side_ok(const side *sd, int bare_ok)
{
    long h = value(&sd->h);
    if ((sd->m.n && value(&sd->m) > 59) || (sd->s.n && value(&sd->s) > 59)) return 0;
    if (sd->ap) return h >= 1 && h <= 12;
    if (sd->dot) return 0;                                  /* "3.30" is a decimal */
    if (sd->s.n) return 1;                                  /* a duration */
    return (sd->m.n || bare_ok) && h <= 24;
}

/* ---- time zones ---- */

/* The zone written at w ("EST", "e.s.t", "est"), or NULL. */
static const nr_lex_entry *zone_entry(const nr_ctx *c, const char *w, size_t n)
{
    char key[8];
    size_t kn = 0;
    int dotted = n >= 3 && w[1] == '.', caps = 1, lows = 1;
    for (size_t k = 0; k < n; k++) {
        if (dotted && k % 2 == 1) {
            if (w[k] != '.') return NULL;
            continue;
        }
        if (!is_alpha(w[k]) || kn == sizeof key - 1) return NULL;
        caps &= is_upper(w[k]);
        lows &= !is_upper(w[k]);
        key[kn++] = is_upper(w[k]) ? w[k] : (char)(w[k] - 32);
    }
    if (kn < 2 || (!caps && !lows)) return NULL;
    const nr_lex_entry *e = nr_lex_find(c->lex, T_ZONES, key, kn);
    if (!e || caps || dotted) return e;
    return kn >= 3 && !nr_lex_field_is(e, "word", "true") ? e : NULL;
}

/* "+5:30", "-2", "−3": an offset from a zone; the bytes read, 0 if none. */
static size_t read_offset(const nr_ctx *c, const char *w, size_t n, nr_buf *out)
{
    size_t sl = n >= 1 && (w[0] == '+' || w[0] == '-') ? 1
              : n >= 3 && memcmp(w, "\xe2\x88\x92", 3) == 0 ? 3 : 0;
    if (!sl) return 0;
    cursor k = { c, 0, w + sl, n - sl, 0 };
    side sd;
    if (!read_side(&k, &sd, 0) || sd.ap || sd.s.n || sd.dot || !cur_end(&k)) return 0;
    if (value(&sd.h) > 14 || (sd.m.n && value(&sd.m) > 59)) return 0;
    nr_buf_word(out, cword(c, w[0] == '+' ? "plus" : "minus"));
    nr_say_cardinal(out, sd.h.s, sd.h.n);
    long m = sd.m.n ? value(&sd.m) : 0;
    if (m > 0 && m < 10) nr_buf_word(out, cword(c, "oh"));
    if (m > 0) nr_say_cardinal(out, sd.m.s + (m < 10), m < 10 ? 1 : 2);
    return n;
}

/* A zone at the cursor's word from its position, with an offset glued on ("GMT+1");
 * says it and moves to the word's end. 1 if read. */
static int say_zone_here(cursor *k, nr_buf *out)
{
    const char *w = k->w + k->p;
    size_t n = k->n - k->p, z = 0;
    while (z < n && (is_alpha(w[z]) || (w[z] == '.' && z + 1 < n && is_alpha(w[z + 1])))) z++;
    const nr_lex_entry *e = z ? zone_entry(k->c, w, z) : NULL;
    if (!e) return 0;
    size_t mark = out->len;
    nr_buf_word(out, e->say);
    if (z < n && read_offset(k->c, w + z, n - z, out) != n - z) {
        nr_buf_truncate(out, mark);
        return 0;
    }
    k->p = k->n;
    return 1;
}

/* The zone after a time, glued ("p.m.est") or as the next token; says it if there. */
static void say_zone_after(cursor *k, int dot_ok, nr_buf *out)
{
    if (!cur_end(k) && k->w[k->p] == '.') {
        cursor glued = *k;
        glued.p++;
        if (say_zone_here(&glued, out)) *k = glued;
        return;
    }
    cursor next = *k;
    if (cur_next(&next, dot_ok) && say_zone_here(&next, out)) *k = next;
}

/* ---- saying ---- */

/* Minutes after an hour: "05" -> oh five, "30" -> thirty, "00" -> nothing. */
static void say_minutes(const nr_ctx *c, nr_buf *out, const span *m)
{
    long v = value(m);
    if (v == 0) return;
    if (v < 10) nr_buf_word(out, cword(c, "oh"));
    nr_say_cardinal(out, m->s + (v < 10), v < 10 ? 1 : 2);
}

static void say_hour(nr_buf *out, const span *h)
{
    const char *s = h->s;
    size_t n = h->n;
    if (n == 2 && s[0] == '0') { s++; n--; }
    nr_say_cardinal(out, s, n);
}

/* "14:10:30" -> fourteen hours ten minutes and thirty seconds (zero parts left out). */
static void say_duration(const nr_ctx *c, nr_buf *out, const side *sd)
{
    const span *part[3] = { &sd->h, &sd->m, &sd->s };
    const char *unit[3] = { "hour", "minute", "second" };
    int said = 0, left = 0;
    for (int k = 0; k < 3; k++) left += value(part[k]) != 0;
    for (int k = 0; k < 3; k++) {
        long v = value(part[k]);
        if (v == 0 && !(k == 2 && !said)) continue;
        if (said && left == 1) nr_buf_word(out, cword(c, "and"));
        say_hour(out, part[k]);
        say_unit(c, out, unit[k], v);
        said = 1;
        left -= v != 0;
    }
}

/* Says one side: a clock reading, or a duration for "h:mm:ss" without am/pm.
 * `day_part`: a "noon" follows, so no o'clock. */
static void say_side(const nr_ctx *c, nr_buf *out, const side *sd, int day_part)
{
    const nr_lex_entry *half = NULL;
    if (sd->s.n && !sd->ap) { say_duration(c, out, sd); return; }
    if (sd->ap) {
        char key[2] = { sd->ap, 'm' };
        half = nr_lex_find(c->lex, T_HALVES, key, 2);
    }
    long h = value(&sd->h), m = sd->m.n ? value(&sd->m) : -1;
    say_hour(out, &sd->h);
    if (m > 0) say_minutes(c, out, &sd->m);
    else if (m == 0 && !sd->ap && !day_part) nr_buf_word(out, cword(c, h >= 1 && h <= 12 ? "oclock" : "hundred"));
    if (sd->s.n && value(&sd->s) > 0) {
        nr_buf_word(out, cword(c, "and"));
        say_hour(out, &sd->s);
        say_unit(c, out, "second", value(&sd->s));
    }
    if (sd->ap) nr_buf_word(out, half ? half->say : sd->ap == 'a' ? "A.M" : "P.M");
}

/* 1 if the word after token i is "noon" or "midnight". */
static int day_part_follows(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    return bare_end(c, i, 0) && nr_tok_continues(c->t, i + 1) && nr_lex_find(c->lex, T_DAY_PARTS, w, n);
}

/* ---- the shapes ---- */

/* side [dash side] [zone], from token i; the tokens used. */
static size_t clock_time(const nr_ctx *c, size_t i, nr_buf *out)
{
    cursor k;
    side a, b;
    int range = 0;
    cur_set(&k, c, i);
    if (!read_side(&k, &a, 1)) return 0;
    cursor after_a = k;
    size_t dl = cur_end(&k) ? 0 : nr_range_dash(k.w + k.p, k.n - k.p);
    if (dl) {                                               /* "9am-5pm" in one word */
        k.p += dl;
        if (!read_side(&k, &b, 1)) return 0;
        range = 1;
    } else if (cur_skip_dash(&k, a.ap != 0)) {              /* "4:00 am - 8:12 pm" */
        range = read_side(&k, &b, 1);
        if (!range) k = after_a;
    }
    if (range) {
        int timed = a.m.n || a.ap || b.m.n || b.ap;
        if (!timed || !side_ok(&a, 1) || !side_ok(&b, 1) || a.s.n || b.s.n) {
            if (dl) return 0;
            range = 0;
            k = after_a;
        }
    }
    if (!range && !side_ok(&a, 0)) return 0;
    size_t mark = out->len;
    const side *last = range ? &b : &a;
    if (range && !a.ap && !a.m.n) say_hour(out, &a.h);     /* "9-11:30": the 9 is plain */
    else say_side(c, out, &a, !range && day_part_follows(c, k.i));
    if (range) {
        nr_buf_word(out, cword(c, "to"));
        say_side(c, out, &b, day_part_follows(c, k.i));
    }
    say_zone_after(&k, last->ap != 0, out);
    if (!cur_end(&k)) {                                     /* "3:30x": not a time */
        nr_buf_truncate(out, mark);
        return 0;
    }
    return k.i - i + 1;
}

/* "1430 GMT": four digits and a zone, said the military way (fourteen thirty). */
static size_t military(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    if (n != 4 || nr_digits_at(w, 4) != 4 || !bare_end(c, i, 0) || !nr_tok_continues(c->t, i + 1)) return 0;
    span h = { w, 2 }, m = { w + 2, 2 };
    if (value(&h) > 23 || value(&m) > 59) return 0;
    size_t zn;
    const char *z = nr_tok_word(c->t, i + 1, &zn);
    const nr_lex_entry *e = zone_entry(c, z, zn);
    /* wire style writes the zone in capitals: "(2023 est.)" is an estimate, not a time */
    if (!e || !(c->t->tok[i + 1].shape & NR_SHAPE_UPPER)) return 0;
    if (w[0] == '0') {
        nr_buf_word(out, cword(c, w[1] == '0' ? "zero" : "oh"));
        if (w[1] != '0') nr_say_cardinal(out, w + 1, 1);
    } else nr_say_cardinal(out, w, 2);
    if (value(&m) == 0) nr_buf_word(out, cword(c, "hundred"));
    else say_minutes(c, out, &m);
    nr_buf_word(out, e->say);
    return 2;
}

/* "3:49.11", "1:23.456", "2:09:35.5": a race or lap time with fractions of a second,
 * [h:]m:ss.f (minutes under 60, one to three decimals), read as a duration; the tokens
 * used, 0 if not one. */
static size_t race_time(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n, p = 0, k = 0;
    const char *w = nr_tok_word(c->t, i, &n);
    span part[3];
    for (;;) {                                          /* up to three parts split by ':' */
        size_t d = nr_digits_at(w + p, n - p);
        if (!d || d > 2 || (k > 0 && d != 2)) return 0;
        part[k++] = (span){ w + p, d };
        p += d;
        if (p >= n || w[p] != ':' || k == 3) break;
        p++;
    }
    size_t f = p < n && w[p] == '.' ? nr_digits_at(w + p + 1, n - p - 1) : 0;
    if (k < 2 || f < 1 || f > 3 || p + 1 + f != n) return 0;
    for (size_t q = 1; q < k; q++)
        if (value(&part[q]) > 59) return 0;
    if (value(&part[0]) > (k == 3 ? 23 : 59)) return 0;
    const char *unit[3] = { "hour", "minute", "second" };
    size_t first = 3 - k;                               /* m:ss starts at minutes */
    for (size_t q = 0; q + 1 < k; q++) {
        long v = value(&part[q]);
        if (v == 0) continue;
        say_hour(out, &part[q]);
        say_unit(c, out, unit[first + q], v);
    }
    if (k == 3 && (value(&part[0]) || value(&part[1]))) nr_buf_word(out, cword(c, "and"));
    say_hour(out, &part[k - 1]);
    nr_buf_word(out, cword(c, "point"));
    nr_say_digits(out, w + p + 1, f);
    say_unit(c, out, "second", 2);
    return 1;
}

/* "GMT+1" as one word, or "+4:30" right after a zone word ("GMT +4:30"). */
static size_t zone_offset(const nr_ctx *c, size_t i, nr_buf *out)
{
    cursor k;
    size_t pn;
    cur_set(&k, c, i);
    if (k.n && is_alpha(k.w[0])) {
        size_t z = 0;
        while (z < k.n && is_alpha(k.w[z])) z++;
        if (z == k.n) return 0;                             /* a zone alone: the letters class */
        return say_zone_here(&k, out) ? 1 : 0;
    }
    if (i == 0) return 0;
    nr_tok_post(c->t, i - 1, &pn);
    size_t zn;
    const char *z = nr_tok_word(c->t, i - 1, &zn);
    if (pn || !zone_entry(c, z, zn)) return 0;
    return read_offset(c, k.w, k.n, out) ? 1 : 0;
}

/* ---- ratios, declined ---- */

/* A word of ratio_cues at token j, touching token i. */
static int ratio_cue_at(const nr_ctx *c, size_t i, size_t j)
{
    for (size_t k = j < i ? j : i; k < (j < i ? i : j); k++)
        if (!nr_tok_joined(c->t, k)) return 0;
    return nr_tok_cue(c, T_RATIO_CUE, j);
}

/* "a 1:10 dilution", "ratio of 1:30", "3:1", "1:2:1": a ratio, left to the number class.
 * Numbers joined by ':' that cannot be a clock time, or could but have a ratio cue
 * within two words before or right after, not after "at" or before am/pm (the number
 * class asks the same). */
static int ratio_word(const nr_ctx *c, size_t i, const char *w, size_t n)
{
    nr_num x[3];
    int clock;
    if (!nr_parse_ratio(w, n, x, &clock)) return 0;
    if (!clock) return 1;
    if (i > 0 && nr_tok_joined(c->t, i - 1) && nr_tok_cue(c, T_RATIO_VETO, i - 1)) return 0;
    cursor k;
    cur_set(&k, c, i);
    k.p = k.n;
    if (cur_next(&k, 0) && read_ampm(&k)) return 0;
    return (i >= 1 && ratio_cue_at(c, i, i - 1)) || (i >= 2 && ratio_cue_at(c, i, i - 2))
        || ratio_cue_at(c, i, i + 1);
}

size_t nr_verbalize_time(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    if (!c->lex || n == 0) return 0;
    if (is_digit(w[0])) {
        if (ratio_word(c, i, w, n)) return 0;
        size_t used = race_time(c, i, out);
        if (!used) used = clock_time(c, i, out);
        return used ? used : military(c, i, out);
    }
    return zone_offset(c, i, out);
}
