/* SPDX-License-Identifier: Apache-2.0
 * Tests of server/server: the loopback mock endpoint. A raw-socket client
 * sends exact bytes (so path escaping and header case are under the test's
 * control, not a client library's) and reads the whole answer. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/http.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/clock.h"
#include "server/server.h"
#include "tests/test.h"

#define T_IO_TIMEOUT_MS 5000

/* Send `raw` to 127.0.0.1:port and read until the server closes (requests
 * carry "Connection: close"). Returns 0 on success. */
static int t_http(unsigned port, const char *raw, size_t raw_len, struct sdkc_buf *resp)
{
    struct sockaddr_in sa;
    size_t off = 0;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
        goto fail;
    while (off < raw_len) {
        ssize_t n = send(fd, raw + off, raw_len - off, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break; /* the server may answer early (413) and close: read it */
        }
        off += (size_t)n;
    }
    for (;;) {
        char chunk[4096];
        struct pollfd p = {fd, POLLIN, 0};
        ssize_t n;
        if (poll(&p, 1, T_IO_TIMEOUT_MS) <= 0)
            goto fail;
        n = recv(fd, chunk, sizeof(chunk), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == ECONNRESET && resp->len > 0)
            break;
        if (n < 0)
            goto fail;
        if (n == 0)
            break;
        if (sdkc_buf_append(resp, chunk, (size_t)n) != SDKC_OK)
            goto fail;
    }
    close(fd);
    return 0;
fail:
    close(fd);
    return -1;
}

static int t_status(const struct sdkc_buf *resp)
{
    int status = 0;
    if (!resp->data || sscanf(resp->data, "HTTP/1.1 %d", &status) != 1)
        return -1;
    return status;
}

static const char *t_body(const struct sdkc_buf *resp)
{
    const char *p = resp->data ? strstr(resp->data, "\r\n\r\n") : NULL;
    return p ? p + 4 : "";
}

SDKC_TEST(server_binds_loopback_ephemeral_by_default)
{
    struct sdkc_server *srv = NULL;
    struct sdkc_error err;
    char want[64];
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(NULL, &srv, &err), SDKC_OK);
    CU_ASSERT(sdkc_server_port(srv) > 0);
    snprintf(want, sizeof(want), "http://127.0.0.1:%u", sdkc_server_port(srv));
    CU_ASSERT_STRING_EQUAL(sdkc_server_url(srv), want);
    sdkc_server_destroy(srv);
    sdkc_server_destroy(NULL);
}

SDKC_TEST(server_captures_exact_request_and_serves_canned)
{
    struct sdkc_server *srv = NULL;
    struct sdkc_http_response canned;
    struct sdkc_http_request got;
    struct sdkc_buf resp;
    int captured = -1;
    static const char body[] = "{\"userIdentifier\":\"u\0x\"}"; /* holds a NUL byte */
    struct sdkc_buf raw;
    sdkc_buf_init(&raw, 0);
    sdkc_buf_init(&resp, 0);
    sdkc_http_response_init(&canned);
    sdkc_http_request_init(&got);
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(NULL, &srv, NULL), SDKC_OK);

    canned.status = 201;
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&canned.headers, "Content-Type", "application/json"),
                    SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&canned.headers, "x-amzn-RequestId", "req-1"), SDKC_OK);
    /* framing headers from a vector are not sent as given */
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&canned.headers, "Content-Length", "9999"), SDKC_OK);
    canned.body = sdkc_strdup("{\"id\":\"p1\"}");
    canned.body_len = strlen(canned.body);
    CU_ASSERT_EQUAL(sdkc_server_set_response(srv, &canned, NULL), SDKC_OK);

    CU_ASSERT_EQUAL(
        sdkc_buf_appendf(&raw,
                         "POST /v2/domains/d%%2F1%%20x/user-profiles?a=1&b=%%20+c HTTP/1.1\r\n"
                         "Host: 127.0.0.1:%u\r\n"
                         "content-TYPE: application/json\r\n"
                         "X-Amz-Date: 20261129T000000Z\r\n"
                         "x-dup: one\r\n"
                         "X-Dup: two\r\n"
                         "Content-Length: %zu\r\n"
                         "Connection: close\r\n\r\n",
                         sdkc_server_port(srv), sizeof(body) - 1),
        SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_buf_append(&raw, body, sizeof(body) - 1), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(t_http(sdkc_server_port(srv), raw.data, raw.len, &resp), 0);

    CU_ASSERT_EQUAL(t_status(&resp), 201);
    CU_ASSERT_PTR_NOT_NULL(strstr(resp.data, "\r\nx-amzn-RequestId: req-1\r\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(resp.data, "\r\nContent-Type: application/json\r\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(resp.data, "\r\nContent-Length: 11\r\n"));
    CU_ASSERT_PTR_NULL(strstr(resp.data, "9999"));
    CU_ASSERT_STRING_EQUAL(t_body(&resp), "{\"id\":\"p1\"}");

    CU_ASSERT_EQUAL(sdkc_server_take_request(srv, &got, &captured, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(captured, 1);
    CU_ASSERT_STRING_EQUAL(got.method, "POST");
    CU_ASSERT_STRING_EQUAL(got.path, "/v2/domains/d%2F1%20x/user-profiles");
    CU_ASSERT_STRING_EQUAL(got.query, "a=1&b=%20+c");
    CU_ASSERT_EQUAL_FATAL(got.headers.count, 7);
    CU_ASSERT_STRING_EQUAL(got.headers.items[0].name, "Host");
    CU_ASSERT_STRING_EQUAL(got.headers.items[1].name, "content-TYPE");
    CU_ASSERT_STRING_EQUAL(got.headers.items[1].value, "application/json");
    CU_ASSERT_STRING_EQUAL(got.headers.items[3].name, "x-dup");
    CU_ASSERT_STRING_EQUAL(got.headers.items[3].value, "one");
    CU_ASSERT_STRING_EQUAL(got.headers.items[4].name, "X-Dup");
    CU_ASSERT_STRING_EQUAL(got.headers.items[4].value, "two");
    CU_ASSERT_EQUAL_FATAL(got.body_len, sizeof(body) - 1);
    CU_ASSERT_EQUAL(memcmp(got.body, body, sizeof(body) - 1), 0);

    /* taken: nothing left */
    CU_ASSERT_EQUAL(sdkc_server_take_request(srv, &got, &captured, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(captured, 0);
    CU_ASSERT_PTR_NULL(got.method);

    sdkc_http_request_clean_up(&got);
    sdkc_http_response_clean_up(&canned);
    sdkc_buf_clean_up(&raw);
    sdkc_buf_clean_up(&resp);
    sdkc_server_destroy(srv);
}

SDKC_TEST(server_no_query_and_chunked_body)
{
    struct sdkc_server *srv = NULL;
    struct sdkc_http_request got;
    struct sdkc_buf resp;
    int captured = 0;
    static const char raw[] = "PUT /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                              "Connection: close\r\n\r\n"
                              "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
    sdkc_buf_init(&resp, 0);
    sdkc_http_request_init(&got);
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(NULL, &srv, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(t_http(sdkc_server_port(srv), raw, sizeof(raw) - 1, &resp), 0);
    /* no canned response set: 500 with an explanation */
    CU_ASSERT_EQUAL(t_status(&resp), 500);
    CU_ASSERT_PTR_NOT_NULL(strstr(t_body(&resp), "no canned response"));
    CU_ASSERT_EQUAL(sdkc_server_wait_request(srv, 2000, &got, &captured, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(captured, 1);
    CU_ASSERT_STRING_EQUAL(got.path, "/x");
    CU_ASSERT_PTR_NULL(got.query);
    CU_ASSERT_EQUAL(got.body_len, 5);
    CU_ASSERT_STRING_EQUAL(got.body, "abcde");
    {
        struct sdkc_server_stats st;
        sdkc_server_stats(srv, &st);
        CU_ASSERT_EQUAL(st.requests, 1);
        CU_ASSERT_EQUAL(st.served_default, 1);
        CU_ASSERT_EQUAL(st.rejected, 0);
    }
    sdkc_http_request_clean_up(&got);
    sdkc_buf_clean_up(&resp);
    sdkc_server_destroy(srv);
}

SDKC_TEST(server_counts_retries_and_keeps_the_last)
{
    struct sdkc_server *srv = NULL;
    struct sdkc_http_request got;
    struct sdkc_buf resp;
    struct sdkc_http_response canned;
    int captured = 0, i;
    char raw[256];
    sdkc_buf_init(&resp, 0);
    sdkc_http_request_init(&got);
    sdkc_http_response_init(&canned);
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(NULL, &srv, NULL), SDKC_OK);
    canned.status = 503;
    CU_ASSERT_EQUAL(sdkc_server_set_response(srv, &canned, NULL), SDKC_OK);
    for (i = 1; i <= 3; i++) {
        int n = snprintf(raw, sizeof(raw),
                         "GET /try/%d HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", i);
        sdkc_buf_reset(&resp);
        CU_ASSERT_EQUAL(t_http(sdkc_server_port(srv), raw, (size_t)n, &resp), 0);
        CU_ASSERT_EQUAL(t_status(&resp), 503);
        CU_ASSERT_STRING_EQUAL(t_body(&resp), "");
    }
    CU_ASSERT_EQUAL(sdkc_server_take_request(srv, &got, &captured, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(captured, 3);
    CU_ASSERT_STRING_EQUAL(got.method, "GET");
    CU_ASSERT_STRING_EQUAL(got.path, "/try/3");
    CU_ASSERT_PTR_NULL(got.body);
    /* clearing the canned response brings the 500 back */
    CU_ASSERT_EQUAL(sdkc_server_set_response(srv, NULL, NULL), SDKC_OK);
    sdkc_buf_reset(&resp);
    CU_ASSERT_EQUAL(t_http(sdkc_server_port(srv), raw, strlen(raw), &resp), 0);
    CU_ASSERT_EQUAL(t_status(&resp), 500);
    sdkc_http_request_clean_up(&got);
    sdkc_http_response_clean_up(&canned);
    sdkc_buf_clean_up(&resp);
    sdkc_server_destroy(srv);
}

SDKC_TEST(server_caps_header_count)
{
    struct sdkc_server_options o = {0};
    struct sdkc_server *srv = NULL;
    struct sdkc_http_request got;
    struct sdkc_buf resp;
    struct sdkc_server_stats st;
    int captured = -1;
    static const char raw[] = "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n"
                              "Connection: close\r\n\r\n";
    o.max_headers = 4;
    sdkc_buf_init(&resp, 0);
    sdkc_http_request_init(&got);
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(&o, &srv, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(t_http(sdkc_server_port(srv), raw, sizeof(raw) - 1, &resp), 0);
    CU_ASSERT_EQUAL(t_status(&resp), 431);
    CU_ASSERT_EQUAL(sdkc_server_take_request(srv, &got, &captured, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(captured, 0);
    sdkc_server_stats(srv, &st);
    CU_ASSERT_EQUAL(st.rejected, 1);
    CU_ASSERT_EQUAL(st.requests, 0);
    sdkc_http_request_clean_up(&got);
    sdkc_buf_clean_up(&resp);
    sdkc_server_destroy(srv);
}

SDKC_TEST(server_caps_body_size)
{
    struct sdkc_server_options o = {0};
    struct sdkc_server *srv = NULL;
    struct sdkc_http_request got;
    struct sdkc_buf resp;
    struct sdkc_server_stats st;
    int captured = -1;
    /* declared too large: refused before the body is read */
    static const char declared[] = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 17\r\n"
                                   "Connection: close\r\n\r\n0123456789abcdefg";
    /* chunked, so the cap is hit while reading */
    static const char chunked[] = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                                  "Connection: close\r\n\r\n"
                                  "a\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n";
    static const char fits[] = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 16\r\n"
                               "Connection: close\r\n\r\n0123456789abcdef";
    o.max_request_bytes = 16;
    sdkc_buf_init(&resp, 0);
    sdkc_http_request_init(&got);
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(&o, &srv, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(t_http(sdkc_server_port(srv), declared, sizeof(declared) - 1, &resp), 0);
    CU_ASSERT_EQUAL(t_status(&resp), 413);
    sdkc_buf_reset(&resp);
    CU_ASSERT_EQUAL(t_http(sdkc_server_port(srv), chunked, sizeof(chunked) - 1, &resp), 0);
    CU_ASSERT_EQUAL(t_status(&resp), 413);
    CU_ASSERT_EQUAL(sdkc_server_take_request(srv, &got, &captured, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(captured, 0);
    sdkc_server_stats(srv, &st);
    CU_ASSERT_EQUAL(st.rejected, 2);
    sdkc_buf_reset(&resp);
    CU_ASSERT_EQUAL(t_http(sdkc_server_port(srv), fits, sizeof(fits) - 1, &resp), 0);
    CU_ASSERT_EQUAL(t_status(&resp), 500);
    CU_ASSERT_EQUAL(sdkc_server_take_request(srv, &got, &captured, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(captured, 1);
    CU_ASSERT_EQUAL(got.body_len, 16);
    sdkc_http_request_clean_up(&got);
    sdkc_buf_clean_up(&resp);
    sdkc_server_destroy(srv);
}

/* A body trickled in under the idle timeout is still cut off at the
 * total request time cap. */
SDKC_TEST(server_caps_request_time)
{
    struct sdkc_server_options o = {0};
    struct sdkc_server *srv = NULL;
    struct sdkc_http_request got;
    struct sdkc_server_stats st;
    struct sdkc_server_capture cap;
    struct sockaddr_in sa;
    int fd, i, closed = 0;
    static const char head[] = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n"
                               "Connection: close\r\n\r\n";
    o.max_request_ms = 150;
    sdkc_http_request_init(&got);
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(&o, &srv, NULL), SDKC_OK);
    fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    CU_ASSERT_FATAL(fd >= 0);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)sdkc_server_port(srv));
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CU_ASSERT_EQUAL_FATAL(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    CU_ASSERT(send(fd, head, sizeof(head) - 1, MSG_NOSIGNAL) > 0);
    for (i = 0; i < 10 && !closed; i++) { /* one byte every 60 ms: never idle for long */
        char c;
        struct pollfd p = {fd, POLLIN, 0};
        if (send(fd, "x", 1, MSG_NOSIGNAL) != 1)
            closed = 1;
        if (poll(&p, 1, 60) > 0 && recv(fd, &c, 1, 0) <= 0)
            closed = 1;
    }
    close(fd);
    CU_ASSERT(closed);
    /* The refusal is reported (waited for: the server notes it when it
     * closes its side, which the client may see first). */
    CU_ASSERT_EQUAL(sdkc_server_take(srv, 2000, &got, &cap, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(cap.requests, 0);
    CU_ASSERT_EQUAL(cap.refused, 1);
    CU_ASSERT_EQUAL(cap.framing, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(cap.reason, "POST /: the connection was cut off"));
    sdkc_server_stats(srv, &st);
    CU_ASSERT_EQUAL(st.rejected, 1);
    sdkc_http_request_clean_up(&got);
    sdkc_server_destroy(srv);
}

SDKC_TEST(server_rejects_bad_options_and_canned)
{
    struct sdkc_server_options o = {0};
    struct sdkc_server *srv = NULL;
    struct sdkc_http_response canned;
    struct sdkc_error err;
    sdkc_error_init(&err);
    o.bind_address = "localhost"; /* names are refused: no resolver surprises */
    CU_ASSERT_EQUAL(sdkc_server_new(&o, &srv, &err), SDKC_ERR_INVALID_ARG);
    CU_ASSERT_PTR_NULL(srv);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "localhost"));
    o.bind_address = NULL;
    o.port = 70000;
    CU_ASSERT_EQUAL(sdkc_server_new(&o, &srv, &err), SDKC_ERR_INVALID_ARG);

    o.port = 0;
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(&o, &srv, NULL), SDKC_OK);
    sdkc_http_response_init(&canned);
    canned.status = 200;
    CU_ASSERT_EQUAL(sdkc_http_headers_add(&canned.headers, "X-Bad", "a\r\nInjected: 1"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_server_set_response(srv, &canned, &err), SDKC_ERR_INVALID_ARG);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "X-Bad"));
    sdkc_http_headers_clean_up(&canned.headers);
    sdkc_http_headers_init(&canned.headers);
    canned.status = 42;
    CU_ASSERT_EQUAL(sdkc_server_set_response(srv, &canned, &err), SDKC_ERR_INVALID_ARG);
    sdkc_http_response_clean_up(&canned);
    sdkc_server_destroy(srv);
}

SDKC_TEST(server_port_in_use_is_a_clear_error)
{
    struct sdkc_server *a = NULL, *b = NULL;
    struct sdkc_server_options o = {0};
    struct sdkc_error err;
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(NULL, &a, NULL), SDKC_OK);
    o.port = sdkc_server_port(a);
    CU_ASSERT_EQUAL(sdkc_server_new(&o, &b, &err), SDKC_ERR_NETWORK);
    CU_ASSERT_PTR_NULL(b);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "127.0.0.1"));
    sdkc_server_destroy(a);
}

SDKC_TEST(server_wait_times_out_without_requests)
{
    struct sdkc_server *srv = NULL;
    struct sdkc_http_request got;
    int captured = -1;
    sdkc_http_request_init(&got);
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(NULL, &srv, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_server_wait_request(srv, 50, &got, &captured, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(captured, 0);
    sdkc_http_request_clean_up(&got);
    sdkc_server_destroy(srv);
}

/* Fault walk: start, set a canned response, serve one request, take it,
 * stop. A failed allocation inside MHD's thread turns into a 500 (the
 * request is then not captured); on our side it is SDKC_ERR_NOMEM. */
static int t_roundtrip(void *ctx)
{
    struct sdkc_server *srv = NULL;
    struct sdkc_http_response canned;
    struct sdkc_http_request got;
    struct sdkc_buf resp;
    int captured = 0;
    sdkc_result result;
    static const char raw[] = "POST /p?q HTTP/1.1\r\nHost: h\r\nA: b\r\nContent-Length: 2\r\n"
                              "Connection: close\r\n\r\n{}";
    (void)ctx;
    sdkc_http_response_init(&canned);
    sdkc_http_request_init(&got);
    sdkc_buf_init(&resp, 0);
    /* the test's own buffer is reserved up front, so t_http never allocates */
    result = sdkc_buf_reserve(&resp, 4096);
    if (result)
        goto done;
    result = sdkc_server_new(NULL, &srv, NULL);
    if (result)
        goto done;
    canned.status = 200;
    canned.body = (char *)"{}";
    canned.body_len = 2;
    result = sdkc_server_set_response(srv, &canned, NULL);
    canned.body = NULL;
    canned.body_len = 0;
    if (result)
        goto done;
    if (t_http(sdkc_server_port(srv), raw, sizeof(raw) - 1, &resp) != 0) {
        result = SDKC_ERR_IO;
        goto done;
    }
    result = sdkc_server_take_request(srv, &got, &captured, NULL);
    if (!result && captured == 1 && (strcmp(got.path, "/p") || strcmp(got.query, "q")))
        result = SDKC_ERR_STATE;
done:
    sdkc_buf_clean_up(&resp);
    sdkc_http_request_clean_up(&got);
    sdkc_http_response_clean_up(&canned);
    sdkc_server_destroy(srv);
    return (int)result;
}

SDKC_TEST(server_fault_walk)
{
    CU_ASSERT(sdkc_test_fault_walk("server roundtrip", t_roundtrip, NULL, NULL) > 3);
}

/* The answering hook (what the live simulator is built on): the handler
 * sees the captured request and its answer is what the client gets; a
 * failing handler is a 500; the request is captured either way. */
static sdkc_result t_echo_path(void *ctx, const struct sdkc_http_request *req,
                               struct sdkc_http_response *resp)
{
    int *calls = ctx;
    (*calls)++;
    if (strstr(req->path, "fail"))
        return SDKC_ERR_STATE;
    resp->status = 202;
    resp->body = sdkc_strdup(req->path);
    resp->body_len = resp->body ? strlen(resp->body) : 0;
    return resp->body ? sdkc_http_headers_add(&resp->headers, "X-Echo", req->method)
                      : SDKC_ERR_NOMEM;
}

SDKC_TEST(server_handler_computes_the_answer)
{
    struct sdkc_server_options so;
    struct sdkc_server *srv = NULL;
    struct sdkc_http_request got;
    struct sdkc_buf raw, resp;
    int calls = 0, captured = 0;
    memset(&so, 0, sizeof(so));
    so.handler = t_echo_path;
    so.handler_ctx = &calls;
    sdkc_buf_init(&raw, 0);
    sdkc_buf_init(&resp, 0);
    sdkc_http_request_init(&got);
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(&so, &srv, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_buf_appendf(&raw,
                                     "GET /a%%2Fb HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                     "Connection: close\r\n\r\n",
                                     sdkc_server_port(srv)),
                    SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(t_http(sdkc_server_port(srv), raw.data, raw.len, &resp), 0);
    CU_ASSERT_EQUAL(t_status(&resp), 202);
    CU_ASSERT_STRING_EQUAL(t_body(&resp), "/a%2Fb");
    CU_ASSERT_PTR_NOT_NULL(strstr(resp.data, "X-Echo: GET"));
    CU_ASSERT_EQUAL(sdkc_server_take_request(srv, &got, &captured, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(captured, 1);
    CU_ASSERT_STRING_EQUAL(got.path, "/a%2Fb");
    sdkc_http_request_clean_up(&got);

    sdkc_buf_reset(&raw);
    sdkc_buf_reset(&resp);
    CU_ASSERT_EQUAL(sdkc_buf_appendf(&raw,
                                     "GET /fail HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                     "Connection: close\r\n\r\n",
                                     sdkc_server_port(srv)),
                    SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(t_http(sdkc_server_port(srv), raw.data, raw.len, &resp), 0);
    CU_ASSERT_EQUAL(t_status(&resp), 500);
    CU_ASSERT_EQUAL(calls, 2);
    sdkc_server_destroy(srv);
    sdkc_buf_clean_up(&raw);
    sdkc_buf_clean_up(&resp);
}

/* Connect to 127.0.0.1:port; -1 on failure. */
static int t_connect(unsigned port)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Read one response with a Content-Length body from a kept-alive
 * connection. Returns 0 on success. */
static int t_read_one(int fd, struct sdkc_buf *resp)
{
    for (;;) {
        char chunk[4096];
        struct pollfd p = {fd, POLLIN, 0};
        const char *end = resp->data ? strstr(resp->data, "\r\n\r\n") : NULL;
        const char *cl = resp->data ? strstr(resp->data, "Content-Length: ") : NULL;
        ssize_t n;
        if (end && cl && cl < end &&
            resp->len >= (size_t)(end + 4 - resp->data) + strtoul(cl + 16, NULL, 10))
            return 0;
        if (poll(&p, 1, T_IO_TIMEOUT_MS) <= 0)
            return -1;
        n = recv(fd, chunk, sizeof(chunk), 0);
        if (n <= 0 || sdkc_buf_append(resp, chunk, (size_t)n) != SDKC_OK)
            return -1;
    }
}

/* Each ambiguous framing form (RFC 9112 §6.1, §6.3, §5.2) is refused with
 * 400, not captured, and reported by the next take as refused for its
 * framing with the RFC section; the forms a conforming client sends are
 * captured as before. */
SDKC_TEST(server_refuses_ambiguous_framing)
{
    static const struct {
        const char *raw, *why;
    } bad[] = {
        {"POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n"
         "Connection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
         "POST /a: Content-Length together with Transfer-Encoding (RFC 9112 §6.1"},
        {"POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n"
         "Connection: close\r\n\r\nabcd",
         "POST /b: two different Content-Length values, 3 and 4 (RFC 9112 §6.3 item 5"},
        /* libmicrohttpd refuses a list itself, before the handler runs */
        {"POST /c HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 4\r\nConnection: close\r\n\r\nabcd",
         "request to /c refused with 400 by the endpoint's HTTP parser"},
        {"POST /d HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\r\n chunked\r\n"
         "Connection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
         "POST /d: an obs-folded framing header line"},
        {"POST /e HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\nabcd",
         "POST /e: Transfer-Encoding \"gzip\" does not end with chunked (RFC 9112 §6.3 item 4"},
        {"POST /f HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n"
         "Connection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
         "POST /f: Transfer-Encoding \"gzip, chunked\" is not exactly chunked (RFC 9112 §6.1"},
        {"POST /g HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
         "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
         "POST /g: Transfer-Encoding sent in 2 header lines (RFC 9112 §6.1"},
    };
    static const char dup_same[] = "POST /ok HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
                                   "Content-Length: 3\r\nConnection: close\r\n\r\nabc";
    struct sdkc_server *srv = NULL;
    struct sdkc_http_request got;
    struct sdkc_server_capture cap;
    struct sdkc_server_stats st;
    struct sdkc_buf resp;
    size_t i;
    sdkc_buf_init(&resp, 0);
    sdkc_http_request_init(&got);
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(NULL, &srv, NULL), SDKC_OK);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        sdkc_buf_reset(&resp);
        CU_ASSERT_EQUAL(t_http(sdkc_server_port(srv), bad[i].raw, strlen(bad[i].raw), &resp), 0);
        CU_ASSERT_EQUAL(t_status(&resp), 400);
        CU_ASSERT_EQUAL(sdkc_server_take(srv, 2000, &got, &cap, NULL), SDKC_OK);
        CU_ASSERT_EQUAL(cap.requests, 0);
        CU_ASSERT_EQUAL(cap.refused, 1);
        CU_ASSERT_EQUAL(cap.framing, 1);
        if (!strstr(cap.reason, bad[i].why))
            fprintf(stderr, "case %zu: reason \"%s\", wanted \"%s\"\n", i, cap.reason, bad[i].why);
        CU_ASSERT_PTR_NOT_NULL(strstr(cap.reason, bad[i].why));
    }
    /* the list: libmicrohttpd's own words, then the rule */
    sdkc_buf_reset(&resp);
    CU_ASSERT_EQUAL(t_http(sdkc_server_port(srv), bad[2].raw, strlen(bad[2].raw), &resp), 0);
    CU_ASSERT_EQUAL(sdkc_server_take(srv, 2000, &got, &cap, NULL), SDKC_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(cap.reason, "Content-Length"));
    CU_ASSERT_PTR_NOT_NULL(strstr(cap.reason, "RFC 9112 §6.3 item 5"));
    sdkc_server_stats(srv, &st);
    CU_ASSERT_EQUAL(st.framing, sizeof(bad) / sizeof(bad[0]) + 1);
    CU_ASSERT_EQUAL(st.requests, 0);

    /* Two equal Content-Length lines say one length: captured as sent. */
    sdkc_buf_reset(&resp);
    CU_ASSERT_EQUAL(t_http(sdkc_server_port(srv), dup_same, sizeof(dup_same) - 1, &resp), 0);
    CU_ASSERT_EQUAL(t_status(&resp), 500); /* no canned response set */
    CU_ASSERT_EQUAL(sdkc_server_take(srv, 2000, &got, &cap, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(cap.requests, 1);
    CU_ASSERT_EQUAL(cap.refused, 0);
    CU_ASSERT_STRING_EQUAL(cap.reason, "");
    CU_ASSERT_EQUAL(got.body_len, 3);
    sdkc_http_request_clean_up(&got);
    sdkc_buf_clean_up(&resp);
    sdkc_server_destroy(srv);
}

/* A request pipelined behind a chunked body (written before that body's
 * response) is refused for its framing; the chunked request itself is
 * answered and captured. The same second request sent after reading the
 * response, or pipelined behind a Content-Length body, is captured (the
 * runner then sees two requests for one call). */
SDKC_TEST(server_refuses_pipelined_request_behind_chunked_body)
{
    static const char chunked[] =
        "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\nabc\r\n0\r\n\r\n";
    static const char sized[] = "POST /y HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc";
    static const char next[] = "GET /smuggled HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
    struct sdkc_server *srv = NULL;
    struct sdkc_http_request got;
    struct sdkc_http_response canned;
    struct sdkc_server_capture cap;
    struct sdkc_buf raw, resp;
    int fd;
    sdkc_buf_init(&raw, 0);
    sdkc_buf_init(&resp, 0);
    sdkc_http_request_init(&got);
    sdkc_http_response_init(&canned);
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(NULL, &srv, NULL), SDKC_OK);
    canned.status = 200;
    canned.body = (char *)"{}";
    canned.body_len = 2;
    CU_ASSERT_EQUAL(sdkc_server_set_response(srv, &canned, NULL), SDKC_OK);
    canned.body = NULL;
    canned.body_len = 0;

    /* one write: the chunked request and the next one behind it */
    CU_ASSERT_EQUAL(sdkc_buf_appendf(&raw, "%s%s", chunked, next), SDKC_OK);
    CU_ASSERT_EQUAL(t_http(sdkc_server_port(srv), raw.data, raw.len, &resp), 0);
    CU_ASSERT(strncmp(resp.data ? resp.data : "", "HTTP/1.1 200", 12) == 0);
    CU_ASSERT_PTR_NOT_NULL(resp.data ? strstr(resp.data, "\r\n\r\n{}HTTP/1.1 400") : NULL);
    CU_ASSERT_EQUAL(sdkc_server_take(srv, 0, &got, &cap, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(cap.requests, 1);
    CU_ASSERT_STRING_EQUAL(got.path ? got.path : "", "/x");
    CU_ASSERT_EQUAL(cap.refused, 1);
    CU_ASSERT_EQUAL(cap.framing, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(cap.reason, "GET /smuggled: this request was pipelined right "
                                              "behind a chunked body"));
    CU_ASSERT_PTR_NOT_NULL(strstr(cap.reason, "RFC 9112 §7.1"));

    /* the same, but the second request only after the response was read */
    sdkc_buf_reset(&resp);
    fd = t_connect(sdkc_server_port(srv));
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT(send(fd, chunked, sizeof(chunked) - 1, MSG_NOSIGNAL) > 0);
    CU_ASSERT_EQUAL(t_read_one(fd, &resp), 0);
    CU_ASSERT(send(fd, next, sizeof(next) - 1, MSG_NOSIGNAL) > 0);
    sdkc_buf_reset(&resp);
    CU_ASSERT_EQUAL(t_read_one(fd, &resp), 0);
    CU_ASSERT_EQUAL(t_status(&resp), 200);
    close(fd);
    CU_ASSERT_EQUAL(sdkc_server_take(srv, 0, &got, &cap, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(cap.requests, 2);
    CU_ASSERT_EQUAL(cap.refused, 0);
    CU_ASSERT_STRING_EQUAL(got.path ? got.path : "", "/smuggled");

    /* pipelined behind a Content-Length body: captured (two requests) */
    sdkc_buf_reset(&raw);
    sdkc_buf_reset(&resp);
    CU_ASSERT_EQUAL(sdkc_buf_appendf(&raw, "%s%s", sized, next), SDKC_OK);
    CU_ASSERT_EQUAL(t_http(sdkc_server_port(srv), raw.data, raw.len, &resp), 0);
    CU_ASSERT_EQUAL(sdkc_server_take(srv, 0, &got, &cap, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(cap.requests, 2);
    CU_ASSERT_EQUAL(cap.refused, 0);
    sdkc_http_request_clean_up(&got);
    sdkc_http_response_clean_up(&canned);
    sdkc_buf_clean_up(&raw);
    sdkc_buf_clean_up(&resp);
    sdkc_server_destroy(srv);
}

/* Slowloris: every connection the endpoint accepts (its limit) sends a
 * request line and then a header line every 100 ms, never ending the
 * header section, so the idle timeout never fires. The total time cap
 * holds for header bytes too: each is cut off at the cap, reported as a
 * refusal, and the endpoint answers a normal request right after. */
SDKC_TEST(server_cuts_trickled_headers)
{
    struct sdkc_server_options o = {0};
    struct sdkc_server *srv = NULL;
    struct sdkc_http_request got;
    struct sdkc_http_response canned;
    struct sdkc_server_capture cap;
    struct sdkc_buf resp;
    int fds[SDKC_SERVER_MAX_CONNECTIONS];
    int open_n = 0, i, round;
    unsigned refused = 0;
    int64_t t0;
    static const char line[] = "GET /slow HTTP/1.1\r\nHost: h\r\n";
    static const char ok[] = "GET /ok HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
    o.max_request_ms = 400;
    sdkc_buf_init(&resp, 0);
    sdkc_http_request_init(&got);
    sdkc_http_response_init(&canned);
    CU_ASSERT_EQUAL_FATAL(sdkc_server_new(&o, &srv, NULL), SDKC_OK);
    canned.status = 204;
    CU_ASSERT_EQUAL(sdkc_server_set_response(srv, &canned, NULL), SDKC_OK);
    t0 = sdkc_clock_ms();
    for (i = 0; i < SDKC_SERVER_MAX_CONNECTIONS; i++) {
        fds[i] = t_connect(sdkc_server_port(srv));
        if (fds[i] >= 0 && send(fds[i], line, sizeof(line) - 1, MSG_NOSIGNAL) > 0)
            open_n++;
    }
    CU_ASSERT_EQUAL_FATAL(open_n, SDKC_SERVER_MAX_CONNECTIONS);
    /* trickle for up to 3 s, until the endpoint has closed every one */
    for (round = 0; round < 30 && open_n > 0; round++) {
        usleep(100 * 1000);
        for (i = 0; i < SDKC_SERVER_MAX_CONNECTIONS; i++) {
            char c;
            struct pollfd p = {fds[i], POLLIN, 0};
            if (fds[i] < 0)
                continue;
            if (send(fds[i], "X-Slow: 1\r\n", 11, MSG_NOSIGNAL) != 11 ||
                (poll(&p, 1, 0) > 0 && recv(fds[i], &c, 1, 0) <= 0)) {
                close(fds[i]);
                fds[i] = -1;
                open_n--;
            }
        }
    }
    CU_ASSERT_EQUAL(open_n, 0);
    CU_ASSERT(sdkc_clock_ms() - t0 < 3000);
    for (i = 0; i < SDKC_SERVER_MAX_CONNECTIONS; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    /* each was reported as a refusal past the time cap */
    while (refused < SDKC_SERVER_MAX_CONNECTIONS && sdkc_clock_ms() - t0 < 5000) {
        CU_ASSERT_EQUAL_FATAL(sdkc_server_take(srv, 500, &got, &cap, NULL), SDKC_OK);
        CU_ASSERT_EQUAL(cap.requests, 0);
        CU_ASSERT_EQUAL(cap.framing, 0);
        if (cap.refused)
            CU_ASSERT_PTR_NOT_NULL(strstr(cap.reason,
                                          "request to /slow: the connection was cut off: "
                                          "the request was not complete 400 ms"));
        refused += cap.refused;
    }
    CU_ASSERT_EQUAL(refused, SDKC_SERVER_MAX_CONNECTIONS);
    /* and the endpoint serves again */
    CU_ASSERT_EQUAL(t_http(sdkc_server_port(srv), ok, sizeof(ok) - 1, &resp), 0);
    CU_ASSERT_EQUAL(t_status(&resp), 204);
    sdkc_http_request_clean_up(&got);
    sdkc_http_response_clean_up(&canned);
    sdkc_buf_clean_up(&resp);
    sdkc_server_destroy(srv);
}
