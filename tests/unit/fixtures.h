/* fixtures.h — what several test files share: the default voice's lexicons, a narrator
 * made from the tree's voices, a listener that fingerprints the sound, temporary folders. */
#ifndef NR_FIXTURES_H
#define NR_FIXTURES_H
#include "front/lexicon.h"
#include "narrator.h"

/* The lexicons of the news voice, loaded once as narrator loads them (a failed load is a
 * failed check); never freed. */
nr_lexicon *test_news_lexicon(void);

/* A narrator with the news voice from ./voices (a failed narrator_new is a failed check). */
narrator *test_narrator(int lines, int jobs, int ssml);

/* What a narration sounded like: length, loudness and a fingerprint of the samples. */
typedef struct {
    size_t samples;
    int peak;
    unsigned long long hash;
} test_sound;
#define TEST_SOUND_INIT { 0, 0, 1469598103934665603ull }
/* An audio callback filling the test_sound at user. */
int test_listen(const int16_t *pcm, size_t n, int rate, const narrator_chunk *c, int start, void *user);

/* A fresh directory under /tmp (NULL and a failed check when it can't be made); test_rm_tree
 * removes it and what is in it (flat); test_dir_count counts its entries and puts the name
 * of one of them in only (if given). */
char *test_make_dir(void);
void test_rm_tree(char *dir);
int test_dir_count(const char *dir, char *only, size_t onlylen);

/* Turns each "\\0" a table cell holds into a NUL byte (table cells are C strings, so the
 * reader cannot carry one), in place; returns the new length. */
size_t test_decode_nul(char *s);

#endif
