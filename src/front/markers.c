/* markers.c — SSML inline elements through the front end (see markers.h). */
#include "front/markers.h"
#include <stdlib.h>
#include <string.h>

int nr_markers_ssml(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) i++;
    uint32_t cp;
    return nr_marker_at(text + i, len - i, &cp) && cp == NR_MARKER_SSML;
}

void nr_markers_take(nr_markers *mk, nr_buf *out, const char *text, size_t len)
{
    mk->n = mk->next = 0;
    mk->oom = 0;
    size_t from = 0;
    for (const char *p = text; (p = memchr(p, NR_MARKER_LEAD, len - (size_t)(p - text)));) {
        size_t at = (size_t)(p - text);
        uint32_t cp;
        if (!nr_marker_at(p, len - at, &cp)) { p++; continue; }
        nr_buf_put(out, text + from, at - from);
        if (mk->n == mk->cap) {
            size_t cap = mk->cap ? 2 * mk->cap : 16;
            nr_marker *m = realloc(mk->m, cap * sizeof *m);
            if (!m) { mk->oom = 1; return; }
            mk->m = m;
            mk->cap = cap;
        }
        mk->m[mk->n++] = (nr_marker){ out->len, cp };
        from = at + NR_MARKER_LEN;
        /* "said <mark/> it": one space is left, not two */
        if (from < len && text[from] == ' ' && out->len && out->s[out->len - 1] == ' ') from++;
        p = text + from;
    }
    nr_buf_put(out, text + from, len - from);
}

void nr_markers_end_sentences(const nr_markers *mk, nr_tokens *t)
{
    size_t k = 0;       /* tokens before k start before the marker */
    for (size_t i = 0; i < mk->n; i++) {
        if (mk->m[i].cp != NR_MARKER_SENTENCE) continue;
        while (k < t->n && t->tok[k].start < mk->m[i].pos) k++;
        if (k == 0) continue;
        nr_token *end = &t->tok[k - 1];
        end->brk = NR_BRK_SENTENCE;
        if (!end->end_mark) end->end_mark = '.';
    }
}

void nr_markers_put(nr_markers *mk, size_t pos, nr_buf *say)
{
    for (; mk->next < mk->n && mk->m[mk->next].pos <= pos; mk->next++)
        if (mk->m[mk->next].cp >= NR_MARKER_FIRST) nr_marker_write(say, mk->m[mk->next].cp);
}

void nr_markers_free(nr_markers *mk)
{
    free(mk->m);
    mk->m = NULL;
    mk->n = mk->cap = mk->next = 0;
}
