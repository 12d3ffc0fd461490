/* harness.c — registration, counting and table reading for the unit tests (see harness.h). */
#include "harness.h"
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TESTS 512
static struct { const char *name; nr_test_fn fn; } tests[MAX_TESTS];
static int n_tests, passed, failed;
static const char *current;

void nr_test_register(const char *name, nr_test_fn fn)
{
    if (n_tests < MAX_TESTS) { tests[n_tests].name = name; tests[n_tests].fn = fn; n_tests++; }
}

static void vfail(const char *file, int line, const char *fmt, va_list ap)
{
    fprintf(stderr, "FAIL %s (%s:%d): ", current ? current : "?", file, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

int nr_check(int ok, const char *file, int line, const char *fmt, ...)
{
    if (ok) { passed++; return 1; }
    failed++;
    va_list ap;
    va_start(ap, fmt);
    vfail(file, line, fmt, ap);
    va_end(ap);
    return 0;
}

int nr_check_str(const char *got, const char *want, const char *file, int line, const char *fmt, ...)
{
    if (got && want && strcmp(got, want) == 0) { passed++; return 1; }
    failed++;
    va_list ap;
    va_start(ap, fmt);
    vfail(file, line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "     got: [%s]\n    want: [%s]\n", got ? got : "(null)", want ? want : "(null)");
    return 0;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes escapes in place. */
static void unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r != '\\' || !r[1]) { *w++ = *r; continue; }
        r++;
        switch (*r) {
        case 't': *w++ = '\t'; break;
        case 'n': *w++ = '\n'; break;
        case '\\': *w++ = '\\'; break;
        case 'x':
            if (hexval(r[1]) >= 0 && hexval(r[2]) >= 0) {
                *w++ = (char)(hexval(r[1]) * 16 + hexval(r[2]));
                r += 2;
                break;
            }
            /* fallthrough */
        default: *w++ = '\\'; *w++ = *r;
        }
    }
    *w = '\0';
}

int nr_table_each(const char *path, void (*fn)(char **, int, const char *, void *), void *user)
{
    FILE *f = fopen(path, "r");
    if (!nr_check(f != NULL, __FILE__, __LINE__, "cannot open table %s", path)) return 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int lineno = 0, rows = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (got && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = '\0';
        if (!got || line[0] == '#') continue;
        char *cols[16];
        int n = 0;
        for (char *p = line; n < 16;) {
            cols[n++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        for (int i = 0; i < n; i++) unescape(cols[i]);
        char where[512];
        snprintf(where, sizeof where, "%s:%d", path, lineno);
        fn(cols, n, where, user);
        rows++;
    }
    free(line);
    fclose(f);
    return rows;
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int nr_table_dir(const char *dir, void (*fn)(char **, int, const char *, void *), void *user)
{
    DIR *d = opendir(dir);
    if (!nr_check(d != NULL, __FILE__, __LINE__, "cannot open directory %s", dir)) return 0;
    char *names[256];
    int n = 0, rows = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".tsv") == 0) names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmpstr);
    for (int i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        rows += nr_table_each(path, fn, user);
        free(names[i]);
    }
    return rows;
}

int main(int argc, char **argv)
{
    for (int i = 0; i < n_tests; i++) {
        if (argc > 1 && !strstr(tests[i].name, argv[1])) continue;
        current = tests[i].name;
        tests[i].fn();
    }
    printf("unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
