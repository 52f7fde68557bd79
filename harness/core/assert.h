/* SPDX-License-Identifier: Apache-2.0
 *
 * core/assert.h: SDKC_ASSERT(cond) states an invariant of our own code (a
 * caller broke a documented contract, or an internal state is impossible),
 * never a property of input: input errors are sdkc_result codes with an
 * sdkc_error (house style), since a hostile file must not abort the run.
 *
 * Debug builds (NDEBUG not defined: CMAKE_BUILD_TYPE=Debug, the sanitizer
 * build of `make test-asan`) print "file:line: function: assertion failed:
 * expression" to stderr and abort(), so a test, a fuzz target or a core
 * dump points at the broken invariant. Release builds (RelWithDebInfo,
 * Release) compile it to nothing and do not evaluate cond; it is not an
 * optimizer hint (no __builtin_unreachable), so a violated invariant costs
 * no more in release than it did without the assert.
 */
#ifndef SDKC_CORE_ASSERT_H
#define SDKC_CORE_ASSERT_H

/* Prints the failed invariant and aborts; the debug half of SDKC_ASSERT. */
_Noreturn void sdkc_assert_fail(const char *expr, const char *file, int line, const char *func);

#ifndef NDEBUG
#define SDKC_ASSERT(cond) ((cond) ? (void)0 : sdkc_assert_fail(#cond, __FILE__, __LINE__, __func__))
#else
/* sizeof keeps cond type-checked (and its variables used) without
 * evaluating it. */
#define SDKC_ASSERT(cond) ((void)sizeof(!(cond)))
#endif

#endif
