/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz/adapter_line.c: adapter-protocol answer lines
 * (harness/adapters/PROTOCOL.md), i.e. what third-party adapters write to
 * the harness.
 *
 * LIMITATION (reported to the impl owner): impl/adapter.c has no standalone
 * line parser. Cutting lines (s_cut_line), judging an answer
 * (s_take_answer) and pruning it to the spec (s_prune_output) are static
 * and only run behind a spawned child process, which a fuzz target cannot
 * afford per input (fork + exec per input, timing-dependent restarts). This
 * target therefore fuzzes the public code those steps are made of, on the
 * same inputs and with the same rules:
 *   - the stream is cut into lines at '\n' (a '\r' before it dropped),
 *     lines past SDKC_ADAPTER_MAX_LINE_BYTES refused, as s_cut_line does;
 *   - each line is parsed with the strict parser (core/json.h) under the
 *     adapter's limits, and judged by PROTOCOL.md message 4: an object with
 *     a string "id" and exactly one of output / error / clientError as an
 *     object (clientError with a string "kind"), nothing else;
 *   - an accepted answer becomes a result document whose kind
 *     sdkc_result_kind must agree with, and is compared with a fixed
 *     vector's expectation (sdkc_vector_check_result, as replay does), so
 *     the matcher and diff code sees adapter-written values.
 * When impl/adapter.h grows a pure `sdkc_adapter_parse_answer()`, call it
 * here and compare with this model (same verdict, same document).
 */
#include <string.h>

#include "codec/codec.h"
#include "core/json.h"
#include "fuzz_common.h"
#include "impl/adapter.h"
#include "vectors/vector.h"

/* Lines judged per input (keeps one input's run time bounded). */
#define S_MAX_LINES 64

static struct sdkc_vector *s_vec;

static const char s_vector_json[] =
    "{\"id\":\"fuzz-adapter\",\"title\":\"adapter answers\",\"level\":\"MUST\","
    "\"refs\":[\"fuzz\"],\"tags\":[\"fuzz\"],\"operation\":\"CreateUserProfile\","
    "\"params\":{\"domainIdentifier\":\"dzd_abc123\",\"userIdentifier\":\"u\"},"
    "\"response\":{\"status\":201,\"body\":\"{}\"},"
    "\"expect\":{\"anyOf\":[{\"output\":{\"domainId\":\"dzd_abc123\",\"id\":{\"$match\":\"string\"},"
    "\"type\":\"IAM\",\"status\":{\"$match\":\"regex\",\"pattern\":\"^(ASSIGNED|ACTIVATED)$\"},"
    "\"details\":{\"$match\":\"any\"},\"extra\":{\"$match\":\"absent\"}}},"
    "{\"error\":{\"code\":\"ValidationException\",\"message\":{\"$match\":\"any\"},"
    "\"modeled\":true,\"httpStatus\":400,\"fault\":\"client\"}},"
    "{\"clientError\":{\"kind\":\"deserialization\",\"message\":{\"$match\":\"string\"}}}]}}";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct sdkc_error err;
    (void)argc;
    (void)argv;
    sdkc_fuzz_init();
    if (s_vec)
        return 0;
    sdkc_error_init(&err);
    if (sdkc_vector_parse(s_vector_json, sizeof(s_vector_json) - 1, "(adapter_line)", &s_vec,
                          &err) != SDKC_OK) {
        fprintf(stderr, "fuzz adapter_line: built-in vector: %s\n", err.msg);
        abort();
    }
    return 0;
}

/* PROTOCOL.md message 4. Returns the result document (caller frees) or
 * NULL when the line is a protocol error. */
static cJSON *s_judge(cJSON *line)
{
    static const char *const keys[] = {"output", "error", "clientError"};
    const cJSON *id = sdkc_json_get(line, "id");
    cJSON *it, *found = NULL, *doc;
    size_t members = 0;

    if (!cJSON_IsObject(line) || !cJSON_IsString(id))
        return NULL;
    cJSON_ArrayForEach(it, line)
    {
        int known = 0;
        if (!strcmp(it->string, "id"))
            continue;
        for (size_t k = 0; k < 3; k++)
            known |= !strcmp(it->string, keys[k]);
        if (!known)
            return NULL;
        members++;
        found = it;
    }
    if (members != 1 || !cJSON_IsObject(found))
        return NULL;
    if (!strcmp(found->string, "clientError") &&
        !cJSON_IsString(sdkc_json_get(found, "kind")))
        return NULL;
    doc = cJSON_CreateObject();
    SDKC_FUZZ_CHECK(doc != NULL);
    it = cJSON_DetachItemViaPointer(line, found);
    SDKC_FUZZ_CHECK(cJSON_AddItemToObject(doc, it->string, it));
    return doc;
}

static void s_one_line(const char *p, size_t n)
{
    struct sdkc_json_limits limits = {SDKC_ADAPTER_MAX_LINE_BYTES, 0};
    struct sdkc_error err;
    struct sdkc_json_diff d;
    cJSON *line = NULL, *doc;
    int ok = -1;

    sdkc_error_init(&err);
    if (n > 0 && p[n - 1] == '\r')
        n--;
    if (n > SDKC_ADAPTER_MAX_LINE_BYTES)
        return; /* protocol_error "line too long" */
    if (sdkc_json_parse(p, n, &limits, &line, &err) != SDKC_OK) {
        SDKC_FUZZ_CHECK(line == NULL && err.msg[0] != '\0');
        return;
    }
    doc = s_judge(line);
    cJSON_Delete(line);
    if (!doc)
        return;
    SDKC_FUZZ_CHECK(sdkc_result_kind(doc) != NULL);
    sdkc_json_diff_init(&d);
    SDKC_FUZZ_CHECK_MSG(sdkc_vector_check_result(s_vec, doc, NULL, &d, &ok, &err) == SDKC_OK,
                        &err);
    if (!ok) {
        struct sdkc_buf b;
        SDKC_FUZZ_CHECK(d.count > 0 || d.truncated > 0);
        sdkc_buf_init(&b, 0);
        SDKC_FUZZ_CHECK(sdkc_json_diff_format(&d, &b) == SDKC_OK && b.len > 0);
        sdkc_buf_clean_up(&b);
    }
    sdkc_json_diff_clean_up(&d);
    cJSON_Delete(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t baseline;
    size_t i = 0, lines = 0;

    LLVMFuzzerInitialize(NULL, NULL);
    if (size > SDKC_FUZZ_MAX_INPUT)
        return 0;
    baseline = sdkc_fuzz_live_blocks();
    /* The input is the adapter's stdout; a last line without '\n' is not
     * complete yet (s_cut_line waits for more) and is not judged. */
    while (i < size && lines < S_MAX_LINES) {
        const uint8_t *nl = memchr(data + i, '\n', size - i);
        if (!nl)
            break;
        s_one_line((const char *)data + i, (size_t)(nl - data) - i);
        i = (size_t)(nl - data) + 1;
        lines++;
    }
    sdkc_fuzz_check_no_leak(baseline, "adapter_line");
    return 0;
}
