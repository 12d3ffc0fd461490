/* fixtures.c — shared test fixtures (see fixtures.h). */
#include "fixtures.h"
#include "harness.h"
#include "voice.h"
#include <stdlib.h>

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

narrator *test_narrator(int lines, int jobs, int ssml)
{
    narrator_options opt = NARRATOR_OPTIONS_INIT;
    opt.data_dir = ".";
    opt.lines = lines;
    opt.jobs = jobs;
    opt.ssml = ssml;
    narrator *n = NULL;
    CHECK(narrator_new(&opt, &n) == NARRATOR_OK, "narrator_new: %s", narrator_errmsg(n));
    return n;
}

int test_listen(const int16_t *pcm, size_t n, int rate, const narrator_chunk *c, int start, void *user)
{
    (void)rate; (void)c; (void)start;
    test_sound *s = user;
    for (size_t i = 0; i < n; i++) {
        if (abs(pcm[i]) > s->peak) s->peak = abs(pcm[i]);
        s->hash = s->hash * 1099511628211ull + (unsigned short)pcm[i];
    }
    s->samples += n;
    return 0;
}
