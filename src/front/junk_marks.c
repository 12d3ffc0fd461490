/*
 * junk_marks.c — footnote markers and editor tags, the junk rule of copied encyclopedia
 * text (see junk_rules.h): a file of its own because whether a bracket goes depends on
 * its kind, what stands before it and what follows.
 */
#include "front/junk_rules.h"
#include <string.h>

/* c is one of the bytes of set (strchr alone would also match a NUL byte). */
static int in_set(char c, const char *set) { return c && strchr(set, c); }

/*
 * Wikipedia marks footnotes "[1]", "[a]", "[note 2]", "[nb 1]" and flags doubts inline:
 * "[citation needed]", "[who?]", "[dubious - discuss]" (the en dash is " - " after clean).
 * These are superscripts on the page, glued to the word or punctuation they follow, so
 * they are judged by shape and place, not looked up in a list:
 *  - glued: any marker, unless the word before looks like code ("x[1]", "max_len[2]",
 *    "obj.items[1]": an index) or a letter follows ("[s]he": an editor's letter);
 *  - after a blank (a scraper put a space in): only note numbers that close a clause
 *    ("in 1450 [1].") and "[sic]" go; "he [the mayor] said" is an editor's insertion the
 *    sentence needs, and "see [1] for" uses the number as a noun.
 * Capitals, digits past three, apostrophes or colons inside ("Section [A]", "[1, 2, 3]",
 * "[Editor's note: ...]", "[O.S. 28 June]") are never markers.
 */
enum { NO_MARK, NUMBER_MARK, LETTER_MARK, TAG_MARK, SIC_MARK, LIST_MARK };

#define MAX_TAG 40      /* bytes inside the longest tag looked at ("further explanation needed": 27) */

/* 1–3 digits, no leading 0: footnotes count from 1, "[0]" is an index. */
static int is_note_number(const char *c, size_t m)
{
    if (m < 1 || m > 3 || c[0] == '0') return 0;
    for (size_t i = 0; i < m; i++)
        if (!nr_is_digit(c[i])) return 0;
    return 1;
}

/* 1–4 lowercase words ("self-published" is one), single spaces or " - " between them,
   perhaps a final '?'. A lone word needs 3 letters: "[ed]", "[es]" complete a quoted word. */
static int is_tag_words(const char *c, size_t m)
{
    size_t i = 0, words = 0;
    if (m && c[m - 1] == '?') m--;
    while (i < m) {
        size_t w = i;
        while (i < m && (nr_is_lower(c[i]) || (c[i] == '-' && i > w && i + 1 < m &&
                                                  nr_is_lower(c[i + 1]))))
            i++;
        if (i == w || ++words > 4) return 0;
        if (i == m) break;
        if (m - i > 3 && !memcmp(c + i, " - ", 3)) i += 3;
        else if (m - i > 1 && c[i] == ' ') i++;
        else return 0;
    }
    return words > 1 || (words == 1 && m >= 3);
}

/* "1, 2", "1-5", "3, 7-9": note numbers separated by commas or joined into ranges (the
   cleaner has made an en dash between digits a '-'). */
static int is_note_list(const char *c, size_t m)
{
    size_t i = 0, numbers = 0;
    while (i < m) {
        size_t d = i;
        while (d < m && nr_is_digit(c[d])) d++;
        if (!is_note_number(c + i, d - i)) return 0;
        numbers++;
        i = d;
        if (i == m) break;
        if (c[i] == '-') i++;
        else if (c[i] == ',') { i++; if (i < m && c[i] == ' ') i++; }
        else return 0;
        if (i == m) return 0;
    }
    return numbers > 1;
}

static int mark_kind(const char *c, size_t m)
{
    if (is_note_number(c, m)) return NUMBER_MARK;
    if (is_note_list(c, m)) return LIST_MARK;        /* only glued: "[1, 2, 3]" may be data */
    if ((m > 5 && !memcmp(c, "note ", 5) && is_note_number(c + 5, m - 5)) ||
        (m > 3 && !memcmp(c, "nb ", 3) && is_note_number(c + 3, m - 3)))
        return NUMBER_MARK;
    if (m == 1 && nr_is_lower(c[0])) return LETTER_MARK;
    if ((m == 3 && !memcmp(c, "sic", 3)) || (m == 4 && !memcmp(c, "sic!", 4))) return SIC_MARK;
    return is_tag_words(c, m) ? TAG_MARK : NO_MARK;
}

/* Kind of the bracket at s (s[0] == '['), with its length in *n. */
static int mark_at(const char *s, size_t len, size_t *n)
{
    size_t lim = len < MAX_TAG + 2 ? len : MAX_TAG + 2, e = 1;
    while (e < lim && s[e] != ']' && s[e] != '[' && s[e] != '\n') e++;
    if (e == lim || s[e] != ']') return NO_MARK;
    *n = e + 1;
    return mark_kind(s + 1, e - 1);
}

/*
 * The run of markers at s[i] ("[3][4]", "[2] [3]", "[citation needed][5]") and a page
 * number after a note ("[2]:14-15"). Returns its end (i when there is none); *kinds gets
 * 1 << kind of each marker.
 */
static size_t marker_run(const char *s, size_t len, size_t i, int *kinds)
{
    size_t n, start = i;
    int k = NO_MARK;
    *kinds = 0;
    for (;;) {
        int spaced = i > start && i + 1 < len && s[i] == ' ';   /* "[2] [3]": numbers only */
        size_t at = i + (size_t)spaced;
        int kind = at < len && s[at] == '[' ? mark_at(s + at, len - at, &n) : NO_MARK;
        if (kind == NO_MARK || (spaced && kind != NUMBER_MARK)) break;
        *kinds |= 1 << kind;
        k = kind;
        i = at + n;
    }
    if (k == NUMBER_MARK && i + 1 < len && s[i] == ':' && nr_is_digit(s[i + 1])) {
        i++;
        while (i < len && (nr_is_digit(s[i]) || (s[i] == '-' && i + 1 < len && nr_is_digit(s[i + 1]))))
            i++;
    }
    return i;
}

/* The word before s[i] is code: one lowercase letter ("x[1]"), has an underscore, or
   follows a member dot ("obj.items[1]"). */
static int is_code_word(const char *s, size_t i)
{
    size_t w = i, under = 0;
    while (w > 0 && i - w < 64 && (nr_is_alnum(s[w - 1]) || s[w - 1] == '_')) under += s[--w] == '_';
    if (under || (i - w == 1 && nr_is_lower(s[w]))) return 1;
    return w >= 2 && s[w - 1] == '.' && nr_is_alnum(s[w - 2]);
}

/* The word before the blanks before s[i] is short and lowercase: "in", "see", "and". */
static int after_short_word(const char *s, size_t i)
{
    size_t w = i, n = 0;
    while (w > 0 && (s[w - 1] == ' ' || s[w - 1] == '\t')) w--;
    while (w > 0 && n < 4 && nr_is_lower(s[w - 1])) { w--; n++; }
    return n >= 1 && n <= 3 && (w == 0 || !nr_is_alnum(s[w - 1]));
}

enum { KEEP_MARKS, DROP_MARKS, DROP_MARKS_SPACED };

/* Markers s[i..e) after a blank or at the line's start (see the rules above). */
static int judge_loose_marks(const char *s, size_t len, size_t i, size_t e, int kinds)
{
    int numbers = 1 << NUMBER_MARK, sic = 1 << SIC_MARK;
    if (kinds & ~(numbers | sic)) return KEEP_MARKS;
    if (kinds & sic) return DROP_MARKS;
    if (after_short_word(s, i)) return KEEP_MARKS;
    return e == len || in_set(s[e], ".,;:!?)\n") ? DROP_MARKS : KEEP_MARKS;
}

static int judge_marks(const char *s, size_t len, size_t i, size_t e, int kinds)
{
    char next = e < len ? s[e] : ' ', prev = i > 0 ? s[i - 1] : ' ';
    if (next == '(') return KEEP_MARKS;         /* "[text](url)" in Markdown, "f[1](x)" */
    if (nr_is_blank(prev)) return judge_loose_marks(s, len, i, e, kinds);
    if (!nr_is_alnum(prev) && !in_set(prev, ".,;:!?\"')]")) return KEEP_MARKS;   /* "([1])", "=[1]" */
    if (nr_is_alnum(prev) && is_code_word(s, i)) return KEEP_MARKS;
    if (!nr_is_alnum(next)) return DROP_MARKS;
    /* "1450.[1]The": a scraper lost the space after the note */
    return kinds == 1 << NUMBER_MARK && in_set(prev, ".,;:!?") ? DROP_MARKS_SPACED : KEEP_MARKS;
}

/*
 * At s[i] == '[': drops a run of markers or copies a run that stays (so no bracket of it is
 * looked at twice). Returns where reading goes on, i when there is no run.
 */
size_t nr_junk_strip_marks(nr_buf *b, size_t floor, const char *s, size_t len, size_t i)
{
    int kinds;
    size_t e = marker_run(s, len, i, &kinds);
    if (e == i) return i;
    switch (judge_marks(s, len, i, e, kinds)) {
    case DROP_MARKS: return junk_close_gap(b, floor, s, len, e);
    case DROP_MARKS_SPACED: nr_buf_putc(b, ' '); return e;
    default: nr_buf_put(b, s + i, e - i); return e;
    }
}
