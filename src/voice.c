/*
 * voice.c — loads a voice profile. Format (voices/news.yaml):
 *   name: news
 *   description: ...
 *   espeak_voice: en-us
 *   rate: 160                    # words per minute, 80..450
 *   pitch: 45                    # 0..99
 *   pauses: {clause: 200, sentence: 500, paragraph: 1000}    # ms, 0..10000 each
 *   lexicons: [en.yaml]          # relative to voices/lexicons/, or absolute
 */
#include "voice.h"
#include "synth/synth.h"
#include "config.h"
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "util/yamlfile.h"


size_t nr_voice_dirs(const char *data_dir, const char **dirs, size_t n)
{
    const char *cand[] = { data_dir, getenv("NARRATOR_DATA_DIR"), NARRATOR_DATADIR, "/usr/share/narrator" };
    size_t k = 0;
    for (size_t i = 0; i < sizeof cand / sizeof cand[0] && k < n; i++)
        if (cand[i] && *cand[i]) dirs[k++] = cand[i];
    return k;
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

#define VOICE(y) ((nr_voice *)(y)->user)

/* A whole number from lo to hi for field `what`. Only digits (and a sign) are taken, nine
 * at most, so nothing can overflow and no "1e3", "0x10" or " 160" slips through. */
static int get_int(nr_yaml *y, yaml_node_t *n, const char *what, int lo, int hi, int *out)
{
    const char *s = nr_yaml_scalar(n);
    size_t sign = s && (*s == '-' || *s == '+'), digits = s ? strspn(s + sign, "0123456789") : 0;
    long x = digits && digits <= 9 && !s[sign + digits] ? strtol(s, NULL, 10) : LONG_MIN;
    if (x < lo || x > hi) {
        char why[160];
        if (s) snprintf(why, sizeof why, "%s: expected a whole number from %d to %d, not '%.40s'", what, lo, hi, s);
        else snprintf(why, sizeof why, "%s: expected a whole number from %d to %d", what, lo, hi);
        return nr_yaml_fail(y, n, why);
    }
    *out = (int)x;
    return 0;
}

static int set_string(nr_yaml *y, yaml_node_t *n, char **out)
{
    const char *s = nr_yaml_scalar(n);
    if (!s) return nr_yaml_fail(y, n, "expected text");
    free(*out);
    if (!(*out = strdup(s))) return nr_yaml_oom(y, n);
    return 0;
}

static int load_pauses(nr_yaml *y, yaml_node_t *map)
{
    static const char *levels[3] = { "clause", "sentence", "paragraph" };
    if (map->type != YAML_MAPPING_NODE) return nr_yaml_fail(y, map, "expected {clause: ms, sentence: ms, paragraph: ms}");
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = nr_yaml_node(y, p->key), *val = nr_yaml_node(y, p->value);
        int found = 0;
        for (int l = 0; l < 3; l++) {
            if (nr_yaml_scalar(k) && !strcmp(nr_yaml_scalar(k), levels[l])) {
                char what[32];
                snprintf(what, sizeof what, "pauses: %s", levels[l]);
                if (get_int(y, val, what, 0, NR_VOICE_PAUSE_MAX_MS, &VOICE(y)->pause_ms[l])) return -1;
                found = 1;
            }
        }
        if (!found) return nr_yaml_fail(y, k, "unknown pause (use clause, sentence, paragraph)");
    }
    return 0;
}

static int load_lexicons(nr_yaml *y, yaml_node_t *seq)
{
    nr_voice *v = VOICE(y);
    if (seq->type != YAML_SEQUENCE_NODE) return nr_yaml_fail(y, seq, "expected a list of lexicon files");
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
        yaml_node_t *n = nr_yaml_node(y, *it);
        const char *name = nr_yaml_scalar(n);
        if (!name || !*name) return nr_yaml_fail(y, n, "expected a file name");
        size_t len = strlen(v->dir) + strlen(name) + 32;
        char *path = malloc(len);
        char **list = realloc(v->lexicons, (v->n_lexicons + 1) * sizeof *list);
        if (list) v->lexicons = list;
        if (!path || !list) { free(path); return nr_yaml_oom(y, n); }
        if (name[0] == '/') snprintf(path, len, "%s", name);
        else snprintf(path, len, "%s/voices/lexicons/%s", v->dir, name);
        list[v->n_lexicons++] = path;
    }
    return 0;
}

/* ---- the fields of a profile: one loader each. A new voice setting is a field of nr_voice
 * (voice.h), a loader and a line in FIELDS below, and its use in engine.c. */

static int load_name(nr_yaml *y, yaml_node_t *n) { return set_string(y, n, &VOICE(y)->name); }
static int load_description(nr_yaml *y, yaml_node_t *n) { return set_string(y, n, &VOICE(y)->description); }
static int load_rate(nr_yaml *y, yaml_node_t *n) { return get_int(y, n, "rate", 80, 450, &VOICE(y)->rate_wpm); }
static int load_pitch(nr_yaml *y, yaml_node_t *n) { return get_int(y, n, "pitch", 0, 99, &VOICE(y)->pitch); }

static int load_espeak_voice(nr_yaml *y, yaml_node_t *n)
{
    int rc = set_string(y, n, &VOICE(y)->espeak_voice);
    if (!rc && !nr_synth_voice_name_ok(VOICE(y)->espeak_voice))     /* never a path for eSpeak NG */
        rc = nr_yaml_fail(y, n, "not an eSpeak NG voice name (such as en-us, en-gb or English_(America))");
    return rc;
}

static const struct {
    const char *name;
    int (*load)(nr_yaml *y, yaml_node_t *value);
} FIELDS[] = {
    { "name", load_name }, { "description", load_description }, { "espeak_voice", load_espeak_voice },
    { "rate", load_rate }, { "pitch", load_pitch }, { "pauses", load_pauses }, { "lexicons", load_lexicons },
};

static int unknown_field(nr_yaml *y, yaml_node_t *key)
{
    char why[256] = "unknown field (use ";
    for (size_t i = 0; i < sizeof FIELDS / sizeof FIELDS[0]; i++)
        snprintf(why + strlen(why), sizeof why - strlen(why), "%s%s", i ? ", " : "", FIELDS[i].name);
    snprintf(why + strlen(why), sizeof why - strlen(why), ")");
    return nr_yaml_fail(y, key, why);
}

static int load_root(nr_yaml *y, yaml_node_t *root)
{
    if (!root || root->type != YAML_MAPPING_NODE) return nr_yaml_fail(y, root, "expected a voice profile (name:, espeak_voice:, ...)");
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = nr_yaml_node(y, p->key), *vn = nr_yaml_node(y, p->value);
        const char *k = nr_yaml_scalar(kn);
        if (!k) return nr_yaml_fail(y, kn, "expected a field name");
        size_t f = 0;
        while (f < sizeof FIELDS / sizeof FIELDS[0] && strcmp(k, FIELDS[f].name)) f++;
        int rc = f < sizeof FIELDS / sizeof FIELDS[0] ? FIELDS[f].load(y, vn) : unknown_field(y, kn);
        if (rc) return rc;
    }
    return 0;
}

/* The data directory a voice file belongs to: PATH/voices/x.yaml -> PATH. */
static char *dir_of_voice_file(const char *path)
{
    char *d = strdup(path);
    if (!d) return NULL;
    char *slash = strrchr(d, '/');
    if (!slash) { free(d); return strdup(".."); }
    *slash = '\0';
    slash = strrchr(d, '/');
    if (slash && !strcmp(slash + 1, "voices")) *slash = '\0';
    else if (!strcmp(d, "voices")) strcpy(d, ".");
    else { /* a voice file outside voices/: lexicons are looked up beside it */
        size_t len = strlen(d);
        char *dd = realloc(d, len + 5);
        if (!dd) { free(d); return NULL; }
        d = dd;
        strcat(d, "/..");
    }
    return d;
}

narrator_status nr_yaml_status(int yaml_result)
{
    switch (yaml_result) {
    case NR_YAML_OK: return NARRATOR_OK;
    case NR_YAML_IO: return NARRATOR_ERR_IO;
    case NR_YAML_NOMEM: return NARRATOR_ERR_NOMEM;
    default: return NARRATOR_ERR_YAML;
    }
}

narrator_status nr_voice_load(nr_voice *v, const char *name, const char *data_dir, char *err, size_t errlen)
{
    memset(v, 0, sizeof *v);
    v->rate_wpm = 160;
    v->pitch = 50;
    v->pause_ms[0] = 200; v->pause_ms[1] = 500; v->pause_ms[2] = 1000;
    char path[4096] = "";
    if (ends_with(name, ".yaml")) {
        snprintf(path, sizeof path, "%s", name);
    } else {
        if (strchr(name, '/') || !*name) {
            snprintf(err, errlen, "voice name '%s' is not valid (give a name like 'news' or a .yaml file)", name);
            return NARRATOR_ERR_VOICE;
        }
        const char *dirs[4];
        size_t nd = nr_voice_dirs(data_dir, dirs, 4);
        for (size_t i = 0; i < nd && !path[0]; i++) {
            snprintf(path, sizeof path, "%s/voices/%s.yaml", dirs[i], name);
            if (!file_exists(path)) path[0] = '\0';
        }
        if (!path[0]) {
            snprintf(err, errlen, "voice '%s' not found (try --list-voices)", name);
            return NARRATOR_ERR_VOICE;
        }
    }
    if (!(v->dir = dir_of_voice_file(path))) { snprintf(err, errlen, "out of memory"); return NARRATOR_ERR_NOMEM; }
    int rc = nr_yaml_load(path, load_root, v, err, errlen);
    if (rc) {
        nr_voice_free(v);
        return nr_yaml_status(rc);
    }
    if ((!v->espeak_voice && !(v->espeak_voice = strdup("en-us"))) || (!v->name && !(v->name = strdup(name)))) {
        nr_voice_free(v);
        snprintf(err, errlen, "out of memory");
        return NARRATOR_ERR_NOMEM;
    }
    return NARRATOR_OK;
}

void nr_voice_free(nr_voice *v)
{
    free(v->name);
    free(v->description);
    free(v->espeak_voice);
    for (size_t i = 0; i < v->n_lexicons; i++) free(v->lexicons[i]);
    free(v->lexicons);
    free(v->dir);
    memset(v, 0, sizeof *v);
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int nr_voice_each(const char *data_dir, void (*fn)(const char *name, const char *description, void *user),
                  void *user)
{
    const char *dirs[4];
    size_t nd = nr_voice_dirs(data_dir, dirs, 4), n = 0, cap = 0;
    char **names = NULL;
    for (size_t d = 0; d < nd; d++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/voices", dirs[d]);
        DIR *dir = opendir(path);
        if (!dir) continue;
        for (struct dirent *e; (e = readdir(dir));) {
            size_t len = strlen(e->d_name);
            if (len <= 5 || strcmp(e->d_name + len - 5, ".yaml") != 0) continue;
            char *name = strndup(e->d_name, len - 5);
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                char **grown = realloc(names, cap * sizeof *names);
                if (!grown) { free(name); name = NULL; }
                else names = grown;
            }
            if (!name) { closedir(dir); for (size_t i = 0; i < n; i++) free(names[i]); free(names); return -1; }
            int seen = 0;
            for (size_t i = 0; i < n; i++) seen |= !strcmp(names[i], name);
            if (seen) free(name);
            else names[n++] = name;
        }
        closedir(dir);
    }
    if (n) qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        nr_voice v;
        char err[512];
        if (nr_voice_load(&v, names[i], data_dir, err, sizeof err) == 0) {
            fn(names[i], v.description ? v.description : "", user);
            nr_voice_free(&v);
        } else {
            fn(names[i], err, user);   /* a broken profile is listed with its problem */
        }
        free(names[i]);
    }
    free(names);
    return 0;
}
