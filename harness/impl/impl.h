/* SPDX-License-Identifier: Apache-2.0
 *
 * impl/impl.h: a client implementation under test, behind one interface.
 * Each implementation owns its transport behind one
 * call(vector) -> (captured request, result document): the builtin client
 * encodes in process; an adapter process talks HTTP to a loopback mock
 * endpoint of its own (server layer), which serves the canned response and
 * captures what arrived. The runner (above) drives every kind the same way
 * and classifies from the result alone: it never knows which kind it runs.
 *
 * Implementations never decide pass/fail: they only report what the client
 * did.
 */
#ifndef SDKC_IMPL_IMPL_H
#define SDKC_IMPL_IMPL_H

#include <cjson/cJSON.h>

#include "http/http.h"
#include "core/error.h"
#include "sigv4/sigv4.h"
#include "spec/spec.h"
#include "vectors/vector.h"

#define SDKC_IMPL_REASON_MAX   512 /* bytes of an endpoint's refusal reason kept */
#define SDKC_IMPL_SHOWN_PATH   301 /* bytes of a request path kept for messages */
#define SDKC_IMPL_SHOWN_METHOD 17  /* bytes of a request method kept for messages */

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
    /* The model file the vector is bound to (vectors/vector.h), or NULL
     * when it is written against the run's spec. An implementation that
     * serves one model only (an adapter process) answers not_applicable. */
    const char *model;
    /* How a client that signs should spoil its signature (a probe
     * vector's "signing", vectors/vector.h); clients that do not sign
     * ignore it. */
    enum sdkc_vector_signing signing;
};

/* What reached an implementation's endpoint in one window of time: during
 * a call, or between calls (late). All zero for implementations that send
 * nothing over the network. */
struct sdkc_impl_traffic {
    unsigned requests;                   /* captured (answered); the last one is described below */
    unsigned refused;                    /* refused: past a cap, or ambiguous framing (server.h) */
    unsigned framing;                    /* of those, refused with 400 for their framing */
    char reason[SDKC_IMPL_REASON_MAX];   /* why the first refused one was; "" none */
    char method[SDKC_IMPL_SHOWN_METHOD]; /* the last captured request's method */
    char path[SDKC_IMPL_SHOWN_PATH];     /* and its path, cut */
};

/* What came out. The caller zeroes it with sdkc_impl_result_init() and frees
 * it with sdkc_impl_result_clean_up(). */
struct sdkc_impl_result {
    cJSON *doc;                       /* result document; NULL when none */
    int has_request;                  /* request below is filled */
    struct sdkc_http_request request; /* what the client sent (builtin: the encoding) */
    /* 1: the request went over HTTP to the implementation's own endpoint
     * and `request` is the last one that arrived during the call (none:
     * the client sent nothing). Such a request is signature-checked
     * (sdkc_impl.signing_creds), and `during` / `late` below say what else
     * reached the endpoint. 0: the request, if any, is an in-process
     * encoding. */
    int request_sent;
    struct sdkc_impl_traffic during; /* everything that arrived during the call */
    /* What arrived before this call, after the previous call had answered
     * (or before the first call): never this call's, discarded. */
    struct sdkc_impl_traffic late;
    /* Set: this implementation cannot run this call (runner verdict skip),
     * the text saying why. */
    char *not_applicable;
    char *protocol_error; /* set: verdict `error` (bad adapter line), bytes shown */
    char *diagnostics;    /* adapter stderr tail and the like; may be NULL */
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
    /* What reached the endpoint since the last call answered (requests no
     * call asked for), into *late; NULL for implementations that cannot
     * receive anything outside a call. final = 1 after the run's last
     * call: the client is stopped first (an adapter's stdin closed, its
     * exit awaited), so a request sent after the very last answer is seen
     * too. Other results than SDKC_OK: the implementation broke (exit 3). */
    sdkc_result (*drain)(struct sdkc_impl *impl, int final, struct sdkc_impl_traffic *late,
                         struct sdkc_error *err);
};

struct sdkc_impl {
    const struct sdkc_impl_vtable *vtable;
    char *name;    /* "builtin", "boto3", "js-v2", "js-v3", or the --impl-cmd label */
    char *version; /* what the implementation reported */
    /* 1: one call at a time (a child process, one endpoint): a run with
     * it is sequential whatever --jobs says. 0: call is thread-safe. */
    int serial;
    /* The credentials the client was given to sign with, and the region:
     * each request it sends (result.request_sent) is verified with them
     * (runner.h). NULL: the client does not sign. Owned by the impl. */
    const struct sdkc_credentials *signing_creds;
    const char *signing_region;
    /* The endpoint URL the client calls in place of a vector's "endpoint"
     * (an adapter's mock endpoint: the vector's base path is carried
     * over, its host is not), or NULL when it calls the vector's own
     * (builtin). The runner rebases a vector's expected host onto it
     * (vectors/vector.h host_from/host_to). Owned by the impl. */
    const char *endpoint;
    void *data; /* implementation-private */
};

/* Copy what a mock endpoint reported for one window into t (method and
 * path of the last captured request cut to their fields). req may be NULL. */
void sdkc_impl_traffic_set(struct sdkc_impl_traffic *t, unsigned requests, unsigned refused,
                           unsigned framing, const char *reason,
                           const struct sdkc_http_request *req);

/* Free an implementation; accepts NULL. */
void sdkc_impl_destroy(struct sdkc_impl *impl);

#endif
