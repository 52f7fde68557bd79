/* SPDX-License-Identifier: Apache-2.0
 *
 * tests/test.h: the CUnit test seam (house style 5 and 10).
 *
 * Write a case as `SDKC_TEST(json_rejects_trailing_comma) { ... }` in any
 * harness/tests/test_*.c file. CMake scans the file for SDKC_TEST(...) and
 * registers one ctest per case, named <file>.<case>, each run alone by
 * `build/harness/tests/sdkc_test_<file> <case>`. The driver runs every
 * case under the counting allocator and fails it when any block allocated
 * during the case is still live when it returns.
 *
 * Define `void sdkc_test_setup(void)` in a test file to warm up lazily
 * initialized library state (OpenSSL providers) before leak baselines.
 */
#ifndef SDKC_TESTS_TEST_H
#define SDKC_TESTS_TEST_H

#include <CUnit/CUnit.h>
#include <stddef.h>
#include <stdint.h>

#define SDKC_TEST(name)                                                                            \
    void sdkc_test_##name(void);                                                                   \
    void sdkc_test_##name(void)

/* Paths compiled in, so tests do not depend on the working directory. */
#ifndef SDKC_SOURCE_DIR
#define SDKC_SOURCE_DIR "."
#endif
#ifndef SDKC_SHARED_DIR
#define SDKC_SHARED_DIR "../shared"
#endif
#ifndef SDKC_BINARY_DIR
#define SDKC_BINARY_DIR "build"
#endif

/* Fault-injection walk (house style 6): run fn(ctx) with the Nth
 * allocation failing, for N = 1, 2, ... until a run completes without an
 * injected failure. fn returns its sdkc_result; every run must end in
 * SDKC_OK or SDKC_ERR_NOMEM (or in one of `also_ok`, a 0-terminated list),
 * and leave no live allocation. Returns the number of allocation sites
 * walked; CU assertions record failures, naming N. */
typedef int (*sdkc_test_fault_fn)(void *ctx);
uint64_t sdkc_test_fault_walk(const char *what, sdkc_test_fault_fn fn, void *ctx,
                              const int *also_ok);

/* Fill r (initialized here) with a response: status, headers given as
 * "Name: value" lines separated by '\n' (or NULL), and body_len bytes of
 * body (or NULL). Free with sdkc_http_response_clean_up. */
struct sdkc_http_response;
void sdkc_test_response(struct sdkc_http_response *r, int status, const char *headers,
                        const char *body, size_t body_len);

/* Live allocation count now (for tests that check a sub-step). */
uint64_t sdkc_test_live_blocks(void);

#endif
