/*
 * verbalize_electronic.c — e-mail addresses, URLs, domains, @handles and #hashtags.
 * Not written yet: declines every token, so the other classes and the plain word apply.
 */
#include "front/verbalize.h"

size_t nr_verbalize_electronic(const nr_ctx *c, size_t i, nr_buf *out)
{
    (void)c;
    (void)i;
    (void)out;
    return 0;
}
