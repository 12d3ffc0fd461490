/* verbalize_util.c — rules shared by the verbalizers (see verbalize_util.h). */
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>

int nr_tok_joined(const nr_tokens *t, size_t i)
{
    size_t pn, qn;
    if (i + 1 >= t->n || t->tok[i].brk != NR_BRK_NONE) return 0;
    nr_tok_post(t, i, &pn);
    nr_tok_pre(t, i + 1, &qn);
    return !pn && !qn;
}

int nr_tok_continues(const nr_tokens *t, size_t i)
{
    size_t qn, n;
    nr_tok_pre(t, i, &qn);
    nr_tok_word(t, i, &n);
    return i < t->n && qn == 0 && n > 0;
}

int nr_tok_dash(const nr_tokens *t, size_t i)
{
    size_t dn, pn, qn;
    const char *d = nr_tok_word(t, i, &dn);
    const char *p = nr_tok_post(t, i, &pn);
    nr_tok_pre(t, i, &qn);
    if (i >= t->n || qn) return 0;
    if (dn) return !pn && nr_range_dash(d, dn) == dn;
    return pn && nr_range_dash(p, pn) == pn;
}

int nr_tok_number(const nr_tokens *t, size_t i, nr_num *x)
{
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    return nr_parse_num(w, n, 0, x) && x->len == n;
}

int nr_tok_cue(const nr_ctx *c, const char *table, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    return i < c->t->n && nr_lex_find_nocase(c->lex, table, w, n) != NULL;
}

int nr_tok_sentence_start(const nr_tokens *t, size_t i)
{
    return i == 0 || (i < t->n && t->tok[i - 1].brk == NR_BRK_SENTENCE);
}

int nr_tok_after_maker(const nr_ctx *c, size_t i)
{
    size_t n;
    if (i == 0 || !c->lex || !nr_tok_joined(c->t, i - 1)) return 0;
    const char *w = nr_tok_word(c->t, i - 1, &n);
    if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's') n -= 2;      /* "Boeing's 747" */
    return n && nr_is_upper(w[0]) && nr_lex_find(c->lex, NR_T_model_makers, w, n) != NULL;
}

void nr_say_letter(nr_buf *out, char ch)
{
    char up = nr_to_upper(ch);
    if (up == 'A') nr_buf_word(out, "Eh");
    else nr_buf_wordn(out, &up, 1);
}
