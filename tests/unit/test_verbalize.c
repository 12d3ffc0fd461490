/*
 * test_verbalize.c — whole lines through nr_verbalize, from the tables in
 * tests/cases/verbalize/ (input<TAB>expected words). Each line is tokenized and every
 * token verbalized in turn, so the tables check context rules ("in 2019", "$5 billion")
 * and that neighbours are consumed exactly when they should be. Trailing punctuation is
 * not part of the output. A small lexicon stands in for the YAML one.
 */
#include "harness.h"
#include "front/verbalize.h"
#include "fixtures.h"
#include "voice.h"
#include <stdlib.h>
#include <string.h>

/* Verbalizes every token of text into out. */
static void verbalize_line(const nr_lexicon *lex, const char *text, nr_buf *out)
{
    nr_tokens t = { 0 };
    nr_tokenize(&t, text, strlen(text));
    nr_ctx c = { &t, lex };
    for (size_t i = 0; i < t.n;) {
        size_t used = nr_verbalize(&c, i, out);
        if (used < 1 || i + used > t.n) {
            CHECK(0, "%.60s: token %zu consumed %zu", text, i, used);
            break;
        }
        i += used;
    }
    nr_buf_trim(out);
    nr_tokens_free(&t);
}

static void row(char **cols, int n, const char *where, void *lex)
{
    if (!CHECK(n == 2, "%s: want 2 columns, got %d", where, n)) return;
    nr_buf out = { 0 };
    verbalize_line(lex, cols[0], &out);
    CHECK_STR(nr_buf_str(&out), cols[1], "%s: %s", where, cols[0]);
    nr_buf_free(&out);
}

/* Every table in tests/cases/verbalize/ (one per class, input<TAB>expected words). */
NR_TEST(verbalize_tables)
{
    int rows = nr_table_dir("tests/cases/verbalize", row, test_news_lexicon());
    CHECK(rows >= 100, "tests/cases/verbalize has %d rows", rows);
}

/* Without a lexicon no class claims these words, so each is read as written. */
NR_TEST(verbalize_declines)
{
    static const char *const words[] = { "hello", "5kg", "1,20", "$x", "Apple", "iPhone", "x-ray", "--" };
    size_t n_classes;
    const nr_class *const *classes = nr_classes(&n_classes);
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        nr_tokens t = { 0 };
        nr_tokenize(&t, words[k], strlen(words[k]));
        nr_ctx c = { &t, NULL };
        for (size_t v = 0; v < n_classes; v++) {
            nr_claim m;
            size_t used = classes[v]->match(&c, 0, &m);
            CHECK(used == 0, "class %s took %s", classes[v]->name, words[k]);
        }
        nr_tokens_free(&t);
    }
}

/* A voice that says clock times its own way (tests/fixtures/clock-words.yaml after the
 * news lexicons): the words of every clock reading come from it, wherever the clock
 * stands — the time class's own ("3:00"), inside a number word ("3:05-year-old", "mid-3
 * pm") and in a range ("mid-9am-5pm"). */
NR_TEST(verbalize_clock_words_from_the_lexicon)
{
    static const char *const rows[][2] = {
        { "3:00", "three sharp" },
        { "10:05", "ten owe five" },
        { "15:00", "fifteen hundred hours" },
        { "3:30 pm", "three thirty in the evening" },
        { "a 3:05-year-old", "a three owe five year old" },
        { "a 3:00-year-old", "a three sharp year old" },
        { "mid-3 pm", "mid three in the evening" },
        { "mid-9am-5pm", "mid nine in the morning to five in the evening" },
        { "9-11:05", "nine to eleven owe five" },
    };
    nr_lexicon *lex = nr_lex_new();
    nr_voice v;
    char err[512] = "";
    if (!CHECK(nr_voice_load(&v, "news", ".", err, sizeof err) == 0, "news voice: %s", err)) return;
    for (size_t i = 0; i < v.n_lexicons; i++)
        CHECK(nr_lex_load(lex, v.lexicons[i], err, sizeof err) == 0, "lexicon: %s", err);
    nr_voice_free(&v);
    CHECK(nr_lex_load(lex, "tests/fixtures/clock-words.yaml", err, sizeof err) == 0, "clock words: %s", err);
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        nr_buf out = { 0 };
        verbalize_line(lex, rows[k][0], &out);
        CHECK_STR(nr_buf_str(&out), rows[k][1], "with clock-words.yaml: %s", rows[k][0]);
        nr_buf_clear(&out);
        verbalize_line(test_news_lexicon(), rows[k][0], &out);
        CHECK(strcmp(nr_buf_str(&out), rows[k][1]) != 0, "the news voice says %s as the test lexicon does", rows[k][0]);
        nr_buf_free(&out);
    }
    nr_lex_free(lex);
}

/* A megabyte of each unit repeated, verbalized: no crash, output of linear size. */
static void huge_inputs(const char *const *units, size_t n_units, const nr_lexicon *lex)
{
    size_t n = 1 << 20;
    char *text = malloc(n + 1);
    if (!CHECK(text != NULL, "malloc")) return;
    for (size_t k = 0; k < n_units; k++) {
        size_t ul = strlen(units[k]);
        for (size_t j = 0; j < n; j++) text[j] = units[k][j % ul];
        text[n] = '\0';
        nr_buf out = { 0 };
        verbalize_line(lex, text, &out);
        CHECK(out.len > 0 && out.len < 16 * n, "a megabyte of '%s': %zu bytes out", units[k], out.len);
        nr_buf_free(&out);
    }
    free(text);
}

/* A megabyte-long token of each kind, without a lexicon. */
NR_TEST(verbalize_huge_tokens)
{
    static const char *const units[] = { "7", "A", "1,000", "$9", "Q3-", "U." };
    huge_inputs(units, sizeof units / sizeof units[0], NULL);
}

/* Megabyte inputs of many tokens through the number classes with the real lexicon
 * (telephone groups, roman numerals, money, models). */
NR_TEST(verbalize_huge_number_lines)
{
    static const char *const units[] = { "01 ", "+1 2 ", "1-800-", "(555)", "Henry VIII ", "XIV",
                                         "A1-", "$5-", "World War I ", "call 911 ", "1.", "Rs. " };
    huge_inputs(units, sizeof units / sizeof units[0], test_news_lexicon());
}
