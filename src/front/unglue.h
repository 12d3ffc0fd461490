/*
 * unglue.h — separates words that punctuation glues together without a space
 * ("Hi,no,yes" "1!hello" "5pm,4pm" "(2014).and" "114...48" "stopped--there"), so that
 * the tokenizer sees them as separate words. Thousands separators, URLs and e-mail addresses stay whole.
 */
#ifndef NR_UNGLUE_H
#define NR_UNGLUE_H
#include <stddef.h>
#include "util/buf.h"

/* When text has glued punctuation, appends it to out with a space inserted after each
 * glue and returns 1; otherwise returns 0 and leaves out alone (use text as it is). */
int nr_unglue(nr_buf *out, const char *text, size_t len);

#endif
