/*
 * verbalize_telephone.c — telephone numbers, read digit by digit in their groups:
 * "555-1234", "(555) 123-4567", "+1(123) 555-0199", "+44 20 7946 0958", "020 7946 0958",
 * "1-800-GO-U-HAUL" (a vanity number: its words said), "1-800-555-0199" one eight hundred
 * ..., "ext. 12" / "x12" after one; codes of many dashed groups ("978-3-16-148410-0");
 * the area code before one ("(555) 555-1234"); and service numbers where a service is
 * meant ("call 911", "a 911 call", "dial 112 or 999"; not "311 yards").
 *
 * A word is a telephone number by the lengths of its digit groups (3-4, 3-3-4, 1-3-3-4,
 * any groups after a country code), so that a range ("500-1000") or a date stays what it
 * is. The cue words are tables of en-numbers.yaml (see the T_ names below).
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/numeric.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>


#define MAX_GROUPS 8

/* A telephone number within one word: "+1" country code, "(123)" area code, groups of
 * digits (or, in "1-800-GO-U-HAUL", capitals) between '-' or '.'. */
typedef struct {
    const char *cc;                 /* country code digits after '+', or NULL */
    size_t ccn;
    const char *g[MAX_GROUPS];      /* the groups */
    size_t gn[MAX_GROUPS];
    size_t ng;
    int area;                       /* g[0] was written in parentheses */
    int letters;                    /* some group is capital letters */
    char sep;
} phone;

static int push_group(phone *ph, const char *s, size_t n)
{
    if (ph->ng == MAX_GROUPS) return 0;
    ph->g[ph->ng] = s;
    ph->gn[ph->ng++] = n;
    return 1;
}

/* "(123)" or "(123)-" at w[*p] (the '(' already passed); the area code is group 0. */
static int parse_area(const char *w, size_t n, size_t *p, int close_after, phone *ph)
{
    size_t d = nr_digits_at(w + *p, n - *p);
    if (d != 3 || !push_group(ph, w + *p, 3)) return 0;
    *p += 3;
    ph->area = 1;
    if (*p == n) return close_after;            /* "+1(123" with ')' as trailing punctuation */
    if (w[*p] != ')') return 0;
    (*p)++;
    if (*p < n && w[*p] == '-') (*p)++;
    return *p < n;
}

/* Splits a word into its phone parts; 0 if it has not that form. `open` tells that the
 * token's leading punctuation ends in '(' and `close` that its trailing starts with ')'. */
static int parse_phone(const char *w, size_t n, int open, int close, phone *ph)
{
    memset(ph, 0, sizeof *ph);
    size_t p = 0;
    if (n > 2 && w[0] == '+') {
        size_t d = nr_digits_at(w + 1, n - 1);
        if (d < 1 || d > 3 || d + 1 == n) return 0;
        ph->cc = w + 1;
        ph->ccn = d;
        p = 1 + d;
        if (w[p] == '(') {
            p++;
            if (!parse_area(w, n, &p, close, ph)) return 0;
            if (p == n) return 1;
        } else if (w[p] == '-' || w[p] == '.') p++;
        else return 0;
    } else if (open && !parse_area(w, n, &p, 0, ph)) {
        return 0;
    } else if (open && p == n) return 0;
    while (p < n) {
        size_t d = nr_digits_at(w + p, n - p), u = d ? 0 : nr_run_of(w + p, n - p, nr_is_upper);
        if (!d && !u) return 0;
        if (!push_group(ph, w + p, d + u)) return 0;
        ph->letters |= u > 0;
        p += d + u;
        if (p == n) break;
        if ((w[p] != '-' && w[p] != '.') || (ph->sep && w[p] != ph->sep) || p + 1 == n) return 0;
        ph->sep = w[p++];
    }
    return 1;
}

/* The digits of a vanity number: "1-800-FLOWERS", "800-GO-2-HAUL". */
static int vanity_ok(const phone *ph)
{
    size_t k = 0, letters = 0;
    if (ph->sep != '-' || ph->cc) return 0;
    if (ph->gn[0] == 1 && ph->g[0][0] == '1') k = 1;
    const char *code = ph->g[k];              /* toll-free: 800, 888, 877, ... 833 */
    if (k >= ph->ng || ph->gn[k] != 3 || code[0] != '8' || code[1] != code[2]) return 0;
    for (size_t j = k + 1; j < ph->ng; j++) letters += ph->gn[j];
    return letters >= 4 && letters <= 10;
}

/* 1 if the digit groups have a telephone number's lengths: [1-]123-123-4567[-ext],
 * 123-4567, 111-11-1111, or any groups after a country code. */
static int phone_lengths_ok(const phone *ph)
{
    size_t k = ph->ng, total = 0;
    const size_t *L = ph->gn;
    for (size_t j = 0; j < k; j++) total += L[j];
    if (ph->cc && k >= 2 && total >= 6 && total <= 14 && !ph->area) return 1;
    if (k >= 4 && L[k - 1] <= 5 && L[k - 2] == 4 && L[k - 3] == 3 && L[k - 4] == 3)
        return k == 4 || (k == 5 && L[0] <= 3);     /* an extension: "123-123-5678-1111" */
    if (k == 3 && !ph->cc && !ph->area && ph->sep == '-' && L[0] == 3 && L[1] == 2 && L[2] == 4) {
        long last = nr_digits_value(ph->g[2], 4);   /* "111-11-1111", but not "555-12-2019" */
        return last < 1900 || last > 2099;
    }
    if (k < 2 || k > 4 || L[k - 1] != 4 || L[k - 2] != 3) return 0;
    if (k >= 3 && L[k - 3] > 3) return 0;
    if (k == 4 && L[0] > 3) return 0;
    if (k == 2 && !ph->cc && !ph->area) {       /* "555-1234", but "500-1000" is a range */
        if (ph->sep != '-') return 0;
        if (ph->g[0][2] == '0' && ph->g[1][3] == '0' && ph->g[1][2] == '0') return 0;
    }
    return 1;
}

/* Says a group of capitals as a word ("HAUL" -> haul; a lone "U" -> u). */
static void say_letters_word(nr_buf *out, const char *s, size_t n)
{
    nr_buf_wordn(out, s, n);
    for (size_t k = out->len - n; !out->oom && k < out->len; k++) out->s[k] = nr_to_lower(out->s[k]);
}

/* Digit by digit, group after group; the toll-free area code 800 as "eight hundred". */
static void say_phone(nr_buf *out, const phone *ph)
{
    if (ph->cc) {
        nr_buf_word(out, "plus");
        nr_say_digits(out, ph->cc, ph->ccn);
    }
    size_t area = ph->gn[0] == 1 && ph->ng >= 3 ? 1 : 0;
    for (size_t j = 0; j < ph->ng; j++) {
        const char *g = ph->g[j];
        if (nr_is_upper(g[0])) say_letters_word(out, g, ph->gn[j]);
        else if (j == area && j + 1 < ph->ng && ph->gn[j] == 3 && memcmp(g, "800", 3) == 0)
            nr_say_cardinal(out, g, 3);         /* "1-800-...": one eight hundred */
        else nr_say_digits(out, g, ph->gn[j]);
    }
}

/* An extension after a telephone number at token i: "ext. 12", "x 12", "x12"; its digits
 * in *d, *dn. Tokens used. */
static size_t extension(const nr_ctx *c, size_t i, const char **d, size_t *dn)
{
    size_t n, pn;
    if (i + 1 >= c->t->n || c->t->tok[i].brk != NR_BRK_NONE) return 0;
    nr_tok_post(c->t, i, &pn);
    if (pn) return 0;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    size_t letters = nr_run_of(w, n, nr_is_alpha);
    if (letters && letters < n && nr_digits_at(w + letters, n - letters) == n - letters && n - letters <= 5
        && nr_lex_find_nocase(c->lex, NR_T_phone_extensions, w, letters)) {
        *d = w + letters;                       /* "x12" */
        *dn = n - letters;
        return 1;
    }
    /* "ext." may have been taken for a sentence end: the number after it says it was not */
    if (!nr_tok_cue(c, NR_T_phone_extensions, i + 1)) return 0;
    size_t en;
    const char *e = nr_tok_word(c->t, i + 2, &en);
    if (!en || en > 5 || nr_digits_at(e, en) != en) return 0;
    *d = e;
    *dn = en;
    return 2;
}

/* "+44 20 7946 0958", "020 7946 0958": a country code or a trunk zero, then groups of
 * digits as tokens of their own. Tokens used, or 0. */
static size_t spaced_phone(const nr_ctx *c, size_t i, const char *w, size_t n)
{
    int plus = w[0] == '+';
    size_t d = nr_digits_at(w + plus, n - plus), total = 0, j = i;
    if (d + plus != n || (plus ? d > 3 : (d < 2 || d > 5 || w[0] != '0'))) return 0;
    while (nr_tok_joined(c->t, j) && total <= 13) {   /* it also stops at punctuation */
        size_t gn;
        const char *g = nr_tok_word(c->t, j + 1, &gn);
        if (!gn || gn > 4 || nr_digits_at(g, gn) != gn) break;
        total += gn;
        j++;
    }
    size_t groups = j - i;
    if (groups < 2 || total + (plus ? 0 : d) < (plus ? 6u : 9u) || total > 13) return 0;
    return groups + 1;
}

static void say_spaced_phone(const nr_ctx *c, size_t i, size_t used, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    int plus = w[0] == '+';
    if (plus) nr_buf_word(out, "plus");
    nr_say_digits(out, w + plus, n - plus);
    for (size_t k = i + 1; k < i + used; k++) {
        size_t gn;
        const char *g = nr_tok_word(c->t, k, &gn);
        nr_say_digits(out, g, gn);
    }
}

/* "978-3-16-148410-0": three groups of digits or more between dashes, seven digits or
 * more in all, that are no telephone number — a code, read digit by digit. */
static int code_groups(const phone *ph)
{
    size_t total = 0;
    if (ph->cc || ph->area || ph->letters || ph->sep != '-' || ph->ng < 3) return 0;
    for (size_t j = 0; j < ph->ng; j++) total += ph->gn[j];
    return total >= 7;
}

/* A dialling word right before token i ("call 911", "dial 999"), or "to" after one
 * ("calls to 911"), touching it. */
static int dialled(const nr_ctx *c, size_t i)
{
    if (i == 0 || !nr_tok_joined(c->t, i - 1)) return 0;
    if (nr_tok_cue(c, NR_T_digit_number_before, i - 1)) return 1;
    return i >= 2 && nr_tok_is(c->t, i - 1, "to") && nr_tok_joined(c->t, i - 2)
        && nr_tok_cue(c, NR_T_digit_number_before, i - 2);
}

/* "and" or "or" as token j, touching its neighbours: "112 or 999". */
static int list_word(const nr_ctx *c, size_t j)
{
    return j > 0 && (nr_tok_is(c->t, j, "or") || nr_tok_is(c->t, j, "and"))
        && nr_tok_joined(c->t, j - 1) && nr_tok_joined(c->t, j);
}

/* A service word right after token i ("911 call", "988 lifeline", "a 911 dispatcher's"). */
static int service_next(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's') n -= 2;
    return nr_tok_joined(c->t, i) && n && nr_lex_find_nocase(c->lex, NR_T_digit_number_after, w, n);
}

/* 1 if the word of token j is a service number (digit_numbers) alone. */
static int service_word(const nr_ctx *c, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    return j < c->t->n && n && nr_digits_at(w, n) == n && nr_lex_find(c->lex, NR_T_digit_numbers, w, n);
}

/* Whether the service number at token i (a whole word: `whole`) stands where a service is
 * meant: after a dialling word, before a service word, or beside such a service number
 * in a pair ("dial 112 or 999", "the 911 and 311 systems"). */
static int service_context(const nr_ctx *c, size_t i, int whole)
{
    if (dialled(c, i) || service_next(c, i)) return 1;
    if (i >= 2 && list_word(c, i - 1) && service_word(c, i - 2) && dialled(c, i - 2)) return 1;
    return whole && list_word(c, i + 1) && service_word(c, i + 2) && service_next(c, i + 2);
}

/* "a 911 call", "dial 112", "the 988 lifeline": an emergency or service number
 * (digit_numbers) filling its word, or before a "-word" tail ("911-related calls"), is
 * said digit by digit in a service context (service_context); elsewhere it is a number
 * like any other ("threw for 311 yards", "Celtics 112, Knicks 98"). */
static int service_number(const nr_ctx *c, size_t i, const char *w, size_t n)
{
    size_t d = nr_digits_at(w, n);
    if (d > 4 || (d < n && (w[d] != '-' || nr_tail_start(w + d, n - d) != 0))) return 0;   /* "911-related" */
    if (!nr_lex_find(c->lex, NR_T_digit_numbers, w, d) || !service_context(c, i, d == n)) return 0;
    return d == n || nr_tail_ok(w + d, n - d);
}

static void say_service_number(nr_buf *out, const char *w, size_t n)
{
    size_t d = nr_digits_at(w, n);
    nr_say_digits(out, w, d);
    if (d < n) nr_say_tail(out, w + d, n - d);
}

/* "(555) 555-1234": the area code of a telephone number is digits too. */
static int area_code(const nr_ctx *c, size_t i)
{
    size_t qn, n, wn;
    const char *w = nr_tok_word(c->t, i, &wn);
    nr_num x;
    if (wn != 3 || !nr_tok_post_starts(c->t, i, ')') || !nr_parse_num(w, wn, 0, &x) || x.len != wn) return 0;
    const char *pre = nr_tok_pre(c->t, i, &qn);
    const char *next = nr_tok_word(c->t, i + 1, &n);
    phone ph;
    return x.ipn == 3 && nr_num_is_plain(&x) && qn && pre[qn - 1] == '('
        && nr_tok_post_starts(c->t, i, ')') && parse_phone(next, n, 0, 0, &ph) && !ph.letters
        && phone_lengths_ok(&ph);
}

/* What the match read, for the say. */
enum { SERVICE, PHONE, CODE, SPACED, AREA_CODE };
typedef struct {
    phone ph;               /* PHONE, CODE */
    const char *ext;        /* PHONE: the digits of an extension after it, or NULL */
    size_t extn;
} telephone;

/* A telephone number at token i, with its extension, or a code of dashed groups; the
 * reading in *reading, the tokens used or 0. */
static size_t phone_token(const nr_ctx *c, size_t i, const char *w, size_t n, telephone *r, int *reading)
{
    size_t qn;
    const char *pre = nr_tok_pre(c->t, i, &qn);
    int open = qn && pre[qn - 1] == '(' && nr_is_digit(w[0]);
    phone *ph = &r->ph;
    int parsed = parse_phone(w, n, open, nr_tok_post_starts(c->t, i, ')'), ph), ok = parsed;
    if (ok && ph->letters) ok = vanity_ok(ph);
    else if (ok) ok = (ph->area && ph->cc && ph->ng == 1) || phone_lengths_ok(ph);  /* "+1(123)" */
    if (ok) {
        *reading = PHONE;
        return 1 + extension(c, i, &r->ext, &r->extn);
    }
    *reading = parsed && code_groups(ph) ? CODE : SPACED;
    return *reading == CODE ? 1 : spaced_phone(c, i, w, n);
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, telephone *r)
{
    size_t used = 1;
    if (!n) return 0;
    if (c->lex && service_number(c, i, w, n)) m->reading = SERVICE;
    else if (!(used = phone_token(c, i, w, n, r, &m->reading))) {
        if (!area_code(c, i)) return 0;
        m->reading = AREA_CODE;
        used = 1;
    }
    return used;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const telephone *r,
                nr_buf *out)
{
    switch (m->reading) {
    case SERVICE: say_service_number(out, w, n); break;
    case SPACED: say_spaced_phone(c, i, m->used, out); break;
    case AREA_CODE: nr_say_digits(out, w, n); break;
    default:
        say_phone(out, &r->ph);
        if (r->ext) {
            nr_buf_word(out, "extension");
            nr_say_digits(out, r->ext, r->extn);
        }
    }
}

NR_CLASS_RECORD(telephone, telephone, match, say);
