/* SPDX-License-Identifier: Apache-2.0
 *
 * server/simulator.c: see simulator.h. The simulator is the mock endpoint
 * (server/server.h) with an answering hook: the endpoint captures each
 * request exactly (raw path, headers in order, body bytes, caps), and
 * s_handle verifies its signature and computes the answer the service
 * would give. The only state of its own is the stats, under a mutex.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "server/server.h"
#include "server/simulator.h"

struct sdkc_simulator {
    struct sdkc_server *srv;
    struct sdkc_credentials creds;
    char *region, *service, *known_domain;
    int64_t max_skew_s;
    pthread_mutex_t lock;
    struct sdkc_simulator_stats stats; /* guarded by lock */
};

/* Fill resp: status, JSON content type, a request id, the error type. */
static sdkc_result s_reply(struct sdkc_http_response *resp, int status, const char *errtype,
                           const char *body, size_t len)
{
    sdkc_result result;
    resp->status = status;
    if ((result = sdkc_http_headers_add(&resp->headers, "Content-Type", "application/json")) ||
        (result = sdkc_http_headers_add(&resp->headers, "x-amzn-RequestId",
                                        "00000000-0000-4000-8000-5151a7e0000a")) ||
        (errtype && (result = sdkc_http_headers_add(&resp->headers, "X-Amzn-Errortype", errtype))))
        return result;
    resp->body = sdkc_memdup(body, len + 1);
    if (!resp->body)
        return SDKC_ERR_NOMEM;
    resp->body_len = len;
    return SDKC_OK;
}

/* {"message": ...} with X-Amzn-Errortype, as DataZone sends its errors. */
static sdkc_result s_error(struct sdkc_http_response *resp, int status, const char *type,
                           const char *message)
{
    struct sdkc_buf b;
    sdkc_result result;
    sdkc_buf_init(&b, 4096);
    result = sdkc_buf_append_str(&b, "{\"message\":");
    if (!result)
        result = sdkc_json_quote(&b, message, strlen(message));
    if (!result)
        result = sdkc_buf_append_byte(&b, '}');
    if (!result)
        result = s_reply(resp, status, type, b.data, b.len);
    sdkc_buf_clean_up(&b);
    return result;
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

/* The endpoint's answering hook (sdkc_server_handler_fn). */
static sdkc_result s_handle(void *ctx, const struct sdkc_http_request *req,
                            struct sdkc_http_response *resp)
{
    static const char prefix[] = "/v2/domains/", suffix[] = "/user-profiles";
    struct sdkc_simulator *sim = ctx;
    struct sdkc_sigv4_verify_options vo;
    struct sdkc_sigv4_verdict v;
    struct sdkc_error err;
    const char *path = req->path, *id;
    size_t id_len, plen;
    sdkc_result result;
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
    result = sdkc_sigv4_verify(req, &vo, &v, &err);
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
            return s_error(resp, 500, "InternalServerException", sdkc_result_str(result));
        switch (reason) {
        case SDKC_SIGV4_NO_AUTHORIZATION:
            return s_error(resp, 403, "MissingAuthenticationTokenException",
                           "Missing Authentication Token");
        case SDKC_SIGV4_WRONG_ACCESS_KEY:
        case SDKC_SIGV4_WRONG_TOKEN:
            return s_error(resp, 403, "UnrecognizedClientException",
                           "The security token included in the request is invalid.");
        case SDKC_SIGV4_STALE_DATE:
            return s_error(resp, 403, "InvalidSignatureException",
                           "Signature expired: the request date is outside the allowed skew");
        case SDKC_SIGV4_SIGNATURE_MISMATCH:
        case SDKC_SIGV4_PAYLOAD_HASH:
            return s_error(resp, 403, "InvalidSignatureException",
                           "The request signature we calculated does not match the signature "
                           "you provided.");
        case SDKC_SIGV4_WRONG_REGION:
        case SDKC_SIGV4_WRONG_SERVICE:
            return s_error(resp, 403, "InvalidSignatureException",
                           "Credential should be scoped to a valid region or service.");
        default:
            return s_error(resp, 403, "IncompleteSignatureException", err.msg);
        }
    }
    sdkc_sigv4_verdict_clean_up(&v);

    plen = strlen(path);
    if (strcmp(req->method, "POST") != 0 || plen < sizeof(prefix) - 1 + sizeof(suffix) - 1 ||
        strncmp(path, prefix, sizeof(prefix) - 1) != 0 ||
        strcmp(path + plen - (sizeof(suffix) - 1), suffix) != 0)
        return s_error(resp, 404, "UnknownOperationException", "Unknown operation");
    id = path + sizeof(prefix) - 1;
    id_len = plen - (sizeof(prefix) - 1) - (sizeof(suffix) - 1);
    if (!s_domain_ok(id, id_len))
        return s_error(resp, 400, "ValidationException",
                       "1 validation error detected: Value at 'domainIdentifier' failed to "
                       "satisfy constraint: Member must satisfy regular expression pattern: "
                       "^dzd[-_][a-zA-Z0-9_-]{1,36}$");
    if (sdkc_json_parse(req->body ? req->body : "", req->body_len, NULL, &body, NULL) !=
            SDKC_OK ||
        !cJSON_IsObject(body) ||
        !cJSON_IsString(user = sdkc_json_get(body, "userIdentifier"))) {
        cJSON_Delete(body);
        return s_error(resp, 400, "ValidationException",
                       "1 validation error detected: userIdentifier must not be null");
    }
    if (!sim->known_domain || strlen(sim->known_domain) != id_len ||
        strncmp(sim->known_domain, id, id_len) != 0) {
        cJSON_Delete(body);
        return s_error(resp, 404, "ResourceNotFoundException", "Domain not found.");
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
            return s_error(resp, 500, "InternalServerException", "out of memory");
        }
        result = s_reply(resp, 201, NULL, out.data, out.len);
        sdkc_buf_clean_up(&out);
    }
    cJSON_Delete(body);
    return result;
}

sdkc_result sdkc_simulator_new(const struct sdkc_simulator_options *opt,
                               struct sdkc_simulator **out, struct sdkc_error *err)
{
    struct sdkc_simulator *sim;
    struct sdkc_server_options so;
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
    /* Loopback only, always: bind_address NULL is 127.0.0.1. */
    memset(&so, 0, sizeof(so));
    so.max_request_bytes = SDKC_SIMULATOR_MAX_BODY;
    so.connection_timeout_s = SDKC_SIMULATOR_TIMEOUT_S;
    so.handler = s_handle;
    so.handler_ctx = sim;
    result = sdkc_server_new(&so, &sim->srv, err);
    if (result) {
        sdkc_error_prefix(err, "simulator: ");
        goto fail;
    }
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
    /* First: stopping the endpoint joins its thread, so no s_handle runs. */
    sdkc_server_destroy(sim->srv);
    sdkc_credentials_clean_up(&sim->creds);
    sdkc_free(sim->region);
    sdkc_free(sim->service);
    sdkc_free(sim->known_domain);
    pthread_mutex_destroy(&sim->lock);
    sdkc_free(sim);
}

const char *sdkc_simulator_url(const struct sdkc_simulator *sim)
{
    return sdkc_server_url(sim->srv);
}

void sdkc_simulator_stats(struct sdkc_simulator *sim, struct sdkc_simulator_stats *out)
{
    pthread_mutex_lock(&sim->lock);
    *out = sim->stats;
    pthread_mutex_unlock(&sim->lock);
}
