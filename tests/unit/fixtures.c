/* fixtures.c — shared test fixtures (see fixtures.h). */
#include "fixtures.h"
#include "harness.h"
#include "voice.h"

nr_lexicon *test_news_lexicon(void)
{
    static nr_lexicon *lex;
    if (lex) return lex;
    nr_voice v;
    char err[512] = "";
    lex = nr_lex_new();
    if (!CHECK(nr_voice_load(&v, "news", ".", err, sizeof err) == 0, "news voice: %s", err)) return lex;
    for (size_t i = 0; i < v.n_lexicons; i++)
        CHECK(nr_lex_load(lex, v.lexicons[i], err, sizeof err) == 0, "lexicon: %s", err);
    nr_voice_free(&v);
    return lex;
}
