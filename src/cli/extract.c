/*
 * extract.c — `narrator extract`: what narrator found in a page, before any of it is
 * said. It shows the document model (narrator_on_document) so that a user can see why a
 * paragraph is read or left out, and a test can check the article without sound.
 */
#include "cli/extract.h"
#include <stdio.h>
#include <strings.h>

typedef struct {
    int documents;          /* models printed: chunks of a model's text are not printed again */
    int need_space, need_blank;
} extract_printer;

static void put_line(extract_printer *p, const char *prefix, const char *text)
{
    if (p->need_blank) putchar('\n');
    printf("%s%s\n", prefix, text);
    p->need_blank = 1;
}

static int print_document(const narrator_document *d, void *user)
{
    extract_printer *p = user;
    p->documents++;
    if (d->title) put_line(p, "", d->title);
    if (d->byline) put_line(p, strncasecmp(d->byline, "by ", 3) ? "By " : "", d->byline);
    if (d->date) put_line(p, "", d->date);
    static const char hashes[] = "######";
    for (size_t i = 0; i < d->n_blocks; i++) {
        const narrator_block *b = &d->blocks[i];
        int level = b->level < 1 ? 1 : b->level > 6 ? 6 : b->level;
        char prefix[8];
        if (b->kind == NARRATOR_BLOCK_HEADING) snprintf(prefix, sizeof prefix, "%s ", hashes + 6 - level);
        else snprintf(prefix, sizeof prefix, "%s", b->kind == NARRATOR_BLOCK_LIST_ITEM ? "- " : b->kind == NARRATOR_BLOCK_QUOTE ? "> " : "");
        put_line(p, prefix, b->text);
    }
    return 0;
}

/* Input without a model: its paragraphs, from the chunks' source text. */
static int print_chunk(const narrator_chunk *c, void *user)
{
    extract_printer *p = user;
    if (p->documents) return 0;
    if (!p->need_space && p->need_blank) putchar('\n');
    if (p->need_space) putchar(' ');
    fwrite(c->text, 1, c->text_len, stdout);
    p->need_space = 1;
    if (c->end == NARRATOR_END_PARAGRAPH) {
        putchar('\n');
        p->need_space = 0;
        p->need_blank = 1;
    }
    return 0;
}

narrator_status nr_cli_extract_to_stdout(narrator *n)
{
    static extract_printer printer;
    narrator_status st = narrator_on_document(n, print_document, &printer);
    return st ? st : narrator_on_chunk(n, print_chunk, &printer);
}
