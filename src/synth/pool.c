/*
 * pool.c — worker processes with eSpeak NG each (see pool.h).
 *
 * Parent and worker talk over a Unix socket pair in records: a header (type, length),
 * then the payload. The parent sends SPEAK (settings, ssml flag, pause, what it wants
 * back, text); the worker answers each with PCM and MARK records in the order they are
 * heard, then SILENCE (the pause, as a number of samples: no zeros on the wire), a PIECE
 * record when asked (a run of up to PIECE_RUN consecutive chunks goes to one worker and is
 * encoded as one piece with the last of them, by the encoder the SPEAK names), then one
 * DONE (or FAIL with a message). A worker
 * speaks its chunks in the order given, so the parent knows which chunk a record belongs
 * to from the worker's own queue.
 *
 * The PCM itself does not go through the socket: each worker writes it into a ring of
 * memory shared with the parent, and a PCM record only says where (start, count). The
 * parent hands the samples on from the ring in place and then tells the worker how far
 * it has read; a worker that finds its ring full sleeps on a futex until it has room.
 * Through the socket the sound cost the kernel two copies and most of the parent's
 * system time (about a tenth of all CPU time of a long WAV).
 *
 * A worker is a fork of the parent taken after the parent set eSpeak NG up: it speaks
 * with the parent's nr_synth, copied with the rest of the memory, so it starts in no
 * time and never initializes (or terminates) eSpeak NG itself. In synchronous mode
 * eSpeak NG needs none of the threads a fork leaves behind.
 *
 * The parent keeps at most AHEAD chunks per worker in flight, so workers never wait for
 * work while the sound held back (finished chunks behind a slower, older one) stays small.
 *
 * Which worker speaks a chunk depends only on the chunks before it, never on timing
 * (next_worker): eSpeak NG carries state from one espeak_Synth call to the next (its
 * pitch flutter runs on through every call, for one), so the same chunk spoken after
 * different chunks gives different samples, even a different length. Handing chunks to
 * whichever worker was least busy made each run's file different.
 */
#define _GNU_SOURCE /* syscall(SYS_futex) */
#include "synth/pool.h"
#include "util/buf.h"
#include <errno.h>
#include <linux/futex.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define AHEAD 8                 /* chunks in flight per worker */
#define PCM_BATCH 65536         /* samples a worker writes before telling the parent (fewer wake-ups) */
#define FIRST_BATCH 256         /* but a chunk's first sound goes at once: playback may wait for it */
#define MAX_WORKERS 128        /* two for each of up to 64 cores (engine.c) */
#define PIECE_RUN 4             /* consecutive chunks a worker encodes as one piece */
#define PIECE_RUN_SAMPLES (30 * 22050) /* but a piece ends after about this much sound (memory) */
#define RING_SAMPLES (1u << 19) /* a worker's shared ring: 1 MB, 24 s at 22050 Hz, about what
                                   AHEAD chunks hold, so a worker seldom waits (two workers
                                   a core, engine.c: the same memory as 2 MB for one) */

enum { SPEAK = 1, PCM, SILENCE, MARK, PIECE, DONE, FAIL };
enum {                          /* in a SPEAK's want, with NR_SPEAK_PIECES: */
    PIECE_GOES_ON = 1 << 8,     /* the next chunk joins this one's piece */
    PIECE_CLOSE = 1 << 9,       /* no chunk: encode the piece held */
};

typedef struct {
    uint32_t type, len;
} record;

typedef struct {
    nr_synth_settings settings;
    int32_t ssml, pause_ms, want;
    nr_piece_encoder enc;       /* with NR_SPEAK_PIECES (pointers valid in the fork, pool.h) */
} speak_head;

typedef struct {                /* a PCM record's payload: samples [start, start + n) of the ring */
    uint64_t start, n;
} pcm_span;

/* Shared by one worker (writes samples, sleeps when full) and the parent (reads them). */
typedef struct {
    _Atomic uint64_t consumed;  /* samples the parent is done with, ever */
    _Atomic uint32_t seq;       /* futex word: moves each time `consumed` does */
    _Atomic uint32_t waiting;   /* the worker sleeps (or is about to) on seq */
    int16_t pcm[RING_SAMPLES];
} pcm_ring;

typedef struct {
    void *tag;
    int worker;                 /* whose ring its PCM is in */
    int closing;                /* no chunk: it ends the open piece (see deliver) */
    nr_buf heard;               /* PCM and MARK records received, not yet handed on */
    size_t at;                  /* how far `heard` was handed on */
    int done;
} job;

typedef struct {
    pid_t pid;
    int fd;
    pcm_ring *ring;             /* shared with the worker; NULL when not running */
    uint64_t announced;         /* samples its PCM records have covered, ever */
    nr_buf in;                  /* bytes read, not yet a whole record */
    size_t queue[AHEAD];        /* its jobs (ring positions), oldest first */
    size_t queued;
    uint64_t load;              /* bytes of text given to it since it started (next_worker) */
} worker;

struct nr_synthpool {
    worker w[MAX_WORKERS];
    int n;
    nr_synth *synth;            /* the parent's: each worker speaks with its copy */
    job *ring;                  /* in flight, in submission order */
    size_t cap, head, count;
    nr_piece_encoder enc;       /* what the workers encode pieces with */
    int run_worker;             /* the worker whose piece is open (-1: none) */
    int run_len;                /* chunks in that piece so far */
    volatile sig_atomic_t *stop;
    char err[256];
    nr_synthpool_failure failure;   /* what kind of failure err tells of */
};

/* ---- both sides ------------------------------------------------------------------------- */

/* Sends the pieces as one message (one wake-up for the reader); 0 ok, -1 when the
 * other side is gone. */
static int send_pieces(int fd, struct iovec *iov, int n)
{
    while (n) {
        struct msghdr m = { .msg_iov = iov, .msg_iovlen = (size_t)n };
        ssize_t k = sendmsg(fd, &m, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        size_t sent = (size_t)k;
        for (; n && sent >= iov->iov_len; iov++, n--) sent -= iov->iov_len;
        if (n) {
            iov->iov_base = (char *)iov->iov_base + sent;
            iov->iov_len -= sent;
        }
    }
    return 0;
}

static int send_record(int fd, uint32_t type, const void *a, size_t an, const void *b, size_t bn)
{
    record r = { type, (uint32_t)(an + bn) };
    struct iovec iov[3] = { { &r, sizeof r }, { (void *)a, an }, { (void *)b, bn } };
    return send_pieces(fd, iov, 3);
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
    int want;                   /* NR_SPEAK_PCM and/or NR_SPEAK_PIECES */
    pcm_ring *ring;
    pid_t parent;
    uint64_t produced;          /* samples written into the ring, ever */
    uint64_t announced;         /* of them, covered by PCM records sent */
    uint64_t limit;             /* announce once this many are unannounced */
    nr_buf whole;               /* with NR_SPEAK_PIECES: the run's PCM, to encode at its end */
    nr_buf out;                 /* records not sent yet: they go together, one wake-up */
    int failed;
} outbox;

/* Queues a record; flush() sends what is queued. */
static void post(outbox *o, uint32_t type, const void *a, size_t an, const void *b, size_t bn)
{
    record r = { type, (uint32_t)(an + bn) };
    nr_buf_put(&o->out, (const char *)&r, sizeof r);
    if (an) nr_buf_put(&o->out, a, an);
    if (bn) nr_buf_put(&o->out, b, bn);
    if (o->out.oom) o->failed = 1;
}

static int flush(outbox *o)
{
    struct iovec iov = { o->out.s, o->out.len };
    if (o->out.len && send_pieces(o->fd, &iov, 1)) o->failed = 1;
    nr_buf_clear(&o->out);
    return o->failed;
}

static long futex(_Atomic uint32_t *word, int op, uint32_t val, const struct timespec *timeout)
{
    return syscall(SYS_futex, (uint32_t *)word, op, val, timeout, NULL, 0);
}

/* Queues a PCM record for the samples written since the last one. */
static void announce(outbox *o)
{
    if (o->produced == o->announced) return;
    pcm_span span = { o->announced, o->produced - o->announced };
    post(o, PCM, &span, sizeof span, NULL, 0);
    o->announced = o->produced;
    o->limit = PCM_BATCH;
}

/* Samples that fit in the ring now. */
static uint64_t room(const outbox *o) { return RING_SAMPLES - (o->produced - atomic_load(&o->ring->consumed)); }

/* Sleeps until the parent has read some of the ring (it wakes us); 1 if the parent is gone. */
static int wait_for_room(outbox *o)
{
    while (!room(o)) {
        uint32_t seen = atomic_load(&o->ring->seq);
        atomic_store(&o->ring->waiting, 1);
        if (room(o)) break;     /* read before it saw `waiting`: it may not wake us */
        struct timespec t = { 0, 200 * 1000 * 1000 };
        futex(&o->ring->seq, FUTEX_WAIT, seen, &t);
        if (getppid() != o->parent) return o->failed = 1;
    }
    return 0;
}

static int gather_pcm(const int16_t *pcm, size_t n, void *user)
{
    outbox *o = user;
    /* An orphan stops now, not at the chunk's end: as a fork it holds the parent's file
     * descriptors, the unnamed output file among them, which lives while they are open. */
    if (getppid() != o->parent) return o->failed = 1;
    if (o->want & NR_SPEAK_PIECES) nr_buf_put(&o->whole, (const char *)pcm, n * sizeof *pcm);
    if (!(o->want & NR_SPEAK_PCM)) return 0;
    while (n) {
        if (!room(o)) {
            announce(o);        /* the parent can only free what it knows of */
            if (flush(o) || wait_for_room(o)) return 1;
        }
        uint64_t at = o->produced % RING_SAMPLES, free = room(o);
        size_t k = n;
        if (k > free) k = (size_t)free;
        if (k > RING_SAMPLES - at) k = (size_t)(RING_SAMPLES - at);     /* up to the end, then from 0 */
        memcpy(o->ring->pcm + at, pcm, k * sizeof *pcm);
        o->produced += k;
        pcm += k;
        n -= k;
        if (o->produced - o->announced >= o->limit) {
            announce(o);
            if (flush(o)) return 1;
        }
    }
    return 0;
}

/* A mark goes after the sound before it: what is gathered is sent first. */
static int send_mark(const char *name, void *user)
{
    outbox *o = user;
    announce(o);
    post(o, MARK, name, strlen(name), NULL, 0);
    return o->failed;
}

/* Sends what is queued and then the failure (its kind, one byte, then the sentence), and
 * ends the worker. */
static _Noreturn void fail_as_and_exit(outbox *o, nr_synthpool_failure kind, const char *msg)
{
    char k = (char)kind;
    post(o, FAIL, &k, 1, msg, strlen(msg));
    flush(o);
    _exit(1);
}

static _Noreturn void fail_and_exit(outbox *o, const char *msg) { fail_as_and_exit(o, NR_SYNTHPOOL_FAILED, msg); }

/* The run's sound as one encoded piece: encoded here, on this worker's core. */
static int send_piece(outbox *o, const nr_piece_encoder *enc, int rate)
{
    nr_buf piece = { 0 };
    char err[200];
    const int16_t *pcm = (const int16_t *)(const void *)o->whole.s;
    if (o->whole.oom || enc->encode(enc->self, pcm, o->whole.len / sizeof *pcm, rate, &piece, err, sizeof err)) {
        nr_buf_free(&piece);
        fail_and_exit(o, o->whole.oom ? "out of memory" : err);
    }
    post(o, PIECE, piece.s, piece.len, NULL, 0);
    nr_buf_free(&piece);
    nr_buf_clear(&o->whole);
    return o->failed;
}


static void worker_main(int fd, pcm_ring *ring, pid_t parent, nr_synth *synth)
{
    /* what the copied eSpeak NG was last told is not known here: the first chunk sets all */
    nr_synth_settings have;
    memset(&have, 0, sizeof have);
    have.rate_wpm = have.pitch = have.volume = have.capitals = have.punctuation = -1;
    signal(SIGINT, SIG_IGN);    /* Ctrl-C is the parent's to handle; it ends us */
    signal(SIGTERM, SIG_DFL);
    static outbox o;
    o.fd = fd;
    o.ring = ring;
    o.parent = parent;
    char *text = NULL;
    size_t room = 0;
    for (record r; read_all(fd, &r, sizeof r) == 0;) {
        speak_head h;
        if (r.type != SPEAK || r.len < sizeof h || read_all(fd, &h, sizeof h)) break;
        size_t len = r.len - sizeof h;
        if (len + 1 > room) {
            char *bigger = realloc(text, len + 1);
            if (!bigger) fail_and_exit(&o, "out of memory");
            text = bigger;
            room = len + 1;
        }
        if (len && read_all(fd, text, len)) break;
        if (h.want & PIECE_CLOSE) {
            if (o.whole.len) send_piece(&o, &h.enc, nr_synth_sample_rate(synth));
            post(&o, DONE, NULL, 0, NULL, 0);
            if (flush(&o)) break;
            continue;
        }
        h.settings.voice[sizeof h.settings.voice - 1] = '\0';
        h.settings.punct_some[sizeof h.settings.punct_some - 1] = '\0';
        if (nr_synth_apply(synth, &h.settings, &have)) {
            char msg[128];
            snprintf(msg, sizeof msg, "eSpeak NG has no voice '%s'", h.settings.voice);
            fail_as_and_exit(&o, NR_SYNTHPOOL_NO_VOICE, msg);
        }
        o.limit = FIRST_BATCH;
        o.want = h.want;
        int rc = nr_synth_say(synth, text, len, h.ssml, 0, gather_pcm, send_mark, &o);
        if (o.failed) break;
        announce(&o);
        if (rc != 0) fail_and_exit(&o, "eSpeak NG failed on a chunk");
        /* the pause: exact digital silence, as nr_synth_say would have added it */
        uint64_t pause = nr_synth_pause_samples(synth, h.pause_ms);
        if ((o.want & NR_SPEAK_PCM) && pause) post(&o, SILENCE, &pause, sizeof pause, NULL, 0);
        if ((o.want & NR_SPEAK_PIECES) && pause) {
            char *zeros = nr_buf_room(&o.whole, pause * sizeof(int16_t));
            if (zeros) {
                memset(zeros, 0, pause * sizeof(int16_t));
                o.whole.len += pause * sizeof(int16_t);
            }
        }
        int goes_on = (h.want & PIECE_GOES_ON) && o.whole.len < PIECE_RUN_SAMPLES * sizeof(int16_t);
        if ((o.want & NR_SPEAK_PIECES) && !goes_on) send_piece(&o, &h.enc, nr_synth_sample_rate(synth));
        post(&o, DONE, NULL, 0, NULL, 0);
        if (flush(&o)) break;
    }
    _exit(0);
}

/* ---- the parent ------------------------------------------------------------------------- */

static int fail_as(nr_synthpool *p, nr_synthpool_failure kind, const char *msg)
{
    snprintf(p->err, sizeof p->err, "%s", msg);
    p->failure = kind;
    return -1;
}

static int fail(nr_synthpool *p, const char *msg) { return fail_as(p, NR_SYNTHPOOL_FAILED, msg); }

/* Forks worker i (the other workers' sockets are closed in the child). */
static int spawn(nr_synthpool *p, int i)
{
    int sv[2];
    pcm_ring *ring = mmap(NULL, sizeof *ring, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (ring == MAP_FAILED) return fail(p, "cannot start a synthesis worker (out of memory)");
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) {
        munmap(ring, sizeof *ring);
        return fail(p, "cannot start a synthesis worker (socketpair)");
    }
    pid_t parent = getpid(), pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        munmap(ring, sizeof *ring);
        return fail(p, "cannot start a synthesis worker (fork)");
    }
    if (pid == 0) {
        close(sv[0]);
        for (int k = 0; k < p->n; k++) {
            if (p->w[k].fd >= 0) close(p->w[k].fd);
            if (p->w[k].ring) munmap(p->w[k].ring, sizeof *p->w[k].ring);
        }
        worker_main(sv[1], ring, parent, p->synth);
    }
    close(sv[1]);
    p->w[i].pid = pid;
    p->w[i].fd = sv[0];
    p->w[i].ring = ring;
    p->w[i].announced = 0;
    p->w[i].queued = 0;
    p->w[i].load = 0;
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
        if (w->ring) munmap(w->ring, sizeof *w->ring);
        w->ring = NULL;
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
    p->run_worker = -1;
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
void nr_synthpool_set_encoder(nr_synthpool *p, const nr_piece_encoder *enc) { p->enc = *enc; }
size_t nr_synthpool_pending(const nr_synthpool *p) { return p->count; }
const char *nr_synthpool_error(const nr_synthpool *p) { return p->err; }
nr_synthpool_failure nr_synthpool_failed_as(const nr_synthpool *p) { return p->failure; }

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
        if (r.type == PCM && j) {
            pcm_span span;
            if (r.len != sizeof span) { rc = fail(p, "a synthesis worker sent nonsense"); break; }
            memcpy(&span, body, sizeof span);
            if (span.start != w->announced || span.n > RING_SAMPLES) { rc = fail(p, "a synthesis worker sent nonsense"); break; }
            w->announced += span.n;
        }
        if ((r.type == PCM || r.type == MARK || (r.type == SILENCE && r.len == sizeof(uint64_t)) ||
             r.type == PIECE) && j) {
            nr_buf_put(&j->heard, whole, sizeof r + r.len);
            if (j->heard.oom) { rc = fail(p, "out of memory"); break; }
        } else if (r.type == DONE && j) {
            j->done = 1;
            memmove(w->queue, w->queue + 1, --w->queued * sizeof w->queue[0]);
        } else {
            char msg[200];
            size_t n = r.type == FAIL && r.len > 1 && r.len <= sizeof msg ? r.len - 1 : 0;
            memcpy(msg, body + 1, n);
            msg[n] = '\0';
            nr_synthpool_failure kind = n && body[0] == NR_SYNTHPOOL_NO_VOICE ? NR_SYNTHPOOL_NO_VOICE : NR_SYNTHPOOL_FAILED;
            rc = fail_as(p, kind, n ? msg : "a synthesis worker sent nonsense");
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

static int close_piece(nr_synthpool *p, const nr_synthpool_sink *sink);
static int stopped(const nr_synthpool *p) { return p->stop && *p->stop; }

/* Hands on a span of worker w's ring in place (in two pieces where it wraps), then
 * gives the worker the room back. */
static int hand_on_pcm(worker *w, pcm_span span, void *tag, const nr_synthpool_sink *sink)
{
    pcm_ring *ring = w->ring;
    int rc = 0;
    for (uint64_t at = span.start, end = span.start + span.n; at < end && !rc;) {
        uint64_t pos = at % RING_SAMPLES, k = end - at;
        if (k > RING_SAMPLES - pos) k = RING_SAMPLES - pos;
        rc = sink->pcm(ring->pcm + pos, (size_t)k, tag, sink->user);
        at += k;
    }
    atomic_store(&ring->consumed, span.start + span.n);
    atomic_fetch_add(&ring->seq, 1);
    if (atomic_exchange(&ring->waiting, 0)) futex(&ring->seq, FUTEX_WAKE, 1, NULL);
    return rc;
}

/* Hands on what the oldest job has received. 1 if the sink said stop. */
static int hand_on(nr_synthpool *p, job *j, const nr_synthpool_sink *sink)
{
    int rc = 0;
    while (!rc && j->heard.len - j->at >= sizeof(record)) {
        record r;
        memcpy(&r, j->heard.s + j->at, sizeof r);
        const char *body = j->heard.s + j->at + sizeof r;
        j->at += sizeof r + r.len;
        if (r.type == PCM) {
            pcm_span span;
            memcpy(&span, body, sizeof span);
            rc = hand_on_pcm(&p->w[j->worker], span, j->tag, sink);
        } else if (r.type == SILENCE) {
            static const int16_t zeros[4096];
            uint64_t left;
            memcpy(&left, body, sizeof left);
            for (size_t k; left && !rc; left -= k) {     /* a stop cuts a long pause short */
                k = left < 4096 ? (size_t)left : 4096;
                rc = p->stop && *p->stop ? 1 : sink->pcm(zeros, k, j->tag, sink->user);
            }
        } else if (r.type == PIECE) {
            rc = sink->piece(body, r.len, j->tag, sink->user);
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
    int rc = all ? close_piece(p, sink) : 0;
    if (rc) return rc;
    for (;;) {
        if (stopped(p)) return 1;
        if (!p->count) return 0;
        job *j = job_at(p, 0);
        if (hand_on(p, j, sink)) return 1;
        if (j->done) {
            void *tag = j->tag;
            int closing = j->closing;
            nr_buf_free(&j->heard);
            memset(j, 0, sizeof *j);
            p->head = (p->head + 1) % p->cap;
            p->count--;
            if (!closing && sink->done(tag, sink->user)) return 1;
            continue;
        }
        size_t before = j->heard.len;
        if (pump(p, all ? 100 : 0)) return -1;
        if (!all && j->heard.len == before && !j->done) return 0;   /* nothing new: go on later */
    }
}

/* The worker the next chunk goes to: while a piece is open the one that has it, else
 * the one given the least text so far (the first of equals). A function of the chunks
 * submitted since the workers started, not of how far each worker has got: each eSpeak
 * NG's sound depends on what it spoke before (see the top), so the same input must give
 * each worker the same chunks in every run. Text length stands in for the work (its
 * correlation with eSpeak NG's time for a chunk is 0.99), which keeps the shares about
 * equal; taking turns (chunk k to worker k mod n) let them drift apart, by 8 % of the
 * time on the seed article repeated. A share fixed in advance cannot follow a core that
 * has less time for its worker at the moment, so engine.c starts two workers a core. */
static int next_worker(const nr_synthpool *p)
{
    if (p->run_worker >= 0) return p->run_worker;
    int best = 0;
    for (int i = 1; i < p->n; i++)
        if (p->w[i].load < p->w[best].load) best = i;
    return best;
}

/* 1 if the next chunk can be submitted now: its worker has fewer than AHEAD in flight. */
static int has_room(const nr_synthpool *p)
{
    return p->count < p->cap && p->w[next_worker(p)].queued < AHEAD;
}

int nr_synthpool_make_room(nr_synthpool *p, const nr_synthpool_sink *sink)
{
    if (p->w[0].fd < 0 && start_workers(p)) return -1;        /* after a discard */
    while (!has_room(p)) {
        int rc = nr_synthpool_deliver(p, 0, sink);
        if (rc) return rc;
        if (has_room(p)) break;
        if (stopped(p)) return 1;
        if (pump(p, 100)) return -1;
    }
    return 0;
}

static int submit_job(nr_synthpool *p, const nr_synth_settings *s, const char *text, size_t len,
                      int ssml, int pause_ms, int want, void *tag, int closing)
{
    int i = next_worker(p);
    if (!has_room(p) || p->w[i].fd < 0) return fail(p, "no synthesis worker has room (make room first)");
    job *j = job_at(p, p->count++);
    *j = (job){ .tag = tag, .worker = i, .closing = closing };
    p->w[i].queue[p->w[i].queued++] = (size_t)(j - p->ring);
    p->w[i].load += len;
    p->run_worker = -1;
    if ((want & NR_SPEAK_PIECES) && !closing && ++p->run_len < PIECE_RUN) {
        want |= PIECE_GOES_ON;
        p->run_worker = i;
    }
    if (p->run_worker < 0) p->run_len = 0;
    speak_head h = { *s, ssml, pause_ms, want, p->enc };
    return send_record(p->w[i].fd, SPEAK, &h, sizeof h, text, len) ? fail(p, "a synthesis worker died") : 0;
}

int nr_synthpool_submit(nr_synthpool *p, const nr_synth_settings *s, const char *text, size_t len,
                        int ssml, int pause_ms, int want, void *tag)
{
    return submit_job(p, s, text, len, ssml, pause_ms, want, tag, 0);
}

/* Ends the open piece: its worker gets nothing to say, and encodes what it holds. */
static int close_piece(nr_synthpool *p, const nr_synthpool_sink *sink)
{
    if (p->run_worker < 0) return 0;
    int rc = nr_synthpool_make_room(p, sink);
    if (rc) return rc;
    nr_synth_settings none;
    memset(&none, 0, sizeof none);
    return submit_job(p, &none, "", 0, 0, 0, NR_SPEAK_PIECES | PIECE_CLOSE, NULL, 1);
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
    p->run_worker = -1;
    p->run_len = 0;
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
