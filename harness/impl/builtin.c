/* SPDX-License-Identifier: Apache-2.0
 *
 * impl/builtin.c: the built-in reference client (see builtin.h). It owns no
 * protocol logic of its own: encoding and decoding are the codec's, so the
 * builtin client is exactly as conformant as the codec, and replaying the
 * corpus against it tests the codec end to end.
 */
#include "impl/builtin.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "codec/codec.h"
#include "core/clock.h"
#include "core/alloc.h"

struct s_builtin {
    const struct sdkc_spec *spec; /* borrowed */
    enum sdkc_builtin_uuid uuid;
    char *host;
    uint64_t sequence; /* SDKC_BUILTIN_UUID_SEQUENCE: next value, atomic */
};

/* SDKC_BUILTIN_UUID_SEQUENCE: each token takes the next value of the
 * instance-wide counter, atomically, so concurrent runner threads never
 * hand out the same token. */
static sdkc_result s_uuid_shared_sequence(void *ctx, char out[37])
{
    struct s_builtin *b = ctx;
    uint64_t n = __atomic_fetch_add(&b->sequence, 1, __ATOMIC_RELAXED);
    return sdkc_uuid_sequence(&n, out);
}

/* SDKC_BUILTIN_UUID_RANDOM: RFC 9562 §5.4 version-4 UUIDs from the OS
 * CSPRNG, as sdkc_uuid_random makes them, but drawn from a per-thread pool
 * refilled S_POOL bytes at a time: one getrandom(2) per 256 tokens instead
 * of one per token (a measurable share of replay time). */
#define S_POOL 4096
static __thread unsigned char s_pool[S_POOL];
static __thread size_t s_pool_left;

static sdkc_result s_uuid_pooled(void *ctx, char out[37])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char *b;
    size_t i, o = 0;
    (void)ctx;
    if (s_pool_left < 16) {
        size_t got = 0;
        while (got < S_POOL) {
            ssize_t n = getrandom(s_pool + got, S_POOL - got, 0);
            if (n <= 0)
                return sdkc_uuid_random(NULL, out); /* let the codec report it */
            got += (size_t)n;
        }
        s_pool_left = S_POOL;
    }
    b = s_pool + (S_POOL - s_pool_left);
    s_pool_left -= 16;
    for (i = 0; i < 16; i++) {
        unsigned char c = b[i];
        if (i == 6)
            c = (unsigned char)((c & 0x0F) | 0x40); /* version 4 */
        else if (i == 8)
            c = (unsigned char)((c & 0x3F) | 0x80); /* variant 10xx */
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = hex[c >> 4];
        out[o++] = hex[c & 0x0F];
    }
    out[o] = '\0';
    /* Used bytes are not reused: wipe them so a token never sits twice in memory. */
    memset(b, 0, 16);
    return SDKC_OK;
}

/* Map an encoder refusal to the result document a validating SDK gives
 * (DESIGN.md "Result document"): the client never sent anything. */
static sdkc_result s_client_error(struct sdkc_impl_result *r, const char *kind, const char *msg)
{
    r->doc = sdkc_result_client_error(kind, msg);
    return r->doc ? SDKC_OK : SDKC_ERR_NOMEM;
}

static sdkc_result s_call(struct sdkc_impl *impl, const struct sdkc_impl_call *call,
                          struct sdkc_impl_result *r, struct sdkc_error *err)
{
    struct s_builtin *b = impl->data;
    const struct sdkc_spec *spec;
    const struct sdkc_operation *op;
    struct sdkc_codec_options copts;
    struct sdkc_error cerr;
    uint64_t fixed_counter = 0;
    double t0 = sdkc_clock_ms_f();
    sdkc_result result;

    if (!call || !call->operation || !r)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "builtin: call without an operation");
    spec = call->spec ? call->spec : b->spec;
    op = sdkc_spec_find_operation(spec, call->operation);
    if (!op) {
        /* Not an error of the harness: a vector for an operation this spec
         * lacks is something this client cannot do. */
        char msg[256];
        snprintf(msg, sizeof(msg), "operation %s is not in the spec", call->operation);
        result = s_client_error(r, "unsupported", msg);
        goto done;
    }

    memset(&copts, 0, sizeof(copts));
    copts.host = b->host;
    copts.endpoint = call->endpoint; /* the vector's client endpoint, if any */
    switch (b->uuid) {
    case SDKC_BUILTIN_UUID_FIXED:
        copts.uuid = sdkc_uuid_sequence;
        copts.uuid_ctx = &fixed_counter; /* restarts at 0 for every call */
        break;
    case SDKC_BUILTIN_UUID_SEQUENCE:
        copts.uuid = s_uuid_shared_sequence;
        copts.uuid_ctx = b;
        break;
    case SDKC_BUILTIN_UUID_RANDOM:
    default:
        copts.uuid = s_uuid_pooled;
        copts.uuid_ctx = NULL;
        break;
    }

    sdkc_error_init(&cerr);
    sdkc_http_request_clean_up(&r->request);
    sdkc_http_request_init(&r->request);
    result = sdkc_codec_encode(spec, op, call->params, &copts, &r->request, &cerr);
    switch (result) {
    case SDKC_OK: r->has_request = 1; break;
    case SDKC_ERR_NOMEM:
    case SDKC_ERR_STATE: *(err ? err : &cerr) = cerr; goto done;
    case SDKC_ERR_UNSUPPORTED: result = s_client_error(r, "unsupported", cerr.msg); goto done;
    default:
        /* Every other refusal of the encoder is about the params given
         * (missing required member, wrong JSON type, empty label, a value
         * past a cap): client-side validation, as an SDK reports it. */
        result = s_client_error(r, "validation", cerr.msg);
        goto done;
    }

    if (call->canned) {
        result = sdkc_codec_decode(spec, op, call->canned, &r->doc, &cerr);
        if (result) {
            *(err ? err : &cerr) = cerr;
            goto done;
        }
    }

done:
    r->duration_ms = sdkc_clock_ms_f() - t0;
    return result;
}

static void s_destroy(struct sdkc_impl *impl)
{
    struct s_builtin *b;
    if (!impl)
        return;
    b = impl->data;
    if (b)
        sdkc_free(b->host);
    sdkc_free(b);
    sdkc_free(impl->name);
    sdkc_free(impl->version);
    sdkc_free(impl);
}

static const struct sdkc_impl_vtable s_vtable = {.call = s_call, .destroy = s_destroy};

sdkc_result sdkc_impl_builtin_new(const struct sdkc_spec *spec,
                                  const struct sdkc_builtin_options *opts, struct sdkc_impl **out,
                                  struct sdkc_error *err)
{
    struct sdkc_impl *impl = NULL;
    struct s_builtin *b = NULL;

    if (!out || !spec)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "builtin: a spec is required");
    *out = NULL;
    impl = sdkc_calloc(1, sizeof(*impl));
    if (!impl)
        goto nomem;
    impl->vtable = &s_vtable;
    b = sdkc_calloc(1, sizeof(*b));
    if (!b)
        goto nomem;
    impl->data = b;
    b->spec = spec;
    if (opts) {
        b->uuid = opts->uuid;
        if (opts->host && !(b->host = sdkc_strdup(opts->host)))
            goto nomem;
    }
    impl->name = sdkc_strdup("builtin");
    impl->version = sdkc_strdup(SDKC_VERSION);
    if (!impl->name || !impl->version)
        goto nomem;
    *out = impl;
    return SDKC_OK;

nomem:
    s_destroy(impl);
    return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "builtin: out of memory");
}
