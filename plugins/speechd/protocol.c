/*
 * protocol.c — framing of speech-dispatcher's output-module protocol (see protocol.h).
 */
#include "protocol.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

long sd_read_line(char **line, size_t *cap)
{
    ssize_t n = getline(line, cap, stdin);
    if (n < 0) return -1;
    if (n && (*line)[n - 1] == '\n') (*line)[--n] = '\0';
    for (ssize_t i = 0; i < n; i++)
        if ((*line)[i] == '\0') (*line)[i] = ' ';   /* keeps C string functions honest */
    return (long)n;
}

long sd_read_block(char **text, size_t *len)
{
    char *line = NULL, *out = NULL;
    size_t cap = 0, used = 0, room = 0;
    long n, lines = 0;
    while ((n = sd_read_line(&line, &cap)) >= 0) {
        if (n == 1 && line[0] == '.') break;
        const char *s = line;
        if (s[0] == '.') { s++; n--; }           /* ".." stands for a line starting with "." */
        if (used + (size_t)n + 2 > room) {
            size_t want = room ? room : 256;
            while (used + (size_t)n + 2 > want) want *= 2;
            char *grown = realloc(out, want);
            if (!grown) { n = -1; break; }
            out = grown;
            room = want;
        }
        if (lines++) out[used++] = '\n';
        memcpy(out + used, s, (size_t)n);
        used += (size_t)n;
    }
    free(line);
    if (n >= 0 && !out) n = (out = malloc(1)) ? 0 : -1;      /* an empty block */
    if (n < 0) { free(out); *text = NULL; *len = 0; return -1; }
    out[used] = '\0';
    *text = out;
    *len = used;
    return lines;
}

static int flush_locked(void)
{
    int rc = fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
    pthread_mutex_unlock(&out_lock);
    return rc;
}

int sd_send(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pthread_mutex_lock(&out_lock);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    return flush_locked();
}

static int host_is_big_endian(void)
{
    const uint16_t one = 1;
    return *(const unsigned char *)&one == 0;
}

int sd_send_audio(const int16_t *pcm, size_t samples, int rate)
{
    /* HDLC-style escaping: LF and the escape byte 0x7D become 0x7D, byte ^ 0x20 */
    const unsigned char escape = 0x7d, flip = 0x20;
    const unsigned char *p = (const unsigned char *)pcm, *end = p + samples * sizeof *pcm;
    pthread_mutex_lock(&out_lock);
    fprintf(stdout, "705-bits=16\n705-num_channels=1\n705-sample_rate=%d\n705-num_samples=%zu\n"
            "705-big_endian=%d\n705-AUDIO", rate, samples, host_is_big_endian());
    putc('\0', stdout);
    while (p < end) {
        const unsigned char *run = p;
        while (p < end && *p != '\n' && *p != escape) p++;
        fwrite(run, 1, (size_t)(p - run), stdout);
        if (p < end) {
            putc(escape, stdout);
            putc(*p++ ^ flip, stdout);
        }
    }
    fputs("\n705 AUDIO\n", stdout);
    return flush_locked();
}

int sd_each_setting(char *block, int (*fn)(const char *name, const char *value, void *user), void *user)
{
    int result = 0;
    char *save = NULL;
    for (char *line = strtok_r(block, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *eq = strchr(line, '=');
        if (!eq || eq == line || !eq[1]) { result = 2; continue; }
        *eq = '\0';
        if (fn(line, eq + 1, user) && result == 0) result = 1;
    }
    return result;
}
