/*
 * protocol.h — speech-dispatcher's output-module protocol, the wire side only.
 *
 * speech-dispatcher starts the module with its configuration file as argument and talks
 * to it over stdin/stdout in lines ending with LF: commands in, numbered replies and
 * asynchronous events out (doc/speech-dispatcher.texi, "Communication Protocol for Output
 * Modules"). This file knows the framing — command lines, dot-terminated data blocks,
 * multi-line replies, the HDLC-escaped 705 audio event — and nothing about speaking.
 *
 * Replies come from the reader thread, events from the speaking thread: every write takes
 * one lock, so a multi-line message is never cut by another.
 */
#ifndef SD_PROTOCOL_H
#define SD_PROTOCOL_H
#include <stddef.h>
#include <stdint.h>

/* Reads one line from standard input without its LF into *line (malloc'd, grown as
 * needed; NUL bytes become spaces). Returns its length, or -1 at end of input. */
long sd_read_line(char **line, size_t *cap);

/* A dot-terminated block ("SPEAK" text, "SET" settings): lines up to the lone ".", with a
 * leading ".." turned back into ".". The text is joined with LF, without the last one.
 * Returns the number of lines, -1 at end of input (text is then freed and NULL). */
long sd_read_block(char **text, size_t *len);

/* Writes a whole message (one or more lines, each ending in LF) atomically and flushes.
 * Returns 0, or -1 when the server is gone. */
int sd_send(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The 705 AUDIO event: mono 16-bit samples at `rate` Hz in host byte order, escaped so
 * that the data holds no LF. Returns 0 or -1. */
int sd_send_audio(const int16_t *pcm, size_t samples, int rate);

/* Walks the "name=value" lines of a settings block, calling fn for each; a line without
 * '=' or with nothing after it is a syntax error. Returns 0 ok, 1 when fn refused a value
 * (invalid parameter), 2 on a syntax error. */
int sd_each_setting(char *block, int (*fn)(const char *name, const char *value, void *user), void *user);

#endif
