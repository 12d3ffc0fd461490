/*
 * lexicon.h — word lists as data: named tables loaded from YAML files in voices/lexicons/
 * (see the format in lexicon.c). A later file overrides entries of an earlier one. The
 * front end only reads it. Every table is declared in tables.h (adding one: a line there
 * and a section in a YAML file); a file with a section of another name is refused.
 */
#ifndef NR_LEXICON_H
#define NR_LEXICON_H
#include <stddef.h>
#include "front/tables.h"

/* A table: its section name in the YAML files, named in code as NR_T_<section> of tables.h
 * (a string of the same name finds the same table; the declared one is compared faster). */
typedef const char *nr_lex_kind;

/* When an entry applies, judged from the neighbouring words. */
typedef enum {
    NR_WHEN_ALWAYS = 0,
    NR_WHEN_BEFORE_NAME,    /* next word starts with a capital: "St. Louis" */
    NR_WHEN_BEFORE_NUMBER,  /* next word starts with a digit: "No. 5" */
    NR_WHEN_AFTER_NAME,     /* previous word starts with a capital: "Main St." */
    NR_WHEN_AFTER_NUMBER,   /* previous word starts with a digit: "5 ft." */
    NR_WHEN_AFTER_PLACE     /* previous word is capitalized, a comma between allowed: "Boston, Mass." */
} nr_lex_when;

/* Whether an abbreviation's '.' may also end the sentence. */
enum {
    NR_ENDS_NEVER = 0,          /* titles: "Mr." */
    NR_ENDS_BEFORE_STARTER,     /* "Co.", "etc.": when a typical sentence starter follows */
    NR_ENDS_BEFORE_CAPITAL      /* "p.m.": when any capital follows, but a weekday, month or time zone */
};

typedef struct nr_lex_entry {
    const char *say;                /* the reading; for list sections the word itself */
    nr_lex_when when;
    int ends_sentence;              /* NR_ENDS_*: may this abbreviation end a sentence? */
    const char **fields;            /* other fields: name, value, name, value, ..., NULL */
    const struct nr_lex_entry *next;/* other readings of the same key, in file order */
} nr_lex_entry;

typedef struct nr_lexicon nr_lexicon;

nr_lexicon *nr_lex_new(void);
void nr_lex_free(nr_lexicon *lex);
/* Adds an entry; replace=1 drops earlier readings of the key first.
 * fields: name/value pairs ending in NULL, or NULL. 0 ok, NR_LEX_NOMEM, or
 * NR_LEX_UNDECLARED when no table of that name is declared in tables.h. */
enum { NR_LEX_NOMEM = -1, NR_LEX_UNDECLARED = -2 };
int nr_lex_add_fields(nr_lexicon *lex, nr_lex_kind table, const char *key, size_t key_len,
                      const char *say, nr_lex_when when, int ends_sentence, int replace,
                      const char *const *fields);
int nr_lex_add(nr_lexicon *lex, nr_lex_kind table, const char *key, size_t key_len,
               const char *say, nr_lex_when when, int ends_sentence, int replace);
/* First reading of key in a table (exact case first, then lower-cased); NULL when absent. */
const nr_lex_entry *nr_lex_find(const nr_lexicon *lex, nr_lex_kind table, const char *key, size_t len);
/* The same lookup with the key's nr_lex_hash() already known (the tokenizer keeps each
 * word's hash, so the per-word lookups of running text hash nothing). */
const nr_lex_entry *nr_lex_find_hashed(const nr_lexicon *lex, nr_lex_kind table, const char *key, size_t len,
                                       size_t hash);
/* The entry of key as written, else of key lower-cased whatever its capitals ("PART" and
 * "Part" find "part"): for tables of cue words, where an all-capital word is no acronym. */
const nr_lex_entry *nr_lex_find_nocase(const nr_lexicon *lex, nr_lex_kind table, const char *key, size_t len);
/* The reading of key in a table, or key itself when the table has none: the small words
 * a verbalizer says ("oh", "to"), which a voice may override. */
const char *nr_lex_say(const nr_lexicon *lex, nr_lex_kind table, const char *key);
/* 0 when no table has a key with this nr_lex_hash() (any case): a cheap test before many
 * lookups of the same word; 1 means "maybe". */
int nr_lex_maybe_any(const nr_lexicon *lex, size_t hash);
/* The case-insensitive hash lookups use; the same for "Etc." and "etc.". */
size_t nr_lex_hash(const char *key, size_t len);
/* A key in any mix of capitals: "MR." finds "Mr." (for text set in capitals). */
const nr_lex_entry *nr_lex_find_anycase(const nr_lexicon *lex, nr_lex_kind table, const char *key, size_t len);
/* A named extra field of an entry ("plural"), or NULL. */
const char *nr_lex_field(const nr_lex_entry *e, const char *name);
/* 1 if that field is there and reads value: nr_lex_field_is(e, "weak", "true"). */
int nr_lex_field_is(const nr_lex_entry *e, const char *name, const char *value);
/* Merges a YAML lexicon file. NR_YAML_OK (0), or NR_YAML_BAD / NR_YAML_IO / NR_YAML_NOMEM
 * (util/yamlfile.h) with a "file:line:column: why" or "file: why" message in err. */
int nr_lex_load(nr_lexicon *lex, const char *path, char *err, size_t errlen);
/* How the hash table is filled (for the tests): keys, buckets, buckets holding any key,
 * the longest chain of keys in one bucket. */
typedef struct {
    size_t keys, buckets, used, longest;
} nr_lex_stat;
void nr_lex_stats(const nr_lexicon *lex, nr_lex_stat *out);
/* Whole lines that are scraper junk ("Source link"), NULL-terminated; never NULL. */
const char *const *nr_lex_boilerplate(const nr_lexicon *lex);

#endif
