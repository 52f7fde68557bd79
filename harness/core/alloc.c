/* SPDX-License-Identifier: Apache-2.0
 * core/alloc.c: see alloc.h.
 *
 * Each block carries a 16-byte header with its size, so frees can keep the
 * live-byte count exact without a side table. 16 keeps max_align_t alignment
 * for what follows on the platforms we build for. */
#include "core/alloc.h"

#include <cjson/cJSON.h>
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

void *sdkc_malloc_at(size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    return sdkc_malloc(n);
}

void *sdkc_realloc_at(void *p, size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    return sdkc_realloc(p, n);
}

void sdkc_free_at(void *p, const char *file, int line)
{
    (void)file;
    (void)line;
    sdkc_free(p);
}

/* Registered hooks, ascending order; filled by constructors before main(). */
static struct sdkc_alloc_hook *g_hooks;
static int g_inited;

void sdkc_alloc_hook_register(struct sdkc_alloc_hook *hook)
{
    struct sdkc_alloc_hook **at = &g_hooks;
    while (*at && (*at)->order <= hook->order) {
        if (*at == hook)
            return;
        at = &(*at)->next;
    }
    hook->next = *at;
    *at = hook;
}

/* 1 when a hook of that name ran already (codec and sigv4 both carry the
 * OpenSSL one). */
static int s_hook_ran(const struct sdkc_alloc_hook *hook)
{
    const struct sdkc_alloc_hook *h;
    for (h = g_hooks; h && h != hook; h = h->next)
        if (h->inited && strcmp(h->name, hook->name) == 0)
            return 1;
    return 0;
}

/* Hooks undone in reverse order (libcurl before OpenSSL). */
static void s_hooks_clean_up(struct sdkc_alloc_hook *h)
{
    if (!h)
        return;
    s_hooks_clean_up(h->next);
    if (h->inited && h->clean_up)
        h->clean_up();
    h->inited = 0;
}

sdkc_result sdkc_alloc_global_init(void)
{
    cJSON_Hooks hooks;
    struct sdkc_alloc_hook *h;
    if (g_inited)
        return SDKC_OK;
    /* Registered hooks first, lowest order first: OpenSSL refuses hooks
     * once it has allocated anything. */
    for (h = g_hooks; h; h = h->next) {
        if (s_hook_ran(h))
            continue;
        if (h->init() != SDKC_OK) {
            s_hooks_clean_up(g_hooks);
            return SDKC_ERR_STATE;
        }
        h->inited = 1;
    }
    hooks.malloc_fn = sdkc_malloc;
    hooks.free_fn = sdkc_free;
    cJSON_InitHooks(&hooks);
    g_inited = 1;
    return SDKC_OK;
}

void sdkc_alloc_global_clean_up(void)
{
    if (!g_inited)
        return;
    s_hooks_clean_up(g_hooks);
    g_inited = 0;
}
