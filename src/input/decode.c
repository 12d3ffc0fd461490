/*
 * decode.c — streaming conversion to UTF-8 (see decode.h for the rules).
 *
 * Three modes: UTF8 passes valid UTF-8 on as it is (the common case costs one scan and a
 * copy); HOLD keeps the bytes from the first one that is not UTF-8 until the detection
 * window is full; CONVERT runs iconv. iconv converts what it can and stops at a character
 * cut off by the end of the piece (EINVAL: kept, and finished with the next piece) or at
 * an invalid one (EILSEQ: one code unit is replaced by U+FFFD and conversion goes on), so
 * no byte is ever dropped silently.
 */
#include "input/decode.h"
#include "util/dynlib.h"
#include "util/utf8.h"
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchardet.h>

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD in UTF-8 */
#define FALLBACK "WINDOWS-1252"

#define UCHARDET_API(X, a) X(a, uchardet_new) X(a, uchardet_handle_data) X(a, uchardet_data_end) \
    X(a, uchardet_get_charset) X(a, uchardet_delete)
NR_DYNLIB_DEFINE(uchardet, UCHARDET_API, "libuchardet.so.0");   /* loaded at the first legacy input */

typedef enum { MODE_UTF8, MODE_HOLD, MODE_CONVERT } decode_mode;

struct nr_decoder {
    decode_mode mode;
    int fixed;          /* named by the caller, or UTF-16: no declaration overrides it */
    int committed;      /* UTF8: a character beyond ASCII went by, so the input is UTF-8 */
    int detected;       /* CONVERT: the charset is uchardet's guess (a declaration beats it) */
    size_t seen;        /* bytes of the input taken so far (held ones included) */
    nr_buf window;      /* UTF8, not committed: the ASCII passed on, for the detector */
    nr_buf held;        /* HOLD: the bytes from the first one that is not UTF-8 */
    nr_buf carry;       /* the start of a character cut off by the last piece */
    nr_buf joined;      /* carry + the next piece */
    iconv_t cd;         /* CONVERT: the input's charset to UTF-8 */
    iconv_t stray;      /* UTF8: Windows-1252 for a byte that is not UTF-8 (opened at the first) */
    size_t unit;        /* bytes skipped at an invalid sequence: 1, or 2 and 4 for UTF-16/32 */
    char *name;         /* CONVERT: the charset's name */
    char *declared;     /* HOLD: a charset the document declared, used instead of detection */
};

static const iconv_t NO_CD = (iconv_t)-1;

static int is_utf8_name(const char *s) { return !strcasecmp(s, "UTF-8") || !strcasecmp(s, "UTF8"); }

static size_t unit_of(const char *name)
{
    if (!strncasecmp(name, "UTF-16", 6) || !strncasecmp(name, "UTF16", 5) || !strncasecmp(name, "UCS-2", 5)) return 2;
    if (!strncasecmp(name, "UTF-32", 6) || !strncasecmp(name, "UTF32", 5) || !strncasecmp(name, "UCS-4", 5)) return 4;
    return 1;
}

/* 1 if cd reads ASCII as ASCII (what went by before a verdict was passed on as ASCII). */
static int ascii_compatible(iconv_t cd)
{
    char probe[] = "Az09 <=>&;\n", got[64];
    char *src = probe, *dst = got;
    size_t left = sizeof probe - 1, room = sizeof got;
    size_t rc = iconv(cd, &src, &left, &dst, &room);
    iconv(cd, NULL, NULL, NULL, NULL);
    return rc != (size_t)-1 && left == 0 && (size_t)(dst - got) == sizeof probe - 1 && !memcmp(got, probe, sizeof probe - 1);
}

static nr_decoder *alloc_decoder(void)
{
    nr_decoder *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->cd = d->stray = NO_CD;
    d->unit = 1;
    return d;
}

/* Reads from now on with cd, named `name` (copied). 0 ok, -1 out of memory (cd closed). */
static int start_convert(nr_decoder *d, iconv_t cd, const char *name)
{
    char *copy = strdup(name);
    if (!copy) {
        iconv_close(cd);
        return -1;
    }
    if (d->cd != NO_CD) iconv_close(d->cd);
    free(d->name);
    d->cd = cd;
    d->name = copy;
    d->unit = unit_of(name);
    d->mode = MODE_CONVERT;
    nr_buf_free(&d->window);
    return 0;
}

nr_decoder *nr_decoder_new(nr_bytes_kind kind)
{
    nr_decoder *d = alloc_decoder();
    if (!d || kind == NR_BYTES_TEXT) return d;
    const char *from = kind == NR_BYTES_UTF16LE ? "UTF-16LE" : kind == NR_BYTES_UTF16BE ? "UTF-16BE" : NULL;
    iconv_t cd = from ? iconv_open("UTF-8", from) : NO_CD;
    if (cd == NO_CD || start_convert(d, cd, from)) {
        nr_decoder_free(d);
        return NULL;
    }
    d->fixed = 1;
    return d;
}

int nr_decoder_open(const char *charset, nr_decoder **out, char *err, size_t errlen)
{
    *out = NULL;
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == NO_CD) {
        int unknown = errno == EINVAL;
        if (err && errlen) snprintf(err, errlen, "unknown encoding '%s' (`iconv -l` lists the names)", charset);
        return unknown ? -1 : -2;
    }
    nr_decoder *d = alloc_decoder();
    if (!d || start_convert(d, cd, charset)) {
        if (!d) iconv_close(cd);
        nr_decoder_free(d);
        return -2;
    }
    d->fixed = 1;
    *out = d;
    return 0;
}

/* Converts in[0..n) with cd into out; returns how many bytes at the end were left
 * unconverted because a character was cut off there, or -1 when out of memory. */
static long convert(iconv_t cd, size_t unit, const char *in, size_t n, nr_buf *out)
{
    char *src = (char *)in;
    size_t left = n;
    while (left) {
        size_t room = 4 * left + 16;     /* UTF-8 needs at most 4 bytes per input byte */
        char *dst = nr_buf_room(out, room);
        if (!dst) return -1;
        char *start = dst;
        size_t dst_left = room;
        size_t rc = iconv(cd, &src, &left, &dst, &dst_left);
        out->len += (size_t)(dst - start);
        out->s[out->len] = '\0';
        if (rc != (size_t)-1 || errno == E2BIG) continue;
        if (errno == EINVAL) return (long)left;          /* cut off: wait for the rest */
        nr_buf_puts(out, REPLACEMENT);                   /* EILSEQ: skip one code unit */
        size_t skip = left < unit ? left : unit;
        src += skip;
        left -= skip;
    }
    return out->oom ? -1 : 0;
}

static int feed_convert(nr_decoder *d, const char *in, size_t n, int end, nr_buf *out)
{
    long kept = convert(d->cd, d->unit, in, n, out);
    if (kept < 0) return -1;
    if (kept && !end) nr_buf_put(&d->carry, in + n - (size_t)kept, (size_t)kept);
    if (kept && end) {       /* the input ended inside a character */
        nr_buf_puts(out, REPLACEMENT);
        iconv(d->cd, NULL, NULL, NULL, NULL);
    }
    return 0;
}

/* Bytes that are not UTF-8 in UTF-8 text, read as Windows-1252 (see decode.h). */
static int stray_bytes(nr_decoder *d, const char *s, size_t n, nr_buf *out)
{
    if (d->stray == NO_CD && (d->stray = iconv_open("UTF-8", FALLBACK)) == NO_CD) {
        for (size_t i = 0; i < n; i++) nr_buf_puts(out, REPLACEMENT);
        return 0;
    }
    for (size_t i = 0; i < n; i++)      /* one by one: a cut-off one must not wait */
        if (convert(d->stray, 1, s + i, 1, out) != 0) return -1;
    return 0;
}

/* uchardet's name for the window and the held bytes; NULL when it cannot tell (or cannot
 * be loaded). The caller frees the name. */
static char *detect(const nr_decoder *d)
{
    if (nr_dynlib_load(&uchardet_lib, NULL, 0)) return NULL;
    uchardet_t u = uchardet.uchardet_new();
    if (!u) return NULL;
    uchardet.uchardet_handle_data(u, nr_buf_str(&d->window), d->window.len);
    uchardet.uchardet_handle_data(u, nr_buf_str(&d->held), d->held.len);
    uchardet.uchardet_data_end(u);
    const char *name = uchardet.uchardet_get_charset(u);
    /* Latin-1 is read as its superset; "ASCII" cannot be right for a byte above 0x7F */
    int useful = name && *name && strcasecmp(name, "ISO-8859-1") && strcasecmp(name, "ASCII");
    char *copy = useful ? strdup(name) : NULL;
    uchardet.uchardet_delete(u);
    return copy;
}

static int feed_utf8(nr_decoder *d, const char *s, size_t n, int end, nr_buf *out);

/* 1 if the held bytes read the same in `name` as in Windows-1252: then the evidence cannot
 * tell them apart (short Latin-1 text is often named ISO-8859-2 or -3), and the far more
 * common Windows-1252 reads the rest of the input. */
static int same_as_fallback(const nr_decoder *d, const char *name)
{
    iconv_t a = iconv_open("UTF-8", name), b = iconv_open("UTF-8", FALLBACK);
    nr_buf x = { 0 }, y = { 0 };
    int same = a != NO_CD && b != NO_CD && convert(a, 1, nr_buf_str(&d->held), d->held.len, &x) == 0 &&
               convert(b, 1, nr_buf_str(&d->held), d->held.len, &y) == 0 && x.len == y.len && !x.oom && !y.oom &&
               !memcmp(nr_buf_str(&x), nr_buf_str(&y), x.len);
    if (a != NO_CD) iconv_close(a);
    if (b != NO_CD) iconv_close(b);
    nr_buf_free(&x);
    nr_buf_free(&y);
    return same;
}

/* CONVERT with `name` if iconv knows it and it reads ASCII as ASCII, else with
 * Windows-1252. 0 ok, -1 no converter at all or out of memory. */
static int start_guess(nr_decoder *d, const char *name)
{
    iconv_t cd = name ? iconv_open("UTF-8", name) : NO_CD;
    if (cd != NO_CD && !ascii_compatible(cd)) {
        iconv_close(cd);
        cd = NO_CD;
    }
    if (cd != NO_CD) return start_convert(d, cd, name);
    cd = iconv_open("UTF-8", FALLBACK);
    return cd == NO_CD ? -1 : start_convert(d, cd, FALLBACK);
}

/* The verdict on a held start: the declared charset, else uchardet's, else Windows-1252;
 * then the held bytes go through it. */
static int decide(nr_decoder *d, int end, nr_buf *out)
{
    int declared = d->declared != NULL;
    char *name = declared ? d->declared : detect(d);
    d->declared = NULL;
    if (!declared && name && !is_utf8_name(name) && same_as_fallback(d, name)) {
        free(name);
        name = NULL;        /* Windows-1252 */
    }
    nr_buf held = d->held;
    memset(&d->held, 0, sizeof d->held);
    int rc;
    if (name && is_utf8_name(name)) {       /* UTF-8 after all: the odd bytes are strays */
        d->mode = MODE_UTF8;
        d->committed = 1;
        nr_buf_free(&d->window);
        rc = feed_utf8(d, nr_buf_str(&held), held.len, end, out);
    } else {
        rc = start_guess(d, name) ? -1 : feed_convert(d, nr_buf_str(&held), held.len, end, out);
        d->detected = !declared;
    }
    free(name);
    nr_buf_free(&held);
    return rc;
}

static int feed_hold(nr_decoder *d, const char *s, size_t n, int end, nr_buf *out)
{
    nr_buf_put(&d->held, s, n);
    d->seen += n;
    if (!end && d->seen < NR_DETECT_WINDOW) return 0;
    return decide(d, end, out);
}

/* The ASCII passed on before a verdict, kept for the detector (the window's worth). */
static void keep_window(nr_decoder *d, const char *s, size_t n)
{
    if (d->window.len >= NR_DETECT_WINDOW) return;
    size_t room = NR_DETECT_WINDOW - d->window.len;
    nr_buf_put(&d->window, s, n < room ? n : room);
}

static int feed_utf8(nr_decoder *d, const char *s, size_t n, int end, nr_buf *out)
{
    size_t i = 0, start = 0;
    while (i < n) {
        if (!((unsigned char)s[i] & 0x80)) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t used = nr_utf8_decode(s + i, n - i, &cp);
        if (cp != 0xFFFD || (used == 3 && !memcmp(s + i, REPLACEMENT, 3))) {
            if (!d->committed) nr_buf_free(&d->window);
            d->committed = 1;
            i += used;
            continue;
        }
        if (i + used == n && !end) {        /* perhaps cut off: wait for the next piece */
            nr_buf_put(&d->carry, s + i, used);
            n = i;
            break;
        }
        nr_buf_put(out, s + start, i - start);
        if (!d->committed && d->seen + i < NR_DETECT_WINDOW) {    /* a legacy encoding */
            keep_window(d, s, i);
            d->seen += i;
            d->mode = MODE_HOLD;
            return feed_hold(d, s + i, n - i, end, out);
        }
        if (stray_bytes(d, s + i, used, out)) return -1;
        i += used;
        start = i;
    }
    nr_buf_put(out, s + start, n - start);
    if (!d->committed) keep_window(d, s, n);
    d->seen += n;
    return 0;
}

int nr_decoder_feed(nr_decoder *d, const char *in, size_t n, int end, nr_buf *out)
{
    if (!in) in = "";       /* no more bytes (a flush) */
    if (d->carry.len) {     /* first the character the last piece cut off */
        nr_buf_clear(&d->joined);
        nr_buf_put(&d->joined, d->carry.s, d->carry.len);
        nr_buf_put(&d->joined, in, n);
        nr_buf_clear(&d->carry);
        if (d->joined.oom) return -1;
        in = d->joined.s;
        n = d->joined.len;
    }
    int rc = d->mode == MODE_UTF8 ? feed_utf8(d, in, n, end, out)
           : d->mode == MODE_HOLD ? feed_hold(d, in, n, end, out)
           : feed_convert(d, in, n, end, out);
    return rc || out->oom || d->carry.oom || d->held.oom || d->window.oom ? -1 : 0;
}

nr_declare_result nr_decoder_declare(nr_decoder *d, const char *charset, char *err, size_t errlen)
{
    if (d->fixed || (d->mode == MODE_UTF8 && d->committed) || (d->mode == MODE_CONVERT && !d->detected))
        return NR_DECLARE_IGNORED;
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == NO_CD) {
        if (err && errlen) snprintf(err, errlen, "unknown charset '%s'", charset);
        return NR_DECLARE_UNKNOWN;
    }
    if (!ascii_compatible(cd)) {
        iconv_close(cd);
        return NR_DECLARE_IGNORED;
    }
    if (d->mode == MODE_HOLD) {         /* used when the held start is decided */
        iconv_close(cd);
        char *copy = strdup(charset);
        if (!copy) return NR_DECLARE_IGNORED;
        free(d->declared);
        d->declared = copy;
        return NR_DECLARE_USED;
    }
    if (is_utf8_name(charset) && d->mode == MODE_UTF8) {
        iconv_close(cd);
        d->committed = 1;
        nr_buf_free(&d->window);
        return NR_DECLARE_USED;
    }
    if (start_convert(d, cd, charset)) return NR_DECLARE_IGNORED;
    d->detected = 0;
    return NR_DECLARE_USED;
}

const char *nr_decoder_charset(const nr_decoder *d)
{
    return d->mode == MODE_CONVERT ? d->name : "UTF-8";
}

void nr_decoder_free(nr_decoder *d)
{
    if (!d) return;
    if (d->cd != NO_CD) iconv_close(d->cd);
    if (d->stray != NO_CD) iconv_close(d->stray);
    nr_buf_free(&d->window);
    nr_buf_free(&d->held);
    nr_buf_free(&d->carry);
    nr_buf_free(&d->joined);
    free(d->name);
    free(d->declared);
    free(d);
}
