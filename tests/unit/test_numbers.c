/*
 * test_numbers.c — the number-word helpers of numbers.c, from tests/cases/numbers.tsv
 * (function<TAB>input<TAB>expected words: cardinal, ordinal, year, digits, model, the
 * roman numeral parser and the shared number parser), plus inputs too long for any table.
 */
#include "harness.h"
#include "front/numbers.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "roman": the value of a numeral as digits, "0" for no numeral. */
static void say_roman(nr_buf *out, const char *s, size_t n)
{
    char v[16];
    snprintf(v, sizeof v, "%d", nr_roman_value(s, n));
    nr_buf_word(out, v);
}

/* "num": the shared parser (signs allowed) and nr_say_num; what it left is shown in []. */
static void say_parsed(nr_buf *out, const char *s, size_t n)
{
    nr_num x;
    if (!nr_parse_num(s, n, 1, &x)) { nr_buf_word(out, "[none]"); return; }
    nr_say_num(out, &x);
    if (x.len < n) {
        nr_buf_word(out, "[");
        nr_buf_put(out, s + x.len, n - x.len);
        nr_buf_putc(out, ']');
    }
}

static void row(char **cols, int n, const char *where, void *user)
{
    (void)user;
    if (!CHECK(n == 3, "%s: want 3 columns, got %d", where, n)) return;
    nr_buf out = { 0 };
    const char *f = cols[0], *d = cols[1];
    size_t len = strlen(d);
    if (strcmp(f, "cardinal") == 0) nr_say_cardinal(&out, d, len);
    else if (strcmp(f, "ordinal") == 0) nr_say_ordinal(&out, d, len);
    else if (strcmp(f, "year") == 0) nr_say_year(&out, d, len);
    else if (strcmp(f, "digits") == 0) nr_say_digits(&out, d, len);
    else if (strcmp(f, "model") == 0) nr_say_model(&out, d, len);
    else if (strcmp(f, "roman") == 0) say_roman(&out, d, len);
    else if (strcmp(f, "num") == 0) say_parsed(&out, d, len);
    else CHECK(0, "%s: unknown function %s", where, f);
    CHECK_STR(nr_buf_str(&out), cols[2], "%s: %s %s", where, f, d);
    nr_buf_free(&out);
}

NR_TEST(numbers_table)
{
    int rows = nr_table_each("tests/cases/numbers.tsv", row, NULL);
    CHECK(rows >= 40, "numbers.tsv has %d rows", rows);
}

/* Roman numerals and the number parser on inputs too long for a table: no work past the
 * first letters, no crash. */
NR_TEST(numbers_huge_parse)
{
    size_t n = 1 << 20;
    char *d = malloc(n);
    if (!CHECK(d != NULL, "malloc")) return;
    memset(d, 'I', n);
    CHECK(nr_roman_value(d, n) == 0, "1 MB of I is no numeral");
    memset(d, '9', n);
    nr_num x;
    CHECK(nr_parse_num(d, n, 1, &x) && x.len == n && x.ipn == n, "1 MB of digits parses");
    for (size_t k = 1; k + 3 < n; k += 4) d[k] = ',';        /* 9,999,999,... */
    CHECK(nr_parse_num(d, n, 1, &x) && x.commas && x.len + 8 > n, "a 1 MB separated number parses");
    d[1] = '.';                                                 /* 9.999,999,... */
    CHECK(nr_parse_num(d, n, 1, &x) && x.fpn == 3 && x.len == 5, "decimals stop at the separator");
    free(d);
}

/* Words go after what the buffer holds, with one space. */
NR_TEST(numbers_append)
{
    nr_buf out = { 0 };
    nr_buf_word(&out, "page");
    nr_say_ordinal(&out, "21", 2);
    nr_say_year(&out, "1905", 4);
    CHECK_STR(nr_buf_str(&out), "page twenty first nineteen oh five", "appending");
    nr_buf_free(&out);
}

/* A megabyte of digits: read digit by digit, in linear time, without crashing. */
NR_TEST(numbers_huge)
{
    size_t n = 1 << 20;
    char *d = malloc(n);
    if (!CHECK(d != NULL, "malloc")) return;
    memset(d, '7', n);
    nr_buf out = { 0 };
    nr_say_cardinal(&out, d, n);
    CHECK(out.len == n * 6 - 1, "1 MB cardinal: %zu bytes", out.len);   /* "seven " each */
    nr_buf_clear(&out);
    nr_say_ordinal(&out, d, n);
    CHECK(out.len > 7 && strcmp(out.s + out.len - 7, "seventh") == 0, "1 MB ordinal ends in seventh");
    nr_buf_clear(&out);
    memset(d, '0', n);
    d[n - 1] = '5';
    nr_say_cardinal(&out, d, n);
    CHECK_STR(nr_buf_str(&out), "five", "leading zeros of a 1 MB number");
    nr_buf_free(&out);
    free(d);
}
