/* utf8.c — UTF-8 decoding (see utf8.h). */
#include "util/utf8.h"

size_t nr_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;   /* allowed range of the 2nd byte */
    size_t need;
    uint32_t v;

    if (c < 0x80) { *cp = c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) { need = 1; v = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; v = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;       /* overlong */
        if (c == 0xED) hi = 0x9F;       /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; v = c & 0x07;
        if (c == 0xF0) lo = 0x90;       /* overlong */
        if (c == 0xF4) hi = 0x8F;       /* above U+10FFFF */
    } else { *cp = 0xFFFD; return 1; } /* continuation, C0, C1, F5..FF */

    size_t i;
    for (i = 1; i <= need; i++) {
        if (i >= len || s[i] < lo || s[i] > hi) { *cp = 0xFFFD; return i; }
        v = (v << 6) | (s[i] & 0x3F);
        lo = 0x80; hi = 0xBF;
    }
    *cp = v;
    return i;
}
