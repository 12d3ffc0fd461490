/*
 * verbalize_abbrev.c — abbreviations from the lexicon, read by context:
 * "St. Louis" is Saint, "Main St." is Street, "No. 5" is number (the choice is
 * nr_abbrev_reading's, shared with the segmenter so both agree); and the AP's party and
 * state after a politician's name: "D-Calif." is "democrat of california".
 */
#include "front/segment.h"
#include "front/verbalize.h"
#include <string.h>

/* The state in "D-Calif." (the AP abbreviation, with its dot) or "D-CA" (postal code). */
static const char *state_name(const nr_ctx *c, size_t i, const char *s, size_t n)
{
    const nr_lex_entry *e = NULL;
    if (nr_tok_post_starts(c->t, i, '.')) {
        for (e = nr_lex_find(c->lex, NR_T_abbreviations, s, n + 1); e; e = e->next)
            if (e->when == NR_WHEN_AFTER_PLACE) break;
    }
    if (!e) e = nr_lex_find(c->lex, NR_T_us_states, s, n);
    if (e) return e->say;
    /* states the AP writes out: "R-Ohio" */
    e = nr_lex_find(c->lex, NR_T_state_name_ends, s, n);
    return e ? e->say : NULL;
}

/* "D-Calif.", "R-N.Y.", "I-Vt.": a party letter from the "parties" table, a dash, a state. */
typedef struct {
    const char *party, *state;      /* their readings; party NULL: a plain abbreviation */
    const char *say;                /* the abbreviation's reading */
} reading;

static int party_and_state(const nr_ctx *c, size_t i, reading *r)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    if (n < 4 || w[1] != '-' || !(c->t->tok[i].shape & NR_SHAPE_UPPER)) return 0;
    const nr_lex_entry *party = nr_lex_find(c->lex, NR_T_parties, w, 1);
    r->state = party ? state_name(c, i, w + 2, n - 2) : NULL;
    if (!r->state) return 0;
    r->party = party->say;
    return 1;
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, reading *r)
{
    (void)w, (void)n, (void)m;      /* the word is read only for a party and state, below */
    const nr_lex_entry *e = nr_abbrev_reading(c->t, i, c->lex);
    if (e) r->say = e->say;
    else if (!c->lex || !party_and_state(c, i, r)) return 0;
    return 1;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const reading *r,
                nr_buf *out)
{
    (void)c, (void)i, (void)w, (void)n, (void)m;
    if (!r->party) {
        nr_buf_word(out, r->say);
        return;
    }
    nr_buf_word(out, r->party);
    nr_buf_word(out, "of");
    nr_buf_word(out, r->state);
}

NR_CLASS_RECORD(abbrev, reading, match, say);
