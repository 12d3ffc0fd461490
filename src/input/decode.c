/*
 * decode.c — streaming conversion to UTF-8 with iconv (see decode.h).
 *
 * iconv converts what it can and stops at a character cut off by the end of the piece
 * (EINVAL: kept, and finished with the next piece) or at an invalid one (EILSEQ: one code
 * unit is replaced by U+FFFD and conversion goes on), so no byte is ever dropped silently.
 */
#include "input/decode.h"
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD in UTF-8 */

struct nr_decoder {
    iconv_t cd;
    size_t unit;                /* bytes per code unit: 2 */
    char carry[8];              /* the start of a character cut off by the last piece */
    size_t n_carry;
};

nr_decoder *nr_decoder_new(nr_bytes_kind kind)
{
    const char *from = kind == NR_BYTES_UTF16LE ? "UTF-16LE" : kind == NR_BYTES_UTF16BE ? "UTF-16BE" : NULL;
    if (!from) return NULL;
    nr_decoder *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->cd = iconv_open("UTF-8", from);
    if (d->cd == (iconv_t)-1) {
        free(d);
        return NULL;
    }
    d->unit = 2;
    return d;
}

/* Converts in[0..n) into out; returns how many bytes at the end were left unconverted
 * because a character was cut off there, or -1 when out of memory. */
static long convert(nr_decoder *d, const char *in, size_t n, nr_buf *out)
{
    char *src = (char *)in;
    size_t left = n;
    while (left) {
        size_t room = 4 * left + 16;     /* UTF-8 needs at most 3 bytes per UTF-16 unit */
        char *dst = nr_buf_room(out, room);
        if (!dst) return -1;
        char *start = dst;
        size_t dst_left = room;
        size_t rc = iconv(d->cd, &src, &left, &dst, &dst_left);
        out->len += (size_t)(dst - start);
        out->s[out->len] = '\0';
        if (rc != (size_t)-1 || errno == E2BIG) continue;
        if (errno == EINVAL) return (long)left;          /* cut off: wait for the rest */
        nr_buf_puts(out, REPLACEMENT);                   /* EILSEQ: skip one code unit */
        size_t skip = left < d->unit ? left : d->unit;
        src += skip;
        left -= skip;
    }
    return out->oom ? -1 : 0;
}

int nr_decoder_feed(nr_decoder *d, const char *in, size_t n, int end, nr_buf *out)
{
    /* first the character the last piece cut off, completed from this one */
    while (d->n_carry && n) {
        d->carry[d->n_carry++] = *in++;
        n--;
        long kept = convert(d, d->carry, d->n_carry, out);
        if (kept < 0) return -1;
        if (kept == 0) d->n_carry = 0;
        else if ((size_t)kept != d->n_carry) {     /* part converted: keep the rest */
            memmove(d->carry, d->carry + d->n_carry - (size_t)kept, (size_t)kept);
            d->n_carry = (size_t)kept;
        }
        if (d->n_carry == sizeof d->carry) return -1;     /* cannot happen for UTF-16 */
    }
    long kept = convert(d, in, n, out);
    if (kept < 0) return -1;
    if (kept) {
        memcpy(d->carry, in + n - (size_t)kept, (size_t)kept);
        d->n_carry = (size_t)kept;
    }
    if (end && d->n_carry) {       /* the input ended inside a character */
        nr_buf_puts(out, REPLACEMENT);
        d->n_carry = 0;
        iconv(d->cd, NULL, NULL, NULL, NULL);
    }
    return out->oom ? -1 : 0;
}

void nr_decoder_free(nr_decoder *d)
{
    if (!d) return;
    iconv_close(d->cd);
    free(d);
}
