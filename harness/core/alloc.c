/* SPDX-License-Identifier: Apache-2.0
 * core/alloc.c: see alloc.h.
 *
 * Each block carries a 16-byte header with its size, so frees can keep the
 * live-byte count exact without a side table. 16 keeps max_align_t alignment
 * for what follows on the platforms we build for. */
#include "core/alloc.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#define S_HDR 16u

static uint64_t g_live_blocks;
static uint64_t g_live_bytes;
static uint64_t g_peak_bytes;
static uint64_t g_total;
static uint64_t g_injected;
static uint64_t g_fault_nth;
static uint64_t g_fault_calls;
static int g_fault_persistent;
static int g_fault_fired;

void sdkc_fault(void)
{
    /* Intentionally empty: a place to put a debugger breakpoint. */
    __asm__ volatile("" ::: "memory");
}

static int s_should_fail(void)
{
    uint64_t nth = __atomic_load_n(&g_fault_nth, __ATOMIC_RELAXED);
    uint64_t call;
    __atomic_add_fetch(&g_total, 1, __ATOMIC_RELAXED);
    if (nth == 0)
        return 0;
    call = __atomic_add_fetch(&g_fault_calls, 1, __ATOMIC_RELAXED);
    if (call == nth || (g_fault_persistent && call > nth)) {
        __atomic_store_n(&g_fault_fired, 1, __ATOMIC_RELAXED);
        __atomic_add_fetch(&g_injected, 1, __ATOMIC_RELAXED);
        sdkc_fault();
        return 1;
    }
    return 0;
}

static void s_account(int64_t blocks, int64_t bytes)
{
    uint64_t now;
    __atomic_add_fetch(&g_live_blocks, (uint64_t)blocks, __ATOMIC_RELAXED);
    now = __atomic_add_fetch(&g_live_bytes, (uint64_t)bytes, __ATOMIC_RELAXED);
    if (bytes > 0) {
        uint64_t peak = __atomic_load_n(&g_peak_bytes, __ATOMIC_RELAXED);
        while (now > peak && !__atomic_compare_exchange_n(&g_peak_bytes, &peak, now, 1,
                                                          __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
        }
    }
}

void *sdkc_malloc(size_t size)
{
    unsigned char *p;
    if (s_should_fail())
        return NULL;
    if (size > SIZE_MAX - S_HDR)
        return NULL;
    p = malloc(size + S_HDR);
    if (!p)
        return NULL;
    memcpy(p, &size, sizeof(size));
    s_account(1, (int64_t)size);
    return p + S_HDR;
}

void *sdkc_calloc(size_t n, size_t size)
{
    void *p;
    if (size && n > SIZE_MAX / size)
        return NULL;
    p = sdkc_malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void sdkc_free(void *ptr)
{
    unsigned char *p;
    size_t size;
    if (!ptr)
        return;
    p = (unsigned char *)ptr - S_HDR;
    memcpy(&size, p, sizeof(size));
    s_account(-1, -(int64_t)size);
    free(p);
}

void *sdkc_realloc(void *ptr, size_t size)
{
    unsigned char *p, *np;
    size_t old;
    if (!ptr)
        return sdkc_malloc(size);
    if (s_should_fail())
        return NULL;
    if (size > SIZE_MAX - S_HDR)
        return NULL;
    p = (unsigned char *)ptr - S_HDR;
    memcpy(&old, p, sizeof(old));
    np = realloc(p, size + S_HDR);
    if (!np)
        return NULL;
    memcpy(np, &size, sizeof(size));
    s_account(0, (int64_t)size - (int64_t)old);
    return np + S_HDR;
}

char *sdkc_strndup(const char *s, size_t n)
{
    size_t len = 0;
    char *d;
    if (!s)
        return NULL;
    while (len < n && s[len])
        len++;
    d = sdkc_malloc(len + 1);
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *sdkc_strdup(const char *s)
{
    return s ? sdkc_strndup(s, strlen(s)) : NULL;
}

void *sdkc_memdup(const void *p, size_t n)
{
    void *d = sdkc_malloc(n ? n : 1);
    if (d && n)
        memcpy(d, p, n);
    return d;
}

void sdkc_alloc_stats(struct sdkc_alloc_stats *out)
{
    out->live_blocks = __atomic_load_n(&g_live_blocks, __ATOMIC_RELAXED);
    out->live_bytes = __atomic_load_n(&g_live_bytes, __ATOMIC_RELAXED);
    out->peak_bytes = __atomic_load_n(&g_peak_bytes, __ATOMIC_RELAXED);
    out->total_allocs = __atomic_load_n(&g_total, __ATOMIC_RELAXED);
    out->injected_failures = __atomic_load_n(&g_injected, __ATOMIC_RELAXED);
}

void sdkc_alloc_fault_set(uint64_t nth, int persistent)
{
    __atomic_store_n(&g_fault_calls, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&g_fault_fired, 0, __ATOMIC_RELAXED);
    g_fault_persistent = persistent;
    __atomic_store_n(&g_fault_nth, nth, __ATOMIC_RELAXED);
}

uint64_t sdkc_alloc_fault_calls(void)
{
    return __atomic_load_n(&g_fault_calls, __ATOMIC_RELAXED);
}

int sdkc_alloc_fault_fired(void)
{
    return __atomic_load_n(&g_fault_fired, __ATOMIC_RELAXED);
}

/* ---- adapters for the libraries' hook signatures ---- */

static void *s_ossl_malloc(size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    return sdkc_malloc(n);
}
static void *s_ossl_realloc(void *p, size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    return sdkc_realloc(p, n);
}
static void s_ossl_free(void *p, const char *file, int line)
{
    (void)file;
    (void)line;
    sdkc_free(p);
}
static char *s_curl_strdup(const char *s)
{
    return sdkc_strdup(s);
}

static int g_inited;

sdkc_result sdkc_alloc_global_init(void)
{
    cJSON_Hooks hooks;
    if (g_inited)
        return SDKC_OK;
    /* OpenSSL first: it refuses hooks once it has allocated anything. */
    if (!CRYPTO_set_mem_functions(s_ossl_malloc, s_ossl_realloc, s_ossl_free))
        return SDKC_ERR_STATE;
    hooks.malloc_fn = sdkc_malloc;
    hooks.free_fn = sdkc_free;
    cJSON_InitHooks(&hooks);
    if (curl_global_init_mem(CURL_GLOBAL_DEFAULT, sdkc_malloc, sdkc_free, sdkc_realloc,
                             s_curl_strdup, sdkc_calloc) != CURLE_OK)
        return SDKC_ERR_STATE;
    g_inited = 1;
    return SDKC_OK;
}

void sdkc_alloc_global_clean_up(void)
{
    if (!g_inited)
        return;
    curl_global_cleanup();
    g_inited = 0;
}
