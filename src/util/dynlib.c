/* dynlib.c — a shared library loaded at first use (see dynlib.h). */
#include "util/dynlib.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int load(nr_dynlib *lib)
{
    /* lazy: eSpeak NG pulls in PulseAudio, ALSA and X11 libraries whose thousands of
     * functions we never call; binding them all now cost ~3 ms before the first sound.
     * Every function we do call is looked up below, so a missing one still fails here. */
    void *h = dlopen(lib->soname, RTLD_LAZY | RTLD_LOCAL);
    if (!h) {
        snprintf(lib->err, sizeof lib->err, "cannot load %s: %s", lib->soname, dlerror());
        return -1;
    }
    for (size_t k = 0; k < lib->n; k++) {
        void *fn = dlsym(h, lib->syms[k].name);
        if (!fn) {
            snprintf(lib->err, sizeof lib->err, "%s has no %s (too old?)", lib->soname, lib->syms[k].name);
            dlclose(h);
            return -1;
        }
        *lib->syms[k].slot = fn;
    }
    return 1;       /* kept open for the life of the process */
}

int nr_dynlib_load(nr_dynlib *lib, char *err, size_t errlen)
{
    pthread_mutex_lock(&lock);
    if (lib->state == 0) lib->state = load(lib);
    int state = lib->state;
    pthread_mutex_unlock(&lock);
    if (state < 0 && err && errlen) snprintf(err, errlen, "%s", lib->err);
    return state > 0 ? 0 : -1;
}
