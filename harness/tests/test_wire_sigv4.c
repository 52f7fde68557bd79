/* SPDX-License-Identifier: Apache-2.0
 * Tests of the runner's signature check on wire requests (docs/DESIGN.md) and
 * of the report scrub with the run's credentials registered (docs/DESIGN.md):
 * a fake HTTP client (the builtin codec, its request signed here with
 * sdkc_sigv4_sign and then optionally spoiled) behind a fake endpoint.
 * Fixture vectors: tests/data/runner/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "impl/builtin.h"
#include "report/report.h"
#include "runner/runner.h"
#include "sigv4/credentials.h"
#include "sigv4/sigv4.h"
#include "tests/test.h"

#define S_DATA        SDKC_SOURCE_DIR "/harness/tests/data/runner"
#define S_KEY         "AKIDWIRESIGV4TEST"
#define S_SECRET      "wireSigv4Secret/Key+0123456789abcdefghijk"
#define S_TOKEN       "wireSigv4Token//session+token=value0123456"
#define S_MAX_RECORDS 64

void sdkc_test_setup(void);
void sdkc_test_setup(void)
{
    /* OpenSSL fetches SHA-256 / HMAC and creates per-thread error state
     * lazily: do it once before leak baselines (tests/test.h). */
    struct sdkc_sha256_ctx *ctx = sdkc_sha256_ctx_new();
    unsigned char md[SDKC_SHA256_LEN];
    if (ctx) {
        sdkc_sha256(ctx, "x", 1, md);
        sdkc_hmac_sha256(ctx, "k", 1, "x", 1, md);
    }
    sdkc_sha256_ctx_destroy(ctx);
}

enum s_mode { S_GOOD, S_TAMPER, S_UNSIGNED, S_WRONG_SECRET, S_STALE, S_UNSIGNED_PAYLOAD };

struct s_fake {
    enum s_mode mode;
    const char *service;     /* the scope the client signs for; NULL: "datazone" */
    const char *region;      /* NULL: "us-east-1" */
    struct sdkc_impl *inner; /* builtin: builds the request */
    const struct sdkc_credentials *creds;
};

struct s_collect {
    size_t n;
    enum sdkc_verdict verdicts[S_MAX_RECORDS];
    int gating[S_MAX_RECORDS];
    char levels[S_MAX_RECORDS][8];
    char vector_levels[S_MAX_RECORDS][8];
    char checks[S_MAX_RECORDS][16];
    char first_message[512];
    char first_diff[16384];
};

static void s_on_record(void *ctx, const struct sdkc_run_record *rec)
{
    struct s_collect *c = ctx;
    if (c->n < S_MAX_RECORDS) {
        c->verdicts[c->n] = rec->verdict;
        c->gating[c->n] = rec->gating;
        snprintf(c->levels[c->n], sizeof(c->levels[0]), "%s", rec->level);
        snprintf(c->vector_levels[c->n], sizeof(c->vector_levels[0]), "%s",
                 rec->vector_level ? rec->vector_level : "");
        snprintf(c->checks[c->n], sizeof(c->checks[0]), "%s", rec->check ? rec->check : "");
    }
    if (rec->diff && !c->first_diff[0])
        snprintf(c->first_diff, sizeof(c->first_diff), "%s", rec->diff);
    if (rec->verdict != SDKC_VERDICT_PASS && !c->first_message[0])
        snprintf(c->first_message, sizeof(c->first_message), "%s", rec->message);
    c->n++;
}

/* Sign the builtin's request as an SDK would, then spoil it per mode. */
static sdkc_result s_sign(struct s_fake *f, struct sdkc_http_request *req, struct sdkc_error *err)
{
    struct sdkc_sigv4_options so;
    struct sdkc_credentials wrong;
    char date[17];
    sdkc_result result;
    if (f->mode == S_UNSIGNED)
        return SDKC_OK;
    if ((result = sdkc_http_headers_set(&req->headers, "Host", "127.0.0.1:8080")))
        return result;
    memset(&so, 0, sizeof(so));
    so.creds = f->creds;
    if (f->mode == S_WRONG_SECRET) {
        wrong = *f->creds;
        wrong.secret_access_key = "notTheSecretThatWasHandedOut0123456789AB";
        so.creds = &wrong;
    }
    so.region = f->region ? f->region : "us-east-1";
    so.service = f->service ? f->service : "datazone";
    if (f->mode == S_UNSIGNED_PAYLOAD) {
        /* What botocore sends with payload signing off (auth.py
         * _modify_request_before_signing). */
        so.add_content_sha256 = 1;
        so.payload_hash = SDKC_SIGV4_UNSIGNED_PAYLOAD;
    }
    sdkc_sigv4_format_date(time(NULL) - (f->mode == S_STALE ? 7200 : 0), date);
    so.amz_date = date;
    so.normalize_path = 1;
    so.double_encode_path = 1;
    if ((result = sdkc_sigv4_sign(req, &so, NULL, err)))
        return result;
    if (f->mode == S_TAMPER) {
        const char *a = sdkc_http_headers_get(&req->headers, "Authorization");
        char *last = (char *)a + strlen(a) - 1;
        *last = *last == '0' ? '1' : '0';
    }
    return SDKC_OK;
}

static sdkc_result s_fake_call(struct sdkc_impl *impl, const struct sdkc_impl_call *call,
                               struct sdkc_impl_result *r, struct sdkc_error *err)
{
    struct s_fake *f = impl->data;
    sdkc_result result = f->inner->vtable->call(f->inner, call, r, err);
    if (result || !r->has_request)
        return result;
    if ((result = s_sign(f, &r->request, err)))
        return result;
    /* As an adapter reports what its endpoint captured (impl/impl.h). */
    r->request_sent = 1;
    r->during.requests = 1;
    return SDKC_OK;
}

static void s_fake_destroy(struct sdkc_impl *impl)
{
    (void)impl; /* on the test's stack */
}

static const struct sdkc_impl_vtable s_fake_vt = {.call = s_fake_call, .destroy = s_fake_destroy};

/* Everything one run needs; s_run_init / s_run_clean_up. */
struct s_run {
    struct sdkc_spec *spec;
    struct sdkc_credentials creds;
    struct s_fake f;
    struct sdkc_impl fake;
    struct sdkc_impl *impls[1];
    struct sdkc_runner_options o;
    const char *paths[1];
    char spool[64];
    struct s_collect c;
};

static int s_run_init(struct s_run *t, enum s_mode mode, const char *vectors)
{
    int fd;
    memset(t, 0, sizeof(*t));
    sdkc_credentials_init(&t->creds);
    if (sdkc_spec_load_default(&t->spec, NULL) != SDKC_OK ||
        sdkc_credentials_set(&t->creds, S_KEY, S_SECRET, S_TOKEN, NULL) != SDKC_OK ||
        sdkc_impl_builtin_new(t->spec, NULL, &t->f.inner, NULL) != SDKC_OK)
        return -1;
    t->f.mode = mode;
    t->f.creds = &t->creds;
    t->fake.vtable = &s_fake_vt;
    t->fake.name = "signing-client";
    t->fake.serial = 1;
    t->fake.signing_creds = &t->creds; /* what the client was handed */
    t->fake.signing_region = "us-east-1";
    t->fake.data = &t->f;
    t->impls[0] = &t->fake;
    snprintf(t->spool, sizeof(t->spool), "/tmp/sdkc-test-wire-sigv4-XXXXXX");
    fd = mkstemp(t->spool);
    if (fd < 0)
        return -1;
    close(fd);
    t->paths[0] = vectors;
    t->o.spec = t->spec;
    t->o.impls = t->impls;
    t->o.impl_count = 1;
    t->o.vector_paths = t->paths;
    t->o.vector_path_count = 1;
    t->o.gate = SDKC_LEVEL_MUST;
    t->o.spool_path = t->spool;
    t->o.on_record = s_on_record;
    t->o.on_record_ctx = &t->c;
    t->o.sigv4_service = t->spec->metadata.signing_name;
    return 0;
}

static void s_run_clean_up(struct s_run *t)
{
    sdkc_impl_destroy(t->f.inner);
    sdkc_spec_destroy(t->spec);
    sdkc_credentials_clean_up(&t->creds);
    if (t->spool[0])
        unlink(t->spool);
}

static sdkc_result s_go(struct s_run *t, struct sdkc_run_summary *sum)
{
    enum sdkc_run_fatal fatal;
    sdkc_run_summary_init(sum);
    return sdkc_runner_run(&t->o, sum, &fatal, NULL);
}

/* MARK: - the check */

SDKC_TEST(good_signatures_pass)
{
    struct s_run t;
    struct sdkc_run_summary sum;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_GOOD, S_DATA "/pass"), 0);
    CU_ASSERT_STRING_EQUAL(t.o.sigv4_service, "datazone");
    CU_ASSERT_EQUAL(s_go(&t, &sum), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.total, 7);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_PASS], 7);
    CU_ASSERT_EQUAL(sdkc_run_exit_code(&sum), 0);
    sdkc_run_summary_clean_up(&sum);
    s_run_clean_up(&t);
}

static void s_expect_all_fail(enum s_mode mode, const char *reason)
{
    struct s_run t;
    struct sdkc_run_summary sum;
    size_t i;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, mode, S_DATA "/pass"), 0);
    CU_ASSERT_EQUAL(s_go(&t, &sum), SDKC_OK);
    /* Every vector whose request was sent fails; runner.request.missing-user
     * is refused client-side (nothing sent, nothing to verify) and passes. */
    CU_ASSERT_EQUAL(sum.all.total, 7);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_FAIL], 6);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_PASS], 1);
    CU_ASSERT_EQUAL(sum.all.gating, 6);
    CU_ASSERT_EQUAL(sdkc_run_exit_code(&sum), 1);
    for (i = 0; i < t.c.n && i < S_MAX_RECORDS; i++)
        if (t.c.verdicts[i] == SDKC_VERDICT_FAIL)
            CU_ASSERT_STRING_EQUAL(t.c.levels[i], "MUST");
    CU_ASSERT_PTR_NOT_NULL(strstr(t.c.first_message, "sigv4 (MUST)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t.c.first_message, reason));
    CU_ASSERT_PTR_NOT_NULL(strstr(t.c.first_diff, "sigv4:\n"));
    sdkc_run_summary_clean_up(&sum);
    s_run_clean_up(&t);
}

SDKC_TEST(tampered_signature_fails_must)
{
    s_expect_all_fail(S_TAMPER, "signature mismatch");
}

SDKC_TEST(wrong_secret_fails_must)
{
    s_expect_all_fail(S_WRONG_SECRET, "signature mismatch");
}

SDKC_TEST(unsigned_request_fails_must)
{
    s_expect_all_fail(S_UNSIGNED, "no Authorization");
}

SDKC_TEST(stale_date_fails_must)
{
    s_expect_all_fail(S_STALE, "skew");
}

SDKC_TEST(diff_shows_canonical_request_and_string_to_sign)
{
    struct s_run t;
    struct sdkc_run_summary sum;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_TAMPER, S_DATA "/pass"), 0);
    CU_ASSERT_EQUAL(s_go(&t, &sum), SDKC_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(t.c.first_diff, "canonical request we computed:\n    POST\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t.c.first_diff, "    host:127.0.0.1:8080\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t.c.first_diff, "string to sign we computed:\n"
                                                  "    AWS4-HMAC-SHA256\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t.c.first_diff, "/us-east-1/datazone/aws4_request\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t.c.first_diff,
                                  "SignedHeaders sent: content-length;content-type;host;"
                                  "x-amz-date;x-amz-security-token\n"));
    sdkc_run_summary_clean_up(&sum);
    s_run_clean_up(&t);
}

/* A SHOULD vector's own failure is a warning; a bad signature on it is a
 * gating MUST failure all the same. */
SDKC_TEST(bad_signature_gates_below_must_vectors)
{
    struct s_run t;
    struct sdkc_run_summary sum;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_GOOD, S_DATA "/levels"), 0);
    CU_ASSERT_EQUAL(s_go(&t, &sum), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_FAIL], 2);
    CU_ASSERT_EQUAL(sum.all.gating, 0);
    CU_ASSERT_EQUAL(sum.all.warnings, 2);
    sdkc_run_summary_clean_up(&sum);
    s_run_clean_up(&t);

    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_TAMPER, S_DATA "/levels"), 0);
    CU_ASSERT_EQUAL(s_go(&t, &sum), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_FAIL], 2);
    CU_ASSERT_EQUAL(sum.all.gating, 2);
    CU_ASSERT_EQUAL(sum.all.warnings, 0);
    CU_ASSERT_STRING_EQUAL(t.c.levels[0], "MUST");
    /* printed honestly: "SHOULD vector, failed check sigv4 (MUST)" */
    CU_ASSERT_STRING_EQUAL(t.c.vector_levels[0], "SHOULD");
    CU_ASSERT_STRING_EQUAL(t.c.checks[0], "sigv4");
    CU_ASSERT_EQUAL(t.c.gating[0], 1);
    sdkc_run_summary_clean_up(&sum);
    s_run_clean_up(&t);
}

/* An expected-failures entry for a vector never hides a bad signature. */
SDKC_TEST(expected_failure_does_not_cover_bad_signature)
{
    struct s_run t;
    struct sdkc_run_summary sum;
    char xf[] = "/tmp/sdkc-test-wire-sigv4-xf-XXXXXX";
    const char *xfs[1];
    FILE *f;
    int fd = mkstemp(xf);
    CU_ASSERT_FATAL(fd >= 0);
    f = fdopen(fd, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("{\"format\":\"sdkconform-expected-failures/1\",\"impls\":{\"signing-client\":["
          "{\"id\":\"runner.levels.should\",\"reason\":\"r\",\"evidence\":\"e\"}]}}\n",
          f);
    fclose(f);
    xfs[0] = xf;
    /* Signed well: the listed vector is an expected failure. */
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_GOOD, S_DATA "/levels"), 0);
    t.o.expected_failures = xfs;
    t.o.expected_failures_count = 1;
    CU_ASSERT_EQUAL(s_go(&t, &sum), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_XFAIL], 1);
    sdkc_run_summary_clean_up(&sum);
    s_run_clean_up(&t);
    /* Tampered: a gating failure despite the entry. */
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_TAMPER, S_DATA "/levels"), 0);
    t.o.expected_failures = xfs;
    t.o.expected_failures_count = 1;
    CU_ASSERT_EQUAL(s_go(&t, &sum), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_XFAIL], 0);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_FAIL], 2);
    CU_ASSERT_EQUAL(sum.all.gating, 2);
    sdkc_run_summary_clean_up(&sum);
    s_run_clean_up(&t);
    unlink(xf);
}

SDKC_TEST(check_off_without_credentials)
{
    struct s_run t;
    struct sdkc_run_summary sum;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_TAMPER, S_DATA "/pass"), 0);
    t.o.sigv4_off = 1; /* --no-sigv4 */
    CU_ASSERT_EQUAL(s_go(&t, &sum), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_PASS], 7);
    sdkc_run_summary_clean_up(&sum);
    s_run_clean_up(&t);
}

SDKC_TEST(in_process_impls_are_not_checked)
{
    struct s_run t;
    struct sdkc_run_summary sum;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_GOOD, S_DATA "/pass"), 0);
    t.impls[0] = t.f.inner; /* builtin: signs nothing, shows its request */
    CU_ASSERT_EQUAL(s_go(&t, &sum), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_PASS], 7);
    sdkc_run_summary_clean_up(&sum);
    s_run_clean_up(&t);
}

SDKC_TEST(check_needs_a_service)
{
    struct s_run t;
    struct sdkc_run_summary sum;
    enum sdkc_run_fatal fatal;
    struct sdkc_error err;
    const char *name;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_GOOD, S_DATA "/pass"), 0);
    /* No service given and none in the model: the check cannot run. */
    t.o.sigv4_service = NULL;
    name = t.spec->metadata.signing_name;
    t.spec->metadata.signing_name = NULL;
    sdkc_error_init(&err);
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&t.o, &sum, &fatal, &err), SDKC_ERR_INVALID_ARG);
    CU_ASSERT_EQUAL(fatal, SDKC_RUN_FATAL_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "signing service"));
    sdkc_run_summary_clean_up(&sum);
    t.spec->metadata.signing_name = name;
    s_run_clean_up(&t);
}

/* MARK: - allocation faults */

static int s_fault_run(void *ctx)
{
    struct s_run *t = ctx;
    struct sdkc_run_summary sum;
    sdkc_result result;
    memset(&t->c, 0, sizeof(t->c));
    result = s_go(t, &sum);
    sdkc_run_summary_clean_up(&sum);
    return result;
}

SDKC_TEST(sigv4_check_fault_walk)
{
    /* The spec, credentials and builtin are made outside the walk; the
     * runner (verify, trace, fallback, diff) runs inside it. */
    static const int also_ok[] = {SDKC_ERR_STATE, SDKC_ERR_CRYPTO, 0}; /* OpenSSL failing inside */
    struct s_run t;
    uint64_t sites;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_TAMPER, S_DATA "/levels"), 0);
    sites = sdkc_test_fault_walk("runner sigv4 check", s_fault_run, &t, also_ok);
    CU_ASSERT(sites > 20);
    s_run_clean_up(&t);
}

/* MARK: - scrub with the run's credentials */

SDKC_TEST(scrub_removes_registered_secret_and_token)
{
    struct sdkc_credentials creds;
    struct sdkc_buf b;
    /* JSON-escaped (a spool line) and raw, with the token percent-encoded. */
    const char *text =
        "{\"diff\":\"x-amz-security-token:" S_TOKEN "\\n    next-line kept\\n\","
        "\"message\":\"echo " S_SECRET " and wireSigv4Token%2F%2Fsession%2Btoken%3Dvalue0123456 "
        "and Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}";
    sdkc_credentials_init(&creds);
    CU_ASSERT_EQUAL_FATAL(sdkc_credentials_set(&creds, S_KEY, S_SECRET, S_TOKEN, NULL), SDKC_OK);

    sdkc_report_scrub_set_credentials(&creds);
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_report_scrub(&b, text, strlen(text)), SDKC_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b.data);
    CU_ASSERT_PTR_NULL(strstr(b.data, "wireSigv4Secret"));
    CU_ASSERT_PTR_NULL(strstr(b.data, "wireSigv4Token"));
    CU_ASSERT_PTR_NULL(strstr(b.data, "0123456789abcdef0123"));
    /* Redaction stops at the escaped line break: the rest survives. */
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "next-line kept"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "\"message\":\"echo "));
    sdkc_buf_clean_up(&b);

    /* Cleared: the registered secret is no longer known (only the generic
     * rules apply), so the raw secret in plain prose survives. */
    sdkc_report_scrub_set_credentials(NULL);
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_report_scrub(&b, "echo " S_SECRET, strlen("echo " S_SECRET)), SDKC_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b.data);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "wireSigv4Secret"));
    sdkc_buf_clean_up(&b);
    sdkc_credentials_clean_up(&creds);
}

/* An operation the model sends unsigned (`auth: []`, as sso's; gen's
 * vectors then forbid Authorization) is not held to the signature check:
 * a client right not to sign passes; the same client fails on an operation
 * that is signed (above). */
SDKC_TEST(unauthenticated_operations_are_not_signature_checked)
{
    struct s_run t;
    struct sdkc_run_summary sum;
    cJSON *model = NULL, *op;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_UNSIGNED, S_DATA "/pass"), 0);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse_file(SDKC_SOURCE_DIR
                                               "/specs/datazone-createuserprofile.json",
                                               NULL, &model, NULL),
                          SDKC_OK);
    op = sdkc_json_get(sdkc_json_get(model, "operations"), "CreateUserProfile");
    CU_ASSERT_PTR_NOT_NULL_FATAL(op);
    cJSON_DeleteItemFromObjectCaseSensitive(op, "auth");
    CU_ASSERT_FATAL(cJSON_AddItemToObject(op, "auth", cJSON_CreateArray()));
    sdkc_impl_destroy(t.f.inner);
    sdkc_spec_destroy(t.spec);
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_json(model, "noauth", &t.spec, NULL), SDKC_OK);
    cJSON_Delete(model);
    CU_ASSERT_TRUE(sdkc_spec_find_operation(t.spec, "CreateUserProfile")->unauthenticated);
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(t.spec, NULL, &t.f.inner, NULL), SDKC_OK);
    t.o.spec = t.spec;
    t.o.sigv4_service = t.spec->metadata.signing_name; /* pointed into the old spec */
    CU_ASSERT_EQUAL(s_go(&t, &sum), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.total, 7);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_PASS], 7);
    sdkc_run_summary_clean_up(&sum);
    s_run_clean_up(&t);
}

/* MARK: - the check follows the model */

/* Reload t's spec from the bundled model with CreateUserProfile's (or the
 * metadata's) key set to the JSON value given, and the operation's key
 * `drop` (when not NULL) removed; the builtin and the options follow. */
static void s_remodel(struct s_run *t, int in_metadata, const char *key, const char *json,
                      const char *drop)
{
    cJSON *model = NULL, *node, *value = cJSON_Parse(json);
    CU_ASSERT_PTR_NOT_NULL_FATAL(value);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse_file(SDKC_SOURCE_DIR
                                               "/specs/datazone-createuserprofile.json",
                                               NULL, &model, NULL),
                          SDKC_OK);
    node = in_metadata ? sdkc_json_get(model, "metadata")
                       : sdkc_json_get(sdkc_json_get(model, "operations"), "CreateUserProfile");
    CU_ASSERT_PTR_NOT_NULL_FATAL(node);
    cJSON_DeleteItemFromObjectCaseSensitive(node, key);
    CU_ASSERT_FATAL(cJSON_AddItemToObject(node, key, value));
    if (drop)
        cJSON_DeleteItemFromObjectCaseSensitive(
            sdkc_json_get(sdkc_json_get(model, "operations"), "CreateUserProfile"), drop);
    sdkc_impl_destroy(t->f.inner);
    t->f.inner = NULL;
    sdkc_spec_destroy(t->spec);
    t->spec = NULL;
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_json(model, "remodelled", &t->spec, NULL), SDKC_OK);
    cJSON_Delete(model);
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(t->spec, NULL, &t->f.inner, NULL), SDKC_OK);
    t->o.spec = t->spec;
    t->o.sigv4_service = t->spec->metadata.signing_name;
}

static const struct sdkc_operation *s_op(const struct s_run *t)
{
    return sdkc_spec_find_operation(t->spec, "CreateUserProfile");
}

/* Every sent request (6 of 7: one is refused client-side) fails at MUST
 * with a message holding `want`. */
static void s_expect_must(struct s_run *t, const char *want)
{
    struct sdkc_run_summary sum;
    CU_ASSERT_EQUAL(s_go(t, &sum), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_FAIL], 6);
    CU_ASSERT_EQUAL(sum.all.gating, 6);
    CU_ASSERT_STRING_EQUAL(t->c.levels[0], "MUST");
    CU_ASSERT_STRING_EQUAL(t->c.checks[0], "sigv4");
    CU_ASSERT_PTR_NOT_NULL(strstr(t->c.first_message, want));
    CU_ASSERT_PTR_NULL(strchr(t->c.first_message, '\n'));
    if (!strstr(t->c.first_message, want))
        fprintf(stderr, "message: %s\n", t->c.first_message);
    /* The canonical request and string to sign are shown as for any
     * signature failure. */
    CU_ASSERT_PTR_NOT_NULL(strstr(t->c.first_diff, "canonical request we computed:\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t->c.first_diff, "string to sign we computed:\n"));
    sdkc_run_summary_clean_up(&sum);
}

static void s_expect_all_pass(struct s_run *t)
{
    struct sdkc_run_summary sum;
    CU_ASSERT_EQUAL(s_go(t, &sum), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.total, 7);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_PASS], 7);
    if (sum.all.by[SDKC_VERDICT_PASS] != 7)
        fprintf(stderr, "message: %s\n", t->c.first_message);
    sdkc_run_summary_clean_up(&sum);
}

/* A client that signs an operation the model sends unsigned: SHOULD
 * (sigv4.h sdkc_sigv4_check_expected: botocore writes @optionalAuth as
 * noAuth too, so the service cannot refuse the signature, but botocore and
 * the JS v3 SDK send none). A warning under the MUST gate, gating under
 * --level SHOULD, and the message names what the model says. */
SDKC_TEST(signed_request_on_unsigned_operation_fails_at_should)
{
    static const struct {
        int in_metadata;
        const char *key, *json, *note;
    } cases[] = {
        {0, "auth", "[]", "this operation is unsigned (model: auth [])"},
        {0, "auth", "[\"smithy.api#noAuth\"]",
         "this operation is unsigned (model: auth [smithy.api#noAuth])"},
        {0, "authtype", "\"none\"", "this operation is unsigned (model: authtype none)"},
    };
    size_t i, k;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct s_run t;
        struct sdkc_run_summary sum;
        CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_GOOD, S_DATA "/pass"), 0);
        /* authtype: the bundled auth list would win (botocore). */
        s_remodel(&t, cases[i].in_metadata, cases[i].key, cases[i].json,
                  strcmp(cases[i].key, "authtype") == 0 ? "auth" : NULL);
        CU_ASSERT_TRUE(s_op(&t)->unauthenticated);
        CU_ASSERT_EQUAL(s_go(&t, &sum), SDKC_OK);
        CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_FAIL], 6);
        CU_ASSERT_EQUAL(sum.all.gating, 0);
        CU_ASSERT_EQUAL(sum.all.warnings, 6);
        CU_ASSERT_EQUAL(sdkc_run_exit_code(&sum), 0);
        for (k = 0; k < t.c.n && k < S_MAX_RECORDS; k++)
            if (t.c.verdicts[k] == SDKC_VERDICT_FAIL) {
                CU_ASSERT_STRING_EQUAL(t.c.levels[k], "SHOULD");
                CU_ASSERT_STRING_EQUAL(t.c.checks[k], "sigv4");
            }
        CU_ASSERT_PTR_NOT_NULL(strstr(t.c.first_message, "sigv4 (SHOULD): "));
        CU_ASSERT_PTR_NOT_NULL(strstr(t.c.first_message, cases[i].note));
        CU_ASSERT_PTR_NOT_NULL(strstr(t.c.first_message, "an Authorization header"));
        CU_ASSERT_PTR_NULL(strchr(t.c.first_message, '\n'));
        sdkc_run_summary_clean_up(&sum);
        /* --level SHOULD: the same finding gates. */
        memset(&t.c, 0, sizeof(t.c));
        t.o.gate = SDKC_LEVEL_SHOULD;
        CU_ASSERT_EQUAL(s_go(&t, &sum), SDKC_OK);
        CU_ASSERT_EQUAL(sum.all.gating, 6);
        CU_ASSERT_EQUAL(sdkc_run_exit_code(&sum), 1);
        sdkc_run_summary_clean_up(&sum);
        s_run_clean_up(&t);
    }
}

/* The SHOULD finding never lowers a vector that fails its own MUST
 * checks, and an unsigned request on an unsigned operation is not
 * checked further (a stale or wrong signature cannot be there). */
SDKC_TEST(unsigned_operation_finding_keeps_the_vector_level)
{
    struct s_run t;
    struct sdkc_run_summary sum;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_GOOD, S_DATA "/levels"), 0);
    s_remodel(&t, 0, "auth", "[]", NULL);
    CU_ASSERT_EQUAL(s_go(&t, &sum), SDKC_OK);
    /* should-fail.json: SHOULD vectors that fail their own checks. */
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_FAIL], 2);
    CU_ASSERT_STRING_EQUAL(t.c.levels[0], "SHOULD");
    CU_ASSERT_STRING_EQUAL(t.c.checks[0], "");
    CU_ASSERT_PTR_NULL(strstr(t.c.first_message, "sigv4"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t.c.first_diff, "sigv4:\n  SHOULD: "));
    sdkc_run_summary_clean_up(&sum);
    s_run_clean_up(&t);
}

SDKC_TEST(scope_service_must_be_the_models_signing_name)
{
    struct s_run t;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_GOOD, S_DATA "/pass"), 0);
    t.f.service = "datazonx";
    s_expect_must(&t, "sigv4 (MUST): wrong service in credential scope: signed for service "
                      "'datazonx', the model says 'datazone'");
    s_run_clean_up(&t);
}

SDKC_TEST(scope_region_must_be_the_runs_region)
{
    struct s_run t;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_GOOD, S_DATA "/pass"), 0);
    t.f.region = "eu-west-1";
    s_expect_must(&t, "signed for region 'eu-west-1', the run's region is 'us-east-1'");
    s_run_clean_up(&t);
}

/* metadata.signingName, not endpointPrefix, names the scope's service
 * (botocore model.py ServiceModel.signing_name; Smithy aws.auth#sigv4
 * `name`): a client signing for the endpoint prefix fails, one signing for
 * the signing name passes. botocore 1.43.11's models hold no per-operation
 * signing name, so the service's is the one to follow. */
SDKC_TEST(scope_service_follows_signing_name_over_endpoint_prefix)
{
    struct s_run t;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_GOOD, S_DATA "/pass"), 0);
    s_remodel(&t, 1, "signingName", "\"datazone-sign\"", NULL);
    CU_ASSERT_STRING_EQUAL(t.spec->metadata.endpoint_prefix, "datazone");
    CU_ASSERT_STRING_EQUAL(t.o.sigv4_service, "datazone-sign");
    s_expect_must(&t, "signed for service 'datazone', the model says 'datazone-sign'");
    s_run_clean_up(&t);

    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_GOOD, S_DATA "/pass"), 0);
    s_remodel(&t, 1, "signingName", "\"datazone-sign\"", NULL);
    t.f.service = "datazone-sign";
    s_expect_all_pass(&t);
    s_run_clean_up(&t);
}

/* UNSIGNED-PAYLOAD where the model signs the body: MUST (Smithy aws-auth:
 * "Most requests sent to AWS services require that the payload of the
 * request is signed"; the literal is for @unsignedPayload operations and
 * S3), with the canonical request over UNSIGNED-PAYLOAD shown. */
SDKC_TEST(unsigned_payload_fails_where_the_model_signs_the_body)
{
    struct s_run t;
    CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_UNSIGNED_PAYLOAD, S_DATA "/pass"), 0);
    CU_ASSERT_FALSE(s_op(&t)->unsigned_payload);
    s_expect_must(&t, "sigv4 (MUST): UNSIGNED-PAYLOAD, but the body must be signed: "
                      "x-amz-content-sha256 is UNSIGNED-PAYLOAD, and the model does not mark "
                      "this operation unsignedPayload");
    CU_ASSERT_PTR_NOT_NULL(strstr(t.c.first_diff, "\n    UNSIGNED-PAYLOAD\n"));
    s_run_clean_up(&t);
}

/* Where the model leaves the body out (`unsignedPayload: true`, or
 * `authtype: "v4-unsigned-body"`, botocore handlers.py), UNSIGNED-PAYLOAD
 * is the payload line and verifies; a client that hashes the body anyway
 * passes too (botocore signs the body over plain http, auth.py
 * _should_sha256_sign_payload, and a signed body is never refused). */
SDKC_TEST(unsigned_payload_passes_where_the_model_allows_it)
{
    static const char *const keys[] = {"unsignedPayload", "authtype"};
    static const char *const values[] = {"true", "\"v4-unsigned-body\""};
    size_t i;
    for (i = 0; i < 2; i++) {
        struct s_run t;
        CU_ASSERT_EQUAL_FATAL(s_run_init(&t, S_UNSIGNED_PAYLOAD, S_DATA "/pass"), 0);
        s_remodel(&t, 0, keys[i], values[i], NULL);
        CU_ASSERT_TRUE(s_op(&t)->unsigned_payload);
        CU_ASSERT_FALSE(s_op(&t)->unauthenticated);
        s_expect_all_pass(&t);
        memset(&t.c, 0, sizeof(t.c));
        t.f.mode = S_GOOD;
        s_expect_all_pass(&t);
        s_run_clean_up(&t);
    }
}

/* A signature in the query (presigned form) on an unsigned operation is a
 * signature all the same; the check's own arguments are required. */
SDKC_TEST(check_expected_sees_query_signatures)
{
    struct sdkc_http_request req;
    struct sdkc_sigv4_verify_options vo;
    struct sdkc_sigv4_expect ex;
    struct sdkc_sigv4_verdict verdict;
    struct sdkc_credentials creds;
    struct sdkc_error err;
    sdkc_http_request_init(&req);
    sdkc_credentials_init(&creds);
    sdkc_sigv4_verdict_init(&verdict);
    CU_ASSERT_EQUAL_FATAL(sdkc_credentials_set(&creds, S_KEY, S_SECRET, NULL, NULL), SDKC_OK);
    req.method = sdkc_strdup("GET");
    req.path = sdkc_strdup("/a");
    req.query = sdkc_strdup("x=1&x-amz-signature=00");
    CU_ASSERT_PTR_NOT_NULL_FATAL(req.query);
    memset(&vo, 0, sizeof(vo));
    vo.creds = &creds;
    vo.region = "us-east-1";
    vo.service = "datazone";
    vo.now = time(NULL);
    memset(&ex, 0, sizeof(ex));
    ex.unsigned_op = 1;
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_sigv4_check_expected(&req, &vo, &ex, &verdict, &err), SDKC_ERR_VERIFY);
    CU_ASSERT_EQUAL(verdict.reason, SDKC_SIGV4_SIGNED_UNSIGNED_OP);
    CU_ASSERT_TRUE(verdict.should);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "(model: auth none)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "X-Amz-Signature in the query"));
    /* "x-amz-signature" inside another parameter's value is no signature. */
    sdkc_free(req.query);
    req.query = sdkc_strdup("q=x-amz-signature%3D0");
    CU_ASSERT_PTR_NOT_NULL_FATAL(req.query);
    CU_ASSERT_EQUAL(sdkc_sigv4_check_expected(&req, &vo, &ex, &verdict, &err), SDKC_OK);
    CU_ASSERT_FALSE(verdict.should);
    /* Signed operation, unsigned request: says the model signs it. */
    ex.unsigned_op = 0;
    CU_ASSERT_EQUAL(sdkc_sigv4_check_expected(&req, &vo, &ex, &verdict, &err), SDKC_ERR_VERIFY);
    CU_ASSERT_EQUAL(verdict.reason, SDKC_SIGV4_NO_AUTHORIZATION);
    CU_ASSERT_FALSE(verdict.should);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "but the model signs this operation"));
    CU_ASSERT_EQUAL(sdkc_sigv4_check_expected(&req, &vo, NULL, &verdict, &err),
                    SDKC_ERR_INVALID_ARG);
    sdkc_sigv4_verdict_clean_up(&verdict);
    sdkc_credentials_clean_up(&creds);
    sdkc_http_request_clean_up(&req);
}
