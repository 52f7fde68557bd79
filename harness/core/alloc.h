/* SPDX-License-Identifier: Apache-2.0
 *
 * core/alloc.h: every byte sdkconform allocates goes through here (house
 * style 4), including cJSON's, libcurl's and OpenSSL's once
 * sdkc_alloc_global_init() has run.
 *
 * Why a process-wide allocator rather than one passed to every call: cJSON
 * (cJSON_InitHooks), OpenSSL (CRYPTO_set_mem_functions) and libcurl
 * (curl_global_init_mem) only take process-wide hooks, so one global seam is
 * the only way to account for, and fail, their allocations too.
 *
 * The allocator counts live blocks and bytes (tests fail on a leak) and can
 * fail the Nth allocation from now, once (transient) or from then on
 * (persistent), as SQLite's faultsim does. Counters are atomic, so runner
 * threads may allocate concurrently.
 */
#ifndef SDKC_CORE_ALLOC_H
#define SDKC_CORE_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Route cJSON, OpenSSL and libcurl to sdkc_malloc and friends. Order
 * matters: OpenSSL refuses new hooks once it has allocated, and libcurl's
 * global init starts OpenSSL. Call once, first thing in main() and in every
 * test driver. Returns SDKC_ERR_STATE when OpenSSL had already allocated. */
sdkc_result sdkc_alloc_global_init(void);
void sdkc_alloc_global_clean_up(void);

void *sdkc_malloc(size_t size);
void *sdkc_calloc(size_t n, size_t size);
void *sdkc_realloc(void *ptr, size_t size);
void sdkc_free(void *ptr); /* accepts NULL */
char *sdkc_strdup(const char *s);
char *sdkc_strndup(const char *s, size_t n); /* copies at most n bytes, NUL-terminates */
void *sdkc_memdup(const void *p, size_t n);

struct sdkc_alloc_stats {
    uint64_t live_blocks;
    uint64_t live_bytes;
    uint64_t peak_bytes;
    uint64_t total_allocs; /* allocation calls, failed ones included */
    uint64_t injected_failures;
};
void sdkc_alloc_stats(struct sdkc_alloc_stats *out);

/* Fault injection: the nth allocation call from now (1 = the next one)
 * fails; with persistent != 0 every later one fails too. n == 0 disarms. */
void sdkc_alloc_fault_set(uint64_t nth, int persistent);
/* Number of allocation calls made since the last sdkc_alloc_fault_set(). */
uint64_t sdkc_alloc_fault_calls(void);
/* Non-zero once an injected failure has happened since the last _set. */
int sdkc_alloc_fault_fired(void);
/* Breakpoint hook: called on every injected failure (set a gdb breakpoint). */
void sdkc_fault(void);

#endif
