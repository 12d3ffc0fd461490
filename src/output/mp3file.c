/*
 * mp3file.c — the MP3 file stage: pieces encoded apart (mp3seg.c, in the synthesis workers
 * or by the chain) joined into one file, with an ID3v2.4 tag (UTF-8) and a Xing frame.
 *
 * The file: [ID3v2.4 tag] [Xing frame] [piece] [piece] ... The Xing frame is
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
#include "output/outfile.h"
#include "output/stage.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

struct nr_mp3file {
    char *path;
    nr_outfile out;     /* the file, unnamed until commit (outfile.c) */
    int failed;         /* a write failed: the file can only be discarded */
    nr_mpeg_kind kind;
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
static int xing_bitrate(const nr_mpeg_kind *k)
{
    int b = 1;
    while (b < 14 && nr_mpeg_frame_bytes(k, b, 0) < 4 + (size_t)k->side + 16 + 100) b++;
    return b;
}

/* The Xing frame in buf (f->xing_len bytes): a silent frame whose first bytes after the side
 * information say how many frames and bytes follow, with the TOC. */
static void xing_frame(const struct nr_mp3file *f, unsigned char *buf)
{
    const nr_mpeg_kind *k = &f->kind;
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

/* nr_mpeg_count_frames' callback: one more frame, at offset of the piece being written. */
static int keep_frame(void *ctx, size_t offset)
{
    nr_mp3file *f = ctx;
    return keep_offset(&f->frame, (uint32_t)(f->bytes + offset));
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
        nr_stage_errf(err, errlen, "cannot write MP3: no output path given");
        return -1;
    }
    nr_mp3file *f = calloc(1, sizeof *f);
    if (f) f->path = strdup(path);
    if (!f || !f->path) {
        nr_stage_errf(err, errlen, "cannot write %s: out of memory", path);
        free(f);
        return -1;
    }
    f->out.fd = -1;
    if (nr_mpeg_kind_of_rate(rate, &f->kind)) {
        nr_stage_errf(err, errlen, "cannot write %s: %d Hz is not an MPEG sample rate", path, rate);
        discard(f);
        return -1;
    }
    nr_buf head = {0};
    if (id3_tag(&head, title, artist)) {
        nr_stage_errf(err, errlen, "cannot write %s: the title and artist are too long", path);
        nr_buf_free(&head);
        discard(f);
        return -1;
    }
    f->xing_at = (off_t)head.len;
    f->xing_bitrate = xing_bitrate(&f->kind);
    f->xing_len = nr_mpeg_frame_bytes(&f->kind, f->xing_bitrate, 0);
    f->bytes = f->xing_len;
    for (size_t i = 0; i < f->xing_len; i++) nr_buf_putc(&head, 0); /* filled in at close */
    int e = nr_outfile_open(&f->out, path) ? errno : head.oom ? ENOMEM
          : nr_write_all(f->out.fd, head.s, head.len) ? errno : 0;
    nr_buf_free(&head);
    if (e) {
        nr_stage_errf(err, errlen, "cannot write %s: %s", path, strerror(e));
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
        nr_stage_errf(err, errlen, "cannot write %s: an earlier write failed", f->path);
        return -1;
    }
    f->failed = 1; /* until this one has gone through */
    long count = f->bytes + len > UINT32_MAX ? -3 : nr_mpeg_count_frames(frames_bytes, len, &f->kind, keep_frame, f);
    if (count == -3)
        nr_stage_errf(err, errlen, "cannot write %s: over 4 GB, too long for one MP3 file", f->path);
    else if (count == -2)
        nr_stage_errf(err, errlen, "cannot write %s: out of memory", f->path);
    else if (count < 0 || (size_t)count != n_frames || decoded_samples != n_frames * (size_t)f->kind.spf)
        nr_stage_errf(err, errlen, "cannot write %s: the piece is not %zu whole %d Hz MP3 frames decoding to "
                     "%zu samples", f->path, n_frames, f->kind.rate, decoded_samples);
    else if (nr_write_all(f->out.fd, frames_bytes, len))
        nr_stage_errf(err, errlen, "cannot write %s: %s", f->path, strerror(errno));
    else {
        nr_write_behind(f->out.fd, &f->unflushed, len);
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
        nr_stage_errf(err, errlen, "cannot write %s: an earlier write failed; nothing was written", f->path);
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
            nr_stage_errf(err, errlen, "cannot write %s: %s", f->path, strerror(why));
            rc = -1;
        }
    }
    discard(f);
    return rc;
}

/* ---- the stage: pieces in, one file out ---- */

typedef struct {
    nr_stage stage;
    nr_mp3file *file;
} mp3_stage;

static narrator_status mp3_piece(nr_stage *s, const nr_piece *p, char *err, size_t errlen)
{
    mp3_stage *m = (mp3_stage *)s;
    return nr_mp3file_write(m->file, p->bytes, p->len, p->frames, p->decoded_samples, err, errlen) ? NARRATOR_ERR_IO
                                                                                                  : NARRATOR_OK;
}

static narrator_status mp3_close(nr_stage *s, char *err, size_t errlen)
{
    mp3_stage *m = (mp3_stage *)s;
    int rc = nr_mp3file_close(m->file, 1, err, errlen);
    free(m);
    return rc ? NARRATOR_ERR_IO : NARRATOR_OK;
}

static void mp3_abort(nr_stage *s)
{
    mp3_stage *m = (mp3_stage *)s;
    nr_mp3file_close(m->file, 0, NULL, 0);
    free(m);
}

/* No pcm: the sound comes encoded by nr_mp3_encoder, in the workers or by the chain. */
static const nr_stage_ops mp3_ops = {
    .name = "mp3", .piece = mp3_piece, .close = mp3_close, .abort = mp3_abort,
    .encoder = &nr_mp3_encoder,
};

narrator_status nr_mp3_stage_open(nr_stage **out, const nr_stage_spec *spec, char *err, size_t errlen)
{
    *out = NULL;
    mp3_stage *m = calloc(1, sizeof *m);
    if (!m) {
        nr_stage_errf(err, errlen, "cannot write %s: out of memory", spec->path);
        return NARRATOR_ERR_IO;
    }
    m->stage.ops = &mp3_ops;
    if (nr_mp3file_open(&m->file, spec->path, spec->rate, spec->title, spec->artist, err, errlen)) {
        free(m);
        return NARRATOR_ERR_IO;
    }
    *out = &m->stage;
    return NARRATOR_OK;
}
