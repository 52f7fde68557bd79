/* SPDX-License-Identifier: Apache-2.0
 *
 * bench/bench.c: timing, options, host facts and the JSON every bench
 * writes. See bench.h.
 */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"

/* Calibration stops doubling the batch once one batch takes this long:
 * long enough that clock resolution (ns) and loop overhead do not matter. */
#define SDKC_BENCH_CALIBRATE_S 0.01
#define SDKC_BENCH_MAX_BATCH   ((uint64_t)1 << 40)

double sdkc_bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double sdkc_bench_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void s_usage(FILE *f, const char *name, const char *summary)
{
    fprintf(f,
            "usage: bench_%s [--out DIR] [--budget SECONDS] [--rounds N] [--quick]\n\n"
            "%s\n\n"
            "  --out DIR         write DIR/%s.json (default reports/bench)\n"
            "  --budget SECONDS  time per measured side (default %.1f, at most %.0f)\n"
            "  --rounds N        alternating rounds; the median is reported (default %d)\n"
            "  --quick           a tenth of the budget: a smoke run, figures are rough\n",
            name, summary, name, SDKC_BENCH_BUDGET_S, SDKC_BENCH_MAX_BUDGET_S, SDKC_BENCH_ROUNDS);
}

int sdkc_bench_parse_args(int argc, char **argv, const char *name, const char *summary,
                          struct sdkc_bench_opts *opts)
{
    int i;
    memset(opts, 0, sizeof(*opts));
    snprintf(opts->out_dir, sizeof(opts->out_dir), "reports/bench");
    opts->budget_s = SDKC_BENCH_BUDGET_S;
    opts->rounds = SDKC_BENCH_ROUNDS;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            s_usage(stdout, name, summary);
            return -1;
        } else if (strcmp(a, "--quick") == 0) {
            opts->quick = 1;
        } else if (strcmp(a, "--out") == 0 && i + 1 < argc) {
            if (strlen(argv[++i]) >= sizeof(opts->out_dir)) {
                fprintf(stderr, "bench_%s: --out: path too long\n", name);
                return 2;
            }
            snprintf(opts->out_dir, sizeof(opts->out_dir), "%s", argv[i]);
        } else if (strcmp(a, "--budget") == 0 && i + 1 < argc) {
            char *end;
            opts->budget_s = strtod(argv[++i], &end);
            if (*end || !(opts->budget_s > 0) || opts->budget_s > SDKC_BENCH_MAX_BUDGET_S) {
                fprintf(stderr, "bench_%s: --budget: want seconds in (0, %.0f], got '%s'\n", name,
                        SDKC_BENCH_MAX_BUDGET_S, argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--rounds") == 0 && i + 1 < argc) {
            char *end;
            long r = strtol(argv[++i], &end, 10);
            if (*end || r < 1 || r > 101) {
                fprintf(stderr, "bench_%s: --rounds: want 1..101, got '%s'\n", name, argv[i]);
                return 2;
            }
            opts->rounds = (int)r;
        } else {
            fprintf(stderr, "bench_%s: unknown or incomplete option '%s'\n", name, a);
            s_usage(stderr, name, summary);
            return 2;
        }
    }
    if (opts->quick)
        opts->budget_s /= 10;
    return 0;
}

/* Run fn batch times; the elapsed seconds in *t. */
static int s_run(struct sdkc_bench_side *s, uint64_t batch, double *t)
{
    double t0 = sdkc_bench_cpu_now();
    uint64_t i;
    int rc;
    for (i = 0; i < batch; i++)
        if ((rc = s->fn(s->ctx)) != 0)
            return rc;
    *t = sdkc_bench_cpu_now() - t0;
    s->operations += batch;
    return 0;
}

static int s_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int sdkc_bench_compare(struct sdkc_bench_side *sides, size_t n, const struct sdkc_bench_opts *o)
{
    double per_op[SDKC_BENCH_MAX_SIDES][101];
    double round_s = o->budget_s / o->rounds, t;
    size_t i;
    int r, rc;

    if (n > SDKC_BENCH_MAX_SIDES)
        return 2;
    /* Calibrate: warm up (caches, allocator pools), then grow the batch
     * until it takes SDKC_BENCH_CALIBRATE_S, and scale it to one round. */
    for (i = 0; i < n; i++) {
        uint64_t batch = 1;
        sides[i].operations = 0;
        if ((rc = s_run(&sides[i], 1, &t)) != 0)
            return rc;
        for (;;) {
            if ((rc = s_run(&sides[i], batch, &t)) != 0)
                return rc;
            if (t >= SDKC_BENCH_CALIBRATE_S || t >= round_s || batch >= SDKC_BENCH_MAX_BATCH)
                break;
            batch *= 2;
        }
        if (t > 0 && t < round_s) {
            double scaled = (double)batch * round_s / t;
            batch = scaled > (double)SDKC_BENCH_MAX_BATCH ? SDKC_BENCH_MAX_BATCH : (uint64_t)scaled;
        }
        sides[i].batch = batch ? batch : 1;
        sides[i].operations = 0;
    }
    for (r = 0; r < o->rounds; r++)
        for (i = 0; i < n; i++) {
            if ((rc = s_run(&sides[i], sides[i].batch, &t)) != 0)
                return rc;
            per_op[i][r] = t * 1e9 / (double)sides[i].batch;
        }
    for (i = 0; i < n; i++) {
        qsort(per_op[i], (size_t)o->rounds, sizeof(double), s_cmp_double);
        sides[i].ns_per_op = o->rounds % 2
                                 ? per_op[i][o->rounds / 2]
                                 : (per_op[i][o->rounds / 2 - 1] + per_op[i][o->rounds / 2]) / 2;
        sides[i].min_ns_per_op = per_op[i][0];
        sides[i].max_ns_per_op = per_op[i][o->rounds - 1];
    }
    return 0;
}

cJSON *sdkc_bench_host(void)
{
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    cJSON *h = cJSON_CreateObject();
    gmtime_r(&now, &tm);
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!h || !cJSON_AddNumberToObject(h, "cpus", (double)sysconf(_SC_NPROCESSORS_ONLN)) ||
        !cJSON_AddStringToObject(h, "compiler", SDKC_BENCH_COMPILER) ||
        !cJSON_AddStringToObject(h, "build_type", SDKC_BENCH_BUILD_TYPE) ||
        !cJSON_AddStringToObject(h, "sanitize", SDKC_BENCH_SANITIZE) ||
        !cJSON_AddStringToObject(h, "when", when)) {
        cJSON_Delete(h);
        return NULL;
    }
    return h;
}

cJSON *sdkc_bench_row(cJSON *rows, const char *name, const char *unit, double ours, double baseline,
                      const char *baseline_name, double ratio, const char *target,
                      const char *status, const char *note)
{
    cJSON *row = cJSON_CreateObject();
    if (!row)
        return NULL;
    if (!cJSON_AddStringToObject(row, "name", name) ||
        !cJSON_AddStringToObject(row, "unit", unit) ||
        !(ours >= 0 ? cJSON_AddNumberToObject(row, "ours", ours)
                    : cJSON_AddNullToObject(row, "ours")) ||
        !(baseline >= 0 ? cJSON_AddNumberToObject(row, "baseline", baseline)
                        : cJSON_AddNullToObject(row, "baseline")) ||
        !cJSON_AddStringToObject(row, "baseline_name", baseline_name) ||
        !(ratio >= 0 ? cJSON_AddNumberToObject(row, "ratio", ratio)
                     : cJSON_AddNullToObject(row, "ratio")) ||
        !cJSON_AddStringToObject(row, "target", target) ||
        !cJSON_AddStringToObject(row, "status", status) ||
        (note && !cJSON_AddStringToObject(row, "note", note))) {
        cJSON_Delete(row);
        return NULL;
    }
    cJSON_AddItemToArray(rows, row);
    return row;
}

int sdkc_bench_write(const struct sdkc_bench_opts *o, const char *name, const cJSON *obj)
{
    char path[SDKC_BENCH_PATH_MAX + 64];
    char *text = NULL;
    struct sdkc_error err;
    sdkc_error_init(&err);
    snprintf(path, sizeof(path), "%s/%s.json", o->out_dir, name);
    if (sdkc_json_print(obj, 1, &text, &err) || sdkc_mkdirs(o->out_dir, &err) ||
        sdkc_write_file_atomic(path, text, strlen(text), &err)) {
        fprintf(stderr, "bench_%s: cannot write %s: %s\n", name, path, err.msg);
        sdkc_free(text);
        return 1;
    }
    sdkc_free(text);
    return 0;
}

void sdkc_bench_run_python(const char *script, const char *input_path,
                           const struct sdkc_bench_opts *o, size_t max_output, cJSON **out,
                           char *why, size_t why_len)
{
    char cmd[SDKC_BENCH_PATH_MAX * 2 + 256], chunk[4096];
    struct sdkc_buf b;
    FILE *p;
    size_t got;
    int status;

    *out = NULL;
    sdkc_buf_init(&b, max_output);
    snprintf(cmd, sizeof(cmd), "python3 '%s/bench/%s' '%s' %.3f %d", SDKC_SOURCE_DIR, script,
             input_path, o->budget_s, o->rounds);
    p = popen(cmd, "r");
    if (!p) {
        snprintf(why, why_len, "cannot run python3");
        goto done;
    }
    while ((got = fread(chunk, 1, sizeof(chunk), p)) > 0)
        if (sdkc_buf_append(&b, chunk, got))
            break;
    status = pclose(p);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        if (code == 3)
            snprintf(why, why_len, "python3 cannot import botocore");
        else if (code == 127)
            snprintf(why, why_len, "python3 not found");
        else
            snprintf(why, why_len, "%s failed (see its message above)", script);
        goto done;
    }
    if (sdkc_json_parse(b.data ? b.data : "", b.len, NULL, out, NULL)) {
        snprintf(why, why_len, "%s printed no JSON", script);
        *out = NULL;
    }
done:
    sdkc_buf_clean_up(&b);
}
