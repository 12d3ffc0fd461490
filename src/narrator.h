/*
 * narrator.h — the public C API of libnarrator.
 *
 * narrator reads articles aloud: a front end turns raw text into prosodic chunks
 * (words eSpeak NG will say right, with planned pauses), eSpeak NG renders each chunk,
 * and the audio goes to a file, the speakers, or your callback.
 *
 * Manners borrowed from libsndfile: one opaque handle, plain structs, status codes you
 * can turn into a sentence (narrator_strerror), and a detailed message for the last
 * failure (narrator_errmsg) that names the input, e.g. "voices/x.yaml:3:7: ...".
 * The library never calls exit() and never prints.
 *
 * Typical use:
 *     narrator_options opt = NARRATOR_OPTIONS_INIT;  opt.voice = "news";
 *     narrator *n;  if (narrator_new(&opt, &n)) { ...narrator_errmsg(n)...; }
 *     narrator_open_file(n, "out.mp3", NULL);
 *     narrator_feed(n, text, len);            // as often as you like, any split
 *     narrator_finish(n);                     // flush the last paragraph, close the sink
 *     narrator_free(n);
 */
#ifndef NARRATOR_H
#define NARRATOR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define NARRATOR_API __attribute__((visibility("default")))
#else
#define NARRATOR_API
#endif

typedef struct narrator narrator;

typedef enum {
    NARRATOR_OK = 0,
    NARRATOR_ERR_NOMEM,     /* out of memory */
    NARRATOR_ERR_ARG,       /* bad argument or call order */
    NARRATOR_ERR_VOICE,     /* voice not found or invalid */
    NARRATOR_ERR_YAML,      /* malformed voice or lexicon file */
    NARRATOR_ERR_IO,        /* cannot read or write a file */
    NARRATOR_ERR_FORMAT,    /* output format unknown or unsupported */
    NARRATOR_ERR_SYNTH,     /* eSpeak NG failed */
    NARRATOR_ERR_AUDIO,     /* audio device failed */
    NARRATOR_ERR_STOPPED,   /* narrator_stop() was called */
    NARRATOR_ERR_CALLBACK,  /* a callback asked to stop */
    NARRATOR_ERR_SSML,      /* malformed SSML: narrator_errmsg() says "LINE:COLUMN: why" */
    NARRATOR_ERR_INPUT      /* the input is not text (binary data): see narrator_feed */
} narrator_status;

/* Where a chunk ends: the pause after it grows with the level. */
typedef enum {
    NARRATOR_END_CLAUSE = 0,
    NARRATOR_END_SENTENCE,
    NARRATOR_END_PARAGRAPH
} narrator_end;

/* One prosodic chunk as planned by the front end. Strings are not NUL-terminated
 * and only valid during the callback. */
typedef struct {
    const char *text;   /* the source span (after clean-up) */
    size_t text_len;
    const char *say;    /* exactly what is handed to eSpeak NG */
    size_t say_len;
    int pause_ms;       /* silence after the chunk */
    narrator_end end;
} narrator_chunk;

/* Return 0 to go on, anything else to stop (the feeding call returns NARRATOR_ERR_CALLBACK). */
typedef int (*narrator_chunk_fn)(const narrator_chunk *chunk, void *user);
/* Mono 16-bit PCM at `rate` Hz. The chunk the audio belongs to is passed along (NULL for
 * none); the first audio of each chunk comes with `chunk_start` set. */
typedef int (*narrator_audio_fn)(const int16_t *pcm, size_t samples, int rate,
                                 const narrator_chunk *chunk, int chunk_start, void *user);

typedef struct {
    const char *voice;          /* voice name (voices/NAME.yaml) or path to a .yaml; NULL: "news" */
    const char *data_dir;       /* where voices/ lives; NULL: search the defaults */
    int rate_wpm;               /* 0: the voice's rate */
    int pitch;                  /* 0..99; -1: the voice's pitch */
    const char *const *lexicons;/* extra lexicon files, later ones override earlier */
    size_t n_lexicons;
    int remove_junk;            /* 1: drop scraper junk (article mode); 0: read everything */
    int lines;                  /* 1: every newline ends a paragraph (one input line = one unit) */
    const char *espeak_voice;   /* NULL: the voice's; else an eSpeak NG voice name ("en-gb") */
    int jobs;                   /* cores to use; 0: one per core (at most 8); 1: all in the calling
                                 * thread. With more than 1 the front end runs in that many threads
                                 * and, when sound is asked for (a file, the speakers or an audio
                                 * callback), eSpeak NG speaks in twice that many worker processes: forks
                                 * of the calling process made when a second chunk is to be spoken
                                 * (for MP3, the first), ended by narrator_free (they inherit its
                                 * open descriptors while they live). The same input and calls
                                 * with the same jobs give the same sound, sample for sample;
                                 * another jobs value gives slightly different samples */
    int ssml;                   /* NARRATOR_SSML_AUTO, _ON or _OFF (see below) */
    int any_bytes;              /* 1: every input is UTF-8 text whatever its bytes (no binary
                                 * refusal, no UTF-16), for hosts whose text is UTF-8 by contract,
                                 * such as a screen reader's; 0: judged (see below) */
    const char *encoding;       /* NULL: detected (see below); else every input is read in this
                                 * encoding, any name iconv knows ("latin1", "WINDOWS-1252",
                                 * "UTF-16"), with no judging of its bytes; an unknown name makes
                                 * narrator_new return NARRATOR_ERR_ARG */
    int from;                   /* NARRATOR_FROM_AUTO, _TEXT, _HTML or _SSML (see below) */
} narrator_options;

/* SSML input: AUTO reads a text as SSML when its first non-blank characters are "<speak"
 * or "<?xml" (checked at the start and after each narrator_reset and narrator_flush);
 * ON always; OFF never.
 * One document at a time: it ends at narrator_flush() (or finish), which requires it to be
 * complete. Supported: speak, p, s, break, emphasis, prosody, mark, say-as, sub, phoneme
 * (eSpeak NG mnemonics); other elements are read for their text. Malformed SSML (not
 * well-formed, a missing or wrong attribute) makes the call return NARRATOR_ERR_SSML with
 * narrator_errmsg() "LINE:COLUMN: why"; every later call fails the same way until
 * narrator_reset(). Chunk callbacks get the say text without markup ([[...]] for a phoneme),
 * with a break after the last word added to pause_ms. */
enum { NARRATOR_SSML_AUTO = 0, NARRATOR_SSML_ON = 1, NARRATOR_SSML_OFF = 2 };

/* What the input's bytes are is decided once per input (at the start and after each
 * narrator_reset), from its first 512 bytes (a start without control bytes is text at
 * once; the end at narrator_flush decides with what came): UTF-16 (by its byte-order mark, or NUL in every other byte) is read
 * as UTF-16; binary data (a program, an image, an archive, PDF: many control bytes, or such
 * a file's signature) is refused with NARRATOR_ERR_INPUT and narrator_errmsg() "not text
 * (binary data)", and every later call fails the same way until narrator_reset(). Anything
 * else is text: UTF-8 as it comes; a byte that is not UTF-8 within the first 64 KB, before
 * any UTF-8 character beyond ASCII, makes it legacy 8-bit text, whose encoding libuchardet
 * names from the first 64 KB (held until then, or until narrator_flush) and iconv converts
 * (Windows-1252 when uchardet says Latin-1 or cannot tell); a later such byte is read as
 * Windows-1252 (see README). With `lines` or `any_bytes` set the bytes are taken as they
 * are (UTF-8 text, whatever the bytes), and with `encoding` as that encoding. */

/* The input format: AUTO tells SSML (as above), HTML (a doctype, <html>, <head> or <body>
 * first, or a start that is mostly tags) and plain text apart, once per document; TEXT reads
 * any input as plain text (binary data too, see above); HTML and SSML force those. `ssml`
 * ON is the same as SSML; ON or OFF with HTML is NARRATOR_ERR_ARG.
 * HTML is not streamed: the page is held until narrator_flush() (or finish), then its
 * article is found (the page's navigation, ads, comments, share bars and the like are left
 * out), and the title and the article's blocks are read as paragraphs. */
enum { NARRATOR_FROM_AUTO = 0, NARRATOR_FROM_TEXT, NARRATOR_FROM_HTML, NARRATOR_FROM_SSML };

#define NARRATOR_OPTIONS_INIT { NULL, NULL, 0, -1, NULL, 0, 1, 0, NULL, 0, NARRATOR_SSML_AUTO, 0, NULL, NARRATOR_FROM_AUTO }

/* The document model of an input (today: of HTML pages): metadata, then the blocks to read. */
typedef enum {
    NARRATOR_BLOCK_HEADING = 0, /* level 1-6 */
    NARRATOR_BLOCK_PARAGRAPH,
    NARRATOR_BLOCK_LIST_ITEM,   /* level: how deep the list is nested, from 1 */
    NARRATOR_BLOCK_QUOTE,       /* a paragraph of a block quote */
    NARRATOR_BLOCK_CHAPTER      /* a chapter boundary (text: its title, may be empty) */
} narrator_block_kind;

typedef struct {
    narrator_block_kind kind;
    int level;
    const char *text;           /* UTF-8, NUL-terminated, one line, never empty */
    size_t text_len;
    size_t src_start, src_end;  /* the bytes of the input it came from (approximate for HTML:
                                 * from its start tag to its end tag) */
} narrator_block;

typedef struct {
    const char *title, *byline, *date, *site_name, *language;   /* NULL when not known */
    const narrator_block *blocks;
    size_t n_blocks;
} narrator_document;

/* Called once per document when its model is ready (an HTML page: at the flush that ends
 * it), before its text is read; valid only during the call. Return 0 to go on, anything
 * else to stop (NARRATOR_ERR_CALLBACK). */
typedef int (*narrator_document_fn)(const narrator_document *doc, void *user);
NARRATOR_API narrator_status narrator_on_document(narrator *n, narrator_document_fn fn, void *user);

/* File tags, where the format has them. NULL fields are left out. */
typedef struct {
    const char *title;
    const char *artist;
} narrator_tags;

NARRATOR_API const char *narrator_version(void);
NARRATOR_API const char *narrator_strerror(narrator_status status);

/* Makes a handle. On failure *out may still hold a handle whose narrator_errmsg() says
 * why (free it with narrator_free), or NULL when memory ran out. */
NARRATOR_API narrator_status narrator_new(const narrator_options *opt, narrator **out);
NARRATOR_API void narrator_free(narrator *n);
/* The last failure in words, naming the input; "" when there was none. */
NARRATOR_API const char *narrator_errmsg(const narrator *n);

/* An SSML <mark name="..."/> reached: called once all audio before it has gone to the
 * sinks and the audio callback (with no sound output: once the chunk holding it is planned;
 * in spelling or punctuation mode: after its chunk's speech). Marks come in document order.
 * Return 0 to go on, anything else to stop (NARRATOR_ERR_CALLBACK). */
typedef int (*narrator_mark_fn)(const char *name, void *user);

/* Where the output goes; any combination. With none set, only the front end runs
 * (chunks reach the chunk callback, nothing is synthesized). */
NARRATOR_API narrator_status narrator_on_chunk(narrator *n, narrator_chunk_fn fn, void *user);
NARRATOR_API narrator_status narrator_on_audio(narrator *n, narrator_audio_fn fn, void *user);
NARRATOR_API narrator_status narrator_on_mark(narrator *n, narrator_mark_fn fn, void *user);
/* Audio file, format from the extension (.wav .mp3 .flac .ogg .opus); the path "-"
 * writes WAV to standard output. The file appears only when narrator_finish()
 * succeeds; on failure, stop or narrator_free() before finishing, nothing is left behind
 * (nor when the process dies: it has no name until then, where the filesystem has
 * O_TMPFILE). It replaces path keeping the old file's permission bits; a symbolic link is
 * written through (the link stays). WAV past 4 GiB is RF64. */
NARRATOR_API narrator_status narrator_open_file(narrator *n, const char *path, const narrator_tags *tags);
/* Speakers through libao; driver NULL for the default ("null" discards). */
NARRATOR_API narrator_status narrator_open_speaker(narrator *n, const char *driver);

/* Feed text in any pieces (a paragraph is processed once its end is seen). */
NARRATOR_API narrator_status narrator_feed(narrator *n, const char *text, size_t len);
/* End the current paragraph now, as if a blank line followed. */
NARRATOR_API narrator_status narrator_flush(narrator *n);
/* Flush, then finish and close the sinks (the output file is committed here). */
NARRATOR_API narrator_status narrator_finish(narrator *n);
/* Ask a running narrator to stop as soon as possible. Safe from a signal handler or
 * another thread; the next or current call returns NARRATOR_ERR_STOPPED. */
NARRATOR_API void narrator_stop(narrator *n);

/* Forget all text not yet spoken (also an SSML document half read, or one that failed)
 * and clear a stop, so the same handle can speak again (what a screen reader does after
 * "stop"). Open sinks stay open. Not while another thread is inside a call on the handle:
 * narrator_stop() it first. */
NARRATOR_API narrator_status narrator_reset(narrator *n);

/* Change the voice while running; they apply from the next chunk on (also when called from
 * a callback). Out of range: NARRATOR_ERR_ARG, with narrator_errmsg() naming the value.
 * rate: words per minute (80-450); pitch: 0-99; volume: 0-200 (100 as recorded);
 * espeak_voice: an eSpeak NG voice or language name ("en-gb"); an unknown one is
 * NARRATOR_ERR_VOICE (at once once sound was set up, else when it is). */
NARRATOR_API narrator_status narrator_set_rate(narrator *n, int wpm);
NARRATOR_API narrator_status narrator_set_pitch(narrator *n, int pitch);
NARRATOR_API narrator_status narrator_set_volume(narrator *n, int volume);
NARRATOR_API narrator_status narrator_set_espeak_voice(narrator *n, const char *name);
/* How punctuation is read: NONE (front-end pauses only), SOME (eSpeak NG names
 * the characters in `some`, UTF-8), ALL (every punctuation character is named). With SOME
 * or ALL eSpeak NG gets each chunk's text as written (say == text), so that it sees the
 * punctuation; the front end's readings are not used then. */
typedef enum { NARRATOR_PUNCT_NONE = 0, NARRATOR_PUNCT_SOME, NARRATOR_PUNCT_ALL } narrator_punctuation;
NARRATOR_API narrator_status narrator_set_punctuation(narrator *n, narrator_punctuation mode, const char *some);
/* Capital letters: 0 not marked; 1 a higher pitch on capitals; 2 the word "capital" before them. */
NARRATOR_API narrator_status narrator_set_capitals(narrator *n, int mode);
/* 1: spell every word letter by letter (screen-reader spelling mode): the chunk's text,
 * letters by name, digits as digit words, other characters as they are; 0: read normally. */
NARRATOR_API narrator_status narrator_set_spelling(narrator *n, int on);

/* Figures of a run so far (what `narrator --stats` prints). */
typedef struct {
    unsigned long chunks;       /* chunks planned */
    double audio_seconds;       /* sound handed on, pauses included */
    int workers;                /* processes speaking: 1 this one, more with jobs > 1; 0 none yet */
    double first_audio_at;      /* when the first sound went out (CLOCK_MONOTONIC seconds), 0: not yet */
    double peak_dbfs;           /* the loudest sample of all the sound, in dB of full scale (32768);
                                 * -HUGE_VAL when there was none, or only silence */
    double rms_dbfs;            /* the root mean square of all the samples, pauses included, in dB
                                 * of full scale; -HUGE_VAL as above */
} narrator_stats;
NARRATOR_API void narrator_get_stats(const narrator *n, narrator_stats *out);

/* Seconds of audio produced so far (pauses included). */
NARRATOR_API double narrator_seconds(const narrator *n);
/* The voice as loaded, for --list-voices style listings. */
NARRATOR_API const char *narrator_voice_name(const narrator *n);
/* Calls fn(name, description, user) for each voice found in the data directories. */
NARRATOR_API narrator_status narrator_list_voices(const char *data_dir,
        void (*fn)(const char *name, const char *description, void *user), void *user);

#ifdef __cplusplus
}
#endif
#endif
