/*
 * markers.h — SSML inline elements (mark, prosody, emphasis, break, phoneme) carried
 * through the front end as private-use code points, so that a sentence with a mark inside
 * stays one sentence with one intonation.
 *
 * The front end takes markers out before tokenizing (they are zero-width: no rule sees
 * them), puts each back into the say text in front of the token it stood before, and ends
 * a sentence wherever a sentence marker stood. What a marker means is the engine's
 * business (input/markup.h); the front end only keeps its place.
 */
#ifndef NR_MARKERS_H
#define NR_MARKERS_H
#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"
#include "util/marker.h"
#include "front/token.h"

typedef struct {
    size_t pos;         /* byte offset in the text without markers */
    uint32_t cp;
} nr_marker;

typedef struct {
    nr_marker *m;
    size_t n, cap;
    size_t next;        /* the first marker not yet put into say */
    int oom;
} nr_markers;

/* 1 if the paragraph text is SSML: it opens with NR_MARKER_SSML (after blanks). Markers
 * count only there; plain text keeps any such code point as it is. */
int nr_markers_ssml(const char *text, size_t len);
/* Copies text to out without its markers and lists them (replacing the list). */
void nr_markers_take(nr_markers *mk, nr_buf *out, const char *text, size_t len);
/* Ends a sentence after the last token before each sentence marker. */
void nr_markers_end_sentences(const nr_markers *mk, nr_tokens *t);
/* Appends to say the markers not put yet that stand at or before byte pos. */
void nr_markers_put(nr_markers *mk, size_t pos, nr_buf *say);
void nr_markers_free(nr_markers *mk);

#endif
