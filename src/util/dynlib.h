/*
 * dynlib.h — loading a shared library at first use (dlopen), so that runs which never
 * make a sound (`narrator normalize`, `plan`) do not pay for mapping eSpeak NG, libsndfile,
 * libao and everything they pull in (PulseAudio, codecs): about half of start-up.
 *
 * A backend lists the functions it calls in an X-macro, after including the library's header
 * (the pointers get their types from its prototypes); NR_DYNLIB_DEFINE makes a struct of
 * pointers named after the library, its symbol table and its loader NAME_lib, and the code
 * calls through the struct:
 *     #define ESPEAK_API(X, a) X(a, espeak_Synth) X(a, espeak_Terminate)
 *     NR_DYNLIB_DEFINE(espeak, ESPEAK_API, "libespeak-ng.so.1");
 *     ... nr_dynlib_load(&espeak_lib, err, errlen) ... espeak.espeak_Synth(...);
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

#define NR_DYNLIB_MEMBER(api, fn) __typeof__(&fn) fn;
#define NR_DYNLIB_SLOT(api, fn) { #fn, (void **)&api.fn },
#define NR_DYNLIB(soname, syms) { soname, syms, sizeof syms / sizeof syms[0], 0, "" }
#define NR_DYNLIB_DEFINE(api, FUNCTIONS, soname) \
    static struct { FUNCTIONS(NR_DYNLIB_MEMBER, api) } api; \
    static const nr_dynsym api##_syms[] = { FUNCTIONS(NR_DYNLIB_SLOT, api) }; \
    static nr_dynlib api##_lib = NR_DYNLIB(soname, api##_syms)

/* Loads the library once (thread-safe) and fills every slot. 0 ok; -1 with a message
 * naming the library in err. Later calls return the first outcome. */
int nr_dynlib_load(nr_dynlib *lib, char *err, size_t errlen);

#endif
