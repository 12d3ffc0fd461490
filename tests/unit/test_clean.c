/*
 * test_clean.c — the clean and junk stages: their case tables, any-bytes robustness on
 * 1 MB inputs, and the scraped article from the shared corpus when it is present.
 */
#include "harness.h"
#include "front/clean.h"
#include "front/junk.h"
#include "fixtures.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const BOILERPLATE[] = { "Source link", "Read more", "Advertisement", "Updated *",
                                            "AP Photo*", "* All rights reserved", "* min read", NULL };

static void clean_row(char **cols, int n, const char *where, void *user)
{
    (void)user;
    if (!CHECK(n == 2, "%s: want 2 columns, got %d", where, n)) return;
    size_t len = test_decode_nul(cols[0]);
    nr_buf out = { 0 };
    nr_clean(&out, cols[0], len);
    CHECK_STR(nr_buf_str(&out), cols[1], "%s", where);
    nr_buf_free(&out);
}

static void junk_row(char **cols, int n, const char *where, void *user)
{
    (void)user;
    if (!CHECK(n == 2, "%s: want 2 columns, got %d", where, n)) return;
    nr_buf out = { 0 };
    nr_junk_strip(&out, cols[0], strlen(cols[0]), BOILERPLATE);
    CHECK_STR(nr_buf_str(&out), cols[1], "%s", where);
    nr_buf_free(&out);
}

NR_TEST(clean_table)
{
    int rows = nr_table_each("tests/cases/clean.tsv", clean_row, NULL);
    CHECK(rows >= 30, "clean.tsv has %d rows", rows);
}

NR_TEST(junk_table)
{
    int rows = nr_table_each("tests/cases/junk.tsv", junk_row, NULL);
    CHECK(rows >= 25, "junk.tsv has %d rows", rows);
}

NR_TEST(junk_appends_and_accepts_null_list)
{
    nr_buf out = { 0 };
    nr_buf_puts(&out, "kept ");
    nr_junk_strip(&out, "Source link", 11, NULL);
    nr_junk_strip(&out, "   ", 3, NULL);
    nr_junk_strip(&out, "", 0, BOILERPLATE);
    CHECK_STR(nr_buf_str(&out), "kept Source link", "NULL list keeps phrases, blank adds nothing");
    nr_buf_free(&out);
}

/* ---------- any bytes ---------- */

/* 1 if s[0..n) is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF). */
static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i], need, min;
        unsigned long v;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC0 && c < 0xE0) { need = 1; min = 0x80; v = c & 0x1F; }
        else if (c >= 0xE0 && c < 0xF0) { need = 2; min = 0x800; v = c & 0x0F; }
        else if (c >= 0xF0 && c < 0xF8) { need = 3; min = 0x10000; v = c & 0x07; }
        else return 0;
        if (n - i <= need) return 0;   /* truncated */
        for (unsigned k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return 0;
            v = v << 6 | (s[i + k] & 0x3F);
        }
        if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
        i += need + 1;
    }
    return 1;
}

/* A fixed-seed generator, so a failure can be reproduced. */
static unsigned next_rand(unsigned long long *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(*state >> 33);
}

NR_TEST(utf8_validator_works)
{
    CHECK(valid_utf8((const unsigned char *)"a\xc3\xa9\xf0\x9f\x98\x80", 7), "valid text");
    CHECK(!valid_utf8((const unsigned char *)"\xc0\xaf", 2), "overlong");
    CHECK(!valid_utf8((const unsigned char *)"\xed\xa0\x80", 3), "surrogate");
    CHECK(!valid_utf8((const unsigned char *)"a\xe2\x82", 3), "truncated");
}

NR_TEST(clean_any_bytes)
{
    size_t n = 1 << 20;
    char *in = malloc(n);
    unsigned long long seed = 20240229;
    if (!CHECK(in != NULL, "malloc")) return;
    for (size_t i = 0; i < n; i++) in[i] = (char)(next_rand(&seed) & 0xFF);
    nr_buf out = { 0 };
    nr_clean(&out, in, n);
    CHECK(!out.oom, "random bytes: no oom");
    CHECK(valid_utf8((const unsigned char *)out.s, out.len), "random bytes: output is valid UTF-8");
    CHECK(memchr(out.s, '\0', out.len) == NULL, "random bytes: no NUL in output");

    for (size_t i = 0; i < n; i++) in[i] = (char)(' ' + i % 95);   /* printable ASCII, one line */
    nr_buf_clear(&out);
    nr_clean(&out, in, n);
    CHECK(out.len == n && memcmp(out.s, in, n) == 0, "1 MB ASCII line comes out unchanged (%zu)", out.len);

    nr_buf_clear(&out);
    nr_junk_strip(&out, in, n, BOILERPLATE);
    CHECK(!out.oom && out.len > 0, "junk strip survives a 1 MB line");
    nr_buf_free(&out);
    free(in);
}

/* 1 MB of the pieces the bracket, guide and digit-group rules look for, in random order:
   whatever they make of it must stay valid UTF-8 and no longer than it came. */
NR_TEST(junk_rule_pieces_any_order)
{
    static const char *const PIECES[] = {
        "(", ")", "[", "]", "/", "\xc9\x99", "\xcb\x88", "\xca\x81", "1", "23", "a", "x",
        " ", ";", ",", ":", ".", "?", "-", "_", "\n", "\xc2\xa0", "\xe2\x80\xaf", "000",
        "listen", "sic", "note 2", "citation needed", "PARR-iss", "\xe2\x93\x98", "(", "[1]",
    };
    size_t cap = 1 << 20, len = 0;
    char *in = malloc(cap + 32);
    unsigned long long seed = 7;
    if (!CHECK(in != NULL, "malloc")) return;
    while (len < cap) {
        const char *p = PIECES[next_rand(&seed) % (sizeof PIECES / sizeof *PIECES)];
        size_t n = strlen(p);
        memcpy(in + len, p, n);
        len += n;
    }
    nr_buf clean = { 0 }, out = { 0 };
    nr_clean(&clean, in, len);
    nr_junk_strip(&out, clean.s, clean.len, BOILERPLATE);
    CHECK(!clean.oom && !out.oom, "pieces: no oom");
    CHECK(out.len <= clean.len, "pieces: junk strip only removes (%zu > %zu)", out.len, clean.len);
    CHECK(valid_utf8((const unsigned char *)out.s, out.len), "pieces: output is valid UTF-8");
    nr_buf_free(&clean);
    nr_buf_free(&out);
    free(in);
}

/* ---------- the scraped article ---------- */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0, got;
    char *s = malloc(cap);
    while (s && (got = fread(s + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *t = realloc(s, cap *= 2);
            if (!t) { free(s); s = NULL; }
            else s = t;
        }
    }
    fclose(f);
    *len = n;
    return s;
}

/* 1 if s[0..n) ends (before trailing blanks) in a combining mark with nothing to sit on. */
static int ends_with_isolated_mark(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (n < 2) return 0;
    uint32_t cp;
    nr_utf8_decode(s + n - 2, 2, &cp);
    return cp >= 0x300 && cp <= 0x36F && (n == 2 || s[n - 3] == ' ' || s[n - 3] == '\n');
}

/* Cleans the text, splits it at blank lines and strips junk from each paragraph. */
static void narrate_article(nr_buf *out, const char *text, size_t len)
{
    nr_buf clean = { 0 };
    nr_clean(&clean, text, len);
    const char *s = nr_buf_str(&clean), *p = s, *end = s + clean.len;
    while (p < end) {
        const char *q = p;
        while ((q = strstr(q, "\n\n")) && ends_with_isolated_mark(p, (size_t)(q - p))) q += 2;
        if (!q) q = end;
        size_t before = out->len;
        nr_junk_strip(out, p, (size_t)(q - p), BOILERPLATE);
        if (out->len > before) nr_buf_puts(out, "\n\n");
        for (p = q; p < end && *p == '\n'; p++) {}
    }
    nr_buf_free(&clean);
}

NR_TEST(scraped_article)
{
    size_t len;
    char *text = read_file("../shared/corpus/scraped-news-article.txt", &len);
    if (!text) return;   /* the shared corpus is optional */
    nr_buf out = { 0 };
    narrate_article(&out, text, len);
    const char *s = nr_buf_str(&out);
    const char *gone[] = { "19659028", "19659904", "kproxy", "servlet", "قالب", "Source link",
                           "\xcc\xb5", "1;" };
    const char *kept[] = { "Huawei", "Grenell", "Pancevski", "Berlin", "Pence", "Zhengfei",
                           "bojan.pancevski@wsj.com", "Europe - and most of Asia" };
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
        CHECK(strstr(s, gone[i]) == NULL, "article still contains \"%s\"", gone[i]);
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
        CHECK(strstr(s, kept[i]) != NULL, "article lost \"%s\"", kept[i]);
    CHECK(!out.oom, "article: no oom");
    nr_buf_free(&out);
    free(text);
}

/* The clean stage copies plain ASCII eight bytes at a time: every byte that is not plain
 * (a control character, '&', DEL, a byte >= 0x80) must still be seen at every offset. */
NR_TEST(clean_sees_special_bytes_at_every_offset)
{
    static const struct { const char *in, *out; } specials[] = {
        { "\x01", " " }, { "\t", " " }, { "\x7f", " " }, { "&amp;", "&" }, { "\xc3\xa9", "\xc3\xa9" },
        { "\xff", "\xef\xbf\xbd" },   /* invalid UTF-8: the replacement character */
    };
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
        for (size_t at = 0; at < 17; at++) {
            char in[64], want[64];
            snprintf(in, sizeof in, "%.*s%sxyz", (int)at, "abcdefghijklmnopq", specials[k].in);
            snprintf(want, sizeof want, "%.*s%sxyz", (int)at, "abcdefghijklmnopq", specials[k].out);
            nr_buf out = { 0 };
            nr_clean(&out, in, strlen(in));
            CHECK_STR(nr_buf_str(&out), want, "special %zu at offset %zu", k, at);
            nr_buf_free(&out);
        }
    }
}
