/*
 * verbalize_ip.c — IP addresses: "192.168.0.1" one nine two dot one six eight dot zero dot
 * one. Four groups of up to three digits between dots, each said digit by digit. (Three
 * groups are left alone: "1.2.10" may be a version or a date.)
 *
 * Why a class of its own, beside the electronic class: it is an address of the net, but
 * read digit by digit ("100" is one zero zero here, where a URL says one hundred).
 */
#include "front/verbalize.h"
#include "front/numbers.h"

size_t nr_match_ip(const nr_ctx *c, size_t i, nr_claim *m)
{
    (void)m;
    size_t n, groups = 0;
    const char *w = nr_tok_word(c->t, i, &n);
    for (size_t p = 0; p < n;) {
        size_t d = nr_digits_at(w + p, n - p);
        if (!d || d > 3) return 0;
        groups++;
        p += d;
        if (p == n) break;
        if (w[p] != '.' || p + 1 == n) return 0;
        p++;
    }
    return groups == 4;
}

void nr_say_ip(const nr_ctx *c, size_t i, const nr_claim *m, nr_buf *out)
{
    (void)m;
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    for (size_t p = 0; p < n;) {
        size_t d = nr_digits_at(w + p, n - p);
        nr_say_digits(out, w + p, d);
        p += d;
        if (p < n) {
            nr_buf_word(out, "dot");
            p++;
        }
    }
}
