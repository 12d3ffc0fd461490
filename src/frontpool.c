/*
 * frontpool.c — worker threads running the front end (see frontpool.h).
 *
 * Jobs (batches of paragraphs) form one list in submission order. Workers take them from `take` onwards; the
 * caller delivers from `head`, only ever the oldest one, and only once it is done, so the
 * chunks come out in the order of the text whatever order the workers finish in.
 */
#include "frontpool.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t text_off, text_len, say_off, say_len;
    int pause_ms;
    narrator_end end;
} chunk_ref;

typedef enum { QUEUED, RUNNING, DONE, FAILED } job_state;

typedef struct job {
    nr_buf text;                /* the paragraphs of the batch, one after another */
    size_t *ends;               /* where each paragraph ends in text */
    size_t n_paras, cap_paras;
    nr_buf strings;             /* every chunk's text and say, one after another */
    chunk_ref *chunks;
    size_t n, cap;
    job_state state;
    struct job *next;
} job;

typedef struct {
    nr_pool *pool;
    nr_front *front;
    pthread_t thread;
    int started;
} worker;

/* Paragraphs travel in batches, so that a thread hand-over (microseconds) is paid per
 * batch, not per paragraph. The first batches are small, for a quick first chunk. */
#define FIRST_BATCH 256
#define LAST_BATCH (16 * 1024)

struct nr_pool {
    job *open;                  /* the batch being filled (caller's thread only) */
    size_t batch_bytes;         /* its size limit, doubling up to LAST_BATCH */
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    job *head, *tail, *take;
    size_t pending;
    int shutdown;
    worker *workers;
    int n_workers;
};

static void free_job(job *j)
{
    nr_buf_free(&j->text);
    free(j->ends);
    nr_buf_free(&j->strings);
    free(j->chunks);
    free(j);
}

/* An array with twice the room (16 to start), or NULL when memory ran out (then the old
 * array and *cap stay as they were). */
static void *grow(void *array, size_t *cap, size_t elem)
{
    size_t n = *cap ? *cap * 2 : 16;
    void *bigger = realloc(array, n * elem);
    if (bigger) *cap = n;
    return bigger;
}

/* The front end's chunk callback inside a worker: copy the chunk into the job. */
static int collect(const narrator_chunk *c, void *user)
{
    job *j = user;
    if (j->n == j->cap) {
        chunk_ref *grown = grow(j->chunks, &j->cap, sizeof *grown);
        if (!grown) return -1;
        j->chunks = grown;
    }
    chunk_ref *r = &j->chunks[j->n++];
    r->text_off = j->strings.len;
    r->text_len = c->text_len;
    nr_buf_put(&j->strings, c->text, c->text_len);
    r->say_off = j->strings.len;
    r->say_len = c->say_len;
    nr_buf_put(&j->strings, c->say, c->say_len);
    r->pause_ms = c->pause_ms;
    r->end = c->end;
    return j->strings.oom ? -1 : 0;
}

static void *work(void *arg)
{
    worker *w = arg;
    nr_pool *p = w->pool;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->take && !p->shutdown) pthread_cond_wait(&p->work, &p->lock);
        if (p->shutdown) break;
        job *j = p->take;
        p->take = j->next;
        j->state = RUNNING;
        pthread_mutex_unlock(&p->lock);
        int rc = 0;
        for (size_t k = 0, from = 0; k < j->n_paras && !rc; from = j->ends[k++])
            rc = nr_front_paragraph(w->front, j->text.s + from, j->ends[k] - from, collect, j);
        pthread_mutex_lock(&p->lock);
        j->state = rc ? FAILED : DONE;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

nr_pool *nr_pool_new(const nr_front_config *cfg, int workers)
{
    nr_pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    p->workers = calloc((size_t)workers, sizeof *p->workers);
    if (!p->workers) { nr_pool_free(p); return NULL; }
    p->n_workers = workers;
    p->batch_bytes = FIRST_BATCH;
    for (int i = 0; i < workers; i++) {
        worker *w = &p->workers[i];
        w->pool = p;
        if (!(w->front = nr_front_new(cfg)) || pthread_create(&w->thread, NULL, work, w) != 0) {
            nr_pool_free(p);
            return NULL;
        }
        w->started = 1;
    }
    return p;
}

void nr_pool_free(nr_pool *p)
{
    if (!p) return;
    pthread_mutex_lock(&p->lock);
    p->shutdown = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->n_workers; i++) {
        if (p->workers[i].started) pthread_join(p->workers[i].thread, NULL);
        nr_front_free(p->workers[i].front);
    }
    for (job *j = p->head; j;) {
        job *next = j->next;
        free_job(j);
        j = next;
    }
    if (p->open) free_job(p->open);
    free(p->workers);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

int nr_pool_seal(nr_pool *p)
{
    job *j = p->open;
    if (!j) return 0;
    p->open = NULL;
    if (p->batch_bytes < LAST_BATCH) p->batch_bytes *= 2;
    pthread_mutex_lock(&p->lock);
    if (p->tail) p->tail->next = j;
    else p->head = j;
    p->tail = j;
    if (!p->take) p->take = j;
    p->pending++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->lock);
    return 0;
}

int nr_pool_add(nr_pool *p, const char *text, size_t len)
{
    job *j = p->open;
    if (!j && !(j = p->open = calloc(1, sizeof *j))) return -1;
    if (j->n_paras == j->cap_paras) {
        size_t *ends = grow(j->ends, &j->cap_paras, sizeof *ends);
        if (!ends) return -1;
        j->ends = ends;
    }
    nr_buf_put(&j->text, text, len);
    if (j->text.oom) return -1;
    j->ends[j->n_paras++] = j->text.len;
    return j->text.len >= p->batch_bytes ? nr_pool_seal(p) : 0;
}

/* Hands one finished job's chunks to fn; returns fn's first nonzero value. */
static int emit(job *j, narrator_chunk_fn fn, void *user)
{
    for (size_t k = 0; k < j->n; k++) {
        const chunk_ref *r = &j->chunks[k];
        narrator_chunk c = {
            .text = j->strings.s + r->text_off, .text_len = r->text_len,
            .say = j->strings.s + r->say_off, .say_len = r->say_len,
            .pause_ms = r->pause_ms, .end = r->end,
        };
        int rc = fn(&c, user);
        if (rc) return rc;
    }
    return 0;
}

int nr_pool_deliver(nr_pool *p, size_t keep, narrator_chunk_fn fn, void *user)
{
    pthread_mutex_lock(&p->lock);
    for (;;) {
        job *j = p->head;
        if (!j) break;
        if (j->state == QUEUED || j->state == RUNNING) {
            if (p->pending <= keep) break;
            pthread_cond_wait(&p->done, &p->lock);
            continue;
        }
        /* the oldest is finished: take it off the list and deliver outside the lock */
        p->head = j->next;
        if (!p->head) p->tail = NULL;
        p->pending--;
        pthread_mutex_unlock(&p->lock);
        int rc = j->state == FAILED ? -1 : emit(j, fn, user);
        free_job(j);
        if (rc) return rc;
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return 0;
}

void nr_pool_discard(nr_pool *p)
{
    if (p->open) free_job(p->open);
    p->open = NULL;
    pthread_mutex_lock(&p->lock);
    /* nobody has taken the jobs from `take` on: they go at once */
    job *keep = NULL, **link = &p->head;
    for (job *j = p->head; j && j != p->take; j = j->next) { keep = j; link = &j->next; }
    for (job *j = p->take; j;) {
        job *next = j->next;
        free_job(j);
        p->pending--;
        j = next;
    }
    *link = NULL;
    p->tail = keep;
    p->take = NULL;
    /* the rest are running or done: wait for the running ones, then drop them all */
    while (p->head) {
        job *j = p->head;
        if (j->state == RUNNING) { pthread_cond_wait(&p->done, &p->lock); continue; }
        p->head = j->next;
        p->pending--;
        free_job(j);
    }
    p->tail = NULL;
    pthread_mutex_unlock(&p->lock);
    p->batch_bytes = FIRST_BATCH;   /* what comes next is a new start: a quick first chunk */
}

size_t nr_pool_pending(const nr_pool *p)
{
    pthread_mutex_lock((pthread_mutex_t *)&p->lock);
    size_t n = p->pending;
    pthread_mutex_unlock((pthread_mutex_t *)&p->lock);
    return n;
}
