/* spell.c — text letter by letter (see spell.h). */
#include "front/spell.h"
#include "front/clean.h"
#include "front/numbers.h"
#include "front/verbalize_util.h"

void nr_spell(nr_buf *out, const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        char c = text[i];
        uint32_t cp;
        size_t n = nr_utf8_decode(text + i, len - i, &cp);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) nr_say_letter(out, c);
        else if (c >= '0' && c <= '9') nr_say_digits(out, &c, 1);
        else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') nr_buf_wordn(out, text + i, n);
        i += n;
    }
}
