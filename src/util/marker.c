/* marker.c — SSML inline elements as code points in text (see marker.h). */
#include "util/marker.h"

size_t nr_marker_at(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len < NR_MARKER_LEN || s[0] != NR_MARKER_LEAD || s[1] < 0xB0 || s[1] > 0xBF ||
        (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80) return 0;
    *cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 | (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
    return *cp <= NR_MARKER_LAST ? NR_MARKER_LEN : 0;
}

void nr_marker_write(nr_buf *out, uint32_t cp)
{
    char b[NR_MARKER_LEN] = {
        (char)(0xF0 | cp >> 18), (char)(0x80 | ((cp >> 12) & 0x3F)),
        (char)(0x80 | ((cp >> 6) & 0x3F)), (char)(0x80 | (cp & 0x3F)),
    };
    nr_buf_put(out, b, sizeof b);
}
