/*
 * dynlib.h — loading a shared library at first use (dlopen), so that runs which never
 * make a sound (`narrator normalize`, `plan`) do not pay for mapping eSpeak NG, libsndfile,
 * libao and everything they pull in (PulseAudio, codecs): about half of start-up.
 *
 * A backend lists the functions it calls as pointers, and redirects the names to them
 * after including the library's header:
 *     static __typeof__(&espeak_Synth) espeak_Synth_p;
 *     #define espeak_Synth (*espeak_Synth_p)
 * so its code reads as ordinary calls.
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

/* Loads the library once (thread-safe) and fills every slot. 0 ok; -1 with a message
 * naming the library in err. Later calls return the first outcome. */
int nr_dynlib_load(nr_dynlib *lib, char *err, size_t errlen);

#endif
