/* SPDX-License-Identifier: Apache-2.0
 * Tests of codec/encode for the parts of restJson1 the bundled DataZone
 * operation does not use: documents, httpPayload, Content-Length, endpoint
 * paths and host prefixes, checksums, request compression, header lists,
 * query maps and timestamps, non-finite floats, the request view's
 * rawQuery/host/bodyBase64, event streams. Each case names the Smithy
 * restJson1 protocol test it mirrors (smithy-aws-protocol-tests
 * model/restJson1 files; botocore's translation in
 * ../shared/testdata/protocol-tests/rest-json/input.json); the inline
 * model below is botocore's form of those Smithy operations. */
#include <stdint.h>
#include <string.h>

#include "codec/checksum.h"
#include "codec/codec.h"
#include "core/alloc.h"
#include "core/base64.h"
#include "core/buf.h"
#include "core/json.h"
#include "spec/spec.h"
#include "tests/test.h"

void sdkc_test_setup(void);
void sdkc_test_setup(void)
{
    /* OpenSSL fetches the MD5/SHA implementations lazily and keeps them:
     * do it once before leak baselines (tests/test.h). */
    static const enum sdkc_checksum_alg algs[] = {SDKC_CHECKSUM_MD5, SDKC_CHECKSUM_SHA1,
                                                  SDKC_CHECKSUM_SHA256};
    size_t i;
    for (i = 0; i < sizeof(algs) / sizeof(algs[0]); i++) {
        struct sdkc_buf b;
        sdkc_buf_init(&b, 0);
        sdkc_checksum_base64(algs[i], "x", 1, &b, NULL);
        sdkc_buf_clean_up(&b);
    }
}

/* ---- the model ----------------------------------------------------------------- */

#define OP(name, method, uri, input, extra)                                                        \
    "\"" name "\":{\"name\":\"" name "\",\"http\":{\"method\":\"" method                           \
    "\",\"requestUri\":\"" uri "\"},\"input\":{\"shape\":\"" input "\"}" extra "},"

/* One operation per OP(...) line reads as a table. */
// clang-format off
static const char s_model[] =
    "{\"version\":\"2.0\",\"metadata\":{\"protocol\":\"rest-json\",\"apiVersion\":\"2019-12-16\","
    "\"endpointPrefix\":\"rj\",\"signingName\":\"rj\",\"serviceId\":\"RJ\"},"
    "\"operations\":{"
    OP("DocumentType", "PUT", "/DocumentType", "DocumentTypeInput", "")
    OP("DocumentTypeAsMapValue", "PUT", "/DocumentTypeAsMapValue", "DocMapInput", "")
    OP("DocumentTypeAsPayload", "PUT", "/DocumentTypeAsPayload", "DocPayloadInput", "")
    OP("HttpPayloadTraits", "POST", "/HttpPayloadTraits", "BlobPayloadInput", "")
    OP("HttpPayloadTraitsWithMediaType", "POST", "/HttpPayloadTraitsWithMediaType",
       "MediaBlobPayloadInput", "")
    OP("StreamingTraits", "POST", "/StreamingTraits", "StreamingInput", "")
    OP("TestPayloadBlob", "POST", "/blob_payload", "ContentTypeBlobInput", "")
    OP("HttpStringPayload", "POST", "/StringPayload", "StringPayloadInput", "")
    OP("HttpEnumPayload", "POST", "/EnumPayload", "EnumPayloadInput", "")
    OP("HttpPayloadWithStructure", "PUT", "/HttpPayloadWithStructure", "StructPayloadInput", "")
    OP("HttpPayloadWithUnion", "PUT", "/HttpPayloadWithUnion", "UnionPayloadInput", "")
    OP("TestNoPayload", "POST", "/no_payload", "NoPayloadInput", "")
    OP("TestBodyStructure", "POST", "/body", "BodyInput", "")
    OP("EndpointOperation", "POST", "/EndpointOperation", "Empty",
       ",\"endpoint\":{\"hostPrefix\":\"foo.\"}")
    OP("EndpointWithHostLabelOperation", "POST", "/EndpointWithHostLabelOperation",
       "HostLabelInput", ",\"endpoint\":{\"hostPrefix\":\"foo.{label}.\"}")
    OP("HostWithPathOperation", "GET", "/HostWithPathOperation", "Empty", "")
    OP("HttpChecksumRequired", "POST", "/HttpChecksumRequired", "ChecksumInput",
       ",\"httpChecksumRequired\":true")
    OP("FlexibleChecksum", "PUT", "/flex", "FlexInput",
       ",\"httpChecksum\":{\"requestAlgorithmMember\":\"alg\",\"requestChecksumRequired\":true}")
    OP("PutWithContentEncoding", "POST", "/requestcompression/putcontentwithencoding",
       "EncodingInput", ",\"requestcompression\":{\"encodings\":[\"br\",\"gzip\"]}")
    OP("ChecksumAndCompression", "POST", "/both", "EncodingInput",
       ",\"httpChecksumRequired\":true,\"requestcompression\":{\"encodings\":[\"gzip\"]}")
    OP("ConstantQueryString", "GET", "/ConstantQueryString/{hello}?foo=bar&hello",
       "ConstantQueryInput", "")
    OP("QueryPrecedence", "POST", "/Precedence", "PrecedenceInput", "")
    OP("QueryParamsAsStringListMap", "POST", "/StringListMap", "StringListMapInput", "")
    OP("Timestamps", "GET", "/ts", "TimestampsInput", "")
    OP("FloatHttpLabels", "GET", "/FloatHttpLabels/{float}/{double}", "FloatInput", "")
    OP("SimpleScalarProperties", "PUT", "/SimpleScalarProperties", "ScalarsInput", "")
    OP("NullAndEmptyHeadersClient", "GET", "/NullAndEmptyHeadersClient", "HeadersInput", "")
    OP("Sparse", "PUT", "/sparse", "SparseInput", "")
    "\"EventStream\":{\"name\":\"EventStream\",\"http\":{\"method\":\"POST\","
    " \"requestUri\":\"/events\"},\"input\":{\"shape\":\"EventStreamInput\"}}"
    "},"
    "\"shapes\":{"
    "\"S\":{\"type\":\"string\"},\"I\":{\"type\":\"integer\"},\"F\":{\"type\":\"float\"},"
    "\"D\":{\"type\":\"double\"},\"T\":{\"type\":\"timestamp\"},\"Blob\":{\"type\":\"blob\"},"
    "\"PngBlob\":{\"type\":\"blob\",\"mediaType\":\"image/png\"},"
    "\"StreamBlob\":{\"type\":\"blob\",\"streaming\":true},"
    "\"JsonString\":{\"type\":\"string\",\"mediaType\":\"application/json\"},"
    "\"StringEnum\":{\"type\":\"string\",\"enum\":[\"enumvalue\"]},"
    "\"Algorithm\":{\"type\":\"string\",\"enum\":[\"CRC32\",\"CRC32C\",\"SHA1\",\"SHA256\"]},"
    "\"Document\":{\"type\":\"structure\",\"members\":{},\"document\":true},"
    "\"DocMap\":{\"type\":\"map\",\"key\":{\"shape\":\"S\"},\"value\":{\"shape\":\"Document\"}},"
    "\"DocList\":{\"type\":\"list\",\"member\":{\"shape\":\"Document\"}},"
    "\"SList\":{\"type\":\"list\",\"member\":{\"shape\":\"S\"}},"
    "\"TList\":{\"type\":\"list\",\"member\":{\"shape\":\"T\"}},"
    "\"SMap\":{\"type\":\"map\",\"key\":{\"shape\":\"S\"},\"value\":{\"shape\":\"S\"}},"
    "\"SListMap\":{\"type\":\"map\",\"key\":{\"shape\":\"S\"},\"value\":{\"shape\":\"SList\"}},"
    "\"SparseSList\":{\"type\":\"list\",\"member\":{\"shape\":\"S\"},\"sparse\":true},"
    "\"SparseSMap\":{\"type\":\"map\",\"key\":{\"shape\":\"S\"},\"value\":{\"shape\":\"S\"},"
    " \"sparse\":true},"
    "\"Empty\":{\"type\":\"structure\",\"members\":{}},"
    "\"DocumentTypeInput\":{\"type\":\"structure\",\"members\":{"
    " \"stringValue\":{\"shape\":\"S\"},\"documentValue\":{\"shape\":\"Document\"}}},"
    "\"DocMapInput\":{\"type\":\"structure\",\"members\":{"
    " \"docValuedMap\":{\"shape\":\"DocMap\"},\"docList\":{\"shape\":\"DocList\"}}},"
    "\"DocPayloadInput\":{\"type\":\"structure\",\"members\":{"
    " \"documentValue\":{\"shape\":\"Document\"}},\"payload\":\"documentValue\"},"
    "\"BlobPayloadInput\":{\"type\":\"structure\",\"members\":{"
    " \"foo\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"X-Foo\"},"
    " \"blob\":{\"shape\":\"Blob\"}},\"payload\":\"blob\"},"
    "\"MediaBlobPayloadInput\":{\"type\":\"structure\",\"members\":{"
    " \"blob\":{\"shape\":\"PngBlob\"}},\"payload\":\"blob\"},"
    "\"StreamingInput\":{\"type\":\"structure\",\"members\":{"
    " \"blob\":{\"shape\":\"StreamBlob\"}},\"payload\":\"blob\"},"
    "\"ContentTypeBlobInput\":{\"type\":\"structure\",\"members\":{"
    " \"contentType\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"Content-Type\"},"
    " \"data\":{\"shape\":\"Blob\"}},\"payload\":\"data\"},"
    "\"StringPayloadInput\":{\"type\":\"structure\",\"members\":{"
    " \"payload\":{\"shape\":\"S\"}},\"payload\":\"payload\"},"
    "\"EnumPayloadInput\":{\"type\":\"structure\",\"members\":{"
    " \"payload\":{\"shape\":\"StringEnum\"}},\"payload\":\"payload\"},"
    "\"NestedPayload\":{\"type\":\"structure\",\"members\":{"
    " \"greeting\":{\"shape\":\"S\"},\"name\":{\"shape\":\"S\"}}},"
    "\"StructPayloadInput\":{\"type\":\"structure\",\"members\":{"
    " \"testId\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"x-amz-test-id\"},"
    " \"nested\":{\"shape\":\"NestedPayload\"}},\"payload\":\"nested\"},"
    "\"UnionPayload\":{\"type\":\"structure\",\"union\":true,\"members\":{"
    " \"greeting\":{\"shape\":\"S\"}}},"
    "\"UnionPayloadInput\":{\"type\":\"structure\",\"members\":{"
    " \"nested\":{\"shape\":\"UnionPayload\"}},\"payload\":\"nested\"},"
    "\"NoPayloadInput\":{\"type\":\"structure\",\"members\":{"
    " \"testId\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"X-Amz-Test-Id\"}}},"
    "\"TestConfig\":{\"type\":\"structure\",\"members\":{\"timeout\":{\"shape\":\"I\"}}},"
    "\"BodyInput\":{\"type\":\"structure\",\"members\":{"
    " \"testId\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"x-amz-test-id\"},"
    " \"testConfig\":{\"shape\":\"TestConfig\"}}},"
    "\"HostLabelInput\":{\"type\":\"structure\",\"required\":[\"label\"],\"members\":{"
    " \"label\":{\"shape\":\"S\",\"hostLabel\":true}}},"
    "\"ChecksumInput\":{\"type\":\"structure\",\"members\":{\"foo\":{\"shape\":\"S\"}}},"
    "\"FlexInput\":{\"type\":\"structure\",\"members\":{"
    " \"alg\":{\"shape\":\"Algorithm\",\"location\":\"header\","
    "   \"locationName\":\"x-amz-sdk-checksum-algorithm\"},"
    " \"given\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"x-amz-checksum-crc32\"},"
    " \"foo\":{\"shape\":\"S\"}}},"
    "\"EncodingInput\":{\"type\":\"structure\",\"members\":{"
    " \"encoding\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"Content-Encoding\"},"
    " \"data\":{\"shape\":\"S\"}}},"
    "\"ConstantQueryInput\":{\"type\":\"structure\",\"required\":[\"hello\"],\"members\":{"
    " \"hello\":{\"shape\":\"S\",\"location\":\"uri\",\"locationName\":\"hello\"},"
    " \"empty\":{\"shape\":\"S\",\"location\":\"querystring\",\"locationName\":\"Empty\"}}},"
    "\"PrecedenceInput\":{\"type\":\"structure\",\"members\":{"
    " \"foo\":{\"shape\":\"S\",\"location\":\"querystring\",\"locationName\":\"bar\"},"
    " \"baz\":{\"shape\":\"SMap\",\"location\":\"querystring\"}}},"
    "\"StringListMapInput\":{\"type\":\"structure\",\"members\":{"
    " \"qux\":{\"shape\":\"S\",\"location\":\"querystring\",\"locationName\":\"corge\"},"
    " \"foo\":{\"shape\":\"SListMap\",\"location\":\"querystring\"}}},"
    "\"TimestampsInput\":{\"type\":\"structure\",\"members\":{"
    " \"epoch\":{\"shape\":\"T\",\"location\":\"querystring\",\"locationName\":\"Epoch\","
    "   \"timestampFormat\":\"unixTimestamp\"},"
    " \"dateTime\":{\"shape\":\"T\",\"location\":\"querystring\",\"locationName\":\"DateTime\"},"
    " \"epochHeader\":{\"shape\":\"T\",\"location\":\"header\",\"locationName\":\"X-Epoch\","
    "   \"timestampFormat\":\"unixTimestamp\"},"
    " \"dates\":{\"shape\":\"TList\",\"location\":\"header\",\"locationName\":\"X-TimestampList\"}}},"
    "\"FloatInput\":{\"type\":\"structure\",\"required\":[\"float\",\"double\"],\"members\":{"
    " \"float\":{\"shape\":\"F\",\"location\":\"uri\",\"locationName\":\"float\"},"
    " \"double\":{\"shape\":\"D\",\"location\":\"uri\",\"locationName\":\"double\"},"
    " \"queryDouble\":{\"shape\":\"D\",\"location\":\"querystring\",\"locationName\":\"Double\"},"
    " \"headerFloat\":{\"shape\":\"F\",\"location\":\"header\",\"locationName\":\"X-Float\"}}},"
    "\"ScalarsInput\":{\"type\":\"structure\",\"members\":{"
    " \"floatValue\":{\"shape\":\"F\"},"
    " \"doubleValue\":{\"shape\":\"D\",\"locationName\":\"DoubleDribble\"}}},"
    "\"HeadersInput\":{\"type\":\"structure\",\"members\":{"
    " \"a\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"X-A\"},"
    " \"b\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"X-B\"},"
    " \"c\":{\"shape\":\"SList\",\"location\":\"header\",\"locationName\":\"X-C\"},"
    " \"json\":{\"shape\":\"JsonString\",\"location\":\"header\",\"locationName\":\"X-Json\"}}},"
    "\"SparseInput\":{\"type\":\"structure\",\"members\":{"
    " \"list\":{\"shape\":\"SparseSList\"},\"map\":{\"shape\":\"SparseSMap\"},"
    " \"dense\":{\"shape\":\"SList\"}}},"
    "\"Events\":{\"type\":\"structure\",\"union\":true,\"eventstream\":true,\"members\":{"
    " \"greeting\":{\"shape\":\"S\"}}},"
    "\"EventStreamInput\":{\"type\":\"structure\",\"members\":{"
    " \"events\":{\"shape\":\"Events\"}},\"payload\":\"events\"}"
    "}}";
// clang-format on

/* ---- helpers ------------------------------------------------------------------- */

struct enc {
    struct sdkc_spec *spec;
    struct sdkc_http_request req;
    struct sdkc_error err;
    struct sdkc_codec_options opts;
    uint64_t counter;
    sdkc_result result;
};

static void s_load(struct enc *t)
{
    memset(t, 0, sizeof(*t));
    sdkc_http_request_init(&t->req);
    sdkc_error_init(&t->err);
    CU_ASSERT_EQUAL_FATAL(
        sdkc_spec_load_mem(s_model, sizeof(s_model) - 1, "(protocol model)", &t->spec, &t->err),
        SDKC_OK);
}

static void s_done(struct enc *t)
{
    sdkc_http_request_clean_up(&t->req);
    sdkc_spec_destroy(t->spec);
}

/* Encode params (JSON text) with t->opts plus the token sequence. */
static sdkc_result s_enc(struct enc *t, const char *op_name, const char *params_json)
{
    const struct sdkc_operation *op = sdkc_spec_find_operation(t->spec, op_name);
    cJSON *params = NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(op);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(params_json, strlen(params_json), NULL, &params, NULL),
                          SDKC_OK);
    t->counter = 0;
    t->opts.uuid = sdkc_uuid_sequence;
    t->opts.uuid_ctx = &t->counter;
    sdkc_http_request_clean_up(&t->req);
    sdkc_error_init(&t->err);
    t->result = sdkc_codec_encode(t->spec, op, params, &t->opts, &t->req, &t->err);
    cJSON_Delete(params);
    return t->result;
}

static const char *s_hdr(const struct enc *t, const char *name)
{
    return sdkc_http_headers_get(&t->req.headers, name);
}

/* The body compared as JSON (key order free). */
static int s_body_json(const struct enc *t, const char *want_json)
{
    cJSON *want = NULL, *got = NULL;
    int eq;
    if (!t->req.body ||
        sdkc_json_parse(want_json, strlen(want_json), NULL, &want, NULL) != SDKC_OK ||
        sdkc_json_parse(t->req.body, t->req.body_len, NULL, &got, NULL) != SDKC_OK) {
        cJSON_Delete(want);
        return 0;
    }
    eq = sdkc_json_equal(want, got);
    cJSON_Delete(want);
    cJSON_Delete(got);
    return eq;
}

/* The body as exact bytes. */
static int s_body_bytes(const struct enc *t, const char *want)
{
    return t->req.body && t->req.body_len == strlen(want) &&
           memcmp(t->req.body, want, t->req.body_len) == 0;
}

/* Content-Length present and equal to the body's length. */
static int s_length_ok(const struct enc *t)
{
    char want[32];
    const char *got = s_hdr(t, "Content-Length");
    snprintf(want, sizeof(want), "%zu", t->req.body_len);
    return t->req.body && got && strcmp(got, want) == 0;
}

#define ASSERT_REFUSED(t, code, want_msg)                                                          \
    do {                                                                                           \
        CU_ASSERT_EQUAL((t)->result, code);                                                        \
        CU_ASSERT_STRING_EQUAL((t)->err.msg, want_msg);                                            \
        CU_ASSERT_PTR_NULL((t)->req.method);                                                       \
        CU_ASSERT_PTR_NULL((t)->req.host);                                                         \
        CU_ASSERT_EQUAL((t)->req.headers.count, 0);                                                \
    } while (0)

/* ---- documents ----------------------------------------------------------------- */

/* DocumentTypeInputWithObject, DocumentInputWithString, ...WithNumber,
 * ...WithBoolean, DocumentInputWithList: any JSON value passes through
 * unchanged, never checked against members (an object's keys are not
 * "unknown members"). */
SDKC_TEST(DocumentTypeInput_any_value)
{
    static const char *const docs[] = {
        "{\"foo\":\"bar\"}",
        "\"hello\"",
        "10",
        "true",
        "[true,\"hi\",[1,2],{\"foo\":{\"baz\":[3,4]}}]",
        "{\"n\":null,\"deep\":{\"x\":[null]}}",
        "-1.5",
    };
    struct enc t;
    char params[256], body[256];
    size_t i;
    s_load(&t);
    for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
        snprintf(params, sizeof(params), "{\"stringValue\":\"string\",\"documentValue\":%s}",
                 docs[i]);
        snprintf(body, sizeof(body), "{\"stringValue\":\"string\",\"documentValue\":%s}", docs[i]);
        CU_ASSERT_EQUAL_FATAL(s_enc(&t, "DocumentType", params), SDKC_OK);
        CU_ASSERT_TRUE(s_body_json(&t, body));
        CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "application/json");
    }
    /* a null document member is unset, as any null member */
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "DocumentType", "{\"documentValue\":null}"), SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "{}"));
    s_done(&t);
}

/* DocumentTypeAsMapValueInput; documents as list elements too, a null
 * element included (it is a document value, not a missing one). */
SDKC_TEST(DocumentTypeAsMapValueInput)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "DocumentTypeAsMapValue",
                                "{\"docValuedMap\":{\"foo\":{\"f\":1,\"o\":2},"
                                "\"bar\":[\"b\",\"a\",\"r\"],\"baz\":\"BAZ\"},"
                                "\"docList\":[{\"a\":1},\"s\",null,[]]}"),
                          SDKC_OK);
    CU_ASSERT_TRUE(s_body_json(&t, "{\"docValuedMap\":{\"foo\":{\"f\":1,\"o\":2},"
                                   "\"bar\":[\"b\",\"a\",\"r\"],\"baz\":\"BAZ\"},"
                                   "\"docList\":[{\"a\":1},\"s\",null,[]]}"));
    s_done(&t);
}

/* DocumentTypeAsPayloadInput, DocumentTypeAsPayloadInputString: the
 * document is the whole body, as JSON; unset, there is no body. */
SDKC_TEST(DocumentTypeAsPayloadInput)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "DocumentTypeAsPayload", "{\"documentValue\":{\"foo\":\"bar\"}}"), SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "{\"foo\":\"bar\"}"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "application/json");
    CU_ASSERT_TRUE(s_length_ok(&t));
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "DocumentTypeAsPayload", "{\"documentValue\":\"hello\"}"),
                          SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "\"hello\""));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Length"), "7");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "DocumentTypeAsPayload", "{}"), SDKC_OK);
    CU_ASSERT_PTR_NULL(t.req.body);
    CU_ASSERT_EQUAL(t.req.headers.count, 0);
    s_done(&t);
}

/* ---- httpPayload ------------------------------------------------------------------ */

/* RestJsonHttpPayloadTraitsWithBlob: the blob's bytes are the body,
 * application/octet-stream, with Content-Length.
 * RestJsonHttpPayloadTraitsWithNoBlobBody: unset, no body and neither
 * Content-Type nor Content-Length. A set "" is an empty body. */
SDKC_TEST(RestJsonHttpPayloadTraitsWithBlob)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "HttpPayloadTraits", "{\"foo\":\"Foo\",\"blob\":\"blobby blob blob\"}"), SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "blobby blob blob"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "application/octet-stream");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Length"), "16");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Foo"), "Foo");

    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpPayloadTraits", "{\"foo\":\"Foo\"}"), SDKC_OK);
    CU_ASSERT_PTR_NULL(t.req.body);
    CU_ASSERT_PTR_NULL(s_hdr(&t, "Content-Type"));
    CU_ASSERT_PTR_NULL(s_hdr(&t, "Content-Length"));
    CU_ASSERT_EQUAL(t.req.headers.count, 1);

    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpPayloadTraits", "{\"blob\":\"\"}"), SDKC_OK);
    CU_ASSERT_PTR_NOT_NULL(t.req.body);
    CU_ASSERT_EQUAL(t.req.body_len, 0);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Length"), "0");
    s_done(&t);
}

/* RestJsonHttpPayloadTraitsWithMediaTypeWithBlob: the @mediaType of the
 * payload is its Content-Type. A streaming blob (not an event stream) is an
 * ordinary raw payload (RestJsonStreamingTraitsWithBlob). */
SDKC_TEST(RestJsonHttpPayloadTraitsWithMediaTypeWithBlob)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpPayloadTraitsWithMediaType", "{\"blob\":\"PNG\"}"),
                          SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "PNG"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "image/png");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "StreamingTraits", "{\"blob\":\"blobby blob blob\"}"), SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "blobby blob blob"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "application/octet-stream");
    CU_ASSERT_TRUE(s_length_ok(&t));
    s_done(&t);
}

/* RestJsonTestPayloadBlob: a Content-Type bound to a header member wins
 * ("image/jpg", not "image/jpg, application/octet-stream");
 * RestJsonHttpWithEmptyBlobPayload: unset blob, no body. */
SDKC_TEST(RestJsonTestPayloadBlob)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "TestPayloadBlob", "{\"contentType\":\"image/jpg\",\"data\":\"1234\"}"), SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "1234"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "image/jpg");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Length"), "4");
    CU_ASSERT_EQUAL(t.req.headers.count, 2);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "TestPayloadBlob", "{}"), SDKC_OK);
    CU_ASSERT_PTR_NULL(t.req.body);
    CU_ASSERT_EQUAL(t.req.headers.count, 0);
    s_done(&t);
}

/* RestJsonStringPayloadRequest, RestJsonEnumPayloadRequest: raw text,
 * text/plain. A payload of the wrong JSON type is a validation error. */
SDKC_TEST(RestJsonStringPayloadRequest)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpStringPayload", "{\"payload\":\"rawstring\"}"), SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "rawstring"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "text/plain");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Length"), "9");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpEnumPayload", "{\"payload\":\"enumvalue\"}"), SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "enumvalue"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "text/plain");
    s_enc(&t, "HttpStringPayload", "{\"payload\":7}");
    ASSERT_REFUSED(&t, SDKC_ERR_VALIDATION, "payload: expected a string, got number");
    s_done(&t);
}

/* RestJsonHttpPayloadWithStructure: the structure's JSON is the body.
 * RestJsonHttpWithEmptyStructurePayload, RestJsonHttpWithHeadersButNoPayload:
 * unset, the body is "{}" with Content-Type and Content-Length. */
SDKC_TEST(RestJsonHttpPayloadWithStructure)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpPayloadWithStructure",
                                "{\"nested\":{\"greeting\":\"hello\",\"name\":\"Phreddy\"}}"),
                          SDKC_OK);
    CU_ASSERT_TRUE(s_body_json(&t, "{\"greeting\":\"hello\",\"name\":\"Phreddy\"}"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "application/json");
    CU_ASSERT_TRUE(s_length_ok(&t));
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpPayloadWithStructure", "{\"testId\":\"t-12345\"}"),
                          SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "{}"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "application/json");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Length"), "2");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "x-amz-test-id"), "t-12345");
    /* members inside the payload structure are still checked */
    s_enc(&t, "HttpPayloadWithStructure", "{\"nested\":{\"greting\":\"hello\"}}");
    ASSERT_REFUSED(&t, SDKC_ERR_VALIDATION, "unknown member nested.greting");
    s_done(&t);
}

/* RestJsonHttpPayloadWithUnion; RestJsonHttpPayloadWithUnsetUnion: an
 * unset union payload sends no body at all. */
SDKC_TEST(RestJsonHttpPayloadWithUnion)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "HttpPayloadWithUnion", "{\"nested\":{\"greeting\":\"hello\"}}"), SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "{\"greeting\":\"hello\"}"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "application/json");
    CU_ASSERT_TRUE(s_length_ok(&t));
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HttpPayloadWithUnion", "{}"), SDKC_OK);
    CU_ASSERT_PTR_NULL(t.req.body);
    CU_ASSERT_EQUAL(t.req.headers.count, 0);
    s_done(&t);
}

/* RestJsonTestBodyStructure, RestJsonHttpWithEmptyBody: a JSON body always
 * has Content-Length; RestJsonHttpPostWithNoModeledBody and
 * RestJsonHttpWithPostHeaderMemberNoModeledBody: no body, so neither
 * Content-Type nor Content-Length. */
SDKC_TEST(RestJsonTestBodyStructure_content_length)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "TestBodyStructure", "{\"testConfig\":{\"timeout\":10}}"),
                          SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "{\"testConfig\":{\"timeout\":10}}"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Length"), "29");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "TestBodyStructure", "{}"), SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "{}"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Length"), "2");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "TestNoPayload", "{\"testId\":\"t-12345\"}"), SDKC_OK);
    CU_ASSERT_PTR_NULL(t.req.body);
    CU_ASSERT_PTR_NULL(s_hdr(&t, "Content-Length"));
    CU_ASSERT_PTR_NULL(s_hdr(&t, "Content-Type"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Amz-Test-Id"), "t-12345");
    s_done(&t);
}

/* ---- endpoint and host prefix ----------------------------------------------------- */

/* RestJsonHostWithPath: the endpoint's path prefixes the request path; the
 * request's host is the endpoint's authority (no path, smithy.test
 * resolvedHost), sent as Host. */
SDKC_TEST(RestJsonHostWithPath)
{
    struct enc t;
    s_load(&t);
    t.opts.endpoint = "https://example.com/custom";
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HostWithPathOperation", "{}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.path, "/custom/HostWithPathOperation");
    CU_ASSERT_STRING_EQUAL(t.req.host, "example.com");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Host"), "example.com");
    /* trailing slashes of the endpoint path do not double up; a port stays */
    t.opts.endpoint = "http://127.0.0.1:8080/a/b//";
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HostWithPathOperation", "{}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.path, "/a/b/HostWithPathOperation");
    CU_ASSERT_STRING_EQUAL(t.req.host, "127.0.0.1:8080");
    /* host overrides the endpoint's authority, keeps its path */
    t.opts.host = "virtual.example";
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HostWithPathOperation", "{}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.path, "/a/b/HostWithPathOperation");
    CU_ASSERT_STRING_EQUAL(t.req.host, "virtual.example");
    /* neither: no host at all */
    t.opts.host = NULL;
    t.opts.endpoint = NULL;
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "HostWithPathOperation", "{}"), SDKC_OK);
    CU_ASSERT_PTR_NULL(t.req.host);
    CU_ASSERT_PTR_NULL(s_hdr(&t, "Host"));
    CU_ASSERT_STRING_EQUAL(t.req.path, "/HostWithPathOperation");
    s_done(&t);
}

SDKC_TEST(endpoint_option_is_checked)
{
    static const char *const bad[] = {"example.com",
                                      "://example.com",
                                      "https://",
                                      "https://example.com/?q=1",
                                      "https://u@example.com",
                                      "https://example.com/a b",
                                      "https://example.com/#f"};
    struct enc t;
    size_t i;
    s_load(&t);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        t.opts.endpoint = bad[i];
        CU_ASSERT_EQUAL(s_enc(&t, "HostWithPathOperation", "{}"), SDKC_ERR_INVALID_ARG);
        CU_ASSERT_PTR_NOT_NULL(strstr(t.err.msg, "endpoint"));
        CU_ASSERT_PTR_NULL(t.req.method);
    }
    t.opts.endpoint = NULL;
    t.opts.host = "a\r\nX-Evil: 1";
    CU_ASSERT_EQUAL(s_enc(&t, "HostWithPathOperation", "{}"), SDKC_ERR_INVALID_ARG);
    s_done(&t);
}

/* RestJsonEndpointTrait, RestJsonEndpointTraitWithHostLabel: the
 * operation's hostPrefix goes in front of the endpoint's host, its
 * {label} filled from the hostLabel member (which is also a body member). */
SDKC_TEST(RestJsonEndpointTraitWithHostLabel)
{
    struct enc t;
    s_load(&t);
    t.opts.endpoint = "https://example.com";
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "EndpointOperation", "{}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.host, "foo.example.com");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Host"), "foo.example.com");
    CU_ASSERT_STRING_EQUAL(t.req.path, "/EndpointOperation");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "EndpointWithHostLabelOperation", "{\"label\":\"bar\"}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.host, "foo.bar.example.com");
    CU_ASSERT_TRUE(s_body_json(&t, "{\"label\":\"bar\"}"));
    s_done(&t);
}

/* A host label is required, non-empty and one RFC 1123 label; checked even
 * when no host is known, since the client would refuse the params. */
SDKC_TEST(host_label_validation)
{
    static const char *const bad[] = {
        "\"a.b\"",
        "\"-a\"",
        "\"a-\"",
        "\"a_b\"",
        "\"a b\"",
        "\"ä\"",
        "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\""};
    struct enc t;
    char params[128];
    size_t i;
    s_load(&t);
    s_enc(&t, "EndpointWithHostLabelOperation", "{}");
    ASSERT_REFUSED(&t, SDKC_ERR_VALIDATION, "missing required member label");
    s_enc(&t, "EndpointWithHostLabelOperation", "{\"label\":\"\"}");
    ASSERT_REFUSED(&t, SDKC_ERR_VALIDATION, "label: host label must not be empty");
    s_enc(&t, "EndpointWithHostLabelOperation", "{\"label\":3}");
    ASSERT_REFUSED(&t, SDKC_ERR_VALIDATION, "label: expected a string, got number");
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        snprintf(params, sizeof(params), "{\"label\":%s}", bad[i]);
        CU_ASSERT_EQUAL(s_enc(&t, "EndpointWithHostLabelOperation", params), SDKC_ERR_VALIDATION);
        CU_ASSERT_PTR_NOT_NULL(strstr(t.err.msg, "not a valid host label"));
    }
    /* 63 characters is the longest label */
    CU_ASSERT_EQUAL(
        s_enc(&t, "EndpointWithHostLabelOperation",
              "{\"label\":\"A-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa9\"}"),
        SDKC_OK);
    CU_ASSERT_PTR_NULL(t.req.host);
    s_done(&t);
}

/* ---- checksums --------------------------------------------------------------------- */

/* Check values from the CRC catalogue ("123456789") and RFC 3720 §B.4
 * (CRC-32C of 32 bytes of 0x00, of 0xFF, ascending, descending). */
SDKC_TEST(crc32_and_crc32c_known_vectors)
{
    unsigned char buf[32];
    size_t i;
    CU_ASSERT_EQUAL(sdkc_crc32(0, "123456789", 9), 0xCBF43926u);
    CU_ASSERT_EQUAL(sdkc_crc32c(0, "123456789", 9), 0xE3069283u);
    CU_ASSERT_EQUAL(sdkc_crc32(0, "", 0), 0u);
    /* continuing over a split gives the CRC of the whole */
    CU_ASSERT_EQUAL(sdkc_crc32(sdkc_crc32(0, "1234", 4), "56789", 5), 0xCBF43926u);
    CU_ASSERT_EQUAL(sdkc_crc32c(sdkc_crc32c(0, "12345", 5), "6789", 4), 0xE3069283u);
    memset(buf, 0, sizeof(buf));
    CU_ASSERT_EQUAL(sdkc_crc32c(0, buf, 32), 0x8A9136AAu);
    memset(buf, 0xff, sizeof(buf));
    CU_ASSERT_EQUAL(sdkc_crc32c(0, buf, 32), 0x62A8AB43u);
    for (i = 0; i < 32; i++)
        buf[i] = (unsigned char)i;
    CU_ASSERT_EQUAL(sdkc_crc32c(0, buf, 32), 0x46DD794Eu);
    for (i = 0; i < 32; i++)
        buf[i] = (unsigned char)(31 - i);
    CU_ASSERT_EQUAL(sdkc_crc32c(0, buf, 32), 0x113FDB5Cu);
}

/* RestJsonHttpChecksumRequired: Content-MD5 is the base64 MD5 of the body
 * as sent ({"foo":"base64 encoded md5 checksum"}, compact JSON, gives the
 * value in the Smithy test). */
SDKC_TEST(RestJsonHttpChecksumRequired)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "HttpChecksumRequired", "{\"foo\":\"base64 encoded md5 checksum\"}"), SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "{\"foo\":\"base64 encoded md5 checksum\"}"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-MD5"), "iB0/3YSo7maijL0IGOgA9g==");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "application/json");
    s_done(&t);
}

/* aws.protocols#httpChecksum with the requestAlgorithmMember set:
 * x-amz-checksum-<alg> of the body (values from Python's zlib, hashlib and
 * a bitwise CRC-32C over the same bytes), case-insensitive algorithm names
 * (botocore lower-cases them), no Content-MD5 then; unset with
 * requestChecksumRequired: Content-MD5; a checksum header set through a
 * member is kept; an algorithm the codec lacks is "unsupported". */
SDKC_TEST(flexible_checksums)
{
    static const struct {
        const char *alg, *header, *value;
    } cases[] = {
        {"CRC32", "x-amz-checksum-crc32", "7uWJ2g=="},
        {"crc32c", "x-amz-checksum-crc32c", "AsjzLA=="},
        {"SHA1", "x-amz-checksum-sha1", "EkqlUqIwKHqsq8KoZz32+Lev4GY="},
        {"SHA256", "x-amz-checksum-sha256", "Q1GbvtQa5SN59qJBCoFW3aGa6z+djr/HNZjXR6j3dqc="},
    };
    struct enc t;
    char params[160];
    size_t i;
    s_load(&t);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        snprintf(params, sizeof(params), "{\"alg\":\"%s\",\"foo\":\"base64 encoded md5 checksum\"}",
                 cases[i].alg);
        CU_ASSERT_EQUAL_FATAL(s_enc(&t, "FlexibleChecksum", params), SDKC_OK);
        CU_ASSERT_TRUE(s_body_bytes(&t, "{\"foo\":\"base64 encoded md5 checksum\"}"));
        CU_ASSERT_STRING_EQUAL(s_hdr(&t, cases[i].header), cases[i].value);
        CU_ASSERT_STRING_EQUAL(s_hdr(&t, "x-amz-sdk-checksum-algorithm"), cases[i].alg);
        CU_ASSERT_PTR_NULL(s_hdr(&t, "Content-MD5"));
    }
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "FlexibleChecksum", "{\"foo\":\"base64 encoded md5 checksum\"}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-MD5"), "iB0/3YSo7maijL0IGOgA9g==");
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "FlexibleChecksum", "{\"alg\":\"CRC32\",\"given\":\"AAAAAA==\",\"foo\":\"x\"}"),
        SDKC_OK);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "x-amz-checksum-crc32"), "AAAAAA==");
    CU_ASSERT_EQUAL(t.req.headers.count, 4); /* algorithm, given checksum, type, length */
    s_enc(&t, "FlexibleChecksum", "{\"alg\":\"CRC64NVME\"}");
    ASSERT_REFUSED(&t, SDKC_ERR_UNSUPPORTED, "alg: unsupported checksum algorithm CRC64NVME");
    s_done(&t);
}

/* ---- request compression ----------------------------------------------------------- */

static void s_big_data(char *out, size_t n)
{
    size_t i;
    /* varied enough that gzip output differs from input, all printable */
    for (i = 0; i < n; i++)
        out[i] = (char)('A' + (i * 7 + i / 13) % 26);
    out[n] = '\0';
}

/* The body bytes inflated back (RFC 1952), as a JSON compare. */
static int s_gunzipped_json_is(const struct enc *t, const char *want_json)
{
    struct sdkc_buf raw;
    cJSON *want = NULL, *got = NULL;
    int eq = 0;
    sdkc_buf_init(&raw, 0);
    if (t->req.body_len >= 2 && (unsigned char)t->req.body[0] == 0x1f &&
        (unsigned char)t->req.body[1] == 0x8b &&
        sdkc_buf_gunzip(&raw, t->req.body, t->req.body_len, NULL) == SDKC_OK &&
        sdkc_json_parse(raw.data, raw.len, NULL, &got, NULL) == SDKC_OK &&
        sdkc_json_parse(want_json, strlen(want_json), NULL, &want, NULL) == SDKC_OK)
        eq = sdkc_json_equal(want, got);
    cJSON_Delete(want);
    cJSON_Delete(got);
    sdkc_buf_clean_up(&raw);
    return eq;
}

/* SDKAppliedContentEncoding_restJson1 (a 10368-byte string in the body):
 * the JSON body is sent gzip-compressed (a valid gzip of the JSON), with
 * Content-Encoding: gzip and the compressed length;
 * SDKAppendedGzipAfterProvidedEncoding_restJson1: a Content-Encoding from a
 * header member gets ", gzip" appended ("custom, gzip"). The first encoding
 * the model lists ("br") is skipped: the codec has no brotli. */
SDKC_TEST(SDKAppliedContentEncoding_restJson1)
{
    static char data[10369], params[10500], body[10500];
    struct enc t;
    s_load(&t);
    s_big_data(data, sizeof(data) - 1);
    snprintf(params, sizeof(params), "{\"data\":\"%s\"}", data);
    snprintf(body, sizeof(body), "{\"data\":\"%s\"}", data);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "PutWithContentEncoding", params), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Encoding"), "gzip");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Type"), "application/json");
    CU_ASSERT_TRUE(s_length_ok(&t));
    CU_ASSERT_TRUE(t.req.body_len < strlen(body));
    CU_ASSERT_TRUE(s_gunzipped_json_is(&t, body));

    snprintf(params, sizeof(params), "{\"encoding\":\"custom\",\"data\":\"%s\"}", data);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "PutWithContentEncoding", params), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Encoding"), "custom, gzip");
    CU_ASSERT_TRUE(s_gunzipped_json_is(&t, body));
    s_done(&t);
}

/* Below the minimum size (10240 bytes by default, as botocore's
 * request_min_compression_size_bytes) the body is sent as it is and no
 * Content-Encoding is added; compression_min_bytes lowers the bar; a
 * minimum past 10 MiB is refused. Checksums cover the compressed bytes. */
SDKC_TEST(request_compression_threshold_and_checksum_order)
{
    struct enc t;
    struct sdkc_buf md5;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "PutWithContentEncoding", "{\"data\":\"small\"}"), SDKC_OK);
    CU_ASSERT_TRUE(s_body_bytes(&t, "{\"data\":\"small\"}"));
    CU_ASSERT_PTR_NULL(s_hdr(&t, "Content-Encoding"));

    t.opts.compression_min_bytes = 1;
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "PutWithContentEncoding", "{\"data\":\"small\"}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-Encoding"), "gzip");
    CU_ASSERT_TRUE(s_gunzipped_json_is(&t, "{\"data\":\"small\"}"));

    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "ChecksumAndCompression", "{\"data\":\"small\"}"), SDKC_OK);
    CU_ASSERT_TRUE(s_gunzipped_json_is(&t, "{\"data\":\"small\"}"));
    sdkc_buf_init(&md5, 0);
    CU_ASSERT_EQUAL_FATAL(
        sdkc_checksum_base64(SDKC_CHECKSUM_MD5, t.req.body, t.req.body_len, &md5, NULL), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "Content-MD5"), md5.data);
    CU_ASSERT_STRING_NOT_EQUAL(md5.data, "xeBDp9DpnaXrqwWap1a+YA=="); /* MD5 of the plain JSON */
    sdkc_buf_clean_up(&md5);

    t.opts.compression_min_bytes = SDKC_CODEC_MAX_MIN_COMPRESSION + 1;
    CU_ASSERT_EQUAL(s_enc(&t, "PutWithContentEncoding", "{\"data\":\"small\"}"),
                    SDKC_ERR_INVALID_ARG);
    CU_ASSERT_PTR_NULL(t.req.method);
    s_done(&t);
}

SDKC_TEST(core_gzip_round_trip)
{
    static char data[50000];
    struct sdkc_buf gz, gz2, back, small;
    s_big_data(data, sizeof(data) - 1);
    sdkc_buf_init(&gz, 0);
    sdkc_buf_init(&gz2, 0);
    sdkc_buf_init(&back, 0);
    sdkc_buf_init(&small, 64);
    CU_ASSERT_EQUAL_FATAL(sdkc_buf_gzip(&gz, data, strlen(data), NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_buf_gzip(&gz2, data, strlen(data), NULL), SDKC_OK);
    /* RFC 1952 magic, deflate, and the same bytes every time (MTIME 0) */
    CU_ASSERT_TRUE(gz.len > 18 && (unsigned char)gz.data[0] == 0x1f &&
                   (unsigned char)gz.data[1] == 0x8b && gz.data[2] == 8);
    CU_ASSERT_TRUE(gz.len == gz2.len && memcmp(gz.data, gz2.data, gz.len) == 0);
    CU_ASSERT_EQUAL_FATAL(sdkc_buf_gunzip(&back, gz.data, gz.len, NULL), SDKC_OK);
    CU_ASSERT_TRUE(back.len == strlen(data) && memcmp(back.data, data, back.len) == 0);
    /* an empty input is a valid, empty member */
    sdkc_buf_reset(&gz);
    sdkc_buf_reset(&back);
    CU_ASSERT_EQUAL_FATAL(sdkc_buf_gzip(&gz, NULL, 0, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_buf_gunzip(&back, gz.data, gz.len, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(back.len, 0);
    /* the output buffer's cap holds */
    CU_ASSERT_EQUAL(sdkc_buf_gzip(&small, data, strlen(data), NULL), SDKC_ERR_TOO_LARGE);
    sdkc_buf_clean_up(&gz);
    sdkc_buf_clean_up(&gz2);
    sdkc_buf_clean_up(&back);
    sdkc_buf_clean_up(&small);
}

/* ---- headers ----------------------------------------------------------------------- */

/* RestJsonNullAndEmptyHeaders: null is not sent, "" and [] are sent as
 * empty fields. MediaTypeHeaderInputBase64: a @mediaType string header is
 * the base64 of its value. */
SDKC_TEST(RestJsonNullAndEmptyHeaders_and_MediaTypeHeaderInputBase64)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "NullAndEmptyHeadersClient", "{\"a\":null,\"b\":\"\",\"c\":[]}"), SDKC_OK);
    CU_ASSERT_PTR_NULL(s_hdr(&t, "X-A"));
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-B"), "");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-C"), "");
    CU_ASSERT_EQUAL(t.req.headers.count, 2);
    CU_ASSERT_PTR_NULL(t.req.body);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "NullAndEmptyHeadersClient", "{\"json\":\"true\"}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Json"), "dHJ1ZQ==");
    s_done(&t);
}

/* RestJsonInputAndOutputWithTimestampHeaders: a timestamp list header is
 * http-dates joined by ", "; an epoch-seconds header is a plain integer. */
SDKC_TEST(RestJsonInputAndOutputWithTimestampHeaders)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "Timestamps", "{\"dates\":[1576540098,1576540098],\"epochHeader\":1576540098}"),
        SDKC_OK);
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-TimestampList"),
                           "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT");
    CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Epoch"), "1576540098");
    s_done(&t);
}

/* ---- query -------------------------------------------------------------------------- */

/* RestJsonConstantQueryString: a literal "hello" without "=" stays so in
 * the raw query (and in the view's rawQuery), unlike "Empty="
 * (RestJsonSerializesEmptyQueryValue). */
SDKC_TEST(RestJsonConstantQueryString_rawQuery)
{
    struct enc t;
    cJSON *view = NULL;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "ConstantQueryString", "{\"hello\":\"hi\"}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.path, "/ConstantQueryString/hi");
    CU_ASSERT_STRING_EQUAL(t.req.query, "foo=bar&hello");
    CU_ASSERT_EQUAL_FATAL(sdkc_codec_request_to_json(&t.req, &view, NULL), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(view, "rawQuery")->valuestring, "foo=bar&hello");
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(sdkc_json_get(view, "query"), "hello")->valuestring, "");
    cJSON_Delete(view);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "ConstantQueryString", "{\"hello\":\"hi\",\"empty\":\"\"}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.query, "foo=bar&hello&Empty=");
    s_done(&t);
}

/* RestJsonQueryPrecedence: a named query member wins over the same key in
 * the httpQueryParams map. RestJsonQueryParamsStringListMap: list values
 * repeat the key. */
SDKC_TEST(RestJsonQueryPrecedence_and_StringListMap)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "QueryPrecedence",
              "{\"foo\":\"named\",\"baz\":{\"bar\":\"fromMap\",\"qux\":\"alsoFromMap\"}}"),
        SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.query, "bar=named&qux=alsoFromMap");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "QueryParamsAsStringListMap",
                                "{\"qux\":\"named\",\"foo\":{\"baz\":[\"bar\",\"qux\"]}}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.query, "corge=named&baz=bar&baz=qux");
    s_done(&t);
}

/* RestJsonQueryStringMap-style timestamps: an epoch-seconds query value is
 * an integer when whole ("1422172800", not "1.4221728e+09"), the shortest
 * decimal otherwise, never exponent notation; the default is date-time. */
SDKC_TEST(query_timestamps_epoch_without_exponent)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "Timestamps", "{\"epoch\":1422172800,\"dateTime\":1}"),
                          SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.query, "Epoch=1422172800&DateTime=1970-01-01T00%3A00%3A01Z");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "Timestamps", "{\"epoch\":1422172800.5}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.query, "Epoch=1422172800.5");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "Timestamps", "{\"epoch\":0.001}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.query, "Epoch=0.001");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "Timestamps", "{\"epoch\":-1.25}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.query, "Epoch=-1.25");
    CU_ASSERT_EQUAL_FATAL(s_enc(&t, "Timestamps", "{\"epoch\":\"2015-01-25T08:00:00Z\"}"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(t.req.query, "Epoch=1422172800");
    s_done(&t);
}

/* RestJsonSupportsNaNFloatLabels/...QueryValues/...HeaderInputs and
 * RestJsonSupportsNaNFloatInputs (with the Infinity and -Infinity
 * variants): non-finite values are the strings NaN, Infinity, -Infinity in
 * labels, query and headers, and JSON strings in the body. */
SDKC_TEST(RestJsonSupportsNaNFloatValues)
{
    static const char *const vals[] = {"NaN", "Infinity", "-Infinity"};
    struct enc t;
    char params[256], want[128];
    size_t i;
    s_load(&t);
    for (i = 0; i < 3; i++) {
        snprintf(
            params, sizeof(params),
            "{\"float\":\"%s\",\"double\":\"%s\",\"queryDouble\":\"%s\",\"headerFloat\":\"%s\"}",
            vals[i], vals[i], vals[i], vals[i]);
        CU_ASSERT_EQUAL_FATAL(s_enc(&t, "FloatHttpLabels", params), SDKC_OK);
        snprintf(want, sizeof(want), "/FloatHttpLabels/%s/%s", vals[i], vals[i]);
        CU_ASSERT_STRING_EQUAL(t.req.path, want);
        snprintf(want, sizeof(want), "Double=%s", vals[i]);
        CU_ASSERT_STRING_EQUAL(t.req.query, want);
        CU_ASSERT_STRING_EQUAL(s_hdr(&t, "X-Float"), vals[i]);
        snprintf(params, sizeof(params), "{\"floatValue\":\"%s\",\"doubleValue\":\"%s\"}", vals[i],
                 vals[i]);
        CU_ASSERT_EQUAL_FATAL(s_enc(&t, "SimpleScalarProperties", params), SDKC_OK);
        snprintf(want, sizeof(want), "{\"floatValue\":\"%s\",\"DoubleDribble\":\"%s\"}", vals[i],
                 vals[i]);
        CU_ASSERT_TRUE(s_body_bytes(&t, want));
    }
    /* other strings are still a wrong type for a number */
    s_enc(&t, "SimpleScalarProperties", "{\"floatValue\":\"nan\"}");
    ASSERT_REFUSED(&t, SDKC_ERR_VALIDATION, "floatValue: expected a number, got string");
    s_done(&t);
}

/* Smithy @sparse: null list elements and map values are values (sent as
 * null); in a dense list a null is the wrong type. */
SDKC_TEST(sparse_lists_and_maps_keep_nulls)
{
    struct enc t;
    s_load(&t);
    CU_ASSERT_EQUAL_FATAL(
        s_enc(&t, "Sparse", "{\"list\":[\"a\",null],\"map\":{\"k\":null,\"j\":\"v\"}}"), SDKC_OK);
    CU_ASSERT_TRUE(s_body_json(&t, "{\"list\":[\"a\",null],\"map\":{\"k\":null,\"j\":\"v\"}}"));
    s_enc(&t, "Sparse", "{\"dense\":[\"a\",null]}");
    ASSERT_REFUSED(&t, SDKC_ERR_VALIDATION, "dense[1]: expected a string, got null");
    s_done(&t);
}

/* ---- event streams ------------------------------------------------------------------ */

/* An event stream input needs the vnd.amazon.eventstream framing the codec
 * does not build: refused as unsupported, naming the member, whatever the
 * params. */
SDKC_TEST(event_stream_input_is_unsupported)
{
    struct enc t;
    s_load(&t);
    s_enc(&t, "EventStream", "{}");
    ASSERT_REFUSED(&t, SDKC_ERR_UNSUPPORTED, "unsupported: member events is an event stream");
    s_enc(&t, "EventStream", "{\"events\":{\"greeting\":\"hi\"}}");
    ASSERT_REFUSED(&t, SDKC_ERR_UNSUPPORTED, "unsupported: member events is an event stream");
    s_done(&t);
}

/* ---- the request view ---------------------------------------------------------------- */

/* COMMON.md contract 1: host only when known; rawQuery; a JSON body parsed,
 * a text body as a string, other bytes (gzip, NUL, bad UTF-8) as null with
 * bodyBase64 (RFC 4648). */
SDKC_TEST(request_view_host_rawQuery_bodyBase64)
{
    static const struct {
        const char *body;
        size_t len;
        const char *text, *b64;
    } cases[] = {
        {"rawstring", 9, "rawstring", NULL},
        {"caf\xc3\xa9", 5, "caf\xc3\xa9", NULL},
        {"\xff\xfe", 2, NULL, "//4="},
        {"a\0b", 3, NULL, "YQBi"},
        {"\x1f\x8b\x08\x00", 4, NULL, "H4sIAA=="},
        {"", 0, "", NULL},
    };
    struct sdkc_http_request r;
    cJSON *view = NULL;
    size_t i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const cJSON *b, *b64;
        sdkc_http_request_init(&r);
        r.method = sdkc_strdup("POST");
        r.path = sdkc_strdup("/p");
        r.host = sdkc_strdup("h.example");
        r.body = sdkc_malloc(cases[i].len + 1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r.method && r.path && r.host && r.body);
        memcpy(r.body, cases[i].body, cases[i].len);
        r.body[cases[i].len] = '\0';
        r.body_len = cases[i].len;
        CU_ASSERT_EQUAL_FATAL(sdkc_codec_request_to_json(&r, &view, NULL), SDKC_OK);
        CU_ASSERT_STRING_EQUAL(sdkc_json_get(view, "host")->valuestring, "h.example");
        CU_ASSERT_TRUE(cJSON_IsNull(sdkc_json_get(view, "rawQuery")));
        b = sdkc_json_get(view, "body");
        b64 = sdkc_json_get(view, "bodyBase64");
        if (cases[i].text) {
            CU_ASSERT_TRUE(cJSON_IsString(b) && strcmp(b->valuestring, cases[i].text) == 0);
            CU_ASSERT_PTR_NULL(b64);
        } else {
            CU_ASSERT_TRUE(cJSON_IsNull(b));
            CU_ASSERT_TRUE(cJSON_IsString(b64) && strcmp(b64->valuestring, cases[i].b64) == 0);
        }
        cJSON_Delete(view);
        view = NULL;
        sdkc_http_request_clean_up(&r);
    }
    /* no host: no "host" key; a body that is JSON null is JSON, not bytes */
    sdkc_http_request_init(&r);
    r.method = sdkc_strdup("GET");
    r.path = sdkc_strdup("/");
    r.query = sdkc_strdup("a&b=");
    r.body = sdkc_strdup("null");
    r.body_len = 4;
    CU_ASSERT_EQUAL_FATAL(sdkc_codec_request_to_json(&r, &view, NULL), SDKC_OK);
    CU_ASSERT_PTR_NULL(sdkc_json_get(view, "host"));
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(view, "rawQuery")->valuestring, "a&b=");
    CU_ASSERT_TRUE(cJSON_IsNull(sdkc_json_get(view, "body")));
    CU_ASSERT_PTR_NULL(sdkc_json_get(view, "bodyBase64"));
    cJSON_Delete(view);
    sdkc_http_request_clean_up(&r);
}

/* ---- fault injection (house style 6) ------------------------------------------------ */

struct walk_ctx {
    const struct sdkc_spec *spec;
    const char *op;
    const cJSON *params;
    struct sdkc_codec_options opts;
};

static int s_encode_work(void *vctx)
{
    struct walk_ctx *w = vctx;
    struct sdkc_http_request req;
    struct sdkc_error err;
    cJSON *view = NULL;
    uint64_t n = 0;
    sdkc_result result;
    w->opts.uuid = sdkc_uuid_sequence;
    w->opts.uuid_ctx = &n;
    sdkc_http_request_init(&req);
    result = sdkc_codec_encode(w->spec, sdkc_spec_find_operation(w->spec, w->op), w->params,
                               &w->opts, &req, &err);
    if (result && (req.method || req.body || req.host || req.headers.count))
        result = SDKC_ERR_STATE; /* a failed encode must leave the request empty */
    if (!result)
        result = sdkc_codec_request_to_json(&req, &view, &err);
    cJSON_Delete(view);
    sdkc_http_request_clean_up(&req);
    return result;
}

static void s_walk(struct sdkc_spec *spec, const char *op, const char *params_json,
                   const char *endpoint, size_t min_compression)
{
    /* OpenSSL reports an allocation failure inside a digest as a failed
     * digest: SDKC_ERR_CRYPTO is an allowed outcome there */
    static const int also_ok[] = {SDKC_ERR_CRYPTO, 0};
    struct walk_ctx w;
    cJSON *params = NULL;
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(params_json, strlen(params_json), NULL, &params, NULL),
                          SDKC_OK);
    memset(&w, 0, sizeof(w));
    w.spec = spec;
    w.op = op;
    w.params = params;
    w.opts.endpoint = endpoint;
    w.opts.compression_min_bytes = min_compression;
    CU_ASSERT_TRUE(sdkc_test_fault_walk(op, s_encode_work, &w, also_ok) > 3);
    cJSON_Delete(params);
}

SDKC_TEST(encode_protocol_fault_walk)
{
    struct enc t;
    s_load(&t);
    s_walk(t.spec, "DocumentTypeAsMapValue",
           "{\"docValuedMap\":{\"a\":{\"f\":[1,null]}},\"docList\":[\"s\"]}", NULL, 0);
    s_walk(t.spec, "HttpPayloadTraits", "{\"foo\":\"Foo\",\"blob\":\"\\u00ff\\u0001\"}", NULL, 0);
    s_walk(t.spec, "HttpPayloadWithStructure", "{\"testId\":\"t\"}", NULL, 0);
    s_walk(t.spec, "EndpointWithHostLabelOperation", "{\"label\":\"bar\"}",
           "https://example.com/base", 0);
    s_walk(t.spec, "FlexibleChecksum", "{\"alg\":\"SHA256\",\"foo\":\"x\"}", NULL, 0);
    s_walk(t.spec, "ChecksumAndCompression", "{\"encoding\":\"custom\",\"data\":\"abc\"}", NULL, 1);
    s_done(&t);
}
