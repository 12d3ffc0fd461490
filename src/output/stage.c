/*
 * stage.c — what every stage shares (stage.h): going through a stage or past it, the
 * form of an encoded piece as it travels from a worker, and the helpers for messages.
 */
#include "output/stage.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

narrator_status nr_stage_pcm(nr_stage *s, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    for (; s; s = s->next)
        if (s->ops->pcm) return s->ops->pcm(s, pcm, n, err, errlen);
    return NARRATOR_OK;
}

narrator_status nr_stage_piece(nr_stage *s, const nr_piece *p, char *err, size_t errlen)
{
    for (; s; s = s->next)
        if (s->ops->piece) return s->ops->piece(s, p, err, errlen);
    return NARRATOR_OK;
}

narrator_status nr_stage_event(nr_stage *s, const nr_event *e, char *err, size_t errlen)
{
    for (; s; s = s->next)
        if (s->ops->event) return s->ops->event(s, e, err, errlen);
    return NARRATOR_OK;
}

narrator_status nr_stage_close(nr_stage *s, int commit, char *err, size_t errlen)
{
    if (!s) return NARRATOR_OK;
    if (commit) return s->ops->close(s, err, errlen);
    s->ops->abort(s);
    return NARRATOR_OK;
}

void *nr_stage_alloc(size_t size, const nr_stage_ops *ops, char *err, size_t errlen)
{
    nr_stage *s = calloc(1, size);
    if (!s) nr_stage_errf(err, errlen, "out of memory");
    else s->ops = ops;
    return s;
}

narrator_status nr_stage_free_close(nr_stage *s, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    free(s);
    return NARRATOR_OK;
}

void nr_stage_free(nr_stage *s) { free(s); }

/* A piece on its way: these figures, then the codec's bytes. */
typedef struct {
    uint64_t frames, decoded_samples;
    nr_level level;
} piece_head;

size_t nr_piece_begin(nr_buf *out)
{
    size_t at = out->len;
    char *room = nr_buf_room(out, sizeof(piece_head));
    if (room) {
        memset(room, 0, sizeof(piece_head));
        out->len += sizeof(piece_head);
    }
    return at;
}

void nr_piece_seal(nr_buf *out, size_t at, const nr_piece *p)
{
    piece_head h = { p->frames, p->decoded_samples, p->level };
    if (!out->oom && out->len >= at + sizeof h) memcpy(out->s + at, &h, sizeof h);
}

int nr_piece_read(const void *bytes, size_t len, nr_piece *p)
{
    piece_head h;
    if (len < sizeof h) return -1;
    memcpy(&h, bytes, sizeof h);
    *p = (nr_piece){ (const char *)bytes + sizeof h, len - sizeof h, (size_t)h.frames, (size_t)h.decoded_samples,
                     h.level };
    return 0;
}

const char *nr_stage_extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base && dot[1] ? dot + 1 : NULL;
}

void nr_stage_errf(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}
