/* SPDX-License-Identifier: Apache-2.0
 * Tests of the vectors layer: the vector format and its errors (file and
 * JSON path), the streaming reader (.json, {"vectors":[...]}, .jsonl,
 * folders, duplicates), matchers, the request and result checkers, base64,
 * and the committed corpus loading cleanly. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/json.h"
#include "tests/test.h"
#include "vectors/vector.h"

/* MARK: - helpers */

#define S_GOOD                                                                                     \
    "{\"id\":\"t.good\",\"title\":\"a good vector\",\"level\":\"MUST\","                           \
    "\"refs\":[\"smithy:RestJsonHttpRequestLabelEscaping\"],\"tags\":[\"request\",\"labels\"],"    \
    "\"operation\":\"CreateUserProfile\",\"params\":{\"domainIdentifier\":\"d 1\","                \
    "\"userIdentifier\":\"u\"},"                                                                   \
    "\"request\":{\"method\":\"POST\",\"path\":\"/v2/domains/d%201/user-profiles\","               \
    "\"query\":{},\"headers\":{\"required\":[\"Content-Type\"],\"forbidden\":[\"X-Bad\"],"         \
    "\"equal\":{\"content-type\":\"application/json\"}},"                                          \
    "\"body\":{\"userIdentifier\":\"u\",\"clientToken\":{\"$match\":\"uuid4\"},"                   \
    "\"userType\":{\"$match\":\"absent\"}}},"                                                      \
    "\"response\":{\"status\":201,\"headers\":{\"Content-Type\":\"application/json\","             \
    "\"X-Multi\":[\"a\",\"b\"]},\"bodyBase64\":\"eyJpZCI6IngifQ==\"},"                             \
    "\"expect\":{\"output\":{\"id\":{\"$match\":\"regex\",\"pattern\":\"^x$\"}}}}"

static struct sdkc_vector *s_parse_ok(const char *json)
{
    struct sdkc_vector *v = NULL;
    struct sdkc_error err;
    sdkc_error_init(&err);
    if (sdkc_vector_parse(json, strlen(json), "mem.json", &v, &err)) {
        fprintf(stderr, "unexpected load error: %s\n", err.msg);
        return NULL;
    }
    return v;
}

/* Load `json`, expect failure with a message containing `needle`. */
static void s_expect_error(const char *json, const char *needle)
{
    struct sdkc_vector *v = NULL;
    struct sdkc_error err;
    sdkc_result result;
    sdkc_error_init(&err);
    result = sdkc_vector_parse(json, strlen(json), "bad.json", &v, &err);
    CU_ASSERT_NOT_EQUAL(result, SDKC_OK);
    CU_ASSERT_PTR_NULL(v);
    if (!strstr(err.msg, needle)) {
        fprintf(stderr, "wanted \"%s\" in \"%s\"\n", needle, err.msg);
        CU_FAIL("error message does not name the file/path/reason");
    }
    sdkc_vector_destroy(v);
}

/* Replace the first `from` in S_GOOD by `to`. */
static char *s_mutate(const char *from, const char *to)
{
    const char *good = S_GOOD;
    const char *at = strstr(good, from);
    struct sdkc_buf b;
    sdkc_buf_init(&b, 0);
    if (!at)
        return NULL;
    sdkc_buf_append(&b, good, (size_t)(at - good));
    sdkc_buf_append_str(&b, to);
    sdkc_buf_append_str(&b, at + strlen(from));
    return sdkc_buf_steal(&b, NULL);
}

static void s_expect_mutation_error(const char *from, const char *to, const char *needle)
{
    char *json = s_mutate(from, to);
    CU_ASSERT_PTR_NOT_NULL_FATAL(json);
    s_expect_error(json, needle);
    sdkc_free(json);
}

static char s_tmp[256];

static void s_tmpdir(void)
{
    snprintf(s_tmp, sizeof(s_tmp), "%s/vectors-test-XXXXXX", SDKC_BINARY_DIR);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(s_tmp));
}

static void s_write(const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", s_tmp, rel);
    CU_ASSERT_EQUAL_FATAL(sdkc_write_file_atomic(path, text, strlen(text), NULL), SDKC_OK);
}

static void s_rm_rf(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char path[768];
    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        struct stat st;
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            s_rm_rf(path);
        else
            unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

static char *s_vec(const char *id)
{
    struct sdkc_buf b;
    sdkc_buf_init(&b, 0);
    sdkc_buf_appendf(&b,
                     "{\"id\":\"%s\",\"title\":\"t\",\"level\":\"SHOULD\",\"refs\":[\"seed\"],"
                     "\"tags\":[\"x\"],\"operation\":\"Op\",\"params\":{},"
                     "\"request\":{\"method\":\"GET\"}}",
                     id);
    return sdkc_buf_steal(&b, NULL);
}

/* MARK: - format */

SDKC_TEST(load_good_vector)
{
    struct sdkc_vector *v = s_parse_ok(S_GOOD);
    const struct sdkc_http_response *r;
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_STRING_EQUAL(v->id, "t.good");
    CU_ASSERT_EQUAL(v->level, SDKC_LEVEL_MUST);
    CU_ASSERT_STRING_EQUAL(v->category, "request");
    CU_ASSERT_TRUE(sdkc_vector_has_tag(v, "labels"));
    CU_ASSERT_FALSE(sdkc_vector_has_tag(v, "unions"));
    CU_ASSERT_STRING_EQUAL(v->operation, "CreateUserProfile");
    CU_ASSERT_TRUE(v->has_request);
    CU_ASSERT_STRING_EQUAL(v->request.method, "POST");
    CU_ASSERT_STRING_EQUAL(v->request.path, "/v2/domains/d%201/user-profiles");
    CU_ASSERT_TRUE(v->request.has_body);
    /* The "absent" matcher is folded away: the comparator already reports
     * members the expectation does not list. */
    CU_ASSERT_PTR_NULL(sdkc_json_get(v->request.body, "userType"));
    r = sdkc_vector_response(v);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(r->status, 201);
    CU_ASSERT_EQUAL(r->body_len, 10);
    CU_ASSERT_EQUAL(memcmp(r->body, "{\"id\":\"x\"}", 10), 0);
    CU_ASSERT_EQUAL(r->headers.count, 3);
    CU_ASSERT_STRING_EQUAL(sdkc_http_headers_get(&r->headers, "x-multi"), "a");
    CU_ASSERT_PTR_NOT_NULL(v->expect);
    CU_ASSERT_PTR_NULL(v->any_of);
    CU_ASSERT_STRING_EQUAL(sdkc_vector_level_name(v->level), "MUST");
    sdkc_vector_destroy(v);
    sdkc_vector_destroy(NULL);
}

SDKC_TEST(load_errors_name_file_and_path)
{
    s_expect_mutation_error("\"status\":201", "\"status\":\"201\"",
                            "bad.json: $.response.status: expected an integer, got a string");
    s_expect_mutation_error("\"status\":201", "\"status\":2010", "outside 100-599");
    s_expect_mutation_error("\"status\":201", "\"statsu\":201",
                            "bad.json: $.response.statsu: unknown key \"statsu\"");
    s_expect_mutation_error("\"level\":\"MUST\"", "\"level\":\"must\"",
                            "bad.json: $.level: expected \"MUST\", \"SHOULD\" or \"MAY\"");
    s_expect_mutation_error("\"refs\":[\"smithy:RestJsonHttpRequestLabelEscaping\"]", "\"refs\":[]",
                            "bad.json: $.refs: must not be empty");
    s_expect_mutation_error("\"tags\":[\"request\",\"labels\"]", "\"tags\":[\"request\",7]",
                            "bad.json: $.tags[1]: expected a non-empty string, got a number");
    s_expect_mutation_error("\"id\":\"t.good\"", "\"id\":\"has space\"", "$.id: character 3");
    s_expect_mutation_error("\"params\":{\"domainIdentifier\":\"d 1\",\"userIdentifier\":\"u\"}",
                            "\"params\":[1]", "$.params: expected an object, got an array");
    s_expect_mutation_error("\"eyJpZCI6IngifQ==\"", "\"eyJpZCI6Ing*fQ==\"",
                            "$.response.bodyBase64: base64: invalid character at byte 11");
    s_expect_mutation_error("\"bodyBase64\"", "\"body\":\"x\",\"bodyBase64\"", "not both");
    s_expect_mutation_error("\"pattern\":\"^x$\"", "\"pattern\":\"(\"",
                            "$.expect.output.id: regex pattern \"(\" does not compile");
    s_expect_mutation_error("{\"$match\":\"uuid4\"}", "{\"$match\":\"uuid5\"}",
                            "$.request.body.clientToken: unknown matcher \"uuid5\"");
    s_expect_mutation_error("\"forbidden\":[\"X-Bad\"]", "\"forbidden\":\"X-Bad\"",
                            "$.request.headers.forbidden: expected an array of strings");
    s_expect_mutation_error("\"expect\":{\"output\"", "\"expect\":{\"error\":{},\"output\"",
                            "$.expect: a result document has exactly one of");
    s_expect_mutation_error(
        "\"expect\":{\"output\":{\"id\":{\"$match\":\"regex\",\"pattern\":\"^x$\"}}}",
        "\"expect\":{\"anyOf\":[]}", "$.expect.anyOf: expected a non-empty array");
    s_expect_mutation_error(
        "\"expect\":{\"output\":{\"id\":{\"$match\":\"regex\",\"pattern\":\"^x$\"}}}",
        "\"expect\":{\"anyOf\":[{\"output\":{}},{\"outptu\":{}}]}",
        "$.expect.anyOf[1].outptu: unknown key");
    s_expect_mutation_error("\"path\":\"/v2", "\"path\":\"v2",
                            "$.request.path: a request path starts with '/'");
    s_expect_mutation_error("\"userType\":{\"$match\":\"absent\"}",
                            "\"userType\":[{\"$match\":\"absent\"}]",
                            "$.request.body.userType[0]: \"absent\" is only valid");
    s_expect_error(
        "{\"id\":\"a\",\"title\":\"t\",\"level\":\"MAY\",\"refs\":[\"seed\"],\"tags\":[\"x\"],"
        "\"operation\":\"Op\",\"params\":{}}",
        "bad.json: $: a vector needs \"request\", \"response\" or both");
    s_expect_error(
        "{\"id\":\"a\",\"title\":\"t\",\"level\":\"MAY\",\"refs\":[\"seed\"],\"tags\":[\"x\"],"
        "\"operation\":\"Op\",\"params\":{},\"response\":{\"status\":200}}",
        "$: a vector with a \"response\" needs \"expect\"");
    s_expect_error(
        "{\"id\":\"a\",\"title\":\"t\",\"level\":\"MAY\",\"refs\":[\"seed\"],\"tags\":[\"x\"],"
        "\"operation\":\"Op\",\"params\":{},\"request\":{},\"expect\":{\"output\":{}}}",
        "\"expect\" needs a \"response\"");
    s_expect_error("[1,2]", "bad.json: $: expected a vector object, got an array");
    s_expect_error("{\"id\":1}", "bad.json: $.id: expected a string, got a number");
    /* Syntax errors carry the byte offset and the file. */
    {
        struct sdkc_vector *v = NULL;
        struct sdkc_error err;
        sdkc_error_init(&err);
        CU_ASSERT_EQUAL(sdkc_vector_parse("{\"id\": tru}", 11, "syn.json", &v, &err),
                        SDKC_ERR_PARSE);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "syn.json: "));
        CU_ASSERT_TRUE(err.offset >= 7 && err.offset <= 10);
    }
}

/* Response fields the mock endpoint cannot send (RFC 9110 §5.1 token
 * names, §5.5 field values) loaded, passed builtin, then aborted every
 * wire run with exit 3 naming nothing: refused at load, with the path. */
SDKC_TEST(load_refuses_unsendable_response_headers)
{
    static const char *const from = "\"X-Multi\":[\"a\",\"b\"]";
    s_expect_mutation_error(from, "\"X Multi\":\"a\"",
                            "bad.json: $.response.headers.X Multi: header name byte 1 (0x20) "
                            "is not a token character");
    s_expect_mutation_error(from, "\"X:Multi\":\"a\"", "header name byte 1 (0x3a)");
    s_expect_mutation_error(from, "\"X-Multi\\r\\nEvil\":\"a\"", "header name byte 7 (0x0d)");
    s_expect_mutation_error(from, "\"X-Multi\":\"a\\r\\nSet-Cookie: x=1\"",
                            "bad.json: $.response.headers.X-Multi: header value byte 1 (0x0d) "
                            "is a control character");
    s_expect_mutation_error(from, "\"X-Multi\":[\"a\",\"b\\nc\"]",
                            "$.response.headers.X-Multi[1]: header value byte 1 (0x0a)");
    s_expect_mutation_error(from, "\"X-Multi\":\"a\\u007f\"", "header value byte 1 (0x7f)");
    s_expect_mutation_error(from, "\"X-Multi\":\" a\"", "no leading or trailing spaces");
    /* NUL never reaches a header (\u0000 is U+0000: core/json.h) */
    s_expect_mutation_error(from, "\"X-Multi\":\"a\\u0000b\"", "header value byte 1 (0x00)");
    /* What §5.5 allows stays allowed: inner spaces and tabs, obs-text. */
    {
        char *json = s_mutate(from, "\"X-Multi\":\"a b\\tc \\u00e9\",\"x!#$%&'*+-.^_`|~9\":\"\"");
        struct sdkc_vector *v = json ? s_parse_ok(json) : NULL;
        CU_ASSERT_PTR_NOT_NULL(v);
        sdkc_vector_destroy(v);
        sdkc_free(json);
    }
}

SDKC_TEST(level_parse)
{
    enum sdkc_vector_level l = SDKC_LEVEL_MAY;
    CU_ASSERT_EQUAL(sdkc_vector_level_parse("must", &l), SDKC_OK);
    CU_ASSERT_EQUAL(l, SDKC_LEVEL_MUST);
    CU_ASSERT_EQUAL(sdkc_vector_level_parse("Should", &l), SDKC_OK);
    CU_ASSERT_EQUAL(l, SDKC_LEVEL_SHOULD);
    CU_ASSERT_EQUAL(sdkc_vector_level_parse("MAY", &l), SDKC_OK);
    CU_ASSERT_EQUAL(l, SDKC_LEVEL_MAY);
    CU_ASSERT_EQUAL(sdkc_vector_level_parse("never", &l), SDKC_ERR_INVALID_ARG);
}

/* MARK: - base64 */

SDKC_TEST(base64_round_trip_and_errors)
{
    static const unsigned char bytes[] = {0x00, 0xff, 0xfe, 0x80, 0x7f, 'a', 'b'};
    struct sdkc_buf e, d;
    struct sdkc_error err;
    size_t n;
    sdkc_error_init(&err);
    for (n = 0; n <= sizeof(bytes); n++) {
        sdkc_buf_init(&e, 0);
        sdkc_buf_init(&d, 0);
        CU_ASSERT_EQUAL(sdkc_base64_encode(&e, bytes, n), SDKC_OK);
        CU_ASSERT_EQUAL(e.len, (n + 2) / 3 * 4);
        CU_ASSERT_EQUAL(sdkc_base64_decode(&d, e.data ? e.data : "", e.len, &err), SDKC_OK);
        CU_ASSERT_EQUAL(d.len, n);
        CU_ASSERT_TRUE(n == 0 || memcmp(d.data, bytes, n) == 0);
        sdkc_buf_clean_up(&e);
        sdkc_buf_clean_up(&d);
    }
    sdkc_buf_init(&d, 0);
    CU_ASSERT_EQUAL(sdkc_base64_decode(&d, "Zm9v", 4, &err), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(d.data, "foo");
    sdkc_buf_reset(&d);
    CU_ASSERT_EQUAL(sdkc_base64_decode(&d, "Zm9", 3, &err), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(sdkc_base64_decode(&d, "Z=9v", 4, &err), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(sdkc_base64_decode(&d, "Zm9v====", 8, &err), SDKC_ERR_PARSE);
    sdkc_buf_clean_up(&d);
}

/* MARK: - matchers */

struct s_tokens {
    int n;
    char last[40];
};

static void s_on_token(void *ctx, const char *token)
{
    struct s_tokens *t = ctx;
    t->n++;
    snprintf(t->last, sizeof(t->last), "%s", token);
}

static int s_match(const char *want_json, const char *got_json, char *why, size_t why_size,
                   struct s_tokens *tokens)
{
    cJSON *want = NULL, *got = NULL;
    struct sdkc_buf b;
    struct sdkc_vector_check_options opts = {.on_token = s_on_token, .token_ctx = tokens};
    int m;
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_json_parse(want_json, strlen(want_json), NULL, &want, NULL), SDKC_OK);
    if (got_json)
        CU_ASSERT_EQUAL(sdkc_json_parse(got_json, strlen(got_json), NULL, &got, NULL), SDKC_OK);
    m = sdkc_vector_matcher(&opts, want, got, &b);
    snprintf(why, why_size, "%s", b.data ? b.data : "");
    sdkc_buf_clean_up(&b);
    cJSON_Delete(want);
    cJSON_Delete(got);
    return m;
}

SDKC_TEST(matchers)
{
    char why[128];
    struct s_tokens t;
    memset(&t, 0, sizeof(t));
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"uuid4\"}", "\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"",
                            why, sizeof(why), &t),
                    1);
    CU_ASSERT_EQUAL(t.n, 1);
    CU_ASSERT_STRING_EQUAL(t.last, "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    /* Upper case, wrong version, wrong variant, wrong length, not a string. */
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"uuid4\"}", "\"3F2504E0-4F89-41D3-9A0C-0305E82C3301\"",
                            why, sizeof(why), &t),
                    0);
    CU_ASSERT_STRING_EQUAL(why, "lowercase UUID v4");
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"uuid4\"}", "\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"",
                            why, sizeof(why), &t),
                    0);
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"uuid4\"}", "\"3f2504e0-4f89-41d3-7a0c-0305e82c3301\"",
                            why, sizeof(why), &t),
                    0);
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"uuid4\"}", "\"abc\"", why, sizeof(why), &t), 0);
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"uuid4\"}", "7", why, sizeof(why), &t), 0);
    CU_ASSERT_EQUAL(t.n, 1);
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"any\"}", "null", why, sizeof(why), &t), 1);
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"any\"}", NULL, why, sizeof(why), &t), 0);
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"absent\"}", NULL, why, sizeof(why), &t), 1);
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"absent\"}", "1", why, sizeof(why), &t), 0);
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"string\"}", "\"\"", why, sizeof(why), &t), 1);
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"string\"}", "{}", why, sizeof(why), &t), 0);
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"regex\",\"pattern\":\"^dzd_[a-z0-9]+$\"}",
                            "\"dzd_abc1\"", why, sizeof(why), &t),
                    1);
    CU_ASSERT_EQUAL(
        s_match("{\"$match\":\"regex\",\"pattern\":\"^dzd_\"}", "\"xdzd_\"", why, sizeof(why), &t),
        0);
    CU_ASSERT_STRING_EQUAL(why, "a string matching /^dzd_/");
    CU_ASSERT_EQUAL(s_match("{\"match\":\"uuid4\"}", "\"x\"", why, sizeof(why), &t), -1);
    CU_ASSERT_EQUAL(s_match("\"plain\"", "\"plain\"", why, sizeof(why), &t), -1);
}

SDKC_TEST(matchers_validate)
{
    cJSON *j = NULL;
    struct sdkc_error err;
    const char *bad = "{\"a\":[{\"$match\":\"regex\"}]}";
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_json_parse(bad, strlen(bad), NULL, &j, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_vector_matchers_validate(j, "$.body", &err), SDKC_ERR_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "$.body.a[0]: a regex matcher needs \"pattern\""));
    cJSON_Delete(j);
}

/* MARK: - checkers */

static void s_request(struct sdkc_http_request *r, const char *path, const char *query,
                      const char *ctype, const char *body)
{
    sdkc_http_request_init(r);
    r->method = sdkc_strdup("POST");
    r->path = sdkc_strdup(path);
    r->query = query ? sdkc_strdup(query) : NULL;
    if (ctype)
        sdkc_http_headers_add(&r->headers, "Content-Type", ctype);
    if (body) {
        r->body = sdkc_strdup(body);
        r->body_len = strlen(body);
    }
}

static void s_diff_text(const struct sdkc_json_diff *d, struct sdkc_buf *b)
{
    sdkc_buf_reset(b);
    CU_ASSERT_EQUAL(sdkc_json_diff_format(d, b), SDKC_OK);
}

/* MARK: - hostile regex patterns (bounded: refused at load or failing fast) */

/* glibc's regcomp took 3.9 GB on this 27-byte pattern (the fuzz_vector
 * target found it); it is refused at load, naming the file and JSON path. */
SDKC_TEST(regex_nested_repeats_refused_at_load)
{
    int64_t t0 = sdkc_clock_ms();
    s_expect_mutation_error("\"pattern\":\"^x$\"", "\"pattern\":\"((a{1,255}){1,255}){1,255}\"",
                            "bad.json: $.expect.output.id: regex pattern "
                            "\"((a{1,255}){1,255}){1,255}\" does not compile at byte");
    s_expect_mutation_error(
        "\"pattern\":\"^x$\"",
        "\"pattern\":\"((((((((((((((((((((((((((((((((((x))))))))))))))))))))))))))))))))))\"",
        "$.expect.output.id: regex pattern");
    CU_ASSERT_TRUE(sdkc_clock_ms() - t0 < 1000);
}

/* Catastrophic backtracking with back-references took POSIX regexec 30-50 s
 * on 80 characters and over 11 minutes on 400: now the match limit stops it
 * within a second, as a failed match that says the limit was hit. */
SDKC_TEST(regex_backtracking_fails_fast_saying_why)
{
    char *json = s_mutate("\"pattern\":\"^x$\"",
                          "\"pattern\":\"(.*)(.*)(.*)(.*)(.*)\\\\5\\\\4\\\\3\\\\2\\\\1x\"");
    struct sdkc_vector *v = json ? s_parse_ok(json) : NULL;
    struct sdkc_buf doc;
    struct sdkc_json_diff d;
    struct sdkc_error err;
    cJSON *j = NULL;
    size_t lens[2] = {80, 400}, i, k;
    int ok = 1;

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_PTR_NOT_NULL(v->regexes); /* compiled once, at load */
    sdkc_error_init(&err);
    for (k = 0; k < 2; k++) {
        int64_t t0;
        sdkc_buf_init(&doc, 0);
        sdkc_json_diff_init(&d);
        sdkc_buf_append_str(&doc, "{\"output\":{\"id\":\"x");
        for (i = 0; i < lens[k]; i++)
            sdkc_buf_append_byte(&doc, 'a');
        sdkc_buf_append_str(&doc, "\"}}");
        CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(doc.data, doc.len, NULL, &j, &err), SDKC_OK);
        t0 = sdkc_clock_ms();
        CU_ASSERT_EQUAL(sdkc_vector_check_result(v, j, NULL, &d, &ok, &err), SDKC_OK);
        CU_ASSERT_TRUE(sdkc_clock_ms() - t0 < 1000);
        CU_ASSERT_EQUAL(ok, 0);
        CU_ASSERT_EQUAL_FATAL(d.count, 1);
        CU_ASSERT_STRING_EQUAL(d.entries[0].path, "$.output.id");
        CU_ASSERT_PTR_NOT_NULL(strstr(d.entries[0].wanted, "match limit (1000000 steps) was hit"));
        cJSON_Delete(j);
        j = NULL;
        sdkc_json_diff_clean_up(&d);
        sdkc_buf_clean_up(&doc);
    }
    sdkc_vector_destroy(v);
    sdkc_free(json);
}

/* POSIX ERE meaning kept where the corpus relies on it: '.' crosses a
 * newline, '$' is the very end, unanchored otherwise. */
SDKC_TEST(regex_keeps_posix_meaning)
{
    char why[256];
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"regex\",\"pattern\":\"^a.b$\"}", "\"a\\nb\"", why,
                            sizeof(why), NULL),
                    1);
    CU_ASSERT_EQUAL(
        s_match("{\"$match\":\"regex\",\"pattern\":\"^ab$\"}", "\"ab\\n\"", why, sizeof(why), NULL),
        0);
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"regex\",\"pattern\":\"json\"}",
                            "\"application/json; charset=utf-8\"", why, sizeof(why), NULL),
                    1);
    CU_ASSERT_EQUAL(s_match("{\"$match\":\"regex\",\"pattern\":\"^[[:alpha:]]+[0-9]{2}$\"}",
                            "\"abc12\"", why, sizeof(why), NULL),
                    1);
}

SDKC_TEST(check_request_passes_and_reports)
{
    struct sdkc_vector *v = s_parse_ok(S_GOOD);
    struct sdkc_http_request r;
    struct sdkc_json_diff d;
    struct sdkc_buf text;
    struct s_tokens t;
    struct sdkc_vector_check_options opts = {.on_token = s_on_token, .token_ctx = &t};
    int ok = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    memset(&t, 0, sizeof(t));
    sdkc_buf_init(&text, 0);
    sdkc_json_diff_init(&d);
    s_request(
        &r, "/v2/domains/d%201/user-profiles", NULL, "application/json",
        "{\"clientToken\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\",\"userIdentifier\":\"u\"}");
    CU_ASSERT_EQUAL(sdkc_vector_check_request(v, &r, &opts, &d, &ok, NULL), SDKC_OK);
    CU_ASSERT_TRUE(ok);
    CU_ASSERT_EQUAL(d.count, 0);
    CU_ASSERT_EQUAL(t.n, 1);
    sdkc_http_request_clean_up(&r);

    /* Everything wrong at once: every difference is reported, by path. */
    s_request(&r, "/v2/domains/d+1/user-profiles", "a=1&a=2", "text/plain",
              "{\"clientToken\":\"abc\",\"userIdentifier\":\"u\",\"userType\":null}");
    sdkc_http_headers_add(&r.headers, "x-bad", "1");
    CU_ASSERT_EQUAL(sdkc_vector_check_request(v, &r, &opts, &d, &ok, NULL), SDKC_OK);
    CU_ASSERT_FALSE(ok);
    s_diff_text(&d, &text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "$.path: wanted \"/v2/domains/d%201/user-profiles\", "
                                             "got \"/v2/domains/d+1/user-profiles\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "$.query.a: wanted (absent), got [\"1\",\"2\"]"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "$.headers.x-bad: wanted (absent), got \"1\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(
        text.data, "$.headers.content-type: wanted \"application/json\", got \"text/plain\""));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(text.data, "$.body.clientToken: wanted lowercase UUID v4, got \"abc\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "$.body.userType: wanted (absent), got null"));
    if (!ok)
        fprintf(stderr, "%s", text.data);
    sdkc_http_request_clean_up(&r);
    sdkc_json_diff_clean_up(&d);

    /* A body that is not JSON, and a missing body. */
    sdkc_json_diff_init(&d);
    s_request(&r, "/v2/domains/d%201/user-profiles", NULL, "application/json", "{\"a\":");
    CU_ASSERT_EQUAL(sdkc_vector_check_request(v, &r, NULL, &d, &ok, NULL), SDKC_OK);
    CU_ASSERT_FALSE(ok);
    s_diff_text(&d, &text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "$.body: wanted {"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "got not JSON ("));
    sdkc_http_request_clean_up(&r);
    sdkc_json_diff_clean_up(&d);
    sdkc_json_diff_init(&d);
    s_request(&r, "/v2/domains/d%201/user-profiles", NULL, NULL, NULL);
    CU_ASSERT_EQUAL(sdkc_vector_check_request(v, &r, NULL, &d, &ok, NULL), SDKC_OK);
    CU_ASSERT_FALSE(ok);
    s_diff_text(&d, &text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "got (no body)"));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(text.data, "$.headers.content-type: wanted (present), got (absent)"));
    sdkc_http_request_clean_up(&r);
    sdkc_json_diff_clean_up(&d);
    sdkc_buf_clean_up(&text);
    sdkc_vector_destroy(v);
}

SDKC_TEST(check_request_no_body_and_query)
{
    const char *json =
        "{\"id\":\"q\",\"title\":\"t\",\"level\":\"MAY\",\"refs\":[\"seed\"],\"tags\":[\"x\"],"
        "\"operation\":\"Op\",\"params\":{},\"request\":{\"method\":\"GET\",\"body\":null,"
        "\"query\":{\"a b\":\"c+d\",\"list\":[\"1\",\"2\"],\"tok\":{\"$match\":\"uuid4\"}},"
        "\"headers\":{\"equal\":{\"X-Token\":{\"$match\":\"uuid4\"}}}}}";
    struct sdkc_vector *v = s_parse_ok(json);
    struct sdkc_http_request r;
    struct sdkc_json_diff d;
    struct sdkc_buf text;
    int ok = 0;
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    sdkc_buf_init(&text, 0);
    sdkc_json_diff_init(&d);
    s_request(&r, "/", "a%20b=c%2Bd&list=1&list=2&tok=3f2504e0-4f89-41d3-9a0c-0305e82c3301", NULL,
              NULL);
    sdkc_free(r.method);
    r.method = sdkc_strdup("GET");
    sdkc_http_headers_add(&r.headers, "x-token", "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    CU_ASSERT_EQUAL(sdkc_vector_check_request(v, &r, NULL, &d, &ok, NULL), SDKC_OK);
    CU_ASSERT_TRUE(ok);
    sdkc_http_request_clean_up(&r);
    s_request(&r, "/", "list=1", NULL, "{}");
    CU_ASSERT_EQUAL(sdkc_vector_check_request(v, &r, NULL, &d, &ok, NULL), SDKC_OK);
    CU_ASSERT_FALSE(ok);
    s_diff_text(&d, &text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "$.method: wanted \"GET\", got \"POST\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "$.body: wanted (no body), got \"{}\""));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(text.data, "$.headers.x-token: wanted lowercase UUID v4, got (absent)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "$.query.list: wanted [\"1\",\"2\"], got \"1\""));
    sdkc_http_request_clean_up(&r);
    sdkc_json_diff_clean_up(&d);
    sdkc_buf_clean_up(&text);
    sdkc_vector_destroy(v);
}

static cJSON *s_json(const char *s)
{
    cJSON *j = NULL;
    CU_ASSERT_EQUAL(sdkc_json_parse(s, strlen(s), NULL, &j, NULL), SDKC_OK);
    return j;
}

SDKC_TEST(check_result_any_of_reports_closest)
{
    const char *json =
        "{\"id\":\"r\",\"title\":\"t\",\"level\":\"SHOULD\",\"refs\":[\"seed\"],\"tags\":[\"x\"],"
        "\"operation\":\"Op\",\"params\":{},\"response\":{\"status\":500},"
        "\"expect\":{\"anyOf\":[{\"error\":{\"code\":\"InternalServerException\",\"modeled\":true,"
        "\"message\":{\"$match\":\"any\"},\"httpStatus\":500,\"fault\":\"server\"}},"
        "{\"error\":{\"code\":\"500\",\"modeled\":false,\"httpStatus\":500,\"fault\":\"server\"}}]}"
        "}";
    struct sdkc_vector *v = s_parse_ok(json);
    struct sdkc_json_diff d;
    struct sdkc_buf text;
    cJSON *doc;
    int ok = 0;
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_PTR_NOT_NULL(v->any_of);
    CU_ASSERT_PTR_NULL(v->response.body);
    sdkc_buf_init(&text, 0);
    sdkc_json_diff_init(&d);
    doc = s_json(
        "{\"error\":{\"code\":\"500\",\"modeled\":false,\"httpStatus\":500,\"fault\":\"server\"}}");
    CU_ASSERT_EQUAL(sdkc_vector_check_result(v, doc, NULL, &d, &ok, NULL), SDKC_OK);
    CU_ASSERT_TRUE(ok);
    CU_ASSERT_EQUAL(d.count, 0);
    cJSON_Delete(doc);
    doc = s_json(
        "{\"error\":{\"code\":\"InternalServerException\",\"modeled\":false,\"message\":\"m\","
        "\"httpStatus\":500,\"fault\":\"server\"}}");
    CU_ASSERT_EQUAL(sdkc_vector_check_result(v, doc, NULL, &d, &ok, NULL), SDKC_OK);
    CU_ASSERT_FALSE(ok);
    CU_ASSERT_EQUAL(d.count, 1);
    s_diff_text(&d, &text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "$.error.modeled: wanted true, got false"));
    cJSON_Delete(doc);
    sdkc_json_diff_clean_up(&d);
    sdkc_json_diff_init(&d);
    CU_ASSERT_EQUAL(sdkc_vector_check_result(v, NULL, NULL, &d, &ok, NULL), SDKC_OK);
    CU_ASSERT_FALSE(ok);
    s_diff_text(&d, &text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "got (no result document)"));
    sdkc_json_diff_clean_up(&d);
    sdkc_buf_clean_up(&text);
    sdkc_vector_destroy(v);
}

SDKC_TEST(check_result_plain)
{
    struct sdkc_vector *v = s_parse_ok(S_GOOD);
    struct sdkc_json_diff d;
    cJSON *doc;
    int ok = 0;
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    sdkc_json_diff_init(&d);
    doc = s_json("{\"output\":{\"id\":\"x\"}}");
    CU_ASSERT_EQUAL(sdkc_vector_check_result(v, doc, NULL, &d, &ok, NULL), SDKC_OK);
    CU_ASSERT_TRUE(ok);
    cJSON_Delete(doc);
    doc = s_json("{\"output\":{\"id\":\"y\",\"extra\":1}}");
    CU_ASSERT_EQUAL(sdkc_vector_check_result(v, doc, NULL, &d, &ok, NULL), SDKC_OK);
    CU_ASSERT_FALSE(ok);
    CU_ASSERT_EQUAL(d.count, 2);
    cJSON_Delete(doc);
    sdkc_json_diff_clean_up(&d);
    sdkc_vector_destroy(v);
}

/* MARK: - reader */

static int s_read_all(const char *const *paths, size_t n, char *ids, size_t ids_size,
                      struct sdkc_error *err)
{
    struct sdkc_vector_reader *r = NULL;
    struct sdkc_vector *v = NULL;
    sdkc_result result;
    ids[0] = '\0';
    result = sdkc_vector_reader_new(paths, n, NULL, &r, err);
    if (result)
        return result;
    while ((result = sdkc_vector_reader_next(r, &v, err)) == SDKC_OK && v) {
        size_t len = strlen(ids);
        snprintf(ids + len, ids_size - len, "%s%s", len ? "," : "", v->id);
        sdkc_vector_destroy(v);
    }
    sdkc_vector_reader_destroy(r);
    return result;
}

SDKC_TEST(reader_walks_sorted_and_streams_all_layouts)
{
    char *a = s_vec("a.1"), *b = s_vec("b.1"), *c1 = s_vec("c.1"), *c2 = s_vec("c.2");
    char ids[512];
    struct sdkc_buf multi, lines;
    struct sdkc_error err;
    const char *paths[2];
    sdkc_error_init(&err);
    s_tmpdir();
    sdkc_buf_init(&multi, 0);
    sdkc_buf_init(&lines, 0);
    sdkc_buf_appendf(&multi, "{\"vectors\":[%s,%s]}", c1, c2);
    sdkc_buf_appendf(&lines, "%s\n\n  \r\n%s", a, b); /* blank lines; no final newline */
    s_write("z/multi.json", multi.data);
    s_write("a/one.json", a);
    s_write("m/lines.jsonl", lines.data);
    s_write("a/ignored.txt", "not a vector");
    /* a/one.json and m/lines.jsonl both hold a.1: sorted order, so the
     * duplicate is found in the later file. */
    paths[0] = s_tmp;
    CU_ASSERT_EQUAL(s_read_all(paths, 1, ids, sizeof(ids), &err), SDKC_ERR_PARSE);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(err.msg, "m/lines.jsonl: duplicate id \"a.1\" (already used in "));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "a/one.json)"));
    {
        char p[512];
        snprintf(p, sizeof(p), "%s/a/one.json", s_tmp);
        unlink(p);
    }
    CU_ASSERT_EQUAL(s_read_all(paths, 1, ids, sizeof(ids), &err), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(ids, "a.1,b.1,c.1,c.2");
    /* A duplicate inside one file names that file. */
    {
        sdkc_buf_reset(&multi);
        sdkc_buf_appendf(&multi, "{\"vectors\":[%s,%s,%s]}", c1, c2, c1);
        s_write("z/multi.json", multi.data);
        CU_ASSERT_EQUAL(s_read_all(paths, 1, ids, sizeof(ids), &err), SDKC_ERR_PARSE);
        CU_ASSERT_PTR_NOT_NULL(
            strstr(err.msg, "z/multi.json: duplicate id \"c.1\" (already used in "));
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "z/multi.json)"));
        CU_ASSERT_STRING_EQUAL(ids, "a.1,b.1,c.1,c.2");
        sdkc_buf_reset(&multi);
        sdkc_buf_appendf(&multi, "{\"vectors\":[%s,%s]}", c1, c2);
        s_write("z/multi.json", multi.data);
    }
    /* The same folder twice is read once. */
    paths[1] = s_tmp;
    CU_ASSERT_EQUAL(s_read_all(paths, 2, ids, sizeof(ids), &err), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(ids, "a.1,b.1,c.1,c.2");
    s_rm_rf(s_tmp);
    sdkc_buf_clean_up(&multi);
    sdkc_buf_clean_up(&lines);
    sdkc_free(a);
    sdkc_free(b);
    sdkc_free(c1);
    sdkc_free(c2);
}

SDKC_TEST(reader_errors_name_file_line_and_path)
{
    char *a = s_vec("a.1");
    char ids[512];
    struct sdkc_buf lines;
    struct sdkc_error err;
    const char *paths[1];
    char missing[300];
    sdkc_error_init(&err);
    s_tmpdir();
    sdkc_buf_init(&lines, 0);
    /* Line 3 has a syntax error at its byte 5. */
    sdkc_buf_appendf(&lines, "%s\n\n{\"id\" 1}\n", a);
    s_write("x.jsonl", lines.data);
    paths[0] = s_tmp;
    CU_ASSERT_EQUAL(s_read_all(paths, 1, ids, sizeof(ids), &err), SDKC_ERR_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "x.jsonl:3: "));
    CU_ASSERT_EQUAL(err.offset, strlen(a) + 2 + 6);
    CU_ASSERT_STRING_EQUAL(ids, "a.1");
    s_rm_rf(s_tmp);

    s_tmpdir();
    s_write("v.json",
            "{\"vectors\":[{\"id\":\"ok\",\"title\":\"t\",\"level\":\"MAY\",\"refs\":[\"seed\"],"
            "\"tags\":[\"x\"],\"operation\":\"O\",\"params\":{},\"request\":{}},"
            "{\"id\":\"bad\",\"title\":\"t\",\"level\":\"MAY\",\"refs\":[\"seed\"],"
            "\"tags\":[\"x\"],\"operation\":\"O\",\"params\":{},"
            "\"response\":{\"status\":true},\"expect\":{\"output\":{}}}]}");
    CU_ASSERT_EQUAL(s_read_all(paths, 1, ids, sizeof(ids), &err), SDKC_ERR_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(
        err.msg, "v.json: $.vectors[1].response.status: expected an integer, got a boolean"));
    s_write("v.json", "{\"vectors\":{}}");
    CU_ASSERT_EQUAL(s_read_all(paths, 1, ids, sizeof(ids), &err), SDKC_ERR_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "v.json: $.vectors: expected an array"));
    s_write("v.jsonl",
            "{\"id\":\"l\",\"title\":\"t\",\"level\":\"MAY\",\"refs\":[\"seed\"],"
            "\"tags\":[\"x\"],\"operation\":\"O\",\"params\":{},\"request\":{\"method\":1}}\n");
    {
        char p[512];
        snprintf(p, sizeof(p), "%s/v.json", s_tmp);
        unlink(p);
    }
    CU_ASSERT_EQUAL(s_read_all(paths, 1, ids, sizeof(ids), &err), SDKC_ERR_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "v.jsonl:1: $.request.method: expected a string"));
    s_rm_rf(s_tmp);

    snprintf(missing, sizeof(missing), "%s/no-such-dir-xyz", SDKC_BINARY_DIR);
    paths[0] = missing;
    CU_ASSERT_EQUAL(s_read_all(paths, 1, ids, sizeof(ids), &err), SDKC_ERR_NOT_FOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no-such-dir-xyz"));
    sdkc_buf_clean_up(&lines);
    sdkc_free(a);
}

/* MARK: - fault injection */

static int s_load_and_check(void *ctx)
{
    struct sdkc_vector *v = NULL;
    struct sdkc_http_request r;
    struct sdkc_json_diff d;
    struct sdkc_error err;
    cJSON *doc = NULL;
    const char *dj = "{\"output\":{\"id\":\"z\"}}";
    int ok;
    sdkc_result result;
    (void)ctx;
    sdkc_error_init(&err);
    sdkc_json_diff_init(&d);
    sdkc_http_request_init(&r);
    result = sdkc_vector_parse(S_GOOD, strlen(S_GOOD), "mem.json", &v, &err);
    if (result)
        goto done;
    r.method = sdkc_strdup("PUT");
    r.path = sdkc_strdup("/x");
    r.query = sdkc_strdup("a=1&a=2&b");
    r.body = sdkc_strdup("{\"userIdentifier\":\"v\"}");
    if (!r.method || !r.path || !r.query || !r.body) {
        result = SDKC_ERR_NOMEM;
        goto done;
    }
    r.body_len = strlen(r.body);
    if ((result = sdkc_vector_check_request(v, &r, NULL, &d, &ok, &err)))
        goto done;
    if ((result = sdkc_json_parse(dj, strlen(dj), NULL, &doc, &err)))
        goto done;
    result = sdkc_vector_check_result(v, doc, NULL, &d, &ok, &err);
done:
    cJSON_Delete(doc);
    sdkc_http_request_clean_up(&r);
    sdkc_json_diff_clean_up(&d);
    sdkc_vector_destroy(v);
    return result;
}

SDKC_TEST(load_and_check_fault_walk)
{
    CU_ASSERT_TRUE(sdkc_test_fault_walk("vector load+check", s_load_and_check, NULL, NULL) > 20);
}

static int s_read_dir(void *ctx)
{
    const char *paths[1] = {ctx};
    struct sdkc_vector_reader *r = NULL;
    struct sdkc_vector *v = NULL;
    struct sdkc_error err;
    sdkc_result result;
    sdkc_error_init(&err);
    result = sdkc_vector_reader_new(paths, 1, NULL, &r, &err);
    while (!result && (result = sdkc_vector_reader_next(r, &v, &err)) == SDKC_OK && v)
        sdkc_vector_destroy(v);
    sdkc_vector_reader_destroy(r);
    return result;
}

/* A FIFO given by name to the reader (replay --vectors f) blocked the run
 * forever; now refused at once, naming it. A FIFO found by walking a
 * folder is skipped like any file that is not *.json / *.jsonl. */
SDKC_TEST(reader_refuses_fifo_given_by_name)
{
    char fifo[600];
    const char *paths[1] = {fifo};
    struct sdkc_vector_reader *r = NULL;
    struct sdkc_error err;
    int64_t t0;
    s_tmpdir();
    snprintf(fifo, sizeof(fifo), "%s/p.json", s_tmp);
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    sdkc_error_init(&err);
    t0 = sdkc_clock_ms();
    CU_ASSERT_EQUAL(sdkc_vector_reader_new(paths, 1, NULL, &r, &err), SDKC_ERR_IO);
    CU_ASSERT_TRUE(sdkc_clock_ms() - t0 < 1000);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, fifo));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "neither a regular file nor a folder"));
    s_rm_rf(s_tmp);
}

SDKC_TEST(reader_fault_walk)
{
    char *a = s_vec("a.1"), *b = s_vec("b.1");
    struct sdkc_buf lines;
    s_tmpdir();
    sdkc_buf_init(&lines, 0);
    sdkc_buf_appendf(&lines, "%s\n%s\n", a, b);
    s_write("l.jsonl", lines.data);
    s_write("d/one.json", S_GOOD);
    CU_ASSERT_TRUE(sdkc_test_fault_walk("vector reader", s_read_dir, s_tmp, NULL) > 20);
    s_rm_rf(s_tmp);
    sdkc_buf_clean_up(&lines);
    sdkc_free(a);
    sdkc_free(b);
}

/* MARK: - the committed corpus */

SDKC_TEST(corpus_loads_and_is_big_enough)
{
    char dir[512];
    const char *paths[1] = {dir};
    struct sdkc_vector_reader *r = NULL;
    struct sdkc_vector *v = NULL;
    struct sdkc_error err;
    sdkc_result result;
    size_t n = 0, levels[3] = {0, 0, 0}, hand = 0;
    sdkc_error_init(&err);
    snprintf(dir, sizeof(dir), "%s/corpus/vectors", SDKC_SOURCE_DIR);
    CU_ASSERT_EQUAL_FATAL(sdkc_vector_reader_new(paths, 1, NULL, &r, &err), SDKC_OK);
    while ((result = sdkc_vector_reader_next(r, &v, &err)) == SDKC_OK && v) {
        n++;
        levels[v->level]++;
        if (!strstr(v->file, "/generated/"))
            hand++;
        sdkc_vector_destroy(v);
    }
    if (result != SDKC_OK)
        fprintf(stderr, "corpus: %s\n", err.msg);
    CU_ASSERT_EQUAL(result, SDKC_OK);
    sdkc_vector_reader_destroy(r);
    fprintf(stderr, "corpus: %zu vectors (%zu hand-written; MUST %zu, SHOULD %zu, MAY %zu)\n", n,
            hand, levels[0], levels[1], levels[2]);
    CU_ASSERT_TRUE(n >= 100);
    CU_ASSERT_TRUE(hand >= 60);
}

/* Reading a folder whose only defect is a duplicate id: OK when exactly
 * that error is reported (naming the file), NOMEM passes through. */
static int s_read_dir_dup(void *ctx)
{
    const char *paths[1] = {ctx};
    struct sdkc_vector_reader *r = NULL;
    struct sdkc_vector *v = NULL;
    struct sdkc_error err;
    sdkc_result result;
    sdkc_error_init(&err);
    result = sdkc_vector_reader_new(paths, 1, NULL, &r, &err);
    while (!result && (result = sdkc_vector_reader_next(r, &v, &err)) == SDKC_OK && v)
        sdkc_vector_destroy(v);
    sdkc_vector_reader_destroy(r);
    if (result == SDKC_ERR_PARSE &&
        strstr(err.msg, "l.jsonl: duplicate id \"a.1\" (already used in ") &&
        strstr(err.msg, "l.jsonl)"))
        return SDKC_OK;
    return result == SDKC_OK ? SDKC_ERR_STATE : result;
}

SDKC_TEST(reader_duplicate_fault_walk)
{
    char *a = s_vec("a.1"), *b = s_vec("b.1");
    struct sdkc_buf lines;
    s_tmpdir();
    sdkc_buf_init(&lines, 0);
    sdkc_buf_appendf(&lines, "%s\r\n%s\r\n%s\r\n", a, b, a); /* CRLF lines; a.1 twice */
    s_write("l.jsonl", lines.data);
    CU_ASSERT_EQUAL(s_read_dir_dup(s_tmp), SDKC_OK);
    CU_ASSERT_TRUE(sdkc_test_fault_walk("vector reader dup", s_read_dir_dup, s_tmp, NULL) > 10);
    s_rm_rf(s_tmp);
    sdkc_buf_clean_up(&lines);
    sdkc_free(a);
    sdkc_free(b);
}

SDKC_TEST(reader_empty_and_blank_files)
{
    char ids[64];
    struct sdkc_error err;
    const char *paths[1];
    sdkc_error_init(&err);
    s_tmpdir();
    paths[0] = s_tmp;
    /* A .jsonl with only blank lines holds no vectors; an empty .json is a
     * syntax error naming the file. */
    s_write("blank.jsonl", "\n  \n\r\n");
    CU_ASSERT_EQUAL(s_read_all(paths, 1, ids, sizeof(ids), &err), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(ids, "");
    s_write("empty.json", "");
    CU_ASSERT_EQUAL(s_read_all(paths, 1, ids, sizeof(ids), &err), SDKC_ERR_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "empty.json: "));
    s_rm_rf(s_tmp);
}

/* The expected host is rebased from the vector's endpoint onto the one the
 * client called (an adapter's mock endpoint): the prefix stays, and only a
 * whole trailing label run is replaced. */
static int s_host_ok(const char *want_host, const char *sent, const char *from, const char *to,
                     struct sdkc_buf *text)
{
    char json[512];
    struct sdkc_vector *v;
    struct sdkc_http_request r;
    struct sdkc_json_diff d;
    struct sdkc_vector_check_options opts = {0};
    int ok = 0;
    snprintf(
        json, sizeof(json),
        "{\"id\":\"h\",\"title\":\"t\",\"level\":\"MUST\",\"refs\":[\"seed\"],\"tags\":[\"x\"],"
        "\"operation\":\"Op\",\"params\":{},\"endpoint\":\"https://example.com\","
        "\"request\":{\"host\":\"%s\"}}",
        want_host);
    v = s_parse_ok(json);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    opts.host_from = from;
    opts.host_from_len = from ? strlen(from) : 0;
    opts.host_to = to;
    opts.host_to_len = to ? strlen(to) : 0;
    sdkc_json_diff_init(&d);
    s_request(&r, "/", NULL, NULL, NULL);
    sdkc_http_headers_add(&r.headers, "Host", sent);
    CU_ASSERT_EQUAL(sdkc_vector_check_request(v, &r, &opts, &d, &ok, NULL), SDKC_OK);
    text->len = 0;
    s_diff_text(&d, text);
    sdkc_http_request_clean_up(&r);
    sdkc_json_diff_clean_up(&d);
    sdkc_vector_destroy(v);
    return ok;
}

SDKC_TEST(check_request_host_rebased)
{
    struct sdkc_buf text;
    sdkc_buf_init(&text, 0);
    CU_ASSERT_TRUE(
        s_host_ok("foo.example.com", "foo.127.0.0.1:8080", "example.com", "127.0.0.1:8080", &text));
    CU_ASSERT_TRUE(
        s_host_ok("example.com", "127.0.0.1:8080", "example.com", "127.0.0.1:8080", &text));
    CU_ASSERT_TRUE(
        s_host_ok("Foo.Example.COM", "Foo.127.0.0.1:8080", "example.com", "127.0.0.1:8080", &text));
    /* the prefix is checked: a client that dropped it fails, naming the rebased host */
    CU_ASSERT_FALSE(
        s_host_ok("foo.example.com", "127.0.0.1:8080", "example.com", "127.0.0.1:8080", &text));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(text.data, "$.host: wanted \"foo.127.0.0.1:8080\", got \"127.0.0.1:8080\""));
    /* "fooexample.com" is not under example.com: kept as it is */
    CU_ASSERT_FALSE(
        s_host_ok("fooexample.com", "foo127.0.0.1:8080", "example.com", "127.0.0.1:8080", &text));
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "wanted \"fooexample.com\""));
    /* without a rebase the vector's host is wanted as written */
    CU_ASSERT_FALSE(s_host_ok("foo.example.com", "foo.127.0.0.1:8080", NULL, NULL, &text));
    CU_ASSERT_TRUE(s_host_ok("foo.example.com", "foo.example.com", NULL, NULL, &text));
    sdkc_buf_clean_up(&text);
}
