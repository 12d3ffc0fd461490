/*
 * numbers.h — English number words, the shared vocabulary of the verbalizers.
 * Inputs are plain ASCII digit strings (no separators, no sign); words are appended
 * to `out` with nr_buf_word spacing, lower case, no hyphens ("twenty one").
 */
#ifndef NR_NUMBERS_H
#define NR_NUMBERS_H
#include <stddef.h>
#include "front/buf.h"

void nr_say_cardinal(nr_buf *out, const char *digits, size_t n);  /* 1200 -> one thousand two hundred */
void nr_say_ordinal(nr_buf *out, const char *digits, size_t n);   /* 22 -> twenty second */
void nr_say_year(nr_buf *out, const char *digits, size_t n);      /* 2019 -> twenty nineteen, 1905 -> nineteen oh five */
void nr_say_digits(nr_buf *out, const char *digits, size_t n);    /* 007 -> zero zero seven */

#endif
