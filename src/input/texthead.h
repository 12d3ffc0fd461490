/*
 * texthead.h — the head of a plain-text article, where scraped text says the headline
 * twice: once after the site's breadcrumb ("Home > News > Harbor City Approves Tidal Power
 * Plan", its links in between) and once on its own line. A listener should hear the
 * headline once and no breadcrumb.
 *
 * Paragraphs pass through one by one. Within the first few, a short paragraph that could
 * be a headline (no sentence end) is held until the next arrives: if the next one is the
 * same text, or the held one ends with it after nothing but breadcrumb words (capitalized
 * words, links, ">" "/" "|" "»" separators), only the next is read. Everything else passes
 * unchanged and in order. Pure: paragraphs in, paragraphs out.
 */
#ifndef NR_TEXTHEAD_H
#define NR_TEXTHEAD_H
#include <stddef.h>
#include "util/buf.h"

typedef struct {
    nr_buf held;            /* a paragraph that may be a breadcrumb and headline */
    int holding;
    int seen;               /* paragraphs of this document so far */
} nr_texthead;

/* Where the paragraphs to read go; nonzero stops and is returned. */
typedef int (*nr_paragraph_fn)(const char *text, size_t len, void *user);

/* One paragraph of the document. Returns 0, fn's nonzero result, or -1 out of memory. */
int nr_texthead_paragraph(nr_texthead *h, const char *text, size_t len, nr_paragraph_fn fn, void *user);
/* The document ends: hands on what is held, and starts afresh for the next document. */
int nr_texthead_end(nr_texthead *h, nr_paragraph_fn fn, void *user);
/* Drops what is held (a reset) and starts afresh. */
void nr_texthead_reset(nr_texthead *h);
void nr_texthead_free(nr_texthead *h);

#endif
