/*
 * file.c — FLAC and Ogg Opus files, through libsndfile (loaded at first use).
 *
 * One table maps an extension to its libsndfile format and the sample rates it takes;
 * everything else is one code path. Opus only takes 8/12/16/24/48 kHz, so when the
 * synthesizer's rate (22050 Hz) is not one of a format's rates, libsamplerate converts
 * each write as it comes (streaming) and is flushed at close.
 *
 * Nothing partial is left behind: files are written through outfile.c, unnamed until
 * the stage is closed (committed) puts them over the target; any error or an abort drops
 * them.
 *
 * Tags: libsndfile 1.2.0 keeps them in FLAC and Ogg Opus as Vorbis comments (UTF-8); they
 * must be set before the first sample is written, so we set them right after opening.
 *
 * WAV is narrator's own (wav.c: libsndfile cannot write it to a pipe and wraps its sizes
 * past 4 GiB); MP3 is written in pieces (mp3file.c: libsndfile's LAME ID3 writer keeps
 * tags only as Latin-1).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* the Makefile sets it; this keeps a bare compile working */
#endif
#include "output/outfile.h"
#include "output/stage.h"
#include <samplerate.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "util/dynlib.h"

/* libsndfile, loaded at first use (dynlib.h): calls below go through its struct. */
#define SNDFILE_FUNCTIONS(X, a) X(a, sf_close) X(a, sf_command) X(a, sf_error_number) X(a, sf_format_check) \
    X(a, sf_open_fd) X(a, sf_set_string) X(a, sf_strerror) X(a, sf_write_float) X(a, sf_write_short)
NR_DYNLIB_DEFINE(libsndfile, SNDFILE_FUNCTIONS, "libsndfile.so.1");

/* libsamplerate, loaded at first use (dynlib.h): calls below go through its struct. */
#define SAMPLERATE_FUNCTIONS(X, a) X(a, src_delete) X(a, src_new) X(a, src_process) \
    X(a, src_short_to_float_array) X(a, src_strerror)
NR_DYNLIB_DEFINE(libsamplerate, SAMPLERATE_FUNCTIONS, "libsamplerate.so.0");

_Static_assert(sizeof(short) == sizeof(int16_t), "libsndfile's short must be 16 bits");

static const int opus_rates[] = {8000, 12000, 16000, 24000, 48000, 0};

static const struct nr_format {
    const char *ext;  /* lower case, no dot: the extensions FORMATS in chain.c gives this file */
    int sf_format;
    const int *rates; /* zero-terminated list of rates the codec takes; NULL = any */
} formats[] = {
    {"flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, NULL},
    {"ogg", SF_FORMAT_OGG | SF_FORMAT_OPUS, opus_rates},
    {"opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, opus_rates},
};

#define BLOCK 4096 /* samples per conversion step; any input size is processed in steps */

typedef struct {
    nr_file_stage file;
    SNDFILE *sf;
    SRC_STATE *src;         /* only when the format needs another rate */
    double ratio;           /* out_rate / in_rate */
    size_t unflushed;       /* bytes handed to libsndfile since writeback was last started */
    float fin[BLOCK], fout[BLOCK];
} sndfile_stage;

static const struct nr_format *find_format(const char *path)
{
    const char *ext = nr_stage_extension(path);
    for (size_t i = 0; ext && i < sizeof formats / sizeof *formats; i++)
        if (strcasecmp(ext, formats[i].ext) == 0) return &formats[i];
    return NULL;
}

/* Sets one tag; formats without tags say no, which is fine, so the result is not checked. */
static void set_tag(const sndfile_stage *f, int which, const char *value)
{
    if (value) libsndfile.sf_set_string(f->sf, which, value);
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

/* Frees everything; the file, if not committed, is dropped. */
static void sndfile_abort(nr_stage *s)
{
    sndfile_stage *f = (sndfile_stage *)s;
    if (f->sf) libsndfile.sf_close(f->sf);
    if (f->src) libsamplerate.src_delete(f->src);
    nr_file_stage_discard(&f->file);
    free(f);
}

/* Feeds n samples (none with end_of_input to flush) through the resampler into the file. */
static int resample_write(sndfile_stage *f, const int16_t *pcm, size_t n, int end_of_input,
                          char *err, size_t errlen)
{
    size_t done = 0;
    do {
        size_t k = n - done < BLOCK ? n - done : BLOCK;
        if (k) libsamplerate.src_short_to_float_array(pcm + done, f->fin, (int)k);
        size_t used = 0;
        for (;;) {
            SRC_DATA d = {0};
            d.data_in = used < k ? f->fin + used : f->fin; /* fin + BLOCK would "overlap" fout */
            d.input_frames = (long)(k - used);
            d.data_out = f->fout;
            d.output_frames = BLOCK;
            d.end_of_input = end_of_input && done + k == n;
            d.src_ratio = f->ratio;
            int e = libsamplerate.src_process(f->src, &d);
            if (e) {
                nr_stage_errf(err, errlen, "cannot write %s: resampling failed: %s", f->file.path, libsamplerate.src_strerror(e));
                return -1;
            }
            used += (size_t)d.input_frames_used;
            if (d.output_frames_gen > 0 && libsndfile.sf_write_float(f->sf, f->fout, d.output_frames_gen) != d.output_frames_gen) {
                nr_stage_errf(err, errlen, "cannot write %s: %s", f->file.path, libsndfile.sf_strerror(f->sf));
                return -1;
            }
            if (used == k && d.output_frames_gen == 0) break;
        }
        done += k;
    } while (done < n);
    return 0;
}

/* Hands PCM to libsndfile, and starts writeback as the file grows. */
static int write_through(sndfile_stage *f, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    if (n && libsndfile.sf_write_short(f->sf, pcm, (sf_count_t)n) != (sf_count_t)n) {
        nr_stage_errf(err, errlen, "cannot write %s: %s", f->file.path, libsndfile.sf_strerror(f->sf));
        return -1;
    }
    nr_write_behind(f->file.out.fd, &f->unflushed, n * sizeof *pcm);
    return 0;
}

static narrator_status sndfile_pcm(nr_stage *s, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    sndfile_stage *f = (sndfile_stage *)s;
    if (f->file.failed) {
        nr_stage_errf(err, errlen, "cannot write %s: an earlier write failed", f->file.path);
        return NARRATOR_ERR_IO;
    }
    int rc = f->src ? resample_write(f, pcm, n, 0, err, errlen) : write_through(f, pcm, n, err, errlen);
    if (rc) f->file.failed = 1;
    return rc ? NARRATOR_ERR_IO : NARRATOR_OK;
}

/* Finishes the file and puts it over the target. */
static int commit_file(sndfile_stage *f, char *err, size_t errlen)
{
    if (f->src && resample_write(f, NULL, 0, 1, err, errlen)) return -1;
    int e = libsndfile.sf_close(f->sf);
    f->sf = NULL;
    if (e) {
        nr_stage_errf(err, errlen, "cannot write %s: %s", f->file.path, libsndfile.sf_error_number(e));
        return -1;
    }
    return nr_file_stage_commit(&f->file, err, errlen);
}

static narrator_status sndfile_close(nr_stage *s, char *err, size_t errlen)
{
    sndfile_stage *f = (sndfile_stage *)s;
    int rc = 0;
    if (f->file.failed) {
        nr_stage_errf(err, errlen, "cannot write %s: an earlier write failed; nothing was written", f->file.path);
        rc = -1;
    } else
        rc = commit_file(f, err, errlen);
    sndfile_abort(s);
    return rc ? NARRATOR_ERR_IO : NARRATOR_OK;
}

static const nr_stage_ops sndfile_ops = {
    .name = "sndfile", .pcm = sndfile_pcm, .close = sndfile_close, .abort = sndfile_abort,
};

/* The resampler to the codec's rate. 0, or -1 with a sentence in err. */
static int start_resampling(sndfile_stage *f, int in_rate, int out_rate, char *err, size_t errlen)
{
    char why[256];
    if (nr_dynlib_load(&libsamplerate_lib, why, sizeof why)) {
        nr_stage_errf(err, errlen, "cannot write %s: %s", f->file.path, why);
        return -1;
    }
    int e = 0;
    f->src = libsamplerate.src_new(SRC_SINC_MEDIUM_QUALITY, 1, &e);
    if (!f->src) {
        nr_stage_errf(err, errlen, "cannot write %s: cannot resample to %d Hz: %s", f->file.path, out_rate, libsamplerate.src_strerror(e));
        return -1;
    }
    f->ratio = (double)out_rate / in_rate;
    /* Resampled floats may overshoot ±1.0 a little: clip, never wrap around. */
    libsndfile.sf_command(f->sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
    return 0;
}

static int open_sndfile(sndfile_stage *f, const struct nr_format *fmt, const nr_stage_spec *spec, char *err,
                        size_t errlen)
{
    char why[256];
    if (nr_dynlib_load(&libsndfile_lib, why, sizeof why)) {
        nr_stage_errf(err, errlen, "cannot write %s: %s", f->file.path, why);
        return -1;
    }
    SF_INFO info = {0};
    info.samplerate = pick_rate(fmt->rates, spec->rate);
    info.channels = 1;
    info.format = fmt->sf_format;
    if (!libsndfile.sf_format_check(&info)) {
        nr_stage_errf(err, errlen, "cannot write %s: this libsndfile cannot write .%s files at %d Hz", f->file.path,
                      fmt->ext, info.samplerate);
        return -1;
    }
    if (nr_file_stage_open(&f->file, err, errlen)) return -1;
    /* close_desc = 0: the fd is outfile.c's to close, whatever libsndfile did. */
    f->sf = libsndfile.sf_open_fd(f->file.out.fd, SFM_WRITE, &info, 0);
    if (!f->sf) {
        nr_stage_errf(err, errlen, "cannot write %s: %s", f->file.path, libsndfile.sf_strerror(NULL));
        return -1;
    }
    set_tag(f, SF_STR_TITLE, spec->title);
    set_tag(f, SF_STR_ARTIST, spec->artist);
    return info.samplerate != spec->rate ? start_resampling(f, spec->rate, info.samplerate, err, errlen) : 0;
}

narrator_status nr_sndfile_stage_open(nr_stage **out, const nr_stage_spec *spec, char *err, size_t errlen)
{
    *out = NULL;
    const struct nr_format *fmt = find_format(spec->path);
    if (!fmt) {
        nr_stage_errf(err, errlen, "cannot write %s: not a format libsndfile writes here", spec->path);
        return NARRATOR_ERR_FORMAT;
    }
    sndfile_stage *f = nr_file_stage_new(sizeof *f, &sndfile_ops, spec->path, err, errlen);
    if (!f) return NARRATOR_ERR_IO;
    if (open_sndfile(f, fmt, spec, err, errlen)) {
        sndfile_abort(&f->file.stage);
        return NARRATOR_ERR_IO;
    }
    *out = &f->file.stage;
    return NARRATOR_OK;
}
