/*
 * front.c — one paragraph through the whole front end, out as prosodic chunks.
 *
 * Stages: clean (UTF-8, Unicode) -> junk (article mode) -> unglue -> tokenize -> segment
 * -> verbalize -> chunks.
 * A chunk runs to the next clause or sentence boundary the segmenter marked. Its say text
 * is the verbalized words followed by one mark that sets eSpeak NG's intonation: ',' for a
 * clause, '.', '?' or '!' for a sentence. Nothing else in it is punctuation that eSpeak NG
 * could split at, so the boundaries and pauses stay ours.
 */
#include "front/front.h"
#include "front/clean.h"
#include "front/junk.h"
#include "front/dateline.h"
#include "front/markers.h"
#include "front/segment.h"
#include "front/unglue.h"
#include "front/verbalize.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct nr_front {
    nr_front_config cfg;
    nr_junk_phrases *boilerplate;   /* cfg.boilerplate made ready once */
    nr_buf cleaned, unjunked, dated, unglued, unmarked, say;
    nr_tokens toks;
    nr_markers marks;               /* SSML inline elements of the paragraph (markers.h) */
};

nr_front *nr_front_new(const nr_front_config *cfg)
{
    nr_front *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    f->cfg = *cfg;
    if (cfg->boilerplate && !(f->boilerplate = nr_junk_phrases_new(cfg->boilerplate))) {
        free(f);
        return NULL;
    }
    return f;
}

void nr_front_free(nr_front *f)
{
    if (!f) return;
    nr_junk_phrases_free(f->boilerplate);
    nr_buf_free(&f->cleaned);
    nr_buf_free(&f->unjunked);
    nr_buf_free(&f->dated);
    nr_buf_free(&f->unglued);
    nr_buf_free(&f->unmarked);
    nr_buf_free(&f->say);
    nr_tokens_free(&f->toks);
    nr_markers_free(&f->marks);
    free(f);
}

/* Cleans, in article mode de-junks, and unglues a paragraph; returns the text to tokenize. */
static const nr_buf *prepare(nr_front *f, const char *text, size_t len, int remove_junk)
{
    nr_buf_clear(&f->cleaned);
    nr_clean(&f->cleaned, text, len);
    const nr_buf *src = &f->cleaned;
    if (remove_junk) {
        nr_buf_clear(&f->unjunked);
        nr_junk_strip_with(&f->unjunked, nr_buf_str(src), src->len, f->boilerplate);
        src = &f->unjunked;
        nr_buf_clear(&f->dated);      /* an article's dateline: "BERLIN-The" -> "Berlin. The" */
        if (nr_dateline(&f->dated, nr_buf_str(src), src->len)) src = &f->dated;
    }
    nr_buf_clear(&f->unglued);
    return nr_unglue(&f->unglued, nr_buf_str(src), src->len) ? &f->unglued : src;
}

static int emit(nr_front *f, size_t first, size_t last, int paragraph_end, narrator_chunk_fn fn, void *user)
{
    const nr_token *end = &f->toks.tok[last];
    nr_buf_trim(&f->say);
    if (!f->say.len) return 0;      /* punctuation only: nothing to say */
    /* a clause ends in ',' unless it was a quoted question or exclamation ("Why?" he asked) */
    nr_buf_putc(&f->say, end->end_mark ? end->end_mark : ',');
    narrator_end level = paragraph_end ? NARRATOR_END_PARAGRAPH
                       : end->brk == NR_BRK_SENTENCE ? NARRATOR_END_SENTENCE : NARRATOR_END_CLAUSE;
    narrator_chunk c = {
        .text = f->toks.text + f->toks.tok[first].start,
        .text_len = end->end - f->toks.tok[first].start,
        .say = f->say.s,
        .say_len = f->say.len,
        .pause_ms = f->cfg.pause_ms[level],
        .end = level,
    };
    if (f->say.oom) return -1;
    return fn(&c, user);
}

/* A free-standing "-", "*", "<" or ">": the classes may read it ("5 - 3" is minus,
 * "3 * 4" times), else it says nothing. */
static int is_lone_operator(const nr_tokens *t, size_t i)
{
    if (t->tok[i].end - t->tok[i].start != 1) return 0;
    char c = t->text[t->tok[i].start];
    return c == '-' || c == '*' || c == '<' || c == '>';
}

/* A paragraph of nothing but SSML markers (a lone <mark/>): one chunk that says nothing. */
static int emit_markers_only(nr_front *f, narrator_chunk_fn fn, void *user)
{
    nr_buf_clear(&f->say);
    nr_markers_put(&f->marks, SIZE_MAX, &f->say);
    if (!f->say.len) return 0;
    narrator_chunk c = { .text = "", .say = f->say.s, .say_len = f->say.len,
                         .pause_ms = f->cfg.pause_ms[NARRATOR_END_PARAGRAPH], .end = NARRATOR_END_PARAGRAPH };
    return f->say.oom ? -1 : fn(&c, user);
}

int nr_front_paragraph(nr_front *f, const char *text, size_t len, narrator_chunk_fn fn, void *user)
{
    /* SSML (markers.h): authored text, no junk to remove; its inline elements out of the way */
    int ssml = nr_markers_ssml(text, len);
    const nr_buf *src = prepare(f, text, len, f->cfg.remove_junk && !ssml);
    if (src->oom) return -1;
    f->marks.n = 0;
    if (ssml) {
        nr_buf_clear(&f->unmarked);
        nr_markers_take(&f->marks, &f->unmarked, nr_buf_str(src), src->len);
        if (f->marks.oom) return -1;
        src = &f->unmarked;
        if (src->oom) return -1;
    }
    nr_tokenize(&f->toks, nr_buf_str(src), src->len);
    if (f->toks.oom) return -1;
    nr_segment(&f->toks, f->cfg.lex);
    if (f->marks.n) nr_markers_end_sentences(&f->marks, &f->toks);

    nr_ctx ctx = { .t = &f->toks, .lex = f->cfg.lex };
    size_t first = 0;
    nr_buf_clear(&f->say);
    for (size_t i = 0; i < f->toks.n;) {
        if (f->marks.n) nr_markers_put(&f->marks, f->toks.tok[i].start, &f->say);
        size_t wn;
        nr_tok_word(&f->toks, i, &wn);
        size_t used = (wn || is_lone_operator(&f->toks, i)) && !nr_is_bullet(&f->toks, i)
                    ? nr_verbalize(&ctx, i, &f->say) : 1;
        size_t last = i + used - 1;
        i += used;
        if (f->toks.tok[last].brk == NR_BRK_NONE && i < f->toks.n) continue;
        if (f->marks.n && i >= f->toks.n) nr_markers_put(&f->marks, SIZE_MAX, &f->say);
        int rc = emit(f, first, last, i >= f->toks.n, fn, user);
        if (rc) return rc;
        nr_buf_clear(&f->say);
        first = i;
    }
    return f->marks.next < f->marks.n ? emit_markers_only(f, fn, user) : 0;
}

static int append_say(const narrator_chunk *c, void *user)
{
    nr_buf *out = user;
    nr_buf_wordn(out, c->say, c->say_len);
    return out->oom ? -1 : 0;
}

int nr_front_say(nr_front *f, const char *text, size_t len, nr_buf *out)
{
    int rc = nr_front_paragraph(f, text, len, append_say, out);
    return rc || out->oom ? -1 : 0;
}
