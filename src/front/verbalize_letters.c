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
 * lower-case ones ("the WAR") and reads it only in an all-capital line ("THE WAR IS OVER",
 * left as written).
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

#define T_NEVER   "never_spelled"
#define T_ONSET   "syllable_onsets"
#define T_CODA    "syllable_codas"
#define T_DIGRAPH "syllable_digraphs"
#define T_TITLE   "title_case_cues"

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(char c) { return is_upper(c) || is_lower(c); }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_vowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }
static int is_sep(char c) { return c == '-' || c == '/' || c == '(' || c == ')'; }

static size_t run_of(const char *s, size_t n, int (*cls)(char))
{
    size_t k = 0;
    while (k < n && cls(s[k])) k++;
    return k;
}

static int listed(const nr_ctx *c, const char *table, const char *s, size_t n)
{
    return c->lex && nr_lex_find(c->lex, table, s, n) != NULL;
}

/* ---- said as a word or spelled? ---- */

/* May the consonant run s[k, k+n) of a word of len letters stand where it stands? */
static int cluster_ok(const nr_ctx *c, const char *s, size_t k, size_t n, size_t len)
{
    if (k == 0) return n == 1 || listed(c, T_ONSET, s, n);
    if (k + n == len) return n == 1 || listed(c, T_CODA, s + k, n);
    if (n == 1) return 1;
    if (n == 2) return len >= 5 || listed(c, T_DIGRAPH, s + k, 2);
    return n == 3 && len >= 5 && listed(c, T_ONSET, s + k + 1, 2);
}

/* Consonant and vowel runs that an English reader could say as syllables (NATO, OPEC). */
static int pronounceable(const nr_ctx *c, const char *s, size_t n)
{
    int vowels = 0;
    for (size_t k = 0; k < n;) {
        size_t run = 0;
        while (k + run < n && is_vowel(s[k + run])) run++;
        if (run) {
            if (run > 2) return 0;
            vowels = 1;
            k += run;
            continue;
        }
        while (k + run < n && !is_vowel(s[k + run])) run++;
        if (!cluster_ok(c, s, k, run, n)) return 0;
        k += run;
    }
    return vowels;
}

/* 1 if the capital letters s are said as a word rather than spelled. */
static int said_as_word(const nr_ctx *c, const char *s, size_t n)
{
    if (listed(c, NR_LEX_AS_WORD, s, n)) return 1;
    return n > 5 || (n >= 4 && pronounceable(c, s, n));
}

/* An all-capital word of two letters or more at token i (with an optional 's). */
static size_t caps_word(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    size_t k = run_of(w, n, is_upper);
    if (k < 2) return 0;
    if (k == n || (k + 1 == n && w[k] == 's') || (k + 2 == n && w[k] == '\'' && w[k + 1] == 's'))
        return k;
    return 0;
}

/* All-capital running text ("BREAKING NEWS: FBI RAIDS ...", "WHO WILL WIN?") is read as
 * written: two capital words around token i, one of them plainly a word. */
static int shouting(const nr_ctx *c, size_t i)
{
    int caps = 0, wordy = 0;
    for (size_t j = i >= 2 ? i - 2 : 0; j <= i + 2; j++) {
        if (j == i) continue;
        size_t n, k = caps_word(c, j);
        const char *w = nr_tok_word(c->t, j, &n);
        if (n == 1 && (w[0] == 'A' || w[0] == 'I')) caps++;     /* "WE HAD A GREAT DAY" */
        if (!k) continue;
        caps++;
        if ((k >= 4 && pronounceable(c, w, k)) || (k == n && k >= 3 && listed(c, T_NEVER, w, k))) wordy = 1;
    }
    return caps >= 2 && wordy;
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
static size_t dotted_initials(nr_buf *out, const char *w, size_t n)
{
    if (n < 3 || n % 2 == 0) return 0;
    for (size_t k = 0; k < n; k++)
        if (k % 2 ? w[k] != '.' : !is_upper(w[k])) return 0;
    for (size_t k = 0; k < n; k += 2) nr_say_letter(out, w[k]);
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
        if (is_upper(out->s[k])) out->s[k] = (char)(out->s[k] + 32);
}

/* A plain acronym: "BSI", "CEOs", "WSJ's", "WWII"; 1 if said, 0 to leave it as written. */
static int acronym(const nr_ctx *c, size_t i, nr_buf *out, const char *w, size_t n)
{
    size_t caps = run_of(w, n, is_upper), suffix = n - caps;
    if (caps < 2 || caps > 5 || said_as_word(c, w, caps) || shouting(c, i)) return 0;
    if (!suffix && listed(c, T_NEVER, w, caps)) {
        if (keep_as_written(c, i, n)) return 0;
        say_lowered(out, w, n);
        return 1;
    }
    size_t r = 0;                               /* "WWII": W W two */
    while (r < caps && w[caps - 1 - r] == 'I') r++;
    if (!suffix && (r == 2 || r == 3) && caps > r) {
        spell(out, w, caps - r, 0);
        nr_buf_word(out, r == 2 ? "two" : "three");
        return 1;
    }
    spell(out, w, caps, suffix != 0);
    return 1;
}

/* Checks a word of letters, digits and separators: its runs, and whether it is ours. */
static int mixed_ok(const char *w, size_t n)
{
    int digits = 0, letters = 0, upper = 0, seps = 0, upper_first = 0;
    if (is_sep(w[0]) || w[n - 1] == '-' || w[n - 1] == '/' || w[n - 1] == '(') return 0;
    for (size_t k = 0; k < n; k++) {
        if (is_digit(w[k])) digits = 1;
        else if (is_alpha(w[k])) { letters = 1; upper |= is_upper(w[k]); }
        else if (is_sep(w[k])) seps = 1;
        else return 0;
    }
    if (is_digit(w[0]) && !upper && !seps) return 0;   /* "5kg", "4s": a unit or a suffix */
    size_t first = 0;                           /* the first part, up to a separator */
    while (first < n && !is_sep(w[first])) first++;
    upper_first = first >= 1 && run_of(w, first, is_upper) == first;
    return letters && (digits || (upper_first && first < n && w[first] == '-'));
}

/* Says a word of letter and digit runs ("SARS-CoV-2", "401(k", "B-52s", "US-China"). */
static size_t mixed(const nr_ctx *c, size_t i, nr_buf *out, const char *w, size_t n)
{
    if (!mixed_ok(w, n)) return 0;
    int after_letters = nr_tok_after_maker(c, i);   /* "Boeing 777-300ER" */
    for (size_t k = 0; k < n;) {
        if (is_sep(w[k])) { k++; continue; }
        size_t d = run_of(w + k, n - k, is_digit);
        if (d) {
            int model = after_letters || (k + d < n && w[k + d] == '(');
            int plural = k + d + 1 == n && w[k + d] == 's';
            say_digits(out, w + k, d, model, plural);
            k += d + plural;
            continue;
        }
        size_t a = run_of(w + k, n - k, is_alpha), u = run_of(w + k, a, is_upper);
        if (u == a || (a == 1 && w[k] == 'a')) say_caps(c, out, w + k, a);   /* "a" not the article */
        else nr_buf_wordn(out, w + k, a);
        after_letters = 1;
        k += a;
    }
    return 1;
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
    return n && (is_upper(w[0]) || is_digit(w[0]));
}

/* Title Case around token i ("Man Buys A House", "Once Upon A Time", "HAVE A DAY"): the
 * word before is a small word capitalised, or is in capitals, or the words within two
 * either side in the sentence are all capitalised, three of them at least. */
static int title_case(const nr_ctx *c, size_t i)
{
    if (nr_tok_cue(c, T_TITLE, i - 1) || caps_word(c, i - 1) || caps_word(c, i + 1)) return 1;
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
    if (nr_tok_sentence_start(c->t, i) || title_start(c, i)) return 0;
    const char *next = nr_tok_word(c->t, i + 1, &n);
    if (n && is_lower(next[0])) return 1;               /* "Vitamin A deficiency" */
    nr_tok_post(c->t, i - 1, &pn);                      /* "Kypros, A History of Cyprus" */
    return !pn && capital_word(c, i - 1) && !title_case(c, i);   /* "Edgar A Poe", not "read A Tale" */
}

static size_t lone_a(const nr_ctx *c, size_t i, nr_buf *out)
{
    if (!letter_a(c, i)) return 0;
    nr_say_letter(out, 'A');
    return 1;
}

size_t nr_verbalize_letters(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    if (n == 1 && w[0] == 'A') return lone_a(c, i, out);
    if (n < 2 || !(is_alpha(w[0]) || is_digit(w[0]))) return 0;
    if (listed(c, NR_LEX_WORD, w, n)) return 0;
    if (dotted_initials(out, w, n)) return 1;
    size_t caps = run_of(w, n, is_upper);
    if (caps && (caps == n || (caps + 1 == n && w[caps] == 's')
                 || (caps + 2 == n && w[caps] == '\'' && w[caps + 1] == 's')))
        return acronym(c, i, out, w, n);
    return mixed(c, i, out, w, n);
}
