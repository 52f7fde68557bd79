/* SPDX-License-Identifier: Apache-2.0
 *
 * bench/bench.h: what every bench/bench_<name>.c shares.
 *
 * A bench measures "ours" against a baseline in the same process and run,
 * so its figures are ratios that survive a change of machine; absolute
 * numbers are reported too but mean little across hosts. Each bench
 * writes one JSON object to <out>/<name>.json:
 *
 *   {"bench": "<name>", "host": {...}, ..., "rows": [
 *      {"name": "...", "unit": "...", "ours": X, "baseline": Y,
 *       "baseline_name": "...", "ratio": R, "target": "<= 1.5",
 *       "status": "ok" | "missed" | "skipped", "note": "..."}]}
 *
 * and tools/bench merges every bench's object into latest.json and prints
 * the rows as a table (bench/report.c).
 *
 * Timing (sdkc_bench_compare) counts the measuring thread's CPU time, not
 * wall time: each side is calibrated to a batch size,
 * then the sides run in alternating rounds (A B A B ...) so that frequency
 * scaling and noisy neighbours hit them alike; the figure per side is the
 * median round. Benchmarks are never tests: nothing here asserts.
 */
#ifndef SDKC_BENCH_BENCH_H
#define SDKC_BENCH_BENCH_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

/* Default time per side and rounds per measurement: a few seconds per side
 * at most (the brief), enough rounds for a stable median. */
#define SDKC_BENCH_BUDGET_S  1.5
#define SDKC_BENCH_ROUNDS    9
#define SDKC_BENCH_MAX_SIDES 8
/* Caps on what the command line may ask for. */
#define SDKC_BENCH_MAX_BUDGET_S 60.0
#define SDKC_BENCH_PATH_MAX     4096

struct sdkc_bench_opts {
    char out_dir[SDKC_BENCH_PATH_MAX]; /* where <name>.json goes; default reports/bench */
    double budget_s;                   /* time per side */
    int rounds;
    int quick; /* --quick: a tenth of the budget, for smoke runs */
};

/* Parse `--out DIR`, `--budget SECONDS`, `--rounds N`, `--quick`, `--help`.
 * Returns 0 to go on, -1 after printing --help (exit 0), or 2 on bad usage
 * (a message was printed; exit 2). */
int sdkc_bench_parse_args(int argc, char **argv, const char *name, const char *summary,
                          struct sdkc_bench_opts *opts);

/* Seconds on the monotonic clock. */
double sdkc_bench_now(void);
/* CPU seconds of the calling thread (CLOCK_THREAD_CPUTIME_ID): what the
 * measurements use, so time the scheduler gives to other processes (a busy
 * CI host, parallel builds) does not count against either side. */
double sdkc_bench_cpu_now(void);

/* One side of a comparison. fn does one unit of work (decode one response)
 * and returns 0, or non-zero to abort the measurement. */
struct sdkc_bench_side {
    const char *name;
    int (*fn)(void *ctx);
    void *ctx;
    /* results */
    double ns_per_op; /* median round */
    double min_ns_per_op;
    double max_ns_per_op;
    uint64_t batch;      /* operations per round */
    uint64_t operations; /* in all rounds */
};

/* Measure n sides in alternating rounds. Returns 0, or the first non-zero
 * value an fn returned. */
int sdkc_bench_compare(struct sdkc_bench_side *sides, size_t n, const struct sdkc_bench_opts *o);

/* {"cpus", "compiler", "build_type", "sanitize", "when"}; NULL on NOMEM. */
cJSON *sdkc_bench_host(void);

/* A table row (see the layout above). ratio < 0 is written as null.
 * Returns the row added to `rows`, or NULL on NOMEM. */
cJSON *sdkc_bench_row(cJSON *rows, const char *name, const char *unit, double ours, double baseline,
                      const char *baseline_name, double ratio, const char *target,
                      const char *status, const char *note);

/* Write obj pretty-printed to <out_dir>/<name>.json atomically (temp file
 * + rename). Returns 0 or prints why and returns 1. */
/* Run the python baseline bench/<script> INPUT BUDGET ROUNDS and parse the
 * JSON object it prints into *out (caller frees). On any failure *out is
 * NULL and why says so; exit code 3 from the script means "python3 cannot
 * import botocore" (the baselines' convention), 127 "python3 not found".
 * Output past max_output bytes is cut (and then fails to parse). */
void sdkc_bench_run_python(const char *script, const char *input_path,
                           const struct sdkc_bench_opts *o, size_t max_output, cJSON **out,
                           char *why, size_t why_len);

int sdkc_bench_write(const struct sdkc_bench_opts *o, const char *name, const cJSON *obj);

#endif
