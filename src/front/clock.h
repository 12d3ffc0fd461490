/*
 * clock.h — the one clock reader, the time class's (verbalize_time.c), for every class that
 * meets a clock time inside another shape: a range ("9-11:30"), a tail ("3:30-year-old"),
 * a prefix ("mid-3 pm"). Its words come from the lexicon table clock_words (and day_halves
 * for am/pm): "3:00" three o'clock, "15:00" fifteen hundred, "10:05" ten oh five, "3:30 pm"
 * three thirty P.M; a voice that overrides those tables changes every clock it reads.
 */
#ifndef NR_CLOCK_H
#define NR_CLOCK_H
#include "front/token.h"

/* A run of digits as written (n == 0: absent). */
typedef struct { const char *s; size_t n; } nr_digits;

/* A clock time as written: "3:30pm", "10:05", "3.30 p.m.", "14:10:30". */
typedef struct {
    nr_digits h, m, s;      /* hour, minutes, seconds */
    int dot;                /* minutes after a '.': "3.30pm" */
    char ap;                /* 'a', 'p' or 0 */
} nr_clock;

/* 1 if k can stand for a time: minutes and seconds up to 59, an hour of 1..12 with am/pm
 * and up to 24 without; "3.30" needs am/pm; a bare hour ("9") only when bare_ok. */
int nr_clock_valid(const nr_clock *k, int bare_ok);
/* Says k: "three thirty P.M", "three o'clock" (not before "noon": day_part), "fourteen
 * hours ten minutes and thirty seconds" for h:mm:ss without am/pm. */
void nr_say_clock(const nr_ctx *c, nr_buf *out, const nr_clock *k, int day_part);
/* 1 if an am/pm word ("pm", "a.m.", "PM-") starts the word after token i, nothing between. */
int nr_ampm_follows(const nr_ctx *c, size_t i);

#endif
