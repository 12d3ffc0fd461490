/*
 * sayas.h — SSML <say-as>: a text read as the kind the author names, by the front end's
 * own verbalizers.
 */
#ifndef NR_SAYAS_H
#define NR_SAYAS_H
#include <stddef.h>
#include "util/buf.h"
#include "front/lexicon.h"

/* 1 if interpret_as is a kind nr_sayas reads: characters, spell-out, cardinal, number,
 * ordinal, digits, date, time, telephone. */
int nr_sayas_known(const char *interpret_as);
/* Appends the words for text read as interpret_as (format: a date's field order such as
 * "dmy", or NULL). Text that is not of that kind is read as the front end reads any text. */
void nr_sayas(const nr_lexicon *lex, const char *interpret_as, const char *format,
              const char *text, size_t len, nr_buf *out);

#endif
