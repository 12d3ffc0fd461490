/*
 * marker.h — how an SSML inline element (mark, prosody, emphasis, break, phoneme) is
 * written into text: one private-use code point, so that the input layer can leave it where
 * it stood and the front end carry it through a sentence untouched (front/markers.h).
 */
#ifndef NR_MARKER_H
#define NR_MARKER_H
#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"

#define NR_MARKER_SSML     0xF0000u    /* opens every SSML paragraph: authored, no scraper junk */
#define NR_MARKER_SENTENCE 0xF0001u    /* a sentence ends here (SSML <s>) */
#define NR_MARKER_FIRST    0xF0002u    /* item k of the engine's table is NR_MARKER_FIRST + k;
                                          the two above are the front end's and never in say */
#define NR_MARKER_LAST     0xFFFFDu
#define NR_MARKER_LEAD     0xF3        /* first UTF-8 byte of every marker */
#define NR_MARKER_LEN      4           /* UTF-8 bytes of a marker */

/* The marker at s (NR_MARKER_LEN bytes, code point in *cp), or 0 when s holds none. */
size_t nr_marker_at(const char *s, size_t len, uint32_t *cp);
void nr_marker_write(nr_buf *out, uint32_t cp);

#endif
