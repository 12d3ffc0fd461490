/*
 * verbalize_ratio.c — ratios: "3:1" three to one, "1.5:1", "1:50,000", "1:2:1", "a 1:10
 * dilution" one to ten.
 *
 * Numbers joined by ':' that cannot be a clock time are a ratio; those that could be one
 * ("1:10", "2:45") are a ratio only with a ratio cue within two words before or right
 * after ("ratio of 1:30", "a 1:10 dilution"), never after "at" or before am/pm ("at
 * 2:45"). Without a cue, a ratio after a capitalized word is left as written: a verse
 * ("Micah 6:6", "Genesis 1:1"). The cue words are tables of en-numbers.yaml.
 *
 *
 * Two rows of the class table: a ratio that could be a clock time is asked before the
 * time class (clock_ratio: "a 1:10 dilution" with its cue; what it leaves the time class
 * reads: "2:45"); one that cannot ("3:1", "25:12:22") has no such rival and is asked with
 * the numbers, after the code class ("No. 6:6" is a case number).
 */
#include "front/verbalize.h"
#include "front/clock.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"
#include <string.h>


typedef struct {
    nr_num x[3];
    size_t parts;
} ratio;

/* A word of ratio_cues at token j, touching the ratio at token i. */
static int ratio_cue_at(const nr_ctx *c, size_t i, size_t j)
{
    for (size_t k = j < i ? j : i; k < (j < i ? i : j); k++)
        if (!nr_tok_joined(c->t, k)) return 0;
    return nr_tok_cue(c, NR_T_ratio_cues, j);
}

/* A ratio cue within two words before token i or right after it, and no time word
 * before it or am/pm after it. */
static int ratio_cued(const nr_ctx *c, size_t i)
{
    if (i > 0 && nr_tok_joined(c->t, i - 1) && nr_tok_cue(c, NR_T_ratio_vetoes, i - 1)) return 0;
    if (nr_ampm_follows(c, i)) return 0;
    return (i >= 1 && ratio_cue_at(c, i, i - 1)) || (i >= 2 && ratio_cue_at(c, i, i - 2))
        || ratio_cue_at(c, i, i + 1);
}

/* The ratio filling token i's word (w, n), into r; *clock tells that it could be a clock time. */
static int ratio_word(const nr_ctx *c, const char *w, size_t n, ratio *r, int *clock)
{
    return c->lex && n && memchr(w, ':', n) && (r->parts = nr_parse_ratio(w, n, r->x, clock)) != 0;
}

/* A ratio that is no clock time is one unless it follows a capitalized word uncued. */
static int plain_ratio(const nr_ctx *c, size_t i)
{
    return ratio_cued(c, i) || !(i > 0 && nr_tok_joined(c->t, i - 1) && nr_tok_capitalized(c->t, i - 1));
}

static size_t match_plain(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, ratio *r)
{
    (void)m;
    int clock;
    return ratio_word(c, w, n, r, &clock) && !clock && plain_ratio(c, i);
}

static size_t match_clock(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, ratio *r)
{
    (void)m;
    int clock;
    return ratio_word(c, w, n, r, &clock) && clock && ratio_cued(c, i);
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const ratio *r,
                nr_buf *out)
{
    (void)c, (void)i, (void)w, (void)n, (void)m;
    for (size_t j = 0; j < r->parts; j++) {
        if (j) nr_buf_word(out, "to");
        nr_say_num(out, &r->x[j]);
    }
}

NR_CLASS_RECORD(ratio, ratio, match_plain, say);
NR_CLASS_RECORD(clock_ratio, ratio, match_clock, say);
