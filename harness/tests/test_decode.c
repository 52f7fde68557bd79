/* SPDX-License-Identifier: Apache-2.0
 *
 * Tests of codec/decode.c: HTTP response -> result document on success
 * paths, against the bundled DataZone CreateUserProfile model and a small
 * "kitchen" model that has every shape type, renamed members, header,
 * prefix-header and status bindings. Expected documents are exact
 * (sdkc_json_equal). Cases named after an official id reproduce that id
 * (restjson-conformance-notes.md §1.1, §1.6, §1.7), translated to these
 * models.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "codec/codec.h"
#include "core/alloc.h"
#include "core/base64.h"
#include "core/json.h"
#include "spec/spec.h"
#include "tests/test.h"

static const char s_kitchen_model[] =
    "{\"version\":\"2.0\",\"metadata\":{\"protocol\":\"rest-json\",\"apiVersion\":\"2020-01-01\","
    "\"endpointPrefix\":\"kitchen\",\"signingName\":\"kitchen\",\"serviceId\":\"Kitchen\","
    "\"jsonVersion\":\"1.1\",\"uid\":\"kitchen-2020-01-01\"},"
    "\"operations\":{"
    "\"GetKitchen\":{\"name\":\"GetKitchen\",\"http\":{\"method\":\"GET\",\"requestUri\":\"/k\","
    "\"responseCode\":200},\"output\":{\"shape\":\"KitchenOutput\"}},"
    "\"JsonUnions\":{\"name\":\"JsonUnions\",\"http\":{\"method\":\"PUT\",\"requestUri\":\"/"
    "JsonUnions\","
    "\"responseCode\":200},\"output\":{\"shape\":\"UnionOutput\"}},"
    "\"HeadersOnly\":{\"name\":\"HeadersOnly\",\"http\":{\"method\":\"GET\",\"requestUri\":\"/h\"},"
    "\"output\":{\"shape\":\"HeadersOnlyOutput\"}},"
    "\"NoOutput\":{\"name\":\"NoOutput\",\"http\":{\"method\":\"POST\",\"requestUri\":\"/n\"}},"
    "\"EmptyOutput\":{\"name\":\"EmptyOutput\",\"http\":{\"method\":\"POST\",\"requestUri\":\"/"
    "e\"},"
    "\"output\":{\"shape\":\"Unit\"}}},"
    "\"shapes\":{"
    "\"KitchenOutput\":{\"type\":\"structure\",\"members\":{"
    "\"str\":{\"shape\":\"String\"},\"renamed\":{\"shape\":\"String\",\"locationName\":"
    "\"wireName\"},"
    "\"int\":{\"shape\":\"Integer\"},\"long\":{\"shape\":\"Long\"},\"bool\":{\"shape\":\"Boolean\"}"
    ","
    "\"flt\":{\"shape\":\"Float\"},\"dbl\":{\"shape\":\"Double\"},\"blob\":{\"shape\":\"Blob\"},"
    "\"ts\":{\"shape\":\"Timestamp\"},\"list\":{\"shape\":\"StringList\"},"
    "\"map\":{\"shape\":\"StringMap\"},\"nested\":{\"shape\":\"Nested\"},"
    "\"choices\":{\"shape\":\"ChoiceList\"},\"doc\":{\"shape\":\"String\",\"jsonvalue\":true},"
    "\"color\":{\"shape\":\"Color\"},"
    "\"hdrStr\":{\"shape\":\"String\",\"location\":\"header\",\"locationName\":\"X-Str\"},"
    "\"hdrInt\":{\"shape\":\"Integer\",\"location\":\"header\",\"locationName\":\"X-Int\"},"
    "\"hdrLong\":{\"shape\":\"Long\",\"location\":\"header\",\"locationName\":\"X-Long\"},"
    "\"hdrBool\":{\"shape\":\"Boolean\",\"location\":\"header\",\"locationName\":\"X-Bool\"},"
    "\"hdrTs\":{\"shape\":\"Timestamp\",\"location\":\"header\",\"locationName\":\"X-Ts\"},"
    "\"hdrList\":{\"shape\":\"StringList\",\"location\":\"header\",\"locationName\":\"X-List\"},"
    "\"hdrJson\":{\"shape\":\"String\",\"location\":\"header\",\"locationName\":\"X-Json\","
    "\"jsonvalue\":true},"
    "\"meta\":{\"shape\":\"StringMap\",\"location\":\"headers\",\"locationName\":\"X-Meta-\"},"
    "\"status\":{\"shape\":\"Integer\",\"location\":\"statusCode\"}}},"
    "\"UnionOutput\":{\"type\":\"structure\",\"members\":{\"contents\":{\"shape\":\"MyUnion\"}}},"
    "\"HeadersOnlyOutput\":{\"type\":\"structure\",\"members\":{"
    "\"hdrStr\":{\"shape\":\"String\",\"location\":\"header\",\"locationName\":\"X-Str\"}}},"
    "\"MyUnion\":{\"type\":\"structure\",\"union\":true,\"members\":{"
    "\"stringValue\":{\"shape\":\"String\"},\"booleanValue\":{\"shape\":\"Boolean\"},"
    "\"numberValue\":{\"shape\":\"Integer\"},\"blobValue\":{\"shape\":\"Blob\"},"
    "\"timestampValue\":{\"shape\":\"Timestamp\"},\"enumValue\":{\"shape\":\"Color\"},"
    "\"listValue\":{\"shape\":\"StringList\"},\"mapValue\":{\"shape\":\"StringMap\"},"
    "\"structureValue\":{\"shape\":\"Greeting\"},\"unionValue\":{\"shape\":\"NestedUnion\"},"
    "\"renamedValue\":{\"shape\":\"String\",\"locationName\":\"RENAMED\"},"
    "\"quit\":{\"shape\":\"Unit\"}}},"
    "\"Unit\":{\"type\":\"structure\",\"members\":{}},"
    "\"NestedUnion\":{\"type\":\"structure\",\"union\":true,\"members\":{"
    "\"stringValue\":{\"shape\":\"String\"}}},"
    "\"Greeting\":{\"type\":\"structure\",\"members\":{\"hi\":{\"shape\":\"String\"}}},"
    "\"String\":{\"type\":\"string\"},\"Integer\":{\"type\":\"integer\"},"
    "\"Long\":{\"type\":\"long\"},\"Boolean\":{\"type\":\"boolean\"},\"Float\":{\"type\":\"float\"}"
    ","
    "\"Double\":{\"type\":\"double\"},\"Blob\":{\"type\":\"blob\"},"
    "\"Timestamp\":{\"type\":\"timestamp\"},"
    "\"StringList\":{\"type\":\"list\",\"member\":{\"shape\":\"String\"}},"
    "\"StringMap\":{\"type\":\"map\",\"key\":{\"shape\":\"String\"},\"value\":{\"shape\":"
    "\"String\"}}"
    ","
    "\"Nested\":{\"type\":\"structure\",\"members\":{\"a\":{\"shape\":\"String\"},"
    "\"b\":{\"shape\":\"Nested\"}}},"
    "\"ChoiceList\":{\"type\":\"list\",\"member\":{\"shape\":\"MyUnion\"}},"
    "\"Color\":{\"type\":\"string\",\"enum\":[\"RED\",\"GREEN\"]}}}";

/* The shapes of the Smithy restJson1 response tests the "proto" cases
 * cite, in botocore's model dialect (written for these tests). */
#define S_PROTO_MODEL SDKC_SOURCE_DIR "/harness/tests/data/codec/response-model.json"

static struct sdkc_spec *s_spec(const char *which)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;

    sdkc_error_init(&err);
    if (strcmp(which, "kitchen") == 0) {
        if (sdkc_spec_load_mem(s_kitchen_model, strlen(s_kitchen_model), "kitchen", &spec, &err))
            fprintf(stderr, "kitchen spec: %s\n", err.msg);
    } else if (strcmp(which, "proto") == 0) {
        if (sdkc_spec_load_file(S_PROTO_MODEL, &spec, &err))
            fprintf(stderr, "proto spec: %s\n", err.msg);
    } else if (sdkc_spec_load_default(&spec, &err)) {
        fprintf(stderr, "bundled spec: %s\n", err.msg);
    }
    return spec;
}

/* Decode and return the document (NULL when none was produced). */
static cJSON *s_decode(const char *model, const char *opname, int status, const char *headers,
                       const char *body, size_t body_len)
{
    struct sdkc_spec *spec = s_spec(model);
    struct sdkc_http_response r;
    cJSON *doc = NULL;
    sdkc_result result;

    CU_ASSERT_PTR_NOT_NULL_FATAL(spec);
    sdkc_test_response(&r, status, headers, body, body_len);
    result = sdkc_codec_decode(spec, sdkc_spec_find_operation(spec, opname), &r, &doc, NULL);
    CU_ASSERT_EQUAL(result, SDKC_OK);
    sdkc_http_response_clean_up(&r);
    sdkc_spec_destroy(spec);
    return doc;
}

/* body_len bytes of body (binary bodies) must decode to want_json. */
static void s_expect_len(int line, const char *model, const char *op, int status,
                         const char *headers, const char *body, size_t body_len,
                         const char *want_json)
{
    cJSON *doc = s_decode(model, op, status, headers, body, body_len);
    cJSON *want = NULL;
    char *got = NULL, msg[2048];

    CU_ASSERT_EQUAL(sdkc_json_parse(want_json, strlen(want_json), NULL, &want, NULL), SDKC_OK);
    if (doc)
        sdkc_json_print(doc, 0, &got, NULL);
    snprintf(msg, sizeof(msg), "line %d: wanted %s, got %s", line, want_json,
             got ? got : "(no document)");
    CU_assertImplementation(doc && want && sdkc_json_equal(doc, want), line, msg, __FILE__, "",
                            CU_FALSE);
    sdkc_free(got);
    cJSON_Delete(doc);
    cJSON_Delete(want);
}

static void s_expect(int line, const char *model, const char *op, int status, const char *headers,
                     const char *body, const char *want_json)
{
    s_expect_len(line, model, op, status, headers, body, body ? strlen(body) : 0, want_json);
}

/* A clientError of kind want_kind whose message holds every given part. */
static void s_expect_client_error(int line, const char *want_kind, const char *model,
                                  const char *op, int status, const char *headers, const char *body,
                                  size_t body_len, const char *part1, const char *part2)
{
    cJSON *doc = s_decode(model, op, status, headers, body, body_len);
    const cJSON *ce = sdkc_json_get(doc, "clientError");
    const cJSON *kind = sdkc_json_get(ce, "kind"), *m = sdkc_json_get(ce, "message");
    char *got = NULL, msg[2048];
    int ok;

    ok = cJSON_IsString(kind) && strcmp(kind->valuestring, want_kind) == 0 && cJSON_IsString(m) &&
         (!part1 || strstr(m->valuestring, part1)) && (!part2 || strstr(m->valuestring, part2)) &&
         cJSON_GetArraySize(doc) == 1 && cJSON_GetArraySize(ce) == 2;
    if (doc)
        sdkc_json_print(doc, 0, &got, NULL);
    snprintf(msg, sizeof(msg), "line %d: wanted clientError %s with '%s' and '%s', got %s", line,
             want_kind, part1 ? part1 : "", part2 ? part2 : "", got ? got : "(no document)");
    CU_assertImplementation(ok, line, msg, __FILE__, "", CU_FALSE);
    sdkc_free(got);
    cJSON_Delete(doc);
}

/* A clientError "deserialization" whose message holds every given part. */
static void s_expect_deser(int line, const char *model, const char *op, int status,
                           const char *headers, const char *body, size_t body_len,
                           const char *part1, const char *part2)
{
    s_expect_client_error(line, "deserialization", model, op, status, headers, body, body_len,
                          part1, part2);
}

#define DZ(status, headers, body, want)                                                            \
    s_expect(__LINE__, "datazone", "CreateUserProfile", status, headers, body, want)
#define DZ_DESER(body, p1, p2)                                                                     \
    s_expect_deser(__LINE__, "datazone", "CreateUserProfile", 201, NULL, body, strlen(body), p1, p2)
#define KITCHEN(headers, body, want)                                                               \
    s_expect(__LINE__, "kitchen", "GetKitchen", 200, headers, body, want)
#define KITCHEN_DESER(headers, body, p1, p2)                                                       \
    s_expect_deser(__LINE__, "kitchen", "GetKitchen", 200, headers, body, strlen(body), p1, p2)
#define UNION(body, want)              s_expect(__LINE__, "kitchen", "JsonUnions", 200, NULL, body, want)
#define PROTO(op, headers, body, want) s_expect(__LINE__, "proto", op, 200, headers, body, want)
#define PROTO_DESER(op, headers, body, p1, p2)                                                     \
    s_expect_deser(__LINE__, "proto", op, 200, headers, body, strlen(body), p1, p2)

static const char s_iam_body[] =
    "{\"domainId\":\"dzd_1\",\"id\":\"u-1\",\"type\":\"IAM\",\"status\":\"ACTIVATED\","
    "\"details\":{\"iam\":{\"arn\":\"arn:aws:iam::123456789012:role/"
    "r\",\"principalId\":\"AROA1\"}}}";

/* ---- DataZone CreateUserProfile ---------------------------------------------------- */

SDKC_TEST(datazone_iam_success)
{
    DZ(201, "Content-Type: application/json", s_iam_body,
       "{\"output\":{\"domainId\":\"dzd_1\",\"id\":\"u-1\",\"type\":\"IAM\",\"status\":"
       "\"ACTIVATED\","
       "\"details\":{\"iam\":{\"arn\":\"arn:aws:iam::123456789012:role/"
       "r\",\"principalId\":\"AROA1\"}}}}");
}

SDKC_TEST(datazone_sso_success)
{
    DZ(201, NULL,
       "{\"id\":\"u-2\",\"type\":\"SSO\",\"details\":{\"sso\":{\"username\":\"jo\",\"firstName\":"
       "\"Jo\","
       "\"lastName\":\"Doe\"}}}",
       "{\"output\":{\"id\":\"u-2\",\"type\":\"SSO\",\"details\":{\"sso\":{\"username\":\"jo\","
       "\"firstName\":\"Jo\",\"lastName\":\"Doe\"}}}}");
}

SDKC_TEST(RestJsonHttpResponseCode)
{
    DZ(201, NULL, "{}", "{\"output\":{}}");
}

SDKC_TEST(RestJsonHttpResponseCodeWithNoPayload)
{
    DZ(201, NULL, "", "{\"output\":{}}");
    DZ(204, NULL, NULL, "{\"output\":{}}");
}

SDKC_TEST(any_2xx_is_success)
{
    /* notes §3.6: the modeled 201 is never checked */
    DZ(200, NULL, "{\"id\":\"a\"}", "{\"output\":{\"id\":\"a\"}}");
    DZ(202, NULL, "{\"id\":\"a\"}", "{\"output\":{\"id\":\"a\"}}");
    DZ(299, NULL, "{\"id\":\"a\"}", "{\"output\":{\"id\":\"a\"}}");
}

SDKC_TEST(non_final_status_is_a_client_error)
{
    s_expect_deser(__LINE__, "datazone", "CreateUserProfile", 100, NULL, "", 0, "status 100", NULL);
    s_expect_deser(__LINE__, "datazone", "CreateUserProfile", 0, NULL, NULL, 0, "status 0", NULL);
}

SDKC_TEST(unknown_union_member)
{
    DZ(201, NULL, "{\"id\":\"u\",\"details\":{\"saml\":{\"issuer\":\"x\"}}}",
       "{\"output\":{\"id\":\"u\",\"details\":{\"SDK_UNKNOWN_MEMBER\":{\"name\":\"saml\"}}}}");
    /* the value of an unknown member does not matter, even a scalar */
    DZ(201, NULL, "{\"details\":{\"oidc\":42}}",
       "{\"output\":{\"details\":{\"SDK_UNKNOWN_MEMBER\":{\"name\":\"oidc\"}}}}");
    /* nulls are dropped first, so a null known sibling does not count */
    DZ(201, NULL, "{\"details\":{\"iam\":null,\"saml\":{}}}",
       "{\"output\":{\"details\":{\"SDK_UNKNOWN_MEMBER\":{\"name\":\"saml\"}}}}");
}

SDKC_TEST(RestJsonDeserializeIgnoreType)
{
    DZ(201, NULL,
       "{\"details\":{\"__type\":\"com.amazonaws.datazone#UserProfileDetails\","
       "\"iam\":{\"arn\":\"a\"}}}",
       "{\"output\":{\"details\":{\"iam\":{\"arn\":\"a\"}}}}");
    UNION("{\"contents\":{\"__type\":\"aws.protocoltests.json10#MyUnion\","
          "\"structureValue\":{\"hi\":\"hello\"}}}",
          "{\"output\":{\"contents\":{\"structureValue\":{\"hi\":\"hello\"}}}}");
}

SDKC_TEST(AwsJson10DeserializeAllowNulls)
{
    DZ(201, NULL, "{\"details\":{\"iam\":null,\"sso\":{\"username\":\"u\"}}}",
       "{\"output\":{\"details\":{\"sso\":{\"username\":\"u\"}}}}");
    UNION("{\"contents\":{\"stringValue\":null,\"booleanValue\":null,\"numberValue\":null,"
          "\"blobValue\":null,\"timestampValue\":null,\"enumValue\":null,\"listValue\":null,"
          "\"mapValue\":null,\"structureValue\":{\"hi\":\"hello\"}}}",
          "{\"output\":{\"contents\":{\"structureValue\":{\"hi\":\"hello\"}}}}");
}

SDKC_TEST(union_with_two_members_is_a_client_error)
{
    DZ_DESER("{\"details\":{\"iam\":{},\"sso\":{}}}", "UserProfileDetails", "$.details");
    DZ_DESER("{\"details\":{\"iam\":{},\"saml\":{}}}", "UserProfileDetails", "more than one");
}

SDKC_TEST(union_with_no_member_is_a_client_error)
{
    DZ_DESER("{\"details\":{}}", "UserProfileDetails", "got none");
    DZ_DESER("{\"details\":{\"iam\":null,\"sso\":null}}", "UserProfileDetails", "$.details");
    DZ_DESER("{\"details\":{\"__type\":\"x#UserProfileDetails\"}}", "UserProfileDetails", "none");
}

SDKC_TEST(union_duplicate_key_last_wins)
{
    DZ(201, NULL, "{\"details\":{\"iam\":{\"arn\":\"first\"},\"iam\":{\"arn\":\"second\"}}}",
       "{\"output\":{\"details\":{\"iam\":{\"arn\":\"second\"}}}}");
    /* a last null unsets the member (JSON.parse and json.loads keep the
     * last): no member set at all (found by fuzz-client against js-v2) */
    DZ_DESER("{\"details\":{\"iam\":{},\"iam\":null}}", "UserProfileDetails", "got none");
    DZ(201, NULL, "{\"details\":{\"iam\":null,\"iam\":{}}}",
       "{\"output\":{\"details\":{\"iam\":{}}}}");
}

SDKC_TEST(null_details_is_absent)
{
    DZ(201, NULL, "{\"id\":\"u\",\"details\":null}", "{\"output\":{\"id\":\"u\"}}");
}

SDKC_TEST(RestJsonDoesntDeserializeNullStructureValues)
{
    DZ(201, NULL, "{\"domainId\":null}", "{\"output\":{}}");
    DZ(201, NULL, "{\"details\":{\"iam\":{\"arn\":null,\"principalId\":\"p\"}}}",
       "{\"output\":{\"details\":{\"iam\":{\"principalId\":\"p\"}}}}");
}

SDKC_TEST(unknown_enum_values_are_kept)
{
    DZ(201, NULL, "{\"type\":\"FEDERATED\",\"status\":\"SUSPENDED\"}",
       "{\"output\":{\"type\":\"FEDERATED\",\"status\":\"SUSPENDED\"}}");
}

SDKC_TEST(unknown_members_are_dropped)
{
    DZ(201, NULL,
       "{\"id\":\"u\",\"newField\":{\"deep\":[1,2,3]},\"details\":{\"iam\":{\"arn\":\"a\","
       "\"sessionName\":\"s\",\"groupProfileId\":\"g\"}},\"zzz\":null}",
       "{\"output\":{\"id\":\"u\",\"details\":{\"iam\":{\"arn\":\"a\"}}}}");
}

SDKC_TEST(duplicate_member_last_wins)
{
    DZ(201, NULL, "{\"id\":\"a\",\"id\":\"b\"}", "{\"output\":{\"id\":\"b\"}}");
    DZ(201, NULL, "{\"id\":\"a\",\"id\":null}", "{\"output\":{}}");
}

SDKC_TEST(type_mismatch_names_the_path)
{
    DZ_DESER("{\"id\":5}", "$.id", "expected a string");
    DZ_DESER("{\"details\":\"iam\"}", "$.details", "UserProfileDetails");
    DZ_DESER("{\"details\":[{\"iam\":{}}]}", "$.details", "got array");
    DZ_DESER("{\"details\":{\"iam\":{\"arn\":true}}}", "$.details.iam.arn", "got boolean");
    DZ_DESER("{\"details\":{\"iam\":[]}}", "$.details.iam", "IamUserProfileDetails");
}

SDKC_TEST(malformed_body_names_the_offset)
{
    DZ_DESER("{\"id\":\"u\",}", "malformed JSON", "byte 10");
    DZ_DESER("{\"id\":\"u\"", "malformed JSON", "byte");
    DZ_DESER("<html>oops</html>", "malformed JSON", "byte 0");
    DZ_DESER("{\"id\":\"u\"} trailing", "malformed JSON", "byte 11");
    /* whitespace only is not an empty body */
    DZ_DESER("  \n", "malformed JSON", NULL);
    /* invalid UTF-8 */
    DZ_DESER("{\"id\":\"\xc3\x28\"}", "malformed JSON", "byte");
}

SDKC_TEST(non_object_body_is_a_client_error)
{
    DZ_DESER("[]", "at $:", "got array");
    DZ_DESER("null", "at $:", "got null");
    DZ_DESER("\"text\"", "at $:", "got string");
}

SDKC_TEST(nesting_past_the_cap)
{
    char body[512];
    size_t i, n = 0;
    for (i = 0; i < 100; i++)
        body[n++] = '[';
    for (i = 0; i < 100; i++)
        body[n++] = ']';
    body[n] = '\0';
    s_expect_deser(__LINE__, "datazone", "CreateUserProfile", 201, NULL, body, n, "malformed JSON",
                   NULL);
}

SDKC_TEST(body_with_nul_byte)
{
    /* \u0000 is valid JSON (RFC 8259 §7): kept, as the SDKs keep it; a raw
     * NUL byte is an unescaped control character: malformed */
    static const char body[] = "{\"id\":\"a\\u0000b\"}";
    static const char raw[] = "{\"id\":\"a\0b\"}";
    s_expect(__LINE__, "datazone", "CreateUserProfile", 201, NULL, body,
             "{\"output\":{\"id\":\"a\\u0000b\"}}");
    s_expect_deser(__LINE__, "datazone", "CreateUserProfile", 201, NULL, raw, sizeof(raw) - 1,
                   "malformed JSON", NULL);
}

/* ---- Smithy union ids (unions.smithy), kitchen model ------------------------------ */

SDKC_TEST(RestJsonDeserializeStringUnionValue)
{
    UNION("{\"contents\":{\"stringValue\":\"foo\"}}",
          "{\"output\":{\"contents\":{\"stringValue\":\"foo\"}}}");
}

SDKC_TEST(RestJsonDeserializeBooleanUnionValue)
{
    UNION("{\"contents\":{\"booleanValue\":true}}",
          "{\"output\":{\"contents\":{\"booleanValue\":true}}}");
}

SDKC_TEST(RestJsonDeserializeNumberUnionValue)
{
    UNION("{\"contents\":{\"numberValue\":1}}", "{\"output\":{\"contents\":{\"numberValue\":1}}}");
}

SDKC_TEST(RestJsonDeserializeBlobUnionValue)
{
    UNION("{\"contents\":{\"blobValue\":\"Zm9v\"}}",
          "{\"output\":{\"contents\":{\"blobValue\":\"Zm9v\"}}}");
}

SDKC_TEST(RestJsonDeserializeTimestampUnionValue)
{
    UNION("{\"contents\":{\"timestampValue\":1398796238}}",
          "{\"output\":{\"contents\":{\"timestampValue\":1398796238}}}");
}

SDKC_TEST(RestJsonDeserializeEnumUnionValue)
{
    UNION("{\"contents\":{\"enumValue\":\"Foo\"}}",
          "{\"output\":{\"contents\":{\"enumValue\":\"Foo\"}}}");
}

SDKC_TEST(RestJsonDeserializeListUnionValue)
{
    UNION("{\"contents\":{\"listValue\":[\"foo\",\"bar\"]}}",
          "{\"output\":{\"contents\":{\"listValue\":[\"foo\",\"bar\"]}}}");
}

SDKC_TEST(RestJsonDeserializeMapUnionValue)
{
    UNION("{\"contents\":{\"mapValue\":{\"foo\":\"bar\",\"spam\":\"eggs\"}}}",
          "{\"output\":{\"contents\":{\"mapValue\":{\"foo\":\"bar\",\"spam\":\"eggs\"}}}}");
}

SDKC_TEST(RestJsonDeserializeStructureUnionValue)
{
    UNION("{\"contents\":{\"structureValue\":{\"hi\":\"hello\"}}}",
          "{\"output\":{\"contents\":{\"structureValue\":{\"hi\":\"hello\"}}}}");
}

SDKC_TEST(RestJsonDeserializeNestedUnionValue)
{
    UNION("{\"contents\":{\"unionValue\":{\"stringValue\":\"foo\"}}}",
          "{\"output\":{\"contents\":{\"unionValue\":{\"stringValue\":\"foo\"}}}}");
    /* an unknown tag deep inside a union */
    UNION("{\"contents\":{\"unionValue\":{\"newThing\":1}}}",
          "{\"output\":{\"contents\":{\"unionValue\":{\"SDK_UNKNOWN_MEMBER\":{\"name\":"
          "\"newThing\"}}}}}");
}

SDKC_TEST(RestJsonOutputUnionWithUnitMember)
{
    UNION("{\"contents\":{\"quit\":{}}}", "{\"output\":{\"contents\":{\"quit\":{}}}}");
    /* a Unit member still has to be an object */
    s_expect_deser(__LINE__, "kitchen", "JsonUnions", 200, NULL, "{\"contents\":{\"quit\":true}}",
                   26, "$.contents.quit", "got boolean");
}

SDKC_TEST(RestJsonNoInputAndOutputNoPayload)
{
    s_expect(__LINE__, "kitchen", "NoOutput", 200, NULL, "", "{\"output\":{}}");
}

SDKC_TEST(RestJsonEmptyInputAndEmptyOutputJsonObjectOutput)
{
    s_expect(__LINE__, "kitchen", "EmptyOutput", 200, NULL, "{}", "{\"output\":{}}");
    s_expect(__LINE__, "kitchen", "EmptyOutput", 200, NULL, "", "{\"output\":{}}");
}

SDKC_TEST(PostUnionWithJsonNameResponse)
{
    /* a union member with a wire name is output under its member name */
    UNION("{\"contents\":{\"RENAMED\":\"x\"}}",
          "{\"output\":{\"contents\":{\"renamedValue\":\"x\"}}}");
    /* the member name on the wire is not the wire name: unknown */
    UNION("{\"contents\":{\"renamedValue\":\"x\"}}",
          "{\"output\":{\"contents\":{\"SDK_UNKNOWN_MEMBER\":{\"name\":\"renamedValue\"}}}}");
}

/* ---- every shape type, kitchen model -------------------------------------------------- */

SDKC_TEST(kitchen_every_body_type)
{
    KITCHEN(NULL,
            "{\"str\":\"s\",\"wireName\":\"w\",\"int\":-7,\"long\":9007199254740991,"
            "\"bool\":false,\"flt\":1.5,\"dbl\":\"NaN\",\"blob\":\"aGVsbG8=\",\"ts\":1576540098,"
            "\"list\":[\"a\",null,\"b\"],\"map\":{\"k\":\"v\",\"gone\":null},"
            "\"nested\":{\"a\":\"1\",\"b\":{\"a\":\"2\",\"b\":null}},"
            "\"choices\":[{\"stringValue\":\"x\"},{\"ghost\":true}],"
            "\"doc\":{\"any\":[1,\"json\",null]},\"color\":\"BLUE\"}",
            "{\"output\":{\"str\":\"s\",\"renamed\":\"w\",\"int\":-7,\"long\":9007199254740991,"
            "\"bool\":false,\"flt\":1.5,\"dbl\":\"NaN\",\"blob\":\"aGVsbG8=\",\"ts\":1576540098,"
            "\"list\":[\"a\",\"b\"],\"map\":{\"k\":\"v\"},"
            "\"nested\":{\"a\":\"1\",\"b\":{\"a\":\"2\"}},"
            "\"choices\":[{\"stringValue\":\"x\"},{\"SDK_UNKNOWN_MEMBER\":{\"name\":\"ghost\"}}],"
            "\"doc\":{\"any\":[1,\"json\",null]},\"color\":\"BLUE\",\"status\":200}}");
}

SDKC_TEST(kitchen_renamed_member_read_by_wire_name_only)
{
    KITCHEN(NULL, "{\"renamed\":\"member-name-on-wire\"}", "{\"output\":{\"status\":200}}");
}

SDKC_TEST(kitchen_timestamp_forms)
{
    KITCHEN(NULL, "{\"ts\":\"2019-12-16T23:48:18Z\"}",
            "{\"output\":{\"ts\":1576540098,\"status\":200}}");
    KITCHEN(NULL, "{\"ts\":\"2019-12-16T23:48:18.5Z\"}",
            "{\"output\":{\"ts\":1576540098.5,\"status\":200}}");
    KITCHEN(NULL, "{\"ts\":\"2019-12-17T00:48:18+01:00\"}",
            "{\"output\":{\"ts\":1576540098,\"status\":200}}");
    KITCHEN(NULL, "{\"ts\":\"Mon, 16 Dec 2019 23:48:18 GMT\"}",
            "{\"output\":{\"ts\":1576540098,\"status\":200}}");
    KITCHEN(NULL, "{\"ts\":\"1576540098\"}", "{\"output\":{\"ts\":1576540098,\"status\":200}}");
    KITCHEN(NULL, "{\"ts\":1576540098.25}", "{\"output\":{\"ts\":1576540098.25,\"status\":200}}");
    KITCHEN(NULL, "{\"ts\":\"1969-12-31T23:59:59Z\"}", "{\"output\":{\"ts\":-1,\"status\":200}}");
    KITCHEN_DESER(NULL, "{\"ts\":\"yesterday\"}", "$.ts", "Timestamp");
    KITCHEN_DESER(NULL, "{\"ts\":\"2019-02-30T00:00:00Z\"}", "$.ts", "RFC 3339");
    KITCHEN_DESER(NULL, "{\"ts\":true}", "$.ts", "got boolean");
}

SDKC_TEST(kitchen_number_rules)
{
    KITCHEN_DESER(NULL, "{\"int\":1.5}", "$.int", "integer");
    KITCHEN_DESER(NULL, "{\"int\":2147483648}", "$.int", "integer");
    KITCHEN(NULL, "{\"int\":2147483647,\"flt\":\"-Infinity\"}",
            "{\"output\":{\"int\":2147483647,\"flt\":\"-Infinity\",\"status\":200}}");
    KITCHEN_DESER(NULL, "{\"long\":\"5\"}", "$.long", "got string");
    KITCHEN_DESER(NULL, "{\"dbl\":\"nan\"}", "$.dbl", "got string");
    KITCHEN_DESER(NULL, "{\"dbl\":1e400}", "$.dbl", "range");
    KITCHEN_DESER(NULL, "{\"bool\":\"true\"}", "$.bool", "boolean");
}

/* The document as printed: exactness is about digits, so compare text. */
static char *s_decode_text(const char *headers, const char *body)
{
    cJSON *doc = s_decode("kitchen", "GetKitchen", 200, headers, body, strlen(body));
    char *text = NULL;
    CU_ASSERT_PTR_NOT_NULL(doc);
    if (doc)
        CU_ASSERT_EQUAL(sdkc_json_print(doc, 0, &text, NULL), SDKC_OK);
    cJSON_Delete(doc);
    return text;
}

SDKC_TEST(kitchen_long_is_exact_in_body_and_header)
{
    /* Smithy long is int64: both ends survive digit for digit (core/json.h
     * "Numbers"), where a double would print 9223372036854775808. */
    char *t = s_decode_text("X-Long: 9223372036854775807",
                            "{\"long\":-9223372036854775808,\"int\":-2147483648}");
    CU_ASSERT_STRING_EQUAL(t, "{\"output\":{\"long\":-9223372036854775808,\"int\":-2147483648,"
                              "\"hdrLong\":9223372036854775807,\"status\":200}}");
    sdkc_free(t);
    t = s_decode_text(NULL, "{\"long\":9007199254740993}");
    CU_ASSERT_STRING_EQUAL(t, "{\"output\":{\"long\":9007199254740993,\"status\":200}}");
    sdkc_free(t);
    KITCHEN(NULL, "{\"long\":9223372036854775807}",
            "{\"output\":{\"long\":9223372036854775807,\"status\":200}}");
    /* one past either end is not a long, though it is the same double */
    KITCHEN_DESER(NULL, "{\"long\":9223372036854775808}", "$.long", "got 9223372036854775808");
    KITCHEN_DESER(NULL, "{\"long\":-9223372036854775809}", "$.long", "range of long");
    KITCHEN_DESER(NULL, "{\"long\":123456789012345678901234567890}", "$.long", "long");
    KITCHEN_DESER(NULL, "{\"long\":9007199254740993.5}", "$.long", "long");
    KITCHEN_DESER("X-Long: 9223372036854775808", "{}", "$.X-Long", "integer");
    KITCHEN_DESER("X-Long: -9223372036854775809", "{}", "$.X-Long", "integer");
}

SDKC_TEST(kitchen_doubles_hold_what_a_client_holds)
{
    /* the exact binary64 0.1 written out in full is 0.1 to every SDK; a
     * Long beside it keeps its digits, and so does a jsonvalue document */
    char *t = s_decode_text(NULL, "{\"dbl\":0.1000000000000000055511151231257827,"
                                  "\"ts\":1576540098.00000000000000001,"
                                  "\"doc\":[0.1000000000000000055511151231257827]}");
    CU_ASSERT_STRING_EQUAL(t, "{\"output\":{\"dbl\":0.1,\"ts\":1576540098,"
                              "\"doc\":[0.1000000000000000055511151231257827],\"status\":200}}");
    sdkc_free(t);
}

SDKC_TEST(kitchen_blob_must_be_base64)
{
    KITCHEN(NULL, "{\"blob\":\"\"}", "{\"output\":{\"blob\":\"\",\"status\":200}}");
    KITCHEN_DESER(NULL, "{\"blob\":\"Zm9\"}", "$.blob", "base64");
    KITCHEN_DESER(NULL, "{\"blob\":\"Zm9v!A==\"}", "$.blob", "base64");
    KITCHEN_DESER(NULL, "{\"blob\":\"=AAA\"}", "$.blob", "base64");
}

SDKC_TEST(kitchen_paths_through_lists_and_maps)
{
    KITCHEN_DESER(NULL, "{\"choices\":[{\"stringValue\":\"ok\"},{\"structureValue\":{\"hi\":3}}]}",
                  "$.choices[1].structureValue.hi", "got number");
    KITCHEN_DESER(NULL, "{\"map\":{\"a b\":7}}", "$.map[\"a b\"]", "got number");
    KITCHEN_DESER(NULL, "{\"list\":\"notalist\"}", "$.list", "an array");
    KITCHEN_DESER(NULL, "{\"choices\":[{\"stringValue\":\"a\",\"numberValue\":1}]}", "$.choices[0]",
                  "MyUnion");
}

SDKC_TEST(kitchen_header_and_status_members)
{
    /* X-Json is base64 of {"a":[1,true]}: the member is that text, a
     * string (MediaTypeHeaderOutputBase64) */
    KITCHEN("X-Str: hello\nx-int: 42\nX-Bool: true\nX-Ts: Mon, 16 Dec 2019 23:48:18 GMT\n"
            "X-List: a, \"b,c\" ,d\nX-Json: eyJhIjpbMSx0cnVlXX0=\nX-Meta-One: 1\nx-meta-Two: 2\n"
            "X-Other: ignored",
            "{\"hdrStr\":\"body copies of header members are ignored\"}",
            "{\"output\":{\"hdrStr\":\"hello\",\"hdrInt\":42,\"hdrBool\":true,\"hdrTs\":1576540098,"
            "\"hdrList\":[\"a\",\"b,c\",\"d\"],\"hdrJson\":\"{\\\"a\\\":[1,true]}\","
            "\"meta\":{\"One\":\"1\",\"Two\":\"2\"},\"status\":200}}");
}

SDKC_TEST(kitchen_bad_header_values)
{
    KITCHEN_DESER("X-Int: forty-two", "{}", "$.X-Int", "integer");
    KITCHEN_DESER("X-Int: 0x10", "{}", "$.X-Int", "integer");
    KITCHEN_DESER("X-Int: 1.5", "{}", "$.X-Int", "integer");
    KITCHEN_DESER("X-Ts: inf", "{}", "$.X-Ts", "timestamp");
    KITCHEN_DESER("X-Bool: yes", "{}", "$.X-Bool", "true or false");
    KITCHEN_DESER("X-Ts: someday", "{}", "$.X-Ts", "timestamp");
    KITCHEN_DESER("X-Json: !!!!", "{}", "$.X-Json", "base64");
    KITCHEN_DESER("X-Json: e30", "{}", "$.X-Json", "base64");
    KITCHEN_DESER("X-Json: bm90IGpzb24=", "{}", "$.X-Json", "JSON");
    KITCHEN_DESER("X-List: \"open", "{}", "$.X-List", "unterminated");
}

SDKC_TEST(headers_only_output_ignores_the_body)
{
    s_expect(__LINE__, "kitchen", "HeadersOnly", 200, "X-Str: v", "<not json at all>",
             "{\"output\":{\"hdrStr\":\"v\"}}");
    s_expect(__LINE__, "kitchen", "NoOutput", 200, NULL, "[1,2", "{\"output\":{}}");
}

/* ---- documents (documents.smithy), proto model ----------------------------------------- */

SDKC_TEST(DocumentOutput)
{
    /* DocumentOutput, DocumentOutputString, ...Number, ...Boolean, ...Array:
     * a document member holds any JSON value, kept as is */
    PROTO("DocumentType", NULL, "{\"stringValue\":\"string\",\"documentValue\":{\"foo\":\"bar\"}}",
          "{\"output\":{\"stringValue\":\"string\",\"documentValue\":{\"foo\":\"bar\"}}}");
    PROTO("DocumentType", NULL, "{\"documentValue\":\"hello\"}",
          "{\"output\":{\"documentValue\":\"hello\"}}");
    PROTO("DocumentType", NULL, "{\"documentValue\":10}", "{\"output\":{\"documentValue\":10}}");
    PROTO("DocumentType", NULL, "{\"documentValue\":false}",
          "{\"output\":{\"documentValue\":false}}");
    PROTO("DocumentType", NULL, "{\"documentValue\":[true,false]}",
          "{\"output\":{\"documentValue\":[true,false]}}");
    /* inside a document nothing is a member: nulls, __type and unknown keys stay */
    PROTO("DocumentType", NULL, "{\"documentValue\":{\"a\":null,\"__type\":\"x\",\"b\":[null,{}]}}",
          "{\"output\":{\"documentValue\":{\"a\":null,\"__type\":\"x\",\"b\":[null,{}]}}}");
    /* a null document member is absent, like any null member
     * (RestJsonDoesntDeserializeNullStructureValues) */
    PROTO("DocumentType", NULL, "{\"documentValue\":null}", "{\"output\":{}}");
}

SDKC_TEST(document_list_elements)
{
    /* documents as list elements: every kind of JSON value; a null element
     * of a dense list is dropped as everywhere */
    PROTO("DocumentType", NULL, "{\"documentList\":[1,\"two\",{\"three\":[3]},[],true,null]}",
          "{\"output\":{\"documentList\":[1,\"two\",{\"three\":[3]},[],true]}}");
}

SDKC_TEST(DocumentTypeAsMapValueOutput)
{
    PROTO("DocumentTypeAsMapValue", NULL,
          "{\"docValuedMap\":{\"foo\":{\"f\":1,\"o\":2},\"bar\":[\"b\",\"a\",\"r\"],\"baz\":"
          "\"BAZ\"}}",
          "{\"output\":{\"docValuedMap\":{\"foo\":{\"f\":1,\"o\":2},\"bar\":[\"b\",\"a\",\"r\"],"
          "\"baz\":\"BAZ\"}}}");
}

SDKC_TEST(DocumentTypeAsPayloadOutput)
{
    PROTO("DocumentTypeAsPayload", "Content-Type: application/json", "{\"foo\":\"bar\"}",
          "{\"output\":{\"documentValue\":{\"foo\":\"bar\"}}}");
    /* DocumentTypeAsPayloadOutputString: the payload is any JSON value */
    PROTO("DocumentTypeAsPayload", NULL, "\"hello\"", "{\"output\":{\"documentValue\":\"hello\"}}");
    PROTO("DocumentTypeAsPayload", NULL, "[1,null]", "{\"output\":{\"documentValue\":[1,null]}}");
    /* empty body or JSON null: no payload */
    PROTO("DocumentTypeAsPayload", NULL, "", "{\"output\":{}}");
    PROTO("DocumentTypeAsPayload", NULL, "null", "{\"output\":{}}");
    PROTO_DESER("DocumentTypeAsPayload", NULL, "{\"foo\":", "malformed JSON body", "byte");
}

/* ---- httpPayload (http-payload.smithy, http-string-payload.smithy), proto model --------- */

SDKC_TEST(RestJsonHttpPayloadTraitsWithBlob)
{
    /* the raw body is the blob; output blobs are base64 text */
    PROTO("HttpPayloadTraits", "X-Foo: Foo", "blobby blob blob",
          "{\"output\":{\"foo\":\"Foo\",\"blob\":\"YmxvYmJ5IGJsb2IgYmxvYg==\"}}");
    /* any bytes: NUL, and bytes that are not UTF-8 */
    s_expect_len(__LINE__, "proto", "HttpPayloadTraits", 200, NULL, "\0\xff\x80", 3,
                 "{\"output\":{\"blob\":\"AP+A\"}}");
    /* a JSON-looking body is still just bytes */
    PROTO("HttpPayloadTraits", NULL, "{}", "{\"output\":{\"blob\":\"e30=\"}}");
}

SDKC_TEST(RestJsonHttpPayloadTraitsWithNoBlobBody)
{
    PROTO("HttpPayloadTraits", "X-Foo: Foo", "", "{\"output\":{\"foo\":\"Foo\"}}");
    PROTO("HttpPayloadTraits", NULL, NULL, "{\"output\":{}}");
}

SDKC_TEST(streaming_blob_payload_is_a_raw_blob)
{
    /* `streaming: true` on a blob payload changes nothing for a decoder
     * that has the whole body (http-bindings.rst httpPayload rule 1) */
    s_expect_len(__LINE__, "proto", "StreamingTraits", 200, "X-Foo: Foo", "\x01\x02\x03", 3,
                 "{\"output\":{\"foo\":\"Foo\",\"blob\":\"AQID\"}}");
    PROTO("StreamingTraits", NULL, "", "{\"output\":{}}");
}

SDKC_TEST(RestJsonStringPayloadResponse)
{
    PROTO("HttpStringPayload", "Content-Type: text/plain", "rawstring",
          "{\"output\":{\"payload\":\"rawstring\"}}");
    /* text, not JSON: JSON-looking text is kept as written */
    PROTO("HttpStringPayload", NULL, "{\"a\": 1}", "{\"output\":{\"payload\":\"{\\\"a\\\": 1}\"}}");
    PROTO("HttpStringPayload", NULL, "gr\xc3\xbc\xc3\x9f",
          "{\"output\":{\"payload\":\"gr\xc3\xbc\xc3\x9f\"}}");
    PROTO("HttpStringPayload", NULL, "", "{\"output\":{}}");
    /* a string is Unicode text: bytes that are not UTF-8 are refused; a NUL
     * (U+0000) is text, held as \u0000 is (core/json.h SDKC_JSON_NUL) */
    PROTO_DESER("HttpStringPayload", NULL, "ab\xc3\x28", "string payload",
                "not valid UTF-8 (byte 2)");
    s_expect_len(__LINE__, "proto", "HttpStringPayload", 200, NULL, "a\0b", 3,
                 "{\"output\":{\"payload\":\"a\\u0000b\"}}");
}

SDKC_TEST(RestJsonEnumPayloadResponse)
{
    PROTO("HttpEnumPayload", "Content-Type: text/plain", "enumvalue",
          "{\"output\":{\"payload\":\"enumvalue\"}}");
    /* enums are open (notes §3.3), in a payload too */
    PROTO("HttpEnumPayload", NULL, "newvalue", "{\"output\":{\"payload\":\"newvalue\"}}");
}

SDKC_TEST(RestJsonHttpPayloadWithStructure)
{
    /* the body is the structure itself, placed under the payload member;
     * members inside it are read by wire name; the status member still
     * comes from the status */
    PROTO("HttpPayloadWithStructure", NULL,
          "{\"greeting\":\"hello\",\"Name\":\"Phreddy\",\"extra\":1}",
          "{\"output\":{\"nested\":{\"greeting\":\"hello\",\"name\":\"Phreddy\"},\"status\":200}}");
    PROTO("HttpPayloadWithStructure", NULL, "", "{\"output\":{\"status\":200}}");
    PROTO_DESER("HttpPayloadWithStructure", NULL, "{\"greeting\":5}", "at $.greeting",
                "expected a string");
    PROTO_DESER("HttpPayloadWithStructure", NULL, "[]", "at $:", "NestedPayload");
    PROTO_DESER("HttpPayloadWithStructure", NULL, "hello", "malformed JSON body", NULL);
}

SDKC_TEST(RestJsonHttpPayloadWithUnion)
{
    PROTO("HttpPayloadWithUnion", NULL, "{\"greeting\":\"hello\"}",
          "{\"output\":{\"nested\":{\"greeting\":\"hello\"}}}");
    PROTO("HttpPayloadWithUnion", NULL, "{\"wave\":{}}",
          "{\"output\":{\"nested\":{\"SDK_UNKNOWN_MEMBER\":{\"name\":\"wave\"}}}}");
    PROTO_DESER("HttpPayloadWithUnion", NULL, "{\"greeting\":\"a\",\"farewell\":\"b\"}",
                "UnionPayload", "more than one");
}

SDKC_TEST(RestJsonHttpPayloadWithUnsetUnion)
{
    PROTO("HttpPayloadWithUnion", NULL, "", "{\"output\":{}}");
}

SDKC_TEST(payload_of_another_type_is_unsupported)
{
    /* aws-restjson1-protocol.rst: payloads target structures, documents,
     * strings, blobs or unions; a list payload is outside the protocol */
    s_expect_client_error(__LINE__, "unsupported", "proto", "ListPayload", 200, NULL, "[\"a\"]", 5,
                          "payload member items", "list");
    /* nothing to decode: nothing refused */
    PROTO("ListPayload", NULL, "", "{\"output\":{}}");
}

SDKC_TEST(event_stream_output_is_unsupported)
{
    /* an event stream body is binary frames (Smithy event streams), which
     * this codec does not decode: refused, naming the member */
    s_expect_client_error(__LINE__, "unsupported", "proto", "EventStreamOp", 200,
                          "X-Request-Id: r1", "", 0, "member events", "event stream");
    s_expect_client_error(__LINE__, "unsupported", "proto", "EventStreamOp", 200, NULL,
                          "\x00\x00\x00\x10", 4, "member events", "event stream");
    /* an error response of such an operation is an ordinary error */
    s_expect(__LINE__, "proto", "EventStreamOp", 500, "X-Amzn-Errortype: FooError", "",
             "{\"error\":{\"code\":\"FooError\",\"modeled\":true,\"httpStatus\":500,"
             "\"fault\":\"server\"}}");
}

/* ---- headers (http-headers.smithy, http-prefix-headers.smithy), proto model ------------- */

SDKC_TEST(MediaTypeHeaderOutputBase64)
{
    /* the value is base64 of the string; the member is that string */
    PROTO("MediaTypeHeader", "X-Json: dHJ1ZQ==", NULL, "{\"output\":{\"json\":\"true\"}}");
    /* {"a": [1]} */
    PROTO("MediaTypeHeader", "X-Json: eyJhIjogWzFdfQ==", NULL,
          "{\"output\":{\"json\":\"{\\\"a\\\": [1]}\"}}");
    PROTO_DESER("MediaTypeHeader", "X-Json: dHJ1ZQ", "", "$.X-Json", "base64");
    /* base64 of 0xff: not text */
    PROTO_DESER("MediaTypeHeader", "X-Json: /w==", "", "$.X-Json", "UTF-8");
    /* base64 of "tru": botocore's jsonvalue marks the text as JSON */
    PROTO_DESER("MediaTypeHeader", "X-Json: dHJ1", "", "$.X-Json", "JSON");
}

SDKC_TEST(RestJsonNullAndEmptyHeaders)
{
    /* the response mirror of the Smithy test: an absent header is an absent
     * member, an empty string header the empty string, an empty list
     * header the empty list */
    PROTO("NullAndEmptyHeaders", "X-B: \nX-C: ", NULL, "{\"output\":{\"b\":\"\",\"c\":[]}}");
    PROTO("NullAndEmptyHeaders", NULL, NULL, "{\"output\":{}}");
}

SDKC_TEST(RestJsonInputAndOutputWithStringHeaders)
{
    PROTO("InputAndOutputWithHeaders", "X-String: Hello\nX-StringList: a, b, c", NULL,
          "{\"output\":{\"headerString\":\"Hello\",\"headerStringList\":[\"a\",\"b\",\"c\"]}}");
    PROTO("InputAndOutputWithHeaders", "X-EnumList: Foo, Bar, Baz\nX-IntegerList: 1, 2, 3", NULL,
          "{\"output\":{\"headerEnumList\":[\"Foo\",\"Bar\",\"Baz\"],\"headerIntegerList\":[1,2,3]}"
          "}");
}

SDKC_TEST(RestJsonInputAndOutputWithQuotedStringHeaders)
{
    /* RFC 9110 §5.6.4: a quoted item may hold commas and quoted-pairs */
    PROTO("InputAndOutputWithHeaders", "X-StringList: \"b,c\", \"\\\"def\\\"\", a", NULL,
          "{\"output\":{\"headerStringList\":[\"b,c\",\"\\\"def\\\"\",\"a\"]}}");
    PROTO("InputAndOutputWithHeaders", "X-StringList: \"a\\\\b\",\"\",c", NULL,
          "{\"output\":{\"headerStringList\":[\"a\\\\b\",\"\",\"c\"]}}");
    PROTO_DESER("InputAndOutputWithHeaders", "X-StringList: \"ab\" c", "", "$.X-StringList",
                "after a quoted string");
}

SDKC_TEST(RestJsonInputAndOutputWithTimestampHeaders)
{
    /* IMF-fixdates hold a comma: the list splits after "GMT" items */
    PROTO("InputAndOutputWithHeaders",
          "X-TimestampList: Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT", NULL,
          "{\"output\":{\"headerTimestampList\":[1576540098,1576540098]}}");
}

SDKC_TEST(header_list_over_several_field_lines)
{
    /* RFC 9110 §5.3 and Smithy httpHeader: a list may come as one field
     * line per item; the lines are joined in order */
    PROTO("InputAndOutputWithHeaders", "X-StringList: a\nx-stringlist: b, c\nX-String: s", NULL,
          "{\"output\":{\"headerString\":\"s\",\"headerStringList\":[\"a\",\"b\",\"c\"]}}");
    PROTO("InputAndOutputWithHeaders",
          "X-TimestampList: Mon, 16 Dec 2019 23:48:18 GMT\nX-TimestampList: 0", NULL,
          "{\"output\":{\"headerTimestampList\":[1576540098,0]}}");
}

SDKC_TEST(RestJsonSupportsNaNFloatHeaderOutputs)
{
    /* with ...InfinityFloatHeaderOutputs and ...NegativeInfinityFloatHeaderOutputs:
     * the three non-numbers are kept as strings (JSON has no such numbers) */
    PROTO("InputAndOutputWithHeaders", "X-Float: NaN\nX-Double: NaN", NULL,
          "{\"output\":{\"headerFloat\":\"NaN\",\"headerDouble\":\"NaN\"}}");
    PROTO("InputAndOutputWithHeaders", "X-Float: Infinity\nX-Double: -Infinity", NULL,
          "{\"output\":{\"headerFloat\":\"Infinity\",\"headerDouble\":\"-Infinity\"}}");
    PROTO_DESER("InputAndOutputWithHeaders", "X-Float: nan", "", "$.X-Float", "number");
    PROTO_DESER("InputAndOutputWithHeaders", "X-Double: inf", "", "$.X-Double", "number");
}

SDKC_TEST(RestJsonSupportsNaNFloatInputs)
{
    /* the output twins of ...NaNFloatInputs, ...InfinityFloatInputs,
     * ...NegativeInfinityFloatInputs: JSON strings in the body */
    PROTO("SimpleScalarProperties", NULL, "{\"floatValue\":\"NaN\",\"DoubleDribble\":\"NaN\"}",
          "{\"output\":{\"floatValue\":\"NaN\",\"doubleValue\":\"NaN\"}}");
    PROTO("SimpleScalarProperties", NULL,
          "{\"floatValue\":\"Infinity\",\"DoubleDribble\":\"-Infinity\"}",
          "{\"output\":{\"floatValue\":\"Infinity\",\"doubleValue\":\"-Infinity\"}}");
    PROTO_DESER("SimpleScalarProperties", NULL, "{\"floatValue\":\"infinity\"}", "$.floatValue",
                "got string");
}

SDKC_TEST(RestJsonHttpPrefixHeadersArePresent)
{
    PROTO(
        "HttpPrefixHeaders", "x-foo: Foo\nx-foo-abc: Abc value\nx-foo-def: Def value", NULL,
        "{\"output\":{\"foo\":\"Foo\",\"fooMap\":{\"abc\":\"Abc value\",\"def\":\"Def value\"}}}");
    /* RestJsonHttpPrefixEmptyHeaders, read back: an empty value is "" */
    PROTO("HttpPrefixHeaders", "X-Foo-Abc: ", NULL, "{\"output\":{\"fooMap\":{\"Abc\":\"\"}}}");
    /* RestJsonHttpPrefixHeadersAreNotPresent: no such header, no map */
    PROTO("HttpPrefixHeaders", "x-foo: Foo", NULL, "{\"output\":{\"foo\":\"Foo\"}}");
}

SDKC_TEST(HttpPrefixHeadersResponse)
{
    /* the empty prefix binds every header, names as sent */
    PROTO("HttpPrefixHeadersInResponse", "hello: Hello\nx-foo: Foo", NULL,
          "{\"output\":{\"prefixHeaders\":{\"hello\":\"Hello\",\"x-foo\":\"Foo\"}}}");
}

SDKC_TEST(RestJsonHttpResponseCodeStatusMember)
{
    /* RestJsonHttpResponseCode and ...WithNoPayload with the @httpResponseCode
     * member (`location: statusCode`) of the Smithy model */
    s_expect(__LINE__, "proto", "HttpResponseCode", 201, NULL, "{}",
             "{\"output\":{\"Status\":201}}");
    s_expect(__LINE__, "proto", "HttpResponseCode", 201, NULL, "", "{\"output\":{\"Status\":201}}");
}

/* ---- sparse collections (json-lists.smithy, json-maps.smithy), proto model ------------ */

SDKC_TEST(RestJsonSparseListsSerializeNull)
{
    /* the response test of that id: a null element of a sparse list is a value */
    PROTO("SparseCollections", NULL, "{\"sparseStringList\":[null,\"hi\"]}",
          "{\"output\":{\"sparseStringList\":[null,\"hi\"]}}");
}

SDKC_TEST(RestJsonDeserializesSparseNullMapValues)
{
    PROTO("SparseCollections", NULL,
          "{\"sparseStructMap\":{\"x\":null,\"y\":{\"greeting\":\"g\"}}}",
          "{\"output\":{\"sparseStructMap\":{\"x\":null,\"y\":{\"greeting\":\"g\"}}}}");
    /* RestJsonDeserializesSparseSetMapAndRetainsNull, and its dense twin
     * RestJsonDeserializesDenseSetMapAndSkipsNull */
    PROTO("SparseCollections", NULL,
          "{\"sparseSetMap\":{\"x\":[],\"y\":[\"a\",\"b\"],\"z\":null},"
          "\"denseSetMap\":{\"x\":[],\"y\":[\"a\",\"b\"],\"z\":null}}",
          "{\"output\":{\"sparseSetMap\":{\"x\":[],\"y\":[\"a\",\"b\"],\"z\":null},"
          "\"denseSetMap\":{\"x\":[],\"y\":[\"a\",\"b\"]}}}");
    /* a sparse collection's null member itself is still absent */
    PROTO("SparseCollections", NULL, "{\"sparseStringList\":null}", "{\"output\":{}}");
}

/* ---- the official response cases, as botocore translated them ----------------------- */

/* botocore's translation of the Smithy restJson1 response tests (notes
 * §2.3): every case decodes to its expected result here. */
#define S_OUTPUT_SUITE SDKC_SHARED_DIR "/testdata/protocol-tests/rest-json/output.json"
/* Cases in the translation this test was written against (botocore
 * 1.43.x): fewer means the file is not the one meant. */
#define S_OUTPUT_SUITE_MIN_CASES 91

/* botocore's expected results write a blob as its text; result documents
 * carry the base64 of the bytes (DESIGN.md, result contract). */
static sdkc_result s_expected_blobs(const struct sdkc_shape *shape, cJSON *v)
{
    const struct sdkc_member *m;
    struct sdkc_buf b;
    sdkc_result result = SDKC_OK;
    cJSON *child;

    if (!shape || !v)
        return SDKC_OK;
    switch (shape->type) {
    case SDKC_SHAPE_BLOB:
        if (!cJSON_IsString(v))
            return SDKC_OK;
        sdkc_buf_init(&b, 0);
        result = sdkc_base64_encode(&b, v->valuestring, strlen(v->valuestring));
        if (!result) {
            cJSON_free(v->valuestring);
            v->valuestring = sdkc_buf_steal(&b, NULL);
        }
        sdkc_buf_clean_up(&b);
        return result;
    case SDKC_SHAPE_STRUCTURE:
        if (shape->is_document)
            return SDKC_OK;
        for (child = v->child; child && !result; child = child->next) {
            m = child->string ? sdkc_shape_find_member(shape, child->string) : NULL;
            if (m)
                result = s_expected_blobs(m->shape, child);
        }
        return result;
    case SDKC_SHAPE_LIST:
        for (child = v->child; child && !result; child = child->next)
            result = s_expected_blobs(shape->list_member ? shape->list_member->shape : NULL, child);
        return result;
    case SDKC_SHAPE_MAP:
        for (child = v->child; child && !result; child = child->next)
            result = s_expected_blobs(shape->map_value ? shape->map_value->shape : NULL, child);
        return result;
    default: return SDKC_OK;
    }
}

/* The model of one suite with one case's operation: the suite's metadata
 * (with the defaults a botocore model would have) and shapes. */
static struct sdkc_spec *s_suite_spec(const cJSON *suite, const cJSON *given, const char *id)
{
    static const char *const defaults[][2] = {
        {"serviceId", "RestJson"}, {"signingName", "restjson"}, {"endpointPrefix", "restjson"}};
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;
    cJSON *root = cJSON_CreateObject(), *md, *ops = cJSON_CreateObject();
    const cJSON *name = sdkc_json_get(given, "name");
    size_t i;

    md = cJSON_Duplicate(sdkc_json_get(suite, "metadata"), 1);
    for (i = 0; md && i < sizeof(defaults) / sizeof(defaults[0]); i++)
        if (!sdkc_json_get(md, defaults[i][0]))
            cJSON_AddStringToObject(md, defaults[i][0], defaults[i][1]);
    if (root && md && ops && cJSON_IsString(name)) {
        cJSON_AddItemToObject(root, "metadata", md);
        md = NULL;
        cJSON_AddItemToObject(ops, name->valuestring, cJSON_Duplicate(given, 1));
        cJSON_AddItemToObject(root, "operations", ops);
        ops = NULL;
        cJSON_AddItemToObject(root, "shapes", cJSON_Duplicate(sdkc_json_get(suite, "shapes"), 1));
        sdkc_error_init(&err);
        if (sdkc_spec_load_json(root, id, &spec, &err) != SDKC_OK)
            fprintf(stderr, "%s: model: %s\n", id, err.msg);
    }
    cJSON_Delete(md);
    cJSON_Delete(ops);
    cJSON_Delete(root);
    return spec;
}

/* Decode one case; 1 when the result is the expected one (else a message). */
static int s_suite_case(const cJSON *suite, const cJSON *c)
{
    const char *id = cJSON_GetStringValue(sdkc_json_get(c, "id"));
    const cJSON *given = sdkc_json_get(c, "given"), *resp = sdkc_json_get(c, "response");
    const cJSON *body = sdkc_json_get(resp, "body"), *h, *code = sdkc_json_get(c, "errorCode");
    const cJSON *status = sdkc_json_get(resp, "status_code");
    struct sdkc_spec *spec = s_suite_spec(suite, given, id ? id : "?");
    const struct sdkc_operation *op;
    struct sdkc_http_response r;
    cJSON *doc = NULL, *want = NULL, *got, *m, *next;
    char *text = NULL;
    int ok = 0;

    sdkc_http_response_init(&r);
    if (!spec || !cJSON_IsNumber(status))
        goto done;
    op = sdkc_spec_find_operation(spec, cJSON_GetStringValue(sdkc_json_get(given, "name")));
    r.status = (int)status->valuedouble;
    for (h = sdkc_json_get(resp, "headers") ? sdkc_json_get(resp, "headers")->child : NULL; h;
         h = h->next)
        if (!cJSON_IsString(h) || sdkc_http_headers_add(&r.headers, h->string, h->valuestring))
            goto done;
    if (cJSON_IsString(body) && body->valuestring[0]) {
        r.body_len = strlen(body->valuestring);
        r.body = sdkc_memdup(body->valuestring, r.body_len + 1);
        if (!r.body)
            goto done;
    }
    if (sdkc_codec_decode(spec, op, &r, &doc, NULL) != SDKC_OK)
        goto done;
    if (cJSON_IsString(code)) {
        /* an error: the code, and the members botocore's `error` lists but
         * the message (errors.c rules 8 and 10) */
        got = sdkc_json_get(doc, "error");
        want = cJSON_Duplicate(sdkc_json_get(c, "error"), 1);
        if (!want)
            want = cJSON_CreateObject();
        for (m = want ? want->child : NULL; m; m = next) {
            next = m->next;
            if (strcasecmp(m->string, "message") == 0)
                cJSON_Delete(cJSON_DetachItemViaPointer(want, m));
        }
        ok = got && cJSON_IsString(sdkc_json_get(got, "code")) &&
             strcmp(sdkc_json_get(got, "code")->valuestring, code->valuestring) == 0 &&
             (want && want->child ? sdkc_json_equal(sdkc_json_get(got, "members"), want)
                                  : !sdkc_json_get(got, "members"));
    } else {
        want = cJSON_Duplicate(sdkc_json_get(c, "result"), 1);
        if (!want)
            want = cJSON_CreateObject();
        ok = want && s_expected_blobs(op ? op->output : NULL, want) == SDKC_OK &&
             sdkc_json_equal(sdkc_json_get(doc, "output"), want);
    }
done:
    if (!ok) {
        if (doc)
            sdkc_json_print(doc, 0, &text, NULL);
        fprintf(stderr, "FAIL %s: got %s\n", id ? id : "?", text ? text : "(no document)");
    }
    sdkc_free(text);
    cJSON_Delete(doc);
    cJSON_Delete(want);
    sdkc_http_response_clean_up(&r);
    sdkc_spec_destroy(spec);
    return ok;
}

SDKC_TEST(official_restjson1_output_cases)
{
    cJSON *suites = NULL;
    const cJSON *suite, *c;
    size_t total = 0, passed = 0;

    if (access(S_OUTPUT_SUITE, R_OK) != 0) {
        fprintf(stderr, "SKIP: %s is not available\n", S_OUTPUT_SUITE);
        exit(77);
    }
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse_file(S_OUTPUT_SUITE, NULL, &suites, NULL), SDKC_OK);
    cJSON_ArrayForEach(suite, suites)
    {
        cJSON_ArrayForEach(c, sdkc_json_get(suite, "cases"))
        {
            total++;
            passed += (size_t)s_suite_case(suite, c);
        }
    }
    fprintf(stderr, "official restJson1 response cases: %zu/%zu\n", passed, total);
    CU_ASSERT_TRUE(total >= S_OUTPUT_SUITE_MIN_CASES);
    CU_ASSERT_EQUAL(passed, total);
    cJSON_Delete(suites);
}

/* ---- robustness: mutated bodies always give a document ------------------------------ */

SDKC_TEST(mutated_bodies_never_crash)
{
    struct sdkc_spec *spec = s_spec("datazone");
    const struct sdkc_operation *op;
    const size_t n = sizeof(s_iam_body) - 1;
    uint32_t seed = 12345;
    int i, kinds[3] = {0, 0, 0};

    CU_ASSERT_PTR_NOT_NULL_FATAL(spec);
    op = sdkc_spec_find_operation(spec, "CreateUserProfile");
    for (i = 0; i < 3000; i++) {
        struct sdkc_http_response r;
        cJSON *doc = NULL;
        const char *kind;
        size_t k, flips = 1 + (size_t)(i % 4);
        char *body;

        sdkc_test_response(&r, i % 7 == 0 ? 400 : 201, NULL, s_iam_body, n);
        body = r.body;
        for (k = 0; k < flips; k++) {
            seed = seed * 1103515245u + 12345u;
            body[(seed >> 8) % n] = "{}[]\":,nul0\\x\x80 \x00"[(seed >> 20) % 17];
        }
        if (i % 5 == 0)
            r.body_len = (seed >> 4) % n; /* truncated */
        CU_ASSERT_EQUAL(sdkc_codec_decode(spec, op, &r, &doc, NULL), SDKC_OK);
        kind = sdkc_result_kind(doc);
        CU_ASSERT_PTR_NOT_NULL(kind);
        if (kind)
            kinds[kind[0] == 'o' ? 0 : kind[0] == 'e' ? 1 : 2]++;
        cJSON_Delete(doc);
        sdkc_http_response_clean_up(&r);
    }
    /* the mutations reach all three kinds of result */
    CU_ASSERT_TRUE(kinds[0] > 0 && kinds[1] > 0 && kinds[2] > 0);
    sdkc_spec_destroy(spec);
}

/* ---- fault injection ------------------------------------------------------------------ */

struct s_walk {
    struct sdkc_spec *spec;
    const struct sdkc_operation *op;
    struct sdkc_http_response resp;
    cJSON *want; /* parsed before the walk */
};

static int s_walk_decode(void *ctx)
{
    struct s_walk *w = ctx;
    cJSON *doc = NULL;
    sdkc_result result = sdkc_codec_decode(w->spec, w->op, &w->resp, &doc, NULL);

    if (result == SDKC_OK) {
        CU_ASSERT_TRUE(doc && sdkc_json_equal(doc, w->want)); /* never a degraded document */
    } else {
        CU_ASSERT_PTR_NULL(doc);
    }
    cJSON_Delete(doc);
    return result;
}

static void s_walk(const char *what, const char *model, const char *op, int status,
                   const char *headers, const char *body, const char *want)
{
    struct s_walk w;
    uint64_t sites;

    w.spec = s_spec(model);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w.spec);
    w.op = sdkc_spec_find_operation(w.spec, op);
    sdkc_test_response(&w.resp, status, headers, body, strlen(body));
    w.want = NULL;
    if (want) {
        CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(want, strlen(want), NULL, &w.want, NULL), SDKC_OK);
    } else {
        /* the reference is an unfaulted run; callers check its content */
        CU_ASSERT_EQUAL_FATAL(sdkc_codec_decode(w.spec, w.op, &w.resp, &w.want, NULL), SDKC_OK);
    }
    sites = sdkc_test_fault_walk(what, s_walk_decode, &w, NULL);
    CU_ASSERT_TRUE(sites >= 2);
    cJSON_Delete(w.want);
    sdkc_http_response_clean_up(&w.resp);
    sdkc_spec_destroy(w.spec);
}

SDKC_TEST(fault_walk_success_with_union)
{
    s_walk("iam success", "datazone", "CreateUserProfile", 201, NULL, s_iam_body,
           "{\"output\":{\"domainId\":\"dzd_1\",\"id\":\"u-1\",\"type\":\"IAM\",\"status\":"
           "\"ACTIVATED\","
           "\"details\":{\"iam\":{\"arn\":\"arn:aws:iam::123456789012:role/"
           "r\",\"principalId\":\"AROA1\"}}}}");
    s_walk("unknown member", "datazone", "CreateUserProfile", 201, NULL,
           "{\"details\":{\"__type\":\"t\",\"saml\":{}}}",
           "{\"output\":{\"details\":{\"SDK_UNKNOWN_MEMBER\":{\"name\":\"saml\"}}}}");
}

SDKC_TEST(fault_walk_error)
{
    s_walk("error", "datazone", "CreateUserProfile", 404,
           "X-Amzn-Errortype: ResourceNotFoundException", "{\"message\":\"no domain\"}",
           "{\"error\":{\"code\":\"ResourceNotFoundException\",\"message\":\"no domain\","
           "\"modeled\":true,\"httpStatus\":404,\"fault\":\"client\"}}");
}

SDKC_TEST(fault_walk_malformed_and_mismatch)
{
    /* the parser's wording is core/json's; the offset and kind are ours */
    s_expect_deser(__LINE__, "datazone", "CreateUserProfile", 201, NULL, "{\"id\":", 6,
                   "malformed JSON body", "byte 6");
    s_walk("malformed", "datazone", "CreateUserProfile", 201, NULL, "{\"id\":", NULL);
    s_expect_deser(__LINE__, "datazone", "CreateUserProfile", 201, NULL,
                   "{\"details\":{\"iam\":{\"arn\":7}}}", 29,
                   "at $.details.iam.arn: expected a string", NULL);
    s_walk("mismatch", "datazone", "CreateUserProfile", 201, NULL,
           "{\"details\":{\"iam\":{\"arn\":7}}}",
           "{\"clientError\":{\"kind\":\"deserialization\",\"message\":"
           "\"at $.details.iam.arn: expected a string (shape String), got number\"}}");
}

SDKC_TEST(fault_walk_kitchen)
{
    s_walk(
        "kitchen", "kitchen", "GetKitchen", 200, "X-List: a,b\nX-Json: e30=\nX-Meta-K: v\nX-Ts: 0",
        "{\"wireName\":\"w\",\"ts\":\"2019-12-16T23:48:18Z\",\"list\":[\"a\",null],"
        "\"map\":{\"k\":\"v\"},\"choices\":[{\"x\":1},{\"RENAMED\":\"r\"}],\"junk\":[1,2,3]}",
        "{\"output\":{\"renamed\":\"w\",\"ts\":1576540098,\"list\":[\"a\"],\"map\":{\"k\":\"v\"},"
        "\"choices\":[{\"SDK_UNKNOWN_MEMBER\":{\"name\":\"x\"}},{\"renamedValue\":\"r\"}],"
        "\"hdrList\":[\"a\",\"b\"],\"hdrJson\":\"{}\",\"meta\":{\"K\":\"v\"},\"hdrTs\":0,"
        "\"status\":"
        "200}}");
}
