/* SPDX-License-Identifier: Apache-2.0
 *
 * server/server.h: the loopback mock endpoint (DESIGN.md "server" layer,
 * docs/DESIGN.md), on libmicrohttpd.
 *
 * A client under test (an SDK in an adapter process) is pointed at
 * sdkc_server_url(); the endpoint captures every request exactly as it
 * arrived on the wire and answers it with the current canned response.
 *
 * What "exactly" means here:
 *   - method as sent;
 *   - path: the raw request-target bytes before the first '?', NOT
 *     percent-decoded (label escaping is what the vectors check, RFC 3986
 *     §2.1), and query: the raw bytes after the first '?' (NULL when there
 *     is no '?');
 *   - headers in the order and letter case they arrived, duplicates kept;
 *   - body bytes as received (after HTTP/1.1 chunked de-framing, which is
 *     transport, RFC 9112 §7.1).
 *
 * Binding: 127.0.0.1 on an ephemeral port unless the caller passes another
 * address; the endpoint never binds a wildcard or public address on its own
 * (DESIGN.md: "must never bind a non-loopback address unless told to").
 *
 * Caps (house style 7): request body size, header count, idle time and
 * total request time are bounded by the options below; a request past a
 * cap is answered with 413 / 431 (or, past the time cap, its connection is
 * closed), counted in sdkc_server_stats, never captured, and reported as
 * refused by the next take. The time cap runs from the connection's start
 * (or the end of its previous request) to the end of the request, header
 * bytes included: a client trickling header lines under the idle timeout
 * is cut off at the cap like one trickling its body.
 *
 * Ambiguous framing (RFC 9112 §6.1, §6.3): a request whose body length two
 * parsers could read differently is refused with 400, never captured, and
 * reported as refused for its framing by the next take, with the reason and
 * the RFC section:
 *   - Content-Length together with Transfer-Encoding (§6.1, §6.3 item 3);
 *   - Content-Length that is not one decimal number ("5, 6") or two lines
 *     with different values (§6.3 item 5; RFC 9110 §8.6);
 *   - Transfer-Encoding other than exactly "chunked" (one line, one coding):
 *     chunked not final (§6.3 item 4) or another coding before it (§6.1);
 *   - an obs-folded Transfer-Encoding or Content-Length line (§5.2);
 *   - a request pipelined on the connection right behind a chunked body,
 *     before that body's response was sent (§7.1, §9.3.2: bytes a framing
 *     mistake would have kept in the body).
 * libmicrohttpd refuses some malformed forms itself (a Content-Length list,
 * a header line without a colon) before the handler runs; those are
 * reported the same way, with libmicrohttpd's own message.
 *
 * Threading: one thread of the server's own runs libmicrohttpd's event
 * loop (MHD_run_wait), so that what belongs to one turn of that loop is
 * known (pipelining) and the time cap can close any connection. Every
 * function here is safe to call from any thread while the server runs,
 * except sdkc_server_destroy, which must be the last call.
 */
#ifndef SDKC_SERVER_SERVER_H
#define SDKC_SERVER_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "http/http.h"
#include "core/error.h"

/* Defaults for the caps; a 0 in the options selects them. */
#define SDKC_SERVER_MAX_REQUEST_BYTES_DEFAULT ((size_t)16 * 1024 * 1024) /* body bytes */
/* Header fields per request (<= SDKC_HTTP_MAX_HEADERS). */
#define SDKC_SERVER_MAX_HEADERS_DEFAULT 128
/* Idle seconds before MHD drops a connection. */
#define SDKC_SERVER_CONNECTION_TIMEOUT_S_DEFAULT 30
#define SDKC_SERVER_MAX_REQUEST_MS_DEFAULT       60000 /* one request, first line to last body byte */
#define SDKC_SERVER_MAX_CONNECTIONS              64    /* concurrent connections accepted */
/* MHD's per-connection header buffer. */
#define SDKC_SERVER_HEADER_MEMORY_BYTES ((size_t)256 * 1024)
#define SDKC_SERVER_DEFAULT_BIND        "127.0.0.1"
#define SDKC_SERVER_URL_MAX             128

#define SDKC_SERVER_REASON_MAX 512 /* bytes of one refusal reason */

/* An answering hook for endpoints that compute their response (the live
 * simulator) instead of serving a canned one. Called on the daemon's thread
 * with the complete captured request, outside the server lock; resp is
 * initialized and freed by the server. A non-OK result answers 500. The
 * request is captured for take/wait either way. */
typedef sdkc_result (*sdkc_server_handler_fn)(void *ctx, const struct sdkc_http_request *req,
                                              struct sdkc_http_response *resp);

struct sdkc_server_options {
    const char *bind_address;       /* numeric IPv4 or IPv6 address; NULL = 127.0.0.1 */
    unsigned port;                  /* 0 = an ephemeral port chosen by the kernel */
    size_t max_request_bytes;       /* 0 = SDKC_SERVER_MAX_REQUEST_BYTES_DEFAULT */
    size_t max_headers;             /* 0 = SDKC_SERVER_MAX_HEADERS_DEFAULT */
    unsigned connection_timeout_s;  /* 0 = SDKC_SERVER_CONNECTION_TIMEOUT_S_DEFAULT */
    unsigned max_request_ms;        /* 0 = SDKC_SERVER_MAX_REQUEST_MS_DEFAULT: a request
                                       (request line, headers or body) still arriving after
                                       this is cut off (connection closed, counted as
                                       rejected): a client trickling bytes under the idle
                                       timeout cannot hold the endpoint */
    sdkc_server_handler_fn handler; /* NULL = serve the canned response */
    void *handler_ctx;
};

struct sdkc_server;

struct sdkc_server_stats {
    uint64_t requests;       /* requests captured since start */
    uint64_t rejected;       /* requests refused (a cap, or their framing), not captured */
    uint64_t framing;        /* of those, refused with 400 for ambiguous framing */
    uint64_t served_default; /* requests answered with the "no canned response" 500 */
};

/* What arrived since the previous take. */
struct sdkc_server_capture {
    unsigned requests; /* requests captured (answered); the last one is handed out */
    unsigned refused;  /* requests refused: past a cap, or ambiguous framing */
    unsigned framing;  /* of those, refused for their framing (400) */
    /* Why the first refused one was refused (for framing, the RFC section);
     * "" when none was. */
    char reason[SDKC_SERVER_REASON_MAX];
};

/* Start the endpoint. *out owns a running daemon; free it with
 * sdkc_server_destroy. Fails with SDKC_ERR_NETWORK (message names the
 * address and port) when the address cannot be bound, SDKC_ERR_INVALID_ARG
 * when bind_address is not a numeric address. */
sdkc_result sdkc_server_new(const struct sdkc_server_options *opts, struct sdkc_server **out,
                            struct sdkc_error *err);

/* Stop the daemon (in-flight connections are closed) and free everything.
 * Accepts NULL. */
void sdkc_server_destroy(struct sdkc_server *srv);

/* "http://127.0.0.1:PORT" ("http://[::1]:PORT" for IPv6). Owned by srv,
 * valid until sdkc_server_destroy. */
const char *sdkc_server_url(const struct sdkc_server *srv);
/* The port actually bound. */
unsigned sdkc_server_port(const struct sdkc_server *srv);

/* Set the canned response every following request is answered with
 * (status, headers in order, body bytes); the server keeps its own copy.
 * canned == NULL clears it: requests are then answered 500 with a plain-text
 * body saying no response was set. Content-Length and Transfer-Encoding
 * headers in `canned` are not sent as given: libmicrohttpd frames the body
 * itself (RFC 9112 §6). Thread-safe. */
sdkc_result sdkc_server_set_response(struct sdkc_server *srv,
                                     const struct sdkc_http_response *canned,
                                     struct sdkc_error *err);

/* Take what arrived since the previous take (or since start): cap
 * counts requests and refusals, and when cap->requests > 0, `out`
 * (initialized by the caller, emptied first) receives a copy of the LAST
 * request. First waits up to timeout_ms (0 = not at all) for a request or
 * a refusal. The server forgets them afterwards. Thread-safe. */
sdkc_result sdkc_server_take(struct sdkc_server *srv, int timeout_ms, struct sdkc_http_request *out,
                             struct sdkc_server_capture *cap, struct sdkc_error *err);

/* Take what arrived since the previous take (or since start):
 * *captured = how many requests arrived (so retries are visible; 0 = none),
 * and when *captured > 0, `out` (initialized by the caller, emptied first)
 * receives a copy of the LAST of them. The server forgets them afterwards.
 * Thread-safe. */
sdkc_result sdkc_server_take_request(struct sdkc_server *srv, struct sdkc_http_request *out,
                                     int *captured, struct sdkc_error *err);

/* Like take, but first waits up to timeout_ms for at least one request to
 * have arrived since the previous take. *captured is 0 on timeout (not an
 * error). Used by `sdkconform serve` and by tests. */
sdkc_result sdkc_server_wait_request(struct sdkc_server *srv, int timeout_ms,
                                     struct sdkc_http_request *out, int *captured,
                                     struct sdkc_error *err);

void sdkc_server_stats(struct sdkc_server *srv, struct sdkc_server_stats *out);

#endif
