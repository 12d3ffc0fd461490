/*
 * config.h — the module's configuration file (narrator.conf), read once at start.
 *
 * speech-dispatcher's module files are dotconf: one "Option value" per line, values
 * optionally in double quotes, '#' starts a comment. plugins/speechd/narrator.conf
 * documents every option; unknown options are reported in the log and skipped.
 */
#ifndef SD_CONFIG_H
#define SD_CONFIG_H
#include "settings.h"
#include <stddef.h>

#define SD_MAX_LEXICONS 16
#define SD_MAX_VOICES 32

typedef struct {
    char language[SD_NAME_MAX];     /* "en-US" */
    char symbolic[SD_NAME_MAX];     /* "MALE1" */
    char voice[SD_NAME_MAX];        /* an eSpeak NG voice: "en-us", "en-gb+f3" */
} sd_voice_map;

typedef struct {
    char voice[SD_NAME_MAX];        /* the narrator voice profile */
    char *data_dir;                 /* NULL: narrator's installed data */
    char *lexicons[SD_MAX_LEXICONS];
    size_t n_lexicons;
    int jobs;
    int remove_junk;
    char *audio_driver;             /* libao driver when we play ourselves; NULL: from the method */
    sd_scales scales;
    char *punctuation_some;         /* characters named in "some" punctuation mode */
    sd_voice_map voices[SD_MAX_VOICES];
    size_t n_voices;
} sd_config;

/* Defaults, then the file when path is not NULL. Problems go to the log (stderr) and
 * leave the default; returns -1 only when the file cannot be read. */
int sd_config_load(sd_config *c, const char *path);
void sd_config_free(sd_config *c);

/* The eSpeak NG voice for a language and symbolic voice from the AddVoice lines: an exact
 * match of both first, then the language alone; NULL when no line names the language. */
const char *sd_config_voice_for(const sd_config *c, const char *language, const char *symbolic);
/* The voice of the first AddVoice line (spoken when nothing else is asked), or NULL. */
const char *sd_config_default_voice(const sd_config *c);

#endif
