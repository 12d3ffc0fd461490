/*
 * text.h — the text subcommands of the command line (text.c): normalize and plan.
 */
#ifndef NR_CLI_TEXT_H
#define NR_CLI_TEXT_H
#include <stdio.h>
#include "narrator.h"

/* normalize: the say text of every chunk on standard output, a line per paragraph. */
narrator_status nr_cli_normalize_to_stdout(narrator *n);
/* normalize --lines: reads in line by line and prints exactly one line for each, whatever
 * the bytes (each line is a document of its own). */
narrator_status nr_cli_normalize_lines(narrator *n, FILE *in);
/* plan: every chunk as one JSON line {"text", "say", "pause_ms", "end"}. */
narrator_status nr_cli_plan_to_stdout(narrator *n);

#endif
