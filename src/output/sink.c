/*
 * sink.c — the one nr_sink handle and its dispatch to file.c (libsndfile) or
 * speaker.c (libao). The handle counts samples so every kind reports the same seconds.
 */
#include "output/sink.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

enum nr_sink_kind { NR_SINK_FILE, NR_SINK_SPEAKER };

struct nr_sink {
    enum nr_sink_kind kind;
    int in_rate;
    uint64_t samples;               /* written so far, at in_rate */
    struct nr_file_sink *file;      /* kind == NR_SINK_FILE */
    struct nr_speaker_sink *speaker; /* kind == NR_SINK_SPEAKER */
};

void nr_sink_errf(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static nr_sink *sink_new(enum nr_sink_kind kind, int in_rate, char *err, size_t errlen)
{
    nr_sink *s = calloc(1, sizeof *s);
    if (!s) {
        nr_sink_errf(err, errlen, "cannot open the audio output: out of memory");
        return NULL;
    }
    s->kind = kind;
    s->in_rate = in_rate;
    return s;
}

int nr_sink_open_file(nr_sink **out, const char *path, int in_rate,
                      const char *title, const char *artist, char *err, size_t errlen)
{
    *out = NULL;
    nr_sink *s = sink_new(NR_SINK_FILE, in_rate, err, errlen);
    if (!s) return -1;
    s->file = nr_file_sink_open(path, in_rate, title, artist, err, errlen);
    if (!s->file) {
        free(s);
        return -1;
    }
    *out = s;
    return 0;
}

int nr_sink_open_speaker(nr_sink **out, const char *driver, int in_rate, char *err, size_t errlen)
{
    *out = NULL;
    nr_sink *s = sink_new(NR_SINK_SPEAKER, in_rate, err, errlen);
    if (!s) return -1;
    s->speaker = nr_speaker_sink_open(driver, in_rate, err, errlen);
    if (!s->speaker) {
        free(s);
        return -1;
    }
    *out = s;
    return 0;
}

int nr_sink_write(nr_sink *s, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    if (!n) return 0;
    int rc = s->kind == NR_SINK_FILE ? nr_file_sink_write(s->file, pcm, n, err, errlen)
                                     : nr_speaker_sink_write(s->speaker, pcm, n, err, errlen);
    if (rc == 0) s->samples += n;
    return rc;
}

int nr_sink_close(nr_sink *s, int commit, char *err, size_t errlen)
{
    if (!s) return 0;
    int rc = s->kind == NR_SINK_FILE ? nr_file_sink_close(s->file, commit, err, errlen)
                                     : nr_speaker_sink_close(s->speaker, err, errlen);
    free(s);
    return rc;
}

double nr_sink_seconds(const nr_sink *s)
{
    return s && s->in_rate > 0 ? (double)s->samples / s->in_rate : 0.0;
}
