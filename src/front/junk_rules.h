/*
 * junk_rules.h — inside the junk stage (junk.h is its one entry point): the rules that
 * live in files of their own, and the edits of the output buffer every rule shares.
 *
 * junk.c runs the passes in order and holds the small rules (mangled references, tracking
 * ids, link URLs); a rule with enough cases to fill a file has one:
 *   junk_guides.c  pronunciation guides in parentheses ("(/ˈpærɪs/; listen)")
 *   junk_marks.c   footnote markers and editor tags ("[1]", "[citation needed]")
 *   junk_chrome.c  whole lines: boilerplate phrases ("Source link") and foreign-script banners
 * A rule removes text from a copy: what it keeps goes to an nr_buf `b`, and `floor` is
 * where this stage began writing in it (nothing before that is ever trimmed).
 */
#ifndef NR_JUNK_RULES_H
#define NR_JUNK_RULES_H
#include <stddef.h>
#include <string.h>
#include "front/junk.h"
#include "util/buf.h"
#include "util/chars.h"

/* ---- the rules of the other files ---- */

/* Can s[0..len) hold a pronunciation guide? Cheap: one look for the lead bytes of IPA. */
int nr_junk_has_ipa_lead(const char *s, size_t len);
/* Appends s[0..len) to b with the pronunciation guides in parentheses dropped or trimmed. */
void nr_junk_strip_guides(nr_buf *b, const char *s, size_t len);
/* At s[i] == '[': drops a run of footnote markers or copies a run that stays. Returns
 * where reading goes on, i when no marker starts there. */
size_t nr_junk_strip_marks(nr_buf *b, size_t floor, const char *s, size_t len, size_t i);
/* The line s[0..n) is only a boilerplate phrase of the list (which may be NULL). */
int nr_junk_is_boilerplate(const char *s, size_t n, const nr_junk_phrases *phrases);
/* The line s[0..n) is short and mostly in another script than Latin: a site banner. */
int nr_junk_is_foreign_chrome(const char *s, size_t n);

/* ---- bytes and the output buffer (inline: some run on every word; static, so no nr_ prefix) ---- */

/* s[0..n) starts with the lowercase ASCII string p, ignoring ASCII case. */
static inline int junk_has_prefix_ci(const char *s, size_t n, const char *p)
{
    size_t i = 0;
    for (; p[i]; i++)
        if (i >= n || nr_to_lower(s[i]) != p[i]) return 0;
    return 1;
}

/* True when nothing was written since `floor`, or the last byte written is blank. */
static inline int junk_ends_blank(const nr_buf *b, size_t floor)
{
    return b->len <= floor || nr_is_blank(b->s[b->len - 1]);
}

/* Drops the spaces and tabs written since `floor` at the end of b. */
static inline void junk_trim_spaces(nr_buf *b, size_t floor)
{
    size_t n = b->len;
    while (n > floor && (b->s[n - 1] == ' ' || b->s[n - 1] == '\t')) n--;
    nr_buf_truncate(b, n);
}

/*
 * After text was removed just before s[i]: skip spaces that would double the one already
 * written, and drop a written space left before closing punctuation or the line's end.
 * Returns where reading goes on.
 */
static inline size_t junk_close_gap(nr_buf *b, size_t floor, const char *s, size_t len, size_t i)
{
    if (junk_ends_blank(b, floor))
        while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i == len || (s[i] && strchr(".,;:!?)]}\n", s[i]))) junk_trim_spaces(b, floor);
    return i;
}

#endif
