/*
 * sniff.c — text, UTF-16 or binary, from an input's first bytes (see sniff.h).
 *
 * Binary data is told by its control bytes: text, in any encoding but UTF-16/32, has
 * almost none besides tab, newline, carriage return, form feed and escape (terminal
 * colours), while programs, images and archives are full of them (NUL above all). A few
 * stray ones (a NUL between two words, a corrupted byte) leave text text: binary takes
 * at least 8 such bytes and at least one byte in 32. UTF-16 is told by its byte-order
 * mark, or by text whose every other byte is NUL (ASCII letters in UTF-16).
 */
#include "input/sniff.h"
#include <string.h>

static int control_byte(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B &&
            c != 0x08 /* backspace: man-page overstrike */) || c == 0x7F;
}

/* Starts that only binary formats have, however textual their first bytes look. */
static const struct { const char *bytes; size_t len; } magic[] = {
    { "%PDF-", 5 }, { "PK\x03\x04", 4 }, { "\x7F" "ELF", 4 }, { "\x1F\x8B", 2 }, { "BZh", 3 },
    { "\xFD" "7zXZ", 5 }, { "\x89PNG", 4 }, { "GIF8", 4 }, { "\xFF\xD8\xFF", 3 },
};

/* 1 if s starts with a signature; with `prefix`, also if s could still grow into one. */
static int binary_magic(const unsigned char *s, size_t n, int prefix)
{
    for (size_t i = 0; i < sizeof magic / sizeof *magic; i++) {
        size_t k = n < magic[i].len ? n : magic[i].len;
        if ((n >= magic[i].len || prefix) && memcmp(s, magic[i].bytes, k) == 0) return 1;
    }
    return 0;
}

/* UTF-16 without a byte-order mark: NUL in every other byte of mostly-ASCII text. */
static nr_bytes_kind utf16_pattern(const unsigned char *s, size_t n)
{
    size_t pairs = n / 2, le = 0, be = 0;
    if (pairs < 2) return NR_BYTES_TEXT;
    for (size_t i = 0; i + 1 < n; i += 2) {
        if (s[i] && !s[i + 1]) le++;
        else if (!s[i] && s[i + 1]) be++;
    }
    if (le * 4 >= pairs * 3 && be * 8 <= pairs) return NR_BYTES_UTF16LE;
    if (be * 4 >= pairs * 3 && le * 8 <= pairs) return NR_BYTES_UTF16BE;
    return NR_BYTES_TEXT;
}

size_t nr_sniff_bom_length(const char *s, size_t n, nr_bytes_kind kind)
{
    const unsigned char *u = (const unsigned char *)s;
    if (kind == NR_BYTES_UTF16LE) return n >= 2 && u[0] == 0xFF && u[1] == 0xFE ? 2 : 0;
    if (kind == NR_BYTES_UTF16BE) return n >= 2 && u[0] == 0xFE && u[1] == 0xFF ? 2 : 0;
    return 0;
}

/* A start that may still turn out to be a byte-order mark. */
static int bom_prefix(const unsigned char *u, size_t n)
{
    return n < 3 && ((u[0] == 0xEF && (n < 2 || u[1] == 0xBB)) || (n < 2 && (u[0] == 0xFF || u[0] == 0xFE)));
}

nr_bytes_kind nr_sniff_bytes(const char *s, size_t n, int at_end)
{
    const unsigned char *u = (const unsigned char *)s;
    if (!n) return at_end ? NR_BYTES_TEXT : NR_BYTES_UNDECIDED;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) return NR_BYTES_TEXT;
    if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) return NR_BYTES_UTF16LE;
    if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) return NR_BYTES_UTF16BE;
    if (n > NR_SNIFF_ENOUGH) n = NR_SNIFF_ENOUGH;
    size_t controls = 0;
    for (size_t i = 0; i < n; i++) controls += control_byte(u[i]);
    /* a short start with no control byte is text at once (a screen reader's message must
     * not wait); one with some waits for enough bytes to judge */
    if (!at_end && n < NR_SNIFF_ENOUGH && (controls || bom_prefix(u, n) || binary_magic(u, n, 1)))
        return NR_BYTES_UNDECIDED;
    if (binary_magic(u, n, 0)) return NR_BYTES_BINARY;
    nr_bytes_kind wide = utf16_pattern(u, n);
    if (wide != NR_BYTES_TEXT) return wide;
    return controls >= 8 && controls * 32 >= n ? NR_BYTES_BINARY : NR_BYTES_TEXT;
}
