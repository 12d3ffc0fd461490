/* texthead.c — a headline said once, without the breadcrumb before it (see texthead.h). */
#include "input/texthead.h"
#include "util/chars.h"
#include <string.h>

#define HEAD_PARAGRAPHS 4       /* the head: a banner, the breadcrumb line, the headline */
#define HEADLINE_MAX 300        /* bytes: longer is a paragraph of the story */
#define BREADCRUMB_WORDS_MAX 5  /* "Home News World Europe" */

static void trim(const char **s, size_t *len)
{
    while (*len && nr_is_blank(**s)) (*s)++, (*len)--;
    while (*len && nr_is_blank((*s)[*len - 1])) (*len)--;
}

/* Where the last line of s[0..len) starts. */
static size_t last_line(const char *s, size_t len)
{
    size_t i = len;
    while (i && s[i - 1] != '\n') i--;
    return i;
}

/* Its last line could be a headline: short, no sentence end. */
static int headline_like(const char *s, size_t len)
{
    size_t from = last_line(s, len);
    return len && len - from <= HEADLINE_MAX && !strchr(".!?:;,", s[len - 1]);
}

static int is_link(const char *w, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++)
        if (!memcmp(w + i, "://", 3)) return 1;
    return n > 4 && !memcmp(w, "www.", 4);
}

static int is_separator(const char *w, size_t n)
{
    static const char *const seps[] = { ">", "/", "|", "-", "\xc2\xbb", "\xe2\x80\xba", "\xc2\xb7", "\xe2\x80\xa2", NULL };
    for (size_t k = 0; seps[k]; k++)
        if (strlen(seps[k]) == n && !memcmp(w, seps[k], n)) return 1;
    return 0;
}

/* s[0..len) is a breadcrumb: a few words, each capitalized (or in another script), with
 * links and separators between them. */
static int breadcrumb(const char *s, size_t len)
{
    size_t words = 0;
    for (size_t i = 0; i < len;) {
        while (i < len && nr_is_blank(s[i])) i++;
        size_t w = i;
        while (i < len && !nr_is_blank(s[i])) i++;
        if (i == w) break;
        if (is_link(s + w, i - w) || is_separator(s + w, i - w)) continue;
        if (!nr_is_upper(s[w]) && (unsigned char)s[w] < 0x80) return 0;
        if (++words > BREADCRUMB_WORDS_MAX) return 0;
    }
    return words > 0;
}

/* The last line of the held paragraph (from `line` on) says nothing the next paragraph does
 * not: the same text, or a breadcrumb and then that text. */
static int held_repeats(const char *held, size_t hn, size_t line, const char *next, size_t nn)
{
    if (!nn || nn > hn - line || memcmp(held + hn - nn, next, nn)) return 0;
    size_t crumb = hn - nn;
    return crumb == line || (nr_is_blank(held[crumb - 1]) && breadcrumb(held + line, crumb - line));
}

static int hand_on_held(nr_texthead *h, nr_paragraph_fn fn, void *user)
{
    if (!h->holding) return 0;
    h->holding = 0;
    return fn(h->held.s, h->held.len, user);
}

int nr_texthead_paragraph(nr_texthead *h, const char *text, size_t len, nr_paragraph_fn fn, void *user)
{
    const char *s = text;
    size_t n = len;
    trim(&s, &n);
    if (!n) return h->holding ? 0 : fn(text, len, user);   /* blank: nothing to compare */
    if (++h->seen > HEAD_PARAGRAPHS + 1) return fn(text, len, user);
    if (h->holding) {
        const char *held = h->held.s;
        size_t hn = h->held.len;
        trim(&held, &hn);
        size_t line = last_line(held, hn);
        int rc;
        if (held_repeats(held, hn, line, s, n)) {   /* the headline once: the lines before it stay */
            h->holding = 0;
            const char *before = held;
            size_t bn = line;
            trim(&before, &bn);
            rc = bn ? fn(before, bn, user) : 0;
        } else rc = hand_on_held(h, fn, user);
        if (rc) return rc;
    }
    if (h->seen <= HEAD_PARAGRAPHS && headline_like(s, n)) {
        nr_buf_clear(&h->held);
        nr_buf_put(&h->held, text, len);
        if (h->held.oom) return -1;
        h->holding = 1;
        return 0;
    }
    return fn(text, len, user);
}

int nr_texthead_end(nr_texthead *h, nr_paragraph_fn fn, void *user)
{
    int rc = hand_on_held(h, fn, user);
    h->seen = 0;
    return rc;
}

void nr_texthead_reset(nr_texthead *h)
{
    h->holding = 0;
    h->seen = 0;
    nr_buf_clear(&h->held);
}

void nr_texthead_free(nr_texthead *h)
{
    nr_buf_free(&h->held);
    h->holding = h->seen = 0;
}
