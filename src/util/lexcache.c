/* lexcache.c — cached lexicon payloads, one file per source (see lexcache.h). */
#define _DEFAULT_SOURCE          /* realpath() */
#include "util/lexcache.h"
#include "config.h"
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_PAYLOAD (16u << 20)
/* In every stamp: changed when a payload's records change, or what a file may hold (a cache
 * of an older narrator must not let a file load that is refused now). 2: duplicate keys;
 * 3: sections that are no table of front/tables.h. */
#define CACHE_FORMAT 3

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
    return h;
}

static int cache_dir(char *out, size_t n)
{
    const char *d = getenv("NARRATOR_CACHE_DIR");
    if (d) return *d && (size_t)snprintf(out, n, "%s", d) < n ? 0 : -1;
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int w = xdg && *xdg ? snprintf(out, n, "%s/narrator", xdg)
          : home && *home ? snprintf(out, n, "%s/.cache/narrator", home) : -1;
    return w > 0 && (size_t)w < n ? 0 : -1;
}

/* The cache file of source and the stamp its first lines must carry (all but the
 * payload's length and checksum, which follow it). */
static int locate(const char *source, char *file, size_t file_len, char *stamp, size_t stamp_len)
{
    char real[PATH_MAX], dir[PATH_MAX];
    struct stat st;
    if (cache_dir(dir, sizeof dir) || !realpath(source, real) || stat(real, &st) || !S_ISREG(st.st_mode)) return -1;
    int w = snprintf(file, file_len, "%s/%016llx.lex", dir, (unsigned long long)fnv1a(real, strlen(real)));
    int s = snprintf(stamp, stamp_len, "narrator lexicon cache %d %s\n%s\n%lld %lld.%09ld %llu %llu\n",
                     CACHE_FORMAT, NARRATOR_VERSION, real, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
                     (long)st.st_mtim.tv_nsec, (unsigned long long)st.st_ino, (unsigned long long)st.st_dev);
    return w > 0 && (size_t)w < file_len && s > 0 && (size_t)s < stamp_len ? 0 : -1;
}

char *nr_lexcache_read(const char *source, size_t *len)
{
    char file[PATH_MAX + 32], stamp[2 * PATH_MAX];
    if (locate(source, file, sizeof file, stamp, sizeof stamp)) return NULL;
    FILE *f = fopen(file, "rb");
    if (!f) return NULL;
    char *payload = NULL, head[sizeof stamp + 64];
    size_t stamp_n = strlen(stamp), n;
    unsigned long long size, sum;
    /* the stamp, then "LENGTH CHECKSUM\n", then the payload */
    if (fread(head, 1, stamp_n, f) == stamp_n && memcmp(head, stamp, stamp_n) == 0 &&
        fscanf(f, "%llu %llx", &size, &sum) == 2 && fgetc(f) == '\n' && size <= MAX_PAYLOAD &&
        (payload = malloc(size ? size : 1)) && (n = fread(payload, 1, size, f)) == size &&
        fgetc(f) == EOF && fnv1a(payload, n) == sum) {
        fclose(f);
        *len = n;
        return payload;
    }
    free(payload);
    fclose(f);
    return NULL;
}

/* mkdir -p for the cache folder (two levels at most: ~/.cache/narrator). */
static int make_dir(const char *file)
{
    char dir[PATH_MAX + 32];
    snprintf(dir, sizeof dir, "%s", file);
    char *slash = strrchr(dir, '/');
    if (!slash) return -1;
    *slash = '\0';
    if (mkdir(dir, 0755) == 0 || errno == EEXIST) return 0;
    char *up = strrchr(dir, '/');
    if (!up || errno != ENOENT) return -1;
    *up = '\0';
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) return -1;
    *up = '/';
    return mkdir(dir, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

void nr_lexcache_write(const char *source, const char *payload, size_t len)
{
    char file[PATH_MAX + 32], tmp[PATH_MAX + 48], stamp[2 * PATH_MAX];
    if (len > MAX_PAYLOAD || locate(source, file, sizeof file, stamp, sizeof stamp) || make_dir(file)) return;
    snprintf(tmp, sizeof tmp, "%s.XXXXXX", file);
    int fd = mkstemp(tmp);
    if (fd < 0) return;
    FILE *f = fdopen(fd, "wb");
    if (!f) { close(fd); unlink(tmp); return; }
    fprintf(f, "%s%llu %llx\n", stamp, (unsigned long long)len, (unsigned long long)fnv1a(payload, len));
    int ok = fwrite(payload, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, file) != 0) unlink(tmp);   /* readers see the old file or the new, never half */
}
