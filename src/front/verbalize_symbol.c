/*
 * verbalize_symbol.c — symbols said as words: "A & B" A and B, "R&D" R and D, "AT&T",
 * "&c" et cetera, "2 + 2 = 4", "1+1" one plus one, "y=x" y equals x, "35-20=15",
 * "x²", "5 ± 0.1", "~5" about five, "25 x 7 m" twenty five by seven meters, "2 × 3".
 *
 * Why: eSpeak NG names some symbols itself but not in a formula glued together, and
 * names a hyphen or slash nowhere useful. The readings are data (the `symbols` table
 * of voices/lexicons/en-units.yaml). Prose punctuation is left alone: a minus or a
 * slash is only an operator inside a formula that has a surer one ("1-2=5", but not
 * "well-known", "x-ray", "and/or"), and the formula's operands must be numbers or
 * one- or two-letter variables.
 *
 * A free-standing dash between numbers is a range ("1938 - 1981" -> to), also when a
 * month, an era or a unit stands between a number and the dash ("2 BC – AD 14", "March
 * 1990 – June 1995") or the range ends in a word of range_ends ("1989 – present").
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>



/* Bytes of the UTF-8 character at s (1 for ASCII or a stray byte). */
static size_t char_len(const char *s, size_t n)
{
    unsigned char b = (unsigned char)s[0];
    size_t l = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return l <= n ? l : 1;
}

static const char *field(const nr_lex_entry *e, const char *name)
{
    return e ? nr_lex_field(e, name) : NULL;
}

/* The symbol spelled exactly s, or NULL. */
static const nr_lex_entry *symbol(const nr_ctx *c, const char *s, size_t n)
{
    return n ? nr_lex_find(c->lex, NR_T_symbols, s, n) : NULL;
}

/* 0: not an operator; 1: an operator only beside a surer one (- /); 2: an operator. */
static int op_strength(const nr_lex_entry *e)
{
    const char *m = field(e, "math");
    if (!m) return 0;
    return strcmp(m, "weak") ? 2 : 1;
}

/* ---- output ---- */

/* Letters one by one (nr_say_letter): "R D", "Eh T". */
static void spell(nr_buf *out, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++) nr_say_letter(out, s[k]);
}

/* A number: "1,200" one thousand two hundred, "0.5" zero point five. */
static void say_number(nr_buf *out, const char *s, size_t n)
{
    nr_buf words = { 0 }, digits = { 0 };
    size_t k = 0;
    for (; k < n && s[k] != '.'; k++)
        if (nr_is_digit(s[k])) nr_buf_putc(&digits, s[k]);
    if (digits.len) nr_say_cardinal(&words, digits.s, digits.len);
    if (k < n) {
        nr_buf_word(&words, "point");
        nr_say_digits(&words, s + k + 1, n - k - 1);
    }
    if (words.oom || digits.oom) out->oom = 1;
    else if (words.len) nr_buf_wordn(out, words.s, words.len);
    nr_buf_free(&words);
    nr_buf_free(&digits);
}

/* ---- formulas inside one word: "1+1", "y=x", "35-20=15", "x²", "2x+3" ---- */

/* Length of an operand at s: a number ("1,200", "0.5"), up to two letters, or a number
 * with a variable ("2x"), maybe squared ("x²"); 0 if none. */
static size_t operand_at(const char *s, size_t n)
{
    size_t k = nr_run_of(s, n, nr_is_digit);
    if (k) {
        while (k + 1 < n && (s[k] == ',' || s[k] == '.') && nr_is_digit(s[k + 1]))
            k += 1 + nr_run_of(s + k + 1, n - k - 1, nr_is_digit);
    } else if (n && s[0] == '.' && n > 1 && nr_is_digit(s[1])) {
        k = 1 + nr_run_of(s + 1, n - 1, nr_is_digit);
    }
    size_t l = nr_run_of(s + k, n - k, nr_is_alpha);
    if (l > 2) return 0;
    k += l;
    if (k && k + 2 <= n && (!memcmp(s + k, "\xc2\xb2", 2) || !memcmp(s + k, "\xc2\xb3", 2))) k += 2;
    return k;
}

static void say_operand(const nr_ctx *c, nr_buf *out, const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && (nr_is_digit(s[k]) || s[k] == ',' || s[k] == '.')) k++;
    if (k) say_number(out, s, k);
    size_t l = nr_run_of(s + k, n - k, nr_is_alpha);
    if (l) spell(out, s + k, l);
    const nr_lex_entry *power = k + l < n ? symbol(c, s + k + l, n - k - l) : NULL;
    if (power) nr_buf_word(out, power->say);
}

/* The operator at s (one character), or NULL. */
static const nr_lex_entry *operator_at(const nr_ctx *c, const char *s, size_t n, size_t *len)
{
    *len = char_len(s, n);
    const nr_lex_entry *e = symbol(c, s, *len);
    return op_strength(e) ? e : NULL;
}

/* Walks the formula in w; with `say` it also says it. The strongest operator seen, or -1
 * if w is not a formula; *trailing tells that it ends in an operator ("1-"). */
static int formula(const nr_ctx *c, const char *w, size_t n, nr_buf *say, int *trailing)
{
    size_t k = 0, len;
    int strongest = 0, ops = 0;
    *trailing = 0;
    const nr_lex_entry *op = operator_at(c, w, n, &len);
    if (op && len < n) {                            /* "-x+1" */
        if (say) nr_buf_word(say, op->say);
        k = len;
    }
    for (;;) {
        size_t a = operand_at(w + k, n - k);
        if (!a) return -1;
        if (say) say_operand(c, say, w + k, a);
        k += a;
        if (k == n) break;
        op = operator_at(c, w + k, n - k, &len);
        if (!op) return -1;
        int s = op_strength(op);
        if (s > strongest) strongest = s;
        ops++;
        if (say) nr_buf_word(say, op->say);
        k += len;
        if (k == n) { *trailing = 1; break; }
    }
    return ops ? strongest : -1;
}

/* A formula going on into the next words: "1- 2 = 5" (token i ends in an operator). */
static int continues(const nr_ctx *c, size_t i)
{
    size_t pn, n, m;
    nr_tok_post(c->t, i, &pn);
    const char *next = nr_tok_word(c->t, i + 1, &n);
    const char *after = nr_tok_word(c->t, i + 2, &m);
    if (pn || !n || operand_at(next, n) == 0 || c->t->tok[i].brk != NR_BRK_NONE) return 0;
    int trailing;
    return op_strength(symbol(c, after, m)) == 2 || formula(c, next, n, NULL, &trailing) == 2;
}

/* A formula filling w, or a power alone ("x²", "10³"); 1 if it is one, *power telling which. */
static int formula_word(const nr_ctx *c, size_t i, const char *w, size_t n, int *power)
{
    int trailing;
    int strength = formula(c, w, n, NULL, &trailing);
    *power = strength < 0;
    if (*power) {
        size_t a = operand_at(w, n);
        return a == n && n >= 3 && (!nr_is_alpha(w[0]) || n == 3) && symbol(c, w + n - 2, 2);
    }
    return trailing ? strength == 2 || continues(c, i) : strength >= 2;
}

/* ---- "R&D", "AT&T", "46&2", "Childs&Peterson" ---- */

static int ampersand_word(const char *w, size_t n)
{
    if (!memchr(w, '&', n) || w[0] == '&' || w[n - 1] == '&') return 0;
    for (size_t k = 0; k < n; k++)
        if (!nr_is_alpha(w[k]) && !nr_is_digit(w[k]) && !(w[k] == '&' && w[k + 1] != '&')) return 0;
    return 1;
}

static void say_ampersand(nr_buf *out, const char *w, size_t n)
{
    for (size_t k = 0; k < n;) {
        if (w[k] == '&') { nr_buf_word(out, "and"); k++; continue; }
        size_t d = nr_run_of(w + k, n - k, nr_is_digit), u = nr_run_of(w + k, n - k, nr_is_upper);
        size_t part = k;
        while (part < n && w[part] != '&') part++;
        part -= k;
        if (d == part) say_number(out, w + k, d);
        else if (u == part && u <= 5) spell(out, w + k, u);
        else nr_buf_wordn(out, w + k, part);
        k += part;
    }
}

/* ---- symbols standing alone ---- */

/* 1 if the word of token j starts like an operand of a formula (a number or a letter). */
static int operand_word(const nr_ctx *c, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    return j < c->t->n && n && operand_at(w, n) > 0;
}

/* A weak operator (- /) as its own word counts only between operands beside a sure one:
 * "6 / 3 = 2". */
static int math_context(const nr_ctx *c, size_t i)
{
    size_t n, m;
    if (i < 1 || !operand_word(c, i - 1) || !operand_word(c, i + 1)) return 0;
    const char *after = nr_tok_word(c->t, i + 2, &n);
    const char *before = i >= 2 ? nr_tok_word(c->t, i - 2, &m) : "";
    if (i < 2) m = 0;
    return op_strength(symbol(c, after, n)) == 2 || op_strength(symbol(c, before, m)) == 2;
}

static int has_digit_word(const nr_tokens *t, size_t i)
{
    return i < t->n && (t->tok[i].shape & NR_SHAPE_DIGIT);
}

/* 1 if the word of token j is a unit of measure (as written). */
static int unit_word(const nr_ctx *c, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    return j < c->t->n && n && nr_lex_find(c->lex, NR_T_units, w, n) != NULL;
}

/* 1 if the word at s is a power of ten: "10^8", "10^-19", "10²³", "10⁻³⁴". */
static int power_of_ten(const char *s, size_t n)
{
    if (n < 3 || s[0] != '1' || s[1] != '0') return 0;
    return s[2] == '^' || (n >= 4 && (!memcmp(s + 2, "\xc2\xb2", 2) || !memcmp(s + 2, "\xc2\xb3", 2)
                                      || !memcmp(s + 2, "\xc2\xb9", 2) || !memcmp(s + 2, "\xe2\x81", 2)));
}

/* 1 if token j is a plural noun of the clause: "doses" in "2 × 500 mg doses". */
static int plural_noun(const nr_ctx *c, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    if (j == 0 || j >= c->t->n || n < 3 || !nr_is_lower(w[0]) || w[n - 1] != 's' || !nr_tok_joined(c->t, j - 1)) return 0;
    for (size_t k = 0; k < n; k++)
        if (!nr_is_lower(w[k])) return 0;
    return !nr_lex_find(c->lex, NR_T_unit_not_nouns, w, n) && !unit_word(c, j);
}

/* "x" or "×" between two numbers: for sizes ("25 x 7 m", "5cm x 3cm", "4 m × 5 m") the
 * `size` reading of "×" (by), else its reading (times): "3 × 10^8" is a product, and
 * "2 × 500 mg doses" a count of doses (a unit on the right only, then a plural noun). */
static const char *times_word(const nr_ctx *c, size_t i)
{
    size_t n, pn, qn;
    nr_tok_post(c->t, i - 1, &pn);
    nr_tok_pre(c->t, i + 1, &qn);
    const char *prev = nr_tok_word(c->t, i - 1, &n);
    if (pn || qn || !n) return NULL;
    int unit_before = 0;                                /* "4 m × 5 m" */
    if (!nr_is_digit(prev[0])) {
        if (i < 2 || !unit_word(c, i - 1) || !has_digit_word(c->t, i - 2) || !nr_tok_joined(c->t, i - 2)) return NULL;
        unit_before = 1;
    }
    size_t m;
    const char *next = nr_tok_word(c->t, i + 1, &m);
    if (!m || !nr_is_digit(next[0])) return NULL;
    size_t pd = nr_run_of(prev, n, nr_is_digit), nd = nr_run_of(next, m, nr_is_digit);
    int glued_after = nd < m && nr_is_alpha(next[nd]);
    int left = unit_before || (pd < n && nr_is_alpha(prev[pd]));
    int right = glued_after || unit_word(c, i + 2);
    size_t un;
    const char *uw = nr_tok_word(c->t, i + 2, &un);
    const nr_lex_entry *ue = !glued_after && un ? nr_lex_find(c->lex, NR_T_units, uw, un) : NULL;
    int length = ue && nr_lex_field_is(ue, "dimension", "length");     /* "25 x 7 m rooms": a size */
    int size = left || right
            || nr_tok_is(c->t, i + 2, "x") || nr_tok_is(c->t, i + 2, "\xc3\x97")
            || (i >= 2 && (nr_tok_is(c->t, i - 2, "x") || nr_tok_is(c->t, i - 2, "\xc3\x97")));
    if (power_of_ten(next, m)) size = 0;                /* "3 × 10^8 m/s" */
    else if (!left && right && !length && plural_noun(c, glued_after ? i + 2 : i + 3)) size = 0;   /* "2 × 500 mg doses" */
    const nr_lex_entry *times = symbol(c, "\xc3\x97", 2);
    return times ? (size ? field(times, "size") : times->say) : NULL;
}

/* The word of token j is in a table (as written, or in lower case). */
static int listed_at(const nr_ctx *c, const char *table, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    return j < c->t->n && n && nr_lex_find(c->lex, table, w, n) != NULL;
}

/* A range may start at the dash at token i: a number before it, or a number with its
 * month, era or unit ("5 March –", "2 BC –", "5 km –"). */
static int range_starts(const nr_ctx *c, size_t i)
{
    if (i == 0) return 0;
    if (has_digit_word(c->t, i - 1)) return 1;
    return i >= 2 && has_digit_word(c->t, i - 2) && nr_tok_joined(c->t, i - 2)
        && (listed_at(c, NR_T_months, i - 1) || listed_at(c, NR_T_era_words, i - 1) || listed_at(c, NR_T_units, i - 1));
}

/* A range may end at token j (after the dash): a number, or one behind its month, era or
 * currency ("– June 1995", "– AD 14", "– USD 5"). */
static int range_ends_number(const nr_ctx *c, size_t j)
{
    if (has_digit_word(c->t, j)) return 1;
    return has_digit_word(c->t, j + 1) && nr_tok_joined(c->t, j) && nr_tok_capitalized(c->t, j)
        && (listed_at(c, NR_T_months, j) || listed_at(c, NR_T_era_words, j) || listed_at(c, NR_T_currencies, j));
}

/* A word that ends a range ("– present"), or NULL. */
static const nr_lex_entry *range_end_word(const nr_ctx *c, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    return j < c->t->n && n ? nr_lex_find_nocase(c->lex, NR_T_range_ends, w, n) : NULL;
}

/* What the match read, for the say. */
enum { WORD, RANGE_DASH, PREFIXED, AMPERSAND, FORMULA, POWER };
typedef struct {
    const char *say;        /* WORD: the reading; RANGE_DASH: "to" */
    const char *end;        /* RANGE_DASH: the word ending the range, or NULL */
    int read_on;            /* RANGE_DASH: the range's end is read here too */
    size_t prefix;          /* PREFIXED: bytes of the symbols before the number */
} reading;

/* The dash at token i read as a range: "to", then the end when it is a word of
 * range_ends. The segmenter may have ended a clause at the dash, taking it for an aside
 * ("1990 – June 1995"): the range reads on into its end, with no pause inside. Tokens
 * used, or 0. */
static size_t range_dash(const nr_ctx *c, size_t i, const char *range, reading *r)
{
    const nr_lex_entry *end = range_end_word(c, i + 1);
    if (c->t->tok[i].brk == NR_BRK_SENTENCE || !range_starts(c, i)) return 0;
    if (!end && !range_ends_number(c, i + 1)) return 0;
    r->say = range;
    if (end) {
        r->end = end->say;
        return 2;
    }
    if (c->t->tok[i].brk == NR_BRK_NONE || !nr_tok_continues(c->t, i + 1)) return 1;
    nr_claim next;
    r->read_on = 1;
    return 1 + (nr_classify(c, i + 1, &next) ? next.used : 1);
}

/* A free-standing "*", "<" or ">" between numbers is said ("123 * 123"); a free-standing
 * dash (a token with no word; the front end hands these to the classes):
 * minus between the operands of a formula ("5 - 3 = 2"), "to" in a range elsewhere
 * ("1939 - 1945", "1989 - present"), and nothing to say otherwise. */
static size_t lone_minus(const nr_ctx *c, size_t i, reading *r, int *kind)
{
    size_t pn, qn;
    const char *p = nr_tok_post(c->t, i, &pn);
    nr_tok_pre(c->t, i, &qn);
    *kind = WORD;
    if (qn || pn != 1) return 0;
    if (p[0] == '*' || p[0] == '<' || p[0] == '>') {               /* "123 * 123", "5 < 7" */
        const nr_lex_entry *op = symbol(c, p, 1);
        /* "p < 0.05", "(< 5 years)": a number after it is enough; "*" also wants one before */
        if (!op || !has_digit_word(c->t, i + 1) || (p[0] == '*' && !has_digit_word(c->t, i - 1))) return 0;
        r->say = op->say;
        return 1;
    }
    const nr_lex_entry *minus = symbol(c, "-", 1);
    if (p[0] != '-' || !minus) return 0;
    if (math_context(c, i)) {
        r->say = minus->say;
        return 1;
    }
    const char *range = nr_lex_field(minus, "range");
    *kind = RANGE_DASH;
    return range ? range_dash(c, i, range, r) : 0;
}

/* Length of the prefix symbols before a number: "~5" about five, "±0.1", "≈3"; 0 if none. */
static size_t prefix_symbols(const nr_ctx *c, const char *w, size_t n)
{
    size_t k = 0;
    while (k < n) {
        size_t len = char_len(w + k, n - k);
        if (!field(symbol(c, w + k, len), "prefix")) break;
        k += len;
    }
    if (!k || k == n || !(nr_is_digit(w[k]) || (w[k] == '.' && k + 1 < n && nr_is_digit(w[k + 1])))) return 0;
    return k;
}

/* The rest after the prefix goes through all the classes, in a window of tokens around
 * this one (constant size, so neighbours still count) where this token starts after the
 * symbols; the token's place in the window. */
enum { WINDOW = 8 };
static size_t after_prefix(const nr_ctx *c, size_t i, size_t k, nr_token win[WINDOW], nr_tokens *t)
{
    size_t lo = i >= 3 ? i - 3 : 0, hi = i + 5 < c->t->n ? i + 5 : c->t->n;
    memcpy(win, c->t->tok + lo, (hi - lo) * sizeof *win);
    win[i - lo].start = win[i - lo].wstart = c->t->tok[i].wstart + k;
    *t = (nr_tokens){ .text = c->t->text, .text_len = c->t->text_len, .tok = win, .n = hi - lo, .cap = hi - lo };
    return i - lo;
}

/* The reading of token i's word w; the tokens used, 0 if none. */
static size_t word_reading(const nr_ctx *c, size_t i, const char *w, size_t n, reading *r, int *kind)
{
    *kind = WORD;
    if ((n == 1 && w[0] == 'x') || (n == 2 && !memcmp(w, "\xc3\x97", 2))) {
        r->say = i > 0 ? times_word(c, i) : NULL;
        if (r->say || w[0] == 'x') return r->say ? 1 : 0;
    }
    const nr_lex_entry *s = symbol(c, w, n);
    if (s) {
        if (op_strength(s) == 1 && !math_context(c, i)) return 0;
        if (field(s, "prefix") && !op_strength(s) && !operand_word(c, i + 1)) return 0;   /* "~" */
        r->say = s->say;
        return 1;
    }
    if (ampersand_word(w, n)) return *kind = AMPERSAND, 1;
    if ((r->prefix = prefix_symbols(c, w, n))) {
        nr_token win[WINDOW];
        nr_tokens t;
        size_t at = after_prefix(c, i, r->prefix, win, &t);
        nr_ctx sub = { &t, c->lex };
        nr_claim rest;
        *kind = PREFIXED;
        return nr_classify(&sub, at, &rest) ? rest.used : 1;
    }
    int power;
    if (!formula_word(c, i, w, n, &power)) return 0;
    *kind = power ? POWER : FORMULA;
    return 1;
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, reading *r)
{
    if (!c->lex || !symbol(c, "=", 1)) return 0;       /* no symbol words loaded */
    return n ? word_reading(c, i, w, n, r, &m->reading) : lone_minus(c, i, r, &m->reading);
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const reading *r,
                nr_buf *out)
{
    int trailing;
    switch (m->reading) {
    case WORD: nr_buf_word(out, r->say); break;
    case RANGE_DASH:
        nr_buf_word(out, r->say);
        if (r->end) nr_buf_word(out, r->end);
        if (r->read_on) nr_verbalize(c, i + 1, out);
        break;
    case AMPERSAND: say_ampersand(out, w, n); break;
    case PREFIXED: {
        for (size_t k = 0; k < r->prefix;) {
            size_t len = char_len(w + k, n - k);
            nr_buf_word(out, symbol(c, w + k, len)->say);
            k += len;
        }
        nr_token win[WINDOW];
        nr_tokens t;
        size_t at = after_prefix(c, i, r->prefix, win, &t);
        nr_ctx sub = { &t, c->lex };
        nr_verbalize(&sub, at, out);
        break;
    }
    case POWER: say_operand(c, out, w, n); break;
    default: formula(c, w, n, out, &trailing);
    }
}

NR_CLASS_RECORD(symbol, reading, match, say);
