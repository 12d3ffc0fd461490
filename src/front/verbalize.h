/*
 * verbalize.h — tokens to words: classify, then verbalize. Each semiotic class (a date,
 * a clock time, money, ...) is two functions in a file of its own:
 *
 *   match  how many tokens from token i the class claims (0: not its kind). It reads and
 *          never writes words; what it parsed it keeps in a record of its own type,
 *          so the say does not read the text again.
 *   say    the words for a span its match claimed, from that record; it never declines.
 *
 * nr_verbalize() asks the classes in the order of their priority numbers, kept in one
 * table in verbalize.c: the first that matches — the highest that matches — is said;
 * a token no class claims is read as written (nr_verbalize_word).
 *
 * To add a class: write src/front/verbalize_NAME.c with a record type (a struct of what
 * its match parsed) and two static functions,
 *
 *   static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, T *r);
 *   static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m,
 *                   const T *r, nr_buf *out);
 *
 * (w, n: token i's word; *r starts zeroed; m->reading is the class's own numbering of its
 * readings), and end the file with NR_CLASS_RECORD(NAME, T, match, say), which makes
 * nr_match_NAME and nr_say_NAME of them (NR_CLASS_NO_RECORD(NAME, match, say) for a class
 * that keeps nothing: its functions have no r). Declare them below with
 * NR_DECLARE_CLASS(NAME), add one row to the table in verbalize.c with its priority (a
 * comment says which classes it must win or lose against, and why), the shape bits a
 * token needs to be asked (token.h), and a table of readings in
 * tests/cases/verbalize/NAME.tsv; tests/cases/classify.tsv says which class wins where
 * two could read a token.
 */
#ifndef NR_VERBALIZE_H
#define NR_VERBALIZE_H
#include <stddef.h>
#include <string.h>
#include "front/token.h"

/* What a match found: the tokens claimed, which of its readings the class chose (its own
 * numbering) and the record it parsed (the class's own struct, copied in and out by the
 * functions NR_CLASS_RECORD makes). */
enum { NR_CLAIM_BYTES = 384 };
typedef struct {
    size_t used;
    int reading;
    union { max_align_t align; unsigned char bytes[NR_CLAIM_BYTES]; } parsed;
} nr_claim;

typedef size_t (*nr_match_fn)(const nr_ctx *c, size_t i, nr_claim *m);
typedef void (*nr_say_fn)(const nr_ctx *c, size_t i, const nr_claim *m, nr_buf *out);

/* A row of the class table. */
typedef struct {
    const char *name;       /* as in tests/cases/classify.tsv */
    int priority;           /* where two classes match, the higher is said; no two alike */
    unsigned needs;         /* asked only for a token with one of these NR_SHAPE_* bits */
    nr_match_fn match;
    nr_say_fn say;
} nr_class;
#define NR_EVERY_TOKEN 0xffffu  /* `needs` of a class asked for plain words too */

/* Verbalizes token i (and maybe some following ones); returns the tokens consumed (>= 1). */
size_t nr_verbalize(const nr_ctx *c, size_t i, nr_buf *out);
/* The class that reads token i, its claim in *m; NULL when the token is read as written. */
const nr_class *nr_classify(const nr_ctx *c, size_t i, nr_claim *m);
/* The table, highest priority first, and its length. */
const nr_class *const *nr_classes(size_t *n);
/* Puts the rows of a table in the order they are asked: by priority, highest first. */
void nr_classes_order(const nr_class *table, size_t n, const nr_class **by_priority);
/* One class alone on token i: its match, then its say; 0 if it does not match. */
size_t nr_verbalize_with(nr_match_fn match, nr_say_fn say, const nr_ctx *c, size_t i, nr_buf *out);
/* The word as written, after the lexicon's respellings (always 1). */
size_t nr_verbalize_word(const nr_ctx *c, size_t i, nr_buf *out);

/* The bookkeeping of a class, in one place: nr_match_NAME hands the static match token
 * i's word and a zeroed record of type T, and keeps the record in the claim when the
 * match claims; nr_say_NAME copies it back out (a copy, not a pointer into the claim's
 * bytes: another type's bytes under a T pointer break strict aliasing) and hands it to
 * the static say with the word. The say's record is its own copy: it may take it as
 * T * and change it (money trims its minor units). */
#define NR_CLASS_RECORD(name, T, match_fn, say_fn) \
    _Static_assert(sizeof(T) <= NR_CLAIM_BYTES, "the record of " #name " fits a claim"); \
    size_t nr_match_##name(const nr_ctx *c, size_t i, nr_claim *m) \
    { \
        size_t n; \
        const char *w = nr_tok_word(c->t, i, &n); \
        T r; \
        memset(&r, 0, sizeof r); \
        size_t used = match_fn(c, i, w, n, m, &r); \
        if (used) memcpy(m->parsed.bytes, &r, sizeof r); \
        return used; \
    } \
    void nr_say_##name(const nr_ctx *c, size_t i, const nr_claim *m, nr_buf *out) \
    { \
        size_t n; \
        const char *w = nr_tok_word(c->t, i, &n); \
        T r; \
        memcpy(&r, m->parsed.bytes, sizeof r); \
        say_fn(c, i, w, n, m, &r, out); \
    } \
    _Static_assert(1, "a macro call ends with ;")

/* The same for a class that keeps nothing from its match: its functions take no record. */
#define NR_CLASS_NO_RECORD(name, match_fn, say_fn) \
    size_t nr_match_##name(const nr_ctx *c, size_t i, nr_claim *m) \
    { \
        size_t n; \
        const char *w = nr_tok_word(c->t, i, &n); \
        return match_fn(c, i, w, n, m); \
    } \
    void nr_say_##name(const nr_ctx *c, size_t i, const nr_claim *m, nr_buf *out) \
    { \
        size_t n; \
        const char *w = nr_tok_word(c->t, i, &n); \
        say_fn(c, i, w, n, m, out); \
    } \
    _Static_assert(1, "a macro call ends with ;")

/* The classes, one file each (verbalize_NAME.c). */
#define NR_DECLARE_CLASS(name) \
    size_t nr_match_##name(const nr_ctx *c, size_t i, nr_claim *m); \
    void nr_say_##name(const nr_ctx *c, size_t i, const nr_claim *m, nr_buf *out)
NR_DECLARE_CLASS(date);         /* Jan. 5, 2019; 2019-01-05; 12/25/2020; on 5-12-20 */
NR_DECLARE_CLASS(ratio);        /* 3:1, 1:50,000 */
NR_DECLARE_CLASS(clock_ratio);  /* a 1:10 dilution (a clock's shape said as a ratio) */
NR_DECLARE_CLASS(time);         /* 3:30 p.m.; 15:00; 9am-5pm */
NR_DECLARE_CLASS(abbrev);       /* Mr. St. No. (lexicon, by context) */
NR_DECLARE_CLASS(electronic);   /* e-mail, URLs, domains, @handles, #tags */
NR_DECLARE_CLASS(ip);           /* 192.168.0.1 */
NR_DECLARE_CLASS(address);      /* 123 Main St, CA 95051 */
NR_DECLARE_CLASS(money);        /* $5.3 billion, EUR 20 */
NR_DECLARE_CLASS(scientific);   /* 10^8 m/s, 6.02e23 */
NR_DECLARE_CLASS(coordinates);  /* 40°N, 51°30′N */
NR_DECLARE_CLASS(measure);      /* 5 kg, 60 mph, 20°C */
NR_DECLARE_CLASS(fraction);     /* 1/3, 4 1/2, ½ */
NR_DECLARE_CLASS(code);         /* Boeing 747-400, i9-14900K, No. 22-451 */
NR_DECLARE_CLASS(year_range);   /* 384-322 BCE, c. 980-1037 */
NR_DECLARE_CLASS(telephone);    /* 555-1234, (555) 123-4567, call 911 */
NR_DECLARE_CLASS(range);        /* 5-10, 2010-2015, 1938 - 1981, 25-8-4 */
NR_DECLARE_CLASS(number);       /* 1,200 2.5 -3 45% 1st, years, 1990s */
NR_DECLARE_CLASS(roman);        /* World War II, Henry VIII */
NR_DECLARE_CLASS(letters);      /* BSI, 5G, WSJ's */
NR_DECLARE_CLASS(symbol);       /* & + = ± × */

/* Classes read alone: SSML say-as (date, time), inside other readings (letters, fraction). */
size_t nr_verbalize_date(const nr_ctx *c, size_t i, nr_buf *out);
size_t nr_verbalize_time(const nr_ctx *c, size_t i, nr_buf *out);
size_t nr_verbalize_letters(const nr_ctx *c, size_t i, nr_buf *out);
size_t nr_verbalize_fraction(const nr_ctx *c, size_t i, nr_buf *out);

#endif
