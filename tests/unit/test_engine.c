/* test_engine.c — libnarrator through its public API: streaming input in any pieces,
 * chunk order, audio per chunk with the planned pause as exact silence, stop, the level
 * meter's figures with and without workers. */
#include "harness.h"
#include "fixtures.h"
#include "narrator.h"
#include "util/buf.h"
#include "synth/synth.h"
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *TEXT =
    "Mr. Smith met U.S. officials on Jan. 5 in St. Louis. They agreed, at last.\n\n"
    "A second paragraph follows here.\nIt has two lines!\n\n\n"
    "Third.";

static narrator *make_jobs(int lines, int jobs) { return test_narrator(lines, jobs, NARRATOR_SSML_AUTO); }

static narrator *make(int lines) { return make_jobs(lines, 0); }

/* Chunks as "say|end;" */
static int record(const narrator_chunk *c, void *user)
{
    nr_buf *b = user;
    nr_buf_put(b, c->say, c->say_len);
    nr_buf_putc(b, '|');
    nr_buf_putc(b, (char)('0' + c->end));
    nr_buf_putc(b, ';');
    return 0;
}

static void plan_jobs(const char *text, size_t piece, int lines, int jobs, nr_buf *out)
{
    narrator *n = make_jobs(lines, jobs);
    narrator_on_chunk(n, record, out);
    size_t len = strlen(text);
    for (size_t i = 0; i < len; i += piece)
        CHECK(narrator_feed(n, text + i, len - i < piece ? len - i : piece) == NARRATOR_OK, "feed");
    CHECK(narrator_finish(n) == NARRATOR_OK, "finish: %s", narrator_errmsg(n));
    narrator_free(n);
}

static void plan(const char *text, size_t piece, int lines, nr_buf *out) { plan_jobs(text, piece, lines, 0, out); }

/* Many paragraphs through 1, 2 and 5 front-end threads: the same chunks in the same order. */
NR_TEST(engine_threads_keep_order)
{
    nr_buf text = { 0 };
    for (int k = 0; k < 3000; k++) {
        char para[160];
        snprintf(para, sizeof para, "Paragraph %d cost $%d.%02d on Jan. %d, %d. Mr. Lee said so, twice!\n\n",
                 k, k * 7, k % 100, k % 28 + 1, 1900 + k % 200);
        nr_buf_puts(&text, para);
    }
    nr_buf serial = { 0 };
    plan_jobs(nr_buf_str(&text), 4096, 0, 1, &serial);
    CHECK(strstr(nr_buf_str(&serial), "Paragraph two thousand nine hundred ninety nine") != NULL, "all paragraphs planned");
    int jobs[] = { 2, 5 };
    for (size_t k = 0; k < 2; k++) {
        nr_buf threaded = { 0 };
        plan_jobs(nr_buf_str(&text), 777, 0, jobs[k], &threaded);
        CHECK(threaded.len == serial.len && strcmp(nr_buf_str(&threaded), nr_buf_str(&serial)) == 0,
              "%d threads give the serial plan (%zu vs %zu bytes)", jobs[k], threaded.len, serial.len);
        nr_buf_free(&threaded);
    }
    nr_buf_free(&serial);
    nr_buf_free(&text);
}

NR_TEST(engine_pieces_equal_whole)
{
    nr_buf whole = { 0 };
    plan(TEXT, strlen(TEXT), 0, &whole);
    CHECK(strstr(nr_buf_str(&whole), "They agreed,|0;at last.|2;") != NULL, "paragraph 1 ends: %s", nr_buf_str(&whole));
    CHECK(strstr(nr_buf_str(&whole), "It has two lines!|2;Third.|2;") != NULL, "paragraphs 2, 3: %s", nr_buf_str(&whole));
    size_t pieces[] = { 1, 2, 3, 7, 64 };
    for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) {
        nr_buf got = { 0 };
        plan(TEXT, pieces[k], 0, &got);
        CHECK_STR(nr_buf_str(&got), nr_buf_str(&whole), "fed in pieces of %zu", pieces[k]);
        nr_buf_free(&got);
    }
    nr_buf_free(&whole);
}

NR_TEST(engine_lines_mode)
{
    nr_buf got = { 0 };
    plan("one\n\ntwo three\nfour", 2, 1, &got);
    CHECK_STR(nr_buf_str(&got), "one.|2;two three.|2;four.|2;", "every line is a paragraph");
    nr_buf_free(&got);
}

/* Audio: per chunk, the samples and the trailing silence. */
typedef struct {
    int chunks, order_ok, rate;
    size_t samples, trailing_zeros;
    int pauses[64];
    size_t zeros_at_end[64];
    char first_words[64][16];
} audio_log;

static int on_audio(const int16_t *pcm, size_t n, int rate, const narrator_chunk *c, int start, void *user)
{
    audio_log *a = user;
    a->rate = rate;
    if (start) {
        if (a->chunks > 0 && a->chunks <= 64) a->zeros_at_end[a->chunks - 1] = a->trailing_zeros;
        if (a->chunks < 64) {
            a->pauses[a->chunks] = c->pause_ms;
            size_t w = c->say_len < 15 ? c->say_len : 15;
            memcpy(a->first_words[a->chunks], c->say, w);
            a->first_words[a->chunks][w] = '\0';
        }
        a->chunks++;
        a->trailing_zeros = 0;
    }
    for (size_t i = 0; i < n; i++) a->trailing_zeros = pcm[i] == 0 ? a->trailing_zeros + 1 : 0;
    a->samples += n;
    return 0;
}

NR_TEST(engine_audio_per_chunk)
{
    narrator *n = make(0);
    audio_log *a = calloc(1, sizeof *a);
    narrator_on_audio(n, on_audio, a);
    const char *text = "First part, second part. Third sentence.\n\nLast one.";
    CHECK(narrator_feed(n, text, strlen(text)) == NARRATOR_OK, "feed: %s", narrator_errmsg(n));
    CHECK(narrator_finish(n) == NARRATOR_OK, "finish: %s", narrator_errmsg(n));
    if (a->chunks > 0 && a->chunks <= 64) a->zeros_at_end[a->chunks - 1] = a->trailing_zeros;
    CHECK(a->chunks == 4, "four chunks spoken, got %d", a->chunks);
    CHECK(a->rate == 22050, "eSpeak NG's rate, got %d", a->rate);
    const char *want[] = { "First part,", "second part.", "Third sentence.", "Last one." };
    for (int i = 0; i < 4 && i < a->chunks; i++) {
        CHECK(strncmp(a->first_words[i], want[i], strlen(a->first_words[i])) == 0, "chunk %d in order: %s", i, a->first_words[i]);
        size_t pause = (size_t)a->rate * (size_t)a->pauses[i] / 1000;
        /* the planned pause is appended as exact zeros; speech may end in a few zeros too */
        CHECK(a->zeros_at_end[i] >= pause && a->zeros_at_end[i] < pause + a->rate / 50,
              "chunk %d ends in %zu zero samples, planned %zu", i, a->zeros_at_end[i], pause);
    }
    CHECK(a->samples > (size_t)a->rate * 2, "a few seconds of audio, got %zu samples", a->samples);
    free(a);
    narrator_free(n);
}

/* Chunks spoken by one eSpeak NG here (jobs 1) or by worker processes (jobs 3): the same
 * chunks in the same order, and the same length of sound within 1 %. */
typedef struct {
    nr_buf order;       /* each chunk's say text, as its sound began */
    size_t samples;
} spoken_log;

static int log_spoken(const int16_t *pcm, size_t n, int rate, const narrator_chunk *c, int start, void *user)
{
    (void)pcm; (void)rate;
    spoken_log *s = user;
    if (start) {
        nr_buf_put(&s->order, c->say, c->say_len);
        nr_buf_putc(&s->order, '|');
    }
    s->samples += n;
    return 0;
}

static void speak_with_jobs(int jobs, const char *text, spoken_log *out)
{
    narrator *n = make_jobs(0, jobs);
    narrator_on_audio(n, log_spoken, out);
    CHECK(narrator_feed(n, text, strlen(text)) == NARRATOR_OK, "feed (%d jobs): %s", jobs, narrator_errmsg(n));
    CHECK(narrator_finish(n) == NARRATOR_OK, "finish (%d jobs): %s", jobs, narrator_errmsg(n));
    narrator_stats st;
    narrator_get_stats(n, &st);
    int workers = jobs > 1 ? 2 * jobs : 1;      /* two workers a core (engine.c) */
    CHECK(st.workers == workers, "%d processes speak, stats say %d", workers, st.workers);
    narrator_free(n);
}

NR_TEST(engine_workers_keep_order_and_length)
{
    nr_buf text = { 0 };
    for (int k = 0; k < 40; k++) {
        char para[200];
        snprintf(para, sizeof para, "Paragraph %d starts here, goes on a while; then ends. A short one follows%s",
                 k, k % 3 ? ".\n\n" : "!\n");
        nr_buf_puts(&text, para);
    }
    spoken_log one = { { 0 }, 0 }, three = { { 0 }, 0 };
    speak_with_jobs(1, nr_buf_str(&text), &one);
    speak_with_jobs(3, nr_buf_str(&text), &three);
    CHECK(one.order.len > 1000, "many chunks spoken (%zu bytes of say text)", one.order.len);
    CHECK_STR(nr_buf_str(&three.order), nr_buf_str(&one.order), "the chunks' sound in the order of the text");
    size_t d = one.samples > three.samples ? one.samples - three.samples : three.samples - one.samples;
    CHECK(d * 100 <= one.samples, "the same length within 1 %%: %zu and %zu samples", one.samples, three.samples);
    nr_buf_free(&text);
    nr_buf_free(&one.order);
    nr_buf_free(&three.order);
}

/* One short chunk with jobs 3: spoken here at once, no worker processes made for it. */
NR_TEST(engine_one_chunk_needs_no_workers)
{
    spoken_log one = { { 0 }, 0 };
    narrator *n = make_jobs(0, 3);
    narrator_on_audio(n, log_spoken, &one);
    CHECK(narrator_feed(n, "Just this.\n", 11) == NARRATOR_OK && narrator_finish(n) == NARRATOR_OK, "speak: %s",
          narrator_errmsg(n));
    narrator_stats st;
    narrator_get_stats(n, &st);
    CHECK(one.samples > 0 && st.chunks == 1 && st.workers == 1, "%zu samples, %d chunks, %d processes", one.samples,
          (int)st.chunks, st.workers);
    narrator_free(n);
    nr_buf_free(&one.order);
}

NR_TEST(engine_stop)
{
    narrator *n = make(0);
    nr_buf got = { 0 };
    narrator_on_chunk(n, record, &got);
    narrator_stop(n);
    CHECK(narrator_feed(n, "Hello.\n\n", 8) == NARRATOR_ERR_STOPPED, "feed after stop says stopped");
    CHECK(got.len == 0, "nothing planned after stop");
    nr_buf_free(&got);
    narrator_free(n);
}

NR_TEST(engine_errors)
{
    narrator_options opt = NARRATOR_OPTIONS_INIT;
    opt.data_dir = ".";
    opt.voice = "nosuchvoice";
    narrator *n = NULL;
    CHECK(narrator_new(&opt, &n) == NARRATOR_ERR_VOICE, "unknown voice is a voice error");
    CHECK(strstr(narrator_errmsg(n), "nosuchvoice") != NULL, "message names it: %s", narrator_errmsg(n));
    narrator_free(n);
    n = make(0);
    CHECK(narrator_open_file(n, "/tmp/x.unknown", NULL) == NARRATOR_ERR_FORMAT, "unknown extension");
    CHECK(strstr(narrator_errmsg(n), "wav, mp3") != NULL, "message lists the formats: %s", narrator_errmsg(n));
    CHECK(strcmp(narrator_strerror(NARRATOR_ERR_YAML), "malformed voice or lexicon file") == 0, "strerror");
    narrator_free(n);
}

/* A stop that comes while the last chunk's pause is written (Ctrl-C at the very end): the
 * file must not be committed and finish must say stopped. */
typedef struct {
    narrator *n;
    int stopped;
} last_pause_stopper;

static int stop_in_last_pause(const int16_t *pcm, size_t len, int rate, const narrator_chunk *c, int start, void *user)
{
    (void)rate, (void)start;
    last_pause_stopper *s = user;
    if (s->stopped || !c || c->text_len < 4 || memcmp(c->text + c->text_len - 4, "End.", 4) != 0) return 0;
    for (size_t i = 0; i < len; i++)
        if (pcm[i]) return 0;       /* still the words: wait for the pause */
    narrator_stop(s->n);
    s->stopped = 1;
    return 0;
}

NR_TEST(engine_stop_in_last_pause_commits_nothing)
{
    const char *text = "First paragraph here.\n\nA second one, a little longer.\n\nEnd.";
    const char *outs[] = { "out.wav", "out.mp3" };
    for (int jobs = 1; jobs <= 2; jobs++)
        for (int k = 0; k < 2; k++) {
            char *dir = test_make_dir();
            if (!dir) return;
            char path[512];
            snprintf(path, sizeof path, "%s/%s", dir, outs[k]);
            narrator *n = make_jobs(0, jobs);
            last_pause_stopper s = { n, 0 };
            CHECK(narrator_open_file(n, path, NULL) == NARRATOR_OK, "open %s: %s", path, narrator_errmsg(n));
            narrator_on_audio(n, stop_in_last_pause, &s);
            CHECK(narrator_feed(n, text, strlen(text)) == NARRATOR_OK, "feed: %s", narrator_errmsg(n));
            narrator_status st = narrator_finish(n);
            CHECK(s.stopped && st == NARRATOR_ERR_STOPPED, "-j %d %s: stopped in the last pause (%d), finish says %s",
                  jobs, outs[k], s.stopped, narrator_strerror(st));
            narrator_free(n);
            char only[256] = "";
            CHECK(test_dir_count(dir, only, sizeof only) == 0, "-j %d %s: no file left (%s)", jobs, outs[k], only);
            test_rm_tree(dir);
        }
}

/* A voice name is a voice name: never a path eSpeak NG would open. */
NR_TEST(engine_voice_names)
{
    static const char *good[] = { "en-us", "en-gb-x-rp", "English_(America)", "Chinese_(Mandarin,_latin_as_English)",
                                  "gmw/en-US", "en+f3", "en-us+klatt", "mb-en1" };
    static const char *bad[] = { "../../../../etc/passwd", "/etc/passwd", "gmw/../../x", ".hidden", "en+../f3", "en+",
                                 "+f3", "", "a//b", "en/", "a b", "en+f3/x", "!v/f3", "en\n", "en+-x" };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        CHECK(nr_synth_voice_name_ok(good[i]), "'%s' is a voice name", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK(!nr_synth_voice_name_ok(bad[i]), "'%s' is not a voice name", bad[i]);
        if (!bad[i][0]) continue;
        narrator *n = make(0);
        CHECK(narrator_set_espeak_voice(n, bad[i]) == NARRATOR_ERR_VOICE, "set_espeak_voice refuses '%s'", bad[i]);
        narrator_free(n);
        narrator_options opt = NARRATOR_OPTIONS_INIT;
        opt.data_dir = ".";
        opt.espeak_voice = bad[i];
        n = NULL;
        CHECK(narrator_new(&opt, &n) == NARRATOR_ERR_VOICE, "narrator_new refuses '%s'", bad[i]);
        CHECK(n && strstr(narrator_errmsg(n), "not an eSpeak NG voice name"), "message: %s", n ? narrator_errmsg(n) : "");
        narrator_free(n);
    }
    /* with eSpeak NG loaded, the refused name never reaches it and the voice stays */
    narrator *n = make(0);
    test_sound heard = TEST_SOUND_INIT;
    CHECK(narrator_on_audio(n, test_listen, &heard) == NARRATOR_OK, "audio: %s", narrator_errmsg(n));
    CHECK(narrator_set_espeak_voice(n, "../../../../etc/passwd") == NARRATOR_ERR_VOICE, "refused with eSpeak NG loaded");
    CHECK(narrator_feed(n, "Still here.", 11) == NARRATOR_OK && narrator_finish(n) == NARRATOR_OK && heard.samples > 0,
          "still speaks: %s", narrator_errmsg(n));
    narrator_free(n);
}

/* Bytes that look binary are refused, unless the host says its text is text (any_bytes:
 * a screen reader must never fall silent on a message full of control characters). */
NR_TEST(engine_binary_refused_unless_any_bytes)
{
    static const char looks_binary[] = "menu\x01\x02\x03\x04\x05\x06\x07\x0e\x0f\x10\x11 Save the file.";
    for (int any = 0; any <= 1; any++) {
        narrator_options opt = NARRATOR_OPTIONS_INIT;
        opt.data_dir = ".";
        opt.jobs = 1;
        opt.any_bytes = any;
        narrator *n = NULL;
        if (!CHECK(narrator_new(&opt, &n) == NARRATOR_OK, "new: %s", n ? narrator_errmsg(n) : "")) { narrator_free(n); return; }
        nr_buf got = { 0 };
        narrator_on_chunk(n, record, &got);
        narrator_status st = narrator_feed(n, looks_binary, sizeof looks_binary - 1);
        if (!st) st = narrator_flush(n);
        if (any) CHECK(st == NARRATOR_OK && strstr(nr_buf_str(&got), "Save the file") != NULL,
                       "any_bytes: read (%s): %s", narrator_strerror(st), nr_buf_str(&got));
        else CHECK(st == NARRATOR_ERR_INPUT && got.len == 0 && !strcmp(narrator_errmsg(n), "not text (binary data)"),
                   "refused as binary (%s, %s)", narrator_strerror(st), narrator_errmsg(n));
        /* after a reset the next input is judged afresh */
        narrator_reset(n);
        nr_buf_clear(&got);
        CHECK(narrator_feed(n, "Plain words.", 12) == NARRATOR_OK && narrator_flush(n) == NARRATOR_OK && got.len > 0,
              "any_bytes %d: after a reset, text is read: %s", any, narrator_errmsg(n));
        nr_buf_free(&got);
        narrator_free(n);
    }
}

/* options.encoding: every input (after a reset too) is read in it; an unknown name is
 * NARRATOR_ERR_ARG; without it a legacy input is detected, and afresh after a reset. */
static narrator_status plan_encoded(const char *encoding, const char *text, nr_buf *got, narrator **made)
{
    narrator_options opt = NARRATOR_OPTIONS_INIT;
    opt.data_dir = ".";
    opt.jobs = 1;
    opt.encoding = encoding;
    narrator_status st = narrator_new(&opt, made);
    if (st) return st;
    narrator_on_chunk(*made, record, got);
    st = narrator_feed(*made, text, strlen(text));
    return st ? st : narrator_flush(*made);
}

NR_TEST(engine_encoding_option)
{
    static const char latin1[] = "Herr M\xfcller zahlt \x80" "5.";
    nr_buf got = { 0 };
    narrator *n = NULL;
    CHECK(plan_encoded(NULL, latin1, &got, &n) == NARRATOR_OK, "detected: %s", narrator_errmsg(n));
    CHECK_STR(nr_buf_str(&got), "Herr M\xc3\xbcller zahlt five euros.|2;", "detected as Windows-1252");
    nr_buf_clear(&got);
    narrator_reset(n);
    CHECK(narrator_feed(n, "caf\xc3\xa9.", 6) == NARRATOR_OK && narrator_flush(n) == NARRATOR_OK, "after a reset");
    CHECK_STR(nr_buf_str(&got), "caf\xc3\xa9.|2;", "after a reset the input is judged afresh (UTF-8)");
    narrator_free(n);
    nr_buf_clear(&got);
    CHECK(plan_encoded("ISO-8859-15", latin1, &got, &n) == NARRATOR_OK, "named: %s", narrator_errmsg(n));
    nr_buf_clear(&got);
    narrator_reset(n);
    CHECK(narrator_feed(n, "\xa4" "5.", 3) == NARRATOR_OK && narrator_flush(n) == NARRATOR_OK, "after a reset");
    CHECK_STR(nr_buf_str(&got), "five euros.|2;", "after a reset still ISO-8859-15 (0xA4 is the euro)");
    narrator_free(n);
    n = NULL;
    CHECK(plan_encoded("no-such-charset", latin1, &got, &n) == NARRATOR_ERR_ARG, "an unknown name");
    CHECK_STR(n ? narrator_errmsg(n) : "", "unknown encoding 'no-such-charset' (`iconv -l` lists the names)", "its message");
    narrator_free(n);
    nr_buf_free(&got);
}

/* ---- the level meter (narrator_stats peak_dbfs, rms_dbfs; --stats) ---- */

static const char *METER_TEXT = "A short sentence, written twice. And then a second sentence follows it, longer than "
                                "the first. A third one ends the paragraph.\n";

/* Peak and RMS of samples, in dB of full scale, worked out here (not by the meter's code). */
typedef struct {
    uint64_t n, sum_squares;
    int peak;
} level;

static void level_add(level *l, const int16_t *pcm, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int x = pcm[i];
        l->peak = abs(x) > l->peak ? abs(x) : l->peak;
        l->sum_squares += (uint64_t)(x * x);
    }
    l->n += n;
}

static double peak_db(const level *l) { return 20 * log10((double)l->peak / 32768.0); }
static double rms_db(const level *l) { return 10 * log10((double)l->sum_squares / (double)l->n / (32768.0 * 32768.0)); }

static int hear_level(const int16_t *pcm, size_t n, int rate, const narrator_chunk *c, int start, void *user)
{
    (void)rate, (void)c, (void)start;
    level_add(user, pcm, n);
    return 0;
}

/* A run of METER_TEXT into a file, in a fork of this process: eSpeak NG carries state from
 * one call to the next, so runs one after the other here would not sound the same, while
 * forks start where this process is, as separate runs of narrator do. */
typedef struct {
    narrator_stats st;
    level heard;            /* what the callback heard, when there was one */
    char err[256];          /* "" when all went well */
} meter_run;

static meter_run speak_meter_text(const char *path, int jobs, int with_callback)
{
    meter_run r = { .err = "the run did not report" };
    int fds[2];
    if (!CHECK(pipe(fds) == 0, "pipe")) return r;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        r.err[0] = '\0';
        narrator *n = make_jobs(0, jobs);
        if (with_callback) narrator_on_audio(n, hear_level, &r.heard);
        if (narrator_open_file(n, path, NULL) || narrator_feed(n, METER_TEXT, strlen(METER_TEXT)) || narrator_finish(n))
            snprintf(r.err, sizeof r.err, "-j %d %s: %s", jobs, path, narrator_errmsg(n));
        narrator_get_stats(n, &r.st);
        narrator_free(n);
        _exit(write(fds[1], &r, sizeof r) == (ssize_t)sizeof r ? 0 : 1);
    }
    close(fds[1]);
    meter_run got;
    if (pid > 0 && read(fds[0], &got, sizeof got) == (ssize_t)sizeof got) r = got;
    close(fds[0]);
    if (pid > 0) waitpid(pid, NULL, 0);
    CHECK(!r.err[0], "%s", r.err);
    return r;
}

/* The level of a WAV file's samples, read back with libsndfile. */
static level level_of_wav(const char *path)
{
    level l = { 0 };
    SF_INFO info = { 0 };
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!CHECK(sf != NULL, "read %s: %s", path, sf_strerror(NULL))) return l;
    short block[4096];
    for (sf_count_t got; (got = sf_readf_short(sf, block, 4096)) > 0;) level_add(&l, block, (size_t)got);
    sf_close(sf);
    return l;
}

/* "%.2f" of both, as --stats prints them: the same. */
static int same_printed(double a, double b)
{
    char x[32], y[32];
    snprintf(x, sizeof x, "%.2f", a);
    snprintf(y, sizeof y, "%.2f", b);
    return strcmp(x, y) == 0;
}

NR_TEST(engine_meter_hears_what_the_file_holds)
{
    char *dir = test_make_dir();
    if (!dir) return;
    char path[512];
    narrator_stats wav[3];
    for (int jobs = 1; jobs <= 2; jobs++) {
        snprintf(path, sizeof path, "%s/j%d.wav", dir, jobs);
        wav[jobs] = speak_meter_text(path, jobs, 0).st;
        level l = level_of_wav(path);
        CHECK(l.n > 22050 && l.n == (uint64_t)lround(wav[jobs].audio_seconds * 22050), "-j %d: %llu samples", jobs,
              (unsigned long long)l.n);
        CHECK(wav[jobs].peak_dbfs == peak_db(&l) && wav[jobs].rms_dbfs == rms_db(&l),
              "-j %d: the meter says %.4f / %.4f dBFS, the file's samples %.4f / %.4f", jobs, wav[jobs].peak_dbfs,
              wav[jobs].rms_dbfs, peak_db(&l), rms_db(&l));
    }
    CHECK(same_printed(wav[1].peak_dbfs, wav[2].peak_dbfs) && same_printed(wav[1].rms_dbfs, wav[2].rms_dbfs),
          "-j 1 and -j 2 print the same figures: %.2f / %.2f and %.2f / %.2f", wav[1].peak_dbfs, wav[1].rms_dbfs,
          wav[2].peak_dbfs, wav[2].rms_dbfs);

    /* MP3, one process: the same PCM goes through the meter before it is encoded */
    snprintf(path, sizeof path, "%s/j1.mp3", dir);
    narrator_stats mp3 = speak_meter_text(path, 1, 0).st;
    CHECK(mp3.peak_dbfs == wav[1].peak_dbfs && mp3.rms_dbfs == wav[1].rms_dbfs, "-j 1 MP3: the WAV's figures "
          "(%.4f / %.4f)", mp3.peak_dbfs, mp3.rms_dbfs);
    /* MP3 with workers: only encoded pieces come back, with the level the workers measured;
     * with a callback too the PCM comes as well and is measured here: the same figures,
     * which are those of the callback's samples */
    meter_run with_pcm = speak_meter_text(path, 2, 1);
    narrator_stats both = with_pcm.st;
    level heard = with_pcm.heard;
    mp3 = speak_meter_text(path, 2, 0).st;
    CHECK(heard.n > 22050 && both.peak_dbfs == peak_db(&heard) && both.rms_dbfs == rms_db(&heard),
          "-j 2 MP3 and a callback: the callback's samples' level (%.4f / %.4f)", both.peak_dbfs, both.rms_dbfs);
    CHECK(mp3.peak_dbfs == both.peak_dbfs && mp3.rms_dbfs == both.rms_dbfs, "-j 2 MP3 alone: %.4f / %.4f from the "
          "workers' pieces, %.4f / %.4f from the PCM", mp3.peak_dbfs, mp3.rms_dbfs, both.peak_dbfs, both.rms_dbfs);
    test_rm_tree(dir);

    /* no sound: no level */
    narrator *n = make_jobs(0, 1);
    nr_buf got = { 0 };
    narrator_on_chunk(n, record, &got);
    narrator_stats none;
    CHECK(narrator_feed(n, METER_TEXT, strlen(METER_TEXT)) == NARRATOR_OK && narrator_finish(n) == NARRATOR_OK, "plan");
    narrator_get_stats(n, &none);
    CHECK(none.peak_dbfs == -HUGE_VAL && none.rms_dbfs == -HUGE_VAL && none.audio_seconds == 0, "no sound, no level");
    narrator_free(n);
    nr_buf_free(&got);
}
