/*
 * verbalize_electronic.c — e-mail addresses, URLs, bare domains, @handles and #hashtags,
 * read out the way a person dictates them:
 *   bojan.pancevski@wsj.com       -> bojan dot pancevski at W S J dot com
 *   https://www.nvidia.com/dgx    -> H T T P S colon slash slash W W W dot nvidia dot com slash D G X
 *   example.co.uk                 -> example dot co dot U K
 *   @NYTimes  #MeToo              -> at N Y Times   hashtag Me Too
 *
 * Recognition is by shape, and strict, because a dot inside a word is usually something
 * else (U.S., e.g., 3.5, end.The): a token is ours when it has a scheme ("https://",
 * "mailto:"), an '@' between a local part and a dotted host, a "www." host, or a dotted
 * host whose last label is a known top-level domain written in lower case (lexicon table
 * electronic_tlds). Codes that are also English words (in, it, me, to) carry `weak: true`
 * and need a third label or a path before a bare word.word counts as a domain.
 *
 * Reading: the address is cut into runs of letters, runs of digits and single symbols.
 * Symbols are said by electronic_symbols (dot, slash, dash, ...). A host label after the
 * first that is a top-level domain takes its reading from electronic_tlds (com, dot U K).
 * A run of letters is split at camel-case humps, then looked up in electronic_words
 * (www, http, jpg); otherwise capitals are spelled by the letters class, a lower-case
 * run without a vowel is spelled ("wsj"), and anything else is left to eSpeak NG, which
 * says pronounceable strings as words. Digits are read one by one ("123" -> one two three)
 * except round numbers ("rtx-6000" -> six thousand); in hashtags they are numbers.
 *
 * A lone letter is spelled by nr_say_letter (a -> Eh: eSpeak NG reads a bare "A" as the article).
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>
#include <strings.h>


/* Bytes of non-ASCII letters ("münchen") count as lower-case letters here: they stay
 * inside their word. */
static int is_lower_or_utf8(char c) { return nr_is_lower(c) || (unsigned char)c >= 0x80; }
static int is_letter_or_utf8(char c) { return nr_is_upper(c) || is_lower_or_utf8(c); }
static int is_alnum_or_utf8(char c) { return is_letter_or_utf8(c) || nr_is_digit(c); }
static int is_ascii(char c) { return (unsigned char)c < 0x80; }
static int is_vowel(char c) { return c && strchr("aeiouyAEIOUY", c) != NULL; }

/* ---- saying the pieces ---- */

/* Capitals through the letters class ("DGX" -> D G X, "NASA" stays a word). */
static void say_caps(const nr_ctx *c, const char *s, size_t n, nr_buf *out)
{
    if (n == 1) { nr_say_letter(out, s[0]); return; }
    nr_buf word = { 0 };
    nr_buf_put(&word, s, n);
    nr_tokens t = { 0 };
    if (!word.oom) nr_tokenize(&t, word.s, word.len);
    nr_ctx sub = { &t, c->lex };
    if (word.oom || t.oom || t.n != 1 || !nr_verbalize_letters(&sub, 0, out)) nr_buf_wordn(out, s, n);
    nr_tokens_free(&t);
    nr_buf_free(&word);
}

/* One camel-case part: a listed word, spelled capitals, a spelled vowel-less run, or as written. */
static void say_part(const nr_ctx *c, const char *s, size_t n, nr_buf *out)
{
    const nr_lex_entry *e = nr_lex_find_nocase(c->lex, NR_T_electronic_words, s, n);
    if (e) { nr_buf_word(out, e->say); return; }
    size_t caps = 0, vowels = 0, ascii = 0;
    for (size_t k = 0; k < n; k++) {
        caps += nr_is_upper(s[k]);
        vowels += is_vowel(s[k]);
        ascii += is_ascii(s[k]);
    }
    if (ascii < n) nr_buf_wordn(out, s, n);
    else if (n == 1) nr_say_letter(out, s[0]);
    else if (caps == n) say_caps(c, s, n, out);
    else if (!vowels) {
        for (size_t k = 0; k < n; k++) nr_say_letter(out, s[k]);
    } else nr_buf_wordn(out, s, n);
}

/* Where the camel-case part starting at s ends: "MeToo" -> "Me", "NYTimes" -> "NY", "McDonald" whole. */
static size_t camel_part(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && nr_is_upper(s[k])) k++;
    if (k > 1 && k < n) return k - 1;          /* "NYTimes": the last capital starts "Times" */
    if (k > 1) return k;
    int vowel = 0;
    for (;;) {
        while (k < n && is_lower_or_utf8(s[k])) vowel |= is_vowel(s[k++]);
        if (k == n || vowel) return k;
        while (k < n && nr_is_upper(s[k])) k++;    /* "McDonald": "Mc" is no word of its own */
    }
}

static void say_letters(const nr_ctx *c, const char *s, size_t n, nr_buf *out)
{
    for (size_t k = 0; k < n;) {
        size_t part = camel_part(s + k, n - k);
        say_part(c, s + k, part, out);
        k += part;
    }
}

/* Digits in a URL or e-mail address: one by one, except short round numbers ("6000", "100"). */
static void say_digits(const char *s, size_t n, nr_buf *out)
{
    int round = n >= 3 && n <= 4 && s[0] != '0' && s[n - 1] == '0' && s[n - 2] == '0';
    if (n == 1 || round) nr_say_cardinal(out, s, n);
    else nr_say_digits(out, s, n);
}

/* Digits in a hashtag are numbers: "#G20" twenty, "#Election2020" twenty twenty. */
static void say_tag_digits(const char *s, size_t n, nr_buf *out)
{
    if (s[0] == '0' || n > 4) nr_say_digits(out, s, n);
    else if (n == 4) nr_say_year(out, s, n);
    else nr_say_cardinal(out, s, n);
}

static void say_symbol(const nr_ctx *c, char ch, nr_buf *out)
{
    const nr_lex_entry *e = c->lex ? nr_lex_find(c->lex, NR_T_electronic_symbols, &ch, 1) : NULL;
    if (e) nr_buf_word(out, e->say);
}

/* s cut into runs of letters, runs of digits (said by `digits`) and single symbols,
 * which `symbols` says and otherwise only separate the runs. */
static void say_pieces(const nr_ctx *c, const char *s, size_t n, void (*digits)(const char *, size_t, nr_buf *),
                       int symbols, nr_buf *out)
{
    for (size_t k = 0; k < n;) {
        size_t m = k;
        if (is_letter_or_utf8(s[k])) {
            while (m < n && is_letter_or_utf8(s[m])) m++;
            say_letters(c, s + k, m - k, out);
        } else if (nr_is_digit(s[k])) {
            while (m < n && nr_is_digit(s[m])) m++;
            digits(s + k, m - k, out);
        } else {
            if (symbols) say_symbol(c, s[k], out);
            m = k + 1;
        }
        k = m;
    }
}

/* Any stretch of an address: runs of letters, runs of digits, symbols. */
static void say_run(const nr_ctx *c, const char *s, size_t n, nr_buf *out)
{
    say_pieces(c, s, n, say_digits, 1, out);
}

/* ---- hosts ---- */

typedef struct {
    size_t len;         /* bytes of the host ("www.example.com") */
    size_t labels;
    size_t tld;         /* offset of the last label */
} host;

/* A dotted host at s: labels of letters, digits and inner hyphens, at least two. */
static int parse_host(const char *s, size_t n, host *h)
{
    size_t k = 0, start = 0;
    *h = (host){ 0 };
    for (;; k++) {
        if (k < n && (is_alnum_or_utf8(s[k]) || s[k] == '-')) continue;
        if (k == start || s[start] == '-' || s[k - 1] == '-') return 0;
        h->labels++;
        h->tld = start;
        if (k < n && s[k] == '.' && k + 1 < n && is_alnum_or_utf8(s[k + 1])) { start = k + 1; continue; }
        break;
    }
    h->len = k;
    if (h->labels < 2) return 0;
    for (size_t j = h->tld; j < k; j++)
        if (is_letter_or_utf8(s[j])) return 1;
    return 0;
}

/* Reads a host: labels said by say_run, a top-level domain after the first label by the table. */
static void say_host(const nr_ctx *c, const char *s, const host *h, nr_buf *out)
{
    size_t start = 0, label = 0;
    for (size_t k = 0; k <= h->len; k++) {
        if (k < h->len && s[k] != '.') continue;
        const nr_lex_entry *e = label ? nr_lex_find_nocase(c->lex, NR_T_electronic_tlds, s + start, k - start) : NULL;
        if (e) nr_buf_word(out, e->say);
        else say_run(c, s + start, k - start, out);
        if (k < h->len) say_symbol(c, '.', out);
        start = k + 1;
        label++;
    }
}

/* A bare host is a domain when its top-level domain is listed and written in lower case
 * (or the whole host is in capitals); a weak one needs a third label or a path after it. */
static int known_domain(const nr_ctx *c, const char *s, const host *h, int path)
{
    size_t n = h->len - h->tld;
    const char *tld = s + h->tld;
    int lower = 1, upper = 1;
    for (size_t k = 0; k < h->len; k++) {
        if (nr_is_upper(s[k])) lower = k < h->tld ? lower : 0;
        if (is_lower_or_utf8(s[k])) upper = 0;
    }
    if (!lower && !upper) return 0;
    const nr_lex_entry *e = nr_lex_find_nocase(c->lex, NR_T_electronic_tlds, tld, n);
    if (!e) return 0;
    return !nr_lex_field_is(e, "weak", "true") || h->labels >= 3 || path;
}

/* Length of a trailing possessive "'s" (0 if none). */
static size_t possessive(const char *s, size_t n)
{
    if (n >= 3 && s[n - 2] == '\'' && s[n - 1] == 's') return 2;
    if (n >= 5 && !memcmp(s + n - 4, "\xe2\x80\x99s", 4)) return 4;
    return 0;
}

/* What may follow a host inside the same address. */
static int host_end_ok(const char *s, size_t n, size_t k)
{
    return k == n || s[k] == '/' || s[k] == ':' || s[k] == '?' || s[k] == '#';
}

/* ---- the shapes ---- */

/* "https://", "file:///", "mailto:": length of the scheme with its punctuation, 0 if none. */
static size_t scheme_len(const char *s, size_t n, size_t *name)
{
    size_t k = 0;
    if (!n || !is_letter_or_utf8(s[0])) return 0;
    while (k < n && (is_alnum_or_utf8(s[k]) || s[k] == '+' || s[k] == '-' || s[k] == '.')) k++;
    *name = k;
    if (k + 3 <= n && !memcmp(s + k, "://", 3)) return k + 3;
    if (k == 6 && k + 1 < n && s[k] == ':' && !memcmp(s, "mailto", 6)) return k + 1;
    return 0;
}

/* What the match read: the shape, and where its parts lie in the word. */
enum { URL, EMAIL, DOMAIN, HANDLE, HASHTAG };
typedef struct {
    size_t n;               /* bytes of the address (a possessive "'s" after it is not) */
    size_t poss;            /* bytes of a possessive ending the word */
    size_t k;               /* URL: end of the scheme; EMAIL: start of the local part */
    size_t local;           /* EMAIL: end of the local part (the '@') */
    host h;                 /* the host, if has_host */
    int has_host;
    const char *tag_word;   /* HASHTAG: "hashtag", or NULL when the text has said it */
} address;

static int url(const char *s, size_t n, address *a)
{
    size_t name;
    a->k = scheme_len(s, n, &name);
    if (!a->k || a->k == n) return 0;
    a->has_host = parse_host(s + a->k, n - a->k, &a->h) && host_end_ok(s + a->k, n - a->k, a->h.len);
    return 1;
}

static void say_url(const nr_ctx *c, const char *s, const address *a, nr_buf *out)
{
    size_t k = a->k;
    say_run(c, s, k, out);
    if (a->has_host) {
        say_host(c, s + k, &a->h, out);
        k += a->h.len;
    }
    say_run(c, s + k, a->n - k, out);
}

/* local@host[/path]: the local part of letters, digits and . _ - + & %. */
static int email(const char *s, size_t n, address *a)
{
    const char *at = memchr(s, '@', n);
    if (!at) return 0;
    size_t local = (size_t)(at - s), k = 0;
    while (k < local && s[k] == '.') k++;          /* a stray full stop before it: "test .b@x.com" */
    if (k == local) return 0;
    for (size_t j = k; j < local; j++)
        if (!is_alnum_or_utf8(s[j]) && !strchr("._-+&%", s[j])) return 0;
    const char *rest = at + 1;
    size_t rn = n - local - 1;
    if (!parse_host(rest, rn, &a->h) || !host_end_ok(rest, rn, a->h.len)) return 0;
    a->k = k;
    a->local = local;
    return 1;
}

static void say_email(const nr_ctx *c, const char *s, const address *a, nr_buf *out)
{
    const char *rest = s + a->local + 1;
    size_t rn = a->n - a->local - 1;
    say_run(c, s + a->k, a->local - a->k, out);
    say_symbol(c, '@', out);
    say_host(c, rest, &a->h, out);
    say_run(c, rest + a->h.len, rn - a->h.len, out);
}

/* www.host or a host with a known top-level domain, and an optional path. */
static int domain(const nr_ctx *c, const char *s, size_t n, address *a)
{
    if (!parse_host(s, n, &a->h) || !host_end_ok(s, n, a->h.len)) return 0;
    int www = a->h.labels >= 3 && (!memcmp(s, "www.", 4) || !memcmp(s, "WWW.", 4));
    return www || known_domain(c, s, &a->h, a->h.len < n);
}

static void say_domain(const nr_ctx *c, const char *s, const address *a, nr_buf *out)
{
    say_host(c, s, &a->h, out);
    say_run(c, s + a->h.len, a->n - a->h.len, out);
}

/* @handle: letters, digits, '_' and '.', starting with a letter or '_'. */
static int handle(const char *s, size_t n)
{
    if (n < 2 || s[0] != '@' || !(is_letter_or_utf8(s[1]) || s[1] == '_')) return 0;
    for (size_t k = 1; k < n; k++)
        if (!is_alnum_or_utf8(s[k]) && s[k] != '_' && s[k] != '.') return 0;
    return s[n - 1] != '.';
}

/* #hashtag: letters, digits and '_', starting with a letter; '_' only splits words. */
static int hashtag(const nr_ctx *c, size_t i, const char *s, size_t n, address *a)
{
    if (n < 2 || s[0] != '#' || !is_letter_or_utf8(s[1])) return 0;
    for (size_t k = 1; k < n; k++)
        if (!is_alnum_or_utf8(s[k]) && s[k] != '_') return 0;
    const nr_lex_entry *e = c->lex ? nr_lex_find(c->lex, NR_T_electronic_words, "#", 1) : NULL;
    const char *word = e ? e->say : "hashtag";
    /* "with the hashtag #Election2024": the word is said already */
    size_t pn;
    const char *prev = i > 0 ? nr_tok_word(c->t, i - 1, &pn) : "";
    a->tag_word = i == 0 || pn != strlen(word) || strncasecmp(prev, word, pn) != 0 ? word : NULL;
    return 1;
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, address *a)
{
    if (n < 2 || !c->lex) return 0;
    a->n = n;
    a->poss = possessive(w, n);     /* "'s" also after a tag: "#MeToo’s" */
    if (w[0] == '#') m->reading = HASHTAG;
    else if (w[0] == '@') m->reading = HANDLE;
    else {
        a->n = n - a->poss;
        m->reading = url(w, a->n, a) ? URL : email(w, a->n, a) ? EMAIL : DOMAIN;
    }
    int ok = m->reading == HASHTAG ? hashtag(c, i, w, n, a)
           : m->reading == HANDLE ? handle(w, n)
           : m->reading == DOMAIN ? domain(c, w, a->n, a) : 1;
    return ok != 0;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const address *a,
                nr_buf *out)
{
    (void)i;
    switch (m->reading) {
    case URL: say_url(c, w, a, out); break;
    case EMAIL: say_email(c, w, a, out); break;
    case DOMAIN: say_domain(c, w, a, out); break;
    case HANDLE:
        say_symbol(c, '@', out);
        say_run(c, w + 1, n - 1, out);
        break;
    default:
        if (a->tag_word) nr_buf_word(out, a->tag_word);
        say_pieces(c, w + 1, n - 1, say_tag_digits, 0, out);
    }
    if (a->poss) nr_buf_puts(out, "'s");
}

NR_CLASS_RECORD(electronic, address, match, say);
