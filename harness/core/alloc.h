/* SPDX-License-Identifier: Apache-2.0
 *
 * core/alloc.h: every byte sdkconform allocates goes through here (house
 * style 4), including cJSON's, libcurl's and OpenSSL's once
 * sdkc_alloc_global_init() has run.
 *
 * core links cJSON only: OpenSSL's and libcurl's hooks are installed by the
 * layers that use those libraries (codec/checksum.c and sigv4/crypto.c for
 * OpenSSL, impl/live.c for libcurl), each of which registers a
 * struct sdkc_alloc_hook (SDKC_ALLOC_HOOK) that sdkc_alloc_global_init()
 * runs. A binary that does not link such a layer (fuzz_json) links neither
 * library.
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

/* Route cJSON, then every registered hook (OpenSSL, libcurl), to
 * sdkc_malloc and friends. Order matters: OpenSSL refuses new hooks once it
 * has allocated, and libcurl's global init starts OpenSSL, so hooks run by
 * ascending order. Call once, first thing in main() and in every test
 * driver. Returns SDKC_ERR_STATE when a hook failed (OpenSSL had already
 * allocated). */
sdkc_result sdkc_alloc_global_init(void);
/* Runs the hooks' clean_up in reverse order. */
void sdkc_alloc_global_clean_up(void);

/* A process-wide allocator seam of a library a layer uses. The layer
 * registers it before main() (SDKC_ALLOC_HOOK: a constructor in the object
 * file that calls the library, so the hook is linked exactly when the
 * library is), and sdkc_alloc_global_init() installs it before first use. */
struct sdkc_alloc_hook {
    const char *name;             /* hooks sharing a name run once (both OpenSSL users) */
    int order;                    /* ascending: SDKC_ALLOC_HOOK_ORDER_* */
    sdkc_result (*init)(void);    /* installs the library's hooks */
    void (*clean_up)(void);       /* NULL = nothing to undo */
    struct sdkc_alloc_hook *next; /* core's list; 0 in the definition */
    int inited;                   /* core's */
};
#define SDKC_ALLOC_HOOK_ORDER_OPENSSL 10
#define SDKC_ALLOC_HOOK_ORDER_CURL    20 /* curl_global_init starts OpenSSL */
/* Registration only links the hook into a list (no allocation), so it is
 * safe in a constructor; call before sdkc_alloc_global_init(). */
void sdkc_alloc_hook_register(struct sdkc_alloc_hook *hook);
#define SDKC_ALLOC_HOOK(id, order, init, clean_up)                                                 \
    static struct sdkc_alloc_hook s_alloc_hook_##id = {#id, (order), (init), (clean_up), NULL, 0}; \
    __attribute__((constructor)) static void s_alloc_hook_register_##id(void)                      \
    {                                                                                              \
        sdkc_alloc_hook_register(&s_alloc_hook_##id);                                              \
    }

/* sdkc_malloc and friends with the (file, line) arguments of OpenSSL's
 * CRYPTO_set_mem_functions, which they ignore. */
void *sdkc_malloc_at(size_t size, const char *file, int line);
void *sdkc_realloc_at(void *ptr, size_t size, const char *file, int line);
void sdkc_free_at(void *ptr, const char *file, int line);

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
