/* SPDX-License-Identifier: Apache-2.0
 * Tests of core/json: RFC 8259 strictness with byte offsets, caps, the
 * duplicate-key rule, printing, comparison with path-level diffs, and
 * fault-injection walks. JSONTestSuite runs separately (jsonsuite.cmake). */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/json.h"
#include "tests/test.h"

/* Parse text; return the result and fill off with the error offset. */
static sdkc_result s_parse(const char *text, size_t len, size_t *off)
{
    struct sdkc_error e;
    cJSON *tree = NULL;
    sdkc_result r, rv;
    sdkc_error_init(&e);
    r = sdkc_json_parse(text, len, NULL, &tree, &e);
    if (off)
        *off = e.offset;
    cJSON_Delete(tree);
    if (r == SDKC_OK)
        CU_ASSERT_PTR_NOT_NULL(tree);
    /* validate must agree with parse on everything */
    rv = sdkc_json_validate(text, len, NULL, &e);
    CU_ASSERT_EQUAL(rv, r);
    return r;
}

#define REJECT_AT(text, want_off)                                                                  \
    do {                                                                                           \
        size_t off_;                                                                               \
        CU_ASSERT_EQUAL(s_parse(text, sizeof(text) - 1, &off_), SDKC_ERR_PARSE);                   \
        CU_ASSERT_EQUAL(off_, (size_t)(want_off));                                                 \
    } while (0)

#define ACCEPT(text) CU_ASSERT_EQUAL(s_parse(text, sizeof(text) - 1, NULL), SDKC_OK)

SDKC_TEST(accepts_rfc8259_values)
{
    ACCEPT("{}");
    ACCEPT("[]");
    ACCEPT(" \t\r\n{\"a\" : [1, -0, 0.5, 1e10, 1E-2, -1.25e+3, true, false, null]} \n");
    ACCEPT("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude39\"");
    ACCEPT("\"caf\xc3\xa9 \xf0\x9f\x98\xb9\"");
    ACCEPT("0");
    ACCEPT("\"\"");
}

SDKC_TEST(rejects_trailing_content_and_comments)
{
    REJECT_AT("{} x", 3);
    REJECT_AT("{}{}", 2);
    REJECT_AT("[1] // c", 4);
    REJECT_AT("/* c */ 1", 0);
    REJECT_AT("", 0);
    REJECT_AT("   ", 3);
}

SDKC_TEST(rejects_bad_numbers_at_their_byte)
{
    REJECT_AT("[01]", 2); /* leading zero: the second digit */
    REJECT_AT("[1.]", 3); /* fraction needs a digit */
    REJECT_AT("[.5]", 1);
    REJECT_AT("[+1]", 1);
    REJECT_AT("[1e]", 3);
    REJECT_AT("[-]", 2);
    REJECT_AT("[0x10]", 2);
    REJECT_AT("[NaN]", 1);
    REJECT_AT("[Infinity]", 1);
}

SDKC_TEST(rejects_bad_strings_and_whitespace)
{
    REJECT_AT("[\"a\x01\"]", 3); /* raw control character */
    REJECT_AT("[\"a\tb\"]", 3);  /* raw tab inside a string */
    REJECT_AT("[\"\\x41\"]", 2); /* unknown escape */
    REJECT_AT("['a']", 1);       /* single quotes */
    REJECT_AT("\f[]", 0);        /* form feed is not JSON whitespace */
    REJECT_AT("[\"abc", 5);      /* unterminated */
    REJECT_AT("{a:1}", 1);       /* unquoted key */
    REJECT_AT("[1,]", 3);        /* trailing comma */
    REJECT_AT("{\"a\":1,}", 7);
}

SDKC_TEST(rejects_invalid_utf8_at_the_first_bad_byte)
{
    REJECT_AT("[\"ab\xff\"]", 4);           /* never valid */
    REJECT_AT("[\"\xc0\xaf\"]", 2);         /* overlong '/' */
    REJECT_AT("[\"\xe0\x80\xaf\"]", 2);     /* overlong 3-byte */
    REJECT_AT("[\"\xed\xa0\x80\"]", 2);     /* UTF-8-encoded surrogate U+D800 */
    REJECT_AT("[\"\xf4\x90\x80\x80\"]", 2); /* past U+10FFFF */
    REJECT_AT("[\"\xe2\x82\"]", 2);         /* truncated sequence */
    REJECT_AT("[\"\x80\"]", 2);             /* lone continuation byte */
    REJECT_AT("\xef\xbb\xbf{}", 0);         /* byte order mark */
}

SDKC_TEST(rejects_unpaired_surrogate_escapes)
{
    REJECT_AT("[\"\\ud800\"]", 2);
    REJECT_AT("[\"\\udc00\"]", 2);
    REJECT_AT("[\"\\ud800\\u0041\"]", 2);
    REJECT_AT("[\"\\ud800x\"]", 2);
    REJECT_AT("[\"\\u12G4\"]", 6);
    ACCEPT("[\"\\ud800\\udc00\"]");
}

/* \u0000 is valid JSON (RFC 8259 §7): held as SDKC_JSON_NUL, printed back
 * as \u0000, its bytes a real NUL; the two bytes C0 80 as input stay
 * refused (overlong UTF-8), so the form is unambiguous. */
SDKC_TEST(nul_escape_round_trips)
{
    struct sdkc_error e;
    struct sdkc_buf b;
    static const char in[] = "{\"k\\u0000\":\"a\\u0000b\\u0000\"}";
    cJSON *tree = NULL, *again = NULL;
    char *text = NULL;
    CU_ASSERT_EQUAL(sdkc_json_validate("\"a\\u0000b\"", 10, NULL, &e), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(in, strlen(in), NULL, &tree, &e), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(tree->child->string, "k" SDKC_JSON_NUL);
    CU_ASSERT_STRING_EQUAL(tree->child->valuestring, "a" SDKC_JSON_NUL "b" SDKC_JSON_NUL);
    CU_ASSERT_EQUAL(sdkc_json_print(tree, 0, &text, &e), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(text, "{\"k\\u0000\":\"a\\u0000b\\u0000\"}");
    CU_ASSERT_EQUAL(sdkc_json_parse(text, strlen(text), NULL, &again, &e), SDKC_OK);
    CU_ASSERT_TRUE(sdkc_json_equal(tree, again));
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_json_string_bytes(&b, tree->child->valuestring), SDKC_OK);
    CU_ASSERT_EQUAL(b.len, 4);
    CU_ASSERT_EQUAL(memcmp(b.data, "a\0b\0", 4), 0);
    sdkc_buf_clean_up(&b);
    sdkc_free(text);
    cJSON_Delete(tree);
    cJSON_Delete(again);
    /* the bytes themselves are overlong UTF-8: refused where they start */
    REJECT_AT("\"a\xC0\x80\"", 2);
}

SDKC_TEST(depth_and_size_caps)
{
    struct sdkc_json_limits lim = {0, 3};
    struct sdkc_error e;
    cJSON *tree = NULL;
    CU_ASSERT_EQUAL(sdkc_json_parse("[[[1]]]", 7, &lim, &tree, &e), SDKC_OK);
    cJSON_Delete(tree);
    tree = NULL;
    CU_ASSERT_EQUAL(sdkc_json_parse("[[[[1]]]]", 9, &lim, &tree, &e), SDKC_ERR_TOO_DEEP);
    CU_ASSERT_EQUAL(e.offset, 3);
    CU_ASSERT_PTR_NULL(tree);
    lim.max_depth = 0;
    lim.max_bytes = 4;
    CU_ASSERT_EQUAL(sdkc_json_parse("[1,2]", 5, &lim, &tree, &e), SDKC_ERR_TOO_LARGE);
    CU_ASSERT_PTR_NULL(tree);
    CU_ASSERT_EQUAL(sdkc_json_validate("[12]", 4, &lim, &e), SDKC_OK);
}

SDKC_TEST(default_depth_cap_stops_deep_nesting)
{
    char deep[SDKC_JSON_MAX_DEPTH_DEFAULT * 2 + 4];
    size_t i, n = SDKC_JSON_MAX_DEPTH_DEFAULT + 1;
    struct sdkc_error e;
    for (i = 0; i < n; i++)
        deep[i] = '[';
    for (i = 0; i < n; i++)
        deep[n + i] = ']';
    CU_ASSERT_EQUAL(sdkc_json_validate(deep, 2 * n, NULL, &e), SDKC_ERR_TOO_DEEP);
    CU_ASSERT_EQUAL(sdkc_json_validate(deep + 1, 2 * n - 2, NULL, &e), SDKC_OK);
}

SDKC_TEST(duplicate_keys_accepted_last_wins)
{
    cJSON *tree = NULL;
    struct sdkc_error e;
    const char *t = "{\"a\":1,\"b\":2,\"a\":3}";
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(t, strlen(t), NULL, &tree, &e), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_json_get(tree, "a")->valuedouble, 3);
    CU_ASSERT_EQUAL(sdkc_json_get(tree, "b")->valuedouble, 2);
    CU_ASSERT_PTR_NULL(sdkc_json_get(tree, "A")); /* case-sensitive */
    CU_ASSERT_PTR_NULL(sdkc_json_get(tree, "c"));
    cJSON_Delete(tree);
}

SDKC_TEST(numbers_parse_like_cjson)
{
    cJSON *tree = NULL;
    struct sdkc_error e;
    const char *t = "[0,-0,123456789,1.5,-2.25e2,1e400,4.9e-400]";
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(t, strlen(t), NULL, &tree, &e), SDKC_OK);
    CU_ASSERT_EQUAL(cJSON_GetArrayItem(tree, 2)->valueint, 123456789);
    CU_ASSERT_DOUBLE_EQUAL(cJSON_GetArrayItem(tree, 3)->valuedouble, 1.5, 0);
    CU_ASSERT_DOUBLE_EQUAL(cJSON_GetArrayItem(tree, 4)->valuedouble, -225, 0);
    CU_ASSERT_TRUE(isinf(cJSON_GetArrayItem(tree, 5)->valuedouble));
    CU_ASSERT_EQUAL(cJSON_GetArrayItem(tree, 6)->valuedouble, 0);
    cJSON_Delete(tree);
}

static void s_roundtrip(const char *in, const char *want_compact)
{
    cJSON *tree = NULL, *again = NULL;
    struct sdkc_error e;
    char *out = NULL, *pretty = NULL;
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(in, strlen(in), NULL, &tree, &e), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_json_print(tree, 0, &out, &e), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(out, want_compact);
    CU_ASSERT_EQUAL(sdkc_json_print(tree, 1, &pretty, &e), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_json_parse(pretty, strlen(pretty), NULL, &again, &e), SDKC_OK);
    CU_ASSERT_TRUE(sdkc_json_equal(tree, again));
    cJSON_Delete(tree);
    cJSON_Delete(again);
    sdkc_free(out);
    sdkc_free(pretty);
}

SDKC_TEST(print_is_compact_and_round_trips)
{
    s_roundtrip(" { \"a\" : [ 1 , 2.5 , true , null ] , \"b\" : \"x\\u00e9\\n\" } ",
                "{\"a\":[1,2.5,true,null],\"b\":\"x\xc3\xa9\\n\"}");
    /* 2^53+1 keeps its literal (json.h "Numbers"); 1e21 is exact as a double */
    s_roundtrip("[0.1,1e21,-0.0001,9007199254740993]", "[0.1,1e+21,-0.0001,9007199254740993]");
    s_roundtrip("[1e999,-1e999]", "[1e999,-1e999]");
    s_roundtrip("\"\\u001f\\\"\\\\/\"", "\"\\u001f\\\"\\\\/\"");
}

SDKC_TEST(quote_escapes_controls_keeps_utf8)
{
    struct sdkc_buf b;
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_json_quote(&b, "a\"b\\c\x01\n\xc3\xa9", 9), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(b.data, "\"a\\\"b\\\\c\\u0001\\n\xc3\xa9\"");
    sdkc_buf_clean_up(&b);
}

SDKC_TEST(equal_ignores_key_order_not_array_order)
{
    cJSON *a = cJSON_Parse("{\"x\":[1,2],\"y\":{\"p\":true}}");
    cJSON *b = cJSON_Parse("{\"y\":{\"p\":true},\"x\":[1,2]}");
    cJSON *c = cJSON_Parse("{\"y\":{\"p\":true},\"x\":[2,1]}");
    cJSON *d = cJSON_Parse("{\"y\":{\"p\":true},\"x\":[1,2],\"z\":1}");
    CU_ASSERT_TRUE(sdkc_json_equal(a, b));
    CU_ASSERT_FALSE(sdkc_json_equal(a, c));
    CU_ASSERT_FALSE(sdkc_json_equal(a, d));
    CU_ASSERT_FALSE(sdkc_json_equal(d, a));
    cJSON_Delete(a);
    cJSON_Delete(b);
    cJSON_Delete(c);
    cJSON_Delete(d);
}

static char *s_diff_text(const char *want, const char *got, sdkc_json_matcher_fn m, int *equal)
{
    cJSON *w = cJSON_Parse(want), *g = cJSON_Parse(got);
    struct sdkc_json_diff d;
    struct sdkc_buf b;
    char *text;
    sdkc_json_diff_init(&d);
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_json_compare(w, g, m, NULL, &d, equal), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_json_diff_format(&d, &b), SDKC_OK);
    text = sdkc_buf_steal(&b, NULL);
    sdkc_json_diff_clean_up(&d);
    cJSON_Delete(w);
    cJSON_Delete(g);
    return text;
}

SDKC_TEST(compare_reports_paths_wanted_and_got)
{
    int equal = -1;
    char *t = s_diff_text(
        "{\"output\":{\"details\":{\"iam\":{\"arn\":\"a\"}},\"list\":[1,2],\"a b\":1}}",
        "{\"output\":{\"details\":{\"iam\":{\"arn\":\"b\"}},\"list\":[1,3,4],\"extra\":true}}",
        NULL, &equal);
    CU_ASSERT_EQUAL(equal, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "$.output.details.iam.arn: wanted \"a\", got \"b\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "$.output.list[1]: wanted 2, got 3"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "$.output.list[2]: wanted (absent), got 4"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "$.output[\"a b\"]: wanted 1, got (absent)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "$.output.extra: wanted (absent), got true"));
    sdkc_free(t);
    t = s_diff_text("{\"a\":[1,{\"b\":null}]}", "{\"a\":[1,{\"b\":null}]}", NULL, &equal);
    CU_ASSERT_EQUAL(equal, 1);
    CU_ASSERT_STRING_EQUAL(t, "");
    sdkc_free(t);
}

/* A matcher: {"$any":true} matches anything that is a string. */
static int s_any_string(void *ctx, const cJSON *want, const cJSON *got, struct sdkc_buf *why)
{
    (void)ctx;
    if (!cJSON_IsObject(want) || !sdkc_json_get(want, "$any"))
        return -1;
    if (cJSON_IsString(got))
        return 1;
    sdkc_buf_append_str(why, "any string");
    return 0;
}

SDKC_TEST(compare_uses_the_matcher_hook)
{
    int equal = -1;
    char *t = s_diff_text("{\"t\":{\"$any\":true},\"u\":{\"$any\":true}}", "{\"t\":\"x\",\"u\":5}",
                          s_any_string, &equal);
    CU_ASSERT_EQUAL(equal, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "$.u: wanted any string, got 5"));
    CU_ASSERT_PTR_NULL(strstr(t, "$.t"));
    sdkc_free(t);
}

SDKC_TEST(diff_entries_are_capped)
{
    cJSON *w = cJSON_Parse("[1,2,3,4,5,6,7,8,9,10]"), *g = cJSON_Parse("[0,0,0,0,0,0,0,0,0,0]");
    struct sdkc_json_diff d;
    int equal;
    sdkc_json_diff_init(&d);
    d.max_entries = 3;
    CU_ASSERT_EQUAL(sdkc_json_compare(w, g, NULL, NULL, &d, &equal), SDKC_OK);
    CU_ASSERT_EQUAL(d.count, 3);
    CU_ASSERT_EQUAL(d.truncated, 7);
    sdkc_json_diff_clean_up(&d);
    cJSON_Delete(w);
    cJSON_Delete(g);
}

/* ---- exact numbers (json.h "Numbers") ---- */

static cJSON *s_tree(const char *text)
{
    cJSON *t = NULL;
    struct sdkc_error e;
    sdkc_error_init(&e);
    CU_ASSERT_EQUAL(sdkc_json_parse(text, strlen(text), NULL, &t, &e), SDKC_OK);
    return t;
}

SDKC_TEST(numbers_past_2_53_keep_their_literal)
{
    const char *t = "[9007199254740993,9223372036854775807,-9223372036854775808,"
                    "123456789012345678901234567890,1234567890123456789012345678901234567890,"
                    "123456789012345,1.5,0.30000000000000004,1e400,-4.9e-400,0.000]";
    cJSON *tree = s_tree(t), *copy;
    char *out = NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(tree);
    CU_ASSERT_STRING_EQUAL(sdkc_json_number_literal(cJSON_GetArrayItem(tree, 0)),
                           "9007199254740993");
    CU_ASSERT_STRING_EQUAL(sdkc_json_number_literal(cJSON_GetArrayItem(tree, 1)),
                           "9223372036854775807");
    CU_ASSERT_STRING_EQUAL(sdkc_json_number_literal(cJSON_GetArrayItem(tree, 2)),
                           "-9223372036854775808");
    CU_ASSERT_STRING_EQUAL(sdkc_json_number_literal(cJSON_GetArrayItem(tree, 4)),
                           "1234567890123456789012345678901234567890");
    /* 15 digits and short decimals are exact as doubles: no literal */
    CU_ASSERT_PTR_NULL(sdkc_json_number_literal(cJSON_GetArrayItem(tree, 5)));
    CU_ASSERT_PTR_NULL(sdkc_json_number_literal(cJSON_GetArrayItem(tree, 6)));
    CU_ASSERT_PTR_NULL(sdkc_json_number_literal(cJSON_GetArrayItem(tree, 10)));
    /* out of the double range: kept too, so 1e400 is not printed as 1e999 */
    CU_ASSERT_STRING_EQUAL(sdkc_json_number_literal(cJSON_GetArrayItem(tree, 8)), "1e400");
    CU_ASSERT_STRING_EQUAL(sdkc_json_number_literal(cJSON_GetArrayItem(tree, 9)), "-4.9e-400");
    CU_ASSERT_PTR_NULL(sdkc_json_number_literal(tree)); /* not a number */
    /* valuedouble is still the nearest double */
    CU_ASSERT_EQUAL(cJSON_GetArrayItem(tree, 0)->valuedouble, 9007199254740992.0);
    CU_ASSERT_EQUAL(sdkc_json_print(tree, 0, &out, NULL), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(out, "[9007199254740993,9223372036854775807,-9223372036854775808,"
                                "123456789012345678901234567890,"
                                "1234567890123456789012345678901234567890,123456789012345,1.5,"
                                "0.30000000000000004,1e400,-4.9e-400,0]");
    /* cJSON_Duplicate copies the literal; cJSON_Delete frees both (leak check) */
    copy = cJSON_Duplicate(tree, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
    CU_ASSERT_STRING_EQUAL(sdkc_json_number_literal(cJSON_GetArrayItem(copy, 1)),
                           "9223372036854775807");
    CU_ASSERT_PTR_NOT_EQUAL(sdkc_json_number_literal(cJSON_GetArrayItem(copy, 1)),
                            sdkc_json_number_literal(cJSON_GetArrayItem(tree, 1)));
    CU_ASSERT_TRUE(sdkc_json_equal(tree, copy));
    cJSON_Delete(copy);
    cJSON_Delete(tree);
    sdkc_free(out);
}

static int s_num_equal(const char *a, const char *b)
{
    cJSON *x = s_tree(a), *y = s_tree(b);
    int eq = sdkc_json_equal(x, y);
    CU_ASSERT_EQUAL(sdkc_json_equal(y, x), eq); /* symmetric */
    cJSON_Delete(x);
    cJSON_Delete(y);
    return eq;
}

SDKC_TEST(numbers_compare_by_mathematical_value)
{
    CU_ASSERT_FALSE(s_num_equal("9007199254740993", "9007199254740992"));
    CU_ASSERT_TRUE(s_num_equal("9007199254740993", "9007199254740993"));
    CU_ASSERT_FALSE(s_num_equal("9223372036854775807", "9223372036854775806"));
    CU_ASSERT_FALSE(
        s_num_equal("123456789012345678901234567890", "123456789012345678901234567891"));
    /* same value, other spelling: 1.0 == 1 (a number names a value) */
    CU_ASSERT_TRUE(s_num_equal("9007199254740993", "9.007199254740993e15"));
    CU_ASSERT_TRUE(s_num_equal("9007199254740993", "90071992547409930e-1"));
    CU_ASSERT_TRUE(s_num_equal("9007199254740993.000", "9007199254740993"));
    CU_ASSERT_TRUE(s_num_equal("1.0000000000000000", "1"));
    CU_ASSERT_TRUE(s_num_equal("1.0", "1"));
    CU_ASSERT_TRUE(s_num_equal("-0.0000000000000000", "0"));
    CU_ASSERT_FALSE(s_num_equal("-9223372036854775808", "9223372036854775808"));
    CU_ASSERT_FALSE(s_num_equal("0.10000000000000001", "0.1"));
    CU_ASSERT_FALSE(s_num_equal("1e400", "1e401"));
    CU_ASSERT_FALSE(s_num_equal("1e-400", "0"));
    /* a literal against a double built in code: the double's exact value */
    {
        cJSON *lit = s_tree("9007199254740992000"), *big = s_tree("1152921504606846976");
        cJSON *d1 = cJSON_CreateNumber(9007199254740992000.0);
        cJSON *d2 = cJSON_CreateNumber(1152921504606846976.0); /* 2^60 */
        cJSON *d3 = cJSON_CreateNumber(1152921504606846976.0 + 256.0);
        CU_ASSERT_TRUE(sdkc_json_equal(lit, d1));
        CU_ASSERT_TRUE(sdkc_json_equal(big, d2));
        CU_ASSERT_FALSE(sdkc_json_equal(big, d3));
        cJSON_Delete(lit);
        cJSON_Delete(big);
        cJSON_Delete(d1);
        cJSON_Delete(d2);
        cJSON_Delete(d3);
    }
}

SDKC_TEST(compare_diff_shows_exact_digits)
{
    int equal = -1;
    char *t = NULL;
    cJSON *w = s_tree("{\"n\":9007199254740993}"), *g = s_tree("{\"n\":9007199254740992}");
    struct sdkc_json_diff d;
    struct sdkc_buf b;
    sdkc_json_diff_init(&d);
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_json_compare(w, g, NULL, NULL, &d, &equal), SDKC_OK);
    CU_ASSERT_EQUAL(equal, 0);
    CU_ASSERT_EQUAL(sdkc_json_diff_format(&d, &b), SDKC_OK);
    t = sdkc_buf_steal(&b, NULL);
    CU_ASSERT_STRING_EQUAL(t, "  $.n: wanted 9007199254740993, got 9007199254740992\n");
    sdkc_free(t);
    sdkc_json_diff_clean_up(&d);
    CU_ASSERT_EQUAL(sdkc_json_compare(w, w, NULL, NULL, NULL, &equal), SDKC_OK);
    CU_ASSERT_EQUAL(equal, 1);
    cJSON_Delete(w);
    cJSON_Delete(g);
}

static sdkc_result s_int64_of(const char *text, long long *v)
{
    cJSON *n = NULL;
    sdkc_result r = sdkc_json_create_number_text(text, strlen(text), &n, NULL);
    if (!r)
        r = sdkc_json_number_int64(n, v);
    cJSON_Delete(n);
    return r;
}

SDKC_TEST(int64_range_is_decided_on_digits)
{
    long long v = 0;
    CU_ASSERT_EQUAL(s_int64_of("9223372036854775807", &v), SDKC_OK);
    CU_ASSERT_EQUAL(v, 9223372036854775807LL);
    CU_ASSERT_EQUAL(s_int64_of("-9223372036854775808", &v), SDKC_OK);
    CU_ASSERT_EQUAL(v, -9223372036854775807LL - 1);
    CU_ASSERT_EQUAL(s_int64_of("9007199254740993", &v), SDKC_OK);
    CU_ASSERT_EQUAL(v, 9007199254740993LL);
    CU_ASSERT_EQUAL(s_int64_of("9.223372036854775807e18", &v), SDKC_OK);
    CU_ASSERT_EQUAL(v, 9223372036854775807LL);
    CU_ASSERT_EQUAL(s_int64_of("1e2", &v), SDKC_OK);
    CU_ASSERT_EQUAL(v, 100);
    CU_ASSERT_EQUAL(s_int64_of("-0", &v), SDKC_OK);
    CU_ASSERT_EQUAL(v, 0);
    /* 2^63 and -2^63-1 are one past the range; as doubles both round to 2^63 */
    CU_ASSERT_EQUAL(s_int64_of("9223372036854775808", &v), SDKC_ERR_VALIDATION);
    CU_ASSERT_EQUAL(s_int64_of("-9223372036854775809", &v), SDKC_ERR_VALIDATION);
    CU_ASSERT_EQUAL(s_int64_of("123456789012345678901234567890", &v), SDKC_ERR_VALIDATION);
    CU_ASSERT_EQUAL(s_int64_of("9007199254740993.5", &v), SDKC_ERR_VALIDATION);
    CU_ASSERT_EQUAL(s_int64_of("1.5", &v), SDKC_ERR_VALIDATION);
    CU_ASSERT_EQUAL(s_int64_of("1e400", &v), SDKC_ERR_VALIDATION);
    CU_ASSERT_EQUAL(s_int64_of("1e-400", &v), SDKC_ERR_VALIDATION);
    CU_ASSERT_EQUAL(sdkc_json_number_int64(NULL, &v), SDKC_ERR_INVALID_ARG);
}

SDKC_TEST(create_number_text_validates_the_grammar)
{
    cJSON *n = NULL;
    struct sdkc_error e;
    char *out = NULL;
    sdkc_error_init(&e);
    CU_ASSERT_EQUAL(sdkc_json_create_number_text("123456789012345678901234567890", 30, &n, &e),
                    SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_json_print(n, 0, &out, NULL), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(out, "123456789012345678901234567890");
    sdkc_free(out);
    cJSON_Delete(n);
    /* only the n bytes given are read */
    CU_ASSERT_EQUAL(sdkc_json_create_number_text("42x", 2, &n, &e), SDKC_OK);
    CU_ASSERT_EQUAL(n->valueint, 42);
    CU_ASSERT_PTR_NULL(sdkc_json_number_literal(n));
    cJSON_Delete(n);
    CU_ASSERT_EQUAL(sdkc_json_create_number_text("42x", 3, &n, &e), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(e.offset, 2);
    CU_ASSERT_PTR_NULL(n);
    CU_ASSERT_EQUAL(sdkc_json_create_number_text("+1", 2, &n, &e), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(sdkc_json_create_number_text("01", 2, &n, &e), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(sdkc_json_create_number_text(" 1", 2, &n, &e), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(sdkc_json_create_number_text("", 0, &n, &e), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(sdkc_json_create_number_text("\"1\"", 3, &n, &e), SDKC_ERR_PARSE);
    CU_ASSERT_PTR_NULL(n);
}

/* ---- fault injection: every allocation of parse, print and compare ---- */

static const char s_response[] =
    "{\"domainId\":\"dzd_abc123\",\"id\":\"0123456789-a1b2c3d4-e5f6-a7b8-c9d0-e1f2a3b4c5d6\","
    "\"type\":\"SSO\",\"status\":\"ACTIVATED\",\"details\":{\"sso\":{\"username\":"
    "\"j\\u00f6rg@example.com\",\"firstName\":\"J\\u00f6rg\",\"lastName\":\"\\ud83d\\ude39\"}},"
    "\"nested\":[[1,2,[3,{\"k\":[true,false,null]}]],-1.5e3],"
    "\"long\":9223372036854775807,\"big\":-123456789012345678901234567890.5}";

static int s_parse_print_compare(void *ctx)
{
    cJSON *a = NULL, *b = NULL;
    char *text = NULL;
    struct sdkc_json_diff d;
    int equal = 0;
    sdkc_result r;
    (void)ctx;
    sdkc_json_diff_init(&d);
    r = sdkc_json_parse(s_response, sizeof(s_response) - 1, NULL, &a, NULL);
    if (!r)
        r = sdkc_json_print(a, 1, &text, NULL);
    if (!r)
        r = sdkc_json_parse(text, strlen(text), NULL, &b, NULL);
    if (!r && cJSON_ReplaceItemInObject(b, "type", cJSON_CreateString("IAM")) == 0)
        r = SDKC_ERR_NOMEM;
    if (!r) {
        /* an exact node built from text, compared with the parsed one */
        cJSON *n = NULL;
        r = sdkc_json_create_number_text("9223372036854775807", 19, &n, NULL);
        if (!r && !sdkc_json_equal(n, sdkc_json_get(a, "long")))
            r = SDKC_ERR_STATE;
        cJSON_Delete(n);
    }
    if (!r)
        r = sdkc_json_compare(a, b, NULL, NULL, &d, &equal);
    if (!r && (equal || d.count != 1))
        r = SDKC_ERR_STATE;
    sdkc_json_diff_clean_up(&d);
    sdkc_free(text);
    cJSON_Delete(a);
    cJSON_Delete(b);
    return r;
}

SDKC_TEST(fault_walk_parse_print_compare)
{
    CU_ASSERT_TRUE(sdkc_test_fault_walk("json", s_parse_print_compare, NULL, NULL) > 10);
}

static int s_parse_error(void *ctx)
{
    cJSON *t = NULL;
    struct sdkc_error e;
    sdkc_result r;
    (void)ctx;
    r = sdkc_json_parse("{\"a\":[1,2,{\"b\":\"\xff\"}]}", 20, NULL, &t, &e);
    cJSON_Delete(t);
    return r == SDKC_ERR_PARSE ? SDKC_OK : r;
}

SDKC_TEST(fault_walk_partial_trees_are_freed)
{
    CU_ASSERT_TRUE(sdkc_test_fault_walk("json-error", s_parse_error, NULL, NULL) > 2);
}
