/*
 * html.h — a saved web page to the document model (document.h): the article alone, the
 * way a reader view finds it, and its metadata.
 *
 * Left out, because a listener does not want them read: scripts, styles, navigation,
 * page headers and footers, asides, forms, hidden elements, and the blocks around the
 * article (share bars, comments, "related" lists, newsletter boxes, ads), which are found
 * by their scores (text, commas, link density, class and id hints), not by site. Images
 * have no text to read; their captions are read. Tables are read row by row (a row is one
 * paragraph, its cells in order), since a table inside an article is part of it; layout
 * tables around the article fall to the scores like any other block.
 */
#ifndef NR_HTML_H
#define NR_HTML_H
#include "input/document.h"
#include <stddef.h>

typedef enum { NR_HTML_OK = 0, NR_HTML_NOLIB, NR_HTML_NOMEM } nr_html_status;

/* Parses a whole page (libxml2's HTML parser, loaded at first use) and fills doc. encoding:
 * NULL to follow the page's own (<meta charset>, else UTF-8), or "UTF-8" for text that
 * was decoded already. On failure err says why. */
nr_html_status nr_html_extract(const char *page, size_t len, const char *encoding, nr_document *doc,
                               char *err, size_t errlen);

#endif
