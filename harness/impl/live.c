/* SPDX-License-Identifier: Apache-2.0
 *
 * impl/live.c: see live.h. libcurl's allocations go through sdkc_malloc
 * (the hook below, run by sdkc_alloc_global_init), so they are counted and
 * fault-injectable like ours.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <time.h>

#include "codec/codec.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/json.h"
#include "impl/live.h"
#include "sigv4/sigv4.h"

static char *s_curl_strdup(const char *s)
{
    return sdkc_strdup(s);
}

/* After OpenSSL's hook (SDKC_ALLOC_HOOK_ORDER_CURL): curl_global_init
 * starts OpenSSL. */
static sdkc_result s_curl_alloc_init(void)
{
    return curl_global_init_mem(CURL_GLOBAL_DEFAULT, sdkc_malloc, sdkc_free, sdkc_realloc,
                                s_curl_strdup, sdkc_calloc) == CURLE_OK
               ? SDKC_OK
               : SDKC_ERR_STATE;
}
SDKC_ALLOC_HOOK(curl, SDKC_ALLOC_HOOK_ORDER_CURL, s_curl_alloc_init, curl_global_cleanup)

static int s_loopback_host(const char *h, size_t n)
{
    if ((n == 9 && strncasecmp(h, "localhost", 9) == 0) || (n == 5 && strncmp(h, "[::1]", 5) == 0))
        return 1;
    return n >= 4 && strncmp(h, "127.", 4) == 0;
}

/* Host part (without port) of "scheme://host[:port][/...]". */
static int s_split(const char *url, const char **host, size_t *host_len, size_t *hostport_len)
{
    struct sdkc_url_parts u;
    if (!sdkc_url_split(url, &u))
        return 0;
    *host = u.host;
    *host_len = u.host_len;
    *hostport_len = u.authority_len;
    return 1;
}

int sdkc_live_endpoint_allowed(const char *url, int insecure_http, char *why, size_t why_len)
{
    const char *h;
    size_t hl, hpl;
    if (!url || !s_split(url, &h, &hl, &hpl)) {
        if (why)
            snprintf(why, why_len, "'%s' is not a URL of the form https://host[:port]",
                     url ? url : "");
        return 0;
    }
    if (strncasecmp(url, "https://", 8) == 0)
        return 1;
    if (strncasecmp(url, "http://", 7) == 0 && (insecure_http || s_loopback_host(h, hl)))
        return 1;
    if (why)
        snprintf(why, why_len,
                 "'%s': only https, or plain http to a loopback host (or with "
                 "--insecure-http)",
                 url);
    return 0;
}

sdkc_result sdkc_live_endpoint_host(const char *url, char *out, size_t out_len,
                                    struct sdkc_error *err)
{
    const char *h;
    size_t hl, hpl;
    if (!url || !s_split(url, &h, &hl, &hpl) || hpl + 1 > out_len)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "'%s' is not a URL of the form https://host[:port]", url ? url : "");
    memcpy(out, h, hpl);
    out[hpl] = '\0';
    return SDKC_OK;
}

struct s_sink {
    struct sdkc_buf *body;
    struct sdkc_http_response *resp;
    int failed; /* NOMEM or over the cap */
};

static size_t s_write(char *p, size_t size, size_t n, void *ud)
{
    struct s_sink *s = ud;
    if (sdkc_buf_append(s->body, p, size * n) != SDKC_OK) {
        s->failed = 1;
        return 0; /* aborts the transfer */
    }
    return size * n;
}

static size_t s_header(char *p, size_t size, size_t n, void *ud)
{
    struct s_sink *s = ud;
    size_t len = size * n, nl, vs, ve;
    const char *colon;
    if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
        /* A new status line (after 100 Continue): start the headers over. */
        sdkc_http_headers_clean_up(&s->resp->headers);
        sdkc_http_headers_init(&s->resp->headers);
        return len;
    }
    colon = memchr(p, ':', len);
    if (!colon)
        return len; /* the blank line ending the headers */
    nl = (size_t)(colon - p);
    vs = nl + 1;
    ve = len;
    while (vs < ve && (p[vs] == ' ' || p[vs] == '\t'))
        vs++;
    while (ve > vs && (p[ve - 1] == '\r' || p[ve - 1] == '\n' || p[ve - 1] == ' '))
        ve--;
    if (sdkc_http_headers_addn(&s->resp->headers, p, nl, p + vs, ve - vs) != SDKC_OK) {
        s->failed = 1;
        return 0;
    }
    return len;
}

sdkc_result sdkc_live_send(const struct sdkc_live_options *opt, const struct sdkc_http_request *req,
                           struct sdkc_http_response *resp, struct sdkc_error *err)
{
    CURL *c = NULL;
    struct curl_slist *hl = NULL, *nh;
    struct sdkc_buf url, body, line;
    struct s_sink sink;
    char why[256], errbuf[CURL_ERROR_SIZE];
    size_t i, elen;
    long status = 0;
    CURLcode rc;
    sdkc_result result = SDKC_OK;

    if (!opt || !opt->endpoint || !req || !req->method || !resp)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "live: endpoint, request and response are required");
    if (!sdkc_live_endpoint_allowed(opt->endpoint, opt->insecure_http, why, sizeof(why)))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "live: %s", why);
    sdkc_buf_init(&url, SDKC_LIVE_URL_MAX);
    sdkc_buf_init(&body, SDKC_LIVE_MAX_RESPONSE_BYTES);
    sdkc_buf_init(&line, 64 * 1024);
    elen = strlen(opt->endpoint);
    while (elen && opt->endpoint[elen - 1] == '/')
        elen--;
    if (sdkc_buf_append(&url, opt->endpoint, elen) ||
        sdkc_buf_append_str(&url, req->path && *req->path ? req->path : "/") ||
        (req->query &&
         (sdkc_buf_append_byte(&url, '?') || sdkc_buf_append_str(&url, req->query)))) {
        result = sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                "live: URL longer than %d bytes", SDKC_LIVE_URL_MAX);
        goto done;
    }
    for (i = 0; i < req->headers.count; i++) {
        sdkc_buf_reset(&line);
        if (sdkc_buf_appendf(&line, "%s: %s", req->headers.items[i].name,
                             req->headers.items[i].value)) {
            result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
            goto done;
        }
        nh = curl_slist_append(hl, line.data);
        if (!nh) {
            result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
            goto done;
        }
        hl = nh;
    }
    /* No "Expect: 100-continue" round trip, no Accept the client did not
     * send (both unsigned, but keep the wire what was signed). */
    nh = curl_slist_append(hl, "Expect:");
    if (nh)
        hl = nh;
    nh = nh ? curl_slist_append(hl, "Accept:") : NULL;
    if (!nh) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto done;
    }
    hl = nh;
    c = curl_easy_init();
    if (!c) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "live: curl_easy_init failed");
        goto done;
    }
    sdkc_http_response_clean_up(resp);
    sdkc_http_response_init(resp);
    sink.body = &body;
    sink.resp = resp;
    sink.failed = 0;
    errbuf[0] = '\0';
    curl_easy_setopt(c, CURLOPT_URL, url.data);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req->method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
    if (req->body_len || strcmp(req->method, "POST") == 0 || strcmp(req->method, "PUT") == 0) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->body ? req->body : "");
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
    }
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
                     opt->timeout_ms > 0 ? opt->timeout_ms : SDKC_LIVE_TIMEOUT_MS_DEFAULT);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, SDKC_LIVE_CONNECT_TIMEOUT_MS);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, s_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, s_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &sink);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    rc = curl_easy_perform(c);
    if (sink.failed) {
        result = sdkc_error_set(err, body.len >= body.max ? SDKC_ERR_TOO_LARGE : SDKC_ERR_NOMEM,
                                SDKC_NO_OFFSET, "live: response over %zu bytes or out of memory",
                                SDKC_LIVE_MAX_RESPONSE_BYTES);
        goto done;
    }
    if (rc != CURLE_OK) {
        result = sdkc_error_set(
            err, rc == CURLE_OPERATION_TIMEDOUT ? SDKC_ERR_TIMEOUT : SDKC_ERR_NETWORK,
            SDKC_NO_OFFSET, "live: %s: %s", curl_easy_strerror(rc),
            errbuf[0] ? errbuf : "no detail");
        goto done;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    resp->status = (int)status;
    resp->body_len = body.len;
    resp->body = sdkc_buf_steal(&body, NULL);
    if (!resp->body) {
        resp->body = sdkc_strdup("");
        resp->body_len = 0;
        if (!resp->body)
            result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
done:
    if (c)
        curl_easy_cleanup(c);
    curl_slist_free_all(hl);
    sdkc_buf_clean_up(&url);
    sdkc_buf_clean_up(&body);
    sdkc_buf_clean_up(&line);
    return result;
}

/* MARK: - the implementation */

struct s_live {
    const struct sdkc_spec *spec;
    const struct sdkc_credentials *creds;
    char *region, *service, *endpoint, host[256];
    struct sdkc_live_options transport;
    cJSON *log;
};

/* The log entry of one exchange; best effort (a log is not a verdict). */
static void s_log(struct s_live *l, const char *id, const struct sdkc_http_request *req, int status,
                  const cJSON *doc, const char *why)
{
    cJSON *e, *reqj = NULL, *red = NULL;
    char *text = NULL;
    struct sdkc_buf b;
    if (cJSON_GetArraySize(l->log) >= SDKC_LIVE_MAX_LOG || !(e = cJSON_CreateObject()))
        return;
    sdkc_buf_init(&b, 0);
    cJSON_AddStringToObject(e, "probe", id ? id : "");
    if (req && sdkc_codec_request_to_json(req, &reqj, NULL) == SDKC_OK &&
        sdkc_json_print(reqj, 0, &text, NULL) == SDKC_OK &&
        sdkc_redact_append(&b, text, strlen(text), l->creds) == SDKC_OK &&
        sdkc_json_parse(b.data, b.len, NULL, &red, NULL) == SDKC_OK)
        cJSON_AddItemToObject(e, "request", red);
    if (status)
        cJSON_AddNumberToObject(e, "status", status);
    if (doc)
        cJSON_AddItemToObject(e, "result", cJSON_Duplicate(doc, 1));
    if (why)
        cJSON_AddStringToObject(e, "error", why);
    if (!cJSON_AddItemToArray(l->log, e))
        cJSON_Delete(e);
    cJSON_Delete(reqj);
    sdkc_free(text);
    sdkc_buf_clean_up(&b);
}

/* Spoil a correct signature as the probe asks: the last hex digit of
 * Signature= changed, so everything else about the request stays valid
 * (AWS SigV4: the server recomputes the signature and compares). */
static void s_wrong_digit(struct sdkc_http_request *req)
{
    size_t i;
    for (i = 0; i < req->headers.count; i++) {
        char *v = req->headers.items[i].value;
        size_t n;
        if (strcasecmp(req->headers.items[i].name, "authorization") != 0 || !v || !*v)
            continue;
        n = strlen(v);
        v[n - 1] = v[n - 1] == '0' ? '1' : '0';
    }
}

static sdkc_result s_call(struct sdkc_impl *impl, const struct sdkc_impl_call *call,
                          struct sdkc_impl_result *r, struct sdkc_error *err)
{
    struct s_live *l = impl->data;
    const struct sdkc_spec *spec = call && call->spec ? call->spec : l->spec;
    const struct sdkc_operation *op;
    struct sdkc_codec_options co;
    struct sdkc_sigv4_options so;
    struct sdkc_http_response resp;
    struct sdkc_error cerr;
    char date[17];
    time_t now = time(NULL);
    double t0 = sdkc_clock_ms_f();
    sdkc_result result;

    if (!call || !call->operation || !r)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "live: call without an operation");
    sdkc_http_response_init(&resp);
    sdkc_error_init(&cerr);
    op = sdkc_spec_find_operation(spec, call->operation);
    if (!op) {
        char msg[256];
        snprintf(msg, sizeof(msg), "operation %s is not in the spec", call->operation);
        r->doc = sdkc_result_client_error("unsupported", msg);
        result = r->doc ? SDKC_OK : SDKC_ERR_NOMEM;
        goto done;
    }
    memset(&co, 0, sizeof(co));
    co.host = l->host;
    sdkc_http_request_clean_up(&r->request);
    sdkc_http_request_init(&r->request);
    result = sdkc_codec_encode(spec, op, call->params, &co, &r->request, &cerr);
    if (result == SDKC_ERR_NOMEM || result == SDKC_ERR_STATE) {
        *(err ? err : &cerr) = cerr;
        goto done;
    }
    if (result) {
        /* Refused before sending, as builtin.c does: client-side validation. */
        r->doc = sdkc_result_client_error(
            result == SDKC_ERR_UNSUPPORTED ? "unsupported" : "validation", cerr.msg);
        result = r->doc ? SDKC_OK : SDKC_ERR_NOMEM;
        goto done;
    }
    if (!op->unauthenticated) {
        memset(&so, 0, sizeof(so));
        so.creds = l->creds;
        so.region = l->region;
        so.service = l->service;
        sdkc_sigv4_format_date(
            call->signing == SDKC_SIGNING_STALE ? now - SDKC_VECTOR_STALE_S : now, date);
        so.amz_date = date;
        so.normalize_path = 1;
        so.double_encode_path = 1;
        if ((result = sdkc_sigv4_sign(&r->request, &so, NULL, &cerr))) {
            *(err ? err : &cerr) = cerr;
            goto done;
        }
        if (call->signing == SDKC_SIGNING_WRONG_DIGIT)
            s_wrong_digit(&r->request);
    }
    r->has_request = 1;
    if ((result = sdkc_live_send(&l->transport, &r->request, &resp, &cerr))) {
        s_log(l, call->id, &r->request, 0, NULL, cerr.msg);
        if (err)
            *err = cerr;
        sdkc_error_prefix(err, "%s: ", l->endpoint);
        goto done;
    }
    if ((result = sdkc_codec_decode(spec, op, &resp, &r->doc, &cerr))) {
        if (result == SDKC_ERR_NOMEM) {
            *(err ? err : &cerr) = cerr;
            goto done;
        }
        /* An answer the client cannot read is the client's finding. */
        r->doc = sdkc_result_client_error("deserialization", cerr.msg);
        result = r->doc ? SDKC_OK : SDKC_ERR_NOMEM;
    }
    s_log(l, call->id, &r->request, resp.status, r->doc, NULL);
done:
    sdkc_http_response_clean_up(&resp);
    r->duration_ms = sdkc_clock_ms_f() - t0;
    return result;
}

static void s_destroy(struct sdkc_impl *impl)
{
    struct s_live *l;
    if (!impl)
        return;
    l = impl->data;
    if (l) {
        sdkc_free(l->region);
        sdkc_free(l->service);
        sdkc_free(l->endpoint);
        cJSON_Delete(l->log);
    }
    sdkc_free(l);
    sdkc_free(impl->name);
    sdkc_free(impl->version);
    sdkc_free(impl);
}

static const struct sdkc_impl_vtable s_vtable = {.call = s_call, .destroy = s_destroy};

sdkc_result sdkc_impl_live_new(const struct sdkc_live_impl_options *opt, struct sdkc_impl **out,
                               struct sdkc_error *err)
{
    struct sdkc_impl *impl = NULL;
    struct s_live *l;
    const char *service;
    sdkc_result result;

    if (!out || !opt || !opt->spec || !opt->creds || !opt->region || !opt->transport.endpoint)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "live: spec, credentials, region and endpoint are required");
    *out = NULL;
    service = opt->service ? opt->service : opt->spec->metadata.signing_name;
    if (!service)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "live: the model names no signing service");
    impl = sdkc_calloc(1, sizeof(*impl));
    if (!impl)
        goto nomem;
    impl->vtable = &s_vtable;
    /* One exchange at a time: the exchange log is not shared between
     * threads, and a real endpoint is probed gently. */
    impl->serial = 1;
    if (!(l = sdkc_calloc(1, sizeof(*l))))
        goto nomem;
    impl->data = l;
    l->spec = opt->spec;
    l->creds = opt->creds;
    l->transport = opt->transport;
    if ((result =
             sdkc_live_endpoint_host(opt->transport.endpoint, l->host, sizeof(l->host), err))) {
        s_destroy(impl);
        return result;
    }
    l->region = sdkc_strdup(opt->region);
    l->service = sdkc_strdup(service);
    l->endpoint = sdkc_strdup(opt->transport.endpoint);
    l->log = cJSON_CreateArray();
    impl->name = sdkc_strdup("live");
    impl->version = sdkc_strdup(opt->transport.endpoint);
    if (!l->region || !l->service || !l->endpoint || !l->log || !impl->name || !impl->version)
        goto nomem;
    l->transport.endpoint = l->endpoint;
    *out = impl;
    return SDKC_OK;
nomem:
    s_destroy(impl);
    return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "live: out of memory");
}

const cJSON *sdkc_impl_live_log(const struct sdkc_impl *impl)
{
    const struct s_live *l = impl && impl->vtable == &s_vtable ? impl->data : NULL;
    return l ? l->log : NULL;
}
