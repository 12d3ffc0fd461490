/*
 * pending_api.c — TEMPORARY, removed when branch `ssml` is merged: weak stand-ins for the
 * libnarrator calls declared in narrator.h but not implemented yet on this branch, so that
 * sd_narrator links and its protocol can be tested. The library's real definitions win
 * over these as soon as they exist. Nothing here is used once the merge is done.
 */
#include "narrator.h"
#define PENDING __attribute__((weak))
PENDING narrator_status narrator_on_mark(narrator *n, narrator_mark_fn fn, void *user) { (void)n; (void)fn; (void)user; return NARRATOR_OK; }
PENDING narrator_status narrator_reset(narrator *n) { (void)n; return NARRATOR_OK; }
PENDING narrator_status narrator_set_rate(narrator *n, int v) { (void)n; (void)v; return NARRATOR_OK; }
PENDING narrator_status narrator_set_pitch(narrator *n, int v) { (void)n; (void)v; return NARRATOR_OK; }
PENDING narrator_status narrator_set_volume(narrator *n, int v) { (void)n; (void)v; return NARRATOR_OK; }
PENDING narrator_status narrator_set_espeak_voice(narrator *n, const char *v) { (void)n; (void)v; return NARRATOR_OK; }
PENDING narrator_status narrator_set_punctuation(narrator *n, narrator_punctuation m, const char *s) { (void)n; (void)m; (void)s; return NARRATOR_OK; }
PENDING narrator_status narrator_set_capitals(narrator *n, int v) { (void)n; (void)v; return NARRATOR_OK; }
PENDING narrator_status narrator_set_spelling(narrator *n, int v) { (void)n; (void)v; return NARRATOR_OK; }
