/*
 * outfile.c — output files that appear whole, or not at all (see outfile.h), and the writes
 * into them.
 *
 * A file is written unnamed: open(O_TMPFILE) in the target's directory makes an inode with
 * no name, which the kernel frees when the last descriptor goes, so a crash, SIGKILL or any
 * signal we do not catch cannot leave a partial file behind. Only at commit does it get a
 * name: linkat() of /proc/self/fd/N gives it a hidden ".<name>.XXXXXX" beside the target,
 * and rename() puts it over the target in one step (linkat cannot replace a file). Where
 * the filesystem or kernel refuses O_TMPFILE (or /proc is missing) the file is that hidden
 * name from the start, as before, and only an orderly exit removes it.
 *
 * Either way the file is created with mode 0666 and the kernel applies the umask (and any
 * default ACL) as for a plain fopen — no umask(0)/umask(old) dance that would race with
 * other threads. When it replaces a regular file, that file's permission bits (and, for
 * root, its owner and group) go onto the new one, as an editor saving a file does.
 *
 * The target is the path with any symbolic links at its end followed (a dangling link's
 * target too): writing to a link writes the file it points to and keeps the link.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* the Makefile sets it; this keeps a bare compile working */
#endif
#define _GNU_SOURCE /* O_TMPFILE, sync_file_range */
#include "output/outfile.h"
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WRITE_BEHIND (8u << 20) /* bytes between starts of writeback */
#define MAX_LINKS 40            /* symbolic links followed, as the kernel does (ELOOP) */

static int force_named;

void nr_outfile_force_named(int on) { force_named = on; }

/* The length of path's directory part, its last '/' included (0: the current directory). */
static size_t dir_len(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) + 1 : 0;
}

/* What the symbolic link at path says, malloc'd; NULL (errno) if it is none. */
static char *read_link(const char *path, size_t hint)
{
    for (size_t cap = hint + 2;; cap *= 2) {
        char *s = malloc(cap);
        if (!s) return NULL;
        ssize_t n = readlink(path, s, cap);
        if (n >= 0 && (size_t)n < cap) {
            s[n] = '\0';
            return s;
        }
        int e = errno;
        free(s);
        if (n < 0) {
            errno = e;
            return NULL;
        }
    }
}

/* path with the symbolic links at its end followed, malloc'd; NULL (errno) on failure. A
 * path that is no link (or not there, or not reachable: open says why) comes back as it is. */
static char *follow_links(const char *path)
{
    char *p = strdup(path);
    for (int hops = 0; p; hops++) {
        struct stat st;
        if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode)) return p;
        char *link = hops < MAX_LINKS ? read_link(p, (size_t)st.st_size) : (errno = ELOOP, NULL);
        size_t dl = link && link[0] != '/' ? dir_len(p) : 0, ll = link ? strlen(link) : 0;
        char *next = link ? malloc(dl + ll + 1) : NULL;
        if (next) {
            memcpy(next, p, dl); /* a relative link is relative to the link's directory */
            memcpy(next + dl, link, ll + 1);
        }
        int e = errno;
        free(link);
        free(p);
        errno = e;
        p = next;
    }
    return NULL;
}

/* Tries a fresh hidden name ".<base>.XXXXXX" beside o->target until make(name) does not
 * fail with EEXIST; on success o->tmp is that name. 0 ok, -1 (errno). */
static int hidden_name(nr_outfile *o, int (*make)(const char *name, void *ctx), void *ctx)
{
    static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    size_t dl = dir_len(o->target), bl = strlen(o->target + dl);
    char *tmp = malloc(dl + 1 + bl + 8);
    if (!tmp) return -1;
    memcpy(tmp, o->target, dl);
    tmp[dl] = '.';
    memcpy(tmp + dl + 1, o->target + dl, bl);
    char *suffix = tmp + dl + 1 + bl;
    suffix[0] = '.';
    suffix[7] = '\0';

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^ ((uint64_t)getpid() << 40) ^
                 (uint64_t)(uintptr_t)&ts;
    for (int tries = 0; tries < 100; tries++) {
        for (int i = 1; i <= 6; i++) {
            x += 0x9E3779B97F4A7C15u; /* splitmix64 */
            uint64_t z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
            suffix[i] = chars[(z ^ (z >> 31)) % (sizeof chars - 1)];
        }
        if (make(tmp, ctx) == 0) {
            o->tmp = tmp;
            return 0;
        }
        if (errno != EEXIST) break;
    }
    int e = errno;
    free(tmp);
    errno = e;
    return -1;
}

static int create_named(const char *name, void *ctx)
{
    int *fd = ctx;
    *fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    return *fd < 0 ? -1 : 0;
}

/* An unnamed file in the target's directory, or -1 when the filesystem (or a missing
 * /proc, needed to name it at commit) rules that out; the caller then makes a named one. */
static int open_unnamed(const char *target)
{
    if (force_named) return -1;
    size_t dl = dir_len(target);
    char *dir = dl ? strndup(target, dl) : strdup(".");
    if (!dir) return -1;
    int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    free(dir);
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (fd >= 0 && access(proc, F_OK) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

int nr_outfile_open(nr_outfile *o, const char *path)
{
    o->fd = -1;
    o->tmp = NULL;
    if (!(o->target = follow_links(path))) return -1;
    if (!o->target[dir_len(o->target)]) { /* "dir/": no file name to write */
        nr_outfile_discard(o);
        errno = EISDIR;
        return -1;
    }
    o->fd = open_unnamed(o->target);
    if (o->fd < 0 && hidden_name(o, create_named, &o->fd) != 0) {
        int e = errno;
        nr_outfile_discard(o);
        errno = e;
        return -1;
    }
    return 0;
}

/* The file this one replaces keeps its permission bits (not setuid, setgid or sticky: they
 * do not belong on a file just rewritten) and, when we may, its owner and group. Best
 * effort: the new file keeps what it has when this fails. */
static void keep_mode_of_target(const nr_outfile *o)
{
    struct stat st;
    if (stat(o->target, &st) != 0 || !S_ISREG(st.st_mode)) return;
    if (geteuid() == 0) (void)!fchown(o->fd, st.st_uid, st.st_gid);
    else if (st.st_gid != getegid()) (void)!fchown(o->fd, (uid_t)-1, st.st_gid); /* if we are in the group */
    (void)fchmod(o->fd, st.st_mode & 0777);
}

static int link_unnamed(const char *name, void *ctx)
{
    return linkat(AT_FDCWD, ctx, AT_FDCWD, name, AT_SYMLINK_FOLLOW);
}

int nr_outfile_commit(nr_outfile *o)
{
    int why = 0;
    keep_mode_of_target(o);
    if (!o->tmp) {
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", o->fd);
        if (hidden_name(o, link_unnamed, proc) != 0) why = errno;
    }
    /* No fsync: the rename already makes the file appear whole or not at all, and forcing
     * hundreds of megabytes of WAV to disk before returning would cost seconds (espeak-ng,
     * lame and sox don't either). Write errors still surface: write() and close() report them. */
    if (close(o->fd) != 0 && !why) why = errno;
    o->fd = -1;
    if (!why && rename(o->tmp, o->target) != 0) why = errno;
    if (!why) {
        free(o->tmp); /* renamed: nothing left to unlink */
        o->tmp = NULL;
    }
    nr_outfile_discard(o);
    errno = why;
    return why ? -1 : 0;
}

void nr_outfile_discard(nr_outfile *o)
{
    if (o->fd >= 0) close(o->fd);
    if (o->tmp) unlink(o->tmp);
    free(o->tmp);
    free(o->target);
    o->fd = -1;
    o->tmp = o->target = NULL;
}

void *nr_file_stage_new(size_t size, const nr_stage_ops *ops, const char *path, char *err, size_t errlen)
{
    nr_file_stage *f = calloc(1, size);
    if (f) f->path = strdup(path);
    if (!f || !f->path) {
        nr_stage_errf(err, errlen, "cannot write %s: out of memory", path);
        free(f);
        return NULL;
    }
    f->stage.ops = ops;
    f->out.fd = -1; /* no file yet (calloc's 0 would be standard input) */
    return f;
}

int nr_file_stage_open(nr_file_stage *f, char *err, size_t errlen)
{
    if (nr_outfile_open(&f->out, f->path) == 0) return 0;
    nr_stage_errf(err, errlen, "cannot write %s: %s", f->path, strerror(errno));
    return -1;
}

int nr_file_stage_commit(nr_file_stage *f, char *err, size_t errlen)
{
    if (nr_outfile_commit(&f->out) == 0) return 0;
    nr_stage_errf(err, errlen, "cannot write %s: %s", f->path, strerror(errno));
    return -1;
}

void nr_file_stage_discard(nr_file_stage *f)
{
    nr_outfile_discard(&f->out);
    free(f->path);
    f->path = NULL;
}

void nr_write_behind(int fd, size_t *unflushed, size_t written)
{
    *unflushed += written;
    if (*unflushed < WRITE_BEHIND) return;
    *unflushed = 0;
    (void)sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
}

int nr_write_all(int fd, const void *buf, size_t n)
{
    const unsigned char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w, n -= (size_t)w;
    }
    return 0;
}
