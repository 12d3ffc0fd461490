/*
 * pool.h — eSpeak NG on every core: chunks synthesized by worker processes.
 *
 * eSpeak NG keeps process-wide state, so one eSpeak NG per thread is unsafe. Each worker
 * is a process of its own (forked, so it needs no separate program) with its own copy of
 * eSpeak NG, fed chunks through a socket and answering with their PCM and marks. The caller submits chunks
 * in text order and gets every chunk's sound back in that order, streamed: the oldest
 * chunk's PCM is handed on as it arrives, later chunks' sound waits in memory (a few
 * chunks at most, so memory stays flat however long the text). Which worker speaks a
 * chunk follows from the chunks submitted before it, never from timing, so the same
 * chunks give the same sound, sample for sample, in every run with as many workers.
 */
#ifndef NR_SYNTHPOOL_H
#define NR_SYNTHPOOL_H
#include "synth/synth.h"
#include "util/buf.h"
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

typedef struct nr_synthpool nr_synthpool;

/* Called for the chunk at the head of the order: its PCM in pieces and its marks, in
 * the order they are heard, then done (once, after the last of them). Return nonzero to
 * stop. `tag` is what the chunk was submitted with. */
typedef struct {
    int (*pcm)(const int16_t *pcm, size_t n, void *tag, void *user);
    int (*mark)(const char *name, void *tag, void *user);
    /* An encoded piece (NR_SPEAK_PIECES), as the encoder made it, after the PCM and marks
     * of the chunk it ends: a worker encodes a run of up to a few consecutive chunks as
     * one piece (an MP3 encoder's set-up costs about 0.8 ms a piece), so the piece of a run
     * comes with its last chunk, and a run that a full delivery (all = 1) closes early
     * comes with tag NULL. */
    int (*piece)(const void *bytes, size_t len, void *tag, void *user);
    int (*done)(void *tag, void *user);
    void *user;
} nr_synthpool_sink;

/* What a worker sends back for a chunk: its PCM, and/or its sound encoded by the worker
 * itself into pieces (nr_piece_encoder), so that encoding runs on every core too. */
enum { NR_SPEAK_PCM = 1, NR_SPEAK_PIECES = 2 };

/* What encodes the pieces, run in the worker: the output layer's, handed over by the
 * engine, so that synthesis needs to know nothing of formats. encode appends the piece
 * made of pcm[0..n) (mono at rate Hz, the chunks' pauses included) to out, and returns 0,
 * or -1 with a sentence in err; the pool carries the bytes to the parent untouched. The
 * worker is a fork made before or after the encoder was set, and calls it through these
 * pointers: encode and self must point at memory every fork has (the code, static data). */
typedef struct {
    int (*encode)(const void *self, const int16_t *pcm, size_t n, int rate, nr_buf *out, char *err, size_t errlen);
    const void *self;
} nr_piece_encoder;

/* Starts `workers` processes. Each is a copy of this one and speaks with its copy of
 * `synth` (eSpeak NG already set up here, so a worker is ready at once); it takes each
 * chunk's settings afresh. stop: checked while waiting (may be NULL). 0 ok, -1 with err set. */
int nr_synthpool_new(nr_synthpool **out, int workers, nr_synth *synth,
                     volatile sig_atomic_t *stop, char *err, size_t errlen);
int nr_synthpool_workers(const nr_synthpool *p);
/* Waits until a worker can take a chunk, handing finished sound on meanwhile (and starts
 * the workers again after a discard). 0 ok, 1 stopped (by *stop or by the sink), -1 failed
 * (nr_synthpool_error says why). */
int nr_synthpool_make_room(nr_synthpool *p, const nr_synthpool_sink *sink);
/* The encoder of the pieces of the chunks submitted from now on (with NR_SPEAK_PIECES). */
void nr_synthpool_set_encoder(nr_synthpool *p, const nr_piece_encoder *enc);
/* Queues one chunk, spoken as nr_synth_say(text, len, ssml, pause_ms) with settings *s;
 * `want` is NR_SPEAK_PCM, NR_SPEAK_PIECES (set an encoder first) or both. Call nr_synthpool_make_room first. The
 * tag is the pool's from now on, also on failure (nr_synthpool_discard hands it back).
 * 0 ok, -1 failed. */
int nr_synthpool_submit(nr_synthpool *p, const nr_synth_settings *s, const char *text, size_t len,
                        int ssml, int pause_ms, int want, void *tag);
/* Hands on the sound that is ready, in order, without waiting (all = 0), or waits for
 * every queued chunk (all = 1). 0 ok, 1 stopped, -1 failed. */
int nr_synthpool_deliver(nr_synthpool *p, int all, const nr_synthpool_sink *sink);
/* Chunks queued and not yet handed on. */
size_t nr_synthpool_pending(const nr_synthpool *p);
/* Forgets every queued chunk (each tag goes to forget, which may be NULL): after a stop.
 * The workers busy with them are ended; new ones start at the next submit. */
void nr_synthpool_discard(nr_synthpool *p, void (*forget)(void *tag, void *user), void *user);
/* The last failure in words. */
const char *nr_synthpool_error(const nr_synthpool *p);
/* What kind of failure that was, for the caller's status. */
typedef enum { NR_SYNTHPOOL_FAILED = 1, NR_SYNTHPOOL_NO_VOICE } nr_synthpool_failure;
nr_synthpool_failure nr_synthpool_failed_as(const nr_synthpool *p);
void nr_synthpool_free(nr_synthpool *p);

#endif
