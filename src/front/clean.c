/*
 * clean.c — make any bytes into plain, valid UTF-8 text (see clean.h).
 *
 * Scraped articles arrive with broken encodings, stray control bytes, invisible Unicode
 * (soft hyphens, zero-width joiners, bidi marks) and typographic variants (smart quotes,
 * dashes, non-breaking spaces) that later stages would stumble on and eSpeak might read
 * aloud. One pass copies runs of plain ASCII as they are and decodes anything else a code
 * point at a time, with one code point of lookahead for "\r\n" and dashes, mapping it
 * through a small range table. Invalid UTF-8 becomes U+FFFD per maximal invalid subpart,
 * so the output is valid UTF-8 whatever came in. HTML character references ("&amp;",
 * "&#8217;") are decoded and then treated like the character they stand for; so is
 * UTF-8 that went through Windows-1252 on the way ("mayorâ€™s" is "mayor's").
 */
#include "front/clean.h"
#include <string.h>
#include "util/chars.h"

#define NO_CP 0xFFFFFFFFu   /* "no next code point": end of input */

static void put_cp(nr_buf *out, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) { b[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { b[0] = (char)(0xC0 | cp >> 6); n = 2; }
    else if (cp < 0x10000) { b[0] = (char)(0xE0 | cp >> 12); n = 3; }
    else { b[0] = (char)(0xF0 | cp >> 18); n = 4; }
    for (size_t i = 1; i < n; i++) b[i] = (char)(0x80 | ((cp >> (6 * (n - 1 - i))) & 0x3F));
    nr_buf_put(out, b, n);
}

/* Unicode spaces that become ' ' (the same set the dash spacing treats as blank). */
static int is_unicode_space(uint32_t cp)
{
    return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static int is_blank_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || is_unicode_space(cp);
}

static int is_digit_cp(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);   /* with fullwidth */
}

/* Code points replaced by a fixed string ("" = removed); sorted, non-overlapping. */
static const struct { uint32_t lo, hi; const char *to; } MAP[] = {
    { 0x0080, 0x009F, " " },      /* C1 controls */
    { 0x00AB, 0x00AB, "\"" },     /* « */
    { 0x00AD, 0x00AD, "" },       /* soft hyphen */
    { 0x00BB, 0x00BB, "\"" },     /* » */
    { 0x061C, 0x061C, "" },       /* Arabic letter mark (bidi) */
    { 0x180E, 0x180E, "" },       /* Mongolian vowel separator (invisible) */
    { 0x200B, 0x200F, "" },       /* zero-width space, ZWNJ, ZWJ, LRM, RLM */
    { 0x2010, 0x2012, "-" },      /* hyphen, non-breaking hyphen, figure dash */
    { 0x2018, 0x201B, "'" },      /* smart single quotes */
    { 0x201C, 0x201F, "\"" },     /* smart double quotes */
    { 0x2026, 0x2026, "..." },    /* ellipsis */
    { 0x2028, 0x2028, "\n" },     /* line separator */
    { 0x2029, 0x2029, "\n\n" },   /* paragraph separator */
    { 0x202A, 0x202E, "" },       /* bidi embeddings and overrides */
    { 0x2032, 0x2032, "'" },      /* prime */
    { 0x2033, 0x2033, "\"" },     /* double prime */
    { 0x2060, 0x2064, "" },       /* word joiner, invisible operators */
    { 0x2066, 0x2069, "" },       /* bidi isolates */
    { 0x2212, 0x2212, "-" },      /* minus sign */
    { 0xFEFF, 0xFEFF, "" },       /* BOM / zero-width no-break space */
};

static const char *mapped(uint32_t cp)
{
    if (is_unicode_space(cp)) return " ";
    for (size_t i = 0; i < sizeof MAP / sizeof MAP[0] && MAP[i].lo <= cp; i++)
        if (cp <= MAP[i].hi) return MAP[i].to;
    return NULL;
}

static uint32_t peek(const char *s, size_t len)
{
    uint32_t cp;
    if (!len) return NO_CP;
    nr_utf8_decode(s, len, &cp);
    return cp;
}

/* The last byte this call wrote, or 0 when it has written nothing yet. */
static char last_out(const nr_buf *out, size_t start)
{
    return out->len > start ? out->s[out->len - 1] : 0;
}

/* " - " without doubling a space that is already there or about to come. */
static void put_spaced_dash(nr_buf *out, size_t start, uint32_t next)
{
    char prev = last_out(out, start);
    if (prev && prev != ' ' && prev != '\n') nr_buf_putc(out, ' ');
    nr_buf_putc(out, '-');
    if (next != NO_CP && !is_blank_cp(next)) nr_buf_putc(out, ' ');
}

/* En dash: a range "2010–2015" keeps its digits together, anything else is a pause. */
static void put_en_dash(nr_buf *out, size_t start, uint32_t next)
{
    char prev = last_out(out, start);
    int letters = nr_is_alpha(prev) &&
                  (((next | 0x20) >= 'a' && (next | 0x20) <= 'z') || (next >= 0xC0 && next <= 0x24F));
    /* "2010–2015" a range, "Michaelis–Menten" a compound name: joined like a hyphen */
    if ((nr_is_digit(prev) && is_digit_cp(next)) || letters) nr_buf_putc(out, '-');
    else put_spaced_dash(out, start, next);
}

/* ---------- digit groups: "12 345" with a no-break or thin space is one number ---------- */

/* The spaces typesetters put between groups of three digits. A plain space is left alone:
   "in 2019 300 people" is two numbers as often as one. */
static int is_group_space(uint32_t cp) { return cp == 0xA0 || cp == 0x202F || cp == 0x2009; }

/* Bytes of a group space at s, 0 if none. */
static size_t group_space(const char *s, size_t len)
{
    uint32_t cp;
    size_t n = len ? nr_utf8_decode(s, len, &cp) : 0;
    return n && is_group_space(cp) ? n : 0;
}

/* True when what was written ends in a leading group: 1–3 digits not after a digit, a
   letter ("A1 234" is a code), a decimal point or a comma ("3.141 592" is a fraction). */
static int ends_leading_group(const nr_buf *out, size_t start)
{
    size_t n = out->len, d = 0;
    while (n > start && d < 4 && nr_is_digit(out->s[n - 1])) { n--; d++; }
    if (d == 0 || d > 3) return 0;
    if (n == start) return 1;
    char c = out->s[n - 1];
    return c != '.' && c != ',' && !nr_is_alpha(c);
}

/*
 * in[i..) follows a group space written after a leading group. Reads the chain of groups
 * "ddd", "ddd<space>ddd", … and sets *commas when it is one grouped number: each group
 * exactly three digits, then no digit, no group space before more digits ("1 234 56"),
 * no decimal comma ("12 345,67" is continental style: commas would garble it). A group
 * space before a word is fine: "10 000 km". Returns where the chain stopped, so its
 * other spaces need no second look (linear time).
 */
static size_t read_groups(const char *in, size_t len, size_t i, int *commas)
{
    *commas = 0;
    for (;;) {
        if (len - i < 3 || !nr_is_digit(in[i]) || !nr_is_digit(in[i + 1]) ||
            !nr_is_digit(in[i + 2]))
            return i;
        i += 3;
        size_t sp = group_space(in + i, len - i);
        if (!sp || i + sp == len || !nr_is_digit(in[i + sp])) break;
        i += sp;
    }
    if (i < len && nr_is_digit(in[i])) return i;
    if (i + 1 < len && in[i] == ',' && nr_is_digit(in[i + 1])) return i;
    *commas = 1;
    return i;
}

/* What the group space that ends at in[i] becomes: ',' inside a grouped number, else ' '.
   *end and *commas carry the judgement of the chain it belongs to. */
static char group_space_as(const nr_buf *out, size_t start, const char *in, size_t len,
                           size_t i, size_t *end, int *commas)
{
    if (i >= *end) {
        if (!ends_leading_group(out, start)) return ' ';
        *end = read_groups(in, len, i, commas);
    }
    return *commas ? ',' : ' ';
}

static void put_ascii(nr_buf *out, uint32_t c)
{
    if (c == '\n' || (c >= 0x20 && c < 0x7F)) nr_buf_putc(out, (char)c);
    else nr_buf_putc(out, ' ');   /* NUL, tab, other C0, DEL: a space, so words never join */
}

/* Bytes at s that pass through unchanged: printable ASCII and '\n'. Nearly all of an
 * article is such runs, and copying a run at once is what keeps this stage fast. */
static int plain_byte(char c) { return (c >= 0x20 && c < 0x7F && c != '&') || c == '\n'; }

static size_t plain_run(const char *s, size_t len)
{
    /* eight bytes at a time while none is below ' ', above '~' or '&' (bit tricks on a
     * 64-bit word: a byte's top bit is set in `odd` exactly when it is one of those) */
    const uint64_t ones = 0x0101010101010101u, tops = 0x8080808080808080u;
    size_t n = 0;
    for (uint64_t w; n + 8 <= len; n += 8) {
        memcpy(&w, s + n, 8);
        uint64_t amp = w ^ (ones * '&');
        uint64_t odd = (((w - ones * 0x20) & ~w) | (w + ones) | w | ((amp - ones) & ~amp)) & tops;
        if (odd) break;
    }
    while (n < len && plain_byte(s[n])) n++;
    return n;
}

/* The Windows-1252 byte a code point stands for in 0x80..0xBF, or -1. */
static int cp1252_byte(uint32_t cp)
{
    static const uint16_t c1[32] = {   /* 0x80..0x9F as Windows-1252 shows them */
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039,
        0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178 };
    if (cp >= 0xA0 && cp <= 0xBF) return (int)cp;
    for (int k = 0; k < 32; k++)
        if (c1[k] == cp || (cp >= 0x80 && cp <= 0x9F && cp == (uint32_t)(0x80 + k))) return 0x80 + k;
    return -1;
}

/*
 * Mojibake: UTF-8 that was read as Windows-1252 and written out again ("mayorâ€™s",
 * "Â£5", "cafÃ©"). The lead character lead (Â..ô, U+00C2..U+00F4, already decoded from
 * the lead_len bytes at s) followed by the right number of characters that stand for
 * continuation bytes is turned back into the one character meant. Returns the bytes
 * consumed from s, with the character in *cp, or 0.
 */
static size_t mojibake(const char *s, size_t len, uint32_t lead, size_t lead_len, uint32_t *cp)
{
    if (lead < 0xC2 || lead > 0xF4) return 0;
    size_t need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3, used = lead_len;
    char bytes[4] = { (char)lead };
    for (size_t k = 1; k <= need; k++) {
        if (used >= len) return 0;
        uint32_t c;
        size_t n = nr_utf8_decode(s + used, len - used, &c);
        int b = cp1252_byte(c);
        if (b < 0) return 0;
        bytes[k] = (char)b;
        used += n;
    }
    uint32_t v;
    if (nr_utf8_decode(bytes, need + 1, &v) != need + 1 || v == 0xFFFD) return 0;
    *cp = v;
    return used;
}

/* HTML character references that scrapers leave in text ("AT&amp;T", "mayor&#8217;s"):
 * the common named ones and any numeric one, always with their ';'. */
static const struct { const char *name; uint32_t cp; } ENTITIES[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "nbsp", 0xA0 }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
    { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
    { "laquo", 0xAB }, { "raquo", 0xBB }, { "copy", 0xA9 }, { "reg", 0xAE }, { "trade", 0x2122 },
    { "deg", 0xB0 }, { "frac12", 0xBD }, { "frac14", 0xBC }, { "frac34", 0xBE }, { "times", 0xD7 },
    { "divide", 0xF7 }, { "plusmn", 0xB1 }, { "euro", 0x20AC }, { "pound", 0xA3 }, { "yen", 0xA5 },
    { "cent", 0xA2 }, { "shy", 0xAD }, { "zwj", 0x200D }, { "zwnj", 0x200C }, { "middot", 0xB7 },
    { "bull", 0x2022 }, { "eacute", 0xE9 }, { "egrave", 0xE8 }, { "aacute", 0xE1 }, { "agrave", 0xE0 },
    { "iacute", 0xED }, { "oacute", 0xF3 }, { "uacute", 0xFA }, { "ntilde", 0xF1 }, { "ccedil", 0xE7 },
    { "auml", 0xE4 }, { "ouml", 0xF6 }, { "uuml", 0xFC }, { "szlig", 0xDF }, { "Eacute", 0xC9 },
};

/* The reference at s (which starts with '&'): its length, and its code point in *cp; 0 if
 * s holds none. */
static size_t entity(const char *s, size_t len, uint32_t *cp)
{
    size_t semi = 1;
    while (semi < len && semi < 12 && s[semi] != ';') semi++;
    if (semi >= len || s[semi] != ';' || semi < 3) return 0;
    if (s[1] == '#') {
        int hex = s[2] == 'x' || s[2] == 'X';
        uint32_t v = 0;
        size_t k = hex ? 3 : 2;
        if (k >= semi) return 0;
        for (; k < semi; k++) {
            char c = s[k];
            int d = nr_is_digit(c) ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) return 0;
            v = v * (hex ? 16 : 10) + (uint32_t)d;
        }
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
        *cp = v;
        return semi + 1;
    }
    for (size_t e = 0; e < sizeof ENTITIES / sizeof ENTITIES[0]; e++) {
        size_t n = strlen(ENTITIES[e].name);
        if (n == semi - 1 && memcmp(s + 1, ENTITIES[e].name, n) == 0) {
            *cp = ENTITIES[e].cp;
            return semi + 1;
        }
    }
    return 0;
}

void nr_clean(nr_buf *out, const char *in, size_t len)
{
    size_t start = out->len, i = 0;
    size_t chain_end = 0;   /* digit groups judged up to here ... */
    int chain_commas = 0;   /* ... and whether their spaces are commas */
    while (i < len) {
        size_t run = plain_run(in + i, len - i);
        nr_buf_put(out, in + i, run);
        i += run;
        if (i == len) break;
        uint32_t cp;
        size_t ref = in[i] == '&' ? entity(in + i, len - i, &cp) : 0;
        if (in[i] == '&' && !ref) { nr_buf_putc(out, '&'); i++; continue; }
        if (ref) i += ref;
        else {
            size_t n = nr_utf8_decode(in + i, len - i, &cp), fixed = mojibake(in + i, len - i, cp, n, &cp);
            i += fixed ? fixed : n;
        }
        const char *to;
        if (cp == '\r') {
            nr_buf_putc(out, '\n');
            if (i < len && in[i] == '\n') i++;
        } else if (cp < 0x80) put_ascii(out, cp);
        else if (is_group_space(cp))
            nr_buf_putc(out, group_space_as(out, start, in, len, i, &chain_end, &chain_commas));
        else if (cp == 0x2013) put_en_dash(out, start, peek(in + i, len - i));
        else if (cp == 0x2014 || cp == 0x2015) put_spaced_dash(out, start, peek(in + i, len - i));
        else if (cp >= 0xFF01 && cp <= 0xFF5E) nr_buf_putc(out, (char)(cp - 0xFEE0));
        else if ((to = mapped(cp))) nr_buf_puts(out, to);
        else put_cp(out, cp);
    }
}
