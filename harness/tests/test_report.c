/* SPDX-License-Identifier: Apache-2.0
 * Tests of the report layer: the scrub gate (secrets redacted, valid UTF-8),
 * XML escaping, report.json / junit.xml / report.html written from a spool
 * and parsed back, the console's failure block, and the writers under
 * allocation-fault injection. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/base64.h"
#include "core/buf.h"
#include "core/json.h"
#include "impl/adapter.h"
#include "impl/builtin.h"
#include "report/report.h"
#include "report/private/report_io.h"
#include "runner/runner.h"
#include "runner/xfail.h"
#include "tests/test.h"

/* MARK: - helpers */

static char *s_scrub(const char *text, size_t n)
{
    struct sdkc_buf b;
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_report_scrub(&b, text, n), SDKC_OK);
    if (!b.data)
        sdkc_buf_append(&b, "", 0);
    return sdkc_buf_steal(&b, NULL);
}

static int s_valid_utf8(const char *s)
{
    cJSON *j = NULL;
    struct sdkc_buf b;
    int ok;
    sdkc_buf_init(&b, 0);
    sdkc_json_quote(&b, s, strlen(s));
    ok = sdkc_json_parse(b.data, b.len, NULL, &j, NULL) == SDKC_OK;
    cJSON_Delete(j);
    sdkc_buf_clean_up(&b);
    return ok;
}

static void s_rmtree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[4096];
    if (!d)
        return;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
        unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

static char *s_slurp(const char *path)
{
    struct sdkc_buf b;
    sdkc_buf_init(&b, 0);
    if (sdkc_buf_read_file(&b, path, NULL) != SDKC_OK) {
        sdkc_buf_clean_up(&b);
        return NULL;
    }
    if (!b.data)
        sdkc_buf_append(&b, "", 0);
    return sdkc_buf_steal(&b, NULL);
}

#define S_SECRET       "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define S_OTHER_SECRET "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
#define S_SIG          "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"

/* A spool of three results: pass, gating fail (with a secret, a control
 * character and markup in its diff), xfail. */
static const char *const s_spool_lines[] = {
    "{\"id\":\"a.pass\",\"impl\":\"builtin\",\"impl_index\":0,\"level\":\"MUST\",\"status\":"
    "\"pass\",\"message\":\"ok\",\"duration_ms\":0.5,\"gating\":false,\"category\":\"unions\","
    "\"refs\":[\"seed\"]}",
    "{\"id\":\"b.fail<&>\",\"impl\":\"builtin\",\"impl_index\":0,\"level\":\"MUST\",\"status\":"
    "\"fail\",\"message\":\"result $.error.code: wanted \\\"A\\\", got \\\"B\\\"\","
    "\"duration_ms\":1.25,\"gating\":true,\"category\":\"errors\",\"refs\":[\"smithy:X\"],"
    "\"diff\":\"result:\\n  $.error.code: wanted \\\"A\\\", got \\\"B\\u0001\\\"\\n"
    "  secretAccessKey=" S_SECRET " Signature=" S_SIG "\\n\","
    "\"rerun\":\"build/sdkconform replay --impl builtin --filter 'b.fail<&>'\"}",
    "{\"id\":\"c.xfail\",\"impl\":\"builtin\",\"impl_index\":0,\"level\":\"SHOULD\",\"status\":"
    "\"xfail\",\"message\":\"result differs\",\"duration_ms\":0.1,\"gating\":false,"
    "\"category\":\"errors\",\"refs\":[\"seed\"],\"reason\":\"known\",\"evidence\":\"e\","
    "\"rerun\":\"x\"}"};

static void s_summary(struct sdkc_run_summary *s)
{
    sdkc_run_summary_init(s);
    s->impl_count = 1;
    s->all.total = 3;
    s->all.by[SDKC_VERDICT_PASS] = 1;
    s->all.by[SDKC_VERDICT_FAIL] = 1;
    s->all.by[SDKC_VERDICT_XFAIL] = 1;
    s->all.gating = 1;
    s->per_impl[0] = s->all;
    s->vectors_read = s->vectors_selected = 3;
    s->categories = sdkc_calloc(2, sizeof(*s->categories));
    s->category_cap = 2;
    s->category_count = 2;
    s->categories[0].name = sdkc_strdup("unions");
    s->categories[0].per_impl[0].total = 1;
    s->categories[0].per_impl[0].by[SDKC_VERDICT_PASS] = 1;
    s->categories[1].name = sdkc_strdup("errors");
    s->categories[1].per_impl[0].total = 2;
    s->categories[1].per_impl[0].by[SDKC_VERDICT_FAIL] = 1;
    s->categories[1].per_impl[0].by[SDKC_VERDICT_XFAIL] = 1;
    s->categories[1].per_impl[0].gating = 1;
}

static const struct sdkc_report_impl s_impls[] = {{"builtin", "0.1.0"}};

static void s_meta(struct sdkc_report_meta *m)
{
    memset(m, 0, sizeof(*m));
    m->tool_name = "sdkconform";
    m->tool_version = "0.1.0";
    m->impls = s_impls;
    m->impl_count = 1;
    m->gate = "MUST";
    m->command = "sdkconform replay --impl builtin";
    m->exit_code = 1; /* what s_summary's gating results make the command return */
}

static void s_write_spool(const char *path)
{
    FILE *f = fopen(path, "wb");
    size_t i;
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    for (i = 0; i < sizeof(s_spool_lines) / sizeof(s_spool_lines[0]); i++)
        fprintf(f, "%s\n", s_spool_lines[i]);
    fclose(f);
}

/* MARK: - scrub */

SDKC_TEST(scrub_redacts_access_key_ids)
{
    const char *in = "key AKIAIOSFODNN7EXAMPLE, and ASIAXXXXXXXXXXXXXXXX.";
    char *s = s_scrub(in, strlen(in));
    CU_ASSERT_PTR_NULL(strstr(s, "IOSFODNN7EXAMPLE"));
    CU_ASSERT_PTR_NULL(strstr(s, "XXXXXXXXXXXXXXXX"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "AKIA[REDACTED],"));
    sdkc_free(s);
    /* Not keys: too short, or part of a longer word. */
    in = "AKIASHORT xAKIAIOSFODNN7EXAMPLE";
    s = s_scrub(in, strlen(in));
    CU_ASSERT_STRING_EQUAL(s, "AKIASHORT xAKIAIOSFODNN7EXAMPLE");
    sdkc_free(s);
}

/* A run's secret leaves in many shapes; every one is cut, with the one
 * marker, and so is the run's access key id (live.json carried it). */
SDKC_TEST(scrub_redacts_every_encoding_of_run_secrets)
{
    static const char secret[] = "wJalr/XUtn+FEMI K7MDENG=bPxRfi~CYEXAMPLEKEY";
    static const char pct_up[] = "wJalr%2FXUtn%2BFEMI%20K7MDENG%3DbPxRfi~CYEXAMPLEKEY";
    static const char pct_lo[] = "wJalr%2fXUtn%2bFEMI%20K7MDENG%3dbPxRfi~CYEXAMPLEKEY";
    static const char form[] = "wJalr%2FXUtn%2BFEMI+K7MDENG%3DbPxRfi~CYEXAMPLEKEY";
    char key_id[] = "AKIDRUNKEYID0001", token[] = "runTokenValue/with+chars==";
    char secret_copy[sizeof(secret)];
    struct sdkc_credentials creds = {key_id, secret_copy, token};
    struct sdkc_buf in, b64, basic, hex;
    const char *forms[8];
    size_t i;
    char *s;

    memcpy(secret_copy, secret, sizeof(secret));
    sdkc_buf_init(&in, 0);
    sdkc_buf_init(&b64, 0);
    sdkc_buf_init(&basic, 0);
    sdkc_buf_init(&hex, 0);
    CU_ASSERT_EQUAL_FATAL(sdkc_base64_encode(&b64, secret, strlen(secret)), SDKC_OK);
    sdkc_buf_append_str(&in, "user:");
    sdkc_buf_append_str(&in, secret);
    CU_ASSERT_EQUAL_FATAL(sdkc_base64_encode(&basic, in.data, in.len), SDKC_OK);
    for (i = 0; secret[i]; i++)
        sdkc_buf_appendf(&hex, "%02x", (unsigned char)secret[i]);
    forms[0] = secret;
    forms[1] = pct_up;
    forms[2] = pct_lo;
    forms[3] = form;
    forms[4] = b64.data;
    forms[5] = hex.data;
    forms[6] = key_id;
    forms[7] = token;
    sdkc_buf_reset(&in);
    sdkc_buf_appendf(&in,
                     "raw %s; up %s; lo %s; form %s; b64 %s; basic Basic %s; hex %s; "
                     "id %s; token %s.",
                     secret, pct_up, pct_lo, form, b64.data, basic.data, hex.data, key_id, token);
    sdkc_report_scrub_set_credentials(&creds);
    s = s_scrub(in.data, in.len);
    sdkc_report_scrub_set_credentials(NULL);
    for (i = 0; i < 8; i++)
        if (strstr(s, forms[i])) {
            fprintf(stderr, "form %zu (%s) survived: %s\n", i, forms[i], s);
            CU_FAIL("a form of a secret survived the scrub");
        }
    /* Basic auth: the user part survives, the secret's part does not. */
    CU_ASSERT_PTR_NULL(strstr(s, basic.data));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "raw [REDACTED]; up [REDACTED]; lo [REDACTED]"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "id [REDACTED]; token [REDACTED]."));
    CU_ASSERT_PTR_NULL(strstr(s, "<redacted>"));
    sdkc_free(s);
    sdkc_buf_clean_up(&in);
    sdkc_buf_clean_up(&b64);
    sdkc_buf_clean_up(&basic);
    sdkc_buf_clean_up(&hex);
}

SDKC_TEST(scrub_redacts_signatures_and_secret_values)
{
    const char *in =
        "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
        "service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" S_SIG "\n"
        "{\"secretAccessKey\":\"" S_OTHER_SECRET "\",\"sessionToken\":\"FQoGZXIvYXdzEJr//////"
        "////////wEaDOEXAMPLE\"}\nX-Amz-Security-Token: AQoDYXdzEPT//////////wEXAMPLE";
    char *s = s_scrub(in, strlen(in));
    CU_ASSERT_PTR_NULL(strstr(s, S_SIG));
    CU_ASSERT_PTR_NULL(strstr(s, S_OTHER_SECRET));
    CU_ASSERT_PTR_NULL(strstr(s, "AKIDEXAMPLE/2015"));
    CU_ASSERT_PTR_NULL(strstr(s, "FQoGZXIvYXdzEJr"));
    CU_ASSERT_PTR_NULL(strstr(s, "AQoDYXdzEPT"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "SignedHeaders=host;x-amz-date"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"secretAccessKey\":\"[REDACTED]\""));
    CU_ASSERT(s_valid_utf8(s));
    sdkc_free(s);
}

SDKC_TEST(scrub_redacts_the_adapter_test_secret_anywhere)
{
    /* The fixed secret handed to adapters, echoed in free text (stderr) and
     * percent-encoded: the sigv4 layer's redaction runs first. The caller
     * registers it (cli/main.c does, with impl's fixed credentials). */
    static char key_id[] = SDKC_ADAPTER_DEFAULT_ACCESS_KEY;
    static char secret[] = SDKC_ADAPTER_DEFAULT_SECRET_KEY;
    const struct sdkc_credentials test_creds = {key_id, secret, NULL};
    const char *in =
        "adapter said: key " S_SECRET " and wJalrXUtnFEMI%2FK7MDENG%2BbPxRfiCYEXAMPLEKEY";
    char *s;
    sdkc_report_scrub_set_test_credentials(&test_creds);
    s = s_scrub(in, strlen(in));
    sdkc_report_scrub_set_test_credentials(NULL);
    CU_ASSERT_PTR_NULL(strstr(s, S_SECRET));
    CU_ASSERT_PTR_NULL(strstr(s, "K7MDENG%2BbPxRfiCY"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "adapter said: key "));
    sdkc_free(s);
}

SDKC_TEST(scrub_keeps_diff_prose)
{
    const char *in = "  $.headers.authorization: wanted (present), got (absent)\n"
                     "  $.body.sessionToken: wanted \"x\", got \"y\"";
    char *s = s_scrub(in, strlen(in));
    CU_ASSERT_STRING_EQUAL(s, in);
    sdkc_free(s);
}

SDKC_TEST(scrub_makes_valid_utf8)
{
    /* invalid lead byte, overlong '/', UTF-8-encoded surrogate, truncated
     * sequence at the end; valid é kept. */
    const char in[] = "a\xff"
                      "b\xc0\xaf"
                      "c\xed\xa0\x80"
                      "d\xc3\xa9"
                      "e\xe2\x82";
    char *s = s_scrub(in, sizeof(in) - 1);
    CU_ASSERT(s_valid_utf8(s));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "d\xc3\xa9"
                                     "e"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "a\xEF\xBF\xBD"
                                     "b"));
    sdkc_free(s);
}

SDKC_TEST(xml_escape_markup_and_controls)
{
    struct sdkc_buf b;
    const char in[] = "<a href=\"x\">&'\x01\x1b\t\n\xef\xbf\xbf</a>";
    size_t i;
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_xml_escape(&b, in, sizeof(in) - 1), SDKC_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"));
    for (i = 0; i < b.len; i++) {
        unsigned char c = (unsigned char)b.data[i];
        CU_ASSERT(c >= 0x20 || c == '\t' || c == '\n' || c == '\r');
    }
    CU_ASSERT_PTR_NULL(strstr(b.data, "\xef\xbf\xbf"));
    sdkc_buf_clean_up(&b);
}

/* MARK: - report files */

SDKC_TEST(reports_parse_back)
{
    char dir[] = "/tmp/sdkc-test-report-XXXXXX", spool[4200], p[4200];
    struct sdkc_run_summary sum;
    struct sdkc_report_meta meta;
    struct sdkc_error err;
    cJSON *root = NULL, *results, *r1;
    char *junit, *html, *json;
    const char *q;
    size_t i, n;

    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(spool, sizeof(spool), "%s/spool.jsonl", dir);
    s_write_spool(spool);
    s_summary(&sum);
    s_meta(&meta);
    sdkc_error_init(&err);
    snprintf(p, sizeof(p), "%s/out", dir);
    CU_ASSERT_EQUAL_FATAL(sdkc_report_write_all(p, &meta, &sum, spool, &err), SDKC_OK);

    /* report.json: the documented keys, parsed by the strict parser. */
    snprintf(p, sizeof(p), "%s/out/report.json", dir);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse_file(p, NULL, &root, &err), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(sdkc_json_get(root, "tool"), "name")->valuestring,
                           "sdkconform");
    CU_ASSERT_STRING_EQUAL(
        sdkc_json_get(cJSON_GetArrayItem(sdkc_json_get(root, "impls"), 0), "name")->valuestring,
        "builtin");
    CU_ASSERT_EQUAL(sdkc_json_get(sdkc_json_get(root, "summary"), "total")->valueint, 3);
    CU_ASSERT_EQUAL(sdkc_json_get(sdkc_json_get(root, "summary"), "failed")->valueint, 1);
    CU_ASSERT_EQUAL(sdkc_json_get(sdkc_json_get(root, "summary"), "xfailed")->valueint, 1);
    CU_ASSERT(cJSON_IsFalse(sdkc_json_get(root, "partial")));
    results = sdkc_json_get(root, "results");
    CU_ASSERT_EQUAL(cJSON_GetArraySize(results), 3);
    r1 = cJSON_GetArrayItem(results, 1);
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(r1, "status")->valuestring, "fail");
    CU_ASSERT_STRING_EQUAL(sdkc_json_get(r1, "level")->valuestring, "MUST");
    CU_ASSERT(cJSON_IsNumber(sdkc_json_get(r1, "duration_ms")));
    CU_ASSERT_PTR_NOT_NULL(sdkc_json_get(r1, "message"));
    cJSON_Delete(root);
    json = s_slurp(p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(json);
    CU_ASSERT_PTR_NULL(strstr(json, S_SECRET));
    CU_ASSERT_PTR_NULL(strstr(json, S_SIG));
    sdkc_free(json);

    /* junit.xml: one suite, three cases, one failure, two skipped; no raw
     * control characters; markup escaped; no secrets. */
    snprintf(p, sizeof(p), "%s/out/junit.xml", dir);
    junit = s_slurp(p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(junit);
    for (q = junit; *q; q++)
        CU_ASSERT((unsigned char)*q >= 0x20 || *q == '\n' || *q == '\t' || *q == '\r');
    CU_ASSERT_PTR_NOT_NULL(strstr(junit, "<testsuite name=\"builtin\" tests=\"3\" failures=\"1\" "
                                         "errors=\"0\" skipped=\"1\""));
    for (n = 0, q = junit; (q = strstr(q, "<testcase ")); q++)
        n++;
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(junit, "name=\"b.fail&lt;&amp;&gt;\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(junit, "<failure message="));
    CU_ASSERT_PTR_NOT_NULL(strstr(junit, "<skipped message=\"expected failure: known\"/>"));
    CU_ASSERT_PTR_NULL(strstr(junit, S_SECRET));
    CU_ASSERT_PTR_NULL(strstr(junit, S_SIG));
    sdkc_free(junit);

    /* report.html: self-contained, the matrix, the failure with its diff
     * and rerun command. */
    snprintf(p, sizeof(p), "%s/out/report.html", dir);
    html = s_slurp(p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<table id=matrix>"));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(html, "<td>errors</td><td class=fail><a href=\"#r2\">0/2 (+1 xfail)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "b.fail&lt;&amp;&gt;"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "rerun: <code>build/sdkconform replay"));
    CU_ASSERT_PTR_NULL(strstr(html, "src="));
    CU_ASSERT_PTR_NULL(strstr(html, "<link"));
    CU_ASSERT_PTR_NULL(strstr(html, "<script src"));
    CU_ASSERT_PTR_NULL(strstr(html, S_SECRET));
    sdkc_free(html);

    /* No temp files left next to the reports. */
    {
        DIR *d;
        struct dirent *e;
        snprintf(p, sizeof(p), "%s/out", dir);
        d = opendir(p);
        CU_ASSERT_PTR_NOT_NULL_FATAL(d);
        for (i = 0; (e = readdir(d));)
            if (e->d_name[0] != '.')
                i++;
        closedir(d);
        CU_ASSERT_EQUAL(i, 3);
        s_rmtree(p);
    }
    sdkc_run_summary_clean_up(&sum);
    unlink(spool);
    rmdir(dir);
}

SDKC_TEST(reports_partial_flag)
{
    char dir[] = "/tmp/sdkc-test-report-XXXXXX", spool[4200], p[4200];
    struct sdkc_run_summary sum;
    struct sdkc_report_meta meta;
    cJSON *root = NULL;
    char *html;
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(spool, sizeof(spool), "%s/spool.jsonl", dir);
    s_write_spool(spool);
    s_summary(&sum);
    sum.partial = 1;
    s_meta(&meta);
    snprintf(p, sizeof(p), "%s/out", dir);
    CU_ASSERT_EQUAL_FATAL(sdkc_report_write_all(p, &meta, &sum, spool, NULL), SDKC_OK);
    snprintf(p, sizeof(p), "%s/out/report.json", dir);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse_file(p, NULL, &root, NULL), SDKC_OK);
    CU_ASSERT(cJSON_IsTrue(sdkc_json_get(root, "partial")));
    CU_ASSERT_EQUAL(sdkc_json_get(root, "exit")->valueint, 1);
    cJSON_Delete(root);
    snprintf(p, sizeof(p), "%s/out/report.html", dir);
    html = s_slurp(p);
    CU_ASSERT(html != NULL && strstr(html, "id=partial") != NULL);
    sdkc_free(html);
    snprintf(p, sizeof(p), "%s/out", dir);
    s_rmtree(p);
    sdkc_run_summary_clean_up(&sum);
    unlink(spool);
    rmdir(dir);
}

SDKC_TEST(reports_bad_spool_line_is_an_error)
{
    char dir[] = "/tmp/sdkc-test-report-XXXXXX", spool[4200], p[4200];
    struct sdkc_run_summary sum;
    struct sdkc_report_meta meta;
    struct sdkc_error err;
    FILE *f;
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(spool, sizeof(spool), "%s/spool.jsonl", dir);
    f = fopen(spool, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("{\"id\":\"x\",\"status\":\"fail\"}\n{truncated\n", f);
    fclose(f);
    s_summary(&sum);
    s_meta(&meta);
    sdkc_error_init(&err);
    snprintf(p, sizeof(p), "%s/out/junit.xml", dir);
    CU_ASSERT_EQUAL(sdkc_report_write_junit(p, &meta, &sum, spool, &err), SDKC_ERR_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "spool.jsonl:2"));
    CU_ASSERT_NOT_EQUAL(access(p, F_OK), 0); /* nothing half-written in place */
    snprintf(p, sizeof(p), "%s/out", dir);
    s_rmtree(p);
    sdkc_run_summary_clean_up(&sum);
    unlink(spool);
    rmdir(dir);
}

struct s_fault_ctx {
    const char *dir;
    const char *spool;
    struct sdkc_run_summary *sum;
};

static int s_fault_write(void *ctx)
{
    struct s_fault_ctx *c = ctx;
    struct sdkc_report_meta meta;
    s_meta(&meta);
    return sdkc_report_write_all(c->dir, &meta, c->sum, c->spool, NULL);
}

SDKC_TEST(reports_fault_walk)
{
    char dir[] = "/tmp/sdkc-test-report-XXXXXX", spool[4200], out[4200];
    struct sdkc_run_summary sum;
    struct s_fault_ctx c;
    uint64_t sites;
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(spool, sizeof(spool), "%s/spool.jsonl", dir);
    snprintf(out, sizeof(out), "%s/out", dir);
    s_write_spool(spool);
    s_summary(&sum);
    c.dir = out;
    c.spool = spool;
    c.sum = &sum;
    sites = sdkc_test_fault_walk("report_write_all", s_fault_write, &c, NULL);
    CU_ASSERT(sites > 10);
    s_rmtree(out);
    sdkc_run_summary_clean_up(&sum);
    unlink(spool);
    rmdir(dir);
}

/* MARK: - console */

SDKC_TEST(console_prints_failure_block_without_colour_off_tty)
{
    FILE *f = tmpfile();
    struct sdkc_console con;
    struct sdkc_run_record rec;
    struct sdkc_run_summary sum;
    struct sdkc_report_meta meta;
    char buf[8192];
    size_t n;
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    sdkc_console_init(&con, f, 1);
    CU_ASSERT_EQUAL(con.tty, 0);
    CU_ASSERT_EQUAL(con.colour, 0);
    memset(&rec, 0, sizeof(rec));
    rec.id = "errors.header";
    rec.impl = "builtin";
    rec.level = "MUST";
    rec.title = "the header names the error";
    rec.refs = "[\"smithy:X\"]";
    rec.verdict = SDKC_VERDICT_FAIL;
    rec.gating = 1;
    rec.message = "result $.error.code: wanted \"A\", got \"B\"";
    rec.diff = "result:\n  $.error.code: wanted \"A\", got \"B\"\n";
    rec.rerun = "build/sdkconform replay --impl builtin --filter 'errors.header'";
    rec.done = 1;
    sdkc_console_record(&con, &rec);
    rec.id = "fine";
    rec.verdict = SDKC_VERDICT_PASS;
    rec.gating = 0;
    sdkc_console_record(&con, &rec);
    s_summary(&sum);
    s_meta(&meta);
    sdkc_console_finish(&con, &meta, &sum, "reports/latest");
    rewind(f);
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "FAIL [MUST] errors.header (builtin)\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "  refs: [\"smithy:X\"]\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "    $.error.code: wanted \"A\", got \"B\"\n"));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(buf, "  rerun: build/sdkconform replay --impl builtin --filter 'errors.header'\n"));
    CU_ASSERT_PTR_NULL(strstr(buf, "fine")); /* passes are quiet unless verbose */
    CU_ASSERT_PTR_NULL(strchr(buf, '\033')); /* no colour off a TTY */
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "FAILED: 3 results"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "reports in reports/latest/"));
    sdkc_run_summary_clean_up(&sum);
    sdkc_console_clean_up(&con);
}

/* Levels printed honestly (docs/DESIGN.md): a SHOULD vector failing the MUST
 * signature check says both; the canonical request in a diff keeps its
 * blank line (as report.json and `sign --verbose` show it). */
SDKC_TEST(console_says_why_a_result_gates_above_its_level)
{
    FILE *f = tmpfile();
    struct sdkc_console con;
    struct sdkc_run_record rec;
    char buf[8192];
    size_t n;
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    sdkc_console_init(&con, f, 1);
    memset(&rec, 0, sizeof(rec));
    rec.id = "enums.type.iam";
    rec.impl = "client";
    rec.level = "MUST";
    rec.vector_level = "SHOULD";
    rec.check = "sigv4";
    rec.verdict = SDKC_VERDICT_FAIL;
    rec.gating = 1;
    rec.message = "sigv4 (MUST): signature mismatch";
    rec.diff = "sigv4:\n  canonical request we computed:\n    POST\n    /\n    \n    host:x\n    \n"
               "    host\n";
    sdkc_console_record(&con, &rec);
    sdkc_console_clean_up(&con);
    rewind(f);
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(
        buf, "FAIL [MUST] enums.type.iam (client) SHOULD vector, failed check sigv4 (MUST)\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "    POST\n    /\n    \n    host:x\n    \n    host\n"));
}

/* MARK: - exact numbers end to end */

/* Longs in an output and in every input location; the fixture vectors are
 * harness/tests/data/runner/exact (core/json.h "Numbers"). */
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

#define S_EXACT_DIFF "$.output.n: wanted 9007199254740993, got 9007199254740992"

SDKC_TEST(reports_print_longs_digit_for_digit)
{
    char dir[] = "/tmp/sdkc-test-exact-XXXXXX", spool[4200], p[4200], con_out[8192];
    const char *paths[] = {SDKC_SOURCE_DIR "/harness/tests/data/runner/exact"};
    struct sdkc_spec *spec = NULL;
    struct sdkc_impl *b = NULL;
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    struct sdkc_report_meta meta;
    struct sdkc_console con;
    enum sdkc_run_fatal fatal;
    cJSON *root = NULL, *r;
    char *text;
    FILE *f = tmpfile();
    size_t n;

    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(spool, sizeof(spool), "%s/spool.jsonl", dir);
    CU_ASSERT_EQUAL_FATAL(
        sdkc_spec_load_mem(s_number_model, sizeof(s_number_model) - 1, "numbers", &spec, NULL),
        SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(sdkc_impl_builtin_new(spec, NULL, &b, NULL), SDKC_OK);
    sdkc_console_init(&con, f, 1);
    memset(&o, 0, sizeof(o));
    o.spec = spec;
    o.impls = &b;
    o.impl_count = 1;
    o.vector_paths = paths;
    o.vector_path_count = 1;
    o.gate = SDKC_LEVEL_MUST;
    o.spool_path = spool;
    o.on_record = sdkc_console_record;
    o.on_record_ctx = &con;
    sdkc_run_summary_init(&sum);
    CU_ASSERT_EQUAL_FATAL(sdkc_runner_run(&o, &sum, &fatal, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(sum.all.by[SDKC_VERDICT_FAIL], 2);
    s_meta(&meta);
    snprintf(p, sizeof(p), "%s/out", dir);
    CU_ASSERT_EQUAL_FATAL(sdkc_report_write_all(p, &meta, &sum, spool, NULL), SDKC_OK);

    /* report.json: the failing result's diff, read back by the strict parser */
    snprintf(p, sizeof(p), "%s/out/report.json", dir);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse_file(p, NULL, &root, NULL), SDKC_OK);
    r = cJSON_GetArrayItem(sdkc_json_get(root, "results"), 1);
    CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(sdkc_json_get(r, "id")), "exact.long.off_by_one");
    CU_ASSERT_PTR_NOT_NULL(strstr(cJSON_GetStringValue(sdkc_json_get(r, "diff")), S_EXACT_DIFF));
    r = cJSON_GetArrayItem(sdkc_json_get(root, "results"), 3);
    CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(sdkc_json_get(r, "id")),
                           "exact.request.off_by_one");
    CU_ASSERT_PTR_NOT_NULL(strstr(cJSON_GetStringValue(sdkc_json_get(r, "diff")),
                                  "$.body.b: wanted 9007199254740992, got 9007199254740993"));
    cJSON_Delete(root);
    snprintf(p, sizeof(p), "%s/out/junit.xml", dir);
    text = s_slurp(p);
    CU_ASSERT_TRUE(text && strstr(text, S_EXACT_DIFF));
    sdkc_free(text);
    snprintf(p, sizeof(p), "%s/out/report.html", dir);
    text = s_slurp(p);
    CU_ASSERT_TRUE(text && strstr(text, S_EXACT_DIFF));
    sdkc_free(text);
    rewind(f);
    n = fread(con_out, 1, sizeof(con_out) - 1, f);
    con_out[n] = '\0';
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(con_out, S_EXACT_DIFF));

    sdkc_console_clean_up(&con);
    sdkc_run_summary_clean_up(&sum);
    sdkc_impl_destroy(b);
    sdkc_spec_destroy(spec);
    unlink(spool);
    snprintf(p, sizeof(p), "%s/out", dir);
    s_rmtree(p);
    s_rmtree(dir);
}

/* MARK: - expected failures written from a spool */

/* s_spool_lines plus a second implementation whose only failure is a
 * signature at MUST (no expected-failures entry covers it). */
static void s_write_xfail_spool(const char *path)
{
    FILE *f;
    s_write_spool(path);
    f = fopen(path, "ab");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("{\"id\":\"a.pass\",\"impl\":\"adapter\",\"impl_index\":1,\"level\":\"MUST\","
          "\"vector_level\":\"SHOULD\",\"check\":\"sigv4\",\"status\":\"fail\",\"message\":"
          "\"sigv4 (MUST): signature mismatch: differs\",\"duration_ms\":1,\"gating\":true}\n",
          f);
    fclose(f);
}

struct s_xfail_ctx {
    const char *spool;
    const char *out;
};

static int s_write_xfail(void *ctx)
{
    struct s_xfail_ctx *c = ctx;
    return sdkc_report_write_expected_failures(c->out, c->spool, NULL, NULL);
}

/* The failure and the expected failure are listed (the xfail keeps its
 * words; the new one gets its message and a one-line, scrubbed diff), the
 * signature failure is counted, and the file loads as an expected-failures
 * file. */
SDKC_TEST(expected_failures_written_from_the_spool)
{
    char dir[] = "/tmp/sdkc-test-report-XXXXXX", spool[4200], p[4200];
    struct sdkc_report_xfail_written w;
    struct sdkc_xfail *x = NULL;
    const struct sdkc_xfail_entry *e;
    const struct sdkc_xfail_entry *unused[2];
    const char *ran[] = {"builtin"};
    struct sdkc_error err;
    struct s_xfail_ctx ctx;
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(spool, sizeof(spool), "%s/spool.jsonl", dir);
    snprintf(p, sizeof(p), "%s/xf.json", dir);
    s_write_xfail_spool(spool);
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL_FATAL(sdkc_report_write_expected_failures(p, spool, &w, &err), SDKC_OK);
    CU_ASSERT_EQUAL(w.entries, 2);
    CU_ASSERT_EQUAL(w.impls, 1);
    CU_ASSERT_EQUAL(w.uncoverable, 1);
    CU_ASSERT_EQUAL_FATAL(sdkc_xfail_load(p, &x, &err), SDKC_OK);
    CU_ASSERT_EQUAL(x->count, 2);
    e = sdkc_xfail_find(x, "builtin", "b.fail<&>");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->reason, "result $.error.code: wanted \"A\", got \"B\"");
    CU_ASSERT_PTR_NOT_NULL(strstr(e->evidence, "result: | $.error.code: wanted \"A\", got "));
    CU_ASSERT_PTR_NULL(strstr(e->evidence, S_SECRET));
    CU_ASSERT_PTR_NULL(strstr(e->evidence, S_SIG));
    e = sdkc_xfail_find(x, "builtin", "c.xfail");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->reason, "known");
    CU_ASSERT_STRING_EQUAL(e->evidence, "e");
    CU_ASSERT_PTR_NULL(sdkc_xfail_find(x, "adapter", "a.pass"));
    /* Every entry is for builtin: none unused in a run of builtin, both in
     * a run of another implementation. */
    CU_ASSERT_EQUAL(sdkc_xfail_unused(x, ran, 1, unused, 2), 0);
    ran[0] = "js-v3";
    CU_ASSERT_EQUAL(sdkc_xfail_unused(x, ran, 1, unused, 1), 2);
    CU_ASSERT_STRING_EQUAL(unused[0]->impl, "builtin");
    sdkc_xfail_destroy(x);

    ctx.spool = spool;
    ctx.out = p;
    CU_ASSERT(sdkc_test_fault_walk("write expected failures", s_write_xfail, &ctx, NULL) > 10);
    unlink(p);
    unlink(spool);
    rmdir(dir);
}

/* MARK: - failures grouped by cause (report/cause.h) */

static char *s_norm(const char *text, const char *id)
{
    struct sdkc_buf b;
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_cause_normalise(&b, text, strlen(text), id), SDKC_OK);
    if (!b.data)
        sdkc_buf_append(&b, "", 0);
    return sdkc_buf_steal(&b, NULL);
}

SDKC_TEST(cause_normalise_masks_per_vector_values)
{
    static const struct {
        const char *in, *id, *want;
    } cases[] = {
        {"result $.error.code: wanted \"A\\\"x\", got \"B\"", NULL,
         "result $.error.code: wanted \"<v>\", got \"<v>\""},
        {"late request of vector 'req.a' (+3 more)", NULL,
         "late request of vector '<v>' (+<n> more)"},
        {"the request's SigV4 signature", NULL, "the request's SigV<n> signature"},
        {"x-amz-date:20260101T000000Z at 2026-01-01T00:00:00Z", NULL,
         "x-amz-date:<n>T<n>Z at <n>-<n>-<n>T<n>:<n>:<n>Z"},
        {"Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", NULL,
         "Signature=<hex>"},
        {"token 4f2a1b3c-0d9e-4a7b-8c6d-5e4f3a2b1c0d used twice", NULL, "token <uuid> used twice"},
        {"$.items[12]: vector enum.x.y failed", "enum.x.y", "$.items[<n>]: vector <id> failed"},
        {"host is not in SignedHeaders", NULL, "host is not in SignedHeaders"},
        {"$.output: wanted (absent), got {\"id\":\"a}\",\"d\":{\"x\":[1]}} and more", NULL,
         "$.output: wanted (absent), got {...} and more"},
        {"$.error: wanted {\"code\":\"A\"}, got [1,2]", NULL,
         "$.error: wanted {\"code\":\"<v>\"}, got [...]"},
        {"$.clientError: wanted {\"kind\":\"validation\",\"message\":\"Bad input\"}, got \"x\"",
         NULL, "$.clientError: wanted {\"kind\":\"validation\",\"message\":\"<v>\"}, got \"<v>\""},
    };
    size_t i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *got = s_norm(cases[i].in, cases[i].id);
        CU_ASSERT_STRING_EQUAL(got, cases[i].want);
        sdkc_free(got);
    }
}

/* The same check with the same diff shape is one cause whatever the
 * values; another level, another check, gating vs warning or another diff
 * line make another; a check's own section alone counts. */
SDKC_TEST(cause_signature_groups_by_shape)
{
    struct sdkc_causes c;
    struct sdkc_cause_in in;
    size_t ix, first_ix;
    int first;
    char id[64], msg[128], diff[512];
    unsigned k;

    sdkc_causes_init(&c);
    memset(&in, 0, sizeof(in));
    in.impl = "client";
    in.status = "fail";
    in.gating = 1;
    in.level = "MUST";
    in.check = "sigv4";
    in.message = "sigv4 (MUST): signature does not verify: a required header is not signed";
    for (k = 0; k < 12; k++) {
        snprintf(id, sizeof(id), "vec.%u", k);
        snprintf(diff, sizeof(diff),
                 "sigv4:\n  MUST: x-amz-security-token is sent but not in SignedHeaders\n"
                 "  canonical request we computed:\n    POST\n    /v2/domains/d%u/x\n"
                 "result:\n  $.output.id: wanted \"%u\", got (absent)\n",
                 k, k * 7);
        in.id = id;
        in.diff = diff;
        CU_ASSERT_EQUAL_FATAL(sdkc_causes_add(&c, &in, &ix, &first, NULL), SDKC_OK);
        CU_ASSERT_EQUAL(first, k == 0);
        if (k == 0)
            first_ix = ix;
        CU_ASSERT_EQUAL(ix, first_ix);
    }
    CU_ASSERT_EQUAL(c.count, 1);
    CU_ASSERT_EQUAL(c.v[0].count, 12);
    CU_ASSERT_EQUAL(c.v[0].id_count, SDKC_REPORT_CAUSE_IDS);
    CU_ASSERT_STRING_EQUAL(c.v[0].ids[0], "vec.0");

    /* Another diff line in the check's section: another cause. */
    in.id = "vec.other";
    in.diff = "sigv4:\n  MUST: host is not in SignedHeaders\n";
    CU_ASSERT_EQUAL(sdkc_causes_add(&c, &in, &ix, &first, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(first, 1);
    /* The same text below the gate: another cause (a warning). */
    in.gating = 0;
    in.level = "SHOULD";
    in.check = NULL;
    in.message = "result $.output.id: wanted \"1\", got \"2\"";
    in.diff = "result:\n  $.output.id: wanted \"1\", got \"2\"\n";
    CU_ASSERT_EQUAL(sdkc_causes_add(&c, &in, &ix, &first, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(first, 1);
    for (k = 0; k < 3; k++) {
        snprintf(id, sizeof(id), "warn.%u", k);
        snprintf(msg, sizeof(msg), "result $.output.id: wanted \"%u\", got \"x%u\"", k, k);
        snprintf(diff, sizeof(diff), "result:\n  $.output.id: wanted \"%u\", got \"x%u\"\n", k, k);
        in.id = id;
        in.message = msg;
        in.diff = diff;
        CU_ASSERT_EQUAL(sdkc_causes_add(&c, &in, &ix, &first, NULL), SDKC_OK);
        CU_ASSERT_EQUAL(first, 0);
    }
    CU_ASSERT_EQUAL(sdkc_causes_find(&c, &in, NULL), ix);
    CU_ASSERT_EQUAL(c.count, 3);
    /* Report order: gating first, then the most results. */
    CU_ASSERT_EQUAL(sdkc_causes_sort(&c, NULL, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(c.v[0].count, 12);
    /* The check's own finding completes the generic message. */
    CU_ASSERT_STRING_EQUAL(c.v[0].message,
                           "sigv4 (MUST): signature does not verify: a required header is not "
                           "signed: x-amz-security-token is sent but not in SignedHeaders");
    CU_ASSERT_STRING_EQUAL(c.v[1].message,
                           "sigv4 (MUST): signature does not verify: a required header is not "
                           "signed: host is not in SignedHeaders");
    CU_ASSERT_EQUAL(c.v[1].kind, SDKC_CAUSE_FAIL);
    CU_ASSERT_EQUAL(c.v[2].kind, SDKC_CAUSE_WARN);
    CU_ASSERT_EQUAL(c.v[2].count, 4);
    sdkc_causes_clean_up(&c);
}

static void s_console_feed(struct sdkc_console *con)
{
    struct sdkc_run_record rec;
    char id[64], msg[128], diff[256];
    unsigned k;
    memset(&rec, 0, sizeof(rec));
    rec.impl = "client";
    rec.level = "MUST";
    rec.check = "sigv4";
    rec.verdict = SDKC_VERDICT_FAIL;
    rec.gating = 1;
    rec.refs = "[\"sigv4\"]";
    rec.progress = -1;
    rec.message = "sigv4 (MUST): signature does not verify: a required header is not signed";
    for (k = 0; k < 12; k++) {
        snprintf(id, sizeof(id), "tok.%02u", k);
        snprintf(diff, sizeof(diff),
                 "sigv4:\n  MUST: x-amz-security-token is sent but not in SignedHeaders\n"
                 "  canonical request we computed:\n    POST\n    /v2/d%u\n",
                 k);
        snprintf(msg, sizeof(msg), "rerun-of-%u", k);
        rec.id = id;
        rec.diff = diff;
        rec.rerun = msg;
        rec.done = k + 1;
        sdkc_console_record(con, &rec);
    }
    rec.id = "one.off";
    rec.check = NULL;
    rec.message = "result $.error.code: wanted \"A\", got \"B\"";
    rec.diff = "result:\n  $.error.code: wanted \"A\", got \"B\"\n";
    rec.rerun = "rerun-one-off";
    rec.done = 13;
    sdkc_console_record(con, &rec);
    rec.id = "soft.one";
    rec.level = "SHOULD";
    rec.gating = 0;
    rec.message = "result $.output.x: wanted 1, got 2";
    rec.diff = "result:\n  $.output.x: wanted 1, got 2\n";
    rec.rerun = "rerun-soft";
    rec.done = 14;
    sdkc_console_record(con, &rec);
}

static void s_grouped_summary(struct sdkc_run_summary *sum)
{
    sdkc_run_summary_init(sum);
    sum->impl_count = 1;
    sum->all.total = 14;
    sum->all.by[SDKC_VERDICT_FAIL] = 14;
    sum->all.gating = 13;
    sum->all.warnings = 1;
    sum->per_impl[0] = sum->all;
    sum->vectors_read = sum->vectors_selected = 14;
}

static const struct sdkc_report_impl s_client_impl[] = {{"client", "1.0"}};

/* A cause printed in full once, repeats only counted; the grouped view and
 * the GATING SUMMARY at the end, after all detail; warnings counted there,
 * listed with --verbose. */
SDKC_TEST(console_groups_failures_by_cause)
{
    struct sdkc_console con;
    struct sdkc_run_summary sum;
    struct sdkc_report_meta meta;
    char buf[16384];
    const char *by, *gs, *q;
    size_t n;
    int verbose;

    for (verbose = 0; verbose < 2; verbose++) {
        FILE *f = tmpfile();
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        sdkc_console_init(&con, f, 1);
        con.progress_lines = 0;
        con.verbose = verbose;
        s_console_feed(&con);
        s_grouped_summary(&sum);
        s_meta(&meta);
        meta.impls = s_client_impl;
        sdkc_console_finish(&con, &meta, &sum, NULL);
        rewind(f);
        n = fread(buf, 1, sizeof(buf) - 1, f);
        buf[n] = '\0';
        fclose(f);
        /* The sigv4 cause in full once: its rerun line once, not twelve. */
        CU_ASSERT_PTR_NOT_NULL(strstr(buf, "FAIL [MUST] tok.00 (client)\n"));
        CU_ASSERT_PTR_NOT_NULL(strstr(buf, "  rerun: rerun-of-0\n"));
        CU_ASSERT_PTR_NULL(strstr(buf, "rerun: rerun-of-1\n"));
        CU_ASSERT_EQUAL(strstr(buf, "FAIL [MUST] tok.05 (client): same cause as tok.00\n") != NULL,
                        verbose);
        by = strstr(buf, "== Failures by cause");
        gs = strstr(buf, "== GATING SUMMARY (gate MUST");
        CU_ASSERT_PTR_NOT_NULL_FATAL(by);
        CU_ASSERT_PTR_NOT_NULL_FATAL(gs);
        CU_ASSERT(by < gs);
        CU_ASSERT(strstr(buf, "rerun: rerun-soft") < by); /* detail first */
        CU_ASSERT_PTR_NOT_NULL(strstr(by, "client: 14 results in 3 causes (1 below the gate"));
        CU_ASSERT_PTR_NOT_NULL(strstr(
            by, "  FAIL [MUST] 12x sigv4: sigv4 (MUST): signature does not verify: a required "
                "header is not signed: x-amz-security-token is sent but not in SignedHeaders\n"
                "      tok.00, tok.01, tok.02, tok.03, tok.04 and 7 more\n"));
        CU_ASSERT_PTR_NOT_NULL(strstr(by, "  WARN [SHOULD] 1x: result $.output.x"));
        CU_ASSERT_PTR_NOT_NULL(
            strstr(gs, "client 1.0: BLOCKS: 13 gating failures in 2 causes, 1 warning"));
        CU_ASSERT_PTR_NOT_NULL(strstr(gs, "  MUST   12 vectors: sigv4 (MUST): signature"));
        CU_ASSERT_PTR_NOT_NULL(
            strstr(gs, "  MUST   one.off: result $.error.code: wanted \"A\", got \"B\"\n"));
        /* Warnings: counted in the summary, listed only with --verbose. */
        q = strstr(gs, "soft.one");
        CU_ASSERT_EQUAL(q != NULL, verbose);
        CU_ASSERT_PTR_NOT_NULL(strstr(gs, "FAILED: 14 results"));
        sdkc_run_summary_clean_up(&sum);
        sdkc_console_clean_up(&con);
    }
}

/* stderr not a terminal: plain progress lines (no bar, no escapes). */
SDKC_TEST(console_prints_plain_progress_lines)
{
    FILE *out = tmpfile(), *err = tmpfile();
    struct sdkc_console con;
    char buf[8192];
    size_t n;
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    CU_ASSERT(SDKC_CONSOLE_PROGRESS_EVERY_MS >= 1000.0);
    sdkc_console_init(&con, out, 1);
    CU_ASSERT_EQUAL(con.progress_every_ms, SDKC_CONSOLE_PROGRESS_EVERY_MS);
    con.progress_out = err;
    con.progress_lines = 1;
    con.progress_every_ms = 0; /* every result, for the test */
    s_console_feed(&con);
    rewind(err);
    n = fread(buf, 1, sizeof(buf) - 1, err);
    buf[n] = '\0';
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "progress: 1 results, 1 failing (gating), 0 warnings, "));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "progress: 14 results, 13 failing (gating), 1 warnings, "));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, " results/s, "));
    CU_ASSERT_PTR_NULL(strchr(buf, '\r'));
    CU_ASSERT_PTR_NULL(strchr(buf, '\033'));
    /* Not on stdout. */
    rewind(out);
    n = fread(buf, 1, sizeof(buf) - 1, out);
    buf[n] = '\0';
    CU_ASSERT_PTR_NULL(strstr(buf, "progress:"));
    fclose(out);
    fclose(err);
    sdkc_console_clean_up(&con);
}

/* MARK: - report.html grouped and linked, junit warnings */

/* Two implementations: a gating cause on three vectors (values differ), a
 * one-off gating failure, a warning, an expected failure, passes. */
static const char *const s_group_lines[] = {
    "{\"id\":\"v.a\",\"impl\":\"builtin\",\"impl_index\":0,\"level\":\"MUST\",\"status\":\"pass\","
    "\"message\":\"ok\",\"duration_ms\":1,\"gating\":false,\"category\":\"errors\"}",
    "{\"id\":\"v.a\",\"impl\":\"sdk\",\"impl_index\":1,\"level\":\"MUST\",\"status\":\"fail\","
    "\"message\":\"result $.error.code: wanted \\\"A\\\", got \\\"1\\\"\",\"duration_ms\":1,"
    "\"gating\":true,\"category\":\"errors\",\"refs\":[],\"diff\":\"result:\\n  $.error.code: "
    "wanted \\\"A\\\", got \\\"1\\\"\\n\",\"rerun\":\"rr v.a\"}",
    "{\"id\":\"v.b\",\"impl\":\"builtin\",\"impl_index\":0,\"level\":\"MUST\",\"status\":\"pass\","
    "\"message\":\"ok\",\"duration_ms\":1,\"gating\":false,\"category\":\"errors\"}",
    "{\"id\":\"v.b\",\"impl\":\"sdk\",\"impl_index\":1,\"level\":\"MUST\",\"status\":\"fail\","
    "\"message\":\"result $.error.code: wanted \\\"B\\\", got \\\"2\\\"\",\"duration_ms\":1,"
    "\"gating\":true,\"category\":\"errors\",\"refs\":[],\"diff\":\"result:\\n  $.error.code: "
    "wanted \\\"B\\\", got \\\"2\\\"\\n\",\"rerun\":\"rr v.b\"}",
    "{\"id\":\"v.c\",\"impl\":\"builtin\",\"impl_index\":0,\"level\":\"SHOULD\",\"status\":"
    "\"fail\",\"message\":\"result $.output.x: wanted 1, got 2\",\"duration_ms\":1,\"gating\":"
    "false,\"category\":\"unions\",\"refs\":[],\"diff\":\"result:\\n  $.output.x: wanted 1, got "
    "2\\n\",\"rerun\":\"rr v.c\"}",
    "{\"id\":\"v.c\",\"impl\":\"sdk\",\"impl_index\":1,\"level\":\"SHOULD\",\"status\":\"fail\","
    "\"message\":\"result $.output.x: wanted 1, got 2\",\"duration_ms\":1,\"gating\":false,"
    "\"category\":\"unions\",\"refs\":[],\"diff\":\"result:\\n  $.output.x: wanted 1, got 2\\n\","
    "\"rerun\":\"rr v.c sdk\"}",
    "{\"id\":\"v.d\",\"impl\":\"builtin\",\"impl_index\":0,\"level\":\"MUST\",\"status\":\"pass\","
    "\"message\":\"ok\",\"duration_ms\":1,\"gating\":false,\"category\":\"unions\"}",
    "{\"id\":\"v.d\",\"impl\":\"sdk\",\"impl_index\":1,\"level\":\"MUST\",\"status\":\"fail\","
    "\"message\":\"result $.error.code: wanted \\\"C\\\", got \\\"3\\\"\",\"duration_ms\":1,"
    "\"gating\":true,\"category\":\"unions\",\"refs\":[],\"diff\":\"result:\\n  $.error.code: "
    "wanted \\\"C\\\", got \\\"3\\\"\\n\",\"rerun\":\"rr v.d\"}",
    "{\"id\":\"v.e\",\"impl\":\"builtin\",\"impl_index\":0,\"level\":\"MUST\",\"status\":\"pass\","
    "\"message\":\"ok\",\"duration_ms\":1,\"gating\":false,\"category\":\"unions\"}",
    "{\"id\":\"v.e\",\"impl\":\"sdk\",\"impl_index\":1,\"level\":\"MUST\",\"status\":\"fail\","
    "\"message\":\"request $: wanted a request, got none\",\"duration_ms\":1,\"gating\":true,"
    "\"category\":\"unions\",\"refs\":[],\"rerun\":\"rr v.e\"}",
    "{\"id\":\"v.f\",\"impl\":\"builtin\",\"impl_index\":0,\"level\":\"MUST\",\"status\":\"pass\","
    "\"message\":\"ok\",\"duration_ms\":1,\"gating\":false,\"category\":\"unions\"}",
    "{\"id\":\"v.f\",\"impl\":\"sdk\",\"impl_index\":1,\"level\":\"MUST\",\"status\":\"xfail\","
    "\"message\":\"differs\",\"duration_ms\":1,\"gating\":false,\"category\":\"unions\","
    "\"refs\":[],\"reason\":\"known\",\"evidence\":\"e\",\"rerun\":\"rr v.f\"}"};

static const struct sdkc_report_impl s_two_impls[] = {{"builtin", "0.1.0"}, {"sdk", "9"}};

static void s_group_summary(struct sdkc_run_summary *s)
{
    size_t k;
    sdkc_run_summary_init(s);
    s->impl_count = 2;
    s->per_impl[0].total = 6;
    s->per_impl[0].by[SDKC_VERDICT_PASS] = 5;
    s->per_impl[0].by[SDKC_VERDICT_FAIL] = 1;
    s->per_impl[0].warnings = 1;
    s->per_impl[1].total = 6;
    s->per_impl[1].by[SDKC_VERDICT_FAIL] = 5;
    s->per_impl[1].by[SDKC_VERDICT_XFAIL] = 1;
    s->per_impl[1].gating = 4;
    s->per_impl[1].warnings = 1;
    s->all.total = 12;
    s->all.by[SDKC_VERDICT_PASS] = 5;
    s->all.by[SDKC_VERDICT_FAIL] = 6;
    s->all.by[SDKC_VERDICT_XFAIL] = 1;
    s->all.gating = 4;
    s->all.warnings = 2;
    s->vectors_read = s->vectors_selected = 6;
    s->categories = sdkc_calloc(2, sizeof(*s->categories));
    s->category_cap = s->category_count = 2;
    s->categories[0].name = sdkc_strdup("errors");
    s->categories[1].name = sdkc_strdup("unions");
    for (k = 0; k < 2; k++) {
        s->categories[0].per_impl[k].total = 2;
        s->categories[1].per_impl[k].total = 4;
    }
    s->categories[0].per_impl[0].by[SDKC_VERDICT_PASS] = 2;
    s->categories[0].per_impl[1].by[SDKC_VERDICT_FAIL] = 2;
    s->categories[0].per_impl[1].gating = 2;
    s->categories[1].per_impl[0].by[SDKC_VERDICT_PASS] = 3;
    s->categories[1].per_impl[0].by[SDKC_VERDICT_FAIL] = 1;
    s->categories[1].per_impl[0].warnings = 1;
    s->categories[1].per_impl[1].by[SDKC_VERDICT_FAIL] = 3;
    s->categories[1].per_impl[1].by[SDKC_VERDICT_XFAIL] = 1;
    s->categories[1].per_impl[1].gating = 2;
    s->categories[1].per_impl[1].warnings = 1;
}

static void s_write_lines(const char *path, const char *const *lines, size_t n)
{
    FILE *f = fopen(path, "wb");
    size_t i;
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    for (i = 0; i < n; i++)
        fprintf(f, "%s\n", lines[i]);
    fclose(f);
}

/* 1 when the page has an element with id="x" (quoted or not). */
static int s_has_id(const char *html, const char *x, size_t n)
{
    const char *q;
    for (q = html; (q = strstr(q, " id=")) != NULL; q += 4) {
        const char *v = q + 4;
        if (*v == '"')
            v++;
        if (strncmp(v, x, n) == 0 && (v[n] == '"' || v[n] == ' ' || v[n] == '>'))
            return 1;
    }
    return 0;
}

SDKC_TEST(reports_html_groups_failures_and_links_every_anchor)
{
    char dir[] = "/tmp/sdkc-test-report-XXXXXX", spool[4200], p[4200];
    struct sdkc_run_summary sum;
    struct sdkc_report_meta meta;
    char *html;
    const char *q, *sdk, *cause3, *one, *warn, *xf;
    size_t links = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(spool, sizeof(spool), "%s/spool.jsonl", dir);
    s_write_lines(spool, s_group_lines, sizeof(s_group_lines) / sizeof(s_group_lines[0]));
    s_group_summary(&sum);
    s_meta(&meta);
    meta.impls = s_two_impls;
    meta.impl_count = 2;
    snprintf(p, sizeof(p), "%s/report.html", dir);
    CU_ASSERT_EQUAL_FATAL(sdkc_report_write_html(p, &meta, &sum, spool, NULL), SDKC_OK);
    html = s_slurp(p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);

    /* The summary says how many gate, beside the failures. */
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<th>gating</th>") || strstr(html, ">gating</th>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<a href=\"#impl-1\">sdk</a></td><td>9</td><td "
                                        "class=\"n fail\"><b>4</b></td><td class=n>6</td>"));
    /* Every in-page link has its anchor. */
    for (q = html; (q = strstr(q, "href=\"#")) != NULL; q += 7) {
        size_t n = strcspn(q + 7, "\"");
        CU_ASSERT(s_has_id(html, q + 7, n));
        links++;
    }
    CU_ASSERT(links >= 12);
    /* Every matrix cell links; every non-pass cell of the table links to
     * its detail, which links back to its row. */
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<td>errors</td><td class=pass><a href=\"#v0\">2/2"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<td class=fail><a href=\"#r2\">0/2"));
    /* A cell links to its first gating result before an earlier warning. */
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<td class=fail><a href=\"#r8\">0/4"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html,
                                  "<tr id=v1 class=f data-level=\"MUST\" data-st=\"builtin:pass "
                                  "sdk:fail\">"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<td class=fail><a href=\"#r4\">fail</a></td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<td class=warn><a href=\"#r5\">warn</a></td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<details id=r4 class=fail>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<a class=back href=\"#v1\">"));
    /* Grouped: sdk after builtin; within sdk the 3-vector cause, then the
     * one-off, then the warning, then the expected failure. */
    sdk = strstr(html, "<section id=impl-1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sdk);
    CU_ASSERT(strstr(html, "<section id=impl-0") < sdk);
    cause3 = strstr(sdk, "fail [MUST] 3&times; result $.error.code");
    one = strstr(sdk, "fail [MUST] 1&times; request $: wanted a request");
    warn = strstr(sdk, "warn [SHOULD] 1&times;");
    xf = strstr(sdk, "xfail [MUST] 1&times;");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cause3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(one);
    CU_ASSERT_PTR_NOT_NULL_FATAL(warn);
    CU_ASSERT_PTR_NOT_NULL_FATAL(xf);
    CU_ASSERT(cause3 < one && one < warn && warn < xf);
    CU_ASSERT_PTR_NOT_NULL(strstr(cause3, "<p class=ids>v.a, v.b, v.d</p>"));
    /* Filters, inline; nothing fetched. */
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<div id=filters>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "data-f=impl data-v=\"sdk\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "data-f=status data-v=\"gating\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<script>"));
    CU_ASSERT_PTR_NULL(strstr(html, "<script src"));
    CU_ASSERT_PTR_NULL(strstr(html, "http://"));
    CU_ASSERT_PTR_NULL(strstr(html, "https://"));
    sdkc_free(html);
    unlink(p);
    sdkc_run_summary_clean_up(&sum);
    unlink(spool);
    rmdir(dir);
}

/* A warning ran and passed the gate: a passing testcase with the diff in
 * system-out, not <skipped> (dashboards read that as "not run"); an
 * expected failure stays skipped. */
SDKC_TEST(junit_warning_is_a_passing_testcase)
{
    char dir[] = "/tmp/sdkc-test-report-XXXXXX", spool[4200], p[4200];
    struct sdkc_run_summary sum;
    struct sdkc_report_meta meta;
    char *x;
    const char *tc;

    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(spool, sizeof(spool), "%s/spool.jsonl", dir);
    s_write_lines(spool, s_group_lines, sizeof(s_group_lines) / sizeof(s_group_lines[0]));
    s_group_summary(&sum);
    s_meta(&meta);
    meta.impls = s_two_impls;
    meta.impl_count = 2;
    snprintf(p, sizeof(p), "%s/junit.xml", dir);
    CU_ASSERT_EQUAL_FATAL(sdkc_report_write_junit(p, &meta, &sum, spool, NULL), SDKC_OK);
    x = s_slurp(p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(x);
    CU_ASSERT_PTR_NOT_NULL(strstr(x, "<testsuite name=\"builtin\" tests=\"6\" failures=\"0\" "
                                     "errors=\"0\" skipped=\"0\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(x, "<testsuite name=\"sdk\" tests=\"6\" failures=\"4\" "
                                     "errors=\"0\" skipped=\"1\""));
    tc = strstr(x, "name=\"v.c\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(tc);
    CU_ASSERT_PTR_NOT_NULL(strstr(tc, ">\n      <system-out>warning: below the gating level, "
                                      "passes the gate: result $.output.x: wanted 1, got 2\n"));
    CU_ASSERT(strstr(tc, "<skipped") == NULL || strstr(tc, "<skipped") > strstr(tc, "</testcase>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(x, "<skipped message=\"expected failure: known\"/>"));
    sdkc_free(x);
    unlink(p);
    sdkc_run_summary_clean_up(&sum);
    unlink(spool);
    rmdir(dir);
}
