/*
 * numbers.h — English number words, the shared vocabulary of the verbalizers, and the one
 * parser of numbers as written ("-1,234.5") that every class meeting digits uses.
 * The say functions take plain ASCII digit strings (no separators, no sign); words are
 * appended to `out` with nr_buf_word spacing, lower case, no hyphens ("twenty one").
 */
#ifndef NR_NUMBERS_H
#define NR_NUMBERS_H
#include <stddef.h>
#include "util/buf.h"

void nr_say_cardinal(nr_buf *out, const char *digits, size_t n);  /* 1200 -> one thousand two hundred */
void nr_say_ordinal(nr_buf *out, const char *digits, size_t n);   /* 22 -> twenty second */
void nr_say_year(nr_buf *out, const char *digits, size_t n);      /* 2019 -> twenty nineteen, 1905 -> nineteen oh five */
void nr_say_digits(nr_buf *out, const char *digits, size_t n);    /* 007 -> zero zero seven */
/* A number inside a model name or code, as people say those: 1-2 digits as a cardinal,
 * three in pairs (737 -> seven thirty seven, 401 -> four oh one, 300 -> three hundred),
 * four like a year when 1000..2099 (2020 -> twenty twenty), longer ones and numbers with
 * a leading zero digit by digit. */
void nr_say_model(nr_buf *out, const char *digits, size_t n);
/* The number of a product line after its maker's name (graphics cards, processors):
 * up to three digits as nr_say_model, four in pairs (4090 -> forty ninety, 7900 ->
 * seventy nine hundred, 6000 -> six thousand), five as a pair and a model (14900 ->
 * fourteen nine hundred); longer ones and a leading zero digit by digit. */
void nr_say_product(nr_buf *out, const char *digits, size_t n);

/* ---- digits as written ---- */

/* How many ASCII digits s starts with. */
size_t nr_digits_at(const char *s, size_t n);
/* The value of a short digit string (its first nine digits: callers keep it short). */
long nr_digits_value(const char *s, size_t n);
/* Length of a range dash at s: '-' or an en dash ("5-10", "1939–45", "July 4-5"); 0 if none. */
size_t nr_range_dash(const char *s, size_t n);
/* 1 if the two letters at s are the ordinal ending that agrees with the digits d[0..n),
 * in any case: "1st", "12th", "22ND", "111th"; "1th" and "3nd" do not. */
int nr_ordinal_suffix_agrees(const char *d, size_t n, const char *s);

/* ---- a number as written ---- */

/* A number as written: [sign] digits [,ddd]* [.digits], or .digits. */
typedef struct {
    const char *sign;       /* "minus", "plus" or NULL */
    const char *ip;         /* integer part as written, separators included */
    size_t ipn;
    int commas;             /* the integer part has thousands separators */
    const char *fp;         /* digits after the point; NULL without a point */
    size_t fpn;
    size_t len;             /* bytes of the word the number covers */
} nr_num;

/* Parses the number at the start of w (a sign only when signed_ok: '-', '+', U+2212).
 * Returns 1 when there is one; x->len says how much of w it covers. */
int nr_parse_num(const char *w, size_t n, int signed_ok, nr_num *x);
/* 1 for digits only: no sign, separators or decimals. */
int nr_num_is_plain(const nr_num *x);
/* The digits of the integer part without separators: x->ip itself, or a copy made in tmp
 * when it has them ("1,200" -> "1200"); their count in *n. */
const char *nr_num_int_digits(const nr_num *x, nr_buf *tmp, size_t *n);
/* The integer part said by `say` (nr_say_cardinal, nr_say_ordinal, ...) without separators. */
void nr_say_num_int(nr_buf *out, const nr_num *x, void (*say)(nr_buf *, const char *, size_t));
/* The whole number: "-2.5" -> minus two point five, ".5" -> point five. An integer that
 * reads as a code is said digit by digit: a leading zero ("007") or ten digits or more
 * without separators that is not a round number ("1234567890"). */
void nr_say_num(nr_buf *out, const nr_num *x);
/* The same for a quantity with a unit after it, whose integer part is always a cardinal:
 * "007 kg" -> seven kilograms, "-2.5" -> minus two point five. */
void nr_say_quantity(nr_buf *out, const nr_num *x);

/* A ratio as written: two or three unsigned numbers joined by ':' filling the word
 * ("3:1", "1.5:1", "1:50,000", "1:2:1"; not "3:49.11", a race time). Returns the parts (0 if w is not one) in x[];
 * *clock is set to 1 when the word could also be a clock time or a duration (h:mm or
 * h:mm:ss: an hour of one or two digits up to 24, then two-digit parts up to 59). */
size_t nr_parse_ratio(const char *w, size_t n, nr_num x[3], int *clock);

/* The value of a well-formed upper-case roman numeral (1..3999, "XIV" -> 14); 0 when s is
 * not one ("IIII", "VX", "MIXED"). Linear; gives up after 15 letters. */
int nr_roman_value(const char *s, size_t n);

#endif
