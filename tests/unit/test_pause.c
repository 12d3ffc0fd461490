/* test_pause.c — a chunk's pause is bounded where it becomes samples: eSpeak NG here
 * (nr_synth_say) and in the workers (the pause travels as a count), whatever pause_ms a
 * caller passes. A negative pause once became a huge size_t: silence until the disk was full. */
#include "harness.h"
#include "synth/pool.h"
#include <limits.h>
#include <stdint.h>
#include <string.h>

/* Samples counted; more than two hours of them stops the speaker (a regression must not run
 * for ever): the test then sees the stop. */
typedef struct {
    size_t samples, limit;
} counter;

static int count(counter *c, size_t n)
{
    c->samples += n;
    return c->samples > c->limit;
}

static int count_pcm(const int16_t *pcm, size_t n, void *user) { (void)pcm; return count(user, n); }
static int pool_pcm(const int16_t *pcm, size_t n, void *tag, void *user) { (void)pcm; (void)tag; return count(user, n); }
static int pool_mark(const char *name, void *tag, void *user) { (void)name; (void)tag; (void)user; return 0; }
static int pool_done(void *tag, void *user) { (void)tag; (void)user; return 0; }

NR_TEST(pause_bounded_in_synth_and_workers)
{
    char err[256];
    nr_synth *s = NULL;
    if (!CHECK(nr_synth_new(&s, "en-us", 175, 50, NULL, err, sizeof err) == 0, "synth: %s", err)) return;
    size_t rate = (size_t)nr_synth_sample_rate(s), most = rate * (NR_SYNTH_PAUSE_MAX_MS / 1000);
    counter plain = { 0, 2 * most };
    CHECK(nr_synth_say(s, "Hi.", 3, 0, 0, count_pcm, NULL, &plain) == 0, "say");
    static const int cases[] = { -1, INT_MIN, 500, NR_SYNTH_PAUSE_MAX_MS, NR_SYNTH_PAUSE_MAX_MS + 1, INT_MAX };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int ms = cases[k];
        size_t want = ms <= 0 ? 0 : ms >= NR_SYNTH_PAUSE_MAX_MS ? most : rate * (size_t)ms / 1000;
        counter c = { 0, 2 * most };
        int rc = nr_synth_say(s, "Hi.", 3, 0, ms, count_pcm, NULL, &c);
        /* eSpeak NG's own sound differs by a few samples from one call to the next */
        CHECK(rc == 0 && c.samples + 1000 > plain.samples + want && c.samples < plain.samples + want + 1000,
              "say with a pause of %d ms: rc %d, %zu samples, want about %zu",
              ms, rc, c.samples, plain.samples + want);
    }
    /* the workers: the pause travels as a number of samples */
    nr_synthpool *p = NULL;
    if (CHECK(nr_synthpool_new(&p, 1, s, NULL, err, sizeof err) == 0, "pool: %s", err)) {
        nr_synth_settings want;
        nr_synth_initial(&want, "en-us", 175, 50);
        static const int pauses[] = { -1, INT_MIN, INT_MAX };
        for (size_t k = 0; k < sizeof pauses / sizeof pauses[0]; k++) {
            counter c = { 0, 2 * most };
            nr_synthpool_sink sink = { pool_pcm, pool_mark, NULL, pool_done, &c };
            int rc = nr_synthpool_make_room(p, &sink);
            if (!rc) rc = nr_synthpool_submit(p, &want, "Hi.", 3, 0, pauses[k], NR_SPEAK_PCM, (void *)(uintptr_t)1);
            if (!rc) rc = nr_synthpool_deliver(p, 1, &sink);
            size_t pause = pauses[k] < 0 ? 0 : most;
            CHECK(rc == 0 && c.samples >= pause && c.samples <= pause + 2 * plain.samples,
                  "a worker with a pause of %d ms: rc %d, %zu samples (speech %zu)", pauses[k], rc, c.samples, plain.samples);
        }
        nr_synthpool_free(p);
    }
    nr_synth_free(s);
}
