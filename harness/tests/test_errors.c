/* SPDX-License-Identifier: Apache-2.0
 *
 * Tests of codec/errors.c: rest-json error-code resolution. Every Smithy
 * error-resolution id of restjson-conformance-notes.md §1.3 appears as a
 * case of the same name, translated to DataZone CreateUserProfile's errors
 * (Smithy's FooError, a 500 server error, becomes InternalServerException;
 * InvalidGreeting, a 400, becomes ValidationException; ComplexError, a 403,
 * becomes AccessDeniedException). The expected documents are exact.
 *
 * The spec is the bundled DataZone model plus two service-level error
 * shapes the operation does not list: ConflictException (as in the real
 * DataZone model, notes §3.1), LegacyCodeException, found by its
 * error.code "Legacy.Code", and two 5xx errors without `fault` (as botocore's
 * efs and kafka models have them) for the fault rule.
 */
#include <stdio.h>
#include <string.h>

#include "codec/codec.h"
#include "core/alloc.h"
#include "core/json.h"
#include "spec/spec.h"
#include "tests/test.h"

#define S_SPEC_PATH SDKC_SOURCE_DIR "/specs/datazone-createuserprofile.json"

static const char s_extra_shapes[] =
    "{\"ConflictException\":{\"type\":\"structure\",\"required\":[\"message\"],"
    "\"members\":{\"message\":{\"shape\":\"ErrorMessage\"}},"
    "\"error\":{\"httpStatusCode\":409,\"senderFault\":true},\"exception\":true},"
    "\"LegacyCodeException\":{\"type\":\"structure\",\"members\":{},"
    "\"error\":{\"code\":\"Legacy.Code\",\"httpStatusCode\":400,\"senderFault\":true},"
    "\"exception\":true},"
    "\"UnavailableException\":{\"type\":\"structure\",\"members\":{},"
    "\"error\":{\"httpStatusCode\":503},\"exception\":true},"
    "\"BlamedOnCallerException\":{\"type\":\"structure\",\"members\":{},"
    "\"error\":{\"httpStatusCode\":500,\"senderFault\":true},\"exception\":true}}";

/* The bundled model file with the extra service-level errors added. */
static struct sdkc_spec *s_spec(void)
{
    struct sdkc_error err;
    struct sdkc_spec *spec = NULL;
    cJSON *root = NULL, *extra = NULL, *shapes, *s, *next;

    sdkc_error_init(&err);
    if (sdkc_json_parse_file(S_SPEC_PATH, NULL, &root, &err) != SDKC_OK ||
        sdkc_json_parse(s_extra_shapes, strlen(s_extra_shapes), NULL, &extra, &err) != SDKC_OK) {
        fprintf(stderr, "test spec: %s\n", err.msg);
        goto done;
    }
    shapes = cJSON_GetObjectItemCaseSensitive(root, "shapes");
    for (s = extra->child; s; s = next) {
        next = s->next;
        cJSON_AddItemToObject(shapes, s->string, cJSON_DetachItemViaPointer(extra, s));
    }
    if (sdkc_spec_load_json(root, "test-spec", &spec, &err) != SDKC_OK)
        fprintf(stderr, "test spec: %s\n", err.msg);
done:
    cJSON_Delete(root);
    cJSON_Delete(extra);
    return spec;
}

/* The response model of test_decode.c: Smithy's GreetingWithErrors with
 * InvalidGreeting, ComplexError and FooError as errors.smithy has them,
 * plus error shapes with status, prefix-header, blob-payload and document
 * members. */
#define S_PROTO_MODEL SDKC_SOURCE_DIR "/harness/tests/data/codec/response-model.json"

static struct sdkc_spec *s_proto_spec(void)
{
    struct sdkc_error err;
    struct sdkc_spec *spec = NULL;

    sdkc_error_init(&err);
    if (sdkc_spec_load_file(S_PROTO_MODEL, &spec, &err) != SDKC_OK)
        fprintf(stderr, "proto spec: %s\n", err.msg);
    return spec;
}

/* Decode with `spec` (taken over) and operation `opname`; the document must
 * equal want_json, key order included when `ordered`. */
static void s_expect_in(int line, struct sdkc_spec *spec, const char *opname, int ordered,
                        int status, const char *headers, const char *body, const char *want_json)
{
    const struct sdkc_operation *op;
    struct sdkc_http_response r;
    struct sdkc_error err;
    cJSON *doc = NULL, *want = NULL;
    char *got = NULL, *wanted = NULL, msg[1024];
    int ok;

    CU_ASSERT_PTR_NOT_NULL_FATAL(spec);
    op = sdkc_spec_find_operation(spec, opname);
    CU_ASSERT_PTR_NOT_NULL_FATAL(op);
    sdkc_test_response(&r, status, headers, body, body ? strlen(body) : 0);
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_codec_decode(spec, op, &r, &doc, &err), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_json_parse(want_json, strlen(want_json), NULL, &want, NULL), SDKC_OK);
    if (doc)
        sdkc_json_print(doc, 0, &got, NULL);
    if (want)
        sdkc_json_print(want, 0, &wanted, NULL);
    ok = doc && want && sdkc_json_equal(doc, want);
    /* the printer keeps tree order: equal text means equal order */
    if (ordered)
        ok = ok && got && wanted && strcmp(got, wanted) == 0;
    snprintf(msg, sizeof(msg), "line %d: wanted %s, got %s", line, want_json,
             got ? got : "(no document)");
    CU_assertImplementation(ok, line, msg, __FILE__, "", CU_FALSE);
    sdkc_free(got);
    sdkc_free(wanted);
    cJSON_Delete(doc);
    cJSON_Delete(want);
    sdkc_http_response_clean_up(&r);
    sdkc_spec_destroy(spec);
}

static void s_expect(int line, int status, const char *headers, const char *body,
                     const char *want_json)
{
    s_expect_in(line, s_spec(), "CreateUserProfile", 0, status, headers, body, want_json);
}

#define EXPECT(status, headers, body, want) s_expect(__LINE__, status, headers, body, want)
/* GreetingWithErrors of the proto model; the key order is checked too. */
#define GREETING(status, headers, body, want)                                                      \
    s_expect_in(__LINE__, s_proto_spec(), "GreetingWithErrors", 1, status, headers, body, want)

#define ISE_500                                                                                    \
    "{\"error\":{\"code\":\"InternalServerException\",\"modeled\":true,\"httpStatus\":500,"        \
    "\"fault\":\"server\"}}"

/* ---- Smithy errors.smithy ids (notes §1.3) ---------------------------------- */

SDKC_TEST(RestJsonGreetingWithErrors)
{
    /* a success on an operation that has errors; 201 is DataZone's code */
    EXPECT(201, NULL, "{}", "{\"output\":{}}");
}

SDKC_TEST(RestJsonGreetingWithErrorsNoPayload)
{
    EXPECT(201, NULL, "", "{\"output\":{}}");
}

SDKC_TEST(RestJsonInvalidGreetingError)
{
    EXPECT(400, "X-Amzn-Errortype: ValidationException", "{\"Message\":\"Hi\"}",
           "{\"error\":{\"code\":\"ValidationException\",\"message\":\"Hi\",\"modeled\":true,"
           "\"httpStatus\":400,\"fault\":\"client\"}}");
}

SDKC_TEST(RestJsonComplexErrorWithNoMessage)
{
    EXPECT(403, "X-Amzn-Errortype: AccessDeniedException\nX-Header: Header",
           "{\"TopLevel\":\"Top level\",\"Nested\":{\"Fooooo\":\"bar\"}}",
           "{\"error\":{\"code\":\"AccessDeniedException\",\"modeled\":true,\"httpStatus\":403,"
           "\"fault\":\"client\"}}");
}

SDKC_TEST(RestJsonEmptyComplexErrorWithNoMessage)
{
    EXPECT(403, "X-Amzn-Errortype: AccessDeniedException", "{}",
           "{\"error\":{\"code\":\"AccessDeniedException\",\"modeled\":true,\"httpStatus\":403,"
           "\"fault\":\"client\"}}");
}

SDKC_TEST(RestJsonFooErrorUsingXAmznErrorType)
{
    EXPECT(500, "X-Amzn-Errortype: InternalServerException", NULL, ISE_500);
}

SDKC_TEST(RestJsonFooErrorUsingXAmznErrorTypeWithUri)
{
    EXPECT(500,
           "X-Amzn-Errortype: InternalServerException:http://internal.amazon.com/coral/"
           "com.amazon.coral.validate/",
           NULL, ISE_500);
}

SDKC_TEST(RestJsonFooErrorUsingXAmznErrorTypeWithUriAndNamespace)
{
    EXPECT(500,
           "X-Amzn-Errortype: aws.protocoltests.restjson#InternalServerException:http://"
           "internal.amazon.com/coral/com.amazon.coral.validate/",
           NULL, ISE_500);
}

SDKC_TEST(RestJsonFooErrorUsingXAmznErrorTypeWithUriAndDifferentNamespace)
{
    EXPECT(500,
           "X-Amzn-Errortype: aws.different.namespace#InternalServerException:http://"
           "internal.amazon.com/coral/com.amazon.coral.validate/",
           NULL, ISE_500);
}

SDKC_TEST(RestJsonFooErrorUsingCode)
{
    EXPECT(500, "Content-Type: application/json", "{\"code\":\"InternalServerException\"}",
           ISE_500);
}

SDKC_TEST(RestJsonFooErrorUsingCodeAndNamespace)
{
    EXPECT(500, NULL, "{\"code\":\"aws.protocoltests.restjson#InternalServerException\"}", ISE_500);
}

SDKC_TEST(RestJsonFooErrorUsingCodeUriAndNamespace)
{
    EXPECT(500, NULL,
           "{\"code\":\"aws.protocoltests.restjson#InternalServerException:http://"
           "internal.amazon.com/coral/com.amazon.coral.validate/\"}",
           ISE_500);
}

SDKC_TEST(RestJsonFooErrorWithDunderType)
{
    EXPECT(500, NULL, "{\"__type\":\"InternalServerException\"}", ISE_500);
}

SDKC_TEST(RestJsonFooErrorWithDunderTypeAndNamespace)
{
    EXPECT(500, NULL, "{\"__type\":\"aws.protocoltests.restjson#InternalServerException\"}",
           ISE_500);
}

SDKC_TEST(RestJsonFooErrorWithDunderTypeUriAndNamespace)
{
    EXPECT(500, NULL,
           "{\"__type\":\"aws.protocoltests.restjson#InternalServerException:http://"
           "internal.amazon.com/coral/com.amazon.coral.validate/\"}",
           ISE_500);
}

SDKC_TEST(RestJsonFooErrorWithNestedTypeProperty)
{
    EXPECT(500, NULL,
           "{\"__type\":\"aws.protocoltests.restjson#InternalServerException\","
           "\"ErrorDetails\":[{\"__type\":\"com.amazon.internal#ErrorDetails\","
           "\"reason\":\"Some reason\"}]}",
           ISE_500);
    /* and the nested __type alone identifies nothing */
    EXPECT(500, NULL,
           "{\"ErrorDetails\":[{\"__type\":\"com.amazon.internal#ValidationException\"}]}",
           "{\"error\":{\"modeled\":false,\"httpStatus\":500,\"fault\":\"server\"}}");
}

/* ---- precedence and lookup ---------------------------------------------------- */

SDKC_TEST(header_beats_body_code)
{
    /* botocore legacy output #13 case 2 */
    EXPECT(400, "X-Amzn-Errortype: ValidationException",
           "{\"code\":\"ThrottlingException\",\"__type\":\"ResourceNotFoundException\","
           "\"message\":\"m\"}",
           "{\"error\":{\"code\":\"ValidationException\",\"message\":\"m\",\"modeled\":true,"
           "\"httpStatus\":400,\"fault\":\"client\"}}");
}

SDKC_TEST(header_name_is_case_insensitive)
{
    EXPECT(429, "x-amzn-errortype: ThrottlingException", "{\"message\":\"slow down\"}",
           "{\"error\":{\"code\":\"ThrottlingException\",\"message\":\"slow down\","
           "\"modeled\":true,\"httpStatus\":429,\"fault\":\"client\"}}");
}

SDKC_TEST(code_beats_dunder_type)
{
    EXPECT(400, NULL, "{\"__type\":\"ThrottlingException\",\"code\":\"ValidationException\"}",
           "{\"error\":{\"code\":\"ValidationException\",\"modeled\":true,\"httpStatus\":400,"
           "\"fault\":\"client\"}}");
}

SDKC_TEST(empty_header_falls_through_to_body)
{
    EXPECT(400, "X-Amzn-Errortype: ", "{\"code\":\"ValidationException\"}",
           "{\"error\":{\"code\":\"ValidationException\",\"modeled\":true,\"httpStatus\":400,"
           "\"fault\":\"client\"}}");
    /* "ns#" and ":uri" sanitize to nothing: the body decides */
    EXPECT(400, "X-Amzn-Errortype: aws.ns#:http://x", "{\"__type\":\"UnauthorizedException\"}",
           "{\"error\":{\"code\":\"UnauthorizedException\",\"modeled\":true,\"httpStatus\":400,"
           "\"fault\":\"client\"}}");
}

SDKC_TEST(non_string_body_code_is_ignored)
{
    EXPECT(400, NULL, "{\"code\":400,\"__type\":\"ValidationException\"}",
           "{\"error\":{\"code\":\"ValidationException\",\"modeled\":true,\"httpStatus\":400,"
           "\"fault\":\"client\"}}");
}

SDKC_TEST(status_never_picks_the_error)
{
    /* notes §3.1: a 404 with ValidationException raises ValidationException */
    EXPECT(404, "X-Amzn-Errortype: ValidationException", "{\"message\":\"bad\"}",
           "{\"error\":{\"code\":\"ValidationException\",\"message\":\"bad\",\"modeled\":true,"
           "\"httpStatus\":404,\"fault\":\"client\"}}");
    /* a modeled client error on a 5xx keeps the shape's fault */
    EXPECT(503, "X-Amzn-Errortype: ThrottlingException", NULL,
           "{\"error\":{\"code\":\"ThrottlingException\",\"modeled\":true,\"httpStatus\":503,"
           "\"fault\":\"client\"}}");
    /* and a server error on a 4xx stays a server fault */
    EXPECT(400, "X-Amzn-Errortype: InternalServerException", NULL,
           "{\"error\":{\"code\":\"InternalServerException\",\"modeled\":true,"
           "\"httpStatus\":400,\"fault\":\"server\"}}");
}

SDKC_TEST(unmodeled_code_passes_through)
{
    EXPECT(400, "X-Amzn-Errortype: FooBarException", "{\"message\":\"who?\"}",
           "{\"error\":{\"code\":\"FooBarException\",\"message\":\"who?\",\"modeled\":false,"
           "\"httpStatus\":400,\"fault\":\"client\"}}");
    EXPECT(502, NULL, "{\"__type\":\"ns#BadGateway:uri\"}",
           "{\"error\":{\"code\":\"BadGateway\",\"modeled\":false,\"httpStatus\":502,"
           "\"fault\":\"server\"}}");
}

SDKC_TEST(service_level_modeled_code)
{
    /* ConflictException is a service error CreateUserProfile does not list */
    EXPECT(409, "X-Amzn-Errortype: ConflictException", "{\"message\":\"exists\"}",
           "{\"error\":{\"code\":\"ConflictException\",\"message\":\"exists\",\"modeled\":true,"
           "\"httpStatus\":409,\"fault\":\"client\"}}");
}

SDKC_TEST(modeled_by_error_code_trait)
{
    /* error.code "Legacy.Code" names the shape LegacyCodeException */
    EXPECT(400, NULL, "{\"__type\":\"Legacy.Code\"}",
           "{\"error\":{\"code\":\"LegacyCodeException\",\"modeled\":true,\"httpStatus\":400,"
           "\"fault\":\"client\"}}");
}

SDKC_TEST(fault_follows_the_model)
{
    /* no `fault` trait on a modeled 503: the modeled status makes it server
     * (js-v3's $fault for the same Smithy shape), whatever status came */
    EXPECT(503, "X-Amzn-Errortype: UnavailableException", "{}",
           "{\"error\":{\"code\":\"UnavailableException\",\"modeled\":true,"
           "\"httpStatus\":503,\"fault\":\"server\"}}");
    EXPECT(400, "X-Amzn-Errortype: UnavailableException", "{}",
           "{\"error\":{\"code\":\"UnavailableException\",\"modeled\":true,"
           "\"httpStatus\":400,\"fault\":\"server\"}}");
    /* senderFault says client even on a modeled 500 */
    EXPECT(500, "X-Amzn-Errortype: BlamedOnCallerException", "{}",
           "{\"error\":{\"code\":\"BlamedOnCallerException\",\"modeled\":true,"
           "\"httpStatus\":500,\"fault\":\"client\"}}");
}

SDKC_TEST(no_code_on_4xx_and_5xx)
{
    EXPECT(400, NULL, NULL,
           "{\"error\":{\"modeled\":false,\"httpStatus\":400,\"fault\":\"client\"}}");
    EXPECT(403, NULL, "{\"message\":\"m\"}",
           "{\"error\":{\"message\":\"m\",\"modeled\":false,\"httpStatus\":403,"
           "\"fault\":\"client\"}}");
    EXPECT(500, NULL, "{}",
           "{\"error\":{\"modeled\":false,\"httpStatus\":500,\"fault\":\"server\"}}");
    /* a redirect is an error too (>= 300), with no code */
    EXPECT(301, "Location: https://elsewhere/", NULL,
           "{\"error\":{\"modeled\":false,\"httpStatus\":301,\"fault\":\"client\"}}");
}

SDKC_TEST(html_5xx_body)
{
    static const char html[] = "<html><body><h1>503 Service Unavailable</h1></body></html>";
    EXPECT(503, "Content-Type: text/html", html,
           "{\"error\":{\"modeled\":false,\"httpStatus\":503,\"fault\":\"server\"}}");
    /* the header still identifies the error behind an HTML page */
    EXPECT(500, "X-Amzn-Errortype: InternalServerException\nContent-Type: text/html", html,
           ISE_500);
}

SDKC_TEST(empty_body_500_with_header)
{
    EXPECT(500, "X-Amzn-Errortype: InternalServerException\nContent-Length: 0", "", ISE_500);
}

SDKC_TEST(non_object_json_bodies)
{
    EXPECT(400, "X-Amzn-Errortype: ValidationException", "[\"message\",\"code\"]",
           "{\"error\":{\"code\":\"ValidationException\",\"modeled\":true,\"httpStatus\":400,"
           "\"fault\":\"client\"}}");
    EXPECT(400, NULL, "\"ValidationException\"",
           "{\"error\":{\"modeled\":false,\"httpStatus\":400,\"fault\":\"client\"}}");
    EXPECT(400, NULL, "{\"code\":\"ValidationException\"", /* truncated: not consulted */
           "{\"error\":{\"modeled\":false,\"httpStatus\":400,\"fault\":\"client\"}}");
}

SDKC_TEST(message_vs_Message)
{
    EXPECT(400, "X-Amzn-Errortype: ValidationException",
           "{\"message\":\"lower\",\"Message\":\"upper\"}",
           "{\"error\":{\"code\":\"ValidationException\",\"message\":\"lower\",\"modeled\":true,"
           "\"httpStatus\":400,\"fault\":\"client\"}}");
    EXPECT(400, "X-Amzn-Errortype: ValidationException", "{\"Message\":\"upper\"}",
           "{\"error\":{\"code\":\"ValidationException\",\"message\":\"upper\",\"modeled\":true,"
           "\"httpStatus\":400,\"fault\":\"client\"}}");
    /* a non-string message is not a message */
    EXPECT(400, "X-Amzn-Errortype: ValidationException",
           "{\"message\":{\"text\":\"x\"},\"Message\":\"upper\"}",
           "{\"error\":{\"code\":\"ValidationException\",\"message\":\"upper\",\"modeled\":true,"
           "\"httpStatus\":400,\"fault\":\"client\"}}");
}

SDKC_TEST(nul_in_a_code)
{
    /* \u0000 in a body code is U+0000 and stays so (SDKC_JSON_NUL); the
     * same bytes raw in a header are not UTF-8 text: scrubbed */
    EXPECT(429, NULL, "{\"code\":\"a\\u0000b:uri\"}",
           "{\"error\":{\"code\":\"a\\u0000b\",\"modeled\":false,\"httpStatus\":429,"
           "\"fault\":\"client\"}}");
    EXPECT(429,
           "X-Amzn-Errortype: a\xc0\x80"
           "b",
           NULL,
           "{\"error\":{\"code\":\"a??b\",\"modeled\":false,\"httpStatus\":429,"
           "\"fault\":\"client\"}}");
}

SDKC_TEST(error_header_on_success_is_ignored)
{
    /* notes §3.6: X-Amzn-Errortype on a 2xx is still a success */
    EXPECT(201, "X-Amzn-Errortype: ValidationException", "{\"id\":\"u1\"}",
           "{\"output\":{\"id\":\"u1\"}}");
}

/* ---- sanitizing (aws-restjson1-protocol.rst) ------------------------------------ */

static void s_san(const char *raw, const char *want, size_t out_size)
{
    char out[64];
    memset(out, 'x', sizeof(out));
    sdkc_codec_sanitize_error_code(raw, strlen(raw), out, out_size);
    CU_ASSERT_STRING_EQUAL(out, want);
}

SDKC_TEST(sanitize_error_code)
{
    s_san("FooError", "FooError", 64);
    s_san("FooError:http://internal.amazon.com/coral/", "FooError", 64);
    s_san("aws.protocoltests.restjson#FooError", "FooError", 64);
    s_san("aws.protocoltests.restjson#FooError:http://x#y", "FooError", 64);
    /* ':' is cut first, so a '#' inside the URI never counts */
    s_san("FooError:http://x/#frag", "FooError", 64);
    /* the FIRST '#' (Smithy text), where botocore's rsplit keeps "c" */
    s_san("a#b#c", "b#c", 64);
    s_san("#WasUnableToParseThis", "WasUnableToParseThis", 64);
    s_san(":only-uri", "", 64);
    s_san("", "", 64);
    s_san("LongerThanTheBuffer", "Long", 5);
}

/* ---- modeled error members (result document "members", errors.c rule 10) ---- */

SDKC_TEST(RestJsonComplexErrorWithNoMessage_members)
{
    /* RestJsonComplexErrorWithNoMessage as Smithy has it: Header from the
     * X-Header header, TopLevel from the body, Nested read by its wire
     * names; "members" comes last */
    GREETING(403, "X-Amzn-Errortype: ComplexError\nX-Header: Header",
             "{\"TopLevel\":\"Top level\",\"Nested\":{\"Fooooo\":\"bar\"}}",
             "{\"error\":{\"code\":\"ComplexError\",\"modeled\":true,\"httpStatus\":403,"
             "\"fault\":\"client\",\"members\":{\"TopLevel\":\"Top level\","
             "\"Nested\":{\"Foo\":\"bar\"},\"Header\":\"Header\"}}}");
    /* the code may come from the body; its key is not a member */
    GREETING(403, "X-Header: H", "{\"__type\":\"aws.protocoltests.restjson#ComplexError\"}",
             "{\"error\":{\"code\":\"ComplexError\",\"modeled\":true,\"httpStatus\":403,"
             "\"fault\":\"client\",\"members\":{\"Header\":\"H\"}}}");
}

SDKC_TEST(RestJsonEmptyComplexErrorWithNoMessage_members)
{
    /* no member set: no "members" key */
    GREETING(403, "X-Amzn-Errortype: ComplexError", "{}",
             "{\"error\":{\"code\":\"ComplexError\",\"modeled\":true,\"httpStatus\":403,"
             "\"fault\":\"client\"}}");
    /* null and unknown keys set nothing */
    GREETING(403, "X-Amzn-Errortype: ComplexError", "{\"TopLevel\":null,\"Other\":1}",
             "{\"error\":{\"code\":\"ComplexError\",\"modeled\":true,\"httpStatus\":403,"
             "\"fault\":\"client\"}}");
}

SDKC_TEST(RestJsonInvalidGreetingError_message_is_not_a_member)
{
    /* InvalidGreeting's only member is its Message: the error's message */
    GREETING(400, "X-Amzn-Errortype: InvalidGreeting", "{\"Message\":\"Hi\"}",
             "{\"error\":{\"code\":\"InvalidGreeting\",\"message\":\"Hi\",\"modeled\":true,"
             "\"httpStatus\":400,\"fault\":\"client\"}}");
}

SDKC_TEST(error_members_from_status_and_prefix_headers)
{
    /* botocore legacy output #13 case 0: a statusCode member of an error
     * is the status; headers maps and body members as for an output; the
     * message member stays the message, in either case */
    GREETING(429, "X-Amzn-Errortype: StatusError\nX-Meta-Region: eu",
             "{\"message\":\"slow down\",\"Count\":3}",
             "{\"error\":{\"code\":\"StatusError\",\"message\":\"slow down\",\"modeled\":true,"
             "\"httpStatus\":429,\"fault\":\"client\",\"members\":{\"Count\":3,\"Status\":429,"
             "\"Meta\":{\"Region\":\"eu\"}}}}");
    GREETING(429, "X-Amzn-Errortype: StatusError", "{\"Message\":\"m\"}",
             "{\"error\":{\"code\":\"StatusError\",\"message\":\"m\",\"modeled\":true,"
             "\"httpStatus\":429,\"fault\":\"client\",\"members\":{\"Status\":429}}}");
}

SDKC_TEST(error_members_payload_and_document)
{
    /* an error with an httpPayload blob: the raw body is the member */
    GREETING(400, "X-Amzn-Errortype: BlobPayloadError", "raw bytes",
             "{\"error\":{\"code\":\"BlobPayloadError\",\"modeled\":true,\"httpStatus\":400,"
             "\"fault\":\"client\",\"members\":{\"data\":\"cmF3IGJ5dGVz\"}}}");
    /* a document member keeps any JSON value */
    GREETING(400, "X-Amzn-Errortype: DocumentError", "{\"detail\":[1,{\"k\":null}]}",
             "{\"error\":{\"code\":\"DocumentError\",\"modeled\":true,\"httpStatus\":400,"
             "\"fault\":\"client\",\"members\":{\"detail\":[1,{\"k\":null}]}}}");
}

SDKC_TEST(error_members_when_the_body_is_not_json)
{
    /* rule 8: the error stands on the header; bound members still count */
    GREETING(403, "X-Amzn-Errortype: ComplexError\nX-Header: H", "<html>denied</html>",
             "{\"error\":{\"code\":\"ComplexError\",\"modeled\":true,\"httpStatus\":403,"
             "\"fault\":\"client\",\"members\":{\"Header\":\"H\"}}}");
    GREETING(403, "X-Amzn-Errortype: ComplexError", "[\"TopLevel\"]",
             "{\"error\":{\"code\":\"ComplexError\",\"modeled\":true,\"httpStatus\":403,"
             "\"fault\":\"client\"}}");
}

SDKC_TEST(unmodeled_errors_have_no_members)
{
    GREETING(403, "X-Amzn-Errortype: NotInTheModel\nX-Header: H", "{\"TopLevel\":\"t\"}",
             "{\"error\":{\"code\":\"NotInTheModel\",\"modeled\":false,\"httpStatus\":403,"
             "\"fault\":\"client\"}}");
}

SDKC_TEST(error_member_of_the_wrong_type)
{
    /* present but not of its shape: the modeled exception cannot be built,
     * a deserialization clientError naming the shape and the path */
    GREETING(403, "X-Amzn-Errortype: ComplexError", "{\"TopLevel\":5}",
             "{\"clientError\":{\"kind\":\"deserialization\",\"message\":\"modeled error "
             "ComplexError: at $.TopLevel: expected a string (shape String), got number\"}}");
    GREETING(403, "X-Amzn-Errortype: ComplexError", "{\"Nested\":{\"Fooooo\":[]}}",
             "{\"clientError\":{\"kind\":\"deserialization\",\"message\":\"modeled error "
             "ComplexError: at $.Nested.Fooooo: expected a string (shape String), got array\"}}");
    /* a message of the wrong type is only not a message (rule 8) */
    GREETING(400, "X-Amzn-Errortype: InvalidGreeting", "{\"Message\":7}",
             "{\"error\":{\"code\":\"InvalidGreeting\",\"modeled\":true,\"httpStatus\":400,"
             "\"fault\":\"client\"}}");
}

SDKC_TEST(datazone_errors_never_carry_members)
{
    /* DataZone's errors model only `message` */
    EXPECT(403, "X-Amzn-Errortype: AccessDeniedException\nX-Header: Header",
           "{\"message\":\"no\",\"TopLevel\":\"Top level\",\"Nested\":{\"Fooooo\":\"bar\"}}",
           "{\"error\":{\"code\":\"AccessDeniedException\",\"message\":\"no\",\"modeled\":true,"
           "\"httpStatus\":403,\"fault\":\"client\"}}");
}

/* ---- fault injection -------------------------------------------------------------- */

struct s_walk {
    struct sdkc_spec *spec;
    const struct sdkc_operation *op;
    struct sdkc_http_response *resp;
    cJSON *want; /* parsed before the walk, so no injected failure hits it */
};

static cJSON *s_parse(const char *json)
{
    cJSON *v = NULL;
    CU_ASSERT_EQUAL(sdkc_json_parse(json, strlen(json), NULL, &v, NULL), SDKC_OK);
    return v;
}

static int s_walk_decode(void *ctx)
{
    struct s_walk *w = ctx;
    cJSON *doc = NULL;
    sdkc_result result = sdkc_codec_decode(w->spec, w->op, w->resp, &doc, NULL);

    if (result == SDKC_OK) {
        /* a completed run gives the exact document, never a degraded one */
        CU_ASSERT_TRUE(doc && sdkc_json_equal(doc, w->want));
    } else {
        CU_ASSERT_PTR_NULL(doc);
    }
    cJSON_Delete(doc);
    return result;
}

SDKC_TEST(fault_walk_error_decoding)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_http_response r;
    struct s_walk w;
    uint64_t sites;
    static const char body[] =
        "{\"message\":\"bad input\",\"code\":\"Other\",\"details\":[1,2,{\"a\":null}]}";
    static const char html[] = "<html>bad gateway</html>";

    CU_ASSERT_PTR_NOT_NULL_FATAL(spec);
    sdkc_test_response(&r, 400, "X-Amzn-Errortype: aws#ValidationException:uri", body,
                       strlen(body));
    w.spec = spec;
    w.op = sdkc_spec_find_operation(spec, "CreateUserProfile");
    w.resp = &r;
    w.want = s_parse("{\"error\":{\"code\":\"ValidationException\",\"message\":\"bad input\","
                     "\"modeled\":true,\"httpStatus\":400,\"fault\":\"client\"}}");
    sites = sdkc_test_fault_walk("error decode", s_walk_decode, &w, NULL);
    CU_ASSERT_TRUE(sites > 5);
    /* an unmodeled, HTML error too */
    sdkc_http_response_clean_up(&r);
    sdkc_test_response(&r, 502, NULL, html, strlen(html));
    cJSON_Delete(w.want);
    w.want = s_parse("{\"error\":{\"modeled\":false,\"httpStatus\":502,\"fault\":\"server\"}}");
    sites = sdkc_test_fault_walk("html error decode", s_walk_decode, &w, NULL);
    CU_ASSERT_TRUE(sites > 2);
    cJSON_Delete(w.want);
    sdkc_http_response_clean_up(&r);
    sdkc_spec_destroy(spec);
}

SDKC_TEST(fault_walk_error_members)
{
    struct sdkc_spec *spec = s_proto_spec();
    struct sdkc_http_response r;
    struct s_walk w;
    uint64_t sites;
    static const char body[] =
        "{\"message\":\"m\",\"TopLevel\":\"t\",\"Nested\":{\"Fooooo\":\"f\"},\"x\":[1]}";

    CU_ASSERT_PTR_NOT_NULL_FATAL(spec);
    sdkc_test_response(&r, 403, "X-Amzn-Errortype: ComplexError\nX-Header: h", body, strlen(body));
    w.spec = spec;
    w.op = sdkc_spec_find_operation(spec, "GreetingWithErrors");
    w.resp = &r;
    w.want = s_parse("{\"error\":{\"code\":\"ComplexError\",\"message\":\"m\",\"modeled\":true,"
                     "\"httpStatus\":403,\"fault\":\"client\",\"members\":{\"TopLevel\":\"t\","
                     "\"Nested\":{\"Foo\":\"f\"},\"Header\":\"h\"}}}");
    sites = sdkc_test_fault_walk("error members", s_walk_decode, &w, NULL);
    CU_ASSERT_TRUE(sites > 5);
    cJSON_Delete(w.want);
    sdkc_http_response_clean_up(&r);
    /* and the wrong-type clientError */
    sdkc_test_response(&r, 403, "X-Amzn-Errortype: ComplexError", "{\"TopLevel\":1}", 14);
    w.want = s_parse("{\"clientError\":{\"kind\":\"deserialization\",\"message\":\"modeled error "
                     "ComplexError: at $.TopLevel: expected a string (shape String), got "
                     "number\"}}");
    sites = sdkc_test_fault_walk("error member mismatch", s_walk_decode, &w, NULL);
    CU_ASSERT_TRUE(sites > 2);
    cJSON_Delete(w.want);
    sdkc_http_response_clean_up(&r);
    sdkc_spec_destroy(spec);
}
