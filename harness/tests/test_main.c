/* SPDX-License-Identifier: Apache-2.0
 *
 * tests/test_main.c: the CUnit driver linked into every sdkc_test_* binary.
 *   sdkc_test_X            run every case of this file
 *   sdkc_test_X CASE...    run just these cases (what ctest does)
 *   sdkc_test_X --list     print the case names
 * Exit 0 when every run case passed, 1 otherwise.
 *
 * DEBUGGING HINTS: run one case under gdb and `break sdkc_fault` to stop at
 * the injected allocation failure.
 */
#include <CUnit/Basic.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "http/http.h"
#include "core/alloc.h"
#include "core/error.h"
#include "tests/test.h"

struct sdkc_test_case {
    const char *name;
    void (*fn)(void);
};
extern const struct sdkc_test_case sdkc_test_cases[];
extern const char *const sdkc_test_file_name;

void sdkc_test_setup(void) __attribute__((weak));

static const struct sdkc_test_case *g_current;

/* CU_basic installs its own start handler, so the wrapper asks CUnit which
 * case is running. */
static void s_find_current(const CU_pTest test)
{
    size_t i;
    g_current = NULL;
    for (i = 0; sdkc_test_cases[i].name; i++)
        if (strcmp(sdkc_test_cases[i].name, test->pName) == 0)
            g_current = &sdkc_test_cases[i];
}

uint64_t sdkc_test_live_blocks(void)
{
    struct sdkc_alloc_stats st;
    sdkc_alloc_stats(&st);
    return st.live_blocks;
}

/* One wrapper for every case: the start handler says which one runs. */
static void s_run_current(void)
{
    uint64_t before, after;
    s_find_current(CU_get_current_test());
    if (!g_current) {
        CU_FAIL_FATAL("driver: no current case");
        return;
    }
    before = sdkc_test_live_blocks();
    g_current->fn();
    sdkc_alloc_fault_set(0, 0);
    after = sdkc_test_live_blocks();
    if (after != before) {
        char msg[160];
        snprintf(msg, sizeof(msg), "leak: %lld block(s) still live after the case",
                 (long long)after - (long long)before);
        fprintf(stderr, "%s: %s\n", g_current->name, msg);
        CU_assertImplementation(CU_FALSE, __LINE__, msg, __FILE__, "", CU_FALSE);
    }
}

uint64_t sdkc_test_fault_walk(const char *what, sdkc_test_fault_fn fn, void *ctx,
                              const int *also_ok)
{
    uint64_t n;
    const uint64_t max_sites = 1000000;
    for (n = 1; n < max_sites; n++) {
        uint64_t before = sdkc_test_live_blocks();
        int rc, ok, fired;
        sdkc_alloc_fault_set(n, 0);
        rc = fn(ctx);
        fired = sdkc_alloc_fault_fired();
        sdkc_alloc_fault_set(0, 0);
        ok = rc == SDKC_OK || rc == SDKC_ERR_NOMEM;
        for (size_t i = 0; !ok && also_ok && also_ok[i]; i++)
            ok = rc == also_ok[i];
        if (!ok) {
            char msg[200];
            snprintf(msg, sizeof(msg), "%s: allocation %llu failed -> result %d (%s)", what,
                     (unsigned long long)n, rc, sdkc_result_str((sdkc_result)rc));
            CU_assertImplementation(CU_FALSE, __LINE__, msg, __FILE__, "", CU_FALSE);
            return n;
        }
        if (sdkc_test_live_blocks() != before) {
            char msg[200];
            snprintf(msg, sizeof(msg), "%s: allocation %llu failed -> leak of %lld block(s)", what,
                     (unsigned long long)n, (long long)sdkc_test_live_blocks() - (long long)before);
            CU_assertImplementation(CU_FALSE, __LINE__, msg, __FILE__, "", CU_FALSE);
            return n;
        }
        if (!fired) {
            CU_ASSERT_EQUAL(rc, SDKC_OK);
            return n - 1;
        }
    }
    CU_FAIL("fault walk did not terminate");
    return n;
}

/* headers: "Name: value" lines separated by '\n', or NULL. */
void sdkc_test_response(struct sdkc_http_response *r, int status, const char *headers,
                        const char *body, size_t body_len)
{
    sdkc_http_response_init(r);
    r->status = status;
    while (headers && *headers) {
        const char *eol = strchr(headers, '\n'), *colon = strchr(headers, ':');
        size_t len = eol ? (size_t)(eol - headers) : strlen(headers);
        const char *v = colon + 1;
        while (*v == ' ')
            v++;
        CU_ASSERT_EQUAL_FATAL(sdkc_http_headers_addn(&r->headers, headers,
                                                     (size_t)(colon - headers), v,
                                                     len - (size_t)(v - headers)),
                              SDKC_OK);
        headers += len + (eol ? 1 : 0);
    }
    if (body) {
        r->body = sdkc_memdup(body, body_len + 1);
        r->body_len = body_len;
    }
}

int main(int argc, char **argv)
{
    CU_pSuite suite;
    int failures;
    size_t i;
    int a;

    if (sdkc_alloc_global_init() != SDKC_OK) {
        fprintf(stderr, "cannot install the allocator hooks\n");
        return 2;
    }
    if (argc > 1 && strcmp(argv[1], "--list") == 0) {
        for (i = 0; sdkc_test_cases[i].name; i++)
            printf("%s\n", sdkc_test_cases[i].name);
        return 0;
    }
    if (sdkc_test_setup)
        sdkc_test_setup();
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    suite = CU_add_suite(sdkc_test_file_name, NULL, NULL);
    for (i = 0; sdkc_test_cases[i].name; i++) {
        int want = argc == 1;
        for (a = 1; a < argc && !want; a++)
            want = strcmp(argv[a], sdkc_test_cases[i].name) == 0;
        if (want)
            CU_add_test(suite, sdkc_test_cases[i].name, s_run_current);
    }
    for (a = 1; a < argc; a++) {
        int known = 0;
        for (i = 0; sdkc_test_cases[i].name; i++)
            known |= strcmp(argv[a], sdkc_test_cases[i].name) == 0;
        if (!known) {
            fprintf(stderr, "%s: no case named '%s' (try --list)\n", argv[0], argv[a]);
            CU_cleanup_registry();
            return 2;
        }
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    failures = (int)CU_get_number_of_failures();
    if (failures)
        printf("\nRerun one case: %s <case>\n", argv[0]);
    CU_cleanup_registry();
    sdkc_alloc_global_clean_up();
    return failures ? 1 : 0;
}
