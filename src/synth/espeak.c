/*
 * espeak.c — the only file that includes eSpeak NG's headers.
 *
 * Synchronous mode: espeak_Synth() calls our callback with PCM as it renders. We pass
 * sound on as it comes, except a run of near-silence at the end, held back and then
 * dropped: eSpeak NG ends each clause with its own pause, and the front end has already
 * planned the pause we want, appended here as exact digital silence.
 */
#include "synth/synth.h"
#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynlib.h"

/* eSpeak NG, loaded at first use (dynlib.h): calls below go through these pointers. */
#define ESPEAK_FUNCTIONS(X) X(espeak_Initialize) X(espeak_SetParameter) \
    X(espeak_SetSynthCallback) X(espeak_SetVoiceByName) X(espeak_SetVoiceByProperties) \
    X(espeak_Synth) X(espeak_Terminate)
ESPEAK_FUNCTIONS(NR_DYNLIB_POINTER)
static const nr_dynsym espeak_lib_syms[] = { ESPEAK_FUNCTIONS(NR_DYNLIB_SYMBOL) };
static nr_dynlib espeak_lib = NR_DYNLIB("libespeak-ng.so.1", espeak_lib_syms);
#define espeak_Initialize (*espeak_Initialize_p)
#define espeak_SetParameter (*espeak_SetParameter_p)
#define espeak_SetSynthCallback (*espeak_SetSynthCallback_p)
#define espeak_SetVoiceByName (*espeak_SetVoiceByName_p)
#define espeak_SetVoiceByProperties (*espeak_SetVoiceByProperties_p)
#define espeak_Synth (*espeak_Synth_p)
#define espeak_Terminate (*espeak_Terminate_p)

#define SILENCE_LEVEL 64          /* |sample| at or below this counts as silence */

struct nr_synth {
    int rate;
    volatile sig_atomic_t *stop;
    /* per call */
    nr_pcm_fn fn;
    void *user;
    size_t held;                  /* silent samples held back, not yet passed on */
    int stopped;
    int16_t zeros[1024];
};

static nr_synth *current;         /* eSpeak NG's callback has no user pointer of ours */

static int pass_silence(nr_synth *s, size_t n)
{
    while (n && !s->stopped) {
        size_t k = n < 1024 ? n : 1024;
        if (s->fn(s->zeros, k, s->user)) s->stopped = 1;
        n -= k;
    }
    return s->stopped;
}

static int on_audio(short *wav, int numsamples, espeak_EVENT *events)
{
    (void)events;
    nr_synth *s = current;
    if (!s || s->stopped || (s->stop && *s->stop)) { if (s) s->stopped = 1; return 1; }
    if (!wav || numsamples <= 0) return 0;
    size_t n = (size_t)numsamples, loud_end = 0;   /* one past the last loud sample */
    for (size_t i = n; i > 0; i--)
        if (abs(wav[i - 1]) > SILENCE_LEVEL) { loud_end = i; break; }
    if (!loud_end) { s->held += n; return 0; }
    /* silence held so far was inside speech after all: replay it as zeros, then the sound */
    if (s->held && pass_silence(s, s->held)) return 1;
    s->held = 0;
    if (s->fn((const int16_t *)wav, loud_end, s->user)) { s->stopped = 1; return 1; }
    s->held = n - loud_end;
    return 0;
}

/* By name ("English_(America)", "en-US"), else by language ("en-gb"), as espeak-ng -v does. */
static int set_voice(const char *voice)
{
    if (espeak_SetVoiceByName(voice) == EE_OK) return 1;
    espeak_VOICE spec;
    memset(&spec, 0, sizeof spec);
    spec.languages = voice;
    return espeak_SetVoiceByProperties(&spec) == EE_OK;
}

int nr_synth_new(nr_synth **out, const char *voice, int rate_wpm, int pitch,
                 volatile sig_atomic_t *stop, char *err, size_t errlen)
{
    *out = NULL;
    if (current) { snprintf(err, errlen, "eSpeak NG is already in use in this process"); return -1; }
    if (nr_dynlib_load(&espeak_lib, err, errlen)) return -1;
    int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL, espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0) { snprintf(err, errlen, "eSpeak NG failed to start (is espeak-ng-data installed?)"); return -1; }
    if (!set_voice(voice)) {
        snprintf(err, errlen, "eSpeak NG has no voice '%s'", voice);
        espeak_Terminate();
        return -1;
    }
    espeak_SetParameter(espeakRATE, rate_wpm, 0);
    espeak_SetParameter(espeakPITCH, pitch, 0);
    espeak_SetParameter(espeakPUNCTUATION, espeakPUNCT_NONE, 0);
    espeak_SetSynthCallback(on_audio);
    nr_synth *s = calloc(1, sizeof *s);
    if (!s) { espeak_Terminate(); snprintf(err, errlen, "out of memory"); return -1; }
    s->rate = rate;
    s->stop = stop;
    current = s;
    *out = s;
    return 0;
}

int nr_synth_sample_rate(const nr_synth *s) { return s->rate; }

int nr_synth_say(nr_synth *s, const char *text, size_t len, int pause_ms, nr_pcm_fn fn, void *user)
{
    s->fn = fn;
    s->user = user;
    s->held = 0;
    s->stopped = 0;
    char *copy = malloc(len + 1);
    if (!copy) return -1;
    memcpy(copy, text, len);
    copy[len] = '\0';
    espeak_ERROR e = espeak_Synth(copy, len + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
    free(copy);
    if (s->stopped || (s->stop && *s->stop)) return 1;
    if (e != EE_OK) return -1;
    /* from the last audible sample on, the silence is exactly the planned pause */
    size_t pause = (size_t)s->rate * (size_t)pause_ms / 1000;
    return pass_silence(s, pause) ? 1 : 0;
}

void nr_synth_free(nr_synth *s)
{
    if (!s) return;
    espeak_Terminate();
    if (current == s) current = NULL;
    free(s);
}
