/* SPDX-License-Identifier: Apache-2.0
 *
 * impl/impl.h: a client implementation under test, behind one interface.
 * The runner (above) drives every kind the same way; for implementations
 * that talk HTTP (adapter processes), the runner also owns the mock endpoint
 * (server layer) and fills in the captured request itself, because impl
 * sits below server and may not reach it.
 *
 * Implementations never decide pass/fail: they only report what the client
 * did.
 */
#ifndef SDKC_IMPL_IMPL_H
#define SDKC_IMPL_IMPL_H

#include <cjson/cJSON.h>

#include "http/http.h"
#include "core/error.h"
#include "spec/spec.h"

/* One call of the client: the vector's operation and params, and the
 * canned response the endpoint will answer with (NULL for request-only
 * vectors: the builtin client then decodes nothing and the runner ignores
 * the result document). */
struct sdkc_impl_call {
    const char *id;
    const char *operation;
    const cJSON *params;
    const struct sdkc_http_response *canned;
    /* The model the vector is bound to (borrowed; runner/runner.c), or
     * NULL: the implementation's own. */
    const struct sdkc_spec *spec;
    /* The endpoint the vector configures the client with, or NULL. */
    const char *endpoint;
};

/* What came out. The caller zeroes it with sdkc_impl_result_init() and frees
 * it with sdkc_impl_result_clean_up(). */
struct sdkc_impl_result {
    cJSON *doc;                        /* result document; NULL when none */
    int has_request;                   /* request below is filled */
    struct sdkc_http_request request;  /* what the client sent (builtin: the encoding) */
    char *protocol_error;              /* set: verdict `error` (bad adapter line), bytes shown */
    char *diagnostics;                 /* adapter stderr tail and the like; may be NULL */
    /* Set: the implementation cannot serve this call's model (an adapter
     * that answered `unavailable` for it, or cannot switch models:
     * harness/adapters/PROTOCOL.md), so nothing ran; the reason, for a
     * verdict `skip`. */
    char *skipped;
    double duration_ms;
};

void sdkc_impl_result_init(struct sdkc_impl_result *r);
void sdkc_impl_result_clean_up(struct sdkc_impl_result *r);

struct sdkc_impl;

struct sdkc_impl_vtable {
    /* Run one call. SDKC_OK whenever r was filled (client errors are
     * results, not failures). Other results mean the implementation itself
     * could not run (exit 3). */
    sdkc_result (*call)(struct sdkc_impl *impl, const struct sdkc_impl_call *call,
                        struct sdkc_impl_result *r, struct sdkc_error *err);
    void (*destroy)(struct sdkc_impl *impl);
};

struct sdkc_impl {
    const struct sdkc_impl_vtable *vtable;
    char *name;    /* "builtin", "boto3", "js-v2", "js-v3", or the --impl-cmd label */
    char *version; /* what the implementation reported */
    int wire;      /* 1: talks HTTP to the mock endpoint (runner serves and captures) */
    void *data;    /* implementation-private */
};

/* Free an implementation; accepts NULL. */
void sdkc_impl_destroy(struct sdkc_impl *impl);

#endif
