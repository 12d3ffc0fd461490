/*
 * dynlib.h — loading a shared library at first use (dlopen), so that runs which never
 * make a sound (`narrator normalize`, `plan`) do not pay for mapping eSpeak NG, libsndfile,
 * libao and everything they pull in (PulseAudio, codecs): about half of start-up.
 *
 * A backend lists the functions it calls in an X-macro, after including the library's header
 * (the pointers get their types from its prototypes), keeps them in a struct named after the
 * library, and calls through it:
 *     #define ESPEAK_API(X) X(espeak_Synth) X(espeak_Terminate)
 *     static struct { ESPEAK_API(NR_DYNLIB_MEMBER) } espeak;
 *     #define ESPEAK_SLOT(fn) NR_DYNLIB_SLOT(espeak, fn)
 *     static const nr_dynsym syms[] = { ESPEAK_API(ESPEAK_SLOT) };
 *     static nr_dynlib lib = NR_DYNLIB("libespeak-ng.so.1", syms);
 *     ... nr_dynlib_load(&lib, err, errlen) ... espeak.espeak_Synth(...);
 */
#ifndef NR_DYNLIB_H
#define NR_DYNLIB_H
#include <stddef.h>

typedef struct {
    const char *name;       /* the symbol */
    void **slot;            /* where its address goes */
} nr_dynsym;

typedef struct {
    const char *soname;     /* "libespeak-ng.so.1" */
    const nr_dynsym *syms;
    size_t n;
    int state;              /* 0 not tried, 1 loaded, -1 failed */
    char err[256];
} nr_dynlib;

#define NR_DYNLIB_MEMBER(fn) __typeof__(&fn) fn;
#define NR_DYNLIB_SLOT(api, fn) { #fn, (void **)&api.fn },
#define NR_DYNLIB(soname, syms) { soname, syms, sizeof syms / sizeof syms[0], 0, "" }

/* Loads the library once (thread-safe) and fills every slot. 0 ok; -1 with a message
 * naming the library in err. Later calls return the first outcome. */
int nr_dynlib_load(nr_dynlib *lib, char *err, size_t errlen);

#endif
