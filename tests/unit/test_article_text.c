/* test_article_text.c — reading an article given as plain text: its dateline
 * (tests/cases/dateline.tsv, front/dateline.c) and its headline said once without the
 * breadcrumb before it (tests/cases/texthead.tsv, input/texthead.c). */
#include "harness.h"
#include "fixtures.h"
#include "front/dateline.h"
#include "input/texthead.h"
#include <string.h>

static void dateline_row(char **cols, int n, const char *where, void *user)
{
    (void)user;
    if (!CHECK(n == 2, "%s: two columns", where)) return;
    size_t len = test_decode_nul(cols[0]);
    nr_buf out = { 0 };
    int found = nr_dateline(&out, cols[0], len);
    if (!strcmp(cols[1], "-")) CHECK(!found && out.len == 0, "%s: no dateline in '%s' (got '%s')", where, cols[0], nr_buf_str(&out));
    else CHECK(found && !strcmp(nr_buf_str(&out), cols[1]), "%s: '%s' -> '%s' (got '%s')", where, cols[0], cols[1], nr_buf_str(&out));
    nr_buf_free(&out);
}

NR_TEST(dateline_table) { CHECK(nr_table_each("tests/cases/dateline.tsv", dateline_row, NULL) >= 15, "dateline.tsv has its rows"); }

static int collect(const char *text, size_t len, void *user)
{
    nr_buf *got = user;
    if (got->len) nr_buf_puts(got, " | ");
    nr_buf_put(got, text, len);
    return 0;
}

static void texthead_row(char **cols, int n, const char *where, void *user)
{
    (void)user;
    if (!CHECK(n == 2, "%s: two columns", where)) return;
    size_t len = test_decode_nul(cols[0]);
    nr_texthead h = { 0 };
    nr_buf got = { 0 };
    for (size_t at = 0; at <= len;) {
        const char *sep = strstr(cols[0] + at, " | ");
        size_t end = sep ? (size_t)(sep - cols[0]) : len;
        CHECK(nr_texthead_paragraph(&h, cols[0] + at, end - at, collect, &got) == 0, "%s: paragraph", where);
        at = end + 3;
    }
    CHECK(nr_texthead_end(&h, collect, &got) == 0, "%s: end", where);
    CHECK_STR(nr_buf_str(&got), cols[1], "%s", where);
    nr_texthead_free(&h);
    nr_buf_free(&got);
}

NR_TEST(texthead_table) { CHECK(nr_table_each("tests/cases/texthead.tsv", texthead_row, NULL) >= 10, "texthead.tsv has its rows"); }

/* After the end of a document the next one is judged afresh, and a stop from the reader
 * comes back at once. */
NR_TEST(texthead_documents_and_stops)
{
    nr_texthead h = { 0 };
    nr_buf got = { 0 };
    nr_texthead_paragraph(&h, "Same Line", 9, collect, &got);
    nr_texthead_end(&h, collect, &got);
    nr_texthead_paragraph(&h, "Same Line", 9, collect, &got);
    nr_texthead_end(&h, collect, &got);
    CHECK_STR(nr_buf_str(&got), "Same Line | Same Line", "two documents each read their line");
    nr_texthead_free(&h);
    nr_buf_free(&got);
}
