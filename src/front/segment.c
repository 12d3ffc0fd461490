/*
 * segment.c — where sentences and clauses end.
 *
 * The punctuation after a word is read as one group: its own trailing punctuation plus
 * any free-standing punctuation tokens that follow (". . .", " - ", " ?"). The boundary
 * goes on the last token of the group.
 *  - A '.' ends a sentence unless it closes an abbreviation: from the lexicon (Mr. Jan.
 *    St.), an initial ("Jonas E. Smith") or dotted letters ("U.S."). Titles never end a
 *    sentence; abbreviations marked `ends_sentence` (Co., etc., U.S.) and initials do
 *    when the next word is a typical sentence starter (The, He, But ... from the lexicon)
 *    or the paragraph ends there.
 *  - A list marker at the start of a sentence ("1." "b)" "iv.") is not a sentence.
 *  - '?' and '!' end a sentence, except before a lower-case word ("Yahoo! announced"), and
 *    inside quotes before "I" or a speech verb ("Why?" he asked. "Run!" I shouted. "Where?" Holmes asked). An ellipsis
 *    ends one before a capital (but "I").
 *  - A '.' followed by ',' or ';' never does ("21st ult., and"); nor does one after a
 *    roman numeral before a lower-case word ("George III. the house"). After the pronoun
 *    "I" it does, unless a lower-case word follows.
 *  - ',' ';' ':' closing brackets, free-standing dashes (but between numbers: "5 - 3")
 *    and opening brackets end a clause.
 *  - A new line that starts with a list marker or bullet ends the sentence before it; so
 *    does a short line without punctuation before a capital (headings, bylines).
 */
#include "front/segment.h"
#include <string.h>
#include "util/chars.h"

static int is_all_capitals(const char *w, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (nr_is_lower(w[k])) return 0;
    return 1;
}

/* Is the text around token i set in capitals (a neighbouring word of two or more letters
 * with no small letter)? */
static int in_capitals(const nr_tokens *t, size_t i)
{
    for (size_t k = i > 0 ? i - 1 : i + 1; k <= i + 1 && k < t->n; k += 2) {
        size_t n;
        const char *w = nr_tok_word(t, k, &n);
        if (n >= 2 && is_all_capitals(w, n) && (t->tok[k].shape & NR_SHAPE_UPPER)) return 1;
    }
    return 0;
}

/* "E" — one capital letter: an initial when followed by '.'. */
static int is_initial(const char *w, size_t n) { return n == 1 && nr_is_upper(w[0]); }

/* "U.S", "e.g", "p.m" — letters separated by single dots. */
static int is_dotted_letters(const char *w, size_t n)
{
    if (n < 3) return 0;
    for (size_t k = 0; k < n; k++) {
        int letter_slot = (k % 2 == 0);
        if (letter_slot ? !nr_is_alpha(w[k]) : w[k] != '.') return 0;
    }
    return 1;
}

/* The abbreviation's conditions look across plain spaces only: in "Circle Dr., Santa
 * Maria" the comma means "Santa" is not the name "Dr." titles, and in "Davidson NO (1995)"
 * the bracket means 1995 is no number "NO" announces. */
static int bare(const nr_tokens *t, size_t i)
{
    size_t pn, qn;
    const char *p = nr_tok_post(t, i, &pn);
    if (i + 1 < t->n) nr_tok_pre(t, i + 1, &qn);
    else qn = 0;
    return (pn == 0 || (pn == 1 && p[0] == '.')) && qn == 0;
}

static int is_starter(const nr_tokens *t, size_t i, const nr_lexicon *lex)
{
    return nr_tok_find(t, i, lex, NR_T_sentence_starters) != NULL;
}

/* A capitalized word that can be a name: "Louis", "Elm" — not "The" or "It". */
static int is_name(const nr_tokens *t, size_t i, const nr_lexicon *lex)
{
    return nr_tok_capitalized(t, i) && !is_starter(t, i, lex);
}

static int comma_after(const nr_tokens *t, size_t i)
{
    size_t pn;
    const char *p = nr_tok_post(t, i, &pn);
    return pn == 1 && p[0] == ',';
}

static int condition_holds(const nr_tokens *t, size_t i, nr_lex_when when, const nr_lexicon *lex)
{
    switch (when) {
    case NR_WHEN_ALWAYS: return 1;
    case NR_WHEN_BEFORE_NAME: return i + 1 < t->n && bare(t, i) && is_name(t, i + 1, lex);
    case NR_WHEN_BEFORE_NUMBER: return i + 1 < t->n && bare(t, i) && nr_tok_numeric(t, i + 1);
    case NR_WHEN_AFTER_NAME: return i > 0 && bare(t, i - 1) && is_name(t, i - 1, lex);
    case NR_WHEN_AFTER_NUMBER: return i > 0 && bare(t, i - 1) && nr_tok_numeric(t, i - 1);
    case NR_WHEN_AFTER_PLACE: return i > 0 && is_name(t, i - 1, lex) && (bare(t, i - 1) || comma_after(t, i - 1));
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
    int dot = nr_tok_post_starts(t, i, '.');
    if (dot) e = nr_lex_find(lex, NR_T_abbreviations, w, n + 1);
    if (!e) e = nr_tok_find(t, i, lex, NR_T_abbreviations);
    /* text set in capitals: "MR. PICKWICK", "DR. RANK" (but "Congo DR." stays an acronym) */
    if (!e && dot && n > 1 && is_all_capitals(w, n) && in_capitals(t, i))
        e = nr_lex_find_anycase(lex, NR_T_abbreviations, w, n + 1);
    while (e && !condition_holds(t, i, e->when, lex)) e = e->next;
    return e;
}

/* The reading of word+"." at token i, or NULL. */
static const nr_lex_entry *abbrev_entry(const nr_tokens *t, size_t i, const nr_lexicon *lex)
{
    return nr_tok_post_starts(t, i, '.') ? nr_abbrev_reading(t, i, lex) : NULL;
}

/* "D-Calif.": a hyphenated word whose last part, with the dot, is an abbreviation. */
static int ends_in_abbreviation(const char *w, size_t n, const nr_lexicon *lex)
{
    size_t k = n;
    while (k > 0 && w[k - 1] != '-') k--;
    if (k == 0 || k == n || !lex) return 0;
    return nr_lex_find(lex, NR_T_abbreviations, w + k, n - k + 1) != NULL;   /* with its '.' */
}

int nr_is_abbreviation(const nr_tokens *t, size_t i, const nr_lexicon *lex)
{
    if (!nr_tok_post_starts(t, i, '.')) return 0;
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    return abbrev_entry(t, i, lex) || is_initial(w, n) || is_dotted_letters(w, n) ||
           ends_in_abbreviation(w, n, lex);
}

static int is_punct_only(const nr_tokens *t, size_t i) { return t->tok[i].wstart == t->tok[i].wend; }

/* The next token that has a word, or t->n. */
static size_t next_word(const nr_tokens *t, size_t i)
{
    while (i < t->n && is_punct_only(t, i)) i++;
    return i;
}

static int next_is_starter(const nr_tokens *t, size_t next, const nr_lexicon *lex)
{
    if (next >= t->n) return 1;
    size_t n;
    const char *w = nr_tok_word(t, next, &n);
    /* "J. A. Smith": an initial is no sentence's first word, even when it is "A." or "I." */
    if (is_initial(w, n) && nr_tok_post_starts(t, next, '.')) return 0;
    return is_starter(t, next, lex);
}

/* A capitalized word that goes on a time or date rather than starting a sentence:
 * "5 p.m. Monday", "10 a.m. EST", "by 5 p.m. June 3". */
static int continues_time(const nr_tokens *t, size_t next, const nr_lexicon *lex)
{
    return nr_tok_find(t, next, lex, NR_T_weekdays) || nr_tok_find(t, next, lex, NR_T_months) ||
           nr_tok_find(t, next, lex, NR_T_time_zones);
}

/* Does the '.' after token i (an abbreviation) also end the sentence? */
static int abbreviation_ends_sentence(const nr_tokens *t, size_t i, size_t next, const nr_lexicon *lex)
{
    const nr_lex_entry *e = abbrev_entry(t, i, lex);
    int may_end = e ? e->ends_sentence : NR_ENDS_BEFORE_STARTER;   /* initials, dotted letters */
    if (next >= t->n) return 1;
    if (may_end == NR_ENDS_BEFORE_CAPITAL && nr_tok_capitalized(t, next))
        return !continues_time(t, next, lex);
    return may_end != NR_ENDS_NEVER && next_is_starter(t, next, lex);
}

/* Is there a line break between token i-1 and token i? */
static int starts_line(const nr_tokens *t, size_t i)
{
    if (i == 0) return 1;
    const char *gap = t->text + t->tok[i - 1].end;
    size_t n = t->tok[i].start - t->tok[i - 1].end;
    return n == 1 ? gap[0] == '\n' : memchr(gap, '\n', n) != NULL;   /* mostly one space */
}

/* A line of at most SHORT_LINE bytes ends with token i: a heading, dateline, byline or
 * caption that stops without punctuation ("By MARIA GONZALEZ\nNEW ORLEANS"). Longer lines
 * are taken for a paragraph hard-wrapped mid-sentence. */
#define SHORT_LINE 50

static int ends_short_line(const nr_tokens *t, size_t i)
{
    size_t end = t->tok[i].end, from = end > SHORT_LINE ? end - SHORT_LINE : 0;
    for (size_t k = end; k > from; k--)
        if (t->text[k - 1] == '\n') return 1;
    return from == 0;
}

/* Where a list item may begin: a new line, after a sentence, or after a colon. */
static int at_item_start(const nr_tokens *t, size_t i)
{
    if (starts_line(t, i)) return 1;
    if (t->tok[i - 1].brk == NR_BRK_SENTENCE) return 1;
    size_t pn;
    const char *p = nr_tok_post(t, i - 1, &pn);
    return pn && (p[pn - 1] == ':' || p[pn - 1] == ';');
}

static int after_comma(const nr_tokens *t, size_t i)
{
    size_t pn;
    const char *p = i > 0 ? nr_tok_post(t, i - 1, &pn) : "";
    return i > 0 && pn && p[pn - 1] == ',';
}

/* "1." "12)" "b." "B)" "iv." — a numbering, judged from its word and what follows it. */
static int is_list_numbering(const nr_tokens *t, size_t i)
{
    size_t n, pn;
    const char *w = nr_tok_word(t, i, &n);
    const char *p = nr_tok_post(t, i, &pn);
    if (pn != 1 || (p[0] != '.' && p[0] != ')')) return 0;
    if (n == 1 && nr_is_alpha(w[0])) return 1;
    if (n <= 3 && strspn(w, "0123456789") >= n) return 1;
    return n <= 4 && strspn(w, "ivx") >= n;
}

int nr_is_bullet(const nr_tokens *t, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    if (n > 3) return 0;            /* bullets are one character */
    static const char *const bullets[] = { "\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa", "\xe2\x80\xa3", "\xc2\xb7" };
    for (size_t k = 0; n && (unsigned char)w[0] >= 0x80 && k < sizeof bullets / sizeof bullets[0]; k++)
        if (n == strlen(bullets[k]) && memcmp(w, bullets[k], n) == 0) return 1;
    size_t pn;
    const char *p = nr_tok_post(t, i, &pn);
    return n == 0 && pn == 1 && (p[0] == '-' || p[0] == '*') && starts_line(t, i);
}

static int is_pronoun_i(const nr_tokens *t, size_t i) { return i < t->n && nr_tok_is(t, i, "I"); }

/* "J. Smith", "W. B. Yeats": a capital letter and '.' before a name is an initial, not
 * a list letter. */
static int is_name_initial(const nr_tokens *t, size_t i, size_t next, const nr_lexicon *lex)
{
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    if (!is_initial(w, n) || next >= t->n || !nr_tok_capitalized(t, next)) return 0;
    size_t m;
    const char *v = nr_tok_word(t, next, &m);
    return is_initial(v, m) || !is_starter(t, next, lex);
}

/* "C. elegans", "E. coli": a capital initial before a lower-case word shortens a genus. */
static int is_genus_initial(const nr_tokens *t, size_t i, size_t next)
{
    size_t n;
    const char *w = nr_tok_word(t, i, &n);
    return is_initial(w, n) && next < t->n && nr_is_lower(t->text[t->tok[next].wstart]) &&
           t->tok[next].wstart == t->tok[next].start;
}

/* Only roman-numeral letters: "III", "xiv". */
static int is_roman_word(const nr_tokens *t, size_t i) { return (t->tok[i].shape & NR_SHAPE_ROMAN) != 0; }

/* '"Where is he?" Holmes asked.' — a speech verb within two words after the quote. */
static int speech_follows(const nr_tokens *t, size_t next, const nr_lexicon *lex)
{
    for (size_t k = next + 1; k <= next + 2 && k < t->n; k++)
        if (nr_tok_find(t, k, lex, NR_T_speech_verbs)) return 1;
    return 0;
}

/* What the punctuation group after a word holds. */
typedef struct {
    int dots, question, exclaim, clause, quote_after_mark, dash;
    int comma_after_mark;       /* ".," ".;" — the writer went on: "ult., and", "Esq., of" */
} punct;

static void read_group(const nr_tokens *t, size_t i, size_t end, punct *g)
{
    memset(g, 0, sizeof *g);
    int mark_seen = 0;
    for (size_t k = i; k < end; k++) {
        size_t pn;
        const char *p = nr_tok_post(t, k, &pn);
        if (k > i && pn && p[0] == '-') g->dash = 1;
        for (size_t j = 0; j < pn; j++) {
            switch (p[j]) {
            case '.': g->dots++; mark_seen = 1; break;
            case '?': g->question = 1; mark_seen = 1; break;
            case '!': g->exclaim = 1; mark_seen = 1; break;
            case ',': case ';': if (mark_seen) g->comma_after_mark = 1; g->clause = 1; break;
            case ':': case ')': case ']': case '|': g->clause = 1; break;   /* "$1,299 | Rating" */
            case '"': case '\'': if (mark_seen) g->quote_after_mark = 1; break;
            }
        }
    }
}

static void set_break(nr_token *tok, nr_break brk, char mark)
{
    tok->brk = brk;
    tok->end_mark = brk == NR_BRK_SENTENCE ? mark : 0;
}

/* Decides the boundary after the word at token i, whose punctuation group ends before `next`. */
static void mark_group(nr_tokens *t, size_t i, size_t next, const nr_lexicon *lex)
{
    nr_token *last = &t->tok[next - 1];
    punct g;
    read_group(t, i, next, &g);
    for (size_t k = i + 1; k < next; k++) {
        if (starts_line(t, k) && nr_is_bullet(t, k)) {    /* "these\n- bread": a list goes on */
            set_break(&t->tok[k - 1], NR_BRK_SENTENCE, '.');
            return;
        }
    }
    int next_lower = next < t->n && nr_is_lower(t->text[t->tok[next].wstart]);
    int next_capital = next < t->n && nr_tok_capitalized(t, next);

    if (g.question || g.exclaim) {
        /* "Why?" he asked. "Run!" I shouted. — the quote's sentence goes on; its mark keeps the tune */
        /* a small letter after a bare '!' or '?' goes on too: "Yahoo! announced", "Jeopardy! host" */
        if (next_lower || (g.quote_after_mark && (is_pronoun_i(t, next) || speech_follows(t, next, lex)))) {
            set_break(last, NR_BRK_CLAUSE, 0);
            last->end_mark = g.question ? '?' : '!';
        }
        else set_break(last, NR_BRK_SENTENCE, g.question ? '?' : '!');
        return;
    }
    if (g.dots) {
        int ellipsis = g.dots >= 2;
        int ends;
        int list_item = is_list_numbering(t, i) && !is_name_initial(t, i, next, lex) &&
                        !is_genus_initial(t, i, next) &&
                        (at_item_start(t, i) || (after_comma(t, i) && next_lower));   /* "1. apples, 2. pears" */
        if (g.comma_after_mark) ends = 0;
        else if (ellipsis) ends = next >= t->n || (next_capital && !is_pronoun_i(t, next));
        else if (abbrev_entry(t, i, lex)) ends = abbreviation_ends_sentence(t, i, next, lex);
        else if (list_item && next < t->n) ends = 0;
        else if (is_pronoun_i(t, i)) ends = !next_lower;              /* "said I. 'Quite right.'" */
        else if (nr_is_abbreviation(t, i, lex)) ends = abbreviation_ends_sentence(t, i, next, lex);
        else if (is_roman_word(t, i) && next_lower) ends = 0;          /* "George III. the house" */
        else ends = !(g.quote_after_mark && next_lower);
        if (ends) { set_break(last, NR_BRK_SENTENCE, '.'); return; }
        if (ellipsis || g.quote_after_mark || (list_item && !abbrev_entry(t, i, lex))) {
            set_break(last, NR_BRK_CLAUSE, 0);
            return;
        }
    }
    /* "5 - 3" is arithmetic or a range, not an aside */
    int dash_between_numbers = g.dash && nr_tok_numeric(t, i) && next < t->n && nr_tok_numeric(t, next);
    if (g.clause || (g.dash && !dash_between_numbers)) { set_break(last, NR_BRK_CLAUSE, 0); return; }
    if (next < t->n) {
        size_t qn;
        const char *pre = nr_tok_pre(t, next, &qn);
        if (starts_line(t, next) && (nr_is_bullet(t, next) || is_list_numbering(t, next) ||
                                     (next_capital && ends_short_line(t, i))))
            set_break(last, NR_BRK_SENTENCE, '.');
        else if (qn && (pre[0] == '(' || pre[0] == '['))
            set_break(last, NR_BRK_CLAUSE, 0);
    }
}

void nr_segment(nr_tokens *t, const nr_lexicon *lex)
{
    for (size_t i = 0; i < t->n; i++) {
        set_break(&t->tok[i], NR_BRK_NONE, 0);
        t->tok[i].in_lexicon = (unsigned char)nr_lex_maybe_any(lex, t->tok[i].hash);
    }
    size_t i = next_word(t, 0);
    while (i < t->n) {
        size_t next = next_word(t, i + 1);
        mark_group(t, i, next, lex);
        i = next;
    }
    if (t->n && t->tok[t->n - 1].brk != NR_BRK_SENTENCE) set_break(&t->tok[t->n - 1], NR_BRK_SENTENCE, '.');
}
