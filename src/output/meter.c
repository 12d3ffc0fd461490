/*
 * meter.c — the level meter: a pass-through stage that measures the peak and the root mean
 * square of all the sound on its way to the outputs (what --stats prints as peak_dbfs and
 * rms_dbfs), and the level arithmetic it shares with the encoders.
 *
 * Sound that the workers hand back only as encoded pieces never comes here as PCM: the
 * encoder measured it in the worker (nr_level_add over the PCM it encoded, pauses and
 * all), and the piece carries that level. So the meter takes a piece's level when the
 * chunk it ends said its sound comes as pieces only, and ignores it when the PCM came too
 * (it was measured then). Peak and sum of squares are exact integers, so levels measured
 * in pieces join to what one pass over the same samples gives.
 */
#include "output/stage.h"
#include <math.h>

#define FULL_SCALE 32768.0

/* The samples of x[0..BLOCK): their squares added up, their extremes into *hi and *lo. The
 * squares go two by two into 32 bits (two are 2^31 at most) before they are added in 64,
 * a loop the compiler makes vector code of: 2.4 times as fast as a sample at a time, which
 * counts, since every sample of a WAV run goes through here. */
#define BLOCK 64
static uint64_t block_level(const int16_t *x, int32_t *hi, int32_t *lo)
{
    uint32_t pairs[BLOCK / 2];
    for (int k = 0; k < BLOCK / 2; k++) {
        int32_t a = x[2 * k], b = x[2 * k + 1];
        pairs[k] = (uint32_t)(a * a) + (uint32_t)(b * b);
    }
    int32_t h = *hi, m = *lo;
    for (int k = 0; k < BLOCK; k++) {
        h = x[k] > h ? x[k] : h;
        m = x[k] < m ? x[k] : m;
    }
    uint64_t sum = 0;
    for (int k = 0; k < BLOCK / 2; k++) sum += pairs[k];
    *hi = h, *lo = m;
    return sum;
}

void nr_level_add(nr_level *l, const int16_t *pcm, size_t n)
{
    int32_t hi = 0, lo = 0;
    uint64_t sum = 0;
    size_t i = 0;
    for (; i + BLOCK <= n; i += BLOCK) sum += block_level(pcm + i, &hi, &lo);
    for (; i < n; i++) {
        int32_t x = pcm[i];
        hi = x > hi ? x : hi;
        lo = x < lo ? x : lo;
        sum += (uint32_t)(x * x);
    }
    uint32_t peak = (uint32_t)(hi > -lo ? hi : -lo);
    l->peak = peak > l->peak ? peak : l->peak;
    l->sum_squares += sum;
    l->samples += n;
}

void nr_level_join(nr_level *l, const nr_level *other)
{
    l->peak = other->peak > l->peak ? other->peak : l->peak;
    l->sum_squares += other->sum_squares;
    l->samples += other->samples;
}

double nr_level_peak_dbfs(const nr_level *l)
{
    return l->peak ? 20 * log10(l->peak / FULL_SCALE) : -HUGE_VAL;
}

double nr_level_rms_dbfs(const nr_level *l)
{
    if (!l->sum_squares) return -HUGE_VAL;
    return 10 * log10((double)l->sum_squares / (double)l->samples / (FULL_SCALE * FULL_SCALE));
}

typedef struct {
    nr_stage stage;
    nr_level level;
    int sound;                  /* how the current (or last) chunk's sound comes */
} meter;

static narrator_status meter_pcm(nr_stage *s, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    nr_level_add(&((meter *)s)->level, pcm, n);
    return nr_stage_pcm(s->next, pcm, n, err, errlen);
}

static narrator_status meter_piece(nr_stage *s, const nr_piece *p, char *err, size_t errlen)
{
    meter *m = (meter *)s;
    if (!(m->sound & NR_SOUND_PCM)) nr_level_join(&m->level, &p->level);
    return nr_stage_piece(s->next, p, err, errlen);
}

static narrator_status meter_event(nr_stage *s, const nr_event *e, char *err, size_t errlen)
{
    if (e->kind == NR_EVENT_CHUNK) ((meter *)s)->sound = e->sound;
    return nr_stage_event(s->next, e, err, errlen);
}

static void meter_report(const nr_stage *s, nr_level *level) { nr_level_join(level, &((const meter *)s)->level); }

static const nr_stage_ops meter_ops = {
    .name = "meter", .pcm = meter_pcm, .piece = meter_piece, .event = meter_event,
    .close = nr_stage_free_close, .abort = nr_stage_free, .report = meter_report,
};

narrator_status nr_meter_stage_open(nr_stage **out, const nr_stage_spec *spec, char *err, size_t errlen)
{
    (void)spec;
    meter *m = nr_stage_alloc(sizeof *m, &meter_ops, err, errlen);
    if (!m) return NARRATOR_ERR_NOMEM;
    m->sound = NR_SOUND_PCM;
    *out = &m->stage;
    return NARRATOR_OK;
}
