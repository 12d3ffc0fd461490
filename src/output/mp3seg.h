/*
 * mp3seg.h — MP3 encoded in pieces (in worker processes), joined into one file.
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
 * libmp3lame.so.0 is loaded at first use (dynlib.h). Only src/sink/ includes lame.h.
 */
#ifndef NR_MP3SEG_H
#define NR_MP3SEG_H
#include <stddef.h>
#include <stdint.h>
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
