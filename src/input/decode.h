/*
 * decode.h — an input's bytes turned into UTF-8 as they stream in (iconv from the C
 * library): UTF-16 LE and BE (sniff.h), text whose encoding is named (--encoding, or the
 * charset a document declares), and text that may be UTF-8 or a legacy 8-bit encoding.
 *
 * UTF-8 or legacy: the input is UTF-8 until a byte proves otherwise, so UTF-8 streams
 * through untouched and unheld (it reads exactly as it always did). A byte that is not
 * UTF-8 decides the input if it comes within the first NR_DETECT_WINDOW bytes and before
 * any UTF-8 character beyond ASCII: from that byte on the input is held until the window
 * is full (or the input ends), libuchardet names its encoding from the window (opened at
 * that first need, so UTF-8 runs never load it), and iconv converts the held bytes and
 * everything after. ISO-8859-1 is read as Windows-1252, its superset in the printable
 * range ("€" and curly quotes live in 0x80-0x9F, where Latin-1 has only control codes);
 * a name uchardet cannot give (or iconv does not know, or that is not ASCII-compatible,
 * since the ASCII before the byte was passed on as it was) is Windows-1252 too, the most
 * common legacy encoding, and so is the whole verdict when libuchardet cannot be loaded.
 * So is a named charset that reads the held bytes just as Windows-1252 does (uchardet
 * often names ISO-8859-2 or -3 for a short Latin-1 text): the evidence cannot tell them
 * apart, and Windows-1252 is the likelier for the rest. When uchardet says UTF-8 after
 * all (mostly UTF-8 with an odd byte), the input is UTF-8, with the strays read as below.
 *
 * A later byte that is not UTF-8 (past the window, or after a UTF-8 character beyond
 * ASCII: a valid multi-byte sequence is next to impossible in legacy text, so the input
 * is UTF-8 then) is read as Windows-1252, byte by byte: such a byte is most often a
 * legacy character pasted into UTF-8 text (a mixed-encoding page or archive), which
 * Windows-1252 names right, where U+FFFD would only drop it. Its five undefined bytes
 * (0x81 0x8D 0x8F 0x90 0x9D) become U+FFFD.
 */
#ifndef NR_DECODE_H
#define NR_DECODE_H
#include "util/buf.h"
#include "input/sniff.h"

/* How many bytes from the start decide a legacy encoding (or the whole input, if shorter). */
#define NR_DETECT_WINDOW 65536

typedef struct nr_decoder nr_decoder;

/* A decoder for `kind`: NR_BYTES_UTF16LE or _BE, or NR_BYTES_TEXT (UTF-8, or a legacy
 * encoding detected as above). NULL when out of memory or the C library has no converter. */
nr_decoder *nr_decoder_new(nr_bytes_kind kind);
/* A decoder that reads the input as `charset` (any name iconv knows: "latin1",
 * "WINDOWS-1252", "SHIFT_JIS", "UTF-16"); a charset a document declares cannot override it.
 * 0 ok; -1 iconv does not know the name (err says so); -2 out of memory. */
int nr_decoder_open(const char *charset, nr_decoder **out, char *err, size_t errlen);
/* Appends the UTF-8 for n more bytes to out (may be nothing yet: a character split
 * between two calls is completed by the next; a legacy start is held until decided).
 * `end`: the input is over for now: everything held is decided and converted (a dangling
 * partial character becomes U+FFFD). Invalid sequences become U+FFFD. 0 ok, -1 out of memory. */
int nr_decoder_feed(nr_decoder *d, const char *in, size_t n, int end, nr_buf *out);

/* What nr_decoder_declare did. */
typedef enum {
    NR_DECLARE_USED,        /* the bytes from now on (and any held) are read as the charset */
    NR_DECLARE_IGNORED,     /* the input's encoding is settled already: named by the caller,
                             * a byte-order mark (UTF-16), UTF-8 text beyond ASCII passed on,
                             * or the charset is not ASCII-compatible (the ASCII before it was
                             * read as ASCII) */
    NR_DECLARE_UNKNOWN      /* iconv does not know the name (err says so) */
} nr_declare_result;

/* A charset the document declares (an HTML page's <meta charset>), seen in the text decoded
 * so far: it beats detection, not a name the caller gave nor a byte-order mark. Usable while
 * all the text passed on was ASCII (a declaration comes in the document's head), and after
 * a detected verdict (the declaration is the better word for the bytes still to come). */
nr_declare_result nr_decoder_declare(nr_decoder *d, const char *charset, char *err, size_t errlen);

/* The encoding the decoder reads now, as iconv names it: "UTF-8" while undecided,
 * "WINDOWS-1252", "UTF-16LE", the caller's name... (valid until the next call). */
const char *nr_decoder_charset(const nr_decoder *d);
void nr_decoder_free(nr_decoder *d);

/* How a reader of a document (the HTML reader) reports a declared charset to the engine,
 * which hands it to the input's decoder: `declare(ctx, charset)` returns an
 * nr_declare_result (IGNORED when the input has no decoder). */
typedef struct {
    nr_declare_result (*declare)(void *ctx, const char *charset);
    void *ctx;
} nr_charset_hook;

#endif
