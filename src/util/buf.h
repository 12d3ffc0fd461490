/*
 * buf.h — a growable byte string, the one buffer type of the front end.
 * Appends never fail loudly: on out-of-memory the buffer sets `oom` and keeps what it
 * had, so long pipelines check once at the end instead of after every append.
 */
#ifndef NR_BUF_H
#define NR_BUF_H
#include <stddef.h>

typedef struct {
    char *s;        /* always NUL-terminated when len > 0 or after any append */
    size_t len;
    size_t cap;
    int oom;
} nr_buf;

void nr_buf_put(nr_buf *b, const char *s, size_t n);
/* Room for n more bytes at the end (b->len grows only when the caller adds them), or NULL
 * when memory ran out (oom set): for reading straight into the buffer. */
char *nr_buf_room(nr_buf *b, size_t n);
void nr_buf_puts(nr_buf *b, const char *s);
void nr_buf_putc(nr_buf *b, char c);
/* Appends a word, with one space before it unless the buffer is empty or ends in a space. */
void nr_buf_word(nr_buf *b, const char *w);
void nr_buf_wordn(nr_buf *b, const char *w, size_t n);
/* Cuts the buffer back to `len` bytes, dropping what was appended since a mark (a reading
 * that turned out not to fit); nothing when the buffer is shorter already. */
void nr_buf_truncate(nr_buf *b, size_t len);
/* Removes trailing spaces. */
void nr_buf_trim(nr_buf *b);
void nr_buf_clear(nr_buf *b);
void nr_buf_free(nr_buf *b);
/* The contents as a C string ("" for an empty buffer). */
const char *nr_buf_str(const nr_buf *b);

#endif
