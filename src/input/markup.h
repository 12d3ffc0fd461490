/*
 * markup.h — the SSML inline elements of a text, as a table the markers in the front
 * end's say texts point into (util/marker.h), and the rewriting of a chunk's say text
 * into what eSpeak NG gets: its own SSML, with marks, prosody, emphasis, breaks and
 * [[phonemes]] in place.
 */
#ifndef NR_MARKUP_H
#define NR_MARKUP_H
#include <stddef.h>
#include "util/buf.h"

/* The longest SSML break (a longer one is malformed SSML), and the most silence the breaks
 * after a chunk's last word add to its pause: several long breaks in a row are legal, and
 * their sum is cut to this rather than grow past what an int holds. */
#define NR_BREAK_MAX_MS 60000
#define NR_TRAILING_BREAKS_MAX_MS (10 * NR_BREAK_MAX_MS)

typedef enum {
    NR_ITEM_MARK,       /* text: the mark's name */
    NR_ITEM_BREAK,      /* ms: the pause */
    NR_ITEM_PHONEME,    /* text: eSpeak NG phoneme mnemonics */
    NR_ITEM_OPEN,       /* text: element name ("prosody", "emphasis"); attrs: ' rate="80%"' */
    NR_ITEM_CLOSE       /* closes the innermost open one */
} nr_item_kind;

typedef struct {
    nr_item_kind kind;
    char *text, *attrs;
    int ms;
} nr_item;

typedef struct {
    nr_item *items;
    size_t n, cap;
    size_t *open;       /* items open at the end of the last chunk rewritten */
    size_t n_open, cap_open;
} nr_markup;

/* Adds an item and appends its marker to out. 0 ok, -1 out of memory or table full. */
int nr_markup_add(nr_markup *m, nr_item_kind kind, const char *text, const char *attrs, int ms, nr_buf *out);
/* Forgets every item (a new document). */
void nr_markup_clear(nr_markup *m);
void nr_markup_free(nr_markup *m);

/* A chunk's say text rewritten. */
typedef struct {
    nr_buf shown;       /* the say text without markers (phonemes as [[...]]): for the listener */
    nr_buf espeak;      /* eSpeak NG SSML */
    size_t *marks;      /* the chunk's mark items, in order */
    size_t n_marks, cap_marks;
    int extra_pause_ms; /* breaks after the last word: silence added to the chunk's pause
                         * (at most NR_TRAILING_BREAKS_MAX_MS) */
    int oom;
} nr_markup_chunk;

/* Rewrites say[0..len). Returns 1 when it held markers (out is filled), 0 when it held
 * none (out is untouched: speak it as it is), -1 when memory ran out. */
int nr_markup_rewrite(nr_markup *m, const char *say, size_t len, nr_markup_chunk *out);
/* The mark item k's name. */
const char *nr_markup_mark_name(const nr_markup *m, size_t k);
void nr_markup_chunk_free(nr_markup_chunk *c);

#endif
