/*
 * front.h — the front end as one call per paragraph:
 *   clean -> junk (article mode) -> tokenize -> segment -> verbalize -> chunk.
 * Pure: no I/O, no globals, no eSpeak. The engine feeds it paragraphs; the tests feed it
 * table rows.
 */
#ifndef NR_FRONT_H
#define NR_FRONT_H
#include <stddef.h>
#include "narrator.h"
#include "util/buf.h"
#include "front/lexicon.h"

typedef struct {
    const nr_lexicon *lex;
    int pause_ms[3];                 /* after a clause, a sentence, a paragraph */
    int remove_junk;                 /* article mode: drop scraper junk */
    const char *const *boilerplate;  /* whole-line junk phrases ("Source link"), NULL-terminated */
} nr_front_config;

typedef struct nr_front nr_front;

nr_front *nr_front_new(const nr_front_config *cfg);
void nr_front_free(nr_front *f);
/* Runs one paragraph, calling fn for each chunk in order. Returns 0, fn's nonzero
 * return value, or -1 when memory ran out. */
int nr_front_paragraph(nr_front *f, const char *text, size_t len, narrator_chunk_fn fn, void *user);
/* What `narrator normalize --lines` prints for one line: the chunks' say texts joined by
 * single spaces, appended to out. Returns 0 or -1 (out of memory). */
int nr_front_say(nr_front *f, const char *text, size_t len, nr_buf *out);

#endif
