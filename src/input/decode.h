/*
 * decode.h — an input's bytes in another encoding turned into UTF-8 as they stream in
 * (iconv from the C library), for the encodings sniff.h recognizes: UTF-16 LE and BE.
 */
#ifndef NR_DECODE_H
#define NR_DECODE_H
#include "util/buf.h"
#include "input/sniff.h"

typedef struct nr_decoder nr_decoder;

/* A decoder from `kind` (NR_BYTES_UTF16LE or _BE); NULL when out of memory or the C
 * library has no such converter. */
nr_decoder *nr_decoder_new(nr_bytes_kind kind);
/* Appends the UTF-8 for n more bytes to out. A character split between two calls is
 * completed by the next; `end`: the input is over (a dangling half becomes U+FFFD).
 * Invalid sequences (a lone surrogate) become U+FFFD. 0 ok, -1 out of memory. */
int nr_decoder_feed(nr_decoder *d, const char *in, size_t n, int end, nr_buf *out);
void nr_decoder_free(nr_decoder *d);

#endif
