/*
 * test_mp3seg.c — MP3 encoded in pieces and joined (src/output/mp3seg.c, mp3file.c): 40 pieces of a
 * speech-like signal encoded apart, joined into one file and read back with libsndfile
 * (mpg123): length, silence at the joins, speech where it belongs, tags, bitrate, the Xing
 * frame; the same PCM encoded in one go; encoding in a forked process; discarding and errors.
 * NR_MP3SEG_REPORT=1 in the environment prints the measured figures.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* the Makefile sets it; this keeps a bare compile working */
#endif
#include "harness.h"
#include "fixtures.h"
#include "output/mp3seg.h"
#include <dirent.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define RATE 22050
#define FRAME 576           /* samples per MPEG-2 Layer III frame */
#define DECODER_DELAY 529   /* of every Layer III decoder */
#define SHIFT (576 + DECODER_DELAY) /* LAME's encoder delay + the decoder's: where a piece's sound begins */
#define PIECES 40
#define TITLE "Café — 東京 news"
#define ARTIST "Zoë Narrator"
#define NEAR_ZERO 328       /* 1 % of full scale */
#define PI 3.14159265358979323846

/* A small deterministic generator, so every run hears the same signal. */
static uint32_t rnd(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}
static double uniform(uint32_t *s, double lo, double hi) { return lo + (hi - lo) * (rnd(s) & 0xFFFF) / 65535.0; }

typedef struct {
    int16_t *pcm;
    size_t n, speech;       /* samples in all; the speech before the trailing silence */
    nr_buf mp3;
    size_t frames, decoded;
} piece;

/* A two-pole resonator (a formant): centre f, bandwidth bw, unit gain at 0 Hz. */
typedef struct {
    double a, b, c, y1, y2;
} resonator;

static void tune(resonator *r, double f, double bw)
{
    r->c = -exp(-2 * PI * bw / RATE);
    r->b = 2 * exp(-PI * bw / RATE) * cos(2 * PI * f / RATE);
    r->a = 1 - r->b - r->c;
    r->y1 = r->y2 = 0;
}

static double resonate(resonator *r, double x)
{
    double y = r->a * x + r->b * r->y1 + r->c * r->y2;
    r->y2 = r->y1, r->y1 = y;
    return y;
}

/* Syllables as a formant synthesizer makes them: a gliding glottal pulse train (voiced) or
 * noise (a fricative) through three formants, under a raised-cosine envelope, with short
 * gaps between them; then 200-1000 ms of zeros. */
static void make_piece(piece *p, uint32_t *seed)
{
    double seconds = uniform(seed, 0.6, 6.0), pause = uniform(seed, 0.2, 1.0);
    p->speech = (size_t)(seconds * RATE);
    p->n = p->speech + (size_t)(pause * RATE);
    p->pcm = calloc(p->n, sizeof *p->pcm);
    double *syl = malloc(RATE * sizeof *syl);
    size_t at = 0;
    while (at < p->speech) {
        size_t len = (size_t)(uniform(seed, 0.08, 0.3) * RATE), gap = (size_t)(uniform(seed, 0.0, 0.08) * RATE);
        if (at + len > p->speech) len = p->speech - at;
        int voiced = uniform(seed, 0, 1) < 0.7;
        double f0 = uniform(seed, 90, 220), glide = uniform(seed, -0.4, 0.4), phase = 0, top = 1e-9;
        resonator f[3];
        tune(&f[0], voiced ? uniform(seed, 300, 800) : uniform(seed, 2500, 3500), voiced ? 80 : 600);
        tune(&f[1], voiced ? uniform(seed, 900, 2300) : uniform(seed, 4000, 5500), voiced ? 120 : 1200);
        tune(&f[2], voiced ? uniform(seed, 2400, 3300) : uniform(seed, 6000, 8000), voiced ? 200 : 2000);
        for (size_t i = 0; i < len; i++) {
            phase += f0 * (1 + glide * (double)i / RATE) / RATE;
            double x = uniform(seed, -0.05, 0.05);
            if (!voiced) x *= 20;
            else if (phase >= 1) phase -= 1, x += 1;
            x = resonate(&f[0], x) + resonate(&f[1], x) + resonate(&f[2], x);
            syl[i] = x * (0.5 - 0.5 * cos(2 * PI * (double)i / (double)len));
            top = fabs(syl[i]) > top ? fabs(syl[i]) : top;
        }
        double amp = uniform(seed, 3000, 12000) / top;
        for (size_t i = 0; i < len; i++) p->pcm[at + i] = (int16_t)lrint(amp * syl[i]);
        at += len + gap;
    }
    free(syl);
}




/* The whole file in a malloc'd buffer, its size in *len; NULL if unreadable. */
static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    unsigned char *buf = malloc(size > 0 ? (size_t)size : 1);
    *len = buf && size > 0 ? fread(buf, 1, (size_t)size, fp) : 0;
    fclose(fp);
    return buf;
}

static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }
static size_t syncsafe(const unsigned char *p) { return (size_t)p[0] << 21 | p[1] << 14 | p[2] << 7 | p[3]; }

/* The decoded file: samples and count, NULL on failure (a failed check). */
static short *decode(const char *path, sf_count_t *n, const char **title, const char **artist, char *tags, size_t taglen)
{
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!CHECK(sf != NULL, "libsndfile reads %s: %s", path, sf_strerror(NULL))) return NULL;
    CHECK(info.samplerate == RATE && info.channels == 1 && (info.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_MPEG,
          "%d Hz, %d channels, format 0x%x", info.samplerate, info.channels, info.format);
    if (title) {
        const char *t = sf_get_string(sf, SF_STR_TITLE), *a = sf_get_string(sf, SF_STR_ARTIST);
        snprintf(tags, taglen, "%s", t ? t : "(none)");
        snprintf(tags + taglen / 2, taglen / 2, "%s", a ? a : "(none)");
        *title = tags, *artist = tags + taglen / 2;
    }
    short *x = malloc((size_t)(info.frames + 1) * sizeof *x);
    *n = sf_readf_short(sf, x, info.frames + 1);
    CHECK(*n == info.frames, "read %lld of %lld samples", (long long)*n, (long long)info.frames);
    sf_close(sf);
    return x;
}

/* The largest |x[i]| for i in [from, to) within [0, n). */
static int peak(const short *x, sf_count_t n, sf_count_t from, sf_count_t to)
{
    int m = 0;
    for (sf_count_t i = from < 0 ? 0 : from; i < to && i < n; i++) m = abs(x[i]) > m ? abs(x[i]) : m;
    return m;
}

/* Writes the pieces [0, n) into path as one file; 0 ok. */
static int join(const char *path, piece *p, int n, const char *title, const char *artist)
{
    char err[512] = "";
    nr_mp3file *f = NULL;
    if (!CHECK(nr_mp3file_open(&f, path, RATE, title, artist, err, sizeof err) == 0 && f, "open: %s", err)) return -1;
    int rc = 0;
    for (int i = 0; i < n && !rc; i++)
        rc = nr_mp3file_write(f, p[i].mp3.s, p[i].mp3.len, p[i].frames, p[i].decoded, err, sizeof err);
    CHECK(rc == 0, "write: %s", err);
    CHECK(nr_mp3file_close(f, 1, err, sizeof err) == 0, "close: %s", err);
    return rc;
}

NR_TEST(mp3seg_trim)
{
    int16_t x[20000] = {0};
    for (int i = 0; i < 10000; i++) x[i] = 1000;
    /* 10000 samples + 5000 zeros = 15000: 26 frames (14976) is nearest; 26*576 - 1152 encoded. */
    CHECK(nr_mp3seg_trim(x, 15000, 576, 576) == 13824, "trimmed to %zu", nr_mp3seg_trim(x, 15000, 576, 576));
    /* No silence: nothing trimmed. 100 zeros: 20 frames either way, so nothing is gained by trimming. */
    CHECK(nr_mp3seg_trim(x, 10000, 576, 576) == 10000, "no silence: %zu", nr_mp3seg_trim(x, 10000, 576, 576));
    CHECK(nr_mp3seg_trim(x, 10100, 576, 576) == 10100, "little silence: %zu", nr_mp3seg_trim(x, 10100, 576, 576));
    /* 10000 + 1000 zeros: 19 frames (10944) is nearest, but 10000 samples need 20: 20*576 - 1152. */
    CHECK(nr_mp3seg_trim(x, 11000, 576, 576) == 10368, "silence caps the trim: %zu", nr_mp3seg_trim(x, 11000, 576, 576));
    CHECK(nr_mp3seg_trim(x + 15000, 500, 576, 576) == 0, "all silence, short: %zu", nr_mp3seg_trim(x + 15000, 500, 576, 576));
    CHECK(nr_mp3seg_trim(x, 0, 576, 576) == 0, "empty");
    /* MPEG-1 (1152 a frame): 44100 + 20000 zeros wants 56 frames (64512): 64512 - 1152. */
    int16_t *y = calloc(64100, sizeof *y);
    for (int i = 0; i < 44100; i++) y[i] = 1;
    CHECK(nr_mp3seg_trim(y, 64100, 576, 1152) == 63360, "MPEG-1: %zu", nr_mp3seg_trim(y, 64100, 576, 1152));
    free(y);
}

NR_TEST(mp3seg_join)
{
    piece p[PIECES + 1];
    memset(p, 0, sizeof p);
    uint32_t seed = 12345;
    size_t total = 0, decoded = 0, frames = 0;
    char err[512] = "";
    int worst = 0, encoded = 1;
    for (int i = 0; i < PIECES; i++) {
        make_piece(&p[i], &seed);
        total += p[i].n;
        int rc = nr_mp3seg_encode(p[i].pcm, p[i].n, RATE, &p[i].mp3, &p[i].frames, &p[i].decoded, err, sizeof err);
        if (!CHECK(rc == 0 && p[i].frames > 0, "piece %d: encode: %s", i, err)) encoded = 0;
        CHECK(p[i].decoded == p[i].frames * FRAME, "piece %d: %zu frames decode to %zu", i, p[i].frames, p[i].decoded);
        int off = abs((int)p[i].decoded - (int)p[i].n);
        worst = off > worst ? off : worst;
        decoded += p[i].decoded, frames += p[i].frames;
    }
    CHECK(worst <= FRAME / 2, "each piece decodes to its length within half a frame: worst %d samples", worst);
    if (!encoded) goto out;

    char *dir = test_make_dir();
    if (!dir) goto out;
    char path[4096], name[256] = "";
    snprintf(path, sizeof path, "%s/joined.mp3", dir);
    if (join(path, p, PIECES, TITLE, ARTIST)) goto done;
    CHECK(test_dir_count(dir, name, sizeof name) == 1 && !strcmp(name, "joined.mp3"), "only the file is left: %s", name);

    /* Length, silence at the joins, speech where each piece put it. */
    sf_count_t n = 0;
    const char *title = NULL, *artist = NULL;
    char tags[512];
    short *x = decode(path, &n, &title, &artist, tags, sizeof tags);
    if (!x) goto done;
    double error = fabs((double)n - (double)total) / (double)total;
    CHECK(error < 0.01, "duration %.3f s, PCM %.3f s: %.3f %% off", (double)n / RATE, (double)total / RATE, 100 * error);
    CHECK(labs((long)n - (long)total) <= PIECES * FRAME, "within a frame a piece: %ld samples off", (long)n - (long)total);
    /* mpg123 drops its own delay (529) at the start when a Xing header gives the length. */
    sf_count_t lead = (sf_count_t)decoded - n, at = -lead;
    CHECK(lead == 0 || lead == DECODER_DELAY, "the decoder made %lld samples, the pieces said %zu", (long long)n,
          decoded);
    int join_peak = 0, pause_peak = 0, misplaced = 0;
    double kbps = 0;
    for (int i = 0; i < PIECES && at < n; i++) {
        sf_count_t speech_at = at + SHIFT, speech_end = speech_at + (sf_count_t)p[i].speech;
        int here = peak(x, n, at - 1000, at + 1000);
        if (i && here > join_peak) join_peak = here;
        /* the pause: from two frames after the speech (the codec rings on that long) to the next speech */
        here = peak(x, n, speech_end + 2 * FRAME, at + (sf_count_t)p[i].decoded + SHIFT - 100);
        if (here > pause_peak) pause_peak = here;
        /* loud where the speech is (LAME's delay later), silent up to there */
        if (peak(x, n, speech_at, speech_end) < 1000 || peak(x, n, at, speech_at - 100) > NEAR_ZERO) misplaced++;
        at += (sf_count_t)p[i].decoded;
    }
    CHECK(join_peak < NEAR_ZERO, "within 1000 samples of every join |x| <= %d (1 %% is %d)", join_peak, NEAR_ZERO);
    CHECK(pause_peak < NEAR_ZERO, "in every pause, across the join, |x| <= %d (1 %% is %d)", pause_peak, NEAR_ZERO);
    CHECK(misplaced == 0, "%d pieces are not loud where their speech should be, or loud before it", misplaced);
    CHECK_STR(title, TITLE, "title through libsndfile");
    CHECK_STR(artist, ARTIST, "artist through libsndfile");

    /* The bytes: ID3v2.4 with UTF-8 frames, then the Xing frame with the totals. */
    size_t len = 0;
    unsigned char *b = slurp(path, &len);
    if (CHECK(b && len > 200 && !memcmp(b, "ID3\4\0", 5), "an ID3v2.4 tag first")) {
        size_t id3 = 10 + syncsafe(b + 6);
        CHECK(!memcmp(b + 10, "TIT2", 4) && b[20] == 3 && !memcmp(b + 21, TITLE, strlen(TITLE)), "TIT2 in UTF-8");
        const unsigned char *xf = b + id3, *xing = xf + 4 + 9;
        if (CHECK(id3 + 200 < len && xf[0] == 0xFF && (xf[1] & 0xFE) == 0xF2 && !memcmp(xing, "Xing", 4),
                  "an MPEG-2 Layer III frame with \"Xing\" after the tag")) {
            CHECK(be32(xing + 4) == 7, "flags: frames, bytes, TOC (%u)", be32(xing + 4));
            CHECK(be32(xing + 8) == frames, "Xing frames %u, written %zu", be32(xing + 8), frames);
            CHECK(be32(xing + 12) == len - id3, "Xing bytes %u, file from the frame %zu", be32(xing + 12), len - id3);
            /* Walk the frames after the Xing frame: their count, and where each TOC entry should point. */
            static const int kbps2[15] = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
            size_t *start = malloc((frames + 1) * sizeof *start), count = 0, pos = id3;
            pos += 72000 * kbps2[xf[2] >> 4] / RATE;
            while (pos + 4 <= len && count <= frames && b[pos] == 0xFF && (b[pos + 1] & 0xFE) == 0xF2) {
                start[count++] = pos - id3;
                pos += (size_t)(72000 * kbps2[b[pos + 2] >> 4] / RATE + (b[pos + 2] >> 1 & 1));
            }
            CHECK(count == frames && pos == len, "%zu frames in the file up to byte %zu of %zu, %zu written", count,
                  pos, len, frames);
            /* the writer keeps every frame's offset up to 4096 frames, then every 2nd, 4th...:
               an entry points at its frame or at one up to 4 frames before it (this file) */
            int toc_off = 0;
            for (size_t i = 0; count == frames && i < 100; i++) {
                size_t k = i * frames / 100, lo = k >= 4 ? k - 4 : 0;
                unsigned got = xing[16 + i];
                if (got > start[k] * 256 / (len - id3) || got < start[lo] * 256 / (len - id3)) toc_off++;
            }
            CHECK(count == frames && frames > 4096 && toc_off == 0 && xing[16] == 0 && xing[16 + 99] > 250,
                  "%d of 100 TOC entries do not point at their frame (%zu frames)", toc_off, frames);
            free(start);
            kbps = (double)(len - id3) * 8 / ((double)n / RATE) / 1000;
            /* This signal measures 53.8 kb/s at what `lame -V 6` means at 22050 Hz (internal quality
               3.67; LAME 3.100), 39.2 at the library's own 6: the encoder must be in the first class. */
            CHECK(kbps > 48 && kbps < 60, "%.1f kb/s: LAME -V 6 (as the command line means it) for this 22050 Hz "
                  "mono signal", kbps);
            if (getenv("NR_MP3SEG_REPORT"))
                fprintf(stderr, "mp3seg: %d pieces, %.2f s, %.3f %% off the PCM, worst piece %d samples off, "
                            "join peak %d, pause peak %d, %.1f kb/s\n", PIECES, (double)n / RATE, 100 * error, worst, join_peak,
                        pause_peak, kbps);
        }
    }
    free(b);

    /* The same PCM encoded in one go, as one piece: about as long. */
    piece *whole = &p[PIECES];
    whole->n = total;
    whole->pcm = malloc(total * sizeof *whole->pcm);
    for (size_t i = 0, to = 0; i < PIECES; to += p[i].n, i++) memcpy(whole->pcm + to, p[i].pcm, p[i].n * 2);
    snprintf(path, sizeof path, "%s/whole.mp3", dir);
    if (CHECK(nr_mp3seg_encode(whole->pcm, total, RATE, &whole->mp3, &whole->frames, &whole->decoded, err, sizeof err) == 0,
              "whole: %s", err) && !join(path, whole, 1, NULL, NULL)) {
        sf_count_t m = 0;
        short *y = decode(path, &m, NULL, NULL, NULL, 0);
        CHECK(y && fabs((double)m - (double)n) < 0.01 * (double)m, "in pieces %lld samples, in one go %lld",
              (long long)n, (long long)m);
        double whole_kbps = (double)whole->mp3.len * 8 / ((double)m / RATE) / 1000;
        CHECK(kbps > 0.95 * whole_kbps && kbps < 1.1 * whole_kbps, "in pieces %.1f kb/s, in one go %.1f", kbps,
              whole_kbps);
        if (getenv("NR_MP3SEG_REPORT"))
            fprintf(stderr, "mp3seg: in one go %.2f s at %.1f kb/s, in pieces %.2f s\n", (double)m / RATE,
                    whole_kbps, (double)n / RATE);
        free(y);
    }
    free(x);
done:
    test_rm_tree(dir);
out:
    for (int i = 0; i <= PIECES; i++) {
        free(p[i].pcm);
        nr_buf_free(&p[i].mp3);
    }
}

/* A worker process encodes the piece and sends it back through a pipe: the same bytes. */
NR_TEST(mp3seg_fork)
{
    piece p = {0};
    uint32_t seed = 7;
    make_piece(&p, &seed);
    char err[512] = "";
    int fds[2];
    if (!CHECK(pipe(fds) == 0, "pipe")) return;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        nr_buf out = {0};
        size_t frames, decoded;
        int rc = nr_mp3seg_encode(p.pcm, p.n, RATE, &out, &frames, &decoded, NULL, 0);
        ssize_t w = rc ? -1 : write(fds[1], out.s, out.len);
        _exit(w == (ssize_t)out.len ? 0 : 1);
    }
    close(fds[1]);
    nr_buf got = {0};
    char chunk[4096];
    ssize_t r;
    while ((r = read(fds[0], chunk, sizeof chunk)) > 0) nr_buf_put(&got, chunk, (size_t)r);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the worker encoded");
    CHECK(nr_mp3seg_encode(p.pcm, p.n, RATE, &p.mp3, &p.frames, &p.decoded, err, sizeof err) == 0, "here: %s", err);
    CHECK(got.len == p.mp3.len && got.len && !memcmp(got.s, p.mp3.s, got.len), "same %zu bytes (worker %zu)",
          p.mp3.len, got.len);
    nr_buf_free(&got);
    nr_buf_free(&p.mp3);
    free(p.pcm);
}

NR_TEST(mp3seg_discard_and_errors)
{
    piece p = {0};
    uint32_t seed = 99;
    make_piece(&p, &seed);
    char err[512] = "", path[4096];
    CHECK(nr_mp3seg_encode(p.pcm, p.n, RATE, &p.mp3, &p.frames, &p.decoded, err, sizeof err) == 0, "encode: %s", err);
    char *dir = test_make_dir();
    if (!dir) goto out;
    nr_mp3file *f = NULL;

    snprintf(path, sizeof path, "%s/gone.mp3", dir);
    CHECK(nr_mp3file_open(&f, path, RATE, "t", NULL, err, sizeof err) == 0, "open: %s", err);
    CHECK(test_dir_count(dir, NULL, 0) == 0, "while writing the file has no name (O_TMPFILE)");
    CHECK(f && nr_mp3file_write(f, p.mp3.s, p.mp3.len, p.frames, p.decoded, err, sizeof err) == 0, "write: %s", err);
    CHECK(nr_mp3file_close(f, 0, err, sizeof err) == 0, "discard: %s", err);
    CHECK(test_dir_count(dir, NULL, 0) == 0, "close(commit=0) leaves nothing");

    /* Bytes that are not the frames they claim: refused, and the file cannot be committed. */
    CHECK(nr_mp3file_open(&f, path, RATE, NULL, NULL, err, sizeof err) == 0, "open: %s", err);
    CHECK(f && nr_mp3file_write(f, p.mp3.s, p.mp3.len - 1, p.frames, p.decoded, err, sizeof err) == -1,
          "a cut piece is refused");
    CHECK(strstr(err, path) && strstr(err, "frames"), "message: %s", err);
    CHECK(f && nr_mp3file_write(f, p.mp3.s, p.mp3.len, p.frames + 1, p.decoded, err, sizeof err) == -1,
          "a wrong frame count is refused");
    CHECK(nr_mp3file_close(f, 1, err, sizeof err) == -1 && strstr(err, "earlier"), "commit after a failure: %s", err);
    CHECK(test_dir_count(dir, NULL, 0) == 0, "nothing left after a failed write");

    /* Committing onto a directory fails at the rename and leaves no temporary. */
    snprintf(path, sizeof path, "%s/isdir.mp3", dir);
    mkdir(path, 0700);
    CHECK(nr_mp3file_open(&f, path, RATE, NULL, NULL, err, sizeof err) == 0, "open: %s", err);
    CHECK(f && nr_mp3file_write(f, p.mp3.s, p.mp3.len, p.frames, p.decoded, err, sizeof err) == 0, "write: %s", err);
    CHECK(nr_mp3file_close(f, 1, err, sizeof err) == -1 && strstr(err, path), "commit onto a directory: %s", err);
    CHECK(test_dir_count(dir, NULL, 0) == 1, "only the directory is there");

    f = (nr_mp3file *)&err;
    CHECK(nr_mp3file_open(&f, "/nonexistent-narrator-dir/a.mp3", RATE, NULL, NULL, err, sizeof err) == -1 && !f,
          "an unwritable path fails");
    CHECK(strstr(err, "/nonexistent-narrator-dir/a.mp3") != NULL, "message names it: %s", err);
    CHECK(nr_mp3file_open(&f, "/tmp/x.mp3", 22051, NULL, NULL, err, sizeof err) == -1 && strstr(err, "22051"),
          "not an MPEG rate: %s", err);
    size_t frames = 7, decoded = 7;
    nr_buf none = {0};
    CHECK(nr_mp3seg_encode(p.pcm, p.n, 22051, &none, &frames, &decoded, err, sizeof err) == -1 && none.len == 0 &&
              frames == 7 && strstr(err, "22051"),
          "encode at 22051 Hz: %s", err);
    CHECK(nr_mp3file_close(NULL, 1, err, sizeof err) == 0, "closing NULL is a no-op");
    test_rm_tree(dir);
out:
    nr_buf_free(&p.mp3);
    free(p.pcm);
}
