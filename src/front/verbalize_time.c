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
 * partner with minutes ("9-11:30"); anything else is left to the number class. A ratio
 * with a clock's shape ("a 1:10 dilution") is the ratio class's, asked before this one.
 *
 * The clock reading itself (nr_say_clock, clock.h) is the one every class uses for a
 * clock inside its own shapes ("3:30-year-old", "mid-9am-5pm"); its words are the
 * lexicon's (clock_words, day_halves), none are written here.
 */
#include "front/verbalize.h"
#include "front/clock.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>


typedef nr_digits span;
typedef nr_clock side;      /* one side of a time or of a range of times */

/* A read position: token i, byte p of its word. */
typedef struct {
    const nr_ctx *c;
    size_t i;
    const char *w;
    size_t n, p;
} cursor;

/* ---- small helpers ---- */


static long value(const span *s) { return nr_digits_value(s->s, s->n); }

/* A small word of the reading, from clock_words; the key itself without one. */
static const char *cword(const nr_ctx *c, const char *key) { return nr_lex_say(c->lex, NR_T_clock_words, key); }

/* "hour"/"hours" for v, from clock_words. */
static void say_unit(const nr_ctx *c, nr_buf *out, const char *key, long v)
{
    const nr_lex_entry *e = nr_lex_find(c->lex, NR_T_clock_words, key, strlen(key));
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
    if (n < 2 || (nr_to_lower(w[0]) != 'a' && nr_to_lower(w[0]) != 'p')) return 0;
    q = w[1] == '.' ? 2 : 1;
    if (q >= n || nr_to_lower(w[q]) != 'm') return 0;
    q++;
    if (q < n && w[q] == '.' && nr_range_dash(w + q + 1, n - q - 1)) q++;
    if (q < n && nr_is_alpha(w[q])) return 0;                  /* "amp", "pms" */
    if (q < n && w[q] != '.' && !nr_range_dash(w + q, n - q)) return 0;
    k->p += q;
    return nr_to_lower(w[0]);
}

/* Two digits at w[0..1] not followed by a third. */
static int two_digits(const char *w, size_t n)
{
    return n >= 2 && nr_is_digit(w[0]) && nr_is_digit(w[1]) && (n == 2 || !nr_is_digit(w[2]));
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
int nr_clock_valid(const nr_clock *sd, int bare_ok)
{
    long h = value(&sd->h);
    if ((sd->m.n && value(&sd->m) > 59) || (sd->s.n && value(&sd->s) > 59)) return 0;
    if (sd->ap) return h >= 1 && h <= 12;
    if (sd->dot) return 0;                                  /* "3.30" is a decimal */
    if (sd->s.n) return h <= 24;                            /* a duration of a day at most */
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
        if (!nr_is_alpha(w[k]) || kn == sizeof key - 1) return NULL;
        caps &= nr_is_upper(w[k]);
        lows &= !nr_is_upper(w[k]);
        key[kn++] = nr_to_upper(w[k]);
    }
    if (kn < 2 || (!caps && !lows)) return NULL;
    const nr_lex_entry *e = nr_lex_find(c->lex, NR_T_time_zones, key, kn);
    if (!e || caps || dotted) return e;
    return kn >= 3 && !nr_lex_field_is(e, "word", "true") ? e : NULL;
}

/* A zone as read: its reading and an offset glued on ("GMT+5:30"; sign 0: none). */
typedef struct {
    const char *say;
    char sign;              /* '+', '-' or 0 */
    side off;               /* hours and minutes of the offset */
} zone;

/* "+5:30", "-2", "−3" filling w: an offset from a zone, into z; 1 if it is one. */
static int read_offset(const nr_ctx *c, const char *w, size_t n, zone *z)
{
    size_t sl = n >= 1 && (w[0] == '+' || w[0] == '-') ? 1
              : n >= 3 && memcmp(w, "\xe2\x88\x92", 3) == 0 ? 3 : 0;
    if (!sl) return 0;
    cursor k = { c, 0, w + sl, n - sl, 0 };
    side sd;
    if (!read_side(&k, &sd, 0) || sd.ap || sd.s.n || sd.dot || !cur_end(&k)) return 0;
    if (value(&sd.h) > 14 || (sd.m.n && value(&sd.m) > 59)) return 0;
    z->sign = w[0] == '+' ? '+' : '-';
    z->off = sd;
    return 1;
}

/* A zone at the cursor's word from its position, with an offset glued on ("GMT+1");
 * moves to the word's end. 1 if read. */
static int read_zone_here(cursor *k, zone *zn)
{
    const char *w = k->w + k->p;
    size_t n = k->n - k->p, z = 0;
    while (z < n && (nr_is_alpha(w[z]) || (w[z] == '.' && z + 1 < n && nr_is_alpha(w[z + 1])))) z++;
    const nr_lex_entry *e = z ? zone_entry(k->c, w, z) : NULL;
    if (!e) return 0;
    zone found = { .say = e->say };
    if (z < n && !read_offset(k->c, w + z, n - z, &found)) return 0;
    *zn = found;
    k->p = k->n;
    return 1;
}

/* The zone after a time, glued ("p.m.est") or as the next token, if there. */
static void read_zone_after(cursor *k, int dot_ok, zone *z)
{
    if (!cur_end(k) && k->w[k->p] == '.') {
        cursor glued = *k;
        glued.p++;
        if (read_zone_here(&glued, z)) *k = glued;
        return;
    }
    cursor next = *k;
    if (cur_next(&next, dot_ok) && read_zone_here(&next, z)) *k = next;
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
void nr_say_clock(const nr_ctx *c, nr_buf *out, const nr_clock *sd, int day_part)
{
    if (sd->s.n && !sd->ap) { say_duration(c, out, sd); return; }
    long h = value(&sd->h), m = sd->m.n ? value(&sd->m) : -1;
    say_hour(out, &sd->h);
    if (m > 0) say_minutes(c, out, &sd->m);
    else if (m == 0 && !sd->ap && !day_part) nr_buf_word(out, cword(c, h >= 1 && h <= 12 ? "oclock" : "hundred"));
    if (sd->s.n && value(&sd->s) > 0) {
        nr_buf_word(out, cword(c, "and"));
        say_hour(out, &sd->s);
        say_unit(c, out, "second", value(&sd->s));
    }
    if (sd->ap) nr_buf_word(out, nr_lex_say(c->lex, NR_T_day_halves, sd->ap == 'a' ? "am" : "pm"));
}

/* 1 if the word after token i is "noon" or "midnight". */
static int day_part_follows(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    return bare_end(c, i, 0) && nr_tok_continues(c->t, i + 1) && nr_lex_find(c->lex, NR_T_day_parts, w, n);
}

/* A zone and its offset: "G M T plus five thirty" (either may be absent). */
static void say_zone(const nr_ctx *c, nr_buf *out, const zone *z)
{
    if (z->say) nr_buf_word(out, z->say);
    if (!z->sign) return;
    nr_buf_word(out, cword(c, z->sign == '+' ? "plus" : "minus"));
    nr_say_cardinal(out, z->off.h.s, z->off.h.n);
    if (z->off.m.n) say_minutes(c, out, &z->off.m);
}

/* ---- the shapes ---- */

/* The readings of the class, and what the say needs of them. */
enum { CLOCK, RACE, MILITARY, ZONE };
typedef struct {
    side a, b;              /* CLOCK: the sides; RACE: a.h, a.m, a.s are the parts */
    int range;              /* CLOCK: a to b; RACE: how many parts */
    int day_part_a, day_part_b;     /* CLOCK: a "noon" follows the side */
    span fraction;          /* RACE: the digits after the point */
    zone z;                 /* CLOCK, MILITARY, ZONE */
} claim;

/* side [dash side] [zone], from token i; the tokens used. */
static size_t clock_time(const nr_ctx *c, size_t i, claim *r)
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
        if (!timed || !nr_clock_valid(&a, 1) || !nr_clock_valid(&b, 1) || a.s.n || b.s.n) {
            if (dl) return 0;
            range = 0;
            k = after_a;
        }
    }
    if (!range && !nr_clock_valid(&a, 0)) return 0;
    r->a = a;
    r->range = range;
    r->day_part_a = !range && day_part_follows(c, k.i);
    if (range) {
        r->b = b;
        r->day_part_b = day_part_follows(c, k.i);
    }
    read_zone_after(&k, (range ? b.ap : a.ap) != 0, &r->z);
    if (!cur_end(&k)) return 0;                             /* "3:30x": not a time */
    return k.i - i + 1;
}

static void say_clock_time(const nr_ctx *c, nr_buf *out, const claim *r)
{
    if (r->range && !r->a.ap && !r->a.m.n) say_hour(out, &r->a.h);     /* "9-11:30": the 9 is plain */
    else nr_say_clock(c, out, &r->a, r->day_part_a);
    if (r->range) {
        nr_buf_word(out, cword(c, "to"));
        nr_say_clock(c, out, &r->b, r->day_part_b);
    }
    say_zone(c, out, &r->z);
}

/* "1430 GMT": four digits and a zone, said the military way (fourteen thirty). */
static size_t military(const nr_ctx *c, size_t i, claim *r)
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
    r->a.h = h;
    r->a.m = m;
    r->z.say = e->say;
    return 2;
}

static void say_military(const nr_ctx *c, nr_buf *out, const claim *r)
{
    const char *w = r->a.h.s;
    if (w[0] == '0') {
        nr_buf_word(out, cword(c, w[1] == '0' ? "zero" : "oh"));
        if (w[1] != '0') nr_say_cardinal(out, w + 1, 1);
    } else nr_say_cardinal(out, w, 2);
    if (value(&r->a.m) == 0) nr_buf_word(out, cword(c, "hundred"));
    else say_minutes(c, out, &r->a.m);
    nr_buf_word(out, r->z.say);
}

/* "3:49.11", "1:23.456", "2:09:35.5": a race or lap time with fractions of a second,
 * [h:]m:ss.f (minutes under 60, one to three decimals), read as a duration; the tokens
 * used, 0 if not one. */
static size_t race_time(const nr_ctx *c, size_t i, claim *r)
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
    r->a.h = part[0];
    r->a.m = part[1];
    if (k == 3) r->a.s = part[2];
    r->range = (int)k;
    r->fraction = (span){ w + p + 1, f };
    return 1;
}

static void say_race_time(const nr_ctx *c, nr_buf *out, const claim *r)
{
    const span part[3] = { r->a.h, r->a.m, r->a.s };
    size_t k = (size_t)r->range;
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
    nr_say_digits(out, r->fraction.s, r->fraction.n);
    say_unit(c, out, "second", 2);
}

/* "GMT+1" as one word, or "+4:30" right after a zone word ("GMT +4:30"). */
static size_t zone_offset(const nr_ctx *c, size_t i, claim *r)
{
    cursor k;
    size_t pn;
    cur_set(&k, c, i);
    if (k.n && nr_is_alpha(k.w[0])) {
        size_t z = 0;
        while (z < k.n && nr_is_alpha(k.w[z])) z++;
        if (z == k.n) return 0;                             /* a zone alone: the letters class */
        return read_zone_here(&k, &r->z) ? 1 : 0;
    }
    if (i == 0) return 0;
    nr_tok_post(c->t, i - 1, &pn);
    size_t zn;
    const char *z = nr_tok_word(c->t, i - 1, &zn);
    if (pn || !zone_entry(c, z, zn)) return 0;
    return read_offset(c, k.w, k.n, &r->z) ? 1 : 0;     /* the zone is said already */
}

int nr_ampm_follows(const nr_ctx *c, size_t i)
{
    cursor k;
    cur_set(&k, c, i);
    k.p = k.n;
    return cur_next(&k, 0) && read_ampm(&k);
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, claim *r)
{
    size_t used;
    if (!c->lex || n == 0) return 0;
    if (!nr_is_digit(w[0])) m->reading = ZONE, used = zone_offset(c, i, r);
    else if ((used = race_time(c, i, r))) m->reading = RACE;
    else if ((used = clock_time(c, i, r))) m->reading = CLOCK;
    else {
        memset(r, 0, sizeof *r);
        m->reading = MILITARY, used = military(c, i, r);
    }
    return used;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const claim *r,
                nr_buf *out)
{
    (void)i, (void)w, (void)n;
    if (m->reading == RACE) say_race_time(c, out, r);
    else if (m->reading == CLOCK) say_clock_time(c, out, r);
    else if (m->reading == MILITARY) say_military(c, out, r);
    else say_zone(c, out, &r->z);
}

NR_CLASS_RECORD(time, claim, match, say);
