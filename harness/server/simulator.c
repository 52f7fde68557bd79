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
#include "vectors/regex.h"

struct sdkc_simulator {
    struct sdkc_server *srv;
    struct sdkc_credentials creds;
    const struct sdkc_spec *spec; /* borrowed */
    char *region, *service, *known_id;
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

/* {"message": ...} with X-Amzn-Errortype, as rest-json services send errors. */
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

/* One path segment of the request: raw bytes [p, p+n). */
struct s_seg {
    const char *p;
    size_t n;
};

/* Split a raw path (or requestUri path) into its '/'-separated segments. */
static size_t s_split(const char *path, size_t len, struct s_seg *out, size_t max)
{
    size_t n = 0, i = 0;
    if (len && path[0] == '/')
        i = 1;
    while (i <= len && n < max + 1) {
        size_t j = i;
        while (j < len && path[j] != '/')
            j++;
        if (n == max)
            return max + 1; /* too many: matches nothing */
        out[n].p = path + i;
        out[n].n = j - i;
        n++;
        i = j + 1;
    }
    return n;
}

/* Does req's path match op's requestUri path? labels[k] gets the raw
 * value of the template's k-th label (greedy "{x+}" takes the rest). */
static int s_route(const struct sdkc_operation *op, const struct sdkc_http_request *req,
                   struct s_seg *tpl, struct s_seg *got, struct s_seg *label_name,
                   struct s_seg *label_val, size_t *label_count)
{
    const char *uri = op->request_uri ? op->request_uri : "/", *q = strchr(uri, '?');
    size_t tn, gn, i, k = 0;
    if (!op->http_method || strcmp(op->http_method, req->method) != 0)
        return 0;
    tn = s_split(uri, q ? (size_t)(q - uri) : strlen(uri), tpl, SDKC_SIMULATOR_MAX_SEGMENTS);
    gn = s_split(req->path, strlen(req->path), got, SDKC_SIMULATOR_MAX_SEGMENTS);
    if (tn > SDKC_SIMULATOR_MAX_SEGMENTS || gn > SDKC_SIMULATOR_MAX_SEGMENTS)
        return 0;
    for (i = 0; i < tn; i++) {
        const struct s_seg *t = &tpl[i];
        if (t->n >= 2 && t->p[0] == '{' && t->p[t->n - 1] == '}') {
            int greedy = t->p[t->n - 2] == '+';
            if (i >= gn || got[i].n == 0)
                return 0;
            label_name[k].p = t->p + 1;
            label_name[k].n = t->n - 2 - (size_t)greedy;
            label_val[k].p = got[i].p;
            label_val[k].n = greedy ? (size_t)(got[gn - 1].p + got[gn - 1].n - got[i].p) : got[i].n;
            k++;
            if (greedy) {
                *label_count = k;
                return i + 1 == tn;
            }
        } else if (i >= gn || t->n != got[i].n || memcmp(t->p, got[i].p, t->n) != 0) {
            return 0;
        }
    }
    *label_count = k;
    return tn == gn;
}

/* Why value breaks shape s (pattern, length, enum), or NULL. */
static const char *s_breaks(const struct sdkc_shape *s, const char *v, size_t n)
{
    struct sdkc_vector_regex *re = NULL;
    if (!s || s->type != SDKC_SHAPE_STRING)
        return NULL;
    if (s->has_min && (double)n < s->min)
        return "Member must have length greater than or equal to its minimum";
    if (s->has_max && (double)n > s->max)
        return "Member must have length less than or equal to its maximum";
    if (s->enum_count) {
        char *z = sdkc_memdup(v, n + 1);
        int has;
        if (!z)
            return NULL;
        z[n] = '\0';
        has = sdkc_shape_enum_has(s, z);
        sdkc_free(z);
        if (!has)
            return "Member must satisfy enum value set";
    }
    if (s->pattern && sdkc_vector_regex_compile(s->pattern, &re, NULL) == SDKC_OK) {
        const char *stop = NULL;
        int m = sdkc_vector_regex_match(re, v, n, &stop);
        sdkc_vector_regex_destroy(re);
        if (m == 0)
            return "Member must satisfy regular expression pattern";
    }
    return NULL;
}

/* 400 ValidationException naming the member and the constraint. */
static sdkc_result s_invalid(struct sdkc_http_response *resp, const char *member, const char *why)
{
    char msg[512];
    snprintf(msg, sizeof(msg),
             "1 validation error detected: Value at '%.128s' failed to satisfy constraint: %s",
             member, why);
    return s_error(resp, 400, "ValidationException", msg);
}

/* The raw value of query parameter `name` (first occurrence), decoded. */
static int s_query_get(const char *query, const char *name, struct sdkc_buf *out)
{
    size_t nl = strlen(name);
    const char *p = query;
    while (p && *p) {
        const char *amp = strchr(p, '&'), *end = amp ? amp : p + strlen(p);
        const char *eq = memchr(p, '=', (size_t)(end - p));
        const char *ke = eq ? eq : end;
        struct sdkc_buf k;
        int hit;
        sdkc_buf_init(&k, 0);
        hit = sdkc_uri_decode(&k, p, (size_t)(ke - p)) == SDKC_OK && k.len == nl &&
              memcmp(k.data, name, nl) == 0;
        sdkc_buf_clean_up(&k);
        if (hit) {
            sdkc_buf_reset(out);
            return sdkc_uri_decode(out, eq ? eq + 1 : end, eq ? (size_t)(end - eq - 1) : 0) ==
                   SDKC_OK;
        }
        p = amp ? amp + 1 : NULL;
    }
    return 0;
}

/* The operation's declared "not found" error (code ending in NotFound or
 * NotFoundException), or NULL. */
static const struct sdkc_shape *s_not_found(const struct sdkc_operation *op)
{
    size_t i;
    for (i = 0; i < op->error_count; i++) {
        const char *c = sdkc_shape_error_code(op->errors[i]);
        size_t n = c ? strlen(c) : 0;
        if ((n >= 8 && strcmp(c + n - 8, "NotFound") == 0) ||
            (n >= 17 && strcmp(c + n - 17, "NotFoundException") == 0))
            return op->errors[i];
    }
    return NULL;
}

/* Answer a request that routed to op (and verified): validation, then
 * existence of the identifying label, then the modeled success. */
static sdkc_result s_answer(struct sdkc_simulator *sim, const struct sdkc_operation *op,
                            const struct sdkc_http_request *req, const struct s_seg *lname,
                            const struct s_seg *lval, size_t nlabels,
                            struct sdkc_http_response *resp)
{
    const struct sdkc_shape *in = op->input;
    struct sdkc_buf dec;
    cJSON *body = NULL;
    const char *why, *ident = NULL;
    size_t i, k, ident_len = 0;
    sdkc_result result = SDKC_OK;
    int has_body_members = 0, done = 0;

    sdkc_buf_init(&dec, SDKC_SIMULATOR_MAX_BODY);
    for (k = 0; k < nlabels && !done; k++) {
        const struct sdkc_member *m = NULL;
        for (i = 0; in && i < in->member_count; i++)
            if (in->members[i].location == SDKC_LOC_URI &&
                strlen(in->members[i].wire_name) == lname[k].n &&
                memcmp(in->members[i].wire_name, lname[k].p, lname[k].n) == 0)
                m = &in->members[i];
        sdkc_buf_reset(&dec);
        if (sdkc_uri_decode(&dec, lval[k].p, lval[k].n) != SDKC_OK) {
            result = s_invalid(resp, m ? m->name : "label", "not percent-encoded UTF-8");
            done = 1;
        } else if (m && (why = s_breaks(m->shape, dec.data ? dec.data : "", dec.len))) {
            result = s_invalid(resp, m->name, why);
            done = 1;
        } else if (m && m->required && !ident) {
            ident = lval[k].p;
            ident_len = lval[k].n;
        }
    }
    for (i = 0; !done && in && i < in->member_count; i++) {
        const struct sdkc_member *m = &in->members[i];
        if (m->location == SDKC_LOC_BODY)
            has_body_members = 1;
        if (m->location != SDKC_LOC_QUERY || !req->query)
            continue;
        if (s_query_get(req->query, m->wire_name, &dec) &&
            (why = s_breaks(m->shape, dec.data ? dec.data : "", dec.len))) {
            result = s_invalid(resp, m->name, why);
            done = 1;
        }
    }
    if (!done && has_body_members && !in->payload) {
        if (req->body_len == 0) {
            body = cJSON_CreateObject();
        } else if (sdkc_json_parse(req->body, req->body_len, NULL, &body, NULL) != SDKC_OK ||
                   !cJSON_IsObject(body)) {
            result = s_invalid(resp, "body", "the body must be a JSON object");
            done = 1;
        }
        for (i = 0; !done && body && i < in->member_count; i++) {
            const struct sdkc_member *m = &in->members[i];
            const cJSON *v;
            if (m->location != SDKC_LOC_BODY)
                continue;
            v = sdkc_json_get(body, m->wire_name);
            if (!v && m->required && !m->idempotency_token) {
                result = s_invalid(resp, m->name, "Member must not be null");
                done = 1;
            } else if (cJSON_IsString(v) &&
                       (why = s_breaks(m->shape, v->valuestring, strlen(v->valuestring)))) {
                result = s_invalid(resp, m->name, why);
                done = 1;
            }
        }
        if (!done && !body)
            result = s_error(resp, 500, "InternalServerException", "out of memory");
        done = done || !body;
    }
    if (!done && ident) {
        sdkc_buf_reset(&dec);
        if (sdkc_uri_decode(&dec, ident, ident_len) != SDKC_OK || !sim->known_id ||
            strlen(sim->known_id) != dec.len || memcmp(sim->known_id, dec.data, dec.len) != 0) {
            const struct sdkc_shape *nf = s_not_found(op);
            result = nf ? s_error(resp, nf->http_status ? nf->http_status : 404,
                                  sdkc_shape_error_code(nf), "Resource not found.")
                        : s_error(resp, 400, "ResourceNotFoundException", "Resource not found.");
            done = 1;
        }
    }
    if (!done) {
        int st = op->response_code >= 200 && op->response_code < 300 ? op->response_code : 200;
        /* The modeled success with no members set (gen.h's success vector). */
        if (st == 204 || (op->output && op->output->payload))
            result = s_reply(resp, st, NULL, "", 0);
        else
            result = s_reply(resp, st, NULL, "{}", 2);
    }
    cJSON_Delete(body);
    sdkc_buf_clean_up(&dec);
    return result;
}

/* The endpoint's answering hook (sdkc_server_handler_fn). */
static sdkc_result s_handle(void *ctx, const struct sdkc_http_request *req,
                            struct sdkc_http_response *resp)
{
    struct sdkc_simulator *sim = ctx;
    struct sdkc_sigv4_verify_options vo;
    struct sdkc_sigv4_verdict v;
    struct sdkc_error err;
    struct s_seg tpl[SDKC_SIMULATOR_MAX_SEGMENTS], got[SDKC_SIMULATOR_MAX_SEGMENTS];
    struct s_seg lname[SDKC_SIMULATOR_MAX_SEGMENTS], lval[SDKC_SIMULATOR_MAX_SEGMENTS];
    const struct sdkc_operation *op = NULL;
    size_t i, nlabels = 0;
    sdkc_result result;

    for (i = 0; !op && i < sim->spec->operation_count; i++)
        if (s_route(&sim->spec->operations[i], req, tpl, got, lname, lval, &nlabels))
            op = &sim->spec->operations[i];
    if (op && op->unauthenticated)
        return s_answer(sim, op, req, lname, lval, nlabels, resp);
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
        default: return s_error(resp, 403, "IncompleteSignatureException", err.msg);
        }
    }
    sdkc_sigv4_verdict_clean_up(&v);
    if (!op)
        return s_error(resp, 404, "UnknownOperationException", "Unknown operation");
    return s_answer(sim, op, req, lname, lval, nlabels, resp);
}

sdkc_result sdkc_simulator_new(const struct sdkc_simulator_options *opt,
                               struct sdkc_simulator **out, struct sdkc_error *err)
{
    struct sdkc_simulator *sim;
    struct sdkc_server_options so;
    sdkc_result result;

    *out = NULL;
    if (!opt || !opt->creds || !opt->region || !opt->spec ||
        !(opt->service || opt->spec->metadata.signing_name))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "simulator: credentials, region and a model are required");
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
    sim->spec = opt->spec;
    sim->service = sdkc_strdup(opt->service ? opt->service : opt->spec->metadata.signing_name);
    sim->known_id = opt->known_id ? sdkc_strdup(opt->known_id) : NULL;
    sim->max_skew_s = opt->max_skew_s;
    if (!sim->region || !sim->service || (opt->known_id && !sim->known_id)) {
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
    sdkc_free(sim->known_id);
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
