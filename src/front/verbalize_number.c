/*
 * verbalize_number.c — tokens whose word is a number: "1,200", "2.5", "-3", "45%", "22nd",
 * "1990s", "'90s", "5-10", "2010-2015", "1938 - 1981", "3:30", "10am", "9am-5pm",
 * "5-year", "mid-1990s", "#1", "555-1234".
 *
 * The word is parsed once into sides: a number with what clings to it (":30", "pm", "s").
 * One side alone, or two joined by a dash (a range), then pick the reading. Whether a
 * bare four-digit number is a year is decided from its neighbours, because only the
 * context tells "in 1984" from "1984 people". Anything unrecognised returns 0 so the
 * word is read as written: guessing wrong is worse than eSpeak NG's own reading.
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include <string.h>

/* ---- word lists (plain data, to move to the YAML lexicon with the others) ---- */

/* Previous words that make a following four-digit number a year: "in 1984". */
static const char *const YEAR_CUES[] = {
    "in", "since", "by", "of", "from", "until", "till", "before", "after", "during",
    "year", "early", "late", "mid", "circa", "ad",
};
/* Words after a number that make it a year: "1066 AD". */
static const char *const ERA_WORDS[] = { "BC", "AD", "BCE", "CE", "B.C", "A.D", "B.C.E", "C.E" };
static const char *const MONTHS[] = {
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
};
/* A scale word as the next token is said with the number: "1.2 million". */
static const char *const SCALE_WORDS[] = { "thousand", "million", "billion", "trillion" };
/* Scale suffixes glued to the number: "5bn". */
static const char *const SCALE_SUFFIXES[][2] = {
    { "bn", "billion" }, { "mn", "million" }, { "tn", "trillion" }, { "trn", "trillion" },
};
/* Prefixes said before a year or decade: "mid-1990s". */
static const char *const PREFIXES[] = { "mid", "pre", "post" };
/* Words between two years of a list or range: "from 1990 to 2000". */
static const char *const CHAIN_WORDS[] = { "to", "and", "or", "through" };

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

/* Drops what was appended since `mark` (a reading that turned out not to fit). */
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

/* "am"/"pm" as written ("am", "PM", "a.m"): 'a' or 'p', else 0. */
static char ampm(const char *s, size_t n)
{
    if (n != 2 && n != 3) return 0;
    char l = lower(s[0]);
    if (l != 'a' && l != 'p') return 0;
    if (n == 2 ? lower(s[1]) == 'm' : (s[1] == '.' && lower(s[2]) == 'm')) return l;
    return 0;
}

/* ---- a number as written ---- */

/* [sign] [digits (,ddd)*] [.digits] */
typedef struct {
    const char *sign;       /* "minus", "plus" or NULL */
    const char *ip;         /* integer part as written, commas included */
    size_t ipn;
    int commas;             /* the integer part has thousands separators */
    const char *fp;         /* digits after the point; NULL without a point */
    size_t fpn;
    size_t len;             /* bytes of the word the number covers */
} num;

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

/* "007": a code, read digit by digit. */
static int is_code(const num *x) { return is_plain_int(x) && x->ipn > 1 && x->ip[0] == '0'; }

static int is_year_form(const num *x)
{
    if (!is_plain_int(x) || x->ipn != 4) return 0;
    long v = small_value(x->ip, 4);
    return v >= 1100 && v <= 2099;
}

/* Compares two plain integers by value: <0, 0, >0. */
static int compare_ints(const num *a, const num *b)
{
    const char *p = a->ip, *q = b->ip;
    size_t m = a->ipn, n = b->ipn;
    while (m > 1 && *p == '0') { p++; m--; }
    while (n > 1 && *q == '0') { q++; n--; }
    if (m != n) return m < n ? -1 : 1;
    return memcmp(p, q, m);
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
        if (is_code(x)) nr_say_digits(out, x->ip, x->ipn);
        else say_int(out, x, nr_say_cardinal);
    }
    if (x->fp) {
        nr_buf_word(out, "point");
        nr_say_digits(out, x->fp, x->fpn);
    }
}

/* Makes the last word plural: "ninety" -> "nineties", "hundred" -> "hundreds". */
static void pluralize_last(nr_buf *out)
{
    if (out->oom || !out->len) return;
    if (out->s[out->len - 1] == 'y') {
        out->len--;
        nr_buf_puts(out, "ies");
    } else nr_buf_puts(out, "s");
}

/* ---- a side: a number and what clings to it ---- */

typedef struct {
    num x;
    const char *min;        /* the two digits of ":30", or NULL */
    char ampm;              /* 'a', 'p' or 0 */
    int decade;             /* "1990s", "80's" */
    size_t len;
} side;

/* Parses a side at w; its length is sd->len (0: no number there). */
static void parse_side(const char *w, size_t n, int signed_ok, side *sd)
{
    memset(sd, 0, sizeof *sd);
    if (!parse_num(w, n, signed_ok, &sd->x)) return;
    size_t p = sd->x.len;
    if (p + 3 <= n && w[p] == ':' && is_digit(w[p + 1]) && is_digit(w[p + 2])
        && (p + 3 == n || !is_digit(w[p + 3]))) {
        sd->min = w + p + 1;
        p += 3;
    }
    for (size_t l = 3; l >= 2; l--) {
        if (p + l <= n && (sd->ampm = ampm(w + p, l)) && (p + l == n || !is_alpha(w[p + l]))) {
            p += l;
            break;
        }
    }
    if (!sd->min && !sd->ampm && sd->x.ipn && !sd->x.fp) {
        if (p + 1 <= n && w[p] == 's' && (p + 1 == n || !is_alpha(w[p + 1]))) { sd->decade = 1; p += 1; }
        else if (p + 2 <= n && w[p] == '\'' && w[p + 1] == 's' && (p + 2 == n || !is_alpha(w[p + 2]))) {
            sd->decade = 1;
            p += 2;
        }
    }
    sd->len = p;
}

/* Hours and minutes of a side read as a clock time; 0 if it is not one. */
static int clock_of(const side *sd, int with_ampm, long *h, long *m)
{
    const num *x = &sd->x;
    if (!x->ipn || x->ipn > 2 || x->sign || x->commas) return 0;
    *h = small_value(x->ip, x->ipn);
    *m = 0;
    if (sd->min) {
        if (x->fp) return 0;
        *m = small_value(sd->min, 2);
    } else if (x->fp) {                         /* "3.30pm" */
        if (!with_ampm || x->fpn != 2) return 0;
        *m = small_value(x->fp, 2);
    }
    if (*m > 59 || *h > 24) return 0;
    return !with_ampm || (*h >= 1 && *h <= 12);
}

/* "3:30" -> three thirty, "10:05" -> ten oh five, "15:00" -> fifteen hundred, "3pm". */
static int say_clock(nr_buf *out, const side *sd, char ap)
{
    long h, m;
    if (!clock_of(sd, ap != 0, &h, &m)) return 0;
    nr_say_cardinal(out, sd->x.ip, sd->x.ipn);
    if (m == 0 && !ap) nr_buf_word(out, h >= 1 && h <= 12 ? "o'clock" : "hundred");
    if (m > 0 && m < 10) nr_buf_word(out, "oh");
    if (m > 0) nr_say_cardinal(out, sd->min ? sd->min : sd->x.fp, 2);
    /* eSpeak NG reads a lone "A" before a word as the article; "A.M" keeps it a letter. */
    if (ap) nr_buf_word(out, ap == 'a' ? "A.M" : "P M");
    return 1;
}

/* "1990s" -> nineteen nineties; "80s" -> eighties. */
static int say_decade(nr_buf *out, const num *x)
{
    if (!is_plain_int(x) || x->ip[x->ipn - 1] != '0' || x->ip[0] == '0') return 0;
    if (x->ipn == 4) nr_say_year(out, x->ip, 4);
    else if (x->ipn == 2) nr_say_cardinal(out, x->ip, 2);
    else return 0;
    pluralize_last(out);
    return 1;
}

/* ---- context ---- */

static int is_month(const nr_ctx *c, size_t i)
{
    size_t n, pn;
    const char *w = nr_tok_word(c->t, i, &n);
    nr_tok_post(c->t, i, &pn);
    if (!in_list(w, n, MONTHS, COUNT(MONTHS), 0)) return 0;
    return pn == 0 || nr_tok_post_starts(c->t, i, '.') || nr_tok_post_starts(c->t, i, ',');
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

/* The whole word of token i as one number (no sign); 0 if it is not. */
static int token_num(const nr_ctx *c, size_t i, num *x)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    return parse_num(w, n, 0, x) && x->len == n;
}

/* 1 if token j is a lone dash (the tokenizer may count it as a word or as punctuation). */
static int is_dash_token(const nr_ctx *c, size_t j)
{
    size_t dn, pn, qn;
    const char *d = nr_tok_word(c->t, j, &dn);
    const char *p = nr_tok_post(c->t, j, &pn);
    nr_tok_pre(c->t, j, &qn);
    if (j >= c->t->n || qn) return 0;
    if (dn) return !pn && dash_at(d, dn) == dn;
    return pn && dash_at(p, pn) == pn;
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
    const char *pre = nr_tok_pre(c->t, i, &qn);
    if (qn && pre[qn - 1] == '(' && nr_tok_post_starts(c->t, i, ')')) return 1;   /* "(1984)" */
    if (era_follows(c, i)) return 1;
    if (i == 0) return 0;
    const char *prev = nr_tok_word(c->t, i - 1, &n);
    nr_tok_post(c->t, i - 1, &pn);
    if (is_month(c, i - 1)) return 1;
    if (i >= 2 && is_day(c, i - 1) && (pn == 0 || nr_tok_post_starts(c->t, i - 1, ','))
        && is_month(c, i - 2)) return 1;
    if (pn && !is_dash_token(c, i - 1)) return 0;
    if (in_list(prev, n, YEAR_CUES, COUNT(YEAR_CUES), 1)) return 1;
    num y;
    return chain && i >= 2 && (in_list(prev, n, CHAIN_WORDS, COUNT(CHAIN_WORDS), 1) || is_dash_token(c, i - 1))
        && token_num(c, i - 2, &y) && is_year_form(&y) && year_context(c, i - 2, 0);
}

/* An am/pm word as token i+1, right after token i: 'a', 'p' or 0. */
static char next_ampm(const nr_ctx *c, size_t i)
{
    size_t pn, qn, n;
    nr_tok_post(c->t, i, &pn);
    nr_tok_pre(c->t, i + 1, &qn);
    const char *w = nr_tok_word(c->t, i + 1, &n);
    return pn || qn ? 0 : ampm(w, n);
}

/* Says a scale word that follows as token i+1 ("1.2 million"); the tokens used (0 or 1). */
static size_t say_next_scale(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t pn, qn, n;
    nr_tok_post(c->t, i, &pn);
    nr_tok_pre(c->t, i + 1, &qn);
    const char *w = nr_tok_word(c->t, i + 1, &n);
    if (pn || qn || !in_list(w, n, SCALE_WORDS, COUNT(SCALE_WORDS), 0)) return 0;
    nr_buf_wordn(out, w, n);
    return 1;
}

/* ---- ranges ---- */

/* Says both sides of "a-b" (dash already checked); 0 if they do not make a range. */
/* One end of a time range: "9" alone is just nine, not nine o'clock. */
static int say_range_clock(nr_buf *out, const side *sd, char ap)
{
    long h, m;
    if (sd->min || ap) return say_clock(out, sd, ap);
    if (!clock_of(sd, 0, &h, &m)) return 0;
    say_num(out, &sd->x);
    return 1;
}

/* Says "a-b" (the dash already checked); 0 if they make no range. `ap` is an am/pm
 * word that follows as the next token (0 if none). */
static int say_range(nr_buf *out, const side *a, const side *b, int percent, char ap)
{
    const num *x = &a->x, *y = &b->x;
    if (a->decade != b->decade) return 0;
    if (a->decade) {                            /* "1960s-80s" */
        if (!say_decade(out, x)) return 0;
        nr_buf_word(out, "to");
        return say_decade(out, y);
    }
    if (a->min || a->ampm || b->min || b->ampm || ap) {   /* "9am-5pm", "9-11:30", "5-7 pm" */
        if (!say_range_clock(out, a, a->ampm)) return 0;
        nr_buf_word(out, "to");
        return say_range_clock(out, b, b->ampm ? b->ampm : ap);
    }
    if (is_year_form(x) && !percent) {
        char full[4];
        const char *end = is_year_form(y) ? y->ip : NULL;
        if (!end && is_plain_int(y) && y->ipn == 2 && small_value(y->ip, 2) > small_value(x->ip + 2, 2)) {
            memcpy(full, x->ip, 2);             /* "1939-45": nineteen forty five */
            memcpy(full + 2, y->ip, 2);
            end = full;
        }
        if (end) {
            nr_say_year(out, x->ip, 4);
            nr_buf_word(out, "to");
            nr_say_year(out, end, 4);
            return 1;
        }
    }
    int plain = is_plain_int(x) && is_plain_int(y);
    if (plain && (is_code(x) || is_code(y))) {  /* "0919-2697": a code, digit by digit */
        nr_say_digits(out, x->ip, x->ipn);
        nr_say_digits(out, y->ip, y->ipn);
        return 1;
    }
    say_num(out, x);
    nr_buf_word(out, "to");                     /* also scores: "won 3-2" */
    say_num(out, y);
    if (percent) nr_buf_word(out, "percent");
    return 1;
}

/* "1938 - 1981", "612 – 613": a range spread over three tokens; tokens used or 0. */
static size_t spaced_range(const nr_ctx *c, size_t i, nr_buf *out, const num *a)
{
    size_t pn, rn;
    nr_tok_post(c->t, i, &pn);
    num b;
    if (pn || !is_dash_token(c, i + 1) || !token_num(c, i + 2, &b)) return 0;
    nr_tok_pre(c->t, i + 2, &rn);
    if (rn || nr_tok_is(c->t, i + 3, "=")) return 0;
    int years = is_year_form(a) && is_year_form(&b);
    if (!years && !(is_plain_int(a) && is_plain_int(&b) && compare_ints(a, &b) < 0)) return 0;
    if (years) nr_say_year(out, a->ip, 4);
    else say_num(out, a);
    nr_buf_word(out, "to");
    if (years) nr_say_year(out, b.ip, 4);
    else say_num(out, &b);
    return 3;
}

/* ---- telephone numbers ---- */

/* "555-1234", "1-800-555-0199", "555.555.0199": a group of three, then four digits, last. */
static int phone_shape(const char *w, size_t n)
{
    size_t groups = 0, k = 0, first = 0, last = 0, before_last = 0;
    char sep = 0;
    while (k < n) {
        size_t d = digits_at(w + k, n - k);
        if (d == 0) return 0;
        if (groups++ == 0) first = d;
        before_last = last;
        last = d;
        k += d;
        if (k == n) break;
        if (w[k] != '-' && w[k] != '.') return 0;
        if (sep && w[k] != sep) return 0;
        sep = w[k++];
        if (k == n) return 0;
    }
    if (groups < 2 || last != 4 || before_last != 3 || first > 3) return 0;
    return sep == '-' || groups >= 3;
}

static int say_phone(nr_buf *out, const char *w, size_t n)
{
    size_t p = n > 1 && w[0] == '+' ? 1 : 0;
    if (!phone_shape(w + p, n - p)) return 0;
    if (p) nr_buf_word(out, "plus");
    nr_say_digits(out, w + p, n - p);
    return 1;
}

/* "(555) 555-1234": the area code of a telephone number is digits too. */
static int area_code(const nr_ctx *c, size_t i, const num *x)
{
    size_t qn, n;
    const char *pre = nr_tok_pre(c->t, i, &qn);
    const char *next = nr_tok_word(c->t, i + 1, &n);
    return x->ipn == 3 && is_plain_int(x) && qn && pre[qn - 1] == '('
        && nr_tok_post_starts(c->t, i, ')') && phone_shape(next, n);
}

/* ---- one side with a suffix ---- */

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

/* The suffix after a plain number inside its word; 1 if understood. */
static int say_suffix(nr_buf *out, const num *x, const char *s, size_t n)
{
    if (eq(s, n, "%")) { say_num(out, x); nr_buf_word(out, "percent"); return 1; }
    if (eq(s, n, "+")) { say_num(out, x); nr_buf_word(out, "plus"); return 1; }
    if (ordinal_suffix_ok(x, s, n)) { say_int(out, x, nr_say_ordinal); return 1; }
    for (size_t k = 0; k < COUNT(SCALE_SUFFIXES); k++) {
        if (eq(s, n, SCALE_SUFFIXES[k][0])) {
            say_num(out, x);
            nr_buf_word(out, SCALE_SUFFIXES[k][1]);
            return 1;
        }
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

/* A bare number filling its word: a year, a clock time with "pm" next, a range over
 * three tokens, or a cardinal with a scale word next. The tokens used. */
static size_t say_bare(const nr_ctx *c, size_t i, nr_buf *out, const side *sd, int force_year)
{
    const num *x = &sd->x;
    char ap = next_ampm(c, i);
    if (ap && say_clock(out, sd, ap)) return 2;
    size_t used = spaced_range(c, i, out, x);
    if (used) return used;
    int era = is_plain_int(x) && x->ipn == 4 && x->ip[0] != '0' && era_follows(c, i);
    if (era || (is_year_form(x) && (force_year || year_context(c, i, 1)))) {
        nr_say_year(out, x->ip, 4);
        return 1;
    }
    if (area_code(c, i, x)) {
        nr_say_digits(out, x->ip, x->ipn);
        return 1;
    }
    say_num(out, x);
    return 1 + say_next_scale(c, i, out);
}

/* A side alone in its word, with what follows it there ("st", "%", "-year-old");
 * the tokens used, 0 if not ours. */
static size_t say_single(const nr_ctx *c, size_t i, nr_buf *out, const side *sd,
                         const char *rest, size_t rn, int force_year)
{
    size_t t = tail_start(rest, rn), used = 1;     /* rest = suffix [0, t) + tail [t, rn) */
    if (sd->min || sd->ampm) {
        char ap = sd->ampm ? sd->ampm : rn ? 0 : next_ampm(c, i);   /* "4:00 pm" */
        if (ap && !sd->ampm && say_clock(out, sd, ap)) used = 2;
        else if (t || !say_clock(out, sd, sd->ampm)) return 0;
    } else if (sd->decade) {
        if (t || !say_decade(out, &sd->x)) return 0;
    } else if (rn == 0) {
        used = say_bare(c, i, out, sd, force_year);
    } else if (t == 0) {
        say_num(out, &sd->x);
    } else if (!say_suffix(out, &sd->x, rest, t)) return 0;
    if (t < rn && !say_tail(out, rest + t, rn - t)) return 0;
    return used;
}

/* ---- other shapes ---- */

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
    side sd;
    parse_side(w + 1, n - 1, 0, &sd);
    if (!sd.decade || sd.len != n - 1 || sd.x.ipn != 2) return 0;
    return say_decade(out, &sd.x) ? 1 : 0;
}

/* "#1" -> number one; "# 40" (two tokens) too. */
static size_t say_hash(const nr_ctx *c, size_t i, nr_buf *out, const char *w, size_t n)
{
    num x;
    size_t pn;
    if (n > 1) {
        if (!parse_num(w + 1, n - 1, 0, &x) || x.len != n - 1) return 0;
        nr_buf_word(out, "number");
        say_num(out, &x);
        return 1;
    }
    nr_tok_post(c->t, i, &pn);
    if (pn || !token_num(c, i + 1, &x)) return 0;
    nr_buf_word(out, "number");
    say_num(out, &x);
    return 2;
}

size_t nr_verbalize_number(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    if (n < 1) return 0;
    if (w[0] == '#') return say_hash(c, i, out, w, n);
    if (w[0] == '\'') return n > 1 ? say_short_decade(out, w, n) : 0;
    if (say_phone(out, w, n)) return 1;
    size_t mark = out->len, pl = prefix_len(w, n);
    if (pl) {
        nr_buf_wordn(out, w, pl);
        w += pl + 1;
        n -= pl + 1;
    }
    side a, b;
    parse_side(w, n, !pl, &a);
    const char *rest = w + a.len;
    size_t rn = n - a.len, dl = dash_at(rest, rn), used = 0;
    if (a.len && dl && rn > dl && !is_alpha(rest[dl])) {
        parse_side(rest + dl, rn - dl, 0, &b);
        size_t left = rn - dl - b.len;
        int percent = left == 1 && rest[rn - 1] == '%';
        char ap = left == 0 && !b.ampm ? next_ampm(c, i) : 0;
        if (b.len && (left == 0 || percent) && say_range(out, &a, &b, percent, ap))
            used = ap ? 2 : 1 + (!percent && !a.decade ? say_next_scale(c, i, out) : 0);
    } else if (a.len) used = say_single(c, i, out, &a, rest, rn, pl != 0);
    if (!used) rollback(out, mark);
    return used;
}
