/*
 * engine.c — libnarrator's handle: front end -> eSpeak NG -> the output chain.
 *
 * Text arrives in any pieces (narrator_feed); complete paragraphs go through the front
 * end (in threads when jobs > 1), each chunk is synthesized as soon as it is planned and
 * its audio handed to the output chain in order (output/chain.h: the file, the speakers,
 * the callback, and what lies between), so memory holds a few paragraphs of text and a
 * few chunks of audio. With jobs > 1 the chunks are spoken by eSpeak NG in worker
 * processes (synth/pool.h), several at once, and those also encode the sound when the
 * chain takes it encoded; with 1, right here.
 */
#include "narrator.h"
#include "front/front.h"
#include "front/paragraph.h"
#include "front/sayas.h"
#include "front/spell.h"
#include "frontpool.h"
#include "input/decode.h"
#include "input/format.h"
#include "input/html.h"
#include "input/sniff.h"
#include "input/markup.h"
#include "input/ssml.h"
#include "input/texthead.h"
#include "output/chain.h"
#include "synth/synth.h"
#include "synth/pool.h"
#include "voice.h"
#include "config.h"
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

struct narrator {
    nr_voice voice;
    nr_lexicon *lex;
    nr_front *front;
    nr_pool *pool;                  /* front-end workers, when jobs > 1 */
    int jobs;
    int lines;
    /* voice settings as asked for; each chunk is spoken with them as they are then */
    int rate_wpm, pitch, volume, capitals, spelling;
    narrator_punctuation punctuation;
    char *punct_some;
    nr_synth_settings have;         /* what this process's eSpeak NG was last told */
    int in_synth;                   /* inside nr_synth_say */
    nr_buf chunk_say;               /* a chunk's say rewritten (spelling, punctuation) */
    nr_synth *synth;
    nr_synthpool *voices;           /* eSpeak NG in worker processes (jobs > 1) */
    nr_chain *out;                  /* where the sound goes; made with the first output */
    int warm;                       /* the workers have had a chunk since the start, a flush or a reset */
    narrator_chunk_fn chunk_fn;
    void *chunk_user;
    narrator_mark_fn mark_fn;
    void *mark_user;
    /* what the input's bytes are (input/sniff.h), decided at the start and after a reset */
    int any_bytes;                  /* options.any_bytes or lines: no judging, UTF-8 text */
    nr_bytes_kind bytes;            /* NR_BYTES_UNDECIDED until enough bytes came */
    nr_buf sniffed;                 /* the first bytes, held until then */
    nr_decoder *decoder;            /* to UTF-8 (input/decode.h): UTF-16, legacy or named text */
    nr_buf decoded;
    char *encoding;                 /* options.encoding: every input is read as it; NULL: judged */
    nr_charset_hook charset;        /* for a reader that finds a declared charset (HTML) */
    /* SSML (ssml.h, markup.h): what the input is, decided at the start and after a reset */
    int ssml_option;                /* NARRATOR_SSML_AUTO, _ON, _OFF */
    int from;                       /* NARRATOR_FROM_AUTO, _TEXT, _HTML, _SSML */
    enum { INPUT_UNDECIDED, INPUT_PLAIN, INPUT_SSML, INPUT_HTML } input;
    nr_buf html;                    /* an HTML page, held until its end (html.h) */
    narrator_document_fn document_fn;
    void *document_user;
    nr_buf head;                    /* the input's first bytes, held until AUTO has decided */
    nr_texthead texthead;           /* article mode, plain text: the headline once (texthead.h) */
    int article_head;               /* texthead is used: article mode, not line by line */
    nr_ssml *ssml;                  /* the document being parsed */
    nr_buf ssml_text;               /* the parser's text for the front end */
    nr_markup markup;               /* the document's inline elements */
    nr_markup_chunk rewritten;      /* the chunk being spoken, rewritten for eSpeak NG */
    size_t next_mark;               /* the first of its marks not reported yet */
    nr_buf pending;                 /* text not yet part of a finished paragraph */
    size_t scanned;                 /* how far `pending` was searched for a paragraph end */
    narrator_status failure;        /* set inside callbacks */
    volatile sig_atomic_t stop;
    unsigned long chunks;           /* chunks planned so far */
    double first_audio_at;          /* CLOCK_MONOTONIC seconds; 0: no sound yet */
    char err[1024];
};

static void forget_spoken(void *tag, void *user);
static int initial_input(const narrator *n);

const char *narrator_version(void) { return NARRATOR_VERSION; }

const char *narrator_strerror(narrator_status status)
{
    switch (status) {
    case NARRATOR_OK: return "no error";
    case NARRATOR_ERR_NOMEM: return "out of memory";
    case NARRATOR_ERR_ARG: return "invalid argument";
    case NARRATOR_ERR_VOICE: return "voice not found or invalid";
    case NARRATOR_ERR_YAML: return "malformed voice or lexicon file";
    case NARRATOR_ERR_IO: return "cannot read or write a file";
    case NARRATOR_ERR_FORMAT: return "unsupported output format";
    case NARRATOR_ERR_SYNTH: return "speech synthesis failed";
    case NARRATOR_ERR_AUDIO: return "audio output failed";
    case NARRATOR_ERR_STOPPED: return "stopped";
    case NARRATOR_ERR_CALLBACK: return "stopped by a callback";
    case NARRATOR_ERR_SSML: return "malformed SSML";
    case NARRATOR_ERR_INPUT: return "not text (binary data)";
    }
    return "unknown error";
}

const char *narrator_errmsg(const narrator *n) { return n ? n->err : "out of memory"; }

static narrator_status set_error(narrator *n, narrator_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(n->err, sizeof n->err, fmt, ap);
    va_end(ap);
    return st;
}

/* A YAML problem reads "file:line:col: why"; anything else is a missing file. */
static narrator_status load_lexicons(narrator *n, const narrator_options *opt)
{
    if (!(n->lex = nr_lex_new())) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n->voice.n_lexicons + opt->n_lexicons; i++) {
        const char *path = i < n->voice.n_lexicons ? n->voice.lexicons[i] : opt->lexicons[i - n->voice.n_lexicons];
        int rc = nr_lex_load(n->lex, path, n->err, sizeof n->err);
        if (rc) return nr_yaml_status(rc);
    }
    return NARRATOR_OK;
}

/* One front-end worker per core, at most 8. */
static int default_jobs(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores < 1 ? 1 : cores > 8 ? 8 : (int)cores;
}

/* How the input's bytes are taken at the start and after a reset: in the named encoding,
 * as they are (any_bytes), or judged (input/sniff.h) once enough came. */
static narrator_status start_bytes(narrator *n)
{
    nr_decoder_free(n->decoder);
    n->decoder = NULL;
    n->bytes = n->any_bytes || n->encoding ? NR_BYTES_TEXT : NR_BYTES_UNDECIDED;
    if (!n->encoding) return NARRATOR_OK;
    int rc = nr_decoder_open(n->encoding, &n->decoder, n->err, sizeof n->err);
    return rc == -1 ? NARRATOR_ERR_ARG : rc ? set_error(n, NARRATOR_ERR_NOMEM, "out of memory") : NARRATOR_OK;
}

/* A charset the document declares (an HTML page's <meta charset>), for the input's decoder. */
static nr_declare_result declare_charset(void *ctx, const char *charset)
{
    narrator *n = ctx;
    return n->decoder ? nr_decoder_declare(n->decoder, charset, NULL, 0) : NR_DECLARE_IGNORED;
}

#define NOT_A_VOICE_NAME "'%s' is not an eSpeak NG voice name (such as en-us, en-gb or English_(America))"

narrator_status narrator_new(const narrator_options *opt, narrator **out)
{
    narrator_options defaults = NARRATOR_OPTIONS_INIT;
    if (!opt) opt = &defaults;
    *out = calloc(1, sizeof **out);
    narrator *n = *out;
    if (!n) return NARRATOR_ERR_NOMEM;
    if (opt->n_lexicons && !opt->lexicons) return set_error(n, NARRATOR_ERR_ARG, "lexicon list missing");
    narrator_status voice = nr_voice_load(&n->voice, opt->voice ? opt->voice : "news", opt->data_dir, n->err, sizeof n->err);
    if (voice) return voice;
    narrator_status st = load_lexicons(n, opt);
    if (st) return st;
    if (opt->rate_wpm && (opt->rate_wpm < 80 || opt->rate_wpm > 450))
        return set_error(n, NARRATOR_ERR_ARG, "rate %d is out of range (80 to 450 words a minute)", opt->rate_wpm);
    if (opt->pitch > 99) return set_error(n, NARRATOR_ERR_ARG, "pitch %d is out of range (0 to 99)", opt->pitch);
    if (opt->espeak_voice) {
        free(n->voice.espeak_voice);
        if (!(n->voice.espeak_voice = strdup(opt->espeak_voice))) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    }
    if (strlen(n->voice.espeak_voice) >= sizeof n->have.voice)
        return set_error(n, NARRATOR_ERR_VOICE, "eSpeak NG voice name too long: '%s'", n->voice.espeak_voice);
    /* (a voice file's espeak_voice was checked as it was read) */
    if (opt->espeak_voice && !nr_synth_voice_name_ok(opt->espeak_voice))
        return set_error(n, NARRATOR_ERR_VOICE, NOT_A_VOICE_NAME, opt->espeak_voice);
    n->rate_wpm = opt->rate_wpm ? opt->rate_wpm : n->voice.rate_wpm;
    n->pitch = opt->pitch >= 0 ? opt->pitch : n->voice.pitch;
    n->volume = 100;
    n->lines = opt->lines;
    n->article_head = opt->remove_junk && !opt->lines;
    n->any_bytes = opt->lines || opt->any_bytes;
    if (opt->encoding && !(n->encoding = strdup(opt->encoding))) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    narrator_status bytes = start_bytes(n);
    if (bytes) return bytes;
    n->charset = (nr_charset_hook){ declare_charset, n };
    if (opt->ssml < NARRATOR_SSML_AUTO || opt->ssml > NARRATOR_SSML_OFF)
        return set_error(n, NARRATOR_ERR_ARG, "ssml option %d is not AUTO, ON or OFF", opt->ssml);
    n->ssml_option = opt->ssml;
    if (opt->from < NARRATOR_FROM_AUTO || opt->from > NARRATOR_FROM_SSML)
        return set_error(n, NARRATOR_ERR_ARG, "input format %d is not AUTO, TEXT, HTML or SSML", opt->from);
    if (opt->from == NARRATOR_FROM_HTML && opt->ssml != NARRATOR_SSML_AUTO)
        return set_error(n, NARRATOR_ERR_ARG, "HTML input and an SSML option (ON or OFF) together");
    n->from = opt->from;
    n->input = initial_input(n);
    nr_front_config cfg = {
        .lex = n->lex,
        .pause_ms = { n->voice.pause_ms[0], n->voice.pause_ms[1], n->voice.pause_ms[2] },
        .remove_junk = opt->remove_junk,
        .boilerplate = nr_lex_boilerplate(n->lex),
    };
    if (!(n->front = nr_front_new(&cfg))) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    n->jobs = opt->jobs > 0 ? opt->jobs : default_jobs();
    if (n->jobs > 1 && !(n->pool = nr_pool_new(&cfg, n->jobs)))
        return set_error(n, NARRATOR_ERR_NOMEM, "cannot start %d front-end threads", n->jobs);
    return NARRATOR_OK;
}

void narrator_free(narrator *n)
{
    if (!n) return;
    nr_chain_free(n->out);      /* not finished: leave nothing behind */
    nr_pool_free(n->pool);
    if (n->voices) nr_synthpool_discard(n->voices, forget_spoken, NULL);
    nr_synthpool_free(n->voices);
    nr_synth_free(n->synth);
    nr_front_free(n->front);
    nr_lex_free(n->lex);
    nr_voice_free(&n->voice);
    nr_buf_free(&n->pending);
    nr_texthead_free(&n->texthead);
    nr_buf_free(&n->chunk_say);
    free(n->punct_some);
    nr_buf_free(&n->head);
    nr_buf_free(&n->sniffed);
    nr_decoder_free(n->decoder);
    nr_buf_free(&n->decoded);
    free(n->encoding);
    nr_buf_free(&n->ssml_text);
    nr_buf_free(&n->html);
    nr_ssml_free(n->ssml);
    nr_markup_free(&n->markup);
    nr_markup_chunk_free(&n->rewritten);
    free(n);
}

const char *narrator_voice_name(const narrator *n) { return n->voice.name; }

double narrator_seconds(const narrator *n)
{
    nr_chain_figures f;
    nr_chain_report(n->out, &f);
    return f.seconds;
}

void narrator_get_stats(const narrator *n, narrator_stats *out)
{
    nr_chain_figures f;
    nr_chain_report(n->out, &f);
    out->chunks = n->chunks;
    out->audio_seconds = f.seconds;
    out->workers = n->voices ? nr_synthpool_workers(n->voices) : n->synth ? 1 : 0;
    out->first_audio_at = n->first_audio_at;
    out->peak_dbfs = f.peak_dbfs;
    out->rms_dbfs = f.rms_dbfs;
}

narrator_status narrator_on_chunk(narrator *n, narrator_chunk_fn fn, void *user)
{
    n->chunk_fn = fn;
    n->chunk_user = user;
    return NARRATOR_OK;
}

/* eSpeak NG here (the workers come later, see speak_in_worker). */
static narrator_status ensure_synth(narrator *n)
{
    if (n->synth) return NARRATOR_OK;
    if (nr_synth_new(&n->synth, n->voice.espeak_voice, n->rate_wpm, n->pitch, &n->stop, n->err, sizeof n->err))
        return NARRATOR_ERR_SYNTH;
    nr_synth_initial(&n->have, n->voice.espeak_voice, n->rate_wpm, n->pitch);
    return NARRATOR_OK;
}

narrator_status narrator_on_mark(narrator *n, narrator_mark_fn fn, void *user)
{
    n->mark_fn = fn;
    n->mark_user = user;
    return NARRATOR_OK;
}

/* eSpeak NG here and the chain its sound goes to, at its rate. */
static narrator_status ensure_output(narrator *n)
{
    narrator_status st = ensure_synth(n);
    if (st || n->out) return st;
    return nr_chain_new(&n->out, nr_synth_sample_rate(n->synth), n->err, sizeof n->err);
}

narrator_status narrator_on_audio(narrator *n, narrator_audio_fn fn, void *user)
{
    if (!fn) return n->out ? nr_chain_set_callback(n->out, NULL, NULL, n->err, sizeof n->err) : NARRATOR_OK;
    narrator_status st = ensure_output(n);
    return st ? st : nr_chain_set_callback(n->out, fn, user, n->err, sizeof n->err);
}

narrator_status narrator_open_file(narrator *n, const char *path, const narrator_tags *tags)
{
    if (!path || nr_chain_has_file(n->out)) return set_error(n, NARRATOR_ERR_ARG, "one output file per narrator");
    if (!nr_chain_format_known(path))
        return set_error(n, NARRATOR_ERR_FORMAT, "unknown output format for '%s' (use %s)", path, nr_chain_format_list());
    narrator_status st = ensure_output(n);
    if (st) return st;
    return nr_chain_open_file(n->out, path, tags ? tags->title : NULL, tags ? tags->artist : NULL, n->err, sizeof n->err);
}

narrator_status narrator_open_speaker(narrator *n, const char *driver)
{
    if (nr_chain_has_speaker(n->out)) return set_error(n, NARRATOR_ERR_ARG, "the speakers are already open");
    narrator_status st = ensure_output(n);
    return st ? st : nr_chain_open_speaker(n->out, driver, n->err, sizeof n->err);
}

static double monotonic_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* What the chain said, as the synthesis callbacks' result (nonzero: stop). */
static int chain_result(narrator *n, narrator_status st)
{
    if (st) n->failure = st;
    return st != NARRATOR_OK;
}

/* PCM from eSpeak NG (here or in a worker) for the current chunk: into the chain. */
static int on_pcm(const int16_t *pcm, size_t len, void *user)
{
    narrator *n = user;
    if (!n->first_audio_at) n->first_audio_at = monotonic_now();
    return chain_result(n, nr_chain_pcm(n->out, pcm, len, n->err, sizeof n->err));
}

/* A chunk ends in the chain: spoken whole, or cut short (which only drops what it left,
 * and leaves the failure that cut it as it is). */
static int end_chunk(narrator *n, int spoken)
{
    char ignored[16];
    if (!spoken) return nr_chain_chunk_end(n->out, 0, ignored, sizeof ignored) != NARRATOR_OK;
    return chain_result(n, nr_chain_chunk_end(n->out, 1, n->err, sizeof n->err));
}

/* The settings the next chunk is spoken with. */
static void wanted(const narrator *n, nr_synth_settings *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->voice, sizeof s->voice, "%s", n->voice.espeak_voice);
    s->rate_wpm = n->rate_wpm;
    s->pitch = n->pitch;
    s->volume = n->volume;
    s->capitals = n->capitals;
    s->punctuation = (int)n->punctuation;
    if (n->punct_some) snprintf(s->punct_some, sizeof s->punct_some, "%s", n->punct_some);
}

/* Spelling reads the chunk's text letter by letter; punctuation read aloud needs the text
 * as written, since the say text keeps no punctuation for eSpeak NG to name. */
static int rewrite_say(narrator *n, narrator_chunk *c)
{
    if (!n->spelling && n->punctuation == NARRATOR_PUNCT_NONE) return 0;
    nr_buf_clear(&n->chunk_say);
    if (n->spelling) nr_spell(&n->chunk_say, c->text, c->text_len);
    else {
        nr_buf_put(&n->chunk_say, c->text, c->text_len);
        nr_buf_putc(&n->chunk_say, ' ');      /* eSpeak NG names a last mark only before a space */
    }
    if (n->chunk_say.oom) return -1;
    c->say = nr_buf_str(&n->chunk_say);
    c->say_len = n->chunk_say.len;
    return 0;
}

/* Reports a chunk's marks (markup items) from *next up to item `upto` (all of them:
 * SIZE_MAX); 1 if told to stop. */
static int report_marks_of(narrator *n, const size_t *marks, size_t count, size_t *next, size_t upto)
{
    while (*next < count) {
        size_t k = marks[(*next)++];
        const char *name = nr_markup_mark_name(&n->markup, k);
        if (n->mark_fn && n->mark_fn(name, n->mark_user)) {
            n->failure = NARRATOR_ERR_CALLBACK;
            return 1;
        }
        if (n->out && chain_result(n, nr_chain_mark(n->out, name, n->err, sizeof n->err))) return 1;
        if (k == upto) break;
    }
    return 0;
}

/* The same for the chunk being spoken here. */
static int report_marks(narrator *n, size_t upto)
{
    return report_marks_of(n, n->rewritten.marks, n->rewritten.n_marks, &n->next_mark, upto);
}

/* eSpeak NG reached <mark name="K"/> (K: the item), all sound before it handed on. */
static int on_espeak_mark(const char *name, void *user)
{
    return report_marks(user, (size_t)strtoull(name, NULL, 10));
}

/* The status after chunks were handed to on_chunk (rc: the front end's or pool's result). */
static narrator_status settle(narrator *n, int rc)
{
    if (rc < 0 && !n->failure) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    if (n->failure == NARRATOR_ERR_STOPPED) set_error(n, NARRATOR_ERR_STOPPED, "stopped");
    if (n->failure == NARRATOR_ERR_CALLBACK && !n->err[0]) set_error(n, NARRATOR_ERR_CALLBACK, "stopped by a callback");
    return n->failure;
}

/* ---- chunks spoken by the workers (jobs > 1) -------------------------------------------- */

/* A chunk on its way through a worker: what its sound is handed on with. */
typedef struct {
    narrator_chunk chunk;       /* text and say point into data[] */
    int sound;                  /* how the worker hands it back: NR_SOUND_PCM and/or _PIECES */
    int begun;                  /* the chain was told it begins */
    size_t n_marks, next_mark;
    size_t *marks;              /* its marks (markup items), also in data[] */
    char data[];
} spoken;

static spoken *spoken_new(const narrator_chunk *c, int sound, const size_t *marks, size_t n_marks)
{
    spoken *s = malloc(sizeof *s + n_marks * sizeof *marks + c->text_len + c->say_len + 1);
    if (!s) return NULL;
    s->chunk = *c;
    s->sound = sound;
    s->begun = 0;
    s->n_marks = n_marks;
    s->next_mark = 0;
    s->marks = (size_t *)(void *)s->data;
    if (n_marks) memcpy(s->marks, marks, n_marks * sizeof *marks);
    char *text = s->data + n_marks * sizeof *marks;
    memcpy(text, c->text, c->text_len);
    memcpy(text + c->text_len, c->say, c->say_len);
    s->chunk.text = text;
    s->chunk.say = text + c->text_len;
    return s;
}

/* The chain hears that a worker's chunk begins with the first thing handed on of it. */
static int begin_spoken(narrator *n, spoken *s)
{
    if (s->begun) return 0;
    s->begun = 1;
    return chain_result(n, nr_chain_chunk_start(n->out, &s->chunk, s->sound, n->err, sizeof n->err));
}

static int worker_pcm(const int16_t *pcm, size_t len, void *tag, void *user)
{
    return begin_spoken(user, tag) || on_pcm(pcm, len, user);
}

static int worker_mark(const char *name, void *tag, void *user)
{
    spoken *s = tag;
    size_t item = (size_t)strtoull(name, NULL, 10);
    return begin_spoken(user, s) || report_marks_of(user, s->marks, s->n_marks, &s->next_mark, item);
}

/* An encoded piece ends the chunk of tag (NULL: after the last chunk, at a full delivery). */
static int worker_piece(const void *bytes, size_t len, void *tag, void *user)
{
    narrator *n = user;
    if (tag && begin_spoken(n, tag)) return 1;
    if (!n->first_audio_at) n->first_audio_at = monotonic_now();
    return chain_result(n, nr_chain_piece(n->out, bytes, len, n->err, sizeof n->err));
}

static int worker_done(void *tag, void *user)
{
    spoken *s = tag;
    int rc = begin_spoken(user, s) || report_marks_of(user, s->marks, s->n_marks, &s->next_mark, SIZE_MAX) ||
             end_chunk(user, 1);
    free(s);
    return rc;
}

/* A chunk the workers will not finish (a stop, a reset); user: the narrator, or NULL when
 * its chain is gone. */
static void forget_spoken(void *tag, void *user)
{
    spoken *s = tag;
    if (user && s->begun) end_chunk(user, 0);
    free(s);
}

/* What a synthpool call returned, as the chunk callbacks' result (nonzero: stop). */
static int pool_result(narrator *n, int rc)
{
    if (rc < 0 && !n->failure) {
        const char *why = nr_synthpool_error(n->voices);
        int no_voice = nr_synthpool_failed_as(n->voices) == NR_SYNTHPOOL_NO_VOICE;
        n->failure = set_error(n, no_voice ? NARRATOR_ERR_VOICE : NARRATOR_ERR_SYNTH, "%s", why);
    }
    if (rc > 0 && !n->failure) n->failure = NARRATOR_ERR_STOPPED;
    return rc != 0;
}

/* eSpeak NG worker processes per core to use (jobs). Each worker speaks a share of the
 * chunks fixed by the text, so that every run gives the same sound (synth/pool.c): with one
 * per core, a core that had less time for its worker (interrupts, writing the file, this
 * process's own work) held its share back while the other worker waited, 2.5 % of a WAV
 * run's time on two cores. With two per core the kernel shares each core's time out
 * between them, as the least busy choice of worker did before (the same time as then). */
#define WORKERS_PER_JOB 2

static int speak_in_worker(narrator *n, const narrator_chunk *c, const char *text, size_t len, int ssml,
                           const nr_synth_settings *want)
{
    /* the workers, copies of this process, are made when first needed: usually after the
     * first chunk was spoken here, so their forks don't hold up the first sound */
    if (!n->voices && nr_synthpool_new(&n->voices, WORKERS_PER_JOB * n->jobs, n->synth, &n->stop, n->err, sizeof n->err)) {
        n->failure = NARRATOR_ERR_SYNTH;
        return 1;
    }
    nr_synthpool_sink sink = { worker_pcm, worker_mark, worker_piece, worker_done, n };
    int rc = nr_synthpool_make_room(n->voices, &sink);
    if (rc) return pool_result(n, rc);
    int sound = nr_chain_wants(n->out);
    spoken *s = spoken_new(c, sound, n->rewritten.marks, n->rewritten.n_marks);
    if (!s) { n->failure = set_error(n, NARRATOR_ERR_NOMEM, "out of memory"); return 1; }
    const nr_encoder *enc = nr_chain_encoder(n->out);
    if (enc) nr_synthpool_set_encoder(n->voices, &(nr_piece_encoder){ enc->encode, enc });
    int asks = (sound & NR_SOUND_PCM ? NR_SPEAK_PCM : 0) | (sound & NR_SOUND_PIECES ? NR_SPEAK_PIECES : 0);
    rc = nr_synthpool_submit(n->voices, want, text, len, ssml, c->pause_ms, asks, s);
    if (!rc) rc = nr_synthpool_deliver(n->voices, 0, &sink);     /* sound that is ready goes on now */
    return pool_result(n, rc);
}

/* Waits for the workers to speak every chunk handed to them. */
static narrator_status speak_all(narrator *n)
{
    if (!n->voices) return NARRATOR_OK;
    n->failure = NARRATOR_OK;
    nr_synthpool_sink sink = { worker_pcm, worker_mark, worker_piece, worker_done, n };
    pool_result(n, nr_synthpool_deliver(n->voices, 1, &sink));   /* sets n->failure */
    return settle(n, 0);
}

/* ---- chunks ------------------------------------------------------------------------------ */

/* One planned chunk: tell the listener, then speak it if anyone hears. */
static int on_chunk(const narrator_chunk *planned, void *user)
{
    narrator *n = user;
    if (n->stop) { n->failure = NARRATOR_ERR_STOPPED; return 1; }
    n->chunks++;
    narrator_chunk chunk = *planned, *c = &chunk;
    /* SSML: markers out of the listener's say text, eSpeak NG's own SSML in */
    int marked = n->markup.n ? nr_markup_rewrite(&n->markup, c->say, c->say_len, &n->rewritten) : 0;
    n->rewritten.n_marks = marked > 0 ? n->rewritten.n_marks : 0;
    n->next_mark = 0;
    if (marked > 0) {
        c->say = n->rewritten.shown.s;
        c->say_len = n->rewritten.shown.len;
        c->pause_ms += n->rewritten.extra_pause_ms;
    }
    int raw = n->spelling || n->punctuation != NARRATOR_PUNCT_NONE;
    if (marked < 0 || rewrite_say(n, c)) { n->failure = set_error(n, NARRATOR_ERR_NOMEM, "out of memory"); return 1; }
    if (n->chunk_fn && n->chunk_fn(c, n->chunk_user)) { n->failure = NARRATOR_ERR_CALLBACK; return 1; }
    if (!n->synth || !nr_chain_wants(n->out)) return report_marks(n, SIZE_MAX);
    int ssml = marked > 0 && !raw;      /* spelled or punctuated text is plain: its marks come after it */
    const char *text = ssml ? n->rewritten.espeak.s : c->say;
    size_t len = ssml ? n->rewritten.espeak.len : c->say_len;
    nr_synth_settings want;
    wanted(n, &want);
    /* the first chunk after a pause in the input is spoken here at once: this process's
     * eSpeak NG is ready, so the first sound comes sooner than through a worker; but sound
     * the chain takes encoded is all encoded by the workers, on every core */
    int encoded = nr_chain_wants(n->out) & NR_SOUND_PIECES;
    if (n->jobs > 1 && (n->warm || encoded || (n->voices && nr_synthpool_pending(n->voices))))
        return speak_in_worker(n, c, text, len, ssml, &want);
    n->warm = 1;
    if (nr_synth_apply(n->synth, &want, &n->have)) {
        n->failure = set_error(n, NARRATOR_ERR_VOICE, "eSpeak NG has no voice '%s'", want.voice);
        return 1;
    }
    if (chain_result(n, nr_chain_chunk_start(n->out, c, NR_SOUND_PCM, n->err, sizeof n->err))) return 1;
    n->in_synth = 1;
    int rc = nr_synth_say(n->synth, text, len, ssml, c->pause_ms, on_pcm, on_espeak_mark, n);
    n->in_synth = 0;
    if (rc < 0) { n->failure = NARRATOR_ERR_SYNTH; snprintf(n->err, sizeof n->err, "eSpeak NG failed on a chunk"); }
    if (rc > 0 && !n->failure) n->failure = NARRATOR_ERR_STOPPED;
    if (end_chunk(n, rc == 0)) rc = 1;
    return rc != 0 || report_marks(n, SIZE_MAX);
}

/* One paragraph: straight through the front end, or queued for the workers while the
 * chunks of earlier paragraphs are handed on (at most 2 batches a worker in flight). */
static narrator_status run_paragraph(narrator *n, const char *text, size_t len)
{
    n->failure = NARRATOR_OK;
    if (!n->pool) return settle(n, nr_front_paragraph(n->front, text, len, on_chunk, n));
    if (nr_pool_add(n->pool, text, len)) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    /* idle workers gain nothing from waiting for a fuller batch: slow input is not held back */
    if (nr_pool_pending(n->pool) == 0 && nr_pool_seal(n->pool)) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    return settle(n, nr_pool_deliver(n->pool, 2 * (size_t)n->jobs, on_chunk, n));
}

/* Waits for the workers and hands on every chunk still with them. */
static narrator_status deliver_all(narrator *n)
{
    if (!n->pool) return NARRATOR_OK;
    n->failure = NARRATOR_OK;
    if (nr_pool_seal(n->pool)) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    return settle(n, nr_pool_deliver(n->pool, 0, on_chunk, n));
}

static int run_read_paragraph(const char *text, size_t len, void *user)
{
    return (int)run_paragraph(user, text, len);
}

/* A paragraph read from the input: in an article of plain text, through the head's filter
 * (the headline once, no breadcrumb: input/texthead.h); else straight to the front end. */
static narrator_status read_paragraph(narrator *n, const char *text, size_t len)
{
    if (!n->article_head || n->input == INPUT_SSML) return run_paragraph(n, text, len);
    int rc = nr_texthead_paragraph(&n->texthead, text, len, run_read_paragraph, n);
    return rc == -1 ? set_error(n, NARRATOR_ERR_NOMEM, "out of memory") : (narrator_status)rc;
}

/* The end of a document: what the head's filter still holds is read. */
static narrator_status end_paragraphs(narrator *n)
{
    if (!n->article_head) return NARRATOR_OK;
    return (narrator_status)nr_texthead_end(&n->texthead, run_read_paragraph, n);
}

/* Runs every complete paragraph in `pending` and keeps the rest. */
static narrator_status drain(narrator *n)
{
    size_t start = 0, next, scan = n->scanned;
    narrator_status st = NARRATOR_OK;
    for (;;) {
        size_t end = nr_paragraph_end(n->pending.s + start, n->pending.len - start, scan, n->lines, &next);
        if (end == (size_t)-1) { scan = next; break; }
        st = read_paragraph(n, n->pending.s + start, end);
        start += next;
        scan = 0;
        if (st) break;
    }
    memmove(n->pending.s, n->pending.s + start, n->pending.len - start);
    n->pending.len -= start;
    n->pending.s[n->pending.len] = '\0';
    n->scanned = st ? 0 : scan;
    return st;
}

static narrator_status feed_plain(narrator *n, const char *text, size_t len)
{
    nr_buf_put(&n->pending, text, len);
    if (n->pending.oom) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    return n->pending.len ? drain(n) : NARRATOR_OK;
}

/* <say-as> read by the front end's verbalizers, with the voice's lexicon. */
static void say_as(const void *lex, const char *kind, const char *format, const char *text, size_t len, nr_buf *out)
{
    nr_sayas(lex, kind, format, text, len, out);
}

/* SSML through the parser; its text goes on as plain text with markers. */
static narrator_status feed_ssml(narrator *n, const char *text, size_t len, int end)
{
    const nr_sayas_reader sayas = { nr_sayas_known, say_as, n->lex };
    int made = n->ssml ? 0 : nr_ssml_new(&n->ssml, n->voice.pause_ms, &sayas, &n->markup, n->err, sizeof n->err);
    if (made) return made == -2 ? NARRATOR_ERR_NOMEM : NARRATOR_ERR_SSML;
    nr_buf_clear(&n->ssml_text);
    int rc = nr_ssml_feed(n->ssml, text, len, end, &n->ssml_text, n->err, sizeof n->err);
    if (rc == -1) return NARRATOR_ERR_SSML;
    if (rc < 0) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    return n->ssml_text.len ? feed_plain(n, n->ssml_text.s, n->ssml_text.len) : NARRATOR_OK;
}

static narrator_status feed_text(narrator *n, const char *text, size_t len);

/* Hands on the held first bytes once AUTO knows what they are (format.h). */
static narrator_status decide_input(narrator *n, int at_end)
{
    nr_format kind = nr_format_detect(nr_buf_str(&n->head), n->head.len, at_end);
    if (kind == NR_FORMAT_UNDECIDED) return NARRATOR_OK;
    if (kind == NR_FORMAT_HTML && n->lines) kind = NR_FORMAT_TEXT;    /* a line is not a page */
    n->input = kind == NR_FORMAT_SSML ? INPUT_SSML : kind == NR_FORMAT_HTML ? INPUT_HTML : INPUT_PLAIN;
    nr_buf held = n->head;
    memset(&n->head, 0, sizeof n->head);
    narrator_status st = held.len ? feed_text(n, held.s, held.len) : NARRATOR_OK;
    nr_buf_free(&held);
    return st;
}

/* Text (UTF-8 or repairable bytes) on to SSML or plain text, as the input was judged. */
static narrator_status feed_text(narrator *n, const char *text, size_t len)
{
    if (n->input == INPUT_PLAIN) return feed_plain(n, text, len);
    if (n->input == INPUT_SSML) return feed_ssml(n, text, len, 0);
    if (n->input == INPUT_HTML) {
        nr_buf_put(&n->html, text, len);
        return n->html.oom ? set_error(n, NARRATOR_ERR_NOMEM, "out of memory") : NARRATOR_OK;
    }
    nr_buf_put(&n->head, text, len);
    if (n->head.oom) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    return decide_input(n, 0);
}

/* Bytes on to feed_text, through the decoder when there is one; `end`: the input
 * is over for now (a flush), so a character cut off at the end is not waited for. */
static narrator_status feed_bytes(narrator *n, const char *bytes, size_t len, int end)
{
    if (!n->decoder) return len ? feed_text(n, bytes, len) : NARRATOR_OK;
    nr_buf_clear(&n->decoded);
    if (nr_decoder_feed(n->decoder, bytes, len, end, &n->decoded)) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    return n->decoded.len ? feed_text(n, n->decoded.s, n->decoded.len) : NARRATOR_OK;
}

static narrator_status not_text(narrator *n) { return set_error(n, NARRATOR_ERR_INPUT, "not text (binary data)"); }

/* Judges the held first bytes once there are enough (or the input is over), then hands
 * them on. */
static narrator_status decide_bytes(narrator *n, int at_end)
{
    nr_bytes_kind kind = nr_sniff_bytes(nr_buf_str(&n->sniffed), n->sniffed.len, at_end);
    if (kind == NR_BYTES_UNDECIDED) return NARRATOR_OK;
    if (kind == NR_BYTES_BINARY && n->from == NARRATOR_FROM_TEXT) kind = NR_BYTES_TEXT;  /* read as it is */
    n->bytes = kind;
    if (kind == NR_BYTES_BINARY) {
        nr_buf_clear(&n->sniffed);
        return not_text(n);
    }
    if (!(n->decoder = nr_decoder_new(kind)))
        return set_error(n, NARRATOR_ERR_NOMEM, "cannot read the text: no converter (out of memory?)");
    nr_buf held = n->sniffed;
    memset(&n->sniffed, 0, sizeof n->sniffed);
    size_t bom = nr_sniff_bom_length(held.s, held.len, kind);
    narrator_status st = feed_bytes(n, held.s + bom, held.len - bom, 0);
    nr_buf_free(&held);
    return st;
}

narrator_status narrator_feed(narrator *n, const char *text, size_t len)
{
    if (n->stop) return set_error(n, NARRATOR_ERR_STOPPED, "stopped");
    if (n->bytes == NR_BYTES_BINARY) return not_text(n);
    if (n->bytes != NR_BYTES_UNDECIDED) return feed_bytes(n, text, len, 0);
    nr_buf_put(&n->sniffed, text, len);
    if (n->sniffed.oom) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    return decide_bytes(n, 0);
}

static int initial_input(const narrator *n)
{
    if (n->from == NARRATOR_FROM_HTML) return INPUT_HTML;
    if (n->from == NARRATOR_FROM_SSML) return INPUT_SSML;
    if (n->from == NARRATOR_FROM_TEXT) return n->ssml_option == NARRATOR_SSML_ON ? INPUT_SSML : INPUT_PLAIN;
    return n->ssml_option == NARRATOR_SSML_ON ? INPUT_SSML : n->ssml_option == NARRATOR_SSML_OFF ? INPUT_PLAIN : INPUT_UNDECIDED;
}

narrator_status narrator_on_document(narrator *n, narrator_document_fn fn, void *user)
{
    n->document_fn = fn;
    n->document_user = user;
    return NARRATOR_OK;
}

/* The model's title, then its blocks, as paragraphs of plain text. */
static narrator_status feed_document(narrator *n, const narrator_document *d)
{
    narrator_status st = NARRATOR_OK;
    if (d->title) st = feed_plain(n, d->title, strlen(d->title));
    if (!st && d->title) st = feed_plain(n, "\n\n", 2);
    for (size_t i = 0; !st && i < d->n_blocks; i++) {
        st = feed_plain(n, d->blocks[i].text, d->blocks[i].text_len);
        if (!st) st = feed_plain(n, "\n\n", 2);
    }
    return st;
}

/* The held page is over: its article, to the host's document callback and on to the front end. */
static narrator_status read_html(narrator *n)
{
    if (!n->html.len) return NARRATOR_OK;
    nr_document doc;
    nr_document_init(&doc);
    nr_html_status rc = nr_html_extract(nr_buf_str(&n->html), n->html.len, n->decoder ? "UTF-8" : NULL, &doc,
                                        n->err, sizeof n->err);
    nr_buf_clear(&n->html);
    narrator_status st = rc == NR_HTML_NOMEM ? NARRATOR_ERR_NOMEM : rc ? NARRATOR_ERR_IO : NARRATOR_OK;
    if (!st && n->document_fn && n->document_fn(&doc.d, n->document_user))
        st = set_error(n, NARRATOR_ERR_CALLBACK, "stopped by the document callback");
    if (!st) st = feed_document(n, &doc.d);
    nr_document_free(&doc);
    return st;
}

/* An SSML document is over: the next text is a new one. */
static void end_document(narrator *n)
{
    nr_ssml_free(n->ssml);
    n->ssml = NULL;
    nr_markup_clear(&n->markup);
    n->input = initial_input(n);
}

narrator_status narrator_flush(narrator *n)
{
    if (n->stop) return set_error(n, NARRATOR_ERR_STOPPED, "stopped");
    if (n->bytes == NR_BYTES_BINARY) return not_text(n);
    narrator_status st = NARRATOR_OK;
    if (n->bytes == NR_BYTES_UNDECIDED && n->sniffed.len) st = decide_bytes(n, 1);
    if (!st && n->decoder) st = feed_bytes(n, NULL, 0, 1);
    if (!st && n->input == INPUT_UNDECIDED) st = decide_input(n, 1);
    int document = n->input == INPUT_SSML && n->ssml;
    if (!st && document) st = feed_ssml(n, NULL, 0, 1);
    if (!st && n->input == INPUT_HTML) st = read_html(n);
    if (!st && n->pending.len) st = read_paragraph(n, n->pending.s, n->pending.len);
    if (!st) st = end_paragraphs(n);
    else nr_texthead_reset(&n->texthead);
    if (!st) st = deliver_all(n);
    if (!st) st = speak_all(n);
    n->warm = 0;
    nr_buf_clear(&n->pending);
    n->scanned = 0;
    if (!st && document) end_document(n);
    if (!st) n->input = initial_input(n);      /* what follows a flush is looked at afresh */
    return st;
}

narrator_status narrator_finish(narrator *n)
{
    narrator_status st = narrator_flush(n);
    if (st) return st;
    /* a stop that came while the last sound was being written still counts: nothing is
     * committed (the open files are discarded by narrator_free) */
    if (n->stop) return set_error(n, NARRATOR_ERR_STOPPED, "stopped");
    return n->out ? nr_chain_finish(n->out, n->err, sizeof n->err) : NARRATOR_OK;
}

void narrator_stop(narrator *n)
{
    if (n) n->stop = 1;
}

narrator_status narrator_reset(narrator *n)
{
    nr_buf_clear(&n->pending);
    nr_texthead_reset(&n->texthead);
    n->scanned = 0;
    if (n->pool) nr_pool_discard(n->pool);
    if (n->voices) nr_synthpool_discard(n->voices, forget_spoken, n);
    n->warm = 0;
    nr_buf_clear(&n->head);
    nr_buf_clear(&n->html);
    nr_buf_clear(&n->sniffed);
    end_document(n);
    n->failure = NARRATOR_OK;
    n->err[0] = '\0';
    n->stop = 0;
    return start_bytes(n);      /* the next input is judged afresh */
}

/* Live settings: checked here; each chunk is spoken with them as they are then (wanted). */
static narrator_status set_setting(narrator *n, int *field, int value, int lo, int hi, const char *what)
{
    if (value < lo || value > hi) return set_error(n, NARRATOR_ERR_ARG, "%s %d is out of range (%d to %d)", what, value, lo, hi);
    *field = value;
    return NARRATOR_OK;
}

narrator_status narrator_set_rate(narrator *n, int wpm) { return set_setting(n, &n->rate_wpm, wpm, 80, 450, "rate"); }
narrator_status narrator_set_pitch(narrator *n, int pitch) { return set_setting(n, &n->pitch, pitch, 0, 99, "pitch"); }
narrator_status narrator_set_volume(narrator *n, int volume) { return set_setting(n, &n->volume, volume, 0, 200, "volume"); }
narrator_status narrator_set_capitals(narrator *n, int mode) { return set_setting(n, &n->capitals, mode, 0, 2, "capitals mode"); }
narrator_status narrator_set_spelling(narrator *n, int on) { return set_setting(n, &n->spelling, on, 0, 1, "spelling mode"); }

narrator_status narrator_set_punctuation(narrator *n, narrator_punctuation mode, const char *some)
{
    if (mode < NARRATOR_PUNCT_NONE || mode > NARRATOR_PUNCT_ALL)
        return set_error(n, NARRATOR_ERR_ARG, "punctuation mode %d is not NONE, SOME or ALL", (int)mode);
    if (mode == NARRATOR_PUNCT_SOME && (!some || !*some))
        return set_error(n, NARRATOR_ERR_ARG, "punctuation mode SOME needs the characters to name");
    if (some && strlen(some) >= sizeof ((nr_synth_settings *)0)->punct_some)
        return set_error(n, NARRATOR_ERR_ARG, "too many punctuation characters to name (at most %zu bytes)",
                         sizeof ((nr_synth_settings *)0)->punct_some - 1);
    if (some) {
        char *copy = strdup(some);
        if (!copy) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
        free(n->punct_some);
        n->punct_some = copy;
    }
    n->punctuation = mode;
    return NARRATOR_OK;
}

narrator_status narrator_set_espeak_voice(narrator *n, const char *name)
{
    if (!name || !*name) return set_error(n, NARRATOR_ERR_ARG, "no eSpeak NG voice named");
    if (strlen(name) >= sizeof n->have.voice) return set_error(n, NARRATOR_ERR_ARG, "eSpeak NG voice name too long");
    if (!nr_synth_voice_name_ok(name)) return set_error(n, NARRATOR_ERR_VOICE, NOT_A_VOICE_NAME, name);
    /* between chunks, try it at once (on this process's eSpeak NG, also when workers
     * speak) so that a wrong name is reported here */
    int now = n->synth && !n->in_synth;
    if (now && nr_synth_set_voice(n->synth, name))
        return set_error(n, NARRATOR_ERR_VOICE, "eSpeak NG has no voice '%s'", name);
    char *copy = strdup(name);
    if (!copy) return set_error(n, NARRATOR_ERR_NOMEM, "out of memory");
    free(n->voice.espeak_voice);
    n->voice.espeak_voice = copy;
    if (now) snprintf(n->have.voice, sizeof n->have.voice, "%s", name);
    return NARRATOR_OK;
}

narrator_status narrator_list_voices(const char *data_dir,
        void (*fn)(const char *name, const char *description, void *user), void *user)
{
    return nr_voice_each(data_dir, fn, user) ? NARRATOR_ERR_NOMEM : NARRATOR_OK;
}
