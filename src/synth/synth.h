/*
 * synth.h — one chunk of text in, PCM out. The only door to eSpeak NG.
 * eSpeak NG keeps process-wide state: one nr_synth per process at a time.
 */
#ifndef NR_SYNTH_H
#define NR_SYNTH_H
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

typedef struct nr_synth nr_synth;
/* Receives PCM pieces; return nonzero to stop. */
typedef int (*nr_pcm_fn)(const int16_t *pcm, size_t n, void *user);
/* An SSML <mark name="..."/> reached, after all PCM before it went to nr_pcm_fn;
 * return nonzero to stop. */
typedef int (*nr_mark_fn)(const char *name, void *user);

/* voice: an eSpeak NG voice name ("en-us"); rate in words per minute; pitch 0..99.
 * stop: checked while synthesizing (may be NULL). 0 ok, -1 with err set. */
int nr_synth_new(nr_synth **out, const char *voice, int rate_wpm, int pitch,
                 volatile sig_atomic_t *stop, char *err, size_t errlen);
int nr_synth_sample_rate(const nr_synth *s);

/* Voice settings, kept until changed (never call them from inside nr_synth_say's callbacks). */
typedef enum { NR_SYNTH_RATE, NR_SYNTH_PITCH, NR_SYNTH_VOLUME } nr_synth_param;
void nr_synth_set(nr_synth *s, nr_synth_param param, int value);
/* 0 none, 1 a higher pitch on capitals, 2 the word "capital" before them. */
void nr_synth_set_capitals(nr_synth *s, int mode);
/* mode: 0 none, 1 the characters in `some` (UTF-8), 2 all. */
void nr_synth_set_punctuation(nr_synth *s, int mode, const char *some);
/* 0 ok; -1 when eSpeak NG has no such voice (the previous voice stays). */
int nr_synth_set_voice(nr_synth *s, const char *voice);
/* 1 if `name` has the shape of an eSpeak NG voice name ("en-us", "English_(America)",
 * "gmw/en-US", "en+f3"), 0 if not: in particular nothing eSpeak NG would open as a path
 * outside its voice folders. Pure: needs no eSpeak NG. */
int nr_synth_voice_name_ok(const char *name);

/* Every setting a chunk is spoken with, as plain values: a snapshot travels with each
 * chunk to whichever eSpeak NG speaks it (this process's or a worker's). */
typedef struct {
    char voice[64];
    int rate_wpm, pitch, volume, capitals, punctuation;
    char punct_some[128];       /* UTF-8; "" keeps the list set before */
} nr_synth_settings;
/* The settings of a new nr_synth made with voice, rate and pitch. */
void nr_synth_initial(nr_synth_settings *out, const char *voice, int rate_wpm, int pitch);
/* Brings eSpeak NG from *have to *want, changing only what differs, and updates *have.
 * 0 ok; -1 when eSpeak NG has no such voice. */
int nr_synth_apply(nr_synth *s, const nr_synth_settings *want, nr_synth_settings *have);

/* The longest pause after a chunk: no chunk asks for more (a voice's pause of at most 10 s
 * plus at most 10 minutes of SSML breaks), so a longer one, or a negative one, is a caller's
 * mistake, cut to [0, this] rather than becoming hours of silence. */
#define NR_SYNTH_PAUSE_MAX_MS 3600000
/* The samples of a pause of pause_ms, cut to [0, NR_SYNTH_PAUSE_MAX_MS]. */
size_t nr_synth_pause_samples(const nr_synth *s, int pause_ms);

/* Speaks text (UTF-8; with `ssml`, eSpeak NG SSML and [[phonemes]]), trims eSpeak NG's
 * own trailing silence, then adds exactly pause_ms of silence (nr_synth_pause_samples).
 * Marks in the text reach `mark` (may be NULL) in order, each after the sound before it.
 * 0 ok, 1 stopped (by *stop or by a callback), -1 eSpeak NG failed. */
int nr_synth_say(nr_synth *s, const char *text, size_t len, int ssml, int pause_ms,
                 nr_pcm_fn fn, nr_mark_fn mark, void *user);
void nr_synth_free(nr_synth *s);

#endif
