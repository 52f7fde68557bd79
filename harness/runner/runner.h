/* SPDX-License-Identifier: Apache-2.0
 *
 * runner/runner.h: replay a vector corpus against one or more client
 * implementations, compare what they did with what the vectors expect, and
 * classify every (vector, implementation) pair into a verdict (docs/DESIGN.md).
 *
 * The runner decides verdicts; it formats nothing. Every verdict is handed
 * to an optional callback (the console reporter lives in the report layer)
 * and appended as one JSON line to a spool file, which the report writers
 * read back at the end. Nothing grows with the corpus: vectors are streamed
 * and results spooled, so memory at 100,000 vectors stays that at 1,000.
 *
 * Spool line format (one per result, in corpus order, impls in the order
 * given), a superset of report.json's "results" entries (title and refs
 * only for results that did not pass):
 *   {"id","impl","level","vector_level","check","status","message","duration_ms","gating",
 *    "title","category","refs":[...],"diff","rerun","reason","evidence",
 *    "diagnostics"}
 * (the last six only when they apply).
 */
#ifndef SDKC_RUNNER_RUNNER_H
#define SDKC_RUNNER_RUNNER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "http/http.h"
#include "core/error.h"
#include "impl/impl.h"
#include "sigv4/sigv4.h"
#include "spec/spec.h"
#include "vectors/vector.h"

/* Caps on what arguments and input files may ask for (house style 7). */
#define SDKC_RUNNER_MAX_IMPLS        16
#define SDKC_RUNNER_MAX_JOBS         64
#define SDKC_RUNNER_MAX_SHARDS       100000
#define SDKC_RUNNER_MAX_VECTOR_PATHS 256
#define SDKC_RUNNER_MAX_XFAIL_FILES  16
#define SDKC_RUNNER_MAX_MODELS       4096 /* models bound to corpus folders, loaded at once */
#define SDKC_RUNNER_MAX_CATEGORIES   512  /* distinct categories tracked; others go to "other" */
#define SDKC_RUNNER_MAX_TOKENS       ((size_t)4 << 20)   /* idempotency tokens tracked per impl */
#define SDKC_RUNNER_MAX_MESSAGE      4096                /* one result's message, bytes */
#define SDKC_RUNNER_MAX_DIFF         ((size_t)64 * 1024) /* one result's diff text, bytes */
#define SDKC_RUNNER_MAX_VALUE        1024  /* bytes of one wanted/got value shown in a diff line */
#define SDKC_RUNNER_MAX_DOC          8192  /* bytes of the document / adapter line shown */
#define SDKC_RUNNER_BATCH_PER_JOB    256   /* vectors in flight per worker thread */
#define SDKC_RUNNER_MAX_SIGV4_SKEW_S 86400 /* cap on the verifier's clock-skew window */
#define SDKC_RUNNER_SIGV4_CHECK      "sigv4"    /* check name of the signature check */
#define SDKC_RUNNER_FRAMING_CHECK    "framing"  /* a request refused for ambiguous framing */
#define SDKC_RUNNER_REQUESTS_CHECK   "requests" /* late, extra or refused requests */

enum sdkc_verdict {
    SDKC_VERDICT_PASS = 0,
    SDKC_VERDICT_FAIL,
    SDKC_VERDICT_SKIP,  /* not applicable to this implementation */
    SDKC_VERDICT_XFAIL, /* failed, and listed in the expected-failures file */
    SDKC_VERDICT_XPASS, /* listed there but passed: a stale entry, fails the run */
    SDKC_VERDICT_ERROR, /* the vector could not be run */
    SDKC_VERDICT_COUNT
};

/* "pass", "fail", "skip", "xfail", "xpass", "error" (report.json names). */
const char *sdkc_verdict_name(enum sdkc_verdict v);

struct sdkc_run_counts {
    uint64_t total;
    uint64_t by[SDKC_VERDICT_COUNT];
    uint64_t gating;    /* fail/error/xpass results that make the run exit 1 */
    uint64_t warnings;  /* failures below the gating level */
    double duration_ms; /* sum of the implementation call times */
};

struct sdkc_run_category {
    char *name;
    struct sdkc_run_counts per_impl[SDKC_RUNNER_MAX_IMPLS];
};

/* What a run produced, besides the spool. The caller zeroes it with
 * sdkc_run_summary_init() and frees it with sdkc_run_summary_clean_up(). */
struct sdkc_run_summary {
    struct sdkc_run_counts all;
    struct sdkc_run_counts per_impl[SDKC_RUNNER_MAX_IMPLS];
    size_t impl_count;
    struct sdkc_run_category *categories; /* sorted by first appearance */
    size_t category_count;
    size_t category_cap;
    uint64_t vectors_read;     /* every vector in the corpus files read */
    uint64_t vectors_selected; /* after --filter and --shard */
    double wall_ms;
    int partial; /* interrupted: results cover a prefix of the selection */
};

void sdkc_run_summary_init(struct sdkc_run_summary *s);
void sdkc_run_summary_clean_up(struct sdkc_run_summary *s);

/* One result, as handed to the callback. Every pointer is borrowed for the
 * duration of the callback only. */
struct sdkc_run_record {
    const char *id;
    const char *impl;
    size_t impl_index;
    const char *level;        /* "MUST" / "SHOULD" / "MAY": the level the result gates at */
    const char *vector_level; /* the vector's own level */
    /* The check that made a failure MUST whatever vector_level ("sigv4",
     * "crash", "hang"), "run" for an error, or NULL. */
    const char *check;
    const char *title;
    const char *category;
    const char *refs; /* compact JSON array text; NULL for passes */
    enum sdkc_verdict verdict;
    int gating;          /* this result alone would make the run exit 1 */
    const char *message; /* one line */
    const char *diff;    /* path-level diff lines, or NULL */
    const char *rerun;   /* one-line command that reruns just this vector */
    const char *reason;  /* expected-failure reason (xfail/xpass), or NULL */
    const char *diagnostics;
    double duration_ms;
    uint64_t done;   /* results emitted so far, this one included */
    double progress; /* 0..1: vectors read over the estimated total, -1 unknown */
};

typedef void (*sdkc_run_record_fn)(void *ctx, const struct sdkc_run_record *rec);

/* The transport checks (docs/DESIGN.md "impl"). An implementation that
 * sends its request over HTTP owns its endpoint and reports, in each call's
 * result (impl/impl.h), what reached it:
 *   1. `late`: what arrived before the call, after its previous call had
 *      answered (or before its first): a LATE request, discarded from this
 *      call and failed as check SDKC_RUNNER_REQUESTS_CHECK on this vector,
 *      naming the vector the implementation had answered last;
 *   2. `during`: the call's own traffic. More than one request fails check
 *      "requests" (one call sends one request; the last one is checked); a
 *      request the endpoint refused fails check SDKC_RUNNER_FRAMING_CHECK
 *      (ambiguous framing) or "requests" (past a cap), with the endpoint's
 *      reason;
 *   3. once every implementation ran the vector, the runner asks each one
 *      that ran it for what arrived since (vtable drain): a late request of
 *      this vector; and after the run's last vector once more, with the
 *      implementation stopped first (drain final), so that a request sent
 *      after the very last answer fails that vector too.
 * These failures are at level MUST whatever the vector's own level, and an
 * expected-failures entry never covers them. The runner never knows which
 * kind of implementation it runs: only what the result says. */

/* Why a run stopped before classifying every vector (maps to exit codes). */
enum sdkc_run_fatal {
    SDKC_RUN_FATAL_NONE = 0,
    SDKC_RUN_FATAL_INPUT, /* bad vector or expected-failures file, bad option: exit 2 */
    SDKC_RUN_FATAL_IMPL   /* an implementation could not be run: exit 3 */
};

struct sdkc_runner_options {
    const struct sdkc_spec *spec;    /* borrowed */
    const char *const *vector_paths; /* files (.json, .jsonl) or folders, read in sorted order */
    size_t vector_path_count;
    struct sdkc_impl *const *impls; /* borrowed; at most SDKC_RUNNER_MAX_IMPLS */
    size_t impl_count;
    enum sdkc_vector_level gate; /* failures at or above this level fail the run */
    const char *filter;          /* fnmatch(3) glob on ids, or NULL */
    unsigned shard_index;        /* K of --shard K/N, 1-based */
    unsigned shard_count;        /* N; 0 = no sharding */
    /* Expected-failures files (runner/xfail.h), e.g. one per SDK adapter;
     * an (impl, id) pair is looked up in each, first match wins. */
    const char *const *expected_failures;
    size_t expected_failures_count;
    /* Worker threads; 0 or 1 = in the calling thread. A run with any
     * serial impl (sdkc_impl.serial: an adapter process) is sequential
     * whatever this says. */
    unsigned jobs;
    /* The rerun command up to the impl and filter, e.g.
     * "build/sdkconform replay --vectors corpus/vectors"; the runner appends
     * " --impl NAME --filter 'ID'". NULL = "sdkconform replay". */
    const char *rerun_prefix;
    /* Per impl, how the rerun command names it ("--impl builtin",
     * "--impl-cmd 'python3 my_adapter.py'"); NULL or a NULL entry =
     * "--impl NAME". */
    const char *const *impl_args;
    /* Check that idempotency tokens (values accepted by a uuid4 matcher)
     * never repeat across the calls of one implementation (Smithy
     * idempotencyToken: "unique per request"). */
    int check_token_uniqueness;
    /* Pre-scan the vector files for an estimate of the vector count (lines
     * of .jsonl, "operation" keys of .json), so a progress bar can show a
     * share; costs one fast read of the corpus. Off: progress is -1. */
    int estimate_progress;
    const char *spool_path; /* results are written here as JSON lines (created/truncated) */
    sdkc_run_record_fn on_record;
    void *on_record_ctx;
    /* Set asynchronously (signal handler) to stop after the current vector. */
    volatile sig_atomic_t *stop;
    /* Signature check on every request an implementation sends over HTTP
     * (result.request_sent; docs/DESIGN.md): each captured request is
     * held to what the model says of its operation (unsigned, unsigned
     * payload, signing name: sdkc_sigv4_check_expected) and verified
     * against the credentials and region
     * the implementation was given (sdkc_impl.signing_creds,
     * signing_region), service sigv4_service (NULL: the run spec's
     * signingName) and a window of sigv4_skew_s seconds around the time of
     * the check (<= 0: SDKC_SIGV4_DEFAULT_SKEW_S; at most
     * SDKC_RUNNER_MAX_SIGV4_SKEW_S). A request that does not verify fails
     * check SDKC_RUNNER_SIGV4_CHECK at level MUST, whatever the vector's
     * own level (an unsigned or mis-signed request is rejected by every
     * AWS endpoint), with the canonical request and string to sign we
     * computed in the diff; a signature on an operation the model sends
     * unsigned fails it at SHOULD (runner/README.md). In-process
     * implementations are never checked
     * (they send nothing), nor those without signing_creds. sigv4_off = 1:
     * no check (--no-sigv4, clients that do not sign). */
    int sigv4_off;
    const char *sigv4_service;
    int64_t sigv4_skew_s;
};

/* Run. SDKC_OK when every selected vector was classified or the run was
 * interrupted (summary->partial). Otherwise *fatal says what kind of
 * failure it was and err names the file and JSON path (input) or the
 * implementation (impl); the spool then holds the results so far. */
sdkc_result sdkc_runner_run(const struct sdkc_runner_options *opts,
                            struct sdkc_run_summary *summary, enum sdkc_run_fatal *fatal,
                            struct sdkc_error *err);

/* Exit status of a completed run (DESIGN.md): 1 when any gating result, else
 * 0; an interrupted run is never 0 (1). */
int sdkc_run_exit_code(const struct sdkc_run_summary *s);

/* Deterministic shard of an id (1..n): FNV-1a 64 of the id bytes, mod n. */
unsigned sdkc_runner_shard_of(const char *id, unsigned n);

#endif
