/* SPDX-License-Identifier: Apache-2.0
 *
 * server/server.c: the loopback mock endpoint on libmicrohttpd (contract in
 * server.h).
 *
 * Threads: s_loop, the server's own thread, runs libmicrohttpd's event loop
 * (MHD_run_wait) and, between two turns of it, the time cap (s_watchdog).
 * Every callback below runs on that thread (and, in sdkc_server_destroy,
 * on the destroying thread once s_loop has been joined), so the
 * per-connection list and the turn counter need no lock; what other
 * threads read (captured requests, refusals, stats) is under srv->lock.
 *
 * Connections: s_notify_conn keeps one struct s_conn per open connection
 * (when it started or last finished a request, its socket, the request in
 * progress). s_watchdog closes (shutdown(2); libmicrohttpd then sees EOF
 * and closes it itself) any connection that has not finished a request
 * within max_request_ms, whatever phase it is in: request line, headers,
 * body or response.
 *
 * Pipelining: a request whose request line libmicrohttpd parses in the
 * same turn of its loop as the one that finished the previous request on
 * that connection was already in its read buffer before the previous
 * response was sent (libmicrohttpd reads before it writes in a turn, and
 * does not read again after the response; daemon.c call_handlers), i.e.
 * pipelined. Behind a chunked body that is refused (server.h).
 *
 * Request flow inside the loop thread:
 *   1. s_uri_log (MHD_OPTION_URI_LOG_CALLBACK) sees the raw request-target
 *      before MHD splits off the query and percent-decodes the path, so it is
 *      where the exact path and query bytes are kept. It allocates the
 *      per-request state (struct s_req), which MHD hands back as *req_cls.
 *   2. The first s_access call (headers parsed, no body yet) copies the
 *      method and headers in arrival order and enforces the header-count
 *      cap, the framing rules (s_framing) and the declared-length cap.
 *   3. Further calls deliver body bytes into a capped buffer.
 *   4. The last call (*upload_data_size == 0 after the headers) publishes
 *      the request to the server (under the lock) and queues the canned
 *      response.
 *   5. s_completed (MHD_OPTION_NOTIFY_COMPLETED) notes a request that was
 *      neither answered by us nor refused by us (libmicrohttpd refused it
 *      itself, or the time cap cut it) as refused, and frees struct s_req.
 *
 * Ownership: struct s_req belongs to MHD's connection until s_completed;
 * a published request is moved (not copied) into srv->last and from there
 * into the caller's struct on take. The canned response is one MHD_Response,
 * reference-counted by MHD, whose body is an sdkc_memdup freed by MHD
 * through sdkc_free when the last connection using it is done.
 *
 * DEBUGGING HINTS: `sdkconform serve --vector ID` runs this alone; point
 * curl -v at the printed URL to see exactly what comes back.
 */
#include "server/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "core/clock.h"
#include "core/alloc.h"
#include "core/buf.h"

/* Body of the answer when no canned response is set: a 500, so a client
 * never mistakes a harness mistake for a success. */
#define S_NO_RESPONSE_BODY                                                                         \
    "sdkconform mock endpoint: no canned response is set for this request "                        \
    "(the harness served nothing for it)\n"
#define S_TOO_MANY_HEADERS_BODY "sdkconform mock endpoint: too many request header fields\n"
#define S_TOO_LARGE_BODY        "sdkconform mock endpoint: request body larger than the cap\n"
#define S_BAD_FRAMING_BODY                                                                         \
    "sdkconform mock endpoint: ambiguous request framing (RFC 9112 section 6.3); the "             \
    "sdkconform report says why\n"
#define S_LOOP_TICK_MS 50  /* longest wait of one event-loop turn (time cap resolution) */
#define S_MHD_LOG_MAX  256 /* bytes kept of libmicrohttpd's last log message */

struct s_conn;

struct sdkc_server {
    struct MHD_Daemon *daemon;
    pthread_mutex_t lock;
    pthread_cond_t arrived;
    int lock_ready;

    /* guarded by lock */
    struct MHD_Response *canned; /* NULL = answer S_NO_RESPONSE_BODY */
    int canned_status;
    struct sdkc_http_request last;       /* the most recent request not yet taken */
    unsigned pending;                    /* requests since the previous take */
    unsigned refused;                    /* refusals since the previous take */
    unsigned refused_framing;            /* of those, for framing */
    char reason[SDKC_SERVER_REASON_MAX]; /* the first of them */
    struct sdkc_server_stats stats;

    /* loop thread only (see the file comment) */
    pthread_t loop;
    int loop_started;
    int stop;      /* set (atomically) by destroy */
    uint64_t turn; /* turns of the event loop so far */
    struct s_conn *conns;
    char mhd_log[S_MHD_LOG_MAX]; /* libmicrohttpd's last message ... */
    uint64_t mhd_log_turn;       /* ... logged in this turn (0 = none) */

    /* fixed after _new */
    struct MHD_Response *no_response;
    struct MHD_Response *too_many_headers;
    struct MHD_Response *too_large;
    struct MHD_Response *bad_framing;
    size_t max_request_bytes;
    size_t max_headers;
    int64_t max_request_ms;
    sdkc_server_handler_fn handler;
    void *handler_ctx;
    unsigned port;
    char url[SDKC_SERVER_URL_MAX];
};

/* Per-connection state (s_notify_conn), loop thread only. */
struct s_conn {
    struct s_conn *prev, *next;
    int fd;
    int64_t since_ms;   /* monotonic: connection start, or end of its previous request */
    uint64_t done_turn; /* loop turn in which its previous request finished; 0 = none */
    int prev_chunked;   /* that request's body was chunked */
    int cut;            /* s_watchdog closed it */
    struct s_req *req;  /* the request in progress, or NULL */
};

/* Per-request state, owned by the MHD connection (see file comment). */
struct s_req {
    struct sdkc_server *srv;
    struct s_conn *conn; /* NULL when the connection is not tracked */
    struct sdkc_http_request req;
    struct sdkc_buf body;
    int headers_done;
    int64_t start_ms; /* monotonic, when the request line arrived */
    int rejected;     /* a 400/413/431 has been queued, or the connection cut */
    int too_large;    /* the body passed the cap: discard the rest, then 413 */
    int failed;       /* an allocation failed while capturing: answer 500 */
    int published;    /* captured and answered */
    int chunked;      /* Transfer-Encoding: chunked */
    int pipelined;    /* parsed in the turn that finished the previous request */
    int cut;          /* the time cap closed its connection */
};

/* ---- per-request state ------------------------------------------------ */

static void s_req_free(struct s_req *r)
{
    if (!r)
        return;
    sdkc_http_request_clean_up(&r->req);
    sdkc_buf_clean_up(&r->body);
    sdkc_free(r);
}

/* Count a refused request for the next take; the first reason of a take
 * is kept. */
static void s_note_refusal(struct sdkc_server *srv, int framing, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void s_note_refusal(struct sdkc_server *srv, int framing, const char *fmt, ...)
{
    va_list ap;
    pthread_mutex_lock(&srv->lock);
    if (srv->refused == 0) {
        char *p;
        va_start(ap, fmt);
        vsnprintf(srv->reason, sizeof(srv->reason), fmt, ap);
        va_end(ap);
        /* The reason quotes what the client sent: no control bytes reach a
         * terminal or a one-line message through it. */
        for (p = srv->reason; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f)
                *p = '?';
    }
    srv->refused++;
    srv->stats.rejected++;
    if (framing) {
        srv->refused_framing++;
        srv->stats.framing++;
    }
    pthread_cond_broadcast(&srv->arrived);
    pthread_mutex_unlock(&srv->lock);
}

/* The connection's own state (s_notify_conn), or NULL. */
static struct s_conn *s_conn_of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        conn ? MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT) : NULL;
    return ci ? ci->socket_context : NULL;
}

/* Called by MHD with the request-target exactly as received (RFC 9112
 * §3.2: origin-form path and query). Splitting at the first '?' is
 * RFC 3986 §3.4. */
static void *s_uri_log(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct sdkc_server *srv = cls;
    struct s_conn *c = s_conn_of(conn);
    struct s_req *r;
    const char *q;
    r = sdkc_calloc(1, sizeof(*r));
    if (!r)
        return NULL; /* s_access answers 500 when *req_cls is NULL */
    r->srv = srv;
    r->start_ms = sdkc_clock_ms();
    if (c) {
        r->conn = c;
        c->req = r;
        /* Parsed in the turn that finished the previous request: its bytes
         * were read before that request's response went out. */
        r->pipelined = c->done_turn != 0 && c->done_turn == srv->turn && c->prev_chunked;
    }
    sdkc_http_request_init(&r->req);
    sdkc_buf_init(&r->body, srv->max_request_bytes);
    if (!uri)
        uri = "";
    q = strchr(uri, '?');
    if (q) {
        r->req.path = sdkc_strndup(uri, (size_t)(q - uri));
        r->req.query = sdkc_strdup(q + 1);
        if (!r->req.path || !r->req.query)
            r->failed = 1;
    } else {
        r->req.path = sdkc_strdup(uri);
        if (!r->req.path)
            r->failed = 1;
    }
    return r;
}

/* A request that reached s_uri_log but was neither answered nor refused by
 * s_access: the time cap cut it, or libmicrohttpd refused it itself before
 * the handler ran (a Content-Length list, a header line without a colon).
 * Either way the client was refused; say so, rather than let the run
 * report "no request sent". */
static void s_note_unanswered(struct sdkc_server *srv, struct MHD_Connection *conn,
                              const struct s_req *r)
{
    const union MHD_ConnectionInfo *ci;
    unsigned status;
    const char *log;
    if (r->cut) {
        s_note_refusal(srv, 0,
                       "%s %s: the connection was cut off: the request was not complete %lld ms "
                       "after it started (the endpoint's time cap, header bytes included)",
                       r->req.method ? r->req.method : "request to", /* headers still coming */
                       r->req.path ? r->req.path : "", (long long)srv->max_request_ms);
        return;
    }
    if (r->headers_done)
        return; /* the handler ran: a 500 of ours, or the client went away mid-body */
    ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_HTTP_STATUS);
    status = ci ? ci->http_status : 0;
    if (status < 400)
        return; /* the client went away before its headers were complete */
    log = srv->mhd_log_turn == srv->turn && srv->mhd_log[0] ? srv->mhd_log
                                                            : "a malformed header section";
    s_note_refusal(
        srv, status == MHD_HTTP_BAD_REQUEST,
        "request to %s refused with %u by the endpoint's HTTP parser (libmicrohttpd) before the "
        "mock saw it: %s%s",
        r->req.path ? r->req.path : "?", status, log,
        strstr(log, "Content-Length") ? " (RFC 9112 §6.3 item 5, RFC 9110 §8.6: Content-Length "
                                        "must be one decimal number; a list such as \"5, 6\" "
                                        "is invalid)"
                                      : " (RFC 9112 §5)");
}

static void s_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                        enum MHD_RequestTerminationCode toe)
{
    struct sdkc_server *srv = cls;
    struct s_req *r = req_cls ? *req_cls : NULL;
    (void)toe;
    if (!r)
        return;
    if (!r->published && !r->rejected)
        s_note_unanswered(srv, conn, r);
    if (r->conn) {
        r->conn->req = NULL;
        r->conn->since_ms = sdkc_clock_ms();
        r->conn->done_turn = srv->turn;
        r->conn->prev_chunked = r->chunked;
    }
    s_req_free(r);
    *req_cls = NULL;
}

/* MHD_OPTION_NOTIFY_CONNECTION: keep the connection list of s_watchdog. A
 * connection whose state cannot be allocated is only bounded by the idle
 * timeout. */
static void s_notify_conn(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct sdkc_server *srv = cls;
    struct s_conn *c;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        c = sdkc_calloc(1, sizeof(*c));
        *socket_context = c;
        if (!c)
            return;
        c->fd = ci ? (int)ci->connect_fd : -1;
        c->since_ms = sdkc_clock_ms();
        c->next = srv->conns;
        if (srv->conns)
            srv->conns->prev = c;
        srv->conns = c;
        return;
    }
    c = *socket_context;
    if (!c)
        return;
    /* libmicrohttpd calls this before it closes the socket (daemon.c
     * MHD_cleanup_connections), so s_watchdog never sees a reused fd. */
    if (c->req)
        c->req->conn = NULL;
    if (c->prev)
        c->prev->next = c->next;
    else
        srv->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    sdkc_free(c);
    *socket_context = NULL;
}

/* MHD_OPTION_EXTERNAL_LOGGER: keep the last message, which s_note_unanswered
 * quotes when libmicrohttpd refused a request itself in the same turn.
 * fmt is libmicrohttpd's own literal; the attribute tells clang so
 * (-Wformat-nonliteral). */
static void s_mhd_log(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
static void s_mhd_log(void *cls, const char *fmt, va_list ap)
{
    struct sdkc_server *srv = cls;
    size_t n;
    vsnprintf(srv->mhd_log, sizeof(srv->mhd_log), fmt, ap);
    n = strlen(srv->mhd_log);
    while (n > 0 && (srv->mhd_log[n - 1] == '\n' || srv->mhd_log[n - 1] == '\r'))
        srv->mhd_log[--n] = '\0';
    srv->mhd_log_turn = srv->turn;
}

/* Close every connection that has not finished a request within the time
 * cap (server.h). Runs on the loop thread between two turns. */
static void s_watchdog(struct sdkc_server *srv)
{
    int64_t now = sdkc_clock_ms();
    struct s_conn *c;
    for (c = srv->conns; c; c = c->next) {
        if (c->cut || c->fd < 0 || now - c->since_ms <= srv->max_request_ms)
            continue;
        c->cut = 1;
        if (c->req)
            c->req->cut = 1;
        (void)shutdown(c->fd, SHUT_RDWR);
    }
}

static void *s_loop(void *arg)
{
    struct sdkc_server *srv = arg;
    while (!__atomic_load_n(&srv->stop, __ATOMIC_ACQUIRE)) {
        srv->turn++;
        (void)MHD_run_wait(srv->daemon, S_LOOP_TICK_MS);
        s_watchdog(srv);
    }
    return NULL;
}

struct s_hdr_ctx {
    struct s_req *r;
    size_t count;
};

static enum MHD_Result s_header_cb(void *cls, enum MHD_ValueKind kind, const char *key,
                                   size_t key_size, const char *value, size_t value_size)
{
    struct s_hdr_ctx *h = cls;
    (void)kind;
    h->count++;
    if (h->count > h->r->srv->max_headers)
        return MHD_NO; /* stop iterating; the caller answers 431 */
    if (sdkc_http_headers_addn(&h->r->req.headers, key, key_size, value ? value : "",
                               value ? value_size : 0) != SDKC_OK) {
        h->r->failed = 1;
        return MHD_NO;
    }
    return MHD_YES;
}

/* Queue a fixed response, mark the request as not captured and note the
 * refusal with its reason for the next take. */
static enum MHD_Result s_reject(struct MHD_Connection *conn, struct s_req *r, unsigned status,
                                struct MHD_Response *resp, const char *reason)
{
    struct sdkc_server *srv = r->srv;
    r->rejected = 1;
    s_note_refusal(srv, status == MHD_HTTP_BAD_REQUEST, "%s %s: %s",
                   r->req.method ? r->req.method : "", r->req.path ? r->req.path : "", reason);
    return MHD_queue_response(conn, status, resp);
}

/* ---- framing (RFC 9112 §6) ------------------------------------------------ */

/* 1 when name is `framing` followed by more characters that are not a
 * hyphenated extension: libmicrohttpd 0.9.75 appends an obs-fold
 * continuation line to the field NAME (connection.c process_broken_line),
 * so "Transfer-Encoding:\r\n chunked" arrives as "Transfer-Encodingchunked". */
static int s_folded(const char *name, const char *framing)
{
    size_t n = strlen(framing);
    return strncasecmp(name, framing, n) == 0 && name[n] != '\0' && name[n] != '-';
}

static int s_all_digits(const char *v)
{
    if (!*v)
        return 0;
    for (; *v; v++)
        if (*v < '0' || *v > '9')
            return 0;
    return 1;
}

/* Is the request's body length ambiguous (server.h)? 1 with the reason in
 * why. Only the forms a conforming client never sends are refused: one
 * Content-Length, or one "Transfer-Encoding: chunked" (the only coding AWS
 * endpoints accept), or neither. */
static int s_framing(const struct sdkc_http_headers *h, char *why, size_t n)
{
    const char *cl = NULL, *te = NULL;
    size_t i, tes = 0;
    for (i = 0; i < h->count; i++) {
        const char *name = h->items[i].name, *value = h->items[i].value;
        if (s_folded(name, "Transfer-Encoding") || s_folded(name, "Content-Length")) {
            snprintf(why, n,
                     "an obs-folded framing header line (arrived as \"%.64s: %.64s\"): RFC 9112 "
                     "§5.2 obsoletes line folding, and a parser that does not unfold it reads "
                     "another body length",
                     name, value);
            return 1;
        }
        if (strcasecmp(name, "Transfer-Encoding") == 0) {
            tes++;
            te = value;
        } else if (strcasecmp(name, "Content-Length") == 0) {
            if (!s_all_digits(value)) {
                snprintf(why, n,
                         "Content-Length \"%.64s\" is not one decimal number (RFC 9112 §6.3 item "
                         "5, RFC 9110 §8.6: an invalid Content-Length is unrecoverable framing)",
                         value);
                return 1;
            }
            if (cl && strcmp(cl, value) != 0) {
                snprintf(why, n,
                         "two different Content-Length values, %.32s and %.32s (RFC 9112 §6.3 "
                         "item 5, RFC 9110 §8.6)",
                         cl, value);
                return 1;
            }
            cl = value;
        }
    }
    if (te && cl) {
        snprintf(why, n,
                 "Content-Length together with Transfer-Encoding (RFC 9112 §6.1: a sender MUST "
                 "NOT send Content-Length in a message that has Transfer-Encoding; §6.3 item 3: "
                 "the two disagree on where the body ends, the request smuggling pattern)");
        return 1;
    }
    if (tes > 1) {
        snprintf(why, n,
                 "Transfer-Encoding sent in %zu header lines (RFC 9112 §6.1: chunked is applied "
                 "once and is the final coding; parsers that read only one line disagree)",
                 tes);
        return 1;
    }
    if (te && strcasecmp(te, "chunked") != 0) {
        const char *last = strrchr(te, ',');
        last = last ? last + 1 : te;
        while (*last == ' ' || *last == '\t')
            last++;
        if (strncasecmp(last, "chunked", 7) != 0 || (last[7] && last[7] != ' ' && last[7] != '\t'))
            snprintf(why, n,
                     "Transfer-Encoding \"%.64s\" does not end with chunked (RFC 9112 §6.3 item "
                     "4: the body length cannot be determined; the server MUST answer 400)",
                     te);
        else
            snprintf(why, n,
                     "Transfer-Encoding \"%.64s\" is not exactly chunked (RFC 9112 §6.1: AWS "
                     "endpoints, and this one, accept no other transfer coding, so the body "
                     "would be read with the wrong framing)",
                     te);
        return 1;
    }
    return 0;
}

static sdkc_result s_build_canned(const struct sdkc_http_response *c, struct MHD_Response **out,
                                  struct sdkc_error *err);

/* Move the finished request into the server and queue the canned answer
 * (or the handler's). */
static enum MHD_Result s_publish(struct MHD_Connection *conn, struct s_req *r)
{
    struct sdkc_server *srv = r->srv;
    struct MHD_Response *resp;
    unsigned status;
    enum MHD_Result ret;
    size_t len = 0;

    struct MHD_Response *computed = NULL;
    unsigned computed_status = 0;

    if (r->body.len > 0) {
        r->req.body = sdkc_buf_steal(&r->body, &len);
        if (!r->req.body)
            return MHD_NO;
        r->req.body_len = len;
    }
    if (srv->handler) {
        struct sdkc_http_response out;
        sdkc_http_response_init(&out);
        if (srv->handler(srv->handler_ctx, &r->req, &out) != SDKC_OK ||
            s_build_canned(&out, &computed, NULL) != SDKC_OK)
            computed = NULL; /* answered with the 500 below */
        computed_status = (unsigned)out.status;
        sdkc_http_response_clean_up(&out);
    }
    r->published = 1;
    pthread_mutex_lock(&srv->lock);
    sdkc_http_request_clean_up(&srv->last);
    srv->last = r->req; /* move: r->req gives up its pointers */
    sdkc_http_request_init(&r->req);
    srv->pending++;
    srv->stats.requests++;
    if (srv->handler) {
        resp = computed ? computed : srv->no_response;
        status = computed ? computed_status : MHD_HTTP_INTERNAL_SERVER_ERROR;
    } else if (srv->canned) {
        resp = srv->canned;
        status = (unsigned)srv->canned_status;
    } else {
        resp = srv->no_response;
        status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        srv->stats.served_default++;
    }
    /* Queued under the lock so a concurrent set_response cannot destroy
     * resp between the read and MHD taking its reference. */
    ret = MHD_queue_response(conn, status, resp);
    pthread_cond_broadcast(&srv->arrived);
    pthread_mutex_unlock(&srv->lock);
    if (computed)
        MHD_destroy_response(computed); /* MHD keeps its own reference until sent */
    return ret;
}

static enum MHD_Result s_access(void *cls, struct MHD_Connection *conn, const char *url,
                                const char *method, const char *version, const char *upload_data,
                                size_t *upload_data_size, void **req_cls)
{
    struct sdkc_server *srv = cls;
    struct s_req *r = *req_cls;
    (void)url;
    (void)version;

    if (!r) /* s_uri_log could not allocate */
        return MHD_queue_response(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, srv->no_response);
    if (r->rejected) {
        *upload_data_size = 0; /* discard the rest of a rejected body */
        return MHD_YES;
    }
    if (r->too_large) {
        char why[96];
        if (*upload_data_size > 0) {
            *upload_data_size = 0;
            return MHD_YES;
        }
        snprintf(why, sizeof(why), "the body passed the cap of %zu bytes", srv->max_request_bytes);
        return s_reject(conn, r, MHD_HTTP_CONTENT_TOO_LARGE, srv->too_large, why);
    }
    if (!r->headers_done) {
        struct s_hdr_ctx h = {r, 0};
        char why[SDKC_SERVER_REASON_MAX];
        const char *cl, *te;
        r->headers_done = 1;
        r->req.method = sdkc_strdup(method ? method : "");
        if (!r->req.method)
            r->failed = 1;
        MHD_get_connection_values_n(conn, MHD_HEADER_KIND, s_header_cb, &h);
        if (h.count > srv->max_headers) {
            snprintf(why, sizeof(why), "more than %zu header fields (the endpoint's cap)",
                     srv->max_headers);
            return s_reject(conn, r, MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
                            srv->too_many_headers, why);
        }
        if (r->pipelined)
            return s_reject(conn, r, MHD_HTTP_BAD_REQUEST, srv->bad_framing,
                            "this request was pipelined right behind a chunked body on "
                            "the same connection, before that body's response was sent (RFC "
                            "9112 §7.1: a chunked body ends at its last-chunk and trailer "
                            "section, so these bytes are where a framing mistake hides; §9.3.2)");
        if (!r->failed && s_framing(&r->req.headers, why, sizeof(why)))
            return s_reject(conn, r, MHD_HTTP_BAD_REQUEST, srv->bad_framing, why);
        te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
        r->chunked = te != NULL;
        /* A declared length past the cap is refused before reading it. */
        cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            char *end = NULL;
            unsigned long long n;
            errno = 0;
            n = strtoull(cl, &end, 10);
            if (errno == 0 && end != cl && n > (unsigned long long)srv->max_request_bytes) {
                snprintf(why, sizeof(why), "Content-Length %llu is larger than the cap of %zu", n,
                         srv->max_request_bytes);
                return s_reject(conn, r, MHD_HTTP_CONTENT_TOO_LARGE, srv->too_large, why);
            }
        }
        return MHD_YES;
    }
    if (*upload_data_size > 0 && sdkc_clock_ms() - r->start_ms > srv->max_request_ms) {
        /* Past the total time cap: cut the connection (no response can be
         * queued while a body is arriving). */
        r->rejected = 1;
        s_note_refusal(srv, 0,
                       "%s %s: the connection was cut off: the body was still arriving %lld ms "
                       "after the request started (the endpoint's time cap)",
                       r->req.method ? r->req.method : "", r->req.path ? r->req.path : "",
                       (long long)srv->max_request_ms);
        return MHD_NO;
    }
    if (*upload_data_size > 0) {
        sdkc_result result = sdkc_buf_append(&r->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        if (result == SDKC_ERR_TOO_LARGE) {
            /* libmicrohttpd takes no response while a body is still
             * arriving: keep discarding (bounded by the connection
             * timeout) and answer 413 at the end. */
            r->too_large = 1;
            sdkc_buf_clean_up(&r->body);
            sdkc_buf_init(&r->body, srv->max_request_bytes);
            return MHD_YES;
        }
        if (result)
            r->failed = 1;
        return MHD_YES;
    }
    if (r->failed)
        return MHD_queue_response(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, srv->no_response);
    return s_publish(conn, r);
}

/* ---- responses ---------------------------------------------------------- */

static struct MHD_Response *s_text_response(const char *text)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
    if (resp)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
    return resp;
}

/* A header value or name MHD would put on the wire: no CR, LF or NUL
 * (RFC 9110 §5.5: field values never carry bare CR/LF). */
static int s_header_ok(const char *s)
{
    return s && !strpbrk(s, "\r\n");
}

/* Build the MHD response for a canned response. Content-Length and
 * Transfer-Encoding are framing that MHD derives from the body itself
 * (RFC 9112 §6), so they are not copied. */
static sdkc_result s_build_canned(const struct sdkc_http_response *c, struct MHD_Response **out,
                                  struct sdkc_error *err)
{
    struct MHD_Response *resp = NULL;
    void *copy = NULL;
    size_t i;

    *out = NULL;
    if (c->status < 100 || c->status > 999)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "canned response status %d is not a 3-digit HTTP status code",
                              c->status);
    for (i = 0; i < c->headers.count; i++) {
        const struct sdkc_http_header *h = &c->headers.items[i];
        if (!s_header_ok(h->name) || !*h->name || !s_header_ok(h->value))
            return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                  "canned response header %zu (\"%s\") holds CR or LF, which "
                                  "HTTP/1.1 cannot carry",
                                  i, h->name ? h->name : "");
    }
    if (c->body_len > 0) {
        copy = sdkc_memdup(c->body, c->body_len);
        if (!copy)
            return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    /* From here MHD owns copy: it frees it with sdkc_free (also when
     * creating the response fails). */
    resp = MHD_create_response_from_buffer_with_free_callback(c->body_len, copy, sdkc_free);
    if (!resp) {
        sdkc_free(copy);
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET,
                              "libmicrohttpd could not create a response");
    }
    for (i = 0; i < c->headers.count; i++) {
        const struct sdkc_http_header *h = &c->headers.items[i];
        if (!strcasecmp(h->name, "Content-Length") || !strcasecmp(h->name, "Transfer-Encoding"))
            continue;
        if (MHD_add_response_header(resp, h->name, h->value) != MHD_YES) {
            MHD_destroy_response(resp);
            return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                  "libmicrohttpd refused canned response header \"%s\"", h->name);
        }
    }
    *out = resp;
    return SDKC_OK;
}

/* ---- lifecycle ------------------------------------------------------------ */

static sdkc_result s_parse_bind(const char *addr, unsigned port, struct sockaddr_storage *ss,
                                int *ipv6, struct sdkc_error *err)
{
    memset(ss, 0, sizeof(*ss));
    *ipv6 = 0;
    if (port > 65535)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "port %u is out of range (0-65535)", port);
    if (strchr(addr, ':')) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, addr, &s6->sin6_addr) != 1)
            return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                  "bind address \"%s\" is not a numeric IPv6 address", addr);
        *ipv6 = 1;
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
        s4->sin_family = AF_INET;
        s4->sin_port = htons((uint16_t)port);
        if (inet_pton(AF_INET, addr, &s4->sin_addr) != 1)
            return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                  "bind address \"%s\" is not a numeric IPv4 address", addr);
    }
    return SDKC_OK;
}

sdkc_result sdkc_server_new(const struct sdkc_server_options *opts, struct sdkc_server **out,
                            struct sdkc_error *err)
{
    struct sdkc_server *srv = NULL;
    struct sockaddr_storage ss;
    const char *addr = SDKC_SERVER_DEFAULT_BIND;
    unsigned port = 0, timeout_s = SDKC_SERVER_CONNECTION_TIMEOUT_S_DEFAULT;
    const union MHD_DaemonInfo *info;
    /* No internal thread: s_loop runs the event loop (file comment). */
    unsigned flags = MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    int ipv6 = 0;
    sdkc_result result;

    if (!out)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "out is NULL");
    *out = NULL;
    srv = sdkc_calloc(1, sizeof(*srv));
    if (!srv)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    sdkc_http_request_init(&srv->last);
    srv->max_request_bytes = SDKC_SERVER_MAX_REQUEST_BYTES_DEFAULT;
    srv->max_headers = SDKC_SERVER_MAX_HEADERS_DEFAULT;
    srv->max_request_ms = SDKC_SERVER_MAX_REQUEST_MS_DEFAULT;
    if (opts) {
        if (opts->max_request_ms)
            srv->max_request_ms = opts->max_request_ms;
        srv->handler = opts->handler;
        srv->handler_ctx = opts->handler_ctx;
        if (opts->bind_address)
            addr = opts->bind_address;
        port = opts->port;
        if (opts->max_request_bytes)
            srv->max_request_bytes = opts->max_request_bytes;
        if (opts->max_headers)
            srv->max_headers = opts->max_headers;
        if (opts->connection_timeout_s)
            timeout_s = opts->connection_timeout_s;
    }
    if (srv->max_headers > SDKC_HTTP_MAX_HEADERS)
        srv->max_headers = SDKC_HTTP_MAX_HEADERS;
    result = s_parse_bind(addr, port, &ss, &ipv6, err);
    if (result)
        goto fail;
    if (pthread_mutex_init(&srv->lock, NULL) != 0) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "pthread_mutex_init failed");
        goto fail;
    }
    if (pthread_cond_init(&srv->arrived, NULL) != 0) {
        pthread_mutex_destroy(&srv->lock);
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "pthread_cond_init failed");
        goto fail;
    }
    srv->lock_ready = 1;
    srv->no_response = s_text_response(S_NO_RESPONSE_BODY);
    srv->too_many_headers = s_text_response(S_TOO_MANY_HEADERS_BODY);
    srv->too_large = s_text_response(S_TOO_LARGE_BODY);
    srv->bad_framing = s_text_response(S_BAD_FRAMING_BODY);
    /* RFC 9112 §6.3: after a 400 for framing the server closes the
     * connection (what follows cannot be delimited). */
    if (srv->bad_framing &&
        MHD_add_response_header(srv->bad_framing, MHD_HTTP_HEADER_CONNECTION, "close") != MHD_YES) {
        MHD_destroy_response(srv->bad_framing);
        srv->bad_framing = NULL;
    }
    if (!srv->no_response || !srv->too_many_headers || !srv->too_large || !srv->bad_framing) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET,
                                "libmicrohttpd could not create a response");
        goto fail;
    }
    if (ipv6)
        flags |= MHD_USE_IPv6;
    srv->daemon = MHD_start_daemon(
        flags, (uint16_t)port, NULL, NULL, s_access, srv, MHD_OPTION_EXTERNAL_LOGGER, s_mhd_log,
        srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_URI_LOG_CALLBACK, s_uri_log,
        srv, MHD_OPTION_NOTIFY_COMPLETED, s_completed, srv, MHD_OPTION_NOTIFY_CONNECTION,
        s_notify_conn, srv, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)timeout_s,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)SDKC_SERVER_MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SDKC_SERVER_HEADER_MEMORY_BYTES,
        MHD_OPTION_END);
    if (!srv->daemon) {
        result = sdkc_error_set(err, SDKC_ERR_NETWORK, SDKC_NO_OFFSET,
                                "cannot listen on %s port %u (address in use or not local?)", addr,
                                port);
        goto fail;
    }
    if (pthread_create(&srv->loop, NULL, s_loop, srv) != 0) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET,
                                "cannot start the endpoint's thread");
        goto fail;
    }
    srv->loop_started = 1;
    info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : port;
    if (ipv6)
        snprintf(srv->url, sizeof(srv->url), "http://[%s]:%u", addr, srv->port);
    else
        snprintf(srv->url, sizeof(srv->url), "http://%s:%u", addr, srv->port);
    *out = srv;
    return SDKC_OK;
fail:
    sdkc_server_destroy(srv);
    return result;
}

void sdkc_server_destroy(struct sdkc_server *srv)
{
    if (!srv)
        return;
    if (srv->loop_started) {
        __atomic_store_n(&srv->stop, 1, __ATOMIC_RELEASE);
        pthread_join(srv->loop, NULL); /* at most one turn (S_LOOP_TICK_MS) */
    }
    /* Closes what is still open, calling s_completed and s_notify_conn on
     * this thread; nothing runs after this. */
    if (srv->daemon)
        MHD_stop_daemon(srv->daemon);
    if (srv->canned)
        MHD_destroy_response(srv->canned);
    if (srv->no_response)
        MHD_destroy_response(srv->no_response);
    if (srv->too_many_headers)
        MHD_destroy_response(srv->too_many_headers);
    if (srv->too_large)
        MHD_destroy_response(srv->too_large);
    if (srv->bad_framing)
        MHD_destroy_response(srv->bad_framing);
    sdkc_http_request_clean_up(&srv->last);
    if (srv->lock_ready) {
        pthread_cond_destroy(&srv->arrived);
        pthread_mutex_destroy(&srv->lock);
    }
    sdkc_free(srv);
}

const char *sdkc_server_url(const struct sdkc_server *srv)
{
    return srv ? srv->url : "";
}

unsigned sdkc_server_port(const struct sdkc_server *srv)
{
    return srv ? srv->port : 0;
}

sdkc_result sdkc_server_set_response(struct sdkc_server *srv,
                                     const struct sdkc_http_response *canned,
                                     struct sdkc_error *err)
{
    struct MHD_Response *resp = NULL, *old;
    sdkc_result result;
    if (!srv)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "server is NULL");
    if (canned) {
        result = s_build_canned(canned, &resp, err);
        if (result)
            return result;
    }
    pthread_mutex_lock(&srv->lock);
    old = srv->canned;
    srv->canned = resp;
    srv->canned_status = canned ? canned->status : 0;
    pthread_mutex_unlock(&srv->lock);
    /* Connections still sending `old` hold their own reference. */
    if (old)
        MHD_destroy_response(old);
    return SDKC_OK;
}

/* Move srv->last and the refusals into out / cap. Called with the lock
 * held. */
static void s_take_locked(struct sdkc_server *srv, struct sdkc_http_request *out,
                          struct sdkc_server_capture *cap)
{
    cap->requests = srv->pending;
    if (srv->pending > 0) {
        *out = srv->last;
        sdkc_http_request_init(&srv->last);
    }
    cap->refused = srv->refused;
    cap->framing = srv->refused_framing;
    memcpy(cap->reason, srv->reason, sizeof(cap->reason));
    srv->pending = 0;
    srv->refused = 0;
    srv->refused_framing = 0;
    srv->reason[0] = '\0';
}

sdkc_result sdkc_server_take_request(struct sdkc_server *srv, struct sdkc_http_request *out,
                                     int *captured, struct sdkc_error *err)
{
    return sdkc_server_wait_request(srv, 0, out, captured, err);
}

sdkc_result sdkc_server_wait_request(struct sdkc_server *srv, int timeout_ms,
                                     struct sdkc_http_request *out, int *captured,
                                     struct sdkc_error *err)
{
    struct sdkc_server_capture cap;
    sdkc_result result;
    if (!captured)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "server, out and captured are required");
    *captured = 0;
    result = sdkc_server_take(srv, timeout_ms, out, &cap, err);
    if (!result)
        *captured = (int)cap.requests;
    return result;
}

sdkc_result sdkc_server_take(struct sdkc_server *srv, int timeout_ms, struct sdkc_http_request *out,
                             struct sdkc_server_capture *cap, struct sdkc_error *err)
{
    struct timespec deadline;
    if (!srv || !out || !cap)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "server, out and cap are required");
    sdkc_http_request_clean_up(out);
    sdkc_http_request_init(out);
    memset(cap, 0, sizeof(*cap));
    clock_gettime(CLOCK_REALTIME, &deadline);
    if (timeout_ms > 0) {
        deadline.tv_sec += timeout_ms / 1000;
        deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
    }
    pthread_mutex_lock(&srv->lock);
    while (timeout_ms > 0 && srv->pending == 0 && srv->refused == 0) {
        if (pthread_cond_timedwait(&srv->arrived, &srv->lock, &deadline) == ETIMEDOUT)
            break;
    }
    s_take_locked(srv, out, cap);
    pthread_mutex_unlock(&srv->lock);
    return SDKC_OK;
}

void sdkc_server_stats(struct sdkc_server *srv, struct sdkc_server_stats *out)
{
    memset(out, 0, sizeof(*out));
    if (!srv)
        return;
    pthread_mutex_lock(&srv->lock);
    *out = srv->stats;
    pthread_mutex_unlock(&srv->lock);
}
