/*
 * numbers.c — English number words and the number parser (see numbers.h). Every
 * verbalizer that meets digits (numbers, money, letters like "B-52", roman numerals)
 * parses and says them through these functions, so a number is read the same way
 * wherever it appears. Digits are read in groups of three from the right; a number
 * longer than the scale words reach is read digit by digit. Work is linear in the
 * number of digits and needs no buffer of its own except to drop thousands separators.
 */
#include "front/numbers.h"
#include "util/chars.h"
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


static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!nr_is_digit(s[i])) return 0;
    return 1;
}

/* Value of up to four digits. */
static int value(const char *s, size_t n) { return (int)nr_digits_value(s, n); }

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
        if (nr_is_digit(digits[i])) nr_buf_word(out, ONES[digits[i] - '0']);
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

void nr_say_model(nr_buf *out, const char *digits, size_t n)
{
    if (!n) return;
    if (!all_digits(digits, n) || (n > 1 && digits[0] == '0') || n > 4) {
        nr_say_digits(out, digits, n);
        return;
    }
    if (n <= 2) { nr_say_cardinal(out, digits, n); return; }
    if (n == 4) {
        int v = value(digits, 4);
        if (v >= 1000 && v <= 2099) nr_say_year(out, digits, 4);
        else nr_say_digits(out, digits, 4);
        return;
    }
    int lo = value(digits + 1, 2);
    nr_buf_word(out, ONES[digits[0] - '0']);
    if (lo == 0) nr_buf_word(out, "hundred");                   /* 300 */
    else if (lo < 10) { nr_buf_word(out, "oh"); nr_buf_word(out, ONES[lo]); }   /* 401 */
    else say_below_100(out, lo);                                /* 737 */
}

void nr_say_product(nr_buf *out, const char *digits, size_t n)
{
    if (n <= 3) { nr_say_model(out, digits, n); return; }
    if (!all_digits(digits, n) || digits[0] == '0' || n > 5) { nr_say_digits(out, digits, n); return; }
    if (n == 4) { nr_say_year(out, digits, 4); return; }
    say_below_100(out, value(digits, 2));       /* 14900: fourteen, nine hundred */
    nr_say_model(out, digits + 2, 3);
}

/* ---- digits as written ---- */

size_t nr_digits_at(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && nr_is_digit(s[k])) k++;
    return k;
}

long nr_digits_value(const char *s, size_t n)
{
    long v = 0;
    for (size_t k = 0; k < n && k < 9; k++) v = v * 10 + (s[k] - '0');
    return v;
}

size_t nr_range_dash(const char *s, size_t n)
{
    if (n >= 1 && s[0] == '-') return 1;
    if (n >= 3 && memcmp(s, "\xe2\x80\x93", 3) == 0) return 3;    /* U+2013 en dash */
    return 0;
}


int nr_ordinal_suffix_agrees(const char *d, size_t n, const char *s)
{
    char last = d[n - 1];
    int teen = n >= 2 && d[n - 2] == '1';                 /* 11th, 12th, 13th */
    const char *want = teen ? "th" : last == '1' ? "st" : last == '2' ? "nd" : last == '3' ? "rd" : "th";
    return nr_to_lower(s[0]) == want[0] && nr_to_lower(s[1]) == want[1];
}

/* ---- numbers as written ---- */

int nr_parse_num(const char *w, size_t n, int signed_ok, nr_num *x)
{
    memset(x, 0, sizeof *x);
    size_t p = 0;
    if (signed_ok && n > 1 && (w[0] == '-' || w[0] == '+')) {
        x->sign = w[0] == '-' ? "minus" : "plus";
        p = 1;
    } else if (signed_ok && n > 3 && memcmp(w, "\xe2\x88\x92", 3) == 0) {   /* U+2212 minus */
        x->sign = "minus";
        p = 3;
    }
    size_t d = nr_digits_at(w + p, n - p), q = p + d;
    if (d >= 1 && d <= 3) {
        while (q + 4 <= n && w[q] == ',' && nr_digits_at(w + q + 1, n - q - 1) == 3) {
            q += 4;
            x->commas = 1;
        }
    }
    x->ip = w + p;
    x->ipn = q - p;
    if (q + 1 < n && w[q] == '.' && nr_is_digit(w[q + 1])) {
        x->fp = w + q + 1;
        x->fpn = nr_digits_at(x->fp, n - q - 1);
        q += 1 + x->fpn;
    }
    x->len = q;
    if (!x->ipn && !x->fp) { x->sign = NULL; x->len = 0; return 0; }
    return 1;
}

int nr_num_is_plain(const nr_num *x)
{
    return x->ipn && !x->sign && !x->commas && !x->fp;
}

size_t nr_parse_ratio(const char *w, size_t n, nr_num x[3], int *clock)
{
    size_t k = 0, p = 0;
    *clock = 0;
    for (;;) {
        if (k == 3 || !nr_parse_num(w + p, n - p, 0, &x[k]) || !x[k].ipn) return 0;
        p += x[k++].len;
        if (p == n) break;
        if (w[p] != ':' || p + 1 == n) return 0;
        p++;
    }
    if (k < 2 || x[k - 1].fp) return 0;                 /* "3:49.11": a race time */
    int ok = nr_num_is_plain(&x[0]) && x[0].ipn <= 2 && nr_digits_value(x[0].ip, x[0].ipn) <= 24;
    for (size_t j = 1; ok && j < k; j++)
        ok = nr_num_is_plain(&x[j]) && x[j].ipn == 2 && nr_digits_value(x[j].ip, 2) <= 59;
    *clock = ok;
    return k;
}

const char *nr_num_int_digits(const nr_num *x, nr_buf *tmp, size_t *n)
{
    if (!x->commas) { *n = x->ipn; return x->ip; }
    for (size_t k = 0; k < x->ipn; k++)
        if (nr_is_digit(x->ip[k])) nr_buf_putc(tmp, x->ip[k]);
    *n = tmp->len;
    return nr_buf_str(tmp);
}

void nr_say_num_int(nr_buf *out, const nr_num *x, void (*say)(nr_buf *, const char *, size_t))
{
    nr_buf tmp = { 0 };
    size_t n;
    const char *d = nr_num_int_digits(x, &tmp, &n);
    if (tmp.oom) out->oom = 1;
    else say(out, d, n);
    nr_buf_free(&tmp);
}

/* "1234567890": ten digits or more without separators and not a round number. */
static int long_code(const nr_num *x)
{
    if (x->commas || x->ipn < 10) return 0;
    size_t zeros = 0;
    while (zeros < x->ipn && x->ip[x->ipn - 1 - zeros] == '0') zeros++;
    return x->ipn - zeros > 3;
}

/* Sign, integer part, decimals; `codes`: an integer that reads as a code is said digit by digit. */
static void say_num(nr_buf *out, const nr_num *x, int codes)
{
    if (x->sign) nr_buf_word(out, x->sign);
    if (x->ipn) {
        if (codes && ((x->ipn > 1 && x->ip[0] == '0' && !x->commas) || long_code(x)))
            nr_say_digits(out, x->ip, x->ipn);
        else nr_say_num_int(out, x, nr_say_cardinal);
    }
    if (x->fp) {
        nr_buf_word(out, "point");
        nr_say_digits(out, x->fp, x->fpn);
    }
}

void nr_say_num(nr_buf *out, const nr_num *x) { say_num(out, x, 1); }

void nr_say_quantity(nr_buf *out, const nr_num *x) { say_num(out, x, 0); }

/* ---- roman numerals ---- */

/* One decimal place written with the letters for 1, 5 and 10 of that place ("XLC" for
 * tens): its value 0..9, advancing *k. Forms: I II III IV V VI VII VIII IX. */
static int roman_place(const char *s, size_t n, size_t *k, char one, char five, char ten)
{
    size_t p = *k;
    int v = 0;
    if (p < n && s[p] == one && p + 1 < n && (s[p + 1] == five || s[p + 1] == ten)) {
        *k = p + 2;
        return s[p + 1] == five ? 4 : 9;
    }
    if (p < n && s[p] == five) { v = 5; p++; }
    for (int r = 0; r < 3 && p < n && s[p] == one; r++) { v++; p++; }
    *k = p;
    return v;
}

int nr_roman_value(const char *s, size_t n)
{
    if (!n || n > 15) return 0;
    size_t k = 0;
    int v = 0;
    for (int r = 0; r < 3 && k < n && s[k] == 'M'; r++) { v += 1000; k++; }
    v += 100 * roman_place(s, n, &k, 'C', 'D', 'M');
    v += 10 * roman_place(s, n, &k, 'X', 'L', 'C');
    v += roman_place(s, n, &k, 'I', 'V', 'X');
    return k == n ? v : 0;
}
