/*
 * test_sink.c — the output stages (src/output/stage.h): every file format written in
 * pieces and read back with libsndfile (length, rate, pitch, tags, mode, no temporary
 * left), discarding, errors, WAV on standard output (a pipe and a regular file), libao's
 * "null" driver; the level meter's arithmetic; a pass-through stage made here; and the
 * chain (chain.h): the sinks' order, what it wants, the pieces it encodes itself, its
 * figures.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* the Makefile sets it; this keeps a bare compile working */
#endif
#include "harness.h"
#include "fixtures.h"
#include "output/chain.h"
#include "output/mp3seg.h"
#include "output/stage.h"
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RATE 22050
#define TONE_SECONDS 1.5
#define TITLE "Café news — the morning edition"
#define ARTIST "Narrator Test"

/* The stages as the chain opens them: a file by its extension, the speakers. */
static narrator_status open_file(nr_stage **s, const char *path, int rate, const char *title, const char *artist,
                                 char *err, size_t errlen)
{
    nr_stage_spec spec = { .rate = rate, .path = path, .title = title, .artist = artist };
    return nr_stage_open_file(s, &spec, err, errlen);
}

static narrator_status open_speaker(nr_stage **s, const char *driver, int rate, char *err, size_t errlen)
{
    nr_stage_spec spec = { .rate = rate, .driver = driver };
    return nr_speaker_stage_open(s, &spec, err, errlen);
}

static int16_t *tone(size_t n, int rate)
{
    int16_t *pcm = malloc(n * sizeof *pcm);
    for (size_t i = 0; i < n; i++) pcm[i] = (int16_t)lrint(12000.0 * sin(2 * 3.14159265358979323846 * 440.0 * (double)i / rate));
    return pcm;
}

/* Writes pcm in uneven pieces, including single samples. */
static int write_pieces(nr_stage *s, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    static const size_t pieces[] = {1, 1000, 7, 4096, 1, 333, 9000, 2, 5000};
    size_t done = 0;
    for (int i = 0; done < n; i = (i + 1) % (int)(sizeof pieces / sizeof *pieces)) {
        size_t k = pieces[i] < n - done ? pieces[i] : n - done;
        if (nr_stage_pcm(s, pcm + done, k, err, errlen)) return -1;
        done += k;
    }
    return 0;
}

/* Pitch from upward zero crossings over the middle of the signal (skips codec ramps). */
static double pitch(const short *x, sf_count_t n, int rate)
{
    sf_count_t a = n / 10, b = n - n / 10, first = -1, last = -1;
    int crossings = 0;
    for (sf_count_t i = a + 1; i < b; i++) {
        if (x[i - 1] < 0 && x[i] >= 0) {
            if (first < 0) first = i;
            last = i;
            crossings++;
        }
    }
    return crossings > 1 ? (double)(crossings - 1) * rate / (double)(last - first) : 0.0;
}

static const struct {
    const char *name;    /* file name in the test directory */
    int major;           /* SF_FORMAT_TYPEMASK part */
    int subtype;         /* SF_FORMAT_SUBMASK part */
    int rate;            /* rate of the file */
    double tolerance;    /* of the duration, relative */
    const char *title;   /* as read back */
} cases[] = {
    {"out.wav", SF_FORMAT_WAV, SF_FORMAT_PCM_16, 22050, 0.0, TITLE},
    {"out.flac", SF_FORMAT_FLAC, SF_FORMAT_PCM_16, 22050, 0.0, TITLE},
    /* Ogg Opus: pre-skip and the end granule position trim the codec delay: exact too. */
    {"out.ogg", SF_FORMAT_OGG, SF_FORMAT_OPUS, 24000, 0.01, TITLE},
    {"out.opus", SF_FORMAT_OGG, SF_FORMAT_OPUS, 24000, 0.01, TITLE},
    {"LOUD.Opus", SF_FORMAT_OGG, SF_FORMAT_OPUS, 24000, 0.01, TITLE},
    {"LOUD.WAV", SF_FORMAT_WAV, SF_FORMAT_PCM_16, 22050, 0.0, TITLE},
};

NR_TEST(sink_formats)
{
    size_t n = (size_t)(TONE_SECONDS * RATE);
    int16_t *pcm = tone(n, RATE);
    mode_t old_mask = umask(027);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        char *dir = test_make_dir();
        if (!dir) break;
        char path[4096], err[512] = "", name[256] = "";
        snprintf(path, sizeof path, "%s/%s", dir, cases[c].name);
        nr_stage *s = NULL;
        int rc = open_file(&s, path, RATE, TITLE, ARTIST, err, sizeof err);
        if (!CHECK(rc == 0 && s, "%s: open failed: %s", cases[c].name, err)) {
            test_rm_tree(dir);
            continue;
        }
        CHECK(test_dir_count(dir, name, sizeof name) == 0,
              "%s: while writing the file has no name (O_TMPFILE), got '%s'", cases[c].name, name);
        CHECK(write_pieces(s, pcm, n, err, sizeof err) == 0, "%s: write failed: %s", cases[c].name, err);
        CHECK(nr_stage_close(s, 1, err, sizeof err) == 0, "%s: close failed: %s", cases[c].name, err);

        name[0] = '\0';
        CHECK(test_dir_count(dir, name, sizeof name) == 1 && strcmp(name, cases[c].name) == 0,
              "%s: exactly the target is left, got '%s'", cases[c].name, name);
        struct stat st;
        CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640, "%s: mode %o, want 640 (umask 027)",
              cases[c].name, (unsigned)(st.st_mode & 0777));

        SF_INFO info = {0};
        SNDFILE *sf = sf_open(path, SFM_READ, &info);
        if (CHECK(sf != NULL, "%s: libsndfile cannot read it back: %s", cases[c].name, sf_strerror(NULL))) {
            CHECK((info.format & SF_FORMAT_TYPEMASK) == cases[c].major &&
                      (info.format & SF_FORMAT_SUBMASK) == cases[c].subtype,
                  "%s: format 0x%x", cases[c].name, info.format);
            CHECK(info.samplerate == cases[c].rate && info.channels == 1, "%s: %d Hz, %d channels",
                  cases[c].name, info.samplerate, info.channels);
            double secs = (double)info.frames / info.samplerate;
            CHECK(fabs(secs - TONE_SECONDS) <= TONE_SECONDS * cases[c].tolerance + 0.5 / info.samplerate,
                  "%s: duration %.5f s (%lld frames), want %.2f s within %.0f%%", cases[c].name, secs,
                  (long long)info.frames, TONE_SECONDS, cases[c].tolerance * 100);
            short *back = malloc((size_t)(info.frames + 1) * sizeof *back);
            sf_count_t got = sf_readf_short(sf, back, info.frames + 1);
            CHECK(got == info.frames, "%s: read %lld of %lld frames", cases[c].name, (long long)got,
                  (long long)info.frames);
            double hz = pitch(back, got, info.samplerate);
            CHECK(fabs(hz - 440.0) < 440.0 * 0.01, "%s: pitch %.2f Hz, want 440", cases[c].name, hz);
            free(back);
            const char *t = sf_get_string(sf, SF_STR_TITLE), *a = sf_get_string(sf, SF_STR_ARTIST);
            CHECK_STR(t, cases[c].title, "%s: title", cases[c].name);
            CHECK_STR(a, ARTIST, "%s: artist", cases[c].name);
            sf_close(sf);
        }
        test_rm_tree(dir);
    }
    umask(old_mask);
    free(pcm);
}

/* WAV keeps every sample, in order, whether pieces are gathered (small ones, or a large one
 * after a small one) or go straight through (a large one with nothing gathered). */
NR_TEST(sink_wav_pieces_exact)
{
    static const size_t pieces[] = {40000, 7, 33000, 300, 70000, 1};
    size_t n = 0;
    for (size_t i = 0; i < sizeof pieces / sizeof *pieces; i++) n += pieces[i];
    int16_t *pcm = tone(n, RATE);
    for (size_t i = 0; i < n; i += 97) pcm[i] = (int16_t)i; /* not periodic: a shifted piece shows */
    char *dir = test_make_dir();
    if (!dir) { free(pcm); return; }
    char path[4096], err[512] = "";
    snprintf(path, sizeof path, "%s/pieces.wav", dir);
    nr_stage *s = NULL;
    if (CHECK(open_file(&s, path, RATE, NULL, NULL, err, sizeof err) == 0, "open: %s", err)) {
        size_t done = 0;
        for (size_t i = 0; i < sizeof pieces / sizeof *pieces; done += pieces[i++])
            CHECK(nr_stage_pcm(s, pcm + done, pieces[i], err, sizeof err) == 0, "write %zu: %s", i, err);
        CHECK(nr_stage_close(s, 1, err, sizeof err) == 0, "close: %s", err);
        SF_INFO info = {0};
        SNDFILE *sf = sf_open(path, SFM_READ, &info);
        if (CHECK(sf != NULL, "read back: %s", sf_strerror(NULL))) {
            short *back = malloc((n + 1) * sizeof *back);
            sf_count_t got = sf_readf_short(sf, back, (sf_count_t)n + 1);
            CHECK(got == (sf_count_t)n && memcmp(back, pcm, n * sizeof *pcm) == 0, "%lld of %zu samples, the same",
                  (long long)got, n);
            free(back);
            sf_close(sf);
        }
    }
    test_rm_tree(dir);
    free(pcm);
}

/* Writes pcm to path as WAV with the test's tags; 1 ok. */
static int write_wav(const char *path, const int16_t *pcm, size_t n)
{
    char err[512] = "";
    nr_stage *s = NULL;
    if (!CHECK(open_file(&s, path, RATE, TITLE, ARTIST, err, sizeof err) == 0, "open %s: %s", path, err))
        return 0;
    int ok = CHECK(nr_stage_pcm(s, pcm, n, err, sizeof err) == 0, "write %s: %s", path, err);
    return CHECK(nr_stage_close(s, 1, err, sizeof err) == 0, "close %s: %s", path, err) && ok;
}

/* The whole of a small file, malloc'd, or NULL. */
static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *buf = NULL;
    long size = fp && fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : -1;
    if (size >= 0 && fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)size + 1)) &&
        fread(buf, 1, (size_t)size, fp) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    if (fp) fclose(fp);
    *len = buf ? (size_t)size : 0;
    return buf;
}

static uint32_t le32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint64_t le64(const unsigned char *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }

/* Reads path back with libsndfile: its major format, every sample, the tags. */
static void check_wav_back(const char *path, int major, const int16_t *pcm, size_t n, const char *what)
{
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!CHECK(sf != NULL, "%s: libsndfile reads it: %s", what, sf_strerror(NULL))) return;
    CHECK((info.format & SF_FORMAT_TYPEMASK) == major && (info.format & SF_FORMAT_SUBMASK) == SF_FORMAT_PCM_16,
          "%s: format 0x%x", what, info.format);
    CHECK(info.frames == (sf_count_t)n && info.samplerate == RATE && info.channels == 1, "%s: %lld frames at %d Hz",
          what, (long long)info.frames, info.samplerate);
    short *back = malloc((n + 1) * sizeof *back);
    CHECK(back && sf_readf_short(sf, back, (sf_count_t)n + 1) == (sf_count_t)n && !memcmp(back, pcm, n * sizeof *pcm),
          "%s: every sample comes back", what);
    free(back);
    CHECK_STR(sf_get_string(sf, SF_STR_TITLE), TITLE, "%s: title", what);
    CHECK_STR(sf_get_string(sf, SF_STR_ARTIST), ARTIST, "%s: artist", what);
    sf_close(sf);
}

/* A WAV whose RIFF size passes the limit of a plain WAV (4 GiB; NARRATOR_TEST_RF64_LIMIT
 * lowers it) is RF64 (EBU Tech 3306): "RF64", the JUNK chunk after "WAVE" turned into
 * ds64 with the 64-bit sizes, the 32-bit ones 0xFFFFFFFF. Up to the limit it is a plain
 * WAV, with that JUNK chunk. Both read back with libsndfile, tags and all. */
NR_TEST(sink_wav_rf64)
{
    size_t n = 30000, len = 0;
    int16_t *pcm = tone(n, RATE);
    for (size_t i = 0; i < n; i += 89) pcm[i] = (int16_t)i;
    char *dir = test_make_dir();
    if (!dir) { free(pcm); return; }
    char path[4096], limit[32];
    snprintf(path, sizeof path, "%s/long.wav", dir);
    unsetenv("NARRATOR_TEST_RF64_LIMIT");
    unsigned char *b = write_wav(path, pcm, n) ? slurp(path, &len) : NULL;
    uint64_t riff = len - 8;
    free(b);

    /* exactly at the limit: a plain WAV */
    snprintf(limit, sizeof limit, "%llu", (unsigned long long)riff);
    setenv("NARRATOR_TEST_RF64_LIMIT", limit, 1);
    b = write_wav(path, pcm, n) ? slurp(path, &len) : NULL;
    if (CHECK(b && len == riff + 8, "at the limit: %zu bytes", len)) {
        CHECK(!memcmp(b, "RIFF", 4) && le32(b + 4) == riff && !memcmp(b + 8, "WAVEJUNK", 8) && le32(b + 16) == 28,
              "at the limit: RIFF, its size, then a 28-byte JUNK chunk");
        CHECK(!memcmp(b + len - 2 * n - 8, "data", 4) && le32(b + len - 2 * n - 4) == 2 * n, "at the limit: the data size");
        check_wav_back(path, SF_FORMAT_WAV, pcm, n, "at the limit");
    }
    free(b);

    /* a byte over it: RF64 */
    snprintf(limit, sizeof limit, "%llu", (unsigned long long)riff - 1);
    setenv("NARRATOR_TEST_RF64_LIMIT", limit, 1);
    b = write_wav(path, pcm, n) ? slurp(path, &len) : NULL;
    if (CHECK(b && len == riff + 8, "over the limit: %zu bytes", len)) {
        CHECK(!memcmp(b, "RF64", 4) && le32(b + 4) == 0xFFFFFFFFu && !memcmp(b + 8, "WAVEds64", 8) && le32(b + 16) == 28,
              "over the limit: RF64, then a ds64 chunk where JUNK was");
        CHECK(le64(b + 20) == riff && le64(b + 28) == 2 * n && le64(b + 36) == n && le32(b + 44) == 0,
              "ds64: RIFF size %llu, data size %llu, frames %llu, no table", (unsigned long long)le64(b + 20),
              (unsigned long long)le64(b + 28), (unsigned long long)le64(b + 36));
        CHECK(!memcmp(b + len - 2 * n - 8, "data", 4) && le32(b + len - 2 * n - 4) == 0xFFFFFFFFu,
              "over the limit: the data size is in ds64");
        check_wav_back(path, SF_FORMAT_RF64, pcm, n, "over the limit");
    }
    free(b);
    unsetenv("NARRATOR_TEST_RF64_LIMIT");
    test_rm_tree(dir);
    free(pcm);
}

NR_TEST(sink_no_tags)
{
    char *dir = test_make_dir();
    if (!dir) return;
    char path[4096], err[512] = "";
    snprintf(path, sizeof path, "%s/plain.flac", dir);
    nr_stage *s = NULL;
    int16_t *pcm = tone(RATE / 2, RATE);
    CHECK(open_file(&s, path, RATE, NULL, NULL, err, sizeof err) == 0, "open: %s", err);
    CHECK(nr_stage_pcm(s, pcm, RATE / 2, err, sizeof err) == 0, "write: %s", err);
    CHECK(nr_stage_close(s, 1, err, sizeof err) == 0, "close: %s", err);
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (CHECK(sf != NULL, "read back: %s", sf_strerror(NULL))) {
        CHECK(sf_get_string(sf, SF_STR_TITLE) == NULL, "no title was given, none is there");
        CHECK(info.frames == RATE / 2, "frames %lld", (long long)info.frames);
        sf_close(sf);
    }
    free(pcm);
    test_rm_tree(dir);
}

/* Reads back the title and artist of a file written with them; returns 0 on failure. */
static int tags_of(const char *path, const char *title, const char *artist, char *t, char *a, size_t len)
{
    char err[512] = "";
    nr_stage *s = NULL;
    int16_t zeros[2205] = {0};
    t[0] = a[0] = '\0';
    if (!CHECK(open_file(&s, path, RATE, title, artist, err, sizeof err) == 0, "open: %s", err)) return 0;
    CHECK(nr_stage_pcm(s, zeros, 2205, err, sizeof err) == 0, "write: %s", err);
    CHECK(nr_stage_close(s, 1, err, sizeof err) == 0, "close: %s", err);
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!CHECK(sf != NULL, "read back %s: %s", path, sf_strerror(NULL))) return 0;
    const char *gt = sf_get_string(sf, SF_STR_TITLE), *ga = sf_get_string(sf, SF_STR_ARTIST);
    snprintf(t, len, "%s", gt ? gt : "(none)");
    snprintf(a, len, "%s", ga ? ga : "(none)");
    sf_close(sf);
    return 1;
}

/* Tags keep UTF-8 as it is, however long or short (MP3's are mp3seg's: test_mp3seg.c). */
NR_TEST(sink_tags_utf8)
{
    char *dir = test_make_dir();
    if (!dir) return;
    char path[4096], t[256], a[256];
    snprintf(path, sizeof path, "%s/tags.opus", dir);
    if (tags_of(path, "東京", "Zoë", t, a, sizeof t)) {
        CHECK_STR(t, "東京", "opus keeps UTF-8");
        CHECK_STR(a, "Zoë", "opus keeps UTF-8");
    }
    snprintf(path, sizeof path, "%s/tags.wav", dir);
    if (tags_of(path, "東京", "Zoë", t, a, sizeof t)) CHECK_STR(t, "東京", "wav keeps the bytes");
    test_rm_tree(dir);
}

NR_TEST(sink_discard)
{
    static const char *names[] = {"gone.wav", "gone.flac", "gone.opus"};
    int16_t *pcm = tone(RATE, RATE);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *dir = test_make_dir();
        if (!dir) break;
        char path[4096], err[512] = "";
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        nr_stage *s = NULL;
        CHECK(open_file(&s, path, RATE, "t", "a", err, sizeof err) == 0, "%s: open: %s", names[i], err);
        CHECK(nr_stage_pcm(s, pcm, RATE, err, sizeof err) == 0, "%s: write: %s", names[i], err);
        CHECK(nr_stage_close(s, 0, err, sizeof err) == 0, "%s: discard: %s", names[i], err);
        CHECK(test_dir_count(dir, NULL, 0) == 0, "%s: close(commit=0) leaves nothing", names[i]);
        test_rm_tree(dir);
    }
    /* An existing file is left as it was when the new one is discarded. */
    char *dir = test_make_dir();
    if (dir) {
        char path[4096], err[512] = "", buf[16] = "";
        snprintf(path, sizeof path, "%s/keep.wav", dir);
        FILE *fp = fopen(path, "w");
        fputs("old", fp);
        fclose(fp);
        nr_stage *s = NULL;
        CHECK(open_file(&s, path, RATE, NULL, NULL, err, sizeof err) == 0, "open: %s", err);
        CHECK(nr_stage_pcm(s, pcm, 100, err, sizeof err) == 0, "write: %s", err);
        CHECK(nr_stage_close(s, 0, err, sizeof err) == 0, "discard: %s", err);
        fp = fopen(path, "r");
        if (fp) {
            if (!fgets(buf, sizeof buf, fp)) buf[0] = '\0';
            fclose(fp);
        }
        CHECK_STR(buf, "old", "the old file is untouched");
        CHECK(test_dir_count(dir, NULL, 0) == 1, "only the old file is there");
        test_rm_tree(dir);
    }
    CHECK(nr_stage_close(NULL, 1, NULL, 0) == 0, "closing NULL is a no-op");
    free(pcm);
}

NR_TEST(sink_errors)
{
    char err[512] = "";
    nr_stage *s = (nr_stage *)&err; /* must be reset to NULL on failure */

    CHECK(open_file(&s, "/nonexistent/a.wav", RATE, NULL, NULL, err, sizeof err) == NARRATOR_ERR_IO && !s,
          "a missing directory fails");
    CHECK_STR(err, "cannot write /nonexistent/a.wav: No such file or directory", "missing directory message");

    char *dir = test_make_dir();
    if (dir) {
        char file[4096], path[4096];
        snprintf(file, sizeof file, "%s/plainfile", dir);
        fclose(fopen(file, "w"));
        snprintf(path, sizeof path, "%.4000s/a.flac", file);
        err[0] = '\0';
        CHECK(open_file(&s, path, RATE, NULL, NULL, err, sizeof err) == NARRATOR_ERR_IO, "a file as directory fails");
        CHECK(strstr(err, path) && strstr(err, "Not a directory"), "message names the path: %s", err);

        if (geteuid() != 0) { /* root writes anywhere */
            char ro[4096];
            snprintf(ro, sizeof ro, "%s/ro", dir);
            mkdir(ro, 0500);
            snprintf(path, sizeof path, "%.4000s/a.flac", ro);
            err[0] = '\0';
            CHECK(open_file(&s, path, RATE, NULL, NULL, err, sizeof err) == NARRATOR_ERR_IO, "read-only dir fails");
            CHECK(strstr(err, path) && strstr(err, "Permission denied"), "message: %s", err);
        }
        /* The target is a directory: writing works, the rename fails, nothing is left. */
        snprintf(path, sizeof path, "%s/isdir.wav", dir);
        mkdir(path, 0700);
        int16_t zeros[100] = {0};
        err[0] = '\0';
        CHECK(open_file(&s, path, RATE, NULL, NULL, err, sizeof err) == 0, "open: %s", err);
        CHECK(nr_stage_pcm(s, zeros, 100, err, sizeof err) == 0, "write: %s", err);
        CHECK(nr_stage_close(s, 1, err, sizeof err) == NARRATOR_ERR_IO, "committing onto a directory fails");
        CHECK(strstr(err, path) != NULL, "message names the path: %s", err);
        CHECK(test_dir_count(dir, NULL, 0) == 2 + (geteuid() != 0), "no temporary is left (plainfile, isdir.wav%s)",
              geteuid() != 0 ? ", ro" : "");
        test_rm_tree(dir);
    }

    CHECK(open_file(&s, "/tmp/a.xyz", RATE, NULL, NULL, err, sizeof err) == NARRATOR_ERR_FORMAT, ".xyz fails");
    CHECK(strstr(err, "unknown output format '.xyz'") && strstr(err, "/tmp/a.xyz") && strstr(err, ".opus"),
          "message: %s", err);
    CHECK(strstr(err, "(use .wav, .mp3, .flac, .ogg or .opus)") != NULL, "the hint names every format: %s", err);
    CHECK(open_file(&s, "/tmp/noext", RATE, NULL, NULL, err, sizeof err) == NARRATOR_ERR_FORMAT, "no extension fails");
    CHECK(strstr(err, "/tmp/noext") && strstr(err, ".wav"), "message: %s", err);
    CHECK(open_file(&s, "/tmp/x.wav/", RATE, NULL, NULL, err, sizeof err) == NARRATOR_ERR_FORMAT, "a trailing / fails");
    CHECK(open_file(&s, "", RATE, NULL, NULL, err, sizeof err) == NARRATOR_ERR_IO && err[0], "empty path fails");
    CHECK(open_file(&s, "/tmp/a.wav", 0, NULL, NULL, err, sizeof err) == NARRATOR_ERR_IO && strstr(err, "rate"),
          "rate 0 fails: %s", err);
    CHECK(open_file(&s, "/nonexistent/a.wav", RATE, NULL, NULL, NULL, 0) == NARRATOR_ERR_IO, "NULL err is fine");

    CHECK(nr_chain_format_known("a.WAV") && nr_chain_format_known("dir.x/a.opus") && nr_chain_format_known("-") &&
              nr_chain_format_known("b.Mp3") && nr_chain_format_known("c.flac") && nr_chain_format_known("d.ogg"),
          "known formats");
    CHECK(!nr_chain_format_known("a.xyz") && !nr_chain_format_known("wav") && !nr_chain_format_known(".wav") &&
              !nr_chain_format_known("dir.wav/a") && !nr_chain_format_known(NULL) && !nr_chain_format_known("a.") &&
              !nr_chain_format_known("x.mp3/a"),
          "unknown formats");
    CHECK_STR(nr_chain_format_list(), "wav, mp3, flac, ogg, opus", "format list");

    /* MP3 is a sink of pieces: no PCM, and it names the encoder that makes them. */
    char *dir2 = test_make_dir();
    if (dir2) {
        char path[4096];
        snprintf(path, sizeof path, "%s/a.Mp3", dir2);
        if (CHECK(open_file(&s, path, RATE, NULL, NULL, err, sizeof err) == NARRATOR_OK, "open .Mp3: %s", err)) {
            CHECK(!s->ops->pcm && s->ops->piece && s->ops->encoder == &nr_mp3_encoder, "MP3 takes pieces from its encoder");
            nr_stage_close(s, 0, NULL, 0);
        }
        CHECK(test_dir_count(dir2, NULL, 0) == 0, "the MP3 aborted leaves nothing");
        test_rm_tree(dir2);
    }
}

/* Runs an open/write/close of "-" with fd 1 pointing at fd; returns close's result. */
static int to_stdout(int fd, const int16_t *pcm, size_t n, int commit, char *err, size_t errlen)
{
    fflush(stdout);
    int saved = dup(1);
    dup2(fd, 1);
    nr_stage *s = NULL;
    int rc = open_file(&s, "-", RATE, "ignored", NULL, err, errlen);
    if (rc == 0) rc = nr_stage_pcm(s, pcm, n, err, errlen);
    if (s) rc |= nr_stage_close(s, commit, err, errlen);
    dup2(saved, 1);
    close(saved);
    return rc;
}

NR_TEST(sink_stdout_pipe)
{
    size_t n = RATE / 2; /* 0.5 s = 22050 bytes + header: fits a pipe's buffer */
    int16_t *pcm = tone(n, RATE);
    int p[2];
    if (!CHECK(pipe(p) == 0, "pipe")) return;
    char err[512] = "";
    CHECK(to_stdout(p[1], pcm, n, 1, err, sizeof err) == 0, "stdout into a pipe: %s", err);
    close(p[1]);
    size_t want = 44 + 2 * n, got = 0;
    unsigned char *buf = malloc(want + 16);
    ssize_t r;
    while ((r = read(p[0], buf + got, want + 16 - got)) > 0) got += (size_t)r;
    close(p[0]);
    CHECK(got == want, "%zu bytes, want %zu", got, want);
    CHECK(got >= 44 && memcmp(buf, "RIFF", 4) == 0 && memcmp(buf + 8, "WAVEfmt ", 8) == 0 &&
              memcmp(buf + 36, "data", 4) == 0,
          "a RIFF/WAVE header");
    CHECK(got >= 44 && le32(buf + 40) == 0xFFFFFFFFu && le32(buf + 4) == 0xFFFFFFFFu,
          "sizes are 'unknown' on a pipe");
    CHECK(got >= 44 && le32(buf + 24) == RATE, "rate in the header");
    CHECK(got >= 46 && buf[44 + 2] == (unsigned char)(pcm[1] & 0xff) && buf[44 + 3] == (unsigned char)(pcm[1] >> 8),
          "samples are little-endian");

    /* A copy in a regular file reads back with libsndfile, its length from the file size. */
    char *dir = test_make_dir();
    if (dir) {
        char path[4096];
        snprintf(path, sizeof path, "%s/copy.wav", dir);
        FILE *fp = fopen(path, "wb");
        fwrite(buf, 1, got, fp);
        fclose(fp);
        SF_INFO info = {0};
        SNDFILE *sf = sf_open(path, SFM_READ, &info);
        if (CHECK(sf != NULL, "libsndfile reads the copy: %s", sf_strerror(NULL))) {
            CHECK(info.samplerate == RATE && info.channels == 1 && info.frames == (sf_count_t)n,
                  "%d Hz, %d ch, %lld frames", info.samplerate, info.channels, (long long)info.frames);
            short *back = malloc(n * sizeof *back);
            CHECK(sf_readf_short(sf, back, (sf_count_t)n) == (sf_count_t)n && memcmp(back, pcm, n * 2) == 0,
                  "the samples come back unchanged");
            free(back);
            sf_close(sf);
        }
        test_rm_tree(dir);
    }
    free(buf);
    free(pcm);
}

NR_TEST(sink_stdout_file)
{
    char *dir = test_make_dir();
    if (!dir) return;
    size_t n = (size_t)(TONE_SECONDS * RATE);
    int16_t *pcm = tone(n, RATE);
    char path[4096], err[512] = "";
    snprintf(path, sizeof path, "%s/redirected.wav", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(to_stdout(fd, pcm, n, 1, err, sizeof err) == 0, "stdout into a file: %s", err);
    close(fd);
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (CHECK(sf != NULL, "libsndfile reads it: %s", sf_strerror(NULL))) {
        CHECK(info.frames == (sf_count_t)n && info.samplerate == RATE, "%lld frames at %d Hz",
              (long long)info.frames, info.samplerate);
        sf_close(sf);
    }
    unsigned char h[44] = {0};
    fd = open(path, O_RDONLY);
    CHECK(read(fd, h, 44) == 44 && le32(h + 40) == 2 * n && le32(h + 4) == 36 + 2 * n,
          "a regular file gets its real sizes at close");
    close(fd);

    /* Discarding cannot take back what went out, and is not an error. */
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(to_stdout(fd, pcm, 100, 0, err, sizeof err) == 0, "discard on stdout: %s", err);
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && st.st_size == 44 + 200, "what was written stays, size %lld",
          (long long)st.st_size);
    close(fd);
    free(pcm);
    test_rm_tree(dir);
}

NR_TEST(sink_speaker)
{
    char err[512] = "";
    nr_stage *s = NULL;
    size_t n = RATE / 5;
    int16_t *pcm = tone(n, RATE);
    if (CHECK(open_speaker(&s, "null", RATE, err, sizeof err) == 0 && s, "null driver opens: %s", err)) {
        CHECK(write_pieces(s, pcm, n, err, sizeof err) == 0, "plays 0.2 s: %s", err);
        CHECK(nr_stage_close(s, 1, err, sizeof err) == 0, "closes: %s", err);
    }
    /* Two at once: libao stays initialized until the last one closes. */
    nr_stage *a = NULL, *b = NULL;
    CHECK(open_speaker(&a, "null", RATE, err, sizeof err) == 0, "first: %s", err);
    CHECK(open_speaker(&b, "null", 16000, err, sizeof err) == 0, "second: %s", err);
    CHECK(nr_stage_close(a, 1, err, sizeof err) == 0, "close first: %s", err);
    CHECK(b && nr_stage_pcm(b, pcm, n, err, sizeof err) == 0, "second still plays: %s", err);
    CHECK(nr_stage_close(b, 1, err, sizeof err) == 0, "close second: %s", err);

    s = (nr_stage *)&err;
    CHECK(open_speaker(&s, "no-such-driver", RATE, err, sizeof err) == NARRATOR_ERR_AUDIO && !s, "unknown driver fails");
    CHECK(strstr(err, "unknown") && strstr(err, "'no-such-driver'") && strstr(err, "null"),
          "message names the driver and lists the others: %s", err);
    CHECK(open_speaker(&s, "wav", RATE, err, sizeof err) == NARRATOR_ERR_AUDIO, "a file driver is not a speaker");
    CHECK(strstr(err, "'wav'") != NULL, "message: %s", err);
    CHECK(open_speaker(&s, "null", -1, err, sizeof err) == NARRATOR_ERR_AUDIO, "bad rate fails");

    /* A device that is not there is a sentence, not a crash. OSS rather than ALSA: alsa-lib
       prints to stderr and keeps its configuration cache past ao_shutdown (LeakSanitizer). */
    err[0] = '\0';
    if (open_speaker(&s, "oss", RATE, err, sizeof err) == 0)
        CHECK(nr_stage_close(s, 1, err, sizeof err) == 0, "there is an OSS device, and it closes: %s", err);
    else
        CHECK(strstr(err, "cannot play audio through 'oss'") != NULL, "missing device: %s", err);

    /* The default driver (NULL) comes from libao's configuration: point it at "null". */
    char *home = test_make_dir();
    if (home) {
        char conf[4096], *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
        snprintf(conf, sizeof conf, "%.4000s/.libao", home);
        FILE *fp = fopen(conf, "w");
        fputs("default_driver=null\n", fp);
        fclose(fp);
        setenv("HOME", home, 1);
        err[0] = '\0';
        if (CHECK(open_speaker(&s, NULL, RATE, err, sizeof err) == 0, "default driver: %s", err)) {
            CHECK(nr_stage_pcm(s, pcm, n, err, sizeof err) == 0, "default driver plays: %s", err);
            CHECK(nr_stage_close(s, 1, err, sizeof err) == 0, "default driver closes: %s", err);
        }
        if (old_home) setenv("HOME", old_home, 1);
        else unsetenv("HOME");
        free(old_home);
        test_rm_tree(home);
    }
    free(pcm);
}

/* ---- levels, a stage made here, the chain ---- */

static nr_level level_of(const int16_t *pcm, size_t n)
{
    nr_level l = { 0 };
    nr_level_add(&l, pcm, n);
    return l;
}

static int same_level(const nr_level *a, const nr_level *b)
{
    return a->samples == b->samples && a->sum_squares == b->sum_squares && a->peak == b->peak;
}

/* Peak and sum of squares are exact: levels measured apart join to one pass's. */
NR_TEST(stage_level_arithmetic)
{
    static const int16_t x[] = { 0, 1, -1, 32767, -32768, 100, -7 };
    nr_level whole = level_of(x, 7), a = level_of(x, 3), b = level_of(x + 3, 4);
    nr_level_join(&a, &b);
    CHECK(same_level(&a, &whole), "joined %llu/%llu/%u, in one go %llu/%llu/%u", (unsigned long long)a.samples,
          (unsigned long long)a.sum_squares, a.peak, (unsigned long long)whole.samples,
          (unsigned long long)whole.sum_squares, whole.peak);
    uint64_t sum = 1 + 1 + 32767ull * 32767 + 32768ull * 32768 + 10000 + 49;
    CHECK(whole.peak == 32768 && whole.sum_squares == sum && whole.samples == 7, "peak 32768 (of -32768), squares %llu",
          (unsigned long long)whole.sum_squares);
    CHECK(nr_level_peak_dbfs(&whole) == 0.0, "-32768 is full scale: %g dBFS", nr_level_peak_dbfs(&whole));
    CHECK(fabs(nr_level_rms_dbfs(&whole) - 10 * log10((double)sum / 7 / 1073741824.0)) < 1e-12, "rms %g dBFS",
          nr_level_rms_dbfs(&whole));
    /* the same, a sample at a time here, over blocks and what is left after them */
    int16_t *pcm = tone(RATE, RATE);
    for (size_t i = 0; i < RATE; i += 37) pcm[i] = (int16_t)(i % 2 ? -32768 : 32767);
    for (size_t n = 1000; n <= RATE; n += RATE - 1000) {
        uint64_t squares = 0;
        uint32_t peak = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t a = (uint32_t)abs(pcm[i]);
            squares += (uint64_t)a * a;
            peak = a > peak ? a : peak;
        }
        nr_level got = level_of(pcm, n);
        CHECK(got.sum_squares == squares && got.peak == peak && got.samples == n, "%zu samples: squares %llu (want %llu), "
              "peak %u (want %u)", n, (unsigned long long)got.sum_squares, (unsigned long long)squares, got.peak, peak);
    }
    free(pcm);
    pcm = tone(RATE, RATE);
    nr_level t = level_of(pcm, RATE);
    CHECK(fabs(nr_level_rms_dbfs(&t) - (nr_level_peak_dbfs(&t) - 3.0103)) < 0.01, "a sine's RMS is 3 dB under its peak "
          "(%.3f, %.3f)", nr_level_rms_dbfs(&t), nr_level_peak_dbfs(&t));
    free(pcm);
    static const int16_t zeros[100];
    nr_level silent = level_of(zeros, 100), none = { 0 };
    CHECK(nr_level_peak_dbfs(&silent) == -HUGE_VAL && nr_level_rms_dbfs(&silent) == -HUGE_VAL &&
              nr_level_peak_dbfs(&none) == -HUGE_VAL && nr_level_rms_dbfs(&none) == -HUGE_VAL,
          "silence, and nothing, have no level");
}

/* What an audio callback heard: its samples, the chunk and start flag of each call. */
typedef struct {
    nr_buf pcm;
    const narrator_chunk *chunks[16];
    int starts[16];
    size_t calls;
    int stop_at;        /* return nonzero at this call (1-based; 0 never) */
} listener;

static int listen(const int16_t *pcm, size_t n, int rate, const narrator_chunk *c, int start, void *user)
{
    listener *l = user;
    (void)rate;
    nr_buf_put(&l->pcm, (const char *)pcm, n * sizeof *pcm);
    if (l->calls < 16) l->chunks[l->calls] = c, l->starts[l->calls] = start;
    return ++l->calls == (size_t)l->stop_at;
}

/* A pass-through stage as stage.h describes one, made here: it halves the sound and hands
 * it on; it has no event handler, so events pass it by. */
typedef struct {
    nr_stage stage;
    int16_t half[64];
} halver;

static narrator_status halve_pcm(nr_stage *s, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    halver *h = (halver *)s;
    for (size_t done = 0; done < n;) {
        size_t k = n - done < 64 ? n - done : 64;
        for (size_t i = 0; i < k; i++) h->half[i] = (int16_t)(pcm[done + i] / 2);
        narrator_status st = nr_stage_pcm(s->next, h->half, k, err, errlen);
        if (st) return st;
        done += k;
    }
    return NARRATOR_OK;
}

static const nr_stage_ops halver_ops = { .name = "halve", .pcm = halve_pcm };

NR_TEST(stage_pass_through_and_callback)
{
    listener l = { 0 };
    nr_stage_spec spec = { .rate = RATE, .audio_fn = listen, .audio_user = &l };
    nr_stage *cb = NULL;
    char err[256] = "";
    if (!CHECK(nr_callback_stage_open(&cb, &spec, err, sizeof err) == NARRATOR_OK, "callback: %s", err)) return;
    halver h = { .stage = { &halver_ops, cb } };
    int16_t *pcm = tone(300, RATE);
    narrator_chunk chunk = { .text = "x", .text_len = 1 };
    nr_event begin = { .kind = NR_EVENT_CHUNK, .chunk = &chunk, .sound = NR_SOUND_PCM };
    nr_event end = { .kind = NR_EVENT_CHUNK_END, .spoken = 1 };
    CHECK(nr_stage_event(&h.stage, &begin, err, sizeof err) == NARRATOR_OK, "begin");
    CHECK(nr_stage_pcm(&h.stage, pcm, 100, err, sizeof err) == NARRATOR_OK, "pcm");
    CHECK(nr_stage_pcm(&h.stage, pcm + 100, 100, err, sizeof err) == NARRATOR_OK, "pcm");
    CHECK(nr_stage_event(&h.stage, &end, err, sizeof err) == NARRATOR_OK, "end");
    CHECK(nr_stage_pcm(&h.stage, pcm + 200, 10, err, sizeof err) == NARRATOR_OK, "pcm between chunks");
    const int16_t *got = (const int16_t *)(const void *)l.pcm.s;
    int halved = l.pcm.len == 210 * sizeof *pcm;
    for (size_t i = 0; halved && i < 210; i++) halved = got[i] == pcm[i] / 2;
    CHECK(halved, "the callback got every sample, halved (%zu bytes)", l.pcm.len);
    /* the halver hands on 64 samples at a time: 100, 100 and 10 samples are 2 + 2 + 1 calls */
    CHECK(l.calls == 5 && l.chunks[0] == &chunk && l.starts[0] == 1 && l.chunks[1] == &chunk && l.starts[1] == 0 &&
              l.chunks[3] == &chunk && l.chunks[4] == NULL,
          "%zu calls: the chunk with its start flag first, none after its end", l.calls);
    l.stop_at = l.calls + 1;
    strcpy(err, "untouched");
    CHECK(nr_stage_pcm(&h.stage, pcm, 10, err, sizeof err) == NARRATOR_ERR_CALLBACK, "a callback's stop");
    CHECK_STR(err, "untouched", "a callback's stop has no message");
    nr_stage_close(cb, 1, err, sizeof err);
    nr_buf_free(&l.pcm);
    free(pcm);
}

/* PCM with a pause of zeros after it, as a chunk's sound is. */
static int16_t *spoken_sound(size_t sound, size_t pause)
{
    int16_t *pcm = tone(sound + pause, RATE);
    memset(pcm + sound, 0, pause * sizeof *pcm);
    return pcm;
}

/* The chain: a callback, then an MP3 file too (a sink of pieces): what it wants, the
 * pieces it encodes itself for sound spoken here, pieces from elsewhere, a chunk cut short,
 * its figures (the meter's), the file at the end. */
NR_TEST(chain_pcm_and_pieces)
{
    char err[512] = "";
    nr_chain *c = NULL;
    if (!CHECK(nr_chain_new(&c, RATE, err, sizeof err) == NARRATOR_OK, "chain: %s", err)) return;
    nr_chain_figures f;
    nr_chain_report(c, &f);
    CHECK(nr_chain_wants(c) == 0 && !nr_chain_encoder(c) && f.seconds == 0 && f.peak_dbfs == -HUGE_VAL,
          "a new chain wants nothing and has heard nothing");
    listener l = { 0 };
    CHECK(nr_chain_set_callback(c, listen, &l, err, sizeof err) == NARRATOR_OK && nr_chain_wants(c) == NR_SOUND_PCM,
          "a callback wants PCM");
    size_t n = RATE + RATE / 2, pause = RATE / 4;
    int16_t *pcm = spoken_sound(n, pause);
    narrator_chunk chunk = { 0 };
    CHECK(nr_chain_chunk_start(c, &chunk, NR_SOUND_PCM, err, sizeof err) == NARRATOR_OK &&
              nr_chain_pcm(c, pcm, n + pause, err, sizeof err) == NARRATOR_OK &&
              nr_chain_chunk_end(c, 1, err, sizeof err) == NARRATOR_OK, "a chunk to the callback: %s", err);
    nr_chain_report(c, &f);
    nr_level want = level_of(pcm, n + pause);
    CHECK(f.seconds == (double)(n + pause) / RATE && l.pcm.len == (n + pause) * sizeof *pcm, "%.4f s heard", f.seconds);
    CHECK(f.peak_dbfs == nr_level_peak_dbfs(&want) && f.rms_dbfs == nr_level_rms_dbfs(&want),
          "the meter: %.3f / %.3f dBFS", f.peak_dbfs, f.rms_dbfs);

    char *dir = test_make_dir();
    if (!dir) goto out;
    char path[4096];
    snprintf(path, sizeof path, "%s/chain.mp3", dir);
    CHECK(nr_chain_open_file(c, path, "t", NULL, err, sizeof err) == NARRATOR_OK && nr_chain_has_file(c), "open: %s", err);
    CHECK(nr_chain_wants(c) == (NR_SOUND_PCM | NR_SOUND_PIECES) && nr_chain_encoder(c) == &nr_mp3_encoder,
          "with an MP3 file it wants pieces too, from the MP3 encoder");
    /* spoken here: PCM, which the chain encodes as one piece at the chunk's end */
    double before = f.seconds;
    CHECK(nr_chain_chunk_start(c, &chunk, NR_SOUND_PCM, err, sizeof err) == NARRATOR_OK &&
              nr_chain_pcm(c, pcm, n + pause, err, sizeof err) == NARRATOR_OK, "PCM: %s", err);
    nr_chain_report(c, &f);
    CHECK(f.seconds == before, "nothing heard before the piece is made");
    CHECK(nr_chain_chunk_end(c, 1, err, sizeof err) == NARRATOR_OK, "end: %s", err);
    nr_chain_report(c, &f);
    double one = f.seconds - before, frames = one * RATE / 576;
    CHECK(frames == floor(frames) && fabs(one - (double)(n + pause) / RATE) < 0.5 * 576 / RATE,
          "a piece of whole frames, about the chunk's length: %.4f s", one);
    nr_level heard = want;
    nr_level_join(&heard, &want);
    CHECK(f.peak_dbfs == nr_level_peak_dbfs(&heard) && f.rms_dbfs == nr_level_rms_dbfs(&heard),
          "its PCM was measured once");
    /* a piece made elsewhere (a worker), the sound coming only so: its level counts (it is
     * made of quieter sound than the PCM, so that counting it or not shows) */
    nr_buf quiet = { 0 };
    int16_t *soft = spoken_sound(n, pause);
    for (size_t i = 0; i < n; i++) soft[i] /= 4;
    nr_level soft_level = level_of(soft, n + pause);
    CHECK(nr_mp3_encoder.encode(&nr_mp3_encoder, soft, n + pause, RATE, &quiet, err, sizeof err) == 0, "encode: %s", err);
    CHECK(nr_chain_chunk_start(c, &chunk, NR_SOUND_PIECES, err, sizeof err) == NARRATOR_OK &&
              nr_chain_piece(c, quiet.s, quiet.len, err, sizeof err) == NARRATOR_OK &&
              nr_chain_chunk_end(c, 1, err, sizeof err) == NARRATOR_OK, "a worker's piece: %s", err);
    nr_chain_report(c, &f);
    nr_level_join(&heard, &soft_level);
    CHECK(fabs(f.seconds - before - 2 * one) < 1e-9, "it adds its length");
    CHECK(f.rms_dbfs == nr_level_rms_dbfs(&heard), "and its level, measured where it was encoded: %.4f dBFS, want %.4f",
          f.rms_dbfs, nr_level_rms_dbfs(&heard));
    CHECK(nr_chain_piece(c, quiet.s, 10, err, sizeof err) == NARRATOR_ERR_IO, "a piece cut short is refused: %s", err);
    /* the PCM came too: the piece's level is not counted again */
    CHECK(nr_chain_chunk_start(c, &chunk, NR_SOUND_PCM | NR_SOUND_PIECES, err, sizeof err) == NARRATOR_OK &&
              nr_chain_pcm(c, pcm, n + pause, err, sizeof err) == NARRATOR_OK &&
              nr_chain_piece(c, quiet.s, quiet.len, err, sizeof err) == NARRATOR_OK &&
              nr_chain_chunk_end(c, 1, err, sizeof err) == NARRATOR_OK, "PCM and a piece: %s", err);
    nr_chain_report(c, &f);
    nr_level_join(&heard, &want);
    CHECK(fabs(f.seconds - before - 3 * one) < 1e-9 && f.rms_dbfs == nr_level_rms_dbfs(&heard),
          "counted once, as PCM: %.4f dBFS, want %.4f", f.rms_dbfs, nr_level_rms_dbfs(&heard));
    nr_buf_free(&quiet);
    free(soft);
    /* cut short: nothing is encoded */
    CHECK(nr_chain_chunk_start(c, &chunk, NR_SOUND_PCM, err, sizeof err) == NARRATOR_OK &&
              nr_chain_pcm(c, pcm, n, err, sizeof err) == NARRATOR_OK &&
              nr_chain_chunk_end(c, 0, err, sizeof err) == NARRATOR_OK, "cut short: %s", err);
    nr_chain_report(c, &f);
    CHECK(fabs(f.seconds - before - 3 * one) < 1e-9, "a chunk cut short makes no piece");
    CHECK(test_dir_count(dir, NULL, 0) == 0, "no file before the finish");
    CHECK(nr_chain_finish(c, err, sizeof err) == NARRATOR_OK, "finish: %s", err);
    CHECK(!nr_chain_has_file(c) && nr_chain_wants(c) == NR_SOUND_PCM, "after the finish the callback stays");
    SF_INFO info = { 0 };
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (CHECK(sf != NULL, "the MP3 reads back: %s", sf_strerror(NULL))) {
        double secs = (double)(info.frames + 529) / info.samplerate;
        CHECK(fabs(secs - 3 * one) < 1e-9, "%.4f s in the file, %.4f s of pieces", secs, 3 * one);
        sf_close(sf);
    }
    test_rm_tree(dir);
out:
    nr_chain_set_callback(c, NULL, NULL, err, sizeof err);
    CHECK(nr_chain_wants(c) == 0, "without its callback the chain wants nothing");
    nr_chain_free(c);
    nr_buf_free(&l.pcm);
    free(pcm);
}

/* A file not finished is discarded by the chain's free; a callback's stop is the chain's. */
NR_TEST(chain_free_discards)
{
    char err[512] = "", path[4096];
    char *dir = test_make_dir();
    nr_chain *c = NULL;
    if (!dir || !CHECK(nr_chain_new(&c, RATE, err, sizeof err) == NARRATOR_OK, "chain")) {
        test_rm_tree(dir);
        return;
    }
    snprintf(path, sizeof path, "%s/gone.wav", dir);
    listener l = { .stop_at = 1 };
    int16_t *pcm = tone(1000, RATE);
    CHECK(nr_chain_open_file(c, path, NULL, NULL, err, sizeof err) == NARRATOR_OK, "open: %s", err);
    CHECK(nr_chain_open_file(c, "/nonexistent/x.wav", NULL, NULL, err, sizeof err) == NARRATOR_ERR_IO &&
              nr_chain_has_file(c), "a second file that fails to open leaves the first");
    CHECK(nr_chain_set_callback(c, listen, &l, err, sizeof err) == NARRATOR_OK, "callback");
    CHECK(nr_chain_pcm(c, pcm, 1000, err, sizeof err) == NARRATOR_ERR_CALLBACK, "the callback says stop");
    CHECK(l.calls == 1, "after the file took the sound");
    nr_chain_free(c);
    CHECK(test_dir_count(dir, NULL, 0) == 0, "freed unfinished: nothing is left");
    test_rm_tree(dir);
    nr_buf_free(&l.pcm);
    free(pcm);
}
