/* sayas.c — SSML <say-as> readings (see sayas.h). */
#include "front/sayas.h"
#include "front/numbers.h"
#include "front/segment.h"
#include "front/spell.h"
#include "front/verbalize.h"
#include <stdio.h>
#include <string.h>
#include "util/chars.h"

static const char *const KINDS[] = {
    "characters", "spell-out", "cardinal", "number", "ordinal", "digits", "date", "time", "telephone", NULL
};

int nr_sayas_known(const char *interpret_as)
{
    for (size_t i = 0; KINDS[i]; i++)
        if (strcmp(interpret_as, KINDS[i]) == 0) return 1;
    return 0;
}

/* Reads text with one verbalizer when it takes every token, else as any text is read. */
static void verbalize_with(const nr_lexicon *lex, nr_verbalizer v, const char *text, size_t len, nr_buf *out)
{
    nr_buf copy = { 0 };            /* the tokenizer wants a NUL-terminated text */
    nr_buf_put(&copy, text, len);
    nr_tokens t = { 0 };
    nr_tokenize(&t, nr_buf_str(&copy), copy.len);
    nr_segment(&t, lex);
    nr_ctx c = { &t, lex };
    size_t start = out->len, i = 0;
    while (v && i < t.n) {
        size_t used = v(&c, i, out);
        if (!used) break;
        i += used;
    }
    if (!v || i < t.n) {
        nr_buf_truncate(out, start);
        for (i = 0; i < t.n;) i += nr_verbalize(&c, i, out);
    }
    nr_tokens_free(&t);
    nr_buf_free(&copy);
}

/* The number a whole text is, or 0. */
static int whole_number(const char *text, size_t len, nr_num *x)
{
    return nr_parse_num(text, len, 1, x) && x->len == len;
}

/* 2024-03-05 from "05/03/2024" read by format "dmy": the order the date verbalizer knows. */
static int iso_date(const char *format, const char *text, size_t len, char iso[16])
{
    const char *field[3];
    size_t flen[3], n = 0;
    for (size_t i = 0; i < len && n < 3;) {
        size_t d = nr_digits_at(text + i, len - i);
        if (!d) return 0;
        field[n] = text + i;
        flen[n++] = d;
        i += d;
        if (i < len && !strchr("-/.", text[i])) return 0;
        if (i < len) i++;
    }
    if (n != 3 || strlen(format) != 3) return 0;
    const char *y = NULL, *m = NULL, *d = NULL;
    size_t yn = 0, mn = 0, dn = 0;
    for (int k = 0; k < 3; k++) {
        if (format[k] == 'y') { y = field[k]; yn = flen[k]; }
        else if (format[k] == 'm') { m = field[k]; mn = flen[k]; }
        else if (format[k] == 'd') { d = field[k]; dn = flen[k]; }
    }
    if (!y || !m || !d || yn != 4 || mn > 2 || dn > 2) return 0;
    /* no month 13 or day 45: such a text is read as written, not as the date made of it */
    long month = nr_digits_value(m, mn), day = nr_digits_value(d, dn);
    if (month < 1 || month > 12 || day < 1 || day > 31) return 0;
    snprintf(iso, 16, "%.4s-%02ld-%02ld", y, month, day);
    return 1;
}

/* Digit by digit in groups: "+1 (555) 010-2030" -> plus one, five five five, ... */
static void telephone(const char *text, size_t len, nr_buf *out)
{
    int group = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (nr_is_digit(c)) { nr_say_digits(out, &c, 1); group = 1; }
        else if (c == '+') nr_buf_word(out, "plus");
        else if (group && strchr(" -.()/", c)) {
            nr_buf_putc(out, ',');
            group = 0;
        }
    }
    while (out->len && out->s[out->len - 1] == ',') out->s[--out->len] = '\0';
}

void nr_sayas(const nr_lexicon *lex, const char *kind, const char *format, const char *text, size_t len, nr_buf *out)
{
    while (len && (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')) { text++; len--; }
    while (len && strchr(" \t\n\r", text[len - 1])) len--;
    nr_num x;
    char iso[16];
    if (!strcmp(kind, "characters") || !strcmp(kind, "spell-out")) nr_spell(out, text, len);
    else if (!strcmp(kind, "telephone")) telephone(text, len, out);
    else if (!strcmp(kind, "digits") && nr_digits_at(text, len) == len) nr_say_digits(out, text, len);
    else if ((!strcmp(kind, "cardinal") || !strcmp(kind, "number")) && whole_number(text, len, &x)) nr_say_num(out, &x);
    else if (!strcmp(kind, "ordinal") && nr_parse_num(text, len, 0, &x) && !x.fp &&
             (x.len == len || (len - x.len == 2 && nr_ordinal_suffix_agrees(text, x.len, text + x.len))))
        nr_say_num_int(out, &x, nr_say_ordinal);
    else if (!strcmp(kind, "date") && format && !strcmp(format, "y") && nr_digits_at(text, len) == len) nr_say_year(out, text, len);
    else if (!strcmp(kind, "date") && format && iso_date(format, text, len, iso)) verbalize_with(lex, nr_verbalize_date, iso, strlen(iso), out);
    else if (!strcmp(kind, "date")) verbalize_with(lex, nr_verbalize_date, text, len, out);
    else if (!strcmp(kind, "time")) verbalize_with(lex, nr_verbalize_time, text, len, out);
    else verbalize_with(lex, NULL, text, len, out);
}
