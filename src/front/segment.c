/*
 * segment.c — where sentences and clauses end.
 *
 * A '.' ends a sentence unless it closes an abbreviation. Abbreviations come from the
 * lexicon (Mr. Dr. Jan. St. ...), from initials ("Jonas E. Smith") and from dotted
 * letter groups ("U.S."). Titles never end a sentence; abbreviations marked
 * `ends_sentence` (Co., Inc., etc., U.S.) do when the next word is a typical sentence
 * starter (The, He, But ... from the lexicon) or the paragraph ends there.
 * '?' and '!' always end one; ',' ';' ':' brackets and a free-standing dash end a clause.
 */
#include "front/segment.h"
#include <string.h>

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/* "E" — one capital letter: an initial when followed by '.'. */
static int is_initial(const char *w, size_t n) { return n == 1 && is_upper(w[0]); }

/* "U.S", "e.g", "p.m" — letters separated by single dots. */
static int is_dotted_letters(const char *w, size_t n)
{
    if (n < 3) return 0;
    for (size_t k = 0; k < n; k++) {
        int letter_slot = (k % 2 == 0);
        if (letter_slot ? !is_alpha(w[k]) : w[k] != '.') return 0;
    }
    return 1;
}

static int condition_holds(const nr_tokens *t, size_t i, nr_lex_when when)
{
    switch (when) {
    case NR_WHEN_ALWAYS: return 1;
    case NR_WHEN_BEFORE_NAME: return i + 1 < t->n && nr_tok_capitalized(t, i + 1);
    case NR_WHEN_BEFORE_NUMBER: return i + 1 < t->n && nr_tok_numeric(t, i + 1);
    case NR_WHEN_AFTER_NAME: return i > 0 && nr_tok_capitalized(t, i - 1);
    case NR_WHEN_AFTER_NUMBER: return i > 0 && nr_tok_numeric(t, i - 1);
    }
    return 0;
}

const nr_lex_entry *nr_abbrev_reading(const nr_tokens *t, size_t i, const nr_lexicon *lex)
{
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    if (!lex || !n) return NULL;
    /* with its dot ("Mr.") when one follows (word and dot are adjacent in the text), else as written */
    const nr_lex_entry *e = NULL;
    if (nr_tok_post_starts(t, i, '.')) e = nr_lex_find(lex, NR_LEX_ABBREV, w, n + 1);
    if (!e) e = nr_lex_find(lex, NR_LEX_ABBREV, w, n);
    while (e && !condition_holds(t, i, e->when)) e = e->next;
    return e;
}

/* The reading of word+"." at token i, or NULL. */
static const nr_lex_entry *abbrev_entry(const nr_tokens *t, size_t i, const nr_lexicon *lex)
{
    return nr_tok_post_starts(t, i, '.') ? nr_abbrev_reading(t, i, lex) : NULL;
}

int nr_is_abbreviation(const nr_tokens *t, size_t i, const nr_lexicon *lex)
{
    if (!nr_tok_post_starts(t, i, '.')) return 0;
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    return abbrev_entry(t, i, lex) || is_initial(w, n) || is_dotted_letters(w, n);
}

static int next_starts_sentence(const nr_tokens *t, size_t i, const nr_lexicon *lex)
{
    if (i + 1 >= t->n) return 1;
    size_t n;
    const char *w = nr_tok_word(t, i + 1, &n);
    return lex && nr_lex_find(lex, NR_LEX_STARTER, w, n) != NULL;
}

/* Does the '.' after token i (an abbreviation) also end the sentence? */
static int abbreviation_ends_sentence(const nr_tokens *t, size_t i, const nr_lexicon *lex)
{
    const nr_lex_entry *e = abbrev_entry(t, i, lex);
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    int may_end = e ? e->ends_sentence : !is_initial(w, n);
    if (!may_end) return i + 1 >= t->n;
    return next_starts_sentence(t, i, lex);
}

static int has_char(const char *s, size_t n, char c) { return memchr(s, c, n) != NULL; }

static int has_ellipsis(const char *s, size_t n)
{
    for (size_t k = 0; k + 2 < n; k++)
        if (s[k] == '.' && s[k + 1] == '.' && s[k + 2] == '.') return 1;
    return 0;
}

static void mark_token(nr_tokens *t, size_t i, const nr_lexicon *lex)
{
    nr_token *tok = &t->tok[i];
    size_t pn;
    const char *post = nr_tok_post(t, i, &pn);
    if (has_char(post, pn, '?') || has_char(post, pn, '!')) {
        tok->brk = NR_BRK_SENTENCE;
        tok->end_mark = has_char(post, pn, '?') ? '?' : '!';
        return;
    }
    if (has_char(post, pn, '.')) {
        int ellipsis = has_ellipsis(post, pn);
        int abbrev = !ellipsis && nr_is_abbreviation(t, i, lex);
        int ends = ellipsis ? (i + 1 >= t->n || nr_tok_capitalized(t, i + 1))
                 : abbrev   ? abbreviation_ends_sentence(t, i, lex)
                            : 1;
        /* ".," or ".)" after an abbreviation still closes a clause */
        if (ends) { tok->brk = NR_BRK_SENTENCE; tok->end_mark = '.'; return; }
        if (ellipsis) { tok->brk = NR_BRK_CLAUSE; return; }
    }
    if (has_char(post, pn, ',') || has_char(post, pn, ';') || has_char(post, pn, ':') ||
        has_char(post, pn, ')') || has_char(post, pn, ']')) {
        tok->brk = NR_BRK_CLAUSE;
        return;
    }
    /* a free-standing dash, or an opening bracket on the next token */
    if (i + 1 < t->n) {
        size_t nn, qn;
        nr_tok_word(t, i + 1, &nn);
        const char *next_post = nr_tok_post(t, i + 1, &qn);
        const char *next_pre = nr_tok_pre(t, i + 1, &qn);
        if ((nn == 0 && next_post[0] == '-') || (qn && (next_pre[0] == '(' || next_pre[0] == '[')))
            tok->brk = NR_BRK_CLAUSE;
    }
}

void nr_segment(nr_tokens *t, const nr_lexicon *lex)
{
    for (size_t i = 0; i < t->n; i++) {
        t->tok[i].brk = NR_BRK_NONE;
        t->tok[i].end_mark = 0;
        mark_token(t, i, lex);
    }
    if (t->n && t->tok[t->n - 1].brk != NR_BRK_SENTENCE) {
        t->tok[t->n - 1].brk = NR_BRK_SENTENCE;
        t->tok[t->n - 1].end_mark = '.';
    }
}
