/*
 * lexcache.h — a cache of loaded lexicon files, so that start-up need not parse YAML.
 *
 * Parsing the bundled lexicons with libyaml is most of narrator's start-up (about 20 M
 * instructions for 70 KB of YAML), paid again by every `narrator normalize` and every
 * screen-reader start. The loader records what a file adds to the lexicon as a compact
 * payload; the cache keeps one payload per lexicon file under $NARRATOR_CACHE_DIR, else
 * $XDG_CACHE_HOME/narrator, else ~/.cache/narrator.
 *
 * A payload is used only while its source file is unchanged: the cache file names the
 * source's real path, size, modification time (ns), inode and device, and narrator's
 * version. Anything else (no home, unwritable folder, stale or damaged file) means
 * "no cache": the YAML is read as before. Caching never changes what is loaded.
 * NARRATOR_CACHE_DIR set to an empty string turns the cache off.
 */
#ifndef NR_LEXCACHE_H
#define NR_LEXCACHE_H
#include <stddef.h>

/* The payload cached for source, or NULL (none, stale or unreadable); free() it. */
char *nr_lexcache_read(const char *source, size_t *len);
/* Stores payload for source, replacing any older one atomically. Best effort: a cache
 * that can't be written is silently skipped. */
void nr_lexcache_write(const char *source, const char *payload, size_t len);

#endif
