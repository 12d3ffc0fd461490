/*
 * verbalize_measure.c — numbers with units of measure.
 * Not written yet: declines every token, so the other classes and the plain word apply.
 */
#include "front/verbalize.h"

size_t nr_verbalize_measure(const nr_ctx *c, size_t i, nr_buf *out)
{
    (void)c;
    (void)i;
    (void)out;
    return 0;
}
