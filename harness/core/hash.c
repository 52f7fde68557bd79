/* SPDX-License-Identifier: Apache-2.0
 * core/hash.c: see hash.h. */
#include "core/hash.h"

#include <string.h>

#include "core/alloc.h"

#define S_FIRST_CAP ((size_t)64)

uint64_t sdkc_fnv1a64(const void *p, size_t n, uint64_t h)
{
    const unsigned char *b = p;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= b[i];
        h *= SDKC_FNV1A64_PRIME;
    }
    return h;
}

uint64_t sdkc_fnv1a64_str(const char *s)
{
    return sdkc_fnv1a64(s, strlen(s), SDKC_FNV1A64_BASIS);
}

uint64_t sdkc_hash_mix64(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

void sdkc_digest_set_init(struct sdkc_digest_set *s, size_t max)
{
    memset(s, 0, sizeof(*s));
    s->max = max;
}

void sdkc_digest_set_clean_up(struct sdkc_digest_set *s)
{
    if (!s)
        return;
    sdkc_free(s->slots);
    s->slots = NULL;
    s->cap = s->count = 0;
}

/* The slot holding d, or the empty slot where it would go. */
static size_t s_find(const uint64_t *slots, size_t cap, uint64_t d)
{
    size_t i = (size_t)sdkc_hash_mix64(d) & (cap - 1);
    while (slots[i] && slots[i] != d)
        i = (i + 1) & (cap - 1);
    return i;
}

static sdkc_result s_grow(struct sdkc_digest_set *s)
{
    size_t ncap = s->cap ? s->cap * 2 : S_FIRST_CAP, i;
    uint64_t *n;
    if (ncap < s->cap || ncap > SIZE_MAX / sizeof(*n))
        return SDKC_ERR_TOO_LARGE;
    if (!(n = sdkc_calloc(ncap, sizeof(*n))))
        return SDKC_ERR_NOMEM;
    for (i = 0; i < s->cap; i++)
        if (s->slots[i])
            n[s_find(n, ncap, s->slots[i])] = s->slots[i];
    sdkc_free(s->slots);
    s->slots = n;
    s->cap = ncap;
    return SDKC_OK;
}

int sdkc_digest_set_has(const struct sdkc_digest_set *s, uint64_t d)
{
    if (!s || !s->cap)
        return 0;
    d = d ? d : 1;
    return s->slots[s_find(s->slots, s->cap, d)] == d;
}

sdkc_result sdkc_digest_set_add(struct sdkc_digest_set *s, uint64_t d, int *added)
{
    sdkc_result result;
    size_t i;
    if (added)
        *added = 0;
    d = d ? d : 1;
    if (sdkc_digest_set_has(s, d))
        return SDKC_OK;
    if (s->count >= s->max)
        return SDKC_ERR_TOO_LARGE;
    /* at most 3/4 full after this add: short probe runs (Knuth 6.4) */
    if ((s->count + 1) * 4 > s->cap * 3 && (result = s_grow(s)))
        return result;
    i = s_find(s->slots, s->cap, d);
    s->slots[i] = d;
    s->count++;
    if (added)
        *added = 1;
    return SDKC_OK;
}
