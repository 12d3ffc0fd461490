/*
 * verbalize_number.c — tokens whose word is a number: "1,200", "2.5", "-3", "45%", "22nd",
 * "1990s", "'90s", "5-10", "2010-2015", "3:30", "10am", "5-year", "mid-1990s", "#1".
 *
 * A number as written is parsed once into its parts (sign, integer digits, fraction
 * digits); what follows it in the same word (the suffix) picks the reading. Whether a
 * bare four-digit number is a year is decided from its neighbours, because only the
 * context tells "in 1984" from "1984 people". Anything unrecognised returns 0 so the
 * word is read as written: guessing wrong is worse than eSpeak NG's own reading.
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include <string.h>

/* A number as written: [sign] [digits (,ddd)*] [.digits] */
typedef struct {
    const char *sign;       /* "minus", "plus" or NULL */
    const char *ip;         /* integer part as written, commas included */
    size_t ipn;
    int commas;             /* the integer part has thousands separators */
    const char *fp;         /* digits after the point; NULL without a point */
    size_t fpn;
    size_t len;             /* bytes of the word the number covers */
} num;

static const char *const YEAR_CUES[] = {
    "in", "since", "by", "of", "from", "until", "till", "before", "after", "during",
    "year", "early", "late", "mid", "circa", "ad",
};
static const char *const ERA_WORDS[] = { "BC", "AD", "BCE", "CE", "B.C", "A.D", "B.C.E", "C.E" };
static const char *const MONTHS[] = {
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
};
static const char *const SCALE_WORDS[] = { "thousand", "million", "billion", "trillion" };
/* Scale suffixes glued to the number: "5bn". */
static const char *const SCALE_SUFFIXES[][2] = {
    { "bn", "billion" }, { "mn", "million" }, { "tn", "trillion" }, { "trn", "trillion" },
};
static const char *const PREFIXES[] = { "mid", "pre", "post" };   /* "mid-1990s" */
static const char *const CHAIN_WORDS[] = { "to", "and", "or", "through", "-" };

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* ---- small string helpers ---- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

static size_t digits_at(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && is_digit(s[k])) k++;
    return k;
}

static int eq(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static int eq_nocase(const char *s, size_t n, const char *lit)
{
    if (strlen(lit) != n) return 0;
    for (size_t k = 0; k < n; k++)
        if (lower(s[k]) != lower(lit[k])) return 0;
    return 1;
}

static int in_list(const char *s, size_t n, const char *const *list, size_t count, int nocase)
{
    for (size_t k = 0; k < count; k++)
        if (nocase ? eq_nocase(s, n, list[k]) : eq(s, n, list[k])) return 1;
    return 0;
}

/* Value of a short digit string (callers keep it to a few digits). */
static long small_value(const char *s, size_t n)
{
    long v = 0;
    for (size_t k = 0; k < n && k < 9; k++) v = v * 10 + (s[k] - '0');
    return v;
}

/* Drops what was appended since `mark` (a handler that changed its mind). */
static void rollback(nr_buf *out, size_t mark)
{
    if (out->s && mark <= out->len) { out->len = mark; out->s[mark] = '\0'; }
}

/* Length of a range dash at s: '-' or an en dash; 0 if none. */
static size_t dash_at(const char *s, size_t n)
{
    if (n >= 1 && s[0] == '-') return 1;
    if (n >= 3 && memcmp(s, "\xe2\x80\x93", 3) == 0) return 3;
    return 0;
}

/* ---- parsing and saying a number ---- */

static int parse_num(const char *w, size_t n, int signed_ok, num *x)
{
    memset(x, 0, sizeof *x);
    size_t p = 0;
    if (signed_ok && n > 1 && (w[0] == '-' || w[0] == '+')) {
        x->sign = w[0] == '-' ? "minus" : "plus";
        p = 1;
    } else if (signed_ok && n > 3 && memcmp(w, "\xe2\x88\x92", 3) == 0) {  /* U+2212 minus */
        x->sign = "minus";
        p = 3;
    }
    size_t d = digits_at(w + p, n - p), q = p + d;
    if (d >= 1 && d <= 3) {
        while (q + 4 <= n && w[q] == ',' && digits_at(w + q + 1, n - q - 1) == 3) {
            q += 4;
            x->commas = 1;
        }
    }
    x->ip = w + p;
    x->ipn = q - p;
    if (q + 1 < n && w[q] == '.' && is_digit(w[q + 1])) {
        x->fp = w + q + 1;
        x->fpn = digits_at(x->fp, n - q - 1);
        q += 1 + x->fpn;
    }
    x->len = q;
    return x->ipn || x->fp;
}

static int is_plain_int(const num *x) { return x->ipn && !x->sign && !x->commas && !x->fp; }

static int is_year_form(const num *x)
{
    if (!is_plain_int(x) || x->ipn != 4) return 0;
    long v = small_value(x->ip, 4);
    return v >= 1100 && v <= 2099;
}

/* Says the integer part with `say`, without its thousands separators. */
static void say_int(nr_buf *out, const num *x, void (*say)(nr_buf *, const char *, size_t))
{
    if (!x->commas) { say(out, x->ip, x->ipn); return; }
    nr_buf tmp = { 0 };
    for (size_t k = 0; k < x->ipn; k++)
        if (is_digit(x->ip[k])) nr_buf_putc(&tmp, x->ip[k]);
    if (tmp.oom) out->oom = 1;
    else say(out, tmp.s, tmp.len);
    nr_buf_free(&tmp);
}

/* "-2.5" -> minus two point five; "007" -> zero zero seven; ".5" -> point five. */
static void say_num(nr_buf *out, const num *x)
{
    if (x->sign) nr_buf_word(out, x->sign);
    if (x->ipn) {
        if (x->ip[0] == '0' && x->ipn > 1 && !x->commas && !x->fp) nr_say_digits(out, x->ip, x->ipn);
        else say_int(out, x, nr_say_cardinal);
    }
    if (x->fp) {
        nr_buf_word(out, "point");
        nr_say_digits(out, x->fp, x->fpn);
    }
}

/* Makes the last word plural: "ninety" -> "nineties", "hundred" -> "hundreds". */
static void pluralize_last(nr_buf *out, size_t mark)
{
    if (out->oom || out->len <= mark) return;
    if (out->s[out->len - 1] == 'y') {
        out->len--;
        nr_buf_puts(out, "ies");
    } else nr_buf_puts(out, "s");
}

/* ---- context ---- */

static int is_month(const nr_ctx *c, size_t i)
{
    size_t n, pn;
    const char *w = nr_tok_word(c->t, i, &n);
    nr_tok_post(c->t, i, &pn);
    if (!in_list(w, n, MONTHS, COUNT(MONTHS), 0)) return 0;
    return pn == 0 || nr_tok_post_starts(c->t, i, '.');
}

/* A day of the month: "5", "5th". */
static int is_day(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    size_t d = digits_at(w, n);
    if (d < 1 || d > 2) return 0;
    if (d < n && !(n - d == 2 && is_alpha(w[d]) && is_alpha(w[d + 1]))) return 0;
    long v = small_value(w, d);
    return v >= 1 && v <= 31;
}

static int token_is_year_form(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    num x;
    return parse_num(w, n, 0, &x) && x.len == n && is_year_form(&x);
}

/* "1066 AD", "300 BC". */
static int era_follows(const nr_ctx *c, size_t i)
{
    size_t n, pn;
    nr_tok_post(c->t, i, &pn);
    const char *next = nr_tok_word(c->t, i + 1, &n);
    return pn == 0 && in_list(next, n, ERA_WORDS, COUNT(ERA_WORDS), 0);
}

/* 1 if the bare four-digit number at token i reads as a year here. */
static int year_context(const nr_ctx *c, size_t i, int chain)
{
    size_t n, pn, qn;
    nr_tok_pre(c->t, i, &qn);
    if (qn && nr_tok_pre(c->t, i, &qn)[qn - 1] == '(' && nr_tok_post_starts(c->t, i, ')')) return 1;
    if (era_follows(c, i)) return 1;
    if (i == 0) return 0;
    const char *prev = nr_tok_word(c->t, i - 1, &n);
    nr_tok_post(c->t, i - 1, &pn);
    if (is_month(c, i - 1)) return 1;
    if (i >= 2 && is_day(c, i - 1) && (pn == 0 || nr_tok_post_starts(c->t, i - 1, ','))
        && is_month(c, i - 2)) return 1;
    if (pn) return 0;
    if (in_list(prev, n, YEAR_CUES, COUNT(YEAR_CUES), 1)) return 1;
    return chain && i >= 2 && in_list(prev, n, CHAIN_WORDS, COUNT(CHAIN_WORDS), 1)
        && token_is_year_form(c, i - 2) && year_context(c, i - 2, 0);
}

/* ---- what may follow in the next token ---- */

/* "am"/"pm" in any of its spellings: 'a' or 'p', or 0. */
static char ampm(const char *s, size_t n)
{
    if (n != 2 && n != 3) return 0;
    char l = lower(s[0]);
    if (l != 'a' && l != 'p') return 0;
    if (n == 2 ? lower(s[1]) == 'm' : (s[1] == '.' && lower(s[2]) == 'm')) return l;
    return 0;
}

static void say_ampm(nr_buf *out, char which)
{
    /* eSpeak NG reads a lone "A" before a word as the article; "A-M" keeps it a letter. */
    nr_buf_word(out, which == 'a' ? "A-M" : "P M");
}

/* Says a following am/pm or scale word token; returns the tokens it used (0 or 1). */
static size_t say_follower(const nr_ctx *c, size_t i, nr_buf *out, const num *x, int hour_ok)
{
    size_t pn, n, qn;
    nr_tok_post(c->t, i, &pn);
    nr_tok_pre(c->t, i + 1, &qn);
    if (pn || qn) return 0;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    char ap = ampm(w, n);
    if (ap && hour_ok && is_plain_int(x) && x->ipn <= 2) {
        long h = small_value(x->ip, x->ipn);
        if (h >= 1 && h <= 12) { say_ampm(out, ap); return 1; }
    }
    if (in_list(w, n, SCALE_WORDS, COUNT(SCALE_WORDS), 0)) {
        nr_buf_wordn(out, w, n);
        return 1;
    }
    return 0;
}

/* ---- readings by suffix ---- */

/* "st", "nd", "rd", "th" agreeing with the last digits of x. */
static int ordinal_suffix_ok(const num *x, const char *s, size_t n)
{
    if (n != 2 || !x->ipn || x->sign || x->fp) return 0;
    char a = lower(s[0]), b = lower(s[1]);
    char last = x->ip[x->ipn - 1];
    int teen = x->ipn >= 2 && x->ip[x->ipn - 2] == '1';
    const char *want = teen ? "th" : last == '1' ? "st" : last == '2' ? "nd" : last == '3' ? "rd" : "th";
    return a == want[0] && b == want[1];
}

/* "1990s", "1990's" -> nineteen nineties; "80s" -> eighties. */
static int say_decade(nr_buf *out, const num *x, const char *s, size_t n)
{
    if (!(eq(s, n, "s") || eq(s, n, "'s")) || !is_plain_int(x) || x->ip[x->ipn - 1] != '0')
        return 0;
    size_t mark = out->len;
    if (x->ipn == 4 && x->ip[0] != '0') nr_say_year(out, x->ip, 4);
    else if (x->ipn == 2 && x->ip[0] != '0') nr_say_cardinal(out, x->ip, 2);
    else return 0;
    pluralize_last(out, mark);
    return 1;
}

/* "3:30" -> three thirty, "10:05" -> ten oh five, "15:00" -> fifteen hundred. */
static int say_time(nr_buf *out, const num *x, const char *s, size_t n, int has_ampm)
{
    if (n != 3 || s[0] != ':' || !is_digit(s[1]) || !is_digit(s[2])) return 0;
    if (!is_plain_int(x) || x->ipn > 2) return 0;
    long h = small_value(x->ip, x->ipn), m = small_value(s + 1, 2);
    if (h > 24 || m > 59 || (has_ampm && (h < 1 || h > 12))) return 0;
    nr_say_cardinal(out, x->ip, x->ipn);
    if (m == 0) {
        if (has_ampm) return 1;
        nr_buf_word(out, h >= 1 && h <= 12 ? "o'clock" : "hundred");
        return 1;
    }
    if (m < 10) nr_buf_word(out, "oh");
    nr_say_cardinal(out, s + 1, 2);
    return 1;
}

/* The suffix of the number inside its word, without a "-word" tail; 1 if understood. */
static int say_suffix(const nr_ctx *c, size_t i, nr_buf *out, const num *x,
                      const char *s, size_t n, int force_year)
{
    if (n == 0) {
        int era = is_plain_int(x) && x->ipn == 4 && x->ip[0] != '0' && era_follows(c, i);
        if (era || (is_year_form(x) && (force_year || year_context(c, i, 1))))
            nr_say_year(out, x->ip, 4);
        else say_num(out, x);
        return 1;
    }
    if (eq(s, n, "%")) { say_num(out, x); nr_buf_word(out, "percent"); return 1; }
    if (eq(s, n, "+")) { say_num(out, x); nr_buf_word(out, "plus"); return 1; }
    if (ordinal_suffix_ok(x, s, n)) { say_int(out, x, nr_say_ordinal); return 1; }
    if (say_decade(out, x, s, n)) return 1;
    for (size_t k = 0; k < COUNT(SCALE_SUFFIXES); k++) {
        if (eq(s, n, SCALE_SUFFIXES[k][0])) {
            say_num(out, x);
            nr_buf_word(out, SCALE_SUFFIXES[k][1]);
            return 1;
        }
    }
    /* Times: "3:30", "3:30pm", "10am", "3.30pm". */
    char ap = n >= 2 ? ampm(s + n - 2, 2) : 0;
    if (!ap && n >= 3) ap = ampm(s + n - 3, 3);
    size_t core = ap ? n - (s[n - 2] == '.' ? 3 : 2) : n;
    if (say_time(out, x, s, core, ap != 0)) { if (ap) say_ampm(out, ap); return 1; }
    if (ap && core == 0 && x->ipn && x->ipn <= 2 && !x->sign && !x->commas) {
        long h = small_value(x->ip, x->ipn);
        if (h < 1 || h > 12) return 0;
        if (x->fp && (x->fpn != 2 || small_value(x->fp, 2) > 59)) return 0;
        nr_say_cardinal(out, x->ip, x->ipn);
        if (x->fp && x->fp[0] == '0') nr_buf_word(out, "oh");
        if (x->fp && small_value(x->fp, 2)) nr_say_cardinal(out, x->fp, 2);
        say_ampm(out, ap);
        return 1;
    }
    return 0;
}

/* "-year-old" after a number: said word by word ("five year old"). */
static int say_tail(nr_buf *out, const char *s, size_t n)
{
    if (n < 2 || s[0] != '-' || !is_alpha(s[1])) return 0;
    for (size_t k = 1; k < n; k++)
        if (!is_alpha(s[k]) && s[k] != '-' && s[k] != '\'') return 0;
    size_t start = 1;
    for (size_t k = 1; k <= n; k++) {
        if (k == n || s[k] == '-') {
            nr_buf_wordn(out, s + start, k - start);
            start = k + 1;
        }
    }
    return 1;
}

/* Where a "-word" tail starts in s (n when there is none). */
static size_t tail_start(const char *s, size_t n)
{
    for (size_t k = 0; k + 1 < n; k++)
        if (s[k] == '-' && is_alpha(s[k + 1])) return k;
    return n;
}

/* "555-1234", "1-800-555-0199": telephone numbers (a group of 3, then 4 digits, last)
 * read digit by digit. */
static int say_phone(nr_buf *out, const char *w, size_t n)
{
    size_t groups = 0, k = 0, first = 0, last = 0, before_last = 0;
    while (k < n) {
        size_t d = digits_at(w + k, n - k);
        if (d == 0) return 0;
        if (groups == 0) first = d;
        before_last = last;
        last = d;
        groups++;
        k += d;
        if (k < n && w[k++] != '-') return 0;
        if (k == n && w[n - 1] == '-') return 0;
    }
    if (groups < 2 || last != 4 || before_last != 3 || first > 3) return 0;
    nr_say_digits(out, w, n);
    return 1;
}

/* "5-10" -> five to ten, "2010-2015" / "1939-45" -> years, "5-10%" -> ... percent. */
static int say_range(nr_buf *out, const num *a, const char *s, size_t n)
{
    size_t dl = dash_at(s, n);
    num b;
    if (!dl || !parse_num(s + dl, n - dl, 0, &b)) return 0;
    const char *rest = s + dl + b.len;
    size_t rn = n - dl - b.len;
    int percent = eq(rest, rn, "%");
    if (rn && !percent) return 0;
    if (is_year_form(a) && !percent) {
        if (is_year_form(&b)) {
            nr_say_year(out, a->ip, 4);
            nr_buf_word(out, "to");
            nr_say_year(out, b.ip, 4);
            return 1;
        }
        if (is_plain_int(&b) && b.ipn == 2 && small_value(b.ip, 2) > small_value(a->ip + 2, 2)) {
            char full[4] = { a->ip[0], a->ip[1], b.ip[0], b.ip[1] };
            nr_say_year(out, a->ip, 4);
            nr_buf_word(out, "to");
            nr_say_year(out, full, 4);
            return 1;
        }
    }
    say_num(out, a);
    nr_buf_word(out, "to");
    say_num(out, &b);
    if (percent) nr_buf_word(out, "percent");
    return 1;
}

/* Length of a "mid-" style prefix before a digit, or 0. */
static size_t prefix_len(const char *w, size_t n)
{
    for (size_t k = 0; k < COUNT(PREFIXES); k++) {
        size_t pl = strlen(PREFIXES[k]);
        if (n > pl + 1 && eq_nocase(w, pl, PREFIXES[k]) && w[pl] == '-' && is_digit(w[pl + 1]))
            return pl;
    }
    return 0;
}

/* "'90s" -> nineties. */
static size_t say_short_decade(nr_buf *out, const char *w, size_t n)
{
    num x;
    if (n < 4 || !parse_num(w + 1, n - 1, 0, &x) || x.ipn != 2 || x.ip[0] == '0') return 0;
    return say_decade(out, &x, w + 1 + x.len, n - 1 - x.len);
}

/* "#1" -> number one. */
static size_t say_hash(nr_buf *out, const char *w, size_t n)
{
    num x;
    if (!parse_num(w + 1, n - 1, 0, &x) || x.len != n - 1 || !x.ipn) return 0;
    nr_buf_word(out, "number");
    say_num(out, &x);
    return 1;
}

size_t nr_verbalize_number(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    if (n < 1) return 0;
    if (w[0] == '#' && n > 1 && is_digit(w[1])) return say_hash(out, w, n);
    if (w[0] == '\'') return say_short_decade(out, w, n);
    size_t mark = out->len;
    size_t pl = prefix_len(w, n);
    if (pl) {
        nr_buf_wordn(out, w, pl);
        w += pl + 1;
        n -= pl + 1;
    }
    num x;
    if (!parse_num(w, n, !pl, &x)) {
        rollback(out, mark);
        return 0;
    }
    const char *s = w + x.len;
    size_t sn = n - x.len;
    if (!x.sign && !x.fp && !x.commas && say_phone(out, w, n)) return 1;
    if (dash_at(s, sn) && sn > 1 && !is_alpha(s[1])) {
        if (say_range(out, &x, s, sn)) return 1 + say_follower(c, i, out, &x, 0);
        rollback(out, mark);
        return 0;
    }
    size_t t = tail_start(s, sn);
    if (!say_suffix(c, i, out, &x, s, t, pl != 0) || (t < sn && !say_tail(out, s + t, sn - t))) {
        rollback(out, mark);
        return 0;
    }
    if (sn == 0) return 1 + say_follower(c, i, out, &x, 1);
    return 1;
}
