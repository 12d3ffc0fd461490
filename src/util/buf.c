/* buf.c — growable byte string (see buf.h). */
#include "util/buf.h"
#include <stdlib.h>
#include <string.h>

static int reserve(nr_buf *b, size_t extra)
{
    if (b->oom) return 0;
    if (b->len + extra + 1 <= b->cap) return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) { b->oom = 1; return 0; }
        cap *= 2;
    }
    char *s = realloc(b->s, cap);
    if (!s) { b->oom = 1; return 0; }
    b->s = s;
    b->cap = cap;
    return 1;
}

char *nr_buf_room(nr_buf *b, size_t n)
{
    return reserve(b, n) ? b->s + b->len : NULL;
}

void nr_buf_put(nr_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n)) return;
    if (n) memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void nr_buf_puts(nr_buf *b, const char *s) { nr_buf_put(b, s, strlen(s)); }

void nr_buf_putc(nr_buf *b, char c)
{
    if (!reserve(b, 1)) return;
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}

void nr_buf_wordn(nr_buf *b, const char *w, size_t n)
{
    if (!n) return;
    size_t space = b->len && b->s[b->len - 1] != ' ';
    if (!reserve(b, space + n)) return;
    if (space) b->s[b->len++] = ' ';
    memcpy(b->s + b->len, w, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void nr_buf_word(nr_buf *b, const char *w) { nr_buf_wordn(b, w, strlen(w)); }

void nr_buf_trim(nr_buf *b)
{
    while (b->len && b->s[b->len - 1] == ' ') b->len--;
    if (b->s) b->s[b->len] = '\0';
}

void nr_buf_truncate(nr_buf *b, size_t len)
{
    if (b->s && len <= b->len) { b->len = len; b->s[len] = '\0'; }
}

void nr_buf_clear(nr_buf *b)
{
    b->len = 0;
    b->oom = 0;
    if (b->s) b->s[0] = '\0';
}

void nr_buf_free(nr_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

const char *nr_buf_str(const nr_buf *b) { return b->s ? b->s : ""; }
