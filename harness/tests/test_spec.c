/* SPDX-License-Identifier: Apache-2.0
 *
 * Tests of spec/: the service-model loader and its lookups, and the CLI's
 * --spec / --operation helpers (cli/spec_arg.h).
 *
 * The facts checked against the bundled model come from the seed document
 * (../shared/seeds/000_31f9eefd93551709.txt) and docs/DESIGN.md (binding, 201,
 * status codes); the full-model checks use botocore's DataZone model, found
 * at test time through python3 (skipped with a message when absent).
 *
 * DEBUGGING HINTS: malformed-model cases compare the whole message, so a
 * failure prints the message the loader gave; `sdkc_test_spec <case>` runs
 * one case.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "cli/spec_arg.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "spec/spec.h"
#include "tests/test.h"

extern const unsigned char sdkc_bundled_spec[];
extern const size_t sdkc_bundled_spec_len;

/* ==== helpers ============================================================ */

static cJSON *s_bundled_tree(void)
{
    cJSON *root = NULL;
    struct sdkc_json_limits lim = {SDKC_SPEC_MAX_BYTES, 0};
    sdkc_result result =
        sdkc_json_parse((const char *)sdkc_bundled_spec, sdkc_bundled_spec_len, &lim, &root, NULL);
    CU_ASSERT_EQUAL_FATAL(result, SDKC_OK);
    return root;
}

/* Walk object keys; NULL-terminated. */
static cJSON *s_at(cJSON *node, ...)
{
    va_list ap;
    const char *k;
    va_start(ap, node);
    while (node && (k = va_arg(ap, const char *)) != NULL)
        node = cJSON_GetObjectItemCaseSensitive(node, k);
    va_end(ap);
    return node;
}

/* A small JSON value from text (a test literal, so it parses). */
static cJSON *s_json_text(const char *text)
{
    cJSON *v = NULL;
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(text, strlen(text), NULL, &v, NULL), SDKC_OK);
    return v;
}

static void s_set(cJSON *obj, const char *key, cJSON *value)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(obj);
    if (cJSON_GetObjectItemCaseSensitive(obj, key))
        cJSON_ReplaceItemInObjectCaseSensitive(obj, key, value);
    else
        cJSON_AddItemToObject(obj, key, value);
}

/* Load root (then free it) and expect failure with exactly this code and
 * message; prints the message on a mismatch. */
static void s_expect_fail(cJSON *root, sdkc_result code, const char *msg)
{
    struct sdkc_spec *spec = (struct sdkc_spec *)1;
    struct sdkc_error err;
    sdkc_result result;
    sdkc_error_init(&err);
    result = sdkc_spec_load_json(root, "(test)", &spec, &err);
    if (result != code || strcmp(err.msg, msg) != 0)
        fprintf(stderr, "want %d \"%s\"\n got %d \"%s\"\n", code, msg, result, err.msg);
    CU_ASSERT_EQUAL(result, code);
    CU_ASSERT_STRING_EQUAL(err.msg, msg);
    CU_ASSERT_PTR_NULL(spec);
    sdkc_spec_destroy(result ? NULL : spec);
    cJSON_Delete(root);
}

static void s_expect_text_fail(const char *text, sdkc_result code, const char *msg)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;
    sdkc_result result;
    sdkc_error_init(&err);
    result = sdkc_spec_load_mem(text, strlen(text), "(text)", &spec, &err);
    if (result != code || strcmp(err.msg, msg) != 0)
        fprintf(stderr, "want %d \"%s\"\n got %d \"%s\"\n", code, msg, result, err.msg);
    CU_ASSERT_EQUAL(result, code);
    CU_ASSERT_STRING_EQUAL(err.msg, msg);
    CU_ASSERT_PTR_NULL(spec);
    sdkc_spec_destroy(spec);
}

/* botocore's data folder via python3, or NULL (message printed). */
static int s_botocore_data(char *out, size_t n)
{
    FILE *p = popen("python3 -c 'import botocore,os;print(os.path.dirname(botocore.__file__))' "
                    "2>/dev/null",
                    "r");
    size_t len;
    int ok;
    if (!p) {
        fprintf(stderr, "SKIPPED: cannot run python3\n");
        return 0;
    }
    ok = fgets(out, (int)n, p) != NULL;
    ok = pclose(p) == 0 && ok;
    if (!ok) {
        fprintf(stderr, "SKIPPED: python3 cannot import botocore\n");
        return 0;
    }
    len = strlen(out);
    while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
        out[--len] = '\0';
    if (len + 32 >= n)
        return 0;
    memcpy(out + len, "/data", 6);
    return 1;
}

/* gzip-compress data (RFC 1952) into a fresh sdkc_malloc block. */
static char *s_gzip(const void *data, size_t len, size_t *out_len)
{
    z_stream zs;
    size_t cap = len + len / 100 + 1024;
    char *out = sdkc_malloc(cap);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    memset(&zs, 0, sizeof(zs));
    CU_ASSERT_EQUAL_FATAL(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)len;
    zs.next_out = (Bytef *)out;
    zs.avail_out = (uInt)cap;
    CU_ASSERT_EQUAL(deflate(&zs, Z_FINISH), Z_STREAM_END);
    *out_len = zs.total_out;
    deflateEnd(&zs);
    return out;
}

/* ==== the bundled model: CreateUserProfile facts ========================= */

SDKC_TEST(bundled_createuserprofile_facts)
{
    static const struct {
        const char *name;
        int status;
        int fault;
    } want_errors[] = {
        {"InternalServerException", 500, 1}, {"ResourceNotFoundException", 404, 0},
        {"AccessDeniedException", 403, 0},   {"ThrottlingException", 429, 0},
        {"ValidationException", 400, 0},     {"UnauthorizedException", 401, 0},
    };
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;
    const struct sdkc_operation *op;
    const struct sdkc_shape *in, *outp, *details, *s;
    const struct sdkc_member *m;
    size_t i;

    sdkc_error_init(&err);
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_default(&spec, &err), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(spec->source, "(bundled)");
    CU_ASSERT_STRING_EQUAL(spec->metadata.protocol, "rest-json");
    CU_ASSERT_STRING_EQUAL(spec->metadata.signing_name, "datazone");
    CU_ASSERT_STRING_EQUAL(spec->metadata.endpoint_prefix, "datazone");
    CU_ASSERT_STRING_EQUAL(spec->metadata.api_version, "2018-05-10");
    CU_ASSERT_STRING_EQUAL(spec->metadata.service_id, "DataZone");
    CU_ASSERT_EQUAL(spec->operation_count, 1);

    op = sdkc_spec_find_operation(spec, "CreateUserProfile");
    CU_ASSERT_PTR_NOT_NULL_FATAL(op);
    CU_ASSERT_STRING_EQUAL(op->http_method, "POST");
    CU_ASSERT_STRING_EQUAL(op->request_uri, "/v2/domains/{domainIdentifier}/user-profiles");
    CU_ASSERT_EQUAL(op->response_code, 201);
    CU_ASSERT_TRUE(op->idempotent);
    CU_ASSERT_PTR_NULL(op->host_prefix);

    /* The six errors, in model order, with their status and fault. */
    CU_ASSERT_EQUAL_FATAL(op->error_count, 6);
    for (i = 0; i < 6; i++) {
        s = op->errors[i];
        CU_ASSERT_STRING_EQUAL(s->name, want_errors[i].name);
        CU_ASSERT_EQUAL(s->http_status, want_errors[i].status);
        CU_ASSERT_EQUAL(s->fault, want_errors[i].fault);
        CU_ASSERT_EQUAL(s->sender_fault, !want_errors[i].fault);
        CU_ASSERT_TRUE(s->is_exception);
        CU_ASSERT_TRUE(s->has_error_trait);
        CU_ASSERT_PTR_NULL(s->error_code);
        CU_ASSERT_STRING_EQUAL(sdkc_shape_error_code(s), want_errors[i].name);
        CU_ASSERT_PTR_EQUAL(sdkc_spec_find_error(spec, want_errors[i].name), s);
        m = sdkc_shape_find_member(s, "message");
        CU_ASSERT_TRUE(m && m->required && m->shape->type == SDKC_SHAPE_STRING);
    }
    CU_ASSERT_EQUAL(spec->error_shape_count, 6);

    /* Input: the uri label, required members, the idempotency token. */
    in = op->input;
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    CU_ASSERT_STRING_EQUAL(in->name, "CreateUserProfileInput");
    CU_ASSERT_EQUAL(in->type, SDKC_SHAPE_STRUCTURE);
    CU_ASSERT_EQUAL_FATAL(in->member_count, 4);
    CU_ASSERT_STRING_EQUAL(in->members[0].name, "domainIdentifier");
    CU_ASSERT_EQUAL(in->members[0].location, SDKC_LOC_URI);
    CU_ASSERT_STRING_EQUAL(in->members[0].wire_name, "domainIdentifier");
    CU_ASSERT_TRUE(in->members[0].required);
    CU_ASSERT_STRING_EQUAL(in->members[1].name, "userIdentifier");
    CU_ASSERT_EQUAL(in->members[1].location, SDKC_LOC_BODY);
    CU_ASSERT_TRUE(in->members[1].required);
    CU_ASSERT_STRING_EQUAL(in->members[2].name, "userType");
    CU_ASSERT_FALSE(in->members[2].required);
    CU_ASSERT_STRING_EQUAL(in->members[3].name, "clientToken");
    CU_ASSERT_TRUE(in->members[3].idempotency_token);
    CU_ASSERT_FALSE(in->members[3].required);
    CU_ASSERT_EQUAL(in->members[3].shape->type, SDKC_SHAPE_STRING);
    for (i = 0; i < 3; i++)
        CU_ASSERT_FALSE(in->members[i].idempotency_token);

    /* UserType: the three values the seed lists; enums are open, so a
     * value outside them is simply "not listed". */
    s = in->members[2].shape;
    CU_ASSERT_STRING_EQUAL(s->name, "UserType");
    CU_ASSERT_EQUAL_FATAL(s->enum_count, 3);
    CU_ASSERT_STRING_EQUAL(s->enum_values[0], "IAM_USER");
    CU_ASSERT_STRING_EQUAL(s->enum_values[1], "IAM_ROLE");
    CU_ASSERT_STRING_EQUAL(s->enum_values[2], "SSO_USER");
    CU_ASSERT_TRUE(sdkc_shape_enum_has(s, "SSO_USER"));
    CU_ASSERT_FALSE(sdkc_shape_enum_has(s, "IAM_ROLE_SESSION"));
    CU_ASSERT_FALSE(sdkc_shape_enum_has(s, "sso_user"));

    /* Output: five members, two enums and the details union. */
    outp = op->output;
    CU_ASSERT_PTR_NOT_NULL_FATAL(outp);
    CU_ASSERT_EQUAL(outp->member_count, 5);
    CU_ASSERT_FALSE(outp->is_union);
    s = sdkc_shape_find_member(outp, "type")->shape;
    CU_ASSERT_EQUAL(s->enum_count, 2);
    CU_ASSERT_TRUE(sdkc_shape_enum_has(s, "IAM") && sdkc_shape_enum_has(s, "SSO"));
    s = sdkc_shape_find_member(outp, "status")->shape;
    CU_ASSERT_EQUAL(s->enum_count, 4);
    CU_ASSERT_TRUE(sdkc_shape_enum_has(s, "ASSIGNED") && sdkc_shape_enum_has(s, "NOT_ASSIGNED") &&
                   sdkc_shape_enum_has(s, "ACTIVATED") && sdkc_shape_enum_has(s, "DEACTIVATED"));
    details = sdkc_shape_find_member(outp, "details")->shape;
    CU_ASSERT_STRING_EQUAL(details->name, "UserProfileDetails");
    CU_ASSERT_TRUE(details->is_union);
    CU_ASSERT_EQUAL_FATAL(details->member_count, 2);
    CU_ASSERT_STRING_EQUAL(details->members[0].name, "iam");
    CU_ASSERT_STRING_EQUAL(details->members[1].name, "sso");
    s = details->members[0].shape;
    CU_ASSERT_STRING_EQUAL(s->name, "IamUserProfileDetails");
    CU_ASSERT_FALSE(s->is_union);
    CU_ASSERT_PTR_NOT_NULL(sdkc_shape_find_member(s, "arn"));
    CU_ASSERT_PTR_NOT_NULL(sdkc_shape_find_member(s, "principalId"));
    CU_ASSERT_EQUAL(s->member_count, 2);
    s = details->members[1].shape;
    CU_ASSERT_EQUAL(s->member_count, 3);
    CU_ASSERT_PTR_NOT_NULL(sdkc_shape_find_member(s, "username"));
    CU_ASSERT_PTR_NOT_NULL(sdkc_shape_find_member(s, "firstName"));
    CU_ASSERT_PTR_NOT_NULL(sdkc_shape_find_member(s, "lastName"));
    sdkc_spec_destroy(spec);
}

SDKC_TEST(lookups_and_null_safety)
{
    struct sdkc_spec *spec = NULL;
    const struct sdkc_shape *s;
    size_t i;
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_default(&spec, NULL), SDKC_OK);

    /* Shapes sorted by name, every one findable. */
    CU_ASSERT_EQUAL(spec->shape_count, 20);
    for (i = 0; i < spec->shape_count; i++) {
        CU_ASSERT_PTR_EQUAL(sdkc_spec_find_shape(spec, spec->shapes[i].name), &spec->shapes[i]);
        if (i)
            CU_ASSERT_TRUE(strcmp(spec->shapes[i - 1].name, spec->shapes[i].name) < 0);
    }
    CU_ASSERT_PTR_NULL(sdkc_spec_find_shape(spec, "NoSuchShape"));
    CU_ASSERT_PTR_NULL(sdkc_spec_find_shape(spec, ""));
    CU_ASSERT_PTR_NULL(sdkc_spec_find_operation(spec, "createUserProfile"));
    CU_ASSERT_PTR_NULL(sdkc_spec_find_operation(spec, NULL));
    CU_ASSERT_PTR_NULL(sdkc_spec_find_shape(NULL, "String"));

    /* Errors: by code; a shape that is no error is not one; the service's
     * other errors are absent from the seed-derived model. */
    CU_ASSERT_PTR_NULL(sdkc_spec_find_error(spec, "ConflictException"));
    CU_ASSERT_PTR_NULL(sdkc_spec_find_error(spec, "String"));
    CU_ASSERT_PTR_NULL(sdkc_spec_find_error(spec, NULL));

    s = sdkc_spec_find_shape(spec, "CreateUserProfileOutput");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_PTR_EQUAL(sdkc_shape_find_wire_member(s, "domainId"), &s->members[0]);
    CU_ASSERT_PTR_NULL(sdkc_shape_find_wire_member(s, "DomainId"));
    CU_ASSERT_PTR_NULL(sdkc_shape_find_member(s, "nope"));
    CU_ASSERT_PTR_NULL(sdkc_shape_find_member(NULL, "id"));
    CU_ASSERT_PTR_NULL(sdkc_shape_find_member(sdkc_spec_find_shape(spec, "String"), "id"));
    CU_ASSERT_FALSE(sdkc_shape_enum_has(sdkc_spec_find_shape(spec, "String"), "x"));

    CU_ASSERT_STRING_EQUAL(sdkc_shape_type_name(SDKC_SHAPE_STRUCTURE), "structure");
    CU_ASSERT_STRING_EQUAL(sdkc_shape_type_name(SDKC_SHAPE_TIMESTAMP), "timestamp");
    CU_ASSERT_STRING_EQUAL(sdkc_shape_type_name(SDKC_SHAPE_LONG), "long");
    sdkc_spec_destroy(spec);
    sdkc_spec_destroy(NULL);
}

/* ==== every type and trait, on a small model ============================== */

static const char s_all_traits_model[] =
    "{\"metadata\":{\"protocol\":\"json\",\"protocols\":[\"json\",\"rest-json\"],"
    "  \"endpointPrefix\":\"ex\",\"apiVersion\":\"2020-01-01\"},"
    " \"operations\":{"
    "  \"Put\":{\"http\":{\"method\":\"PUT\",\"requestUri\":\"/things/{Id}/{Key+}?mode=x\"},"
    "   \"input\":{\"shape\":\"PutIn\"},\"output\":{\"shape\":\"PutOut\"},"
    "   \"errors\":[{\"shape\":\"Oops\"}],\"endpoint\":{\"hostPrefix\":\"{acct}.\"},"
    "   \"httpChecksum\":{\"requestAlgorithmMember\":\"h\",\"requestChecksumRequired\":true,"
    "     \"responseAlgorithms\":[\"CRC32\"]},"
    "   \"requestcompression\":{\"encodings\":[\"br\",\"gzip\"]}},"
    "  \"Get\":{\"name\":\"Get\",\"http\":{\"method\":\"GET\",\"requestUri\":\"/\"}}},"
    " \"shapes\":{"
    "  \"PutIn\":{\"type\":\"structure\",\"required\":[\"id\"],\"payload\":\"body\",\"members\":{"
    "    \"id\":{\"shape\":\"Str\",\"location\":\"uri\",\"locationName\":\"Id\"},"
    "    \"key\":{\"shape\":\"Str\",\"location\":\"uri\",\"locationName\":\"Key\"},"
    "    \"q\":{\"shape\":\"Ints\",\"location\":\"querystring\",\"locationName\":\"q\"},"
    "    "
    "\"h\":{\"shape\":\"Str\",\"location\":\"header\",\"locationName\":\"X-H\",\"jsonvalue\":true},"
    "    \"meta\":{\"shape\":\"Dict\",\"location\":\"headers\",\"locationName\":\"x-meta-\"},"
    "    "
    "\"acct\":{\"shape\":\"Str\",\"hostLabel\":true,\"location\":\"header\",\"locationName\":"
    "\"Acct\"},"
    "    \"when\":{\"shape\":\"Time\",\"timestampFormat\":\"rfc822\"},"
    "    \"body\":{\"shape\":\"Blob\",\"mediaType\":\"image/png\"},"
    "    \"doc\":{\"shape\":\"Doc\"},\"doc2\":{\"shape\":\"Doc2\"}}},"
    "  \"PutOut\":{\"type\":\"structure\",\"members\":{"
    "    \"code\":{\"shape\":\"Int\",\"location\":\"statusCode\"},"
    "    \"X\":{\"shape\":\"Long\",\"location\":\"header\",\"locationName\":\"x\"},"
    "    \"y\":{\"shape\":\"Dbl\",\"locationName\":\"x\"},"
    "    \"f\":{\"shape\":\"Flt\"},\"b\":{\"shape\":\"Bool\"},\"u\":{\"shape\":\"U\"}}},"
    "  \"U\":{\"type\":\"structure\",\"union\":true,\"members\":{\"a\":{\"shape\":\"Str\"},"
    "    \"b\":{\"shape\":\"Ints\"}}},"
    "  \"Oops\":{\"type\":\"structure\",\"members\":{},\"exception\":true,\"fault\":true,"
    "    \"error\":{\"code\":\"Oops.Wire\",\"httpStatusCode\":503}},"
    "  "
    "\"Str\":{\"type\":\"string\",\"min\":1,\"max\":64,\"pattern\":\"^[a-z]+$\",\"sensitive\":true}"
    ","
    "  \"Ints\":{\"type\":\"list\",\"member\":{\"shape\":\"Int\",\"locationName\":\"item\"},"
    "    \"sparse\":true,\"max\":3},"
    "  \"Dict\":{\"type\":\"map\",\"key\":{\"shape\":\"Str\"},\"value\":{\"shape\":\"Str\"}},"
    "  \"Int\":{\"type\":\"integer\",\"min\":-5,\"max\":5},\"Long\":{\"type\":\"long\"},"
    "  \"Dbl\":{\"type\":\"double\",\"min\":0.5},\"Flt\":{\"type\":\"float\"},"
    "  \"Bool\":{\"type\":\"boolean\",\"box\":true},"
    "  \"Blob\":{\"type\":\"blob\",\"streaming\":true,\"mediaType\":\"image/*\"},"
    "  \"Time\":{\"type\":\"timestamp\",\"timestampFormat\":\"iso8601\"},"
    "  \"Doc\":{\"type\":\"document\"},"
    "  \"Doc2\":{\"type\":\"structure\",\"members\":{},\"document\":true},"
    "  \"Unused\":{\"type\":\"string\",\"enum\":[\"b\",\"a\",\"c\"],\"documentation\":\"x\","
    "    \"deprecated\":true}}}";

SDKC_TEST(every_type_and_trait)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;
    const struct sdkc_operation *op;
    const struct sdkc_shape *in, *outp, *s;
    const struct sdkc_member *m;

    sdkc_error_init(&err);
    CU_ASSERT_EQUAL_FATAL(
        sdkc_spec_load_mem(s_all_traits_model, strlen(s_all_traits_model), "all.json", &spec, &err),
        SDKC_OK);
    /* `protocols` lists rest-json: that is the one we speak. */
    CU_ASSERT_STRING_EQUAL(spec->metadata.protocol, "rest-json");
    /* botocore: signingName defaults to endpointPrefix. */
    CU_ASSERT_STRING_EQUAL(spec->metadata.signing_name, "ex");
    CU_ASSERT_EQUAL(spec->operation_count, 2);
    CU_ASSERT_STRING_EQUAL(spec->operations[0].name, "Get");
    CU_ASSERT_STRING_EQUAL(spec->operations[1].name, "Put");
    op = sdkc_spec_find_operation(spec, "Get");
    CU_ASSERT_EQUAL(op->response_code, 200);
    CU_ASSERT_PTR_NULL(op->input);
    CU_ASSERT_PTR_NULL(op->output);
    CU_ASSERT_EQUAL(op->error_count, 0);
    CU_ASSERT_FALSE(op->idempotent);
    CU_ASSERT_FALSE(op->checksum_required);
    CU_ASSERT_PTR_NULL(op->checksum_algorithm_member);
    CU_ASSERT_EQUAL(op->compression_encoding_count, 0);

    op = sdkc_spec_find_operation(spec, "Put");
    /* httpChecksum.requestChecksumRequired counts as httpChecksumRequired;
     * the algorithm member resolves to the input member; encodings keep
     * model order (the codec applies the first it supports) */
    CU_ASSERT_TRUE(op->checksum_required);
    CU_ASSERT_PTR_EQUAL(op->checksum_algorithm_member, sdkc_shape_find_member(op->input, "h"));
    CU_ASSERT_EQUAL_FATAL(op->compression_encoding_count, 2);
    CU_ASSERT_STRING_EQUAL(op->compression_encodings[0], "br");
    CU_ASSERT_STRING_EQUAL(op->compression_encodings[1], "gzip");
    CU_ASSERT_STRING_EQUAL(op->request_uri, "/things/{Id}/{Key+}?mode=x");
    CU_ASSERT_STRING_EQUAL(op->host_prefix, "{acct}.");
    CU_ASSERT_EQUAL_FATAL(op->error_count, 1);
    s = op->errors[0];
    CU_ASSERT_TRUE(s->fault && s->is_exception && s->has_error_trait);
    CU_ASSERT_EQUAL(s->http_status, 503);
    CU_ASSERT_FALSE(s->sender_fault);
    CU_ASSERT_STRING_EQUAL(s->error_code, "Oops.Wire");
    /* Found by its wire code first, by shape name as a fallback. */
    CU_ASSERT_PTR_EQUAL(sdkc_spec_find_error(spec, "Oops.Wire"), s);
    CU_ASSERT_PTR_EQUAL(sdkc_spec_find_error(spec, "Oops"), s);

    in = op->input;
    CU_ASSERT_EQUAL_FATAL(in->member_count, 10);
    m = sdkc_shape_find_member(in, "id");
    CU_ASSERT_TRUE(m->required && m->location == SDKC_LOC_URI);
    CU_ASSERT_STRING_EQUAL(m->wire_name, "Id");
    CU_ASSERT_EQUAL(m->index, 0);
    m = sdkc_shape_find_member(in, "q");
    CU_ASSERT_EQUAL(m->location, SDKC_LOC_QUERY);
    CU_ASSERT_EQUAL(m->shape->type, SDKC_SHAPE_LIST);
    CU_ASSERT_TRUE(m->shape->sparse);
    CU_ASSERT_STRING_EQUAL(m->shape->list_member->wire_name, "item");
    CU_ASSERT_STRING_EQUAL(m->shape->list_member->shape->name, "Int");
    CU_ASSERT_TRUE(m->shape->has_max && m->shape->max == 3 && !m->shape->has_min);
    m = sdkc_shape_find_member(in, "h");
    CU_ASSERT_TRUE(m->jsonvalue && m->location == SDKC_LOC_HEADER);
    CU_ASSERT_PTR_EQUAL(sdkc_shape_find_wire_member(in, "X-H"), m);
    m = sdkc_shape_find_member(in, "meta");
    CU_ASSERT_EQUAL(m->location, SDKC_LOC_HEADERS);
    CU_ASSERT_EQUAL(m->shape->type, SDKC_SHAPE_MAP);
    CU_ASSERT_STRING_EQUAL(m->shape->map_key->shape->name, "Str");
    CU_ASSERT_STRING_EQUAL(m->shape->map_value->shape->name, "Str");
    CU_ASSERT_TRUE(sdkc_shape_find_member(in, "acct")->host_label);
    m = sdkc_shape_find_member(in, "when");
    CU_ASSERT_STRING_EQUAL(m->timestamp_format, "rfc822");
    CU_ASSERT_STRING_EQUAL(m->shape->timestamp_format, "iso8601");
    CU_ASSERT_EQUAL(m->shape->type, SDKC_SHAPE_TIMESTAMP);
    CU_ASSERT_PTR_NULL(sdkc_shape_find_member(in, "id")->timestamp_format);
    CU_ASSERT_PTR_EQUAL(in->payload, sdkc_shape_find_member(in, "body"));
    CU_ASSERT_STRING_EQUAL(in->payload->media_type, "image/png");
    CU_ASSERT_STRING_EQUAL(in->payload->shape->media_type, "image/*");
    CU_ASSERT_PTR_NULL(sdkc_shape_find_member(in, "h")->media_type);
    CU_ASSERT_TRUE(in->payload->shape->streaming && in->payload->shape->type == SDKC_SHAPE_BLOB);
    s = sdkc_shape_find_member(in, "doc")->shape;
    CU_ASSERT_TRUE(s->type == SDKC_SHAPE_STRUCTURE && s->is_document && s->member_count == 0);
    s = sdkc_shape_find_member(in, "doc2")->shape;
    CU_ASSERT_TRUE(s->type == SDKC_SHAPE_STRUCTURE && s->is_document);

    s = sdkc_shape_find_member(in, "id")->shape;
    CU_ASSERT_TRUE(s->has_min && s->min == 1 && s->has_max && s->max == 64 && s->sensitive);
    CU_ASSERT_STRING_EQUAL(s->pattern, "^[a-z]+$");

    outp = op->output;
    CU_ASSERT_EQUAL(sdkc_shape_find_member(outp, "code")->location, SDKC_LOC_STATUS);
    /* Wire name "x" is both a header and a body member: the body one wins. */
    CU_ASSERT_PTR_EQUAL(sdkc_shape_find_wire_member(outp, "x"), sdkc_shape_find_member(outp, "y"));
    CU_ASSERT_EQUAL(sdkc_shape_find_member(outp, "X")->shape->type, SDKC_SHAPE_LONG);
    CU_ASSERT_EQUAL(sdkc_shape_find_member(outp, "y")->shape->type, SDKC_SHAPE_DOUBLE);
    CU_ASSERT_EQUAL(sdkc_shape_find_member(outp, "y")->shape->min, 0.5);
    CU_ASSERT_EQUAL(sdkc_shape_find_member(outp, "f")->shape->type, SDKC_SHAPE_FLOAT);
    CU_ASSERT_EQUAL(sdkc_shape_find_member(outp, "b")->shape->type, SDKC_SHAPE_BOOLEAN);
    s = sdkc_shape_find_member(outp, "u")->shape;
    CU_ASSERT_TRUE(s->is_union && s->member_count == 2);
    s = sdkc_spec_find_shape(spec, "Int");
    CU_ASSERT_TRUE(s->has_min && s->min == -5 && s->max == 5 && s->type == SDKC_SHAPE_INTEGER);

    /* Enum order as in the model; lookups through the sorted index. */
    s = sdkc_spec_find_shape(spec, "Unused");
    CU_ASSERT_EQUAL_FATAL(s->enum_count, 3);
    CU_ASSERT_STRING_EQUAL(s->enum_values[0], "b");
    CU_ASSERT_STRING_EQUAL(s->enum_values[2], "c");
    CU_ASSERT_TRUE(sdkc_shape_enum_has(s, "a") && sdkc_shape_enum_has(s, "b") &&
                   sdkc_shape_enum_has(s, "c") && !sdkc_shape_enum_has(s, "d"));
    CU_ASSERT_EQUAL(spec->error_shape_count, 1);
    sdkc_spec_destroy(spec);
}

/* Duplicate keys: the last one wins (core/json.h, botocore's Python json). */
SDKC_TEST(duplicate_keys_last_wins)
{
    static const char text[] =
        "{\"metadata\":{\"protocol\":\"rest-json\"},\"operations\":{},"
        "\"shapes\":{\"A\":{\"type\":\"integer\"},\"S\":{\"type\":\"structure\",\"members\":{"
        "\"m\":{\"shape\":\"A\"},\"n\":{\"shape\":\"A\"},\"m\":{\"shape\":\"B\"}}},"
        "\"A\":{\"type\":\"string\"},\"B\":{\"type\":\"long\"}}}";
    struct sdkc_spec *spec = NULL;
    const struct sdkc_shape *s;
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_mem(text, strlen(text), "dup", &spec, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(spec->shape_count, 3);
    CU_ASSERT_EQUAL(sdkc_spec_find_shape(spec, "A")->type, SDKC_SHAPE_STRING);
    s = sdkc_spec_find_shape(spec, "S");
    CU_ASSERT_EQUAL_FATAL(s->member_count, 2);
    /* Model order of the surviving members: n, then the last m. */
    CU_ASSERT_STRING_EQUAL(s->members[0].name, "n");
    CU_ASSERT_STRING_EQUAL(s->members[1].name, "m");
    CU_ASSERT_EQUAL(sdkc_shape_find_member(s, "m")->shape->type, SDKC_SHAPE_LONG);
    CU_ASSERT_EQUAL(spec->operation_count, 0);
    sdkc_spec_destroy(spec);
}

/* ==== malformed models: each error names the JSON path ==================== */

SDKC_TEST(malformed_json_names_byte_line_and_column)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;
    const char *text = "{\"metadata\": {\n  \"protocol\": \"rest-json\",\n}}";
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_spec_load_mem(text, strlen(text), "bad.json", &spec, &err),
                    SDKC_ERR_PARSE);
    CU_ASSERT_PTR_NULL(spec);
    /* The offending '}' is byte 42, line 3, column 1. */
    CU_ASSERT_EQUAL(err.offset, 42);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "bad.json: line 3, column 1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "byte 42"));

    /* An empty model is a syntax error too, not an empty spec. */
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_spec_load_mem("", 0, "empty.json", &spec, &err), SDKC_ERR_PARSE);
    CU_ASSERT_PTR_NULL(spec);
    CU_ASSERT_EQUAL(strncmp(err.msg, "empty.json: ", 12), 0);
    CU_ASSERT_EQUAL(err.offset, 0);
}

SDKC_TEST(malformed_wrong_types_name_the_path)
{
    cJSON *r;

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", "UserProfileDetails", "members", "iam", NULL), "shape",
          cJSON_CreateString("Foo"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.UserProfileDetails.members.iam.shape: no shape named \"Foo\"");

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", "UserProfileDetails", "members", "iam", NULL), "shape",
          cJSON_CreateNumber(3));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.UserProfileDetails.members.iam.shape: expected a string, got a "
                  "number");

    r = s_bundled_tree();
    cJSON_DeleteItemFromObjectCaseSensitive(
        s_at(r, "shapes", "UserProfileDetails", "members", "sso", NULL), "shape");
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.UserProfileDetails.members.sso.shape: missing (a string is "
                  "required here)");

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", "UserProfileDetails", "members", NULL), "iam", cJSON_CreateArray());
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.UserProfileDetails.members.iam: expected an object, got an "
                  "array");

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", "UserProfileDetails", NULL), "union", cJSON_CreateString("true"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.UserProfileDetails.union: expected a boolean, got a string");

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", "UserType", NULL), "enum", cJSON_CreateString("IAM_USER"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.UserType.enum: expected an array, got a string");

    r = s_bundled_tree();
    cJSON_ReplaceItemInArray(s_at(r, "shapes", "UserType", "enum", NULL), 1, cJSON_CreateNull());
    s_expect_fail(r, SDKC_ERR_SPEC, "(test): shapes.UserType.enum[1]: expected a string, got null");

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", "UserType", NULL), "type", cJSON_CreateString("bigDecimal"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.UserType.type: unknown shape type \"bigDecimal\" (expected "
                  "structure, list, map, string, integer, long, boolean, float, double, blob, "
                  "timestamp or document)");

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", NULL), "String", cJSON_CreateString("string"));
    s_expect_fail(r, SDKC_ERR_SPEC, "(test): shapes.String: expected an object, got a string");

    r = s_bundled_tree();
    cJSON_AddItemToArray(s_at(r, "shapes", "CreateUserProfileInput", "required", NULL),
                         cJSON_CreateString("sessionName"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.CreateUserProfileInput.required[2]: no member named "
                  "\"sessionName\"");

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", "CreateUserProfileInput", "members", "domainIdentifier", NULL),
          "location", cJSON_CreateString("body"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.CreateUserProfileInput.members.domainIdentifier.location: "
                  "unknown location \"body\" (expected uri, querystring, header, headers or "
                  "statusCode)");

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", "CreateUserProfileInput", "members", "clientToken", NULL),
          "idempotencyToken", cJSON_CreateNumber(1));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.CreateUserProfileInput.members.clientToken.idempotencyToken: "
                  "expected a boolean, got a number");

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", "CreateUserProfileOutput", "members", "id", NULL), "timestampFormat",
          cJSON_CreateString("epoch"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.CreateUserProfileOutput.members.id.timestampFormat: unknown "
                  "timestamp format \"epoch\" (expected iso8601, rfc822 or unixTimestamp)");

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", "ThrottlingException", "error", NULL), "httpStatusCode",
          cJSON_CreateNumber(4290));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.ThrottlingException.error.httpStatusCode: expected an integer "
                  "from 100 to 599, got 4290");

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", "ThrottlingException", NULL), "error", cJSON_CreateTrue());
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.ThrottlingException.error: expected an object, got a boolean");

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", "String", NULL), "min", cJSON_CreateString("1"));
    s_expect_fail(r, SDKC_ERR_SPEC, "(test): shapes.String.min: expected a number, got a string");

    r = s_bundled_tree();
    s_set(s_at(r, "shapes", "CreateUserProfileInput", NULL), "payload", cJSON_CreateString("body"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes.CreateUserProfileInput.payload: no member named \"body\"");

    /* Keys that cannot be split on dots are quoted in the path. */
    r = s_bundled_tree();
    cJSON_AddItemToObject(s_at(r, "shapes", NULL), "a.b", cJSON_CreateObject());
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): shapes[\"a.b\"].type: missing (a string is required here)");

    r = cJSON_CreateArray();
    s_expect_fail(r, SDKC_ERR_SPEC, "(test): (top level): expected an object, got an array");

    /* Lists and maps need their inner members. */
    s_expect_text_fail("{\"metadata\":{\"protocol\":\"rest-json\"},\"operations\":{},"
                       "\"shapes\":{\"L\":{\"type\":\"list\"}}}",
                       SDKC_ERR_SPEC,
                       "(text): shapes.L.member: missing (an object is required here)");
    s_expect_text_fail("{\"metadata\":{\"protocol\":\"rest-json\"},\"operations\":{},"
                       "\"shapes\":{\"M\":{\"type\":\"map\",\"key\":{\"shape\":\"M\"},"
                       "\"value\":{\"shape\":\"N\"}}}}",
                       SDKC_ERR_SPEC, "(text): shapes.M.value.shape: no shape named \"N\"");
}

SDKC_TEST(malformed_operations_name_the_path)
{
    cJSON *r, *errs;

    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", "http", NULL), "responseCode",
          cJSON_CreateString("201"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.http.responseCode: expected a number, got "
                  "a string");

    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", "http", NULL), "responseCode",
          cJSON_CreateNumber(201.5));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.http.responseCode: expected an integer "
                  "from 100 to 599, got 201.5");

    r = s_bundled_tree();
    cJSON_DeleteItemFromObjectCaseSensitive(s_at(r, "operations", "CreateUserProfile", NULL),
                                            "http");
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.http: missing (an object is required "
                  "here)");

    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", "http", NULL), "requestUri",
          cJSON_CreateString("/v2/domains/{domainId}/user-profiles"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.http.requestUri: label {domainId} has no "
                  "input member with location \"uri\" and that name");

    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", "http", NULL), "requestUri",
          cJSON_CreateString("/v2/domains/{domainIdentifier/user-profiles"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.http.requestUri: unterminated label at "
                  "character 12");

    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", "http", NULL), "requestUri",
          cJSON_CreateString("v2/domains"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.http.requestUri: \"v2/domains\" does not "
                  "start with \"/\"");

    r = s_bundled_tree();
    errs = s_at(r, "operations", "CreateUserProfile", "errors", NULL);
    s_set(cJSON_GetArrayItem(errs, 2), "shape", cJSON_CreateString("String"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.errors[2].shape: shape \"String\" is a "
                  "string; an error must be a structure");

    r = s_bundled_tree();
    errs = s_at(r, "operations", "CreateUserProfile", "errors", NULL);
    s_set(cJSON_GetArrayItem(errs, 5), "shape", cJSON_CreateString("ConflictException"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.errors[5].shape: no shape named "
                  "\"ConflictException\"");

    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", "input", NULL), "shape",
          cJSON_CreateString("UserType"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.input.shape: shape \"UserType\" is a "
                  "string; an operation input must be a structure");

    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", NULL), "name",
          cJSON_CreateString("DeleteUserProfile"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.name: \"DeleteUserProfile\" differs from "
                  "the operation's key \"CreateUserProfile\"");

    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", NULL), "idempotent",
          cJSON_CreateString("yes"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.idempotent: expected a boolean, got a "
                  "string");

    /* endpoint.hostPrefix labels name hostLabel members (Smithy @endpoint) */
    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", NULL), "endpoint",
          s_json_text("{\"hostPrefix\":\"{domainIdentifier}.\"}"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.endpoint.hostPrefix: label "
                  "{domainIdentifier} has no input member with hostLabel: true");
    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", NULL), "endpoint",
          s_json_text("{\"hostPrefix\":\"a.{x\"}"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.endpoint.hostPrefix: unterminated label "
                  "at character 2");

    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", NULL), "httpChecksum",
          s_json_text("{\"requestAlgorithmMember\":\"ChecksumAlgorithm\"}"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.httpChecksum.requestAlgorithmMember: no "
                  "input member named \"ChecksumAlgorithm\"");
    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", NULL), "httpChecksumRequired",
          cJSON_CreateString("true"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.httpChecksumRequired: expected a "
                  "boolean, got a string");
    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", NULL), "requestcompression",
          s_json_text("{\"encodings\":[\"gzip\",7]}"));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.requestcompression.encodings[1]: expected "
                  "a string, got a number");
    r = s_bundled_tree();
    s_set(s_at(r, "operations", "CreateUserProfile", NULL), "requestcompression",
          cJSON_CreateObject());
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): operations.CreateUserProfile.requestcompression.encodings: missing (an "
                  "array is required here)");

    r = s_bundled_tree();
    cJSON_DeleteItemFromObjectCaseSensitive(r, "operations");
    s_expect_fail(r, SDKC_ERR_SPEC, "(test): operations: missing (an object is required here)");

    r = s_bundled_tree();
    cJSON_DeleteItemFromObjectCaseSensitive(r, "shapes");
    s_expect_fail(r, SDKC_ERR_SPEC, "(test): shapes: missing (an object is required here)");
}

SDKC_TEST(metadata_and_protocol)
{
    cJSON *r, *protocols;
    struct sdkc_spec *spec = NULL;

    r = s_bundled_tree();
    cJSON_DeleteItemFromObjectCaseSensitive(r, "metadata");
    s_expect_fail(r, SDKC_ERR_SPEC, "(test): metadata: missing (an object is required here)");

    r = s_bundled_tree();
    cJSON_DeleteItemFromObjectCaseSensitive(s_at(r, "metadata", NULL), "protocol");
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): metadata.protocol: missing (a string is required here)");

    r = s_bundled_tree();
    s_set(s_at(r, "metadata", NULL), "signingName", cJSON_CreateNumber(1));
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): metadata.signingName: expected a string, got a number");

    /* Another protocol, without a `protocols` list (legacy models). */
    r = s_bundled_tree();
    cJSON_DeleteItemFromObjectCaseSensitive(s_at(r, "metadata", NULL), "protocols");
    s_set(s_at(r, "metadata", NULL), "protocol", cJSON_CreateString("json"));
    s_expect_fail(r, SDKC_ERR_UNSUPPORTED,
                  "(test): metadata.protocol: service DataZone uses protocol 'json'; sdkconform "
                  "supports rest-json");

    /* With a list, the list decides (botocore's rule). */
    r = s_bundled_tree();
    protocols = cJSON_CreateArray();
    cJSON_AddItemToArray(protocols, cJSON_CreateString("smithy-rpc-v2-cbor"));
    cJSON_AddItemToArray(protocols, cJSON_CreateString("json"));
    s_set(s_at(r, "metadata", NULL), "protocols", protocols);
    s_expect_fail(r, SDKC_ERR_UNSUPPORTED,
                  "(test): metadata.protocols: service DataZone uses protocol "
                  "'smithy-rpc-v2-cbor'; sdkconform supports rest-json");

    r = s_bundled_tree();
    protocols = cJSON_CreateArray();
    cJSON_AddItemToArray(protocols, cJSON_CreateNumber(7));
    s_set(s_at(r, "metadata", NULL), "protocols", protocols);
    s_expect_fail(r, SDKC_ERR_SPEC,
                  "(test): metadata.protocols[0]: expected a string, got a number");

    /* protocol says json, the list offers rest-json too: loads as rest-json. */
    r = s_bundled_tree();
    protocols = cJSON_CreateArray();
    cJSON_AddItemToArray(protocols, cJSON_CreateString("json"));
    cJSON_AddItemToArray(protocols, cJSON_CreateString("rest-json"));
    s_set(s_at(r, "metadata", NULL), "protocols", protocols);
    s_set(s_at(r, "metadata", NULL), "protocol", cJSON_CreateString("json"));
    CU_ASSERT_EQUAL(sdkc_spec_load_json(r, "(test)", &spec, NULL), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(spec->metadata.protocol, "rest-json");
    sdkc_spec_destroy(spec);
    cJSON_Delete(r);
}

/* ==== caps (house style 7) ================================================= */

SDKC_TEST(caps_on_enum_members_and_size)
{
    cJSON *r, *arr, *members, *m;
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;
    char name[32];
    int i;
    const char one[] = "{}";

    r = s_bundled_tree();
    arr = cJSON_CreateArray();
    for (i = 0; i <= SDKC_SPEC_MAX_ENUM; i++) {
        snprintf(name, sizeof(name), "V%d", i);
        cJSON_AddItemToArray(arr, cJSON_CreateString(name));
    }
    s_set(s_at(r, "shapes", "UserType", NULL), "enum", arr);
    s_expect_fail(r, SDKC_ERR_TOO_LARGE,
                  "(test): shapes.UserType.enum: more than 10000 values (SDKC_SPEC_MAX_ENUM)");

    r = s_bundled_tree();
    members = s_at(r, "shapes", "IamUserProfileDetails", "members", NULL);
    for (i = 0; i < SDKC_SPEC_MAX_MEMBERS; i++) {
        snprintf(name, sizeof(name), "m%d", i);
        m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "shape", "String");
        cJSON_AddItemToObject(members, name, m);
    }
    s_expect_fail(r, SDKC_ERR_TOO_LARGE,
                  "(test): shapes.IamUserProfileDetails.members: more than 10000 members "
                  "(SDKC_SPEC_MAX_MEMBERS)");

    /* Exactly at the cap loads. */
    r = s_bundled_tree();
    members = s_at(r, "shapes", "IamUserProfileDetails", "members", NULL);
    for (i = 2; i < SDKC_SPEC_MAX_MEMBERS; i++) {
        snprintf(name, sizeof(name), "m%d", i);
        m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "shape", "String");
        cJSON_AddItemToObject(members, name, m);
    }
    CU_ASSERT_EQUAL(sdkc_spec_load_json(r, "(test)", &spec, NULL), SDKC_OK);
    if (spec) {
        const struct sdkc_shape *s = sdkc_spec_find_shape(spec, "IamUserProfileDetails");
        CU_ASSERT_EQUAL(s->member_count, SDKC_SPEC_MAX_MEMBERS);
        CU_ASSERT_PTR_EQUAL(sdkc_shape_find_member(s, "m9999"),
                            &s->members[SDKC_SPEC_MAX_MEMBERS - 1]);
        CU_ASSERT_PTR_EQUAL(sdkc_shape_find_wire_member(s, "arn"), &s->members[0]);
    }
    sdkc_spec_destroy(spec);
    cJSON_Delete(r);

    /* The size cap is checked before a byte past the first two is read. */
    sdkc_error_init(&err);
    spec = NULL;
    CU_ASSERT_EQUAL(sdkc_spec_load_mem(one, SDKC_SPEC_MAX_BYTES + 1, "huge.json", &spec, &err),
                    SDKC_ERR_TOO_LARGE);
    CU_ASSERT_STRING_EQUAL(err.msg, "huge.json: 67108865 bytes, past the cap of 67108864 "
                                    "(SDKC_SPEC_MAX_BYTES)");
    CU_ASSERT_PTR_NULL(spec);
}

/* ==== gzip, files ========================================================== */

SDKC_TEST(gzip_and_files)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;
    char dir[] = "/tmp/sdkc-spec-XXXXXX", path[128];
    size_t gz_len = 0;
    char *gz = s_gzip(sdkc_bundled_spec, sdkc_bundled_spec_len, &gz_len);
    FILE *f;

    CU_ASSERT_TRUE(gz_len > 2 && (unsigned char)gz[0] == 0x1f);
    CU_ASSERT_EQUAL(sdkc_spec_load_mem(gz, gz_len, "mem.gz", &spec, NULL), SDKC_OK);
    CU_ASSERT_TRUE(spec && spec->shape_count == 20 && spec->operation_count == 1);
    sdkc_spec_destroy(spec);
    spec = NULL;

    /* A truncated stream is an error naming the source. */
    sdkc_error_init(&err);
    CU_ASSERT_NOT_EQUAL(sdkc_spec_load_mem(gz, gz_len / 2, "cut.gz", &spec, &err), SDKC_OK);
    CU_ASSERT_PTR_NULL(spec);
    CU_ASSERT_EQUAL(strncmp(err.msg, "cut.gz: gzip: ", 14), 0);

    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/model.json.gz", dir);
    f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(fwrite(gz, 1, gz_len, f), gz_len);
    fclose(f);
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_spec_load_file(path, &spec, &err), SDKC_OK);
    CU_ASSERT_TRUE(spec && strcmp(spec->source, path) == 0);
    CU_ASSERT_PTR_NOT_NULL(sdkc_spec_find_operation(spec, "CreateUserProfile"));
    /* A gzip file keeps its inflated text (an adapter is given it as a
     * plain JSON file: harness/adapters/PROTOCOL.md, hello "model"). */
    CU_ASSERT_FALSE(spec->plain_file);
    CU_ASSERT_TRUE(spec->text_len == sdkc_bundled_spec_len && spec->text &&
                   memcmp(spec->text, sdkc_bundled_spec, sdkc_bundled_spec_len) == 0);
    sdkc_spec_destroy(spec);
    spec = NULL;
    unlink(path);

    /* A plain file is named by its path and not copied; memory is copied. */
    snprintf(path, sizeof(path), "%s/model.json", dir);
    f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(fwrite(sdkc_bundled_spec, 1, sdkc_bundled_spec_len, f), sdkc_bundled_spec_len);
    fclose(f);
    CU_ASSERT_EQUAL(sdkc_spec_load_file(path, &spec, NULL), SDKC_OK);
    CU_ASSERT_TRUE(spec && spec->plain_file && !spec->text);
    sdkc_spec_destroy(spec);
    spec = NULL;
    unlink(path);
    CU_ASSERT_EQUAL(sdkc_spec_load_default(&spec, NULL), SDKC_OK);
    CU_ASSERT_TRUE(spec && !spec->plain_file && spec->text_len == sdkc_bundled_spec_len);
    sdkc_spec_destroy(spec);
    spec = NULL;

    /* A model error in a file names the file first. */
    snprintf(path, sizeof(path), "%s/bad.json", dir);
    f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("{\"metadata\":{\"protocol\":\"rest-json\"},\"shapes\":[],\"operations\":{}}", f);
    fclose(f);
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_spec_load_file(path, &spec, &err), SDKC_ERR_SPEC);
    CU_ASSERT_PTR_NULL(spec);
    CU_ASSERT_EQUAL(strncmp(err.msg, path, strlen(path)), 0);
    CU_ASSERT_STRING_EQUAL(err.msg + strlen(path), ": shapes: expected an object, got an array");
    unlink(path);
    rmdir(dir);

    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_spec_load_file("/nonexistent/model.json", &spec, &err), SDKC_ERR_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "/nonexistent/model.json"));
    sdkc_free(gz);
}

/* ==== botocore's models ==================================================== */

SDKC_TEST(botocore_full_datazone_model_gz)
{
    char path[4096];
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;
    const struct sdkc_operation *op;
    const struct sdkc_shape *s;
    const struct sdkc_member *m;
    size_t i, unions = 0;

    if (!s_botocore_data(path, sizeof(path) - 64))
        return;
    strcat(path, "/datazone/2018-05-10/service-2.json.gz");
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "SKIPPED: %s not found\n", path);
        return;
    }
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_file(path, &spec, &err), SDKC_OK);
    CU_ASSERT_EQUAL(spec->operation_count, 188);
    CU_ASSERT_EQUAL(spec->shape_count, 1268);
    CU_ASSERT_STRING_EQUAL(spec->metadata.protocol, "rest-json");
    CU_ASSERT_STRING_EQUAL(spec->metadata.uid, "datazone-2018-05-10");
    for (i = 0; i < spec->shape_count; i++)
        unions += spec->shapes[i].is_union;
    CU_ASSERT_EQUAL(unions, 51);
    CU_ASSERT_EQUAL(spec->error_shape_count, 8);
    s = sdkc_spec_find_error(spec, "ConflictException");
    CU_ASSERT_TRUE(s && s->http_status == 409 && s->sender_fault && !s->fault);
    s = sdkc_spec_find_error(spec, "ServiceQuotaExceededException");
    CU_ASSERT_TRUE(s && s->http_status == 402);

    /* The same CreateUserProfile binding as the bundled model, plus what
     * the seed does not show. */
    op = sdkc_spec_find_operation(spec, "CreateUserProfile");
    CU_ASSERT_PTR_NOT_NULL_FATAL(op);
    CU_ASSERT_STRING_EQUAL(op->http_method, "POST");
    CU_ASSERT_STRING_EQUAL(op->request_uri, "/v2/domains/{domainIdentifier}/user-profiles");
    CU_ASSERT_EQUAL(op->response_code, 201);
    CU_ASSERT_TRUE(op->idempotent);
    CU_ASSERT_EQUAL(op->error_count, 6);
    CU_ASSERT_PTR_NOT_NULL(sdkc_shape_find_member(op->input, "sessionName"));
    m = sdkc_shape_find_member(op->input, "clientToken");
    CU_ASSERT_TRUE(m && m->idempotency_token);
    s = sdkc_shape_find_member(op->output, "details")->shape;
    CU_ASSERT_TRUE(s->is_union);
    CU_ASSERT_TRUE(sdkc_shape_enum_has(sdkc_spec_find_shape(spec, "UserType"), "IAM_ROLE_SESSION"));
    /* Some operation that is not CreateUserProfile, for the lookups. */
    op = sdkc_spec_find_operation(spec, "GetDomain");
    CU_ASSERT_TRUE(op && strcmp(op->http_method, "GET") == 0 && op->response_code == 200);
    for (i = 1; i < spec->operation_count; i++)
        CU_ASSERT_TRUE(strcmp(spec->operations[i - 1].name, spec->operations[i].name) < 0);
    sdkc_spec_destroy(spec);
}

/* Every model botocore ships: rest-json ones load, the others are refused
 * as SDKC_ERR_UNSUPPORTED naming their protocol. Guards the loader against
 * traits real models use that the bundled one does not. */
SDKC_TEST(botocore_every_model)
{
    char data[4096], cmd[4200], line[4096];
    FILE *p;
    size_t loaded = 0, refused = 0;

    if (!s_botocore_data(data, sizeof(data) - 200))
        return;
    snprintf(cmd, sizeof(cmd), "ls -1 '%s'/*/*/service-2.json* 2>/dev/null", data);
    p = popen(cmd, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    while (fgets(line, sizeof(line), p)) {
        struct sdkc_spec *spec = NULL;
        struct sdkc_error err;
        sdkc_result result;
        line[strcspn(line, "\n")] = '\0';
        sdkc_error_init(&err);
        result = sdkc_spec_load_file(line, &spec, &err);
        if (result == SDKC_OK) {
            loaded++;
        } else if (result == SDKC_ERR_UNSUPPORTED && strstr(err.msg, "; sdkconform supports "
                                                                     "rest-json")) {
            refused++;
        } else {
            fprintf(stderr, "%s\n", err.msg);
            CU_FAIL("a botocore model neither loaded nor was refused for its protocol");
        }
        sdkc_spec_destroy(spec);
    }
    pclose(p);
    fprintf(stderr, "botocore models: %zu rest-json loaded, %zu other protocols refused\n", loaded,
            refused);
    CU_ASSERT_TRUE(loaded > 100);
    CU_ASSERT_TRUE(refused > 100);
}

/* ==== fault injection (house style 6) ====================================== */

static int s_load_default_once(void *ctx)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;
    sdkc_result result;
    (void)ctx;
    sdkc_error_init(&err);
    result = sdkc_spec_load_default(&spec, &err);
    if (result == SDKC_OK && (!spec || !sdkc_spec_find_operation(spec, "CreateUserProfile")))
        result = SDKC_ERR_STATE;
    if (result == SDKC_ERR_NOMEM && (spec || !strstr(err.msg, "out of memory")))
        result = SDKC_ERR_STATE; /* NOMEM must be reported, and leave nothing */
    sdkc_spec_destroy(spec);
    return result;
}

SDKC_TEST(fault_walk_load_default)
{
    CU_ASSERT_TRUE(sdkc_test_fault_walk("spec load default", s_load_default_once, NULL, NULL) > 10);
}

static int s_load_mem_once(void *ctx)
{
    const char *text = ctx;
    struct sdkc_spec *spec = NULL;
    sdkc_result result = sdkc_spec_load_mem(text, strlen(text), "all.json", &spec, NULL);
    sdkc_spec_destroy(spec);
    return result;
}

SDKC_TEST(fault_walk_every_trait_and_gzip)
{
    size_t gz_len = 0;
    char *gz;
    CU_ASSERT_TRUE(sdkc_test_fault_walk("spec every trait", s_load_mem_once,
                                        (void *)s_all_traits_model, NULL) > 10);
    gz = s_gzip(s_all_traits_model, strlen(s_all_traits_model), &gz_len);
    /* Wrap as a NUL-free string is impossible for gzip: walk load_mem directly. */
    {
        uint64_t n;
        for (n = 1; n < 100000; n++) {
            struct sdkc_spec *spec = NULL;
            uint64_t before = sdkc_test_live_blocks();
            sdkc_result result;
            int fired;
            sdkc_alloc_fault_set(n, 0);
            result = sdkc_spec_load_mem(gz, gz_len, "all.json.gz", &spec, NULL);
            fired = sdkc_alloc_fault_fired();
            sdkc_alloc_fault_set(0, 0);
            sdkc_spec_destroy(spec);
            CU_ASSERT_TRUE(result == SDKC_OK || result == SDKC_ERR_NOMEM);
            CU_ASSERT_EQUAL(sdkc_test_live_blocks(), before);
            if (!fired) {
                CU_ASSERT_EQUAL(result, SDKC_OK);
                break;
            }
        }
        CU_ASSERT_TRUE(n > 3 && n < 100000);
    }
    sdkc_free(gz);
}

/* ==== cli/spec_arg ========================================================= */

/* Run fn with stderr captured into buf. */
static int s_capture_stderr(char *buf, size_t n, int (*fn)(void *), void *ctx)
{
    char path[] = "/tmp/sdkc-stderr-XXXXXX";
    int fd = mkstemp(path), saved, rc;
    ssize_t got;
    CU_ASSERT_FATAL(fd >= 0);
    fflush(stderr);
    saved = dup(2);
    dup2(fd, 2);
    rc = fn(ctx);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    lseek(fd, 0, SEEK_SET);
    got = read(fd, buf, n - 1);
    buf[got > 0 ? got : 0] = '\0';
    close(fd);
    unlink(path);
    return rc;
}

struct s_cli_ctx {
    const char *path;
    const char *op;
    struct sdkc_spec *spec;
    const struct sdkc_operation *found;
};

static int s_cli_load(void *ctx)
{
    struct s_cli_ctx *c = ctx;
    return sdkc_cli_load_spec("decode", c->path, &c->spec);
}

static int s_cli_find(void *ctx)
{
    struct s_cli_ctx *c = ctx;
    return sdkc_cli_find_operation("encode", c->spec, c->op, &c->found);
}

SDKC_TEST(cli_load_spec_and_find_operation)
{
    char out[2048], dir[] = "/tmp/sdkc-spec-XXXXXX", path[128];
    struct s_cli_ctx c;
    FILE *f;

    memset(&c, 0, sizeof(c));
    CU_ASSERT_EQUAL(s_capture_stderr(out, sizeof(out), s_cli_load, &c), 0);
    CU_ASSERT_STRING_EQUAL(out, "");
    CU_ASSERT_PTR_NOT_NULL_FATAL(c.spec);

    c.op = "CreateUserProfile";
    CU_ASSERT_EQUAL(s_capture_stderr(out, sizeof(out), s_cli_find, &c), 0);
    CU_ASSERT_PTR_EQUAL(c.found, &c.spec->operations[0]);

    c.op = "createuserprofile";
    CU_ASSERT_EQUAL(s_capture_stderr(out, sizeof(out), s_cli_find, &c), 2);
    CU_ASSERT_PTR_NULL(c.found);
    CU_ASSERT_STRING_EQUAL(out, "sdkconform encode: no operation named \"createuserprofile\" in "
                                "(bundled); closest: CreateUserProfile\n");
    c.op = NULL;
    CU_ASSERT_EQUAL(s_capture_stderr(out, sizeof(out), s_cli_find, &c), 2);
    CU_ASSERT_STRING_EQUAL(out, "sdkconform encode: missing --operation NAME ((bundled) has 1); "
                                "for example: CreateUserProfile\n");
    sdkc_spec_destroy(c.spec);
    c.spec = NULL;

    /* A malformed file: exit 2, the message names the file and the path. */
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/m.json", dir);
    f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("{\"metadata\":{\"protocol\":\"rest-json\"},\"operations\":{},\"shapes\":{"
          "\"S\":{\"type\":\"structure\",\"members\":{\"iam\":{\"shape\":\"Foo\"}}}}}",
          f);
    fclose(f);
    c.path = path;
    CU_ASSERT_EQUAL(s_capture_stderr(out, sizeof(out), s_cli_load, &c), 2);
    CU_ASSERT_PTR_NULL(c.spec);
    {
        char want[512];
        snprintf(want, sizeof(want),
                 "sdkconform decode: %s: shapes.S.members.iam.shape: no shape named \"Foo\"\n",
                 path);
        CU_ASSERT_STRING_EQUAL(out, want);
    }
    unlink(path);
    rmdir(dir);

    c.path = "/nonexistent/spec.json";
    CU_ASSERT_EQUAL(s_capture_stderr(out, sizeof(out), s_cli_load, &c), 2);
    CU_ASSERT_EQUAL(strncmp(out, "sdkconform decode: /nonexistent/spec.json: ", 43), 0);
}

/* With a big model, suggestions are the closest names by edit distance. */
SDKC_TEST(cli_find_operation_suggests_closest)
{
    static const char text[] =
        "{\"metadata\":{\"protocol\":\"rest-json\"},\"shapes\":{},\"operations\":{"
        "\"CreateUserProfile\":{\"http\":{\"method\":\"POST\",\"requestUri\":\"/a\"}},"
        "\"DeleteUserProfile\":{\"http\":{\"method\":\"POST\",\"requestUri\":\"/b\"}},"
        "\"GetUserProfile\":{\"http\":{\"method\":\"GET\",\"requestUri\":\"/c\"}},"
        "\"ListDomains\":{\"http\":{\"method\":\"GET\",\"requestUri\":\"/d\"}},"
        "\"A\":{\"http\":{\"method\":\"GET\",\"requestUri\":\"/e\"}},"
        "\"B\":{\"http\":{\"method\":\"GET\",\"requestUri\":\"/f\"}},"
        "\"CreateDomain\":{\"http\":{\"method\":\"GET\",\"requestUri\":\"/g\"}}}}";
    char out[2048];
    struct s_cli_ctx c;
    memset(&c, 0, sizeof(c));
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_mem(text, strlen(text), "ops.json", &c.spec, NULL),
                          SDKC_OK);
    c.op = "CreateUserProfle";
    CU_ASSERT_EQUAL(s_capture_stderr(out, sizeof(out), s_cli_find, &c), 2);
    CU_ASSERT_STRING_EQUAL(out, "sdkconform encode: no operation named \"CreateUserProfle\" in "
                                "ops.json; closest: CreateUserProfile, DeleteUserProfile, "
                                "GetUserProfile, CreateDomain, A (of 7)\n");
    sdkc_spec_destroy(c.spec);
}

/* ==== every node of the bundled model replaced by every wrong type ======== */

/* The k-th node in pre-order (root = 0) and its parent; *k counts down. */
static cJSON *s_nth(cJSON *node, cJSON *parent, size_t *k, cJSON **parent_out)
{
    cJSON *c, *hit;
    if ((*k)-- == 0) {
        *parent_out = parent;
        return node;
    }
    for (c = node->child; c; c = c->next)
        if ((hit = s_nth(c, node, k, parent_out)) != NULL)
            return hit;
    return NULL;
}

/* Replacing any one value of a valid model with null, a number, a string,
 * an empty array, an empty object or true must give SDKC_OK or a clean
 * error naming the source and a path; never a crash or a leak (the driver
 * checks leaks, ASan the rest). */
SDKC_TEST(mutation_every_node_every_type)
{
    cJSON *base = s_bundled_tree();
    size_t k, t, nodes = 0, ok = 0, failed = 0;
    for (;;) {
        cJSON *parent = NULL;
        size_t kk = nodes;
        if (!s_nth(base, NULL, &kk, &parent))
            break;
        nodes++;
    }
    CU_ASSERT_TRUE(nodes > 150);
    for (k = 1; k < nodes; k++) {
        for (t = 0; t < 6; t++) {
            cJSON *r = cJSON_Duplicate(base, 1), *parent = NULL, *node, *repl;
            struct sdkc_spec *spec = NULL;
            struct sdkc_error err;
            sdkc_result result;
            size_t kk = k;
            CU_ASSERT_PTR_NOT_NULL_FATAL(r);
            node = s_nth(r, NULL, &kk, &parent);
            CU_ASSERT_PTR_NOT_NULL_FATAL(node);
            repl = t == 0   ? cJSON_CreateNull()
                   : t == 1 ? cJSON_CreateNumber(7)
                   : t == 2 ? cJSON_CreateString("x")
                   : t == 3 ? cJSON_CreateArray()
                   : t == 4 ? cJSON_CreateObject()
                            : cJSON_CreateTrue();
            if (cJSON_IsObject(parent))
                cJSON_ReplaceItemInObjectCaseSensitive(parent, node->string, repl);
            else
                cJSON_ReplaceItemViaPointer(parent, node, repl);
            sdkc_error_init(&err);
            result = sdkc_spec_load_json(r, "(test)", &spec, &err);
            if (result == SDKC_OK) {
                CU_ASSERT_PTR_NOT_NULL(spec);
                ok++;
            } else {
                CU_ASSERT_TRUE(result == SDKC_ERR_SPEC || result == SDKC_ERR_UNSUPPORTED);
                CU_ASSERT_PTR_NULL(spec);
                CU_ASSERT_EQUAL(strncmp(err.msg, "(test): ", 8), 0);
                /* "(test): <path>: <what>": a path, then a message. */
                CU_ASSERT_PTR_NOT_NULL(strstr(err.msg + 8, ": "));
                failed++;
            }
            sdkc_spec_destroy(spec);
            cJSON_Delete(r);
        }
    }
    /* Documentation strings and the like are ignored; most changes break. */
    CU_ASSERT_TRUE(ok > 0 && failed > ok);
    fprintf(stderr, "%zu nodes: %zu mutated models loaded, %zu refused\n", nodes, ok, failed);
    cJSON_Delete(base);
}

/* Paths longer than SDKC_SPEC_MAX_PATH are cut, never overrun; NULL
 * arguments are refused cleanly. */
SDKC_TEST(long_paths_and_bad_arguments)
{
    char name[1200];
    cJSON *r, *shape;
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;

    memset(name, 'N', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    r = s_bundled_tree();
    shape = cJSON_CreateObject();
    cJSON_AddStringToObject(shape, "type", "structure");
    cJSON_AddItemToObject(shape, "members", cJSON_CreateObject());
    cJSON_AddItemToObject(s_at(shape, "members", NULL), name, cJSON_CreateObject());
    cJSON_AddItemToObject(s_at(r, "shapes", NULL), name, shape);
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_spec_load_json(r, "(test)", &spec, &err), SDKC_ERR_SPEC);
    CU_ASSERT_PTR_NULL(spec);
    CU_ASSERT_EQUAL(strncmp(err.msg, "(test): shapes.NNNN", 19), 0);
    CU_ASSERT_TRUE(strlen(err.msg) < SDKC_ERROR_MSG_MAX);
    /* The path is cut at SDKC_SPEC_MAX_PATH - 1 bytes. */
    CU_ASSERT_TRUE(strlen(err.msg) <= strlen("(test): ") + SDKC_SPEC_MAX_PATH - 1 + 2 +
                                          strlen("shape: missing (a string is required here)"));
    cJSON_Delete(r);

    CU_ASSERT_EQUAL(sdkc_spec_load_json(NULL, "x", &spec, NULL), SDKC_ERR_INVALID_ARG);
    CU_ASSERT_EQUAL(sdkc_spec_load_mem(NULL, 5, "x", &spec, NULL), SDKC_ERR_INVALID_ARG);
    CU_ASSERT_EQUAL(sdkc_spec_load_file(NULL, &spec, NULL), SDKC_ERR_INVALID_ARG);
    CU_ASSERT_PTR_NULL(spec);
}
