/*
 * harness.h — the unit-test harness: self-registering tests, checks that count,
 * and a reader for the tab-separated case tables in tests/cases/.
 *
 *   NR_TEST(clean_tables) { ... CHECK(x == 1, "x is %d", x); CHECK_STR(got, want, "row %d", n); }
 *
 * Every CHECK counts as one passed or failed test; the runner prints "N passed, N failed".
 */
#ifndef NR_HARNESS_H
#define NR_HARNESS_H
#include <stddef.h>

typedef void (*nr_test_fn)(void);
void nr_test_register(const char *name, nr_test_fn fn);

#define NR_TEST(name) \
    static void test_##name(void); \
    __attribute__((constructor)) static void register_##name(void) { nr_test_register(#name, test_##name); } \
    static void test_##name(void)

/* Returns ok; prints a failure message naming the place. */
int nr_check(int ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int nr_check_str(const char *got, const char *want, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#define CHECK(cond, ...) nr_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define CHECK_STR(got, want, ...) nr_check_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)

/*
 * Calls fn for every row of a table file (path relative to the repository root):
 * columns split at TAB, escapes \t \n \\ \xHH decoded, '#' lines and blank lines skipped.
 * `where` is "file:line". Returns the number of rows; a missing file is a failed check.
 */
int nr_table_each(const char *path, void (*fn)(char **cols, int ncols, const char *where, void *user),
                  void *user);
/* Like nr_table_each for every *.tsv file in a directory, sorted by name. */
int nr_table_dir(const char *dir, void (*fn)(char **cols, int ncols, const char *where, void *user),
                 void *user);

#endif
