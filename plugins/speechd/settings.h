/*
 * settings.h — speech-dispatcher's voice settings and how they map onto narrator's.
 *
 * speechd sends "SET" blocks of name=value lines before each message: rate, pitch and
 * volume on its -100..100 scale (0 = the synthesizer's normal), punctuation_mode,
 * spelling_mode, cap_let_recogn, a symbolic voice (male1...), a language and a
 * synthesis_voice from our LIST VOICES. Values are kept as received; the speaking thread
 * turns them into narrator calls with the functions below (pure, so the tests can table them).
 */
#ifndef SD_SETTINGS_H
#define SD_SETTINGS_H
#include "narrator.h"

#define SD_NAME_MAX 64

typedef struct {
    int rate, pitch, volume;                /* -100..100 */
    narrator_punctuation punctuation;
    int spelling;                           /* 0 or 1 */
    int capitals;                           /* narrator_set_capitals' mode */
    char language[SD_NAME_MAX];             /* "" = none given */
    char synthesis_voice[SD_NAME_MAX];      /* "" = none given */
    char voice_type[SD_NAME_MAX];           /* male1, female1, ... ("" = none) */
} sd_settings;

/* How speechd's 0 and extremes land on narrator's scales (from narrator.conf). */
typedef struct {
    int min_rate, normal_rate, max_rate;    /* words a minute for -100, 0, +100 */
    int normal_pitch;                       /* narrator pitch (0..99) for speechd's 0 */
} sd_scales;

void sd_settings_init(sd_settings *s);
/* Takes one "name=value" setting; 0 ok, -1 unknown name or bad value (left unchanged). */
int sd_settings_set(sd_settings *s, const char *name, const char *value);

/* -100..100 mapped piecewise-linearly: -100 -> lo, 0 -> mid, 100 -> hi. */
int sd_scale(int value, int lo, int mid, int hi);
int sd_rate_wpm(const sd_scales *sc, int rate);
int sd_pitch(const sd_scales *sc, int pitch);
int sd_volume(int volume);                  /* narrator's 0..100: -100 silent, 100 as recorded */

/* The eSpeak NG voice a language asks for: NULL to keep the voice profile's own (no
 * language, "c"/"C", or plain "en" — the profile already speaks English), else the
 * language lower-cased into buf ("en-GB" -> "en-gb", "de" -> "de"). */
const char *sd_language_voice(const char *language, char *buf, size_t len);

#endif
