/*
 * file.c — audio files through libsndfile, and WAV on standard output.
 *
 * One table maps an extension to a libsndfile format and the sample rates it takes;
 * everything else is one code path. Opus only takes 8/12/16/24/48 kHz, so when the
 * synthesizer's rate (22050 Hz) is not one of a format's rates, libsamplerate converts
 * each write as it comes (streaming) and is flushed at close.
 *
 * Nothing partial is left behind: files are written through outfile.c, unnamed until
 * close(commit=1) puts them over the target; any error or commit=0 drops them.
 *
 * Standard output ("-"): libsndfile 1.2 refuses to write WAV to a pipe ("this file format
 * does not support pipe write"), so we write a 44-byte WAV header ourselves with the
 * sizes set to 0xFFFFFFFF ("unknown", as streaming tools do), then raw little-endian
 * PCM. If standard output turns out to be a regular file we can seek in, close fixes
 * the two sizes so the result is an ordinary WAV file. A terminal is refused: binary
 * audio there is never what the user meant.
 *
 * Tags: libsndfile 1.2.0 keeps title and artist in these formats (WAV: LIST/INFO
 * INAM/IART; FLAC, Ogg Opus: Vorbis comments, UTF-8). Except for WAV they must be set
 * before the first sample is written, so we set them right after opening.
 *
 * MP3 is not written here: libsndfile's (LAME's ID3 writer) keeps tags only as Latin-1;
 * mp3seg.c writes MP3 pieces with an ID3v2.4 UTF-8 tag, whatever the number of workers.
 * The extension is still known here, so one list names every output format.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* the Makefile sets it; this keeps a bare compile working */
#endif
#include "sink/sink.h"
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
#include "dynlib.h"

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
    int sf_format;
    const int *rates; /* zero-terminated list of rates the codec takes; NULL = any */
} formats[] = {
    {"wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, NULL},
    {"flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, NULL},
    {"ogg", SF_FORMAT_OGG | SF_FORMAT_OPUS, opus_rates},
    {"opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, opus_rates},
};
/* Keep these two in step with the table and MP3 (mp3seg.c). */
#define FORMAT_LIST "wav, mp3, flac, ogg, opus"
#define FORMAT_HINT "use .wav, .mp3, .flac, .ogg or .opus"

#define BLOCK 4096 /* samples per conversion step; any input size is processed in steps */

#define GATHER 32768        /* samples handed to libsndfile at a time (64 KB) */

struct nr_file_sink {
    char *path;             /* the target */
    nr_outfile out;         /* the file being written (fd -1 on standard output) */
    int fd;                 /* out.fd, or 1 for standard output */
    SNDFILE *sf;
    SRC_STATE *src;         /* only when the format needs another rate */
    double ratio;           /* out_rate / in_rate */
    int failed;             /* a write failed: the file can only be discarded */
    int in_rate;
    /* standard output */
    int is_stdout;
    int can_fix_header;     /* a regular file, not O_APPEND: sizes fixed at close */
    off_t start;            /* where the header begins */
    uint64_t data_bytes;
    float fin[BLOCK], fout[BLOCK];
    unsigned char bytes[BLOCK * 2];
    /* PCM gathered for libsndfile, which writes each call through at once: small writes
     * cost the kernel a partial block to zero for every one of them */
    int16_t pending[GATHER];
    size_t n_pending;
    size_t unflushed;       /* bytes written since writeback was last started */
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
    if (f->sf) sf_close(f->sf);
    if (f->src) src_delete(f->src);
    nr_outfile_discard(&f->out);
    free(f->path);
    free(f);
}

static const char *shown(const struct nr_file_sink *f) { return f->is_stdout ? "standard output" : f->path; }

/* ---- standard output: hand-written WAV header, raw PCM ---- */

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = v & 0xff, p[1] = (v >> 8) & 0xff, p[2] = (v >> 16) & 0xff, p[3] = v >> 24;
}

/* A 44-byte PCM WAV header for mono 16-bit; data_bytes 0xFFFFFFFF = unknown (streaming). */
static void wav_header(unsigned char h[44], int rate, uint32_t data_bytes)
{
    memcpy(h, "RIFF", 4);
    put32(h + 4, data_bytes == 0xFFFFFFFFu ? 0xFFFFFFFFu : data_bytes + 36);
    memcpy(h + 8, "WAVEfmt ", 8);
    put32(h + 16, 16);                                   /* fmt chunk size */
    h[20] = 1, h[21] = 0;                                /* PCM */
    h[22] = 1, h[23] = 0;                                /* mono */
    put32(h + 24, (uint32_t)rate);
    put32(h + 28, (uint32_t)rate * 2);                   /* bytes per second */
    h[32] = 2, h[33] = 0;                                /* block align */
    h[34] = 16, h[35] = 0;                               /* bits per sample */
    memcpy(h + 36, "data", 4);
    put32(h + 40, data_bytes);
}

static struct nr_file_sink *stdout_open(struct nr_file_sink *f, char *err, size_t errlen)
{
    f->is_stdout = 1;
    f->fd = STDOUT_FILENO;
    if (isatty(f->fd)) {
        nr_sink_errf(err, errlen, "cannot write audio to standard output: it is a terminal "
                                  "(redirect it to a file or a pipe)");
        discard(f);
        return NULL;
    }
    fflush(stdout); /* anything the program printed goes before the header, not into the audio */
    struct stat st;
    int fl = fcntl(f->fd, F_GETFL);
    f->start = lseek(f->fd, 0, SEEK_CUR);
    f->can_fix_header = f->start >= 0 && fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode) && fl >= 0 &&
                        !(fl & O_APPEND);
    unsigned char h[44];
    wav_header(h, f->in_rate, 0xFFFFFFFFu);
    if (nr_sink_write_all(f->fd, h, sizeof h)) {
        nr_sink_errf(err, errlen, "cannot write standard output: %s", strerror(errno));
        discard(f);
        return NULL;
    }
    return f;
}

static int stdout_write(struct nr_file_sink *f, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    for (size_t done = 0; done < n;) {
        size_t k = n - done < BLOCK ? n - done : BLOCK;
        for (size_t i = 0; i < k; i++) {
            uint16_t v = (uint16_t)pcm[done + i];
            f->bytes[2 * i] = v & 0xff;
            f->bytes[2 * i + 1] = v >> 8;
        }
        if (nr_sink_write_all(f->fd, f->bytes, 2 * k)) {
            nr_sink_errf(err, errlen, "cannot write standard output: %s", strerror(errno));
            return -1;
        }
        done += k;
        f->data_bytes += 2 * k;
    }
    return 0;
}

/* Best effort: on a seekable regular file, put the real sizes into the header. */
static void stdout_fix_header(struct nr_file_sink *f)
{
    if (!f->can_fix_header || f->data_bytes > 0xFFFFFFFFu - 36) return;
    unsigned char h[44];
    wav_header(h, f->in_rate, (uint32_t)f->data_bytes);
    if (pwrite(f->fd, h, sizeof h, f->start) != (ssize_t)sizeof h) return; /* stays "unknown" */
}

/* ---- files through libsndfile ---- */

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
    f->fd = f->out.fd = -1; /* no file yet (calloc's 0 would be standard input) */
    f->in_rate = in_rate;
    if (!fmt) return stdout_open(f, err, errlen);
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
    f->fd = nr_outfile_open(&f->out, path) ? -1 : f->out.fd;
    if (f->fd < 0) {
        nr_sink_errf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        discard(f);
        return NULL;
    }
    /* close_desc = 0: we close the fd ourselves, whatever libsndfile did. */
    f->sf = sf_open_fd(f->fd, SFM_WRITE, &info, 0);
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
    nr_sink_write_behind(f->fd, &f->unflushed, n * sizeof *pcm);
    return 0;
}

/* Hands the gathered PCM to libsndfile. */
static int write_pending(struct nr_file_sink *f, char *err, size_t errlen)
{
    size_t n = f->n_pending;
    f->n_pending = 0;
    return write_through(f, f->pending, n, err, errlen);
}

/* Gathers PCM into large writes (a large piece with nothing gathered goes straight through). */
static int gather_write(struct nr_file_sink *f, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    if (!f->n_pending && n >= GATHER) return write_through(f, pcm, n, err, errlen);
    while (n) {
        size_t k = GATHER - f->n_pending < n ? GATHER - f->n_pending : n;
        memcpy(f->pending + f->n_pending, pcm, k * sizeof *pcm);
        f->n_pending += k;
        pcm += k;
        n -= k;
        if (f->n_pending == GATHER && write_pending(f, err, errlen)) return -1;
    }
    return 0;
}

int nr_file_sink_write(struct nr_file_sink *f, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    if (f->failed) {
        nr_sink_errf(err, errlen, "cannot write %s: an earlier write failed", shown(f));
        return -1;
    }
    int rc = 0;
    if (f->is_stdout)
        rc = stdout_write(f, pcm, n, err, errlen);
    else if (f->src)
        rc = resample_write(f, pcm, n, 0, err, errlen);
    else
        rc = gather_write(f, pcm, n, err, errlen);
    if (rc) f->failed = 1;
    return rc;
}

/* Flushes and puts the file over the target; on failure the caller's discard() drops it. */
static int commit_file(struct nr_file_sink *f, char *err, size_t errlen)
{
    if (f->src && resample_write(f, NULL, 0, 1, err, errlen)) return -1;
    if (write_pending(f, err, errlen)) return -1;
    int e = sf_close(f->sf);
    f->sf = NULL;
    if (e) {
        nr_sink_errf(err, errlen, "cannot write %s: %s", f->path, sf_error_number(e));
        return -1;
    }
    f->fd = -1;
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
            stdout_fix_header(f);
        else
            rc = commit_file(f, err, errlen);
    }
    discard(f);
    return rc;
}
