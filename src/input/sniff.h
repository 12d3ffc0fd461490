/*
 * sniff.h — what an input's first bytes are: text (UTF-8 or any 8-bit encoding), UTF-16,
 * or binary data nobody should hear read aloud (a program, an image, an archive).
 * Pure: bytes in, a verdict out.
 */
#ifndef NR_SNIFF_H
#define NR_SNIFF_H
#include <stddef.h>

typedef enum {
    NR_BYTES_UNDECIDED,     /* too few bytes to tell yet (only when more may come) */
    NR_BYTES_TEXT,          /* UTF-8, ASCII, or an 8-bit encoding: the front end copes */
    NR_BYTES_UTF16LE,
    NR_BYTES_UTF16BE,
    NR_BYTES_BINARY
} nr_bytes_kind;

/* How many bytes are enough to decide (nr_sniff_bytes looks at no more than these). */
#define NR_SNIFF_ENOUGH 512

/* The verdict on the first n bytes of an input; `at_end`: no more bytes will come, so
 * decide with what there is. A byte-order mark decides at once, and so does a start
 * without control bytes (text); a start with some (binary? UTF-16?) waits for
 * NR_SNIFF_ENOUGH bytes. */
nr_bytes_kind nr_sniff_bytes(const char *s, size_t n, int at_end);

/* How long the byte-order mark at the start of s is (0 if none) for kind. */
size_t nr_sniff_bom_length(const char *s, size_t n, nr_bytes_kind kind);

#endif
