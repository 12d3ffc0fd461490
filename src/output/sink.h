/*
 * sink.h — where the audio goes: a file (WAV: wav.c; FLAC, Ogg Opus: libsndfile) or the
 * speakers (libao).
 *
 * The engine hands every sink the same thing: mono int16 PCM at the synthesizer's rate
 * (22050 Hz from eSpeak NG). A sink converts what it must (Opus needs 24 kHz) and hides
 * its library. File sinks never leave a partial file behind: they write an unnamed file in
 * the target's directory and name it, over the target, only on close(commit=1) (outfile.c).
 *
 * Only src/sink/ includes sndfile.h, ao/ao.h or samplerate.h.
 */
#ifndef NR_SINK_H
#define NR_SINK_H
#include <stddef.h>
#include <stdint.h>

typedef struct nr_sink nr_sink;

/* Opens an audio file; format from the extension (case-insensitive: .wav .flac .ogg
 * .opus; MP3 has its own writer, sink/mp3seg.h); "-" = WAV on standard output.
 * title/artist may be NULL. 0 ok, -1 error (one sentence naming the path in err). */
int nr_sink_open_file(nr_sink **out, const char *path, int in_rate,
                      const char *title, const char *artist, char *err, size_t errlen);

/* Opens the speakers through libao; driver NULL = libao's default ("null" plays nowhere). */
int nr_sink_open_speaker(nr_sink **out, const char *driver, int in_rate, char *err, size_t errlen);

/* Mono int16 samples at in_rate. 0 ok, -1 error (the sink should then be closed with
 * commit=0; closing it with commit=1 discards it too and reports the earlier failure). */
int nr_sink_write(nr_sink *s, const int16_t *pcm, size_t n, char *err, size_t errlen);

/* Finishes and frees. commit=1: flush and move the file into place; commit=0: discard
 * (unlink temp). 0 ok, -1 error (then nothing is left behind). NULL s is a no-op.
 * On standard output nothing can be taken back: commit=0 just stops. */
int nr_sink_close(nr_sink *s, int commit, char *err, size_t errlen);

/* Seconds of audio written so far (at in_rate). */
double nr_sink_seconds(const nr_sink *s);

/* "wav, mp3, flac, ogg, opus" — for --help. */
const char *nr_sink_format_list(void);

/* 1 if narrator writes the format of path (by its extension, or "-"), else 0. */
int nr_sink_format_known(const char *path);
/* 1 if path ends in .mp3 (any case): written by sink/mp3seg.h, not nr_sink_open_file. */
int nr_sink_is_mp3(const char *path);

/* ---- for the files in src/sink/ only: the backends behind the dispatch in sink.c ---- */

struct nr_file_sink;
struct nr_speaker_sink;

/* Each returns NULL / -1 with a sentence in err, like the public calls. */
struct nr_file_sink *nr_file_sink_open(const char *path, int in_rate, const char *title,
                                       const char *artist, char *err, size_t errlen);
int nr_file_sink_write(struct nr_file_sink *f, const int16_t *pcm, size_t n, char *err, size_t errlen);
int nr_file_sink_close(struct nr_file_sink *f, int commit, char *err, size_t errlen);

struct nr_speaker_sink *nr_speaker_sink_open(const char *driver, int in_rate, char *err, size_t errlen);
int nr_speaker_sink_write(struct nr_speaker_sink *sp, const int16_t *pcm, size_t n, char *err, size_t errlen);
int nr_speaker_sink_close(struct nr_speaker_sink *sp, char *err, size_t errlen);

/* Output files that appear whole (outfile.c): written unnamed (O_TMPFILE) in the directory
 * of path's target (path with the symbolic links at its end followed), or where that is
 * refused as a hidden ".<base>.XXXXXX" beside it; mode 0666 & ~umask. */
typedef struct {
    int fd;         /* open for writing; -1 once committed or discarded */
    char *target;   /* the file replaced at commit */
    char *tmp;      /* the hidden name while there is one, else NULL */
} nr_outfile;
/* 0 ok, -1 (errno) with nothing made. */
int nr_outfile_open(nr_outfile *o, const char *path);
/* Names the file: it replaces the target (keeping that file's permission bits, and for
 * root its owner), and closes it. 0 ok, -1 (errno) with nothing left. Either way o is done. */
int nr_outfile_commit(nr_outfile *o);
/* Closes and removes the file; a no-op once committed or discarded. */
void nr_outfile_discard(nr_outfile *o);
/* For the tests: 1 = no O_TMPFILE, always the named temporary (the fallback). */
void nr_outfile_force_named(int on);

/* Writes all n bytes (retrying short writes); 0 ok, -1 (errno). */
int nr_sink_write_all(int fd, const void *buf, size_t n);
/* Counts `written` bytes and, every 8 MB, starts the kernel writing the file back (no
 * waiting). A long file left all dirty is written back at once when the closing rename
 * replaces an older file (ext4 does so to keep the new data safe): a third of a second for
 * a 380 MB WAV, with nothing else left to do. Only a hint: errors still come from write(). */
void nr_sink_write_behind(int fd, size_t *unflushed, size_t written);

/* snprintf into err when there is room; err may be NULL or errlen 0. */
void nr_sink_errf(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
