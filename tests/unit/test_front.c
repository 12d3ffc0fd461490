/* test_front.c — the front end's own stages by tables: paragraphs, sentences, chunks,
 * abbreviations in context, and the whole line as `narrator normalize --lines` says it. */
#include "harness.h"
#include "fixtures.h"
#include "front/front.h"
#include "front/paragraph.h"
#include "front/unglue.h"
#include "util/chars.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* util/chars.h, byte by byte against <ctype.h> in the "C" locale (the tests never set one):
 * the same classes for ASCII, none of them for the bytes of UTF-8 but the *_or_utf8 ones. */
NR_TEST(chars_classes)
{
    int wrong = 0;
    for (int b = 0; b < 256; b++) {
        char c = (char)b;
        int ascii = b < 0x80;
        wrong += nr_is_digit(c) != !!isdigit(b) || nr_is_upper(c) != !!isupper(b) || nr_is_lower(c) != !!islower(b);
        wrong += nr_is_alpha(c) != !!isalpha(b) || nr_is_alnum(c) != !!isalnum(b);
        wrong += nr_is_blank(c) != (b == ' ' || b == '\t' || b == '\n' || b == '\r');
        wrong += (unsigned char)nr_to_lower(c) != (ascii ? tolower(b) : b);
        wrong += (unsigned char)nr_to_upper(c) != (ascii ? toupper(b) : b);
        wrong += nr_is_ascii(c) != ascii || nr_is_utf8_byte(c) != !ascii;
        wrong += nr_is_alpha_or_utf8(c) != (isalpha(b) || !ascii) || nr_is_alnum_or_utf8(c) != (isalnum(b) || !ascii);
        CHECK(!wrong, "byte 0x%02x is in the right classes", (unsigned)b);
        if (wrong) break;
    }
}

static nr_front *front_for(int remove_junk)
{
    nr_lexicon *lex = test_news_lexicon();
    nr_front_config cfg = { lex, { 200, 500, 1000 }, remove_junk, nr_lex_boilerplate(lex) };
    return nr_front_new(&cfg);
}

/* ---- paragraphs: input -> paragraphs joined by " | " ---- */
static void paragraph_row(char **col, int n, const char *where, void *user)
{
    int lines = *(int *)user;
    if (!CHECK(n == 2, "%s: needs 2 columns", where)) return;
    const char *text = col[0];
    size_t len = strlen(text), start = 0, next, end;
    nr_buf got = { 0 };
    while ((end = nr_paragraph_end(text + start, len - start, 0, lines, &next)) != (size_t)-1) {
        if (got.len) nr_buf_puts(&got, " | ");
        nr_buf_put(&got, text + start, end);
        start += next;
    }
    if (start < len) {  /* the rest, as narrator_flush would take it */
        if (got.len) nr_buf_puts(&got, " | ");
        nr_buf_put(&got, text + start, len - start);
    }
    CHECK_STR(nr_buf_str(&got), col[1], "%s", where);
    nr_buf_free(&got);
}

NR_TEST(paragraph_table)
{
    int lines = 0;
    nr_table_each("tests/cases/paragraph.tsv", paragraph_row, &lines);
}

NR_TEST(paragraph_lines_mode)
{
    size_t next;
    CHECK(nr_paragraph_end("a\nb", 3, 0, 1, &next) == 1 && next == 2, "every newline ends a line");
    CHECK(nr_paragraph_end("a\n\nb", 4, 0, 1, &next) == 1 && next == 2, "an empty line is its own line");
    CHECK(nr_paragraph_end("abc", 3, 0, 1, &next) == (size_t)-1 && next == 3, "no end yet: resume at the end");
}

/* ---- unglue: input -> the text with glued words separated ---- */
static void unglue_row(char **col, int n, const char *where, void *user)
{
    (void)user;
    if (!CHECK(n == 2, "%s: needs 2 columns", where)) return;
    nr_buf got = { 0 };
    int changed = nr_unglue(&got, col[0], strlen(col[0]));
    CHECK_STR(changed ? nr_buf_str(&got) : col[0], col[1], "%s", where);
    CHECK(changed || strcmp(col[0], col[1]) == 0, "%s: a change it did not report", where);
    nr_buf_free(&got);
}

NR_TEST(unglue_table) { nr_table_each("tests/cases/unglue.tsv", unglue_row, NULL); }

/* ---- sentences: input -> source text of each sentence, joined by " | " ---- */
typedef struct { nr_buf out; int open; } collector;

static int collect_sentences(const narrator_chunk *c, void *user)
{
    collector *k = user;
    if (k->open) nr_buf_putc(&k->out, ' ');
    nr_buf_put(&k->out, c->text, c->text_len);
    k->open = 1;
    if (c->end != NARRATOR_END_CLAUSE) { nr_buf_puts(&k->out, " | "); k->open = 0; }
    return 0;
}

static int collect_says(const narrator_chunk *c, void *user)
{
    collector *k = user;
    if (k->out.len) nr_buf_puts(&k->out, " / ");
    nr_buf_put(&k->out, c->say, c->say_len);
    return 0;
}

static void run_rows(const char *table, narrator_chunk_fn fn, int trim_bar, int remove_junk);

typedef struct { narrator_chunk_fn fn; int trim_bar; nr_front *f; } row_ctx;

static void chunk_row(char **col, int n, const char *where, void *user)
{
    row_ctx *r = user;
    if (!CHECK(n == 2, "%s: needs 2 columns", where)) return;
    collector k = { { 0 }, 0 };
    CHECK(nr_front_paragraph(r->f, col[0], strlen(col[0]), r->fn, &k) == 0, "%s: front end failed", where);
    nr_buf_trim(&k.out);
    if (r->trim_bar && k.out.len >= 2 && !strcmp(k.out.s + k.out.len - 2, " |")) {
        k.out.len -= 2;
        k.out.s[k.out.len] = '\0';
    }
    CHECK_STR(nr_buf_str(&k.out), col[1], "%s", where);
    nr_buf_free(&k.out);
}

static void run_rows(const char *table, narrator_chunk_fn fn, int trim_bar, int remove_junk)
{
    row_ctx r = { fn, trim_bar, front_for(remove_junk) };
    nr_table_each(table, chunk_row, &r);
    nr_front_free(r.f);
}

NR_TEST(segment_table) { run_rows("tests/cases/segment.tsv", collect_sentences, 1, 0); }
NR_TEST(chunk_table) { run_rows("tests/cases/chunk.tsv", collect_says, 0, 0); }

/* ---- whole lines: input -> what normalize --lines prints ---- */
static void say_row(char **col, int n, const char *where, void *user)
{
    nr_front *f = user;
    if (!CHECK(n == 2, "%s: needs 2 columns", where)) return;
    nr_buf out = { 0 };
    CHECK(nr_front_say(f, col[0], strlen(col[0]), &out) == 0, "%s: front end failed", where);
    CHECK_STR(nr_buf_str(&out), col[1], "%s", where);
    nr_buf_free(&out);
}

NR_TEST(normalize_tables)
{
    nr_front *f = front_for(1);
    nr_table_dir("tests/cases/normalize", say_row, f);
    nr_front_free(f);
}

/* ---- pauses and levels ---- */
typedef struct { int pauses[8]; narrator_end ends[8]; int n; } levels;

static int collect_levels(const narrator_chunk *c, void *user)
{
    levels *l = user;
    if (l->n < 8) { l->pauses[l->n] = c->pause_ms; l->ends[l->n] = c->end; l->n++; }
    return 0;
}

NR_TEST(chunk_pauses)
{
    nr_front *f = front_for(0);
    levels l = { { 0 }, { 0 }, 0 };
    const char *p = "First, a clause. Then a sentence";
    nr_front_paragraph(f, p, strlen(p), collect_levels, &l);
    CHECK(l.n == 3, "three chunks, got %d", l.n);
    CHECK(l.pauses[0] == 200 && l.ends[0] == NARRATOR_END_CLAUSE, "clause pause 200, got %d", l.pauses[0]);
    CHECK(l.pauses[1] == 500 && l.ends[1] == NARRATOR_END_SENTENCE, "sentence pause 500, got %d", l.pauses[1]);
    CHECK(l.pauses[2] == 1000 && l.ends[2] == NARRATOR_END_PARAGRAPH, "paragraph pause 1000, got %d", l.pauses[2]);
    nr_front_free(f);
}

static int stop_at_first(const narrator_chunk *c, void *user)
{
    (void)c;
    ++*(int *)user;
    return 7;
}

NR_TEST(chunk_callback_stops)
{
    nr_front *f = front_for(0);
    int calls = 0;
    const char *p = "One. Two. Three.";
    CHECK(nr_front_paragraph(f, p, strlen(p), stop_at_first, &calls) == 7, "callback's value comes back");
    CHECK(calls == 1, "no chunk after a stop, got %d calls", calls);
    nr_front_free(f);
}
