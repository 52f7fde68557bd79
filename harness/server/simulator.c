/* SPDX-License-Identifier: Apache-2.0
 *
 * server/simulator.c: see simulator.h. One MHD daemon with its own polling
 * thread; the only shared state is the stats, under a mutex.
 *
 * Request flow (libmicrohttpd 0.9):
 *   1. s_uri_log (MHD_OPTION_URI_LOG_CALLBACK) gets the request-target as
 *      sent, before MHD percent-decodes the path: the signature covers the
 *      raw bytes, so they are kept from here (struct s_req, per connection).
 *   2. s_access, first call: headers copied in the order received.
 *      Middle calls: body appended (capped). Last call: verify and answer.
 *   3. s_completed frees struct s_req.
 */
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "server/simulator.h"

struct sdkc_simulator {
    struct MHD_Daemon *daemon;
    struct sdkc_credentials creds;
    char *region, *service, *known_domain;
    int64_t max_skew_s;
    char url[64];
    pthread_mutex_t lock;
    struct sdkc_simulator_stats stats; /* guarded by lock */
};

struct s_req {
    struct sdkc_http_request req;
    struct sdkc_buf body;
    int headers_done;
    int failed;    /* allocation failed: 500 */
    int too_large; /* body over the cap: 413 */
};

static void s_req_free(struct s_req *r)
{
    if (!r)
        return;
    sdkc_http_request_clean_up(&r->req);
    sdkc_buf_clean_up(&r->body);
    sdkc_free(r);
}

static void *s_uri_log(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct s_req *r = sdkc_calloc(1, sizeof(*r));
    const char *q;
    (void)cls;
    (void)conn;
    if (!r)
        return NULL;
    sdkc_http_request_init(&r->req);
    sdkc_buf_init(&r->body, SDKC_SIMULATOR_MAX_BODY);
    if (!uri)
        uri = "";
    q = strchr(uri, '?'); /* RFC 3986 §3.4: the query starts at the first '?' */
    r->req.path = q ? sdkc_strndup(uri, (size_t)(q - uri)) : sdkc_strdup(uri);
    if (q)
        r->req.query = sdkc_strdup(q + 1);
    if (!r->req.path || (q && !r->req.query))
        r->failed = 1;
    return r;
}

static void s_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                        enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    if (req_cls) {
        s_req_free(*req_cls);
        *req_cls = NULL;
    }
}

static enum MHD_Result s_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
    struct s_req *r = cls;
    (void)kind;
    if (sdkc_http_headers_add(&r->req.headers, key, value ? value : "") != SDKC_OK)
        r->failed = 1;
    return MHD_YES;
}

static enum MHD_Result s_send(struct MHD_Connection *conn, unsigned status, const char *errtype,
                              const char *body)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;
    resp = MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", "application/json");
    MHD_add_response_header(resp, "x-amzn-RequestId", "00000000-0000-4000-8000-5151a7e0000a");
    if (errtype)
        MHD_add_response_header(resp, "X-Amzn-Errortype", errtype);
    ret = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result s_error(struct MHD_Connection *conn, unsigned status, const char *type,
                               const char *message)
{
    struct sdkc_buf b;
    enum MHD_Result ret;
    sdkc_buf_init(&b, 4096);
    if (sdkc_buf_append_str(&b, "{\"message\":") || sdkc_json_quote(&b, message, strlen(message)) ||
        sdkc_buf_append_byte(&b, '}')) {
        sdkc_buf_clean_up(&b);
        return s_send(conn, 500, "InternalServerException", "{\"message\":\"out of memory\"}");
    }
    ret = s_send(conn, status, type, b.data);
    sdkc_buf_clean_up(&b);
    return ret;
}

/* DomainId: ^dzd[-_][a-zA-Z0-9_-]{1,36}$ (DataZone model). */
static int s_domain_ok(const char *s, size_t n)
{
    size_t i;
    if (n < 5 || n > 40 || strncmp(s, "dzd", 3) != 0 || (s[3] != '-' && s[3] != '_'))
        return 0;
    for (i = 4; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

static enum MHD_Result s_answer(struct sdkc_simulator *sim, struct MHD_Connection *conn,
                                struct s_req *r)
{
    static const char prefix[] = "/v2/domains/", suffix[] = "/user-profiles";
    struct sdkc_sigv4_verify_options vo;
    struct sdkc_sigv4_verdict v;
    struct sdkc_error err;
    const char *path = r->req.path, *id;
    size_t id_len, plen;
    sdkc_result result;
    enum MHD_Result ret;
    cJSON *body = NULL, *user;

    memset(&vo, 0, sizeof(vo));
    vo.creds = &sim->creds;
    vo.region = sim->region;
    vo.service = sim->service;
    vo.now = time(NULL);
    vo.max_skew_s = sim->max_skew_s;
    vo.normalize_path = 1;
    vo.double_encode_path = 1;
    sdkc_sigv4_verdict_init(&v);
    sdkc_error_init(&err);
    result = sdkc_sigv4_verify(&r->req, &vo, &v, &err);
    pthread_mutex_lock(&sim->lock);
    sim->stats.requests++;
    if (result == SDKC_OK)
        sim->stats.verified++;
    else
        sim->stats.auth_failures++;
    pthread_mutex_unlock(&sim->lock);
    if (result != SDKC_OK) {
        enum sdkc_sigv4_reason reason = v.reason;
        sdkc_sigv4_verdict_clean_up(&v);
        if (result != SDKC_ERR_VERIFY)
            return s_error(conn, 500, "InternalServerException", sdkc_result_str(result));
        switch (reason) {
        case SDKC_SIGV4_NO_AUTHORIZATION:
            return s_error(conn, 403, "MissingAuthenticationTokenException",
                           "Missing Authentication Token");
        case SDKC_SIGV4_WRONG_ACCESS_KEY:
        case SDKC_SIGV4_WRONG_TOKEN:
            return s_error(conn, 403, "UnrecognizedClientException",
                           "The security token included in the request is invalid.");
        case SDKC_SIGV4_STALE_DATE:
            return s_error(conn, 403, "InvalidSignatureException",
                           "Signature expired: the request date is outside the allowed skew");
        case SDKC_SIGV4_SIGNATURE_MISMATCH:
        case SDKC_SIGV4_PAYLOAD_HASH:
            return s_error(conn, 403, "InvalidSignatureException",
                           "The request signature we calculated does not match the signature "
                           "you provided.");
        case SDKC_SIGV4_WRONG_REGION:
        case SDKC_SIGV4_WRONG_SERVICE:
            return s_error(conn, 403, "InvalidSignatureException",
                           "Credential should be scoped to a valid region or service.");
        default:
            return s_error(conn, 403, "IncompleteSignatureException", err.msg);
        }
    }
    sdkc_sigv4_verdict_clean_up(&v);

    plen = strlen(path);
    if (strcmp(r->req.method, "POST") != 0 || plen < sizeof(prefix) - 1 + sizeof(suffix) - 1 ||
        strncmp(path, prefix, sizeof(prefix) - 1) != 0 ||
        strcmp(path + plen - (sizeof(suffix) - 1), suffix) != 0)
        return s_error(conn, 404, "UnknownOperationException", "Unknown operation");
    id = path + sizeof(prefix) - 1;
    id_len = plen - (sizeof(prefix) - 1) - (sizeof(suffix) - 1);
    if (!s_domain_ok(id, id_len))
        return s_error(conn, 400, "ValidationException",
                       "1 validation error detected: Value at 'domainIdentifier' failed to "
                       "satisfy constraint: Member must satisfy regular expression pattern: "
                       "^dzd[-_][a-zA-Z0-9_-]{1,36}$");
    if (sdkc_json_parse(r->body.data ? r->body.data : "", r->body.len, NULL, &body, NULL) !=
            SDKC_OK ||
        !cJSON_IsObject(body) ||
        !cJSON_IsString(user = sdkc_json_get(body, "userIdentifier"))) {
        cJSON_Delete(body);
        return s_error(conn, 400, "ValidationException",
                       "1 validation error detected: userIdentifier must not be null");
    }
    if (!sim->known_domain || strlen(sim->known_domain) != id_len ||
        strncmp(sim->known_domain, id, id_len) != 0) {
        cJSON_Delete(body);
        return s_error(conn, 404, "ResourceNotFoundException", "Domain not found.");
    }
    {
        struct sdkc_buf out;
        sdkc_buf_init(&out, 65536);
        if (sdkc_buf_append_str(&out, "{\"domainId\":") ||
            sdkc_json_quote(&out, id, id_len) ||
            sdkc_buf_append_str(&out, ",\"id\":\"up-0000000000001\",\"status\":\"ASSIGNED\","
                                      "\"type\":\"IAM\",\"details\":{\"iam\":{\"arn\":") ||
            sdkc_json_quote(&out, user->valuestring, strlen(user->valuestring)) ||
            sdkc_buf_append_str(&out, "}}}")) {
            sdkc_buf_clean_up(&out);
            cJSON_Delete(body);
            return s_error(conn, 500, "InternalServerException", "out of memory");
        }
        ret = s_send(conn, 201, NULL, out.data);
        sdkc_buf_clean_up(&out);
    }
    cJSON_Delete(body);
    return ret;
}

static enum MHD_Result s_access(void *cls, struct MHD_Connection *conn, const char *url,
                                const char *method, const char *version, const char *upload_data,
                                size_t *upload_size, void **req_cls)
{
    struct sdkc_simulator *sim = cls;
    struct s_req *r = *req_cls;
    (void)url;
    (void)version;
    if (!r)
        return s_send(conn, 500, "InternalServerException", "{\"message\":\"out of memory\"}");
    if (!r->headers_done) {
        r->headers_done = 1;
        r->req.method = sdkc_strdup(method);
        if (!r->req.method)
            r->failed = 1;
        MHD_get_connection_values(conn, MHD_HEADER_KIND, s_header, r);
        return MHD_YES;
    }
    if (*upload_size) {
        if (!r->too_large && sdkc_buf_append(&r->body, upload_data, *upload_size) != SDKC_OK)
            r->too_large = 1;
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->failed)
        return s_send(conn, 500, "InternalServerException", "{\"message\":\"out of memory\"}");
    if (r->too_large)
        return s_error(conn, 413, "ValidationException", "Request body too large");
    if (r->body.len) {
        r->req.body = sdkc_memdup(r->body.data, r->body.len + 1);
        if (!r->req.body)
            return s_send(conn, 500, "InternalServerException", "{\"message\":\"out of memory\"}");
        r->req.body_len = r->body.len;
    }
    return s_answer(sim, conn, r);
}

sdkc_result sdkc_simulator_new(const struct sdkc_simulator_options *opt,
                               struct sdkc_simulator **out, struct sdkc_error *err)
{
    struct sdkc_simulator *sim;
    struct sockaddr_in sa;
    const union MHD_DaemonInfo *info;
    sdkc_result result;

    *out = NULL;
    if (!opt || !opt->creds || !opt->region)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "simulator: credentials and region are required");
    sim = sdkc_calloc(1, sizeof(*sim));
    if (!sim)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    pthread_mutex_init(&sim->lock, NULL);
    sdkc_credentials_init(&sim->creds);
    result = sdkc_credentials_set(&sim->creds, opt->creds->access_key_id,
                                  opt->creds->secret_access_key, opt->creds->session_token, err);
    if (result)
        goto fail;
    sim->region = sdkc_strdup(opt->region);
    sim->service = sdkc_strdup(opt->service ? opt->service : "datazone");
    sim->known_domain = opt->known_domain ? sdkc_strdup(opt->known_domain) : NULL;
    sim->max_skew_s = opt->max_skew_s;
    if (!sim->region || !sim->service || (opt->known_domain && !sim->known_domain)) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto fail;
    }
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* loopback only, always */
    sa.sin_port = 0;
    sim->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, s_access, sim, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&sa, MHD_OPTION_URI_LOG_CALLBACK, s_uri_log, sim,
        MHD_OPTION_NOTIFY_COMPLETED, s_completed, sim, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned int)SDKC_SIMULATOR_TIMEOUT_S, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned int)SDKC_SIMULATOR_MAX_CONNECTIONS, MHD_OPTION_END);
    if (!sim->daemon) {
        result = sdkc_error_set(err, SDKC_ERR_NETWORK, SDKC_NO_OFFSET,
                                "simulator: cannot listen on 127.0.0.1");
        goto fail;
    }
    info = MHD_get_daemon_info(sim->daemon, MHD_DAEMON_INFO_BIND_PORT);
    if (!info || !info->port) {
        result = sdkc_error_set(err, SDKC_ERR_NETWORK, SDKC_NO_OFFSET,
                                "simulator: no port bound");
        goto fail;
    }
    snprintf(sim->url, sizeof(sim->url), "http://127.0.0.1:%u", (unsigned)info->port);
    *out = sim;
    return SDKC_OK;
fail:
    sdkc_simulator_destroy(sim);
    return result;
}

void sdkc_simulator_destroy(struct sdkc_simulator *sim)
{
    if (!sim)
        return;
    if (sim->daemon)
        MHD_stop_daemon(sim->daemon);
    sdkc_credentials_clean_up(&sim->creds);
    sdkc_free(sim->region);
    sdkc_free(sim->service);
    sdkc_free(sim->known_domain);
    pthread_mutex_destroy(&sim->lock);
    sdkc_free(sim);
}

const char *sdkc_simulator_url(const struct sdkc_simulator *sim)
{
    return sim->url;
}

void sdkc_simulator_stats(struct sdkc_simulator *sim, struct sdkc_simulator_stats *out)
{
    pthread_mutex_lock(&sim->lock);
    *out = sim->stats;
    pthread_mutex_unlock(&sim->lock);
}
