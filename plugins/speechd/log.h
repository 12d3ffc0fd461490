/*
 * log.h — the module's log. speech-dispatcher sends a module's standard error to its log
 * directory (LOGDIR/narrator.log), so that is where these lines go, with a time stamp.
 * Levels follow speechd's LOGLEVEL (1 errors ... 5 everything); the default shows 1-3.
 */
#ifndef SD_LOG_H
#define SD_LOG_H

enum { SD_LOG_ERROR = 1, SD_LOG_WARN = 2, SD_LOG_INFO = 3, SD_LOG_NOTICE = 4, SD_LOG_DEBUG = 5 };

void sd_log_level(int level);
/* Sends the log to a file from now on (speechd's "DEBUG ON file"); NULL goes back to
 * standard error. 0 ok, -1 when the file cannot be opened. */
int sd_log_to(const char *path);
void sd_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
