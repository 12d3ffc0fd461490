/*
 * speaker.c — the speakers as a sink: live playback through libao (loaded at first use).
 *
 * libao's ao_initialize/ao_shutdown are process-wide, so they are reference counted:
 * the first speaker sink initializes, the last one shuts down. Driver NULL means libao's
 * default (from /etc/libao.conf or ~/.libao, else the first live driver that works);
 * "null" accepts and drops everything, which is how the tests play. Closing commits
 * nothing: an abort closes the device the same way, only without a word.
 */
#include "output/stage.h"
#include <ao/ao.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "util/dynlib.h"

/* libao, loaded at first use (dynlib.h): calls below go through its struct. */
#define AO_FUNCTIONS(X, a) X(a, ao_close) X(a, ao_default_driver_id) X(a, ao_driver_id) \
    X(a, ao_driver_info) X(a, ao_driver_info_list) X(a, ao_initialize) X(a, ao_open_live) X(a, ao_play) \
    X(a, ao_shutdown)
NR_DYNLIB_DEFINE(libao, AO_FUNCTIONS, "libao.so.4");

typedef struct {
    nr_stage stage;
    ao_device *dev;
    const char *driver; /* libao's short name, for messages */
} speaker;

static pthread_mutex_t ao_lock = PTHREAD_MUTEX_INITIALIZER;
static int ao_users;

static void ao_up(void)
{
    pthread_mutex_lock(&ao_lock);
    if (ao_users++ == 0) libao.ao_initialize();
    pthread_mutex_unlock(&ao_lock);
}

static void ao_down(void)
{
    pthread_mutex_lock(&ao_lock);
    if (--ao_users == 0) libao.ao_shutdown();
    pthread_mutex_unlock(&ao_lock);
}

/* "alsa, null, pulse" — the drivers that play live, malloc'd (NULL if out of memory). */
static char *live_drivers(void)
{
    int count = 0;
    ao_info **list = libao.ao_driver_info_list(&count);
    size_t len = 1;
    for (int i = 0; i < count; i++)
        if (list[i]->type == AO_TYPE_LIVE) len += strlen(list[i]->short_name) + 2;
    char *names = malloc(len);
    if (!names) return NULL;
    names[0] = '\0';
    for (int i = 0; i < count; i++) {
        if (list[i]->type != AO_TYPE_LIVE) continue;
        if (names[0]) strcat(names, ", ");
        strcat(names, list[i]->short_name);
    }
    return names;
}

static const char *open_error(int e)
{
    switch (e) {
    case AO_ENODRIVER: return "no such driver";
    case AO_ENOTLIVE: return "it writes files, not to a device";
    case AO_EBADOPTION: return "bad driver option";
    case AO_EOPENDEVICE: return "the audio device cannot be opened (is there a sound card or a sound server?)";
    case AO_EBADFORMAT: return "the device does not take 16-bit mono audio at this rate";
    default: return "the driver failed";
    }
}

static const nr_stage_ops speaker_ops;

/* The device for driver at in_rate, with its libao short name in *shown; NULL with a
 * sentence in err (libao is then let go again). */
static ao_device *open_device(const char *driver, int in_rate, const char **shown, char *err, size_t errlen)
{
    if (in_rate <= 0) {
        nr_stage_errf(err, errlen, "cannot play audio: invalid sample rate %d", in_rate);
        return NULL;
    }
    char why[256];
    if (nr_dynlib_load(&libao_lib, why, sizeof why)) {
        nr_stage_errf(err, errlen, "cannot play audio: %s", why);
        return NULL;
    }
    ao_up();
    int id = driver ? libao.ao_driver_id(driver) : libao.ao_default_driver_id();
    ao_info *info = id >= 0 ? libao.ao_driver_info(id) : NULL;
    if (!info || info->type != AO_TYPE_LIVE) {
        char *names = live_drivers();
        if (!driver)
            nr_stage_errf(err, errlen, "cannot play audio: libao has no default audio driver (available: %s)",
                          names && *names ? names : "none");
        else if (info)
            nr_stage_errf(err, errlen, "cannot play audio: audio driver '%s' writes files, not to speakers "
                          "(available: %s)", driver, names && *names ? names : "none");
        else
            nr_stage_errf(err, errlen, "cannot play audio: unknown audio driver '%s' (available: %s)", driver,
                          names && *names ? names : "none");
        free(names);
        ao_down();
        return NULL;
    }

    static char mono[] = "M";
    ao_sample_format fmt;
    memset(&fmt, 0, sizeof fmt);
    fmt.bits = 16;
    fmt.channels = 1;
    fmt.rate = in_rate;
    fmt.byte_format = AO_FMT_NATIVE;
    fmt.matrix = mono;
    errno = 0;
    ao_device *dev = libao.ao_open_live(id, &fmt, NULL);
    if (!dev) {
        nr_stage_errf(err, errlen, "cannot play audio through '%s': %s", info->short_name, open_error(errno));
        ao_down();
        return NULL;
    }
    *shown = info->short_name;
    return dev;
}

narrator_status nr_speaker_stage_open(nr_stage **out, const nr_stage_spec *spec, char *err, size_t errlen)
{
    *out = NULL;
    const char *shown = NULL;
    ao_device *dev = open_device(spec->driver, spec->rate, &shown, err, errlen);
    if (!dev) return NARRATOR_ERR_AUDIO;
    speaker *sp = malloc(sizeof *sp);
    if (!sp) {
        nr_stage_errf(err, errlen, "cannot play audio: out of memory");
        libao.ao_close(dev);
        ao_down();
        return NARRATOR_ERR_AUDIO;
    }
    *sp = (speaker){ .stage.ops = &speaker_ops, .dev = dev, .driver = shown };
    *out = &sp->stage;
    return NARRATOR_OK;
}

static narrator_status speaker_pcm(nr_stage *s, const int16_t *pcm, size_t n, char *err, size_t errlen)
{
    speaker *sp = (speaker *)s;
    enum { STEP = 1 << 20 }; /* samples per ao_play: its byte count is 32-bit */
    for (size_t done = 0; done < n;) {
        size_t k = n - done < STEP ? n - done : STEP;
        if (!libao.ao_play(sp->dev, (char *)(pcm + done), (uint_32)(k * sizeof *pcm))) {
            nr_stage_errf(err, errlen, "cannot play audio through '%s': the device stopped taking samples",
                          sp->driver);
            return NARRATOR_ERR_AUDIO;
        }
        done += k;
    }
    return NARRATOR_OK;
}

static narrator_status speaker_close(nr_stage *s, char *err, size_t errlen)
{
    speaker *sp = (speaker *)s;
    const char *driver = sp->driver;
    int ok = libao.ao_close(sp->dev);
    free(sp);
    if (!ok) nr_stage_errf(err, errlen, "cannot play audio through '%s': closing the device failed", driver);
    ao_down();
    return ok ? NARRATOR_OK : NARRATOR_ERR_AUDIO;
}

static void speaker_abort(nr_stage *s) { speaker_close(s, NULL, 0); }

static const nr_stage_ops speaker_ops = {
    .name = "speaker", .pcm = speaker_pcm, .close = speaker_close, .abort = speaker_abort,
};
