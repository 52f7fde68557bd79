/* SPDX-License-Identifier: Apache-2.0
 *
 * bench/bench_sigv4.c: SigV4 signatures per second.
 *
 * Workload: one typical DataZone CreateUserProfile request (POST
 * /v2/domains/{id}/user-profiles, JSON body of ~190 bytes, Host,
 * Content-Type and User-Agent headers), re-signed in place every
 * operation (the signer replaces X-Amz-Date and Authorization), as a
 * client does on a retry.
 *
 * Measured in the same run, on the same request:
 *   sdkconform: sdkc_sigv4_sign, header form, with a key cache (the
 *               signing key is derived once a day in real use);
 *   bare crypto: the lower bound of any SigV4 signer with a cached key:
 *               SHA-256 of the body, SHA-256 of the canonical request,
 *               HMAC-SHA256 of the string to sign (inputs precomputed),
 *               through the same EVP primitives (target: ours <= 2x);
 *   botocore:   SigV4Auth.add_auth through bench/botocore_sigv4.py when
 *               python3 can import botocore (target: ours >= 50x faster),
 *               else "skipped";
 * and, for information, signing without the key cache and verifying.
 *
 * DEBUGGING HINTS: `bench_sigv4 --quick` is a one-second smoke run. Before
 * timing, the bench checks that our signature equals botocore's for the
 * same pinned date, that the bare-crypto side produces that same
 * signature, and that the verifier accepts the request, so no side can be
 * fast by doing different work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "http/http.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "sigv4/sigv4.h"

#define S_PY_OUTPUT_MAX ((size_t)1 << 16) /* cap on what the python side prints */
#define S_AK            "AKIDBENCHEXAMPLE"
#define S_SK            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define S_DATE          "20261129T120000Z"
#define S_HOST          "datazone.us-east-1.api.aws"
#define S_PATH          "/v2/domains/dzd_abc123/user-profiles"
#define S_UA            "Boto3/1.40.0 md/Botocore#1.43.0 ua/2.1 os/linux lang/python#3.11"

static const char s_summary[] =
    "SigV4 signatures per second on a CreateUserProfile request: sdkc_sigv4_sign (cached\n"
    "signing key) against the bare crypto lower bound and botocore's SigV4Auth.add_auth.";

static const char s_body[] =
    "{\"userIdentifier\":\"arn:aws:iam::123456789012:user/alice\",\"userType\":\"IAM_USER\","
    "\"clientToken\":\"5c8e1b4a-9d1f-4c3e-8a2b-0f6e7d5c4b3a\"}";

struct s_ctx {
    struct sdkc_credentials creds;
    struct sdkc_http_request req;
    struct sdkc_sigv4_options opt;
    struct sdkc_sigv4_key_cache cache;
    struct sdkc_sigv4_verify_options vopt;
    struct sdkc_sigv4_verdict verdict;
    /* bare crypto inputs (from one traced signature) */
    struct sdkc_sha256_ctx *sha;
    struct sdkc_sigv4_trace trace;
    unsigned char key[SDKC_SHA256_LEN];
    unsigned char out[SDKC_SHA256_LEN];
};

static int s_sign_cached(void *p)
{
    struct s_ctx *c = p;
    c->opt.cache = &c->cache;
    return sdkc_sigv4_sign(&c->req, &c->opt, NULL, NULL) != SDKC_OK;
}

static int s_sign_uncached(void *p)
{
    struct s_ctx *c = p;
    c->opt.cache = NULL;
    return sdkc_sigv4_sign(&c->req, &c->opt, NULL, NULL) != SDKC_OK;
}

static int s_verify(void *p)
{
    struct s_ctx *c = p;
    return sdkc_sigv4_verify(&c->req, &c->vopt, &c->verdict, NULL) != SDKC_OK;
}

static int s_bare(void *p)
{
    struct s_ctx *c = p;
    unsigned char md[SDKC_SHA256_LEN];
    return sdkc_sha256(c->sha, s_body, sizeof(s_body) - 1, md) ||
           sdkc_sha256(c->sha, c->trace.canonical_request.data, c->trace.canonical_request.len,
                       md) ||
           sdkc_hmac_sha256(c->sha, c->key, sizeof(c->key), c->trace.string_to_sign.data,
                            c->trace.string_to_sign.len, c->out);
}

static int s_setup(struct s_ctx *c)
{
    sdkc_result result;
    char hex[SDKC_SHA256_HEX_LEN + 1];
    sdkc_credentials_init(&c->creds);
    sdkc_http_request_init(&c->req);
    sdkc_sigv4_key_cache_init(&c->cache);
    sdkc_sigv4_verdict_init(&c->verdict);
    sdkc_sigv4_trace_init(&c->trace);
    result = sdkc_credentials_set(&c->creds, S_AK, S_SK, NULL, NULL);
    c->req.method = sdkc_strdup("POST");
    c->req.path = sdkc_strdup(S_PATH);
    c->req.body = sdkc_strdup(s_body);
    c->req.body_len = sizeof(s_body) - 1;
    if (result || !c->req.method || !c->req.path || !c->req.body ||
        sdkc_http_headers_add(&c->req.headers, "Host", S_HOST) ||
        sdkc_http_headers_add(&c->req.headers, "Content-Type", "application/json") ||
        sdkc_http_headers_add(&c->req.headers, "User-Agent", S_UA))
        return 1;
    c->opt.creds = &c->creds;
    c->opt.region = "us-east-1";
    c->opt.service = "datazone";
    c->opt.amz_date = S_DATE;
    c->opt.normalize_path = 1;
    c->opt.double_encode_path = 1;
    c->opt.cache = &c->cache;
    if (sdkc_sigv4_sign(&c->req, &c->opt, &c->trace, NULL))
        return 1;
    c->vopt.creds = &c->creds;
    c->vopt.region = "us-east-1";
    c->vopt.service = "datazone";
    c->vopt.normalize_path = 1;
    c->vopt.double_encode_path = 1;
    c->vopt.cache = &c->cache;
    if (sdkc_sigv4_parse_date(S_DATE, &c->vopt.now, NULL) ||
        sdkc_sigv4_verify(&c->req, &c->vopt, &c->verdict, NULL)) {
        fprintf(stderr, "bench_sigv4: our own signature does not verify\n");
        return 1;
    }
    c->sha = sdkc_sha256_ctx_new();
    if (!c->sha ||
        sdkc_sigv4_signing_key(c->sha, NULL, S_SK, "20261129", "us-east-1", "datazone", c->key,
                               NULL) ||
        s_bare(c))
        return 1;
    sdkc_hex_encode(c->out, sizeof(c->out), hex);
    if (strcmp(hex, c->trace.signature) != 0) {
        fprintf(stderr, "bench_sigv4: the bare-crypto side computes a different signature\n");
        return 1;
    }
    return 0;
}

static void s_clean_up(struct s_ctx *c)
{
    sdkc_sha256_ctx_destroy(c->sha);
    sdkc_sigv4_trace_clean_up(&c->trace);
    sdkc_sigv4_verdict_clean_up(&c->verdict);
    sdkc_sigv4_key_cache_clean_up(&c->cache);
    sdkc_http_request_clean_up(&c->req);
    sdkc_credentials_clean_up(&c->creds);
}

/* Run botocore_sigv4.py; *out is its JSON (caller frees), or NULL with
 * why saying why it was skipped. */
static void s_botocore(const struct sdkc_bench_opts *o, cJSON **out, char *why, size_t why_len)
{
    char path[] = "/tmp/sdkc-bench-sigv4-XXXXXX";
    cJSON *spec = NULL, *h;
    char *text = NULL;
    FILE *f;
    int fd;

    *out = NULL;
    fd = mkstemp(path);
    if (fd < 0) {
        snprintf(why, why_len, "cannot create a temporary file");
        return;
    }
    close(fd);
    spec = cJSON_CreateObject();
    h = spec ? cJSON_AddObjectToObject(spec, "headers") : NULL;
    if (!h || !cJSON_AddStringToObject(spec, "method", "POST") ||
        !cJSON_AddStringToObject(spec, "url", "https://" S_HOST S_PATH) ||
        !cJSON_AddStringToObject(h, "Content-Type", "application/json") ||
        !cJSON_AddStringToObject(h, "User-Agent", S_UA) ||
        !cJSON_AddStringToObject(spec, "body", s_body) ||
        !cJSON_AddStringToObject(spec, "access_key", S_AK) ||
        !cJSON_AddStringToObject(spec, "secret_key", S_SK) ||
        !cJSON_AddStringToObject(spec, "region", "us-east-1") ||
        !cJSON_AddStringToObject(spec, "service", "datazone") ||
        !cJSON_AddStringToObject(spec, "amz_date", S_DATE) ||
        sdkc_json_print(spec, 0, &text, NULL) != SDKC_OK || !(f = fopen(path, "w")) ||
        fputs(text, f) < 0 || fclose(f) != 0) {
        snprintf(why, why_len, "cannot write the request for python");
        goto done;
    }
    sdkc_bench_run_python("botocore_sigv4.py", path, o, S_PY_OUTPUT_MAX, out, why, why_len);
done:
    unlink(path);
    sdkc_free(text);
    cJSON_Delete(spec);
}

static cJSON *s_side_json(const struct sdkc_bench_side *s)
{
    cJSON *j = cJSON_CreateObject();
    if (!j)
        return NULL;
    cJSON_AddNumberToObject(j, "ns_per_signature", s->ns_per_op);
    cJSON_AddNumberToObject(j, "min_ns", s->min_ns_per_op);
    cJSON_AddNumberToObject(j, "max_ns", s->max_ns_per_op);
    cJSON_AddNumberToObject(j, "signatures_per_s", 1e9 / s->ns_per_op);
    cJSON_AddNumberToObject(j, "batch", (double)s->batch);
    cJSON_AddNumberToObject(j, "operations", (double)s->operations);
    return j;
}

int main(int argc, char **argv)
{
    struct sdkc_bench_opts o;
    struct s_ctx c;
    cJSON *report = NULL, *rows, *sides_j, *py = NULL;
    char why[256] = "", note[256];
    double ratio;
    int rc;

    if (sdkc_alloc_global_init() != SDKC_OK) {
        fprintf(stderr, "bench_sigv4: cannot install the allocator hooks\n");
        return 1;
    }
    rc = sdkc_bench_parse_args(argc, argv, "sigv4", s_summary, &o);
    if (rc) {
        sdkc_alloc_global_clean_up();
        return rc < 0 ? 0 : rc;
    }
    memset(&c, 0, sizeof(c));
    rc = 1;
    if (s_setup(&c)) {
        fprintf(stderr, "bench_sigv4: cannot prepare the request\n");
        goto done;
    }
    if (SDKC_BENCH_SANITIZE[0])
        fprintf(stderr,
                "bench_sigv4: warning: sanitizer build (%s); figures are not "
                "representative\n",
                SDKC_BENCH_SANITIZE);
    report = cJSON_CreateObject();
    if (!report || !cJSON_AddStringToObject(report, "bench", "sigv4") ||
        !cJSON_AddItemToObject(report, "host", sdkc_bench_host()) ||
        !cJSON_AddNumberToObject(report, "body_bytes", (double)(sizeof(s_body) - 1)) ||
        !cJSON_AddNumberToObject(report, "canonical_request_bytes",
                                 (double)c.trace.canonical_request.len) ||
        !(sides_j = cJSON_AddObjectToObject(report, "sides")) ||
        !(rows = cJSON_AddArrayToObject(report, "rows")))
        goto done;

    s_botocore(&o, &py, why, sizeof(why));
    if (py) {
        const cJSON *sig = sdkc_json_get(py, "signature");
        if (!cJSON_IsString(sig) || strcmp(sig->valuestring, c.trace.signature) != 0) {
            fprintf(stderr, "bench_sigv4: botocore's signature differs from ours for the same "
                            "request and date; not comparing\n");
            snprintf(why, sizeof(why), "botocore signed something else (signature differs)");
            cJSON_Delete(py);
            py = NULL;
        } else {
            cJSON_AddItemToObject(report, "botocore", cJSON_Duplicate(py, 1));
        }
    }

    fprintf(stderr, "bench_sigv4: measuring...\n");
    {
        struct sdkc_bench_side sides[4] = {
            {.name = "sdkconform sign (cached key)", .fn = s_sign_cached, .ctx = &c},
            {.name = "bare crypto (cached key)", .fn = s_bare, .ctx = &c},
            {.name = "sdkconform sign (no cache)", .fn = s_sign_uncached, .ctx = &c},
            {.name = "sdkconform verify (cached key)", .fn = s_verify, .ctx = &c}};
        const cJSON *bns = sdkc_json_get(py, "ns_per_op");
        size_t i;
        if (sdkc_bench_compare(sides, 4, &o)) {
            fprintf(stderr, "bench_sigv4: a measured call failed\n");
            goto done;
        }
        for (i = 0; i < 4; i++)
            cJSON_AddItemToObject(sides_j, sides[i].name, s_side_json(&sides[i]));

        ratio = sides[0].ns_per_op / sides[1].ns_per_op;
        snprintf(note, sizeof(note), "%.0f signatures/s; bare crypto %.0f/s",
                 1e9 / sides[0].ns_per_op, 1e9 / sides[1].ns_per_op);
        sdkc_bench_row(rows, "sigv4 sign (cached key): time vs bare crypto lower bound",
                       "ns/signature", sides[0].ns_per_op, sides[1].ns_per_op,
                       "2x SHA-256 + 1x HMAC-SHA256", ratio, "<= 2", ratio <= 2 ? "ok" : "missed",
                       note);
        if (cJSON_IsNumber(bns) && bns->valuedouble > 0) {
            double speedup = bns->valuedouble / sides[0].ns_per_op;
            snprintf(note, sizeof(note), "botocore %s: %.0f signatures/s, same signature",
                     cJSON_GetStringValue(sdkc_json_get(py, "botocore_version")),
                     1e9 / bns->valuedouble);
            sdkc_bench_row(rows, "sigv4 sign: speed-up over botocore", "ns/signature",
                           sides[0].ns_per_op, bns->valuedouble, "botocore SigV4Auth.add_auth",
                           speedup, ">= 50", speedup >= 50 ? "ok" : "missed", note);
        } else {
            sdkc_bench_row(rows, "sigv4 sign: speed-up over botocore", "ns/signature",
                           sides[0].ns_per_op, -1, "botocore SigV4Auth.add_auth", -1, ">= 50",
                           "skipped", why[0] ? why : "no botocore figure");
        }
        ratio = sides[2].ns_per_op / sides[0].ns_per_op;
        snprintf(note, sizeof(note), "information: deriving the key adds 4 HMACs");
        sdkc_bench_row(rows, "sigv4 sign without key cache: time vs cached", "ns/signature",
                       sides[2].ns_per_op, sides[0].ns_per_op, "sdkconform sign (cached key)",
                       ratio, "info", "ok", note);
        ratio = sides[3].ns_per_op / sides[1].ns_per_op;
        snprintf(note, sizeof(note), "information: %.0f verifications/s", 1e9 / sides[3].ns_per_op);
        sdkc_bench_row(rows, "sigv4 verify (cached key): time vs bare crypto", "ns/signature",
                       sides[3].ns_per_op, sides[1].ns_per_op, "2x SHA-256 + 1x HMAC-SHA256", ratio,
                       "info", "ok", note);
    }
    rc = sdkc_bench_write(&o, "sigv4", report);
    if (!rc)
        fprintf(stderr, "bench_sigv4: wrote %s/sigv4.json\n", o.out_dir);
done:
    cJSON_Delete(py);
    cJSON_Delete(report);
    s_clean_up(&c);
    sdkc_alloc_global_clean_up();
    return rc;
}
