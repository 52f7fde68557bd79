/* SPDX-License-Identifier: Apache-2.0
 * Tests of http/http: header lists (order, case, case-insensitive lookup,
 * caps), request/response lifecycles, RFC 3986 percent-encoding. */
#include <string.h>

#include "http/http.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "tests/test.h"

SDKC_TEST(headers_keep_order_and_case)
{
    struct sdkc_http_headers h;
    sdkc_http_headers_init(&h);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&h, "Content-Type", "application/json"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&h, "X-Amz-Date", "20261129T000000Z"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&h, "x-amz-date", "second"), SDKC_OK);
    CU_ASSERT_EQUAL(h.count, 3);
    CU_ASSERT_STRING_EQUAL(h.items[0].name, "Content-Type");
    CU_ASSERT_STRING_EQUAL(h.items[1].name, "X-Amz-Date");
    CU_ASSERT_STRING_EQUAL(h.items[2].name, "x-amz-date");
    /* RFC 9110 §5.1: field names are case-insensitive; first one wins. */
    CU_ASSERT_STRING_EQUAL(sdkc_http_headers_get(&h, "CONTENT-type"), "application/json");
    CU_ASSERT_STRING_EQUAL(sdkc_http_headers_get(&h, "x-AMZ-date"), "20261129T000000Z");
    CU_ASSERT_PTR_NULL(sdkc_http_headers_get(&h, "Host"));
    CU_ASSERT_PTR_NULL(sdkc_http_headers_get(&h, "Content-Typ"));
    sdkc_http_headers_clean_up(&h);
    CU_ASSERT_EQUAL(h.count, 0);
    sdkc_http_headers_clean_up(&h);
    sdkc_http_headers_clean_up(NULL);
}

SDKC_TEST(headers_addn_takes_lengths)
{
    struct sdkc_http_headers h;
    sdkc_http_headers_init(&h);
    CU_ASSERT_EQUAL(sdkc_http_headers_addn(&h, "Hostxxx", 4, "example.comzzz", 11), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_addn(&h, "Empty", 5, NULL, 0), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(h.items[0].name, "Host");
    CU_ASSERT_STRING_EQUAL(sdkc_http_headers_get(&h, "host"), "example.com");
    CU_ASSERT_STRING_EQUAL(sdkc_http_headers_get(&h, "empty"), "");
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&h, "X", NULL), SDKC_ERR_INVALID_ARG);
    CU_ASSERT_EQUAL(h.count, 2);
    sdkc_http_headers_clean_up(&h);
}

SDKC_TEST(headers_set_replaces_all_of_that_name)
{
    struct sdkc_http_headers h;
    sdkc_http_headers_init(&h);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&h, "A", "1"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&h, "X-Dup", "one"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&h, "B", "2"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&h, "x-dup", "two"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_set(&h, "X-DUP", "three"), SDKC_OK);
    CU_ASSERT_EQUAL(h.count, 3);
    CU_ASSERT_STRING_EQUAL(h.items[0].name, "A");
    CU_ASSERT_STRING_EQUAL(h.items[1].name, "X-Dup");
    CU_ASSERT_STRING_EQUAL(h.items[1].value, "three");
    CU_ASSERT_STRING_EQUAL(h.items[2].name, "B");
    /* set on a new name appends */
    CU_ASSERT_EQUAL(sdkc_http_headers_set(&h, "C", "3"), SDKC_OK);
    CU_ASSERT_EQUAL(h.count, 4);
    CU_ASSERT_STRING_EQUAL(h.items[3].value, "3");
    sdkc_http_headers_clean_up(&h);
}

SDKC_TEST(headers_remove_and_copy)
{
    struct sdkc_http_headers h, c;
    sdkc_http_headers_init(&h);
    sdkc_http_headers_init(&c);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&h, "A", "1"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&h, "b", "2"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&h, "B", "3"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&h, "C", "4"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&c, "Old", "x"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_copy(&c, &h), SDKC_OK);
    sdkc_http_headers_remove(&h, "B");
    CU_ASSERT_EQUAL(h.count, 2);
    CU_ASSERT_STRING_EQUAL(h.items[0].name, "A");
    CU_ASSERT_STRING_EQUAL(h.items[1].name, "C");
    sdkc_http_headers_remove(&h, "nothing");
    CU_ASSERT_EQUAL(h.count, 2);
    /* the copy replaced "Old" and is independent of later edits */
    CU_ASSERT_EQUAL(c.count, 4);
    CU_ASSERT_PTR_NULL(sdkc_http_headers_get(&c, "Old"));
    CU_ASSERT_STRING_EQUAL(c.items[2].name, "B");
    CU_ASSERT_STRING_EQUAL(c.items[2].value, "3");
    sdkc_http_headers_clean_up(&h);
    sdkc_http_headers_clean_up(&c);
}

SDKC_TEST(headers_cap)
{
    struct sdkc_http_headers h;
    int i;
    sdkc_http_headers_init(&h);
    for (i = 0; i < SDKC_HTTP_MAX_HEADERS; i++)
        CU_ASSERT_EQUAL_FATAL(sdkc_http_headers_add(&h, "X-N", "v"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&h, "X-N", "v"), SDKC_ERR_TOO_LARGE);
    CU_ASSERT_EQUAL(h.count, SDKC_HTTP_MAX_HEADERS);
    sdkc_http_headers_clean_up(&h);
}

static int s_headers_work(void *ctx)
{
    struct sdkc_http_headers h, c;
    sdkc_result result = SDKC_OK;
    int i;
    (void)ctx;
    sdkc_http_headers_init(&h);
    sdkc_http_headers_init(&c);
    for (i = 0; i < 20 && !result; i++)
        result = sdkc_http_headers_add(&h, i % 2 ? "X-Odd" : "X-Even", "value");
    if (!result)
        result = sdkc_http_headers_set(&h, "x-odd", "one");
    if (!result)
        result = sdkc_http_headers_copy(&c, &h);
    if (!result && (c.count != 11 || strcmp(sdkc_http_headers_get(&c, "X-ODD"), "one") != 0))
        result = SDKC_ERR_STATE;
    sdkc_http_headers_clean_up(&h);
    sdkc_http_headers_clean_up(&c);
    return result;
}

SDKC_TEST(headers_fault_walk)
{
    CU_ASSERT_TRUE(sdkc_test_fault_walk("headers", s_headers_work, NULL, NULL) > 0);
}

SDKC_TEST(request_response_lifecycle)
{
    struct sdkc_http_request rq;
    struct sdkc_http_response rs;
    sdkc_http_request_init(&rq);
    CU_ASSERT_PTR_NULL(rq.method);
    CU_ASSERT_PTR_NULL(rq.body);
    CU_ASSERT_EQUAL(rq.headers.count, 0);
    rq.method = sdkc_strdup("POST");
    rq.path = sdkc_strdup("/v2/domains/d/user-profiles");
    rq.query = sdkc_strdup("a=b");
    rq.body = sdkc_strdup("{}");
    rq.body_len = 2;
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&rq.headers, "Content-Type", "application/json"),
                    SDKC_OK);
    sdkc_http_request_clean_up(&rq);
    CU_ASSERT_PTR_NULL(rq.method);
    CU_ASSERT_PTR_NULL(rq.body);
    CU_ASSERT_EQUAL(rq.body_len, 0);
    sdkc_http_request_clean_up(&rq);
    sdkc_http_request_clean_up(NULL);

    sdkc_http_response_init(&rs);
    CU_ASSERT_EQUAL(rs.status, 0);
    rs.status = 200;
    rs.body = sdkc_memdup("a\0b", 3);
    rs.body_len = 3;
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&rs.headers, "X-Amzn-RequestId", "r"), SDKC_OK);
    sdkc_http_response_clean_up(&rs);
    CU_ASSERT_EQUAL(rs.status, 0);
    CU_ASSERT_PTR_NULL(rs.body);
    sdkc_http_response_clean_up(NULL);
}

static void s_check_encode(const char *in, size_t n, int keep_slash, const char *want)
{
    struct sdkc_buf b;
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL_FATAL(sdkc_uri_encode(&b, in, n, keep_slash), SDKC_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b.data);
    CU_ASSERT_STRING_EQUAL(b.data, want);
    CU_ASSERT_EQUAL(b.len, strlen(want));
    sdkc_buf_clean_up(&b);
}

/* Smithy aws-restjson1 RestJsonHttpRequestLabelEscaping: every reserved
 * character and a 4-byte UTF-8 emoji, uppercase hex. */
SDKC_TEST(RestJsonHttpRequestLabelEscaping_uri_encode)
{
    const char *in = " %:/?#[]@!$&'()*+,;=\xF0\x9F\x98\xB9";
    s_check_encode(in, strlen(in), 0,
                   "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9");
}

SDKC_TEST(uri_encode_unreserved_and_slash)
{
    const char *un = "ABCXYZabcxyz0189-._~";
    s_check_encode(un, strlen(un), 0, un);
    s_check_encode("a/b c", 5, 0, "a%2Fb%20c");
    /* greedy labels keep '/', RestJsonHttpRequestWithGreedyLabelInPath */
    s_check_encode("there/guy", 9, 1, "there/guy");
    s_check_encode("a/b c", 5, 1, "a/b%20c");
    s_check_encode("", 0, 0, "");
    /* NUL and high bytes are encoded, not cut */
    s_check_encode("a\0\xff", 3, 0, "a%00%FF");
}

SDKC_TEST(uri_encode_respects_cap)
{
    struct sdkc_buf b;
    sdkc_buf_init(&b, 5);
    CU_ASSERT_EQUAL(sdkc_uri_encode(&b, "ab", 2, 0), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_uri_encode(&b, " ", 1, 0), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_uri_encode(&b, " ", 1, 0), SDKC_ERR_TOO_LARGE);
    CU_ASSERT_STRING_EQUAL(b.data, "ab%20");
    sdkc_buf_clean_up(&b);
}

SDKC_TEST(uri_decode_round_trip_and_invalid)
{
    struct sdkc_buf b;
    const char *in = " %:/?#[]@!$&'()*+,;=\xF0\x9F\x98\xB9";
    struct sdkc_buf enc;
    sdkc_buf_init(&enc, 0);
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL_FATAL(sdkc_uri_encode(&enc, in, strlen(in), 0), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_uri_decode(&b, enc.data, enc.len), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(b.data, in);
    sdkc_buf_reset(&b);
    /* lowercase hex decodes; bad or truncated escapes stay as they are */
    CU_ASSERT_EQUAL(sdkc_uri_decode(&b, "%2f%zz%4", 8), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(b.data, "/%zz%4");
    sdkc_buf_reset(&b);
    CU_ASSERT_EQUAL(sdkc_uri_decode(&b, "%41%", 4), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(b.data, "A%");
    sdkc_buf_reset(&b);
    CU_ASSERT_EQUAL(sdkc_uri_decode(&b, "%00x", 4), SDKC_OK);
    CU_ASSERT_EQUAL(b.len, 2);
    CU_ASSERT_EQUAL(b.data[0], '\0');
    CU_ASSERT_EQUAL(b.data[1], 'x');
    sdkc_buf_clean_up(&b);
    sdkc_buf_clean_up(&enc);
}

static int s_uri_work(void *ctx)
{
    struct sdkc_buf b, d;
    const char *in = ctx;
    sdkc_result result;
    sdkc_buf_init(&b, 0);
    sdkc_buf_init(&d, 0);
    result = sdkc_uri_encode(&b, in, strlen(in), 0);
    if (!result)
        result = sdkc_uri_decode(&d, b.data, b.len);
    if (!result && strcmp(d.data, in) != 0)
        result = SDKC_ERR_STATE;
    sdkc_buf_clean_up(&b);
    sdkc_buf_clean_up(&d);
    return result;
}

SDKC_TEST(uri_fault_walk)
{
    char in[400];
    memset(in, '#', sizeof(in) - 1);
    in[sizeof(in) - 1] = '\0';
    CU_ASSERT_TRUE(sdkc_test_fault_walk("uri", s_uri_work, in, NULL) > 0);
}

/* RFC 3986 §3: scheme://authority[/path]; the path is the endpoint's base
 * (Smithy RestJsonHostWithPath), trailing '/'s dropped. */
static int s_split_is(const char *url, const char *auth, const char *host, const char *base)
{
    struct sdkc_url_parts u;
    if (!sdkc_url_split(url, &u))
        return auth == NULL;
    return auth && u.authority_len == strlen(auth) &&
           memcmp(u.authority, auth, u.authority_len) == 0 && u.host_len == strlen(host) &&
           memcmp(u.host, host, u.host_len) == 0 && u.base_len == strlen(base) &&
           memcmp(u.base, base, u.base_len) == 0;
}

SDKC_TEST(url_split)
{
    CU_ASSERT(s_split_is("https://example.com", "example.com", "example.com", ""));
    CU_ASSERT(s_split_is("https://example.com/custom/", "example.com", "example.com", "/custom"));
    CU_ASSERT(s_split_is("http://127.0.0.1:8080/a/b", "127.0.0.1:8080", "127.0.0.1", "/a/b"));
    CU_ASSERT(s_split_is("http://[::1]:9/", "[::1]:9", "[::1]", ""));
    CU_ASSERT(s_split_is("http://[::1]", "[::1]", "[::1]", ""));
    /* refused: no scheme, no host, userinfo, query, fragment, bad brackets */
    CU_ASSERT(s_split_is("example.com", NULL, NULL, NULL));
    CU_ASSERT(s_split_is("://example.com", NULL, NULL, NULL));
    CU_ASSERT(s_split_is("https:///path", NULL, NULL, NULL));
    CU_ASSERT(s_split_is("https://:80/", NULL, NULL, NULL));
    CU_ASSERT(s_split_is("https://user:pw@example.com/", NULL, NULL, NULL));
    CU_ASSERT(s_split_is("https://example.com/?a=1", NULL, NULL, NULL));
    CU_ASSERT(s_split_is("https://example.com#x", NULL, NULL, NULL));
    CU_ASSERT(s_split_is("http://[::1/", NULL, NULL, NULL));
    CU_ASSERT(s_split_is("http://[::1]x/", NULL, NULL, NULL));
    CU_ASSERT(s_split_is(NULL, NULL, NULL, NULL));
}
