/*
 * voice.h — voice profiles (voices/NAME.yaml): which eSpeak NG voice, how fast, how high,
 * how long the pauses, which lexicons. Loaded with libyaml; errors name file:line:column.
 */
#ifndef NR_VOICE_H
#define NR_VOICE_H
#include <stddef.h>
#include "narrator.h"

/* The longest pause a profile may give (ms): break strengths and chunk pauses are sums of
 * a few of them, which stay far from overflowing. */
#define NR_VOICE_PAUSE_MAX_MS 10000

typedef struct {
    char *name;
    char *description;
    char *espeak_voice;
    int rate_wpm;
    int pitch;
    int pause_ms[3];        /* clause, sentence, paragraph */
    char **lexicons;        /* resolved paths */
    size_t n_lexicons;
    char *dir;              /* the data directory it came from (holds voices/) */
} nr_voice;

/* Finds voices/NAME.yaml (or takes NAME as a path when it ends in .yaml) in the data
 * directories: data_dir, $NARRATOR_DATA_DIR, the installed one. NARRATOR_OK, or with err set
 * NARRATOR_ERR_VOICE (no such voice, or a name that is none), NARRATOR_ERR_YAML (the file is
 * malformed or wrong: "file:line:column: why"), NARRATOR_ERR_IO (it can't be read) or
 * NARRATOR_ERR_NOMEM. */
narrator_status nr_voice_load(nr_voice *v, const char *name, const char *data_dir, char *err, size_t errlen);
void nr_voice_free(nr_voice *v);
/* The status of a YAML file's failure (an NR_YAML_* result of util/yamlfile.h), for a voice
 * and for the lexicons it names: malformed → NARRATOR_ERR_YAML, unreadable → NARRATOR_ERR_IO. */
narrator_status nr_yaml_status(int yaml_result);
/* The data directories in search order; returns how many were written to dirs (max n). */
size_t nr_voice_dirs(const char *data_dir, const char **dirs, size_t n);

/* Calls fn(name, description) for every loadable voice in the data directories (a name
 * found in an earlier directory hides later ones). 0 ok, -1 out of memory. */
int nr_voice_each(const char *data_dir, void (*fn)(const char *name, const char *description, void *user),
                  void *user);

#endif
