/*
 * verbalize_letters.c — capital letters said one by one: "BSI" -> B S I, "WSJ's" -> W S J's,
 * "CEOs" -> C E O's, "U.S" -> U S, and letters mixed with digits: "5G" -> five G,
 * "B-52" -> B fifty two, "COVID-19" -> COVID nineteen, "MP3" -> M P three, "A380" ->
 * Eh three eighty, "401(k)" -> four oh one k, "SARS-CoV-2", "ab9453", "B-52s".
 *
 * An all-capital word is spelled unless it is said as a word: listed in the lexicon
 * (as_words: NATO), or long enough and shaped like an English syllable chain (OPEC,
 * COVID), judged with the consonant clusters of en-numbers.yaml (syllable_onsets,
 * syllable_codas, syllable_digraphs). Two- and three-letter acronyms are nearly always
 * spelled (CEO, USA, EU), so they are, except the short words of never_spelled (NO, THE),
 * which are said in lower case: eSpeak NG spells a short capital word that stands among
 * lower-case ones ("the WAR") and reads it only in a clause of capitals.
 *
 * Text set in capitals (a heading, a title, a play's speaker, a headline, a dateline:
 * "THE STRANGER AT THE INN", "SIR TOBY.", "KYIV, Ukraine (AP) —") is words, not
 * acronyms: there a word of three letters is said when pronounceable (INN, TEA, CUP), one
 * of two when listed (UP, IT), longer ones are left to eSpeak NG, and only the acronyms a
 * reader could take for words are spelled (spelled_acronyms: AP, CIA, USA — spelled
 * everywhere), with those that cannot be said (FBI, NHS).
 *
 * A lone capital "A" is the letter where the article cannot be: with punctuation after
 * it ("Edgar A. Poe", "plan A,"), or inside a sentence before a lower-case word ("Vitamin
 * A deficiency") or after a name ("Edgar A Poe"). At the start of a sentence, a title
 * ("Oz: A Biography", "read A Tale of ...") or a Title Case line it is the article.
 *
 * A word with both letters and digits is read run by run, between '-', '/' and
 * parentheses: capitals as above, other letters as written, digits as numbers. Digits
 * after letters ("F-150") or before a parenthesis name a model or a section and are read
 * the way people say those (nr_say_model: A380 -> three eighty, 401(k) -> four oh one); digits
 * that lead read as a plain number ("133-ABC"). A final "s" after digits makes the number
 * plural ("B-52s" -> B fifty twos).
 *
 * Output: each spelled letter is its own word, by nr_say_letter: eSpeak NG names a lone
 * capital ("B S I"), and the letter A is written "Eh" ("U S Eh", "Eh four"), since a
 * lone "A" it may read as the article.
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>


static int is_vowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }
static int is_sep(char c) { return c == '-' || c == '/' || c == '(' || c == ')'; }

static int listed(const nr_ctx *c, const char *table, const char *s, size_t n)
{
    return c->lex && nr_lex_find(c->lex, table, s, n) != NULL;
}

/* ---- said as a word or spelled? ---- */

/* May the consonant run s[k, k+n) of a word of len letters stand where it stands? */
static int cluster_ok(const nr_ctx *c, const char *s, size_t k, size_t n, size_t len)
{
    if (k == 0) return n == 1 || listed(c, NR_T_syllable_onsets, s, n);
    if (k + n == len) return n == 1 || listed(c, NR_T_syllable_codas, s + k, n);
    if (n == 1) return 1;
    if (n == 2) return len >= 5 || listed(c, NR_T_syllable_digraphs, s + k, 2);
    return n == 3 && len >= 5 && listed(c, NR_T_syllable_onsets, s + k + 1, 2);
}

/* Is s[k] a vowel letter? `loose` (for words in capital text) also takes Y but before a
 * vowel at the start ("SKY", "KYIV", not "YES") and W after a vowel ("NEWS", "OWN"). */
static int vowel_at(const char *s, size_t k, size_t n, int loose)
{
    if (is_vowel(s[k])) return 1;
    if (!loose) return 0;
    if (s[k] == 'Y') return !(k == 0 && k + 1 < n && is_vowel(s[k + 1]));
    return s[k] == 'W' && k > 0 && is_vowel(s[k - 1]);
}

/* Consonant and vowel runs that an English reader could say as syllables (NATO, OPEC;
 * loosely, see vowel_at: KYIV, NEWS). */
static int pronounceable_as(const nr_ctx *c, const char *s, size_t n, int loose)
{
    int vowels = 0;
    for (size_t k = 0; k < n;) {
        size_t run = 0;
        while (k + run < n && vowel_at(s, k + run, n, loose)) run++;
        if (run) {
            if (run > 2) return 0;
            vowels = 1;
            k += run;
            continue;
        }
        while (k + run < n && !vowel_at(s, k + run, n, loose)) run++;
        if (!cluster_ok(c, s, k, run, n)) return 0;
        k += run;
    }
    return vowels;
}

static int pronounceable(const nr_ctx *c, const char *s, size_t n)
{
    return pronounceable_as(c, s, n, 0);
}

/* 1 if the capital letters s are said as a word rather than spelled. */
static int said_as_word(const nr_ctx *c, const char *s, size_t n)
{
    if (listed(c, NR_T_as_words, s, n)) return 1;
    return n > 5 || (n >= 4 && pronounceable(c, s, n));
}

/* An all-capital word of two letters or more at token i (with an optional 's). */
static size_t caps_word(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    size_t k = nr_run_of(w, n, nr_is_upper);
    if (k < 2) return 0;
    if (k == n || (k + 1 == n && w[k] == 's') || (k + 2 == n && w[k] == '\'' && w[k + 1] == 's'))
        return k;
    return 0;
}

/* ---- text set in capitals ---- */

#define CAPS_WINDOW 8   /* words looked at either side of a token, inside its clause */

/* The tokens [*lo, *hi] of token i's clause, CAPS_WINDOW at most either side. */
static void clause_window(const nr_ctx *c, size_t i, size_t *lo, size_t *hi)
{
    *lo = *hi = i;
    while (*lo > 0 && i - *lo < CAPS_WINDOW && c->t->tok[*lo - 1].brk == NR_BRK_NONE) (*lo)--;
    while (*hi + 1 < c->t->n && *hi - i < CAPS_WINDOW && c->t->tok[*hi].brk == NR_BRK_NONE) (*hi)++;
}

/* How token j's word weighs against capital text: -1 in capitals ("INN", "A", "I"), 2
 * when it starts in lower case ("the"), 1 when capitalized ("Ukraine"), 0 otherwise
 * ("1995", "—"). */
static int caps_weight(const nr_ctx *c, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    if (!n) return 0;
    if (caps_word(c, j) || (n == 1 && (w[0] == 'A' || w[0] == 'I'))) return -1;
    return nr_is_lower(w[0]) ? 2 : nr_is_upper(w[0]);
}

/* A dash standing alone: "-", "--", an en or em dash. */
static int dash_word(const char *w, size_t n)
{
    if (n == 1 || n == 2) return w[0] == '-' && w[n - 1] == '-';
    return n == 3 && (unsigned char)w[0] == 0xe2 && (unsigned char)w[1] == 0x80
        && ((unsigned char)w[2] == 0x93 || (unsigned char)w[2] == 0x94);
}

/* A dateline opens the paragraph: up to four words in capitals, maybe ", Place", then a
 * news agency in parentheses or a dash ("KYIV, Ukraine (AP) —", "NEW YORK (AP) —",
 * "PERTH, Australia —"). 1 if token i is one of its capital words. */
static int dateline(const nr_ctx *c, size_t i)
{
    size_t k = 0, qn, pn = 0, n;
    int comma = 0;
    while (k < c->t->n && k < 4 && caps_word(c, k)) {
        nr_tok_pre(c->t, k, &qn);
        if (qn) break;
        nr_tok_post(c->t, k, &pn);
        comma = nr_tok_post_starts(c->t, k, ',');
        k++;
        if (pn || c->t->tok[k - 1].brk != NR_BRK_NONE) break;
    }
    if (i >= k) return 0;
    for (size_t j = k; j < c->t->n && j < k + 4; j++) {
        const char *w = nr_tok_word(c->t, j, &n);
        const char *pre = nr_tok_pre(c->t, j, &qn);
        if (!n && !qn) w = nr_tok_post(c->t, j, &pn);    /* a free-standing dash */
        if (dash_word(w, n ? n : pn)) return 1;
        if (qn && pre[qn - 1] == '(') return n && nr_is_upper(w[0]) && nr_tok_post_starts(c->t, j, ')');
        if (!comma || qn || !n || !nr_is_upper(w[0])) return 0;   /* the place: "South Korea" */
    }
    return 0;
}

/* Token j is plainly a word in capitals: a listed short word ("THE", "UP"), a pronoun
 * or article ("I", "A"), long and pronounceable ("NEXT", "TOBY"), or a word that numbers
 * with a roman numeral after it ("ACT II"). */
static int plain_caps_word(const nr_ctx *c, size_t j)
{
    size_t n, rn, k = caps_word(c, j);
    const char *w = nr_tok_word(c->t, j, &n);
    const char *r = nr_tok_word(c->t, j + 1, &rn);
    if (n == 1) return w[0] == 'A' || w[0] == 'I';
    if (k != n) return 0;
    return listed(c, NR_T_never_spelled, w, n) || listed(c, NR_T_capital_short_words, w, n) || n > 5
        || (n >= 4 && pronounceable_as(c, w, n, 1))
        || (nr_tok_cue(c, NR_T_roman_cues, j) && nr_roman_value(r, rn) > 0);
}

/* Text set in capitals around token i (headings, titles, a play's speakers, headlines):
 * in its clause, two words in capitals at least, one of them plainly a word, outweighing
 * the others (a word in lower case counts as two, a capitalized one as one): "THE MILL ON
 * THE FLOSS by George Eliot", "SIR TOBY.", "ACT I", "UP NEXT"; not "the FBI and CIA",
 * "Smith KJ, Davidson NO" or "PMID 18583455 Tracey WR"; or a dateline. */
static int capital_text(const nr_ctx *c, size_t i)
{
    size_t lo, hi, caps = 0;
    long weight = 0;
    int wordy = 0;
    clause_window(c, i, &lo, &hi);
    for (size_t j = lo; j <= hi; j++) {
        int v = caps_weight(c, j);
        caps += v < 0;
        weight += v;
        if (v < 0 && !wordy) wordy = plain_caps_word(c, j);
    }
    return (caps >= 2 && wordy && weight < 0) || dateline(c, i);
}

/* ---- output ---- */

/* Spells letters; `plural` puts "'s" on the last one ("C E O's", "M B Eh's"). */
static void spell(nr_buf *out, const char *s, size_t n, int plural)
{
    for (size_t k = 0; k < n; k++) nr_say_letter(out, s[k]);
    if (plural) nr_buf_puts(out, "'s");
}

/* A run of capitals inside a word: spelled, or as written when said as a word. */
static void say_caps(const nr_ctx *c, nr_buf *out, const char *s, size_t n)
{
    if (n == 1 || !said_as_word(c, s, n)) spell(out, s, n, 0);
    else nr_buf_wordn(out, s, n);
}

/* A run of digits: a model number after letters or before '(', else a plain number;
 * `plural` for a final "s" ("B-52s" -> fifty twos). */
static void say_digits(nr_buf *out, const char *s, size_t n, int model, int plural)
{
    nr_buf words = { 0 };
    if (model) nr_say_model(&words, s, n);
    else if (s[0] == '0' || n > 4) nr_say_digits(&words, s, n);
    else nr_say_cardinal(&words, s, n);
    if (plural && words.len) {
        if (words.s[words.len - 1] == 'y') { words.len--; nr_buf_puts(&words, "ies"); }
        else if (words.s[words.len - 1] == 'x') nr_buf_puts(&words, "es");
        else nr_buf_puts(&words, "s");
    }
    if (words.oom) out->oom = 1;
    else nr_buf_wordn(out, words.s, words.len);
    nr_buf_free(&words);
}

/* ---- the shapes ---- */

/* "U.S", "U.K", "D.C" (the final '.' is punctuation) -> U S. */
static int dotted_initials(const char *w, size_t n)
{
    if (n < 3 || n % 2 == 0) return 0;
    for (size_t k = 0; k < n; k++)
        if (k % 2 ? w[k] != '.' : !nr_is_upper(w[k])) return 0;
    return 1;
}

/* A never-spelled word that is left as written: two capitals after a name inside a
 * sentence are its initials ("Davidson NO, 1995" in a citation), and beside another
 * all-capital word eSpeak NG reads it as a word ("NO MORE", "NEW YORK"). */
static int keep_as_written(const nr_ctx *c, size_t i, size_t n)
{
    size_t pn;
    nr_tok_post(c->t, i - 1, &pn);
    if ((i > 0 && nr_tok_joined(c->t, i - 1) && caps_word(c, i - 1))
        || (nr_tok_joined(c->t, i) && caps_word(c, i + 1)))
        return 1;
    return n == 2 && i > 0 && !pn && !nr_tok_sentence_start(c->t, i - 1) && nr_tok_capitalized(c->t, i - 1);
}

/* A short word in capitals that is no acronym ("vote NO"), in lower case for eSpeak NG. */
static void say_lowered(nr_buf *out, const char *w, size_t n)
{
    nr_buf_wordn(out, w, n);
    for (size_t k = out->len - n; !out->oom && k < out->len; k++)
        out->s[k] = nr_to_lower(out->s[k]);
}

/* The readings of the class, and what the say needs of them. */
enum { LONE_A, DOTTED, SPELLED, LOWERED, WAR, SHORT_WORD, MIXED };
typedef struct {
    size_t caps;            /* SPELLED, WAR: the capitals spelled */
    int plural;             /* SPELLED: "'s" after the last letter */
    int war;                /* WAR: the number of the final I's */
    const char *say;        /* SHORT_WORD: its reading */
} reading;

/* "WWII" -> W W two: a final II or III after other capitals; the number of I's, or 0. */
static int war_numeral(const char *w, size_t caps, size_t n)
{
    size_t r = 0;
    while (r < caps && w[caps - 1 - r] == 'I') r++;
    if (caps != n || r < 1 || r > 3 || caps == r) return 0;
    /* a single I only after "WW" ("WWI"): "HDMI", "WIFI" are no wars */
    if (r == 1 && !(caps == 3 && w[0] == 'W' && w[1] == 'W')) return 0;
    return (int)r;
}

/* Spelled capitals, as reading SPELLED. */
static int spelled(reading *r, size_t caps, int plural)
{
    r->caps = caps;
    r->plural = plural;
    return SPELLED;
}

/* Does eSpeak NG see token i's clause as capitals? It spells a capital word of up to
 * three letters it does not know ("INN", "TEA") in a clause of more small letters than
 * capitals. Estimated from the words as written, counting what becomes small letters in
 * the reading: a digit ("1995" -> nineteen ninety five) or a roman numeral after its cue
 * ("ACT I" -> act one) as four; with a margin, as spelled letters and the like shift it. */
static int capitals_clause(const nr_ctx *c, size_t i)
{
    size_t lo, hi, upper = 0, small = 0;
    clause_window(c, i, &lo, &hi);
    for (size_t j = lo; j <= hi; j++) {
        size_t n;
        const char *w = nr_tok_word(c->t, j, &n);
        if (j > 0 && nr_roman_value(w, n) > 0 && nr_tok_cue(c, NR_T_roman_cues, j - 1)) {
            small += 4;
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            upper += nr_is_upper(w[k]);
            small += nr_is_lower(w[k]) ? 1 : nr_is_digit(w[k]) ? 4 : 0;
        }
    }
    return small <= 3 || upper > 2 * small;
}

/* A word in capitals inside capital text: a word unless it is an acronym. Four letters
 * or more are left as written (eSpeak NG reads them as words, and spells what it cannot
 * say: NYPD); a word of three is said when pronounceable (INN, TEA, CUP, SKY; not BBC),
 * one of two when listed (never_spelled, capital_short_words: UP, IT; not CA, NY). Those
 * short words stay as written in a clause of capitals, else are lower-cased, as eSpeak
 * NG would spell them (see capitals_clause). The reading, or -1 to leave it as written. */
static int capital_text_word(const nr_ctx *c, size_t i, const char *w, size_t n, size_t caps, reading *r)
{
    if ((r->war = war_numeral(w, caps, n))) return WAR;
    if (caps >= 4) return -1;
    const nr_lex_entry *e = c->lex && caps == n ? nr_lex_find(c->lex, NR_T_capital_short_words, w, n) : NULL;
    if (e || (caps == n && listed(c, NR_T_never_spelled, w, caps)) || (caps == 3 && pronounceable_as(c, w, caps, 1))) {
        if (!capitals_clause(c, i)) return LOWERED;
        if (!e || (strlen(e->say) == n && !memcmp(e->say, w, n))) return -1;
        r->say = e->say;                                            /* IT */
        return SHORT_WORD;
    }
    return spelled(r, caps, caps != n);
}

/* A plain acronym: "BSI", "CEOs", "WSJ's", "WWII"; its reading, -1 to leave it as written. */
static int acronym(const nr_ctx *c, size_t i, const char *w, size_t n, reading *r)
{
    size_t caps = nr_run_of(w, n, nr_is_upper), suffix = n - caps;
    if (caps < 2) return -1;
    if (listed(c, NR_T_spelled_acronyms, w, caps)) return spelled(r, caps, suffix != 0);   /* AP, CIA, IRA */
    if (caps > 5 || said_as_word(c, w, caps)) return -1;
    if (capital_text(c, i)) return capital_text_word(c, i, w, n, caps, r);
    if (!suffix && listed(c, NR_T_never_spelled, w, caps)) return keep_as_written(c, i, n) ? -1 : LOWERED;
    if ((r->war = war_numeral(w, caps, n))) return WAR;
    return spelled(r, caps, suffix != 0);
}

/* Checks a word of letters, digits and separators: its runs, and whether it is ours. */
static int mixed_ok(const char *w, size_t n)
{
    int digits = 0, letters = 0, upper = 0, seps = 0, upper_first = 0;
    if (is_sep(w[0]) || w[n - 1] == '-' || w[n - 1] == '/' || w[n - 1] == '(') return 0;
    for (size_t k = 0; k < n; k++) {
        if (nr_is_digit(w[k])) digits = 1;
        else if (nr_is_alpha(w[k])) { letters = 1; upper |= nr_is_upper(w[k]); }
        else if (is_sep(w[k])) seps = 1;
        else return 0;
    }
    if (nr_is_digit(w[0]) && !upper && !seps) return 0;   /* "5kg", "4s": a unit or a suffix */
    size_t first = 0;                           /* the first part, up to a separator */
    while (first < n && !is_sep(w[first])) first++;
    upper_first = first >= 1 && nr_run_of(w, first, nr_is_upper) == first;
    return letters && (digits || (upper_first && first < n && w[first] == '-'));
}

/* Says a word of letter and digit runs ("SARS-CoV-2", "401(k", "B-52s", "US-China"). */
static void say_mixed(const nr_ctx *c, size_t i, nr_buf *out, const char *w, size_t n)
{
    int after_letters = nr_tok_after_maker(c, i);   /* "Boeing 777-300ER" */
    for (size_t k = 0; k < n;) {
        if (is_sep(w[k])) { k++; continue; }
        size_t d = nr_run_of(w + k, n - k, nr_is_digit);
        if (d) {
            int model = after_letters || (k + d < n && w[k + d] == '(');
            int plural = k + d + 1 == n && w[k + d] == 's';
            say_digits(out, w + k, d, model, plural);
            k += d + plural;
            continue;
        }
        size_t a = nr_run_of(w + k, n - k, nr_is_alpha), u = nr_run_of(w + k, a, nr_is_upper);
        if (u == a || (a == 1 && w[k] == 'a')) say_caps(c, out, w + k, a);   /* "a" not the article */
        else nr_buf_wordn(out, w + k, a);
        after_letters = 1;
        k += a;
    }
}

/* ---- a lone capital A: the letter or the article? ---- */

/* Where a title may start: after ':' or a dash, or behind an opening quote or bracket. */
static int title_start(const nr_ctx *c, size_t i)
{
    size_t qn, pn, wn;
    nr_tok_pre(c->t, i, &qn);
    const char *p = nr_tok_post(c->t, i - 1, &pn);
    nr_tok_word(c->t, i - 1, &wn);
    return qn || !wn || (pn && (p[pn - 1] == ':' || p[pn - 1] == '-'));
}

/* Token j is a word starting with a capital or a digit. */
static int capital_word(const nr_ctx *c, size_t j)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    return n && (nr_is_upper(w[0]) || nr_is_digit(w[0]));
}

/* Title Case around token i ("Man Buys A House", "Once Upon A Time", "HAVE A DAY"): the
 * word before is a small word capitalised, or is in capitals, or the words within two
 * either side in the sentence are all capitalised, three of them at least. */
static int title_case(const nr_ctx *c, size_t i)
{
    if (nr_tok_cue(c, NR_T_title_case_cues, i - 1) || caps_word(c, i - 1) || caps_word(c, i + 1)) return 1;
    size_t lo = i >= 2 && !nr_tok_sentence_start(c->t, i - 1) ? i - 2 : i - 1, caps = 0;
    for (size_t j = lo; j <= i + 2 && j < c->t->n; j++) {
        if (j == i) continue;
        if (!capital_word(c, j)) return 0;
        caps++;
        if (j > i && c->t->tok[j].brk == NR_BRK_SENTENCE) break;
    }
    return caps >= 3;
}

/* 1 if the capital A at token i is the letter, not the article (see the top). */
static int letter_a(const nr_ctx *c, size_t i)
{
    size_t pn, n;
    nr_tok_post(c->t, i, &pn);
    if (pn || i + 1 >= c->t->n) return 1;               /* "Edgar A. Poe", "plan A," */
    const char *next = nr_tok_word(c->t, i + 1, &n);
    if (n == 1 && nr_is_upper(next[0]) && next[0] != 'I') return 1;   /* spelled: "A B C", "A B O" */
    if (nr_tok_sentence_start(c->t, i) || title_start(c, i)) return 0;
    if (n && nr_is_lower(next[0])) return 1;               /* "Vitamin A deficiency" */
    nr_tok_post(c->t, i - 1, &pn);                      /* "Kypros, A History of Cyprus" */
    return !pn && capital_word(c, i - 1) && !title_case(c, i);   /* "Edgar A Poe", not "read A Tale" */
}

/* The reading of token i, or -1 when it is not the class's. */
static int letters_reading(const nr_ctx *c, size_t i, const char *w, size_t n, reading *r)
{
    if (n == 1 && w[0] == 'A') return letter_a(c, i) ? LONE_A : -1;
    if (n < 2 || !(nr_is_alpha(w[0]) || nr_is_digit(w[0]))) return -1;
    if (listed(c, NR_T_words, w, n)) return -1;
    if (dotted_initials(w, n)) return DOTTED;
    size_t caps = nr_run_of(w, n, nr_is_upper);
    if (caps && (caps == n || (caps + 1 == n && w[caps] == 's')
                 || (caps + 2 == n && w[caps] == '\'' && w[caps + 1] == 's')))
        return acronym(c, i, w, n, r);
    return mixed_ok(w, n) ? MIXED : -1;
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, reading *r)
{
    return (m->reading = letters_reading(c, i, w, n, r)) >= 0;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const reading *r,
                nr_buf *out)
{
    static const char *const war_numbers[] = { "one", "two", "three" };
    switch (m->reading) {
    case LONE_A: nr_say_letter(out, 'A'); break;
    case DOTTED:
        for (size_t k = 0; k < n; k += 2) nr_say_letter(out, w[k]);
        break;
    case SPELLED: spell(out, w, r->caps, r->plural); break;
    case LOWERED: say_lowered(out, w, n); break;
    case WAR:
        spell(out, w, n - (size_t)r->war, 0);
        nr_buf_word(out, war_numbers[r->war - 1]);
        break;
    case SHORT_WORD: nr_buf_word(out, r->say); break;
    default: say_mixed(c, i, out, w, n);
    }
}

NR_CLASS_RECORD(letters, reading, match, say);
