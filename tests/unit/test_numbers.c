/*
 * test_numbers.c — the number-word helpers of numbers.c, from tests/cases/numbers.tsv
 * (function<TAB>digits<TAB>expected words), plus inputs too long for any table.
 */
#include "harness.h"
#include "front/numbers.h"
#include <stdlib.h>
#include <string.h>

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
    else CHECK(0, "%s: unknown function %s", where, f);
    CHECK_STR(nr_buf_str(&out), cols[2], "%s: %s %s", where, f, d);
    nr_buf_free(&out);
}

NR_TEST(numbers_table)
{
    int rows = nr_table_each("tests/cases/numbers.tsv", row, NULL);
    CHECK(rows >= 40, "numbers.tsv has %d rows", rows);
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
