/*
 * numeric.c — a number word in its parts (see numeric.h): shared by the number classes,
 * so that "3:30", "1990s" or "mid-" is read one way wherever it stands.
 */
#include "front/numeric.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>


/* ---- sides ---- */

void nr_parse_side(const char *w, size_t n, int signed_ok, nr_side *sd)
{
    memset(sd, 0, sizeof *sd);
    if (!nr_parse_num(w, n, signed_ok, &sd->x)) return;
    size_t p = sd->x.len;
    if (p + 3 <= n && w[p] == ':' && nr_is_digit(w[p + 1]) && nr_is_digit(w[p + 2])
        && (p + 3 == n || !nr_is_digit(w[p + 3]))) {
        sd->min = w + p + 1;
        p += 3;
    }
    for (size_t l = 3; l >= 2; l--) {
        if (p + l <= n && (sd->ampm = nr_ampm_word(w + p, l)) && (p + l == n || !nr_is_alpha(w[p + l]))) {
            p += l;
            break;
        }
    }
    if (!sd->min && !sd->ampm && sd->x.ipn && !sd->x.fp && !sd->x.sign) {
        if (p + 1 <= n && w[p] == 's' && (p + 1 == n || !nr_is_alpha(w[p + 1]))) { sd->decade = 1; p += 1; }
        else if (p + 2 <= n && w[p] == '\'' && w[p + 1] == 's' && (p + 2 == n || !nr_is_alpha(w[p + 2]))) {
            sd->decade = 1;
            p += 2;
        }
    }
    sd->len = p;
}

int nr_side_clock(const nr_side *sd, char ap, int bare_ok, nr_clock *k)
{
    const nr_num *x = &sd->x;
    if (!x->ipn || x->ipn > 2 || x->sign || x->commas) return 0;
    if (sd->min && x->fp) return 0;
    if (!sd->min && x->fp && x->fpn != 2) return 0;
    memset(k, 0, sizeof *k);
    k->h = (nr_digits){ x->ip, x->ipn };
    if (sd->min) k->m = (nr_digits){ sd->min, 2 };
    else if (x->fp) k->m = (nr_digits){ x->fp, 2 }, k->dot = 1;     /* "3.30pm" */
    k->ap = ap;
    return nr_clock_valid(k, bare_ok);
}

/* "am"/"pm" as written ("am", "PM", "a.m"): 'a' or 'p', else 0. */
char nr_ampm_word(const char *s, size_t n)
{
    if (n != 2 && n != 3) return 0;
    char l = nr_to_lower(s[0]);
    if (l != 'a' && l != 'p') return 0;
    if (n == 2 ? nr_to_lower(s[1]) == 'm' : (s[1] == '.' && nr_to_lower(s[2]) == 'm')) return l;
    return 0;
}

char nr_next_ampm(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    return nr_tok_joined(c->t, i) ? nr_ampm_word(w, n) : 0;
}

/* ---- around the number ---- */

/* Length of a "mid-" style prefix before a digit, or 0. */
static size_t decade_prefix(const nr_ctx *c, const char *w, size_t n)
{
    size_t pl = nr_run_of(w, n, nr_is_alpha);
    if (!pl || pl + 1 >= n || w[pl] != '-' || !nr_is_digit(w[pl + 1])) return 0;
    return nr_lex_find_nocase(c->lex, NR_T_decade_prefixes, w, pl) ? pl : 0;
}

size_t nr_parse_prefixed_side(const nr_ctx *c, const char *w, size_t n, size_t *prefix, nr_side *sd)
{
    size_t pl = decade_prefix(c, w, n), skip = pl ? pl + 1 : 0;
    nr_parse_side(w + skip, n - skip, !pl, sd);
    *prefix = pl;
    return skip;
}

/* "-year-old" after a number: said word by word ("five year old"); a part of digits
 * after a word is a number ("4th-and-1" -> fourth and one, "2-for-10", "9-to-5"). */
int nr_tail_ok(const char *s, size_t n)
{
    if (n < 2 || s[0] != '-' || !nr_is_alpha(s[1])) return 0;
    for (size_t k = 1, start = 1; k <= n; k++) {       /* parts of letters or of digits */
        if (k < n && s[k] != '-') continue;
        size_t len = k - start, d = nr_digits_at(s + start, len);
        if (!len || (d && (d != len || d > 4)))
            return 0;
        for (size_t q = start; q < k; q++)
            if (!d && !nr_is_alpha(s[q]) && s[q] != '\'') return 0;
        start = k + 1;
    }
    return 1;
}

void nr_say_tail(nr_buf *out, const char *s, size_t n)
{
    for (size_t k = 1, start = 1; k <= n; k++) {
        if (k < n && s[k] != '-') continue;
        if (nr_is_digit(s[start])) nr_say_cardinal(out, s + start, k - start);
        else nr_buf_wordn(out, s + start, k - start);
        start = k + 1;
    }
}

size_t nr_tail_start(const char *s, size_t n)
{
    for (size_t k = 0; k + 1 < n; k++)
        if (s[k] == '-' && nr_is_alpha(s[k + 1])) return k;
    return n;
}

const char *nr_next_scale(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    const nr_lex_entry *e = nr_tok_joined(c->t, i) ? nr_lex_find_nocase(c->lex, NR_T_scale_words, w, n) : NULL;
    return e && !nr_lex_field(e, "money_only") ? e->say : NULL;
}

int nr_is_code(const nr_num *x) { return nr_num_is_plain(x) && x->ipn > 1 && x->ip[0] == '0'; }

/* Compares two plain integers by value: <0, 0, >0. */
int nr_compare_ints(const nr_num *a, const nr_num *b)
{
    const char *p = a->ip, *q = b->ip;
    size_t m = a->ipn, n = b->ipn;
    while (m > 1 && *p == '0') { p++; m--; }
    while (n > 1 && *q == '0') { q++; n--; }
    if (m != n) return m < n ? -1 : 1;
    return memcmp(p, q, m);
}

