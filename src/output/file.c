/*
 * file.c — audio files: WAV through narrator's own writer (wav.c), on a file or standard
 * output; FLAC and Ogg Opus through libsndfile.
 *
 * One table maps an extension to its writer and the sample rates it takes; everything
 * else is one code path. Opus only takes 8/12/16/24/48 kHz, so when the synthesizer's
 * rate (22050 Hz) is not one of a format's rates, libsamplerate converts each write as it
 * comes (streaming) and is flushed at close.
 *
 * Nothing partial is left behind: files are written through outfile.c, unnamed until
 * close(commit=1) puts them over the target; any error or commit=0 drops them.
 *
 * WAV is ours, not libsndfile's: libsndfile 1.2 refuses to write WAV to a pipe ("this
 * file format does not support pipe write") and writes a plain RIFF file whose 32-bit
 * sizes wrap past 4 GiB; wav.c writes standard output too and turns a long file into
 * RF64. On standard output a terminal is refused: binary audio there is never what the
 * user meant. WAV needs no library: narrator opens libsndfile for FLAC and Ogg Opus only.
 *
 * Tags: wav.c writes title and artist as LIST/INFO INAM/IART, as libsndfile did (none on
 * standard output). libsndfile 1.2.0 keeps them in FLAC and Ogg Opus as Vorbis comments
 * (UTF-8); they must be set before the first sample is written, so we set them right
 * after opening.
 *
 * MP3 is not written here: libsndfile's (LAME's ID3 writer) keeps tags only as Latin-1;
 * mp3seg.c writes MP3 pieces with an ID3v2.4 UTF-8 tag, whatever the number of workers.
 * The extension is still known here, so one list names every output format.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* the Makefile sets it; this keeps a bare compile working */
#endif
#include "output/sink.h"
#include <errno.h>
#include <fcntl.h>
#include <samplerate.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/dynlib.h"
#include "output/wav.h"

/* libsndfile, loaded at first use (dynlib.h): calls below go through these pointers. */
#define SNDFILE_FUNCTIONS(X) X(sf_close) X(sf_command) X(sf_error_number) X(sf_format_check) \
    X(sf_open_fd) X(sf_set_string) X(sf_strerror) X(sf_write_float) X(sf_write_short)
SNDFILE_FUNCTIONS(NR_DYNLIB_POINTER)
static const nr_dynsym sndfile_lib_syms[] = { SNDFILE_FUNCTIONS(NR_DYNLIB_SYMBOL) };
static nr_dynlib sndfile_lib = NR_DYNLIB("libsndfile.so.1", sndfile_lib_syms);
#define sf_close (*sf_close_p)
#define sf_command (*sf_command_p)
#define sf_error_number (*sf_error_number_p)
#define sf_format_check (*sf_format_check_p)
#define sf_open_fd (*sf_open_fd_p)
#define sf_set_string (*sf_set_string_p)
#define sf_strerror (*sf_strerror_p)
#define sf_write_float (*sf_write_float_p)
#define sf_write_short (*sf_write_short_p)

/* libsamplerate, loaded at first use (dynlib.h): calls below go through these pointers. */
#define SAMPLERATE_FUNCTIONS(X) X(src_delete) X(src_new) X(src_process) \
    X(src_short_to_float_array) X(src_strerror)
SAMPLERATE_FUNCTIONS(NR_DYNLIB_POINTER)
static const nr_dynsym samplerate_lib_syms[] = { SAMPLERATE_FUNCTIONS(NR_DYNLIB_SYMBOL) };
static nr_dynlib samplerate_lib = NR_DYNLIB("libsamplerate.so.0", samplerate_lib_syms);
#define src_delete (*src_delete_p)
#define src_new (*src_new_p)
#define src_process (*src_process_p)
#define src_short_to_float_array (*src_short_to_float_array_p)
#define src_strerror (*src_strerror_p)

_Static_assert(sizeof(short) == sizeof(int16_t), "libsndfile's short must be 16 bits");

static const int opus_rates[] = {8000, 12000, 16000, 24000, 48000, 0};

static const struct nr_format {
    const char *ext;  /* lower case, no dot */
    int sf_format;    /* 0: WAV, narrator's own writer (wav.c) */
    const int *rates; /* zero-terminated list of rates the codec takes; NULL = any */
} formats[] = {
    {"wav", 0, NULL},
    {"flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, NULL},
    {"ogg", SF_FORMAT_OGG | SF_FORMAT_OPUS, opus_rates},
    {"opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, opus_rates},
};
/* Keep these two in step with the table and MP3 (mp3seg.c). */
#define FORMAT_LIST "wav, mp3, flac, ogg, opus"
#define FORMAT_HINT "use .wav, .mp3, .flac, .ogg or .opus"

#define BLOCK 4096 /* samples per conversion step; any input size is processed in steps */

struct nr_file_sink {
    char *path;             /* the target as given */
    nr_outfile out;         /* the file being written (fd -1 on standard output) */
    nr_wav *wav;            /* WAV, to the file or standard output */
    SNDFILE *sf;            /* FLAC, Ogg Opus */
    SRC_STATE *src;         /* only when the format needs another rate */
    double ratio;           /* out_rate / in_rate */
    int failed;             /* a write failed: the file can only be discarded */
    int in_rate;
    int is_stdout;
    size_t unflushed;       /* bytes handed to libsndfile since writeback was last started */
    float fin[BLOCK], fout[BLOCK];
};

const char *nr_sink_format_list(void) { return FORMAT_LIST; }

/* The extension of the last path component without its dot, or NULL ("a", ".wav", "a."). */
static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base && dot[1] ? dot + 1 : NULL;
}

static const struct nr_format *find_format(const char *path)
{
    const char *ext = extension(path);
    if (!ext) return NULL;
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        if (strcasecmp(ext, formats[i].ext) == 0) return &formats[i];
    return NULL;
}

int nr_sink_is_mp3(const char *path)
{
    const char *ext = path ? extension(path) : NULL;
    return ext && strcasecmp(ext, "mp3") == 0;
}

int nr_sink_format_known(const char *path)
{
    return path && (strcmp(path, "-") == 0 || find_format(path) != NULL || nr_sink_is_mp3(path));
}

/* Sets one tag; formats without tags say no, which is fine, so the result is not checked. */
static void set_tag(const struct nr_file_sink *f, int which, const char *value)
{
    if (value) sf_set_string(f->sf, which, value);
}

/* in_rate if the codec takes it, else the next rate up it takes (the highest at worst). */
static int pick_rate(const int *rates, int in_rate)
{
    if (!rates) return in_rate;
    int last = in_rate;
    for (const int *r = rates; *r; r++) {
        if (*r >= in_rate) return *r;
        last = *r;
    }
    return last;
}

/* Frees everything; the file, if not committed, is dropped. Never touches fd 1. */
static void discard(struct nr_file_sink *f)
{
    nr_wav_free(f->wav);
    if (f->sf) sf_close(f->sf);
    if (f->src) src_delete(f->src);
    nr_outfile_discard(&f->out);
    free(f->path);
    free(f);
}

static const char *shown(const struct nr_file_sink *f) { return f->is_stdout ? "standard output" : f->path; }

/* ---- standard output: WAV as a stream ---- */

static struct nr_file_sink *stdout_open(struct nr_file_sink *f, char *err, size_t errlen)
{
    f->is_stdout = 1;
    int fd = STDOUT_FILENO;
    if (isatty(fd)) {
        nr_sink_errf(err, errlen, "cannot write audio to standard output: it is a terminal "
                                  "(redirect it to a file or a pipe)");
        discard(f);
        return NULL;
    }
    fflush(stdout); /* anything the program printed goes before the header, not into the audio */
    struct stat st;
    int fl = fcntl(fd, F_GETFL);
    off_t start = lseek(fd, 0, SEEK_CUR);
    int can_fix = start >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && fl >= 0 && !(fl & O_APPEND);
    if (nr_wav_open_stream(&f->wav, fd, shown(f), f->in_rate, can_fix ? start : -1, err, errlen)) {
        discard(f);
        return NULL;
    }
    return f;
}

/* ---- files ---- */

/* Opens the file that appears whole at the end; 0, or -1 with a sentence in err. */
static int open_out(struct nr_file_sink *f, char *err, size_t errlen)
{
    if (nr_outfile_open(&f->out, f->path) == 0) return 0;
    nr_sink_errf(err, errlen, "cannot write %s: %s", f->path, strerror(errno));
    return -1;
}

static struct nr_file_sink *wav_open(struct nr_file_sink *f, const char *title, const char *artist,
                                     char *err, size_t errlen)
{
    if (open_out(f, err, errlen) ||
        nr_wav_open_file(&f->wav, f->out.fd, f->path, f->in_rate, title, artist, err, errlen)) {
        discard(f);
        return NULL;
    }
    return f;
}

static struct nr_file_sink *sndfile_open(struct nr_file_sink *f, const struct nr_format *fmt, const char *title,
                                         const char *artist, char *err, size_t errlen)
{
    const char *path = f->path;
    int in_rate = f->in_rate;
    char why[256];
    if (nr_dynlib_load(&sndfile_lib, why, sizeof why)) {
        nr_sink_errf(err, errlen, "cannot write %s: %s", path, why);
        discard(f);
        return NULL;
    }

    SF_INFO info = {0};
    info.samplerate = pick_rate(fmt->rates, in_rate);
    info.channels = 1;
    info.format = fmt->sf_format;
    if (!sf_format_check(&info)) {
        nr_sink_errf(err, errlen, "cannot write %s: this libsndfile cannot write .%s files at %d Hz",
                     path, fmt->ext, info.samplerate);
        discard(f);
        return NULL;
    }
    if (open_out(f, err, errlen)) {
        discard(f);
        return NULL;
    }
    /* close_desc = 0: the fd is outfile.c's to close, whatever libsndfile did. */
    f->sf = sf_open_fd(f->out.fd, SFM_WRITE, &info, 0);
    if (!f->sf) {
        nr_sink_errf(err, errlen, "cannot write %s: %s", path, sf_strerror(NULL));
        discard(f);
        return NULL;
    }
    set_tag(f, SF_STR_TITLE, title);
    set_tag(f, SF_STR_ARTIST, artist);

    if (info.samplerate != in_rate) {
        if (nr_dynlib_load(&samplerate_lib, why, sizeof why)) {
            nr_sink_errf(err, errlen, "cannot write %s: %s", path, why);
            discard(f);
            return NULL;
        }
        int e = 0;
        f->src = src_new(SRC_SINC_MEDIUM_QUALITY, 1, &e);
        if (!f->src) {
            nr_sink_errf(err, errlen, "cannot write %s: cannot resample to %d Hz: %s", path,
                         info.samplerate, src_strerror(e));
            discard(f);
            return NULL;
        }
        f->ratio = (double)info.samplerate / in_rate;
        /* Resampled floats may overshoot ±1.0 a little: clip, never wrap around. */
        sf_command(f->sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
    }
    return f;
}

struct nr_file_sink *nr_file_sink_open(const char *path, int in_rate, const char *title,
                                       const char *artist, char *err, size_t errlen)
{
    if (!path || !*path) {
        nr_sink_errf(err, errlen, "cannot write audio: no output path given");
        return NULL;
    }
    if (in_rate <= 0) {
        nr_sink_errf(err, errlen, "cannot write %s: invalid sample rate %d", path, in_rate);
        return NULL;
    }
    const struct nr_format *fmt = strcmp(path, "-") == 0 ? NULL : find_format(path);
    if (!fmt && strcmp(path, "-") != 0) {
        const char *ext = extension(path);
        if (nr_sink_is_mp3(path))
            nr_sink_errf(err, errlen, "cannot write %s: MP3 is written by the MP3 joiner (sink/mp3seg.h)", path);
        else if (ext)
            nr_sink_errf(err, errlen, "cannot write %s: unknown output format '.%s' (" FORMAT_HINT ")",
                         path, ext);
        else
            nr_sink_errf(err, errlen, "cannot write %s: no extension to tell the output format ("
                         FORMAT_HINT ")", path);
        return NULL;
    }

    struct nr_file_sink *f = calloc(1, sizeof *f);
    if (f) f->path = strdup(path);
    if (!f || !f->path) {
        nr_sink_errf(err, errlen, "cannot write %s: out of memory", path);
        free(f);
        return NULL;
    }
    f->out.fd = -1; /* no file yet (calloc's 0 would be standard input) */
    f->in_rate = in_rate;
    if (!fmt) return stdout_open(f, err, errlen);
    if (!fmt->sf_format) return wav_open(f, title, artist, err, errlen);
    return sndfile_open(f, fmt, title, artist, err, errlen);
}

/* Feeds n samples (none with end_of_input to flush) through the resampler into the file. */
static int resample_write(struct nr_file_sink *f, const int16_t *pcm, size_t n, int end_of_input,
                          char *err, size_t errlen)
{
    size_t done = 0;
    do {
        size_t k = n - done < BLOCK ? n - done : BLOCK;
        if (k) src_short_to_float_array(pcm + done, f->fin, (int)k);
        size_t used = 0;
        for (;;) {
            SRC_DATA d = {0};
            d.data_in = used < k ? f->fin + used : f->fin; /* fin + BLOCK would "overlap" fout */
            d.input_frames = (long)(k - used);
            d.data_out = f->fout;
            d.output_frames = BLOCK;
            d.end_of_input = end_of_input && done + k == n;
            d.src_ratio = f->ratio;
            int e = src_process(f->src, &d);
            if (e) {
                nr_sink_errf(err, errlen, "cannot write %s: resampling failed: %s", f->path, src_strerror(e));
                return -1;
            }
            used += (size_t)d.input_frames_used;
            if (d.output_frames_gen > 0 && sf_write_float(f->sf, f->fout, d.output_frames_gen) != d.output_frames_gen) {
                nr_sink_errf(err, errlen, "cannot write %s: %s", f->path, sf_strerror(f->sf));
                return -1;
            }
            if (used == k && d.output_frames_gen == 0) break;
        }
        done += k;
    } while (done < n);
    return 0;
}

/* Hands PCM to libsndfile, and starts writeback as the file grows. */
static int write_through(struct nr_file_sink *f, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    if (n && sf_write_short(f->sf, pcm, (sf_count_t)n) != (sf_count_t)n) {
        nr_sink_errf(err, errlen, "cannot write %s: %s", f->path, sf_strerror(f->sf));
        return -1;
    }
    nr_sink_write_behind(f->out.fd, &f->unflushed, n * sizeof *pcm);
    return 0;
}

int nr_file_sink_write(struct nr_file_sink *f, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    if (f->failed) {
        nr_sink_errf(err, errlen, "cannot write %s: an earlier write failed", shown(f));
        return -1;
    }
    int rc = 0;
    if (f->wav)
        rc = nr_wav_write(f->wav, pcm, n, err, errlen);
    else if (f->src)
        rc = resample_write(f, pcm, n, 0, err, errlen);
    else
        rc = write_through(f, pcm, n, err, errlen);
    if (rc) f->failed = 1;
    return rc;
}

/* Finishes the file and puts it over the target; on failure the caller's discard() drops it. */
static int commit_file(struct nr_file_sink *f, char *err, size_t errlen)
{
    if (f->wav && nr_wav_finish(f->wav, err, errlen)) return -1;
    if (f->src && resample_write(f, NULL, 0, 1, err, errlen)) return -1;
    if (f->sf) {
        int e = sf_close(f->sf);
        f->sf = NULL;
        if (e) {
            nr_sink_errf(err, errlen, "cannot write %s: %s", f->path, sf_error_number(e));
            return -1;
        }
    }
    if (nr_outfile_commit(&f->out)) {
        nr_sink_errf(err, errlen, "cannot write %s: %s", f->path, strerror(errno));
        return -1;
    }
    return 0;
}

int nr_file_sink_close(struct nr_file_sink *f, int commit, char *err, size_t errlen)
{
    int rc = 0;
    if (commit && f->failed) {
        nr_sink_errf(err, errlen, "cannot write %s: an earlier write failed%s", shown(f),
                     f->is_stdout ? "" : "; nothing was written");
        rc = -1;
    } else if (commit) {
        if (f->is_stdout)
            nr_wav_finish(f->wav, err, errlen); /* best effort: the sizes, if it can seek */
        else
            rc = commit_file(f, err, errlen);
    }
    discard(f);
    return rc;
}
