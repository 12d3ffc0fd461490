/*
 * clean.h — the first front-end stage: any bytes in, tidy valid UTF-8 out.
 * Later stages (segmenting, verbalizing) and eSpeak assume well-formed text without
 * invisible characters or typographic variants, so this is where that is made true.
 */
#ifndef NR_CLEAN_H
#define NR_CLEAN_H
#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"
#include "util/utf8.h"

/*
 * Appends a cleaned copy of in[0..len) (any bytes, NULs included) to out:
 * invalid UTF-8 → U+FFFD, controls → space or dropped, CR/CRLF → LF, invisible
 * characters dropped, Unicode spaces/quotes/dashes/ellipsis/fullwidth forms → ASCII.
 * A no-break, narrow no-break or thin space grouping digits ("12 345", "1 234 567",
 * groups of exactly three, no decimal comma after) becomes ',' so the number stays one.
 * Everything else passes through unchanged. Linear time, no size limits.
 */
void nr_clean(nr_buf *out, const char *in, size_t len);

#endif
