/*
 * utf8.h — reading UTF-8 one code point at a time, the one decoder every layer uses (the
 * front end, the input layer, eSpeak NG's callbacks).
 */
#ifndef NR_UTF8_H
#define NR_UTF8_H
#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the code point at s[0..len) (len >= 1) into *cp and returns the bytes it used
 * (>= 1). An invalid, overlong, surrogate or truncated sequence yields U+FFFD and uses
 * exactly its maximal invalid subpart (the WHATWG / Unicode "best practice" rule).
 */
size_t nr_utf8_decode(const char *s, size_t len, uint32_t *cp);

#endif
