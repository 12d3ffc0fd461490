/*
 * verbalize_date.c — dates in their written forms.
 * Not written yet: declines every token, so the other classes and the plain word apply.
 */
#include "front/verbalize.h"

size_t nr_verbalize_date(const nr_ctx *c, size_t i, nr_buf *out)
{
    (void)c;
    (void)i;
    (void)out;
    return 0;
}
