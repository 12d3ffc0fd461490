/*
 * chain.c — the output chain (chain.h): the pass-through stages in order, then, when a sink
 * takes encoded pieces, the chain's own encoder (pieces.c), then the sinks, each handed
 * the same sound in a fixed order: the file, the speakers, the callback. The first that
 * fails stops the sound for the others too.
 *
 * The two tables below are where the output grows: PASSES, the pass-through stages
 * between synthesis and the sinks, and FORMATS, the file formats by extension. A stage or
 * a format is one file and one line in them (stage.h says how).
 *
 * The chain also counts the sound handed to the outputs, for narrator_seconds: the PCM
 * that came in, or, when a sink takes pieces, what its pieces decode to (the length of
 * the file).
 */
#include "output/chain.h"
#include "output/stage.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The pass-through stages, in the order the sound goes through them; a new one is a line
 * X(NAME) here, for its nr_NAME_stage_open (stage.h). */
#define PASSES(X) \
    X(meter)

/* The file formats: the extension (lower case, without its dot) and the opener of its
 * stage, in the order messages and --help name them. */
#define FORMATS(X) \
    X("wav", nr_wav_stage_open) \
    X("mp3", nr_mp3_stage_open) \
    X("flac", nr_sndfile_stage_open) \
    X("ogg", nr_sndfile_stage_open) \
    X("opus", nr_sndfile_stage_open)

#define DECLARE_PASS(name) nr_stage_open_fn nr_##name##_stage_open;
#define PASS_OPENER(name) nr_##name##_stage_open,
#define DECLARE_FORMAT(ext, open) nr_stage_open_fn open;
#define FORMAT_ENTRY(ext, open) { ext, open },
#define FORMAT_NAME(ext, open) ", " ext
PASSES(DECLARE_PASS)
FORMATS(DECLARE_FORMAT)

static nr_stage_open_fn *const pass_openers[] = { PASSES(PASS_OPENER) };
#define N_PASSES (sizeof pass_openers / sizeof *pass_openers)

static const struct {
    const char *ext;
    nr_stage_open_fn *open;
} formats[] = { FORMATS(FORMAT_ENTRY) };
static const char format_list[] = FORMATS(FORMAT_NAME);

enum { FILE_SINK, SPEAKER_SINK, CALLBACK_SINK, N_SINKS };

/* The last stage of the chain: it hands the sound to each sink of its chain. */
typedef struct {
    nr_stage stage;
    nr_chain *chain;
} fanout;

struct nr_chain {
    int rate;
    nr_stage *passes[N_PASSES];
    nr_stage *encoder;          /* pieces.c, while a sink takes pieces */
    nr_stage *sinks[N_SINKS];
    fanout sinks_stage;         /* hands the sound to the sinks */
    nr_stage *head;             /* where the sound comes in */
    int callback_on;            /* the callback sink has a function (it stays once made, see
                                   nr_chain_set_callback) */
    uint64_t heard;             /* samples handed to the outputs (see the top) */
};

/* ---- the formats ---- */

static nr_stage_open_fn *format_of(const char *path)
{
    if (strcmp(path, "-") == 0) return nr_wav_stage_open;
    const char *ext = nr_stage_extension(path);
    for (size_t i = 0; ext && i < sizeof formats / sizeof *formats; i++)
        if (strcasecmp(ext, formats[i].ext) == 0) return formats[i].open;
    return NULL;
}

int nr_chain_format_known(const char *path) { return path && format_of(path) != NULL; }

const char *nr_chain_format_list(void) { return format_list + 2; }

/* "use .wav, .mp3, .flac, .ogg or .opus" into hint. */
static void format_hint(char *hint, size_t len)
{
    size_t at = (size_t)snprintf(hint, len, "use");
    for (size_t i = 0, n = sizeof formats / sizeof *formats; i < n && at < len; i++)
        at += (size_t)snprintf(hint + at, len - at, "%s.%s", i == 0 ? " " : i + 1 < n ? ", " : " or ", formats[i].ext);
}

narrator_status nr_stage_open_file(nr_stage **out, const nr_stage_spec *spec, char *err, size_t errlen)
{
    *out = NULL;
    const char *path = spec->path;
    if (!path || !*path) {
        nr_stage_errf(err, errlen, "cannot write audio: no output path given");
        return NARRATOR_ERR_IO;
    }
    if (spec->rate <= 0) {
        nr_stage_errf(err, errlen, "cannot write %s: invalid sample rate %d", path, spec->rate);
        return NARRATOR_ERR_IO;
    }
    nr_stage_open_fn *open = format_of(path);
    if (open) return open(out, spec, err, errlen);
    char hint[128];
    format_hint(hint, sizeof hint);
    const char *ext = nr_stage_extension(path);
    if (ext) nr_stage_errf(err, errlen, "cannot write %s: unknown output format '.%s' (%s)", path, ext, hint);
    else nr_stage_errf(err, errlen, "cannot write %s: no extension to tell the output format (%s)", path, hint);
    return NARRATOR_ERR_FORMAT;
}

/* ---- the sinks, side by side ---- */

static int takes_pieces(const nr_chain *c)
{
    for (int i = 0; i < N_SINKS; i++)
        if (c->sinks[i] && c->sinks[i]->ops->piece) return 1;
    return 0;
}

static narrator_status fanout_pcm(nr_stage *s, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    nr_chain *c = ((fanout *)s)->chain;
    for (int i = 0; i < N_SINKS; i++) {
        nr_stage *sink = c->sinks[i];
        narrator_status st = sink && sink->ops->pcm ? sink->ops->pcm(sink, pcm, n, err, errlen) : NARRATOR_OK;
        if (st) return st;
    }
    return NARRATOR_OK;
}

static narrator_status fanout_piece(nr_stage *s, const nr_piece *p, char *err, size_t errlen)
{
    nr_chain *c = ((fanout *)s)->chain;
    c->heard += p->decoded_samples;
    for (int i = 0; i < N_SINKS; i++) {
        nr_stage *sink = c->sinks[i];
        narrator_status st = sink && sink->ops->piece ? sink->ops->piece(sink, p, err, errlen) : NARRATOR_OK;
        if (st) return st;
    }
    return NARRATOR_OK;
}

static narrator_status fanout_event(nr_stage *s, const nr_event *e, char *err, size_t errlen)
{
    nr_chain *c = ((fanout *)s)->chain;
    for (int i = 0; i < N_SINKS; i++) {
        nr_stage *sink = c->sinks[i];
        narrator_status st = sink && sink->ops->event ? sink->ops->event(sink, e, err, errlen) : NARRATOR_OK;
        if (st) return st;
    }
    return NARRATOR_OK;
}

static const nr_stage_ops fanout_ops = {
    .name = "sinks", .pcm = fanout_pcm, .piece = fanout_piece, .event = fanout_event,
};

/* Links the stages: the passes, the chain's encoder when a sink takes pieces, the sinks.
 * Called whenever a sink comes or goes. */
static narrator_status relink(nr_chain *c, char *err, size_t errlen)
{
    const nr_encoder *enc = nr_chain_encoder(c);
    if (!enc && c->encoder) {
        nr_stage_close(c->encoder, 0, NULL, 0);
        c->encoder = NULL;
    }
    if (enc && !c->encoder) {
        narrator_status st = nr_pieces_stage_open(&c->encoder, c->rate, enc, err, errlen);
        if (st) return st;
    }
    nr_stage *next = &c->sinks_stage.stage;
    if (c->encoder) {
        c->encoder->next = next;
        next = c->encoder;
    }
    for (size_t i = N_PASSES; i-- > 0;) {
        c->passes[i]->next = next;
        next = c->passes[i];
    }
    c->head = next;
    return NARRATOR_OK;
}

/* Puts a sink opened (or failed) into slot i, in place of one there (discarded); on
 * failure of the link the sink is dropped. */
static narrator_status place(nr_chain *c, int i, narrator_status opened, nr_stage *sink, char *err, size_t errlen)
{
    if (opened) return opened;
    nr_stage_close(c->sinks[i], 0, NULL, 0);
    c->sinks[i] = sink;
    narrator_status st = relink(c, err, errlen);
    if (st) {
        c->sinks[i] = NULL;
        nr_stage_close(sink, 0, NULL, 0);
        relink(c, NULL, 0);
    }
    return st;
}

/* ---- the chain ---- */

narrator_status nr_chain_new(nr_chain **out, int rate, char *err, size_t errlen)
{
    nr_chain *c = *out = calloc(1, sizeof *c);
    if (!c) {
        nr_stage_errf(err, errlen, "out of memory");
        return NARRATOR_ERR_NOMEM;
    }
    c->rate = rate;
    c->sinks_stage = (fanout){ { &fanout_ops, NULL }, c };
    nr_stage_spec spec = { .rate = rate };
    for (size_t i = 0; i < N_PASSES; i++) {
        narrator_status st = pass_openers[i](&c->passes[i], &spec, err, errlen);
        if (st) {
            nr_chain_free(c);
            *out = NULL;
            return st;
        }
    }
    return relink(c, err, errlen);
}

void nr_chain_free(nr_chain *c)
{
    if (!c) return;
    for (int i = 0; i < N_SINKS; i++) nr_stage_close(c->sinks[i], 0, NULL, 0);
    nr_stage_close(c->encoder, 0, NULL, 0);
    for (size_t i = 0; i < N_PASSES; i++) nr_stage_close(c->passes[i], 0, NULL, 0);
    free(c);
}

narrator_status nr_chain_open_file(nr_chain *c, const char *path, const char *title, const char *artist,
                                   char *err, size_t errlen)
{
    nr_stage_spec spec = { .rate = c->rate, .path = path, .title = title, .artist = artist };
    nr_stage *s = NULL;
    narrator_status st = nr_stage_open_file(&s, &spec, err, errlen);
    return place(c, FILE_SINK, st, s, err, errlen);
}

narrator_status nr_chain_open_speaker(nr_chain *c, const char *driver, char *err, size_t errlen)
{
    nr_stage_spec spec = { .rate = c->rate, .driver = driver };
    nr_stage *s = NULL;
    narrator_status st = nr_speaker_stage_open(&s, &spec, err, errlen);
    return place(c, SPEAKER_SINK, st, s, err, errlen);
}

/* The host may change its callback from inside it: the stage stays (it is not freed under
 * the call) and takes the new function, or none. */
narrator_status nr_chain_set_callback(nr_chain *c, narrator_audio_fn fn, void *user, char *err, size_t errlen)
{
    c->callback_on = fn != NULL;
    if (c->sinks[CALLBACK_SINK]) {
        nr_callback_stage_set(c->sinks[CALLBACK_SINK], fn, user);
        return NARRATOR_OK;
    }
    if (!fn) return NARRATOR_OK;
    nr_stage_spec spec = { .rate = c->rate, .audio_fn = fn, .audio_user = user };
    nr_stage *s = NULL;
    narrator_status st = nr_callback_stage_open(&s, &spec, err, errlen);
    st = place(c, CALLBACK_SINK, st, s, err, errlen);
    if (st) c->callback_on = 0;
    return st;
}

int nr_chain_has_file(const nr_chain *c) { return c && c->sinks[FILE_SINK]; }
int nr_chain_has_speaker(const nr_chain *c) { return c && c->sinks[SPEAKER_SINK]; }

int nr_chain_wants(const nr_chain *c)
{
    int wants = 0;
    for (int i = 0; c && i < N_SINKS; i++) {
        const nr_stage *s = c->sinks[i];
        if (!s || (i == CALLBACK_SINK && !c->callback_on)) continue;
        wants |= (s->ops->pcm ? NR_SOUND_PCM : 0) | (s->ops->piece ? NR_SOUND_PIECES : 0);
    }
    return wants;
}

const nr_encoder *nr_chain_encoder(const nr_chain *c)
{
    for (int i = 0; c && i < N_SINKS; i++)
        if (c->sinks[i] && c->sinks[i]->ops->encoder) return c->sinks[i]->ops->encoder;
    return NULL;
}

static narrator_status send_event(nr_chain *c, const nr_event *e, char *err, size_t errlen)
{
    return nr_stage_event(c->head, e, err, errlen);
}

narrator_status nr_chain_chunk_start(nr_chain *c, const narrator_chunk *chunk, int sound, char *err, size_t errlen)
{
    nr_event e = { .kind = NR_EVENT_CHUNK, .chunk = chunk, .sound = sound };
    return send_event(c, &e, err, errlen);
}

narrator_status nr_chain_chunk_end(nr_chain *c, int spoken, char *err, size_t errlen)
{
    nr_event e = { .kind = NR_EVENT_CHUNK_END, .spoken = spoken };
    return send_event(c, &e, err, errlen);
}

narrator_status nr_chain_mark(nr_chain *c, const char *name, char *err, size_t errlen)
{
    nr_event e = { .kind = NR_EVENT_MARK, .mark = name };
    return send_event(c, &e, err, errlen);
}

narrator_status nr_chain_pcm(nr_chain *c, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    if (!n) return NARRATOR_OK;
    if (!takes_pieces(c)) c->heard += n;
    return nr_stage_pcm(c->head, pcm, n, err, errlen);
}

narrator_status nr_chain_piece(nr_chain *c, const void *piece, size_t len, char *err, size_t errlen)
{
    nr_piece p;
    if (nr_piece_read(piece, len, &p)) {
        nr_stage_errf(err, errlen, "an encoded piece came back cut short");
        return NARRATOR_ERR_IO;
    }
    return nr_stage_piece(c->head, &p, err, errlen);
}

/* Closes sink i: committed, or discarded when commit is 0. */
static narrator_status close_sink(nr_chain *c, int i, char *err, size_t errlen)
{
    nr_stage *s = c->sinks[i];
    c->sinks[i] = NULL;
    narrator_status st = nr_stage_close(s, 1, err, errlen);
    narrator_status linked = relink(c, st ? NULL : err, errlen);
    return st ? st : linked;
}

narrator_status nr_chain_finish(nr_chain *c, char *err, size_t errlen)
{
    nr_event e = { .kind = NR_EVENT_END };
    narrator_status st = send_event(c, &e, err, errlen);
    if (!st) st = close_sink(c, FILE_SINK, err, errlen);
    if (!st) st = close_sink(c, SPEAKER_SINK, err, errlen);
    return st;
}

void nr_chain_report(const nr_chain *c, nr_chain_figures *out)
{
    nr_level level = { 0 };
    for (size_t i = 0; c && i < N_PASSES; i++)
        if (c->passes[i]->ops->report) c->passes[i]->ops->report(c->passes[i], &level);
    out->seconds = c && c->rate > 0 ? (double)c->heard / c->rate : 0.0;
    out->peak_dbfs = nr_level_peak_dbfs(&level);
    out->rms_dbfs = nr_level_rms_dbfs(&level);
}
