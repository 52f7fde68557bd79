/* SPDX-License-Identifier: Apache-2.0
 *
 * tests/test_mutate.c: the response mutator of fuzz-client
 * (vectors/mutate.h): deterministic from a seed, every class produced on
 * the bundled model's CreateUserProfile (a union, enums, numbers-free
 * output), caps respected, allocation failures clean.
 */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/json.h"
#include "spec/spec.h"
#include "test.h"
#include "vectors/mutate.h"

/* A valid CreateUserProfile response, as gen builds them (a union set,
 * enums, a list of strings is not in the output: numbers come in via the
 * "n" member the model does not know, which the walk keeps shapeless). */
static const char s_body[] = "{\"domainId\":\"dzd_abc123\",\"id\":\"up_123\",\"type\":\"IAM\","
                             "\"status\":\"ACTIVATED\",\"details\":{\"iam\":{\"arn\":\"arn:aws:"
                             "iam::123456789012:user/alice\"}},\"n\":5}";

static void s_setup(struct sdkc_spec **spec, const struct sdkc_operation **op,
                    struct sdkc_http_response *in)
{
    CU_ASSERT_FATAL(sdkc_spec_load_default(spec, NULL) == SDKC_OK);
    *op = sdkc_spec_find_operation(*spec, "CreateUserProfile");
    CU_ASSERT_FATAL(*op != NULL);
    sdkc_test_response(in, 201, "Content-Type: application/json", s_body, strlen(s_body));
}

static int s_same(const struct sdkc_http_response *a, const struct sdkc_http_response *b)
{
    size_t i;
    if (a->status != b->status || a->body_len != b->body_len ||
        a->headers.count != b->headers.count ||
        (a->body_len && memcmp(a->body, b->body, a->body_len) != 0))
        return 0;
    for (i = 0; i < a->headers.count; i++)
        if (strcmp(a->headers.items[i].name, b->headers.items[i].name) ||
            strcmp(a->headers.items[i].value, b->headers.items[i].value))
            return 0;
    return 1;
}

SDKC_TEST(mutate_deterministic)
{
    struct sdkc_spec *spec = NULL;
    const struct sdkc_operation *op = NULL;
    struct sdkc_http_response in, a, b;
    enum sdkc_mutate_class ca, cb;
    uint64_t seed;
    size_t differ = 0;

    s_setup(&spec, &op, &in);
    sdkc_http_response_init(&a);
    sdkc_http_response_init(&b);
    for (seed = 1; seed <= 300; seed++) {
        CU_ASSERT_FATAL(sdkc_mutate_response(spec, op, &in, seed, SDKC_MUTATE_CLASS_COUNT, &a, &ca,
                                             NULL) == SDKC_OK);
        CU_ASSERT_FATAL(sdkc_mutate_response(spec, op, &in, seed, SDKC_MUTATE_CLASS_COUNT, &b, &cb,
                                             NULL) == SDKC_OK);
        CU_ASSERT(ca == cb);
        CU_ASSERT(s_same(&a, &b));
        differ += s_same(&a, &in) ? 0 : 1;
    }
    /* Mutations change the response (a status drawn equal to 201 or a
     * byte flip undone by the next may not: allow a few). */
    CU_ASSERT(differ >= 280);
    sdkc_http_response_clean_up(&a);
    sdkc_http_response_clean_up(&b);
    sdkc_http_response_clean_up(&in);
    sdkc_spec_destroy(spec);
}

/* What each class must have done to the CreateUserProfile response. */
static int s_class_shows(enum sdkc_mutate_class c, const struct sdkc_http_response *r)
{
    char body[SDKC_MUTATE_MAX_BODY + 1];
    const char *ct = sdkc_http_headers_get(&r->headers, "Content-Type");
    cJSON *root = NULL, *det;
    int ok = 0, n = 0;
    memcpy(body, r->body ? r->body : "", r->body_len);
    body[r->body_len] = '\0';
    if (c <= SDKC_MUTATE_UNION_NULL) {
        if (sdkc_json_parse(body, r->body_len, NULL, &root, NULL) != SDKC_OK)
            return 0;
        det = sdkc_json_get(root, "details");
        n = det ? cJSON_GetArraySize(det) : -1;
        if (c == SDKC_MUTATE_UNION_ZERO)
            ok = det && (n == 0 || (n == 1 && sdkc_json_get(det, "__type")));
        else if (c == SDKC_MUTATE_UNION_TWO)
            ok = n == 2;
        else if (c == SDKC_MUTATE_UNION_UNKNOWN)
            ok = n == 1 && strncmp(det->child->string, "sdkcUnknown", 11) == 0;
        else
            ok = det && strstr(body, "null") != NULL;
        cJSON_Delete(root);
        return ok;
    }
    switch (c) {
    case SDKC_MUTATE_ENUM_UNKNOWN: return strstr(body, "\"sdkcUnknown") != NULL;
    case SDKC_MUTATE_ENUM_EMPTY: return strstr(body, "\"\"") != NULL;
    case SDKC_MUTATE_ENUM_TYPE:
        return !strstr(body, "\"type\":\"IAM\"") || !strstr(body, "\"status\":\"ACTIVATED\"");
    case SDKC_MUTATE_NUMBER_EDGE: return !strstr(body, "\"n\":5}");
    case SDKC_MUTATE_STRING_BAD:
        return strstr(body, "\\u") != NULL || strstr(body, "\xff") || strstr(body, "\xc3\"") ||
               strstr(body, "\xed") || strstr(body, "\xf4") || strstr(body, "\xc0");
    case SDKC_MUTATE_WRONG_TYPE:
    case SDKC_MUTATE_NULL_VALUE:
    case SDKC_MUTATE_DUPLICATE_KEY: return strcmp(body, s_body) != 0;
    case SDKC_MUTATE_DEEP_NESTING: return strstr(body, "[[[[[[[[[[[[[[[[") != NULL;
    case SDKC_MUTATE_ERROR_CODE:
        return r->status >= 400 && (sdkc_http_headers_get(&r->headers, "X-Amzn-Errortype") ||
                                    strstr(body, "\"code\"") || strstr(body, "\"__type\""));
    case SDKC_MUTATE_BODY_SHAPE: return strcmp(body, s_body) != 0 || r->body_len != strlen(s_body);
    case SDKC_MUTATE_CONTENT_TYPE: return !ct || strcmp(ct, "application/json") != 0;
    case SDKC_MUTATE_STATUS: return r->status != 201;
    default: return r->body_len != strlen(s_body) || memcmp(body, s_body, r->body_len) != 0;
    }
}

SDKC_TEST(mutate_every_class)
{
    struct sdkc_spec *spec = NULL;
    const struct sdkc_operation *op = NULL;
    struct sdkc_http_response in, out;
    enum sdkc_mutate_class applied;
    unsigned c;
    uint64_t seed;
    unsigned seen[SDKC_MUTATE_CLASS_COUNT];

    s_setup(&spec, &op, &in);
    sdkc_http_response_init(&out);
    memset(seen, 0, sizeof(seen));
    for (c = 0; c < SDKC_MUTATE_CLASS_COUNT; c++) {
        if (c == SDKC_MUTATE_HEADER_BAD)
            continue; /* CreateUserProfile binds no output header: tested below */
        for (seed = 1; seed <= 20; seed++) {
            CU_ASSERT_FATAL(sdkc_mutate_response(spec, op, &in, seed, (enum sdkc_mutate_class)c,
                                                 &out, &applied, NULL) == SDKC_OK);
            CU_ASSERT(out.body_len <= SDKC_MUTATE_MAX_BODY);
            if (applied != c) {
                fprintf(stderr, "class %s gave %s\n", sdkc_mutate_class_name(c),
                        sdkc_mutate_class_name(applied));
                CU_FAIL("the class asked for did not apply");
                continue;
            }
            if (s_class_shows(applied, &out))
                seen[c]++;
            else if (c != SDKC_MUTATE_BYTES && c != SDKC_MUTATE_STATUS)
                fprintf(stderr, "class %s seed %llu: %.*s\n", sdkc_mutate_class_name(c),
                        (unsigned long long)seed, (int)(out.body_len > 200 ? 200 : out.body_len),
                        out.body ? out.body : "");
        }
        /* Byte edits may cancel out and a status may be drawn twice; every
         * other class shows on every seed. */
        if (c == SDKC_MUTATE_BYTES || c == SDKC_MUTATE_STATUS) {
            CU_ASSERT(seen[c] >= 15);
        } else {
            CU_ASSERT(seen[c] == 20);
        }
        CU_ASSERT(strcmp(sdkc_mutate_class_name((enum sdkc_mutate_class)c), "?") != 0);
    }
    /* A class that cannot apply falls back to one that can, and says so. */
    CU_ASSERT(sdkc_mutate_response(spec, op, &in, 7, SDKC_MUTATE_HEADER_BAD, &out, &applied,
                                   NULL) == SDKC_OK);
    CU_ASSERT(applied != SDKC_MUTATE_HEADER_BAD);
    sdkc_http_response_clean_up(&out);
    sdkc_http_response_clean_up(&in);
    sdkc_spec_destroy(spec);
}

/* Header-bound members get malformed values: a model with one. */
SDKC_TEST(mutate_header_member)
{
    static const char model[] =
        "{\"version\":\"2.0\",\"metadata\":{\"protocol\":\"rest-json\",\"apiVersion\":\"1\","
        "\"endpointPrefix\":\"x\",\"serviceId\":\"X\",\"signatureVersion\":\"v4\"},"
        "\"operations\":{\"Get\":{\"name\":\"Get\",\"http\":{\"method\":\"GET\",\"requestUri\":"
        "\"/\"},\"output\":{\"shape\":\"Out\"}}},\"shapes\":{\"Out\":{\"type\":\"structure\","
        "\"members\":{\"Count\":{\"shape\":\"N\",\"location\":\"header\",\"locationName\":"
        "\"X-Count\"}}},\"N\":{\"type\":\"integer\"}}}";
    struct sdkc_spec *spec = NULL;
    struct sdkc_http_response in, out;
    enum sdkc_mutate_class applied;
    const struct sdkc_operation *op;
    const char *v;

    CU_ASSERT_FATAL(sdkc_spec_load_mem(model, strlen(model), "test", &spec, NULL) == SDKC_OK);
    op = sdkc_spec_find_operation(spec, "Get");
    sdkc_test_response(&in, 200, "X-Count: 3", "{}", 2);
    sdkc_http_response_init(&out);
    CU_ASSERT(sdkc_mutate_response(spec, op, &in, 3, SDKC_MUTATE_HEADER_BAD, &out, &applied,
                                   NULL) == SDKC_OK);
    CU_ASSERT(applied == SDKC_MUTATE_HEADER_BAD);
    v = sdkc_http_headers_get(&out.headers, "X-Count");
    CU_ASSERT(v && strcmp(v, "3") != 0);
    sdkc_http_response_clean_up(&out);
    sdkc_http_response_clean_up(&in);
    sdkc_spec_destroy(spec);
}

/* Caps: a body at the cap stays at the cap whatever is added to it. */
SDKC_TEST(mutate_caps)
{
    struct sdkc_spec *spec = NULL;
    const struct sdkc_operation *op = NULL;
    struct sdkc_http_response in, out;
    enum sdkc_mutate_class applied;
    uint64_t seed;
    char *big;
    size_t i;

    s_setup(&spec, &op, &in);
    /* {"id":"xxxx...x"} of exactly SDKC_MUTATE_MAX_BODY bytes */
    big = sdkc_malloc(SDKC_MUTATE_MAX_BODY + 1);
    CU_ASSERT_FATAL(big != NULL);
    memcpy(big, "{\"id\":\"", 7);
    for (i = 7; i < SDKC_MUTATE_MAX_BODY - 2; i++)
        big[i] = 'x';
    memcpy(big + SDKC_MUTATE_MAX_BODY - 2, "\"}", 2);
    big[SDKC_MUTATE_MAX_BODY] = '\0';
    sdkc_free(in.body);
    in.body = big;
    in.body_len = SDKC_MUTATE_MAX_BODY;
    sdkc_http_response_init(&out);
    for (seed = 1; seed <= 60; seed++) {
        CU_ASSERT_FATAL(
            sdkc_mutate_response(spec, op, &in, seed,
                                 (enum sdkc_mutate_class)(seed % SDKC_MUTATE_CLASS_COUNT), &out,
                                 &applied, NULL) == SDKC_OK);
        CU_ASSERT(out.body_len <= SDKC_MUTATE_MAX_BODY);
    }
    /* Deep nesting and huge digit strings stay within their caps. */
    sdkc_http_response_clean_up(&in);
    sdkc_spec_destroy(spec);
    s_setup(&spec, &op, &in);
    sdkc_http_response_clean_up(&out);
    sdkc_http_response_init(&out);
    for (seed = 1; seed <= 40; seed++) {
        size_t depth = 0;
        CU_ASSERT_FATAL(sdkc_mutate_response(spec, op, &in, seed, SDKC_MUTATE_DEEP_NESTING, &out,
                                             &applied, NULL) == SDKC_OK);
        for (i = 0; i < out.body_len; i++)
            depth += out.body[i] == '[';
        CU_ASSERT(depth <= SDKC_MUTATE_MAX_NESTING);
    }
    sdkc_http_response_clean_up(&out);
    sdkc_http_response_clean_up(&in);
    sdkc_spec_destroy(spec);
}

struct s_fault_ctx {
    const struct sdkc_spec *spec;
    const struct sdkc_operation *op;
    const struct sdkc_http_response *in;
};

static int s_fault_one(void *p)
{
    struct s_fault_ctx *c = p;
    struct sdkc_http_response out;
    sdkc_result result = SDKC_OK;
    unsigned k;
    sdkc_http_response_init(&out);
    for (k = 0; !result && k < SDKC_MUTATE_CLASS_COUNT; k++)
        result = sdkc_mutate_response(c->spec, c->op, c->in, 11 + k, (enum sdkc_mutate_class)k,
                                      &out, NULL, NULL);
    sdkc_http_response_clean_up(&out);
    return result;
}

SDKC_TEST(mutate_fault_injection)
{
    struct sdkc_spec *spec = NULL;
    const struct sdkc_operation *op = NULL;
    struct sdkc_http_response in;
    struct s_fault_ctx c;
    s_setup(&spec, &op, &in);
    c.spec = spec;
    c.op = op;
    c.in = &in;
    CU_ASSERT(sdkc_test_fault_walk("mutate", s_fault_one, &c, NULL) > 10);
    sdkc_http_response_clean_up(&in);
    sdkc_spec_destroy(spec);
}
