/*
 * format.c — SSML, HTML or plain text, from a text's first bytes (see format.h).
 *
 * SSML keeps the rule it had when it was the only markup known (engine.c's sniff_ssml):
 * "<speak" or "<?xml" as the first non-blank characters, nothing else; a text that merely
 * holds tags stays text. The one change: an XML declaration followed by an HTML doctype
 * or <html> is XHTML. HTML is told by how pages start (a doctype, <html>, <head>, <body>,
 * after blanks and comments) or, for a saved fragment, by being mostly tags: at least 8
 * tags and more bytes of tags than of text — a line of prose with a few tags in it, or an
 * SSML fragment, stays text.
 */
#include "input/format.h"
#include <string.h>

enum { NO = 0, YES = 1, MORE = -1 };    /* a match, none, or too few bytes to tell */

static int blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int alnum(int c) { return (c >= '0' && c <= '9') || (lower(c) >= 'a' && lower(c) <= 'z'); }

/* Does s (n bytes) start with `word` (ignoring case)? MORE: s is a prefix of it. */
static int starts(const char *s, size_t n, const char *word, int fold)
{
    size_t w = strlen(word);
    for (size_t i = 0; i < w; i++) {
        if (i == n) return MORE;
        if ((fold ? lower((unsigned char)s[i]) : s[i]) != word[i]) return NO;
    }
    return YES;
}

/* A tag name `word` at s: the word, then a character that cannot go on a name. */
static int tag_named(const char *s, size_t n, const char *word)
{
    int m = starts(s, n, word, 1);
    if (m != YES) return m;
    size_t w = strlen(word);
    return w == n ? MORE : !alnum((unsigned char)s[w]) && s[w] != '-' && s[w] != ':';
}

static size_t skip_blanks(const char *s, size_t i, size_t n)
{
    while (i < n && blank(s[i])) i++;
    return i;
}

/* Past blanks, comments and an XML declaration; (size_t)-1 when one of them is not over. */
static size_t skip_prolog(const char *s, size_t n)
{
    size_t i = skip_blanks(s, 0, n);
    for (;;) {
        const char *close = starts(s + i, n - i, "<!--", 0) == YES ? "-->"
                          : starts(s + i, n - i, "<?", 0) == YES ? "?>" : NULL;
        if (!close) return i;
        const char *end = NULL;
        for (size_t k = i + 2; k + strlen(close) <= n && !end; k++)
            if (!memcmp(s + k, close, strlen(close))) end = s + k;
        if (!end) return (size_t)-1;
        i = skip_blanks(s, (size_t)(end - s) + strlen(close), n);
    }
}

/* The start of a page: YES, NO or MORE. */
static int html_start(const char *s, size_t n)
{
    size_t i = skip_prolog(s, n);
    if (i == (size_t)-1 || i == n) return MORE;
    static const char *const names[] = { "<!doctype html", "<html", "<head", "<body" };
    int more = 0;
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        int m = tag_named(s + i, n - i, names[k]);
        if (m == YES) return YES;
        more |= m == MORE;
    }
    return more ? MORE : NO;
}

/* At least 8 tags and more bytes in tags than in text (blanks not counted). */
static int mostly_tags(const char *s, size_t n)
{
    size_t tags = 0, in_tags = 0, in_text = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int opens = c == '<' && i + 1 < n && (alnum((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!');
        if (!opens) { in_text += !blank((char)c); continue; }
        size_t k = i;
        while (k < n && s[k] != '>') k++;
        tags++;
        in_tags += k - i + 1;
        i = k;
    }
    return tags >= 8 && in_tags > in_text;
}

/* SSML as before: YES, NO or MORE. An XML declaration before an HTML start is XHTML. */
static int ssml_start(const char *s, size_t n, size_t i, int enough)
{
    int speak = starts(s + i, n - i, "<speak", 0), xml = starts(s + i, n - i, "<?xml", 0);
    if (speak == YES) return YES;
    if (xml == YES) {
        int page = html_start(s, n);
        return page == YES ? NO : page == NO || enough ? YES : MORE;
    }
    return speak == MORE || xml == MORE ? MORE : NO;
}

nr_format nr_format_detect(const char *s, size_t n, int at_end)
{
    if (n > NR_FORMAT_ENOUGH) n = NR_FORMAT_ENOUGH;
    int enough = at_end || n == NR_FORMAT_ENOUGH;
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;     /* a byte-order mark */
    i = skip_blanks(s, i, n);
    if (i == n || (n < 3 && (unsigned char)s[0] == 0xEF)) return at_end ? NR_FORMAT_TEXT : NR_FORMAT_UNDECIDED;
    int ssml = ssml_start(s, n, i, enough);
    if (ssml == YES) return NR_FORMAT_SSML;
    if (ssml == MORE) return at_end ? NR_FORMAT_TEXT : NR_FORMAT_UNDECIDED;
    if (s[i] != '<') return NR_FORMAT_TEXT;
    int page = html_start(s + i, n - i);
    if (page == YES) return NR_FORMAT_HTML;
    if (page == MORE && !enough) return NR_FORMAT_UNDECIDED;
    if (!enough) return NR_FORMAT_UNDECIDED;
    return mostly_tags(s + i, n - i) ? NR_FORMAT_HTML : NR_FORMAT_TEXT;
}
