/*
 * espeak.c — the only file that includes eSpeak NG's headers.
 *
 * Synchronous mode: espeak_Synth() calls our callback with PCM as it renders. We pass
 * sound on as it comes, except a run of near-silence at the end, held back and then
 * dropped: eSpeak NG ends each clause with its own pause, and the front end has already
 * planned the pause we want, appended here as exact digital silence.
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "synth/synth.h"
#include "util/utf8.h"
#include <dlfcn.h>
#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "util/dynlib.h"

/* eSpeak NG, loaded at first use (dynlib.h): calls below go through espeak.<function>. */
#define ESPEAK_FUNCTIONS(X, a) X(a, espeak_Initialize) X(a, espeak_SetParameter) \
    X(a, espeak_SetSynthCallback) X(a, espeak_SetVoiceByName) X(a, espeak_SetVoiceByProperties) \
    X(a, espeak_Synth) X(a, espeak_SetPunctuationList) X(a, espeak_GetCurrentVoice)
NR_DYNLIB_DEFINE(espeak, ESPEAK_FUNCTIONS, "libespeak-ng.so.1");

#define SILENCE_LEVEL 64          /* |sample| at or below this counts as silence */

/* A mark eSpeak NG reported, waiting for the sound before it to be passed on. */
typedef struct {
    size_t sample;                /* its position, in samples from the start of the call */
    char name[24];
} pending_mark;

struct nr_synth {
    int rate;
    int params[3];                /* rate, pitch, volume as set: re-applied after a voice change */
    int capitals, punctuation;
    wchar_t *punct_list;
    volatile sig_atomic_t *stop;
    /* per call */
    nr_pcm_fn fn;
    nr_mark_fn mark;
    void *user;
    size_t held;                  /* silent samples held back, not yet passed on */
    size_t received;              /* samples eSpeak NG produced so far in this call */
    pending_mark *marks;
    size_t n_marks, next_mark, cap_marks;
    int stopped;
    int16_t zeros[1024];
};

static nr_synth *current;         /* eSpeak NG's callback has no user pointer of ours */

static int pass_silence(nr_synth *s, size_t n)
{
    while (n && !s->stopped) {
        if (s->stop && *s->stop) { s->stopped = 1; break; }    /* a long pause can be cut short too */
        size_t k = n < 1024 ? n : 1024;
        if (s->fn(s->zeros, k, s->user)) s->stopped = 1;
        n -= k;
    }
    return s->stopped;
}

/* Passes on a piece of eSpeak NG's sound, holding back a silent tail (see the top). */
static int pass_sound(nr_synth *s, const short *wav, size_t n)
{
    size_t loud_end = 0;          /* one past the last loud sample */
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

static void queue_marks(nr_synth *s, const espeak_EVENT *ev)
{
    for (; ev && ev->type != espeakEVENT_LIST_TERMINATED; ev++) {
        if (ev->type != espeakEVENT_MARK || !ev->id.name) continue;
        if (s->n_marks == s->cap_marks) {
            size_t cap = s->cap_marks ? 2 * s->cap_marks : 8;
            pending_mark *m = realloc(s->marks, cap * sizeof *m);
            if (!m) continue;       /* out of memory: the caller reports unreported marks at the end */
            s->marks = m;
            s->cap_marks = cap;
        }
        pending_mark *m = &s->marks[s->n_marks++];
        m->sample = ev->sample > 0 ? (size_t)ev->sample : 0;
        snprintf(m->name, sizeof m->name, "%s", ev->id.name);
    }
}

static int report_mark(nr_synth *s)
{
    const char *name = s->marks[s->next_mark++].name;
    if (s->mark && s->mark(name, s->user)) s->stopped = 1;
    return s->stopped;
}

static int on_audio(short *wav, int numsamples, espeak_EVENT *events)
{
    nr_synth *s = current;
    if (!s || s->stopped || (s->stop && *s->stop)) { if (s) s->stopped = 1; return 1; }
    queue_marks(s, events);
    if (!wav || numsamples <= 0) return 0;
    size_t n = (size_t)numsamples, done = 0;
    /* the sound up to each mark in this piece, then the mark */
    while (s->next_mark < s->n_marks && s->marks[s->next_mark].sample <= s->received + n) {
        size_t at = s->marks[s->next_mark].sample;
        at = at > s->received + done ? at - s->received : done;
        if (pass_sound(s, wav + done, at - done) || report_mark(s)) return 1;
        done = at;
    }
    if (pass_sound(s, wav + done, n - done)) return 1;
    s->received += n;
    return 0;
}

/* ---- no sound system for eSpeak NG ---------------------------------------------------
 * narrator never plays through eSpeak NG (it takes eSpeak NG's PCM and plays it through
 * libao, or writes a file), yet eSpeak NG 1.51 asks libpcaudio for an audio device inside
 * espeak_Initialize whatever the output mode: PulseAudio then connects to the sound server
 * and makes a 64 MB shared-memory file, which is slow, shows up in the mixer, and dies of
 * SIGXFSZ under `ulimit -f`. This process answers that one call itself: the symbol below
 * is exported (the Makefile exports it from the programs too), so the dynamic linker binds
 * eSpeak NG's call here. Outside our espeak_Initialize it hands the call on to libpcaudio,
 * so a host program that uses libpcaudio itself is not affected. eSpeak NG's synchronous
 * mode never uses the device, and copes with none. */
static int initializing;            /* inside our espeak_Initialize (under the caller's lock) */

__attribute__((visibility("default"))) void *create_audio_device_object(const char *device, const char *name,
                                                                        const char *description)
{
    if (initializing) return NULL;
    typedef void *(*create_fn)(const char *, const char *, const char *);
    create_fn real = (create_fn)dlsym(RTLD_NEXT, "create_audio_device_object");
    if (!real) {                    /* libpcaudio loaded privately (RTLD_LOCAL) */
        void *h = dlopen("libpcaudio.so.0", RTLD_LAZY | RTLD_NOLOAD);
        real = h ? (create_fn)dlsym(h, "create_audio_device_object") : NULL;
    }
    return real && real != create_audio_device_object ? real(device, name, description) : NULL;
}

/* ---- voice names ----------------------------------------------------------------------
 * eSpeak NG opens a voice by joining its name onto its voices/ and languages/ folders, so
 * "../../etc/passwd" would open that file (and crash on it). A name here is what eSpeak NG
 * lists: letters, digits and _ - ( ) , ' (any UTF-8 letter too), with "/" only between
 * such parts ("gmw/en-US"), no dots; then an optional "+variant" of letters, digits, _ -. */
static int name_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 ||
           c == '_' || c == '-' || c == '(' || c == ')' || c == ',' || c == '\'';
}

int nr_synth_voice_name_ok(const char *name)
{
    const unsigned char *p = (const unsigned char *)name;
    size_t part = 0;                /* length of the current part between slashes */
    for (; *p && *p != '+'; p++) {
        if (*p == '/') {
            if (!part) return 0;    /* a leading or doubled slash */
            part = 0;
        } else if (name_char(*p)) part++;
        else return 0;
    }
    if (!part) return 0;            /* empty, or ends in a slash */
    if (!*p) return 1;
    for (p++, part = 0; *p; p++, part++)     /* the variant: a file name in voices/!v */
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' ||
              (*p == '-' && part)))
            return 0;
    return part > 0;
}

/* 1 if eSpeak NG's language `have` ("en-gb") answers the request `want` ("en", "en-GB"). */
static int language_matches(const char *have, const char *want)
{
    size_t n = strlen(have), m = strlen(want), k = n < m ? n : m;
    return strncasecmp(have, want, k) == 0 && (n == m || (n > m ? have[k] : want[k]) == '-');
}

/* By name ("English_(America)", "en-US"), else by language ("en-gb"), as espeak-ng -v does.
 * eSpeak NG picks some voice for any language asked for; only a related one counts. */
static int set_voice(const char *voice)
{
    if (!nr_synth_voice_name_ok(voice)) return 0;       /* never a path for eSpeak NG to open */
    if (espeak.espeak_SetVoiceByName(voice) == EE_OK) return 1;
    espeak_VOICE spec;
    memset(&spec, 0, sizeof spec);
    spec.languages = voice;
    if (espeak.espeak_SetVoiceByProperties(&spec) != EE_OK) return 0;
    espeak_VOICE *got = espeak.espeak_GetCurrentVoice();
    return got && got->languages && language_matches(got->languages + 1, voice);
}

static void apply_settings(nr_synth *s)
{
    for (int p = NR_SYNTH_RATE; p <= NR_SYNTH_VOLUME; p++) nr_synth_set(s, (nr_synth_param)p, s->params[p]);
    nr_synth_set_capitals(s, s->capitals);
    nr_synth_set_punctuation(s, s->punctuation, NULL);
}

int nr_synth_new(nr_synth **out, const char *voice, int rate_wpm, int pitch,
                 volatile sig_atomic_t *stop, char *err, size_t errlen)
{
    *out = NULL;
    if (current) { snprintf(err, errlen, "eSpeak NG is already in use in this process"); return -1; }
    if (nr_dynlib_load(&espeak_lib, err, errlen)) return -1;
    /* once per process: eSpeak NG 1.51 hangs in a second espeak_Terminate() after a
     * re-initialization, so it stays initialized and each nr_synth sets it up afresh */
    static int rate;
    if (!rate) {
        initializing = 1;
        rate = espeak.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL, espeakINITIALIZE_DONT_EXIT);
        initializing = 0;
    }
    if (rate <= 0) { rate = 0; snprintf(err, errlen, "eSpeak NG failed to start (is espeak-ng-data installed?)"); return -1; }
    if (!set_voice(voice)) {
        snprintf(err, errlen, "eSpeak NG has no voice '%s'", voice);
        return -1;
    }
    espeak.espeak_SetSynthCallback(on_audio);
    nr_synth *s = calloc(1, sizeof *s);
    if (!s) { snprintf(err, errlen, "out of memory"); return -1; }
    s->rate = rate;
    s->stop = stop;
    s->params[NR_SYNTH_RATE] = rate_wpm;
    s->params[NR_SYNTH_PITCH] = pitch;
    s->params[NR_SYNTH_VOLUME] = 100;
    apply_settings(s);
    current = s;
    *out = s;
    return 0;
}

int nr_synth_sample_rate(const nr_synth *s) { return s->rate; }

void nr_synth_set(nr_synth *s, nr_synth_param param, int value)
{
    static const espeak_PARAMETER which[] = { espeakRATE, espeakPITCH, espeakVOLUME };
    s->params[param] = value;
    espeak.espeak_SetParameter(which[param], value, 0);
}

void nr_synth_set_capitals(nr_synth *s, int mode)
{
    s->capitals = mode;
    /* eSpeak NG: 0 none, 2 says "capital", 3 and up raise the pitch by that many Hz */
    espeak.espeak_SetParameter(espeakCAPITALS, mode == 1 ? 20 : mode, 0);
}

void nr_synth_set_punctuation(nr_synth *s, int mode, const char *some)
{
    s->punctuation = mode;
    if (some) {
        size_t len = strlen(some), k = 0;
        wchar_t *list = malloc((len + 1) * sizeof *list);
        if (list) {
            for (size_t i = 0; i < len;) {
                uint32_t cp;
                i += nr_utf8_decode(some + i, len - i, &cp);
                list[k++] = (wchar_t)cp;
            }
            list[k] = 0;
            free(s->punct_list);
            s->punct_list = list;
        }
    }
    if (s->punct_list) espeak.espeak_SetPunctuationList(s->punct_list);
    espeak.espeak_SetParameter(espeakPUNCTUATION, mode == 2 ? espeakPUNCT_ALL : mode == 1 ? espeakPUNCT_SOME : espeakPUNCT_NONE, 0);
}

int nr_synth_set_voice(nr_synth *s, const char *voice)
{
    if (!set_voice(voice)) return -1;
    apply_settings(s);      /* a voice brings its own rate and pitch */
    return 0;
}

void nr_synth_initial(nr_synth_settings *out, const char *voice, int rate_wpm, int pitch)
{
    memset(out, 0, sizeof *out);
    snprintf(out->voice, sizeof out->voice, "%s", voice);
    out->rate_wpm = rate_wpm;
    out->pitch = pitch;
    out->volume = 100;          /* as nr_synth_new leaves it: capitals and punctuation off */
}

int nr_synth_apply(nr_synth *s, const nr_synth_settings *want, nr_synth_settings *have)
{
    if (strcmp(want->voice, have->voice) != 0) {
        if (nr_synth_set_voice(s, want->voice)) return -1;
        memcpy(have->voice, want->voice, sizeof have->voice);
    }
    if (want->rate_wpm != have->rate_wpm) nr_synth_set(s, NR_SYNTH_RATE, want->rate_wpm);
    if (want->pitch != have->pitch) nr_synth_set(s, NR_SYNTH_PITCH, want->pitch);
    if (want->volume != have->volume) nr_synth_set(s, NR_SYNTH_VOLUME, want->volume);
    if (want->capitals != have->capitals) nr_synth_set_capitals(s, want->capitals);
    if (want->punctuation != have->punctuation || strcmp(want->punct_some, have->punct_some) != 0)
        nr_synth_set_punctuation(s, want->punctuation, want->punct_some[0] ? want->punct_some : NULL);
    *have = *want;
    return 0;
}

size_t nr_synth_pause_samples(const nr_synth *s, int pause_ms)
{
    int ms = pause_ms < 0 ? 0 : pause_ms > NR_SYNTH_PAUSE_MAX_MS ? NR_SYNTH_PAUSE_MAX_MS : pause_ms;
    return (size_t)s->rate * (size_t)ms / 1000;
}

int nr_synth_say(nr_synth *s, const char *text, size_t len, int ssml, int pause_ms,
                 nr_pcm_fn fn, nr_mark_fn mark, void *user)
{
    s->fn = fn;
    s->mark = mark;
    s->user = user;
    s->held = s->received = 0;
    s->n_marks = s->next_mark = 0;
    s->stopped = 0;
    char *copy = malloc(len + 1);
    if (!copy) return -1;
    memcpy(copy, text, len);
    copy[len] = '\0';
    unsigned flags = espeakCHARS_UTF8 | (ssml ? espeakSSML | espeakPHONEMES : 0);
    espeak_ERROR e = espeak.espeak_Synth(copy, len + 1, 0, POS_CHARACTER, 0, flags, NULL, NULL);
    free(copy);
    if (s->stopped || (s->stop && *s->stop)) return 1;
    if (e != EE_OK) return -1;
    /* marks after the last sound (eSpeak NG places them past its trailing silence) */
    while (s->next_mark < s->n_marks)
        if (report_mark(s)) return 1;
    /* from the last audible sample on, the silence is exactly the planned pause */
    return pass_silence(s, nr_synth_pause_samples(s, pause_ms)) ? 1 : 0;
}

void nr_synth_free(nr_synth *s)
{
    if (!s) return;
    if (current == s) current = NULL;
    free(s->marks);
    free(s->punct_list);
    free(s);
}
