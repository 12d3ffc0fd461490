/* test_synthpool.c — eSpeak NG in worker processes: the sound of one eSpeak NG here,
 * chunk for chunk and in order, marks in place, settings per chunk, discard, failures,
 * pieces encoded in the workers (by the MP3 encoder, and by any encoder handed over). */
#include "harness.h"
#include "output/mp3seg.h"
#include "output/stage.h"
#include "synth/pool.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const CHUNKS[] = {
    "The first chunk is a short one.", "Then a second, somewhat longer chunk follows it",
    "three", "and a fourth that ends the paragraph.", "Five.", "Six is the last chunk of all.",
    "Seven comes after all.",
};
#define N_CHUNKS (sizeof CHUNKS / sizeof CHUNKS[0])

typedef struct {
    nr_buf pcm[N_CHUNKS];
    size_t order[N_CHUNKS];
    size_t done;
    int out_of_turn;
    nr_buf marks;           /* "name@samples;" */
    size_t samples;
    nr_buf mp3[N_CHUNKS];       /* encoded pieces as they came (their frames) */
    size_t decoded[N_CHUNKS];
    nr_level level[N_CHUNKS];   /* what the encoder measured */
    size_t piece_end[N_CHUNKS]; /* the chunks before this number are in pieces up to this one */
    size_t pieces;
} heard;

/* Chunk k is submitted with tag k + 1: NULL is the pool's own. */
static size_t chunk_of(const void *tag) { return (size_t)(uintptr_t)tag - 1; }

static int on_pcm(const int16_t *pcm, size_t n, void *tag, void *user)
{
    heard *h = user;
    size_t k = chunk_of(tag);
    if (k >= N_CHUNKS || k != h->done) { h->out_of_turn = 1; return 0; }   /* only the oldest streams */
    nr_buf_put(&h->pcm[k], (const char *)pcm, n * sizeof *pcm);
    h->samples += n;
    return 0;
}

static int on_mark(const char *name, void *tag, void *user)
{
    heard *h = user;
    char at[64];
    snprintf(at, sizeof at, "%s@%zu/%zu;", name, chunk_of(tag), h->samples);
    nr_buf_puts(&h->marks, at);
    return 0;
}

/* An encoded piece: it ends with the chunk being handed on (tag), or, tag NULL, with the
 * last chunk handed on (a piece a full delivery closed). */
static int on_piece(const void *bytes, size_t len, void *tag, void *user)
{
    heard *h = user;
    size_t k = chunk_of(tag), i = h->pieces++;
    nr_piece p;
    if (nr_piece_read(bytes, len, &p) || (tag && k != h->done) || (!tag && !h->done) || !p.frames || i >= N_CHUNKS) {
        h->out_of_turn = 1;
        return 0;
    }
    nr_buf_put(&h->mp3[i], p.bytes, p.len);
    h->decoded[i] = p.decoded_samples;
    h->level[i] = p.level;
    h->piece_end[i] = tag ? k + 1 : h->done;
    return 0;
}

/* The workers encode with the MP3 file's encoder, as the engine hands it over. */
static void give_mp3_encoder(nr_synthpool *p)
{
    nr_synthpool_set_encoder(p, &(nr_piece_encoder){ nr_mp3_encoder.encode, &nr_mp3_encoder });
}

static int on_done(void *tag, void *user)
{
    heard *h = user;
    if (h->done < N_CHUNKS) h->order[h->done] = chunk_of(tag);
    h->done++;
    return 0;
}

static int serial_pcm(const int16_t *pcm, size_t n, void *user)
{
    nr_buf_put(user, (const char *)pcm, n * sizeof *pcm);
    return 0;
}

static void heard_free(heard *h)
{
    for (size_t k = 0; k < N_CHUNKS; k++) {
        nr_buf_free(&h->pcm[k]);
        nr_buf_free(&h->mp3[k]);
    }
    nr_buf_free(&h->marks);
}

/* eSpeak NG here, set up as the workers' copies will start. */
static nr_synth *parent_synth(nr_synth_settings *have)
{
    char err[256];
    nr_synth *s = NULL;
    nr_synth_initial(have, "en-us", 175, 50);
    CHECK(nr_synth_new(&s, "en-us", 175, 50, NULL, err, sizeof err) == 0, "synth: %s", err);
    return s;
}

/* make_room, then submit: 0 ok */
static int submit_for(nr_synthpool *p, const nr_synth_settings *s, const char *text, int ssml, int pause_ms, size_t tag,
                      int want, const nr_synthpool_sink *sink)
{
    int rc = nr_synthpool_make_room(p, sink);
    return rc ? rc : nr_synthpool_submit(p, s, text, strlen(text), ssml, pause_ms, want, (void *)(uintptr_t)(tag + 1));
}

static int submit(nr_synthpool *p, const nr_synth_settings *s, const char *text, int ssml, int pause_ms, size_t tag,
                  const nr_synthpool_sink *sink)
{
    return submit_for(p, s, text, ssml, pause_ms, tag, NR_SPEAK_PCM, sink);
}

static nr_synthpool *start(nr_synth *synth, int workers)
{
    char err[256];
    nr_synthpool *p = NULL;
    CHECK(nr_synthpool_new(&p, workers, synth, NULL, err, sizeof err) == 0, "pool: %s", err);
    if (p) give_mp3_encoder(p);
    return p;
}

/* eSpeak NG here and a pool of its copies, with a listener. */
typedef struct {
    nr_synth_settings have;
    nr_synth *synth;
    nr_synthpool *p;
    heard h;
    nr_synthpool_sink sink;
} rig;

static int rig_start(rig *r, int workers)
{
    memset(r, 0, sizeof *r);
    r->synth = parent_synth(&r->have);
    r->p = r->synth ? start(r->synth, workers) : NULL;
    r->sink = (nr_synthpool_sink){ on_pcm, on_mark, on_piece, on_done, &r->h };
    if (!r->p) nr_synth_free(r->synth);
    return r->p != NULL;
}

static void rig_end(rig *r)
{
    nr_synthpool_free(r->p);
    nr_synth_free(r->synth);
    heard_free(&r->h);
}

/* Lengths within 2 % or 25 ms (eSpeak NG's sound depends a little on what it said before). */
static int about(size_t a, size_t b)
{
    size_t d = a > b ? a - b : b - a;
    return d * 50 <= (a > b ? a : b) || d <= 22050 / 40 * sizeof(int16_t);
}

NR_TEST(synthpool_sounds_like_one_espeak_in_order)
{
    rig r;
    if (!rig_start(&r, 3)) return;
    CHECK(nr_synthpool_workers(r.p) == 3, "three workers");
    for (size_t k = 0; k < N_CHUNKS; k++)
        CHECK(submit(r.p, &r.have, CHUNKS[k], 0, 200, k, &r.sink) == 0, "submit %zu: %s", k, nr_synthpool_error(r.p));
    CHECK(nr_synthpool_deliver(r.p, 1, &r.sink) == 0, "deliver: %s", nr_synthpool_error(r.p));
    CHECK(nr_synthpool_pending(r.p) == 0, "nothing left");
    CHECK(r.h.done == N_CHUNKS && !r.h.out_of_turn, "every chunk once, sound only for the oldest");
    for (size_t k = 0; k < N_CHUNKS; k++) CHECK(r.h.order[k] == k, "chunk %zu handed on as number %zu", r.h.order[k], k);
    /* the same chunks through eSpeak NG here: the same length, and the pause is exact */
    int rate = nr_synth_sample_rate(r.synth);
    for (size_t k = 0; k < N_CHUNKS; k++) {
        nr_buf b = { 0 };
        const nr_buf *got = &r.h.pcm[k];
        CHECK(nr_synth_say(r.synth, CHUNKS[k], strlen(CHUNKS[k]), 0, 200, serial_pcm, NULL, &b) == 0, "say");
        CHECK(about(b.len, got->len) && b.len > (size_t)rate * 2 / 5, "chunk %zu: %zu bytes from the workers, %zu here",
              k, got->len, b.len);
        size_t pause = (size_t)rate / 5, zeros = 0;
        const int16_t *s = (const int16_t *)(const void *)got->s;
        for (size_t i = got->len / 2 - pause; i < got->len / 2; i++) zeros += s[i] == 0;
        CHECK(zeros == pause, "chunk %zu ends in 200 ms of silence", k);
        nr_buf_free(&b);
    }
    rig_end(&r);
}

/* Chunks longer than a worker's shared ring (24 s of sound): the ring wraps, and the worker
 * whose chunk waits behind the head fills its ring and sleeps until that chunk's turn. A
 * fresh worker starts from eSpeak NG's state here, so each gives the samples given here. */
NR_TEST(synthpool_long_chunks_wrap_and_wait)
{
    rig r;
    if (!rig_start(&r, 2)) return;
    nr_buf text = { 0 };
    for (int i = 0; i < 24; i++) nr_buf_puts(&text, "the quick brown fox jumps over the lazy dog, ");
    nr_buf_puts(&text, "and that is all.");
    for (size_t k = 0; k < 2; k++)
        CHECK(submit(r.p, &r.have, nr_buf_str(&text), 0, 0, k, &r.sink) == 0, "submit %zu: %s", k, nr_synthpool_error(r.p));
    CHECK(nr_synthpool_deliver(r.p, 1, &r.sink) == 0, "deliver: %s", nr_synthpool_error(r.p));
    CHECK(r.h.done == 2 && !r.h.out_of_turn, "both chunks, in order");
    size_t n0 = r.h.pcm[0].len / 2, n1 = r.h.pcm[1].len / 2, rate = (size_t)nr_synth_sample_rate(r.synth);
    CHECK(n0 > rate * 50 && n1 == n0, "each longer than the ring: %zu and %zu samples", n0, n1);
    nr_buf here = { 0 };
    CHECK(nr_synth_say(r.synth, text.s, text.len, 0, 0, serial_pcm, NULL, &here) == 0, "say here");
    for (size_t k = 0; k < 2; k++)
        CHECK(here.len == r.h.pcm[k].len && memcmp(here.s, r.h.pcm[k].s, here.len) == 0,
              "chunk %zu: the samples eSpeak NG gives here (%zu bytes, %zu here)", k, r.h.pcm[k].len, here.len);
    nr_buf_free(&here);
    nr_buf_free(&text);
    rig_end(&r);
}

NR_TEST(synthpool_marks_in_place)
{
    rig r;
    if (!rig_start(&r, 2)) return;
    const char *ssml = "<speak>First words <mark name=\"a\"/>then more words <mark name=\"b\"/>and the end.</speak>";
    CHECK(submit(r.p, &r.have, CHUNKS[0], 0, 0, 0, &r.sink) == 0, "plain");
    CHECK(submit(r.p, &r.have, ssml, 1, 0, 1, &r.sink) == 0, "ssml");
    CHECK(nr_synthpool_deliver(r.p, 1, &r.sink) == 0, "deliver: %s", nr_synthpool_error(r.p));
    size_t first = r.h.pcm[0].len / 2, second = r.h.pcm[1].len / 2, a, b;
    const char *m = nr_buf_str(&r.h.marks);
    CHECK(sscanf(m, "a@1/%zu;b@1/%zu;", &a, &b) == 2, "two marks of chunk 1, in order: %s", m);
    CHECK(a > first + second / 5 && a < b && b < first + second * 4 / 5, "the marks inside the second chunk's sound "
          "(%zu and %zu after %zu, which ends at %zu)", a, b, first, first + second);
    rig_end(&r);
}

NR_TEST(synthpool_settings_travel_with_each_chunk)
{
    rig r;
    if (!rig_start(&r, 2)) return;
    nr_synth_settings fast = r.have;
    fast.rate_wpm = 400;
    const char *text = CHUNKS[5];
    const nr_synth_settings *each[] = { &r.have, &fast, &r.have, &fast };
    for (size_t k = 0; k < 4; k++) CHECK(submit(r.p, each[k], text, 0, 0, k, &r.sink) == 0, "submit %zu", k);
    CHECK(nr_synthpool_deliver(r.p, 1, &r.sink) == 0, "deliver");
    const nr_buf *pcm = r.h.pcm;
    CHECK(pcm[1].len * 3 < pcm[0].len * 2, "at 400 words a minute, under 2/3 the length (%zu vs %zu)", pcm[1].len, pcm[0].len);
    CHECK(about(pcm[2].len, pcm[0].len) && about(pcm[3].len, pcm[1].len), "each rate again: the same lengths");
    nr_synth_settings bad = r.have;
    snprintf(bad.voice, sizeof bad.voice, "zz-none");
    int rc = submit(r.p, &bad, text, 0, 0, 4, &r.sink);
    if (rc == 0) rc = nr_synthpool_deliver(r.p, 1, &r.sink);
    CHECK(rc == -1 && strstr(nr_synthpool_error(r.p), "zz-none"), "a voice eSpeak NG lacks fails, named: %s",
          nr_synthpool_error(r.p));
    CHECK(nr_synthpool_failed_as(r.p) == NR_SYNTHPOOL_NO_VOICE, "and the pool says it was the voice (%d)",
          (int)nr_synthpool_failed_as(r.p));
    rig_end(&r);
}

NR_TEST(synthpool_discard_then_speak_again)
{
    rig r;
    if (!rig_start(&r, 2)) return;
    for (size_t k = 0; k < 3; k++) submit(r.p, &r.have, CHUNKS[k], 0, 0, k, &r.sink);
    size_t pending = nr_synthpool_pending(r.p);
    nr_synthpool_discard(r.p, NULL, NULL);
    CHECK(pending > 0 && nr_synthpool_pending(r.p) == 0, "%zu queued, none after the discard", pending);
    heard after = { 0 };
    nr_synthpool_sink sink2 = { on_pcm, on_mark, on_piece, on_done, &after };
    CHECK(submit(r.p, &r.have, CHUNKS[0], 0, 0, 0, &sink2) == 0, "submit after discard: %s", nr_synthpool_error(r.p));
    CHECK(nr_synthpool_deliver(r.p, 1, &sink2) == 0, "deliver after discard");
    CHECK(after.done == 1 && after.pcm[0].len > 0, "spoken after the discard");
    heard_free(&after);
    rig_end(&r);
}

/* MP3 asked for: the chunks come back as frames encoded by the workers (no PCM), a run of
 * four consecutive chunks as one piece, and the last two as a piece the full delivery
 * closes; each piece decodes to its chunks' length within a frame. With PCM asked for
 * too, the PCM comes as well. */
NR_TEST(synthpool_workers_encode_mp3)
{
    rig r;
    if (!rig_start(&r, 2)) return;
    for (size_t k = 0; k < 6; k++)
        CHECK(submit_for(r.p, &r.have, CHUNKS[k], 0, 300, k, k == 3 ? NR_SPEAK_PCM | NR_SPEAK_PIECES : NR_SPEAK_PIECES, &r.sink) == 0,
              "submit %zu: %s", k, nr_synthpool_error(r.p));
    CHECK(nr_synthpool_deliver(r.p, 1, &r.sink) == 0, "deliver: %s", nr_synthpool_error(r.p));
    CHECK(r.h.done == 6 && !r.h.out_of_turn, "six chunks, in order, pieces after their chunks");
    CHECK(nr_synthpool_pending(r.p) == 0, "nothing left");
    for (size_t k = 0; k < 6; k++) CHECK((r.h.pcm[k].len > 0) == (k == 3), "chunk %zu: PCM only when asked", k);
    CHECK(r.h.pieces == 2 && r.h.piece_end[0] == 4 && r.h.piece_end[1] == 6, "%zu pieces, ending before chunks %zu "
          "and %zu", r.h.pieces, r.h.piece_end[0], r.h.piece_end[1]);
    for (size_t i = 0, k = 0; i < r.h.pieces && i < 2; i++) {
        size_t n = 0, chunks = r.h.piece_end[i] - k;
        for (; k < r.h.piece_end[i]; k++) {
            nr_buf b = { 0 };
            nr_synth_say(r.synth, CHUNKS[k], strlen(CHUNKS[k]), 0, 300, serial_pcm, NULL, &b);
            n += b.len / 2;
            nr_buf_free(&b);
        }
        size_t d = r.h.decoded[i];
        const unsigned char *m = (const unsigned char *)r.h.mp3[i].s;
        CHECK(r.h.mp3[i].len > 100 && m[0] == 0xFF && (m[1] & 0xE0) == 0xE0, "piece %zu: MPEG frames (%zu bytes)", i,
              r.h.mp3[i].len);
        /* within a frame, and eSpeak NG here may differ from the worker's by a few hundred a chunk */
        CHECK(d + 1000 * chunks >= n && d <= n + 1000 * chunks, "piece %zu decodes to %zu samples, spoken %zu", i, d, n);
    }
    rig_end(&r);
}

/* Speaks CHUNKS[0..n) with a new pool of `workers` copies of r->synth into *h (PCM or
 * MP3): all submitted at once (wait_each = 0), or each waited for before the next is
 * submitted (wait_each = 1), which left every worker idle at each submit and so steered
 * chunks to other workers than at once does. 0 ok. */
static int speak_with_timing(rig *r, int workers, size_t n, int want, int wait_each, heard *h)
{
    nr_synthpool *p = start(r->synth, workers);
    if (!p) return -1;
    nr_synthpool_sink sink = { on_pcm, on_mark, on_piece, on_done, h };
    int rc = 0;
    for (size_t k = 0; k < n && !rc; k++) {
        rc = submit_for(p, &r->have, CHUNKS[k], 0, 200, k, want, &sink);
        /* not a full delivery: that would also close an open MP3 piece */
        while (!rc && wait_each && nr_synthpool_pending(p)) rc = nr_synthpool_deliver(p, 0, &sink);
    }
    if (!rc) rc = nr_synthpool_deliver(p, 1, &sink);
    CHECK(rc == 0 && h->done == n && !h->out_of_turn, "%zu chunks spoken in order: %s", n, nr_synthpool_error(p));
    nr_synthpool_free(p);
    return rc;
}

/* The same chunks give the same samples and MP3 bytes however fast each is handed on:
 * eSpeak NG's sound depends on what it spoke before, so which worker speaks a chunk must
 * follow from the chunks alone. (Both pools are forks of the same eSpeak NG here, which
 * speaks nothing in between.) */
NR_TEST(synthpool_same_sound_whatever_the_timing)
{
    rig r;
    if (!rig_start(&r, 2)) return;
    nr_synthpool_free(r.p);
    r.p = NULL;
    for (int mp3 = 0; mp3 <= 1; mp3++) {
        heard at_once = { 0 }, one_by_one = { 0 };
        int want = mp3 ? NR_SPEAK_PIECES : NR_SPEAK_PCM;
        if (speak_with_timing(&r, 2, N_CHUNKS, want, 0, &at_once) == 0 &&
            speak_with_timing(&r, 2, N_CHUNKS, want, 1, &one_by_one) == 0) {
            for (size_t k = 0; !mp3 && k < N_CHUNKS; k++)
                CHECK(at_once.pcm[k].len == one_by_one.pcm[k].len &&
                      memcmp(at_once.pcm[k].s, one_by_one.pcm[k].s, at_once.pcm[k].len) == 0,
                      "chunk %zu: the same samples (%zu and %zu bytes)", k, at_once.pcm[k].len, one_by_one.pcm[k].len);
            CHECK(at_once.pieces == one_by_one.pieces, "the same number of MP3 pieces: %zu and %zu", at_once.pieces,
                  one_by_one.pieces);
            for (size_t i = 0; mp3 && i < at_once.pieces && i < one_by_one.pieces; i++)
                CHECK(at_once.mp3[i].len == one_by_one.mp3[i].len &&
                      memcmp(at_once.mp3[i].s, one_by_one.mp3[i].s, at_once.mp3[i].len) == 0,
                      "MP3 piece %zu: the same bytes (%zu and %zu)", i, at_once.mp3[i].len, one_by_one.mp3[i].len);
        }
        heard_free(&at_once);
        heard_free(&one_by_one);
    }
    rig_end(&r);
}

/* The level a worker's encoder measures is that of the very samples the worker speaks:
 * with the PCM asked for too, each piece's level is the level of its chunks' PCM. */
NR_TEST(synthpool_piece_level_is_the_pcm_level)
{
    rig r;
    if (!rig_start(&r, 2)) return;
    for (size_t k = 0; k < N_CHUNKS; k++)
        CHECK(submit_for(r.p, &r.have, CHUNKS[k], 0, 250, k, NR_SPEAK_PCM | NR_SPEAK_PIECES, &r.sink) == 0, "submit %zu", k);
    CHECK(nr_synthpool_deliver(r.p, 1, &r.sink) == 0, "deliver: %s", nr_synthpool_error(r.p));
    CHECK(r.h.done == N_CHUNKS && !r.h.out_of_turn && r.h.pieces >= 2, "%zu pieces", r.h.pieces);
    for (size_t i = 0, k = 0; i < r.h.pieces && i < N_CHUNKS; i++) {
        nr_level want = { 0 };
        for (; k < r.h.piece_end[i]; k++)
            nr_level_add(&want, (const int16_t *)(const void *)r.h.pcm[k].s, r.h.pcm[k].len / sizeof(int16_t));
        const nr_level *got = &r.h.level[i];
        CHECK(want.samples > 0 && got->samples == want.samples && got->sum_squares == want.sum_squares &&
                  got->peak == want.peak,
              "piece %zu: level of %llu samples, peak %u; its PCM: %llu, peak %u", i, (unsigned long long)got->samples,
              got->peak, (unsigned long long)want.samples, want.peak);
    }
    rig_end(&r);
}

/* Any encoder handed over runs in the worker, and its bytes come back untouched: this one
 * writes the process it ran in and the samples it was given, as a piece. */
static int note_encoder(const void *self, const int16_t *pcm, size_t n, int rate, nr_buf *out, char *err, size_t errlen)
{
    (void)self, (void)pcm, (void)err, (void)errlen;
    char note[64];
    snprintf(note, sizeof note, "%ld %zu %d", (long)getpid(), n, rate);
    nr_piece p = { .frames = 1, .decoded_samples = n };
    size_t at = nr_piece_begin(out);
    nr_buf_puts(out, note);
    nr_piece_seal(out, at, &p);
    return 0;
}

NR_TEST(synthpool_runs_the_encoder_it_is_given)
{
    rig r;
    if (!rig_start(&r, 2)) return;
    nr_synthpool_set_encoder(r.p, &(nr_piece_encoder){ note_encoder, NULL });
    for (size_t k = 0; k < 2; k++)
        CHECK(submit_for(r.p, &r.have, CHUNKS[k], 0, 200, k, NR_SPEAK_PCM | NR_SPEAK_PIECES, &r.sink) == 0, "submit %zu", k);
    CHECK(nr_synthpool_deliver(r.p, 1, &r.sink) == 0, "deliver: %s", nr_synthpool_error(r.p));
    long pid = 0;
    size_t n = 0, spoken = (r.h.pcm[0].len + r.h.pcm[1].len) / sizeof(int16_t);
    int rate = 0;
    CHECK(r.h.pieces == 1 && sscanf(nr_buf_str(&r.h.mp3[0]), "%ld %zu %d", &pid, &n, &rate) == 3, "one piece: '%s'",
          nr_buf_str(&r.h.mp3[0]));
    CHECK(pid > 0 && pid != (long)getpid(), "encoded in a worker (%ld, this is %ld)", pid, (long)getpid());
    CHECK(n == spoken && r.h.decoded[0] == spoken && rate == nr_synth_sample_rate(r.synth),
          "of the run's %zu samples (got %zu) at %d Hz", spoken, n, rate);
    rig_end(&r);
}
