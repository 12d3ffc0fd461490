/*
 * lexicon.h — word lists as data: abbreviations, respellings, acronyms said as words,
 * sentence starters. Loaded from YAML files in voices/lexicons/ (see the format there);
 * a later file overrides entries of an earlier one. The front end only reads it.
 */
#ifndef NR_LEXICON_H
#define NR_LEXICON_H
#include <stddef.h>

typedef enum {
    NR_LEX_ABBREV = 0,      /* "Mr." -> "mister"; key includes the final '.' */
    NR_LEX_WORD,            /* whole-word respelling: "Huawei" -> "wah way" */
    NR_LEX_AS_WORD,         /* all-capital acronyms said as a word: NATO, NASA */
    NR_LEX_STARTER,         /* words that typically start a sentence: The, He, But */
    NR_LEX_KINDS
} nr_lex_kind;

/* When an entry applies, judged from the neighbouring words. */
typedef enum {
    NR_WHEN_ALWAYS = 0,
    NR_WHEN_BEFORE_NAME,    /* next word starts with a capital: "St. Louis" */
    NR_WHEN_BEFORE_NUMBER,  /* next word starts with a digit: "No. 5" */
    NR_WHEN_AFTER_NAME,     /* previous word starts with a capital: "Main St." */
    NR_WHEN_AFTER_NUMBER    /* previous word starts with a digit: "5 ft." */
} nr_lex_when;

typedef struct nr_lex_entry {
    const char *say;
    nr_lex_when when;
    int ends_sentence;              /* this abbreviation may end a sentence ("etc.", "Co.") */
    const struct nr_lex_entry *next;/* other readings of the same key, in file order */
} nr_lex_entry;

typedef struct nr_lexicon nr_lexicon;

nr_lexicon *nr_lex_new(void);
void nr_lex_free(nr_lexicon *lex);
/* Adds an entry; replace=1 drops earlier readings of the key first. 0 ok, -1 out of memory. */
int nr_lex_add(nr_lexicon *lex, nr_lex_kind kind, const char *key, size_t key_len,
               const char *say, nr_lex_when when, int ends_sentence, int replace);
/* First reading of key (exact case first, then lower-cased); NULL when absent. */
const nr_lex_entry *nr_lex_find(const nr_lexicon *lex, nr_lex_kind kind, const char *key, size_t len);
/* Merges a YAML lexicon file. 0 ok; -1 with a "file:line:column: why" message in err. */
int nr_lex_load(nr_lexicon *lex, const char *path, char *err, size_t errlen);
/* Whole lines that are scraper junk ("Source link"), NULL-terminated; never NULL. */
const char *const *nr_lex_boilerplate(const nr_lexicon *lex);

#endif
