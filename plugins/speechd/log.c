/*
 * log.c — time-stamped lines on standard error or a debug file (see log.h).
 */
#include "log.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static int max_level = SD_LOG_INFO;
static FILE *debug_file;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

void sd_log_level(int level) { max_level = level; }

int sd_log_to(const char *path)
{
    FILE *f = path ? fopen(path, "a") : NULL;
    if (path && !f) return -1;
    pthread_mutex_lock(&log_lock);
    if (debug_file) fclose(debug_file);
    debug_file = f;
    pthread_mutex_unlock(&log_lock);
    return 0;
}

void sd_log(int level, const char *fmt, ...)
{
    if (level > max_level && !debug_file) return;
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    localtime_r(&ts.tv_sec, &tm);
    pthread_mutex_lock(&log_lock);
    FILE *f = debug_file ? debug_file : stderr;
    fprintf(f, "%02d:%02d:%02d.%03ld sd_narrator: ", tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
    fflush(f);
    pthread_mutex_unlock(&log_lock);
}
