/*
 * text.c — the subcommands that print text instead of making sound: `narrator normalize`
 * (the words handed to eSpeak NG: chunks joined by spaces, a line per paragraph, or per
 * input line with --lines) and `narrator plan` (each chunk as a JSON line). What they print
 * is what the benchmarks and the scorers read, so its form does not change lightly.
 */
#include "cli/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

typedef struct {
    int need_space;
    int line_per_paragraph;
} say_printer;

static int print_chunk_say(const narrator_chunk *ch, void *user)
{
    say_printer *p = user;
    if (p->need_space) putchar(' ');
    fwrite(ch->say, 1, ch->say_len, stdout);
    p->need_space = 1;
    if (p->line_per_paragraph && ch->end == NARRATOR_END_PARAGRAPH) {
        putchar('\n');
        p->need_space = 0;
    }
    return 0;
}

static void json_string(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') { putchar('\\'); putchar(ch); }
        else if (ch == '\n') fputs("\\n", stdout);
        else if (ch == '\t') fputs("\\t", stdout);
        else if (ch < 0x20) printf("\\u%04x", ch);
        else putchar(ch);
    }
    putchar('"');
}

static int print_chunk_json(const narrator_chunk *ch, void *user)
{
    (void)user;
    static const char *ends[] = { "clause", "sentence", "paragraph" };
    fputs("{\"text\": ", stdout);
    json_string(ch->text, ch->text_len);
    fputs(", \"say\": ", stdout);
    json_string(ch->say, ch->say_len);
    printf(", \"pause_ms\": %d, \"end\": \"%s\"}\n", ch->pause_ms, ends[ch->end]);
    return 0;
}

narrator_status nr_cli_normalize_to_stdout(narrator *n)
{
    static say_printer printer = { 0, 1 };
    return narrator_on_chunk(n, print_chunk_say, &printer);
}

narrator_status nr_cli_plan_to_stdout(narrator *n) { return narrator_on_chunk(n, print_chunk_json, NULL); }

/* normalize --lines: exactly one output line per input line, whatever the bytes. */
narrator_status nr_cli_normalize_lines(narrator *n, FILE *in)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    say_printer printer = { 0, 0 };
    narrator_status st = NARRATOR_OK;
    narrator_on_chunk(n, print_chunk_say, &printer);
    while (!st && (len = getline(&line, &cap, in)) >= 0) {
        if (len && line[len - 1] == '\n') len--;
        printer.need_space = 0;
        st = narrator_feed(n, line, (size_t)len);
        if (!st) st = narrator_flush(n);
        if (!st) putchar('\n');
    }
    free(line);
    return st;
}
