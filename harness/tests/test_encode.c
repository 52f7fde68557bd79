/* SPDX-License-Identifier: Apache-2.0
 * Tests of codec/encode and codec/uuid: params -> rest-json request, for
 * the bundled DataZone CreateUserProfile spec and for a small inline spec
 * that exercises the bindings CreateUserProfile lacks. Case names follow
 * the Smithy aws-restjson1 / botocore protocol-test ids they mirror
 * (docs/restjson-conformance-notes.md §1.4-1.6, §3.4-3.5). */
#include <stdint.h>
#include <string.h>

#include "codec/codec.h"
#include "core/alloc.h"
#include "core/json.h"
#include "spec/spec.h"
#include "tests/test.h"

#define SEQ0 "00000000-0000-4000-8000-000000000000"

/* ---- helpers ---------------------------------------------------------------- */

struct enc {
    struct sdkc_spec *spec;
    struct sdkc_http_request req;
    struct sdkc_error err;
    uint64_t counter;
    sdkc_result result;
};

static const char s_inline_spec[] =
    "{\"version\":\"2.0\",\"metadata\":{\"protocol\":\"rest-json\",\"apiVersion\":\"2020-01-01\","
    "\"endpointPrefix\":\"t\",\"signingName\":\"t\",\"serviceId\":\"T\",\"jsonVersion\":\"1.1\"},"
    "\"operations\":{"
    "\"HttpRequestWithGreedyLabelInPath\":{\"name\":\"HttpRequestWithGreedyLabelInPath\","
    " \"http\":{\"method\":\"GET\",\"requestUri\":\"/HttpRequestWithGreedyLabelInPath/foo/{foo}/"
    "baz/{baz+}\"},"
    " \"input\":{\"shape\":\"GreedyInput\"}},"
    "\"AllQueryStringTypes\":{\"name\":\"AllQueryStringTypes\","
    " \"http\":{\"method\":\"GET\",\"requestUri\":\"/AllQueryStringTypesInput?x-id=Lit\"},"
    " \"input\":{\"shape\":\"QueryInput\"}},"
    "\"InputAndOutputWithHeaders\":{\"name\":\"InputAndOutputWithHeaders\","
    " \"http\":{\"method\":\"POST\",\"requestUri\":\"/InputAndOutputWithHeaders\"},"
    " \"input\":{\"shape\":\"HeadersInput\"}},"
    "\"JsonStructs\":{\"name\":\"JsonStructs\","
    " \"http\":{\"method\":\"PUT\",\"requestUri\":\"/nested/{id}\"},"
    " \"input\":{\"shape\":\"NestedInput\"}},"
    "\"EmptyInputAndEmptyOutput\":{\"name\":\"EmptyInputAndEmptyOutput\","
    " \"http\":{\"method\":\"POST\",\"requestUri\":\"/EmptyInputAndEmptyOutput\"},"
    " \"input\":{\"shape\":\"EmptyInput\"}},"
    "\"NoInputAndNoOutput\":{\"name\":\"NoInputAndNoOutput\","
    " \"http\":{\"method\":\"POST\",\"requestUri\":\"/NoInputAndNoOutput\"}},"
    "\"QueryIdempotencyTokenAutoFill\":{\"name\":\"QueryIdempotencyTokenAutoFill\","
    " \"http\":{\"method\":\"POST\",\"requestUri\":\"/QueryIdempotencyTokenAutoFill\"},"
    " \"input\":{\"shape\":\"TokenInput\"}},"
    "\"HttpRequestWithLabels\":{\"name\":\"HttpRequestWithLabels\","
    " \"http\":{\"method\":\"GET\",\"requestUri\":"
    "   "
    "\"/HttpRequestWithLabels/{string}/{integer}/{long}/{float}/{double}/{boolean}/{timestamp}\"},"
    " \"input\":{\"shape\":\"LabelsInput\"}},"
    "\"HttpRequestWithLabelsAndTimestampFormat\":{\"name\":"
    "\"HttpRequestWithLabelsAndTimestampFormat\","
    " \"http\":{\"method\":\"GET\",\"requestUri\":"
    "   "
    "\"/HttpRequestWithLabelsAndTimestampFormat/{defaultFormat}/{epoch}/{httpDate}/{dateTime}\"},"
    " \"input\":{\"shape\":\"TsLabelsInput\"}},"
    "\"HttpWithEmptyBody\":{\"name\":\"HttpWithEmptyBody\","
    " \"http\":{\"method\":\"POST\",\"requestUri\":\"/body\"},"
    " \"input\":{\"shape\":\"BodyAndHeaderInput\"}}"
    "},"
    "\"shapes\":{"
    "\"S\":{\"type\":\"string\"},"
    "\"I\":{\"type\":\"integer\"},"
    "\"L\":{\"type\":\"long\"},"
    "\"B\":{\"type\":\"boolean\"},"
    "\"D\":{\"type\":\"double\"},"
    "\"F\":{\"type\":\"float\"},"
    "\"Blob\":{\"type\":\"blob\"},"
    "\"T\":{\"type\":\"timestamp\"},"
    "\"TIso\":{\"type\":\"timestamp\",\"timestampFormat\":\"iso8601\"},"
    "\"SList\":{\"type\":\"list\",\"member\":{\"shape\":\"S\"}},"
    "\"BList\":{\"type\":\"list\",\"member\":{\"shape\":\"B\"}},"
    "\"IList\":{\"type\":\"list\",\"member\":{\"shape\":\"I\"}},"
    "\"TList\":{\"type\":\"list\",\"member\":{\"shape\":\"T\"}},"
    "\"SMap\":{\"type\":\"map\",\"key\":{\"shape\":\"S\"},\"value\":{\"shape\":\"S\"}},"
    "\"IMap\":{\"type\":\"map\",\"key\":{\"shape\":\"S\"},\"value\":{\"shape\":\"I\"}},"
    "\"GreedyInput\":{\"type\":\"structure\",\"required\":[\"foo\",\"baz\"],\"members\":{"
    " \"foo\":{\"shape\":\"S\",\"location\":\"uri\",\"locationName\":\"foo\"},"
    " \"baz\":{\"shape\":\"S\",\"location\":\"uri\",\"locationName\":\"baz\"}}},"
    "\"QueryInput\":{\"type\":\"structure\",\"members\":{"
    " \"queryString\":{\"shape\":\"S\",\"location\":\"querystring\",\"locationName\":\"String\"},"
    " \"queryStringList\":{\"shape\":\"SList\",\"location\":\"querystring\",\"locationName\":"
    "\"StringList\"},"
    " \"queryInteger\":{\"shape\":\"I\",\"location\":\"querystring\",\"locationName\":\"Integer\"},"
    " \"queryLong\":{\"shape\":\"L\",\"location\":\"querystring\",\"locationName\":\"Long\"},"
    " \"queryDouble\":{\"shape\":\"D\",\"location\":\"querystring\",\"locationName\":\"Double\"},"
    " \"queryBoolean\":{\"shape\":\"B\",\"location\":\"querystring\",\"locationName\":\"Boolean\"},"
    " \"queryTimestamp\":{\"shape\":\"T\",\"location\":\"querystring\",\"locationName\":"
    "\"Timestamp\"},"
    " \"queryEpoch\":{\"shape\":\"T\",\"location\":\"querystring\",\"locationName\":\"Epoch\","
    "   \"timestampFormat\":\"unixTimestamp\"},"
    " \"queryParamsMap\":{\"shape\":\"SMap\",\"location\":\"querystring\"}}},"
    "\"HeadersInput\":{\"type\":\"structure\",\"members\":{"
    " \"headerString\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"X-String\"},"
    " \"headerInteger\":{\"shape\":\"I\",\"location\":\"header\",\"locationName\":\"X-Integer\"},"
    " \"headerLong\":{\"shape\":\"L\",\"location\":\"header\",\"locationName\":\"X-Long\"},"
    " \"headerFloat\":{\"shape\":\"F\",\"location\":\"header\",\"locationName\":\"X-Float\"},"
    " \"headerTrueBool\":{\"shape\":\"B\",\"location\":\"header\",\"locationName\":\"X-Boolean1\"},"
    " \"headerStringList\":{\"shape\":\"SList\",\"location\":\"header\",\"locationName\":\"X-"
    "StringList\"},"
    " \"headerIntegerList\":{\"shape\":\"IList\",\"location\":\"header\",\"locationName\":\"X-"
    "IntegerList\"},"
    " \"headerTimestamp\":{\"shape\":\"T\",\"location\":\"header\",\"locationName\":\"X-"
    "Timestamp\"},"
    " \"headerTimestampList\":{\"shape\":\"TList\",\"location\":\"header\",\"locationName\":\"X-"
    "TimestampList\"},"
    " \"headerJson\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"X-Json\","
    "\"jsonvalue\":true},"
    " \"prefixHeaders\":{\"shape\":\"SMap\",\"location\":\"headers\",\"locationName\":\"X-Foo-\"}}}"
    ","
    "\"Inner\":{\"type\":\"structure\",\"required\":[\"name\"],\"members\":{"
    " \"name\":{\"shape\":\"S\"},\"count\":{\"shape\":\"I\"},"
    " \"renamed\":{\"shape\":\"S\",\"locationName\":\"RenamedOnTheWire\"},"
    " \"child\":{\"shape\":\"Inner\"}}},"
    "\"InnerList\":{\"type\":\"list\",\"member\":{\"shape\":\"Inner\"}},"
    "\"Choice\":{\"type\":\"structure\",\"union\":true,\"members\":{"
    " \"stringValue\":{\"shape\":\"S\"},\"intValue\":{\"shape\":\"I\"}}},"
    "\"NestedInput\":{\"type\":\"structure\",\"required\":[\"id\"],\"members\":{"
    " \"id\":{\"shape\":\"S\",\"location\":\"uri\",\"locationName\":\"id\"},"
    " \"trace\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"X-Trace\"},"
    " \"inner\":{\"shape\":\"Inner\"},"
    " \"items\":{\"shape\":\"InnerList\"},"
    " \"counts\":{\"shape\":\"IMap\"},"
    " \"choice\":{\"shape\":\"Choice\"},"
    " \"data\":{\"shape\":\"Blob\"},"
    " \"when\":{\"shape\":\"T\"},"
    " \"whenIso\":{\"shape\":\"TIso\"},"
    " \"whenHttp\":{\"shape\":\"T\",\"timestampFormat\":\"rfc822\"},"
    " \"ratio\":{\"shape\":\"D\"},"
    " \"big\":{\"shape\":\"L\"},"
    " \"flag\":{\"shape\":\"B\"}}},"
    "\"LabelsInput\":{\"type\":\"structure\",\"required\":[\"string\",\"integer\",\"long\","
    "  \"float\",\"double\",\"boolean\",\"timestamp\"],\"members\":{"
    " \"string\":{\"shape\":\"S\",\"location\":\"uri\",\"locationName\":\"string\"},"
    " \"integer\":{\"shape\":\"I\",\"location\":\"uri\",\"locationName\":\"integer\"},"
    " \"long\":{\"shape\":\"L\",\"location\":\"uri\",\"locationName\":\"long\"},"
    " \"float\":{\"shape\":\"F\",\"location\":\"uri\",\"locationName\":\"float\"},"
    " \"double\":{\"shape\":\"D\",\"location\":\"uri\",\"locationName\":\"double\"},"
    " \"boolean\":{\"shape\":\"B\",\"location\":\"uri\",\"locationName\":\"boolean\"},"
    " \"timestamp\":{\"shape\":\"T\",\"location\":\"uri\",\"locationName\":\"timestamp\"}}},"
    "\"TsLabelsInput\":{\"type\":\"structure\",\"required\":[\"defaultFormat\",\"epoch\","
    "  \"httpDate\",\"dateTime\"],\"members\":{"
    " \"defaultFormat\":{\"shape\":\"T\",\"location\":\"uri\",\"locationName\":\"defaultFormat\"},"
    " \"epoch\":{\"shape\":\"T\",\"location\":\"uri\",\"locationName\":\"epoch\","
    "   \"timestampFormat\":\"unixTimestamp\"},"
    " \"httpDate\":{\"shape\":\"T\",\"location\":\"uri\",\"locationName\":\"httpDate\","
    "   \"timestampFormat\":\"rfc822\"},"
    " \"dateTime\":{\"shape\":\"T\",\"location\":\"uri\",\"locationName\":\"dateTime\","
    "   \"timestampFormat\":\"iso8601\"}}},"
    "\"EmptyInput\":{\"type\":\"structure\",\"members\":{}},"
    "\"TokenInput\":{\"type\":\"structure\",\"members\":{"
    " \"token\":{\"shape\":\"S\",\"location\":\"querystring\",\"locationName\":\"token\","
    "   \"idempotencyToken\":true}}},"
    "\"BodyAndHeaderInput\":{\"type\":\"structure\",\"members\":{"
    " \"header\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"X-Header\"},"
    " \"stringValue\":{\"shape\":\"S\"}}}"
    "}}";

static void s_load_inline(struct enc *t)
{
    memset(t, 0, sizeof(*t));
    sdkc_http_request_init(&t->req);
    sdkc_error_init(&t->err);
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_mem(s_inline_spec, sizeof(s_inline_spec) - 1,
                                             "(inline test spec)", &t->spec, &t->err),
                          SDKC_OK);
}

static void s_load_default(struct enc *t)
{
    memset(t, 0, sizeof(*t));
    sdkc_http_request_init(&t->req);
    sdkc_error_init(&t->err);
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_default(&t->spec, &t->err), SDKC_OK);
}

static void s_done(struct enc *t)
{
    sdkc_http_request_clean_up(&t->req);
    sdkc_spec_destroy(t->spec);
}

/* Encode params (JSON text) for op with the deterministic token sequence,
 * which restarts at 0 for each call. Returns the encoder's result. */
static sdkc_result s_enc(struct enc *t, const char *op_name, const char *params_json)
{
    const struct sdkc_operation *op = sdkc_spec_find_operation(t->spec, op_name);
    struct sdkc_codec_options opts;
    cJSON *params = NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(op);
    if (params_json)
        CU_ASSERT_EQUAL_FATAL(
            sdkc_json_parse(params_json, strlen(params_json), NULL, &params, &t->err), SDKC_OK);
    memset(&opts, 0, sizeof(opts));
    t->counter = 0;
    opts.uuid = sdkc_uuid_sequence;
    opts.uuid_ctx = &t->counter;
    sdkc_http_request_clean_up(&t->req);
    sdkc_error_init(&t->err);
    t->result = sdkc_codec_encode(t->spec, op, params, &opts, &t->req, &t->err);
    cJSON_Delete(params);
    return t->result;
}

static cJSON *s_json(const char *text)
{
    cJSON *v = NULL;
    if (sdkc_json_parse(text, strlen(text), NULL, &v, NULL))
        return NULL;
    return v;
}

/* The body must be exactly this JSON (compared as JSON: key order free). */
static int s_body_is(const struct enc *t, const char *want_json)
{
    cJSON *want = NULL, *got = NULL;
    int eq;
    if (!t->req.body)
        return 0;
    if (sdkc_json_parse(want_json, strlen(want_json), NULL, &want, NULL) ||
        sdkc_json_parse(t->req.body, t->req.body_len, NULL, &got, NULL)) {
        cJSON_Delete(want);
        return 0;
    }
    eq = sdkc_json_equal(want, got);
    cJSON_Delete(want);
    cJSON_Delete(got);
    return eq;
}

static const char *s_hdr(const struct enc *t, const char *name)
{
    return sdkc_http_headers_get(&t->req.headers, name);
}

#define ASSERT_VALIDATION(t, want_msg)                                                             \
    do {                                                                                           \
        CU_ASSERT_EQUAL((t)->result, SDKC_ERR_VALIDATION);                                         \
        CU_ASSERT_STRING_EQUAL((t)->err.msg, want_msg);                                            \
        CU_ASSERT_PTR_NULL((t)->req.method);                                                       \
        CU_ASSERT_PTR_NULL((t)->req.body);                                                         \
        CU_ASSERT_EQUAL((t)->req.headers.count, 0);                                                \
    } while (0)

/* ---- uuid ------------------------------------------------------------------- */

SDKC_TEST(uuid_sequence_is_the_conformance_convention)
{
    uint64_t n = 0;
    char u[37];
    CU_ASSERT_EQUAL(sdkc_uuid_sequence(&n, u), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(u, SEQ0);
    CU_ASSERT_EQUAL(sdkc_uuid_sequence(&n, u), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(u, "00000000-0000-4000-8000-000000000001");
    CU_ASSERT_EQUAL(n, 2);
    n = 0xabcdef;
    CU_ASSERT_EQUAL(sdkc_uuid_sequence(&n, u), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(u, "00000000-0000-4000-8000-000000abcdef");
    CU_ASSERT_TRUE(sdkc_uuid_is_v4(u));
    n = UINT64_MAX;
    CU_ASSERT_EQUAL(sdkc_uuid_sequence(&n, u), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(u, "0000ffff-0000-4000-8000-ffffffffffff");
    CU_ASSERT_TRUE(sdkc_uuid_is_v4(u));
    CU_ASSERT_EQUAL(sdkc_uuid_sequence(NULL, u), SDKC_ERR_INVALID_ARG);
}

SDKC_TEST(uuid_random_is_v4_and_fresh)
{
    char a[37], b[37];
    int i;
    for (i = 0; i < 64; i++) {
        CU_ASSERT_EQUAL_FATAL(sdkc_uuid_random(NULL, a), SDKC_OK);
        CU_ASSERT_EQUAL_FATAL(sdkc_uuid_random(NULL, b), SDKC_OK);
        CU_ASSERT_TRUE(sdkc_uuid_is_v4(a));
        CU_ASSERT_TRUE(sdkc_uuid_is_v4(b));
        CU_ASSERT_STRING_NOT_EQUAL(a, b);
        CU_ASSERT_EQUAL(strlen(a), 36);
    }
}

SDKC_TEST(uuid_is_v4_rejects)
{
    CU_ASSERT_TRUE(sdkc_uuid_is_v4("123e4567-e89b-42d3-a456-426614174000"));
    CU_ASSERT_TRUE(sdkc_uuid_is_v4("123e4567-e89b-42d3-b456-426614174000"));
    CU_ASSERT_FALSE(sdkc_uuid_is_v4(NULL));
    CU_ASSERT_FALSE(sdkc_uuid_is_v4(""));
    /* version 1 */
    CU_ASSERT_FALSE(sdkc_uuid_is_v4("123e4567-e89b-12d3-a456-426614174000"));
    /* variant 110x (Microsoft) */
    CU_ASSERT_FALSE(sdkc_uuid_is_v4("123e4567-e89b-42d3-c456-426614174000"));
    /* uppercase */
    CU_ASSERT_FALSE(sdkc_uuid_is_v4("123E4567-E89B-42D3-A456-426614174000"));
    /* too short, too long, hyphen misplaced, braces */
    CU_ASSERT_FALSE(sdkc_uuid_is_v4("123e4567-e89b-42d3-a456-42661417400"));
    CU_ASSERT_FALSE(sdkc_uuid_is_v4("123e4567-e89b-42d3-a456-4266141740000"));
    CU_ASSERT_FALSE(sdkc_uuid_is_v4("123e4567e-89b-42d3-a456-426614174000"));
    CU_ASSERT_FALSE(sdkc_uuid_is_v4("{23e4567-e89b-42d3-a456-426614174000"));
}

/* ---- CreateUserProfile (bundled spec) ------------------------------------------ */

SDKC_TEST(CreateUserProfile_required_only)
{
    struct enc t;
    s_load_default(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "CreateUserProfile",
                                "{\"domainIdentifier\":\"dzd_abc123\",\"userIdentifier\":\"u1\"}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.method, "POST");
    CU_ASSERT_STRING_EQUAL(t.req.path, "/v2/domains/dzd_abc123/user-profiles");
    CU_ASSERT_PTR_NULL(t.req.query);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "content-type"), "application/json");
    CU_ASSERT_PTR_NULL(s_hdr(&t, "Host"));
    /* the URI member is not repeated in the body; the token is filled in */
    CU_ASSERT_TRUE(s_body_is(&t, "{\"userIdentifier\":\"u1\",\"clientToken\":\"" SEQ0 "\"}"));
    CU_ASSERT_EQUAL(t.req.body_len, strlen(t.req.body));
    s_done(&t);
}

SDKC_TEST(CreateUserProfile_each_userType)
{
    static const char *const types[] = {"IAM_USER", "IAM_ROLE", "SSO_USER"};
    struct enc t;
    size_t i;
    char params[256], body[256];
    s_load_default(&t);
    for (i = 0; i < 3; i++) {
        snprintf(params, sizeof(params),
                 "{\"domainIdentifier\":\"d\",\"userIdentifier\":\"arn:aws:iam::1:role/r\","
                 "\"userType\":\"%s\"}",
                 types[i]);
        snprintf(body, sizeof(body),
                 "{\"userIdentifier\":\"arn:aws:iam::1:role/r\",\"userType\":\"%s\","
                 "\"clientToken\":\"" SEQ0 "\"}",
                 types[i]);
        CU_ASSERT_EQUAL_FATAL(s_enc(&t, "CreateUserProfile", params), SDKC_OK);
        CU_ASSERT_TRUE(s_body_is(&t, body));
    }
    s_done(&t);
}

/* RestJsonJsonEnums spirit: enums are open, an unlisted value is sent. */
SDKC_TEST(CreateUserProfile_unknown_enum_forwarded)
{
    struct enc t;
    s_load_default(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "CreateUserProfile",
                                "{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\","
                                "\"userType\":\"FEDERATED_USER_FROM_THE_FUTURE\"}"),
                          SDKC_OK);
    CU_ASSERT_TRUE(s_body_is(&t,
                             "{\"userIdentifier\":\"u\",\"userType\":"
                             "\"FEDERATED_USER_FROM_THE_FUTURE\",\"clientToken\":\"" SEQ0 "\"}"));
    s_done(&t);
}

/* botocore legacy rest-json #19 case 1 (token in the JSON body), with the
 * default random generator: a fresh v4 per call. */
SDKC_TEST(CreateUserProfile_token_absent_random_v4)
{
    struct enc t;
    const struct sdkc_operation *op;
    cJSON *params = NULL, *b1 = NULL, *b2 = NULL;
    struct sdkc_http_request r2;
    const cJSON *t1, *t2;
    s_load_default(&t);
    op = sdkc_spec_find_operation(t.spec, "CreateUserProfile");
    params = s_json("{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\"}");
    CU_ASSERT_PTR_NOT_NULL_FATAL(params);
    sdkc_http_request_init(&r2);
    /* opts NULL: every default, sdkc_uuid_random included */
    CU_ASSERT_EQUAL_FATAL(sdkc_codec_encode(t.spec, op, params, NULL, &t.req, &t.err), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_codec_encode(t.spec, op, params, NULL, &r2, &t.err), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(t.req.body, t.req.body_len, NULL, &b1, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(r2.body, r2.body_len, NULL, &b2, NULL), SDKC_OK);
    t1 = sdkc_json_get(b1, "clientToken");
    t2 = sdkc_json_get(b2, "clientToken");
    CU_ASSERT_TRUE(cJSON_IsString(t1) && sdkc_uuid_is_v4(t1->valuestring));
    CU_ASSERT_TRUE(cJSON_IsString(t2) && sdkc_uuid_is_v4(t2->valuestring));
    if (cJSON_IsString(t1) && cJSON_IsString(t2))
        CU_ASSERT_STRING_NOT_EQUAL(t1->valuestring, t2->valuestring);
    /* the caller's params are not modified */
    CU_ASSERT_PTR_NULL(sdkc_json_get(params, "clientToken"));
    cJSON_Delete(params);
    cJSON_Delete(b1);
    cJSON_Delete(b2);
    sdkc_http_request_clean_up(&r2);
    s_done(&t);
}

/* botocore legacy rest-json #19 case 0, RestJsonQueryIdempotencyTokenAutoFillIsSet
 * for the body: a given token is kept verbatim, "" included (botocore
 * handlers.generate_idempotent_uuid only fills absent keys). A null token
 * counts as absent and is filled. */
SDKC_TEST(CreateUserProfile_token_given_verbatim)
{
    struct enc t;
    s_load_default(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "CreateUserProfile",
                                "{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\","
                                "\"clientToken\":\"abc123 NOT a uuid\"}"),
                          SDKC_OK);
    CU_ASSERT_TRUE(
        s_body_is(&t, "{\"userIdentifier\":\"u\",\"clientToken\":\"abc123 NOT a uuid\"}"));
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "CreateUserProfile",
                                "{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\","
                                "\"clientToken\":\"\"}"),
                          SDKC_OK);
    CU_ASSERT_TRUE(s_body_is(&t, "{\"userIdentifier\":\"u\",\"clientToken\":\"\"}"));
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "CreateUserProfile",
                                "{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\","
                                "\"clientToken\":null}"),
                          SDKC_OK);
    CU_ASSERT_TRUE(s_body_is(&t, "{\"userIdentifier\":\"u\",\"clientToken\":\"" SEQ0 "\"}"));
    /* a token of the wrong type is a validation error, not replaced */
    s_enc(&t, "CreateUserProfile",
          "{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\",\"clientToken\":7}");
    ASSERT_VALIDATION(&t, "clientToken: expected a string, got number");
    s_done(&t);
}

static void s_check_label(struct enc *t, const char *label_json, const char *want_path)
{
    char params[256];
    snprintf(params, sizeof(params), "{\"domainIdentifier\":%s,\"userIdentifier\":\"u\"}",
             label_json);
    CU_ASSERT_EQUAL_FATAL(s_enc(t, "CreateUserProfile", params), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t->req.path, want_path);
    CU_ASSERT_PTR_NULL(t->req.query);
}

/* RestJsonHttpRequestLabelEscaping and botocore serialize.py percent_encode
 * (notes §3.5): every byte but A-Za-z0-9-._~ as %XX, uppercase, UTF-8. */
SDKC_TEST(RestJsonHttpRequestLabelEscaping)
{
    struct enc t;
    s_load_default(&t);
    s_check_label(&t, "\" %:/?#[]@!$&'()*+,;=\xF0\x9F\x98\xB9\"",
                  "/v2/domains/%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%"
                  "98%B9/user-profiles");
    s_check_label(&t, "\"a/b\"", "/v2/domains/a%2Fb/user-profiles");
    s_check_label(&t, "\"a b\"", "/v2/domains/a%20b/user-profiles");
    s_check_label(&t, "\"100%\"", "/v2/domains/100%25/user-profiles");
    s_check_label(&t, "\"a+b\"", "/v2/domains/a%2Bb/user-profiles");
    s_check_label(&t, "\"#frag\"", "/v2/domains/%23frag/user-profiles");
    s_check_label(&t, "\"q?x=1\"", "/v2/domains/q%3Fx%3D1/user-profiles");
    s_check_label(&t, "\"\\u00e4\"", "/v2/domains/%C3%A4/user-profiles");
    s_check_label(&t, "\"AZaz09-._~\"", "/v2/domains/AZaz09-._~/user-profiles");
    /* dot segments are data here, sent as botocore sends them */
    s_check_label(&t, "\"..\"", "/v2/domains/../user-profiles");
    s_done(&t);
}

SDKC_TEST(CreateUserProfile_empty_label_is_validation)
{
    struct enc t;
    s_load_default(&t);
    s_enc(&t, "CreateUserProfile", "{\"domainIdentifier\":\"\",\"userIdentifier\":\"u\"}");
    ASSERT_VALIDATION(&t, "domainIdentifier: label must not be empty");
    s_done(&t);
}

SDKC_TEST(CreateUserProfile_missing_required_is_validation)
{
    struct enc t;
    s_load_default(&t);
    s_enc(&t, "CreateUserProfile", "{\"userIdentifier\":\"u\"}");
    ASSERT_VALIDATION(&t, "missing required member domainIdentifier");
    s_enc(&t, "CreateUserProfile", "{\"domainIdentifier\":null,\"userIdentifier\":\"u\"}");
    ASSERT_VALIDATION(&t, "missing required member domainIdentifier");
    s_enc(&t, "CreateUserProfile", "{\"domainIdentifier\":\"d\"}");
    ASSERT_VALIDATION(&t, "missing required member userIdentifier");
    s_enc(&t, "CreateUserProfile", "{}");
    CU_ASSERT_EQUAL(t.result, SDKC_ERR_VALIDATION);
    s_enc(&t, "CreateUserProfile", NULL);
    CU_ASSERT_EQUAL(t.result, SDKC_ERR_VALIDATION);
    s_done(&t);
}

SDKC_TEST(CreateUserProfile_wrong_types_and_unknown_members)
{
    struct enc t;
    s_load_default(&t);
    s_enc(&t, "CreateUserProfile",
          "{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\",\"userType\":5}");
    ASSERT_VALIDATION(&t, "userType: expected a string, got number");
    s_enc(&t, "CreateUserProfile", "{\"domainIdentifier\":[\"d\"],\"userIdentifier\":\"u\"}");
    ASSERT_VALIDATION(&t, "domainIdentifier: expected a string, got array");
    s_enc(&t, "CreateUserProfile", "{\"domainIdentifier\":\"d\",\"userIdentifier\":true}");
    ASSERT_VALIDATION(&t, "userIdentifier: expected a string, got boolean");
    s_enc(&t, "CreateUserProfile",
          "{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\",\"usertype\":\"IAM_ROLE\"}");
    ASSERT_VALIDATION(&t, "unknown member usertype");
    s_enc(&t, "CreateUserProfile", "[1]");
    ASSERT_VALIDATION(&t, "params: expected an object, got array");
    s_done(&t);
}

/* RestJsonDoesntSerializeNullStructureValues: null is absent, never "null". */
SDKC_TEST(RestJsonDoesntSerializeNullStructureValues)
{
    struct enc t;
    s_load_default(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "CreateUserProfile",
                                "{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\","
                                "\"userType\":null,\"clientToken\":\"t\"}"),
                          SDKC_OK);
    CU_ASSERT_TRUE(s_body_is(&t, "{\"userIdentifier\":\"u\",\"clientToken\":\"t\"}"));
    CU_ASSERT_PTR_NULL(strstr(t.req.body, "null"));
    CU_ASSERT_PTR_NULL(strstr(t.req.body, "userType"));
    s_done(&t);
}

SDKC_TEST(CreateUserProfile_host_option_and_json_view)
{
    struct enc t;
    const struct sdkc_operation *op;
    struct sdkc_codec_options opts;
    cJSON *params = NULL, *view = NULL, *want = NULL;
    uint64_t n = 0;
    const char *want_json =
        "{\"method\":\"POST\",\"host\":\"datazone.us-east-1.amazonaws.com\","
        "\"path\":\"/v2/domains/d%2F1/user-profiles\",\"query\":null,\"rawQuery\":null,"
        "\"headers\":{\"Host\":\"datazone.us-east-1.amazonaws.com\","
        "\"Content-Type\":\"application/json\",\"Content-Length\":\"75\"},"
        "\"body\":{\"userIdentifier\":\"u\",\"clientToken\":\"" SEQ0 "\"}}";
    s_load_default(&t);
    op = sdkc_spec_find_operation(t.spec, "CreateUserProfile");
    params = s_json("{\"domainIdentifier\":\"d/1\",\"userIdentifier\":\"u\"}");
    CU_ASSERT_PTR_NOT_NULL_FATAL(params);
    memset(&opts, 0, sizeof(opts));
    opts.uuid = sdkc_uuid_sequence;
    opts.uuid_ctx = &n;
    opts.host = "datazone.us-east-1.amazonaws.com";
    CU_ASSERT_EQUAL_FATAL(sdkc_codec_encode(t.spec, op, params, &opts, &t.req, &t.err), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.headers.items[0].name, "Host");
    CU_ASSERT_EQUAL_FATAL(sdkc_codec_request_to_json(&t.req, &view, &t.err), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(want_json, strlen(want_json), NULL, &want, NULL),
                          SDKC_OK);
    CU_ASSERT_TRUE(sdkc_json_equal(want, view));
    cJSON_Delete(params);
    cJSON_Delete(view);
    cJSON_Delete(want);
    s_done(&t);
}

/* ---- inline spec: the bindings CreateUserProfile does not have -------------- */

SDKC_TEST(RestJsonHttpRequestWithGreedyLabelInPath)
{
    struct enc t;
    s_load_inline(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpRequestWithGreedyLabelInPath",
                                "{\"foo\":\"hello/escape\",\"baz\":\"there/guy\"}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.method, "GET");
    CU_ASSERT_STRING_EQUAL(t.req.path,
                           "/HttpRequestWithGreedyLabelInPath/foo/hello%2Fescape/baz/there/guy");
    /* no body members: no body and no Content-Type */
    CU_ASSERT_PTR_NULL(t.req.body);
    CU_ASSERT_PTR_NULL(s_hdr(&t, "Content-Type"));
    /* the greedy label still escapes everything else */
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "HttpRequestWithGreedyLabelInPath", "{\"foo\":\"f\",\"baz\":\"a b/c%d/\"}"),
        SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.path, "/HttpRequestWithGreedyLabelInPath/foo/f/baz/a%20b/c%25d/");
    s_enc(&t, "HttpRequestWithGreedyLabelInPath", "{\"foo\":\"f\",\"baz\":\"\"}");
    ASSERT_VALIDATION(&t, "baz: label must not be empty");
    s_done(&t);
}

/* RestJsonInputWithHeadersAndAllParams (labels part) and
 * RestJsonSupportsNaNFloatLabels / ...InfinityFloatLabels. */
SDKC_TEST(RestJsonInputWithHeadersAndAllParams_labels)
{
    struct enc t;
    s_load_inline(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpRequestWithLabels",
                                "{\"string\":\"string\",\"integer\":2,\"long\":3,\"float\":4.1,"
                                "\"double\":5.1,\"boolean\":true,\"timestamp\":1576540098}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(
        t.req.path, "/HttpRequestWithLabels/string/2/3/4.1/5.1/true/2019-12-16T23%3A48%3A18Z");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpRequestWithLabels",
                                "{\"string\":\"s\",\"integer\":-1,\"long\":0,\"float\":\"NaN\","
                                "\"double\":\"-Infinity\",\"boolean\":false,"
                                "\"timestamp\":\"2019-12-16T23:48:18.25Z\"}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.path, "/HttpRequestWithLabels/s/-1/0/NaN/-Infinity/false/"
                                       "2019-12-16T23%3A48%3A18.250Z");
    s_enc(&t, "HttpRequestWithLabels",
          "{\"string\":\"s\",\"integer\":1,\"long\":0,\"float\":\"nan\",\"double\":1,"
          "\"boolean\":false,\"timestamp\":0}");
    ASSERT_VALIDATION(&t, "float: expected a number, got string");
    s_done(&t);
}

/* RestJsonHttpRequestWithLabelsAndTimestampFormat */
SDKC_TEST(RestJsonHttpRequestWithLabelsAndTimestampFormat)
{
    struct enc t;
    s_load_inline(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpRequestWithLabelsAndTimestampFormat",
                                "{\"defaultFormat\":1576540098,\"epoch\":1576540098,"
                                "\"httpDate\":1576540098,\"dateTime\":1576540098}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.path,
                           "/HttpRequestWithLabelsAndTimestampFormat/2019-12-16T23%3A48%3A18Z/"
                           "1576540098/Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT/"
                           "2019-12-16T23%3A48%3A18Z");
    /* before the epoch, and a leap day */
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "HttpRequestWithLabelsAndTimestampFormat",
              "{\"defaultFormat\":-1,\"epoch\":-1.5,"
              "\"httpDate\":951782400,\"dateTime\":\"2000-02-29T12:00:00-01:30\"}"),
        SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.path,
                           "/HttpRequestWithLabelsAndTimestampFormat/1969-12-31T23%3A59%3A59Z/"
                           "-1.5/Tue%2C%2029%20Feb%202000%2000%3A00%3A00%20GMT/"
                           "2000-02-29T13%3A30%3A00Z");
    s_done(&t);
}

/* RestJsonAllQueryStringTypes, RestJsonOmitsNullQuery,
 * RestJsonSerializesEmptyQueryValue, RestJsonQueryParamsStringListMap-style
 * precedence; the literal "?x-id=Lit" of the requestUri is kept. */
SDKC_TEST(RestJsonAllQueryStringTypes)
{
    struct enc t;
    cJSON *view = NULL, *want = NULL;
    const char *want_json =
        "{\"x-id\":\"Lit\",\"String\":\"Hello there/&=\",\"StringList\":[\"a\",\"b c\",\"\"],"
        "\"Integer\":\"3\",\"Double\":\"4.1\",\"Boolean\":\"true\","
        "\"Timestamp\":\"1970-01-01T00:00:01Z\",\"Epoch\":\"1576540098\",\"extra\":\"e\"}";
    s_load_inline(&t);
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "AllQueryStringTypes",
              "{\"queryString\":\"Hello there/&=\",\"queryStringList\":[\"a\",\"b c\",\"\"],"
              "\"queryInteger\":3,\"queryDouble\":4.1,\"queryBoolean\":true,\"queryTimestamp\":1,"
              "\"queryEpoch\":\"2019-12-16T23:48:18Z\","
              "\"queryParamsMap\":{\"String\":\"ignored: a named member wins\",\"extra\":\"e\","
              "\"gone\":null}}"),
        SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.path, "/AllQueryStringTypesInput");
    CU_ASSERT_STRING_EQUAL(t.req.query,
                           "x-id=Lit&String=Hello%20there%2F%26%3D&StringList=a&StringList=b%20c&"
                           "StringList=&Integer=3&Double=4.1&Boolean=true&"
                           "Timestamp=1970-01-01T00%3A00%3A01Z&Epoch=1576540098&extra=e");
    CU_ASSERT_EQUAL_FATAL(sdkc_codec_request_to_json(&t.req, &view, &t.err), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(want_json, strlen(want_json), NULL, &want, NULL),
                          SDKC_OK);
    CU_ASSERT_TRUE(sdkc_json_equal(want, sdkc_json_get(view, "query")));
    cJSON_Delete(view);
    cJSON_Delete(want);
    /* RestJsonOmitsNullQuery + RestJsonSerializesEmptyQueryValue */
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "AllQueryStringTypes", "{\"queryString\":\"\",\"queryInteger\":null}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.query, "x-id=Lit&String=");
    s_enc(&t, "AllQueryStringTypes", "{\"queryInteger\":1.5}");
    ASSERT_VALIDATION(&t, "queryInteger: expected an integer, got number");
    s_enc(&t, "AllQueryStringTypes", "{\"queryStringList\":[\"a\",3]}");
    ASSERT_VALIDATION(&t, "queryStringList[1]: expected a string, got number");
    s_enc(&t, "AllQueryStringTypes", "{\"queryTimestamp\":\"yesterday\"}");
    ASSERT_VALIDATION(&t, "queryTimestamp: expected a timestamp (epoch seconds or an RFC 3339 "
                          "string), got string");
    s_done(&t);
}

/* RestJsonInputAndOutputWithStringHeaders / NumericHeaders / BooleanHeaders /
 * TimestampHeaders / IntegerListHeaders / QuotedStringHeaders,
 * RestJsonHttpPrefixHeadersArePresent, RestJsonNullAndEmptyHeaders; the
 * input has no body members, so no body (botocore #25 NoPayload). */
SDKC_TEST(RestJsonInputAndOutputWithHeaders)
{
    struct enc t;
    s_load_inline(&t);
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "InputAndOutputWithHeaders",
              "{\"headerString\":\"Hello\",\"headerInteger\":123,\"headerLong\":-9007199254740991,"
              "\"headerFloat\":1.1,\"headerTrueBool\":false,"
              "\"headerStringList\":[\"a\",\"b,c\",\"\\\"quoted\\\"\"],"
              "\"headerIntegerList\":[1,2,3],\"headerTimestamp\":1576540098,"
              "\"headerTimestampList\":[1576540098,\"2019-12-16T23:48:18Z\"],"
              "\"headerJson\":\"{\\\"a\\\":1}\","
              "\"prefixHeaders\":{\"Abc\":\"Abc value\",\"Def\":\"Def value\",\"Null\":null}}"),
        SDKC_OK);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-String"), "Hello");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Integer"), "123");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Long"), "-9007199254740991");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Float"), "1.1");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Boolean1"), "false");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-StringList"), "a, \"b,c\", \"\\\"quoted\\\"\"");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-IntegerList"), "1, 2, 3");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Timestamp"), "Mon, 16 Dec 2019 23:48:18 GMT");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-TimestampList"),
                           "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT");
    /* jsonvalue: base64 of the JSON text */
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Json"), "eyJhIjoxfQ==");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Foo-Abc"), "Abc value");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Foo-Def"), "Def value");
    CU_ASSERT_PTR_NULL(s_hdr(&t, "X-Foo-Null"));
    CU_ASSERT_PTR_NULL(t.req.body);
    CU_ASSERT_PTR_NULL(s_hdr(&t, "Content-Type"));
    CU_ASSERT_EQUAL(t.req.headers.count, 12);
    /* empty string header is sent empty; null is not sent */
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "InputAndOutputWithHeaders", "{\"headerString\":\"\",\"headerInteger\":null}"),
        SDKC_OK);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-String"), "");
    CU_ASSERT_PTR_NULL(s_hdr(&t, "X-Integer"));
    /* an empty list is an empty field (RestJsonNullAndEmptyHeaders: X-C "") */
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "InputAndOutputWithHeaders", "{\"headerStringList\":[]}"),
                          SDKC_OK);
    CU_ASSERT_EQUAL(t.req.headers.count, 1);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-StringList"), "");
    /* header injection is refused */
    s_enc(&t, "InputAndOutputWithHeaders", "{\"headerString\":\"a\\r\\nX-Evil: 1\"}");
    ASSERT_VALIDATION(&t, "headerString: header value must not contain CR or LF");
    s_done(&t);
}

/* Smithy long is int64: a Long param is sent digit for digit in the body,
 * the query, a label and a header (core/json.h "Numbers"), where a double
 * would send 9223372036854775808; one past the range is refused. */
SDKC_TEST(long_params_are_written_digit_for_digit)
{
    struct enc t;
    cJSON *view = NULL;
    char *text = NULL;
    s_load_inline(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "JsonStructs", "{\"id\":\"x\",\"big\":9223372036854775807}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.body, "{\"big\":9223372036854775807}");
    CU_ASSERT_EQUAL_FATAL(sdkc_codec_request_to_json(&t.req, &view, &t.err), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_json_print(sdkc_json_get(view, "body"), 0, &text, NULL), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(text, "{\"big\":9223372036854775807}");
    sdkc_free(text);
    cJSON_Delete(view);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "JsonStructs", "{\"id\":\"x\",\"big\":-9223372036854775808}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.body, "{\"big\":-9223372036854775808}");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "AllQueryStringTypes", "{\"queryLong\":9007199254740993}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.query, "x-id=Lit&Long=9007199254740993");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpRequestWithLabels",
                                "{\"string\":\"s\",\"integer\":1,\"long\":9223372036854775807,"
                                "\"float\":1,\"double\":1,\"boolean\":true,\"timestamp\":0}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.path, "/HttpRequestWithLabels/s/1/9223372036854775807/1/1/true/"
                                       "1970-01-01T00%3A00%3A00Z");
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "InputAndOutputWithHeaders", "{\"headerLong\":9223372036854775807}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Long"), "9223372036854775807");
    s_enc(&t, "JsonStructs", "{\"id\":\"x\",\"big\":9223372036854775808}");
    ASSERT_VALIDATION(&t, "big: expected an integer in "
                          "-9223372036854775808..9223372036854775807, got 9223372036854775808");
    s_enc(&t, "InputAndOutputWithHeaders", "{\"headerLong\":123456789012345678901234567890}");
    ASSERT_VALIDATION(&t, "headerLong: expected an integer in "
                          "-9223372036854775808..9223372036854775807, got "
                          "123456789012345678901234567890");
    s_enc(&t, "AllQueryStringTypes", "{\"queryLong\":-9223372036854775809}");
    ASSERT_VALIDATION(&t, "queryLong: expected an integer in "
                          "-9223372036854775808..9223372036854775807, got -9223372036854775809");
    s_done(&t);
}

/* Nested structures, lists of structures, maps, unions, blobs, timestamps
 * in every format, renamed members (locationName), and validation inside
 * them naming the member path. */
SDKC_TEST(RestJsonJsonStructs_nested)
{
    struct enc t;
    s_load_inline(&t);
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "JsonStructs",
              "{\"id\":\"x y\",\"trace\":\"tr\","
              "\"inner\":{\"name\":\"n\",\"count\":2,\"renamed\":\"r\",\"child\":{\"name\":\"c\"}},"
              "\"items\":[{\"name\":\"a\"},{\"name\":\"b\",\"count\":null}],"
              "\"counts\":{\"one\":1,\"two\":2},\"choice\":{\"intValue\":7,\"stringValue\":null},"
              "\"data\":\"value\",\"when\":1576540098.5,\"whenIso\":1576540098,"
              "\"whenHttp\":\"2019-12-17T00:48:18+01:00\",\"ratio\":0.1,\"big\":1234567890123,"
              "\"flag\":false}"),
        SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.method, "PUT");
    CU_ASSERT_STRING_EQUAL(t.req.path, "/nested/x%20y");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Trace"), "tr");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "application/json");
    CU_ASSERT_TRUE(s_body_is(
        &t, "{\"inner\":{\"name\":\"n\",\"count\":2,\"RenamedOnTheWire\":\"r\","
            "\"child\":{\"name\":\"c\"}},\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}],"
            "\"counts\":{\"one\":1,\"two\":2},\"choice\":{\"intValue\":7},"
            "\"data\":\"dmFsdWU=\",\"when\":1576540098.5,\"whenIso\":\"2019-12-16T23:48:18Z\","
            "\"whenHttp\":\"Mon, 16 Dec 2019 23:48:18 GMT\",\"ratio\":0.1,\"big\":1234567890123,"
            "\"flag\":false}"));
    /* numbers are written the way Python's json.dumps writes them */
    CU_ASSERT_PTR_NOT_NULL(strstr(t.req.body, "\"ratio\":0.1,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t.req.body, "\"when\":1576540098.5,"));

    s_enc(&t, "JsonStructs", "{\"id\":\"i\",\"inner\":{\"count\":1}}");
    ASSERT_VALIDATION(&t, "missing required member inner.name");
    s_enc(&t, "JsonStructs", "{\"id\":\"i\",\"items\":[{\"name\":\"a\"},{\"name\":1}]}");
    ASSERT_VALIDATION(&t, "items[1].name: expected a string, got number");
    s_enc(&t, "JsonStructs",
          "{\"id\":\"i\",\"inner\":{\"name\":\"a\",\"child\":{\"nmae\":\"c\"}}}");
    ASSERT_VALIDATION(&t, "unknown member inner.child.nmae");
    s_enc(&t, "JsonStructs", "{\"id\":\"i\",\"counts\":{\"a\":\"1\"}}");
    ASSERT_VALIDATION(&t, "counts.a: expected an integer, got string");
    s_enc(&t, "JsonStructs", "{\"id\":\"i\",\"choice\":{\"intValue\":1,\"stringValue\":\"s\"}}");
    ASSERT_VALIDATION(&t, "choice: union Choice must have exactly one member set, got 2");
    s_enc(&t, "JsonStructs", "{\"id\":\"i\",\"choice\":{}}");
    ASSERT_VALIDATION(&t, "choice: union Choice must have exactly one member set, got 0");
    s_enc(&t, "JsonStructs", "{\"id\":\"i\",\"items\":[null]}");
    ASSERT_VALIDATION(&t, "items[0]: expected an object, got null");
    s_enc(&t, "JsonStructs", "{\"id\":\"i\",\"when\":1e300}");
    ASSERT_VALIDATION(&t, "when: timestamp outside the years 0001 to 9999");
    s_enc(&t, "JsonStructs", "{\"id\":\"i\",\"inner\":\"flat\"}");
    ASSERT_VALIDATION(&t, "inner: expected an object, got string");
    s_done(&t);
}

/* A recursive shape nested past SDKC_CODEC_MAX_DEPTH stops with TOO_DEEP. */
SDKC_TEST(encode_depth_cap)
{
    struct enc t;
    struct sdkc_buf b;
    int i;
    s_load_inline(&t);
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_buf_append_str(&b, "{\"id\":\"i\",\"inner\":"), SDKC_OK);
    for (i = 0; i < SDKC_CODEC_MAX_DEPTH + 2; i++)
        CU_ASSERT_EQUAL(sdkc_buf_append_str(&b, "{\"name\":\"n\",\"child\":"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_buf_append_str(&b, "{\"name\":\"leaf\"}"), SDKC_OK);
    for (i = 0; i < SDKC_CODEC_MAX_DEPTH + 2; i++)
        CU_ASSERT_EQUAL(sdkc_buf_append_byte(&b, '}'), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_buf_append_byte(&b, '}'), SDKC_OK);
    s_enc(&t, "JsonStructs", b.data);
    CU_ASSERT_EQUAL(t.result, SDKC_ERR_TOO_DEEP);
    CU_ASSERT_PTR_NOT_NULL(strstr(t.err.msg, "nested deeper than"));
    CU_ASSERT_PTR_NULL(t.req.body);
    sdkc_buf_clean_up(&b);
    s_done(&t);
}

/* RestJsonHttpWithEmptyBody / RestJsonHttpWithHeadersButNoPayload: body
 * members exist but none is set -> "{}" with Content-Type. */
SDKC_TEST(RestJsonHttpWithEmptyBody)
{
    struct enc t;
    s_load_inline(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpWithEmptyBody", "{}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.body, "{}");
    CU_ASSERT_EQUAL(t.req.body_len, 2);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "application/json");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpWithEmptyBody", "{\"header\":\"h\",\"stringValue\":null}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.body, "{}");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Header"), "h");
    s_done(&t);
}

/* RestJsonEmptyInputAndEmptyOutput, RestJsonNoInputAndNoOutput: no body,
 * no Content-Type; params for an operation without input must be empty. */
SDKC_TEST(RestJsonEmptyInputAndEmptyOutput)
{
    struct enc t;
    s_load_inline(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "EmptyInputAndEmptyOutput", "{}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.method, "POST");
    CU_ASSERT_STRING_EQUAL(t.req.path, "/EmptyInputAndEmptyOutput");
    CU_ASSERT_PTR_NULL(t.req.body);
    CU_ASSERT_EQUAL(t.req.body_len, 0);
    CU_ASSERT_EQUAL(t.req.headers.count, 0);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "NoInputAndNoOutput", NULL), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.path, "/NoInputAndNoOutput");
    CU_ASSERT_PTR_NULL(t.req.body);
    s_enc(&t, "NoInputAndNoOutput", "{\"x\":1}");
    ASSERT_VALIDATION(&t, "unknown member x (operation NoInputAndNoOutput takes no input)");
    s_enc(&t, "EmptyInputAndEmptyOutput", "{\"x\":1}");
    ASSERT_VALIDATION(&t, "unknown member x");
    s_done(&t);
}

SDKC_TEST(RestJsonQueryIdempotencyTokenAutoFill)
{
    struct enc t;
    s_load_inline(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "QueryIdempotencyTokenAutoFill", "{}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.query, "token=" SEQ0);
    CU_ASSERT_PTR_NULL(t.req.body);
    CU_ASSERT_EQUAL(t.counter, 1);
    s_done(&t);
}

SDKC_TEST(RestJsonQueryIdempotencyTokenAutoFillIsSet)
{
    struct enc t;
    s_load_inline(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "QueryIdempotencyTokenAutoFill",
                                "{\"token\":\"00000000-0000-4000-8000-000000000123\"}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.query, "token=00000000-0000-4000-8000-000000000123");
    CU_ASSERT_EQUAL(t.counter, 0);
    s_done(&t);
}

static sdkc_result s_failing_uuid(void *ctx, char out[37])
{
    (void)ctx;
    (void)out;
    return SDKC_ERR_CRYPTO;
}

SDKC_TEST(encode_token_generator_failure)
{
    struct enc t;
    const struct sdkc_operation *op;
    struct sdkc_codec_options opts;
    s_load_default(&t);
    op = sdkc_spec_find_operation(t.spec, "CreateUserProfile");
    memset(&opts, 0, sizeof(opts));
    opts.uuid = s_failing_uuid;
    {
        cJSON *params = NULL;
        params = s_json("{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\"}");
        CU_ASSERT_PTR_NOT_NULL_FATAL(params);
        CU_ASSERT_EQUAL(sdkc_codec_encode(t.spec, op, params, &opts, &t.req, &t.err),
                        SDKC_ERR_CRYPTO);
        CU_ASSERT_PTR_NOT_NULL(strstr(t.err.msg, "clientToken"));
        CU_ASSERT_PTR_NULL(t.req.method);
        cJSON_Delete(params);
    }
    CU_ASSERT_EQUAL(sdkc_codec_encode(NULL, op, NULL, NULL, &t.req, &t.err), SDKC_ERR_INVALID_ARG);
    s_done(&t);
}

SDKC_TEST(request_to_json_odd_requests)
{
    struct sdkc_http_request r;
    cJSON *view = NULL;
    const cJSON *q;
    sdkc_http_request_init(&r);
    r.method = sdkc_strdup("GET");
    r.path = sdkc_strdup("/p");
    r.query = sdkc_strdup("a=1&a=2&a=%2F&flag&b=x%20y");
    r.body = sdkc_strdup("not json");
    r.body_len = 8;
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&r.headers, "X-A", "1"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&r.headers, "x-a", "2"), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_codec_request_to_json(&r, &view, NULL), SDKC_OK);
    q = sdkc_json_get(view, "query");
    CU_ASSERT_TRUE(cJSON_IsArray(sdkc_json_get(q, "a")));
    CU_ASSERT_EQUAL(cJSON_GetArraySize(sdkc_json_get(q, "a")), 3);
    CU_ASSERT_STRING_EQUAL(cJSON_GetArrayItem(sdkc_json_get(q, "a"), 2)->valuestring, "/");
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(q, "flag")->valuestring, "");
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(q, "b")->valuestring, "x y");
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(sdkc_json_get(view, "headers"), "X-A")->valuestring,
                           "1, 2");
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(view, "body")->valuestring, "not json");
    cJSON_Delete(view);
    sdkc_http_request_clean_up(&r);
}

/* ---- fault injection (house style 6) ---------------------------------------- */

struct walk_ctx {
    const struct sdkc_spec *spec;
    const char *op;
    const cJSON *params;
};

static int s_encode_work(void *vctx)
{
    struct walk_ctx *w = vctx;
    struct sdkc_http_request req;
    struct sdkc_codec_options opts;
    struct sdkc_error err;
    cJSON *view = NULL;
    uint64_t n = 0;
    sdkc_result result;
    memset(&opts, 0, sizeof(opts));
    opts.uuid = sdkc_uuid_sequence;
    opts.uuid_ctx = &n;
    opts.host = "example.com";
    sdkc_http_request_init(&req);
    result = sdkc_codec_encode(w->spec, sdkc_spec_find_operation(w->spec, w->op), w->params, &opts,
                               &req, &err);
    if (result == SDKC_ERR_NOMEM && (req.method || req.body || req.headers.count))
        result = SDKC_ERR_STATE; /* a failed encode must leave the request empty */
    if (!result)
        result = sdkc_codec_request_to_json(&req, &view, &err);
    cJSON_Delete(view);
    sdkc_http_request_clean_up(&req);
    return result;
}

static void s_walk(struct sdkc_spec *spec, const char *op, const char *params_json)
{
    struct walk_ctx w;
    cJSON *params = NULL;
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(params_json, strlen(params_json), NULL, &params, NULL),
                          SDKC_OK);
    w.spec = spec;
    w.op = op;
    w.params = params;
    CU_ASSERT_TRUE(sdkc_test_fault_walk(op, s_encode_work, &w, NULL) > 5);
    cJSON_Delete(params);
}

SDKC_TEST(encode_fault_walk)
{
    struct enc t;
    struct sdkc_spec *inl = NULL;
    s_load_default(&t);
    CU_ASSERT_EQUAL_FATAL(
        sdkc_spec_load_mem(s_inline_spec, sizeof(s_inline_spec) - 1, "(inline)", &inl, NULL),
        SDKC_OK);
    s_walk(t.spec, "CreateUserProfile",
           "{\"domainIdentifier\":\"d /1\",\"userIdentifier\":\"u\",\"userType\":\"IAM_ROLE\"}");
    s_walk(inl, "AllQueryStringTypes",
           "{\"queryString\":\"s\",\"queryStringList\":[\"a\",\"b\"],\"queryTimestamp\":1,"
           "\"queryParamsMap\":{\"k\":\"v\"}}");
    s_walk(inl, "InputAndOutputWithHeaders",
           "{\"headerString\":\"h\",\"headerStringList\":[\"a\",\"b,c\"],\"headerJson\":\"{}\","
           "\"prefixHeaders\":{\"A\":\"1\"}}");
    s_walk(inl, "JsonStructs",
           "{\"id\":\"i\",\"inner\":{\"name\":\"n\",\"child\":{\"name\":\"c\"}},"
           "\"items\":[{\"name\":\"a\"}],\"counts\":{\"x\":1},\"data\":\"abc\",\"when\":1}");
    sdkc_spec_destroy(inl);
    s_done(&t);
}
