/* test_ssml.c — SSML input: planned chunks (tests/cases/ssml.tsv), marks in order at their
 * place in the audio, breaks, prosody and phonemes in the sound, malformed documents,
 * detection, pieces, threads and reset. */
#include "harness.h"
#include "fixtures.h"
#include "narrator.h"
#include "input/ssml.h"
#include "util/buf.h"
#include "front/markers.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static narrator *make_ssml(int ssml, int jobs) { return test_narrator(0, jobs, ssml); }

/* Chunks as "say|pause_ms;"; a private-use byte in a say text is recorded as "<PUA>". */
static int record(const narrator_chunk *c, void *user)
{
    nr_buf *b = user;
    if (memchr(c->say, 0xF3, c->say_len) || memchr(c->text, 0xF3, c->text_len)) nr_buf_puts(b, "<PUA>");
    nr_buf_put(b, c->say, c->say_len);
    char tail[32];
    snprintf(tail, sizeof tail, "|%d;", c->pause_ms);
    nr_buf_puts(b, tail);
    return 0;
}

/* Plans text fed in pieces of `piece` bytes; returns the status of the last call. */
static narrator_status plan(const char *text, int ssml, int jobs, size_t piece, nr_buf *out)
{
    narrator *n = make_ssml(ssml, jobs);
    narrator_on_chunk(n, record, out);
    size_t len = strlen(text);
    narrator_status st = NARRATOR_OK;
    for (size_t i = 0; i < len && !st; i += piece) st = narrator_feed(n, text + i, len - i < piece ? len - i : piece);
    if (!st) st = narrator_finish(n);
    narrator_free(n);
    return st;
}

static void plan_row(char **cols, int ncols, const char *where, void *user)
{
    (void)user;
    if (!CHECK(ncols == 2, "%s: two columns", where)) return;
    nr_buf got = { 0 };
    narrator_status st = plan(cols[0], NARRATOR_SSML_ON, 1, strlen(cols[0]), &got);
    CHECK(st == NARRATOR_OK, "%s: status %d", where, st);
    CHECK_STR(nr_buf_str(&got), cols[1], "%s", where);
    nr_buf_free(&got);
}

NR_TEST(ssml_table)
{
    CHECK(nr_table_each("tests/cases/ssml.tsv", plan_row, NULL) >= 30, "ssml.tsv has its rows");
}

static const char *DOC =
    "<?xml version=\"1.0\"?>\n<speak>\n<p><s>First part, <mark name=\"a\"/>second part.</s>"
    "<s><mark name=\"b\"/>Third <emphasis>sentence</emphasis> <mark name=\"c\"/>comes here.</s></p>\n"
    "<p>A <prosody rate=\"fast\">new paragraph, with <say-as interpret-as=\"characters\">TTS</say-as></prosody> "
    "on <say-as interpret-as=\"date\" format=\"mdy\">1/2/2003</say-as>.<break time=\"300ms\"/></p>\n</speak>\n";

NR_TEST(ssml_pieces_and_threads)
{
    nr_buf whole = { 0 };
    CHECK(plan(DOC, NARRATOR_SSML_AUTO, 1, strlen(DOC), &whole) == NARRATOR_OK, "whole document");
    CHECK_STR(nr_buf_str(&whole), "First part,|200;second part.|500;Third sentence comes here.|1000;"
              "A new paragraph,|200;with T T S on january second two thousand three.|1300;", "the plan");
    size_t pieces[] = { 1, 2, 5, 13 };
    for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) {
        nr_buf got = { 0 };
        plan(DOC, NARRATOR_SSML_AUTO, 1, pieces[k], &got);
        CHECK_STR(nr_buf_str(&got), nr_buf_str(&whole), "fed in pieces of %zu", pieces[k]);
        nr_buf_free(&got);
    }
    nr_buf many = { 0 }, text = { 0 };
    nr_buf_puts(&text, "<speak>");
    for (int i = 0; i < 400; i++) nr_buf_puts(&text, "<p>One <mark name=\"m\"/>more, <emphasis>then</emphasis> <break/>some.</p>");
    nr_buf_puts(&text, "</speak>");
    nr_buf serial = { 0 };
    plan(nr_buf_str(&text), NARRATOR_SSML_AUTO, 1, 999, &serial);
    plan(nr_buf_str(&text), NARRATOR_SSML_AUTO, 3, 999, &many);
    CHECK(serial.len > 400 * 20 && strcmp(nr_buf_str(&serial), nr_buf_str(&many)) == 0, "3 threads plan what 1 plans");
    nr_buf_free(&many);
    nr_buf_free(&serial);
    nr_buf_free(&text);
    nr_buf_free(&whole);
}

/* Events in order: chunk starts (with the sample count), marks (with the sample count). */
typedef struct {
    size_t samples;
    int n;
    char kind[32];
    char name[32][24];
    size_t at[32];
    size_t chunk_end[32];   /* samples when each chunk's speech ended (its pause excluded) */
    size_t pause;
} timeline;

static void event(timeline *t, char kind, const char *name)
{
    if (t->n >= 32) return;
    t->kind[t->n] = kind;
    snprintf(t->name[t->n], sizeof t->name[t->n], "%s", name);
    t->at[t->n++] = t->samples;
}

static int on_audio(const int16_t *pcm, size_t n, int rate, const narrator_chunk *c, int start, void *user)
{
    (void)pcm;
    timeline *t = user;
    if (start) {
        char say[24];
        snprintf(say, sizeof say, "%.*s", (int)(c->say_len < 20 ? c->say_len : 20), c->say);
        event(t, 'C', say);
        t->pause = (size_t)rate * (size_t)c->pause_ms / 1000;
    }
    t->samples += n;
    return 0;
}

static int on_mark(const char *name, void *user)
{
    event(user, 'M', name);
    return 0;
}

NR_TEST(ssml_marks_in_the_audio)
{
    narrator *n = make_ssml(NARRATOR_SSML_AUTO, 0);
    timeline *t = calloc(1, sizeof *t);
    narrator_on_audio(n, on_audio, t);
    narrator_on_mark(n, on_mark, t);
    CHECK(narrator_feed(n, DOC, strlen(DOC)) == NARRATOR_OK, "feed: %s", narrator_errmsg(n));
    CHECK(narrator_finish(n) == NARRATOR_OK, "finish: %s", narrator_errmsg(n));
    nr_buf order = { 0 };
    for (int i = 0; i < t->n; i++) {
        nr_buf_putc(&order, t->kind[i]);
        if (t->kind[i] == 'M') nr_buf_puts(&order, t->name[i]);
        nr_buf_putc(&order, ' ');
        if (i) CHECK(t->at[i] >= t->at[i - 1], "event %d at %zu, after %zu", i, t->at[i], t->at[i - 1]);
    }
    /* a at the start of chunk 2, b at the start of chunk 3, c inside chunk 3 */
    CHECK_STR(nr_buf_str(&order), "C Ma C Mb C Mc C C ", "marks between the right chunks");
    if (t->n == 9) {
        CHECK(t->at[1] > 22050 / 2 && t->at[1] == t->at[2], "a: after chunk 1 and its pause, before chunk 2 (%zu, %zu)",
              t->at[1], t->at[2]);
        CHECK(t->at[5] > t->at[4] + 22050 / 3 && t->at[5] + 22050 / 3 < t->at[7],
              "c: well inside chunk 3 (%zu < %zu < %zu)", t->at[4], t->at[5], t->at[7]);
    }
    free(t);
    nr_buf_free(&order);
    narrator_free(n);
}

/* Without audio, marks come once the chunk holding them is planned. */
static int log_chunk(const narrator_chunk *c, void *user)
{
    nr_buf_puts(user, "C ");
    (void)c;
    return 0;
}

static int log_mark(const char *name, void *user)
{
    nr_buf_putc(user, 'M');
    nr_buf_puts(user, name);
    nr_buf_putc(user, ' ');
    return 0;
}

static int stop_at_mark(const char *name, void *user) { (void)name; (void)user; return 1; }

NR_TEST(ssml_marks_without_audio)
{
    narrator *n = make_ssml(NARRATOR_SSML_AUTO, 1);
    nr_buf log = { 0 };
    narrator_on_chunk(n, log_chunk, &log);
    narrator_on_mark(n, log_mark, &log);
    narrator_feed(n, DOC, strlen(DOC));
    narrator_finish(n);
    CHECK_STR(nr_buf_str(&log), "C C Ma C Mb Mc C C ", "marks after the chunk that holds them");
    nr_buf_free(&log);
    narrator_free(n);
    n = make_ssml(NARRATOR_SSML_AUTO, 1);
    narrator_on_mark(n, stop_at_mark, NULL);
    narrator_status st = narrator_feed(n, DOC, strlen(DOC));
    if (!st) st = narrator_finish(n);
    CHECK(st == NARRATOR_ERR_CALLBACK, "a mark callback can stop (got %d)", st);
    narrator_free(n);
}

static test_sound speak(const char *ssml)
{
    test_sound s = TEST_SOUND_INIT;
    narrator *n = make_ssml(NARRATOR_SSML_ON, 1);
    narrator_on_audio(n, test_listen, &s);
    CHECK(narrator_feed(n, ssml, strlen(ssml)) == NARRATOR_OK, "feed %s: %s", ssml, narrator_errmsg(n));
    CHECK(narrator_finish(n) == NARRATOR_OK, "finish %s: %s", ssml, narrator_errmsg(n));
    narrator_free(n);
    return s;
}

NR_TEST(ssml_sound)
{
    test_sound plain = speak("<speak>The quick brown fox, it jumps over the lazy dog.</speak>");
    test_sound fast = speak("<speak><prosody rate=\"x-fast\">The quick brown fox, it jumps over the lazy dog.</prosody></speak>");
    test_sound slow = speak("<speak><prosody rate=\"50%\">The quick brown fox, it jumps over the lazy dog.</prosody></speak>");
    test_sound half = speak("<speak>The quick brown fox, <prosody rate=\"0.5\">it jumps over the lazy dog.</prosody></speak>");
    CHECK(fast.samples < plain.samples && plain.samples < slow.samples, "rate: x-fast %zu < plain %zu < 50%% %zu",
          fast.samples, plain.samples, slow.samples);
    CHECK(half.samples > plain.samples + 22050 / 2 && half.samples < slow.samples, "a span over the second chunk only: %zu",
          half.samples);
    test_sound soft = speak("<speak><prosody volume=\"x-soft\">The quick brown fox, it jumps over the lazy dog.</prosody></speak>");
    test_sound db = speak("<speak><prosody volume=\"-12dB\">The quick brown fox, it jumps over the lazy dog.</prosody></speak>");
    CHECK(soft.peak * 2 < plain.peak && db.peak * 2 < plain.peak, "volume: peaks %d, %d below %d", soft.peak, db.peak, plain.peak);
    test_sound high = speak("<speak><prosody pitch=\"x-high\">The quick brown fox, it jumps over the lazy dog.</prosody></speak>");
    test_sound st = speak("<speak><prosody pitch=\"+4st\">The quick brown fox, it jumps over the lazy dog.</prosody></speak>");
    CHECK(high.hash != plain.hash && st.hash != plain.hash && st.hash != high.hash, "pitch changes the sound");
    test_sound emph = speak("<speak>The quick brown fox, it jumps over the <emphasis level=\"strong\">lazy</emphasis> dog.</speak>");
    CHECK(emph.hash != plain.hash, "emphasis changes the sound");
    test_sound words = speak("<speak>One two.</speak>");
    test_sound gap = speak("<speak>One <break time=\"1500ms\"/> two.</speak>");
    CHECK(gap.samples > words.samples + 22050 * 14 / 10 && gap.samples < words.samples + 22050 * 17 / 10,
          "a 1.5 s break inside a sentence (%zu vs %zu)", gap.samples, words.samples);
    test_sound hello = speak("<speak>Say hello.</speak>");
    test_sound ph = speak("<speak>Say <phoneme ph=\"g'Udbaj\">hello</phoneme>.</speak>");
    CHECK(ph.hash != hello.hash && ph.samples > 22050 / 2, "phonemes are spoken, not the text");
}

/* Malformed SSML: NARRATOR_ERR_SSML, "LINE:COLUMN: why", no crash; later calls fail too. */
static void malformed(const char *doc, const char *where, const char *why)
{
    narrator *n = make_ssml(NARRATOR_SSML_AUTO, 1);
    nr_buf got = { 0 };
    narrator_on_chunk(n, record, &got);
    narrator_status st = narrator_feed(n, doc, strlen(doc));
    if (!st) st = narrator_finish(n);
    CHECK(st == NARRATOR_ERR_SSML, "%s: NARRATOR_ERR_SSML (got %d: %s)", doc, st, narrator_errmsg(n));
    CHECK(strncmp(narrator_errmsg(n), where, strlen(where)) == 0 && strstr(narrator_errmsg(n), why),
          "%s: message '%s' starts '%s' and says '%s'", doc, narrator_errmsg(n), where, why);
    CHECK(narrator_feed(n, "more", 4) == NARRATOR_ERR_SSML, "%s: still failing", doc);
    CHECK(narrator_reset(n) == NARRATOR_OK, "reset");
    nr_buf_clear(&got);
    CHECK(narrator_feed(n, "Fine again.", 11) == NARRATOR_OK && narrator_finish(n) == NARRATOR_OK, "after reset: %s", narrator_errmsg(n));
    CHECK_STR(nr_buf_str(&got), "Fine again.|1000;", "%s: a reset reads again", doc);
    nr_buf_free(&got);
    narrator_free(n);
}

/* Malformed documents: where the message points ("LINE:") and what it says. */
static const struct { const char *doc, *where, *why; } MALFORMED[] = {
    { "<speak>\n<p>Unclosed paragraph", "2:", "<p> is closed" },
    { "<speak><p>One</speak>", "1:", "mismatch" },
    { "<speak>Tom & Jerry</speak>", "1:", "" },
    { "<speak>An &unknown; entity</speak>", "1:", "unknown" },
    { "<speak>One</speak> and text after", "1:", "Extra content" },
    { "<speak>\n\nWait <break time=\"soon\"/></speak>", "3:", "break time 'soon'" },
    { "<speak><break strength=\"huge\"/></speak>", "1:", "break strength 'huge'" },
    { "<speak><prosody rate=\"quick\">x</prosody></speak>", "1:", "prosody rate 'quick'" },
    { "<speak><prosody pitch=\"200\">x</prosody></speak>", "1:", "prosody pitch '200'" },
    { "<speak><emphasis level=\"loud\">x</emphasis></speak>", "1:", "emphasis level 'loud'" },
    { "<speak><mark/></speak>", "1:", "mark needs a name" },
    { "<speak><sub>W3C</sub></speak>", "1:", "sub needs an alias" },
    { "<speak><say-as>12</say-as></speak>", "1:", "say-as needs an interpret-as" },
    { "<speak><phoneme>x</phoneme></speak>", "1:", "phoneme needs a ph" },
    { "<speak attr=novalue>x</speak>", "1:", "" },
};

NR_TEST(ssml_malformed)
{
    for (size_t k = 0; k < sizeof MALFORMED / sizeof MALFORMED[0]; k++)
        malformed(MALFORMED[k].doc, MALFORMED[k].where, MALFORMED[k].why);
    /* breaks longer than a minute: refused before any arithmetic (2147483s overflowed an
     * int once added to the chunk's pause, 3600000s overflowed the conversion to int) */
    static const char *const too_long[] = { "99999s", "2147483s", "3600000s", "60001ms", "60.5s", "1e999s" };
    for (size_t k = 0; k < sizeof too_long / sizeof too_long[0]; k++) {
        char doc[96], why[64];
        snprintf(doc, sizeof doc, "<speak>a<break time=\"%s\"/>b</speak>", too_long[k]);
        snprintf(why, sizeof why, "break time '%s' is longer than 60 s", too_long[k]);
        malformed(doc, "1:", why);
    }
}

NR_TEST(ssml_detection)
{
    nr_buf got = { 0 };
    plan("<b>bold</b> text", NARRATOR_SSML_AUTO, 1, 3, &got);
    CHECK(strstr(nr_buf_str(&got), "bold") && strstr(nr_buf_str(&got), "b>"), "AUTO: other markup is text: %s", nr_buf_str(&got));
    nr_buf_clear(&got);
    plan("\xEF\xBB\xBF  \n\t<speak>Hi <mark name=\"x\"/>there.</speak>", NARRATOR_SSML_AUTO, 1, 1, &got);
    CHECK_STR(nr_buf_str(&got), "Hi there.|1000;", "AUTO: after a BOM and blanks, fed a byte at a time");
    nr_buf_clear(&got);
    plan("<spe", NARRATOR_SSML_AUTO, 1, 10, &got);
    CHECK(strstr(nr_buf_str(&got), "spe") != NULL, "AUTO: a text shorter than <speak is text: %s", nr_buf_str(&got));
    nr_buf_clear(&got);
    plan("<speak>Hi.</speak>", NARRATOR_SSML_OFF, 1, 100, &got);
    CHECK(strstr(nr_buf_str(&got), "speak") != NULL, "OFF: tags are text: %s", nr_buf_str(&got));
    nr_buf_clear(&got);
    plan("<p>Forced.</p>", NARRATOR_SSML_ON, 1, 100, &got);
    CHECK_STR(nr_buf_str(&got), "Forced.|1000;", "ON: any root element");

    /* documents one after another, each ended by a flush; a flush or a reset decides again */
    narrator *n = make_ssml(NARRATOR_SSML_AUTO, 1);
    nr_buf_clear(&got);
    narrator_on_chunk(n, record, &got);
    const char *one = "<speak>First.</speak>", *two = "<speak>Second <mark name=\"m\"/>one.</speak>";
    CHECK(narrator_feed(n, one, strlen(one)) == NARRATOR_OK && narrator_flush(n) == NARRATOR_OK, "doc 1: %s", narrator_errmsg(n));
    CHECK(narrator_feed(n, two, strlen(two)) == NARRATOR_OK && narrator_flush(n) == NARRATOR_OK, "doc 2: %s", narrator_errmsg(n));
    CHECK(narrator_feed(n, "Plain <i>now</i>.", 17) == NARRATOR_OK && narrator_flush(n) == NARRATOR_OK, "plain after a flush");
    CHECK(narrator_feed(n, "<speak>Third.</speak>", 21) == NARRATOR_OK && narrator_flush(n) == NARRATOR_OK, "SSML after plain");
    narrator_reset(n);
    CHECK(narrator_feed(n, "Last <i>one</i>.", 16) == NARRATOR_OK && narrator_finish(n) == NARRATOR_OK, "plain after reset");
    CHECK(strncmp(nr_buf_str(&got), "First.|1000;Second one.|1000;Plain", 34) == 0, "two documents, then text: %s", nr_buf_str(&got));
    CHECK(strstr(nr_buf_str(&got), "i>") != NULL && strstr(nr_buf_str(&got), "|1000;Third.|1000;Last"),
          "plain, SSML, plain: %s", nr_buf_str(&got));
    nr_buf_free(&got);
    narrator_free(n);
}

/* A screen reader: speak, stop in the middle, reset, speak another document. */
static int stop_on_first_mark(const char *name, void *user)
{
    (void)name;
    narrator_stop(user);
    return 0;
}

NR_TEST(ssml_reset_mid_document)
{
    narrator *n = make_ssml(NARRATOR_SSML_AUTO, 1);
    test_sound s = { 0, 0, 0 };
    narrator_on_audio(n, test_listen, &s);
    narrator_on_mark(n, stop_on_first_mark, n);
    const char *doc = "<speak><prosody rate=\"slow\">One, <mark name=\"x\"/>two, three.</prosody> And more.</speak>";
    narrator_status st = narrator_feed(n, doc, strlen(doc));
    if (!st) st = narrator_flush(n);
    CHECK(st == NARRATOR_ERR_STOPPED, "stopped at the mark, inside a prosody span (got %d)", st);
    CHECK(narrator_reset(n) == NARRATOR_OK, "reset");
    size_t before = s.samples;
    nr_buf got = { 0 };
    narrator_on_chunk(n, record, &got);
    narrator_on_mark(n, NULL, NULL);
    const char *next = "<speak>Next.</speak>";
    CHECK(narrator_feed(n, next, strlen(next)) == NARRATOR_OK && narrator_finish(n) == NARRATOR_OK, "next document: %s",
          narrator_errmsg(n));
    CHECK_STR(nr_buf_str(&got), "Next.|1000;", "only the next document");
    CHECK(before > 0 && s.samples > before + 22050 / 4, "sound before the stop and after the reset (%zu, %zu)", before, s.samples);
    nr_buf_free(&got);
    narrator_free(n);
}

/* Hostile documents: an error or a reading, never a crash (run under make sanitize). */
NR_TEST(ssml_hostile)
{
    nr_buf deep = { 0 }, wide = { 0 }, many = { 0 };
    nr_buf_puts(&deep, "<speak>");
    for (int i = 0; i < 5000; i++) nr_buf_puts(&deep, "<prosody rate=\"fast\">");
    nr_buf_puts(&deep, "deep");
    nr_buf_puts(&wide, "<speak><mark name=\"");
    for (int i = 0; i < 100000; i++) nr_buf_putc(&wide, 'x');
    nr_buf_puts(&wide, "\"/>wide <say-as interpret-as=\"date\" format=\"dmy\">");
    for (int i = 0; i < 1000; i++) nr_buf_puts(&wide, "12/");
    nr_buf_puts(&wide, "</say-as></speak>");
    nr_buf_puts(&many, "<speak>");
    for (int i = 0; i < 3000; i++) nr_buf_puts(&many, "<emphasis><mark name=\"m\"/>a</emphasis>, <break time=\"1ms\"/>");
    nr_buf_puts(&many, "</speak>");
    const char *docs[] = {
        nr_buf_str(&deep), nr_buf_str(&wide), nr_buf_str(&many),
        "<speak>\x01\x02 binary \xff\xfe bytes</speak>",
        "<speak><![CDATA[<not> a tag & more]]> <!-- comment --> <?pi x?>done</speak>",
        "<!DOCTYPE speak [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><speak>&e;</speak>",
        "<speak><say-as interpret-as=\"telephone\">----</say-as><say-as interpret-as=\"ordinal\">x1st</say-as>"
        "<say-as interpret-as=\"date\" format=\"dmy\">99/99/99999</say-as><sub alias=\"\">x</sub>"
        "<phoneme ph=\"&lt;&amp;\">x</phoneme><prosody>bare</prosody></speak>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><speak>caf\xe9</speak>",
        "<speak><break time=\"99999999999s\"/><prosody volume=\"+9999dB\" rate=\"99999%\">x</prosody></speak>",
    };
    for (size_t k = 0; k < sizeof docs / sizeof docs[0]; k++) {
        nr_buf got = { 0 };
        narrator_status st = plan(docs[k], NARRATOR_SSML_ON, k % 2 ? 2 : 1, 4096, &got);
        CHECK(st == NARRATOR_OK || st == NARRATOR_ERR_SSML, "document %zu: ok or SSML error (got %d)", k, st);
        CHECK(!strstr(nr_buf_str(&got), "<PUA>"), "document %zu: no marker shown", k);
        CHECK(!strstr(nr_buf_str(&got), "root:"), "document %zu: no external entity read", k);
        nr_buf_free(&got);
    }
    test_sound s = speak("<speak><phoneme ph=\"&lt;&amp;\">x</phoneme> and <prosody volume=\"+9999dB\" rate=\"99999%\">loud</prosody></speak>");
    CHECK(s.samples > 0, "odd values still speak");
    nr_buf_free(&deep);
    nr_buf_free(&wide);
    nr_buf_free(&many);
}

/* A document's end comes as no bytes at all (s NULL, len 0, end 1), as narrator_flush sends
 * it: nothing may be done with the NULL pointer (clang's UBSan, in make sanitize, says so). */
NR_TEST(ssml_document_end_without_bytes)
{
    static const int pauses[3] = { 200, 500, 1000 };
    nr_markup markup = { 0 };
    char err[256] = "";
    nr_ssml *x = NULL;
    if (!CHECK(nr_ssml_new(&x, pauses, NULL, &markup, err, sizeof err) == 0 && x, "nr_ssml_new: %s", err)) return;
    nr_buf out = { 0 };
    const char *doc = "<speak>Hi <mark name=\"m\"/>there.</speak>";
    CHECK(nr_ssml_feed(x, doc, strlen(doc), 0, &out, err, sizeof err) == 0, "the document: %s", err);
    CHECK(nr_ssml_feed(x, NULL, 0, 1, &out, err, sizeof err) == 0, "its end, without bytes: %s", err);
    CHECK(strstr(nr_buf_str(&out), "there.") && markup.n == 1, "the text and the mark: %s", nr_buf_str(&out));
    nr_ssml_free(x);
    nr_ssml_new(&x, pauses, NULL, &markup, err, sizeof err);
    CHECK(x && nr_ssml_feed(x, "<speak>", 7, 0, &out, err, sizeof err) == 0 && nr_ssml_feed(x, NULL, 0, 1, &out, err, sizeof err) == -1 &&
          strstr(err, "before <speak> is closed"), "an unclosed document ends with an error: %s", err);
    nr_ssml_free(x);
    nr_markup_free(&markup);
    nr_buf_free(&out);
}

/* The front end's side of markers: which code points they are, and plain text that only
 * looks like them. */
NR_TEST(ssml_markers_front_end)
{
    struct { const char *bytes; size_t want; } cases[] = {
        { "\xf3\xb0\x80\x80", 4 },      /* U+F0000, the first */
        { "\xf3\xbf\xbf\xbd", 4 },      /* U+FFFFD, the last */
        { "\xf3\xbf\xbf\xbe", 0 },      /* U+FFFFE: a noncharacter, no marker */
        { "\xf3\xaf\xbf\xbf", 0 },      /* U+EFFFF */
        { "\xf3\xb0\x80", 0 },          /* cut short */
        { "\xf3\xb0\x41\x80", 0 },      /* not UTF-8 */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        uint32_t cp;
        size_t got = nr_marker_at(cases[k].bytes, strlen(cases[k].bytes), &cp);
        CHECK(got == cases[k].want, "case %zu: %zu bytes, want %zu", k, got, cases[k].want);
    }
    /* plain text with a stray F3 byte (UTF-8 to uchardet, so the byte is Windows-1252's ó:
     * src/input/decode.h) and literal marker code points: no SSML paragraph */
    nr_buf got = { 0 };
    plan("Bad \xf3 byte. Odd \xf3\xb0\x80\x85 mark.", NARRATOR_SSML_OFF, 1, 64, &got);
    CHECK_STR(nr_buf_str(&got), "Bad \xc3\xb3 byte.|500;<PUA>Odd \xf3\xb0\x80\x85 mark.|1000;",
              "plain text keeps them where they were");
    nr_buf_free(&got);
}
