/*
 * callback.c — the host's audio callback (narrator_on_audio) as a sink: every piece of
 * PCM goes to it with the chunk it belongs to, the first of each chunk marked as its
 * start (narrator.h). The chunk comes from the chain's chunk events; a callback that
 * returns nonzero stops the run (NARRATOR_ERR_CALLBACK, no message: the host knows why).
 */
#include "output/stage.h"

typedef struct {
    nr_stage stage;
    narrator_audio_fn fn;
    void *user;
    int rate;
    const narrator_chunk *chunk; /* the chunk being heard, NULL between chunks */
    int chunk_start;            /* its first sound is still to come */
} callback;

static narrator_status callback_pcm(nr_stage *s, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    callback *c = (callback *)s;
    if (!c->fn) return NARRATOR_OK;
    if (c->fn(pcm, n, c->rate, c->chunk, c->chunk_start, c->user)) return NARRATOR_ERR_CALLBACK;
    c->chunk_start = 0;
    return NARRATOR_OK;
}

static narrator_status callback_event(nr_stage *s, const nr_event *e, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    callback *c = (callback *)s;
    if (e->kind == NR_EVENT_CHUNK) c->chunk = e->chunk, c->chunk_start = 1;
    if (e->kind == NR_EVENT_CHUNK_END) c->chunk = NULL;
    return NARRATOR_OK;
}

void nr_callback_stage_set(nr_stage *s, narrator_audio_fn fn, void *user)
{
    callback *c = (callback *)s;
    c->fn = fn;
    c->user = user;
}

static const nr_stage_ops callback_ops = {
    .name = "callback", .pcm = callback_pcm, .event = callback_event, .close = nr_stage_free_close,
    .abort = nr_stage_free,
};

narrator_status nr_callback_stage_open(nr_stage **out, const nr_stage_spec *spec, char *err, size_t errlen)
{
    callback *c = nr_stage_alloc(sizeof *c, &callback_ops, err, errlen);
    if (!c) return NARRATOR_ERR_NOMEM;
    c->fn = spec->audio_fn;
    c->user = spec->audio_user;
    c->rate = spec->rate;
    *out = &c->stage;
    return NARRATOR_OK;
}
