/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz/json.c: the strict JSON layer (core/json.h).
 *
 * Properties:
 *  - strict acceptance agrees: sdkc_json_validate and sdkc_json_parse
 *    accept the same inputs (strings holding U+0000 included: json.h
 *    SDKC_JSON_NUL), and reject with the same code at the same byte
 *    offset;
 *  - parse -> print -> parse gives an equal document (sdkc_json_equal), and
 *    printing is a fixed point (print(parse(print(x))) == print(x));
 *  - the printed form passes the strict validator;
 *  - every error carries a message;
 *  - no allocation outlives the input.
 * Fault mode (fuzz_common.h): the Nth allocation of parse+print fails; the
 * result must be SDKC_ERR_NOMEM, no tree, no leak.
 */
#include <string.h>

#include "core/json.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sdkc_fuzz_init();
    return 0;
}

static void s_fault_run(const uint8_t *data, size_t size, uint64_t nth, int persistent)
{
    struct sdkc_error err;
    cJSON *tree = NULL;
    char *printed = NULL;
    sdkc_result rc;

    sdkc_error_init(&err);
    sdkc_alloc_fault_set(nth, persistent);
    rc = sdkc_json_parse((const char *)data, size, NULL, &tree, &err);
    if (rc == SDKC_OK)
        rc = sdkc_json_print(tree, (int)(nth & 1), &printed, &err);
    int fired = sdkc_alloc_fault_fired();
    sdkc_alloc_fault_set(0, 0);
    if (fired) {
        /* An injected failure must surface as NOMEM, never as a parse
         * verdict on valid input nor as a half-built success. */
        SDKC_FUZZ_CHECK_MSG(rc == SDKC_ERR_NOMEM, &err);
        SDKC_FUZZ_CHECK(printed == NULL);
    }
    if (rc == SDKC_ERR_NOMEM)
        SDKC_FUZZ_CHECK(fired);
    cJSON_Delete(tree);
    sdkc_free(printed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sdkc_error verr, perr, err;
    cJSON *tree = NULL, *again = NULL, *third = NULL;
    char *printed = NULL, *printed2 = NULL;
    sdkc_result vrc, prc, rc;
    uint64_t baseline, nth;
    int persistent;

    sdkc_fuzz_init();
    if (size > SDKC_FUZZ_MAX_INPUT)
        return 0;
    baseline = sdkc_fuzz_live_blocks();
    if (sdkc_fuzz_fault_prefix(&data, &size, &nth, &persistent)) {
        s_fault_run(data, size, nth, persistent);
        sdkc_fuzz_check_no_leak(baseline, "json (fault mode)");
        return 0;
    }

    sdkc_error_init(&verr);
    sdkc_error_init(&perr);
    sdkc_error_init(&err);
    vrc = sdkc_json_validate((const char *)data, size, NULL, &verr);
    prc = sdkc_json_parse((const char *)data, size, NULL, &tree, &perr);

    if (vrc != SDKC_OK) {
        SDKC_FUZZ_CHECK(verr.msg[0] != '\0');
        SDKC_FUZZ_CHECK_MSG(prc == vrc, &perr);
        SDKC_FUZZ_CHECK(perr.offset == verr.offset);
        SDKC_FUZZ_CHECK(verr.offset == SDKC_NO_OFFSET || verr.offset <= size);
        SDKC_FUZZ_CHECK(tree == NULL);
        goto done;
    }
    SDKC_FUZZ_CHECK_MSG(prc == SDKC_OK, &perr);
    SDKC_FUZZ_CHECK(tree != NULL);

    rc = sdkc_json_print(tree, 0, &printed, &err);
    SDKC_FUZZ_CHECK_MSG(rc == SDKC_OK, &err);
    rc = sdkc_json_validate(printed, strlen(printed), NULL, &err);
    SDKC_FUZZ_CHECK_MSG(rc == SDKC_OK, &err);
    rc = sdkc_json_parse(printed, strlen(printed), NULL, &again, &err);
    SDKC_FUZZ_CHECK_MSG(rc == SDKC_OK, &err);
    if (!sdkc_json_equal(tree, again)) {
        fprintf(stderr, "round trip changed the document; printed: %.400s\n", printed);
        abort();
    }
    rc = sdkc_json_print(again, 0, &printed2, &err);
    SDKC_FUZZ_CHECK_MSG(rc == SDKC_OK, &err);
    if (strcmp(printed, printed2) != 0) {
        fprintf(stderr, "print is not a fixed point:\n  %.400s\n  %.400s\n", printed, printed2);
        abort();
    }
    sdkc_free(printed2);
    printed2 = NULL;
    /* The indented form is the same document too. */
    rc = sdkc_json_print(tree, 1, &printed2, &err);
    SDKC_FUZZ_CHECK_MSG(rc == SDKC_OK, &err);
    rc = sdkc_json_parse(printed2, strlen(printed2), NULL, &third, &err);
    SDKC_FUZZ_CHECK_MSG(rc == SDKC_OK, &err);
    SDKC_FUZZ_CHECK(sdkc_json_equal(tree, third));

done:
    cJSON_Delete(tree);
    cJSON_Delete(again);
    cJSON_Delete(third);
    sdkc_free(printed);
    sdkc_free(printed2);
    sdkc_fuzz_check_no_leak(baseline, "json");
    return 0;
}
