/*
 * spell.h — text letter by letter: what a screen reader's spelling mode and SSML's
 * say-as "characters" read.
 */
#ifndef NR_SPELL_H
#define NR_SPELL_H
#include <stddef.h>
#include "util/buf.h"

/* Appends text[0..len) as one word per character: letters by name (as the letter
 * verbalizer writes them), digits as digit words, anything else as itself. */
void nr_spell(nr_buf *out, const char *text, size_t len);

#endif
