/*
 * mp3seg.c — MP3 pieces encoded apart (libmp3lame) and joined into one file (see mp3seg.h).
 *
 * What LAME 3.100 does with the length (measured at 8000 to 44100 Hz, VBR, no tag frame):
 * lame_get_encoder_delay() is 576 whatever the rate, and lame_get_encoder_padding() is
 * never below 576 — one granule is always flushed after the input — so a piece of n samples
 * becomes F = ceil((576 + n + 576) / frame_size) frames, 576 + n + padding = F * frame_size.
 * Padding 0 is out of reach; instead we choose the n' <= n to encode (the piece minus some
 * of its trailing zeros) that puts F * frame_size nearest to n, and take the largest n' with
 * that F, so the zeros LAME pads with are as few as they can be.
 *
 * The joined file: [ID3v2.4 tag] [Xing frame] [piece] [piece] ... The Xing frame is
 * reserved at open as a silent frame (zero side information, so a decoder that plays it
 * hears nothing) and filled in at close with the number of audio frames, the bytes from
 * the Xing frame to the end and a TOC: entry i is the byte position, in 256ths of those
 * bytes, of the frame where i % of the duration begins. Every frame decodes to the same
 * number of samples, so that frame's index is just i % of the frames; the writer keeps
 * the offsets of up to 4096 frames spread over the file (16 KB whatever its length), so the
 * TOC is exact to a 2048th of the file.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* the Makefile sets it; this keeps a bare compile working */
#endif
#include "output/mp3seg.h"
#include <errno.h>
#include <fcntl.h>
#include <lame/lame.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/dynlib.h"
#include "output/sink.h"

/* libmp3lame, loaded at first use (dynlib.h): calls below go through these pointers. */
#define LAME_FUNCTIONS(X) X(lame_init) X(lame_close) X(lame_set_in_samplerate) \
    X(lame_set_out_samplerate) X(lame_set_num_channels) X(lame_set_mode) X(lame_set_VBR) \
    X(lame_set_VBR_quality) X(lame_set_bWriteVbrTag) X(lame_set_write_id3tag_automatic) \
    X(lame_set_errorf) X(lame_set_debugf) X(lame_set_msgf) X(lame_init_params) \
    X(lame_get_encoder_delay) X(lame_get_framesize) X(lame_encode_buffer) X(lame_encode_flush)
LAME_FUNCTIONS(NR_DYNLIB_POINTER)
static const nr_dynsym lame_lib_syms[] = { LAME_FUNCTIONS(NR_DYNLIB_SYMBOL) };
static nr_dynlib lame_lib = NR_DYNLIB("libmp3lame.so.0", lame_lib_syms);
#define lame_init (*lame_init_p)
#define lame_close (*lame_close_p)
#define lame_set_in_samplerate (*lame_set_in_samplerate_p)
#define lame_set_out_samplerate (*lame_set_out_samplerate_p)
#define lame_set_num_channels (*lame_set_num_channels_p)
#define lame_set_mode (*lame_set_mode_p)
#define lame_set_VBR (*lame_set_VBR_p)
#define lame_set_VBR_quality (*lame_set_VBR_quality_p)
#define lame_set_bWriteVbrTag (*lame_set_bWriteVbrTag_p)
#define lame_set_write_id3tag_automatic (*lame_set_write_id3tag_automatic_p)
#define lame_set_errorf (*lame_set_errorf_p)
#define lame_set_debugf (*lame_set_debugf_p)
#define lame_set_msgf (*lame_set_msgf_p)
#define lame_init_params (*lame_init_params_p)
#define lame_get_encoder_delay (*lame_get_encoder_delay_p)
#define lame_get_framesize (*lame_get_framesize_p)
#define lame_encode_buffer (*lame_encode_buffer_p)
#define lame_encode_flush (*lame_encode_flush_p)

/* What `lame -V 6` means at 22050 Hz: LAME's command line turns -V 6 at this rate into an
 * internal quality of 3.67 (it says "VBR(q=3.67059)"), about 77 kb/s for narrator's speech;
 * the library takes the number as given (6 there would be about 55 kb/s). */
#define VBR_QUALITY 3.67059f
#define MIN_PADDING 576    /* LAME 3.100 always flushes one granule after the input (see the top) */
#define BLOCK 8192         /* samples handed to LAME at a time */
#define MP3BUF (BLOCK + BLOCK / 4 + 7200) /* LAME's worst case for BLOCK samples, and for a flush */

/* ---- MPEG audio frame headers ---- */

/* What the 4-byte header of every frame in one file shares. */
typedef struct {
    int version;    /* header bits 19-20: 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5 */
    int rate_index; /* bits 10-11 */
    int rate;
    int spf;        /* samples per frame: 1152 (MPEG-1) or 576 */
    int side;       /* bytes of mono side information after the header */
} mpeg_kind;

static const int mpeg_rates[4][3] = {
    [3] = {44100, 48000, 32000}, [2] = {22050, 24000, 16000}, [0] = {11025, 12000, 8000},
};
static const int layer3_kbps[2][15] = { /* [MPEG-1?][bitrate index], index 0 = free format */
    {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
};

/* The kind of frame that carries rate; 0, or -1 when MPEG has no such rate. */
static int kind_of_rate(int rate, mpeg_kind *k)
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

/* Bytes in a Layer III frame of this kind at bitrate index b, with the padding slot or not. */
static size_t frame_bytes(const mpeg_kind *k, int b, int padded)
{
    int mpeg1 = k->version == 3;
    return (size_t)((mpeg1 ? 144000 : 72000) * layer3_kbps[mpeg1][b] / k->rate + padded);
}

/* The length of the Layer III frame of kind k starting at p (avail bytes there), or 0 when
 * p does not hold one whole such frame. */
static size_t frame_at(const unsigned char *p, size_t avail, const mpeg_kind *k)
{
    if (avail < 4 || p[0] != 0xFF || (p[1] & 0xE0) != 0xE0) return 0;
    int version = p[1] >> 3 & 3, layer = p[1] >> 1 & 3, b = p[2] >> 4, rate_index = p[2] >> 2 & 3;
    if (version != k->version || layer != 1 || rate_index != k->rate_index || b == 0 || b == 15) return 0;
    size_t len = frame_bytes(k, b, p[2] >> 1 & 1);
    return len <= avail ? len : 0;
}

/* Frame offsets for the TOC in bounded memory, whatever the length: every stride-th
 * frame's offset, at most OFFSETS of them; when full, every other one goes and the stride
 * doubles. The TOC needs 100 positions, so 2048 to 4096 samples of the file are plenty. */
#define OFFSETS 4096
typedef struct {
    uint32_t *v;
    size_t n;           /* offsets kept */
    size_t stride;      /* frames between two kept offsets */
    size_t total;       /* frames seen */
} offsets;

static int keep_offset(offsets *at, uint32_t offset)
{
    if (!at->v && !(at->v = malloc(OFFSETS * sizeof *at->v))) return -1;
    if (!at->stride) at->stride = 1;
    if (at->total++ % at->stride) return 0;
    if (at->n == OFFSETS) {
        for (size_t i = 0; i < OFFSETS / 2; i++) at->v[i] = at->v[2 * i];
        at->n = OFFSETS / 2;
        at->stride *= 2;
        if ((at->total - 1) % at->stride) return 0;
    }
    at->v[at->n++] = offset;
    return 0;
}

/* The offset of frame k (of at->total), from the nearest kept one at or before it. */
static uint32_t offset_of(const offsets *at, size_t k)
{
    size_t i = k / at->stride;
    return at->n ? at->v[i < at->n ? i : at->n - 1] : 0;
}

/* Counts the frames of kind k that fill p[0..len) exactly; when at is given, also appends
 * each frame's offset (plus base) to it. -1 when the bytes are not whole frames, -2 when
 * at ran out of memory. */

static long count_frames(const unsigned char *p, size_t len, const mpeg_kind *k, offsets *at, uint64_t base)
{
    long frames = 0;
    for (size_t pos = 0; pos < len; frames++) {
        size_t fl = frame_at(p + pos, len - pos, k);
        if (!fl) return -1;
        if (at && keep_offset(at, (uint32_t)(base + pos))) return -2;
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
    lame_global_flags *l = lame_init();
    if (!l) {
        nr_sink_errf(err, errlen, "cannot encode MP3: out of memory");
        return NULL;
    }
    lame_set_errorf(l, quiet); /* LAME prints to stderr otherwise; we report through err */
    lame_set_debugf(l, quiet);
    lame_set_msgf(l, quiet);
    int bad = lame_set_in_samplerate(l, rate) | lame_set_out_samplerate(l, rate) |
              lame_set_num_channels(l, 1) | lame_set_mode(l, MONO) | lame_set_VBR(l, vbr_default) |
              lame_set_VBR_quality(l, VBR_QUALITY) | lame_set_bWriteVbrTag(l, 0);
    lame_set_write_id3tag_automatic(l, 0);
    if (bad || lame_init_params(l) < 0) {
        nr_sink_errf(err, errlen, "cannot encode MP3 at %d Hz: LAME refuses the settings", rate);
        lame_close(l);
        return NULL;
    }
    return l;
}

int nr_mp3seg_encode(const int16_t *pcm, size_t n, int rate, nr_buf *out, size_t *frames,
                     size_t *decoded_samples, char *err, size_t errlen)
{
    mpeg_kind k;
    if (kind_of_rate(rate, &k)) {
        nr_sink_errf(err, errlen, "cannot encode MP3 at %d Hz: not an MPEG sample rate", rate);
        return -1;
    }
    char why[256];
    if (nr_dynlib_load(&lame_lib, why, sizeof why)) {
        nr_sink_errf(err, errlen, "cannot encode MP3: %s", why);
        return -1;
    }
    lame_global_flags *l = encoder(rate, err, errlen);
    if (!l) return -1;
    unsigned char *mp3 = malloc(MP3BUF);
    size_t start = out->len, keep = nr_mp3seg_trim(pcm, n, lame_get_encoder_delay(l), lame_get_framesize(l));
    int rc = mp3 ? 0 : -1;
    for (size_t done = 0; !rc && done < keep; done += BLOCK) {
        int got = lame_encode_buffer(l, pcm + done, NULL, (int)(keep - done < BLOCK ? keep - done : BLOCK),
                                     mp3, MP3BUF);
        if (got < 0) rc = got;
        else nr_buf_put(out, (const char *)mp3, (size_t)got);
    }
    int got = rc ? 0 : lame_encode_flush(l, mp3, MP3BUF);
    if (got < 0) rc = got;
    else if (got) nr_buf_put(out, (const char *)mp3, (size_t)got);
    lame_close(l);
    free(mp3);
    long count = rc || out->oom ? -1 : count_frames((const unsigned char *)out->s + start, out->len - start, &k, NULL, 0);
    if (count < 0) {
        if (out->oom || !mp3) nr_sink_errf(err, errlen, "cannot encode MP3: out of memory");
        else if (rc) nr_sink_errf(err, errlen, "cannot encode MP3: LAME failed (error %d)", rc);
        else nr_sink_errf(err, errlen, "cannot encode MP3: LAME's output is not whole %d Hz frames", rate);
        nr_buf_truncate(out, start);
        out->oom = 0;
        return -1;
    }
    *frames = (size_t)count;
    *decoded_samples = (size_t)count * (size_t)k.spf;
    return 0;
}

/* ---- the joined file ---- */

struct nr_mp3file {
    char *path;
    nr_outfile out;     /* the file, unnamed until commit (outfile.c) */
    int failed;         /* a write failed: the file can only be discarded */
    mpeg_kind kind;
    int xing_bitrate;   /* bitrate index of the Xing frame */
    off_t xing_at;      /* where the Xing frame is (after the ID3v2 tag) */
    size_t xing_len;
    uint64_t bytes;     /* from the Xing frame's start to the end */
    offsets frame;      /* the offsets of frames spread over the file, for the TOC */
    size_t unflushed;   /* bytes written since writeback was last started */
};

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = v >> 24, p[1] = v >> 16 & 0xff, p[2] = v >> 8 & 0xff, p[3] = v & 0xff;
}

/* A 28-bit ID3v2 "syncsafe" integer: 7 bits a byte. */
static void put_syncsafe(unsigned char *p, uint32_t v)
{
    p[0] = v >> 21 & 0x7f, p[1] = v >> 14 & 0x7f, p[2] = v >> 7 & 0x7f, p[3] = v & 0x7f;
}

/* Appends s as valid UTF-8: a byte that does not start a well-formed sequence becomes U+FFFD. */
static void put_utf8(nr_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int len = *p < 0x80 ? 1 : *p >= 0xC2 && *p <= 0xDF ? 2 : *p >= 0xE0 && *p <= 0xEF ? 3
                : *p >= 0xF0 && *p <= 0xF4 ? 4 : 0;
        int ok = len > 0;
        for (int i = 1; ok && i < len; i++) ok = (p[i] & 0xC0) == 0x80;
        if (ok && len == 3) ok = !(p[0] == 0xE0 && p[1] < 0xA0) && !(p[0] == 0xED && p[1] >= 0xA0);
        if (ok && len == 4) ok = !(p[0] == 0xF0 && p[1] < 0x90) && !(p[0] == 0xF4 && p[1] >= 0x90);
        if (ok) nr_buf_put(b, (const char *)p, (size_t)len), p += len;
        else nr_buf_put(b, "\xEF\xBF\xBD", 3), p++;
    }
}

/* Appends an ID3v2.4 text frame (UTF-8) when value is given. */
static void id3_text_frame(nr_buf *b, const char *id, const char *value)
{
    if (!value) return;
    size_t at = b->len;
    nr_buf_put(b, id, 4);
    nr_buf_put(b, "\0\0\0\0\0\0\3", 7); /* size (below), no flags, encoding 3 = UTF-8 */
    put_utf8(b, value);
    if (!b->oom) put_syncsafe((unsigned char *)b->s + at + 4, (uint32_t)(b->len - at - 10));
}

/* The ID3v2.4 tag for title and artist in b (empty when both are NULL); -1 if too big. */
static int id3_tag(nr_buf *b, const char *title, const char *artist)
{
    if (!title && !artist) return 0;
    nr_buf_put(b, "ID3\4\0\0\0\0\0\0", 10); /* v2.4.0, no flags, size below */
    id3_text_frame(b, "TIT2", title);
    id3_text_frame(b, "TPE1", artist);
    if (b->oom || b->len - 10 >= 1u << 28) return -1;
    put_syncsafe((unsigned char *)b->s + 6, (uint32_t)(b->len - 10));
    return 0;
}

/* The smallest bitrate whose frame holds the Xing header: side info, "Xing", flags,
 * frames, bytes, the TOC. */
static int xing_bitrate(const mpeg_kind *k)
{
    int b = 1;
    while (b < 14 && frame_bytes(k, b, 0) < 4 + (size_t)k->side + 16 + 100) b++;
    return b;
}

/* The Xing frame in buf (f->xing_len bytes): a silent frame whose first bytes after the side
 * information say how many frames and bytes follow, with the TOC. */
static void xing_frame(const struct nr_mp3file *f, unsigned char *buf)
{
    const mpeg_kind *k = &f->kind;
    memset(buf, 0, f->xing_len);
    buf[0] = 0xFF;
    buf[1] = (unsigned char)(0xE0 | k->version << 3 | 1 << 1 | 1); /* Layer III, no CRC */
    buf[2] = (unsigned char)(f->xing_bitrate << 4 | k->rate_index << 2);
    buf[3] = 0xC0; /* mono */
    unsigned char *x = buf + 4 + k->side;
    memcpy(x, "Xing", 4);
    put_be32(x + 4, 1 | 2 | 4); /* frames, bytes, TOC */
    put_be32(x + 8, (uint32_t)f->frame.total);
    put_be32(x + 12, (uint32_t)f->bytes);
    for (size_t i = 0; i < 100; i++) {
        uint64_t pos = offset_of(&f->frame, i * f->frame.total / 100);
        uint64_t t = pos * 256 / f->bytes;
        x[16 + i] = (unsigned char)(t > 255 ? 255 : t);
    }
}

static void discard(nr_mp3file *f)
{
    nr_outfile_discard(&f->out);
    free(f->path);
    free(f->frame.v);
    free(f);
}

int nr_mp3file_open(nr_mp3file **out, const char *path, int rate, const char *title,
                    const char *artist, char *err, size_t errlen)
{
    *out = NULL;
    if (!path || !*path) {
        nr_sink_errf(err, errlen, "cannot write MP3: no output path given");
        return -1;
    }
    nr_mp3file *f = calloc(1, sizeof *f);
    if (f) f->path = strdup(path);
    if (!f || !f->path) {
        nr_sink_errf(err, errlen, "cannot write %s: out of memory", path);
        free(f);
        return -1;
    }
    f->out.fd = -1;
    if (kind_of_rate(rate, &f->kind)) {
        nr_sink_errf(err, errlen, "cannot write %s: %d Hz is not an MPEG sample rate", path, rate);
        discard(f);
        return -1;
    }
    nr_buf head = {0};
    if (id3_tag(&head, title, artist)) {
        nr_sink_errf(err, errlen, "cannot write %s: the title and artist are too long", path);
        nr_buf_free(&head);
        discard(f);
        return -1;
    }
    f->xing_at = (off_t)head.len;
    f->xing_bitrate = xing_bitrate(&f->kind);
    f->xing_len = frame_bytes(&f->kind, f->xing_bitrate, 0);
    f->bytes = f->xing_len;
    for (size_t i = 0; i < f->xing_len; i++) nr_buf_putc(&head, 0); /* filled in at close */
    int e = nr_outfile_open(&f->out, path) ? errno : head.oom ? ENOMEM
          : nr_sink_write_all(f->out.fd, head.s, head.len) ? errno : 0;
    nr_buf_free(&head);
    if (e) {
        nr_sink_errf(err, errlen, "cannot write %s: %s", path, strerror(e));
        discard(f);
        return -1;
    }
    *out = f;
    return 0;
}

int nr_mp3file_write(nr_mp3file *f, const void *frames_bytes, size_t len, size_t n_frames,
                     size_t decoded_samples, char *err, size_t errlen)
{
    if (f->failed) {
        nr_sink_errf(err, errlen, "cannot write %s: an earlier write failed", f->path);
        return -1;
    }
    f->failed = 1; /* until this one has gone through */
    long count = f->bytes + len > UINT32_MAX ? -3 : count_frames(frames_bytes, len, &f->kind, &f->frame, f->bytes);
    if (count == -3)
        nr_sink_errf(err, errlen, "cannot write %s: over 4 GB, too long for one MP3 file", f->path);
    else if (count == -2)
        nr_sink_errf(err, errlen, "cannot write %s: out of memory", f->path);
    else if (count < 0 || (size_t)count != n_frames || decoded_samples != n_frames * (size_t)f->kind.spf)
        nr_sink_errf(err, errlen, "cannot write %s: the piece is not %zu whole %d Hz MP3 frames decoding to "
                     "%zu samples", f->path, n_frames, f->kind.rate, decoded_samples);
    else if (nr_sink_write_all(f->out.fd, frames_bytes, len))
        nr_sink_errf(err, errlen, "cannot write %s: %s", f->path, strerror(errno));
    else {
        nr_sink_write_behind(f->out.fd, &f->unflushed, len);
        f->bytes += len;
        f->failed = 0;
        return 0;
    }
    return -1;
}

int nr_mp3file_close(nr_mp3file *f, int commit, char *err, size_t errlen)
{
    if (!f) return 0;
    int rc = 0;
    if (commit && f->failed) {
        nr_sink_errf(err, errlen, "cannot write %s: an earlier write failed; nothing was written", f->path);
        rc = -1;
    } else if (commit) {
        unsigned char *x = malloc(f->xing_len);
        int why = 0;
        if (!x) why = ENOMEM;
        else {
            xing_frame(f, x);
            errno = 0;
            if (pwrite(f->out.fd, x, f->xing_len, f->xing_at) != (ssize_t)f->xing_len) why = errno ? errno : EIO;
            free(x);
        }
        if (!why && nr_outfile_commit(&f->out) != 0) why = errno; /* it appears whole, or not at all */
        if (why) {
            nr_sink_errf(err, errlen, "cannot write %s: %s", f->path, strerror(why));
            rc = -1;
        }
    }
    discard(f);
    return rc;
}
