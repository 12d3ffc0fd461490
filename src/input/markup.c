/*
 * markup.c — SSML inline elements: the table and the rewriting of say texts (see markup.h).
 *
 * Each chunk is a separate espeak_Synth() call, so a prosody or emphasis span that goes on
 * past a chunk is closed at the chunk's end and opened again at the next one's start.
 */
#include "input/markup.h"
#include "util/marker.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An array with room for one more element (doubling), or -1 when memory ran out. */
static int reserve(void **array, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap) return 0;
    size_t bigger = *cap ? 2 * *cap : 16;
    void *a = realloc(*array, bigger * elem);
    if (!a) return -1;
    *array = a;
    *cap = bigger;
    return 0;
}

int nr_markup_add(nr_markup *m, nr_item_kind kind, const char *text, const char *attrs, int ms, nr_buf *out)
{
    if (m->n > NR_MARKER_LAST - NR_MARKER_FIRST) return -1;
    if (reserve((void **)&m->items, m->n, &m->cap, sizeof *m->items)) return -1;
    nr_item *it = &m->items[m->n];
    ms = ms < 0 ? 0 : ms > NR_BREAK_MAX_MS ? NR_BREAK_MAX_MS : ms;   /* keeps the sums below in range */
    *it = (nr_item){ kind, text ? strdup(text) : NULL, attrs ? strdup(attrs) : NULL, ms };
    if ((text && !it->text) || (attrs && !it->attrs)) { free(it->text); free(it->attrs); return -1; }
    nr_marker_write(out, NR_MARKER_FIRST + (uint32_t)m->n++);
    return out->oom ? -1 : 0;
}

void nr_markup_clear(nr_markup *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->items[i].text);
        free(m->items[i].attrs);
    }
    m->n = m->n_open = 0;
}

void nr_markup_free(nr_markup *m)
{
    nr_markup_clear(m);
    free(m->items);
    free(m->open);
    memset(m, 0, sizeof *m);
}

const char *nr_markup_mark_name(const nr_markup *m, size_t k)
{
    return k < m->n && m->items[k].kind == NR_ITEM_MARK ? m->items[k].text : "";
}

void nr_markup_chunk_free(nr_markup_chunk *c)
{
    nr_buf_free(&c->shown);
    nr_buf_free(&c->espeak);
    free(c->marks);
}

/* Text into eSpeak NG's SSML: markup characters escaped, and no "[[" that would start
 * phoneme input. */
static void escape(nr_buf *out, char ch)
{
    if (ch == '[' && out->len && out->s[out->len - 1] == '[') nr_buf_putc(out, ' ');
    if (ch == '&') nr_buf_puts(out, "&amp;");
    else if (ch == '<') nr_buf_puts(out, "&lt;");
    else if (ch == '>') nr_buf_puts(out, "&gt;");
    else nr_buf_putc(out, ch);
}

static void open_tag(nr_buf *out, const nr_item *it)
{
    nr_buf_putc(out, '<');
    nr_buf_puts(out, it->text);
    if (it->attrs) nr_buf_puts(out, it->attrs);
    nr_buf_putc(out, '>');
}

static void close_tag(nr_buf *out, const nr_item *it)
{
    nr_buf_puts(out, "</");
    nr_buf_puts(out, it->text);
    nr_buf_putc(out, '>');
}

/* The item a marker at s points to, or NULL (no marker, or one of no item). */
static const nr_item *item_at(const nr_markup *m, const char *s, size_t len, size_t *used, size_t *k)
{
    uint32_t cp;
    if (!(*used = nr_marker_at(s, len, &cp))) return NULL;
    *k = cp - NR_MARKER_FIRST;
    return cp >= NR_MARKER_FIRST && *k < m->n ? &m->items[*k] : NULL;
}

/* 1 if anything to be heard follows in say[0..len): a letter, a digit, a phoneme. */
static int speech_follows(const nr_markup *m, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t used, k;
        const nr_item *it = item_at(m, s + i, len - i, &used, &k);
        if (used) {
            if (it && it->kind == NR_ITEM_PHONEME) return 1;
            i += used;
            continue;
        }
        unsigned char c = (unsigned char)s[i++];
        if ((c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80) return 1;
    }
    return 0;
}

/* The listener's say text: spaces a marker left behind are not doubled. */
static void show(nr_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' && (!out->len || out->s[out->len - 1] == ' ')) continue;
        nr_buf_putc(out, s[i]);
    }
}

static void rewrite_item(nr_markup *m, const nr_item *it, size_t k, const char *rest, size_t rest_len, nr_markup_chunk *out)
{
    char tag[64];
    switch (it->kind) {
    case NR_ITEM_MARK:
        snprintf(tag, sizeof tag, "<mark name=\"%zu\"/>", k);
        nr_buf_puts(&out->espeak, tag);
        if (reserve((void **)&out->marks, out->n_marks, &out->cap_marks, sizeof *out->marks)) out->oom = 1;
        else out->marks[out->n_marks++] = k;
        break;
    case NR_ITEM_BREAK:
        /* eSpeak NG's trailing silence is cut (synth.h): a last break becomes our pause */
        if (!speech_follows(m, rest, rest_len)) {
            /* each break is at most NR_BREAK_MAX_MS, so this sum cannot overflow */
            out->extra_pause_ms += it->ms;
            if (out->extra_pause_ms > NR_TRAILING_BREAKS_MAX_MS) out->extra_pause_ms = NR_TRAILING_BREAKS_MAX_MS;
            break;
        }
        snprintf(tag, sizeof tag, "<break time=\"%dms\"/>", it->ms);
        nr_buf_puts(&out->espeak, tag);
        break;
    case NR_ITEM_PHONEME:
        nr_buf_puts(&out->espeak, " [[");
        for (const char *p = it->text; *p; p++) escape(&out->espeak, *p);
        nr_buf_puts(&out->espeak, "]] ");
        show(&out->shown, " [[", 3);
        nr_buf_puts(&out->shown, it->text);
        nr_buf_puts(&out->shown, "]]");
        break;
    case NR_ITEM_OPEN:
        open_tag(&out->espeak, it);
        if (reserve((void **)&m->open, m->n_open, &m->cap_open, sizeof *m->open)) out->oom = 1;
        else m->open[m->n_open++] = k;
        break;
    case NR_ITEM_CLOSE:
        if (m->n_open) close_tag(&out->espeak, &m->items[m->open[--m->n_open]]);
        break;
    }
}

int nr_markup_rewrite(nr_markup *m, const char *say, size_t len, nr_markup_chunk *out)
{
    if (!memchr(say, NR_MARKER_LEAD, len) && !m->n_open) return 0;
    nr_buf_clear(&out->shown);
    nr_buf_clear(&out->espeak);
    out->n_marks = 0;
    out->extra_pause_ms = 0;
    out->oom = 0;
    for (size_t i = 0; i < m->n_open; i++) open_tag(&out->espeak, &m->items[m->open[i]]);
    for (size_t i = 0; i < len;) {
        size_t used, k;
        const nr_item *it = item_at(m, say + i, len - i, &used, &k);
        if (!used) {
            escape(&out->espeak, say[i]);
            show(&out->shown, say + i, 1);
            i++;
            continue;
        }
        i += used;
        if (it) rewrite_item(m, it, k, say + i, len - i, out);
    }
    while (out->shown.len && out->shown.s[out->shown.len - 1] == ' ') out->shown.s[--out->shown.len] = '\0';
    for (size_t i = m->n_open; i > 0; i--) close_tag(&out->espeak, &m->items[m->open[i - 1]]);
    return out->oom || out->shown.oom || out->espeak.oom ? -1 : 1;
}
