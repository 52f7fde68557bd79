/* SPDX-License-Identifier: Apache-2.0
 *
 * bench/bench_decode.c: decode throughput.
 *
 * Workloads, realistic CreateUserProfile 201 responses (generated here,
 * deterministically, so every run decodes the same bytes):
 *   small: 64 responses of ~300-500 bytes, half with `iam` details, half
 *          with `sso` details (non-ASCII names included);
 *   large: 4 responses of ~1 MB, `sso` details whose three strings are
 *          ~340 KB each, with escapes (\" \\ \n \u00e9, surrogate pairs)
 *          and raw multi-byte UTF-8 every few dozen bytes.
 *
 * Measured in the same run, on the same bytes:
 *   sdkconform: sdkc_codec_decode (status, headers and body -> result
 *               document) + cJSON_Delete of the document;
 *   cJSON:      cJSON_ParseWithLength + cJSON_Delete of the body alone
 *               (target: ours <= 1.5x its time);
 *   cJSON on libc malloc: the same, with cJSON's hooks reset for the call
 *               (information only: what the counting allocator costs);
 *   botocore:   RestJSONParser.parse through bench/botocore_decode.py when
 *               python3 can import botocore (target: ours >= 30x faster),
 *               else "skipped".
 * Both C sides allocate through the sdkc allocator (cJSON's hooks are
 * routed to it, as in sdkconform itself), so they pay the same allocator.
 * MB means 10^6 bytes of response body.
 *
 * DEBUGGING HINTS: `bench_decode --quick` is a one-second smoke run;
 * before timing, every response is decoded once and must give an
 * {"output": {"details": {"iam"|"sso"}}} document, so a decoder that fails
 * fast cannot look fast.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "codec/codec.h"
#include "http/http.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "spec/spec.h"

#define S_SMALL_COUNT       64
#define S_LARGE_COUNT       4
#define S_LARGE_FIELD_BYTES ((size_t)340 * 1000) /* per string; three strings per body */
#define S_PY_OUTPUT_MAX     ((size_t)1 << 20)    /* cap on what the python side prints */

static const char s_summary[] =
    "Decode throughput of sdkc_codec_decode on CreateUserProfile 201 responses, against\n"
    "cJSON_ParseWithLength+cJSON_Delete and botocore's RestJSONParser on the same bytes.";

/* ==== deterministic response generation ==================================== */

static uint64_t s_rng = 0x9e3779b97f4a7c15ULL;

static uint64_t s_next(void)
{
    /* xorshift64*: deterministic, fast, good enough to vary ids. */
    s_rng ^= s_rng >> 12;
    s_rng ^= s_rng << 25;
    s_rng ^= s_rng >> 27;
    return s_rng * 0x2545f4914f6cdd1dULL;
}

static void s_id(char *out, size_t n)
{
    static const char alnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    size_t i;
    for (i = 0; i + 1 < n; i++)
        out[i] = alnum[s_next() % (sizeof(alnum) - 1)];
    out[n - 1] = '\0';
}

static const char *const s_status[] = {"ASSIGNED", "NOT_ASSIGNED", "ACTIVATED", "DEACTIVATED"};
static const char *const s_first[] = {
    "Jos\\u00e9 Mar\\u00eda", "Zo\xc3\xab", "Aiko",
    "Bj\xc3\xb6rn",           "Nomvula",    "\xe5\xa4\xaa\xe9\x83\x8e"};
static const char *const s_last[] = {("\xc3\x98"
                                      "deg\xc3\xa5rd-M\xc3\xbcller"),
                                     "Okonkwo-Smith",
                                     "Nakamura",
                                     "Fitzgerald",
                                     "d\\u2019Arcy",
                                     "\xe5\xb1\xb1\xe7\x94\xb0"};

static sdkc_result s_small_body(struct sdkc_buf *b, int i)
{
    char dom[15], id[15], pid[22], sess[11];
    sdkc_result result;
    s_id(dom, sizeof(dom));
    s_id(id, sizeof(id));
    result = sdkc_buf_appendf(b,
                              "{\"domainId\":\"dzd_%s\",\"id\":\"%s\",\"type\":\"%s\","
                              "\"status\":\"%s\",\"details\":{",
                              dom, id, i % 2 ? "SSO" : "IAM", s_status[s_next() % 4]);
    if (result)
        return result;
    if (i % 2 == 0) {
        s_id(pid, sizeof(pid));
        s_id(sess, sizeof(sess));
        for (size_t k = 0; k < sizeof(pid) - 1; k++)
            pid[k] = (char)(pid[k] >= 'a' ? pid[k] - 'a' + 'A' : pid[k]);
        return sdkc_buf_appendf(
            b,
            "\"iam\":{\"arn\":\"arn:aws:iam::%012llu:role/service-role/datazone/"
            "analytics-platform/project-%s/AmazonDataZoneProjectAnalystRole-%s\","
            "\"principalId\":\"AROA%s:datazone-console-session-%s-%s\"}}}",
            (unsigned long long)(s_next() % 1000000000000ULL), id, sess, pid, sess, dom);
    }
    s_id(sess, sizeof(sess));
    return sdkc_buf_appendf(
        b,
        "\"sso\":{\"username\":\"%s.%s+analytics-platform-team@data-engineering."
        "subsidiary.example-corporation.com\",\"firstName\":\"%s %s\","
        "\"lastName\":\"%s-%s\"}}}",
        sess, id, s_first[s_next() % 6], s_first[s_next() % 6], s_last[s_next() % 6],
        s_last[s_next() % 6]);
}

/* A long JSON string body (no quotes) of about `bytes` bytes: words with
 * an escape or a multi-byte character every few dozen bytes. */
static sdkc_result s_long_text(struct sdkc_buf *b, size_t bytes)
{
    static const char *const words[] = {"data", "zone",    "analytics", "profile",  "user",
                                        "the",  "project", "domain",    "glossary", "asset",
                                        "lake", "catalog", "quality",   "lineage",  "and"};
    static const char *const specials[] = {"\\\"",
                                           "\\\\",
                                           "\\n",
                                           "\\u00e9",
                                           "\\ud83d\\ude00",
                                           "\xc3\xa9",
                                           "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
                                           "\xf0\x9f\x98\x80",
                                           "\\t",
                                           "\\/"};
    size_t start = b->len;
    sdkc_result result = SDKC_OK;
    while (!result && b->len - start < bytes) {
        if (s_next() % 6 == 0)
            result = sdkc_buf_append_str(b, specials[s_next() % 10]);
        else
            result = sdkc_buf_append_str(b, words[s_next() % 15]);
        if (!result)
            result = sdkc_buf_append_byte(b, ' ');
    }
    return result;
}

static sdkc_result s_large_body(struct sdkc_buf *b)
{
    char dom[15], id[15];
    sdkc_result result;
    s_id(dom, sizeof(dom));
    s_id(id, sizeof(id));
    result = sdkc_buf_appendf(b,
                              "{\"domainId\":\"dzd_%s\",\"id\":\"%s\",\"type\":\"SSO\","
                              "\"status\":\"ACTIVATED\",\"details\":{\"sso\":{\"username\":\"",
                              dom, id);
    if (!result)
        result = s_long_text(b, S_LARGE_FIELD_BYTES);
    if (!result)
        result = sdkc_buf_append_str(b, "\",\"firstName\":\"");
    if (!result)
        result = s_long_text(b, S_LARGE_FIELD_BYTES);
    if (!result)
        result = sdkc_buf_append_str(b, "\",\"lastName\":\"");
    if (!result)
        result = s_long_text(b, S_LARGE_FIELD_BYTES);
    if (!result)
        result = sdkc_buf_append_str(b, "\"}}}");
    return result;
}

/* ==== workloads ============================================================= */

struct s_workload {
    const char *name;
    const struct sdkc_spec *spec;
    const struct sdkc_operation *op;
    struct sdkc_http_response *resp;
    size_t count;
    size_t next_ours, next_cjson;
    size_t total_bytes;
};

static sdkc_result s_make(struct s_workload *w, size_t count, int large)
{
    size_t i;
    sdkc_result result = SDKC_OK;
    w->resp = sdkc_calloc(count, sizeof(*w->resp));
    if (!w->resp)
        return SDKC_ERR_NOMEM;
    w->count = count;
    for (i = 0; i < count; i++)
        sdkc_http_response_init(&w->resp[i]);
    for (i = 0; !result && i < count; i++) {
        struct sdkc_buf b;
        char rid[37], len[32];
        struct sdkc_http_response *r = &w->resp[i];
        sdkc_buf_init(&b, 0);
        result = large ? s_large_body(&b) : s_small_body(&b, (int)i);
        if (result) {
            sdkc_buf_clean_up(&b);
            break;
        }
        r->status = 201;
        r->body = sdkc_buf_steal(&b, &r->body_len);
        w->total_bytes += r->body_len;
        s_id(rid, sizeof(rid));
        rid[8] = rid[13] = rid[18] = rid[23] = '-';
        snprintf(len, sizeof(len), "%zu", r->body_len);
        result = sdkc_http_headers_add(&r->headers, "Content-Type", "application/json");
        if (!result)
            result = sdkc_http_headers_add(&r->headers, "x-amzn-RequestId", rid);
        if (!result)
            result = sdkc_http_headers_add(&r->headers, "Content-Length", len);
        if (!result)
            result = sdkc_http_headers_add(&r->headers, "Date", "Sun, 29 Nov 2026 14:00:00 GMT");
    }
    return result;
}

static void s_free(struct s_workload *w)
{
    size_t i;
    for (i = 0; w->resp && i < w->count; i++)
        sdkc_http_response_clean_up(&w->resp[i]);
    sdkc_free(w->resp);
    w->resp = NULL;
}

/* Decode every response once; each must give output.details.iam|sso. */
static int s_check(struct s_workload *w)
{
    size_t i;
    for (i = 0; i < w->count; i++) {
        cJSON *doc = NULL, *details;
        struct sdkc_error err;
        char *text = NULL;
        int ok;
        sdkc_error_init(&err);
        if (sdkc_codec_decode(w->spec, w->op, &w->resp[i], &doc, &err) != SDKC_OK) {
            fprintf(stderr, "bench_decode: %s[%zu]: decode failed: %s\n", w->name, i, err.msg);
            return 1;
        }
        details = sdkc_json_get(sdkc_json_get(doc, "output"), "details");
        ok = sdkc_json_get(details, "iam") || sdkc_json_get(details, "sso");
        if (!ok) {
            sdkc_json_print(doc, 0, &text, NULL);
            fprintf(stderr, "bench_decode: %s[%zu]: unexpected result %.300s\n", w->name, i,
                    text ? text : "?");
            sdkc_free(text);
        }
        cJSON_Delete(doc);
        if (!ok)
            return 1;
        doc = cJSON_ParseWithLength(w->resp[i].body, w->resp[i].body_len);
        if (!doc) {
            fprintf(stderr, "bench_decode: %s[%zu]: cJSON cannot parse the body\n", w->name, i);
            return 1;
        }
        cJSON_Delete(doc);
    }
    return 0;
}

static int s_ours(void *ctx)
{
    struct s_workload *w = ctx;
    cJSON *doc = NULL;
    const struct sdkc_http_response *r = &w->resp[w->next_ours];
    w->next_ours = w->next_ours + 1 < w->count ? w->next_ours + 1 : 0;
    if (sdkc_codec_decode(w->spec, w->op, r, &doc, NULL) != SDKC_OK)
        return 1;
    cJSON_Delete(doc);
    return 0;
}

static int s_cjson(void *ctx)
{
    struct s_workload *w = ctx;
    cJSON *doc;
    const struct sdkc_http_response *r = &w->resp[w->next_cjson];
    w->next_cjson = w->next_cjson + 1 < w->count ? w->next_cjson + 1 : 0;
    doc = cJSON_ParseWithLength(r->body, r->body_len);
    if (!doc)
        return 1;
    cJSON_Delete(doc);
    return 0;
}

/* The same cJSON parse+delete on libc malloc: what the allocator's
 * accounting (house style 4-5: counted, fault-injectable) costs. cJSON's
 * hooks are process-wide, so they are swapped around each call and put
 * back as sdkc_alloc_global_init set them (sdkc_malloc/sdkc_free); no tree
 * outlives the call, so none is freed by the other allocator. */
static int s_cjson_libc(void *ctx)
{
    cJSON_Hooks ours = {sdkc_malloc, sdkc_free};
    int rc;
    cJSON_InitHooks(NULL);
    rc = s_cjson(ctx);
    cJSON_InitHooks(&ours);
    return rc;
}

/* ==== botocore through python3 ============================================= */

/* Write the workloads for botocore_decode.py; returns 0 or 1. */
static int s_write_responses(const char *path, struct s_workload *ws, size_t n)
{
    cJSON *root = cJSON_CreateObject(), *arr, *r, *h;
    char *text = NULL;
    size_t i, j, k;
    int rc = 1;
    FILE *f = NULL;
    if (!root)
        goto done;
    for (i = 0; i < n; i++) {
        arr = cJSON_AddArrayToObject(root, ws[i].name);
        if (!arr)
            goto done;
        for (j = 0; j < ws[i].count; j++) {
            const struct sdkc_http_response *resp = &ws[i].resp[j];
            r = cJSON_CreateObject();
            if (!r)
                goto done;
            cJSON_AddItemToArray(arr, r);
            h = cJSON_AddObjectToObject(r, "headers");
            if (!cJSON_AddNumberToObject(r, "status", resp->status) || !h ||
                !cJSON_AddStringToObject(r, "body", resp->body))
                goto done;
            for (k = 0; k < resp->headers.count; k++)
                if (!cJSON_AddStringToObject(h, resp->headers.items[k].name,
                                             resp->headers.items[k].value))
                    goto done;
        }
    }
    if (sdkc_json_print(root, 0, &text, NULL))
        goto done;
    f = fopen(path, "wb");
    if (!f || fwrite(text, 1, strlen(text), f) != strlen(text))
        goto done;
    rc = 0;
done:
    if (f && fclose(f) != 0)
        rc = 1;
    sdkc_free(text);
    cJSON_Delete(root);
    return rc;
}

/* Run botocore_decode.py; *out is its JSON (caller frees), or NULL with
 * *why saying why it was skipped. */
static void s_botocore(struct s_workload *ws, size_t n, const struct sdkc_bench_opts *o,
                       cJSON **out, char *why, size_t why_len)
{
    char path[] = "/tmp/sdkc-bench-decode-XXXXXX";
    int fd;

    *out = NULL;
    fd = mkstemp(path);
    if (fd < 0) {
        snprintf(why, why_len, "cannot create a temporary file");
        return;
    }
    close(fd);
    if (s_write_responses(path, ws, n)) {
        snprintf(why, why_len, "cannot write the responses for python");
        goto done;
    }
    sdkc_bench_run_python("botocore_decode.py", path, o, S_PY_OUTPUT_MAX, out, why, why_len);
done:
    unlink(path);
}

/* ==== report ================================================================ */

static cJSON *s_side_json(const struct sdkc_bench_side *s, double avg_bytes)
{
    cJSON *j = cJSON_CreateObject();
    if (!j)
        return NULL;
    cJSON_AddNumberToObject(j, "ns_per_response", s->ns_per_op);
    cJSON_AddNumberToObject(j, "min_ns_per_response", s->min_ns_per_op);
    cJSON_AddNumberToObject(j, "max_ns_per_response", s->max_ns_per_op);
    cJSON_AddNumberToObject(j, "responses_per_s", 1e9 / s->ns_per_op);
    cJSON_AddNumberToObject(j, "mb_per_s", avg_bytes / s->ns_per_op * 1e3);
    cJSON_AddNumberToObject(j, "batch", (double)s->batch);
    cJSON_AddNumberToObject(j, "operations", (double)s->operations);
    return j;
}

static void s_rate(char *out, size_t n, double ns, double avg_bytes)
{
    double per_s = 1e9 / ns;
    if (per_s >= 1e6)
        snprintf(out, n, "%.2fM resp/s, %.0f MB/s", per_s / 1e6, avg_bytes / ns * 1e3);
    else if (per_s >= 1e3)
        snprintf(out, n, "%.1fk resp/s, %.0f MB/s", per_s / 1e3, avg_bytes / ns * 1e3);
    else
        snprintf(out, n, "%.1f resp/s, %.0f MB/s", per_s, avg_bytes / ns * 1e3);
}

int main(int argc, char **argv)
{
    struct sdkc_bench_opts o;
    struct sdkc_spec *spec = NULL;
    struct s_workload ws[2];
    cJSON *report = NULL, *workloads, *rows, *py = NULL;
    char why[256] = "";
    size_t i;
    int rc;

    if (sdkc_alloc_global_init() != SDKC_OK) {
        fprintf(stderr, "bench_decode: cannot install the allocator hooks\n");
        return 1;
    }
    rc = sdkc_bench_parse_args(argc, argv, "decode", s_summary, &o);
    if (rc) {
        sdkc_alloc_global_clean_up();
        return rc < 0 ? 0 : rc;
    }
    memset(ws, 0, sizeof(ws));
    if (sdkc_spec_load_default(&spec, NULL) != SDKC_OK) {
        fprintf(stderr, "bench_decode: cannot load the bundled model\n");
        rc = 1;
        goto done;
    }
    ws[0].name = "small";
    ws[1].name = "large";
    for (i = 0; i < 2; i++) {
        ws[i].spec = spec;
        ws[i].op = sdkc_spec_find_operation(spec, "CreateUserProfile");
        if (!ws[i].op || s_make(&ws[i], i ? S_LARGE_COUNT : S_SMALL_COUNT, (int)i) ||
            s_check(&ws[i])) {
            fprintf(stderr, "bench_decode: cannot prepare the %s workload\n", ws[i].name);
            rc = 1;
            goto done;
        }
    }
    if (SDKC_BENCH_SANITIZE[0])
        fprintf(stderr,
                "bench_decode: warning: sanitizer build (%s); figures are not "
                "representative\n",
                SDKC_BENCH_SANITIZE);

    report = cJSON_CreateObject();
    rc = 1;
    if (!report || !cJSON_AddStringToObject(report, "bench", "decode") ||
        !cJSON_AddItemToObject(report, "host", sdkc_bench_host()) ||
        !cJSON_AddStringToObject(report, "units", "MB = 10^6 bytes of response body") ||
        !(workloads = cJSON_AddObjectToObject(report, "workloads")) ||
        !(rows = cJSON_AddArrayToObject(report, "rows")))
        goto done;

    s_botocore(ws, 2, &o, &py, why, sizeof(why));
    if (py)
        cJSON_AddItemToObject(report, "botocore_version",
                              cJSON_Duplicate(sdkc_json_get(py, "botocore_version"), 1));

    for (i = 0; i < 2; i++) {
        struct sdkc_bench_side sides[3] = {
            {.name = "sdkconform", .fn = s_ours, .ctx = &ws[i]},
            {.name = "cjson", .fn = s_cjson, .ctx = &ws[i]},
            {.name = "cjson_libc_malloc", .fn = s_cjson_libc, .ctx = &ws[i]}};
        double avg = (double)ws[i].total_bytes / (double)ws[i].count, ratio;
        const cJSON *bpy = py ? sdkc_json_get(py, ws[i].name) : NULL;
        const cJSON *bns = sdkc_json_get(bpy, "ns_per_op");
        cJSON *wj = cJSON_AddObjectToObject(workloads, ws[i].name), *bj;
        char name[160], note[256], r1[64], r2[64];

        fprintf(stderr, "bench_decode: measuring %s (%zu responses, %.0f bytes average)...\n",
                ws[i].name, ws[i].count, avg);
        if (!wj || sdkc_bench_compare(sides, 3, &o)) {
            fprintf(stderr, "bench_decode: %s: a measured call failed\n", ws[i].name);
            goto done;
        }
        cJSON_AddNumberToObject(wj, "responses", (double)ws[i].count);
        cJSON_AddNumberToObject(wj, "avg_body_bytes", avg);
        cJSON_AddItemToObject(wj, "sdkconform", s_side_json(&sides[0], avg));
        cJSON_AddItemToObject(wj, "cjson", s_side_json(&sides[1], avg));
        cJSON_AddItemToObject(wj, "cjson_libc_malloc", s_side_json(&sides[2], avg));
        ratio = sides[0].ns_per_op / sides[1].ns_per_op;
        cJSON_AddNumberToObject(wj, "ratio_vs_cjson", ratio);
        cJSON_AddNumberToObject(wj, "target_ratio_vs_cjson", 1.5);

        s_rate(r1, sizeof(r1), sides[0].ns_per_op, avg);
        s_rate(r2, sizeof(r2), sides[1].ns_per_op, avg);
        snprintf(name, sizeof(name), "decode %s (%.0f B): time vs cJSON parse+delete", ws[i].name,
                 avg);
        snprintf(note, sizeof(note), "sdkconform %s; cJSON %s", r1, r2);
        sdkc_bench_row(rows, name, "ns/response", sides[0].ns_per_op, sides[1].ns_per_op,
                       "cJSON_ParseWithLength+cJSON_Delete", ratio, "<= 1.5",
                       ratio <= 1.5 ? "ok" : "missed", note);

        snprintf(name, sizeof(name), "decode %s (%.0f B): cJSON, sdkc_malloc vs libc malloc",
                 ws[i].name, avg);
        sdkc_bench_row(rows, name, "ns/response", sides[1].ns_per_op, sides[2].ns_per_op,
                       "cJSON on libc malloc", sides[1].ns_per_op / sides[2].ns_per_op, "info",
                       "info", "information: the cost of allocator accounting, in both C sides");

        snprintf(name, sizeof(name), "decode %s (%.0f B): speed-up over botocore", ws[i].name, avg);
        if (cJSON_IsNumber(bns) && bns->valuedouble > 0) {
            double speedup = bns->valuedouble / sides[0].ns_per_op;
            bj = cJSON_Duplicate(bpy, 1);
            if (bj) {
                cJSON_AddNumberToObject(bj, "responses_per_s", 1e9 / bns->valuedouble);
                cJSON_AddNumberToObject(bj, "mb_per_s", avg / bns->valuedouble * 1e3);
            }
            cJSON_AddItemToObject(wj, "botocore", bj);
            cJSON_AddNumberToObject(wj, "speedup_vs_botocore", speedup);
            cJSON_AddNumberToObject(wj, "target_speedup_vs_botocore", 30);
            s_rate(r2, sizeof(r2), bns->valuedouble, avg);
            snprintf(note, sizeof(note), "botocore %s", r2);
            sdkc_bench_row(rows, name, "ns/response", sides[0].ns_per_op, bns->valuedouble,
                           "botocore RestJSONParser.parse", speedup, ">= 30",
                           speedup >= 30 ? "ok" : "missed", note);
        } else {
            bj = cJSON_AddObjectToObject(wj, "botocore");
            if (bj)
                cJSON_AddStringToObject(bj, "skipped",
                                        why[0] ? why : "no figure for this workload");
            sdkc_bench_row(rows, name, "ns/response", sides[0].ns_per_op, -1,
                           "botocore RestJSONParser.parse", -1, ">= 30", "skipped",
                           why[0] ? why : "no figure for this workload");
        }
    }
    rc = sdkc_bench_write(&o, "decode", report);
    if (!rc)
        fprintf(stderr, "bench_decode: wrote %s/decode.json\n", o.out_dir);
done:
    cJSON_Delete(py);
    cJSON_Delete(report);
    for (i = 0; i < 2; i++)
        s_free(&ws[i]);
    sdkc_spec_destroy(spec);
    sdkc_alloc_global_clean_up();
    return rc;
}
