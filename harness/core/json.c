/* SPDX-License-Identifier: Apache-2.0
 *
 * core/json.c: strict RFC 8259 parsing into cJSON trees, printing, lookup,
 * equality and a path-level diff. See json.h for the contracts.
 *
 * Why our own parser rather than cJSON_ParseWithLengthOpts plus checks:
 * cJSON accepts leading zeros' neighbours ("-" alone is rejected, but
 * "1." and raw control characters are not), does not validate UTF-8, turns
 * lone \u surrogates into garbage, and reports errors only through a
 * global pointer. One single-pass recursive-descent parser of our own gives
 * strictness, exact byte offsets and the depth cap in the same pass that
 * builds the tree, and costs no more than cJSON's own parse (see the timing
 * figures in the JSON helper's report and bench/).
 *
 * Ownership: nodes and strings are allocated with cJSON_malloc, which the
 * hooks installed by sdkc_alloc_global_init() route to sdkc_malloc, so a
 * tree is always freed with cJSON_Delete whether or not the hooks were
 * installed (both sides use the same allocator).
 *
 * Offsets: every error offset is the index of the first byte that makes the
 * input invalid; for an invalid UTF-8 sequence that is its lead byte, and
 * for input that ends too early it is the input length.
 *
 * Numbers (json.h "Numbers"): s_number keeps a literal only past 15
 * significant digits or outside the normal double range, so ordinary
 * documents allocate nothing more; integers of 16..19 digits still skip
 * strtod. Equality against a literal compares significant digits and the
 * decimal exponent (struct s_dec), never a double.
 */
#include "core/json.h"

#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/assert.h"
#include "core/text.h"

/* Hard ceiling on the depth a caller may ask for: the parser, printer and
 * comparator recurse once per level, and cJSON_Delete does too, so this
 * bounds stack use (about 100 bytes a level here, more under ASan). It
 * matches cJSON's own CJSON_NESTING_LIMIT. */
#define SDKC_JSON_MAX_DEPTH_LIMIT 1000

/* Numbers longer than this are converted from a heap copy instead of a stack
 * buffer; RFC 8259 sets no length limit, so neither do we beyond max_bytes. */
#define S_NUMBER_STACK_BYTES 64

/* Integers with at most this many digits are exact in a double (< 2^53),
 * so they are converted without strtod and give the same value. */
#define S_FAST_INT_DIGITS 15

/* Integers with at most this many digits fit a uint64 (< 10^19 < 2^64), and
 * the uint64 -> double conversion rounds to nearest like strtod, so they
 * skip strtod too (longer ones keep a literal, json.h "Numbers"). */
#define S_U64_INT_DIGITS 19

/* Values shown in a diff entry are cut to this many bytes (then "..."). */
#define SDKC_JSON_DIFF_VALUE_MAX 200

#define SDKC_JSON_DIFF_MAX_ENTRIES_DEFAULT 64

/* ======================================================================== */
/* MARK: character classes                                                  */
/* ======================================================================== */

/* 1 = a byte that may appear unescaped in a string and needs no further
 * check: printable ASCII except '"' and '\\' (RFC 8259 §7 "unescaped"). */
static const unsigned char s_plain[256] = {
    /* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x20 */ 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x30 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x40 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x50 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    /* 0x60 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x70 */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /* 0x80..0xFF: multi-byte UTF-8, checked by sdkc_utf8_len (core/text.h) */
};

static int s_is_ws(unsigned char c)
{
    /* RFC 8259 §2: exactly these four; form feed and NBSP are not. */
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int s_hex(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* NULL when the four bytes at c are hex digits, else the first that is not
 * (end when the input stops first). */
static const unsigned char *s_hex4_check(const unsigned char *c, const unsigned char *end)
{
    int i;
    for (i = 0; i < 4; i++)
        if (c + i >= end || s_hex(c[i]) < 0)
            return c + i;
    return NULL;
}

/* Four hex digits at c (caller checked they exist), or -1. */
static long s_hex4(const unsigned char *c)
{
    int a = s_hex(c[0]), b = s_hex(c[1]), d = s_hex(c[2]), e = s_hex(c[3]);
    if ((a | b | d | e) < 0)
        return -1;
    return ((long)a << 12) | ((long)b << 8) | ((long)d << 4) | (long)e;
}

static size_t s_utf8_encode(unsigned long cp, char *dst)
{
    if (cp < 0x80) {
        dst[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        dst[0] = (char)(0xC0 | (cp >> 6));
        dst[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        dst[0] = (char)(0xE0 | (cp >> 12));
        dst[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        dst[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    dst[0] = (char)(0xF0 | (cp >> 18));
    dst[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    dst[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    dst[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ======================================================================== */
/* MARK: the parser                                                         */
/* ======================================================================== */

struct s_parser {
    const unsigned char *start;
    const unsigned char *end;
    const unsigned char *cur;
    int max_depth;
    int build; /* 0: validate only (no allocation) */
    struct sdkc_error *err;
};

static size_t s_off(const struct s_parser *ps, const unsigned char *at)
{
    /* Offsets are reported in errors: one outside the input is a scan bug. */
    SDKC_ASSERT(at >= ps->start && at <= ps->end);
    return (size_t)(at - ps->start);
}

/* "<what> at byte N" or "<what> at byte N (<note>)": the offset comes right
 * after the fault so that messages read alike ("invalid UTF-8 at byte 17");
 * the note says which rule (RFC section) the input broke. */
static sdkc_result s_fail_at(struct s_parser *ps, sdkc_result code, const unsigned char *at,
                             const char *what, const char *note)
{
    size_t off = s_off(ps, at);
    if (note)
        return sdkc_error_set(ps->err, code, off, "%s at byte %zu (%s)", what, off, note);
    return sdkc_error_set(ps->err, code, off, "%s at byte %zu", what, off);
}

static sdkc_result s_unexpected(struct s_parser *ps, const unsigned char *at, const char *expected)
{
    size_t off = s_off(ps, at);
    unsigned char c;
    if (at >= ps->end)
        return sdkc_error_set(ps->err, SDKC_ERR_PARSE, off,
                              "unexpected end of input at byte %zu: expected %s", off, expected);
    c = *at;
    if (c == '\'')
        return sdkc_error_set(ps->err, SDKC_ERR_PARSE, off,
                              "unexpected \"'\" at byte %zu: expected %s", off, expected);
    if (c >= 0x21 && c < 0x7F)
        return sdkc_error_set(ps->err, SDKC_ERR_PARSE, off,
                              "unexpected '%c' at byte %zu: expected %s", c, off, expected);
    return sdkc_error_set(ps->err, SDKC_ERR_PARSE, off,
                          "unexpected byte 0x%02X at byte %zu: expected %s", c, off, expected);
}

static void s_skip_ws(struct s_parser *ps)
{
    const unsigned char *c = ps->cur, *end = ps->end;
    SDKC_ASSERT(c <= end);
    while (c < end && s_is_ws(*c))
        c++;
    ps->cur = c;
}

static cJSON *s_new_item(int type)
{
    cJSON *it = cJSON_malloc(sizeof(*it));
    if (it) {
        memset(it, 0, sizeof(*it));
        it->type = type;
    }
    return it;
}

/* Scan the string whose opening quote is at q. On success *after points past
 * the closing quote, *dec_len is the decoded length and *escaped says
 * whether any escape occurs. U+0000 (from \u0000) decodes to the two bytes
 * of SDKC_JSON_NUL (json.h). */
static sdkc_result s_scan_string(struct s_parser *ps, const unsigned char *q,
                                 const unsigned char **after, size_t *dec_len, int *escaped)
{
    const unsigned char *c = q + 1, *end = ps->end;
    size_t shrink = 0;
    int esc = 0;

    for (;;) {
        unsigned char b;
        while (c < end && s_plain[*c])
            c++;
        if (c >= end) {
            size_t off = s_off(ps, end), open = s_off(ps, q);
            return sdkc_error_set(ps->err, SDKC_ERR_PARSE, off,
                                  "unterminated string (opened at byte %zu) at byte %zu", open,
                                  off);
        }
        b = *c;
        if (b == '"')
            break;
        if (b == '\\') {
            esc = 1;
            if (end - c < 2)
                return s_fail_at(ps, SDKC_ERR_PARSE, end, "unterminated escape in a string", NULL);
            switch (c[1]) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                shrink += 1;
                c += 2;
                break;
            case 'u': {
                long cp, lo;
                const unsigned char *bad = s_hex4_check(c + 2, end);
                if (bad)
                    return s_fail_at(ps, SDKC_ERR_PARSE, bad,
                                     bad >= end ? "unterminated \\u escape"
                                                : "non-hex digit in a \\u escape",
                                     "RFC 8259 §7: \\u takes four hex digits");
                cp = s_hex4(c + 2);
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return s_fail_at(ps, SDKC_ERR_PARSE, c, "lone low surrogate escape",
                                     "RFC 8259 §7: it must follow a high surrogate");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    /* RFC 8259 §7: a high surrogate escape must be followed
                     * by a low one; anything else is not a code point. */
                    if (end - c < 8 || c[6] != '\\' || c[7] != 'u')
                        return s_fail_at(ps, SDKC_ERR_PARSE, c, "lone high surrogate escape",
                                         "RFC 8259 §7: a low surrogate escape must follow");
                    bad = s_hex4_check(c + 8, end);
                    if (bad)
                        return s_fail_at(ps, SDKC_ERR_PARSE, bad,
                                         bad >= end ? "unterminated \\u escape"
                                                    : "non-hex digit in a \\u escape",
                                         "RFC 8259 §7: \\u takes four hex digits");
                    lo = s_hex4(c + 8);
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        return s_fail_at(ps, SDKC_ERR_PARSE, c,
                                         "high surrogate escape not followed by a low one",
                                         "RFC 8259 §7");
                    shrink += 12 - 4;
                    c += 12;
                    break;
                }
                /* U+0000 is held as SDKC_JSON_NUL, two bytes (json.h) */
                shrink += 6 - (cp == 0 ? 2 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3);
                c += 6;
                break;
            }
            default:
                return s_fail_at(ps, SDKC_ERR_PARSE, c, "invalid escape in a string",
                                 "RFC 8259 §7 allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
            }
            continue;
        }
        if (b < 0x20) {
            size_t off = s_off(ps, c);
            return sdkc_error_set(ps->err, SDKC_ERR_PARSE, off,
                                  "raw control character 0x%02X in a string at byte %zu "
                                  "(RFC 8259 §7: must be escaped)",
                                  b, off);
        } else {
            const char *why = NULL;
            size_t n = sdkc_utf8_len(c, (size_t)(end - c), &why);
            if (!n) {
                size_t off = s_off(ps, c);
                return sdkc_error_set(ps->err, SDKC_ERR_PARSE, off,
                                      "invalid UTF-8 at byte %zu (%s)", off, why);
            }
            c += n;
        }
    }
    *after = c + 1;
    *dec_len = (size_t)(c - q - 1) - shrink;
    *escaped = esc;
    return SDKC_OK;
}

/* Decode the already validated string body [s, e) into dst (room for the
 * decoded length plus NUL). */
static void s_decode(const unsigned char *s, const unsigned char *e, char *dst)
{
    while (s < e) {
        const unsigned char *bs = memchr(s, '\\', (size_t)(e - s));
        if (!bs) {
            memcpy(dst, s, (size_t)(e - s));
            dst += e - s;
            break;
        }
        memcpy(dst, s, (size_t)(bs - s));
        dst += bs - s;
        s = bs + 2;
        switch (bs[1]) {
        case 'b': *dst++ = '\b'; break;
        case 'f': *dst++ = '\f'; break;
        case 'n': *dst++ = '\n'; break;
        case 'r': *dst++ = '\r'; break;
        case 't': *dst++ = '\t'; break;
        case 'u': {
            unsigned long cp = (unsigned long)s_hex4(s);
            s += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned long lo = (unsigned long)s_hex4(s + 2);
                s += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            if (cp == 0) {
                memcpy(dst, SDKC_JSON_NUL, 2);
                dst += 2;
            } else {
                dst += s_utf8_encode(cp, dst);
            }
            break;
        }
        default: *dst++ = (char)bs[1]; break; /* '"', '\\', '/' */
        }
    }
    *dst = '\0';
}

/* Parse a string at ps->cur (an opening quote); in build mode *out receives
 * a cJSON_malloc'd NUL-terminated copy. */
static sdkc_result s_string(struct s_parser *ps, char **out)
{
    const unsigned char *q = ps->cur, *after = NULL;
    size_t dec_len = 0;
    int escaped = 0;
    sdkc_result result = s_scan_string(ps, q, &after, &dec_len, &escaped);
    char *s;

    if (result)
        return result;
    ps->cur = after;
    if (!ps->build)
        return SDKC_OK;
    s = cJSON_malloc(dec_len + 1);
    if (!s)
        return sdkc_error_set(ps->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    if (escaped) {
        s_decode(q + 1, after - 1, s);
    } else {
        memcpy(s, q + 1, dec_len);
        s[dec_len] = '\0';
    }
    *out = s;
    return SDKC_OK;
}

/* Non-zero when the double d parsed from a number with sig significant
 * digits (nonzero: some digit is not 0) does not hold that number exactly
 * in the sense of json.h "Numbers": more than S_FAST_INT_DIGITS significant
 * digits (DBL_DIG: up to 15 digits survive text -> double -> %.15g), or a
 * magnitude outside the normal double range (overflow to infinity,
 * underflow to zero or to a subnormal with fewer digits). */
static int s_needs_literal(double d, size_t sig, int nonzero)
{
    if (sig > S_FAST_INT_DIGITS || isinf(d))
        return 1;
    return nonzero && fabs(d) < DBL_MIN;
}

/* RFC 8259 §6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
 * The value is computed as cJSON computes it (strtod with the locale's
 * decimal point; valueint saturated to int), so trees match cJSON's. A
 * number the double does not hold exactly also keeps its text in
 * valuestring (json.h "Numbers"). */
static sdkc_result s_number(struct s_parser *ps, cJSON **out)
{
    const unsigned char *c = ps->cur, *end = ps->end, *digits, *p;
    int neg = 0, simple = 1, nonzero = 0, keep;
    size_t ndig, sig;
    double d;
    cJSON *it;
    char *lit = NULL;

    if (*c == '-') {
        neg = 1;
        c++;
    }
    digits = c;
    if (c >= end || *c < '0' || *c > '9')
        return s_unexpected(ps, c, "a digit after '-'");
    if (*c == '0') {
        c++;
        if (c < end && *c >= '0' && *c <= '9')
            return s_fail_at(ps, SDKC_ERR_PARSE, c, "leading zero in a number",
                             "RFC 8259 §6: no digit may follow a leading 0");
    } else {
        while (c < end && *c >= '0' && *c <= '9')
            c++;
    }
    ndig = (size_t)(c - digits);
    /* Significant digits: the integer part has no leading zero except a
     * lone "0", which is not significant, nor are the fraction's zeros
     * after it and before the first other digit. */
    sig = *digits == '0' ? 0 : ndig;
    nonzero = *digits != '0';
    if (c < end && *c == '.') {
        simple = 0;
        c++;
        if (c >= end || *c < '0' || *c > '9')
            return s_unexpected(ps, c, "a digit after the decimal point");
        while (c < end && *c >= '0' && *c <= '9') {
            nonzero |= *c != '0';
            sig += (size_t)nonzero;
            c++;
        }
    }
    if (c < end && (*c == 'e' || *c == 'E')) {
        simple = 0;
        c++;
        if (c < end && (*c == '+' || *c == '-'))
            c++;
        if (c >= end || *c < '0' || *c > '9')
            return s_unexpected(ps, c, "a digit in the exponent");
        while (c < end && *c >= '0' && *c <= '9')
            c++;
    }
    if (!ps->build) {
        ps->cur = c;
        return SDKC_OK;
    }
    if (simple && ndig <= S_U64_INT_DIGITS) {
        uint64_t v = 0;
        for (p = digits; p < c; p++)
            v = v * 10 + (uint64_t)(*p - '0');
        d = (double)v;
        if (neg)
            d = -d;
        keep = ndig > S_FAST_INT_DIGITS;
    } else {
        char stack[S_NUMBER_STACK_BYTES];
        size_t n = (size_t)(c - ps->cur), i;
        char *tmp = stack, *endp = NULL;
        char point = '.';
        struct lconv *lc = localeconv();
        if (lc && lc->decimal_point && lc->decimal_point[0])
            point = lc->decimal_point[0];
        if (n >= sizeof(stack)) {
            tmp = sdkc_malloc(n + 1);
            if (!tmp)
                return sdkc_error_set(ps->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        }
        for (i = 0; i < n; i++)
            tmp[i] = ps->cur[i] == '.' ? point : (char)ps->cur[i];
        tmp[n] = '\0';
        d = strtod(tmp, &endp);
        if (tmp != stack)
            sdkc_free(tmp);
        keep = s_needs_literal(d, sig, nonzero);
    }
    if (keep) {
        size_t n = (size_t)(c - ps->cur);
        lit = cJSON_malloc(n + 1);
        if (!lit)
            return sdkc_error_set(ps->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        memcpy(lit, ps->cur, n);
        lit[n] = '\0';
    }
    it = s_new_item(cJSON_Number);
    if (!it) {
        cJSON_free(lit);
        return sdkc_error_set(ps->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    it->valuedouble = d;
    it->valuestring = lit;
    /* As cJSON's parse_number: saturate rather than overflow the int cast. */
    if (d >= (double)INT_MAX)
        it->valueint = INT_MAX;
    else if (d <= (double)INT_MIN)
        it->valueint = INT_MIN;
    else
        it->valueint = (int)d;
    *out = it;
    ps->cur = c;
    return SDKC_OK;
}

static sdkc_result s_literal(struct s_parser *ps, const char *word, size_t n, int type, cJSON **out)
{
    const unsigned char *c = ps->cur;
    size_t i;
    for (i = 0; i < n; i++) {
        if (c + i >= ps->end || c[i] != (unsigned char)word[i]) {
            char what[32];
            snprintf(what, sizeof(what), "the literal '%s'", word);
            return s_unexpected(ps, c + i, what);
        }
    }
    if (ps->build) {
        cJSON *it = s_new_item(type);
        if (!it)
            return sdkc_error_set(ps->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        if (type == cJSON_True)
            it->valueint = 1;
        *out = it;
    }
    ps->cur = c + n;
    return SDKC_OK;
}

static sdkc_result s_value(struct s_parser *ps, int depth, cJSON **out);

/* Append child to container, keeping cJSON's invariant that the first
 * child's prev points at the last child (cJSON_AddItemToArray relies on it). */
static void s_append(cJSON *container, cJSON **tail, cJSON *child)
{
    SDKC_ASSERT(child && !child->next && !child->prev);
    SDKC_ASSERT(!*tail == !container->child);
    if (!*tail) {
        container->child = child;
    } else {
        (*tail)->next = child;
        child->prev = *tail;
    }
    container->child->prev = child;
    *tail = child;
}

static sdkc_result s_open(struct s_parser *ps, int depth, int type, cJSON **node)
{
    /* Called on the bracket s_value dispatched on. */
    SDKC_ASSERT(ps->cur < ps->end && *ps->cur == (type == cJSON_Object ? '{' : '['));
    if (depth >= ps->max_depth) {
        size_t off = s_off(ps, ps->cur);
        return sdkc_error_set(ps->err, SDKC_ERR_TOO_DEEP, off,
                              "nesting deeper than the cap of %d at byte %zu", ps->max_depth, off);
    }
    if (ps->build) {
        *node = s_new_item(type);
        if (!*node)
            return sdkc_error_set(ps->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    ps->cur++;
    s_skip_ws(ps);
    return SDKC_OK;
}

static sdkc_result s_array(struct s_parser *ps, int depth, cJSON **out)
{
    cJSON *arr = NULL, *tail = NULL;
    sdkc_result result = s_open(ps, depth, cJSON_Array, &arr);

    if (result)
        return result;
    if (ps->cur < ps->end && *ps->cur == ']') {
        ps->cur++;
        *out = arr;
        return SDKC_OK;
    }
    for (;;) {
        cJSON *v = NULL;
        result = s_value(ps, depth + 1, &v);
        if (result)
            goto fail;
        if (v)
            s_append(arr, &tail, v);
        s_skip_ws(ps);
        if (ps->cur < ps->end && *ps->cur == ',') {
            ps->cur++;
            s_skip_ws(ps);
            if (ps->cur < ps->end && *ps->cur == ']') {
                result = s_fail_at(ps, SDKC_ERR_PARSE, ps->cur, "trailing comma in an array",
                                   "RFC 8259 §5");
                goto fail;
            }
            continue;
        }
        if (ps->cur < ps->end && *ps->cur == ']') {
            ps->cur++;
            break;
        }
        result = s_unexpected(ps, ps->cur, "',' or ']' in an array");
        goto fail;
    }
    *out = arr;
    return SDKC_OK;
fail:
    cJSON_Delete(arr);
    return result;
}

static sdkc_result s_object(struct s_parser *ps, int depth, cJSON **out)
{
    cJSON *obj = NULL, *tail = NULL;
    char *key = NULL;
    sdkc_result result = s_open(ps, depth, cJSON_Object, &obj);

    if (result)
        return result;
    if (ps->cur < ps->end && *ps->cur == '}') {
        ps->cur++;
        *out = obj;
        return SDKC_OK;
    }
    for (;;) {
        cJSON *v = NULL;
        if (ps->cur >= ps->end || *ps->cur != '"') {
            result = s_unexpected(ps, ps->cur, "a string key in an object");
            goto fail;
        }
        result = s_string(ps, &key);
        if (result)
            goto fail;
        s_skip_ws(ps);
        if (ps->cur >= ps->end || *ps->cur != ':') {
            result = s_unexpected(ps, ps->cur, "':' after an object key");
            goto fail;
        }
        ps->cur++;
        s_skip_ws(ps);
        result = s_value(ps, depth + 1, &v);
        if (result)
            goto fail;
        if (v) {
            v->string = key;
            key = NULL;
            s_append(obj, &tail, v);
        }
        s_skip_ws(ps);
        if (ps->cur < ps->end && *ps->cur == ',') {
            ps->cur++;
            s_skip_ws(ps);
            if (ps->cur < ps->end && *ps->cur == '}') {
                result = s_fail_at(ps, SDKC_ERR_PARSE, ps->cur, "trailing comma in an object",
                                   "RFC 8259 §4");
                goto fail;
            }
            continue;
        }
        if (ps->cur < ps->end && *ps->cur == '}') {
            ps->cur++;
            break;
        }
        result = s_unexpected(ps, ps->cur, "',' or '}' in an object");
        goto fail;
    }
    *out = obj;
    return SDKC_OK;
fail:
    cJSON_free(key);
    cJSON_Delete(obj);
    return result;
}

static sdkc_result s_value(struct s_parser *ps, int depth, cJSON **out)
{
    const unsigned char *c = ps->cur;
    if (c >= ps->end)
        return s_unexpected(ps, c, "a JSON value");
    switch (*c) {
    case '{': return s_object(ps, depth, out);
    case '[': return s_array(ps, depth, out);
    case '"': {
        char *s = NULL;
        sdkc_result result = s_string(ps, &s);
        if (result || !ps->build)
            return result;
        *out = s_new_item(cJSON_String);
        if (!*out) {
            cJSON_free(s);
            return sdkc_error_set(ps->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        }
        (*out)->valuestring = s;
        return SDKC_OK;
    }
    case 't': return s_literal(ps, "true", 4, cJSON_True, out);
    case 'f': return s_literal(ps, "false", 5, cJSON_False, out);
    case 'n': return s_literal(ps, "null", 4, cJSON_NULL, out);
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9': return s_number(ps, out);
    default: break;
    }
    if (*c >= 0x80) {
        const char *why = NULL;
        size_t off = s_off(ps, c);
        if (!sdkc_utf8_len(c, (size_t)(ps->end - c), &why))
            return sdkc_error_set(ps->err, SDKC_ERR_PARSE, off, "invalid UTF-8 at byte %zu (%s)",
                                  off, why);
    }
    return s_unexpected(ps, c, "a JSON value");
}

static sdkc_result s_run(const char *data, size_t len, const struct sdkc_json_limits *limits,
                         int build, cJSON **out, struct sdkc_error *err)
{
    struct s_parser ps;
    size_t max_bytes = SDKC_JSON_MAX_BYTES_DEFAULT;
    cJSON *root = NULL;
    sdkc_result result;

    memset(&ps, 0, sizeof(ps));
    ps.max_depth = SDKC_JSON_MAX_DEPTH_DEFAULT;
    if (limits) {
        if (limits->max_bytes)
            max_bytes = limits->max_bytes;
        if (limits->max_depth < 0 || limits->max_depth > SDKC_JSON_MAX_DEPTH_LIMIT)
            return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                  "JSON depth cap %d is outside 0..%d", limits->max_depth,
                                  SDKC_JSON_MAX_DEPTH_LIMIT);
        if (limits->max_depth)
            ps.max_depth = limits->max_depth;
    }
    if (!data && len)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "JSON input is NULL with a length of %zu", len);
    if (len > max_bytes)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, max_bytes,
                              "JSON input of %zu bytes is larger than the cap of %zu bytes", len,
                              max_bytes);
    ps.start = (const unsigned char *)(data ? data : "");
    ps.end = ps.start + len;
    ps.cur = ps.start;
    ps.build = build;
    ps.err = err;

    /* RFC 8259 §8.1: implementations MUST NOT add a byte order mark and MAY
     * ignore one; we reject it so that the bytes are exactly JSON. */
    if (len >= 3 && ps.start[0] == 0xEF && ps.start[1] == 0xBB && ps.start[2] == 0xBF)
        return sdkc_error_set(err, SDKC_ERR_PARSE, 0,
                              "byte order mark (U+FEFF) at byte 0 is not allowed (RFC 8259 §8.1)");
    s_skip_ws(&ps);
    if (ps.cur >= ps.end) {
        size_t off = s_off(&ps, ps.cur);
        return sdkc_error_set(err, SDKC_ERR_PARSE, off,
                              "no JSON value: the input is empty or only whitespace at byte %zu",
                              off);
    }
    result = s_value(&ps, 0, &root);
    if (result)
        goto fail;
    s_skip_ws(&ps);
    if (ps.cur < ps.end) {
        result = s_fail_at(&ps, SDKC_ERR_PARSE, ps.cur, "trailing content after the value",
                           "RFC 8259 §2: exactly one value");
        goto fail;
    }
    /* A validate-only pass builds nothing; a build pass always has a root. */
    SDKC_ASSERT(build ? root != NULL : root == NULL);
    if (out)
        *out = root;
    return SDKC_OK;
fail:
    cJSON_Delete(root);
    return result;
}

sdkc_result sdkc_json_validate(const char *data, size_t len, const struct sdkc_json_limits *limits,
                               struct sdkc_error *err)
{
    return s_run(data, len, limits, 0, NULL, err);
}

sdkc_result sdkc_json_parse(const char *data, size_t len, const struct sdkc_json_limits *limits,
                            cJSON **out, struct sdkc_error *err)
{
    if (!out)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "out is NULL");
    *out = NULL;
    return s_run(data, len, limits, 1, out, err);
}

sdkc_result sdkc_json_parse_file(const char *path, const struct sdkc_json_limits *limits,
                                 cJSON **out, struct sdkc_error *err)
{
    struct sdkc_buf raw, plain;
    size_t cap = limits && limits->max_bytes ? limits->max_bytes : SDKC_JSON_MAX_BYTES_DEFAULT;
    sdkc_result result;

    if (out)
        *out = NULL;
    if (!path || !out)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "path or out is NULL");
    sdkc_buf_init(&raw, cap);
    sdkc_buf_init(&plain, cap);
    result = sdkc_buf_read_file(&raw, path, err); /* its messages name the path */
    if (result)
        goto fail;
    result = sdkc_buf_gunzip(&plain, raw.data, raw.len, err);
    if (result) {
        if (result == SDKC_ERR_TOO_LARGE)
            sdkc_error_set(err, result, cap, "inflated content passes the cap of %zu bytes", cap);
        sdkc_error_prefix(err, "%s: ", path);
        goto fail;
    }
    sdkc_buf_clean_up(&raw);
    result = sdkc_json_parse(plain.data, plain.len, limits, out, err);
    if (result)
        sdkc_error_prefix(err, "%s: ", path);
fail:
    sdkc_buf_clean_up(&raw);
    sdkc_buf_clean_up(&plain);
    return result;
}

/* ======================================================================== */
/* MARK: printing                                                           */
/* ======================================================================== */

sdkc_result sdkc_json_quote(struct sdkc_buf *b, const char *s, size_t n)
{
    static const char hexd[] = "0123456789abcdef";
    const unsigned char *c = (const unsigned char *)s, *end = c + n, *run;
    sdkc_result result;

    if (!b || (!s && n))
        return SDKC_ERR_INVALID_ARG;
    result = sdkc_buf_reserve(b, n + 2);
    if (result)
        return result;
    result = sdkc_buf_append_byte(b, '"');
    while (!result && c < end) {
        run = c;
        for (;;) {
            size_t len;
            while (c < end && s_plain[*c])
                c++;
            if (c >= end || *c < 0x80)
                break;
            len = sdkc_utf8_len(c, (size_t)(end - c), NULL);
            if (!len)
                break;
            c += len; /* valid UTF-8 is kept as is (U+2028 included) */
        }
        if (c > run)
            result = sdkc_buf_append(b, run, (size_t)(c - run));
        if (result || c >= end)
            break;
        if (end - c >= 2 && c[0] == 0xC0 && c[1] == 0x80) {
            result = sdkc_buf_append(b, "\\u0000", 6); /* SDKC_JSON_NUL */
            c += 2;
            continue;
        }
        switch (*c) {
        case '"': result = sdkc_buf_append(b, "\\\"", 2); break;
        case '\\': result = sdkc_buf_append(b, "\\\\", 2); break;
        case '\b': result = sdkc_buf_append(b, "\\b", 2); break;
        case '\f': result = sdkc_buf_append(b, "\\f", 2); break;
        case '\n': result = sdkc_buf_append(b, "\\n", 2); break;
        case '\r': result = sdkc_buf_append(b, "\\r", 2); break;
        case '\t': result = sdkc_buf_append(b, "\\t", 2); break;
        default:
            if (*c < 0x20) {
                /* RFC 8259 §7: other control characters as \u00XX. */
                char e[6] = {'\\', 'u', '0', '0', hexd[*c >> 4], hexd[*c & 15]};
                result = sdkc_buf_append(b, e, 6);
            } else {
                /* A byte that is not valid UTF-8 cannot be written as JSON
                 * text; U+FFFD marks where it was (as decoders do). */
                result = sdkc_buf_append(b, "\\ufffd", 6);
            }
            break;
        }
        c++;
    }
    if (!result)
        result = sdkc_buf_append_byte(b, '"');
    return result;
}

/* Shortest of 15..17 significant digits that reads back as the same double
 * (C11 7.21.6.1 %g; 17 always round-trips for IEEE 754 binary64). Integral
 * values below 2^53 print without a fraction or exponent. JSON has no NaN or
 * infinity (RFC 8259 §6): NaN (never produced by the parser) prints as null,
 * as cJSON does; infinity as 1e999 (see below). */
static size_t s_format_number(double d, char out[64])
{
    int prec, n = 0;
    char point = '.';
    struct lconv *lc;
    size_t i;

    if (isinf(d)) {
        /* Only a literal past DBL_MAX (JSONTestSuite i_number_huge_exp)
         * parses to infinity; 1e999 is valid JSON that every IEEE 754
         * reader turns back into the same infinity, so print -> parse
         * round-trips. */
        memcpy(out, d < 0 ? "-1e999" : "1e999", d < 0 ? 7 : 6);
        return d < 0 ? 6 : 5;
    }
    if (isnan(d)) {
        memcpy(out, "null", 5);
        return 4;
    }
    if (d == floor(d) && fabs(d) < 9007199254740992.0)
        return (size_t)snprintf(out, 64, "%.0f", d);
    for (prec = 15; prec <= 17; prec++) {
        n = snprintf(out, 64, "%.*g", prec, d);
        if (strtod(out, NULL) == d)
            break;
    }
    /* %.17g of a finite double is at most 24 bytes: never truncated. */
    SDKC_ASSERT(n > 0 && n < 64);
    lc = localeconv();
    if (lc && lc->decimal_point && lc->decimal_point[0])
        point = lc->decimal_point[0];
    if (point != '.')
        for (i = 0; i < (size_t)n; i++)
            if (out[i] == point)
                out[i] = '.';
    return (size_t)n;
}

static sdkc_result s_indent(struct sdkc_buf *b, int pretty, int depth)
{
    sdkc_result result;
    int i;
    if (!pretty)
        return SDKC_OK;
    result = sdkc_buf_append_byte(b, '\n');
    for (i = 0; !result && i < depth; i++)
        result = sdkc_buf_append(b, "  ", 2);
    return result;
}

static sdkc_result s_print(const cJSON *it, int pretty, int depth, struct sdkc_buf *b)
{
    sdkc_result result = SDKC_OK;
    const cJSON *ch;
    char num[64];
    size_t n;
    int is_obj;

    SDKC_ASSERT(it && depth >= 0);
    switch (it->type & 0xFF) {
    case cJSON_NULL: return sdkc_buf_append(b, "null", 4);
    case cJSON_True: return sdkc_buf_append(b, "true", 4);
    case cJSON_False: return sdkc_buf_append(b, "false", 5);
    case cJSON_Number:
        if (it->valuestring) /* the exact literal (json.h "Numbers") */
            return sdkc_buf_append_str(b, it->valuestring);
        n = s_format_number(it->valuedouble, num);
        return sdkc_buf_append(b, num, n);
    case cJSON_String:
        if (!it->valuestring)
            return sdkc_buf_append(b, "\"\"", 2);
        return sdkc_json_quote(b, it->valuestring, strlen(it->valuestring));
    case cJSON_Raw:
        /* Raw nodes are JSON text the tree's builder vouches for. */
        if (!it->valuestring)
            return SDKC_ERR_INVALID_ARG;
        return sdkc_buf_append_str(b, it->valuestring);
    case cJSON_Array:
    case cJSON_Object: break;
    default: return SDKC_ERR_INVALID_ARG;
    }
    if (depth >= SDKC_JSON_MAX_DEPTH_LIMIT)
        return SDKC_ERR_TOO_DEEP;
    is_obj = (it->type & 0xFF) == cJSON_Object;
    result = sdkc_buf_append_byte(b, is_obj ? '{' : '[');
    for (ch = it->child; !result && ch; ch = ch->next) {
        if (ch != it->child)
            result = sdkc_buf_append_byte(b, ',');
        if (!result)
            result = s_indent(b, pretty, depth + 1);
        if (!result && is_obj) {
            if (!ch->string)
                return SDKC_ERR_INVALID_ARG;
            result = sdkc_json_quote(b, ch->string, strlen(ch->string));
            if (!result)
                result = pretty ? sdkc_buf_append(b, ": ", 2) : sdkc_buf_append_byte(b, ':');
        }
        if (!result)
            result = s_print(ch, pretty, depth + 1, b);
    }
    if (!result && it->child)
        result = s_indent(b, pretty, depth);
    if (!result)
        result = sdkc_buf_append_byte(b, is_obj ? '}' : ']');
    return result;
}

sdkc_result sdkc_json_print_buf(const cJSON *item, struct sdkc_buf *b)
{
    if (!item || !b)
        return SDKC_ERR_INVALID_ARG;
    return s_print(item, 0, 0, b);
}

sdkc_result sdkc_json_print(const cJSON *item, int pretty, char **out, struct sdkc_error *err)
{
    struct sdkc_buf b;
    sdkc_result result;

    if (!out)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "out is NULL");
    *out = NULL;
    if (!item)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "item is NULL");
    sdkc_buf_init(&b, 0);
    result = s_print(item, pretty, 0, &b);
    if (!result)
        result = sdkc_buf_reserve(&b, 0); /* data non-NULL even for "" */
    if (result) {
        sdkc_buf_clean_up(&b);
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "printing JSON: %s",
                              result == SDKC_ERR_INVALID_ARG
                                  ? "the tree holds an invalid node or a member without a key"
                                  : sdkc_result_str(result));
    }
    *out = sdkc_buf_steal(&b, NULL);
    return SDKC_OK;
}

/* ======================================================================== */
/* MARK: exact numbers                                                      */
/* ======================================================================== */

/* Exponents are read with saturation here: past this magnitude (far beyond
 * anything a 16 MiB document can mean) two exponents compare as equal. */
#define S_EXP_SATURATE 100000000000000000LL /* 10^17 */

/* A decimal number from text already known to be JSON number syntax: the
 * value is 0.D x 10^e where D is the significant digits (no leading or
 * trailing zero) read from the integer digits [ip, ip+in) followed by the
 * fraction digits [fp, fp+fn). */
struct s_dec {
    int neg, zero;
    const char *ip, *fp;
    size_t in, fn;
    size_t first, last; /* index range [first, last] of D in the digit sequence */
    long long e;
};

static char s_dec_digit(const struct s_dec *x, size_t i)
{
    return i < x->in ? x->ip[i] : x->fp[i - x->in];
}

static void s_dec_read(const char *s, struct s_dec *x)
{
    long long ex = 0;
    int eneg = 0;
    size_t i, n;

    memset(x, 0, sizeof(*x));
    if (*s == '-') {
        x->neg = 1;
        s++;
    }
    x->ip = s;
    while (*s >= '0' && *s <= '9')
        s++;
    x->in = (size_t)(s - x->ip);
    x->fp = s;
    if (*s == '.') {
        x->fp = ++s;
        while (*s >= '0' && *s <= '9')
            s++;
        x->fn = (size_t)(s - x->fp);
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            eneg = *s++ == '-';
        for (; *s >= '0' && *s <= '9'; s++)
            if (ex < S_EXP_SATURATE)
                ex = ex * 10 + (*s - '0');
    }
    n = x->in + x->fn;
    for (i = 0; i < n && s_dec_digit(x, i) == '0'; i++)
        ;
    if (i == n) {
        x->zero = 1; /* -0 and 0 are the same number */
        x->neg = 0;
        return;
    }
    x->first = i;
    for (i = n - 1; s_dec_digit(x, i) == '0'; i--)
        ;
    x->last = i;
    x->e = (long long)x->in - (long long)x->first + (eneg ? -ex : ex);
}

/* The decimal text a number node stands for: its literal, else the exact
 * digits of an integral double ("%.0f" is exact in C11 with glibc), else the
 * shortest round-trip form. Returns NULL for NaN (equal to nothing). */
static const char *s_number_text(const cJSON *n, char *buf, size_t cap)
{
    double d = n->valuedouble;
    if (n->valuestring)
        return n->valuestring;
    if (isnan(d))
        return NULL;
    if (!isinf(d) && d == floor(d) && fabs(d) < 1e300) {
        snprintf(buf, cap, "%.0f", d);
        return buf;
    }
    s_format_number(d, buf);
    return buf;
}

/* Buffer for s_number_text: %.0f of a double below 1e300, or 64 bytes. */
#define S_NUMBER_TEXT_BYTES 320

/* Non-zero when both number nodes stand for the same mathematical value
 * (json.h "Numbers"); two plain doubles compare as doubles. */
static int s_number_equal(const cJSON *a, const cJSON *b)
{
    char ba[S_NUMBER_TEXT_BYTES], bb[S_NUMBER_TEXT_BYTES];
    const char *ta, *tb;
    struct s_dec x, y;
    size_t i, j;

    if (!a->valuestring && !b->valuestring)
        return a->valuedouble == b->valuedouble;
    ta = s_number_text(a, ba, sizeof(ba));
    tb = s_number_text(b, bb, sizeof(bb));
    if (!ta || !tb)
        return 0;
    s_dec_read(ta, &x);
    s_dec_read(tb, &y);
    if (x.zero || y.zero)
        return x.zero == y.zero;
    if (x.neg != y.neg || x.e != y.e || x.last - x.first != y.last - y.first)
        return 0;
    for (i = x.first, j = y.first; i <= x.last; i++, j++)
        if (s_dec_digit(&x, i) != s_dec_digit(&y, j))
            return 0;
    return 1;
}

const char *sdkc_json_number_literal(const cJSON *n)
{
    if (!n || (n->type & 0xFF) != cJSON_Number)
        return NULL;
    return n->valuestring;
}

sdkc_result sdkc_json_create_number_text(const char *s, size_t n, cJSON **out,
                                         struct sdkc_error *err)
{
    struct s_parser ps;
    cJSON *it = NULL;
    sdkc_result result;

    if (!out)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "out is NULL");
    *out = NULL;
    if (!s && n)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "text is NULL");
    memset(&ps, 0, sizeof(ps));
    ps.start = ps.cur = (const unsigned char *)(s ? s : "");
    ps.end = ps.start + n;
    ps.build = 1;
    ps.err = err;
    if (n == 0)
        return s_unexpected(&ps, ps.cur, "a number");
    if (*ps.cur != '-' && (*ps.cur < '0' || *ps.cur > '9'))
        return s_unexpected(&ps, ps.cur, "a number");
    result = s_number(&ps, &it);
    if (result)
        return result;
    if (ps.cur < ps.end) {
        cJSON_Delete(it);
        return s_fail_at(&ps, SDKC_ERR_PARSE, ps.cur, "trailing content after the number",
                         "RFC 8259 §6");
    }
    *out = it;
    return SDKC_OK;
}

sdkc_result sdkc_json_number_int64(const cJSON *n, long long *out)
{
    static const char max_digits[] = "9223372036854775807"; /* 2^63 - 1 */
    char digits[20];
    struct s_dec x;
    unsigned long long u = 0;
    size_t i, k;

    if (!n || (n->type & 0xFF) != cJSON_Number)
        return SDKC_ERR_INVALID_ARG;
    if (!n->valuestring) {
        /* No literal: the double is the value. 2^63 is exactly
         * representable; within the range the cast is defined and exact for
         * integral values. The common case, kept free of formatting. */
        double d = n->valuedouble;
        if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) ||
            (double)(long long)d != d)
            return SDKC_ERR_VALIDATION;
        if (out)
            *out = (long long)d;
        return SDKC_OK;
    }
    s_dec_read(n->valuestring, &x);
    if (x.zero) {
        if (out)
            *out = 0;
        return SDKC_OK;
    }
    k = x.last - x.first + 1;
    /* Integral iff every significant digit is left of the point; |v| has e
     * integer digits, and int64 has 19. */
    if (x.e < (long long)k || x.e > 19)
        return SDKC_ERR_VALIDATION;
    for (i = 0; i < (size_t)x.e; i++)
        digits[i] = i < k ? s_dec_digit(&x, x.first + i) : '0';
    digits[x.e] = '\0';
    if (x.e == 19) {
        /* -2^63 is one more in magnitude than 2^63 - 1 */
        int c = strcmp(digits, max_digits);
        if (c > 0 && !(x.neg && strcmp(digits, "9223372036854775808") == 0))
            return SDKC_ERR_VALIDATION;
    }
    for (i = 0; i < (size_t)x.e; i++)
        u = u * 10 + (unsigned long long)(digits[i] - '0');
    if (out)
        *out = !x.neg                              ? (long long)u
               : u > (unsigned long long)LLONG_MAX ? LLONG_MIN
                                                   : -(long long)u;
    return SDKC_OK;
}

/* ======================================================================== */
/* MARK: lookup and equality                                                */
/* ======================================================================== */

cJSON *sdkc_json_get(const cJSON *obj, const char *key)
{
    cJSON *ch, *found = NULL;
    if (!obj || !key || (obj->type & 0xFF) != cJSON_Object)
        return NULL;
    /* Last occurrence wins (json.h): scan the whole list. */
    for (ch = obj->child; ch; ch = ch->next)
        if (ch->string && strcmp(ch->string, key) == 0)
            found = ch;
    return found;
}

/* Non-zero when no later member of the same object has m's key, i.e. m is
 * the member sdkc_json_get returns. */
static int s_is_last(const cJSON *m)
{
    const cJSON *n;
    if (!m->string)
        return 0;
    for (n = m->next; n; n = n->next)
        if (n->string && strcmp(n->string, m->string) == 0)
            return 0;
    return 1;
}

static int s_equal(const cJSON *a, const cJSON *b, int depth)
{
    int ta, tb;
    const cJSON *x, *y;
    size_t na = 0, nb = 0;

    if (a == b)
        return 1;
    if (!a || !b || depth > SDKC_JSON_MAX_DEPTH_LIMIT)
        return 0;
    ta = a->type & 0xFF;
    tb = b->type & 0xFF;
    if (ta != tb)
        return 0;
    switch (ta) {
    case cJSON_NULL:
    case cJSON_True:
    case cJSON_False: return 1;
    case cJSON_Number: return s_number_equal(a, b);
    case cJSON_String:
    case cJSON_Raw:
        return strcmp(a->valuestring ? a->valuestring : "", b->valuestring ? b->valuestring : "") ==
               0;
    case cJSON_Array:
        for (x = a->child, y = b->child; x && y; x = x->next, y = y->next)
            if (!s_equal(x, y, depth + 1))
                return 0;
        return !x && !y;
    case cJSON_Object:
        for (x = a->child; x; x = x->next) {
            if (!s_is_last(x))
                continue;
            na++;
            if (!s_equal(x, sdkc_json_get(b, x->string), depth + 1))
                return 0;
        }
        for (y = b->child; y; y = y->next)
            nb += (size_t)s_is_last(y);
        return na == nb;
    default: return 0;
    }
}

int sdkc_json_equal(const cJSON *a, const cJSON *b)
{
    return s_equal(a, b, 0);
}

/* ======================================================================== */
/* MARK: comparison with a diff                                             */
/* ======================================================================== */

void sdkc_json_diff_init(struct sdkc_json_diff *d)
{
    if (d)
        memset(d, 0, sizeof(*d));
}

void sdkc_json_diff_clean_up(struct sdkc_json_diff *d)
{
    size_t i, keep;
    if (!d)
        return;
    for (i = 0; i < d->count; i++) {
        sdkc_free(d->entries[i].path);
        sdkc_free(d->entries[i].wanted);
        sdkc_free(d->entries[i].got);
    }
    sdkc_free(d->entries);
    keep = d->max_entries;
    memset(d, 0, sizeof(*d));
    d->max_entries = keep;
}

struct s_cmp {
    sdkc_json_matcher_fn matcher;
    void *ctx;
    struct sdkc_json_diff *d; /* NULL: stop at the first difference */
    struct sdkc_buf path;     /* "$" plus the segments down to the node */
    struct sdkc_buf why;      /* the matcher's reason for the last mismatch */
    int equal;
};

/* Compact JSON of v, cut to SDKC_JSON_DIFF_VALUE_MAX bytes; "(absent)" for
 * NULL. The result is sdkc_malloc'd. */
static char *s_show(const cJSON *v)
{
    struct sdkc_buf b;
    sdkc_buf_init(&b, 0);
    if (!v) {
        if (sdkc_buf_append_str(&b, "(absent)"))
            goto fail;
    } else {
        sdkc_result r = s_print(v, 0, 0, &b);
        if (r == SDKC_ERR_INVALID_ARG || r == SDKC_ERR_TOO_DEEP) {
            sdkc_buf_reset(&b);
            r = sdkc_buf_append_str(&b, "(unprintable)");
        }
        if (r)
            goto fail;
        if (b.len > SDKC_JSON_DIFF_VALUE_MAX) {
            /* Cut on a UTF-8 boundary so the text stays valid. */
            size_t cut = SDKC_JSON_DIFF_VALUE_MAX;
            while (cut > 0 && ((unsigned char)b.data[cut] & 0xC0) == 0x80)
                cut--;
            b.len = cut;
            b.data[cut] = '\0';
            if (sdkc_buf_append_str(&b, "..."))
                goto fail;
        }
    }
    return sdkc_buf_steal(&b, NULL);
fail:
    sdkc_buf_clean_up(&b);
    return NULL;
}

static sdkc_result s_diff_add(struct s_cmp *c, const cJSON *want, const cJSON *got, int use_why)
{
    struct sdkc_json_diff *d = c->d;
    struct sdkc_json_diff_entry e;
    size_t max;

    c->equal = 0;
    if (!d)
        return SDKC_OK;
    max = d->max_entries ? d->max_entries : SDKC_JSON_DIFF_MAX_ENTRIES_DEFAULT;
    if (d->count >= max) {
        d->truncated++;
        return SDKC_OK;
    }
    if (d->count == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 8;
        struct sdkc_json_diff_entry *ne;
        if (ncap > max)
            ncap = max;
        ne = sdkc_realloc(d->entries, ncap * sizeof(*ne));
        if (!ne)
            return SDKC_ERR_NOMEM;
        d->entries = ne;
        d->cap = ncap;
    }
    memset(&e, 0, sizeof(e));
    e.path = sdkc_strndup(c->path.data ? c->path.data : "$", c->path.len ? c->path.len : 1);
    e.wanted = use_why && c->why.len ? sdkc_strndup(c->why.data, c->why.len) : s_show(want);
    e.got = s_show(got);
    if (!e.path || !e.wanted || !e.got) {
        sdkc_free(e.path);
        sdkc_free(e.wanted);
        sdkc_free(e.got);
        return SDKC_ERR_NOMEM;
    }
    d->entries[d->count++] = e;
    return SDKC_OK;
}

static int s_is_ident(const char *k)
{
    const char *p = k;
    if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_'))
        return 0;
    for (p++; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_'))
            return 0;
    return 1;
}

/* Append ".key" or "[\"a b\"]" (JSONPath bracket notation, RFC 9535 §2.5.1). */
static sdkc_result s_path_key(struct sdkc_buf *p, const char *key)
{
    sdkc_result result;
    if (s_is_ident(key)) {
        result = sdkc_buf_append_byte(p, '.');
        return result ? result : sdkc_buf_append_str(p, key);
    }
    result = sdkc_buf_append_byte(p, '[');
    if (!result)
        result = sdkc_json_quote(p, key, strlen(key));
    return result ? result : sdkc_buf_append_byte(p, ']');
}

static sdkc_result s_cmp_node(struct s_cmp *c, const cJSON *want, const cJSON *got, int depth);

/* Compare want's member/element against got's at path + segment; restore
 * the path afterwards. */
static sdkc_result s_cmp_child(struct s_cmp *c, const char *key, size_t index, const cJSON *want,
                               const cJSON *got, int depth)
{
    size_t mark = c->path.len;
    sdkc_result result =
        key ? s_path_key(&c->path, key) : sdkc_buf_appendf(&c->path, "[%zu]", index);
    if (!result) {
        if (want && got)
            result = s_cmp_node(c, want, got, depth + 1);
        else
            result = s_diff_add(c, want, got, 0);
    }
    c->path.len = mark;
    if (c->path.data)
        c->path.data[mark] = '\0';
    return result;
}

static sdkc_result s_cmp_node(struct s_cmp *c, const cJSON *want, const cJSON *got, int depth)
{
    sdkc_result result = SDKC_OK;
    const cJSON *x, *y;
    size_t i;
    int tw, tg;

    if (!c->d && !c->equal)
        return SDKC_OK;
    if (c->matcher) {
        int m;
        sdkc_buf_reset(&c->why);
        m = c->matcher(c->ctx, want, got, &c->why);
        if (m == 1)
            return SDKC_OK;
        if (m == 0)
            return s_diff_add(c, want, got, 1);
    }
    tw = want->type & 0xFF;
    tg = got->type & 0xFF;
    if (tw != tg || depth > SDKC_JSON_MAX_DEPTH_LIMIT)
        return s_diff_add(c, want, got, 0);
    if (tw == cJSON_Array) {
        for (x = want->child, y = got->child, i = 0; !result && (x || y); i++) {
            if (!c->d && !c->equal)
                break;
            result = s_cmp_child(c, NULL, i, x, y, depth);
            if (x)
                x = x->next;
            if (y)
                y = y->next;
        }
        return result;
    }
    if (tw == cJSON_Object) {
        for (x = want->child; !result && x; x = x->next) {
            if (!s_is_last(x))
                continue;
            result = s_cmp_child(c, x->string, 0, x, sdkc_json_get(got, x->string), depth);
        }
        /* Members of got that want does not mention: want describes the
         * whole document, so these are differences too. */
        for (y = got->child; !result && y; y = y->next) {
            if (!s_is_last(y) || sdkc_json_get(want, y->string))
                continue;
            result = s_cmp_child(c, y->string, 0, NULL, y, depth);
        }
        return result;
    }
    if (!s_equal(want, got, depth))
        return s_diff_add(c, want, got, 0);
    return SDKC_OK;
}

sdkc_result sdkc_json_compare(const cJSON *want, const cJSON *got, sdkc_json_matcher_fn matcher,
                              void *matcher_ctx, struct sdkc_json_diff *d, int *equal)
{
    struct s_cmp c;
    sdkc_result result;

    memset(&c, 0, sizeof(c));
    c.matcher = matcher;
    c.ctx = matcher_ctx;
    c.d = d;
    c.equal = 1;
    sdkc_buf_init(&c.path, 0);
    sdkc_buf_init(&c.why, 0);
    result = sdkc_buf_append_byte(&c.path, '$');
    if (result)
        goto fail;
    if (want && got)
        result = s_cmp_node(&c, want, got, 0);
    else if (want || got)
        result = s_diff_add(&c, want, got, 0);
fail:
    sdkc_buf_clean_up(&c.path);
    sdkc_buf_clean_up(&c.why);
    if (equal)
        *equal = result ? 0 : c.equal;
    return result;
}

sdkc_result sdkc_json_diff_format(const struct sdkc_json_diff *d, struct sdkc_buf *b)
{
    sdkc_result result = SDKC_OK;
    size_t i;
    if (!d || !b)
        return SDKC_ERR_INVALID_ARG;
    for (i = 0; !result && i < d->count; i++)
        result = sdkc_buf_appendf(b, "  %s: wanted %s, got %s\n", d->entries[i].path,
                                  d->entries[i].wanted, d->entries[i].got);
    if (!result && d->truncated)
        result = sdkc_buf_appendf(b, "  ... and %zu more difference%s\n", d->truncated,
                                  d->truncated == 1 ? "" : "s");
    return result;
}

sdkc_result sdkc_json_string_bytes(struct sdkc_buf *b, const char *s)
{
    const char *nul;
    sdkc_result result = SDKC_OK;
    while (!result && (nul = strstr(s, SDKC_JSON_NUL)) != NULL) {
        result = sdkc_buf_append(b, s, (size_t)(nul - s));
        if (!result)
            result = sdkc_buf_append_byte(b, '\0');
        s = nul + 2;
    }
    return result ? result : sdkc_buf_append_str(b, s);
}

static void s_scrub(char *s, size_t n, int keep_nul)
{
    unsigned char *c = (unsigned char *)s, *end = c + n;
    while (c < end) {
        size_t len;
        if (*c < 0x80) {
            c++;
            continue;
        }
        if (keep_nul && end - c >= 2 && c[0] == 0xC0 && c[1] == 0x80) {
            c += 2; /* SDKC_JSON_NUL */
            continue;
        }
        len = sdkc_utf8_len(c, (size_t)(end - c), NULL);
        if (len) {
            c += len;
        } else {
            *c++ = '?';
        }
    }
}

void sdkc_json_utf8_scrub(char *s, size_t n)
{
    s_scrub(s, n, 0);
}

void sdkc_json_string_scrub(char *s, size_t n)
{
    s_scrub(s, n, 1);
}

const char *sdkc_json_type_name(const cJSON *v)
{
    if (!v)
        return "nothing";
    switch (v->type & 0xFF) {
    case cJSON_Object: return "object";
    case cJSON_Array: return "array";
    case cJSON_String: return "string";
    case cJSON_Number: return "number";
    case cJSON_True:
    case cJSON_False: return "boolean";
    case cJSON_NULL: return "null";
    }
    return "invalid value";
}

const char *sdkc_json_type_phrase(const cJSON *v)
{
    if (!v)
        return "nothing";
    switch (v->type & 0xFF) {
    case cJSON_Object: return "an object";
    case cJSON_Array: return "an array";
    case cJSON_String: return "a string";
    case cJSON_Number: return "a number";
    case cJSON_True:
    case cJSON_False: return "a boolean";
    case cJSON_NULL: return "null";
    }
    return "an invalid value";
}
