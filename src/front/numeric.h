/*
 * numeric.h — a number word in its parts, as the number classes (number, range,
 * year_range, telephone, code) read it: a number with what clings to it (":30", "pm",
 * "s": a side), a "mid-" prefix before it, a "-year-old" tail after it, a scale word
 * ("million") as the next token. Parsed once into an nr_side, said by the class that
 * claims the word.
 */
#ifndef NR_NUMERIC_H
#define NR_NUMERIC_H
#include "front/clock.h"
#include "front/numbers.h"
#include "front/token.h"

/* A side: a number and what clings to it. */
typedef struct {
    nr_num x;
    const char *min;        /* the two digits of ":30", or NULL */
    char ampm;              /* 'a', 'p' or 0 */
    int decade;             /* "1990s", "80's" */
    size_t len;             /* bytes of the word it covers; 0: no number there */
} nr_side;

/* Parses a side at w (a sign only when signed_ok). */
void nr_parse_side(const char *w, size_t n, int signed_ok, nr_side *sd);
/* The side read as a clock time with am/pm `ap` (0: none) into *k; 1 if it is one
 * ("3:30", "3.30pm", "9" with bare_ok). */
int nr_side_clock(const nr_side *sd, char ap, int bare_ok, nr_clock *k);
/* "am"/"pm" as written ("am", "PM", "a.m"): 'a' or 'p', else 0. */
char nr_ampm_word(const char *s, size_t n);
/* An am/pm word as token i+1, right after token i: 'a', 'p' or 0. */
char nr_next_ampm(const nr_ctx *c, size_t i);

/* The side of a word w that may start with a "mid-" style prefix (decade_prefixes):
 * "mid-1990s" is "mid" (*prefix: its length, 0 if none) and the side "1990s" (signed
 * only without a prefix). Returns where the side starts in w. */
size_t nr_parse_prefixed_side(const nr_ctx *c, const char *w, size_t n, size_t *prefix, nr_side *sd);
/* Where a "-word" tail starts in s (n when there is none). */
size_t nr_tail_start(const char *s, size_t n);
/* 1 if s is a tail said word by word: "-year-old", "-for-10", "-and-1". */
int nr_tail_ok(const char *s, size_t n);
void nr_say_tail(nr_buf *out, const char *s, size_t n);
/* The scale word of token i+1 ("1.2 million"), touching token i, or NULL. */
const char *nr_next_scale(const nr_ctx *c, size_t i);

/* A number written with a leading zero ("0919"): a code, said digit by digit. */
int nr_is_code(const nr_num *x);
/* Compares two plain integers by value: <0, 0, >0. */
int nr_compare_ints(const nr_num *a, const nr_num *b);

#endif
