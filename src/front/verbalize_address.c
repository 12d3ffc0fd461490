/*
 * verbalize_address.c — street addresses, read as a newsreader reads them:
 *   2788 San Tomas Expy, Santa Clara, CA 95051
 *   -> twenty seven eighty eight San Tomas Expressway, Santa Clara, California nine five zero five one
 *
 * An address is only as certain as its shape, so each part needs its context:
 * - a house number is a number followed (within the clause) by an optional direction,
 *   one to four street-name words (capitalized, or ordinals like "1st") and a street type
 *   (lexicon street_suffixes). It is read in pairs like a year ("1211" twelve eleven,
 *   "708" seven oh eight); the direction, name and type are said in full. The whole
 *   address up to the street type is one verbalization, so no other class reads its parts.
 * - a dot-less street abbreviation on its own ("Sunset Blvd", "6th ave") is expanded after a
 *   street name, and before a road number ("Hwy 101"). The abbreviation class comes first
 *   and owns the dotted forms and St, Dr, Mt (saint, doctor, mount before a name).
 * - a US state code (us_states) is a state after "City," or before a ZIP code; codes that are
 *   also words or titles (MD, OK, IN) need the ZIP code or a street address just before.
 * - a ZIP code (five digits, or five and four) after a state is read digit by digit.
 * - a unit ("Apt 4B", "Ste. 200") is said in full with its number.
 * Nothing is consumed past a clause boundary: commas belong to the chunker.
 */
#include "front/verbalize.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"
#include "util/chars.h"
#include <string.h>


#define MAX_NAME_WORDS 4
#define LOOKBACK 12         /* tokens searched back for the street before a weak state code */


static int all_upper(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!nr_is_upper(s[k])) return 0;
    return n > 0;
}

static int has_lower(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (nr_is_lower(s[k])) return 1;
    return 0;
}

/* Token i ends its clause, or has punctuation after it. */
static int closed(const nr_ctx *c, size_t i)
{
    size_t pn;
    nr_tok_post(c->t, i, &pn);
    return pn || c->t->tok[i].brk != NR_BRK_NONE;
}

/* A lexicon entry for the word of token i (a capitalized word also finds its lower-case
 * key; an all-capital one does not: "ST" is an acronym, not "st"). */
static const nr_lex_entry *lookup(const nr_ctx *c, const char *table, size_t i)
{
    return c->lex ? nr_tok_find(c->t, i, c->lex, table) : NULL;
}

/* ---- numbers ---- */

/* Two digits of a house number: "45" forty five, "05" oh five, "00" hundred (at the end). */
static void say_pair(nr_buf *out, const char *s, int last)
{
    if (s[0] == '0' && s[1] == '0') {
        if (last) nr_buf_word(out, "hundred");
        else { nr_buf_word(out, "oh"); nr_buf_word(out, "oh"); }
    } else if (s[0] == '0') {
        nr_buf_word(out, "oh");
        nr_say_cardinal(out, s + 1, 1);
    } else nr_say_cardinal(out, s, 2);
}

/* A house number: "12" twelve, "708" seven oh eight, "2788" twenty seven eighty eight. */
static void say_house_number(nr_buf *out, const char *s, size_t n)
{
    if (s[0] == '0' || n > 5) nr_say_digits(out, s, n);
    else if (n <= 2 || (n == 3 && s[1] == '0' && s[2] == '0')) nr_say_cardinal(out, s, n);
    else if (n == 4) nr_say_year(out, s, n);
    else if (n == 5 && !memcmp(s + 2, "000", 3)) nr_say_cardinal(out, s, n);
    else {
        nr_say_cardinal(out, s, 1);
        say_pair(out, s + 1, n == 3);
        if (n == 5) say_pair(out, s + 3, 1);
    }
}

/* A house or unit number: digits and an optional letter ("221B"); its digit count, or 0. */
static size_t number_shape(const char *w, size_t n)
{
    size_t d = nr_digits_at(w, n);
    if (!d || d > 6) return 0;
    if (d == n) return d;
    return d + 1 == n && (nr_is_upper(w[d]) || nr_is_lower(w[d])) ? d : 0;
}

static void say_number_with_letter(nr_buf *out, const char *w, size_t n, size_t d)
{
    say_house_number(out, w, d);
    if (d < n) {
        nr_say_letter(out, w[d]);
    }
}

/* An ordinal street name: "1st", "42nd", "3RD". Digit count, or 0. */
static size_t ordinal_shape(const char *w, size_t n)
{
    size_t d = nr_digits_at(w, n);
    if (!d || d + 2 != n) return 0;
    char a = (char)(w[d] | 32), b = (char)(w[d + 1] | 32);
    int ok = (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h');
    return ok ? d : 0;
}

/* A ZIP code: five digits, or five, '-' and four. */
static int zip_shape(const char *w, size_t n)
{
    if (n != 5 && n != 10) return 0;
    if (nr_digits_at(w, 5) != 5) return 0;
    return n == 5 || (w[5] == '-' && nr_digits_at(w + 6, 4) == 4);
}

static void say_zip(nr_buf *out, const char *w, size_t n)
{
    nr_say_digits(out, w, 5);
    if (n == 10) {
        nr_buf_word(out, "dash");
        nr_say_digits(out, w + 6, 4);
    }
}

/* ---- the street ---- */

/* A word of a street name: capitalized with lower case after ("Tomas"), or an ordinal ("1st"). */
static int name_word(const nr_ctx *c, size_t i)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    if (!n) return 0;
    if (ordinal_shape(w, n)) return 1;
    if (!nr_is_upper(w[0])) return 0;
    for (size_t k = 1; k < n; k++)
        if (!(nr_is_lower(w[k]) || nr_is_upper(w[k]) || w[k] == '\'' || w[k] == '-')) return 0;
    return has_lower(w, n);
}

static void say_name_word(const nr_ctx *c, size_t i, int first, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i, &n);
    size_t d = ordinal_shape(w, n);
    const nr_lex_entry *e = first ? lookup(c, NR_T_street_name_prefixes, i) : NULL;
    if (d) nr_say_ordinal(out, w, d);
    else if (e) nr_buf_word(out, e->say);
    else nr_verbalize_word(c, i, out);
}

/* A direction: "N", "NE", "E." (a dot is allowed; no other punctuation inside the address). */
static const nr_lex_entry *direction(const nr_ctx *c, size_t i, int last)
{
    size_t pn;
    const char *post = nr_tok_post(c->t, i, &pn);
    if (!last && (c->t->tok[i].brk != NR_BRK_NONE || (pn && !(pn == 1 && post[0] == '.')))) return NULL;
    return lookup(c, NR_T_street_directions, i);
}

typedef struct {
    size_t dir;             /* token of the leading direction, or 0 */
    size_t name, names;     /* first name token and how many */
    size_t suffix;          /* the street type */
    size_t after;           /* token of a trailing direction, or 0 */
} street;

/* Street-name words from token j, then the street type. */
static int parse_street(const nr_ctx *c, size_t j, street *s)
{
    s->name = j;
    for (s->names = 0; s->names <= MAX_NAME_WORDS && j < c->t->n; s->names++, j++) {
        if (s->names && lookup(c, NR_T_street_suffixes, j)) {
            s->suffix = j;
            s->after = !closed(c, j) && j + 1 < c->t->n && direction(c, j + 1, 1) ? j + 1 : 0;
            return 1;
        }
        if (!name_word(c, j) || closed(c, j)) return 0;
    }
    return 0;
}

/* What the match read, for the say. */
enum { HOUSE, ROAD, LONE_SUFFIX, STATE, ZIP, UNIT };
typedef struct {
    street s;               /* HOUSE */
    const char *say;        /* ROAD, LONE_SUFFIX, STATE, UNIT: the word's reading */
    size_t num;             /* HOUSE, ROAD, UNIT, ZIP: the token of the number */
    size_t digits;          /* HOUSE, ROAD, UNIT: its digits (a letter may follow) */
    int with_zip;           /* STATE: a ZIP code follows */
} address;

/* "2788 San Tomas Expy", "708 N 1st St", "1428 Elm St." */
static size_t house_address(const nr_ctx *c, size_t i, const char *w, size_t n, address *a)
{
    size_t d = number_shape(w, n);
    if (!d || closed(c, i) || i + 2 >= c->t->n) return 0;
    street s = { 0 };
    if (direction(c, i + 1, 0) && parse_street(c, i + 2, &s)) s.dir = i + 1;
    else if (!parse_street(c, i + 1, &s)) return 0;
    a->s = s;
    a->num = i;
    a->digits = d;
    return (s.after ? s.after : s.suffix) - i + 1;
}

/* The number of token j (a house, road or unit number) with its letter: "221B". */
static void say_number_at(const nr_ctx *c, size_t j, size_t d, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    say_number_with_letter(out, w, n, d);
}

static void say_house_address(const nr_ctx *c, const address *a, nr_buf *out)
{
    const street *s = &a->s;
    say_number_at(c, a->num, a->digits, out);
    if (s->dir) nr_buf_word(out, lookup(c, NR_T_street_directions, s->dir)->say);
    for (size_t k = 0; k < s->names; k++) say_name_word(c, s->name + k, k == 0, out);
    nr_buf_word(out, lookup(c, NR_T_street_suffixes, s->suffix)->say);
    if (s->after) nr_buf_word(out, lookup(c, NR_T_street_directions, s->after)->say);
}

/* A road number, read like a house number: "Hwy 101" highway one oh one. */
static size_t road_number(const nr_ctx *c, size_t i, const nr_lex_entry *e, address *a)
{
    size_t n;
    const char *w = nr_tok_word(c->t, i + 1, &n);
    size_t d = number_shape(w, n);
    if (!nr_lex_field_is(e, "before_number", "true") || closed(c, i) || !d || d > 4) return 0;
    a->say = e->say;
    a->num = i + 1;
    a->digits = d;
    return 2;
}

/* A street abbreviation on its own: "Sunset Blvd", "6th ave", "Hwy 101". (St, Dr and Mt
 * without a dot, which may also be saint, doctor and mount, are the abbreviation class's.)
 * ROAD or LONE_SUFFIX; the tokens used. */
static size_t lone_suffix(const nr_ctx *c, size_t i, address *a, int *reading)
{
    const nr_lex_entry *e = lookup(c, NR_T_street_suffixes, i);
    size_t used = e ? road_number(c, i, e, a) : 0;
    *reading = ROAD;
    if (used || !e || nr_lex_field_is(e, "full", "true")) return used;
    if (i == 0 || closed(c, i - 1) || !name_word(c, i - 1)) return 0;
    size_t pn;
    const char *prev = nr_tok_word(c->t, i - 1, &pn);
    if (c->lex && nr_lex_find(c->lex, NR_T_sentence_starters, prev, pn)) return 0;   /* "The st..." */
    *reading = LONE_SUFFIX;
    a->say = e->say;
    return 1;
}

/* ---- states, ZIP codes, units ---- */

/* A street type somewhere in the few tokens before i ("... Main St, Town, MD"). */
static int street_before(const nr_ctx *c, size_t i)
{
    for (size_t k = 1; k <= LOOKBACK && k <= i; k++) {
        size_t j = i - k;
        if (c->t->tok[j].brk == NR_BRK_SENTENCE) return 0;
        const nr_lex_entry *e = j ? lookup(c, NR_T_street_suffixes, j) : NULL;
        if (e && name_word(c, j - 1)) return 1;
    }
    return 0;
}

/* "Santa Clara, CA 95051", "City, NY", "Springfield IL 62701". */
static size_t state(const nr_ctx *c, size_t i, const char *w, size_t n, address *a)
{
    if (n != 2 || !all_upper(w, 2) || i == 0) return 0;
    const nr_lex_entry *e = lookup(c, NR_T_us_states, i);
    if (!e) return 0;
    size_t zn, pn;
    const char *zip = nr_tok_word(c->t, i + 1, &zn);
    int with_zip = !closed(c, i) && zip_shape(zip, zn);
    const char *prev = nr_tok_word(c->t, i - 1, &pn);
    int after_city = nr_tok_post_starts(c->t, i - 1, ',') && pn && nr_is_upper(prev[0]) && has_lower(prev, pn);
    if (!after_city && !(with_zip && pn && nr_is_upper(prev[0]))) return 0;
    if (nr_lex_field_is(e, "weak", "true") && !with_zip && !street_before(c, i)) return 0;
    a->say = e->say;
    a->with_zip = with_zip;
    a->num = i + 1;
    return with_zip ? 2 : 1;
}

/* The ZIP code of token j. */
static void say_zip_at(const nr_ctx *c, size_t j, nr_buf *out)
{
    size_t n;
    const char *w = nr_tok_word(c->t, j, &n);
    say_zip(out, w, n);
}

/* A state name ending at token j that follows "City,": "Austin, Texas", "Albany, New York". */
static int state_name_after_city(const nr_ctx *c, size_t j)
{
    if (closed(c, j) || !lookup(c, NR_T_state_name_ends, j)) return 0;
    for (size_t k = 1; k <= 2 && k <= j; k++) {
        if (nr_tok_post_starts(c->t, j - k, ',')) return 1;
        if (closed(c, j - k) || !name_word(c, j - k)) return 0;
    }
    return 0;
}

/* A ZIP code after a state given before it: "FL, 95051", "Austin, Texas 78701". */
static size_t zip_code(const nr_ctx *c, size_t i, const char *w, size_t n, address *a)
{
    if (!zip_shape(w, n) || i == 0) return 0;
    size_t pn;
    const char *prev = nr_tok_word(c->t, i - 1, &pn);
    int code = pn == 2 && all_upper(prev, 2) && lookup(c, NR_T_us_states, i - 1);
    if (!code && !state_name_after_city(c, i - 1)) return 0;
    a->num = i;
    return 1;
}

/* "Apt 4B", "Ste. 200". */
static size_t unit(const nr_ctx *c, size_t i, address *a)
{
    size_t pn, n;
    const char *post = nr_tok_post(c->t, i, &pn);
    if ((pn && !(pn == 1 && post[0] == '.')) || c->t->tok[i].brk != NR_BRK_NONE) return 0;
    const nr_lex_entry *e = lookup(c, NR_T_address_units, i);
    const char *w = nr_tok_word(c->t, i + 1, &n);
    size_t d = e ? number_shape(w, n) : 0;
    if (!d) return 0;
    a->say = e->say;
    a->num = i + 1;
    a->digits = d;
    return 2;
}

static size_t match(const nr_ctx *c, size_t i, const char *w, size_t n, nr_claim *m, address *a)
{
    if (!c->lex) return 0;
    size_t used;
    if ((used = house_address(c, i, w, n, a))) m->reading = HOUSE;
    else if ((used = state(c, i, w, n, a))) m->reading = STATE;
    else if ((used = zip_code(c, i, w, n, a))) m->reading = ZIP;
    else if ((used = unit(c, i, a))) m->reading = UNIT;
    else used = lone_suffix(c, i, a, &m->reading);
    return used;
}

static void say(const nr_ctx *c, size_t i, const char *w, size_t n, const nr_claim *m, const address *a,
                nr_buf *out)
{
    (void)i, (void)w, (void)n;
    if (m->reading == HOUSE) {
        say_house_address(c, a, out);
        return;
    }
    if (m->reading != ZIP) nr_buf_word(out, a->say);
    if (m->reading == ROAD || m->reading == UNIT) say_number_at(c, a->num, a->digits, out);
    else if (m->reading == ZIP || a->with_zip) say_zip_at(c, a->num, out);
}

NR_CLASS_RECORD(address, address, match, say);
