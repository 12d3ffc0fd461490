/*
 * ssml.h — SSML in, text for the front end out: the words with whitespace collapsed,
 * paragraph ends as blank lines, and the inline elements as markers into a markup table
 * (markup.h, util/marker.h). libxml2's push parser reads the SSML as it arrives, in
 * any pieces; libxml2 is loaded at the first SSML document (dynlib.h).
 */
#ifndef NR_SSML_H
#define NR_SSML_H
#include <stddef.h>
#include "util/buf.h"
#include "input/markup.h"

typedef struct nr_ssml nr_ssml;

/* How <say-as> is read: by the front end's verbalizers, handed in by the engine so that the
 * input layer needs nothing above it. known: 1 if the kind (interpret-as) is one say reads;
 * say: appends the words for text read as that kind (format: e.g. a date's field order, or
 * NULL); ctx: say's first argument. */
typedef struct {
    int (*known)(const char *interpret_as);
    void (*say)(const void *ctx, const char *interpret_as, const char *format,
                const char *text, size_t len, nr_buf *out);
    const void *ctx;
} nr_sayas_reader;

/* A parser for one document into *out. pause_ms: the voice's pauses after a clause, a
 * sentence and a paragraph (break strengths are measured in them); sayas: how say-as is read
 * (NULL: its text is read as it is). 0 ok; with err set and *out NULL, -1 when libxml2 is
 * missing, -2 out of memory. */
int nr_ssml_new(nr_ssml **out, const int pause_ms[3], const nr_sayas_reader *sayas, nr_markup *markup,
                char *err, size_t errlen);
/* Parses the next piece of one document (end: the document must be complete now),
 * appending text for the front end to out. 0 ok; -1 malformed, with "LINE:COLUMN: why"
 * in err; -2 out of memory. After a failure every call fails the same way. */
int nr_ssml_feed(nr_ssml *x, const char *s, size_t len, int end, nr_buf *out, char *err, size_t errlen);
void nr_ssml_free(nr_ssml *x);

#endif
