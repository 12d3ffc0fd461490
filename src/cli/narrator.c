/*
 * narrator — the command line. Thin: it parses options, reads input, and drives the
 * public libnarrator API (src/narrator.h); everything else lives in the library. What a
 * subcommand prints is in a file of its own (text.c: normalize and plan); a new
 * subcommand is a mode in parse_args, a line in usage() and its file.
 *
 * Exit codes: 0 ok, 1 runtime error, 2 usage error, 128+N stopped by signal N (SIGINT,
 * SIGTERM, SIGHUP: 130 for Ctrl-C, as the shell reports a process a signal ended).
 *
 * A stopping signal makes the library stop at its next chunk and drop the output file
 * (nothing partial is left). SIGXFSZ is ignored, so that a file that grows past `ulimit -f`
 * fails its write with EFBIG ("File too large") and gets one message, not a core dump.
 */
#include "narrator.h"
#include "cli/extract.h"
#include "cli/text.h"
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum mode { SPEAK, NORMALIZE, PLAN, EXTRACT };

typedef struct {
    enum mode mode;
    int lines, quiet, list_voices, voice_from_v, stats;
    const char *input, *output, *driver, *title, *artist;
    narrator_options opt;
    const char *lexicons[64];
} cli;

static narrator *running;   /* for the signal handler */
static volatile sig_atomic_t stopped_by; /* the signal that stopped us, for the exit status */

static void on_signal(int sig)
{
    stopped_by = sig;
    narrator_stop(running);
}

static void usage(FILE *f)
{
    fprintf(f,
"Usage: narrator [OPTIONS] [FILE|-]             read FILE (or standard input) aloud\n"
"       narrator -o OUT [OPTIONS] [FILE|-]      write an audio file (.wav .mp3 .flac .ogg .opus)\n"
"       narrator normalize [--lines] [FILE|-]   print the words handed to eSpeak NG\n"
"       narrator plan [FILE|-]                  print the chunks as JSON lines\n"
"       narrator extract [FILE|-]               print the article found (title, byline,\n"
"                                               date, headings and paragraphs)\n"
"       narrator --list-voices\n"
"\n"
"Options:\n"
"  -o, -w, --output FILE   write audio to FILE; the format follows the extension\n"
"      --stdout            write WAV to standard output\n"
"  -f FILE                 read text from FILE (same as giving FILE)\n"
"  -v, --voice NAME        voice profile (voices/NAME.yaml) or a .yaml path; -v also takes\n"
"                          an eSpeak NG voice name such as en-gb (default: news)\n"
"  -s, --rate WPM          speaking rate in words per minute (80-450)\n"
"  -p, --pitch N           pitch, 0-99\n"
"      --lexicon FILE      extra YAML lexicon (repeatable; later ones win)\n"
"      --keep-junk         read everything: no removal of scraper junk\n"
"      --encoding NAME     the input is in encoding NAME (any iconv name: latin1,\n"
"                          windows-1252, utf-16...; without it: UTF-8, UTF-16 with a\n"
"                          byte-order mark, or a legacy encoding libuchardet names)\n"
"      --ssml              the input is SSML (without it: SSML when it starts with\n"
"                          <speak or <?xml; malformed SSML stops with FILE:LINE:COL)\n"
"      --from FORMAT       the input is text, html or ssml (default: told from its\n"
"                          start; text reads anything as text, binary data too);\n"
"                          a web page is read as its article alone\n"
"  -j, --jobs N            cores to use: front-end threads and eSpeak NG worker\n"
"                          processes (default: one per core; 1: all in one thread)\n"
"      --title TEXT        title tag of the output file\n"
"      --artist TEXT       artist tag of the output file\n"
"      --driver NAME       libao driver for the speakers (e.g. pulse, alsa, null)\n"
"      --lines             (normalize) one output line per input line\n"
"      --stats             at the end, one JSON line of figures on standard error:\n"
"                          first_audio_ms (from start to the first sound handed to\n"
"                          the output), chunks, audio_s, wall_s, rtf (wall_s/audio_s),\n"
"                          workers (processes speaking), peak_dbfs and rms_dbfs (the\n"
"                          loudest sample and the RMS of all samples, dB of full\n"
"                          scale; null for silence)\n"
"  -q, --quiet             no messages except errors\n"
"      --list-voices       list the voice profiles\n"
"  -h, --help              show this help\n"
"      --version           show the version\n"
"\n"
"Exit status: 0 ok, 1 error, 2 usage error, 128+N stopped by signal N (130 Ctrl-C,\n"
"129 SIGHUP, 143 SIGTERM); then no output file is left behind.\n");
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "narrator: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'narrator --help'.\n");
    return 2;
}

static int parse_int(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < INT_MIN || v > INT_MAX) return -1;
    *out = (int)v;
    return 0;
}

/* Options with a value accept "--opt VALUE" and "--opt=VALUE". */
static const char *value_of(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') return argv[*i] + n + 1;
    if (strcmp(argv[*i], name) != 0) return NULL;
    if (*i + 1 >= argc) return "";
    return argv[++*i];
}

/* --from: the input format; the formats still to come are a usage error of their own. */
static int parse_from(const char *v, int *from)
{
    static const struct { const char *name; int from; } formats[] = {
        { "text", NARRATOR_FROM_TEXT }, { "html", NARRATOR_FROM_HTML }, { "ssml", NARRATOR_FROM_SSML },
    };
    for (size_t k = 0; k < sizeof formats / sizeof *formats; k++)
        if (!strcmp(v, formats[k].name)) { *from = formats[k].from; return 0; }
    if (!strcmp(v, "markdown") || !strcmp(v, "epub")) return usage_error("--from %s: not supported yet", v);
    if (!*v) return usage_error("option '--from' needs a value%s", "");
    return usage_error("--from '%s': not text, html or ssml", v);
}

static int parse_args(cli *c, int argc, char **argv)
{
    int mode_given = 0;
    size_t nlex = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int num;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); exit(0); }
        else if (!strcmp(a, "--version")) { printf("narrator %s\n", narrator_version()); exit(0); }
        else if (!strcmp(a, "--lines")) c->lines = 1;
        else if (!strcmp(a, "--stats")) c->stats = 1;
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) c->quiet = 1;
        else if (!strcmp(a, "--list-voices")) c->list_voices = 1;
        else if (!strcmp(a, "--keep-junk")) c->opt.remove_junk = 0;
        else if (!strcmp(a, "--ssml")) c->opt.ssml = NARRATOR_SSML_ON;
        else if (!strcmp(a, "--stdout")) c->output = "-";
        else if ((v = value_of(argc, argv, &i, "-o")) || (v = value_of(argc, argv, &i, "-w")) ||
                 (v = value_of(argc, argv, &i, "--output"))) c->output = v;
        else if ((v = value_of(argc, argv, &i, "-f"))) c->input = v;
        else if ((v = value_of(argc, argv, &i, "--from"))) {
            int rc = parse_from(v, &c->opt.from);
            if (rc) return rc;
        }
        else if ((v = value_of(argc, argv, &i, "-v"))) { c->opt.voice = v; c->voice_from_v = 1; }
        else if ((v = value_of(argc, argv, &i, "--voice"))) c->opt.voice = v;
        else if ((v = value_of(argc, argv, &i, "--driver"))) c->driver = v;
        else if ((v = value_of(argc, argv, &i, "--title"))) c->title = v;
        else if ((v = value_of(argc, argv, &i, "--artist"))) c->artist = v;
        else if ((v = value_of(argc, argv, &i, "--encoding"))) c->opt.encoding = v;
        else if ((v = value_of(argc, argv, &i, "--lexicon"))) {
            if (nlex == sizeof c->lexicons / sizeof c->lexicons[0]) return usage_error("too many --lexicon files%s", "");
            c->lexicons[nlex++] = v;
        } else if ((v = value_of(argc, argv, &i, "-s")) || (v = value_of(argc, argv, &i, "--rate"))) {
            if (parse_int(v, &num) || num < 80 || num > 450) return usage_error("rate '%s' must be 80 to 450 words a minute", v);
            c->opt.rate_wpm = num;
        } else if ((v = value_of(argc, argv, &i, "-j")) || (v = value_of(argc, argv, &i, "--jobs"))) {
            if (parse_int(v, &num) || num < 1 || num > 64) return usage_error("jobs '%s' must be 1 to 64", v);
            c->opt.jobs = num;
        } else if ((v = value_of(argc, argv, &i, "-p")) || (v = value_of(argc, argv, &i, "--pitch"))) {
            if (parse_int(v, &num) || num < 0 || num > 99) return usage_error("pitch '%s' must be 0 to 99", v);
            c->opt.pitch = num;
        } else if (a[0] == '-' && a[1]) return usage_error("unknown option '%s'", a);
        /* the mode word comes before the input, after any options: "narrator -v brisk plan x.txt" */
        else if (!mode_given && !c->input && (!strcmp(a, "normalize") || !strcmp(a, "plan") || !strcmp(a, "extract"))) {
            c->mode = !strcmp(a, "plan") ? PLAN : !strcmp(a, "extract") ? EXTRACT : NORMALIZE;
            mode_given = 1;
        } else if (c->input) return usage_error("more than one input file ('%s')", a);
        else c->input = a;
        if (v && !*v) return usage_error("option '%s' needs a value", a);
    }
    c->opt.lexicons = c->lexicons;
    c->opt.n_lexicons = nlex;
    c->opt.lines = c->lines;
    if (c->opt.from == NARRATOR_FROM_HTML && c->opt.ssml == NARRATOR_SSML_ON) return usage_error("--ssml and --from html%s: choose one", "");
    if (c->lines && c->mode != NORMALIZE) return usage_error("--lines goes with 'normalize'%s", "");
    if (c->mode != SPEAK && c->output)
        return usage_error("'%s' prints text; it takes no audio output", c->mode == PLAN ? "plan" : c->mode == EXTRACT ? "extract" : "normalize");
    return 0;
}

/* When run from the source tree (build/narrator), use the tree's voices/. */
static const char *source_tree_data_dir(void)
{
    static char dir[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 32);
    if (n <= 0) return NULL;
    dir[n] = '\0';
    char *slash = strrchr(dir, '/');
    if (!slash) return NULL;
    strcpy(slash, "/../voices/news.yaml");
    struct stat st;
    if (stat(dir, &st) != 0) return NULL;
    slash[4] = '\0';     /* keep ".../build/.." */
    return dir;
}

static int fail(narrator *n, narrator_status st, const char *input)
{
    if (st == NARRATOR_ERR_STOPPED) {
        fprintf(stderr, "narrator: interrupted\n");
        return 128 + (stopped_by ? stopped_by : SIGINT);
    }
    const char *msg = n ? narrator_errmsg(n) : "";
    const char *name = input && strcmp(input, "-") ? input : "stdin";
    if (st == NARRATOR_ERR_SSML && msg[0] >= '0' && msg[0] <= '9') {   /* "LINE:COL: why" */
        fprintf(stderr, "narrator: %s:%s\n", name, msg);
        return 1;
    }
    if (st == NARRATOR_ERR_INPUT) {     /* about the input as a whole: "FILE: not text (binary data)" */
        fprintf(stderr, "narrator: %s: %s\n", name, *msg ? msg : narrator_strerror(st));
        return 1;
    }
    fprintf(stderr, "narrator: %s\n", *msg ? msg : narrator_strerror(st));
    return 1;
}

static narrator_status feed_all(narrator *n, FILE *in)
{
    static char block[1 << 16];
    size_t got;
    narrator_status st = NARRATOR_OK;
    while (!st && (got = fread(block, 1, sizeof block, in)) > 0) st = narrator_feed(n, block, got);
    return st;
}

static void print_voice(const char *name, const char *description, void *user)
{
    (void)user;
    printf("%-12s %s\n", name, description);
}

/* --stats: the clock from the start, and when the first sound went out */
static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double started;

/* A level in dB as JSON: two decimals, or null for silence (-HUGE_VAL). */
static void put_dbfs(char *out, size_t len, double db)
{
    if (isfinite(db)) snprintf(out, len, "%.2f", db);
    else snprintf(out, len, "null");
}

static void print_stats(const narrator *n)
{
    narrator_stats s;
    narrator_get_stats(n, &s);
    double wall = now_s() - started;
    double first_ms = s.first_audio_at > 0 ? (s.first_audio_at - started) * 1000 : -1.0;
    char peak[32], rms[32];
    put_dbfs(peak, sizeof peak, s.peak_dbfs);
    put_dbfs(rms, sizeof rms, s.rms_dbfs);
    fprintf(stderr, "{\"first_audio_ms\": %.1f, \"chunks\": %lu, \"audio_s\": %.3f, \"wall_s\": %.3f, "
                    "\"rtf\": %.4f, \"workers\": %d, \"peak_dbfs\": %s, \"rms_dbfs\": %s}\n",
            first_ms, s.chunks, s.audio_seconds, wall,
            s.audio_seconds > 0 ? wall / s.audio_seconds : 0.0, s.workers, peak, rms);
}

static narrator_status make_narrator(cli *c, narrator **n)
{
    narrator_status st = narrator_new(&c->opt, n);
    if (st == NARRATOR_ERR_VOICE && c->voice_from_v) {
        /* espeak-ng style: -v en-gb names an eSpeak NG voice; keep the default profile */
        narrator_free(*n);
        c->opt.espeak_voice = c->opt.voice;
        c->opt.voice = NULL;
        st = narrator_new(&c->opt, n);
    }
    return st;
}

static narrator_status open_outputs(cli *c, narrator *n)
{
    if (c->mode == NORMALIZE) return nr_cli_normalize_to_stdout(n);
    if (c->mode == PLAN) return nr_cli_plan_to_stdout(n);
    if (c->mode == EXTRACT) return nr_cli_extract_to_stdout(n);
    if (c->output) {
        narrator_tags tags = { c->title, c->artist };
        return narrator_open_file(n, c->output, &tags);
    }
    return narrator_open_speaker(n, c->driver);
}

int main(int argc, char **argv)
{
    started = now_s();
    signal(SIGXFSZ, SIG_IGN);   /* past `ulimit -f` a write fails with EFBIG: one clear message */
    cli c = { .opt = NARRATOR_OPTIONS_INIT };
    int rc = parse_args(&c, argc, argv);
    if (rc) return rc;
    if (!c.opt.data_dir) c.opt.data_dir = source_tree_data_dir();
    if (c.list_voices) {
        narrator_list_voices(c.opt.data_dir, print_voice, NULL);
        return 0;
    }
    FILE *in = stdin;
    if (c.input && strcmp(c.input, "-") != 0 && !(in = fopen(c.input, "rb"))) {
        fprintf(stderr, "narrator: cannot read %s: %s\n", c.input, strerror(errno));
        return 1;
    }
    narrator *n = NULL;
    narrator_status st = make_narrator(&c, &n);
    if (st == NARRATOR_ERR_ARG) {      /* an option the library refused, such as --encoding */
        fprintf(stderr, "narrator: %s\n", narrator_errmsg(n));
        narrator_free(n);
        if (in != stdin) fclose(in);
        return 2;
    }
    if (!st) st = open_outputs(&c, n);
    if (!st) {
        running = n;
        struct sigaction sa = { .sa_handler = on_signal };
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGHUP, &sa, NULL);
        st = c.lines ? nr_cli_normalize_lines(n, in) : feed_all(n, in);
        if (!st && ferror(in)) {
            fprintf(stderr, "narrator: cannot read %s: %s\n", c.input ? c.input : "standard input", strerror(errno));
            rc = 1;
        }
        if (!st && !rc) st = narrator_finish(n);
        if (!st && !rc && !c.quiet && c.output && strcmp(c.output, "-") != 0) {
            double secs = narrator_seconds(n);
            fprintf(stderr, "narrator: wrote %s (%d:%02d)\n", c.output, (int)secs / 60, (int)secs % 60);
        }
    }
    if (st) rc = fail(n, st, c.input);
    if (c.stats && n) print_stats(n);
    narrator_free(n);     /* on failure this also removes a partial output file */
    if (in != stdin) fclose(in);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (!rc) fprintf(stderr, "narrator: cannot write standard output: %s\n", strerror(errno));
        rc = rc ? rc : 1;
    }
    return rc;
}
