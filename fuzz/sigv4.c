/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz/sigv4.c: AWS Signature Version 4 (sigv4/sigv4.h): a structured
 * request is signed, signed again, verified, and its canonical pieces are
 * recomputed from their own output.
 *
 * Input: "[O1 O2] request-text", request-text in the SigV4 suite's
 * request.txt format (sdkc_sigv4_request_parse, so that parser is fuzzed
 * too). An input starting with 'A'..'Z' (an HTTP method) has no option
 * bytes and signs with normalize_path + double_encode_path (the rest-json
 * defaults), so the suite's request.txt files are seeds as they are.
 *   O1 bit 0 query (presigned) form; 1 normalize_path; 2 double_encode_path;
 *      3 credentials carry a session token; 4 add_content_sha256;
 *      5 payload hash UNSIGNED-PAYLOAD; 6 omit_session_token; 7 key cache;
 *   O2 bits 0-1 the date, 2-3 region/service, 4-7 the presign expiry.
 * Fault mode (fuzz_common.h "FF N P" before O1) fails the Nth allocation
 * of parse + sign; the result must be SDKC_ERR_NOMEM or SDKC_ERR_CRYPTO
 * (an OpenSSL allocation failing inside EVP surfaces as a crypto error, as
 * in test_sigv4.c's fault walks), with no leak.
 *
 * Properties: signing is deterministic (two signatures of
 * copies of one request are byte-identical requests); a header-form
 * signature verifies (sdkc_sigv4_verify at the signing time) when the
 * request carries nothing the verifier rightly rejects (see s_scrub);
 * canonical query and the normalized canonical path are idempotent; the
 * parser never reads past its input (AddressSanitizer; the input is passed
 * as is, not NUL-terminated).
 */
#include <string.h>

#include <openssl/err.h>

#include "http/http.h"
#include "fuzz_common.h"
#include "sigv4/sigv4.h"

static const char *const s_dates[] = {"20150830T123600Z", "20240229T235959Z", "19700101T000000Z",
                                      "20991231T235959Z"};
static const char *const s_regions[] = {"us-east-1", "eu-west-3", "cn-north-1", "us-gov-west-1"};
static const char *const s_services[] = {"service", "datazone", "s3", "execute-api"};

static struct sdkc_credentials s_creds, s_creds_token;

static void s_sign_once(void)
{
    /* Warm-up: OpenSSL allocates its provider, method and error-state
     * caches on first use and keeps them; doing that here keeps them out
     * of the per-input leak baseline. */
    static const char text[] = "GET / HTTP/1.1\nHost:example.amazonaws.com\n\n";
    struct sdkc_http_request req;
    struct sdkc_sigv4_options opt = {0};
    sdkc_http_request_init(&req);
    if (sdkc_sigv4_request_parse(&req, text, sizeof(text) - 1, NULL) != SDKC_OK)
        abort();
    opt.creds = &s_creds;
    opt.region = "us-east-1";
    opt.service = "service";
    opt.amz_date = s_dates[0];
    if (sdkc_sigv4_sign(&req, &opt, NULL, NULL) != SDKC_OK)
        abort();
    sdkc_http_request_clean_up(&req);
    ERR_raise(ERR_LIB_USER, 1);
    ERR_clear_error();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static int done;
    (void)argc;
    (void)argv;
    sdkc_fuzz_init();
    if (done)
        return 0;
    done = 1;
    sdkc_credentials_init(&s_creds);
    sdkc_credentials_init(&s_creds_token);
    if (sdkc_credentials_set(&s_creds, "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                             NULL, NULL) != SDKC_OK ||
        sdkc_credentials_set(
            &s_creds_token, "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "IQoJb3JpZ2luX2VjEFAKETOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==", NULL) != SDKC_OK)
        abort();
    s_sign_once();
    return 0;
}

static sdkc_result s_copy(struct sdkc_http_request *dst, const struct sdkc_http_request *src)
{
    if ((src->method && !(dst->method = sdkc_strdup(src->method))) ||
        (src->path && !(dst->path = sdkc_strdup(src->path))) ||
        (src->query && !(dst->query = sdkc_strdup(src->query))))
        return SDKC_ERR_NOMEM;
    if (src->body) {
        dst->body = sdkc_malloc(src->body_len + 1);
        if (!dst->body)
            return SDKC_ERR_NOMEM;
        memcpy(dst->body, src->body, src->body_len);
        dst->body[src->body_len] = '\0';
        dst->body_len = src->body_len;
    }
    return sdkc_http_headers_copy(&dst->headers, &src->headers);
}

/* Headers a verifier rightly judges on their own (a stale token, a
 * payload hash the body does not have) are not the signer's to fix; drop
 * them so a verify failure always means signer and verifier disagree. */
static void s_scrub(struct sdkc_http_request *req, int has_host)
{
    sdkc_http_headers_remove(&req->headers, "x-amz-security-token");
    sdkc_http_headers_remove(&req->headers, "x-amz-content-sha256");
    if (!has_host)
        SDKC_FUZZ_CHECK(sdkc_http_headers_add(&req->headers, "Host", "example.amazonaws.com") ==
                        SDKC_OK);
}

static void s_fill_options(struct sdkc_sigv4_options *opt, uint8_t o1, uint8_t o2)
{
    memset(opt, 0, sizeof(*opt));
    opt->creds = (o1 & 8) ? &s_creds_token : &s_creds;
    opt->amz_date = s_dates[o2 & 3];
    opt->region = s_regions[(o2 >> 2) & 3];
    opt->service = s_services[(o2 >> 2) & 3];
    opt->form = (o1 & 1) ? SDKC_SIGV4_FORM_QUERY : SDKC_SIGV4_FORM_HEADER;
    opt->expires_s = 1 + (uint32_t)(o2 >> 4) * 40000u;
    opt->normalize_path = (o1 >> 1) & 1;
    opt->double_encode_path = (o1 >> 2) & 1;
    opt->add_content_sha256 = (o1 >> 4) & 1;
    opt->payload_hash = (o1 & 32) ? SDKC_SIGV4_UNSIGNED_PAYLOAD : NULL;
    opt->omit_session_token = (o1 >> 6) & 1;
}

static void s_check_idempotent(const struct sdkc_http_request *req)
{
    struct sdkc_buf a, b;
    struct sdkc_error err;
    sdkc_buf_init(&a, 0);
    sdkc_buf_init(&b, 0);
    sdkc_error_init(&err);
    if (req->query &&
        sdkc_sigv4_canonical_query(&a, req->query, strlen(req->query), &err) == SDKC_OK) {
        SDKC_FUZZ_CHECK_MSG(
            sdkc_sigv4_canonical_query(&b, a.data ? a.data : "", a.len, &err) == SDKC_OK, &err);
        if (a.len != b.len || (a.len && memcmp(a.data, b.data, a.len))) {
            fprintf(stderr, "canonical query not idempotent:\n  %.*s\n  %.*s\n", (int)a.len,
                    a.data ? a.data : "", (int)b.len, b.data ? b.data : "");
            abort();
        }
    }
    sdkc_buf_reset(&a);
    sdkc_buf_reset(&b);
    if (req->path &&
        sdkc_sigv4_canonical_path(&a, req->path, strlen(req->path), 1, 0, &err) == SDKC_OK) {
        SDKC_FUZZ_CHECK_MSG(
            sdkc_sigv4_canonical_path(&b, a.data ? a.data : "", a.len, 1, 0, &err) == SDKC_OK,
            &err);
        if (a.len != b.len || (a.len && memcmp(a.data, b.data, a.len))) {
            fprintf(stderr, "canonical path not idempotent:\n  %.*s\n  %.*s\n", (int)a.len,
                    a.data ? a.data : "", (int)b.len, b.data ? b.data : "");
            abort();
        }
    }
    sdkc_buf_clean_up(&a);
    sdkc_buf_clean_up(&b);
}

static void s_fault_run(const uint8_t *data, size_t size, uint64_t nth, int persistent)
{
    struct sdkc_http_request req;
    struct sdkc_sigv4_options opt;
    struct sdkc_sigv4_trace trace;
    struct sdkc_error err;
    sdkc_result rc;
    int fired;

    if (size < 2)
        return;
    s_fill_options(&opt, data[0], data[1]);
    sdkc_http_request_init(&req);
    sdkc_sigv4_trace_init(&trace);
    sdkc_error_init(&err);
    sdkc_alloc_fault_set(nth, persistent);
    rc = sdkc_sigv4_request_parse(&req, (const char *)data + 2, size - 2, &err);
    if (rc == SDKC_OK && !sdkc_http_headers_get(&req.headers, "host"))
        rc = sdkc_http_headers_add(&req.headers, "Host", "example.amazonaws.com");
    if (rc == SDKC_OK)
        rc = sdkc_sigv4_sign(&req, &opt, &trace, &err);
    fired = sdkc_alloc_fault_fired();
    sdkc_alloc_fault_set(0, 0);
    ERR_clear_error();
    if (fired)
        SDKC_FUZZ_CHECK_MSG(rc == SDKC_ERR_NOMEM || rc == SDKC_ERR_CRYPTO, &err);
    sdkc_sigv4_trace_clean_up(&trace);
    sdkc_http_request_clean_up(&req);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sdkc_http_request req, r1, r2;
    struct sdkc_sigv4_options opt;
    struct sdkc_sigv4_key_cache cache;
    struct sdkc_sigv4_trace t1, t2;
    struct sdkc_sigv4_verdict verdict;
    struct sdkc_buf p1, p2;
    struct sdkc_error err, err2;
    sdkc_result rc1, rc2;
    uint64_t baseline, nth;
    int persistent;
    uint8_t o1, o2;

    LLVMFuzzerInitialize(NULL, NULL);
    if (size > SDKC_FUZZ_MAX_INPUT)
        return 0;
    baseline = sdkc_fuzz_live_blocks();
    if (sdkc_fuzz_fault_prefix(&data, &size, &nth, &persistent)) {
        s_fault_run(data, size, nth, persistent);
        sdkc_fuzz_check_no_leak(baseline, "sigv4 (fault mode)");
        return 0;
    }
    if (size >= 1 && data[0] >= 'A' && data[0] <= 'Z') {
        o1 = 2 | 4;
        o2 = 0;
    } else if (size >= 2) {
        o1 = data[0];
        o2 = data[1];
        data += 2;
        size -= 2;
    } else {
        return 0;
    }
    sdkc_http_request_init(&req);
    sdkc_http_request_init(&r1);
    sdkc_http_request_init(&r2);
    sdkc_sigv4_key_cache_init(&cache);
    sdkc_sigv4_trace_init(&t1);
    sdkc_sigv4_trace_init(&t2);
    sdkc_sigv4_verdict_init(&verdict);
    sdkc_buf_init(&p1, 0);
    sdkc_buf_init(&p2, 0);
    sdkc_error_init(&err);
    sdkc_error_init(&err2);

    if (sdkc_sigv4_request_parse(&req, (const char *)data, size, &err) != SDKC_OK) {
        SDKC_FUZZ_CHECK(err.msg[0] != '\0');
        goto done;
    }
    SDKC_FUZZ_CHECK(req.method && req.path);
    s_check_idempotent(&req);
    s_scrub(&req, sdkc_http_headers_get(&req.headers, "host") != NULL);
    SDKC_FUZZ_CHECK(s_copy(&r1, &req) == SDKC_OK && s_copy(&r2, &req) == SDKC_OK);

    s_fill_options(&opt, o1, o2);
    if (o1 & 128)
        opt.cache = &cache;
    rc1 = sdkc_sigv4_sign(&r1, &opt, &t1, &err);
    rc2 = sdkc_sigv4_sign(&r2, &opt, &t2, &err2);
    SDKC_FUZZ_CHECK(rc1 == rc2);
    if (rc1 != SDKC_OK) {
        /* A refusal is a cap or a bad argument, never an internal error. */
        SDKC_FUZZ_CHECK_MSG(rc1 == SDKC_ERR_TOO_LARGE || rc1 == SDKC_ERR_INVALID_ARG, &err);
        goto done;
    }
    SDKC_FUZZ_CHECK(!strcmp(t1.signature, t2.signature));
    SDKC_FUZZ_CHECK(
        t1.canonical_request.len == t2.canonical_request.len &&
        !memcmp(t1.canonical_request.data, t2.canonical_request.data, t1.canonical_request.len));
    SDKC_FUZZ_CHECK(sdkc_sigv4_request_print(&p1, &r1) == SDKC_OK);
    SDKC_FUZZ_CHECK(sdkc_sigv4_request_print(&p2, &r2) == SDKC_OK);
    SDKC_FUZZ_CHECK(p1.len == p2.len && !memcmp(p1.data, p2.data, p1.len));

    if (opt.form == SDKC_SIGV4_FORM_HEADER && !opt.omit_session_token && !opt.payload_hash) {
        struct sdkc_sigv4_verify_options vo = {0};
        time_t now;
        SDKC_FUZZ_CHECK(sdkc_sigv4_parse_date(opt.amz_date, &now, NULL) == SDKC_OK);
        vo.creds = opt.creds;
        vo.region = opt.region;
        vo.service = opt.service;
        vo.now = now;
        vo.normalize_path = opt.normalize_path;
        vo.double_encode_path = opt.double_encode_path;
        rc1 = sdkc_sigv4_verify(&r1, &vo, &verdict, &err);
        if (rc1 != SDKC_OK) {
            fprintf(stderr, "verify(sign(r)) failed: %s (%s)\nsigned request:\n%.*s\n", err.msg,
                    sdkc_sigv4_reason_str(verdict.reason), (int)p1.len, p1.data);
            abort();
        }
    }
done:
    sdkc_buf_clean_up(&p1);
    sdkc_buf_clean_up(&p2);
    sdkc_sigv4_verdict_clean_up(&verdict);
    sdkc_sigv4_trace_clean_up(&t1);
    sdkc_sigv4_trace_clean_up(&t2);
    sdkc_sigv4_key_cache_clean_up(&cache);
    sdkc_http_request_clean_up(&req);
    sdkc_http_request_clean_up(&r1);
    sdkc_http_request_clean_up(&r2);
    ERR_clear_error();
    sdkc_fuzz_check_no_leak(baseline, "sigv4");
    return 0;
}
