/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz/adapter_line.c: adapter-protocol answer lines
 * (harness/adapters/PROTOCOL.md), i.e. what third-party adapters write to
 * the harness.
 *
 * Input: the adapter's stdout, cut into lines at '\n' as the harness does
 * (a last line without '\n' is incomplete and not judged). Each line goes
 * through the pure protocol pieces of impl/adapter.h (impl/adapter_line.c):
 *   sdkc_adapter_parse_answer -> sdkc_adapter_prune_output -> the result
 * compared with a fixed vector's expectation (sdkc_vector_check_result,
 * as replay does), so the matcher and diff code sees adapter-written values.
 * Fault mode (fuzz_common.h "FF N P") fails the Nth allocation of the
 * parse + prune of every line: SDKC_ERR_NOMEM, nothing returned, no leak.
 *
 * Properties:
 *   - parse_answer returns SDKC_OK with exactly one of doc / problem;
 *   - differential: it accepts a line exactly when an independent model of
 *     PROTOCOL.md message 4 (s_model_accepts: a strict-JSON object, string
 *     "id" equal to the vector's, exactly one of output (any JSON value) /
 *     error / clientError (objects), clientError with a string "kind", nothing
 *     else) does, and the document it returns is that member alone;
 *   - with expected_id NULL any string id is accepted the same way;
 *   - pruning keeps a well-formed result document of the same kind, and is
 *     idempotent (a second prune changes nothing);
 *   - a problem message carries the offending bytes in printable form;
 *   - no allocation outlives the input.
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
static struct sdkc_spec *s_spec;

static const char s_vector_json[] =
    "{\"id\":\"fuzz-adapter\",\"title\":\"adapter answers\",\"level\":\"MUST\","
    "\"refs\":[\"fuzz\"],\"tags\":[\"fuzz\"],\"operation\":\"CreateUserProfile\","
    "\"params\":{\"domainIdentifier\":\"dzd_abc123\",\"userIdentifier\":\"u\"},"
    "\"response\":{\"status\":201,\"body\":\"{}\"},"
    "\"expect\":{\"anyOf\":[{\"output\":{\"domainId\":\"dzd_abc123\",\"id\":{\"$match\":\"string\"}"
    ","
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
    if (sdkc_spec_load_default(&s_spec, &err) != SDKC_OK) {
        fprintf(stderr, "fuzz adapter_line: bundled spec: %s\n", err.msg);
        abort();
    }
    if (sdkc_vector_parse(s_vector_json, sizeof(s_vector_json) - 1, "(adapter_line)", &s_vec,
                          &err) != SDKC_OK) {
        fprintf(stderr, "fuzz adapter_line: built-in vector: %s\n", err.msg);
        abort();
    }
    return 0;
}

/* The independent model of PROTOCOL.md message 4. Returns the member the
 * answer carries (inside `line`), or NULL when the line breaks the
 * protocol. */
static const cJSON *s_model_accepts(const cJSON *line, const char *expected_id)
{
    static const char *const keys[] = {"output", "error", "clientError"};
    const cJSON *id = sdkc_json_get(line, "id");
    const cJSON *it, *found = NULL;
    size_t members = 0;

    if (!cJSON_IsObject(line) || !cJSON_IsString(id))
        return NULL;
    if (expected_id && strcmp(id->valuestring, expected_id) != 0)
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
    if (members != 1 || (!cJSON_IsObject(found) && strcmp(found->string, "output") != 0))
        return NULL;
    if (!strcmp(found->string, "clientError") && !cJSON_IsString(sdkc_json_get(found, "kind")))
        return NULL;
    return found;
}

/* No line is legal JSON when it holds a byte < 0x20 outside strings, so a
 * problem message shows such bytes escaped: none may appear raw. */
static void s_check_problem(const char *problem)
{
    SDKC_FUZZ_CHECK(problem[0] != '\0');
    for (const char *p = problem; *p; p++)
        SDKC_FUZZ_CHECK((unsigned char)*p >= 0x20);
}

static void s_check_doc(cJSON *doc)
{
    struct sdkc_error err;
    struct sdkc_json_diff d;
    char *notes = NULL, *notes2 = NULL;
    const char *kind = sdkc_result_kind(doc);
    int ok = -1;

    sdkc_error_init(&err);
    SDKC_FUZZ_CHECK(kind != NULL);
    SDKC_FUZZ_CHECK(sdkc_adapter_prune_output(s_spec, "CreateUserProfile", doc, &notes) == SDKC_OK);
    SDKC_FUZZ_CHECK(sdkc_result_kind(doc) && !strcmp(sdkc_result_kind(doc), kind));
    /* Idempotent: a second pass changes nothing. It may only note again
     * the union tags the spec does not know, which pruning keeps (so a raw
     * pass-through client fails the comparison, adapter.h). */
    {
        cJSON *before = cJSON_Duplicate(doc, 1);
        SDKC_FUZZ_CHECK(before != NULL);
        SDKC_FUZZ_CHECK(sdkc_adapter_prune_output(s_spec, "CreateUserProfile", doc, &notes2) ==
                        SDKC_OK);
        SDKC_FUZZ_CHECK(sdkc_json_equal(before, doc));
        cJSON_Delete(before);
    }
    if (notes2) {
        const char *line = strchr(notes2, '\n');
        for (line = line ? line + 1 : notes2; *line; line = strchr(line, '\n') + 1) {
            if (strncmp(line, "  kept (a union tag the spec does not know): ", 45) != 0) {
                fprintf(stderr, "pruning is not idempotent; second pass: %.400s\n", notes2);
                abort();
            }
            if (!strchr(line, '\n'))
                break;
        }
        sdkc_free(notes2);
        notes2 = NULL;
    }
    sdkc_free(notes);
    sdkc_json_diff_init(&d);
    SDKC_FUZZ_CHECK_MSG(sdkc_vector_check_result(s_vec, doc, NULL, &d, &ok, &err) == SDKC_OK, &err);
    if (!ok) {
        struct sdkc_buf b;
        SDKC_FUZZ_CHECK(d.count > 0 || d.truncated > 0);
        sdkc_buf_init(&b, 0);
        SDKC_FUZZ_CHECK(sdkc_json_diff_format(&d, &b) == SDKC_OK && b.len > 0);
        sdkc_buf_clean_up(&b);
    }
    sdkc_json_diff_clean_up(&d);
}

static void s_one_line(const char *p, size_t n, const char *expected_id)
{
    struct sdkc_json_limits limits = {SDKC_ADAPTER_MAX_LINE_BYTES, 0};
    cJSON *doc = NULL, *line = NULL, *want = NULL;
    char *problem = NULL;
    const cJSON *member = NULL;
    size_t m = n;

    SDKC_FUZZ_CHECK(sdkc_adapter_parse_answer(p, n, expected_id, &doc, &problem) == SDKC_OK);
    SDKC_FUZZ_CHECK((doc == NULL) != (problem == NULL));

    if (m > 0 && p[m - 1] == '\r')
        m--;
    if (sdkc_json_parse(p, m, &limits, &line, NULL) == SDKC_OK)
        member = s_model_accepts(line, expected_id);
    if (member) {
        if (!doc) {
            fprintf(stderr, "model accepts, parse_answer refuses: %.400s\n", problem);
            abort();
        }
        want = cJSON_CreateObject();
        SDKC_FUZZ_CHECK(want != NULL);
        SDKC_FUZZ_CHECK(cJSON_AddItemToObject(want, member->string, cJSON_Duplicate(member, 1)));
        SDKC_FUZZ_CHECK(sdkc_json_equal(want, doc));
        cJSON_Delete(want);
        s_check_doc(doc);
    } else {
        SDKC_FUZZ_CHECK(doc == NULL); /* model refuses, parse_answer accepted */
        s_check_problem(problem);
    }
    cJSON_Delete(line);
    cJSON_Delete(doc);
    sdkc_free(problem);
}

static void s_fault_lines(const uint8_t *data, size_t size, uint64_t nth, int persistent)
{
    size_t i = 0, lines = 0;
    while (i < size && lines++ < S_MAX_LINES) {
        const uint8_t *nl = memchr(data + i, '\n', size - i);
        cJSON *doc = NULL;
        char *problem = NULL, *notes = NULL;
        sdkc_result rc;
        if (!nl)
            break;
        sdkc_alloc_fault_set(nth, persistent);
        rc = sdkc_adapter_parse_answer((const char *)data + i, (size_t)(nl - data) - i, NULL, &doc,
                                       &problem);
        if (rc == SDKC_ERR_NOMEM)
            SDKC_FUZZ_CHECK(doc == NULL && problem == NULL);
        else if (doc)
            rc = sdkc_adapter_prune_output(s_spec, "CreateUserProfile", doc, &notes);
        int fired = sdkc_alloc_fault_fired();
        sdkc_alloc_fault_set(0, 0);
        /* An injected failure is NOMEM, never a protocol verdict. */
        SDKC_FUZZ_CHECK(fired == (rc == SDKC_ERR_NOMEM));
        cJSON_Delete(doc);
        sdkc_free(problem);
        sdkc_free(notes);
        i = (size_t)(nl - data) + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t baseline, nth;
    size_t i = 0, lines = 0;
    int persistent;

    LLVMFuzzerInitialize(NULL, NULL);
    if (size > SDKC_FUZZ_MAX_INPUT)
        return 0;
    baseline = sdkc_fuzz_live_blocks();
    if (sdkc_fuzz_fault_prefix(&data, &size, &nth, &persistent)) {
        s_fault_lines(data, size, nth, persistent);
        sdkc_fuzz_check_no_leak(baseline, "adapter_line (fault mode)");
        return 0;
    }
    /* The input is the adapter's stdout; a last line without '\n' is not
     * complete yet (the harness waits for more) and is not judged. */
    while (i < size && lines < S_MAX_LINES) {
        const uint8_t *nl = memchr(data + i, '\n', size - i);
        if (!nl)
            break;
        /* Odd lines: any id accepted (expected_id NULL). */
        s_one_line((const char *)data + i, (size_t)(nl - data) - i,
                   (lines & 1) ? NULL : "fuzz-adapter");
        i = (size_t)(nl - data) + 1;
        lines++;
    }
    sdkc_fuzz_check_no_leak(baseline, "adapter_line");
    return 0;
}
