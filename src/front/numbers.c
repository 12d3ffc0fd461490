/*
 * numbers.c — English number words (see numbers.h). Every verbalizer that meets digits
 * (numbers, money, letters like "B-52") says them through these four functions, so a
 * number is read the same way wherever it appears. Digits are read in groups of three
 * from the right; a number longer than the scale words reach is read digit by digit.
 * Work is linear in the number of digits and needs no buffer of its own.
 */
#include "front/numbers.h"
#include <string.h>

static const char *const ONES[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen",
};
static const char *const TENS[] = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
};
/* Scale word of each group of three digits, counted from the right: 10^(3k). */
static const char *const SCALES[] = {
    "", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion",
    "sextillion", "septillion", "octillion", "nonillion", "decillion",
};
#define N_SCALES (sizeof SCALES / sizeof SCALES[0])

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i])) return 0;
    return 1;
}

/* Value of up to three digits. */
static int value(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    return v;
}

/* 0..99 ("" for 0). */
static void say_below_100(nr_buf *out, int v)
{
    if (v == 0) return;
    if (v < 20) { nr_buf_word(out, ONES[v]); return; }
    nr_buf_word(out, TENS[v / 10]);
    if (v % 10) nr_buf_word(out, ONES[v % 10]);
}

/* 0..999 ("" for 0). */
static void say_below_1000(nr_buf *out, int v)
{
    if (v >= 100) {
        nr_buf_word(out, ONES[v / 100]);
        nr_buf_word(out, "hundred");
    }
    say_below_100(out, v % 100);
}

void nr_say_digits(nr_buf *out, const char *digits, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_digit(digits[i])) nr_buf_word(out, ONES[digits[i] - '0']);
}

void nr_say_cardinal(nr_buf *out, const char *digits, size_t n)
{
    if (!n) return;
    if (!all_digits(digits, n)) { nr_say_digits(out, digits, n); return; }
    size_t z = 0;
    while (z < n && digits[z] == '0') z++;
    if (z == n) { nr_buf_word(out, "zero"); return; }
    const char *s = digits + z;
    size_t len = n - z;
    if (len > 3 * N_SCALES) { nr_say_digits(out, digits, n); return; }
    size_t groups = (len + 2) / 3;
    size_t first = len - 3 * (groups - 1);     /* digits in the leftmost group: 1..3 */
    for (size_t g = 0, at = 0; g < groups; g++) {
        size_t glen = g ? 3 : first;
        int v = value(s + at, glen);
        at += glen;
        if (!v) continue;
        say_below_1000(out, v);
        nr_buf_word(out, SCALES[groups - 1 - g]);
    }
}

/* The ordinal of one cardinal word: "one" -> "first", "twenty" -> "twentieth". */
static void ordinal_word(nr_buf *out, const char *w, size_t n)
{
    static const char *const IRREGULAR[][2] = {
        { "one", "first" }, { "two", "second" }, { "three", "third" }, { "five", "fifth" },
        { "eight", "eighth" }, { "nine", "ninth" }, { "twelve", "twelfth" },
    };
    for (size_t k = 0; k < sizeof IRREGULAR / sizeof IRREGULAR[0]; k++) {
        if (strlen(IRREGULAR[k][0]) == n && memcmp(IRREGULAR[k][0], w, n) == 0) {
            nr_buf_word(out, IRREGULAR[k][1]);
            return;
        }
    }
    if (n && w[n - 1] == 'y') {                 /* twenty -> twentieth */
        nr_buf_wordn(out, w, n - 1);
        nr_buf_puts(out, "ieth");
        return;
    }
    nr_buf_wordn(out, w, n);
    nr_buf_puts(out, "th");
}

void nr_say_ordinal(nr_buf *out, const char *digits, size_t n)
{
    size_t start = out->len;
    nr_say_cardinal(out, digits, n);
    if (out->oom || out->len == start) return;
    size_t w = out->len;
    while (w > start && out->s[w - 1] != ' ') w--;
    char last[16];                              /* the longest number word is shorter */
    size_t wl = out->len - w;
    if (wl >= sizeof last) return;
    memcpy(last, out->s + w, wl);
    out->len = w;
    out->s[w] = '\0';
    ordinal_word(out, last, wl);
}

void nr_say_year(nr_buf *out, const char *digits, size_t n)
{
    if (n != 4 || !all_digits(digits, n) || digits[0] == '0') {
        nr_say_cardinal(out, digits, n);
        return;
    }
    int hi = value(digits, 2), lo = value(digits + 2, 2);
    if (hi % 10 == 0 && lo < 10) {              /* 2000, 2005, 1000, 1007: as a cardinal */
        nr_say_cardinal(out, digits, n);
        return;
    }
    say_below_100(out, hi);
    if (lo == 0) nr_buf_word(out, "hundred");   /* 1900 */
    else if (lo < 10) {                         /* 1905 */
        nr_buf_word(out, "oh");
        nr_buf_word(out, ONES[lo]);
    } else say_below_100(out, lo);              /* 1984, 2010 */
}
