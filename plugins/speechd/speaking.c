/*
 * speaking.c — the speaking thread (see speaking.h).
 *
 * One narrator handle for the module's life, made, used and freed on this thread: with
 * eSpeak NG 1.51 a second espeak_Initialize() after espeak_Terminate() leaves the next
 * espeak_Terminate() hanging, and libnarrator allows one synthesizer per process. So the
 * voice profile (pauses, lexicons) is fixed by narrator.conf, and everything speechd
 * changes is set live before each message: rate, pitch, volume, punctuation, capitals,
 * spelling, and the eSpeak NG voice (from synthesis_voice, or language and voice type
 * through the AddVoice lines).
 *
 * Events: 701 BEGIN goes out with the first audio of a message (or its first mark, or its
 * end when it makes no sound), index marks as libnarrator reaches them, then exactly one
 * of 702 END, 703 STOP, 704 PAUSE. With server audio, runs of digital silence are held
 * back and dropped at the end of a message: the planned pause after the last sentence
 * would only delay END.
 */
#include "speaking.h"
#include "log.h"
#include "protocol.h"
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Server audio is sent at most this far ahead of real time: what sits in the pipe when a
 * client cancels is read and fed to the server's audio before our STOP event is seen. */
#define LEAD_MS 150

enum { AUDIO_SERVER, AUDIO_LIBAO };
enum { REQ_NONE, REQ_CREATE, REQ_AUDIO };

static struct {
    const sd_config *cfg;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    /* under lock */
    sd_settings settings;
    char *text;                     /* the message waiting for the thread */
    sd_msg_kind kind;
    int busy;                       /* a message is waiting or being spoken */
    int stop, pause, quit;
    narrator *n;                    /* written by the thread, stopped by the reader */
    /* INIT and AUDIO are carried out by the thread; the reader waits for the result */
    int request;
    int request_server;             /* AUDIO: 1 server, 0 libao with request_driver */
    char request_driver[SD_NAME_MAX];
    int request_rc;
    char request_err[512];
    pthread_cond_t request_done;
    /* the thread's own */
    int audio;                      /* AUDIO_* */
    int speaker_open;
    char espeak_voice[SD_NAME_MAX]; /* the eSpeak NG voice set live ("" = the profile's) */
    int begun, paused;
    size_t held_silence;            /* zero samples not yet sent (server audio) */
    size_t sent;                    /* samples sent to the server since BEGIN */
    struct timespec begun_at;
    int rate;
} sp = { .lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER,
         .request_done = PTHREAD_COND_INITIALIZER, .audio = AUDIO_SERVER };

/* ---- events */

static void begin_once(void)
{
    if (sp.begun) return;
    sd_send("701 BEGIN\n");
    sp.begun = 1;
    sp.sent = 0;
    clock_gettime(CLOCK_MONOTONIC, &sp.begun_at);
}

static int stopping(void)
{
    pthread_mutex_lock(&sp.lock);
    int stop = sp.stop;
    pthread_mutex_unlock(&sp.lock);
    return stop;
}

/* Waits while more than LEAD_MS of audio is ahead of the clock; 1 when stopped meanwhile. */
static int pace(void)
{
    while (sp.rate > 0) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        double played = (double)(now.tv_sec - sp.begun_at.tv_sec) + (now.tv_nsec - sp.begun_at.tv_nsec) / 1e9;
        double ahead_ms = ((double)sp.sent / sp.rate - played) * 1000;
        if (ahead_ms <= LEAD_MS) return 0;
        if (stopping()) return 1;
        double nap_ms = ahead_ms - LEAD_MS < 5 ? ahead_ms - LEAD_MS : 5;     /* short naps: STOP is seen soon */
        struct timespec nap = { 0, (long)(nap_ms * 1e6) };
        nanosleep(&nap, NULL);
    }
    return 0;
}

static int send_pcm(const int16_t *pcm, size_t samples)
{
    if (pace()) return 1;
    sp.sent += samples;
    return sd_send_audio(pcm, samples, sp.rate);
}

static int send_silence(size_t samples)
{
    static const int16_t zeros[1024];
    while (samples) {
        size_t k = samples < 1024 ? samples : 1024;
        if (send_pcm(zeros, k)) return -1;
        samples -= k;
    }
    return 0;
}

static int all_zero(const int16_t *pcm, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (pcm[i]) return 0;
    return 1;
}

static int on_audio(const int16_t *pcm, size_t samples, int rate, const narrator_chunk *chunk,
                    int chunk_start, void *user)
{
    (void)chunk; (void)chunk_start; (void)user;
    sp.rate = rate;
    begin_once();
    if (sp.audio != AUDIO_SERVER) return 0;      /* libnarrator plays it itself */
    if (all_zero(pcm, samples)) { sp.held_silence += samples; return 0; }
    int failed = send_silence(sp.held_silence) || send_pcm(pcm, samples);
    sp.held_silence = 0;
    return failed;
}

static int on_mark(const char *name, void *user)
{
    (void)user;
    begin_once();
    /* silence before a mark is part of the timing the client sees */
    if (sp.audio == AUDIO_SERVER && send_silence(sp.held_silence)) return 1;
    sp.held_silence = 0;
    if (strchr(name, '\n')) return 0;               /* cannot be framed; never from speechd */
    sd_send("700-%s\n700 INDEX MARK\n", name);
    pthread_mutex_lock(&sp.lock);
    int pause_here = sp.pause && !strncmp(name, "__spd_", 6);
    pthread_mutex_unlock(&sp.lock);
    if (pause_here) sp.paused = 1;
    return pause_here;
}

/* ---- the handle */

static int make_handle(char *err, size_t errlen)
{
    const sd_config *c = sp.cfg;
    narrator_options opt = NARRATOR_OPTIONS_INIT;
    opt.voice = c->voice;
    opt.data_dir = c->data_dir;
    opt.lexicons = (const char *const *)c->lexicons;
    opt.n_lexicons = c->n_lexicons;
    opt.remove_junk = c->remove_junk;
    opt.jobs = c->jobs;
    opt.ssml = NARRATOR_SSML_AUTO;  /* speechd's messages are SSML; CHAR and KEY are not */
    opt.any_bytes = 1;              /* UTF-8 by the protocol: a screen reader never refuses text */
    narrator *n = NULL;
    narrator_status st = narrator_new(&opt, &n);
    if (!st) st = narrator_on_mark(n, on_mark, NULL);
    if (!st) st = narrator_on_audio(n, on_audio, NULL);    /* loads eSpeak NG: a failure shows at INIT */
    if (st) {
        snprintf(err, errlen, "voice '%s': %s", c->voice, n && *narrator_errmsg(n) ? narrator_errmsg(n) : narrator_strerror(st));
        narrator_free(n);
        return -1;
    }
    pthread_mutex_lock(&sp.lock);
    sp.n = n;
    pthread_mutex_unlock(&sp.lock);
    return 0;
}

/* AUDIO: the server's audio, or libnarrator's speaker sink through libao. The speakers,
 * once open, stay open: libnarrator has no call to close one sink alone. */
static int set_audio(const char *driver, int server, char *err, size_t errlen)
{
    if (server) {
        if (sp.speaker_open) { snprintf(err, errlen, "audio is already played by the module"); return -1; }
        sp.audio = AUDIO_SERVER;
        return 0;
    }
    if (!sp.speaker_open && narrator_open_speaker(sp.n, driver[0] ? driver : NULL)) {
        snprintf(err, errlen, "%s", narrator_errmsg(sp.n));
        return -1;
    }
    sp.speaker_open = 1;
    sp.audio = AUDIO_LIBAO;
    return 0;
}

/* The eSpeak NG voice the settings ask for, "" for the default. */
static void choose_voice(const sd_settings *s, char *voice, size_t len)
{
    const char *v = NULL;
    char lang[SD_NAME_MAX];
    if (s->synthesis_voice[0] && strcmp(s->synthesis_voice, sp.cfg->voice)) v = s->synthesis_voice;
    else if (!(v = sd_config_voice_for(sp.cfg, s->language, s->voice_type)))
        v = sd_language_voice(s->language, lang, sizeof lang);
    if (!v) v = sd_config_default_voice(sp.cfg);
    snprintf(voice, len, "%s", v ? v : "");
}

/* Sets the voice settings live on the handle before a message. */
static void prepare(const sd_settings *s, sd_msg_kind kind)
{
    char voice[SD_NAME_MAX];
    choose_voice(s, voice, sizeof voice);
    if (voice[0] && strcmp(voice, sp.espeak_voice)) {
        if (narrator_set_espeak_voice(sp.n, voice))
            sd_log(SD_LOG_WARN, "no eSpeak NG voice '%s': %s", voice, narrator_errmsg(sp.n));
        else
            snprintf(sp.espeak_voice, sizeof sp.espeak_voice, "%s", voice);
    }
    const sd_scales *sc = &sp.cfg->scales;
    int single = kind == SD_MSG_CHAR;       /* one character: spelled, punctuation named */
    /* libnarrator names punctuation by handing eSpeak NG the text as written, without the
     * front end's readings: "some" and "most" do that only with a configured list */
    narrator_punctuation punct = single ? NARRATOR_PUNCT_ALL : s->punctuation;
    if (punct == NARRATOR_PUNCT_SOME && !sp.cfg->punctuation_some) punct = NARRATOR_PUNCT_NONE;
    if (narrator_set_rate(sp.n, sd_rate_wpm(sc, s->rate)) || narrator_set_pitch(sp.n, sd_pitch(sc, s->pitch)) ||
        narrator_set_volume(sp.n, sd_volume(s->volume)) ||
        narrator_set_punctuation(sp.n, punct, sp.cfg->punctuation_some) ||
        narrator_set_capitals(sp.n, s->capitals) || narrator_set_spelling(sp.n, single || s->spelling))
        sd_log(SD_LOG_WARN, "a voice setting was refused: %s", narrator_errmsg(sp.n));
}

/* ---- messages */

/* 1 when text is a single UTF-8 character. */
static int one_character(const char *text)
{
    size_t starts = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        starts += (*p & 0xC0) != 0x80;
    return starts == 1;
}

/* A KEY name ("shift_a", "kp-enter") as words: separators become spaces. */
static void key_words(char *text)
{
    for (char *p = text; *p; p++)
        if (*p == '_' || (*p == '-' && p != text && p[1])) *p = ' ';
}

static narrator_status speak(sd_msg_kind kind, char *text)
{
    if (kind == SD_MSG_KEY) key_words(text);
    narrator_status st = narrator_feed(sp.n, text, strlen(text));
    if (!st) st = narrator_flush(sp.n);
    return st;
}

/* The event that ends a message, from how narrator_flush ended. */
static void report_end(narrator_status st)
{
    begin_once();
    sd_send(st == NARRATOR_OK ? "702 END\n" : sp.paused ? "704 PAUSE\n" : "703 STOP\n");
}

/* One message, start to last event; cancelled: a STOP came before the thread took it. */
static void run_message(const sd_settings *s, sd_msg_kind kind, char *text, int cancelled)
{
    static const char *const kinds[] = { "text", "character", "key", "sound icon" };
    if (kind == SD_MSG_CHAR && !strcmp(text, "space")) kind = SD_MSG_TEXT;   /* said, not spelled */
    if (kind == SD_MSG_KEY && one_character(text)) kind = SD_MSG_CHAR;      /* key "a": the letter */
    sd_log(SD_LOG_NOTICE, "message: %s, %zu bytes", kinds[kind], strlen(text));
    sp.begun = sp.paused = 0;
    sp.held_silence = 0;        /* what was held at the end of the last message is dropped */
    narrator_status st = NARRATOR_OK;
    if (cancelled) {
        st = NARRATOR_ERR_STOPPED;
    } else if (kind == SD_MSG_ICON) {  /* no sound icons of our own: the server may have them */
        begin_once();
        sd_send("706-%s\n706 ICON\n", text);
    } else {
        prepare(s, kind);
        st = speak(kind, text);
    }
    char why[256] = "";
    if (st) snprintf(why, sizeof why, "%s", narrator_errmsg(sp.n));
    pthread_mutex_lock(&sp.lock);
    narrator_reset(sp.n);       /* forgets what was not spoken, clears a stop */
    int stopped = sp.stop;      /* a stop also shows as a callback's refusal (pace) or an end */
    sp.busy = sp.stop = sp.pause = 0;
    pthread_mutex_unlock(&sp.lock);
    if (stopped) st = NARRATOR_ERR_STOPPED;
    else if (st && st != NARRATOR_ERR_STOPPED && !sp.paused) sd_log(SD_LOG_ERROR, "speaking failed: %s", why);
    sd_log(SD_LOG_DEBUG, "message ended: %s", sp.paused ? "paused" : st ? narrator_strerror(st) : "end");
    report_end(st);
}

/* INIT's handle or AUDIO's output, done on this thread; called with the lock held. */
static void serve_request(void)
{
    int request = sp.request, server = sp.request_server;
    char driver[SD_NAME_MAX], err[sizeof sp.request_err] = "";
    memcpy(driver, sp.request_driver, sizeof driver);
    pthread_mutex_unlock(&sp.lock);
    int rc = request == REQ_CREATE ? make_handle(err, sizeof err)
           : set_audio(driver, server, err, sizeof err);
    pthread_mutex_lock(&sp.lock);
    sp.request_rc = rc;
    memcpy(sp.request_err, err, sizeof err);
    sp.request = REQ_NONE;
    pthread_cond_broadcast(&sp.request_done);
}

static void *speaking_thread(void *unused)
{
    (void)unused;
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);     /* signals are the main thread's */
    pthread_mutex_lock(&sp.lock);
    for (;;) {
        while (!sp.text && !sp.quit && !sp.request) pthread_cond_wait(&sp.wake, &sp.lock);
        if (sp.quit) break;
        if (sp.request) { serve_request(); continue; }
        char *text = sp.text;
        sp.text = NULL;
        sd_settings s = sp.settings;
        sd_msg_kind kind = sp.kind;
        int cancelled = sp.stop;
        pthread_mutex_unlock(&sp.lock);
        run_message(&s, kind, text, cancelled);
        free(text);
        pthread_mutex_lock(&sp.lock);
    }
    narrator *n = sp.n;
    sp.n = NULL;
    pthread_mutex_unlock(&sp.lock);
    narrator_free(n);
    return NULL;
}

/* ---- the reader thread's side */

/* Has the thread carry out INIT or AUDIO; waits for it. 0 ok, -1 with err set. */
static int request(int what, int server, const char *driver, char *err, size_t errlen)
{
    pthread_mutex_lock(&sp.lock);
    sp.request = what;
    sp.request_server = server;
    snprintf(sp.request_driver, sizeof sp.request_driver, "%s", driver);
    pthread_cond_signal(&sp.wake);
    while (sp.request) pthread_cond_wait(&sp.request_done, &sp.lock);
    int rc = sp.request_rc;
    snprintf(err, errlen, "%s", sp.request_err);
    pthread_mutex_unlock(&sp.lock);
    return rc;
}

int sd_speaking_start(const sd_config *cfg, char *err, size_t errlen)
{
    sp.cfg = cfg;
    sd_settings_init(&sp.settings);
    if (pthread_create(&sp.thread, NULL, speaking_thread, NULL)) {
        snprintf(err, errlen, "cannot start the speaking thread");
        return -1;
    }
    if (request(REQ_CREATE, 0, "", err, errlen) == 0) return 0;
    sd_speaking_quit();
    return -1;
}

int sd_speaking_audio(const char *method, char *err, size_t errlen)
{
    int server = !strcmp(method, "server");
    const char *driver = "";
    /* speechd's method names are libao's driver names, except "libao" (its default driver) */
    if (!server && sp.cfg->audio_driver) driver = sp.cfg->audio_driver;
    else if (!server && strcmp(method, "libao")) driver = method;
    if (sd_speaking_busy()) { snprintf(err, errlen, "AUDIO while speaking"); return -1; }
    return request(REQ_AUDIO, server, driver, err, errlen);
}

void sd_speaking_settings(const sd_settings *s)
{
    pthread_mutex_lock(&sp.lock);
    sp.settings = *s;
    pthread_mutex_unlock(&sp.lock);
}

int sd_speaking_busy(void)
{
    pthread_mutex_lock(&sp.lock);
    int busy = sp.busy;
    pthread_mutex_unlock(&sp.lock);
    return busy;
}

void sd_speaking_say(sd_msg_kind kind, char *text)
{
    pthread_mutex_lock(&sp.lock);
    free(sp.text);              /* only if the caller skipped sd_speaking_busy() */
    sp.text = text;
    sp.kind = kind;
    sp.busy = 1;
    sp.stop = sp.pause = 0;
    pthread_cond_signal(&sp.wake);
    pthread_mutex_unlock(&sp.lock);
}

void sd_speaking_stop(void)
{
    pthread_mutex_lock(&sp.lock);
    if (sp.busy) {
        sp.stop = 1;
        if (sp.n) narrator_stop(sp.n);
    }
    pthread_mutex_unlock(&sp.lock);
}

void sd_speaking_pause(void)
{
    pthread_mutex_lock(&sp.lock);
    if (sp.busy) sp.pause = 1;
    pthread_mutex_unlock(&sp.lock);
}

void sd_speaking_quit(void)
{
    sd_speaking_stop();
    pthread_mutex_lock(&sp.lock);
    sp.quit = 1;
    pthread_cond_signal(&sp.wake);
    pthread_mutex_unlock(&sp.lock);
    pthread_join(sp.thread, NULL);      /* the thread frees the handle */
    free(sp.text);
    sp.text = NULL;
}
