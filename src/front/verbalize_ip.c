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

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m)
{
    (void)c, (void)i, (void)m;
    size_t groups = 0;
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

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, nr_buf *out)
{
    (void)c, (void)i, (void)m;
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

NR_CLASS_NO_RECORD(ip, match, say);
