/*
 * document.h — the one document model every input format produces (HTML today; Markdown,
 * EPUB and plain text later): the metadata a listener hears first (title, byline, date,
 * site name, language) and the blocks to read in order, each with its text (UTF-8, blanks
 * folded to single spaces, no newline) and its source span, the byte offsets in the input
 * it came from. It is narrator_document (src/narrator.h) with owned strings, so the
 * engine hands it to the host as it is.
 */
#ifndef NR_DOCUMENT_H
#define NR_DOCUMENT_H
#include "narrator.h"
#include <stddef.h>

typedef struct {
    narrator_document d;        /* what the host sees; its strings are owned here */
    size_t cap;                 /* room in d.blocks */
    int oom;                    /* an add failed for memory: the model is incomplete */
} nr_document;

/* A metadata field: which one of the model's strings. */
typedef enum { NR_DOC_TITLE, NR_DOC_BYLINE, NR_DOC_DATE, NR_DOC_SITE, NR_DOC_LANGUAGE } nr_doc_field;

void nr_document_init(nr_document *doc);
void nr_document_free(nr_document *doc);
/* Sets a field to text (blanks folded, trimmed) unless it is set already or the text is
 * blank; `replace`: set it even if it was. 0 ok, -1 out of memory (oom set). */
int nr_document_set(nr_document *doc, nr_doc_field field, const char *text, size_t len, int replace);
const char *nr_document_get(const nr_document *doc, nr_doc_field field);
/* Appends a block of text (blanks folded; a blank text adds nothing). 0 ok, -1 out of memory. */
int nr_document_add(nr_document *doc, narrator_block_kind kind, int level, const char *text, size_t len,
                    size_t src_start, size_t src_end);
/* Text with every run of blanks (ASCII and no-break space) as one space, trimmed: a copy
 * (NUL-terminated, its length in *out_len) or NULL when memory ran out. */
char *nr_document_fold(const char *text, size_t len, size_t *out_len);

#endif
