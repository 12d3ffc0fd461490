/*
 * dateline.h — the dateline that opens a news story: the place in capitals, maybe the
 * agency's credit, and a dash before the story's first word ("BERLIN-The", "HARBOR CITY
 * (AP) - The", "WASHINGTON -- A"). Read as written, eSpeak NG spells the capitals and runs
 * the place into the sentence ("HARBOR C I T Y The"); a newsreader says the place as a
 * name and pauses: "Harbor City. The". The agency's credit is not read.
 */
#ifndef NR_DATELINE_H
#define NR_DATELINE_H
#include <stddef.h>
#include "util/buf.h"

/* If s[0..len) opens with a dateline, appends the paragraph with it read as a place and a
 * sentence end ("Berlin. The German ...") to out and returns 1; else returns 0 and leaves
 * out as it was. A dash before a word in capitals or a lower-case one is no dateline
 * ("ISRAEL-GAZA WAR", "NATO-led"). */
int nr_dateline(nr_buf *out, const char *s, size_t len);

#endif
