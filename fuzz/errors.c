/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz/errors.c: error resolution alone (codec/codec.h
 * sdkc_codec_decode_error and sdkc_codec_sanitize_error_code): status +
 * headers + body -> {"error": {...}}.
 *
 * Input: "S F [errortype\n] body".
 *   S  status 300 + S * 3 (300..1065: 3xx, 4xx, 5xx and past 599);
 *   F  bit 0: an X-Amzn-Errortype header follows, its value up to the first
 *      '\n' (any bytes but NUL, which a header cannot carry); bit 1: the
 *      header name is sent lowercased (RFC 9110 §5.1: names are
 *      case-insensitive); bit 2: a second, later X-Amzn-Errortype "Decoy"
 *      (the first one counts);
 *   the rest is the body.
 *
 * Properties (errors.c rules 2-9): the document is {"error": {...}} with
 * httpStatus == the status, modeled a boolean, fault "client" or "server";
 * when the header sanitizes to a non-empty code, error.code is that code
 * (unmodeled) or the name of the error shape it resolves to (modeled);
 * sanitizing selects exactly rule 3's slice, never writes past out_size,
 * and only ever replaces non-UTF-8 bytes (by '?').
 */
#include <string.h>

#include "codec/codec.h"
#include "core/json.h"
#include "fuzz_common.h"
#include "fuzz_spec.h"

static struct sdkc_spec *s_spec;
static const struct sdkc_operation *s_op;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sdkc_fuzz_init();
    s_spec = sdkc_fuzz_bundled_spec("errors", &s_op);
    return 0;
}

/* Sanitizing properties for one raw value at several output capacities:
 * the output is the raw slice rule 3 selects (cut at NUL, then at the first
 * ':', then after the first '#', then to out_size - 1 bytes), byte for byte,
 * except that bytes which are not valid UTF-8 become '?' (the code goes
 * into a JSON document, core/json.h sdkc_json_utf8_scrub). */
static void s_check_sanitize(const char *raw, size_t raw_len)
{
    static const size_t sizes[] = {1, 2, 8, SDKC_CODEC_MAX_ERROR_CODE + 1};
    char out[SDKC_CODEC_MAX_ERROR_CODE + 2];
    const char *slice = raw, *cut;
    size_t slice_len = raw_len;

    if ((cut = memchr(slice, '\0', slice_len)) != NULL)
        slice_len = (size_t)(cut - slice);
    if ((cut = memchr(slice, ':', slice_len)) != NULL)
        slice_len = (size_t)(cut - slice);
    if ((cut = memchr(slice, '#', slice_len)) != NULL) {
        slice_len -= (size_t)(cut + 1 - slice);
        slice = cut + 1;
    }
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        size_t want = slice_len < sizes[k] - 1 ? slice_len : sizes[k] - 1;
        memset(out, 'X', sizeof(out));
        sdkc_codec_sanitize_error_code(raw, raw_len, out, sizes[k]);
        size_t n = strnlen(out, sizes[k]);
        SDKC_FUZZ_CHECK(n < sizes[k]);         /* NUL-terminated within out_size */
        SDKC_FUZZ_CHECK(out[sizes[k]] == 'X'); /* nothing written past out_size */
        SDKC_FUZZ_CHECK(n == want);
        for (size_t i = 0; i < n; i++) {
            SDKC_FUZZ_CHECK(out[i] == slice[i] || out[i] == '?');
            /* ASCII is always kept. */
            if ((unsigned char)slice[i] < 0x80)
                SDKC_FUZZ_CHECK(out[i] == slice[i]);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sdkc_http_response resp;
    struct sdkc_error err;
    char sanitized[SDKC_CODEC_MAX_ERROR_CODE + 1];
    cJSON *doc = NULL;
    const cJSON *e, *item;
    uint64_t baseline;
    size_t i = 2;
    uint8_t f;

    LLVMFuzzerInitialize(NULL, NULL);
    if (size < 2 || size > SDKC_FUZZ_MAX_INPUT)
        return 0;
    baseline = sdkc_fuzz_live_blocks();
    sdkc_http_response_init(&resp);
    sdkc_error_init(&err);
    sanitized[0] = '\0';
    resp.status = 300 + data[0] * 3;
    f = data[1];
    if (f & 1) {
        const uint8_t *nl = memchr(data + 2, '\n', size - 2);
        size_t end = nl ? (size_t)(nl - data) : size;
        const uint8_t *nul = memchr(data + 2, '\0', end - 2);
        size_t vend = nul ? (size_t)(nul - data) : end;
        SDKC_FUZZ_CHECK(sdkc_http_headers_addn(&resp.headers,
                                               (f & 2) ? "x-amzn-errortype" : "X-Amzn-Errortype",
                                               16, (const char *)data + 2, vend - 2) == SDKC_OK);
        s_check_sanitize((const char *)data + 2, vend - 2);
        sdkc_codec_sanitize_error_code((const char *)data + 2, vend - 2, sanitized,
                                       sizeof(sanitized));
        if (f & 4)
            SDKC_FUZZ_CHECK(sdkc_http_headers_add(&resp.headers, "X-Amzn-Errortype", "Decoy") ==
                            SDKC_OK);
        i = end < size ? end + 1 : size;
    }
    if (i < size) {
        resp.body = sdkc_fuzz_copy(data + i, size - i);
        SDKC_FUZZ_CHECK(resp.body != NULL);
        resp.body_len = size - i;
        s_check_sanitize(resp.body, resp.body_len);
    }

    SDKC_FUZZ_CHECK_MSG(sdkc_codec_decode_error(s_spec, s_op, &resp, &doc, &err) == SDKC_OK, &err);
    SDKC_FUZZ_CHECK(doc != NULL);
    SDKC_FUZZ_CHECK(sdkc_result_kind(doc) && !strcmp(sdkc_result_kind(doc), "error"));
    e = sdkc_json_get(doc, "error");
    item = sdkc_json_get(e, "httpStatus");
    SDKC_FUZZ_CHECK(cJSON_IsNumber(item) && item->valuedouble == (double)resp.status);
    item = sdkc_json_get(e, "modeled");
    SDKC_FUZZ_CHECK(cJSON_IsBool(item));
    int modeled = cJSON_IsTrue(item);
    item = sdkc_json_get(e, "fault");
    SDKC_FUZZ_CHECK(cJSON_IsString(item) &&
                    (!strcmp(item->valuestring, "client") || !strcmp(item->valuestring, "server")));
    if (!modeled)
        SDKC_FUZZ_CHECK(!strcmp(item->valuestring, resp.status >= 500 ? "server" : "client"));
    item = sdkc_json_get(e, "code");
    if (sanitized[0]) {
        /* Rule 2: the header wins over anything in the body. */
        SDKC_FUZZ_CHECK(cJSON_IsString(item));
        if (modeled) {
            const struct sdkc_shape *shape = sdkc_spec_find_shape(s_spec, item->valuestring);
            SDKC_FUZZ_CHECK(shape != NULL);
        } else {
            SDKC_FUZZ_CHECK(!strcmp(item->valuestring, sanitized));
            SDKC_FUZZ_CHECK(sdkc_spec_find_error(s_spec, sanitized) == NULL);
        }
    }
    if (item)
        SDKC_FUZZ_CHECK(cJSON_IsString(item) && item->valuestring[0] != '\0');
    else
        SDKC_FUZZ_CHECK(!modeled);

    cJSON_Delete(doc);
    sdkc_http_response_clean_up(&resp);
    sdkc_fuzz_check_no_leak(baseline, "errors");
    return 0;
}
