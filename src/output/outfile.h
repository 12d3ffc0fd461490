/*
 * outfile.h — output files that appear whole, or not at all (outfile.c), and the writes
 * into them: what every file stage writes through.
 */
#ifndef NR_OUTFILE_H
#define NR_OUTFILE_H
#include <stddef.h>
#include "output/stage.h"

/* Written unnamed (O_TMPFILE) in the directory of path's target (path with the symbolic
 * links at its end followed), or where that is refused as a hidden ".<base>.XXXXXX" beside
 * it; mode 0666 & ~umask. */
typedef struct {
    int fd;         /* open for writing; -1 once committed or discarded */
    char *target;   /* the file replaced at commit */
    char *tmp;      /* the hidden name while there is one, else NULL */
} nr_outfile;
/* 0 ok, -1 (errno) with nothing made. */
int nr_outfile_open(nr_outfile *o, const char *path);
/* Names the file: it replaces the target (keeping that file's permission bits, and for
 * root its owner), and closes it. 0 ok, -1 (errno) with nothing left. Either way o is done. */
int nr_outfile_commit(nr_outfile *o);
/* Closes and removes the file; a no-op once committed or discarded. */
void nr_outfile_discard(nr_outfile *o);
/* For the tests: 1 = no O_TMPFILE, always the named temporary (the fallback). */
void nr_outfile_force_named(int on);

/* What a file stage's struct starts with (wav.c, file.c). */
typedef struct {
    nr_stage stage;
    char *path;     /* the target as given */
    nr_outfile out; /* the file being written; fd -1 before it is opened (or on standard output) */
    int failed;     /* a write failed: the file can only be discarded */
} nr_file_stage;
/* A zeroed file stage of `size` bytes with ops and a copy of path; NULL with a sentence in err. */
void *nr_file_stage_new(size_t size, const nr_stage_ops *ops, const char *path, char *err, size_t errlen);
/* Opens / commits its file; 0, or -1 with a sentence naming the path in err. */
int nr_file_stage_open(nr_file_stage *f, char *err, size_t errlen);
int nr_file_stage_commit(nr_file_stage *f, char *err, size_t errlen);
/* Discards the file if it is not committed and frees the stage's common part (not f). */
void nr_file_stage_discard(nr_file_stage *f);

/* Writes all n bytes (retrying short writes); 0 ok, -1 (errno). */
int nr_write_all(int fd, const void *buf, size_t n);
/* Counts `written` bytes and, every 8 MB, starts the kernel writing the file back (no
 * waiting). A long file left all dirty is written back at once when the closing rename
 * replaces an older file (ext4 does so to keep the new data safe): a third of a second for
 * a 380 MB WAV, with nothing else left to do. Only a hint: errors still come from write(). */
void nr_write_behind(int fd, size_t *unflushed, size_t written);

#endif
