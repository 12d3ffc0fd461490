/*
 * synthpool.c — worker processes with eSpeak NG each (see synthpool.h).
 *
 * Parent and worker talk over a Unix socket pair in records: a header (type, length),
 * then the payload. The parent sends SPEAK (settings, ssml flag, pause, what it wants
 * back, text); the worker answers each with PCM and MARK records in the order they are
 * heard, then SILENCE (the pause, as a number of samples: no zeros on the wire), an MP3
 * record (the chunk encoded) when asked, then one DONE (or FAIL with a message). A worker speaks its chunks in the order given, so the
 * parent knows which chunk a record belongs to from the worker's own queue.
 *
 * A worker is a fork of the parent taken after the parent set eSpeak NG up: it speaks
 * with the parent's nr_synth, copied with the rest of the memory, so it starts in no
 * time and never initializes (or terminates) eSpeak NG itself. In synchronous mode
 * eSpeak NG needs none of the threads a fork leaves behind.
 *
 * The parent keeps at most AHEAD chunks per worker in flight, so workers never wait for
 * work while the sound held back (finished chunks behind a slower, older one) stays small.
 */
#include "synthpool.h"
#include "front/buf.h"
#include "sink/mp3seg.h"
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define AHEAD 8                 /* chunks in flight per worker */
#define PCM_BATCH 16384         /* samples a worker gathers before sending (fewer, larger writes) */
#define FIRST_BATCH 256         /* but a chunk's first sound goes at once: playback may wait for it */
#define MAX_WORKERS 64

enum { SPEAK = 1, PCM, SILENCE, MARK, MP3, DONE, FAIL };

typedef struct {
    uint32_t type, len;
} record;

typedef struct {
    nr_synth_settings settings;
    int32_t ssml, pause_ms, want;
} speak_head;

typedef struct {                /* an MP3 record's payload starts with this, then the frames */
    uint64_t frames, decoded_samples;
} mp3_head;

typedef struct {
    void *tag;
    nr_buf heard;               /* PCM and MARK records received, not yet handed on */
    size_t at;                  /* how far `heard` was handed on */
    int done;
} job;

typedef struct {
    pid_t pid;
    int fd;
    nr_buf in;                  /* bytes read, not yet a whole record */
    size_t queue[AHEAD];        /* its jobs (ring positions), oldest first */
    size_t queued;
} worker;

struct nr_synthpool {
    worker w[MAX_WORKERS];
    int n;
    nr_synth *synth;            /* the parent's: each worker speaks with its copy */
    job *ring;                  /* in flight, in submission order */
    size_t cap, head, count;
    volatile sig_atomic_t *stop;
    char err[256];
};

/* ---- both sides ------------------------------------------------------------------------- */

/* Sends all of buf; 0 ok, -1 when the other side is gone. */
static int send_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

static int send_record(int fd, uint32_t type, const void *a, size_t an, const void *b, size_t bn)
{
    record r = { type, (uint32_t)(an + bn) };
    return send_all(fd, &r, sizeof r) || (an && send_all(fd, a, an)) || (bn && send_all(fd, b, bn)) ? -1 : 0;
}

/* Reads exactly n bytes; 0 ok, -1 at end of input or on error. */
static int read_all(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n) {
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* ---- the worker process ----------------------------------------------------------------- */

typedef struct {
    int fd;
    int want;                   /* NR_SPEAK_PCM and/or NR_SPEAK_MP3 */
    int16_t batch[PCM_BATCH];
    size_t n, limit;            /* samples gathered; how many make a batch now */
    nr_buf whole;               /* with NR_SPEAK_MP3: the chunk's PCM, to encode at its end */
    int failed;
} outbox;

static int flush_pcm(outbox *o)
{
    if (o->n && (o->want & NR_SPEAK_PCM) && send_record(o->fd, PCM, o->batch, o->n * sizeof o->batch[0], NULL, 0))
        o->failed = 1;
    if (o->n && (o->want & NR_SPEAK_MP3)) nr_buf_put(&o->whole, (const char *)o->batch, o->n * sizeof o->batch[0]);
    if (o->n) o->limit = PCM_BATCH;
    o->n = 0;
    return o->failed;
}

static int gather_pcm(const int16_t *pcm, size_t n, void *user)
{
    outbox *o = user;
    while (n) {
        size_t k = o->limit - o->n < n ? o->limit - o->n : n;
        memcpy(o->batch + o->n, pcm, k * sizeof *pcm);
        o->n += k;
        pcm += k;
        n -= k;
        if (o->n == o->limit && flush_pcm(o)) return 1;
    }
    return 0;
}

/* A mark goes after the sound before it: what is gathered is sent first. */
static int send_mark(const char *name, void *user)
{
    outbox *o = user;
    if (flush_pcm(o) || send_record(o->fd, MARK, name, strlen(name), NULL, 0)) o->failed = 1;
    return o->failed;
}

/* The chunk's sound as MP3 frames (sink/mp3seg.h): encoded here, on this worker's core. */
static int send_mp3(outbox *o, int rate)
{
    nr_buf frames = { 0 };
    size_t n_frames = 0, decoded = 0;
    char err[200];
    const int16_t *pcm = (const int16_t *)(const void *)o->whole.s;
    if (o->whole.oom || nr_mp3seg_encode(pcm, o->whole.len / sizeof *pcm, rate, &frames, &n_frames, &decoded, err, sizeof err)) {
        send_record(o->fd, FAIL, o->whole.oom ? "out of memory" : err, strlen(o->whole.oom ? "out of memory" : err), NULL, 0);
        nr_buf_free(&frames);
        return -1;
    }
    mp3_head h = { n_frames, decoded };
    int rc = send_record(o->fd, MP3, &h, sizeof h, frames.s, frames.len);
    nr_buf_free(&frames);
    nr_buf_clear(&o->whole);
    return rc;
}

static void fail_and_exit(int fd, const char *msg)
{
    send_record(fd, FAIL, msg, strlen(msg), NULL, 0);
    _exit(1);
}

static void worker_main(int fd, nr_synth *synth)
{
    /* what the copied eSpeak NG was last told is not known here: the first chunk sets all */
    nr_synth_settings have;
    memset(&have, 0, sizeof have);
    have.rate_wpm = have.pitch = have.volume = have.capitals = have.punctuation = -1;
    signal(SIGINT, SIG_IGN);    /* Ctrl-C is the parent's to handle; it ends us */
    signal(SIGTERM, SIG_DFL);
    static outbox o;
    o.fd = fd;
    char *text = NULL;
    size_t room = 0;
    for (record r; read_all(fd, &r, sizeof r) == 0;) {
        speak_head h;
        if (r.type != SPEAK || r.len < sizeof h || read_all(fd, &h, sizeof h)) break;
        size_t len = r.len - sizeof h;
        if (len + 1 > room) {
            char *bigger = realloc(text, len + 1);
            if (!bigger) fail_and_exit(fd, "out of memory");
            text = bigger;
            room = len + 1;
        }
        if (len && read_all(fd, text, len)) break;
        h.settings.voice[sizeof h.settings.voice - 1] = '\0';
        h.settings.punct_some[sizeof h.settings.punct_some - 1] = '\0';
        if (nr_synth_apply(synth, &h.settings, &have)) {
            char msg[128];
            snprintf(msg, sizeof msg, "eSpeak NG has no voice '%s'", h.settings.voice);
            fail_and_exit(fd, msg);
        }
        o.limit = FIRST_BATCH;
        o.want = h.want;
        int rc = nr_synth_say(synth, text, len, h.ssml, 0, gather_pcm, send_mark, &o);
        if (flush_pcm(&o)) break;
        if (rc != 0) fail_and_exit(fd, "eSpeak NG failed on a chunk");
        /* the pause: exact digital silence, as nr_synth_say would have added it */
        uint64_t pause = (uint64_t)nr_synth_sample_rate(synth) * (uint64_t)(h.pause_ms > 0 ? h.pause_ms : 0) / 1000;
        if ((o.want & NR_SPEAK_PCM) && pause && send_record(fd, SILENCE, &pause, sizeof pause, NULL, 0)) break;
        if ((o.want & NR_SPEAK_MP3) && pause) {
            char *zeros = nr_buf_room(&o.whole, pause * sizeof(int16_t));
            if (zeros) {
                memset(zeros, 0, pause * sizeof(int16_t));
                o.whole.len += pause * sizeof(int16_t);
            }
        }
        if ((o.want & NR_SPEAK_MP3) && send_mp3(&o, nr_synth_sample_rate(synth))) _exit(1);
        if (send_record(fd, DONE, NULL, 0, NULL, 0)) break;
    }
    _exit(0);
}

/* ---- the parent ------------------------------------------------------------------------- */

static int fail(nr_synthpool *p, const char *msg)
{
    snprintf(p->err, sizeof p->err, "%s", msg);
    return -1;
}

/* Forks worker i (the other workers' sockets are closed in the child). */
static int spawn(nr_synthpool *p, int i)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) return fail(p, "cannot start a synthesis worker (socketpair)");
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        return fail(p, "cannot start a synthesis worker (fork)");
    }
    if (pid == 0) {
        close(sv[0]);
        for (int k = 0; k < p->n; k++)
            if (p->w[k].fd >= 0) close(p->w[k].fd);
        worker_main(sv[1], p->synth);
    }
    close(sv[1]);
    p->w[i].pid = pid;
    p->w[i].fd = sv[0];
    p->w[i].queued = 0;
    nr_buf_clear(&p->w[i].in);
    return 0;
}

static void end_workers(nr_synthpool *p)
{
    for (int i = 0; i < p->n; i++) {
        worker *w = &p->w[i];
        if (w->fd >= 0) close(w->fd);
        if (w->pid > 0) {
            kill(w->pid, SIGKILL);
            while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR) {}
        }
        w->fd = -1;
        w->pid = 0;
        w->queued = 0;
        nr_buf_clear(&w->in);
    }
}

static int start_workers(nr_synthpool *p)
{
    for (int i = 0; i < p->n; i++)
        if (spawn(p, i)) return -1;
    return 0;
}

int nr_synthpool_new(nr_synthpool **out, int workers, nr_synth *synth,
                     volatile sig_atomic_t *stop, char *err, size_t errlen)
{
    *out = NULL;
    if (workers < 1 || workers > MAX_WORKERS) {
        snprintf(err, errlen, "%d synthesis workers asked for (1 to %d)", workers, MAX_WORKERS);
        return -1;
    }
    nr_synthpool *p = calloc(1, sizeof *p);
    if (p) p->ring = calloc((size_t)workers * AHEAD, sizeof *p->ring);
    if (!p || !p->ring) {
        snprintf(err, errlen, "out of memory");
        nr_synthpool_free(p);
        return -1;
    }
    p->n = workers;
    p->cap = (size_t)workers * AHEAD;
    p->synth = synth;
    p->stop = stop;
    for (int i = 0; i < workers; i++) p->w[i].fd = -1;
    if (start_workers(p)) {
        snprintf(err, errlen, "%s", p->err);
        nr_synthpool_free(p);
        return -1;
    }
    *out = p;
    return 0;
}

int nr_synthpool_workers(const nr_synthpool *p) { return p->n; }
size_t nr_synthpool_pending(const nr_synthpool *p) { return p->count; }
const char *nr_synthpool_error(const nr_synthpool *p) { return p->err; }

static job *job_at(nr_synthpool *p, size_t k) { return &p->ring[(p->head + k) % p->cap]; }

/* Files the whole records in worker w's input under its oldest job. */
static int take_records(nr_synthpool *p, worker *w)
{
    size_t at = 0;
    int rc = 0;
    while (w->in.len - at >= sizeof(record)) {
        record r;
        memcpy(&r, w->in.s + at, sizeof r);
        if (w->in.len - at - sizeof r < r.len) break;          /* not all there yet */
        const char *whole = w->in.s + at, *body = whole + sizeof r;
        at += sizeof r + r.len;
        job *j = w->queued ? &p->ring[w->queue[0]] : NULL;
        if ((r.type == PCM || r.type == MARK || (r.type == SILENCE && r.len == sizeof(uint64_t)) ||
             (r.type == MP3 && r.len >= sizeof(mp3_head))) && j) {
            nr_buf_put(&j->heard, whole, sizeof r + r.len);
            if (j->heard.oom) { rc = fail(p, "out of memory"); break; }
        } else if (r.type == DONE && j) {
            j->done = 1;
            memmove(w->queue, w->queue + 1, --w->queued * sizeof w->queue[0]);
        } else {
            char msg[200];
            size_t n = r.type == FAIL && r.len < sizeof msg ? r.len : 0;
            memcpy(msg, body, n);
            msg[n] = '\0';
            rc = fail(p, n ? msg : "a synthesis worker sent nonsense");
            break;
        }
    }
    memmove(w->in.s, w->in.s + at, w->in.len - at);
    w->in.len -= at;
    return rc;
}

/* Reads what the busy workers have sent, waiting up to timeout_ms for something. */
static int pump(nr_synthpool *p, int timeout_ms)
{
    struct pollfd fds[MAX_WORKERS];
    for (int i = 0; i < p->n; i++) fds[i] = (struct pollfd){ .fd = p->w[i].queued ? p->w[i].fd : -1, .events = POLLIN };
    int ready = poll(fds, (nfds_t)p->n, timeout_ms);
    if (ready < 0) return errno == EINTR ? 0 : fail(p, "poll failed");
    for (int i = 0; i < p->n && ready > 0; i++) {
        if (!fds[i].revents) continue;
        worker *w = &p->w[i];
        char *room = nr_buf_room(&w->in, 65536);     /* read straight into the input */
        if (!room) return fail(p, "out of memory");
        ssize_t k = read(w->fd, room, 65536);
        if (k < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (k <= 0) {
            if (take_records(p, w) == 0) fail(p, "a synthesis worker died");
            return -1;
        }
        w->in.len += (size_t)k;
        if (take_records(p, w)) return -1;
    }
    return 0;
}

static int stopped(const nr_synthpool *p) { return p->stop && *p->stop; }

/* Hands on what the oldest job has received. 1 if the sink said stop. */
static int hand_on(job *j, const nr_synthpool_sink *sink)
{
    int rc = 0;
    while (!rc && j->heard.len - j->at >= sizeof(record)) {
        record r;
        memcpy(&r, j->heard.s + j->at, sizeof r);
        const char *body = j->heard.s + j->at + sizeof r;
        j->at += sizeof r + r.len;
        if (r.type == PCM) {
            rc = sink->pcm((const int16_t *)(const void *)body, r.len / sizeof(int16_t), j->tag, sink->user);
        } else if (r.type == SILENCE) {
            static const int16_t zeros[4096];
            uint64_t left;
            memcpy(&left, body, sizeof left);
            for (size_t k; left && !rc; left -= k) {
                k = left < 4096 ? (size_t)left : 4096;
                rc = sink->pcm(zeros, k, j->tag, sink->user);
            }
        } else if (r.type == MP3) {
            mp3_head h;
            memcpy(&h, body, sizeof h);
            rc = sink->mp3(body + sizeof h, r.len - sizeof h, (size_t)h.frames, (size_t)h.decoded_samples, j->tag, sink->user);
        } else {
            char name[256];
            size_t n = r.len < sizeof name ? r.len : sizeof name - 1;
            memcpy(name, body, n);
            name[n] = '\0';
            rc = sink->mark(name, j->tag, sink->user);
        }
    }
    if (j->at == j->heard.len) j->at = j->heard.len = 0;     /* all handed on: reuse the room */
    return rc;
}

int nr_synthpool_deliver(nr_synthpool *p, int all, const nr_synthpool_sink *sink)
{
    for (;;) {
        if (stopped(p)) return 1;
        if (!p->count) return 0;
        job *j = job_at(p, 0);
        if (hand_on(j, sink)) return 1;
        if (j->done) {
            void *tag = j->tag;
            nr_buf_free(&j->heard);
            memset(j, 0, sizeof *j);
            p->head = (p->head + 1) % p->cap;
            p->count--;
            if (sink->done(tag, sink->user)) return 1;
            continue;
        }
        size_t before = j->heard.len;
        if (pump(p, all ? 100 : 0)) return -1;
        if (!all && j->heard.len == before && !j->done) return 0;   /* nothing new: go on later */
    }
}

/* The worker with the fewest chunks in flight, or -1 when all have AHEAD. */
static int free_worker(const nr_synthpool *p)
{
    int best = -1;
    for (int i = 0; i < p->n; i++)
        if (p->w[i].queued < AHEAD && (best < 0 || p->w[i].queued < p->w[best].queued)) best = i;
    return best;
}

int nr_synthpool_make_room(nr_synthpool *p, const nr_synthpool_sink *sink)
{
    if (p->w[0].fd < 0 && start_workers(p)) return -1;        /* after a discard */
    while (free_worker(p) < 0 || p->count == p->cap) {
        int rc = nr_synthpool_deliver(p, 0, sink);
        if (rc) return rc;
        if (free_worker(p) >= 0 && p->count < p->cap) break;
        if (stopped(p)) return 1;
        if (pump(p, 100)) return -1;
    }
    return 0;
}

int nr_synthpool_submit(nr_synthpool *p, const nr_synth_settings *s, const char *text, size_t len,
                        int ssml, int pause_ms, int want, void *tag)
{
    int i = free_worker(p);
    if (i < 0 || p->count == p->cap || p->w[i].fd < 0) return fail(p, "no synthesis worker has room (make room first)");
    job *j = job_at(p, p->count++);
    *j = (job){ .tag = tag };
    p->w[i].queue[p->w[i].queued++] = (size_t)(j - p->ring);
    speak_head h = { *s, ssml, pause_ms, want };
    return send_record(p->w[i].fd, SPEAK, &h, sizeof h, text, len) ? fail(p, "a synthesis worker died") : 0;
}

void nr_synthpool_discard(nr_synthpool *p, void (*forget)(void *tag, void *user), void *user)
{
    for (size_t k = 0; k < p->count; k++) {
        job *j = job_at(p, k);
        if (forget) forget(j->tag, user);
        nr_buf_free(&j->heard);
        memset(j, 0, sizeof *j);
    }
    p->head = p->count = 0;
    end_workers(p);     /* busy with forgotten chunks: cheaper to start anew */
}

void nr_synthpool_free(nr_synthpool *p)
{
    if (!p) return;
    end_workers(p);
    for (int i = 0; i < p->n; i++) nr_buf_free(&p->w[i].in);
    for (size_t k = 0; p->ring && k < p->cap; k++) nr_buf_free(&p->ring[k].heard);
    free(p->ring);
    free(p);
}
