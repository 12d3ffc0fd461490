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

/* voice: an eSpeak NG voice name ("en-us"); rate in words per minute; pitch 0..99.
 * stop: checked while synthesizing (may be NULL). 0 ok, -1 with err set. */
int nr_synth_new(nr_synth **out, const char *voice, int rate_wpm, int pitch,
                 volatile sig_atomic_t *stop, char *err, size_t errlen);
int nr_synth_sample_rate(const nr_synth *s);
/* Speaks text (UTF-8, plain), trims eSpeak NG's own trailing silence, then adds exactly
 * pause_ms of silence. 0 ok, 1 stopped (by *stop or by fn), -1 eSpeak NG failed. */
int nr_synth_say(nr_synth *s, const char *text, size_t len, int pause_ms, nr_pcm_fn fn, void *user);
void nr_synth_free(nr_synth *s);

#endif
