/* SPDX-License-Identifier: Apache-2.0
 *
 * sigv4/crypto.c: SHA-256 and HMAC-SHA256 on OpenSSL EVP, the signing key
 * and its cache, and the credentials value.
 *
 * Why HMAC is built here from two digests (RFC 2104 §2) instead of
 * OpenSSL's HMAC(): in OpenSSL 3 the one-shot HMAC() fetches the MAC
 * implementation by name on every call, which costs more than the hashing
 * of a typical request. One explicitly fetched EVP_MD and one reused
 * EVP_MD_CTX per signature keep a signature close to the bare crypto cost
 * (docs/DESIGN.md).
 */
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <string.h>

#include "core/alloc.h"
#include "sigv4/sigv4.h"

#define SHA256_BLOCK 64

/* OpenSSL's allocations go through sdkc_malloc (core/alloc.h: counted,
 * fault-injectable). Registered by each OpenSSL user; runs once. */
static sdkc_result s_openssl_alloc_init(void)
{
    return CRYPTO_set_mem_functions(sdkc_malloc_at, sdkc_realloc_at, sdkc_free_at) ? SDKC_OK
                                                                                   : SDKC_ERR_STATE;
}
SDKC_ALLOC_HOOK(openssl, SDKC_ALLOC_HOOK_ORDER_OPENSSL, s_openssl_alloc_init, NULL)

/* The fetched SHA-256 implementation: process-wide, created once, never
 * freed (OpenSSL owns it until exit). Tests warm it up in their setup so
 * it is not counted as a leak. */
static EVP_MD *g_sha256;
static pthread_once_t g_sha256_once = PTHREAD_ONCE_INIT;

static void s_fetch_sha256(void)
{
    g_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
}

struct sdkc_sha256_ctx {
    EVP_MD_CTX *md;
};

struct sdkc_sha256_ctx *sdkc_sha256_ctx_new(void)
{
    struct sdkc_sha256_ctx *ctx;
    pthread_once(&g_sha256_once, s_fetch_sha256);
    if (!g_sha256)
        return NULL;
    ctx = sdkc_calloc(1, sizeof(*ctx));
    if (!ctx)
        return NULL;
    ctx->md = EVP_MD_CTX_new();
    if (!ctx->md) {
        sdkc_free(ctx);
        return NULL;
    }
    return ctx;
}

void sdkc_sha256_ctx_destroy(struct sdkc_sha256_ctx *ctx)
{
    if (!ctx)
        return;
    EVP_MD_CTX_free(ctx->md);
    sdkc_free(ctx);
}

/* Digest of up to two pieces (HMAC's inner and outer hashes are pad+data). */
static sdkc_result s_digest2(struct sdkc_sha256_ctx *ctx, const void *a, size_t alen, const void *b,
                             size_t blen, unsigned char out[SDKC_SHA256_LEN])
{
    unsigned int n = 0;
    if (EVP_DigestInit_ex(ctx->md, g_sha256, NULL) != 1 ||
        (alen && EVP_DigestUpdate(ctx->md, a, alen) != 1) ||
        (blen && EVP_DigestUpdate(ctx->md, b, blen) != 1) ||
        EVP_DigestFinal_ex(ctx->md, out, &n) != 1 || n != SDKC_SHA256_LEN) {
        /* The reason is in OpenSSL's per-thread queue; drop it so it
         * neither leaks into a later, unrelated error nor holds memory. */
        ERR_clear_error();
        return SDKC_ERR_CRYPTO;
    }
    return SDKC_OK;
}

sdkc_result sdkc_sha256(struct sdkc_sha256_ctx *ctx, const void *data, size_t len,
                        unsigned char out[SDKC_SHA256_LEN])
{
    if (!ctx || (!data && len))
        return SDKC_ERR_INVALID_ARG;
    return s_digest2(ctx, data, len, NULL, 0, out);
}

sdkc_result sdkc_hmac_sha256(struct sdkc_sha256_ctx *ctx, const void *key, size_t key_len,
                             const void *data, size_t len, unsigned char out[SDKC_SHA256_LEN])
{
    unsigned char k[SHA256_BLOCK], pad[SHA256_BLOCK], inner[SDKC_SHA256_LEN];
    sdkc_result result;
    size_t i;

    if (!ctx || (!key && key_len) || (!data && len))
        return SDKC_ERR_INVALID_ARG;
    memset(k, 0, sizeof(k));
    /* RFC 2104 §2: keys longer than the block are first hashed. */
    if (key_len > SHA256_BLOCK) {
        result = s_digest2(ctx, key, key_len, NULL, 0, k);
        if (result)
            goto done;
    } else if (key_len) {
        memcpy(k, key, key_len);
    }
    for (i = 0; i < SHA256_BLOCK; i++)
        pad[i] = (unsigned char)(k[i] ^ 0x36);
    result = s_digest2(ctx, pad, SHA256_BLOCK, data, len, inner);
    if (result)
        goto done;
    for (i = 0; i < SHA256_BLOCK; i++)
        pad[i] = (unsigned char)(k[i] ^ 0x5c);
    result = s_digest2(ctx, pad, SHA256_BLOCK, inner, sizeof(inner), out);
done:
    /* The pads are key material (for the signing key, a day's credential). */
    OPENSSL_cleanse(k, sizeof(k));
    OPENSSL_cleanse(pad, sizeof(pad));
    OPENSSL_cleanse(inner, sizeof(inner));
    return result;
}

void sdkc_hex_encode(const unsigned char *in, size_t len, char *out)
{
    static const char hex[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned char b = in[i];
        out[2 * i] = hex[b >> 4];
        out[2 * i + 1] = hex[b & 0xf];
    }
    out[2 * len] = '\0';
}

/* ---- credentials ------------------------------------------------------------ */

static void s_wipe_free(char *s)
{
    if (!s)
        return;
    OPENSSL_cleanse(s, strlen(s));
    sdkc_free(s);
}

void sdkc_credentials_init(struct sdkc_credentials *c)
{
    memset(c, 0, sizeof(*c));
}

void sdkc_credentials_clean_up(struct sdkc_credentials *c)
{
    if (!c)
        return;
    sdkc_free(c->access_key_id);
    s_wipe_free(c->secret_access_key);
    s_wipe_free(c->session_token);
    memset(c, 0, sizeof(*c));
}

sdkc_result sdkc_credentials_set(struct sdkc_credentials *c, const char *access_key_id,
                                 const char *secret_access_key, const char *session_token,
                                 struct sdkc_error *err)
{
    struct sdkc_credentials tmp;
    if (!access_key_id || !*access_key_id)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "empty access key id");
    if (!secret_access_key || !*secret_access_key)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "empty secret access key");
    if (strlen(access_key_id) > SDKC_SIGV4_MAX_CRED_FIELD ||
        strlen(secret_access_key) > SDKC_SIGV4_MAX_CRED_FIELD ||
        (session_token && strlen(session_token) > SDKC_SIGV4_MAX_CRED_FIELD))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "a credential is longer than %d bytes", SDKC_SIGV4_MAX_CRED_FIELD);
    sdkc_credentials_init(&tmp);
    tmp.access_key_id = sdkc_strdup(access_key_id);
    tmp.secret_access_key = sdkc_strdup(secret_access_key);
    if (session_token && *session_token)
        tmp.session_token = sdkc_strdup(session_token);
    if (!tmp.access_key_id || !tmp.secret_access_key ||
        (session_token && *session_token && !tmp.session_token))
        goto fail;
    sdkc_credentials_clean_up(c);
    *c = tmp;
    return SDKC_OK;
fail:
    sdkc_credentials_clean_up(&tmp);
    return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
}

/* ---- signing key -------------------------------------------------------------- */

void sdkc_sigv4_key_cache_init(struct sdkc_sigv4_key_cache *cache)
{
    size_t i;
    memset(cache, 0, sizeof(*cache));
    for (i = 0; i < sizeof(cache->scratch) / sizeof(cache->scratch[0]); i++)
        sdkc_buf_init(&cache->scratch[i], SDKC_SIGV4_MAX_CANONICAL);
}

void sdkc_sigv4_key_cache_clean_up(struct sdkc_sigv4_key_cache *cache)
{
    size_t i;
    if (!cache)
        return;
    s_wipe_free(cache->secret);
    sdkc_free(cache->region);
    sdkc_free(cache->service);
    sdkc_sha256_ctx_destroy(cache->sha);
    for (i = 0; i < sizeof(cache->scratch) / sizeof(cache->scratch[0]); i++) {
        if (cache->scratch[i].data)
            OPENSSL_cleanse(cache->scratch[i].data, cache->scratch[i].cap);
        sdkc_buf_clean_up(&cache->scratch[i]);
    }
    OPENSSL_cleanse(cache->key, sizeof(cache->key));
    memset(cache, 0, sizeof(*cache));
}

static int s_cache_matches(const struct sdkc_sigv4_key_cache *cache, const char *secret,
                           const char *date, const char *region, const char *service)
{
    size_t n;
    if (!cache->valid || strcmp(cache->date, date) != 0 || strcmp(cache->region, region) != 0 ||
        strcmp(cache->service, service) != 0)
        return 0;
    n = strlen(secret);
    return strlen(cache->secret) == n && CRYPTO_memcmp(cache->secret, secret, n) == 0;
}

sdkc_result sdkc_sigv4_signing_key(struct sdkc_sha256_ctx *ctx, struct sdkc_sigv4_key_cache *cache,
                                   const char *secret, const char *date, const char *region,
                                   const char *service, unsigned char out[SDKC_SHA256_LEN],
                                   struct sdkc_error *err)
{
    unsigned char k[SDKC_SHA256_LEN];
    char *kdate = NULL;
    char *c_secret = NULL, *c_region = NULL, *c_service = NULL;
    size_t slen;
    sdkc_result result;

    if (!ctx || !secret || !date || strlen(date) != 8 || !region || !service)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "signing key: missing secret, date, region or service");
    if (cache && s_cache_matches(cache, secret, date, region, service)) {
        cache->hits++;
        memcpy(out, cache->key, SDKC_SHA256_LEN);
        return SDKC_OK;
    }
    slen = strlen(secret);
    if (slen > SDKC_SIGV4_MAX_CRED_FIELD)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET, "secret key too long");
    kdate = sdkc_malloc(slen + 5);
    if (!kdate) {
        result = SDKC_ERR_NOMEM;
        goto fail;
    }
    memcpy(kdate, "AWS4", 4);
    memcpy(kdate + 4, secret, slen + 1);
    result = sdkc_hmac_sha256(ctx, kdate, slen + 4, date, 8, k);
    if (!result)
        result = sdkc_hmac_sha256(ctx, k, sizeof(k), region, strlen(region), k);
    if (!result)
        result = sdkc_hmac_sha256(ctx, k, sizeof(k), service, strlen(service), k);
    if (!result)
        result = sdkc_hmac_sha256(ctx, k, sizeof(k), "aws4_request", 12, k);
    if (result)
        goto fail;
    memcpy(out, k, SDKC_SHA256_LEN);
    if (cache) {
        cache->misses++;
        c_secret = sdkc_strdup(secret);
        c_region = sdkc_strdup(region);
        c_service = sdkc_strdup(service);
        if (!c_secret || !c_region || !c_service) {
            result = SDKC_ERR_NOMEM;
            goto fail;
        }
        s_wipe_free(cache->secret);
        sdkc_free(cache->region);
        sdkc_free(cache->service);
        cache->secret = c_secret;
        cache->region = c_region;
        cache->service = c_service;
        memcpy(cache->date, date, 9);
        memcpy(cache->key, k, SDKC_SHA256_LEN);
        cache->valid = 1;
    }
    OPENSSL_cleanse(kdate, slen + 4);
    sdkc_free(kdate);
    OPENSSL_cleanse(k, sizeof(k));
    return SDKC_OK;
fail:
    if (kdate)
        OPENSSL_cleanse(kdate, slen + 4);
    sdkc_free(kdate);
    s_wipe_free(c_secret);
    sdkc_free(c_region);
    sdkc_free(c_service);
    OPENSSL_cleanse(k, sizeof(k));
    if (result == SDKC_ERR_NOMEM)
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
    return sdkc_error_set(err, result, SDKC_NO_OFFSET, "signing key: libcrypto failed");
}
