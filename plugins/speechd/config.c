/*
 * config.c — reads narrator.conf (see config.h and plugins/speechd/narrator.conf).
 */
#include "config.h"
#include "log.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* speechd's -100, 0 and +100 rate in words a minute; its 0 pitch on narrator's 0..99 */
static const sd_scales default_scales = { .min_rate = 80, .normal_rate = 175, .max_rate = 450, .normal_pitch = 50 };

static void set_defaults(sd_config *c)
{
    memset(c, 0, sizeof *c);
    strcpy(c->voice, "screen");     /* voices/screen.yaml: short pauses */
    c->jobs = 1;                    /* screen-reader messages are short: no worker threads */
    c->remove_junk = 0;             /* a screen reader reads what is on the screen */
    c->scales = default_scales;
}

/* Splits "Option value..." into up to `max` words; double quotes group, '#' ends the line. */
static int split_words(char *line, char **words, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
        if (!*p || *p == '#') break;
        if (*p == '"') {
            char *end = strchr(++p, '"');
            if (!end) return -1;
            *end = '\0';
            words[n++] = p;
            p = end + 1;
        } else {
            words[n++] = p;
            while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') p++;
            if (*p) *p++ = '\0';
        }
    }
    return n;
}

static int set_int(const char *value, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (end == value || *end || errno || v < lo || v > hi) return -1;
    *out = (int)v;
    return 0;
}

static int set_name(const char *value, char *dst)
{
    if (strlen(value) >= SD_NAME_MAX) return -1;
    strcpy(dst, value);
    return 0;
}

static int set_string(const char *value, char **dst)
{
    free(*dst);
    *dst = *value ? strdup(value) : NULL;
    return *value && !*dst ? -1 : 0;
}

static int add_voice(sd_config *c, char **words, int n)
{
    if (n != 4 || c->n_voices == SD_MAX_VOICES) return -1;
    sd_voice_map *v = &c->voices[c->n_voices];
    if (set_name(words[1], v->language) || set_name(words[2], v->symbolic) || set_name(words[3], v->voice))
        return -1;
    c->n_voices++;
    return 0;
}

static int add_lexicon(sd_config *c, const char *path)
{
    if (c->n_lexicons == SD_MAX_LEXICONS || !(c->lexicons[c->n_lexicons] = strdup(path))) return -1;
    c->n_lexicons++;
    return 0;
}

/* One option line; -1 when the value is not acceptable. */
static int apply(sd_config *c, char **w, int n)
{
    const char *k = w[0], *v = w[1];
    sd_scales *s = &c->scales;
    if (!strcasecmp(k, "AddVoice")) return add_voice(c, w, n);
    if (n != 2) return -1;
    if (!strcasecmp(k, "NarratorVoice")) return set_name(v, c->voice);
    if (!strcasecmp(k, "NarratorDataDir")) return set_string(v, &c->data_dir);
    if (!strcasecmp(k, "NarratorLexicon")) return add_lexicon(c, v);
    if (!strcasecmp(k, "NarratorJobs")) return set_int(v, 1, 64, &c->jobs);
    if (!strcasecmp(k, "NarratorRemoveJunk")) return set_int(v, 0, 1, &c->remove_junk);
    if (!strcasecmp(k, "NarratorAudioDriver")) return set_string(v, &c->audio_driver);
    if (!strcasecmp(k, "NarratorMinRate")) return set_int(v, 80, 450, &s->min_rate);
    if (!strcasecmp(k, "NarratorNormalRate")) return set_int(v, 80, 450, &s->normal_rate);
    if (!strcasecmp(k, "NarratorMaxRate")) return set_int(v, 80, 450, &s->max_rate);
    if (!strcasecmp(k, "NarratorNormalPitch")) return set_int(v, 0, 99, &s->normal_pitch);
    if (!strcasecmp(k, "NarratorPunctuationSome")) return set_string(v, &c->punctuation_some);
    if (!strcasecmp(k, "Debug")) return 0;     /* speechd's own option; our log follows LOGLEVEL */
    sd_log(SD_LOG_WARN, "unknown option %s (skipped)", k);
    return 0;
}

int sd_config_load(sd_config *c, const char *path)
{
    set_defaults(c);
    if (!path) return 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        sd_log(SD_LOG_ERROR, "cannot read %s: %s (using defaults)", path, strerror(errno));
        return -1;
    }
    char *line = NULL, *words[8];
    size_t cap = 0;
    for (int lineno = 1; getline(&line, &cap, f) >= 0; lineno++) {
        int n = split_words(line, words, 8);
        if (n == 0) continue;
        if (n < 0 || apply(c, words, n))
            sd_log(SD_LOG_ERROR, "%s:%d: bad value for %s (ignored)", path, lineno, n > 0 ? words[0] : "a line");
    }
    free(line);
    fclose(f);
    sd_scales *s = &c->scales;
    if (!(s->min_rate <= s->normal_rate && s->normal_rate <= s->max_rate)) {
        sd_log(SD_LOG_ERROR, "%s: NarratorMinRate <= NarratorNormalRate <= NarratorMaxRate does not hold; "
               "using the defaults", path);
        int pitch = s->normal_pitch;
        *s = default_scales;
        s->normal_pitch = pitch;
    }
    return 0;
}

void sd_config_free(sd_config *c)
{
    free(c->data_dir);
    free(c->audio_driver);
    free(c->punctuation_some);
    for (size_t i = 0; i < c->n_lexicons; i++) free(c->lexicons[i]);
    memset(c, 0, sizeof *c);
}

const char *sd_config_voice_for(const sd_config *c, const char *language, const char *symbolic)
{
    const char *by_language = NULL;
    for (size_t i = 0; i < c->n_voices; i++) {
        const sd_voice_map *v = &c->voices[i];
        if (strcasecmp(v->language, language)) continue;
        if (!strcasecmp(v->symbolic, symbolic)) return v->voice;
        if (!by_language) by_language = v->voice;
    }
    return by_language;
}

const char *sd_config_default_voice(const sd_config *c)
{
    return c->n_voices ? c->voices[0].voice : NULL;
}
