/* SPDX-License-Identifier: Apache-2.0
 *
 * http/http.h: HTTP message values shared by the codec, the signer, the
 * mock endpoint and the implementations. Plain data, no I/O.
 *
 * Ownership: a message owns its strings and body (all from sdkc_malloc);
 * _clean_up frees them. Headers keep their order and their case as sent;
 * lookups are case-insensitive (RFC 9110 §5.1).
 */
#ifndef SDKC_HTTP_HTTP_H
#define SDKC_HTTP_HTTP_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

#define SDKC_HTTP_MAX_HEADERS 256

struct sdkc_http_header {
    char *name;
    char *value;
};

struct sdkc_http_headers {
    struct sdkc_http_header *items;
    size_t count;
    size_t cap;
};

void sdkc_http_headers_init(struct sdkc_http_headers *h);
void sdkc_http_headers_clean_up(struct sdkc_http_headers *h);
/* Append (never replaces); SDKC_ERR_TOO_LARGE past SDKC_HTTP_MAX_HEADERS. */
sdkc_result sdkc_http_headers_add(struct sdkc_http_headers *h, const char *name, const char *value);
sdkc_result sdkc_http_headers_addn(struct sdkc_http_headers *h, const char *name, size_t name_len,
                                   const char *value, size_t value_len);
/* Replace every header of that name by one with this value. */
sdkc_result sdkc_http_headers_set(struct sdkc_http_headers *h, const char *name, const char *value);
/* First value of that name (case-insensitive) or NULL. */
const char *sdkc_http_headers_get(const struct sdkc_http_headers *h, const char *name);
void sdkc_http_headers_remove(struct sdkc_http_headers *h, const char *name);
sdkc_result sdkc_http_headers_copy(struct sdkc_http_headers *dst,
                                   const struct sdkc_http_headers *src);

struct sdkc_http_request {
    char *method;
    char
        *path; /* raw, already percent-encoded bytes, no query: "/v2/domains/d%2F1/user-profiles" */
    char *query; /* raw query string without '?', or NULL when there is none */
    /* The authority the request goes to ("foo.example.com", "h:8080"), the
     * operation's host prefix included; NULL when not known. */
    char *host;
    struct sdkc_http_headers headers;
    char *body; /* NULL when there is no body; NUL-terminated for convenience */
    size_t body_len;
};

void sdkc_http_request_init(struct sdkc_http_request *r);
void sdkc_http_request_clean_up(struct sdkc_http_request *r);

struct sdkc_http_response {
    int status;
    struct sdkc_http_headers headers;
    char *body; /* may hold arbitrary bytes; NULL or "" when empty */
    size_t body_len;
};

void sdkc_http_response_init(struct sdkc_http_response *r);
void sdkc_http_response_clean_up(struct sdkc_http_response *r);

/* Percent-encode per RFC 3986 §2.3: every byte except A-Za-z0-9-._~ becomes
 * %XX with uppercase hex; with keep_slash, '/' is kept too (greedy labels). */
sdkc_result sdkc_uri_encode(struct sdkc_buf *out, const char *s, size_t n, int keep_slash);
/* The value of one hex digit (either case), or -1. */
int sdkc_uri_hex_digit(char c);
/* Decode %XX sequences (invalid ones are kept as they are). */
sdkc_result sdkc_uri_decode(struct sdkc_buf *out, const char *s, size_t n);

/* An endpoint URL "scheme://authority[/path]" (RFC 3986 §3) in parts,
 * pointing into the URL: authority "example.com" or "127.0.0.1:8080"; host
 * its host (an IPv6 literal keeps its brackets); base the path without its
 * trailing '/'s ("/custom"; empty for none). */
struct sdkc_url_parts {
    const char *authority, *host, *base;
    size_t authority_len, host_len, base_len;
};
/* 1 when url is such a URL; 0 without "://", with an empty host, or with a
 * query, fragment or userinfo (none has a meaning in an endpoint, and
 * credentials in a URL belong elsewhere). */
int sdkc_url_split(const char *url, struct sdkc_url_parts *out);

#endif
