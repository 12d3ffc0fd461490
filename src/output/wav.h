/*
 * wav.h — narrator's WAV writer: mono 16-bit PCM, into a file or onto a stream.
 *
 * libsndfile would do, but it cannot write WAV to a pipe, and it writes a plain RIFF file
 * whose 32-bit sizes wrap past 4 GiB. One small writer serves both outputs:
 *
 * A file: "RIFF" size "WAVE", a JUNK chunk the size of a ds64 chunk (readers skip JUNK),
 * fmt, the title and artist as LIST/INFO INAM/IART (as libsndfile writes them: raw bytes,
 * NUL-padded to an even size), then data. At the end the sizes are filled in: a plain WAV
 * when the RIFF size fits in 32 bits, else an RF64 file (EBU Tech 3306): "RF64", the JUNK
 * chunk turned into ds64 with the 64-bit sizes, and 0xFFFFFFFF in the 32-bit fields.
 * The environment variable NARRATOR_TEST_RF64_LIMIT (bytes) lowers the largest RIFF size
 * of a plain WAV, so that the tests see RF64 without writing 4 GiB.
 *
 * A stream (standard output): the 44-byte header streaming tools write, sizes "unknown"
 * (0xFFFFFFFF), no tags; every write goes out at once (a listener may be waiting). When
 * the stream is a regular file we can seek in, the end puts in the real sizes if they fit
 * in 32 bits; past that they stay "unknown".
 *
 * A file's PCM is gathered into 64 KB writes (small writes cost the kernel a partial block
 * each), a large piece with nothing gathered goes straight out, and writeback is started
 * every 8 MB (nr_sink_write_behind).
 */
#ifndef NR_WAV_H
#define NR_WAV_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct nr_wav nr_wav;

/* Starts a WAV file on fd (at its start; fd open for writing, pwrite possible); title and
 * artist may be NULL. `shown` names the output in messages and must outlive the writer.
 * 0 ok, -1 with a sentence in err. */
int nr_wav_open_file(nr_wav **out, int fd, const char *shown, int rate, const char *title,
                     const char *artist, char *err, size_t errlen);

/* Starts a WAV stream on fd; fix_at is where its header begins when the sizes can be put
 * in at the end (a seekable regular file), else -1. 0 ok, -1 with a sentence in err. */
int nr_wav_open_stream(nr_wav **out, int fd, const char *shown, int rate, off_t fix_at,
                       char *err, size_t errlen);

/* n samples. 0 ok, -1 with a sentence in err (the output is then only good to discard). */
int nr_wav_write(nr_wav *w, const int16_t *pcm, size_t n, char *err, size_t errlen);

/* Writes out what is gathered and puts the sizes into the header (see the top); fd stays
 * open. 0 ok, -1 with a sentence in err. On a stream only a best effort, never an error. */
int nr_wav_finish(nr_wav *w, char *err, size_t errlen);

/* Frees the writer (not the fd). NULL is a no-op. */
void nr_wav_free(nr_wav *w);

#endif
