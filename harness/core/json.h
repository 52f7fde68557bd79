/* SPDX-License-Identifier: Apache-2.0
 *
 * core/json.h: strict JSON (RFC 8259) over cJSON.
 *
 * Trees are plain cJSON nodes (the caller owns what a _parse returns and
 * frees it with cJSON_Delete; allocation goes through sdkc_malloc via the
 * hooks). What this layer adds over cJSON:
 *   - strictness: exactly one value, no trailing content, no comments, no
 *     leading zeros, no "1.", no raw control characters in strings, only the
 *     four RFC 8259 whitespace bytes, valid UTF-8 only (overlong forms,
 *     UTF-8-encoded surrogates and code points past U+10FFFF rejected), lone
 *     or mis-paired \u surrogate escapes rejected;
 *   - named caps on input size and nesting depth;
 *   - errors with the byte offset of the first offending byte, never via
 *     cJSON's global error pointer;
 *   - duplicate object keys: ACCEPTED (RFC 8259 §4 only says names SHOULD be
 *     unique, and JSONTestSuite lists y_object_duplicated_key), and the LAST
 *     occurrence wins in sdkc_json_get, as in Python's json, JavaScript's
 *     JSON.parse and Go's encoding/json, i.e. as the SDKs under test see it;
 *   - U+0000 in a string (the escape \u0000: RFC 8259 §7 allows it, and the
 *     SDKs under test keep it) is held as the two bytes SDKC_JSON_NUL, C0 80,
 *     the "modified UTF-8" form Java's class files use for the same reason:
 *     cJSON strings end at a NUL byte and would silently truncate. Input
 *     never holds those bytes (overlong UTF-8 is refused), so the form is
 *     unambiguous; sdkc_json_quote prints it back as \u0000 and
 *     sdkc_json_string_bytes gives the bytes it stands for.
 *   - a comparator yielding a path-level diff.
 *
 * Numbers: a cJSON number is a double, which holds integers exactly only up
 * to 2^53, yet a Long reaches 2^63-1 and the SDKs under test read a JSON
 * number digit for digit (RFC 8259 §6 leaves precision to implementations
 * and warns about interoperability past IEEE 754 binary64). So a parsed
 * number whose double may not give back the number it was written as (more
 * than 15 significant digits, i.e. every integer past 15 digits and so every
 * one past 2^53, or a magnitude outside the normal double range) also keeps
 * its literal text, in the node's valuestring. The node owns it: cJSON_Delete
 * frees valuestring whatever the type and cJSON_Duplicate copies it (cJSON
 * 1.7.15; test_json checks both), so trees stay plain cJSON. valuedouble is
 * still set (nearest double) for code that only needs magnitude. Shorter
 * numbers keep no literal and cost nothing more than before. Code that
 * changes a number node's value must clear valuestring (cJSON_SetNumberValue
 * does not). sdkc_json_print* print the literal; sdkc_json_equal and
 * sdkc_json_compare compare mathematical values: a literal against another
 * number by its significant digits and exponent, so 9007199254740993 !=
 * 9007199254740992, and 1.0 == 1 == 1e0 (a JSON number names a value, not a
 * type). A node without a literal stands for its double: the exact value
 * when integral (a double made in code from 2^60 equals "1152921504606846976"),
 * else its shortest round-trip form; two such nodes still compare as
 * doubles, so NaN equals nothing.
 * Never call cJSON_Print or cJSON_Compare on these trees: they see only
 * valuedouble.
 */
#ifndef SDKC_CORE_JSON_H
#define SDKC_CORE_JSON_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

#define SDKC_JSON_MAX_BYTES_DEFAULT ((size_t)16 * 1024 * 1024) /* 16 MiB */
#define SDKC_JSON_MAX_DEPTH_DEFAULT 128

struct sdkc_json_limits {
    size_t max_bytes; /* 0 = SDKC_JSON_MAX_BYTES_DEFAULT */
    int max_depth;    /* 0 = SDKC_JSON_MAX_DEPTH_DEFAULT; arrays and objects count */
};

/* Check syntax only (no tree). SDKC_ERR_PARSE / _TOO_LARGE / _TOO_DEEP with
 * err->offset at the first offending byte. limits may be NULL. */
sdkc_result sdkc_json_validate(const char *data, size_t len, const struct sdkc_json_limits *limits,
                               struct sdkc_error *err);

/* Validate strictly, then build a cJSON tree in *out (caller frees with
 * cJSON_Delete). On failure *out is NULL. */
sdkc_result sdkc_json_parse(const char *data, size_t len, const struct sdkc_json_limits *limits,
                            cJSON **out, struct sdkc_error *err);

/* Read a file (or "-" for stdin; gzip-compressed files are inflated) and
 * parse it. Errors are prefixed with the path. */
sdkc_result sdkc_json_parse_file(const char *path, const struct sdkc_json_limits *limits,
                                 cJSON **out, struct sdkc_error *err);

/* Print compactly (pretty == 0) or indented. *out is NUL-terminated and
 * freed with sdkc_free. A number with a literal prints as the literal;
 * others that are integral and below 2^53 print without a fraction, the
 * rest with the fewest of 15..17 significant digits that round-trip. */
sdkc_result sdkc_json_print(const cJSON *item, int pretty, char **out, struct sdkc_error *err);
/* Append the compact form to b (canonical: keys in tree order). */
sdkc_result sdkc_json_print_buf(const cJSON *item, struct sdkc_buf *b);
/* Append s as a JSON string literal (quotes and escapes) to b; n bytes.
 * SDKC_JSON_NUL is written as \u0000. */
sdkc_result sdkc_json_quote(struct sdkc_buf *b, const char *s, size_t n);
/* How a tree string holds U+0000 (see above). */
#define SDKC_JSON_NUL "\xC0\x80"
/* Append the bytes a tree string stands for to b: SDKC_JSON_NUL as 0x00,
 * everything else as it is. */
sdkc_result sdkc_json_string_bytes(struct sdkc_buf *b, const char *s);

/* Replace, in place, every byte of s[0..n) that is not part of a valid UTF-8
 * sequence (the same rules as the parser) by '?'. For text that comes from
 * outside JSON (HTTP header values) and must go into a JSON document that
 * prints and parses back unchanged. Never allocates. */
void sdkc_json_utf8_scrub(char *s, size_t n);
/* The same for a tree string cut or copied from one: SDKC_JSON_NUL is kept
 * (it is U+0000, not bad UTF-8). */
void sdkc_json_string_scrub(char *s, size_t n);

/* The JSON type of v for messages: "object", "array", "string", "number",
 * "boolean", "null" ("nothing" for a NULL pointer). With an article:
 * "an object", "a string", ... */
const char *sdkc_json_type_name(const cJSON *v);
const char *sdkc_json_type_phrase(const cJSON *v);

/* Object member lookup, case-sensitive, last occurrence wins (see above).
 * NULL when obj is not an object or has no such key. */
cJSON *sdkc_json_get(const cJSON *obj, const char *key);

/* Structural equality: objects compare as sets of keys (order ignored, last
 * duplicate wins), arrays in order, numbers by mathematical value (see
 * "Numbers" above). */
int sdkc_json_equal(const cJSON *a, const cJSON *b);

/* ---- exact numbers (see "Numbers" above) ---- */

/* The literal text a number node keeps, or NULL when it keeps none (its
 * valuedouble gives the number back) or n is not a number. */
const char *sdkc_json_number_literal(const cJSON *n);

/* A new number node for the n bytes at s, which must be exactly one JSON
 * number (RFC 8259 §6; no sign '+', no whitespace): SDKC_ERR_PARSE with the
 * offset otherwise. The node keeps the literal under the same rule as the
 * parser. For numbers from outside JSON (HTTP headers, generated params). */
sdkc_result sdkc_json_create_number_text(const char *s, size_t n, cJSON **out,
                                         struct sdkc_error *err);

/* The value of number node n as int64, decided on its digits when it keeps
 * a literal: SDKC_OK with *out (may be NULL) when the value is an integer in
 * [-2^63, 2^63-1] (1.0 and 1e2 are integers), SDKC_ERR_VALIDATION when it is
 * not integral or out of range, SDKC_ERR_INVALID_ARG when n is not a number. */
sdkc_result sdkc_json_number_int64(const cJSON *n, long long *out);

/* ---- comparison with a readable diff (used by replay) ---- */

/* A matcher hook: the vectors layer supplies one so that `want` nodes such
 * as {"$match":"uuid4"} match by rule. Return 1 = matched, 0 = not matched
 * (append the reason to why), -1 = `want` is not a matcher, compare
 * structurally. */
typedef int (*sdkc_json_matcher_fn)(void *ctx, const cJSON *want, const cJSON *got,
                                    struct sdkc_buf *why);

struct sdkc_json_diff_entry {
    char *path;   /* JSON path, "$.details.iam.arn", "$.items[3]" */
    char *wanted; /* compact JSON, or a matcher description; "(absent)" when absent */
    char *got;    /* compact JSON, or "(absent)" */
};

struct sdkc_json_diff {
    struct sdkc_json_diff_entry *entries;
    size_t count;
    size_t cap;
    size_t max_entries; /* stop collecting after this many; 0 = 64 */
    size_t truncated;   /* how many more differences were not recorded */
};

void sdkc_json_diff_init(struct sdkc_json_diff *d);
void sdkc_json_diff_clean_up(struct sdkc_json_diff *d);

/* Compare want against got; every difference is appended to d (when not
 * NULL). Returns SDKC_OK with *equal set; errors only on NOMEM. Extra
 * members in got are differences too (want describes the whole document). */
sdkc_result sdkc_json_compare(const cJSON *want, const cJSON *got, sdkc_json_matcher_fn matcher,
                              void *matcher_ctx, struct sdkc_json_diff *d, int *equal);

/* Render the diff as lines "  $.path: wanted X, got Y\n" into b. */
sdkc_result sdkc_json_diff_format(const struct sdkc_json_diff *d, struct sdkc_buf *b);

#endif
