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
    struct sdkc_vector_check_options opts = {s_on_token, counts};
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
static sdkc_result s_replay(const struct sdkc_spec *spec, const char *path,
                            struct s_counts *counts, struct sdkc_buf *why)
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
    while ((result = sdkc_vector_reader_next(rd, &v, &err)) == SDKC_OK) {
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
    if (result == SDKC_ERR_NOT_FOUND)
        result = SDKC_OK;
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
    fprintf(stderr, "corpus vs builtin: %zu vectors, %zu passed, %zu MUST/SHOULD failures, %zu MAY failures, %zu tokens\n",
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
            CU_ASSERT_PTR_NOT_NULL(strstr(d, "gen.CreateUserProfile.error.ValidationException.type.namespace-uri"));
        if (strstr(out.files[i].path, "unions")) {
            CU_ASSERT_PTR_NOT_NULL(strstr(d, "\"gen.CreateUserProfile.union.details.iam\""));
            CU_ASSERT_PTR_NOT_NULL(strstr(d, "\"gen.CreateUserProfile.union.details.two-members\""));
            CU_ASSERT_PTR_NOT_NULL(strstr(d, "SDK_UNKNOWN_MEMBER"));
        }
        if (strstr(out.files[i].path, "enums"))
            CU_ASSERT_PTR_NOT_NULL(strstr(d, "\"gen.CreateUserProfile.enum.status.GEN_UNKNOWN_VALUE.4\""));
        if (strstr(out.files[i].path, "request")) {
            CU_ASSERT_PTR_NOT_NULL(strstr(d, "\"gen.CreateUserProfile.request.token.clientToken.absent\""));
            CU_ASSERT_PTR_NOT_NULL(strstr(d, "\"gen.CreateUserProfile.request.missing.userIdentifier\""));
            CU_ASSERT_PTR_NOT_NULL(strstr(d, "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"));
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
        "\"tags\":[\"x\"],\"operation\":\"CreateUserProfile\",\"params\":{\"domainIdentifier\":\"d\","
        "\"userIdentifier\":\"u\"},\"request\":{\"path\":\"/v2/domains/D/user-profiles\"}},"
        "{\"id\":\"w.2\",\"title\":\"t\",\"level\":\"SHOULD\",\"refs\":[\"seed\"],\"tags\":[\"x\"],"
        "\"operation\":\"CreateUserProfile\",\"params\":{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\"},"
        "\"response\":{\"status\":201,\"body\":\"{\\\"type\\\":\\\"SSO\\\"}\"},"
        "\"expect\":{\"output\":{\"type\":\"IAM\"}}},"
        "{\"id\":\"w.3\",\"title\":\"t\",\"level\":\"MAY\",\"refs\":[\"seed\"],\"tags\":[\"x\"],"
        "\"operation\":\"CreateUserProfile\",\"params\":{\"domainIdentifier\":\"d\",\"userIdentifier\":\"u\"},"
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
    CU_ASSERT_PTR_NOT_NULL(strstr(why.data, "$.path: wanted \"/v2/domains/D/user-profiles\", got \"/v2/domains/d/user-profiles\""));
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
    "\"apiVersion\":\"2020-01-01\"},\"operations\":{\"CreateUserProfile\":{\"name\":\"CreateUserProfile\","
    "\"http\":{\"method\":\"PUT\",\"requestUri\":\"/x/{id}?mode=1\",\"responseCode\":200},"
    "\"input\":{\"shape\":\"In\"},\"output\":{\"shape\":\"Out\"},\"errors\":[{\"shape\":\"Bad\"}]}},"
    "\"shapes\":{\"In\":{\"type\":\"structure\",\"required\":[\"id\",\"n\"],\"members\":{"
    "\"id\":{\"shape\":\"S\",\"location\":\"uri\",\"locationName\":\"id\"},"
    "\"n\":{\"shape\":\"I\",\"location\":\"querystring\",\"locationName\":\"n\"},"
    "\"h\":{\"shape\":\"E\",\"location\":\"header\",\"locationName\":\"X-E\"},"
    "\"tok\":{\"shape\":\"S\",\"idempotencyToken\":true}}},"
    "\"Out\":{\"type\":\"structure\",\"members\":{\"code\":{\"shape\":\"I\",\"location\":\"statusCode\"},"
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
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_mem(s_small_model, strlen(s_small_model), "small", &spec, &err), SDKC_OK);
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
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_mem(s_small_model, strlen(s_small_model), "small", &spec, NULL), SDKC_OK);
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
        fprintf(stderr, "gen --all DataZone: %zu operations, %zu vectors; builtin: %zu passed, "
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
