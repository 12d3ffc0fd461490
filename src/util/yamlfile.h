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

/* What nr_yaml_load and the loaders' callbacks return, so that a caller picks its status from
 * the number, never from the message. */
enum {
    NR_YAML_OK = 0,
    NR_YAML_BAD = -1,       /* malformed YAML or content the loader refuses: "file:line:column: why" */
    NR_YAML_IO = -2,        /* the file can't be read: "file: why" */
    NR_YAML_NOMEM = -3      /* out of memory */
};

/* Parses path and calls fn with the root node (NULL for an empty file). A mapping with a
 * key twice is refused ("file:line:column: duplicate key 'x' (first at line N)") before fn
 * sees anything. Returns fn's result (NR_YAML_*), or NR_YAML_IO / NR_YAML_BAD with err set
 * when the file can't be read or parsed. */
int nr_yaml_load(const char *path, int (*fn)(nr_yaml *y, yaml_node_t *root), void *user,
                 char *err, size_t errlen);
/* Writes "file:line:column: why" for node n into y->err; returns NR_YAML_BAD. */
int nr_yaml_fail(nr_yaml *y, const yaml_node_t *n, const char *why);
/* The same for running out of memory at node n; returns NR_YAML_NOMEM. */
int nr_yaml_oom(nr_yaml *y, const yaml_node_t *n);
/* The text of a scalar node, or NULL for anything else. */
const char *nr_yaml_scalar(const yaml_node_t *n);
yaml_node_t *nr_yaml_node(nr_yaml *y, int index);

#endif
