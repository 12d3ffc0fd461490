/* spell.c — text letter by letter (see spell.h). */
#include "front/spell.h"
#include "front/clean.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"
#include "util/chars.h"

void nr_spell(nr_buf *out, const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        char c = text[i];
        uint32_t cp;
        size_t n = nr_utf8_decode(text + i, len - i, &cp);
        if (nr_is_alpha(c)) nr_say_letter(out, c);
        else if (nr_is_digit(c)) nr_say_digits(out, &c, 1);
        else if (!nr_is_blank(c)) nr_buf_wordn(out, text + i, n);
        i += n;
    }
}
