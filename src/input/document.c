/*
 * document.c — building the document model (see document.h). Texts are folded as they
 * come in, so every reader of the model (the engine, `narrator extract`) gets blocks that
 * are one line each and never blank.
 */
#include "input/document.h"
#include <stdlib.h>
#include <string.h>

void nr_document_init(nr_document *doc) { memset(doc, 0, sizeof *doc); }

static const char **field_slot(nr_document *doc, nr_doc_field f)
{
    switch (f) {
    case NR_DOC_TITLE: return &doc->d.title;
    case NR_DOC_BYLINE: return &doc->d.byline;
    case NR_DOC_DATE: return &doc->d.date;
    case NR_DOC_SITE: return &doc->d.site_name;
    case NR_DOC_LANGUAGE: return &doc->d.language;
    }
    return &doc->d.title;
}

void nr_document_free(nr_document *doc)
{
    for (nr_doc_field f = NR_DOC_TITLE; f <= NR_DOC_LANGUAGE; f++) free((char *)*field_slot(doc, f));
    for (size_t i = 0; i < doc->d.n_blocks; i++) free((char *)doc->d.blocks[i].text);
    free((void *)doc->d.blocks);
    nr_document_init(doc);
}

/* A blank: ASCII white space or U+00A0 (no-break space, two bytes in UTF-8). */
static size_t blank_at(const char *s, size_t i, size_t len)
{
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) return 2;
    return 0;
}

char *nr_document_fold(const char *text, size_t len, size_t *out_len)
{
    char *out = malloc(len + 1);
    if (!out) return NULL;
    size_t n = 0;
    int space = 0;
    for (size_t i = 0; i < len;) {
        size_t b = blank_at(text, i, len);
        if (b) { space = n > 0; i += b; continue; }
        if (space) out[n++] = ' ';
        space = 0;
        out[n++] = text[i++];
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

int nr_document_set(nr_document *doc, nr_doc_field field, const char *text, size_t len, int replace)
{
    const char **slot = field_slot(doc, field);
    if (*slot && !replace) return 0;
    size_t n;
    char *s = nr_document_fold(text, len, &n);
    if (!s) { doc->oom = 1; return -1; }
    if (!n) { free(s); return 0; }
    free((char *)*slot);
    *slot = s;
    return 0;
}

const char *nr_document_get(const nr_document *doc, nr_doc_field field)
{
    return *field_slot((nr_document *)doc, field);
}

int nr_document_add(nr_document *doc, narrator_block_kind kind, int level, const char *text, size_t len,
                    size_t src_start, size_t src_end)
{
    size_t n;
    char *s = nr_document_fold(text, len, &n);
    if (!s) { doc->oom = 1; return -1; }
    if (!n) { free(s); return 0; }
    if (doc->d.n_blocks == doc->cap) {
        size_t cap = doc->cap ? doc->cap * 2 : 16;
        narrator_block *b = realloc((void *)doc->d.blocks, cap * sizeof *b);
        if (!b) { free(s); doc->oom = 1; return -1; }
        doc->d.blocks = b;
        doc->cap = cap;
    }
    ((narrator_block *)doc->d.blocks)[doc->d.n_blocks++] = (narrator_block){ kind, level, s, n, src_start, src_end };
    return 0;
}
