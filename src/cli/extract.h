/*
 * extract.h — `narrator extract`: the document model of the input as text (extract.c).
 */
#ifndef NR_CLI_EXTRACT_H
#define NR_CLI_EXTRACT_H
#include "narrator.h"

/* Prints the model on standard output: the title, byline and date (one line each, when
 * known), then the blocks, blank-line separated: "# " (one '#' a level) before a heading,
 * "- " before a list item, "> " before a quote. Input that has no model (plain text, SSML)
 * prints its paragraphs as the front end found them. */
narrator_status nr_cli_extract_to_stdout(narrator *n);

#endif
