/*
 * verbalize_coordinates.c — coordinates: "40°N", "40.7128° N", "51°30′N",
 * "51°30'15\"N", "40° 26′ 46″ N": forty degrees north, fifty one degrees thirty minutes
 * north. The marks and the compass points are data (coordinate_marks, coordinate_points
 * in en-units.yaml).
 *
 * Why a class of its own, before measure: "40°" alone is a measure (forty degrees), but
 * with a compass point or minutes after it the marks are read together as one position.
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/units.h"
#include "util/chars.h"
#include <string.h>

/* The mark of coordinate_marks at s (the longest), its length in *len; NULL if none. */
static const nr_lex_entry *coordinate_mark(const nr_ctx *c, const char *s, size_t n, size_t *len)
{
    for (size_t l = n < 3 ? n : 3; l > 0; l--) {
        const nr_lex_entry *e = nr_lex_find(c->lex, NR_T_coordinate_marks, s, l);
        if (e) {
            *len = l;
            return e;
        }
    }
    return NULL;
}

/* The word of token j, with a mark the tokenizer took for punctuation after it ("26′"). */
static const char *mark_word(const nr_ctx *c, size_t j, size_t *n)
{
    size_t pn, l;
    const char *w = nr_tok_word(c->t, j, n);
    const char *p = nr_tok_post(c->t, j, &pn);
    if (pn && coordinate_mark(c, p, pn, &l)) *n += l;
    return w;
}

/* 1 if token j+1 goes on the reading of token j: the same clause, no punctuation between
 * them but a mark. */
static int mark_joined(const nr_ctx *c, size_t j)
{
    size_t n, qn;
    if (j + 1 >= c->t->n || c->t->tok[j].brk != NR_BRK_NONE) return 0;
    mark_word(c, j, &n);
    nr_tok_pre(c->t, j + 1, &qn);
    return !qn && c->t->tok[j].end - c->t->tok[j].wstart == n;
}

/* The compass point that is all of s ("N"), or NULL. */
static const nr_lex_entry *compass_point(const nr_ctx *c, const char *s, size_t n)
{
    return n == 1 && nr_is_upper(s[0]) ? nr_lex_find(c->lex, NR_T_coordinate_points, s, 1) : NULL;
}

/* What the match read: up to three numbers with their marks, and the compass point. */
enum { MAX_MARKS = 3 };
typedef struct {
    nr_num q[MAX_MARKS];
    const nr_lex_entry *mark[MAX_MARKS];
    size_t marks;
    const nr_lex_entry *point;
} position;

/* Degrees, maybe minutes and seconds, then a compass point (glued or the next word).
 * Without a point, only with minutes ("51°30′"). Tokens used, 0 if not this. */
static size_t coordinates(const nr_ctx *c, size_t i, position *pos)
{
    size_t n, k = 0, l, j = i;
    const char *w = mark_word(c, j, &n);
    nr_num q;
    for (;;) {                          /* the marks, maybe spread over words: "40° 26′ 46″ N" */
        size_t k0 = k;
        while (k < n && pos->marks < MAX_MARKS && nr_parse_num(w + k, n - k, 0, &q) && !q.commas) {
            const nr_lex_entry *e = coordinate_mark(c, w + k + q.len, n - k - q.len, &l);
            if (!e || (pos->marks == 0 && strcmp(e->say, "degree"))) break;
            pos->q[pos->marks] = q;
            pos->mark[pos->marks++] = e;
            k += q.len + l;
        }
        if (j == i && pos->marks == 0) break;
        if (k == k0 && j > i) {         /* this word added nothing: back to the one before */
            j--;
            w = mark_word(c, j, &n);
            k = n;
            break;
        }
        if (k < n || pos->marks == MAX_MARKS || !mark_joined(c, j) || !nr_tok_numeric(c->t, j + 1)) break;
        j++;
        w = mark_word(c, j, &n);
        k = 0;
    }
    size_t used = j - i + 1, pn;
    if (pos->marks && k < n) pos->point = compass_point(c, w + k, n - k);
    else if (pos->marks && k == n) {
        const char *next = nr_tok_word(c->t, j + 1, &pn);
        if (mark_joined(c, j) && (pos->point = compass_point(c, next, pn))) used++;
    }
    return pos->point || (pos->marks >= 2 && k == n) ? used : 0;
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, position *pos)
{
    (void)w, (void)n, (void)m;
    return c->lex ? coordinates(c, i, pos) : 0;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const position *pos,
                nr_buf *out)
{
    (void)c, (void)i, (void)w, (void)n, (void)m;
    for (size_t k = 0; k < pos->marks; k++) {
        nr_say_quantity(out, &pos->q[k]);
        nr_say_unit_entry(out, pos->mark[k], !nr_is_one(&pos->q[k]));
    }
    if (pos->point) nr_buf_word(out, pos->point->say);
}

NR_CLASS_RECORD(coordinates, position, match, say);
