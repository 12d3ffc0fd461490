/*
 * stage.h — the one interface behind every output: a stage.
 *
 * Sound leaves synthesis as mono int16 PCM at the synthesizer's rate (22050 Hz from
 * eSpeak NG), or, when the synthesis workers encode it (synth/pool.h), as encoded pieces.
 * chain.c passes it through the pass-through stages (the level meter, meter.c) to the
 * sinks: a file (WAV: wav.c; FLAC, Ogg Opus: file.c; MP3: mp3file.c), the speakers
 * (speaker.c), the host's audio callback (callback.c). The engine sees only the chain
 * (chain.h); the stages are the chain's.
 *
 * A stage is a struct whose first member is an nr_stage: its operations, function
 * pointers as libsndfile keeps a format's write_short, and for a pass-through stage the
 * stage its sound goes on to. Each operation returns a narrator_status (a file's failure
 * is NARRATOR_ERR_IO, the speakers' _AUDIO, a callback's "stop" _CALLBACK) and fills err
 * with one sentence naming the output.
 *   pcm     n samples. A sink that takes none (a sink of pieces) leaves it NULL; so does a
 *           pass-through stage that leaves the sound as it is (it goes on to next).
 *   piece   an encoded piece (nr_piece). A sink that takes them names the encoder that
 *           makes them (encoder): the workers encode with it on every core, and sound
 *           spoken in this process is encoded the same way by the chain (pieces.c), so
 *           such a sink only ever gets pieces. NULL: passed on / not taken.
 *   event   a chunk begins (how its sound comes: NR_SOUND_PCM, _PIECES) or ends, a mark,
 *           the end of the sound (a stage that holds sound back lets it go then).
 *   close   commits (a file appears only now) and frees; abort discards (nothing is left
 *           behind) and frees. nr_stage_close calls one of them, and takes NULL.
 *   report  a pass-through stage's: adds what it measured to the figures --stats prints
 *           (NULL: nothing).
 * Encoded pieces pass a pass-through stage as they are, with the level of their PCM (so
 * the meter hears them); a stage that changes the sound (gain, loudness) changes PCM only,
 * so with a sink of pieces its change must also reach the encoder the workers run.
 *
 * To add a pass-through stage (gain, resampling, loudness): write src/output/NAME.c — an
 * nr_stage_ops whose pcm hands the sound on with nr_stage_pcm(s->next, ...), and an
 * nr_stage_open_fn named nr_NAME_stage_open (spec says what it may need) — then add X(NAME)
 * to PASSES in chain.c, in the place the sound should reach it. tests/unit/test_sink.c
 * shows how to test one on its own (open, write, close) and in a chain.
 * To add a file format: src/output/NAME.c with a sink's nr_stage_ops and an
 * nr_stage_open_fn, then one line X("ext", opener) in FORMATS in chain.c.
 */
#ifndef NR_STAGE_H
#define NR_STAGE_H
#include <stddef.h>
#include <stdint.h>
#include "narrator.h"
#include "output/chain.h"
#include "util/buf.h"

/* The level of some PCM: enough to join levels measured apart (in the workers) exactly. */
typedef struct {
    uint64_t samples;           /* measured */
    uint64_t sum_squares;       /* of the samples: 2^30 at most each, so 2^34 full-scale
                                   samples (nine days) before it wraps */
    uint32_t peak;              /* the largest |sample|: 32768 for -32768 */
} nr_level;
void nr_level_add(nr_level *l, const int16_t *pcm, size_t n);
void nr_level_join(nr_level *l, const nr_level *other);
/* In dB of full scale (32768); -HUGE_VAL when there was nothing but silence. */
double nr_level_peak_dbfs(const nr_level *l);
double nr_level_rms_dbfs(const nr_level *l);

/* An encoded piece: whole codec frames, what a decoder makes of them, and the level of the
 * PCM they were made of (so a meter hears sound that never came here as PCM). */
typedef struct {
    const void *bytes;
    size_t len;
    size_t frames;
    size_t decoded_samples;
    nr_level level;
} nr_piece;
/* What an encoder appends to out (chain.h): the piece's figures, then its bytes. Begin
 * returns where the piece starts; the encoder appends the bytes, then seals it with the
 * figures (bytes/len of p are not used). */
size_t nr_piece_begin(nr_buf *out);
void nr_piece_seal(nr_buf *out, size_t at, const nr_piece *p);
/* The piece in bytes[0..len): 0, or -1 when it is not one (too short). */
int nr_piece_read(const void *bytes, size_t len, nr_piece *p);

typedef enum {
    NR_EVENT_CHUNK,             /* chunk, sound */
    NR_EVENT_CHUNK_END,         /* spoken */
    NR_EVENT_MARK,              /* mark */
    NR_EVENT_END,               /* the sound is over (before the outputs are committed) */
} nr_event_kind;
typedef struct {
    nr_event_kind kind;
    const narrator_chunk *chunk; /* valid until its CHUNK_END */
    int sound;                  /* NR_SOUND_PCM and/or NR_SOUND_PIECES */
    int spoken;                 /* 1: all the chunk's sound came; 0: cut short (drop what it left) */
    const char *mark;
} nr_event;

typedef struct nr_stage nr_stage;
typedef struct {
    const char *name;
    narrator_status (*pcm)(nr_stage *s, const int16_t *pcm, size_t n, char *err, size_t errlen);
    narrator_status (*piece)(nr_stage *s, const nr_piece *p, char *err, size_t errlen);
    narrator_status (*event)(nr_stage *s, const nr_event *e, char *err, size_t errlen);
    narrator_status (*close)(nr_stage *s, char *err, size_t errlen);
    void (*abort)(nr_stage *s);
    void (*report)(const nr_stage *s, nr_level *level);
    const nr_encoder *encoder;  /* a sink of pieces: what makes them */
} nr_stage_ops;
struct nr_stage {
    const nr_stage_ops *ops;
    nr_stage *next;             /* a pass-through stage's: where its sound goes (the chain sets it) */
};

/* Through a stage: to its handler, or on to next when it has none; NULL s takes anything. */
narrator_status nr_stage_pcm(nr_stage *s, const int16_t *pcm, size_t n, char *err, size_t errlen);
narrator_status nr_stage_piece(nr_stage *s, const nr_piece *p, char *err, size_t errlen);
narrator_status nr_stage_event(nr_stage *s, const nr_event *e, char *err, size_t errlen);
/* commit = 1: close; 0: abort (NARRATOR_OK). NULL s: a no-op. */
narrator_status nr_stage_close(nr_stage *s, int commit, char *err, size_t errlen);

/* For a stage that is one block of memory: a zeroed block of `size` bytes (the stage's
 * struct, its nr_stage first) with its ops set, or NULL with "out of memory" in err. */
void *nr_stage_alloc(size_t size, const nr_stage_ops *ops, char *err, size_t errlen);
/* Its close and abort when it has nothing to commit or drop: they free the block. */
narrator_status nr_stage_free_close(nr_stage *s, char *err, size_t errlen);
void nr_stage_free(nr_stage *s);

/* What a stage is opened with: the chain's rate, and what its kind of output needs. */
typedef struct {
    int rate;                   /* of the PCM it gets */
    const char *path;           /* a file: the target; "-": standard output */
    const char *title, *artist; /* a file's tags; NULL: none */
    const char *driver;         /* the speakers: libao's driver; NULL: its default */
    narrator_audio_fn audio_fn; /* the callback, with its user pointer */
    void *audio_user;
} nr_stage_spec;
typedef narrator_status nr_stage_open_fn(nr_stage **out, const nr_stage_spec *spec, char *err, size_t errlen);

/* Opens the file stage for spec->path: the format from its extension, as FORMATS in
 * chain.c lists them; an unknown one is NARRATOR_ERR_FORMAT, naming the known ones. */
narrator_status nr_stage_open_file(nr_stage **out, const nr_stage_spec *spec, char *err, size_t errlen);

/* The stages of this folder (the file formats' openers are declared by FORMATS, the
 * pass-through stages' by PASSES, both in chain.c). */
narrator_status nr_speaker_stage_open(nr_stage **out, const nr_stage_spec *spec, char *err, size_t errlen);
narrator_status nr_callback_stage_open(nr_stage **out, const nr_stage_spec *spec, char *err, size_t errlen);
/* Points the callback stage at another function (NULL: it passes nothing on). */
void nr_callback_stage_set(nr_stage *s, narrator_audio_fn fn, void *user);
/* The chain's own encoder (pieces.c): PCM spoken here, gathered by chunk, encoded with enc
 * when the chunk ends and handed on as a piece; pieces coming in pass through. */
narrator_status nr_pieces_stage_open(nr_stage **out, int rate, const nr_encoder *enc, char *err, size_t errlen);

/* The extension of path's last component without its dot, or NULL ("a", ".wav", "a."). */
const char *nr_stage_extension(const char *path);
/* snprintf into err when there is room; err may be NULL or errlen 0. */
void nr_stage_errf(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
