/*
 * mp3seg.h — MP3 encoded in pieces (mp3seg.c: in the synthesis workers, or by the chain
 * for sound spoken here), joined into one file (mp3file.c).
 *
 * LAME costs several times the synthesis, so each worker encodes the piece of speech it
 * spoke and the parent only concatenates. A piece is mono int16 PCM that ends in at least
 * 150 ms of digital silence (the planned pause). Independently encoded pieces join
 * cleanly: each starts with a fresh bit reservoir (its first frame never borrows from the
 * one before), and the join falls inside silence.
 *
 * Length: a decoder turns a piece of F frames into F * frame-size samples (no gapless
 * trimming without a LAME tag): LAME 3.100's encoder delay (576) + the samples encoded +
 * its padding (576 to 576 + frame-size - 1). nr_mp3seg_encode trims the piece's trailing
 * silence so that F * frame-size is the multiple of the frame size nearest to n (never
 * trimming more than the silence there is), so the joined file keeps the pieces' timing
 * to within half a frame each (13 ms at 22050 Hz). Within its piece the sound comes out
 * 1105 samples later (LAME's 576 + every decoder's 529); mpg123 (libsndfile) drops its 529
 * once, at the start of the file, when the Xing frame gives the length, so a joined file
 * decodes to the sum of the pieces' decoded_samples minus 529.
 *
 * libmp3lame.so.0 is loaded at first use (dynlib.h). Only src/output/ includes lame.h.
 */
#ifndef NR_MP3SEG_H
#define NR_MP3SEG_H
#include <stddef.h>
#include <stdint.h>
#include "output/chain.h"
#include "util/buf.h"

/* Encodes one piece (n samples of mono PCM at rate Hz) as raw MPEG audio frames, VBR like
 * `lame -V 6`, without ID3 or Xing/LAME tag frames, appended to out. On success *frames
 * is the number of frames appended and *decoded_samples what a decoder makes of them
 * (frames * frame size). 0 ok; -1 with a sentence in err (out then holds what it held
 * before). Keeps no state but the loaded library: safe in a forked worker. */
int nr_mp3seg_encode(const int16_t *pcm, size_t n, int rate, nr_buf *out, size_t *frames,
                     size_t *decoded_samples, char *err, size_t errlen);

/* The samples of pcm[0..n) to encode so that the decoded piece is as close to n as
 * trailing silence allows, for LAME's encoder delay and frame size (see the top). */
size_t nr_mp3seg_trim(const int16_t *pcm, size_t n, int delay, int frame_size);

/* The MP3 file's encoder: nr_mp3seg_encode's frames as a piece (stage.h), with the level
 * of the PCM encoded. */
extern const nr_encoder nr_mp3_encoder;

/* ---- MPEG audio frame headers: what the encoder counts and the file's Xing frame needs ---- */

/* What the 4-byte header of every frame in one file shares. */
typedef struct {
    int version;    /* header bits 19-20: 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5 */
    int rate_index; /* bits 10-11 */
    int rate;
    int spf;        /* samples per frame: 1152 (MPEG-1) or 576 */
    int side;       /* bytes of mono side information after the header */
} nr_mpeg_kind;
/* The kind of frame that carries rate; 0, or -1 when MPEG has no such rate. */
int nr_mpeg_kind_of_rate(int rate, nr_mpeg_kind *k);
/* Bytes in a Layer III frame of this kind at bitrate index b, with the padding slot or not. */
size_t nr_mpeg_frame_bytes(const nr_mpeg_kind *k, int b, int padded);
/* Counts the frames of kind k that fill p[0..len) exactly, calling each(ctx, offset) for
 * every frame when each is given. -1 when the bytes are not whole frames, -2 when each
 * failed. */
long nr_mpeg_count_frames(const unsigned char *p, size_t len, const nr_mpeg_kind *k,
                          int (*each)(void *ctx, size_t offset), void *ctx);

/* ---- the joined file (mp3file.c; the MP3 stage writes through it) ---- */

typedef struct nr_mp3file nr_mp3file;

/* Opens path for writing pieces: a hidden temporary file beside it gets an ID3v2.4 tag
 * (UTF-8 TIT2/TPE1, only when title or artist is given, either may be NULL) and room for a
 * Xing frame. rate is the pieces' sample rate (an MPEG rate: 8000 to 48000). 0 ok, -1 with
 * a sentence naming the path in err (and nothing left behind). */
int nr_mp3file_open(nr_mp3file **out, const char *path, int rate, const char *title,
                    const char *artist, char *err, size_t errlen);

/* Appends one encoded piece: len bytes holding exactly n_frames whole frames at the file's
 * rate, decoding to decoded_samples (= n_frames * frame size), as nr_mp3seg_encode made
 * them. 0 ok; -1 with a sentence in err (the file can then only be discarded). */
int nr_mp3file_write(nr_mp3file *f, const void *frames_bytes, size_t len, size_t n_frames,
                     size_t decoded_samples, char *err, size_t errlen);

/* Finishes and frees. commit=1: fills in the Xing frame (frames, bytes, a 100-entry TOC)
 * and renames the file into place; commit=0 (or any failure, now or earlier) removes the
 * temporary file. 0 ok, -1 with a sentence in err. NULL f is a no-op. */
int nr_mp3file_close(nr_mp3file *f, int commit, char *err, size_t errlen);

#endif
