/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz/decode.c: a CreateUserProfile response (status, headers, body)
 * decoded against the bundled spec (codec/codec.h sdkc_codec_decode).
 *
 * Input: "S F [Name: value\n ... \n] body".
 *   S  picks the status: S < 0xE0 indexes s_statuses; otherwise the status
 *      is 100 + (S - 0xE0) * 29 (spreads over 100..999, odd codes too);
 *   F  flags: bit 0 a header block follows ("Name: value" lines up to an
 *      empty line, as an HTTP/1.1 head), bit 1 adds
 *      Content-Type: application/json, bit 2 X-Amzn-RequestId,
 *      bits 3-4 pick an X-Amzn-Errortype (none, modeled, unmodeled with
 *      namespace and ':' suffix, empty);
 *   the rest is the body (arbitrary bytes).
 * Fault mode (fuzz_common.h "FF N P" before S) fails the Nth allocation
 * of the decode.
 *
 * Properties (DESIGN.md "Result document"): decode returns
 * SDKC_OK with a document that has exactly one of output / error /
 * clientError (sdkc_result_kind), 2xx never gives "error", >= 300 never
 * gives "output"; the document prints, the print passes our strict
 * validator and parses back to an equal tree; no allocation outlives the
 * input; under fault injection the result is SDKC_ERR_NOMEM.
 */
#include <string.h>

#include "codec/codec.h"
#include "core/json.h"
#include "fuzz_common.h"
#include "fuzz_spec.h"

static const int s_statuses[] = {200, 201, 204, 206, 299, 300, 302, 304, 400, 401, 403,
                                 404, 409, 413, 429, 500, 502, 503, 504, 100, 199, 0};
#define S_NSTATUS (sizeof(s_statuses) / sizeof(s_statuses[0]))

static struct sdkc_spec *s_spec;
static const struct sdkc_operation *s_op;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sdkc_fuzz_init();
    s_spec = sdkc_fuzz_bundled_spec("decode", &s_op);
    return 0;
}

/* Build the response from the input; 0 when it could not (NOMEM while the
 * fault is not armed yet cannot happen, so that is a real failure). */
static sdkc_result s_build(const uint8_t *data, size_t size, struct sdkc_http_response *resp)
{
    static const char *const errortypes[] = {
        NULL, "ConflictException",
        "aws.protocoltests.restjson#ValidationException:http://internal.amazon.com/", ""};
    uint8_t s = data[0], f = data[1];
    sdkc_result rc = SDKC_OK;
    size_t i = 2;

    resp->status = s < 0xE0 ? s_statuses[s % S_NSTATUS] : 100 + (s - 0xE0) * 29;
    if (f & 1) {
        /* Header block: lines "Name: value" until an empty line or the end. */
        while (i < size && rc == SDKC_OK) {
            const uint8_t *nl = memchr(data + i, '\n', size - i);
            size_t end = nl ? (size_t)(nl - data) : size;
            const uint8_t *colon = memchr(data + i, ':', end - i);
            if (end == i) {
                i = end + 1;
                break;
            }
            if (colon) {
                size_t v = (size_t)(colon - data) + 1;
                while (v < end && data[v] == ' ')
                    v++;
                rc = sdkc_http_headers_addn(&resp->headers, (const char *)data + i,
                                            (size_t)(colon - data) - i, (const char *)data + v,
                                            end - v);
                if (rc == SDKC_ERR_TOO_LARGE)
                    rc = SDKC_OK; /* past SDKC_HTTP_MAX_HEADERS: keep what fits */
            }
            i = end + 1;
        }
        if (i > size)
            i = size;
    }
    if (rc == SDKC_OK && (f & 2))
        rc = sdkc_http_headers_add(&resp->headers, "Content-Type", "application/json");
    if (rc == SDKC_OK && (f & 4))
        rc = sdkc_http_headers_add(&resp->headers, "X-Amzn-RequestId",
                                   "7f5a8e1c-0000-4000-8000-000000000000");
    if (rc == SDKC_OK && errortypes[(f >> 3) & 3])
        rc = sdkc_http_headers_add(&resp->headers, "X-Amzn-Errortype", errortypes[(f >> 3) & 3]);
    if (rc == SDKC_OK && i < size) {
        resp->body = sdkc_fuzz_copy(data + i, size - i);
        if (!resp->body)
            return SDKC_ERR_NOMEM;
        resp->body_len = size - i;
    }
    return rc;
}

static void s_check_doc(const cJSON *doc, int status)
{
    struct sdkc_error err;
    const char *kind = sdkc_result_kind(doc);
    char *printed = NULL;
    cJSON *back = NULL;

    sdkc_error_init(&err);
    SDKC_FUZZ_CHECK(kind != NULL);
    if (status >= 200 && status < 300)
        SDKC_FUZZ_CHECK(strcmp(kind, "error") != 0);
    if (status >= 300)
        SDKC_FUZZ_CHECK(strcmp(kind, "output") != 0);
    if (!strcmp(kind, "clientError"))
        SDKC_FUZZ_CHECK(cJSON_IsString(sdkc_json_get(sdkc_json_get(doc, "clientError"), "kind")));
    if (!strcmp(kind, "error")) {
        const cJSON *e = sdkc_json_get(doc, "error");
        const cJSON *hs = sdkc_json_get(e, "httpStatus");
        SDKC_FUZZ_CHECK(cJSON_IsNumber(hs) && hs->valuedouble == (double)status);
    }
    SDKC_FUZZ_CHECK(sdkc_json_print(doc, 0, &printed, &err) == SDKC_OK);
    SDKC_FUZZ_CHECK_MSG(sdkc_json_validate(printed, strlen(printed), NULL, &err) == SDKC_OK, &err);
    SDKC_FUZZ_CHECK_MSG(sdkc_json_parse(printed, strlen(printed), NULL, &back, &err) == SDKC_OK,
                        &err);
    if (!sdkc_json_equal(doc, back)) {
        fprintf(stderr, "result document does not survive print+parse: %.400s\n", printed);
        abort();
    }
    cJSON_Delete(back);
    sdkc_free(printed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sdkc_http_response resp;
    struct sdkc_error err;
    cJSON *doc = NULL;
    uint64_t baseline, nth = 0;
    int persistent = 0, faulting, fired = 0;
    sdkc_result rc;

    LLVMFuzzerInitialize(NULL, NULL);
    if (size > SDKC_FUZZ_MAX_INPUT)
        return 0;
    baseline = sdkc_fuzz_live_blocks();
    faulting = sdkc_fuzz_fault_prefix(&data, &size, &nth, &persistent);
    if (size < 2)
        return 0;
    sdkc_http_response_init(&resp);
    sdkc_error_init(&err);
    rc = s_build(data, size, &resp);
    SDKC_FUZZ_CHECK(rc == SDKC_OK);

    if (faulting)
        sdkc_alloc_fault_set(nth, persistent);
    rc = sdkc_codec_decode(s_spec, s_op, &resp, &doc, &err);
    if (faulting) {
        fired = sdkc_alloc_fault_fired();
        sdkc_alloc_fault_set(0, 0);
    }
    if (fired) {
        /* An injected failure is NOMEM, never a verdict about the response. */
        SDKC_FUZZ_CHECK_MSG(rc == SDKC_ERR_NOMEM, &err);
        SDKC_FUZZ_CHECK(doc == NULL);
    } else {
        SDKC_FUZZ_CHECK_MSG(rc == SDKC_OK, &err);
        SDKC_FUZZ_CHECK(doc != NULL);
        s_check_doc(doc, resp.status);
    }
    cJSON_Delete(doc);
    sdkc_http_response_clean_up(&resp);
    sdkc_fuzz_check_no_leak(baseline, faulting ? "decode (fault mode)" : "decode");
    return 0;
}
