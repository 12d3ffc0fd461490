/* dateline.c — "BERLIN-The" read as "Berlin. The" (see dateline.h). It runs on cleaned
 * text, where every dash is ASCII: "-", "--", or " - " for an em dash. */
#include "front/dateline.h"
#include "util/chars.h"
#include <string.h>

#define PLACE_WORDS_MAX 4       /* "RIO DE JANEIRO", "SALT LAKE CITY" */
#define CREDIT_MAX 24           /* "(AP)", "(Reuters)", "(AFP/Getty)" */

/* A word of the place at s: capitals, with an apostrophe or an inner dot ("O'HARE",
 * "D.C."); its length, or 0. */
static size_t place_word(const char *s, size_t len)
{
    size_t i = 0, letters = 0;
    while (i < len && (nr_is_upper(s[i]) || ((s[i] == '\'' || s[i] == '.') && i > 0))) {
        letters += nr_is_upper(s[i]);
        i++;
    }
    return letters && (i == len || !nr_is_alnum(s[i])) ? i : 0;    /* "Ukraine" is no word in capitals */
}

/* After the place in capitals, its region in ordinary case: ", Ukraine", ", Calif.",
 * ", New Mexico" (AP style); its length, or 0. */
static size_t region(const char *s, size_t len)
{
    if (len < 3 || s[0] != ',' || s[1] != ' ') return 0;
    size_t i = 2, words = 0, end = 0;
    while (words < 3 && i + 1 < len && nr_is_upper(s[i]) && (nr_is_lower(s[i + 1]) || s[i + 1] == '.')) {
        i++;
        while (i < len && (nr_is_lower(s[i]) || s[i] == '.')) i++;
        end = i;
        words++;
        if (i + 1 < len && s[i] == ' ' && nr_is_upper(s[i + 1]) && i + 2 < len && nr_is_lower(s[i + 2])) i++;
        else break;
    }
    return end;
}

/* The end of the place and its credit: words in capitals separated by a space or ", ",
 * then maybe "(AGENCY)". 0 when s does not open with a place of at least two letters. */
static size_t place_end(const char *s, size_t len, size_t *place_len)
{
    size_t i = 0, words = 0, letters = 0;
    for (;;) {
        size_t w = place_word(s + i, len - i);
        if (!w || ++words > PLACE_WORDS_MAX) return 0;
        letters += w;
        i += w;
        *place_len = i;
        size_t gap = i + 1 < len && s[i] == ',' && s[i + 1] == ' ' ? 2 : i < len && s[i] == ' ' ? 1 : 0;
        if (!gap || !place_word(s + i + gap, len - i - gap)) break;
        i += gap;
    }
    if (letters < 2) return 0;
    i += region(s + i, len - i);
    *place_len = i;
    size_t j = i;
    while (j < len && s[j] == ' ') j++;
    if (j < len && s[j] == '(') {           /* the credit: "(AP)" */
        size_t k = j + 1;
        while (k < len && k - j <= CREDIT_MAX && s[k] != ')' && s[k] != '\n') k++;
        if (k < len && s[k] == ')' && k > j + 1) i = k + 1;
    }
    return i;
}

/* The story's first word at s, after the dash: "The", "A", "German" — a capital, then a
 * lower-case letter or the end of a one-letter word. */
static int story_starts(const char *s, size_t len)
{
    if (!len || !nr_is_upper(s[0])) return 0;
    return len == 1 || nr_is_lower(s[1]) || s[1] == ' ';
}

/* The place as a name: "HARBOR CITY" -> "Harbor City"; a word with a dot stays ("D.C."). */
static void put_place(nr_buf *out, const char *s, size_t len)
{
    for (size_t k = 0; k < len;) {
        size_t w = place_word(s + k, len - k);
        if (!w) { nr_buf_putc(out, s[k++]); continue; }     /* the space or ", " between */
        int dotted = memchr(s + k, '.', w) != NULL;
        nr_buf_putc(out, s[k]);
        for (size_t j = 1; j < w; j++) nr_buf_putc(out, dotted ? s[k + j] : nr_to_lower(s[k + j]));
        k += w;
    }
}

int nr_dateline(nr_buf *out, const char *s, size_t len)
{
    size_t lead = 0;
    while (lead < len && nr_is_blank(s[lead])) lead++;
    size_t place_len = 0, i = place_end(s + lead, len - lead, &place_len);
    if (!i) return 0;
    i += lead;
    while (i < len && s[i] == ' ') i++;
    size_t dashes = 0;
    while (i < len && s[i] == '-' && dashes < 2) i++, dashes++;
    if (!dashes) return 0;
    while (i < len && s[i] == ' ') i++;
    if (!story_starts(s + i, len - i)) return 0;

    nr_buf_put(out, s, lead);
    put_place(out, s + lead, place_len);
    nr_buf_puts(out, s[lead + place_len - 1] == '.' ? " " : ". ");     /* "D.C." has its dot */
    nr_buf_put(out, s + i, len - i);
    return 1;
}
