/*
 * wav.c — the WAV stage: narrator's own WAV writer, mono 16-bit PCM, into a file or onto a
 * stream (standard output). The one place that knows the WAV layout.
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
 * every 8 MB (nr_write_behind).
 *
 * The header of a file, before the sizes are known:
 *   "RIFF" size "WAVE"   "JUNK" 28 <28 zero bytes>   "fmt " 16 <PCM, mono, 16 bit>
 *   ["LIST" size "INFO" ["INAM" size title] ["IART" size artist]]   "data" size
 * 28 bytes is the body of a ds64 chunk (RIFF size, data size, sample count: 64 bits each;
 * table length: 32 bits, 0), so turning the file into RF64 at the end rewrites the first
 * 48 bytes and the data size in place and moves nothing.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* the Makefile sets it; this keeps a bare compile working */
#endif
#include "output/outfile.h"
#include "output/stage.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/buf.h"

#define GATHER 32768        /* samples gathered into one write of a file (64 KB) */
#define DS64_BODY 28
#define UNKNOWN 0xFFFFFFFFu /* a 32-bit size that is not given here (a stream, or RF64) */
#define PLAIN_LIMIT 0xFFFFFFFFu /* the largest RIFF size of a plain WAV */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HOST_IS_LE 0
#else
#define HOST_IS_LE 1
#endif

typedef struct nr_wav {
    int fd;
    const char *shown;          /* the output, for messages */
    int stream;
    off_t fix_at;               /* stream: where its header is, -1 = the sizes stay unknown */
    size_t data_size_at;        /* file: offset of the data chunk's size */
    uint64_t header_len;
    uint64_t data_bytes;
    uint64_t limit;             /* file: the largest RIFF size of a plain WAV, past it RF64 */
    size_t unflushed;           /* file: bytes written since writeback was last started */
    size_t n_pending;
    int16_t pending[GATHER];    /* little-endian samples not written yet */
} nr_wav;

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> 8 * i);
}

static void put64(unsigned char *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

/* Appends a chunk header: id and a 32-bit size. */
static void chunk_head(nr_buf *b, const char *id, uint32_t size)
{
    unsigned char h[8];
    memcpy(h, id, 4);
    put32(h + 4, size);
    nr_buf_put(b, (const char *)h, sizeof h);
}

static void fmt_chunk(nr_buf *b, int rate)
{
    unsigned char f[16] = {1, 0, 1, 0}; /* PCM, mono */
    put32(f + 4, (uint32_t)rate);
    put32(f + 8, (uint32_t)rate * 2);   /* bytes per second */
    f[12] = 2;                          /* block align */
    f[14] = 16;                         /* bits per sample */
    chunk_head(b, "fmt ", sizeof f);
    nr_buf_put(b, (const char *)f, sizeof f);
}

/* The bytes of an INFO text: the string, its NUL, and a NUL more to an even size. */
static size_t info_size(const char *s) { return s ? (strlen(s) + 2) & ~(size_t)1 : 0; }

static void info_chunk(nr_buf *b, const char *id, const char *s)
{
    if (!s) return;
    size_t n = info_size(s);
    chunk_head(b, id, (uint32_t)n);
    nr_buf_put(b, s, strlen(s));
    nr_buf_put(b, "\0\0", n - strlen(s));
}

static nr_wav *new_writer(int fd, const char *shown, char *err, size_t errlen)
{
    nr_wav *w = calloc(1, sizeof *w);
    if (!w) {
        nr_stage_errf(err, errlen, "cannot write %s: out of memory", shown);
        return NULL;
    }
    w->fd = fd;
    w->shown = shown;
    w->fix_at = -1;
    return w;
}

/* Writes the header in b; frees b. 0 ok, -1 with a sentence in err. */
static int put_header(nr_wav *w, nr_buf *b, char *err, size_t errlen)
{
    int e = b->oom ? ENOMEM : nr_write_all(w->fd, b->s, b->len) ? errno : 0;
    w->header_len = b->len;
    nr_buf_free(b);
    if (e) nr_stage_errf(err, errlen, "cannot write %s: %s", w->shown, strerror(e));
    return e ? -1 : 0;
}

/* NARRATOR_TEST_RF64_LIMIT, when it is a number of bytes below the real limit. */
static uint64_t plain_limit(void)
{
    const char *s = getenv("NARRATOR_TEST_RF64_LIMIT");
    char *end;
    if (!s || !*s) return PLAIN_LIMIT;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    return *end || errno || v > PLAIN_LIMIT ? PLAIN_LIMIT : (uint64_t)v;
}

/* Starts a WAV file on fd (at its start; fd open for writing, pwrite possible); title and
 * artist may be NULL. `shown` names the output in messages and must outlive the writer.
 * 0 ok, -1 with a sentence in err. */
static int writer_open_file(nr_wav **out, int fd, const char *shown, int rate, const char *title,
                            const char *artist, char *err, size_t errlen)
{
    *out = NULL;
    size_t tags = info_size(title) + info_size(artist);
    if (tags > (1u << 30)) { /* far beyond any title; keeps every size below in 32 bits */
        nr_stage_errf(err, errlen, "cannot write %s: the title and artist are too long", shown);
        return -1;
    }
    nr_wav *w = new_writer(fd, shown, err, errlen);
    if (!w) return -1;
    w->limit = plain_limit();
    nr_buf b = {0};
    chunk_head(&b, "RIFF", 0);
    nr_buf_put(&b, "WAVE", 4);
    chunk_head(&b, "JUNK", DS64_BODY);
    nr_buf_put(&b, (const char[DS64_BODY]){0}, DS64_BODY);
    fmt_chunk(&b, rate);
    if (tags) {
        chunk_head(&b, "LIST", (uint32_t)(4 + (title ? 8 : 0) + (artist ? 8 : 0) + tags));
        nr_buf_put(&b, "INFO", 4);
        info_chunk(&b, "INAM", title);
        info_chunk(&b, "IART", artist);
    }
    chunk_head(&b, "data", 0);
    w->data_size_at = b.len - 4;
    if (put_header(w, &b, err, errlen)) {
        free(w);
        return -1;
    }
    *out = w;
    return 0;
}

/* Starts a WAV stream on fd; fix_at is where its header begins when the sizes can be put
 * in at the end (a seekable regular file), else -1. 0 ok, -1 with a sentence in err. */
static int writer_open_stream(nr_wav **out, int fd, const char *shown, int rate, off_t fix_at,
                              char *err, size_t errlen)
{
    *out = NULL;
    nr_wav *w = new_writer(fd, shown, err, errlen);
    if (!w) return -1;
    w->stream = 1;
    w->fix_at = fix_at;
    nr_buf b = {0};
    chunk_head(&b, "RIFF", UNKNOWN);
    nr_buf_put(&b, "WAVE", 4);
    fmt_chunk(&b, rate);
    chunk_head(&b, "data", UNKNOWN);
    if (put_header(w, &b, err, errlen)) {
        free(w);
        return -1;
    }
    *out = w;
    return 0;
}

/* Writes bytes of PCM; a file's writeback is started as it grows. */
static int put_out(nr_wav *w, const void *p, size_t bytes, char *err, size_t errlen)
{
    if (nr_write_all(w->fd, p, bytes)) {
        nr_stage_errf(err, errlen, "cannot write %s: %s", w->shown, strerror(errno));
        return -1;
    }
    if (!w->stream) nr_write_behind(w->fd, &w->unflushed, bytes);
    return 0;
}

static int write_pending(nr_wav *w, char *err, size_t errlen)
{
    size_t n = w->n_pending;
    w->n_pending = 0;
    return n ? put_out(w, w->pending, n * sizeof *w->pending, err, errlen) : 0;
}

/* n samples. 0 ok, -1 with a sentence in err (the output is then only good to discard). */
static int writer_write(nr_wav *w, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    w->data_bytes += n * sizeof *pcm;
    /* straight out when the samples are little-endian already and need no gathering */
    if (HOST_IS_LE && !w->n_pending && (w->stream || n >= GATHER)) return put_out(w, pcm, n * sizeof *pcm, err, errlen);
    while (n) {
        size_t k = GATHER - w->n_pending < n ? GATHER - w->n_pending : n;
        if (HOST_IS_LE) memcpy(w->pending + w->n_pending, pcm, k * sizeof *pcm);
        else
            for (size_t i = 0; i < k; i++)
                w->pending[w->n_pending + i] = (int16_t)(((uint16_t)pcm[i] >> 8) | ((uint16_t)pcm[i] << 8));
        w->n_pending += k;
        pcm += k;
        n -= k;
        if ((w->n_pending == GATHER || (w->stream && !n)) && write_pending(w, err, errlen)) return -1;
    }
    return 0;
}

static int pwrite_all(int fd, const void *buf, size_t n, off_t at)
{
    const unsigned char *p = buf;
    while (n) {
        ssize_t k = pwrite(fd, p, n, at);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        p += k, n -= (size_t)k, at += k;
    }
    return 0;
}

/* A stream's sizes, when it is a file and they fit; else they stay unknown. */
static void fix_stream(nr_wav *w)
{
    if (w->fix_at < 0 || w->header_len + w->data_bytes - 8 > PLAIN_LIMIT) return;
    unsigned char size[4];
    put32(size, (uint32_t)(w->header_len + w->data_bytes - 8));
    if (pwrite_all(w->fd, size, 4, w->fix_at + 4)) return;
    put32(size, (uint32_t)w->data_bytes);
    (void)pwrite_all(w->fd, size, 4, w->fix_at + (off_t)w->header_len - 4);
}

/* Writes out what is gathered and puts the sizes into the header (see the top); fd stays
 * open. 0 ok, -1 with a sentence in err. On a stream only a best effort, never an error. */
static int writer_finish(nr_wav *w, char *err, size_t errlen)
{
    if (w->stream) { /* nothing is gathered: every write went straight out */
        fix_stream(w);
        return 0;
    }
    if (write_pending(w, err, errlen)) return -1;
    uint64_t riff = w->header_len - 8 + w->data_bytes;
    unsigned char head[12 + 8 + DS64_BODY], data_size[4];
    size_t head_len = 8;
    if (riff <= w->limit) {
        memcpy(head, "RIFF", 4);
        put32(head + 4, (uint32_t)riff);
        put32(data_size, (uint32_t)w->data_bytes);
    } else {
        memcpy(head, "RF64", 4);
        put32(head + 4, UNKNOWN);
        memcpy(head + 8, "WAVEds64", 8);
        put32(head + 16, DS64_BODY);
        put64(head + 20, riff);
        put64(head + 28, w->data_bytes);
        put64(head + 36, w->data_bytes / 2); /* sample frames */
        put32(head + 44, 0);                 /* no table of other chunks' sizes */
        put32(data_size, UNKNOWN);
        head_len = sizeof head;
    }
    errno = 0;
    if (pwrite_all(w->fd, head, head_len, 0) || pwrite_all(w->fd, data_size, 4, (off_t)w->data_size_at)) {
        nr_stage_errf(err, errlen, "cannot write %s: %s", w->shown, strerror(errno ? errno : EIO));
        return -1;
    }
    return 0;
}

static void writer_free(nr_wav *w) { free(w); }

/* ---- the stage: a file that appears whole at commit, or standard output ---- */

typedef struct {
    nr_file_stage file;
    nr_wav *wav;
    int is_stdout;
} wav_stage;

static const char *shown(const wav_stage *f) { return f->is_stdout ? "standard output" : f->file.path; }

/* Frees everything; the file, if not committed, is dropped. Never touches fd 1. */
static void wav_abort(nr_stage *s)
{
    wav_stage *f = (wav_stage *)s;
    writer_free(f->wav);
    nr_file_stage_discard(&f->file);
    free(f);
}

static narrator_status wav_pcm(nr_stage *s, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    wav_stage *f = (wav_stage *)s;
    if (f->file.failed) {
        nr_stage_errf(err, errlen, "cannot write %s: an earlier write failed", shown(f));
        return NARRATOR_ERR_IO;
    }
    if (writer_write(f->wav, pcm, n, err, errlen)) {
        f->file.failed = 1;
        return NARRATOR_ERR_IO;
    }
    return NARRATOR_OK;
}

/* Finishes the file and puts it over the target; on a stream only puts in the sizes if it
 * can. On standard output nothing can be taken back: an abort just stops. */
static narrator_status wav_close(nr_stage *s, char *err, size_t errlen)
{
    wav_stage *f = (wav_stage *)s;
    int rc = 0;
    if (f->file.failed) {
        nr_stage_errf(err, errlen, "cannot write %s: an earlier write failed%s", shown(f),
                      f->is_stdout ? "" : "; nothing was written");
        rc = -1;
    } else if (f->is_stdout)
        writer_finish(f->wav, err, errlen);
    else if (writer_finish(f->wav, err, errlen))
        rc = -1;
    else if (nr_file_stage_commit(&f->file, err, errlen))
        rc = -1;
    wav_abort(s);
    return rc ? NARRATOR_ERR_IO : NARRATOR_OK;
}

static const nr_stage_ops wav_ops = {
    .name = "wav", .pcm = wav_pcm, .close = wav_close, .abort = wav_abort,
};

/* Standard output: a terminal is refused (binary audio there is never what the user
 * meant); the sizes are put in at the end when it is a regular file we may seek in. */
static int open_stdout(wav_stage *f, int rate, char *err, size_t errlen)
{
    f->is_stdout = 1;
    int fd = STDOUT_FILENO;
    if (isatty(fd)) {
        nr_stage_errf(err, errlen, "cannot write audio to standard output: it is a terminal "
                                   "(redirect it to a file or a pipe)");
        return -1;
    }
    fflush(stdout); /* anything the program printed goes before the header, not into the audio */
    struct stat st;
    int fl = fcntl(fd, F_GETFL);
    off_t start = lseek(fd, 0, SEEK_CUR);
    int can_fix = start >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && fl >= 0 && !(fl & O_APPEND);
    return writer_open_stream(&f->wav, fd, shown(f), rate, can_fix ? start : -1, err, errlen);
}

static int open_file(wav_stage *f, const nr_stage_spec *spec, char *err, size_t errlen)
{
    if (nr_file_stage_open(&f->file, err, errlen)) return -1;
    return writer_open_file(&f->wav, f->file.out.fd, f->file.path, spec->rate, spec->title, spec->artist, err, errlen);
}

narrator_status nr_wav_stage_open(nr_stage **out, const nr_stage_spec *spec, char *err, size_t errlen)
{
    *out = NULL;
    wav_stage *f = nr_file_stage_new(sizeof *f, &wav_ops, spec->path, err, errlen);
    if (!f) return NARRATOR_ERR_IO;
    if (strcmp(spec->path, "-") == 0 ? open_stdout(f, spec->rate, err, errlen) : open_file(f, spec, err, errlen)) {
        wav_abort(&f->file.stage);
        return NARRATOR_ERR_IO;
    }
    *out = &f->file.stage;
    return NARRATOR_OK;
}
