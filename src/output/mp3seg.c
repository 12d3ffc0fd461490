/*
 * mp3seg.c — MP3 encoded in pieces (libmp3lame), in the synthesis workers or here: the
 * encoder of the MP3 file stage (mp3file.c joins the pieces), and the MPEG frame headers
 * both read (see mp3seg.h).
 *
 * What LAME 3.100 does with the length (measured at 8000 to 44100 Hz, VBR, no tag frame):
 * lame_get_encoder_delay() is 576 whatever the rate, and lame_get_encoder_padding() is
 * never below 576 — one granule is always flushed after the input — so a piece of n samples
 * becomes F = ceil((576 + n + 576) / frame_size) frames, 576 + n + padding = F * frame_size.
 * Padding 0 is out of reach; instead we choose the n' <= n to encode (the piece minus some
 * of its trailing zeros) that puts F * frame_size nearest to n, and take the largest n' with
 * that F, so the zeros LAME pads with are as few as they can be.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* the Makefile sets it; this keeps a bare compile working */
#endif
#include "output/mp3seg.h"
#include <lame/lame.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/dynlib.h"
#include "output/stage.h"

/* libmp3lame, loaded at first use (dynlib.h): calls below go through its struct. */
#define LAME_FUNCTIONS(X, a) X(a, lame_init) X(a, lame_close) X(a, lame_set_in_samplerate) \
    X(a, lame_set_out_samplerate) X(a, lame_set_num_channels) X(a, lame_set_mode) X(a, lame_set_VBR) \
    X(a, lame_set_VBR_quality) X(a, lame_set_bWriteVbrTag) X(a, lame_set_write_id3tag_automatic) \
    X(a, lame_set_errorf) X(a, lame_set_debugf) X(a, lame_set_msgf) X(a, lame_init_params) \
    X(a, lame_get_encoder_delay) X(a, lame_get_framesize) X(a, lame_encode_buffer) X(a, lame_encode_flush)
NR_DYNLIB_DEFINE(liblame, LAME_FUNCTIONS, "libmp3lame.so.0");

/* What `lame -V 6` means at 22050 Hz: LAME's command line turns -V 6 at this rate into an
 * internal quality of 3.67 (it says "VBR(q=3.67059)"), about 77 kb/s for narrator's speech;
 * the library takes the number as given (6 there would be about 55 kb/s). */
#define VBR_QUALITY 3.67059f
#define MIN_PADDING 576    /* LAME 3.100 always flushes one granule after the input (see the top) */
#define BLOCK 8192         /* samples handed to LAME at a time */
#define MP3BUF (BLOCK + BLOCK / 4 + 7200) /* LAME's worst case for BLOCK samples, and for a flush */

/* ---- MPEG audio frame headers ---- */

static const int mpeg_rates[4][3] = {
    [3] = {44100, 48000, 32000}, [2] = {22050, 24000, 16000}, [0] = {11025, 12000, 8000},
};
static const int layer3_kbps[2][15] = { /* [MPEG-1?][bitrate index], index 0 = free format */
    {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
};

int nr_mpeg_kind_of_rate(int rate, nr_mpeg_kind *k)
{
    for (int v = 0; v < 4; v++)
        for (int i = 0; v != 1 && i < 3; i++)
            if (mpeg_rates[v][i] == rate) {
                k->version = v, k->rate_index = i, k->rate = rate;
                k->spf = v == 3 ? 1152 : 576;
                k->side = v == 3 ? 17 : 9;
                return 0;
            }
    return -1;
}

size_t nr_mpeg_frame_bytes(const nr_mpeg_kind *k, int b, int padded)
{
    int mpeg1 = k->version == 3;
    return (size_t)((mpeg1 ? 144000 : 72000) * layer3_kbps[mpeg1][b] / k->rate + padded);
}

/* The length of the Layer III frame of kind k starting at p (avail bytes there), or 0 when
 * p does not hold one whole such frame. */
static size_t frame_at(const unsigned char *p, size_t avail, const nr_mpeg_kind *k)
{
    if (avail < 4 || p[0] != 0xFF || (p[1] & 0xE0) != 0xE0) return 0;
    int version = p[1] >> 3 & 3, layer = p[1] >> 1 & 3, b = p[2] >> 4, rate_index = p[2] >> 2 & 3;
    if (version != k->version || layer != 1 || rate_index != k->rate_index || b == 0 || b == 15) return 0;
    size_t len = nr_mpeg_frame_bytes(k, b, p[2] >> 1 & 1);
    return len <= avail ? len : 0;
}

long nr_mpeg_count_frames(const unsigned char *p, size_t len, const nr_mpeg_kind *k,
                          int (*each)(void *ctx, size_t offset), void *ctx)
{
    long frames = 0;
    for (size_t pos = 0; pos < len; frames++) {
        size_t fl = frame_at(p + pos, len - pos, k);
        if (!fl) return -1;
        if (each && each(ctx, pos)) return -2;
        pos += fl;
    }
    return frames;
}

/* ---- encoding one piece ---- */

size_t nr_mp3seg_trim(const int16_t *pcm, size_t n, int delay, int frame_size)
{
    size_t silence = 0;
    while (silence < n && pcm[n - 1 - silence] == 0) silence++;
    size_t fs = (size_t)frame_size, lead = (size_t)delay + MIN_PADDING;
    /* F(m) = ceil((lead + m) / fs) frames for m samples; the most samples F frames take is F*fs - lead. */
    size_t f_min = (lead + (n - silence) + fs - 1) / fs, f_max = (lead + n + fs - 1) / fs;
    size_t f = (n + fs / 2) / fs;
    if (f < f_min) f = f_min;
    if (f > f_max) f = f_max;
    size_t keep = f * fs - lead;
    return keep < n ? keep : n;
}

static void quiet(const char *fmt, va_list ap) { (void)fmt, (void)ap; }

/* A LAME encoder for -V 6 mono at rate, or NULL with a sentence in err. */
static lame_global_flags *encoder(int rate, char *err, size_t errlen)
{
    lame_global_flags *l = liblame.lame_init();
    if (!l) {
        nr_stage_errf(err, errlen, "cannot encode MP3: out of memory");
        return NULL;
    }
    liblame.lame_set_errorf(l, quiet); /* LAME prints to stderr otherwise; we report through err */
    liblame.lame_set_debugf(l, quiet);
    liblame.lame_set_msgf(l, quiet);
    int bad = liblame.lame_set_in_samplerate(l, rate) | liblame.lame_set_out_samplerate(l, rate) |
              liblame.lame_set_num_channels(l, 1) | liblame.lame_set_mode(l, MONO) | liblame.lame_set_VBR(l, vbr_default) |
              liblame.lame_set_VBR_quality(l, VBR_QUALITY) | liblame.lame_set_bWriteVbrTag(l, 0);
    liblame.lame_set_write_id3tag_automatic(l, 0);
    if (bad || liblame.lame_init_params(l) < 0) {
        nr_stage_errf(err, errlen, "cannot encode MP3 at %d Hz: LAME refuses the settings", rate);
        liblame.lame_close(l);
        return NULL;
    }
    return l;
}

int nr_mp3seg_encode(const int16_t *pcm, size_t n, int rate, nr_buf *out, size_t *frames,
                     size_t *decoded_samples, char *err, size_t errlen)
{
    nr_mpeg_kind k;
    if (nr_mpeg_kind_of_rate(rate, &k)) {
        nr_stage_errf(err, errlen, "cannot encode MP3 at %d Hz: not an MPEG sample rate", rate);
        return -1;
    }
    char why[256];
    if (nr_dynlib_load(&liblame_lib, why, sizeof why)) {
        nr_stage_errf(err, errlen, "cannot encode MP3: %s", why);
        return -1;
    }
    lame_global_flags *l = encoder(rate, err, errlen);
    if (!l) return -1;
    unsigned char *mp3 = malloc(MP3BUF);
    size_t start = out->len, keep = nr_mp3seg_trim(pcm, n, liblame.lame_get_encoder_delay(l), liblame.lame_get_framesize(l));
    int rc = mp3 ? 0 : -1;
    for (size_t done = 0; !rc && done < keep; done += BLOCK) {
        int got = liblame.lame_encode_buffer(l, pcm + done, NULL, (int)(keep - done < BLOCK ? keep - done : BLOCK),
                                     mp3, MP3BUF);
        if (got < 0) rc = got;
        else nr_buf_put(out, (const char *)mp3, (size_t)got);
    }
    int got = rc ? 0 : liblame.lame_encode_flush(l, mp3, MP3BUF);
    if (got < 0) rc = got;
    else if (got) nr_buf_put(out, (const char *)mp3, (size_t)got);
    liblame.lame_close(l);
    free(mp3);
    long count = rc || out->oom ? -1
               : nr_mpeg_count_frames((const unsigned char *)out->s + start, out->len - start, &k, NULL, NULL);
    if (count < 0) {
        if (out->oom || !mp3) nr_stage_errf(err, errlen, "cannot encode MP3: out of memory");
        else if (rc) nr_stage_errf(err, errlen, "cannot encode MP3: LAME failed (error %d)", rc);
        else nr_stage_errf(err, errlen, "cannot encode MP3: LAME's output is not whole %d Hz frames", rate);
        nr_buf_truncate(out, start);
        out->oom = 0;
        return -1;
    }
    *frames = (size_t)count;
    *decoded_samples = (size_t)count * (size_t)k.spf;
    return 0;
}

/* The MP3 file's encoder (chain.h): a piece is the frames nr_mp3seg_encode makes, with the
 * level of the PCM they were made of (so that the meter hears what only the workers had). */
static int encode_piece(const void *self, const int16_t *pcm, size_t n, int rate, nr_buf *out, char *err,
                        size_t errlen)
{
    (void)self;
    nr_piece p = { 0 };
    size_t at = nr_piece_begin(out);
    if (out->oom || nr_mp3seg_encode(pcm, n, rate, out, &p.frames, &p.decoded_samples, err, errlen)) {
        if (out->oom) nr_stage_errf(err, errlen, "cannot encode MP3: out of memory");
        nr_buf_truncate(out, at);
        out->oom = 0;
        return -1;
    }
    nr_level_add(&p.level, pcm, n);
    nr_piece_seal(out, at, &p);
    return 0;
}

const nr_encoder nr_mp3_encoder = { encode_piece };
