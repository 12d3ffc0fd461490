/* yamlfile.c — YAML file reading shared by the voice and lexicon loaders (see yamlfile.h). */
#include "yamlfile.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

int nr_yaml_fail(nr_yaml *y, const yaml_node_t *n, const char *why)
{
    snprintf(y->err, y->errlen, "%s:%lu:%lu: %s", y->path, n ? (unsigned long)n->start_mark.line + 1 : 1UL,
             n ? (unsigned long)n->start_mark.column + 1 : 1UL, why);
    return -1;
}

const char *nr_yaml_scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

yaml_node_t *nr_yaml_node(nr_yaml *y, int index) { return yaml_document_get_node(y->doc, index); }

int nr_yaml_load(const char *path, int (*fn)(nr_yaml *y, yaml_node_t *root), void *user,
                 char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    int rc = -1;
    if (!yaml_parser_load(&parser, &doc)) {
        snprintf(err, errlen, "%s:%lu:%lu: %s", path, (unsigned long)parser.problem_mark.line + 1,
                 (unsigned long)parser.problem_mark.column + 1, parser.problem ? parser.problem : "malformed YAML");
    } else {
        nr_yaml y = { &doc, path, err, errlen, user };
        rc = fn(&y, yaml_document_get_root_node(&doc));
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&parser);
    fclose(f);
    return rc;
}
