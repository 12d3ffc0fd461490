/*
 * verbalize_money.c — amounts of money: "$5", "$5.30", "$0.50", "$5.3 billion", "$5.3bn",
 * "€20", "US$5", "20 USD", "EUR 20", "20€", "50¢", "$5-10 million", "$250-$300",
 * "$15/hour", "$ 5", "$20 to $30 million" (the scale of the second lent to the first),
 * "$1 billion-plus", "$3 million-a-year", "$25-an-hour" (words glued after the amount).
 *
 * The currency is named after the number ("five dollars"), so a money token is read as
 * a whole: symbol or code, amount, scale ("billion", "bn", "m") and range, then the unit.
 * Currencies, symbols, scale words and the units after a slash are YAML tables of
 * voices/lexicons/en-numbers.yaml (currencies, currency_symbols, scale_words,
 * money_per_units, money_not_nouns); without a lexicon nothing is money.
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "util/chars.h"
#include <string.h>

#define MAX_SYMBOL 4            /* bytes of the longest symbol in currency_symbols */


/* ---- the tables ---- */

typedef struct {
    const char *many, *one;             /* major unit: "dollars", "dollar" */
    const char *minor_many, *minor_one; /* minor unit; NULL when amounts say "point" */
} currency;

/* The currency of an exact key of `currencies`. `written`: the key is a word of the
 * text, which entries marked {code: no} are not ("PHP 7" is no money). */
static int by_code(const nr_ctx *c, const char *s, size_t n, int written, currency *cur)
{
    const nr_lex_entry *e = nr_lex_find(c->lex, NR_T_currencies, s, n);
    const char *code = e ? nr_lex_field(e, "code") : NULL;
    if (!e || (written && code && !strcmp(code, "no"))) return 0;
    cur->many = e->say;
    cur->one = nr_lex_field(e, "one");
    if (!cur->one) cur->one = e->say;
    cur->minor_many = nr_lex_field(e, "minor");
    cur->minor_one = nr_lex_field(e, "minor_one");
    if (!cur->minor_one) cur->minor_one = cur->minor_many;
    return 1;
}

/* The currency whose symbol is exactly s. */
static int symbol_is(const nr_ctx *c, const char *s, size_t n, currency *cur)
{
    const nr_lex_entry *e = n <= MAX_SYMBOL ? nr_lex_find(c->lex, NR_T_currency_symbols, s, n) : NULL;
    return e && by_code(c, e->say, strlen(e->say), 0, cur);
}

/* The currency whose symbol starts s, the longest first; its length in *len. */
static int symbol_at(const nr_ctx *c, const char *s, size_t n, currency *cur, size_t *len)
{
    for (size_t l = n < MAX_SYMBOL ? n : MAX_SYMBOL; l >= 1; l--) {
        if (symbol_is(c, s, l, cur)) { *len = l; return 1; }
    }
    return 0;
}

/* A scale word ("billion", "bn", "m"); glued: also the ones only money uses ("$5m"). */
static const char *scale_of(const nr_ctx *c, const char *s, size_t n, int glued)
{
    const nr_lex_entry *e = nr_lex_find_nocase(c->lex, NR_T_scale_words, s, n);
    if (!e) return NULL;
    if (!glued && nr_lex_field(e, "money_only")) return NULL;
    return e->say;
}

/* ---- amounts ---- */

/* 1 if the digits are zero (or absent) / exactly one. */
static int is_value(const char *s, size_t n, int v)
{
    size_t k = 0;
    while (k < n && s[k] == '0') k++;
    if (v == 0) return k == n;
    return k + 1 == n && s[k] == '0' + v;
}

/* "$2.000", "$20.500": zeros past the cents say nothing; drop them. */
static void trim_minor(nr_num *a)
{
    while (a->fp && a->fpn > 2 && a->fp[a->fpn - 1] == '0') a->fpn--;
}

/* "$5.30" -> five dollars thirty cents; "$1" -> one dollar; "$0.50" -> fifty cents. */
static void say_money(nr_buf *out, const nr_num *a, const currency *cur, int adjective)
{
    if (a->fp && !(a->fpn <= 2 && cur->minor_many)) {
        nr_say_num(out, a);
        nr_buf_word(out, adjective ? cur->one : cur->many);
        return;
    }
    char minor[2] = { '0', '0' };               /* "$0.5" is fifty cents */
    if (a->fp) memcpy(minor, a->fp, a->fpn);
    nr_buf tmp = { 0 };
    size_t n;
    const char *d = nr_num_int_digits(a, &tmp, &n);
    int no_major = is_value(d, n, 0), no_minor = is_value(minor, 2, 0);
    if (!no_major || no_minor) {
        if (n) nr_say_cardinal(out, d, n);
        else nr_buf_word(out, "zero");
        nr_buf_word(out, adjective || is_value(d, n, 1) ? cur->one : cur->many);
    }
    if (!no_minor) {
        nr_say_cardinal(out, minor, 2);
        nr_buf_word(out, adjective || is_value(minor, 2, 1) ? cur->minor_one : cur->minor_many);
    }
    if (tmp.oom) out->oom = 1;
    nr_buf_free(&tmp);
}

/* ---- a whole money expression ---- */

typedef struct {
    currency cur;
    const char *sign;       /* "minus" or NULL */
    nr_num a, b;            /* b.len == 0: no range */
    int b_symbol;           /* the second amount has its own symbol: "$250-$300" */
    const char *scale;      /* "billion" or NULL */
    const char *per;        /* "/hour": the unit after "per" */
    size_t per_len;
    const char *tail;       /* "-plus", "-a-year", "-an-hour": words said after the unit */
    size_t tail_len;        /* (tail points past the first '-') */
    const char *joiner;     /* the word between two amounts: "to" (NULL), "and", "or" */
    int adjective;          /* before a noun: units in the singular ("a five dollar fee") */
} money;

/* Length of the letters at s[p, n). */
static size_t letters_at(const char *s, size_t p, size_t n)
{
    size_t u = p;
    while (u < n && nr_is_alpha(s[u])) u++;
    return u - p;
}

/* The second amount of a range at s[p] ("10", "$10", "10bn"); the new position or 0. */
static size_t parse_range_end(const nr_ctx *c, const char *s, size_t p, size_t n, money *m)
{
    currency other;
    size_t sl;
    if (!nr_is_digit(s[p])) {
        if (!symbol_at(c, s + p, n - p, &other, &sl) || strcmp(other.many, m->cur.many)) return 0;
        p += sl;
        m->b_symbol = 1;
    }
    if (!nr_parse_num(s + p, n - p, 0, &m->b)) return 0;
    p += m->b.len;
    size_t u = letters_at(s, p, n);
    if (u) {
        const char *sc = scale_of(c, s + p, u, 1);
        if (!sc || (m->scale && strcmp(sc, m->scale))) return 0;
        m->scale = sc;
        p += u;
    }
    return p;
}

/* 1 if s is words of letters joined by single '-' ("plus", "a-year", "an-hour"). */
static int words_tail(const char *s, size_t n)
{
    if (!n || s[0] == '-' || s[n - 1] == '-') return 0;
    for (size_t k = 0; k < n; k++)
        if (!nr_is_alpha(s[k]) && !(s[k] == '-' && s[k + 1] != '-') && s[k] != '\'') return 0;
    return 1;
}

/* "-million", "-plus", "-million-a-year", "-an-hour" at s[p] (p at the '-'): a scale
 * word (when none was glued before) and words said after the unit. The new position. */
static size_t parse_words_after(const nr_ctx *c, const char *s, size_t p, size_t n, money *m)
{
    if (p + 1 >= n || s[p] != '-' || !nr_is_alpha(s[p + 1])) return p;
    size_t u = letters_at(s, p + 1, n);
    const char *sc = m->scale ? NULL : scale_of(c, s + p + 1, u, 0);
    if (sc) {                                   /* "$5-million" */
        m->scale = sc;
        p += 1 + u;
        if (p + 1 >= n || s[p] != '-') return p;
    }
    if (!words_tail(s + p + 1, n - p - 1)) return p;
    m->tail = s + p + 1;
    m->tail_len = n - p - 1;
    return n;
}

/* Parses "<amount>[scale][-[sym]<amount>[scale]][-words][/unit]" at s; 1 if all of s is used. */
static int parse_tail(const nr_ctx *c, const char *s, size_t n, money *m)
{
    if (!nr_parse_num(s, n, 0, &m->a)) return 0;
    size_t p = m->a.len, u = letters_at(s, p, n);
    if (u) {
        if (!(m->scale = scale_of(c, s + p, u, 1))) return 0;
        p += u;
    }
    if (p + 1 < n && s[p] == '-' && !nr_is_alpha(s[p + 1])) {
        if (!(p = parse_range_end(c, s, p + 1, n, m))) return 0;
    }
    p = parse_words_after(c, s, p, n, m);
    if (p + 1 < n && s[p] == '/' && nr_is_alpha(s[p + 1])) {
        u = letters_at(s, p + 1, n);
        m->per = s + p + 1;
        m->per_len = u;
        p += 1 + u;
    }
    return p == n;
}

/* The amount (the record is the say's own copy: the minor units are trimmed in it). */
static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *claim, money *m, nr_buf *out)
{
    (void)i, (void)w, (void)n, (void)claim;
    trim_minor(&m->a);
    trim_minor(&m->b);
    if (m->sign) nr_buf_word(out, m->sign);
    const char *joiner = m->joiner ? m->joiner : "to";
    if (m->b.len && !m->scale && (m->a.fp || m->b.fp || m->b_symbol)) {   /* "$5.50-$7.25" */
        say_money(out, &m->a, &m->cur, m->adjective);
        nr_buf_word(out, joiner);
        say_money(out, &m->b, &m->cur, m->adjective);
    } else if (m->b.len || m->scale) {
        nr_say_num(out, &m->a);
        if (m->b.len) {
            nr_buf_word(out, joiner);
            nr_say_num(out, &m->b);
        }
        if (m->scale) nr_buf_word(out, m->scale);
        nr_buf_word(out, m->adjective ? m->cur.one : m->cur.many);
    } else say_money(out, &m->a, &m->cur, m->adjective);
    for (size_t k = 0, start = 0; m->tail && k <= m->tail_len; k++) {   /* "plus", "a year" */
        if (k < m->tail_len && m->tail[k] != '-') continue;
        nr_buf_wordn(out, m->tail + start, k - start);
        start = k + 1;
    }
    if (m->per) {
        const nr_lex_entry *unit = nr_lex_find(c->lex, NR_T_money_per_units, m->per, m->per_len);
        nr_buf_word(out, "per");
        if (unit) nr_buf_word(out, unit->say);
        else nr_buf_wordn(out, m->per, m->per_len);
    }
}

/* 1 if token i ends without punctuation and token i+1 starts without any. */
static int joined(const nr_ctx *c, size_t i)
{
    size_t pn, qn;
    nr_tok_post(c->t, i, &pn);
    nr_tok_pre(c->t, i + 1, &qn);
    return !pn && !qn && i + 1 < c->t->n;
}

/* A scale word as the next token ("$5 billion", "$1 billion-plus", "$3 million-a-year");
 * 1 if token i+1 is one and may be used. */
static size_t next_scale(const nr_ctx *c, size_t i, money *m)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    if (!joined(c, i) || m->scale || m->per || m->tail) return 0;
    if ((m->scale = scale_of(c, w, n, 1))) return 1;
    size_t u = letters_at(w, 0, n);
    if (u == n || w[u] != '-' || !scale_of(c, w, u, 1) || !words_tail(w + u + 1, n - u - 1)) return 0;
    m->scale = scale_of(c, w, u, 1);
    m->tail = w + u + 1;
    m->tail_len = n - u - 1;
    return 1;
}

/* The amount as the next token after a lone symbol or a code: "$ 5", "USD 20", "Rs. 500"
 * (the segmenter may have taken that '.' for a sentence end: the amount says it is not). */
static size_t amount_next(const nr_ctx *c, size_t i, money *m)
{
    size_t pn, qn, an;
    const char *p = nr_tok_post(c->t, i, &pn);
    nr_tok_pre(c->t, i + 1, &qn);
    const char *aw = nr_tok_word(c->t, i + 1, &an);
    int dot = pn == 1 && p[0] == '.';
    if ((pn && !dot) || qn || (!dot && c->t->tok[i].brk != NR_BRK_NONE) || !an || !nr_is_digit(aw[0])
        || !parse_tail(c, aw, an, m))
        return 0;
    return 2 + next_scale(c, i + 1, m);
}

/* "$5", "US$5.3bn", "-$5", "€20-30", "$ 5": the symbol leads. Tokens used, or 0. */
static size_t symbol_first(const nr_ctx *c, size_t i, const char *w, size_t n, money *m)
{
    if (n > 1 && w[0] == '-') { m->sign = "minus"; w++; n--; }
    size_t sl;
    if (!symbol_at(c, w, n, &m->cur, &sl)) return 0;
    if (sl == n) return m->sign ? 0 : amount_next(c, i, m);
    if (!parse_tail(c, w + sl, n - sl, m)) return 0;
    return 1 + next_scale(c, i, m);
}

/* "20€" (symbol after the amount in the same word) or "20 USD" / "20 €" / "20 million USD". */
static size_t amount_first(const nr_ctx *c, size_t i, const char *w, size_t n, money *m)
{
    if (!nr_parse_num(w, n, 0, &m->a)) return 0;
    if (m->a.len < n) {                         /* "20€", "5bn€" */
        size_t p = m->a.len, u = letters_at(w, p, n);
        if (u && (m->scale = scale_of(c, w + p, u, 1))) p += u;
        return symbol_is(c, w + p, n - p, &m->cur) ? 1 : 0;
    }
    size_t k = i + 1 + next_scale(c, i, m), cn;
    const char *code = nr_tok_word(c->t, k, &cn);
    if (!joined(c, k - 1)) return 0;
    if (!by_code(c, code, cn, 1, &m->cur) && !symbol_is(c, code, cn, &m->cur)) return 0;
    return k + 1 - i;
}

/* The value of an amount, roughly (to order two amounts). */
static double value_of(const nr_num *a)
{
    double v = 0, f = 1;
    for (size_t k = 0; k < a->ipn; k++)
        if (nr_is_digit(a->ip[k])) v = v * 10 + (a->ip[k] - '0');
    for (size_t k = 0; a->fp && k < a->fpn; k++) v += (a->fp[k] - '0') * (f /= 10);
    return v;
}

/* "$20 to $30 million", "between $5 and $10 million", "$5 or $6 billion": a second amount
 * of the same currency after "to", "and" or "or" that has the scale word the first lacks
 * lends it to the first (twenty to thirty million dollars) when the first is the smaller
 * number, or after "between". The tokens used after the first amount's, 0 if none. */
static size_t scaled_pair(const nr_ctx *c, size_t i, size_t used, money *m)
{
    size_t k = i + used, n, n2, u2;
    const char *j = nr_tok_word(c->t, k, &n);
    if (m->scale || m->b.len || m->per || m->tail || m->sign || !joined(c, k - 1) || !joined(c, k)) return 0;
    if (!(nr_tok_is(c->t, k, "to") || nr_tok_is(c->t, k, "and") || nr_tok_is(c->t, k, "or"))) return 0;
    const char *w = nr_tok_word(c->t, k + 1, &n2);
    money m2 = { 0 };
    if (!n2) return 0;
    if (nr_is_digit(w[0])) {
        if (!parse_tail(c, w, n2, &m2)) return 0;
        u2 = 1 + next_scale(c, k + 1, &m2);
    } else {
        u2 = symbol_first(c, k + 1, w, n2, &m2);
        if (!u2 || strcmp(m2.cur.many, m->cur.many)) return 0;
    }
    if (!m2.scale || m2.b.len || m2.per || m2.sign) return 0;
    int between = n == 3 && i > 0 && joined(c, i - 1) && nr_tok_is(c->t, i - 1, "between");
    if (!between && !(value_of(&m->a) < value_of(&m2.a))) return 0;
    m->b = m2.a;
    m->scale = m2.scale;
    m->tail = m2.tail;
    m->tail_len = m2.tail_len;
    m->joiner = n == 3 ? "and" : n == 2 && j[0] == 'o' ? "or" : "to";
    return 1 + u2;
}

/* 1 if the word of token j is a determiner or a possessive ("the", "Biden's"). */
static int determiner(const nr_ctx *c, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    int possessive = n > 2 && w[n - 2] == '\'' && (w[n - 1] == 's' || w[n - 1] == 'S');
    return possessive || nr_lex_find_nocase(c->lex, NR_T_money_determiners, w, n);
}

/* "a 10-year, $700 million deal", "a three-year, $60 million contract": token j is a
 * hyphenated modifier ending in a comma, after a determiner. */
static int modifier_before(const nr_ctx *c, size_t j)
{
    size_t n, pn;
    const char *w = nr_tok_word(c->t, j, &n);
    const char *p = nr_tok_post(c->t, j, &pn);
    if (j == 0 || pn != 1 || p[0] != ',' || n < 3 || !memchr(w, '-', n) || !nr_is_lower(w[n - 1]))
        return 0;
    return joined(c, j - 1) && determiner(c, j - 1);
}

/* "a $5 fee", "the $50 fee", "Biden's $1.9 trillion package", "a 10-year, $700 million
 * deal", "the $70bn Activision deal": money between a determiner or a possessive (or a
 * "10-year," after one) and a noun names its unit in the singular. A name of up to three
 * capitalised words may stand between the amount and the noun (not "I", nor before a
 * word in -ed: "the $5 million Congress approved"). */
static int attributive(const nr_ctx *c, size_t first, size_t end)
{
    size_t n, pn;
    if (first == 0) return 0;
    nr_tok_post(c->t, first - 1, &pn);
    if (!(pn == 0 && determiner(c, first - 1)) && !modifier_before(c, first - 1)) return 0;
    size_t names = 0;
    while (names < 3 && joined(c, end - 1) && nr_tok_capitalized(c->t, end) && end + 1 < c->t->n
           && !nr_tok_is(c->t, end, "I")) {
        names++;
        end++;
    }
    const char *next = nr_tok_word(c->t, end, &n);
    if (!joined(c, end - 1) || !n || !nr_is_lower(next[0])) return 0;
    if (names && n > 2 && next[n - 2] == 'e' && next[n - 1] == 'd') return 0;
    return !nr_lex_find(c->lex, NR_T_money_not_nouns, next, n);
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *claim, money *m)
{
    (void)claim;
    size_t used;
    if (!n || !c->lex) return 0;
    if (nr_is_digit(w[0]) || w[0] == '.') used = amount_first(c, i, w, n, m);
    else if (by_code(c, w, n, 1, &m->cur)) used = amount_next(c, i, m);
    else used = symbol_first(c, i, w, n, m);
    if (!used) return 0;
    used += scaled_pair(c, i, used, m);
    m->adjective = attributive(c, i, i + used);
    return used;
}

NR_CLASS_RECORD(money, money, match, say);
