/*
 * chars.h — ASCII character classes, the one set every layer uses. They never look at the
 * locale (isdigit() and friends do, and take an int that must not be a negative char);
 * a byte of a multi-byte UTF-8 character is in none of these classes but the *_utf8 ones.
 * A class some files read differently stays a local helper named for the difference
 * (paragraph.c's is_blank_in_line, unglue.c's is_blank_not_cr); one that several files
 * share belongs here.
 */
#ifndef NR_CHARS_H
#define NR_CHARS_H

static inline int nr_is_digit(char c) { return c >= '0' && c <= '9'; }
static inline int nr_is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static inline int nr_is_lower(char c) { return c >= 'a' && c <= 'z'; }
static inline int nr_is_alpha(char c) { return nr_is_upper(c) || nr_is_lower(c); }
static inline int nr_is_alnum(char c) { return nr_is_alpha(c) || nr_is_digit(c); }
/* space, tab, newline, carriage return */
static inline int nr_is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static inline char nr_to_lower(char c) { return nr_is_upper(c) ? (char)(c - 'A' + 'a') : c; }
static inline char nr_to_upper(char c) { return nr_is_lower(c) ? (char)(c - 'a' + 'A') : c; }

/* Bytes as bytes: ASCII, or any byte of a multi-byte UTF-8 character (lead or continuation). */
static inline int nr_is_ascii(char c) { return (unsigned char)c < 0x80; }
static inline int nr_is_utf8_byte(char c) { return !nr_is_ascii(c); }
/* The inside of a word in any script: an ASCII letter (or digit) or a byte of a non-ASCII
 * character ("münchen", "Zürich"), whose letters are not looked at one by one. */
static inline int nr_is_alpha_or_utf8(char c) { return nr_is_alpha(c) || nr_is_utf8_byte(c); }
static inline int nr_is_alnum_or_utf8(char c) { return nr_is_alnum(c) || nr_is_utf8_byte(c); }

#endif
