/*
 * yamlfile.h — the part of reading a YAML file that the voice and lexicon loaders share:
 * open, parse into a document, and turn any problem into "file:line:column: why".
 */
#ifndef NR_YAMLFILE_H
#define NR_YAMLFILE_H
#include <stddef.h>
#include <yaml.h>

typedef struct {
    yaml_document_t *doc;
    const char *path;
    char *err;
    size_t errlen;
    void *user;          /* the loader's own state */
} nr_yaml;

/* Parses path and calls fn with the root node (NULL for an empty file). A mapping with a
 * key twice is refused ("file:line:column: duplicate key 'x' (first at line N)") before fn
 * sees anything. Returns fn's result, or -1 with err set when the file can't be read or
 * parsed. */
int nr_yaml_load(const char *path, int (*fn)(nr_yaml *y, yaml_node_t *root), void *user,
                 char *err, size_t errlen);
/* Writes "file:line:column: why" for node n into y->err; returns -1. */
int nr_yaml_fail(nr_yaml *y, const yaml_node_t *n, const char *why);
/* The text of a scalar node, or NULL for anything else. */
const char *nr_yaml_scalar(const yaml_node_t *n);
yaml_node_t *nr_yaml_node(nr_yaml *y, int index);

#endif
