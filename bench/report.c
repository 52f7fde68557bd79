/* SPDX-License-Identifier: Apache-2.0
 *
 * bench/report.c: sdkc_bench_report, the merge step of tools/bench.
 *
 *   sdkc_bench_report [--commit SHA] OUT_DIR NAME...
 *
 * Reads OUT_DIR/<NAME>.json for every bench that ran, merges them into
 * OUT_DIR/latest.json (atomically: temp file + rename, so a reader never
 * sees half a file) as
 *   {"generated_at": "...", "commit": "...", "benches": {"<NAME>": {...}}}
 * (a bench whose file is missing or not JSON appears as {"error": "..."}),
 * and prints every bench's rows as one table. Exit 0 when every bench gave
 * a report, 1 otherwise, 2 on bad usage. Missed targets do not change the
 * exit code: benchmarks report, they never gate.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"

/* Cap on one bench's report file. */
#define S_REPORT_MAX ((size_t)16 * 1024 * 1024)

static void s_value(char *out, size_t n, const cJSON *v, const char *unit)
{
    double x;
    if (!cJSON_IsNumber(v)) {
        snprintf(out, n, "-");
        return;
    }
    x = v->valuedouble;
    if (strncmp(unit, "ns", 2) == 0) {
        if (x >= 1e9)
            snprintf(out, n, "%.2f s", x / 1e9);
        else if (x >= 1e6)
            snprintf(out, n, "%.2f ms", x / 1e6);
        else if (x >= 1e3)
            snprintf(out, n, "%.2f us", x / 1e3);
        else
            snprintf(out, n, "%.0f ns", x);
    } else {
        snprintf(out, n, "%.4g %s", x, unit);
    }
}

static const char *s_str(const cJSON *obj, const char *key, const char *dflt)
{
    const cJSON *j = sdkc_json_get(obj, key);
    return cJSON_IsString(j) ? j->valuestring : dflt;
}

static void s_print_rows(const char *bench, const cJSON *obj)
{
    const cJSON *rows = sdkc_json_get(obj, "rows"), *row;
    if (sdkc_json_get(obj, "error")) {
        printf("%-8s %-58s %s\n", bench, "(no report)", s_str(obj, "error", "?"));
        return;
    }
    cJSON_ArrayForEach(row, rows)
    {
        char ours[32], base[32], ratio[32];
        const char *unit = s_str(row, "unit", "");
        const cJSON *r = sdkc_json_get(row, "ratio");
        s_value(ours, sizeof(ours), sdkc_json_get(row, "ours"), unit);
        s_value(base, sizeof(base), sdkc_json_get(row, "baseline"), unit);
        if (cJSON_IsNumber(r))
            snprintf(ratio, sizeof(ratio), "%.2fx", r->valuedouble);
        else
            snprintf(ratio, sizeof(ratio), "-");
        printf("%-8s %-58s %11s %11s %8s %7s  %s\n", bench, s_str(row, "name", "?"), ours, base,
               ratio, s_str(row, "target", ""), s_str(row, "status", "?"));
        if (s_str(row, "note", NULL))
            printf("%-8s   %s\n", "", s_str(row, "note", ""));
    }
}

int main(int argc, char **argv)
{
    const char *commit = NULL, *out_dir;
    char path[SDKC_BENCH_PATH_MAX + 64], when[32], *text = NULL;
    cJSON *latest = NULL, *benches;
    struct sdkc_error err;
    time_t now = time(NULL);
    struct tm tm;
    int i = 1, rc = 0;

    if (sdkc_alloc_global_init() != SDKC_OK)
        return 1;
    if (i + 1 < argc && strcmp(argv[i], "--commit") == 0) {
        commit = argv[i + 1];
        i += 2;
    }
    if (i >= argc || strlen(argv[i]) >= SDKC_BENCH_PATH_MAX) {
        fprintf(stderr, "usage: sdkc_bench_report [--commit SHA] OUT_DIR NAME...\n");
        sdkc_alloc_global_clean_up();
        return 2;
    }
    out_dir = argv[i++];
    gmtime_r(&now, &tm);
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
    latest = cJSON_CreateObject();
    if (!latest || !cJSON_AddStringToObject(latest, "generated_at", when) ||
        !(commit ? cJSON_AddStringToObject(latest, "commit", commit)
                 : cJSON_AddNullToObject(latest, "commit")) ||
        !(benches = cJSON_AddObjectToObject(latest, "benches"))) {
        rc = 1;
        goto done;
    }
    printf("%-8s %-58s %11s %11s %8s %7s  %s\n", "bench", "measure", "ours", "baseline", "ratio",
           "target", "status");
    for (; i < argc; i++) {
        struct sdkc_json_limits lim = {S_REPORT_MAX, 0};
        cJSON *obj = NULL;
        sdkc_error_init(&err);
        snprintf(path, sizeof(path), "%s/%s.json", out_dir, argv[i]);
        if (sdkc_json_parse_file(path, &lim, &obj, &err) || !cJSON_IsObject(obj)) {
            cJSON_Delete(obj);
            obj = cJSON_CreateObject();
            if (!obj || !cJSON_AddStringToObject(obj, "error",
                                                 err.msg[0] ? err.msg : "not a JSON object")) {
                cJSON_Delete(obj);
                rc = 1;
                goto done;
            }
            rc = 1;
        }
        s_print_rows(argv[i], obj);
        cJSON_AddItemToObject(benches, argv[i], obj);
    }
    snprintf(path, sizeof(path), "%s/latest.json", out_dir);
    sdkc_error_init(&err);
    if (sdkc_json_print(latest, 1, &text, &err) ||
        sdkc_write_file_atomic(path, text, strlen(text), &err)) {
        fprintf(stderr, "sdkc_bench_report: cannot write %s: %s\n", path, err.msg);
        rc = 1;
        goto done;
    }
    printf("\nwrote %s\n", path);
done:
    sdkc_free(text);
    cJSON_Delete(latest);
    sdkc_alloc_global_clean_up();
    return rc;
}
