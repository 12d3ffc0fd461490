/*
 * format.h — what kind of document a text is, from its first bytes: SSML, HTML (or XHTML),
 * or plain text. Pure: bytes in, a verdict out. The engine asks once per document (at the
 * start, after a flush and after a reset) and holds the first bytes until it knows.
 */
#ifndef NR_FORMAT_H
#define NR_FORMAT_H
#include <stddef.h>

typedef enum {
    NR_FORMAT_UNDECIDED,    /* too few bytes to tell yet (only when more may come) */
    NR_FORMAT_TEXT,
    NR_FORMAT_HTML,
    NR_FORMAT_SSML
} nr_format;

/* How many bytes are enough to decide (nr_format_detect looks at no more than these). */
#define NR_FORMAT_ENOUGH 512

/* The verdict on the first n bytes of a text; `at_end`: no more will come.
 * SSML: the first non-blank characters are "<speak", or "<?xml" not followed by an HTML
 * start (as before HTML was known). HTML: a doctype "<!DOCTYPE html", "<html", "<head" or
 * "<body" first (after blanks, comments and an XML declaration), or a start that is
 * mostly tags (at least 8 tags, and more bytes of tags than of text, in the first
 * NR_FORMAT_ENOUGH bytes). Anything else is text. */
nr_format nr_format_detect(const char *s, size_t n, int at_end);

#endif
