/* SPDX-License-Identifier: Apache-2.0
 *
 * impl/live.h: the live transport (docs/DESIGN.md): one signed request to a
 * real endpoint over libcurl, and its response. TLS verification is always
 * on; plain http is allowed only to a loopback host unless the caller
 * explicitly allows it; no retries, no redirects, bounded time and size.
 */
#ifndef SDKC_IMPL_LIVE_H
#define SDKC_IMPL_LIVE_H

#include "http/http.h"
#include "core/error.h"

#define SDKC_LIVE_TIMEOUT_MS_DEFAULT 15000L
#define SDKC_LIVE_CONNECT_TIMEOUT_MS 5000L
#define SDKC_LIVE_MAX_RESPONSE_BYTES ((size_t)16 * 1024 * 1024)
#define SDKC_LIVE_URL_MAX 2048

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
sdkc_result sdkc_live_send(const struct sdkc_live_options *opt,
                           const struct sdkc_http_request *req, struct sdkc_http_response *resp,
                           struct sdkc_error *err);

#endif
