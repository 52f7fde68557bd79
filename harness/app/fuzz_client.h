/* SPDX-License-Identifier: Apache-2.0
 *
 * app/fuzz_client.h: `sdkconform fuzz-client` as one library call: fuzz
 * the response side of real clients (SDK adapters) and keep what they get
 * wrong as ordinary vectors.
 *
 * Inputs are responses (status, headers, body bytes) of an operation, made
 * by the model-driven mutator (vectors/mutate.h) from gen's valid
 * responses (vectors/gen.h) and from the corpus kept in OUT/corpus. The
 * oracle is the builtin client (the codec's decode, as `sdkconform decode`
 * prints it): each response is decoded by it, its result document becomes
 * the expectation of a vector, and each implementation's document is
 * compared with it by the vector rules (vectors/match.c,
 * sdkc_vector_check_result), as replay compares. Always a finding: a crash
 * or hang (adapter clientError crash / timeout), an adapter protocol break,
 * and a success where the builtin client gives an error or clientError.
 * Findings are deduplicated by a signature, minimized and written to
 * OUT/findings as vectors that `sdkconform replay --vectors OUT/findings`
 * runs unchanged (see fuzz_client.c for the engine and why).
 */
#ifndef SDKC_APP_FUZZ_CLIENT_H
#define SDKC_APP_FUZZ_CLIENT_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "app/replay.h"
#include "core/buf.h"
#include "core/error.h"
#include "spec/spec.h"

/* Caps (every one input-controlled: the options, the spec, OUT's files). */
#define SDKC_FUZZ_CLIENT_MAX_OPERATIONS 4096  /* operations fuzzed in one run */
#define SDKC_FUZZ_CLIENT_MAX_CORPUS     2048  /* corpus entries per operation */
#define SDKC_FUZZ_CLIENT_MAX_BEHAVIOURS 65536 /* behaviour signatures remembered */
#define SDKC_FUZZ_CLIENT_MAX_FINDINGS   4096  /* finding signatures per run and OUT */
#define SDKC_FUZZ_CLIENT_MAX_MIN_CALLS  256   /* implementation calls to minimize one finding */
#define SDKC_FUZZ_CLIENT_MAX_STACK      3     /* mutations stacked on one input */
#define SDKC_FUZZ_CLIENT_MAX_RECREATE   64    /* times an adapter that gave up is made anew */
#define SDKC_FUZZ_CLIENT_MAX_SIG_PATHS  6     /* diff paths in a signature */
#define SDKC_FUZZ_CLIENT_MAX_SIG        1024  /* bytes of a signature */
#define SDKC_FUZZ_CLIENT_MAX_RUNS_KEPT  256   /* runs kept in summary.json */
#define SDKC_FUZZ_CLIENT_MAX_RUNS       ((uint64_t)1 << 40) /* --runs */
#define SDKC_FUZZ_CLIENT_MAX_TIME_S     (7 * 24 * 3600)     /* --time: a week */
#define SDKC_FUZZ_CLIENT_MAX_FILE_BYTES                                                            \
    ((size_t)4 << 20)                    /* one corpus/finding/summary file read                   \
                                          */
#define SDKC_FUZZ_CLIENT_TIMEOUT_MS 2000 /* adapter call timeout (a hang) by default */

#define SDKC_FUZZ_CLIENT_EXIT_OK       0   /* no finding */
#define SDKC_FUZZ_CLIENT_EXIT_FINDINGS 1   /* at least one finding signature seen this run */
#define SDKC_FUZZ_CLIENT_EXIT_USAGE    2   /* bad options or unreadable OUT files */
#define SDKC_FUZZ_CLIENT_EXIT_IMPL     3   /* an implementation could not be run */
#define SDKC_FUZZ_CLIENT_EXIT_STOPPED  130 /* interrupted: summary written, marked partial */

struct sdkc_fuzz_client_options {
    const struct sdkc_spec *spec; /* required, borrowed */
    const char *spec_path;        /* as given (notes, rerun lines); NULL = bundled */
    /* Operations by name; none = the first operation of the spec, unless
     * all = 1 (every operation without an event stream). */
    const char *const *operations;
    size_t operation_count;
    int all;
    const struct sdkc_replay_impl *impls; /* the implementations fuzzed */
    size_t impl_count;                    /* 1..SDKC_RUNNER_MAX_IMPLS */
    uint64_t runs;                        /* inputs per operation; 0 = until time_s */
    double time_s;                        /* wall time over all operations; 0 = until runs */
    uint64_t seed;
    const char *out_dir; /* required: corpus/, findings/, summary.json, summary.html */
    int timeout_ms;      /* per adapter call; 0 = SDKC_FUZZ_CLIENT_TIMEOUT_MS */
    /* Implementations called at once on each input (threads; each one
     * stays serial); 0 or 1 = one after the other. At most
     * SDKC_RUNNER_MAX_JOBS. */
    unsigned jobs;
    int argc; /* the command line, for the summary */
    char *const *argv;
    FILE *out; /* progress and the closing lines; NULL = silent */
    FILE *err_out;
    volatile sig_atomic_t *stop; /* set by a signal handler: stop, summarize, 130 */
};

/* Per implementation, what the run measured. */
struct sdkc_fuzz_client_impl_stats {
    char name[SDKC_REPLAY_MAX_IMPL_NAME + 24];
    uint64_t execs;        /* calls of the implementation on fuzz inputs */
    uint64_t min_calls;    /* calls spent minimizing */
    uint64_t recreated;    /* times made anew after its adapter gave up */
    double call_ms;        /* wall time inside its calls */
    uint64_t findings_new; /* finding files written this run */
    uint64_t findings_hit; /* inputs that showed a finding signature */
};

struct sdkc_fuzz_client_outcome {
    int exit_code;
    uint64_t inputs;     /* responses tried (each run on every implementation) */
    uint64_t unservable; /* inputs an adapter's mock endpoint could not send */
    uint64_t lost;       /* inputs dropped because an adapter gave up on them */
    size_t impl_count;
    struct sdkc_fuzz_client_impl_stats impls[SDKC_RUNNER_MAX_IMPLS];
    size_t signatures;  /* distinct finding signatures seen this run */
    size_t corpus_size; /* entries in OUT/corpus at the end */
    double wall_ms;     /* the whole run, implementations started and stopped */
    double loop_ms;     /* the fuzz loop alone: what the harness-share figures divide */
    double oracle_ms;   /* wall time inside the builtin oracle's calls */
    int partial;
};

/* Fuzz. Always sets outcome->exit_code (and prints to err_out why it is 2
 * or 3). Returns SDKC_OK when the run completed or was stopped and its
 * summary was written; otherwise what stopped it, err naming the file or
 * the option. */
sdkc_result sdkc_fuzz_client_run(const struct sdkc_fuzz_client_options *opts,
                                 struct sdkc_fuzz_client_outcome *outcome, struct sdkc_error *err);

/* Append to b the rule an oracle's clientError message names, as finding
 * signatures carry it: the text before " at byte" (where) and ", got "
 * (what was there instead), quoted bytes as '?', digit runs as '#', at
 * most max bytes. One rule, one signature, whatever byte broke it. */
void sdkc_fuzz_client_rule(struct sdkc_buf *b, const char *msg, size_t max);

/* Parse a --time value: "90" or "90s", "10m", "2h" (at most
 * SDKC_FUZZ_CLIENT_MAX_TIME_S). SDKC_OK or SDKC_ERR_PARSE. */
sdkc_result sdkc_fuzz_client_parse_time(const char *s, double *seconds);

#endif
