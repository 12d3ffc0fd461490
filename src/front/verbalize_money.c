/*
 * verbalize_money.c — amounts of money: "$5", "$5.30", "$0.50", "$5.3 billion", "$5.3bn",
 * "€20", "US$5", "20 USD", "EUR 20", "20€", "$5-10 million", "$15/hour".
 *
 * The currency is named after the number ("five dollars"), so a money token is read as
 * a whole: symbol or code, amount, scale ("billion", "bn", "m") and range, then the unit.
 * The currencies are plain data in one table (CURRENCIES, SYMBOLS, SCALES below), kept
 * apart from the code so they can move to the YAML lexicon unchanged.
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include <string.h>

/* ---- data ---- */

typedef struct {
    const char *code;                   /* ISO 4217 code, also accepted as a word: "20 USD" */
    const char *one, *many;             /* major unit: "dollar", "dollars" */
    const char *minor_one, *minor_many; /* minor unit, NULL when amounts say "point" instead */
} currency;

static const currency CURRENCIES[] = {
    { "USD", "dollar", "dollars", "cent", "cents" },
    { "US$", "U S dollar", "U S dollars", "cent", "cents" },   /* written US$: said so */
    { "EUR", "euro", "euros", "cent", "cents" },
    { "GBP", "pound", "pounds", "penny", "pence" },
    { "JPY", "yen", "yen", NULL, NULL },
    { "CNY", "yuan", "yuan", NULL, NULL },
    { "INR", "rupee", "rupees", "paisa", "paise" },
    { "KRW", "won", "won", NULL, NULL },
    { "RUB", "rouble", "roubles", "kopek", "kopeks" },
    { "CHF", "Swiss franc", "Swiss francs", "centime", "centimes" },
    { "CAD", "Canadian dollar", "Canadian dollars", "cent", "cents" },
    { "AUD", "Australian dollar", "Australian dollars", "cent", "cents" },
    { "NZD", "New Zealand dollar", "New Zealand dollars", "cent", "cents" },
    { "HKD", "Hong Kong dollar", "Hong Kong dollars", "cent", "cents" },
};

/* Symbols, longest first where one ends another ("US$" before "$"). */
static const struct { const char *sym, *code; } SYMBOLS[] = {
    { "US$", "US$" }, { "C$", "CAD" }, { "CA$", "CAD" }, { "A$", "AUD" }, { "AU$", "AUD" },
    { "NZ$", "NZD" }, { "HK$", "HKD" }, { "$", "USD" },
    { "\xe2\x82\xac", "EUR" },  /* € */
    { "\xc2\xa3", "GBP" },      /* £ */
    { "\xc2\xa5", "JPY" },      /* ¥ */
    { "\xe2\x82\xb9", "INR" },  /* ₹ */
    { "\xe2\x82\xa9", "KRW" },  /* ₩ */
    { "\xe2\x82\xbd", "RUB" },  /* ₽ */
};

/* Scale words and abbreviations, glued ("$5bn") or as the next token ("$5 billion"). */
static const struct { const char *as_written, *say; } SCALES[] = {
    { "thousand", "thousand" }, { "million", "million" }, { "billion", "billion" },
    { "trillion", "trillion" }, { "k", "thousand" }, { "K", "thousand" },
    { "m", "million" }, { "M", "million" }, { "mn", "million" }, { "mln", "million" },
    { "b", "billion" }, { "B", "billion" }, { "bn", "billion" }, { "bln", "billion" },
    { "T", "trillion" }, { "tn", "trillion" }, { "trn", "trillion" },
};

/* Units after a slash: "$15/hr" -> per hour. Other words are said as written. */
static const struct { const char *as_written, *say; } PER_UNITS[] = {
    { "h", "hour" }, { "hr", "hour" }, { "d", "day" }, { "wk", "week" }, { "mo", "month" },
    { "yr", "year" }, { "y", "year" }, { "min", "minute" }, { "kg", "kilogram" },
    { "lb", "pound" }, { "oz", "ounce" }, { "ft", "foot" }, { "sqft", "square foot" },
};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* ---- helpers ---- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static int eq(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static int starts(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return l <= n && memcmp(s, lit, l) == 0;
}

static size_t digits_at(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && is_digit(s[k])) k++;
    return k;
}

static const currency *by_code(const char *s, size_t n)
{
    for (size_t k = 0; k < COUNT(CURRENCIES); k++)
        if (eq(s, n, CURRENCIES[k].code)) return &CURRENCIES[k];
    return NULL;
}

static const char *per_unit(const char *s, size_t n)
{
    for (size_t k = 0; k < COUNT(PER_UNITS); k++)
        if (eq(s, n, PER_UNITS[k].as_written)) return PER_UNITS[k].say;
    return NULL;
}

/* The currency whose symbol starts s (its length in *len), or NULL. */
static const currency *symbol_at(const char *s, size_t n, size_t *len)
{
    for (size_t k = 0; k < COUNT(SYMBOLS); k++) {
        if (starts(s, n, SYMBOLS[k].sym)) {
            *len = strlen(SYMBOLS[k].sym);
            return by_code(SYMBOLS[k].code, strlen(SYMBOLS[k].code));
        }
    }
    return NULL;
}

/* The currency whose symbol is exactly s, or NULL. */
static const currency *symbol_is(const char *s, size_t n)
{
    size_t len;
    const currency *cur = symbol_at(s, n, &len);
    return cur && len == n ? cur : NULL;
}

static const char *scale_of(const char *s, size_t n)
{
    for (size_t k = 0; k < COUNT(SCALES); k++)
        if (eq(s, n, SCALES[k].as_written)) return SCALES[k].say;
    return NULL;
}

/* ---- amounts ---- */

/* An amount as written: digits with optional thousands separators, optional decimals. */
typedef struct {
    const char *ip, *fp;    /* integer part (commas included) and decimals (NULL: none) */
    size_t ipn, fpn, len;
    int commas;
} amount;

static int parse_amount(const char *w, size_t n, amount *a)
{
    memset(a, 0, sizeof *a);
    size_t q = digits_at(w, n);
    if (q >= 1 && q <= 3) {
        while (q + 4 <= n && w[q] == ',' && digits_at(w + q + 1, n - q - 1) == 3) {
            q += 4;
            a->commas = 1;
        }
    }
    a->ip = w;
    a->ipn = q;
    if (q + 1 < n && w[q] == '.' && is_digit(w[q + 1])) {
        a->fp = w + q + 1;
        a->fpn = digits_at(a->fp, n - q - 1);
        q += 1 + a->fpn;
    }
    a->len = q;
    return a->ipn || a->fp;
}

/* The integer part as plain digits, in tmp when it has separators. */
static const char *plain_int(const amount *a, nr_buf *tmp, size_t *n)
{
    if (!a->commas) { *n = a->ipn; return a->ip; }
    for (size_t k = 0; k < a->ipn; k++)
        if (is_digit(a->ip[k])) nr_buf_putc(tmp, a->ip[k]);
    *n = tmp->len;
    return nr_buf_str(tmp);
}

/* 1 if the digits are zero (or absent) / exactly one. */
static int is_value(const char *s, size_t n, int v)
{
    size_t k = 0;
    while (k < n && s[k] == '0') k++;
    if (v == 0) return k == n;
    return k + 1 == n && s[k] == '0' + v;
}

/* "5.3" -> five point three (the number only). */
static void say_number(nr_buf *out, const amount *a)
{
    nr_buf tmp = { 0 };
    size_t n;
    const char *d = plain_int(a, &tmp, &n);
    if (n) nr_say_cardinal(out, d, n);
    if (a->fp) {
        nr_buf_word(out, "point");
        nr_say_digits(out, a->fp, a->fpn);
    }
    if (tmp.oom) out->oom = 1;
    nr_buf_free(&tmp);
}

/* "$5.30" -> five dollars thirty cents; "$1" -> one dollar; "$0.50" -> fifty cents. */
static void say_money(nr_buf *out, const amount *a, const currency *cur, int adjective)
{
    if (a->fp && !(a->fpn <= 2 && cur->minor_one)) {
        say_number(out, a);
        nr_buf_word(out, adjective ? cur->one : cur->many);
        return;
    }
    char minor[2] = { '0', '0' };               /* "$0.5" is fifty cents */
    if (a->fp) memcpy(minor, a->fp, a->fpn);
    nr_buf tmp = { 0 };
    size_t n;
    const char *d = plain_int(a, &tmp, &n);
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
    const currency *cur;
    const char *sign;       /* "minus" or NULL */
    amount a, b;            /* b.len == 0: no range */
    const char *scale;      /* "billion" or NULL */
    const char *per;        /* "/hour": the unit after "per" */
    size_t per_len;
    int adjective;          /* before a noun: units in the singular ("a five dollar fee") */
} money;

/* Parses "<amount>[scale][-[sym]<amount>[scale]][/unit]" at s; 1 if all of s is used. */
static int parse_tail(const char *s, size_t n, const currency *cur, money *m)
{
    if (!parse_amount(s, n, &m->a)) return 0;
    size_t p = m->a.len;
    size_t u = p;
    while (u < n && is_alpha(s[u])) u++;
    if (u > p) {
        if (!(m->scale = scale_of(s + p, u - p))) return 0;
        p = u;
    }
    if (p + 1 < n && s[p] == '-' && (is_digit(s[p + 1]) || symbol_at(s + p + 1, n - p - 1, &u))) {
        p++;
        if (!is_digit(s[p])) {
            if (symbol_at(s + p, n - p, &u) != cur) return 0;
            p += u;
        }
        if (!parse_amount(s + p, n - p, &m->b)) return 0;
        p += m->b.len;
        for (u = p; u < n && is_alpha(s[u]); u++) {}
        if (u > p) {
            const char *sc = scale_of(s + p, u - p);
            if (!sc || (m->scale && strcmp(sc, m->scale))) return 0;
            m->scale = sc;
            p = u;
        }
    }
    if (p + 1 < n && s[p] == '/' && is_alpha(s[p + 1])) {
        for (u = p + 1; u < n && is_alpha(s[u]); u++) {}
        m->per = s + p + 1;
        m->per_len = u - p - 1;
        p = u;
    }
    return p == n;
}

static void say(nr_buf *out, const money *m)
{
    if (m->sign) nr_buf_word(out, m->sign);
    if (m->b.len && !m->scale && (m->a.fp || m->b.fp)) {   /* "$5.50-$7.25": both in full */
        say_money(out, &m->a, m->cur, m->adjective);
        nr_buf_word(out, "to");
        say_money(out, &m->b, m->cur, m->adjective);
    } else if (m->b.len || m->scale) {
        say_number(out, &m->a);
        if (m->b.len) {
            nr_buf_word(out, "to");
            say_number(out, &m->b);
        }
        if (m->scale) nr_buf_word(out, m->scale);
        nr_buf_word(out, m->adjective ? m->cur->one : m->cur->many);
    } else say_money(out, &m->a, m->cur, m->adjective);
    if (m->per) {
        const char *unit = per_unit(m->per, m->per_len);
        nr_buf_word(out, "per");
        if (unit) nr_buf_word(out, unit);
        else nr_buf_wordn(out, m->per, m->per_len);
    }
}

/* A scale word as the next token ("$5 billion"); 1 if token i+1 is one and may be used. */
static size_t next_scale(const nr_ctx *c, size_t i, money *m)
{
    size_t pn, qn, n;
    nr_tok_post(c->t, i, &pn);
    nr_tok_pre(c->t, i + 1, &qn);
    const char *w = nr_tok_word(c->t, i + 1, &n);
    if (pn || qn || m->scale || m->per) return 0;
    return (m->scale = scale_of(w, n)) ? 1 : 0;
}

/* "$5", "US$5.3bn", "-$5", "€20-30": the symbol leads the word. Tokens used, or 0. */
static size_t symbol_first(const nr_ctx *c, size_t i, const char *w, size_t n, money *m)
{
    if (n > 1 && w[0] == '-') { m->sign = "minus"; w++; n--; }
    size_t sl;
    if (!(m->cur = symbol_at(w, n, &sl)) || !parse_tail(w + sl, n - sl, m->cur, m)) return 0;
    return 1 + next_scale(c, i, m);
}

/* "20€" (symbol after the amount in the same word) or "20 USD" / "20 €" / "20 million USD". */
static size_t amount_first(const nr_ctx *c, size_t i, const char *w, size_t n, money *m)
{
    if (!parse_amount(w, n, &m->a)) return 0;
    if (m->a.len < n)                           /* "20€" */
        return (m->cur = symbol_is(w + m->a.len, n - m->a.len)) ? 1 : 0;
    size_t k = i + 1 + next_scale(c, i, m), pn, qn, cn;
    nr_tok_post(c->t, k - 1, &pn);
    nr_tok_pre(c->t, k, &qn);
    const char *code = nr_tok_word(c->t, k, &cn);
    if (pn || qn) return 0;
    m->cur = by_code(code, cn);
    if (!m->cur) m->cur = symbol_is(code, cn);
    return m->cur ? k + 1 - i : 0;
}

/* "USD 20", "EUR 5.3 billion": the code as its own token before the amount. */
static size_t code_first(const nr_ctx *c, size_t i, const char *w, size_t n, money *m)
{
    size_t pn, an;
    if (!(m->cur = by_code(w, n))) return 0;
    nr_tok_post(c->t, i, &pn);
    const char *aw = nr_tok_word(c->t, i + 1, &an);
    if (pn || !an || !is_digit(aw[0]) || !parse_tail(aw, an, m->cur, m)) return 0;
    return 2 + next_scale(c, i + 1, m);
}

/* "a $5 fee", "an $80 million deal": money before a noun names its unit in the singular. */
static int attributive(const nr_ctx *c, size_t first, size_t end)
{
    static const char *const NOT_NOUNS[] = {
        "a", "an", "and", "or", "to", "per", "each", "of", "for", "in", "on", "at", "from",
        "with", "plus", "more", "less", "than", "is", "was", "the", "by",
    };
    size_t n, pn, qn;
    if (first == 0) return 0;
    const char *prev = nr_tok_word(c->t, first - 1, &n);
    nr_tok_post(c->t, first - 1, &pn);
    if (pn || !((n == 1 && (prev[0] == 'a' || prev[0] == 'A')) || (n == 2 && memcmp(prev, "an", 2) == 0)))
        return 0;
    nr_tok_post(c->t, end - 1, &pn);
    nr_tok_pre(c->t, end, &qn);
    const char *next = nr_tok_word(c->t, end, &n);
    if (pn || qn || !n || next[0] < 'a' || next[0] > 'z') return 0;
    for (size_t k = 0; k < COUNT(NOT_NOUNS); k++)
        if (eq(next, n, NOT_NOUNS[k])) return 0;
    return 1;
}

size_t nr_verbalize_money(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n, used;
    const char *w = nr_tok_word(c->t, i, &n);
    money m = { 0 };
    if (!n) return 0;
    if (is_digit(w[0])) used = amount_first(c, i, w, n, &m);
    else if (is_alpha(w[0]) && n == 3) used = code_first(c, i, w, n, &m);
    else used = symbol_first(c, i, w, n, &m);
    if (!used) return 0;
    m.adjective = attributive(c, i, i + used);
    say(out, &m);
    return used;
}
