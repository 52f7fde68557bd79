/* SPDX-License-Identifier: Apache-2.0
 *
 * tests/test_probe.c: probe vectors from models (vectors/probe.h), the
 * vector "probe" key and its check (vectors/vector.h), and the live
 * implementation driven by the runner against the model's simulator
 * (impl/live.h, server/simulator.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/live.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "impl/live.h"
#include "runner/runner.h"
#include "server/simulator.h"
#include "sigv4/credentials.h"
#include "sigv4/sigv4.h"
#include "spec/spec.h"
#include "tests/test.h"
#include "vectors/probe.h"
#include "vectors/vector.h"
#include "vectors/private/vector_internal.h"

#define S_WIDGETS SDKC_SOURCE_DIR "/harness/tests/data/live/widgets.json"

void sdkc_test_setup(void);
void sdkc_test_setup(void)
{
    /* OpenSSL fetches SHA-256 and creates per-thread error state lazily:
     * do it once before leak baselines (tests/test.h), as test_sigv4.c. */
    struct sdkc_sha256_ctx *ctx = sdkc_sha256_ctx_new();
    unsigned char md[SDKC_SHA256_LEN];
    if (ctx)
        sdkc_sha256(ctx, "x", 1, md);
    sdkc_sha256_ctx_destroy(ctx);
}

static struct sdkc_spec *s_widgets(void)
{
    struct sdkc_spec *spec = NULL;
    CU_ASSERT_EQUAL(sdkc_spec_load_file(S_WIDGETS, &spec, NULL), SDKC_OK);
    return spec;
}

/* Every vector of every generated file, parsed back through the vector
 * loader (what the runner reads), into one array of roots. */
static cJSON *s_vectors(const struct sdkc_gen_output *out)
{
    cJSON *all = cJSON_CreateArray();
    size_t i;
    for (i = 0; all && i < out->count; i++) {
        cJSON *root = NULL, *it;
        CU_ASSERT_EQUAL_FATAL(
            sdkc_json_parse(out->files[i].data, out->files[i].len, NULL, &root, NULL), SDKC_OK);
        cJSON_ArrayForEach(it, sdkc_json_get(root, "vectors"))
        {
            struct sdkc_vector *v = NULL;
            struct sdkc_error err;
            sdkc_error_init(&err);
            CU_ASSERT_EQUAL(sdkc_vector_from_json(cJSON_Duplicate(it, 1), out->files[i].path,
                                                  "$.vectors[0]", 0, 0, &v, &err),
                            SDKC_OK);
            if (v)
                CU_ASSERT_TRUE(v->has_probe);
            sdkc_vector_destroy(v);
            cJSON_AddItemToArray(all, cJSON_Duplicate(it, 1));
        }
        cJSON_Delete(root);
    }
    return all;
}

static const cJSON *s_find(const cJSON *all, const char *id)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, all)
    {
        const cJSON *i = sdkc_json_get(it, "id");
        if (cJSON_IsString(i) && strcmp(i->valuestring, id) == 0)
            return it;
    }
    return NULL;
}

/* The bundled model's one operation is a POST under a parent label: the
 * probes that keep that parent nonexistent, named after the model's own
 * operation (nothing in C names it). */
SDKC_TEST(probe_bundled_model)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_gen_output out;
    struct sdkc_probe_options po;
    cJSON *all;
    const cJSON *v;
    const struct sdkc_operation *op;
    char id[256];
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_default(&spec, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(spec->operation_count, 1);
    op = &spec->operations[0];
    CU_ASSERT_EQUAL(sdkc_probe_safety_of(op), SDKC_PROBE_PARENT_SCOPED);
    sdkc_gen_output_init(&out);
    memset(&po, 0, sizeof(po));
    CU_ASSERT_EQUAL_FATAL(sdkc_probe_generate(spec, &po, &out, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(out.vector_count, 3);
    all = s_vectors(&out);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(all), 3);
    snprintf(id, sizeof(id), "live.%s.nonexistent-id", op->name);
    v = s_find(all, id);
    CU_ASSERT_PTR_NOT_NULL(v);
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(sdkc_json_get(v, "probe"), "expect")->valuestring,
                           "error");
    CU_ASSERT_PTR_NOT_NULL(sdkc_json_get(sdkc_json_get(v, "params"), "domainIdentifier"));
    snprintf(id, sizeof(id), "live.%s.wrong-signature", op->name);
    v = s_find(all, id);
    CU_ASSERT_PTR_NOT_NULL(v);
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(sdkc_json_get(v, "probe"), "signing")->valuestring,
                           "wrong-signature");
    CU_ASSERT_EQUAL(sdkc_json_get(sdkc_json_get(v, "probe"), "status")->valueint, 403);
    snprintf(id, sizeof(id), "live.%s.stale-date", op->name);
    CU_ASSERT_PTR_NOT_NULL(s_find(all, id));
    cJSON_Delete(all);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

/* A second model: read-only operations by method and by name, a
 * parent-scoped PUT, and a DELETE and a parentless create left out with a
 * note. Broken values break the member's own constraint. */
SDKC_TEST(probe_second_model)
{
    struct sdkc_spec *spec = s_widgets();
    struct sdkc_gen_output out;
    struct sdkc_probe_options po;
    struct sdkc_vector_regex *re = NULL;
    const cJSON *v, *w;
    cJSON *all;
    const char *stop = NULL;
    if (!spec)
        return;
    CU_ASSERT_EQUAL(sdkc_probe_safety_of(sdkc_spec_find_operation(spec, "GetWidget")),
                    SDKC_PROBE_READ_ONLY);
    CU_ASSERT_EQUAL(sdkc_probe_safety_of(sdkc_spec_find_operation(spec, "DescribeWidgetSearch")),
                    SDKC_PROBE_READ_ONLY);
    CU_ASSERT_EQUAL(sdkc_probe_safety_of(sdkc_spec_find_operation(spec, "TagWidget")),
                    SDKC_PROBE_PARENT_SCOPED);
    CU_ASSERT_EQUAL(sdkc_probe_safety_of(sdkc_spec_find_operation(spec, "DeleteWidget")),
                    SDKC_PROBE_UNSAFE);
    CU_ASSERT_EQUAL(sdkc_probe_safety_of(sdkc_spec_find_operation(spec, "CreateWidget")),
                    SDKC_PROBE_UNSAFE);
    sdkc_gen_output_init(&out);
    memset(&po, 0, sizeof(po));
    CU_ASSERT_EQUAL_FATAL(sdkc_probe_generate(spec, &po, &out, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(out.skipped, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.notes.data, "DeleteWidget: skipped"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.notes.data, "CreateWidget: skipped"));
    all = s_vectors(&out);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(all), 14);
    CU_ASSERT_PTR_NULL(s_find(all, "live.DeleteWidget.nonexistent-id"));
    CU_ASSERT_PTR_NULL(s_find(all, "live.ListWidgets.nonexistent-id")); /* no identifying label */
    CU_ASSERT_PTR_NOT_NULL(s_find(all, "live.ListWidgets.bad-state"));
    CU_ASSERT_PTR_NOT_NULL(s_find(all, "live.DescribeWidgetSearch.bad-name"));
    CU_ASSERT_PTR_NOT_NULL(s_find(all, "live.TagWidget.nonexistent-id"));
    v = s_find(all, "live.GetWidget.bad-widgetId");
    w = s_find(all, "live.GetWidget.nonexistent-id");
    CU_ASSERT_FATAL(v && w);
    CU_ASSERT_EQUAL_FATAL(
        sdkc_vector_regex_compile(sdkc_spec_find_shape(spec, "WidgetId")->pattern, &re, NULL),
        SDKC_OK);
    v = sdkc_json_get(sdkc_json_get(v, "params"), "widgetId");
    w = sdkc_json_get(sdkc_json_get(w, "params"), "widgetId");
    CU_ASSERT_EQUAL(sdkc_vector_regex_match(re, v->valuestring, strlen(v->valuestring), &stop), 0);
    CU_ASSERT_EQUAL(sdkc_vector_regex_match(re, w->valuestring, strlen(w->valuestring), &stop), 1);
    sdkc_vector_regex_destroy(re);
    cJSON_Delete(all);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

/* A write is one named operation with an existing id or params, never a
 * model's worth; it is due a success. */
SDKC_TEST(probe_write_needs_one_operation)
{
    struct sdkc_spec *spec = s_widgets();
    struct sdkc_gen_output out;
    struct sdkc_probe_options po;
    cJSON *all;
    const cJSON *v;
    if (!spec)
        return;
    sdkc_gen_output_init(&out);
    memset(&po, 0, sizeof(po));
    po.allow_writes = 1;
    CU_ASSERT_EQUAL(sdkc_probe_generate(spec, &po, &out, NULL), SDKC_ERR_INVALID_ARG);
    po.existing_id = "w-0123abcd";
    CU_ASSERT_EQUAL(sdkc_probe_generate(spec, &po, &out, NULL), SDKC_ERR_INVALID_ARG);
    po.operation = "TagWidget";
    CU_ASSERT_EQUAL_FATAL(sdkc_probe_generate(spec, &po, &out, NULL), SDKC_OK);
    all = s_vectors(&out);
    v = s_find(all, "live.TagWidget.write");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(sdkc_json_get(v, "probe"), "expect")->valuestring,
                           "success");
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(sdkc_json_get(v, "params"), "widgetId")->valuestring,
                           "w-0123abcd");
    cJSON_Delete(all);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
}

static int s_probe_work(void *ctx)
{
    struct sdkc_gen_output out;
    struct sdkc_probe_options po;
    sdkc_result r;
    sdkc_gen_output_init(&out);
    memset(&po, 0, sizeof(po));
    r = sdkc_probe_generate(ctx, &po, &out, NULL);
    sdkc_gen_output_clean_up(&out);
    return r;
}

SDKC_TEST(probe_fault_walk)
{
    struct sdkc_spec *spec = s_widgets(), *dz = NULL;
    if (!spec)
        return;
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_default(&dz, NULL), SDKC_OK);
    CU_ASSERT_TRUE(sdkc_test_fault_walk("probe widgets", s_probe_work, spec, NULL) > 50);
    CU_ASSERT_TRUE(sdkc_test_fault_walk("probe bundled", s_probe_work, dz, NULL) > 20);
    sdkc_spec_destroy(dz);
    sdkc_spec_destroy(spec);
}

/* Bad "probe" values are load errors naming the JSON path (exit 2 on a
 * vector file). */
SDKC_TEST(vector_probe_key_validation)
{
    static const char *const bad[][2] = {
        {"{\"expect\":\"maybe\"}", "$.probe.expect"},
        {"{\"expect\":\"error\",\"status\":700}", "$.probe.status"},
        {"{\"expect\":\"error\",\"status\":\"403\"}", "$.probe.status"},
        {"{\"expect\":\"success\",\"status\":200}", "$.probe.status"},
        {"{\"expect\":\"error\",\"undeclared\":\"LOW\"}", "$.probe.undeclared"},
        {"{\"expect\":\"success\",\"undeclared\":\"SHOULD\"}", "$.probe.undeclared"},
        {"{\"expect\":\"error\",\"signing\":\"none\"}", "$.probe.signing"},
        {"{\"expect\":\"error\",\"extra\":1}", "$.probe.extra"},
        {"[]", "$.probe"},
        {"{}", "$.probe"}};
    size_t i;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct sdkc_vector *v = NULL;
        struct sdkc_error err;
        struct sdkc_buf b;
        sdkc_buf_init(&b, 0);
        sdkc_error_init(&err);
        CU_ASSERT_EQUAL(sdkc_buf_appendf(&b,
                                         "{\"id\":\"p\",\"title\":\"t\",\"level\":\"MUST\","
                                         "\"refs\":[\"r\"],\"tags\":[\"live\"],\"operation\":"
                                         "\"Op\",\"params\":{},\"probe\":%s}",
                                         bad[i][0]),
                        SDKC_OK);
        CU_ASSERT_EQUAL(sdkc_vector_parse(b.data, b.len, "x.json", &v, &err), SDKC_ERR_PARSE);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, bad[i][1]));
        if (!strstr(err.msg, bad[i][1]))
            fprintf(stderr, "case %zu: %s\n", i, err.msg);
        sdkc_vector_destroy(v);
        sdkc_buf_clean_up(&b);
    }
    {
        /* a probe is answered by the endpoint: no canned response */
        static const char both[] =
            "{\"id\":\"p\",\"title\":\"t\",\"level\":\"MUST\",\"refs\":[\"r\"],\"tags\":[\"l\"],"
            "\"operation\":\"Op\",\"params\":{},\"probe\":{\"expect\":\"error\"},"
            "\"response\":{\"status\":200},\"expect\":{\"output\":{}}}";
        struct sdkc_vector *v = NULL;
        CU_ASSERT_EQUAL(sdkc_vector_parse(both, sizeof(both) - 1, "x.json", &v, NULL),
                        SDKC_ERR_PARSE);
        sdkc_vector_destroy(v);
    }
}

/* What the runner judges a probe by. */
SDKC_TEST(vector_check_probe)
{
    static const char vec[] =
        "{\"id\":\"p\",\"title\":\"t\",\"level\":\"MUST\",\"refs\":[\"r\"],\"tags\":[\"l\"],"
        "\"operation\":\"Op\",\"params\":{},\"probe\":{\"expect\":\"error\",\"status\":403,"
        "\"undeclared\":\"SHOULD\",\"signing\":\"stale-date\"}}";
    static const struct {
        const char *doc;
        int ok, drift;
    } cases[] = {{"{\"output\":{}}", 0, 0},
                 {"{\"clientError\":{\"kind\":\"validation\",\"message\":\"m\"}}", 0, 0},
                 {"{\"error\":{\"code\":\"X\",\"modeled\":true,\"httpStatus\":404}}", 0, 0},
                 {"{\"error\":{\"code\":\"X\",\"modeled\":true,\"httpStatus\":403}}", 1, 0},
                 {"{\"error\":{\"code\":\"InvalidSignatureException\",\"modeled\":false,"
                  "\"httpStatus\":403}}",
                  1, 1}};
    struct sdkc_vector *v = NULL;
    size_t i;
    CU_ASSERT_EQUAL_FATAL(sdkc_vector_parse(vec, sizeof(vec) - 1, "x.json", &v, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(v->probe.signing, SDKC_SIGNING_STALE);
    CU_ASSERT_EQUAL(v->probe.undeclared, SDKC_LEVEL_SHOULD);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        cJSON *doc = NULL;
        struct sdkc_buf why;
        int ok = -1, drift = -1;
        sdkc_buf_init(&why, 0);
        CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(cases[i].doc, strlen(cases[i].doc), NULL, &doc, NULL),
                              SDKC_OK);
        CU_ASSERT_EQUAL(sdkc_vector_check_probe(v, doc, &why, &ok, &drift), SDKC_OK);
        CU_ASSERT_EQUAL(ok, cases[i].ok);
        CU_ASSERT_EQUAL(drift, cases[i].drift);
        CU_ASSERT_TRUE(why.len > 0);
        sdkc_buf_clean_up(&why);
        cJSON_Delete(doc);
    }
    sdkc_vector_destroy(v);
}

/* The live implementation under the replay runner, against the second
 * model's simulator: every probe answered as due, drift below the gate,
 * and the exchanges logged with the signature redacted. */
SDKC_TEST(live_impl_runner_simulator)
{
    struct sdkc_spec *spec = s_widgets();
    struct sdkc_credentials creds;
    struct sdkc_simulator_options so;
    struct sdkc_simulator *sim = NULL;
    struct sdkc_live_impl_options lo;
    struct sdkc_impl *impl = NULL;
    struct sdkc_gen_output out;
    struct sdkc_probe_options po;
    struct sdkc_runner_options ro;
    struct sdkc_run_summary sum;
    enum sdkc_run_fatal fatal;
    struct sdkc_error err;
    char dir[] = "/tmp/sdkc-test-probe-XXXXXX", spool[] = "/tmp/sdkc-test-spool-XXXXXX";
    const char *paths[1];
    const cJSON *log, *e;
    char *text = NULL;
    size_t i;
    int fd;
    if (!spec)
        return;
    sdkc_credentials_init(&creds);
    CU_ASSERT_EQUAL_FATAL(
        sdkc_credentials_set(&creds, "AKIDPROBETEST", "probeSecretKey0123456789", NULL, NULL),
        SDKC_OK);
    memset(&so, 0, sizeof(so));
    so.creds = &creds;
    so.region = "us-east-1";
    so.spec = spec;
    CU_ASSERT_EQUAL_FATAL(sdkc_simulator_new(&so, &sim, NULL), SDKC_OK);
    memset(&lo, 0, sizeof(lo));
    lo.spec = spec;
    lo.creds = &creds;
    lo.region = "us-east-1";
    lo.transport.endpoint = sdkc_simulator_url(sim);
    lo.transport.timeout_ms = 5000;
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_live_new(&lo, &impl, NULL), SDKC_OK);
    sdkc_gen_output_init(&out);
    memset(&po, 0, sizeof(po));
    CU_ASSERT_EQUAL_FATAL(sdkc_probe_generate(spec, &po, &out, NULL), SDKC_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    CU_ASSERT_EQUAL_FATAL(sdkc_gen_write(&out, dir, NULL), SDKC_OK);
    fd = mkstemp(spool);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    paths[0] = dir;
    memset(&ro, 0, sizeof(ro));
    ro.spec = spec;
    ro.vector_paths = paths;
    ro.vector_path_count = 1;
    ro.impls = &impl;
    ro.impl_count = 1;
    ro.gate = SDKC_LEVEL_MUST;
    ro.jobs = 1;
    ro.spool_path = spool;
    sdkc_run_summary_init(&sum);
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_runner_run(&ro, &sum, &fatal, &err), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.total, out.vector_count);
    CU_ASSERT_EQUAL(sum.all.gating, 0);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_ERROR], 0);
    CU_ASSERT_TRUE(sum.all.by[SDKC_VERDICT_PASS] >= 1); /* the declared WidgetNotFound */
    CU_ASSERT_EQUAL(sum.all.warnings, sum.all.by[SDKC_VERDICT_FAIL]); /* drift only */
    CU_ASSERT_EQUAL(sdkc_run_exit_code(&sum), 0);
    log = sdkc_impl_live_log(impl);
    CU_ASSERT_EQUAL((size_t)cJSON_GetArraySize(log), out.vector_count);
    CU_ASSERT_EQUAL(sdkc_json_print(log, 0, &text, NULL), SDKC_OK);
    CU_ASSERT_PTR_NULL(strstr(text, "probeSecretKey"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "Signature=[REDACTED]"));
    cJSON_ArrayForEach(e, log) CU_ASSERT_TRUE(sdkc_json_get(e, "status") != NULL);
    sdkc_free(text);
    cJSON_ArrayForEach(e, log)
    {
        const char *id = sdkc_json_get(e, "probe")->valuestring;
        int st = sdkc_json_get(e, "status")->valueint;
        /* the simulator answers per the model: constraints, the declared
         * not-found error, signatures */
        if (strstr(id, ".bad-"))
            CU_ASSERT_EQUAL(st, 400);
        if (strcmp(id, "live.GetWidget.nonexistent-id") == 0)
            CU_ASSERT_EQUAL(st, 404);
        if (strstr(id, ".wrong-signature") || strstr(id, ".stale-date"))
            CU_ASSERT_EQUAL(st, 403);
    }
    for (i = 0; i < out.count; i++) {
        char p[512];
        snprintf(p, sizeof(p), "%s/%s", dir, out.files[i].path);
        unlink(p);
        *strrchr(p, '/') = '\0';
        rmdir(p);
    }
    rmdir(dir);
    unlink(spool);
    sdkc_run_summary_clean_up(&sum);
    sdkc_gen_output_clean_up(&out);
    sdkc_impl_destroy(impl);
    sdkc_simulator_destroy(sim);
    sdkc_credentials_clean_up(&creds);
    sdkc_spec_destroy(spec);
}

/* `sdkconform live --simulate` as the library call the command makes
 * (app/live.h): the reports are written, every probe of the second model
 * passes against the model's own simulator, the private corpus and spool
 * are gone afterwards, and a report folder that cannot be made is exit 2
 * before any probe. */
SDKC_TEST(live_run_library_call_against_the_simulator)
{
    struct sdkc_spec *spec = s_widgets();
    struct sdkc_live_run_options o;
    struct sdkc_error err;
    char dir[] = "/tmp/sdkc-test-liverun-XXXXXX", p[4200];
    char *argv[] = {"live", "--simulate", "--region", "us-east-1"};
    cJSON *report = NULL;
    struct sdkc_buf text;
    if (!spec)
        return;
    sdkc_buf_init(&text, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    setenv("AWS_ACCESS_KEY_ID", "AKIDLIVERUNTEST", 1);
    setenv("AWS_SECRET_ACCESS_KEY", "liveRunSecretKey0123456789", 1);
    unsetenv("AWS_SESSION_TOKEN");
    unsetenv("AWS_PROFILE");
    memset(&o, 0, sizeof(o));
    o.spec = spec;
    o.region = "us-east-1";
    o.simulate = 1;
    o.report_dir = dir;
    o.timeout_ms = 5000;
    o.argc = 4;
    o.argv = argv;
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_live_run(&o, &err), SDKC_LIVE_EXIT_OK);
    snprintf(p, sizeof(p), "%s/report.json", dir);
    CU_ASSERT_EQUAL_FATAL(sdkc_buf_read_file(&text, p, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(text.data, text.len, NULL, &report, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(
        cJSON_GetObjectItem(report, "exit") ? cJSON_GetObjectItem(report, "exit")->valueint : -1,
        0);
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "live.GetWidget."));
    CU_ASSERT_PTR_NULL(strstr(text.data, "liveRunSecretKey0123456789"));
    snprintf(p, sizeof(p), "%s/live.json", dir);
    CU_ASSERT_EQUAL(access(p, R_OK), 0);
    /* The report folder cannot be made under a file: exit 2, nothing run. */
    snprintf(p, sizeof(p), "%s/report.json/sub", dir);
    o.report_dir = p;
    CU_ASSERT_EQUAL(sdkc_live_run(&o, &err), SDKC_LIVE_EXIT_USAGE);
    cJSON_Delete(report);
    sdkc_buf_clean_up(&text);
    snprintf(p, sizeof(p), "rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(p), 0);
    unsetenv("AWS_ACCESS_KEY_ID");
    unsetenv("AWS_SECRET_ACCESS_KEY");
    sdkc_spec_destroy(spec);
}
