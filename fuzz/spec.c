/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz/spec.c: the model loader (spec/spec.h sdkc_spec_load_mem): botocore
 * service-2.json models (plain or gzip) that users bring, and what the
 * codec then does with a loaded model.
 *
 * Input: the model bytes.
 *
 * Properties (spec.h): a refusal has a message starting with the source
 * name ("fuzz.json: "), and a code among SPEC / PARSE / UNSUPPORTED /
 * TOO_LARGE / TOO_DEEP; a loaded model is sorted as documented (find
 * functions agree with the arrays) and is consistent enough that, for every
 * operation, encoding empty params ends in SDKC_OK or a validation error,
 * and decoding a fixed 200 and a fixed 400 response gives SDKC_OK with a
 * result document; no leak.
 */
#include <string.h>

#include "codec/codec.h"
#include "core/json.h"
#include "fuzz_common.h"
#include "spec/spec.h"

/* Operations exercised per loaded model (a model may declare thousands). */
#define S_MAX_OPS 8

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sdkc_fuzz_init();
    return 0;
}

static void s_decode(const struct sdkc_spec *spec, const struct sdkc_operation *op, int status,
                     const char *body)
{
    struct sdkc_http_response resp;
    struct sdkc_error err;
    cJSON *doc = NULL;
    sdkc_http_response_init(&resp);
    sdkc_error_init(&err);
    resp.status = status;
    resp.body = sdkc_strdup(body);
    SDKC_FUZZ_CHECK(resp.body != NULL);
    resp.body_len = strlen(body);
    SDKC_FUZZ_CHECK(sdkc_http_headers_add(&resp.headers, "Content-Type", "application/json") ==
                    SDKC_OK);
    SDKC_FUZZ_CHECK_MSG(sdkc_codec_decode(spec, op, &resp, &doc, &err) == SDKC_OK, &err);
    SDKC_FUZZ_CHECK(doc && sdkc_result_kind(doc));
    cJSON_Delete(doc);
    sdkc_http_response_clean_up(&resp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;
    uint64_t baseline, counter = 0;
    sdkc_result rc;

    LLVMFuzzerInitialize(NULL, NULL);
    if (size > SDKC_FUZZ_MAX_INPUT)
        return 0;
    baseline = sdkc_fuzz_live_blocks();
    sdkc_error_init(&err);
    rc = sdkc_spec_load_mem((const char *)data, size, "fuzz.json", &spec, &err);
    if (rc != SDKC_OK) {
        SDKC_FUZZ_CHECK(spec == NULL);
        SDKC_FUZZ_CHECK_MSG(rc == SDKC_ERR_SPEC || rc == SDKC_ERR_PARSE ||
                                rc == SDKC_ERR_UNSUPPORTED || rc == SDKC_ERR_TOO_LARGE ||
                                rc == SDKC_ERR_TOO_DEEP,
                            &err);
        SDKC_FUZZ_CHECK_MSG(!strncmp(err.msg, "fuzz.json: ", 11), &err);
        goto done;
    }
    SDKC_FUZZ_CHECK(spec != NULL);
    for (size_t i = 0; i < spec->operation_count; i++) {
        const struct sdkc_operation *op = &spec->operations[i];
        SDKC_FUZZ_CHECK(op->name && sdkc_spec_find_operation(spec, op->name) == op);
        if (i > 0)
            SDKC_FUZZ_CHECK(strcmp(spec->operations[i - 1].name, op->name) <= 0);
    }
    for (size_t i = 0; i < spec->shape_count; i++)
        SDKC_FUZZ_CHECK(spec->shapes[i].name &&
                        sdkc_spec_find_shape(spec, spec->shapes[i].name) != NULL);
    for (size_t i = 0; i < spec->operation_count && i < S_MAX_OPS; i++) {
        const struct sdkc_operation *op = &spec->operations[i];
        struct sdkc_http_request req;
        struct sdkc_codec_options co = {
            .uuid = sdkc_uuid_sequence, .uuid_ctx = &counter, .host = "example.amazonaws.com"};
        cJSON *params = cJSON_CreateObject();
        SDKC_FUZZ_CHECK(params != NULL);
        sdkc_http_request_init(&req);
        rc = sdkc_codec_encode(spec, op, params, &co, &req, &err);
        SDKC_FUZZ_CHECK_MSG(
            rc == SDKC_OK || rc == SDKC_ERR_VALIDATION || rc == SDKC_ERR_UNSUPPORTED, &err);
        sdkc_http_request_clean_up(&req);
        cJSON_Delete(params);
        s_decode(spec, op, op->response_code > 0 ? op->response_code : 200,
                 "{\"id\":\"up_1\",\"status\":\"ASSIGNED\",\"details\":{\"iam\":{\"arn\":\"a\"}}}");
        s_decode(spec, op, 400, "{\"__type\":\"ValidationException\",\"message\":\"m\"}");
    }
done:
    sdkc_spec_destroy(spec);
    sdkc_fuzz_check_no_leak(baseline, "spec");
    return 0;
}
