/*
 * test_classify.c — which class reads a token, from tests/cases/classify.tsv (text<TAB>
 * class[<TAB>token]: the class of the priority table in src/front/verbalize.c that must
 * win for the text's first token, or for the token numbered in the third column from 0;
 * "-" when no class claims it and it is read as written). The rows are the places where
 * two classes could read the same token, so a change of priority shows here. And the
 * table itself: no two priorities alike, and its order in the source does not matter.
 */
#include "harness.h"
#include "front/segment.h"
#include "front/verbalize.h"
#include "fixtures.h"
#include <stdlib.h>
#include <string.h>

static void row(char **cols, int n, const char *where, void *lex)
{
    if (!CHECK(n == 2 || n == 3, "%s: want 2 or 3 columns, got %d", where, n)) return;
    nr_tokens t = { 0 };
    nr_tokenize(&t, cols[0], strlen(cols[0]));
    nr_segment(&t, lex);
    size_t i = n == 3 ? (size_t)atoi(cols[2]) : 0;
    if (CHECK(i < t.n, "%s: no token %zu in %s", where, i, cols[0])) {
        nr_ctx c = { &t, lex };
        nr_claim m;
        const nr_class *k = nr_classify(&c, i, &m);
        CHECK_STR(k ? k->name : "-", cols[1], "%s: %s", where, cols[0]);
    }
    nr_tokens_free(&t);
}

NR_TEST(classify_table)
{
    int rows = nr_table_each("tests/cases/classify.tsv", row, test_news_lexicon());
    CHECK(rows >= 40, "tests/cases/classify.tsv has %d rows", rows);
}

/* The priorities decide, so none may be given twice; every name once too. */
NR_TEST(classify_priorities_distinct)
{
    size_t n;
    const nr_class *const *k = nr_classes(&n);
    for (size_t a = 0; a < n; a++) {
        if (a + 1 < n) CHECK(k[a]->priority > k[a + 1]->priority, "%s (%d) is not asked before %s (%d)",
                             k[a]->name, k[a]->priority, k[a + 1]->name, k[a + 1]->priority);
        for (size_t b = a + 1; b < n; b++) CHECK(strcmp(k[a]->name, k[b]->name), "%s twice", k[a]->name);
    }
}

/* A table whose rows are shuffled is asked in the same order: by the numbers. */
NR_TEST(classify_order_is_the_priorities)
{
    size_t n;
    const nr_class *const *sorted = nr_classes(&n);
    nr_class *shuffled = malloc(n * sizeof *shuffled);
    const nr_class **order = malloc(n * sizeof *order);
    if (!CHECK(shuffled && order, "malloc")) goto done;
    for (size_t k = 0; k < n; k++) shuffled[k] = *sorted[n - 1 - k];     /* reversed */
    for (size_t k = 0; k + 2 < n; k += 3) {                                /* and stirred */
        nr_class tmp = shuffled[k];
        shuffled[k] = shuffled[k + 2];
        shuffled[k + 2] = tmp;
    }
    nr_classes_order(shuffled, n, order);
    for (size_t k = 0; k < n; k++)
        CHECK_STR(order[k]->name, sorted[k]->name, "row %zu of the shuffled table", k);
done:
    free(shuffled);
    free(order);
}
