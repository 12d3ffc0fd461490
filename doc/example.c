/*
 * example.c — libnarrator in a few lines: print what eSpeak NG will be told, and write
 * the speech to a sound file when a path is given.
 *   cc example.c $(pkg-config --cflags --libs narrator) -o example && ./example out.wav
 */
#include <narrator.h>
#include <stdio.h>
#include <string.h>

static int print_chunk(const narrator_chunk *c, void *user)
{
    (void)user;
    printf("%.*s\n", (int)c->say_len, c->say);
    return 0;   /* go on */
}

int main(int argc, char **argv)
{
    const char *text = "Mr. Smith paid $5.3 billion for 5G licences on Jan. 5, 2019.";
    narrator_options opt = NARRATOR_OPTIONS_INIT;   /* the "news" voice */
    narrator *n;
    narrator_status st = narrator_new(&opt, &n);
    if (!st) st = narrator_on_chunk(n, print_chunk, NULL);
    if (!st && argc > 1) st = narrator_open_file(n, argv[1], NULL);   /* .wav .mp3 .flac .ogg .opus */
    if (!st) st = narrator_feed(n, text, strlen(text));
    if (!st) st = narrator_finish(n);       /* the file appears only now, whole */
    if (st) fprintf(stderr, "example: %s\n", n ? narrator_errmsg(n) : narrator_strerror(st));
    narrator_free(n);
    return st ? 1 : 0;
}
