/* test_input.c — the input layer: what an input's bytes are (tests/cases/sniff.tsv), and
 * any encoding (UTF-16, legacy 8-bit detected or named, tests/cases/decode.tsv) turned into
 * UTF-8 whatever the pieces it comes in; a charset a document declares. */
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

/* A decoder for a decode.tsv encoding cell: "auto" detects, anything else is forced. */
static nr_decoder *table_decoder(const char *encoding)
{
    if (!strcmp(encoding, "auto")) return nr_decoder_new(NR_BYTES_TEXT);
    nr_decoder *d = NULL;
    char err[128];
    CHECK(nr_decoder_open(encoding, &d, err, sizeof err) == 0, "open %s: %s", encoding, err);
    return d;
}

static void decode_row(char **cols, int n, const char *where, void *user)
{
    (void)user;
    if (!CHECK(n == 4, "%s: four columns", where)) return;
    size_t len = test_decode_nul(cols[1]);
    static const size_t pieces[] = { 1, 2, 3, 7, 0 };
    for (size_t p = 0; p < sizeof pieces / sizeof *pieces; p++) {
        size_t piece = pieces[p] ? pieces[p] : len + 1;
        nr_decoder *d = table_decoder(cols[0]);
        if (!d) return;
        nr_buf out = { 0 };
        for (size_t i = 0; i < len || i == 0; i += piece) {
            size_t k = len - i < piece ? len - i : piece;
            CHECK(nr_decoder_feed(d, cols[1] + i, k, i + k >= len, &out) == 0, "%s: feed", where);
        }
        CHECK_STR(nr_buf_str(&out), cols[2], "%s: in pieces of %zu", where, piece);
        CHECK_STR(nr_decoder_charset(d), cols[3], "%s: the charset, pieces of %zu", where, piece);
        nr_buf_free(&out);
        nr_decoder_free(d);
    }
}

NR_TEST(decode_table) { nr_table_each("tests/cases/decode.tsv", decode_row, NULL); }

/* A legacy start is held until the window is full or the input ends; what came before it
 * (ASCII) is not. */
NR_TEST(decode_holds_only_a_legacy_start)
{
    nr_decoder *d = nr_decoder_new(NR_BYTES_TEXT);
    nr_buf out = { 0 };
    CHECK(nr_decoder_feed(d, "Hello. caf\xc3\xa9", 12, 0, &out) == 0, "feed");
    CHECK_STR(nr_buf_str(&out), "Hello. caf\xc3\xa9", "UTF-8 is passed on at once");
    nr_decoder_free(d);
    nr_buf_clear(&out);
    d = nr_decoder_new(NR_BYTES_TEXT);
    CHECK(nr_decoder_feed(d, "Hello. caf\xe9 ", 12, 0, &out) == 0, "feed");
    CHECK_STR(nr_buf_str(&out), "Hello. caf", "the ASCII before the first legacy byte is passed on");
    CHECK(nr_decoder_feed(d, "au lait", 7, 1, &out) == 0, "feed");
    CHECK_STR(nr_buf_str(&out), "Hello. caf\xc3\xa9 au lait", "the rest at the end");
    nr_decoder_free(d);
    nr_buf_free(&out);
}

/* Past the window, a byte that is not UTF-8 is Windows-1252, and nothing is held. */
NR_TEST(decode_after_the_window)
{
    size_t n = NR_DETECT_WINDOW + 10;
    char *s = malloc(n);
    if (!CHECK(s != NULL, "memory")) return;
    memset(s, 'a', n);
    memcpy(s + n - 4, "\xe9t\xe9.", 4);
    nr_decoder *d = nr_decoder_new(NR_BYTES_TEXT);
    nr_buf out = { 0 };
    CHECK(nr_decoder_feed(d, s, n, 0, &out) == 0, "feed");
    CHECK(out.len == n + 2 && !memcmp(out.s + n - 4, "\xc3\xa9t\xc3\xa9.", 6), "read as Windows-1252 at once (%zu bytes)", out.len);
    CHECK_STR(nr_decoder_charset(d), "UTF-8", "still UTF-8");
    nr_decoder_free(d);
    nr_buf_free(&out);
    free(s);
}

/* A declared charset: used while only ASCII went by, or while a legacy start is held;
 * ignored once UTF-8 beyond ASCII went by, when the caller named the encoding, for UTF-16
 * and for a charset that is not ASCII-compatible; an unknown one is said so. */
NR_TEST(decode_declared_charset)
{
    char err[128] = "";
    nr_buf out = { 0 };
    nr_decoder *d = nr_decoder_new(NR_BYTES_TEXT);
    CHECK(nr_decoder_feed(d, "<meta charset=koi8-r>", 21, 0, &out) == 0, "feed");
    CHECK(nr_decoder_declare(d, "koi8-r", err, sizeof err) == NR_DECLARE_USED, "ASCII so far: used");
    CHECK(nr_decoder_feed(d, "\xed\xcf\xd3\xcb\xd7\xc1", 6, 1, &out) == 0, "feed");
    CHECK_STR(nr_buf_str(&out), "<meta charset=koi8-r>\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0", "read as KOI8-R");
    CHECK(nr_decoder_declare(d, "latin1", err, sizeof err) == NR_DECLARE_IGNORED, "declared already: ignored");
    nr_decoder_free(d);
    d = nr_decoder_new(NR_BYTES_TEXT);
    CHECK(nr_decoder_declare(d, "bogus-charset", err, sizeof err) == NR_DECLARE_UNKNOWN, "unknown");
    CHECK_STR(err, "unknown charset 'bogus-charset'", "the message");
    nr_decoder_free(d);

    nr_buf_clear(&out);
    d = nr_decoder_new(NR_BYTES_TEXT);
    CHECK(nr_decoder_feed(d, "abc \xe9", 5, 0, &out) == 0, "feed");
    CHECK(nr_decoder_declare(d, "ISO-8859-7", err, sizeof err) == NR_DECLARE_USED, "held: used");
    CHECK(nr_decoder_feed(d, NULL, 0, 1, &out) == 0, "end");
    CHECK_STR(nr_buf_str(&out), "abc \xce\xb9", "the held byte read as ISO-8859-7");
    nr_decoder_free(d);

    d = nr_decoder_new(NR_BYTES_TEXT);
    CHECK(nr_decoder_declare(d, "UTF-16LE", err, sizeof err) == NR_DECLARE_IGNORED, "not ASCII-compatible");
    CHECK(nr_decoder_feed(d, "caf\xc3\xa9", 5, 0, &out) == 0, "feed");
    CHECK(nr_decoder_declare(d, "latin1", err, sizeof err) == NR_DECLARE_IGNORED, "UTF-8 went by: ignored");
    nr_decoder_free(d);
    d = nr_decoder_new(NR_BYTES_UTF16LE);
    CHECK(nr_decoder_declare(d, "latin1", err, sizeof err) == NR_DECLARE_IGNORED, "UTF-16: ignored");
    nr_decoder_free(d);
    CHECK(nr_decoder_open("latin1", &d, err, sizeof err) == 0, "open latin1");
    CHECK(nr_decoder_declare(d, "koi8-r", err, sizeof err) == NR_DECLARE_IGNORED, "named by the caller: ignored");
    nr_decoder_free(d);
    CHECK(nr_decoder_open("no-such-charset", &d, err, sizeof err) == -1 && !d, "an unknown name");
    CHECK_STR(err, "unknown encoding 'no-such-charset' (`iconv -l` lists the names)", "its message");
    nr_buf_free(&out);
}
