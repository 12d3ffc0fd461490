/* test_html.c — the document model from web pages: format detection (tests/cases/format.tsv),
 * the article of a news page and of a blog page with what is in and what is out
 * (tests/fixtures/news-page.html and blog-page.html), their metadata, and the engine's document callback. */
#include "harness.h"
#include "fixtures.h"
#include "input/document.h"
#include "input/format.h"
#include "input/html.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *format_name(nr_format f)
{
    static const char *names[] = { "undecided", "text", "html", "ssml" };
    return (unsigned)f < sizeof names / sizeof *names ? names[f] : "?";
}

static void format_row(char **cols, int n, const char *where, void *user)
{
    (void)user;
    if (!CHECK(n == 3, "%s: three columns", where)) return;
    CHECK_STR(format_name(nr_format_detect(cols[0], strlen(cols[0]), atoi(cols[1]))), cols[2], "%s", where);
}

NR_TEST(format_table) { nr_table_each("tests/cases/format.tsv", format_row, NULL); }

/* A long start decides at NR_FORMAT_ENOUGH bytes even when more may come. */
NR_TEST(format_decides_at_enough)
{
    nr_buf b = { 0 };
    nr_buf_puts(&b, "<p>");
    while (b.len < NR_FORMAT_ENOUGH + 10) nr_buf_puts(&b, "plain words of a text that starts with a tag ");
    CHECK_STR(format_name(nr_format_detect(b.s, b.len, 0)), "text", "a long text starting with <p>");
    nr_buf_free(&b);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!CHECK(f != NULL, "open %s", path)) return NULL;
    nr_buf b = { 0 };
    char block[4096];
    size_t got;
    while ((got = fread(block, 1, sizeof block, f)) > 0) nr_buf_put(&b, block, got);
    fclose(f);
    *len = b.len;
    return b.s;
}

/* The page's blocks, each as "K|text\n" (K: h1..h6, p, li, q). */
static void extract(const char *path, nr_document *doc, nr_buf *out)
{
    size_t len = 0;
    char *page = slurp(path, &len), err[256] = "";
    nr_document_init(doc);
    if (!page) return;
    CHECK(nr_html_extract(page, len, NULL, doc, err, sizeof err) == NR_HTML_OK, "%s: %s", path, err);
    free(page);
    for (size_t i = 0; i < doc->d.n_blocks; i++) {
        const narrator_block *b = &doc->d.blocks[i];
        char kind[8];
        if (b->kind == NARRATOR_BLOCK_HEADING) snprintf(kind, sizeof kind, "h%d", b->level);
        else snprintf(kind, sizeof kind, "%s", b->kind == NARRATOR_BLOCK_LIST_ITEM ? "li" : b->kind == NARRATOR_BLOCK_QUOTE ? "q" : "p");
        nr_buf_puts(out, kind);
        nr_buf_putc(out, '|');
        nr_buf_put(out, b->text, b->text_len);
        nr_buf_putc(out, '\n');
        CHECK(b->src_start <= b->src_end && b->src_end <= len, "%s: block %zu's span %zu-%zu in %zu bytes", path, i,
              b->src_start, b->src_end, len);
    }
}

static void has(const nr_buf *got, const char *want, int in, const char *path)
{
    int found = strstr(nr_buf_str(got), want) != NULL;
    CHECK(found == in, "%s: '%s' should be %s:\n%s", path, want, in ? "read" : "left out", nr_buf_str(got));
}

NR_TEST(html_news_page)
{
    const char *path = "tests/fixtures/news-page.html";
    nr_document doc;
    nr_buf got = { 0 };
    extract(path, &doc, &got);
    static const char *const in[] = {
        "p|The old harbour bridge opened to traffic again on Thursday morning",
        "p|Hundreds of residents", "h2|What was repaired", "li|Forty new steel hangers along both sides",
        "li|A new deck surface and drainage", "q|We kept the old bolts", "p|The council said the repairs cost",
    };
    static const char *const out[] = {
        "TRACKERSCRIPT", "STYLESHEET", "Sign in", "Sport", "ADVERTISEMENT", "Share on", "Subscribe",
        "HIDDENPARAGRAPH", "Related stories", "Ferry fares", "COMMENTTEXT", "Copyright", "NOSCRIPTTEXT",
        "h1|Harbour bridge", "By Fiona",
    };
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) has(&got, in[i], 1, path);
    for (size_t i = 0; i < sizeof out / sizeof *out; i++) has(&got, out[i], 0, path);
    CHECK(strstr(nr_buf_str(&got), "p|The old harbour") < strstr(nr_buf_str(&got), "p|The council"), "in order");
    CHECK_STR(nr_document_get(&doc, NR_DOC_TITLE), "Harbour bridge reopens after two years of repairs", "title");
    CHECK_STR(nr_document_get(&doc, NR_DOC_BYLINE), "Fiona Marsh", "byline");
    CHECK_STR(nr_document_get(&doc, NR_DOC_DATE), "2024-03-14T08:30:00Z", "date");
    CHECK_STR(nr_document_get(&doc, NR_DOC_SITE), "The Daily Courier", "site name");
    CHECK_STR(nr_document_get(&doc, NR_DOC_LANGUAGE), "en-GB", "language");
    nr_document_free(&doc);
    nr_buf_free(&got);
}

NR_TEST(html_blog_page)
{
    const char *path = "tests/fixtures/blog-page.html";
    nr_document doc;
    nr_buf got = { 0 };
    extract(path, &doc, &got);
    has(&got, "p|My first loaf was a brick", 1, path);
    has(&got, "p|Flour Water", 1, path);                /* a table is read row by row */
    has(&got, "p|500 grams 350 grams", 1, path);
    has(&got, "p|Bake it hot", 1, path);
    has(&got, "Archive", 0, path);
    has(&got, "About me", 0, path);
    has(&got, "3 comments", 0, path);
    has(&got, "h2|Baking sourdough", 0, path);          /* the title, read once first */
    /* <title> less the site's name */
    CHECK_STR(nr_document_get(&doc, NR_DOC_TITLE), "Baking sourdough at home", "title");
    CHECK(nr_document_get(&doc, NR_DOC_BYLINE) == NULL, "no byline");
    nr_document_free(&doc);
    nr_buf_free(&got);
}

/* No title but an <h1>: the <h1> is the title, read once (a heading that differs from it
 * only in case and punctuation is the same title). */
NR_TEST(html_title_from_h1)
{
    static const char page[] = "<html><body><article><h1>Night trains return!</h1><h2>night trains, return</h2>"
        "<p>The sleeper service to the coast runs again from Friday, with new cabins, a dining car, and quiet.</p>"
        "</article></body></html>";
    nr_document doc;
    nr_document_init(&doc);
    char err[256];
    CHECK(nr_html_extract(page, sizeof page - 1, NULL, &doc, err, sizeof err) == NR_HTML_OK, "%s", err);
    CHECK_STR(nr_document_get(&doc, NR_DOC_TITLE), "Night trains return!", "the h1 as title");
    CHECK(doc.d.n_blocks == 1 && doc.d.blocks[0].kind == NARRATOR_BLOCK_PARAGRAPH, "only the paragraph is read (%zu blocks)", doc.d.n_blocks);
    nr_document_free(&doc);
}

/* JSON-LD that is not well-formed, a page of nothing, and bytes that are no HTML at all: a
 * model (maybe empty), no crash. */
NR_TEST(html_bad_pages)
{
    static const char *const pages[] = {
        "<html><head><script type=\"application/ld+json\">{\"headline\": \"Cut off", "",
        "<html><head><script type=\"application/ld+json\">}}]]:,{\"headline\":</script></head><body><p>x</p>",
        "<p>" "\xff\xfe\x00\x01" "</td></tr></table></li></html><<<>>>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        nr_document doc;
        nr_document_init(&doc);
        char err[256];
        CHECK(nr_html_extract(pages[i], strlen(pages[i]), NULL, &doc, err, sizeof err) == NR_HTML_OK, "page %zu: %s", i, err);
        nr_document_free(&doc);
    }
}

/* Through the engine: the document callback sees the model, the chunks read the title first
 * and the article, whatever pieces the page came in. */
typedef struct { nr_buf said; int documents; size_t blocks; } seen;

static int on_doc(const narrator_document *d, void *user)
{
    seen *s = user;
    s->documents++;
    s->blocks = d->n_blocks;
    return 0;
}

static int on_chunk(const narrator_chunk *c, void *user)
{
    seen *s = user;
    nr_buf_put(&s->said, c->text, c->text_len);
    nr_buf_putc(&s->said, '\n');
    return 0;
}

NR_TEST(html_through_engine)
{
    size_t len = 0;
    char *page = slurp("tests/fixtures/news-page.html", &len);
    if (!page) return;
    for (size_t piece = 7; piece <= len; piece += len / 3) {
        narrator *n = test_narrator(0, 1, NARRATOR_SSML_AUTO);
        if (!n) break;
        seen s = { { 0 }, 0, 0 };
        narrator_on_document(n, on_doc, &s);
        narrator_on_chunk(n, on_chunk, &s);
        for (size_t i = 0; i < len; i += piece) narrator_feed(n, page + i, len - i < piece ? len - i : piece);
        CHECK(narrator_finish(n) == NARRATOR_OK, "finish: %s", narrator_errmsg(n));
        CHECK(s.documents == 1 && s.blocks >= 7, "one document of %zu blocks (pieces of %zu)", s.blocks, piece);
        const char *said = nr_buf_str(&s.said);
        CHECK(!strncmp(said, "Harbour bridge reopens", 22), "the title first: %.60s", said);
        CHECK(!strstr(said, "COMMENTTEXT") && !strstr(said, "<") && strstr(said, "The council said"), "the article alone");
        CHECK(strstr(said + 1, "Harbour bridge reopens") == NULL, "the title once");
        nr_buf_free(&s.said);
        narrator_free(n);
    }
    free(page);
}
