/* tables.c — the names of the lexicon tables declared in tables.h, and their look-up. */
#include "front/tables.h"
#include <string.h>

#define NR_TABLE_DEFINE(name) const char NR_T_##name[] = #name;
NR_TABLES(NR_TABLE_DEFINE)
#undef NR_TABLE_DEFINE

#define NR_TABLE_LISTED(name) NR_T_##name,
static const char *const all_tables[] = { NR_TABLES(NR_TABLE_LISTED) };
#undef NR_TABLE_LISTED

#define N_TABLES (sizeof all_tables / sizeof all_tables[0])

/* A section name is looked up once per section a file holds (and again when a cached
 * lexicon is replayed): a walk through the list is all it takes. */
const char *nr_table_named(const char *name)
{
    for (size_t i = 0; i < N_TABLES; i++)
        if (!strcmp(all_tables[i], name)) return all_tables[i];
    return NULL;
}

/* Edits (a letter put in, left out or changed) that turn a into b, counted up to 3. */
static size_t edits_between(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), row[64];
    if (na >= sizeof row / sizeof row[0] || nb >= sizeof row / sizeof row[0]) return 3;
    for (size_t j = 0; j <= nb; j++) row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diagonal = row[0], least = row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t step = diagonal + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < step) step = row[j] + 1;
            if (row[j - 1] + 1 < step) step = row[j - 1] + 1;
            diagonal = row[j];
            if ((row[j] = step) < least) least = step;
        }
        if (least >= 3) return 3;
    }
    return row[nb] < 3 ? row[nb] : 3;
}

const char *nr_table_nearest(const char *name)
{
    const char *near = NULL;
    for (size_t i = 0, best = 3; i < N_TABLES; i++) {
        size_t d = edits_between(name, all_tables[i]);
        if (d < best) { best = d; near = all_tables[i]; }
    }
    return near;
}

const char *const *nr_tables(size_t *n)
{
    *n = N_TABLES;
    return all_tables;
}
