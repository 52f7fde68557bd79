/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz/vector.c: the vector loader (vectors/vector.h sdkc_vector_parse),
 * i.e. files other people write, and what replay then does with a loaded
 * vector: its params encoded by the codec (sdkc_codec_encode), the request
 * checked against its request expectations, its canned response decoded
 * and checked against its expected result (matchers, anyOf).
 *
 * Input: one vector object (strict JSON), as inside a "vectors" array.
 *
 * Properties: a refusal is SDKC_ERR_PARSE / _TOO_LARGE / _TOO_DEEP /
 * _UNSUPPORTED with a message naming the file ("fuzz.json"); a loaded
 * vector has an id, a level and non-empty refs and tags (vector.h); every
 * checker returns SDKC_OK (they only fail on NOMEM); a diff found is
 * reported (entries or a truncation count) and formats; no leak.
 */
#include <string.h>

#include "codec/codec.h"
#include "core/json.h"
#include "fuzz_common.h"
#include "fuzz_spec.h"
#include "vectors/vector.h"

static struct sdkc_spec *s_spec;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sdkc_fuzz_init();
    s_spec = sdkc_fuzz_bundled_spec("vector", NULL);
    return 0;
}

static void s_check_diff(const struct sdkc_json_diff *d, int ok)
{
    struct sdkc_buf b;
    if (ok)
        return;
    SDKC_FUZZ_CHECK(d->count > 0 || d->truncated > 0);
    sdkc_buf_init(&b, 0);
    SDKC_FUZZ_CHECK(sdkc_json_diff_format(d, &b) == SDKC_OK);
    SDKC_FUZZ_CHECK(b.len > 0);
    sdkc_buf_clean_up(&b);
}

static void s_check_result(const struct sdkc_vector *v, const cJSON *doc)
{
    struct sdkc_json_diff d;
    struct sdkc_error err;
    int ok = -1;
    sdkc_json_diff_init(&d);
    sdkc_error_init(&err);
    SDKC_FUZZ_CHECK_MSG(sdkc_vector_check_result(v, doc, NULL, &d, &ok, &err) == SDKC_OK, &err);
    SDKC_FUZZ_CHECK(ok == 0 || ok == 1);
    s_check_diff(&d, ok);
    sdkc_json_diff_clean_up(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sdkc_vector *v = NULL;
    struct sdkc_error err;
    struct sdkc_http_request req;
    struct sdkc_json_diff d;
    cJSON *doc = NULL;
    uint64_t baseline, counter = 0;
    sdkc_result rc;
    int ok = -1;

    LLVMFuzzerInitialize(NULL, NULL);
    if (size > SDKC_FUZZ_MAX_INPUT)
        return 0;
    baseline = sdkc_fuzz_live_blocks();
    sdkc_error_init(&err);
    sdkc_http_request_init(&req);
    sdkc_json_diff_init(&d);

    rc = sdkc_vector_parse((const char *)data, size, "fuzz.json", &v, &err);
    if (rc != SDKC_OK) {
        SDKC_FUZZ_CHECK(v == NULL);
        SDKC_FUZZ_CHECK_MSG(rc == SDKC_ERR_PARSE || rc == SDKC_ERR_TOO_LARGE ||
                                rc == SDKC_ERR_TOO_DEEP || rc == SDKC_ERR_UNSUPPORTED,
                            &err);
        SDKC_FUZZ_CHECK_MSG(strstr(err.msg, "fuzz.json") != NULL, &err);
        goto done;
    }
    SDKC_FUZZ_CHECK(v->id && v->id[0] && strlen(v->id) <= SDKC_VECTOR_MAX_ID_LEN);
    SDKC_FUZZ_CHECK(cJSON_IsArray(v->refs) && cJSON_GetArraySize(v->refs) > 0);
    SDKC_FUZZ_CHECK(cJSON_IsArray(v->tags) && cJSON_GetArraySize(v->tags) > 0);
    SDKC_FUZZ_CHECK(v->category != NULL);
    SDKC_FUZZ_CHECK(sdkc_vector_level_name(v->level) != NULL);

    const struct sdkc_operation *op =
        v->operation ? sdkc_spec_find_operation(s_spec, v->operation) : NULL;

    /* Replay's request side: encode the params, compare with expectations. */
    if (op && v->params) {
        struct sdkc_codec_options co = {
            .uuid = sdkc_uuid_sequence, .uuid_ctx = &counter, .host = "example.amazonaws.com"};
        rc = sdkc_codec_encode(s_spec, op, v->params, &co, &req, &err);
        SDKC_FUZZ_CHECK_MSG(rc == SDKC_OK || rc == SDKC_ERR_VALIDATION, &err);
        if (rc == SDKC_OK) {
            rc = sdkc_vector_check_request(v, &req, NULL, &d, &ok, &err);
            SDKC_FUZZ_CHECK_MSG(rc == SDKC_OK, &err);
            s_check_diff(&d, ok);
        }
    }
    /* Replay's response side: decode the canned response, check the result. */
    if (op && sdkc_vector_response(v)) {
        rc = sdkc_codec_decode(s_spec, op, sdkc_vector_response(v), &doc, &err);
        SDKC_FUZZ_CHECK_MSG(rc == SDKC_OK && doc, &err);
        s_check_result(v, doc);
    }
    /* No result at all (a client that crashed): every expectation fails. */
    s_check_result(v, NULL);

done:
    cJSON_Delete(doc);
    sdkc_json_diff_clean_up(&d);
    sdkc_http_request_clean_up(&req);
    sdkc_vector_destroy(v);
    sdkc_fuzz_check_no_leak(baseline, "vector");
    return 0;
}
