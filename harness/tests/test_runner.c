/* SPDX-License-Identifier: Apache-2.0
 * Tests of the runner and the builtin client: verdicts (pass, fail, skip,
 * xfail, xpass, error), gating by level, fatal implementation failures,
 * the wire seam (serve / take), interruption, sharding, idempotency-token
 * uniqueness, the expected-failures file's errors, and the whole run under
 * allocation-fault injection. Fixture vectors: tests/data/runner/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codec/codec.h"
#include "core/alloc.h"
#include "core/json.h"
#include "impl/builtin.h"
#include "runner/runner.h"
#include "runner/xfail.h"
#include "tests/test.h"

#define S_DATA SDKC_SOURCE_DIR "/harness/tests/data/runner"

/* MARK: - helpers */

struct s_collect {
    size_t n;
    char ids[64][128];
    enum sdkc_verdict verdicts[64];
    int gating[64];
    char levels[64][8];
    char vector_levels[64][8];
    char checks[64][16];
    char messages[64][256];
    char first_diff[16384];
    char first_rerun[512];
    size_t stop_after; /* set *stop after this many records (0 = never) */
    volatile sig_atomic_t *stop;
};

static void s_on_record(void *ctx, const struct sdkc_run_record *rec)
{
    struct s_collect *c = ctx;
    if (c->n < 64) {
        snprintf(c->ids[c->n], sizeof(c->ids[0]), "%s", rec->id);
        c->verdicts[c->n] = rec->verdict;
        c->gating[c->n] = rec->gating;
        snprintf(c->levels[c->n], sizeof(c->levels[0]), "%s", rec->level ? rec->level : "");
        snprintf(c->vector_levels[c->n], sizeof(c->vector_levels[0]), "%s",
                 rec->vector_level ? rec->vector_level : "");
        snprintf(c->checks[c->n], sizeof(c->checks[0]), "%s", rec->check ? rec->check : "");
        snprintf(c->messages[c->n], sizeof(c->messages[0]), "%s", rec->message);
    }
    if (rec->diff && !c->first_diff[0])
        snprintf(c->first_diff, sizeof(c->first_diff), "%s", rec->diff);
    if (rec->rerun && !c->first_rerun[0])
        snprintf(c->first_rerun, sizeof(c->first_rerun), "%s", rec->rerun);
    c->n++;
    if (c->stop_after && c->n >= c->stop_after)
        *c->stop = 1;
}

static enum sdkc_verdict s_verdict_of(const struct s_collect *c, const char *id)
{
    size_t i;
    for (i = 0; i < c->n && i < 64; i++)
        if (strcmp(c->ids[i], id) == 0)
            return c->verdicts[i];
    return SDKC_VERDICT_COUNT;
}

static char g_spool[256];

static void s_spool_path(void)
{
    int fd;
    snprintf(g_spool, sizeof(g_spool), "/tmp/sdkc-test-spool-XXXXXX");
    fd = mkstemp(g_spool);
    if (fd >= 0)
        close(fd);
}

static size_t s_spool_lines(void)
{
    FILE *f = fopen(g_spool, "rb");
    size_t n = 0;
    int ch;
    if (!f)
        return 0;
    while ((ch = fgetc(f)) != EOF)
        n += ch == '\n';
    fclose(f);
    return n;
}

static void s_opts(struct sdkc_runner_options *o, const struct sdkc_spec *spec,
                   struct sdkc_impl **impls, size_t n, const char *const *paths, size_t np,
                   struct s_collect *c)
{
    memset(o, 0, sizeof(*o));
    o->spec = spec;
    o->impls = impls;
    o->impl_count = n;
    o->vector_paths = paths;
    o->vector_path_count = np;
    o->gate = SDKC_LEVEL_MUST;
    o->spool_path = g_spool;
    o->on_record = s_on_record;
    o->on_record_ctx = c;
    o->rerun_prefix = "build/sdkconform replay";
}

/* A fake implementation whose behaviour each test picks. */
enum s_fake_mode {
    S_FAKE_NOTHING,
    S_FAKE_PROTOCOL_ERROR,
    S_FAKE_BROKEN,
    S_FAKE_WIRE_BUILTIN,
    S_FAKE_CRASH,  /* the client died on the response (adapter clientError crash) */
    S_FAKE_HANG,   /* the client hung (adapter clientError timeout) */
    S_FAKE_REFUSE, /* the client refused the call (clientError validation), sent nothing */
    S_FAKE_SCALAR  /* the client returned {"output": 42} */
};

struct s_endpoint {
    struct sdkc_http_request captured;
    int serves, takes, finals;
    int canned_seen;
    /* At take number inject_at (1-based), report inject_requests more
     * requests and inject_refused refusals (framing ones when
     * inject_framing) than the client made, as a real endpoint does for a
     * stray, a retry or a refused request. */
    int inject_at;
    unsigned inject_requests, inject_refused, inject_framing;
};

struct s_fake {
    enum s_fake_mode mode;
    struct sdkc_impl *inner; /* builtin, for S_FAKE_WIRE_BUILTIN */
    struct s_endpoint *ep;   /* the endpoint the fake owns, for S_FAKE_WIRE_BUILTIN */
    int served;
};

static void s_ep_serve(struct s_endpoint *e, const struct sdkc_http_response *canned);
static void s_ep_take(struct s_endpoint *e, struct sdkc_impl_traffic *t,
                      struct sdkc_http_request *req);

static sdkc_result s_fake_call(struct sdkc_impl *impl, const struct sdkc_impl_call *call,
                               struct sdkc_impl_result *r, struct sdkc_error *err)
{
    struct s_fake *f = impl->data;
    sdkc_result result;
    switch (f->mode) {
    case S_FAKE_NOTHING: return SDKC_OK; /* no request shown, no document */
    case S_FAKE_PROTOCOL_ERROR:
        r->protocol_error = sdkc_strdup("garbage\x01line");
        return r->protocol_error ? SDKC_OK : SDKC_ERR_NOMEM;
    case S_FAKE_BROKEN:
        return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "the adapter died for good");
    case S_FAKE_CRASH:
    case S_FAKE_HANG:
        r->doc = sdkc_result_client_error(f->mode == S_FAKE_CRASH ? "crash" : "timeout", "m");
        return r->doc ? SDKC_OK : SDKC_ERR_NOMEM;
    case S_FAKE_REFUSE: {
        /* A long message with a line break and an ESC: the runner must cut
         * it and keep the message one line (core/text.h). */
        char msg[1200];
        memset(msg, 'x', sizeof(msg) - 1);
        msg[sizeof(msg) - 1] = '\0';
        memcpy(msg, "Invalid length\n\x1b[2J for userIdentifier", 38);
        r->doc = sdkc_result_client_error("validation", msg);
        r->request_sent = 1;
        return r->doc ? SDKC_OK : SDKC_ERR_NOMEM;
    }
    case S_FAKE_SCALAR:
        r->doc = cJSON_CreateObject();
        if (!r->doc || !cJSON_AddNumberToObject(r->doc, "output", 42))
            return SDKC_ERR_NOMEM;
        return SDKC_OK;
    case S_FAKE_WIRE_BUILTIN:
        /* Behave like an adapter that owns its endpoint (impl/impl.h): what
         * arrived since its previous call, the canned response served, the
         * request sent over "HTTP", then what the endpoint captured. */
        s_ep_take(f->ep, &r->late, NULL);
        s_ep_serve(f->ep, call->canned);
        result = f->inner->vtable->call(f->inner, call, r, err);
        if (result)
            return result;
        if (r->has_request) {
            sdkc_http_request_clean_up(&f->ep->captured);
            f->ep->captured = r->request;
            sdkc_http_request_init(&r->request);
        }
        s_ep_take(f->ep, &r->during, &r->request);
        r->request_sent = 1;
        r->has_request = r->during.requests > 0;
        return SDKC_OK;
    }
    return SDKC_ERR_STATE;
}

static void s_fake_destroy(struct sdkc_impl *impl)
{
    (void)impl; /* stack-allocated in the tests */
}

/* Requests that reached the fake's endpoint between calls. */
static sdkc_result s_fake_drain(struct sdkc_impl *impl, int final, struct sdkc_impl_traffic *late,
                                struct sdkc_error *err)
{
    struct s_fake *f = impl->data;
    (void)err;
    memset(late, 0, sizeof(*late));
    if (f->mode == S_FAKE_WIRE_BUILTIN && f->ep) {
        f->ep->finals += final;
        s_ep_take(f->ep, late, NULL);
    }
    return SDKC_OK;
}

static const struct sdkc_impl_vtable s_fake_vt = {
    .call = s_fake_call, .destroy = s_fake_destroy, .drain = s_fake_drain};

static void s_ep_serve(struct s_endpoint *e, const struct sdkc_http_response *canned)
{
    e->serves++;
    e->canned_seen += canned != NULL;
}

/* A take of the fake endpoint: what it "received" since the previous one
 * (req: the last request, or NULL to drop it), plus the injection. */
static void s_ep_take(struct s_endpoint *e, struct sdkc_impl_traffic *t,
                      struct sdkc_http_request *req)
{
    unsigned requests = e->captured.method != NULL, refused = 0, framing = 0;
    char reason[SDKC_IMPL_REASON_MAX] = "";
    e->takes++;
    if (e->takes == e->inject_at) {
        requests += e->inject_requests;
        refused = e->inject_refused;
        framing = e->inject_framing;
        if (refused)
            snprintf(reason, sizeof(reason), "POST /x: %s",
                     framing ? "Content-Length together with Transfer-Encoding (RFC 9112 §6.1)"
                             : "more than 4 header fields (the endpoint's cap)");
    }
    sdkc_impl_traffic_set(t, requests, refused, framing, reason, &e->captured);
    if (req) {
        sdkc_http_request_clean_up(req);
        *req = e->captured;
    } else {
        sdkc_http_request_clean_up(&e->captured);
    }
    sdkc_http_request_init(&e->captured);
}

static struct sdkc_spec *s_spec(void)
{
    struct sdkc_spec *spec = NULL;
    CU_ASSERT_EQUAL(sdkc_spec_load_default(&spec, NULL), SDKC_OK);
    return spec;
}

/* MARK: - builtin */

SDKC_TEST(builtin_encodes_decodes_and_validates)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_impl *b = NULL;
    struct sdkc_impl_result r;
    struct sdkc_impl_call call;
    struct sdkc_http_response resp;
    struct sdkc_builtin_options bo;
    cJSON *params = cJSON_Parse("{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\"}");
    cJSON *bad = cJSON_Parse("{\"domainIdentifier\":\"d\"}");
    const cJSON *ce;
    CU_ASSERT_PTR_NOT_NULL_FATAL(spec);
    memset(&bo, 0, sizeof(bo));
    bo.uuid = SDKC_BUILTIN_UUID_FIXED;
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, &bo, &b, NULL), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(b->name, "builtin");
    CU_ASSERT_EQUAL(b->serial, 0); /* in process, thread-safe */
    CU_ASSERT_PTR_NULL(b->signing_creds);

    sdkc_http_response_init(&resp);
    resp.status = 201;
    resp.body = sdkc_strdup("{\"id\":\"p\"}");
    resp.body_len = strlen(resp.body);
    memset(&call, 0, sizeof(call));
    call.id = "t";
    call.operation = "CreateUserProfile";
    call.params = params;
    call.canned = &resp;
    sdkc_impl_result_init(&r);
    CU_ASSERT_EQUAL(b->vtable->call(b, &call, &r, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(r.has_request, 1);
    CU_ASSERT_STRING_EQUAL(r.request.method, "POST");
    CU_ASSERT_STRING_EQUAL(r.request.path, "/v2/domains/d/user-profiles");
    CU_ASSERT_PTR_NOT_NULL(strstr(r.request.body, "00000000-0000-4000-8000-000000000000"));
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(sdkc_json_get(r.doc, "output"), "id")->valuestring, "p");
    sdkc_impl_result_clean_up(&r);

    /* A missing required member: a validation clientError, no request. */
    call.params = bad;
    sdkc_impl_result_init(&r);
    CU_ASSERT_EQUAL(b->vtable->call(b, &call, &r, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(r.has_request, 0);
    ce = sdkc_json_get(r.doc, "clientError");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ce);
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(ce, "kind")->valuestring, "validation");
    CU_ASSERT_PTR_NOT_NULL(strstr(sdkc_json_get(ce, "message")->valuestring, "userIdentifier"));
    sdkc_impl_result_clean_up(&r);

    /* An operation the spec lacks: unsupported, not a harness failure. */
    call.operation = "DeleteEverything";
    sdkc_impl_result_init(&r);
    CU_ASSERT_EQUAL(b->vtable->call(b, &call, &r, NULL), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(sdkc_json_get(r.doc, "clientError"), "kind")->valuestring,
                           "unsupported");
    sdkc_impl_result_clean_up(&r);

    sdkc_http_response_clean_up(&resp);
    cJSON_Delete(params);
    cJSON_Delete(bad);
    sdkc_impl_destroy(b);
    sdkc_spec_destroy(spec);
}

SDKC_TEST(builtin_random_tokens_differ)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_impl *b = NULL;
    struct sdkc_impl_result r1, r2;
    struct sdkc_impl_call call;
    cJSON *params = cJSON_Parse("{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\"}");
    cJSON *j1 = NULL, *j2 = NULL;
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, NULL, &b, NULL), SDKC_OK);
    memset(&call, 0, sizeof(call));
    call.operation = "CreateUserProfile";
    call.params = params;
    sdkc_impl_result_init(&r1);
    sdkc_impl_result_init(&r2);
    CU_ASSERT_EQUAL(b->vtable->call(b, &call, &r1, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(b->vtable->call(b, &call, &r2, NULL), SDKC_OK);
    CU_ASSERT_PTR_NULL(r1.doc); /* request-only: nothing decoded */
    j1 = cJSON_Parse(r1.request.body);
    j2 = cJSON_Parse(r2.request.body);
    CU_ASSERT_PTR_NOT_NULL_FATAL(j1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(j2);
    CU_ASSERT(sdkc_uuid_is_v4(sdkc_json_get(j1, "clientToken")->valuestring));
    CU_ASSERT_STRING_NOT_EQUAL(sdkc_json_get(j1, "clientToken")->valuestring,
                               sdkc_json_get(j2, "clientToken")->valuestring);
    cJSON_Delete(j1);
    cJSON_Delete(j2);
    sdkc_impl_result_clean_up(&r1);
    sdkc_impl_result_clean_up(&r2);
    cJSON_Delete(params);
    sdkc_impl_destroy(b);
    sdkc_spec_destroy(spec);
}

/* MARK: - runner verdicts */

SDKC_TEST(runner_pass_and_fail_with_diff)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_impl *b = NULL;
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    enum sdkc_run_fatal fatal;
    const char *paths[] = {S_DATA "/pass", S_DATA "/wrong"};
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, NULL, &b, NULL), SDKC_OK);
    s_spool_path();
    memset(&c, 0, sizeof(c));
    s_opts(&o, spec, &b, 1, paths, 2, &c);
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(fatal, SDKC_RUN_FATAL_NONE);
    CU_ASSERT_EQUAL(sum.all.total, 8);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_PASS], 7);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_FAIL], 1);
    CU_ASSERT_EQUAL(sum.all.gating, 1);
    CU_ASSERT_EQUAL(sdkc_run_exit_code(&sum), 1);
    CU_ASSERT_EQUAL(s_verdict_of(&c, "runner.wrong.code"), SDKC_VERDICT_FAIL);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(c.first_diff,
               "$.error.code: wanted \"ValidationException\", got \"ResourceNotFoundException\""));
    CU_ASSERT_STRING_EQUAL(c.first_rerun,
                           "build/sdkconform replay --impl builtin --filter 'runner.wrong.code'");
    CU_ASSERT_EQUAL(s_spool_lines(), 8);
    CU_ASSERT_EQUAL(sum.category_count, 3); /* request, response, errors (tags[0]) */
    sdkc_run_summary_clean_up(&sum);
    sdkc_impl_destroy(b);
    sdkc_spec_destroy(spec);
    unlink(g_spool);
}

SDKC_TEST(runner_levels_gate)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_impl *b = NULL;
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    enum sdkc_run_fatal fatal;
    const char *paths[] = {S_DATA "/levels"};
    int gate;
    const uint64_t want_gating[] = {0, 1, 2};
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, NULL, &b, NULL), SDKC_OK);
    s_spool_path();
    for (gate = SDKC_LEVEL_MUST; gate <= SDKC_LEVEL_MAY; gate++) {
        memset(&c, 0, sizeof(c));
        s_opts(&o, spec, &b, 1, paths, 1, &c);
        o.gate = (enum sdkc_vector_level)gate;
        sdkc_run_summary_init(&sum);
        CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
        CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_FAIL], 2);
        CU_ASSERT_EQUAL(sum.all.gating, want_gating[gate]);
        CU_ASSERT_EQUAL(sum.all.warnings, 2 - want_gating[gate]);
        CU_ASSERT_EQUAL(sdkc_run_exit_code(&sum), gate == SDKC_LEVEL_MUST ? 0 : 1);
        sdkc_run_summary_clean_up(&sum);
    }
    sdkc_impl_destroy(b);
    sdkc_spec_destroy(spec);
    unlink(g_spool);
}

SDKC_TEST(runner_expected_failures_xfail_xpass)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_impl *b = NULL;
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    struct sdkc_error err;
    enum sdkc_run_fatal fatal;
    const char *paths[] = {S_DATA "/pass", S_DATA "/wrong"};
    const char *xf_wrong = S_DATA "/xfail-wrong.json", *xf_stale = S_DATA "/xfail-stale.json",
               *xf_unknown = S_DATA "/xfail-unknown.json";
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, NULL, &b, NULL), SDKC_OK);
    s_spool_path();

    memset(&c, 0, sizeof(c));
    s_opts(&o, spec, &b, 1, paths, 2, &c);
    o.expected_failures = &xf_wrong;
    o.expected_failures_count = 1;
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(s_verdict_of(&c, "runner.wrong.code"), SDKC_VERDICT_XFAIL);
    CU_ASSERT_EQUAL(sdkc_run_exit_code(&sum), 0);
    sdkc_run_summary_clean_up(&sum);

    memset(&c, 0, sizeof(c));
    o.expected_failures = &xf_stale;
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(s_verdict_of(&c, "runner.response.success"), SDKC_VERDICT_XPASS);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_XPASS], 1);
    CU_ASSERT_EQUAL(sdkc_run_exit_code(&sum), 1);
    sdkc_run_summary_clean_up(&sum);

    memset(&c, 0, sizeof(c));
    o.expected_failures = &xf_unknown;
    sdkc_run_summary_init(&sum);
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, &err), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(fatal, SDKC_RUN_FATAL_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "$.impls.builtin[0].id: \"runner.no.such.vector\""));
    sdkc_run_summary_clean_up(&sum);

    sdkc_impl_destroy(b);
    sdkc_spec_destroy(spec);
    unlink(g_spool);
}

SDKC_TEST(runner_skip_error_and_fatal_impls)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    struct sdkc_error err;
    enum sdkc_run_fatal fatal;
    struct s_fake f;
    struct sdkc_impl fake;
    struct sdkc_impl *impls[1];
    const char *paths[] = {S_DATA "/pass/request.json"};
    memset(&f, 0, sizeof(f));
    memset(&fake, 0, sizeof(fake));
    fake.vtable = &s_fake_vt;
    fake.name = "fake";
    fake.data = &f;
    impls[0] = &fake;
    s_spool_path();

    /* Shows no request and returns no document: request-only vectors are
     * not applicable (skip); the validation vector fails (no document). */
    f.mode = S_FAKE_NOTHING;
    memset(&c, 0, sizeof(c));
    s_opts(&o, spec, impls, 1, paths, 1, &c);
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(s_verdict_of(&c, "runner.request.label-escaping"), SDKC_VERDICT_SKIP);
    CU_ASSERT_EQUAL(s_verdict_of(&c, "runner.request.token-given"), SDKC_VERDICT_SKIP);
    CU_ASSERT_EQUAL(s_verdict_of(&c, "runner.request.missing-user"), SDKC_VERDICT_FAIL);
    sdkc_run_summary_clean_up(&sum);

    /* A protocol error is the verdict `error`, which always gates. */
    f.mode = S_FAKE_PROTOCOL_ERROR;
    memset(&c, 0, sizeof(c));
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_ERROR], 3);
    CU_ASSERT_EQUAL(sum.all.gating, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.first_diff, "garbage"));
    sdkc_run_summary_clean_up(&sum);

    /* An implementation that cannot run stops the run: exit 3. */
    f.mode = S_FAKE_BROKEN;
    memset(&c, 0, sizeof(c));
    sdkc_run_summary_init(&sum);
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, &err), SDKC_ERR_IO);
    CU_ASSERT_EQUAL(fatal, SDKC_RUN_FATAL_IMPL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "fake: vector runner.request.label-escaping"));
    CU_ASSERT_EQUAL(c.n, 0);
    sdkc_run_summary_clean_up(&sum);

    sdkc_spec_destroy(spec);
    unlink(g_spool);
}

SDKC_TEST(runner_wire_seam_serves_and_takes)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    enum sdkc_run_fatal fatal;
    struct s_fake f;
    struct s_endpoint e;
    struct sdkc_impl fake;
    struct sdkc_impl *impls[1];
    const char *paths[] = {S_DATA "/pass"};
    memset(&f, 0, sizeof(f));
    memset(&e, 0, sizeof(e));
    sdkc_http_request_init(&e.captured);
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, NULL, &f.inner, NULL), SDKC_OK);
    f.mode = S_FAKE_WIRE_BUILTIN;
    f.ep = &e;
    memset(&fake, 0, sizeof(fake));
    fake.vtable = &s_fake_vt;
    fake.name = "wire-builtin";
    fake.serial = 1;
    fake.data = &f;
    impls[0] = &fake;
    s_spool_path();
    memset(&c, 0, sizeof(c));
    s_opts(&o, spec, impls, 1, paths, 1, &c);
    o.jobs = 4; /* ignored: a serial impl, one request at a time */
    o.check_token_uniqueness = 1;
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    /* Same verdicts as builtin in-process: every vector passes, the
     * request seen through the endpoint. */
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_PASS], 7);
    CU_ASSERT_EQUAL(e.serves, 7);
    /* Per call: the take before it, its own take, the drain after the
     * vector (runner.h); then one final drain after the run's last. */
    CU_ASSERT_EQUAL(e.takes, 22);
    CU_ASSERT_EQUAL(e.finals, 1);
    CU_ASSERT_EQUAL(e.canned_seen, 5); /* request-only vectors have no canned response */
    sdkc_run_summary_clean_up(&sum);
    sdkc_http_request_clean_up(&e.captured);
    sdkc_impl_destroy(f.inner);
    sdkc_spec_destroy(spec);
    unlink(g_spool);
}

/* One run of the wire-builtin fake against the fake endpoint with one
 * injection (struct s_endpoint); returns the index of the only vector
 * that did not pass (-1: none, -2: more than one). */
static int s_wire_injected(struct sdkc_spec *spec, int at, unsigned requests, unsigned refused,
                           unsigned framing, struct s_collect *c)
{
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    enum sdkc_run_fatal fatal;
    struct s_fake f;
    struct s_endpoint e;
    struct sdkc_impl fake;
    struct sdkc_impl *impls[1];
    const char *paths[] = {S_DATA "/pass"};
    int bad = -1;
    size_t i;
    memset(&f, 0, sizeof(f));
    memset(&e, 0, sizeof(e));
    sdkc_http_request_init(&e.captured);
    e.inject_at = at;
    e.inject_requests = requests;
    e.inject_refused = refused;
    e.inject_framing = framing;
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, NULL, &f.inner, NULL), SDKC_OK);
    f.mode = S_FAKE_WIRE_BUILTIN;
    f.ep = &e;
    memset(&fake, 0, sizeof(fake));
    fake.vtable = &s_fake_vt;
    fake.name = "wire-builtin";
    fake.serial = 1;
    fake.data = &f;
    impls[0] = &fake;
    s_spool_path();
    memset(c, 0, sizeof(*c));
    s_opts(&o, spec, impls, 1, paths, 1, c);
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(c->n, 7);
    for (i = 0; i < c->n && i < 64; i++)
        if (c->verdicts[i] != SDKC_VERDICT_PASS)
            bad = bad == -1 ? (int)i : -2;
    CU_ASSERT_EQUAL(sum.all.gating, bad >= 0 ? 1 : 0);
    sdkc_run_summary_clean_up(&sum);
    sdkc_http_request_clean_up(&e.captured);
    sdkc_impl_destroy(f.inner);
    unlink(g_spool);
    return bad;
}

/* Requests are tied to the call that waited for them (runner.h, the
 * transport checks): a late request (before a call, or after the
 * vector), an extra one during a call, and a refused one each fail only
 * the vector concerned, at MUST, gating, with a message naming the check
 * and, for late ones, the vector the implementation had answered. Takes
 * go three per vector: the drain before the call, the call's own, the
 * drain after the vector. */
SDKC_TEST(runner_wire_late_extra_and_refused_requests_fail_at_must)
{
    struct sdkc_spec *spec = s_spec();
    struct s_collect c;
    char want[512];

    /* No injection: every vector passes. */
    CU_ASSERT_EQUAL(s_wire_injected(spec, 0, 0, 0, 0, &c), -1);

    /* Late, found before vector 2's call: vector 2 fails, naming vector 1. */
    CU_ASSERT_EQUAL_FATAL(s_wire_injected(spec, 4, 1, 0, 0, &c), 1);
    CU_ASSERT_STRING_EQUAL(c.levels[1], "MUST");
    CU_ASSERT_EQUAL(c.gating[1], 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.messages[1], "requests (MUST): 1 late request"));
    snprintf(want, sizeof(want),
             "before this call, after wire-builtin had answered vector %s (discarded", c.ids[0]);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.messages[1], want));

    /* Late, before the first call (an adapter sending while it starts). */
    CU_ASSERT_EQUAL_FATAL(s_wire_injected(spec, 1, 1, 0, 0, &c), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.messages[0], "before wire-builtin's first call"));

    /* Late, after the vector (while other impls ran it): that vector. */
    CU_ASSERT_EQUAL_FATAL(s_wire_injected(spec, 3, 1, 0, 0, &c), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.messages[0], "after wire-builtin had answered this vector"));

    /* Late, after the run's last vector (the final drain, take 22): the
     * last vector fails, where no later call could have noticed it. */
    CU_ASSERT_EQUAL_FATAL(s_wire_injected(spec, 22, 1, 0, 0, &c), 6);
    CU_ASSERT_STRING_EQUAL(c.levels[6], "MUST");
    CU_ASSERT_STRING_EQUAL(c.checks[6], "requests");
    CU_ASSERT_PTR_NOT_NULL(
        strstr(c.messages[6], "after wire-builtin had answered this vector (the run's last)"));

    /* A second request during the call (a retry, or a stray). */
    CU_ASSERT_EQUAL_FATAL(s_wire_injected(spec, 2, 1, 0, 0, &c), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.messages[0], "requests (MUST): 2 requests arrived during "
                                                 "this call"));

    /* Refused for its framing during vector 2's call. */
    CU_ASSERT_EQUAL_FATAL(s_wire_injected(spec, 5, 0, 1, 1, &c), 1);
    CU_ASSERT_STRING_EQUAL(c.levels[1], "MUST");
    CU_ASSERT_PTR_NOT_NULL(strstr(c.messages[1], "framing (MUST): the endpoint refused 1 request "
                                                 "with 400 for ambiguous framing: POST /x: "
                                                 "Content-Length together with "
                                                 "Transfer-Encoding (RFC 9112 §6.1)"));
    /* Refused past a cap: check "requests", the endpoint's reason. */
    CU_ASSERT_EQUAL_FATAL(s_wire_injected(spec, 5, 0, 1, 0, &c), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.messages[1], "requests (MUST): the endpoint refused 1 "
                                                 "request: POST /x: more than 4 header fields"));
    sdkc_spec_destroy(spec);
}

SDKC_TEST(runner_token_reuse_fails)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_impl *b = NULL;
    struct sdkc_builtin_options bo;
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    enum sdkc_run_fatal fatal;
    const char *paths[] = {S_DATA "/tokens.json"};
    memset(&bo, 0, sizeof(bo));
    bo.uuid = SDKC_BUILTIN_UUID_FIXED; /* the same token on every call */
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, &bo, &b, NULL), SDKC_OK);
    s_spool_path();
    memset(&c, 0, sizeof(c));
    s_opts(&o, spec, &b, 1, paths, 1, &c);
    o.check_token_uniqueness = 1;
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(c.n, 2);
    CU_ASSERT_EQUAL(c.verdicts[0], SDKC_VERDICT_PASS);
    CU_ASSERT_EQUAL(c.verdicts[1], SDKC_VERDICT_FAIL);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.first_diff, "00000000-0000-4000-8000-000000000000\" was "
                                                "already sent"));
    sdkc_run_summary_clean_up(&sum);

    /* Without the check (and with fixed tokens) both pass. */
    memset(&c, 0, sizeof(c));
    o.check_token_uniqueness = 0;
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_PASS], 2);
    sdkc_run_summary_clean_up(&sum);
    sdkc_impl_destroy(b);
    sdkc_spec_destroy(spec);
    unlink(g_spool);
}

SDKC_TEST(runner_stop_flag_gives_partial)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_impl *b = NULL;
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    enum sdkc_run_fatal fatal;
    volatile sig_atomic_t stop = 0;
    const char *paths[] = {S_DATA "/pass"};
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, NULL, &b, NULL), SDKC_OK);
    s_spool_path();
    memset(&c, 0, sizeof(c));
    c.stop_after = 2;
    c.stop = &stop;
    s_opts(&o, spec, &b, 1, paths, 1, &c);
    o.stop = &stop;
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(sum.partial, 1);
    CU_ASSERT_EQUAL(sum.all.total, 2);
    CU_ASSERT_EQUAL(s_spool_lines(), 2);
    CU_ASSERT_EQUAL(sdkc_run_exit_code(&sum), 1);
    sdkc_run_summary_clean_up(&sum);
    sdkc_impl_destroy(b);
    sdkc_spec_destroy(spec);
    unlink(g_spool);
}

SDKC_TEST(runner_jobs_keep_order)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_impl *b = NULL;
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c1, c4;
    enum sdkc_run_fatal fatal;
    const char *paths[] = {S_DATA "/pass", S_DATA "/levels", S_DATA "/wrong"};
    size_t i;
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, NULL, &b, NULL), SDKC_OK);
    s_spool_path();
    memset(&c1, 0, sizeof(c1));
    s_opts(&o, spec, &b, 1, paths, 3, &c1);
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    sdkc_run_summary_clean_up(&sum);
    memset(&c4, 0, sizeof(c4));
    s_opts(&o, spec, &b, 1, paths, 3, &c4);
    o.jobs = 4;
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    sdkc_run_summary_clean_up(&sum);
    CU_ASSERT_EQUAL(c1.n, 10);
    CU_ASSERT_EQUAL(c4.n, c1.n);
    for (i = 0; i < c1.n && i < 64; i++) {
        CU_ASSERT_STRING_EQUAL(c1.ids[i], c4.ids[i]);
        CU_ASSERT_EQUAL(c1.verdicts[i], c4.verdicts[i]);
    }
    sdkc_impl_destroy(b);
    sdkc_spec_destroy(spec);
    unlink(g_spool);
}

SDKC_TEST(runner_bad_vector_file_is_input_error)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_impl *b = NULL;
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    struct sdkc_error err;
    enum sdkc_run_fatal fatal;
    const char *paths[] = {S_DATA "/bad"};
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, NULL, &b, NULL), SDKC_OK);
    s_spool_path();
    memset(&c, 0, sizeof(c));
    s_opts(&o, spec, &b, 1, paths, 1, &c);
    sdkc_run_summary_init(&sum);
    sdkc_error_init(&err);
    CU_ASSERT_NOT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, &err), SDKC_OK);
    CU_ASSERT_EQUAL(fatal, SDKC_RUN_FATAL_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "bad-level.json: $.vectors[1].level"));
    sdkc_run_summary_clean_up(&sum);
    sdkc_impl_destroy(b);
    sdkc_spec_destroy(spec);
    unlink(g_spool);
}

/* A client that crashes or hangs on a response fails at MUST whatever the
 * vector's level (no caller survives it); the record keeps the vector's own
 * level and names the check, so the console says "SHOULD vector, failed
 * check crash (MUST)"; an error gates and prints at MUST too. */
SDKC_TEST(runner_crash_and_hang_gate_at_must)
{
    static const enum s_fake_mode modes[] = {S_FAKE_CRASH, S_FAKE_HANG, S_FAKE_PROTOCOL_ERROR};
    static const char *const checks[] = {"crash", "hang", "run"};
    struct sdkc_spec *spec = s_spec();
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    enum sdkc_run_fatal fatal;
    const char *paths[] = {S_DATA "/levels"};
    size_t m;
    for (m = 0; m < 3; m++) {
        struct s_fake fake;
        struct sdkc_impl impl;
        struct sdkc_impl *ip = &impl;
        memset(&fake, 0, sizeof(fake));
        memset(&impl, 0, sizeof(impl));
        fake.mode = modes[m];
        impl.vtable = &s_fake_vt;
        impl.name = "fake";
        impl.data = &fake;
        s_spool_path();
        memset(&c, 0, sizeof(c));
        s_opts(&o, spec, &ip, 1, paths, 1, &c);
        sdkc_run_summary_init(&sum);
        CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
        CU_ASSERT_EQUAL(sum.all.gating, 2); /* the SHOULD and the MAY vector */
        CU_ASSERT_EQUAL(sum.all.warnings, 0);
        CU_ASSERT_STRING_EQUAL(c.levels[0], "MUST");
        CU_ASSERT_STRING_EQUAL(c.vector_levels[0], "SHOULD");
        CU_ASSERT_STRING_EQUAL(c.checks[0], checks[m]);
        CU_ASSERT_EQUAL(sdkc_run_exit_code(&sum), 1);
        sdkc_run_summary_clean_up(&sum);
        unlink(g_spool);
    }
    sdkc_spec_destroy(spec);
}

/* A vector that got no request shows what the client returned instead
 * (runner.c s_append_doc_said): its validation message, cut and on one
 * line. */
SDKC_TEST(runner_no_request_shows_the_client_error)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    enum sdkc_run_fatal fatal;
    const char *paths[] = {S_DATA "/pass/request.json"};
    struct s_fake fake;
    struct sdkc_impl impl;
    struct sdkc_impl *ip = &impl;
    memset(&fake, 0, sizeof(fake));
    memset(&impl, 0, sizeof(impl));
    fake.mode = S_FAKE_REFUSE;
    impl.vtable = &s_fake_vt;
    impl.name = "fake";
    impl.data = &fake;
    s_spool_path();
    memset(&c, 0, sizeof(c));
    s_opts(&o, spec, &ip, 1, paths, 1, &c);
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT(c.n >= 1);
    CU_ASSERT_EQUAL(c.verdicts[0], SDKC_VERDICT_FAIL);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.messages[0], "request $: wanted a request, got none; the "
                                                 "client returned clientError validation: "
                                                 "Invalid length\\x0a\\x1b[2J for userIdentifier"));
    CU_ASSERT_PTR_NULL(strchr(c.messages[0], '\n'));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.first_diff, "(the client sent nothing; the client returned "
                                                "clientError validation: Invalid length"));
    /* Cut to S_SAID_MAX with the full length noted. */
    CU_ASSERT_PTR_NOT_NULL(strstr(c.first_diff, "...("));
    CU_ASSERT_PTR_NULL(
        strstr(c.first_diff,
               "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
               "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
               "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
    sdkc_run_summary_clean_up(&sum);
    unlink(g_spool);
    sdkc_spec_destroy(spec);
}

/* An output that is not an object is the client's mismatch: verdict fail
 * with a diff at $.output, not an error (impl/adapter_line.c). */
SDKC_TEST(runner_scalar_output_is_a_mismatch)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    enum sdkc_run_fatal fatal;
    const char *paths[] = {S_DATA "/levels"};
    struct s_fake fake;
    struct sdkc_impl impl;
    struct sdkc_impl *ip = &impl;
    memset(&fake, 0, sizeof(fake));
    memset(&impl, 0, sizeof(impl));
    fake.mode = S_FAKE_SCALAR;
    impl.vtable = &s_fake_vt;
    impl.name = "fake";
    impl.data = &fake;
    s_spool_path();
    memset(&c, 0, sizeof(c));
    s_opts(&o, spec, &ip, 1, paths, 1, &c);
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT(c.n >= 1);
    CU_ASSERT_EQUAL(c.verdicts[0], SDKC_VERDICT_FAIL);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_ERROR], 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.first_diff, "$.output"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.messages[0], "$.output"));
    CU_ASSERT_PTR_NULL(strstr(c.messages[0], "adapter protocol"));
    sdkc_run_summary_clean_up(&sum);
    unlink(g_spool);
    sdkc_spec_destroy(spec);
}

/* MARK: - sharding */

SDKC_TEST(runner_shards_partition_ids)
{
    unsigned counts[7] = {0};
    char id[64];
    unsigned i, s;
    for (i = 0; i < 7000; i++) {
        snprintf(id, sizeof(id), "vec.%u", i);
        s = sdkc_runner_shard_of(id, 7);
        CU_ASSERT(s >= 1 && s <= 7);
        CU_ASSERT_EQUAL(s, sdkc_runner_shard_of(id, 7)); /* deterministic */
        if (s >= 1 && s <= 7)
            counts[s - 1]++;
    }
    for (s = 0; s < 7; s++)
        CU_ASSERT(counts[s] > 700 && counts[s] < 1300); /* roughly even */
    CU_ASSERT_EQUAL(sdkc_runner_shard_of("x", 1), 1);
}

/* MARK: - expected-failures file */

static void s_xfail_error(const char *json, const char *needle)
{
    char path[] = "/tmp/sdkc-test-xfail-XXXXXX";
    int fd = mkstemp(path);
    struct sdkc_xfail *x = NULL;
    struct sdkc_error err;
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL((size_t)write(fd, json, strlen(json)), strlen(json));
    close(fd);
    sdkc_error_init(&err);
    CU_ASSERT_NOT_EQUAL(sdkc_xfail_load(path, &x, &err), SDKC_OK);
    CU_ASSERT_PTR_NULL(x);
    if (!strstr(err.msg, needle) || !strstr(err.msg, path)) {
        fprintf(stderr, "wanted \"%s\" (and the path) in \"%s\"\n", needle, err.msg);
        CU_FAIL("expected-failures error does not name file and path");
    }
    unlink(path);
}

#define S_FMT "\"format\":\"sdkconform-expected-failures/1\""

SDKC_TEST(xfail_file_errors_name_path)
{
    s_xfail_error("[]", "$: expected an object");
    s_xfail_error("{\"impls\":{}}", "$.format");
    s_xfail_error("{" S_FMT ",\"impls\":[]}", "$.impls: expected an object");
    s_xfail_error("{" S_FMT ",\"impls\":{\"b\":{}}}", "$.impls.b: expected an array");
    s_xfail_error("{" S_FMT ",\"impls\":{\"b\":[{\"id\":\"x\",\"reason\":\"r\"}]}}",
                  "$.impls.b[0].evidence: expected a non-empty string");
    s_xfail_error("{" S_FMT ",\"impls\":{\"b\":[{\"id\":\"x\",\"reason\":\"two\\nlines\","
                  "\"evidence\":\"e\"}]}}",
                  "$.impls.b[0].reason: must be one line");
    s_xfail_error("{" S_FMT ",\"impls\":{\"b\":[{\"id\":\"x\",\"reason\":\"r\",\"evidence\":\"e\","
                  "\"why\":1}]}}",
                  "$.impls.b[0].why: unknown key");
    s_xfail_error("{" S_FMT ",\"impls\":{\"b\":[{\"id\":\"x\",\"reason\":\"r\",\"evidence\":\"e\"},"
                  "{\"id\":\"x\",\"reason\":\"r\",\"evidence\":\"e\"}]}}",
                  "$.impls.b[1].id: \"x\" is listed twice");
    s_xfail_error("{" S_FMT ",\"impls\":{}", "byte"); /* syntax: the JSON layer's offset */
}

SDKC_TEST(xfail_lookup)
{
    struct sdkc_xfail *x = NULL;
    CU_ASSERT_EQUAL_FATAL(sdkc_xfail_load(S_DATA "/xfail-wrong.json", &x, NULL), SDKC_OK);
    CU_ASSERT_PTR_NOT_NULL(sdkc_xfail_find(x, "builtin", "runner.wrong.code"));
    CU_ASSERT_PTR_NULL(sdkc_xfail_find(x, "boto3", "runner.wrong.code"));
    CU_ASSERT_PTR_NULL(sdkc_xfail_find(x, "builtin", "runner.other"));
    CU_ASSERT_NOT_EQUAL(sdkc_xfail_check_unknown(x, NULL), SDKC_OK);
    sdkc_xfail_mark_seen(x, "runner.wrong.code");
    CU_ASSERT_EQUAL(sdkc_xfail_check_unknown(x, NULL), SDKC_OK);
    sdkc_xfail_destroy(x);
}

/* MARK: - fault injection */

struct s_fault_ctx {
    const struct sdkc_spec *spec;
};

static int s_fault_run(void *ctx)
{
    struct s_fault_ctx *fc = ctx;
    struct sdkc_impl *b = NULL;
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    enum sdkc_run_fatal fatal;
    const char *paths[] = {S_DATA "/pass/response.jsonl", S_DATA "/wrong"};
    const char *xf = S_DATA "/xfail-wrong.json";
    sdkc_result result = sdkc_impl_builtin_new(fc->spec, NULL, &b, NULL);
    if (result)
        return result;
    memset(&c, 0, sizeof(c));
    s_opts(&o, fc->spec, &b, 1, paths, 2, &c);
    o.expected_failures = &xf;
    o.expected_failures_count = 1;
    o.check_token_uniqueness = 1;
    sdkc_run_summary_init(&sum);
    result = sdkc_runner_run(&o, &sum, &fatal, NULL);
    if (!result && (sum.all.total != 5 || sum.all.by[SDKC_VERDICT_XFAIL] != 1))
        result = SDKC_ERR_STATE;
    sdkc_run_summary_clean_up(&sum);
    sdkc_impl_destroy(b);
    return result;
}

SDKC_TEST(runner_fault_walk)
{
    struct s_fault_ctx fc;
    uint64_t sites;
    fc.spec = s_spec();
    s_spool_path();
    sites = sdkc_test_fault_walk("runner_run", s_fault_run, &fc, NULL);
    CU_ASSERT(sites > 50);
    sdkc_spec_destroy((struct sdkc_spec *)fc.spec);
    unlink(g_spool);
}

/* MARK: - caps */

SDKC_TEST(runner_long_values_are_cut_in_diffs)
{
    struct sdkc_spec *spec = s_spec();
    struct sdkc_impl *b = NULL;
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    enum sdkc_run_fatal fatal;
    char path[] = "/tmp/sdkc-test-long-XXXXXX";
    char file[64];
    const char *paths[1];
    struct sdkc_buf v;
    size_t i;
    FILE *f;
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(path));
    snprintf(file, sizeof(file), "%s/long.json", path);
    sdkc_buf_init(&v, 0);
    sdkc_buf_append_str(
        &v, "{\"id\":\"long.value\",\"title\":\"t\",\"level\":\"MUST\",\"refs\":[\"x\"],"
            "\"tags\":[\"t\"],\"operation\":\"CreateUserProfile\",\"params\":{"
            "\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\"},\"response\":{"
            "\"status\":201,\"headers\":{},\"body\":\"{\\\"id\\\":\\\"");
    for (i = 0; i < 100000; i++)
        sdkc_buf_append_byte(&v, 'x');
    sdkc_buf_append_str(&v, "\\\"}\"},\"expect\":{\"output\":{\"id\":\"y\"}}}");
    f = fopen(file, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fwrite(v.data, 1, v.len, f);
    fclose(f);
    sdkc_buf_clean_up(&v);
    paths[0] = file;
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, NULL, &b, NULL), SDKC_OK);
    s_spool_path();
    memset(&c, 0, sizeof(c));
    s_opts(&o, spec, &b, 1, paths, 1, &c);
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(c.verdicts[0], SDKC_VERDICT_FAIL);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.first_diff, "$.output.id: wanted \"y\", got \"xxxx"));
    /* the diff line is short, the got document cut with its full size */
    CU_ASSERT(strchr(c.first_diff + 8, '\n') - c.first_diff < 2 * SDKC_RUNNER_MAX_VALUE);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.first_diff, "...(100020 bytes)\n"));
    CU_ASSERT(strlen(c.first_diff) < SDKC_RUNNER_MAX_DOC + 2 * SDKC_RUNNER_MAX_VALUE + 200);
    sdkc_run_summary_clean_up(&sum);
    sdkc_impl_destroy(b);
    sdkc_spec_destroy(spec);
    unlink(g_spool);
    unlink(file);
    rmdir(path);
}

/* MARK: - exact numbers */

/* Longs in an output and in every input location (core/json.h "Numbers"). */
static const char s_number_model[] =
    "{\"version\":\"2.0\",\"metadata\":{\"protocol\":\"rest-json\",\"apiVersion\":\"2020-01-01\","
    "\"endpointPrefix\":\"n\",\"signingName\":\"n\",\"serviceId\":\"N\",\"jsonVersion\":\"1.1\","
    "\"uid\":\"n-2020-01-01\"},\"operations\":{\"GetNumber\":{\"name\":\"GetNumber\","
    "\"http\":{\"method\":\"GET\",\"requestUri\":\"/n\",\"responseCode\":200},"
    "\"output\":{\"shape\":\"NumberOutput\"}},\"PutNumber\":{\"name\":\"PutNumber\","
    "\"http\":{\"method\":\"PUT\",\"requestUri\":\"/n/"
    "{l}\"},\"input\":{\"shape\":\"NumberInput\"}}},"
    "\"shapes\":{\"NumberInput\":{\"type\":\"structure\",\"required\":[\"l\"],\"members\":{"
    "\"l\":{\"shape\":\"Long\",\"location\":\"uri\",\"locationName\":\"l\"},"
    "\"q\":{\"shape\":\"Long\",\"location\":\"querystring\",\"locationName\":\"q\"},"
    "\"h\":{\"shape\":\"Long\",\"location\":\"header\",\"locationName\":\"X-H\"},"
    "\"b\":{\"shape\":\"Long\"}}},\"NumberOutput\":{\"type\":\"structure\","
    "\"members\":{\"n\":{\"shape\":\"Long\"},\"max\":{\"shape\":\"Long\"}}},"
    "\"Long\":{\"type\":\"long\"}}}";

SDKC_TEST(runner_compares_longs_digit_for_digit)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_impl *b = NULL;
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct s_collect c;
    enum sdkc_run_fatal fatal;
    const char *paths[] = {S_DATA "/exact"};
    CU_ASSERT_EQUAL_FATAL(
        sdkc_spec_load_mem(s_number_model, sizeof(s_number_model) - 1, "numbers", &spec, NULL),
        SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, NULL, &b, NULL), SDKC_OK);
    s_spool_path();
    memset(&c, 0, sizeof(c));
    s_opts(&o, spec, &b, 1, paths, 1, &c);
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(fatal, SDKC_RUN_FATAL_NONE);
    /* 9007199254740992 and 9007199254740993 are one double: only the
     * literal tells the off-by-one document from the exact one */
    CU_ASSERT_EQUAL(s_verdict_of(&c, "exact.long.same"), SDKC_VERDICT_PASS);
    CU_ASSERT_EQUAL(s_verdict_of(&c, "exact.long.off_by_one"), SDKC_VERDICT_FAIL);
    CU_ASSERT_EQUAL(s_verdict_of(&c, "exact.request.same"), SDKC_VERDICT_PASS);
    CU_ASSERT_EQUAL(s_verdict_of(&c, "exact.request.off_by_one"), SDKC_VERDICT_FAIL);
    CU_ASSERT_EQUAL(c.n, 4);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(c.first_diff, "$.output.n: wanted 9007199254740993, got 9007199254740992"));
    CU_ASSERT_PTR_NULL(strstr(c.first_diff, "$.output.max:"));
    sdkc_run_summary_clean_up(&sum);
    sdkc_impl_destroy(b);
    sdkc_spec_destroy(spec);
    unlink(g_spool);
}
