/*
 * test_outfile.c — output files that appear whole (src/output/outfile.c), through the WAV
 * and MP3 stages: the named temporary where O_TMPFILE is refused, the permission bits and
 * owner of a replaced file, writing through symbolic links.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* the Makefile sets it; this keeps a bare compile working */
#endif
#include "harness.h"
#include "fixtures.h"
#include "output/outfile.h"
#include "output/stage.h"
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RATE 22050
#define N 4410

static const int16_t *samples(void)
{
    static int16_t pcm[N];
    for (int i = 0; i < N; i++) pcm[i] = (int16_t)(i * 37 % 20000 - 10000);
    return pcm;
}

/* Writes a short file through its stage (an MP3 as one piece, as the chain would encode
 * it); commit as given. 1 ok. */
static int write_file(const char *path, int commit)
{
    char err[512] = "";
    nr_stage *s = NULL;
    nr_stage_spec spec = { .rate = RATE, .path = path, .title = "t" };
    int ok = CHECK(nr_stage_open_file(&s, &spec, err, sizeof err) == NARRATOR_OK, "open %s: %s", path, err);
    if (ok && s->ops->encoder) {
        nr_buf piece = { 0 };
        nr_piece p;
        ok = CHECK(s->ops->encoder->encode(s->ops->encoder, samples(), N, RATE, &piece, err, sizeof err) == 0 &&
                       nr_piece_read(piece.s, piece.len, &p) == 0, "encode: %s", err) &&
             CHECK(nr_stage_piece(s, &p, err, sizeof err) == NARRATOR_OK, "write: %s", err);
        nr_buf_free(&piece);
    } else if (ok)
        ok = CHECK(nr_stage_pcm(s, samples(), N, err, sizeof err) == NARRATOR_OK, "write: %s", err);
    return CHECK(nr_stage_close(s, commit && ok, err, sizeof err) == NARRATOR_OK, "close %s: %s", path, err) && ok;
}

/* 1 if libsndfile reads path as audio of about N samples. */
static int is_audio(const char *path)
{
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (sf) sf_close(sf);
    return sf && info.frames > N / 2 && info.frames < 2 * N;
}

static void put_text(const char *path, const char *text, mode_t mode)
{
    FILE *fp = fopen(path, "w");
    if (fp) {
        fputs(text, fp);
        fclose(fp);
    }
    chmod(path, mode);
}

/* Where O_TMPFILE is refused the file is a hidden ".<name>.XXXXXX" beside the target while
 * it is written, as before: committed it is the target, discarded nothing is left. */
NR_TEST(outfile_named_fallback)
{
    static const char *names[] = {"named.wav", "named.flac", "named.mp3"};
    nr_outfile_force_named(1);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *dir = test_make_dir();
        if (!dir) break;
        char path[4096], name[256] = "";
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        nr_outfile o;
        if (CHECK(nr_outfile_open(&o, path) == 0, "%s: open", names[i])) {
            CHECK(test_dir_count(dir, name, sizeof name) == 1 && name[0] == '.' && strstr(name, names[i]),
                  "%s: while writing a hidden temporary is there, got '%s'", names[i], name);
            nr_outfile_discard(&o);
            CHECK(test_dir_count(dir, NULL, 0) == 0, "%s: discarded, nothing is left", names[i]);
        }
        CHECK(write_file(path, 1) && is_audio(path), "%s: committed, it reads back", names[i]);
        CHECK(test_dir_count(dir, name, sizeof name) == 1 && !strcmp(name, names[i]), "%s: only it is left, got '%s'",
              names[i], name);
        unlink(path);
        CHECK(write_file(path, 0) && test_dir_count(dir, NULL, 0) == 0, "%s: close(commit=0) leaves nothing", names[i]);
        test_rm_tree(dir);
    }
    nr_outfile_force_named(0);
}

/* A file replaced keeps its permission bits (600 stays 600, whatever the umask) and, as
 * root, its owner and group; a new file gets 0666 & ~umask. Both ways of writing, WAV and MP3. */
NR_TEST(outfile_keeps_mode_and_owner)
{
    static const char *names[] = {"private.wav", "private.mp3"};
    mode_t old_mask = umask(022);
    for (int named = 0; named < 2; named++) {
        nr_outfile_force_named(named);
        for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
            char *dir = test_make_dir();
            if (!dir) break;
            char path[4096];
            struct stat st;
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            CHECK(write_file(path, 1) && stat(path, &st) == 0 && (st.st_mode & 07777) == 0644,
                  "%s: a new file is 644 under umask 022, got %o", names[i], (unsigned)(st.st_mode & 07777));
            put_text(path, "old", 0600);
            int chowned = geteuid() == 0 && chown(path, 4321, 8765) == 0;
            CHECK(write_file(path, 1) && is_audio(path), "%s: replaced", names[i]);
            CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600, "%s%s: 600 stays 600, got %o", names[i],
                  named ? " (named)" : "", (unsigned)(st.st_mode & 07777));
            if (chowned)
                CHECK(st.st_uid == 4321 && st.st_gid == 8765, "%s%s: owner 4321:8765 stays, got %u:%u", names[i],
                      named ? " (named)" : "", (unsigned)st.st_uid, (unsigned)st.st_gid);
            put_text(path, "old", 04755); /* setuid is not carried onto new contents */
            CHECK(write_file(path, 1) && stat(path, &st) == 0 && (st.st_mode & 07777) == 0755,
                  "%s: 4755 becomes 755, got %o", names[i], (unsigned)(st.st_mode & 07777));
            test_rm_tree(dir);
        }
    }
    nr_outfile_force_named(0);
    umask(old_mask);
}

/* 1 if path is a symbolic link saying exactly `to`. */
static int link_says(const char *path, const char *to)
{
    char buf[4096];
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    if (n < 0) return 0;
    buf[n] = '\0';
    return strcmp(buf, to) == 0;
}

/* Writing to a symbolic link writes the file it points to and keeps the link: a link to a
 * file, a dangling link (its target is made), a chain of links, a relative link into
 * another directory (relative to the link's directory, not ours). WAV and MP3. */
NR_TEST(outfile_through_symlinks)
{
    static const char *exts[] = {"wav", "mp3"};
    for (size_t e = 0; e < sizeof exts / sizeof *exts; e++) {
        const char *x = exts[e];
        char *dir = test_make_dir(), *other = test_make_dir();
        if (!dir || !other) {
            test_rm_tree(dir);
            test_rm_tree(other);
            break;
        }
        char real[4096], link[4096], to[4096], chain[4096];
        snprintf(real, sizeof real, "%s/real.%s", dir, x);
        snprintf(link, sizeof link, "%s/link.%s", dir, x);
        snprintf(to, sizeof to, "real.%s", x);
        put_text(real, "old", 0644);
        CHECK(symlink(to, link) == 0, "symlink");
        CHECK(write_file(link, 1), "%s: written through a link", x);
        CHECK(link_says(link, to), "%s: the link is still a link to %s", x, to);
        CHECK(is_audio(real), "%s: the file it points to is the new audio", x);

        snprintf(chain, sizeof chain, "%s/chain.%s", dir, x);
        snprintf(to, sizeof to, "link.%s", x);
        CHECK(symlink(to, chain) == 0, "symlink");
        unlink(real);
        CHECK(write_file(chain, 1), "%s: written through a chain of links, the last dangling", x);
        CHECK(link_says(chain, to), "%s: the chain's first link stays", x);
        CHECK(is_audio(real), "%s: the end of the chain is made", x);
        CHECK(test_dir_count(dir, NULL, 0) == 3, "%s: real, link, chain and nothing else", x);

        const char *base = strrchr(other, '/') + 1;
        snprintf(link, sizeof link, "%s/away.%s", dir, x);
        snprintf(to, sizeof to, "../%s/there.%s", base, x);
        snprintf(real, sizeof real, "%s/there.%s", other, x);
        CHECK(symlink(to, link) == 0, "symlink");
        CHECK(write_file(link, 1), "%s: written through a relative link into another directory", x);
        CHECK(link_says(link, to) && is_audio(real), "%s: the link stays, its target is the audio", x);
        CHECK(test_dir_count(other, NULL, 0) == 1, "%s: nothing else beside the target", x);

        CHECK(write_file(link, 0) && is_audio(real), "%s: discarding through a link leaves the old file", x);
        test_rm_tree(dir);
        test_rm_tree(other);
    }
    /* A loop of links is refused with the kernel's word for it. */
    char *dir = test_make_dir();
    if (dir) {
        char a[4096], b[4096], err[512] = "";
        snprintf(a, sizeof a, "%s/a.wav", dir);
        snprintf(b, sizeof b, "%s/b.wav", dir);
        CHECK(symlink("b.wav", a) == 0 && symlink("a.wav", b) == 0, "symlinks");
        nr_stage *s = NULL;
        nr_stage_spec spec = { .rate = RATE, .path = a };
        CHECK(nr_stage_open_file(&s, &spec, err, sizeof err) == NARRATOR_ERR_IO && strstr(err, a) &&
                  strstr(err, "symbolic links"), "a loop of links: %s", err);
        test_rm_tree(dir);
    }
}
