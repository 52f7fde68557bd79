/* SPDX-License-Identifier: Apache-2.0
 * Tests of `sdkconform gen` (vectors/gen.h) and of the corpus against the
 * built-in client: every vector is run the way `replay --impl builtin`
 * runs it (encode the params, check the request; decode the canned
 * response, check the result document), directly through the builtin
 * implementation and the vectors checkers. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "impl/builtin.h"
#include "spec/spec.h"
#include "tests/test.h"
#include "vectors/gen.h"
#include "vectors/vector.h"

/* MARK: - direct builtin replay */

struct s_counts {
    size_t total, passed, failed_gating, failed_may;
    size_t tokens;
    char last_token[40];
    int token_repeated;
};

static void s_on_token(void *ctx, const char *token)
{
    struct s_counts *c = ctx;
    if (c->tokens && strcmp(c->last_token, token) == 0)
        c->token_repeated = 1;
    c->tokens++;
    snprintf(c->last_token, sizeof(c->last_token), "%s", token);
}

/* Run one vector against the builtin client; *pass set. */
static sdkc_result s_run_one(struct sdkc_impl *impl, const struct sdkc_vector *v,
                             struct s_counts *counts, int *pass, struct sdkc_buf *why)
{
    struct sdkc_impl_call call;
    struct sdkc_impl_result r;
    struct sdkc_json_diff d;
    struct sdkc_vector_check_options opts = {.on_token = s_on_token, .token_ctx = counts};
    struct sdkc_error err;
    int ok_req = 1, ok_res = 1;
    sdkc_result result;

    sdkc_error_init(&err);
    sdkc_impl_result_init(&r);
    sdkc_json_diff_init(&d);
    memset(&call, 0, sizeof(call));
    call.id = v->id;
    call.operation = v->operation;
    call.params = v->params;
    call.canned = sdkc_vector_response(v);
    result = impl->vtable->call(impl, &call, &r, &err);
    if (result)
        goto done;
    if (v->has_request) {
        if (r.has_request)
            result = sdkc_vector_check_request(v, &r.request, &opts, &d, &ok_req, &err);
        else
            result = sdkc_vector_check_request(v, NULL, &opts, &d, &ok_req, &err);
        if (result)
            goto done;
    }
    if (v->has_response && (result = sdkc_vector_check_result(v, r.doc, &opts, &d, &ok_res, &err)))
        goto done;
    *pass = ok_req && ok_res;
    if (!*pass) {
        sdkc_buf_appendf(why, "%s (%s, %s):\n", v->id, sdkc_vector_level_name(v->level), v->file);
        sdkc_json_diff_format(&d, why);
        if (r.doc) {
            char *s = NULL;
            if (!sdkc_json_print(r.doc, 0, &s, NULL)) {
                sdkc_buf_appendf(why, "  result: %s\n", s);
                sdkc_free(s);
            }
        }
    }
done:
    sdkc_json_diff_clean_up(&d);
    sdkc_impl_result_clean_up(&r);
    return result;
}

/* Replay every vector under path against the builtin client over spec.
 * Returns the reader/impl status; counts filled; failure text in why. */
static sdkc_result s_replay(const struct sdkc_spec *spec, const char *path, struct s_counts *counts,
                            struct sdkc_buf *why)
{
    const char *paths[1] = {path};
    struct sdkc_vector_reader *rd = NULL;
    struct sdkc_vector *v = NULL;
    struct sdkc_impl *impl = NULL;
    struct sdkc_builtin_options bopts;
    struct sdkc_error err;
    sdkc_result result;

    memset(counts, 0, sizeof(*counts));
    memset(&bopts, 0, sizeof(bopts));
    bopts.uuid = SDKC_BUILTIN_UUID_SEQUENCE;
    sdkc_error_init(&err);
    if ((result = sdkc_impl_builtin_new(spec, &bopts, &impl, &err)))
        goto done;
    if ((result = sdkc_vector_reader_new(paths, 1, NULL, &rd, &err)))
        goto done;
    while ((result = sdkc_vector_reader_next(rd, &v, &err)) == SDKC_OK && v) {
        int pass = 0;
        counts->total++;
        result = s_run_one(impl, v, counts, &pass, why);
        if (!result) {
            if (pass)
                counts->passed++;
            else if (v->level == SDKC_LEVEL_MAY)
                counts->failed_may++;
            else
                counts->failed_gating++;
        }
        sdkc_vector_destroy(v);
        v = NULL;
        if (result)
            break;
    }
done:
    if (result)
        sdkc_buf_appendf(why, "replay stopped: %s\n", err.msg);
    sdkc_vector_reader_destroy(rd);
    sdkc_impl_destroy(impl);
    return result;
}

SDKC_TEST(corpus_passes_builtin)
{
    struct sdkc_spec *spec = NULL;
    struct s_counts c;
    struct sdkc_buf why;
    char dir[512];
    sdkc_buf_init(&why, 0);
    snprintf(dir, sizeof(dir), "%s/corpus/vectors", SDKC_SOURCE_DIR);
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_default(&spec, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(s_replay(spec, dir, &c, &why), SDKC_OK);
    fprintf(stderr,
            "corpus vs builtin: %zu vectors, %zu passed, %zu MUST/SHOULD failures, %zu MAY "
            "failures, %zu tokens\n",
            c.total, c.passed, c.failed_gating, c.failed_may, c.tokens);
    if (why.len)
        fprintf(stderr, "%s", why.data);
    CU_ASSERT_TRUE(c.total >= 100);
    CU_ASSERT_EQUAL(c.failed_gating, 0);
    /* The token-absent vectors saw generated tokens, never the same twice
     * in a row (the builtin's sequence generator). */
    CU_ASSERT_TRUE(c.tokens >= 2);
    CU_ASSERT_FALSE(c.token_repeated);
    sdkc_buf_clean_up(&why);
    sdkc_spec_destroy(spec);
}

/* MARK: - helpers for generated corpora */

static char s_tmp[256];

static void s_tmpdir(void)
{
    snprintf(s_tmp, sizeof(s_tmp), "%s/gen-test-XXXXXX", SDKC_BINARY_DIR);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(s_tmp));
}

static void s_rm_rf(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char path[1024];
    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        struct stat st;
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            s_rm_rf(path);
        else
            unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* Count regular files under dir, recursively. */
static size_t s_count_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char path[1024];
    size_t n = 0;
    if (!d)
        return 0;
    while ((de = readdir(d)) != NULL) {
        struct stat st;
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            n += s_count_files(path);
        else if (S_ISREG(st.st_mode))
            n++;
    }
    closedir(d);
    return n;
}

static const struct sdkc_operation *s_op(const struct sdkc_spec *spec)
{
    return sdkc_spec_find_operation(spec, "CreateUserProfile");
}

/* MARK: - gen */

SDKC_TEST(gen_covers_every_category)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_gen_output out;
    struct sdkc_error err;
    size_t i;
    const char *want[] = {"CreateUserProfile/request.json", "CreateUserProfile/response.json",
                          "CreateUserProfile/unions.json", "CreateUserProfile/enums.json",
                          "CreateUserProfile/errors.json"};
    sdkc_error_init(&err);
    sdkc_gen_output_init(&out);
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_default(&spec, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_gen_operation(spec, s_op(spec), &out, &err), SDKC_OK);
    CU_ASSERT_EQUAL(out.count, 5);
    for (i = 0; i < out.count && i < 5; i++)
        CU_ASSERT_STRING_EQUAL(out.files[i].path, want[i]);
    /* 6 errors x 3 locations x 4 forms; the two union members, unknown,
     * null sibling, zero and two members; type (2+1) and status (4+1)
     * enums; userType (3+1) on the request side. */
    for (i = 0; i < out.count; i++) {
        const char *d = out.files[i].data;
        if (strstr(out.files[i].path, "errors"))
            CU_ASSERT_PTR_NOT_NULL(
                strstr(d, "gen.CreateUserProfile.error.ValidationException.type.namespace-uri"));
        if (strstr(out.files[i].path, "unions")) {
            CU_ASSERT_PTR_NOT_NULL(strstr(d, "\"gen.CreateUserProfile.union.details.iam\""));
            CU_ASSERT_PTR_NOT_NULL(
                strstr(d, "\"gen.CreateUserProfile.union.details.two-members\""));
            CU_ASSERT_PTR_NOT_NULL(strstr(d, "SDK_UNKNOWN_MEMBER"));
        }
        if (strstr(out.files[i].path, "enums"))
            CU_ASSERT_PTR_NOT_NULL(
                strstr(d, "\"gen.CreateUserProfile.enum.status.GEN_UNKNOWN_VALUE.4\""));
        if (strstr(out.files[i].path, "request")) {
            CU_ASSERT_PTR_NOT_NULL(
                strstr(d, "\"gen.CreateUserProfile.request.token.clientToken.absent\""));
            CU_ASSERT_PTR_NOT_NULL(
                strstr(d, "\"gen.CreateUserProfile.request.missing.userIdentifier\""));
            CU_ASSERT_PTR_NOT_NULL(strstr(
                d, "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"));
        }
    }
    CU_ASSERT_EQUAL(out.vector_count, 72 + 6 + 8 + 10 + 1);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

SDKC_TEST(gen_is_deterministic)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_gen_output a, b;
    size_t i;
    sdkc_gen_output_init(&a);
    sdkc_gen_output_init(&b);
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_default(&spec, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_gen_operation(spec, s_op(spec), &a, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_gen_operation(spec, s_op(spec), &b, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(a.count, b.count);
    for (i = 0; i < a.count; i++) {
        CU_ASSERT_STRING_EQUAL(a.files[i].path, b.files[i].path);
        CU_ASSERT_EQUAL(a.files[i].len, b.files[i].len);
        CU_ASSERT_EQUAL(memcmp(a.files[i].data, b.files[i].data, a.files[i].len), 0);
    }
    sdkc_gen_output_clean_up(&a);
    sdkc_gen_output_clean_up(&b);
    sdkc_spec_destroy(spec);
}

/* The committed corpus/vectors/generated/ is exactly what gen makes now,
 * so it cannot go stale (regenerate with tools/regen-corpus). */
SDKC_TEST(committed_generated_corpus_is_fresh)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_gen_output out;
    char dir[512], path[1024];
    size_t i;
    sdkc_gen_output_init(&out);
    snprintf(dir, sizeof(dir), "%s/corpus/vectors/generated", SDKC_SOURCE_DIR);
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_default(&spec, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_gen_operation(spec, s_op(spec), &out, NULL), SDKC_OK);
    for (i = 0; i < out.count; i++) {
        struct sdkc_buf b;
        sdkc_buf_init(&b, 0);
        snprintf(path, sizeof(path), "%s/%s", dir, out.files[i].path);
        if (sdkc_buf_read_file(&b, path, NULL) != SDKC_OK) {
            fprintf(stderr, "missing %s: run tools/regen-corpus\n", path);
            CU_FAIL("a generated file is missing from the committed corpus");
        } else if (b.len != out.files[i].len || memcmp(b.data, out.files[i].data, b.len) != 0) {
            fprintf(stderr, "stale %s: run tools/regen-corpus\n", path);
            CU_FAIL("a committed generated file differs from fresh gen output");
        }
        sdkc_buf_clean_up(&b);
    }
    CU_ASSERT_EQUAL(s_count_files(dir), out.count);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

SDKC_TEST(generated_corpus_passes_builtin)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_gen_output out;
    struct s_counts c;
    struct sdkc_buf why;
    sdkc_buf_init(&why, 0);
    sdkc_gen_output_init(&out);
    s_tmpdir();
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_default(&spec, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_gen_operation(spec, s_op(spec), &out, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_gen_write(&out, s_tmp, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(s_replay(spec, s_tmp, &c, &why), SDKC_OK);
    if (why.len)
        fprintf(stderr, "%s", why.data);
    CU_ASSERT_EQUAL(c.total, out.vector_count);
    CU_ASSERT_EQUAL(c.passed, c.total);
    s_rm_rf(s_tmp);
    sdkc_buf_clean_up(&why);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

/* The checkers can fail: a wrong expectation in a replayed vector is a
 * gating failure with the right diff. */
SDKC_TEST(replay_detects_wrong_expectation)
{
    struct sdkc_spec *spec = NULL;
    struct s_counts c;
    struct sdkc_buf why;
    char path[512];
    const char *bad =
        "{\"vectors\":[{\"id\":\"w.1\",\"title\":\"t\",\"level\":\"MUST\",\"refs\":[\"seed\"],"
        "\"tags\":[\"x\"],\"operation\":\"CreateUserProfile\",\"params\":{\"domainIdentifier\":"
        "\"d\","
        "\"userIdentifier\":\"u\"},\"request\":{\"path\":\"/v2/domains/D/user-profiles\"}},"
        "{\"id\":\"w.2\",\"title\":\"t\",\"level\":\"SHOULD\",\"refs\":[\"seed\"],\"tags\":[\"x\"],"
        "\"operation\":\"CreateUserProfile\",\"params\":{\"domainIdentifier\":\"d\","
        "\"userIdentifier\":\"u\"},"
        "\"response\":{\"status\":201,\"body\":\"{\\\"type\\\":\\\"SSO\\\"}\"},"
        "\"expect\":{\"output\":{\"type\":\"IAM\"}}},"
        "{\"id\":\"w.3\",\"title\":\"t\",\"level\":\"MAY\",\"refs\":[\"seed\"],\"tags\":[\"x\"],"
        "\"operation\":\"CreateUserProfile\",\"params\":{\"domainIdentifier\":\"d\","
        "\"userIdentifier\":\"u\"},"
        "\"response\":{\"status\":500},\"expect\":{\"output\":{}}}]}";
    sdkc_buf_init(&why, 0);
    s_tmpdir();
    snprintf(path, sizeof(path), "%s/w.json", s_tmp);
    CU_ASSERT_EQUAL_FATAL(sdkc_write_file_atomic(path, bad, strlen(bad), NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_default(&spec, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(s_replay(spec, s_tmp, &c, &why), SDKC_OK);
    CU_ASSERT_EQUAL(c.total, 3);
    CU_ASSERT_EQUAL(c.passed, 0);
    CU_ASSERT_EQUAL(c.failed_gating, 2);
    CU_ASSERT_EQUAL(c.failed_may, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(
        why.data,
        "$.path: wanted \"/v2/domains/D/user-profiles\", got \"/v2/domains/d/user-profiles\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(why.data, "$.output.type: wanted \"IAM\", got \"SSO\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(why.data, "$.error: wanted (absent)"));
    s_rm_rf(s_tmp);
    sdkc_buf_clean_up(&why);
    sdkc_spec_destroy(spec);
}

static int s_gen_work(void *ctx)
{
    const struct sdkc_spec *spec = ctx;
    struct sdkc_gen_output out;
    struct sdkc_error err;
    sdkc_result result;
    sdkc_error_init(&err);
    sdkc_gen_output_init(&out);
    result = sdkc_gen_operation(spec, s_op(spec), &out, &err);
    sdkc_gen_output_clean_up(&out);
    return result;
}

/* A small model touching every generator path (label, token, required,
 * input enum, union through a list, output enum through a map, an error,
 * a statusCode member), so the fault walk stays quick. */
static const char s_small_model[] =
    "{\"version\":\"2.0\",\"metadata\":{\"protocol\":\"rest-json\",\"signingName\":\"svc\","
    "\"apiVersion\":\"2020-01-01\"},\"operations\":{\"CreateUserProfile\":{\"name\":"
    "\"CreateUserProfile\","
    "\"http\":{\"method\":\"PUT\",\"requestUri\":\"/x/{id}?mode=1\",\"responseCode\":200},"
    "\"input\":{\"shape\":\"In\"},\"output\":{\"shape\":\"Out\"},\"errors\":[{\"shape\":\"Bad\"}]}}"
    ","
    "\"shapes\":{\"In\":{\"type\":\"structure\",\"required\":[\"id\",\"n\"],\"members\":{"
    "\"id\":{\"shape\":\"S\",\"location\":\"uri\",\"locationName\":\"id\"},"
    "\"n\":{\"shape\":\"I\",\"location\":\"querystring\",\"locationName\":\"n\"},"
    "\"h\":{\"shape\":\"E\",\"location\":\"header\",\"locationName\":\"X-E\"},"
    "\"tok\":{\"shape\":\"S\",\"idempotencyToken\":true}}},"
    "\"Out\":{\"type\":\"structure\",\"members\":{\"code\":{\"shape\":\"I\",\"location\":"
    "\"statusCode\"},"
    "\"us\":{\"shape\":\"UL\"},\"m\":{\"shape\":\"EM\"}}},"
    "\"UL\":{\"type\":\"list\",\"member\":{\"shape\":\"U\"}},"
    "\"EM\":{\"type\":\"map\",\"key\":{\"shape\":\"S\"},\"value\":{\"shape\":\"E\"}},"
    "\"U\":{\"type\":\"structure\",\"union\":true,\"members\":{\"a\":{\"shape\":\"S\"},"
    "\"b\":{\"shape\":\"T\"}}},\"T\":{\"type\":\"timestamp\"},"
    "\"E\":{\"type\":\"string\",\"enum\":[\"X\",\"y z\"]},\"S\":{\"type\":\"string\"},"
    "\"I\":{\"type\":\"integer\"},"
    "\"Bad\":{\"type\":\"structure\",\"members\":{\"message\":{\"shape\":\"S\"}},"
    "\"error\":{\"httpStatusCode\":409},\"exception\":true}}}";

SDKC_TEST(gen_small_model_passes_builtin)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_gen_output out;
    struct s_counts c;
    struct sdkc_buf why;
    struct sdkc_error err;
    sdkc_error_init(&err);
    sdkc_buf_init(&why, 0);
    sdkc_gen_output_init(&out);
    s_tmpdir();
    CU_ASSERT_EQUAL_FATAL(
        sdkc_spec_load_mem(s_small_model, strlen(s_small_model), "small", &spec, &err), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_gen_operation(spec, s_op(spec), &out, &err), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_gen_write(&out, s_tmp, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(s_replay(spec, s_tmp, &c, &why), SDKC_OK);
    fprintf(stderr, "small model: %zu vectors, %zu passed\n", c.total, c.passed);
    if (why.len)
        fprintf(stderr, "%s", why.data);
    CU_ASSERT_EQUAL(c.total, out.vector_count);
    CU_ASSERT_EQUAL(c.passed, c.total);
    CU_ASSERT_TRUE(c.total > 25);
    s_rm_rf(s_tmp);
    sdkc_buf_clean_up(&why);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

SDKC_TEST(gen_fault_walk)
{
    struct sdkc_spec *spec = NULL;
    CU_ASSERT_EQUAL_FATAL(
        sdkc_spec_load_mem(s_small_model, strlen(s_small_model), "small", &spec, NULL), SDKC_OK);
    CU_ASSERT_TRUE(sdkc_test_fault_walk("gen", s_gen_work, spec, NULL) > 100);
    sdkc_spec_destroy(spec);
}

/* `gen --all` over botocore's current DataZone model, then every vector
 * replayed against the builtin client. Skipped when botocore is absent. */
SDKC_TEST(gen_all_botocore_datazone_passes_builtin)
{
    char model[1024] = "";
    FILE *p = popen("python3 -c 'import botocore,os;"
                    "print(os.path.join(os.path.dirname(botocore.__file__),"
                    "\"data/datazone/2018-05-10/service-2.json.gz\"))' 2>/dev/null",
                    "r");
    struct sdkc_spec *spec = NULL;
    struct s_counts c;
    struct sdkc_buf why;
    struct sdkc_error err;
    size_t k, vectors = 0, ops_with_output = 0;
    if (p) {
        if (!fgets(model, sizeof(model), p))
            model[0] = '\0';
        pclose(p);
    }
    model[strcspn(model, "\n")] = '\0';
    if (!model[0] || access(model, R_OK) != 0) {
        fprintf(stderr, "SKIP: botocore's DataZone model is not available\n");
        exit(77);
    }
    sdkc_error_init(&err);
    sdkc_buf_init(&why, 0);
    s_tmpdir();
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_file(model, &spec, &err), SDKC_OK);
    for (k = 0; k < spec->operation_count; k++) {
        struct sdkc_gen_output out;
        sdkc_gen_output_init(&out);
        CU_ASSERT_EQUAL(sdkc_gen_operation(spec, &spec->operations[k], &out, &err), SDKC_OK);
        CU_ASSERT_EQUAL(sdkc_gen_write(&out, s_tmp, &err), SDKC_OK);
        vectors += out.vector_count;
        if (spec->operations[k].output)
            ops_with_output++;
        sdkc_gen_output_clean_up(&out);
    }
    {
        struct timespec t0, t1;
        double secs;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        CU_ASSERT_EQUAL(s_replay(spec, s_tmp, &c, &why), SDKC_OK);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        /* A figure, not a gate: load + encode + decode + check per vector. */
        fprintf(stderr,
                "gen --all DataZone: %zu operations, %zu vectors; builtin: %zu passed, "
                "%zu MUST/SHOULD failures, %zu MAY failures; %.0f vectors/s\n",
                spec->operation_count, vectors, c.passed, c.failed_gating, c.failed_may,
                secs > 0 ? (double)c.total / secs : 0.0);
    }
    if (why.len)
        fprintf(stderr, "%.6000s\n", why.data);
    CU_ASSERT_TRUE(spec->operation_count > 100);
    CU_ASSERT_EQUAL(c.total, vectors);
    CU_ASSERT_EQUAL(c.failed_gating, 0);
    s_rm_rf(s_tmp);
    sdkc_buf_clean_up(&why);
    sdkc_spec_destroy(spec);
}

/* MARK: - breadth rules (one model per rule) */

/* Generate op of a model given as JSON text; the files stay in *out. */
static struct sdkc_spec *s_gen_model(const char *model, const char *op_name,
                                     struct sdkc_gen_output *out)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;
    sdkc_error_init(&err);
    sdkc_gen_output_init(out);
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_mem(model, strlen(model), "model", &spec, &err), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_gen_operation(spec, sdkc_spec_find_operation(spec, op_name), out, &err),
                    SDKC_OK);
    if (err.msg[0])
        fprintf(stderr, "gen: %s\n", err.msg);
    return spec;
}

/* Every vector gen wrote, as one array (caller frees). */
static cJSON *s_all_vectors(const struct sdkc_gen_output *out)
{
    cJSON *all = cJSON_CreateArray();
    size_t i;
    for (i = 0; i < out->count; i++) {
        cJSON *root = NULL, *v;
        CU_ASSERT_EQUAL_FATAL(
            sdkc_json_parse(out->files[i].data, out->files[i].len, NULL, &root, NULL), SDKC_OK);
        while ((v = cJSON_DetachItemFromArray(cJSON_GetObjectItem(root, "vectors"), 0)) != NULL)
            cJSON_AddItemToArray(all, v);
        cJSON_Delete(root);
    }
    return all;
}

static const cJSON *s_vector(const cJSON *all, const char *id)
{
    const cJSON *v;
    cJSON_ArrayForEach(v, all)
    {
        const cJSON *vid = cJSON_GetObjectItem(v, "id");
        if (cJSON_IsString(vid) && strcmp(vid->valuestring, id) == 0)
            return v;
    }
    fprintf(stderr, "no vector %s\n", id);
    return NULL;
}

/* JSON text of j (compact, keys as stored) compared with want. */
static int s_json_is(const cJSON *j, const char *want)
{
    char *got = NULL;
    int same;
    if (!j || sdkc_json_print(j, 0, &got, NULL) != SDKC_OK)
        return 0;
    same = strcmp(got, want) == 0;
    if (!same)
        fprintf(stderr, "wanted %s\n   got %s\n", want, got);
    sdkc_free(got);
    return same;
}

/* Replay a generated output against the builtin client: every vector
 * must pass (the rules below that the codec already implements). */
static void s_assert_builtin_passes(const struct sdkc_spec *spec, const struct sdkc_gen_output *out)
{
    struct s_counts c;
    struct sdkc_buf why;
    sdkc_buf_init(&why, 0);
    s_tmpdir();
    CU_ASSERT_EQUAL_FATAL(sdkc_gen_write(out, s_tmp, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(s_replay(spec, s_tmp, &c, &why), SDKC_OK);
    if (why.len)
        fprintf(stderr, "%s", why.data);
    CU_ASSERT_EQUAL(c.total, out->vector_count);
    CU_ASSERT_EQUAL(c.passed, c.total);
    s_rm_rf(s_tmp);
    sdkc_buf_clean_up(&why);
}

#define S_MODEL_HEAD                                                                               \
    "{\"version\":\"2.0\",\"metadata\":{\"protocol\":\"rest-json\",\"signingName\":\"svc\","       \
    "\"apiVersion\":\"2020-01-01\"},"

/* An operation that lists one error twice (AppSync CreateApiKey does) gets
 * that error's 12 vectors once, and every id of a generated corpus is
 * unique (the reader would refuse the corpus otherwise). */
SDKC_TEST(gen_duplicate_errors_give_unique_ids)
{
    static const char model[] = S_MODEL_HEAD
        "\"operations\":{\"Op\":{\"name\":\"Op\",\"http\":{\"method\":\"POST\",\"requestUri\":\"/"
        "\"},"
        "\"errors\":[{\"shape\":\"Bad\"},{\"shape\":\"Bad\"},{\"shape\":\"Worse\"}]}},"
        "\"shapes\":{\"Bad\":{\"type\":\"structure\",\"members\":{},\"exception\":true},"
        "\"Worse\":{\"type\":\"structure\",\"members\":{},\"exception\":true,\"fault\":true}}}";
    struct sdkc_gen_output out;
    struct sdkc_spec *spec = s_gen_model(model, "Op", &out);
    cJSON *all = s_all_vectors(&out);
    const cJSON *a, *b;
    size_t errors = 0;
    cJSON_ArrayForEach(a, all)
    {
        const char *ida = cJSON_GetObjectItem(a, "id")->valuestring;
        if (strstr(ida, ".error."))
            errors++;
        for (b = a->next; b; b = b->next)
            CU_ASSERT_STRING_NOT_EQUAL(ida, cJSON_GetObjectItem(b, "id")->valuestring);
    }
    CU_ASSERT_EQUAL(errors, 2 * 12);
    s_assert_builtin_passes(spec, &out);
    cJSON_Delete(all);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

/* An id past SDKC_VECTOR_MAX_ID_LEN (MediaLive, Bedrock and QConnect nest
 * long member names) keeps its first bytes and ends in the FNV-1a 64 of the
 * whole id: at most 256 bytes, the same on every run, distinct per value. */
SDKC_TEST(gen_long_ids_shortened_deterministically)
{
    static const char model[] = S_MODEL_HEAD
        "\"operations\":{\"Op\":{\"name\":\"Op\",\"http\":{\"method\":\"GET\",\"requestUri\":\"/"
        "\"},"
        "\"output\":{\"shape\":\"Out\"}}},\"shapes\":{"
        "\"Out\":{\"type\":\"structure\",\"members\":{"
        "\"aVeryLongMemberNameThatKeepsGoingOnAndOnAndOnForTheSakeOfTheTestNumberOne\":{\"shape\":"
        "\"A\"}}},"
        "\"A\":{\"type\":\"structure\",\"members\":{"
        "\"aVeryLongMemberNameThatKeepsGoingOnAndOnAndOnForTheSakeOfTheTestNumberTwo\":{\"shape\":"
        "\"B\"}}},"
        "\"B\":{\"type\":\"structure\",\"members\":{"
        "\"aVeryLongMemberNameThatKeepsGoingOnAndOnAndOnForTheSakeOfTheTestNumberThree\":{"
        "\"shape\":"
        "\"E\"}}},"
        "\"E\":{\"type\":\"string\",\"enum\":[\"A_VALUE_THAT_IS_LONG_ENOUGH_TO_PUSH_THE_ID_PAST_"
        "ITS_"
        "CAP_ONE\","
        "\"A_VALUE_THAT_IS_LONG_ENOUGH_TO_PUSH_THE_ID_PAST_ITS_CAP_TWO\"]}}}";
    struct sdkc_gen_output out, again;
    struct sdkc_spec *spec = s_gen_model(model, "Op", &out);
    struct sdkc_spec *spec2 = s_gen_model(model, "Op", &again);
    cJSON *all = s_all_vectors(&out);
    const cJSON *v;
    size_t shortened = 0, i;
    CU_ASSERT_EQUAL_FATAL(out.count, again.count);
    for (i = 0; i < out.count; i++)
        CU_ASSERT_EQUAL(memcmp(out.files[i].data, again.files[i].data, out.files[i].len), 0);
    cJSON_ArrayForEach(v, all)
    {
        const char *id = cJSON_GetObjectItem(v, "id")->valuestring;
        size_t n = strlen(id);
        CU_ASSERT_TRUE(n <= SDKC_VECTOR_MAX_ID_LEN);
        if (n == SDKC_VECTOR_MAX_ID_LEN && id[n - 17] == '.') {
            size_t k;
            shortened++;
            for (k = n - 16; k < n; k++)
                CU_ASSERT_PTR_NOT_NULL(strchr("0123456789abcdef", id[k]));
            CU_ASSERT_EQUAL(strncmp(id, "gen.Op.enum.aVeryLongMemberName", 31), 0);
        }
    }
    /* the two long values (GEN_UNKNOWN_VALUE's id fits in 255 bytes) */
    CU_ASSERT_EQUAL(shortened, 2);
    s_assert_builtin_passes(spec, &out);
    cJSON_Delete(all);
    sdkc_gen_output_clean_up(&out);
    sdkc_gen_output_clean_up(&again);
    sdkc_spec_destroy(spec);
    sdkc_spec_destroy(spec2);
}

/* Output members bound to headers, a prefix-header map and the status are
 * in the canned response and in the expected output (timestamps as
 * IMF-fixdate shown as epoch seconds, lists as one item, a header named
 * Content-Type taking the place of application/json), in the success
 * vector and in every other output vector. */
SDKC_TEST(gen_output_header_and_status_bindings)
{
    static const char model[] = S_MODEL_HEAD
        "\"operations\":{\"Op\":{\"name\":\"Op\",\"http\":{\"method\":\"GET\",\"requestUri\":\"/\","
        "\"responseCode\":201},\"output\":{\"shape\":\"Out\"}}},\"shapes\":{"
        "\"Out\":{\"type\":\"structure\",\"members\":{"
        "\"ct\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"Content-Type\"},"
        "\"n\":{\"shape\":\"I\",\"location\":\"header\",\"locationName\":\"X-N\"},"
        "\"t\":{\"shape\":\"T\",\"location\":\"header\",\"locationName\":\"X-T\"},"
        "\"l\":{\"shape\":\"L\",\"location\":\"header\",\"locationName\":\"X-L\"},"
        "\"meta\":{\"shape\":\"M\",\"location\":\"headers\",\"locationName\":\"X-Meta-\"},"
        "\"code\":{\"shape\":\"I\",\"location\":\"statusCode\"},"
        "\"e\":{\"shape\":\"E\"}}},"
        "\"S\":{\"type\":\"string\"},\"I\":{\"type\":\"integer\"},\"T\":{\"type\":\"timestamp\"},"
        "\"L\":{\"type\":\"list\",\"member\":{\"shape\":\"S\"}},"
        "\"M\":{\"type\":\"map\",\"key\":{\"shape\":\"S\"},\"value\":{\"shape\":\"S\"}},"
        "\"E\":{\"type\":\"string\",\"enum\":[\"X\"]}}}";
    struct sdkc_gen_output out;
    struct sdkc_spec *spec = s_gen_model(model, "Op", &out);
    cJSON *all = s_all_vectors(&out);
    const cJSON *v = s_vector(all, "gen.Op.response.success");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_TRUE(
        s_json_is(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "response"), "headers"),
                  "{\"Content-Type\":\"gen-ct\",\"X-L\":\"gen-member\",\"X-Meta-key1\":"
                  "\"gen-value\",\"X-N\":\"1\",\"X-T\":\"Tue, 29 Apr 2014 18:30:38 GMT\"}"));
    CU_ASSERT_TRUE(
        s_json_is(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "expect"), "output"),
                  "{\"code\":201,\"ct\":\"gen-ct\",\"l\":[\"gen-member\"],\"meta\":{\"key1\":"
                  "\"gen-value\"},\"n\":1,\"t\":1398796238}"));
    /* an enum vector carries the same bindings */
    v = s_vector(all, "gen.Op.enum.e.X.0");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_TRUE(
        s_json_is(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "expect"), "output"),
                  "{\"code\":201,\"ct\":\"gen-ct\",\"e\":\"X\",\"l\":[\"gen-member\"],\"meta\":"
                  "{\"key1\":\"gen-value\"},\"n\":1,\"t\":1398796238}"));
    s_assert_builtin_passes(spec, &out);
    cJSON_Delete(all);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

/* A mediaType (botocore jsonvalue) string header: base64 of JSON on the
 * wire, the JSON text as a string in the result (Smithy
 * MediaTypeHeaderOutputBase64; lex-runtime PostContent has five). */
SDKC_TEST(gen_output_media_type_header_is_a_string)
{
    static const char model[] =
        S_MODEL_HEAD "\"operations\":{\"Op\":{\"name\":\"Op\",\"http\":{\"method\":\"GET\","
                     "\"requestUri\":\"/\"},"
                     "\"output\":{\"shape\":\"Out\"}}},\"shapes\":{"
                     "\"Out\":{\"type\":\"structure\",\"members\":{"
                     "\"j\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"X-J\","
                     "\"jsonvalue\":true}}},\"S\":{\"type\":\"string\"}}}";
    struct sdkc_gen_output out;
    struct sdkc_spec *spec = s_gen_model(model, "Op", &out);
    cJSON *all = s_all_vectors(&out);
    const cJSON *v = s_vector(all, "gen.Op.response.success");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "response"), "headers"),
                             "{\"Content-Type\":\"application/json\",\"X-J\":\"eyJnZW4iOjF9\"}"));
    CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "expect"), "output"),
                             "{\"j\":\"{\\\"gen\\\":1}\"}"));
    s_assert_builtin_passes(spec, &out);
    cJSON_Delete(all);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

/* An output payload is the whole body: a blob as raw bytes (shown as
 * base64 text), a string as text, a structure as the JSON of that member
 * (unions reached through it are written without the member's key). */
SDKC_TEST(gen_output_payload_bindings)
{
    static const char model[] = S_MODEL_HEAD
        "\"operations\":{"
        "\"GetBlob\":{\"name\":\"GetBlob\",\"http\":{\"method\":\"GET\",\"requestUri\":\"/b\"},"
        "\"output\":{\"shape\":\"BlobOut\"}},"
        "\"GetText\":{\"name\":\"GetText\",\"http\":{\"method\":\"GET\",\"requestUri\":\"/t\"},"
        "\"output\":{\"shape\":\"TextOut\"}},"
        "\"GetDoc\":{\"name\":\"GetDoc\",\"http\":{\"method\":\"GET\",\"requestUri\":\"/d\"},"
        "\"output\":{\"shape\":\"DocOut\"}}},\"shapes\":{"
        "\"BlobOut\":{\"type\":\"structure\",\"members\":{\"data\":{\"shape\":\"B\"}},\"payload\":"
        "\"data\"},"
        "\"TextOut\":{\"type\":\"structure\",\"members\":{\"text\":{\"shape\":\"S\"}},\"payload\":"
        "\"text\"},"
        "\"DocOut\":{\"type\":\"structure\",\"members\":{\"doc\":{\"shape\":\"D\"}},\"payload\":"
        "\"doc\"},"
        "\"D\":{\"type\":\"structure\",\"members\":{\"u\":{\"shape\":\"U\"}}},"
        "\"U\":{\"type\":\"structure\",\"union\":true,\"members\":{\"a\":{\"shape\":\"S\"}}},"
        "\"B\":{\"type\":\"blob\"},\"S\":{\"type\":\"string\"}}}";
    struct sdkc_gen_output ob, ot, od;
    struct sdkc_spec *sb = s_gen_model(model, "GetBlob", &ob);
    struct sdkc_spec *st = s_gen_model(model, "GetText", &ot);
    struct sdkc_spec *sd = s_gen_model(model, "GetDoc", &od);
    cJSON *ab = s_all_vectors(&ob), *at = s_all_vectors(&ot), *ad = s_all_vectors(&od);
    const cJSON *v;

    v = s_vector(ab, "gen.GetBlob.response.success");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(v, "response"),
                             "{\"body\":\"gen payload bytes\",\"headers\":{\"Content-Type\":"
                             "\"application/octet-stream\"},\"status\":200}"));
    CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(v, "expect"),
                             "{\"output\":{\"data\":\"Z2VuIHBheWxvYWQgYnl0ZXM=\"}}"));
    v = s_vector(at, "gen.GetText.response.success");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "response"), "body"),
                             "\"gen payload text\""));
    CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(v, "expect"),
                             "{\"output\":{\"text\":\"gen payload text\"}}"));
    v = s_vector(ad, "gen.GetDoc.union.doc.u.a");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "response"), "body"),
                             "\"{\\\"u\\\":{\\\"a\\\":\\\"gen-value\\\"}}\""));
    CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(v, "expect"),
                             "{\"output\":{\"doc\":{\"u\":{\"a\":\"gen-value\"}}}}"));
    cJSON_Delete(ab);
    cJSON_Delete(at);
    cJSON_Delete(ad);
    sdkc_gen_output_clean_up(&ob);
    sdkc_gen_output_clean_up(&ot);
    sdkc_gen_output_clean_up(&od);
    sdkc_spec_destroy(sb);
    sdkc_spec_destroy(st);
    sdkc_spec_destroy(sd);
}

/* Request payloads: a blob or string member is the exact body (bodyText)
 * with application/octet-stream or text/plain, a structure the JSON of
 * that member; a Content-Type header member replaces the default. */
SDKC_TEST(gen_request_payload_expectations)
{
    static const char model[] = S_MODEL_HEAD
        "\"operations\":{"
        "\"PutBlob\":{\"name\":\"PutBlob\",\"http\":{\"method\":\"PUT\",\"requestUri\":\"/b\"},"
        "\"input\":{\"shape\":\"BlobIn\"}},"
        "\"PutText\":{\"name\":\"PutText\",\"http\":{\"method\":\"PUT\",\"requestUri\":\"/t\"},"
        "\"input\":{\"shape\":\"TextIn\"}},"
        "\"PutDoc\":{\"name\":\"PutDoc\",\"http\":{\"method\":\"PUT\",\"requestUri\":\"/d\"},"
        "\"input\":{\"shape\":\"DocIn\"}}},\"shapes\":{"
        "\"BlobIn\":{\"type\":\"structure\",\"required\":[\"data\"],\"members\":{"
        "\"data\":{\"shape\":\"B\"},"
        "\"ct\":{\"shape\":\"S\",\"location\":\"header\",\"locationName\":\"Content-Type\"}},"
        "\"payload\":\"data\"},"
        "\"TextIn\":{\"type\":\"structure\",\"members\":{\"text\":{\"shape\":\"S\"}},\"payload\":"
        "\"text\"},"
        "\"DocIn\":{\"type\":\"structure\",\"required\":[\"doc\"],\"members\":{\"doc\":{\"shape\":"
        "\"D\"}},"
        "\"payload\":\"doc\"},"
        "\"D\":{\"type\":\"structure\",\"required\":[\"n\"],\"members\":{\"n\":{\"shape\":\"S\","
        "\"locationName\":\"Name\"}}},"
        "\"B\":{\"type\":\"blob\",\"min\":5},\"S\":{\"type\":\"string\"}}}";
    struct sdkc_gen_output ob, ot, od;
    struct sdkc_spec *sb = s_gen_model(model, "PutBlob", &ob);
    struct sdkc_spec *st = s_gen_model(model, "PutText", &ot);
    struct sdkc_spec *sd = s_gen_model(model, "PutDoc", &od);
    cJSON *ab = s_all_vectors(&ob), *at = s_all_vectors(&ot), *ad = s_all_vectors(&od);
    const cJSON *v;

    v = s_vector(ab, "gen.PutBlob.request.required");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(v, "params"), "{\"data\":\"fooxx\"}"));
    CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(v, "request"),
                             "{\"bodyText\":\"fooxx\",\"headers\":{\"equal\":{\"Content-Type\":"
                             "\"application/octet-stream\"}},\"method\":\"PUT\",\"path\":\"/b\","
                             "\"query\":{}}"));
    /* the required vector leaves the optional payload out: body unchecked */
    v = s_vector(at, "gen.PutText.request.required");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_PTR_NULL(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "request"), "body"));
    CU_ASSERT_PTR_NULL(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "request"), "bodyText"));
    v = s_vector(at, "gen.PutText.request.payload.text");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(v, "request"),
                             "{\"bodyText\":\"gen-text\",\"headers\":{\"equal\":{\"Content-Type\":"
                             "\"text/plain\"}},\"method\":\"PUT\",\"path\":\"/t\",\"query\":{}}"));
    v = s_vector(ad, "gen.PutDoc.request.required");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "request"), "body"),
                             "{\"Name\":\"gen-n\"}"));
    cJSON_Delete(ab);
    cJSON_Delete(at);
    cJSON_Delete(ad);
    sdkc_gen_output_clean_up(&ob);
    sdkc_gen_output_clean_up(&ot);
    sdkc_gen_output_clean_up(&od);
    sdkc_spec_destroy(sb);
    sdkc_spec_destroy(st);
    sdkc_spec_destroy(sd);
}

/* Params honour the model: list and map minimum counts, string lengths
 * and patterns, number ranges, non-empty labels; a recursive union
 * (Connect EvaluationFormItem) takes the member that ends. */
SDKC_TEST(gen_params_honour_constraints)
{
    static const char model[] = S_MODEL_HEAD
        "\"operations\":{\"Op\":{\"name\":\"Op\",\"http\":{\"method\":\"POST\",\"requestUri\":\"/x/"
        "{id}\"},"
        "\"input\":{\"shape\":\"In\"}}},\"shapes\":{"
        "\"In\":{\"type\":\"structure\",\"required\":[\"id\",\"list\",\"map\",\"short\",\"n\","
        "\"item\"],"
        "\"members\":{\"id\":{\"shape\":\"Opt\",\"location\":\"uri\",\"locationName\":\"id\"},"
        "\"list\":{\"shape\":\"L\"},\"map\":{\"shape\":\"M\"},\"short\":{\"shape\":\"Short\"},"
        "\"n\":{\"shape\":\"N\"},\"item\":{\"shape\":\"Item\"}}},"
        "\"Opt\":{\"type\":\"string\",\"pattern\":\"(|[a-z0-9]+)\"},"
        "\"L\":{\"type\":\"list\",\"member\":{\"shape\":\"Id\"},\"min\":2,\"max\":3},"
        "\"M\":{\"type\":\"map\",\"key\":{\"shape\":\"Key\"},\"value\":{\"shape\":\"N\"},\"min\":2}"
        ","
        "\"Key\":{\"type\":\"string\",\"pattern\":\"^[a-z]{3}$\"},"
        "\"Id\":{\"type\":\"string\",\"min\":36,\"max\":36,"
        "\"pattern\":\"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$\"},"
        "\"Short\":{\"type\":\"string\",\"min\":2,\"max\":3},"
        "\"N\":{\"type\":\"integer\",\"min\":10,\"max\":20},"
        "\"Item\":{\"type\":\"structure\",\"union\":true,\"members\":{"
        "\"section\":{\"shape\":\"Section\"},\"question\":{\"shape\":\"Short\"}}},"
        "\"Section\":{\"type\":\"structure\",\"required\":[\"items\"],\"members\":{"
        "\"items\":{\"shape\":\"Items\"}}},"
        "\"Items\":{\"type\":\"list\",\"member\":{\"shape\":\"Item\"},\"min\":1}}}";
    struct sdkc_gen_output out;
    struct sdkc_spec *spec = s_gen_model(model, "Op", &out);
    cJSON *all = s_all_vectors(&out);
    const cJSON *v = s_vector(all, "gen.Op.request.required");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_TRUE(s_json_is(
        cJSON_GetObjectItem(v, "params"),
        "{\"id\":\"aa\",\"item\":{\"section\":{\"items\":[{\"question\":\"gen\"}]}},\"list\":["
        "\"aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa\",\"aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa\"],"
        "\"map\":{"
        "\"aaa\":10,\"bbb\":10},\"n\":10,\"short\":\"gen\"}"));
    CU_ASSERT_EQUAL(out.notes.len, 0);
    s_assert_builtin_passes(spec, &out);
    cJSON_Delete(all);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

/* The label-escaping vector fits the label's length trait (counted in code
 * points, as Smithy and botocore count): padded to min with 'a' (appsync's
 * ResourceArn is 70..75, the escaping string 21), cut to max at a code
 * point, so a client that validates lengths still sends it. */
SDKC_TEST(gen_label_escaping_fits_length)
{
    static const char model[] = S_MODEL_HEAD
        "\"operations\":{\"Op\":{\"name\":\"Op\",\"http\":{\"method\":\"GET\",\"requestUri\":"
        "\"/x/{long}/{short}\"},\"input\":{\"shape\":\"In\"}}},\"shapes\":{"
        "\"In\":{\"type\":\"structure\",\"required\":[\"long\",\"short\"],\"members\":{"
        "\"long\":{\"shape\":\"Long\",\"location\":\"uri\",\"locationName\":\"long\"},"
        "\"short\":{\"shape\":\"Short\",\"location\":\"uri\",\"locationName\":\"short\"}}},"
        "\"Long\":{\"type\":\"string\",\"min\":30,\"max\":40},"
        "\"Short\":{\"type\":\"string\",\"max\":3}}}";
    struct sdkc_gen_output out;
    struct sdkc_spec *spec = s_gen_model(model, "Op", &out);
    cJSON *all = s_all_vectors(&out);
    const cJSON *v = s_vector(all, "gen.Op.request.label.long.escaping"), *p;
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    p = cJSON_GetObjectItem(cJSON_GetObjectItem(v, "params"), "long");
    /* 20 reserved bytes, one 4-byte code point, 9 'a': 30 code points */
    CU_ASSERT_TRUE(s_json_is(p, "\" %:/?#[]@!$&'()*+,;=\xF0\x9F\x98\xB9\141aaaaaaaa\""));
    v = s_vector(all, "gen.Op.request.label.short.escaping");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_TRUE(
        s_json_is(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "params"), "short"), "\" %:\""));
    s_assert_builtin_passes(spec, &out);
    cJSON_Delete(all);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

/* An output member bound to Content-Length holds the body's length: the
 * framing header cannot say anything else on the wire (mediastore-data
 * GetObject). */
SDKC_TEST(gen_content_length_member_is_the_body_length)
{
    static const char model[] = S_MODEL_HEAD
        "\"operations\":{\"Op\":{\"name\":\"Op\",\"http\":{\"method\":\"GET\",\"requestUri\":"
        "\"/x\"},\"output\":{\"shape\":\"Out\"}}},\"shapes\":{"
        "\"Out\":{\"type\":\"structure\",\"payload\":\"Body\",\"members\":{"
        "\"Body\":{\"shape\":\"B\"},"
        "\"ContentLength\":{\"shape\":\"N\",\"location\":\"header\","
        "\"locationName\":\"Content-Length\"}}},"
        "\"B\":{\"type\":\"blob\",\"streaming\":true},\"N\":{\"type\":\"long\",\"min\":0}}}";
    struct sdkc_gen_output out;
    struct sdkc_spec *spec = s_gen_model(model, "Op", &out);
    cJSON *all = s_all_vectors(&out);
    const cJSON *v = s_vector(all, "gen.Op.response.success"), *resp;
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    resp = cJSON_GetObjectItem(v, "response");
    CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(resp, "body"), "\"gen payload bytes\""));
    CU_ASSERT_TRUE(s_json_is(
        cJSON_GetObjectItem(cJSON_GetObjectItem(resp, "headers"), "Content-Length"), "\"17\""));
    CU_ASSERT_TRUE(s_json_is(
        cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "expect"), "output"),
                            "ContentLength"),
        "17"));
    s_assert_builtin_passes(spec, &out);
    cJSON_Delete(all);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

/* The pattern generator on the shapes models use most, and its refusals. */
SDKC_TEST(gen_pattern_strings)
{
    static const struct {
        const char *pattern;
        size_t lo, hi, variant;
        sdkc_result rc;
        const char *want;
    } cases[] = {
        {"^[a-zA-Z0-9_-]+$", 3, 10, 0, SDKC_OK, "aaa"},
        {"[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+", 1, 5, 0, SDKC_OK, "a"},
        {".*\\S.*", 0, 10, 0, SDKC_OK, "a"},
        {"[0-9]{12}", 0, 12, 0, SDKC_OK, "000000000000"},
        {"arn:aws[a-z-]*:iam::\\d{12}:role/.+", 0, 100, 0, SDKC_OK,
         "arn:aws:iam::000000000000:role/a"},
        {"^(?!aws:)[a-zA-Z+-=._:/]+$", 2, 5, 0, SDKC_OK, "aa"},
        {"(?s).*", 4, 8, 0, SDKC_OK, "aaaa"},
        {"^[a-z]{3}$", 0, 3, 1, SDKC_OK, "bbb"},
        {"[^\\u0000-\\u007F]+", 1, 5, 0, SDKC_ERR_UNSUPPORTED, ""},
        {"(a)\\1", 0, 5, 0, SDKC_ERR_UNSUPPORTED, ""},
        {"[a-z]{10}", 0, 5, 0, SDKC_ERR_VALIDATION, ""},
        /* nested counted groups would expand to 4096^4 atoms: refused */
        {"((((a{4096}){4096}){4096}){4096})", 0, 1024, 0, SDKC_ERR_UNSUPPORTED, ""},
        {"((((){4096}){4096}){4096}){4096}", 0, 1024, 0, SDKC_ERR_UNSUPPORTED, ""},
    };
    struct sdkc_buf b;
    size_t i;
    sdkc_buf_init(&b, 0);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        sdkc_result rc = sdkc_gen_pattern_string(cases[i].pattern, cases[i].lo, cases[i].hi,
                                                 cases[i].variant, &b);
        if (rc != cases[i].rc || (rc == SDKC_OK && strcmp(b.data, cases[i].want) != 0))
            fprintf(stderr, "%s: rc %d, got \"%s\", wanted \"%s\"\n", cases[i].pattern, (int)rc,
                    rc == SDKC_OK ? b.data : "", cases[i].want);
        CU_ASSERT_EQUAL(rc, cases[i].rc);
        if (rc == SDKC_OK && cases[i].rc == SDKC_OK)
            CU_ASSERT_STRING_EQUAL(b.data, cases[i].want);
    }
    sdkc_buf_clean_up(&b);
}

/* Unsigned operations (auth [noAuth], auth [], authtype none) forbid an
 * Authorization header; signed ones do not mention it. A host prefix with
 * a label gives the vector an endpoint and the expected host. */
SDKC_TEST(gen_unsigned_operations_and_host_prefix)
{
    static const char model[] = S_MODEL_HEAD
        "\"operations\":{"
        "\"A\":{\"name\":\"A\",\"http\":{\"method\":\"GET\",\"requestUri\":\"/a\"},"
        "\"auth\":[\"smithy.api#noAuth\"]},"
        "\"B\":{\"name\":\"B\",\"http\":{\"method\":\"GET\",\"requestUri\":\"/b\"},\"auth\":[]},"
        "\"C\":{\"name\":\"C\",\"http\":{\"method\":\"GET\",\"requestUri\":\"/"
        "c\"},\"authtype\":\"none\"},"
        "\"D\":{\"name\":\"D\",\"http\":{\"method\":\"GET\",\"requestUri\":\"/d\"},"
        "\"auth\":[\"aws.auth#sigv4\",\"smithy.api#noAuth\"],\"endpoint\":{\"hostPrefix\":\"{g}."
        "data-"
        "\"},"
        "\"input\":{\"shape\":\"DIn\"}}},"
        "\"shapes\":{\"DIn\":{\"type\":\"structure\",\"required\":[\"g\"],\"members\":{"
        "\"g\":{\"shape\":\"G\",\"hostLabel\":true}}},"
        "\"G\":{\"type\":\"string\",\"pattern\":\"^g-[a-z0-9]{10}$\"}}}";
    static const char *const ops[] = {"A", "B", "C", "D"};
    size_t i;
    for (i = 0; i < 4; i++) {
        struct sdkc_gen_output out;
        struct sdkc_spec *spec = s_gen_model(model, ops[i], &out);
        cJSON *all = s_all_vectors(&out);
        char id[64];
        const cJSON *v, *hdrs;
        snprintf(id, sizeof(id), "gen.%s.request.required", ops[i]);
        v = s_vector(all, id);
        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        CU_ASSERT_EQUAL(sdkc_spec_find_operation(spec, ops[i])->unauthenticated, i < 3);
        hdrs = cJSON_GetObjectItem(cJSON_GetObjectItem(v, "request"), "headers");
        if (i < 3) {
            CU_ASSERT_TRUE(s_json_is(hdrs, "{\"forbidden\":[\"Content-Type\",\"Authorization\"]}"));
        } else {
            /* the host label is also a body member (botocore) */
            CU_ASSERT_TRUE(s_json_is(hdrs, "{\"equal\":{\"Content-Type\":\"application/json\"}}"));
            CU_ASSERT_TRUE(
                s_json_is(cJSON_GetObjectItem(v, "endpoint"), "\"https://example.com\""));
            CU_ASSERT_TRUE(s_json_is(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "request"), "host"),
                                     "\"g-aaaaaaaaaa.data-example.com\""));
        }
        cJSON_Delete(all);
        sdkc_gen_output_clean_up(&out);
        sdkc_spec_destroy(spec);
    }
}

/* An operation with an event stream is skipped, with a note that says so. */
SDKC_TEST(gen_event_stream_operation_skipped)
{
    static const char model[] = S_MODEL_HEAD
        "\"operations\":{\"Op\":{\"name\":\"Op\",\"http\":{\"method\":\"POST\",\"requestUri\":\"/"
        "\"},"
        "\"output\":{\"shape\":\"Out\"}}},\"shapes\":{"
        "\"Out\":{\"type\":\"structure\",\"members\":{\"stream\":{\"shape\":\"Events\"}},"
        "\"payload\":"
        "\"stream\"},"
        "\"Events\":{\"type\":\"structure\",\"members\":{\"e\":{\"shape\":\"E\"}},\"eventstream\":"
        "true},"
        "\"E\":{\"type\":\"structure\",\"members\":{},\"event\":true}}}";
    struct sdkc_gen_output out;
    struct sdkc_spec *spec = s_gen_model(model, "Op", &out);
    CU_ASSERT_EQUAL(out.count, 0);
    CU_ASSERT_EQUAL(out.vector_count, 0);
    CU_ASSERT_EQUAL(out.skipped, 1);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(out.notes.data ? out.notes.data : "",
               "gen: note: Op: skipped: its output member stream is an event stream"));
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

static int s_gen_work_all(void *ctx)
{
    const struct sdkc_spec *spec = ctx;
    struct sdkc_gen_output out;
    sdkc_result result = SDKC_OK;
    size_t k;
    sdkc_gen_output_init(&out);
    for (k = 0; k < spec->operation_count && !result; k++)
        result = sdkc_gen_operation(spec, &spec->operations[k], &out, NULL);
    sdkc_gen_output_clean_up(&out);
    return result;
}

/* Every allocation of the binding paths (payloads in and out, header,
 * prefix and status members, error members, host prefixes, patterns, long
 * and repeated ids, event streams) fails cleanly. */
SDKC_TEST(gen_fault_walk_bindings)
{
    static const char model[] = S_MODEL_HEAD
        "\"operations\":{"
        "\"Put\":{\"name\":\"Put\",\"http\":{\"method\":\"PUT\",\"requestUri\":\"/p/{id}\"},"
        "\"input\":{\"shape\":\"PutIn\"},\"output\":{\"shape\":\"PutOut\"},"
        "\"endpoint\":{\"hostPrefix\":\"{id}.data-\"},\"auth\":[],"
        "\"errors\":[{\"shape\":\"Bad\"},{\"shape\":\"Bad\"}]},"
        "\"Stream\":{\"name\":\"Stream\",\"http\":{\"method\":\"POST\",\"requestUri\":\"/s\"},"
        "\"output\":{\"shape\":\"StreamOut\"}}},\"shapes\":{"
        "\"PutIn\":{\"type\":\"structure\",\"required\":[\"id\"],\"members\":{"
        "\"id\":{\"shape\":\"Id\",\"location\":\"uri\",\"locationName\":\"id\",\"hostLabel\":true},"
        "\"data\":{\"shape\":\"B\"},\"ct\":{\"shape\":\"S\",\"location\":\"header\","
        "\"locationName\":\"Content-Type\"}},\"payload\":\"data\"},"
        "\"PutOut\":{\"type\":\"structure\",\"members\":{"
        "\"doc\":{\"shape\":\"D\"},\"t\":{\"shape\":\"T\",\"location\":\"header\",\"locationName\":"
        "\"X-T\"},"
        "\"l\":{\"shape\":\"L\",\"location\":\"header\",\"locationName\":\"X-L\"},"
        "\"meta\":{\"shape\":\"M\",\"location\":\"headers\",\"locationName\":\"X-Meta-\"},"
        "\"code\":{\"shape\":\"I\",\"location\":\"statusCode\"}},\"payload\":\"doc\"},"
        "\"StreamOut\":{\"type\":\"structure\",\"members\":{\"s\":{\"shape\":\"Ev\"}},\"payload\":"
        "\"s\"},"
        "\"Ev\":{\"type\":\"structure\",\"members\":{},\"eventstream\":true},"
        "\"D\":{\"type\":\"structure\",\"members\":{\"u\":{\"shape\":\"U\"},"
        "\"aVeryLongMemberNameThatKeepsGoingOnAndOnAndOnForTheSakeOfTheTestNumberOne\":{\"shape\":"
        "\"D2\"}}},"
        "\"D2\":{\"type\":\"structure\",\"members\":{"
        "\"aVeryLongMemberNameThatKeepsGoingOnAndOnAndOnForTheSakeOfTheTestNumberTwo\":{\"shape\":"
        "\"D3\"}}},"
        "\"D3\":{\"type\":\"structure\",\"members\":{"
        "\"aVeryLongMemberNameThatKeepsGoingOnAndOnAndOnForTheSakeOfTheTestNumberThree\":{"
        "\"shape\":"
        "\"E\"}}},"
        "\"E\":{\"type\":\"string\",\"enum\":[\"A_VALUE_THAT_IS_LONG_ENOUGH_TO_PUSH_THE_ID_PAST_"
        "ITS_"
        "CAP\"]},"
        "\"U\":{\"type\":\"structure\",\"union\":true,\"members\":{\"a\":{\"shape\":\"S\"},\"b\":{"
        "\"shape\":\"I\"}}},"
        "\"Id\":{\"type\":\"string\",\"pattern\":\"^[a-z0-9]{4,8}$\"},"
        "\"L\":{\"type\":\"list\",\"member\":{\"shape\":\"T\"}},"
        "\"M\":{\"type\":\"map\",\"key\":{\"shape\":\"S\"},\"value\":{\"shape\":\"S\"}},"
        "\"B\":{\"type\":\"blob\"},\"S\":{\"type\":\"string\"},\"I\":{\"type\":\"integer\"},"
        "\"T\":{\"type\":\"timestamp\"},"
        "\"Bad\":{\"type\":\"structure\",\"members\":{\"message\":{\"shape\":\"S\"},"
        "\"code\":{\"shape\":\"S\"},\"kind\":{\"shape\":\"S\",\"location\":\"header\","
        "\"locationName\":\"x-amzn-ErrorType\"}},\"error\":{\"httpStatusCode\":409},\"exception\":"
        "true}}}";
    struct sdkc_spec *spec = NULL;
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_mem(model, strlen(model), "bindings", &spec, NULL),
                          SDKC_OK);
    CU_ASSERT_EQUAL(s_gen_work_all(spec), SDKC_OK);
    CU_ASSERT_TRUE(sdkc_test_fault_walk("gen bindings", s_gen_work_all, spec, NULL) > 100);
    sdkc_spec_destroy(spec);
}
