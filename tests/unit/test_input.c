/* test_input.c — the input layer: what an input's bytes are (tests/cases/sniff.tsv) and
 * UTF-16 turned into UTF-8 whatever the pieces it comes in. */
#include "harness.h"
#include "fixtures.h"
#include "input/decode.h"
#include "input/sniff.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_name(nr_bytes_kind k)
{
    static const char *names[] = { "undecided", "text", "utf16le", "utf16be", "binary" };
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

static void sniff_row(char **cols, int n, const char *where, void *user)
{
    (void)user;
    if (!CHECK(n == 3, "%s: three columns", where)) return;
    size_t len = test_decode_nul(cols[0]);
    CHECK_STR(kind_name(nr_sniff_bytes(cols[0], len, atoi(cols[1]))), cols[2], "%s", where);
}

NR_TEST(sniff_table) { nr_table_each("tests/cases/sniff.tsv", sniff_row, NULL); }

/* Control bytes thinly spread (fewer than one in 32) leave a long text text; denser, binary. */
NR_TEST(sniff_control_density)
{
    char s[NR_SNIFF_ENOUGH];
    for (int every = 20; every <= 40; every += 20) {
        memset(s, 'a', sizeof s);
        for (size_t i = 0; i < sizeof s; i += (size_t)every) s[i] = '\x01';
        nr_bytes_kind want = every < 32 ? NR_BYTES_BINARY : NR_BYTES_TEXT;
        CHECK(nr_sniff_bytes(s, sizeof s, 0) == want, "a control byte every %d: %s", every,
              kind_name(nr_sniff_bytes(s, sizeof s, 0)));
    }
}

/* UTF-16 of "Grüße 😀!" in both byte orders, with a lone surrogate and a cut-off last unit. */
static void decode_in_pieces(nr_bytes_kind kind, const char *in, size_t n, size_t piece, nr_buf *out)
{
    nr_decoder *d = nr_decoder_new(kind);
    if (!CHECK(d != NULL, "a %s decoder", kind_name(kind))) return;
    for (size_t i = 0; i < n; i += piece) {
        size_t k = n - i < piece ? n - i : piece;
        CHECK(nr_decoder_feed(d, in + i, k, i + k == n, out) == 0, "feed");
    }
    nr_decoder_free(d);
}

NR_TEST(decode_utf16_any_pieces)
{
    static const char le[] = "G\0r\0\xfc\0\xdf\0" "e\0 \0\x3d\xd8\x00\xde!\0";
    static const char be[] = "\0G\0r\0\xfc\0\xdf" "\0e\0 \xd8\x3d\xde\x00\0!";
    static const char lone[] = "a\0\x00\xd8" "b\0";          /* a high surrogate with no low one */
    static const char cut[] = "a\0b";                        /* the input ends inside a unit */
    const char *want = "Gr\xc3\xbc\xc3\x9f" "e \xf0\x9f\x98\x80!";
    for (size_t piece = 1; piece <= 5; piece++) {
        nr_buf a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 };
        decode_in_pieces(NR_BYTES_UTF16LE, le, sizeof le - 1, piece, &a);
        decode_in_pieces(NR_BYTES_UTF16BE, be, sizeof be - 1, piece, &b);
        decode_in_pieces(NR_BYTES_UTF16LE, lone, sizeof lone - 1, piece, &c);
        decode_in_pieces(NR_BYTES_UTF16LE, cut, sizeof cut - 1, piece, &d);
        CHECK_STR(nr_buf_str(&a), want, "UTF-16LE in pieces of %zu", piece);
        CHECK_STR(nr_buf_str(&b), want, "UTF-16BE in pieces of %zu", piece);
        CHECK_STR(nr_buf_str(&c), "a\xef\xbf\xbd" "b", "a lone surrogate is U+FFFD, pieces of %zu", piece);
        CHECK_STR(nr_buf_str(&d), "a\xef\xbf\xbd", "a cut-off unit is U+FFFD, pieces of %zu", piece);
        nr_buf_free(&a), nr_buf_free(&b), nr_buf_free(&c), nr_buf_free(&d);
    }
}
