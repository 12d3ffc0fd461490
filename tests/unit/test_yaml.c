/* test_yaml.c — voice profiles and lexicons from YAML: good files load, bad files give
 * one message with file:line:column, later lexicons override earlier ones. */
#include "harness.h"
#include "fixtures.h"
#include "util/buf.h"
#include "front/lexicon.h"
#include "config.h"
#include "util/lexcache.h"
#include "util/yamlfile.h"
#include "voice.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[64];

static void cleanup(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (tmpdir[0] && system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
}

static const char *write_tmp(const char *name, const char *content)
{
    static char path[256];
    if (!tmpdir[0]) {
        strcpy(tmpdir, "/tmp/narrator-yaml.XXXXXX");
        if (!mkdtemp(tmpdir)) return "/nonexistent";
        atexit(cleanup);
    }
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    if (f) { fputs(content, f); fclose(f); }
    return path;
}

NR_TEST(voice_news_loads)
{
    nr_voice v;
    char err[512] = "";
    CHECK(nr_voice_load(&v, "news", ".", err, sizeof err) == 0, "news loads: %s", err);
    CHECK(v.rate_wpm == 160, "news speaks 160 wpm, got %d", v.rate_wpm);
    CHECK(v.pause_ms[0] == 200 && v.pause_ms[1] == 500 && v.pause_ms[2] == 1000, "news pauses 200/500/1000");
    CHECK(v.n_lexicons >= 1 && strstr(v.lexicons[0], "voices/lexicons/en.yaml"), "news loads en.yaml first");
    CHECK_STR(v.espeak_voice, "en-us", "news is en-us");
    nr_voice_free(&v);
}

NR_TEST(voice_errors)
{
    nr_voice v;
    char err[512] = "";
    CHECK(nr_voice_load(&v, "nosuchvoice", ".", err, sizeof err) == NARRATOR_ERR_VOICE, "unknown voice fails as a voice error");
    CHECK(strstr(err, "nosuchvoice") && strstr(err, "not found"), "message names it: %s", err);
    const char *bad = write_tmp("bad.yaml", "name: x\nrate: [1\n");
    CHECK(nr_voice_load(&v, bad, ".", err, sizeof err) == NARRATOR_ERR_YAML, "malformed YAML fails as a YAML error");
    CHECK(strstr(err, "bad.yaml:") != NULL, "names the file: %s", err);
    const char *range = write_tmp("range.yaml", "name: x\nrate: 5000\n");
    CHECK(nr_voice_load(&v, range, ".", err, sizeof err) == NARRATOR_ERR_YAML, "rate out of range fails as a YAML error");
    CHECK(strstr(err, "range.yaml:2:7:") != NULL, "points at the value: %s", err);
    const char *field = write_tmp("field.yaml", "name: x\n  \nspeed: 3\n");
    CHECK(nr_voice_load(&v, field, ".", err, sizeof err) == NARRATOR_ERR_YAML, "unknown field fails as a YAML error");
    CHECK(strstr(err, "field.yaml:3:1:") && strstr(err, "unknown field"), "names the field's place: %s", err);
    CHECK(nr_voice_load(&v, "../etc/passwd", ".", err, sizeof err) == NARRATOR_ERR_VOICE, "a name with a slash is refused as a voice error");
    CHECK(nr_voice_load(&v, "/nonexistent/v.yaml", ".", err, sizeof err) == NARRATOR_ERR_IO && strstr(err, "/nonexistent/v.yaml: "),
          "a voice file that can't be read is an I/O error: %s", err);
}

/* A file that is refused: its text, where the message points (":LINE:COL:") and why. */
typedef struct { const char *yaml, *where, *why; } refusal;

static int load_voice(const char *path, char *err, size_t errlen)
{
    nr_voice v;
    int rc = nr_voice_load(&v, path, ".", err, errlen);
    if (!rc) nr_voice_free(&v);
    return rc;
}

static int load_lexicon(const char *path, char *err, size_t errlen)
{
    nr_lexicon *lex = nr_lex_new();
    int rc = nr_lex_load(lex, path, err, errlen);
    nr_lex_free(lex);
    return rc;
}

/* Each case written to PREFIXk.yaml and loaded: refused with status `refused`, and the
 * message it wants. */
static void check_refusals(const refusal *cases, size_t n, const char *prefix, int (*load)(const char *, char *, size_t),
                           int refused)
{
    for (size_t i = 0; i < n; i++) {
        char err[512] = "", name[32];
        snprintf(name, sizeof name, "%s%zu.yaml", prefix, i);
        int rc = load(write_tmp(name, cases[i].yaml), err, sizeof err);
        CHECK(rc == refused, "%s is refused with status %d (got %d)", name, refused, rc);
        CHECK(strstr(err, name) && strstr(err, cases[i].where) && strstr(err, cases[i].why),
              "%s: want %s%s ... %s, got %s", name, name, cases[i].where, cases[i].why, err);
    }
}

/* NARRATOR_CACHE_DIR set to dir for a while ("": no cache); returns what it was. */
static char *cache_dir_set(const char *dir)
{
    const char *was = getenv("NARRATOR_CACHE_DIR");
    char *saved = was ? strdup(was) : NULL;
    setenv("NARRATOR_CACHE_DIR", dir, 1);
    return saved;
}

static void cache_dir_restore(char *saved)
{
    if (saved) setenv("NARRATOR_CACHE_DIR", saved, 1);
    else unsetenv("NARRATOR_CACHE_DIR");
    free(saved);
}

NR_TEST(voice_refused_values)
{
    static const refusal cases[] = {
        /* numbers out of range, or no whole number at all */
        { "name: x\nrate: 79\n", ":2:7:", "rate: expected a whole number from 80 to 450, not '79'" },
        { "name: x\nrate: 451\n", ":2:7:", "rate: expected a whole number from 80 to 450, not '451'" },
        { "rate: -160\n", ":1:7:", "not '-160'" },
        { "rate: 99999999999999999999\n", ":1:7:", "rate: expected a whole number" },
        { "rate: 4294967456\n", ":1:7:", "not '4294967456'" },      /* 2^32 + 160 */
        { "rate: 1.6e2\n", ":1:7:", "not '1.6e2'" },
        { "rate: 160.5\n", ":1:7:", "not '160.5'" },
        { "rate: 0x100\n", ":1:7:", "not '0x100'" },
        { "rate: ' 160'\n", ":1:7:", "not ' 160'" },
        { "rate: ''\n", ":1:7:", "not ''" },
        { "rate: [160]\n", ":1:7:", "rate: expected a whole number from 80 to 450" },
        { "pitch: 100\n", ":1:8:", "pitch: expected a whole number from 0 to 99, not '100'" },
        { "pitch: -1\n", ":1:8:", "pitch: expected a whole number from 0 to 99" },
        { "pauses: {clause: -5}\n", ":1:18:", "pauses: clause: expected a whole number from 0 to 10000, not '-5'" },
        { "pauses:\n  sentence: 500\n  paragraph: 10001\n", ":3:14:", "pauses: paragraph: expected a whole number from 0 to 10000" },
        { "pauses: {sentence: 2147483648}\n", ":1:20:", "pauses: sentence: expected" },
        /* a field twice: the second would have replaced the first without a word */
        { "name: x\nrate: 160\npitch: 40\nrate: 170\n", ":4:1:", "duplicate key 'rate' (first at line 2)" },
        { "pauses: {clause: 100, clause: 200}\n", ":1:23:", "duplicate key 'clause' (first at line 1)" },
        { "name: x\n'name': y\n", ":2:1:", "duplicate key 'name' (first at line 1)" },
    };
    check_refusals(cases, sizeof cases / sizeof cases[0], "voice", load_voice, NARRATOR_ERR_YAML);
    static const char *const fine[] = { "rate: 80\npitch: 0\npauses: {clause: 0, paragraph: 10000}\n", "rate: '450'\npitch: +99\n" };
    for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++) {
        char err[512] = "";
        CHECK(load_voice(write_tmp("fine.yaml", fine[i]), err, sizeof err) == 0, "the limits themselves load: %s", err);
    }
}

NR_TEST(lexicon_loads_and_overrides)
{
    nr_lexicon *lex = nr_lex_new();
    char err[512] = "";
    CHECK(nr_lex_load(lex, "voices/lexicons/en.yaml", err, sizeof err) == 0, "en.yaml loads: %s", err);
    const nr_lex_entry *e = nr_lex_find(lex, NR_T_abbreviations, "Mr.", 3);
    CHECK(e && !strcmp(e->say, "mister"), "Mr. is mister");
    e = nr_lex_find(lex, NR_T_abbreviations, "St.", 3);
    CHECK(e && e->when == NR_WHEN_BEFORE_NAME && e->next && !strcmp(e->next->say, "street"), "St. has readings in order");
    e = nr_lex_find(lex, NR_T_abbreviations, "Co.", 3);
    CHECK(e && e->ends_sentence, "Co. may end a sentence");
    CHECK(nr_lex_find(lex, NR_T_abbreviations, "Etc.", 4) != NULL, "a capitalized word finds its lower-case key");
    CHECK(nr_lex_find(lex, NR_T_abbreviations, "ETC.", 4) == NULL, "an all-capital word does not fall back");
    CHECK(nr_lex_find(lex, NR_T_abbreviations, "Approx.", 7) != NULL && nr_lex_find(lex, NR_T_abbreviations, "ST", 2) == NULL,
          "Approx. finds approx.; ST is not st");
    CHECK(nr_lex_find(lex, NR_T_as_words, "NATO", 4) != NULL, "NATO is said as a word");
    CHECK(nr_lex_find(lex, NR_T_sentence_starters, "The", 3) != NULL, "The starts sentences");
    CHECK(nr_lex_boilerplate(lex)[0] && !strcmp(nr_lex_boilerplate(lex)[0], "Source link"), "boilerplate listed");
    const char *user = write_tmp("user.yaml", "abbreviations:\n  Mr.: master\nwords:\n  Huawei: wah way\n");
    CHECK(nr_lex_load(lex, user, err, sizeof err) == 0, "user lexicon loads: %s", err);
    e = nr_lex_find(lex, NR_T_abbreviations, "Mr.", 3);
    CHECK(e && !strcmp(e->say, "master") && !e->next, "a later file replaces a key");
    e = nr_lex_find(lex, NR_T_words, "Huawei", 6);
    CHECK(e && !strcmp(e->say, "wah way"), "a respelling is added");
    const char *units = write_tmp("units.yaml", "units:\n  kg: {say: kilogram, plural: kilograms, kind: mass}\n  m: metre\n");
    CHECK(nr_lex_load(lex, units, err, sizeof err) == 0, "a declared section is a table: %s", err);
    e = nr_lex_find(lex, NR_T_units, "kg", 2);
    CHECK(e && !strcmp(e->say, "kilogram"), "kg is kilogram");
    CHECK_STR(nr_lex_field(e, "plural"), "kilograms", "extra fields are kept");
    CHECK_STR(nr_lex_field(e, "kind"), "mass", "several extra fields are kept");
    CHECK(nr_lex_field(e, "colour") == NULL, "an absent field is NULL");
    CHECK(nr_lex_find(lex, NR_T_words, "kg", 2) == NULL, "tables are separate");
    nr_lex_free(lex);
}

NR_TEST(lexicon_errors)
{
    static const refusal cases[] = {
        { "abbreviations:\n  Mr.: [mister\n", ":3:1:", "" },
        { "abbreviations:\n  Mr.: {say: mister, when: sometimes}\n", ":2:", "unknown 'when'" },
        { "abbreviations:\n  Mr.: {when: always}\n", ":2:", "missing 'say'" },
        { "Colours:\n  red: rouge\n", ":1:1:", "expected a section name" },
        { "as_words: NATO\n", ":1:11:", "expected a mapping" },
        { "- just\n- a list\n", ":1:1:", "expected sections" },
        { "words:\n  \"\": nothing\n", ":2:3:", "expected a word" },
        /* a key twice in one file: refused (only a later file overrides an earlier one) */
        { "words:\n  Huawei: wah way\n  Oppo: oh po\n  Huawei: hoo way\n", ":4:3:", "duplicate key 'Huawei' (first at line 2)" },
        { "words:\n  a: b\nas_words: [NATO]\nwords:\n  c: d\n", ":4:1:", "duplicate key 'words' (first at line 1)" },
        { "abbreviations:\n  Mr.: {say: mister, when: before-name, say: master}\n", ":2:41:", "duplicate key 'say' (first at line 2)" },
        { "units:\n  \"kg\": kilogram\n  kg: kilo\n", ":3:3:", "duplicate key 'kg' (first at line 2)" },
        /* a section no code reads (front/tables.h): a misspelled table would leave its rule empty */
        { "months:\n  Jan.: january\nmonthz:\n  Feb.: february\n", ":3:1:", "unknown table 'monthz' (did you mean 'months'?)" },
        { "colours:\n  red: rouge\n", ":1:1:", "unknown table 'colours'" },
    };
    check_refusals(cases, sizeof cases / sizeof cases[0], "lex", load_lexicon, NR_YAML_BAD);
    /* in a big mapping too (they are compared through a hash table) */
    nr_buf big = { 0 };
    nr_buf_puts(&big, "words:\n");
    for (int i = 0; i < 5000; i++) {
        char line[48];
        snprintf(line, sizeof line, "  word%d: said %d\n", i == 4000 ? 17 : i, i);
        nr_buf_puts(&big, line);
    }
    nr_lexicon *lex = nr_lex_new();
    char err[512] = "";
    CHECK(nr_lex_load(lex, write_tmp("bigdup.yaml", nr_buf_str(&big)), err, sizeof err) == NR_YAML_BAD &&
          strstr(err, "bigdup.yaml:4002:3: duplicate key 'word17' (first at line 19)"), "a duplicate among 5000 keys: %s", err);
    nr_buf_free(&big);
    nr_lex_free(lex);
    /* spellings in other capitals are other keys */
    lex = nr_lex_new();
    CHECK(nr_lex_load(lex, write_tmp("cases.yaml", "abbreviations:\n  Op.: opus\n  op.: opus\n  OP.: opus\n"), err, sizeof err) == 0,
          "Op., op. and OP. are three keys: %s", err);
    nr_lex_free(lex);
    lex = nr_lex_new();
    CHECK(nr_lex_load(lex, write_tmp("empty.yaml", ""), err, sizeof err) == 0, "an empty file is an empty lexicon");
    CHECK(nr_lex_load(lex, "/nonexistent/x.yaml", err, sizeof err) == NR_YAML_IO && strstr(err, "/nonexistent/x.yaml"),
          "a missing file is named: %s", err);
    nr_lex_free(lex);
}

/* The hash table: the bundled lexicons spread over their buckets (once 694 of 4096 buckets
 * held them all, 29 keys in the longest chain: the bucket undid the hash's last mix). */
NR_TEST(lexicon_chains_short)
{
    nr_lex_stat st;
    nr_lex_stats(test_news_lexicon(), &st);
    CHECK(st.keys > 2000 && st.longest <= 4, "the news voice's lexicons: %zu keys in %zu buckets, %zu used, longest chain %zu",
          st.keys, st.buckets, st.used, st.longest);
    CHECK(st.used * 2 > st.keys, "most keys have a bucket of their own: %zu of %zu", st.used, st.keys);
}

/* A big generated lexicon: keys alike but for their last digits ("w1" ... "w120000") once
 * made chains of 20,000 and a load of 16 s for 500,000 of them. */
NR_TEST(lexicon_big_generated)
{
    enum { KEYS = 120000 };
    nr_buf yaml = { 0 };
    nr_buf_puts(&yaml, "words:\n");
    for (int i = 1; i <= KEYS; i++) {
        char line[64];
        snprintf(line, sizeof line, "  w%d: double you %d\n", i, i);
        nr_buf_puts(&yaml, line);
    }
    const char *path = write_tmp("big.yaml", nr_buf_str(&yaml));
    nr_buf_free(&yaml);
    char *saved = cache_dir_set("");      /* no cache file of it in the user's cache */
    nr_lexicon *lex = nr_lex_new();
    char err[512] = "";
    CHECK(nr_lex_load(lex, path, err, sizeof err) == 0, "big.yaml loads: %s", err);
    cache_dir_restore(saved);
    nr_lex_stat st;
    nr_lex_stats(lex, &st);
    CHECK(st.keys == KEYS && st.longest <= 8, "%zu keys in %zu buckets, %zu used, longest chain %zu", st.keys, st.buckets,
          st.used, st.longest);
    const nr_lex_entry *e = nr_lex_find(lex, NR_T_words, "w77777", 6);
    CHECK(e && !strcmp(e->say, "double you 77777"), "w77777 is found: %s", e ? e->say : "(none)");
    CHECK(nr_lex_find(lex, NR_T_words, "w120001", 7) == NULL, "w120001 is not");
    nr_lex_free(lex);
}

/* A key in several capitals in one table ("kB", "KB", "Kb"): one step of a chain, each
 * spelling found as written; in any capitals, the spelling as written wins. */
NR_TEST(lexicon_case_variants)
{
    nr_lexicon *lex = nr_lex_new();
    static const char *const keys[] = { "kB", "KB", "Kb", "kb", "Mt.", "mt." };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        CHECK(nr_lex_add(lex, NR_T_units, keys[k], strlen(keys[k]), keys[k], NR_WHEN_ALWAYS, 0, 1) == 0, "add %s", keys[k]);
    nr_lex_add(lex, NR_T_words, "kb", 2, "kilobit word", NR_WHEN_ALWAYS, 0, 1);
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        const nr_lex_entry *e = nr_lex_find(lex, NR_T_units, keys[k], strlen(keys[k]));
        CHECK(e && !strcmp(e->say, keys[k]), "%s as written: %s", keys[k], e ? e->say : "(none)");
        e = nr_lex_find_anycase(lex, NR_T_units, keys[k], strlen(keys[k]));
        CHECK(e && !strcmp(e->say, keys[k]), "%s in any capitals finds itself first: %s", keys[k], e ? e->say : "(none)");
    }
    const nr_lex_entry *e = nr_lex_find_anycase(lex, NR_T_units, "MT.", 3);
    CHECK(e && !strcmp(e->say, "Mt."), "MT. in any capitals: the first spelling, %s", e ? e->say : "(none)");
    e = nr_lex_find(lex, NR_T_units, "Mt", 2);
    CHECK(e == NULL, "Mt is not Mt.");
    e = nr_lex_find(lex, NR_T_words, "Kb", 2);
    CHECK(e && !strcmp(e->say, "kilobit word"), "another table: Kb falls back to kb there");
    nr_lex_stat st;
    nr_lex_stats(lex, &st);
    CHECK(st.keys == 7 && st.longest <= 2, "7 keys, chains of words, not spellings: longest %zu", st.longest);
    nr_lex_free(lex);
}

/* The cache of parsed lexicons: used while the file is unchanged, and only when it was
 * written by a narrator that loads files as this one does (its stamp names a format: a
 * cache from before duplicate keys were refused would let such a file load). */
NR_TEST(lexicon_cache_format)
{
    char *dir = test_make_dir();
    if (!dir) return;
    char *saved = cache_dir_set(dir);
    const char *path = write_tmp("cached.yaml", "words:\n  Huawei: wah way\n");
    nr_lexicon *lex = nr_lex_new();
    char err[512] = "", file[512] = "";
    CHECK(nr_lex_load(lex, path, err, sizeof err) == 0, "loads: %s", err);
    nr_lex_free(lex);
    CHECK(test_dir_count(dir, file, sizeof file) == 1, "one cache file written");
    size_t n = 0;
    char *payload = nr_lexcache_read(path, &n);
    CHECK(payload && n > 0, "the cache is read back");
    free(payload);
    lex = nr_lex_new();
    CHECK(nr_lex_load(lex, path, err, sizeof err) == 0, "loads from the cache: %s", err);
    const nr_lex_entry *e = nr_lex_find(lex, NR_T_words, "Huawei", 6);
    CHECK(e && !strcmp(e->say, "wah way"), "the cached lexicon holds its word");
    nr_lex_free(lex);
    /* the same file with the stamp's first line as narrator 0.1.0 wrote it before */
    char full[1024];
    snprintf(full, sizeof full, "%s/%s", dir, file);
    FILE *f = fopen(full, "rb");
    nr_buf body = { 0 };
    char chunk[4096];
    for (size_t got; f && (got = fread(chunk, 1, sizeof chunk, f)) > 0;) nr_buf_put(&body, chunk, got);
    if (f) fclose(f);
    const char *rest = strchr(nr_buf_str(&body), '\n');
    f = fopen(full, "wb");
    if (f && rest) {
        fprintf(f, "narrator lexicon cache %s", NARRATOR_VERSION);
        fwrite(rest, 1, body.len - (size_t)(rest - body.s), f);
    }
    if (f) fclose(f);
    nr_buf_free(&body);
    payload = nr_lexcache_read(path, &n);
    CHECK(payload == NULL, "a cache in the older format is not used");
    free(payload);
    cache_dir_restore(saved);
    test_rm_tree(dir);
}

/* Every file of voices/lexicons/ loads (a voice may list any of them): each section it
 * holds is a table of front/tables.h. */
NR_TEST(lexicon_shipped_tables_declared)
{
    char *saved = cache_dir_set("");      /* the files themselves, not a cache of them */
    DIR *d = opendir("voices/lexicons");
    CHECK(d != NULL, "voices/lexicons is there");
    int files = 0;
    for (struct dirent *e; d && (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".yaml")) continue;
        char path[512], err[512] = "";
        snprintf(path, sizeof path, "voices/lexicons/%s", e->d_name);
        nr_lexicon *lex = nr_lex_new();
        CHECK(nr_lex_load(lex, path, err, sizeof err) == NR_YAML_OK, "%s loads: %s", path, err);
        nr_lex_free(lex);
        files++;
    }
    if (d) closedir(d);
    CHECK(files >= 6, "the shipped lexicons were read: %d files", files);
    cache_dir_restore(saved);
}

/* The registry: names map to the declared strings, a near miss is found, a table that is
 * not declared takes no words, and a table named by a string of its own (the T_ macros of
 * the files not moved to NR_T_ yet) is the same table. */
NR_TEST(lexicon_table_registry)
{
    CHECK(nr_table_named("months") == NR_T_months, "months is NR_T_months");
    CHECK(nr_table_named("monthz") == NULL && nr_table_named("") == NULL, "monthz and '' are no tables");
    CHECK(nr_table_nearest("monthz") == NR_T_months, "monthz is near months");
    CHECK(nr_table_nearest("abreviations") == NR_T_abbreviations, "a letter left out is near");
    CHECK(nr_table_nearest("colours") == NULL, "colours is near nothing");
    size_t n;
    const char *const *all = nr_tables(&n);
    CHECK(n > 80 && all[0] == NR_T_abbreviations, "%zu tables, abbreviations first", n);
    for (size_t i = 0; i < n; i++)
        CHECK(nr_table_named(all[i]) == all[i], "%s is found by its name", all[i]);
    nr_lexicon *lex = nr_lex_new();
    CHECK(nr_lex_add(lex, "monthz", "Feb.", 4, "february", NR_WHEN_ALWAYS, 0, 1) == NR_LEX_UNDECLARED,
          "an undeclared table takes no words");
    char name[] = "months";                /* not the registry's pointer */
    CHECK(nr_lex_add(lex, name, "Feb.", 4, "february", NR_WHEN_ALWAYS, 0, 1) == 0, "a string names a declared table");
    const nr_lex_entry *e = nr_lex_find(lex, NR_T_months, "Feb.", 4);
    CHECK(e && !strcmp(e->say, "february"), "NR_T_months finds what \"months\" added");
    CHECK(nr_lex_find(lex, "months", "Feb.", 4) == e, "and the string finds it too");
    nr_lex_free(lex);
}

/* A cache written by a build that took any section (or declares other tables) must not let
 * a file load that this one refuses: its payload is checked, and the YAML read instead. */
NR_TEST(lexicon_cache_undeclared_table)
{
    char *dir = test_make_dir();
    if (!dir) return;
    char *saved = cache_dir_set(dir);
    const char *path = write_tmp("monthz.yaml", "monthz:\n  Feb.: february\n");
    static const char payload[] = "A\0\0\1\0monthz\0Feb.\0february";   /* as such a build wrote it */
    nr_lexcache_write(path, payload, sizeof payload);
    size_t n = 0;
    char *cached = nr_lexcache_read(path, &n);
    CHECK(cached && n == sizeof payload, "the planted cache is current for the file");
    free(cached);
    nr_lexicon *lex = nr_lex_new();
    char err[512] = "";
    CHECK(nr_lex_load(lex, path, err, sizeof err) == NR_YAML_BAD && strstr(err, "monthz.yaml:1:1: unknown table 'monthz'"),
          "the file is refused all the same: %s", err);
    CHECK(nr_lex_find(lex, "monthz", "Feb.", 4) == NULL, "and nothing of it was added");
    nr_lex_free(lex);
    cache_dir_restore(saved);
    test_rm_tree(dir);
}
