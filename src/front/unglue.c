/* unglue.c — a space after punctuation that glues two words together (see unglue.h). */
#include "front/unglue.h"
#include <string.h>
#include "util/chars.h"

/* Space, tab or newline: what separates words here (a '\r' stays inside the word). */
static int is_blank_not_cr(char c) { return c == ' ' || c == '\n' || c == '\t'; }

/* URLs, e-mail addresses and paths keep their punctuation: electronic text reads it out. */
static int is_electronic(const char *w, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (w[k] == '@') return 1;
        if (w[k] == ':' && k + 2 < n && w[k + 1] == '/' && w[k + 2] == '/') return 1;
        if (k + 4 <= n && memcmp(w + k, "www.", 4) == 0) return 1;
    }
    return 0;
}

static int is_closer(char c) { return c == '"' || c == ')' || c == ']'; }

/* Number of bytes of glue punctuation starting at w[k] after which a space belongs, or 0.
 * The punctuation may be followed by one closing quote or bracket: ',"he' -> ',"' + 'he'. */
static size_t glue_at(const char *w, size_t n, size_t k)
{
    char c = w[k];
    if (k == 0) return 0;
    if (c == '.' && k + 2 < n && w[k + 1] == '.' && w[k + 2] == '.')
        return k + 3 < n && nr_is_alnum(w[k + 3]) ? 3 : 0;             /* "114...48" */
    size_t j = k + 1;
    if (j < n && is_closer(w[j]) && (c != '.' || w[j] != ')')) j++;
    if (j >= n || !nr_is_alnum(w[j])) return 0;
    switch (c) {
    case ',': return nr_is_digit(w[k - 1]) && nr_is_digit(w[j]) ? 0 : j - k;  /* "1,000" stays */
    case ';': case '!': case '?': return j - k;
    case '.':  /* "(2014).and", 'end."Next', "said.The", "5%.Analysts" — but not "U.S",
                * "e.g", "3.5", "example.com", "Node.Js"-like names stay when short */
        if (is_closer(w[k - 1]) || j > k + 1) return j - k;
        return (nr_is_lower(w[k - 1]) || w[k - 1] == '%') && nr_is_upper(w[j]) &&
               j + 1 < n && nr_is_lower(w[j + 1]) ? 1 : 0;
    default: return 0;
    }
}

/* "--" inside a word, the typewriter's dash ("stopped--there", "But--"): its length, or 0. */
static size_t double_hyphen_at(const char *w, size_t n, size_t k)
{
    if (k + 1 >= n || w[k] != '-' || w[k + 1] != '-' || (k > 0 && w[k - 1] == '-')) return 0;
    size_t e = k;
    while (e < n && w[e] == '-') e++;
    return e - k;
}

static void unglue_word(nr_buf *out, const char *w, size_t n)
{
    if (is_electronic(w, n)) { nr_buf_put(out, w, n); return; }
    size_t from = 0;
    for (size_t k = 0; k < n; k++) {
        size_t d = double_hyphen_at(w, n, k);
        if (d && d < n) {                       /* set the dash apart: "stopped -- there" */
            nr_buf_put(out, w + from, k - from);
            if (k > 0) nr_buf_putc(out, ' ');
            nr_buf_put(out, w + k, d);
            if (k + d < n && nr_is_alnum(w[k + d])) nr_buf_putc(out, ' ');
            from = k + d;
            k += d - 1;
            continue;
        }
        size_t g = glue_at(w, n, k);
        if (!g) continue;
        nr_buf_put(out, w + from, k + g - from);
        nr_buf_putc(out, ' ');
        from = k + g;
        k += g - 1;
    }
    nr_buf_put(out, w + from, n - from);
}

/* Is there any glue at all? Judged on the whole text at once, which can only find more
 * than the word-by-word pass (never less), so a "no" is safe to trust. */
static int has_glue(const char *text, size_t len)
{
    static const unsigned char may_glue[256] = { [','] = 1, [';'] = 1, ['!'] = 1, ['?'] = 1, ['.'] = 1, ['-'] = 1 };
    for (size_t k = 1; k < len; k++) {
        if (!may_glue[(unsigned char)text[k]]) continue;   /* most bytes: one look-up */
        switch (text[k]) {
        case ',': case ';': case '!': case '?': case '.':
            if (glue_at(text, len, k)) return 1;
            break;
        case '-':
            if (k + 1 < len && text[k + 1] == '-') return 1;
        }
    }
    return 0;
}

int nr_unglue(nr_buf *out, const char *text, size_t len)
{
    if (!has_glue(text, len)) return 0;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && is_blank_not_cr(text[i])) i++;
        nr_buf_put(out, text + start, i - start);
        start = i;
        while (i < len && !is_blank_not_cr(text[i])) i++;
        unglue_word(out, text + start, i - start);
    }
    return 1;
}
