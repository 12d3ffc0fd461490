/*
 * verbalize.c — the classifier: one table of the semiotic classes with their priority
 * numbers; token i goes to the highest-priority class whose match claims it, else it is
 * said as written (after the lexicon's respellings). See verbalize.h for how a class is
 * made and added.
 *
 * Priorities: the higher number wins where two classes could read the same token. Each
 * row says why its number sits where it does, naming the class it must win against. The
 * rows are asked in the order of their numbers, whatever their order below: the table is
 * put in that order once, at first use.
 *
 * Most words of running text are plain ("the", "officials"): no class but the lexicon's
 * abbreviations can take them. So the token's shape is read once, and a class is asked
 * only when the token has a feature its kind needs (a digit in or next to it, a capital,
 * inner punctuation, a non-ASCII symbol, ...). The gates only save time: each class still
 * checks the token itself.
 */
#include "front/verbalize.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

/* Shape bits (token.h), short names. */
enum {
    SH_DIGIT = NR_SHAPE_DIGIT, SH_UPPER = NR_SHAPE_UPPER, SH_PUNCT = NR_SHAPE_PUNCT,
    SH_HYPHEN = NR_SHAPE_HYPHEN, SH_NON_ASCII = NR_SHAPE_NON_ASCII, SH_ROMAN = NR_SHAPE_ROMAN,
    SH_EMPTY = NR_SHAPE_EMPTY,
    SH_NEAR_DIGIT = NR_SHAPE_NEAR_DIGIT, SH_DIGIT_IN_3 = NR_SHAPE_DIGIT_IN_3,
    SH_ALL = NR_EVERY_TOKEN
};

enum { SH_ANY_GATE = SH_DIGIT | SH_UPPER | SH_PUNCT | SH_HYPHEN | SH_NON_ASCII | SH_ROMAN | SH_EMPTY |
                     SH_NEAR_DIGIT | SH_DIGIT_IN_3 };

#define CLASS(name, priority, needs) { #name, priority, needs, nr_match_##name, nr_say_##name }

static const nr_class classes[] = {
    /* a date spans tokens a later class would take one by one: "Jan. 5, 2019" is one date,
     * not the abbreviation "Jan."; "on 5-12-20" is a date, not a record */
    CLASS(date, 1200, SH_DIGIT | SH_NEAR_DIGIT | SH_DIGIT_IN_3),
    /* before time: "a 1:10 dilution" has a clock's shape, and its cue makes it a ratio */
    CLASS(clock_ratio, 1150, SH_DIGIT),
    /* "3:30 p.m.", "9am-5pm", "1430 GMT": before the abbreviation "p.m." and the numbers */
    CLASS(time, 1100, SH_DIGIT | SH_NEAR_DIGIT),
    /* the only class asked for plain words, shapes without a gate bit: "No. 5", "Mr." */
    CLASS(abbrev, 1000, SH_ALL),
    /* "bojan.pancevski@wsj.com", "example.co.uk": before the dotted words of other classes */
    CLASS(electronic, 900, SH_PUNCT),
    /* "192.168.0.1": four dotted groups no class below reads (a date has three, a phone
     * number's last group four digits); next to electronic, its kind */
    CLASS(ip, 850, SH_DIGIT),
    /* "3405 W Olive Blvd" is no measure of watts: before measure */
    CLASS(address, 800, SH_DIGIT | SH_NEAR_DIGIT | SH_UPPER),
    /* "$5-10 million", "20 USD": the currency reads the number, before measure and number */
    CLASS(money, 700, SH_DIGIT | SH_NEAR_DIGIT | SH_PUNCT | SH_NON_ASCII),
    /* "10^8 m/s", "6.02e23": before measure, which would take "10^8" for a quantity */
    CLASS(scientific, 620, SH_DIGIT | SH_NEAR_DIGIT | SH_NON_ASCII),
    /* "40°N", "51°30′N": before measure, which would read "40°" alone */
    CLASS(coordinates, 610, SH_DIGIT | SH_NEAR_DIGIT | SH_NON_ASCII),
    /* "5 kg", "10-13 °C", "4 1/2 lbs": the unit agrees with the number, before fraction */
    CLASS(measure, 600, SH_DIGIT | SH_NEAR_DIGIT | SH_NON_ASCII),
    /* "1/3", "4 1/2", "½": a slash the date class left, before the numbers */
    CLASS(fraction, 500, SH_DIGIT | SH_NEAR_DIGIT | SH_NON_ASCII),
    /* "Boeing 747-400", "No. 22-451": a name by its maker or cue, before range and telephone */
    CLASS(code, 450, SH_DIGIT),
    /* "3:1", "1:50,000": no clock time, so after the code class ("No. 6:6" is a case) */
    CLASS(ratio, 445, SH_DIGIT),
    /* "c. 980-1037": years by their era or cue, before telephone ("980-1037" has its shape) */
    CLASS(year_range, 440, SH_DIGIT),
    /* "555-1234", "(555) 123-4567": before range, which would read "555-1234" as one
     * ("+ 44 20 7946 0958": a lone plus before digits too) */
    CLASS(telephone, 430, SH_DIGIT | SH_NEAR_DIGIT),
    /* "5-10", "1938 - 1981", "25-8-4": two numbers and a dash, before the single number */
    CLASS(range, 420, SH_DIGIT),
    /* what is left with digits: cardinals, ordinals, decimals, percent, years, decades */
    CLASS(number, 400, SH_DIGIT | SH_NEAR_DIGIT | SH_PUNCT | SH_NON_ASCII),
    /* "World War II": numerals in context, before the letters class spells them */
    CLASS(roman, 300, SH_UPPER | SH_ROMAN),
    /* "BSI", "5G", "B-52": capitals and codes spelled, before symbols */
    CLASS(letters, 200, SH_UPPER | SH_DIGIT),
    /* "&", "+", "2 + 2 = 4", a range dash: what is still a symbol after every other class */
    CLASS(symbol, 100, SH_PUNCT | SH_HYPHEN | SH_NON_ASCII | SH_EMPTY | SH_NEAR_DIGIT),
};
#define N_CLASSES (sizeof classes / sizeof classes[0])


/* ---- the table in the order it is asked ---- */

/* The rows by priority, and for each shape of token (its gate bits) the rows it is asked,
 * a bit each (bit k: by_priority[k]), so a token meets only the classes it may be. */
_Static_assert(N_CLASSES <= 32, "a row is a bit of a 32-bit mask");
static const nr_class *by_priority[N_CLASSES];
static uint32_t asked_for[SH_ANY_GATE + 1];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int ordered;          /* set when the above are filled: no call per token */

static int higher_first(const void *a, const void *b)
{
    int pa = (*(const nr_class *const *)a)->priority, pb = (*(const nr_class *const *)b)->priority;
    return (pa < pb) - (pa > pb);
}

void nr_classes_order(const nr_class *table, size_t n, const nr_class **out)
{
    for (size_t k = 0; k < n; k++) out[k] = &table[k];
    qsort(out, n, sizeof *out, higher_first);
}

static void order_classes(void)
{
    nr_classes_order(classes, N_CLASSES, by_priority);
    for (unsigned shape = 0; shape <= SH_ANY_GATE; shape++)
        for (size_t k = 0; k < N_CLASSES; k++)
            if (by_priority[k]->needs == SH_ALL || (shape & by_priority[k]->needs)) asked_for[shape] |= 1u << k;
    atomic_store_explicit(&ordered, 1, memory_order_release);
}

static void order_once(void)
{
    if (!atomic_load_explicit(&ordered, memory_order_acquire)) pthread_once(&once, order_classes);
}

const nr_class *const *nr_classes(size_t *n)
{
    order_once();
    *n = N_CLASSES;
    return by_priority;
}

/* ---- classify, then verbalize ---- */

/* The highest-priority class whose match claims token i, among those its shape lets ask
 * (a plain lower-case word, most of the text, meets only the abbreviations). */
static inline const nr_class *classify(const nr_ctx *c, size_t i, nr_claim *m)
{
    order_once();
    uint32_t ask = asked_for[c->t->tok[i].shape & SH_ANY_GATE];
    while (ask) {
        unsigned k = (unsigned)__builtin_ctz(ask);   /* a GNU C builtin gcc and clang both have */
        ask &= ask - 1;
        m->reading = 0;
        if ((m->used = by_priority[k]->match(c, i, m))) return by_priority[k];
    }
    return NULL;
}

const nr_class *nr_classify(const nr_ctx *c, size_t i, nr_claim *m)
{
    return classify(c, i, m);
}

size_t nr_verbalize(const nr_ctx *c, size_t i, nr_buf *out)
{
    nr_claim m;
    const nr_class *k = classify(c, i, &m);
    if (!k) return nr_verbalize_word(c, i, out);
    k->say(c, i, &m, out);
    return m.used;
}

size_t nr_verbalize_with(nr_match_fn match, nr_say_fn say, const nr_ctx *c, size_t i, nr_buf *out)
{
    nr_claim m;
    m.reading = 0;
    m.used = match(c, i, &m);
    if (m.used) say(c, i, &m, out);
    return m.used;
}

size_t nr_verbalize_date(const nr_ctx *c, size_t i, nr_buf *out)
{
    return nr_verbalize_with(nr_match_date, nr_say_date, c, i, out);
}

size_t nr_verbalize_time(const nr_ctx *c, size_t i, nr_buf *out)
{
    return nr_verbalize_with(nr_match_time, nr_say_time, c, i, out);
}

size_t nr_verbalize_letters(const nr_ctx *c, size_t i, nr_buf *out)
{
    return nr_verbalize_with(nr_match_letters, nr_say_letters, c, i, out);
}

size_t nr_verbalize_fraction(const nr_ctx *c, size_t i, nr_buf *out)
{
    return nr_verbalize_with(nr_match_fraction, nr_say_fraction, c, i, out);
}

size_t nr_verbalize_word(const nr_ctx *c, size_t i, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    const nr_lex_entry *e = c->lex ? nr_tok_find(c->t, i, c->lex, NR_T_words) : NULL;
    if (e) nr_buf_word(out, e->say);
    else nr_buf_wordn(out, w, n);
    return 1;
}
