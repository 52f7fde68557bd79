/* SPDX-License-Identifier: Apache-2.0
 *
 * core/hash.h: the one string hash of the harness and the one hash set.
 *
 * FNV-1a 64 (Fowler/Noll/Vo, draft-eastlake-fnv §2) is what `--shard K/N`
 * assigns vectors by and what `sdkconform gen` appends, in hex, to an id it
 * must shorten: both are visible outside a run, so the function and its
 * basis must never change (a shard or a shortened id would move).
 *
 * The digest set records 64-bit digests (of ids, of idempotency tokens):
 * open addressing, linear probing, power-of-two capacity kept at most 3/4
 * full, slots chosen by the splitmix64 finalizer of the digest (FNV-1a's
 * low bits are weak for short keys). A digest is a stand-in for its key:
 * two keys sharing a digest count as one, and a caller that must not
 * confuse them (the reader's duplicate-id check) verifies a hit itself.
 * Memory is about 16 bytes per digest; every set has a named cap.
 */
#ifndef SDKC_CORE_HASH_H
#define SDKC_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define SDKC_FNV1A64_BASIS 0xcbf29ce484222325ULL /* offset basis */
#define SDKC_FNV1A64_PRIME 0x100000001b3ULL

/* FNV-1a 64 of p[0..n), continuing from h (SDKC_FNV1A64_BASIS to start), so
 * that several fields can be hashed as one key. */
uint64_t sdkc_fnv1a64(const void *p, size_t n, uint64_t h);

/* FNV-1a 64 of the NUL-terminated s from the basis. */
uint64_t sdkc_fnv1a64_str(const char *s);

/* The splitmix64 finalizer (Steele, Lea, Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014): spreads every input bit
 * over the low bits a table index uses. A bijection. */
uint64_t sdkc_hash_mix64(uint64_t h);

struct sdkc_digest_set {
    uint64_t *slots; /* 0 = empty (a 0 digest is stored as 1) */
    size_t cap;      /* power of two, or 0 before the first add */
    size_t count;
    size_t max; /* adds past this many digests fail with SDKC_ERR_TOO_LARGE */
};

/* max: the cap on distinct digests (callers pass their named cap). */
void sdkc_digest_set_init(struct sdkc_digest_set *s, size_t max);
void sdkc_digest_set_clean_up(struct sdkc_digest_set *s); /* accepts NULL */

/* Add digest d: SDKC_OK with *added 1 when it was new, 0 when the set held
 * it already (added may be NULL). SDKC_ERR_TOO_LARGE when a new digest would
 * pass s->max, SDKC_ERR_NOMEM when the table could not grow; either way the
 * set is unchanged and still usable. */
sdkc_result sdkc_digest_set_add(struct sdkc_digest_set *s, uint64_t d, int *added);

/* 1 when d is in the set. */
int sdkc_digest_set_has(const struct sdkc_digest_set *s, uint64_t d);

#endif
