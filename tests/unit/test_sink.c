/*
 * test_sink.c — the audio sinks: every file format written in pieces and read back with
 * libsndfile (length, rate, pitch, tags, mode, no temporary left), discarding, errors,
 * WAV on standard output (a pipe and a regular file), and libao's "null" driver.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* the Makefile sets it; this keeps a bare compile working */
#endif
#include "harness.h"
#include "fixtures.h"
#include "output/sink.h"
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




static int16_t *tone(size_t n, int rate)
{
    int16_t *pcm = malloc(n * sizeof *pcm);
    for (size_t i = 0; i < n; i++) pcm[i] = (int16_t)lrint(12000.0 * sin(2 * 3.14159265358979323846 * 440.0 * (double)i / rate));
    return pcm;
}

/* Writes pcm in uneven pieces, including single samples. */
static int write_pieces(nr_sink *s, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    static const size_t pieces[] = {1, 1000, 7, 4096, 1, 333, 9000, 2, 5000};
    size_t done = 0;
    for (int i = 0; done < n; i = (i + 1) % (int)(sizeof pieces / sizeof *pieces)) {
        size_t k = pieces[i] < n - done ? pieces[i] : n - done;
        if (nr_sink_write(s, pcm + done, k, err, errlen)) return -1;
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
        nr_sink *s = NULL;
        int rc = nr_sink_open_file(&s, path, RATE, TITLE, ARTIST, err, sizeof err);
        if (!CHECK(rc == 0 && s, "%s: open failed: %s", cases[c].name, err)) {
            test_rm_tree(dir);
            continue;
        }
        CHECK(test_dir_count(dir, name, sizeof name) == 0,
              "%s: while writing the file has no name (O_TMPFILE), got '%s'", cases[c].name, name);
        CHECK(write_pieces(s, pcm, n, err, sizeof err) == 0, "%s: write failed: %s", cases[c].name, err);
        CHECK(fabs(nr_sink_seconds(s) - TONE_SECONDS) < 1e-9, "%s: seconds %.6f", cases[c].name,
              nr_sink_seconds(s));
        CHECK(nr_sink_close(s, 1, err, sizeof err) == 0, "%s: close failed: %s", cases[c].name, err);

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
    nr_sink *s = NULL;
    if (CHECK(nr_sink_open_file(&s, path, RATE, NULL, NULL, err, sizeof err) == 0, "open: %s", err)) {
        size_t done = 0;
        for (size_t i = 0; i < sizeof pieces / sizeof *pieces; done += pieces[i++])
            CHECK(nr_sink_write(s, pcm + done, pieces[i], err, sizeof err) == 0, "write %zu: %s", i, err);
        CHECK(nr_sink_close(s, 1, err, sizeof err) == 0, "close: %s", err);
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
    nr_sink *s = NULL;
    if (!CHECK(nr_sink_open_file(&s, path, RATE, TITLE, ARTIST, err, sizeof err) == 0, "open %s: %s", path, err))
        return 0;
    int ok = CHECK(nr_sink_write(s, pcm, n, err, sizeof err) == 0, "write %s: %s", path, err);
    return CHECK(nr_sink_close(s, 1, err, sizeof err) == 0, "close %s: %s", path, err) && ok;
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
    nr_sink *s = NULL;
    int16_t *pcm = tone(RATE / 2, RATE);
    CHECK(nr_sink_open_file(&s, path, RATE, NULL, NULL, err, sizeof err) == 0, "open: %s", err);
    CHECK(nr_sink_write(s, pcm, RATE / 2, err, sizeof err) == 0, "write: %s", err);
    CHECK(nr_sink_close(s, 1, err, sizeof err) == 0, "close: %s", err);
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
    nr_sink *s = NULL;
    int16_t zeros[2205] = {0};
    t[0] = a[0] = '\0';
    if (!CHECK(nr_sink_open_file(&s, path, RATE, title, artist, err, sizeof err) == 0, "open: %s", err)) return 0;
    CHECK(nr_sink_write(s, zeros, 2205, err, sizeof err) == 0, "write: %s", err);
    CHECK(nr_sink_close(s, 1, err, sizeof err) == 0, "close: %s", err);
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
        nr_sink *s = NULL;
        CHECK(nr_sink_open_file(&s, path, RATE, "t", "a", err, sizeof err) == 0, "%s: open: %s", names[i], err);
        CHECK(nr_sink_write(s, pcm, RATE, err, sizeof err) == 0, "%s: write: %s", names[i], err);
        CHECK(nr_sink_close(s, 0, err, sizeof err) == 0, "%s: discard: %s", names[i], err);
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
        nr_sink *s = NULL;
        CHECK(nr_sink_open_file(&s, path, RATE, NULL, NULL, err, sizeof err) == 0, "open: %s", err);
        CHECK(nr_sink_write(s, pcm, 100, err, sizeof err) == 0, "write: %s", err);
        CHECK(nr_sink_close(s, 0, err, sizeof err) == 0, "discard: %s", err);
        fp = fopen(path, "r");
        if (fp) {
            if (!fgets(buf, sizeof buf, fp)) buf[0] = '\0';
            fclose(fp);
        }
        CHECK_STR(buf, "old", "the old file is untouched");
        CHECK(test_dir_count(dir, NULL, 0) == 1, "only the old file is there");
        test_rm_tree(dir);
    }
    CHECK(nr_sink_close(NULL, 1, NULL, 0) == 0, "closing NULL is a no-op");
    free(pcm);
}

NR_TEST(sink_errors)
{
    char err[512] = "";
    nr_sink *s = (nr_sink *)&err; /* must be reset to NULL on failure */

    CHECK(nr_sink_open_file(&s, "/nonexistent/a.wav", RATE, NULL, NULL, err, sizeof err) == -1 && !s,
          "a missing directory fails");
    CHECK_STR(err, "cannot write /nonexistent/a.wav: No such file or directory", "missing directory message");

    char *dir = test_make_dir();
    if (dir) {
        char file[4096], path[4096];
        snprintf(file, sizeof file, "%s/plainfile", dir);
        fclose(fopen(file, "w"));
        snprintf(path, sizeof path, "%.4000s/a.flac", file);
        err[0] = '\0';
        CHECK(nr_sink_open_file(&s, path, RATE, NULL, NULL, err, sizeof err) == -1, "a file as directory fails");
        CHECK(strstr(err, path) && strstr(err, "Not a directory"), "message names the path: %s", err);

        if (geteuid() != 0) { /* root writes anywhere */
            char ro[4096];
            snprintf(ro, sizeof ro, "%s/ro", dir);
            mkdir(ro, 0500);
            snprintf(path, sizeof path, "%.4000s/a.flac", ro);
            err[0] = '\0';
            CHECK(nr_sink_open_file(&s, path, RATE, NULL, NULL, err, sizeof err) == -1, "read-only dir fails");
            CHECK(strstr(err, path) && strstr(err, "Permission denied"), "message: %s", err);
        }
        /* The target is a directory: writing works, the rename fails, nothing is left. */
        snprintf(path, sizeof path, "%s/isdir.wav", dir);
        mkdir(path, 0700);
        int16_t zeros[100] = {0};
        err[0] = '\0';
        CHECK(nr_sink_open_file(&s, path, RATE, NULL, NULL, err, sizeof err) == 0, "open: %s", err);
        CHECK(nr_sink_write(s, zeros, 100, err, sizeof err) == 0, "write: %s", err);
        CHECK(nr_sink_close(s, 1, err, sizeof err) == -1, "committing onto a directory fails");
        CHECK(strstr(err, path) != NULL, "message names the path: %s", err);
        CHECK(test_dir_count(dir, NULL, 0) == 2 + (geteuid() != 0), "no temporary is left (plainfile, isdir.wav%s)",
              geteuid() != 0 ? ", ro" : "");
        test_rm_tree(dir);
    }

    CHECK(nr_sink_open_file(&s, "/tmp/a.xyz", RATE, NULL, NULL, err, sizeof err) == -1, ".xyz fails");
    CHECK(strstr(err, "unknown output format '.xyz'") && strstr(err, "/tmp/a.xyz") && strstr(err, ".opus"),
          "message: %s", err);
    CHECK(nr_sink_open_file(&s, "/tmp/noext", RATE, NULL, NULL, err, sizeof err) == -1, "no extension fails");
    CHECK(strstr(err, "/tmp/noext") && strstr(err, ".wav"), "message: %s", err);
    CHECK(nr_sink_open_file(&s, "/tmp/x.wav/", RATE, NULL, NULL, err, sizeof err) == -1, "a trailing / fails");
    CHECK(nr_sink_open_file(&s, "", RATE, NULL, NULL, err, sizeof err) == -1 && err[0], "empty path fails");
    CHECK(nr_sink_open_file(&s, "/tmp/a.wav", 0, NULL, NULL, err, sizeof err) == -1 && strstr(err, "rate"),
          "rate 0 fails: %s", err);
    CHECK(nr_sink_open_file(&s, "/nonexistent/a.wav", RATE, NULL, NULL, NULL, 0) == -1, "NULL err is fine");

    CHECK(nr_sink_format_known("a.WAV") && nr_sink_format_known("dir.x/a.opus") && nr_sink_format_known("-") &&
              nr_sink_format_known("b.Mp3") && nr_sink_format_known("c.flac") && nr_sink_format_known("d.ogg"),
          "known formats");
    CHECK(!nr_sink_format_known("a.xyz") && !nr_sink_format_known("wav") && !nr_sink_format_known(".wav") &&
              !nr_sink_format_known("dir.wav/a") && !nr_sink_format_known(NULL) && !nr_sink_format_known("a."),
          "unknown formats");
    CHECK_STR(nr_sink_format_list(), "wav, mp3, flac, ogg, opus", "format list");
    CHECK(nr_sink_is_mp3("b.Mp3") && nr_sink_is_mp3("d/x.mp3") && !nr_sink_is_mp3("mp3") && !nr_sink_is_mp3("a.wav") &&
              !nr_sink_is_mp3("x.mp3/a.wav") && !nr_sink_is_mp3(NULL), "which paths are MP3");
    CHECK(nr_sink_open_file(&s, "/tmp/a.mp3", RATE, NULL, NULL, err, sizeof err) == -1 && strstr(err, "mp3seg"),
          "MP3 is not this sink's: %s", err);
}

/* Runs an open/write/close of "-" with fd 1 pointing at fd; returns close's result. */
static int to_stdout(int fd, const int16_t *pcm, size_t n, int commit, char *err, size_t errlen)
{
    fflush(stdout);
    int saved = dup(1);
    dup2(fd, 1);
    nr_sink *s = NULL;
    int rc = nr_sink_open_file(&s, "-", RATE, "ignored", NULL, err, errlen);
    if (rc == 0) rc = nr_sink_write(s, pcm, n, err, errlen);
    if (s) rc |= nr_sink_close(s, commit, err, errlen);
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
    nr_sink *s = NULL;
    size_t n = RATE / 5;
    int16_t *pcm = tone(n, RATE);
    if (CHECK(nr_sink_open_speaker(&s, "null", RATE, err, sizeof err) == 0 && s, "null driver opens: %s", err)) {
        CHECK(write_pieces(s, pcm, n, err, sizeof err) == 0, "plays 0.2 s: %s", err);
        CHECK(fabs(nr_sink_seconds(s) - 0.2) < 1e-9, "seconds %.4f", nr_sink_seconds(s));
        CHECK(nr_sink_close(s, 1, err, sizeof err) == 0, "closes: %s", err);
    }
    /* Two at once: libao stays initialized until the last one closes. */
    nr_sink *a = NULL, *b = NULL;
    CHECK(nr_sink_open_speaker(&a, "null", RATE, err, sizeof err) == 0, "first: %s", err);
    CHECK(nr_sink_open_speaker(&b, "null", 16000, err, sizeof err) == 0, "second: %s", err);
    CHECK(nr_sink_close(a, 1, err, sizeof err) == 0, "close first: %s", err);
    CHECK(b && nr_sink_write(b, pcm, n, err, sizeof err) == 0, "second still plays: %s", err);
    CHECK(nr_sink_close(b, 1, err, sizeof err) == 0, "close second: %s", err);

    s = (nr_sink *)&err;
    CHECK(nr_sink_open_speaker(&s, "no-such-driver", RATE, err, sizeof err) == -1 && !s, "unknown driver fails");
    CHECK(strstr(err, "unknown") && strstr(err, "'no-such-driver'") && strstr(err, "null"),
          "message names the driver and lists the others: %s", err);
    CHECK(nr_sink_open_speaker(&s, "wav", RATE, err, sizeof err) == -1, "a file driver is not a speaker");
    CHECK(strstr(err, "'wav'") != NULL, "message: %s", err);
    CHECK(nr_sink_open_speaker(&s, "null", -1, err, sizeof err) == -1, "bad rate fails");

    /* A device that is not there is a sentence, not a crash. OSS rather than ALSA: alsa-lib
       prints to stderr and keeps its configuration cache past ao_shutdown (LeakSanitizer). */
    err[0] = '\0';
    if (nr_sink_open_speaker(&s, "oss", RATE, err, sizeof err) == 0)
        CHECK(nr_sink_close(s, 1, err, sizeof err) == 0, "there is an OSS device, and it closes: %s", err);
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
        if (CHECK(nr_sink_open_speaker(&s, NULL, RATE, err, sizeof err) == 0, "default driver: %s", err)) {
            CHECK(nr_sink_write(s, pcm, n, err, sizeof err) == 0, "default driver plays: %s", err);
            CHECK(nr_sink_close(s, 1, err, sizeof err) == 0, "default driver closes: %s", err);
        }
        if (old_home) setenv("HOME", old_home, 1);
        else unsetenv("HOME");
        free(old_home);
        test_rm_tree(home);
    }
    free(pcm);
}
