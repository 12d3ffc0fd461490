/*
 * lexicon.c — the word lists as one hash table of (table, key) -> readings, and their
 * YAML loader (libyaml, through yamlfile.c).
 *
 * File format (the .yaml files in voices/lexicons/): top-level sections are tables.
 * A section holding a mapping maps keys to readings; one holding a list is a word set.
 *   abbreviations:            # key includes the final '.'
 *     Mr.: mister
 *     Co.: {say: company, ends_sentence: true}
 *     St.:                    # readings in order; the first whose `when` holds wins
 *       - {say: saint, when: before-name}
 *       - {say: street}
 *   words:                    # respellings of whole words
 *     Huawei: wah way
 *   units:                    # any other field is kept for the verbalizer that reads it
 *     kg: {say: kilogram, plural: kilograms}
 *   as_words: [NATO, NASA]    # a list: each word maps to itself
 * `when`: always, before-name, before-number, after-name, after-number, after-place.
 * `ends_sentence`: false (titles), true (when a sentence starter follows: "Co. The"),
 * before-capital (when a capital follows that is no weekday, month or time zone: "p.m.").
 * Lookup tries the key as written, then lower-cased when it has lower-case letters, so
 * "Etc." finds "etc." but "ST" does not find "st".
 * Section names are lower case letters, digits and '_', and each must be a table declared
 * in tables.h: "FILE:LINE:COL: unknown table 'monthz'" (with the nearest declared name,
 * when one is a letter or two away) refuses a section no code would ever read.
 */
#include "front/lexicon.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"
#include "util/chars.h"
#include "util/lexcache.h"
#include "util/yamlfile.h"

typedef struct slot {
    const char *table;          /* the NR_T_ string of tables.h: one copy per table */
    char *key;
    size_t key_len;
    size_t hash;                /* nr_lex_hash(key): compared before the key itself */
    nr_lex_entry *first;
    struct slot *next;          /* the next key of the bucket */
    struct slot *variant;       /* the same key of the same table in other capitals ("Mt",
                                 * "mt"), in file order: one step of the bucket's chain */
} slot;

/* A Bloom filter over (table, folded key): most lookups are for words not in the table
 * asked, and two bit tests say so before any bucket is walked. */
#define BLOOM_BITS (1u << 16)

struct nr_lexicon {
    slot **table;
    size_t buckets, count;
    unsigned char bloom[BLOOM_BITS / 8];
    unsigned char any_bloom[BLOOM_BITS / 8];   /* the keys of all tables, tables not told apart */
    const char *last_table;      /* the table added to last (files list a table's entries together) */
    char **boilerplate;          /* NULL-terminated */
    size_t n_boilerplate;
};

/* The filter holds (table, key) pairs: a table is told apart by its name's first three
 * letters (two names alike there only share some false positives). */
static size_t bloom_key(size_t h, nr_lex_kind table)
{
    size_t tag = (unsigned char)table[0];
    if (table[0]) tag = (tag << 8) | (unsigned char)table[1];
    if (table[0] && table[1]) tag = (tag << 8) | (unsigned char)table[2];
    return (h ^ (tag * 0x9e3779b1u)) * 0x85ebca6bu;
}

static void bloom_add(nr_lexicon *lex, size_t h, nr_lex_kind table)
{
    size_t k = bloom_key(h, table);
    unsigned a = (unsigned)(k & (BLOOM_BITS - 1)), b = (unsigned)((k >> 16) & (BLOOM_BITS - 1));
    lex->bloom[a / 8] |= (unsigned char)(1u << (a % 8));
    lex->bloom[b / 8] |= (unsigned char)(1u << (b % 8));
}

static void any_bloom_add(nr_lexicon *lex, size_t h)
{
    unsigned a = (unsigned)(h & (BLOOM_BITS - 1)), b = (unsigned)((h >> 20) & (BLOOM_BITS - 1));
    lex->any_bloom[a / 8] |= (unsigned char)(1u << (a % 8));
    lex->any_bloom[b / 8] |= (unsigned char)(1u << (b % 8));
}

int nr_lex_maybe_any(const nr_lexicon *lex, size_t h)
{
    unsigned a = (unsigned)(h & (BLOOM_BITS - 1)), b = (unsigned)((h >> 20) & (BLOOM_BITS - 1));
    return lex && ((lex->any_bloom[a / 8] >> (a % 8)) & (lex->any_bloom[b / 8] >> (b % 8)) & 1);
}

static int bloom_may_have(const nr_lexicon *lex, size_t h, nr_lex_kind table)
{
    size_t k = bloom_key(h, table);
    unsigned a = (unsigned)(k & (BLOOM_BITS - 1)), b = (unsigned)((k >> 16) & (BLOOM_BITS - 1));
    return (lex->bloom[a / 8] >> (a % 8)) & (lex->bloom[b / 8] >> (b % 8)) & 1;
}

/*
 * A hash of the key that ignores ASCII case, so that a word and its lower-cased form
 * ("Etc.", "etc.") sit in the same bucket and one probe serves both the exact lookup and
 * its lower-case fallback. Only the key is hashed, not the table name: the verbalizers
 * look words up in many tables, mostly in vain, and a miss should cost no more than one
 * short pass over the word (the name joins in bucket_of, once the Bloom filter let a lookup
 * through). Eight bytes at a time, each with its 0x20 bit set: that folds
 * A-Z onto a-z (and merges a few punctuation pairs, which only costs a rare collision —
 * keys are compared in full).
 */
size_t nr_lex_hash(const char *s, size_t n)
{
    const uint64_t case_bits = 0x2020202020202020u, mul = 0xff51afd7ed558ccdu;
    uint64_t h = 0x9e3779b97f4a7c15u ^ (uint64_t)n, w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ (w | case_bits)) * mul;
        h ^= h >> 29;
    }
    /* the last 0-7 bytes without a loop: two 4-byte reads that may overlap, or the first,
     * middle and last byte (the length is already in h, so this tells keys apart) */
    uint32_t lo = 0, hi = 0;
    if (n >= 4) {
        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
    } else if (n) {
        lo = (uint32_t)(unsigned char)s[0] | (uint32_t)(unsigned char)s[n / 2] << 8 | (uint32_t)(unsigned char)s[n - 1] << 16;
    }
    w = (uint64_t)hi << 32 | lo;
    h = (h ^ (w | case_bits)) * mul;
    /* the low bits of a product only see the low bits of what was multiplied: fold the
     * high bits down and mix once more, so that every bit depends on every byte */
    h ^= h >> 32;
    h *= 0xc4ceb9fe1a85ec53u;
    h ^= h >> 29;
    return (size_t)h;
}

/* The bucket of a key (its nr_lex_hash h) in a table. The table's name is mixed in: one word
 * is in many tables ("in" is in ten: a unit, a state, a sentence starter, ...), and a key's
 * case variants ("Etc.", "etc.") stay together. The count is a power of two, and the hash's
 * low bits are good ones (its last steps fold the high bits into them). The name is hashed
 * only here, after the Bloom filter said "maybe": most lookups never get this far. */
static size_t bucket_of(size_t h, nr_lex_kind table, size_t buckets)
{
    return (h ^ nr_lex_hash(table, strlen(table)) * 0x9e3779b97f4a7c15u) & (buckets - 1);
}

/* The declared table of that name (tables.h), or NULL; the one asked last is tried first. */
static const char *declared(nr_lexicon *lex, const char *name)
{
    if (!lex->last_table || (name != lex->last_table && strcmp(name, lex->last_table)))
        lex->last_table = nr_table_named(name);
    return lex->last_table;
}

nr_lexicon *nr_lex_new(void)
{
    nr_lexicon *lex = calloc(1, sizeof *lex);
    if (!lex) return NULL;
    lex->buckets = 1024;         /* always a power of two: see bucket_of */
    lex->table = calloc(lex->buckets, sizeof *lex->table);
    lex->boilerplate = calloc(1, sizeof *lex->boilerplate);
    if (!lex->table || !lex->boilerplate) { nr_lex_free(lex); return NULL; }
    return lex;
}

static void free_entries(nr_lex_entry *e)
{
    while (e) {
        nr_lex_entry *next = (nr_lex_entry *)e->next;
        free((char *)e->say);
        for (size_t i = 0; e->fields && e->fields[i]; i++) free((char *)e->fields[i]);
        free(e->fields);
        free(e);
        e = next;
    }
}

void nr_lex_free(nr_lexicon *lex)
{
    if (!lex) return;
    for (size_t b = 0; lex->table && b < lex->buckets; b++) {
        for (slot *s = lex->table[b]; s;) {
            slot *next = s->next;
            while (s) {
                slot *variant = s->variant;
                free_entries(s->first);
                free(s->key);
                free(s);
                s = variant;
            }
            s = next;
        }
    }
    for (size_t i = 0; i < lex->n_boilerplate; i++) free(lex->boilerplate[i]);
    free(lex->boilerplate);
    free(lex->table);
    free(lex);
}

/* The same key in another table is common ("a" is a word and a unit), so table names
 * are told apart by their first byte before strcmp. */
static int in_table(const slot *s, nr_lex_kind table)
{
    return s->table == table || (s->table[0] == table[0] && !strcmp(s->table, table));
}

static int equals_folded(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (nr_to_lower(a[i]) != nr_to_lower(b[i])) return 0;
    return 1;
}

/* The first spelling of key in a table in any capitals (its variants are the others), or
 * NULL. h: nr_lex_hash(key). */
static slot *find_group(const nr_lexicon *lex, nr_lex_kind table, const char *key, size_t n, size_t h)
{
    for (slot *s = lex->table[bucket_of(h, table, lex->buckets)]; s; s = s->next)
        if (s->hash == h && s->key_len == n && in_table(s, table) && equals_folded(s->key, key, n)) return s;
    return NULL;
}

/* The spelling of a group exactly as key is written, or NULL. */
static slot *exactly(slot *group, const char *key, size_t n)
{
    for (; group; group = group->variant)
        if (memcmp(group->key, key, n) == 0) return group;
    return NULL;
}

static int grow(nr_lexicon *lex)
{
    size_t buckets = lex->buckets * 2;
    slot **table = calloc(buckets, sizeof *table);
    if (!table) return -1;
    for (size_t b = 0; b < lex->buckets; b++) {
        for (slot *s = lex->table[b]; s;) {       /* each with its variants */
            slot *next = s->next;
            size_t h = bucket_of(s->hash, s->table, buckets);
            s->next = table[h];
            table[h] = s;
            s = next;
        }
    }
    free(lex->table);
    lex->table = table;
    lex->buckets = buckets;
    return 0;
}

static const char **copy_fields(const char *const *fields)
{
    size_t n = 0;
    while (fields && fields[n]) n++;
    if (!n) return NULL;
    const char **copy = calloc(n + 1, sizeof *copy);
    for (size_t i = 0; copy && i < n; i++) {
        if (!(copy[i] = strdup(fields[i]))) {
            for (size_t k = 0; k < i; k++) free((char *)copy[k]);
            free(copy);
            return NULL;
        }
    }
    return copy;
}

int nr_lex_add(nr_lexicon *lex, nr_lex_kind table, const char *key, size_t key_len,
               const char *say, nr_lex_when when, int ends_sentence, int replace)
{
    return nr_lex_add_fields(lex, table, key, key_len, say, when, ends_sentence, replace, NULL);
}

int nr_lex_add_fields(nr_lexicon *lex, nr_lex_kind table, const char *key, size_t key_len,
                      const char *say, nr_lex_when when, int ends_sentence, int replace,
                      const char *const *fields)
{
    const char *name = declared(lex, table);
    if (!name) return NR_LEX_UNDECLARED;
    size_t hash = nr_lex_hash(key, key_len);
    slot *group = find_group(lex, name, key, key_len, hash), *s = exactly(group, key, key_len);
    if (!s) {
        /* a quarter full at most: with keys spread evenly, the bundled lexicons then get a
         * chain of five words about once in a hundred edits of the word lists (half full:
         * once in six); the tests want four at most */
        if (!group && 4 * lex->count >= lex->buckets && grow(lex)) return NR_LEX_NOMEM;
        s = calloc(1, sizeof *s);
        if (!s || !(s->key = malloc(key_len + 1))) { free(s); return NR_LEX_NOMEM; }
        memcpy(s->key, key, key_len);
        s->key[key_len] = '\0';
        s->key_len = key_len;
        s->hash = hash;
        s->table = name;
        lex->count++;
        if (group) {
            while (group->variant) group = group->variant;
            group->variant = s;
        } else {
            bloom_add(lex, hash, name);
            any_bloom_add(lex, hash);
            size_t b = bucket_of(hash, name, lex->buckets);
            s->next = lex->table[b];
            lex->table[b] = s;
        }
    } else if (replace) {
        free_entries(s->first);
        s->first = NULL;
    }
    nr_lex_entry *e = calloc(1, sizeof *e);
    if (!e || !(e->say = strdup(say ? say : ""))) { free(e); return NR_LEX_NOMEM; }
    if (fields && fields[0] && !(e->fields = copy_fields(fields))) { free_entries(e); return NR_LEX_NOMEM; }
    e->when = when;
    e->ends_sentence = ends_sentence;
    nr_lex_entry **tail = &s->first;
    while (*tail) tail = (nr_lex_entry **)&(*tail)->next;
    *tail = e;
    return 0;
}

void nr_lex_stats(const nr_lexicon *lex, nr_lex_stat *out)
{
    *out = (nr_lex_stat){ lex->count, lex->buckets, 0, 0 };   /* a chain's steps: words, not their variants */
    for (size_t b = 0; b < lex->buckets; b++) {
        size_t n = 0;
        for (const slot *s = lex->table[b]; s; s = s->next) n++;
        if (n) out->used++;
        if (n > out->longest) out->longest = n;
    }
}

const char *nr_lex_field(const nr_lex_entry *e, const char *name)
{
    for (size_t i = 0; e && e->fields && e->fields[i]; i += 2)
        if (!strcmp(e->fields[i], name)) return e->fields[i + 1];
    return NULL;
}

/* Has both capitals and small letters ("Etc.", not "ST" or "etc."). */
static int mixed_case(const char *s, size_t n)
{
    int upper = 0, lower = 0;
    for (size_t i = 0; i < n; i++) {
        if (nr_is_upper(s[i])) upper = 1;
        else if (nr_is_lower(s[i])) lower = 1;
    }
    return upper && lower;
}

/* 1 if stored equals s[0..n) with s's capitals lower-cased. */
static int equals_lowered(const char *stored, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (stored[i] != nr_to_lower(s[i])) return 0;
    return 1;
}

const nr_lex_entry *nr_lex_find(const nr_lexicon *lex, nr_lex_kind kind, const char *key, size_t len)
{
    return lex && len ? nr_lex_find_hashed(lex, kind, key, len, nr_lex_hash(key, len)) : NULL;
}

/* The slot of key in a table as written, or NULL; *lowered gets the slot of the key
 * with its capitals lower-cased ("Etc." -> "etc."), if there is one. h: nr_lex_hash(key). */
static const slot *find_cased(const nr_lexicon *lex, nr_lex_kind kind, const char *key, size_t len, size_t h,
                              const slot **lowered)
{
    *lowered = NULL;
    if (!lex || !len || !bloom_may_have(lex, h, kind)) return NULL;
    for (const slot *s = find_group(lex, kind, key, len, h); s; s = s->variant) {
        if (memcmp(s->key, key, len) == 0) return s;
        if (!*lowered && equals_lowered(s->key, key, len)) *lowered = s;
    }
    return NULL;
}

const nr_lex_entry *nr_lex_find_hashed(const nr_lexicon *lex, nr_lex_kind kind, const char *key, size_t len,
                                       size_t h)
{
    const slot *lowered, *exact = find_cased(lex, kind, key, len, h, &lowered);
    if (exact) return exact->first;
    /* Only a capitalized word falls back to lower case ("Etc." finds "etc."): an
     * all-capital one is an acronym in its own right ("ST" is not "st"). */
    return lowered && mixed_case(key, len) ? lowered->first : NULL;
}

const nr_lex_entry *nr_lex_find_nocase(const nr_lexicon *lex, nr_lex_kind kind, const char *key, size_t len)
{
    if (!lex || !len) return NULL;
    const slot *lowered, *exact = find_cased(lex, kind, key, len, nr_lex_hash(key, len), &lowered);
    return exact ? exact->first : lowered ? lowered->first : NULL;
}

const nr_lex_entry *nr_lex_find_anycase(const nr_lexicon *lex, nr_lex_kind kind, const char *key, size_t len)
{
    if (!lex || !len) return NULL;
    size_t h = nr_lex_hash(key, len);
    if (!bloom_may_have(lex, h, kind)) return NULL;
    slot *group = find_group(lex, kind, key, len, h), *exact = exactly(group, key, len);
    return exact ? exact->first : group ? group->first : NULL;
}

const char *nr_lex_say(const nr_lexicon *lex, nr_lex_kind kind, const char *key)
{
    const nr_lex_entry *e = nr_lex_find(lex, kind, key, strlen(key));
    return e ? e->say : key;
}

int nr_lex_field_is(const nr_lex_entry *e, const char *name, const char *value)
{
    const char *v = nr_lex_field(e, name);
    return v && !strcmp(v, value);
}

const char *const *nr_lex_boilerplate(const nr_lexicon *lex)
{
    return (const char *const *)lex->boilerplate;
}

static int add_boilerplate(nr_lexicon *lex, const char *line)
{
    char **list = realloc(lex->boilerplate, (lex->n_boilerplate + 2) * sizeof *list);
    if (!list) return -1;
    lex->boilerplate = list;
    if (!(list[lex->n_boilerplate] = strdup(line))) return -1;
    list[++lex->n_boilerplate] = NULL;
    return 0;
}

/* ---- YAML loading ------------------------------------------------------------------ */

/* While a file loads, what it adds is also written down (the payload of lexcache.h):
 *   'A' when ends replace n_fields kind\0 key\0 say\0 (name\0 value\0) x n_fields
 *   'B' line\0                                  (a boilerplate line)
 * so that the next start can replay it without parsing YAML. */
typedef struct {
    nr_lexicon *lex;
    nr_buf record;
} loading;

#define LEX(y) (((loading *)(y)->user)->lex)
#define RECORD(y) (&((loading *)(y)->user)->record)

static int add_recorded(nr_yaml *y, nr_lex_kind kind, const char *key, const char *say, nr_lex_when when,
                        int ends, int replace, const char *const *fields)
{
    size_t nf = 0;
    while (fields && fields[2 * nf]) nf++;
    nr_buf *r = RECORD(y);
    const char head[] = { 'A', (char)when, (char)ends, (char)replace, (char)nf };
    nr_buf_put(r, head, sizeof head);
    nr_buf_put(r, kind, strlen(kind) + 1);
    nr_buf_put(r, key, strlen(key) + 1);
    nr_buf_put(r, say, strlen(say) + 1);
    for (size_t i = 0; i < 2 * nf; i++) nr_buf_put(r, fields[i], strlen(fields[i]) + 1);
    return nr_lex_add_fields(LEX(y), kind, key, strlen(key), say, when, ends, replace, fields);
}

static int boilerplate_recorded(nr_yaml *y, const char *line)
{
    nr_buf_putc(RECORD(y), 'B');
    nr_buf_put(RECORD(y), line, strlen(line) + 1);
    return add_boilerplate(LEX(y), line);
}

static int parse_when(const char *s, nr_lex_when *when)
{
    static const struct { const char *name; nr_lex_when when; } names[] = {
        { "always", NR_WHEN_ALWAYS }, { "before-name", NR_WHEN_BEFORE_NAME },
        { "before-number", NR_WHEN_BEFORE_NUMBER }, { "after-name", NR_WHEN_AFTER_NAME },
        { "after-number", NR_WHEN_AFTER_NUMBER }, { "after-place", NR_WHEN_AFTER_PLACE },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) { *when = names[i].when; return 0; }
    return -1;
}

static int is_true(const char *s)
{
    return s && (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "1"));
}

/* One reading: a plain string, or {say:, when:, ends_sentence:}. */
#define MAX_FIELDS 16

/* One reading: a plain string, or {say:, when:, ends_sentence:, other fields...}. */
static int load_reading(nr_yaml *y, nr_lex_kind kind, const char *key, yaml_node_t *v, int replace)
{
    const char *say = nr_yaml_scalar(v);
    const char *fields[2 * MAX_FIELDS + 1];
    size_t nf = 0;
    nr_lex_when when = NR_WHEN_ALWAYS;
    int ends = 0;
    if (!say) {
        if (v->type != YAML_MAPPING_NODE) return nr_yaml_fail(y, v, "expected a word or {say: ..., when: ...}");
        for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
            yaml_node_t *kn = nr_yaml_node(y, p->key), *vn = nr_yaml_node(y, p->value);
            const char *k = nr_yaml_scalar(kn), *val = nr_yaml_scalar(vn);
            if (!k || !val) return nr_yaml_fail(y, kn, "expected 'name: value'");
            if (!strcmp(k, "say")) say = val;
            else if (!strcmp(k, "when")) {
                if (parse_when(val, &when))
                    return nr_yaml_fail(y, vn, "unknown 'when' (use always, before-name, before-number, after-name, after-number, after-place)");
            } else if (!strcmp(k, "ends_sentence")) {
                ends = !strcmp(val, "before-capital") ? NR_ENDS_BEFORE_CAPITAL
                     : is_true(val) ? NR_ENDS_BEFORE_STARTER : NR_ENDS_NEVER;
            }
            else if (nf < 2 * MAX_FIELDS) { fields[nf++] = k; fields[nf++] = val; }
            else return nr_yaml_fail(y, kn, "too many fields");
        }
        if (!say) return nr_yaml_fail(y, v, "missing 'say'");
    }
    fields[nf] = NULL;
    if (add_recorded(y, kind, key, say, when, ends, replace, fields))
        return nr_yaml_oom(y, v);
    return 0;
}

/* A mapping of key -> reading or list of readings. */
static int load_map(nr_yaml *y, nr_lex_kind kind, yaml_node_t *map)
{
    if (map->type != YAML_MAPPING_NODE) return nr_yaml_fail(y, map, "expected a mapping of 'written: said'");
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = nr_yaml_node(y, p->key), *vn = nr_yaml_node(y, p->value);
        const char *key = nr_yaml_scalar(kn);
        if (!key || !*key) return nr_yaml_fail(y, kn, "expected a word as key");
        if (vn->type == YAML_SEQUENCE_NODE) {
            int first = 1;
            for (yaml_node_item_t *it = vn->data.sequence.items.start; it < vn->data.sequence.items.top; it++) {
                int rc = load_reading(y, kind, key, nr_yaml_node(y, *it), first);
                if (rc) return rc;
                first = 0;
            }
        } else {
            int rc = load_reading(y, kind, key, vn, 1);
            if (rc) return rc;
        }
    }
    return 0;
}

/* A list of plain words; boilerplate lines also go to their own array for the junk stage. */
static int load_list(nr_yaml *y, nr_lex_kind kind, yaml_node_t *seq)
{
    if (seq->type != YAML_SEQUENCE_NODE) return nr_yaml_fail(y, seq, "expected a list [a, b, c]");
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
        yaml_node_t *n = nr_yaml_node(y, *it);
        const char *w = nr_yaml_scalar(n);
        if (!w || !*w) return nr_yaml_fail(y, n, "expected a word");
        int rc = add_recorded(y, kind, w, w, NR_WHEN_ALWAYS, 0, 1, NULL);
        if (!rc && kind == NR_T_boilerplate) rc = boilerplate_recorded(y, w);   /* load_root passes NR_T_ strings */
        if (rc) return nr_yaml_oom(y, n);
    }
    return 0;
}

static int valid_section_name(const char *k)
{
    if (!*k) return 0;
    for (; *k; k++)
        if (!(nr_is_lower(*k) || nr_is_digit(*k) || *k == '_')) return 0;
    return 1;
}

/* "unknown table 'monthz'", and the declared table it may have meant. */
static int fail_unknown_table(nr_yaml *y, yaml_node_t *kn, const char *name)
{
    const char *near = nr_table_nearest(name);
    char why[160];
    if (near) snprintf(why, sizeof why, "unknown table '%.60s' (did you mean '%s'?)", name, near);
    else snprintf(why, sizeof why, "unknown table '%.60s'", name);
    return nr_yaml_fail(y, kn, why);
}

static int load_root(nr_yaml *y, yaml_node_t *root)
{
    if (!root) return 0;   /* empty file: an empty lexicon */
    if (root->type != YAML_MAPPING_NODE) return nr_yaml_fail(y, root, "expected sections (abbreviations:, words:, ...)");
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = nr_yaml_node(y, p->key), *vn = nr_yaml_node(y, p->value);
        const char *k = nr_yaml_scalar(kn);
        if (!k || !valid_section_name(k))
            return nr_yaml_fail(y, kn, "expected a section name (lower case letters, digits, '_')");
        nr_lex_kind table = nr_table_named(k);
        if (!table) return fail_unknown_table(y, kn, k);
        int rc = vn->type == YAML_SEQUENCE_NODE ? load_list(y, table, vn)
               : vn->type == YAML_MAPPING_NODE  ? load_map(y, table, vn)
               : nr_yaml_fail(y, vn, "expected a mapping (written: said) or a list [a, b]");
        if (rc) return rc;
    }
    return 0;
}

/* ---- replaying a cached payload ------------------------------------------------------ */

/* The next NUL-terminated string of p[*at..n), or NULL when there is none. */
static const char *next_string(const char *p, size_t n, size_t *at)
{
    if (*at >= n) return NULL;
    const char *s = p + *at, *end = memchr(s, '\0', n - *at);
    if (!end) return NULL;
    *at = (size_t)(end - p) + 1;
    return s;
}

/* Walks the payload; with lex NULL only checks it is whole, else adds what it holds.
 * 0 ok, -1 damaged or naming a table tables.h does not declare (or out of memory while
 * adding). */
static int replay(nr_lexicon *lex, const char *p, size_t n)
{
    const char *fields[2 * MAX_FIELDS + 1], *table = NULL;
    for (size_t at = 0; at < n;) {
        char op = p[at++];
        if (op == 'B') {
            const char *line = next_string(p, n, &at);
            if (!line || (lex && add_boilerplate(lex, line))) return -1;
            continue;
        }
        if (op != 'A' || n - at < 4) return -1;
        unsigned char when = (unsigned char)p[at], ends = (unsigned char)p[at + 1], replace = (unsigned char)p[at + 2],
                      nf = (unsigned char)p[at + 3];
        at += 4;
        if (when > NR_WHEN_AFTER_PLACE || ends > NR_ENDS_BEFORE_CAPITAL || replace > 1 || nf > MAX_FIELDS) return -1;
        const char *kind = next_string(p, n, &at), *key = next_string(p, n, &at), *say = next_string(p, n, &at);
        if (!kind || !key || !say) return -1;
        /* a cache written by another build may name a table this one does not declare */
        if (!lex && (!table || strcmp(kind, table)) && !(table = nr_table_named(kind))) return -1;
        for (size_t i = 0; i < 2u * nf; i++)
            if (!(fields[i] = next_string(p, n, &at))) return -1;
        fields[2 * nf] = NULL;
        if (lex && nr_lex_add_fields(lex, kind, key, strlen(key), say, (nr_lex_when)when, ends, replace, fields))
            return -1;
    }
    return 0;
}

int nr_lex_load(nr_lexicon *lex, const char *path, char *err, size_t errlen)
{
    size_t n;
    char *cached = nr_lexcache_read(path, &n);
    if (cached && replay(NULL, cached, n) == 0) {
        int rc = replay(lex, cached, n);
        free(cached);
        if (rc) snprintf(err, errlen, "out of memory");
        return rc ? NR_YAML_NOMEM : NR_YAML_OK;
    }
    free(cached);
    loading l = { lex, { 0 } };
    int rc = nr_yaml_load(path, load_root, &l, err, errlen);
    if (rc == 0 && !l.record.oom) nr_lexcache_write(path, l.record.s ? l.record.s : "", l.record.len);
    nr_buf_free(&l.record);
    return rc;
}
