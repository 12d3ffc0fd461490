/* fixtures.h — what several test files share: the default voice's lexicons. */
#ifndef NR_FIXTURES_H
#define NR_FIXTURES_H
#include "front/lexicon.h"

/* The lexicons of the news voice, loaded once as narrator loads them (a failed load is a
 * failed check); never freed. */
nr_lexicon *test_news_lexicon(void);

#endif
