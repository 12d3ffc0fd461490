/*
 * pieces.c — encoding here what the workers would encode: the stage before the sinks when
 * one of them takes encoded pieces (an MP3 file).
 *
 * Such a sink only ever gets pieces, made by its encoder. The workers make them on every
 * core (synth/pool.h); sound spoken in this process (jobs 1) comes as PCM, and this stage
 * gathers it chunk by chunk and, as each chunk ends, encodes it as one piece with the same
 * encoder. PCM still goes on to the sinks that take PCM (the speakers, the callback), and
 * pieces from the workers pass through untouched: a chunk whose sound comes as pieces
 * (NR_SOUND_PIECES) is not gathered. The gathered copy is the only one: a chunk's PCM is
 * held here until its end, as long as the chunk is (a few seconds).
 */
#include "output/stage.h"
#include <stdlib.h>

typedef struct {
    nr_stage stage;
    const nr_encoder *enc;
    int rate;
    int gathering;              /* inside a chunk spoken here */
    nr_buf pcm;                 /* its PCM so far */
    nr_buf piece;               /* the piece made of it (kept: its room is reused) */
} pieces;

static narrator_status pieces_pcm(nr_stage *s, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    pieces *p = (pieces *)s;
    if (p->gathering) nr_buf_put(&p->pcm, (const char *)pcm, n * sizeof *pcm);
    return nr_stage_pcm(s->next, pcm, n, err, errlen);
}

/* The chunk gathered, as one piece to the sinks. */
static narrator_status encode_chunk(pieces *p, char *err, size_t errlen)
{
    const int16_t *pcm = (const int16_t *)(const void *)p->pcm.s;
    nr_piece piece;
    nr_buf_clear(&p->piece);
    narrator_status st = NARRATOR_OK;
    if (p->pcm.oom) {
        nr_stage_errf(err, errlen, "out of memory");
        st = NARRATOR_ERR_NOMEM;
    } else if (p->enc->encode(p->enc, pcm, p->pcm.len / sizeof *pcm, p->rate, &p->piece, err, errlen))
        st = NARRATOR_ERR_IO;
    else if (nr_piece_read(p->piece.s, p->piece.len, &piece)) {
        nr_stage_errf(err, errlen, "cannot encode the sound: the encoder made no piece");
        st = NARRATOR_ERR_IO;
    } else
        st = nr_stage_piece(p->stage.next, &piece, err, errlen);
    nr_buf_clear(&p->pcm);
    p->pcm.oom = 0;
    return st;
}

static narrator_status pieces_event(nr_stage *s, const nr_event *e, char *err, size_t errlen)
{
    pieces *p = (pieces *)s;
    narrator_status st = NARRATOR_OK;
    if (e->kind == NR_EVENT_CHUNK) p->gathering = !(e->sound & NR_SOUND_PIECES);
    if (e->kind == NR_EVENT_CHUNK_END) {
        if (e->spoken && p->gathering && p->pcm.len) st = encode_chunk(p, err, errlen);
        nr_buf_clear(&p->pcm);
        p->pcm.oom = 0;
        p->gathering = 0;
    }
    narrator_status next = nr_stage_event(s->next, e, err, errlen);
    return st ? st : next;
}

static void pieces_abort(nr_stage *s)
{
    pieces *p = (pieces *)s;
    nr_buf_free(&p->pcm);
    nr_buf_free(&p->piece);
    free(p);
}

static narrator_status pieces_close(nr_stage *s, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    pieces_abort(s);
    return NARRATOR_OK;
}

static const nr_stage_ops pieces_ops = {
    .name = "pieces", .pcm = pieces_pcm, .event = pieces_event, .close = pieces_close,
    .abort = pieces_abort,
};

narrator_status nr_pieces_stage_open(nr_stage **out, int rate, const nr_encoder *enc, char *err, size_t errlen)
{
    pieces *p = nr_stage_alloc(sizeof *p, &pieces_ops, err, errlen);
    if (!p) return NARRATOR_ERR_NOMEM;
    p->enc = enc;
    p->rate = rate;
    *out = &p->stage;
    return NARRATOR_OK;
}
