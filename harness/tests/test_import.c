/* SPDX-License-Identifier: Apache-2.0
 * Tests of what a many-service corpus needs: request expectations on the
 * wire form (host, rawQuery, exact bodies), folders bound to their own
 * model (service-2.json), vectors for operations a model lacks refused at
 * load, and `import` of official protocol-test files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "impl/builtin.h"
#include "runner/runner.h"
#include "tests/test.h"
#include "vectors/import.h"
#include "vectors/vector.h"

/* MARK: - helpers */

static char s_tmp[256];

static void s_tmpdir(void)
{
    snprintf(s_tmp, sizeof(s_tmp), "%s/import-test-XXXXXX", SDKC_BINARY_DIR);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(s_tmp));
}

static void s_write(const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", s_tmp, rel);
    CU_ASSERT_EQUAL_FATAL(sdkc_write_file_atomic(path, text, strlen(text), NULL), SDKC_OK);
}

static void s_rm_rf(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char path[768];
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

static struct sdkc_vector *s_vector(const char *json)
{
    struct sdkc_vector *v = NULL;
    struct sdkc_error err;
    sdkc_error_init(&err);
    if (sdkc_vector_parse(json, strlen(json), "mem.json", &v, &err))
        fprintf(stderr, "unexpected load error: %s\n", err.msg);
    return v;
}

static void s_load_fails(const char *json, const char *needle)
{
    struct sdkc_vector *v = NULL;
    struct sdkc_error err;
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_vector_parse(json, strlen(json), "bad.json", &v, &err), SDKC_ERR_PARSE);
    CU_ASSERT_PTR_NULL(v);
    if (!strstr(err.msg, needle)) {
        fprintf(stderr, "wanted \"%s\" in \"%s\"\n", needle, err.msg);
        CU_FAIL("load error does not say what is wrong where");
    }
}

static void s_request(struct sdkc_http_request *r, const char *query, const char *host,
                      const char *body, size_t body_len)
{
    sdkc_http_request_init(r);
    r->method = sdkc_strdup("GET");
    r->path = sdkc_strdup("/");
    r->query = query ? sdkc_strdup(query) : NULL;
    r->host = host ? sdkc_strdup(host) : NULL;
    if (body) {
        r->body = sdkc_malloc(body_len + 1);
        memcpy(r->body, body, body_len);
        r->body[body_len] = '\0';
        r->body_len = body_len;
    }
}

/* Check r against v; the diff text lands in text. */
static int s_check(const struct sdkc_vector *v, const struct sdkc_http_request *r,
                   struct sdkc_buf *text)
{
    struct sdkc_json_diff d;
    int ok = -1;
    sdkc_json_diff_init(&d);
    CU_ASSERT_EQUAL(sdkc_vector_check_request(v, r, NULL, &d, &ok, NULL), SDKC_OK);
    sdkc_buf_reset(text);
    CU_ASSERT_EQUAL(sdkc_json_diff_format(&d, text), SDKC_OK);
    sdkc_json_diff_clean_up(&d);
    return ok;
}

#define S_HEAD                                                                                     \
    "{\"id\":\"w\",\"title\":\"t\",\"level\":\"MUST\",\"refs\":[\"smithy:X\"],\"tags\":[\"x\"],"   \
    "\"operation\":\"Op\",\"params\":{},"

/* MARK: - the wire form in request expectations */

SDKC_TEST(raw_query_is_a_multiset_of_raw_pieces)
{
    /* Smithy RestJsonConstantQueryString: `?hello` is not `?hello=`; the
     * order of pieces does not matter (httpRequestTests queryParams). */
    struct sdkc_vector *v = s_vector(S_HEAD "\"request\":{\"rawQuery\":\"foo=bar&hello&a=%2F\"}}");
    struct sdkc_http_request r;
    struct sdkc_buf text;
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    sdkc_buf_init(&text, 0);
    s_request(&r, "hello&a=%2F&foo=bar", NULL, NULL, 0);
    CU_ASSERT_TRUE(s_check(v, &r, &text));
    sdkc_http_request_clean_up(&r);
    s_request(&r, "foo=bar&hello=&a=/", NULL, NULL, 0);
    CU_ASSERT_FALSE(s_check(v, &r, &text));
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "$.rawQuery: wanted \"hello\", got (piece not sent)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "$.rawQuery: wanted (no such piece), got \"hello=\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "wanted \"a=%2F\""));
    sdkc_http_request_clean_up(&r);
    /* A repeated piece counts twice. */
    s_request(&r, "foo=bar&hello&hello&a=%2F", NULL, NULL, 0);
    CU_ASSERT_FALSE(s_check(v, &r, &text));
    sdkc_http_request_clean_up(&r);
    sdkc_vector_destroy(v);
    /* "" = no query at all. */
    v = s_vector(S_HEAD "\"request\":{\"rawQuery\":\"\"}}");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    s_request(&r, NULL, NULL, NULL, 0);
    CU_ASSERT_TRUE(s_check(v, &r, &text));
    sdkc_http_request_clean_up(&r);
    s_request(&r, "x", NULL, NULL, 0);
    CU_ASSERT_FALSE(s_check(v, &r, &text));
    sdkc_http_request_clean_up(&r);
    sdkc_vector_destroy(v);
    sdkc_buf_clean_up(&text);
    s_load_fails(S_HEAD "\"request\":{\"rawQuery\":\"?a=1\"}}",
                 "bad.json: $.request.rawQuery: the raw query is given without its leading '?'");
    s_load_fails(S_HEAD "\"request\":{\"rawQuery\":3}}", "$.request.rawQuery: expected a string");
}

SDKC_TEST(host_is_the_encoders_or_the_host_header)
{
    struct sdkc_vector *v = s_vector(S_HEAD "\"request\":{\"host\":\"foo.bar.example.com\"}}");
    struct sdkc_http_request r;
    struct sdkc_buf text;
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    sdkc_buf_init(&text, 0);
    s_request(&r, NULL, "foo.bar.example.com", NULL, 0);
    CU_ASSERT_TRUE(s_check(v, &r, &text));
    sdkc_http_request_clean_up(&r);
    /* Over the wire the Host header says where the request went. */
    s_request(&r, NULL, NULL, NULL, 0);
    sdkc_http_headers_add(&r.headers, "host", "foo.bar.example.com");
    CU_ASSERT_TRUE(s_check(v, &r, &text));
    sdkc_http_request_clean_up(&r);
    s_request(&r, NULL, "bar.example.com", NULL, 0);
    CU_ASSERT_FALSE(s_check(v, &r, &text));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(text.data, "$.host: wanted \"foo.bar.example.com\", got \"bar.example.com\""));
    sdkc_http_request_clean_up(&r);
    s_request(&r, NULL, NULL, NULL, 0);
    CU_ASSERT_FALSE(s_check(v, &r, &text));
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "got (absent)"));
    sdkc_http_request_clean_up(&r);
    sdkc_vector_destroy(v);
    sdkc_buf_clean_up(&text);
    s_load_fails(S_HEAD "\"request\":{\"host\":\"\"}}", "$.request.host: must not be empty");
    s_load_fails(S_HEAD "\"endpoint\":\"example.com\",\"request\":{}}",
                 "$.endpoint: expected an http:// or https:// URL");
}

SDKC_TEST(raw_bodies_compare_exact_bytes)
{
    /* Blob and string payloads are not JSON (RestJsonHttpPayloadTraitsWithBlob,
     * RestJsonStringPayloadRequest): "1234" is not the number 1234. */
    struct sdkc_vector *v = s_vector(S_HEAD "\"request\":{\"bodyText\":\"1234\"}}");
    struct sdkc_vector *b64 = s_vector(S_HEAD "\"request\":{\"bodyBase64\":\"AP8=\"}}");
    struct sdkc_vector *empty = s_vector(S_HEAD "\"request\":{\"bodyText\":\"\"}}");
    struct sdkc_http_request r;
    struct sdkc_buf text;
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b64);
    CU_ASSERT_PTR_NOT_NULL_FATAL(empty);
    sdkc_buf_init(&text, 0);
    s_request(&r, NULL, NULL, "1234", 4);
    CU_ASSERT_TRUE(s_check(v, &r, &text));
    sdkc_http_request_clean_up(&r);
    s_request(&r, NULL, NULL, "1234 ", 5);
    CU_ASSERT_FALSE(s_check(v, &r, &text));
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "$.body: wanted \"1234\", got \"1234 \""));
    sdkc_http_request_clean_up(&r);
    s_request(&r, NULL, NULL, NULL, 0);
    CU_ASSERT_FALSE(s_check(v, &r, &text));
    CU_ASSERT_PTR_NOT_NULL(strstr(text.data, "got (no body)"));
    CU_ASSERT_TRUE(s_check(empty, &r, &text));
    sdkc_http_request_clean_up(&r);
    s_request(&r, NULL, NULL, "\0\xff", 2);
    CU_ASSERT_TRUE(s_check(b64, &r, &text));
    CU_ASSERT_FALSE(s_check(v, &r, &text));
    sdkc_http_request_clean_up(&r);
    s_request(&r, NULL, NULL, "\0\xfe", 2);
    CU_ASSERT_FALSE(s_check(b64, &r, &text));
    sdkc_http_request_clean_up(&r);
    sdkc_vector_destroy(v);
    sdkc_vector_destroy(b64);
    sdkc_vector_destroy(empty);
    sdkc_buf_clean_up(&text);
    s_load_fails(S_HEAD "\"request\":{\"body\":{},\"bodyText\":\"x\"}}",
                 "bad.json: $.request: give one of \"body\", \"bodyText\" and \"bodyBase64\"");
    s_load_fails(S_HEAD "\"request\":{\"bodyBase64\":\"!!\"}}", "$.request.bodyBase64: ");
    s_load_fails(S_HEAD "\"request\":{\"bodyText\":1}}", "$.request.bodyText: expected a string");
}

/* MARK: - folders bound to models */

#define S_MODEL                                                                                    \
    "{\"metadata\":{\"protocol\":\"rest-json\",\"apiVersion\":\"2020-01-01\","                     \
    "\"endpointPrefix\":\"svc\",\"serviceId\":\"Svc\",\"signatureVersion\":\"v4\"},"               \
    "\"operations\":{\"Ping\":{\"name\":\"Ping\",\"http\":{\"method\":\"GET\","                    \
    "\"requestUri\":\"/ping?x\",\"responseCode\":200},\"output\":{\"shape\":\"Out\"}}},"           \
    "\"shapes\":{\"Out\":{\"type\":\"structure\",\"members\":{\"v\":{\"shape\":\"S\"}}},"          \
    "\"S\":{\"type\":\"string\"}}}"

#define S_PING(id)                                                                                 \
    "{\"id\":\"" id "\",\"title\":\"t\",\"level\":\"MUST\",\"refs\":[\"seed\"],"                   \
    "\"tags\":[\"x\"],\"operation\":\"Ping\",\"params\":{},"                                       \
    "\"request\":{\"method\":\"GET\",\"path\":\"/ping\",\"rawQuery\":\"x\",\"body\":null},"        \
    "\"response\":{\"status\":200,\"body\":\"{\\\"v\\\":\\\"a\\\"}\"},"                            \
    "\"expect\":{\"output\":{\"v\":\"a\"}}}"

static sdkc_result s_read_models(const char *const *paths, size_t n, char *out, size_t cap,
                                 struct sdkc_error *err)
{
    struct sdkc_vector_reader *r = NULL;
    struct sdkc_vector *v = NULL;
    sdkc_result result = sdkc_vector_reader_new(paths, n, NULL, &r, err);
    out[0] = '\0';
    while (!result && (result = sdkc_vector_reader_next(r, &v, err)) == SDKC_OK && v) {
        const char *m = v->model ? strrchr(v->model, '/') : NULL;
        size_t len = strlen(out);
        /* "id=<folder of its model>" */
        if (v->model) {
            const char *p = v->model + strlen(s_tmp) + 1;
            snprintf(out + len, cap - len, "%s%s=%.*s", len ? "," : "", v->id, (int)(m - p), p);
        } else {
            snprintf(out + len, cap - len, "%s%s=-", len ? "," : "", v->id);
        }
        sdkc_vector_destroy(v);
    }
    sdkc_vector_reader_destroy(r);
    return result;
}

SDKC_TEST(folder_model_binds_vectors_beneath)
{
    char got[1024], p1[512], p2[512];
    const char *paths[1];
    struct sdkc_error err;
    sdkc_error_init(&err);
    s_tmpdir();
    s_write("a/service-2.json", S_MODEL);
    s_write("a/v.json", S_PING("a.1"));
    s_write("a/deeper/v.json", S_PING("a.2"));
    s_write("a/b/service-2.json.gz", "not read by the reader");
    s_write("a/b/v.json", S_PING("b.1"));
    s_write("c/v.json", S_PING("c.1"));
    paths[0] = s_tmp;
    CU_ASSERT_EQUAL(s_read_models(paths, 1, got, sizeof(got), &err), SDKC_OK);
    /* nearest folder wins; service-2.json is never read as vectors */
    CU_ASSERT_STRING_EQUAL(got, "b.1=a/b,a.2=a,a.1=a,c.1=-");
    /* A file or folder given by name: the folders above it count. */
    snprintf(p1, sizeof(p1), "%s/a/deeper/v.json", s_tmp);
    paths[0] = p1;
    CU_ASSERT_EQUAL(s_read_models(paths, 1, got, sizeof(got), &err), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(got, "a.2=a");
    snprintf(p2, sizeof(p2), "%s/a/deeper", s_tmp);
    paths[0] = p2;
    CU_ASSERT_EQUAL(s_read_models(paths, 1, got, sizeof(got), &err), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(got, "a.2=a");
    s_rm_rf(s_tmp);
}

static char g_spool[256];

struct s_count {
    size_t pass, fail, skip;
};

static void s_count_record(void *ctx, const struct sdkc_run_record *rec)
{
    struct s_count *c = ctx;
    if (rec->verdict == SDKC_VERDICT_PASS)
        c->pass++;
    else if (rec->verdict == SDKC_VERDICT_SKIP)
        c->skip++;
    else
        c->fail++;
}

static sdkc_result s_run(const char *path, struct s_count *c, enum sdkc_run_fatal *fatal,
                         struct sdkc_error *err)
{
    struct sdkc_spec *spec = NULL;
    struct sdkc_impl *b = NULL;
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    const char *paths[1];
    sdkc_result result;
    paths[0] = path;
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_default(&spec, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, NULL, &b, NULL), SDKC_OK);
    snprintf(g_spool, sizeof(g_spool), "%s/import-spool-%d.jsonl", SDKC_BINARY_DIR, (int)getpid());
    memset(&o, 0, sizeof(o));
    memset(c, 0, sizeof(*c));
    o.spec = spec;
    o.impls = &b;
    o.impl_count = 1;
    o.vector_paths = paths;
    o.vector_path_count = 1;
    o.gate = SDKC_LEVEL_MUST;
    o.spool_path = g_spool;
    o.on_record = s_count_record;
    o.on_record_ctx = c;
    sdkc_run_summary_init(&sum);
    result = sdkc_runner_run(&o, &sum, fatal, err);
    sdkc_run_summary_clean_up(&sum);
    sdkc_impl_destroy(b);
    sdkc_spec_destroy(spec);
    unlink(g_spool);
    return result;
}

SDKC_TEST(runner_uses_bound_model_and_refuses_unknown_operations)
{
    struct s_count c;
    struct sdkc_error err;
    enum sdkc_run_fatal fatal;
    char path[512];
    sdkc_error_init(&err);
    s_tmpdir();
    /* Ping exists only in the folder's model, not in the run's spec. */
    s_write("svc/service-2.json", S_MODEL);
    s_write("svc/v.json", "{\"vectors\":[" S_PING("p.1") "," S_PING("p.2") "]}");
    CU_ASSERT_EQUAL(s_run(s_tmp, &c, &fatal, &err), SDKC_OK);
    CU_ASSERT_EQUAL(c.pass, 2);
    CU_ASSERT_EQUAL(c.fail + c.skip, 0);
    /* Outside that folder the run's spec applies, and it has no Ping:
     * refused while loading, naming the file and JSON path. */
    s_write("other/x.json", "{\"vectors\":[" S_PING("o.1") "]}");
    CU_ASSERT_EQUAL(s_run(s_tmp, &c, &fatal, &err), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(fatal, SDKC_RUN_FATAL_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "other/x.json: $.vectors[0].operation: operation Ping "
                                           "is not in the model (bundled)"));
    s_write("other/x.json", S_PING("o.1"));
    CU_ASSERT_EQUAL(s_run(s_tmp, &c, &fatal, &err), SDKC_ERR_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "other/x.json: $.operation: operation Ping"));
    snprintf(path, sizeof(path), "%s/other/x.json", s_tmp);
    unlink(path);
    /* A bound model that does not load is bad input too, named. */
    s_write("svc/service-2.json", "{\"metadata\":");
    CU_ASSERT_NOT_EQUAL(s_run(s_tmp, &c, &fatal, &err), SDKC_OK);
    CU_ASSERT_EQUAL(fatal, SDKC_RUN_FATAL_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "svc/service-2.json"));
    s_rm_rf(s_tmp);
}

/* MARK: - import */

#define S_SUITES                                                                                   \
    "[{\"description\":\"Test cases for Put operation\","                                          \
    "\"metadata\":{\"protocol\":\"rest-json\",\"apiVersion\":\"2019-12-16\"},"                     \
    "\"shapes\":{\"In\":{\"type\":\"structure\",\"members\":{\"data\":{\"shape\":\"B\"},"          \
    "\"q\":{\"shape\":\"S\",\"location\":\"querystring\",\"locationName\":\"q\"}},"                \
    "\"payload\":\"data\"},\"B\":{\"type\":\"blob\"},\"S\":{\"type\":\"string\"},"                 \
    "\"Out\":{\"type\":\"structure\",\"members\":{\"data\":{\"shape\":\"B\"}},"                    \
    "\"payload\":\"data\"},"                                                                       \
    "\"Err\":{\"type\":\"structure\",\"members\":{\"Message\":{\"shape\":\"S\"},"                  \
    "\"Extra\":{\"shape\":\"B\"}},\"exception\":true,\"fault\":true}},"                            \
    "\"cases\":[{\"id\":\"PutBlob\",\"given\":{\"name\":\"Put\",\"http\":{\"method\":\"PUT\","     \
    "\"requestUri\":\"/put?flag\"},\"input\":{\"shape\":\"In\"},\"output\":{\"shape\":\"Out\"},"   \
    "\"errors\":[{\"shape\":\"Err\"}]},"                                                           \
    "\"description\":\"Sends a\\n   blob\",\"params\":{\"data\":\"bytes\",\"q\":\"v\"},"           \
    "\"serialized\":{\"method\":\"PUT\",\"uri\":\"/put?flag&q=v\",\"host\":\"example.com/base\","  \
    "\"headers\":{\"Content-Type\":\"application/octet-stream\"},"                                 \
    "\"requireHeaders\":[\"Content-Length\"],\"body\":\"bytes\"}},"                                \
    "{\"id\":\"PutJson\",\"given\":{\"name\":\"Put\"},\"params\":{},"                              \
    "\"serialized\":{\"method\":\"PUT\",\"uri\":\"/put\",\"host\":\"foo.example.com\","            \
    "\"body\":\"{\\\"a\\\": 1}\"}}]},"                                                             \
    "{\"description\":\"Test cases for Put operation\","                                           \
    "\"metadata\":{\"protocol\":\"rest-json\",\"apiVersion\":\"2019-12-16\"},"                     \
    "\"shapes\":{\"Out\":{\"type\":\"structure\",\"members\":{\"data\":{\"shape\":\"B\"}}},"       \
    "\"B\":{\"type\":\"blob\"},\"S\":{\"type\":\"string\"},"                                       \
    "\"Err\":{\"type\":\"structure\",\"members\":{\"Message\":{\"shape\":\"S\"},"                  \
    "\"Extra\":{\"shape\":\"B\"}},\"exception\":true,\"fault\":true}},"                            \
    "\"cases\":[{\"id\":\"GetBlob\",\"given\":{\"name\":\"Put\",\"http\":{\"method\":\"PUT\","     \
    "\"requestUri\":\"/put\"},\"output\":{\"shape\":\"Out\"},\"errors\":[{\"shape\":\"Err\"}]},"   \
    "\"result\":{\"data\":\"hi\"},"                                                                \
    "\"response\":{\"status_code\":200,\"headers\":{},\"body\":\"{\\\"data\\\":\\\"aGk=\\\"}\"}}," \
    "{\"id\":\"GetErr\",\"given\":{\"name\":\"Put\"},\"errorCode\":\"Err\",\"errorMessage\":"      \
    "\"m\","                                                                                       \
    "\"error\":{\"Message\":\"m\",\"Extra\":\"x\"},"                                               \
    "\"response\":{\"status_code\":500,\"headers\":{\"X-Amzn-Errortype\":\"Err\"},"                \
    "\"body\":\"{\\\"Message\\\":\\\"m\\\",\\\"Extra\\\":\\\"eA==\\\"}\"}}]}]"

static const char *s_file(const struct sdkc_gen_output *o, const char *path)
{
    size_t i;
    for (i = 0; i < o->count; i++)
        if (strcmp(o->files[i].path, path) == 0)
            return o->files[i].data;
    return NULL;
}

static cJSON *s_vectors_of(const struct sdkc_gen_output *o, const char *path)
{
    const char *text = s_file(o, path);
    cJSON *root = NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(text, strlen(text), NULL, &root, NULL), SDKC_OK);
    return root;
}

static char *s_print(const cJSON *j)
{
    char *t = NULL;
    CU_ASSERT_EQUAL(sdkc_json_print(j, 0, &t, NULL), SDKC_OK);
    return t;
}

SDKC_TEST(import_translates_requests_and_responses)
{
    cJSON *root = NULL, *vs;
    struct sdkc_gen_output out;
    struct sdkc_error err;
    char *t;
    sdkc_error_init(&err);
    sdkc_gen_output_init(&out);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(S_SUITES, strlen(S_SUITES), NULL, &root, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_import_protocol_tests(root, "in.json", &out, &err), SDKC_OK);
    CU_ASSERT_EQUAL(out.count, 4);
    CU_ASSERT_EQUAL(out.vector_count, 4);
    CU_ASSERT_PTR_NOT_NULL(s_file(&out, "request/00-Put/service-2.json"));
    CU_ASSERT_PTR_NOT_NULL(s_file(&out, "response/01-Put/service-2.json"));

    vs = s_vectors_of(&out, "request/00-Put/vectors.json");
    t = s_print(vs);
    /* uri -> path + rawQuery; the host with a path -> endpoint + host;
     * a non-JSON Content-Type -> exact bytes; a title on one line */
    CU_ASSERT_PTR_NOT_NULL(strstr(
        t, "{\"id\":\"smithy.request.PutBlob\",\"title\":\"Sends a blob\",\"level\":\"MUST\","
           "\"refs\":[\"smithy:PutBlob\",\"botocore:in.json#0.0\"],\"tags\":[\"protocol-tests\","
           "\"request\"],\"operation\":\"Put\",\"params\":{\"data\":\"bytes\",\"q\":\"v\"},"
           "\"endpoint\":\"https://example.com/base\","
           "\"request\":{\"method\":\"PUT\",\"path\":\"/put\",\"rawQuery\":\"flag&q=v\","
           "\"host\":\"example.com\",\"headers\":{\"equal\":{\"Content-Type\":"
           "\"application/"
           "octet-stream\"},\"required\":[\"Content-Length\"]},\"bodyText\":\"bytes\"}}"));
    /* a hostPrefix host: the default endpoint; a JSON body compares as JSON */
    CU_ASSERT_PTR_NOT_NULL(
        strstr(t, "\"path\":\"/put\",\"rawQuery\":\"\",\"host\":\"foo.example.com\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"endpoint\":\"https://example.com\",\"request\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"body\":{\"a\":1}}}"));
    sdkc_free(t);
    cJSON_Delete(vs);

    vs = s_vectors_of(&out, "response/01-Put/vectors.json");
    t = s_print(vs);
    /* blobs are text in botocore's files and base64 in result documents */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"expect\":{\"output\":{\"data\":\"aGk=\"}}"));
    /* errors: the shape's fault, the members but the message */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"expect\":{\"error\":{\"code\":\"Err\",\"message\":\"m\","
                                     "\"modeled\":true,\"httpStatus\":500,\"fault\":\"server\","
                                     "\"members\":{\"Extra\":\"eA==\"}}}"));
    sdkc_free(t);
    cJSON_Delete(vs);
    sdkc_gen_output_clean_up(&out);
    cJSON_Delete(root);
}

static void s_import_fails(const char *json, const char *needle)
{
    cJSON *root = NULL;
    struct sdkc_gen_output out;
    struct sdkc_error err;
    sdkc_error_init(&err);
    sdkc_gen_output_init(&out);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(json, strlen(json), NULL, &root, NULL), SDKC_OK);
    CU_ASSERT_NOT_EQUAL(sdkc_import_protocol_tests(root, "in.json", &out, &err), SDKC_OK);
    if (!strstr(err.msg, needle)) {
        fprintf(stderr, "wanted \"%s\" in \"%s\"\n", needle, err.msg);
        CU_FAIL("import error does not name the JSON path");
    }
    sdkc_gen_output_clean_up(&out);
    cJSON_Delete(root);
}

SDKC_TEST(import_errors_name_the_json_path)
{
    s_import_fails("{}", "in.json: $: expected an array of suites");
    s_import_fails("[1]", "in.json: $[0]: expected a suite object");
    s_import_fails("[{\"metadata\":{},\"shapes\":{}}]", "in.json: $[0]: a suite needs");
    s_import_fails("[{\"metadata\":{\"protocol\":\"rest-json\"},\"shapes\":{},\"cases\":[{}]}]",
                   "in.json: $[0]: a case needs a \"given\" operation");
    s_import_fails(
        "[{\"metadata\":{\"protocol\":\"rest-json\",\"apiVersion\":\"1\"},\"shapes\":{},"
        "\"cases\":[{\"id\":\"A\",\"given\":{\"name\":\"Op\",\"http\":{\"method\":\"GET\","
        "\"requestUri\":\"/\"}},\"serialized\":{\"method\":\"GET\",\"uri\":\"x\"}}]}]",
        "in.json: $[0].cases[0]: serialized needs a \"method\" and a \"uri\"");
    s_import_fails(
        "[{\"metadata\":{\"protocol\":\"rest-json\",\"apiVersion\":\"1\"},\"shapes\":{},"
        "\"cases\":[{\"id\":\"A\",\"given\":{\"name\":\"Op\",\"http\":{\"method\":\"GET\","
        "\"requestUri\":\"/\"}},\"response\":{\"status_code\":99}}]}]",
        "in.json: $[0].cases[0]: response needs a status_code");
    s_import_fails(
        "[{\"metadata\":{\"protocol\":\"query\",\"apiVersion\":\"1\"},\"shapes\":{},"
        "\"cases\":[{\"id\":\"A\",\"given\":{\"name\":\"Op\",\"http\":{\"method\":\"GET\","
        "\"requestUri\":\"/\"}},\"response\":{\"status_code\":200}}]}]",
        "in.json: the suite's model: ");
}

static int s_import_once(void *ctx)
{
    cJSON *root = ctx;
    struct sdkc_gen_output out;
    sdkc_result result;
    sdkc_gen_output_init(&out);
    result = sdkc_import_protocol_tests(root, "in.json", &out, NULL);
    sdkc_gen_output_clean_up(&out);
    return result;
}

SDKC_TEST(import_fault_walk)
{
    cJSON *root = NULL;
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(S_SUITES, strlen(S_SUITES), NULL, &root, NULL), SDKC_OK);
    CU_ASSERT_TRUE(sdkc_test_fault_walk("import", s_import_once, root, NULL) > 50);
    cJSON_Delete(root);
}

SDKC_TEST(import_is_deterministic_and_replays_on_builtin)
{
    cJSON *root = NULL;
    struct sdkc_gen_output a, b;
    struct s_count c;
    struct sdkc_error err;
    enum sdkc_run_fatal fatal;
    size_t i;
    sdkc_error_init(&err);
    sdkc_gen_output_init(&a);
    sdkc_gen_output_init(&b);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(S_SUITES, strlen(S_SUITES), NULL, &root, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_import_protocol_tests(root, "in.json", &a, &err), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_import_protocol_tests(root, "in.json", &b, &err), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(a.count, b.count);
    for (i = 0; i < a.count; i++) {
        CU_ASSERT_STRING_EQUAL(a.files[i].path, b.files[i].path);
        CU_ASSERT_EQUAL(a.files[i].len, b.files[i].len);
        CU_ASSERT_EQUAL(memcmp(a.files[i].data, b.files[i].data, a.files[i].len), 0);
    }
    /* The folders load: each suite under its own model, none under the
     * run's spec (which has no operation Put). */
    s_tmpdir();
    CU_ASSERT_EQUAL_FATAL(sdkc_gen_write(&a, s_tmp, &err), SDKC_OK);
    CU_ASSERT_EQUAL(s_run(s_tmp, &c, &fatal, &err), SDKC_OK);
    CU_ASSERT_EQUAL(c.pass + c.fail + c.skip, 4);
    s_rm_rf(s_tmp);
    sdkc_gen_output_clean_up(&a);
    sdkc_gen_output_clean_up(&b);
    cJSON_Delete(root);
}

/* A description longer than the title cap, words separated by runs of
 * white space, is cut to at most SDKC_IMPORT_MAX_TITLE bytes on one line
 * (found by the ASan run: the space before the last word overran). */
SDKC_TEST(import_long_titles_are_cut_within_the_cap)
{
    struct sdkc_buf j;
    cJSON *root = NULL, *vs;
    struct sdkc_gen_output out;
    const cJSON *title;
    size_t i;
    sdkc_buf_init(&j, 0);
    sdkc_gen_output_init(&out);
    sdkc_buf_append_str(&j,
                        "[{\"metadata\":{\"protocol\":\"rest-json\",\"apiVersion\":\"1\"},"
                        "\"shapes\":{},\"cases\":[{\"id\":\"Long\",\"given\":{\"name\":\"Op\","
                        "\"http\":{\"method\":\"GET\",\"requestUri\":\"/\"}},\"description\":\"");
    for (i = 0; i < 300; i++)
        sdkc_buf_append_str(&j, i % 2 ? "a \\n\\t " : "b");
    sdkc_buf_append_str(&j,
                        "\",\"serialized\":{\"method\":\"GET\",\"uri\":\"/\",\"body\":\"\"}}]}]");
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(j.data, j.len, NULL, &root, NULL), SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_import_protocol_tests(root, "in.json", &out, NULL), SDKC_OK);
    vs = s_vectors_of(&out, "request/00-Op/vectors.json");
    title = sdkc_json_get(cJSON_GetArrayItem(sdkc_json_get(vs, "vectors"), 0), "title");
    CU_ASSERT_TRUE(cJSON_IsString(title) && strlen(title->valuestring) <= SDKC_IMPORT_MAX_TITLE &&
                   strlen(title->valuestring) > SDKC_IMPORT_MAX_TITLE - 4 &&
                   !strchr(title->valuestring, '\n') && title->valuestring[0] == 'b');
    cJSON_Delete(vs);
    cJSON_Delete(root);
    sdkc_gen_output_clean_up(&out);
    sdkc_buf_clean_up(&j);
}
