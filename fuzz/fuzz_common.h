/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz/fuzz_common.h: what every fuzz target shares (header-only, so each
 * target stays one .c file with LLVMFuzzerTestOneInput, as libFuzzer,
 * AFL++ and OSS-Fuzz expect).
 *
 * Why properties abort(): every engine (libFuzzer, AFL++, the standalone
 * replay driver) reports an abort() as a crash with the input that caused
 * it, which is what a broken property is.
 *
 * Leak checking: every allocation goes through sdkc_malloc (core/alloc.h),
 * so a target compares the allocator's live-block count before and after
 * each input. That catches leaks per input under every engine, including
 * the gcc standalone build without LeakSanitizer.
 *
 * Fault mode: an input starting with SDKC_FUZZ_FAULT_MAGIC (0xFF, a byte
 * that can start neither JSON, nor UTF-8 text, nor an HTTP request line)
 * is "FF N P rest": the Nth allocation call (1..256) while the target
 * processes `rest` fails, once (P even) or from then on (P odd). Raw JSON,
 * request text and so on stay usable as seeds unchanged.
 */
#ifndef SDKC_FUZZ_COMMON_H
#define SDKC_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "core/error.h"

#define SDKC_FUZZ_FAULT_MAGIC 0xFF
/* Inputs larger than this are cut (keeps each run fast; the .options files
 * tell the engines the same). */
#define SDKC_FUZZ_MAX_INPUT ((size_t)256 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A broken property: say which and where, then abort so the engine keeps
 * the input. */
#define SDKC_FUZZ_CHECK(cond)                                                                      \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond);            \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#define SDKC_FUZZ_CHECK_MSG(cond, err)                                                             \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: property failed: %s (%s: %s)\n", __FILE__, __LINE__, #cond,    \
                    sdkc_result_str((err)->code), (err)->msg);                                     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* sdkc_alloc_global_init must run before OpenSSL or cJSON allocate; each
 * target calls this first (LLVMFuzzerInitialize is optional under some
 * engines, so the call is idempotent and lazy). */
static inline void sdkc_fuzz_init(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    if (sdkc_alloc_global_init() != SDKC_OK) {
        fprintf(stderr, "fuzz: sdkc_alloc_global_init failed (OpenSSL allocated first)\n");
        abort();
    }
}

static inline uint64_t sdkc_fuzz_live_blocks(void)
{
    struct sdkc_alloc_stats s;
    sdkc_alloc_stats(&s);
    return s.live_blocks;
}

/* The leak property, checked after each input. */
static inline void sdkc_fuzz_check_no_leak(uint64_t baseline, const char *what)
{
    uint64_t now = sdkc_fuzz_live_blocks();
    if (now != baseline) {
        fprintf(stderr, "fuzz: %s leaked %llu allocation(s) (live %llu, baseline %llu)\n", what,
                (unsigned long long)(now - baseline), (unsigned long long)now,
                (unsigned long long)baseline);
        abort();
    }
}

/* Fault-mode prefix. Returns 1 and advances *data and *size past "FF N P" when
 * the input asks for fault mode; the caller arms the fault with
 * sdkc_alloc_fault_set(*nth, *persistent) right before the code under test. */
static inline int sdkc_fuzz_fault_prefix(const uint8_t **data, size_t *size, uint64_t *nth,
                                         int *persistent)
{
    if (*size < 3 || (*data)[0] != SDKC_FUZZ_FAULT_MAGIC)
        return 0;
    *nth = (uint64_t)(*data)[1] + 1;
    *persistent = (*data)[2] & 1;
    *data += 3;
    *size -= 3;
    return 1;
}

/* A NUL-terminated heap copy of exactly size bytes (+1 for the NUL), so
 * AddressSanitizer sees any read past the input. */
static inline char *sdkc_fuzz_copy(const uint8_t *data, size_t size)
{
    char *p = sdkc_malloc(size + 1);
    if (!p)
        return NULL;
    for (size_t i = 0; i < size; i++)
        p[i] = (char)data[i];
    p[size] = '\0';
    return p;
}

#endif
