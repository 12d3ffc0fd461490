/*
 * paragraph.h — where a paragraph ends in a stream of text, so the engine can hand the
 * front end whole paragraphs while reading input in any pieces.
 */
#ifndef NR_PARAGRAPH_H
#define NR_PARAGRAPH_H
#include <stddef.h>

/*
 * Looks for the end of the first paragraph in text[0..len), scanning from `from` (bytes
 * before it were already scanned without success). Paragraphs end at a blank line, or at
 * every newline when `lines` is set. Returns the paragraph's length and sets *next to where
 * the following text starts; returns (size_t)-1 when no end is in sight yet, with *next
 * set to where the next call may resume scanning.
 * A paragraph that ends in a dangling combining mark (a scraper's broken "&#8211;") is
 * kept together with the next one, whose start holds the rest of the broken reference.
 */
size_t nr_paragraph_end(const char *text, size_t len, size_t from, int lines, size_t *next);

#endif
