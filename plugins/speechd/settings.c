/*
 * settings.c — speechd's SET values, kept and mapped onto narrator's scales (settings.h).
 */
#include "settings.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void sd_settings_init(sd_settings *s)
{
    memset(s, 0, sizeof *s);
    s->punctuation = NARRATOR_PUNCT_NONE;
}

static int parse_level(const char *value, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (end == value || *end || errno || v < -100 || v > 100) return -1;
    *out = (int)v;
    return 0;
}

/* "NULL" is how speechd says "not set". */
static int copy_name(char *dst, const char *value)
{
    if (!strcmp(value, "NULL")) value = "";
    if (strlen(value) >= SD_NAME_MAX) return -1;
    strcpy(dst, value);
    return 0;
}

/* Finds value in a NULL-terminated list of names; its index, or -1. */
static int pick(const char *value, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (!strcasecmp(value, names[i])) return i;
    return -1;
}

int sd_settings_set(sd_settings *s, const char *name, const char *value)
{
    static const char *const punct[] = { "none", "some", "most", "all", NULL };
    static const char *const onoff[] = { "off", "on", NULL };
    /* "icon" asks for a sound before capitals; narrator's nearest is a higher pitch */
    static const char *const caps[] = { "none", "icon", "spell", NULL };
    int i;
    if (!strcmp(name, "rate")) return parse_level(value, &s->rate);
    if (!strcmp(name, "pitch")) return parse_level(value, &s->pitch);
    if (!strcmp(name, "volume")) return parse_level(value, &s->volume);
    if (!strcmp(name, "pitch_range")) { int ignored; return parse_level(value, &ignored); }
    if (!strcmp(name, "punctuation_mode")) {
        if ((i = pick(value, punct)) < 0) return -1;
        s->punctuation = i == 0 ? NARRATOR_PUNCT_NONE : i == 3 ? NARRATOR_PUNCT_ALL : NARRATOR_PUNCT_SOME;
        return 0;
    }
    if (!strcmp(name, "spelling_mode")) return (i = pick(value, onoff)) < 0 ? -1 : (s->spelling = i, 0);
    if (!strcmp(name, "cap_let_recogn")) return (i = pick(value, caps)) < 0 ? -1 : (s->capitals = i, 0);
    if (!strcmp(name, "language")) return copy_name(s->language, value);
    if (!strcmp(name, "synthesis_voice")) return copy_name(s->synthesis_voice, value);
    if (!strcmp(name, "voice")) return copy_name(s->voice_type, value);
    return -1;
}

int sd_scale(int value, int lo, int mid, int hi)
{
    if (value < -100) value = -100;
    if (value > 100) value = 100;
    return value < 0 ? mid + (mid - lo) * value / 100 : mid + (hi - mid) * value / 100;
}

int sd_rate_wpm(const sd_scales *sc, int rate) { return sd_scale(rate, sc->min_rate, sc->normal_rate, sc->max_rate); }
int sd_pitch(const sd_scales *sc, int pitch) { return sd_scale(pitch, 0, sc->normal_pitch, 99); }
/* speechd's 100 is full volume (its default), as eSpeak NG's own module reads it */
int sd_volume(int volume) { return sd_scale(volume, 0, 50, 100); }

const char *sd_language_voice(const char *language, char *buf, size_t len)
{
    if (!language[0] || !strcasecmp(language, "c") || !strcasecmp(language, "en")) return NULL;
    size_t n = strlen(language);
    if (n >= len) return NULL;
    for (size_t i = 0; i <= n; i++) buf[i] = (char)tolower((unsigned char)language[i]);
    return buf;
}
