/*
 * junk.h — scraper junk removal for one paragraph of cleaned text (article mode only;
 * a screen reader wants every character it was given, so its caller skips this stage).
 * The one entry point of the stage: its rules sit in junk*.c by concern (junk_rules.h).
 */
#ifndef NR_JUNK_H
#define NR_JUNK_H
#include <stddef.h>
#include "util/buf.h"

/*
 * Appends para[0..len) to out without scraper junk:
 *  - "(19659028)", "[19659904]": 6+ digits alone in () or [] (tracking ids);
 *  - bare URLs (http://, https://, www.) with 4+ path segments, a query or a fragment;
 *  - lines (split at '\n') of fewer than 20 words whose letters are mostly non-Latin
 *    (site chrome such as a Persian "WordPress template" banner);
 *  - lines that are only a boilerplate phrase from the NULL-terminated list `boilerplate`;
 *    a phrase ending in '*' matches short lines that start with it and do not end like a
 *    sentence ("Updated *": "Updated 3:42 p.m. ET"), one starting with '*' short lines
 *    that end with it ("* min read")
 *    (may be NULL), compared case-insensitively, ignoring surrounding punctuation;
 *  - mangled character references: an isolated combining mark (U+0300–U+036F after
 *    whitespace) followed by "1;"-style leftovers becomes " - ", alone it is dropped;
 *  - footnote markers and editor tags glued to the text before them: "1450.[1]",
 *    "region[a]", "[3][4]", "[note 2]", "[nb 1]", "[2]:14", and brackets of 1–4 lowercase
 *    words ("[citation needed]", "[who?]", "[dubious - discuss]", "[sic]"); after a blank
 *    only note numbers that end a clause ("in 1450 [1].") and "[sic]". Kept: code indices
 *    ("x[1]", "a_b[2]", "[0]"), anything with capitals, digit lists or apostrophes
 *    ("Section [A]", "[1, 2, 3]", "[Editor's note: ...]"), "he [the mayor] said";
 *  - pronunciation guides in parentheses: /slashes/ or [brackets] holding IPA letters,
 *    with "listen", respellings ("PARR-iss") and short labels ("French pronunciation:");
 *    a parenthesis of nothing else goes, others keep the rest ("(10 July 1856 - ...)").
 * Tags are matched by shape, not looked up: the lexicon has no list of them.
 * Space left around removed text is collapsed; everything else passes byte for byte.
 * A paragraph that ends up blank appends nothing.
 */
void nr_junk_strip(nr_buf *out, const char *para, size_t len, const char *const *boilerplate);

/* The same with the phrase list made ready once (nr_junk_strip makes it on every call):
 * what the front end uses for every paragraph. _new returns NULL when out of memory. */
typedef struct nr_junk_phrases nr_junk_phrases;
nr_junk_phrases *nr_junk_phrases_new(const char *const *boilerplate);
void nr_junk_phrases_free(nr_junk_phrases *phrases);
void nr_junk_strip_with(nr_buf *out, const char *para, size_t len, const nr_junk_phrases *phrases);

#endif
