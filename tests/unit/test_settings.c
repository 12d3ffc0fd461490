/* test_settings.c — the screen-reader API: reset after stop, live voice settings (each one
 * changes the sound, or is refused out of range), spelling and punctuation modes. */
#include "harness.h"
#include "fixtures.h"
#include "narrator.h"
#include "util/buf.h"
#include <stdlib.h>
#include <string.h>

static narrator *make_jobs(int jobs) { return test_narrator(0, jobs, NARRATOR_SSML_AUTO); }

typedef narrator_status (*setup_fn)(narrator *n);

/* Speaks text after setup(n), which must succeed. */
static test_sound speak(const char *text, setup_fn setup)
{
    test_sound s = TEST_SOUND_INIT;
    narrator *n = make_jobs(1);
    narrator_on_audio(n, test_listen, &s);
    if (setup) CHECK(setup(n) == NARRATOR_OK, "setting taken: %s", narrator_errmsg(n));
    CHECK(narrator_feed(n, text, strlen(text)) == NARRATOR_OK, "feed: %s", narrator_errmsg(n));
    CHECK(narrator_finish(n) == NARRATOR_OK, "finish: %s", narrator_errmsg(n));
    narrator_free(n);
    return s;
}

static narrator_status fast(narrator *n) { return narrator_set_rate(n, 350); }
static narrator_status slow(narrator *n) { return narrator_set_rate(n, 100); }
static narrator_status high(narrator *n) { return narrator_set_pitch(n, 90); }
static narrator_status quiet(narrator *n) { return narrator_set_volume(n, 30); }
static narrator_status loud(narrator *n) { return narrator_set_volume(n, 180); }
static narrator_status silent(narrator *n) { return narrator_set_volume(n, 0); }
static narrator_status british(narrator *n) { return narrator_set_espeak_voice(n, "en-gb"); }
static narrator_status cap_pitch(narrator *n) { return narrator_set_capitals(n, 1); }
static narrator_status cap_word(narrator *n) { return narrator_set_capitals(n, 2); }
static narrator_status punct_all(narrator *n) { return narrator_set_punctuation(n, NARRATOR_PUNCT_ALL, NULL); }
static narrator_status punct_some(narrator *n) { return narrator_set_punctuation(n, NARRATOR_PUNCT_SOME, "?"); }
static narrator_status spell(narrator *n) { return narrator_set_spelling(n, 1); }

NR_TEST(settings_change_the_sound)
{
    const char *text = "Hello World, this is Kate speaking today.";
    test_sound plain = speak(text, NULL);
    CHECK(plain.samples > 22050, "plain speech, %zu samples", plain.samples);
    test_sound f = speak(text, fast), sl = speak(text, slow);
    CHECK(f.samples * 3 < sl.samples * 2, "rate 350 is much shorter than 100 (%zu vs %zu)", f.samples, sl.samples);
    test_sound h = speak(text, high);
    CHECK(h.hash != plain.hash, "pitch 90 sounds different");
    test_sound q = speak(text, quiet), l = speak(text, loud), z = speak(text, silent);
    CHECK(q.peak * 2 < l.peak, "volume 30 is quieter than 180 (peaks %d, %d)", q.peak, l.peak);
    CHECK(z.peak < 100, "volume 0 is silence (peak %d)", z.peak);
    test_sound gb = speak(text, british);
    CHECK(gb.hash != plain.hash && gb.samples > 22050, "en-gb sounds different");
    test_sound c1 = speak(text, cap_pitch), c2 = speak(text, cap_word);
    CHECK(c1.hash != plain.hash, "capitals by pitch sound different");
    CHECK(c2.samples > plain.samples + 22050 / 2, "capitals by word say 'capital' (%zu vs %zu)", c2.samples, plain.samples);
    const char *punct = "Is it ready? Yes, it is; go!";
    test_sound p0 = speak(punct, NULL), pa = speak(punct, punct_all), ps = speak(punct, punct_some);
    CHECK(pa.samples > p0.samples + 22050, "all punctuation named (%zu vs %zu)", pa.samples, p0.samples);
    CHECK(ps.samples > p0.samples && ps.samples < pa.samples, "some punctuation: between (%zu < %zu < %zu)",
          p0.samples, ps.samples, pa.samples);
    test_sound sp = speak("cat dog", spell), words = speak("cat dog", NULL);
    CHECK(sp.samples * 5 > words.samples * 6, "spelling is longer (%zu vs %zu)", sp.samples, words.samples);
}

static int record_say(const narrator_chunk *c, void *user)
{
    nr_buf_put(user, c->say, c->say_len);
    nr_buf_putc(user, ';');
    return 0;
}

NR_TEST(settings_spelling_say)
{
    narrator *n = make_jobs(1);
    nr_buf got = { 0 };
    narrator_on_chunk(n, record_say, &got);
    CHECK(narrator_set_spelling(n, 1) == NARRATOR_OK, "spelling on");
    narrator_feed(n, "Cat 42.\n\n", 9);
    CHECK(narrator_set_spelling(n, 0) == NARRATOR_OK, "spelling off");
    narrator_feed(n, "Cat 42.", 7);
    narrator_finish(n);
    CHECK_STR(nr_buf_str(&got), "C Eh T four two .;Cat forty two.;", "spelled, then read");
    nr_buf_free(&got);
    narrator_free(n);
}

NR_TEST(settings_out_of_range)
{
    narrator *n = make_jobs(1);
    struct { narrator_status st; const char *says; } bad[] = {
        { narrator_set_rate(n, 79), "rate 79" }, { narrator_set_rate(n, 451), "rate 451" },
        { narrator_set_pitch(n, -1), "pitch -1" }, { narrator_set_pitch(n, 100), "pitch 100" },
        { narrator_set_volume(n, -5), "volume -5" }, { narrator_set_volume(n, 201), "volume 201" },
        { narrator_set_capitals(n, 3), "capitals mode 3" }, { narrator_set_spelling(n, 2), "spelling mode 2" },
        { narrator_set_punctuation(n, (narrator_punctuation)7, NULL), "punctuation mode 7" },
        { narrator_set_punctuation(n, NARRATOR_PUNCT_SOME, ""), "needs the characters" },
        { narrator_set_espeak_voice(n, ""), "no eSpeak NG voice" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(bad[i].st == NARRATOR_ERR_ARG, "case %zu refused with NARRATOR_ERR_ARG (got %d)", i, bad[i].st);
    }
    /* each message names the value: check the last one of each kind by setting it again */
    narrator_set_volume(n, 201);
    CHECK(strstr(narrator_errmsg(n), "volume 201 is out of range (0 to 200)") != NULL, "message: %s", narrator_errmsg(n));
    CHECK(narrator_set_rate(n, 80) == NARRATOR_OK && narrator_set_rate(n, 450) == NARRATOR_OK, "rate limits taken");
    narrator_on_audio(n, test_listen, &(test_sound){ 0, 0, 0 });
    CHECK(narrator_set_espeak_voice(n, "no-such-voice-xx") == NARRATOR_ERR_VOICE, "unknown eSpeak NG voice refused");
    CHECK(strstr(narrator_errmsg(n), "no-such-voice-xx") != NULL, "and named: %s", narrator_errmsg(n));
    narrator_free(n);
}

/* Stops the narration at the first chunk, like a screen reader's "stop" key. */
static int stop_at_first(const narrator_chunk *c, void *user)
{
    (void)c;
    narrator_stop(user);
    return 0;
}

static void reset_speaks_again(int jobs)
{
    narrator *n = make_jobs(jobs);
    test_sound s = { 0, 0, 0 };
    narrator_on_audio(n, test_listen, &s);
    narrator_on_chunk(n, stop_at_first, n);
    nr_buf text = { 0 };
    for (int k = 0; k < 200; k++) nr_buf_puts(&text, "A long paragraph that goes on, and on.\n\nAnother one.\n\n");
    nr_buf_puts(&text, "An unfinished paragraph");
    narrator_status st = narrator_feed(n, text.s, text.len);
    if (st == NARRATOR_OK) st = narrator_flush(n);     /* the workers may not have delivered yet */
    CHECK(st == NARRATOR_ERR_STOPPED, "%d jobs: stopped (got %d)", jobs, st);
    CHECK(narrator_feed(n, "x", 1) == NARRATOR_ERR_STOPPED, "%d jobs: still stopped before the reset", jobs);
    CHECK(narrator_reset(n) == NARRATOR_OK, "reset");
    size_t before = s.samples;
    nr_buf got = { 0 };
    narrator_on_chunk(n, record_say, &got);
    CHECK(narrator_feed(n, "Speak again.", 12) == NARRATOR_OK, "%d jobs: feed after reset: %s", jobs, narrator_errmsg(n));
    CHECK(narrator_finish(n) == NARRATOR_OK, "%d jobs: finish after reset: %s", jobs, narrator_errmsg(n));
    CHECK_STR(nr_buf_str(&got), "Speak again.;", "%d jobs: only the new text, nothing queued before the reset", jobs);
    CHECK(s.samples > before + 22050 / 2, "%d jobs: sound after the reset", jobs);
    nr_buf_free(&got);
    nr_buf_free(&text);
    narrator_free(n);
}

NR_TEST(settings_reset_after_stop)
{
    reset_speaks_again(1);
    reset_speaks_again(3);
}
