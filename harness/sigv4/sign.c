/* SPDX-License-Identifier: Apache-2.0
 *
 * sigv4/sign.c: the SigV4 signer (header and presigned-query forms) and
 * the verifier. AWS General Reference, "Create a signed AWS API request":
 *   1. canonical request  METHOD \n URI \n QUERY \n HEADERS \n SIGNED \n PAYLOAD
 *   2. string to sign     AWS4-HMAC-SHA256 \n DATE \n SCOPE \n hex(SHA256(1))
 *   3. signing key        HMAC chain over date, region, service, aws4_request
 *   4. signature          hex(HMAC(key, 2))
 * Ownership: sign modifies the caller's request in place; verify only reads
 * it. Both keep their scratch memory in buffers freed on every path.
 */
#include <ctype.h>
#include <openssl/crypto.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/time.h"
#include "sigv4/private/canonical.h"
#include "sigv4/sigv4.h"

void sdkc_sigv4_trace_init(struct sdkc_sigv4_trace *t)
{
    memset(t, 0, sizeof(*t));
    sdkc_buf_init(&t->canonical_request, SDKC_SIGV4_MAX_CANONICAL);
    sdkc_buf_init(&t->string_to_sign, 4096);
}

void sdkc_sigv4_trace_clean_up(struct sdkc_sigv4_trace *t)
{
    if (!t)
        return;
    sdkc_buf_clean_up(&t->canonical_request);
    sdkc_buf_clean_up(&t->string_to_sign);
    memset(t->signed_headers, 0, sizeof(t->signed_headers));
    memset(t->signature, 0, sizeof(t->signature));
}

void sdkc_sigv4_verdict_init(struct sdkc_sigv4_verdict *v)
{
    memset(v, 0, sizeof(*v));
    sdkc_sigv4_trace_init(&v->trace);
}

void sdkc_sigv4_verdict_clean_up(struct sdkc_sigv4_verdict *v)
{
    if (!v)
        return;
    sdkc_sigv4_trace_clean_up(&v->trace);
    memset(v->signature_sent, 0, sizeof(v->signature_sent));
    v->reason = SDKC_SIGV4_OK;
    v->should = 0;
}

const char *sdkc_sigv4_reason_str(enum sdkc_sigv4_reason r)
{
    switch (r) {
    case SDKC_SIGV4_OK: return "verified";
    case SDKC_SIGV4_NO_AUTHORIZATION: return "no Authorization header";
    case SDKC_SIGV4_BAD_AUTHORIZATION: return "malformed Authorization header";
    case SDKC_SIGV4_BAD_SCOPE: return "malformed credential scope";
    case SDKC_SIGV4_WRONG_ACCESS_KEY: return "wrong access key id";
    case SDKC_SIGV4_WRONG_REGION: return "wrong region in credential scope";
    case SDKC_SIGV4_WRONG_SERVICE: return "wrong service in credential scope";
    case SDKC_SIGV4_BAD_DATE: return "missing or malformed X-Amz-Date";
    case SDKC_SIGV4_STALE_DATE: return "request date outside the allowed skew";
    case SDKC_SIGV4_UNSIGNED_HEADER: return "a required header is not signed";
    case SDKC_SIGV4_MISSING_HEADER: return "a signed header is missing";
    case SDKC_SIGV4_WRONG_TOKEN: return "wrong or missing session token";
    case SDKC_SIGV4_PAYLOAD_HASH: return "x-amz-content-sha256 does not match the body";
    case SDKC_SIGV4_SIGNATURE_MISMATCH: return "signature mismatch";
    case SDKC_SIGV4_SIGNED_UNSIGNED_OP: return "signed, but the operation is unsigned";
    case SDKC_SIGV4_UNSIGNED_PAYLOAD_OFF: return "UNSIGNED-PAYLOAD, but the body must be signed";
    }
    return "unknown reason";
}

/* ---- dates ------------------------------------------------------------------ */

void sdkc_sigv4_format_date(time_t t, char out[17])
{
    sdkc_time_format_compact(t, out);
}

/* One date module for the codec and the signer (core/time.h): a date
 * that does not exist (Feb 31) is refused, never moved into March. */
sdkc_result sdkc_sigv4_parse_date(const char *s, time_t *out, struct sdkc_error *err)
{
    if (!s || sdkc_time_parse_compact(s, strlen(s), out) != SDKC_OK)
        return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                              "'%.40s' is not a YYYYMMDDTHHMMSSZ date", s ? s : "(null)");
    return SDKC_OK;
}

/* ---- the shared core: canonical request -> signature ----------------------- */

/* Scratch of one signature or verification. The digest context comes from
 * the caller's key cache when there is one (a signer signing many requests
 * keeps one, so it is created once, not per signature). */
struct s_stage {
    struct sdkc_sha256_ctx *ctx;
    int own_ctx;
    struct sdkc_buf headers;   /* query form: canonical header lines, built first */
    struct sdkc_buf *signed_h; /* "host;x-amz-date" */
    struct sdkc_buf *canon;    /* the trace's, the cache's scratch, or local */
    struct sdkc_buf *sts;
    struct sdkc_buf *auth; /* the Authorization value */
    struct sdkc_buf local[4];
};

/* Typical canonical requests are a few hundred bytes: one allocation. */
#define S_CANON_RESERVE 1024

static sdkc_result s_stage_init(struct s_stage *st, struct sdkc_sigv4_trace *trace,
                                struct sdkc_sigv4_key_cache *cache)
{
    struct sdkc_buf *scratch;
    size_t i;
    memset(st, 0, sizeof(*st));
    sdkc_buf_init(&st->headers, SDKC_SIGV4_MAX_CANONICAL);
    for (i = 0; i < 4; i++)
        sdkc_buf_init(&st->local[i], SDKC_SIGV4_MAX_CANONICAL);
    scratch = cache ? cache->scratch : st->local;
    st->canon = trace ? &trace->canonical_request : &scratch[0];
    st->sts = trace ? &trace->string_to_sign : &scratch[1];
    st->signed_h = &scratch[2];
    st->auth = &scratch[3];
    sdkc_buf_reset(st->canon);
    sdkc_buf_reset(st->sts);
    sdkc_buf_reset(st->signed_h);
    sdkc_buf_reset(st->auth);
    if (cache && !cache->sha)
        cache->sha = sdkc_sha256_ctx_new();
    if (cache && cache->sha) {
        st->ctx = cache->sha;
    } else {
        st->ctx = sdkc_sha256_ctx_new();
        st->own_ctx = 1;
    }
    if (!st->ctx || sdkc_buf_reserve(st->canon, S_CANON_RESERVE) ||
        sdkc_buf_reserve(st->signed_h, 128))
        return SDKC_ERR_NOMEM;
    return SDKC_OK;
}

static void s_stage_clean_up(struct s_stage *st)
{
    if (st->own_ctx)
        sdkc_sha256_ctx_destroy(st->ctx);
    size_t i;
    sdkc_buf_clean_up(&st->headers);
    for (i = 0; i < 4; i++)
        sdkc_buf_clean_up(&st->local[i]);
}

/* Payload hash: given, or hex SHA-256 of the body. */
static sdkc_result s_payload_hash(struct sdkc_sha256_ctx *ctx, const struct sdkc_http_request *req,
                                  char out[SDKC_SHA256_HEX_LEN + 1])
{
    unsigned char md[SDKC_SHA256_LEN];
    sdkc_result result = sdkc_sha256(ctx, req->body ? req->body : "", req->body_len, md);
    if (result)
        return result;
    sdkc_hex_encode(md, sizeof(md), out);
    return SDKC_OK;
}

/* Step 1, first half: "METHOD\nURI\nQUERY\n". query is the raw query to
 * canonicalize (the presigned form passes the extended one). */
static sdkc_result s_begin(struct s_stage *st, const struct sdkc_http_request *req,
                           const char *query, int normalize, int double_encode,
                           struct sdkc_error *err)
{
    const char *path = req->path ? req->path : "/";
    sdkc_result result;

    if (!req->method || !*req->method)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "request has no method");
    result = sdkc_buf_append_str(st->canon, req->method);
    if (!result)
        result = sdkc_buf_append_byte(st->canon, '\n');
    if (result)
        goto fail;
    result =
        sdkc_sigv4_canonical_path(st->canon, path, strlen(path), normalize, double_encode, err);
    if (result)
        return result;
    result = sdkc_buf_append_byte(st->canon, '\n');
    if (result)
        goto fail;
    result = sdkc_sigv4_canonical_query(st->canon, query, query ? strlen(query) : 0, err);
    if (result)
        return result;
    result = sdkc_buf_append_byte(st->canon, '\n');
    if (result)
        goto fail;
    return SDKC_OK;
fail:
    return sdkc_error_set(err, result, SDKC_NO_OFFSET, "canonical request: %s",
                          sdkc_result_str(result));
}

/* Steps 1 (end), 2 and 4: with the header lines already in canon, add
 * "\nSIGNED\nPAYLOAD", hash it into the string to sign, sign that. */
static sdkc_result s_end(struct s_stage *st, const char *payload_hash, const char *amz_date,
                         const char *scope, const unsigned char key[SDKC_SHA256_LEN],
                         char sig[SDKC_SHA256_HEX_LEN + 1], struct sdkc_error *err)
{
    unsigned char md[SDKC_SHA256_LEN];
    char hex[SDKC_SHA256_HEX_LEN + 1];
    sdkc_result result;

    result = sdkc_buf_append_byte(st->canon, '\n');
    if (!result)
        result = sdkc_buf_append(st->canon, st->signed_h->data ? st->signed_h->data : "",
                                 st->signed_h->len);
    if (!result)
        result = sdkc_buf_append_byte(st->canon, '\n');
    if (!result)
        result = sdkc_buf_append_str(st->canon, payload_hash);
    if (result)
        goto fail;
    result = sdkc_sha256(st->ctx, st->canon->data, st->canon->len, md);
    if (result)
        goto fail;
    sdkc_hex_encode(md, sizeof(md), hex);
    result = sdkc_buf_append_str(st->sts, SDKC_SIGV4_ALGORITHM "\n");
    if (!result)
        result = sdkc_buf_append_str(st->sts, amz_date);
    if (!result)
        result = sdkc_buf_append_byte(st->sts, '\n');
    if (!result)
        result = sdkc_buf_append_str(st->sts, scope);
    if (!result)
        result = sdkc_buf_append_byte(st->sts, '\n');
    if (!result)
        result = sdkc_buf_append(st->sts, hex, SDKC_SHA256_HEX_LEN);
    if (result)
        goto fail;
    result = sdkc_hmac_sha256(st->ctx, key, SDKC_SHA256_LEN, st->sts->data, st->sts->len, md);
    if (result)
        goto fail;
    sdkc_hex_encode(md, sizeof(md), sig);
    return SDKC_OK;
fail:
    return sdkc_error_set(err, result, SDKC_NO_OFFSET, "canonical request: %s",
                          sdkc_result_str(result));
}

/* "date/region/service/aws4_request" into out (bounded by the callers'
 * 128-byte name limit: 8 + 1 + 128 + 1 + 128 + 13 < sizeof(out)). */
static void s_scope(char *out, size_t cap, const char *date8, const char *region,
                    const char *service)
{
    size_t n = 0;
    const char *parts[4];
    size_t i;
    parts[0] = date8;
    parts[1] = region;
    parts[2] = service;
    parts[3] = "aws4_request";
    for (i = 0; i < 4; i++) {
        size_t l = strlen(parts[i]);
        if (n + l + 2 > cap)
            l = cap - n - 2;
        memcpy(out + n, parts[i], l);
        n += l;
        if (i < 3)
            out[n++] = '/';
    }
    out[n] = '\0';
}

static int s_name_ok(const char *s)
{
    /* Region and service go into the scope and the query verbatim: keep
     * them to the characters AWS uses, so "/" cannot forge a scope. */
    size_t n = 0;
    for (; *s; s++, n++)
        if (!(isalnum((unsigned char)*s) || *s == '-' || *s == '_' || *s == '.'))
            return 0;
    return n > 0 && n <= 128;
}

/* ---- signing -------------------------------------------------------------------- */

/* headers_set, but when exactly one header of that name exists and its
 * value has room, overwrite it in place (re-signing a request replaces
 * X-Amz-Date with a value of the same length: no allocation). */
static sdkc_result s_set_header(struct sdkc_http_headers *h, const char *name, const char *value)
{
    size_t i, found = h->count, n = strlen(value);
    for (i = 0; i < h->count; i++) {
        if (strcasecmp(h->items[i].name, name) != 0)
            continue;
        if (found != h->count)
            return sdkc_http_headers_set(h, name, value);
        found = i;
    }
    if (found == h->count || strlen(h->items[found].value) < n)
        return sdkc_http_headers_set(h, name, value);
    memcpy(h->items[found].value, value, n + 1);
    return SDKC_OK;
}

sdkc_result sdkc_sigv4_sign(struct sdkc_http_request *req, const struct sdkc_sigv4_options *opt,
                            struct sdkc_sigv4_trace *trace, struct sdkc_error *err)
{
    struct s_stage st;
    struct sdkc_buf q;
    unsigned char key[SDKC_SHA256_LEN];
    char payload[SDKC_SHA256_HEX_LEN + 1];
    char sig[SDKC_SHA256_HEX_LEN + 1];
    char scope[3 * 130 + 32];
    char date8[9];
    time_t when;
    const char *token;
    int sign_token;
    sdkc_result result;

    if (!req || !opt || !opt->creds || !opt->creds->access_key_id ||
        !opt->creds->secret_access_key || !opt->region || !opt->service || !opt->amz_date)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "sign: credentials, region, service and date are required");
    /* A cached key's region and service were validated when cached. */
    if (!(opt->cache && opt->cache->valid && strcmp(opt->cache->region, opt->region) == 0 &&
          strcmp(opt->cache->service, opt->service) == 0) &&
        (!s_name_ok(opt->region) || !s_name_ok(opt->service)))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "sign: region and service must be 1-128 of [A-Za-z0-9._-]");
    /* The signer only needs the text to be well-formed (it is copied into
     * the scope and headers); the verifier is the one that reads the time. */
    if (sdkc_time_parse_compact(opt->amz_date, strlen(opt->amz_date), &when) != SDKC_OK)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "sign: date '%.20s' "
                              "is not YYYYMMDDTHHMMSSZ",
                              opt->amz_date);
    if (opt->form == SDKC_SIGV4_FORM_QUERY &&
        (opt->expires_s < 1 || opt->expires_s > SDKC_SIGV4_MAX_EXPIRES))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "sign: expires must be 1..%d seconds", SDKC_SIGV4_MAX_EXPIRES);
    if (!sdkc_http_headers_get(&req->headers, "host"))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "sign: the request has no Host header (SigV4 signs host)");
    memcpy(date8, opt->amz_date, 8);
    date8[8] = '\0';
    s_scope(scope, sizeof(scope), date8, opt->region, opt->service);
    token =
        opt->creds->session_token && *opt->creds->session_token ? opt->creds->session_token : NULL;
    sign_token = token && !opt->omit_session_token;

    sdkc_buf_init(&q, SDKC_SIGV4_MAX_CANONICAL);
    result = s_stage_init(&st, trace, opt->cache);
    if (result)
        goto fail_code;
    if (opt->payload_hash) {
        if (strlen(opt->payload_hash) > SDKC_SHA256_HEX_LEN) {
            result = sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                    "sign: payload hash longer than 64 characters");
            goto fail;
        }
        memcpy(payload, opt->payload_hash, strlen(opt->payload_hash) + 1);
    } else {
        result = s_payload_hash(st.ctx, req, payload);
        if (result)
            goto fail_code;
    }
    result = sdkc_sigv4_signing_key(st.ctx, opt->cache, opt->creds->secret_access_key, date8,
                                    opt->region, opt->service, key, err);
    if (result)
        goto fail;

    /* An old Authorization is never signed over (it is on the skip list)
     * and never survives next to ours: the header form replaces it, the
     * query form drops it. */
    if (opt->form == SDKC_SIGV4_FORM_QUERY)
        sdkc_http_headers_remove(&req->headers, "authorization");
    if (opt->form == SDKC_SIGV4_FORM_HEADER) {
        result = s_set_header(&req->headers, "X-Amz-Date", opt->amz_date);
        if (!result && sign_token)
            result = sdkc_http_headers_set(&req->headers, "X-Amz-Security-Token", token);
        if (!result && opt->add_content_sha256)
            result = sdkc_http_headers_set(&req->headers, "x-amz-content-sha256", payload);
        if (result)
            goto fail_code;
        result = s_begin(&st, req, req->query, opt->normalize_path, opt->double_encode_path, err);
        if (!result)
            result =
                sdkc_sigv4_canonical_headers(st.canon, st.signed_h, &req->headers, NULL, 0, err);
        if (!result)
            result = s_end(&st, payload, opt->amz_date, scope, key, sig, err);
        if (result)
            goto fail;
        result = sdkc_buf_reserve(st.auth, 64 + strlen(opt->creds->access_key_id) + strlen(scope) +
                                               st.signed_h->len + 64);
        if (!result)
            result = sdkc_buf_append_str(st.auth, SDKC_SIGV4_ALGORITHM " Credential=");
        if (!result)
            result = sdkc_buf_append_str(st.auth, opt->creds->access_key_id);
        if (!result)
            result = sdkc_buf_append_byte(st.auth, '/');
        if (!result)
            result = sdkc_buf_append_str(st.auth, scope);
        if (!result)
            result = sdkc_buf_append_str(st.auth, ", SignedHeaders=");
        if (!result)
            result = sdkc_buf_append(st.auth, st.signed_h->data, st.signed_h->len);
        if (!result)
            result = sdkc_buf_append_str(st.auth, ", Signature=");
        if (!result)
            result = sdkc_buf_append(st.auth, sig, SDKC_SHA256_HEX_LEN);
        if (!result)
            result = s_set_header(&req->headers, "Authorization", st.auth->data);
        if (!result && token && !sign_token)
            result = sdkc_http_headers_set(&req->headers, "X-Amz-Security-Token", token);
        if (result)
            goto fail_code;
    } else {
        char expires[16];
        char *nq;
        result =
            sdkc_sigv4_canonical_headers(&st.headers, st.signed_h, &req->headers, NULL, 0, err);
        if (result)
            goto fail;
        snprintf(expires, sizeof(expires), "%u", (unsigned)opt->expires_s);
        if (req->query && *req->query) {
            result = sdkc_buf_append_str(&q, req->query);
            if (!result)
                result = sdkc_buf_append_byte(&q, '&');
        }
        if (!result)
            result = sdkc_buf_append_str(&q, "X-Amz-Algorithm=" SDKC_SIGV4_ALGORITHM
                                             "&X-Amz-Credential=");
        if (!result)
            result = sdkc_uri_encode(&q, opt->creds->access_key_id,
                                     strlen(opt->creds->access_key_id), 0);
        if (!result)
            result = sdkc_buf_append_str(&q, "%2F");
        if (!result)
            result = sdkc_uri_encode(&q, scope, strlen(scope), 0);
        if (!result)
            result = sdkc_buf_appendf(
                &q, "&X-Amz-Date=%s&X-Amz-Expires=%s&X-Amz-SignedHeaders=", opt->amz_date, expires);
        if (!result)
            result = sdkc_uri_encode(&q, st.signed_h->data, st.signed_h->len, 0);
        if (!result && sign_token) {
            result = sdkc_buf_append_str(&q, "&X-Amz-Security-Token=");
            if (!result)
                result = sdkc_uri_encode(&q, token, strlen(token), 0);
        }
        if (result)
            goto fail_code;
        result = s_begin(&st, req, q.data, opt->normalize_path, opt->double_encode_path, err);
        if (!result)
            result = sdkc_buf_append(st.canon, st.headers.data, st.headers.len);
        if (!result)
            result = s_end(&st, payload, opt->amz_date, scope, key, sig, err);
        if (result)
            goto fail;
        result = sdkc_buf_appendf(&q, "&X-Amz-Signature=%s", sig);
        if (!result && token && !sign_token) {
            result = sdkc_buf_append_str(&q, "&X-Amz-Security-Token=");
            if (!result)
                result = sdkc_uri_encode(&q, token, strlen(token), 0);
        }
        if (result)
            goto fail_code;
        nq = sdkc_buf_steal(&q, NULL);
        sdkc_free(req->query);
        req->query = nq;
    }
    if (trace) {
        snprintf(trace->signed_headers, sizeof(trace->signed_headers), "%s",
                 st.signed_h->data ? st.signed_h->data : "");
        memcpy(trace->signature, sig, sizeof(sig));
    }
    OPENSSL_cleanse(key, sizeof(key));
    sdkc_buf_clean_up(&q);
    s_stage_clean_up(&st);
    return SDKC_OK;
fail_code:
    sdkc_error_set(err, result, SDKC_NO_OFFSET, "sign: %s", sdkc_result_str(result));
fail:
    OPENSSL_cleanse(key, sizeof(key));
    sdkc_buf_clean_up(&q);
    s_stage_clean_up(&st);
    return result;
}

/* ---- verification ------------------------------------------------------------------ */

struct s_authz {
    const char *cred;
    size_t cred_len;
    const char *signed_h;
    size_t signed_len;
    const char *sig;
    size_t sig_len;
};

/* "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..."
 * (components in any order, spaces after commas optional, as AWS accepts). */
static int s_parse_authz(const char *v, struct s_authz *a)
{
    const char *p;
    size_t alg = strlen(SDKC_SIGV4_ALGORITHM);
    memset(a, 0, sizeof(*a));
    while (*v == ' ' || *v == '\t')
        v++;
    if (strncmp(v, SDKC_SIGV4_ALGORITHM, alg) != 0 || (v[alg] != ' ' && v[alg] != '\t'))
        return 0;
    p = v + alg;
    while (*p) {
        const char *k, *val;
        size_t klen, vlen;
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            break;
        k = p;
        while (*p && *p != '=' && *p != ',')
            p++;
        if (*p != '=')
            return 0;
        klen = (size_t)(p - k);
        val = ++p;
        while (*p && *p != ',' && *p != ' ' && *p != '\t')
            p++;
        vlen = (size_t)(p - val);
#define S_COMPONENT(name, field, flen)                                                             \
    if (klen == strlen(name) && strncmp(k, name, klen) == 0) {                                     \
        if (a->field)                                                                              \
            return 0;                                                                              \
        a->field = val;                                                                            \
        a->flen = vlen;                                                                            \
        continue;                                                                                  \
    }
        S_COMPONENT("Credential", cred, cred_len)
        S_COMPONENT("SignedHeaders", signed_h, signed_len)
        S_COMPONENT("Signature", sig, sig_len)
#undef S_COMPONENT
        return 0;
    }
    return a->cred && a->signed_h && a->sig && a->cred_len && a->signed_len;
}

static int s_list_has(const char *list, size_t len, const char *name)
{
    size_t n = strlen(name), i = 0;
    while (i < len) {
        size_t s = i;
        while (i < len && list[i] != ';')
            i++;
        if (i - s == n && strncasecmp(list + s, name, n) == 0)
            return 1;
        i++;
    }
    return 0;
}

sdkc_result sdkc_sigv4_reject(struct sdkc_sigv4_verdict *v, struct sdkc_error *err,
                              enum sdkc_sigv4_reason r, const char *fmt, ...)
{
    char detail[384];
    va_list ap;
    v->reason = r;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    return sdkc_error_set(err, SDKC_ERR_VERIFY, SDKC_NO_OFFSET, "sigv4: %s: %s",
                          sdkc_sigv4_reason_str(r), detail);
}

static sdkc_result s_verify(const struct sdkc_http_request *req,
                            const struct sdkc_sigv4_verify_options *opt,
                            struct sdkc_sigv4_verdict *verdict, struct sdkc_error *err);

/* The last path segment is "." or "..": the one shape where botocore and
 * RFC 3986 remove_dot_segments disagree (canonical.c). */
static int s_dot_tail(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash && (strcmp(slash, "/.") == 0 || strcmp(slash, "/..") == 0);
}

sdkc_result sdkc_sigv4_verify(const struct sdkc_http_request *req,
                              const struct sdkc_sigv4_verify_options *opt,
                              struct sdkc_sigv4_verdict *verdict, struct sdkc_error *err)
{
    struct sdkc_sigv4_verify_options rfc;
    sdkc_result result = s_verify(req, opt, verdict, err);
    /* SDKs normalize a trailing dot segment two ways (botocore "/a",
     * Java's URI.normalize "/a/"); a signature over either is accepted, and
     * a mismatch reports the botocore form computed first. */
    if (result != SDKC_ERR_VERIFY || verdict->reason != SDKC_SIGV4_SIGNATURE_MISMATCH ||
        !opt->normalize_path || !s_dot_tail(req->path))
        return result;
    rfc = *opt;
    rfc.normalize_path = SDKC_SIGV4_NORMALIZE_RFC3986;
    {
        struct sdkc_sigv4_verdict second;
        sdkc_result r2;
        sdkc_sigv4_verdict_init(&second);
        r2 = s_verify(req, &rfc, &second, NULL);
        if (r2 == SDKC_OK) {
            sdkc_sigv4_verdict_clean_up(verdict);
            *verdict = second;
            return SDKC_OK;
        }
        sdkc_sigv4_verdict_clean_up(&second);
        if (r2 == SDKC_ERR_NOMEM)
            return sdkc_error_set(err, r2, SDKC_NO_OFFSET, "out of memory");
    }
    return result;
}

static sdkc_result s_verify(const struct sdkc_http_request *req,
                            const struct sdkc_sigv4_verify_options *opt,
                            struct sdkc_sigv4_verdict *verdict, struct sdkc_error *err)
{
    struct s_stage st;
    struct s_authz a;
    unsigned char key[SDKC_SHA256_LEN];
    char payload[SDKC_SHA256_HEX_LEN + 1], sig[SDKC_SHA256_HEX_LEN + 1];
    char part[5][130];
    char scope[600];
    const char *authz, *amz_date, *token, *sha_hdr;
    size_t i, np, start;
    time_t t;
    int64_t skew, delta;
    sdkc_result result;
    struct sdkc_error derr;

    if (!req || !opt || !verdict || !opt->creds || !opt->creds->access_key_id ||
        !opt->creds->secret_access_key || !opt->region || !opt->service)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "verify: request, credentials, region and service are required");
    verdict->reason = SDKC_SIGV4_OK;
    verdict->should = 0;
    verdict->signature_sent[0] = '\0';
    verdict->scope_region[0] = '\0';
    verdict->scope_service[0] = '\0';
    sdkc_buf_reset(&verdict->trace.canonical_request);
    sdkc_buf_reset(&verdict->trace.string_to_sign);
    verdict->trace.signature[0] = '\0';
    verdict->trace.signed_headers[0] = '\0';

    authz = sdkc_http_headers_get(&req->headers, "authorization");
    if (!authz)
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_NO_AUTHORIZATION, "%s",
                                 "the request carries no Authorization header");
    if (!s_parse_authz(authz, &a))
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_BAD_AUTHORIZATION, "%s",
                                 "expected 'AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., "
                                 "Signature=...'");
    if (a.sig_len != SDKC_SHA256_HEX_LEN)
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_BAD_AUTHORIZATION, "%s",
                                 "Signature is not 64 hex digits");
    for (i = 0; i < a.sig_len; i++)
        if (!isxdigit((unsigned char)a.sig[i]) || isupper((unsigned char)a.sig[i]))
            return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_BAD_AUTHORIZATION, "%s",
                                     "Signature is not 64 lowercase hex digits");
    memcpy(verdict->signature_sent, a.sig, SDKC_SHA256_HEX_LEN);
    verdict->signature_sent[SDKC_SHA256_HEX_LEN] = '\0';

    /* Credential = key-id/date/region/service/aws4_request */
    for (np = 0, i = 0, start = 0; i <= a.cred_len; i++) {
        if (i < a.cred_len && a.cred[i] != '/')
            continue;
        if (np == 5 || i - start >= sizeof(part[0]) || i == start)
            return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_BAD_SCOPE, "%s",
                                     "Credential is not key/YYYYMMDD/region/service/aws4_request");
        memcpy(part[np], a.cred + start, i - start);
        part[np++][i - start] = '\0';
        start = i + 1;
    }
    if (np != 5 || strcmp(part[4], "aws4_request") != 0 || strlen(part[1]) != 8)
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_BAD_SCOPE, "%s",
                                 "Credential is not key/YYYYMMDD/region/service/aws4_request");
    snprintf(verdict->scope_region, sizeof(verdict->scope_region), "%s", part[2]);
    snprintf(verdict->scope_service, sizeof(verdict->scope_service), "%s", part[3]);
    if (strcmp(part[0], opt->creds->access_key_id) != 0)
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_WRONG_ACCESS_KEY,
                                 "the request is signed with key id '%s'", part[0]);
    if (strcmp(part[2], opt->region) != 0)
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_WRONG_REGION,
                                 "signed for region '%s', expected '%.64s'", part[2], opt->region);
    if (strcmp(part[3], opt->service) != 0)
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_WRONG_SERVICE,
                                 "signed for service '%s', expected '%.64s'", part[3],
                                 opt->service);

    amz_date = sdkc_http_headers_get(&req->headers, "x-amz-date");
    sdkc_error_init(&derr);
    if (!amz_date || sdkc_sigv4_parse_date(amz_date, &t, &derr) != SDKC_OK)
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_BAD_DATE, "X-Amz-Date '%.40s'",
                                 amz_date ? amz_date : "(absent)");
    if (strncmp(amz_date, part[1], 8) != 0)
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_BAD_DATE,
                                 "scope date differs from X-Amz-Date %.40s", amz_date);
    skew = opt->max_skew_s > 0 ? opt->max_skew_s : SDKC_SIGV4_DEFAULT_SKEW_S;
    delta = (int64_t)opt->now - (int64_t)t;
    if (delta > skew || -delta > skew) {
        char d[64];
        snprintf(d, sizeof(d), "%lld s from now, allowed %lld s", (long long)delta,
                 (long long)skew);
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_STALE_DATE, "X-Amz-Date is %s", d);
    }
    if (!s_list_has(a.signed_h, a.signed_len, "host"))
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_UNSIGNED_HEADER, "%s",
                                 "host is not in SignedHeaders");
    if (!s_list_has(a.signed_h, a.signed_len, "x-amz-date"))
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_UNSIGNED_HEADER, "%s",
                                 "x-amz-date is not in SignedHeaders");
    token = sdkc_http_headers_get(&req->headers, "x-amz-security-token");
    if (token && !s_list_has(a.signed_h, a.signed_len, "x-amz-security-token"))
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_UNSIGNED_HEADER, "%s",
                                 "x-amz-security-token is sent but not in SignedHeaders");
    if (opt->creds->session_token && *opt->creds->session_token &&
        (!token || strcmp(token, opt->creds->session_token) != 0))
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_WRONG_TOKEN, "%s",
                                 token ? "X-Amz-Security-Token differs from the expected token"
                                       : "no X-Amz-Security-Token, but the credentials have one");
    if (token && !(opt->creds->session_token && *opt->creds->session_token))
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_WRONG_TOKEN, "%s",
                                 "X-Amz-Security-Token sent, but the credentials have none");
    s_scope(scope, sizeof(scope), part[1], part[2], part[3]);

    result = s_stage_init(&st, &verdict->trace, opt->cache);
    if (result) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto done;
    }
    result = s_payload_hash(st.ctx, req, payload);
    if (result) {
        sdkc_error_set(err, result, SDKC_NO_OFFSET, "verify: %s", sdkc_result_str(result));
        goto done;
    }
    sha_hdr = sdkc_http_headers_get(&req->headers, "x-amz-content-sha256");
    if (sha_hdr && strcmp(sha_hdr, SDKC_SIGV4_UNSIGNED_PAYLOAD) != 0) {
        if (strcmp(sha_hdr, payload) != 0) {
            result = sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_PAYLOAD_HASH,
                                       "x-amz-content-sha256 is %.70s", sha_hdr);
            goto done;
        }
    }
    if (sha_hdr && strcmp(sha_hdr, SDKC_SIGV4_UNSIGNED_PAYLOAD) == 0)
        memcpy(payload, SDKC_SIGV4_UNSIGNED_PAYLOAD, sizeof(SDKC_SIGV4_UNSIGNED_PAYLOAD));
    result = s_begin(&st, req, req->query, opt->normalize_path, opt->double_encode_path, err);
    if (result)
        goto done;
    sdkc_error_init(&derr);
    result = sdkc_sigv4_canonical_headers(st.canon, st.signed_h, &req->headers, a.signed_h,
                                          a.signed_len, &derr);
    if (result == SDKC_ERR_NOT_FOUND) {
        result = sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_MISSING_HEADER, "%s", derr.msg);
        goto done;
    }
    if (result == SDKC_ERR_PARSE) {
        result = sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_BAD_AUTHORIZATION, "%s", derr.msg);
        goto done;
    }
    if (result) {
        if (err)
            *err = derr;
        goto done;
    }
    result = sdkc_sigv4_signing_key(st.ctx, opt->cache, opt->creds->secret_access_key, part[1],
                                    part[2], part[3], key, err);
    if (result)
        goto done;
    result = s_end(&st, payload, amz_date, scope, key, sig, err);
    OPENSSL_cleanse(key, sizeof(key));
    if (result)
        goto done;
    memcpy(verdict->trace.signature, sig, sizeof(sig));
    snprintf(verdict->trace.signed_headers, sizeof(verdict->trace.signed_headers), "%s",
             st.signed_h->data ? st.signed_h->data : "");
    if (CRYPTO_memcmp(sig, verdict->signature_sent, SDKC_SHA256_HEX_LEN) != 0)
        result = sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_SIGNATURE_MISMATCH, "%s",
                                   "the signature recomputed from the received request differs "
                                   "(see the canonical request)");
done:
    s_stage_clean_up(&st);
    return result;
}
