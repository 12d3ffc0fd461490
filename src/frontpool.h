/*
 * frontpool.h — the front end on several cores: paragraphs go to worker threads (each
 * with its own nr_front; the lexicon is shared read-only), and their chunks come back in
 * the order the paragraphs were given, on the caller's thread.
 */
#ifndef NR_FRONTPOOL_H
#define NR_FRONTPOOL_H
#include <stddef.h>
#include "narrator.h"
#include "front/front.h"

typedef struct nr_pool nr_pool;

/* Starts `workers` threads (>= 1). NULL when memory or threads ran out. */
nr_pool *nr_pool_new(const nr_front_config *cfg, int workers);
/* Stops the workers, dropping paragraphs not delivered yet. NULL is a no-op. */
void nr_pool_free(nr_pool *p);
/* Adds a paragraph (copied) to the batch being filled, and queues the batch for the
 * workers once it is big enough. 0 ok, -1 out of memory. */
int nr_pool_add(nr_pool *p, const char *text, size_t len);
/* Queues the batch being filled now, whatever its size. */
int nr_pool_seal(nr_pool *p);
/* Calls fn for the chunks of finished paragraphs, oldest first, waiting as long as more
 * than `keep` batches are queued or running (keep 0: wait for all). Returns 0, fn's
 * nonzero value (the rest of that paragraph is dropped, later ones stay queued), or -1
 * when a worker ran out of memory. */
int nr_pool_deliver(nr_pool *p, size_t keep, narrator_chunk_fn fn, void *user);
/* Drops every paragraph not delivered yet (waiting for batches a worker is running). */
void nr_pool_discard(nr_pool *p);
/* Batches queued, running or finished but not delivered. */
size_t nr_pool_pending(const nr_pool *p);

#endif
