/*
 * chain.h — where the sound goes, as the engine sees it: one chain of output stages.
 *
 * The engine makes a chain once it has sound to give (at the first output it is asked
 * for), adds the outputs the host asks for — one file (its format from the extension),
 * the speakers, the audio callback — and writes every chunk's sound into the chain's
 * head: PCM spoken in this process, or pieces encoded by the synthesis workers. What
 * lies between (a level meter today; resampling, loudness later) and how each format is
 * written is the chain's business (stage.h explains the stages); the engine only asks the
 * chain what the workers should hand back (nr_chain_wants) and with what they encode
 * (nr_chain_encoder).
 *
 * Every call returns a narrator_status (NARRATOR_ERR_IO for a file, _AUDIO for the
 * speakers, _CALLBACK when the host's callback said stop — then err is left alone —,
 * _NOMEM) and fills err with one sentence.
 */
#ifndef NR_CHAIN_H
#define NR_CHAIN_H
#include <stddef.h>
#include <stdint.h>
#include "narrator.h"
#include "util/buf.h"

typedef struct nr_chain nr_chain;

/* How a chunk's sound reaches the chain: as PCM, as encoded pieces, or both. */
enum { NR_SOUND_PCM = 1, NR_SOUND_PIECES = 2 };

/* What turns sound into encoded pieces, in whatever process runs it (a synthesis worker,
 * forked from this one, or this one): encode appends the piece made of pcm[0..n) — mono
 * at rate Hz, ending in the chunks' pauses — to out, in the form nr_chain_piece takes.
 * `self` is the encoder itself. 0 ok; -1 with a sentence in err (out as it was). The
 * encoders are static data, so a fork has them where the parent has them. */
typedef struct nr_encoder {
    int (*encode)(const void *self, const int16_t *pcm, size_t n, int rate, nr_buf *out, char *err, size_t errlen);
} nr_encoder;

/* A chain for PCM at rate Hz, with no output yet. */
narrator_status nr_chain_new(nr_chain **out, int rate, char *err, size_t errlen);
/* Frees; an output not finished is discarded (nothing is left behind). NULL: a no-op. */
void nr_chain_free(nr_chain *c);

/* 1 if the chain writes the format of path (by its extension, any case, or "-": WAV on
 * standard output), else 0. */
int nr_chain_format_known(const char *path);
/* "wav, mp3, flac, ogg, opus": the formats, for messages and --help. */
const char *nr_chain_format_list(void);

/* The outputs. A file (title/artist may be NULL; NARRATOR_ERR_IO when it cannot be
 * opened), the speakers (libao's driver, NULL its default; _AUDIO), the audio callback
 * (NULL fn removes it). The file and the speakers last until nr_chain_finish, the
 * callback until it is replaced. */
narrator_status nr_chain_open_file(nr_chain *c, const char *path, const char *title, const char *artist,
                                   char *err, size_t errlen);
narrator_status nr_chain_open_speaker(nr_chain *c, const char *driver, char *err, size_t errlen);
narrator_status nr_chain_set_callback(nr_chain *c, narrator_audio_fn fn, void *user, char *err, size_t errlen);
/* 1 if a file / the speakers are open (0 for a NULL chain). */
int nr_chain_has_file(const nr_chain *c);
int nr_chain_has_speaker(const nr_chain *c);

/* What the outputs take: NR_SOUND_PCM and/or NR_SOUND_PIECES; 0 when nobody listens (or c
 * is NULL). Sound spoken in this process always comes as PCM: the chain encodes the
 * pieces of it itself. */
int nr_chain_wants(const nr_chain *c);
/* The encoder of the pieces wanted, or NULL when none are. */
const nr_encoder *nr_chain_encoder(const nr_chain *c);

/* A chunk begins: its sound comes as `sound` (NR_SOUND_*), chunk stays valid until the
 * chunk ends. It ends when all its sound came (spoken = 1) or when it was cut short
 * (spoken = 0: what it left behind is dropped, and that never fails). */
narrator_status nr_chain_chunk_start(nr_chain *c, const narrator_chunk *chunk, int sound, char *err, size_t errlen);
narrator_status nr_chain_chunk_end(nr_chain *c, int spoken, char *err, size_t errlen);
/* An SSML mark reached, after all the sound before it. */
narrator_status nr_chain_mark(nr_chain *c, const char *name, char *err, size_t errlen);
/* Sound: n samples of PCM; or one encoded piece, as an encoder made it. */
narrator_status nr_chain_pcm(nr_chain *c, const int16_t *pcm, size_t n, char *err, size_t errlen);
narrator_status nr_chain_piece(nr_chain *c, const void *piece, size_t len, char *err, size_t errlen);

/* The sound is over: what the stages hold goes out, then the file is committed (it
 * appears now) and the speakers are closed. The chain stays, with its figures and the
 * callback, for more sound and new outputs. */
narrator_status nr_chain_finish(nr_chain *c, char *err, size_t errlen);

/* Figures so far (what --stats prints). */
typedef struct {
    double seconds;         /* sound handed to the outputs (with a file of pieces: its length) */
    double peak_dbfs;       /* the loudest sample, dB of full scale; -HUGE_VAL: silence or nothing */
    double rms_dbfs;        /* the root mean square of all samples, pauses included */
} nr_chain_figures;
/* NULL c: no sound, 0 s. */
void nr_chain_report(const nr_chain *c, nr_chain_figures *out);

#endif
