/* SPDX-License-Identifier: Apache-2.0
 *
 * impl/live.h: the live implementation (docs/DESIGN.md): the repository's
 * own client against a real endpoint. A call encodes the vector's params
 * with the codec, signs with SigV4 (spoiling the signature when a probe
 * vector asks, vectors/vector.h "signing"), sends with libcurl and decodes
 * the response into a result document; the request as sent is the
 * result's request. Below it, the transport: one signed request, its
 * response. TLS verification is always on; plain http is allowed only to a
 * loopback host unless the caller explicitly allows it; no retries, no
 * redirects, bounded time and size.
 */
#ifndef SDKC_IMPL_LIVE_H
#define SDKC_IMPL_LIVE_H

#include "http/http.h"
#include "core/error.h"
#include "impl/impl.h"
#include "sigv4/credentials.h"

#define SDKC_LIVE_TIMEOUT_MS_DEFAULT 15000L
#define SDKC_LIVE_CONNECT_TIMEOUT_MS 5000L
#define SDKC_LIVE_MAX_RESPONSE_BYTES ((size_t)16 * 1024 * 1024)
#define SDKC_LIVE_URL_MAX            2048

struct sdkc_live_options {
    const char *endpoint; /* "https://host[:port]" (a trailing '/' is ignored) */
    long timeout_ms;      /* whole exchange; <= 0: SDKC_LIVE_TIMEOUT_MS_DEFAULT */
    int insecure_http;    /* allow http:// to a non-loopback host */
};

/* Non-zero when url is https://, or http:// to 127.0.0.0/8, ::1 or
 * localhost, or insecure_http is set. why (optional) gets the reason. */
int sdkc_live_endpoint_allowed(const char *url, int insecure_http, char *why, size_t why_len);

/* The host[:port] part of an endpoint URL, for the Host header. */
sdkc_result sdkc_live_endpoint_host(const char *url, char *out, size_t out_len,
                                    struct sdkc_error *err);

/* Send req (already signed: its headers are sent as they are, Host
 * included) to endpoint + req->path + '?' + req->query and fill resp.
 * SDKC_ERR_NETWORK / SDKC_ERR_TIMEOUT when no HTTP response came back;
 * any HTTP status is SDKC_OK. */
sdkc_result sdkc_live_send(const struct sdkc_live_options *opt, const struct sdkc_http_request *req,
                           struct sdkc_http_response *resp, struct sdkc_error *err);

/* ---- the implementation ------------------------------------------------ */

#define SDKC_LIVE_MAX_LOG 100000 /* exchanges kept for the caller's log */

struct sdkc_live_impl_options {
    const struct sdkc_spec *spec;         /* borrowed; required */
    const struct sdkc_credentials *creds; /* borrowed; required */
    const char *region;                   /* required */
    const char *service;                  /* NULL: the spec's signingName */
    struct sdkc_live_options transport;   /* endpoint required */
};

/* Create the live client (free with sdkc_impl_destroy). It is not wire (it
 * talks to the endpoint itself), makes one call at a time (the runner's
 * jobs 1), and never decides pass/fail. A call whose request gets no HTTP
 * response at all returns SDKC_ERR_NETWORK / SDKC_ERR_TIMEOUT: the
 * endpoint is unreachable, which stops a run (exit 3). */
sdkc_result sdkc_impl_live_new(const struct sdkc_live_impl_options *opt, struct sdkc_impl **out,
                               struct sdkc_error *err);

/* Every exchange so far, in order: [{"probe": id, "request": the request
 * as sent with secrets redacted (sdkc_redact_append), "status", "result":
 * the result document, "error": why no response came}], at most
 * SDKC_LIVE_MAX_LOG. Owned by impl. */
const cJSON *sdkc_impl_live_log(const struct sdkc_impl *impl);

#endif
