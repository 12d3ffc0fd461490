/* yamlfile.c — YAML file reading shared by the voice and lexicon loaders (see yamlfile.h). */
#include "util/yamlfile.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int nr_yaml_fail(nr_yaml *y, const yaml_node_t *n, const char *why)
{
    snprintf(y->err, y->errlen, "%s:%lu:%lu: %s", y->path, n ? (unsigned long)n->start_mark.line + 1 : 1UL,
             n ? (unsigned long)n->start_mark.column + 1 : 1UL, why);
    return NR_YAML_BAD;
}

int nr_yaml_oom(nr_yaml *y, const yaml_node_t *n)
{
    nr_yaml_fail(y, n, "out of memory");
    return NR_YAML_NOMEM;
}

const char *nr_yaml_scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

yaml_node_t *nr_yaml_node(nr_yaml *y, int index) { return yaml_document_get_node(y->doc, index); }

/* The text of a mapping's i-th key, or NULL when it is no scalar. */
static const char *key_at(nr_yaml *y, const yaml_node_pair_t *pairs, size_t i)
{
    return nr_yaml_scalar(nr_yaml_node(y, pairs[i].key));
}

static int fail_duplicate(nr_yaml *y, const yaml_node_pair_t *pairs, size_t first, size_t again)
{
    char why[160];
    snprintf(why, sizeof why, "duplicate key '%.100s' (first at line %lu)", key_at(y, pairs, again),
             (unsigned long)nr_yaml_node(y, pairs[first].key)->start_mark.line + 1);
    return nr_yaml_fail(y, nr_yaml_node(y, pairs[again].key), why);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3u;
    return h;
}

/* A key twice in one mapping: libyaml keeps both, and a loader would let the second
 * silently replace the first, which in one file is always a mistake. Small mappings are
 * compared pair by pair; big ones (a lexicon's 500,000 words) through a hash table. */
static int unique_keys(nr_yaml *y, const yaml_node_t *map)
{
    const yaml_node_pair_t *pairs = map->data.mapping.pairs.start;
    size_t n = (size_t)(map->data.mapping.pairs.top - pairs);
    if (n <= 16) {
        for (size_t i = 1; i < n; i++)
            for (size_t k = 0; k < i; k++)
                if (key_at(y, pairs, i) && key_at(y, pairs, k) && !strcmp(key_at(y, pairs, i), key_at(y, pairs, k)))
                    return fail_duplicate(y, pairs, k, i);
        return 0;
    }
    size_t cap = 64;
    while (cap < 2 * n) cap *= 2;
    size_t *seen = calloc(cap, sizeof *seen);       /* pair index + 1; 0: empty */
    if (!seen) return nr_yaml_oom(y, map);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const char *key = key_at(y, pairs, i);
        if (!key) continue;
        size_t at = (size_t)fnv1a(key) & (cap - 1);
        while (seen[at] && strcmp(key_at(y, pairs, seen[at] - 1), key)) at = (at + 1) & (cap - 1);
        if (seen[at]) rc = fail_duplicate(y, pairs, seen[at] - 1, i);
        else seen[at] = i + 1;
    }
    free(seen);
    return rc;
}

int nr_yaml_load(const char *path, int (*fn)(nr_yaml *y, yaml_node_t *root), void *user,
                 char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NR_YAML_IO;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    int rc = NR_YAML_BAD;
    if (!yaml_parser_load(&parser, &doc)) {
        snprintf(err, errlen, "%s:%lu:%lu: %s", path, (unsigned long)parser.problem_mark.line + 1,
                 (unsigned long)parser.problem_mark.column + 1, parser.problem ? parser.problem : "malformed YAML");
    } else {
        nr_yaml y = { &doc, path, err, errlen, user };
        rc = 0;
        for (yaml_node_t *n = doc.nodes.start; n < doc.nodes.top && !rc; n++)
            if (n->type == YAML_MAPPING_NODE) rc = unique_keys(&y, n);
        if (!rc) rc = fn(&y, yaml_document_get_root_node(&doc));
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&parser);
    fclose(f);
    return rc;
}
