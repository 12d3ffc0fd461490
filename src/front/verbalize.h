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

/* The classes, one file each, in the order they are asked. */
size_t nr_verbalize_date(const nr_ctx *c, size_t i, nr_buf *out);       /* Jan. 5, 2019; 2019-01-05; 12/25/2020 */
size_t nr_verbalize_time(const nr_ctx *c, size_t i, nr_buf *out);       /* 3:30 p.m.; 15:00; 9am-5pm */
size_t nr_verbalize_abbrev(const nr_ctx *c, size_t i, nr_buf *out);     /* Mr. St. No. (lexicon, by context) */
size_t nr_verbalize_electronic(const nr_ctx *c, size_t i, nr_buf *out); /* e-mail, URLs, domains, @handles, #tags */
size_t nr_verbalize_address(const nr_ctx *c, size_t i, nr_buf *out);    /* 123 Main St, CA 95051 */
size_t nr_verbalize_money(const nr_ctx *c, size_t i, nr_buf *out);      /* $5.3 billion, EUR 20 */
size_t nr_verbalize_measure(const nr_ctx *c, size_t i, nr_buf *out);    /* 5 kg, 60 mph, 20°C */
size_t nr_verbalize_fraction(const nr_ctx *c, size_t i, nr_buf *out);   /* 1/3, 4 1/2, ½ */
size_t nr_verbalize_number(const nr_ctx *c, size_t i, nr_buf *out);     /* 1,200 2.5 -3 45% 1st, years, phones */
size_t nr_verbalize_roman(const nr_ctx *c, size_t i, nr_buf *out);      /* World War II, Henry VIII */
size_t nr_verbalize_letters(const nr_ctx *c, size_t i, nr_buf *out);    /* BSI, 5G, WSJ's */
size_t nr_verbalize_symbol(const nr_ctx *c, size_t i, nr_buf *out);     /* & + = ± × */
size_t nr_verbalize_word(const nr_ctx *c, size_t i, nr_buf *out);       /* respellings, plain words */

#endif
