/*
 * sd_narrator — speech-dispatcher output module speaking with libnarrator.
 *
 * speech-dispatcher runs "sd_narrator CONFIGFILE" and drives it over stdin/stdout. This
 * file is the reader thread: it reads each command, answers it with the protocol's reply
 * code, and hands messages to the speaking thread (speaking.c), so STOP and PAUSE are read
 * and acted on while a message is being spoken. Framing is in protocol.c, the meaning of
 * SET values in settings.c, narrator.conf in config.c.
 *
 * Replies: 2xx ok, 3xx bad request, 4xx module error; events 700-706 come from the
 * speaking thread. Nothing on stdin can make the module crash or exit but QUIT, the end of
 * input, or a failed INIT.
 */
#include "config.h"
#include "log.h"
#include "protocol.h"
#include "settings.h"
#include "speaking.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sd_config config;
static sd_settings settings;

static int set_one(const char *name, const char *value, void *user)
{
    (void)user;
    if (sd_settings_set(&settings, name, value) == 0) return 0;
    sd_log(SD_LOG_WARN, "SET %s=%s: unknown or out of range (ignored)", name, value);
    return -1;
}

/* SET, AUDIO and LOGLEVEL: "207", then a block of name=value lines, each handed to fn.
 * Returns sd_each_setting's result, -1 at the end of input. */
static int read_settings_block(const char *what, int (*fn)(const char *, const char *, void *), void *user)
{
    char *block;
    size_t len;
    sd_send("207 OK RECEIVING %sSETTINGS\n", what);
    if (sd_read_block(&block, &len) < 0) return -1;
    int rc = sd_each_setting(block, fn, user);
    free(block);
    return rc;
}

/* SET: the valid values are taken even when others are refused. */
static int cmd_set(void)
{
    int rc = read_settings_block("", set_one, NULL);
    if (rc < 0) return -1;
    sd_speaking_settings(&settings);
    if (rc == 2) return sd_send("302 ERROR BAD SYNTAX\n");
    if (rc == 1) return sd_send("303 ERROR INVALID PARAMETER OR VALUE\n");
    return sd_send("203 OK SETTINGS RECEIVED\n");
}

static int audio_setting(const char *name, const char *value, void *user)
{
    /* the device settings (audio_alsa_device...) are libao's business, from ~/.libao */
    if (!strcmp(name, "audio_output_method")) snprintf(user, SD_NAME_MAX, "%s", value);
    return 0;
}

static int loglevel_setting(const char *name, const char *value, void *user)
{
    (void)user;
    if (strcmp(name, "log_level")) return -1;
    sd_log_level(atoi(value));
    return 0;
}

static int cmd_audio(void)
{
    char method[SD_NAME_MAX] = "", err[512];
    int rc = read_settings_block("AUDIO ", audio_setting, method);
    if (rc < 0) return -1;
    if (rc == 2 || !method[0]) return sd_send("302 ERROR BAD SYNTAX\n");
    if (sd_speaking_audio(method, err, sizeof err)) {
        sd_log(SD_LOG_ERROR, "audio method '%s': %s", method, err);
        return sd_send("300-%s\n300 MODULE ERROR\n", err);
    }
    sd_log(SD_LOG_INFO, "audio: %s", strcmp(method, "server") ? "played through libao" : "handed to the server");
    return sd_send("203 OK AUDIO INITIALIZED\n");
}

static int cmd_loglevel(void)
{
    int rc = read_settings_block("LOGLEVEL ", loglevel_setting, NULL);
    if (rc < 0) return -1;
    return sd_send(rc ? "302 ERROR BAD SYNTAX\n" : "203 OK LOGLEVEL SET\n");
}

/* "DEBUG ON /some/file" or "DEBUG OFF". */
static int cmd_debug(char *line)
{
    char *save = NULL;
    strtok_r(line, " ", &save);                 /* "DEBUG" */
    char *on = strtok_r(NULL, " ", &save);
    char *file = strtok_r(NULL, " ", &save);
    if (on && !strcmp(on, "OFF")) { sd_log_to(NULL); return sd_send("200 OK DEBUGGING OFF\n"); }
    if (!on || strcmp(on, "ON") || !file) return sd_send("302 ERROR BAD SYNTAX\n");
    if (sd_log_to(file)) return sd_send("303 CANT OPEN CUSTOM DEBUG FILE\n");
    return sd_send("200 OK DEBUGGING ON\n");
}

/* SPEAK, CHAR, KEY, SOUND_ICON: "202", the text block, then "200" and the message is spoken. */
static int cmd_speak(sd_msg_kind kind)
{
    char *text;
    size_t len;
    sd_send("202 OK RECEIVING MESSAGE\n");
    long lines = sd_read_block(&text, &len);
    if (lines < 0) return -1;
    const char *refusal = NULL, *why = NULL;
    if (!len) refusal = "301 ERROR CANT SPEAK\n", why = "empty";
    else if (kind != SD_MSG_TEXT && lines > 1) refusal = "305 DATA MORE THAN ONE LINE\n", why = "more than one line";
    else if (sd_speaking_busy()) refusal = "301 ERROR CANT SPEAK\n", why = "still speaking the last one";
    if (refusal) {
        sd_log(SD_LOG_WARN, "message refused: %s", why);
        free(text);
        return sd_send("%s", refusal);
    }
    if (sd_send("200 OK SPEAKING\n")) { free(text); return -1; }
    sd_speaking_say(kind, text);
    return 0;
}

/* The eSpeak NG voices of the AddVoice lines, each once: name TAB language TAB variant. */
static int cmd_list_voices(void)
{
    char *list = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&list, &len);
    for (size_t i = 0; f && i < config.n_voices; i++) {
        const sd_voice_map *v = &config.voices[i];
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++) seen = !strcmp(config.voices[j].voice, v->voice);
        if (!seen) fprintf(f, "200-%s\t%s\tnone\n", v->voice, v->language);
    }
    if (f) fclose(f);
    int rc = len ? sd_send("%s200 OK VOICE LIST SENT\n", list) : sd_send("304 CANT LIST VOICES\n");
    free(list);
    return rc;
}

static int cmd_init(void)
{
    char err[512];
    if (sd_speaking_start(&config, err, sizeof err)) {
        sd_log(SD_LOG_ERROR, "cannot start: %s", err);
        sd_send("399-%s\n399 ERR CANT INIT MODULE\n", err);
        return -1;
    }
    sd_log(SD_LOG_INFO, "started with voice '%s' (narrator %s)", config.voice, narrator_version());
    return sd_send("299-narrator %s, voice %s\n299 OK LOADED SUCCESSFULLY\n", narrator_version(), config.voice);
}

/* One command line; returns 1 after QUIT, -1 when the server is gone or INIT failed. */
static int dispatch(char *line, int *initialized)
{
    static const struct { const char *name; sd_msg_kind kind; } speak_cmds[] = {
        { "SPEAK", SD_MSG_TEXT }, { "CHAR", SD_MSG_CHAR }, { "KEY", SD_MSG_KEY }, { "SOUND_ICON", SD_MSG_ICON },
    };
    if (!strcmp(line, "INIT")) {
        if (*initialized) return sd_send("300 ERR ALREADY INITIALIZED\n");
        *initialized = 1;
        return cmd_init();
    }
    if (!*initialized) return sd_send("300 ERR NOT INITIALIZED\n");
    for (size_t i = 0; i < sizeof speak_cmds / sizeof speak_cmds[0]; i++)
        if (!strcmp(line, speak_cmds[i].name)) return cmd_speak(speak_cmds[i].kind);
    if (!strcmp(line, "STOP") || !strcmp(line, "PAUSE")) {     /* no reply: events tell */
        sd_log(SD_LOG_DEBUG, "%s%s", line, sd_speaking_busy() ? "" : " (nothing to stop)");
        if (line[0] == 'S') sd_speaking_stop();
        else sd_speaking_pause();
        return 0;
    }
    if (!strcmp(line, "SET")) return cmd_set();
    if (!strcmp(line, "AUDIO")) return cmd_audio();
    if (!strcmp(line, "LOGLEVEL")) return cmd_loglevel();
    if (!strcmp(line, "LIST VOICES")) return cmd_list_voices();
    if (!strncmp(line, "DEBUG", 5)) return cmd_debug(line);
    if (!strcmp(line, "QUIT")) {
        sd_speaking_quit();
        sd_send("210 OK QUIT\n");
        return 1;
    }
    sd_log(SD_LOG_WARN, "unknown command '%.80s'", line);
    return sd_send("300 ERR UNKNOWN COMMAND\n");
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);       /* a gone server shows as a failed write */
    sd_config_load(&config, argc > 1 ? argv[1] : NULL);
    sd_settings_init(&settings);
    char *line = NULL;
    size_t cap = 0;
    int initialized = 0, rc = 0;
    while (rc == 0 && sd_read_line(&line, &cap) >= 0) rc = dispatch(line, &initialized);
    if (rc == 0 && initialized) sd_speaking_quit();     /* end of input without QUIT */
    free(line);
    sd_config_free(&config);
    return rc < 0 ? 1 : 0;
}
