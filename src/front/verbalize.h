/*
 * verbalize.h — tokens to words. Each semiotic class has its own small verbalizer
 * (see nr_verbalizer in token.h); nr_verbalize() asks them in turn and falls back to
 * the word as written. Order matters only where classes overlap (money before number).
 */
#ifndef NR_VERBALIZE_H
#define NR_VERBALIZE_H
#include "front/token.h"

/* Verbalizes token i (and maybe some following ones); returns the tokens consumed (>= 1). */
size_t nr_verbalize(const nr_ctx *c, size_t i, nr_buf *out);

/* The classes, one file each. */
size_t nr_verbalize_abbrev(const nr_ctx *c, size_t i, nr_buf *out);   /* verbalize_abbrev.c: Mr. St. No. */
size_t nr_verbalize_money(const nr_ctx *c, size_t i, nr_buf *out);    /* verbalize_money.c: $5.3 billion */
size_t nr_verbalize_number(const nr_ctx *c, size_t i, nr_buf *out);   /* verbalize_number.c: 1,200 2.5 -3 45% 1st, years */
size_t nr_verbalize_letters(const nr_ctx *c, size_t i, nr_buf *out);  /* verbalize_letters.c: BSI, 5G, WSJ's */
size_t nr_verbalize_word(const nr_ctx *c, size_t i, nr_buf *out);     /* verbalize.c: respellings, plain words */

#endif
