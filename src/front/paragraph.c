/* paragraph.c — paragraph ends in a text stream (see paragraph.h). */
#include "front/paragraph.h"
#include <string.h>

/* Space, tab or carriage return: blanks that do not end a line (nr_is_blank with no '\n'). */
static int is_blank_in_line(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* 1 if text[0..end) ends, after trailing spaces, with a combining mark U+0300..U+036F
 * that follows whitespace (no letter to combine with). */
static int ends_dangling(const char *text, size_t end)
{
    while (end && (is_blank_in_line(text[end - 1]) || text[end - 1] == '\n')) end--;
    if (end < 2) return 0;
    unsigned char a = (unsigned char)text[end - 2], b = (unsigned char)text[end - 1];
    unsigned cp = ((a & 0x1Fu) << 6) | (b & 0x3Fu);
    if ((a & 0xE0) != 0xC0 || cp < 0x300 || cp > 0x36F) return 0;
    return end == 2 || is_blank_in_line(text[end - 3]) || text[end - 3] == '\n';
}

size_t nr_paragraph_end(const char *text, size_t len, size_t from, int lines, size_t *next)
{
    for (size_t i = from; i < len; i++) {
        const char *nl = memchr(text + i, '\n', len - i);
        if (!nl) break;
        i = (size_t)(nl - text);
        if (lines) { *next = i + 1; return i; }
        size_t j = i + 1;
        while (j < len && is_blank_in_line(text[j])) j++;
        if (j >= len) { *next = i; return (size_t)-1; }   /* can't tell yet */
        if (text[j] != '\n') continue;
        if (ends_dangling(text, i)) { i = j - 1; continue; }
        while (j < len && (is_blank_in_line(text[j]) || text[j] == '\n')) j++;
        *next = j;
        return i;
    }
    *next = len > from ? len : from;
    return (size_t)-1;
}
