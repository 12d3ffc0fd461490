/*
 * speaking.h — the speaking thread: libnarrator turning messages into audio and events.
 *
 * The reader thread (sd_narrator.c) keeps reading commands while a message is spoken, so
 * STOP and PAUSE act mid-sentence: they only set flags and call narrator_stop(), and the
 * speaking thread reports how the message ended (702 END, 703 STOP or 704 PAUSE).
 * SET only records the values; they are applied when the next message starts, since
 * speechd sends them between messages.
 */
#ifndef SD_SPEAKING_H
#define SD_SPEAKING_H
#include "config.h"
#include "settings.h"
#include <stddef.h>

typedef enum { SD_MSG_TEXT, SD_MSG_CHAR, SD_MSG_KEY, SD_MSG_ICON } sd_msg_kind;

/* INIT: starts the thread, which loads the voice profile of narrator.conf and eSpeak NG.
 * The config must outlive the thread. 0 ok, -1 with a sentence in err. */
int sd_speaking_start(const sd_config *cfg, char *err, size_t errlen);
/* AUDIO: "server" hands audio to speech-dispatcher (705 events); any other method plays
 * through libao (NarratorAudioDriver, or the driver of the same name as the method).
 * Once playing through libao, the module cannot go back to server audio.
 * 0 ok, -1 with a sentence in err. */
int sd_speaking_audio(const char *method, char *err, size_t errlen);
/* SET: the values the next message is spoken with. */
void sd_speaking_settings(const sd_settings *s);
/* 1 while a message is waiting or being spoken (until just before its last event). */
int sd_speaking_busy(void);
/* SPEAK, CHAR, KEY, SOUND_ICON: takes the malloc'd text. Only when not busy, and after the
 * "200 OK SPEAKING" reply: events may follow at once. */
void sd_speaking_say(sd_msg_kind kind, char *text);
void sd_speaking_stop(void);
/* Stops at the next "__spd_" mark (speechd's resume point), reported as 704 PAUSE. */
void sd_speaking_pause(void);
/* Stops, ends the thread, frees libnarrator. */
void sd_speaking_quit(void);

#endif
