/* SPDX-License-Identifier: Apache-2.0
 *
 * sigv4/sigv4.h: AWS Signature Version 4 (AWS4-HMAC-SHA256): canonical
 * request, string to sign, signing key, signature, in both the
 * Authorization-header and the presigned-query form, and the verifier the
 * mock endpoint uses on what clients send.
 *
 * Reference: "Signature Version 4 signing process" in the AWS General
 * Reference (create-signed-request.html) and the AWS SigV4 test suite
 * (../shared/testdata/sigv4/, both layouts pass; see
 * harness/tests/sigv4suite_main.c).
 *
 * Layering: sigv4 knows HTTP messages (http/http.h) but never specs.
 * Crypto is OpenSSL libcrypto (EVP); its allocations go through
 * sdkc_malloc, so fault injection reaches them.
 *
 * Thread-safety: every function is reentrant; a key cache must not be
 * shared between threads without a lock (give each thread its own).
 */
#ifndef SDKC_SIGV4_SIGV4_H
#define SDKC_SIGV4_SIGV4_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "http/http.h"
#include "core/buf.h"
#include "core/error.h"

/* ---- caps (house style 7) ------------------------------------------------
 * Everything a request controls is bounded, so a hostile or fuzzed request
 * fails with SDKC_ERR_TOO_LARGE instead of consuming memory or time. */
#define SDKC_SIGV4_MAX_HEADERS      SDKC_HTTP_MAX_HEADERS /* headers considered for signing */
#define SDKC_SIGV4_MAX_HEADER_NAME  256                   /* bytes in one header name */
#define SDKC_SIGV4_MAX_HEADER_VALUE (16 * 1024)           /* bytes in one header value */
#define SDKC_SIGV4_MAX_QUERY_PARAMS 512                   /* query components */
#define SDKC_SIGV4_MAX_PATH         (16 * 1024)           /* bytes in the raw path */
#define SDKC_SIGV4_MAX_CANONICAL    ((size_t)1024 * 1024) /* bytes of canonical request */
#define SDKC_SIGV4_MAX_CRED_FIELD   2048                  /* key id, secret, token, region... */
#define SDKC_SIGV4_MAX_EXPIRES      604800                /* 7 days: the presign maximum */
#define SDKC_SIGV4_DEFAULT_SKEW_S   900                   /* AWS accepts 15 minutes of skew */

#define SDKC_SIGV4_ALGORITHM        "AWS4-HMAC-SHA256"
#define SDKC_SIGV4_UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"
#define SDKC_SIGV4_EMPTY_SHA256     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* ---- credentials -------------------------------------------------------- */

/* Caller-owned; owns its three strings (sdkc_malloc). _clean_up wipes the
 * secret and the token before freeing them (OPENSSL_cleanse). */
struct sdkc_credentials {
    char *access_key_id;
    char *secret_access_key;
    char *session_token; /* NULL when there is none */
};

void sdkc_credentials_init(struct sdkc_credentials *c);
void sdkc_credentials_clean_up(struct sdkc_credentials *c);
/* Copy the three values in (token may be NULL or ""). Empty key id or secret,
 * or one longer than SDKC_SIGV4_MAX_CRED_FIELD, is SDKC_ERR_INVALID_ARG. */
sdkc_result sdkc_credentials_set(struct sdkc_credentials *c, const char *access_key_id,
                                 const char *secret_access_key, const char *session_token,
                                 struct sdkc_error *err);

/* ---- crypto helpers (also used by the bench's lower bound) --------------- */

#define SDKC_SHA256_LEN     32
#define SDKC_SHA256_HEX_LEN 64

/* One reusable digest context: sign/verify make one per call so the few
 * digests of a signature share it. */
struct sdkc_sha256_ctx;
struct sdkc_sha256_ctx *sdkc_sha256_ctx_new(void); /* NULL on out-of-memory */
void sdkc_sha256_ctx_destroy(struct sdkc_sha256_ctx *ctx);

sdkc_result sdkc_sha256(struct sdkc_sha256_ctx *ctx, const void *data, size_t len,
                        unsigned char out[SDKC_SHA256_LEN]);
/* HMAC-SHA256 per RFC 2104 (keys longer than the 64-byte block are hashed). */
sdkc_result sdkc_hmac_sha256(struct sdkc_sha256_ctx *ctx, const void *key, size_t key_len,
                             const void *data, size_t len, unsigned char out[SDKC_SHA256_LEN]);
/* Lowercase hex; out gets 2*len chars plus a NUL. */
void sdkc_hex_encode(const unsigned char *in, size_t len, char *out);

/* ---- signing key cache (and per-thread signer scratch) ---------------------
 * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
 * "aws4_request") changes once a day; caching it turns the five HMACs of a
 * signature into one. The caller owns the struct; it holds a copy of the
 * secret (wiped by _clean_up) so a different secret is never served the old
 * key. */
struct sdkc_sigv4_key_cache {
    char *secret;
    char date[9];
    char *region;
    char *service;
    unsigned char key[SDKC_SHA256_LEN];
    int valid;
    uint64_t hits;
    uint64_t misses;
    /* Scratch that sign/verify reuse instead of allocating per call: a
     * digest context (created on first use) and the buffers of the
     * canonical request, string to sign, signed-header list and
     * Authorization value. Private to the signer; wiped and freed by
     * _clean_up (a canonical request can hold a session token). */
    struct sdkc_sha256_ctx *sha;
    struct sdkc_buf scratch[4];
};

void sdkc_sigv4_key_cache_init(struct sdkc_sigv4_key_cache *cache);
void sdkc_sigv4_key_cache_clean_up(struct sdkc_sigv4_key_cache *cache);

/* Derive the signing key (through cache when not NULL). date is YYYYMMDD. */
sdkc_result sdkc_sigv4_signing_key(struct sdkc_sha256_ctx *ctx, struct sdkc_sigv4_key_cache *cache,
                                   const char *secret, const char *date, const char *region,
                                   const char *service, unsigned char out[SDKC_SHA256_LEN],
                                   struct sdkc_error *err);

/* ---- signing -------------------------------------------------------------- */

enum sdkc_sigv4_form {
    SDKC_SIGV4_FORM_HEADER = 0, /* Authorization header (+ X-Amz-Date) */
    SDKC_SIGV4_FORM_QUERY       /* presigned URL: X-Amz-* query parameters */
};

struct sdkc_sigv4_options {
    const struct sdkc_credentials *creds; /* required */
    const char *region;                   /* required */
    const char *service;                  /* required */
    const char *amz_date;                 /* required: YYYYMMDDTHHMMSSZ (UTC) */
    enum sdkc_sigv4_form form;
    uint32_t expires_s; /* query form: X-Amz-Expires, 1..SDKC_SIGV4_MAX_EXPIRES */
    /* Remove "." / ".." segments and collapse "//" (RFC 3986 §5.2.4). Every
     * AWS service but S3 does; the suite's context.json "normalize". */
    int normalize_path;
    /* Percent-encode the raw (already encoded) path once more, so "%2F"
     * becomes "%252F". Every AWS service but S3 expects it (botocore
     * auth.py _normalize_url_path, aws-c-auth use_double_uri_encode). When
     * off, the raw path is used as sent. */
    int double_encode_path;
    /* Add the session token only after signing (not signed); the suite's
     * context.json "omit_session_token" (some STS-era services). */
    int omit_session_token;
    /* Header form: add and sign x-amz-content-sha256 with the payload hash
     * (S3 requires it; the suite's "sign_body"). Never added in query form. */
    int add_content_sha256;
    /* NULL: SHA-256 of the body. Otherwise used as the payload line as-is,
     * e.g. SDKC_SIGV4_UNSIGNED_PAYLOAD. */
    const char *payload_hash;
    struct sdkc_sigv4_key_cache *cache; /* optional */
};

/* What a signature was computed from (the suite checks every stage; the
 * report shows them in diffs). Caller-owned: _init, then _clean_up. */
struct sdkc_sigv4_trace {
    struct sdkc_buf canonical_request;
    struct sdkc_buf string_to_sign;
    char signed_headers[SDKC_SIGV4_MAX_HEADERS * 8]; /* truncated if longer; display only */
    char signature[SDKC_SHA256_HEX_LEN + 1];
};

void sdkc_sigv4_trace_init(struct sdkc_sigv4_trace *t);
void sdkc_sigv4_trace_clean_up(struct sdkc_sigv4_trace *t);

/* Sign req in place. Header form: sets X-Amz-Date, X-Amz-Security-Token
 * (when the credentials have one), x-amz-content-sha256 (when asked) and
 * Authorization, replacing earlier values of those. Query form: appends the
 * X-Amz-* parameters to req->query. Every header is signed except the
 * hop-by-hop / proxy-rewritten ones botocore and aws-c-auth also skip
 * (user-agent, expect, x-amzn-trace-id, connection, authorization).
 * trace (optional) receives the stages. A request without Host is
 * SDKC_ERR_INVALID_ARG (SigV4 requires host to be signed). On failure the
 * request may be partly modified. */
sdkc_result sdkc_sigv4_sign(struct sdkc_http_request *req, const struct sdkc_sigv4_options *opt,
                            struct sdkc_sigv4_trace *trace, struct sdkc_error *err);

/* Format t (UTC) as YYYYMMDDTHHMMSSZ into out[17]. */
void sdkc_sigv4_format_date(time_t t, char out[17]);
/* Parse YYYYMMDDTHHMMSSZ; SDKC_ERR_PARSE when malformed. */
sdkc_result sdkc_sigv4_parse_date(const char *s, time_t *out, struct sdkc_error *err);

/* ---- the canonical pieces (exposed for tests and the fuzz target) ------- */

/* Canonical URI from a raw path (SigV4 step 1.2). normalize: 0 = as sent
 * (S3), SDKC_SIGV4_NORMALIZE (any other non-zero value) = remove dot
 * segments and empty segments as botocore does (a path ending in "/." or
 * "/.." loses its last slash: "/a/b/.." -> "/a"), SDKC_SIGV4_NORMALIZE_RFC3986
 * = the same but RFC 3986 §5.2.4's trailing slash ("/a/"), which other SDKs
 * (Java's URI.normalize) produce. */
#define SDKC_SIGV4_NORMALIZE         1
#define SDKC_SIGV4_NORMALIZE_RFC3986 2
sdkc_result sdkc_sigv4_canonical_path(struct sdkc_buf *out, const char *path, size_t len,
                                      int normalize, int double_encode, struct sdkc_error *err);
/* Canonical query from a raw query string: each name and value decoded,
 * then percent-encoded with only A-Za-z0-9-._~ left (so a parameter ends
 * up encoded exactly once), sorted by name then value (byte order). */
sdkc_result sdkc_sigv4_canonical_query(struct sdkc_buf *out, const char *query, size_t len,
                                       struct sdkc_error *err);
/* Percent-encoding per SigV4 is http/http.h's sdkc_uri_encode (RFC 3986
 * unreserved kept, uppercase hex). */

/* ---- verification ---------------------------------------------------------- */

enum sdkc_sigv4_reason {
    SDKC_SIGV4_OK = 0,
    SDKC_SIGV4_NO_AUTHORIZATION,  /* no Authorization header */
    SDKC_SIGV4_BAD_AUTHORIZATION, /* not "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature="
                                   */
    SDKC_SIGV4_BAD_SCOPE,         /* credential scope malformed or not ".../aws4_request" */
    SDKC_SIGV4_WRONG_ACCESS_KEY,  /* key id differs from the expected one */
    SDKC_SIGV4_WRONG_REGION,
    SDKC_SIGV4_WRONG_SERVICE,
    SDKC_SIGV4_BAD_DATE,           /* X-Amz-Date missing/malformed, or scope date differs */
    SDKC_SIGV4_STALE_DATE,         /* outside the allowed skew of "now" */
    SDKC_SIGV4_UNSIGNED_HEADER,    /* host / x-amz-date / x-amz-security-token not signed */
    SDKC_SIGV4_MISSING_HEADER,     /* a header listed in SignedHeaders is absent */
    SDKC_SIGV4_WRONG_TOKEN,        /* session token differs from the expected one */
    SDKC_SIGV4_PAYLOAD_HASH,       /* x-amz-content-sha256 differs from the body's hash */
    SDKC_SIGV4_SIGNATURE_MISMATCH, /* recomputed signature differs */
    /* sdkc_sigv4_check_expected only: */
    SDKC_SIGV4_SIGNED_UNSIGNED_OP,  /* a signature on an operation sent unsigned */
    SDKC_SIGV4_UNSIGNED_PAYLOAD_OFF /* UNSIGNED-PAYLOAD where the body must be signed */
};

/* A static, human name of a reason ("signature mismatch"). */
const char *sdkc_sigv4_reason_str(enum sdkc_sigv4_reason r);

struct sdkc_sigv4_verify_options {
    const struct sdkc_credentials *creds; /* required: the expected key id and secret */
    const char *region;                   /* required */
    const char *service;                  /* required */
    time_t now;                           /* the verifier's clock */
    int64_t max_skew_s;                   /* |now - X-Amz-Date| allowed; <= 0: default */
    int normalize_path;                   /* as the signer (both on for rest-json) */
    int double_encode_path;
    struct sdkc_sigv4_key_cache *cache; /* optional */
};

/* Caller-owned result of a verification: the reason, and the stages the
 * verifier computed from the received bytes (for the report's diff). */
#define SDKC_SIGV4_MAX_SCOPE_PART 129 /* bytes of one credential scope field kept */

struct sdkc_sigv4_verdict {
    enum sdkc_sigv4_reason reason;
    struct sdkc_sigv4_trace trace; /* canonical request + string to sign we computed */
    char signature_sent[SDKC_SHA256_HEX_LEN + 1];
    /* The credential scope's region and service as sent ("" until parsed). */
    char scope_region[SDKC_SIGV4_MAX_SCOPE_PART + 1];
    char scope_service[SDKC_SIGV4_MAX_SCOPE_PART + 1];
    /* sdkc_sigv4_check_expected: the finding is a SHOULD (the request is
     * one a service accepts, but not the one a client following the model
     * sends); 0 for every failure a service refuses. */
    int should;
};

void sdkc_sigv4_verdict_init(struct sdkc_sigv4_verdict *v);
void sdkc_sigv4_verdict_clean_up(struct sdkc_sigv4_verdict *v);

/* Check a received header-form request. SDKC_OK when it verifies;
 * SDKC_ERR_VERIFY with verdict->reason and a precise err message when it does
 * not (the canonical request is computed whenever the Authorization header
 * could be parsed); SDKC_ERR_NOMEM / SDKC_ERR_TOO_LARGE / SDKC_ERR_CRYPTO
 * when the check itself could not run. verdict is required. */
sdkc_result sdkc_sigv4_verify(const struct sdkc_http_request *req,
                              const struct sdkc_sigv4_verify_options *opt,
                              struct sdkc_sigv4_verdict *verdict, struct sdkc_error *err);

/* ---- what the model expects of a request -------------------------------
 * The signature check of a client's request against what a client
 * following the model sends (the runner fills this from the operation's
 * traits; this layer knows no spec). */
struct sdkc_sigv4_expect {
    /* The operation is sent unsigned (Smithy @auth([]) / noAuth, botocore
     * `authtype: "none"`): the request must carry no signature. */
    int unsigned_op;
    /* What the model says, quoted in messages ("auth []"); NULL: "auth none". */
    const char *unsigned_note;
    /* x-amz-content-sha256: UNSIGNED-PAYLOAD is allowed (Smithy
     * aws.auth#unsignedPayload, botocore `authtype: "v4-unsigned-body"`).
     * A payload hash is accepted either way. */
    int unsigned_payload_ok;
};

/* Check req against ex, with opt naming the expected credentials, the
 * model's signing name (opt->service) and the run's region (opt->region).
 * SDKC_OK when the request is what a client following the model sends;
 * SDKC_ERR_VERIFY with verdict->reason, verdict->should and a one-line
 * "sigv4: <reason>: <why>" in err otherwise:
 *  - unsigned_op: an Authorization header or X-Amz-Signature query
 *    parameter is SDKC_SIGV4_SIGNED_UNSIGNED_OP at SHOULD (botocore's
 *    models write Smithy @optionalAuth, which must be callable both with and
 *    without authentication, as noAuth too, so a signature cannot be
 *    refused; botocore and the JS v3 SDK send none); an unsigned request
 *    passes without further checks;
 *  - otherwise sdkc_sigv4_verify, its scope mismatches worded "signed for
 *    service X, the model says Y" / "signed for region X, the run's region
 *    is Y"; then UNSIGNED-PAYLOAD without unsigned_payload_ok is
 *    SDKC_SIGV4_UNSIGNED_PAYLOAD_OFF (MUST: Smithy aws-auth "Most requests
 *    sent to AWS services require that the payload of the request is
 *    signed"; only operations with the unsignedPayload trait, and S3, leave
 *    it out), with the trace computed.
 * Other results as sdkc_sigv4_verify. */
sdkc_result sdkc_sigv4_check_expected(const struct sdkc_http_request *req,
                                      const struct sdkc_sigv4_verify_options *opt,
                                      const struct sdkc_sigv4_expect *ex,
                                      struct sdkc_sigv4_verdict *verdict, struct sdkc_error *err);

/* ---- raw HTTP/1.1 request text (the suite's request.txt format) --------
 * "METHOD SP target SP HTTP/1.1" (the target may hold literal spaces and
 * raw UTF-8), "Name:value" lines (continuation lines starting with SP/HT are
 * folded into the previous value with their line break kept), an empty
 * line, then the body. CRLF or LF. Errors name the line and byte offset. */
#define SDKC_SIGV4_MAX_REQUEST_TEXT ((size_t)8 * 1024 * 1024)

sdkc_result sdkc_sigv4_request_parse(struct sdkc_http_request *out, const char *text, size_t len,
                                     struct sdkc_error *err);
/* Print req in the same format (LF line endings). */
sdkc_result sdkc_sigv4_request_print(struct sdkc_buf *out, const struct sdkc_http_request *req);

#endif
